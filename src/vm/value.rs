//! Python values.
//!
//! Small immutable values are stored inline; everything else is a reference-counted
//! `Obj`. Mutable containers use `RefCell`. Runtime objects (futures, locks, queues)
//! are `Obj::Native`, behind the `vm::native::NativeObject` protocol.

use super::frame::Frame;
use crate::compiler::Code;
use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive};
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A Python value.
#[derive(Clone, Debug)]
pub enum Value {
    /// `None`.
    None,
    /// `True` or `False` (an `int` subclass, as in CPython).
    Bool(bool),
    /// An `int` that fits an `i64`.
    Int(i64),
    /// An `int` outside the `i64` range. Never holds a value that fits in an `i64`
    /// (those are always `Int`), so equal ints have one representation.
    BigInt(Rc<BigInt>),
    /// A `float`.
    Float(f64),
    /// A `str` (immutable, shared).
    Str(Rc<str>),
    /// Any other object, on the heap.
    Obj(Rc<Obj>),
}

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// Puts `o` on the heap.
    pub fn obj(o: Obj) -> Value {
        Value::Obj(new_obj(o))
    }

    /// An `int` from an arbitrary-precision integer: `Int` when it fits in an `i64`.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }

    /// `int(f)` for a finite float (truncated toward zero), of any size.
    pub fn int_from_f64(f: f64) -> Value {
        let t = f.trunc();
        if t.abs() < 9.2e18 {
            Value::Int(t as i64)
        } else {
            Value::from_bigint(BigInt::from_f64(t).unwrap_or_default())
        }
    }

    /// The value as an arbitrary-precision integer, if it is an `int` (or `bool`).
    pub fn to_bigint(&self) -> Option<BigInt> {
        match self {
            Value::Int(i) => Some(BigInt::from(*i)),
            Value::Bool(b) => Some(BigInt::from(*b as i64)),
            Value::BigInt(b) => Some(b.as_ref().clone()),
            _ => None,
        }
    }

    /// Is this an `int` (or `bool`), small or big?
    pub fn is_int(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
    }

    /// The heap object, if the value is one.
    pub fn as_obj(&self) -> Option<&Rc<Obj>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    /// Whether it is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::BigInt(a), Value::BigInt(b)) => Rc::ptr_eq(a, b),
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A new `list`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::obj(Obj::List(RefCell::new(items)))
    }

    /// A new `bytes`.
    pub fn bytes(b: impl Into<Rc<[u8]>>) -> Value {
        Value::obj(Obj::Bytes(b.into()))
    }

    /// The contents of a `bytes` or `bytearray` (a copy, so no borrow outlives the call),
    /// or `None` for any other value.
    pub fn byte_contents(&self) -> Option<Rc<[u8]>> {
        match self.as_obj()?.as_ref() {
            Obj::Bytes(b) => Some(b.clone()),
            Obj::ByteArray(b) => Some(b.borrow().as_slice().into()),
            _ => None,
        }
    }

    /// A new `tuple`.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::obj(Obj::Tuple(items))
    }

    /// The instance, if this is an instance of a Python class (exceptions included).
    pub fn as_instance(&self) -> Option<&Instance> {
        match self {
            Value::Obj(o) => match o.as_ref() {
                Obj::Instance(i) => Some(i),
                _ => None,
            },
            _ => None,
        }
    }

    /// The class, if the value is one.
    pub fn as_class(&self) -> Option<&Class> {
        match self {
            Value::Obj(o) => match o.as_ref() {
                Obj::Class(c) => Some(c),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Puts `o` on the heap, noted in the run's registry (`vm::heap`) when it is an object
/// that can take part in a reference cycle.
#[inline]
pub fn new_obj(o: Obj) -> Rc<Obj> {
    let rc = Rc::new(o);
    super::heap::note(&rc);
    rc
}

/// A heap object.
pub enum Obj {
    /// A `list`.
    List(RefCell<Vec<Value>>),
    /// A `tuple`.
    Tuple(Vec<Value>),
    /// A `dict`.
    Dict(RefCell<Dict>),
    /// A `set`.
    Set(RefCell<Set>),
    /// A `frozenset`: a set that is never changed after it is made, so it is hashable
    /// (the RefCell only lets the set helpers read both kinds alike).
    FrozenSet(RefCell<Set>),
    /// A `bytes`: immutable, so its buffer is shared with the constant it came from.
    Bytes(Rc<[u8]>),
    /// A `bytearray`: a mutable `bytes` (unhashable, as CPython's).
    ByteArray(RefCell<Vec<u8>>),
    /// A `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// A `slice(start, stop, step)`.
    Slice(Value, Value, Value),
    /// A Python function (`def`, `lambda`).
    Function(Box<Function>),
    /// A function bound to its receiver.
    Method(Value, Value),
    /// A built-in function or a built-in method bound to its receiver.
    Builtin(Builtin),
    /// A class.
    Class(Box<Class>),
    /// An instance of a Python class (exceptions included).
    Instance(Box<Instance>),
    /// A module.
    Module(Rc<Module>),
    /// A closure cell (`None` inside while the variable is unbound).
    Cell(RefCell<Option<Value>>),
    /// A coroutine object (from calling an `async def`).
    Coroutine(RefCell<Coroutine>),
    /// A generator or async generator object (`vm::generator`).
    Generator(RefCell<super::generator::Generator>),
    /// A native awaitable while it is being awaited (`vm::value::NativeCoroutine`); `None` once
    /// finished.
    NativeCoro(RefCell<Option<Box<dyn NativeCoroutine>>>),
    /// An iterator over a built-in container.
    Iter(RefCell<Iter>),
    /// An object the runtime defines (future, task, lock, queue...): see `vm::native`.
    Native(Box<dyn super::native::NativeObject>),
    /// `super()`: look up attributes of the object along its MRO after the class.
    Super(Value, Value),
}

/// Dropping nested values without deep native recursion: dropping a 300,000-deep list
/// (`x = [x]` in a loop) would otherwise recurse once per level and overflow the stack,
/// where CPython's "trashcan" defers deep deallocations. Here the first `DROP_DEPTH`
/// levels drop on the stack as usual; below that, an object whose last reference goes
/// waits in a list that the outermost drop empties.
const DROP_DEPTH: usize = 64;

thread_local! {
    /// How many `Obj` drops are running on the stack now.
    static DROP_NESTING: Cell<usize> = const { Cell::new(0) };
    /// Objects whose last reference was dropped too deep to drop them there.
    static DROP_LATER: RefCell<Vec<Rc<Obj>>> = const { RefCell::new(Vec::new()) };
}

/// Drop `v` now, or queue it when it is the last reference and the stack is deep.
fn release(v: Value, nesting: usize) {
    match v {
        Value::Obj(o) if nesting >= DROP_DEPTH && Rc::strong_count(&o) == 1 => {
            let mut slot = Some(o);
            let _ = DROP_LATER.try_with(|later| later.borrow_mut().extend(slot.take()));
            // `slot` still holds it only while the thread is torn down: it drops here then.
        }
        v => drop(v),
    }
}

impl Drop for Obj {
    fn drop(&mut self) {
        let address = self as *const Obj as usize;
        // The run's registry holds only live objects (`vm::heap`).
        if super::heap::tracked(self) {
            super::heap::forget(address);
        }
        // Its weak references' callbacks are due (`vm::weak`).
        super::weak::died(address);
        let Ok(nesting) = DROP_NESTING.try_with(|n| n.replace(n.get() + 1)) else { return };
        match self {
            Obj::List(l) => std::mem::take(l.get_mut()).into_iter().for_each(|v| release(v, nesting)),
            Obj::Tuple(t) => std::mem::take(t).into_iter().for_each(|v| release(v, nesting)),
            Obj::Dict(d) => std::mem::take(d.get_mut()).into_iter().for_each(|(k, v)| {
                release(k.0, nesting);
                release(v, nesting);
            }),
            Obj::Set(s) | Obj::FrozenSet(s) => std::mem::take(s.get_mut()).into_iter().for_each(|k| release(k.0, nesting)),
            Obj::Cell(c) => {
                if let Some(v) = c.get_mut().take() {
                    release(v, nesting)
                }
            }
            // An instance with `__del__` goes on living for that call (`vm::finalizer`).
            Obj::Instance(i) => {
                if !super::finalizer::take_for_finalizer(address, i) {
                    std::mem::take(i.dict.get_mut()).into_iter().for_each(|(_, v)| release(v, nesting))
                }
            }
            Obj::Method(a, b) | Obj::Super(a, b) => {
                release(std::mem::replace(a, Value::None), nesting);
                release(std::mem::replace(b, Value::None), nesting);
            }
            _ => {}
        }
        if nesting > 0 {
            DROP_NESTING.with(|n| n.set(nesting));
            return;
        }
        // The outermost drop: empty the queue, each object dropping as if one level deep
        // (so it queues its own deep parts instead of emptying the queue re-entrantly).
        DROP_NESTING.with(|n| n.set(1));
        while let Some(o) = DROP_LATER.with(|later| later.borrow_mut().pop()) {
            drop(o);
        }
        DROP_NESTING.with(|n| n.set(0));
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<obj {}>", self.kind_name())
    }
}

impl Obj {
    /// The type name CPython shows in messages (`'list' object is not callable`).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Obj::List(_) => "list",
            Obj::Tuple(_) => "tuple",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
            Obj::FrozenSet(_) => "frozenset",
            Obj::Bytes(_) => "bytes",
            Obj::ByteArray(_) => "bytearray",
            Obj::Range(..) => "range",
            Obj::Slice(..) => "slice",
            Obj::Function(_) => "function",
            Obj::Method(..) => "method",
            Obj::Builtin(_) => "builtin_function_or_method",
            Obj::Class(_) => "type",
            Obj::Instance(_) => "object",
            Obj::Module(_) => "module",
            Obj::Cell(_) => "cell",
            Obj::Coroutine(_) => "coroutine",
            Obj::NativeCoro(_) => "coroutine",
            Obj::Generator(g) => match g.borrow().kind {
                super::generator::GenKind::Sync => "generator",
                super::generator::GenKind::Async => "async_generator",
            },
            Obj::Iter(_) => "iterator",
            Obj::Native(n) => n.class_key(),
            Obj::Super(..) => "super",
        }
    }
}

/// The storage of a `dict`: insertion-ordered, as in CPython.
pub type Dict = IndexMap<Key, Value>;
/// The storage of a `set` (insertion-ordered here; CPython's order is by hash).
pub type Set = IndexSet<Key>;

/// A hashable value used as a dict key or set member. Equal numbers hash alike
/// (`1 == 1.0 == True`), as in Python; objects without a `__hash__` of their own hash
/// by identity.
///
/// The second field is the hash a user `__hash__` gave (`None` for every builtin
/// value): an instance whose class defines `__hash__`, or a tuple holding one. CPython
/// stores each entry's hash and, among equal hashes, compares keys with `==`; here the
/// map compares such keys by identity, and [`Vm::key_in`](crate::vm::Vm::key_in) first
/// swaps a looked-up key for the stored key it is `==` to (through the VM, so a user
/// `__eq__` runs outside any borrow of the map). Builtin keys hash and compare in
/// Rust, as fast as before.
#[derive(Clone, Debug)]
pub struct Key(pub Value, Option<i64>);

impl Key {
    /// The key of a value hashed without running user code: builtin values, and
    /// objects hashed by identity. Use `Vm::key` for arbitrary values.
    pub fn new(v: Value) -> Key {
        Key(v, None)
    }

    /// A key whose hash a user `__hash__` computed.
    pub(crate) fn with_user_hash(v: Value, hash: i64) -> Key {
        Key(v, Some(hash))
    }

    /// The hash a user `__hash__` gave, if any (see the type's doc).
    pub fn user_hash(&self) -> Option<i64> {
        self.1
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        match (self.1, other.1) {
            (None, None) => key_eq(&self.0, &other.0),
            // A builtin key and one that stands for a value of a builtin type (an IntEnum
            // member, an `int` subclass' instance: `vm::value::stand_in_value`), met in
            // one hash bucket: equal when the value is (`{Color.RED: 1}[1]`, as CPython's
            // int subclasses compare).
            (None, Some(_)) => stand_in_value(&other.0).is_some_and(|v| key_eq(&self.0, &v)),
            (Some(_), None) => stand_in_value(&self.0).is_some_and(|v| key_eq(&v, &other.0)),
            // Keys hashed by user code are equal here only when identical: `Vm::key_in`
            // has already replaced a probe by the stored key it is `==` to.
            _ => self.0.is(&other.0),
        }
    }
}
impl Eq for Key {}

/// The builtin value an instance stands for, when its class stands for a subclass of a
/// builtin type that Interleave cannot subclass (enum's `_IntValue`, the base of `class
/// X(int)`: a class with `__interleave_value_type__`): its `_value_`, if a number or str.
pub(crate) fn stand_in_value(v: &Value) -> Option<Value> {
    let inst = v.as_instance()?;
    if !stand_in_class(&inst.class) {
        return None;
    }
    let value = inst.dict.borrow().get("_value_").cloned()?;
    let hashable_obj = matches!(value.as_obj().map(|o| o.as_ref()), Some(Obj::Tuple(_) | Obj::Bytes(_) | Obj::FrozenSet(_)));
    (hashable_obj || matches!(value, Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) | Value::Str(_))).then_some(value)
}

/// The text of a str, or of an instance standing for a `str` subclass' instance (`class
/// Upper(str)`, whose base is `runtime::stdlib::builtin_bases`): what the str methods and
/// `in` accept where CPython accepts any str subclass.
pub(crate) fn str_like(v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Obj(_) => match stand_in_value(v) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `class` derives from a stand-in for a built-in type (its MRO has a class with
/// `__interleave_value_type__`; see [`stand_in_value`]).
pub(crate) fn stand_in_class(class: &Value) -> bool {
    class.as_class().is_some_and(|c| {
        c.mro.borrow().iter().any(|k| k.as_class().is_some_and(|kc| kc.dict.borrow().contains_key("__interleave_value_type__")))
    })
}

fn key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::None, Value::None) => true,
        (Value::Obj(x), Value::Obj(y)) => match (x.as_ref(), y.as_ref()) {
            (Obj::Tuple(p), Obj::Tuple(q)) => p.len() == q.len() && p.iter().zip(q).all(|(m, n)| key_eq(m, n)),
            (Obj::Bytes(p), Obj::Bytes(q)) => p == q,
            (Obj::FrozenSet(p), Obj::FrozenSet(q)) => {
                let (p, q) = (p.borrow(), q.borrow());
                p.len() == q.len() && p.iter().all(|k| q.contains(k))
            }
            _ => Rc::ptr_eq(x, y),
        },
        _ => num_eq(a, b).unwrap_or(false),
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.1 {
            // A stand-in for a str or number hashes as its value does, so the plain value
            // finds it in the same bucket (see `PartialEq`).
            Some(h) => match stand_in_value(&self.0) {
                Some(v) => hash_value(&v, state),
                None => h.hash(state),
            },
            None => hash_value(&self.0, state),
        }
    }
}

/// A probe for the stored keys whose user hash equals `key`'s: given to
/// `IndexMap::get_index_of`, it visits the entries of `key`'s hash bucket, collects
/// those hashed by user code with the same hash and the builtin ones, and matches none, so the caller can
/// compare them with the VM's `==` once the map is no longer borrowed.
pub(crate) struct SameHash<'a> {
    pub key: &'a Key,
    pub found: RefCell<Vec<Key>>,
}

impl Hash for SameHash<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state)
    }
}

impl indexmap::Equivalent<Key> for SameHash<'_> {
    fn equivalent(&self, stored: &Key) -> bool {
        // Builtin keys in the same bucket are candidates too: an object whose
        // `__hash__` is its int value (an IntEnum member) finds the plain int key.
        if stored.1 == self.key.1 || stored.1.is_none() {
            self.found.borrow_mut().push(stored.clone());
        }
        false
    }
}

/// Combine member hashes without regard to order (shuffled and summed, as CPython's
/// `frozenset_hash` does, so that sets differing in one member rarely collide).
pub(crate) fn frozenset_hash(members: impl Iterator<Item = i64>) -> i64 {
    let mut acc: u64 = 0;
    let mut n: u64 = 0;
    for h in members {
        let h = h as u64;
        acc ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
        n += 1;
    }
    acc ^= n.wrapping_add(1).wrapping_mul(1927868237);
    acc = acc.wrapping_mul(69069).wrapping_add(907133923);
    let h = acc as i64;
    if h == -1 { 590923713 } else { h }
}

/// The hash of a builtin value as a Python-visible number (`hash(("a", 1))`), used
/// to combine the hashes of a tuple's items when one of them has a user `__hash__`.
pub(crate) fn builtin_hash(v: &Value) -> i64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    hash_value(v, &mut h);
    (h.finish() >> 2) as i64
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::None => 0u8.hash(state),
        // Numbers that compare equal hash alike: integral values by their Python hash.
        Value::Bool(b) => (*b as i64).hash(state),
        Value::Int(i) => hash_i64(*i).hash(state),
        Value::BigInt(b) => hash_bigint(b).hash(state),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                hash_i64(*f as i64).hash(state)
            } else if f.fract() == 0.0 {
                hash_f64(*f).hash(state)
            } else {
                f.to_bits().hash(state)
            }
        }
        Value::Str(s) => s.hash(state),
        Value::Obj(o) => match o.as_ref() {
            Obj::Tuple(items) => {
                items.len().hash(state);
                for i in items {
                    hash_value(i, state);
                }
            }
            // Order-independent, as CPython's `frozenset_hash`: equal sets hash alike
            // whatever order their members were added in.
            Obj::FrozenSet(s) => frozenset_hash(s.borrow().iter().map(|k| k.user_hash().unwrap_or_else(|| builtin_hash(&k.0)))).hash(state),
            Obj::Bytes(b) => b.hash(state),
            _ => (Rc::as_ptr(o) as *const u8 as usize).hash(state),
        },
    }
}

// ── numbers: exact comparison across int, big int and float; Python's numeric hash ──

/// A borrowed number, for mixed comparisons.
enum N<'a> {
    I(i64),
    B(&'a BigInt),
    F(f64),
}

fn as_n(v: &Value) -> Option<N<'_>> {
    match v {
        Value::Bool(b) => Some(N::I(*b as i64)),
        Value::Int(i) => Some(N::I(*i)),
        Value::BigInt(b) => Some(N::B(b)),
        Value::Float(f) => Some(N::F(*f)),
        _ => None,
    }
}

/// Exact `a == b` between numbers, as Python compares them (`2**53 + 1 != 2.0**53`);
/// `None` if either is not a number.
pub fn num_eq(a: &Value, b: &Value) -> Option<bool> {
    Some(match (as_n(a)?, as_n(b)?) {
        (N::F(x), N::F(y)) => x == y,
        (N::I(x), N::I(y)) => x == y,
        (N::B(x), N::B(y)) => x == y,
        (N::I(_), N::B(_)) | (N::B(_), N::I(_)) => false,
        (x, y) => num_cmp_n(&x, &y) == Some(Ordering::Equal),
    })
}

/// Exact ordering between numbers: `None` if either is not a number, `Some(None)` if
/// unordered (NaN).
pub fn num_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    Some(num_cmp_n(&as_n(a)?, &as_n(b)?))
}

fn num_cmp_n(a: &N, b: &N) -> Option<Ordering> {
    match (a, b) {
        (N::I(x), N::I(y)) => Some(x.cmp(y)),
        (N::F(x), N::F(y)) => x.partial_cmp(y),
        (N::I(x), N::B(y)) => Some(BigInt::from(*x).cmp(y)),
        (N::B(x), N::I(y)) => Some((*x).cmp(&BigInt::from(*y))),
        (N::B(x), N::B(y)) => Some(x.cmp(y)),
        (N::I(x), N::F(y)) => cmp_int_float(*x, *y),
        (N::B(x), N::F(y)) => cmp_bigint_float(x, *y),
        (N::F(_), _) => num_cmp_n(b, a).map(Ordering::reverse),
    }
}

/// `i <=> f` exactly (no rounding of `i` to a float).
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9223372036854775808.0 {
        return Some(Ordering::Less);
    }
    if f < -9223372036854775808.0 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    Some(match i.cmp(&(t as i64)) {
        Ordering::Equal => frac_order(f, t),
        o => o,
    })
}

fn cmp_bigint_float(b: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let t = f.trunc();
    Some(match b.cmp(&BigInt::from_f64(t).unwrap_or_default()) {
        Ordering::Equal => frac_order(f, t),
        o => o,
    })
}

/// The order of the integer `t` (the truncation of `f`) relative to `f`.
fn frac_order(f: f64, t: f64) -> Ordering {
    if f > t {
        Ordering::Less
    } else if f < t {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// CPython's modulus for numeric hashes: `hash(n) == n mod (2**61 - 1)`, signed.
const HASH_BITS: u32 = 61;
const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;

/// Python's `hash()` of an int, before its `-1 -> -2` adjustment.
pub fn hash_i64(i: i64) -> i64 {
    const M: i64 = HASH_MODULUS as i64;
    if i > -M && i < M {
        return i;
    }
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    if i < 0 {
        -m
    } else {
        m
    }
}

/// Python's `hash()` of a big int, before its `-1 -> -2` adjustment.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = (b.magnitude() % HASH_MODULUS).to_u64().unwrap_or(0) as i64;
    if b.is_negative() {
        -m
    } else {
        m
    }
}

/// Python's `hash()` of a float (CPython's `_Py_HashDouble`), before its `-1 -> -2`
/// adjustment. Integral floats hash like the equal int. NaN hashes to 0.
pub fn hash_f64(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 { e % bits } else { bits - 1 - ((-1 - e) % bits) } as u32;
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    (x as i64).wrapping_mul(sign)
}

/// `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (for finite, nonzero `v`).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::from_bits(0x4350000000000000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// A Python function (from `def` or `lambda`).
pub struct Function {
    /// Its compiled body.
    pub code: Rc<Code>,
    /// The module whose globals it sees.
    pub globals: Rc<Module>,
    /// Positional defaults (`__defaults__`), for the last parameters.
    pub defaults: Vec<Value>,
    /// Keyword-only defaults (`__kwdefaults__`).
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    /// Cells of the variables it closes over, in `code.freevars` order.
    pub closure: Vec<Rc<Obj>>,
    /// `__name__`.
    pub name: Rc<str>,
    /// The class whose body defined this function (for zero-argument `super()`).
    pub owner: RefCell<Option<Value>>,
    /// The function's `__dict__`: attributes the program set (`f.calls = 0`,
    /// `functools.wraps`'s `__name__`, `__doc__`, `__wrapped__`); None until the first.
    pub attrs: RefCell<Option<Box<indexmap::IndexMap<Rc<str>, Value>>>>,
}

/// Signature of natively implemented callables: positional and keyword arguments.
pub type NativeFn = fn(&mut super::Vm, Args) -> super::PyResult<Value>;

/// A function implemented in Rust, optionally bound to a receiver (passed first).
pub struct Builtin {
    /// Its name, for reprs and messages.
    pub name: &'static str,
    /// The Rust function.
    pub f: NativeFn,
    /// The object it is bound to (`[].append`), passed as the first argument.
    pub recv: Option<Value>,
    /// A built-in type's method taken from the class (`dict.keys`): the call's first
    /// argument must be of this type, as CPython's method descriptors check.
    pub unbound: Option<super::types::BuiltinType>,
}

/// Arguments of a call.
#[derive(Default, Debug)]
pub struct Args {
    /// Positional arguments.
    pub pos: Vec<Value>,
    /// Keyword arguments, in call order.
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub fn new(pos: Vec<Value>) -> Args {
        Args { pos, kw: Vec::new() }
    }

    /// Remove and return the keyword argument `name`.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// A class: user-defined, or one of the built-in types and exceptions.
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// `__module__`, for reprs and tracebacks (`asyncio.exceptions`).
    pub module: Rc<str>,
    /// `__bases__`.
    pub bases: Vec<Value>,
    /// Method resolution order, this class first.
    pub mro: RefCell<Vec<Value>>,
    /// The class namespace (`__dict__`).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// Which built-in type it is, for the built-in classes.
    pub builtin: Option<super::types::BuiltinType>,
    /// What calling the class does, for the classes of native objects
    /// (`Vm::register_native_class`).
    pub native_new: std::cell::Cell<Option<NativeFn>>,
    /// Its metaclass when that is a Python class deriving from `type` (`class
    /// C(metaclass=M)`, or inherited from a base); `None` means `type`.
    pub meta: Option<Value>,
    /// For a Python class deriving from a native class (`threading.local`): that base,
    /// whose object each instance carries to keep its attributes (`vm::native_base`).
    pub native_base: RefCell<Option<Value>>,
    /// Whether it or a base defines `__del__` (`vm::finalizer`), cached so that an
    /// instance's drop knows without a lookup.
    pub has_del: super::finalizer::DelFlag,
}

/// An instance of a Python class. Exceptions keep their state in `exc`.
pub struct Instance {
    /// Its class.
    pub class: Value,
    /// Its attributes (`__dict__`).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    /// The exception state, for instances of exception classes.
    pub exc: Option<RefCell<ExcState>>,
}

/// The state every exception instance carries.
#[derive(Default)]
pub struct ExcState {
    /// `args`.
    pub args: Vec<Value>,
    /// `__cause__` (`raise ... from`).
    pub cause: Option<Value>,
    /// `__context__`: the exception being handled when it was raised.
    pub context: Option<Value>,
    /// `__suppress_context__` (set by `raise ... from`).
    pub suppress_context: bool,
    /// Traceback entries, outermost first: (file, line, function).
    pub traceback: Vec<TracebackEntry>,
    /// For exception groups: the message and the contained exceptions.
    pub group: Option<(Rc<str>, Vec<Value>)>,
    /// For a `NameError`: the "Did you mean" name found where it was raised, which the
    /// display of an uncaught exception appends (`vm::suggestions`).
    pub suggestion: Option<Rc<str>>,
}

/// One entry of a traceback.
#[derive(Clone, Debug)]
pub struct TracebackEntry {
    /// The code the frame was running.
    pub code: Rc<Code>,
    /// The line it was at.
    pub line: u32,
}

/// A module: a name and a namespace.
pub struct Module {
    /// `__name__`.
    pub name: Rc<str>,
    /// Its globals (`__dict__`).
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
}

impl Module {
    /// An empty module.
    pub fn new(name: &str) -> Module {
        Module { name: name.into(), dict: RefCell::new(IndexMap::new()) }
    }

    /// A global, if defined.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }

    /// Sets a global.
    pub fn set(&self, name: &str, v: Value) {
        self.dict.borrow_mut().insert(name.into(), v);
    }
}

/// A coroutine object: made by calling an `async def`, run by awaiting it or by a task.
pub struct Coroutine {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// Created, running or done.
    pub state: CoroState,
    /// Suspended while driven by hand (`coro.send`): its fiber (`vm::generator_coroutine`).
    pub driven: Option<super::frame::Fiber>,
}

/// A coroutine dropped before it ever ran: CPython warns about it on stderr (the guide's
/// "common beginner mistake", calling `make_tea()` without `await`). Drop cannot reach
/// the VM, so the names wait here until the VM writes output or the run ends.
impl Drop for Coroutine {
    fn drop(&mut self) {
        if matches!(self.state, CoroState::Created(_)) {
            NEVER_AWAITED.with(|w| w.borrow_mut().push((self.qualname.clone(), None)));
            // The next drop check of the running frame notes where it happened.
            super::generator::mark_dropped();
        }
    }
}

/// Where a never-awaited coroutine was dropped: the program's code and line running then
/// (CPython's warning points there, with `stacklevel=1`).
pub type DropSite = Option<(Rc<Code>, u32)>;

thread_local! {
    static NEVER_AWAITED: RefCell<Vec<(Rc<str>, DropSite)>> = const { RefCell::new(Vec::new()) };
}

/// Coroutines dropped without ever running since the last call: name and drop site.
pub fn take_never_awaited() -> Vec<(Rc<str>, DropSite)> {
    NEVER_AWAITED.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// The coroutines dropped unawaited and not yet located were dropped at `line` of `code`.
pub fn locate_never_awaited(code: &Rc<Code>, line: u32) {
    NEVER_AWAITED.with(|w| {
        for (_, site) in w.borrow_mut().iter_mut().filter(|(_, s)| s.is_none()) {
            *site = Some((code.clone(), line));
        }
    });
}

/// Where a coroutine is in its life.
pub enum CoroState {
    /// Created, not started: the frame with its arguments bound.
    Created(Box<Frame>),
    /// Being run by a task or an awaiting frame.
    Running,
    /// Returned or raised: awaiting it again raises `RuntimeError`.
    Done,
}

/// What a suspended computation hands to the runtime.
#[derive(Clone, Debug)]
pub enum Yielded {
    /// Wait until this future is done (`await fut`).
    Future(Rc<Obj>),
    /// A bare yield: run again on the next loop iteration (`asyncio.sleep(0)`).
    Bare,
    /// The thread blocks (`time.sleep`, `lock.acquire()`, `join`...); the reason was
    /// registered with the thread scheduler before yielding.
    Block,
    /// The thread's GIL time is up: another thread takes over at this instruction.
    Preempt,
    /// A generator's `yield`: the value goes to whoever resumed the generator (its
    /// fiber is the generator's own, never a task's or a thread's).
    Value(Value),
}

/// How a suspended computation is resumed: with a value, or an exception thrown in.
#[derive(Clone, Debug)]
pub enum Resume {
    /// Resume with this value (`send`).
    Send(Value),
    /// Raise this exception at the suspension point (`throw`).
    Throw(Value),
}

/// One step of a native coroutine.
pub enum NativeStep {
    /// It suspends, yielding this to the task or awaiting frame.
    Yield(Yielded),
    /// It finished with this value (`StopIteration.value`).
    Return(Value),
    /// It raised.
    Raise(super::Fail),
}

/// An awaitable implemented in Rust (the body of `Lock.acquire`, `asyncio.sleep`, ...).
/// Each call to `resume` runs it to its next suspension point, like `coro.send`/`throw`.
pub trait NativeCoroutine {
    /// Its name, for reprs (`sleep`, `acquire`).
    fn name(&self) -> &'static str;
    /// Runs it to its next suspension point, sending `input` in.
    fn resume(&mut self, vm: &mut super::Vm, input: Resume) -> NativeStep;
    /// A blocking call (`time.sleep`, `Lock.acquire`...) returned by a plain function
    /// call: the dispatch loop runs it at once instead of returning it.
    fn is_blocking_call(&self) -> bool {
        false
    }
}

/// Iterators over the built-in sequences.
pub enum Iter {
    /// Over a list, tuple or other indexable sequence.
    Seq {
        /// The sequence.
        seq: Value,
        /// The next index.
        index: usize,
    },
    /// Over a `range`.
    Range {
        /// The next value.
        next: i64,
        /// The stop value (excluded).
        stop: i64,
        /// The step.
        step: i64,
    },
    /// Over a `str`, one character at a time.
    Chars {
        /// The string.
        s: Rc<str>,
        /// The byte offset of the next character.
        byte: usize,
    },
    /// Over a snapshot of values (dict views, sets, zip/enumerate results).
    Values {
        /// The values.
        items: Rc<[Value]>,
        /// The next index.
        index: usize,
    },
    /// `enumerate(inner)`.
    Enumerate {
        /// The iterator enumerated.
        inner: Value,
        /// The next count.
        count: i64,
    },
    /// `zip(*inners)`.
    Zip {
        /// One iterator per argument.
        inners: Vec<Value>,
    },
    /// `map(func, *inners)`: lazy, as in CPython (each `next` takes one item from every
    /// iterator, then calls `func`), so `map` over an endless iterator works and a `map`
    /// never consumed calls nothing.
    Map {
        /// The function.
        func: Value,
        /// One iterator per iterable.
        inners: Vec<Value>,
    },
    /// `filter(func, inner)`: lazy; `func` None keeps the truthy items.
    Filter {
        /// The predicate, or None.
        func: Value,
        /// The iterator filtered.
        inner: Value,
    },
    /// `iter(callable, sentinel)`: call until the result equals the sentinel.
    Callable {
        /// The callable.
        func: Value,
        /// The value that ends iteration.
        sentinel: Value,
    },
    /// The keys of a dict or the members of a set, read live: a change of size while
    /// iterating is an error, as in CPython (`len` is the size when iteration began).
    Keys {
        /// The dict or set.
        container: Value,
        /// The next position in its storage.
        index: usize,
        /// Its size when iteration began.
        len: usize,
    },
    /// `coro.__await__()`: steps the coroutine (`vm::generator_coroutine`).
    Await {
        /// The coroutine.
        coro: Value,
    },
    /// Exhausted.
    Done,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    fn key_hash(v: &Value) -> u64 {
        let mut h = DefaultHasher::new();
        Key::new(v.clone()).hash(&mut h);
        h.finish()
    }

    /// Dropping deep nesting needs no more stack than shallow: on a 256 KiB stack, a
    /// million-deep list (and a dict and tuple chain) would overflow with recursive drops.
    #[test]
    fn deep_values_drop_on_a_small_stack() {
        let dropped = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let mut v = Value::list(vec![]);
                for i in 0..1_000_000 {
                    v = match i % 3 {
                        0 => Value::list(vec![v]),
                        1 => Value::tuple(vec![Value::Int(i), v]),
                        _ => Value::obj(Obj::Dict(RefCell::new([(Key::new(Value::Int(i)), v)].into_iter().collect()))),
                    };
                }
                drop(v);
                DROP_LATER.with(|later| later.borrow().is_empty())
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(dropped, "everything queued was dropped");
    }

    #[test]
    fn ints_that_fit_are_small() {
        assert!(matches!(Value::from_bigint(BigInt::from(i64::MIN)), Value::Int(i64::MIN)));
        assert!(matches!(Value::from_bigint(big("9223372036854775808")), Value::BigInt(_)));
        assert!(matches!(Value::int_from_f64(-1.5e20), Value::BigInt(_)));
        assert!(matches!(Value::int_from_f64(-2.9), Value::Int(-2)));
    }

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_bigint(&big("1267650600228229401496703205376")), 549755813888);
        assert_eq!(hash_bigint(&big("-1267650600228229401496703205376")), -549755813888);
        assert_eq!(hash_i64((1 << 61) - 1), 0);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_i64(i64::MIN), -4);
        assert_eq!(hash_f64(0.5), 1152921504606846976);
        assert_eq!(hash_f64(1e100), 1822893315824342674);
        assert_eq!(hash_f64(-1.5), -1152921504606846977);
        assert_eq!(hash_f64(f64::INFINITY), 314159);
        assert_eq!(hash_f64(2f64.powi(100)), 549755813888);
    }

    #[test]
    fn equal_numbers_are_one_key() {
        let b = Value::BigInt(Rc::new(big("18446744073709551616")));
        let f = Value::Float(18446744073709551616.0);
        assert!(Key::new(b.clone()) == Key::new(f.clone()));
        assert_eq!(key_hash(&b), key_hash(&f));
        let near = Value::BigInt(Rc::new(big("18446744073709551617")));
        assert!(Key::new(near) != Key::new(f));
        assert_eq!(key_hash(&Value::Int(7)), key_hash(&Value::Float(7.0)));
        assert_eq!(key_hash(&Value::Int(i64::MAX)), key_hash(&Value::Int(i64::MAX)));
    }

    #[test]
    fn mixed_comparisons_are_exact() {
        assert_eq!(cmp_int_float((1 << 53) + 1, 9007199254740992.0), Some(Ordering::Greater));
        assert_eq!(cmp_int_float(i64::MAX, 9223372036854775808.0), Some(Ordering::Less));
        assert_eq!(cmp_int_float(3, 3.5), Some(Ordering::Less));
        assert_eq!(cmp_int_float(-3, -3.5), Some(Ordering::Greater));
        assert_eq!(cmp_int_float(1, f64::NAN), None);
        let b = Value::BigInt(Rc::new(big("1267650600228229401496703205377")));
        assert_eq!(num_cmp(&b, &Value::Float(2f64.powi(100))), Some(Some(Ordering::Greater)));
        assert_eq!(num_cmp(&Value::Float(f64::INFINITY), &b), Some(Some(Ordering::Greater)));
        assert_eq!(num_eq(&b, &Value::Int(1)), Some(false));
        assert_eq!(num_eq(&b, &Value::str("x")), None);
    }
}
