//! The engine's Web Worker: Trunk builds this binary for wasm32 (`data-type="worker"` in
//! www/index.html) and the page starts it with `new Worker("interleave-worker_loader.js")`.
//! It runs programs sent by the page and posts back their results (`interleave::workers`).
//! Natively there is nothing to run.

/// Counts the worker's heap bytes: the memory budget holds in the browser as natively.
#[global_allocator]
static GLOBAL: interleave::vm::heap::CountingAlloc = interleave::vm::heap::CountingAlloc;

#[cfg(target_arch = "wasm32")]
fn main() {
    interleave::workers::worker_main();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interleave-worker is the browser build's engine worker; run `interleave --help` for the command-line runner.");
}
