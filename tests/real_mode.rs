//! Real mode: each child process of a simulation, run again alone (its fork replayed), must
//! do what it did in the simulation: same results, same output, fed the same queue items.

use interleave::protocol::{ChildRecord, ChildReport, ChildRun, Wire};
use interleave::session::{run, RunOptions};

fn simulate(source: &str) -> Vec<ChildRecord> {
    let result = run(source, &RunOptions { trace: false, ..Default::default() });
    assert_eq!(result.exit_code, 0, "{}", result.stderr());
    result.children
}

fn detached(source: &str, record: &ChildRecord) -> ChildReport {
    let inbox = record.inbox.clone().expect("the child can be detached");
    let options = RunOptions { trace: false, child: Some(ChildRun { fork: record.fork, inbox }), ..Default::default() };
    let result = run(source, &options);
    assert_eq!(result.exit_code, 0, "{}", result.stderr());
    result.child.expect("a report").expect("the child ran")
}

fn texts(report: &ChildReport) -> Vec<&str> {
    report.output.iter().map(|l| l.text.as_str()).collect()
}

const POOL: &str = r#"
from multiprocessing import Pool

def square_sum(chunk):
    return sum(x * x for x in chunk)

if __name__ == "__main__":
    chunks = [list(range(i, i + 5)) for i in range(0, 40, 5)]
    with Pool(3) as pool:
        print(pool.map(square_sum, chunks))
        # Leaving the block terminates the workers (CPython's Pool.__exit__); closing
        # first lets each one take the None that ends it and exit 0.
        pool.close()
        pool.join()
"#;

#[test]
fn pool_workers_detached_return_what_they_returned_in_the_simulation() {
    let children = simulate(POOL);
    assert_eq!(children.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["ForkPoolWorker-1", "ForkPoolWorker-2", "ForkPoolWorker-3"]);
    let mut results = 0;
    for child in &children {
        let inbox = child.inbox.as_ref().unwrap();
        // Its tasks (if it won any), then the None that stops it.
        assert_eq!(inbox.last(), Some(&Some(Wire::None)), "{inbox:?}");
        let report = detached(POOL, child);
        assert_eq!(report.outbox, child.outbox, "{}", child.name);
        assert_eq!(report.exitcode, Some(0));
        assert_eq!(report.name, child.name);
        results += report.outbox.len();
    }
    assert_eq!(results, 8, "every chunk's result came from some worker");
}

const PROCESSES: &str = r#"
from multiprocessing import Process, Queue

greeting = "unset"

def cook(name, q):
    print(f"{name} cooking with {greeting}")
    q.put((name, len(greeting)))

if __name__ == "__main__":
    greeting = "olive oil"
    q = Queue()
    print("parent before")
    cooks = [Process(target=cook, args=(f"cook {i}", q)) for i in range(2)]
    for p in cooks:
        p.start()
    for p in cooks:
        p.join()
    print("parent after", sorted(q.get() for _ in cooks))
"#;

#[test]
fn a_detached_child_sees_the_globals_of_its_fork_and_prints_only_its_own_lines() {
    let children = simulate(PROCESSES);
    assert_eq!(children.len(), 2);
    for (i, child) in children.iter().enumerate() {
        let report = detached(PROCESSES, child);
        assert_eq!(texts(&report), [format!("cook {i} cooking with olive oil")]);
        assert_eq!(report.outbox, [format!("('cook {i}', 9)")]);
        assert_eq!(report.outbox, child.outbox);
        assert!(report.output.iter().all(|l| l.ms >= 0.0 && l.stream == interleave::trace::Stream::Stdout));
    }
}

const CONSUMER: &str = r#"
from multiprocessing import Process, Queue

def consume(q):
    total = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += item["size"]
        print("got", item)
    print("total", total)

if __name__ == "__main__":
    q = Queue()
    p = Process(target=consume, args=(q,))
    p.start()
    for size in (3, 5, 8):
        q.put({"size": size, "tags": (size, [size * 2])})
    q.put(None)
    p.join()
"#;

#[test]
fn a_consumer_detached_receives_what_the_parent_sent_it() {
    let children = simulate(CONSUMER);
    let [child] = children.as_slice() else { panic!("one child: {children:?}") };
    assert_eq!(child.inbox.as_ref().unwrap().len(), 4);
    let report = detached(CONSUMER, child);
    assert_eq!(
        texts(&report),
        [
            "got {'size': 3, 'tags': (3, [6])}",
            "got {'size': 5, 'tags': (5, [10])}",
            "got {'size': 8, 'tags': (8, [16])}",
            "total 16"
        ]
    );
}

#[test]
fn a_child_that_waits_for_more_than_was_sent_ends_waiting_for_its_parent() {
    let source = CONSUMER.replace("    q.put(None)\n    p.join()\n", "");
    let result = run(&source, &RunOptions { trace: false, ..Default::default() });
    // The simulated child is left waiting (a non-daemon child: the parent's exit waits).
    let child = result.children.first().expect("a child").clone();
    let inbox = child.inbox.clone().unwrap();
    assert_eq!(inbox.len(), 3);
    let options = RunOptions { trace: false, child: Some(ChildRun { fork: 1, inbox }), ..Default::default() };
    let report = run(&source, &options).child.unwrap().unwrap();
    assert_eq!(report.exitcode, None, "it ended waiting, not exiting");
    assert_eq!(report.output.len(), 3);
}

#[test]
fn a_pool_refuses_a_lambda_as_cpython_does() {
    let source = POOL.replace("pool.map(square_sum, chunks)", "pool.map(lambda c: sum(c), chunks)");
    let result = run(&source, &RunOptions { trace: false, ..Default::default() });
    assert_eq!(result.exit_code, 1);
    let last = result.stderr().lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("_pickle.PicklingError: Can't pickle <function <lambda> at 0x")
            && last.ends_with(">: attribute lookup <lambda> on __main__ failed"),
        "{last}"
    );
}

#[test]
fn what_pickle_refuses_cannot_be_detached_and_says_why() {
    // A lambda through a queue: fork copies it fine in the simulation, but it cannot cross to
    // a worker (CPython's queue would fail to pickle it too).
    let source = CONSUMER.replace("q.put({\"size\": size, \"tags\": (size, [size * 2])})", "q.put({\"size\": size, \"how\": lambda: size})");
    assert_ne!(source, CONSUMER);
    let children = simulate(&source);
    let why = children[0].inbox.clone().unwrap_err();
    assert!(why.contains("<lambda>") && why.contains("cannot be pickled"), "{why}");
}

#[test]
fn a_fork_the_program_never_makes_is_reported() {
    let options = RunOptions { trace: false, child: Some(ChildRun { fork: 9, inbox: vec![] }), ..Default::default() };
    let why = run(PROCESSES, &options).child.unwrap().unwrap_err();
    assert!(why.contains("never started process number 9"), "{why}");
}

#[test]
fn the_replay_is_not_printed_twice() {
    // The parent's lines before the fork belong to the simulation, not to the child.
    let report = detached(PROCESSES, &simulate(PROCESSES)[1]);
    assert!(!texts(&report).iter().any(|t| t.starts_with("parent")));
}

#[test]
fn only_items_actually_put_are_results() {
    let source = r#"
from multiprocessing import Process, Queue
import queue

def fill(q):
    q.put("first")
    try:
        q.put("second", True, 0.1)
    except queue.Full:
        print("full")

if __name__ == "__main__":
    q = Queue(maxsize=1)
    p = Process(target=fill, args=(q,))
    p.start()
    p.join()
    print(q.get())
"#;
    let children = simulate(source);
    assert_eq!(children[0].outbox, ["'first'"]);
    let report = detached(source, &children[0]);
    assert_eq!(report.outbox, ["'first'"]);
    assert_eq!(texts(&report), ["full"]);
}

/// `--real`: a child that grows without bound, run again on its own thread, has the memory
/// budget to itself: it ends with CPython's `MemoryError` (as it did in the simulation), the
/// parent's report says so, and the whole run's peak memory stays near the budget.
#[cfg(target_os = "linux")]
#[test]
fn a_real_child_that_outgrows_its_budget_ends_with_memory_error() {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    const BUDGET_MB: u64 = 64;
    let dir = std::env::temp_dir().join(format!("interleave-real-grow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let program = dir.join("grow.py");
    std::fs::write(
        &program,
        r#"
from multiprocessing import Process

def grow():
    chunks = []
    while True:
        chunks.append('ab' * 1_000_000)

if __name__ == "__main__":
    p = Process(target=grow)
    p.start()
    p.join()
    print("child exitcode", p.exitcode)
"#,
    )
    .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_interleave"));
    command.arg("run").arg(&program).args(["--real", "1", "--max-memory-mb", &BUDGET_MB.to_string()]);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // Should the budget not hold, the child's allocations fail at 4 GiB of address space
    // (the run aborts, and the test fails) instead of taking the machine's memory.
    unsafe {
        command.pre_exec(|| {
            let cap = libc::rlimit { rlim_cur: 4 << 30, rlim_max: 4 << 30 };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    // Waits for the run to end (its exit is the state meant).
    let out = command.output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout.trim(), "child exitcode 1");
    // The simulated child's traceback, then the real-mode report's line for the child.
    let (simulated, real) = stderr.split_once("real mode:").expect("a real-mode report");
    assert!(simulated.trim_end().ends_with("MemoryError"), "{stderr}");
    let line = real.lines().find(|l| l.trim_start().starts_with("Process-1")).expect("the child's line");
    assert!(line.ends_with("exit 1: MemoryError"), "{line}");
    // Peak resident memory of the run (this test binary's only child process): the budget
    // plus the engine itself, far from what a child growing without bound would take.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) }, 0);
    let peak_mb = usage.ru_maxrss as u64 / 1024;
    assert!(peak_mb < 2 * BUDGET_MB, "peak {peak_mb} MiB with a {BUDGET_MB} MiB budget");
}
