//! Exceptions: creation, chaining, matching, exception groups and `except*`, tracebacks.
//!
//! Messages and traceback layout follow CPython 3.11 (`Python/traceback.c`,
//! `Objects/exceptions.c`), including the boxed layout of exception-group tracebacks.

use super::types::{is_exception_class, is_subclass, qualified_name};
use super::value::{ExcState, Instance, Obj, TracebackEntry, Value};
use super::{Fail, PyResult, Vm};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

/// A new exception instance of `class` with `args`.
pub fn new_exception(class: &Value, args: Vec<Value>) -> Value {
    Value::obj(Obj::Instance(Box::new(Instance {
        class: class.clone(),
        dict: RefCell::new(IndexMap::new()),
        exc: Some(RefCell::new(ExcState { args, ..Default::default() })),
    })))
}

/// The exception state of `v`, if it is an exception instance.
pub fn exc_state(v: &Value) -> Option<&RefCell<ExcState>> {
    v.as_instance().and_then(|i| i.exc.as_ref())
}

/// Record that `exc` passed through `code` at `line` (innermost first).
pub fn add_traceback(exc: &Value, code: &Rc<crate::compiler::Code>, line: u32) {
    if let Some(st) = exc_state(exc) {
        let mut st = st.borrow_mut();
        if let Some(last) = st.traceback.last() {
            if Rc::ptr_eq(&last.code, code) && last.line == line {
                return;
            }
        }
        st.traceback.push(TracebackEntry { code: code.clone(), line });
    }
}

/// Sets `exc.__context__` to `handled` unless already set (or the same exception), as raising
/// inside an `except` does.
pub fn set_context_if_unset(exc: &Value, handled: &Value) {
    if exc.is(handled) {
        return;
    }
    if let Some(st) = exc_state(exc) {
        let mut st = st.borrow_mut();
        if st.context.is_none() {
            st.context = Some(handled.clone());
        }
    }
}

/// Sets `exc.__cause__` (and `__suppress_context__`), as `raise ... from cause` does.
pub fn set_cause(exc: &Value, cause: Option<Value>) {
    if let Some(st) = exc_state(exc) {
        let mut st = st.borrow_mut();
        st.cause = cause;
        st.suppress_context = true;
    }
}

/// The exception's contained exceptions, for groups.
pub fn group_of(v: &Value) -> Option<(Rc<str>, Vec<Value>)> {
    exc_state(v).and_then(|s| s.borrow().group.clone())
}

/// Attributes every exception has.
pub fn exception_attr(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let st = exc_state(v)?.borrow();
    Some(match name {
        "args" => Value::tuple(st.args.clone()),
        "__cause__" => st.cause.clone().unwrap_or(Value::None),
        "__context__" => st.context.clone().unwrap_or(Value::None),
        "__suppress_context__" => Value::Bool(st.suppress_context),
        "__traceback__" => Value::None,
        "value" if vm.is_instance_of(v, "StopIteration") => st.args.first().cloned().unwrap_or(Value::None),
        // `SystemExit.code`: None without arguments, the one argument, else the tuple.
        "code" if vm.is_instance_of(v, "SystemExit") => match st.args.len() {
            0 => Value::None,
            1 => st.args[0].clone(),
            _ => Value::tuple(st.args.clone()),
        },
        "exceptions" => match &st.group {
            Some((_, excs)) => Value::tuple(excs.clone()),
            None => return None,
        },
        "message" => match &st.group {
            Some((m, _)) => Value::Str(m.clone()),
            None => return None,
        },
        "with_traceback" | "add_note" => {
            drop(st);
            return (vm.hooks.value_method)(vm, v, name);
        }
        _ => return None,
    })
}

/// Sets one of the attributes an exception keeps in its state (`__cause__`, `__context__`,
/// `args`...); false for any other name.
pub fn set_exception_attr(v: &Value, name: &str, val: &Value) -> bool {
    let Some(st) = exc_state(v) else { return false };
    let mut st = st.borrow_mut();
    match name {
        "__cause__" => {
            st.cause = if val.is_none() { None } else { Some(val.clone()) };
            st.suppress_context = true;
        }
        "__context__" => st.context = if val.is_none() { None } else { Some(val.clone()) },
        "__suppress_context__" => st.suppress_context = matches!(val, Value::Bool(true)),
        "args" => {
            if let Value::Obj(o) = val {
                if let Obj::Tuple(t) = o.as_ref() {
                    st.args = t.clone();
                }
            }
        }
        _ => return false,
    }
    true
}

/// `ExceptionGroup(msg, excs)`: validate and record the group; `BaseExceptionGroup`
/// becomes an `ExceptionGroup` when every member is an `Exception`, as in CPython.
pub fn init_group_if_needed(vm: &mut Vm, instance: &Value) -> PyResult<Value> {
    let class = vm.type_of(instance);
    let base_group = vm.types.exc("BaseExceptionGroup");
    if !is_subclass(&class, &base_group) {
        return Ok(instance.clone());
    }
    let args = exc_state(instance).map(|s| s.borrow().args.clone()).unwrap_or_default();
    let cname = class.as_class().map(|c| c.name.to_string()).unwrap_or_default();
    if args.len() != 2 {
        return Err(vm.type_error(format!("{cname}() takes exactly 2 arguments ({} given)", args.len())));
    }
    let Value::Str(msg) = &args[0] else {
        return Err(vm.type_error("argument 1 must be str"));
    };
    let excs = vm.iterate(&args[1]).map_err(|_| vm.type_error("second argument (exceptions) must be a sequence"))?;
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let exception = vm.types.exc("Exception");
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        let t = vm.type_of(e);
        if !is_exception_class(&t) || exc_state(e).is_none() {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        all_exceptions &= is_subclass(&t, &exception);
    }
    let is_exception_group = is_subclass(&class, &exception);
    if is_exception_group && !all_exceptions {
        return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    let target = if class.is(&base_group) && all_exceptions { vm.types.exc("ExceptionGroup") } else { class };
    let group = new_exception(&target, args.clone());
    exc_state(&group).unwrap().borrow_mut().group = Some((msg.clone(), excs));
    Ok(group)
}

impl Vm {
    /// `raise X`: X may be a class (instantiated with no arguments) or an instance.
    pub fn make_raisable(&mut self, v: Value) -> PyResult<Value> {
        if v.as_class().is_some() && is_exception_class(&v) {
            return self.call_sync(&v, vec![]);
        }
        if exc_state(&v).is_some() {
            return Ok(v);
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    /// Does `exc` match the class or tuple of classes `ty` (an `except` clause)?
    pub fn exception_matches(&mut self, exc: &Value, ty: &Value) -> PyResult<bool> {
        let classes = match ty {
            Value::Obj(o) => match o.as_ref() {
                Obj::Tuple(items) => items.clone(),
                _ => vec![ty.clone()],
            },
            _ => vec![ty.clone()],
        };
        let t = self.type_of(exc);
        for c in &classes {
            if !is_exception_class(c) || c.as_class().is_none() {
                return Err(self.type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            if is_subclass(&t, c) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Split `exc` (a group, or a naked exception) by `ty`: (matched, rest), each `None`
    /// when empty. A naked exception that matches is wrapped in `ExceptionGroup('', ...)`.
    pub fn exc_group_split(&mut self, exc: &Value, ty: &Value) -> PyResult<(Value, Value)> {
        if exc.is_none() {
            return Ok((Value::None, Value::None));
        }
        if group_of(exc).is_none() {
            if self.exception_matches(exc, ty)? {
                let wrapped = self.new_group("", vec![exc.clone()])?;
                return Ok((wrapped, Value::None));
            }
            return Ok((Value::None, exc.clone()));
        }
        self.split_group(exc, ty)
    }

    fn split_group(&mut self, exc: &Value, ty: &Value) -> PyResult<(Value, Value)> {
        if self.exception_matches(exc, ty)? {
            return Ok((exc.clone(), Value::None));
        }
        let Some((msg, members)) = group_of(exc) else {
            return Ok((Value::None, exc.clone()));
        };
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        for m in members {
            let (a, b) = if group_of(&m).is_some() {
                self.split_group(&m, ty)?
            } else if self.exception_matches(&m, ty)? {
                (m.clone(), Value::None)
            } else {
                (Value::None, m.clone())
            };
            if !a.is_none() {
                yes.push(a);
            }
            if !b.is_none() {
                no.push(b);
            }
        }
        let class = self.type_of(exc);
        let derive = |vm: &mut Vm, items: Vec<Value>| -> PyResult<Value> {
            if items.is_empty() {
                return Ok(Value::None);
            }
            let g = new_exception(&class, vec![Value::Str(msg.clone()), Value::list(items.clone())]);
            let g = init_group_if_needed(vm, &g)?;
            copy_chaining(exc, &g);
            Ok(g)
        };
        let matched = derive(self, yes)?;
        let rest = derive(self, no)?;
        Ok((matched, rest))
    }

    /// `ExceptionGroup(msg, excs)` (or `BaseExceptionGroup` when a member is not an Exception).
    pub fn new_group(&mut self, msg: &str, excs: Vec<Value>) -> PyResult<Value> {
        let base = self.types.exc("BaseExceptionGroup");
        let g = new_exception(&base, vec![Value::str(msg), Value::list(excs)]);
        init_group_if_needed(self, &g)
    }

    /// What a `try/except*` raises when its clauses are done.
    pub fn exc_star_result(&mut self, orig: &Value, raised: &Value, rest: &Value) -> PyResult<Option<Value>> {
        let raised = self.iterate(raised)?;
        if raised.is_empty() {
            return Ok(if rest.is_none() { None } else { Some(rest.clone()) });
        }
        let mut items = raised;
        if !rest.is_none() {
            items.push(rest.clone());
        }
        let g = self.new_group("", items)?;
        let _ = orig;
        Ok(Some(g))
    }

    /// `str(exc)`.
    pub fn exception_str(&mut self, exc: &Value) -> PyResult<String> {
        let Some(st) = exc_state(exc) else { return Ok(String::new()) };
        let (args, group) = {
            let s = st.borrow();
            (s.args.clone(), s.group.clone())
        };
        if let Some((msg, excs)) = group {
            let n = excs.len();
            let s = if n == 1 { "" } else { "s" };
            return Ok(format!("{msg} ({n} sub-exception{s})"));
        }
        let is_key_error = self.is_instance_of(exc, "KeyError");
        Ok(match args.len() {
            0 => String::new(),
            1 if is_key_error => self.repr(&args[0])?,
            1 => self.to_str(&args[0])?,
            _ => self.repr(&Value::tuple(args))?,
        })
    }

    /// `repr(exc)`: `ValueError('boom')`.
    pub fn exception_repr(&mut self, exc: &Value) -> PyResult<String> {
        let name = self.type_name(exc);
        let args = exc_state(exc).map(|s| s.borrow().args.clone()).unwrap_or_default();
        let inner = match args.len() {
            1 => self.repr(&args[0])?,
            _ => {
                let r = self.repr(&Value::tuple(args))?;
                r.trim_start_matches('(').trim_end_matches(')').trim_end_matches(',').to_string()
            }
        };
        Ok(format!("{name}({inner})"))
    }

    /// The last line of a traceback: `ValueError: boom`, or just the class name. The
    /// message is `str(exc)`, a class's own `__str__` included, as CPython's traceback
    /// module prints it.
    pub fn exception_line(&mut self, exc: &Value) -> String {
        let name = qualified_name(&self.type_of(exc));
        match self.to_str(exc) {
            Ok(s) if s.is_empty() => name.to_string(),
            Ok(s) => format!("{name}: {s}"),
            Err(_) => format!("{name}: <exception str() failed>"),
        }
    }

    /// The whole traceback CPython would print for an uncaught exception.
    pub fn format_traceback(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_chain(exc, &mut out, &mut seen, "", false);
        out
    }

    /// What the interpreter prints for an uncaught exception (`sys.excepthook`,
    /// `threading.excepthook`): the traceback, with CPython 3.11's "Did you mean"
    /// suggestions on `AttributeError` and `NameError` lines (`print_exception`).
    pub fn display_traceback(&mut self, exc: &Value) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_chain(exc, &mut out, &mut seen, "", true);
        out
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, seen: &mut Vec<Value>, margin: &str, suggest: bool) {
        seen.push(exc.clone());
        let (cause, context, suppress) = match exc_state(exc) {
            Some(s) => {
                let s = s.borrow();
                (s.cause.clone(), s.context.clone(), s.suppress_context)
            }
            None => (None, None, false),
        };
        if let Some(c) = cause.filter(|c| !seen.iter().any(|s| s.is(c))) {
            self.format_chain(&c, out, seen, margin, suggest);
            out.push_str(&format!(
                "{margin}\n{margin}The above exception was the direct cause of the following exception:\n{margin}\n"
            ));
        } else if let Some(c) = context.filter(|c| !suppress && !seen.iter().any(|s| s.is(c))) {
            self.format_chain(&c, out, seen, margin, suggest);
            out.push_str(&format!(
                "{margin}\n{margin}During handling of the above exception, another exception occurred:\n{margin}\n"
            ));
        }
        self.format_one(exc, out, margin, suggest);
    }

    fn traceback_lines(&self, exc: &Value) -> Vec<String> {
        let entries = exc_state(exc).map(|s| s.borrow().traceback.clone()).unwrap_or_default();
        let mut lines = Vec::new();
        for e in entries.iter().rev().filter(|e| !e.code.internal) {
            lines.push(format!("  File \"{}\", line {}, in {}", e.code.filename, e.line, e.code.name));
            if let Some(src) = self.sources.get(&e.code.filename) {
                let text = src.line_text(e.line).trim();
                if !text.is_empty() {
                    lines.push(format!("    {text}"));
                }
            }
        }
        lines
    }

    fn format_one(&mut self, exc: &Value, out: &mut String, margin: &str, suggest: bool) {
        let tb = self.traceback_lines(exc);
        let Some((_, members)) = group_of(exc) else {
            if !tb.is_empty() {
                out.push_str(&format!("{margin}Traceback (most recent call last):\n"));
                for l in &tb {
                    out.push_str(&format!("{margin}{l}\n"));
                }
            }
            let mut line = self.exception_line(exc);
            if suggest {
                if let Some(s) = self.suggestion_for(exc) {
                    line.push_str(&format!(". Did you mean: '{s}'?"));
                }
            }
            out.push_str(&format!("{margin}{line}\n"));
            return;
        };
        // CPython's boxed exception-group layout.
        let head = if margin.is_empty() { "  + " } else { "+ " };
        let bar = if margin.is_empty() { "  | " } else { "| " };
        out.push_str(&format!("{margin}{head}Exception Group Traceback (most recent call last):\n"));
        for l in &tb {
            out.push_str(&format!("{margin}{bar}{l}\n"));
        }
        let line = self.exception_line(exc);
        out.push_str(&format!("{margin}{bar}{line}\n"));
        let inner_margin = format!("{margin}{}", if margin.is_empty() { "    " } else { "  " });
        let n = members.len();
        for (i, m) in members.iter().enumerate() {
            let sep = if i == 0 {
                format!("{margin}{}+-+---------------- {} ----------------\n", if margin.is_empty() { "  " } else { "" }, i + 1)
            } else {
                format!("{inner_margin}+---------------- {} ----------------\n", i + 1)
            };
            out.push_str(&sep);
            let mut body = String::new();
            let mut seen = Vec::new();
            self.format_chain(m, &mut body, &mut seen, "", suggest);
            for l in body.lines() {
                out.push_str(&format!("{inner_margin}| {l}\n"));
            }
            if i + 1 == n {
                out.push_str(&format!("{inner_margin}+------------------------------------\n"));
            }
        }
    }
}

/// A derived group keeps the original's chaining and traceback.
fn copy_chaining(from: &Value, to: &Value) {
    if let (Some(a), Some(b)) = (exc_state(from), exc_state(to)) {
        let a = a.borrow();
        let mut b = b.borrow_mut();
        b.cause = a.cause.clone();
        b.context = a.context.clone();
        b.suppress_context = a.suppress_context;
        b.traceback = a.traceback.clone();
    }
}

impl Fail {
    /// Whether it is an engine limit (not catchable).
    pub fn is_limit(&self) -> bool {
        matches!(self, Fail::Limit(_))
    }
}
