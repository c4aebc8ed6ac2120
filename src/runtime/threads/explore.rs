//! Explore mode: the scheduler's choice points, driven by a schedule (`explore:` values).
//!
//! In explore mode (`Policy::Explore`) a thread may lose the GIL before any instruction
//! that may touch state other threads can see — a global or module-level name, a closure
//! cell, an attribute, an item, a call (locks, conditions, queues, thread start and join
//! are calls) — not only when the 5 ms switch interval runs out. Instructions that touch
//! only the thread's own frame (fast locals, the value stack, jumps, arithmetic on ints,
//! floats and strs) are not choice points. Where a thread blocks or finishes, which waiting
//! thread takes the GIL is a choice too (a *free* one: it preempts nobody).
//!
//! Processes: at a step another process can see (`crosses_processes`: a call, an operation
//! on a synchronization object, a read or write of a `multiprocessing.Value`, `Array` or
//! other process-shared object) the options also include, for each other process that could
//! run now, the thread it would run (its GIL holder, or a thread that could take its free
//! GIL). Choosing one gives that process the turn (`next_process` runs it next, instead of
//! the process furthest behind on the clock); the process set aside keeps its GIL. Steps on a
//! process's own memory are choice points among its threads only.
//!
//! At each choice point where more than one thread could run, the [`Controller`] picks:
//! by default the running thread goes on (at a free point: the thread that waited
//! longest, as `Policy::Fifo`), so the explore-mode run with no deviations is the normal
//! run. A [`Schedule`] lists the deviations from that default, which makes it short: the
//! lost update is one switch. Every choice point is logged with each option's pending
//! access, which `crate::explore` uses for its search and its sleep sets.
//!
//! The VM calls [`choice_point`] through `vm::host::Hooks::choice_point` before an
//! instruction, only when `World::explore` is set: normal runs pay one flag test.

use super::{ThreadId, ThreadState};
use crate::compiler::code::Instr;
use crate::trace::{EventKind, SharedStep};
use crate::vm::frame::Frame;
use crate::vm::value::{Iter, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};

/// What a thread's next step may touch, for deciding whether two steps commute.
#[derive(Debug, Clone, PartialEq)]
pub enum Access {
    /// Reads `(object, hash of name)`: a global (the module's dict), an attribute, an
    /// item (name `[]`), a closure cell (name empty). Two names with one hash only make
    /// two steps look dependent, which is safe.
    Read(usize, u64),
    /// Writes `(object, hash of name)`.
    Write(usize, u64),
    /// An operation on one or two synchronization objects (a lock; a `Condition` and its
    /// lock; an `Event`, `Semaphore`, `Barrier` or `queue.Queue`; a thread's start or end),
    /// by address, 0 for none. Such steps touch only those objects' state.
    Sync(usize, usize),
    /// Anything (a call, a blocking operation, a step the explorer cannot see into).
    Unknown,
}

impl Access {
    /// Two steps with these accesses commute: both touch one named place each, and either
    /// the places differ or both only read.
    pub fn independent(&self, other: &Access) -> bool {
        match (self, other) {
            (Access::Read(..), Access::Read(..)) => true,
            (Access::Read(a, x), Access::Write(b, y))
            | (Access::Write(a, x), Access::Read(b, y))
            | (Access::Write(a, x), Access::Write(b, y)) => a != b || x != y,
            (Access::Sync(a, b), Access::Sync(c, d)) => a != c && (*b == 0 || (b != c && b != d)) && (*d == 0 || a != d),
            (Access::Sync(..), Access::Read(..) | Access::Write(..))
            | (Access::Read(..) | Access::Write(..), Access::Sync(..)) => true,
            _ => false,
        }
    }
}

/// One choice point of a run.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The threads that could run, in the order the choice indexes them.
    pub options: Vec<ThreadId>,
    /// Each option's next step.
    pub accesses: Vec<Access>,
    /// The index taken when the schedule says nothing (the running thread goes on, or the
    /// longest waiter at a free point).
    pub default: u32,
    /// The index taken.
    pub chosen: u32,
    /// Choosing another index than `default` preempts the running thread (false at free
    /// points: blocking, finishing, the switch interval).
    pub preemptive: bool,
}

/// A schedule in explore mode: the deviations from the default choice, as
/// `(choice point index, option index)` in increasing choice point order.
///
/// Its text form (for `--schedule` and share links) is `explore:` followed by entries
/// `GAP-OPTION` joined by `.`, where GAP counts choice points since the previous
/// deviation (the first from the start): `explore:14-1` takes option 1 at the 15th choice
/// point. Only URL-safe characters are used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// The deviations.
    pub deviations: Vec<(u32, u32)>,
}

impl std::fmt::Display for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("explore:")?;
        let mut last = 0u32;
        for (k, (at, opt)) in self.deviations.iter().enumerate() {
            if k > 0 {
                f.write_str(".")?;
            }
            let gap = if k == 0 { *at } else { at.saturating_sub(last + 1) };
            write!(f, "{gap}-{opt}")?;
            last = *at;
        }
        Ok(())
    }
}

impl Schedule {
    /// Parse the text form (with or without the `explore:` prefix).
    pub fn parse(s: &str) -> Result<Schedule, String> {
        let body = s.strip_prefix("explore:").unwrap_or(s);
        let mut deviations = Vec::new();
        let mut next = 0u64;
        for entry in body.split('.').filter(|e| !e.is_empty()) {
            let bad = || format!("bad explore schedule entry '{entry}' (GAP-OPTION expected)");
            let (gap, opt) = entry.split_once('-').ok_or_else(bad)?;
            let gap: u64 = gap.parse().map_err(|_| bad())?;
            let opt: u32 = opt.parse().map_err(|_| bad())?;
            let at = next + gap;
            if at > u32::MAX as u64 {
                return Err(bad());
            }
            deviations.push((at as u32, opt));
            next = at + 1;
        }
        Ok(Schedule { deviations })
    }

    /// The schedule that takes `chosen[i]` at choice point `i` of a run whose defaults
    /// were `defaults` (only the differences are kept).
    pub fn from_choices(chosen: &[u32], defaults: &[u32]) -> Schedule {
        let deviations = chosen
            .iter()
            .zip(defaults)
            .enumerate()
            .filter(|(_, (c, d))| c != d)
            .map(|(i, (c, _))| (i as u32, *c))
            .collect();
        Schedule { deviations }
    }
}

/// The state of one explore-mode run: the plan it follows and the log of its choices.
#[derive(Debug, Default)]
pub struct Controller {
    /// The deviations to follow.
    pub plan: Schedule,
    next_plan: usize,
    /// Every choice point of the run so far.
    pub log: Vec<Choice>,
    /// The thread a choice point switched to, for `assign_gils`.
    pub(super) forced: Option<ThreadId>,
    /// The process a choice point switched to, for `next_process` (which otherwise runs
    /// the process furthest behind on the virtual clock).
    pub(super) forced_process: Option<super::ProcessId>,
    /// The threads just given the GIL (or, in another process, the turn): the first
    /// instruction each runs is not a choice point again. A list, because free GILs of
    /// several processes can be handed out before the first of those threads runs.
    pub(super) skip: Vec<ThreadId>,
    /// What each thread suspended at a choice point is about to do.
    pending: HashMap<ThreadId, Access>,
    /// The access of each thread's current step (its last choice-point instruction).
    last: HashMap<ThreadId, Access>,
    /// Decides in place of `plan` and watches every shared step (the interactive
    /// scheduler); None for the explorer's runs.
    pub driver: Option<Box<dyn Driver>>,
}

/// A driver of an explore-mode run: decides each choice point itself, and sees every step
/// that may touch shared state as it runs (`crate::explore::interactive` implements it, so
/// a person can be the scheduler).
pub trait Driver: Send {
    /// Pick one of `options` (ordered as [`Choice::options`]; `default` as there) at a
    /// preemptive point, where the running thread is about to run `instr` in `frame`.
    /// None stops the run here (as a limit).
    fn choose(&mut self, vm: &Vm, frame: &Frame, instr: Instr, options: &[ThreadId], default: u32) -> Option<u32>;
    /// Pick which of `options` (longest waiter first) takes a free GIL; None stops the run.
    fn choose_free(&mut self, options: &[ThreadId]) -> Option<u32>;
    /// Thread `me` runs `instr` in `frame` now, a step that may touch shared state.
    fn executes(&mut self, vm: &Vm, me: ThreadId, frame: &Frame, instr: Instr);
}

/// The limit a run stops with where its [`Driver`] halts it (the interactive scheduler
/// waits for a person there).
fn halted() -> crate::vm::Fail {
    crate::vm::Fail::Limit(crate::vm::LimitError { kind: crate::vm::LimitKind::Steps, message: HALTED.into() })
}

/// The message of a run its driver halted.
pub const HALTED: &str = "explore: stopped at a choice point for the scheduler";

impl std::fmt::Debug for dyn Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Driver")
    }
}

/// A shared handle on a run's controller: the explorer keeps one to read the log. (An
/// `Arc<Mutex>` only because run options cross to the CLI's engine thread; one run uses
/// it from one thread, so the lock is never contended.)
#[derive(Debug, Clone, Default)]
pub struct ExploreHandle(pub Arc<Mutex<Controller>>);

impl ExploreHandle {
    /// A controller following `plan`.
    pub fn new(plan: Schedule) -> ExploreHandle {
        ExploreHandle(Arc::new(Mutex::new(Controller { plan, ..Default::default() })))
    }

    /// The controller.
    pub fn lock(&self) -> MutexGuard<'_, Controller> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Controller {
    /// Decide at the next choice point among `n` options whose default is `default`.
    fn decide(&mut self, n: usize, default: u32) -> u32 {
        let at = self.log.len() as u32;
        match self.plan.deviations.get(self.next_plan) {
            Some(&(p, opt)) if p == at => {
                self.next_plan += 1;
                opt.min(n as u32 - 1)
            }
            _ => default,
        }
    }

    fn pending(&self, t: ThreadId) -> Access {
        self.pending.get(&t).cloned().unwrap_or(Access::Unknown)
    }
}

/// The places an operation on `v` touches, when `v` is a synchronization object.
fn sync_access(v: &Value) -> Option<Access> {
    let Value::Obj(o) = v else { return None };
    let at = Rc::as_ptr(o) as *const u8 as usize;
    if super::sync::as_thread_lock(o).is_some() || o.native::<crate::runtime::processes::queue::MpQueue>().is_some() {
        return Some(Access::Sync(at, 0));
    }
    let Obj::Instance(inst) = o.as_ref() else { return None };
    let Value::Obj(c) = &inst.class else { return None };
    let Obj::Class(class) = c.as_ref() else { return None };
    match (class.module.as_ref(), class.name.as_ref()) {
        // A condition shares its lock with whoever passed it in.
        ("threading", "Condition") => {
            let lock = inst.dict.borrow().get("_lock").and_then(ptr).unwrap_or(0);
            Some(Access::Sync(at, lock))
        }
        // Their conditions and locks are their own.
        ("threading", "Event" | "Semaphore" | "BoundedSemaphore" | "Barrier")
        | ("queue", "Queue" | "LifoQueue" | "PriorityQueue" | "SimpleQueue")
        | ("multiprocessing.synchronize", "Lock" | "RLock" | "Event" | "Semaphore" | "BoundedSemaphore" | "Barrier") => {
            Some(Access::Sync(at, 0))
        }
        ("multiprocessing.synchronize", "Condition") => {
            let lock = inst.dict.borrow().get("_lock").and_then(ptr).unwrap_or(0);
            Some(Access::Sync(at, lock))
        }
        // A `Value` or `Array`: each read and write of it takes its lock (the properties
        // of CPython's `Synchronized`), so an operation on it depends on its lock too.
        ("multiprocessing.sharedctypes", "Synchronized" | "SynchronizedArray") => {
            let lock = inst.dict.borrow().get("_lock").and_then(ptr).unwrap_or(0);
            Some(Access::Sync(at, lock))
        }
        _ => None,
    }
}

/// Is `v` a `multiprocessing.Value` or `Array` with its lock (`Synchronized`)?
fn synchronized(v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    let Obj::Instance(inst) = o.as_ref() else { return false };
    inst.class.as_class().is_some_and(|c| {
        &*c.module == "multiprocessing.sharedctypes" && matches!(&*c.name, "Synchronized" | "SynchronizedArray")
    })
}

fn name_hash(s: &str) -> u64 {
    // FNV-1a: small, deterministic on every target.
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

fn ptr(v: &Value) -> Option<usize> {
    match v {
        Value::Obj(o) => Some(Rc::as_ptr(o) as *const u8 as usize),
        _ => None,
    }
}

fn primitive(v: &Value) -> bool {
    !matches!(v, Value::Obj(_))
        || matches!(v, Value::Obj(o) if matches!(o.as_ref(), Obj::Range(..)))
}

fn top_primitive(frame: &Frame, n: usize) -> bool {
    let len = frame.stack.len();
    len >= n && frame.stack[len - n..].iter().all(primitive)
}

/// What `instr` (about to run in `frame`) may touch: None when only the frame itself.
pub fn access(frame: &Frame, instr: Instr) -> Option<Access> {
    let code = &frame.code;
    // The runtime's own Python (threading.py, queue.py) runs as one step, as a C
    // function holding the GIL would in CPython: its shared state is behind its locks,
    // and its blocking points are still points where the GIL changes hands.
    if code.internal {
        return None;
    }
    let module = Rc::as_ptr(&frame.globals) as *const u8 as usize;
    let peek = |k: usize| frame.stack.len().checked_sub(k + 1).map(|i| &frame.stack[i]);
    let keyed = |v: Option<&Value>, name: u64, write: bool| match v.and_then(ptr) {
        Some(p) if write => Access::Write(p, name),
        Some(p) => Access::Read(p, name),
        None => Access::Unknown,
    };
    Some(match instr {
        Instr::Nop
        | Instr::Pop
        | Instr::Dup
        | Instr::DupTwo
        | Instr::Rot2
        | Instr::Rot3
        | Instr::Rot4
        | Instr::LoadConst(_)
        | Instr::LoadFast(_)
        | Instr::StoreFast(_)
        | Instr::DeleteFast(_)
        | Instr::LoadClosure(_)
        | Instr::BuildTuple(_)
        | Instr::BuildList(_)
        | Instr::BuildSet(_)
        | Instr::BuildMap(_)
        | Instr::BuildSlice(_)
        | Instr::BuildString(_)
        | Instr::ListToTuple
        | Instr::Jump(_)
        | Instr::SetupExcept(_)
        | Instr::SetupFinally(_)
        | Instr::PopBlock
        | Instr::PopExcept
        | Instr::EnterHandler
        | Instr::CheckExcMatch
        | Instr::Is(_)
        | Instr::MakeFunction(..)
        | Instr::LoadAssertionError
        | Instr::Return => return None,
        Instr::Unary(_) | Instr::PopJumpIfFalse(_) | Instr::PopJumpIfTrue(_) | Instr::JumpIfFalseOrPop(_)
        | Instr::JumpIfTrueOrPop(_) | Instr::FormatValue(..)
            if top_primitive(frame, 1) =>
        {
            return None
        }
        Instr::Binary(_) | Instr::InPlace(_) | Instr::Compare(_) if top_primitive(frame, 2) => return None,
        // The truth of a built-in collection: a read of its items.
        Instr::Unary(_) | Instr::PopJumpIfFalse(_) | Instr::PopJumpIfTrue(_) | Instr::JumpIfFalseOrPop(_)
        | Instr::JumpIfTrueOrPop(_)
            if matches!(peek(0), Some(Value::Obj(o)) if matches!(o.as_ref(), Obj::List(_) | Obj::Dict(_) | Obj::Set(_))) =>
        {
            keyed(peek(0), 1, false)
        }
        Instr::ForIter(_) => match peek(0) {
            Some(Value::Obj(o)) => match o.as_ref() {
                Obj::Iter(it) => match &*it.borrow() {
                    Iter::Range { .. } => return None,
                    // The next item of a list or tuple: a read of its items.
                    Iter::Seq { seq, .. } => keyed(Some(seq), 1, false),
                    _ => Access::Unknown,
                },
                _ => Access::Unknown,
            },
            _ => Access::Unknown,
        },
        // An iterator over a built-in collection reads nothing until `ForIter`.
        Instr::GetIter
            if matches!(peek(0), Some(Value::Obj(o)) if matches!(o.as_ref(), Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Range(..)))
                || matches!(peek(0), Some(Value::Str(_))) =>
        {
            return None
        }
        Instr::Call(argc) | Instr::CallKw(argc, _) => {
            let argc = argc as usize;
            let Some(func) = peek(argc) else { return Some(Access::Unknown) };
            let args_primitive = top_primitive(frame, argc);
            match func {
                // Entering a function of the program touches nothing; its body has its own
                // choice points.
                Value::Obj(o) => match o.as_ref() {
                    Obj::Function(f) if !f.code.internal => return None,
                    Obj::Class(c) if args_primitive && PURE_TYPES.contains(&c.name.as_ref()) => return None,
                    Obj::Builtin(b) if args_primitive && b.recv.is_none() && PURE_BUILTINS.contains(&b.name) => return None,
                    _ => Access::Unknown,
                },
                _ => Access::Unknown,
            }
        }
        // A lock taken or released, a condition waited on or notified, an event set, a
        // queue put to: only that object's state (and a condition's lock).
        Instr::BeforeWith => peek(0).and_then(sync_access).unwrap_or(Access::Unknown),
        Instr::WithExit(_) => match peek(1) {
            Some(Value::Obj(o)) => match o.as_ref() {
                Obj::Builtin(b) => b.recv.as_ref().and_then(sync_access).unwrap_or(Access::Unknown),
                Obj::Method(recv, _) => sync_access(recv).unwrap_or(Access::Unknown),
                _ => Access::Unknown,
            },
            _ => Access::Unknown,
        },
        Instr::CallMethod(i, 0)
            if peek(0).is_some_and(synchronized) && matches!(&*code.names[i as usize], "get_lock" | "get_obj") =>
        {
            keyed(peek(0), name_hash(&code.names[i as usize]), false)
        }
        Instr::CallMethod(_, argc) if peek(argc as usize).and_then(sync_access).is_some() => {
            peek(argc as usize).and_then(sync_access).unwrap_or(Access::Unknown)
        }
        // A method of a built-in collection with plain arguments changes (or reads) only
        // its items.
        Instr::CallMethod(_, argc) if top_primitive(frame, argc as usize) => match peek(argc as usize) {
            Some(v @ Value::Obj(o)) if matches!(o.as_ref(), Obj::List(_) | Obj::Dict(_) | Obj::Set(_)) => {
                keyed(Some(v), 1, true)
            }
            _ => Access::Unknown,
        },
        Instr::LoadGlobal(i) => Access::Read(module, name_hash(&code.names[i as usize])),
        Instr::StoreGlobal(i) | Instr::DeleteGlobal(i) => Access::Write(module, name_hash(&code.names[i as usize])),
        // A class body's namespace is its own; a module's is shared.
        Instr::LoadName(_) | Instr::StoreName(_) | Instr::DeleteName(_) if frame.namespace.is_some() => {
            return None
        }
        Instr::LoadName(i) => Access::Read(module, name_hash(&code.names[i as usize])),
        Instr::StoreName(i) | Instr::DeleteName(i) => Access::Write(module, name_hash(&code.names[i as usize])),
        Instr::LoadDeref(i) => {
            Access::Read(Rc::as_ptr(&frame.cells[i as usize]) as *const u8 as usize, 0)
        }
        Instr::StoreDeref(i) => {
            Access::Write(Rc::as_ptr(&frame.cells[i as usize]) as *const u8 as usize, 0)
        }
        // `v.value` and `a[i]` of a `Value`/`Array` take its lock (see `sync_access`);
        // `v.get_lock()` only reads which lock it is.
        Instr::LoadAttr(_) | Instr::StoreAttr(_) | Instr::DeleteAttr(_) if peek(0).is_some_and(synchronized) => {
            peek(0).and_then(sync_access).unwrap_or(Access::Unknown)
        }
        Instr::Subscript | Instr::StoreSubscript | Instr::DeleteSubscript if peek(1).is_some_and(synchronized) => {
            peek(1).and_then(sync_access).unwrap_or(Access::Unknown)
        }
        Instr::LoadAttr(i) => keyed(peek(0), name_hash(&code.names[i as usize]), false),
        Instr::StoreAttr(i) | Instr::DeleteAttr(i) => keyed(peek(0), name_hash(&code.names[i as usize]), true),
        Instr::Subscript => keyed(peek(1), 1, false),
        Instr::StoreSubscript => keyed(peek(1), 1, true),
        Instr::DeleteSubscript => keyed(peek(1), 1, true),
        _ => Access::Unknown,
    })
}

/// Can another process see the step `instr` (about to run in `frame`, whose access is
/// `acc`)? Each process has its own copy of memory (fork copies it, a queue pickles), so
/// only these can: a call (a queue's `put`/`get`, a lock, an event, `start`, `join`,
/// `print` to the shared terminal), a synchronization object's operation, and a read or
/// write of an object every process shares (`Value`, `Array`, a manager's proxy: an
/// instance of a `multiprocessing` class or of one marked `_mp_shared_`).
fn crosses_processes(frame: &Frame, instr: Instr, acc: &Access) -> bool {
    let peek = |k: usize| frame.stack.len().checked_sub(k + 1).map(|i| &frame.stack[i]);
    match acc {
        Access::Unknown | Access::Sync(..) => true,
        Access::Read(..) | Access::Write(..) => match instr {
            Instr::LoadAttr(_) | Instr::StoreAttr(_) | Instr::DeleteAttr(_) => peek(0).is_some_and(process_shared),
            Instr::Subscript | Instr::StoreSubscript | Instr::DeleteSubscript => peek(1).is_some_and(process_shared),
            _ => false,
        },
    }
}

/// Is `v` one object for every process (see `crosses_processes`)?
fn process_shared(v: &Value) -> bool {
    let Value::Obj(o) = v else { return false };
    match o.as_ref() {
        Obj::Instance(inst) => {
            crate::runtime::processes::is_shared(inst)
                || inst.class.as_class().is_some_and(|c| c.module.starts_with("multiprocessing"))
        }
        _ => false,
    }
}

/// The shared variable `instr` (about to run in `frame`) reads or writes, named as the
/// program names it (`counter`, `.balance`, `[]` for an item); None for other steps (calls,
/// lock operations) and for the runtime's own code.
pub fn shared_step(frame: &Frame, instr: Instr) -> Option<SharedStep> {
    let code = &frame.code;
    if code.internal {
        return None;
    }
    let name = |i: u32| code.names.get(i as usize).map(|n| n.to_string());
    let cell = |i: u32| {
        let i = i as usize;
        let cells = code.cellvars.len();
        if i < cells { code.cellvars.get(i) } else { code.freevars.get(i - cells) }.map(|n| n.to_string())
    };
    let (var, write) = match instr {
        Instr::LoadGlobal(i) | Instr::LoadName(i) => (name(i)?, false),
        Instr::StoreGlobal(i) | Instr::StoreName(i) | Instr::DeleteGlobal(i) | Instr::DeleteName(i) => (name(i)?, true),
        Instr::LoadDeref(i) => (cell(i)?, false),
        Instr::StoreDeref(i) => (cell(i)?, true),
        Instr::LoadAttr(i) => (format!(".{}", name(i)?), false),
        Instr::StoreAttr(i) | Instr::DeleteAttr(i) => (format!(".{}", name(i)?), true),
        Instr::Subscript => ("[]".into(), false),
        Instr::StoreSubscript | Instr::DeleteSubscript => ("[]".into(), true),
        _ => return None,
    };
    Some(SharedStep { var, write })
}

/// Built-in types whose construction from plain values touches nothing shared.
const PURE_TYPES: &[&str] = &["range", "int", "float", "str", "bool", "tuple", "list", "dict", "set"];
/// Built-in functions that, given plain values, touch nothing shared.
const PURE_BUILTINS: &[&str] = &["abs", "min", "max", "len", "repr", "divmod", "pow", "round", "hash", "chr", "ord"];

/// What a thread blocked on `on` does when it wakes, as far as other threads can tell,
/// when the blocking itself says: learning that a thread started or ended.
pub(super) fn blocked_access(on: &super::BlockOn) -> Access {
    match on {
        super::BlockOn::Started { thread } | super::BlockOn::Join { thread, .. } => Access::Sync(thread.0 as usize, 0),
        _ => Access::Unknown,
    }
}

/// Thread `t` blocks on `on` (called by `set_blocked` in explore mode). When it wakes it
/// finishes the step it was in: the operation on a synchronization object that blocked
/// (`lock.acquire()`, `cond.wait()`, `q.get()`), whose access is the step's.
pub(super) fn blocked(h: &ExploreHandle, t: ThreadId, on: &super::BlockOn) {
    let mut c = h.lock();
    let access = match (blocked_access(on), c.last.get(&t)) {
        (Access::Unknown, Some(a @ Access::Sync(..))) => a.clone(),
        (a, _) => a,
    };
    c.pending.insert(t, access);
}

fn handle(vm: &Vm) -> Option<ExploreHandle> {
    match &vm.rt.world.policy {
        super::policy::Policy::Explore(h) => Some(h.clone()),
        _ => None,
    }
}

/// The VM's hook before `instr` in explore mode: true when the running thread must give
/// the GIL to the thread the schedule picks (it suspends before `instr`).
pub fn choice_point(vm: &mut Vm, frame: &Frame, instr: Instr) -> PyResult<bool> {
    let Some(h) = handle(vm) else { return Ok(false) };
    let me = vm.rt.world.current;
    {
        let mut c = h.lock();
        // A running thread has no pending step: what it was about to do when it was set
        // aside is done or about to be (a process resumed by the clock, rather than by a
        // choice, still had one), and it gets a new one only when it is set aside again.
        c.pending.remove(&me);
        if let Some(i) = c.skip.iter().position(|&t| t == me) {
            c.skip.swap_remove(i);
            if let Some(d) = c.driver.as_mut() {
                if access(frame, instr).is_some() {
                    d.executes(vm, me, frame, instr);
                }
            }
            return Ok(false);
        }
    }
    let Some(acc) = access(frame, instr) else { return Ok(false) };
    h.lock().last.insert(me, acc.clone());
    let pid = vm.rt.world.thread(me).process;
    // A step other processes can see (shared memory, a queue, a lock, any call) may also
    // let another process go first; a step on this process's own memory may not.
    let crosses = crosses_processes(frame, instr, &acc);
    // The other threads of this process that could take the GIL now, and (at a step that
    // crosses) the thread each other process would run now.
    let mut options: Vec<ThreadId> = Vec::new();
    let w = &vm.rt.world;
    for t in w.live_threads() {
        if t.id == me {
            continue;
        }
        let runnable = if t.process == pid {
            match &t.state {
                ThreadState::WantsGil(_) => true,
                ThreadState::Blocked(on) => super::ready(vm, t, on),
                _ => false,
            }
        } else {
            let q = w.process(t.process);
            crosses
                && q.exitcode.is_none()
                && crate::runtime::processes::detached::may_run(vm, q.id)
                && match (q.gil, &t.state) {
                    (Some(holder), _) => holder == t.id,
                    (None, ThreadState::WantsGil(_)) => true,
                    (None, ThreadState::Blocked(on)) => super::ready(vm, t, on),
                    _ => false,
                }
        };
        if runnable {
            options.push(t.id);
        }
    }
    if options.is_empty() {
        if let Some(d) = h.lock().driver.as_mut() {
            d.executes(vm, me, frame, instr);
        }
        return Ok(false);
    }
    options.push(me);
    options.sort();
    let default = options.iter().position(|&t| t == me).unwrap_or(0) as u32;
    let mut c = h.lock();
    let chosen = match c.driver.as_mut() {
        Some(d) => match d.choose(vm, frame, instr, &options, default) {
            Some(k) => {
                if k == default {
                    d.executes(vm, me, frame, instr);
                }
                k.min(options.len() as u32 - 1)
            }
            None => return Err(halted()),
        },
        None => c.decide(options.len(), default),
    };
    let accesses = options.iter().map(|&t| if t == me { acc.clone() } else { c.pending(t) }).collect();
    c.log.push(Choice { options: options.clone(), accesses, default, chosen, preemptive: true });
    if chosen == default {
        return Ok(false);
    }
    let to = options[chosen as usize];
    c.pending.insert(me, acc);
    let to_pid = vm.rt.world.thread(to).process;
    if to_pid == pid {
        c.forced = Some(to);
    } else {
        // Another process goes first: this one keeps its GIL and waits for its turn.
        c.forced_process = Some(to_pid);
        if vm.rt.world.process(to_pid).gil == Some(to) {
            c.skip.push(to);
            c.pending.remove(&to);
        } else {
            c.forced = Some(to);
        }
    }
    drop(c);
    if vm.tracing() {
        vm.record(EventKind::ScheduleChoice {
            options: options.iter().map(|t| t.0).collect(),
            chosen,
            preempted: Some(me.0),
            shared: shared_step(frame, instr),
        });
    }
    Ok(true)
}

/// Has a choice point just given the turn to another process (so the running one keeps
/// its GIL and only waits)?
pub(super) fn other_process_goes(vm: &Vm) -> bool {
    handle(vm).is_some_and(|h| h.lock().forced_process.is_some())
}

/// The process a choice point gave the turn to, once (`next_process` runs it next).
pub(super) fn take_forced_process(vm: &Vm) -> Option<super::ProcessId> {
    handle(vm).and_then(|h| h.lock().forced_process.take())
}

/// A free GIL goes to one of `options` (ordered longest waiter first): the schedule picks.
pub(super) fn free_choice(h: &ExploreHandle, options: &[ThreadId]) -> PyResult<usize> {
    let mut c = h.lock();
    // The forced thread may be another process's (that process's GIL is handed out later).
    if let Some(i) = c.forced.and_then(|f| options.iter().position(|&t| t == f)) {
        let forced = options[i];
        c.forced = None;
        c.skip.push(forced);
        c.pending.remove(&forced);
        return Ok(i);
    }
    if options.len() == 1 {
        c.skip.push(options[0]);
        c.pending.remove(&options[0]);
        return Ok(0);
    }
    let chosen = match c.driver.as_mut() {
        Some(d) => match d.choose_free(options) {
            Some(k) => k.min(options.len() as u32 - 1),
            None => return Err(halted()),
        },
        None => c.decide(options.len(), 0),
    };
    let accesses = options.iter().map(|&t| c.pending(t)).collect();
    c.log.push(Choice { options: options.to_vec(), accesses, default: 0, chosen, preemptive: false });
    let t = options[chosen as usize];
    c.skip.push(t);
    c.pending.remove(&t);
    Ok(chosen as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_commute_when_they_touch_different_places_or_only_read() {
        let (r, w) = (Access::Read(1, 7), Access::Write(1, 7));
        assert!(r.independent(&Access::Read(1, 7)));
        assert!(!r.independent(&w) && !w.independent(&r) && !w.independent(&w));
        assert!(w.independent(&Access::Write(1, 8)) && w.independent(&Access::Write(2, 7)));
        // A condition and its lock: dependent with an operation on either.
        let cond = Access::Sync(10, 20);
        assert!(!cond.independent(&Access::Sync(20, 0)) && !Access::Sync(20, 0).independent(&cond));
        assert!(!cond.independent(&Access::Sync(30, 10)));
        assert!(cond.independent(&Access::Sync(30, 0)) && cond.independent(&w));
        assert!(!Access::Unknown.independent(&r) && !r.independent(&Access::Unknown));
    }

    #[test]
    fn bad_schedules_are_errors_not_panics() {
        for bad in ["explore:1", "explore:a-1", "explore:1-", "explore:99999999999-0", "explore:-1"] {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
        let odd = Schedule { deviations: vec![(5, 1), (2, 0)] };
        assert_eq!(odd.to_string(), "explore:5-1.0-0");
        assert!(Policy::parse("explore:0-1").is_ok());
    }

    use super::super::policy::Policy;
}
