//! The CPU cost of each kind of instruction, calibrated against CPython 3.11.
//!
//! The virtual clock charges every instruction `cpu_rate × weight(instr)` seconds, where
//! `cpu_rate` is one cost unit (5 ns by default: about a small-int `+` in CPython 3.11's eval
//! loop) and the weight says how many units an instruction kind costs in CPython. The weights
//! are CPython 3.11's own costs on the calibration machine (a shared 2-core machine),
//! measured construct by construct (a loop step, a local load, an int operation, a call, an
//! instance creation), divided by the unit, then scaled together by about 1.2 so that the
//! programs of `bench/calibration/` take CPython's *median* CPU time over interleaved runs
//! (the nanoseconds quoted below are the constructs' best, quiet-moment times; the median on
//! this machine is 10 to 30% above the best):
//!
//! - 3.11 specializes its hot instructions (PEP 659), so a local load, a constant, a jump or
//!   a stack shuffle costs about 2 ns in a loop (0.45 units), and an attribute load or store
//!   on an instance (`LOAD_ATTR_INSTANCE_VALUE`) hardly more: not a dict walk. Names at a
//!   module's top level are dict lookups (`MODULE_NAME`).
//! - Calls are cheap in 3.11 (a Python-to-Python call is inlined in the eval loop): the call
//!   instruction costs what calling a built-in does (`len(x)`, `d.get(k)`: 10 to 20 ns) and
//!   entering a Python frame adds `FRAME`; creating an instance of a Python class is the
//!   expensive call (`type.__call__`, `object.__new__`, then `__init__` through
//!   `slot_tp_init`, not inlined: about 190 ns), charged by `INSTANCE` and `INIT`.
//! - Int arithmetic is cheap when the result is one of the cached small ints (-5..=256) and
//!   costs an allocation otherwise (`INT_ALLOC`), more for results past one 30-bit digit
//!   (`INT_DIGITS`), where 3.11 leaves its fast path (see `binary_result`).
//! - Built-ins and operators whose work grows with their input charge per element (the
//!   `PER_*` constants), so `",".join(words)` of 50,000 words costs as in CPython, not as
//!   one call: `sum`, `sorted`, `min`, `max`, `str.join`, `str.split`, `str.replace`,
//!   `str.upper`/`lower`/`count`, `list(...)`, `tuple(...)`, `set(...)`, `dict(...)`,
//!   `dict.fromkeys`, `list(range(n))`, `x in list`, `l.index`/`count`, `l.extend`,
//!   `l.copy()`, `d.copy()`, slices (`l[a:b]`, `s[a:b]`), `+` and `*` of sequences (see
//!   `binary_result`). Copies of str text are a `memcpy` in CPython: charged, but cheap.
//!
//! `scripts/bench-engine --calibration` prints each program's virtual time over CPython's.
//! A table lookup per instruction: cheap in the hot loop.

use crate::compiler::code::Instr;
use crate::vm::value::{Obj, Value};

/// Entering a Python function's frame (binding the arguments, the frame itself), on top of
/// the call instruction: CPython 3.11's `f(x)` of a one-line function is about 25 ns.
pub const FRAME: f64 = 2.4;
/// Creating an instance of a Python class (`type.__call__`, `object.__new__`, the instance
/// dict): `C()` of a class without `__init__` is about 90 ns in CPython 3.11.
pub const INSTANCE: f64 = 19.0;
/// Calling a Python `__init__` from `type.__call__` (`slot_tp_init` looks it up and calls it
/// through a new C-level frame, not inlined as other calls): `P(x)` with a one-line
/// `__init__` is about 190 ns in CPython 3.11.
pub const INIT: f64 = 15.0;
/// A name loaded or stored at a module's top level (`LOAD_NAME`, `STORE_NAME`: dict
/// lookups, unspecialized in 3.11, ~15 ns) rather than in a function.
pub const MODULE_NAME: f64 = 2.5;
/// A str method's own work on a short string, its result object included (`s.upper()` is
/// ~40 ns in CPython 3.11, a call to a built-in ~13 ns).
pub const STR_METHOD: f64 = 5.0;
/// A new str object made by an operator (`a + b` of strings: ~45 ns for short strings).
pub const NEW_STR: f64 = 7.0;
/// A new int object, for an int result outside CPython's cached small ints (-5..=256).
pub const INT_ALLOC: f64 = 2.5;
/// An int operand or result past one 30-bit digit: 3.11's fast path is for one-digit ints.
pub const INT_DIGITS: f64 = 1.2;
/// Converting a number to decimal text (`str(i)`, `f"{i}"`, `print(i)`): about 60 ns for a
/// 5-digit int in CPython 3.11.
pub const NUM_TO_STR: f64 = 13.0;
/// One element a built-in takes from a list or tuple (a pointer copy and an incref:
/// `list(l)`, `tuple(l)`, `l[a:b]`, `l + m`, `l.extend(m)`, `l.copy()`: ~3 ns an element).
pub const PER_ITEM_COPY: f64 = 0.6;
/// One element of a repeated list or tuple (`[0] * n`: `list_repeat` copies the pointers
/// in bulk, ~0.5 ns an element).
pub const PER_REPEAT_ITEM: f64 = 0.1;
/// One byte a str operation copies as a block (`s[a:b]`, `s + t`, `s * n`: a `memcpy`,
/// ~0.04 ns a character).
pub const PER_CHAR_COPY: f64 = 0.008;
/// One character a str method maps or scans in a tight C loop (`s.upper()`, `s.lower()`,
/// `s.count(x)`: ~0.4 ns a character).
pub const PER_CHAR_MAP: f64 = 0.08;
/// One key hashed and inserted into a new dict (`dict.fromkeys(l)`, `dict(pairs)`:
/// ~40 ns an int key, resizes included).
pub const PER_DICT_ITEM: f64 = 7.0;
/// One entry of a dict copied into a new one (`dict(d)`, `d.copy()`: ~10 ns an entry).
pub const PER_DICT_COPY: f64 = 2.0;
/// One element a built-in takes from any other iterable (the iterator protocol).
pub const PER_ITEM_ITER: f64 = 1.0;
/// One `+` of `sum()` (on top of taking the element): `sum(l)` of ints is ~7 ns an element.
pub const PER_SUM_ADD: f64 = 1.2;
/// One comparison by `sorted`, `list.sort`, `min`, `max`, `x in list` (a rich compare).
pub const PER_COMPARE: f64 = 2.4;
/// One piece of `str.join` (its length read, then copied): ~13 ns an element.
pub const PER_JOIN_ITEM: f64 = 2.5;
/// One piece `str.split` makes (a new str object appended to the list): ~40 ns an element.
pub const PER_SPLIT_PART: f64 = 8.5;
/// One element hashed and inserted into a new set (`set(l)`: ~30 ns an int element).
pub const PER_SET_ITEM: f64 = 6.0;
/// One character scanned or copied by a string method that walks its text (`replace`).
pub const PER_CHAR: f64 = 0.25;

/// How many `cpu_rate` units one instruction of this kind costs.
#[inline(always)]
pub fn weight(instr: Instr) -> f64 {
    match instr {
        // Calls: what calling a built-in costs (`len(x)`, `d.get(k, 0)`: 10 to 20 ns in
        // 3.11). A Python callee adds `FRAME`, a class `INSTANCE` (and `INIT`). `obj.m()`
        // includes the method lookup (3.11's specialized `LOAD_METHOD`).
        Instr::Call(_) | Instr::CallKw(..) | Instr::CallMethod(..) | Instr::CallEx(_) => 3.0,
        // A function object (defaults, closure cells) or a class body.
        Instr::MakeFunction(..) => 10.0,
        Instr::BuildClass(..) => 24.0,
        // `for`: the next item of an iterator (a new int object for `range`).
        Instr::ForIter(_) => 3.0,
        // Attribute access on an instance: 3.11's specialized `LOAD_ATTR_INSTANCE_VALUE` and
        // `STORE_ATTR_INSTANCE_VALUE` (3 to 4 ns), not an MRO walk.
        Instr::LoadAttr(_) | Instr::StoreAttr(_) => 1.2,
        Instr::DeleteAttr(_) => 2.4,
        // Int arithmetic with a cached small-int result; allocation is added by `binary_result`.
        Instr::Binary(_) | Instr::InPlace(_) => 0.75,
        // A compare (mostly fused with the jump that follows: `COMPARE_OP_INT_JUMP`).
        Instr::Compare(_) => 0.75,
        // Item access: hashing and dict or list lookups (`d[k]` ~13 ns, `d[k] = v` ~20).
        Instr::Subscript => 3.0,
        Instr::StoreSubscript | Instr::DeleteSubscript => 4.8,
        // In a function `LOAD_GLOBAL` is specialized but still reads two dict versions;
        // at a module's top level names are dict lookups (`LOAD_NAME`, `STORE_NAME`), which
        // add `MODULE_NAME`.
        Instr::LoadGlobal(_) | Instr::LoadName(_) => 1.2,
        Instr::StoreGlobal(_) | Instr::StoreName(_) | Instr::DeleteGlobal(_) | Instr::DeleteName(_) => 1.2,
        // Formatting makes a new string from an object's `__format__` (a number adds
        // `NUM_TO_STR`); joining the pieces of an f-string builds one more.
        Instr::FormatValue(..) => 5.0,
        Instr::BuildString(_) => 8.5,
        // Building a container allocates it (`(a, b)` ~30 ns, `[a, b]` ~40 ns).
        Instr::BuildTuple(_) | Instr::BuildList(_) | Instr::BuildSet(_) | Instr::BuildMap(_)
        | Instr::BuildSlice(_) => 7.2,
        Instr::ListExtend(_) | Instr::SetUpdate(_) | Instr::DictUpdate(_) | Instr::ListToTuple => 7.2,
        // Appending to the list or dict a comprehension builds (`LIST_APPEND`).
        Instr::ListAppend(_) | Instr::SetAdd(_) | Instr::MapAdd(_) => 1.8,
        // `a, b = t` of a tuple is specialized (`UNPACK_SEQUENCE_TWO_TUPLE`, ~3 ns).
        Instr::UnpackSequence(_) | Instr::UnpackEx(..) => 1.0,
        // `x in s`: a hash and a lookup (~18 ns).
        Instr::Contains(_) => 3.6,
        Instr::YieldValue => 3.6,
        Instr::Return => 1.2,
        // Exceptions: an object to build, a traceback, a handler to find (~190 ns for
        // `raise ValueError` caught by the next `except`, counted over the whole statement).
        Instr::Raise(_) | Instr::Reraise => 30.0,
        Instr::CheckExcMatch | Instr::ExcStarSplit | Instr::ExcStarFinish(_) => 3.6,
        Instr::BeforeWith | Instr::BeforeAsyncWith | Instr::WithExit(_) => 9.6,
        Instr::ImportName(_) | Instr::ImportFrom(_) => 6.0,
        Instr::Unary(_) => 1.2,
        Instr::GetIter => 1.2,
        // Everything else is 2 ns: local and constant loads and stores, stack shuffles,
        // jumps, `is` (3.11's specialized forms; measured in a loop of them, the primes
        // program, where each costs its dispatch, not only its marginal work).
        _ => 0.45,
    }
}

/// Units to add to a `Binary`/`InPlace` instruction for its result (and operands): a new str
/// (`NEW_STR`), a new int object unless the result is a cached small int (`-5..=256`, `_PyLong_GetSmallInt`), and
/// more once an operand or the result needs more than one 30-bit digit (3.11's
/// `BINARY_OP_ADD_INT` fast path, `medium_value`, is for one-digit ints only). A str, list
/// or tuple made by `+` or `*` costs per element copied (`PER_CHAR_COPY`, `PER_ITEM_COPY`,
/// `PER_REPEAT_ITEM`); an in-place `+=` copies only the right operand (CPython resizes a
/// list in place, and a str it holds the only reference to, `unicode_concatenate`).
#[inline(always)]
pub fn binary_result(a: &Value, b: &Value, r: &Value, in_place: bool) -> f64 {
    const DIGIT: i64 = 1 << 30;
    let big = |v: &Value| match v {
        Value::Int(i) => !(-DIGIT < *i && *i < DIGIT),
        Value::BigInt(_) => true,
        _ => false,
    };
    match r {
        Value::Int(i) if (-5..=256).contains(i) => {
            if big(a) || big(b) { INT_DIGITS } else { 0.0 }
        }
        Value::Int(_) | Value::BigInt(_) => INT_ALLOC + if big(a) || big(b) || big(r) { INT_DIGITS } else { 0.0 },
        Value::Str(s) => {
            let copied = match (in_place, b) {
                (true, Value::Str(t)) => t.len(),
                _ => s.len(),
            };
            NEW_STR + PER_CHAR_COPY * copied as f64
        }
        Value::Obj(o) => match o.as_ref() {
            Obj::List(_) | Obj::Tuple(_) => {
                let len = |v: &Value| match v.as_obj().map(|o| o.as_ref()) {
                    Some(Obj::List(l)) => l.borrow().len(),
                    Some(Obj::Tuple(t)) => t.len(),
                    _ => 0,
                };
                let repeat = matches!(a, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
                    || matches!(b, Value::Int(_) | Value::BigInt(_) | Value::Bool(_));
                if repeat {
                    PER_REPEAT_ITEM * len(r) as f64
                } else if in_place {
                    // `l += m` extends by m (an iterable other than a list or tuple is
                    // charged by the iteration itself).
                    PER_ITEM_COPY * len(b) as f64
                } else {
                    PER_ITEM_COPY * len(r) as f64
                }
            }
            // `b + c`, `b * n` of bytes copy each byte (a bytearray's `+=` only c).
            Obj::Bytes(r) => PER_CHAR_COPY * r.len() as f64,
            Obj::ByteArray(r) => {
                let copied = match (in_place, b.as_obj().map(|o| o.as_ref())) {
                    (true, Some(Obj::Bytes(c))) => c.len(),
                    (true, Some(Obj::ByteArray(c))) if !std::ptr::eq(c, r) => c.borrow().len(),
                    _ => r.borrow().len(),
                };
                PER_CHAR_COPY * copied as f64
            }
            _ => 0.0,
        },
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_python_call_costs_more_than_a_builtin_call_and_an_instance_more_than_both() {
        let call = weight(Instr::Call(1));
        assert!(call + FRAME > call);
        assert!(call + INSTANCE + INIT + FRAME > 4.0 * (call + FRAME));
        // An attribute load is far cheaper than a call, as in 3.11.
        assert!(weight(Instr::LoadAttr(0)) * 3.0 < call + FRAME);
        assert_eq!(weight(Instr::CallMethod(0, 0)), call);
    }

    #[test]
    fn loads_and_jumps_are_the_cheapest_and_a_loop_step_costs_more() {
        let load = weight(Instr::LoadFast(0));
        for i in [Instr::StoreFast(0), Instr::LoadConst(0), Instr::Jump(0), Instr::PopJumpIfFalse(0), Instr::Pop] {
            assert_eq!(weight(i), load);
        }
        assert!(weight(Instr::Binary(crate::compiler::code::BinOp::Add)) + INT_ALLOC > load);
        assert!(weight(Instr::ForIter(0)) > load);
        assert!(weight(Instr::LoadGlobal(0)) + MODULE_NAME > weight(Instr::LoadGlobal(0)));
    }

    #[test]
    fn a_binary_result_costs_an_allocation_unless_cached_and_more_past_one_digit() {
        let small = binary_result(&Value::Int(2), &Value::Int(3), &Value::Int(5), false);
        let alloc = binary_result(&Value::Int(200), &Value::Int(300), &Value::Int(500), false);
        let two_digits = binary_result(&Value::Int(100_000), &Value::Int(100_000), &Value::Int(10_000_000_000), false);
        let neg = binary_result(&Value::Int(-3), &Value::Int(1), &Value::Int(-6), false);
        assert_eq!(small, 0.0);
        assert_eq!(neg, INT_ALLOC);
        assert!(alloc > small);
        assert!(two_digits > alloc);
        // Not an int: no int allocation; a new string costs one.
        assert_eq!(binary_result(&Value::Float(1.0), &Value::Float(2.0), &Value::Float(3.0), false), 0.0);
        assert_eq!(binary_result(&Value::str("a"), &Value::str("b"), &Value::str("ab"), false), NEW_STR + 2.0 * PER_CHAR_COPY);
    }

    /// The virtual seconds `stmt` takes after `setup`, in a program that uses threads (so
    /// the cost model applies), measured by the program itself.
    fn virtual_secs(setup: &str, stmt: &str) -> f64 {
        let timed = |stmt: &str| -> f64 {
            let src = format!(
                "import threading, time\n{setup}\nt = time.perf_counter()\n{stmt}\nprint(time.perf_counter() - t)\n"
            );
            let r = crate::session::run(&src, &crate::session::RunOptions::default());
            let out = r.stdout(false);
            out.trim().lines().last().and_then(|l| l.parse().ok()).unwrap_or_else(|| panic!("no figure in {out:?}"))
        };
        // Less the timing itself (`time.perf_counter() - t`).
        timed(stmt) - timed("pass")
    }

    #[test]
    fn builtins_charge_per_element() {
        let words = "w1 = ['ab']\nw = ['ab'] * 1000";
        assert!(virtual_secs(words, "x = ','.join(w)") > 10.0 * virtual_secs(words, "x = ','.join(w1)"));
        let text = "s1 = 'a b'\ns = 'a b ' * 1000";
        assert!(virtual_secs(text, "x = s.split()") > 10.0 * virtual_secs(text, "x = s1.split()"));
        assert!(virtual_secs(text, "x = s.replace('a', 'c')") > 10.0 * virtual_secs(text, "x = s1.replace('a', 'c')"));
        let nums = "l1 = [1]\nl = list(range(1000))\nimport random\nr = l[:]\nrandom.seed(1)\nrandom.shuffle(r)";
        assert!(virtual_secs(nums, "x = sum(l)") > 10.0 * virtual_secs(nums, "x = sum(l1)"));
        assert!(virtual_secs(nums, "x = max(l)") > 10.0 * virtual_secs(nums, "x = max(l1)"));
        assert!(virtual_secs(nums, "x = set(l)") > 10.0 * virtual_secs(nums, "x = set(l1)"));
        // `in` walks a list (linear) but hashes into a set (constant).
        assert!(virtual_secs(nums, "x = 999 in l") > 10.0 * virtual_secs(nums, "x = 999 in l1"));
        assert!(virtual_secs(nums, "x = 999 in l") > 10.0 * virtual_secs("s = set(range(1000))", "x = 999 in s"));
        assert!(virtual_secs(nums, "x = sorted(l)") > 10.0 * virtual_secs(nums, "x = sorted(l1)"));
        // A shuffled list takes n log n comparisons, a sorted one n - 1.
        assert!(virtual_secs(nums, "x = sorted(r)") > 3.0 * virtual_secs(nums, "x = sorted(l)"));
    }

    #[test]
    fn copies_slices_repeats_and_fills_charge_per_element() {
        let nums = "l1 = [1]\nl = list(range(1000))\ntu1 = (1,)\ntu = tuple(l)\nd1 = {1: 1}\nd = dict.fromkeys(l)";
        let grows = |stmt_n: &str, stmt_1: &str| {
            let (n, one) = (virtual_secs(nums, stmt_n), virtual_secs(nums, stmt_1));
            assert!(n > 10.0 * one, "{stmt_n}: {n} vs {stmt_1}: {one}");
        };
        grows("x = list(range(1000))", "x = list(range(1))");
        grows("x = dict.fromkeys(l)", "x = dict.fromkeys(l1)");
        grows("x = dict(d)", "x = dict(d1)");
        grows("x = d.copy()", "x = d1.copy()");
        grows("x = dict(zip(l, l))", "x = dict(zip(l1, l1))");
        grows("x = l[1:]", "x = l1[1:]");
        grows("x = tu[1:]", "x = tu1[1:]");
        grows("x = l.copy()", "x = l1.copy()");
        grows("x = l + l", "x = l1 + l1");
        grows("x = tu + tu", "x = tu1 + tu1");
        grows("x = [0] * 10000", "x = [0] * 1");
        grows("x = l.index(999)", "x = l.index(0)");
        grows("x = l.count(5)", "x = l1.count(5)");
        grows("x = []\nx.extend(l)", "x = []\nx.extend(l1)");
        grows("x = tuple(l)", "x = tuple(l1)");
        // `l += m` copies m, not l: as cheap on a long list as on a short one.
        let long = virtual_secs(nums, "l += tu1");
        let short = virtual_secs(nums, "l1 += tu1");
        assert!((long - short).abs() < 1e-12, "{long} vs {short}");
        // Strings: a slice, a repeat, `+` and the char-by-char methods copy or scan each
        // character, at memcpy speed for copies (cheap, but growing).
        let text = "s1 = 'ab'\ns = 'ab' * 50000\nb1 = b'ab'\nb = b'ab' * 50000";
        for (big, small) in [
            ("x = s[1:]", "x = s1[1:]"),
            ("x = 'ab' * 50000", "x = 'ab' * 1"),
            ("x = s + s", "x = s1 + s1"),
            ("x = s.upper()", "x = s1.upper()"),
            ("x = s.count('a')", "x = s1.count('a')"),
            ("x = b[1:]", "x = b1[1:]"),
            ("x = b + b", "x = b1 + b1"),
            ("x = b * 2", "x = b1 * 2"),
        ] {
            let (n, one) = (virtual_secs(text, big), virtual_secs(text, small));
            assert!(n > 10.0 * one, "{big}: {n} vs {small}: {one}");
        }
    }

    #[test]
    fn creating_an_instance_costs_more_than_calling_a_method_and_module_names_more_than_locals() {
        let cls = "class P:\n    def __init__(self, x):\n        self.x = x\n    def get(self):\n        return self.x\np = P(1)";
        assert!(virtual_secs(cls, "P(2)") > 3.0 * virtual_secs(cls, "p.get()"));
        let f = "def f():\n    for i in range(100):\n        y = i";
        assert!(virtual_secs(f, "for i in range(100):\n    y = i") > virtual_secs(f, "f()"));
        // Ints past one 30-bit digit cost more than small ones.
        assert!(virtual_secs("a = 10 ** 12", "b = a * 7 % 5") > virtual_secs("a = 12", "b = a * 7 % 5"));
    }
}
