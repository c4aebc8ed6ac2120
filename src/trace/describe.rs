#![warn(missing_docs)]
//! The one wording of what a task or thread waits for, shared by every place that says it:
//! the deadlock report, the narration under the timeline, the Chrome export and the UI's
//! state panel and tooltips.
//!
//! [`Wait::describe`] and [`BlockReason::describe`] give a phrase that follows "is":
//! `Task-3 is` *`waiting for Lock #1`*, `Thread-1 is` *`joining Thread-2`*. Callers add what
//! only they know (who holds the lock at that moment, why the wait can never end). Names of
//! tasks, threads, resources and processes come from a [`Names`]: the [`Timeline`] for what
//! reads a trace, the runtime's own tables for the deadlock report.
//!
//! [`Timeline`]: super::timeline::Timeline

use super::{BlockReason, ResourceId, TaskId, Wait};

/// Display names for the ids a wait mentions.
pub trait Names {
    /// A task's or thread's name (`Task-2`, `Thread-1 (worker)`): they share one id space.
    fn task(&self, id: TaskId) -> String;
    /// A primitive's name (`Lock #1`).
    fn resource(&self, id: ResourceId) -> String;
    /// A process's name (`Process-1`).
    fn process(&self, id: u32) -> String;
}

impl Wait {
    /// What a task waiting on this is doing, as a phrase after "is": `waiting for Lock #1`.
    pub fn describe(&self, names: &dyn Names) -> String {
        match self {
            Wait::Sleep { until } => format!("sleeping until t = {}", seconds(*until)),
            Wait::Task { task } => format!("waiting for {} to finish", names.task(*task)),
            Wait::Future { what, .. } if what == "gather" => "waiting for gather: all its tasks must finish".into(),
            Wait::Future { what, .. } => format!("waiting for {what}"),
            Wait::Lock { lock } => format!("waiting for {}", names.resource(*lock)),
            Wait::Semaphore { semaphore } => format!("waiting for a permit of {}", names.resource(*semaphore)),
            Wait::Event { event } => format!("waiting for {} to be set", names.resource(*event)),
            Wait::Condition { condition } => format!("waiting on {} until notified", names.resource(*condition)),
            Wait::QueueGet { queue } => format!("waiting for an item from {}", names.resource(*queue)),
            Wait::QueuePut { queue } => format!("waiting for room in {}", names.resource(*queue)),
            Wait::QueueJoin { queue } => format!("waiting until every item of {} is done", names.resource(*queue)),
        }
    }
}

impl Wait {
    /// Why this wait can never end once nothing else can run, said after it:
    /// `Task-3 is waiting for an item from queue` *`; no task will ever put one`*.
    pub fn why_never(&self) -> &'static str {
        match self {
            Wait::Future { .. } => ", which nothing will complete",
            Wait::Semaphore { .. } => "; no task will ever return a permit",
            Wait::Event { .. } => "; no task will ever set it",
            Wait::Condition { .. } => "; no task will ever notify it",
            Wait::QueueGet { .. } => "; no task will ever put one",
            Wait::QueuePut { .. } => "; no task will ever take one out",
            Wait::QueueJoin { .. } => "; no task will ever finish them",
            Wait::Sleep { .. } | Wait::Task { .. } | Wait::Lock { .. } => "",
        }
    }
}

impl BlockReason {
    /// What a thread blocked on this is doing, as a phrase after "is": `joining Thread-2`.
    pub fn describe(&self, names: &dyn Names) -> String {
        match self {
            BlockReason::Sleep { until } => format!("sleeping in time.sleep until t = {}", seconds(*until)),
            BlockReason::Lock { lock } => format!("waiting for {}", names.resource(*lock)),
            BlockReason::Join { thread } => format!("joining {}", names.task(*thread)),
            BlockReason::Started { thread } => format!("waiting for {} to start", names.task(*thread)),
            BlockReason::ProcessJoin { process } => format!("joining {}", names.process(*process)),
            BlockReason::EventLoop => "waiting in its event loop for a timer or another thread".into(),
            BlockReason::QueueGet { queue } => format!("waiting for an item from {}", names.resource(*queue)),
            BlockReason::QueuePut { queue } => format!("waiting for room in {}", names.resource(*queue)),
            BlockReason::NonDaemonThreads => "exiting: waiting for its non-daemon threads to finish".into(),
        }
    }
}

/// How a task is called on screen: the name the program gave it, or, when it gave none (the
/// runtime's `Task-N`), the coroutine and its first argument, `increase_counter('Task 1')`,
/// which is what the program's own output talks about.
pub fn task_label(name: &str, coro: &str, args: &str) -> String {
    let default_name = name.strip_prefix("Task-").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !default_name || coro.is_empty() || coro == "shutdown" {
        return name.to_string();
    }
    format!("{coro}({args})")
}

/// The label of every task of `trace` the program did not name: its call (`worker('a')`, see
/// [`task_label`]) when no other task of the run has the same one, else its runtime name
/// (`Task-3`), so that two lanes never read alike.
pub fn task_labels(trace: &super::Trace) -> std::collections::HashMap<TaskId, String> {
    use super::EventKind;
    let mut calls: Vec<(TaskId, String, String)> = Vec::new();
    let mut count: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for e in &trace.events {
        if let EventKind::TaskCreated { task, name, coro, args, .. } = &e.kind {
            let label = task_label(name, coro, args);
            *count.entry(label.clone()).or_default() += 1;
            calls.push((*task, name.clone(), label));
        }
    }
    calls.into_iter().map(|(task, name, label)| (task, if count[&label] == 1 { label } else { name })).collect()
}

/// A virtual time for people: `1.5 s`, `2 s`, `0.0004 s`. Up to microseconds (the clock's
/// finest step), without trailing zeros, so float noise (`0.30000000000000004`) stays hidden
/// but a sub-millisecond deadline does not round away.
pub fn seconds(t: f64) -> String {
    let s = format!("{t:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" {
        "0 s".into()
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;

    impl Names for Fixed {
        fn task(&self, id: TaskId) -> String {
            format!("Task-{id}")
        }
        fn resource(&self, id: ResourceId) -> String {
            format!("Lock #{id}")
        }
        fn process(&self, id: u32) -> String {
            format!("Process-{id}")
        }
    }

    #[test]
    fn waits_read_as_phrases_after_is() {
        let said = |w: Wait| w.describe(&Fixed);
        assert_eq!(said(Wait::Sleep { until: 1.5 }), "sleeping until t = 1.5 s");
        assert_eq!(said(Wait::Task { task: 3 }), "waiting for Task-3 to finish");
        assert_eq!(said(Wait::Future { future: 1, what: "gather".into() }), "waiting for gather: all its tasks must finish");
        assert_eq!(said(Wait::Future { future: 1, what: "a future".into() }), "waiting for a future");
        assert_eq!(said(Wait::Lock { lock: 1 }), "waiting for Lock #1");
        assert_eq!(said(Wait::Semaphore { semaphore: 1 }), "waiting for a permit of Lock #1");
        assert_eq!(said(Wait::Event { event: 1 }), "waiting for Lock #1 to be set");
        assert_eq!(said(Wait::Condition { condition: 1 }), "waiting on Lock #1 until notified");
        assert_eq!(said(Wait::QueueGet { queue: 1 }), "waiting for an item from Lock #1");
        assert_eq!(said(Wait::QueuePut { queue: 1 }), "waiting for room in Lock #1");
        assert_eq!(said(Wait::QueueJoin { queue: 1 }), "waiting until every item of Lock #1 is done");
    }

    #[test]
    fn block_reasons_read_as_phrases_after_is() {
        let said = |b: BlockReason| b.describe(&Fixed);
        assert_eq!(said(BlockReason::Sleep { until: 0.0004 }), "sleeping in time.sleep until t = 0.0004 s");
        assert_eq!(said(BlockReason::Lock { lock: 2 }), "waiting for Lock #2");
        assert_eq!(said(BlockReason::Join { thread: 4 }), "joining Task-4");
        assert_eq!(said(BlockReason::Started { thread: 4 }), "waiting for Task-4 to start");
        assert_eq!(said(BlockReason::ProcessJoin { process: 2 }), "joining Process-2");
        assert_eq!(said(BlockReason::EventLoop), "waiting in its event loop for a timer or another thread");
        assert_eq!(said(BlockReason::QueueGet { queue: 5 }), "waiting for an item from Lock #5");
        assert_eq!(said(BlockReason::QueuePut { queue: 5 }), "waiting for room in Lock #5");
        assert_eq!(said(BlockReason::NonDaemonThreads), "exiting: waiting for its non-daemon threads to finish");
    }

    #[test]
    fn a_task_is_labelled_by_its_given_name_or_its_call() {
        assert_eq!(task_label("Task-2", "increase_counter", "'Task 1'"), "increase_counter('Task 1')");
        assert_eq!(task_label("Task-1", "main", ""), "main()");
        assert_eq!(task_label("alice", "worker", "1"), "alice");
        assert_eq!(task_label("Task-5", "shutdown", ""), "Task-5");
    }

    #[test]
    fn seconds_keep_microseconds_and_drop_float_noise() {
        assert_eq!(seconds(2.0), "2 s");
        assert_eq!(seconds(0.0004), "0.0004 s");
        assert_eq!(seconds(1.0015), "1.0015 s");
        assert_eq!(seconds(0.1 + 0.2), "0.3 s");
        assert_eq!(seconds(0.0), "0 s");
    }
}
