//! The native-object seam: how the VM sees objects that the runtime defines.
//!
//! Futures, tasks, locks, queues, the event loop object, `sys.stdout`... are Rust types
//! owned by `crate::runtime`. The VM never names them: each implements [`NativeObject`]
//! and lives in one `Obj::Native` variant. The VM knows only the protocol (class,
//! attributes and methods, repr, truth, and the future side of `await`), in the spirit of
//! boa's `NativeObject`. A runtime module downcasts its own objects with
//! [`Obj::native`](super::value::Obj::native).
//!
//! The classes of native objects are registered once by the runtime
//! ([`Vm::register_native_class`]) under a qualified key (`"asyncio.Lock"`), so two types
//! that share a short name (`asyncio.Queue`, `multiprocessing.Queue`) keep their own class.

use super::value::{Args, Builtin, NativeCoroutine, NativeFn, Obj, Value};
use super::{PyResult, Vm};
use std::any::Any;
use std::rc::Rc;

/// Builds the awaitable of `await obj.name(args)` straight from the stack (`args[0]` is
/// the object), for the hot awaitable methods (`Queue.get`, `Lock.acquire`...).
pub type AwaitableFn = fn(&[Value]) -> Option<Box<dyn NativeCoroutine>>;

/// Attributes kept for an instance by its native base (see
/// [`NativeObject::instance_namespace`]).
pub type InstanceNamespace = Rc<std::cell::RefCell<indexmap::IndexMap<Rc<str>, Value>>>;

/// An object defined by the runtime, seen by the VM through this protocol only.
///
/// ```ignore
/// struct Handle { cancelled: Cell<bool> }
/// impl NativeObject for Handle {
///     fn class_key(&self) -> &'static str { "asyncio.Handle" }
///     fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> { ... }
///     fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> { Ok("<Handle pending>".into()) }
/// }
/// ```
pub trait NativeObject: Any {
    /// The key its class is registered under ([`Vm::register_native_class`]).
    fn class_key(&self) -> &'static str;

    /// A method, unbound: called with the object as `args.pos[0]`. Used both for
    /// `obj.name(...)` calls (no bound method is built) and for attribute lookups.
    fn method(&self, _name: &str) -> Option<(&'static str, NativeFn)> {
        None
    }

    /// Any other attribute (data attributes, methods computed per object).
    fn attr(&self, _vm: &mut Vm, _me: &Value, _name: &str) -> Option<Value> {
        None
    }

    /// `obj.name = value`: `Some(result)` when the object takes attributes
    /// (`threading.local`), `None` for the read-only default.
    fn set_attr(&self, _vm: &mut Vm, _name: &str, _value: Value) -> Option<PyResult<()>> {
        None
    }

    /// `del obj.name`: `Some(result)` when the object takes attributes, `None` if not.
    fn del_attr(&self, _vm: &mut Vm, _name: &str) -> Option<PyResult<()>> {
        None
    }

    /// For the native base of a Python class (`class MyLocal(threading.local)`): the
    /// namespace that holds the instance's attributes now (for `threading.local`, the
    /// running thread's), and whether it was just made (then the VM runs the class's
    /// `__init__` again in it, as CPython's `_thread._local` does in each new thread).
    /// `None` for the ordinary case: attributes in the instance's own dict.
    fn instance_namespace(&self, _vm: &mut Vm) -> Option<(InstanceNamespace, bool)> {
        None
    }

    /// For the native base of a Python class (`class MyFuture(asyncio.Future)`): the
    /// subclass instance this object serves, which stands for it where CPython passes
    /// `self` on (a future's done callbacks receive it). Kept weakly: the instance owns
    /// the object.
    fn set_subclass_instance(&self, _instance: &Value) {}

    /// `await obj.name(...)` built without a call (see [`AwaitableFn`]).
    fn awaitable_method(&self, _name: &str) -> Option<AwaitableFn> {
        None
    }

    /// `repr(obj)`, as CPython prints it.
    fn repr(&self, vm: &mut Vm, me: &Value) -> PyResult<String>;

    /// `bool(obj)`: true, as for any object without `__bool__`/`__len__`.
    fn truthy(&self) -> bool {
        true
    }

    /// For a synchronization primitive (lock, semaphore, event, queue): its id in the trace,
    /// so the trace can name it after the variable it is stored in.
    fn resource_id(&self) -> Option<u32> {
        None
    }

    /// For future-like objects (`await fut`): `Some(done)`; `None` when not awaitable.
    fn future_done(&self) -> Option<bool> {
        None
    }

    /// The value of `await obj` once [`future_done`](Self::future_done) says done:
    /// its result, or its exception raised.
    fn await_result(&self, vm: &mut Vm, _me: &Rc<Obj>) -> PyResult<Value> {
        Err(vm.type_error("object can't be used in 'await' expression"))
    }

    /// Drop every value the object holds (a queue's items, a future's result and
    /// callbacks, a task's coroutine): called when the run ends, on objects only a
    /// reference cycle still keeps alive (`vm::heap`), as CPython's collector calls a
    /// type's `tp_clear`. Objects that hold no values keep the default.
    fn clear_refs(&self) {}
}

impl Obj {
    /// The runtime object of type `T`, if this is one.
    #[inline]
    pub fn native<T: NativeObject>(&self) -> Option<&T> {
        match self {
            Obj::Native(n) => (n.as_ref() as &dyn Any).downcast_ref::<T>(),
            _ => None,
        }
    }
}

impl Value {
    /// The runtime object of type `T`, if this value is one.
    #[inline]
    pub fn native<T: NativeObject>(&self) -> Option<&T> {
        self.as_obj().and_then(|o| o.native::<T>())
    }

    /// A new value holding a runtime object.
    pub fn native_obj(o: impl NativeObject) -> Value {
        Value::obj(Obj::Native(Box::new(o)))
    }
}

/// The receiver of a native method (`args.pos[0]`).
pub fn recv(a: &Args) -> Rc<Obj> {
    a.pos[0].as_obj().expect("receiver").clone()
}

/// A named native method, for the `NativeObject::method` tables.
pub const fn m(name: &'static str, f: NativeFn) -> (&'static str, NativeFn) {
    (name, f)
}

/// A native method bound to `obj`.
pub fn bound(obj: &Value, name: &'static str, f: NativeFn) -> Value {
    Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(obj.clone()), unbound: None }))
}

/// What calling a native class without a constructor does.
fn cannot_create(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let name = match a.pos.first().and_then(|c| c.as_class()) {
        Some(c) => format!("{}.{}", c.module, c.name),
        None => "?".into(),
    };
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

impl Vm {
    /// Register the class of a native object type under `key` (its
    /// [`NativeObject::class_key`]); `new`, when given, is what calling the class does
    /// (it receives the class as `args.pos[0]`). A class without one cannot be called,
    /// as CPython's `_thread.lock` cannot: `TypeError: cannot create '_thread.lock' instances`.
    pub fn register_native_class(&mut self, key: &'static str, class: Value, new: Option<NativeFn>) {
        if let Some(c) = class.as_class() {
            c.native_new.set(Some(new.unwrap_or(cannot_create)));
        }
        self.native_classes.insert(key, class);
    }

    /// Attribute `name` of the runtime object `n` (the value `obj`): its method, bound, or
    /// another attribute.
    pub fn native_attr(&mut self, obj: &Value, n: &dyn NativeObject, name: &str) -> Option<Value> {
        match n.method(name) {
            Some((name, f)) => Some(bound(obj, name, f)),
            None => n.attr(self, obj, name),
        }
    }

    /// The class registered under `key` (`object` if none is).
    pub fn native_class(&self, key: &str) -> Value {
        self.native_classes.get(key).cloned().unwrap_or_else(|| self.types.object.clone())
    }
}
