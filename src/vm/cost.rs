//! The CPU cost of each kind of instruction, calibrated against CPython 3.11.
//!
//! The virtual clock charges every instruction `cpu_rate × weight(instr)` seconds, where
//! `cpu_rate` is the cost of the cheapest instructions (a local load, a jump, small-int
//! arithmetic: a few nanoseconds in CPython's eval loop) and the weight says how many such
//! units an instruction kind costs in CPython: a call builds a frame, an attribute lookup
//! walks the MRO and dicts, building a container allocates. The weights were fitted so that
//! the programs under `bench/calibration/` take, in virtual time, within 1.5× of what they
//! take in CPython 3.11 (`scripts/bench-engine --calibration` prints the ratios).
//! A table lookup per instruction: cheap in the hot loop.

use crate::compiler::code::Instr;

/// How many `cpu_rate` units one instruction of this kind costs.
#[inline(always)]
pub fn weight(instr: Instr) -> f64 {
    match instr {
        // Calls: arguments to bind and a frame to build, or a built-in to enter (CPython
        // spends ~100 ns on `obj.method(x)`, `str(i)`, `d.get(k, 0)`). Returning is cheap
        // once the call has been paid for.
        Instr::Call(_) | Instr::CallKw(..) | Instr::CallMethod(..) | Instr::CallEx(_) => 20.0,
        Instr::MakeFunction(..) | Instr::BuildClass(..) => 20.0,
        // `for`: the next item of an iterator (a new int object for `range`).
        Instr::ForIter(_) => 5.0,
        // Attribute access: the MRO and the instance dict.
        Instr::LoadAttr(_) | Instr::StoreAttr(_) | Instr::DeleteAttr(_) => 2.0,
        // Item access: hashing and dict or list lookups.
        Instr::Subscript | Instr::StoreSubscript | Instr::DeleteSubscript => 3.0,
        // Formatting makes a new string from a number or an object's `__format__`.
        Instr::FormatValue(..) | Instr::BuildString(_) => 20.0,
        // Building a container allocates it.
        Instr::BuildTuple(_) | Instr::BuildList(_) | Instr::BuildSet(_) | Instr::BuildMap(_)
        | Instr::BuildSlice(_) => 8.0,
        Instr::ListExtend(_) | Instr::SetUpdate(_) | Instr::DictUpdate(_) | Instr::ListToTuple => 8.0,
        Instr::ListAppend(_) | Instr::SetAdd(_) | Instr::MapAdd(_) => 3.0,
        Instr::UnpackSequence(_) | Instr::UnpackEx(..) | Instr::Contains(_) | Instr::YieldValue => 3.0,
        // Exceptions: an object to build, a traceback, a handler to find.
        Instr::Raise(_) | Instr::Reraise | Instr::CheckExcMatch | Instr::ExcStarSplit | Instr::ExcStarFinish(_) => 20.0,
        Instr::BeforeWith | Instr::BeforeAsyncWith | Instr::WithExit(_) => 8.0,
        // Everything else is one unit: imports (the runtime's modules are built in, so an
        // import is a lookup, as of a module already in `sys.modules`), local, global and constant loads and stores (3.11
        // caches global lookups), stack shuffles, arithmetic, compares, jumps, returns.
        _ => 1.0,
    }
}
