//! Event loops as objects that live longer than one run: `new_event_loop()`,
//! `get_event_loop()`/`set_event_loop()` (the default policy of CPython 3.11's
//! `events.BaseDefaultEventLoopPolicy`), `run_until_complete`, `run_forever`, `close`.
//!
//! A loop's state (`EventLoop`) is in one place at a time: in `Runtime::event_loop`
//! while it runs in the current thread (everything that schedules goes there), set
//! aside under its thread while it runs in a thread that is not the current one (each
//! thread has its own running loop, as CPython's `_get_running_loop` is per thread:
//! `switch_thread` moves them as the scheduler switches threads), parked here, under
//! its id, otherwise. Calling a method of a loop that is not in the slot
//! (`loop.create_task(...)` before `run_until_complete`, `call_soon_threadsafe` from
//! another thread) moves its state in for the length of the call (`with_loop`), so
//! scheduling code only knows the one slot.
//!
//! The policy, as 3.11.7 does it (3.11.0 also warned; 3.11.1+ does not, and neither do
//! we): `get_event_loop()` returns the running loop; else the thread's current loop;
//! else, in the main thread, if `set_event_loop` was never called, it makes a new loop
//! the current one, silently; else it raises
//! `RuntimeError: There is no current event loop in thread 'NAME'.` `asyncio.run()`
//! ends with `set_event_loop(None)`, so `get_event_loop()` after it raises.

use super::event_loop::EventLoop;
use crate::runtime::threads::ThreadId;
use crate::vm::value::Value;
use crate::vm::{PyResult, Vm};
use std::collections::HashMap;

/// An event loop's id (the key of its parked state and what its Python object holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LoopId(pub u32);

/// The loops not running, and each thread's current loop.
#[derive(Default)]
pub struct Loops {
    parked: HashMap<LoopId, EventLoop>,
    /// The loops running in threads other than the current one, by thread.
    elsewhere: HashMap<ThreadId, EventLoop>,
    /// The policy's `_local`: a thread present here called `set_event_loop` (or had
    /// a loop made for it); its value is the current loop object, or None.
    current: HashMap<ThreadId, Option<Value>>,
    next: u32,
    /// The program's own policy (`asyncio.set_event_loop_policy`), asked instead of the
    /// default one; None for the default policy.
    policy: Option<Value>,
}

/// A new loop of the default kind (`SelectorEventLoop(selector)`), parked; returns its
/// Python object. `selector` is the class name of its selector.
///
/// CPython's `BaseSelectorEventLoop.__init__` logs `Using selector: EpollSelector` at
/// DEBUG on the `asyncio` logger; a program that configured logging at that level sees
/// it (`asyncio: Using selector: EpollSelector`) at each `asyncio.run`.
pub fn new_loop_with(vm: &mut Vm, selector: &str) -> PyResult<Value> {
    let loops = &mut vm.rt.loops;
    loops.next += 1;
    let id = LoopId(loops.next);
    let l = EventLoop::new(id);
    let object = l.object.clone();
    loops.parked.insert(id, l);
    log_selector(vm, selector)?;
    Ok(object)
}

/// A new loop with the default selector (`EpollSelector`, as on Linux).
pub fn new_loop(vm: &mut Vm) -> PyResult<Value> {
    new_loop_with(vm, "EpollSelector")
}

/// `asyncio.new_event_loop()` (`events.new_event_loop`): the program's policy makes it,
/// if it set one (which must make a loop of ours).
pub fn new_event_loop(vm: &mut Vm) -> PyResult<Value> {
    let Some(policy) = vm.rt.loops.policy.clone() else { return new_loop(vm) };
    let make = vm.get_attr(&policy, "new_event_loop")?;
    let l = vm.call_sync(&make, vec![])?;
    if id_of(&l).is_none() {
        let t = vm.type_name(&l);
        return Err(vm.type_error(format!("the event loop policy's new_event_loop() returned a '{t}' object, not an event loop")));
    }
    Ok(l)
}

/// `_asyncio.set_policy(policy)`: the policy `asyncio.set_event_loop_policy` set, or None
/// for the default one (`asyncio/events.py` calls it).
pub fn set_policy(vm: &mut Vm, policy: Value) {
    vm.rt.loops.policy = if policy.is_none() { None } else { Some(policy) };
}

/// `logger.debug('Using selector: %s', 'EpollSelector')` on the `asyncio` logger. CPython's
/// asyncio imports `logging` itself; here the message can only show when the program
/// imported `logging` (only then can a handler exist), so nothing is imported for it.
fn log_selector(vm: &mut Vm, selector: &str) -> PyResult<()> {
    let Some(logging) = vm.modules.get("logging").cloned() else { return Ok(()) };
    let get_logger = vm.get_attr(&logging, "getLogger")?;
    let logger = vm.call_sync(&get_logger, vec![Value::str("asyncio")])?;
    let debug = vm.get_attr(&logger, "debug")?;
    vm.call_sync(&debug, vec![Value::str("Using selector: %s"), Value::str(selector)])?;
    Ok(())
}

/// The id of a loop object.
pub fn id_of(v: &Value) -> Option<LoopId> {
    v.as_obj().and_then(|o| o.native::<super::loop_object::LoopObject>()).map(|l| l.id)
}

/// Is loop `id` running, in this thread or another?
pub fn is_running(vm: &Vm, id: LoopId) -> bool {
    running_here(vm, id) || thread_running(vm, id).is_some()
}

/// Is loop `id` the one running in the current thread?
fn running_here(vm: &Vm, id: LoopId) -> bool {
    vm.rt.event_loop.as_ref().map(|l| l.id == id).unwrap_or(false)
}

/// The thread (not the current one) that runs loop `id`. A scan over the loops running
/// in other threads: a handful at most.
fn thread_running(vm: &Vm, id: LoopId) -> Option<ThreadId> {
    vm.rt.loops.elsewhere.iter().find(|(_, l)| l.id == id).map(|(t, _)| *t)
}

/// Loop `id`'s state, wherever it is.
pub fn state_mut(vm: &mut Vm, id: LoopId) -> Option<&mut EventLoop> {
    if running_here(vm, id) {
        return vm.rt.event_loop.as_mut();
    }
    if let Some(t) = thread_running(vm, id) {
        return vm.rt.loops.elsewhere.get_mut(&t);
    }
    vm.rt.loops.parked.get_mut(&id)
}

/// The running loop of thread `tid`: is its ready queue non-empty? (What wakes a thread
/// blocked in its loop's selector.) True when it has no running loop.
pub fn thread_loop_has_ready(rt: &crate::runtime::Runtime, tid: ThreadId) -> bool {
    let l = if tid == rt.world.current { rt.event_loop.as_ref() } else { rt.loops.elsewhere.get(&tid) };
    l.map(|l| l.has_ready()).unwrap_or(true)
}

/// The scheduler switches from thread `from` to thread `to`: each keeps its own running
/// loop (`events._get_running_loop` reads a thread-local).
pub fn switch_thread(rt: &mut crate::runtime::Runtime, from: ThreadId, to: ThreadId) {
    if from == to {
        return;
    }
    if let Some(l) = rt.event_loop.take() {
        rt.loops.elsewhere.insert(from, l);
    }
    if !rt.loops.elsewhere.is_empty() {
        rt.event_loop = rt.loops.elsewhere.remove(&to);
    }
}

/// Has loop `id` been closed?
pub fn is_closed(vm: &Vm, id: LoopId) -> bool {
    match vm.rt.loops.parked.get(&id) {
        Some(l) => l.closed,
        None => vm.rt.event_loop.as_ref().map(|l| l.id == id && l.closed).unwrap_or(false),
    }
}

/// Where a loop's state was before `with_loop` or a run moved it into the slot.
#[derive(Clone, Copy)]
pub enum Home {
    /// It was the current thread's running loop already.
    Slot,
    /// It was parked (not running).
    Parked,
    /// It runs in this other thread.
    Thread(ThreadId),
}

/// Move loop `id`'s state into the running slot; returns where it was and what the slot
/// held (to put back with `move_out`).
pub fn move_in(vm: &mut Vm, id: LoopId) -> (Home, Option<EventLoop>) {
    if running_here(vm, id) {
        return (Home::Slot, None);
    }
    let (home, state) = match thread_running(vm, id) {
        Some(t) => (Home::Thread(t), vm.rt.loops.elsewhere.remove(&t).expect("a running loop")),
        None => (Home::Parked, vm.rt.loops.parked.remove(&id).expect("a loop is parked or running")),
    };
    (home, vm.rt.event_loop.replace(state))
}

/// Put back what `move_in` moved of loop `id`. After a run stopped in the middle of a
/// thread switch (a limit), the state may be set aside under another thread: it is
/// taken from there.
pub fn move_out(vm: &mut Vm, id: LoopId, home: Home, aside: Option<EventLoop>) {
    if let Home::Slot = home {
        return;
    }
    let state = if running_here(vm, id) {
        std::mem::replace(&mut vm.rt.event_loop, aside)
    } else {
        thread_running(vm, id).and_then(|t| vm.rt.loops.elsewhere.remove(&t))
    };
    let Some(state) = state else { return };
    match home {
        Home::Thread(t) => {
            vm.rt.loops.elsewhere.insert(t, state);
        }
        _ => {
            vm.rt.loops.parked.insert(state.id, state);
        }
    }
}

/// Run `f` with loop `id`'s state in the running slot (moved in and back out unless it
/// is the running loop already). Whatever was running stays aside meanwhile.
pub fn with_loop<T>(vm: &mut Vm, id: LoopId, f: impl FnOnce(&mut Vm) -> T) -> T {
    let (home, aside) = move_in(vm, id);
    let r = f(vm);
    move_out(vm, id, home, aside);
    r
}

/// `BaseEventLoop._check_closed`.
pub fn check_open(vm: &Vm, id: LoopId) -> PyResult<()> {
    if is_closed(vm, id) {
        return Err(vm.exc("RuntimeError", "Event loop is closed"));
    }
    Ok(())
}

/// `BaseEventLoop._check_running`: the checks before `run_forever`/`run_until_complete`.
pub fn check_can_run(vm: &Vm, id: LoopId) -> PyResult<()> {
    check_open(vm, id)?;
    if thread_running(vm, id).is_some() {
        return Err(vm.exc("RuntimeError", "This event loop is already running"));
    }
    match &vm.rt.event_loop {
        Some(l) if l.id == id => Err(vm.exc("RuntimeError", "This event loop is already running")),
        Some(_) => Err(vm.exc("RuntimeError", "Cannot run the event loop while another loop is running")),
        None => Ok(()),
    }
}

/// `loop.close()`: the queues are cleared and the exceptions no one retrieved are
/// reported (the point where we print what CPython's garbage collector would).
pub fn close(vm: &mut Vm, id: LoopId) -> PyResult<()> {
    if is_running(vm, id) {
        return Err(vm.exc("RuntimeError", "Cannot close a running event loop"));
    }
    let unretrieved = match vm.rt.loops.parked.get_mut(&id) {
        Some(l) if !l.closed => {
            l.closed = true;
            l.clear();
            std::mem::take(&mut l.unretrieved)
        }
        _ => return Ok(()),
    };
    for f in unretrieved {
        with_loop(vm, id, |vm| super::exception_handler::report_unretrieved(vm, &f))?;
    }
    Ok(())
}

fn current_thread_name(vm: &Vm) -> String {
    vm.rt.world.thread(vm.rt.world.current).name.to_string()
}

fn in_main_thread(vm: &Vm) -> bool {
    let pid = vm.rt.world.current_process();
    vm.rt.world.process(pid).main_thread == vm.rt.world.current
}

/// `asyncio.get_event_loop()` (3.11.7: no DeprecationWarning): the running loop, else the
/// policy's current loop.
pub fn get_event_loop(vm: &mut Vm) -> PyResult<Value> {
    if let Some(l) = &vm.rt.event_loop {
        return Ok(l.object.clone());
    }
    match vm.rt.loops.policy.clone() {
        Some(policy) => {
            let get = vm.get_attr(&policy, "get_event_loop")?;
            vm.call_sync(&get, vec![])
        }
        None => policy_get_event_loop(vm, None),
    }
}

/// `BaseDefaultEventLoopPolicy.get_event_loop`: the thread's current loop; the main
/// thread, if it never set one, gets a new one, made by `policy.new_event_loop()` (a
/// program's subclass may override it) or, for the default policy, natively.
pub fn policy_get_event_loop(vm: &mut Vm, policy: Option<Value>) -> PyResult<Value> {
    let me = vm.rt.world.current;
    if !vm.rt.loops.current.contains_key(&me) && in_main_thread(vm) {
        let l = match policy {
            Some(p) => {
                let make = vm.get_attr(&p, "new_event_loop")?;
                let l = vm.call_sync(&make, vec![])?;
                check_loop(vm, &l)?;
                l
            }
            None => new_loop(vm)?,
        };
        vm.rt.loops.current.insert(me, if l.is_none() { None } else { Some(l) });
    }
    match vm.rt.loops.current.get(&me) {
        Some(Some(l)) => Ok(l.clone()),
        _ => {
            let name = current_thread_name(vm);
            Err(vm.exc("RuntimeError", format!("There is no current event loop in thread '{name}'.")))
        }
    }
}

/// `BaseDefaultEventLoopPolicy.set_event_loop`'s check: an event loop or None.
fn check_loop(vm: &Vm, l: &Value) -> PyResult<()> {
    if !l.is_none() && id_of(l).is_none() {
        let t = vm.type_name(l);
        return Err(vm.type_error(format!("loop must be an instance of AbstractEventLoop or None, not '{t}'")));
    }
    Ok(())
}

/// `asyncio.set_event_loop(loop)`: through the program's policy, if it set one.
pub fn set_event_loop(vm: &mut Vm, l: Value) -> PyResult<()> {
    if let Some(policy) = vm.rt.loops.policy.clone() {
        let set = vm.get_attr(&policy, "set_event_loop")?;
        return vm.call_sync(&set, vec![l]).map(|_| ());
    }
    policy_set_event_loop(vm, l)
}

/// `BaseDefaultEventLoopPolicy.set_event_loop`: the calling thread's current loop.
pub fn policy_set_event_loop(vm: &mut Vm, l: Value) -> PyResult<()> {
    check_loop(vm, &l)?;
    let me = vm.rt.world.current;
    vm.rt.loops.current.insert(me, if l.is_none() { None } else { Some(l) });
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn the_classic_api_runs_tasks_on_a_loop_that_is_not_running_yet() {
        let out = run_output(
            "import asyncio
async def work(n):
    await asyncio.sleep(1)
    return n * 2
loop = asyncio.get_event_loop()
print(loop is asyncio.get_event_loop(), loop.is_running(), loop.is_closed())
t = loop.create_task(work(3))
print(loop.run_until_complete(t), loop.run_until_complete(work(4)))
loop.close()
print(loop.is_closed())
try:
    loop.run_until_complete(work(5))
except RuntimeError as e:
    print(e)
",
        );
        assert_eq!(out, "True False False\n6 8\nTrue\nEvent loop is closed\n");
    }

    #[test]
    fn get_event_loop_after_asyncio_run_raises() {
        let out = run_output(
            "import asyncio
async def main():
    return asyncio.get_event_loop() is asyncio.get_running_loop()
print(asyncio.run(main()))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)
asyncio.set_event_loop(asyncio.new_event_loop())
print(asyncio.get_event_loop().is_closed())
",
        );
        assert_eq!(out, "True\nThere is no current event loop in thread 'MainThread'.\nFalse\n");
    }

    #[test]
    fn run_forever_runs_until_stop() {
        let out = run_output(
            "import asyncio
loop = asyncio.new_event_loop()
def tick(n):
    print('tick', n, loop.is_running())
    if n == 3:
        loop.stop()
    else:
        loop.call_later(1, tick, n + 1)
loop.call_soon(tick, 1)
loop.run_forever()
print(loop.time(), loop.is_running())
loop.close()
",
        );
        assert_eq!(out, "tick 1 True\ntick 2 True\ntick 3 True\n2.0 False\n");
    }
}
