//! Source → bytecode: any text either compiles or gives a compile error; it never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = interleave::compiler::compile(source, "prog.py");
    }
});
