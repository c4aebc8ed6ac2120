//! The state of a run at any instant, rebuilt from the trace's events.
//!
//! `State::at(trace, n)` folds the first `n` events: which tasks exist and what each is
//! doing, the ready queue in order, pending timers, every lock's owner and waiters, every
//! semaphore's counter, event flags and queue contents. The UI calls it for the playhead.

use super::{EventKind, ResourceId, ResourceKind, Scope, TaskId, TaskOutcome, Trace, Wait};
use indexmap::IndexMap;
use std::collections::{BTreeMap, VecDeque};

/// What a task is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskStatus {
    /// On the ready queue.
    Ready,
    /// Running a step (at `TaskView::line`).
    Running,
    /// Suspended, waiting for this.
    Waiting(Wait),
    /// Finished.
    Done(TaskOutcome),
}

/// A task or thread as the state shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskView {
    /// Its id.
    pub id: TaskId,
    /// The task's name at this moment: the runtime's `Task-N` until the program names it.
    pub name: String,
    /// True once the program named it (`set_name`, `create_task(..., name=)`); until then
    /// pages show the timeline's label (its call, `worker('a')`).
    pub named: bool,
    /// The task that created it; None for the main task.
    pub parent: Option<TaskId>,
    /// What it is doing.
    pub status: TaskStatus,
    /// The source line it last ran or suspended at.
    pub line: u32,
}

/// A resource's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceView {
    /// Its id.
    pub id: ResourceId,
    /// Which primitive.
    pub kind: ResourceKind,
    /// How the program calls it (`bathroom_key`, `self.lock`), or a default name.
    pub name: String,
    /// Lock owner (locks), or the tasks holding permits (semaphores).
    pub holders: Vec<Option<TaskId>>,
    /// Tasks waiting on it, first to be woken first.
    pub waiters: Vec<TaskId>,
    /// Semaphore counter.
    pub value: Option<i64>,
    /// Event flag.
    pub is_set: bool,
    /// Queue contents, oldest first.
    pub items: VecDeque<String>,
    /// A semaphore's initial value or a queue's `maxsize`.
    pub capacity: Option<i64>,
    /// Only the runtime's own code stored it (a `Pool`'s queues): hidden unless asked.
    pub internal: bool,
    /// Waiters a semaphore's release handed a permit to, who have not run yet: they hold
    /// it already (CPython 3.11's `_wake_up_next`), their `Acquired` only confirms it.
    pub handed: Vec<TaskId>,
}

/// The state of a run after some number of events (`State::at`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Virtual time of the last event folded.
    pub time: f64,
    /// Step counter of the last event folded.
    pub step: u64,
    /// Every task and thread created so far.
    pub tasks: BTreeMap<TaskId, TaskView>,
    /// Tasks whose next step is queued, in the order they will run.
    pub ready: Vec<TaskId>,
    /// Pending timers: handle → (when, what).
    pub timers: BTreeMap<u32, (f64, String)>,
    /// Every primitive created so far.
    pub resources: BTreeMap<ResourceId, ResourceView>,
    /// Lines of output printed so far.
    pub printed: usize,
    /// The program's variables: globals, and each lane's calls with their locals.
    pub values: Values,
}

/// One call of a function of the program, with its locals as last stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameView {
    /// The trace's number for the call.
    pub id: u32,
    /// The function's name.
    pub function: String,
    /// Local name → repr, in the order they were first stored.
    pub locals: IndexMap<String, String>,
}

/// The program's variables at an instant (from `value_set` and `frame_left` events).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    /// Each process's globals: name → repr, in the order they were first stored.
    pub globals: BTreeMap<u32, IndexMap<String, String>>,
    /// Calls whose locals were recorded and that have not returned, by number.
    pub frames: BTreeMap<u32, FrameView>,
    /// Each lane's calls, outermost first: its current call is the last.
    pub stacks: BTreeMap<Option<TaskId>, Vec<u32>>,
    /// The process each thread belongs to (for its globals).
    pub thread_process: BTreeMap<TaskId, u32>,
    /// Set once values stopped being recorded: how many were.
    pub capped: Option<u64>,
}

impl Values {
    /// The call lane `lane` is in (its innermost one whose locals were stored).
    pub fn current(&self, lane: Option<TaskId>) -> Option<&FrameView> {
        self.stacks.get(&lane)?.last().and_then(|id| self.frames.get(id))
    }

    /// The calls lane `lane` is in, outermost first.
    pub fn stack(&self, lane: Option<TaskId>) -> impl Iterator<Item = &FrameView> {
        self.stacks.get(&lane).into_iter().flatten().filter_map(|id| self.frames.get(id))
    }

    /// The globals lane `lane` sees: its thread's process's (a task's, the program's own).
    pub fn globals_of(&self, lane: Option<TaskId>) -> Option<&IndexMap<String, String>> {
        // The main process is the first (and lowest-numbered) whose globals were stored.
        match lane.and_then(|t| self.thread_process.get(&t)) {
            Some(p) => self.globals.get(p),
            None => self.globals.values().next(),
        }
    }

    fn apply(&mut self, kind: &EventKind) {
        match kind {
            EventKind::ValueSet { scope: Scope::Global { process, .. }, name, repr, .. } => {
                self.globals.entry(*process).or_default().insert(name.clone(), repr.clone());
            }
            EventKind::ValueSet { scope: Scope::Local { lane, frame, function }, name, repr, .. } => {
                let view = self.frames.entry(*frame).or_insert_with(|| FrameView { id: *frame, function: function.clone(), locals: IndexMap::new() });
                view.locals.insert(name.clone(), repr.clone());
                let stack = self.stacks.entry(*lane).or_default();
                // A call deeper than this one that stored no more is over (a generator run
                // outside the lane's frames leaves no event when it yields).
                match stack.iter().position(|f| f == frame) {
                    Some(i) => stack.truncate(i + 1),
                    None => stack.push(*frame),
                }
            }
            EventKind::FrameLeft { lane, frame, returned } => {
                if let Some(stack) = self.stacks.get_mut(lane) {
                    stack.retain(|f| f != frame);
                    if stack.is_empty() {
                        self.stacks.remove(lane);
                    }
                }
                if *returned {
                    self.frames.remove(frame);
                }
            }
            EventKind::ValuesCapped { recorded } => self.capped = Some(*recorded),
            EventKind::ThreadCreated { thread, process, .. } => {
                self.thread_process.insert(*thread, *process);
            }
            // A finished task or thread is in no call any more.
            EventKind::TaskDone { task, .. } | EventKind::ThreadDone { thread: task, .. } => {
                for id in self.stacks.remove(&Some(*task)).unwrap_or_default() {
                    self.frames.remove(&id);
                }
            }
            _ => {}
        }
    }
}

/// How many events apart [`Snapshots`] keeps a state.
pub const SNAPSHOT_EVERY: usize = 1000;

/// The state every [`SNAPSHOT_EVERY`] events, so that a seek folds at most that many events
/// from the nearest snapshot instead of the whole run from its start: a seek costs the same
/// at event 10 and at event 250,000.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshots {
    /// `states[k]` is the state after the first `k * SNAPSHOT_EVERY` events.
    states: Vec<State>,
}

impl Snapshots {
    /// One pass over the trace.
    pub fn new(trace: &Trace) -> Snapshots {
        let mut states = vec![State::default()];
        let mut s = State::default();
        for (i, e) in trace.events.iter().enumerate() {
            s.fold(e);
            if (i + 1) % SNAPSHOT_EVERY == 0 {
                states.push(s.clone());
            }
        }
        Snapshots { states }
    }

    /// `State::at(trace, n)`, from the nearest snapshot at or before `n`.
    pub fn at(&self, trace: &Trace, n: usize) -> State {
        let n = n.min(trace.events.len());
        let k = (n / SNAPSHOT_EVERY).min(self.states.len().saturating_sub(1));
        let mut s = self.states.get(k).cloned().unwrap_or_default();
        for e in &trace.events[k * SNAPSHOT_EVERY..n] {
            s.fold(e);
        }
        s
    }
}

impl State {
    /// The state after the first `n` events.
    pub fn at(trace: &Trace, n: usize) -> State {
        let mut s = State::default();
        for e in trace.events.iter().take(n) {
            s.fold(e);
        }
        s
    }

    fn fold(&mut self, e: &super::Event) {
        self.time = e.t;
        self.step = e.step;
        self.apply(&e.kind);
    }

    fn apply(&mut self, kind: &EventKind) {
        self.values.apply(kind);
        match kind {
            EventKind::TaskCreated { task, name, parent, line, .. } => {
                let view = TaskView { id: *task, name: name.clone(), parent: *parent, status: TaskStatus::Ready, line: *line, named: false };
                self.tasks.insert(*task, view);
            }
            EventKind::TaskRenamed { task, name } => {
                if let Some(t) = self.tasks.get_mut(task) {
                    t.name = name.clone();
                    t.named = true;
                }
            }
            EventKind::ResourceBound { resource, name, internal } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    if *internal {
                        r.internal = true;
                    } else {
                        r.internal = false;
                        r.name = name.clone();
                    }
                }
            }
            EventKind::HandedOver { resource, to, value } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    r.waiters.retain(|w| w != to);
                    r.holders.push(Some(*to));
                    r.handed.push(*to);
                    if value.is_some() {
                        r.value = *value;
                    }
                }
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
                        internal: false,
                        handed: Vec::new(),
                    },
                );
            }
            EventKind::Acquired { resource, task, value } => {
                if let Some(r) = self.resources.get_mut(resource) {
                    // A permit handed over at release is held already.
                    match task.and_then(|t| r.handed.iter().position(|h| *h == t)) {
                        Some(i) => {
                            r.handed.remove(i);
                        }
                        None => r.holders.push(*task),
                    }
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
            EventKind::Output { .. } => self.printed += 1,
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

    /// The trace's value events and output, one line each: `function.name=repr` for a local,
    /// `name=repr` for a global, `left true` when a shown call returned (`false`: a generator
    /// yielded), `print text`.
    fn values_said(trace: &Trace) -> Vec<String> {
        trace
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ValueSet { scope: Scope::Local { function, .. }, name, repr, .. } => Some(format!("{function}.{name}={repr}")),
                EventKind::ValueSet { name, repr, .. } => Some(format!("{name}={repr}")),
                EventKind::FrameLeft { returned, .. } => Some(format!("left {returned}")),
                EventKind::Output { text, .. } => Some(format!("print {text}")),
                _ => None,
            })
            .collect()
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
        assert_eq!(end.printed, 1);
    }

    #[test]
    fn tasks_and_primitives_go_by_the_programs_names() {
        let t = trace_of(
            "import asyncio
bathroom_key = asyncio.Lock()
class Shop:
    def __init__(self):
        self.lock = asyncio.Lock()
async def increase_counter(name):
    async with bathroom_key:
        await asyncio.sleep(0)
async def main():
    shop = Shop()
    a = asyncio.create_task(increase_counter('Task 1'))
    b = asyncio.create_task(increase_counter('Task 2'), name='bob')
    a.set_name('alice')
    c = asyncio.create_task(increase_counter(shop))
    await asyncio.gather(a, b, c)
asyncio.run(main())
",
        );
        let s = State::at(&t, t.events.len());
        let tl = crate::trace::timeline::Timeline::build(&t);
        let said = |v: &TaskView| if v.named { v.name.clone() } else { tl.task_name(v.id) };
        // (asyncio.run's two shutdown tasks keep their runtime names.)
        let mut names: Vec<String> = s.tasks.values().map(said).filter(|n| !n.starts_with("Task-")).collect();
        names.sort();
        assert_eq!(names, ["alice", "bob", "increase_counter(…)", "main()"]);
        let mut locks: Vec<&str> = s.resources.values().map(|r| r.name.as_str()).collect();
        locks.sort();
        assert_eq!(locks, ["bathroom_key", "self.lock"]);
        // Before the rename, the task went by its call.
        let renamed = after(&t, |k| matches!(k, EventKind::TaskRenamed { name, .. } if name == "alice"));
        let before = State::at(&t, renamed - 1);
        assert!(before.tasks.values().any(|t| !t.named && t.name == "Task-2"));
        let mut lanes: Vec<&str> = tl.lanes.iter().map(|l| l.name.as_str()).filter(|n| !n.starts_with("Task-")).collect();
        lanes.sort();
        assert_eq!(lanes, ["Program", "alice", "bob", "increase_counter(…)", "main()"]);
        let alice = tl.lanes.iter().find(|l| l.name == "alice").unwrap();
        assert_eq!(alice.detail, "increase_counter('Task 1')", "the call it was labelled by stays as its detail");
    }

    #[test]
    fn a_primitive_paired_in_a_tuple_goes_by_its_place_not_a_later_parameter() {
        // The gallery's deadlock: each lock travels in a tuple and is unpacked into
        // `first_lock` by one task and `second_lock` by the other; neither name is its own.
        let t = trace_of(
            "import asyncio
async def worker(first, second):
    first_lock, _ = first
    second_lock, _ = second
    async with first_lock:
        pass
async def main():
    a = (asyncio.Lock(), 'lock A')
    b = [asyncio.Lock(), 'lock B']
    await asyncio.gather(worker(a, b), worker(b, a))
asyncio.run(main())
",
        );
        let s = State::at(&t, t.events.len());
        let mut locks: Vec<&str> = s.resources.values().map(|r| r.name.as_str()).collect();
        locks.sort();
        assert_eq!(locks, ["a[0]", "b[0]"]);
    }

    #[test]
    fn a_semaphore_release_hands_its_permit_to_the_woken_waiter() {
        let t = trace_of(
            "import asyncio
sem = asyncio.Semaphore(2)
async def w(n):
    async with sem:
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(*(w(i) for i in range(4)))
asyncio.run(main())
",
        );
        let (t2, t3, t4, t5) = (id_of(&t, "Task-2"), id_of(&t, "Task-3"), id_of(&t, "Task-4"), id_of(&t, "Task-5"));
        // Both releases at t = 1 come before either woken task runs: each release hands its
        // permit to a different waiter, and the counter stays 0 (CPython 3.11's _wake_up_next).
        let second = t.events.iter().enumerate().filter(|(_, e)| matches!(e.kind, EventKind::HandedOver { .. })).nth(1).expect("two hand-offs").0;
        let s = State::at(&t, second + 1);
        let sem = s.resources.values().find(|r| r.kind == ResourceKind::Semaphore).expect("sem");
        assert_eq!(sem.value, Some(0));
        assert!(sem.waiters.is_empty(), "{:?}", sem.waiters);
        assert_eq!(sem.holders, vec![Some(t4), Some(t5)]);
        let handed: Vec<(TaskId, TaskId)> = t
            .events
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, e)| match (&e.kind, &t.events[i - 1].kind) {
                (EventKind::HandedOver { to, .. }, EventKind::Released { task: Some(from), .. }) => Some((*from, *to)),
                _ => None,
            })
            .collect();
        assert_eq!(handed, [(t2, t4), (t3, t5)]);
        // When they run, their Acquired confirms the permit they hold: still two holders.
        let s = State::at(&t, after(&t, |k| matches!(k, EventKind::Acquired { task: Some(x), .. } if *x == t5)));
        let sem = s.resources.values().find(|r| r.kind == ResourceKind::Semaphore).expect("sem");
        assert_eq!(sem.holders, vec![Some(t4), Some(t5)]);
        assert_eq!(sem.value, Some(0));
    }

    /// The lost update, step by step: both tasks read 0 into `temp`, both write 1.
    #[test]
    fn values_show_the_lost_update_read_0_write_1_twice() {
        let t = trace_of(
            "import asyncio
counter = 0
async def increase_counter(name):
    global counter
    temp = counter
    await asyncio.sleep(0)
    counter = temp + 1
async def main():
    await asyncio.gather(increase_counter('a'), increase_counter('b'))
    print(counter)
asyncio.run(main())
",
        );
        let (t2, t3) = (id_of(&t, "Task-2"), id_of(&t, "Task-3"));
        let writes: Vec<usize> = t
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(&e.kind, EventKind::ValueSet { scope: Scope::Global { .. }, name, line: 7, .. } if name == "counter"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(writes.len(), 2, "one write per task");
        let snaps = Snapshots::new(&t);
        for (&at, task) in writes.iter().zip([t2, t3]) {
            let s = snaps.at(&t, at + 1);
            assert_eq!(s.values.globals_of(Some(task)).unwrap()["counter"], "1");
            let frame = s.values.current(Some(task)).expect("the writer's call");
            assert_eq!(frame.function, "increase_counter");
            assert_eq!(frame.locals["temp"], "0");
            assert_eq!(frame.locals["name"], if task == t2 { "'a'" } else { "'b'" }, "parameters come with the first store");
        }
        // Before the first write, both tasks have read 0 and the global is still 0.
        let s = State::at(&t, writes[0]);
        assert_eq!(s.values.globals_of(None).unwrap()["counter"], "0");
        assert_eq!(s.values.current(Some(t3)).unwrap().locals["temp"], "0");
        // When a call returns, its locals go away.
        let end = State::at(&t, t.events.len());
        assert!(end.values.current(Some(t2)).is_none() && end.values.frames.is_empty(), "{:?}", end.values);
        assert_eq!(end.values.globals_of(None).unwrap()["counter"], "1");
    }

    /// Containers changed in place show their new repr at the next event; a method's `self`
    /// shows with its attributes.
    #[test]
    fn values_show_containers_changed_in_place_and_attributes_of_self() {
        let t = trace_of(
            "xs = []
d = {'k': []}
seen = set()
class Counter:
    def __init__(self):
        self.count = 0
    def bump(self):
        self.count += 1
        print('bumped')
def work(items):
    items.append(1)
    print('appended')
    items[0] = 5
    print('stored')
    d['k'].append('v')
    d['n'] = 2
    seen.add(3)
    print('mutated')
    del items[0]
    print('deleted')
    n = items.count(5)
    print('counted')
work(xs)
c = Counter()
c.bump()
",
        );
        let said = values_said(&t);
        // Stores and changes between two events go in once, with the last value: `xs` was
        // appended to before any event. A call's parameters come with its first store.
        let want = [
            "xs=[1]",
            "d={'k': []}",
            "seen=set()",
            "print appended",
            "xs=[5]",
            "print stored",
            "d={'k': ['v'], 'n': 2}",
            "seen={3}",
            "print mutated",
            "xs=[]",
            "print deleted",
            "work.items=[]",
            "work.n=0",
            "print counted",
            "left true",
            // Assigned and changed before any event: its value at the event.
            "c=<Counter count=1>",
            "bump.self=<Counter count=1>",
            "print bumped",
            "left true",
        ];
        let got: Vec<&str> = said.iter().map(String::as_str).collect();
        assert_eq!(got, want, "{said:#?}");
    }

    /// A container changed by the function it is passed to (native or Python, the program's
    /// or the library's) shows its new repr, with how and at the program's line.
    #[test]
    fn values_show_containers_changed_by_callees_with_how() {
        let t = trace_of(
            "import heapq, random, bisect
h = []
xs = [3, 1, 2]
d = {}
print('start')
heapq.heappush(h, 5)
print('pushed')
random.seed(1)
random.shuffle(xs)
print(xs)
def helper(ys):
    n = len(ys)
    ys.sort(reverse=True)
    return n
helper(xs)
print('sorted')
def upd(m):
    m.update(a=1)
upd(d)
print('updated')
bisect.insort(xs, 0)
print('inserted')
add = xs.append
add(9)
print('added')
del d['a']
print(len(xs))
",
        );
        let said: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ValueSet { name, repr, line, change, .. } => Some(format!("{name}={repr} {line} {change:?}")),
                EventKind::Output { text, .. } => Some(format!("print {text}")),
                _ => None,
            })
            .collect();
        let shuffled = said.iter().find_map(|s| s.strip_prefix("print [")).map(|s| format!("[{s}")).expect("xs printed");
        let want = [
            "h=[] 2 None".to_string(),
            "xs=[3, 1, 2] 3 None".into(),
            "d={} 4 None".into(),
            "print start".into(),
            r#"h=[5] 6 Some(PassedTo { function: "heappush" })"#.into(),
            "print pushed".into(),
            // random.py's item assignments are the program's shuffle (line 9); print only reads.
            format!(r#"xs={shuffled} 9 Some(PassedTo {{ function: "shuffle" }})"#),
            format!("print {shuffled}"),
            // The change inside the helper is the helper's sort (its line, 13).
            r#"xs=[3, 2, 1] 13 Some(Method { name: "sort" })"#.into(),
            "print sorted".into(),
            // `m.update(a=1)` is a call with keywords of a bound method.
            r#"d={'a': 1} 18 Some(Method { name: "update" })"#.into(),
            "print updated".into(),
            r#"xs=[0, 3, 2, 1] 21 Some(PassedTo { function: "insort" })"#.into(),
            "print inserted".into(),
            r#"xs=[0, 3, 2, 1, 9] 24 Some(Method { name: "append" })"#.into(),
            "print added".into(),
            "d={} 26 Some(ItemDeleted)".into(),
            "print 5".into(),
        ];
        assert_eq!(said, want, "{said:#?}");
    }

    /// The news before an event come in the order they happened: a list appended to before
    /// a store shows before it (and a touch that changed nothing shows nothing).
    #[test]
    fn values_come_in_the_order_they_changed() {
        let t = trace_of(
            "xs = []
print('start')
def f(n):
    print(len(xs))
    xs.append(n)
    m = n * 2
    print('f')
f(1)
",
        );
        let said = values_said(&t);
        assert_eq!(said, ["xs=[]", "print start", "print 0", "xs=[1]", "f.n=1", "f.m=2", "print f", "left true"], "{said:#?}");
    }

    /// A native call that runs the program's code (a key function, a `__hash__`) may change
    /// what it was given after an event that code caused: the values show it as it is at
    /// that event, and as the call left it at the next one.
    #[test]
    fn values_follow_a_native_call_still_running_at_an_event() {
        let t = trace_of(
            "import heapq
xs = [3, 1, 2]
def key(x):
    print('key', x)
    return x
print('start')
xs.sort(key=key)
print('sorted')
class K:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        print('hash')
        return 1
    def __eq__(self, other):
        return True
    def __lt__(self, other):
        print('lt')
        return self.n < other.n
d = {}
print('d')
d.setdefault(K(1), 7)
print('set')
h = [K(2)]
print('h')
heapq.heappush(h, K(1))
print('pushed')
def local():
    ys = [2, 1]
    print('ys')
    ys.sort(key=key)
    print('local sorted')
local()
class H:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        print('hash', self.n)
        return self.n
seen = set()
print('seen')
seen.update([H(3), H(4)])
print('updated')
",
        );
        let said: Vec<String> = t
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ValueSet { name, repr, change, .. } => Some(format!("{name}={repr} {change:?}")),
                EventKind::Output { text, .. } => Some(format!("print {text}")),
                _ => None,
            })
            .collect();
        let want = [
            "xs=[3, 1, 2] None",
            "print start",
            // CPython empties a list while it sorts it (listobject.c, list_sort_impl): the
            // key function sees it empty.
            r#"xs=[] Some(Method { name: "sort" })"#,
            "print key 3",
            "print key 1",
            "print key 2",
            // The sort's result, once it returned.
            r#"xs=[1, 2, 3] Some(Method { name: "sort" })"#,
            "print sorted",
            "d={} None",
            "print d",
            "print hash",
            r#"d={<K n=1>: 7} Some(Method { name: "setdefault" })"#,
            "print set",
            "h=[<K n=2>] None",
            "print h",
            "print lt",
            r#"h=[<K n=1>, <K n=2>] Some(PassedTo { function: "heappush" })"#,
            "print pushed",
            "ys=[2, 1] None",
            "print ys",
            r#"ys=[] Some(Method { name: "sort" })"#,
            "print key 2",
            "print key 1",
            r#"ys=[1, 2] Some(Method { name: "sort" })"#,
            "print local sorted",
            "seen=set() None",
            "print seen",
            // Each event while the call runs shows the set as it is then.
            "print hash 3",
            r#"seen={<H n=3>} Some(Method { name: "update" })"#,
            "print hash 4",
            r#"seen={<H n=3>, <H n=4>} Some(Method { name: "update" })"#,
            "print updated",
        ];
        assert_eq!(said, want, "{said:#?}");
        // The state at the print after the sort holds the sorted list.
        let at = after(&t, |k| matches!(k, EventKind::Output { text, .. } if text == "sorted"));
        assert_eq!(State::at(&t, at).values.globals_of(None).unwrap()["xs"], "[1, 2, 3]");
    }

    /// An instance of the program's class shows all its attributes, as they are, wherever a
    /// variable shows it (a method's `self`, a global, a list): another method, another task
    /// or another object storing into it shows at the next event.
    #[test]
    fn values_show_an_instances_attributes_whoever_changes_them() {
        let t = trace_of(
            "import asyncio
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    async def deposit(self, n):
        b = self.balance
        await asyncio.sleep(0)
        self.balance = b + n
        print('deposited', n)
class Bank:
    def __init__(self, account):
        self.account = account
    def audit(self):
        self.account.audited = True
acct = Account('ann')
accounts = [acct]
bank = Bank(acct)
async def main():
    await asyncio.gather(acct.deposit(1), acct.deposit(2))
    bank.audit()
    print('audited')
    acct.balance = 5
    print('set')
asyncio.run(main())
",
        );
        let globals = |n: usize| State::at(&t, n).values.globals_of(None).cloned().unwrap_or_default();
        let printed = |text: &str| after(&t, |k| matches!(k, EventKind::Output { text: x, .. } if x == text));
        // At the first deposit's print: `self` shows both attributes, the global and the list
        // too; the other task's call, still waiting, shows the same object as it is now.
        let at = printed("deposited 1");
        let s = State::at(&t, at);
        let selves: Vec<&str> = s.values.frames.values().map(|f| f.locals["self"].as_str()).collect();
        assert_eq!(selves, ["<Account owner='ann', balance=1>", "<Account owner='ann', balance=1>"], "{:?}", s.values);
        assert_eq!(globals(at)["acct"], "<Account owner='ann', balance=1>");
        assert_eq!(globals(at)["accounts"], "[<Account owner='ann', balance=1>]");
        assert_eq!(globals(at)["bank"], "<Bank account=<Account owner='ann', balance=1>>");
        // The lost update: the second task read 0 too.
        let at = printed("deposited 2");
        assert_eq!(globals(at)["acct"], "<Account owner='ann', balance=2>");
        assert_eq!(State::at(&t, at).values.frames.values().map(|f| f.locals["self"].as_str()).collect::<Vec<_>>(), ["<Account owner='ann', balance=2>"]);
        // Each call's `self` changed by the other task: said of the task that did it.
        let tl = crate::trace::timeline::Timeline::build(&t);
        let said: Vec<String> = (0..at)
            .filter(|&i| matches!(&t.events[i].kind, EventKind::ValueSet { name, change: Some(_), .. } if name == "self"))
            .map(|i| crate::trace::narrate::narrate(&t, &tl, i, &State::at(&t, i + 1)))
            .collect();
        assert_eq!(said, [
            "Task-2 changes self to <Account owner='ann', balance=1> in deposit() (.balance set, line 9)",
            "Task-2 changes self in Task-3's deposit() to <Account owner='ann', balance=1> (.balance set, line 9)",
            "Task-3 changes self to <Account owner='ann', balance=2> in deposit() (.balance set, line 9)",
        ]);
        // Another object's method stores into it.
        let at = printed("audited");
        assert_eq!(globals(at)["acct"], "<Account owner='ann', balance=2, audited=True>");
        assert_eq!(globals(at)["bank"], "<Bank account=<Account owner='ann', balance=2, audited=True>>");
        // The narration's facts: which attribute, at which line.
        let news = t.events[..at].iter().rev().find_map(|e| match &e.kind {
            EventKind::ValueSet { name, line, change, .. } if name == "acct" => Some((*line, change.clone())),
            _ => None,
        });
        assert_eq!(news, Some((15, Some(crate::trace::Change::AttrSet { name: "audited".into() }))));
        assert_eq!(globals(printed("set"))["accounts"], "[<Account owner='ann', balance=5, audited=True>]");
        // No `self.balance` rows: the attributes are `self`'s.
        assert!(t.events.iter().all(|e| !matches!(&e.kind, EventKind::ValueSet { name, .. } if name.contains('.'))));
    }

    /// An instance inside itself shows `...` there (as CPython's `[...]`), an enum member as
    /// CPython writes it, and a class of the library by its name only.
    #[test]
    fn an_instance_inside_itself_shows_once() {
        let t = trace_of(
            "from enum import Enum
from fractions import Fraction
class Color(Enum):
    RED = 1
class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
root = Node(None)
color = Color.RED
root.children.append(Node(root))
half = Fraction(1, 2)
print('built')
",
        );
        let s = State::at(&t, t.events.len());
        let globals = s.values.globals_of(None).unwrap();
        assert_eq!(globals["root"], "<Node parent=None, children=[<Node parent=<Node ...>, children=[]>]>");
        assert_eq!(globals["color"], "<Color.RED: 1>");
        assert_eq!(globals["half"], "<Fraction object>");
    }

    /// A store waits for the next event without keeping its object alive: `__del__` runs
    /// when it does untraced, and a variable deleted before the event records nothing.
    #[test]
    fn a_store_waiting_for_an_event_never_keeps_its_object_alive() {
        let src = "class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
x = D(1)
del x
print('after 1')
def f():
    y = D(2)
    return 0
f()
print('after 2')
z = D(3)
z = D(4)
print('after 3')
";
        let untraced = run(src, &RunOptions { trace: false, ..RunOptions::default() });
        let t = trace_of(src);
        let printed: Vec<&str> = t.events.iter().filter_map(|e| match &e.kind {
            EventKind::Output { text, .. } => Some(text.as_str()),
            _ => None,
        }).collect();
        assert_eq!(printed.iter().map(|l| format!("{l}\n")).collect::<String>(), untraced.stdout(false));
        assert_eq!(printed, ["del 1", "after 1", "del 2", "after 2", "del 3", "after 3", "del 4"]);
        let said = values_said(&t);
        assert!(said.contains(&"z=<D n=4>".to_string()) && !said.iter().any(|s| s.starts_with("x=")), "{said:?}");
    }

    #[test]
    fn values_follow_calls_and_generators_and_never_run_the_programs_repr() {
        // Each print is an event: the stores before it go in just before it.
        let t = trace_of(
            "class Loud:
    def __repr__(self):
        print('repr called')
        return 'Loud()'
def inner(x):
    y = x * 2
    print('inner')
    return y
def gen():
    for i in range(2):
        z = i
        print('gen')
        yield z
def outer():
    a = inner(3)
    for v in gen():
        b = v
    c = Loud()
    d = [1, 'two', (3,), {4: None}]
    e = 'x' * 200
    print('outer')
    return a
def unseen(n):
    k = n + 1
    return k
r = outer()
q = unseen(1)
",
        );
        let said = values_said(&t);
        let long = format!("outer.e='{}…", "x".repeat(78));
        let want = [
            "inner.x=3",
            "inner.y=6",
            "print inner",
            "left true",
            "outer.a=6",
            "gen.i=0",
            "gen.z=0",
            "print gen",
            "left false",
            "outer.v=0",
            "outer.b=0",
            "gen.i=1",
            "gen.z=1",
            "print gen",
            "left false",
            "outer.v=1",
            "outer.b=1",
            "left true",
            "outer.c=<Loud object>",
            "outer.d=[1, 'two', (3,), {4: None}]",
            long.as_str(),
            "print outer",
            "left true",
            // unseen() ran between two events (here: the end), so it records nothing.
            "r=6",
            "q=2",
        ];
        assert_eq!(said, want);
        // In the middle of the generator's second turn, the lane's calls are outer, then gen.
        let at = t.events.iter().position(|e| matches!(&e.kind, EventKind::ValueSet { name, repr, .. } if name == "z" && repr == "1")).unwrap();
        let s = State::at(&t, at + 1);
        let stack: Vec<&str> = s.values.stack(None).map(|f| f.function.as_str()).collect();
        assert_eq!(stack, ["outer", "gen"]);
        assert_eq!(s.values.current(None).unwrap().locals["i"], "1");
    }

    #[test]
    fn a_loop_between_two_events_records_each_variable_once() {
        let t = trace_of(
            "import asyncio
async def main():
    total = 0
    for i in range(10000):
        total += i
    await asyncio.sleep(1)
    print(total)
asyncio.run(main())
",
        );
        let stores: Vec<(String, String)> = t
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::ValueSet { name, repr, .. } => Some((name.clone(), repr.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(stores, [("total".to_string(), "49995000".to_string()), ("i".to_string(), "9999".to_string())]);
    }

    #[test]
    fn values_stop_at_the_cap_and_the_trace_says_so() {
        let t = trace_of(
            "total = 0
for i in range(60000):
    total += i
    print(i)
",
        );
        let values = t.events.iter().filter(|e| matches!(e.kind, EventKind::ValueSet { .. })).count() as u64;
        assert_eq!(values, crate::trace::MAX_VALUE_EVENTS);
        let capped = t.events.iter().filter(|e| matches!(e.kind, EventKind::ValuesCapped { .. })).count();
        assert_eq!(capped, 1);
        let end = State::at(&t, t.events.len());
        assert_eq!(end.values.capped, Some(crate::trace::MAX_VALUE_EVENTS));
    }

    #[test]
    fn untraced_runs_record_no_values() {
        let r = run("x = 1\ndef f(a):\n    b = a\nf(x)\n", &RunOptions { trace: false, ..RunOptions::default() });
        assert!(r.trace.events.is_empty(), "{:?}", r.trace.events);
    }

    #[test]
    fn snapshots_give_the_same_state_as_folding_from_the_start() {
        let t = trace_of(
            "import asyncio
async def w(q, n):
    for i in range(60):
        await q.put(i)
        await asyncio.sleep(0.01 * n)
async def main():
    q = asyncio.Queue()
    await asyncio.gather(*(w(q, n) for n in range(1, 6)))
asyncio.run(main())
",
        );
        assert!(t.events.len() > 2 * SNAPSHOT_EVERY, "{}", t.events.len());
        let snaps = Snapshots::new(&t);
        for n in [0, 1, 999, 1000, 1001, 2500, t.events.len(), t.events.len() + 5] {
            assert_eq!(snaps.at(&t, n), State::at(&t, n.min(t.events.len())), "at {n}");
        }
    }

    /// A seek at the end of a 250,000-event run costs what one at its start costs.
    #[test]
    fn a_seek_at_250000_events_folds_at_most_one_snapshot_interval() {
        use crate::trace::{Event, Wait};
        let mut events = Vec::new();
        for task in 0..1000u32 {
            events.push(Event { t: 0.0, step: 0, kind: EventKind::TaskCreated { task, name: format!("Task-{task}"), parent: None, coro: "w".into(), line: 1, args: String::new() } });
        }
        let mut i = 0u64;
        while events.len() < 250_000 {
            let task = (i % 1000) as u32;
            let t = i as f64 / 1000.0;
            events.push(Event { t, step: i, kind: EventKind::TaskRunning { task, line: 2 } });
            events.push(Event { t, step: i, kind: EventKind::TaskWaiting { task, line: 3, wait: Wait::Sleep { until: t + 1.0 } } });
            i += 1;
        }
        let trace = Trace { events, ..Default::default() };
        let snaps = Snapshots::new(&trace);
        let time = |n: usize| {
            let start = std::time::Instant::now();
            for _ in 0..20 {
                std::hint::black_box(snaps.at(&trace, n));
            }
            start.elapsed().as_secs_f64() / 20.0
        };
        let (early, late) = (time(10), time(249_999));
        let from_start = {
            let start = std::time::Instant::now();
            std::hint::black_box(State::at(&trace, 249_999));
            start.elapsed().as_secs_f64()
        };
        eprintln!("seek at event 10: {:.2} ms, at 249,999: {:.2} ms (folding from the start: {:.1} ms)", early * 1e3, late * 1e3, from_start * 1e3);
        assert!(late < from_start / 5.0, "a late seek {late} s is not much cheaper than folding everything {from_start} s");
    }
}
