//! The operators of `bytes` and `bytearray` (CPython's `Objects/bytesobject.c` and
//! `Objects/bytearrayobject.c`): concatenation and repetition, comparison, `in`, and
//! subscripts (`b[i]` is an int, `b[a:b]` the same type; a bytearray's items and slices
//! can be assigned and deleted). Their constructors, methods and repr are in
//! `builtins::bytes`.

use super::int_of;
use crate::compiler::code::BinOp;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;

/// Is `v` a `bytes` or a `bytearray`?
pub fn is_bytes_like(v: &Value) -> bool {
    matches!(v.as_obj().map(|o| o.as_ref()), Some(Obj::Bytes(_) | Obj::ByteArray(_)))
}

/// A new value of the same kind as `like` (bytes or bytearray) holding `data`.
pub fn same_kind(like: &Value, data: Vec<u8>) -> Value {
    match like.as_obj().map(|o| o.as_ref()) {
        Some(Obj::ByteArray(_)) => Value::obj(Obj::ByteArray(RefCell::new(data))),
        _ => Value::bytes(data),
    }
}

impl Vm {
    /// `a op b` when `a` is a bytes or bytearray: `+` with another (the left operand's
    /// type wins, as in CPython), `* n`; `None` for the operators bytes do not answer.
    pub(super) fn bytes_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
        let (left_bytes, right_bytes) = (is_bytes_like(a), is_bytes_like(b));
        match op {
            BinOp::Add if left_bytes => Some(match b.byte_contents() {
                Some(q) => {
                    let p = a.byte_contents().unwrap_or_default();
                    self.reserve(p.len().saturating_add(q.len())).map(|_| {
                        let mut v = Vec::with_capacity(p.len() + q.len());
                        v.extend_from_slice(&p);
                        v.extend_from_slice(&q);
                        same_kind(a, v)
                    })
                }
                // `bytes_concat`: "can't concat str to bytes".
                None if b.as_instance().is_none() => {
                    let (tb, ta) = (self.type_name(b), self.type_name(a));
                    Err(self.type_error(format!("can't concat {tb} to {ta}")))
                }
                None => return None,
            }),
            BinOp::Mul if (left_bytes && int_of(b).is_some()) || (right_bytes && int_of(a).is_some()) => {
                let (seq, n) = if left_bytes { (a, b) } else { (b, a) };
                let data = seq.byte_contents().unwrap_or_default();
                let n = int_of(n).unwrap_or(0).max(0) as usize;
                Some(match data.len().checked_mul(n).filter(|t| *t <= isize::MAX as usize) {
                    None => Err(self.exc("OverflowError", "repeated bytes are too long")),
                    Some(total) => self.reserve(total).map(|_| same_kind(seq, data.repeat(n))),
                })
            }
            BinOp::Mul if (left_bytes && matches!(b, Value::BigInt(_))) || (right_bytes && matches!(a, Value::BigInt(_))) => {
                Some(Err(self.exc("OverflowError", "cannot fit 'int' into an index-sized integer")))
            }
            // `sequence_repeat`: an operand that is no int and has no `__rmul__` to try; the
            // left one is the sequence when it is one (`b'x' * b'y'` names 'bytes').
            BinOp::Mul if (left_bytes && b.as_instance().is_none()) || (right_bytes && a.as_instance().is_none()) => {
                let left_seq = left_bytes
                    || matches!(a, Value::Str(_))
                    || matches!(a.as_obj().map(|o| o.as_ref()), Some(Obj::List(_) | Obj::Tuple(_)));
                let tn = self.type_name(if left_seq { b } else { a });
                Some(Err(self.type_error(format!("can't multiply sequence by non-int of type '{tn}'"))))
            }
            // `b % args`: the bytes type's own `__mod__` (`builtins::bytes`).
            BinOp::Mod if left_bytes => {
                let f = (self.hooks.value_method)(self, a, "__mod__")?;
                Some(self.call_sync(&f, vec![b.clone()]))
            }
            _ => None,
        }
    }

    /// `bytearray += other`: extends it in place (`bytearray_iconcat`).
    pub(super) fn bytearray_iadd(&mut self, a: &Value, b: &Value) -> Option<PyResult<Value>> {
        let Some(Obj::ByteArray(cell)) = a.as_obj().map(|o| o.as_ref()) else { return None };
        let Some(q) = b.byte_contents() else {
            // A memoryview (the builtins' class) extends it by the bytes it sees, as
            // `bytearray.extend` takes them.
            if self.builtins.get("memoryview").is_some_and(|c| self.type_of(b).is(&c)) {
                let extend = (self.hooks.value_method)(self, a, "extend")?;
                return Some(match self.call_sync(&extend, vec![b.clone()]) {
                    Ok(_) => Ok(a.clone()),
                    // A view with a step is no simple buffer: `+=` says so as for any other.
                    Err(super::super::Fail::Exc(e)) if self.is_instance_of(&e, "TypeError") => {
                        Err(self.type_error("can't concat memoryview to bytearray"))
                    }
                    Err(e) => Err(e),
                });
            }
            let tn = self.type_name(b);
            return Some(Err(self.type_error(format!("can't concat {tn} to bytearray"))));
        };
        if let Err(e) = self.reserve(cell.borrow().len().saturating_add(q.len())) {
            return Some(Err(e));
        }
        cell.borrow_mut().extend_from_slice(&q);
        Some(Ok(a.clone()))
    }

    /// `item in b`: an int in `range(256)` is a byte, a bytes-like object a substring
    /// (`bytes_contains`, `_Py_bytes_contains`).
    pub(super) fn bytes_contains(&mut self, container: &[u8], item: &Value) -> PyResult<bool> {
        if let Some(needle) = item.byte_contents() {
            return Ok(find(container, &needle, 0).is_some());
        }
        if !item.is_int() && item.as_instance().is_none() {
            let tn = self.type_name(item);
            return Err(self.type_error(format!("a bytes-like object is required, not '{tn}'")));
        }
        let byte = self.byte_value(item)?;
        Ok(container.contains(&byte))
    }

    /// An int that must be a byte: `ValueError` outside `range(256)`, `TypeError` for a
    /// value that is not an int (`_getbytevalue`).
    pub fn byte_value(&mut self, v: &Value) -> PyResult<u8> {
        let v = match v.as_instance() {
            Some(inst) => match self.class_lookup(&inst.class, "__index__") {
                Some(f) => self.call_sync(&f, vec![v.clone()])?,
                None => v.clone(),
            },
            None => v.clone(),
        };
        match v {
            Value::Int(_) | Value::Bool(_) => match int_of(&v).and_then(|i| u8::try_from(i).ok()) {
                Some(b) => Ok(b),
                None => Err(self.value_error("byte must be in range(0, 256)")),
            },
            Value::BigInt(_) => Err(self.value_error("byte must be in range(0, 256)")),
            _ => {
                let tn = self.type_name(&v);
                Err(self.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// `b[key]` for a bytes or bytearray holding `data`: an int, or a slice of `like`'s type.
    pub(super) fn bytes_get_item(&mut self, like: &Value, data: &[u8], key: &Value) -> PyResult<Value> {
        if let Some(sl) = super::subscript::slice_of(key) {
            let idx = self.slice_indices(sl, data.len())?;
            // The bytes are copied (`cost::PER_CHAR_COPY`, a `memcpy` for a step of 1).
            self.cost_items(idx.len(), crate::vm::cost::PER_CHAR_COPY)?;
            return Ok(same_kind(like, idx.into_iter().map(|i| data[i]).collect()));
        }
        let array = matches!(like.as_obj().map(|o| o.as_ref()), Some(Obj::ByteArray(_)));
        let i = self.index_arg(key, if array { "bytearray" } else { "byte" })?;
        let i = self.norm_index(i, data.len(), if array { "bytearray index out of range" } else { "index out of range" })?;
        Ok(Value::Int(data[i] as i64))
    }

    /// `ba[key] = v` for a bytearray: one byte, or a slice replaced by bytes or ints.
    pub(super) fn bytearray_set_item(&mut self, cell: &RefCell<Vec<u8>>, key: Value, v: Value) -> PyResult<()> {
        if let Some(sl) = super::subscript::slice_of(&key) {
            let new: Vec<u8> = match v.byte_contents() {
                Some(b) => b.to_vec(),
                // `bytearray_setslice`: an int or a str is not taken as an iterable here.
                None if int_of(&v).is_some() || matches!(v, Value::Str(_)) => {
                    return Err(self.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
                }
                None => {
                    let items = self.iterate(&v)?;
                    let mut out = Vec::with_capacity(items.len());
                    for i in &items {
                        out.push(self.byte_value(i)?);
                    }
                    out
                }
            };
            let n = cell.borrow().len();
            if matches!(sl.2, Value::None) || int_of(sl.2) == Some(1) {
                let (a, b) = self.simple_slice_bounds(sl, n)?;
                cell.borrow_mut().splice(a..b, new);
                return Ok(());
            }
            let idx = self.slice_indices(sl, n)?;
            if idx.len() != new.len() {
                return Err(self.value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    new.len(),
                    idx.len()
                )));
            }
            let mut data = cell.borrow_mut();
            for (i, b) in idx.into_iter().zip(new) {
                data[i] = b;
            }
            return Ok(());
        }
        let i = self.index_arg(&key, "bytearray")?;
        let byte = self.byte_value(&v)?;
        let n = cell.borrow().len();
        let i = self.norm_index(i, n, "bytearray index out of range")?;
        cell.borrow_mut()[i] = byte;
        Ok(())
    }

    /// `del ba[key]` for a bytearray.
    pub(super) fn bytearray_del_item(&mut self, cell: &RefCell<Vec<u8>>, key: &Value) -> PyResult<()> {
        if let Some(sl) = super::subscript::slice_of(key) {
            let n = cell.borrow().len();
            let mut idx = self.slice_indices(sl, n)?;
            idx.sort_unstable();
            let mut pos = 0;
            let mut k = 0;
            cell.borrow_mut().retain(|_| {
                let drop = idx.get(k) == Some(&pos);
                k += drop as usize;
                pos += 1;
                !drop
            });
            return Ok(());
        }
        let i = self.index_arg(key, "bytearray")?;
        let n = cell.borrow().len();
        let i = self.norm_index(i, n, "bytearray index out of range")?;
        cell.borrow_mut().remove(i);
        Ok(())
    }
}

/// The first index of `needle` in `hay` at or after `start` (an empty needle is found
/// at `start`), as `bytes.find` answers.
pub fn find(hay: &[u8], needle: &[u8], start: usize) -> Option<usize> {
    if start > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    hay[start..].windows(needle.len()).position(|w| w == needle).map(|i| i + start)
}
