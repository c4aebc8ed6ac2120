//! Frames and fibers.
//!
//! A frame is a plain struct. A fiber is the stack of frames of one running coroutine
//! chain (a task's, or the main program's): calling a Python function pushes a frame,
//! `await coro` pushes the coroutine's frame, and awaiting a native awaitable pushes a
//! native frame. Suspending at an `await` is returning from the dispatch loop with the
//! fiber intact; resuming sends a value or throws an exception into its top frame.

use super::value::{Module, NativeCoroutine, Obj, Value};
use crate::compiler::Code;
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

/// An exception handler set up by `SetupExcept`/`SetupFinally`.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    /// Where to jump when an exception reaches it.
    pub handler: u32,
    /// The value stack's depth to unwind to before pushing the exception.
    pub stack_depth: u32,
    /// The depth of `exc_stack` to restore.
    pub exc_depth: u32,
}

/// What happens with a frame's return value.
#[derive(Debug)]
pub enum FrameKind {
    /// Push it onto the caller's stack.
    Normal,
    /// `__init__` of a new instance: discard it and push the instance.
    Init(Value),
    /// A class body: build the class from the namespace (name, bases, explicit metaclass).
    ClassBody(Rc<str>, Vec<Value>, Option<Value>),
    /// The body of an awaited coroutine: mark the coroutine done, then push the value.
    Awaited(Rc<Obj>),
    /// The bottom frame of a synchronous call made from Rust (`call_sync`): stop there.
    SyncCall,
    /// A generator's frame run on its consumer's fiber (a `for` loop or `yield from`
    /// over it): its `yield` moves it back into the generator and hands the value to the
    /// frame below; its return ends that loop. No Rust recursion, so a thread blocking
    /// inside the generator's body suspends like any other frame.
    Generator(Rc<Obj>),
}

/// A Python frame: one running call of a code object.
pub struct Frame {
    /// The code it runs.
    pub code: Rc<Code>,
    /// The next instruction's index.
    pub ip: usize,
    /// The value stack.
    pub stack: Vec<Value>,
    /// Fast locals, in `code.varnames` order; None while unbound.
    pub fast: Vec<Option<Value>>,
    /// Cells: the code's cellvars, then its freevars (from the closure).
    pub cells: Vec<Rc<Obj>>,
    /// Active exception handlers, innermost last (CPython 3.10's block stack).
    pub blocks: Vec<Block>,
    /// Exceptions being handled (`except` bodies entered), innermost last.
    pub exc_stack: Vec<Value>,
    /// The module whose globals it sees.
    pub globals: Rc<Module>,
    /// The class namespace while running a class body.
    pub namespace: Option<Rc<RefCell<IndexMap<Rc<str>, Value>>>>,
    /// What happens with its return value.
    pub kind: FrameKind,
    /// The function being run (for zero-argument `super()`).
    pub function: Option<Value>,
    /// Suspended at an `await` of this future: resuming pushes its result.
    pub awaiting: Option<Rc<Obj>>,
    /// Suspended at an `await`: resuming pushes the sent value.
    pub suspended: bool,
    /// For the runtime's own Python (a prelude's function): the place in the program
    /// that called into it, passed down its internal calls, so `logging` can name the
    /// caller's line and function (`_interleave.call_site()`, CPython's `findCaller`).
    pub call_site: Option<(Rc<Code>, u32)>,
    /// The trace's number for this call once its locals are recorded (0: not recorded);
    /// set by the tracing STORE hook, read when the frame leaves (`Hooks::frame_left`).
    pub trace_id: std::cell::Cell<u32>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<frame {} ip={}>", self.code.name, self.ip)
    }
}

impl Frame {
    /// A frame for `code`, with every local unbound and fresh cells for its cellvars.
    pub fn new(code: Rc<Code>, globals: Rc<Module>) -> Frame {
        let nfast = code.varnames.len();
        let ncells = code.cellvars.len();
        Frame {
            ip: 0,
            stack: Vec::with_capacity(8),
            fast: vec![None; nfast],
            cells: (0..ncells).map(|_| crate::vm::value::new_obj(Obj::Cell(RefCell::new(None)))).collect(),
            blocks: Vec::new(),
            exc_stack: Vec::new(),
            globals,
            namespace: None,
            kind: FrameKind::Normal,
            function: None,
            awaiting: None,
            suspended: false,
            call_site: None,
            trace_id: std::cell::Cell::new(0),
            code,
        }
    }

    /// The line being executed (the instruction before `ip` once it has started).
    pub fn line(&self) -> u32 {
        self.code.line_at(self.ip.saturating_sub(1))
    }
}

/// One entry of a fiber: a Python frame or a native awaitable being awaited.
pub enum Slot {
    /// A Python frame.
    Python(Box<Frame>),
    /// A native awaitable (`asyncio.sleep`, `Lock.acquire`...) the frame below awaits.
    Native(Box<dyn NativeCoroutine>),
}

/// A stack of frames that suspends and resumes as one.
#[derive(Default)]
pub struct Fiber {
    /// Innermost last: the running frame is the last slot.
    pub slots: Vec<Slot>,
}

impl Fiber {
    /// A fiber that runs `frame`.
    pub fn new(frame: Frame) -> Fiber {
        Fiber { slots: vec![Slot::Python(Box::new(frame))] }
    }

    /// Whether it has no frames left.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The innermost Python frame that is user code (for the current line).
    pub fn user_frame(&self) -> Option<&Frame> {
        self.slots.iter().rev().find_map(|s| match s {
            Slot::Python(f) if !f.code.internal => Some(f.as_ref()),
            _ => None,
        })
    }
}
