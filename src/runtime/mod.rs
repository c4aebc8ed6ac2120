//! The simulated runtime: the virtual clock, program output, the trace recorder, the
//! asyncio event loop with its primitives (`asyncio/`), threads with the GIL (`threads/`),
//! processes on simulated cores (`processes/`) and the standard-library modules
//! (`stdlib/`). It installs itself into a VM once per run (`modules::install`): the
//! world, the VM's hooks, the native classes, and a lazy loader per module.
//!
//! Threads and processes never import asyncio: where they meet (`run_in_executor`), the
//! asyncio side hands the thread a closure to call when it finishes.
//!
//! Nothing here takes real time: the clock only moves when every task waits (to the
//! next timer) or when code blocks (`time.sleep`).

pub mod asyncio;
mod deadlock;
pub mod modules;
pub mod processes;
pub mod stdlib;
pub mod threads;
mod output;
pub mod resources;
pub mod values;
mod time;

use crate::trace::{EventKind, Recorder, TaskId};
use crate::vm::value::Value;
use crate::vm::Vm;
use asyncio::event_loop::EventLoop;
pub use modules::{install, run_prelude, Config};
pub use output::{Output, OutputLine, Stream};

/// All mutable runtime state of one run.
pub struct Runtime {
    /// Virtual seconds since the start of the run.
    pub now: f64,
    /// `sys.argv`: the program's file name, then its arguments (empty: `['prog.py']`).
    pub argv: Vec<String>,
    /// Output written so far, line by line.
    pub output: Output,
    /// The trace being recorded.
    pub recorder: Recorder,
    /// The running asyncio event loop, if any.
    pub event_loop: Option<EventLoop>,
    /// The event loops not running, and each thread's current loop (`get_event_loop`).
    pub loops: asyncio::loops::Loops,
    /// `Task-N` names come from one counter for the whole run, as in CPython.
    pub task_name_counter: u32,
    /// Trace ids for tasks, futures, resources and handles.
    pub next_id: u32,
    /// Which task holds each asyncio lock (for deadlock reports).
    pub lock_holders: std::collections::HashMap<u32, TaskId>,
    /// Threads and processes, and their scheduler.
    pub world: threads::World,
    /// The Python `Thread` object of each thread started with `threading.Thread`.
    pub thread_objects: std::collections::HashMap<threads::ThreadId, Value>,
    /// The (copied) `Process` object of each child process, and whether it is a daemon.
    pub process_objects: std::collections::HashMap<threads::ProcessId, Value>,
    /// Whether each child process is a daemon (terminated when its parent exits).
    pub daemon_processes: std::collections::HashMap<threads::ProcessId, bool>,
    /// The default executor's worker slots (busy or idle), and each worker's slot.
    pub executor_busy: Vec<bool>,
    /// The executor slot each worker thread occupies.
    pub executor_slots: std::collections::HashMap<threads::ThreadId, usize>,
    /// Display names of resources, and how many of each kind were made.
    pub resource_names: std::collections::HashMap<u32, String>,
    /// How many resources of each kind were made (for default names: `Lock #2`).
    pub resource_counts: std::collections::HashMap<&'static str, u32>,
    /// Resources already seen stored: true once stored by the program (named after that
    /// variable), false while only the runtime's own code has stored it.
    pub resource_bound: std::collections::HashMap<u32, bool>,
    /// The `random` module's generator (seeded with 0 unless the program seeds it).
    pub random: stdlib::random::Mt,
    /// What stands for the OS's entropy (`secrets`, `uuid.uuid4`): a generator of its own,
    /// so those draws repeat from run to run and leave `random`'s sequence as CPython's.
    pub system_random: stdlib::random::Mt,
    /// Child processes recorded for real mode, or the one child this run is for.
    pub forks: processes::detached::Forks,
    /// How much of the program's variables the trace has recorded (`values`).
    pub values: values::ValueLog,
    /// The running thread's current `contextvars.Context` (None: not made yet, or the
    /// program never imported `contextvars`); a running task step holds its task's.
    pub context: Option<Value>,
    /// The current context of each thread that is not the running one.
    pub thread_contexts: std::collections::HashMap<threads::ThreadId, Value>,
}

impl Runtime {
    /// The state at the start of a run: time 0, nothing recorded.
    pub fn new() -> Runtime {
        Runtime {
            now: 0.0,
            argv: Vec::new(),
            output: Output::default(),
            recorder: Recorder::new("prog.py"),
            event_loop: None,
            loops: Default::default(),
            task_name_counter: 0,
            next_id: 0,
            lock_holders: std::collections::HashMap::new(),
            world: threads::World::new(4, threads::DEFAULT_CPU_RATE, threads::policy::Policy::Fifo),
            thread_objects: std::collections::HashMap::new(),
            process_objects: std::collections::HashMap::new(),
            daemon_processes: std::collections::HashMap::new(),
            executor_busy: Vec::new(),
            executor_slots: std::collections::HashMap::new(),
            resource_names: std::collections::HashMap::new(),
            resource_counts: std::collections::HashMap::new(),
            resource_bound: std::collections::HashMap::new(),
            random: stdlib::random::Mt::from_words(vec![0]),
            system_random: stdlib::random::Mt::from_words(vec![0x5EC2E75]),
            forks: Default::default(),
            values: Default::default(),
            context: None,
            thread_contexts: std::collections::HashMap::new(),
        }
    }

    /// A new id, unique in this run (tasks, threads, processes, futures, handles and resources
    /// share the counter).
    pub fn fresh_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }


    /// The scheduler switches threads: each keeps its own running event loop and its own
    /// current `contextvars` context.
    pub fn switch_thread(&mut self, from: threads::ThreadId, to: threads::ThreadId) {
        if from == to {
            return;
        }
        asyncio::loops::switch_thread(self, from, to);
        // Each thread has its own current `contextvars` context (a new one starts empty).
        if let Some(c) = self.context.take() {
            self.thread_contexts.insert(from, c);
        }
        if !self.thread_contexts.is_empty() {
            self.context = self.thread_contexts.remove(&to);
        }
    }

    /// Is thread `tid`'s running event loop's ready queue non-empty (what wakes a thread
    /// blocked in its selector)? True when it runs none.
    pub fn thread_loop_has_ready(&self, tid: threads::ThreadId) -> bool {
        asyncio::loops::thread_loop_has_ready(self, tid)
    }

    /// The task whose step is running, or else the running thread when there are
    /// several (both are lanes of the timeline; their ids share one space).
    pub fn current_task_id(&self) -> Option<TaskId> {
        if let Some(t) = self.event_loop.as_ref().and_then(|l| l.current_task.as_ref()) {
            return asyncio::task::task_id(t);
        }
        if self.world.is_concurrent() {
            return Some(self.world.current.0);
        }
        None
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime::new()
    }
}

impl Vm {
    /// Is the trace being recorded? Check before building costly event payloads.
    #[inline]
    pub fn tracing(&self) -> bool {
        self.rt.recorder.enabled
    }

    /// Append an event to the trace at the current time and step.
    #[inline]
    pub fn record(&mut self, kind: EventKind) {
        if self.rt.recorder.enabled {
            self.record_traced(kind);
        }
    }

    /// [`Vm::record`] while tracing: the program's stores since the last event go in first
    /// (`values`). Apart, so that an untraced run's `record` stays one test.
    #[inline(never)]
    fn record_traced(&mut self, kind: EventKind) {
        let values = &self.rt.values;
        if !values.pending.is_empty() || !values.touched.is_empty() || !values.open.is_empty() {
            values::flush(self);
        }
        let (t, s) = (self.rt.now, self.steps);
        self.rt.recorder.record(t, s, kind);
    }

    /// Write program output (print), stamping each line with the virtual time.
    pub fn write_output(&mut self, text: &str, to_stderr: bool) {
        self.warn_never_awaited();
        let stream = if to_stderr { Stream::Stderr } else { Stream::Stdout };
        let now = self.rt.now;
        let task = self.rt.current_task_id();
        for line in self.rt.output.write(stream, text, now) {
            self.record(EventKind::Output { task, stream, text: line });
        }
        processes::detached::on_output(self);
    }

    /// `RuntimeWarning: coroutine 'f' was never awaited`, for coroutines dropped unrun.
    pub fn warn_never_awaited(&mut self) {
        for (name, site) in crate::vm::value::take_never_awaited() {
            // As warnings.showwarning prints it: `file:line: Category: message`, the
            // line's source, and the tracemalloc hint a coroutine source adds.
            let text = match site {
                Some((code, line)) => {
                    let src = self.sources.get(&code.filename).map(|s| s.line_text(line).trim().to_string()).unwrap_or_default();
                    format!(
                        "{}:{line}: RuntimeWarning: coroutine '{name}' was never awaited\n  {src}\nRuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
                        code.filename
                    )
                }
                None => format!("RuntimeWarning: coroutine '{name}' was never awaited\n"),
            };
            let now = self.rt.now;
            for line in self.rt.output.write(Stream::Stderr, &text, now) {
                let task = self.rt.current_task_id();
                self.record(EventKind::Output { task, stream: Stream::Stderr, text: line });
            }
        }
    }

    /// Whether `f` is `sys.stderr`.
    pub fn is_stderr(&self, f: &Value) -> bool {
        matches!(f.native::<output::StdStream>(), Some(output::StdStream(Stream::Stderr)))
    }

}

/// Run a program and return its unstamped standard output (for the runtime's unit tests).
#[cfg(test)]
pub(crate) fn run_output(src: &str) -> String {
    let r = crate::session::run(src, &crate::session::RunOptions::default());
    assert_eq!(r.exit_code, 0, "program failed:\n{}", r.stderr());
    r.stdout(false)
}
