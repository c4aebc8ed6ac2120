//! Deadlock reports: every task waits, and nothing (no callback, no timer) can wake one.
//!
//! The report names each waiting task, what it waits on and, for locks, who holds it.
//! The wait-for graph (task → the task it awaits, or the holder of the lock it wants) is
//! searched for a cycle, which the report prints as `Task-1 → Task-2 → Task-1`.

use crate::runtime::asyncio::future::{self, fut};
use crate::trace::{TaskId, Wait};
use crate::vm::Vm;
use std::collections::HashMap;

fn describe(vm: &Vm, wait: &Wait, holders: &HashMap<u32, TaskId>, names: &HashMap<TaskId, String>) -> String {
    let res = |id: &u32| crate::runtime::resources::resource_name(vm, *id);
    let name = |t: &TaskId| names.get(t).cloned().unwrap_or_else(|| format!("task {t}"));
    match wait {
        Wait::Sleep { until } => format!("sleeping until {until:.3}"),
        Wait::Task { task } => format!("awaiting {}", name(task)),
        Wait::Future { what, .. } => format!("awaiting {what}, which nothing will complete"),
        Wait::Lock { lock } => match holders.get(lock) {
            Some(h) => format!("waiting for {}, held by {}", res(lock), name(h)),
            None => format!("waiting for {}", res(lock)),
        },
        Wait::Semaphore { semaphore } => format!("waiting for {} (no permits left)", res(semaphore)),
        Wait::Event { event } => format!("waiting for {}, which nobody sets", res(event)),
        Wait::Condition { condition } => format!("waiting on {}, which nobody notifies", res(condition)),
        Wait::QueueGet { queue } => format!("waiting to get from {}, which is empty", res(queue)),
        Wait::QueuePut { queue } => format!("waiting to put into {}, which is full", res(queue)),
        Wait::QueueJoin { queue } => format!("waiting for {} to be joined", res(queue)),
    }
}

/// The report text and the wait-for cycle (task ids), if there is one.
pub fn report(vm: &mut Vm) -> (String, Vec<TaskId>) {
    let Some(l) = vm.rt.event_loop.as_ref() else {
        return ("Deadlock: nothing can run".into(), vec![]);
    };
    let tasks: Vec<_> = l.tasks.iter().filter(|t| !fut(t).is_done()).cloned().collect();
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
        out.push_str(&format!("  {} is {}\n", names[t], describe(vm, w, &holders, &names)));
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

/// Every thread is blocked and no deadline can wake one.
pub fn thread_report(vm: &mut Vm) -> (String, Vec<TaskId>) {
    use crate::runtime::threads::{BlockOn, ThreadState};
    let w = &vm.rt.world;
    let name = |t: TaskId| w.thread(t).name.to_string();
    let lock_owner = |lock: &std::rc::Rc<crate::vm::value::Obj>| -> Option<TaskId> {
        crate::runtime::threads::sync::as_thread_lock(lock).and_then(|l| l.owner.get())
    };
    let mut out = String::from("Deadlock: every thread is blocked and nothing can wake any of them\n");
    let mut edges: HashMap<TaskId, TaskId> = HashMap::new();
    let mut blocked = Vec::new();
    for t in &w.threads {
        let ThreadState::Blocked(on) = &t.state else { continue };
        blocked.push(t.id);
        let what = match on {
            BlockOn::Lock { lock, .. } => match lock_owner(lock) {
                Some(o) => {
                    edges.insert(t.id, o);
                    format!("waiting for {}, held by {}", crate::runtime::resources::resource_name(vm, crate::runtime::threads::sync::lock_id(lock)), name(o))
                }
                None => format!("waiting for {}", crate::runtime::resources::resource_name(vm, crate::runtime::threads::sync::lock_id(lock))),
            },
            BlockOn::Join { thread, .. } => {
                edges.insert(t.id, *thread);
                format!("joining {}", name(*thread))
            }
            BlockOn::ProcessJoin { process, .. } => format!("joining process {}", w.process(*process).name),
            BlockOn::LoopSelect { .. } => "running an event loop with nothing to do".into(),
            BlockOn::MpQueue { put, .. } => if *put { "putting into a full queue".into() } else { "getting from an empty queue".into() },
            BlockOn::NonDaemonThreads => "exiting: waiting for non-daemon threads to finish".into(),
            BlockOn::Sleep { .. } => "sleeping".into(),
            BlockOn::Started { thread } => format!("starting {}", name(*thread)),
        };
        out.push_str(&format!("  {} is {}\n", name(t.id), what));
    }
    let cycle = find_cycle(&edges, blocked.into_iter());
    if !cycle.is_empty() {
        let mut names_in_cycle: Vec<String> = cycle.iter().map(|t| name(*t)).collect();
        names_in_cycle.push(name(cycle[0]));
        out.push_str(&format!("  wait-for cycle: {}\n", names_in_cycle.join(" → ")));
    }
    (out.trim_end().to_string(), cycle)
}
