//! `repr()` and `str()` of every value.

use super::format::float_repr;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

/// Python's quoting for `repr(str)`: single quotes unless the text has one and no double.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if super::unprintable::is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

thread_local! {
    /// The lists and dicts whose repr is being built (CPython's `Py_ReprEnter`): one met
    /// again inside itself prints as `[...]` or `{...}`.
    static REPR_ACTIVE: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Run `f` with the container at `addr` marked as being repr'd; `None` if it already is.
fn repr_enter<T>(addr: usize, f: impl FnOnce() -> T) -> Option<T> {
    if REPR_ACTIVE.with(|a| a.borrow().contains(&addr)) {
        return None;
    }
    REPR_ACTIVE.with(|a| a.borrow_mut().push(addr));
    let r = f();
    REPR_ACTIVE.with(|a| a.borrow_mut().retain(|&x| x != addr));
    Some(r)
}

impl Vm {
    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Obj(o) => match o.as_ref() {
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__str__") {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.str_result(r, "__str__");
                    }
                    if inst.exc.is_some() {
                        return self.exception_str(v);
                    }
                    self.repr(v)
                }
                Obj::Class(_) => match self.meta_method(v, "__str__") {
                    Some(f) => {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        self.str_result(r, "__str__")
                    }
                    None => self.repr(v),
                },
                _ => self.repr(v),
            },
            _ => self.repr(v),
        }
    }

    fn str_result(&mut self, r: Value, method: &str) -> PyResult<String> {
        match r {
            Value::Str(s) => Ok(s.to_string()),
            other => {
                let tn = self.type_name(&other);
                Err(self.type_error(format!("{method} returned non-string (type {tn})")))
            }
        }
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        self.tick()?;
        if matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) {
            // Digits to compute (CPython's `long_to_decimal_string`, `float_repr`).
            self.cost(crate::vm::cost::NUM_TO_STR);
        }
        if let Value::Obj(_) = v {
            // Nested containers recurse here; stop where CPython's recursion limit would.
            if self.native_depth >= crate::vm::MAX_NATIVE_DEPTH {
                return Err(self.exc("RecursionError", "maximum recursion depth exceeded while getting the repr of an object"));
            }
            self.native_depth += 1;
            let r = self.repr_inner(v);
            self.native_depth -= 1;
            return r;
        }
        self.repr_inner(v)
    }

    fn repr_inner(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => super::format::bigint_str(b).map_err(|e| self.value_error(e))?,
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::Obj(o) => match o.as_ref() {
                Obj::List(l) => {
                    let items = l.borrow().clone();
                    match repr_enter(addr(o), || self.join_reprs(&items)) {
                        Some(r) => format!("[{}]", r?),
                        None => "[...]".into(),
                    }
                }
                Obj::Tuple(t) => {
                    if t.len() == 1 {
                        format!("({},)", self.repr(&t[0])?)
                    } else {
                        format!("({})", self.join_reprs(t)?)
                    }
                }
                Obj::Dict(d) => {
                    let items: Vec<(Value, Value)> = d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                    let parts = repr_enter(addr(o), || -> PyResult<Vec<String>> {
                        let mut parts = Vec::with_capacity(items.len());
                        for (k, v) in items {
                            parts.push(format!("{}: {}", self.repr(&k)?, self.repr(&v)?));
                        }
                        Ok(parts)
                    });
                    match parts {
                        Some(p) => format!("{{{}}}", p?.join(", ")),
                        None => "{...}".into(),
                    }
                }
                Obj::Set(s) => {
                    let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
                    if items.is_empty() {
                        "set()".into()
                    } else {
                        format!("{{{}}}", self.join_reprs(&items)?)
                    }
                }
                Obj::FrozenSet(s) => {
                    let items: Vec<Value> = s.borrow().iter().map(|k| k.0.clone()).collect();
                    if items.is_empty() {
                        "frozenset()".into()
                    } else {
                        format!("frozenset({{{}}})", self.join_reprs(&items)?)
                    }
                }
                Obj::Bytes(_) | Obj::ByteArray(_) => super::bytes::repr_of(o).unwrap_or_default(),
                Obj::Range(a, b, s) => {
                    if *s == 1 {
                        format!("range({a}, {b})")
                    } else {
                        format!("range({a}, {b}, {s})")
                    }
                }
                Obj::Slice(a, b, c) => format!("slice({}, {}, {})", self.repr(a)?, self.repr(b)?, self.repr(c)?),
                Obj::Function(f) => {
                    let qualname = match f.attrs.borrow().as_ref().and_then(|d| d.get("__qualname__").cloned()) {
                        Some(Value::Str(q)) => q,
                        _ => f.code.qualname.clone(),
                    };
                    format!("<function {qualname} at 0x{:x}>", addr(o))
                }
                Obj::Method(recv, f) => {
                    let name = match f.as_obj().map(|x| x.as_ref()) {
                        Some(Obj::Function(func)) => func.code.qualname.to_string(),
                        _ => "?".into(),
                    };
                    let r = self.repr(recv)?;
                    format!("<bound method {name} of {r}>")
                }
                Obj::Builtin(b) => format!("<built-in function {}>", b.name),
                Obj::Class(c) => {
                    if let Some(f) = self.meta_method(v, "__repr__") {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.str_result(r, "__repr__");
                    }
                    if &*c.module == "builtins" {
                        format!("<class '{}'>", c.qualname)
                    } else {
                        format!("<class '{}.{}'>", c.module, c.qualname)
                    }
                }
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__repr__") {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.str_result(r, "__repr__");
                    }
                    if inst.exc.is_some() {
                        return self.exception_repr(v);
                    }
                    if let Some(r) = self.native_subclass_repr(v) {
                        return r;
                    }
                    let c = inst.class.as_class().expect("class");
                    if &*c.name == "NotImplementedType" {
                        return Ok("NotImplemented".into());
                    }
                    if &*c.name == "ellipsis" {
                        return Ok("Ellipsis".into());
                    }
                    format!("<{}.{} object at 0x{:x}>", c.module, c.qualname, addr(o))
                }
                Obj::Module(m) => format!("<module '{}'>", m.name),
                Obj::Cell(_) => "<cell>".into(),
                Obj::Coroutine(c) => format!("<coroutine object {} at 0x{:x}>", c.borrow().qualname, addr(o)),
                Obj::NativeCoro(c) => {
                    let name = c.borrow().as_ref().map(|n| n.name()).unwrap_or("coroutine");
                    format!("<coroutine object {name} at 0x{:x}>", addr(o))
                }
                Obj::Iter(_) => format!("<iterator object at 0x{:x}>", addr(o)),
                Obj::Generator(g) => {
                    let g = g.borrow();
                    format!("<{} object {} at 0x{:x}>", o.kind_name(), g.qualname, addr(o))
                }
                Obj::Native(n) => n.repr(self, v)?,
                Obj::Super(..) => "<super>".into(),
            },
        })
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for i in items {
            parts.push(self.repr(i)?);
        }
        Ok(parts.join(", "))
    }
}

/// A stable pseudo-address for reprs (the object's allocation).
pub fn addr(o: &std::rc::Rc<Obj>) -> usize {
    std::rc::Rc::as_ptr(o) as *const u8 as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_reprs_quote_like_python() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb"), "'a\\nb'");
        assert_eq!(str_repr("'\""), "'\\'\"'");
    }
}
