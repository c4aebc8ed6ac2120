//! `asyncio.Task`, modelled on CPython's `tasks.Task` (`__step`, `__wakeup`, `cancel`).
//!
//! A new task schedules its first step with `call_soon`, so it does not start until its
//! creator yields. Each step sends into (or throws into) the coroutine until it awaits a
//! pending future; the task then registers `__wakeup` as that future's done callback, and
//! the wake-up runs the next step directly (one trip through the ready queue).
//! `cancel()` cancels the awaited future if it can, else sets `_must_cancel` so the next
//! step throws `CancelledError` in; the task counts cancel requests (`cancelling()`,
//! `uncancel()`) as 3.11 does. A task cancelled before its first step never runs its body.

use super::event_loop::{call_soon, Callback};
use super::future::{self, as_future, fut, new_state, FutureObj, Label, Status};
use crate::trace::{EventKind, TaskId, TaskOutcome, Wait};
use crate::vm::dispatch::Outcome;
use crate::vm::frame::{Fiber, FrameKind, Slot};
use crate::vm::native::m;
use crate::vm::value::{Args, CoroState, NativeCoroutine, NativeFn, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// The state a task adds to its future (CPython's `Task` attributes).
pub struct TaskState {
    /// Its id (a timeline lane).
    pub id: TaskId,
    /// `get_name()`.
    pub name: Rc<str>,
    /// The coroutine's frames; taken out while a step runs.
    pub fiber: Option<Fiber>,
    /// The coroutine's name, for reprs.
    pub coro_name: Rc<str>,
    /// `_must_cancel`: cancel at the next step (cancelled before it could be thrown in).
    pub must_cancel: bool,
    /// `_fut_waiter`: the future the task is suspended on.
    pub fut_waiter: Option<Rc<Obj>>,
    /// `_num_cancels_requested`: `cancelling()`.
    pub num_cancels_requested: u32,
    /// The task that created it; None for the main task.
    pub parent: Option<TaskId>,
    /// The coroutine object (`get_coro()`), and its code (for the repr's file and lines).
    pub coro: Value,
    /// The coroutine's code, when it is a Python coroutine.
    pub code: Option<Rc<crate::compiler::code::Code>>,
    /// The line of the coroutine's own frame when its running step began (for the
    /// repr of a task printed while it runs).
    pub running_line: u32,
    /// Held by its loop's task list (`all_tasks`), which keeps finished tasks until it is
    /// pruned: that reference is not the program's.
    pub listed: bool,
    /// The `contextvars.Context` each step runs in (`Task.__init__` copies the current
    /// one); None when the program never imported `contextvars`.
    pub context: Option<Value>,
}

/// The id of a task object.
pub fn task_id(o: &Rc<Obj>) -> Option<TaskId> {
    future::task_of(o)
}

/// `get_name()` of a task object.
pub fn name_of(o: &Rc<Obj>) -> Rc<str> {
    match &fut(o).task {
        Some(t) => t.borrow().name.clone(),
        None => "future".into(),
    }
}

fn ts(o: &Rc<Obj>) -> &RefCell<TaskState> {
    fut(o).task.as_ref().expect("task")
}

/// Whether `v` is a coroutine a task can run (not started yet).
pub fn is_coroutine(v: &Value) -> bool {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Coroutine(c) => matches!(c.borrow().state, CoroState::Created(_)),
            Obj::NativeCoro(n) => n.borrow().is_some(),
            _ => false,
        },
        _ => false,
    }
}

/// A coroutine that returns None at once (the runner's shutdown steps).
pub fn noop_coroutine() -> Value {
    struct Noop;
    impl NativeCoroutine for Noop {
        fn name(&self) -> &'static str {
            "shutdown"
        }
        fn resume(&mut self, _vm: &mut Vm, input: Resume) -> NativeStep {
            match input {
                Resume::Send(_) => NativeStep::Return(Value::None),
                Resume::Throw(e) => NativeStep::Raise(Fail::Exc(e)),
            }
        }
    }
    Value::obj(Obj::NativeCoro(RefCell::new(Some(Box::new(Noop)))))
}

/// `loop.create_task(coro, name=name)` on a loop with a task factory
/// (`loop.set_task_factory`): `factory(loop, coro)`, then the name set on what it made
/// (`BaseEventLoop.create_task`'s `tasks._set_task_name(task, name)`); `None` when the
/// running loop has no factory.
pub fn create_task_by_factory(vm: &mut Vm, coro: &Value, name: Option<Value>) -> PyResult<Option<Value>> {
    let Some((factory, object)) = vm.rt.event_loop.as_ref().and_then(|l| l.task_factory.clone().map(|f| (f, l.object.clone()))) else {
        return Ok(None);
    };
    let t = vm.call_sync(&factory, vec![object, coro.clone()])?;
    if let Some(n) = name.filter(|n| !n.is_none()) {
        if let Some(set_name) = vm.try_get_attr(&t, "set_name")? {
            vm.call_sync(&set_name, vec![n])?;
        }
    }
    Ok(Some(t))
}

/// `loop.create_task(coro, name=name)`.
pub fn create_task(vm: &mut Vm, coro: Value, name: Option<Value>) -> PyResult<Value> {
    if vm.rt.event_loop.is_none() {
        if let Value::Obj(o) = &coro {
            if let Obj::Coroutine(c) = o.as_ref() {
                c.borrow_mut().state = CoroState::Done;
            }
        }
        return Err(vm.exc("RuntimeError", "no running event loop"));
    }
    let coro_value = coro.clone();
    let mut first_arg = String::new();
    let (fiber, coro_name, line) = match &coro {
        Value::Obj(o) => match o.as_ref() {
            Obj::Coroutine(c) => {
                let mut c = c.borrow_mut();
                let name = c.qualname.clone();
                match std::mem::replace(&mut c.state, CoroState::Running) {
                    CoroState::Created(mut f) => {
                        f.kind = FrameKind::Awaited(o.clone());
                        let line = f.code.first_line;
                        if vm.tracing() && f.code.argcount > 0 {
                            // For the lane's label: `increase_counter('Task 1')`.
                            first_arg = f.fast.first().and_then(|v| v.as_ref()).and_then(crate::runtime::resources::plain_repr).unwrap_or_else(|| "…".into());
                        }
                        (Fiber { slots: vec![Slot::Python(f)] }, name, line)
                    }
                    other => {
                        c.state = other;
                        drop(c);
                        return Err(vm.exc("RuntimeError", "cannot reuse already awaited coroutine"));
                    }
                }
            }
            Obj::NativeCoro(n) => match n.borrow_mut().take() {
                Some(b) => {
                    let name: Rc<str> = b.name().into();
                    (Fiber { slots: vec![Slot::Native(b)] }, name, 0)
                }
                None => return Err(vm.exc("RuntimeError", "cannot reuse already awaited coroutine")),
            },
            _ => return Err(not_coroutine(vm, &coro)),
        },
        _ => return Err(not_coroutine(vm, &coro)),
    };
    let name: Rc<str> = match name {
        Some(v) if !v.is_none() => vm.to_str(&v)?.into(),
        _ => {
            vm.rt.task_name_counter += 1;
            format!("Task-{}", vm.rt.task_name_counter).into()
        }
    };
    let context = copy_context(vm)?;
    let id = vm.rt.fresh_id();
    let parent = vm.rt.current_task_id();
    let code = fiber_code(&fiber);
    let task = crate::vm::value::new_obj(Obj::Native(Box::new(FutureObj {
        id,
        state: RefCell::new(new_state(Label::Plain)),
        task: Some(RefCell::new(TaskState {
            id,
            name: name.clone(),
            fiber: Some(fiber),
            coro_name: coro_name.clone(),
            must_cancel: false,
            fut_waiter: None,
            num_cancels_requested: 0,
            parent,
            code,
            running_line: line,
            listed: false,
            coro: coro_value,
            context,
        })),
    })));
    vm.record(EventKind::TaskCreated { task: id, name: name.to_string(), parent, coro: coro_name.to_string(), line, args: first_arg });
    if let Some(l) = vm.rt.event_loop.as_mut() {
        l.tasks.push(task.clone());
        if let Some(t) = &fut(&task).task {
            t.borrow_mut().listed = true;
        }
    }
    call_soon(vm, Callback::Step { task: task.clone(), exc: None }, vec![]);
    Ok(Value::Obj(task))
}

/// `contextvars.copy_context()` for a new task, when the program imported `contextvars`
/// (otherwise no code can tell contexts apart, and there is nothing to switch).
pub fn copy_context(vm: &mut Vm) -> PyResult<Option<Value>> {
    let Some(m) = vm.modules.get("contextvars").cloned() else { return Ok(None) };
    let f = vm.get_attr(&m, "copy_context")?;
    vm.call_sync(&f, vec![]).map(Some)
}

/// `create_task(..., context=ctx)`: the task's steps run in `ctx`.
pub fn set_context(task: &Value, ctx: Value) {
    if let Some(t) = as_future(task).and_then(|f| fut(f).task.as_ref()) {
        t.borrow_mut().context = Some(ctx);
    }
}

fn fiber_code(fiber: &Fiber) -> Option<Rc<crate::compiler::code::Code>> {
    match fiber.slots.first() {
        Some(Slot::Python(f)) => Some(f.code.clone()),
        _ => None,
    }
}

fn not_coroutine(vm: &mut Vm, v: &Value) -> Fail {
    let r = vm.repr(v).unwrap_or_default();
    vm.type_error(format!("a coroutine was expected, got {r}"))
}

/// `asyncio.ensure_future(x)`: futures pass through, coroutines become tasks.
pub fn ensure_future(vm: &mut Vm, v: Value) -> PyResult<Rc<Obj>> {
    if let Some(f) = as_future(&v) {
        return Ok(f.clone());
    }
    // `class MyFuture(asyncio.Future)`: the future its instance carries.
    if let Some(store) = vm.native_base_object(&v) {
        if let Some(f) = as_future(&store) {
            return Ok(f.clone());
        }
    }
    if is_coroutine(&v) {
        let t = create_task(vm, v, None)?;
        return Ok(as_future(&t).expect("task").clone());
    }
    Err(vm.type_error("An asyncio.Future, a coroutine or an awaitable is required"))
}

/// `Task.cancel(msg)`.
pub fn cancel(vm: &mut Vm, task: &Rc<Obj>, msg: Option<Value>) -> bool {
    if fut(task).is_done() {
        return false;
    }
    let by = vm.rt.current_task_id();
    if let Some(id) = task_id(task) {
        vm.record(EventKind::CancelRequested { task: id, by });
    }
    let waiter = {
        let mut t = ts(task).borrow_mut();
        t.num_cancels_requested += 1;
        t.fut_waiter.clone()
    };
    if let Some(w) = waiter {
        if future::cancel(vm, &w, msg.clone()) {
            return true;
        }
    }
    ts(task).borrow_mut().must_cancel = true;
    fut(task).state.borrow_mut().cancel_message = msg;
    true
}

/// `Task.__wakeup(future)`.
pub fn wakeup(vm: &mut Vm, task: Rc<Obj>, awaited: &Value) -> PyResult<()> {
    let f = as_future(awaited).expect("future").clone();
    match future::result(vm, &f) {
        Ok(_) => step(vm, task, None),
        Err(Fail::Exc(e)) => step(vm, task, Some(e)),
        Err(limit) => Err(limit),
    }
}

/// `Task.__step(exc)`. It takes the handle's reference to the task (and keeps it in the
/// step), so a task that ends with an exception no one else holds is reported at once.
pub fn step(vm: &mut Vm, task_ref: Rc<Obj>, exc: Option<Value>) -> PyResult<()> {
    let task = &task_ref;
    if fut(task).is_done() {
        return Ok(());
    }
    let id = task_id(task).expect("task id");
    let mut exc = exc;
    {
        let must = ts(task).borrow().must_cancel;
        if must {
            let is_cancel = exc.as_ref().map(|e| vm.is_instance_of(e, "CancelledError")).unwrap_or(false);
            if !is_cancel {
                exc = Some(future::make_cancelled_error(vm, task));
            }
            ts(task).borrow_mut().must_cancel = false;
        }
    }
    let mut fiber = {
        let mut t = ts(task).borrow_mut();
        t.fut_waiter = None;
        t.fiber.take().expect("task fiber")
    };
    let line = fiber.user_frame().map(|f| f.line()).unwrap_or(0);
    ts(task).borrow_mut().running_line = match fiber.slots.first() {
        Some(Slot::Python(f)) if f.ip > 0 => f.line(),
        Some(Slot::Python(f)) => f.code.first_line,
        _ => 0,
    };
    vm.record(EventKind::TaskRunning { task: id, line });
    let input = match exc {
        Some(e) => {
            if vm.is_instance_of(&e, "CancelledError") {
                vm.record(EventKind::CancelDelivered { task: id, line });
            }
            Resume::Throw(e)
        }
        None => Resume::Send(Value::None),
    };
    let prev = vm.rt.event_loop.as_mut().and_then(|l| l.current_task.replace(task.clone()));
    // `Task.__step` runs in the task's context (`self._context.run(...)` in CPython).
    let task_ctx = ts(task).borrow().context.clone();
    let prev = Prev { task: prev, context: task_ctx.map(|c| std::mem::replace(&mut vm.rt.context, Some(c))) };
    let may_suspend = steps_may_suspend(vm);
    let outcome = if may_suspend { vm.run(&mut fiber, input) } else { vm.run_nested(&mut fiber, input) };
    suspend_or_end(vm, RunningStep { task: task_ref, id, fiber, prev, line }, outcome)
}

/// What a step puts back when it ends: the loop's current task, and the thread's
/// `contextvars` context (when the task has one of its own).
pub struct Prev {
    task: Option<Rc<Obj>>,
    context: Option<Option<Value>>,
}

/// A task step stopped by a thread-level yield (`time.sleep` or a lock in a coroutine,
/// the GIL's switch interval) in a loop run by a thread other than the main one: the
/// thread suspends at its own top level, this step with it, and the step goes on when
/// the thread runs again (`resume_suspended`).
pub struct SuspendedStep {
    step: RunningStep,
    /// What the step yielded: `Block` or `Preempt`.
    pub yielded: Yielded,
}

/// A step under way: its task, the coroutine's frames, what to put back at its end,
/// and the line it began at.
struct RunningStep {
    task: Rc<Obj>,
    id: TaskId,
    fiber: Fiber,
    prev: Prev,
    line: u32,
}

/// May a task step suspend its thread rather than block in place? Only in a thread that
/// runs in its own fiber (not the main process's main thread, at the bottom of the Rust
/// stack, which blocks in place as it always did), so that a thread suspended below
/// another never has to run first. The debug mode's slow-callback timing needs the
/// step whole.
fn steps_may_suspend(vm: &Vm) -> bool {
    let w = &vm.rt.world;
    let main = w.processes.first().map(|(_, p)| p.main_thread);
    Some(w.current) != main && vm.rt.event_loop.as_ref().map(|l| !l.debug).unwrap_or(false)
}

/// After running a step's fiber: a thread-level yield keeps the step aside in the loop
/// (`SuspendedStep`; `run_nested` never returns one); any other outcome ends the step.
fn suspend_or_end(vm: &mut Vm, step: RunningStep, outcome: Outcome) -> PyResult<()> {
    if let Outcome::Yield(y @ (Yielded::Block | Yielded::Preempt)) = outcome {
        if matches!(y, Yielded::Block) {
            vm.rt.world.block_line = step.fiber.user_frame().map(|f| f.line());
        }
        if let Some(l) = vm.rt.event_loop.as_mut() {
            l.suspended = Some(SuspendedStep { step, yielded: y });
        }
        return Ok(());
    }
    end_step(vm, step, outcome)
}

/// Go on with the loop's suspended step, if any: true when it suspended again.
pub fn resume_suspended(vm: &mut Vm) -> PyResult<bool> {
    let Some(SuspendedStep { mut step, .. }) = vm.rt.event_loop.as_mut().and_then(|l| l.suspended.take()) else {
        return Ok(false);
    };
    let outcome = vm.run(&mut step.fiber, Resume::Send(Value::None));
    suspend_or_end(vm, step, outcome)?;
    Ok(vm.rt.event_loop.as_ref().map(|l| l.suspended.is_some()).unwrap_or(false))
}

/// The end of a step: restore the loop's current task and act on the coroutine's outcome.
fn end_step(vm: &mut Vm, step: RunningStep, outcome: Outcome) -> PyResult<()> {
    let RunningStep { task, id, fiber, prev, line } = step;
    let task = &task;
    if let Some(l) = vm.rt.event_loop.as_mut() {
        l.current_task = prev.task;
    }
    if let Some(c) = prev.context {
        vm.rt.context = c;
    }
    let line = fiber.user_frame().map(|f| f.line()).unwrap_or(line);
    match outcome {
        Outcome::Return(v) => {
            let must = ts(task).borrow().must_cancel;
            if must {
                ts(task).borrow_mut().must_cancel = false;
                let msg = fut(task).state.borrow().cancel_message.clone();
                finish(vm, id, TaskOutcome::Cancelled);
                future::cancel_plain(vm, task, msg);
            } else {
                let value = if vm.tracing() { vm.repr(&v).unwrap_or_default() } else { String::new() };
                finish(vm, id, TaskOutcome::Returned { value });
                future::set_result(vm, task, v)?;
            }
        }
        Outcome::Raise(stop @ (Fail::Limit(_) | Fail::ChildDone)) => {
            ts(task).borrow_mut().fiber = Some(fiber);
            return Err(stop);
        }
        Outcome::Raise(Fail::Exc(e)) => {
            if vm.is_instance_of(&e, "CancelledError") {
                fut(task).state.borrow_mut().cancelled_exc = Some(e);
                finish(vm, id, TaskOutcome::Cancelled);
                future::cancel_plain(vm, task, None);
            } else {
                if vm.tracing() {
                    let text = vm.exception_line(&e);
                    vm.record(EventKind::Exception { task: Some(id), line, text: text.clone() });
                    finish(vm, id, TaskOutcome::Raised { exception: text });
                } else {
                    finish(vm, id, TaskOutcome::Raised { exception: String::new() });
                }
                {
                    let mut st = fut(task).state.borrow_mut();
                    st.exception = Some(e);
                    st.status = Status::Finished;
                    st.log_traceback = true;
                }
                future::schedule_callbacks(vm, task);
                super::exception_handler::exception_set(vm, task)?;
            }
        }
        Outcome::Yield(Yielded::Future(f)) => {
            ts(task).borrow_mut().fiber = Some(fiber);
            if Rc::ptr_eq(&f, task) {
                let r = repr(vm, task)?;
                let e = vm.exc("RuntimeError", format!("Task cannot await on itself: {r}"));
                if let Fail::Exc(e) = e {
                    call_soon(vm, Callback::Step { task: task.clone(), exc: Some(e) }, vec![]);
                }
                return Ok(());
            }
            let wait: Wait = future::wait_of(&f);
            vm.record(EventKind::TaskWaiting { task: id, line, wait });
            future::add_done_callback(vm, &f, Callback::Wakeup { task: task.clone() });
            ts(task).borrow_mut().fut_waiter = Some(f.clone());
            let must = ts(task).borrow().must_cancel;
            if must {
                let msg = fut(task).state.borrow().cancel_message.clone();
                if future::cancel(vm, &f, msg) {
                    ts(task).borrow_mut().must_cancel = false;
                }
            }
        }
        Outcome::Yield(Yielded::Value(v)) => {
            // A bare `yield` reached the task (CPython's `_step`: "Task got bad yield").
            ts(task).borrow_mut().fiber = Some(fiber);
            let r = vm.repr(&v)?;
            if let Fail::Exc(e) = vm.exc("RuntimeError", format!("Task got bad yield: {r}")) {
                call_soon(vm, Callback::Step { task: task.clone(), exc: Some(e) }, vec![]);
            }
        }
        Outcome::Yield(Yielded::Block | Yielded::Preempt) => {
            // `suspend_or_end` and `run_nested` handle thread-level yields before here.
            ts(task).borrow_mut().fiber = Some(fiber);
            return Err(vm.exc("RuntimeError", "a task step yielded to its thread twice"));
        }
        Outcome::Yield(Yielded::Bare) => {
            ts(task).borrow_mut().fiber = Some(fiber);
            vm.record(EventKind::TaskWaiting { task: id, line, wait: Wait::Sleep { until: vm.rt.now } });
            call_soon(vm, Callback::Step { task: task.clone(), exc: None }, vec![]);
        }
    }
    Ok(())
}

fn finish(vm: &mut Vm, id: TaskId, outcome: TaskOutcome) {
    vm.record(EventKind::TaskDone { task: id, outcome });
    if let Some(l) = vm.rt.event_loop.as_mut() {
        l.task_finished();
    }
}

/// `task.set_name(name)`, recorded as `TaskRenamed`.
pub fn set_name(vm: &mut Vm, task: &Value, name: Rc<str>) {
    if let Some(f) = as_future(task) {
        if let Some(t) = &fut(f).task {
            let id = t.borrow().id;
            t.borrow_mut().name = name.clone();
            vm.record(EventKind::TaskRenamed { task: id, name: name.to_string() });
        }
    }
}

fn this(a: &Args) -> Rc<Obj> {
    as_future(&a.pos[0]).expect("task").clone()
}

/// Task-only methods.
/// The methods tasks add to futures (`tasks.py`'s `Task`).
pub fn method(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "get_name" => m("get_name", |_vm, a| Ok(Value::Str(ts(&this(&a)).borrow().name.clone()))),
        "set_name" => m("set_name", |vm, a| {
            crate::builtins::arity(vm, &a, "set_name", 2, 2)?;
            let n = vm.to_str(&a.pos[1])?;
            set_name(vm, &a.pos[0], n.into());
            Ok(Value::None)
        }),
        "cancelling" => m("cancelling", |_vm, a| Ok(Value::Int(ts(&this(&a)).borrow().num_cancels_requested as i64))),
        "uncancel" => m("uncancel", |_vm, a| {
            let t = this(&a);
            let mut s = ts(&t).borrow_mut();
            if s.num_cancels_requested > 0 {
                s.num_cancels_requested -= 1;
            }
            Ok(Value::Int(s.num_cancels_requested as i64))
        }),
        "get_coro" => m("get_coro", |_vm, a| Ok(ts(&this(&a)).borrow().coro.clone())),
        _ => return None,
    })
}

/// `base_tasks._task_repr`: `<Task STATE name='N' coro=<C> [result/exception] [cb=[..]]
/// [wait_for=F]>`, where STATE is `cancelling` once `cancel()` was asked and the task
/// is not done yet.
pub fn repr(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<String> {
    let mut info = future::repr_info(vm, o)?;
    let (name, cancelling, waiter) = {
        let t = ts(o).borrow();
        (t.name.clone(), t.num_cancels_requested > 0, t.fut_waiter.clone())
    };
    if cancelling && !fut(o).is_done() {
        info[0] = "cancelling".into();
    }
    info.insert(1, format!("name={}", vm.repr(&Value::Str(name))?));
    info.insert(2, format!("coro=<{}>", format_coroutine(o)));
    if let Some(w) = waiter {
        info.insert(3, format!("wait_for={}", future::repr(vm, &w)?));
    }
    Ok(format!("<Task {}>", info.join(" ")))
}

/// `coroutines._format_coroutine`: `work() running at FILE:LINE` while the coroutine
/// has a frame (the line it is suspended at, or its `def` line before its first step;
/// the line its current step started at while it runs), `work() done, defined at
/// FILE:LINE` after.
fn format_coroutine(o: &Rc<Obj>) -> String {
    let t = ts(o).borrow();
    let Some(code) = &t.code else { return format!("{}()", t.coro_name) };
    if fut(o).is_done() {
        return format!("{}() done, defined at {}:{}", t.coro_name, code.filename, code.first_line);
    }
    let line = match t.fiber.as_ref().and_then(|f| f.slots.first()) {
        Some(Slot::Python(f)) if f.ip > 0 => f.line(),
        Some(_) => code.first_line,
        None => t.running_line,
    };
    format!("{}() running at {}:{}", t.coro_name, code.filename, line)
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn a_new_task_starts_only_when_its_creator_yields() {
        let out = run_output(
            "import asyncio
async def child():
    print('child runs')
async def main():
    t = asyncio.create_task(child())
    print('created')
    await asyncio.sleep(0)
    print('after yield')
    await t
asyncio.run(main())
",
        );
        assert_eq!(out, "created\nchild runs\nafter yield\n");
    }

    #[test]
    fn cancel_before_the_first_step_skips_the_body() {
        let out = run_output(
            "import asyncio
async def child():
    try:
        print('body')
    finally:
        print('finally')
async def main():
    t = asyncio.create_task(child())
    print(t.cancel(), t.cancel(), t.cancelled(), t.cancelling())
    await asyncio.sleep(0)
    print(t.cancelled())
asyncio.run(main())
",
        );
        assert_eq!(out, "True True False 2\nTrue\n");
    }

    #[test]
    fn a_swallowed_cancel_lets_the_task_finish() {
        let out = run_output(
            "import asyncio
async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('caught')
    return 'done'
async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    t.cancel()
    print(await t, t.cancelled())
asyncio.run(main())
",
        );
        assert_eq!(out, "caught\ndone False\n");
    }
}
