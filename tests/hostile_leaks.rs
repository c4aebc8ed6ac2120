//! Runs in one process free what they made: the browser's worker and the fuzzer run
//! every program of a session in one instance, so a run that leaves its reference cycles
//! behind (values are `Rc`) grows the process without bound. Each program here builds
//! cycles of one kind; after a warm-up run (per-thread caches filled once), running it
//! again many times must leave the count of live allocations where it was.
//!
//! One test in this binary: the counting allocator sees the whole process.

use interleave::session::{run, RunOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

const PROGRAMS: &[(&str, &str)] = &[
    ("list and dict cycles", "a = []\na.append(a)\nd = {}\nd['d'] = d\nfor i in range(200):\n    x = [i]\n    x.append(x)\n"),
    ("functions, classes, instances", "class A:\n    def m(self):\n        return self\nclass B(A):\n    pass\nb = B()\nb.me = b\ndef f():\n    return f\nf()\n"),
    ("closures", "def outer():\n    def inner():\n        return inner\n    return inner\nfs = [outer() for _ in range(50)]\n"),
    ("exceptions with tracebacks", "def f():\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        return e\nerrs = [f() for _ in range(20)]\nx = errs\n"),
    ("generators suspended in try", "def g():\n    try:\n        yield 1\n        yield 2\n    finally:\n        pass\nit = g()\nnext(it)\nkeep = [it]\nkeep.append(keep)\n"),
    (
        "asyncio tasks and gather",
        "import asyncio\nasync def w(i):\n    t = asyncio.current_task()\n    await asyncio.sleep(0.01 * i)\n    return t\nasync def main():\n    ts = [asyncio.create_task(w(i)) for i in range(20)]\n    r = await asyncio.gather(*ts)\n    q = asyncio.Queue()\n    q.put_nowait(q)\n    ev = asyncio.Event()\n    return r\nasyncio.run(main())\n",
    ),
    (
        "weak references and their containers",
        "import weakref\nclass T:\n    pass\nkeep = [T() for _ in range(20)]\nrefs = [weakref.ref(t, print) for t in keep]\nd = weakref.WeakValueDictionary(enumerate(keep))\ns = weakref.WeakSet(keep)\nk = weakref.WeakKeyDictionary({t: t for t in keep})\nf = weakref.finalize(keep[0], print, 'bye')\nkeep.append(keep)\ndel keep[5:10]\n",
    ),
    (
        "gc.collect among live and dead cycles",
        "import gc\nclass N:\n    pass\nkeep = []\nfor i in range(50):\n    a, b = N(), N()\n    a.o, b.o = b, a\n    if i % 2:\n        keep.append(a)\n    gc.collect()\nkeep.append(keep)\n",
    ),
    ("an uncaught exception", "x = []\nx.append(x)\nraise ValueError(x)\n"),
    (
        "threads",
        "import threading\nlock = threading.Lock()\nout = []\ndef work(i):\n    with lock:\n        out.append((i, threading.current_thread()))\nts = [threading.Thread(target=work, args=(i,)) for i in range(8)]\nfor t in ts: t.start()\nfor t in ts: t.join()\n",
    ),
    (
        "processes and their queues",
        "from multiprocessing import Process, Queue\ndef work(q, x):\n    x.append(x)\n    q.put(len(x))\nif __name__ == '__main__':\n    q = Queue()\n    ps = [Process(target=work, args=(q, [i])) for i in range(3)]\n    for p in ps: p.start()\n    for p in ps: p.join()\n    print(sorted(q.get() for _ in ps))\n",
    ),
];

#[test]
fn repeated_runs_return_to_the_live_allocation_baseline() {
    // The engine's recursion needs the stack the command-line runner gives it.
    std::thread::Builder::new().stack_size(256 * 1024 * 1024).spawn(check).unwrap().join().unwrap();
}

fn check() {
    let options = RunOptions::default();
    let mut report = Vec::new();
    for (name, src) in PROGRAMS {
        // Warm-up: per-thread caches (compiled preludes, method names) are filled once.
        run(src, &options);
        run(src, &options);
        let base = LIVE.load(Ordering::Relaxed);
        for _ in 0..20 {
            let r = run(src, &options);
            assert!(r.exit_code == 0 || name.contains("uncaught"), "{name}: {}", r.stderr());
        }
        let grown = LIVE.load(Ordering::Relaxed) - base;
        // 20 runs leaking even one block each would show as 20 or more.
        if grown >= 20 {
            report.push(format!("{name}: {grown} blocks more after 20 runs"));
        }
    }
    assert!(report.is_empty(), "runs leaked:\n{}", report.join("\n"));
}
