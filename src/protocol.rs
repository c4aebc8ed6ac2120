#![warn(missing_docs)]
//! The real-mode protocol: the messages between the page and its engine workers.
//!
//! The trace ([`crate::trace`]) says what happened in a run; this module says how a run is
//! asked for and how its result comes back. It is the second contract between the engine and
//! the UI, engine-side (no web APIs) so that `cargo test` checks it natively, and used by both
//! ends: the worker (`workers`) and the page (`ui::engine`, `ui::real`).
//!
//! ```text
//!  page                                          engine worker
//!   ◀──────────── FromWorker::Ready ──────────── loaded, listening
//!   ── RunRequest { id, source, max_steps } ───▶ session::run(source)
//!   ◀──────── FromWorker::Reply(RunReply) ─────── output, trace, how it ended, children
//!  real mode: for each ChildRecord of the reply, to a free worker of the pool
//!   ── RunRequest { child: Some(ChildRun) } ───▶ replays the fork, runs only that child
//!   ◀──── RunReply { child: Some(ChildReport) } ─ what it measured, what it put on queues
//! ```
//!
//! Every message is one JSON string (one copy across the thread boundary); [`RunRequest`]
//! and [`FromWorker`] have `to_json`/`from_json` so both ends encode them the same way.
//! Fields added later carry `#[serde(default)]`, so an older message still decodes.

use serde::{Deserialize, Serialize};

use crate::explore::interactive::{Goal, Replay, Turn};
use crate::explore::{ExploreReport, Stopped};
use crate::session::RunResult;
use crate::trace::{RunEnd, Stream, Trace};

/// Traces longer than this are cut before they cross to the page: the timeline stays usable
/// and the message stays well under the browser's limits.
pub const MAX_EVENTS: usize = 300_000;

/// Output lines kept (the rest are counted, not sent).
pub const MAX_OUTPUT_LINES: usize = 20_000;

/// What the page asks a worker to run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunRequest {
    /// Matches the reply to the request (a newer run supersedes an older one).
    pub id: u32,
    /// The program.
    pub source: String,
    /// The step budget (bytecode instructions).
    pub max_steps: u64,
    /// Real mode: run only this child process of the program, detached (its fork replayed),
    /// and report what it measured. The page sends one to each of its real-mode workers.
    #[serde(default)]
    pub child: Option<ChildRun>,
}

/// One line of output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Line {
    /// Where it went.
    pub stream: Stream,
    /// Virtual time at which it was printed.
    pub time: f64,
    /// The line, without its newline.
    pub text: String,
}

/// Everything a run produced, as the page receives it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunReply {
    /// The request's id.
    pub id: u32,
    /// What the program printed, in order.
    pub output: Vec<Line>,
    /// Output lines dropped past [`MAX_OUTPUT_LINES`].
    pub output_dropped: usize,
    /// The recorded run (empty for a detached child).
    pub trace: Trace,
    /// Events dropped past [`MAX_EVENTS`] (the engine's own cap included).
    pub events_dropped: u64,
    /// How the run ended.
    pub end: RunEnd,
    /// The process exit code the CLI would give.
    pub exit_code: i32,
    /// The traceback, deadlock report or limit message (what the CLI prints on stderr).
    pub error_text: String,
    /// Bytecode instructions executed.
    pub steps: u64,
    /// Wall-clock milliseconds the engine took.
    pub elapsed_ms: f64,
    /// The child processes the simulation started: what real mode sends to workers.
    #[serde(default)]
    pub children: Vec<ChildRecord>,
    /// For a request with `child`: what that child measured, or why it could not run alone.
    #[serde(default)]
    pub child: Option<Result<ChildReport, String>>,
}

/// A message from a worker.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The engine is loaded and listening.
    Ready,
    /// A run finished (in any way: the reply says how).
    Reply(Box<RunReply>),
    /// Run `id` has executed `steps` instructions so far (sent every tenth of a second or so):
    /// after Stop, the page replays the program up to there to show what it did.
    Progress {
        /// The request's id.
        id: u32,
        /// Instructions executed.
        steps: u64,
    },
    /// An exploration's progress (sent every few dozen milliseconds while it runs).
    ExploreProgress {
        /// The request's id.
        id: u32,
        /// Schedules run so far.
        schedules: usize,
        /// Distinct outcomes so far.
        outcomes: usize,
    },
    /// An exploration finished.
    Explored {
        /// The request's id.
        id: u32,
        /// What it found.
        report: ExploreSummary,
    },
    /// A turn of the interactive scheduler.
    Turn {
        /// The request's id.
        id: u32,
        /// Where the run stands.
        turn: Box<Turn>,
    },
    /// A schedule replayed: its narration, and its whole run for the timeline.
    Replayed {
        /// The request's id.
        id: u32,
        /// The shared steps, switches and narration.
        replay: Box<Replay>,
        /// The traced run, as a normal run's reply (its id is the request's).
        run: Box<RunReply>,
    },
}

/// What the page asks of the explorer and the interactive scheduler
/// ([`crate::explore`]). Its JSON has an `explore` key naming the variant, which a
/// [`RunRequest`] never has, so a worker tells the two apart.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "explore", rename_all = "snake_case")]
pub enum ExploreRequest {
    /// Run every schedule (progress messages, then [`FromWorker::Explored`]).
    Run {
        /// Matches the replies to the request.
        id: u32,
        /// The program.
        source: String,
        /// The preemption bound.
        preemptions: u32,
        /// The schedule cap.
        max_schedules: usize,
        /// The time cap in milliseconds.
        time_cap_ms: Option<f64>,
    },
    /// One turn of "you are the scheduler" ([`FromWorker::Turn`]).
    Turn {
        /// Matches the reply to the request.
        id: u32,
        /// The program.
        source: String,
        /// The threads picked so far, one per point asked about.
        picks: Vec<u32>,
        /// The goal to check.
        goal: Option<Goal>,
    },
    /// Replay a schedule with its trace and narrate it ([`FromWorker::Replayed`]).
    Replay {
        /// Matches the reply to the request.
        id: u32,
        /// The program.
        source: String,
        /// An `explore:` schedule.
        schedule: String,
    },
}

impl ExploreRequest {
    /// The request as the page posts it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A request as the worker receives it (an error for anything else, a [`RunRequest`]
    /// included).
    pub fn from_json(text: &str) -> Result<ExploreRequest, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// An [`ExploreReport`](crate::explore::ExploreReport) as it crosses to the page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct ExploreSummary {
    /// Schedules run.
    pub schedules: usize,
    /// Every schedule within the bound was covered.
    pub exhaustive: bool,
    /// The preemption bound.
    pub preemptions: u32,
    /// The outcomes, the normal run's first.
    pub outcomes: Vec<OutcomeSummary>,
    /// An asyncio program: one run is every run.
    pub deterministic_asyncio: bool,
    /// Why it stopped early: "max_schedules", "time_cap", "cancelled", "nondeterministic".
    pub stopped: Option<String>,
    /// The program started processes (explored at the steps another process can see).
    #[serde(default)]
    pub processes: bool,
}

/// One outcome of an exploration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct OutcomeSummary {
    /// Schedules that end this way.
    pub count: usize,
    /// The exit status.
    pub exit: i32,
    /// What it printed.
    pub stdout: String,
    /// The last line of standard error.
    pub error: String,
    /// The schedule that replays one such run.
    pub schedule: String,
    /// It ended in a deadlock.
    pub deadlock: bool,
}

impl From<&ExploreReport> for ExploreSummary {
    fn from(r: &ExploreReport) -> Self {
        ExploreSummary {
            schedules: r.schedules,
            exhaustive: r.exhaustive,
            preemptions: r.preemptions,
            outcomes: r
                .outcomes
                .iter()
                .map(|o| OutcomeSummary {
                    count: o.count,
                    exit: o.exit,
                    stdout: o.stdout.clone(),
                    error: o.error.clone(),
                    schedule: o.schedule.clone(),
                    deadlock: o.deadlock,
                })
                .collect(),
            deterministic_asyncio: r.deterministic_asyncio,
            processes: r.processes,
            stopped: r.stopped.map(|s| {
                match s {
                    Stopped::MaxSchedules => "max_schedules",
                    Stopped::TimeCap => "time_cap",
                    Stopped::Cancelled => "cancelled",
                    Stopped::Nondeterministic => "nondeterministic",
                }
                .to_string()
            }),
        }
    }
}

impl RunRequest {
    /// The request as the page posts it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A request as the worker receives it.
    pub fn from_json(text: &str) -> Result<RunRequest, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

impl FromWorker {
    /// The message as the worker posts it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message as the page receives it.
    pub fn from_json(text: &str) -> Result<FromWorker, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

impl RunReply {
    /// The reply to request `id`: `result` cut down to what the page is sent (at most
    /// [`MAX_EVENTS`] events and [`MAX_OUTPUT_LINES`] lines, the rest counted).
    pub fn new(id: u32, result: RunResult, elapsed_ms: f64) -> RunReply {
        let mut trace = result.trace;
        let mut events_dropped = 0;
        if trace.events.len() > MAX_EVENTS {
            events_dropped = (trace.events.len() - MAX_EVENTS) as u64;
            trace.events.truncate(MAX_EVENTS);
        }
        let total_lines = result.output.len();
        let output: Vec<Line> =
            result.output.into_iter().take(MAX_OUTPUT_LINES).map(|l| Line { stream: l.stream, time: l.time, text: l.text }).collect();
        RunReply {
            id,
            output_dropped: total_lines - output.len(),
            output,
            trace,
            events_dropped,
            end: result.end,
            exit_code: result.exit_code,
            error_text: result.error_text,
            steps: result.steps,
            elapsed_ms,
            children: result.children,
            child: result.child,
        }
    }
}

/// A value as it crosses to another worker: what `pickle` would carry. Functions and classes
/// travel by name, as pickle sends them, so only top-level ones can.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Wire {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// Decimal digits (ints of any size).
    Int(String),
    /// A float.
    Float(f64),
    /// A str.
    Str(String),
    /// A bytes.
    Bytes(Vec<u8>),
    /// A bytearray.
    ByteArray(Vec<u8>),
    /// A tuple of its items.
    Tuple(Vec<Wire>),
    /// A list of its items.
    List(Vec<Wire>),
    /// A dict's (key, value) pairs, in order.
    Dict(Vec<(Wire, Wire)>),
    /// A set's items.
    Set(Vec<Wire>),
    /// A top-level function, by module and name.
    Function {
        /// Where it is defined (`__main__`).
        module: String,
        /// Its name there.
        name: String,
    },
    /// A top-level class, by module and name.
    Class {
        /// Where it is defined (`__main__`).
        module: String,
        /// Its name there.
        name: String,
    },
    /// An instance: its class and its attributes.
    Instance {
        /// A [`Wire::Class`].
        class: Box<Wire>,
        /// Its `__dict__`, in order.
        attrs: Vec<(String, Wire)>,
    },
}

/// One child process as the simulation ran it: enough to run it again, alone.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChildRecord {
    /// 1 for the run's first `Process.start()`, 2 for the next, …
    pub fork: u32,
    /// The process's id in the trace.
    pub pid: u32,
    /// Its name (`Process-1`).
    pub name: String,
    /// Virtual seconds: when it began running (after its start-up cost).
    pub started: f64,
    /// Virtual seconds: when it exited, if it did.
    pub ended: Option<f64>,
    /// Virtual CPU seconds its threads used.
    pub cpu: f64,
    /// Each receive from a `multiprocessing.Queue`, in order: the item, or `None` when the
    /// queue was empty (`get_nowait`, a timeout). `Err` says why it cannot cross to a worker.
    pub inbox: Result<Vec<Option<Wire>>, String>,
    /// The repr of each item it put on a queue, in order: its results.
    pub outbox: Vec<String>,
}

/// A request to run only one child: which fork, and what it will receive.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChildRun {
    /// Which `Process.start()` of the run ([`ChildRecord::fork`]).
    pub fork: u32,
    /// What its receives get, in order ([`ChildRecord::inbox`]).
    pub inbox: Vec<Option<Wire>>,
}

/// What running one child alone measured (wall-clock milliseconds).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChildReport {
    /// Which `Process.start()` of the run it is.
    pub fork: u32,
    /// Its name (`Process-1`).
    pub name: String,
    /// From the start of the run to the fork: replaying the parent.
    pub replay_ms: f64,
    /// From the fork to the child's end: its own work.
    pub work_ms: f64,
    /// Its exit code, or `None` if it ended waiting for the parent (nothing more was sent).
    pub exitcode: Option<i64>,
    /// The repr of each item it put on a queue, in order: to compare with the simulation's.
    pub outbox: Vec<String>,
    /// What it printed, with the milliseconds since the fork.
    pub output: Vec<ChildLine>,
}

/// A line a detached child printed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChildLine {
    /// Milliseconds since the fork.
    pub ms: f64,
    /// Where it went.
    pub stream: Stream,
    /// The line, without its newline.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{run, RunOptions};

    const FORKS: &str = "from multiprocessing import Process, Queue
def work(q, n):
    print('child', n)
    q.put(n * n)
if __name__ == '__main__':
    q = Queue()
    ps = [Process(target=work, args=(q, i)) for i in range(2)]
    for p in ps: p.start()
    print(sorted(q.get() for _ in ps))
    for p in ps: p.join()
";

    /// `reply` as the page reads it. serde_json's default float parser may miss the last
    /// binary digit of a time (1e-16 s): the times (events', lines', children's) must agree to 1e-12, the rest exactly.
    fn crossed(reply: &RunReply) -> RunReply {
        let Ok(FromWorker::Reply(mut read)) = FromWorker::from_json(&FromWorker::Reply(Box::new(reply.clone())).to_json()) else {
            panic!("the reply does not decode");
        };
        assert_eq!(read.trace.events.len(), reply.trace.events.len());
        for (r, e) in read.trace.events.iter_mut().zip(&reply.trace.events) {
            assert!((r.t - e.t).abs() <= 1e-12, "{} became {}", e.t, r.t);
            r.t = e.t;
        }
        for (r, l) in read.output.iter_mut().zip(&reply.output) {
            assert!((r.time - l.time).abs() <= 1e-12, "{} became {}", l.time, r.time);
            r.time = l.time;
        }
        // The children's times are floats read back the same way.
        for (r, c) in read.children.iter_mut().zip(&reply.children) {
            assert!((r.started - c.started).abs() <= 1e-12, "{} became {}", c.started, r.started);
            assert!((r.cpu - c.cpu).abs() <= 1e-12, "{} became {}", c.cpu, r.cpu);
            r.started = c.started;
            r.cpu = c.cpu;
            if let (Some(a), Some(b)) = (r.ended.as_mut(), c.ended) {
                assert!((*a - b).abs() <= 1e-12, "{b} became {a}");
                *a = b;
            }
        }
        *read
    }

    #[test]
    fn a_request_and_a_simulations_reply_cross_as_json_unchanged() {
        let request = RunRequest { id: 7, source: FORKS.into(), max_steps: 1_000_000, child: None };
        assert_eq!(RunRequest::from_json(&request.to_json()), Ok(request));
        let reply = RunReply::new(7, run(FORKS, &RunOptions::default()), 1.5);
        assert_eq!(reply.children.len(), 2);
        assert!(reply.output.iter().any(|l| l.text == "[0, 1]" && l.stream == Stream::Stdout));
        assert_eq!(crossed(&reply), reply);
        assert_eq!(FromWorker::from_json(&FromWorker::Ready.to_json()), Ok(FromWorker::Ready));
    }

    #[test]
    fn a_childs_request_and_report_cross_as_json_unchanged() {
        let record = run(FORKS, &RunOptions::default()).children.remove(1);
        let child = ChildRun { fork: record.fork, inbox: record.inbox.clone().expect("detachable") };
        let request = RunRequest { id: 2, source: FORKS.into(), max_steps: 1_000_000, child: Some(child.clone()) };
        assert_eq!(RunRequest::from_json(&request.to_json()), Ok(request));
        let options = RunOptions { trace: false, child: Some(child), ..Default::default() };
        let reply = RunReply::new(2, run(FORKS, &options), 3.0);
        let report = reply.child.clone().expect("a report").expect("the child ran");
        assert_eq!(report.outbox, ["1"]);
        assert_eq!(report.output.iter().map(|l| (l.stream, l.text.as_str())).collect::<Vec<_>>(), [(Stream::Stdout, "child 1")]);
        assert_eq!(crossed(&reply), reply);
    }

    #[test]
    fn the_wire_format_is_stable() {
        // Pinned: the page and a worker of another build must agree on these.
        let line = Line { stream: Stream::Stderr, time: 0.5, text: "x".into() };
        assert_eq!(serde_json::to_string(&line).unwrap(), r#"{"stream":"stderr","time":0.5,"text":"x"}"#);
        assert_eq!(FromWorker::Ready.to_json(), r#"{"kind":"ready"}"#);
        let wire = Wire::Tuple(vec![Wire::Int("1".into()), Wire::None]);
        assert_eq!(serde_json::to_string(&wire).unwrap(), r#"{"t":"tuple","v":[{"t":"int","v":"1"},{"t":"none"}]}"#);
        // An older request, without `child`, still decodes.
        let old = RunRequest::from_json(r#"{"id":1,"source":"print(1)","max_steps":10}"#).unwrap();
        assert_eq!(old.child, None);
    }

    #[test]
    fn explore_requests_and_replies_cross_as_json_and_never_pass_for_runs() {
        let src = "import threading\nn = 0\ndef f():\n    global n\n    n += 1\nts = [threading.Thread(target=f) for _ in range(2)]\nfor t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
        let request = ExploreRequest::Turn { id: 3, source: src.into(), picks: vec![1, 3], goal: Some(Goal::Wrong) };
        assert_eq!(ExploreRequest::from_json(&request.to_json()), Ok(request.clone()));
        assert!(RunRequest::from_json(&request.to_json()).is_err());
        let run = RunRequest { id: 1, source: src.into(), max_steps: 10, child: None };
        assert!(ExploreRequest::from_json(&run.to_json()).is_err());
        let report = crate::explore::explore(src, &Default::default(), &mut |_| true);
        let summary = ExploreSummary::from(&report);
        assert!(summary.exhaustive && summary.outcomes.len() == 2);
        let reply = FromWorker::Explored { id: 2, report: summary };
        assert_eq!(FromWorker::from_json(&reply.to_json()), Ok(reply));
        let turn = crate::explore::interactive::turn(src, &[], None, 100_000);
        let reply = FromWorker::Turn { id: 4, turn: Box::new(turn) };
        assert_eq!(FromWorker::from_json(&reply.to_json()), Ok(reply));
    }

    #[test]
    fn a_long_run_is_cut_to_the_limits() {
        let result = run("for i in range(20001): print(i)", &RunOptions::default());
        let reply = RunReply::new(1, result, 0.0);
        assert_eq!(reply.output.len(), MAX_OUTPUT_LINES);
        assert_eq!(reply.output_dropped, 1);
    }
}
