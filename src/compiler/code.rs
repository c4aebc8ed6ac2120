//! Code objects and the instruction set.
//!
//! One `Code` per function, lambda, comprehension, class body and module, as in CPython.
//! Instructions carry their operands inline; names and constants are indices into the
//! code object's tables. The set is grouped by family (load/store, build, operators,
//! control flow, calls, exceptions, async) and deliberately close to CPython's 3.11
//! opcodes where that keeps the compiler simple, but it uses a block stack for `try`
//! instead of exception tables.

use std::rc::Rc;

/// A constant in a code object's constant table.
#[derive(Debug, Clone)]
pub enum Const {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An integer literal that fits an `i64`.
    Int(i64),
    /// An integer literal too large for an `i64`.
    BigInt(Rc<num_bigint::BigInt>),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(Rc<str>),
    /// A bytes literal (`b'...'`, its parts joined).
    Bytes(Rc<[u8]>),
    /// A nested code object (function, lambda, comprehension, class body).
    Code(Rc<Code>),
    /// Keyword names of a call (`CallKw`).
    Names(Rc<[Rc<str>]>),
}

/// Binary operators (`a + b`, and the in-place forms `a += b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+` (`__add__`).
    Add,
    /// `-` (`__sub__`).
    Sub,
    /// `*` (`__mul__`).
    Mul,
    /// `@` (`__matmul__`).
    MatMul,
    /// `/` (`__truediv__`).
    TrueDiv,
    /// `//` (`__floordiv__`).
    FloorDiv,
    /// `%` (`__mod__`).
    Mod,
    /// `**` (`__pow__`).
    Pow,
    /// `<<` (`__lshift__`).
    LShift,
    /// `>>` (`__rshift__`).
    RShift,
    /// `&` (`__and__`).
    BitAnd,
    /// `
    /// ` (`__or__`).
    BitOr,
    /// `^` (`__xor__`).
    BitXor,
}

impl BinOp {
    /// The operator as Python spells it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `-x` (`__neg__`).
    Neg,
    /// `+x` (`__pos__`).
    Pos,
    /// `not x` (truthiness, never a dunder of its own).
    Not,
    /// `~x` (`__invert__`).
    Invert,
}

/// Rich comparisons (`is` and `in` have their own instructions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `<` (`__lt__`).
    Lt,
    /// `<=` (`__le__`).
    Le,
    /// `==` (`__eq__`).
    Eq,
    /// `!=` (`__ne__`).
    Ne,
    /// `>` (`__gt__`).
    Gt,
    /// `>=` (`__ge__`).
    Ge,
}

impl CmpOp {
    /// The operator as Python spells it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// How `FormatValue` converts before formatting (`!s`, `!r`, `!a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// No conversion: `format(value, spec)`.
    None,
    /// `!s`: `str(value)` first.
    Str,
    /// `!r`: `repr(value)` first.
    Repr,
    /// `!a`: `ascii(value)` first.
    Ascii,
}

/// The three forms of the `raise` statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaiseKind {
    /// Bare `raise`: the exception being handled, again (RuntimeError if none).
    Bare,
    /// `raise X`: X is on the stack.
    Exc,
    /// `raise X from Y`: Y on top of X.
    ExcFrom,
}

/// One bytecode instruction. Jump targets are instruction indices.
#[derive(Debug, Clone, Copy)]
pub enum Instr {
    /// Does nothing (a jump target the compiler needs).
    Nop,
    // ── stack ──
    /// Pop TOS and discard it. CPython's `POP_TOP`.
    Pop,
    /// Push TOS again.
    Dup,
    /// Push TOS1 and TOS again, in that order (`a[i] += x` needs both twice).
    DupTwo,
    /// Swap TOS and TOS1.
    Rot2,
    /// Move TOS down two places, under TOS1 and TOS2.
    Rot3,
    /// Move TOS down three places, under TOS1, TOS2 and TOS3.
    Rot4,
    // ── load / store ──
    /// Push the constant at the index.
    LoadConst(u32),
    /// Push the fast local at the index; `UnboundLocalError` if it is unbound.
    LoadFast(u32),
    /// Pop TOS into the fast local at the index.
    StoreFast(u32),
    /// `del` the fast local at the index.
    DeleteFast(u32),
    /// Read the cell at index (cellvars first, then freevars).
    LoadDeref(u32),
    /// Pop TOS into the cell at the index (cellvars first, then freevars).
    StoreDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    /// Push the global (else the builtin) named by `names[i]`; `NameError` if neither exists.
    LoadGlobal(u32),
    /// Pop TOS into the global named by `names[i]`.
    StoreGlobal(u32),
    /// `del` the global named by `names[i]`.
    DeleteGlobal(u32),
    /// Class bodies: the class namespace, then globals, then builtins.
    LoadName(u32),
    /// Pop TOS into the class namespace (or the module's globals) under `names[i]`.
    StoreName(u32),
    /// `del` the name `names[i]` from the class namespace (or the globals).
    DeleteName(u32),
    /// Replace TOS by its attribute `names[i]`.
    LoadAttr(u32),
    /// `TOS.names[i] = TOS1`, popping both.
    StoreAttr(u32),
    /// `del TOS.names[i]`, popping TOS.
    DeleteAttr(u32),
    /// `TOS1[TOS]`: pop both, push the item. CPython's `BINARY_SUBSCR`.
    Subscript,
    /// `TOS1[TOS] = TOS2`, popping all three.
    StoreSubscript,
    /// `del TOS1[TOS]`, popping both.
    DeleteSubscript,
    // ── build ──
    /// Pop `n` items, push a tuple of them (the deepest first).
    BuildTuple(u32),
    /// Pop `n` items, push a list of them.
    BuildList(u32),
    /// Pop `n` items, push a set of them.
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    /// Pop 2 or 3 items (start, stop[, step]), push a `slice`.
    BuildSlice(u32),
    /// Concatenate `n` strings (f-strings).
    BuildString(u32),
    /// Append TOS to the list `n` items below it (comprehensions, starred displays).
    ListAppend(u32),
    /// Extend the list `n` items below TOS by the iterable TOS, popping it (`[*a, *b]`).
    ListExtend(u32),
    /// Add TOS to the set `n` items below it, popping it (set comprehensions).
    SetAdd(u32),
    /// Update the set `n` items below TOS by the iterable TOS, popping it (`{*a, *b}`).
    SetUpdate(u32),
    /// Pop a value (TOS) and its key (TOS1) into the dict `n` items below them.
    MapAdd(u32),
    /// Update the dict `n` items below TOS by the mapping TOS, popping it (`{**a, **b}`).
    DictUpdate(u32),
    /// Replace the list on TOS by a tuple of its items (`(*a, *b)`).
    ListToTuple,
    /// Pop an iterable of exactly `n` items, push them so that the first ends on top.
    UnpackSequence(u32),
    /// Starred unpacking: `before` names, a list, `after` names.
    UnpackEx(u32, u32),
    /// Pop a value (and, if the flag is set, a format spec above it), push `format(value, spec)`
    /// after the conversion. CPython's `FORMAT_VALUE`.
    FormatValue(Conversion, bool),
    // ── operators ──
    /// Replace TOS by the unary operator applied to it.
    Unary(UnOp),
    /// Pop TOS (right) and TOS1 (left), push `left op right`.
    Binary(BinOp),
    /// Pop TOS and TOS1, push `TOS1 op= TOS` (the in-place dunder first, as `+=` does).
    InPlace(BinOp),
    /// Pop TOS and TOS1, push the rich comparison `TOS1 op TOS`.
    Compare(CmpOp),
    /// `in` (false) or `not in` (true).
    Contains(bool),
    /// `is` (false) or `is not` (true).
    Is(bool),
    // ── control flow ──
    /// Jump to the target.
    Jump(u32),
    /// Pop TOS; jump to the target if it is falsy.
    PopJumpIfFalse(u32),
    /// Pop TOS; jump to the target if it is truthy.
    PopJumpIfTrue(u32),
    /// If TOS is falsy, jump to the target keeping it, else pop it (`and`).
    JumpIfFalseOrPop(u32),
    /// If TOS is truthy, jump to the target keeping it, else pop it (`or`).
    JumpIfTrueOrPop(u32),
    /// Replace TOS by `iter(TOS)`.
    GetIter,
    /// Next item of the iterator on TOS, or pop it and jump when exhausted.
    ForIter(u32),
    // ── functions and calls ──
    /// Positional call with `argc` arguments.
    Call(u32),
    /// Call with `argc` values, the last `len(names)` of them keyword arguments named by
    /// the `Const::Names` at the given index.
    CallKw(u32, u32),
    /// `obj.name(args)`: the object and `argc` positional arguments on the stack; calls
    /// the method without building a bound-method object.
    CallMethod(u32, u32),
    /// `f(*args, **kwargs)`: a tuple and (if the flag is set) a dict on the stack.
    CallEx(bool),
    /// Make a function from the code constant; the flags say which of defaults (tuple),
    /// keyword defaults (dict) and closure (tuple of cells) lie below it.
    MakeFunction(u32, u8),
    /// Run a class body function (TOS1) with a fresh namespace, then build the class
    /// named by the constant from the bases below. Operand: number of bases, with
    /// `CLASS_HAS_METACLASS` set when an explicit metaclass lies on top of them.
    BuildClass(u32, u32),
    /// Return TOS to the caller.
    Return,
    // ── modules ──
    /// Push the module named by `names[i]`, importing it if needed.
    ImportName(u32),
    /// Push the attribute `names[i]` of the module on TOS, keeping the module (`from m import x`);
    /// `ImportError` when it lacks it.
    ImportFrom(u32),
    // ── exceptions ──
    /// Push a handler: on an exception, unwind the stack to its current depth, push the
    /// exception and jump to the target.
    SetupExcept(u32),
    /// Same as `SetupExcept`, for a `finally` (only the compiler treats them differently).
    SetupFinally(u32),
    /// Pop the innermost handler pushed by `SetupExcept`/`SetupFinally` (the `try` body ended
    /// normally).
    PopBlock,
    /// Leave an `except` handler: the handled exception stops being "current".
    PopExcept,
    /// Mark the exception on TOS as being handled (for bare `raise` and `__context__`).
    EnterHandler,
    /// `raise`, `raise X` or `raise X from Y` (see `RaiseKind` for the stack).
    Raise(RaiseKind),
    /// Re-raise the exception on TOS, keeping its traceback (end of `finally`).
    Reraise,
    /// Does the exception TOS1 match the type (or tuple) at TOS? Pops the type, pushes a bool.
    CheckExcMatch,
    /// `except* T`: split the group on TOS1 by the type at TOS; leaves (rest, match).
    /// `match` is None when nothing matched.
    ExcStarSplit,
    /// End of a `try/except*`: combine what was left over and what was raised.
    /// Operand: number of (raised) entries on the stack above the original group.
    ExcStarFinish(u32),
    /// Push the `AssertionError` class (an `assert` cannot be fooled by rebinding the name).
    LoadAssertionError,
    // ── context managers ──
    /// `with`: calls `__enter__`, leaves `__exit__` bound below the result.
    BeforeWith,
    /// `async with`: leaves `__aexit__` bound and the awaitable of `__aenter__()`.
    BeforeAsyncWith,
    /// Call the `__exit__`/`__aexit__` at the given depth with (type, value, tb) of the
    /// exception on TOS, or three Nones when TOS is None.
    WithExit(u32),
    // ── async ──
    /// Await TOS: a coroutine, a future or task, or a native awaitable.
    Await,
    // ── generators ──
    /// `yield TOS`: suspend the generator, handing TOS to its consumer; resuming pushes
    /// the value sent in (`None` for `next`).
    YieldValue,
    /// `yield from`: replace TOS by the iterator to delegate to (a generator as is).
    GetYieldFromIter,
    /// `yield from` step: send TOS into the iterator below it. When it yields, push what
    /// it yielded (a `YieldValue` follows, then a jump back here); when it finishes, pop
    /// it, push its return value and jump to the target. CPython 3.11's `SEND`.
    Send(u32),
    /// `async for`: replace TOS by `TOS.__aiter__()`.
    GetAIter,
    /// `async for`: push the awaitable of `TOS.__anext__()`, keeping the iterator.
    GetANext,
    /// End of an `async for` (its exception handler): `StopAsyncIteration` on TOS ends
    /// the loop (pops it and the iterator); any other exception is raised again.
    EndAsyncFor,
    // ── match ──
    /// Push whether TOS is a sequence a pattern may match (list, tuple, range, deque;
    /// not str, bytes or dict), keeping it. CPython's `MATCH_SEQUENCE`.
    MatchSequence,
    /// Push whether TOS is a mapping (a dict), keeping it. CPython's `MATCH_MAPPING`.
    MatchMapping,
    /// Push `len(TOS)`, keeping it. CPython's `GET_LEN`.
    GetLen,
    /// TOS is a tuple of keys, TOS1 the subject: push a tuple of the subject's values for
    /// them, or None if one is missing. CPython's `MATCH_KEYS`.
    MatchKeys,
    /// TOS is a tuple of keys, TOS1 the subject: replace TOS by a dict of the subject's
    /// other items (`**rest`). CPython's `COPY_DICT_WITHOUT_KEYS`.
    CopyDictWithoutKeys,
    /// Class pattern with `npos` positional sub-patterns and the keyword names of the
    /// `Const::Names` at the index: pops the class (TOS) and the subject, pushes a tuple of
    /// the attributes to match, or None if the subject is not an instance or lacks one.
    /// CPython's `MATCH_CLASS`.
    MatchClass(u32, u32),
}

/// The flag in `BuildClass`'s base count saying an explicit `metaclass=` value is on
/// top of the bases.
pub const CLASS_HAS_METACLASS: u32 = 1 << 31;

/// Flags of `MakeFunction`.
pub mod make_fn {
    /// Defaults: a tuple of positional defaults.
    pub const DEFAULTS: u8 = 1;
    /// Keyword-only defaults: a dict.
    pub const KWDEFAULTS: u8 = 2;
    /// A closure: a tuple of cells.
    pub const CLOSURE: u8 = 4;
}

/// What kind of scope a code object runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A module's top level.
    Module,
    /// A `def` function.
    Function,
    /// An `async def` function.
    AsyncFunction,
    /// A `lambda`.
    Lambda,
    /// A list, set or dict comprehension or a generator expression.
    Comprehension,
    /// A class body.
    ClassBody,
}

/// A compiled unit.
#[derive(Debug, Clone)]
pub struct Code {
    /// Function name (`<module>`, `<lambda>`, `<listcomp>`, ...).
    pub name: Rc<str>,
    /// Dotted qualified name, for reprs (`Outer.method`).
    pub qualname: Rc<str>,
    /// What kind of scope it runs.
    pub kind: CodeKind,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// Source line of each instruction (1-based).
    pub lines: Vec<u32>,
    /// The constant table (`LoadConst` operands).
    pub consts: Vec<Const>,
    /// Global, attribute and import names (`LoadGlobal`, `LoadAttr`... operands).
    pub names: Vec<Rc<str>>,
    /// Fast locals: parameters first, then other locals.
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions (stored in cells).
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also a parameter, the parameter's fast slot.
    pub cell_params: Vec<(u32, u32)>,
    /// Positional parameters (including the positional-only ones).
    pub argcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Takes `*args` (its slot follows the keyword-only parameters in `varnames`).
    pub has_varargs: bool,
    /// Takes `**kwargs` (its slot follows `*args`).
    pub has_varkw: bool,
    /// The file name shown in tracebacks.
    pub filename: Rc<str>,
    /// First line of the definition.
    pub first_line: u32,
    /// Hidden from tracebacks and line tracking (runtime prelude code).
    pub internal: bool,
    /// Calling it makes a generator (CPython's `CO_GENERATOR`), or an async generator
    /// when `is_async` too.
    pub is_generator: bool,
    /// An `async def`, or a comprehension that awaits (`CO_COROUTINE`).
    pub is_async: bool,
    /// A generator function decorated with `types.coroutine`: its generators may be
    /// awaited (`CO_ITERABLE_COROUTINE`).
    pub iterable_coroutine: bool,
    /// The function's docstring (`__doc__`): its body's first statement when that is a
    /// string literal, as CPython keeps it.
    pub doc: Option<Rc<str>>,
}

impl Code {
    /// Does calling it make a coroutine (an `async def` without `yield`, or an
    /// asynchronous list/set/dict comprehension)?
    pub fn is_coroutine(&self) -> bool {
        self.is_async && !self.is_generator
    }

    /// The source line of instruction `ip`.
    pub fn line_at(&self, ip: usize) -> u32 {
        self.lines.get(ip).copied().unwrap_or(self.first_line)
    }
}
