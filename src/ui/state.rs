//! The page's state and the actions that change it, kept apart from the components so the rules
//! read in one place and tests can drive them without a DOM. Side effects (the worker, the
//! clipboard, storage, the URL) live in `app.rs`; the reducer only records what they reported.
//!
//! [`State::reduce`] is the whole transition function; it compiles on every target and its
//! tests run natively. In the wasm32 build `impl yew::Reducible for State` hands each action to
//! it, so `use_reducer` drives the page with the same rules.

use std::rc::Rc;

// yew's `AttrValue` is this type: components take the model's strings as they are, and the
// model needs no yew.
use implicit_clone::unsync::IString as AttrValue;

use super::gallery::{self, Entry};
use super::real::{Measured, Speedup};
use super::run::{Problem, Run, RunView};
use crate::protocol::ChildReport;
use crate::trace::TaskId;
use crate::protocol::RunReply;
use super::viewport::Axis;

/// Everything the page shows that can change.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The program in the editor.
    pub source: AttrValue,
    /// The gallery entry the program came from (its knobs, its paragraph).
    pub example: Option<&'static Entry>,
    /// Bumped whenever the program is replaced from outside the editor (an example, a knob, a
    /// link), so the editor knows to take the new text.
    pub revision: u32,
    /// The run in progress, if any.
    pub running: Option<Running>,
    /// The last finished run (kept on screen while the next one runs: no layout shift).
    pub run: Option<Run>,
    /// A problem that is not a run's (Stop, a crashed engine).
    pub problem: Option<Problem>,
    /// True when the program was edited after the run shown.
    pub stale: bool,
    /// Events applied at the playhead (0 = before the first).
    pub playhead: usize,
    /// Playing: the playhead advances by itself.
    pub playing: bool,
    /// Playback speed, a multiple of "the whole run in 12 seconds", or
    /// [`ONE_EVENT_PER_SECOND`] for stepping at a teaching pace.
    pub speed: f64,
    /// Where playback is along the timeline's axis: kept between ticks so that slow speeds
    /// move by less than an event per tick (and wall time since the last event in the
    /// one-event-per-second mode). `None` when not playing or after a seek.
    pub play_pos: Option<f64>,
    /// The time axis the user picked for the run shown (None: the run's own default, see
    /// [`State::axis`]). Playback, the timeline and the SVG export all follow it.
    pub axis: Option<Axis>,
    /// The lane whose line the editor highlights.
    pub lane: Option<TaskId>,
    /// A message from the page (a damaged link, "Link copied").
    pub notice: Option<Notice>,
    /// A share link to restore once its run has finished: (playhead, lane).
    pub pending_view: Option<(usize, Option<TaskId>)>,
    /// Runs that have ended (finished, stopped or crashed): tests and screen readers watch it.
    pub finished: u32,
    /// Real mode: child processes run again in Web Workers, and what they measured.
    pub real: RealMode,
    /// Show the runtime's own machinery: its lanes (asyncio.run's shutdown tasks), its
    /// primitives (a `Pool`'s queues) and its callbacks in the narration.
    pub internals: bool,
}

/// Real mode's part of the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RealMode {
    /// The toggle (off by default).
    pub on: bool,
    /// The last run's children, run for real.
    pub measured: Option<Measured>,
    /// The speedup measurement, once asked for.
    pub speedup: Option<Speedup>,
    /// A real-mode worker's crash, in plain words.
    pub problem: Option<AttrValue>,
}

impl RealMode {
    /// True while real-mode workers are busy (Stop ends them).
    pub fn busy(&self) -> bool {
        self.measured.as_ref().is_some_and(Measured::busy) || self.speedup.as_ref().is_some_and(Speedup::busy)
    }
}

/// A run in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    /// The request's id: only the reply with this id is shown.
    pub id: u32,
    /// `performance.now()` when it started.
    pub started: f64,
}

/// A message shown above the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// What it says.
    pub text: AttrValue,
    /// Errors are red and stay until dismissed; information fades.
    pub error: bool,
}

/// A change.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user typed in the editor.
    Edit(AttrValue),
    /// Open a gallery entry (replaces the program).
    LoadExample(&'static Entry),
    /// Replace the program from outside the editor (a link, a knob), keeping or changing the
    /// example it belongs to.
    Replace {
        /// The new program.
        source: AttrValue,
        /// The gallery entry it belongs to, if any.
        example: Option<&'static Entry>,
    },
    /// A run was sent to the worker.
    RunStarted(Running),
    /// The worker answered.
    RunFinished(Box<RunReply>),
    /// The user pressed Stop after `seconds`.
    Stopped {
        /// How long the run had been going.
        seconds: f64,
    },
    /// The engine's worker died.
    Crashed(String),
    /// Move the playhead to `n` events applied (clamped).
    Seek(usize),
    /// One event forward (+1) or back (-1).
    Step(i64),
    /// The next (+1) or previous (-1) event of the selected lane.
    StepLane(i64),
    /// Play or pause.
    TogglePlay,
    /// Stop playing (the playhead stays).
    Pause,
    /// Playback speed, a multiple of "the whole run in 12 seconds" (clamped to 0.05–1000).
    SetSpeed(f64),
    /// Playback advanced by `seconds` of wall time.
    Tick(f64),
    /// Select a task's lane (the editor highlights its line), or none.
    SelectLane(Option<TaskId>),
    /// Draw (and play, and export) the run on this time axis.
    SetAxis(Axis),
    /// After the next run, put the playhead and lane here (a share link).
    RestoreView {
        /// Events applied at the playhead.
        playhead: usize,
        /// The selected lane's task.
        lane: Option<TaskId>,
    },
    /// Show a message above the workspace.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// Real mode on or off.
    SetRealMode(bool),
    /// A run's children were handed to the real-mode workers.
    RealStarted(Measured),
    /// Child `fork` went to `worker` at `at` (`performance.now()`).
    RealSent {
        /// The run whose children these are (a superseded batch is ignored).
        batch: u32,
        /// The child's fork number.
        fork: u32,
        /// The worker's index (0-based).
        worker: usize,
        /// `performance.now()` when it was sent.
        at: f64,
    },
    /// Child `fork` replied at `at`.
    RealReceived {
        /// The run whose children these are (a superseded batch is ignored).
        batch: u32,
        /// The child's fork number.
        fork: u32,
        /// `performance.now()` when the reply came.
        at: f64,
        /// What the child measured, or why it could not run in the worker.
        report: Result<ChildReport, String>,
    },
    /// Stop (or a broken worker script) ended real-mode work.
    RealStopped,
    /// A real-mode worker died.
    RealCrashed(String),
    /// The speedup measurement began, up to `cores` workers.
    SpeedupStarted {
        /// The most workers measured.
        cores: usize,
    },
    /// One timed round with `k` workers.
    SpeedupRound {
        /// Workers used.
        k: usize,
        /// Milliseconds from the first child sent to the last reply.
        wall_ms: f64,
    },
    /// The measurement ended early, and why.
    SpeedupEnded(String),
    /// Show the runtime's internals, or not.
    SetInternals(bool),
}

impl State {
    /// The page with `source` in the editor and nothing run yet.
    pub fn new(source: impl Into<AttrValue>, example: Option<&'static Entry>) -> State {
        State {
            source: source.into(),
            example,
            revision: 0,
            running: None,
            run: None,
            problem: None,
            stale: false,
            playhead: 0,
            playing: false,
            speed: 1.0,
            play_pos: None,
            axis: None,
            lane: None,
            notice: None,
            pending_view: None,
            finished: 0,
            real: RealMode::default(),
            internals: false,
        }
    }

    /// Number of events of the run shown.
    pub fn events(&self) -> usize {
        self.run.as_ref().map_or(0, |r| r.len())
    }

    /// The problem to show: the page's own, or the run's.
    pub fn current_problem(&self) -> Option<&Problem> {
        self.problem.as_ref().or_else(|| self.run.as_ref().and_then(|r| r.problem.as_ref()))
    }

    /// The knob values of the program (for the share link): (anchor, value) of every knob of
    /// its example that is still found in the text.
    pub fn knob_values(&self) -> Vec<(String, String)> {
        let Some(entry) = self.example else { return Vec::new() };
        entry.knobs.iter().filter_map(|k| Some((k.anchor.clone(), k.read(&self.source)?))).collect()
    }

    /// The time axis the run is shown on: the user's pick, else the run's own default; never
    /// to scale for a run in which no time passes (all of it would sit on one line).
    pub fn axis(&self) -> Axis {
        let Some(run) = &self.run else { return self.axis.unwrap_or_default() };
        match self.axis.unwrap_or(run.axis) {
            Axis::Scale if run.span(Axis::Scale) <= 0.0 => Axis::Steps,
            axis => axis,
        }
    }

    fn clamp(&self, n: i64) -> usize {
        n.clamp(0, self.events() as i64) as usize
    }
}

impl Default for State {
    fn default() -> Self {
        let entry = gallery::default_entry();
        State::new(entry.program.clone(), Some(entry))
    }
}

/// How long the whole run takes to play at speed 1.
const PLAY_SECONDS: f64 = 12.0;

/// The speed that plays one event per second of wall time, whatever the run's length.
pub const ONE_EVENT_PER_SECOND: f64 = 0.0;

impl State {
    /// The state after `action`. Returns `self` itself (the same `Rc`) when nothing changed,
    /// so the page does not render again.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(source) => {
                if source == s.source {
                    return self;
                }
                // Edited beyond the example's knobs: it is the user's program now.
                if s.example.is_some_and(|e| !gallery::is_example_text(e, &source)) {
                    s.example = None;
                }
                s.source = source;
                s.stale = s.run.is_some();
            }
            Action::LoadExample(entry) => {
                s.source = entry.program.clone().into();
                s.example = Some(entry);
                s.revision += 1;
                s.stale = s.run.is_some();
                s.pending_view = None;
            }
            Action::Replace { source, example } => {
                s.source = source;
                s.example = example;
                s.revision += 1;
                s.stale = s.run.is_some();
            }
            Action::RunStarted(running) => {
                s.running = Some(running);
                s.playing = false;
                // A new run supersedes the last one's real-mode work.
                s.real.measured = None;
                s.real.speedup = None;
                s.real.problem = None;
            }
            Action::RunFinished(reply) => {
                if s.running.as_ref().map(|r| r.id) != Some(reply.id) {
                    return self; // a superseded run
                }
                let mut view = RunView::new(*reply);
                if s.internals {
                    view.show_internals(true);
                }
                let view = Rc::new(view);
                let previous_lane = s.lane;
                s.playhead = view.initial_playhead;
                s.lane = match previous_lane {
                    Some(t) if view.timeline.lane_of(t).is_some() => Some(t),
                    _ => view.initial_lane,
                };
                if let Some((playhead, lane)) = s.pending_view.take() {
                    s.playhead = playhead.min(view.len());
                    if lane.is_some_and(|t| view.timeline.lane_of(t).is_some()) {
                        s.lane = lane;
                    }
                }
                s.run = Some(view);
                // A new run opens on the axis that tells its own truth.
                s.axis = None;
                s.finished += 1;
                s.running = None;
                s.problem = None;
                s.stale = false;
            }
            Action::Stopped { seconds } => {
                s.finished += 1;
                s.running = None;
                s.problem = Some(Problem::stopped(seconds));
            }
            Action::Crashed(message) => {
                s.finished += if s.running.is_some() { 1 } else { 0 };
                s.running = None;
                s.problem = Some(Problem::crashed(&message));
            }
            Action::Seek(n) => {
                // Not through `clamp`: a usize past i64::MAX would wrap to a negative i64.
                s.playhead = n.min(s.events());
                s.playing = false;
                s.play_pos = None;
            }
            Action::Step(d) => {
                s.playhead = s.clamp(s.playhead as i64 + d);
                s.playing = false;
                s.play_pos = None;
            }
            Action::StepLane(d) => {
                s.playing = false;
                if let (Some(run), Some(task)) = (&s.run, s.lane) {
                    if let Some(n) = lane_step(run, task, s.playhead, d) {
                        s.playhead = n;
                    }
                }
            }
            Action::TogglePlay => {
                s.play_pos = None;
                if s.playing {
                    s.playing = false;
                } else if s.events() > 0 {
                    if s.playhead >= s.events() {
                        s.playhead = 0;
                    }
                    s.playing = true;
                }
            }
            Action::Pause => s.playing = false,
            Action::SetSpeed(speed) => {
                s.speed = if speed == ONE_EVENT_PER_SECOND { speed } else { speed.clamp(0.05, 1000.0) };
                s.play_pos = None;
            }
            Action::Tick(seconds) => {
                let Some(run) = s.run.clone() else { return self };
                if !s.playing {
                    return self;
                }
                // The playhead moves along the axis the timeline is drawn on: to scale, at a
                // steady rate of virtual time (a 2 s sleep takes longer than a burst of
                // zero-time steps); expanded, at a steady rate of steps.
                let axis = s.axis();
                let x = run.xs(axis);
                let n = x.len();
                if s.playhead >= n {
                    s.playing = false;
                    return Rc::new(s);
                }
                if s.speed == ONE_EVENT_PER_SECOND {
                    // Wall time carried over since the last event shown.
                    let mut carried = s.play_pos.unwrap_or(0.0) + seconds;
                    while carried >= 1.0 && s.playhead < n {
                        s.playhead += 1;
                        carried -= 1.0;
                    }
                    s.play_pos = Some(carried);
                } else {
                    // The playhead moves along the same axis the timeline is drawn on, from
                    // where the last tick left it (not from the last event: a slow speed
                    // takes several ticks to reach the next one).
                    // Before the first event: a step before it (expanded), or its instant (to
                    // scale, where the events of t = 0 all happen at once).
                    let start = match axis {
                        Axis::Steps => x[0] - 1.0,
                        Axis::Scale => x[0],
                    };
                    let now = s.play_pos.unwrap_or(if s.playhead == 0 { start } else { x[s.playhead - 1] });
                    let to = now + run.span(axis) / PLAY_SECONDS * s.speed * seconds;
                    let mut p = s.playhead;
                    while p < n && x[p] <= to {
                        p += 1;
                    }
                    s.playhead = p;
                    s.play_pos = Some(to);
                }
                if s.playhead >= n {
                    s.playing = false;
                    s.play_pos = None;
                }
            }
            Action::SelectLane(lane) => s.lane = lane,
            Action::SetAxis(axis) => {
                if s.axis() == axis {
                    return self;
                }
                s.axis = Some(axis);
                s.play_pos = None;
            }
            Action::SetInternals(on) => {
                if on == s.internals {
                    return self;
                }
                s.internals = on;
                if let Some(run) = &s.run {
                    let mut view = (**run).clone();
                    view.show_internals(on);
                    s.run = Some(Rc::new(view));
                }
            }
            Action::RestoreView { playhead, lane } => s.pending_view = Some((playhead, lane)),
            Action::Notify(notice) => s.notice = Some(notice),
            Action::DismissNotice => s.notice = None,
            Action::SetRealMode(on) => {
                s.real = RealMode { on, ..RealMode::default() };
            }
            Action::RealStarted(measured) => {
                s.real.measured = Some(measured);
                s.real.speedup = None;
                s.real.problem = None;
            }
            Action::RealSent { batch, fork, worker, at } => match &mut s.real.measured {
                Some(m) if m.batch == batch => m.sent(fork, worker, at),
                _ => return self,
            },
            Action::RealReceived { batch, fork, at, report } => match &mut s.real.measured {
                Some(m) if m.batch == batch => m.received(fork, at, report),
                _ => return self,
            },
            Action::RealStopped => {
                if let Some(m) = &mut s.real.measured {
                    m.stopped = !m.done();
                }
                if let Some(sp) = s.real.speedup.as_mut().filter(|sp| sp.busy()) {
                    sp.ended_early = Some("stopped".into());
                }
            }
            Action::RealCrashed(message) => {
                s.real.problem = Some(format!("A real-mode worker stopped working ({message}); it was replaced with a fresh one.").into());
            }
            Action::SpeedupStarted { cores } => s.real.speedup = Some(Speedup::new(cores)),
            Action::SpeedupRound { k, wall_ms } => match &mut s.real.speedup {
                Some(sp) => sp.record(k, wall_ms),
                None => return self,
            },
            Action::SpeedupEnded(why) => match &mut s.real.speedup {
                Some(sp) => sp.ended_early = Some(why),
                None => return self,
            },
        }
        Rc::new(s)
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The inherent function: the model's rules, not this trait method again.
        State::reduce(self, action)
    }
}

/// The playhead that puts the next (`d` > 0) or previous event of `task`'s lane under it.
fn lane_step(run: &RunView, task: TaskId, playhead: usize, d: i64) -> Option<usize> {
    let lane = &run.timeline.lanes[run.timeline.lane_of(task)?];
    // The lane's events: where its segments change and where it has marks.
    let mut points: Vec<usize> = lane.segments.iter().flat_map(|s| [s.start as usize, s.end as usize]).collect();
    points.extend(lane.markers.iter().map(|m| m.at as usize));
    points.sort_unstable();
    points.dedup();
    // Playhead p shows event p - 1.
    let current = playhead as i64 - 1;
    let next = if d > 0 {
        points.iter().find(|&&e| e as i64 > current).copied()
    } else {
        points.iter().rev().find(|&&e| (e as i64) < current).copied()
    }?;
    Some(next + 1)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::{Action, RealMode, Running, State};
    use crate::trace::Trace;
    use crate::ui::viewport::Axis;
    use crate::ui::fixtures::{lock_trace, record, reply, report};
    use crate::ui::gallery;
    use crate::ui::real::Measured;

    /// A state with `trace` run and shown.
    fn ran(trace: Trace) -> Rc<State> {
        let s = Rc::new(State::default()).reduce(Action::RunStarted(Running { id: 7, started: 0.0 }));
        s.reduce(Action::RunFinished(Box::new(reply(7, trace))))
    }

    #[test]
    fn a_finished_run_puts_the_playhead_at_the_end_and_selects_the_main_task() {
        let s = ran(lock_trace());
        let run = s.run.as_ref().unwrap();
        assert_eq!(s.playhead, run.len());
        assert_eq!(s.lane, Some(1));
        assert!(s.running.is_none() && !s.stale);
        let names: Vec<&str> = run.lanes.iter().map(|&i| run.timeline.lanes[i].name.as_str()).collect();
        assert_eq!(names, ["Task-1", "Task-2", "Task-3"], "the empty program lane is hidden");
    }

    #[test]
    fn show_internals_reveals_the_runtimes_own_lanes_and_is_kept_for_the_next_run() {
        let trace = || crate::session::run("import asyncio\nasync def main():\n    await asyncio.sleep(0)\nasyncio.run(main())\n", &Default::default()).trace;
        let names = |s: &State| -> Vec<String> {
            let run = s.run.as_ref().unwrap();
            run.lanes.iter().map(|&i| run.timeline.lanes[i].name.clone()).collect()
        };
        let s = ran(trace());
        let hidden = names(&s);
        assert!(hidden.iter().all(|n| !n.starts_with("Task-")), "{hidden:?}");
        let s = s.reduce(Action::SetInternals(true));
        let shown = names(&s);
        assert!(shown.len() > hidden.len() && shown.iter().any(|n| n.starts_with("Task-")), "{shown:?}");
        // The next run keeps the switch.
        let s = s.reduce(Action::RunStarted(Running { id: 8, started: 0.0 })).reduce(Action::RunFinished(Box::new(reply(8, trace()))));
        assert_eq!(names(&s), shown);
        let s = s.reduce(Action::SetInternals(false));
        assert_eq!(names(&s), hidden);
    }

    #[test]
    fn stepping_seeking_and_playing_stay_in_range() {
        let s = ran(lock_trace());
        let n = s.events();
        let s = s.reduce(Action::Step(1));
        assert_eq!(s.playhead, n);
        let s = s.reduce(Action::Step(-3));
        assert_eq!(s.playhead, n - 3);
        let s = s.reduce(Action::Seek(usize::MAX));
        assert_eq!(s.playhead, n);
        let s = s.reduce(Action::Seek(0)).reduce(Action::Step(-1));
        assert_eq!(s.playhead, 0);
        // Play from the end starts over; ticks advance until the end, then stop.
        let s = s.reduce(Action::Seek(n)).reduce(Action::TogglePlay);
        assert!(s.playing);
        assert_eq!(s.playhead, 0);
        let mut s = s.reduce(Action::Tick(0.5));
        assert!(s.playhead >= 1);
        for _ in 0..200 {
            s = s.reduce(Action::Tick(0.1));
        }
        assert_eq!(s.playhead, n);
        assert!(!s.playing);
    }

    #[test]
    fn slow_speeds_differ_and_one_event_per_second_steps_by_the_clock() {
        let n = ran(lock_trace()).events();
        // Ten seconds of 33 ms ticks from the start, at each speed.
        let played = |speed: f64| {
            let mut s = ran(lock_trace()).reduce(Action::SetSpeed(speed)).reduce(Action::Seek(0)).reduce(Action::TogglePlay);
            for _ in 0..30 {
                s = s.reduce(Action::Tick(0.033));
            }
            s.playhead
        };
        let (quarter, half, one) = (played(0.25), played(0.5), played(1.0));
        assert!(quarter < half && half < one, "0.25× {quarter}, 0.5× {half}, 1× {one} events after 1 s");
        assert!(quarter <= n / 40 + 1, "0.25× plays the run in 48 s: {quarter} of {n} events after 1 s");
        let mut s = ran(lock_trace()).reduce(Action::SetSpeed(0.0)).reduce(Action::Seek(0)).reduce(Action::TogglePlay);
        assert_eq!(s.speed, super::ONE_EVENT_PER_SECOND);
        for _ in 0..60 {
            s = s.reduce(Action::Tick(0.05));
        }
        assert_eq!(s.playhead, 3, "three seconds, three events");
    }

    #[test]
    fn playback_to_scale_moves_at_a_steady_rate_of_virtual_time() {
        // A burst of zero-time steps, then a 2 s sleep, then a print.
        let src = "import asyncio\n\nasync def main():\n    for i in range(20):\n        await asyncio.sleep(0)\n    await asyncio.sleep(2)\n    print('done')\n\nasyncio.run(main())\n";
        let trace = || crate::session::run(src, &Default::default()).trace;
        let play = |axis: Axis, ticks: usize| {
            let mut s = ran(trace()).reduce(Action::SetAxis(axis)).reduce(Action::Seek(0)).reduce(Action::TogglePlay);
            for _ in 0..ticks {
                s = s.reduce(Action::Tick(0.033));
            }
            s
        };
        let s = play(Axis::Scale, 0);
        assert_eq!(s.axis(), Axis::Scale);
        let run = s.run.clone().unwrap();
        let burst = run.times.iter().filter(|&&t| t == 0.0).count();
        assert!(burst > 40 && burst < run.len(), "{burst} of {} events at t = 0", run.len());
        // At 1× the run's 2 s play in 12 s: one second of ticks is a sixth of a virtual second.
        // To scale, the burst (no time) is over at once and the sleep is still going on.
        assert_eq!(play(Axis::Scale, 30).playhead, burst);
        assert_eq!(play(Axis::Scale, 150).playhead, burst, "after 5 s, 0.83 s of the 2 s sleep");
        assert_eq!(play(Axis::Scale, 400).playhead, run.len(), "13 s: the whole run");
        // Expanded, one second of ticks plays a twelfth of the steps: the burst takes time.
        let steps = play(Axis::Steps, 30).playhead;
        assert!(steps > 0 && steps < burst, "{steps} of the burst's {burst} events after 1 s");
        // A new run opens on its own axis again.
        let s = play(Axis::Scale, 0).reduce(Action::RunStarted(Running { id: 9, started: 0.0 }));
        let s = s.reduce(Action::RunFinished(Box::new(reply(9, trace()))));
        assert_eq!((s.axis, s.axis()), (None, s.run.as_ref().unwrap().axis));
    }

    #[test]
    fn stepping_in_a_lane_jumps_to_that_lanes_next_event() {
        let s = ran(lock_trace()).reduce(Action::SelectLane(Some(3))).reduce(Action::Seek(0));
        let s = s.reduce(Action::StepLane(1));
        // Task-3's first event is its creation (event 4): the playhead shows it.
        assert_eq!(s.playhead, 5);
        let s = s.reduce(Action::StepLane(1));
        assert_eq!(s.playhead, 11, "Task-3 starts running at event 10");
        let s = s.reduce(Action::StepLane(-1));
        assert_eq!(s.playhead, 5);
    }

    #[test]
    fn a_superseded_reply_is_ignored_and_editing_marks_the_run_stale() {
        let s = Rc::new(State::default()).reduce(Action::RunStarted(Running { id: 2, started: 0.0 }));
        let s2 = s.clone().reduce(Action::RunFinished(Box::new(reply(1, lock_trace()))));
        assert!(s2.run.is_none() && s2.running.is_some());
        let s3 = s.reduce(Action::RunFinished(Box::new(reply(2, lock_trace()))));
        assert!(s3.run.is_some());
        let s4 = s3.reduce(Action::Edit("print('x')\n".into()));
        assert!(s4.stale);
        assert_eq!(s4.source, "print('x')\n");
    }

    #[test]
    fn a_share_links_view_is_restored_after_its_run() {
        let s = Rc::new(State::default())
            .reduce(Action::RestoreView { playhead: 6, lane: Some(3) })
            .reduce(Action::RunStarted(Running { id: 1, started: 0.0 }))
            .reduce(Action::RunFinished(Box::new(reply(1, lock_trace()))));
        assert_eq!((s.playhead, s.lane), (6, Some(3)));
        assert!(s.pending_view.is_none());
    }

    #[test]
    fn an_edited_example_becomes_the_users_program_and_its_knobs_go() {
        let entry = gallery::find("lock").unwrap();
        let s = Rc::new(State::new(entry.program.clone(), Some(entry)));
        // Turning a knob keeps it the example's.
        let knob = &entry.knobs[0];
        let other = knob.options().into_iter().find(|v| Some(v) != knob.read(&entry.program).as_ref()).unwrap();
        let turned = knob.apply(&entry.program, &other).unwrap();
        assert!(gallery::is_example_text(entry, &turned));
        let s = s.reduce(Action::Edit(turned.clone().into()));
        assert_eq!(s.example.map(|e| e.slug.as_str()), Some("lock"));
        assert!(!s.knob_values().is_empty());
        // Any other edit makes it the user's.
        let s = s.reduce(Action::Edit(format!("{turned}print('mine')\n").into()));
        assert!(s.example.is_none());
        assert!(s.knob_values().is_empty(), "no knobs for the user's program");
        // And it stays theirs (a reload reads the slug only when the text still matches).
        assert!(gallery::example_of(Some("lock"), "import asyncio\n").is_none());
        assert!(gallery::example_of(Some("lock"), &turned).is_some());
    }

    #[test]
    fn knob_values_are_read_from_the_program() {
        let entry = gallery::find("semaphore").unwrap();
        let s = State::new(entry.program.clone(), Some(entry));
        let values = s.knob_values();
        assert!(values.contains(&("asyncio.Semaphore(".to_string(), "2".to_string())));
        assert!(values.contains(&("WORKERS =".to_string(), "4".to_string())));
    }

    #[test]
    fn every_gallery_file_parses() {
        assert_eq!(gallery::entries().len(), gallery::FILES.len());
        assert!(gallery::find("deadlock").is_some());
        assert_eq!(gallery::default_entry().slug, "lock");
    }

    #[test]
    fn the_reducer_ignores_stale_real_replies_and_a_new_run_clears_them() {
        let children = Rc::new(vec![record(1, Ok(vec![]))]);
        let s = Rc::new(State::default()).reduce(Action::SetRealMode(true)).reduce(Action::RealStarted(Measured::new(3, children, 1)));
        let stale = s.clone().reduce(Action::RealSent { batch: 2, fork: 1, worker: 0, at: 1.0 });
        assert!(Rc::ptr_eq(&s, &stale), "a superseded batch changes nothing");
        let s = s
            .reduce(Action::RealSent { batch: 3, fork: 1, worker: 0, at: 1.0 })
            .reduce(Action::RealReceived { batch: 3, fork: 1, at: 9.0, report: Ok(report(1, 5.0, "10")) });
        assert!(!s.real.busy());
        assert_eq!(s.real.measured.as_ref().unwrap().wall_ms(), Some(8.0));
        let s = s.reduce(Action::SpeedupStarted { cores: 2 });
        assert!(s.real.busy());
        let stopped = s.clone().reduce(Action::RealStopped);
        assert!(!stopped.real.busy(), "Stop ends the measurement");
        let s = s.reduce(Action::RunStarted(Running { id: 9, started: 0.0 }));
        assert!(s.real.on && s.real.measured.is_none() && s.real.speedup.is_none());
        let off = s.reduce(Action::SetRealMode(false));
        assert_eq!(off.real, RealMode::default());
    }
}
