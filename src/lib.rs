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
//! - [`vm`]: values, frames, the dispatch loop, calls, attributes, exceptions. It knows
//!   the runtime's objects only through `vm::native::NativeObject` and reaches the builtins
//!   and the scheduler through `vm::host::Hooks`; its one back edge is the `Runtime` state
//!   it owns (`Vm::rt`).
//! - [`builtins`]: built-in functions and the methods of built-in types.
//! - [`runtime`]: the virtual clock, output, asyncio (loop, tasks, primitives), threads
//!   with the GIL, processes, the standard-library modules; it installs itself once per run.
//! - [`trace`]: the recorded run, the state at any instant, the timeline, Chrome export.
//! - [`protocol`]: the messages between the page and its engine workers (real mode's too).
//! - [`session`]: one run from source to result; what the CLI and the UI call.
//! - [`ui`]: the browser UI; its pure model (the page's state, a run as shown, the viewport,
//!   real mode's measurements) is compiled on every target, its views only for wasm32.
//! - `workers` (wasm32 only): the Web Worker glue that carries the [`protocol`] messages.
//!
//! The engine never depends on the UI or on web APIs, so `cargo test` runs it natively, and
//! the UI's model with it. Only the UI's views and the worker glue use yew and web-sys, and
//! they exist only in the wasm32 build.

// Every public item says what it is (STYLE.md, point 10). The engine's modules deny a
// missing doc, so an undocumented item fails the build rather than adding a warning; the
// UI only warns, since its views are compiled for wasm32 alone and a native `cargo build`
// would not catch a regression there.
#![warn(missing_docs)]

#[deny(missing_docs)]
pub mod builtins;
#[deny(missing_docs)]
pub mod compiler;
#[deny(missing_docs)]
pub mod protocol;
#[deny(missing_docs)]
pub mod runtime;
#[deny(missing_docs)]
pub mod session;
#[deny(missing_docs)]
pub mod share;
#[deny(missing_docs)]
pub mod trace;
pub mod ui;
#[deny(missing_docs)]
pub mod vm;
#[cfg(target_arch = "wasm32")]
pub mod workers;
