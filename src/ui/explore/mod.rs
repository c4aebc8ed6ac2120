//! The explorer on the page: **Explore** (every schedule, outcomes as a bar chart, one run
//! of an outcome loaded into the timeline and narrated), **Check every schedule**, and
//! **Be the scheduler** (the learner picks which thread goes next, with goals and
//! challenge links).
//!
//! The panel's state and its sentences are pure and compiled on every target (tested
//! natively); the worker handle (`worker`) is wasm-only. The explorer runs in a worker of
//! its own, so Stop is `terminate()` and never waits for the engine, as Run's Stop.

use crate::explore::interactive::{Goal, Replay, Turn};
use crate::protocol::{ExploreSummary, OutcomeSummary};

#[cfg(target_arch = "wasm32")]
pub mod worker;

/// The schedule cap of Explore.
pub const EXPLORE_MAX: usize = 20_000;
/// The schedule cap of Check every schedule.
pub const CHECK_MAX: usize = 50_000;
/// The time cap of either, in milliseconds.
pub const TIME_CAP_MS: f64 = 60_000.0;
/// The preemption bound of Explore and Check every schedule: CHESS found that most real
/// concurrency bugs need at most two, and a bound keeps the count of schedules small enough
/// to exhaust (the lost update with a lock: about a thousand schedules with two, several
/// thousand with three, and no end in sight with none).
pub const PREEMPTIONS: u32 = 2;

/// Which half of the panel is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Explore and Check every schedule.
    #[default]
    Explore,
    /// You are the scheduler.
    Scheduler,
}

/// An exploration under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Exploring {
    /// Its request id.
    pub id: u32,
    /// It is a Check every schedule.
    pub check: bool,
    /// Schedules run so far.
    pub schedules: usize,
    /// Its schedule cap.
    pub cap: usize,
}

/// The panel's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Panel {
    /// The half shown.
    pub tab: Tab,
    /// The exploration running, if any.
    pub exploring: Option<Exploring>,
    /// The last exploration's report, and whether it was a check.
    pub report: Option<(ExploreSummary, bool)>,
    /// The last exploration was stopped after this many schedules.
    pub stopped: Option<usize>,
    /// The outcome whose run is loaded (or loading).
    pub selected: Option<usize>,
    /// The replay request waited for.
    pub replay_pending: Option<u32>,
    /// The loaded run's narration.
    pub replay: Option<Replay>,
    /// The loaded run's preemptions: the index of each one's `schedule_choice` event in its
    /// trace, in order (the `k`-th is `replay`'s `k`-th switch with `preemption` set).
    pub preemptions: Vec<usize>,
    /// The scheduler: the threads picked so far.
    pub picks: Vec<u32>,
    /// The scheduler's latest turn.
    pub turn: Option<Turn>,
    /// The turn request waited for.
    pub turn_pending: Option<u32>,
    /// The goal set for the scheduler.
    pub goal: Option<Goal>,
}

/// What changes the panel.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelAction {
    /// Show a half.
    Tab(Tab),
    /// An exploration was asked for.
    Start(Exploring),
    /// It has run this many schedules.
    Progress {
        /// The request.
        id: u32,
        /// Schedules so far.
        schedules: usize,
    },
    /// It finished.
    Explored {
        /// The request.
        id: u32,
        /// Its report.
        report: ExploreSummary,
    },
    /// Stop was pressed (the worker is gone).
    Stop,
    /// An outcome was clicked; its replay is request `id`.
    Select {
        /// The outcome's index.
        outcome: usize,
        /// The replay request.
        id: u32,
    },
    /// A replay came back.
    Replayed {
        /// The request.
        id: u32,
        /// Its narration.
        replay: Replay,
        /// Its preemptions' events in the loaded trace ([`Panel::preemptions`]).
        preemptions: Vec<usize>,
    },
    /// A scheduler turn was asked for, with these picks.
    Ask {
        /// The request.
        id: u32,
        /// The picks it follows.
        picks: Vec<u32>,
    },
    /// A turn came back.
    Turned {
        /// The request.
        id: u32,
        /// Where the run stands.
        turn: Turn,
    },
    /// Set the goal.
    Goal(Option<Goal>),
    /// The program changed: what was found is for another program.
    Edited,
}

impl Panel {
    /// The state after `action`.
    pub fn apply(mut self, action: PanelAction) -> Panel {
        match action {
            PanelAction::Tab(t) => self.tab = t,
            PanelAction::Start(e) => {
                self.exploring = Some(e);
                self.stopped = None;
                self.selected = None;
                self.replay = None;
            }
            PanelAction::Progress { id, schedules } => {
                if let Some(e) = self.exploring.as_mut().filter(|e| e.id == id) {
                    e.schedules = schedules;
                }
            }
            PanelAction::Explored { id, report } => {
                if let Some(e) = self.exploring.take_if(|e| e.id == id) {
                    self.report = Some((report, e.check));
                }
            }
            PanelAction::Stop => {
                if let Some(e) = self.exploring.take() {
                    self.stopped = Some(e.schedules);
                }
                self.turn_pending = None;
                self.replay_pending = None;
            }
            PanelAction::Select { outcome, id } => {
                self.selected = Some(outcome);
                self.replay_pending = Some(id);
                self.replay = None;
            }
            PanelAction::Replayed { id, replay, preemptions } => {
                if self.replay_pending == Some(id) {
                    self.replay_pending = None;
                    self.replay = Some(replay);
                    self.preemptions = preemptions;
                }
            }
            PanelAction::Ask { id, picks } => {
                self.turn_pending = Some(id);
                self.picks = picks;
            }
            PanelAction::Turned { id, turn } => {
                if self.turn_pending == Some(id) {
                    self.turn_pending = None;
                    self.picks = turn.picks.clone();
                    self.turn = Some(turn);
                }
            }
            PanelAction::Goal(g) => self.goal = g,
            PanelAction::Edited => {
                self.report = None;
                self.selected = None;
                self.replay = None;
                self.stopped = None;
                self.turn = None;
                self.picks.clear();
            }
        }
        self
    }
}

/// What an outcome did, as a verb phrase: "print 3", "deadlock", "raise IndexError: …".
/// `one` picks the singular ("prints").
pub fn outcome_verb(o: &OutcomeSummary, one: bool) -> String {
    let s = if one { "s" } else { "" };
    if o.deadlock {
        return format!("deadlock{s}");
    }
    if !o.error.is_empty() {
        return format!("raise{s} {}", o.error);
    }
    let lines: Vec<&str> = o.stdout.lines().collect();
    match lines.len() {
        0 => format!("print{s} nothing"),
        1 => format!("print{s} {}", lines[0]),
        _ => format!("print{s} {}", lines.join(" / ")),
    }
}

/// The colour (`--task-N`) of thread `thread` in the scheduler: by the order of the threads
/// the turn knows (the main thread first), as the timeline colours lanes by row.
pub fn thread_colour(turn: &Turn, thread: u32) -> u32 {
    let mut ids: Vec<u32> = turn.history.iter().chain(&turn.runnable).map(|s| s.thread).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().position(|&t| t == thread).map_or(0, |k| (k % crate::ui::run::TASK_COLOURS) as u32)
}

/// The editor lines of a turn's runnable threads with their colours, the running one's first
/// (lines the turn does not know, 0, left out).
pub fn runnable_lines(turn: &Turn) -> Vec<(u32, u32)> {
    let running = turn.runnable.get(turn.running).map(|s| s.thread);
    let mut out: Vec<(u32, u32)> = Vec::new();
    let order = turn.runnable.iter().filter(|s| Some(s.thread) == running).chain(turn.runnable.iter().filter(|s| Some(s.thread) != running));
    for s in order.filter(|s| s.line > 0) {
        out.push((s.line, thread_colour(turn, s.thread)));
    }
    out
}

/// The events of `trace` where a preemption happened, in order.
pub fn preemption_events(trace: &crate::trace::Trace) -> Vec<usize> {
    use crate::trace::EventKind;
    trace
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, EventKind::ScheduleChoice { preempted: Some(_), .. }))
        .map(|(i, _)| i)
        .collect()
}

/// A switch of a loaded run, said plainly: "Thread-1 (work) was preempted at line 8 before
/// it could write `counter` = 2; meanwhile Thread-2 (work) read `counter` (1)".
pub fn switch_sentence(s: &crate::explore::interactive::Switch) -> String {
    let at = if s.line > 0 { format!(" at line {}", s.line) } else { String::new() };
    if !s.preemption {
        return format!("{} → {}{at} (the GIL was free: no preemption)", s.from, s.to);
    }
    let mut out = format!("{} was preempted{at}", s.from);
    if let Some(next) = &s.next {
        out.push_str(&format!(" before it could {next}"));
    }
    match &s.meanwhile {
        Some(m) => out.push_str(&format!("; meanwhile {m}")),
        None => out.push_str(&format!("; {} ran instead", s.to)),
    }
    out
}

/// The bar chart's sentence: "3 of 20 schedules print 3, 1 prints 2".
pub fn chart_sentence(r: &ExploreSummary) -> String {
    let mut out = String::new();
    for (k, o) in r.outcomes.iter().enumerate() {
        if k == 0 {
            let noun = if r.schedules == 1 { "schedule" } else { "schedules" };
            out = format!("{} of {} {noun} {}", thousands(o.count), thousands(r.schedules), outcome_verb(o, o.count == 1 && r.schedules == 1));
        } else {
            out.push_str(&format!(", {} {}", thousands(o.count), outcome_verb(o, o.count == 1)));
        }
    }
    out
}

/// The verdict of a check: "all 1,260 schedules print 4", or the honest "N schedules
/// checked, not exhaustive".
pub fn check_sentence(r: &ExploreSummary) -> String {
    if r.deterministic_asyncio {
        return "An asyncio program runs the same way every time on the virtual clock: one schedule is all of them.".into();
    }
    if !r.exhaustive {
        return format!("{} schedules checked, not exhaustive: {}.", thousands(r.schedules), chart_sentence(r));
    }
    match r.outcomes.as_slice() {
        [o] => format!("All {} schedules {}{}.", thousands(r.schedules), outcome_verb(o, false), bound_text(r)),
        _ => format!("Not fixed yet: {}.", chart_sentence(r)),
    }
}

/// The bound, said plainly: " (every schedule with at most 2 preemptions)".
pub fn bound_text(r: &ExploreSummary) -> String {
    let s = if r.preemptions == 1 { "" } else { "s" };
    format!(" (every schedule with at most {} preemption{s})", r.preemptions)
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The half and the goal a gallery entry opens with.
pub fn start_mode(slug: &str) -> Option<(Tab, Option<Goal>)> {
    match slug {
        "race-threads" => Some((Tab::Explore, None)),
        "deadlock-threads" => Some((Tab::Scheduler, Some(Goal::Deadlock))),
        "condition-if" => Some((Tab::Scheduler, Some(Goal::Crash))),
        "critical-section" => Some((Tab::Scheduler, Some(Goal::Critical))),
        _ => None,
    }
}

/// A challenge link's fragment is `goal=GOAL&` before a share link (`goal=deadlock&v2=…`):
/// the goal, and the share link the rest of the page opens as always.
pub fn split_challenge(hash: &str) -> (Option<Goal>, &str) {
    if let Some(rest) = hash.strip_prefix("goal=") {
        if let Some((goal, link)) = rest.split_once('&') {
            return (Goal::from_slug(goal), link);
        }
    }
    (None, hash)
}

/// The fragment of a challenge link: `goal` before a share link's fragment.
pub fn challenge_fragment(goal: Goal, share_fragment: &str) -> String {
    format!("goal={}&{share_fragment}", goal.slug())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(count: usize, stdout: &str) -> OutcomeSummary {
        OutcomeSummary { count, stdout: stdout.into(), ..Default::default() }
    }

    #[test]
    fn the_chart_and_the_check_say_it_in_words() {
        let r = ExploreSummary {
            schedules: 20,
            exhaustive: true,
            preemptions: 2,
            outcomes: vec![outcome(16, "4\n"), outcome(3, "3\n"), outcome(1, "2\n")],
            ..Default::default()
        };
        assert_eq!(chart_sentence(&r), "16 of 20 schedules print 4, 3 print 3, 1 prints 2");
        assert_eq!(check_sentence(&r), "Not fixed yet: 16 of 20 schedules print 4, 3 print 3, 1 prints 2.");
        let fixed = ExploreSummary { schedules: 1260, exhaustive: true, preemptions: 2, outcomes: vec![outcome(1260, "4\n")], ..Default::default() };
        assert_eq!(check_sentence(&fixed), "All 1,260 schedules print 4 (every schedule with at most 2 preemptions).");
        let capped = ExploreSummary { exhaustive: false, ..fixed };
        assert_eq!(check_sentence(&capped), "1,260 schedules checked, not exhaustive: 1,260 of 1,260 schedules print 4.");
        // Processes are explored like threads: the same verdicts.
        let procs = ExploreSummary { processes: true, schedules: 97, exhaustive: true, preemptions: 2, outcomes: vec![outcome(97, "4\n")], ..Default::default() };
        assert_eq!(check_sentence(&procs), "All 97 schedules print 4 (every schedule with at most 2 preemptions).");
        let dead = OutcomeSummary { deadlock: true, ..outcome(2, "") };
        assert_eq!(outcome_verb(&dead, false), "deadlock");
        let err = OutcomeSummary { error: "IndexError: pop from empty list".into(), ..outcome(1, "") };
        assert_eq!(outcome_verb(&err, true), "raises IndexError: pop from empty list");
    }

    #[test]
    fn a_preemption_says_what_both_threads_touched() {
        use crate::explore::interactive::Switch;
        let s = Switch {
            at: 3,
            from: "Thread-1 (work)".into(),
            to: "MainThread".into(),
            line: 8,
            preemption: true,
            next: Some("write `counter` = 2".into()),
            var: Some("counter".into()),
            meanwhile: Some("Thread-2 (work) read `counter` (1)".into()),
        };
        assert_eq!(switch_sentence(&s), "Thread-1 (work) was preempted at line 8 before it could write `counter` = 2; meanwhile Thread-2 (work) read `counter` (1)");
        let free = Switch { preemption: false, ..s };
        assert_eq!(switch_sentence(&free), "Thread-1 (work) → MainThread at line 8 (the GIL was free: no preemption)");
    }

    #[test]
    fn a_challenge_link_is_a_goal_before_a_share_link() {
        let f = challenge_fragment(Goal::Deadlock, "v2=abc");
        assert_eq!(f, "goal=deadlock&v2=abc");
        assert_eq!(split_challenge(&f), (Some(Goal::Deadlock), "v2=abc"));
        assert_eq!(split_challenge("v2=abc"), (None, "v2=abc"));
        assert_eq!(split_challenge("example=lock"), (None, "example=lock"));
    }

    #[test]
    fn stale_replies_are_ignored_and_an_edit_forgets_the_findings() {
        let p = Panel::default().apply(PanelAction::Start(Exploring { id: 2, check: false, schedules: 0, cap: 10 }));
        let p = p.apply(PanelAction::Progress { id: 1, schedules: 5 });
        assert_eq!(p.exploring.as_ref().unwrap().schedules, 0);
        let p = p.apply(PanelAction::Progress { id: 2, schedules: 5 });
        let stopped = p.clone().apply(PanelAction::Stop);
        assert_eq!(stopped.stopped, Some(5));
        let done = p.apply(PanelAction::Explored { id: 2, report: ExploreSummary::default() });
        assert!(done.exploring.is_none() && done.report.is_some());
        let p = done.apply(PanelAction::Ask { id: 3, picks: vec![1] });
        let p = p.apply(PanelAction::Turned { id: 2, turn: Turn::default() });
        assert!(p.turn.is_none());
        assert!(p.clone().apply(PanelAction::Edited).report.is_none());
        for slug in ["race-threads", "deadlock-threads", "condition-if", "critical-section"] {
            assert!(crate::ui::gallery::find(slug).is_some() && start_mode(slug).is_some());
        }
    }
}
