//! Interleave: a Python concurrency playground.
//!
//! ```text
//!  source ──parse──▶ AST ──compile──▶ bytecode ──VM──▶ runtime (clock, event loop,
//!  (compiler::parse)     (compiler)    (vm)            primitives, threads, processes)
//!                                                          │ records
//!                                                          ▼
//!                                   UI (ui) ◀── timeline ◀── trace (trace)
//! ```
//!
//! The engine (`compiler`, `vm`, `builtins`, `runtime`, `trace`, `share`) never depends on
//! the UI or on web APIs, so `cargo test` runs it natively. Only `ui` (and `workers`) use
//! yew and web-sys, and they only exist in the wasm32 build.

#[cfg(target_arch = "wasm32")]
pub mod ui;

pub mod compiler;
