//! Export a trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing).
//!
//! Each asyncio task is a thread of process 1; its states become complete ("X") slices:
//! running, ready, and waiting (named after what it waits on). Each Python thread is a
//! thread of its Python process (processes are Perfetto processes, named with their
//! core): "holds the GIL", "waits for the GIL", and slices named after what blocks it. Output lines,
//! cancellations and exceptions are instant ("i") events. Times are virtual microseconds.

use super::timeline::Timeline;
use super::{EventKind, TaskId, Trace};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The trace as a Chrome trace-event JSON document. Waits are named in the words of
/// [`super::describe`], with the names the [`Timeline`] gives tasks and resources.
pub fn export(trace: &Trace) -> String {
    let us = |t: f64| (t * 1e6).round();
    let names = Timeline::build(trace);
    let mut out: Vec<Value> = Vec::new();
    out.push(json!({"ph": "M", "pid": 1, "name": "process_name", "args": {"name": format!("Interleave: {}", trace.file)}}));
    // Open slice per task: (name, start time).
    let mut open: BTreeMap<TaskId, (String, f64)> = BTreeMap::new();
    // Python threads live in their process; tasks in pid 1.
    let mut pid_of: BTreeMap<TaskId, u32> = BTreeMap::new();
    let close = |out: &mut Vec<Value>, open: &mut BTreeMap<TaskId, (String, f64)>, pid_of: &BTreeMap<TaskId, u32>, task: TaskId, t: f64| {
        if let Some((name, start)) = open.remove(&task) {
            let pid = pid_of.get(&task).copied().unwrap_or(1);
            out.push(json!({"ph": "X", "pid": pid, "tid": task, "name": name, "ts": us(start), "dur": us(t) - us(start)}));
        }
    };
    for e in &trace.events {
        match &e.kind {
            EventKind::TaskCreated { task, name, .. } => {
                out.push(json!({"ph": "M", "pid": 1, "tid": task, "name": "thread_name", "args": {"name": name}}));
                open.insert(*task, ("ready".into(), e.t));
            }
            EventKind::TaskReady { task } => {
                close(&mut out, &mut open, &pid_of, *task, e.t);
                open.insert(*task, ("ready".into(), e.t));
            }
            EventKind::TaskRunning { task, line } => {
                close(&mut out, &mut open, &pid_of, *task, e.t);
                open.insert(*task, (format!("running (line {line})"), e.t));
            }
            EventKind::TaskWaiting { task, wait, .. } => {
                close(&mut out, &mut open, &pid_of, *task, e.t);
                open.insert(*task, (wait.describe(&names), e.t));
            }
            EventKind::TaskDone { task, .. } => close(&mut out, &mut open, &pid_of, *task, e.t),
            EventKind::ProcessCreated { process, name, core, .. } => {
                out.push(json!({"ph": "M", "pid": process, "name": "process_name", "args": {"name": format!("{name} (core {core})")}}));
            }
            EventKind::ThreadCreated { thread, name, process, .. } => {
                pid_of.insert(*thread, *process);
                out.push(json!({"ph": "M", "pid": process, "tid": thread, "name": "thread_name", "args": {"name": name}}));
                open.insert(*thread, ("waits for the GIL".into(), e.t));
            }
            EventKind::ThreadReady { thread } => {
                close(&mut out, &mut open, &pid_of, *thread, e.t);
                open.insert(*thread, ("waits for the GIL".into(), e.t));
            }
            EventKind::GilAcquired { thread, .. } => {
                close(&mut out, &mut open, &pid_of, *thread, e.t);
                open.insert(*thread, ("holds the GIL".into(), e.t));
            }
            EventKind::GilReleased { thread, .. } => {
                close(&mut out, &mut open, &pid_of, *thread, e.t);
                open.insert(*thread, ("waits for the GIL".into(), e.t));
            }
            EventKind::ThreadBlocked { thread, on, .. } => {
                close(&mut out, &mut open, &pid_of, *thread, e.t);
                open.insert(*thread, (on.describe(&names), e.t));
            }
            EventKind::ThreadDone { thread, .. } => close(&mut out, &mut open, &pid_of, *thread, e.t),
            EventKind::Output { task, text, .. } => out.push(json!({
                "ph": "i", "pid": task.and_then(|t| pid_of.get(&t).copied()).unwrap_or(1), "tid": task.unwrap_or(0),
                "s": "t", "name": format!("print: {text}"), "ts": us(e.t)
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
        close(&mut out, &mut open, &pid_of, t, end);
    }
    json!({"traceEvents": out, "displayTimeUnit": "ms"}).to_string()
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    #[test]
    fn threads_become_gil_slices_in_their_process() {
        let r = run(
            "import threading\ndef spin():\n    t = 0\n    for i in range(20000):\n        t += i\nts = [threading.Thread(target=spin) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\n",
            &RunOptions::default(),
        );
        assert_eq!(r.exit_code, 0);
        let json: serde_json::Value = serde_json::from_str(&super::export(&r.trace)).unwrap();
        let evs = json["traceEvents"].as_array().unwrap();
        let gil = evs.iter().filter(|e| e["ph"] == "X" && e["name"] == "holds the GIL").count();
        assert!(gil >= 4, "{gil} GIL slices");
        assert!(evs.iter().any(|e| e["name"] == "thread_name" && e["args"]["name"] == "Thread-1 (spin)"));
    }

    #[test]
    fn waits_are_named_in_the_shared_wording() {
        let r = run(
            "import threading, time\ndef nap(): time.sleep(0.0004)\nt = threading.Thread(target=nap)\nt.start()\nt.join()\n",
            &RunOptions::default(),
        );
        let json: serde_json::Value = serde_json::from_str(&super::export(&r.trace)).unwrap();
        let names: Vec<&str> = json["traceEvents"].as_array().unwrap().iter().filter(|e| e["ph"] == "X").filter_map(|e| e["name"].as_str()).collect();
        assert!(names.contains(&"joining Thread-1 (nap)"), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("sleeping in time.sleep until t = 0.000")), "{names:?}");
    }
}
