//! Built-in functions and the constructors of the built-in types.

pub mod format;
pub mod heap;
mod methods;
pub mod repr;

pub use methods::value_method;

use crate::vm::ops::{int_of, num};
use crate::vm::types::{self, BuiltinType};
use crate::vm::value::{self as value, Args, Builtin, Iter, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Pow, Signed, Zero};
use std::cell::RefCell;
use std::rc::Rc;

/// A native function value.
pub fn native(name: &'static str, f: NativeFn) -> Value {
    Value::obj(Obj::Builtin(Builtin { name, f, recv: None }))
}

/// Check the number of positional arguments, with CPython's wording.
pub fn arity(vm: &Vm, args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name}() takes exactly {min} arguments ({n} given)"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

pub fn install(vm: &mut Vm) {
    let b = vm.builtins.clone();
    let t = &vm.types;
    for (name, class) in [
        ("int", &t.int),
        ("float", &t.float),
        ("str", &t.str_),
        ("bool", &t.bool_),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("range", &t.range),
        ("object", &t.object),
        ("type", &t.type_),
        ("slice", &t.slice),
    ] {
        b.set(name, class.clone());
    }
    for (name, class) in vm.types.exceptions.iter() {
        let c = class.as_class().expect("class");
        if &*c.module == "builtins" {
            b.set(name, class.clone());
        }
    }
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr_fn),
        ("abs", abs),
        ("round", round),
        ("sum", sum),
        ("min", min),
        ("max", max),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("any", any),
        ("all", all),
        ("iter", iter),
        ("next", next),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("callable", callable),
        ("divmod", divmod),
        ("pow", pow),
        ("bin", bin),
        ("oct", oct),
        ("hex", hex),
        ("chr", chr),
        ("ord", ord),
        ("hash", hash),
        ("id", id),
        ("map", map),
        ("filter", filter),
        ("format", format_fn),
        ("super", super_fn),
        ("input", input),
    ];
    for (name, f) in fns {
        b.set(name, native(name, *f));
    }
    let not_impl_class = types::new_class("NotImplementedType", "builtins", vec![vm.types.object.clone()], None);
    b.set("NotImplemented", Value::obj(Obj::Instance(Box::new(crate::vm::value::Instance {
        class: not_impl_class,
        dict: RefCell::new(Default::default()),
        exc: None,
    }))));
    let ellipsis_class = types::new_class("ellipsis", "builtins", vec![vm.types.object.clone()], None);
    b.set("Ellipsis", Value::obj(Obj::Instance(Box::new(crate::vm::value::Instance {
        class: ellipsis_class,
        dict: RefCell::new(Default::default()),
        exc: None,
    }))));
    b.set("__name__", Value::str("builtins"));
    // `object.__init__` and `BaseException.__init__`, reachable through `super()`.
    vm.types.object.as_class().unwrap().dict.borrow_mut().insert("__init__".into(), native("__init__", object_init));
    vm.types.exc("BaseException").as_class().unwrap().dict.borrow_mut().insert("__init__".into(), native("__init__", exception_init));
}

fn object_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn exception_init(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut pos = args.pos.into_iter();
    if let Some(this) = pos.next() {
        if let Some(st) = crate::vm::exceptions::exc_state(&this) {
            st.borrow_mut().args = pos.collect();
        }
    }
    Ok(Value::None)
}

/// Methods of built-in base classes found through `super()`.
pub fn base_method(_vm: &mut Vm, b: BuiltinType, name: &str) -> Option<Value> {
    match (b, name) {
        (BuiltinType::Object, "__init__") => Some(native("__init__", object_init)),
        (BuiltinType::BaseException, "__init__") => Some(native("__init__", exception_init)),
        (_, "__str__") => Some(native("__str__", |vm, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            if v.as_instance().map(|i| i.exc.is_some()).unwrap_or(false) {
                return vm.exception_str(&v).map(|s| Value::Str(s.into()));
            }
            vm.repr(&v).map(|s| Value::Str(s.into()))
        })),
        (_, "__repr__") => Some(native("__repr__", |vm, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            if v.as_instance().map(|i| i.exc.is_some()).unwrap_or(false) {
                return vm.exception_repr(&v).map(|s| Value::Str(s.into()));
            }
            let c = vm.type_of(&v);
            let c = c.as_class().unwrap();
            Ok(Value::Str(format!("<{}.{} object>", c.module, c.qualname).into()))
        })),
        _ => None,
    }
}

/// Class attributes of the built-in types (`dict.fromkeys`, `str.join`, ...).
pub fn type_attr(vm: &mut Vm, b: BuiltinType, name: &str) -> Option<Value> {
    match (b, name) {
        (BuiltinType::Dict, "fromkeys") => Some(native("fromkeys", |vm, a| {
            let keys = vm.iterate(a.pos.first().unwrap_or(&Value::None))?;
            let v = a.pos.get(1).cloned().unwrap_or(Value::None);
            let mut d = crate::vm::value::Dict::new();
            for k in keys {
                d.insert(vm.key(k)?, v.clone());
            }
            Ok(vm.new_dict(d))
        })),
        (BuiltinType::Str | BuiltinType::List | BuiltinType::Dict | BuiltinType::Set | BuiltinType::Int | BuiltinType::Float, _) => {
            // Unbound method: `str.upper(s)`.
            let sample = match b {
                BuiltinType::Str => Value::str(""),
                BuiltinType::List => Value::list(vec![]),
                BuiltinType::Dict => vm.new_dict(Default::default()),
                BuiltinType::Set => vm.new_set(vec![]).ok()?,
                BuiltinType::Int => Value::Int(0),
                _ => Value::Float(0.0),
            };
            let m = value_method(vm, &sample, name)?;
            match m {
                Value::Obj(o) => match o.as_ref() {
                    Obj::Builtin(bi) => Some(native(bi.name, bi.f)),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// Call of a built-in type: `int("3")`, `list(x)`, `dict(a=1)`, `type(x)`...
pub fn construct(vm: &mut Vm, b: BuiltinType, class: &Value, mut args: Args) -> PyResult<Value> {
    let name = class.as_class().map(|c| c.name.clone()).unwrap_or_else(|| "?".into());
    let first = args.pos.first().cloned();
    Ok(match b {
        BuiltinType::Int => {
            let base = args.take_kw("base").or_else(|| args.pos.get(1).cloned());
            match (first, base) {
                (None, _) => Value::Int(0),
                (Some(Value::Str(s)), base) => {
                    let base = match base {
                        None => 10,
                        Some(Value::BigInt(_)) => -1,
                        Some(b) => int_of(&b).ok_or_else(|| {
                            let tn = vm.type_name(&b);
                            vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                        })?,
                    };
                    if base != 0 && !(2..=36).contains(&base) {
                        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
                    }
                    match parse_int(&s, base as u32) {
                        Ok(v) => v,
                        Err(IntParseError::TooManyDigits(n)) => {
                            return Err(vm.value_error(format!(
                                "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit",
                                format::INT_MAX_STR_DIGITS
                            )))
                        }
                        Err(IntParseError::Invalid) => {
                            return Err(vm.value_error(format!(
                                "invalid literal for int() with base {base}: {}",
                                repr::str_repr(&s)
                            )))
                        }
                    }
                }
                (Some(_), Some(_)) => return Err(vm.type_error("int() can't convert non-string with explicit base")),
                (Some(Value::Int(i)), _) => Value::Int(i),
                (Some(Value::BigInt(b)), _) => Value::BigInt(b),
                (Some(Value::Bool(v)), _) => Value::Int(v as i64),
                (Some(Value::Float(f)), _) => {
                    if !f.is_finite() {
                        return Err(vm.exc(
                            if f.is_nan() { "ValueError" } else { "OverflowError" },
                            if f.is_nan() { "cannot convert float NaN to integer" } else { "cannot convert float infinity to integer" },
                        ));
                    }
                    Value::int_from_f64(f)
                }
                (Some(v), _) => {
                    let tn = vm.type_name(&v);
                    return Err(vm.type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
                    )));
                }
            }
        }
        BuiltinType::Float => match first {
            None => Value::Float(0.0),
            Some(Value::Str(s)) => {
                let t = s.trim().to_lowercase();
                let parsed = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" | "+nan" | "-nan" => Some(f64::NAN),
                    _ => t.replace('_', "").parse::<f64>().ok(),
                };
                match parsed {
                    Some(f) => Value::Float(f),
                    None => return Err(vm.value_error(format!("could not convert string to float: {}", repr::str_repr(&s)))),
                }
            }
            Some(v @ Value::BigInt(_)) => Value::Float(vm.int_to_f64(&v)?),
            Some(v) => match num(&v) {
                Some(n) => Value::Float(n.as_f64()),
                None => {
                    let tn = vm.type_name(&v);
                    return Err(vm.type_error(format!("float() argument must be a string or a real number, not '{tn}'")));
                }
            },
        },
        BuiltinType::Str => match first {
            None => Value::str(""),
            Some(v) => Value::Str(vm.to_str(&v)?.into()),
        },
        BuiltinType::Bool => match first {
            None => Value::Bool(false),
            Some(v) => Value::Bool(vm.truthy(&v)?),
        },
        BuiltinType::List => match first {
            None => Value::list(vec![]),
            Some(v) => Value::list(vm.iterate(&v)?),
        },
        BuiltinType::Tuple => match first {
            None => Value::tuple(vec![]),
            Some(v) => Value::tuple(vm.iterate(&v)?),
        },
        BuiltinType::Set => match first {
            None => vm.new_set(vec![])?,
            Some(v) => {
                let items = vm.iterate(&v)?;
                vm.new_set(items)?
            }
        },
        BuiltinType::Dict => {
            let mut d = crate::vm::value::Dict::new();
            if let Some(v) = first {
                for (k, v) in vm.dict_items(&v)? {
                    d.insert(k, v);
                }
            }
            for (k, v) in args.kw.drain(..) {
                d.insert(crate::vm::value::Key(Value::Str(k)), v);
            }
            vm.new_dict(d)
        }
        BuiltinType::Range => {
            let ints: Vec<i64> = args
                .pos
                .iter()
                .map(|v| {
                    int_of(v).ok_or_else(|| {
                        if let Value::BigInt(_) = v {
                            return vm.exc("OverflowError", "range() arguments must fit in 64 bits in Interleave");
                        }
                        let tn = vm.type_name(v);
                        vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                    })
                })
                .collect::<PyResult<_>>()?;
            let (a, e, s) = match ints.as_slice() {
                [e] => (0, *e, 1),
                [a, e] => (*a, *e, 1),
                [a, e, s] => (*a, *e, *s),
                [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
                _ => return Err(vm.type_error(format!("range expected at most 3 arguments, got {}", ints.len()))),
            };
            if s == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            Value::obj(Obj::Range(a, e, s))
        }
        BuiltinType::Type => match args.pos.len() {
            1 => vm.type_of(&args.pos[0]),
            _ => return Err(vm.type_error("type() takes 1 argument (creating classes with type() is not supported)")),
        },
        BuiltinType::Slice => {
            let g = |i: usize| args.pos.get(i).cloned().unwrap_or(Value::None);
            match args.pos.len() {
                1 => Value::obj(Obj::Slice(Value::None, g(0), Value::None)),
                _ => Value::obj(Obj::Slice(g(0), g(1), g(2))),
            }
        }
        BuiltinType::Object => Value::obj(Obj::Instance(Box::new(crate::vm::value::Instance {
            class: class.clone(),
            dict: RefCell::new(Default::default()),
            exc: None,
        }))),
        _ => return Err(vm.type_error(format!("cannot create '{name}' instances"))),
    })
}

// ── builtin functions ──

fn print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
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
    let mut text = String::new();
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&vm.to_str(v)?);
    }
    text.push_str(&end);
    vm.write_output(&text, to_stderr);
    Ok(Value::None)
}

fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "len", 1, 1)?;
    let v = &args.pos[0];
    let n = match v {
        Value::Str(s) => s.chars().count(),
        Value::Obj(o) => match o.as_ref() {
            Obj::List(l) => l.borrow().len(),
            Obj::Tuple(t) => t.len(),
            Obj::Dict(d) => d.borrow().len(),
            Obj::Set(s) => s.borrow().len(),
            Obj::Range(a, b, s) => crate::vm::ops::range_len(*a, *b, *s) as usize,
            Obj::Instance(inst) => match vm.class_lookup(&inst.class, "__len__") {
                Some(f) => return vm.call_sync(&f, vec![v.clone()]),
                None => return Err(no_len(vm, v)),
            },
            _ => return Err(no_len(vm, v)),
        },
        _ => return Err(no_len(vm, v)),
    };
    Ok(Value::Int(n as i64))
}

fn no_len(vm: &Vm, v: &Value) -> crate::vm::Fail {
    let tn = vm.type_name(v);
    vm.type_error(format!("object of type '{tn}' has no len()"))
}

fn repr_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "repr", 1, 1)?;
    Ok(Value::Str(vm.repr(&args.pos[0])?.into()))
}

fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
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
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("bad operand type for abs(): '{tn}'")));
        }
    })
}

fn round(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
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
        (v, _) => {
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

/// Why `int(text, base)` failed.
#[derive(Debug, PartialEq)]
pub enum IntParseError {
    Invalid,
    /// More decimal digits than CPython's `sys.get_int_max_str_digits()`.
    TooManyDigits(usize),
}

/// `int(text, base)` with CPython's rules: surrounding whitespace, a sign, a prefix
/// (`0x`/`0o`/`0b`, required to match a base other than 0), single underscores between
/// digits, and no leading zeros in base 0. Base is 0 or 2..=36.
pub fn parse_int(text: &str, base: u32) -> Result<Value, IntParseError> {
    let t = text.trim();
    let (neg, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefixed = match rest.get(..2).map(|p| p.to_ascii_lowercase()).as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (radix, body, has_prefix) = match (base, prefixed) {
        (0, Some(p)) => (p, &rest[2..], true),
        (0, None) => (10, rest, false),
        (b, Some(p)) if b == p => (b, &rest[2..], true),
        (b, _) => (b, rest, false),
    };
    let mut digits: Vec<u8> = Vec::with_capacity(body.len());
    let mut underscore_ok = has_prefix;
    let mut ends_in_digit = false;
    for c in body.chars() {
        if c == '_' {
            if !underscore_ok {
                return Err(IntParseError::Invalid);
            }
            underscore_ok = false;
            ends_in_digit = false;
            continue;
        }
        let d = c.to_digit(radix).ok_or(IntParseError::Invalid)?;
        digits.push(d as u8);
        underscore_ok = true;
        ends_in_digit = true;
    }
    if !ends_in_digit {
        return Err(IntParseError::Invalid);
    }
    // Base 0 allows leading zeros only in zero itself (`00`, not `010`).
    if base == 0 && !has_prefix && digits[0] == 0 && digits.iter().any(|&d| d != 0) {
        return Err(IntParseError::Invalid);
    }
    if !radix.is_power_of_two() && digits.len() > format::INT_MAX_STR_DIGITS {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    let mut small: Option<i64> = Some(0);
    for &d in &digits {
        small = small.and_then(|v| v.checked_mul(radix as i64)).and_then(|v| v.checked_add(d as i64));
        if small.is_none() {
            break;
        }
    }
    Ok(match small {
        Some(v) => Value::Int(if neg { -v } else { v }),
        None => {
            let sign = if neg { Sign::Minus } else { Sign::Plus };
            Value::from_bigint(BigInt::from_radix_be(sign, &digits, radix).ok_or(IntParseError::Invalid)?)
        }
    })
}

fn sum(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start").or_else(|| args.pos.get(1).cloned()).unwrap_or(Value::Int(0));
    let items = vm.iterate(args.pos.first().ok_or_else(|| vm.type_error("sum() takes at least 1 positional argument (0 given)"))?)?;
    if let Value::Str(_) = start {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut acc = start;
    for i in items {
        acc = vm.binary(crate::compiler::code::BinOp::Add, &acc, &i)?;
    }
    Ok(acc)
}

fn min_max(vm: &mut Vm, mut args: Args, name: &str, want: std::cmp::Ordering) -> PyResult<Value> {
    let key = args.take_kw("key").filter(|k| !k.is_none());
    let default = args.take_kw("default");
    let items = if args.pos.len() == 1 { vm.iterate(&args.pos[0])? } else { args.pos.clone() };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
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
        let op = if want == std::cmp::Ordering::Less { crate::compiler::code::CmpOp::Lt } else { crate::compiler::code::CmpOp::Gt };
        if vm.cmp(&k, &best_key, op)? == want {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

fn min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", std::cmp::Ordering::Less)
}

fn max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", std::cmp::Ordering::Greater)
}

/// Stable sort with a fallible comparison (the first error wins).
pub fn sort_values(vm: &mut Vm, items: Vec<Value>, key: Option<Value>, reverse: bool) -> PyResult<Vec<Value>> {
    let keys = match &key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for i in &items {
                ks.push(vm.call_sync(k, vec![i.clone()])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut err = None;
    idx.sort_by(|&a, &b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
        match vm.cmp(x, y, crate::compiler::code::CmpOp::Lt) {
            Ok(o) => o,
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(idx.into_iter().map(|i| items[i].clone()).collect())
}

fn sorted(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
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

fn reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "reversed", 1, 1)?;
    let mut items = vm.iterate(&args.pos[0])?;
    items.reverse();
    Ok(values_iter(items))
}

fn enumerate(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start").or_else(|| args.pos.get(1).cloned()).and_then(|v| int_of(&v)).unwrap_or(0);
    let inner = vm.get_iter(args.pos.first().ok_or_else(|| vm.type_error("enumerate() missing required argument 'iterable'"))?)?;
    Ok(Value::obj(Obj::Iter(RefCell::new(Iter::Enumerate { inner, count: start }))))
}

fn zip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut inners = Vec::new();
    for a in &args.pos {
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
            _ => vec![],
        },
        _ => vec![],
    };
    if list.is_empty() || list.iter().any(|c| c.as_class().is_none()) {
        return Err(vm.type_error(format!("{fname}() arg 2 must be a type, a tuple of types, or a union")));
    }
    Ok(list)
}

fn isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "isinstance", 2, 2)?;
    let t = vm.type_of(&args.pos[0]);
    let classes = class_list(vm, &args.pos[1], "isinstance")?;
    Ok(Value::Bool(classes.iter().any(|c| types::is_subclass(&t, c))))
}

fn issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "issubclass", 2, 2)?;
    if args.pos[0].as_class().is_none() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let classes = class_list(vm, &args.pos[1], "issubclass")?;
    Ok(Value::Bool(classes.iter().any(|c| types::is_subclass(&args.pos[0], c))))
}

fn any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "any", 1, 1)?;
    for v in vm.iterate(&args.pos[0])? {
        if vm.truthy(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "all", 1, 1)?;
    for v in vm.iterate(&args.pos[0])? {
        if !vm.truthy(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "iter", 1, 1)?;
    vm.get_iter(&args.pos[0])
}

fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "next", 1, 2)?;
    match vm.next(&args.pos[0])? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.exc("StopIteration", "")),
        },
    }
}

fn attr_name(vm: &Vm, v: &Value) -> PyResult<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(vm.type_error("attribute name must be string")),
    }
}

fn hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "hasattr", 2, 2)?;
    let name = attr_name(vm, &args.pos[1])?;
    Ok(Value::Bool(vm.try_get_attr(&args.pos[0], &name)?.is_some()))
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "setattr", 3, 3)?;
    let name = attr_name(vm, &args.pos[1])?;
    vm.set_attr(&args.pos[0], &name, args.pos[2].clone())?;
    Ok(Value::None)
}

fn callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
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

fn divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "divmod", 2, 2)?;
    let q = vm.binary(crate::compiler::code::BinOp::FloorDiv, &args.pos[0], &args.pos[1])?;
    let r = vm.binary(crate::compiler::code::BinOp::Mod, &args.pos[0], &args.pos[1])?;
    Ok(Value::tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
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
    let (Some(b), Some(e), Some(m)) = (args.pos[0].to_bigint(), args.pos[1].to_bigint(), m.to_bigint()) else {
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
    let v = &args.pos[0];
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

fn bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "bin", "#b")
}

fn oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "oct", "#o")
}

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_in_base(vm, &args, "hex", "#x")
}

fn chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "chr", 1, 1)?;
    if let Value::BigInt(_) = &args.pos[0] {
        return Err(vm.exc("OverflowError", "Python int too large to convert to C int"));
    }
    let i = int_of(&args.pos[0]).ok_or_else(|| vm.type_error("an integer is required"))?;
    let c = u32::try_from(i).ok().and_then(char::from_u32).ok_or_else(|| vm.value_error("chr() arg not in range(0x110000)"))?;
    Ok(Value::Str(c.to_string().into()))
}

fn ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "ord", 1, 1)?;
    match &args.pos[0] {
        Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().unwrap() as i64)),
        Value::Str(s) => Err(vm.type_error(format!("ord() expected a character, but string of length {} found", s.chars().count()))),
        v => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("ord() expected string of length 1, but {tn} found")))
        }
    }
}

fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
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
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    Ok(Value::Int((h.finish() >> 2) as i64))
}

fn id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "id", 1, 1)?;
    Ok(Value::Int(match &args.pos[0] {
        Value::Obj(o) => repr::addr(o) as i64,
        other => {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::hash::Hash::hash(&crate::vm::value::Key(other.clone()), &mut h);
            std::hash::Hasher::finish(&h) as i64 >> 2
        }
    }))
}

fn map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let f = args.pos[0].clone();
    let lists: Vec<Vec<Value>> = args.pos[1..].iter().map(|a| vm.iterate(a)).collect::<PyResult<_>>()?;
    let n = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let call_args = lists.iter().map(|l| l[i].clone()).collect();
        out.push(vm.call_sync(&f, call_args)?);
    }
    Ok(values_iter(out))
}

fn filter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "filter", 2, 2)?;
    let f = args.pos[0].clone();
    let mut out = Vec::new();
    for v in vm.iterate(&args.pos[1])? {
        let keep = if f.is_none() { v.clone() } else { vm.call_sync(&f, vec![v.clone()])? };
        if vm.truthy(&keep)? {
            out.push(v);
        }
    }
    Ok(values_iter(out))
}

fn format_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    arity(vm, &args, "format", 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::Str(vm.format(&args.pos[0], &spec)?.into()))
}

fn super_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // Zero-argument super() is resolved by the dispatch loop, which knows the frame.
    arity(vm, &args, "super", 2, 2)?;
    Ok(vm.make_super(args.pos[0].clone(), args.pos[1].clone()))
}

fn input(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.exc("EOFError", "EOF when reading a line (Interleave programs have no standard input)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str, base: u32) -> Result<String, IntParseError> {
        parse_int(s, base).map(|v| match v {
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => format!("big {b}"),
            _ => unreachable!(),
        })
    }

    #[test]
    fn int_parsing_follows_cpython() {
        assert_eq!(parse("  -1_000 ", 10), Ok("-1000".into()));
        assert_eq!(parse("123456789012345678901234567890", 10), Ok("big 123456789012345678901234567890".into()));
        assert_eq!(parse("-9223372036854775808", 10), Ok("-9223372036854775808".into()));
        assert_eq!(parse("0x_ff", 0), Ok("255".into()));
        assert_eq!(parse("0XFF", 16), Ok("255".into()));
        assert_eq!(parse("0b101", 0), Ok("5".into()));
        assert_eq!(parse("00", 0), Ok("0".into()));
        assert_eq!(parse("z", 36), Ok("35".into()));
        for bad in ["010", "_1", "1_", "1__0", "0b", "", "-", "12a"] {
            assert_eq!(parse(bad, 0), Err(IntParseError::Invalid), "{bad:?}");
        }
        assert_eq!(parse(&"1".repeat(4301), 10), Err(IntParseError::TooManyDigits(4301)));
        assert!(parse(&"1".repeat(5000), 16).is_ok());
    }

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
