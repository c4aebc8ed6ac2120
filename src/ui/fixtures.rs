//! Runs and real-mode records for the UI model's tests: a small recorded run (two tasks
//! contending for a lock) and the records of child processes.

use crate::protocol::{ChildLine, ChildRecord, ChildReport, Wire};
use crate::trace::{Event, EventKind, ResourceKind, RunEnd, TaskOutcome, Trace, Wait};
use crate::protocol::RunReply;

/// An event at virtual time `t`.
pub fn ev(t: f64, kind: EventKind) -> Event {
    Event { t, step: 0, kind }
}

/// Task-1 (main) starts Task-2 and Task-3; Task-2 holds the lock across a sleep while Task-3
/// waits for it, and both print.
pub fn lock_trace() -> Trace {
    use EventKind::*;
    let created = |task, name: &str, parent| TaskCreated { task, name: name.into(), parent, coro: "worker".into(), line: 3, args: String::new() };
    let events = vec![
        ev(0.0, ResourceCreated { resource: 1, kind: ResourceKind::Lock, name: "Lock #1".into(), capacity: None }),
        ev(0.0, created(1, "Task-1", None)),
        ev(0.0, TaskRunning { task: 1, line: 9 }),
        ev(0.0, created(2, "Task-2", Some(1))),
        ev(0.0, created(3, "Task-3", Some(1))),
        ev(0.0, TaskWaiting { task: 1, line: 10, wait: Wait::Future { future: 9, what: "gather".into() } }),
        ev(0.0, TaskRunning { task: 2, line: 4 }),
        ev(0.0, Acquired { resource: 1, task: Some(2), value: None }),
        ev(0.0, Output { task: Some(2), stream: crate::trace::Stream::Stdout, text: "<b>two</b> has it".into() }),
        ev(0.0, TaskWaiting { task: 2, line: 5, wait: Wait::Sleep { until: 1.0 } }),
        ev(0.0, TaskRunning { task: 3, line: 4 }),
        ev(0.0, Blocked { resource: 1, task: 3 }),
        ev(0.0, TaskWaiting { task: 3, line: 4, wait: Wait::Lock { lock: 1 } }),
        ev(1.0, TaskRunning { task: 2, line: 5 }),
        ev(1.0, Released { resource: 1, task: Some(2), value: None }),
        ev(1.0, TaskDone { task: 2, outcome: TaskOutcome::Returned { value: "None".into() } }),
        ev(1.0, TaskRunning { task: 3, line: 4 }),
        ev(1.0, Acquired { resource: 1, task: Some(3), value: None }),
        ev(1.0, Output { task: Some(3), stream: crate::trace::Stream::Stdout, text: "three has it".into() }),
        ev(1.0, TaskDone { task: 3, outcome: TaskOutcome::Returned { value: "None".into() } }),
        ev(1.0, TaskDone { task: 1, outcome: TaskOutcome::Returned { value: "None".into() } }),
    ];
    Trace { version: 1, file: "prog.py".into(), events, end: Some(RunEnd::Finished) }
}

/// The worker's reply to run `id`, with `trace` and nothing else.
pub fn reply(id: u32, trace: Trace) -> RunReply {
    let end = trace.end.clone().unwrap_or(RunEnd::Finished);
    RunReply {
        id,
        output: vec![],
        output_dropped: 0,
        trace,
        events_dropped: 0,
        end,
        exit_code: 0,
        error_text: String::new(),
        steps: 123,
        elapsed_ms: 1.0,
        children: vec![],
        child: None,
    }
}

/// Child `fork`'s record in the simulation: it ran from 0.01 s to 2 s and put `fork * 10`.
pub fn record(fork: u32, inbox: Result<Vec<Option<Wire>>, String>) -> ChildRecord {
    ChildRecord {
        fork,
        pid: fork + 1,
        name: format!("ForkPoolWorker-{fork}"),
        started: 0.01,
        ended: Some(2.0),
        cpu: 1.9,
        inbox,
        outbox: vec![format!("{}", fork * 10)],
    }
}

/// What child `fork` reported from a worker: `work_ms` of work, `outbox` put, one line printed.
pub fn report(fork: u32, work_ms: f64, outbox: &str) -> ChildReport {
    ChildReport {
        fork,
        name: format!("ForkPoolWorker-{fork}"),
        replay_ms: 2.0,
        work_ms,
        exitcode: Some(0),
        outbox: vec![outbox.into()],
        output: vec![ChildLine { ms: 1.0, stream: crate::trace::Stream::Stdout, text: "<b>hi</b>".into() }],
    }
}
