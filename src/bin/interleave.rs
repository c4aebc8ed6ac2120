//! `interleave`: the native command-line runner.

use interleave::session::{run, RunOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live heap bytes so the engine can enforce its memory budget.
struct CountingAlloc;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        ALLOCATED.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

fn allocated() -> usize {
    ALLOCATED.load(Ordering::Relaxed)
}

const HELP: &str = "\
interleave - run Python concurrency programs on a deterministic virtual clock

USAGE:
    interleave run FILE.py [OPTIONS]
    interleave --version
    interleave --help

OPTIONS (run):
    --stamp                 prefix each output line with its virtual time: [%8.3f]
    --trace OUT.json        write the run's trace (Interleave's own format)
    --chrome-trace OUT.json write the trace as Chrome trace-event JSON (Perfetto)
    --max-steps N           step budget (default 10000000 bytecode instructions)
    --max-memory-mb N       memory budget in MiB (default 512)
    --cpus N                simulated cores, multiprocessing.cpu_count() (default 4)
    --cpu-rate SECONDS      virtual CPU time per bytecode instruction (default: 0.000001
                            in programs that import threading, multiprocessing or queue;
                            0 otherwise, as CPython's own asyncio tests on a virtual clock)
    --schedule POLICY       who gets the GIL when several threads wait:
                            fifo (default), random:SEED, or replay:C1,C2,... (choices
                            recorded in a trace's schedule_choice events)

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
        Some("--version") | Some("-V") => println!("interleave {}", env!("CARGO_PKG_VERSION")),
        Some("--help") | Some("-h") | None => print!("{HELP}"),
        Some("run") => run_command(&args[1..]),
        Some(other) => usage_error(&format!("unknown command '{other}'")),
    }
}

fn run_command(args: &[String]) {
    let mut file = None;
    let mut stamp = false;
    let mut trace_out = None;
    let mut chrome_out = None;
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
                options.limits.max_memory = mb * 1024 * 1024;
            }
            "--cpus" => options.cpus = value("--cpus").parse().unwrap_or_else(|_| usage_error("--cpus takes a whole number")),
            "--cpu-rate" => {
                let rate: f64 = value("--cpu-rate").parse().unwrap_or_else(|_| usage_error("--cpu-rate takes a number of seconds"));
                if !(rate >= 0.0) {
                    usage_error("--cpu-rate must be zero or more");
                }
                options.cpu_rate = Some(rate);
            }
            "--schedule" => options.schedule = parse_schedule(&value("--schedule")),
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
    options.trace = trace_out.is_some() || chrome_out.is_some();
    // A generous stack: parsing and compiling recurse over the program's nesting.
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || run(&source, &options))
        .expect("engine thread")
        .join()
        .unwrap_or_else(|_| {
            eprintln!("interleave: internal error (please report this program)");
            std::process::exit(70);
        });
    print!("{}", result.stdout(stamp));
    eprint!("{}", result.stderr());
    if let Some(path) = trace_out {
        write_file(&path, &result.trace.to_json());
    }
    if let Some(path) = chrome_out {
        write_file(&path, &interleave::trace::chrome::export(&result.trace));
    }
    std::process::exit(result.exit_code);
}

fn parse_schedule(s: &str) -> interleave::runtime::threads::policy::Policy {
    use interleave::runtime::threads::policy::Policy;
    if s == "fifo" {
        return Policy::Fifo;
    }
    if let Some(seed) = s.strip_prefix("random:") {
        return Policy::random(seed.parse().unwrap_or_else(|_| usage_error("random:SEED takes a whole number")));
    }
    if let Some(list) = s.strip_prefix("replay:") {
        let choices = list
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|c| c.parse().unwrap_or_else(|_| usage_error("replay:C1,C2,... takes whole numbers")))
            .collect();
        return Policy::Replay { choices, next: 0 };
    }
    usage_error("--schedule is fifo, random:SEED or replay:C1,C2,...")
}

fn write_file(path: &str, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        eprintln!("interleave: cannot write {path}: {e}");
        std::process::exit(2);
    }
}
