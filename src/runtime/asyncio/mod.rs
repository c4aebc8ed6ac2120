//! The `asyncio` package: a native core (event loop, futures, tasks, sleep, gather, locks,
//! events, semaphores, queues) and submodules written in Python, each a port of the
//! CPython 3.11 module it is named after: `locks.py` (`Condition`), `tasks.py`
//! (`wait_for`, `wait`, `as_completed`, `shield`), `timeouts.py`, `taskgroups.py` and
//! `threads.py` (`to_thread`). The helpers they call live in the private `_asyncio`
//! module, not in `asyncio`.

pub mod event_loop;
pub mod exception_handler;
pub mod future;
pub mod gather;
pub mod loop_object;
pub mod loop_run;
pub mod loops;
pub mod reprs;
pub mod primitives;
pub mod sleep;
pub mod task;

use crate::runtime::modules::{add_submodule, export_all, native_module};
use crate::runtime::run_prelude;
use crate::trace::{EventKind, ResourceKind};
use crate::vm::types::new_class;
use crate::vm::value::{Args, Module, Value};
use crate::vm::{PyResult, Vm};

/// The Python submodules, in the order they run (a later one may use an earlier one's
/// names), with their sources.
const SUBMODULES: &[(&str, &str, &str)] = &[
    ("asyncio.events", include_str!("events.py"), "<asyncio.events>"),
    ("asyncio.futures", include_str!("futures.py"), "<asyncio.futures>"),
    ("asyncio.locks", include_str!("locks.py"), "<asyncio.locks>"),
    ("asyncio.tasks", include_str!("tasks.py"), "<asyncio.tasks>"),
    ("asyncio.timeouts", include_str!("timeouts.py"), "<asyncio.timeouts>"),
    ("asyncio.taskgroups", include_str!("taskgroups.py"), "<asyncio.taskgroups>"),
    ("asyncio.threads", include_str!("threads.py"), "<asyncio.threads>"),
    ("asyncio.runners", include_str!("runners.py"), "<asyncio.runners>"),
];

fn run(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut a = a;
    let debug = match a.take_kw("debug") {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.truthy(&v)?),
    };
    crate::builtins::arity(vm, &a, "run", 1, 1)?;
    loop_run::asyncio_run(vm, a.pos[0].clone(), debug)
}

fn sleep(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let result = a.take_kw("result").or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::None);
    let delay = a.take_kw("delay").or_else(|| a.pos.first().cloned());
    let delay = match delay.as_ref().and_then(crate::vm::ops::num) {
        Some(n) => n.as_f64(),
        None => return Err(vm.type_error("sleep() missing required argument 'delay' (a number)")),
    };
    Ok(sleep::sleep_value(delay, result))
}

fn create_task(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let name = a.take_kw("name");
    let context = a.take_kw("context").filter(|c| !c.is_none());
    crate::builtins::arity(vm, &a, "create_task", 1, 1)?;
    if let Some(t) = task::create_task_by_factory(vm, &a.pos[0], name.clone())? {
        return Ok(t);
    }
    // 3.11's asyncio.create_task names the task afterwards, so the Task-N counter
    // advances even when a name is given.
    let t = task::create_task(vm, a.pos[0].clone(), None)?;
    if let Some(c) = context {
        task::set_context(&t, c);
    }
    if let Some(n) = name.filter(|n| !n.is_none()) {
        let n = vm.to_str(&n)?;
        task::set_name(vm, &t, n.into());
    }
    Ok(t)
}

/// `asyncio.ensure_future(x, loop=None)`: a coroutine becomes a task of `loop`, else of
/// the running loop, else of `get_event_loop()`'s (`tasks._ensure_future`).
fn ensure_future(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let explicit = a.take_kw("loop").filter(|l| !l.is_none());
    crate::builtins::arity(vm, &a, "ensure_future", 1, 1)?;
    let v = a.pos[0].clone();
    // An instance of a Future subclass is a future: returned as it is.
    if vm.native_base_object(&v).is_some_and(|s| future::as_future(&s).is_some()) {
        return Ok(v);
    }
    if future::as_future(&v).is_some() || (explicit.is_none() && vm.rt.event_loop.is_some()) {
        return task::ensure_future(vm, v).map(Value::Obj);
    }
    if !task::is_coroutine(&v) {
        return task::ensure_future(vm, v).map(Value::Obj);
    }
    let l = match explicit {
        Some(l) => l,
        None => loops::get_event_loop(vm)?,
    };
    let id = loops::id_of(&l).ok_or_else(|| vm.type_error("loop must be an event loop"))?;
    loops::check_open(vm, id)?;
    loops::with_loop(vm, id, |vm| task::ensure_future(vm, v)).map(Value::Obj)
}

fn gather(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let re = match a.take_kw("return_exceptions") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if vm.rt.event_loop.is_none() {
        return Err(vm.exc("RuntimeError", "no running event loop"));
    }
    gather::gather(vm, a.pos, re)
}

fn current_task(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    if vm.rt.event_loop.is_none() {
        return Err(vm.exc("RuntimeError", "no running event loop"));
    }
    let task = vm.rt.event_loop.as_ref().and_then(|l| l.current_task.clone());
    Ok(task.map(|t| future::python_face(&t)).unwrap_or(Value::None))
}

/// `asyncio.all_tasks(loop=None)`: the tasks of `loop` (else of the running loop) not
/// done yet.
fn all_tasks(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let l = a.take_kw("loop").or_else(|| a.pos.first().cloned()).filter(|l| !l.is_none());
    let l = match l {
        Some(l) => l,
        None => event_loop::get_running_loop(vm)?,
    };
    let id = loops::id_of(&l).ok_or_else(|| vm.type_error("loop must be an event loop"))?;
    let tasks: Vec<Value> = loops::with_loop(vm, id, |vm| match &vm.rt.event_loop {
        Some(l) => l.tasks.iter().filter(|t| !future::fut(t).is_done()).map(|t| Value::Obj(t.clone())).collect(),
        None => Vec::new(),
    });
    vm.new_set(tasks)
}

/// `_asyncio.shutdown(loop)`: `Runner.close()`'s sequence on a loop not running.
fn shutdown(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let id = a.pos.first().and_then(loops::id_of).ok_or_else(|| vm.type_error("shutdown() needs a loop"))?;
    loops::check_can_run(vm, id)?;
    loop_run::shutdown(vm, id)
}

fn get_running_loop(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    event_loop::get_running_loop(vm)
}

fn iscoroutine(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(a.pos.first().map(|v| {
        matches!(v, Value::Obj(o) if matches!(o.as_ref(), crate::vm::value::Obj::Coroutine(_) | crate::vm::value::Obj::NativeCoro(_)))
    }).unwrap_or(false)))
}

/// `_asyncio.resource(kind)`: register a resource for the trace (`Condition`).
fn resource(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let kind = match a.pos.first() {
        Some(Value::Str(s)) if &**s == "condition" => ResourceKind::Condition,
        _ => ResourceKind::Lock,
    };
    Ok(Value::Int(crate::runtime::resources::new_resource(vm, kind, None) as i64))
}

/// `_asyncio.waiter_future(kind, id)`: a waiter future labelled with the resource it
/// waits on.
fn waiter_future(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let id = a.pos.get(1).and_then(crate::vm::ops::int_of).unwrap_or(0) as u32;
    if let Some(task) = vm.rt.current_task_id() {
        vm.record(EventKind::Blocked { resource: id, task });
    }
    Ok(Value::Obj(future::new_future(vm, future::Label::Condition(id))))
}

/// `_asyncio.notified(id, n)`: record that a notify woke `n` waiters.
fn notified(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let id = a.pos.first().and_then(crate::vm::ops::int_of).unwrap_or(0) as u32;
    let n = a.pos.get(1).and_then(crate::vm::ops::int_of).unwrap_or(0) as u32;
    vm.record(EventKind::Notified { resource: id, woken: n });
    Ok(Value::None)
}

/// Make `asyncio` and its private helper module `_asyncio` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("asyncio", load);
    vm.register_loader("_asyncio", load_private);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, crate::vm::value::NativeFn)] = &[
        ("run", run),
        ("sleep", sleep),
        ("create_task", create_task),
        ("ensure_future", ensure_future),
        ("gather", gather),
        ("current_task", current_task),
        ("all_tasks", all_tasks),
        ("get_running_loop", get_running_loop),
        ("_get_running_loop", |vm, _a| Ok(vm.rt.event_loop.as_ref().map(|l| l.object.clone()).unwrap_or(Value::None))),
        ("get_event_loop", |vm, _a| loops::get_event_loop(vm)),
        ("new_event_loop", |vm, _a| loops::new_event_loop(vm)),
        ("set_event_loop", |vm, a| {
            crate::builtins::arity(vm, &a, "set_event_loop", 1, 1)?;
            loops::set_event_loop(vm, a.pos[0].clone()).map(|_| Value::None)
        }),
        ("iscoroutine", iscoroutine),
        ("iscoroutinefunction", crate::runtime::stdlib::introspect::asyncio_iscoroutinefunction),
    ];
    let m = native_module("asyncio", fns);
    m.set("isfuture", future::isfuture_fn());
    register_classes(vm, &m);
    for name in ["CancelledError", "InvalidStateError", "QueueEmpty", "QueueFull"] {
        m.set(name, vm.types.exc(name));
    }
    m.set("TimeoutError", vm.types.exc("TimeoutError"));
    // Registered before the submodules run: they import names from it, as CPython's
    // submodules import from a partly initialised package.
    vm.add_module(m.clone());
    let exceptions = crate::vm::heap::new_module("asyncio.exceptions");
    for name in ["CancelledError", "InvalidStateError", "TimeoutError"] {
        exceptions.set(name, vm.types.exc(name));
    }
    add_submodule(vm, &m, exceptions);
    // `asyncio.coroutines`, as CPython's package has it (a program's `asyncio.coroutine`,
    // gone in 3.11, gets "Did you mean: 'coroutines'?" from the name).
    let coroutines = crate::vm::heap::new_module("asyncio.coroutines");
    for name in ["iscoroutine", "iscoroutinefunction"] {
        if let Some(f) = m.get(name) {
            coroutines.set(name, f);
        }
    }
    add_submodule(vm, &m, coroutines);
    // The event loop looks up `_asyncio.executor_call` by name, so it must be loaded.
    vm.find_module("_asyncio")?;
    for (name, source, filename) in SUBMODULES {
        let sub = crate::vm::heap::new_module(name);
        sub.set("__name__", Value::str(name));
        run_prelude(vm, sub.clone(), source, filename)?;
        export_all(vm, &sub, &m)?;
        add_submodule(vm, &m, sub);
    }
    Ok(())
}

/// `_asyncio`: what asyncio's Python submodules and the event loop call, kept out of
/// `asyncio`'s own attributes.
fn load_private(vm: &mut Vm) -> PyResult<()> {
    let m = native_module(
        "_asyncio",
        &[
            ("resource", resource),
            ("waiter_future", waiter_future),
            ("notified", notified),
            ("shutdown", shutdown),
            // `contextvars.copy_context()` when the program imported contextvars, else None.
            ("copy_context_if_used", |vm, _a| Ok(task::copy_context(vm)?.unwrap_or(Value::None))),
            ("policy_get_event_loop", |vm, a| {
                crate::builtins::arity(vm, &a, "policy_get_event_loop", 1, 1)?;
                loops::policy_get_event_loop(vm, Some(a.pos[0].clone()))
            }),
            ("policy_set_event_loop", |vm, a| {
                crate::builtins::arity(vm, &a, "policy_set_event_loop", 1, 1)?;
                loops::policy_set_event_loop(vm, a.pos[0].clone()).map(|_| Value::None)
            }),
            ("set_policy", |vm, a| {
                crate::builtins::arity(vm, &a, "set_policy", 1, 1)?;
                loops::set_policy(vm, a.pos[0].clone());
                Ok(Value::None)
            }),
        ],
    );
    vm.add_module(m.clone());
    run_prelude(vm, m, include_str!("_asyncio.py"), "<_asyncio>")
}

/// The classes of asyncio's native objects: `Future`, `Task` and the primitives are
/// public (and callable); handles and the loop are only seen through `type()`.
fn register_classes(vm: &mut Vm, m: &Module) {
    let object = vm.types.object.clone();
    let future = new_class("Future", "_asyncio", vec![object.clone()], None);
    vm.register_native_class("asyncio.Future", future.clone(), Some(|vm, _a| {
        Ok(Value::Obj(future::new_future(vm, future::Label::Plain)))
    }));
    let task = new_class("Task", "_asyncio", vec![future.clone()], None);
    vm.register_native_class("asyncio.Task", task.clone(), Some(|vm, a| {
        let coro = a.pos.get(1).cloned().unwrap_or(Value::None);
        task::create_task(vm, coro, None)
    }));
    m.set("Future", future);
    m.set("Task", task);
    for (name, module, key, new) in primitives::constructors() {
        let class = new_class(name, module, vec![object.clone()], None);
        vm.register_native_class(key, class.clone(), Some(new));
        m.set(name, class);
    }
    let handle = new_class("Handle", "asyncio.events", vec![object.clone()], None);
    let timer = new_class("TimerHandle", "asyncio.events", vec![handle.clone()], None);
    vm.register_native_class("asyncio.Handle", handle, None);
    vm.register_native_class("asyncio.TimerHandle", timer, None);
    // `AbstractEventLoop` ← `BaseEventLoop` ← `_UnixSelectorEventLoop`, which is
    // `asyncio.SelectorEventLoop` on Linux: `SelectorEventLoop(selector=None)` makes a loop
    // (the selector only names itself in the "Using selector" log line).
    let abstract_loop = new_class("AbstractEventLoop", "asyncio.events", vec![object], None);
    let base_loop = new_class("BaseEventLoop", "asyncio.base_events", vec![abstract_loop.clone()], None);
    let event_loop = new_class("_UnixSelectorEventLoop", "asyncio.unix_events", vec![base_loop.clone()], None);
    vm.register_native_class("asyncio._UnixSelectorEventLoop", event_loop.clone(), Some(|vm, mut a| {
        let selector = a.take_kw("selector").or_else(|| a.pos.get(1).cloned()).filter(|s| !s.is_none());
        if a.pos.len() > 2 || !a.kw.is_empty() {
            return Err(vm.type_error("SelectorEventLoop() takes at most 1 argument (selector)"));
        }
        let name = match selector {
            Some(s) => vm.type_name(&s).to_string(),
            None => "EpollSelector".to_string(),
        };
        loops::new_loop_with(vm, &name)
    }));
    m.set("AbstractEventLoop", abstract_loop);
    m.set("BaseEventLoop", base_loop);
    m.set("SelectorEventLoop", event_loop);
}
