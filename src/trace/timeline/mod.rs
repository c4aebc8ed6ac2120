//! The timeline the UI draws, derived from a trace: one lane per task, nested under the task
//! that created it, each a sequence of coloured segments (what the task was doing between two
//! events) and markers (output, lock hand-offs, cancellations, exceptions).
//!
//! Everything here is a pure function of the [`Trace`]: [`Timeline::build`] walks the events
//! once (the `builder` module, one method per family of events), so the UI can afford to rebuild it for every run, and drawing only has to look up the
//! segments that intersect the visible window ([`Lane::visible`], a binary search).
//!
//! Positions: the virtual clock alone would squeeze every step that takes no virtual time (all
//! of them, but for `time.sleep`) into one instant, and the event count alone would make a
//! one-second sleep as short as a `print`. So each event gets an x position that advances by
//! one per event *and* in proportion to the virtual time that passed ([`Timeline::x`]): the
//! two shares are equal over the whole run, so both the order of steps and the sleeps show.

mod builder;

use super::describe::Names;
use super::{ResourceId, TaskId, TaskOutcome, Trace, Wait};
use builder::Builder;
use std::collections::HashMap;

/// What a task is doing during a segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activity {
    /// Its step is on the ready queue: it could run, but another task has the loop.
    Ready,
    /// A thread that could run, waiting for its process's GIL.
    GilWait,
    /// It is running (at this source line; 0 when unknown).
    Running {
        /// The source line; 0 when unknown.
        line: u32,
    },
    /// `time.sleep` inside it holds the whole thread: nothing else can run.
    Blocking,
    /// `await asyncio.sleep(..)`.
    Sleeping,
    /// Suspended, waiting for something other than the clock.
    Waiting(WaitOn),
}

/// What a waiting task waits for, reduced to what the timeline colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitOn {
    /// Another task to finish.
    Task(TaskId),
    /// A future no primitive owns (gather, shield, `loop.create_future()`...).
    Future,
    /// `Lock.acquire()` on this lock.
    Lock(ResourceId),
    /// `Semaphore.acquire()` on this semaphore.
    Semaphore(ResourceId),
    /// `Event.wait()` on this event.
    Event(ResourceId),
    /// `Condition.wait()` on this condition.
    Condition(ResourceId),
    /// A queue: to get an item, to put one, or for every item to be done.
    Queue(ResourceId),
    /// A thread blocked on something else: joining a thread or process, a process queue...
    Other,
}

impl WaitOn {
    fn of(wait: &Wait) -> Option<WaitOn> {
        Some(match wait {
            Wait::Sleep { .. } => return None,
            Wait::Task { task } => WaitOn::Task(*task),
            Wait::Future { .. } => WaitOn::Future,
            Wait::Lock { lock } => WaitOn::Lock(*lock),
            Wait::Semaphore { semaphore } => WaitOn::Semaphore(*semaphore),
            Wait::Event { event } => WaitOn::Event(*event),
            Wait::Condition { condition } => WaitOn::Condition(*condition),
            Wait::QueueGet { queue } | Wait::QueuePut { queue } | Wait::QueueJoin { queue } => WaitOn::Queue(*queue),
        })
    }

    /// The resource waited on, if it is a primitive.
    pub fn resource(self) -> Option<ResourceId> {
        match self {
            WaitOn::Lock(r) | WaitOn::Semaphore(r) | WaitOn::Event(r) | WaitOn::Condition(r) | WaitOn::Queue(r) => Some(r),
            WaitOn::Task(_) | WaitOn::Future | WaitOn::Other => None,
        }
    }
}

/// One stretch of a lane: `activity` from event `start` up to event `end` (indices into
/// `trace.events`; the segment spans `x[start]..x[end]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// The event index it starts at.
    pub start: u32,
    /// The event index it ends at.
    pub end: u32,
    /// What the task was doing meanwhile.
    pub activity: Activity,
}

/// Something that happened at one event, drawn as a symbol on a lane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A line of output (`stderr` for the error stream).
    Output {
        /// True for `stderr`.
        stderr: bool,
    },
    /// The task got a lock or permit that `from` had released at event `released`: a hand-off.
    Handoff {
        /// The lock or semaphore.
        resource: ResourceId,
        /// The task that released it; None outside any task.
        from: Option<TaskId>,
        /// The index of the `Released` event.
        released: u32,
    },
    /// `task.cancel()` was called on this task.
    CancelRequested,
    /// `CancelledError` was thrown into the task.
    Cancelled,
    /// An exception escaped the task (or the program).
    Exception,
    /// A preemption (explore mode): the scheduler set this thread aside although it could
    /// have gone on, and ran `to` instead; the event's `shared` names what this thread was
    /// about to read or write.
    Preemption {
        /// The thread that ran instead.
        to: Option<TaskId>,
        /// The event where another thread wrote that same variable before this one ran
        /// again (a `value_set`): the two threads touched it on both sides of the switch.
        clash: Option<u32>,
    },
}

/// A mark at one event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// The event index.
    pub at: u32,
    /// What happened there.
    pub mark: Mark,
}

/// What a lane stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneKind {
    /// Module code and callbacks outside any task.
    Program,
    /// An asyncio task.
    Task,
    /// A thread (the program's main thread included).
    Thread,
    /// A process, drawn as its main thread.
    Process,
}

/// A row of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// What the lane stands for.
    pub kind: LaneKind,
    /// The task or thread (they share one id space), or `None` for the program's own lane.
    pub task: Option<TaskId>,
    /// `Task-2`, or `Program` for the program lane.
    pub name: String,
    /// What it runs: `increase_counter()`.
    pub detail: String,
    /// Nesting depth under the task that created it (the program lane and root tasks are 0).
    pub depth: u32,
    /// The index in [`Timeline::lanes`] of the lane it is nested under.
    pub parent: Option<usize>,
    /// Created by the runtime, not by the program (asyncio.run's shutdown steps).
    pub internal: bool,
    /// In order, not overlapping.
    pub segments: Vec<Segment>,
    /// In event order.
    pub markers: Vec<Marker>,
    /// The event that created the task, and the one that finished it.
    pub created: u32,
    /// The event that finished it, and how; None while it runs.
    pub done: Option<(u32, TaskOutcome)>,
    /// What it was still doing when the trace ended, if it never finished.
    pub at_end: Option<Activity>,
}

impl Lane {
    /// The segments that intersect event positions `[x0, x1]`, given the timeline's `x`.
    pub fn visible<'a>(&'a self, x: &'a [f64], x0: f64, x1: f64) -> impl Iterator<Item = &'a Segment> + 'a {
        let first = self.segments.partition_point(|s| x[s.end as usize] < x0);
        self.segments[first..].iter().take_while(move |s| x[s.start as usize] <= x1)
    }

    /// The markers between event positions `[x0, x1]`.
    pub fn visible_markers<'a>(&'a self, x: &'a [f64], x0: f64, x1: f64) -> impl Iterator<Item = &'a Marker> + 'a {
        let first = self.markers.partition_point(|m| x[m.at as usize] < x0);
        self.markers[first..].iter().take_while(move |m| x[m.at as usize] <= x1)
    }

    /// The segment covering event position `at`, if any.
    pub fn segment_at(&self, x: &[f64], at: f64) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| x[s.end as usize] < at);
        self.segments.get(i).filter(|s| x[s.start as usize] <= at)
    }
}

/// The lanes of a run and where each event sits on the horizontal axis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// Display order: the program lane, then a depth-first walk of the task tree.
    pub lanes: Vec<Lane>,
    /// The horizontal position of each event (non-decreasing).
    pub x: Vec<f64>,
    /// The virtual time of the last event.
    pub t_end: f64,
    /// Names of tasks by id (`Task-2`).
    pub task_names: HashMap<TaskId, String>,
    /// Names of resources by id (`Lock #1`).
    pub resource_names: HashMap<ResourceId, String>,
    /// When each timer was due, and what it was for, by handle.
    pub timers: HashMap<u32, (f64, String)>,
    /// Indices of the output events, in order (for "output up to the playhead").
    pub outputs: Vec<u32>,
    /// For a deadlock: the event after which every task of the cycle waited for good.
    pub deadlock_at: Option<u32>,
    /// How many preemption marks the lanes carry (explore mode; 0 in a normal run).
    pub preemptions: usize,
    /// Names of processes by id (`Process-1`; the program's own is `MainProcess`).
    pub process_names: HashMap<u32, String>,
    /// Primitives only the runtime's own code stored (a `Pool`'s queues): hidden unless the
    /// page shows internals.
    pub internal_resources: std::collections::HashSet<ResourceId>,
    /// The kind of each primitive.
    pub resource_kinds: HashMap<ResourceId, super::ResourceKind>,
}

impl Timeline {
    /// Builds the timeline of `trace` in one pass over its events.
    pub fn build(trace: &Trace) -> Timeline {
        let mut builder = Builder::new(trace);
        for (i, e) in trace.events.iter().enumerate() {
            builder.event(i as u32, e);
        }
        builder.finish()
    }

    /// The lane of `task`.
    pub fn lane_of(&self, task: TaskId) -> Option<usize> {
        self.lanes.iter().position(|l| l.task == Some(task))
    }

    /// The name of a task (`Task-3`), or `Task #id` if the trace never named it.
    pub fn task_name(&self, task: TaskId) -> String {
        self.task_names.get(&task).cloned().unwrap_or_else(|| format!("Task #{task}"))
    }

    /// The name of a resource (`Lock #1`).
    pub fn resource_name(&self, resource: ResourceId) -> String {
        self.resource_names.get(&resource).cloned().unwrap_or_else(|| format!("resource #{resource}"))
    }

    /// The horizontal extent of the run: `x` of the last event (at least 1).
    pub fn width(&self) -> f64 {
        self.x.last().copied().unwrap_or(0.0).max(1.0)
    }

    /// The index of the event nearest to position `at`.
    pub fn nearest_event(&self, at: f64) -> Option<usize> {
        if self.x.is_empty() {
            return None;
        }
        let i = self.x.partition_point(|&x| x < at);
        if i == 0 {
            return Some(0);
        }
        if i >= self.x.len() {
            return Some(self.x.len() - 1);
        }
        Some(if at - self.x[i - 1] <= self.x[i] - at { i - 1 } else { i })
    }

    /// The event of lane `lane` (where its segments begin and end, its marks) nearest to
    /// position `at`: a click on a lane lands on that lane's own event.
    pub fn nearest_event_of(&self, lane: usize, at: f64) -> Option<usize> {
        let l = self.lanes.get(lane)?;
        let points = l.segments.iter().flat_map(|s| [s.start, s.end]).chain(l.markers.iter().map(|m| m.at)).chain(std::iter::once(l.created));
        points
            .filter(|&i| (i as usize) < self.x.len())
            .min_by(|&a, &b| (self.x[a as usize] - at).abs().total_cmp(&(self.x[b as usize] - at).abs()).then(a.cmp(&b)))
            .map(|i| i as usize)
    }

    /// How many output lines were printed by the first `n` events.
    pub fn outputs_before(&self, n: usize) -> usize {
        self.outputs.partition_point(|&i| (i as usize) < n)
    }
}

impl Names for Timeline {
    fn task(&self, id: TaskId) -> String {
        self.task_name(id)
    }

    fn resource(&self, id: ResourceId) -> String {
        self.resource_name(id)
    }

    fn process(&self, id: u32) -> String {
        self.process_names.get(&id).cloned().unwrap_or_else(|| format!("Process #{id}"))
    }
}

/// The x position of every event: one unit per event, plus the time that passed, scaled so
/// that time and events each take half of the run's width. The program's variables
/// (`EventKind::is_value`) take no room: they sit at the event whose step stored them.
pub fn positions(trace: &Trace) -> Vec<f64> {
    let n = trace.events.iter().filter(|e| !e.kind.is_value()).count();
    let t_end = trace.events.last().map(|e| e.t).unwrap_or(0.0);
    let per_second = if t_end > 0.0 { n as f64 / t_end } else { 0.0 };
    let mut k = 0usize;
    trace
        .events
        .iter()
        .map(|e| {
            let unit = if e.kind.is_value() {
                k.saturating_sub(1)
            } else {
                k += 1;
                k - 1
            };
            unit as f64 + e.t * per_second
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{BlockReason, Event, EventKind, RunEnd, Stream};

    fn ev(t: f64, kind: EventKind) -> Event {
        Event { t, step: 0, kind }
    }

    fn created(task: TaskId, name: &str, parent: Option<TaskId>, coro: &str) -> EventKind {
        EventKind::TaskCreated { task, name: name.into(), parent, coro: coro.into(), line: 1, args: String::new() }
    }

    /// main (Task-1) starts two children; Task-2 takes the lock and sleeps, Task-3 waits for it
    /// and gets it handed over at t=1.
    fn lock_trace() -> Trace {
        use EventKind::*;
        let events = vec![
            ev(0.0, ResourceCreated { resource: 9, kind: crate::trace::ResourceKind::Lock, name: "Lock #9".into(), capacity: None }),
            ev(0.0, created(1, "Task-1", None, "main")),
            ev(0.0, TaskReady { task: 1 }),
            ev(0.0, TaskRunning { task: 1, line: 3 }),
            ev(0.0, created(2, "Task-2", Some(1), "worker")),
            ev(0.0, TaskReady { task: 2 }),
            ev(0.0, created(3, "Task-3", Some(1), "worker")),
            ev(0.0, TaskReady { task: 3 }),
            ev(0.0, TaskWaiting { task: 1, line: 4, wait: Wait::Future { future: 5, what: "gather".into() } }),
            ev(0.0, TaskRunning { task: 2, line: 7 }),
            ev(0.0, Acquired { resource: 9, task: Some(2), value: None }),
            ev(0.0, TaskWaiting { task: 2, line: 8, wait: Wait::Sleep { until: 1.0 } }),
            ev(0.0, TaskRunning { task: 3, line: 7 }),
            ev(0.0, Blocked { resource: 9, task: 3 }),
            ev(0.0, TaskWaiting { task: 3, line: 7, wait: Wait::Lock { lock: 9 } }),
            ev(1.0, TaskReady { task: 2 }),
            ev(1.0, TaskRunning { task: 2, line: 8 }),
            ev(1.0, Output { task: Some(2), stream: Stream::Stdout, text: "done".into() }),
            ev(1.0, Released { resource: 9, task: Some(2), value: None }),
            ev(1.0, TaskReady { task: 3 }),
            ev(1.0, TaskDone { task: 2, outcome: TaskOutcome::Returned { value: "None".into() } }),
            ev(1.0, TaskRunning { task: 3, line: 7 }),
            ev(1.0, Acquired { resource: 9, task: Some(3), value: None }),
            ev(1.0, TaskDone { task: 3, outcome: TaskOutcome::Returned { value: "None".into() } }),
        ];
        Trace { version: 1, file: "t.py".into(), events, end: Some(RunEnd::Finished) }
    }

    #[test]
    fn lanes_nest_children_under_their_parent() {
        let tl = Timeline::build(&lock_trace());
        let names: Vec<(&str, u32)> = tl.lanes.iter().map(|l| (l.name.as_str(), l.depth)).collect();
        // main() is the only task running main: its call labels it; two workers keep their names.
        assert_eq!(names, [("Program", 0), ("main()", 0), ("Task-2", 1), ("Task-3", 1)]);
        assert_eq!(tl.lanes[1].detail, "Task-1");
        assert_eq!(tl.lanes[2].parent, Some(1));
        assert_eq!(tl.lanes[2].detail, "worker()");
        assert_eq!(tl.lane_of(3), Some(3));
    }

    #[test]
    fn segments_follow_the_task_states() {
        let tl = Timeline::build(&lock_trace());
        let t3 = &tl.lanes[3];
        let acts: Vec<(u32, u32, Activity)> = t3.segments.iter().map(|s| (s.start, s.end, s.activity)).collect();
        assert_eq!(
            acts,
            [
                (6, 12, Activity::Ready),
                (12, 14, Activity::Running { line: 7 }),
                (14, 19, Activity::Waiting(WaitOn::Lock(9))),
                (19, 21, Activity::Ready),
                (21, 23, Activity::Running { line: 7 }),
            ]
        );
        assert!(matches!(t3.done, Some((23, TaskOutcome::Returned { .. }))));
        let t2 = &tl.lanes[2];
        assert!(t2.segments.iter().any(|s| s.activity == Activity::Sleeping && s.start == 11 && s.end == 15));
    }

    #[test]
    fn segments_do_not_overlap_and_stay_in_order() {
        let tl = Timeline::build(&lock_trace());
        for lane in &tl.lanes {
            for w in lane.segments.windows(2) {
                assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn markers_show_output_and_the_lock_handoff() {
        let tl = Timeline::build(&lock_trace());
        assert_eq!(tl.lanes[2].markers, [Marker { at: 17, mark: Mark::Output { stderr: false } }]);
        assert_eq!(tl.lanes[3].markers, [Marker { at: 22, mark: Mark::Handoff { resource: 9, from: Some(2), released: 18 } }]);
        assert_eq!(tl.outputs, [17]);
        assert_eq!(tl.outputs_before(17), 0);
        assert_eq!(tl.outputs_before(18), 1);
    }

    #[test]
    fn positions_give_time_and_events_equal_shares() {
        let trace = lock_trace();
        let tl = Timeline::build(&trace);
        let n = trace.events.len() as f64;
        assert_eq!(tl.x[0], 0.0);
        assert!(tl.x.windows(2).all(|w| w[0] < w[1]));
        // Half of the width is the one second that passed between events 14 and 15.
        assert!((tl.x[15] - tl.x[14] - (1.0 + n)).abs() < 1e-9);
        assert!((tl.width() - (2.0 * n - 1.0)).abs() < 1e-9);
        assert_eq!(tl.nearest_event(14.4), Some(14));
        assert_eq!(tl.nearest_event(-3.0), Some(0));
        assert_eq!(tl.nearest_event(1e9), Some(trace.events.len() - 1));
    }

    #[test]
    fn a_click_on_a_lane_lands_on_that_lanes_nearest_event() {
        let tl = Timeline::build(&lock_trace());
        // Between events 15 and 16 Task-3 (lane 3) has no event of its own: its wait runs 14..19.
        let at = tl.x[16];
        assert_eq!(tl.nearest_event(at), Some(16));
        let got = tl.nearest_event_of(3, at).unwrap();
        assert!([14, 19].contains(&got), "{got}");
        assert_eq!(tl.nearest_event_of(2, tl.x[17]), Some(17), "Task-2's own output");
    }

    #[test]
    fn visible_finds_only_segments_in_the_window() {
        let tl = Timeline::build(&lock_trace());
        let lane = &tl.lanes[3];
        let (x0, x1) = (tl.x[13], tl.x[13] + 0.5);
        let vis: Vec<_> = lane.visible(&tl.x, x0, x1).map(|s| s.start).collect();
        assert_eq!(vis, [12]);
        assert_eq!(lane.segment_at(&tl.x, tl.x[16]).map(|s| s.activity), Some(Activity::Waiting(WaitOn::Lock(9))));
        assert!(lane.segment_at(&tl.x, tl.x[2]).is_none());
        let all: Vec<_> = lane.visible(&tl.x, f64::MIN, f64::MAX).collect();
        assert_eq!(all.len(), lane.segments.len());
    }

    #[test]
    fn blocking_sleep_is_its_own_segment() {
        use EventKind::*;
        let events = vec![
            ev(0.0, created(1, "Task-1", None, "main")),
            ev(0.0, TaskRunning { task: 1, line: 2 }),
            ev(0.0, Blocking { task: Some(1), line: 0, seconds: 3.0 }),
            ev(3.0, Output { task: Some(1), stream: Stream::Stdout, text: "x".into() }),
            ev(3.0, TaskDone { task: 1, outcome: TaskOutcome::Cancelled }),
        ];
        let tl = Timeline::build(&Trace { events, ..Default::default() });
        let acts: Vec<_> = tl.lanes[1].segments.iter().map(|s| (s.start, s.end, s.activity)).collect();
        assert_eq!(
            acts,
            [
                (0, 1, Activity::Ready),
                (1, 2, Activity::Running { line: 2 }),
                (2, 3, Activity::Blocking),
                (3, 4, Activity::Running { line: 0 })
            ]
        );
    }

    #[test]
    fn shutdown_tasks_are_internal_and_deep_trees_do_not_recurse() {
        let mut events = vec![ev(0.0, created(1, "Task-1", None, "main"))];
        for t in 2..5000 {
            events.push(ev(0.0, created(t, &format!("Task-{t}"), Some(t - 1), "f")));
        }
        events.push(ev(0.0, created(9999, "Task-9999", None, "shutdown")));
        let tl = Timeline::build(&Trace { events, ..Default::default() });
        assert_eq!(tl.lanes.len(), 5001);
        assert_eq!(tl.lanes[4999].depth, 4998);
        assert!(tl.lanes.last().unwrap().internal);
        assert!(!tl.lanes[1].internal);
    }

    #[test]
    fn deadlock_moment_is_before_the_clean_up() {
        use EventKind::*;
        let events = vec![
            ev(0.0, created(1, "Task-1", None, "main")),
            ev(0.0, created(2, "Task-2", Some(1), "w")),
            ev(0.0, TaskWaiting { task: 1, line: 1, wait: Wait::Task { task: 2 } }),
            ev(0.0, TaskWaiting { task: 2, line: 1, wait: Wait::Lock { lock: 1 } }),
            ev(0.0, CancelRequested { task: 2, by: None }),
            ev(0.0, CancelDelivered { task: 2, line: 1 }),
        ];
        let end = RunEnd::Deadlock { report: "r".into(), cycle: vec![2] };
        let tl = Timeline::build(&Trace { events, end: Some(end), ..Default::default() });
        assert_eq!(tl.deadlock_at, Some(3));
        assert_eq!(tl.lanes[2].markers.iter().map(|m| m.mark).collect::<Vec<_>>(), [Mark::CancelRequested, Mark::Cancelled]);
    }

    #[test]
    fn a_task_cancelled_before_it_ran_keeps_its_ready_segment() {
        use EventKind::*;
        let events = vec![
            ev(0.0, created(1, "Task-1", None, "main")),
            ev(0.0, TaskReady { task: 1 }),
            ev(0.0, CancelRequested { task: 1, by: None }),
            ev(0.0, TaskDone { task: 1, outcome: TaskOutcome::Cancelled }),
        ];
        let tl = Timeline::build(&Trace { events, ..Default::default() });
        assert_eq!(tl.lanes[1].segments, [Segment { start: 0, end: 3, activity: Activity::Ready }]);
    }

    fn engine_trace(source: &str) -> Trace {
        crate::session::run(source, &crate::session::RunOptions::default()).trace
    }

    #[test]
    fn threads_get_lanes_under_the_main_thread_with_gil_segments() {
        let trace = engine_trace(
            "import threading, time
def io(): time.sleep(1)
def cpu():
    t = 0
    for i in range(20000): t += i
ts = [threading.Thread(target=io), threading.Thread(target=cpu), threading.Thread(target=cpu)]
for t in ts: t.start()
for t in ts: t.join()
",
        );
        let tl = Timeline::build(&trace);
        let lanes: Vec<(&str, u32, LaneKind)> = tl.lanes.iter().skip(1).map(|l| (l.name.as_str(), l.depth, l.kind)).collect();
        assert_eq!(
            lanes,
            [
                ("MainThread", 0, LaneKind::Thread),
                ("Thread-1 (io)", 1, LaneKind::Thread),
                ("Thread-2 (cpu)", 1, LaneKind::Thread),
                ("Thread-3 (cpu)", 1, LaneKind::Thread)
            ]
        );
        let io = &tl.lanes[2];
        let sleep = io.segments.iter().find(|s| s.activity == Activity::Sleeping).expect("time.sleep in a thread sleeps");
        assert!(trace.events[sleep.end as usize].t >= 1.0 - 1e-9, "it sleeps until the clock reaches its deadline");
        assert!(!io.segments.iter().any(|s| s.activity == Activity::Blocking), "a thread's sleep blocks only the thread");
        let cpu = &tl.lanes[3];
        assert!(cpu.segments.iter().any(|s| s.activity == Activity::GilWait), "CPU-bound threads wait for the GIL");
        assert!(cpu.segments.iter().any(|s| matches!(s.activity, Activity::Running { .. })));
        assert!(matches!(cpu.done, Some((_, TaskOutcome::Returned { .. }))));
        let main = &tl.lanes[1];
        assert!(main.segments.iter().any(|s| s.activity == Activity::Waiting(WaitOn::Other)), "join blocks the main thread");
        for lane in &tl.lanes {
            for w in lane.segments.windows(2) {
                assert!(w[0].end <= w[1].start);
            }
        }
    }

    /// The events the engine records for a thread that sleeps 0.0004 s, prints and is joined.
    fn thread_trace() -> Trace {
        use EventKind::*;
        let events = vec![
            ev(0.000162, ThreadCreated { thread: 5, name: "Thread-1 (nap)".into(), process: 4, parent: Some(3), daemon: false }),
            ev(0.000174, GilReleased { thread: 3, process: 4 }),
            ev(0.000174, ThreadBlocked { thread: 3, line: 4, on: BlockReason::Started { thread: 5 } }),
            ev(0.000175, GilAcquired { thread: 5, process: 4 }),
            ev(0.000175, ThreadReady { thread: 3 }),
            ev(0.000195, Blocking { task: Some(5), line: 0, seconds: 0.0004 }),
            ev(0.000195, GilReleased { thread: 5, process: 4 }),
            ev(0.000195, ThreadBlocked { thread: 5, line: 2, on: BlockReason::Sleep { until: 0.000595 } }),
            ev(0.000196, GilAcquired { thread: 3, process: 4 }),
            ev(0.000216, GilReleased { thread: 3, process: 4 }),
            ev(0.000216, ThreadBlocked { thread: 3, line: 5, on: BlockReason::Join { thread: 5 } }),
            // Woken and given the GIL before its deadline: it sleeps on until event 13.
            ev(0.000218, ThreadReady { thread: 5 }),
            ev(0.000218, GilAcquired { thread: 5, process: 4 }),
            ev(0.000599, Output { task: Some(5), stream: Stream::Stdout, text: "up".into() }),
            ev(0.000612, GilReleased { thread: 5, process: 4 }),
            ev(0.000612, ThreadDone { thread: 5, ok: true }),
            ev(0.000613, ThreadReady { thread: 3 }),
            ev(0.000613, GilAcquired { thread: 3, process: 4 }),
        ];
        Trace { version: crate::trace::TRACE_VERSION, file: "t.py".into(), events, end: Some(RunEnd::Finished) }
    }

    #[test]
    fn a_thread_program_has_a_lane_per_thread_with_gil_segments() {
        let tl = Timeline::build(&thread_trace());
        let lanes: Vec<(&str, u32, LaneKind, &str)> = tl.lanes.iter().map(|l| (l.name.as_str(), l.depth, l.kind, l.detail.as_str())).collect();
        assert_eq!(
            lanes,
            [
                ("Program", 0, LaneKind::Program, "module code and callbacks"),
                ("MainThread", 0, LaneKind::Thread, "main thread"),
                ("Thread-1 (nap)", 1, LaneKind::Thread, "thread")
            ]
        );
        let segments = |lane: usize| tl.lanes[lane].segments.iter().map(|s| (s.start, s.end, s.activity)).collect::<Vec<_>>();
        let blocked = Activity::Waiting(WaitOn::Other);
        let running = Activity::Running { line: 0 };
        assert_eq!(
            segments(1),
            [
                (0, 1, running),
                (1, 2, Activity::GilWait),
                (2, 4, blocked),
                (4, 8, Activity::GilWait),
                (8, 9, running),
                (9, 10, Activity::GilWait),
                (10, 16, blocked),
                (16, 17, Activity::GilWait)
            ]
        );
        assert_eq!(tl.lanes[1].at_end, Some(running));
        assert_eq!(
            segments(2),
            // It lets go of the GIL at 14 only to finish at 15: still running, not waiting.
            [(0, 3, Activity::GilWait), (3, 6, running), (6, 7, Activity::GilWait), (7, 13, Activity::Sleeping), (13, 15, running)]
        );
        assert!(matches!(tl.lanes[2].done, Some((15, TaskOutcome::Returned { .. }))));
        assert_eq!(tl.lanes[2].markers, [Marker { at: 13, mark: Mark::Output { stderr: false } }]);
    }

    #[test]
    fn a_threads_sleep_lasts_until_its_exact_deadline() {
        // 0.0004 s: a deadline rounded to milliseconds would end the sleep early or late.
        let trace = engine_trace(
            "import threading, time
def nap():
    time.sleep(0.0004)
    print('up')
t = threading.Thread(target=nap)
t.start()
t.join()
",
        );
        let tl = Timeline::build(&trace);
        let nap = tl.lanes.iter().find(|l| l.name == "Thread-1 (nap)").expect("the thread's lane");
        let sleep = nap.segments.iter().find(|s| s.activity == Activity::Sleeping).expect("it sleeps");
        let EventKind::ThreadBlocked { on: BlockReason::Sleep { until }, .. } = &trace.events[sleep.start as usize].kind else {
            panic!("the sleep starts at its ThreadBlocked: {:?}", trace.events[sleep.start as usize]);
        };
        let began = trace.events[sleep.start as usize].t;
        assert!((until - began - 0.0004).abs() < 1e-12, "the deadline keeps full precision: {until} after {began}");
        assert!(((until * 1000.0).round() - until * 1000.0).abs() > 1e-6, "the test needs a deadline off the millisecond grid: {until}");
        let end = trace.events[sleep.end as usize].t;
        assert!(end >= until - 1e-9, "it sleeps until the clock reaches {until}, not {end}");
        let before = trace.events[sleep.end as usize - 1].t;
        assert!(before < until - 1e-9, "and no longer: the event before its end is at {before}");
        // Woken (and given the GIL) early, it runs once the clock passes its deadline, and
        // prints: with the deadline rounded up to 0.001 it would sleep on until it finished.
        let after = nap.segments.iter().find(|s| s.start == sleep.end).map(|s| s.activity);
        assert!(matches!(after, Some(Activity::Running { .. })), "{:?}", nap.segments);
    }

    #[test]
    fn processes_nest_under_the_process_that_started_them() {
        let trace = engine_trace(
            "from multiprocessing import Process
def cook(n):
    print(n)
if __name__ == '__main__':
    ps = [Process(target=cook, args=(i,)) for i in range(2)]
    for p in ps: p.start()
    for p in ps: p.join()
",
        );
        let tl = Timeline::build(&trace);
        let lanes: Vec<(&str, u32, &str)> = tl.lanes.iter().skip(1).map(|l| (l.name.as_str(), l.depth, l.detail.as_str())).collect();
        assert_eq!(lanes[0], ("MainThread", 0, "main thread"));
        assert_eq!(lanes[1].0, "Process-1");
        assert_eq!(lanes[1].1, 1);
        assert!(lanes[1].2.starts_with("process on core"));
        assert_eq!(lanes[2].0, "Process-2");
        assert!(tl.process_names.values().any(|n| n == "Process-1"));
        // Each process has its own GIL: it neither starts nor ends waiting for one.
        for lane in tl.lanes.iter().filter(|l| l.kind == LaneKind::Process) {
            let (first, last) = (lane.segments.first().unwrap(), lane.segments.last().unwrap());
            assert_ne!(first.activity, Activity::GilWait, "{}: {:?}", lane.name, lane.segments);
            assert_ne!(last.activity, Activity::GilWait, "{}: {:?}", lane.name, lane.segments);
        }
    }

    #[test]
    fn a_thread_waiting_for_a_threading_lock_waits_on_that_lock() {
        let trace = engine_trace(
            "import threading, time
lock = threading.Lock()
def w():
    with lock:
        time.sleep(1)
ts = [threading.Thread(target=w) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
",
        );
        let tl = Timeline::build(&trace);
        let second = tl.lanes.iter().find(|l| l.name.starts_with("Thread-2")).expect("Thread-2");
        assert!(
            second.segments.iter().any(|s| matches!(s.activity, Activity::Waiting(WaitOn::Lock(_)))),
            "{:?}",
            second.segments
        );
        assert!(second.markers.iter().any(|m| matches!(m.mark, Mark::Handoff { .. })), "the lock is handed over");
    }

    #[test]
    fn an_empty_trace_gives_the_program_lane_only() {
        let tl = Timeline::build(&Trace::default());
        assert_eq!(tl.lanes.len(), 1);
        assert_eq!(tl.width(), 1.0);
        assert_eq!(tl.nearest_event(0.0), None);
    }
}
