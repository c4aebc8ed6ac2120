//! The asyncio synchronization primitives and the small runtime objects Python sees
//! (timer handles, the loop object, `sys.stdout`).
//!
//! As in CPython, every blocking primitive keeps a deque of waiter futures: a waiting
//! coroutine awaits a fresh future and removes it when it resumes; a release wakes the
//! first waiter not already done. Cancellation therefore needs no extra machinery, only
//! the hand-off rules each module documents.

pub mod event;
pub mod lock;
pub mod queue;
pub mod semaphore;

use super::event_loop::{self, HandleObj};
use crate::runtime::output::Stream;
use crate::trace::{EventKind, ResourceKind};
use crate::vm::value::{Args, Builtin, NativeCoroutine, NativeFn, NativeStep, Obj, Resume, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub enum Primitive {
    Lock(lock::Lock),
    Semaphore(semaphore::Semaphore),
    Event(event::Event),
    Queue(queue::Queue),
    /// A `call_soon`/`call_later` handle.
    Handle(HandleObj),
    /// The event loop object (`asyncio.get_running_loop()`).
    Loop,
    /// `sys.stdout` / `sys.stderr`.
    Stream(Stream),
    /// `threading.Lock` / `RLock` (also behind `multiprocessing.Lock`).
    ThreadLock(crate::runtime::threads::sync::ThreadLock),
    /// `multiprocessing.Queue`.
    MpQueue(crate::runtime::processes::MpQueue),
}

impl Primitive {
    pub fn class_name(&self) -> &'static str {
        match self {
            Primitive::Lock(_) => "Lock",
            Primitive::Semaphore(s) => {
                if s.bound.is_some() {
                    "BoundedSemaphore"
                } else {
                    "Semaphore"
                }
            }
            Primitive::Event(_) => "Event",
            Primitive::Queue(q) => q.kind.class_name(),
            Primitive::Handle(h) => {
                if h.when.is_some() {
                    "TimerHandle"
                } else {
                    "Handle"
                }
            }
            Primitive::Loop => "_UnixSelectorEventLoop",
            Primitive::Stream(_) => "TextIOWrapper",
            Primitive::ThreadLock(l) => {
                if l.reentrant {
                    "RLock"
                } else {
                    "lock"
                }
            }
            Primitive::MpQueue(_) => "Queue",
        }
    }
}

pub fn prim(o: &Rc<Obj>) -> &Primitive {
    match o.as_ref() {
        Obj::Primitive(p) => p,
        _ => panic!("not a primitive"),
    }
}

/// The receiver of a primitive's method.
pub fn recv(a: &Args) -> Rc<Obj> {
    a.pos[0].as_obj().expect("receiver").clone()
}

/// A bound native method.
pub fn method(obj: &Value, name: &'static str, f: NativeFn) -> Value {
    Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(obj.clone()) }))
}

/// A named native method, for the `method_fn` tables.
pub fn m(name: &'static str, f: NativeFn) -> (&'static str, NativeFn) {
    (name, f)
}

/// The native method `name` of a primitive, unbound (for `CallMethod`).
pub fn method_fn(p: &Primitive, name: &str) -> Option<(&'static str, NativeFn)> {
    match p {
        Primitive::Lock(_) => lock::method_fn(name),
        Primitive::Semaphore(_) => semaphore::method_fn(name),
        Primitive::Event(_) => event::method_fn(name),
        Primitive::Queue(_) => queue::method_fn(name),
        Primitive::ThreadLock(_) => crate::runtime::threads::sync::method_fn(name),
        Primitive::MpQueue(_) => crate::runtime::processes::queue_method_fn(name),
        _ => None,
    }
}

/// Builds the awaitable of `await obj.name(args)` straight from the stack (`args[0]` is
/// the object), for the primitives' hot awaitable methods.
pub type AwaitableFn = fn(&[Value]) -> Option<Box<dyn NativeCoroutine>>;

/// The awaitable method `name` of a primitive, if it has a direct constructor.
pub fn awaitable_fn(p: &Primitive, name: &str) -> Option<AwaitableFn> {
    match (p, name) {
        (Primitive::Queue(_), "get") => Some(|a| Some(Box::new(queue::Transfer::get(a[0].as_obj()?.clone())))),
        (Primitive::Queue(_), "put") => Some(|a| {
            let item = a.get(1)?.clone();
            Some(Box::new(queue::Transfer::put(a[0].as_obj()?.clone(), item)))
        }),
        (Primitive::Lock(_), "acquire") => Some(|a| Some(Box::new(lock::Acquire::new(a[0].as_obj()?.clone(), Value::Bool(true))))),
        (Primitive::Event(_), "wait") => Some(|a| Some(Box::new(event::Wait::new(a[0].as_obj()?.clone())))),
        _ => None,
    }
}

/// A native coroutine object.
pub fn coro(c: impl NativeCoroutine + 'static) -> Value {
    Value::obj(Obj::NativeCoro(RefCell::new(Some(Box::new(c)))))
}

/// A coroutine that returns `value` at once (`async def __aexit__: self.release()`).
pub struct Ready(pub Option<Value>, pub &'static str);

impl NativeCoroutine for Ready {
    fn name(&self) -> &'static str {
        self.1
    }
    fn resume(&mut self, _vm: &mut Vm, input: Resume) -> NativeStep {
        match input {
            Resume::Send(_) => NativeStep::Return(self.0.take().unwrap_or(Value::None)),
            Resume::Throw(e) => NativeStep::Raise(Fail::Exc(e)),
        }
    }
}

/// Register a new resource in the trace. It is named by kind and creation order
/// (`Lock #1`, `Queue #2`), the name reports and the timeline use.
pub fn new_resource(vm: &mut Vm, kind: ResourceKind, capacity: Option<i64>) -> u32 {
    let id = vm.rt.fresh_id();
    let label = resource_label(kind);
    let n = vm.rt.resource_counts.entry(label).or_insert(0);
    *n += 1;
    let name = format!("{label} #{n}");
    vm.rt.resource_names.insert(id, name.clone());
    vm.record(EventKind::ResourceCreated { resource: id, kind, name, capacity });
    id
}

fn resource_label(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::Lock => "Lock",
        ResourceKind::Semaphore => "Semaphore",
        ResourceKind::BoundedSemaphore => "BoundedSemaphore",
        ResourceKind::Event => "Event",
        ResourceKind::Condition => "Condition",
        ResourceKind::Queue => "Queue",
        ResourceKind::PriorityQueue => "PriorityQueue",
        ResourceKind::LifoQueue => "LifoQueue",
    }
}

/// The display name of a resource (`Lock #1`).
pub fn resource_name(vm: &Vm, id: u32) -> String {
    vm.rt.resource_names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
}

pub fn construct(vm: &mut Vm, name: &str, args: Args) -> PyResult<Value> {
    let p = match name {
        "Lock" => {
            crate::builtins::arity(vm, &args, "Lock", 0, 0)?;
            Primitive::Lock(lock::Lock::new(vm))
        }
        "Event" => {
            crate::builtins::arity(vm, &args, "Event", 0, 0)?;
            Primitive::Event(event::Event::new(vm))
        }
        "Semaphore" | "BoundedSemaphore" => Primitive::Semaphore(semaphore::Semaphore::new(vm, args, name == "BoundedSemaphore")?),
        "Queue" | "PriorityQueue" | "LifoQueue" => Primitive::Queue(queue::Queue::new(vm, name, args)?),
        _ => return Err(vm.type_error(format!("cannot create '{name}' instances"))),
    };
    Ok(Value::obj(Obj::Primitive(Box::new(p))))
}

pub fn attr(obj: &Value, p: &Primitive, name: &str) -> Option<Value> {
    if let Some((n, f)) = method_fn(p, name) {
        return Some(method(obj, n, f));
    }
    match p {
        Primitive::Queue(_) if name == "maxsize" => obj.as_obj().map(queue::maxsize),
        Primitive::Handle(_) => handle_attr(obj, name),
        Primitive::Loop => loop_attr(obj, name),
        Primitive::Stream(_) => stream_attr(obj, name),
        _ => None,
    }
}

pub fn repr(vm: &mut Vm, v: &Value, p: &Primitive) -> PyResult<String> {
    Ok(match p {
        Primitive::Lock(l) => format!("<asyncio.locks.Lock object [{}]>", if l.locked.get() { "locked" } else { "unlocked" }),
        Primitive::Semaphore(s) => format!("<asyncio.locks.{} object [value:{}]>", p.class_name(), s.value.get()),
        Primitive::Event(e) => format!("<asyncio.locks.Event object [{}]>", if e.value.get() { "set" } else { "unset" }),
        Primitive::Queue(q) => q.repr(vm)?,
        Primitive::Handle(h) => format!("<{} {}>", p.class_name(), if h.cancelled.get() { "cancelled" } else { "pending" }),
        Primitive::Loop => "<_UnixSelectorEventLoop running=True closed=False debug=False>".into(),
        Primitive::Stream(s) => format!("<_io.TextIOWrapper name='<{}>' mode='w' encoding='utf-8'>", if *s == Stream::Stdout { "stdout" } else { "stderr" }),
        Primitive::ThreadLock(l) => format!(
            "<{} _thread.{} object>",
            if l.owner.get().is_some() { "locked" } else { "unlocked" },
            if l.reentrant { "RLock" } else { "lock" }
        ),
        Primitive::MpQueue(_) => "<multiprocessing.queues.Queue object>".into(),
    })
    .map(|s: String| {
        let _ = v;
        s
    })
}

fn handle_attr(obj: &Value, name: &str) -> Option<Value> {
    fn h(a: &Args) -> Rc<Obj> {
        recv(a)
    }
    Some(match name {
        "cancel" => method(obj, "cancel", |vm, a| {
            if let Primitive::Handle(hd) = prim(&h(&a)) {
                event_loop::cancel_handle(vm, hd);
            }
            Ok(Value::None)
        }),
        "cancelled" => method(obj, "cancelled", |_vm, a| match prim(&h(&a)) {
            Primitive::Handle(hd) => Ok(Value::Bool(hd.cancelled.get())),
            _ => Ok(Value::Bool(false)),
        }),
        "when" => method(obj, "when", |_vm, a| match prim(&h(&a)) {
            Primitive::Handle(hd) => Ok(hd.when.map(Value::Float).unwrap_or(Value::None)),
            _ => Ok(Value::None),
        }),
        _ => return None,
    })
}

fn python_callback(vm: &mut Vm, a: &Args, at: usize, method_name: &str) -> PyResult<(Value, Vec<Value>)> {
    let f = a.pos.get(at).cloned().ok_or_else(|| vm.type_error(format!("{method_name}() missing required argument 'callback'")))?;
    Ok((f, a.pos[at + 1..].to_vec()))
}

fn delay_arg(vm: &Vm, v: Option<&Value>, what: &str) -> PyResult<f64> {
    match v.and_then(crate::vm::ops::num) {
        Some(n) => Ok(n.as_f64()),
        None => Err(vm.type_error(format!("{what} must be a number"))),
    }
}

fn loop_attr(obj: &Value, name: &str) -> Option<Value> {
    Some(match name {
        "time" => method(obj, "time", |vm, _a| Ok(Value::Float(vm.rt.now))),
        "create_future" => method(obj, "create_future", |vm, _a| {
            Ok(Value::Obj(super::future::new_future(vm, super::future::Label::Plain)))
        }),
        "create_task" => method(obj, "create_task", |vm, mut a| {
            let name = a.take_kw("name");
            a.take_kw("context");
            let coro = a.pos.get(1).cloned().unwrap_or(Value::None);
            super::task::create_task(vm, coro, name)
        }),
        "call_soon" => method(obj, "call_soon", |vm, mut a| {
            a.take_kw("context");
            let (f, args) = python_callback(vm, &a, 1, "call_soon")?;
            let id = vm.rt.next_id + 1;
            let c = event_loop::call_soon(vm, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, None))
        }),
        "call_later" => method(obj, "call_later", |vm, mut a| {
            a.take_kw("context");
            let delay = delay_arg(vm, a.pos.get(1), "delay")?;
            let (f, args) = python_callback(vm, &a, 2, "call_later")?;
            let when = vm.rt.now + delay;
            let (id, c) = event_loop::call_at(vm, when, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, Some(when)))
        }),
        "call_at" => method(obj, "call_at", |vm, mut a| {
            a.take_kw("context");
            let when = delay_arg(vm, a.pos.get(1), "when")?;
            let (f, args) = python_callback(vm, &a, 2, "call_at")?;
            let (id, c) = event_loop::call_at(vm, when, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, Some(when)))
        }),
        "run_in_executor" => method(obj, "run_in_executor", |vm, a| {
            let func = a.pos.get(2).cloned().ok_or_else(|| vm.type_error("run_in_executor() missing 'func'"))?;
            let args = Value::tuple(a.pos[3..].to_vec());
            run_in_executor(vm, func, args)
        }),
        "is_running" => method(obj, "is_running", |vm, _a| Ok(Value::Bool(vm.rt.event_loop.is_some()))),
        "is_closed" => method(obj, "is_closed", |vm, _a| Ok(Value::Bool(vm.rt.event_loop.is_none()))),
        "stop" => method(obj, "stop", |vm, _a| {
            if let Some(l) = vm.rt.event_loop.as_mut() {
                l.stopping = true;
            }
            Ok(Value::None)
        }),
        "run_until_complete" | "run_forever" | "close" => method(obj, "run_until_complete", |vm, _a| {
            Err(vm.exc("RuntimeError", "This event loop is already running"))
        }),
        _ => return None,
    })
}

/// `loop.run_in_executor(None, func, *args)`: run `func` in a worker thread of the
/// default executor (named `asyncio_N`, reusing the names of idle workers as
/// `ThreadPoolExecutor` reuses idle threads) and return a future for its result.
fn run_in_executor(vm: &mut Vm, func: Value, args: Value) -> PyResult<Value> {
    let fut = super::future::new_future(vm, super::future::Label::Plain);
    let slot = match vm.rt.executor_busy.iter().position(|b| !*b) {
        Some(i) => i,
        None => {
            vm.rt.executor_busy.push(false);
            vm.rt.executor_busy.len() - 1
        }
    };
    vm.rt.executor_busy[slot] = true;
    let call = vm
        .modules
        .get("_asyncio")
        .and_then(|m| m.as_obj().cloned())
        .and_then(|m| match m.as_ref() {
            Obj::Module(md) => md.get("executor_call"),
            _ => None,
        })
        .expect("asyncio prelude");
    let name: Rc<str> = format!("asyncio_{slot}").into();
    let tid = crate::runtime::threads::threading_module::spawn(vm, call, vec![func, args], name, true, None)?;
    vm.rt.world.thread_mut(tid).on_done = Some(fut.clone());
    vm.rt.executor_slots.insert(tid, slot);
    Ok(Value::Obj(fut))
}

fn stream_attr(obj: &Value, name: &str) -> Option<Value> {
    Some(match name {
        "write" => method(obj, "write", |vm, a| {
            let to_err = matches!(prim(&recv(&a)), Primitive::Stream(Stream::Stderr));
            let text = match a.pos.get(1) {
                Some(Value::Str(s)) => s.clone(),
                Some(v) => {
                    let tn = vm.type_name(v);
                    return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
                }
                None => return Err(vm.type_error("write() takes exactly one argument (0 given)")),
            };
            vm.write_output(&text, to_err);
            Ok(Value::Int(text.chars().count() as i64))
        }),
        "flush" => method(obj, "flush", |_vm, _a| Ok(Value::None)),
        _ => return None,
    })
}

/// Remove `f` from a waiter deque (`self._waiters.remove(fut)`).
pub fn remove_waiter(waiters: &RefCell<std::collections::VecDeque<Rc<Obj>>>, f: &Rc<Obj>) {
    let mut w = waiters.borrow_mut();
    if let Some(i) = w.iter().position(|x| Rc::ptr_eq(x, f)) {
        w.remove(i);
    }
}
