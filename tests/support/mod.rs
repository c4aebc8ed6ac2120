//! What the fixture runners (`scenarios.rs`, `corpus.rs`) share: running the `interleave`
//! binary on one program with a time limit, its output read while it runs.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one program may run before it is killed (generous: CI's machine is busy).
pub const RUN_TIMEOUT: Duration = Duration::from_secs(30);

/// What one run of the interpreter produced.
pub struct RunOutput {
    /// Everything it printed to stdout.
    pub stdout: String,
    /// Everything it printed to stderr.
    pub stderr: String,
    /// `None` when the process was killed by a signal or the timeout.
    pub code: Option<i32>,
    /// It ran past [`RUN_TIMEOUT`] and was killed.
    pub timed_out: bool,
}

/// Read a child's pipe to the end on a helper thread (so a chatty child can never block on
/// a full pipe while we poll it).
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    })
}

/// Run `interleave run [--stamp] FILE` in `dir`, killing it after [`RUN_TIMEOUT`].
pub fn run_interleave(dir: &Path, file: &str, stamp: bool) -> Result<RunOutput, String> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_interleave"));
    cmd.arg("run");
    if stamp {
        cmd.arg("--stamp");
    }
    cmd.arg(file).current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
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
