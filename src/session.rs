//! One run of a program, start to finish: compile, execute, collect output and trace.
//!
//! This is the engine's front door for the command-line runner, the tests and the UI's
//! worker: `run(source, options)` never panics on any input and always returns a result
//! with the output so far, the trace, how the run ended and the exit status.

use crate::protocol::{ChildRecord, ChildReport, ChildRun};
use crate::runtime::processes::detached::{self, Alone};
use crate::runtime::{OutputLine, Stream};
use crate::trace::{RunEnd, Trace};
use crate::vm::{Fail, LimitKind, Limits, MemoryProbe, Vm};

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Shown in tracebacks and error messages.
    pub filename: String,
    /// The budgets (steps, memory, virtual time).
    pub limits: Limits,
    /// Measures memory in use; None to skip the memory budget.
    pub memory_probe: Option<MemoryProbe>,
    /// Record the trace (the UI always does; the CLI only when asked to write it).
    pub trace: bool,
    /// Simulated cores (`multiprocessing.cpu_count()`).
    pub cpus: usize,
    /// Virtual CPU seconds per bytecode instruction; `None` chooses by the program:
    /// `DEFAULT_CPU_RATE` when it uses threads or processes, else 0 (asyncio on a virtual
    /// clock, where code takes no time, exactly as CPython's event loop tests run).
    pub cpu_rate: Option<f64>,
    /// Who gets the GIL when several threads wait.
    pub schedule: crate::runtime::threads::policy::Policy,
    /// Run only this child process, detached (real mode); the other options must be the
    /// simulation's, so the replay up to its fork is the same.
    pub child: Option<ChildRun>,
    /// Wall-clock milliseconds, for what a detached child measures.
    pub wall_clock: fn() -> f64,
    /// Told the step count every 4,096 steps (the page's worker reports progress).
    pub progress: Option<fn(u64)>,
    /// The program's other files, `(module name, source)`, importable by name (the CLI
    /// gives the `.py` files beside the program; the page has one file).
    pub modules: Vec<(String, String)>,
    /// The program's own arguments: `sys.argv` is the file name, then these.
    pub argv: Vec<String>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            filename: "prog.py".into(),
            limits: Limits::default(),
            memory_probe: None,
            trace: true,
            cpus: 4,
            cpu_rate: None,
            schedule: crate::runtime::threads::policy::Policy::Fifo,
            child: None,
            wall_clock: || 0.0,
            progress: None,
            modules: Vec::new(),
            argv: Vec::new(),
        }
    }
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Output lines (stdout and stderr) with their virtual times.
    pub output: Vec<OutputLine>,
    /// The recorded trace (empty when `trace` was false).
    pub trace: Trace,
    /// How the run ended.
    pub end: RunEnd,
    /// 0 finished, 1 uncaught exception or limit, 2 cannot run, 3 deadlock.
    pub exit_code: i32,
    /// What goes to standard error at the end: a traceback, a report, a message.
    pub error_text: String,
    /// Bytecode steps executed.
    pub steps: u64,
    /// Every child process of a simulation, to run again detached (real mode).
    pub children: Vec<ChildRecord>,
    /// What a detached run of one child measured, or why it could not.
    pub child: Option<Result<ChildReport, String>>,
}

impl RunResult {
    /// Standard output, optionally stamped `[%8.3f] `.
    pub fn stdout(&self, stamp: bool) -> String {
        let mut s = String::new();
        for l in self.output.iter().filter(|l| l.stream == Stream::Stdout) {
            if stamp {
                s.push_str(&format!("[{:8.3}] ", l.time));
            }
            s.push_str(&l.text);
            s.push('\n');
        }
        s
    }

    /// Standard error: what the program printed there, then the final error text.
    pub fn stderr(&self) -> String {
        let mut s = String::new();
        for l in self.output.iter().filter(|l| l.stream == Stream::Stderr) {
            s.push_str(&l.text);
            s.push('\n');
        }
        s.push_str(&self.error_text);
        s
    }
}

impl RunResult {
    fn refused(options: &RunOptions, message: &str) -> RunResult {
        let end = RunEnd::Limit { message: message.into() };
        RunResult {
            output: vec![],
            trace: Trace { version: crate::trace::TRACE_VERSION, file: options.filename.clone(), end: Some(end.clone()), ..Default::default() },
            end,
            exit_code: 2,
            error_text: format!("{message}\n"),
            steps: 0,
            children: vec![],
            child: None,
        }
    }
}

/// Does the program import `threading`, `multiprocessing`, `queue` or `concurrent`?
pub fn uses_threads_or_processes(source: &str) -> bool {
    source.lines().any(|l| {
        let l = l.trim_start();
        let rest = l.strip_prefix("import ").or_else(|| l.strip_prefix("from "));
        rest.map(|r| {
            r.split([',', ' ', '.']).filter(|w| !w.is_empty()).take_while(|w| *w != "import").any(|m| {
                matches!(m, "threading" | "multiprocessing" | "queue" | "concurrent")
            })
        })
        .unwrap_or(false)
    })
}

/// The most simulated cores a run may have (`--cpus`).
pub const MAX_CPUS: usize = 1024;

/// Compile and run `source`.
///
/// Whatever the run's reference cycles keep alive is freed when it ends
/// (`vm::heap::end_run`): the browser's worker and the fuzzer run every program in one
/// process.
pub fn run(source: &str, options: &RunOptions) -> RunResult {
    crate::vm::heap::begin_run();
    let result = run_in(source, options);
    crate::vm::heap::end_run();
    result
}

fn run_in(source: &str, options: &RunOptions) -> RunResult {
    let code = match crate::compiler::compile(source, &options.filename) {
        _ if options.cpus == 0 => {
            return RunResult::refused(options, "--cpus must be at least 1");
        }
        // Each core is a slot the scheduler scans; more than this is no machine.
        _ if options.cpus > MAX_CPUS => {
            return RunResult::refused(options, &format!("--cpus must be at most {MAX_CPUS}"));
        }
        Ok(c) => c,
        Err(e) => {
            let mut trace = Trace { version: crate::trace::TRACE_VERSION, file: options.filename.clone(), ..Default::default() };
            let end = RunEnd::CompileError { line: e.line, col: e.col, message: e.message.clone() };
            trace.end = Some(end.clone());
            return RunResult {
                output: vec![],
                trace,
                end,
                exit_code: 2,
                error_text: format!("{}\n", e.render(&options.filename)),
                steps: 0,
                children: vec![],
                child: None,
            };
        }
    };
    let mut vm = Vm::new(options.limits);
    vm.memory_probe = options.memory_probe;
    vm.progress = options.progress;
    vm.rt.recorder = crate::trace::Recorder::new(&options.filename);
    vm.rt.recorder.enabled = options.trace;
    let cpu_rate = options.cpu_rate.unwrap_or_else(|| if uses_threads_or_processes(source) { crate::runtime::threads::DEFAULT_CPU_RATE } else { 0.0 });
    let config = crate::runtime::Config { cpus: options.cpus, cpu_rate, policy: options.schedule.clone() };
    crate::runtime::install(&mut vm, &config);
    vm.add_source(&options.filename, source);
    vm.rt.argv = std::iter::once(options.filename.clone()).chain(options.argv.iter().cloned()).collect();
    vm.user_sources = options.modules.iter().map(|(n, s)| (n.clone(), s.as_str().into())).collect();
    if let Some(run) = &options.child {
        vm.rt.forks.alone = Some(Alone::new(run.clone(), options.wall_clock));
    }
    crate::vm::value::take_never_awaited();
    let result = vm.run_main(code);
    vm.warn_never_awaited();
    let (end, exit_code, error_text) = match result {
        Ok(_) => (RunEnd::Finished, 0, String::new()),
        Err(Fail::Exc(e)) if vm.is_instance_of(&e, "SystemExit") => {
            // sys.exit(code): no traceback; an int is the status, anything else is printed.
            let arg = crate::vm::exceptions::exc_state(&e).and_then(|s| s.borrow().args.first().cloned());
            match arg {
                None | Some(crate::vm::value::Value::None) => (RunEnd::Finished, 0, String::new()),
                Some(crate::vm::value::Value::Int(code)) => {
                    let end = if code == 0 { RunEnd::Finished } else { RunEnd::Exception { text: format!("SystemExit: {code}") } };
                    (end, (code & 0xff) as i32, String::new())
                }
                Some(other) => {
                    let msg = vm.to_str(&other).unwrap_or_default();
                    (RunEnd::Exception { text: format!("SystemExit: {msg}") }, 1, format!("{msg}\n"))
                }
            }
        }
        Err(Fail::Exc(e)) => {
            let text = vm.exception_line(&e);
            let tb = vm.display_traceback(&e);
            (RunEnd::Exception { text }, 1, tb)
        }
        Err(Fail::ChildDone) => (RunEnd::Finished, 0, String::new()),
        Err(Fail::Limit(l)) => match l.kind {
            LimitKind::Deadlock(cycle) => (RunEnd::Deadlock { report: l.message.clone(), cycle }, 3, format!("{}\n", l.message)),
            _ => (RunEnd::Limit { message: l.message.clone() }, 1, format!("Interleave stopped the run: {}\n", l.message)),
        },
    };
    for line in vm.rt.output.flush() {
        vm.record(crate::trace::EventKind::Output { task: None, stream: crate::trace::Stream::Stdout, text: line });
    }
    let child = options.child.as_ref().map(|_| detached::finish_alone(&mut vm));
    let children = if child.is_some() { vec![] } else { detached::finish_records(&mut vm) };
    crate::runtime::values::flush(&mut vm);
    let mut trace = std::mem::take(&mut vm.rt.recorder.trace);
    trace.end = Some(end.clone());
    RunResult {
        output: std::mem::take(&mut vm.rt.output.lines),
        trace,
        end,
        exit_code,
        error_text,
        steps: vm.steps,
        children,
        child,
    }
}

#[cfg(test)]
mod tests {
    use super::uses_threads_or_processes as uses;
    use super::{run, RunOptions};
    use std::cell::RefCell;

    thread_local! {
        static REPORTED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }

    /// The page's Stop relies on this: the run reports its step count as it goes, and running
    /// the program again with the last count as its budget gives the stopped run's beginning.
    #[test]
    fn progress_reports_steps_and_a_replay_to_them_is_the_runs_beginning() {
        let source = "import asyncio\nasync def tick():\n    n = 0\n    while True:\n        n += 1\n        if n % 500 == 0:\n            print(n)\n        await asyncio.sleep(0)\nasyncio.run(tick())\n";
        let mut options = RunOptions { progress: Some(|steps| REPORTED.with(|r| r.borrow_mut().push(steps))), ..RunOptions::default() };
        options.limits.max_steps = 200_000;
        let full = run(source, &options);
        let reported = REPORTED.with(|r| r.borrow().clone());
        assert!(reported.len() > 10 && reported.windows(2).all(|w| w[0] < w[1]), "{reported:?}");
        assert!(reported.iter().all(|s| s % 4096 == 0));
        // Stopped after the 20th report: the replay is the full run cut there.
        let stop = reported[19];
        options.limits.max_steps = stop;
        options.progress = None;
        let replay = run(source, &options);
        assert!(!replay.output.is_empty());
        assert_eq!(replay.output, full.output[..replay.output.len()]);
        let n = replay.trace.events.len();
        assert!(n > 100);
        assert_eq!(replay.trace.events[..n - 1], full.trace.events[..n - 1]);
    }

    #[test]
    fn cost_model_follows_the_imports() {
        assert!(uses("import threading\n"));
        assert!(uses("import asyncio, multiprocessing\n"));
        assert!(uses("from queue import Queue\n"));
        assert!(uses("    from concurrent.futures import ThreadPoolExecutor\n"));
        assert!(!uses("import asyncio\nprint('threading')\n"));
        assert!(!uses("from asyncio import Queue\n"));
    }
}
