//! The schedule explorer: run a threaded program under every schedule its threads (and
//! processes) allow, up to a number of preemptions, and group the runs by outcome.
//!
//! Each run is a normal run in explore mode (`runtime::threads::explore`): a thread may
//! lose the GIL before any instruction that touches shared state, and the run logs every
//! such choice point with what each runnable thread is about to do. The search is a
//! stateless depth-first search over those logs (as CHESS and loom do: every schedule is
//! a fresh run from the start, following a prefix of choices, then the defaults):
//!
//! - **Preemption bound** (CHESS): choosing another thread while the running one could go
//!   on is a preemption; a schedule has at most `preemptions` of them. Switching where the
//!   running thread blocks, finishes or uses up its switch interval is free.
//! - **Sleep sets** (Godefroid): after exploring thread `t` at a choice point, the search
//!   puts `t` to sleep for the siblings explored next, and keeps it asleep down their
//!   subtrees for as long as the steps taken commute with `t`'s next step (two steps commute
//!   when each touches one named place, and the places differ or both only read). A run
//!   that takes a sleeping thread is redundant (an equivalent schedule was run) and not counted.
//!
//! `outcomes[i].count` counts schedules that are not equivalent by commuting such steps.
//!
//! Built for the page's worker too: no threads, no clock of its own (the time cap reads
//! `ExploreOptions::clock`), and a progress callback that can stop the search.

pub mod interactive;

use crate::runtime::threads::explore::{Choice, ExploreHandle, Schedule};
use crate::runtime::threads::policy::Policy;
use crate::runtime::threads::ThreadId;
use crate::session::{self, RunOptions, RunResult};
use crate::trace::RunEnd;

/// The settings of an exploration.
#[derive(Debug, Clone)]
pub struct ExploreOptions {
    /// Shown in tracebacks (as in `RunOptions`).
    pub filename: String,
    /// The most preemptions a schedule may have (2 by default: CHESS found most bugs
    /// need at most two).
    pub preemptions: u32,
    /// Stop after this many schedules.
    pub max_schedules: usize,
    /// Stop after this many milliseconds, as `clock` measures; None for no time cap.
    pub time_cap_ms: Option<f64>,
    /// Milliseconds from some fixed point (`performance.now()` in the page, a monotonic
    /// clock natively); only differences are used.
    pub clock: fn() -> f64,
    /// The step budget of each run.
    pub max_steps: u64,
    /// Prune with sleep sets (on by default; off explores every schedule in the bound).
    pub sleep_sets: bool,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions {
            filename: "prog.py".into(),
            preemptions: 2,
            max_schedules: 10_000,
            time_cap_ms: None,
            clock: || 0.0,
            max_steps: 1_000_000,
            sleep_sets: true,
        }
    }
}

/// How far the search is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Schedules run so far (those counted in outcomes).
    pub schedules: usize,
    /// Distinct outcomes so far.
    pub outcomes: usize,
}

/// One way the program can end, and how many schedules end that way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Schedules with this outcome.
    pub count: usize,
    /// The exit status (0 finished, 1 exception or limit, 3 deadlock), as `interleave run`.
    pub exit: i32,
    /// What it printed on standard output.
    pub stdout: String,
    /// The last line of standard error ("" when there is none).
    pub error: String,
    /// The `--schedule` value that replays one such run (`explore:...`).
    pub schedule: String,
    /// The run ended in a deadlock.
    pub deadlock: bool,
}

/// Why a search ended before it was exhaustive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// `max_schedules` reached.
    MaxSchedules,
    /// `time_cap_ms` reached.
    TimeCap,
    /// The progress callback said stop.
    Cancelled,
    /// A replay did not make the same choices as the run it follows (a bug: the engine
    /// is meant to be deterministic).
    Nondeterministic,
}

/// What an exploration found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExploreReport {
    /// Schedules run to the end (the redundant ones the sleep sets stopped are not counted).
    pub schedules: usize,
    /// Every schedule within the bound was run (or shown equivalent to one that was).
    pub exhaustive: bool,
    /// The preemption bound.
    pub preemptions: u32,
    /// The outcomes, in the order they were first found (the default schedule's first).
    pub outcomes: Vec<Outcome>,
    /// The program uses asyncio and no threads or processes: one run on the virtual clock
    /// is every run, so it was run once.
    pub deterministic_asyncio: bool,
    /// Runs found redundant (they took a sleeping thread) and not counted.
    pub pruned: usize,
    /// The program started processes: their interleavings were explored too, at the
    /// steps another process can see (`PROCESSES_EXPLORED`).
    pub processes: bool,
    /// Why the search stopped early, if it did.
    pub stopped: Option<Stopped>,
}

/// A choice point on the search's path.
struct Node {
    choice: Choice,
    /// Option indices explored (or covered) here.
    done: Vec<bool>,
    /// Threads asleep here.
    sleep: Vec<ThreadId>,
    /// Preemptions before this point.
    preemptions: u32,
}

/// Explore `source`'s schedules. `progress` is called after each run; returning false
/// stops the search (the report then says `stopped: Some(Cancelled)`).
///
/// ```
/// use interleave::explore::{explore, ExploreOptions};
/// let src = "import threading\nn = 0\ndef f():\n    global n\n    n += 1\n\
///            ts = [threading.Thread(target=f) for _ in range(2)]\n\
///            for t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
/// let report = explore(src, &ExploreOptions::default(), &mut |_| true);
/// assert!(report.exhaustive);
/// assert!(report.outcomes.iter().any(|o| o.stdout == "1\n"));
/// ```
pub fn explore(source: &str, options: &ExploreOptions, progress: &mut dyn FnMut(Progress) -> bool) -> ExploreReport {
    let mut report = ExploreReport {
        schedules: 0,
        exhaustive: false,
        preemptions: options.preemptions,
        outcomes: vec![],
        deterministic_asyncio: false,
        pruned: 0,
        processes: false,
        stopped: None,
    };
    if !session::uses_threads_or_processes(source) {
        // Nothing to interleave: asyncio runs on the virtual clock, deterministically.
        report.deterministic_asyncio = imports_asyncio(source);
        let run = session::run(source, &run_options(options, Policy::Fifo, false));
        add_outcome(&mut report, &run, "fifo".into());
        report.schedules = 1;
        report.exhaustive = true;
        progress(Progress { schedules: 1, outcomes: 1 });
        return report;
    }
    let start = (options.clock)();
    let mut seen = std::collections::HashSet::new();
    // Iterative context bounding (CHESS): all schedules with no preemption, then with at
    // most one, ... up to the bound, so the bugs that need few preemptions come first
    // even when a cap stops the search. A schedule met again in a later pass is run but
    // not counted twice.
    for bound in 0..=options.preemptions {
        let pass = ExploreOptions { preemptions: bound, ..options.clone() };
        if let Some(stop) = search(source, &pass, start, &mut seen, &mut report, progress) {
            report.stopped = Some(stop);
            return report;
        }
    }
    report.exhaustive = true;
    report
}

/// What the explorer says of a program that starts processes, in one line: where it lets
/// one process go before another (see `runtime::threads::explore`).
pub const PROCESSES_EXPLORED: &str =
    "Processes switch where another process can see the step (a Value or Array, a queue, a lock, an event, a semaphore, start, join, a call); their steps on their own copy of memory are not choice points.";

/// One depth-first search with `options.preemptions` as the bound; Some when a cap,
/// the callback or a divergence stopped it.
fn search(
    source: &str,
    options: &ExploreOptions,
    start: f64,
    seen: &mut std::collections::HashSet<String>,
    report: &mut ExploreReport,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Option<Stopped> {
    let mut path: Vec<Node> = Vec::new();
    // The choices of the next run: a prefix of `path`, then the defaults.
    let mut prefix: Vec<u32> = Vec::new();
    loop {
        let plan = prefix_schedule(&path, &prefix);
        let handle = ExploreHandle::new(plan);
        let run = session::run(source, &run_options(options, Policy::Explore(handle.clone()), false));
        let log = std::mem::take(&mut handle.lock().log);
        // The replay must make the same choices up to the branch.
        if log.len() < prefix.len() || (0..prefix.len()).any(|i| log[i].options != path[i].choice.options) {
            return Some(Stopped::Nondeterministic);
        }
        report.processes |= !run.children.is_empty();
        let redundant = extend(&mut path, &prefix, log, options);
        if redundant {
            report.pruned += 1;
        } else {
            let chosen: Vec<u32> = path.iter().map(|n| n.choice.chosen).collect();
            let defaults: Vec<u32> = path.iter().map(|n| n.choice.default).collect();
            let schedule = Schedule::from_choices(&chosen, &defaults).to_string();
            if seen.insert(schedule.clone()) {
                add_outcome(report, &run, schedule);
                report.schedules += 1;
            }
        }
        // The next schedule: the deepest choice point with an option left.
        match next_prefix(&mut path, options) {
            Some(p) => prefix = p,
            None => return None,
        }
        if !progress(Progress { schedules: report.schedules, outcomes: report.outcomes.len() }) {
            return Some(Stopped::Cancelled);
        }
        if report.schedules >= options.max_schedules {
            return Some(Stopped::MaxSchedules);
        }
        if let Some(cap) = options.time_cap_ms {
            if (options.clock)() - start >= cap {
                return Some(Stopped::TimeCap);
            }
        }
    }
}

fn imports_asyncio(source: &str) -> bool {
    source.lines().any(|l| {
        let l = l.trim_start();
        (l.starts_with("import ") || l.starts_with("from ")) && l.contains("asyncio")
    })
}

fn run_options(options: &ExploreOptions, schedule: Policy, trace: bool) -> RunOptions {
    let mut r = RunOptions { filename: options.filename.clone(), trace, schedule, ..Default::default() };
    r.limits.max_steps = options.max_steps;
    r
}

/// The deviations of `prefix` (choices at the first `prefix.len()` choice points of `path`).
fn prefix_schedule(path: &[Node], prefix: &[u32]) -> Schedule {
    let defaults: Vec<u32> = path.iter().take(prefix.len()).map(|n| n.choice.default).collect();
    Schedule::from_choices(prefix, &defaults)
}

/// Replace `path` beyond the branch point with the run's `log`, computing sleep sets.
/// True when the run took a sleeping thread (it repeats a schedule already covered).
fn extend(path: &mut Vec<Node>, prefix: &[u32], log: Vec<Choice>, options: &ExploreOptions) -> bool {
    let keep = prefix.len();
    path.truncate(keep);
    // The branch node's choice may differ from what was recorded: take the new run's.
    if let Some(last) = path.last_mut() {
        last.choice = log[keep - 1].clone();
    }
    for choice in log.into_iter().skip(keep) {
        let (sleep, preemptions) = match path.last() {
            Some(parent) => (child_sleep(parent, options), parent.preemptions + preempts(&parent.choice) as u32),
            None => (vec![], 0),
        };
        let sleep: Vec<ThreadId> = sleep.into_iter().filter(|t| choice.options.contains(t)).collect();
        let mut done = vec![false; choice.options.len()];
        done[choice.chosen as usize] = true;
        let asleep = sleep.contains(&choice.options[choice.chosen as usize]);
        path.push(Node { choice, done, sleep, preemptions });
        if asleep {
            return true;
        }
    }
    false
}

fn preempts(c: &Choice) -> bool {
    c.preemptive && c.chosen != c.default
}

/// The sleep set below `parent` after taking its chosen option: the threads asleep there
/// or explored there before, whose next steps commute with the one taken.
fn child_sleep(parent: &Node, options: &ExploreOptions) -> Vec<ThreadId> {
    if !options.sleep_sets {
        return vec![];
    }
    let c = &parent.choice;
    let taken = &c.accesses[c.chosen as usize];
    let mut out = Vec::new();
    for (k, t) in c.options.iter().enumerate() {
        if k == c.chosen as usize {
            continue;
        }
        // `done[k]` for k other than the chosen one: explored before it.
        let was = parent.sleep.contains(t) || parent.done[k];
        if was && c.accesses[k].independent(taken) {
            out.push(*t);
        }
    }
    out
}

/// Find the deepest choice point with an option not yet explored, not asleep and within
/// the preemption bound; mark it and return the prefix that takes it.
fn next_prefix(path: &mut Vec<Node>, options: &ExploreOptions) -> Option<Vec<u32>> {
    while let Some(node) = path.last_mut() {
        let n = node.choice.options.len();
        let pick = (0..n).find(|&k| {
            !node.done[k]
                && !node.sleep.contains(&node.choice.options[k])
                && (!node.choice.preemptive
                    || k as u32 == node.choice.default
                    || node.preemptions < options.preemptions)
        });
        if let Some(k) = pick {
            node.done[k] = true;
            node.choice.chosen = k as u32;
            return Some(path.iter().map(|n| n.choice.chosen).collect());
        }
        path.pop();
    }
    None
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

fn add_outcome(report: &mut ExploreReport, run: &RunResult, schedule: String) {
    let stdout = run.stdout(false);
    let error = last_line(&run.stderr());
    let deadlock = matches!(run.end, RunEnd::Deadlock { .. });
    let exit = run.exit_code;
    if let Some(o) =
        report.outcomes.iter_mut().find(|o| o.stdout == stdout && o.exit == exit && o.error == error && o.deadlock == deadlock)
    {
        o.count += 1;
        return;
    }
    report.outcomes.push(Outcome { count: 1, exit, stdout, error, schedule, deadlock });
}

impl ExploreReport {
    /// The report as the CLI's `--json` prints it: `{"schedules": N, "exhaustive": bool,
    /// "preemptions": K, "outcomes": [{"count", "exit", "stdout", "error", "schedule"}]}`.
    pub fn to_json(&self) -> String {
        // Written by hand so the keys keep this order.
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let outcomes: Vec<String> = self
            .outcomes
            .iter()
            .map(|o| {
                format!(
                    "{{\"count\": {}, \"exit\": {}, \"stdout\": {}, \"error\": {}, \"schedule\": {}}}",
                    o.count,
                    o.exit,
                    q(&o.stdout),
                    q(&o.error),
                    q(&o.schedule)
                )
            })
            .collect();
        format!(
            "{{\"schedules\": {}, \"exhaustive\": {}, \"preemptions\": {}, \"outcomes\": [{}]}}",
            self.schedules,
            self.exhaustive,
            self.preemptions,
            outcomes.join(", ")
        )
    }
}
