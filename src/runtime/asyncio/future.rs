//! `asyncio.Future`, modelled on CPython's `futures.py` (and its C twin `_asynciomodule.c`).
//!
//! A future is pending, then finished (with a result or an exception) or cancelled.
//! Completing it schedules its done callbacks with `call_soon`, in registration order;
//! a callback added to an already-done future is also scheduled with `call_soon`, never
//! run inline. `result()` of a cancelled future raises the `CancelledError` saved by the
//! task that was cancelled (`_make_cancelled_error`), or a new one carrying the message.

use super::event_loop::{call_soon, Callback};
use super::task::TaskState;
use crate::builtins::native;
use crate::trace::{ResourceId, TaskId, Wait};
use crate::vm::exceptions::new_exception;
use crate::vm::native::{m, NativeObject};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// A future's state, as CPython's `_state` (`PENDING`, `CANCELLED`, `FINISHED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not done yet.
    Pending,
    /// Cancelled.
    Cancelled,
    /// Done with a result or an exception.
    Finished,
}

/// What a future stands for, so the timeline can say what a task waits on.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    /// Nothing more to say.
    Plain,
    /// `asyncio.sleep`: due at this virtual time.
    Sleep(f64),
    /// `Lock.acquire()` on this lock.
    Lock(ResourceId),
    /// `Semaphore.acquire()` on this semaphore.
    Semaphore(ResourceId),
    /// `Event.wait()` on this event.
    Event(ResourceId),
    /// `Condition.wait()` on this condition.
    Condition(ResourceId),
    /// `Queue.get()` on this queue.
    QueueGet(ResourceId),
    /// `Queue.put()` on this queue.
    QueuePut(ResourceId),
    /// The outer future of `gather`.
    Gather,
    /// The outer future of `shield`.
    Shield,
}

/// The state of a future (CPython's `Future` attributes).
pub struct FutState {
    /// `_state`.
    pub status: Status,
    /// `_result`.
    pub result: Value,
    /// `_exception`.
    pub exception: Option<Value>,
    /// `_cancel_message`: the message given to `cancel(msg)`.
    pub cancel_message: Option<Value>,
    /// The CancelledError that cancelled a task, re-raised by `result()` once.
    pub cancelled_exc: Option<Value>,
    /// Done callbacks, called in registration order (`_callbacks`).
    pub callbacks: Vec<Callback>,
    /// What it stands for, for the timeline.
    pub label: Label,
    /// Set for the outer future of `gather`.
    pub gather: Option<super::gather::GatherState>,
    /// `__log_traceback`: finished with an exception that neither `result()` nor
    /// `exception()` has returned yet (see `exception_handler`).
    pub log_traceback: bool,
    /// The instance of a Python subclass (`class MyFuture(asyncio.Future)`) this future
    /// serves: what its done callbacks receive, as CPython passes `self`.
    pub subclass_instance: Option<std::rc::Weak<Obj>>,
    /// That instance, held while the future is pending: the loop keeps a pending task
    /// alive through it, as CPython's loop holds the `Task` object itself
    /// (`await MyTask(coro)` keeps no other reference). Dropped once done.
    pub subclass_keep: Option<Value>,
}

/// A future or (with `task`) a task.
pub struct FutureObj {
    /// Its id in the trace.
    pub id: u32,
    /// Its state.
    pub state: RefCell<FutState>,
    /// The task's state, when this is a task.
    pub task: Option<RefCell<TaskState>>,
}

impl FutureObj {
    /// `done()`.
    pub fn is_done(&self) -> bool {
        self.state.borrow().status != Status::Pending
    }
    /// `cancelled()`.
    pub fn is_cancelled(&self) -> bool {
        self.state.borrow().status == Status::Cancelled
    }
    /// Whether it is a task.
    pub fn is_task(&self) -> bool {
        self.task.is_some()
    }
}

/// `asyncio.Future` and `asyncio.Task` (a task is a future with `task` state).
impl NativeObject for FutureObj {
    fn clear_refs(&self) {
        let parts = self.state.try_borrow_mut().map(|mut s| {
            (
                std::mem::replace(&mut s.result, Value::None),
                s.exception.take(),
                s.cancel_message.take(),
                s.cancelled_exc.take(),
                std::mem::take(&mut s.callbacks),
                s.gather.take(),
                s.subclass_keep.take(),
            )
        });
        drop(parts);
        if let Some(t) = &self.task {
            let parts = t.try_borrow_mut().map(|mut t| (t.fiber.take(), t.fut_waiter.take(), std::mem::replace(&mut t.coro, Value::None)));
            drop(parts);
        }
    }
    fn class_key(&self) -> &'static str {
        if self.is_task() {
            "asyncio.Task"
        } else {
            "asyncio.Future"
        }
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        if self.is_task() {
            if let Some(m) = super::task::method(name) {
                return Some(m);
            }
        }
        method(name)
    }
    fn repr(&self, vm: &mut Vm, me: &Value) -> PyResult<String> {
        repr(vm, me.as_obj().expect("future"))
    }
    fn future_done(&self) -> Option<bool> {
        Some(self.is_done())
    }
    fn set_subclass_instance(&self, instance: &Value) {
        if let (Value::Obj(o), Ok(mut s)) = (instance, self.state.try_borrow_mut()) {
            s.subclass_instance = Some(Rc::downgrade(o));
            if s.status == Status::Pending {
                s.subclass_keep = Some(instance.clone());
            }
        }
    }
    fn await_result(&self, vm: &mut Vm, me: &Rc<Obj>) -> PyResult<Value> {
        result(vm, me)
    }
}

/// The future inside `o` (panics if it is none).
pub fn fut(o: &Rc<Obj>) -> &FutureObj {
    o.native::<FutureObj>().expect("not a future")
}

/// What Python sees of the future or task `f`: the instance of the Python subclass it
/// serves (`class MyTask(asyncio.Task)`), if any and alive, else `f` itself.
pub fn python_face(f: &Rc<Obj>) -> Value {
    let instance = f.native::<FutureObj>().and_then(|n| n.state.try_borrow().ok().and_then(|s| s.subclass_instance.as_ref().and_then(|w| w.upgrade())));
    Value::Obj(instance.unwrap_or_else(|| f.clone()))
}

/// The object, if `v` is a future or task.
pub fn as_future(v: &Value) -> Option<&Rc<Obj>> {
    v.as_obj().filter(|o| o.native::<FutureObj>().is_some())
}

/// A pending future's state.
pub fn new_state(label: Label) -> FutState {
    FutState {
        status: Status::Pending,
        result: Value::None,
        exception: None,
        cancel_message: None,
        cancelled_exc: None,
        callbacks: Vec::new(),
        label,
        gather: None,
        log_traceback: false,
        subclass_instance: None,
        subclass_keep: None,
    }
}

/// `loop.create_future()`.
pub fn new_future(vm: &mut Vm, label: Label) -> Rc<Obj> {
    let id = vm.rt.fresh_id();
    crate::vm::value::new_obj(Obj::Native(Box::new(FutureObj { id, state: RefCell::new(new_state(label)), task: None })))
}

/// What a task waiting on `f` is waiting for.
pub fn wait_of(f: &Rc<Obj>) -> Wait {
    let fo = fut(f);
    if let Some(t) = &fo.task {
        return Wait::Task { task: t.borrow().id };
    }
    match fo.state.borrow().label {
        Label::Sleep(until) => Wait::Sleep { until },
        Label::Lock(r) => Wait::Lock { lock: r },
        Label::Semaphore(r) => Wait::Semaphore { semaphore: r },
        Label::Event(r) => Wait::Event { event: r },
        Label::Condition(r) => Wait::Condition { condition: r },
        Label::QueueGet(r) => Wait::QueueGet { queue: r },
        Label::QueuePut(r) => Wait::QueuePut { queue: r },
        Label::Gather => Wait::Future { future: fo.id, what: "gather".into() },
        Label::Shield => Wait::Future { future: fo.id, what: "shield".into() },
        Label::Plain => Wait::Future { future: fo.id, what: format!("future #{}", fo.id) },
    }
}

fn invalid_state(vm: &Vm, msg: &str) -> Fail {
    vm.exc("InvalidStateError", msg)
}

/// Schedule the done callbacks (`__schedule_callbacks`).
pub fn schedule_callbacks(vm: &mut Vm, f: &Rc<Obj>) {
    let (cbs, keep) = {
        let mut st = fut(f).state.borrow_mut();
        (std::mem::take(&mut st.callbacks), st.subclass_keep.take())
    };
    // A Python callback gets the subclass instance, if any (it is `self` in CPython); the
    // runtime's own callbacks (gather's, a task's wakeup) get the future they track.
    let native = Value::Obj(f.clone());
    let me = python_face(f);
    for cb in cbs {
        let arg = if matches!(cb, Callback::Python(_)) { me.clone() } else { native.clone() };
        call_soon(vm, cb, vec![arg]);
    }
    drop(keep);
}

/// `set_result(v)`: `InvalidStateError` if done; schedules the done callbacks.
pub fn set_result(vm: &mut Vm, f: &Rc<Obj>, v: Value) -> PyResult<()> {
    {
        let mut st = fut(f).state.borrow_mut();
        if st.status != Status::Pending {
            drop(st);
            let msg = format!("invalid state");
            return Err(invalid_state(vm, &msg));
        }
        st.result = v;
        st.status = Status::Finished;
    }
    schedule_callbacks(vm, f);
    Ok(())
}

/// `set_exception(exc)`: `InvalidStateError` if done; schedules the done callbacks.
pub fn set_exception(vm: &mut Vm, f: &Rc<Obj>, exc: Value) -> PyResult<()> {
    if fut(f).is_done() {
        return Err(invalid_state(vm, "invalid state"));
    }
    let exc = vm.make_raisable(exc)?;
    if vm.is_instance_of(&exc, "StopIteration") {
        return Err(vm.type_error("StopIteration interacts badly with generators and cannot be raised into a Future"));
    }
    {
        let mut st = fut(f).state.borrow_mut();
        st.exception = Some(exc);
        st.status = Status::Finished;
        st.log_traceback = true;
    }
    schedule_callbacks(vm, f);
    super::exception_handler::exception_set(vm, f)
}

/// `Future.cancel(msg)` on a plain future (tasks and gathers override it).
pub fn cancel_plain(vm: &mut Vm, f: &Rc<Obj>, msg: Option<Value>) -> bool {
    {
        let mut st = fut(f).state.borrow_mut();
        if st.status != Status::Pending {
            return false;
        }
        st.status = Status::Cancelled;
        st.cancel_message = msg;
    }
    schedule_callbacks(vm, f);
    true
}

/// `fut.cancel(msg)` for any future, task or gathering future.
pub fn cancel(vm: &mut Vm, f: &Rc<Obj>, msg: Option<Value>) -> bool {
    if fut(f).is_task() {
        return super::task::cancel(vm, f, msg);
    }
    if fut(f).state.borrow().gather.is_some() {
        return super::gather::cancel(vm, f, msg);
    }
    cancel_plain(vm, f, msg)
}

/// `_make_cancelled_error()`.
pub fn make_cancelled_error(vm: &mut Vm, f: &Rc<Obj>) -> Value {
    let mut st = fut(f).state.borrow_mut();
    if let Some(e) = st.cancelled_exc.take() {
        return e;
    }
    let args = match &st.cancel_message {
        Some(m) if !m.is_none() => vec![m.clone()],
        _ => vec![],
    };
    drop(st);
    new_exception(&vm.types.exc("CancelledError"), args)
}

/// `result()`: the value, the exception raised, `CancelledError` or `InvalidStateError`.
pub fn result(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<Value> {
    let status = fut(f).state.borrow().status;
    match status {
        Status::Cancelled => Err(Fail::Exc(make_cancelled_error(vm, f))),
        Status::Pending => Err(invalid_state(vm, "Result is not set.")),
        Status::Finished => {
            let mut st = fut(f).state.borrow_mut();
            st.log_traceback = false;
            match &st.exception {
                Some(e) => Err(Fail::Exc(e.clone())),
                None => Ok(st.result.clone()),
            }
        }
    }
}

/// `exception()`: the exception or None; `CancelledError` if cancelled, `InvalidStateError` if
/// pending.
pub fn exception(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<Value> {
    let status = fut(f).state.borrow().status;
    match status {
        Status::Cancelled => Err(Fail::Exc(make_cancelled_error(vm, f))),
        Status::Pending => Err(invalid_state(vm, "Exception is not set.")),
        Status::Finished => {
            let mut st = fut(f).state.borrow_mut();
            st.log_traceback = false;
            Ok(st.exception.clone().unwrap_or(Value::None))
        }
    }
}

/// The value of `await f` once `f` is done.
pub fn await_result(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<Value> {
    if !fut(f).is_done() {
        return Err(vm.exc("RuntimeError", "await wasn't used with future"));
    }
    result(vm, f)
}

/// `add_done_callback(cb)`: scheduled at once with `call_soon` if already done.
pub fn add_done_callback(vm: &mut Vm, f: &Rc<Obj>, cb: Callback) {
    if fut(f).is_done() {
        call_soon(vm, cb, vec![Value::Obj(f.clone())]);
    } else {
        fut(f).state.borrow_mut().callbacks.push(cb);
    }
}

/// `remove_done_callback(cb)`: removes every registration of `cb`, returns how many.
pub fn remove_done_callback(f: &Rc<Obj>, cb: &Callback) -> usize {
    let mut st = fut(f).state.borrow_mut();
    let before = st.callbacks.len();
    st.callbacks.retain(|c| !c.same_as(cb));
    before - st.callbacks.len()
}

fn this(a: &Args) -> Rc<Obj> {
    as_future(&a.pos[0]).expect("future").clone()
}

/// The methods of futures (`futures.py`'s `Future`).
fn method(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "result" => m("result", |vm, a| result(vm, &this(&a))),
        "exception" => m("exception", |vm, a| exception(vm, &this(&a))),
        "done" => m("done", |_vm, a| Ok(Value::Bool(fut(&this(&a)).is_done()))),
        "cancelled" => m("cancelled", |_vm, a| Ok(Value::Bool(fut(&this(&a)).is_cancelled()))),
        "set_result" => m("set_result", |vm, a| {
            crate::builtins::arity(vm, &a, "set_result", 2, 2)?;
            set_result(vm, &this(&a), a.pos[1].clone()).map(|_| Value::None)
        }),
        "set_exception" => m("set_exception", |vm, a| {
            crate::builtins::arity(vm, &a, "set_exception", 2, 2)?;
            set_exception(vm, &this(&a), a.pos[1].clone()).map(|_| Value::None)
        }),
        "cancel" => m("cancel", |vm, mut a| {
            let msg = a.take_kw("msg").or_else(|| a.pos.get(1).cloned());
            Ok(Value::Bool(cancel(vm, &this(&a), msg)))
        }),
        "add_done_callback" => m("add_done_callback", |vm, mut a| {
            a.take_kw("context");
            crate::builtins::arity(vm, &a, "add_done_callback", 2, 2)?;
            add_done_callback(vm, &this(&a), Callback::Python(a.pos[1].clone()));
            Ok(Value::None)
        }),
        "remove_done_callback" => m("remove_done_callback", |vm, a| {
            crate::builtins::arity(vm, &a, "remove_done_callback", 2, 2)?;
            Ok(Value::Int(remove_done_callback(&this(&a), &Callback::Python(a.pos[1].clone())) as i64))
        }),
        "get_loop" => m("get_loop", |vm, _a| super::event_loop::get_running_loop(vm)),
        _ => return None,
    })
}

/// `repr(future)` or `repr(task)`, as CPython's `_future_repr_info`.
pub fn repr(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<String> {
    if fut(o).is_task() {
        return super::task::repr(vm, o);
    }
    Ok(format!("<Future {}>", repr_info(vm, o)?.join(" ")))
}

/// `base_futures._future_repr_info`: the state, the result or exception, the callbacks.
pub fn repr_info(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<Vec<String>> {
    let (status, exception, result) = {
        let st = fut(o).state.borrow();
        (st.status, st.exception.clone(), st.result.clone())
    };
    let mut info = vec![match status {
        Status::Pending => "pending".to_string(),
        Status::Cancelled => "cancelled".to_string(),
        Status::Finished => "finished".to_string(),
    }];
    if status == Status::Finished {
        match exception {
            Some(e) => info.push(format!("exception={}", vm.repr(&e)?)),
            None => info.push(format!("result={}", crate::runtime::asyncio::reprs::short_repr(vm, &result)?)),
        }
    }
    let callbacks = fut(o).state.borrow().callbacks.clone();
    if !callbacks.is_empty() {
        info.push(super::reprs::format_callbacks(vm, &callbacks));
    }
    Ok(info)
}

/// Task id of a future if it is a task.
pub fn task_of(f: &Rc<Obj>) -> Option<TaskId> {
    fut(f).task.as_ref().map(|t| t.borrow().id)
}

/// `asyncio.isfuture`.
pub fn isfuture_fn() -> Value {
    native("isfuture", |vm, a| {
        let Some(v) = a.pos.first() else { return Ok(Value::Bool(false)) };
        // An instance of a Future subclass is one too (through the future it carries).
        let store = vm.native_base_object(v);
        Ok(Value::Bool(as_future(v).is_some() || store.as_ref().and_then(as_future).is_some()))
    })
}
