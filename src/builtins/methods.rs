//! Methods of the built-in values: `str`, `list`, `dict`, `set`, `tuple`, numbers.

use super::arity;
use crate::vm::ops::int_of;
use crate::vm::value::{Args, Builtin, Key, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The bound method `v.name`, if the built-in type has one.
pub fn value_method(_vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let f: NativeFn = match v {
        Value::Str(_) => super::str_search::str_search_method(name)
            .or_else(|| fixup(name))
            .or_else(|| str_method(name))
            .or_else(|| super::str_extra::str_extra_method(name))?,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match name {
            "bit_length" => |_vm, a| {
                Ok(Value::Int(match &a.pos[0] {
                    Value::BigInt(b) => b.bits() as i64,
                    v => 64 - int_of(v).unwrap_or(0).unsigned_abs().leading_zeros() as i64,
                }))
            },
            "bit_count" => |_vm, a| {
                Ok(Value::Int(match &a.pos[0] {
                    Value::BigInt(b) => b.magnitude().count_ones() as i64,
                    v => int_of(v).unwrap_or(0).unsigned_abs().count_ones() as i64,
                }))
            },
            "conjugate" => |_vm, a| {
                Ok(match &a.pos[0] {
                    Value::Bool(b) => Value::Int(*b as i64),
                    v => v.clone(),
                })
            },
            "to_bytes" => super::bytes::int_to_bytes,
            "as_integer_ratio" => |_vm, a| {
                let n = match &a.pos[0] {
                    Value::Bool(b) => Value::Int(*b as i64),
                    v => v.clone(),
                };
                Ok(Value::tuple(vec![n, Value::Int(1)]))
            },
            _ => return None,
        },
        Value::Float(_) => match name {
            "is_integer" => |_vm, a| Ok(Value::Bool(matches!(a.pos[0], Value::Float(f) if f.fract() == 0.0))),
            _ => return None,
        },
        Value::Obj(o) => match o.as_ref() {
            Obj::List(_) => list_method(name)?,
            Obj::Dict(_) => dict_method(name)?,
            Obj::Set(_) => set_method(name)?,
            Obj::FrozenSet(_) => frozenset_method(name)?,
            Obj::Bytes(_) => super::bytes::bytes_method(name)?,
            Obj::ByteArray(_) => super::bytes::bytearray_method(name)?,
            Obj::Tuple(_) => match name {
                "count" => seq_count,
                "index" => seq_index,
                _ => return None,
            },
            Obj::Instance(i) if i.exc.is_some() => match name {
                "with_traceback" => |_vm, a| Ok(a.pos[0].clone()),
                "add_note" => |_vm, _a| Ok(Value::None),
                _ => return None,
            },
            Obj::Coroutine(_) => match name {
                "close" => |_vm, a| {
                    if let Value::Obj(o) = &a.pos[0] {
                        if let Obj::Coroutine(c) = o.as_ref() {
                            c.borrow_mut().state = crate::vm::value::CoroState::Done;
                        }
                    }
                    Ok(Value::None)
                },
                _ => return None,
            },
            _ => return None,
        },
        Value::None => return None,
    };
    let name: &'static str = static_name(name);
    if let Value::Str(_) = v {
        // A str method's own work on a short string, its new result object included
        // (`s.upper()` ~40 ns, `s.split(":")` ~110 ns in CPython 3.11): `cost::STR_METHOD`
        // on top of the call; long inputs add their per-element costs.
        _vm.cost(crate::vm::cost::STR_METHOD);
    }
    Some(Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(v.clone()), unbound: None })))
}

/// Method names are looked up from code; keep a `'static` copy for the builtin's name.
fn static_name(name: &str) -> &'static str {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashMap<String, &'static str>> = Default::default();
    }
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(s) = n.get(name) {
            return *s;
        }
        let s: &'static str = Box::leak(name.to_string().into_boxed_str());
        n.insert(name.to_string(), s);
        s
    })
}

fn this_str(a: &Args) -> Rc<str> {
    match &a.pos[0] {
        Value::Str(s) => s.clone(),
        _ => "".into(),
    }
}

fn str_arg(vm: &Vm, a: &Args, i: usize, method: &str) -> PyResult<Option<Rc<str>>> {
    match a.pos.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(v) => {
            if let Some(s) = crate::vm::value::str_like(v) {
                return Ok(Some(s));
            }
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{method}() argument must be str or None, not {tn}")))
        }
    }
}

fn s(v: String) -> PyResult<Value> {
    Ok(Value::Str(v.into()))
}

fn str_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        // Each character is mapped (`cost::PER_CHAR_MAP`), as `ascii_upper_or_lower`.
        "upper" => |vm, a| {
            vm.cost_items(this_str(&a).len(), crate::vm::cost::PER_CHAR_MAP)?;
            s(this_str(&a).to_uppercase())
        },
        "lower" => |vm, a| {
            vm.cost_items(this_str(&a).len(), crate::vm::cost::PER_CHAR_MAP)?;
            s(this_str(&a).to_lowercase())
        },
        "title" => |_vm, a| {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in this_str(&a).chars() {
                if c.is_alphabetic() {
                    if prev_alpha {
                        out.extend(c.to_lowercase());
                    } else {
                        out.extend(c.to_uppercase());
                    }
                    prev_alpha = true;
                } else {
                    out.push(c);
                    prev_alpha = false;
                }
            }
            s(out)
        },
        "capitalize" => |_vm, a| {
            let t = this_str(&a);
            let mut c = t.chars();
            s(match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        },
        "strip" | "lstrip" | "rstrip" => |vm, a| {
            let chars = str_arg(vm, &a, 1, "strip")?;
            let t = this_str(&a);
            let pred = |c: char| match &chars {
                Some(cs) => cs.contains(c),
                None => c.is_whitespace(),
            };
            s(t.trim_matches(pred).to_string())
        },
        "split" => |vm, mut a| {
            let maxsplit = a.take_kw("maxsplit").and_then(|v| int_of(&v)).or_else(|| a.pos.get(2).and_then(int_of)).unwrap_or(-1);
            let sep = match a.take_kw("sep") {
                Some(Value::Str(x)) => Some(x),
                _ => str_arg(vm, &a, 1, "split")?,
            };
            let t = this_str(&a);
            let parts: Vec<Value> = match sep {
                Some(sep) => {
                    if sep.is_empty() {
                        return Err(vm.value_error("empty separator"));
                    }
                    if maxsplit < 0 {
                        vm.collect_within_budget(t.split(&*sep).map(Value::str))?
                    } else {
                        vm.collect_within_budget(t.splitn(maxsplit as usize + 1, &*sep).map(Value::str))?
                    }
                }
                None => {
                    if maxsplit < 0 {
                        vm.collect_within_budget(t.split_whitespace().map(Value::str))?
                    } else {
                        let mut out = Vec::new();
                        let mut rest = t.trim_start();
                        while !rest.is_empty() {
                            if out.len() as i64 == maxsplit {
                                out.push(Value::str(rest));
                                break;
                            }
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            out.push(Value::str(&rest[..end]));
                            rest = rest[end..].trim_start();
                        }
                        out
                    }
                }
            };
            // Each part is a new str object appended to the list (`cost::PER_SPLIT_PART`).
            vm.cost_items(parts.len(), crate::vm::cost::PER_SPLIT_PART)?;
            Ok(Value::list(parts))
        },
        "join" => |vm, a| {
            arity(vm, &a, "join", 2, 2)?;
            let sep = this_str(&a);
            let items = vm.iterate(&a.pos[1])?;
            // Each piece's length is read, then the piece copied (`cost::PER_JOIN_ITEM`).
            vm.cost_items(items.len(), crate::vm::cost::PER_JOIN_ITEM)?;
            // The whole size is known before anything is copied: refuse it at once.
            // A str subclass' instance joins as its text (`"-".join([Upper("a")])`).
            let items: Vec<Value> = items.into_iter().map(|v| crate::vm::value::str_like(&v).map(Value::Str).unwrap_or(v)).collect();
            let total = items.iter().map(|v| if let Value::Str(x) = v { x.len() } else { 0 }).sum::<usize>();
            vm.reserve_str(total.saturating_add(sep.len().saturating_mul(items.len().saturating_sub(1))))?;
            let mut out = String::new();
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                match it {
                    Value::Str(x) => out.push_str(x),
                    v => {
                        let tn = vm.type_name(v);
                        return Err(vm.type_error(format!("sequence item {i}: expected str instance, {tn} found")));
                    }
                }
            }
            s(out)
        },
        "replace" => |vm, a| {
            arity(vm, &a, "replace", 3, 4)?;
            let old = str_arg(vm, &a, 1, "replace")?.unwrap_or_else(|| "".into());
            let new = str_arg(vm, &a, 2, "replace")?.unwrap_or_else(|| "".into());
            let t = this_str(&a);
            let limit = a.pos.get(3).and_then(int_of).filter(|n| *n >= 0).map(|n| n as usize);
            let found = if old.is_empty() { t.chars().count() + 1 } else { t.matches(&*old).count() };
            vm.reserve_str(t.len().saturating_add(found.min(limit.unwrap_or(usize::MAX)).saturating_mul(new.len())))?;
            // The text is scanned and copied character by character (`cost::PER_CHAR`).
            vm.cost_items(t.len(), crate::vm::cost::PER_CHAR)?;
            s(match limit {
                Some(n) => t.replacen(&*old, &new, n),
                None => t.replace(&*old, &new),
            })
        },
        "startswith" | "endswith" => |vm, a| {
            let t = this_str(&a);
            let pats: Vec<Rc<str>> = match a.pos.get(1) {
                Some(Value::Str(p)) => vec![p.clone()],
                Some(v) if crate::vm::value::str_like(v).is_some() => crate::vm::value::str_like(v).into_iter().collect(),
                Some(v) => vm.iterate(v)?.into_iter().filter_map(|x| crate::vm::value::str_like(&x)).collect(),
                None => return Err(vm.type_error("startswith() takes at least 1 argument (0 given)")),
            };
            Ok(Value::Bool(pats.iter().any(|p| t.starts_with(&**p))))
        },
        "isdigit" | "isnumeric" | "isdecimal" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(!t.is_empty() && t.chars().all(|c| c.is_ascii_digit())))
        },
        // True for the empty string too, as in CPython.
        "isascii" => |_vm, a| Ok(Value::Bool(this_str(&a).is_ascii())),
        "isalpha" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(!t.is_empty() && t.chars().all(char::is_alphabetic)))
        },
        "isalnum" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(!t.is_empty() && t.chars().all(char::is_alphanumeric)))
        },
        "isspace" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(!t.is_empty() && t.chars().all(char::is_whitespace)))
        },
        "isupper" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)))
        },
        "islower" => |_vm, a| {
            let t = this_str(&a);
            Ok(Value::Bool(t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_uppercase)))
        },
        "center" => |vm, a| pad_to(vm, a, "center", '^'),
        "zfill" => |vm, a| pad_to(vm, a, "zfill", '='),
        "format" => |vm, a| {
            let t = this_str(&a);
            let out = vm.str_format(&t, &a.pos[1..], &a.kw)?;
            s(out)
        },
        "partition" => |vm, a| {
            let sep = str_arg(vm, &a, 1, "partition")?.unwrap_or_else(|| "".into());
            let t = this_str(&a);
            Ok(match t.split_once(&*sep) {
                Some((x, y)) => Value::tuple(vec![Value::str(x), Value::Str(sep.clone()), Value::str(y)]),
                None => Value::tuple(vec![Value::Str(t.clone()), Value::str(""), Value::str("")]),
            })
        },
        "encode" => super::bytes::str_encode,
        _ => return None,
    })
}

/// Methods that share a body with a sibling above (`strip`, `startswith`,
/// `center`) but differ in direction; looked up first.
fn fixup(name: &str) -> Option<NativeFn> {
    Some(match name {
        "lstrip" => |vm, a| strip_dir(vm, a, true, false),
        "rstrip" => |vm, a| strip_dir(vm, a, false, true),
        "endswith" => |vm, a| {
            let t = this_str(&a);
            let pats: Vec<Rc<str>> = match a.pos.get(1) {
                Some(Value::Str(p)) => vec![p.clone()],
                Some(v) if crate::vm::value::str_like(v).is_some() => crate::vm::value::str_like(v).into_iter().collect(),
                Some(v) => vm.iterate(v)?.into_iter().filter_map(|x| crate::vm::value::str_like(&x)).collect(),
                None => return Err(vm.type_error("endswith() takes at least 1 argument (0 given)")),
            };
            Ok(Value::Bool(pats.iter().any(|p| t.ends_with(&**p))))
        },
        "ljust" => |vm, a| pad_to(vm, a, "ljust", '<'),
        "rjust" => |vm, a| pad_to(vm, a, "rjust", '>'),
        _ => return None,
    })
}

/// `str.center`, `ljust`, `rjust` and `zfill`: `t` padded to a width (unicodeobject.c,
/// `pad`). The padded string is refused before it is made when it would not fit the
/// memory budget (`MemoryError`), and a width past any index is CPython's `OverflowError`.
fn pad_to(vm: &mut Vm, a: Args, method: &str, align: char) -> PyResult<Value> {
    let t = this_str(&a);
    if align == '=' && a.pos.len() > 2 {
        return Err(vm.type_error(format!("str.zfill() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    let w = match a.pos.get(1) {
        Some(Value::BigInt(_)) => return Err(vm.exc("OverflowError", "Python int too large to convert to C ssize_t")),
        Some(v) => match int_of(v) {
            Some(w) => w.max(0) as usize,
            None => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
            }
        },
        None => return Err(vm.type_error(format!("{method} expected at least 1 argument, got 0"))),
    };
    let fill = match a.pos.get(2) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
        None if align == '=' => '0',
        None => ' ',
    };
    let n = t.chars().count();
    if w <= n {
        return s(t.to_string());
    }
    let pad = w - n;
    vm.reserve_str(pad.saturating_mul(fill.len_utf8()).saturating_add(t.len()))?;
    let f = |k: usize| fill.to_string().repeat(k);
    s(match align {
        '<' => format!("{t}{}", f(pad)),
        '>' => format!("{}{t}", f(pad)),
        // The extra fill goes left when both the padding and the width are odd.
        '^' => {
            let left = pad / 2 + (pad & w & 1);
            format!("{}{t}{}", f(left), f(pad - left))
        }
        _ => {
            let (sign, digits) = if t.starts_with(['-', '+']) { t.split_at(1) } else { ("", &*t) };
            format!("{sign}{}{digits}", f(pad))
        }
    })
}

fn strip_dir(vm: &mut Vm, a: Args, left: bool, right: bool) -> PyResult<Value> {
    let chars = str_arg(vm, &a, 1, "strip")?;
    let t = this_str(&a);
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(c),
        None => c.is_whitespace(),
    };
    let mut r: &str = &t;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    s(r.to_string())
}

fn with_list<R>(v: &Value, f: impl FnOnce(&mut Vec<Value>) -> R) -> R {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::List(l) => f(&mut l.borrow_mut()),
            _ => unreachable!("list method on non-list"),
        },
        _ => unreachable!("list method on non-list"),
    }
}

fn list_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "append" => |vm, a| {
            arity(vm, &a, "append", 2, 2)?;
            with_list(&a.pos[0], |l| l.push(a.pos[1].clone()));
            Ok(Value::None)
        },
        "extend" => |vm, a| {
            arity(vm, &a, "extend", 2, 2)?;
            if runs_code_per_item(&a.pos[1]) {
                // `list_extend` of an iterator appends each item as it comes, so the
                // producer sees the list grow (`xs.extend(len(xs) for _ in ...)`).
                let it = vm.get_iter(&a.pos[1])?;
                let mut len = with_list(&a.pos[0], |l| l.len());
                while let Some(v) = vm.next(&it)? {
                    len += 1;
                    if len % 4096 == 0 {
                        vm.reserve_items::<Value>(len)?;
                    }
                    with_list(&a.pos[0], |l| l.push(v));
                }
                return Ok(Value::None);
            }
            let items = vm.iterate(&a.pos[1])?;
            // Growing may copy the list to a new block as large as both.
            let len = with_list(&a.pos[0], |l| l.len());
            vm.reserve_items::<Value>(len.saturating_add(items.len()))?;
            with_list(&a.pos[0], |l| l.extend(items));
            Ok(Value::None)
        },
        "insert" => |vm, a| {
            arity(vm, &a, "insert", 3, 3)?;
            let i = int_of(&a.pos[1]).ok_or_else(|| vm.type_error("'str' object cannot be interpreted as an integer"))?;
            with_list(&a.pos[0], |l| {
                let n = l.len() as i64;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
                l.insert(at as usize, a.pos[2].clone());
            });
            Ok(Value::None)
        },
        "pop" => |vm, a| {
            let i = a.pos.get(1).and_then(int_of);
            let r = with_list(&a.pos[0], |l| {
                if l.is_empty() {
                    return Err("pop from empty list");
                }
                let n = l.len() as i64;
                let i = i.unwrap_or(-1);
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err("pop index out of range");
                }
                Ok(l.remove(j as usize))
            });
            r.map_err(|m| vm.exc("IndexError", m))
        },
        "remove" => |vm, a| {
            let items = with_list(&a.pos[0], |l| l.clone());
            for (i, it) in items.iter().enumerate() {
                if vm.eq(it, &a.pos[1])? {
                    with_list(&a.pos[0], |l| l.remove(i));
                    return Ok(Value::None);
                }
            }
            Err(vm.value_error("list.remove(x): x not in list"))
        },
        "index" => seq_index,
        "count" => seq_count,
        "clear" => |_vm, a| {
            with_list(&a.pos[0], |l| l.clear());
            Ok(Value::None)
        },
        "copy" => |vm, a| {
            // Each element is copied (`cost::PER_ITEM_COPY`), as `list_slice`.
            let items = with_list(&a.pos[0], |l| l.clone());
            vm.cost_items(items.len(), crate::vm::cost::PER_ITEM_COPY)?;
            Ok(Value::list(items))
        },
        "reverse" => |_vm, a| {
            with_list(&a.pos[0], |l| l.reverse());
            Ok(Value::None)
        },
        "sort" => |vm, mut a| {
            let key = a.take_kw("key").filter(|k| !k.is_none());
            let reverse = match a.take_kw("reverse") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            let Some(Obj::List(list)) = a.pos[0].as_obj().map(|o| o.as_ref()) else { return Ok(Value::None) };
            super::sort::sort_list(vm, list, key, reverse).map(|_| Value::None)
        },
        _ => return None,
    })
}

/// The elements `index` and `count` walk: read in place in CPython, so not charged as a
/// copy (each compare is).
fn seq_items(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v.as_obj().map(|o| o.as_ref()) {
        Some(Obj::List(l)) => {
            vm.reserve_items::<Value>(l.borrow().len())?;
            Ok(l.borrow().clone())
        }
        Some(Obj::Tuple(t)) => {
            vm.reserve_items::<Value>(t.len())?;
            Ok(t.clone())
        }
        _ => vm.iterate(v),
    }
}

fn seq_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let items = seq_items(vm, &a.pos[0])?;
    for (i, it) in items.iter().enumerate() {
        if vm.eq(it, &a.pos[1])? {
            // One rich compare per element walked (`cost::PER_COMPARE`), as `list_index_impl`.
            vm.cost_items(i + 1, crate::vm::cost::PER_COMPARE)?;
            return Ok(Value::Int(i as i64));
        }
    }
    vm.cost_items(items.len(), crate::vm::cost::PER_COMPARE)?;
    let what = if matches!(&a.pos[0], Value::Obj(o) if matches!(o.as_ref(), Obj::Tuple(_))) {
        "tuple.index(x): x not in tuple"
    } else {
        let r = vm.repr(&a.pos[1])?;
        return Err(vm.value_error(format!("{r} is not in list")));
    };
    Err(vm.value_error(what))
}

fn seq_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let items = seq_items(vm, &a.pos[0])?;
    vm.cost_items(items.len(), crate::vm::cost::PER_COMPARE)?;
    let mut n = 0;
    for it in &items {
        if vm.eq(it, &a.pos[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn with_dict<R>(v: &Value, f: impl FnOnce(&mut crate::vm::value::Dict) -> R) -> R {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Dict(d) => f(&mut d.borrow_mut()),
            _ => unreachable!("dict method on non-dict"),
        },
        _ => unreachable!("dict method on non-dict"),
    }
}

/// The dict a dict method was called on.
fn dict_cell(v: &Value) -> &std::cell::RefCell<crate::vm::value::Dict> {
    match v.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Dict(d)) => d,
        _ => unreachable!("dict method on non-dict"),
    }
}

/// The set a set method was called on.
fn set_cell(v: &Value) -> &std::cell::RefCell<crate::vm::value::Set> {
    match v.as_obj().map(|o| o.as_ref()) {
        Some(Obj::Set(s) | Obj::FrozenSet(s)) => s,
        _ => unreachable!("set method on non-set"),
    }
}

fn dict_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "get" => |vm, a| {
            arity(vm, &a, "get", 2, 3)?;
            let k = vm.key_in(dict_cell(&a.pos[0]), a.pos[1].clone())?;
            Ok(with_dict(&a.pos[0], |d| d.get(&k).cloned()).unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or(Value::None)))
        },
        "keys" => |_vm, a| Ok(Value::list(with_dict(&a.pos[0], |d| d.keys().map(|k| k.0.clone()).collect()))),
        "values" => |_vm, a| Ok(Value::list(with_dict(&a.pos[0], |d| d.values().cloned().collect()))),
        "items" => |_vm, a| {
            Ok(Value::list(with_dict(&a.pos[0], |d| {
                d.iter().map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()])).collect()
            })))
        },
        "pop" => |vm, a| {
            arity(vm, &a, "pop", 2, 3)?;
            let k = vm.key_in(dict_cell(&a.pos[0]), a.pos[1].clone())?;
            match with_dict(&a.pos[0], |d| d.shift_remove(&k)) {
                Some(v) => Ok(v),
                None => match a.pos.get(2) {
                    Some(d) => Ok(d.clone()),
                    None => Err(crate::vm::Fail::Exc(crate::vm::exceptions::new_exception(
                        &vm.types.exc("KeyError"),
                        vec![a.pos[1].clone()],
                    ))),
                },
            }
        },
        "popitem" => |vm, a| match with_dict(&a.pos[0], |d| d.pop()) {
            Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
            None => Err(vm.exc("KeyError", "popitem(): dictionary is empty")),
        },
        "setdefault" => |vm, a| {
            arity(vm, &a, "setdefault", 2, 3)?;
            let k = vm.key_in(dict_cell(&a.pos[0]), a.pos[1].clone())?;
            let default = a.pos.get(2).cloned().unwrap_or(Value::None);
            Ok(with_dict(&a.pos[0], |d| d.entry(k).or_insert(default).clone()))
        },
        "update" => |vm, a| {
            let mut pairs = Vec::new();
            if let Some(other) = a.pos.get(1).filter(|o| matches!(o.as_obj().map(|o| o.as_ref()), Some(Obj::Generator(_) | Obj::Iter(_)))) {
                // `dict_merge_from_seq2`: each pair goes in as it comes.
                let it = vm.get_iter(other)?;
                let mut n = 0usize;
                while let Some(pair) = vm.next(&it)? {
                    let kv = vm.iterate(&pair)?;
                    if kv.len() != 2 {
                        return Err(vm.value_error(format!(
                            "dictionary update sequence element #{n} has length {}; 2 is required",
                            kv.len()
                        )));
                    }
                    let mut kv = kv.into_iter();
                    let (k, v) = (kv.next().unwrap_or(Value::None), kv.next().unwrap_or(Value::None));
                    let k = vm.resolve_in(&a.pos[0], Key::new(k))?;
                    with_dict(&a.pos[0], |d| d.insert(k, v));
                    n += 1;
                }
            } else if let Some(other) = a.pos.get(1) {
                pairs = vm.dict_items(other)?;
            }
            for (k, v) in &a.kw {
                pairs.push((Key::new(Value::Str(k.clone())), v.clone()));
            }
            for (k, v) in pairs {
                let k = vm.resolve_in(&a.pos[0], k)?;
                with_dict(&a.pos[0], |d| d.insert(k, v));
            }
            Ok(Value::None)
        },
        "clear" => |_vm, a| {
            with_dict(&a.pos[0], |d| d.clear());
            Ok(Value::None)
        },
        "copy" => |vm, a| {
            // Each entry is copied (`cost::PER_DICT_COPY`), as `PyDict_Copy`.
            let d = with_dict(&a.pos[0], |d| d.clone());
            vm.cost_items(d.len(), crate::vm::cost::PER_DICT_COPY)?;
            Ok(vm.new_dict(d))
        },
        _ => return None,
    })
}

/// An iterable whose items come from running code (a generator, an iterator object, a
/// class's `__iter__`), not read from a built-in container.
fn runs_code_per_item(v: &Value) -> bool {
    matches!(v.as_obj().map(|o| o.as_ref()), Some(Obj::Generator(_) | Obj::Iter(_) | Obj::Instance(_)))
}

fn with_set<R>(v: &Value, f: impl FnOnce(&mut crate::vm::value::Set) -> R) -> R {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Set(s) | Obj::FrozenSet(s) => f(&mut s.borrow_mut()),
            _ => unreachable!("set method on non-set"),
        },
        _ => unreachable!("set method on non-set"),
    }
}

fn set_method(name: &str) -> Option<NativeFn> {
    Some(match name {
        "add" => |vm, a| {
            arity(vm, &a, "add", 2, 2)?;
            let k = vm.key_in(set_cell(&a.pos[0]), a.pos[1].clone())?;
            with_set(&a.pos[0], |s| s.insert(k));
            Ok(Value::None)
        },
        "remove" => |vm, a| {
            let k = vm.key_in(set_cell(&a.pos[0]), a.pos[1].clone())?;
            if !with_set(&a.pos[0], |s| s.shift_remove(&k)) {
                return Err(crate::vm::Fail::Exc(crate::vm::exceptions::new_exception(
                    &vm.types.exc("KeyError"),
                    vec![a.pos[1].clone()],
                )));
            }
            Ok(Value::None)
        },
        "discard" => |vm, a| {
            let k = vm.key_in(set_cell(&a.pos[0]), a.pos[1].clone())?;
            with_set(&a.pos[0], |s| s.shift_remove(&k));
            Ok(Value::None)
        },
        "pop" => |vm, a| match with_set(&a.pos[0], |s| s.shift_remove_index(0)) {
            Some(k) => Ok(k.0),
            None => Err(vm.exc("KeyError", "'pop from an empty set'")),
        },
        "clear" => |_vm, a| {
            with_set(&a.pos[0], |s| s.clear());
            Ok(Value::None)
        },
        "copy" => |_vm, a| Ok(Value::obj(Obj::Set(std::cell::RefCell::new(with_set(&a.pos[0], |s| s.clone()))))),
        "update" => |vm, a| {
            for other in &a.pos[1..] {
                let items = vm.iterate(other)?;
                for i in items {
                    let k = vm.key_in(set_cell(&a.pos[0]), i)?;
                    with_set(&a.pos[0], |s| s.insert(k));
                }
            }
            Ok(Value::None)
        },
        "union" => |vm, a| set_algebra(vm, "union", &a),
        "intersection" => |vm, a| set_algebra(vm, "intersection", &a),
        "difference" => |vm, a| set_algebra(vm, "difference", &a),
        "issubset" => |vm, a| set_algebra(vm, "issubset", &a),
        "issuperset" => |vm, a| set_algebra(vm, "issuperset", &a),
        "symmetric_difference" => |vm, a| set_algebra(vm, "symmetric_difference", &a),
        "isdisjoint" => |vm, a| set_algebra(vm, "isdisjoint", &a),
        _ => return None,
    })
}

/// The methods of a frozenset: those of a set that do not change it.
fn frozenset_method(name: &str) -> Option<crate::vm::value::NativeFn> {
    match name {
        "copy" => Some(|_vm, a| Ok(a.pos[0].clone())),
        "union" | "intersection" | "difference" | "symmetric_difference" | "issubset" | "issuperset" | "isdisjoint" => {
            set_method(name)
        }
        _ => None,
    }
}

/// Set algebra by name (`union`, `intersection`, `difference`, `issubset`, `issuperset`).
fn set_algebra(vm: &mut Vm, name: &str, a: &Args) -> PyResult<Value> {
    let this: crate::vm::value::Set = with_set(&a.pos[0], |s| s.clone());
    let mut others = Vec::new();
    for o in &a.pos[1..] {
        let items = vm.iterate(o)?;
        let mut set = crate::vm::value::Set::with_capacity(items.len());
        for i in items {
            // Members hashed by user code take the identity of an equal member of the
            // sets before, so the algebra below, which compares them by identity, sees
            // them as equal.
            let mut k = vm.key(i)?;
            k = vm.resolve_key(&this, k)?;
            for prev in &others {
                k = vm.resolve_key(prev, k)?;
            }
            k = vm.resolve_key(&set, k)?;
            set.insert(k);
        }
        others.push(set);
    }
    let out: crate::vm::value::Set = match name {
        "union" => others.iter().fold(this, |acc, o| acc.union(o).cloned().collect()),
        "intersection" => others.iter().fold(this, |acc, o| acc.intersection(o).cloned().collect()),
        "difference" => others.iter().fold(this, |acc, o| acc.difference(o).cloned().collect()),
        "symmetric_difference" => others.iter().fold(this, |acc, o| acc.symmetric_difference(o).cloned().collect()),
        "isdisjoint" => return Ok(Value::Bool(others.first().map(|o| this.is_disjoint(o)).unwrap_or(true))),
        "issubset" => return Ok(Value::Bool(others.first().map(|o| this.is_subset(o)).unwrap_or(true))),
        _ => return Ok(Value::Bool(others.first().map(|o| this.is_superset(o)).unwrap_or(true))),
    };
    if matches!(a.pos[0].as_obj().map(|o| o.as_ref()), Some(Obj::FrozenSet(_))) {
        return Ok(Value::obj(Obj::FrozenSet(std::cell::RefCell::new(out))));
    }
    Ok(Value::obj(Obj::Set(std::cell::RefCell::new(out))))
}
