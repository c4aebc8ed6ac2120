//! Operators, truth, equality, subscripts and iteration on Python values, one
//! file per family: `compare` (`==`, `<`, `in`), `arithmetic` (unary and binary
//! operators on numbers and sequences), `subscript` (`x[i]`, slices), `hashing`
//! (dict keys and set members, user `__hash__`/`__eq__`) and `iteration` (`iter`,
//! `next`, unpacking). This file holds truth and the small
//! helpers the families share.

mod arithmetic;
pub mod bytes;
mod compare;
mod hashing;
mod iteration;
mod length;
mod matching;
mod subscript;

pub use arithmetic::{int_true_div, MAX_INT_BITS};
pub use iteration::range_len;

use super::value::{self, Obj, Value};
use super::{PyResult, Vm};
use std::cmp::Ordering;

impl Vm {
    /// `bool(v)`: `__bool__`, then `__len__`, else true.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Obj(o) => match o.as_ref() {
                Obj::List(l) => !l.borrow().is_empty(),
                Obj::Tuple(t) => !t.is_empty(),
                Obj::Dict(d) => !d.borrow().is_empty(),
                Obj::Set(s) | Obj::FrozenSet(s) => !s.borrow().is_empty(),
                Obj::Range(a, b, s) => range_len(*a, *b, *s) > 0,
                Obj::Bytes(b) => !b.is_empty(),
                Obj::ByteArray(b) => !b.borrow().is_empty(),
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__bool__") {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.truthy(&r);
                    }
                    if let Some(f) = self.class_lookup(&inst.class, "__len__") {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.truthy(&r);
                    }
                    true
                }
                Obj::Class(_) => match self.meta_method(v, "__bool__").or_else(|| self.meta_method(v, "__len__")) {
                    Some(f) => {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.truthy(&r);
                    }
                    None => true,
                },
                Obj::Native(n) => n.truthy(),
                _ => true,
            },
        })
    }

    /// `isinstance(v, <built-in exception class named>)`.
    pub fn is_instance_of(&self, v: &Value, class: &str) -> bool {
        let t = self.type_of(v);
        super::types::is_subclass(&t, &self.types.exc(class))
    }
}

/// The value as an `i64`, for `int` and `bool`.
pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// Is this the `NotImplemented` singleton (returned by binary special methods)?
fn is_not_implemented(v: &Value) -> bool {
    v.as_instance()
        .and_then(|i| i.class.as_class().map(|c| &*c.name == "NotImplementedType"))
        .unwrap_or(false)
}

/// A number for mixed int/float arithmetic and comparison.
#[derive(Clone, Copy)]
pub enum Num {
    /// An integer.
    I(i64),
    /// A float.
    F(f64),
}

impl Num {
    /// The value as a float.
    pub fn as_f64(&self) -> f64 {
        match self {
            Num::I(i) => *i as f64,
            Num::F(f) => *f,
        }
    }
    fn eq_num(&self, o: &Num) -> bool {
        match (self, o) {
            (Num::I(a), Num::I(b)) => a == b,
            _ => self.partial_cmp_num(o) == Some(Ordering::Equal),
        }
    }
    fn partial_cmp_num(&self, o: &Num) -> Option<Ordering> {
        match (self, o) {
            (Num::I(a), Num::I(b)) => Some(a.cmp(b)),
            (Num::F(a), Num::F(b)) => a.partial_cmp(b),
            // Exactly, as Python does: `2**53 + 1 > 2.0**53`.
            (Num::I(a), Num::F(b)) => value::cmp_int_float(*a, *b),
            (Num::F(a), Num::I(b)) => value::cmp_int_float(*b, *a).map(Ordering::reverse),
        }
    }
}

/// The value as a number, for `int`, `bool` and `float`.
pub fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(*i)),
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Float(f) => Some(Num::F(*f)),
        _ => None,
    }
}
