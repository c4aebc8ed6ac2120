//! Deadlock reports: every task waits, and nothing (no callback, no timer) can wake one.
//!
//! The report names each waiting task, what it waits on and, for locks, who holds it.
//! The wait-for graph (task → the task it awaits, or the holder of the lock it wants) is
//! searched for a cycle, which the report prints as `Task-1 → Task-2 → Task-1`.

use crate::runtime::asyncio::future::{self, fut};
use crate::trace::{TaskId, Wait};
use crate::vm::Vm;
use std::collections::HashMap;

fn describe(wait: &Wait, holders: &HashMap<u32, TaskId>, names: &HashMap<TaskId, String>) -> String {
    let name = |t: &TaskId| names.get(t).cloned().unwrap_or_else(|| format!("task {t}"));
    match wait {
        Wait::Sleep { until } => format!("sleeping until {until:.3}"),
        Wait::Task { task } => format!("awaiting {}", name(task)),
        Wait::Future { what, .. } => format!("awaiting {what}, which nothing will complete"),
        Wait::Lock { lock } => match holders.get(lock) {
            Some(h) => format!("waiting for Lock #{lock}, held by {}", name(h)),
            None => format!("waiting for Lock #{lock}"),
        },
        Wait::Semaphore { semaphore } => format!("waiting for Semaphore #{semaphore} (no permits left)"),
        Wait::Event { event } => format!("waiting for Event #{event}, which nobody sets"),
        Wait::Condition { condition } => format!("waiting on Condition #{condition}, which nobody notifies"),
        Wait::QueueGet { queue } => format!("waiting to get from Queue #{queue}, which is empty"),
        Wait::QueuePut { queue } => format!("waiting to put into Queue #{queue}, which is full"),
        Wait::QueueJoin { queue } => format!("waiting for Queue #{queue} to be joined"),
    }
}

/// The report text and the wait-for cycle (task ids), if there is one.
pub fn report(vm: &mut Vm) -> (String, Vec<TaskId>) {
    let Some(l) = vm.rt.event_loop.as_ref() else {
        return ("Deadlock: nothing can run".into(), vec![]);
    };
    let tasks = l.tasks.clone();
    let mut names = HashMap::new();
    let mut waits: Vec<(TaskId, Wait)> = Vec::new();
    for t in &tasks {
        let Some(st) = &fut(t).task else { continue };
        let st = st.borrow();
        names.insert(st.id, st.name.to_string());
        if let Some(w) = &st.fut_waiter {
            waits.push((st.id, future::wait_of(w)));
        }
    }
    // Lock holders, from the locks the waiters want.
    let mut holders: HashMap<u32, TaskId> = HashMap::new();
    for t in &tasks {
        let Some(st) = &fut(t).task else { continue };
        let st = st.borrow();
        if let Some(Wait::Lock { lock }) = st.fut_waiter.as_ref().map(future::wait_of) {
            if let Some(h) = find_lock_holder(vm, lock) {
                holders.insert(lock, h);
            }
        }
    }
    let edges: HashMap<TaskId, TaskId> = waits
        .iter()
        .filter_map(|(t, w)| match w {
            Wait::Task { task } => Some((*t, *task)),
            Wait::Lock { lock } => holders.get(lock).map(|h| (*t, *h)),
            _ => None,
        })
        .collect();
    let cycle = find_cycle(&edges, waits.iter().map(|(t, _)| *t));
    let mut out = String::from("Deadlock: every task is waiting and nothing is scheduled to wake any of them\n");
    for (t, w) in &waits {
        out.push_str(&format!("  {} is {}\n", names[t], describe(w, &holders, &names)));
    }
    if !cycle.is_empty() {
        let mut names_in_cycle: Vec<String> = cycle.iter().map(|t| names[t].clone()).collect();
        names_in_cycle.push(names[&cycle[0]].clone());
        out.push_str(&format!("  wait-for cycle: {}\n", names_in_cycle.join(" → ")));
    }
    (out.trim_end().to_string(), cycle)
}

fn find_cycle(edges: &HashMap<TaskId, TaskId>, starts: impl Iterator<Item = TaskId>) -> Vec<TaskId> {
    for s in starts {
        let mut path = vec![s];
        let mut cur = s;
        while let Some(&next) = edges.get(&cur) {
            if let Some(i) = path.iter().position(|&p| p == next) {
                return path[i..].to_vec();
            }
            path.push(next);
            cur = next;
        }
    }
    Vec::new()
}

fn find_lock_holder(vm: &Vm, lock: u32) -> Option<TaskId> {
    vm.rt.lock_holders.get(&lock).copied()
}
