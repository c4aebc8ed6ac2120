//! A finished run as the page shows it: the worker's reply, the timeline built from its trace,
//! and what went wrong in plain words. Built once per run; everything the panels draw at a
//! playhead is looked up from here.

use std::rc::Rc;

use crate::trace::state::{Snapshots, State as TraceState};
use crate::trace::timeline::{Activity, LaneKind, Timeline};
use crate::trace::EventKind;
use crate::trace::TaskOutcome;
use crate::trace::{RunEnd, TaskId};
use crate::protocol::RunReply;
use crate::ui::viewport::{choose_axis, Axis};

/// How many task colours there are (`--task-0` … `--task-7` in the page's CSS).
pub const TASK_COLOURS: usize = 8;

/// The step budget of a run started from the page.
pub const STEP_BUDGET: u64 = 20_000_000;

/// How the limit message of a stopped run's replay begins (`you pressed Stop after 1.2 s`).
pub const STOPPED_PREFIX: &str = "you pressed Stop after ";

/// A run, ready to show.
#[derive(Debug, Clone)]
pub struct RunView {
    /// What the worker sent: output, trace, how the run ended.
    pub reply: RunReply,
    /// The trace as lanes and segments.
    pub timeline: Timeline,
    /// The lanes shown, as indices into `timeline.lanes` (the runtime's own tasks are left out
    /// unless the page shows internals: [`RunView::show_internals`]).
    pub lanes: Vec<usize>,
    /// Where the virtual clock moves: (event index, new time), for the ruler.
    pub clock: Vec<(u32, f64)>,
    /// What went wrong, if anything.
    pub problem: Option<Problem>,
    /// Where the playhead starts: the end, or the moment of a deadlock.
    pub initial_playhead: usize,
    /// The lane selected at first: the first task's.
    pub initial_lane: Option<TaskId>,
    /// States every 1,000 events: a seek folds at most that many.
    pub snapshots: Snapshots,
    /// Each event's virtual time: its position on the axis to scale.
    pub times: Vec<f64>,
    /// The axis the timeline opens with (to scale unless zero-time bursts dominate).
    pub axis: Axis,
}

impl RunView {
    /// Builds the view of a reply.
    pub fn new(reply: RunReply) -> RunView {
        let timeline = Timeline::build(&reply.trace);
        let lanes = shown_lanes(&timeline, false);
        let mut clock = Vec::new();
        let mut last = f64::NAN;
        for (i, e) in reply.trace.events.iter().enumerate() {
            if e.t != last {
                clock.push((i as u32, e.t));
                last = e.t;
            }
        }
        let n = reply.trace.events.len();
        let initial_playhead = match timeline.deadlock_at {
            Some(at) => (at as usize + 1).min(n),
            None => n,
        };
        let initial_lane = lanes.iter().find_map(|&i| timeline.lanes[i].task);
        let problem = Problem::of(&reply);
        let snapshots = Snapshots::new(&reply.trace);
        let times: Vec<f64> = reply.trace.events.iter().map(|e| e.t).collect();
        // The variables' events sit at the step that stored them: they are not steps of their
        // own, and counting them would make every store look like a zero-time burst.
        let step_times: Vec<f64> = reply.trace.events.iter().filter(|e| !e.kind.is_value()).map(|e| e.t).collect();
        let axis = choose_axis(&step_times);
        RunView { reply, timeline, lanes, clock, problem, initial_playhead, initial_lane, snapshots, times, axis }
    }

    /// Each event's position on `axis`.
    pub fn xs(&self, axis: Axis) -> &[f64] {
        match axis {
            Axis::Scale => &self.times,
            Axis::Steps => &self.timeline.x,
        }
    }

    /// The run's extent on `axis`: its positions go from 0 to this.
    pub fn span(&self, axis: Axis) -> f64 {
        match axis {
            Axis::Scale => self.times.last().copied().unwrap_or(0.0),
            Axis::Steps => self.timeline.width(),
        }
    }

    /// Shows the runtime's own lanes (asyncio.run's shutdown tasks) too, or not.
    pub fn show_internals(&mut self, on: bool) {
        self.lanes = shown_lanes(&self.timeline, on);
    }

    /// The state at the playhead (after `playhead` events), from the nearest snapshot.
    pub fn state_at(&self, playhead: usize) -> TraceState {
        self.snapshots.at(&self.reply.trace, playhead)
    }

    /// The source line lane `lane` is at when event `event` has happened: at the event that
    /// resumed it, the line it resumed at; later in that step, the line where the step ends
    /// (where it suspends or blocks: the trace records no line in between); while it waits,
    /// the line it waits at. 0 when unknown.
    pub fn line_at(&self, lane: usize, event: usize) -> u32 {
        let l = &self.timeline.lanes[lane];
        let events = &self.reply.trace.events;
        let i = l.segments.partition_point(|s| (s.end as usize) <= event);
        let Some(seg) = l.segments.get(i).filter(|s| s.start as usize <= event) else {
            // Past its last segment: the line its last event names.
            let last = l.segments.last().map(|s| s.end as usize).filter(|&e| e <= event);
            return last.map_or(0, |e| event_line(&events[e].kind));
        };
        let start = event_line(&events[seg.start as usize].kind);
        match seg.activity {
            Activity::Running { line } if event > seg.start as usize => match event_line(&events[seg.end as usize].kind) {
                0 => line,
                end => end,
            },
            Activity::Running { line } if line > 0 => line,
            _ => start,
        }
    }

    /// The lane event `event` belongs to, if it is a task's or thread's.
    pub fn lane_of_event(&self, event: usize) -> Option<usize> {
        let task = event_task(&self.reply.trace.events.get(event)?.kind)?;
        self.timeline.lane_of(task)
    }

    /// The line to highlight at the playhead: the current event's line, in its lane.
    pub fn current_line(&self, playhead: usize) -> Option<(usize, u32)> {
        let event = playhead.checked_sub(1)?;
        let kind = &self.reply.trace.events[event].kind;
        // A store names its own line; one made by module code (before any task or thread
        // runs) belongs to the Program lane, which has no task of its own.
        if let EventKind::ValueSet { line, .. } = kind {
            let lane = self.lane_of_event(event).or_else(|| self.timeline.lanes.iter().position(|l| l.kind == LaneKind::Program))?;
            return Some((lane, *line)).filter(|(_, l)| *l > 0);
        }
        let lane = self.lane_of_event(event)?;
        Some((lane, self.line_at(lane, event))).filter(|(_, l)| *l > 0)
    }

    /// The colour of lane `lane` (an index into `timeline.lanes`): one of [`TASK_COLOURS`] by
    /// its row, the same in the timeline's label column and in the editor.
    pub fn colour_of(&self, lane: usize) -> u32 {
        let row = self.lanes.iter().position(|&i| i == lane).unwrap_or(lane);
        (row % TASK_COLOURS) as u32
    }

    /// The line each other live task is at, at the playhead (as Python Tutor shows every
    /// frame): (line, colour) of the lanes created and not yet finished, except the current
    /// event's, in row order; one per line (the first task at a line gives it its colour, as
    /// the editor marks a line once) and not the current event's line, at most `limit`. So
    /// a thousand tasks at the same two lines give the editor the same marks at most seeks.
    pub fn frame_lines(&self, playhead: usize, limit: usize) -> Vec<(u32, u32)> {
        let Some(event) = playhead.checked_sub(1) else { return vec![] };
        let current = self.lane_of_event(event);
        let mut seen: Vec<u32> = self.current_line(playhead).map(|(_, l)| l).into_iter().collect();
        self.lanes
            .iter()
            .filter(|&&i| Some(i) != current && self.timeline.lanes[i].task.is_some())
            .filter(|&&i| matches!(self.activity_at(i, playhead), Some(Ok(_))))
            .filter_map(|&i| {
                let line = self.line_at(i, event);
                if line == 0 || seen.contains(&line) {
                    return None;
                }
                seen.push(line);
                Some((line, self.colour_of(i)))
            })
            .take(limit)
            .collect()
    }

    /// What a thread or process lane is doing at the playhead, for the state panel: a class
    /// (`running`, `waiting`, `done`) and the words, naming what a blocked thread waits for.
    pub fn thread_status(&self, lane: usize, playhead: usize) -> Option<(&'static str, String)> {
        let event = playhead.checked_sub(1)?;
        Some(match self.activity_at(lane, playhead)? {
            Err(TaskOutcome::Raised { .. }) => ("done", "ended with an exception".to_string()),
            Err(_) => ("done", "finished".to_string()),
            Ok(Activity::Running { .. }) => ("running", "holds the GIL, running".to_string()),
            Ok(Activity::GilWait) | Ok(Activity::Ready) => ("waiting", "waiting for the GIL".to_string()),
            Ok(Activity::Sleeping) => ("waiting", "sleeping (time.sleep)".to_string()),
            Ok(Activity::Blocking) => ("running", "blocking in time.sleep".to_string()),
            Ok(Activity::Waiting(_)) => {
                // What it blocked on: the ThreadBlocked event that began its wait.
                let l = &self.timeline.lanes[lane];
                let seg = l.segments.iter().rev().find(|s| s.start as usize <= event);
                let on = seg.and_then(|s| match &self.reply.trace.events[s.start as usize].kind {
                    crate::trace::EventKind::ThreadBlocked { on, .. } => Some(on.describe(&self.timeline)),
                    _ => None,
                });
                ("waiting", on.unwrap_or_else(|| "blocked".into()))
            }
        })
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.reply.trace.events.len()
    }

    /// What lane `lane` (an index into `timeline.lanes`) is doing at the playhead: `None` before
    /// it exists; `Err(outcome)` once it has finished.
    pub fn activity_at(&self, lane: usize, playhead: usize) -> Option<Result<Activity, &TaskOutcome>> {
        let lane = &self.timeline.lanes[lane];
        let event = playhead.checked_sub(1)? as u32;
        if event < lane.created {
            return None;
        }
        if let Some((at, outcome)) = &lane.done {
            if event >= *at {
                return Some(Err(outcome));
            }
        }
        let i = lane.segments.partition_point(|s| s.end <= event);
        match lane.segments.get(i).filter(|s| s.start <= event) {
            Some(s) => Some(Ok(s.activity)),
            // Past its last segment: what it was doing when the trace ended.
            None => lane.at_end.map(Ok),
        }
    }

    /// The source line a thread or process lane is at, at the playhead: where it blocked, while
    /// it is blocked (the trace records no line for a thread that is running).
    pub fn thread_line(&self, lane: usize, playhead: usize) -> u32 {
        let l = &self.timeline.lanes[lane];
        let Some(event) = playhead.checked_sub(1) else { return 0 };
        let i = l.segments.partition_point(|s| (s.end as usize) <= event);
        let start = match l.segments.get(i).filter(|s| s.start as usize <= event) {
            Some(s) => s.start as usize,
            None => return 0,
        };
        match &self.reply.trace.events[start].kind {
            crate::trace::EventKind::ThreadBlocked { line, .. } => *line,
            _ => 0,
        }
    }

    /// True if nothing was recorded (a compile error, or no asyncio at all).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The lanes to draw: the runtime's own tasks only with `internals`, and the program lane
/// only when something happened outside the tasks.
fn shown_lanes(timeline: &Timeline, internals: bool) -> Vec<usize> {
    (0..timeline.lanes.len())
        .filter(|&i| {
            let lane = &timeline.lanes[i];
            (internals || !lane.internal) && (lane.task.is_some() || !lane.markers.is_empty())
        })
        .collect()
}

/// The source line an event records, 0 if none.
fn event_line(kind: &EventKind) -> u32 {
    match kind {
        EventKind::TaskRunning { line, .. }
        | EventKind::TaskWaiting { line, .. }
        | EventKind::CancelDelivered { line, .. }
        | EventKind::Exception { line, .. }
        | EventKind::Blocking { line, .. }
        | EventKind::ThreadBlocked { line, .. } => *line,
        _ => 0,
    }
}

/// The task or thread an event happened in or is about.
fn event_task(kind: &EventKind) -> Option<TaskId> {
    use EventKind::*;
    match kind {
        TaskCreated { task, .. } | TaskReady { task } | TaskRunning { task, .. } | TaskWaiting { task, .. } | TaskDone { task, .. } => Some(*task),
        TaskRenamed { task, .. } | CancelRequested { task, .. } | CancelDelivered { task, .. } | Blocked { task, .. } | GaveUp { task, .. } => Some(*task),
        HandedOver { to, .. } => Some(*to),
        Acquired { task, .. } | Released { task, .. } | QueuePut { task, .. } | QueueGot { task, .. } | Output { task, .. } => *task,
        Exception { task, .. } | Blocking { task, .. } => *task,
        ThreadCreated { thread, .. } | ThreadReady { thread } | GilAcquired { thread, .. } | GilReleased { thread, .. } => Some(*thread),
        ThreadBlocked { thread, .. } | ThreadDone { thread, .. } => Some(*thread),
        ProcessCreated { main_thread, .. } => Some(*main_thread),
        ValueSet { scope: crate::trace::Scope::Local { lane, .. } | crate::trace::Scope::Global { lane, .. }, .. } => *lane,
        FrameLeft { lane, .. } => *lane,
        _ => None,
    }
}

/// Two views are equal when they are the same view. A view is built once per run (and anew when
/// the shown lanes change), and the page compares every component's props, `Rc<RunView>`
/// among them, at every render: `Rc`'s `==` compares what it points to, and comparing a run of
/// 300,000 events with its 300 snapshots field by field cost a seek up to 40 ms.
impl PartialEq for RunView {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A shared run.
pub type Run = Rc<RunView>;

/// Something that went wrong, explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What kind of problem (styling, tests).
    pub kind: ProblemKind,
    /// One line: what happened.
    pub title: String,
    /// A sentence or two: why, and what to do.
    pub advice: String,
    /// The line of the program to mark in the editor.
    pub line: Option<u32>,
    /// The short message shown under that line.
    pub line_message: String,
    /// The raw text (traceback, deadlock report), shown in a monospace block.
    pub detail: String,
}

/// The kinds of problems, for styling and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// The program does not parse (or does not compile for another reason).
    Syntax,
    /// A construct Interleave does not run yet.
    Unsupported,
    /// An exception nothing caught.
    Exception,
    /// Every task waits and nothing can wake any of them.
    Deadlock,
    /// The run went past the step budget.
    StepBudget,
    /// The run went past another engine limit (memory, nesting).
    Limit,
    /// The user pressed Stop.
    Stopped,
    /// The engine's worker died.
    Crashed,
}

impl Problem {
    /// The problem a reply reports, if any.
    pub fn of(reply: &RunReply) -> Option<Problem> {
        match &reply.end {
            RunEnd::Finished => None,
            RunEnd::CompileError { line, col, message } => Some(compile_problem(*line, *col, message)),
            RunEnd::Exception { text } => {
                let name = text.split(':').next().unwrap_or(text).trim();
                let line = traceback_line(&reply.error_text, &reply.trace.file);
                Some(Problem {
                    kind: ProblemKind::Exception,
                    title: format!("Uncaught exception: {name}"),
                    advice: format!(
                        "{text} was raised and nothing caught it, so the program stopped. The traceback \
                         below shows where, the innermost call last{}.",
                        line.map(|l| format!(" (line {l} is marked in the editor)")).unwrap_or_default()
                    ),
                    line,
                    line_message: text.clone(),
                    detail: reply.error_text.trim_end().to_string(),
                })
            }
            RunEnd::Deadlock { report, cycle } => Some(Problem {
                kind: ProblemKind::Deadlock,
                title: if report.starts_with("Deadlock: every thread") { "Deadlock: every thread is blocked" } else { "Deadlock: every task is waiting" }.into(),
                advice: if cycle.is_empty() {
                    "Nothing can wake any of them, so the program can never finish: CPython would hang here. The \
                     timeline ends where it happened; the report below says what each task waits for."
                } else {
                    "Nothing can wake any of them, so the program can never finish: CPython would hang here. The \
                     timeline ends where it happened and draws the wait-for cycle in red; the state beside it shows \
                     who holds what."
                }
                .into(),
                line: None,
                line_message: String::new(),
                detail: report.trim_end().to_string(),
            }),
            RunEnd::Limit { message } if message.starts_with(STOPPED_PREFIX) => {
                let seconds: f64 = message[STOPPED_PREFIX.len()..].trim_end_matches(" s").parse().unwrap_or(0.0);
                Some(Problem {
                    advice: format!(
                        "You stopped the run. The timeline and the output show what it did until then ({} steps).",
                        thousands(reply.steps)
                    ),
                    ..Problem::stopped(seconds)
                })
            }
            RunEnd::Limit { message } if message.contains("step budget") => Some(Problem {
                kind: ProblemKind::StepBudget,
                title: format!("Stopped after {} steps", thousands(reply.steps)),
                advice: "The program ran past the step budget, so Interleave stopped it. This is often a loop \
                         that never ends, or one that never awaits and so never lets the other tasks run. The \
                         timeline shows what happened until then."
                    .into(),
                line: None,
                line_message: String::new(),
                detail: String::new(),
            }),
            RunEnd::Limit { message } => Some(Problem {
                kind: ProblemKind::Limit,
                title: "Interleave stopped the run".into(),
                advice: "The program went past one of the limits a run in the browser has.".into(),
                line: None,
                line_message: String::new(),
                detail: message.clone(),
            }),
        }
    }

    /// The problem shown when the user pressed Stop.
    pub fn stopped(seconds: f64) -> Problem {
        Problem {
            kind: ProblemKind::Stopped,
            title: format!("Stopped after {seconds:.1} s"),
            advice: "You stopped the run. Interleave records the whole run before it shows it, so a program \
                     that never ends shows nothing: give its loop an end, or let the step budget stop it."
                .into(),
            line: None,
            line_message: String::new(),
            detail: String::new(),
        }
    }

    /// The problem shown when the engine's worker died.
    pub fn crashed(message: &str) -> Problem {
        Problem {
            kind: ProblemKind::Crashed,
            title: "The engine stopped unexpectedly".into(),
            advice: "The run used more memory or deeper nesting than the browser allows, or Interleave hit a bug. \
                     A fresh engine has been started; try a smaller program."
                .into(),
            line: None,
            line_message: String::new(),
            detail: message.to_string(),
        }
    }
}

fn compile_problem(line: u32, col: u32, message: &str) -> Problem {
    let line = (line > 0).then_some(line);
    let at = line.map(|l| format!(" on line {l}")).unwrap_or_default();
    let bare = message.strip_prefix("SyntaxError:").map_or(message, str::trim);
    if bare.starts_with("'await' outside") {
        let message = bare;
        // CPython refuses it at compile time too: it is the learner's SyntaxError, with the fix.
        return Problem {
            kind: ProblemKind::Syntax,
            title: format!("Syntax error{at}: {message}"),
            advice: "`await` only works inside an `async def` function; a program's top level cannot await. Put \
                     the code in `async def main():` and start it with `asyncio.run(main())` at the end of the program."
                .into(),
            line,
            line_message: format!("SyntaxError: {message}"),
            detail: "async def main():\n    ...  # the code that awaits, indented\n\nasyncio.run(main())".into(),
        };
    }
    if let Some(rest) = message.strip_prefix("SyntaxError:") {
        let rest = rest.trim();
        Problem {
            kind: ProblemKind::Syntax,
            title: format!("Syntax error{at}"),
            advice: format!(
                "Python cannot read the program: {rest}. Check the brackets, quotes, colons and indentation \
                 around column {col}; the error is often at the end of the line before."
            ),
            line,
            line_message: format!("SyntaxError: {rest}"),
            detail: String::new(),
        }
    } else {
        let unsupported = message.contains("not supported") || message.contains("unsupported");
        Problem {
            kind: if unsupported { ProblemKind::Unsupported } else { ProblemKind::Syntax },
            title: if unsupported {
                format!("Not supported yet{at}")
            } else {
                format!("Interleave cannot run this program{at}")
            },
            advice: if unsupported {
                format!("{message}. Interleave runs a large part of Python, but not this construct yet; write it another way.")
            } else {
                format!("{message}.")
            },
            line,
            line_message: message.to_string(),
            detail: String::new(),
        }
    }
}

/// The line of the program's own innermost frame in a traceback
/// (`File "prog.py", line 12, in worker`).
pub fn traceback_line(traceback: &str, file: &str) -> Option<u32> {
    let needle = format!("File \"{file}\", line ");
    // The innermost frame is the last one printed.
    traceback
        .lines()
        .rev()
        .filter_map(|l| l.trim_start().strip_prefix(&needle))
        .find_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
}

/// `12345678` → `12,345,678`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{traceback_line, Problem, ProblemKind, RunView};
    use crate::trace::{EventKind, RunEnd, Trace};
    use crate::ui::fixtures::{ev, lock_trace, reply};

    fn view_of(src: &str) -> RunView {
        RunView::new(reply(1, crate::session::run(src, &crate::session::RunOptions::default()).trace))
    }

    #[test]
    fn a_module_level_store_highlights_its_line_in_the_program_lane() {
        let run = view_of("import asyncio\n\ncounter = 0\nasync def main():\n    pass\nasyncio.run(main())\n");
        let events = &run.reply.trace.events;
        let store = events.iter().position(|e| matches!(&e.kind, EventKind::ValueSet { name, .. } if name == "counter")).expect("the store is recorded");
        let (lane, line) = run.current_line(store + 1).expect("a line to highlight");
        assert_eq!(line, 3);
        assert_eq!(run.timeline.lanes[lane].name, "Program");
    }

    #[test]
    fn the_variables_events_do_not_turn_a_timed_run_into_a_burst() {
        // Two processes computing (CPU time passes between steps) with many stores: to scale.
        let run = view_of(include_str!("gallery/processes.py"));
        assert!(run.reply.trace.events.iter().any(|e| e.kind.is_value()), "the example stores variables");
        assert_eq!(run.axis, crate::ui::viewport::Axis::Scale);
    }

    #[test]
    fn the_highlighted_line_is_the_current_events_line() {
        let run = view_of(
            "import asyncio
lock = asyncio.Lock()
async def w(n):
    print('start', n)
    async with lock:
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(w(1), w(2))
asyncio.run(main())
",
        );
        let events = &run.reply.trace.events;
        let t3 = events.iter().find_map(|e| match &e.kind { EventKind::TaskCreated { task, name, .. } if name == "Task-3" => Some(*task), _ => None }).unwrap();
        // Task-3 starts at line 4 (its first statement), prints, then blocks on the lock at line 5.
        let running = events.iter().position(|e| matches!(e.kind, EventKind::TaskRunning { task, .. } if task == t3)).unwrap();
        let blocked = events.iter().position(|e| matches!(e.kind, EventKind::Blocked { task, .. } if task == t3)).unwrap();
        let lane = run.timeline.lane_of(t3).unwrap();
        assert_eq!(run.current_line(running + 1), Some((lane, 4)), "where it starts running");
        assert_eq!(run.current_line(blocked + 1), Some((lane, 5)), "it blocks at `async with lock`, not where it resumed");
        assert_eq!(run.line_at(lane, blocked), 5);
        // Another lane's event moves the highlight to that lane's line.
        let t2_sleeps = events.iter().position(|e| matches!(&e.kind, EventKind::TaskWaiting { task, .. } if *task != t3 && run.timeline.task_name(*task) == "w(1)")).unwrap();
        assert_eq!(run.current_line(t2_sleeps + 1).map(|(_, l)| l), Some(6));
        // Snapshots give the same state as folding from the start.
        assert_eq!(run.state_at(blocked + 1), crate::trace::state::State::at(&run.reply.trace, blocked + 1));
        // Every other live task's line is shown faintly, in its own colour: when w(2) blocks,
        // main waits at the gather (line 8) and w(1) sleeps at line 6.
        let frames = run.frame_lines(blocked + 1, 16);
        let colour = |name: &str| run.colour_of(run.lanes.iter().copied().find(|&i| run.timeline.lanes[i].name == name).unwrap());
        assert!(frames.contains(&(8, colour("main()"))), "{frames:?}");
        assert!(frames.contains(&(6, colour("w(1)"))), "{frames:?}");
        assert!(!frames.iter().any(|&(_, c)| c == run.colour_of(lane)), "not the current task's own line");
        assert_ne!(colour("w(1)"), run.colour_of(lane));
    }

    #[test]
    fn deadlocked_threads_each_name_the_lock_they_wait_for() {
        let run = view_of(
            "import threading, time
a, b = threading.Lock(), threading.Lock()
def alice():
    with a:
        time.sleep(0.1)
        with b: pass
def bob():
    with b:
        time.sleep(0.1)
        with a: pass
ts = [threading.Thread(target=alice), threading.Thread(target=bob)]
for t in ts: t.start()
for t in ts: t.join()
",
        );
        let status = |name: &str| {
            let lane = run.timeline.lanes.iter().position(|l| l.name.contains(name)).unwrap();
            run.thread_status(lane, run.len())
        };
        assert_eq!(status("alice"), Some(("waiting", "waiting for b".to_string())));
        assert_eq!(status("bob"), Some(("waiting", "waiting for a".to_string())));
        assert_eq!(run.problem.as_ref().unwrap().title, "Deadlock: every thread is blocked");
    }

    #[test]
    fn problems_are_explained_in_plain_words() {
        let mut r = reply(1, Trace::default());
        r.end = RunEnd::CompileError { line: 3, col: 1, message: "SyntaxError: unexpected EOF while parsing".into() };
        let p = Problem::of(&r).unwrap();
        assert_eq!((p.kind, p.line, p.title.as_str()), (ProblemKind::Syntax, Some(3), "Syntax error on line 3"));
        r.end = RunEnd::CompileError { line: 4, col: 1, message: "'match' statements are not supported".into() };
        let p = Problem::of(&r).unwrap();
        assert_eq!((p.kind, p.line), (ProblemKind::Unsupported, Some(4)));
        assert!(p.title.starts_with("Not supported yet"));
        // As the compiler says it (with its `SyntaxError:` prefix), at a program's top level.
        r.end = RunEnd::CompileError { line: 2, col: 1, message: "SyntaxError: 'await' outside function".into() };
        let p = Problem::of(&r).unwrap();
        assert!(p.advice.contains("async def main()") && p.advice.contains("asyncio.run(main())"), "{}", p.advice);
        assert_eq!(p.line_message, "SyntaxError: 'await' outside function");
        r.end = RunEnd::CompileError { line: 2, col: 1, message: "'await' outside async function".into() };
        let p = Problem::of(&r).unwrap();
        assert_eq!((p.kind, p.line), (ProblemKind::Syntax, Some(2)));
        assert!(p.title.starts_with("Syntax error on line 2"), "{}", p.title);
        assert!(p.advice.contains("async def main()") && p.advice.contains("asyncio.run(main())"), "{}", p.advice);
        r.end = RunEnd::Exception { text: "ValueError: boom".into() };
        r.error_text = "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n    asyncio.run(f())\n  File \"prog.py\", line 2, in f\n    raise ValueError(\"boom\")\nValueError: boom\n".into();
        r.trace.file = "prog.py".into();
        let p = Problem::of(&r).unwrap();
        assert_eq!((p.kind, p.line), (ProblemKind::Exception, Some(2)));
        assert_eq!(p.title, "Uncaught exception: ValueError");
        assert!(p.detail.contains("Traceback"));
        r.end = RunEnd::Limit { message: "the program ran more than 10 steps (the step budget)".into() };
        r.steps = 12_345_678;
        let p = Problem::of(&r).unwrap();
        assert_eq!((p.kind, p.title.as_str()), (ProblemKind::StepBudget, "Stopped after 12,345,678 steps"));
        r.end = RunEnd::Deadlock { report: "Deadlock: ...".into(), cycle: vec![2, 3] };
        assert_eq!(Problem::of(&r).unwrap().kind, ProblemKind::Deadlock);
        r.end = RunEnd::Finished;
        assert!(Problem::of(&r).is_none());
        assert_eq!(traceback_line("  File \"other.py\", line 9, in x\n", "prog.py"), None);
    }

    #[test]
    fn a_deadlock_starts_the_playhead_at_the_moment_it_happened() {
        let mut trace = lock_trace();
        trace.events.truncate(13); // Task-3 waits for the lock Task-2 holds, for ever
        trace.events.push(ev(0.0, EventKind::CancelRequested { task: 3, by: None }));
        trace.end = Some(RunEnd::Deadlock { report: "r".into(), cycle: vec![3] });
        let view = RunView::new(reply(1, trace));
        assert_eq!(view.timeline.deadlock_at, Some(12));
        assert_eq!(view.initial_playhead, 13);
    }
}
