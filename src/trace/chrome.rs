//! Export a trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing).
//!
//! Each task is a thread of process 1; its states become complete ("X") slices: running,
//! ready, and waiting (named after what it waits on). Output lines, cancellations and
//! timers are instant ("i") events. Times are virtual microseconds.

use super::{EventKind, TaskId, Trace, Wait};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn wait_name(w: &Wait) -> String {
    match w {
        Wait::Sleep { until } => format!("sleep until {until:.3}"),
        Wait::Task { task } => format!("await Task-{task}"),
        Wait::Future { what, .. } => format!("await {what}"),
        Wait::Lock { lock } => format!("wait lock #{lock}"),
        Wait::Semaphore { semaphore } => format!("wait semaphore #{semaphore}"),
        Wait::Event { event } => format!("wait event #{event}"),
        Wait::Condition { condition } => format!("wait condition #{condition}"),
        Wait::QueueGet { queue } => format!("get queue #{queue}"),
        Wait::QueuePut { queue } => format!("put queue #{queue}"),
        Wait::QueueJoin { queue } => format!("join queue #{queue}"),
    }
}

pub fn export(trace: &Trace) -> String {
    let us = |t: f64| (t * 1e6).round();
    let mut out: Vec<Value> = Vec::new();
    out.push(json!({"ph": "M", "pid": 1, "name": "process_name", "args": {"name": format!("Interleave: {}", trace.file)}}));
    // Open slice per task: (name, start time).
    let mut open: BTreeMap<TaskId, (String, f64)> = BTreeMap::new();
    let close = |out: &mut Vec<Value>, open: &mut BTreeMap<TaskId, (String, f64)>, task: TaskId, t: f64| {
        if let Some((name, start)) = open.remove(&task) {
            out.push(json!({"ph": "X", "pid": 1, "tid": task, "name": name, "ts": us(start), "dur": us(t) - us(start)}));
        }
    };
    for e in &trace.events {
        match &e.kind {
            EventKind::TaskCreated { task, name, .. } => {
                out.push(json!({"ph": "M", "pid": 1, "tid": task, "name": "thread_name", "args": {"name": name}}));
                open.insert(*task, ("ready".into(), e.t));
            }
            EventKind::TaskReady { task } => {
                close(&mut out, &mut open, *task, e.t);
                open.insert(*task, ("ready".into(), e.t));
            }
            EventKind::TaskRunning { task, line } => {
                close(&mut out, &mut open, *task, e.t);
                open.insert(*task, (format!("running (line {line})"), e.t));
            }
            EventKind::TaskWaiting { task, wait, .. } => {
                close(&mut out, &mut open, *task, e.t);
                open.insert(*task, (wait_name(wait), e.t));
            }
            EventKind::TaskDone { task, .. } => close(&mut out, &mut open, *task, e.t),
            EventKind::Output { task, text, .. } => out.push(json!({
                "ph": "i", "pid": 1, "tid": task.unwrap_or(0), "s": "t", "name": format!("print: {text}"), "ts": us(e.t)
            })),
            EventKind::CancelRequested { task, .. } => out.push(json!({
                "ph": "i", "pid": 1, "tid": task, "s": "t", "name": "cancel requested", "ts": us(e.t)
            })),
            EventKind::Exception { task, text, .. } => out.push(json!({
                "ph": "i", "pid": 1, "tid": task.unwrap_or(0), "s": "t", "name": format!("exception: {text}"), "ts": us(e.t)
            })),
            _ => {}
        }
    }
    let end = trace.events.last().map(|e| e.t).unwrap_or(0.0);
    let tasks: Vec<TaskId> = open.keys().copied().collect();
    for t in tasks {
        close(&mut out, &mut open, t, end);
    }
    json!({"traceEvents": out, "displayTimeUnit": "ms"}).to_string()
}
