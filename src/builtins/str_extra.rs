//! The `str` methods that text-handling library code reaches for (argparse, textwrap,
//! formatting helpers): `rsplit`, `rpartition`, `removeprefix`, `removesuffix`,
//! `isidentifier`, `isprintable`, `istitle`, `casefold`, `swapcase`, `expandtabs`,
//! `format_map` and `translate`, each as CPython's `Objects/unicodeobject.c` defines it.

use super::arity;
use crate::vm::ops::int_of;
use crate::vm::value::{Args, NativeFn, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::rc::Rc;

/// The method `name` of `str`, if it is one of this module's.
pub(super) fn str_extra_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "rsplit" => rsplit,
        "rpartition" => |vm, a| {
            arity(vm, &a, "rpartition", 2, 2)?;
            let sep = sep_arg(vm, &a)?;
            let t = receiver(&a);
            Ok(match t.rsplit_once(&*sep) {
                Some((x, y)) => Value::tuple(vec![Value::str(x), Value::Str(sep.clone()), Value::str(y)]),
                None => Value::tuple(vec![Value::str(""), Value::str(""), Value::Str(t.clone())]),
            })
        },
        "removeprefix" => |vm, a| {
            arity(vm, &a, "removeprefix", 2, 2)?;
            let p = text_arg(vm, &a, "removeprefix")?;
            let t = receiver(&a);
            Ok(Value::str(t.strip_prefix(&*p).unwrap_or(&t)))
        },
        "removesuffix" => |vm, a| {
            arity(vm, &a, "removesuffix", 2, 2)?;
            let p = text_arg(vm, &a, "removesuffix")?;
            let t = receiver(&a);
            // `'abc'.removesuffix('')` is 'abc': an empty suffix removes nothing.
            Ok(Value::str(if p.is_empty() { &t } else { t.strip_suffix(&*p).unwrap_or(&t) }))
        },
        "isidentifier" => |vm, a| {
            arity(vm, &a, "isidentifier", 1, 1)?;
            let t = receiver(&a);
            let mut cs = t.chars();
            Ok(Value::Bool(match cs.next() {
                Some(c) => (c == '_' || unicode_ident::is_xid_start(c)) && cs.all(unicode_ident::is_xid_continue),
                None => false,
            }))
        },
        "isprintable" => |vm, a| {
            arity(vm, &a, "isprintable", 1, 1)?;
            Ok(Value::Bool(receiver(&a).chars().all(super::unprintable::is_printable)))
        },
        "istitle" => |vm, a| {
            arity(vm, &a, "istitle", 1, 1)?;
            // Uppercase letters only after uncased ones, lowercase only after cased ones,
            // and at least one cased letter.
            let (mut cased, mut previous_cased) = (false, false);
            for c in receiver(&a).chars() {
                if c.is_uppercase() {
                    if previous_cased {
                        return Ok(Value::Bool(false));
                    }
                    previous_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    if !previous_cased {
                        return Ok(Value::Bool(false));
                    }
                    previous_cased = true;
                    cased = true;
                } else {
                    previous_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        },
        "casefold" => |vm, a| {
            arity(vm, &a, "casefold", 1, 1)?;
            // Full case folding differs from lowercasing for a few letters (ß → ss).
            Ok(Value::str(&receiver(&a).to_lowercase().replace('ß', "ss")))
        },
        "swapcase" => |vm, a| {
            arity(vm, &a, "swapcase", 1, 1)?;
            let mut out = String::new();
            for c in receiver(&a).chars() {
                if c.is_uppercase() {
                    out.extend(c.to_lowercase());
                } else if c.is_lowercase() {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
            }
            Ok(Value::str(&out))
        },
        "expandtabs" => |vm, mut a| {
            let size = match a.take_kw("tabsize") {
                Some(v) => Some(v),
                None => a.pos.get(1).cloned(),
            };
            arity(vm, &a, "expandtabs", 1, 2)?;
            let size = match size {
                None => 8,
                Some(v) => int_of(&v).ok_or_else(|| {
                    let tn = vm.type_name(&v);
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                })?,
            };
            let t = receiver(&a);
            let tabs = t.matches('\t').count();
            vm.reserve_str(t.len().saturating_add(tabs.saturating_mul(size.max(0) as usize)))?;
            let mut out = String::new();
            let mut column = 0i64;
            for c in t.chars() {
                match c {
                    '\t' => {
                        if size > 0 {
                            let n = size - column % size;
                            out.extend(std::iter::repeat(' ').take(n as usize));
                            column += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        column = 0;
                    }
                    _ => {
                        out.push(c);
                        column += 1;
                    }
                }
            }
            Ok(Value::str(&out))
        },
        "format_map" => |vm, a| {
            arity(vm, &a, "format_map", 2, 2)?;
            let t = receiver(&a);
            let mapping = a.pos[1].clone();
            let keys = vm.iterate(&mapping)?;
            let mut kw: Vec<(Rc<str>, Value)> = Vec::with_capacity(keys.len());
            for k in keys {
                if let Value::Str(name) = &k {
                    let v = vm.get_item(&mapping, &k)?;
                    kw.push((name.clone(), v));
                }
            }
            let out = vm.str_format(&t, &[], &kw)?;
            Ok(Value::str(&out))
        },
        "translate" => |vm, a| {
            arity(vm, &a, "translate", 2, 2)?;
            let t = receiver(&a);
            let table = a.pos[1].clone();
            let mut out = String::new();
            for c in t.chars() {
                match vm.get_item(&table, &Value::Int(c as i64)) {
                    Ok(Value::None) => {}
                    Ok(Value::Str(s)) => out.push_str(&s),
                    Ok(v) => match int_of(&v).and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => return Err(vm.type_error("character mapping must return integer, None or str")),
                    },
                    Err(Fail::Exc(e)) if vm.is_instance_of(&e, "LookupError") => out.push(c),
                    Err(e) => return Err(e),
                }
                vm.reserve_str(out.len())?;
            }
            Ok(Value::str(&out))
        },
        _ => return None,
    })
}

fn receiver(a: &Args) -> Rc<str> {
    match &a.pos[0] {
        Value::Str(s) => s.clone(),
        _ => "".into(),
    }
}

/// A required str argument (`removeprefix(prefix)`).
fn text_arg(vm: &Vm, a: &Args, method: &str) -> PyResult<Rc<str>> {
    match &a.pos[1] {
        Value::Str(s) => Ok(s.clone()),
        v => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{method}() argument must be str, not {tn}")))
        }
    }
}

/// A separator: a non-empty str.
fn sep_arg(vm: &Vm, a: &Args) -> PyResult<Rc<str>> {
    match &a.pos[1] {
        Value::Str(s) if s.is_empty() => Err(vm.value_error("empty separator")),
        Value::Str(s) => Ok(s.clone()),
        v => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("must be str or None, not {tn}")))
        }
    }
}

/// `str.rsplit(sep=None, maxsplit=-1)`: splits from the right, so a limit keeps the
/// left part whole.
fn rsplit(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let maxsplit = a.take_kw("maxsplit");
    let sep = a.take_kw("sep");
    arity(vm, &a, "rsplit", 1, 3)?;
    let sep = sep.or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::None);
    let maxsplit = match maxsplit.or_else(|| a.pos.get(2).cloned()) {
        None => -1,
        Some(v) => int_of(&v).ok_or_else(|| {
            let tn = vm.type_name(&v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        })?,
    };
    let t = receiver(&a);
    let mut parts: Vec<Value> = match sep {
        Value::None => {
            let mut out = Vec::new();
            let mut rest = t.trim_end();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(Value::str(rest));
                    break;
                }
                let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
                out.push(Value::str(&rest[start..]));
                rest = rest[..start].trim_end();
            }
            out
        }
        Value::Str(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if maxsplit < 0 {
                vm.collect_within_budget(t.rsplit(&*sep).map(Value::str))?
            } else {
                vm.collect_within_budget(t.rsplitn(maxsplit as usize + 1, &*sep).map(Value::str))?
            }
        }
        v => {
            let tn = vm.type_name(&v);
            return Err(vm.type_error(format!("must be str or None, not {tn}")));
        }
    };
    parts.reverse();
    Ok(Value::list(parts))
}
