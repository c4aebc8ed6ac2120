//! Hostile programs (`tests/hostile/*.py`): each must end cleanly, never with a panic, a
//! signal (an abort, a stack overflow) or a hang, with the exit status and message its
//! header names, and without growing past the memory budget.
//!
//! A program's header says what it expects, and may add arguments:
//!
//! ```text
//! # args: --max-steps 100
//! # expect: exit 1, MemoryError or memory budget
//! ```
//!
//! The last line of the run's stderr (or its first: a usage error is followed by the
//! help), or of its stdout when stderr is empty, must contain one of the `or`-separated
//! texts. Each runs with a 256 MiB memory budget (the engine's
//! counting allocator, `--max-memory-mb`), so "MemoryError" or "memory budget" means the
//! budget stopped it rather than the machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous for a loaded CI machine: the test waits this long before calling a run hung
/// (each takes a few seconds at most); it asserts nothing about timing otherwise.
const HANG_LIMIT: Duration = Duration::from_secs(60);

struct Expect {
    args: Vec<String>,
    status: i32,
    texts: Vec<String>,
}

fn header(path: &Path) -> Expect {
    let source = std::fs::read_to_string(path).unwrap();
    let mut args = vec![];
    let mut expect = None;
    for line in source.lines().take_while(|l| l.starts_with('#')) {
        if let Some(a) = line.strip_prefix("# args:") {
            args = a.split_whitespace().map(String::from).collect();
        }
        if let Some(e) = line.strip_prefix("# expect: exit ") {
            let (status, texts) = e.split_once(", ").unwrap_or_else(|| panic!("{}: bad expect line", path.display()));
            expect = Some((status.parse().unwrap(), texts.split(" or ").map(String::from).collect()));
        }
    }
    let (status, texts) = expect.unwrap_or_else(|| panic!("{} has no '# expect:' line", path.display()));
    Expect { args, status, texts }
}

/// Run one program; `Err` says what was wrong.
fn check(path: &Path, scratch: &Path) -> Result<(), String> {
    let expect = header(path);
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    // Output goes to files: some programs print hundreds of megabytes before they stop.
    let (out_path, err_path) = (scratch.join(format!("{name}.out")), scratch.join(format!("{name}.err")));
    let mut child = Command::new(env!("CARGO_BIN_EXE_interleave"))
        .arg("run")
        .arg(path)
        .args(["--max-memory-mb", "256"])
        .args(&expect.args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {HANG_LIMIT:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    let stdout_tail = tail(&out_path);
    let _ = std::fs::remove_file(&out_path);
    if stderr.contains("panicked at") || stderr.contains("internal error") {
        return Err(format!("panicked:\n{stderr}"));
    }
    let Some(code) = status.code() else { return Err(format!("killed by a signal ({status}):\n{stderr}")) };
    let text = if stderr.trim().is_empty() { &stdout_tail } else { &stderr };
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let (first, last) = (lines.first().copied().unwrap_or(""), lines.last().copied().unwrap_or(""));
    if code != expect.status || !expect.texts.iter().any(|t| first.contains(t.as_str()) || last.contains(t.as_str())) {
        return Err(format!("exit {code}, last line {last:?}; expected exit {}, {:?}", expect.status, expect.texts));
    }
    Ok(())
}

/// The last few kilobytes of a file.
fn tail(path: &Path) -> String {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).unwrap();
    let len = f.metadata().unwrap().len();
    f.seek(SeekFrom::Start(len.saturating_sub(4096))).unwrap();
    let mut buf = vec![];
    f.read_to_end(&mut buf).unwrap();
    String::from_utf8_lossy(&buf).into_owned()
}

#[test]
fn every_hostile_program_ends_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 25, "only {} hostile programs", programs.len());
    let scratch = std::env::temp_dir().join(format!("interleave-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    // Two at a time: most of each run is one core's work.
    let queue = std::sync::Mutex::new(programs.into_iter());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let Some(p) = queue.lock().unwrap().next() else { break };
                if let Err(why) = check(&p, &scratch) {
                    failures.lock().unwrap().push(format!("{}: {why}", p.file_name().unwrap().to_string_lossy()));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} hostile programs did not end as expected:\n{}", failures.len(), failures.join("\n"));
}

/// `interleave run x.py | head -1`: the reader goes away; the runner neither panics nor
/// reports the pipe, and keeps the run's own status.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = std::env::temp_dir().join(format!("interleave-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let program = dir.join("many.py");
    std::fs::write(&program, "for i in range(200000):\n    print(i)\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_interleave"))
        .arg("run")
        .arg(&program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe as `head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 2];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(&first, b"0\n");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The share link tests/e2e/hostile.test.mjs opens in the browser carries
/// `tests/hostile/grow_without_bound.py`, which `every_hostile_program_ends_cleanly` runs
/// natively: the same program stops at the memory budget in both.
#[test]
fn the_e2e_hostile_link_carries_the_growing_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("tests/hostile/grow_without_bound.py")).unwrap();
    let link = interleave::share::encode(&interleave::share::Scenario { source, example: None, knobs: vec![], playhead: None, lane: None, schedule: None });
    let e2e = std::fs::read_to_string(root.join("tests/e2e/hostile.test.mjs")).unwrap();
    assert!(e2e.contains(&format!("'#{link}'")), "tests/e2e/hostile.test.mjs should open '#{link}'");
}

/// Programs too large to keep as files, made here: compiling them must cost time linear
/// in their size (constants shared through a hash table, columns counted by blocks), and
/// one past the compile budget is refused with its message.
#[test]
fn generated_large_programs_compile_or_are_refused() {
    let scratch = std::env::temp_dir().join(format!("interleave-hostile-gen-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let entries: Vec<String> = (0..200_000).map(|i| format!("{i}: \"v{i}\"")).collect();
    let floats: Vec<String> = (0..200_000).map(|i| format!("{}.5", i % 1000)).collect();
    let programs = [
        ("big_dict", format!("# expect: exit 0, 200000\nd = {{{}}}\nprint(len(d))\n", entries.join(", "))),
        // Non-ASCII on the line: its columns are counted in characters.
        ("long_line", format!("# expect: exit 0, 200000\nx = [{}]  # é\nprint(len(x))\n", floats.join(", "))),
        // 6 MB of source; then 2.2 MB of 2.2 million tokens.
        ("over_source_budget", format!("# expect: exit 2, compile budget\nx = [{}]\n", vec!["1"; 3_000_000].join(","))),
        ("over_token_budget", format!("# expect: exit 2, compile budget\nx = [{}]\n", vec!["1"; 1_100_000].join(","))),
    ];
    let mut failures = vec![];
    for (name, source) in programs {
        let path = scratch.join(format!("{name}.py"));
        std::fs::write(&path, source).unwrap();
        if let Err(why) = check(&path, &scratch) {
            failures.push(format!("{name}: {why}"));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
