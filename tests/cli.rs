//! The `interleave` command line: exit statuses, output formats, trace files, budgets,
//! and that no input makes it panic or hang.

use std::io::Write;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_interleave"))
}

/// Write `source` to a fresh file named `name` and run `interleave run <extra> name` there.
fn run_program(name: &str, source: &str, extra: &[&str]) -> (Output, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("interleave-cli-{}-{}", std::process::id(), name.replace('.', "_")));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::File::create(dir.join(name)).unwrap().write_all(source.as_bytes()).unwrap();
    let out = bin().current_dir(&dir).arg("run").args(extra).arg(name).output().unwrap();
    (out, dir)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn version_and_help() {
    let v = bin().arg("--version").output().unwrap();
    assert!(text(&v.stdout).starts_with("interleave "));
    let h = bin().arg("--help").output().unwrap();
    assert!(text(&h.stdout).contains("interleave run FILE.py"));
    let bad = bin().arg("frobnicate").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn stamps_lines_with_virtual_time() {
    let src = "import asyncio\nasync def main():\n    print('a')\n    await asyncio.sleep(1.5)\n    print('b')\nasyncio.run(main())\n";
    let (out, _) = run_program("stamp.py", src, &["--stamp"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[   0.000] a\n[   1.500] b\n");
    let (plain, _) = run_program("plain.py", src, &[]);
    assert_eq!(text(&plain.stdout), "a\nb\n");
}

#[test]
fn uncaught_exception_exits_1_with_python_traceback() {
    let src = "def f():\n    raise ValueError('boom')\nf()\n";
    let (out, _) = run_program("boom.py", src, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with("Traceback (most recent call last):\n"), "{err}");
    assert!(err.contains("  File \"boom.py\", line 2, in f\n    raise ValueError('boom')\n"), "{err}");
    assert_eq!(err.trim_end().lines().last(), Some("ValueError: boom"));
}

#[test]
fn cancelled_error_names_its_module() {
    let src = "import asyncio\nasync def main():\n    asyncio.current_task().cancel()\n    await asyncio.sleep(1)\nasyncio.run(main())\n";
    let (out, _) = run_program("cancel.py", src, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).trim_end().lines().last(), Some("asyncio.exceptions.CancelledError"));
}

#[test]
fn unsupported_construct_exits_2_with_place() {
    let (out, _) = run_program("m.py", "x = 1\nfrom . import y\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim_end(), "m.py:2:1: relative imports are not supported");
    let (out, _) = run_program("s.py", "print('a'\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("s.py:"), "{}", text(&out.stderr));
}

#[test]
fn deadlock_exits_3_and_shows_the_cycle() {
    let src = "\
import asyncio
a = asyncio.Lock()
b = asyncio.Lock()
async def one():
    async with a:
        await asyncio.sleep(0.1)
        async with b:
            pass
async def two():
    async with b:
        await asyncio.sleep(0.1)
        async with a:
            pass
async def main():
    await asyncio.gather(one(), two())
asyncio.run(main())
";
    let (out, _) = run_program("dl.py", src, &[]);
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.starts_with("Deadlock:"), "{err}");
    assert!(err.contains("Task-2 is waiting for Lock #2, held by Task-3"), "{err}");
    assert!(err.contains("wait-for cycle: Task-2 → Task-3 → Task-2"), "{err}");
}

#[test]
fn step_budget_stops_an_endless_loop_with_advice() {
    let (out, _) = run_program("loop.py", "while True:\n    pass\n", &["--max-steps", "100000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("step budget"), "{err}");
    assert!(err.contains("never ends or never awaits"), "{err}");
}

#[test]
fn memory_budget_stops_a_growing_list() {
    let src = "xs = []\nwhile True:\n    xs.append('x' * 10000)\n";
    let (out, _) = run_program("mem.py", src, &["--max-memory-mb", "64", "--max-steps", "1000000000"]);
    assert_eq!(out.status.code(), Some(1));
    // Either the periodic check stops the run, or the next allocation is refused first
    // (`MemoryError`, as CPython raises when memory runs out).
    let err = text(&out.stderr);
    assert!(err.contains("memory budget") || err.trim_end().ends_with("\nMemoryError"), "{err}");
}

#[test]
fn writes_trace_and_chrome_trace() {
    let src = "import asyncio\nasync def w(n):\n    await asyncio.sleep(n)\n    print(n)\nasync def main():\n    await asyncio.gather(w(1), w(2))\nasyncio.run(main())\n";
    let (out, dir) = run_program("tr.py", src, &["--trace", "t.json", "--chrome-trace", "c.json"]);
    assert_eq!(out.status.code(), Some(0));
    let trace: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("t.json")).unwrap()).unwrap();
    let events = trace["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["type"] == "task_created" && e["name"] == "Task-2"));
    assert!(events.iter().any(|e| e["type"] == "output" && e["text"] == "2" && e["t"] == 2.0));
    let chrome: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("c.json")).unwrap()).unwrap();
    let evs = chrome["traceEvents"].as_array().unwrap();
    assert!(evs.iter().any(|e| e["ph"] == "X"));
    assert!(evs.iter().any(|e| e["ph"] == "M" && e["args"]["name"] == "Task-1"));
}

/// Odd and hostile programs: each must end with a status in 0..=3 and never panic.
#[test]
fn no_input_makes_it_panic() {
    let programs = [
        "",
        "\u{0}\u{1}\u{2}",
        "((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))",
        "def f():\n    return f()\nf()\n",
        "x = 'a' * 100000\nprint(len(x))\n",
        "import nothing_here\n",
        "async def f():\n    pass\nf()\n",
        "import asyncio\nasyncio.run(1)\n",
        "import asyncio\nasync def m():\n    await m()\nasyncio.run(m())\n",
        "class A:\n    def __init__(self):\n        return 1\nA()\n",
        "print(1/0)\n",
        "yield 1\n",
        "lambda: (yield)\n",
        "del undefined_name\n",
        "a, b = 1\n",
        "[x for x in 5]\n",
        "print(*1)\n",
        "raise 5\n",
        "import asyncio\nasync def m():\n    t = asyncio.current_task()\n    await t\nasyncio.run(m())\n",
        "import asyncio\nasync def m():\n    await asyncio.sleep(-1)\n    await asyncio.gather()\n    await asyncio.wait([])\nasyncio.run(m())\n",
        "try:\n    pass\nexcept* 3:\n    pass\n",
        "global x\nx = 1\n",
        "nonlocal_x = 1\ndef f():\n    nonlocal nonlocal_x\n",
    ];
    for (i, p) in programs.iter().enumerate() {
        let (out, _) = run_program(&format!("odd{i}.py"), p, &["--max-steps", "2000000"]);
        let code = out.status.code();
        let err = text(&out.stderr);
        assert!(matches!(code, Some(0..=3)), "program {i} {p:?}: status {code:?}\n{err}");
        assert!(!err.contains("panicked"), "program {i} {p:?} panicked:\n{err}");
    }
}

#[test]
fn a_coroutine_never_awaited_is_warned_about() {
    let src = "import asyncio\nasync def make_tea():\n    await asyncio.sleep(3)\nmake_tea()\nprint('no tea')\n";
    let (out, _) = run_program("mistake.py", src, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "no tea\n");
    assert!(text(&out.stderr).contains("RuntimeWarning: coroutine 'make_tea' was never awaited"), "{}", text(&out.stderr));
}

#[test]
fn sys_exit_sets_the_status_without_a_traceback() {
    let (out, _) = run_program("exit3.py", "import sys\nprint('bye')\nsys.exit(4)\nprint('never')\n", &[]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(text(&out.stdout), "bye\n");
    assert_eq!(text(&out.stderr), "");
    let (out, _) = run_program("exitmsg.py", "import sys\nsys.exit('fatal: no tea')\n", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "fatal: no tea\n");
    let (out, _) = run_program("exit0.py", "exit()\n", &[]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn real_mode_runs_each_child_again_and_compares_results() {
    let src = "from multiprocessing import Pool\n\ndef sq(x):\n    return x * x\n\nif __name__ == '__main__':\n    with Pool(2) as p:\n        print(p.map(sq, range(6)))\n";
    let (out, _) = run_program("real.py", src, &["--real", "2"]);
    assert_eq!(out.status.code(), Some(0));
    // The program's own output is the simulation's; the report goes to stderr.
    assert_eq!(text(&out.stdout), "[0, 1, 4, 9, 16, 25]\n");
    let err = text(&out.stderr);
    assert!(err.contains("real mode: 2 child processes, 2 at a time"), "{err}");
    assert!(err.contains("ForkPoolWorker-1") && err.contains("ForkPoolWorker-2"), "{err}");
    assert!(err.contains("results all equal the simulation's"), "{err}");
    let lambda = "from multiprocessing import Process, Queue\n\ndef run(q):\n    print(q.get()())\n\nif __name__ == '__main__':\n    q = Queue()\n    p = Process(target=run, args=(q,))\n    p.start()\n    q.put(lambda: 42)\n    p.join()\n";
    let (out, _) = run_program("real_lambda.py", lambda, &["--real"]);
    assert_eq!(text(&out.stdout), "42\n");
    assert!(text(&out.stderr).contains("cannot run detached: the function <lambda>"), "{}", text(&out.stderr));
}

/// A thread's uncaught error is shown as CPython 3.11's `threading.excepthook` shows it,
/// name suggestion included (`_thread._excepthook` prints through the interpreter's display).
#[test]
fn thread_exception_shows_the_name_suggestion() {
    let src = "import threading\ndef f():\n    threading.current_thread().isAlivee()\nth = threading.Thread(target=f)\nth.start()\nth.join()\nprint('main goes on')\n";
    let (out, _) = run_program("thread_suggest.py", src, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "main goes on\n");
    let err = text(&out.stderr);
    assert!(err.starts_with("Exception in thread Thread-1 (f):\n"), "{err}");
    assert!(err.contains("AttributeError: 'Thread' object has no attribute 'isAlivee'. Did you mean: 'is_alive'?"), "{err}");
}

/// Finished threads leave the scheduler's view: a program that starts and joins thousands of
/// threads one after another keeps each tick's work to the threads still alive, and ends
/// with every thread's work done, in order.
#[test]
fn many_finished_threads_are_not_rescheduled() {
    let src = "import threading\ndone = []\ndef work(i):\n    done.append(i)\nts = [threading.Thread(target=work, args=(i,)) for i in range(3000)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(len(done), done == sorted(done), threading.active_count())\n";
    let (out, _) = run_program("many_threads.py", src, &[]);
    assert_eq!(text(&out.stdout), "3000 True 1\n", "{}", text(&out.stderr));
}

/// asyncio debug mode (`asyncio.run(debug=True)`): a task step or callback during which
/// the virtual clock advanced by `slow_callback_duration` or more is logged on stderr
/// as CPython's `base_events` does; the same program without debug logs nothing. The
/// lines are CPython's (`python3 tests/oracle/cpython_oracle.py --stamp`) without the
/// `created at FILE:LINE` its debug reprs add, which name its asyncio package's files.
#[test]
fn asyncio_debug_mode_reports_a_blocked_loop() {
    let src = "import asyncio\nimport time\n\nasync def main():\n    time.sleep(1)\n    asyncio.get_running_loop().call_soon(time.sleep, 0.25)\n    await asyncio.sleep(0)\n    print('main done')\n\nasyncio.run(main(), debug=True)\n";
    let (out, _) = run_program("blocked.py", src, &["--stamp"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[   1.250] main done\n");
    assert_eq!(
        text(&out.stderr),
        "Executing <Task pending name='Task-1' coro=<main() running at blocked.py:7> cb=[_run_until_complete_cb()]> took 1.000 seconds\n\
         Executing <Handle sleep(0.25)> took 0.250 seconds\n"
    );
    let quiet = src.replace("debug=True", "debug=False");
    let (out, _) = run_program("not_debug.py", &quiet, &["--stamp"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[   1.250] main done\n");
    assert_eq!(text(&out.stderr), "");
}

/// CPython puts the script's folder on `sys.path`: `import helper` runs `helper.py` beside
/// the program once (also when it is imported again, or through another module), and an
/// error inside it is reported at its own file and line.
#[test]
fn imports_the_programs_own_modules_beside_it() {
    let (_, dir) = run_program("main.py", "print('placeholder')\n", &[]);
    std::fs::write(dir.join("shared.py"), "VALUE = 42\n").unwrap();
    std::fs::write(
        dir.join("helper.py"),
        "import shared\ncount = 0\ndef bump():\n    global count\n    count += 1\n    return count\n\
         def boom():\n    raise ValueError('from helper')\nprint('helper imported as', __name__)\n",
    )
    .unwrap();
    std::fs::write(dir.join("broken.py"), "def f():\nreturn 1\n").unwrap();
    let main = "import helper\nimport helper as h2\nfrom helper import bump\n\
                print(bump(), bump(), helper.count, h2 is helper, helper.shared.VALUE)\n\
                try:\n    import broken\nexcept SyntaxError as e:\n    print('broken:', type(e).__name__)\n\
                helper.boom()\n";
    std::fs::write(dir.join("main.py"), main).unwrap();
    let out = bin().current_dir(&dir).args(["run", "main.py"]).output().unwrap();
    assert_eq!(text(&out.stdout), "helper imported as helper\n1 2 2 True 42\nbroken: SyntaxError\n");
    let err = text(&out.stderr);
    assert!(err.contains("File \"helper.py\", line 8, in boom"), "{err}");
    assert!(err.ends_with("ValueError: from helper\n"), "{err}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn arguments_after_a_double_dash_are_the_programs_own() {
    let source = "import argparse, sys\nprint(sys.argv[1:])\n\
                  p = argparse.ArgumentParser(prog='tool')\np.add_argument('-v', action='store_true')\n\
                  p.add_argument('name')\nprint(p.parse_args())\n";
    let (out, dir) = run_program("args.py", source, &[]);
    assert_eq!(out.status.code(), Some(2), "argparse's error exits 2");
    assert_eq!(text(&out.stderr), "usage: tool [-h] [-v] name\ntool: error: the following arguments are required: name\n");
    let out = bin().current_dir(&dir).args(["run", "args.py", "--stamp", "--", "-v", "world"]).output().unwrap();
    assert_eq!(text(&out.stdout), "[   0.000] ['-v', 'world']\n[   0.000] Namespace(v=True, name='world')\n");
}

/// threading's deprecated camelCase names warn through `warnings`, as CPython 3.11 printed
/// for this program: once per calling line, with the file, line and source (CPython names
/// the file by its absolute path; Interleave by the path it was given).
#[test]
fn threading_camel_case_names_warn_at_the_calling_line() {
    let source = "import threading\nt = threading.Thread(target=print)\nt.setDaemon(False)\n\
                  for _ in range(2):\n    name = threading.currentThread().getName()\nprint(name)\n";
    let (out, _) = run_program("camel.py", source, &[]);
    assert_eq!(text(&out.stdout), "MainThread\n");
    assert_eq!(
        text(&out.stderr),
        "camel.py:3: DeprecationWarning: setDaemon() is deprecated, set the daemon attribute instead\n  t.setDaemon(False)\n\
         camel.py:5: DeprecationWarning: currentThread() is deprecated, use current_thread() instead\n  name = threading.currentThread().getName()\n\
         camel.py:5: DeprecationWarning: getName() is deprecated, get the name attribute instead\n  name = threading.currentThread().getName()\n"
    );
}
