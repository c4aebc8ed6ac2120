//! Source → run, with small budgets (so every input ends quickly): a program ends with its
//! output, a Python exception or an engine limit; the engine never panics.
#![no_main]
use interleave::session::{run, RunOptions};
use interleave::vm::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let options = RunOptions {
            limits: Limits { max_steps: 20_000, max_memory: 64 * 1024 * 1024 },
            trace: true,
            ..RunOptions::default()
        };
        let _ = run(source, &options);
    }
});
