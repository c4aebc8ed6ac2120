//! Real mode: the program's child processes run again in real Web Workers, one engine per
//! worker (separate memory, as real processes have), and the page measures them.
//!
//! ```text
//!  simulation (engine worker) ── RunReply.children ──▶ RealPool: k engine workers, kept warm
//!  each ChildRecord ── RunRequest { child: Some(ChildRun { fork, inbox }) } ──▶ a free worker
//!  ChildReport (replay ms, work ms, outbox) ◀── the worker replays the fork, runs only the child
//! ```
//!
//! - [`measure`]: what the page measured, and the speedup arithmetic (pure, no DOM: compiled
//!   on every target).
//! - `pool`: the workers, the dispatching, Stop and supersession (wasm32 only).

pub mod measure;
#[cfg(target_arch = "wasm32")]
pub mod pool;

pub use measure::{ChartScale, Measured, Speedup};
#[cfg(target_arch = "wasm32")]
pub use pool::RealPool;
