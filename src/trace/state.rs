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
