//! Equality, ordering and membership: `==`, `<` and friends (also the order
//! `sorted`, `min` and `max` use), and `in`.

use super::{int_of, is_not_implemented, num};
use crate::compiler::code::CmpOp;
use crate::vm::value::{self, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cmp::Ordering;
use std::rc::Rc;

/// Does an ordering answer the ordering operator `op`? Unordered (`None`, a NaN) answers
/// none of them, as in IEEE 754.
fn holds(op: CmpOp, order: Option<Ordering>) -> bool {
    let Some(o) = order else { return false };
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
    }
}

impl Vm {
    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Obj(_), Value::Obj(_)) = (a, b) {
            if self.native_depth >= crate::vm::MAX_NATIVE_DEPTH {
                return Err(self.exc("RecursionError", "maximum recursion depth exceeded in comparison"));
            }
            self.native_depth += 1;
            let r = self.eq_inner(a, b);
            self.native_depth -= 1;
            return r;
        }
        self.eq_inner(a, b)
    }

    fn eq_inner(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(match (a, b) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::None, Value::None) => true,
            (Value::Obj(x), Value::Obj(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                match (x.as_ref(), y.as_ref()) {
                    (Obj::List(p), Obj::List(q)) => {
                        let (p, q) = (p.borrow().clone(), q.borrow().clone());
                        self.seq_eq(&p, &q)?
                    }
                    (Obj::Tuple(p), Obj::Tuple(q)) => {
                        let (p, q) = (p.clone(), q.clone());
                        self.seq_eq(&p, &q)?
                    }
                    (Obj::Dict(p), Obj::Dict(q)) => {
                        let (p, q) = (p.borrow().clone(), q.borrow().clone());
                        if p.len() != q.len() {
                            return Ok(false);
                        }
                        for (k, v) in p.iter() {
                            let k = self.resolve_key(&q, k.clone())?;
                            match q.get(&k) {
                                Some(w) => {
                                    if !self.eq(v, w)? {
                                        return Ok(false);
                                    }
                                }
                                None => return Ok(false),
                            }
                        }
                        true
                    }
                    (Obj::Set(p) | Obj::FrozenSet(p), Obj::Set(q) | Obj::FrozenSet(q)) => {
                        let aligned = self.align_keys(q, p)?;
                        let (p_ref, q) = (p.borrow(), q.borrow());
                        let p = aligned.as_ref().unwrap_or(&p_ref);
                        p.len() == q.len() && p.iter().all(|k| q.contains(k))
                    }
                    (Obj::Range(a1, b1, s1), Obj::Range(a2, b2, s2)) => (a1, b1, s1) == (a2, b2, s2),
                    (Obj::Bytes(_) | Obj::ByteArray(_), Obj::Bytes(_) | Obj::ByteArray(_)) => a.byte_contents() == b.byte_contents(),
                    (Obj::Instance(_), _) | (_, Obj::Instance(_)) => return self.user_eq(a, b),
                    _ => false,
                }
            }
            (Value::Obj(_), _) | (_, Value::Obj(_)) => return self.user_eq(a, b),
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => x.eq_num(&y),
                _ => value::num_eq(a, b).unwrap_or(false),
            },
        })
    }

    fn user_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        for (x, y) in [(a, b), (b, a)] {
            if let Some(inst) = x.as_instance() {
                if let Some(f) = self.class_lookup(&inst.class, "__eq__") {
                    let r = self.call_sync(&f, vec![x.clone(), y.clone()])?;
                    if !is_not_implemented(&r) {
                        return self.truthy(&r);
                    }
                }
            }
        }
        Ok(a.is(b))
    }

    fn seq_eq(&mut self, p: &[Value], q: &[Value]) -> PyResult<bool> {
        if p.len() != q.len() {
            return Ok(false);
        }
        for (x, y) in p.iter().zip(q) {
            // Identity first, as `PyObject_RichCompareBool` does: `[nan] == [nan]` for one nan.
            if !(x.is(y) || self.eq(x, y)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a op b` as a bool, as CPython's `PyObject_RichCompareBool` answers it (what `sorted`,
    /// `min`, `max` and `heapq` use, asking only `<` or `>`). Numbers compare by IEEE rules,
    /// so every ordering with a NaN is false; lists and tuples compare their first unequal
    /// items (`Objects/listobject.c`, `list_richcompare`).
    pub fn compare_bool(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        match op {
            CmpOp::Eq => return self.eq(a, b),
            CmpOp::Ne => return Ok(!self.eq(a, b)?),
            _ => {}
        }
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return Ok(holds(op, x.partial_cmp_num(&y)));
        }
        if matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_)) {
            if let Some(o) = value::num_cmp(a, b) {
                return Ok(holds(op, o));
            }
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(holds(op, Some(x.cmp(y)))),
            (Value::Obj(x), Value::Obj(y)) => match (x.as_ref(), y.as_ref()) {
                (Obj::List(p), Obj::List(q)) => {
                    let (p, q) = (p.borrow().clone(), q.borrow().clone());
                    return self.seq_compare(op, &p, &q);
                }
                (Obj::Tuple(p), Obj::Tuple(q)) => {
                    let (p, q) = (p.clone(), q.clone());
                    return self.seq_compare(op, &p, &q);
                }
                (Obj::Bytes(_) | Obj::ByteArray(_), Obj::Bytes(_) | Obj::ByteArray(_)) => {
                    return Ok(holds(op, Some(a.byte_contents().cmp(&b.byte_contents()))));
                }
                // Sets order by inclusion (`set_richcompare`): `a <= b` is a subset test,
                // `a < b` a proper one.
                (Obj::Set(p) | Obj::FrozenSet(p), Obj::Set(q) | Obj::FrozenSet(q)) => {
                    let (sub, sup) = if matches!(op, CmpOp::Lt | CmpOp::Le) { (p, q) } else { (q, p) };
                    let aligned = self.align_keys(sup, sub)?;
                    let sub_ref = sub.borrow();
                    let sub = aligned.as_ref().unwrap_or(&sub_ref);
                    let sup = sup.borrow();
                    let subset = sub.len() <= sup.len() && sub.iter().all(|k| sup.contains(k));
                    return Ok(subset && (matches!(op, CmpOp::Le | CmpOp::Ge) || sub.len() < sup.len()));
                }
                _ => {}
            },
            _ => {}
        }
        if let Some(r) = self.user_cmp(a, b, op)? {
            return Ok(r);
        }
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        Err(self.type_error(format!("'{}' not supported between instances of '{ta}' and '{tb}'", op.symbol())))
    }

    /// `a.__lt__(b)`, else the reflected `b.__gt__(a)` (and so on), or `None` when
    /// neither class answers.
    fn user_cmp(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
        let (name, swapped) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
            _ => return Ok(None),
        };
        for (this, other, method) in [(a, b, name), (b, a, swapped)] {
            let Some(inst) = this.as_instance() else { continue };
            if let Some(f) = self.class_lookup(&inst.class, method) {
                let r = self.call_sync(&f, vec![this.clone(), other.clone()])?;
                if !is_not_implemented(&r) {
                    return self.truthy(&r).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// Lexicographic `p op q`: the first items that are not equal decide, else the lengths.
    fn seq_compare(&mut self, op: CmpOp, p: &[Value], q: &[Value]) -> PyResult<bool> {
        for (x, y) in p.iter().zip(q) {
            if !(x.is(y) || self.eq(x, y)?) {
                return self.compare_bool(op, x, y);
            }
        }
        Ok(holds(op, Some(p.len().cmp(&q.len()))))
    }

    /// `a op b` for a rich comparison, as a `bool` value.
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.compare_bool(op, a, b).map(Value::Bool)
    }

    /// `item in container` (`__contains__`, else iteration).
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match crate::vm::value::str_like(item) {
                Some(i) => Ok(s.contains(&*i)),
                None => {
                    let tn = self.type_name(item);
                    Err(self.type_error(format!("'in <string>' requires string as left operand, not {tn}")))
                }
            },
            Value::Obj(o) => match o.as_ref() {
                Obj::Dict(d) => {
                    let k = self.key_in(d, item.clone())?;
                    Ok(d.borrow().contains_key(&k))
                }
                Obj::Set(s) | Obj::FrozenSet(s) => {
                    let k = self.key_in(s, item.clone())?;
                    Ok(s.borrow().contains(&k))
                }
                Obj::Bytes(b) => {
                    let b = b.clone();
                    self.bytes_contains(&b, item)
                }
                Obj::ByteArray(b) => {
                    let b: Vec<u8> = b.borrow().clone();
                    self.bytes_contains(&b, item)
                }
                Obj::Range(a, b, s) => Ok(match int_of(item) {
                    Some(i) => {
                        let (a, b, s) = (*a, *b, *s);
                        let inside = if s > 0 { i >= a && i < b } else { i <= a && i > b };
                        inside && (i - a) % s == 0
                    }
                    None => false,
                }),
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__contains__") {
                        let r = self.call_sync(&f, vec![container.clone(), item.clone()])?;
                        return self.truthy(&r);
                    }
                    self.contains_by_iter(container, item)
                }
                Obj::Class(_) => match self.meta_method(container, "__contains__") {
                    Some(f) => {
                        let r = self.call_sync(&f, vec![container.clone(), item.clone()])?;
                        self.truthy(&r)
                    }
                    None => self.contains_by_iter(container, item),
                },
                _ => self.contains_by_iter(container, item),
            },
            _ => {
                let tn = self.type_name(container);
                Err(self.type_error(format!("argument of type '{tn}' is not iterable")))
            }
        }
    }

    /// `x in seq` by walking it: one comparison per element until found (CPython's
    /// `list_contains`), each costing `cost::PER_COMPARE`: linear in the list, as in CPython.
    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let mut compared = 0;
        let mut found = false;
        for v in self.iterate(container)? {
            compared += 1;
            if v.is(item) || self.eq(&v, item)? {
                found = true;
                break;
            }
        }
        self.cost_items(compared, crate::vm::cost::PER_COMPARE)?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Limits;

    fn big(s: &str) -> Value {
        Value::from_bigint(s.parse().unwrap())
    }

    #[test]
    fn comparisons_across_kinds() {
        let mut vm = Vm::new(Limits::default());
        let b = big("1267650600228229401496703205376");
        let f = Value::Float(2f64.powi(100));
        assert!(matches!(vm.compare(CmpOp::Eq, &b, &f), Ok(Value::Bool(true))));
        assert!(matches!(vm.compare(CmpOp::Lt, &Value::Int(5), &b), Ok(Value::Bool(true))));
        assert!(matches!(vm.compare(CmpOp::Gt, &b, &Value::Float(f64::NAN)), Ok(Value::Bool(false))));
        let odd = Value::Int((1 << 53) + 1);
        let even = Value::Float(9007199254740992.0);
        assert!(matches!(vm.compare(CmpOp::Eq, &odd, &even), Ok(Value::Bool(false))));
        assert!(matches!(vm.compare(CmpOp::Gt, &odd, &even), Ok(Value::Bool(true))));
        assert!(vm.compare(CmpOp::Lt, &b, &Value::str("x")).is_err());
    }

    #[test]
    fn orderings_with_nan_are_false_not_failures() {
        let mut vm = Vm::new(Limits::default());
        let nan = Value::Float(f64::NAN);
        for op in [CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge, CmpOp::Eq] {
            assert!(matches!(vm.compare_bool(op, &nan, &Value::Float(1.0)), Ok(false)), "{op:?}");
            assert!(matches!(vm.compare_bool(op, &Value::Int(1), &nan), Ok(false)), "{op:?}");
        }
        assert!(matches!(vm.compare_bool(CmpOp::Ne, &nan, &nan), Ok(true)));
        // Lists decide on their first unequal items; the same nan is equal to itself there.
        let l = |v: Vec<Value>| Value::list(v);
        let (a, b) = (l(vec![nan.clone(), Value::Int(1)]), l(vec![Value::Float(f64::NAN), Value::Int(2)]));
        assert!(matches!(vm.compare_bool(CmpOp::Lt, &a, &b), Ok(true)));
        let c = l(vec![Value::Float(1.0)]);
        assert!(matches!(vm.compare_bool(CmpOp::Lt, &l(vec![Value::Float(f64::NAN)]), &c), Ok(false)));
        assert!(matches!(vm.compare_bool(CmpOp::Ge, &l(vec![Value::Float(f64::NAN)]), &c), Ok(false)));
    }
}
