//! Building a [`Timeline`] in one pass over a trace's events.
//!
//! A [`Builder`] keeps every lane that is still open (what its task or thread has been doing
//! since which event) and hands each event to the method for its family: tasks, marks on a
//! lane, resources, threads and the GIL, processes. An activity change closes the open
//! segment and starts the next ([`Builder::switch`]); the end of the trace closes them all.
//!
//! Two things span events, so the builder carries them:
//! - a task's `time.sleep` blocks its whole thread until the next event ([`Builder::blocking`]);
//! - a thread asleep in `time.sleep` is recorded ready (and given the GIL) before the clock
//!   reaches its deadline: it goes on sleeping until an event at or past the deadline
//!   ([`Threads::woken`]).

use std::collections::HashMap;

use super::{Activity, Lane, LaneKind, Mark, Marker, Segment, Timeline, WaitOn};
use crate::trace::describe::{task_label, task_labels};
use crate::trace::{BlockReason, Event, EventKind, ResourceId, ResourceKind, RunEnd, Stream, TaskId, TaskOutcome, Trace};

/// What a lane that is still open has been doing, and since which event.
struct Open {
    lane: usize,
    since: u32,
    activity: Activity,
}

/// Threads and processes: a thread's lane appears at its `ThreadCreated`, a process's at its
/// `ProcessCreated` (as its main thread), and the program's own main thread, which no event
/// creates, at its first GIL event.
#[derive(Default)]
struct Threads {
    /// The main thread of each process.
    main_of: HashMap<u32, TaskId>,
    /// Process lanes whose parent process's main thread was not known yet: (lane, process).
    orphans: Vec<(usize, u32)>,
    /// The resource each thread last blocked on: a thread's `Blocked` comes just before its
    /// `ThreadBlocked`, which then waits on that resource.
    blocked_on: HashMap<TaskId, ResourceId>,
    /// Threads asleep in `time.sleep`: until when.
    sleeping_until: HashMap<TaskId, f64>,
    /// Threads woken before their deadline, with what they do once the clock reaches it.
    woken: HashMap<TaskId, (f64, Activity)>,
}

/// Resources: what kind each is, and who released it last (for hand-off marks).
#[derive(Default)]
struct Resources {
    kinds: HashMap<ResourceId, ResourceKind>,
    /// Who released each resource last, and at which event.
    last_release: HashMap<ResourceId, (Option<TaskId>, u32)>,
    /// Permits handed to a waiter at release, not yet taken up: (resource, task) → the release.
    handed: HashMap<(ResourceId, TaskId), (Option<TaskId>, u32)>,
}

/// A timeline under construction (see the module doc).
pub(super) struct Builder<'t> {
    trace: &'t Trace,
    tl: Timeline,
    /// In creation order; sorted into a tree by [`Builder::finish`].
    lanes: Vec<Lane>,
    open: HashMap<TaskId, Open>,
    lane_of: HashMap<TaskId, usize>,
    /// A task whose `time.sleep` is in progress, until the next event.
    blocking: Option<TaskId>,
    resources: Resources,
    threads: Threads,
    /// Each task's label ([`task_labels`]).
    labels: HashMap<TaskId, String>,
    /// Preemptions whose thread has not run again: (thread, its lane, the marker's index,
    /// the variable it was about to touch). A few at most: one per preempted thread.
    preempted: Vec<(TaskId, usize, usize, String)>,
}

impl<'t> Builder<'t> {
    /// A builder for `trace`, with the program's own lane.
    pub(super) fn new(trace: &'t Trace) -> Builder<'t> {
        let t_end = trace.events.last().map(|e| e.t).unwrap_or(0.0);
        let program = new_lane(LaneKind::Program, None, "Program", "module code and callbacks", None, 0);
        Builder {
            trace,
            tl: Timeline { t_end, x: super::positions(trace), ..Default::default() },
            lanes: vec![program],
            open: HashMap::new(),
            lane_of: HashMap::new(),
            blocking: None,
            resources: Resources::default(),
            threads: Threads::default(),
            labels: task_labels(trace),
            preempted: Vec::new(),
        }
    }

    /// Takes in event `at`: first what the passing of time settles, then the event itself.
    pub(super) fn event(&mut self, at: u32, e: &Event) {
        self.catch_up(at, e.t);
        use EventKind::*;
        match &e.kind {
            TaskCreated { .. } | TaskReady { .. } | TaskRunning { .. } | TaskWaiting { .. } | TaskDone { .. } | Blocking { .. } => {
                self.task_event(at, &e.kind)
            }
            CancelRequested { .. } | CancelDelivered { .. } | Output { .. } | Exception { .. } => self.mark_event(at, &e.kind),
            ResourceCreated { .. } | ResourceBound { .. } | Released { .. } | HandedOver { .. } | Acquired { .. } | Blocked { .. } => {
                self.resource_event(at, &e.kind)
            }
            TaskRenamed { task, name } => self.renamed(*task, name),
            TimerScheduled { handle, when, what } => {
                self.tl.timers.insert(*handle, (*when, what.clone()));
            }
            ThreadCreated { .. } | ThreadReady { .. } | GilAcquired { .. } | GilReleased { .. } | ThreadBlocked { .. } | ThreadDone { .. } => {
                self.thread_event(at, e.t, &e.kind)
            }
            ProcessCreated { process, name, core, parent, main_thread } => self.process_created(at, *process, name, *core, *parent, *main_thread),
            ScheduleChoice { .. } | ValueSet { .. } => self.preemption_event(at, &e.kind),
            _ => {}
        }
    }

    /// Ends what lasted until this event: the sleeps of woken threads whose deadline the clock
    /// has reached, and a task's `time.sleep`.
    fn catch_up(&mut self, at: u32, now: f64) {
        if !self.threads.woken.is_empty() {
            let due: Vec<TaskId> = self.threads.woken.iter().filter(|(_, &(until, _))| now >= until - 1e-9).map(|(&t, _)| t).collect();
            for t in due {
                if let Some((_, activity)) = self.threads.woken.remove(&t) {
                    self.switch(t, at, activity);
                }
            }
        }
        if let Some(task) = self.blocking.take() {
            self.switch(task, at, Activity::Running { line: 0 });
        }
    }

    /// asyncio tasks: created, ready, running, waiting, done; and `time.sleep` inside one.
    fn task_event(&mut self, at: u32, kind: &EventKind) {
        match kind {
            EventKind::TaskCreated { task, name, parent, coro, args, .. } => {
                let parent_lane = parent.and_then(|p| self.lane_of.get(&p).copied());
                let label = self.labels.get(task).cloned().unwrap_or_else(|| task_label(name, coro, args));
                // The lane says what the program calls it; the runtime's name goes below.
                let detail = if label == *name { format!("{coro}()") } else { name.clone() };
                let mut lane = new_lane(LaneKind::Task, Some(*task), &label, &detail, parent_lane, at);
                lane.internal = parent.is_none() && coro == "shutdown";
                self.add_lane(lane, Activity::Ready, at);
                self.tl.task_names.insert(*task, label);
            }
            EventKind::TaskReady { task } => self.switch(*task, at, Activity::Ready),
            EventKind::TaskRunning { task, line } => self.switch(*task, at, Activity::Running { line: *line }),
            EventKind::TaskWaiting { task, wait, .. } => {
                let activity = match WaitOn::of(wait) {
                    Some(on) => Activity::Waiting(on),
                    None => Activity::Sleeping,
                };
                self.switch(*task, at, activity);
            }
            EventKind::TaskDone { task, outcome } => self.done(*task, at, outcome.clone()),
            EventKind::Blocking { task, .. } => {
                // In a thread, time.sleep blocks only that thread (its ThreadBlocked says so).
                let in_thread = task.and_then(|t| self.lane_of.get(&t)).is_some_and(|&l| self.lanes[l].kind != LaneKind::Task);
                if let Some(t) = task.filter(|_| !in_thread) {
                    if self.open.contains_key(&t) {
                        self.switch(t, at, Activity::Blocking);
                        self.blocking = Some(t);
                    }
                }
            }
            _ => {}
        }
    }

    /// Events drawn as a symbol on the lane of the task they happened in.
    fn mark_event(&mut self, at: u32, kind: &EventKind) {
        let (task, mark) = match kind {
            EventKind::CancelRequested { task, .. } => (Some(*task), Mark::CancelRequested),
            EventKind::CancelDelivered { task, .. } => (Some(*task), Mark::Cancelled),
            EventKind::Output { task, stream, .. } => {
                self.tl.outputs.push(at);
                (*task, Mark::Output { stderr: *stream == Stream::Stderr })
            }
            EventKind::Exception { task, .. } => (*task, Mark::Exception),
            _ => return,
        };
        let lane = self.lane_for(task);
        self.lanes[lane].markers.push(Marker { at, mark });
    }

    /// `task.set_name(name)`: the program's name replaces the label everywhere (the timeline
    /// is one picture of the whole run).
    fn renamed(&mut self, task: TaskId, name: &str) {
        if let Some(&lane) = self.lane_of.get(&task) {
            let l = &mut self.lanes[lane];
            if l.detail.starts_with("Task-") {
                // The label was the coroutine's call: keep it as the detail.
                l.detail = std::mem::replace(&mut l.name, name.to_string());
            } else {
                l.name = name.to_string();
            }
        }
        self.tl.task_names.insert(task, name.to_string());
    }

    /// Primitives: their names and kinds, and lock or permit hand-offs between tasks.
    fn resource_event(&mut self, at: u32, kind: &EventKind) {
        match kind {
            EventKind::ResourceCreated { resource, name, kind, .. } => {
                self.tl.resource_names.insert(*resource, name.clone());
                self.tl.resource_kinds.insert(*resource, *kind);
                self.resources.kinds.insert(*resource, *kind);
            }
            EventKind::ResourceBound { resource, name, internal } => {
                if *internal {
                    self.tl.internal_resources.insert(*resource);
                } else {
                    self.tl.internal_resources.remove(resource);
                    self.tl.resource_names.insert(*resource, name.clone());
                }
            }
            EventKind::Released { resource, task, .. } => {
                self.resources.last_release.insert(*resource, (*task, at));
            }
            EventKind::HandedOver { resource, to, .. } => {
                // Each waiter woken by a release keeps that release as its hand-off's origin,
                // even when another release comes before it runs.
                if let Some(&release) = self.resources.last_release.get(resource) {
                    self.resources.handed.insert((*resource, *to), release);
                }
            }
            EventKind::Acquired { resource, task, .. } => {
                if let Some((from, released)) = task.and_then(|t| self.resources.handed.remove(&(*resource, t))) {
                    let lane = self.lane_for(*task);
                    self.lanes[lane].markers.push(Marker { at, mark: Mark::Handoff { resource: *resource, from, released } });
                    return;
                }
                // A hand-off: the lock went to a task that had been waiting for it.
                if let (Some(&(from, released)), Some(t)) = (self.resources.last_release.get(resource), task) {
                    if self.waited_for(*t, *resource) && from != Some(*t) {
                        let lane = self.lane_for(Some(*t));
                        self.lanes[lane].markers.push(Marker { at, mark: Mark::Handoff { resource: *resource, from, released } });
                    }
                }
                self.resources.last_release.remove(resource);
            }
            EventKind::Blocked { resource, task } => {
                self.threads.blocked_on.insert(*task, *resource);
            }
            _ => {}
        }
    }

    /// Was `task`'s last wait (not counting running and waiting to run) for `resource`?
    fn waited_for(&self, task: TaskId, resource: ResourceId) -> bool {
        let Some(&lane) = self.lane_of.get(&task) else { return false };
        let last_wait = self.lanes[lane].segments.iter().rev().find(|s| !matches!(s.activity, Activity::Running { .. } | Activity::Ready | Activity::GilWait));
        last_wait.is_some_and(|s| matches!(s.activity, Activity::Waiting(on) if on.resource() == Some(resource)))
    }

    /// Preemptions (explore mode): a mark on the lane of the thread set aside, and whether
    /// another thread wrote the variable it was about to touch before it ran again.
    fn preemption_event(&mut self, at: u32, kind: &EventKind) {
        match kind {
            EventKind::ScheduleChoice { options, chosen, preempted: Some(p), shared } => {
                let to = options.get(*chosen as usize).copied();
                let lane = self.lane_for(Some(*p));
                self.preempted.retain(|o| o.0 != *p);
                let marker = self.lanes[lane].markers.len();
                self.lanes[lane].markers.push(Marker { at, mark: Mark::Preemption { to, clash: None } });
                self.tl.preemptions += 1;
                if let Some(s) = shared {
                    self.preempted.push((*p, lane, marker, s.var.clone()));
                }
            }
            EventKind::ValueSet { scope: crate::trace::Scope::Global { lane: Some(writer), .. }, name, .. } => {
                for (t, lane, marker, var) in &self.preempted {
                    if t != writer && var == name {
                        if let Mark::Preemption { clash: c @ None, .. } = &mut self.lanes[*lane].markers[*marker].mark {
                            *c = Some(at);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Threads and the GIL: created, ready, holding or letting go of the GIL, blocked, done.
    fn thread_event(&mut self, at: u32, now: f64, kind: &EventKind) {
        match kind {
            EventKind::ThreadCreated { thread, name, parent, daemon, .. } => {
                if let Some(p) = parent {
                    self.ensure_thread(*p, None, at);
                }
                let parent = parent.and_then(|p| self.lane_of.get(&p).copied());
                let detail = if *daemon { "daemon thread" } else { "thread" };
                self.add_lane(new_lane(LaneKind::Thread, Some(*thread), name, detail, parent, at), Activity::GilWait, at);
                self.tl.task_names.insert(*thread, name.clone());
            }
            EventKind::ThreadReady { thread } => {
                self.ensure_thread(*thread, None, at);
                self.wake(*thread, now, at, Activity::GilWait);
            }
            EventKind::GilAcquired { thread, process } => {
                self.preempted.retain(|o| o.0 != *thread);
                self.ensure_thread(*thread, Some(*process), at);
                self.wake(*thread, now, at, Activity::Running { line: 0 });
            }
            EventKind::GilReleased { thread, process } => {
                self.ensure_thread(*thread, Some(*process), at);
                // Letting go of the GIL to finish is not waiting for it.
                let ends = matches!(self.trace.events.get(at as usize + 1).map(|e| &e.kind), Some(EventKind::ThreadDone { thread: t, .. }) if t == thread);
                if !ends {
                    self.switch(*thread, at, Activity::GilWait);
                }
            }
            EventKind::ThreadBlocked { thread, on, .. } => {
                self.ensure_thread(*thread, None, at);
                let activity = match self.threads.blocked_on.remove(thread) {
                    Some(r) => Activity::Waiting(self.wait_on_resource(r)),
                    None => match on {
                        BlockReason::Sleep { until } => {
                            self.threads.sleeping_until.insert(*thread, *until);
                            Activity::Sleeping
                        }
                        _ => Activity::Waiting(WaitOn::Other),
                    },
                };
                self.switch(*thread, at, activity);
            }
            EventKind::ThreadDone { thread, ok } => {
                let outcome = if *ok {
                    TaskOutcome::Returned { value: "None".into() }
                } else {
                    TaskOutcome::Raised { exception: "an exception escaped the thread".into() }
                };
                self.done(*thread, at, outcome);
            }
            _ => {}
        }
    }

    /// What a thread blocked on resource `r` waits on, by the resource's kind.
    fn wait_on_resource(&self, r: ResourceId) -> WaitOn {
        match self.resources.kinds.get(&r) {
            Some(ResourceKind::Semaphore | ResourceKind::BoundedSemaphore) => WaitOn::Semaphore(r),
            Some(ResourceKind::Event) => WaitOn::Event(r),
            Some(ResourceKind::Condition) => WaitOn::Condition(r),
            Some(ResourceKind::Queue | ResourceKind::PriorityQueue | ResourceKind::LifoQueue) => WaitOn::Queue(r),
            _ => WaitOn::Lock(r),
        }
    }

    /// A process starts: its main thread gets a lane under the main thread of its parent.
    fn process_created(&mut self, at: u32, process: u32, name: &str, core: u32, parent: Option<u32>, main_thread: TaskId) {
        let parent_lane = parent.and_then(|p| self.threads.main_of.get(&p).copied()).and_then(|t| self.lane_of.get(&t).copied());
        let detail = format!("process on core {core}");
        // A new process has a GIL of its own that nobody holds: it is starting up, not waiting.
        self.add_lane(new_lane(LaneKind::Process, Some(main_thread), name, &detail, parent_lane, at), Activity::Ready, at);
        if let (None, Some(p)) = (parent_lane, parent) {
            // The parent's main thread shows up later (the program's own has no event).
            self.threads.orphans.push((self.lanes.len() - 1, p));
        }
        self.threads.main_of.insert(process, main_thread);
        self.tl.task_names.insert(main_thread, name.to_string());
        self.tl.process_names.insert(process, name.to_string());
    }

    /// Gives a thread no event created (the program's main thread) its lane, running from the
    /// start of the run.
    fn ensure_thread(&mut self, thread: TaskId, process: Option<u32>, at: u32) {
        if self.lane_of.contains_key(&thread) {
            return;
        }
        let first = !self.lanes.iter().any(|l| l.kind == LaneKind::Thread && l.parent.is_none() && l.detail == "main thread");
        let name = if first { "MainThread".to_string() } else { format!("Thread #{thread}") };
        self.add_lane(new_lane(LaneKind::Thread, Some(thread), &name, "main thread", None, 0), Activity::GilWait, 0);
        if let Some(o) = self.open.get_mut(&thread) {
            // It was running the program from the start until this first event about it.
            o.activity = Activity::Running { line: 0 };
            if at == 0 {
                o.since = 0;
            }
        }
        if let Some(p) = process {
            self.threads.main_of.entry(p).or_insert(thread);
            self.tl.process_names.entry(p).or_insert_with(|| "MainProcess".to_string());
        }
        self.tl.task_names.insert(thread, name);
    }

    /// Moves a thread to `activity`, unless it is still asleep by the clock: then it takes up
    /// `activity` once the clock reaches its deadline.
    fn wake(&mut self, thread: TaskId, now: f64, at: u32, activity: Activity) {
        if let Some(&until) = self.threads.sleeping_until.get(&thread) {
            let asleep = self.open.get(&thread).is_some_and(|o| o.activity == Activity::Sleeping);
            if asleep && now < until - 1e-9 {
                self.threads.woken.insert(thread, (until, activity));
                return;
            }
        }
        self.switch(thread, at, activity);
    }

    /// Adds `lane` for its task, open from event `since` doing `activity`.
    fn add_lane(&mut self, lane: Lane, activity: Activity, since: u32) {
        let task = lane.task.expect("only the program's lane has no task");
        self.lanes.push(lane);
        let index = self.lanes.len() - 1;
        self.lane_of.insert(task, index);
        self.open.insert(task, Open { lane: index, since, activity });
    }

    /// The lane of `task`, or the program's.
    fn lane_for(&self, task: Option<TaskId>) -> usize {
        task.and_then(|t| self.lane_of.get(&t).copied()).unwrap_or(0)
    }

    /// `task` does `activity` from event `at` (if its lane is open).
    fn switch(&mut self, task: TaskId, at: u32, activity: Activity) {
        let Some(o) = self.open.get_mut(&task) else { return };
        // Ready after created, Ready again: one segment.
        if activity == o.activity && !matches!(activity, Activity::Running { .. }) {
            return;
        }
        if at > o.since {
            self.lanes[o.lane].segments.push(Segment { start: o.since, end: at, activity: o.activity });
        }
        o.since = at;
        o.activity = activity;
    }

    /// `task` finished at event `at`.
    fn done(&mut self, task: TaskId, at: u32, outcome: TaskOutcome) {
        if let Some(o) = self.open.remove(&task) {
            close(&mut self.lanes, &o, at);
            self.lanes[o.lane].done = Some((at, outcome));
        }
    }

    /// Closes the lanes still open (a deadlock, a step budget: their last state runs on to
    /// the end), settles the orphans, and orders the lanes as a tree.
    pub(super) fn finish(mut self) -> Timeline {
        let last = self.trace.events.len().saturating_sub(1) as u32;
        for o in self.open.values() {
            close(&mut self.lanes, o, last);
            if o.since == last && matches!(o.activity, Activity::Waiting(_)) && !self.trace.events.is_empty() {
                // It began to wait at the very last event (a deadlock's last block): an empty
                // segment keeps what it waits for, as its lane and state show.
                self.lanes[o.lane].segments.push(Segment { start: last, end: last, activity: o.activity });
            }
            self.lanes[o.lane].at_end = Some(o.activity);
        }
        for (lane, process) in std::mem::take(&mut self.threads.orphans) {
            if let Some(&parent) = self.threads.main_of.get(&process).and_then(|t| self.lane_of.get(t)) {
                self.lanes[lane].parent = Some(parent);
            }
        }
        self.tl.deadlock_at = deadlock_moment(self.trace);
        self.tl.lanes = tree_order(self.lanes);
        self.tl
    }
}

/// An empty lane created at event `created`.
fn new_lane(kind: LaneKind, task: Option<TaskId>, name: &str, detail: &str, parent: Option<usize>, created: u32) -> Lane {
    Lane {
        kind,
        task,
        name: name.to_string(),
        detail: detail.to_string(),
        depth: 0,
        parent,
        internal: false,
        segments: Vec::new(),
        markers: Vec::new(),
        created,
        done: None,
        at_end: None,
    }
}

/// Ends an open lane's current segment at event `at`.
fn close(lanes: &mut [Lane], o: &Open, at: u32) {
    if at > o.since {
        lanes[o.lane].segments.push(Segment { start: o.since, end: at, activity: o.activity });
    }
}

/// Reorders lanes depth-first (children after their parent, in creation order), setting
/// `depth` and remapping `parent` to the new indices.
fn tree_order(lanes: Vec<Lane>) -> Vec<Lane> {
    let n = lanes.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, l) in lanes.iter().enumerate() {
        match l.parent {
            Some(p) if p < n && p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut order: Vec<(usize, u32, Option<usize>)> = Vec::with_capacity(n);
    // An explicit stack: task trees can be deep (a chain of tasks each creating the next).
    let mut stack: Vec<(usize, u32, Option<usize>)> = roots.iter().rev().map(|&r| (r, 0, None)).collect();
    while let Some((i, depth, parent)) = stack.pop() {
        let at = order.len();
        order.push((i, depth, parent));
        for &c in children[i].iter().rev() {
            stack.push((c, depth + 1, Some(at)));
        }
    }
    let mut slots: Vec<Option<Lane>> = lanes.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|(i, depth, parent)| {
            let mut lane = slots[i].take().expect("each lane once");
            lane.depth = depth;
            lane.parent = parent;
            lane
        })
        .collect()
}

/// For a run that ended in a deadlock: the last event before the runtime started cancelling
/// the stuck tasks, i.e. the moment every task of the cycle waited for good.
fn deadlock_moment(trace: &Trace) -> Option<u32> {
    let cycle = match &trace.end {
        Some(RunEnd::Deadlock { cycle, .. }) => cycle,
        _ => return None,
    };
    let mut last_wait: Option<u32> = None;
    for (i, e) in trace.events.iter().enumerate() {
        match &e.kind {
            EventKind::TaskWaiting { task, .. } if cycle.contains(task) || cycle.is_empty() => last_wait = Some(i as u32),
            EventKind::TaskWaiting { .. } if last_wait.is_none() => last_wait = Some(i as u32),
            // The runtime's clean-up after the deadlock: cancellations nobody asked for.
            EventKind::CancelRequested { by: None, .. } if last_wait.is_some() => return last_wait,
            _ => {}
        }
    }
    last_wait.or(Some(trace.events.len().saturating_sub(1) as u32))
}
