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
//! - [`session`]: one run from source to result; what the CLI and the UI call.
//!
//! - [`ui`]: the browser UI; its pure model (the page's state, a run as shown, the viewport,
//!   real mode's measurements) is compiled on every target, its views only for wasm32.
//! - [`workers`]: the messages between the page and the engine's Web Worker, and the glue
//!   (wasm32 only) that carries them.
//!
//! The engine never depends on the UI or on web APIs, so `cargo test` runs it natively, and
//! the UI's model with it. Only the UI's views and the worker glue use yew and web-sys, and
//! they exist only in the wasm32 build.

pub mod builtins;
pub mod compiler;
pub mod runtime;
pub mod session;
pub mod share;
pub mod trace;
pub mod ui;
pub mod vm;
pub mod workers;
