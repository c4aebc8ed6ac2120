//! `len()`: the size of built-in containers, and `__len__` of Python classes with the
//! checks CPython's `PyObject_Size` / `slot_sq_length` make on its result.

use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `len(v)`. A class's `__len__` must return a non-negative int ("'str' object cannot
    /// be interpreted as an integer", "__len__() should return >= 0"), as in CPython.
    pub fn len_of(&mut self, v: &Value) -> PyResult<usize> {
        let n = match v {
            Value::Str(s) => s.chars().count(),
            Value::Obj(o) => match o.as_ref() {
                Obj::List(l) => l.borrow().len(),
                Obj::Tuple(t) => t.len(),
                Obj::Dict(d) => d.borrow().len(),
                Obj::Set(s) | Obj::FrozenSet(s) => s.borrow().len(),
                Obj::Range(a, b, s) => super::range_len(*a, *b, *s) as usize,
                Obj::Bytes(b) => b.len(),
                Obj::ByteArray(b) => b.borrow().len(),
                Obj::Instance(inst) => match self.class_lookup(&inst.class, "__len__") {
                    Some(f) => {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.checked_len(&r);
                    }
                    None => return Err(self.no_len(v)),
                },
                Obj::Class(_) => match self.meta_method(v, "__len__") {
                    Some(f) => {
                        let r = self.call_sync(&f, vec![v.clone()])?;
                        return self.checked_len(&r);
                    }
                    None => return Err(self.no_len(v)),
                },
                _ => return Err(self.no_len(v)),
            },
            _ => return Err(self.no_len(v)),
        };
        Ok(n)
    }

    /// The result of a `__len__` as a size (`slot_sq_length`).
    fn checked_len(&self, r: &Value) -> PyResult<usize> {
        match r {
            Value::Bool(b) => Ok(*b as usize),
            Value::Int(i) if *i >= 0 => Ok(*i as usize),
            Value::Int(_) => Err(self.value_error("__len__() should return >= 0")),
            Value::BigInt(b) if num_traits::Signed::is_negative(b.as_ref()) => {
                Err(self.value_error("__len__() should return >= 0"))
            }
            Value::BigInt(_) => Err(self.exc("OverflowError", "cannot fit 'int' into an index-sized integer")),
            other => {
                let tn = self.type_name(other);
                Err(self.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
            }
        }
    }

    fn no_len(&self, v: &Value) -> crate::vm::Fail {
        let tn = self.type_name(v);
        self.type_error(format!("object of type '{tn}' has no len()"))
    }
}
