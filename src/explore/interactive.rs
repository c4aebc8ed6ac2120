//! "You are the scheduler": run a threaded program up to its next choice point and let a
//! person pick which runnable thread goes next, as The Deadlock Empire does, on any program.
//!
//! Stateless like the explorer: every turn is a fresh explore-mode run from the start that
//! follows the picks made so far (a [`Driver`] decides each choice point), then stops at the
//! next point worth asking about, and reports what each runnable thread is about to do.
//! Undo is the same call with one pick fewer.
//!
//! Not every choice point is asked: a step inside the runtime's own Python (`threading.py`)
//! and a second read of an object on a line already asked about take the default (the
//! running thread goes on), so the learner decides at the reads and writes of shared
//! variables, at each new line, and wherever the running thread blocks or finishes.
//!
//! The same driver, following a schedule instead of picks, narrates an explorer's outcome
//! ([`replay`]): the shared steps each thread took, with values, and where the switches were.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::compiler::code::{BinOp, Const, Instr};
use crate::runtime::threads::explore::{access, Access, Driver, ExploreHandle, Schedule};
use crate::runtime::threads::policy::Policy;
use crate::runtime::threads::ThreadId;
use crate::session::{self, RunOptions, RunResult};
use crate::trace::{EventKind, RunEnd, Trace};
use crate::vm::frame::Frame;
use crate::vm::value::Value;
use crate::vm::Vm;

/// One step a thread takes (or is about to take) that may touch shared state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Step {
    /// The thread (its timeline lane).
    pub thread: u32,
    /// Its name (`Thread-1 (worker)`), filled in from the trace.
    pub name: String,
    /// The source line.
    pub line: u32,
    /// For a person: "read `counter` (3)", "write `counter` = 4", "call `acquire()`".
    pub text: String,
    /// The steps of the whole statement on this line ("read `counter`", "add 1",
    /// "write `counter`"): a statement that is not atomic, split.
    pub parts: Vec<String>,
    /// Which of `parts` this step is.
    pub part: usize,
    /// The shared variable it reads or writes (`counter`, `.balance`), if it names one.
    pub var: Option<String>,
    /// It writes `var`.
    pub write: bool,
    /// The value read or written, when it is a plain number, string, bool or None.
    pub value: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Ending {
    /// What it printed on standard output.
    pub stdout: String,
    /// The last line of standard error ("" when none).
    pub error: String,
    /// The exit status, as `interleave run` gives it.
    pub exit: i32,
    /// It ended in a deadlock.
    pub deadlock: bool,
}

/// A goal for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Make the program print something other than its normal run does (a lost update).
    Wrong,
    /// Make the threads deadlock.
    Deadlock,
    /// Make the program raise an exception (the `if`-instead-of-`while` bug).
    Crash,
    /// Get two threads onto the lines marked `# critical section` at once.
    Critical,
}

impl Goal {
    /// Every goal, in menu order.
    pub const ALL: [Goal; 4] = [Goal::Wrong, Goal::Deadlock, Goal::Crash, Goal::Critical];

    /// The name used in links (`#goal=deadlock&…`).
    pub fn slug(self) -> &'static str {
        match self {
            Goal::Wrong => "wrong",
            Goal::Deadlock => "deadlock",
            Goal::Crash => "crash",
            Goal::Critical => "critical",
        }
    }

    /// The goal a link names.
    pub fn from_slug(s: &str) -> Option<Goal> {
        Goal::ALL.into_iter().find(|g| g.slug() == s)
    }

    /// The goal, as the page states it.
    pub fn describe(self) -> &'static str {
        match self {
            Goal::Wrong => "Make the final result wrong (different from a normal run)",
            Goal::Deadlock => "Make the threads deadlock",
            Goal::Crash => "Make a thread crash with an exception",
            Goal::Critical => "Get two threads into the critical section at once",
        }
    }
}

/// Where the run stands after the picks so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Turn {
    /// The shared steps run so far, in order (the runtime's own code left out).
    pub history: Vec<Step>,
    /// The threads that could go next (empty when the run is over), each with its next step.
    pub runnable: Vec<Step>,
    /// The index in `runnable` of the thread that would go on by default.
    pub running: usize,
    /// The run is over: how it ended.
    pub ending: Option<Ending>,
    /// What the normal run (no deviations) prints: the "right" answer for `Goal::Wrong`.
    pub normal_stdout: String,
    /// The picks that were used (a pick that named no runnable thread ends the list).
    pub picks: Vec<u32>,
    /// The `--schedule` value that replays these picks (`explore:...`).
    pub schedule: String,
    /// The goal, if one was set, is reached.
    pub reached: bool,
}

/// What the driver saw during one run.
#[derive(Debug, Default)]
struct Log {
    history: Vec<Step>,
    /// What each thread suspended at a preemption is about to do.
    pending: HashMap<u32, Step>,
    /// Chosen and default index at each choice point (for the schedule string).
    chosen: Vec<u32>,
    defaults: Vec<u32>,
    /// The halt: the options, the default index, and the running thread's next step.
    halted: Option<(Vec<u32>, usize, Option<Step>)>,
    /// Picks used.
    used: Vec<u32>,
    /// Switches: (history length at the switch, from thread, to thread, a preemption).
    switches: Vec<(usize, u32, u32, bool)>,
}

/// How the driver decides.
enum Mode {
    /// Follow these picks (thread ids) at the asked points, then halt.
    Picks(Vec<u32>),
    /// Follow a schedule's deviations (by choice point index), never halt.
    Plan(Schedule),
}

struct Person {
    mode: Mode,
    log: Arc<Mutex<Log>>,
}

impl Person {
    fn log(&self) -> std::sync::MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The decision at a point worth asking about: the next pick, or None to halt.
    fn ask(&mut self, options: &[ThreadId], default: u32, me: Option<Step>) -> Option<u32> {
        let Mode::Picks(picks) = &self.mode else { unreachable!() };
        let mut log = self.log();
        let n = log.used.len();
        match picks.get(n).and_then(|p| options.iter().position(|t| t.0 == *p)) {
            Some(k) => {
                log.used.push(options[k].0);
                Some(k as u32)
            }
            None => {
                log.halted = Some((options.iter().map(|t| t.0).collect(), default as usize, me));
                None
            }
        }
    }

    fn planned(&self, default: u32) -> u32 {
        let Mode::Plan(plan) = &self.mode else { return default };
        let at = self.log().chosen.len() as u32;
        plan.deviations.iter().find(|(p, _)| *p == at).map_or(default, |(_, o)| *o)
    }

    fn record(&self, k: u32, default: u32, options: &[ThreadId], from: Option<u32>) {
        let mut log = self.log();
        log.chosen.push(k);
        log.defaults.push(default);
        if k != default {
            let at = log.history.len();
            log.switches.push((at, from.unwrap_or(options[default as usize].0), options[k as usize].0, from.is_some()));
        }
    }
}

impl Driver for Person {
    fn choose(&mut self, vm: &Vm, frame: &Frame, instr: Instr, options: &[ThreadId], default: u32) -> Option<u32> {
        let me = vm.rt.world.current;
        let step = describe(frame, instr, me.0);
        let k = match self.mode {
            Mode::Plan(_) => self.planned(default),
            Mode::Picks(_) => {
                // Asked: writes, calls and lock operations (anything but a plain read), and
                // reads of plain values (a counter); a read of an object (a lock, a
                // function) changes nothing another thread could see, so it goes on.
                let worth = !frame.code.internal
                    && (step.write
                        || step.value.is_some()
                        || matches!(access(frame, instr), Some(Access::Write(..) | Access::Sync(..) | Access::Unknown)));
                if worth {
                    self.ask(options, default, Some(step.clone()))?
                } else {
                    default
                }
            }
        };
        let k = k.min(options.len() as u32 - 1);
        self.record(k, default, options, Some(me.0));
        if k != default && !frame.code.internal {
            self.log().pending.insert(me.0, step);
        }
        Some(k)
    }

    fn choose_free(&mut self, options: &[ThreadId]) -> Option<u32> {
        let k = match self.mode {
            Mode::Plan(_) => self.planned(0),
            Mode::Picks(_) => self.ask(options, 0, None)?,
        };
        let k = k.min(options.len() as u32 - 1);
        self.record(k, 0, options, None);
        Some(k)
    }

    fn executes(&mut self, _vm: &Vm, me: ThreadId, frame: &Frame, instr: Instr) {
        if frame.code.internal {
            return;
        }
        let step = describe(frame, instr, me.0);
        let mut log = self.log();
        log.pending.remove(&me.0);
        log.history.push(step);
    }
}

/// A plain value as Python shows it; None for objects.
fn show(v: &Value) -> Option<String> {
    Some(match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) if s.chars().count() <= 20 => format!("{:?}", s.as_ref()).replace('"', "'"),
        _ => return None,
    })
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply by",
        _ => "compute",
    }
}

/// The short name of instruction `ip` of `frame`'s code, for the split of a statement
/// (None for a step that touches nothing shared and is not arithmetic).
fn part(frame: &Frame, ip: usize) -> Option<(String, Option<String>, bool)> {
    let code = &frame.code;
    let name = |i: u32| code.names.get(i as usize).map(|n| n.to_string()).unwrap_or_default();
    let cell = |i: u32| {
        let i = i as usize;
        code.cellvars.get(i).or_else(|| code.freevars.get(i - code.cellvars.len().min(i))).map(|n| n.to_string()).unwrap_or_default()
    };
    Some(match code.instrs[ip] {
        Instr::LoadGlobal(i) | Instr::LoadName(i) => (format!("read `{}`", name(i)), Some(name(i)), false),
        Instr::StoreGlobal(i) | Instr::StoreName(i) => (format!("write `{}`", name(i)), Some(name(i)), true),
        Instr::LoadDeref(i) => (format!("read `{}`", cell(i)), Some(cell(i)), false),
        Instr::StoreDeref(i) => (format!("write `{}`", cell(i)), Some(cell(i)), true),
        Instr::LoadAttr(i) => (format!("read `.{}`", name(i)), Some(format!(".{}", name(i))), false),
        Instr::StoreAttr(i) => (format!("write `.{}`", name(i)), Some(format!(".{}", name(i))), true),
        Instr::Subscript => ("read an item".into(), None, false),
        Instr::StoreSubscript => ("write an item".into(), None, true),
        Instr::Binary(op) | Instr::InPlace(op) => {
            let operand = match ip.checked_sub(1).map(|p| code.instrs[p]) {
                Some(Instr::LoadConst(c)) => match code.consts.get(c as usize) {
                    Some(Const::Int(n)) => format!(" {n}"),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            (format!("{}{operand}", op_text(op)), None, false)
        }
        Instr::CallMethod(i, _) => (format!("call `{}()`", name(i)), None, false),
        Instr::BeforeWith => (loaded_before(frame, ip).map_or("enter `with`".into(), |n| format!("acquire `{n}`")), None, false),
        Instr::WithExit(_) => ("release (leave `with`)".into(), None, false),
        Instr::ForIter(_) => ("take the loop's next item".into(), None, false),
        Instr::Call(_) | Instr::CallKw(..) => {
            // The callee is the last name loaded before the call on this line.
            let line = code.line_at(ip);
            let callee = (0..ip).rev().take_while(|&p| code.line_at(p) == line).find_map(|p| match code.instrs[p] {
                Instr::LoadGlobal(i) | Instr::LoadName(i) | Instr::LoadAttr(i) => Some(name(i)),
                _ => None,
            });
            (callee.map_or("call".into(), |c| format!("call `{c}()`")), None, false)
        }
        _ => return None,
    })
}

/// The name loaded last before instruction `ip` on its line (the object a `with` or a
/// call is about).
fn loaded_before(frame: &Frame, ip: usize) -> Option<String> {
    let code = &frame.code;
    let line = code.line_at(ip);
    (0..ip).rev().take_while(|&p| code.line_at(p) == line).find_map(|p| match code.instrs[p] {
        Instr::LoadGlobal(i) | Instr::LoadName(i) | Instr::LoadAttr(i) => code.names.get(i as usize).map(|n| n.to_string()),
        Instr::LoadFast(i) => code.varnames.get(i as usize).map(|n| n.to_string()),
        _ => None,
    })
}

/// What `instr` (about to run in `frame`) does, for a person, with the value where it is known.
fn describe(frame: &Frame, instr: Instr, thread: u32) -> Step {
    let code = &frame.code;
    let ip = frame.ip;
    let line = code.line_at(ip);
    // The statement's steps: the instructions of this line around `ip`.
    let mut lo = ip;
    while lo > 0 && code.line_at(lo - 1) == line {
        lo -= 1;
    }
    let mut hi = ip;
    while hi + 1 < code.instrs.len() && code.line_at(hi + 1) == line {
        hi += 1;
    }
    let mut parts = Vec::new();
    let mut index = 0;
    for p in lo..=hi {
        if p == ip {
            index = parts.len();
        }
        if let Some((text, _, _)) = part(frame, p) {
            parts.push(text);
        }
    }
    let (text, var, write) = part(frame, ip).unwrap_or_else(|| {
        let what = match access(frame, instr) {
            Some(Access::Unknown) | None => "next step",
            Some(Access::Read(..)) => "read",
            Some(Access::Write(..)) => "write",
            Some(Access::Sync(..)) => "synchronise",
        };
        (what.to_string(), None, false)
    });
    if index >= parts.len() || parts.get(index) != Some(&text) {
        // This step was not one of the named parts: the split would mislead.
        parts = vec![text.clone()];
        index = 0;
    }
    let value = match instr {
        Instr::LoadGlobal(i) | Instr::LoadName(i) => frame.globals.get(&code.names[i as usize]).as_ref().and_then(show),
        Instr::StoreGlobal(_) | Instr::StoreName(_) | Instr::StoreDeref(_) => frame.stack.last().and_then(show),
        Instr::StoreAttr(_) => frame.stack.len().checked_sub(2).and_then(|i| show(&frame.stack[i])),
        _ => None,
    };
    let shown = match (&value, write) {
        (Some(v), true) => format!("{text} = {v}"),
        (Some(v), false) => format!("{text} ({v})"),
        (None, _) => text.clone(),
    };
    Step { thread, name: String::new(), line, text: shown, parts, part: index, var, write, value }
}

/// Thread names by lane, from the trace. A child process's main thread is named by its
/// process (`Process-1`), as its timeline lane is; the program's main thread, which no
/// event creates, is `MainThread` (see [`name_of`]).
fn names(trace: &Trace) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    for e in &trace.events {
        match &e.kind {
            EventKind::ThreadCreated { thread, name, .. } => {
                out.insert(*thread, name.clone());
            }
            EventKind::ProcessCreated { main_thread, name, .. } => {
                out.insert(*main_thread, name.clone());
            }
            _ => {}
        }
    }
    out
}

/// Thread `t`'s name: every thread but the program's main thread has a creation event.
fn name_of(names: &HashMap<u32, String>, t: u32) -> String {
    names.get(&t).cloned().unwrap_or_else(|| "MainThread".to_string())
}

/// Each thread's last blocking line and whether it has started, from the trace.
fn blocked_lines(trace: &Trace) -> HashMap<u32, u32> {
    let mut out = HashMap::new();
    for e in &trace.events {
        if let EventKind::ThreadBlocked { thread, line, .. } = &e.kind {
            out.insert(*thread, *line);
        }
    }
    out
}

fn last_line(s: &str) -> String {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

fn ending(run: &RunResult) -> Ending {
    Ending {
        stdout: run.stdout(false),
        error: last_line(&run.stderr()),
        exit: run.exit_code,
        deadlock: matches!(run.end, RunEnd::Deadlock { .. }),
    }
}

fn options(max_steps: u64, handle: ExploreHandle) -> RunOptions {
    let mut o = RunOptions { trace: true, schedule: Policy::Explore(handle), ..Default::default() };
    o.limits.max_steps = max_steps;
    o
}

/// Run `source` following `picks` (thread lanes, one per point asked about) and stop at the
/// next point worth asking, or at the end. `goal` is checked on what happened.
///
/// ```
/// use interleave::explore::interactive::{turn, Goal};
/// let src = "import threading\nn = 0\ndef f():\n    global n\n    n += 1\n\
///            ts = [threading.Thread(target=f) for _ in range(2)]\n\
///            for t in ts: t.start()\nfor t in ts: t.join()\nprint(n)\n";
/// let first = turn(src, &[], None, 1_000_000);
/// assert!(first.ending.is_none() && first.runnable.len() >= 2);
/// ```
pub fn turn(source: &str, picks: &[u32], goal: Option<Goal>, max_steps: u64) -> Turn {
    let normal = session::run(source, &options(max_steps, ExploreHandle::new(Schedule::default())));
    let log = Arc::new(Mutex::new(Log::default()));
    let handle = ExploreHandle::new(Schedule::default());
    handle.lock().driver = Some(Box::new(Person { mode: Mode::Picks(picks.to_vec()), log: log.clone() }));
    let run = session::run(source, &options(max_steps, handle.clone()));
    handle.lock().driver = None;
    let mut log = std::mem::take(&mut *log.lock().unwrap_or_else(|e| e.into_inner()));
    let names = names(&run.trace);
    let blocked = blocked_lines(&run.trace);
    let name = |t: u32| name_of(&names, t);
    for s in &mut log.history {
        s.name = name(s.thread);
    }
    let mut turn = Turn {
        normal_stdout: normal.stdout(false),
        picks: log.used.clone(),
        schedule: Schedule::from_choices(&log.chosen, &log.defaults).to_string(),
        ..Default::default()
    };
    match log.halted.take() {
        Some((threads, default, me)) => {
            let started: std::collections::HashSet<u32> = log.history.iter().map(|s| s.thread).collect();
            for (k, t) in threads.iter().enumerate() {
                let mut step = match (k == default, &me) {
                    (true, Some(step)) => step.clone(),
                    _ => match log.pending.get(t) {
                        Some(step) => {
                            let mut step = step.clone();
                            // Its value may have changed since it was suspended: a read
                            // sees the latest write (or read) of that variable.
                            if !step.write {
                                if let Some(var) = &step.var {
                                    let latest = log.history.iter().rev().find(|s| s.var.as_ref() == Some(var));
                                    if let Some(v) = latest.and_then(|s| s.value.clone()) {
                                        let plain = step.parts.get(step.part).cloned().unwrap_or_default();
                                        step.text = format!("{plain} ({v})");
                                        step.value = Some(v);
                                    }
                                }
                            }
                            step
                        }
                        None if !started.contains(t) && !blocked.contains_key(t) => {
                            Step { text: "start running".into(), parts: vec!["start running".into()], ..Default::default() }
                        }
                        None => {
                            let line = blocked.get(t).copied().unwrap_or(0);
                            Step { line, text: "go on (it can run again)".into(), parts: vec!["go on".into()], ..Default::default() }
                        }
                    },
                };
                step.thread = *t;
                step.name = name(*t);
                turn.runnable.push(step);
            }
            turn.running = default;
        }
        None => turn.ending = Some(ending(&run)),
    }
    turn.history = log.history;
    turn.reached = goal.is_some_and(|g| reached(g, &turn, source));
    turn
}

/// Is `goal` reached by what `turn` shows?
fn reached(goal: Goal, turn: &Turn, source: &str) -> bool {
    match goal {
        Goal::Wrong => turn.ending.as_ref().is_some_and(|e| e.exit == 0 && e.stdout != turn.normal_stdout),
        Goal::Deadlock => turn.ending.as_ref().is_some_and(|e| e.deadlock),
        Goal::Crash => turn.ending.as_ref().is_some_and(|e| !e.error.is_empty() && !e.deadlock),
        Goal::Critical => {
            let critical: Vec<u32> = source
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains("# critical section"))
                .map(|(i, _)| i as u32 + 1)
                .collect();
            let mut at: HashMap<u32, u32> = HashMap::new();
            turn.history.iter().any(|s| {
                at.insert(s.thread, s.line);
                at.values().filter(|l| critical.contains(l)).count() >= 2
            }) || {
                // Or now: two runnable threads about to run critical lines they reached.
                turn.runnable.iter().filter(|s| critical.contains(&s.line)).count() >= 2
            }
        }
    }
}

/// A switch of a replayed schedule: where one thread was set aside for another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Switch {
    /// How many shared steps had run before it (an index into [`Replay::history`]).
    pub at: usize,
    /// The thread set aside.
    pub from: String,
    /// The thread that ran instead.
    pub to: String,
    /// The line the thread set aside was at (0 when unknown).
    pub line: u32,
    /// A preemption: the thread set aside could have gone on (else the GIL was free).
    pub preemption: bool,
    /// The shared step the thread set aside took when it ran again ("write `counter` = 1").
    pub next: Option<String>,
    /// The shared variable both threads touched around the switch: the one that step is
    /// on, when another thread touched it in between.
    pub var: Option<String>,
    /// What another thread did to `var` in between ("Thread-2 (work) read `counter` (0)").
    pub meanwhile: Option<String>,
}

/// An explorer outcome's run, replayed and explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Replay {
    /// The shared steps, in order.
    pub history: Vec<Step>,
    /// The preemptions and other non-default switches.
    pub switches: Vec<Switch>,
    /// One sentence on what went wrong (or what happened).
    pub narration: String,
    /// How it ended.
    pub ending: Ending,
}

/// Replay `schedule` (an `explore:` value) and narrate it.
pub fn replay(source: &str, schedule: &str, max_steps: u64) -> Replay {
    let plan = Schedule::parse(schedule).unwrap_or_default();
    let log = Arc::new(Mutex::new(Log::default()));
    let handle = ExploreHandle::new(Schedule::default());
    handle.lock().driver = Some(Box::new(Person { mode: Mode::Plan(plan), log: log.clone() }));
    let run = session::run(source, &options(max_steps, handle.clone()));
    handle.lock().driver = None;
    let log = std::mem::take(&mut *log.lock().unwrap_or_else(|e| e.into_inner()));
    let names = names(&run.trace);
    let name = |t: u32| name_of(&names, t);
    let mut history = log.history;
    for s in &mut history {
        s.name = name(s.thread);
    }
    let switches: Vec<Switch> = log
        .switches
        .iter()
        .map(|&(at, from, to, preemption)| {
            let line = history[..at].iter().rev().find(|s| s.thread == from).map_or(0, |s| s.line);
            // What the thread set aside did next, and who touched that variable meanwhile.
            let resume = history[at..].iter().position(|s| s.thread == from).map(|p| p + at);
            let next = resume.map(|r| &history[r]);
            let meanwhile = next.and_then(|n| {
                let var = n.var.as_ref()?;
                history[at..resume?].iter().find(|s| s.thread != from && s.var.as_ref() == Some(var))
            });
            Switch {
                at,
                from: name(from),
                to: name(to),
                line,
                preemption,
                next: next.map(|n| n.text.clone()),
                var: meanwhile.and_then(|m| m.var.clone()),
                meanwhile: meanwhile.map(|m| format!("{} {}", m.name, m.text)),
            }
        })
        .collect();
    let ending = ending(&run);
    let narration = narrate(&history, &switches, &ending, &run);
    Replay { history, switches, narration, ending }
}

/// One honest sentence from the shared steps: a lost update when one shows, else the
/// deadlock report, the exception, or the first switch.
fn narrate(history: &[Step], switches: &[Switch], ending: &Ending, run: &RunResult) -> String {
    // A lost update: A reads X, B reads X, A writes X (B's read came between).
    for (k, w) in history.iter().enumerate() {
        let (Some(x), true) = (&w.var, w.write) else { continue };
        let Some(i) = history[..k].iter().rposition(|s| s.thread == w.thread && s.var.as_ref() == Some(x) && !s.write) else {
            continue;
        };
        let between = history[i + 1..k].iter().find(|s| s.thread != w.thread && s.var.as_ref() == Some(x) && !s.write);
        if let Some(b) = between {
            let val = |s: &Step| s.value.as_ref().map(|v| format!(" ({v})")).unwrap_or_default();
            let wrote = w.value.as_ref().map(|v| format!(" {v}")).unwrap_or_else(|| " it".into());
            // Whose update was lost: the one written first, overwritten by the other thread
            // from the value both had read.
            let j = history.iter().position(|s| std::ptr::eq(s, b)).unwrap_or(k);
            let b_write = history[j + 1..].iter().position(|s| s.thread == b.thread && s.var.as_ref() == Some(x) && s.write);
            let tail = match b_write.map(|p| p + j + 1) {
                Some(p) if p > k => format!(", so {} later overwrote {}'s update", b.name, w.name),
                Some(_) => format!(", so {} overwrote {}'s update", w.name, b.name),
                None => String::new(),
            };
            return format!("{} read `{x}`{} after {} read it and before {} wrote{wrote}{tail}.", b.name, val(b), w.name, w.name);
        }
    }
    if ending.deadlock {
        if let RunEnd::Deadlock { report, .. } = &run.end {
            let first = report.lines().next().unwrap_or("").trim();
            return format!("Deadlock: {first}");
        }
        return "The threads deadlocked: each waits for a lock another holds.".into();
    }
    let switch = switches.first().map(|s| {
        let at = if s.line > 0 { format!(" at line {}", s.line) } else { String::new() };
        format!("{} was set aside{at} and {} ran first", s.from, s.to)
    });
    match (switch, ending.error.is_empty()) {
        (Some(s), false) => format!("{s}; then the program failed with {}.", ending.error),
        (Some(s), true) => format!("{s}."),
        (None, false) => format!("The program failed with {} in its normal schedule.", ending.error),
        (None, true) => "This is the normal schedule: each thread runs until it blocks or finishes.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOST: &str = "import threading
counter = 0
def work():
    global counter
    for _ in range(2):
        counter += 1
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
";

    const LOCKS: &str = "import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        with b:
            pass
def two():
    with b:
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print('done')
";

    /// Play `src` turn by turn: `pick` names the thread to go next, or None to stop at
    /// this turn. Returns the turn where the run ended or `pick` stopped.
    pub(super) fn take_turns(src: &str, goal: Option<Goal>, mut pick: impl FnMut(&Turn) -> Option<u32>) -> Turn {
        let mut picks = vec![];
        for _ in 0..500 {
            let t = turn(src, &picks, goal, 1_000_000);
            assert_eq!(t.picks, picks, "every pick was used");
            if t.ending.is_some() {
                return t;
            }
            match pick(&t) {
                Some(p) => picks.push(p),
                None => return t,
            }
        }
        panic!("the game did not end");
    }

    /// The thread that goes on by default (the running one).
    pub(super) fn running(t: &Turn) -> Option<u32> {
        Some(t.runnable[t.running].thread)
    }

    /// The workers (`Thread-N`) started so far.
    pub(super) fn workers(t: &Turn) -> std::collections::HashSet<&str> {
        t.history.iter().chain(&t.runnable).map(|s| s.name.as_str()).filter(|n| n.starts_with("Thread-")).collect()
    }

    /// Pick with `pick` until the run ends; but first let the main thread start both workers.
    pub(super) fn play(src: &str, goal: Goal, pick: impl Fn(&Turn) -> u32) -> Turn {
        take_turns(src, Some(goal), |t| match t.runnable.iter().find(|s| s.name == "MainThread") {
            Some(main) if workers(t).len() < 2 => Some(main.thread),
            _ => Some(pick(t)),
        })
    }

    #[test]
    fn the_first_turn_shows_the_runnable_threads_and_a_split_statement() {
        // Main starts both threads, then the threads wait: follow main until a worker can go.
        let t = take_turns(LOST, None, |t| match t.runnable.iter().any(|s| s.text.starts_with("read `counter`")) {
            true => None,
            false => running(t),
        });
        let s = t.runnable.iter().find(|s| s.text.starts_with("read `counter`")).unwrap();
        assert_eq!(s.parts, ["read `counter`", "add 1", "write `counter`"]);
        assert_eq!(s.part, 0);
        assert_eq!(s.line, 6);
        assert!(s.name.starts_with("Thread-"), "{}", s.name);
        assert_eq!(t.normal_stdout, "4\n");
    }

    #[test]
    fn a_scheduler_that_switches_after_every_read_loses_updates() {
        // Pick, when a thread is about to write, another worker that is not.
        let t = play(LOST, Goal::Wrong, |t| {
            let me = &t.runnable[t.running];
            if me.write {
                if let Some(o) = t.runnable.iter().find(|s| s.thread != me.thread && s.name != "MainThread" && !s.write) {
                    return o.thread;
                }
            }
            me.thread
        });
        let e = t.ending.clone().unwrap();
        assert_ne!(e.stdout, "4\n");
        assert!(t.reached);
        // The schedule replays the same run.
        let r = replay(LOST, &t.schedule, 1_000_000);
        assert_eq!(r.ending.stdout, e.stdout);
        assert!(r.narration.contains("read `counter`") && r.narration.contains("after"), "{}", r.narration);
        assert!(r.narration.contains("overwrote"), "{}", r.narration);
    }

    #[test]
    fn taking_turns_at_every_lock_deadlocks_and_undo_is_one_pick_fewer() {
        let t = play(LOCKS, Goal::Deadlock, |t| {
            // Prefer a thread other than the running one, but never the main thread.
            let other = t.runnable.iter().enumerate().find(|(k, s)| *k != t.running && s.name != "MainThread");
            other.map_or(t.runnable[t.running].thread, |(_, s)| s.thread)
        });
        assert!(t.ending.as_ref().unwrap().deadlock, "{:?}", t.ending);
        assert!(t.reached);
        let undo = turn(LOCKS, &t.picks[..t.picks.len() - 1], Some(Goal::Deadlock), 1_000_000);
        assert!(undo.ending.is_none() && !undo.reached);
        let r = replay(LOCKS, &t.schedule, 1_000_000);
        assert!(r.ending.deadlock && r.narration.starts_with("Deadlock"), "{}", r.narration);
    }

    #[test]
    fn the_default_everywhere_is_the_normal_run() {
        let t = take_turns(LOST, Some(Goal::Wrong), running);
        assert_eq!(t.ending.unwrap().stdout, "4\n");
        assert!(!t.reached);
        assert_eq!(t.schedule, "explore:");
    }

    /// Takes turns: the worker that has taken the fewest shared steps goes next (the
    /// running one on a tie), so each thread is stopped just before its next shared step.
    pub(super) fn round_robin(t: &Turn) -> u32 {
        let steps = |s: &Step| t.history.iter().filter(|h| h.thread == s.thread).count();
        t.runnable
            .iter()
            .filter(|s| s.name != "MainThread")
            .min_by_key(|s| (steps(s), s.thread != t.runnable[t.running].thread))
            .map_or(t.runnable[t.running].thread, |s| s.thread)
    }

    const CRITICAL: &str = "import threading
inside = 0
def worker():
    global inside
    inside += 1  # critical section
    inside -= 1
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print('done')
";

    const POP: &str = "import threading
items = [1]
def take():
    if items:
        items.pop()
t1 = threading.Thread(target=take)
t2 = threading.Thread(target=take)
t1.start()
t2.start()
t1.join()
t2.join()
";

    #[test]
    fn taking_turns_gets_two_threads_into_the_critical_section() {
        let t = play(CRITICAL, Goal::Critical, round_robin);
        assert!(t.reached, "{:?}", t.history);
        // So does always switching to another worker (what the e2e test's player does).
        let t = play(CRITICAL, Goal::Critical, |t| {
            let other = t.runnable.iter().enumerate().find(|(k, s)| *k != t.running && s.name != "MainThread");
            other.map_or(t.runnable[t.running].thread, |(_, s)| s.thread)
        });
        assert!(t.reached && t.ending.as_ref().is_some_and(|e| e.stdout == "done\n"), "{:?}", t.history);
        // The normal run never has both inside at once.
        let normal = take_turns(CRITICAL, Some(Goal::Critical), running);
        assert!(normal.ending.is_some() && !normal.reached);
    }

    #[test]
    fn taking_turns_makes_a_check_then_pop_crash() {
        let t = play(POP, Goal::Crash, round_robin);
        let e = t.ending.clone().unwrap();
        assert_eq!(e.error, "IndexError: pop from empty list");
        assert!(t.reached);
        // A crash is not a wrong result, and a deadlock is not a crash.
        assert!(!reached(Goal::Wrong, &t, POP) || e.exit == 0);
        let dead = Turn { ending: Some(Ending { deadlock: true, error: "Deadlock".into(), exit: 3, ..Default::default() }), ..Default::default() };
        assert!(!reached(Goal::Crash, &dead, POP) && reached(Goal::Deadlock, &dead, POP));
    }

    #[test]
    fn the_critical_section_goal_needs_two_threads_on_its_lines_at_once() {
        let step = |thread: u32, line: u32| Step { thread, line, ..Default::default() };
        // Thread 1 enters (line 5) and leaves (line 6) before thread 2 enters: not at once.
        let apart = Turn { history: vec![step(1, 5), step(1, 6), step(2, 5)], ..Default::default() };
        assert!(!reached(Goal::Critical, &apart, CRITICAL));
        let together = Turn { history: vec![step(1, 5), step(2, 5)], ..Default::default() };
        assert!(reached(Goal::Critical, &together, CRITICAL));
        // Or both about to run a critical line now.
        let about = Turn { runnable: vec![step(1, 5), step(2, 5)], ..Default::default() };
        assert!(reached(Goal::Critical, &about, CRITICAL));
        // A program without marked lines has no critical section to reach.
        assert!(!reached(Goal::Critical, &together, LOST));
    }

    #[test]
    fn goals_have_link_names() {
        for g in Goal::ALL {
            assert_eq!(Goal::from_slug(g.slug()), Some(g));
        }
    }
}

#[cfg(test)]
mod gallery_tests {
    use super::*;

    fn program(text: &str) -> String {
        text.lines().filter(|l| !l.starts_with("#|")).map(|l| format!("{l}\n")).collect()
    }

    /// Lets main start both workers, then takes each worker to its first lock, then has
    /// each try its second: what a learner does to deadlock two locks in opposite order.
    fn opposite_locks(t: &Turn, held: &mut HashMap<String, usize>) -> u32 {
        let main = t.runnable.iter().find(|s| s.name == "MainThread");
        if let (Some(m), true) = (main, super::tests::workers(t).len() < 2) {
            return m.thread;
        }
        let count = |s: &Step| held.get(&s.name).copied().unwrap_or(0);
        let acquire = |s: &Step| s.text.starts_with("acquire");
        let w = |s: &&Step| s.name != "MainThread";
        let pick = t
            .runnable
            .iter()
            .filter(w)
            .find(|s| acquire(s) && count(s) == 0)
            .or_else(|| t.runnable.iter().filter(w).find(|s| !acquire(s) && count(s) == 0))
            .or_else(|| t.runnable.iter().filter(w).find(|s| acquire(s)))
            .unwrap_or(&t.runnable[t.running]);
        if acquire(pick) {
            *held.entry(pick.name.clone()).or_default() += 1;
        }
        pick.thread
    }

    #[test]
    fn the_gallery_deadlock_is_reachable_by_taking_one_lock_each() {
        let src = program(include_str!("../ui/gallery/deadlock-threads.py"));
        let mut held = HashMap::new();
        let t = super::tests::take_turns(&src, Some(Goal::Deadlock), |t| {
            assert!(t.runnable.iter().all(|s| !s.text.is_empty()));
            (t.picks.len() <= 100).then(|| opposite_locks(t, &mut held))
        });
        assert!(t.ending.as_ref().is_some_and(|e| e.deadlock), "{:?} after {:?}", t.ending, t.picks);
        assert!(t.reached);
        assert!(t.history.iter().filter(|s| s.text == "acquire `first`").count() >= 2);
    }

    #[test]
    fn the_gallery_homemade_lock_lets_two_threads_into_the_critical_section() {
        let entry = include_str!("../ui/gallery/critical-section.py");
        let src = program(entry);
        let t = super::tests::play(&src, Goal::Critical, super::tests::round_robin);
        assert!(t.reached, "{:?}", t.history);
        // Both workers read `busy` before either set it.
        let reads = t.history.iter().filter(|s| s.text == "read `busy` (False)").count();
        assert!(reads >= 2, "{:?}", t.history);
        // With the real lock the same player never gets there.
        let fixed = src.replace("USE_LOCK = False", "USE_LOCK = True");
        let t = super::tests::play(&fixed, Goal::Critical, super::tests::round_robin);
        assert!(!t.reached && t.ending.as_ref().is_some_and(|e| e.stdout.is_empty()), "{:?}", t.ending);
    }
}
