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
    None,
    Bool(bool),
    Int(i64),
    /// An integer literal too large for an `i64`.
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    Str(Rc<str>),
    /// A nested code object (function, lambda, comprehension, class body).
    Code(Rc<Code>),
    /// Keyword names of a call (`CallKw`).
    Names(Rc<[Rc<str>]>),
}

/// Binary operators (`a + b`, and the in-place forms `a += b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
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
    Neg,
    Pos,
    Not,
    Invert,
}

/// Rich comparisons (`is` and `in` have their own instructions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
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
    None,
    Str,
    Repr,
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
    Nop,
    // ── stack ──
    Pop,
    Dup,
    DupTwo,
    Rot2,
    Rot3,
    Rot4,
    // ── load / store ──
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Read the cell at index (cellvars first, then freevars).
    LoadDeref(u32),
    StoreDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class bodies: the class namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    Subscript,
    StoreSubscript,
    DeleteSubscript,
    // ── build ──
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    BuildSlice(u32),
    /// Concatenate `n` strings (f-strings).
    BuildString(u32),
    /// Append TOS to the list `n` items below it (comprehensions, starred displays).
    ListAppend(u32),
    ListExtend(u32),
    SetAdd(u32),
    SetUpdate(u32),
    MapAdd(u32),
    DictUpdate(u32),
    ListToTuple,
    UnpackSequence(u32),
    /// Starred unpacking: `before` names, a list, `after` names.
    UnpackEx(u32, u32),
    FormatValue(Conversion, bool),
    // ── operators ──
    Unary(UnOp),
    Binary(BinOp),
    InPlace(BinOp),
    Compare(CmpOp),
    /// `in` (false) or `not in` (true).
    Contains(bool),
    /// `is` (false) or `is not` (true).
    Is(bool),
    // ── control flow ──
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
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
    /// named by the constant from the bases below. Operand: number of bases.
    BuildClass(u32, u32),
    Return,
    // ── modules ──
    ImportName(u32),
    ImportFrom(u32),
    // ── exceptions ──
    /// Push a handler: on an exception, unwind the stack to its current depth, push the
    /// exception and jump to the target.
    SetupExcept(u32),
    /// Same as `SetupExcept`, for a `finally` (only the compiler treats them differently).
    SetupFinally(u32),
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

/// Flags of `MakeFunction`.
pub mod make_fn {
    pub const DEFAULTS: u8 = 1;
    pub const KWDEFAULTS: u8 = 2;
    pub const CLOSURE: u8 = 4;
}

/// What kind of scope a code object runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    ClassBody,
}

/// A compiled unit.
#[derive(Debug, Clone)]
pub struct Code {
    /// Function name (`<module>`, `<lambda>`, `<listcomp>`, ...).
    pub name: Rc<str>,
    /// Dotted qualified name, for reprs (`Outer.method`).
    pub qualname: Rc<str>,
    pub kind: CodeKind,
    pub instrs: Vec<Instr>,
    /// Source line of each instruction (1-based).
    pub lines: Vec<u32>,
    pub consts: Vec<Const>,
    pub names: Vec<Rc<str>>,
    /// Fast locals: parameters first, then other locals.
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions (stored in cells).
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also a parameter, the parameter's fast slot.
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub kwonlyargcount: u32,
    pub has_varargs: bool,
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
