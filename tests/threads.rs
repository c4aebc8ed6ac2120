//! Threads with the GIL and processes on cores: scenarios whose timelines are known.
//!
//! Timing figures come from the programs themselves (`time.perf_counter()` on the
//! virtual clock), at the default cost model (`vm::cost`); the tests of processes and of
//! seeded schedules run on a slower CPU (`SLOW_CPU`), so the work is long next to a
//! process's start-up cost and to the GIL's switch interval without needing many steps.

/// A CPU unit of 1 µs (the cost model's unit is 5 ns by default).
const SLOW_CPU: f64 = 1e-6;

use interleave::runtime::threads::policy::Policy;
use interleave::session::{run, RunOptions, RunResult};
use interleave::trace::EventKind;

fn go(src: &str) -> RunResult {
    go_with(src, RunOptions::default())
}

fn go_with(src: &str, options: RunOptions) -> RunResult {
    let r = run(src, &options);
    assert!(matches!(r.exit_code, 0 | 3), "status {}:\n{}", r.exit_code, r.stderr());
    r
}

/// The number printed after `label` in the output.
fn figure(r: &RunResult, label: &str) -> f64 {
    let out = r.stdout(false);
    let line = out.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no '{label}' in:\n{out}"));
    line[label.len()..].trim().parse().unwrap_or_else(|_| panic!("not a number: {line}"))
}

const CPU_WORK: &str = "
def work():
    total = 0
    for i in range(20000):
        total += i
    return total
";

#[test]
fn two_cpu_bound_threads_take_as_long_as_the_work_twice() {
    let src = format!(
        "import threading, time\n{CPU_WORK}
t0 = time.perf_counter()
work()
serial = time.perf_counter() - t0
t0 = time.perf_counter()
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
threaded = time.perf_counter() - t0
print('serial', serial)
print('threaded', threaded)
"
    );
    let r = go(&src);
    let (serial, threaded) = (figure(&r, "serial"), figure(&r, "threaded"));
    let ratio = threaded / serial;
    assert!((1.9..2.3).contains(&ratio), "threaded/serial = {ratio} (serial {serial}, threaded {threaded})");
    // They took turns on the GIL, several times.
    let switches = r.trace.events.iter().filter(|e| matches!(e.kind, EventKind::GilAcquired { .. })).count();
    assert!(switches > 4, "only {switches} GIL hand-offs");
}

#[test]
fn two_io_bound_threads_take_as_long_as_one() {
    let src = "import threading, time
def fetch():
    time.sleep(1)
t0 = time.perf_counter()
ts = [threading.Thread(target=fetch) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print('elapsed', time.perf_counter() - t0)
";
    let r = go(src);
    let e = figure(&r, "elapsed");
    assert!((1.0..1.01).contains(&e), "elapsed {e}");
}

/// (time for `n` processes each doing the work once, time to do the work four times serially)
fn processes_vs_serial(n: usize) -> (f64, f64) {
    let src = format!(
        "import multiprocessing, time\n{CPU_WORK}
def job():
    work()
if __name__ == '__main__':
    t0 = time.perf_counter()
    for _ in range(4):
        work()
    serial = time.perf_counter() - t0
    t0 = time.perf_counter()
    ps = [multiprocessing.Process(target=job) for _ in range({n})]
    for p in ps: p.start()
    for p in ps: p.join()
    print('serial', serial)
    print('parallel', time.perf_counter() - t0)
"
    );
    // A slow CPU, so the work outweighs the processes' fixed start-up cost.
    let r = go_with(&src, RunOptions { cpu_rate: Some(SLOW_CPU), ..Default::default() });
    (figure(&r, "parallel"), figure(&r, "serial"))
}

#[test]
fn four_processes_on_four_cores_take_a_quarter_plus_startup() {
    let (parallel, serial) = processes_vs_serial(4);
    let ratio = parallel / serial;
    assert!((0.25..0.35).contains(&ratio), "parallel/serial = {ratio}");
}

#[test]
fn eight_processes_on_four_cores_take_about_half() {
    // Twice the work of the four-process case on the same four cores.
    let (parallel, serial) = processes_vs_serial(8);
    let ratio = parallel / serial;
    assert!((0.5..0.6).contains(&ratio), "parallel/serial = {ratio}");
}

const RACE: &str = "import threading
counter = 0
def bump():
    global counter
    for _ in range(300000):
        counter += 1
ts = [threading.Thread(target=bump) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print('counter', counter)
";

#[test]
fn the_lost_update_race_is_reproducible() {
    let r = go(RACE);
    let c = figure(&r, "counter");
    assert!(c < 600000.0, "no update was lost: {c}");
    // Deterministic: the same run gives the same figure.
    assert_eq!(figure(&go(RACE), "counter"), c);
    // With a lock, nothing is lost.
    let locked = RACE.replace("counter = 0\n", "counter = 0\nlock = threading.Lock()\n").replace(
        "        counter += 1",
        "        with lock:\n            counter += 1",
    );
    assert_eq!(figure(&go(&locked), "counter"), 600000.0);
}

#[test]
fn seeded_random_schedules_differ_and_replay_reproduces() {
    let src = "import threading
order = []
def w(n):
    for i in range(3):
        order.append(n)
        t = 0
        for k in range(3000):
            t += k
ts = [threading.Thread(target=w, args=(n,)) for n in 'abc']
for t in ts: t.start()
for t in ts: t.join()
print(''.join(order))
";
    let outs: Vec<String> = (0..6)
        .map(|seed| go_with(src, RunOptions { schedule: Policy::random(seed), cpu_rate: Some(SLOW_CPU), ..Default::default() }).stdout(false))
        .collect();
    assert!(outs.iter().any(|o| o != &outs[0]), "every seed gave {}", outs[0]);
    let original = go_with(src, RunOptions { schedule: Policy::random(3), cpu_rate: Some(SLOW_CPU), ..Default::default() });
    let choices: Vec<u32> = original
        .trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::ScheduleChoice { chosen, .. } => Some(*chosen),
            _ => None,
        })
        .collect();
    let replayed = go_with(src, RunOptions { schedule: Policy::Replay { choices, next: 0 }, cpu_rate: Some(SLOW_CPU), ..Default::default() });
    assert_eq!(replayed.stdout(false), original.stdout(false));
}

#[test]
fn opposite_lock_order_deadlocks_with_a_cycle() {
    let src = "import threading, time
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        time.sleep(0.1)
        with b:
            pass
def two():
    with b:
        time.sleep(0.1)
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start(); t2.start()
t1.join(); t2.join()
";
    let r = go(src);
    assert_eq!(r.exit_code, 3, "{}", r.stderr());
    let err = r.stderr();
    assert!(err.starts_with("Deadlock:"), "{err}");
    assert!(err.contains("wait-for cycle: Thread-1 (one) → Thread-2 (two) → Thread-1 (one)"), "{err}");
}

#[test]
fn joining_a_thread_that_waits_forever_is_a_deadlock() {
    let src = "import threading
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
t.join()
";
    let r = go(src);
    assert_eq!(r.exit_code, 3, "{}", r.stderr());
    assert!(r.stderr().contains("MainThread is joining Thread-1 (wait)"), "{}", r.stderr());
}

#[test]
fn processes_have_their_own_memory_and_queues_copy() {
    let src = "import multiprocessing
data = [1, 2]
def child(q):
    data.append(3)
    item = q.get()
    item.append('child')
    print('child sees', data, item)
if __name__ == '__main__':
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=child, args=(q,))
    p.start()
    mine = ['parent']
    q.put(mine)
    mine.append('later')
    p.join()
    print('parent sees', data, mine, p.exitcode)
";
    let r = go(src);
    assert_eq!(r.stdout(false), "child sees [1, 2, 3] ['parent', 'child']\nparent sees [1, 2] ['parent', 'later'] 0\n");
}

#[test]
fn pool_map_returns_results_in_order() {
    let src = "from multiprocessing import Pool, current_process
def square(x):
    return x * x
if __name__ == '__main__':
    with Pool(4) as pool:
        print(pool.map(square, range(10)))
    print(current_process().name)
";
    let r = go(src);
    assert_eq!(r.stdout(false), "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\nMainProcess\n");
}

#[test]
fn to_thread_runs_beside_the_event_loop() {
    let src = "import asyncio, threading, time
def blocking_io():
    time.sleep(1)
    return threading.current_thread().name
async def tick():
    for i in range(3):
        print('tick', i)
        await asyncio.sleep(0.4)
async def main():
    name, _ = await asyncio.gather(asyncio.to_thread(blocking_io), tick())
    print('worker was', name)
asyncio.run(main())
";
    let r = go(src);
    assert_eq!(r.stdout(false), "tick 0\ntick 1\ntick 2\nworker was asyncio_0\n");
}

/// `sys.setswitchinterval` sets how long a GIL waiter waits: ten times the interval, about
/// a tenth of the hand-offs for the same work.
#[test]
fn the_switch_interval_sets_how_often_the_gil_changes_hands() {
    let hand_offs = |interval: &str| {
        let src = format!(
            "import sys, threading\n{CPU_WORK}\nsys.setswitchinterval({interval})\nprint(sys.getswitchinterval())
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
"
        );
        let r = go_with(&src, RunOptions { cpu_rate: Some(SLOW_CPU), ..RunOptions::default() });
        assert_eq!(r.stdout(false).trim(), interval);
        r.trace.events.iter().filter(|e| matches!(e.kind, EventKind::GilAcquired { .. })).count()
    };
    let (short, long) = (hand_offs("0.0005"), hand_offs("0.005"));
    assert!(short > 4 * long, "{short} hand-offs at 0.5 ms, {long} at 5 ms");
}
