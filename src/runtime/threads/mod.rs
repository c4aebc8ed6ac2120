//! Threads with a GIL, and processes on cores: the world's scheduler.
//!
//! **Cost model.** Every bytecode instruction costs `cpu_rate × vm::cost::weight(instr)`
//! seconds of virtual CPU time on the thread that runs it: `cpu_rate` (5 ns by default) is
//! one cost unit, the weight says how many units an instruction kind costs in CPython 3.11
//! (a local load 0.4, a `for` step 2.5, a call 2.5 plus 2 for a Python frame, creating an
//! instance 15 more, ...), and built-ins charge per element. The table was calibrated so a
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
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// A thread's id. Threads share the trace's id space with tasks (a thread is a lane of
/// the timeline like a task), so `ThreadId(n)` is recorded as the trace's `TaskId` `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThreadId(pub u32);
/// A process's id, as the trace numbers processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProcessId(pub u32);

/// Default CPU cost of one unit of `vm::cost::weight` (seconds): about a small-int `+` in
/// CPython 3.11 here (a local load or a jump is 0.4 of it).
pub const DEFAULT_CPU_RATE: f64 = 5e-9;
/// `sys.getswitchinterval()` until the program sets it: CPython's 5 ms.
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
    /// Where it is in its life. Change it only through `World::set_state`, which keeps
    /// the scheduler's indexes in step.
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
    /// This process's virtual time. The scheduler moves it through `World::set_clock`, so
    /// that the deadlines of the process's blocked threads are looked at.
    pub clock: f64,
    /// The thread holding the GIL. Change it only through `World::set_gil`.
    pub gil: Option<ThreadId>,
    /// The simulated core it runs on.
    pub core: usize,
    /// Its main thread.
    pub main_thread: ThreadId,
    /// `Process.exitcode`: None while it runs. Set it through `World::set_exitcode`.
    pub exitcode: Option<i64>,
    /// Its copy of the program's module globals.
    pub globals: Rc<crate::vm::value::Module>,
    /// The process that started it (`os.getppid()`); None for the main process.
    pub parent: Option<ProcessId>,
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
    /// The line a thread blocks at when the code that blocked is not its own top frame
    /// (a task step of an event loop the thread runs): set on the way up, taken by the
    /// scheduler's record of the block.
    pub block_line: Option<u32>,
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
    /// How long a thread waiting for the GIL waits before it asks the holder to drop it
    /// (`sys.getswitchinterval()`, set by `sys.setswitchinterval`).
    pub switch_interval: f64,
    /// The next `threading.get_ident()` value.
    pub next_ident: i64,
    /// The counter behind default thread names (`Thread-N`).
    pub thread_counter: u32,
    /// Virtual CPU seconds charged so far, over every thread of every process (the VM
    /// adds each instruction's cost here as it moves the clock).
    pub cpu_total: f64,
    /// The fiber thread running a slice now, and `cpu_total` when the slice began.
    slice: Option<(ThreadId, f64)>,
    /// CPU seconds used by fiber threads in finished slices (every thread but the ones
    /// running on the Rust stack), in total and per process.
    fiber_cpu: f64,
    /// The same, per process.
    process_fiber_cpu: HashMap<ProcessId, f64>,
    /// The scheduler's indexes, so that a tick costs what it does, not what exists.
    index: Index,
}

/// A time as an ordered key (`f64::total_cmp`), for the index sets.
#[derive(Debug, Clone, Copy)]
struct Time(f64);

impl PartialEq for Time {
    fn eq(&self, other: &Time) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}
impl Eq for Time {}
impl PartialOrd for Time {
    fn partial_cmp(&self, other: &Time) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Time {
    fn cmp(&self, other: &Time) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// What can make a blocked thread's condition true, besides its deadline: the event that
/// wakes it (a lock released, a thread or process finished, a queue changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WaitKey {
    /// A `ThreadLock` (by resource id) was released.
    Lock(u32),
    /// A thread changed state (it took the GIL for the first time, or finished).
    Thread(ThreadId),
    /// A process exited.
    Process(ProcessId),
    /// A multiprocessing queue (by id) gained or lost an item.
    Queue(u32),
}

/// The scheduler's view of the threads, kept in step with their states, so that waking
/// threads, giving out GILs and picking the next process cost O(threads concerned) per
/// tick, not O(live threads): a blocked thread becomes runnable through an event (a
/// deadline reached, a `WaitKey` notified), as a waiter in CPython is woken by whoever
/// releases what it waits for.
#[derive(Default)]
struct Index {
    /// Each process's GIL waiters, by (since, id): the order the GIL is handed out in.
    wants: BTreeMap<ProcessId, BTreeSet<(Time, ThreadId)>>,
    /// Blocked threads with a deadline, all processes together (the earliest one is where
    /// the clock goes when nothing can run).
    deadlines: BTreeSet<(Time, ThreadId)>,
    /// The same, per process (a process's clock reaching one wakes the thread).
    proc_deadlines: BTreeMap<ProcessId, BTreeSet<(Time, ThreadId)>>,
    /// Blocked threads by the event that may wake them.
    watchers: HashMap<WaitKey, BTreeSet<ThreadId>>,
    /// Blocked threads whose condition is looked at on every tick: an event loop's selector
    /// (woken by `call_soon_threadsafe` from anywhere) and the interpreter's exit. Few.
    always: BTreeSet<ThreadId>,
    /// Blocked threads to look at on the next tick (notified, or just blocked).
    dirty: BTreeSet<ThreadId>,
    /// Processes whose clock moved since the last tick (their deadlines are due a look).
    touched: BTreeSet<ProcessId>,
    /// Processes whose GIL is held.
    holding: BTreeSet<ProcessId>,
    /// How many processes that have not exited run on each core.
    core_load: Vec<usize>,
}

impl BlockOn {
    /// The event that may end this wait (besides its deadline), if there is one.
    fn key(&self) -> Option<WaitKey> {
        match self {
            BlockOn::Sleep { .. } | BlockOn::LoopSelect { .. } | BlockOn::NonDaemonThreads => None,
            BlockOn::Lock { lock, .. } => Some(WaitKey::Lock(sync::lock_id(lock))),
            BlockOn::Join { thread, .. } | BlockOn::Started { thread } => Some(WaitKey::Thread(*thread)),
            BlockOn::ProcessJoin { process, .. } => Some(WaitKey::Process(*process)),
            BlockOn::MpQueue { queue, .. } => Some(WaitKey::Queue(crate::runtime::processes::queue_id(queue))),
        }
    }

    /// Looked at on every tick (see `Index::always`).
    fn polled(&self) -> bool {
        matches!(self, BlockOn::LoopSelect { .. } | BlockOn::NonDaemonThreads)
    }
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
            block_line: None,
            explore: matches!(policy, Policy::Explore(_)),
            policy,
            next_ident: 140_000_000_000_000,
            switch_interval: SWITCH_INTERVAL,
            thread_counter: 0,
            cpu_total: 0.0,
            slice: None,
            fiber_cpu: 0.0,
            process_fiber_cpu: HashMap::new(),
            index: Index { core_load: vec![0; cpu_count.max(1)], ..Index::default() },
        }
    }

    /// `time.thread_time()`: the CPU seconds the running thread has used. A fiber's are
    /// its finished slices plus the one under way; the thread on the Rust stack (the main
    /// thread) has used whatever no fiber used.
    pub fn thread_cpu(&self) -> f64 {
        match self.slice {
            Some((tid, c0)) if tid == self.current => self.thread(tid).cpu + (self.cpu_total - c0),
            _ => self.cpu_total - self.fiber_cpu,
        }
    }

    /// `time.process_time()`: the CPU seconds used by the threads of the running process
    /// (kept per process, so it costs O(1) however many threads ran).
    pub fn process_cpu(&self) -> f64 {
        let pid = self.current_process();
        let mut cpu = self.process_fiber_cpu.get(&pid).copied().unwrap_or(0.0);
        if let Some((tid, c0)) = self.slice {
            if self.thread(tid).process == pid {
                cpu += self.cpu_total - c0;
            }
        }
        // The main process's main thread runs on the Rust stack: its share is the rest.
        if self.processes.first().is_some_and(|(p, _)| *p == pid) {
            let in_slice = self.slice.map(|(_, c0)| self.cpu_total - c0).unwrap_or(0.0);
            cpu += self.cpu_total - self.fiber_cpu - in_slice;
        }
        cpu
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
        let (id, pid, state) = (thread.id, thread.process, thread.state.clone());
        self.threads.insert(id, thread);
        if !matches!(state, ThreadState::Done) {
            self.live.insert(id);
        }
        self.index_state(id, pid, &state);
    }

    /// Thread `id` has finished: it leaves the scheduler's view.
    pub fn mark_done(&mut self, id: ThreadId) {
        self.set_state(id, ThreadState::Done);
    }

    /// Move thread `id` to `state`, keeping the scheduler's indexes in step; whoever waits
    /// for this thread (to start, to finish) is looked at on the next tick.
    pub fn set_state(&mut self, id: ThreadId, state: ThreadState) {
        let t = self.threads.get_mut(&id).expect("thread");
        let pid = t.process;
        let old = std::mem::replace(&mut t.state, state.clone());
        self.unindex_state(id, pid, &old);
        self.index_state(id, pid, &state);
        if matches!(state, ThreadState::Done) {
            self.live.remove(&id);
        }
        self.notify(WaitKey::Thread(id));
    }

    fn index_state(&mut self, id: ThreadId, pid: ProcessId, state: &ThreadState) {
        let ix = &mut self.index;
        match state {
            ThreadState::WantsGil(since) => {
                ix.wants.entry(pid).or_default().insert((Time(*since), id));
            }
            ThreadState::Blocked(on) => {
                if let Some(d) = on.deadline() {
                    ix.deadlines.insert((Time(d), id));
                    ix.proc_deadlines.entry(pid).or_default().insert((Time(d), id));
                }
                if let Some(k) = on.key() {
                    ix.watchers.entry(k).or_default().insert(id);
                }
                if on.polled() {
                    ix.always.insert(id);
                }
                // Its condition may already hold (a deadline already past).
                ix.dirty.insert(id);
            }
            ThreadState::Running | ThreadState::Done => {}
        }
    }

    fn unindex_state(&mut self, id: ThreadId, pid: ProcessId, state: &ThreadState) {
        let ix = &mut self.index;
        match state {
            ThreadState::WantsGil(since) => {
                if let Some(set) = ix.wants.get_mut(&pid) {
                    set.remove(&(Time(*since), id));
                    if set.is_empty() {
                        ix.wants.remove(&pid);
                    }
                }
            }
            ThreadState::Blocked(on) => {
                if let Some(d) = on.deadline() {
                    ix.deadlines.remove(&(Time(d), id));
                    if let Some(set) = ix.proc_deadlines.get_mut(&pid) {
                        set.remove(&(Time(d), id));
                        if set.is_empty() {
                            ix.proc_deadlines.remove(&pid);
                        }
                    }
                }
                if let Some(k) = on.key() {
                    if let Some(set) = ix.watchers.get_mut(&k) {
                        set.remove(&id);
                        if set.is_empty() {
                            ix.watchers.remove(&k);
                        }
                    }
                }
                ix.always.remove(&id);
                ix.dirty.remove(&id);
            }
            ThreadState::Running | ThreadState::Done => {}
        }
    }

    /// Something blocked threads may wait for happened (`key`): look at them on the next
    /// tick. Costs O(threads waiting for it).
    pub fn notify(&mut self, key: WaitKey) {
        if let Some(set) = self.index.watchers.get(&key) {
            self.index.dirty.extend(set.iter().copied());
        }
    }

    /// Set process `pid`'s virtual time (its blocked threads' deadlines are looked at on
    /// the next tick).
    pub fn set_clock(&mut self, pid: ProcessId, clock: f64) {
        self.process_mut(pid).clock = clock;
        self.index.touched.insert(pid);
    }

    /// Give process `pid`'s GIL to `holder` (None: free it).
    pub fn set_gil(&mut self, pid: ProcessId, holder: Option<ThreadId>) {
        self.process_mut(pid).gil = holder;
        if holder.is_some() {
            self.index.holding.insert(pid);
        } else {
            self.index.holding.remove(&pid);
        }
    }

    /// Process `pid` exited with `code` (`Process.exitcode`): whoever joins it is looked at
    /// on the next tick, and its core has one process less.
    pub fn set_exitcode(&mut self, pid: ProcessId, code: i64) {
        let p = self.process_mut(pid);
        let first = p.exitcode.is_none();
        p.exitcode = Some(code);
        let core = p.core;
        if first {
            if let Some(n) = self.index.core_load.get_mut(core) {
                *n = n.saturating_sub(1);
            }
        }
        self.notify(WaitKey::Process(pid));
    }

    /// The core running the fewest processes that have not exited (the lowest first).
    pub fn least_busy_core(&self) -> usize {
        let load = &self.index.core_load;
        (0..load.len()).min_by_key(|c| load[*c]).unwrap_or(0)
    }

    /// The threads not yet done, in creation order.
    pub fn live_threads(&self) -> impl Iterator<Item = &Thread> {
        self.live.iter().map(|id| &self.threads[id])
    }

    /// Add a process to the table.
    pub fn add_process(&mut self, process: Process) {
        if process.gil.is_some() {
            self.index.holding.insert(process.id);
        }
        if process.exitcode.is_none() {
            if let Some(n) = self.index.core_load.get_mut(process.core) {
                *n += 1;
            }
        }
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
            parent: None,
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
        self.rt.world.set_state(me, ThreadState::Blocked(on));
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
        // Explore mode may have given the turn to another process: this one keeps its GIL.
        if !explore::other_process_goes(self) {
            preempt(self, me);
        }
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
    let inner = vm.rt.world.block_line.take();
    let line = inner.unwrap_or_else(|| fiber.user_frame().map(|f| f.line()).unwrap_or(0));
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
    vm.rt.world.set_state(me, ThreadState::WantsGil(now));
    if vm.rt.world.process(pid).gil == Some(me) {
        vm.rt.world.set_gil(pid, None);
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
        BlockOn::LoopSelect { .. } => vm.rt.thread_loop_has_ready(t.id),
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
    let now = vm.rt.now;
    vm.rt.world.set_clock(cur_pid, now);
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
        make_current(vm, holder, pid, start);
        if holder == me {
            return Ok(());
        }
        if vm.rt.world.thread(holder).fiber.is_none() {
            // The thread that should run is suspended below on the Rust stack (it called
            // what is running now: an event loop's task step in another thread, a
            // callback of a built-in). If `me` was only preempted, it keeps the GIL until
            // it blocks at its own top level, which unwinds to the thread below: the
            // switch comes later than in CPython, and nothing is lost.
            if defer_to(vm, me, holder) {
                return Ok(());
            }
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

/// `holder` got the GIL but cannot run (suspended below the running code); `me` was
/// preempted and can: give the GIL back to `me`, and let `holder` wait for it again. True
/// when done (`me` is the running thread again).
fn defer_to(vm: &mut Vm, me: ThreadId, holder: ThreadId) -> bool {
    let me_pid = vm.rt.world.thread(me).process;
    let holder_pid = vm.rt.world.thread(holder).process;
    let me_gil = vm.rt.world.process(me_pid).gil;
    let me_waits = matches!(vm.rt.world.thread(me).state, ThreadState::WantsGil(_));
    let can_run = me_gil == Some(me) || (me_waits && (me_gil.is_none() || me_gil == Some(holder)));
    if !can_run {
        return false;
    }
    let now = vm.rt.now;
    if me_gil != Some(me) {
        if holder_pid == me_pid {
            vm.rt.world.set_gil(me_pid, None);
            vm.rt.world.set_state(holder, ThreadState::WantsGil(now));
            vm.record(EventKind::GilReleased { thread: holder.0, process: me_pid.0 });
        }
        vm.rt.world.set_gil(me_pid, Some(me));
        vm.rt.world.set_state(me, ThreadState::Running);
        vm.record(EventKind::GilAcquired { thread: me.0, process: me_pid.0 });
    }
    let clock = vm.rt.world.process(me_pid).clock.max(now);
    make_current(vm, me, me_pid, clock);
    true
}

/// Thread `tid` of process `pid` runs next, from `clock`: the process's clock, the
/// thread's own running event loop and context, and when it must stop.
fn make_current(vm: &mut Vm, tid: ThreadId, pid: ProcessId, clock: f64) {
    vm.rt.world.set_clock(pid, clock);
    vm.rt.now = clock;
    let from = vm.rt.world.current;
    vm.rt.switch_thread(from, tid);
    vm.rt.world.current = tid;
    vm.rt.world.preempt_at = preempt_time(vm, pid);
}

/// Run one thread of process `pid` until it blocks, is preempted, or finishes.
fn run_thread_slice(vm: &mut Vm, tid: ThreadId, pid: ProcessId) -> PyResult<()> {
    let mut fiber = vm.rt.world.thread_mut(tid).fiber.take().expect("fiber");
    let c0 = vm.rt.world.cpu_total;
    let outer = vm.rt.world.slice.replace((tid, c0));
    let out = vm.run(&mut fiber, Resume::Send(Value::None));
    // CPU charged by the instructions it ran (not the clock: a slice may wait).
    let used = vm.rt.world.cpu_total - c0;
    {
        let w = &mut vm.rt.world;
        // A slice run inside another thread's slice is not that thread's CPU.
        w.slice = outer.map(|(t, c)| (t, c + used));
        w.fiber_cpu += used;
        *w.process_fiber_cpu.entry(pid).or_insert(0.0) += used;
        let t = w.thread_mut(tid);
        t.cpu += used;
        t.fiber = Some(fiber);
    }
    let core = vm.rt.world.process(pid).core;
    let now = vm.rt.now;
    vm.rt.world.set_clock(pid, now);
    vm.rt.world.cores[core] = now;
    match out {
        Outcome::Yield(Yielded::Block) => {
            let inner = vm.rt.world.block_line.take();
            if let Some(f) = vm.rt.world.thread(tid).fiber.as_ref() {
                let line = inner.unwrap_or_else(|| f.user_frame().map(|fr| fr.line()).unwrap_or(0));
                record_blocked_at(vm, tid, line);
            }
            release_gil(vm, tid, pid)
        }
        Outcome::Yield(Yielded::Preempt) => {
            // Either the GIL's switch interval (another thread waits) or the core's time
            // slice ended; only the first gives the GIL away.
            // In explore mode the thread may also have been switched at a choice point.
            let forced = match &vm.rt.world.policy {
                Policy::Explore(h) => h.lock().forced.is_some_and(|f| vm.rt.world.thread(f).process == pid),
                _ => false,
            };
            if forced || (!explore::other_process_goes(vm) && gil_waiter_due(vm, pid, tid)) {
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
    if vm.rt.world.process(pid).gil == Some(tid) {
        vm.rt.world.set_gil(pid, None);
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

/// Mark blocked threads whose condition holds as wanting the GIL. Only the threads an
/// event concerns are looked at: those notified or just blocked, those whose process's
/// clock reached their deadline, and the few polled ones (`Index::always`).
fn wake_ready(vm: &mut Vm) {
    let w = &mut vm.rt.world;
    let mut candidates = std::mem::take(&mut w.index.dirty);
    candidates.extend(w.index.always.iter().copied());
    for pid in std::mem::take(&mut w.index.touched) {
        let (Some(set), Some(p)) = (w.index.proc_deadlines.get(&pid), w.processes.get(&pid)) else { continue };
        let clock = p.clock;
        candidates.extend(set.iter().take_while(|(d, _)| d.0 <= clock).map(|(_, t)| *t));
    }
    // As CPython's waiters would all see the condition at once: decide first, then wake,
    // in creation order.
    let mut woken = Vec::new();
    for tid in candidates {
        let Some(t) = vm.rt.world.threads.get(&tid) else { continue };
        if let ThreadState::Blocked(on) = &t.state {
            if ready(vm, t, on) {
                woken.push((t.id, t.process));
            }
        }
    }
    #[cfg(debug_assertions)]
    check_no_missed_wakeup(vm, &woken);
    for (tid, pid) in woken {
        let now = vm.rt.world.process(pid).clock;
        vm.rt.world.set_state(tid, ThreadState::WantsGil(now));
        vm.record(EventKind::ThreadReady { thread: tid.0 });
    }
}

/// Debug builds compare the event-driven wake-ups with a scan of every live thread (for
/// small worlds, so the tests stay fast): a missed notification would change a schedule.
#[cfg(debug_assertions)]
fn check_no_missed_wakeup(vm: &Vm, woken: &[(ThreadId, ProcessId)]) {
    if vm.rt.world.live.len() > 64 {
        return;
    }
    let scanned: Vec<(ThreadId, ProcessId)> = vm
        .rt
        .world
        .live_threads()
        .filter(|t| matches!(&t.state, ThreadState::Blocked(on) if ready(vm, t, on)))
        .map(|t| (t.id, t.process))
        .collect();
    assert_eq!(scanned, woken, "a blocked thread became ready without an event (missed notify)");
}

/// Give each free GIL to one of the threads that want it (a scheduling choice).
fn assign_gils(vm: &mut Vm) -> PyResult<()> {
    // Processes in creation order, as the policy's choices were always asked in; only
    // those with GIL waiters.
    let pids: Vec<ProcessId> = vm.rt.world.index.wants.keys().copied().collect();
    for pid in pids {
        let p = vm.rt.world.process(pid);
        if p.gil.is_some() || p.exitcode.is_some() {
            continue;
        }
        // By (since, id): who asked first comes first.
        let candidates: Vec<(f64, ThreadId)> =
            vm.rt.world.index.wants[&pid].iter().map(|(since, t)| (since.0, *t)).collect();
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
        vm.rt.world.set_gil(pid, Some(tid));
        vm.rt.world.set_state(tid, ThreadState::Running);
        // A thread taking the GIL starts no earlier than it asked for it.
        let since = candidates[pick].0;
        if vm.rt.world.process(pid).clock < since {
            vm.rt.world.set_clock(pid, since);
        }
        vm.record(EventKind::GilAcquired { thread: tid.0, process: pid.0 });
    }
    Ok(())
}

/// The process to advance next: the one with a GIL holder that is furthest behind.
fn next_process(vm: &Vm) -> Option<ProcessId> {
    let w = &vm.rt.world;
    // Explore mode: a choice point gave the turn to this process.
    if let Some(pid) = explore::take_forced_process(vm) {
        let p = w.process(pid);
        if p.gil.is_some() && p.exitcode.is_none() && crate::runtime::processes::detached::may_run(vm, pid) {
            return Some(pid);
        }
    }
    w.index
        .holding
        .iter()
        .map(|id| w.process(*id))
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
    let mut at = earliest_gil_claim(w, pid).map(|t| t + w.switch_interval).unwrap_or(f64::INFINITY);
    // Other processes with work: stay within a time slice of them.
    let others = w
        .index
        .holding
        .iter()
        .map(|id| w.process(*id))
        .filter(|p| p.id != pid && p.exitcode.is_none() && p.gil.is_some());
    if let Some(min_other) = others.map(|p| p.clock.max(w.cores[p.core])).min_by(|a, b| a.total_cmp(b)) {
        let me = w.process(pid);
        at = at.min(min_other.max(me.clock) + TIME_SLICE);
    }
    at
}

/// The earliest time another thread of `pid` wants its GIL: when a waiter asked for it,
/// or when a blocked thread's deadline comes (the holder is neither).
fn earliest_gil_claim(w: &World, pid: ProcessId) -> Option<f64> {
    let wants = w.index.wants.get(&pid).and_then(|s| s.first()).map(|(t, _)| t.0);
    let deadline = w.index.proc_deadlines.get(&pid).and_then(|s| s.first()).map(|(t, _)| t.0);
    match (wants, deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Did the preemption come from a GIL waiter (rather than the end of a slice)?
fn gil_waiter_due(vm: &Vm, pid: ProcessId, _holder: ThreadId) -> bool {
    let now = vm.rt.now;
    let w = &vm.rt.world;
    earliest_gil_claim(w, pid).map(|t| now >= t + w.switch_interval - 1e-12).unwrap_or(false)
}

/// Nothing can run: move the clock of the process with the earliest deadline forward.
fn advance_to_next_deadline(vm: &mut Vm) -> bool {
    let w = &vm.rt.world;
    let Some((d, tid)) = w.index.deadlines.first().map(|(d, t)| (d.0, *t)) else { return false };
    let pid = w.thread(tid).process;
    let clock = w.process(pid).clock.max(d);
    vm.rt.world.set_clock(pid, clock);
    true
}

fn thread_deadlock(vm: &mut Vm) -> Fail {
    let (report, cycle) = crate::runtime::deadlock::thread_report(vm);
    Fail::Limit(LimitError { kind: LimitKind::Deadlock(cycle), message: report })
}
