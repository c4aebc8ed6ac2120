//! One run of a program, start to finish: compile, execute, collect output and trace.
//!
//! This is the engine's front door for the command-line runner, the tests and the UI's
//! worker: `run(source, options)` never panics on any input and always returns a result
//! with the output so far, the trace, how the run ended and the exit status.

use crate::runtime::{OutputLine, Stream};
use crate::trace::{RunEnd, Trace};
use crate::vm::{Fail, LimitKind, Limits, MemoryProbe, Vm};

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Shown in tracebacks and error messages.
    pub filename: String,
    pub limits: Limits,
    pub memory_probe: Option<MemoryProbe>,
    /// Record the trace (the UI always does; the CLI only when asked to write it).
    pub trace: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { filename: "prog.py".into(), limits: Limits::default(), memory_probe: None, trace: true }
    }
}

/// Everything a run produced.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// Output lines (stdout and stderr) with their virtual times.
    pub output: Vec<OutputLine>,
    pub trace: Trace,
    pub end: RunEnd,
    /// 0 finished, 1 uncaught exception or limit, 2 cannot run, 3 deadlock.
    pub exit_code: i32,
    /// What goes to standard error at the end: a traceback, a report, a message.
    pub error_text: String,
    /// Bytecode steps executed.
    pub steps: u64,
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

/// Compile and run `source`.
pub fn run(source: &str, options: &RunOptions) -> RunResult {
    let code = match crate::compiler::compile(source, &options.filename) {
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
            };
        }
    };
    let mut vm = Vm::new(options.limits);
    vm.memory_probe = options.memory_probe;
    vm.rt.recorder = crate::trace::Recorder::new(&options.filename);
    vm.rt.recorder.enabled = options.trace;
    vm.add_source(&options.filename, source);
    let result = vm.run_main(code);
    let (end, exit_code, error_text) = match result {
        Ok(_) => (RunEnd::Finished, 0, String::new()),
        Err(Fail::Exc(e)) => {
            let text = vm.exception_line(&e);
            let tb = vm.format_traceback(&e);
            (RunEnd::Exception { text }, 1, tb)
        }
        Err(Fail::Limit(l)) => match l.kind {
            LimitKind::Deadlock(cycle) => (RunEnd::Deadlock { report: l.message.clone(), cycle }, 3, format!("{}\n", l.message)),
            _ => (RunEnd::Limit { message: l.message.clone() }, 1, format!("Interleave stopped the run: {}\n", l.message)),
        },
    };
    for line in vm.rt.output.flush() {
        vm.record(crate::trace::EventKind::Output { task: None, stream: "stdout".into(), text: line });
    }
    let mut trace = std::mem::take(&mut vm.rt.recorder.trace);
    trace.end = Some(end.clone());
    RunResult {
        output: std::mem::take(&mut vm.rt.output.lines),
        trace,
        end,
        exit_code,
        error_text,
        steps: vm.steps,
    }
}
