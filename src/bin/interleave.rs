//! `interleave`: the native command-line runner.

use interleave::protocol::{ChildRecord, ChildReport, ChildRun};
use interleave::runtime::{OutputLine, Stream};
use interleave::session::{run, RunOptions};
use std::io::Write;
use interleave::vm::heap::{allocated, thread_allocated, CountingAlloc};

/// Counts live heap bytes so the engine can enforce its memory budget.
#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

const HELP: &str = "\
interleave - run Python concurrency programs on a deterministic virtual clock

USAGE:
    interleave run FILE.py [OPTIONS] [-- ARGS...]   (ARGS: the program's sys.argv[1:])
    interleave explore FILE.py [--preemptions K] [--max-schedules N] [--max-steps N]
                       [--time-cap-ms MS] [--json]
    interleave --version
    interleave --help

OPTIONS (run):
    --stamp                 prefix each output line with its virtual time: [%8.3f]
    --trace OUT.json        write the run's trace (Interleave's own format)
    --chrome-trace OUT.json write the trace as Chrome trace-event JSON (Perfetto)
    --max-steps N           step budget (default 10000000 bytecode instructions)
    --max-memory-mb N       memory budget in MiB (default 512)
    --cpus N                simulated cores, multiprocessing.cpu_count() (default 4)
    --cpu-rate SECONDS      virtual CPU time of one cost unit (about a small-int `+`);
                            instructions cost a multiple, by kind, as in CPython 3.11 (default: 5e-9
                            in programs that import threading, multiprocessing or queue;
                            0 otherwise, as CPython's own asyncio tests on a virtual clock)
    --schedule POLICY       who gets the GIL when several threads wait:
                            fifo (default), random:SEED, replay:C1,C2,... (choices
                            recorded in a trace's schedule_choice events), or
                            explore:... (a schedule `interleave explore` printed)
    --real [THREADS]        after the simulation, run each child process again for real,
                            detached on its own OS thread (at most THREADS at once;
                            default: this machine's cores), and report on stderr what
                            each measured and whether its results equal the simulation's

OPTIONS (explore): run the program under every schedule of its threads with at most
K preemptions, and print each distinct outcome with a --schedule value replaying it
    --preemptions K         the preemption bound (default 2)
    --max-schedules N       stop after N schedules (default 10000)
    --max-steps N           step budget of each run (default 1000000)
    --time-cap-ms MS        stop after MS milliseconds
    --json                  print one JSON object: schedules, exhaustive, preemptions, outcomes

EXIT STATUS:
    0 the program finished
    1 an uncaught exception (traceback on stderr) or a budget was exceeded
    2 the program cannot run (syntax error or unsupported construct)
    3 deadlock: every task waits and nothing can wake one (report on stderr)
";

fn usage_error(msg: &str) -> ! {
    eprintln!("interleave: {msg}\n\n{HELP}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => emit(&mut std::io::stdout(), &format!("interleave {}\n", env!("CARGO_PKG_VERSION"))),
        Some("--help") | Some("-h") | None => emit(&mut std::io::stdout(), HELP),
        Some("run") => run_command(&args[1..]),
        Some("explore") => explore_command(&args[1..]),
        Some(other) => usage_error(&format!("unknown command '{other}'")),
    }
}

fn run_command(args: &[String]) {
    let mut file = None;
    let mut stamp = false;
    let mut trace_out = None;
    let mut chrome_out = None;
    let mut real: Option<usize> = None;
    let mut options = RunOptions { memory_probe: Some(allocated), ..Default::default() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().unwrap_or_else(|| usage_error(&format!("{name} needs a value")));
        match a.as_str() {
            "--stamp" => stamp = true,
            "--trace" => trace_out = Some(value("--trace")),
            "--chrome-trace" => chrome_out = Some(value("--chrome-trace")),
            "--max-steps" => {
                options.limits.max_steps =
                    value("--max-steps").parse().unwrap_or_else(|_| usage_error("--max-steps takes a whole number"))
            }
            "--max-memory-mb" => {
                let mb: usize = value("--max-memory-mb").parse().unwrap_or_else(|_| usage_error("--max-memory-mb takes a whole number"));
                options.limits.max_memory = mb
                    .checked_mul(1024 * 1024)
                    .unwrap_or_else(|| usage_error("--max-memory-mb is more memory than this machine can address"));
            }
            "--cpus" => {
                let max = interleave::session::MAX_CPUS;
                options.cpus = value("--cpus")
                    .parse()
                    .ok()
                    .filter(|n| (1..=max).contains(n))
                    .unwrap_or_else(|| usage_error(&format!("--cpus takes a whole number from 1 to {max}")));
            }
            "--cpu-rate" => {
                let rate: f64 = value("--cpu-rate").parse().unwrap_or_else(|_| usage_error("--cpu-rate takes a number of seconds"));
                if !(rate >= 0.0) {
                    usage_error("--cpu-rate must be zero or more");
                }
                options.cpu_rate = Some(rate);
            }
            "--schedule" => options.schedule = parse_schedule(&value("--schedule")),
            "--real" => {
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                real = Some(cores);
                if let Some(n) = it.clone().next().and_then(|n| n.parse::<usize>().ok()) {
                    it.next();
                    real = Some(n.max(1));
                }
            }
            // Everything after `--` is the program's own: its `sys.argv[1:]`.
            "--" => {
                options.argv = it.by_ref().cloned().collect();
            }
            s if s.starts_with("--") => usage_error(&format!("unknown option '{s}'")),
            s => {
                if file.is_some() {
                    usage_error("give exactly one program file");
                }
                file = Some(s.to_string());
            }
        }
    }
    let Some(file) = file else { usage_error("run needs a program file") };
    let source = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("interleave: cannot read {file}: {e}");
            std::process::exit(2);
        }
    };
    options.filename = file.clone();
    options.modules = sibling_modules(&file, &source);
    options.trace = trace_out.is_some() || chrome_out.is_some();
    let result = {
        let (source, options) = (source.clone(), options.clone());
        on_engine_thread(move || run(&source, &options))
    };
    emit_lines(&result.output, Stream::Stdout, stamp, std::io::stdout().lock());
    emit_lines(&result.output, Stream::Stderr, false, std::io::stderr().lock());
    emit(&mut std::io::stderr(), &result.error_text);
    if let Some(threads) = real {
        real_mode(&source, &options, &result.children, threads);
    }
    if let Some(path) = trace_out {
        write_file(&path, &result.trace.to_json());
    }
    if let Some(path) = chrome_out {
        write_file(&path, &interleave::trace::chrome::export(&result.trace));
    }
    std::process::exit(result.exit_code);
}

/// Write the run's output. A reader that went away (`interleave run x.py | head -1`) is
/// not an error of the program's: the rest is dropped quietly and the run's own status
/// stands, where `print!` would panic on the broken pipe.
fn emit(out: &mut impl std::io::Write, text: &str) {
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Write one stream's lines as `RunResult::stdout` and `stderr` lay them out, line by
/// line: joining them first would hold a second copy of everything the program printed,
/// up to its whole memory budget.
fn emit_lines(lines: &[OutputLine], stream: Stream, stamp: bool, out: impl std::io::Write) {
    let mut out = std::io::BufWriter::new(out);
    let written: std::io::Result<()> = lines.iter().filter(|l| l.stream == stream).try_for_each(|l| {
        if stamp {
            write!(out, "[{:8.3}] ", l.time)?;
        }
        out.write_all(l.text.as_bytes())?;
        out.write_all(b"\n")
    });
    // As in `emit`: a reader that went away ends the writing quietly.
    let _ = written.and_then(|()| out.flush());
}

/// Runs `f` on a thread with a generous stack: parsing and compiling recurse over the
/// program's nesting.
fn on_engine_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 * 1024 * 1024).spawn(f).expect("engine thread").join().unwrap_or_else(|_| {
        eprintln!("interleave: internal error (please report this program)");
        std::process::exit(70);
    })
}

fn wall_ms() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// `--real`: each child process of the simulation again, detached on its own OS thread (as
/// the playground runs them in Web Workers), at most `threads` at once.
fn real_mode(source: &str, options: &RunOptions, children: &[ChildRecord], threads: usize) {
    use std::sync::{Arc, Mutex};
    if children.is_empty() {
        eprintln!("real mode: the program started no child processes");
        return;
    }
    let queue: Arc<Mutex<Vec<ChildRecord>>> = Arc::new(Mutex::new(children.iter().rev().cloned().collect()));
    let reports: Arc<Mutex<Vec<(u32, Result<ChildReport, String>)>>> = Arc::default();
    let t0 = wall_ms();
    let workers: Vec<_> = (0..threads.min(children.len()))
        .map(|_| {
            let (queue, reports, source) = (queue.clone(), reports.clone(), source.to_string());
            // Each child has the memory budget to itself: the process-wide count would mix
            // the children, so each counts what its own thread allocated.
            let mut options = RunOptions { trace: false, wall_clock: wall_ms, memory_probe: Some(thread_allocated), ..options.clone() };
            std::thread::Builder::new()
                .stack_size(256 * 1024 * 1024)
                .spawn(move || loop {
                    let Some(record) = queue.lock().expect("queue").pop() else { break };
                    let report = match record.inbox {
                        Err(why) => Err(why),
                        Ok(inbox) => {
                            options.child = Some(ChildRun { fork: record.fork, inbox });
                            run(&source, &options).child.unwrap_or_else(|| Err("no report".into()))
                        }
                    };
                    reports.lock().expect("reports").push((record.fork, report));
                })
                .expect("real-mode thread")
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    let wall = wall_ms() - t0;
    let reports = reports.lock().expect("reports");
    eprintln!("real mode: {} child processes, {} at a time", children.len(), threads.min(children.len()));
    eprintln!("  {:<22} {:>10} {:>10} {:>12}  results", "process", "replay ms", "work ms", "simulated s");
    let mut work_sum = 0.0;
    let mut all_same = true;
    for c in children {
        let Some((_, report)) = reports.iter().find(|(f, _)| *f == c.fork) else { continue };
        let simulated = c.ended.map_or("-".to_string(), |e| format!("{:.3}", e - c.started));
        match report {
            Ok(r) => {
                work_sum += r.work_ms;
                let same = r.outbox == c.outbox;
                all_same &= same;
                let mut verdict = if same { format!("same as simulated ({} items)", r.outbox.len()) } else { "DIFFERENT from simulated".into() };
                // A child that failed says how (its last line of stderr: `MemoryError` when
                // it outgrew its memory budget).
                if let Some(code) = r.exitcode.filter(|c| *c != 0) {
                    let last = r.output.iter().rev().find(|l| l.stream == Stream::Stderr).map_or("", |l| l.text.as_str());
                    verdict.push_str(&format!("; exit {code}: {last}"));
                }
                eprintln!("  {:<22} {:>10.1} {:>10.1} {:>12}  {verdict}", c.name, r.replay_ms, r.work_ms, simulated);
            }
            Err(why) => {
                all_same = false;
                eprintln!("  {:<22} cannot run detached: {why}", c.name);
            }
        }
    }
    eprintln!(
        "  wall {wall:.1} ms; the children's own work {work_sum:.1} ms: {:.2}x parallel; results {}",
        if wall > 0.0 { work_sum / wall } else { 0.0 },
        if all_same { "all equal the simulation's" } else { "differ (see above)" }
    );
}

fn parse_schedule(s: &str) -> interleave::runtime::threads::policy::Policy {
    interleave::runtime::threads::policy::Policy::parse(s).unwrap_or_else(|e| usage_error(&e))
}

fn explore_command(args: &[String]) {
    use interleave::explore::{explore, ExploreOptions, Stopped};
    let mut file = None;
    let mut json = false;
    let mut options = ExploreOptions { clock: monotonic_ms, ..Default::default() };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> u64 {
            it.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| usage_error(&format!("{name} takes a whole number")))
        };
        match a.as_str() {
            "--json" => json = true,
            "--preemptions" => options.preemptions = number("--preemptions").min(u32::MAX as u64) as u32,
            "--max-schedules" => options.max_schedules = number("--max-schedules") as usize,
            "--max-steps" => options.max_steps = number("--max-steps"),
            "--time-cap-ms" => options.time_cap_ms = Some(number("--time-cap-ms") as f64),
            s if s.starts_with("--") => usage_error(&format!("unknown option '{s}'")),
            s => {
                if file.is_some() {
                    usage_error("give exactly one program file");
                }
                file = Some(s.to_string());
            }
        }
    }
    let Some(file) = file else { usage_error("explore needs a program file") };
    let source = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("interleave: cannot read {file}: {e}");
        std::process::exit(2);
    });
    options.filename = file;
    let report = on_engine_thread(move || explore(&source, &options, &mut |_| true));
    if json {
        emit(&mut std::io::stdout(), &format!("{}\n", report.to_json()));
        return;
    }
    let mut out = String::new();
    if report.deterministic_asyncio {
        out.push_str("asyncio only: deterministic on the virtual clock, so one run is every run\n");
    }
    if report.processes {
        out.push_str(&format!("{}\n", interleave::explore::PROCESSES_EXPLORED));
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let how = match report.stopped {
        None if report.exhaustive => format!("exhaustive with at most {} preemption{}", report.preemptions, plural(report.preemptions as usize)),
        Some(Stopped::MaxSchedules) => "not exhaustive: stopped at --max-schedules".into(),
        Some(Stopped::TimeCap) => "not exhaustive: stopped at --time-cap-ms".into(),
        Some(Stopped::Cancelled) => "not exhaustive: stopped".into(),
        _ => "not exhaustive: a replay diverged (an engine bug)".into(),
    };
    out.push_str(&format!(
        "{} schedule{} ({how}; {} redundant), {} outcome{}\n",
        report.schedules,
        plural(report.schedules),
        report.pruned,
        report.outcomes.len(),
        plural(report.outcomes.len())
    ));
    for (i, o) in report.outcomes.iter().enumerate() {
        let ended = if o.deadlock {
            "deadlock".to_string()
        } else if o.exit == 0 && o.error.is_empty() {
            "finished".to_string()
        } else if o.exit == 0 {
            format!("finished; stderr: {}", o.error)
        } else {
            format!("exit {}: {}", o.exit, o.error)
        };
        out.push_str(&format!("\noutcome {}: {} schedule{}, {ended}\n", i + 1, o.count, plural(o.count)));
        for line in o.stdout.lines() {
            out.push_str(&format!("  | {line}\n"));
        }
        out.push_str(&format!("  replay: --schedule {}\n", o.schedule));
    }
    emit(&mut std::io::stdout(), &out);
}

fn monotonic_ms() -> f64 {
    wall_ms()
}

fn write_file(path: &str, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("interleave: cannot write {path}: {e}");
        std::process::exit(2);
    }
}

/// The `.py` files beside `file` that the program imports (and that they import), as
/// `(module name, source)`: CPython puts the script's folder first on `sys.path`, so
/// `import helpers` finds `helpers.py` there. Found by reading `import X` and
/// `from X import` lines; a name with no file beside the program is left to the engine.
fn sibling_modules(file: &str, source: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(file).parent().map(|d| d.to_path_buf()).unwrap_or_default();
    let mut found: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<String> = imported_names(source);
    while let Some(name) = pending.pop() {
        if found.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let path = dir.join(format!("{name}.py"));
        if path.as_path() == std::path::Path::new(file) {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            pending.extend(imported_names(&text));
            found.push((name, text));
        }
    }
    found
}

/// The top-level module names in a source's `import a.b, c as d` and `from e import f` lines.
fn imported_names(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in source.lines().map(str::trim_start) {
        let listed = if let Some(rest) = line.strip_prefix("import ") {
            rest.split(',').map(str::trim).collect::<Vec<_>>()
        } else if let Some(rest) = line.strip_prefix("from ") {
            rest.split_whitespace().next().into_iter().collect()
        } else {
            continue;
        };
        for item in listed {
            let top = item.split(|c: char| c == '.' || c.is_whitespace()).next().unwrap_or("");
            if !top.is_empty() && top.chars().all(|c| c.is_alphanumeric() || c == '_') {
                names.push(top.to_string());
            }
        }
    }
    names
}
