//! Fidelity tests: every `tests/scenarios/**/NAME.py` is run with
//! `interleave run --stamp NAME.py` (working directory = the scenario's folder)
//! and compared with what CPython printed for it (`tests/oracle/cpython_oracle.py
//! --write` generates the expectations):
//!
//! * `NAME.expected` — stdout, each line stamped `[%8.3f] ` with the virtual time;
//! * `NAME.status`   — the exit code; for exit 1 followed by one space and the
//!   last line of stderr (`1 ValueError: boom`); for exit 2 (CPython refuses to
//!   compile the program, nothing runs) the error with its place
//!   (`2 NAME.py:3:5: SyntaxError: 'break' outside loop`, or `NAME.py:3: ...` where
//!   CPython gives no column, and then any column is accepted); exit 3 (deadlock)
//!   also requires stderr's first line to start with `Deadlock:`;
//! * `NAME.guide`    — (optional) the unstamped stdout, verbatim from the guide.
//!
//! Scenarios under `threads/` and `processes/` run on real threads and processes in
//! CPython, whose timing is real, not virtual: their `NAME.expected` is plain stdout from
//! `python3 NAME.py` (programs whose output does not depend on timing) and is compared
//! with Interleave's unstamped output.
//!
//! Each program is a test of its own, named by its path (`asyncio/lock_basic`), so
//! `cargo test` counts them and a failure names its program, with a diff of the output
//! around the first difference. A run is killed after 30 s. This file has its own `main`
//! (`harness = false`, on `libtest-mimic`), which takes libtest's arguments:
//! `cargo test --test scenarios -- lock` runs only the scenarios whose path contains `lock`.

use std::fs;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

mod support;
use support::{RunOutput, RUN_TIMEOUT};

/// How long one run of the interpreter may take before it is killed.

/// The exit status for a deadlock (every task waits, nothing is scheduled).
const EXIT_DEADLOCK: i32 = 3;

/// The exit status for a program that does not compile.
const EXIT_COMPILE_ERROR: i32 = 2;

/// Does `got` (`file:line:col: message`) report the compile error `want`? `want` may
/// leave the column out (`file:line: message`) where CPython has none.
fn same_compile_error(want: &str, got: &str) -> bool {
    if want == got {
        return true;
    }
    let mut w = want.splitn(3, ':');
    let (Some(wfile), Some(wline), Some(wrest)) = (w.next(), w.next(), w.next()) else { return false };
    let mut g = got.splitn(4, ':');
    let (Some(gfile), Some(gline), Some(gcol), Some(grest)) = (g.next(), g.next(), g.next(), g.next()) else {
        return false;
    };
    let wrest_has_col = wrest.split(':').next().is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()));
    !wrest_has_col && gcol.bytes().all(|b| b.is_ascii_digit()) && (wfile, wline, wrest) == (gfile, gline, grest)
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

/// Run `interleave run [--stamp] NAME.py` in the program's folder, with a time limit.
fn run_interleave(scenario: &Scenario, stamp: bool) -> Result<RunOutput, String> {
    support::run_interleave(&scenario.dir, &format!("{}.py", scenario.name), stamp)
}

/// Lines of agreeing output shown before and after a difference.
const CONTEXT: usize = 2;

/// Lines of each side shown of one difference (the rest are counted).
const SHOWN: usize = 12;

/// A diff of two outputs around their first difference, or `None` when they are equal:
/// a header naming the line, a few agreeing lines (`  `), the differing lines of each
/// side (`- ` expected, `+ ` got) and a few agreeing lines after them.
fn diff(what: &str, expected: &str, got: &str) -> Option<String> {
    let exp: Vec<&str> = expected.split('\n').collect();
    let act: Vec<&str> = got.split('\n').collect();
    let prefix = exp.iter().zip(&act).take_while(|(e, a)| e == a).count();
    if prefix == exp.len() && prefix == act.len() {
        return None;
    }
    // The agreeing tail, not reaching back into the agreeing head.
    let most = exp.len().min(act.len()) - prefix;
    let suffix = exp.iter().rev().zip(act.iter().rev()).take(most).take_while(|(e, a)| e == a).count();
    let mut out = vec![format!("{what} differs from line {} (- expected, + got):", prefix + 1)];
    out.extend(exp[prefix.saturating_sub(CONTEXT)..prefix].iter().map(|l| format!("  {l}")));
    for (sign, lines) in [("-", &exp[prefix..exp.len() - suffix]), ("+", &act[prefix..act.len() - suffix])] {
        out.extend(lines.iter().take(SHOWN).map(|l| format!("{sign} {l}")));
        if lines.len() > SHOWN {
            out.push(format!("{sign} … {} more lines", lines.len() - SHOWN));
        }
        if lines.is_empty() {
            out.push(format!("{sign} (nothing)"));
        }
    }
    out.extend(exp[exp.len() - suffix..].iter().take(CONTEXT).map(|l| format!("  {l}")));
    Some(out.join("\n"))
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
    problems.extend(diff("stdout", &expected_out, &run.stdout));
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
    if expected_code == EXIT_COMPILE_ERROR {
        let want = last_line.unwrap_or("");
        let got = last_nonblank_line(&run.stderr);
        if !same_compile_error(want, got) {
            problems.push(format!("compile error: expected {want:?}, got {got:?}"));
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
        problems.extend(diff("unstamped stdout (vs .guide)", &want, &plain.stdout));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let stderr_tail: Vec<&str> = run.stderr.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect();
    if !stderr_tail.is_empty() && run.code != Some(expected_code) {
        let tail: Vec<&str> = stderr_tail.into_iter().rev().collect();
        problems.push(format!("stderr ends with:\n    {}", tail.join("\n    ")));
    }
    Err(problems.join("\n"))
}

/// One test per scenario, in path order, then the tests of [`diff`].
fn main() {
    let root = scenarios_root();
    let mut all = Vec::new();
    collect(&root, &root, &mut all);
    assert!(!all.is_empty(), "no scenarios found under {}", root.display());
    let mut trials: Vec<Trial> = all
        .into_iter()
        .map(|scenario| Trial::test(scenario.label.clone(), move || check(&scenario).map_err(Failed::from)))
        .collect();
    trials.extend(diff_tests());
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// The harness's own tests: a failing scenario must show where its output went wrong.
fn diff_tests() -> Vec<Trial> {
    let equal = || {
        assert_eq!(diff("stdout", "a\nb\n", "a\nb\n"), None);
        Ok(())
    };
    let changed = || {
        let expected = "1\n2\n3\n4\n5\n6\n7\n";
        let got = "1\n2\n3\nfour\n5\n6\n7\n";
        let want = "stdout differs from line 4 (- expected, + got):\n  2\n  3\n- 4\n+ four\n  5\n  6";
        assert_eq!(diff("stdout", expected, got).as_deref(), Some(want));
        Ok(())
    };
    let missing = || {
        let want = "stdout differs from line 2 (- expected, + got):\n  a\n- b\n- c\n+ (nothing)\n  ";
        assert_eq!(diff("stdout", "a\nb\nc\n", "a\n").as_deref(), Some(want));
        Ok(())
    };
    let long = || {
        let got: String = (0..40).map(|i| format!("{i}\n")).collect();
        let shown = diff("stdout", "", &got).unwrap();
        assert!(shown.contains(&format!("+ … {} more lines", 40 - SHOWN)), "{shown}");
        assert_eq!(shown.lines().filter(|l| l.starts_with("+ ")).count(), SHOWN + 1);
        Ok(())
    };
    let compile_errors = || {
        assert!(same_compile_error("p.py:2:5: SyntaxError: x", "p.py:2:5: SyntaxError: x"));
        assert!(!same_compile_error("p.py:2:5: SyntaxError: x", "p.py:2:6: SyntaxError: x"));
        assert!(same_compile_error("p.py:2: SyntaxError: x", "p.py:2:9: SyntaxError: x"));
        assert!(!same_compile_error("p.py:2: SyntaxError: x", "p.py:3:9: SyntaxError: x"));
        assert!(!same_compile_error("p.py:2: SyntaxError: x", "p.py:2:9: SyntaxError: y"));
        Ok(())
    };
    vec![
        Trial::test("harness/compile_errors_match_with_or_without_a_column", compile_errors),
        Trial::test("harness/diff_of_equal_outputs_is_none", equal),
        Trial::test("harness/diff_shows_the_changed_line_in_context", changed),
        Trial::test("harness/diff_shows_missing_lines", missing),
        Trial::test("harness/diff_counts_what_it_does_not_show", long),
    ]
}
