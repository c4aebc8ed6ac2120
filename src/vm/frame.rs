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
    pub handler: u32,
    pub stack_depth: u32,
    pub exc_depth: u32,
}

/// What happens with a frame's return value.
#[derive(Debug)]
pub enum FrameKind {
    /// Push it onto the caller's stack.
    Normal,
    /// `__init__` of a new instance: discard it and push the instance.
    Init(Value),
    /// A class body: build the class from the namespace (name, bases).
    ClassBody(Rc<str>, Vec<Value>),
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

pub struct Frame {
    pub code: Rc<Code>,
    pub ip: usize,
    pub stack: Vec<Value>,
    pub fast: Vec<Option<Value>>,
    /// Cells: the code's cellvars, then its freevars (from the closure).
    pub cells: Vec<Rc<Obj>>,
    pub blocks: Vec<Block>,
    /// Exceptions being handled (`except` bodies entered), innermost last.
    pub exc_stack: Vec<Value>,
    pub globals: Rc<Module>,
    /// The class namespace while running a class body.
    pub namespace: Option<Rc<RefCell<IndexMap<Rc<str>, Value>>>>,
    pub kind: FrameKind,
    /// The function being run (for zero-argument `super()`).
    pub function: Option<Value>,
    /// Suspended at an `await` of this future: resuming pushes its result.
    pub awaiting: Option<Rc<Obj>>,
    /// Suspended at an `await`: resuming pushes the sent value.
    pub suspended: bool,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<frame {} ip={}>", self.code.name, self.ip)
    }
}

impl Frame {
    pub fn new(code: Rc<Code>, globals: Rc<Module>) -> Frame {
        let nfast = code.varnames.len();
        let ncells = code.cellvars.len();
        Frame {
            ip: 0,
            stack: Vec::with_capacity(8),
            fast: vec![None; nfast],
            cells: (0..ncells).map(|_| Rc::new(Obj::Cell(RefCell::new(None)))).collect(),
            blocks: Vec::new(),
            exc_stack: Vec::new(),
            globals,
            namespace: None,
            kind: FrameKind::Normal,
            function: None,
            awaiting: None,
            suspended: false,
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
    Python(Box<Frame>),
    Native(Box<dyn NativeCoroutine>),
}

/// A stack of frames that suspends and resumes as one.
#[derive(Default)]
pub struct Fiber {
    pub slots: Vec<Slot>,
}

impl Fiber {
    pub fn new(frame: Frame) -> Fiber {
        Fiber { slots: vec![Slot::Python(Box::new(frame))] }
    }

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
