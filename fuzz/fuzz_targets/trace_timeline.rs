//! A program's trace → the timeline and the state at any event: what the UI builds from an
//! engine run must never panic, whatever the program did.
#![no_main]
use interleave::session::{run, RunOptions};
use interleave::trace::state::State;
use interleave::trace::timeline::Timeline;
use interleave::vm::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else { return };
    let options = RunOptions {
        limits: Limits { max_steps: 20_000, max_memory: 64 * 1024 * 1024 },
        trace: true,
        ..RunOptions::default()
    };
    let result = run(source, &options);
    let trace = &result.trace;
    let _timeline = Timeline::build(trace);
    let n = trace.events.len();
    for at in [0, n / 2, n] {
        let _ = State::at(trace, at);
    }
});
