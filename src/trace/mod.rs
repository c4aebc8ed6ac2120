//! The trace: the public, serializable record of a run.
//!
//! Every run records a `Trace`. It is the only contract between the engine and the UI:
//! the timeline animates it, share links point into it (by step), and `chrome` exports it
//! for Perfetto. Events are appended in execution order; each carries the virtual time
//! and the step counter (bytecode instructions executed so far). From the events up to
//! any instant, `state::State::at` rebuilds the ready queue, the timers, every lock's
//! owner and waiters, every semaphore, event and queue.

pub mod chrome;
pub mod describe;
pub mod narrate;
pub mod state;
pub mod timeline;

use serde::{Deserialize, Serialize};

/// Identifies a lane of the timeline: a task or a thread (they share one id space).
pub type TaskId = u32;
/// Identifies a synchronization primitive (lock, semaphore, event, condition, queue).
pub type ResourceId = u32;
/// Identifies a future.
pub type FutureId = u32;
/// Identifies a scheduled callback or timer.
pub type HandleId = u32;

/// A recorded run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Trace {
    /// Format version of this structure.
    pub version: u32,
    /// The program's file name.
    pub file: String,
    /// Everything that happened, in execution order.
    pub events: Vec<Event>,
    /// How the run ended.
    pub end: Option<RunEnd>,
}

/// One thing that happened.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// Virtual time in seconds.
    pub t: f64,
    /// Bytecode instructions executed before this event.
    pub step: u64,
    /// What happened (flattened: its `type` tag sits beside `t` and `step`).
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What a task is waiting for while suspended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Wait {
    /// `asyncio.sleep(d)`: until the virtual time `until`.
    Sleep {
        /// The deadline, in virtual seconds.
        until: f64,
    },
    /// Another task (awaiting it, or a `gather`/`wait` over tasks).
    Task {
        /// The task awaited.
        task: TaskId,
    },
    /// A future no primitive owns (`loop.create_future()`, gather, shield...).
    Future {
        /// The future.
        future: FutureId,
        /// What the future stands for (`gather`, `shield`, `loop.create_future()`).
        what: String,
    },
    /// `Lock.acquire()`.
    Lock {
        /// The lock.
        lock: ResourceId,
    },
    /// `Semaphore.acquire()`.
    Semaphore {
        /// The semaphore.
        semaphore: ResourceId,
    },
    /// `Event.wait()`.
    Event {
        /// The event.
        event: ResourceId,
    },
    /// `Condition.wait()` (or its `wait_for`).
    Condition {
        /// The condition.
        condition: ResourceId,
    },
    /// `Queue.get()` on an empty queue.
    QueueGet {
        /// The queue.
        queue: ResourceId,
    },
    /// `Queue.put()` on a full queue.
    QueuePut {
        /// The queue.
        queue: ResourceId,
    },
    /// `Queue.join()`: until every item is marked done.
    QueueJoin {
        /// The queue.
        queue: ResourceId,
    },
}

/// What a blocked thread waits for (the trace's view of the runtime's `BlockOn`).
///
/// Serialized as an object tagged by `reason`: `{"reason": "sleep", "until": 1.0004}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum BlockReason {
    /// `time.sleep(d)`: until the virtual time `until` (full precision).
    Sleep {
        /// The deadline, in virtual seconds.
        until: f64,
    },
    /// A lock to be released: a `threading.Lock`/`RLock`, or the lock under a threading
    /// `Semaphore`, `Event`, `Condition` or `queue.Queue` (its `Blocked` event names which).
    Lock {
        /// The lock.
        lock: ResourceId,
    },
    /// `Thread.join()`: the thread to finish.
    Join {
        /// The thread joined.
        thread: TaskId,
    },
    /// `Thread.start()`: the new thread to begin running.
    Started {
        /// The thread started.
        thread: TaskId,
    },
    /// `Process.join()`: the process to exit.
    ProcessJoin {
        /// The process joined.
        process: u32,
    },
    /// An event loop run from a thread, in its selector: a timer or a call from another thread.
    EventLoop,
    /// `multiprocessing.Queue.get()` on an empty queue.
    QueueGet {
        /// The queue.
        queue: ResourceId,
    },
    /// `multiprocessing.Queue.put()` on a full queue.
    QueuePut {
        /// The queue.
        queue: ResourceId,
    },
    /// The interpreter's exit: every non-daemon thread of the process to finish.
    NonDaemonThreads,
}

/// Which stream a line of output went to. Serialized as `"stdout"` or `"stderr"`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// `sys.stdout` (`print`).
    Stdout,
    /// `sys.stderr` (tracebacks, warnings, `print(file=sys.stderr)`).
    Stderr,
}

/// How a task finished.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TaskOutcome {
    /// The coroutine returned.
    Returned {
        /// The repr of the return value.
        value: String,
    },
    /// An exception escaped the coroutine.
    Raised {
        /// The exception as `Type: message`.
        exception: String,
    },
    /// The task was cancelled (`CancelledError` escaped).
    Cancelled,
}

/// The kinds of resources, for their lanes in the UI.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// `asyncio.Lock` or `threading.Lock`/`RLock`.
    Lock,
    /// `Semaphore`.
    Semaphore,
    /// `BoundedSemaphore`.
    BoundedSemaphore,
    /// `Event`.
    Event,
    /// `Condition`.
    Condition,
    /// `Queue` (FIFO).
    Queue,
    /// `PriorityQueue` (smallest first).
    PriorityQueue,
    /// `LifoQueue` (last in, first out).
    LifoQueue,
}

/// What an event records. Serialized as an object tagged by `type`
/// (`{"type": "task_ready", "task": 2}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// A task was created by `parent` (None for the main task) to run `coro`; `args` is the
    /// repr of the coroutine's first argument when it is a plain value (`'Task 1'`), else empty.
    TaskCreated {
        /// The new task.
        task: TaskId,
        /// Its name (`Task-2`, or the `name=` given).
        name: String,
        /// The task that created it; None for the main task.
        parent: Option<TaskId>,
        /// The coroutine function's name.
        coro: String,
        /// The line that created it.
        line: u32,
        /// The repr of the coroutine's first argument when it is a plain value, else empty.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        args: String,
    },
    /// `task.set_name(name)` or `create_task(..., name=name)`: the program named the task.
    TaskRenamed {
        /// The task.
        task: TaskId,
        /// Its new name.
        name: String,
    },
    /// The task's step was put on the ready queue.
    TaskReady {
        /// The task.
        task: TaskId,
    },
    /// The task started running a step, at this source line.
    TaskRunning {
        /// The task.
        task: TaskId,
        /// The line it resumed at.
        line: u32,
    },
    /// The task's step ended with it suspended, waiting, at this line.
    TaskWaiting {
        /// The task.
        task: TaskId,
        /// The line it suspended at.
        line: u32,
        /// What it waits for.
        wait: Wait,
    },
    /// The task finished.
    TaskDone {
        /// The task.
        task: TaskId,
        /// How it finished.
        outcome: TaskOutcome,
    },
    /// `task.cancel()` was called (by `by`, None from a callback).
    CancelRequested {
        /// The task to cancel.
        task: TaskId,
        /// The task that called `cancel()`; None from a callback.
        by: Option<TaskId>,
    },
    /// A `CancelledError` was thrown into the task.
    CancelDelivered {
        /// The task cancelled.
        task: TaskId,
        /// The line it was suspended at.
        line: u32,
    },
    /// A callback was scheduled with `call_soon` (or a future's done callback).
    CallbackScheduled {
        /// The callback's handle.
        handle: HandleId,
        /// What the callback runs, for display (a function name or a handle's repr).
        what: String,
    },
    /// A callback ran (outside any task).
    CallbackRun {
        /// The callback's handle.
        handle: HandleId,
        /// What the callback runs, for display (a function name or a handle's repr).
        what: String,
    },
    /// A timer was scheduled to fire at `when`.
    TimerScheduled {
        /// The callback's handle.
        handle: HandleId,
        /// When it falls due, in virtual seconds.
        when: f64,
        /// What the callback runs, for display (a function name or a handle's repr).
        what: String,
    },
    /// A timer fell due and its callback joined the ready queue.
    TimerFired {
        /// The callback's handle.
        handle: HandleId,
    },
    /// A timer was cancelled.
    TimerCancelled {
        /// The callback's handle.
        handle: HandleId,
    },
    /// A primitive was first stored into a variable or attribute: `name` is how the program
    /// calls it (`bathroom_key`, `self.lock`). `internal` when the store was in the runtime's
    /// own Python code (a `Pool`'s queues), not the program's.
    ResourceBound {
        /// The primitive.
        resource: ResourceId,
        /// The variable or attribute (`bathroom_key`, `self.lock`).
        name: String,
        /// True when the store was in the runtime's own Python code.
        internal: bool,
    },
    /// A semaphore's `release()` handed its permit straight to the waiter `to` (CPython 3.11's
    /// `_wake_up_next` decrements the counter for it): `value` is the counter afterwards.
    HandedOver {
        /// The primitive.
        resource: ResourceId,
        /// The waiter that got the permit.
        to: TaskId,
        /// The counter afterwards.
        value: Option<i64>,
    },
    /// A primitive was created.
    ResourceCreated {
        /// The primitive.
        resource: ResourceId,
        /// Which primitive it is.
        kind: ResourceKind,
        /// Its default name, by kind and creation order (`Lock #1`), until a `ResourceBound` names
        /// it.
        name: String,
        /// A semaphore's initial value or a bounded queue's `maxsize`; None otherwise.
        capacity: Option<i64>,
    },
    /// `acquire` found the lock (or semaphore permit) free and took it.
    Acquired {
        /// The primitive.
        resource: ResourceId,
        /// The new holder; None outside any task.
        task: Option<TaskId>,
        /// A semaphore's counter afterwards; None for other primitives.
        value: Option<i64>,
    },
    /// A task started waiting on the resource.
    Blocked {
        /// The primitive.
        resource: ResourceId,
        /// The waiter.
        task: TaskId,
    },
    /// A waiter stopped waiting without getting it (cancelled).
    GaveUp {
        /// The primitive.
        resource: ResourceId,
        /// The waiter.
        task: TaskId,
    },
    /// The holder released it; `value` is a semaphore's counter afterwards.
    Released {
        /// The primitive.
        resource: ResourceId,
        /// The releaser; None outside any task.
        task: Option<TaskId>,
        /// A semaphore's counter afterwards; None for a lock.
        value: Option<i64>,
    },
    /// `Event.set()` / `Event.clear()`.
    EventSet {
        /// The primitive.
        resource: ResourceId,
        /// How many waiters it woke.
        waiters: u32,
    },
    /// `Event.clear()`.
    EventCleared {
        /// The primitive.
        resource: ResourceId,
    },
    /// `Condition.notify(n)`.
    Notified {
        /// The primitive.
        resource: ResourceId,
        /// How many waiters it woke.
        woken: u32,
    },
    /// An item went into a queue; `size` is the queue's length afterwards.
    QueuePut {
        /// The primitive.
        resource: ResourceId,
        /// The producer; None outside any task.
        task: Option<TaskId>,
        /// The item's repr.
        item: String,
        /// The queue's length afterwards.
        size: u32,
    },
    /// An item left a queue.
    QueueGot {
        /// The primitive.
        resource: ResourceId,
        /// The consumer; None outside any task.
        task: Option<TaskId>,
        /// The item's repr.
        item: String,
        /// The queue's length afterwards.
        size: u32,
    },
    /// A line of output, on `stream`.
    Output {
        /// The task or thread it happened in; None outside any (a callback, the loop itself).
        task: Option<TaskId>,
        /// Which stream.
        stream: Stream,
        /// The line, without its newline.
        text: String,
    },
    /// An exception escaped a task or the program.
    Exception {
        /// Where it escaped; None for the program.
        task: Option<TaskId>,
        /// The line that raised it.
        line: u32,
        /// Its last traceback line: `Type: message` (`ValueError: bad`).
        text: String,
    },
    /// `time.sleep(d)` blocked the whole thread (and the event loop with it).
    Blocking {
        /// The task that called it; None outside any.
        task: Option<TaskId>,
        /// The `time.sleep` line.
        line: u32,
        /// How long it slept.
        seconds: f64,
    },
    /// A thread was created (ids share one space with tasks: both are lanes).
    ThreadCreated {
        /// The new thread.
        thread: TaskId,
        /// Its name (`Thread-1`, `MainThread`).
        name: String,
        /// The process it belongs to.
        process: u32,
        /// The thread that created it; None for a main thread.
        parent: Option<TaskId>,
        /// Whether it is a daemon thread (not waited for at exit).
        daemon: bool,
    },
    /// A thread became able to run and now waits for its process's GIL.
    ThreadReady {
        /// The thread.
        thread: TaskId,
    },
    /// A thread took the GIL: it runs from here.
    GilAcquired {
        /// The thread.
        thread: TaskId,
        /// Whose GIL.
        process: u32,
    },
    /// A thread let go of the GIL (blocked, preempted after the switch interval, or done).
    GilReleased {
        /// The thread.
        thread: TaskId,
        /// Whose GIL.
        process: u32,
    },
    /// A thread blocked (it holds no GIL while blocked); `on` says what it waits for.
    ThreadBlocked {
        /// The thread.
        thread: TaskId,
        /// The line it blocked at.
        line: u32,
        /// What it waits for.
        on: BlockReason,
    },
    /// A thread finished; `ok` is false when an exception escaped it.
    ThreadDone {
        /// The thread.
        thread: TaskId,
        /// False when an exception escaped it.
        ok: bool,
    },
    /// The scheduler chose `options[chosen]` to take a GIL (a replayable choice).
    ScheduleChoice {
        /// The threads that could take it, in order.
        options: Vec<TaskId>,
        /// The index chosen in `options`.
        chosen: u32,
        /// A preemption (CHESS's sense): the thread set aside although it could have gone
        /// on (only explore-mode runs record one; None for a free choice, where the GIL
        /// was free because its holder blocked, finished or used up its interval).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        preempted: Option<TaskId>,
        /// The step on shared state the preempted thread was about to take.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shared: Option<SharedStep>,
    },
    /// A process was started on a core, with its main thread.
    ProcessCreated {
        /// The new process.
        process: u32,
        /// Its name (`Process-1`).
        name: String,
        /// The simulated core it runs on.
        core: u32,
        /// The process that started it; None for the main one.
        parent: Option<u32>,
        /// Its main thread.
        main_thread: TaskId,
    },
    /// A process ended with an exit code.
    ProcessDone {
        /// The process.
        process: u32,
        /// Its exit code (`Process.exitcode`).
        exitcode: i64,
    },
    /// The program stored a value in a variable (only the program's own code, only while
    /// tracing, up to [`MAX_VALUE_EVENTS`]). The first store of a call also records the
    /// call's parameters, as stores at the same line.
    ValueSet {
        /// A global, or a local of which call.
        scope: Scope,
        /// The variable.
        name: String,
        /// The value's repr, cut to [`MAX_REPR_CHARS`]; computed without running the
        /// program's code (an instance of a class of the program shows its attributes,
        /// `<Counter count=1>`, or `<Counter object>` before it has any).
        repr: String,
        /// The line of the store.
        line: u32,
        /// None when the variable was assigned; how the container it holds was changed in
        /// place otherwise (`xs.append(1)`, `heapq.heappush(h, 1)`: the variable still
        /// holds the same object). Traces written before it existed read as assignments.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        change: Option<Change>,
    },
    /// A call whose locals the trace showed returned or raised: its locals are gone. (A
    /// generator that yields leaves with `returned` false: its locals come back when it
    /// resumes.)
    FrameLeft {
        /// The task or thread it ran in.
        lane: Option<TaskId>,
        /// The call (as in [`Scope::Local`]).
        frame: u32,
        /// False when a generator yielded (its locals live on, out of the lane's stack).
        returned: bool,
    },
    /// Values stopped being recorded here: the run stored more than the trace keeps.
    ValuesCapped {
        /// How many value events were recorded.
        recorded: u64,
    },
}

impl EventKind {
    /// True for the events that record the program's variables (`ValueSet`, `FrameLeft`,
    /// `ValuesCapped`): they take no room on the timeline's axis.
    pub fn is_value(&self) -> bool {
        matches!(self, EventKind::ValueSet { .. } | EventKind::FrameLeft { .. } | EventKind::ValuesCapped { .. })
    }
}

/// How the container a variable holds was changed in place, for [`EventKind::ValueSet`]
/// (the last change before the event, when there were several).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// One of its methods ran (`xs.append(1)`, `d.update(a=1)`).
    Method {
        /// The method's name (`append`).
        name: String,
    },
    /// It was passed to a function, native or Python, that changed it
    /// (`heapq.heappush(h, 1)`, `random.shuffle(xs)`, `helper(xs)`).
    PassedTo {
        /// The function's name (`heappush`).
        function: String,
    },
    /// An item was stored into it (`xs[0] = 1`, `d['k'] = v`).
    ItemSet,
    /// An item was deleted from it (`del d['k']`).
    ItemDeleted,
    /// An attribute was stored into it (an instance of the program's class: `self.count = 1`,
    /// `c.count = 1`).
    AttrSet {
        /// The attribute (`count`).
        name: String,
    },
}

/// Whose variable a [`EventKind::ValueSet`] assigns.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// A module-level (global) name of the program, in one process (each has its own copy).
    Global {
        /// The process whose globals these are.
        process: u32,
        /// The task or thread that stored it; None outside any (module code, callbacks).
        lane: Option<TaskId>,
    },
    /// A local variable of one call of a function of the program.
    Local {
        /// The task or thread the call runs in; None outside any (module code, callbacks).
        lane: Option<TaskId>,
        /// Identifies the call (one number per call whose locals the trace shows).
        frame: u32,
        /// The function's name (`increase_counter`).
        function: String,
    },
}

/// How many value events (`ValueSet`, `FrameLeft`) a run records at most; past it, a
/// `ValuesCapped` event says values stop being recorded (the rest of the trace goes on).
pub const MAX_VALUE_EVENTS: u64 = 50_000;
/// How many bytes of names and reprs a run's value events hold at most.
pub const MAX_VALUE_BYTES: u64 = 2_000_000;
/// A recorded repr is cut to this many characters (the last one then being `…`).
pub const MAX_REPR_CHARS: usize = 80;

/// How the run ended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEnd {
    /// The program ran to its end.
    Finished,
    /// An exception escaped the program.
    Exception {
        /// Its last traceback line: `Type: message` (`ValueError: bad`).
        text: String,
    },
    /// Every lane waits and nothing can wake one.
    Deadlock {
        /// The explanation shown to the user.
        report: String,
        /// The wait-for cycle (lane ids), empty when the lanes wait in no cycle.
        cycle: Vec<TaskId>,
    },
    /// An engine limit stopped the run (steps, virtual time, events).
    Limit {
        /// Which limit, and advice.
        message: String,
    },
    /// The program did not compile.
    CompileError {
        /// The line (1-based).
        line: u32,
        /// The column (1-based).
        col: u32,
        /// CPython's message (`SyntaxError: ...`).
        message: String,
    },
}

/// A step on a variable other threads can see, as the explorer names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedStep {
    /// The variable as the program names it: `counter` (a global or closure variable),
    /// `.balance` (an attribute), `[]` (an item of a collection).
    pub var: String,
    /// It writes the variable (else it reads it).
    pub write: bool,
}

/// Appends events; owned by the runtime.
#[derive(Debug, Default)]
pub struct Recorder {
    /// The trace recorded so far.
    pub trace: Trace,
    /// Off: nothing is recorded (a command-line run that writes no trace).
    pub enabled: bool,
    /// Stop recording past this many events (the UI stays usable).
    pub max_events: usize,
    /// Events not recorded because `max_events` was reached.
    pub dropped: u64,
}

/// Version of the `Trace` structure written by this build.
///
/// - 1: the first format; a `thread_blocked` event's `on` was a sentence.
/// - 2: `on` is a [`BlockReason`] object (`{"reason": "sleep", "until": 1.0004}`).
/// - 3: the program's variables: `value_set`, `frame_left` and `values_capped` events (a
///   version 2 trace simply has none).
/// - 4: a `schedule_choice` of an explore-mode run says when it is a preemption
///   (`preempted`: the thread set aside) and what shared step that thread was about to
///   take (`shared`: `{"var": "counter", "write": true}`); both absent otherwise, so a
///   version 3 trace reads as one without preemptions.
pub const TRACE_VERSION: u32 = 4;

impl Recorder {
    /// An enabled recorder with an empty trace of `file`.
    pub fn new(file: &str) -> Recorder {
        Recorder {
            trace: Trace { version: TRACE_VERSION, file: file.to_string(), events: Vec::new(), end: None },
            enabled: true,
            max_events: 2_000_000,
            dropped: 0,
        }
    }

    /// Appends an event at virtual time `t` and step `step` (counts it in `dropped` past
    /// `max_events`; does nothing when disabled).
    pub fn record(&mut self, t: f64, step: u64, kind: EventKind) {
        if !self.enabled {
            return;
        }
        if self.trace.events.len() >= self.max_events {
            self.dropped += 1;
            return;
        }
        self.trace.events.push(Event { t, step, kind });
    }
}

impl Trace {
    /// The trace as JSON (the format the UI and `--trace` files read).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Parses a trace written by `to_json`.
    pub fn from_json(s: &str) -> Result<Trace, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_reasons_and_streams_serialize_as_documented() {
        let blocked = EventKind::ThreadBlocked { thread: 5, line: 2, on: BlockReason::Sleep { until: 0.0004 } };
        assert_eq!(serde_json::to_string(&blocked).unwrap(), r#"{"type":"thread_blocked","thread":5,"line":2,"on":{"reason":"sleep","until":0.0004}}"#);
        let exiting = EventKind::ThreadBlocked { thread: 3, line: 0, on: BlockReason::NonDaemonThreads };
        assert_eq!(serde_json::to_string(&exiting).unwrap(), r#"{"type":"thread_blocked","thread":3,"line":0,"on":{"reason":"non_daemon_threads"}}"#);
        let output = EventKind::Output { task: None, stream: Stream::Stderr, text: "x".into() };
        assert_eq!(serde_json::to_string(&output).unwrap(), r#"{"type":"output","task":null,"stream":"stderr","text":"x"}"#);
        let event = Event { t: 1.0, step: 3, kind: blocked };
        assert_eq!(serde_json::from_str::<Event>(&serde_json::to_string(&event).unwrap()).unwrap(), event);
    }

    #[test]
    fn values_serialize_as_documented_and_version_2_traces_still_decode() {
        let set = EventKind::ValueSet { scope: Scope::Local { lane: Some(6), frame: 1, function: "f".into() }, name: "temp".into(), repr: "0".into(), line: 7, change: None };
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"{"type":"value_set","scope":{"kind":"local","lane":6,"frame":1,"function":"f"},"name":"temp","repr":"0","line":7}"#
        );
        let global = EventKind::ValueSet { scope: Scope::Global { process: 2, lane: None }, name: "counter".into(), repr: "1".into(), line: 9, change: None };
        assert_eq!(serde_json::to_string(&global).unwrap(), r#"{"type":"value_set","scope":{"kind":"global","process":2,"lane":null},"name":"counter","repr":"1","line":9}"#);
        // An in-place change says how; a version 4 trace written before `change` existed
        // reads its stores as assignments.
        let pushed = EventKind::ValueSet {
            scope: Scope::Global { process: 2, lane: None },
            name: "h".into(),
            repr: "[1]".into(),
            line: 3,
            change: Some(Change::PassedTo { function: "heappush".into() }),
        };
        let json = r#"{"type":"value_set","scope":{"kind":"global","process":2,"lane":null},"name":"h","repr":"[1]","line":3,"change":{"kind":"passed_to","function":"heappush"}}"#;
        assert_eq!(serde_json::to_string(&pushed).unwrap(), json);
        let old = r#"{"type":"value_set","scope":{"kind":"global","process":2,"lane":null},"name":"counter","repr":"1","line":9}"#;
        assert_eq!(serde_json::from_str::<EventKind>(old).unwrap(), global);
        // A trace written before values existed (version 2) reads as one without any.
        let v2 = r#"{"version":2,"file":"prog.py","events":[{"t":0.0,"step":0,"type":"task_created","task":1,"name":"Task-1","parent":null,"coro":"main","line":3},{"t":0.0,"step":4,"type":"thread_blocked","thread":5,"line":2,"on":{"reason":"sleep","until":0.5}}],"end":{"kind":"finished"}}"#;
        let trace = Trace::from_json(v2).unwrap();
        assert_eq!(trace.version, 2);
        assert_eq!(trace.events.len(), 2);
        assert!(trace.events.iter().all(|e| !e.kind.is_value()));
        assert!(state::State::at(&trace, 2).values.globals.is_empty());
    }
}
