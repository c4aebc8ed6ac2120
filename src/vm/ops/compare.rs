//! Equality, ordering and membership: `==`, `<` and friends (also the order
//! `sorted`, `min` and `max` use), and `in`.

use super::{int_of, is_not_implemented, num};
use crate::compiler::code::CmpOp;
use crate::vm::value::{self, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cmp::Ordering;
use std::rc::Rc;

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
                            match q.get(k) {
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
                    (Obj::Set(p), Obj::Set(q)) => {
                        let (p, q) = (p.borrow(), q.borrow());
                        p.len() == q.len() && p.iter().all(|k| q.contains(k))
                    }
                    (Obj::Range(a1, b1, s1), Obj::Range(a2, b2, s2)) => (a1, b1, s1) == (a2, b2, s2),
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
            if !self.eq(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ordering for `<` and friends, and for `sorted`/`min`/`max`.
    pub fn cmp(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Ordering> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return x.partial_cmp_num(&y).ok_or_else(|| self.nan_unordered());
        }
        if matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_)) {
            if let Some(o) = value::num_cmp(a, b) {
                return o.ok_or_else(|| self.nan_unordered());
            }
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(x.cmp(y)),
            (Value::Obj(x), Value::Obj(y)) => match (x.as_ref(), y.as_ref()) {
                (Obj::List(p), Obj::List(q)) => {
                    let (p, q) = (p.borrow().clone(), q.borrow().clone());
                    return self.seq_cmp(&p, &q, op);
                }
                (Obj::Tuple(p), Obj::Tuple(q)) => {
                    let (p, q) = (p.clone(), q.clone());
                    return self.seq_cmp(&p, &q, op);
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

    fn nan_unordered(&self) -> Fail {
        // Comparisons with NaN are simply false; signalled to `compare` below.
        Fail::Limit(crate::vm::LimitError { kind: crate::vm::LimitKind::Steps, message: "nan".into() })
    }

    fn user_cmp(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<Ordering>> {
        let (name, swapped) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            CmpOp::Ge => ("__ge__", "__le__"),
            _ => return Ok(None),
        };
        let want = |truth: bool, op: CmpOp| -> Ordering {
            // Encode the boolean answer as an ordering consistent with `op`.
            match (op, truth) {
                (CmpOp::Lt, true) | (CmpOp::Le, true) => Ordering::Less,
                (CmpOp::Gt, true) | (CmpOp::Ge, true) => Ordering::Greater,
                (CmpOp::Lt, false) | (CmpOp::Le, false) => Ordering::Greater,
                (CmpOp::Gt, false) | (CmpOp::Ge, false) => Ordering::Less,
                _ => Ordering::Equal,
            }
        };
        if let Some(inst) = a.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, name) {
                let r = self.call_sync(&f, vec![a.clone(), b.clone()])?;
                if !is_not_implemented(&r) {
                    let t = self.truthy(&r)?;
                    return Ok(Some(want(t, op)));
                }
            }
        }
        if let Some(inst) = b.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, swapped) {
                let r = self.call_sync(&f, vec![b.clone(), a.clone()])?;
                if !is_not_implemented(&r) {
                    let t = self.truthy(&r)?;
                    return Ok(Some(want(t, op)));
                }
            }
        }
        Ok(None)
    }

    fn seq_cmp(&mut self, p: &[Value], q: &[Value], op: CmpOp) -> PyResult<Ordering> {
        for (x, y) in p.iter().zip(q) {
            if !self.eq(x, y)? {
                return self.cmp(x, y, op);
            }
        }
        Ok(p.len().cmp(&q.len()))
    }

    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        let r = match op {
            CmpOp::Eq => self.eq(a, b)?,
            CmpOp::Ne => !self.eq(a, b)?,
            _ => match self.cmp(a, b, op) {
                Ok(o) => match op {
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::Le => o != Ordering::Greater,
                    CmpOp::Gt => o == Ordering::Greater,
                    CmpOp::Ge => o != Ordering::Less,
                    _ => unreachable!(),
                },
                Err(Fail::Limit(l)) if l.message == "nan" => false,
                Err(e) => return Err(e),
            },
        };
        Ok(Value::Bool(r))
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(i) => Ok(s.contains(&**i)),
                _ => {
                    let tn = self.type_name(item);
                    Err(self.type_error(format!("'in <string>' requires string as left operand, not {tn}")))
                }
            },
            Value::Obj(o) => match o.as_ref() {
                Obj::Dict(d) => {
                    let k = self.key(item.clone())?;
                    Ok(d.borrow().contains_key(&k))
                }
                Obj::Set(s) => {
                    let k = self.key(item.clone())?;
                    Ok(s.borrow().contains(&k))
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
                _ => self.contains_by_iter(container, item),
            },
            _ => {
                let tn = self.type_name(container);
                Err(self.type_error(format!("argument of type '{tn}' is not iterable")))
            }
        }
    }

    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        for v in self.iterate(container)? {
            if v.is(item) || self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Limits;

    fn big(s: &str) -> Value {
        Value::from_bigint(s.parse().unwrap())
    }

    fn show(vm: &mut Vm, v: PyResult<Value>) -> String {
        match v {
            Ok(v) => vm.repr(&v).unwrap(),
            Err(_) => "error".into(),
        }
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
}
