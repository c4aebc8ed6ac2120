//! The built-in types and the exception hierarchy, as class objects.
//!
//! Every value has a class (`type(x)`), so `isinstance`, `type(x).__name__` and
//! `except` matching all go through the same method resolution order. The exception
//! tree follows CPython 3.11's `Lib/test/exception_hierarchy.txt`.

use super::value::{Class, Obj, Value};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Tags the classes whose instances are not `Instance`s (or that construct specially).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinType {
    /// `object`.
    Object,
    /// `type`.
    Type,
    /// `NoneType`.
    NoneType,
    /// `bool`.
    Bool,
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `str`.
    Str,
    /// `list`.
    List,
    /// `tuple`.
    Tuple,
    /// `dict`.
    Dict,
    /// `set`.
    Set,
    /// `frozenset`.
    FrozenSet,
    /// `bytes`.
    Bytes,
    /// `bytearray`.
    ByteArray,
    /// `range`.
    Range,
    /// `slice`.
    Slice,
    /// `function`.
    Function,
    /// `builtin_function_or_method`.
    BuiltinFunction,
    /// `method`.
    Method,
    /// `module`.
    Module,
    /// `cell`.
    Cell,
    /// `coroutine`.
    Coroutine,
    /// `generator`.
    Generator,
    /// `async_generator`.
    AsyncGenerator,
    /// `iterator`: the class of the built-in iterators.
    Iterator,
    /// `BaseException` and every exception class derives its instance layout from it.
    BaseException,
}

/// The class objects the interpreter needs to reach directly.
pub struct Types {
    /// The `object` class.
    pub object: Value,
    /// The `type` class.
    pub type_: Value,
    /// The `NoneType` class.
    pub none: Value,
    /// The `bool` class.
    pub bool_: Value,
    /// The `int` class.
    pub int: Value,
    /// The `float` class.
    pub float: Value,
    /// The `str` class.
    pub str_: Value,
    /// The `list` class.
    pub list: Value,
    /// The `tuple` class.
    pub tuple: Value,
    /// The `dict` class.
    pub dict: Value,
    /// The `set` class.
    pub set: Value,
    /// The `frozenset` class.
    pub frozenset: Value,
    /// The `bytes` class.
    pub bytes: Value,
    /// The `bytearray` class.
    pub bytearray: Value,
    /// The `range` class.
    pub range: Value,
    /// The `slice` class.
    pub slice: Value,
    /// The `function` class.
    pub function: Value,
    /// The `builtin_function_or_method` class.
    pub builtin_function: Value,
    /// The `method` class.
    pub method: Value,
    /// The `module` class.
    pub module: Value,
    /// The `cell` class.
    pub cell: Value,
    /// The `coroutine` class.
    pub coroutine: Value,
    /// The `generator` class.
    pub generator: Value,
    /// The `async_generator` class.
    pub async_generator: Value,
    /// The `iterator` class, shared by the built-in iterators.
    pub iterator: Value,
    /// Exception classes by name (`ValueError`, `CancelledError`, ...).
    pub exceptions: HashMap<&'static str, Value>,
}

/// Makes a class with its MRO computed from `bases` (C3, as `type.__new__` does).
pub fn new_class(name: &str, module: &str, bases: Vec<Value>, builtin: Option<BuiltinType>) -> Value {
    let class = Value::obj(Obj::Class(Box::new(Class {
        name: name.into(),
        qualname: name.into(),
        module: module.into(),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        dict: RefCell::new(IndexMap::new()),
        builtin,
        native_new: Default::default(),
        meta: None,
        native_base: RefCell::new(None),
        has_del: Default::default(),
    })));
    let mro = compute_mro(&class, &bases).unwrap_or_else(|| vec![class.clone()]);
    class.as_class().expect("class").mro.replace(mro);
    class
}

/// C3 linearization; `None` when the bases cannot be ordered consistently.
pub fn compute_mro(class: &Value, bases: &[Value]) -> Option<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> =
        bases.iter().map(|b| b.as_class().map(|c| c.mro.borrow().clone()).unwrap_or_default()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![class.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs.iter().map(|s| s[0].clone()).find(|cand| {
            !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(cand)))
        })?;
        for s in seqs.iter_mut() {
            if s[0].is(&head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// The exception tree: (name, module, bases).
const EXCEPTIONS: &[(&str, &str, &[&str])] = &[
    ("Exception", "builtins", &["BaseException"]),
    ("BaseExceptionGroup", "builtins", &["BaseException"]),
    ("GeneratorExit", "builtins", &["BaseException"]),
    ("KeyboardInterrupt", "builtins", &["BaseException"]),
    ("SystemExit", "builtins", &["BaseException"]),
    ("CancelledError", "asyncio.exceptions", &["BaseException"]),
    ("ArithmeticError", "builtins", &["Exception"]),
    ("FloatingPointError", "builtins", &["ArithmeticError"]),
    ("OverflowError", "builtins", &["ArithmeticError"]),
    ("ZeroDivisionError", "builtins", &["ArithmeticError"]),
    ("AssertionError", "builtins", &["Exception"]),
    ("AttributeError", "builtins", &["Exception"]),
    ("EOFError", "builtins", &["Exception"]),
    ("ExceptionGroup", "builtins", &["BaseExceptionGroup", "Exception"]),
    ("ImportError", "builtins", &["Exception"]),
    ("ModuleNotFoundError", "builtins", &["ImportError"]),
    ("LookupError", "builtins", &["Exception"]),
    ("IndexError", "builtins", &["LookupError"]),
    ("KeyError", "builtins", &["LookupError"]),
    ("MemoryError", "builtins", &["Exception"]),
    ("NameError", "builtins", &["Exception"]),
    ("UnboundLocalError", "builtins", &["NameError"]),
    ("OSError", "builtins", &["Exception"]),
    ("TimeoutError", "builtins", &["OSError"]),
    ("ConnectionError", "builtins", &["OSError"]),
    ("RuntimeError", "builtins", &["Exception"]),
    ("NotImplementedError", "builtins", &["RuntimeError"]),
    ("RecursionError", "builtins", &["RuntimeError"]),
    ("ReferenceError", "builtins", &["Exception"]),
    ("BufferError", "builtins", &["Exception"]),
    ("StopIteration", "builtins", &["Exception"]),
    ("StopAsyncIteration", "builtins", &["Exception"]),
    ("SyntaxError", "builtins", &["Exception"]),
    ("TypeError", "builtins", &["Exception"]),
    ("ValueError", "builtins", &["Exception"]),
    ("UnicodeError", "builtins", &["ValueError"]),
    ("UnicodeEncodeError", "builtins", &["UnicodeError"]),
    ("UnicodeDecodeError", "builtins", &["UnicodeError"]),
    ("Warning", "builtins", &["Exception"]),
    ("RuntimeWarning", "builtins", &["Warning"]),
    ("DeprecationWarning", "builtins", &["Warning"]),
    ("UserWarning", "builtins", &["Warning"]),
    ("PendingDeprecationWarning", "builtins", &["Warning"]),
    ("FutureWarning", "builtins", &["Warning"]),
    ("SyntaxWarning", "builtins", &["Warning"]),
    ("ImportWarning", "builtins", &["Warning"]),
    ("ResourceWarning", "builtins", &["Warning"]),
    ("UnicodeWarning", "builtins", &["Warning"]),
    ("BytesWarning", "builtins", &["Warning"]),
    ("EncodingWarning", "builtins", &["Warning"]),
    ("InvalidStateError", "asyncio.exceptions", &["Exception"]),
    ("QueueEmpty", "asyncio.queues", &["Exception"]),
    ("QueueFull", "asyncio.queues", &["Exception"]),
    ("Empty", "queue", &["Exception"]),
    ("Full", "queue", &["Exception"]),
    ("BrokenBarrierError", "threading", &["RuntimeError"]),
];

impl Types {
    /// Creates every built-in class and the exception hierarchy.
    pub fn new() -> Types {
        use BuiltinType as B;
        let object = new_class("object", "builtins", vec![], Some(B::Object));
        let mk = |name: &str, b: BuiltinType| new_class(name, "builtins", vec![object.clone()], Some(b));
        let int = mk("int", B::Int);
        let bool_ = new_class("bool", "builtins", vec![int.clone()], Some(B::Bool));
        let base_exception = mk("BaseException", B::BaseException);
        let mut exceptions: HashMap<&'static str, Value> = HashMap::new();
        exceptions.insert("BaseException", base_exception);
        for (name, module, bases) in EXCEPTIONS {
            let bases: Vec<Value> = bases.iter().map(|b| exceptions[b].clone()).collect();
            exceptions.insert(name, new_class(name, module, bases, Some(B::BaseException)));
        }
        Types {
            type_: mk("type", B::Type),
            none: mk("NoneType", B::NoneType),
            bool_,
            int,
            float: mk("float", B::Float),
            str_: mk("str", B::Str),
            list: mk("list", B::List),
            tuple: mk("tuple", B::Tuple),
            dict: mk("dict", B::Dict),
            set: mk("set", B::Set),
            frozenset: mk("frozenset", B::FrozenSet),
            bytes: mk("bytes", B::Bytes),
            bytearray: mk("bytearray", B::ByteArray),
            range: mk("range", B::Range),
            slice: mk("slice", B::Slice),
            function: mk("function", B::Function),
            builtin_function: mk("builtin_function_or_method", B::BuiltinFunction),
            method: mk("method", B::Method),
            module: mk("module", B::Module),
            cell: mk("cell", B::Cell),
            coroutine: mk("coroutine", B::Coroutine),
            generator: mk("generator", B::Generator),
            async_generator: mk("async_generator", B::AsyncGenerator),
            iterator: mk("iterator", B::Iterator),
            exceptions,
            object,
        }
    }

    /// The exception class named `name` (panics if the runtime defines none).
    pub fn exc(&self, name: &str) -> Value {
        self.exceptions.get(name).cloned().unwrap_or_else(|| panic!("no exception class {name}"))
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// Is `class` a subclass of `base` (both class values)?
pub fn is_subclass(class: &Value, base: &Value) -> bool {
    match class.as_class() {
        Some(c) => c.mro.borrow().iter().any(|m| m.is(base)),
        None => false,
    }
}

/// Does this class derive from `BaseException`?
pub fn is_exception_class(class: &Value) -> bool {
    match class.as_class() {
        Some(c) => c.mro.borrow().iter().any(|m| {
            m.as_class().map(|k| k.builtin == Some(BuiltinType::BaseException) && &*k.name == "BaseException").unwrap_or(false)
        }),
        None => false,
    }
}

/// The name tracebacks print for a class: `module.Name`, except for builtins and `__main__`.
pub fn qualified_name(class: &Value) -> Rc<str> {
    match class.as_class() {
        Some(c) if &*c.module == "builtins" || &*c.module == "__main__" => c.qualname.clone(),
        Some(c) => format!("{}.{}", c.module, c.qualname).into(),
        None => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exception_group_mro_is_c3() {
        let t = Types::new();
        let eg = t.exc("ExceptionGroup");
        let names: Vec<String> =
            eg.as_class().unwrap().mro.borrow().iter().map(|c| c.as_class().unwrap().name.to_string()).collect();
        assert_eq!(names, ["ExceptionGroup", "BaseExceptionGroup", "Exception", "BaseException", "object"]);
        assert!(is_subclass(&t.exc("TimeoutError"), &t.exc("OSError")));
        assert!(!is_subclass(&t.exc("CancelledError"), &t.exc("Exception")));
        assert_eq!(&*qualified_name(&t.exc("CancelledError")), "asyncio.exceptions.CancelledError");
        assert!(is_exception_class(&t.exc("KeyError")));
        assert!(!is_exception_class(&t.int));
    }
}
