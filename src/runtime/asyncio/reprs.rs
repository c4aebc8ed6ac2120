//! The pieces of asyncio's reprs that CPython 3.11 builds with helpers:
//! `reprlib.repr` (a result shown in a future's repr is shortened),
//! `base_futures._format_callbacks` (`cb=[...]`) and
//! `format_helpers._format_callback_source` (`name() at file:line`).

use super::event_loop::Callback;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

/// `reprlib.Repr`'s limits.
const MAX_STRING: usize = 30;
const MAX_LONG: usize = 40;
const MAX_OTHER: usize = 30;
const MAX_LIST: usize = 6;
const MAX_LEVEL: usize = 6;

/// `reprlib.repr(x)`.
pub fn short_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    repr1(vm, v, MAX_LEVEL)
}

/// Cut `s` to `max` characters around `...`, keeping both ends (`reprlib`'s rule).
fn cut(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    let i = (max - 3) / 2;
    let j = max - 3 - i;
    let head: String = chars[..i].iter().collect();
    let tail: String = chars[chars.len() - j..].iter().collect();
    format!("{head}...{tail}")
}

fn repr1(vm: &mut Vm, v: &Value, level: usize) -> PyResult<String> {
    match v {
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let first: String = chars.iter().take(MAX_STRING).collect();
            let r = vm.repr(&Value::str(&first))?;
            if r.chars().count() <= MAX_STRING {
                return Ok(r);
            }
            let i = (MAX_STRING - 3) / 2;
            let j = MAX_STRING - 3 - i;
            let both: String = chars[..i].iter().chain(chars[chars.len() - j..].iter()).collect();
            let r: Vec<char> = vm.repr(&Value::str(&both))?.chars().collect();
            let head: String = r[..i].iter().collect();
            let tail: String = r[r.len() - j..].iter().collect();
            Ok(format!("{head}...{tail}"))
        }
        Value::Int(_) | Value::BigInt(_) => Ok(cut(&vm.repr(v)?, MAX_LONG)),
        Value::Obj(o) => match o.as_ref() {
            Obj::List(items) => {
                let items = items.borrow().clone();
                iterable(vm, &items, level, "[", "]")
            }
            Obj::Tuple(items) => {
                let items = items.to_vec();
                if items.len() == 1 {
                    let inner = iterable(vm, &items, level, "(", ")")?;
                    return Ok(format!("{},)", &inner[..inner.len() - 1]));
                }
                iterable(vm, &items, level, "(", ")")
            }
            _ => Ok(cut(&vm.repr(v)?, MAX_OTHER)),
        },
        _ => Ok(cut(&vm.repr(v)?, MAX_OTHER)),
    }
}

/// `Repr._repr_iterable`.
fn iterable(vm: &mut Vm, items: &[Value], level: usize, left: &str, right: &str) -> PyResult<String> {
    if items.is_empty() {
        return Ok(format!("{left}{right}"));
    }
    if level == 0 {
        return Ok(format!("{left}...{right}"));
    }
    let mut pieces = Vec::new();
    for item in items.iter().take(MAX_LIST) {
        pieces.push(repr1(vm, item, level - 1)?);
    }
    if items.len() > MAX_LIST {
        pieces.push("...".into());
    }
    Ok(format!("{left}{}{right}", pieces.join(", ")))
}

/// `format_helpers._format_callback_source(func, ())`: `qualname()` and, for a Python
/// function, ` at file:line` (the line of its `def`).
pub fn callback_source(vm: &Vm, cb: &Callback) -> String {
    match cb {
        // The C Task's bound method `task_wakeup`, which has no source.
        Callback::Wakeup { .. } => "Task.task_wakeup()".into(),
        Callback::StopLoop => "_run_until_complete_cb()".into(),
        Callback::GatherChild { .. } => "_done_callback()".into(),
        Callback::Python(f) => python_source(vm, f),
        other => other.describe(vm),
    }
}

fn python_source(vm: &Vm, f: &Value) -> String {
    let func = match f {
        Value::Obj(o) => match o.as_ref() {
            Obj::Method(_, inner) => inner.clone(),
            _ => f.clone(),
        },
        _ => f.clone(),
    };
    if let Value::Obj(o) = &func {
        if let Obj::Function(fun) = o.as_ref() {
            return format!("{}() at {}:{}", fun.code.qualname, fun.code.filename, fun.code.first_line);
        }
    }
    Callback::Python(f.clone()).describe(vm)
}

/// `repr(handle)` for a `call_soon`/`call_later` callback (`events.Handle._repr_info`
/// with `format_helpers._format_callback_source`): `<Handle f(1, 'a') at prog.py:3>`,
/// the ` at FILE:LINE` only for a Python function. CPython's debug mode also appends
/// `created at FILE:LINE` (the line that scheduled it, from `_source_traceback`);
/// handles here keep no creation site, so that part is left out.
pub fn handle_repr(vm: &mut Vm, f: &Value, args: &[Value]) -> PyResult<String> {
    let name = match vm.get_attr(f, "__qualname__").or_else(|_| vm.get_attr(f, "__name__")) {
        Ok(Value::Str(s)) if !s.is_empty() => s.to_string(),
        _ => vm.repr(f)?,
    };
    let mut pieces = Vec::new();
    for a in args {
        pieces.push(short_repr(vm, a)?);
    }
    let mut out = format!("<Handle {name}({})", pieces.join(", "));
    if let Value::Obj(o) = f {
        if let Obj::Function(fun) = o.as_ref() {
            out.push_str(&format!(" at {}:{}", fun.code.filename, fun.code.first_line));
        }
    }
    out.push('>');
    Ok(out)
}

/// `base_futures._format_callbacks`: `cb=[a]`, `cb=[a, b]` or `cb=[a, <N more>, z]`.
pub fn format_callbacks(vm: &Vm, cbs: &[Callback]) -> String {
    let inner = match cbs {
        [] => String::new(),
        [a] => callback_source(vm, a),
        [a, b] => format!("{}, {}", callback_source(vm, a), callback_source(vm, b)),
        [a, .., z] => format!("{}, <{} more>, {}", callback_source(vm, a), cbs.len() - 2, callback_source(vm, z)),
    };
    format!("cb=[{inner}]")
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn long_reprs_keep_both_ends() {
        let digits = "1".repeat(50);
        assert_eq!(cut(&digits, 40), format!("{}...{}", "1".repeat(18), "1".repeat(19)));
        assert_eq!(cut("short", 30), "short");
    }
}
