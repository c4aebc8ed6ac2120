//! The event loop, modelled on CPython's `base_events.BaseEventLoop`.
//!
//! `select_wait` then `run_ready` (driven by `loop_run`) are the only place callbacks
//! run, as in `_run_once`:
//! 1. cancelled timers at the head of the heap are dropped;
//! 2. if nothing is ready the clock jumps to the earliest timer (the virtual selector);
//! 3. every timer due before `now + clock_resolution` moves to the ready queue, ordered by
//!    (deadline, scheduling sequence), *after* the callbacks already queued;
//! 4. exactly the callbacks ready at that point run; what they schedule waits for the
//!    next iteration.
//! When nothing is ready and no timer is pending, every task is waiting forever: the run
//! stops with a deadlock report instead of hanging.

use super::future::{self, fut, Status};
use crate::trace::{EventKind, HandleId};
use crate::vm::native::{m, recv, NativeObject};
use crate::vm::value::{NativeFn, Obj, Value, Yielded};
use crate::vm::{Fail, LimitError, LimitKind, PyResult, Vm};
use std::cell::Cell;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

/// Timers closer than this to `now` are due (`time.get_clock_info('monotonic').resolution`).
pub const CLOCK_RESOLUTION: f64 = 1e-9;

/// Something the loop can call.
#[derive(Clone)]
pub enum Callback {
    /// `Task.__step(exc)`.
    Step {
        /// The task.
        task: Rc<Obj>,
        /// The exception to throw into its coroutine; None to send None.
        exc: Option<Value>,
    },
    /// `Task.__wakeup(fut)`: a done callback of the future the task awaits.
    Wakeup {
        /// The task to wake.
        task: Rc<Obj>,
    },
    /// A Python callable (args come with the handle).
    Python(Value),
    /// `futures._set_result_unless_cancelled(fut, value)` (the timer of `asyncio.sleep`).
    SetResultUnlessCancelled {
        /// The sleep's future.
        fut: Rc<Obj>,
        /// The result to set.
        value: Value,
    },
    /// `_run_until_complete_cb`: stop the loop.
    StopLoop,
    /// `gather`'s `_done_callback` for one child.
    GatherChild {
        /// The gather's outer future.
        outer: Rc<Obj>,
    },
    /// `call_soon_threadsafe(fut.set_result / set_exception)` from a worker thread.
    Complete {
        /// The future to complete.
        fut: Rc<Obj>,
        /// Its result, or the exception to set.
        result: Result<Value, Value>,
    },
}

impl Callback {
    /// Equality for `remove_done_callback`.
    pub fn same_as(&self, other: &Callback) -> bool {
        match (self, other) {
            (Callback::Python(a), Callback::Python(b)) => same_callable(a, b),
            (Callback::Wakeup { task: a }, Callback::Wakeup { task: b }) => Rc::ptr_eq(a, b),
            (Callback::GatherChild { outer: a }, Callback::GatherChild { outer: b }) => Rc::ptr_eq(a, b),
            (Callback::StopLoop, Callback::StopLoop) => true,
            _ => false,
        }
    }

    /// A short description for the trace.
    pub fn describe(&self, vm: &Vm) -> String {
        match self {
            Callback::Step { task, .. } | Callback::Wakeup { task } => {
                format!("step {}", super::task::name_of(task))
            }
            Callback::Python(f) => match f {
                Value::Obj(o) => match o.as_ref() {
                    Obj::Function(func) => format!("{}()", func.code.qualname),
                    Obj::Method(_, m) => match m.as_obj().map(|x| x.as_ref()) {
                        Some(Obj::Function(func)) => format!("{}()", func.code.qualname),
                        _ => "method()".into(),
                    },
                    Obj::Builtin(b) => format!("{}()", b.name),
                    _ => format!("{}()", vm.type_name(f)),
                },
                _ => "callback".into(),
            },
            Callback::SetResultUnlessCancelled { .. } => "sleep wake-up".into(),
            Callback::StopLoop => "stop loop".into(),
            Callback::GatherChild { .. } => "gather child done".into(),
            Callback::Complete { .. } => "thread result".into(),
        }
    }
}

/// Python callables compare like `==` on functions and bound methods.
fn same_callable(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => match (x.as_ref(), y.as_ref()) {
            (Obj::Method(r1, f1), Obj::Method(r2, f2)) => r1.is(r2) && f1.is(f2),
            _ => false,
        },
        _ => false,
    }
}

/// A scheduled callback (`events.Handle`).
pub struct Handle {
    /// Its id in the trace.
    pub id: HandleId,
    /// What it runs.
    pub callback: Callback,
    /// The arguments it is called with.
    pub args: Vec<Value>,
    /// Set by `Handle.cancel()`: a cancelled handle is skipped when its turn comes.
    pub cancelled: Rc<Cell<bool>>,
}

/// A timer (`events.TimerHandle`), ordered by (deadline, scheduling sequence).
struct Timer {
    when: f64,
    seq: u64,
    handle: Handle,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.when == o.when && self.seq == o.seq
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    // BinaryHeap is a max-heap: reverse for earliest-first.
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.when.total_cmp(&self.when).then(o.seq.cmp(&self.seq))
    }
}

/// One event loop's state. While the loop runs it sits in `Runtime::event_loop`; the
/// rest of the time it is parked in `loops::Loops` under its id.
pub struct EventLoop {
    /// The loop's id (`loops::LoopId`), shared with its Python object.
    pub id: super::loops::LoopId,
    /// `loop.close()` was called (`BaseEventLoop._closed`).
    pub closed: bool,
    /// `loop.set_exception_handler(handler)`; `None` means the default handler.
    pub exception_handler: Option<Value>,
    /// `loop.set_task_factory(factory)`: what `create_task` calls as `factory(loop, coro)`
    /// (`BaseEventLoop._task_factory`); `None` makes an `asyncio.Task`.
    pub task_factory: Option<Value>,
    /// Futures and tasks that finished with an exception the program still held a
    /// reference to: their "exception was never retrieved" is reported when the loop
    /// closes (see `exception_handler::report_unretrieved`).
    pub unretrieved: Vec<Rc<Obj>>,
    ready: VecDeque<Handle>,
    timers: BinaryHeap<Timer>,
    seq: u64,
    /// `loop.set_debug(enabled)` (`BaseEventLoop._debug`): debug mode reports each
    /// callback or task step that held the loop for `slow_callback_duration` or more.
    /// CPython's default reads PYTHONASYNCIODEBUG and `-X dev`; a program here has no
    /// environment, so a loop starts with debug off.
    pub debug: bool,
    /// `loop.slow_callback_duration` (seconds of the virtual clock; 0.1 by default).
    pub slow_callback_duration: f64,
    /// `loop.stop()` was called: the loop ends after this iteration (`_stopping`).
    pub stopping: bool,
    /// The task whose step is running.
    pub current_task: Option<Rc<Obj>>,
    /// Tasks in creation order (`all_tasks`): every task not yet done, and some that
    /// finished since the last pruning (`task_finished`).
    pub tasks: Vec<Rc<Obj>>,
    /// Tasks finished since `tasks` was last pruned.
    finished: usize,
    /// The loop object handed to Python (`get_running_loop()`).
    pub object: Value,
    /// Async generators first iterated while this loop ran (CPython's `_asyncgens`
    /// WeakSet, filled by the `firstiter` hook): `shutdown_asyncgens` closes those left.
    pub asyncgens: Vec<std::rc::Weak<Obj>>,
    /// `asyncgens` drops its dead entries when it grows to this length (then twice what
    /// is left): pruning at every new generator made N live ones cost O(N²).
    asyncgens_prune_at: usize,
    /// `run_once`'s list of the timers it fired, kept between calls: a fresh one grew
    /// (reallocated) at every iteration that fired thousands of timers, and each large
    /// reallocation made glibc consolidate every small block freed since, a cost that
    /// grew with the number of tasks.
    fired: Vec<HandleId>,
    /// How many callbacks of the running iteration's batch are left to run.
    batch_left: usize,
    /// A task step that suspended the loop's thread (see `task::SuspendedStep`).
    pub suspended: Option<super::task::SuspendedStep>,
}

impl EventLoop {
    /// A new loop (`new_event_loop()`), not running, not closed.
    pub fn new(id: super::loops::LoopId) -> EventLoop {
        EventLoop {
            id,
            closed: false,
            exception_handler: None,
            task_factory: None,
            unretrieved: Vec::new(),
            ready: VecDeque::new(),
            timers: BinaryHeap::new(),
            seq: 0,
            stopping: false,
            debug: false,
            slow_callback_duration: 0.1,
            current_task: None,
            tasks: Vec::new(),
            finished: 0,
            object: Value::native_obj(super::loop_object::LoopObject { id }),
            asyncgens: Vec::new(),
            asyncgens_prune_at: ASYNCGENS_MIN_PRUNE,
            fired: Vec::new(),
            batch_left: 0,
            suspended: None,
        }
    }
}

impl EventLoop {
    /// A task finished: drop the finished ones from `tasks` once they are half of it,
    /// so each finish costs constant time on average (removing each at once scans all
    /// tasks, quadratic for a program with many).
    pub fn task_finished(&mut self) {
        self.finished += 1;
        if self.finished * 2 >= self.tasks.len() {
            self.tasks.retain(|t| !fut(t).is_done());
            self.finished = 0;
        }
    }

    /// Are callbacks queued (so the selector returns at once)?
    pub fn has_ready(&self) -> bool {
        !self.ready.is_empty()
    }

    /// `loop.close()`'s clearing of the queues (`BaseEventLoop.close`): what was scheduled
    /// never runs.
    pub fn clear(&mut self) {
        self.ready.clear();
        self.timers.clear();
    }
}

/// The current thread's running loop.
pub(super) fn running(vm: &mut Vm) -> &mut EventLoop {
    vm.rt.event_loop.as_mut().expect("running event loop")
}

/// `loop.call_soon(callback, *args)`.
pub fn call_soon(vm: &mut Vm, callback: Callback, args: Vec<Value>) -> Rc<Cell<bool>> {
    call_soon_handle(vm, callback, args).1
}

/// `call_soon`, also returning the handle's id.
pub fn call_soon_handle(vm: &mut Vm, callback: Callback, args: Vec<Value>) -> (HandleId, Rc<Cell<bool>>) {
    let id = vm.rt.fresh_id();
    let cancelled = Rc::new(Cell::new(false));
    match &callback {
        Callback::Step { task, .. } | Callback::Wakeup { task } => {
            if let Some(t) = super::task::task_id(task) {
                vm.record(EventKind::TaskReady { task: t });
            }
        }
        other => {
            if vm.tracing() {
                let what = other.describe(vm);
                vm.record(EventKind::CallbackScheduled { handle: id, what });
            }
        }
    }
    let Some(l) = vm.rt.event_loop.as_mut() else { return (id, cancelled) };
    l.ready.push_back(Handle { id, callback, args, cancelled: cancelled.clone() });
    (id, cancelled)
}

/// `loop.call_at(when, callback, *args)`; returns the handle id and its cancel flag.
pub fn call_at(vm: &mut Vm, when: f64, callback: Callback, args: Vec<Value>) -> (HandleId, Rc<Cell<bool>>) {
    // A NaN deadline runs at once in CPython: `_run_once` stops popping timers at the
    // first `handle._when >= end_time`, which is false for NaN (`asyncio.sleep(nan)`
    // returns in the next iteration). Kept as NaN it would never compare due.
    let when = if when.is_nan() { vm.rt.now } else { when };
    let id = vm.rt.fresh_id();
    let cancelled = Rc::new(Cell::new(false));
    if vm.tracing() {
        let what = callback.describe(vm);
        vm.record(EventKind::TimerScheduled { handle: id, when, what });
    }
    if let Some(l) = vm.rt.event_loop.as_mut() {
        l.seq += 1;
        let seq = l.seq;
        l.timers.push(Timer { when, seq, handle: Handle { id, callback, args, cancelled: cancelled.clone() } });
    }
    (id, cancelled)
}

/// Did a deadlock happen? (Checked with the loop's queues; see `deadlock.rs`.)
fn deadlock(vm: &mut Vm) -> Fail {
    let (report, cycle) = crate::runtime::deadlock::report(vm);
    Fail::Limit(LimitError { kind: LimitKind::Deadlock(cycle), message: report })
}

fn other_threads_alive(vm: &Vm) -> bool {
    let me = vm.rt.world.current;
    vm.rt.world.live_threads().any(|t| t.id != me)
}

/// The first half of one iteration of the loop (`BaseEventLoop._run_once`), up to the
/// selector: cancelled timers at the head are dropped; when nothing is ready, what the
/// selector waits for. With other threads alive, the thread must block until the next
/// timer or until another thread calls `call_soon_threadsafe` (returned, for the caller
/// to block on); alone, the virtual selector sleeps exactly until the earliest deadline,
/// and with no deadline every task waits forever (a deadlock).
pub fn select_wait(vm: &mut Vm) -> PyResult<Option<crate::runtime::threads::BlockOn>> {
    vm.tick()?;
    {
        let l = running(vm);
        while l.timers.peek().map(|t| t.handle.cancelled.get()).unwrap_or(false) {
            l.timers.pop();
        }
    }
    let (has_ready, stopping, next_when) = {
        let l = running(vm);
        (!l.ready.is_empty(), l.stopping, l.timers.peek().map(|t| t.when))
    };
    if has_ready || stopping {
        return Ok(None);
    }
    if other_threads_alive(vm) {
        return Ok(Some(crate::runtime::threads::BlockOn::LoopSelect { deadline: next_when }));
    }
    match next_when {
        Some(when) => {
            if when > vm.rt.now {
                vm.rt.now = when;
            }
            Ok(None)
        }
        None => Err(deadlock(vm)),
    }
}

/// The second half of `_run_once`, after the selector: every timer due before
/// `now + clock_resolution` moves to the ready queue, then exactly the callbacks ready at
/// that point run (see `run_batch` for the Some it may return).
pub fn run_ready(vm: &mut Vm) -> PyResult<Option<Yielded>> {
    let end_time = vm.rt.now + CLOCK_RESOLUTION;
    let mut fired = std::mem::take(&mut running(vm).fired);
    {
        let l = running(vm);
        while l.timers.peek().map(|t| t.when < end_time).unwrap_or(false) {
            let t = l.timers.pop().expect("timer");
            if t.handle.cancelled.get() {
                continue;
            }
            fired.push(t.handle.id);
            l.ready.push_back(t.handle);
        }
    }
    for handle in fired.drain(..) {
        vm.record(EventKind::TimerFired { handle });
    }
    running(vm).fired = fired;
    let ntodo = running(vm).ready.len();
    running(vm).batch_left = ntodo;
    run_batch(vm)
}

/// Run the rest of the iteration's callbacks (those ready when it began). Some when a
/// task step suspended the thread (`task::SuspendedStep`): the thread yields that, and
/// `resume_batch` goes on when it runs again.
fn run_batch(vm: &mut Vm) -> PyResult<Option<Yielded>> {
    while running(vm).batch_left > 0 {
        running(vm).batch_left -= 1;
        let Some(h) = running(vm).ready.pop_front() else { break };
        if h.cancelled.get() {
            continue;
        }
        if running(vm).debug {
            run_handle_debug(vm, h)?;
        } else {
            run_handle(vm, h)?;
        }
        if let Some(s) = running(vm).suspended.as_ref() {
            return Ok(Some(s.yielded.clone()));
        }
    }
    running(vm).batch_left = 0;
    Ok(None)
}

/// The thread that suspended in a task step runs again: finish that step, then the rest
/// of the iteration's callbacks.
pub fn resume_batch(vm: &mut Vm) -> PyResult<Option<Yielded>> {
    if super::task::resume_suspended(vm)? {
        let y = running(vm).suspended.as_ref().map(|s| s.yielded.clone());
        return Ok(y);
    }
    run_batch(vm)
}

/// `_run_once` in debug mode: time the handle and, when the clock advanced by
/// `slow_callback_duration` or more while it ran (a blocking `time.sleep` in a
/// coroutine holds the loop), log `base_events.logger.warning('Executing %s took %.3f
/// seconds', _format_handle(handle), dt)` to stderr, as the `asyncio` logger does
/// with no logging configured (the last-resort handler prints the bare message). The
/// handle is formatted after it ran, as in CPython (a task that finished in the step
/// shows `finished`).
fn run_handle_debug(vm: &mut Vm, h: Handle) -> PyResult<()> {
    let what = match &h.callback {
        Callback::Step { task, .. } | Callback::Wakeup { task } => Some(Err(task.clone())),
        Callback::Python(f) => Some(Ok((f.clone(), h.args.clone()))),
        // The loop's own callbacks run no user code: the clock cannot move in them.
        _ => None,
    };
    let t0 = vm.rt.now;
    run_handle(vm, h)?;
    let dt = vm.rt.now - t0;
    let slow = vm.rt.event_loop.as_ref().map(|l| l.slow_callback_duration).unwrap_or(0.1);
    if dt >= slow {
        let shown = match what {
            Some(Err(task)) => Some(super::task::repr(vm, &task)?),
            Some(Ok((f, args))) => Some(super::reprs::handle_repr(vm, &f, &args)?),
            None => None,
        };
        if let Some(shown) = shown {
            vm.write_output(&format!("Executing {shown} took {dt:.3} seconds\n"), true);
        }
    }
    Ok(())
}

fn run_handle(vm: &mut Vm, h: Handle) -> PyResult<()> {
    match h.callback {
        Callback::Step { task, exc } => super::task::step(vm, task, exc),
        Callback::Wakeup { task } => super::task::wakeup(vm, task, &h.args[0]),
        Callback::Python(f) => {
            if vm.tracing() {
                let what = Callback::Python(f.clone()).describe(vm);
                vm.record(EventKind::CallbackRun { handle: h.id, what });
            }
            match vm.call_sync(&f, h.args) {
                Ok(_) => Ok(()),
                Err(Fail::Exc(e)) => {
                    // Handle._run: log and carry on, as call_exception_handler does.
                    let r = vm.repr(&f).unwrap_or_default();
                    let tb = vm.format_traceback(&e);
                    vm.write_output(&format!("Exception in callback {r}\n{tb}"), true);
                    Ok(())
                }
                Err(limit) => Err(limit),
            }
        }
        Callback::SetResultUnlessCancelled { fut: f, value } => {
            if !fut(&f).is_cancelled() && !fut(&f).is_done() {
                future::set_result(vm, &f, value)?;
            }
            Ok(())
        }
        Callback::StopLoop => {
            running(vm).stopping = true;
            Ok(())
        }
        Callback::GatherChild { outer } => super::gather::child_done(vm, &outer, &h.args[0]),
        Callback::Complete { fut: f, result } => {
            if !fut(&f).is_done() {
                match result {
                    Ok(v) => future::set_result(vm, &f, v)?,
                    Err(e) => future::set_exception(vm, &f, e)?,
                }
            }
            Ok(())
        }
    }
}

/// The `firstiter` hook asyncio installs (`sys.set_asyncgen_hooks`): remember an async
/// generator first iterated under the running loop.
pub fn remember_asyncgen(vm: &mut Vm, agen: &Rc<Obj>) {
    if let Some(l) = vm.rt.event_loop.as_mut() {
        if l.asyncgens.len() >= l.asyncgens_prune_at {
            // Amortized: each prune is paid for by the pushes since the last one, and the
            // list stays within twice the live generators (plus a few).
            l.asyncgens.retain(|w| w.strong_count() > 0);
            l.asyncgens_prune_at = (2 * l.asyncgens.len()).max(ASYNCGENS_MIN_PRUNE);
        }
        l.asyncgens.push(Rc::downgrade(agen));
    }
}

/// The shortest `asyncgens` list that is pruned.
const ASYNCGENS_MIN_PRUNE: usize = 64;

/// `asyncio.get_running_loop()`.
pub fn get_running_loop(vm: &mut Vm) -> PyResult<Value> {
    match &vm.rt.event_loop {
        Some(l) => Ok(l.object.clone()),
        None => Err(vm.exc("RuntimeError", "no running event loop")),
    }
}

/// A timer or callback handle returned to Python (`call_later(...)`): `cancel()`,
/// `cancelled()`, `when()`.
pub struct HandleObj {
    /// The handle's id in the trace.
    pub id: HandleId,
    /// Shared with the scheduled handle: set by `cancel()`.
    pub cancelled: Rc<Cell<bool>>,
    /// `when()`: the timer's due time; None for a `call_soon` handle.
    pub when: Option<f64>,
}

/// A Python handle object for a scheduled callback.
pub fn handle_value(id: HandleId, cancelled: Rc<Cell<bool>>, when: Option<f64>) -> Value {
    Value::native_obj(HandleObj { id, cancelled, when })
}

/// `asyncio.Handle` / `asyncio.TimerHandle` (`events.py`): `cancel()`, `cancelled()`,
/// and a timer's `when()`.
impl NativeObject for HandleObj {
    fn class_key(&self) -> &'static str {
        if self.when.is_some() {
            "asyncio.TimerHandle"
        } else {
            "asyncio.Handle"
        }
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        fn h(a: &crate::vm::value::Args) -> Rc<Obj> {
            recv(a)
        }
        Some(match name {
            "cancel" => m("cancel", |vm, a| {
                cancel_handle(vm, h(&a).native::<HandleObj>().expect("handle"));
                Ok(Value::None)
            }),
            "cancelled" => m("cancelled", |_vm, a| Ok(Value::Bool(h(&a).native::<HandleObj>().expect("handle").cancelled.get()))),
            "when" if self.when.is_some() => m("when", |_vm, a| {
                Ok(h(&a).native::<HandleObj>().and_then(|hd| hd.when).map(Value::Float).unwrap_or(Value::None))
            }),
            _ => return None,
        })
    }
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok(format!("<{} {}>", if self.when.is_some() { "TimerHandle" } else { "Handle" }, if self.cancelled.get() { "cancelled" } else { "pending" }))
    }
}

/// `handle.cancel()`.
pub fn cancel_handle(vm: &mut Vm, h: &HandleObj) {
    if !h.cancelled.get() {
        h.cancelled.set(true);
        if h.when.is_some() {
            vm.record(EventKind::TimerCancelled { handle: h.id });
        }
    }
}

/// Is the future pending (helper for primitives)?
pub fn pending(f: &Rc<Obj>) -> bool {
    fut(f).state.borrow().status == Status::Pending
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn due_timers_run_after_callbacks_already_queued() {
        let out = run_output(
            "import asyncio
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, 'timer')
    loop.call_soon(print, 'soon 1')
    loop.call_soon(print, 'soon 2')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
asyncio.run(main())
",
        );
        assert_eq!(out, "soon 1\nsoon 2\ntimer\n");
    }

    #[test]
    fn equal_deadlines_fire_in_scheduling_order() {
        let out = run_output(
            "import asyncio
async def main():
    loop = asyncio.get_running_loop()
    for n in 'abcde':
        loop.call_later(1, print, n)
    await asyncio.sleep(2)
asyncio.run(main())
",
        );
        assert_eq!(out, "a\nb\nc\nd\ne\n");
    }

    #[test]
    fn run_cancels_leftover_tasks_and_lets_cleanup_run() {
        let out = run_output(
            "import asyncio
async def forever(n):
    try:
        await asyncio.sleep(100)
    finally:
        print('cleanup', n)
async def main():
    asyncio.create_task(forever(1))
    asyncio.create_task(forever(2))
    await asyncio.sleep(0)
asyncio.run(main())
print('after')
",
        );
        assert_eq!(out, "cleanup 1\ncleanup 2\nafter\n");
    }
}
