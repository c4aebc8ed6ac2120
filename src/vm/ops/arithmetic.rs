//! Unary and binary operators: int arithmetic that promotes to big ints, floats,
//! sequence concatenation and repetition, set and dict operators, and the special
//! methods of user classes.

use super::{int_of, is_not_implemented, num};
use crate::compiler::code::{BinOp, UnOp};
use crate::vm::value::{Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;

impl Vm {
    /// `op v` for a unary operator.
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
                // A user class answers through its special method (`-x` calls
                // `type(x).__neg__(x)`, as CPython's `PyNumber_Negative`).
                if let Some(inst) = v.as_instance() {
                    let name = match op {
                        UnOp::Neg => "__neg__",
                        UnOp::Pos => "__pos__",
                        UnOp::Invert => "__invert__",
                        UnOp::Not => unreachable!("`not` is answered by truthiness above"),
                    };
                    if let Some(f) = self.class_lookup(&inst.class, name) {
                        return self.call_sync(&f, vec![v.clone()]);
                    }
                }
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

    /// An int result past the size Interleave computes (`MAX_INT_BITS`): the
    /// `MemoryError` CPython raises when such an int does not fit in memory (as
    /// `2**(10**10)` does not in a run's budget), saying why it came early.
    pub fn overflow(&self) -> Fail {
        self.exc("MemoryError", format!("integer result too large (Interleave ints are limited to {MAX_INT_BITS} bits)"))
    }

    /// `seq * n` for a list or tuple `seq` and an int `n` (None for other operands).
    /// CPython raises `MemoryError` when the size does not fit (listobject.c,
    /// `list_repeat`); here also past the memory budget, before anything is made.
    fn repeat_seq(&self, seq: &Value, n: &Value) -> Option<PyResult<Value>> {
        let (Value::Obj(o), Some(n)) = (seq, int_of(n)) else { return None };
        let n = n.max(0) as usize;
        match o.as_ref() {
            Obj::List(l) => Some(self.repeated(&l.borrow(), n).map(Value::list)),
            Obj::Tuple(t) => Some(self.repeated(t, n).map(Value::tuple)),
            _ => None,
        }
    }

    /// `src` `n` times over, refused past the memory budget before anything is made; an
    /// empty `src` is empty at once, whatever `n` (`[] * 10**12`).
    fn repeated(&self, src: &[Value], n: usize) -> PyResult<Vec<Value>> {
        if src.is_empty() || n == 0 {
            return Ok(Vec::new());
        }
        self.reserve_items::<Value>(src.len().checked_mul(n).unwrap_or(usize::MAX))?;
        let mut v = Vec::with_capacity(src.len() * n);
        for _ in 0..n {
            v.extend(src.iter().cloned());
        }
        Ok(v)
    }

    /// Refuse `s * n` before making it: CPython's `OverflowError` when the length does
    /// not fit an index (unicodeobject.c, `unicode_repeat`), `MemoryError` past the
    /// memory budget.
    fn reserve_repeat_str(&self, s: &str, n: usize) -> PyResult<()> {
        match s.len().checked_mul(n).filter(|b| *b <= isize::MAX as usize) {
            Some(bytes) => self.reserve_str(bytes),
            None if s.chars().count().checked_mul(n).map_or(true, |c| c > isize::MAX as usize) => {
                Err(self.exc("OverflowError", "repeated string is too long"))
            }
            None => Err(self.exc("MemoryError", "")),
        }
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

    /// `a op= b` (`PyNumber_InPlace*`): the mutable built-ins change in place (a list's
    /// `+=` extends and `*=` repeats it, a set's `|=`, `&=`, `-=`, `^=`, a dict's `|=`, a
    /// bytearray's `+=` and `*=`); an instance's `__iop__` answers first; else `binary`.
    pub fn inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = a {
            match (op, o.as_ref()) {
                (BinOp::Add, Obj::ByteArray(_)) => {
                    if let Some(r) = self.bytearray_iadd(a, b) {
                        return r;
                    }
                }
                (BinOp::Mul, Obj::ByteArray(cell)) => {
                    if let Some(n) = int_of(b) {
                        let times = n.max(0) as usize;
                        let len = cell.borrow().len();
                        self.reserve(len.saturating_mul(times))?;
                        let repeated = cell.borrow().repeat(times);
                        *cell.borrow_mut() = repeated;
                        return Ok(a.clone());
                    }
                }
                (BinOp::Add, Obj::List(l)) => {
                    let items = self.iterate(b)?;
                    // Growing may copy the list to a new block as large as both.
                    self.reserve_items::<Value>(l.borrow().len() + items.len())?;
                    l.borrow_mut().extend(items);
                    return Ok(a.clone());
                }
                (BinOp::Mul, Obj::List(l)) => {
                    if let Some(n) = int_of(b) {
                        let repeated = self.repeated(&l.borrow(), n.max(0) as usize)?;
                        *l.borrow_mut() = repeated;
                        return Ok(a.clone());
                    }
                }
                (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Obj::Set(set)) => {
                    let other = match b.as_obj().map(|o| o.as_ref()) {
                        Some(Obj::Set(t) | Obj::FrozenSet(t)) => t.borrow().clone(),
                        _ => return self.binary(op, a, b),
                    };
                    let mut mine = set.borrow_mut();
                    match op {
                        BinOp::BitOr => mine.extend(other),
                        BinOp::BitAnd => mine.retain(|k| other.contains(k)),
                        BinOp::Sub => mine.retain(|k| !other.contains(k)),
                        _ => {
                            for k in other {
                                if !mine.shift_remove(&k) {
                                    mine.insert(k);
                                }
                            }
                        }
                    }
                    drop(mine);
                    return Ok(a.clone());
                }
                (BinOp::BitOr, Obj::Dict(_)) => {
                    // `dict.__ior__` is `update`: any mapping or iterable of pairs.
                    let update = self.get_attr(a, "update")?;
                    self.call_sync(&update, vec![b.clone()])?;
                    return Ok(a.clone());
                }
                (_, Obj::Instance(inst)) => {
                    let class = inst.class.clone();
                    if let Some(f) = self.class_lookup(&class, inplace_name(op)) {
                        let r = self.call_sync(&f, vec![a.clone(), b.clone()])?;
                        if !super::is_not_implemented(&r) {
                            return Ok(r);
                        }
                    }
                }
                _ => {}
            }
        }
        self.binary(op, a, b)
    }

    /// `a op b`: `__op__` of `a`, then `__rop__` of `b`, as CPython's binary operators.
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
                self.reserve_str(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Ok(Value::Str(s.into()));
            }
            (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s)) if int_of(n).is_some() => {
                let n = int_of(n).unwrap().max(0) as usize;
                self.reserve_repeat_str(s, n)?;
                return Ok(Value::Str(s.repeat(n).into()));
            }
            (BinOp::Mod, Value::Str(s), args) => return (self.hooks.percent_format)(self, s, args),
            _ => {}
        }
        if let Some(r) = self.bytes_binary(op, a, b) {
            return r;
        }
        if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
            match (op, x.as_ref(), y.as_ref()) {
                (BinOp::Add, Obj::List(p), Obj::List(q)) => {
                    self.reserve_items::<Value>(p.borrow().len() + q.borrow().len())?;
                    let mut v = p.borrow().clone();
                    v.extend(q.borrow().iter().cloned());
                    return Ok(Value::list(v));
                }
                (BinOp::Add, Obj::Tuple(p), Obj::Tuple(q)) => {
                    self.reserve_items::<Value>(p.len() + q.len())?;
                    let mut v = p.clone();
                    v.extend(q.iter().cloned());
                    return Ok(Value::tuple(v));
                }
                (
                    BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                    Obj::Set(p) | Obj::FrozenSet(p),
                    Obj::Set(q) | Obj::FrozenSet(q),
                ) => {
                    let aligned = self.align_keys(p, q)?;
                    let (p, q_ref) = (p.borrow(), q.borrow());
                    let q = aligned.as_ref().unwrap_or(&q_ref);
                    let out: crate::vm::value::Set = match op {
                        BinOp::BitOr => p.iter().chain(q.iter()).cloned().collect(),
                        BinOp::BitAnd => p.iter().filter(|k| q.contains(*k)).cloned().collect(),
                        BinOp::Sub => p.iter().filter(|k| !q.contains(*k)).cloned().collect(),
                        _ => p.symmetric_difference(q).cloned().collect(),
                    };
                    // The result has the left operand's type (`frozenset | set` is a frozenset).
                    if matches!(x.as_ref(), Obj::FrozenSet(_)) {
                        return Ok(Value::obj(Obj::FrozenSet(RefCell::new(out))));
                    }
                    return Ok(Value::obj(Obj::Set(RefCell::new(out))));
                }
                (BinOp::BitOr, Obj::Dict(p), Obj::Dict(q)) => {
                    let mut d = p.borrow().clone();
                    let pairs: Vec<_> = q.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    for (k, v) in pairs {
                        let k = self.resolve_key(&d, k)?;
                        d.insert(k, v);
                    }
                    return Ok(Value::obj(Obj::Dict(RefCell::new(d))));
                }
                _ => {}
            }
        }
        if op == BinOp::Mul {
            if let Some(r) = self.repeat_seq(a, b).or_else(|| self.repeat_seq(b, a)).transpose()? {
                return Ok(r);
            }
        }
        if let Some(r) = self.user_binary(op, a, b)? {
            return Ok(r);
        }
        // `int | None`: a `types.UnionType` (PEP 604), as `type.__or__` makes.
        let type_like = |v: &Value| v.is_none() || v.as_class().is_some();
        if op == BinOp::BitOr && type_like(a) && type_like(b) && !(a.is_none() && b.is_none()) {
            return (self.hooks.union_type)(self, a, b);
        }
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if op == BinOp::Add && (matches!(a, Value::Str(_)) || matches!(b, Value::Str(_))) {
            if matches!(a, Value::Str(_)) {
                return Err(self.type_error(format!("can only concatenate str (not \"{tb}\") to str")));
            }
        }
        // `sq_concat` of a list or tuple refusing its right operand (`list_concat`).
        if op == BinOp::Add {
            let seq = match a.as_obj().map(|o| o.as_ref()) {
                Some(Obj::List(_)) => Some("list"),
                Some(Obj::Tuple(_)) => Some("tuple"),
                _ => None,
            };
            if let Some(seq) = seq {
                return Err(self.type_error(format!("can only concatenate {seq} (not \"{tb}\") to {seq}")));
            }
        }
        // `seq * x` with a sequence and a non-int (`sq_repeat` refusing its count).
        let sequence = |v: &Value| matches!(v, Value::Str(_)) || matches!(v.as_obj().map(|o| o.as_ref()), Some(Obj::List(_) | Obj::Tuple(_)));
        if op == BinOp::Mul && (sequence(a) || sequence(b)) {
            let other = if sequence(a) { tb } else { ta };
            return Err(self.type_error(format!("can't multiply sequence by non-int of type '{other}'")));
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
            BinOp::MatMul => ("__matmul__", "__rmatmul__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::BitAnd => ("__and__", "__rand__"),
            BinOp::BitOr => ("__or__", "__ror__"),
            BinOp::BitXor => ("__xor__", "__rxor__"),
        };
        // The operand's class answers; for a class operand, its metaclass (`c_int * 3`
        // calls `type(c_int).__mul__`, as ctypes' array types are made).
        let method = |vm: &Self, v: &Value, n: &str| match v.as_instance() {
            Some(inst) => vm.class_lookup(&inst.class, n),
            None => vm.meta_method(v, n),
        };
        if let Some(f) = method(self, a, name) {
            let r = self.call_sync(&f, vec![a.clone(), b.clone()])?;
            if !is_not_implemented(&r) {
                return Ok(Some(r));
            }
        }
        if let Some(f) = method(self, b, rname) {
            let r = self.call_sync(&f, vec![b.clone(), a.clone()])?;
            if !is_not_implemented(&r) {
                return Ok(Some(r));
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
                    // The remainder takes the divisor's sign; no product that could overflow
                    // (`-2**63 % 10**12`).
                    let r = x % y;
                    Some(if r != 0 && (r < 0) != (y < 0) { r + y } else { r })
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
}

/// The largest int Interleave computes, in bits (about 2.5 million decimal digits);
/// past it an operation raises MemoryError instead of exhausting memory or time.
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

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
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
        // The remainder has the divisor's sign, computed without an overflowing product.
        let r = vm.binary(BinOp::Mod, &Value::Int(i64::MIN), &Value::Int(1_000_000_000_000));
        assert!(matches!(r, Ok(Value::Int(963145224192))));
        let r = vm.binary(BinOp::Mod, &Value::Int(i64::MAX), &Value::Int(-1_000_000_000_000));
        assert!(matches!(r, Ok(Value::Int(-963145224193))));
        assert!(matches!(vm.binary(BinOp::Mod, &Value::Int(-7), &Value::Int(3)), Ok(Value::Int(2))));
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
}

/// The in-place special method of `op` (`__iadd__` for `+=`).
fn inplace_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "__iadd__",
        BinOp::Sub => "__isub__",
        BinOp::Mul => "__imul__",
        BinOp::MatMul => "__imatmul__",
        BinOp::TrueDiv => "__itruediv__",
        BinOp::FloorDiv => "__ifloordiv__",
        BinOp::Mod => "__imod__",
        BinOp::Pow => "__ipow__",
        BinOp::LShift => "__ilshift__",
        BinOp::RShift => "__irshift__",
        BinOp::BitAnd => "__iand__",
        BinOp::BitOr => "__ior__",
        BinOp::BitXor => "__ixor__",
    }
}
