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
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What a task is waiting for while suspended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum Wait {
    /// `asyncio.sleep(d)`: until the virtual time `until`.
    Sleep { until: f64 },
    /// Another task (awaiting it, or a `gather`/`wait` over tasks).
    Task { task: TaskId },
    /// A future no primitive owns (`loop.create_future()`, gather, shield...).
    Future { future: FutureId, what: String },
    Lock { lock: ResourceId },
    Semaphore { semaphore: ResourceId },
    Event { event: ResourceId },
    Condition { condition: ResourceId },
    QueueGet { queue: ResourceId },
    QueuePut { queue: ResourceId },
    QueueJoin { queue: ResourceId },
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
    Returned { value: String },
    Raised { exception: String },
    Cancelled,
}

/// The kinds of resources, for their lanes in the UI.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Lock,
    Semaphore,
    BoundedSemaphore,
    Event,
    Condition,
    Queue,
    PriorityQueue,
    LifoQueue,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// A task was created by `parent` (None for the main task) to run `coro`; `args` is the
    /// repr of the coroutine's first argument when it is a plain value (`'Task 1'`), else empty.
    TaskCreated {
        task: TaskId,
        name: String,
        parent: Option<TaskId>,
        coro: String,
        line: u32,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        args: String,
    },
    /// `task.set_name(name)` or `create_task(..., name=name)`: the program named the task.
    TaskRenamed { task: TaskId, name: String },
    /// The task's step was put on the ready queue.
    TaskReady { task: TaskId },
    /// The task started running a step, at this source line.
    TaskRunning { task: TaskId, line: u32 },
    /// The task's step ended with it suspended, waiting, at this line.
    TaskWaiting { task: TaskId, line: u32, wait: Wait },
    /// The task finished.
    TaskDone { task: TaskId, outcome: TaskOutcome },
    /// `task.cancel()` was called (by `by`, None from a callback).
    CancelRequested { task: TaskId, by: Option<TaskId> },
    /// A `CancelledError` was thrown into the task.
    CancelDelivered { task: TaskId, line: u32 },
    /// A callback was scheduled with `call_soon` (or a future's done callback).
    CallbackScheduled { handle: HandleId, what: String },
    /// A callback ran (outside any task).
    CallbackRun { handle: HandleId, what: String },
    /// A timer was scheduled to fire at `when`.
    TimerScheduled { handle: HandleId, when: f64, what: String },
    /// A timer fell due and its callback joined the ready queue.
    TimerFired { handle: HandleId },
    /// A timer was cancelled.
    TimerCancelled { handle: HandleId },
    /// A primitive was first stored into a variable or attribute: `name` is how the program
    /// calls it (`bathroom_key`, `self.lock`). `internal` when the store was in the runtime's
    /// own Python code (a `Pool`'s queues), not the program's.
    ResourceBound { resource: ResourceId, name: String, internal: bool },
    /// A semaphore's `release()` handed its permit straight to the waiter `to` (CPython 3.11's
    /// `_wake_up_next` decrements the counter for it): `value` is the counter afterwards.
    HandedOver { resource: ResourceId, to: TaskId, value: Option<i64> },
    /// A primitive was created.
    ResourceCreated { resource: ResourceId, kind: ResourceKind, name: String, capacity: Option<i64> },
    /// `acquire` found the lock (or semaphore permit) free and took it.
    Acquired { resource: ResourceId, task: Option<TaskId>, value: Option<i64> },
    /// A task started waiting on the resource.
    Blocked { resource: ResourceId, task: TaskId },
    /// A waiter stopped waiting without getting it (cancelled).
    GaveUp { resource: ResourceId, task: TaskId },
    /// The holder released it; `value` is a semaphore's counter afterwards.
    Released { resource: ResourceId, task: Option<TaskId>, value: Option<i64> },
    /// `Event.set()` / `Event.clear()`.
    EventSet { resource: ResourceId, waiters: u32 },
    EventCleared { resource: ResourceId },
    /// `Condition.notify(n)`.
    Notified { resource: ResourceId, woken: u32 },
    /// An item went into a queue; `size` is the queue's length afterwards.
    QueuePut { resource: ResourceId, task: Option<TaskId>, item: String, size: u32 },
    /// An item left a queue.
    QueueGot { resource: ResourceId, task: Option<TaskId>, item: String, size: u32 },
    /// A line of output, on `stream`.
    Output { task: Option<TaskId>, stream: Stream, text: String },
    /// An exception escaped a task or the program.
    Exception { task: Option<TaskId>, line: u32, text: String },
    /// `time.sleep(d)` blocked the whole thread (and the event loop with it).
    Blocking { task: Option<TaskId>, line: u32, seconds: f64 },
    /// A thread was created (ids share one space with tasks: both are lanes).
    ThreadCreated { thread: TaskId, name: String, process: u32, parent: Option<TaskId>, daemon: bool },
    /// A thread became able to run and now waits for its process's GIL.
    ThreadReady { thread: TaskId },
    /// A thread took the GIL: it runs from here.
    GilAcquired { thread: TaskId, process: u32 },
    /// A thread let go of the GIL (blocked, preempted after the switch interval, or done).
    GilReleased { thread: TaskId, process: u32 },
    /// A thread blocked (it holds no GIL while blocked); `on` says what it waits for.
    ThreadBlocked { thread: TaskId, line: u32, on: BlockReason },
    /// A thread finished; `ok` is false when an exception escaped it.
    ThreadDone { thread: TaskId, ok: bool },
    /// The scheduler chose `options[chosen]` to take a GIL (a replayable choice).
    ScheduleChoice { options: Vec<TaskId>, chosen: u32 },
    /// A process was started on a core, with its main thread.
    ProcessCreated { process: u32, name: String, core: u32, parent: Option<u32>, main_thread: TaskId },
    /// A process ended with an exit code.
    ProcessDone { process: u32, exitcode: i64 },
}

/// How the run ended.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEnd {
    Finished,
    Exception { text: String },
    Deadlock { report: String, cycle: Vec<TaskId> },
    Limit { message: String },
    CompileError { line: u32, col: u32, message: String },
}

/// Appends events; owned by the runtime.
#[derive(Debug, Default)]
pub struct Recorder {
    pub trace: Trace,
    /// Off: nothing is recorded (a command-line run that writes no trace).
    pub enabled: bool,
    /// Stop recording past this many events (the UI stays usable).
    pub max_events: usize,
    pub dropped: u64,
}

/// Version of the `Trace` structure written by this build.
///
/// - 1: the first format; a `thread_blocked` event's `on` was a sentence.
/// - 2: `on` is a [`BlockReason`] object (`{"reason": "sleep", "until": 1.0004}`).
pub const TRACE_VERSION: u32 = 2;

impl Recorder {
    pub fn new(file: &str) -> Recorder {
        Recorder {
            trace: Trace { version: TRACE_VERSION, file: file.to_string(), events: Vec::new(), end: None },
            enabled: true,
            max_events: 2_000_000,
            dropped: 0,
        }
    }

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
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

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
}
