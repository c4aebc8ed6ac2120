//! The built-in types when called (`int("3")`, `list(x)`, `dict(a=1)`, `type(x)`),
//! their methods reached through `super()`, and their class attributes.

use super::{format, native, repr, value_method};
use crate::vm::ops::{int_of, num};
use crate::vm::metaclass;
use crate::vm::types::BuiltinType;
use crate::vm::value::{Args, Obj, Value};
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use std::cell::RefCell;

pub(super) fn object_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

pub(super) fn exception_init(_vm: &mut Vm, args: Args) -> PyResult<Value> {
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
        // `object.__init_subclass__`: nothing to do (it refuses keyword arguments).
        (BuiltinType::Object, "__init_subclass__") => Some(native("__init_subclass__", |vm, a| {
            if let Some((k, _)) = a.kw.first() {
                let cls = a.pos.first().and_then(|c| c.as_class().map(|c| c.name.clone())).unwrap_or_else(|| "object".into());
                return Err(vm.type_error(format!("{cls}.__init_subclass__() takes no keyword arguments (got '{k}')")));
            }
            Ok(Value::None)
        })),
        (BuiltinType::Object | BuiltinType::BaseException, "__new__") => Some(native("__new__", metaclass::object_new)),
        (BuiltinType::Type, "__new__") => Some(native("__new__", metaclass::type_new)),
        (BuiltinType::Object | BuiltinType::Type, "__setattr__") => Some(native("__setattr__", metaclass::object_setattr)),
        (BuiltinType::Object | BuiltinType::Type, "__delattr__") => Some(native("__delattr__", metaclass::object_delattr)),
        (BuiltinType::Type, "__init__") => Some(native("__init__", metaclass::type_init)),
        (BuiltinType::Type, "__call__") => Some(native("__call__", metaclass::type_call_native)),
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
        (BuiltinType::Object | BuiltinType::Type, "__new__" | "__init__" | "__call__" | "__setattr__" | "__delattr__") => {
            base_method(vm, b, name)
        }
        (BuiltinType::Dict, "fromkeys") => Some(native("fromkeys", |vm, a| {
            let keys = vm.iterate(a.pos.first().unwrap_or(&Value::None))?;
            let v = a.pos.get(1).cloned().unwrap_or(Value::None);
            // Each key is hashed and inserted (`cost::PER_DICT_ITEM`), as `_PyDict_FromKeys`.
            vm.cost_items(keys.len(), crate::vm::cost::PER_DICT_ITEM)?;
            let mut d = crate::vm::value::Dict::new();
            for k in keys {
                let k = vm.key(k)?;
                let k = vm.resolve_key(&d, k)?;
                d.insert(k, v.clone());
            }
            Ok(vm.new_dict(d))
        })),
        (BuiltinType::Bytes | BuiltinType::ByteArray, "fromhex") => Some(native("fromhex", if b == BuiltinType::Bytes {
            |vm, a| super::bytes::fromhex(vm, false, &a, 0)
        } else {
            |vm, a| super::bytes::fromhex(vm, true, &a, 0)
        })),
        (BuiltinType::Bytes | BuiltinType::ByteArray, "maketrans") => Some(native("maketrans", super::bytes::maketrans)),
        (BuiltinType::Int, "from_bytes") => Some(native("from_bytes", super::bytes::int_from_bytes)),
        (
            BuiltinType::Str
            | BuiltinType::List
            | BuiltinType::Dict
            | BuiltinType::Set
            | BuiltinType::Int
            | BuiltinType::Float
            | BuiltinType::Bytes
            | BuiltinType::ByteArray,
            _,
        ) => {
            // Unbound method: `str.upper(s)`.
            let sample = match b {
                BuiltinType::Str => Value::str(""),
                BuiltinType::Bytes => Value::bytes(Vec::new()),
                BuiltinType::ByteArray => Value::obj(Obj::ByteArray(RefCell::new(Vec::new()))),
                BuiltinType::List => Value::list(vec![]),
                BuiltinType::Dict => vm.new_dict(Default::default()),
                BuiltinType::Set => vm.new_set(vec![]).ok()?,
                BuiltinType::Int => Value::Int(0),
                _ => Value::Float(0.0),
            };
            let m = value_method(vm, &sample, name)?;
            match m {
                Value::Obj(o) => match o.as_ref() {
                    Obj::Builtin(bi) => Some(Value::obj(Obj::Builtin(crate::vm::value::Builtin {
                        name: bi.name,
                        f: bi.f,
                        recv: None,
                        unbound: Some(b),
                    }))),
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
    let mut first = args.pos.first().cloned();
    // `int(Digits("12"))`, `float(Text("1.5"))`: a str subclass' instance parses as its text.
    if matches!(b, BuiltinType::Int | BuiltinType::Float) {
        if let Some(s) = first.as_ref().filter(|v| v.as_instance().is_some()).and_then(crate::vm::value::str_like) {
            first = Some(Value::Str(s));
        }
    }
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
                    // `__int__`, else `__index__` (PyNumber_Long).
                    if let Some(inst) = v.as_instance() {
                        let class = inst.class.clone();
                        if let Some(f) = vm.class_lookup(&class, "__int__").or_else(|| vm.class_lookup(&class, "__index__")) {
                            return vm.call_sync(&f, vec![v]);
                        }
                    }
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
                None if v.as_instance().is_some() && vm.class_lookup(&vm.type_of(&v), "__float__").is_some() => {
                    let f = vm.class_lookup(&vm.type_of(&v), "__float__").expect("__float__");
                    return vm.call_sync(&f, vec![v]);
                }
                None => {
                    let tn = vm.type_name(&v);
                    return Err(vm.type_error(format!("float() argument must be a string or a real number, not '{tn}'")));
                }
            },
        },
        // `str(b, encoding)` decodes.
        BuiltinType::Str if args.pos.len() > 1 || !args.kw.is_empty() => return super::bytes::str_from_encoded(vm, args),
        BuiltinType::Bytes => return super::bytes::construct(vm, false, args),
        BuiltinType::ByteArray => return super::bytes::construct(vm, true, args),
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
        BuiltinType::FrozenSet => match first {
            // `frozenset(fs)` is `fs` itself, as CPython's `frozenset_new` returns it.
            Some(v) if matches!(v.as_obj().map(|o| o.as_ref()), Some(Obj::FrozenSet(_))) => v,
            first => {
                let items = match first {
                    None => Vec::new(),
                    Some(v) => vm.iterate(&v)?,
                };
                let set = vm.new_set(items)?;
                let Some(Obj::Set(s)) = set.as_obj().map(|o| o.as_ref()) else { unreachable!("a new set") };
                let members = std::mem::take(&mut *s.borrow_mut());
                Value::obj(Obj::FrozenSet(RefCell::new(members)))
            }
        },
        BuiltinType::Dict => {
            let mut d = crate::vm::value::Dict::new();
            if let Some(v) = first {
                // A dict's entries are copied (`cost::PER_DICT_COPY`, `dict_merge`'s fast
                // path); other pairs are hashed and inserted one by one (`PER_DICT_ITEM`).
                let per = match v.as_obj().map(|o| o.as_ref()) {
                    Some(Obj::Dict(_)) => crate::vm::cost::PER_DICT_COPY,
                    _ => crate::vm::cost::PER_DICT_ITEM,
                };
                let items = vm.dict_items(&v)?;
                vm.cost_items(items.len(), per)?;
                for (k, v) in items {
                    let k = vm.resolve_key(&d, k)?;
                    d.insert(k, v);
                }
            }
            for (k, v) in args.kw.drain(..) {
                d.insert(crate::vm::value::Key::new(Value::Str(k)), v);
            }
            vm.new_dict(d)
        }
        BuiltinType::Range => {
            let pos = args.pos.iter().map(|v| super::index_value(vm, v)).collect::<PyResult<Vec<Value>>>()?;
            let ints: Vec<i64> = pos
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
            3 => {
                let mut pos = args.pos;
                pos.insert(0, class.clone());
                return metaclass::type_new(vm, Args::new(pos));
            }
            _ => return Err(vm.type_error("type() takes 1 or 3 arguments")),
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
        // `types.MethodType(func, obj)`: func bound to obj (what `WeakMethod` rebuilds).
        BuiltinType::Method => {
            crate::builtins::arity(vm, &args, "method", 2, 2)?;
            let callable = crate::builtins::functions::callable(vm, Args::new(vec![args.pos[0].clone()]))?;
            if !matches!(callable, Value::Bool(true)) {
                return Err(vm.type_error("first argument must be callable"));
            }
            Value::obj(Obj::Method(args.pos[1].clone(), args.pos[0].clone()))
        }
        _ => return Err(vm.type_error(format!("cannot create '{name}' instances"))),
    })
}

/// Why `int(text, base)` failed.
#[derive(Debug, PartialEq)]
pub enum IntParseError {
    /// Not a number in that base.
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
}
