//! Example programs for the editor, taken from the project's Python concurrency guide.

/// An example program: a file name to show and the Python source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The name shown on the editor's tab, e.g. `asyncio_lock.py`.
    pub file_name: &'static str,
    /// The Python source.
    pub source: &'static str,
}

/// Three tasks take turns through one `asyncio.Lock` (the guide, section 16). The source is
/// the scenario corpus's copy, whose output `tests/scenarios.rs` checks against CPython's.
pub const ASYNCIO_LOCK: Example = Example {
    file_name: "asyncio_lock.py",
    source: include_str!("../../../tests/scenarios/guide/lock_counter.py"),
};

/// The program the editor holds when the page opens.
pub const DEFAULT: Example = ASYNCIO_LOCK;
