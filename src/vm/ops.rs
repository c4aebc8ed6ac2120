//! Operators, truth, equality, subscripts and iteration on Python values.

use super::value::{self, Dict, Iter, Key, Obj, Value};
use super::{Fail, PyResult, Vm};
use crate::compiler::code::{BinOp, CmpOp, UnOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

impl Vm {
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
                Obj::Set(s) => !s.borrow().is_empty(),
                Obj::Range(a, b, s) => range_len(*a, *b, *s) > 0,
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
                Obj::Native(n) => n.truthy(),
                _ => true,
            },
        })
    }

    /// `a == b`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Obj(_), Value::Obj(_)) = (a, b) {
            if self.native_depth >= super::MAX_NATIVE_DEPTH {
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
        Fail::Limit(super::LimitError { kind: super::LimitKind::Steps, message: "nan".into() })
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

    pub fn unary(&mut self, op: UnOp, v: &Value) -> PyResult<Value> {
        Ok(match (op, v) {
            (UnOp::Not, _) => Value::Bool(!self.truthy(v)?),
            (UnOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            (UnOp::Neg, Value::BigInt(b)) => Value::from_bigint(-b.as_ref()),
            (UnOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => v.clone(),
            (UnOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnOp::Invert, Value::BigInt(b)) => Value::from_bigint(!b.as_ref()),
            (UnOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            _ => {
                let sym = match op {
                    UnOp::Neg => "-",
                    UnOp::Pos => "+",
                    UnOp::Invert => "~",
                    UnOp::Not => "not",
                };
                let tn = self.type_name(v);
                return Err(self.type_error(format!("bad operand type for unary {sym}: '{tn}'")));
            }
        })
    }

    /// An int result past the size Interleave computes (`MAX_INT_BITS`).
    pub fn overflow(&self) -> Fail {
        self.exc("OverflowError", format!("integer result too large (Interleave ints are limited to {MAX_INT_BITS} bits)"))
    }

    /// `float(n)` for an int of any size, raising OverflowError past the float range.
    pub fn int_to_f64(&self, v: &Value) -> PyResult<f64> {
        let f = match v {
            Value::Int(i) => *i as f64,
            Value::Bool(b) => *b as i64 as f64,
            Value::BigInt(b) => b.to_f64().unwrap_or(f64::INFINITY),
            Value::Float(f) => return Ok(*f),
            _ => f64::NAN,
        };
        if f.is_infinite() {
            return Err(self.exc("OverflowError", "int too large to convert to float"));
        }
        Ok(f)
    }

    pub fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        // Lists extend in place (`xs += ys` mutates the list, as in Python).
        if op == BinOp::Add {
            if let Value::Obj(o) = a {
                if let Obj::List(l) = o.as_ref() {
                    let items = self.iterate(b)?;
                    l.borrow_mut().extend(items);
                    return Ok(a.clone());
                }
            }
        }
        self.binary(op, a, b)
    }

    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
            return self.int_op(op, x, y);
        }
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::FloorDiv | BinOp::Mod | BinOp::Pow) {
                return self.float_op(op, x.as_f64(), y.as_f64());
            }
        }
        if matches!(a, Value::BigInt(_)) || matches!(b, Value::BigInt(_)) {
            if let Some(r) = self.big_binary(op, a, b)? {
                return Ok(r);
            }
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(Value::Str(s.into()));
            }
            (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s)) if int_of(n).is_some() => {
                let n = int_of(n).unwrap().max(0) as usize;
                return Ok(Value::Str(s.repeat(n).into()));
            }
            (BinOp::Mod, Value::Str(s), args) => return crate::builtins::format::percent_format(self, s, args),
            _ => {}
        }
        if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
            match (op, x.as_ref(), y.as_ref()) {
                (BinOp::Add, Obj::List(p), Obj::List(q)) => {
                    let mut v = p.borrow().clone();
                    v.extend(q.borrow().iter().cloned());
                    return Ok(Value::list(v));
                }
                (BinOp::Add, Obj::Tuple(p), Obj::Tuple(q)) => {
                    let mut v = p.clone();
                    v.extend(q.iter().cloned());
                    return Ok(Value::tuple(v));
                }
                (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Obj::Set(p), Obj::Set(q)) => {
                    let (p, q) = (p.borrow(), q.borrow());
                    let out: super::value::Set = match op {
                        BinOp::BitOr => p.iter().chain(q.iter()).cloned().collect(),
                        BinOp::BitAnd => p.iter().filter(|k| q.contains(*k)).cloned().collect(),
                        BinOp::Sub => p.iter().filter(|k| !q.contains(*k)).cloned().collect(),
                        _ => p.symmetric_difference(&q).cloned().collect(),
                    };
                    return Ok(Value::obj(Obj::Set(RefCell::new(out))));
                }
                (BinOp::BitOr, Obj::Dict(p), Obj::Dict(q)) => {
                    let mut d = p.borrow().clone();
                    for (k, v) in q.borrow().iter() {
                        d.insert(k.clone(), v.clone());
                    }
                    return Ok(Value::obj(Obj::Dict(RefCell::new(d))));
                }
                _ => {}
            }
        }
        if let Value::Obj(x) = a {
            if let (BinOp::Mul, Obj::List(l)) = (op, x.as_ref()) {
                if let Some(n) = int_of(b) {
                    let src = l.borrow();
                    let mut v = Vec::with_capacity(src.len() * n.max(0) as usize);
                    for _ in 0..n.max(0) {
                        v.extend(src.iter().cloned());
                    }
                    return Ok(Value::list(v));
                }
            }
        }
        if let Some(r) = self.user_binary(op, a, b)? {
            return Ok(r);
        }
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if op == BinOp::Add && (matches!(a, Value::Str(_)) || matches!(b, Value::Str(_))) {
            if matches!(a, Value::Str(_)) {
                return Err(self.type_error(format!("can only concatenate str (not \"{tb}\") to str")));
            }
        }
        Err(self.type_error(format!("unsupported operand type(s) for {}: '{ta}' and '{tb}'", op.symbol())))
    }

    fn user_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let (name, rname) = match op {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            _ => return Ok(None),
        };
        if let Some(inst) = a.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, name) {
                let r = self.call_sync(&f, vec![a.clone(), b.clone()])?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(inst) = b.as_instance() {
            if let Some(f) = self.class_lookup(&inst.class, rname) {
                let r = self.call_sync(&f, vec![b.clone(), a.clone()])?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    fn int_op(&mut self, op: BinOp, x: i64, y: i64) -> PyResult<Value> {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(self.exc("ZeroDivisionError", "division by zero"));
                }
                // Exact operands divide exactly in floating point; others round once.
                const EXACT: u64 = 1 << 53;
                if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
                    return Ok(Value::Float(x as f64 / y as f64));
                }
                None
            }
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(self.exc("ZeroDivisionError", "integer division or modulo by zero"));
                }
                x.checked_div(y).map(|_| floor_div(x, y))
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(self.exc("ZeroDivisionError", "integer division or modulo by zero"));
                }
                if y == -1 {
                    Some(0)
                } else {
                    Some(x - floor_div(x, y) * y)
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    return self.float_op(op, x as f64, y as f64);
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            BinOp::LShift => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                if y >= 64 {
                    if x == 0 {
                        Some(0)
                    } else {
                        None
                    }
                } else {
                    x.checked_mul(1i64 << y.min(62)).filter(|_| y < 63)
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(self.value_error("negative shift count"));
                }
                Some(x >> y.min(63))
            }
            BinOp::BitAnd => Some(x & y),
            BinOp::BitOr => Some(x | y),
            BinOp::BitXor => Some(x ^ y),
            BinOp::MatMul => None,
        };
        match r {
            Some(v) => Ok(Value::Int(v)),
            None => self.int_op_big(op, x, y),
        }
    }

    /// An i64 operation whose result does not fit: redo it on big ints.
    #[cold]
    #[inline(never)]
    fn int_op_big(&mut self, op: BinOp, x: i64, y: i64) -> PyResult<Value> {
        self.bigint_op(op, &BigInt::from(x), &BigInt::from(y))
    }

    /// A binary operator with a big int operand; `None` if the operands are not numbers
    /// this handles (the caller goes on to sequences and user classes).
    #[cold]
    #[inline(never)]
    fn big_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (a.to_bigint(), b.to_bigint()) {
            return self.bigint_op(op, &x, &y).map(Some);
        }
        let float_ops = matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::FloorDiv | BinOp::Mod | BinOp::Pow);
        if float_ops && (matches!(a, Value::Float(_)) || matches!(b, Value::Float(_))) && a.is_int() != b.is_int() {
            let (x, y) = (self.int_to_f64(a)?, self.int_to_f64(b)?);
            return self.float_op(op, x, y).map(Some);
        }
        // `seq * n` with a count beyond any index.
        if op == BinOp::Mul {
            let (seq, n) = if a.is_int() { (b, a) } else { (a, b) };
            let is_seq = match seq {
                Value::Str(_) => true,
                Value::Obj(o) => matches!(o.as_ref(), Obj::List(_) | Obj::Tuple(_)),
                _ => false,
            };
            if let (true, Value::BigInt(_)) = (is_seq, n) {
                return Err(self.exc("OverflowError", "cannot fit 'int' into an index-sized integer"));
            }
        }
        Ok(None)
    }

    /// Integer arithmetic on big ints, with Python's semantics (floor division, modulo
    /// with the divisor's sign, two's-complement bit operations); results that fit an
    /// i64 come back as `Value::Int`.
    pub fn bigint_op(&mut self, op: BinOp, x: &BigInt, y: &BigInt) -> PyResult<Value> {
        let zero_div = |vm: &Vm| vm.exc("ZeroDivisionError", "integer division or modulo by zero");
        Ok(Value::from_bigint(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => {
                if x.bits() + y.bits() > MAX_INT_BITS {
                    return Err(self.overflow());
                }
                x * y
            }
            BinOp::TrueDiv => {
                if y.is_zero() {
                    return Err(self.exc("ZeroDivisionError", "division by zero"));
                }
                return match int_true_div(x, y) {
                    Some(f) => Ok(Value::Float(f)),
                    None => Err(self.exc("OverflowError", "integer division result too large for a float")),
                };
            }
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(zero_div(self));
                }
                x.div_floor(y)
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(zero_div(self));
                }
                x.mod_floor(y)
            }
            BinOp::Pow => {
                if y.is_negative() {
                    let (fx, fy) = (self.int_to_f64(&Value::from_bigint(x.clone()))?, self.int_to_f64(&Value::from_bigint(y.clone()))?);
                    return self.float_op(op, fx, fy);
                }
                if x.is_zero() || x.magnitude().is_one() {
                    // 0, 1 and -1 to any power.
                    if x.is_negative() && y.is_odd() {
                        BigInt::from(-1)
                    } else if x.is_zero() && !y.is_zero() {
                        BigInt::zero()
                    } else {
                        BigInt::from(1)
                    }
                } else {
                    match y.to_u32() {
                        Some(e) if x.bits().saturating_sub(1).saturating_mul(e as u64) <= MAX_INT_BITS => x.pow(e),
                        _ => return Err(self.overflow()),
                    }
                }
            }
            BinOp::LShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                if x.is_zero() {
                    return Ok(Value::Int(0));
                }
                match y.to_u64() {
                    Some(n) if x.bits() + n <= MAX_INT_BITS => x << n,
                    _ => return Err(self.overflow()),
                }
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                match y.to_u64() {
                    Some(n) if n < x.bits() => x >> n,
                    _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
                }
            }
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::MatMul => return Err(self.type_error("unsupported operand type(s) for @: 'int' and 'int'")),
        }))
    }

    fn float_op(&mut self, op: BinOp, x: f64, y: f64) -> PyResult<Value> {
        Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float floor division by zero"));
                }
                (x / y).floor()
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float modulo"));
                }
                let m = x % y;
                if m != 0.0 && ((m < 0.0) != (y < 0.0)) {
                    m + y
                } else {
                    m
                }
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.exc("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
                }
                x.powf(y)
            }
            _ => unreachable!(),
        }))
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

    /// Make a dict key / set member, refusing unhashable values.
    pub fn key(&self, v: Value) -> PyResult<Key> {
        if let Value::Obj(o) = &v {
            match o.as_ref() {
                Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => {
                    let tn = self.type_name(&v);
                    return Err(self.type_error(format!("unhashable type: '{tn}'")));
                }
                Obj::Tuple(items) => {
                    for i in items {
                        self.key(i.clone())?;
                    }
                }
                _ => {}
            }
        }
        Ok(Key(v))
    }

    pub fn new_set(&self, items: Vec<Value>) -> PyResult<Value> {
        let mut s = super::value::Set::with_capacity(items.len());
        for i in items {
            s.insert(self.key(i)?);
        }
        Ok(Value::obj(Obj::Set(RefCell::new(s))))
    }

    pub fn new_dict(&self, d: Dict) -> Value {
        Value::obj(Obj::Dict(RefCell::new(d)))
    }

    /// The (key, value) pairs of a mapping (for `**kwargs` and `dict.update`).
    pub fn dict_items(&mut self, v: &Value) -> PyResult<Vec<(Key, Value)>> {
        if let Value::Obj(o) = v {
            if let Obj::Dict(d) = o.as_ref() {
                return Ok(d.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect());
            }
        }
        let mut out = Vec::new();
        for item in self.iterate(v)? {
            let pair = self.unpack(&item, 2).map_err(|_| {
                self.type_error("cannot convert dictionary update sequence element to a sequence of length 2")
            })?;
            let mut pair = pair.into_iter();
            let k = pair.next().unwrap();
            out.push((self.key(k)?, pair.next().unwrap()));
        }
        Ok(out)
    }

    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match obj {
            Value::Str(s) => {
                if let Some(sl) = slice_of(key) {
                    let chars: Vec<char> = s.chars().collect();
                    let idx = self.slice_indices(sl, chars.len())?;
                    return Ok(Value::Str(idx.into_iter().map(|i| chars[i]).collect::<String>().into()));
                }
                let i = self.index_arg(key, "string")?;
                let n = s.chars().count();
                let i = self.norm_index(i, n, "string index out of range")?;
                Ok(Value::Str(s.chars().nth(i).unwrap().to_string().into()))
            }
            Value::Obj(o) => match o.as_ref() {
                Obj::List(l) => {
                    if let Some(sl) = slice_of(key) {
                        let items = l.borrow();
                        let idx = self.slice_indices(sl, items.len())?;
                        return Ok(Value::list(idx.into_iter().map(|i| items[i].clone()).collect()));
                    }
                    let i = self.index_arg(key, "list")?;
                    let items = l.borrow();
                    let i = self.norm_index(i, items.len(), "list index out of range")?;
                    Ok(items[i].clone())
                }
                Obj::Tuple(items) => {
                    if let Some(sl) = slice_of(key) {
                        let idx = self.slice_indices(sl, items.len())?;
                        return Ok(Value::tuple(idx.into_iter().map(|i| items[i].clone()).collect()));
                    }
                    let i = self.index_arg(key, "tuple")?;
                    let i = self.norm_index(i, items.len(), "tuple index out of range")?;
                    Ok(items[i].clone())
                }
                Obj::Range(a, b, s) => {
                    let n = range_len(*a, *b, *s);
                    let i = self.index_arg(key, "range object")?;
                    let i = self.norm_index(i, n as usize, "range object index out of range")?;
                    Ok(Value::Int(a + s * i as i64))
                }
                Obj::Dict(d) => {
                    let k = self.key(key.clone())?;
                    let found = d.borrow().get(&k).cloned();
                    match found {
                        Some(v) => Ok(v),
                        None => Err(Fail::Exc(super::exceptions::new_exception(
                            &self.types.exc("KeyError"),
                            vec![key.clone()],
                        ))),
                    }
                }
                Obj::Instance(inst) => match self.class_lookup(&inst.class, "__getitem__") {
                    Some(f) => self.call_sync(&f, vec![obj.clone(), key.clone()]),
                    None => self.not_subscriptable(obj),
                },
                Obj::Class(_) => Ok(obj.clone()),
                _ => self.not_subscriptable(obj),
            },
            _ => self.not_subscriptable(obj),
        }
    }

    fn not_subscriptable<T>(&self, obj: &Value) -> PyResult<T> {
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object is not subscriptable")))
    }

    pub fn set_item(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match o.as_ref() {
                Obj::List(l) => {
                    if let Some(sl) = slice_of(&key) {
                        let new = self.iterate(&v)?;
                        let mut items = l.borrow_mut();
                        let (start, stop, step) = (sl.0.clone(), sl.1.clone(), sl.2.clone());
                        if !step.is_none() {
                            return Err(self.value_error("extended slice assignment is not supported"));
                        }
                        let n = items.len() as i64;
                        let clamp = |x: &Value, d: i64| -> i64 {
                            match int_of(x) {
                                Some(i) if i < 0 => (i + n).max(0),
                                Some(i) => i.min(n),
                                None => d,
                            }
                        };
                        let a = clamp(&start, 0) as usize;
                        let b = (clamp(&stop, n) as usize).max(a);
                        items.splice(a..b, new);
                        return Ok(());
                    }
                    let i = self.index_arg(&key, "list")?;
                    let mut items = l.borrow_mut();
                    let n = items.len();
                    let i = self.norm_index(i, n, "list assignment index out of range")?;
                    items[i] = v;
                    return Ok(());
                }
                Obj::Dict(d) => {
                    let k = self.key(key)?;
                    d.borrow_mut().insert(k, v);
                    return Ok(());
                }
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__setitem__") {
                        self.call_sync(&f, vec![obj.clone(), key, v])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object does not support item assignment")))
    }

    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        if let Value::Obj(o) = obj {
            match o.as_ref() {
                Obj::List(l) => {
                    let i = self.index_arg(key, "list")?;
                    let mut items = l.borrow_mut();
                    let n = items.len();
                    let i = self.norm_index(i, n, "list assignment index out of range")?;
                    items.remove(i);
                    return Ok(());
                }
                Obj::Dict(d) => {
                    let k = self.key(key.clone())?;
                    if d.borrow_mut().shift_remove(&k).is_none() {
                        return Err(Fail::Exc(super::exceptions::new_exception(
                            &self.types.exc("KeyError"),
                            vec![key.clone()],
                        )));
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!("'{tn}' object doesn't support item deletion")))
    }

    fn index_arg(&self, key: &Value, what: &str) -> PyResult<i64> {
        int_of(key).ok_or_else(|| {
            if let Value::BigInt(_) = key {
                return self.exc("IndexError", "cannot fit 'int' into an index-sized integer");
            }
            let tn = self.type_name(key);
            self.type_error(format!("{what} indices must be integers or slices, not {tn}"))
        })
    }

    fn norm_index(&self, i: i64, n: usize, msg: &str) -> PyResult<usize> {
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.exc("IndexError", msg));
        }
        Ok(j as usize)
    }

    /// The indices a slice selects from a sequence of length `n`.
    pub fn slice_indices(&self, (start, stop, step): (&Value, &Value, &Value), n: usize) -> PyResult<Vec<usize>> {
        let n = n as i64;
        let step = match step {
            Value::None => 1,
            v => int_of(v).ok_or_else(|| self.type_error("slice indices must be integers or None"))?,
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let get = |v: &Value, default: i64| -> PyResult<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let i = int_of(v).ok_or_else(|| self.type_error("slice indices must be integers or None"))?;
                    Ok(if i < 0 { i + n } else { i })
                }
            }
        };
        let mut out = Vec::new();
        if step > 0 {
            let a = get(start, 0)?.clamp(0, n);
            let b = get(stop, n)?.clamp(0, n);
            let mut i = a;
            while i < b {
                out.push(i as usize);
                i += step;
            }
        } else {
            let a = get(start, n - 1)?.clamp(-1, n - 1);
            let b = get(stop, -1)?.clamp(-1, n - 1);
            let b = if matches!(stop, Value::None) { -1 } else { b };
            let mut i = a;
            while i > b {
                out.push(i as usize);
                i += step;
            }
        }
        Ok(out)
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::Str(s) => Iter::Chars { s: s.clone(), byte: 0 },
            Value::Obj(o) => match o.as_ref() {
                Obj::List(_) | Obj::Tuple(_) => Iter::Seq { seq: v.clone(), index: 0 },
                Obj::Range(a, b, s) => Iter::Range { next: *a, stop: *b, step: *s },
                Obj::Dict(d) => Iter::Values { items: d.borrow().keys().map(|k| k.0.clone()).collect(), index: 0 },
                Obj::Set(s) => Iter::Values { items: s.borrow().iter().map(|k| k.0.clone()).collect(), index: 0 },
                Obj::Iter(_) => return Ok(v.clone()),
                Obj::Instance(inst) => {
                    if let Some(f) = self.class_lookup(&inst.class, "__iter__") {
                        return self.call_sync(&f, vec![v.clone()]);
                    }
                    return self.not_iterable(v);
                }
                _ => return self.not_iterable(v),
            },
            _ => return self.not_iterable(v),
        };
        Ok(Value::obj(Obj::Iter(RefCell::new(it))))
    }

    fn not_iterable<T>(&self, v: &Value) -> PyResult<T> {
        let tn = self.type_name(v);
        Err(self.type_error(format!("'{tn}' object is not iterable")))
    }

    /// `next(it)`, or `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        let Value::Obj(o) = it else { return self.not_iterable(it).map(|_: ()| None) };
        let Obj::Iter(cell) = o.as_ref() else {
            if let Some(inst) = it.as_instance() {
                if let Some(f) = self.class_lookup(&inst.class, "__next__") {
                    return match self.call_sync(&f, vec![it.clone()]) {
                        Ok(v) => Ok(Some(v)),
                        Err(Fail::Exc(e)) if self.is_instance_of(&e, "StopIteration") => Ok(None),
                        Err(e) => Err(e),
                    };
                }
            }
            let tn = self.type_name(it);
            return Err(self.type_error(format!("'{tn}' object is not an iterator")));
        };
        let mut state = cell.borrow_mut();
        Ok(match &mut *state {
            Iter::Seq { seq, index } => {
                let item = match seq {
                    Value::Obj(s) => match s.as_ref() {
                        Obj::List(l) => l.borrow().get(*index).cloned(),
                        Obj::Tuple(t) => t.get(*index).cloned(),
                        _ => None,
                    },
                    _ => None,
                };
                *index += 1;
                item
            }
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Chars { s, byte } => match s[*byte..].chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    Some(Value::Str(c.to_string().into()))
                }
                None => None,
            },
            Iter::Values { items, index } => {
                let v = items.get(*index).cloned();
                *index += 1;
                v
            }
            Iter::Enumerate { inner, count } => {
                let inner = inner.clone();
                let c = *count;
                *count += 1;
                drop(state);
                return Ok(self.next(&inner)?.map(|v| Value::tuple(vec![Value::Int(c), v])));
            }
            Iter::Zip { inners } => {
                let inners = inners.clone();
                drop(state);
                let mut out = Vec::with_capacity(inners.len());
                for i in &inners {
                    match self.next(i)? {
                        Some(v) => out.push(v),
                        None => {
                            if let Obj::Iter(c) = o.as_ref() {
                                *c.borrow_mut() = Iter::Done;
                            }
                            return Ok(None);
                        }
                    }
                }
                return Ok(Some(Value::tuple(out)));
            }
            Iter::Done => None,
        })
    }

    /// All items of an iterable.
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = v {
            match o.as_ref() {
                Obj::List(l) => return Ok(l.borrow().clone()),
                Obj::Tuple(t) => return Ok(t.clone()),
                _ => {}
            }
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
            self.tick()?;
        }
        Ok(out)
    }

    pub fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = self.iterate(v)?;
        if items.len() == n {
            return Ok(items);
        }
        if items.len() > n {
            Err(self.value_error(format!("too many values to unpack (expected {n})")))
        } else {
            Err(self.value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())))
        }
    }

    /// `isinstance(v, <built-in exception class named>)`.
    pub fn is_instance_of(&self, v: &Value, class: &str) -> bool {
        let t = self.type_of(v);
        super::types::is_subclass(&t, &self.types.exc(class))
    }
}

/// The largest int Interleave computes, in bits (about 2.5 million decimal digits);
/// past it an operation raises OverflowError instead of exhausting memory or time.
pub const MAX_INT_BITS: u64 = 1 << 23;

/// `x / y` for ints, correctly rounded (half to even) as CPython does, or `None` if
/// the quotient is too large for a float. `y` is not zero.
pub fn int_true_div(x: &BigInt, y: &BigInt) -> Option<f64> {
    let neg = x.is_negative() != y.is_negative();
    let (a, b) = (x.magnitude(), y.magnitude());
    if a.is_zero() {
        return Some(if neg { -0.0 } else { 0.0 });
    }
    // q = floor(a / b / 2**shift) with 55 or 56 bits (or fewer, for a subnormal
    // quotient), its lowest bit made sticky when the division is inexact.
    let shift = (a.bits() as i64 - b.bits() as i64 - 55).max(-1076);
    let (q, r) = if shift >= 0 { a.div_rem(&(b << shift as u64)) } else { (a << (-shift) as u64).div_rem(b) };
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let qbits = 64 - q.leading_zeros() as i64;
    // Round away the bits below the 53-bit mantissa (or below 2**-1074), half to even.
    let drop = (qbits - 53).max(-1074 - shift).max(0);
    let mut m = q >> drop;
    if drop > 0 {
        let rem = q & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        if rem > half || (rem == half && m & 1 == 1) {
            m += 1;
        }
    }
    let f = ldexp(m as f64, shift + drop);
    if f.is_infinite() {
        return None;
    }
    Some(if neg { -f } else { f })
}

/// `x * 2**e`, exact while the result is representable.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1023 {
        x *= f64::from_bits(0x7fe0000000000000); // 2**1023
        e -= 1023;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1022 {
        x *= f64::from_bits(0x0010000000000000); // 2**-1022
        e += 1022;
    }
    x * f64::from_bits(((e + 1023) as u64) << 52)
}

pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    if s > 0 && a < b {
        (b - a + s - 1) / s
    } else if s < 0 && a > b {
        (a - b - s - 1) / (-s)
    } else {
        0
    }
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn slice_of(v: &Value) -> Option<(&Value, &Value, &Value)> {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Slice(a, b, c) => Some((a, b, c)),
            _ => None,
        },
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
    I(i64),
    F(f64),
}

impl Num {
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

pub fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(*i)),
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Float(f) => Some(Num::F(*f)),
        _ => None,
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
    fn i64_overflow_promotes_and_results_demote() {
        let mut vm = Vm::new(Limits::default());
        let max = Value::Int(i64::MAX);
        let r = vm.binary(BinOp::Add, &max, &Value::Int(1));
        assert_eq!(show(&mut vm, r), "9223372036854775808");
        let r = vm.binary(BinOp::Pow, &Value::Int(2), &Value::Int(100));
        assert_eq!(show(&mut vm, r), "1267650600228229401496703205376");
        let r = vm.binary(BinOp::FloorDiv, &Value::Int(i64::MIN), &Value::Int(-1));
        assert_eq!(show(&mut vm, r), "9223372036854775808");
        let r = vm.binary(BinOp::Mod, &Value::Int(i64::MIN), &Value::Int(-1));
        assert!(matches!(r, Ok(Value::Int(0))));
        let r = vm.unary(UnOp::Neg, &Value::Int(i64::MIN));
        assert_eq!(show(&mut vm, r), "9223372036854775808");
        // Back into range: a small int again.
        let r = vm.binary(BinOp::Sub, &big("9223372036854775808"), &Value::Int(1));
        assert!(matches!(r, Ok(Value::Int(i64::MAX))));
        let r = vm.unary(UnOp::Neg, &big("9223372036854775808"));
        assert!(matches!(r, Ok(Value::Int(i64::MIN))));
    }

    #[test]
    fn big_int_arithmetic_follows_python() {
        let mut vm = Vm::new(Limits::default());
        let x = big("-1180591620717411303424"); // -2**70
        let r = vm.binary(BinOp::FloorDiv, &x, &Value::Int(3));
        assert_eq!(show(&mut vm, r), "-393530540239137101142");
        let r = vm.binary(BinOp::Mod, &x, &Value::Int(3));
        assert_eq!(show(&mut vm, r), "2");
        let r = vm.binary(BinOp::RShift, &x, &Value::Int(100));
        assert_eq!(show(&mut vm, r), "-1");
        let r = vm.binary(BinOp::BitAnd, &x, &Value::Int(0xff));
        assert_eq!(show(&mut vm, r), "0");
        let r = vm.unary(UnOp::Invert, &x);
        assert_eq!(show(&mut vm, r), "1180591620717411303423");
        let r = vm.binary(BinOp::Add, &x, &Value::Float(0.5));
        assert_eq!(show(&mut vm, r), "-1.1805916207174113e+21");
        let r = vm.binary(BinOp::Pow, &x, &Value::Int(-1));
        assert_eq!(show(&mut vm, r), "-8.470329472543003e-22");
        assert!(vm.binary(BinOp::FloorDiv, &x, &Value::Int(0)).is_err());
        assert!(vm.binary(BinOp::LShift, &Value::Int(1), &Value::Int(1 << 40)).is_err());
        assert!(vm.binary(BinOp::Pow, &x, &Value::Int(1 << 30)).is_err());
    }

    #[test]
    fn true_division_rounds_once() {
        let div = |a: &str, b: &str| int_true_div(&a.parse().unwrap(), &b.parse().unwrap());
        assert_eq!(div("9007199254740993", "3"), Some(3002399751580331.0));
        assert_eq!(div("-4611686018427387909", "3"), Some(-1.5372286728091292e18));
        assert_eq!(div("1", "3"), Some(1.0 / 3.0));
        assert_eq!(div("3", &BigInt::from(2).pow(1076).to_string()), Some(5e-324));
        assert_eq!(div("1", &BigInt::from(2).pow(1075).to_string()), Some(0.0));
        assert_eq!(div(&BigInt::from(10).pow(400).to_string(), "3"), None);
        let mut vm = Vm::new(Limits::default());
        let r = vm.binary(BinOp::TrueDiv, &Value::Int((1 << 62) + 5), &Value::Int(-3));
        assert_eq!(show(&mut vm, r), "-1.5372286728091292e+18");
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
