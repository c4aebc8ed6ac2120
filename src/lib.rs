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
//! - [`explore`]: the schedule explorer: every interleaving of a threaded program up to
//!   a preemption bound, grouped by outcome.
//! - [`session`]: one run from source to result; what the CLI and the UI call.
//! - [`ui`]: the browser UI; its pure model (the page's state, a run as shown, the viewport,
//!   real mode's measurements) is compiled on every target, its views only for wasm32.
//! - `workers` (wasm32 only): the Web Worker glue that carries the [`protocol`] messages.
//!
//! The engine never depends on the UI or on web APIs, so `cargo test` runs it natively, and
//! the UI's model with it. Only the UI's views and the worker glue use yew and web-sys, and
//! they exist only in the wasm32 build.

// Every public item says what it is (STYLE.md, point 10): a missing doc comment is a build
// error, so the rule holds without anyone checking it. The UI's views and the worker glue
// are compiled for wasm32 only, so the wasm build (`scripts/test`'s wasm suite) is what
// checks them. `runtime::processes` opts out until the multiprocessing work lands.
#![deny(missing_docs)]

pub mod builtins;
pub mod compiler;
pub mod explore;
pub mod protocol;
pub mod runtime;
pub mod session;
pub mod share;
pub mod trace;
pub mod ui;
pub mod vm;
#[cfg(target_arch = "wasm32")]
pub mod workers;
