//! Python values.
//!
//! Small immutable values are stored inline; everything else is a reference-counted
//! `Obj`. Mutable containers use `RefCell`. Runtime objects (futures, locks, queues)
//! are `Obj` variants whose state lives in the runtime's own types.

use super::frame::Frame;
use crate::compiler::Code;
use crate::runtime::asyncio::{future::FutureObj, primitives::Primitive};
use indexmap::{IndexMap, IndexSet};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A Python value.
#[derive(Clone, Debug)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<str>),
    Obj(Rc<Obj>),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn obj(o: Obj) -> Value {
        Value::Obj(Rc::new(o))
    }

    pub fn as_obj(&self) -> Option<&Rc<Obj>> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::obj(Obj::List(RefCell::new(items)))
    }

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

/// A heap object.
pub enum Obj {
    List(RefCell<Vec<Value>>),
    Tuple(Vec<Value>),
    Dict(RefCell<Dict>),
    Set(RefCell<Set>),
    Range(i64, i64, i64),
    Slice(Value, Value, Value),
    Function(Function),
    /// A function bound to its receiver.
    Method(Value, Value),
    Builtin(Builtin),
    Class(Class),
    Instance(Instance),
    Module(Rc<Module>),
    Cell(RefCell<Option<Value>>),
    Coroutine(RefCell<Coroutine>),
    NativeCoro(RefCell<Option<Box<dyn NativeCoroutine>>>),
    Iter(RefCell<Iter>),
    Future(FutureObj),
    Primitive(Primitive),
    /// `super()`: look up attributes of the object along its MRO after the class.
    Super(Value, Value),
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<obj {}>", self.kind_name())
    }
}

impl Obj {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Obj::List(_) => "list",
            Obj::Tuple(_) => "tuple",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
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
            Obj::Iter(_) => "iterator",
            Obj::Future(_) => "Future",
            Obj::Primitive(_) => "object",
            Obj::Super(..) => "super",
        }
    }
}

pub type Dict = IndexMap<Key, Value>;
pub type Set = IndexSet<Key>;

/// A hashable value used as a dict key or set member. Equal numbers hash alike
/// (`1 == 1.0 == True`), as in Python; other objects hash by identity.
#[derive(Clone, Debug)]
pub struct Key(pub Value);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        key_eq(&self.0, &other.0)
    }
}
impl Eq for Key {}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn key_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::None, Value::None) => true,
        (Value::Obj(x), Value::Obj(y)) => match (x.as_ref(), y.as_ref()) {
            (Obj::Tuple(p), Obj::Tuple(q)) => p.len() == q.len() && p.iter().zip(q).all(|(m, n)| key_eq(m, n)),
            _ => Rc::ptr_eq(x, y),
        },
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state)
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::None => 0u8.hash(state),
        Value::Bool(b) => (*b as i64).hash(state),
        Value::Int(i) => i.hash(state),
        Value::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 9.2e18 {
                (*f as i64).hash(state)
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
            _ => (Rc::as_ptr(o) as *const u8 as usize).hash(state),
        },
    }
}

/// A Python function (from `def` or `lambda`).
pub struct Function {
    pub code: Rc<Code>,
    pub globals: Rc<Module>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    pub closure: Vec<Rc<Obj>>,
    pub name: Rc<str>,
    /// The class whose body defined this function (for zero-argument `super()`).
    pub owner: RefCell<Option<Value>>,
}

/// Signature of natively implemented callables: positional and keyword arguments.
pub type NativeFn = fn(&mut super::Vm, Args) -> super::PyResult<Value>;

/// A function implemented in Rust, optionally bound to a receiver (passed first).
pub struct Builtin {
    pub name: &'static str,
    pub f: NativeFn,
    pub recv: Option<Value>,
}

/// Arguments of a call.
#[derive(Default, Debug)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
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
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// `__module__`, for reprs and tracebacks (`asyncio.exceptions`).
    pub module: Rc<str>,
    pub bases: Vec<Value>,
    /// Method resolution order, this class first.
    pub mro: RefCell<Vec<Value>>,
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    pub builtin: Option<super::types::BuiltinType>,
}

/// An instance of a Python class. Exceptions keep their state in `exc`.
pub struct Instance {
    pub class: Value,
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
    pub exc: Option<RefCell<ExcState>>,
}

/// The state every exception instance carries.
#[derive(Default)]
pub struct ExcState {
    pub args: Vec<Value>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
    /// Traceback entries, outermost first: (file, line, function).
    pub traceback: Vec<TracebackEntry>,
    /// For exception groups: the message and the contained exceptions.
    pub group: Option<(Rc<str>, Vec<Value>)>,
}

#[derive(Clone, Debug)]
pub struct TracebackEntry {
    pub code: Rc<Code>,
    pub line: u32,
}

/// A module: a name and a namespace.
pub struct Module {
    pub name: Rc<str>,
    pub dict: RefCell<IndexMap<Rc<str>, Value>>,
}

impl Module {
    pub fn new(name: &str) -> Module {
        Module { name: name.into(), dict: RefCell::new(IndexMap::new()) }
    }

    pub fn get(&self, name: &str) -> Option<Value> {
        self.dict.borrow().get(name).cloned()
    }

    pub fn set(&self, name: &str, v: Value) {
        self.dict.borrow_mut().insert(name.into(), v);
    }
}

/// A coroutine object: made by calling an `async def`, run by awaiting it or by a task.
pub struct Coroutine {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub state: CoroState,
}

pub enum CoroState {
    /// Created, not started: the frame with its arguments bound.
    Created(Box<Frame>),
    /// Being run by a task or an awaiting frame.
    Running,
    Done,
}

/// What a suspended computation hands to the runtime.
#[derive(Clone, Debug)]
pub enum Yielded {
    /// Wait until this future is done (`await fut`).
    Future(Rc<Obj>),
    /// A bare yield: run again on the next loop iteration (`asyncio.sleep(0)`).
    Bare,
}

/// How a suspended computation is resumed: with a value, or an exception thrown in.
#[derive(Clone, Debug)]
pub enum Resume {
    Send(Value),
    Throw(Value),
}

/// One step of a native coroutine.
pub enum NativeStep {
    Yield(Yielded),
    Return(Value),
    Raise(super::Fail),
}

/// An awaitable implemented in Rust (the body of `Lock.acquire`, `asyncio.sleep`, ...).
/// Each call to `resume` runs it to its next suspension point, like `coro.send`/`throw`.
pub trait NativeCoroutine {
    fn name(&self) -> &'static str;
    fn resume(&mut self, vm: &mut super::Vm, input: Resume) -> NativeStep;
}

/// Iterators over the built-in sequences.
pub enum Iter {
    Seq { seq: Value, index: usize },
    Range { next: i64, stop: i64, step: i64 },
    Chars { s: Rc<str>, byte: usize },
    /// Over a snapshot of values (dict views, sets, zip/enumerate results).
    Values { items: Rc<[Value]>, index: usize },
    Enumerate { inner: Value, count: i64 },
    Zip { inners: Vec<Value> },
    Done,
}
