//! Deadlock reports: every task waits, and nothing (no callback, no timer) can wake one.
//!
//! The report names each waiting task, what it waits on and, for locks, who holds it.
//! The wait-for graph (task → the task it awaits, or the holder of the lock it wants) is
//! searched for a cycle, which the report prints as `Task-1 → Task-2 → Task-1`.

use crate::runtime::asyncio::future::{self, fut};
use crate::trace::describe::Names;
use crate::runtime::threads::{ProcessId, ThreadId};
use crate::trace::{ResourceId, TaskId, Wait};
use crate::vm::Vm;
use std::collections::HashMap;

/// Names as the runtime knows them: tasks from the loop, threads and processes from the
/// world, primitives from the registry.
struct RuntimeNames<'a> {
    vm: &'a Vm,
    tasks: &'a HashMap<TaskId, String>,
}

impl Names for RuntimeNames<'_> {
    fn task(&self, id: TaskId) -> String {
        if let Some(name) = self.tasks.get(&id) {
            return name.clone();
        }
        match self.vm.rt.world.threads.get(&ThreadId(id)) {
            Some(t) => t.name.to_string(),
            None => format!("task {id}"),
        }
    }

    fn resource(&self, id: ResourceId) -> String {
        crate::runtime::resources::resource_name(self.vm, id)
    }

    fn process(&self, id: u32) -> String {
        match self.vm.rt.world.processes.get(&ProcessId(id)) {
            Some(p) => p.name.to_string(),
            None => format!("process {id}"),
        }
    }
}

/// What a deadlocked task is doing: the shared wording, who holds its lock, why it is stuck.
fn describe(wait: &Wait, names: &RuntimeNames, holders: &HashMap<u32, TaskId>) -> String {
    let held_by = match wait {
        Wait::Lock { lock } => holders.get(lock).map(|h| format!(", held by {}", names.task(*h))).unwrap_or_default(),
        _ => String::new(),
    };
    format!("{}{held_by}{}", wait.describe(names), wait.why_never())
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
    let said = RuntimeNames { vm, tasks: &names };
    for (t, w) in &waits {
        out.push_str(&format!("  {} is {}\n", names[t], describe(w, &said, &holders)));
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
    // Every process has a MainThread: a child's threads are named with their process.
    let main_pid = w.processes.first().map(|(id, _)| *id);
    let name = |t: TaskId| {
        let th = w.thread(ThreadId(t));
        match Some(th.process) == main_pid {
            true => th.name.to_string(),
            false => format!("{} of {}", th.name, w.process(th.process).name),
        }
    };
    let lock_owner = |lock: &std::rc::Rc<crate::vm::value::Obj>| -> Option<TaskId> {
        crate::runtime::threads::sync::as_thread_lock(lock).and_then(|l| l.owner.get()).map(|t| t.0)
    };
    let no_tasks = HashMap::new();
    let said = RuntimeNames { vm, tasks: &no_tasks };
    let mut out = String::from("Deadlock: every thread is blocked and nothing can wake any of them\n");
    let mut edges: HashMap<TaskId, TaskId> = HashMap::new();
    let mut blocked = Vec::new();
    for t in w.threads.values() {
        let ThreadState::Blocked(on) = &t.state else { continue };
        blocked.push(t.id.0);
        let reason = on.reason();
        let mut what = reason.describe(&said);
        match on {
            BlockOn::Lock { lock, .. } => {
                if let Some(o) = lock_owner(lock) {
                    edges.insert(t.id.0, o);
                    what.push_str(&format!(", held by {}", name(o)));
                }
            }
            BlockOn::Join { thread, .. } => {
                edges.insert(t.id.0, thread.0);
            }
            _ => {}
        }
        out.push_str(&format!("  {} is {}\n", name(t.id.0), what));
    }
    let cycle = find_cycle(&edges, blocked.into_iter());
    if !cycle.is_empty() {
        let mut names_in_cycle: Vec<String> = cycle.iter().map(|t| name(*t)).collect();
        names_in_cycle.push(name(cycle[0]));
        out.push_str(&format!("  wait-for cycle: {}\n", names_in_cycle.join(" → ")));
    }
    (out.trim_end().to_string(), cycle)
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    fn report(source: &str) -> String {
        let r = run(source, &RunOptions::default());
        match r.end {
            crate::trace::RunEnd::Deadlock { report, .. } => report,
            other => panic!("not a deadlock: {other:?}"),
        }
    }

    #[test]
    fn a_task_report_uses_the_shared_wording_and_says_why_it_is_stuck() {
        let text = report(
            "import asyncio
async def main():
    e = asyncio.Event()
    await e.wait()
asyncio.run(main())
",
        );
        assert!(text.contains("Task-1 is waiting for e to be set; no task will ever set it"), "{text}");
    }

    #[test]
    fn a_thread_report_names_the_holder_and_the_cycle() {
        let text = report(
            "import threading, time
a, b = threading.Lock(), threading.Lock()
def one():
    with a:
        time.sleep(0.1)
        with b: pass
def two():
    with b:
        time.sleep(0.1)
        with a: pass
ts = [threading.Thread(target=one), threading.Thread(target=two)]
for t in ts: t.start()
for t in ts: t.join()
",
        );
        assert!(text.contains("MainThread is joining Thread-1 (one)"), "{text}");
        assert!(text.contains("Thread-1 (one) is waiting for b, held by Thread-2 (two)"), "{text}");
        assert!(text.contains("Thread-2 (two) is waiting for a, held by Thread-1 (one)"), "{text}");
        assert!(text.contains("wait-for cycle: Thread-1 (one) → Thread-2 (two) → Thread-1 (one)"), "{text}");
    }
}
