//! Fidelity tests: every `tests/scenarios/**/NAME.py` is run with
//! `interleave run --stamp NAME.py` (working directory = the scenario's folder)
//! and compared with what CPython printed for it (`tests/oracle/cpython_oracle.py
//! --write` generates the expectations):
//!
//! * `NAME.expected` — stdout, each line stamped `[%8.3f] ` with the virtual time;
//! * `NAME.status`   — the exit code; for exit 1 followed by one space and the
//!   last line of stderr (`1 ValueError: boom`); exit 3 (deadlock) also requires
//!   stderr's first line to start with `Deadlock:`;
//! * `NAME.guide`    — (optional) the unstamped stdout, verbatim from the guide.
//!
//! Scenarios under `threads/` and `processes/` run on real threads and processes in
//! CPython, whose timing is real, not virtual: their `NAME.expected` is plain stdout from
//! `python3 NAME.py` (programs whose output does not depend on timing) and is compared
//! with Interleave's unstamped output.
//!
//! All scenarios run (a failure does not stop the others); each failure is
//! reported with its first differing line, then a count line
//! (`scenarios: 97 passed, 3 failed`). A run is killed after 30 s.
//!
//! Set `INTERLEAVE_SCENARIOS=substring` to run only the scenarios whose path
//! (e.g. `asyncio/lock_basic`) contains the substring.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long one run of the interpreter may take before it is killed.
const RUN_TIMEOUT: Duration = Duration::from_secs(30);

/// The exit status for a deadlock (every task waits, nothing is scheduled).
const EXIT_DEADLOCK: i32 = 3;

/// What one run of the interpreter produced.
struct RunOutput {
    stdout: String,
    stderr: String,
    /// `None` when the process was killed by a signal or the timeout.
    code: Option<i32>,
    timed_out: bool,
}

/// One scenario: `dir/name.py` plus its expectation files.
struct Scenario {
    dir: PathBuf,
    name: String,
    /// `folder/name`, relative to `tests/scenarios`, for reports.
    label: String,
}

fn scenarios_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("scenarios")
}

/// Every `*.py` below `dir`, in a stable (sorted) order.
fn collect(dir: &Path, root: &Path, out: &mut Vec<Scenario>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return,
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().and_then(|e| e.to_str()) == Some("py") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let rel_dir = dir.strip_prefix(root).unwrap_or(dir);
            let label = rel_dir.join(&name).to_string_lossy().replace('\\', "/");
            out.push(Scenario { dir: dir.to_path_buf(), name, label });
        }
    }
}

/// Read a child's pipe to the end on a helper thread (so a chatty child can
/// never block on a full pipe while we poll it).
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// Run `interleave run [--stamp] NAME.py` in the scenario's folder, with a timeout.
fn run_interleave(scenario: &Scenario, stamp: bool) -> Result<RunOutput, String> {
    let file = format!("{}.py", scenario.name);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_interleave"));
    cmd.arg("run");
    if stamp {
        cmd.arg("--stamp");
    }
    cmd.arg(&file)
        .current_dir(&scenario.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot start interleave: {e}"))?;
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= RUN_TIMEOUT => {
                timed_out = true;
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for interleave failed: {e}")),
        }
    };
    let stdout = String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    Ok(RunOutput { stdout, stderr, code: status.and_then(|s| s.code()), timed_out })
}

/// Where two texts first differ, line by line: (1-based line, expected, got).
fn first_difference(expected: &str, got: &str) -> Option<(usize, String, String)> {
    let exp: Vec<&str> = expected.split('\n').collect();
    let act: Vec<&str> = got.split('\n').collect();
    let n = exp.len().max(act.len());
    for i in 0..n {
        let e = exp.get(i).copied();
        let a = act.get(i).copied();
        if e != a {
            let show = |l: Option<&str>| match l {
                Some(s) => format!("{s:?}"),
                None => "<end of output>".to_string(),
            };
            return Some((i + 1, show(e), show(a)));
        }
    }
    None
}

/// The last line of `text` that is not blank, without trailing whitespace.
fn last_nonblank_line(text: &str) -> &str {
    text.lines().rev().map(str::trim_end).find(|l| !l.trim().is_empty()).unwrap_or("")
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Check one scenario; `Err` holds the failure report.
fn check(scenario: &Scenario) -> Result<(), String> {
    let base = scenario.dir.join(&scenario.name);
    let expected_out = read(&base.with_extension("expected"))?;
    let status_text = read(&base.with_extension("status"))?;
    let status_line = status_text.lines().next().unwrap_or("").trim_end();
    let (code_text, last_line) = match status_line.split_once(' ') {
        Some((c, rest)) => (c, Some(rest)),
        None => (status_line, None),
    };
    let expected_code: i32 = code_text
        .parse()
        .map_err(|_| format!("bad status file: {status_line:?}"))?;

    let folder = scenario.dir.file_name().and_then(|f| f.to_str()).unwrap_or("");
    let stamped = !matches!(folder, "threads" | "processes");
    let run = run_interleave(scenario, stamped)?;
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("killed after {} s (hang?)", RUN_TIMEOUT.as_secs()));
    }
    if let Some((line, exp, got)) = first_difference(&expected_out, &run.stdout) {
        problems.push(format!("stdout line {line}: expected {exp}, got {got}"));
    }
    if run.code != Some(expected_code) {
        let got = run.code.map_or("none (killed)".to_string(), |c| c.to_string());
        problems.push(format!("exit code: expected {expected_code}, got {got}"));
    }
    if expected_code == 1 {
        let want = last_line.unwrap_or("");
        let got = last_nonblank_line(&run.stderr);
        if got != want {
            problems.push(format!("last stderr line: expected {want:?}, got {got:?}"));
        }
    }
    if expected_code == EXIT_DEADLOCK {
        let first = run.stderr.lines().next().unwrap_or("");
        if !first.starts_with("Deadlock:") {
            problems.push(format!("stderr's first line should start with \"Deadlock:\", got {first:?}"));
        }
    }
    let guide = base.with_extension("guide");
    if guide.exists() {
        let want = read(&guide)?;
        let plain = run_interleave(scenario, false)?;
        if let Some((line, exp, got)) = first_difference(&want, &plain.stdout) {
            problems.push(format!("unstamped output vs .guide, line {line}: expected {exp}, got {got}"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let stderr_tail: Vec<&str> = run.stderr.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect();
    if !stderr_tail.is_empty() && run.code != Some(expected_code) {
        let tail: Vec<&str> = stderr_tail.into_iter().rev().collect();
        problems.push(format!("stderr ends with:\n        {}", tail.join("\n        ")));
    }
    Err(problems.join("\n    "))
}

#[test]
fn scenarios_match_cpython() {
    let root = scenarios_root();
    let mut all = Vec::new();
    collect(&root, &root, &mut all);
    let filter = std::env::var("INTERLEAVE_SCENARIOS").unwrap_or_default();
    let selected: Vec<Scenario> = all.into_iter().filter(|s| s.label.contains(filter.as_str())).collect();
    assert!(!selected.is_empty(), "no scenarios found under {}", root.display());

    // A few worker threads; results are reported in the sorted scenario order.
    let total = selected.len();
    let queue = Arc::new(Mutex::new(selected.into_iter().enumerate().collect::<Vec<_>>()));
    let results = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let workers = thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let queue = Arc::clone(&queue);
            let results = Arc::clone(&results);
            thread::spawn(move || loop {
                let next = queue.lock().unwrap().pop();
                let Some((index, scenario)) = next else { break };
                let outcome = check(&scenario);
                results.lock().unwrap().push((index, scenario.label, outcome));
            })
        })
        .collect();
    for h in handles {
        h.join().expect("scenario worker panicked");
    }
    let mut results = Arc::try_unwrap(results).ok().expect("workers done").into_inner().unwrap();
    results.sort_by_key(|(index, _, _)| *index);

    let mut failed = 0;
    for (_, label, outcome) in &results {
        if let Err(report) = outcome {
            failed += 1;
            println!("FAIL {label}\n    {report}");
        }
    }
    let passed = total - failed;
    println!("scenarios: {passed} passed, {failed} failed");
    assert!(failed == 0, "scenarios: {passed} passed, {failed} failed");
}
