//! The `threading` and `queue` modules: Python preludes (`threading.py`, `queue.py`,
//! ports of CPython's) over the native part here: `Lock`/`RLock`, and the private
//! modules the preludes call, as CPython's do: `_thread` (starting and joining threads,
//! the thread registry) and `_queue` (the queue's trace events).

use super::blocking::{blocking, Attempt};
use super::{BlockOn, Thread, ThreadId, ThreadState};
use crate::builtins::native;
use crate::trace::{EventKind, ResourceKind};
use crate::vm::dispatch::Invoke;
use crate::vm::frame::{Fiber, Slot};
use crate::vm::ops::{int_of, num};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::runtime::modules::native_module;
use crate::runtime::run_prelude;
use crate::vm::{PyResult, Vm};
use std::rc::Rc;


fn tid_arg(vm: &Vm, a: &Args, i: usize) -> PyResult<ThreadId> {
    a.pos.get(i).and_then(int_of).map(|x| ThreadId(x as u32)).ok_or_else(|| vm.type_error("thread id expected"))
}

/// Create a thread that will run `body` (a callable taking no arguments).
pub fn spawn(vm: &mut Vm, body: Value, args: Vec<Value>, name: Rc<str>, daemon: bool, object: Option<Value>) -> PyResult<ThreadId> {
    let frame = match vm.invoke(body.clone(), Args::new(args))? {
        Invoke::Frame(f) => f,
        Invoke::Value(_) => return Err(vm.type_error("a thread's run() must be a Python function")),
    };
    let tid = ThreadId(vm.rt.fresh_id());
    let parent = vm.rt.world.current;
    let pid = vm.rt.world.thread(parent).process;
    let now = vm.rt.now;
    let ident = vm.rt.world.next_ident;
    vm.rt.world.next_ident += 4096;
    vm.rt.world.add_thread(Thread {
        id: tid,
        name: name.clone(),
        process: pid,
        daemon,
        fiber: Some(Fiber { slots: vec![Slot::Python(frame)] }),
        state: ThreadState::WantsGil(now),
        ident,
        on_done: None,
        cpu: 0.0,
    });
    if let Some(obj) = object {
        vm.rt.thread_objects.insert(tid, obj);
    }
    vm.record(EventKind::ThreadCreated { thread: tid.0, name: name.to_string(), process: pid.0, parent: Some(parent.0), daemon });
    Ok(tid)
}

fn start(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let obj = a.pos.first().cloned().ok_or_else(|| vm.type_error("_start needs a thread"))?;
    let name: Rc<str> = match a.pos.get(1) {
        Some(Value::Str(s)) => s.clone(),
        _ => "Thread".into(),
    };
    let daemon = match a.pos.get(2) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    // The body: `Thread._bootstrap_inner` (which calls `run()`), else `run` itself.
    let run = match a.pos.get(3) {
        Some(body) => body.clone(),
        None => vm.get_attr(&obj, "run")?,
    };
    let tid = spawn(vm, run, vec![], name, daemon, Some(obj))?;
    Ok(Value::Int(tid.0 as i64))
}

/// `Thread.start()` waits until the new thread has started running (`self._started.wait()`
/// in CPython), so the new thread goes first.
fn wait_started(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tid = tid_arg(vm, &a, 0)?;
    Ok(blocking("start", move |vm| {
        let t = vm.rt.world.thread(tid);
        let started = t.cpu > 0.0 || !matches!(t.state, ThreadState::WantsGil(_));
        if started {
            Attempt::Done(Ok(Value::None))
        } else {
            Attempt::Block(BlockOn::Started { thread: tid })
        }
    }))
}

fn join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let tid = tid_arg(vm, &a, 0)?;
    let timeout = a.pos.get(1).and_then(num).map(|n| n.as_f64());
    let deadline = timeout.map(|t| vm.rt.now + t.max(0.0));
    Ok(blocking("join", move |vm| {
        let done = matches!(vm.rt.world.thread(tid).state, ThreadState::Done);
        let timed_out = deadline.map(|d| vm.rt.now >= d).unwrap_or(false);
        if done || timed_out {
            Attempt::Done(Ok(Value::None))
        } else {
            Attempt::Block(BlockOn::Join { thread: tid, deadline })
        }
    }))
}

fn new_lock(vm: &mut Vm, reentrant: bool) -> Value {
    Value::native_obj(super::sync::ThreadLock::new(vm, reentrant))
}

/// Make `threading`, `queue` and their private modules `_thread` and `_queue` importable.
pub fn install(vm: &mut Vm) {
    vm.register_loader("threading", load_threading);
    vm.register_loader("_thread", load_thread);
    vm.register_loader("queue", load_queue);
    vm.register_loader("_queue", load_private_queue);
}

fn load_threading(vm: &mut Vm) -> PyResult<()> {
    let threading = native_module(
        "threading",
        &[("Lock", |vm, _a| Ok(new_lock(vm, false))), ("RLock", |vm, _a| Ok(new_lock(vm, true)))],
    );
    threading.set("allocate_lock", native("allocate_lock", |vm, _a| Ok(new_lock(vm, false))));
    threading.set("TIMEOUT_MAX", Value::Float(9_223_372_036.0));
    super::local::register_class(vm);
    threading.set("local", vm.native_class("_thread._local"));
    vm.add_module(threading.clone());
    run_prelude(vm, threading, include_str!("threading.py"), "<threading>")
}

/// `_thread`: the thread registry and the start, join and naming of threads, which
/// `threading.py` calls.
fn load_thread(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("start", start),
        ("wait_started", wait_started),
        ("join", join),
        ("is_alive", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            Ok(Value::Bool(!matches!(vm.rt.world.thread(tid).state, ThreadState::Done)))
        }),
        ("current_tid", |vm, _a| Ok(Value::Int(vm.rt.world.current.0 as i64))),
        ("ident_of", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            Ok(Value::Int(vm.rt.world.thread(tid).ident))
        }),
        ("name_of", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            Ok(Value::Str(vm.rt.world.thread(tid).name.clone()))
        }),
        ("set_name", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            if let Some(Value::Str(s)) = a.pos.get(1) {
                vm.rt.world.thread_mut(tid).name = s.clone();
            }
            Ok(Value::None)
        }),
        ("thread_object", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            Ok(vm.rt.thread_objects.get(&tid).cloned().unwrap_or(Value::None))
        }),
        ("is_main", |vm, a| {
            let tid = tid_arg(vm, &a, 0)?;
            let pid = vm.rt.world.thread(tid).process;
            Ok(Value::Bool(vm.rt.world.process(pid).main_thread == tid))
        }),
        ("main_thread_object", |vm, _a| {
            let pid = vm.rt.world.current_process();
            let main = vm.rt.world.process(pid).main_thread;
            let saved = vm.rt.world.current;
            vm.rt.world.current = main;
            let f = vm.get_attr(&Value::Obj(module_of(vm, "threading")), "current_thread")?;
            let r = vm.call_sync(&f, vec![]);
            vm.rt.world.current = saved;
            r
        }),
        ("alive_tids", |vm, _a| {
            let pid = vm.rt.world.current_process();
            let tids = vm.rt.world.live_threads().filter(|t| t.process == pid);
            Ok(Value::list(tids.map(|t| Value::Int(t.id.0 as i64)).collect()))
        }),
        ("active_count", |vm, _a| {
            let pid = vm.rt.world.current_process();
            let n = vm.rt.world.live_threads().filter(|t| t.process == pid).count();
            Ok(Value::Int(n as i64))
        }),
    ];
    vm.add_module(native_module("_thread", fns));
    Ok(())
}

fn load_queue(vm: &mut Vm) -> PyResult<()> {
    let queue = crate::vm::heap::new_module("queue");
    queue.set("__name__", Value::str("queue"));
    queue.set("Empty", vm.types.exc("Empty"));
    queue.set("Full", vm.types.exc("Full"));
    vm.add_module(queue.clone());
    run_prelude(vm, queue, include_str!("queue.py"), "<queue>")
}

/// `_queue`: a thread queue's resource and its put and get events, for the trace.
fn load_private_queue(vm: &mut Vm) -> PyResult<()> {
    let fns: &[(&'static str, NativeFn)] = &[
        ("resource", |vm, a| {
            let kind = match a.pos.first() {
                Some(Value::Str(s)) if &**s == "PriorityQueue" => ResourceKind::PriorityQueue,
                Some(Value::Str(s)) if &**s == "LifoQueue" => ResourceKind::LifoQueue,
                _ => ResourceKind::Queue,
            };
            let cap = a.pos.get(1).and_then(int_of).filter(|m| *m > 0);
            Ok(Value::Int(crate::runtime::resources::new_resource(vm, kind, cap) as i64))
        }),
        ("event", |vm, a| {
            if !vm.tracing() {
                return Ok(Value::None);
            }
            let resource = a.pos.first().and_then(int_of).unwrap_or(0) as u32;
            let put = matches!(a.pos.get(1), Some(Value::Bool(true)));
            let item = vm.repr(a.pos.get(2).unwrap_or(&Value::None))?;
            let size = a.pos.get(3).and_then(int_of).unwrap_or(0) as u32;
            let task = Some(vm.rt.world.current.0);
            vm.record(if put {
                EventKind::QueuePut { resource, task, item, size }
            } else {
                EventKind::QueueGot { resource, task, item, size }
            });
            Ok(Value::None)
        }),
    ];
    vm.add_module(native_module("_queue", fns));
    Ok(())
}

/// The interpreter's exit, before it waits for the non-daemon threads
/// (`threading._shutdown`): run the functions registered with
/// `threading._register_atexit` (a `ThreadPoolExecutor` never shut down is shut down
/// there, so its idle workers end instead of waiting forever). Nothing to do when
/// `threading` was never imported. Called only when other threads exist: with none
/// alive, the only registered function (`concurrent.futures`' `_python_exit`) has
/// nothing to stop, and a single-threaded run's exit stays off the books.
pub fn at_exit(vm: &mut Vm) -> PyResult<()> {
    // A prelude that failed half way leaves a module without the hook.
    let run = vm.modules.get("threading").and_then(|m| m.as_obj().cloned()).and_then(|m| match m.as_ref() {
        Obj::Module(md) => md.get("_run_atexits"),
        _ => None,
    });
    let Some(run) = run else { return Ok(()) };
    match vm.call_sync(&run, vec![]) {
        Ok(_) => Ok(()),
        Err(crate::vm::Fail::Exc(e)) => {
            let tb = vm.format_traceback(&e);
            vm.write_output(&format!("Exception ignored in: <function _python_exit>\n{tb}"), true);
            Ok(())
        }
        Err(stop) => Err(stop),
    }
}

fn module_of(vm: &Vm, name: &str) -> Rc<Obj> {
    vm.modules.get(name).and_then(|m| m.as_obj().cloned()).expect("module")
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    #[test]
    fn settrace_and_setprofile_hooks_are_stored_but_never_called() {
        // CPython would call both hooks in the new thread (and print "call run", ...);
        // Interleave has no call tracing: the hooks are kept and given back, not called.
        let src = "import threading\n\
                   def hook(frame, event, arg):\n    print('hook', event)\n\
                   threading.settrace(hook)\nthreading.setprofile(hook)\n\
                   t = threading.Thread(target=lambda: print('ran'))\nt.start()\nt.join()\n\
                   print(threading.gettrace() is hook, threading.getprofile() is hook)\n";
        let r = run(src, &RunOptions::default());
        assert_eq!(r.exit_code, 0, "{}", r.error_text);
        assert_eq!(r.stdout(false), "ran\nTrue True\n");
    }
}
