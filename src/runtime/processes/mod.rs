//! `multiprocessing`: processes with their own memory, on simulated cores.
//!
//! `Process.start()` forks, as CPython does on Linux: the child gets a *copy* of the
//! parent's module globals (functions in the copy see the copy), then runs `run()` in its
//! own main thread under its own GIL, on the least busy core, after a start-up cost
//! (`STARTUP_COST`, the guide's "slower to start"). Objects sent through a
//! `multiprocessing.Queue` are copied too (pickling), so a change in one process is never
//! seen in another. Locks and queues themselves are shared, as OS objects are.

mod copy;
pub mod detached;

use crate::builtins::native;
use crate::runtime::asyncio::primitives::{prim, recv, Primitive};
use crate::runtime::threads::blocking::{blocking, Attempt};
use crate::runtime::threads::{BlockOn, Process, ProcessId, Thread, ThreadState};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::dispatch::Invoke;
use crate::vm::frame::{Fiber, Slot};
use crate::vm::ops::{int_of, num};
use crate::vm::value::{Args, Module, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// Virtual seconds from `Process.start()` until the child runs its first instruction.
pub const STARTUP_COST: f64 = 0.010;

const PRELUDE: &str = include_str!("multiprocessing.py");

/// `multiprocessing.Queue`: items are copied in, and become visible at the sender's time.
pub struct MpQueue {
    pub id: u32,
    pub maxsize: i64,
    /// (time the item was put, the item as copied on put).
    pub items: RefCell<VecDeque<(f64, Value)>>,
}

fn mpq(o: &Rc<Obj>) -> &MpQueue {
    match prim(o) {
        Primitive::MpQueue(q) => q,
        _ => panic!("not a multiprocessing queue"),
    }
}

/// The queue's resource id (what the trace names it by).
pub fn queue_id(q: &Rc<Obj>) -> u32 {
    mpq(q).id
}

/// Can a blocked waiter proceed (an item, or room to put)? A getter that waits takes
/// an item put later on another process's clock, and its own clock moves to that time.
pub fn queue_ready(_vm: &Vm, q: &Rc<Obj>, put: bool, _now: f64) -> bool {
    let q = mpq(q);
    let items = q.items.borrow();
    if put {
        q.maxsize <= 0 || (items.len() as i64) < q.maxsize
    } else {
        !items.is_empty()
    }
}

/// Is an item visible to a non-blocking look at time `now`?
fn visible(q: &Rc<Obj>, now: f64) -> bool {
    mpq(q).items.borrow().front().map(|(t, _)| *t <= now).unwrap_or(false)
}

fn queue_put(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let o = recv(&a);
    let item = a.pos.get(1).cloned().ok_or_else(|| vm.type_error("put() missing required argument 'obj'"))?;
    let block = match a.pos.get(2) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = a.pos.get(3).and_then(num).map(|n| n.as_f64());
    let copied = copy::deep_copy(vm, &item, None)?;
    let deadline = timeout.map(|t| vm.rt.now + t);
    let mut item = Some(copied);
    Ok(blocking("put", move |vm| {
        let now = vm.rt.now;
        if queue_ready(vm, &o, true, now) {
            let v = item.take().expect("item");
            // Only an item actually put is a result (a put that times out is not).
            if let Err(e) = detached::on_put(vm, &v) {
                return Attempt::Done(Err(e));
            }
            let text = if vm.tracing() { vm.repr(&v).unwrap_or_default() } else { String::new() };
            let q = mpq(&o);
            q.items.borrow_mut().push_back((now, v));
            let size = q.items.borrow().len() as u32;
            let task = Some(vm.rt.world.current);
            vm.record(EventKind::QueuePut { resource: q.id, task, item: text, size });
            return Attempt::Done(Ok(Value::None));
        }
        if !block || deadline.map(|d| now >= d).unwrap_or(false) {
            return Attempt::Done(Err(vm.exc("Full", "")));
        }
        Attempt::Block(BlockOn::MpQueue { queue: o.clone(), put: true, deadline })
    }))
}

fn queue_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let o = recv(&a);
    let block = match a.pos.get(1) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = a.pos.get(2).and_then(num).map(|n| n.as_f64());
    let deadline = timeout.map(|t| vm.rt.now + t);
    Ok(blocking("get", move |vm| {
        // A child run alone receives what the simulation recorded it receiving.
        match detached::take_received(vm) {
            Some(Ok(Some(v))) => return Attempt::Done(Ok(v)),
            Some(Ok(None)) => return Attempt::Done(Err(vm.exc("Empty", ""))),
            Some(Err(e)) => return Attempt::Done(Err(e)),
            None => {}
        }
        let now = vm.rt.now;
        let available = if block { queue_ready(vm, &o, false, now) } else { visible(&o, now) };
        if available {
            let q = mpq(&o);
            let (put_at, v) = q.items.borrow_mut().pop_front().expect("item");
            if put_at > vm.rt.now {
                // We waited until the sender put it.
                vm.rt.now = put_at;
            }
            let size = q.items.borrow().len() as u32;
            let text = if vm.tracing() { vm.repr(&v).unwrap_or_default() } else { String::new() };
            let task = Some(vm.rt.world.current);
            vm.record(EventKind::QueueGot { resource: q.id, task, item: text, size });
            // The receiving process unpickles its own copy, bound to its own globals.
            let pid = vm.rt.world.current_process();
            let globals = vm.rt.world.process(pid).globals.clone();
            let received = copy::deep_copy(vm, &v, Some(globals));
            if let Ok(item) = &received {
                detached::on_received(vm, Some(item));
            }
            return Attempt::Done(received);
        }
        if !block || deadline.map(|d| now >= d).unwrap_or(false) {
            detached::on_received(vm, None);
            return Attempt::Done(Err(vm.exc("Empty", "")));
        }
        Attempt::Block(BlockOn::MpQueue { queue: o.clone(), put: false, deadline })
    }))
}

pub fn queue_method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    use crate::runtime::asyncio::primitives::m;
    Some(match name {
        "put" => m("put", queue_put),
        "get" => m("get", queue_get),
        "put_nowait" => m("put_nowait", |vm, a| {
            let mut pos = a.pos.clone();
            pos.truncate(2);
            pos.push(Value::Bool(false));
            queue_put(vm, Args::new(pos))
        }),
        "get_nowait" => m("get_nowait", |vm, a| queue_get(vm, Args::new(vec![a.pos[0].clone(), Value::Bool(false)]))),
        "qsize" => m("qsize", |vm, a| {
            let now = vm.rt.now;
            let n = detached::waiting_items(vm).unwrap_or_else(|| mpq(&recv(&a)).items.borrow().iter().filter(|(t, _)| *t <= now).count());
            Ok(Value::Int(n as i64))
        }),
        "empty" => m("empty", |vm, a| {
            let empty = detached::waiting_items(vm).map_or_else(|| !visible(&recv(&a), vm.rt.now), |n| n == 0);
            Ok(Value::Bool(empty))
        }),
        "full" => m("full", |vm, a| {
            let now = vm.rt.now;
            Ok(Value::Bool(!queue_ready(vm, &recv(&a), true, now)))
        }),
        "close" | "join_thread" | "cancel_join_thread" => m("close", |_vm, _a| Ok(Value::None)),
        _ => return None,
    })
}

/// Create a child process running `obj.run()` in a copy of the parent's globals.
fn start_process(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let obj = a.pos.first().cloned().ok_or_else(|| vm.type_error("_start needs a process"))?;
    let name: Rc<str> = match a.pos.get(1) {
        Some(Value::Str(s)) => s.clone(),
        _ => "Process".into(),
    };
    let daemon = match a.pos.get(2) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let parent_tid = vm.rt.world.current;
    let parent_pid = vm.rt.world.thread(parent_tid).process;
    // fork(): copy the parent's globals; the Process object travels with them.
    let parent_globals = vm.rt.world.process(parent_pid).globals.clone();
    let child_globals = Rc::new(Module::new(&parent_globals.name));
    let mut memo = copy::Memo::new(child_globals.clone());
    let entries: Vec<(Rc<str>, Value)> = parent_globals.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in entries {
        let c = copy::copy_with(vm, &v, &mut memo)?;
        child_globals.dict.borrow_mut().insert(k, c);
    }
    let child_obj = copy::copy_with(vm, &obj, &mut memo)?;
    let run = vm.get_attr(&child_obj, "run")?;
    let frame = match vm.invoke(run, Args::default())? {
        Invoke::Frame(f) => f,
        Invoke::Value(_) => return Err(vm.type_error("a process's run() must be a Python function")),
    };
    let pid = vm.rt.fresh_id();
    let tid = vm.rt.fresh_id();
    let core = least_busy_core(vm);
    let start = vm.rt.now + STARTUP_COST;
    let ident = vm.rt.world.next_ident;
    vm.rt.world.next_ident += 4096;
    vm.rt.world.processes.push(Process {
        id: pid,
        name: name.clone(),
        clock: start,
        gil: None,
        core,
        main_thread: tid,
        exitcode: None,
        globals: child_globals,
    });
    vm.rt.world.threads.push(Thread {
        id: tid,
        name: "MainThread".into(),
        process: pid,
        daemon,
        fiber: Some(Fiber { slots: vec![Slot::Python(frame)] }),
        state: ThreadState::WantsGil(start),
        ident,
        on_done: None,
        cpu: 0.0,
    });
    vm.rt.process_objects.insert(pid, child_obj);
    vm.rt.daemon_processes.insert(pid, daemon);
    vm.record(EventKind::ProcessCreated { process: pid, name: name.to_string(), core: core as u32, parent: Some(parent_pid), main_thread: tid });
    detached::on_fork(vm, pid, &name, start);
    Ok(Value::Int(pid as i64))
}

fn least_busy_core(vm: &Vm) -> usize {
    let w = &vm.rt.world;
    (0..w.cores.len())
        .min_by_key(|c| w.processes.iter().filter(|p| p.core == *c && p.exitcode.is_none()).count())
        .unwrap_or(0)
}

fn pid_arg(vm: &Vm, a: &Args) -> PyResult<ProcessId> {
    a.pos.first().and_then(int_of).map(|x| x as ProcessId).ok_or_else(|| vm.type_error("process id expected"))
}

fn join_process(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pid = pid_arg(vm, &a)?;
    let deadline = a.pos.get(1).and_then(num).map(|n| vm.rt.now + n.as_f64().max(0.0));
    Ok(blocking("join", move |vm| {
        let done = vm.rt.world.process(pid).exitcode.is_some();
        if done || deadline.map(|d| vm.rt.now >= d).unwrap_or(false) {
            // The parent learns of the exit at the child's exit time, not before.
            if done {
                let end = vm.rt.world.process(pid).clock;
                if end > vm.rt.now {
                    vm.rt.now = end;
                }
            }
            Attempt::Done(Ok(Value::None))
        } else {
            Attempt::Block(BlockOn::ProcessJoin { process: pid, deadline })
        }
    }))
}

/// A process's main thread finished: the process exits.
pub fn process_main_done(vm: &mut Vm, pid: ProcessId, ok: bool) {
    let main_pid = vm.rt.world.processes.first().map(|p| p.id);
    if Some(pid) == main_pid {
        return;
    }
    let code = if ok { 0 } else { 1 };
    vm.rt.world.process_mut(pid).exitcode = Some(code);
    vm.record(EventKind::ProcessDone { process: pid, exitcode: code });
}

/// A worker thread of `run_in_executor` finished: complete its future on the loop.
pub fn thread_done_hook(vm: &mut Vm, fut: &Rc<Obj>, result: Result<Value, Value>) -> PyResult<()> {
    use crate::runtime::asyncio::event_loop::{call_soon, Callback};
    let tid = vm.rt.world.current;
    if let Some(slot) = vm.rt.executor_slots.remove(&tid) {
        vm.rt.executor_busy[slot] = false;
    }
    call_soon(vm, Callback::Complete { fut: fut.clone(), result }, vec![]);
    Ok(())
}

pub fn install(vm: &mut Vm) {
    let m = Rc::new(Module::new("multiprocessing"));
    m.set("__name__", Value::str("multiprocessing"));
    let fns: &[(&'static str, NativeFn)] = &[
        ("_start", start_process),
        ("_join", join_process),
        ("_exitcode", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(vm.rt.world.process(pid).exitcode.map(Value::Int).unwrap_or(Value::None))
        }),
        ("_is_alive", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(Value::Bool(vm.rt.world.process(pid).exitcode.is_none()))
        }),
        ("_current_pid", |vm, _a| Ok(Value::Int(vm.rt.world.current_process() as i64))),
        ("_process_object", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(vm.rt.process_objects.get(&pid).cloned().unwrap_or(Value::None))
        }),
        ("cpu_count", |vm, _a| Ok(Value::Int(vm.rt.world.cores.len() as i64))),
        ("_unpicklable", |vm, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            Ok(match detached::unpicklable_function(vm, &v)? {
                Some((kind, message)) => Value::obj(Obj::Tuple(vec![Value::str(kind), Value::str(&message)])),
                None => Value::None,
            })
        }),
        ("Lock", |vm, _a| {
            Ok(Value::obj(Obj::Primitive(Box::new(Primitive::ThreadLock(crate::runtime::threads::sync::ThreadLock::new(vm, false))))))
        }),
        ("RLock", |vm, _a| {
            Ok(Value::obj(Obj::Primitive(Box::new(Primitive::ThreadLock(crate::runtime::threads::sync::ThreadLock::new(vm, true))))))
        }),
        ("Queue", |vm, mut a| {
            let maxsize = a.take_kw("maxsize").or_else(|| a.pos.first().cloned()).and_then(|v| int_of(&v)).unwrap_or(0);
            let id = crate::runtime::asyncio::primitives::new_resource(vm, ResourceKind::Queue, (maxsize > 0).then_some(maxsize));
            Ok(Value::obj(Obj::Primitive(Box::new(Primitive::MpQueue(MpQueue { id, maxsize, items: RefCell::new(VecDeque::new()) })))))
        }),
    ];
    for (name, f) in fns {
        m.set(name, native(name, *f));
    }
    m.set("Empty", vm.types.exc("Empty"));
    m.set("Full", vm.types.exc("Full"));
    crate::runtime::run_prelude(vm, m.clone(), PRELUDE, "<multiprocessing>");
    vm.add_module(m);
}
