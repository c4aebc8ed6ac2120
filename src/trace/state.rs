//! The state of a run at any instant, rebuilt from the trace's events.
//!
//! `State::at(trace, n)` folds the first `n` events: which tasks exist and what each is
//! doing, the ready queue in order, pending timers, every lock's owner and waiters, every
//! semaphore's counter, event flags and queue contents. The UI calls it for the playhead.

use super::{EventKind, ResourceId, ResourceKind, TaskId, TaskOutcome, Trace, Wait};
use std::collections::{BTreeMap, VecDeque};

/// What a task is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskStatus {
    Ready,
    Running,
    Waiting(Wait),
    Done(TaskOutcome),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskView {
    pub id: TaskId,
    pub name: String,
    pub parent: Option<TaskId>,
    pub status: TaskStatus,
    pub line: u32,
}

/// A resource's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceView {
    pub id: ResourceId,
    pub kind: ResourceKind,
    pub name: String,
    /// Lock owner (locks), or the tasks holding permits (semaphores).
    pub holders: Vec<Option<TaskId>>,
    pub waiters: Vec<TaskId>,
    /// Semaphore counter.
    pub value: Option<i64>,
    /// Event flag.
    pub is_set: bool,
    /// Queue contents, oldest first.
    pub items: VecDeque<String>,
    pub capacity: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub time: f64,
    pub step: u64,
    pub tasks: BTreeMap<TaskId, TaskView>,
    /// Tasks whose next step is queued, in the order they will run.
    pub ready: Vec<TaskId>,
    /// Pending timers: handle → (when, what).
    pub timers: BTreeMap<u32, (f64, String)>,
    pub resources: BTreeMap<ResourceId, ResourceView>,
    /// Output printed so far.
    pub output: Vec<String>,
}

impl State {
    /// The state after the first `n` events.
    pub fn at(trace: &Trace, n: usize) -> State {
        let mut s = State::default();
        for e in trace.events.iter().take(n) {
            s.time = e.t;
            s.step = e.step;
            s.apply(&e.kind);
        }
        s
    }

    fn apply(&mut self, kind: &EventKind) {
        match kind {
            EventKind::TaskCreated { task, name, parent, line, .. } => {
                self.tasks.insert(
                    *task,
                    TaskView { id: *task, name: name.clone(), parent: *parent, status: TaskStatus::Ready, line: *line },
                );
            }
            EventKind::TaskReady { task } => {
                if !self.ready.contains(task) {
                    self.ready.push(*task);
                }
                self.set_status(*task, TaskStatus::Ready, None);
            }
            EventKind::TaskRunning { task, line } => {
                self.ready.retain(|t| t != task);
                self.set_status(*task, TaskStatus::Running, Some(*line));
            }
            EventKind::TaskWaiting { task, line, wait } => self.set_status(*task, TaskStatus::Waiting(wait.clone()), Some(*line)),
            EventKind::TaskDone { task, outcome } => {
                self.ready.retain(|t| t != task);
                self.set_status(*task, TaskStatus::Done(outcome.clone()), None);
            }
            EventKind::TimerScheduled { handle, when, what } => {
                self.timers.insert(*handle, (*when, what.clone()));
            }
            EventKind::TimerFired { handle } | EventKind::TimerCancelled { handle } => {
                self.timers.remove(handle);
            }
            EventKind::ResourceCreated { resource, kind, name, capacity } => {
                self.resources.insert(
                    *resource,
                    ResourceView {
                        id: *resource,
                        kind: *kind,
                        name: name.clone(),
                        holders: Vec::new(),
                        waiters: Vec::new(),
                        value: match kind {
                            ResourceKind::Semaphore | ResourceKind::BoundedSemaphore => *capacity,
                            _ => None,
                        },
                        is_set: false,
                        items: VecDeque::new(),
                        capacity: *capacity,
                    },
                );
            }
            EventKind::Acquired { resource, task, value } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.holders.push(*task);
                    if let Some(t) = task {
                        r.waiters.retain(|w| w != t);
                    }
                    if value.is_some() {
                        r.value = *value;
                    }
                }
            }
            EventKind::Blocked { resource, task } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    if !r.waiters.contains(task) {
                        r.waiters.push(*task);
                    }
                }
            }
            EventKind::GaveUp { resource, task } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.waiters.retain(|w| w != task);
                }
            }
            EventKind::Released { resource, task, value } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    if let Some(i) = r.holders.iter().position(|h| h == task) {
                        r.holders.remove(i);
                    } else if !r.holders.is_empty() {
                        r.holders.remove(0);
                    }
                    if value.is_some() {
                        r.value = *value;
                    }
                }
            }
            EventKind::EventSet { resource, .. } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.is_set = true;
                    r.waiters.clear();
                }
            }
            EventKind::EventCleared { resource } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.is_set = false;
                }
            }
            EventKind::QueuePut { resource, item, .. } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.items.push_back(item.clone());
                }
            }
            EventKind::QueueGot { resource, item, .. } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    match r.items.iter().position(|i| i == item) {
                        Some(i) => {
                            r.items.remove(i);
                        }
                        None => {
                            r.items.pop_front();
                        }
                    }
                }
            }
            EventKind::Output { text, .. } => self.output.push(text.clone()),
            _ => {}
        }
    }

    fn set_status(&mut self, task: TaskId, status: TaskStatus, line: Option<u32>) {
        if let Some(t) = self.tasks.get_mut(&task) {
            t.status = status;
            if let Some(l) = line {
                t.line = l;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{run, RunOptions};

    fn trace_of(src: &str) -> Trace {
        let r = run(src, &RunOptions::default());
        assert_eq!(r.exit_code, 0, "{}", r.stderr());
        r.trace
    }

    fn id_of(trace: &Trace, name: &str) -> TaskId {
        trace
            .events
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::TaskCreated { task, name: n, .. } if n == name => Some(*task),
                _ => None,
            })
            .expect("task")
    }

    /// The index just after the first event matching `pred`.
    fn after(trace: &Trace, pred: impl Fn(&EventKind) -> bool) -> usize {
        trace.events.iter().position(|e| pred(&e.kind)).expect("event") + 1
    }

    #[test]
    fn rebuilds_lock_owner_waiters_ready_queue_and_timers() {
        let t = trace_of(
            "import asyncio
lock = asyncio.Lock()
async def w(n):
    async with lock:
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(w(1), w(2), w(3))
asyncio.run(main())
",
        );
        let (t2, t3, t4) = (id_of(&t, "Task-2"), id_of(&t, "Task-3"), id_of(&t, "Task-4"));
        // When the third task blocks: Task-2 holds the lock, Task-3 and Task-4 wait.
        let n = after(&t, |k| matches!(k, EventKind::Blocked { task, .. } if *task == t4));
        let s = State::at(&t, n);
        let lock = s.resources.values().find(|r| r.kind == ResourceKind::Lock).expect("lock");
        assert_eq!(lock.holders, vec![Some(t2)]);
        assert_eq!(lock.waiters, vec![t3, t4]);
        assert_eq!(s.timers.len(), 1, "Task-2's sleep timer is pending");
        assert!(matches!(s.tasks[&t2].status, TaskStatus::Waiting(Wait::Sleep { .. })));
        // Right after the first release, the lock is free and Task-3 is on the ready queue.
        let n = after(&t, |k| matches!(k, EventKind::Released { .. }));
        let s = State::at(&t, n + 1);
        let lock = s.resources.values().find(|r| r.kind == ResourceKind::Lock).expect("lock");
        assert!(lock.holders.is_empty());
        assert!(s.ready.contains(&t3), "ready: {:?}", s.ready);
    }

    #[test]
    fn rebuilds_queue_contents_and_output() {
        let t = trace_of(
            "import asyncio
async def main():
    q = asyncio.Queue()
    for x in 'abc':
        q.put_nowait(x)
    print(q.get_nowait())
asyncio.run(main())
",
        );
        let n = after(&t, |k| matches!(k, EventKind::QueuePut { size: 3, .. }));
        let s = State::at(&t, n);
        let q = s.resources.values().find(|r| r.kind == ResourceKind::Queue).expect("queue");
        assert_eq!(q.items.iter().cloned().collect::<Vec<_>>(), ["'a'", "'b'", "'c'"]);
        let end = State::at(&t, t.events.len());
        let q = end.resources.values().find(|r| r.kind == ResourceKind::Queue).expect("queue");
        assert_eq!(q.items.len(), 2);
        assert_eq!(end.output, ["a"]);
    }
}
