//! `multiprocessing`: processes with their own memory, on simulated cores.
//!
//! `Process.start()` forks, as CPython does on Linux: the child gets a *copy* of the
//! parent's module globals (functions in the copy see the copy), then runs `run()` in its
//! own main thread under its own GIL, on the least busy core, after a start-up cost
//! (`STARTUP_COST`, the guide's "slower to start"). Objects sent through a
//! `multiprocessing.Queue` are copied too (pickling), so a change in one process is never
//! seen in another. Locks and queues themselves are shared, as OS objects are.
//!
//! Under the `spawn` (and `forkserver`) start method the child inherits nothing: it starts
//! with fresh globals named `__mp_main__`, runs the program's module code again in them
//! (`spawn.prepare` re-imports the main module, so code outside
//! `if __name__ == "__main__":` runs in every child), and only then runs the target,
//! which was sent to it by name (a copy of the Process object bound to the new globals).


mod copy;
pub mod detached;
pub mod queue;

pub use copy::is_shared;
pub use queue::{queue_id, queue_ready};

use crate::runtime::threads::blocking::{blocking, Attempt};
use crate::runtime::threads::{BlockOn, Process, ProcessId, Thread, ThreadId, ThreadState};
use crate::trace::EventKind;
use crate::vm::dispatch::Invoke;
use crate::vm::frame::{Fiber, Slot};
use crate::vm::ops::{int_of, num};
use crate::vm::value::{Args, Function, NativeFn, Obj, Value};
use crate::runtime::modules::{add_submodule, export_all, native_module};
use crate::runtime::run_prelude;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// Virtual seconds from `Process.start()` until the child runs its first instruction.
pub const STARTUP_COST: f64 = 0.010;

/// The same for `spawn`: a fresh interpreter starts and imports its modules before it
/// re-runs the main module (tens of milliseconds in CPython, several times a fork's).
pub const SPAWN_STARTUP_COST: f64 = 0.050;

/// The Python submodules, in the order they run, with their sources.
const SUBMODULES: &[(&str, &str, &str)] = &[
    ("multiprocessing.process", include_str!("process.py"), "<multiprocessing.process>"),
    ("multiprocessing.util", include_str!("util.py"), "<multiprocessing.util>"),
    ("multiprocessing.context", include_str!("context.py"), "<multiprocessing.context>"),
    ("multiprocessing.synchronize", include_str!("synchronize.py"), "<multiprocessing.synchronize>"),
    ("multiprocessing.sharedctypes", include_str!("sharedctypes.py"), "<multiprocessing.sharedctypes>"),
    ("multiprocessing.connection", include_str!("connection.py"), "<multiprocessing.connection>"),
    ("multiprocessing.queues", include_str!("queues.py"), "<multiprocessing.queues>"),
    ("multiprocessing.managers", include_str!("managers.py"), "<multiprocessing.managers>"),
    ("multiprocessing.pool", include_str!("pool.py"), "<multiprocessing.pool>"),
];

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
    let spawn = matches!(a.pos.get(3), Some(Value::Str(m)) if &**m != "fork");
    let parent_tid = vm.rt.world.current;
    let parent_pid = vm.rt.world.thread(parent_tid).process;
    let child_globals = if spawn {
        // spawn: a fresh `__mp_main__` with the main module's file attributes; the module
        // code fills it when the child starts (`_bootstrap` calls `spawn_main`).
        let g = crate::vm::heap::new_module("__mp_main__");
        g.set("__name__", Value::str("__mp_main__"));
        let dunders: Vec<(Rc<str>, Value)> = vm
            .main
            .dict
            .borrow()
            .iter()
            .filter(|(k, _)| k.starts_with("__") && !matches!(&***k, "__name__" | "__annotations__"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in dunders {
            g.dict.borrow_mut().insert(k, v);
        }
        g
    } else {
        crate::vm::heap::new_module(&vm.rt.world.process(parent_pid).globals.name)
    };
    let mut memo = copy::Memo::new(child_globals.clone());
    if !spawn {
        // fork(): copy the parent's globals; the Process object travels with them.
        let parent_globals = vm.rt.world.process(parent_pid).globals.clone();
        let entries: Vec<(Rc<str>, Value)> =
            parent_globals.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in entries {
            let c = copy::copy_with(vm, &v, &mut memo)?;
            child_globals.dict.borrow_mut().insert(k, c);
        }
    }
    // Under spawn this is the pickled Process object: its target is a function of the
    // new globals, which the re-run module code defines before `run()` calls it.
    let child_obj = copy::copy_with(vm, &obj, &mut memo)?;
    // `_bootstrap` runs `run()` and returns the exit code, as CPython's does.
    let run = vm.get_attr(&child_obj, "_bootstrap")?;
    let frame = match vm.invoke(run, Args::default())? {
        Invoke::Frame(f) => f,
        Invoke::Value(_) => return Err(vm.type_error("a process's run() must be a Python function")),
    };
    let pid = ProcessId(vm.rt.fresh_id());
    let tid = ThreadId(vm.rt.fresh_id());
    let core = least_busy_core(vm);
    let start = vm.rt.now + if spawn { SPAWN_STARTUP_COST } else { STARTUP_COST };
    let ident = vm.rt.world.next_ident;
    vm.rt.world.next_ident += 4096;
    let parent = Some(vm.rt.world.current_process());
    vm.rt.world.add_process(Process {
        id: pid,
        name: name.clone(),
        clock: start,
        gil: None,
        core,
        main_thread: tid,
        exitcode: None,
        globals: child_globals,
        parent,
    });
    vm.rt.world.add_thread(Thread {
        id: tid,
        name: "MainThread".into(),
        process: pid,
        daemon,
        fiber: Some(Fiber { slots: vec![Slot::Python(frame)] }),
        state: ThreadState::WantsGil(start),
        ident,
        on_done: Some(Box::new(move |vm: &mut Vm, result: Result<Value, Value>| {
            if let Ok(Value::Int(code)) = result {
                vm.rt.world.set_exitcode(pid, code);
            }
            Ok(())
        })),
        cpu: 0.0,
    });
    vm.rt.process_objects.insert(pid, child_obj);
    vm.rt.daemon_processes.insert(pid, daemon);
    vm.record(EventKind::ProcessCreated { process: pid.0, name: name.to_string(), core: core as u32, parent: Some(parent_pid.0), main_thread: tid.0 });
    detached::on_fork(vm, pid, &name, start);
    Ok(Value::Int(pid.0 as i64))
}

/// In a spawned child, before its target runs: the program's module code again, in the
/// child's fresh `__mp_main__` globals (`multiprocessing.spawn.prepare` →
/// `_fixup_main_from_path`).
fn spawn_main(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let Some(code) = vm.main_code.clone() else { return Ok(Value::None) };
    let globals = vm.rt.world.process(vm.rt.world.current_process()).globals.clone();
    let module_fn = Value::obj(Obj::Function(Box::new(Function {
        name: code.name.clone(),
        code,
        globals,
        defaults: Vec::new(),
        kwdefaults: Vec::new(),
        closure: Vec::new(),
        owner: std::cell::RefCell::new(None),
        attrs: std::cell::RefCell::new(None),
    })));
    vm.call_sync(&module_fn, Vec::new())?;
    Ok(Value::None)
}

fn least_busy_core(vm: &Vm) -> usize {
    // Kept per core by the world: counting processes here made each start O(processes).
    vm.rt.world.least_busy_core()
}

fn pid_arg(vm: &Vm, a: &Args) -> PyResult<ProcessId> {
    a.pos.first().and_then(int_of).map(|x| ProcessId(x as u32)).ok_or_else(|| vm.type_error("process id expected"))
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

/// `Process.terminate()`/`kill()` (CPython's `Popen.terminate` sends SIGTERM, `kill`
/// SIGKILL): the child stops where it is, every thread of it, and its exit code is
/// minus the signal number (-15, -9), as `Popen.poll` reports a death by signal. It dies
/// at the parent's time; what it did before then stays done.
fn terminate_process(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let pid = pid_arg(vm, &a)?;
    let code = a.pos.get(1).and_then(int_of).unwrap_or(-15);
    if vm.rt.world.process(pid).exitcode.is_some() {
        return Ok(Value::None);
    }
    let live: Vec<ThreadId> = vm.rt.world.live_threads().filter(|t| t.process == pid).map(|t| t.id).collect();
    for tid in live {
        vm.rt.world.mark_done(tid);
        vm.rt.world.thread_mut(tid).fiber = None;
        vm.record(EventKind::ThreadDone { thread: tid.0, ok: false });
    }
    let now = vm.rt.now;
    vm.rt.world.set_gil(pid, None);
    let clock = vm.rt.world.process(pid).clock.max(now);
    vm.rt.world.set_clock(pid, clock);
    vm.rt.world.set_exitcode(pid, code);
    vm.record(EventKind::ProcessDone { process: pid.0, exitcode: code });
    Ok(Value::None)
}

/// A process's main thread finished: the process exits.
pub fn process_main_done(vm: &mut Vm, pid: ProcessId, ok: bool) {
    let main_pid = vm.rt.world.processes.first().map(|(id, _)| *id);
    if Some(pid) == main_pid {
        return;
    }
    // The exit code `_bootstrap` returned (set as the thread finished), else 0 or 1.
    let code = vm.rt.world.process(pid).exitcode.unwrap_or(if ok { 0 } else { 1 });
    vm.rt.world.set_exitcode(pid, code);
    vm.record(EventKind::ProcessDone { process: pid.0, exitcode: code });
}

/// Make `multiprocessing` and its private helper module `_multiprocessing` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("multiprocessing", load);
    vm.register_loader("_multiprocessing", load_private);
}

fn load(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("cpu_count", |vm, _a| Ok(Value::Int(vm.rt.world.cores.len() as i64))),
        ("Lock", |vm, _a| {
            Ok(Value::native_obj(crate::runtime::threads::sync::ThreadLock::new(vm, false)))
        }),
        ("RLock", |vm, _a| {
            Ok(Value::native_obj(crate::runtime::threads::sync::ThreadLock::new(vm, true)))
        }),
        ("Queue", queue::new_queue),
    ];
    let m = native_module("multiprocessing", fns);
    m.set("Empty", vm.types.exc("Empty"));
    m.set("Full", vm.types.exc("Full"));
    vm.add_module(m.clone());
    for (name, source, filename) in SUBMODULES {
        let sub = crate::vm::heap::new_module(name);
        sub.set("__name__", Value::str(name));
        run_prelude(vm, sub.clone(), source, filename)?;
        export_all(vm, &sub, &m)?;
        add_submodule(vm, &m, sub);
    }
    Ok(())
}

/// `_multiprocessing`: starting, joining and inspecting processes, and the pickling
/// check, which the Python submodules call.
fn load_private(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("start", start_process),
        ("join", join_process),
        ("terminate", terminate_process),
        ("now", |vm, _a| Ok(Value::Float(vm.rt.now))),
        ("catch_up", |vm, a| {
            // A process woken by another cannot go on before the moment it was woken.
            if let Some(t) = a.pos.first().and_then(num) {
                vm.rt.now = vm.rt.now.max(t.as_f64());
            }
            Ok(Value::None)
        }),
        ("copy", |vm, a| {
            // Pickling there and back: a copy bound to the current process's globals.
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            let globals = vm.rt.world.process(vm.rt.world.current_process()).globals.clone();
            copy::deep_copy(vm, &v, Some(globals))
        }),
        ("exitcode", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(vm.rt.world.process(pid).exitcode.map(Value::Int).unwrap_or(Value::None))
        }),
        ("is_alive", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(Value::Bool(vm.rt.world.process(pid).exitcode.is_none()))
        }),
        ("spawn_main", spawn_main),
        ("current_pid", |vm, _a| Ok(Value::Int(vm.rt.world.current_process().0 as i64))),
        ("process_object", |vm, a| {
            let pid = pid_arg(vm, &a)?;
            Ok(vm.rt.process_objects.get(&pid).cloned().unwrap_or(Value::None))
        }),
        ("unpicklable", |vm, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            Ok(match detached::unpicklable_function(vm, &v)? {
                Some((kind, message)) => Value::obj(Obj::Tuple(vec![Value::str(kind), Value::str(&message)])),
                None => Value::None,
            })
        }),
    ];
    vm.add_module(native_module("_multiprocessing", fns));
    Ok(())
}
