//! Source → run, with small budgets (so every input ends quickly): a program ends with its
//! output, a Python exception or an engine limit; the engine never panics.
#![no_main]
use interleave::session::{run, RunOptions};
use interleave::vm::Limits;
use interleave::vm::heap::{allocated, CountingAlloc};
use libfuzzer_sys::fuzz_target;

/// The memory budget counts what each run allocates, as the command-line runner's does;
/// runs free their reference cycles (`vm::heap`), so the count returns between inputs.
#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let options = RunOptions {
            limits: Limits { max_steps: 20_000, max_memory: 64 * 1024 * 1024 },
            trace: true,
            memory_probe: Some(allocated),
            ..RunOptions::default()
        };
        let _ = run(source, &options);
    }
});
