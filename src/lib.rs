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
//! - [`compiler`]: ruff's parser, scope analysis, bytecode generation.
//! - [`vm`]: values, frames, the dispatch loop, calls, attributes, exceptions.
//! - [`builtins`]: built-in functions and the methods of built-in types.
//! - [`runtime`]: the virtual clock, output, and asyncio (loop, tasks, primitives).
//! - [`trace`]: the recorded run, the state at any instant, Chrome trace export.
//! - [`protocol`]: the messages between the page and its engine workers (real mode's too).
//! - [`session`]: one run from source to result; what the CLI and the UI call.
//!
//! The engine never depends on the UI or on web APIs, so `cargo test` runs it natively.
//! Only `ui` (and `workers`) use yew and web-sys, and they exist only in the wasm32 build.

pub mod builtins;
pub mod compiler;
pub mod protocol;
pub mod runtime;
pub mod session;
pub mod share;
pub mod trace;
pub mod vm;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod workers;
