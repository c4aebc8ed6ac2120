//! Threads with a GIL, and processes on cores: the world's scheduler.
//!
//! **Cost model.** Every bytecode instruction costs `cpu_rate × vm::cost::weight(instr)`
//! seconds of virtual CPU time on the thread that runs it: `cpu_rate` (5 ns by default) is
//! the cost of the cheapest instructions, the weight says how many such units an instruction
//! kind costs in CPython 3.11 (a call 20, a `for` step 5, ...). The table was calibrated so a
//! CPU-bound program's virtual time is within 1.5× of its real time in CPython 3.11 on the
//! programs of `bench/calibration/` (`scripts/bench-engine --calibration`). Blocking calls (`time.sleep`, waiting for
//! a lock, a join, a queue) cost wall time but no CPU.
//!
//! **The GIL** (CPython 3.11, `Python/ceval_gil.c`). In each process one thread at a time
//! holds the GIL and runs bytecode. A thread that wants the GIL while another holds it
//! waits at most the switch interval (5 ms, `sys.getswitchinterval()`); then the holder is
//! asked to drop it and does so at its next instruction, and the waiter takes it. A thread
//! that blocks drops the GIL at once. When several threads wait, which one gets the GIL is
//! a scheduling choice: made by the `Policy` (first come first served by default, or a
//! seeded random choice), recorded in the trace so a run can be replayed from its choices.
//! Interleave checks for a switch before *every* instruction, so a thread can lose the GIL
//! between the read and the write of `counter += 1`: the lost-update race is reproducible.
//!
//! **Processes** each have their own globals, GIL and main thread, and run in parallel on
//! `cpu_count` simulated cores, each process on one core; processes sharing a core take
//! turns in 10 ms time slices. Each process keeps its own clock; the scheduler always
//! advances the process that is furthest behind, one slice at a time, so clocks never drift
//! more than a slice apart and cross-process messages arrive in time order.
//!
//! **The main thread** runs on the Rust stack of the caller (the program's module code, or
//! an event loop inside `asyncio.run`); every other thread is a fiber the scheduler resumes.
//! `schedule_until(main)` runs the others until the main thread may continue.

pub mod blocking;
pub mod explore;
pub mod local;
pub mod policy;
pub mod sync;
pub mod threading_module;

use crate::trace::{BlockReason, EventKind};
use crate::vm::frame::Fiber;
use crate::vm::value::{Obj, Resume, Value, Yielded};
use crate::vm::dispatch::Outcome;
use crate::vm::{Fail, LimitError, LimitKind, PyResult, Vm};
use indexmap::IndexMap;
use policy::Policy;
use std::collections::BTreeSet;
use std::rc::Rc;

/// A thread's id. Threads share the trace's id space with tasks (a thread is a lane of
/// the timeline like a task), so `ThreadId(n)` is recorded as the trace's `TaskId` `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThreadId(pub u32);
/// A process's id, as the trace numbers processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProcessId(pub u32);

/// Default CPU cost of one unit of `vm::cost::weight` (seconds): the cheapest instructions
/// (local loads, jumps, small-int arithmetic) take about 5 ns in CPython 3.11 here.
pub const DEFAULT_CPU_RATE: f64 = 5e-9;
/// `sys.getswitchinterval()`.
pub const SWITCH_INTERVAL: f64 = 0.005;
/// OS time slice for processes sharing a core.
pub const TIME_SLICE: f64 = 0.010;

/// What a blocked thread waits for.
#[derive(Clone)]
pub enum BlockOn {
    /// `time.sleep(d)`.
    Sleep {
        /// The deadline, in the process's virtual time.
        until: f64,
    },
    /// A `threading.Lock`/`RLock` (or multiprocessing lock) to be released.
    Lock {
        /// The lock.
        lock: Rc<Obj>,
        /// When `acquire(timeout=...)` gives up; None to wait forever.
        deadline: Option<f64>,
    },
    /// A thread to finish.
    Join {
        /// The thread joined.
        thread: ThreadId,
        /// When `join(timeout)` gives up; None to wait forever.
        deadline: Option<f64>,
    },
    /// A new thread to start running (`Thread.start()` waits for this).
    Started {
        /// The thread started.
        thread: ThreadId,
    },
    /// A process to finish.
    ProcessJoin {
        /// The process joined.
        process: ProcessId,
        /// When `join(timeout)` gives up; None to wait forever.
        deadline: Option<f64>,
    },
    /// The event loop's selector: a timer (at `deadline`) or a call from another thread.
    LoopSelect {
        /// The next timer's due time; None when no timer is pending.
        deadline: Option<f64>,
    },
    /// A multiprocessing queue to have an item (or free space).
    MpQueue {
        /// The queue.
        queue: Rc<Obj>,
        /// True for `put` (waits for space), false for `get` (waits for an item).
        put: bool,
        /// When the `timeout` runs out; None to wait forever.
        deadline: Option<f64>,
    },
    /// The interpreter's exit: every non-daemon thread of the process to finish.
    NonDaemonThreads,
}

impl BlockOn {
    fn deadline(&self) -> Option<f64> {
        match self {
            BlockOn::Sleep { until } => Some(*until),
            BlockOn::Lock { deadline, .. }
            | BlockOn::Join { deadline, .. }
            | BlockOn::ProcessJoin { deadline, .. }
            | BlockOn::LoopSelect { deadline }
            | BlockOn::MpQueue { deadline, .. } => *deadline,
            BlockOn::NonDaemonThreads | BlockOn::Started { .. } => None,
        }
    }
}

/// Where a thread is in its life.
#[derive(Clone)]
pub enum ThreadState {
    /// Wants the GIL since the given time.
    WantsGil(f64),
    /// Holds its process's GIL.
    Running,
    /// Blocked: it holds no GIL until what it waits for happens.
    Blocked(BlockOn),
    /// Finished.
    Done,
}

/// What to do with a finished thread's result (its return value, or its exception).
pub type OnDone = Box<dyn FnOnce(&mut Vm, Result<Value, Value>) -> PyResult<()>>;

/// A thread (`threading.Thread`, or a process's main thread).
pub struct Thread {
    /// Its id (a timeline lane).
    pub id: ThreadId,
    /// Its name (`Thread-1`, `MainThread`).
    pub name: Rc<str>,
    /// The process it runs in.
    pub process: ProcessId,
    /// A daemon thread: not waited for at exit.
    pub daemon: bool,
    /// The thread's frames; `None` for a thread whose continuation is on the Rust stack
    /// (the main thread) and while the scheduler is running it.
    pub fiber: Option<Fiber>,
    /// Where it is in its life.
    pub state: ThreadState,
    /// `threading.get_ident()`.
    pub ident: i64,
    /// Called with the result when the thread finishes (`asyncio.to_thread` completes
    /// its future with it).
    pub on_done: Option<OnDone>,
    /// CPU seconds used.
    pub cpu: f64,
}

/// A process: its own globals, its own GIL, on one simulated core.
pub struct Process {
    /// Its id.
    pub id: ProcessId,
    /// Its name (`MainProcess`, `Process-1`).
    pub name: Rc<str>,
    /// This process's virtual time.
    pub clock: f64,
    /// The thread holding the GIL.
    pub gil: Option<ThreadId>,
    /// The simulated core it runs on.
    pub core: usize,
    /// Its main thread.
    pub main_thread: ThreadId,
    /// `Process.exitcode`: None while it runs.
    pub exitcode: Option<i64>,
    /// Its copy of the program's module globals.
    pub globals: Rc<crate::vm::value::Module>,
}

/// Threads and processes, in tables owned by the run and looked up by id.
pub struct World {
    /// Every thread ever started, in creation order.
    pub threads: IndexMap<ThreadId, Thread>,
    /// The threads not yet done, in creation order (ids grow with creation): the scheduler
    /// looks only at these, so a run that has started and finished many threads pays nothing
    /// per tick for the finished ones.
    pub live: BTreeSet<ThreadId>,
    /// Every process ever started, in creation order (the main process first).
    pub processes: IndexMap<ProcessId, Process>,
    /// The thread running now.
    pub current: ThreadId,
    /// When each core is free (the end of the last slice run on it).
    pub cores: Vec<f64>,
    /// Bytecode steps per virtual second of CPU.
    pub cpu_rate: f64,
    /// The running thread must yield when the clock reaches this.
    pub preempt_at: f64,
    /// How the scheduler picks the next thread to take a GIL.
    pub policy: Policy,
    /// Explore mode (`Policy::Explore`): the VM calls `explore::choice_point` before each
    /// instruction. A plain flag, because the dispatch loop tests it at every instruction.
    pub explore: bool,
    /// The next `threading.get_ident()` value.
    pub next_ident: i64,
    /// The counter behind default thread names (`Thread-N`).
    pub thread_counter: u32,
}

impl World {
    /// One main process with its main thread, on `cpu_count` cores.
    pub fn new(cpu_count: usize, cpu_rate: f64, policy: Policy) -> World {
        World {
            threads: IndexMap::new(),
            live: BTreeSet::new(),
            processes: IndexMap::new(),
            current: ThreadId(0),
            cores: vec![0.0; cpu_count.max(1)],
            cpu_rate,
            preempt_at: f64::INFINITY,
            explore: matches!(policy, Policy::Explore(_)),
            policy,
            next_ident: 140_000_000_000_000,
            thread_counter: 0,
        }
    }

    /// The thread `id`.
    pub fn thread(&self, id: ThreadId) -> &Thread {
        &self.threads[&id]
    }

    /// The thread `id`, mutably.
    pub fn thread_mut(&mut self, id: ThreadId) -> &mut Thread {
        self.threads.get_mut(&id).expect("thread")
    }

    /// The process `id`.
    pub fn process(&self, id: ProcessId) -> &Process {
        &self.processes[&id]
    }

    /// The process `id`, mutably.
    pub fn process_mut(&mut self, id: ProcessId) -> &mut Process {
        self.processes.get_mut(&id).expect("process")
    }

    /// More than one thread or process has ever existed (the scheduler has work).
    pub fn is_concurrent(&self) -> bool {
        self.threads.len() > 1
    }

    /// The process of the running thread.
    pub fn current_process(&self) -> ProcessId {
        self.thread(self.current).process
    }

    /// Add a thread to the table.
    pub fn add_thread(&mut self, thread: Thread) {
        if !matches!(thread.state, ThreadState::Done) {
            self.live.insert(thread.id);
        }
        self.threads.insert(thread.id, thread);
    }

    /// Thread `id` has finished: it leaves the scheduler's view.
    pub fn mark_done(&mut self, id: ThreadId) {
        self.thread_mut(id).state = ThreadState::Done;
        self.live.remove(&id);
    }

    /// The threads not yet done, in creation order.
    pub fn live_threads(&self) -> impl Iterator<Item = &Thread> {
        self.live.iter().map(|id| &self.threads[id])
    }

    /// Add a process to the table.
    pub fn add_process(&mut self, process: Process) {
        self.processes.insert(process.id, process);
    }
}

impl Vm {
    /// Create the main process and its main thread (at the start of a run).
    pub fn init_world(&mut self, cpu_count: usize, cpu_rate: f64, policy: Policy) {
        let mut w = World::new(cpu_count, cpu_rate, policy);
        let tid = ThreadId(self.rt.fresh_id());
        let pid = ProcessId(self.rt.fresh_id());
        w.add_process(Process {
            id: pid,
            name: "MainProcess".into(),
            clock: 0.0,
            gil: Some(tid),
            core: 0,
            main_thread: tid,
            exitcode: None,
            globals: self.main.clone(),
        });
        let ident = w.next_ident;
        w.next_ident += 4096;
        w.add_thread(Thread {
            id: tid,
            name: "MainThread".into(),
            process: pid,
            daemon: false,
            fiber: None,
            state: ThreadState::Running,
            ident,
            on_done: None,
            cpu: 0.0,
        });
        w.current = tid;
        self.rt.world = w;
    }

    /// The current thread blocks on `on` (called by a blocking native before it yields).
    pub fn set_blocked(&mut self, on: BlockOn) {
        let me = self.rt.world.current;
        if let Policy::Explore(h) = &self.rt.world.policy {
            explore::blocked(h, me, &on);
        }
        self.rt.world.thread_mut(me).state = ThreadState::Blocked(on);
        // A blocking call drops the GIL.
        let pid = self.rt.world.thread(me).process;
        release_gil(self, me, pid);
    }

    /// Block the current thread from Rust code that cannot suspend its caller (the main
    /// thread inside an event loop, or a call made from a builtin): run the other threads
    /// until this one may continue.
    pub fn block_here(&mut self, on: BlockOn) -> PyResult<()> {
        self.set_blocked(on);
        let me = self.rt.world.current;
        record_blocked_at(self, me, 0);
        schedule_until(self, me)
    }

    /// The current thread was preempted (its GIL time is up) in Rust code that cannot
    /// suspend: let the others run until it gets the GIL back.
    pub fn preempted_here(&mut self) -> PyResult<()> {
        let me = self.rt.world.current;
        preempt(self, me);
        schedule_until(self, me)
    }

    /// Run `fiber` (the current thread's) to a non-thread outcome, blocking in place on
    /// thread-level yields. Used by nested runners (event-loop task steps, sync calls)
    /// through the VM's `run_nested` hook.
    pub fn run_blocking(&mut self, fiber: &mut Fiber, input: Resume) -> Outcome {
        let mut out = self.run(fiber, input);
        loop {
            match out {
                Outcome::Yield(Yielded::Block) => {
                    let me = self.rt.world.current;
                    record_blocked(self, me, fiber);
                    if let Err(e) = schedule_until(self, me) {
                        return Outcome::Raise(e);
                    }
                }
                Outcome::Yield(Yielded::Preempt) => {
                    if let Err(e) = self.preempted_here() {
                        return Outcome::Raise(e);
                    }
                }
                other => return other,
            }
            out = self.run(fiber, Resume::Send(Value::None));
        }
    }
}

impl BlockOn {
    /// What the trace records for a thread blocked on this.
    pub fn reason(&self) -> BlockReason {
        match self {
            BlockOn::Sleep { until } => BlockReason::Sleep { until: *until },
            BlockOn::Lock { lock, .. } => BlockReason::Lock { lock: sync::lock_id(lock) },
            BlockOn::Join { thread, .. } => BlockReason::Join { thread: thread.0 },
            BlockOn::Started { thread } => BlockReason::Started { thread: thread.0 },
            BlockOn::ProcessJoin { process, .. } => BlockReason::ProcessJoin { process: process.0 },
            BlockOn::LoopSelect { .. } => BlockReason::EventLoop,
            BlockOn::MpQueue { queue, put: true, .. } => BlockReason::QueuePut { queue: crate::runtime::processes::queue_id(queue) },
            BlockOn::MpQueue { queue, put: false, .. } => BlockReason::QueueGet { queue: crate::runtime::processes::queue_id(queue) },
            BlockOn::NonDaemonThreads => BlockReason::NonDaemonThreads,
        }
    }
}

/// Record what thread `tid` blocked on, at the line its fiber stopped.
fn record_blocked(vm: &mut Vm, tid: ThreadId, fiber: &Fiber) {
    let line = fiber.user_frame().map(|f| f.line()).unwrap_or(0);
    record_blocked_at(vm, tid, line);
}

fn record_blocked_at(vm: &mut Vm, tid: ThreadId, line: u32) {
    if !vm.tracing() {
        return;
    }
    if let ThreadState::Blocked(on) = &vm.rt.world.thread(tid).state {
        let on = on.reason();
        vm.record(EventKind::ThreadBlocked { thread: tid.0, line, on });
    }
}

/// `me` loses the GIL at this instruction and waits to get it back.
fn preempt(vm: &mut Vm, me: ThreadId) {
    let now = vm.rt.now;
    let pid = vm.rt.world.thread(me).process;
    vm.rt.world.thread_mut(me).state = ThreadState::WantsGil(now);
    let p = vm.rt.world.process_mut(pid);
    if p.gil == Some(me) {
        p.gil = None;
    }
    vm.record(EventKind::GilReleased { thread: me.0, process: pid.0 });
}

/// Is the blocked thread's condition met at its process's time?
fn ready(vm: &Vm, t: &Thread, on: &BlockOn) -> bool {
    let now = vm.rt.world.process(t.process).clock;
    if let Some(d) = on.deadline() {
        if now >= d {
            return true;
        }
    }
    match on {
        BlockOn::Sleep { .. } => false,
        BlockOn::Lock { lock, .. } => !sync::is_locked_for(lock, t.id),
        BlockOn::Join { thread, .. } => matches!(vm.rt.world.thread(*thread).state, ThreadState::Done),
        BlockOn::Started { thread } => {
            let s = vm.rt.world.thread(*thread);
            s.cpu > 0.0 || !matches!(s.state, ThreadState::WantsGil(_))
        }
        BlockOn::ProcessJoin { process, .. } => vm.rt.world.process(*process).exitcode.is_some(),
        BlockOn::LoopSelect { .. } => vm.rt.event_loop.as_ref().map(|l| l.has_ready()).unwrap_or(true),
        BlockOn::MpQueue { queue, put, .. } => crate::runtime::processes::queue_ready(vm, queue, *put, now),
        BlockOn::NonDaemonThreads => {
            let w = &vm.rt.world;
            let threads_done = w
                .live_threads()
                .all(|o| o.id == t.id || o.process != t.process || o.daemon || matches!(o.state, ThreadState::Done));
            let children_done = w.processes.values().skip(1).all(|p| {
                p.exitcode.is_some() || vm.rt.daemon_processes.get(&p.id).copied().unwrap_or(false)
            });
            threads_done && children_done
        }
    }
}

/// Run the other threads and processes until `me` holds its GIL and is the thread to run.
pub fn schedule_until(vm: &mut Vm, me: ThreadId) -> PyResult<()> {
    // Save the running process's clock; from here on each process keeps its own.
    let cur_pid = vm.rt.world.current_process();
    vm.rt.world.process_mut(cur_pid).clock = vm.rt.now;
    loop {
        vm.tick()?;
        wake_ready(vm);
        assign_gils(vm)?;
        // A thread that just took the GIL may be what another waits for (`Thread.start()`).
        wake_ready(vm);
        let Some(pid) = next_process(vm) else {
            if advance_to_next_deadline(vm) {
                continue;
            }
            crate::runtime::processes::detached::check_over(vm, true)?;
            return Err(thread_deadlock(vm));
        };
        let holder = vm.rt.world.process(pid).gil.expect("holder");
        let start = {
            let p = vm.rt.world.process(pid);
            p.clock.max(vm.rt.world.cores[p.core])
        };
        vm.rt.world.process_mut(pid).clock = start;
        vm.rt.now = start;
        vm.rt.world.current = holder;
        vm.rt.world.preempt_at = preempt_time(vm, pid);
        if holder == me {
            return Ok(());
        }
        if vm.rt.world.thread(holder).fiber.is_none() {
            return Err(Fail::Limit(LimitError {
                kind: LimitKind::Steps,
                message: "Interleave cannot switch threads here: a thread blocked inside a callback \
                          called from a built-in function while the thread that must run next is \
                          suspended below it"
                    .into(),
            }));
        }
        run_thread_slice(vm, holder, pid)?;
        crate::runtime::processes::detached::check_over(vm, false)?;
    }
}

/// Run one thread of process `pid` until it blocks, is preempted, or finishes.
fn run_thread_slice(vm: &mut Vm, tid: ThreadId, pid: ProcessId) -> PyResult<()> {
    let mut fiber = vm.rt.world.thread_mut(tid).fiber.take().expect("fiber");
    let t0 = vm.rt.now;
    let out = vm.run(&mut fiber, Resume::Send(Value::None));
    let used = vm.rt.now - t0;
    {
        let t = vm.rt.world.thread_mut(tid);
        t.cpu += used;
        t.fiber = Some(fiber);
    }
    let core = vm.rt.world.process(pid).core;
    vm.rt.world.process_mut(pid).clock = vm.rt.now;
    vm.rt.world.cores[core] = vm.rt.now;
    match out {
        Outcome::Yield(Yielded::Block) => {
            if let Some(f) = vm.rt.world.thread(tid).fiber.as_ref() {
                let line = f.user_frame().map(|fr| fr.line()).unwrap_or(0);
                record_blocked_at(vm, tid, line);
            }
            release_gil(vm, tid, pid)
        }
        Outcome::Yield(Yielded::Preempt) => {
            // Either the GIL's switch interval (another thread waits) or the core's time
            // slice ended; only the first gives the GIL away.
            // In explore mode the thread may also have been switched at a choice point.
            let forced = match &vm.rt.world.policy {
                Policy::Explore(h) => h.lock().forced.is_some(),
                _ => false,
            };
            if forced || gil_waiter_due(vm, pid, tid) {
                preempt(vm, tid);
            }
        }
        Outcome::Yield(_) => {
            return Err(vm.exc("RuntimeError", "a thread awaited outside an event loop"));
        }
        Outcome::Return(v) => finish_thread(vm, tid, pid, Ok(v))?,
        Outcome::Raise(Fail::Exc(e)) => finish_thread(vm, tid, pid, Err(e))?,
        Outcome::Raise(limit) => return Err(limit),
    }
    Ok(())
}

fn release_gil(vm: &mut Vm, tid: ThreadId, pid: ProcessId) {
    let p = vm.rt.world.process_mut(pid);
    if p.gil == Some(tid) {
        p.gil = None;
        vm.record(EventKind::GilReleased { thread: tid.0, process: pid.0 });
    }
}

fn finish_thread(vm: &mut Vm, tid: ThreadId, pid: ProcessId, result: Result<Value, Value>) -> PyResult<()> {
    vm.rt.world.mark_done(tid);
    release_gil(vm, tid, pid);
    let ok = result.is_ok();
    if let Err(e) = &result {
        if !vm.is_instance_of(e, "SystemExit") {
            // threading.excepthook
            let name = vm.rt.world.thread(tid).name.clone();
            let tb = vm.display_traceback(e);
            vm.write_output(&format!("Exception in thread {name}:\n{tb}"), true);
        }
    }
    vm.record(EventKind::ThreadDone { thread: tid.0, ok });
    if let Some(on_done) = vm.rt.world.thread_mut(tid).on_done.take() {
        on_done(vm, result)?;
    }
    if vm.rt.world.process(pid).main_thread == tid {
        crate::runtime::processes::process_main_done(vm, pid, ok);
    }
    Ok(())
}

/// Mark blocked threads whose condition holds as wanting the GIL.
fn wake_ready(vm: &mut Vm) {
    let mut woken = Vec::new();
    for t in vm.rt.world.live_threads() {
        if let ThreadState::Blocked(on) = &t.state {
            if ready(vm, t, on) {
                woken.push((t.id, t.process));
            }
        }
    }
    for (tid, pid) in woken {
        let now = vm.rt.world.process(pid).clock;
        vm.rt.world.thread_mut(tid).state = ThreadState::WantsGil(now);
        vm.record(EventKind::ThreadReady { thread: tid.0 });
    }
}

/// Give each free GIL to one of the threads that want it (a scheduling choice).
fn assign_gils(vm: &mut Vm) -> PyResult<()> {
    // One pass over the live threads gathers each process's GIL waiters (a scan per process
    // would cost processes × threads per tick: a chain of 1,000 processes, each joining the
    // next, spent most of its time here).
    let mut waiting: IndexMap<ProcessId, Vec<(f64, ThreadId)>> = IndexMap::new();
    for t in vm.rt.world.live_threads() {
        if let ThreadState::WantsGil(since) = t.state {
            waiting.entry(t.process).or_default().push((since, t.id));
        }
    }
    // Processes in creation order, as the policy's choices were always asked in.
    waiting.sort_unstable_keys();
    for (pid, mut candidates) in waiting {
        let p = vm.rt.world.process(pid);
        if p.gil.is_some() || p.exitcode.is_some() {
            continue;
        }
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let options: Vec<ThreadId> = candidates.iter().map(|c| c.1).collect();
        let pick = match &vm.rt.world.policy {
            Policy::Explore(h) => explore::free_choice(&h.clone(), &options)?,
            _ if options.len() == 1 => 0,
            _ => vm.rt.world.policy.choose(options.len()),
        };
        let tid = options[pick];
        if options.len() > 1 {
            vm.record(EventKind::ScheduleChoice {
                options: options.iter().map(|t| t.0).collect(),
                chosen: pick as u32,
                preempted: None,
                shared: None,
            });
        }
        vm.rt.world.process_mut(pid).gil = Some(tid);
        vm.rt.world.thread_mut(tid).state = ThreadState::Running;
        // A thread taking the GIL starts no earlier than it asked for it.
        let since = candidates[pick].0;
        let p = vm.rt.world.process_mut(pid);
        if p.clock < since {
            p.clock = since;
        }
        vm.record(EventKind::GilAcquired { thread: tid.0, process: pid.0 });
    }
    Ok(())
}

/// The process to advance next: the one with a GIL holder that is furthest behind.
fn next_process(vm: &Vm) -> Option<ProcessId> {
    vm.rt
        .world
        .processes
        .values()
        .filter(|p| p.gil.is_some() && p.exitcode.is_none())
        .filter(|p| crate::runtime::processes::detached::may_run(vm, p.id))
        .min_by(|a, b| {
            let sa = a.clock.max(vm.rt.world.cores[a.core]);
            let sb = b.clock.max(vm.rt.world.cores[b.core]);
            // On a shared core, the process that has waited longest goes first.
            sa.total_cmp(&sb).then(a.clock.total_cmp(&b.clock)).then(a.id.cmp(&b.id))
        })
        .map(|p| p.id)
}

/// When the running thread of `pid` must stop: the GIL's switch interval after the
/// earliest other thread wants it (or wakes), or the end of the slice that keeps the
/// other busy processes in step.
fn preempt_time(vm: &Vm, pid: ProcessId) -> f64 {
    let w = &vm.rt.world;
    let holder = w.process(pid).gil;
    let mut at = f64::INFINITY;
    for t in w.live_threads().filter(|t| t.process == pid && Some(t.id) != holder) {
        match &t.state {
            ThreadState::WantsGil(since) => at = at.min(since + SWITCH_INTERVAL),
            ThreadState::Blocked(on) => {
                if let Some(d) = on.deadline() {
                    at = at.min(d + SWITCH_INTERVAL);
                }
            }
            _ => {}
        }
    }
    // Other processes with work: stay within a time slice of them.
    let others = w.processes.values().filter(|p| p.id != pid && p.exitcode.is_none() && p.gil.is_some());
    if let Some(min_other) = others.map(|p| p.clock.max(w.cores[p.core])).min_by(|a, b| a.total_cmp(b)) {
        let me = w.process(pid);
        at = at.min(min_other.max(me.clock) + TIME_SLICE);
    }
    at
}

/// Did the preemption come from a GIL waiter (rather than the end of a slice)?
fn gil_waiter_due(vm: &Vm, pid: ProcessId, holder: ThreadId) -> bool {
    let now = vm.rt.now;
    vm.rt.world.live_threads().any(|t| {
        t.process == pid
            && t.id != holder
            && match &t.state {
                ThreadState::WantsGil(since) => now >= since + SWITCH_INTERVAL - 1e-12,
                ThreadState::Blocked(on) => on.deadline().map(|d| now >= d + SWITCH_INTERVAL - 1e-12).unwrap_or(false),
                _ => false,
            }
    })
}

/// Nothing can run: move the clock of the process with the earliest deadline forward.
fn advance_to_next_deadline(vm: &mut Vm) -> bool {
    let mut best: Option<(f64, ProcessId)> = None;
    for t in vm.rt.world.live_threads() {
        if let ThreadState::Blocked(on) = &t.state {
            if let Some(d) = on.deadline() {
                if best.map(|b| d < b.0).unwrap_or(true) {
                    best = Some((d, t.process));
                }
            }
        }
    }
    match best {
        Some((d, pid)) => {
            let p = vm.rt.world.process_mut(pid);
            if p.clock < d {
                p.clock = d;
            }
            true
        }
        None => false,
    }
}

fn thread_deadlock(vm: &mut Vm) -> Fail {
    let (report, cycle) = crate::runtime::deadlock::thread_report(vm);
    Fail::Limit(LimitError { kind: LimitKind::Deadlock(cycle), message: report })
}
