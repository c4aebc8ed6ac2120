//! The external corpus: real concurrency programs that nobody on this project wrote
//! (the Python documentation, PyMOTW-3, book example repositories), copied verbatim under
//! `tests/corpus/<kind>/NAME.py` with their source and licence in a header, and what
//! CPython 3.11 printed for them beside (`tests/corpus/generate.py` writes it):
//!
//! * `NAME.expected` — stdout; stamped with the virtual time (`# output: stamped`, asyncio
//!   programs run under `tests/oracle/cpython_oracle.py --stamp`) or plain (`# output:
//!   plain`, threads and processes, whose CPython runs are on real time);
//! * `NAME.status`   — the exit code, for exit 1 followed by the last line of stderr;
//! * `NAME.stderr`   — (optional) stderr, for programs that report through `logging`.
//!
//! `# compare: sorted` compares the lines as multisets (CPython's order varies between
//! runs, its lines do not). A `.py` without `.expected` is a helper module another program
//! imports.
//!
//! The corpus measures how often a pasted program gets CPython's result, so programs the
//! engine cannot run yet are listed in `tests/corpus/known_failures.txt` (`kind/NAME: reason`):
//! such a test passes while the program fails and fails once it passes, asking for its line
//! to be deleted, so the list only shrinks. At the end the pass rate by kind is printed.
//! `cargo test --test corpus -- threading/` runs one kind.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use libtest_mimic::{Arguments, Failed, Trial};

mod support;
use support::{RunOutput, RUN_TIMEOUT};

/// How long one run of the interpreter may take before it is killed.

/// The kinds, in the order the summary prints them.
const KINDS: [&str; 4] = ["asyncio", "threading", "processes", "mixed"];

/// Whether each program that ran matched CPython, by `kind/NAME` (for the summary).
static OUTCOMES: Mutex<BTreeMap<String, bool>> = Mutex::new(BTreeMap::new());

/// How a program's output is compared, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Modes {
    stamped: bool,
    sorted: bool,
}

/// One corpus program: `dir/name.py` and its expectation files.
struct Program {
    dir: PathBuf,
    name: String,
    /// `kind/name`, for reports and `known_failures.txt`.
    label: String,
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

/// Every program (a `.py` with a `.expected` beside it) in the kinds' folders, sorted.
fn collect(root: &Path) -> Vec<Program> {
    let mut out = Vec::new();
    for kind in KINDS {
        let dir = root.join(kind);
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for path in files {
            if path.extension().and_then(|e| e.to_str()) != Some("py") || !path.with_extension("expected").exists() {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let label = format!("{kind}/{name}");
            out.push(Program { dir: dir.clone(), name, label });
        }
    }
    out
}

/// The `# key: value` lines that open a corpus program.
fn header(source: &str) -> HashMap<String, String> {
    source
        .lines()
        .map_while(|l| l.strip_prefix("# ")?.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The comparison modes a header asks for; an unknown value is an error, not a default.
fn modes(header: &HashMap<String, String>) -> Result<Modes, String> {
    let stamped = match header.get("output").map(String::as_str) {
        Some("stamped") => true,
        Some("plain") => false,
        other => return Err(format!("header: `# output:` must be stamped or plain, got {other:?}")),
    };
    let sorted = match header.get("compare").map(String::as_str) {
        Some("exact") | None => false,
        Some("sorted") => true,
        Some(other) => return Err(format!("header: `# compare:` must be exact or sorted, got {other:?}")),
    };
    Ok(Modes { stamped, sorted })
}

/// `kind/NAME: reason` lines; blank lines and `#` comments are skipped.
fn parse_known_failures(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, reason) = line
            .split_once(": ")
            .ok_or_else(|| format!("known_failures.txt:{}: expected `kind/NAME: reason`", i + 1))?;
        if out.insert(label.trim().to_string(), reason.trim().to_string()).is_some() {
            return Err(format!("known_failures.txt:{}: {label} is listed twice", i + 1));
        }
    }
    Ok(out)
}

/// Run `interleave run [--stamp] NAME.py` in the program's folder, with a time limit.
fn run_interleave(program: &Program, stamp: bool) -> Result<RunOutput, String> {
    support::run_interleave(&program.dir, &format!("{}.py", program.name), stamp)
}

/// Lines of each side shown of a difference.
const SHOWN: usize = 8;

/// `None` when the outputs agree (as sorted lines when `sorted`), else where they part.
fn difference(what: &str, expected: &str, got: &str, sorted: bool) -> Option<String> {
    let lines = |text: &str| {
        let mut v: Vec<String> = text.lines().map(str::to_string).collect();
        if sorted {
            v.sort();
        }
        v
    };
    let (exp, act) = (lines(expected), lines(got));
    if exp == act && (sorted || expected.ends_with('\n') == got.ends_with('\n')) {
        return None;
    }
    let at = exp.iter().zip(&act).take_while(|(e, a)| e == a).count();
    let order = if sorted { " (as sorted lines)" } else { "" };
    let mut out = vec![format!("{what} differs{order} from line {} (- expected, + got):", at + 1)];
    for (sign, side) in [("-", &exp), ("+", &act)] {
        let rest = &side[at.min(side.len())..];
        out.extend(rest.iter().take(SHOWN).map(|l| format!("{sign} {l}")));
        if rest.len() > SHOWN {
            out.push(format!("{sign} … {} more lines", rest.len() - SHOWN));
        }
        if rest.is_empty() {
            out.push(format!("{sign} (nothing)"));
        }
    }
    Some(out.join("\n"))
}

fn last_nonblank_line(text: &str) -> &str {
    text.lines().rev().map(str::trim_end).find(|l| !l.trim().is_empty()).unwrap_or("")
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Run one program; `Ok(None)` when it got CPython's result, `Ok(Some(report))` when not,
/// `Err` when the corpus files themselves are broken.
fn check(program: &Program) -> Result<Option<String>, String> {
    let base = program.dir.join(&program.name);
    let modes = modes(&header(&read(&base.with_extension("py"))?))?;
    let expected_out = read(&base.with_extension("expected"))?;
    let status_text = read(&base.with_extension("status"))?;
    let status_line = status_text.lines().next().unwrap_or("").trim_end();
    let (code_text, last_line) = match status_line.split_once(' ') {
        Some((c, rest)) => (c, Some(rest)),
        None => (status_line, None),
    };
    let expected_code: i32 = code_text.parse().map_err(|_| format!("bad status file: {status_line:?}"))?;

    let run = run_interleave(program, modes.stamped)?;
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("killed after {} s (hang?)", RUN_TIMEOUT.as_secs()));
    }
    problems.extend(difference("stdout", &expected_out, &run.stdout, modes.sorted));
    let stderr_file = base.with_extension("stderr");
    if stderr_file.exists() {
        problems.extend(difference("stderr", &read(&stderr_file)?, &run.stderr, modes.sorted));
    }
    if run.code != Some(expected_code) {
        let got = run.code.map_or("none (killed)".to_string(), |c| c.to_string());
        problems.push(format!("exit code: expected {expected_code}, got {got}"));
    }
    if expected_code == 1 {
        let (want, got) = (last_line.unwrap_or(""), last_nonblank_line(&run.stderr));
        if got != want {
            problems.push(format!("last stderr line: expected {want:?}, got {got:?}"));
        }
    }
    if problems.is_empty() {
        return Ok(None);
    }
    if run.code != Some(expected_code) {
        let tail: Vec<&str> = run.stderr.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect();
        if !tail.is_empty() {
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            problems.push(format!("stderr ends with:\n    {}", tail.join("\n    ")));
        }
    }
    Ok(Some(problems.join("\n")))
}

/// The test of one program: it must get CPython's result, unless it is a known failure,
/// which must still fail (so that a fix shows up as a line to delete from the list).
fn trial(program: Program, known: Option<String>) -> Trial {
    let label = program.label.clone();
    Trial::test(label.clone(), move || {
        let report = check(&program)?;
        OUTCOMES.lock().unwrap().insert(label.clone(), report.is_none());
        match (report, known) {
            (None, None) => Ok(()),
            (Some(report), Some(_)) => {
                // `CORPUS_REASONS=1 cargo test --test corpus -- --nocapture` prints today's
                // reason of each known failure, to refresh known_failures.txt.
                if std::env::var_os("CORPUS_REASONS").is_some() {
                    let why: Vec<&str> = report.lines().filter(|l| l.starts_with('+') || l.contains("expected")).take(2).collect();
                    println!("REASON {label}: {}", why.join(" | "));
                }
                Ok(())
            }
            (Some(report), None) => Err(Failed::from(report)),
            (None, Some(reason)) => Err(Failed::from(format!(
                "{label} now gets CPython's result: delete its line from tests/corpus/known_failures.txt \
                 (it said: {reason})"
            ))),
        }
    })
}

/// Pass rates by kind of the programs that ran (a filtered run counts only its own).
fn summary(outcomes: &BTreeMap<String, bool>) -> String {
    let mut lines = vec!["corpus pass rate (programs that got CPython's result):".to_string()];
    let (mut all_pass, mut all) = (0, 0);
    for kind in KINDS {
        let prefix = format!("{kind}/");
        let of_kind: Vec<bool> = outcomes.iter().filter(|(l, _)| l.starts_with(&prefix)).map(|(_, &p)| p).collect();
        if of_kind.is_empty() {
            continue;
        }
        let pass = of_kind.iter().filter(|&&p| p).count();
        (all_pass, all) = (all_pass + pass, all + of_kind.len());
        lines.push(format!("  {kind:<10} {pass:>3}/{:<3} {:>5.1}%", of_kind.len(), percent(pass, of_kind.len())));
    }
    lines.push(format!("  {:<10} {all_pass:>3}/{all:<3} {:>5.1}%", "total", percent(all_pass, all)));
    lines.join("\n")
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
}

fn main() {
    let root = corpus_root();
    let programs = collect(&root);
    assert!(programs.len() >= 100, "the corpus should hold at least 100 programs, found {}", programs.len());
    let known = parse_known_failures(&read(&root.join("known_failures.txt")).unwrap()).unwrap();
    let labels: Vec<String> = programs.iter().map(|p| p.label.clone()).collect();
    let stale: Vec<&String> = known.keys().filter(|k| !labels.contains(k)).collect();
    assert!(stale.is_empty(), "known_failures.txt names programs that are not in the corpus: {stale:?}");

    let mut trials: Vec<Trial> = programs
        .into_iter()
        .map(|p| {
            let reason = known.get(&p.label).cloned();
            trial(p, reason)
        })
        .collect();
    trials.extend(harness_tests());
    let conclusion = libtest_mimic::run(&Arguments::from_args(), trials);
    let outcomes = OUTCOMES.lock().unwrap();
    if !outcomes.is_empty() {
        println!("\n{}\n", summary(&outcomes));
    }
    conclusion.exit();
}

/// The harness's own tests: how it reads its files and compares outputs.
fn harness_tests() -> Vec<Trial> {
    let headers = || {
        let h = header("# source: https://x/y.py\n# output: plain\n# compare: sorted\nimport os\n# late: no\n");
        assert_eq!(h.get("source").map(String::as_str), Some("https://x/y.py"));
        assert!(!h.contains_key("late"), "the header ends at the first line that is not `# key: value`");
        assert_eq!(modes(&h), Ok(Modes { stamped: false, sorted: true }));
        assert!(modes(&header("# output: fancy\n")).is_err());
        assert!(modes(&header("# compare: fuzzy\n# output: plain\n")).is_err());
        Ok(())
    };
    let known = || {
        let k = parse_known_failures("# why\n\nasyncio/a: needs X\nthreading/b: needs: Y\n").unwrap();
        assert_eq!(k.get("threading/b").map(String::as_str), Some("needs: Y"));
        assert_eq!(k.len(), 2);
        assert!(parse_known_failures("asyncio/a\n").is_err());
        assert!(parse_known_failures("asyncio/a: x\nasyncio/a: y\n").is_err());
        Ok(())
    };
    let sorted = || {
        assert_eq!(difference("stdout", "a\nb\n", "b\na\n", true), None);
        assert!(difference("stdout", "a\nb\n", "b\na\n", false).is_some());
        assert!(difference("stdout", "a\nb\n", "a\na\n", true).is_some());
        let shown = difference("stdout", "1\n2\n3\n", "1\nx\n", false).unwrap();
        assert!(shown.starts_with("stdout differs from line 2"), "{shown}");
        assert!(shown.contains("- 3") && shown.contains("+ x"), "{shown}");
        Ok(())
    };
    let rates = || {
        let mut o = BTreeMap::new();
        o.insert("asyncio/a".to_string(), true);
        o.insert("asyncio/b".to_string(), false);
        o.insert("mixed/c".to_string(), true);
        let s = summary(&o);
        assert!(s.contains("asyncio      1/2    50.0%"), "{s}");
        assert!(s.contains("total        2/3    66.7%"), "{s}");
        assert!(!s.contains("threading"), "{s}");
        Ok(())
    };
    vec![
        Trial::test("harness/header_and_modes", headers),
        Trial::test("harness/known_failures_file", known),
        Trial::test("harness/sorted_and_exact_comparison", sorted),
        Trial::test("harness/pass_rate_by_kind", rates),
    ]
}
