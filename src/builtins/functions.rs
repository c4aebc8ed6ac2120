//! The built-in functions: `print`, `len`, `min`, `sorted`, `isinstance`, `getattr`...

use super::{arity, format, repr, sort_values};
use crate::compiler::code::CmpOp;
use crate::vm::ops::int_of;
use crate::vm::types;
use crate::vm::value::{self as value, Args, Iter, Obj, Value};
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Pow, Signed, Zero};
use std::cell::RefCell;
use std::rc::Rc;

pub(super) fn print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let sep = match args.take_kw("sep") {
        None | Some(Value::None) => " ".to_string(),
        Some(v) => vm.to_str(&v)?,
    };
    let end = match args.take_kw("end") {
        None | Some(Value::None) => "\n".to_string(),
        Some(v) => vm.to_str(&v)?,
    };
    let to_stderr = match args.take_kw("file") {
        Some(f) => vm.is_stderr(&f),
        None => false,
    };
    args.take_kw("flush");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for print()")));
    }
    let mut pieces: Vec<std::borrow::Cow<str>> = Vec::with_capacity(args.pos.len());
    for v in &args.pos {
        pieces.push(match v {
            Value::Str(s) => std::borrow::Cow::Borrowed(&**s),
            v => std::borrow::Cow::Owned(vm.to_str(v)?),
        });
    }
    let total = pieces.iter().map(|p| p.len() + sep.len()).sum::<usize>() + end.len();
    // The text, then the run's output keeps a copy of each line (and the trace another).
    vm.reserve(total.saturating_mul(3))?;
    let mut text = String::with_capacity(total);
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(p);
    }
    text.push_str(&end);
    drop(pieces);
    vm.write_output(&text, to_stderr);
    Ok(Value::None)
}

pub(super) fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "len", 1, 1)?;
    Ok(Value::Int(vm.len_of(&args.pos[0])? as i64))
}

pub(super) fn repr_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "repr", 1, 1)?;
    Ok(Value::Str(vm.repr(&args.pos[0])?.into()))
}

pub(super) fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "abs", 1, 1)?;
    Ok(match &args.pos[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Float(f) => Value::Float(f.abs()),
        v => {
            // `abs(x)` of a user object calls `type(x).__abs__(x)` (`PyNumber_Absolute`).
            if let Some(inst) = v.as_instance() {
                if let Some(f) = vm.class_lookup(&inst.class, "__abs__") {
                    return vm.call_sync(&f, vec![v.clone()]);
                }
            }
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("bad operand type for abs(): '{tn}'")));
        }
    })
}

pub(super) fn round(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let nd = args.take_kw("ndigits").or_else(|| args.pos.get(1).cloned()).filter(|v| !v.is_none());
    let x = args.pos.first().cloned().ok_or_else(|| vm.type_error("round() missing required argument 'number' (pos 1)"))?;
    match (&x, nd) {
        (Value::Float(f), None) => {
            let r = format::round_float(*f, 0);
            if r.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if !r.is_finite() {
                return Err(vm.exc("OverflowError", "cannot convert float infinity to integer"));
            }
            Ok(Value::int_from_f64(r))
        }
        (Value::Float(f), Some(n)) => {
            let n = ndigits(vm, &n)?;
            Ok(Value::Float(format::round_float(*f, n)))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), n) => {
            let n = match n {
                Some(n) => ndigits(vm, &n)?,
                None => 0,
            };
            let i = x.to_bigint().unwrap_or_default();
            Ok(Value::from_bigint(round_int(&i, n)))
        }
        (v, n) => {
            if let Some(inst) = v.as_instance() {
                if let Some(f) = vm.class_lookup(&inst.class, "__round__") {
                    let mut args = vec![v.clone()];
                    args.extend(n);
                    return vm.call_sync(&f, args);
                }
            }
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("type {tn} doesn't define __round__ method")))
        }
    }
}

/// `round`'s `ndigits`: an int, clamped to the i64 range.
fn ndigits(vm: &Vm, n: &Value) -> PyResult<i64> {
    match n {
        Value::BigInt(b) => Ok(if b.is_negative() { i64::MIN } else { i64::MAX }),
        v => int_of(v).ok_or_else(|| {
            let tn = vm.type_name(v);
            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
        }),
    }
}

/// `round(i, n)` for ints: unchanged for `n >= 0`, else to a multiple of `10**-n`,
/// ties to even.
pub fn round_int(i: &BigInt, n: i64) -> BigInt {
    if n >= 0 {
        return i.clone();
    }
    let k = n.unsigned_abs();
    // |i| < 10**k / 2 rounds to 0 (and 10**k would be needlessly large).
    if k as f64 > i.bits() as f64 * std::f64::consts::LOG10_2 + 1.0 {
        return BigInt::zero();
    }
    let p: BigInt = Pow::pow(BigInt::from(10), k as u32);
    let (q, rem) = i.div_mod_floor(&p);
    let twice: BigInt = &rem * 2;
    if twice > p || (twice == p && q.is_odd()) {
        (q + 1) * p
    } else {
        q * p
    }
}

pub(super) fn sum(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start").or_else(|| args.pos.get(1).cloned()).unwrap_or(Value::Int(0));
    let items = vm.iterate(args.pos.first().ok_or_else(|| vm.type_error("sum() takes at least 1 positional argument (0 given)"))?)?;
    if let Value::Str(_) = start {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut acc = start;
    // Each `+` costs CPU time as in CPython's `sum` (its int fast path included).
    vm.cost(crate::vm::cost::PER_SUM_ADD * items.len() as f64);
    for i in items {
        acc = vm.binary(crate::compiler::code::BinOp::Add, &acc, &i)?;
        // Each `+` of sequences copies the whole sum so far (quadratic, as in CPython):
        // charged to the step budget, or `sum([[1] * 1000] * 10**6, [])` would run for
        // hours with no step counted.
        let copied = match acc.as_obj().map(|o| o.as_ref()) {
            Some(Obj::List(l)) => l.borrow().len(),
            Some(Obj::Tuple(t)) => t.len(),
            _ => 0,
        };
        vm.charge(copied)?;
    }
    Ok(acc)
}

/// `min` (`op` is `<`) or `max` (`>`): CPython's `min_max` replaces the best so far when
/// `item op best`, so with a NaN the answer depends on the order (`max([nan, 1.0])` is nan).
fn min_max(vm: &mut Vm, mut args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = args.take_kw("key").filter(|k| !k.is_none());
    let default = args.take_kw("default");
    let items = if args.pos.len() == 1 { vm.iterate(&args.pos[0])? } else { args.pos.clone() };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    // One comparison per further element (`cost::PER_COMPARE`), as CPython's `min_max`.
    vm.cost(crate::vm::cost::PER_COMPARE * (items.len() - 1) as f64);
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) => vm.call_sync(k, vec![best.clone()])?,
        None => best.clone(),
    };
    for it in items.into_iter().skip(1) {
        let k = match &key {
            Some(f) => vm.call_sync(f, vec![it.clone()])?,
            None => it.clone(),
        };
        if vm.compare_bool(op, &k, &best_key)? {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

pub(super) fn min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", CmpOp::Lt)
}

pub(super) fn max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", CmpOp::Gt)
}

pub(super) fn sorted(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let key = args.take_kw("key").filter(|k| !k.is_none());
    let reverse = match args.take_kw("reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    arity(vm, &args, "sorted", 1, 1)?;
    let items = vm.iterate(&args.pos[0])?;
    Ok(Value::list(sort_values(vm, items, key, reverse)?))
}

fn values_iter(items: Vec<Value>) -> Value {
    Value::obj(Obj::Iter(RefCell::new(Iter::Values { items: items.into(), index: 0 })))
}

pub(super) fn reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "reversed", 1, 1)?;
    let mut items = vm.iterate(&args.pos[0])?;
    items.reverse();
    Ok(values_iter(items))
}

pub(super) fn enumerate(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start").or_else(|| args.pos.get(1).cloned()).and_then(|v| int_of(&v)).unwrap_or(0);
    let inner = vm.get_iter(args.pos.first().ok_or_else(|| vm.type_error("enumerate() missing required argument 'iterable'"))?)?;
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Enumerate { inner, count: start }))))
}

pub(super) fn zip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut inners = Vec::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i % 4096 == 4095 {
            // A million arguments make a million iterators in this one call.
            vm.reserve(0)?;
        }
        inners.push(vm.get_iter(a)?);
    }
    if inners.is_empty() {
        return Ok(values_iter(vec![]));
    }
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Zip { inners }))))
}

fn class_list(vm: &Vm, v: &Value, fname: &str) -> PyResult<Vec<Value>> {
    let list = match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Tuple(t) => t.clone(),
            Obj::Class(_) => vec![v.clone()],
            // `int | str` (a `types.UnionType`): its members.
            Obj::Instance(i) if i.class.as_class().map(|c| &*c.name == "UnionType").unwrap_or(false) => {
                match i.dict.borrow().get("__args__").and_then(|a| a.as_obj().cloned()) {
                    Some(a) => match a.as_ref() {
                        Obj::Tuple(t) => t.clone(),
                        _ => vec![],
                    },
                    None => vec![],
                }
            }
            _ => vec![],
        },
        _ => vec![],
    };
    if list.is_empty() || list.iter().any(|c| c.as_class().is_none()) {
        if let Some(i) = v.as_instance() {
            if i.class.as_class().map(|c| &*c.name == "GenericAlias").unwrap_or(false) {
                // `Stack[int]` of a `typing.Generic` class is typing's alias in CPython,
                // with typing's message; `list[int]` is `types.GenericAlias`.
                let origin = i.dict.borrow().get("__origin__").cloned();
                let typing_generic = origin.as_ref().and_then(|o| o.as_class()).is_some_and(|c| {
                    c.mro.borrow().iter().any(|k| k.as_class().is_some_and(|kc| &*kc.name == "Generic" && &*kc.module == "typing"))
                });
                if typing_generic {
                    return Err(vm.type_error("Subscripted generics cannot be used with class and instance checks"));
                }
                return Err(vm.type_error(format!("{fname}() argument 2 cannot be a parameterized generic")));
            }
        }
        return Err(vm.type_error(format!("{fname}() arg 2 must be a type, a tuple of types, or a union")));
    }
    Ok(list)
}

pub(super) fn isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "isinstance", 2, 2)?;
    let t = vm.type_of(&args.pos[0]);
    let classes = class_list(vm, &args.pos[1], "isinstance")?;
    if classes.iter().any(|c| types::is_subclass(&t, c)) {
        return Ok(Value::Bool(true));
    }
    // A Python class standing for an `int` or `str` subclass (enum's `_IntValue`, as
    // Interleave cannot subclass them) names the type it stands for.
    if args.pos[0].as_instance().is_some() {
        if let Some(vt) = vm.class_lookup(&t, "__interleave_value_type__") {
            return Ok(Value::Bool(classes.iter().any(|c| types::is_subclass(&vt, c))));
        }
    }
    Ok(Value::Bool(false))
}

pub(super) fn issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "issubclass", 2, 2)?;
    if args.pos[0].as_class().is_none() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let classes = class_list(vm, &args.pos[1], "issubclass")?;
    if classes.iter().any(|c| types::is_subclass(&args.pos[0], c)) {
        return Ok(Value::Bool(true));
    }
    // A class standing for a subclass of a built-in type (`class X(int)`; see `isinstance`).
    if let Some(vt) = vm.class_lookup(&args.pos[0], "__interleave_value_type__") {
        return Ok(Value::Bool(classes.iter().any(|c| types::is_subclass(&vt, c))));
    }
    Ok(Value::Bool(false))
}

pub(super) fn any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "any", 1, 1)?;
    // Item by item: a generator argument stops being resumed at the first true item.
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(v) = vm.next(&it)? {
        if vm.truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub(super) fn all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "all", 1, 1)?;
    let it = vm.get_iter(&args.pos[0])?;
    while let Some(v) = vm.next(&it)? {
        if !vm.truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub(super) fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "iter", 1, 2)?;
    vm.builtin_iter(&args.pos[0], args.pos.get(1).cloned())
}

pub(super) fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "next", 1, 2)?;
    vm.builtin_next(&args.pos[0], args.pos.get(1).cloned())
}

fn attr_name(vm: &Vm, v: &Value) -> PyResult<Rc<str>> {
    match crate::vm::value::str_like(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("attribute name must be string")),
    }
}

pub(super) fn hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "hasattr", 2, 2)?;
    let name = attr_name(vm, &args.pos[1])?;
    Ok(Value::Bool(vm.try_get_attr(&args.pos[0], &name)?.is_some()))
}

pub(super) fn getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "getattr", 2, 3)?;
    let name = attr_name(vm, &args.pos[1])?;
    match vm.try_get_attr(&args.pos[0], &name)? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.attr_error(&args.pos[0], &name)),
        },
    }
}

pub(super) fn setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "setattr", 3, 3)?;
    let name = attr_name(vm, &args.pos[1])?;
    vm.set_attr(&args.pos[0], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

/// `delattr(obj, name)`: `del obj.name`.
pub(super) fn delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "delattr", 2, 2)?;
    let name = attr_name(vm, &args.pos[1])?;
    vm.del_attr(&args.pos[0], &name)?;
    Ok(Value::None)
}

/// `vars(obj)`: the namespace of an instance, class or module as a dict (CPython
/// returns the live `__dict__`, a mappingproxy for classes; here a snapshot).
/// Without `__dict__`: `TypeError: vars() argument must have __dict__ attribute`.
pub(super) fn vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // `vars()` with no argument is answered from the calling frame (`Vm::special_call`);
    // reached here only when called indirectly, where the main module is the best answer.
    if args.pos.is_empty() && args.kw.is_empty() {
        return main_names(vm);
    }
    arity(vm, &args, "vars", 0, 1)?;
    match vm.try_get_attr(&args.pos[0], "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

pub(super) fn callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "callable", 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Bool(match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Function(_) | Obj::Method(..) | Obj::Builtin(_) | Obj::Class(_) => true,
            Obj::Instance(i) => vm.class_lookup(&i.class, "__call__").is_some(),
            _ => false,
        },
        _ => false,
    }))
}

pub(super) fn divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "divmod", 2, 2)?;
    let q = vm.binary(crate::compiler::code::BinOp::FloorDiv, &args.pos[0], &args.pos[1])?;
    let r = vm.binary(crate::compiler::code::BinOp::Mod, &args.pos[0], &args.pos[1])?;
    Ok(Value::tuple(vec![q, r]))
}

pub(super) fn pow(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let m = args.take_kw("mod");
    if let Some(e) = args.take_kw("exp") {
        args.pos.push(e);
    }
    arity(vm, &args, "pow", 2, 3)?;
    let m = m.or_else(|| args.pos.get(2).cloned()).filter(|m| !m.is_none());
    let Some(m) = m else {
        return vm.binary(crate::compiler::code::BinOp::Pow, &args.pos[0], &args.pos[1]);
    };
    // Three-argument pow: modular exponentiation, never the full power.
    let int = |v: &Value| v.to_bigint().or_else(|| crate::vm::value::stand_in_value(v).and_then(|p| p.to_bigint()));
    let (Some(b), Some(e), Some(m)) = (int(&args.pos[0]), int(&args.pos[1]), int(&m)) else {
        return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    };
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let am = m.abs();
    let (b, e) = if e.is_negative() {
        match b.mod_floor(&am).modinv(&am) {
            Some(inv) => (inv, -e),
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        }
    } else {
        (b, e)
    };
    let r = b.modpow(&e, &am);
    Ok(Value::from_bigint(r.mod_floor(&m)))
}

/// `bin`, `oct`, `hex`: the int in that base with its prefix.
fn int_in_base(vm: &mut Vm, args: &Args, name: &str, spec: &str) -> PyResult<Value> {
    arity(vm, args, name, 1, 1)?;
    let v = &super::index_value(vm, &args.pos[0])?;
    if !v.is_int() {
        let tn = vm.type_name(v);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    }
    let v = match v {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    };
    Ok(Value::Str(vm.format(&v, spec)?.into()))
}

pub(super) fn bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "bin", "#b")
}

pub(super) fn oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "oct", "#o")
}

pub(super) fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "hex", "#x")
}

pub(super) fn chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "chr", 1, 1)?;
    if let Value::BigInt(_) = &args.pos[0] {
        return Err(vm.exc("OverflowError", "Python int too large to convert to C int"));
    }
    let i = int_of(&args.pos[0]).ok_or_else(|| vm.type_error("an integer is required"))?;
    let c = u32::try_from(i).ok().and_then(char::from_u32).ok_or_else(|| vm.value_error("chr() arg not in range(0x110000)"))?;
    Ok(Value::Str(c.to_string().into()))
}

pub(super) fn ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "ord", 1, 1)?;
    match &args.pos[0] {
        Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().unwrap() as i64)),
        Value::Str(s) => Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.chars().count()))),
        // `ord(b'a')`: a bytes or bytearray of length 1 is its byte.
        v if v.byte_contents().is_some() => match v.byte_contents().unwrap_or_default().as_ref() {
            [b] => Ok(Value::Int(*b as i64)),
            data => Err(vm.type_error(format!("ord() expected a character, but string of length {} found", data.len()))),
        },
        v => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("ord() expected string of length 1, but {tn} found")))
        }
    }
}

pub(super) fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::hash::{Hash, Hasher};
    arity(vm, &args, "hash", 1, 1)?;
    // Numbers hash as in CPython: n mod (2**61 - 1), and -1 is reserved.
    let h = match &args.pos[0] {
        Value::Int(i) => Some(value::hash_i64(*i)),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(b) => Some(value::hash_bigint(b)),
        Value::Float(f) => Some(value::hash_f64(*f)),
        _ => None,
    };
    if let Some(h) = h {
        return Ok(Value::Int(if h == -1 { -2 } else { h }));
    }
    let k = vm.key(args.pos[0].clone())?;
    // A user `__hash__` (or a tuple holding such objects): its value, as CPython's
    // `hash()` returns what `__hash__` returned, reduced to a hash-sized int.
    if let Some(h) = k.user_hash() {
        return Ok(Value::Int(h));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    // Reduced as CPython's hashes are (below 2**61 - 1), so a `__hash__` that returns
    // `hash(other)` gives the same number again (`hash(weakref.ref(o)) == hash(o)`).
    Ok(Value::Int(value::hash_i64((h.finish() >> 2) as i64)))
}

pub(super) fn id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "id", 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => repr::addr(o) as i64,
        other => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(&crate::vm::value::Key::new(other.clone()), &mut h);
            std::hash::Hasher::finish(&h) as i64 >> 2
        }
    }))
}

/// `globals()` and `locals()`: answered from the calling frame (`Vm::special_call`); a
/// call that reaches here (through another name) gets the main module's names. Both are
/// copies: assigning into them changes no variable.
pub(super) fn scope_dict(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "globals", 0, 0)?;
    main_names(vm)
}

fn main_names(vm: &mut Vm) -> PyResult<Value> {
    let d = vm.main.dict.borrow().iter().map(|(k, v)| (crate::vm::value::Key::new(Value::Str(k.clone())), v.clone())).collect();
    Ok(Value::obj(crate::vm::value::Obj::Dict(std::cell::RefCell::new(d))))
}

/// `dir(obj)`: its attribute names, sorted (`object.__dir__`: the instance's, its
/// class's and their bases'). Without an argument, the calling scope's names, answered
/// from its frame (`Vm::special_call`); a call that reaches here indirectly gets the main
/// module's.
pub(super) fn dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "dir", 0, 1)?;
    let names = match args.pos.first() {
        Some(obj) => {
            // A class's own `__dir__` answers first, as CPython's `dir` calls it.
            if let Some(inst) = obj.as_instance() {
                let class = inst.class.clone();
                if let Some(f) = vm.class_lookup(&class, "__dir__") {
                    let r = vm.call_sync(&f, vec![obj.clone()])?;
                    let items = vm.iterate(&r)?;
                    return Ok(Value::list(crate::builtins::sort::sort_values(vm, items, None, false)?));
                }
            }
            vm.dir_names(obj)
        }
        None => {
            let mut names: Vec<std::rc::Rc<str>> = vm.main.dict.borrow().keys().cloned().collect();
            names.sort();
            names
        }
    };
    Ok(Value::list(names.into_iter().map(Value::Str).collect()))
}

/// `map(func, *iterables)`: a lazy iterator (`Iter::Map`); the iterables are turned
/// into iterators at once, as CPython's `map_new` does, so a non-iterable fails here.
pub(super) fn map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = args.pos[0].clone();
    let mut inners = Vec::new();
    for (i, a) in args.pos[1..].iter().enumerate() {
        if i % 4096 == 4095 {
            vm.reserve(0)?;
        }
        inners.push(vm.get_iter(a)?);
    }
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Map { func, inners }))))
}

/// `filter(func, iterable)`: a lazy iterator (`Iter::Filter`).
pub(super) fn filter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "filter", 2, 2)?;
    let func = args.pos[0].clone();
    let inner = vm.get_iter(&args.pos[1])?;
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Filter { func, inner }))))
}

pub(super) fn format_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "format", 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::Str(vm.format(&args.pos[0], &spec)?.into()))
}

pub(super) fn super_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // Zero-argument super() is resolved by the dispatch loop, which knows the frame.
    arity(vm, &args, "super", 2, 2)?;
    Ok(vm.make_super(args.pos[0].clone(), args.pos[1].clone()))
}

pub(super) fn input(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.exc("EOFError", "EOF when reading a line (Interleave programs have no standard input)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_ints_ties_to_even() {
        let r = |i: i64, n: i64| round_int(&BigInt::from(i), n).to_string();
        assert_eq!(r(25, -1), "20");
        assert_eq!(r(35, -1), "40");
        assert_eq!(r(-25, -1), "-20");
        assert_eq!(r(i64::MAX, -1), "9223372036854775810");
        assert_eq!(r(12, -100), "0");
        assert_eq!(r(12, 3), "12");
    }
}
