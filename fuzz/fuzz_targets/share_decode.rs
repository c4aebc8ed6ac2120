//! Share links: any URL fragment decodes to a scenario or to an error, never a panic, and
//! decompression stays bounded.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(fragment) = std::str::from_utf8(data) {
        let _ = interleave::share::decode(fragment);
    }
});
