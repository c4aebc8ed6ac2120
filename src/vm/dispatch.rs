//! The dispatch loop.
//!
//! `Vm::run` drives a fiber until its bottom frame returns or raises, or until it must
//! suspend (`Outcome::Yield`). `exec` runs one Python frame's instructions until it
//! calls, returns, raises out, or awaits; calls and returns move frames on the fiber
//! without recursion on the Rust stack.

use super::frame::{Block, Fiber, Frame, FrameKind, Slot};
use super::host::Touch;
use super::value::{Args, CoroState, Obj, Resume, Value, Yielded};
use super::{Fail, PyResult, Vm};
use crate::compiler::code::{make_fn, BinOp, CmpOp, CodeKind, Const, Instr, RaiseKind};
use std::rc::Rc;

/// How a fiber stopped.
pub enum Outcome {
    /// The bottom frame returned this value.
    Return(Value),
    /// A frame or native awaitable suspended, yielding this to the task.
    Yield(Yielded),
    /// An exception (or a limit) escaped the bottom frame.
    Raise(Fail),
}

/// How one frame stopped executing.
enum Exit {
    /// Push this callee frame.
    Call(Box<Frame>),
    /// This native awaitable suspended on its first step: push it, then suspend.
    NativeYield(Box<dyn super::value::NativeCoroutine>, Yielded),
    Return(Value),
    Raise(Fail),
    /// Suspend the whole fiber.
    Suspend(Yielded),
    /// A generator frame running on its consumer's fiber yielded this value.
    GenYield(Value),
}

/// What to hand to the top slot next.
enum Pending {
    Nothing,
    Push(Value),
    Resume(Resume),
    Raise(Fail),
}

/// Frames deeper than this raise RecursionError.
const MAX_DEPTH: usize = 1000;

/// Result of starting a call: a value, or a frame to run.
pub enum Invoke {
    /// The call finished at once (a builtin, a class, a coroutine created).
    Value(Value),
    /// A Python function's frame, arguments bound, ready to run.
    Frame(Box<Frame>),
}

impl Vm {
    /// Run `fiber` until it returns, raises or suspends. `input` resumes its top slot.
    pub fn run(&mut self, fiber: &mut Fiber, input: Resume) -> Outcome {
        let mut pending = Pending::Resume(input);
        loop {
            let Some(top) = fiber.slots.last_mut() else {
                return Outcome::Raise(self.exc("RuntimeError", "empty fiber"));
            };
            let exit = match top {
                Slot::Native(native) => {
                    let inp = match std::mem::replace(&mut pending, Pending::Nothing) {
                        Pending::Resume(r) => r,
                        Pending::Push(v) => Resume::Send(v),
                        Pending::Nothing => Resume::Send(Value::None),
                        Pending::Raise(Fail::Exc(e)) => Resume::Throw(e),
                        Pending::Raise(limit) => {
                            fiber.slots.pop();
                            if fiber.slots.is_empty() {
                                return Outcome::Raise(limit);
                            }
                            pending = Pending::Raise(limit);
                            continue;
                        }
                    };
                    match native.resume(self, inp) {
                        super::value::NativeStep::Yield(y) => return Outcome::Yield(y),
                        super::value::NativeStep::Return(v) => Exit::Return(v),
                        super::value::NativeStep::Raise(f) => Exit::Raise(f),
                    }
                }
                Slot::Python(frame) => {
                    let start = match std::mem::replace(&mut pending, Pending::Nothing) {
                        Pending::Nothing => Ok(()),
                        Pending::Push(v) => {
                            frame.stack.push(v);
                            Ok(())
                        }
                        Pending::Resume(Resume::Send(v)) => {
                            if frame.suspended {
                                frame.suspended = false;
                                match frame.awaiting.take() {
                                    Some(fut) => match await_result(self, &fut) {
                                        Ok(r) => {
                                            frame.stack.push(r);
                                            Ok(())
                                        }
                                        Err(e) => Err(e),
                                    },
                                    None => {
                                        frame.stack.push(v);
                                        Ok(())
                                    }
                                }
                            } else {
                                Ok(())
                            }
                        }
                        Pending::Resume(Resume::Throw(e)) => {
                            frame.suspended = false;
                            frame.awaiting = None;
                            Err(Fail::Exc(e))
                        }
                        Pending::Raise(f) => Err(f),
                    };
                    let depth = fiber.slots.len();
                    let Some(Slot::Python(frame)) = fiber.slots.last_mut() else { unreachable!() };
                    match start {
                        Ok(()) => self.exec(frame, depth),
                        Err(f) => match self.handle(frame, f) {
                            Ok(()) => self.exec(frame, depth),
                            Err(f) => Exit::Raise(f),
                        },
                    }
                }
            };
            match exit {
                Exit::Call(f) => {
                    fiber.slots.push(Slot::Python(f));
                    pending = Pending::Nothing;
                }
                Exit::NativeYield(n, y) => {
                    fiber.slots.push(Slot::Native(n));
                    return Outcome::Yield(y);
                }
                Exit::Suspend(y) => return Outcome::Yield(y),
                Exit::GenYield(v) => {
                    let Some(Slot::Python(mut f)) = fiber.slots.pop() else { unreachable!("generator frame") };
                    if f.trace_id.get() != 0 {
                        (self.hooks.frame_left)(self, &f, false);
                    }
                    let FrameKind::Generator(gen) = std::mem::replace(&mut f.kind, FrameKind::Normal) else {
                        unreachable!("generator frame")
                    };
                    f.suspended = true;
                    self.gen_suspend_inline(&gen, f);
                    pending = Pending::Push(v);
                }
                Exit::Return(v) => {
                    let slot = fiber.slots.pop().expect("slot");
                    if let Slot::Python(f) = &slot {
                        if f.trace_id.get() != 0 {
                            (self.hooks.frame_left)(self, f, true);
                        }
                    }
                    let v = match slot {
                        Slot::Python(f) => match self.finish_frame(*f, v) {
                            Ok(FinishedWith::Value(v)) => v,
                            Ok(FinishedWith::Stop(v)) => return Outcome::Return(v),
                            Ok(FinishedWith::GenReturn(v)) => {
                                // The consumer's `ForIter` or `Send` sees the end.
                                if let Some(Slot::Python(caller)) = fiber.slots.last_mut() {
                                    end_inline_iteration(caller, v);
                                }
                                pending = Pending::Nothing;
                                continue;
                            }
                            Err(e) => {
                                if fiber.slots.is_empty() {
                                    return Outcome::Raise(e);
                                }
                                pending = Pending::Raise(e);
                                continue;
                            }
                        },
                        Slot::Native(_) => v,
                    };
                    // The returning frame's locals are gone: close generators it held.
                    if let Err(e) = self.finalize_dropped() {
                        if fiber.slots.is_empty() {
                            return Outcome::Raise(e);
                        }
                        pending = Pending::Raise(e);
                        continue;
                    }
                    if fiber.slots.is_empty() {
                        return Outcome::Return(v);
                    }
                    pending = Pending::Push(v);
                }
                Exit::Raise(mut f) => {
                    if let Some(Slot::Python(frame)) = fiber.slots.last() {
                        if frame.trace_id.get() != 0 {
                            (self.hooks.frame_left)(self, frame, true);
                        }
                        if let FrameKind::Awaited(coro) = &frame.kind {
                            mark_coro_done(coro);
                        }
                        if let FrameKind::Generator(gen) = &frame.kind {
                            let gen = gen.clone();
                            f = self.gen_fail_inline(&gen, f);
                        }
                        if frame.code.is_coroutine() {
                            f = self.coroutine_pep479(f);
                        }
                        let stop = matches!(frame.kind, FrameKind::SyncCall);
                        fiber.slots.pop();
                        if stop {
                            return Outcome::Raise(f);
                        }
                    } else {
                        fiber.slots.pop();
                    }
                    if fiber.slots.is_empty() {
                        return Outcome::Raise(f);
                    }
                    pending = Pending::Raise(f);
                }
            }
        }
    }

    /// A frame returned `v`: what does its caller receive?
    fn finish_frame(&mut self, frame: Frame, v: Value) -> PyResult<FinishedWith> {
        Ok(match frame.kind {
            FrameKind::Normal => FinishedWith::Value(v),
            FrameKind::SyncCall => FinishedWith::Stop(v),
            FrameKind::Generator(gen) => {
                self.gen_done_inline(&gen);
                FinishedWith::GenReturn(v)
            }
            FrameKind::Awaited(coro) => {
                mark_coro_done(&coro);
                FinishedWith::Value(v)
            }
            FrameKind::Init(inst) => {
                if !v.is_none() {
                    let tn = self.type_name(&v);
                    return Err(self.type_error(format!("__init__() should return None, not '{tn}'")));
                }
                FinishedWith::Value(inst)
            }
            FrameKind::ClassBody(name, bases, meta) => {
                let ns = frame.namespace.expect("class namespace");
                let mut ns = Rc::try_unwrap(ns).map(|c| c.into_inner()).unwrap_or_else(|rc| rc.borrow().clone());
                // CPython's class body starts with `__module__ = __name__` of its globals.
                if !ns.contains_key("__module__") {
                    if let Some(m) = frame.globals.get("__name__") {
                        ns.insert("__module__".into(), m);
                    }
                }
                FinishedWith::Value(self.make_class(meta, &name, &frame.code.qualname, bases, ns)?)
            }
        })
    }

    /// Find a handler for `f` in `frame`; on success the frame continues at the handler.
    fn handle(&mut self, frame: &mut Frame, f: Fail) -> Result<(), Fail> {
        let Fail::Exc(exc) = f else { return Err(f) };
        super::exceptions::add_traceback(&exc, &frame.code, frame.line());
        if let Some(handled) = frame.exc_stack.last() {
            super::exceptions::set_context_if_unset(&exc, handled);
        }
        match frame.blocks.pop() {
            Some(b) => {
                frame.stack.truncate(b.stack_depth as usize);
                frame.exc_stack.truncate(b.exc_depth as usize);
                frame.stack.push(exc);
                frame.ip = b.handler as usize;
                Ok(())
            }
            None => Err(Fail::Exc(exc)),
        }
    }

    /// Execute `frame` until it leaves (call, return, raise out, suspend).
    fn exec(&mut self, frame: &mut Frame, depth: usize) -> Exit {
        loop {
            match self.exec_inner(frame, depth) {
                Ok(exit) => return exit,
                Err(f) => {
                    if let Err(f) = self.handle(frame, f) {
                        return Exit::Raise(f);
                    }
                }
            }
        }
    }

    #[inline(always)]
    fn pop(frame: &mut Frame) -> Value {
        frame.stack.pop().expect("stack underflow")
    }

    fn exec_inner(&mut self, frame: &mut Frame, depth: usize) -> PyResult<Exit> {
        let code = frame.code.clone();
        let instrs = &code.instrs;
        loop {
            // Another thread wants this thread's GIL (or its core's slice is over).
            if self.rt.now >= self.rt.world.preempt_at && self.sync_depth == 0 {
                return Ok(Exit::Suspend(Yielded::Preempt));
            }
            // Explore mode: the schedule may switch threads before this instruction.
            if self.rt.world.explore && self.sync_depth == 0 && (self.hooks.choice_point)(self, frame, instrs[frame.ip])? {
                return Ok(Exit::Suspend(Yielded::Preempt));
            }
            let instr = instrs[frame.ip];
            self.tick_weighted(super::cost::weight(instr))?;
            frame.ip += 1;
            match instr {
                Instr::Nop => {}
                Instr::Pop => {
                    frame.stack.pop();
                    self.finalize_dropped_at(frame)?;
                }
                Instr::Dup => {
                    let v = frame.stack.last().expect("dup").clone();
                    frame.stack.push(v);
                }
                Instr::DupTwo => {
                    let n = frame.stack.len();
                    let a = frame.stack[n - 2].clone();
                    let b = frame.stack[n - 1].clone();
                    frame.stack.push(a);
                    frame.stack.push(b);
                }
                Instr::Rot2 => {
                    let n = frame.stack.len();
                    frame.stack.swap(n - 1, n - 2);
                }
                Instr::Rot3 => {
                    let v = Self::pop(frame);
                    let n = frame.stack.len();
                    frame.stack.insert(n - 2, v);
                }
                Instr::Rot4 => {
                    let v = Self::pop(frame);
                    let n = frame.stack.len();
                    frame.stack.insert(n - 3, v);
                }
                Instr::LoadConst(i) => {
                    let v = self.load_const(&code.consts[i as usize]);
                    frame.stack.push(v);
                }
                Instr::LoadFast(i) => match &frame.fast[i as usize] {
                    Some(v) => frame.stack.push(v.clone()),
                    None => {
                        let name = &code.varnames[i as usize];
                        return Err(self.exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                },
                Instr::StoreFast(i) => {
                    let v = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.stored)(self, frame, super::host::Target::Local(&code.varnames[i as usize]), &v);
                    }
                    frame.fast[i as usize] = Some(v);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::DeleteFast(i) => {
                    let old = frame.fast[i as usize].take();
                    if old.is_none() {
                        let name = &code.varnames[i as usize];
                        return Err(self.exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                    drop(old);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::LoadDeref(i) => {
                    let Obj::Cell(c) = frame.cells[i as usize].as_ref() else { unreachable!() };
                    match c.borrow().clone() {
                        Some(v) => frame.stack.push(v),
                        None => {
                            let name = self.cell_name(&code, i);
                            return Err(self.exc(
                                "NameError",
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            ));
                        }
                    }
                }
                Instr::StoreDeref(i) => {
                    let v = Self::pop(frame);
                    if self.tracing() {
                        let name = self.cell_name(&code, i);
                        (self.hooks.stored)(self, frame, super::host::Target::Local(&name), &v);
                    }
                    let Obj::Cell(c) = frame.cells[i as usize].as_ref() else { unreachable!() };
                    *c.borrow_mut() = Some(v);
                }
                Instr::LoadClosure(i) => {
                    frame.stack.push(Value::Obj(frame.cells[i as usize].clone()));
                }
                Instr::LoadGlobal(i) => {
                    if let CodeKind::Module = code.kind {
                        self.cost(super::cost::MODULE_NAME);
                    }
                    let name = &code.names[i as usize];
                    let v = self.load_global(frame, name)?;
                    frame.stack.push(v);
                }
                Instr::StoreGlobal(i) => {
                    if let CodeKind::Module = code.kind {
                        self.cost(super::cost::MODULE_NAME);
                    }
                    let v = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.stored)(self, frame, super::host::Target::Global(&code.names[i as usize]), &v);
                    }
                    frame.globals.dict.borrow_mut().insert(code.names[i as usize].clone(), v);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::DeleteGlobal(i) => {
                    let name = &code.names[i as usize];
                    let removed = frame.globals.dict.borrow_mut().shift_remove(name);
                    if removed.is_none() {
                        return Err(self.name_error(name, &code.varnames, &frame.globals));
                    }
                    drop(removed);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::LoadName(i) => {
                    let name = &code.names[i as usize];
                    let local = frame.namespace.as_ref().and_then(|ns| ns.borrow().get(name).cloned());
                    let v = match local {
                        Some(v) => v,
                        None => self.load_global(frame, name)?,
                    };
                    frame.stack.push(v);
                }
                Instr::StoreName(i) => {
                    let v = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.stored)(self, frame, super::host::Target::Name(&code.names[i as usize]), &v);
                    }
                    let name = code.names[i as usize].clone();
                    match &frame.namespace {
                        Some(ns) => {
                            ns.borrow_mut().insert(name, v);
                        }
                        None => {
                            frame.globals.dict.borrow_mut().insert(name, v);
                        }
                    }
                    self.finalize_dropped_at(frame)?;
                }
                Instr::DeleteName(i) => {
                    let name = &code.names[i as usize];
                    let removed = match &frame.namespace {
                        Some(ns) => ns.borrow_mut().shift_remove(name),
                        None => frame.globals.dict.borrow_mut().shift_remove(name),
                    };
                    if removed.is_none() {
                        return Err(self.name_error(name, &code.varnames, &frame.globals));
                    }
                    drop(removed);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::LoadAttr(i) => {
                    let obj = Self::pop(frame);
                    let v = self.get_attr(&obj, &code.names[i as usize])?;
                    frame.stack.push(v);
                }
                Instr::StoreAttr(i) => {
                    let obj = Self::pop(frame);
                    let v = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.stored)(self, frame, super::host::Target::Attr(&obj, &code.names[i as usize]), &v);
                    }
                    self.set_attr(&obj, &code.names[i as usize], v)?;
                }
                Instr::DeleteAttr(i) => {
                    let obj = Self::pop(frame);
                    self.del_attr(&obj, &code.names[i as usize])?;
                    drop(obj);
                    self.finalize_dropped_at(frame)?;
                }
                Instr::Subscript => {
                    let key = Self::pop(frame);
                    let obj = Self::pop(frame);
                    let v = self.get_item(&obj, &key)?;
                    frame.stack.push(v);
                }
                Instr::StoreSubscript => {
                    let key = Self::pop(frame);
                    let obj = Self::pop(frame);
                    let v = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.touched)(self, frame, Touch::SetItem(&obj));
                        let done = self.set_item(&obj, key, v);
                        (self.hooks.touch_done)(self, frame);
                        done?;
                    } else {
                        self.set_item(&obj, key, v)?;
                    }
                }
                Instr::DeleteSubscript => {
                    let key = Self::pop(frame);
                    let obj = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.touched)(self, frame, Touch::DelItem(&obj));
                        let done = self.del_item(&obj, &key);
                        (self.hooks.touch_done)(self, frame);
                        done?;
                    } else {
                        self.del_item(&obj, &key)?;
                    }
                    drop((key, obj));
                    self.finalize_dropped_at(frame)?;
                }
                Instr::BuildTuple(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - n as usize);
                    frame.stack.push(Value::tuple(items));
                }
                Instr::BuildList(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - n as usize);
                    frame.stack.push(Value::list(items));
                }
                Instr::BuildSet(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - n as usize);
                    let set = self.new_set(items)?;
                    frame.stack.push(set);
                }
                Instr::BuildMap(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - 2 * n as usize);
                    let mut d = super::value::Dict::with_capacity(n as usize);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        let k = self.key(k)?;
                        let k = self.resolve_key(&d, k)?;
                        d.insert(k, v);
                    }
                    frame.stack.push(Value::obj(Obj::Dict(std::cell::RefCell::new(d))));
                }
                Instr::BuildSlice(n) => {
                    let step = if n == 3 { Self::pop(frame) } else { Value::None };
                    let stop = Self::pop(frame);
                    let start = Self::pop(frame);
                    frame.stack.push(Value::obj(Obj::Slice(start, stop, step)));
                }
                Instr::BuildString(n) => {
                    let items = frame.stack.split_off(frame.stack.len() - n as usize);
                    let mut s = String::new();
                    for it in items {
                        if let Value::Str(p) = it {
                            s.push_str(&p);
                        }
                    }
                    frame.stack.push(Value::Str(s.into()));
                }
                Instr::ListAppend(n) => {
                    let v = Self::pop(frame);
                    let target = &frame.stack[frame.stack.len() - n as usize];
                    if let Value::Obj(o) = target {
                        if let Obj::List(l) = o.as_ref() {
                            l.borrow_mut().push(v);
                        }
                    }
                }
                Instr::ListExtend(n) => {
                    let v = Self::pop(frame);
                    let items = self.iterate(&v)?;
                    let target = &frame.stack[frame.stack.len() - n as usize];
                    if let Value::Obj(o) = target {
                        if let Obj::List(l) = o.as_ref() {
                            l.borrow_mut().extend(items);
                        }
                    }
                }
                Instr::SetAdd(n) => {
                    let v = Self::pop(frame);
                    let mut k = self.key(v)?;
                    let target = &frame.stack[frame.stack.len() - n as usize];
                    if k.user_hash().is_some() {
                        k = self.resolve_in(&target.clone(), k)?;
                    }
                    if let Value::Obj(o) = target {
                        if let Obj::Set(s) = o.as_ref() {
                            s.borrow_mut().insert(k);
                        }
                    }
                }
                Instr::SetUpdate(n) => {
                    let v = Self::pop(frame);
                    let items = self.iterate(&v)?;
                    let target = frame.stack[frame.stack.len() - n as usize].clone();
                    for i in items {
                        let k = self.key(i)?;
                        let k = self.resolve_in(&target, k)?;
                        if let Some(Obj::Set(s)) = target.as_obj().map(|o| o.as_ref()) {
                            s.borrow_mut().insert(k);
                        }
                    }
                }
                Instr::MapAdd(n) => {
                    let v = Self::pop(frame);
                    let k = Self::pop(frame);
                    let mut k = self.key(k)?;
                    let target = &frame.stack[frame.stack.len() - n as usize];
                    if k.user_hash().is_some() {
                        k = self.resolve_in(&target.clone(), k)?;
                    }
                    if let Value::Obj(o) = target {
                        if let Obj::Dict(d) = o.as_ref() {
                            d.borrow_mut().insert(k, v);
                        }
                    }
                }
                Instr::DictUpdate(n) => {
                    let v = Self::pop(frame);
                    let pairs = self.dict_items(&v)?;
                    let target = frame.stack[frame.stack.len() - n as usize].clone();
                    for (k, v) in pairs {
                        let k = self.resolve_in(&target, k)?;
                        if let Some(Obj::Dict(d)) = target.as_obj().map(|o| o.as_ref()) {
                            d.borrow_mut().insert(k, v);
                        }
                    }
                }
                Instr::ListToTuple => {
                    let v = Self::pop(frame);
                    let items = self.iterate(&v)?;
                    frame.stack.push(Value::tuple(items));
                }
                Instr::UnpackSequence(n) => {
                    let v = Self::pop(frame);
                    let items = self.unpack(&v, n as usize)?;
                    frame.stack.extend(items.into_iter().rev());
                }
                Instr::UnpackEx(before, after) => {
                    let v = Self::pop(frame);
                    let mut items = self.iterate(&v)?;
                    let (b, a) = (before as usize, after as usize);
                    if items.len() < b + a {
                        return Err(self.value_error(format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            b + a,
                            items.len()
                        )));
                    }
                    let tail = items.split_off(items.len() - a);
                    let middle = items.split_off(b);
                    let mut out = items;
                    out.push(Value::list(middle));
                    out.extend(tail);
                    frame.stack.extend(out.into_iter().rev());
                }
                Instr::FormatValue(conv, has_spec) => {
                    let spec = if has_spec { Some(Self::pop(frame)) } else { None };
                    let v = Self::pop(frame);
                    let s = self.format_value(&v, conv, spec.as_ref())?;
                    frame.stack.push(Value::Str(s.into()));
                }
                Instr::Unary(op) => {
                    let v = Self::pop(frame);
                    let r = self.unary(op, &v)?;
                    frame.stack.push(r);
                }
                Instr::Binary(op) | Instr::InPlace(op) => {
                    let b = Self::pop(frame);
                    let a = Self::pop(frame);
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        if let Some(r) = small_int_op(op, *x, *y) {
                            let r = Value::Int(r);
                            self.cost(super::cost::binary_result(&a, &b, &r, false));
                            frame.stack.push(r);
                            continue;
                        }
                    }
                    let in_place = matches!(instr, Instr::InPlace(_));
                    let r = if in_place { self.inplace(op, &a, &b)? } else { self.binary(op, &a, &b)? };
                    self.cost(super::cost::binary_result(&a, &b, &r, in_place));
                    frame.stack.push(r);
                }
                Instr::Compare(op) => {
                    let b = Self::pop(frame);
                    let a = Self::pop(frame);
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        frame.stack.push(Value::Bool(match op {
                            CmpOp::Lt => x < y,
                            CmpOp::Le => x <= y,
                            CmpOp::Eq => x == y,
                            CmpOp::Ne => x != y,
                            CmpOp::Gt => x > y,
                            CmpOp::Ge => x >= y,
                        }));
                        continue;
                    }
                    let r = self.compare(op, &a, &b)?;
                    frame.stack.push(r);
                }
                Instr::Contains(invert) => {
                    let container = Self::pop(frame);
                    let item = Self::pop(frame);
                    let r = self.contains(&container, &item)?;
                    frame.stack.push(Value::Bool(r != invert));
                }
                Instr::Is(invert) => {
                    let b = Self::pop(frame);
                    let a = Self::pop(frame);
                    frame.stack.push(Value::Bool(a.is(&b) != invert));
                }
                Instr::Jump(t) => frame.ip = t as usize,
                Instr::PopJumpIfFalse(t) => {
                    let v = Self::pop(frame);
                    let truth = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if !truth {
                        frame.ip = t as usize;
                    }
                }
                Instr::PopJumpIfTrue(t) => {
                    let v = Self::pop(frame);
                    let truth = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if truth {
                        frame.ip = t as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(t) => {
                    let v = frame.stack.last().expect("value").clone();
                    if !self.truthy(&v)? {
                        frame.ip = t as usize;
                    } else {
                        frame.stack.pop();
                    }
                }
                Instr::JumpIfTrueOrPop(t) => {
                    let v = frame.stack.last().expect("value").clone();
                    if self.truthy(&v)? {
                        frame.ip = t as usize;
                    } else {
                        frame.stack.pop();
                    }
                }
                Instr::GetIter => {
                    let v = Self::pop(frame);
                    let it = self.get_iter(&v)?;
                    frame.stack.push(it);
                }
                Instr::ForIter(t) => {
                    let it = frame.stack.last().expect("iterator").clone();
                    if let Some(f) = self.gen_enter_inline(&it, Value::None)? {
                        return self.enter(f, depth);
                    }
                    match self.next(&it)? {
                        Some(v) => frame.stack.push(v),
                        None => {
                            frame.stack.pop();
                            frame.ip = t as usize;
                        }
                    }
                }
                Instr::Call(argc) => {
                    let args = frame.stack.split_off(frame.stack.len() - argc as usize);
                    let func = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.touched)(self, frame, Touch::Call { func: &func, args: &args });
                    }
                    if let Some(v) = self.special_call(frame, &func, &args)? {
                        frame.stack.push(v);
                        continue;
                    }
                    let called = self.invoke(func, Args::new(args));
                    let called = self.touch_done(frame, called)?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::CallMethod(name, argc) => {
                    let base = frame.stack.len() - argc as usize - 1;
                    // `await prim.method(...)`: build the awaitable from the stack and run
                    // its first step inline (no argument vector, no coroutine object).
                    if let (Some(Instr::Await), Value::Obj(o)) = (instrs.get(frame.ip), &frame.stack[base]) {
                        if let Obj::Native(p) = o.as_ref() {
                            let make = p.awaitable_method(&code.names[name as usize]);
                            if let Some(mut n) = make.and_then(|f| f(&frame.stack[base..])) {
                                frame.stack.truncate(base);
                                frame.ip += 1;
                                match n.resume(self, Resume::Send(Value::None)) {
                                    super::value::NativeStep::Return(v) => frame.stack.push(v),
                                    super::value::NativeStep::Raise(f) => return Err(f),
                                    super::value::NativeStep::Yield(y) => return Ok(Exit::NativeYield(n, y)),
                                }
                                continue;
                            }
                        }
                    }
                    if argc == 0
                        && matches!(&*code.names[name as usize], "exc_info" | "call_site")
                        && matches!(&frame.stack[base], Value::Obj(o) if matches!(o.as_ref(), Obj::Module(_)))
                    {
                        // `sys.exc_info()` answers from this frame (see `special_call`).
                        let f = self.get_attr(&frame.stack[base], &code.names[name as usize])?;
                        if let Some(v) = self.special_call(frame, &f, &[])? {
                            frame.stack.truncate(base);
                            frame.stack.push(v);
                            continue;
                        }
                    }
                    if self.tracing() {
                        if let Some((obj, args)) = frame.stack[base..].split_first() {
                            (self.hooks.touched)(self, frame, Touch::Method { obj, name: &code.names[name as usize], args });
                        }
                    }
                    let args = frame.stack.split_off(base);
                    let called = self.call_method(&code.names[name as usize], args);
                    let called = self.touch_done(frame, called)?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::CallKw(argc, names) => {
                    let Const::Names(names) = &code.consts[names as usize] else { unreachable!() };
                    let mut pos = frame.stack.split_off(frame.stack.len() - argc as usize);
                    let kwvals = pos.split_off(pos.len() - names.len());
                    let func = Self::pop(frame);
                    if self.tracing() {
                        (self.hooks.touched)(self, frame, Touch::Call { func: &func, args: &pos });
                        (self.hooks.touched)(self, frame, Touch::Call { func: &func, args: &kwvals });
                    }
                    let kw = names.iter().cloned().zip(kwvals).collect();
                    let called = self.invoke(func, Args { pos, kw });
                    let called = self.touch_done(frame, called)?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::CallEx(has_kw) => {
                    let kw = if has_kw { Some(Self::pop(frame)) } else { None };
                    let pos = Self::pop(frame);
                    let func = Self::pop(frame);
                    let pos = self.iterate(&pos)?;
                    let mut kwargs = Vec::new();
                    if let Some(kw) = kw {
                        for (k, v) in self.dict_items(&kw)? {
                            match k.0 {
                                Value::Str(s) => kwargs.push((s, v)),
                                _ => return Err(self.type_error("keywords must be strings")),
                            }
                        }
                    }
                    if self.tracing() {
                        (self.hooks.touched)(self, frame, Touch::Call { func: &func, args: &pos });
                        if !kwargs.is_empty() {
                            let kw: Vec<Value> = kwargs.iter().map(|(_, v)| v.clone()).collect();
                            (self.hooks.touched)(self, frame, Touch::Call { func: &func, args: &kw });
                        }
                    }
                    let called = self.invoke(func, Args { pos, kw: kwargs });
                    let called = self.touch_done(frame, called)?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::MakeFunction(ci, flags) => {
                    let Const::Code(fcode) = &code.consts[ci as usize] else { unreachable!() };
                    let closure = if flags & make_fn::CLOSURE != 0 {
                        match Self::pop(frame) {
                            Value::Obj(o) => match o.as_ref() {
                                Obj::Tuple(cells) => cells.iter().filter_map(|c| c.as_obj().cloned()).collect(),
                                _ => Vec::new(),
                            },
                            _ => Vec::new(),
                        }
                    } else {
                        Vec::new()
                    };
                    let kwdefaults = if flags & make_fn::KWDEFAULTS != 0 {
                        let d = Self::pop(frame);
                        self.dict_items(&d)?
                            .into_iter()
                            .filter_map(|(k, v)| match k.0 {
                                Value::Str(s) => Some((s, v)),
                                _ => None,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let defaults = if flags & make_fn::DEFAULTS != 0 {
                        let d = Self::pop(frame);
                        self.iterate(&d)?
                    } else {
                        Vec::new()
                    };
                    let f = super::value::Function {
                        code: fcode.clone(),
                        globals: frame.globals.clone(),
                        defaults,
                        kwdefaults,
                        closure,
                        name: fcode.name.clone(),
                        owner: std::cell::RefCell::new(None),
                        attrs: std::cell::RefCell::new(None),
                    };
                    frame.stack.push(Value::obj(Obj::Function(Box::new(f))));
                }
                Instr::BuildClass(name_ci, nbases) => {
                    let meta = if nbases & crate::compiler::code::CLASS_HAS_METACLASS != 0 {
                        Some(Self::pop(frame))
                    } else {
                        None
                    };
                    let nbases = nbases & !crate::compiler::code::CLASS_HAS_METACLASS;
                    let bases = frame.stack.split_off(frame.stack.len() - nbases as usize);
                    let body = Self::pop(frame);
                    let Const::Str(name) = &code.consts[name_ci as usize] else { unreachable!() };
                    let Value::Obj(o) = &body else { unreachable!() };
                    let Obj::Function(f) = o.as_ref() else { unreachable!() };
                    let mut bframe = Frame::new(f.code.clone(), f.globals.clone());
                    bframe.cells.extend(f.closure.iter().cloned());
                    bframe.namespace = Some(Rc::new(std::cell::RefCell::new(indexmap::IndexMap::new())));
                    bframe.kind = FrameKind::ClassBody(name.clone(), bases, meta);
                    return self.enter(Box::new(bframe), depth);
                }
                Instr::Return => {
                    let v = Self::pop(frame);
                    return Ok(Exit::Return(v));
                }
                Instr::ImportName(i) => {
                    let name = &code.names[i as usize];
                    let m = self.import(name)?;
                    frame.stack.push(m);
                }
                Instr::ImportFrom(i) => {
                    let m = frame.stack.last().expect("module").clone();
                    let name = &code.names[i as usize];
                    let v = match self.get_attr(&m, name) {
                        Ok(v) => v,
                        Err(Fail::Exc(_)) => {
                            let mname = match &m {
                                Value::Obj(o) => match o.as_ref() {
                                    Obj::Module(md) => md.name.to_string(),
                                    _ => "?".into(),
                                },
                                _ => "?".into(),
                            };
                            return Err(self.exc(
                                "ImportError",
                                format!("cannot import name '{name}' from '{mname}'"),
                            ));
                        }
                        Err(e) => return Err(e),
                    };
                    frame.stack.push(v);
                }
                Instr::SetupExcept(t) | Instr::SetupFinally(t) => {
                    frame.blocks.push(Block {
                        handler: t,
                        stack_depth: frame.stack.len() as u32,
                        exc_depth: frame.exc_stack.len() as u32,
                    });
                }
                Instr::PopBlock => {
                    frame.blocks.pop();
                }
                Instr::EnterHandler => {
                    let exc = frame.stack.last().expect("exception").clone();
                    frame.exc_stack.push(exc);
                }
                Instr::PopExcept => {
                    frame.exc_stack.pop();
                }
                Instr::Raise(kind) => {
                    return Err(self.do_raise(frame, kind));
                }
                Instr::Reraise => {
                    let exc = Self::pop(frame);
                    frame.exc_stack.pop();
                    return Err(Fail::Exc(exc));
                }
                Instr::CheckExcMatch => {
                    let ty = Self::pop(frame);
                    let exc = frame.stack.last().expect("exception").clone();
                    let m = self.exception_matches(&exc, &ty)?;
                    frame.stack.push(Value::Bool(m));
                }
                Instr::ExcStarSplit => {
                    let ty = Self::pop(frame);
                    let rest = Self::pop(frame);
                    let (matched, rest) = self.exc_group_split(&rest, &ty)?;
                    frame.stack.push(rest);
                    frame.stack.push(matched);
                }
                Instr::ExcStarFinish(_) => {
                    let rest = Self::pop(frame);
                    let raised = Self::pop(frame);
                    let orig = Self::pop(frame);
                    if let Some(exc) = self.exc_star_result(&orig, &raised, &rest)? {
                        return Err(Fail::Exc(exc));
                    }
                }
                Instr::LoadAssertionError => {
                    frame.stack.push(self.types.exc("AssertionError"));
                }
                Instr::BeforeWith => {
                    let mgr = Self::pop(frame);
                    let enter = self.lookup_special(&mgr, "__enter__", "the context manager protocol")?;
                    let exit = self.lookup_special(&mgr, "__exit__", "the context manager protocol (missed __exit__ method)")?;
                    frame.stack.push(exit);
                    let called = self.invoke(enter, Args::default())?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::BeforeAsyncWith => {
                    let mgr = Self::pop(frame);
                    let enter = self.lookup_special(&mgr, "__aenter__", "the asynchronous context manager protocol")?;
                    let exit = self.lookup_special(&mgr, "__aexit__", "the asynchronous context manager protocol (missed __aexit__ method)")?;
                    frame.stack.push(exit);
                    match self.invoke(enter, Args::default())? {
                        Invoke::Value(v) => frame.stack.push(v),
                        Invoke::Frame(f) => return self.enter(f, depth),
                    }
                }
                Instr::WithExit(_) => {
                    let exc = Self::pop(frame);
                    let exit = Self::pop(frame);
                    let args = if exc.is_none() {
                        vec![Value::None, Value::None, Value::None]
                    } else {
                        vec![self.type_of(&exc), exc, Value::None]
                    };
                    let called = self.invoke(exit, Args::new(args))?;
                    if let Some(exit) = self.after_call(frame, called, depth)? {
                        return Ok(exit);
                    }
                }
                Instr::YieldValue => {
                    let v = Self::pop(frame);
                    if matches!(frame.kind, FrameKind::Generator(_)) {
                        return Ok(Exit::GenYield(v));
                    }
                    frame.suspended = true;
                    return Ok(Exit::Suspend(Yielded::Value(v)));
                }
                Instr::GetYieldFromIter => {
                    let v = Self::pop(frame);
                    let it = self.yield_from_iter(v)?;
                    frame.stack.push(it);
                }
                Instr::Send(t) => {
                    let v = Self::pop(frame);
                    let sub = frame.stack.last().expect("delegate").clone();
                    if let Some(f) = self.gen_enter_inline(&sub, v.clone())? {
                        return self.enter(f, depth);
                    }
                    match self.delegate_send(&sub, v)? {
                        super::generator::GenStep::Yield(y) => frame.stack.push(y),
                        super::generator::GenStep::Return(r) => {
                            frame.stack.pop();
                            frame.stack.push(r);
                            frame.ip = t as usize;
                        }
                    }
                }
                Instr::GetAIter => {
                    let v = Self::pop(frame);
                    let it = self.get_aiter(&v)?;
                    frame.stack.push(it);
                }
                Instr::GetANext => {
                    let aiter = frame.stack.last().expect("async iterator").clone();
                    let aw = self.get_anext(&aiter)?;
                    frame.stack.push(aw);
                }
                Instr::EndAsyncFor => {
                    let exc = Self::pop(frame);
                    if !self.is_instance_of(&exc, "StopAsyncIteration") {
                        return Err(Fail::Exc(exc));
                    }
                    frame.stack.pop();
                }
                Instr::MatchSequence => {
                    let v = frame.stack.last().expect("subject");
                    let b = self.is_match_sequence(v);
                    frame.stack.push(Value::Bool(b));
                }
                Instr::MatchMapping => {
                    let v = frame.stack.last().expect("subject");
                    let b = self.is_match_mapping(v);
                    frame.stack.push(Value::Bool(b));
                }
                Instr::GetLen => {
                    let v = frame.stack.last().expect("subject").clone();
                    let n = self.len_of(&v)?;
                    frame.stack.push(Value::Int(n as i64));
                }
                Instr::MatchKeys => {
                    let n = frame.stack.len();
                    let (subject, keys) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
                    let values = self.match_keys(&subject, &keys)?;
                    frame.stack.push(values);
                }
                Instr::CopyDictWithoutKeys => {
                    let keys = Self::pop(frame);
                    let subject = frame.stack.last().expect("subject").clone();
                    let rest = self.dict_without_keys(&subject, &keys)?;
                    frame.stack.push(rest);
                }
                Instr::MatchClass(npos, names) => {
                    let cls = Self::pop(frame);
                    let subject = Self::pop(frame);
                    let Const::Names(names) = &code.consts[names as usize] else { unreachable!() };
                    let attrs = self.match_class(&subject, &cls, npos as usize, names)?;
                    frame.stack.push(attrs);
                }
                Instr::Await => {
                    let aw = Self::pop(frame);
                    match self.start_await(aw)? {
                        AwaitStart::Value(v) => frame.stack.push(v),
                        AwaitStart::Frame(f) => return self.enter(f, depth),
                        // Most native awaitables finish at once (an uncontended lock, a
                        // non-empty queue): run the first step inline, and only put the
                        // awaitable on the fiber if it suspends.
                        AwaitStart::Native(mut n) => match n.resume(self, Resume::Send(Value::None)) {
                            super::value::NativeStep::Return(v) => frame.stack.push(v),
                            super::value::NativeStep::Raise(f) => return Err(f),
                            super::value::NativeStep::Yield(y) => return Ok(Exit::NativeYield(n, y)),
                        },
                        AwaitStart::Suspend(fut) => {
                            frame.awaiting = Some(fut.clone());
                            frame.suspended = true;
                            return Ok(Exit::Suspend(Yielded::Future(fut)));
                        }
                    }
                }
            }
        }
    }

    /// While tracing, tells the runtime that the call whose arguments `touched` named has
    /// returned (a native callee has finished changing them), whether or not it raised.
    #[inline]
    fn touch_done<T>(&mut self, frame: &Frame, called: PyResult<T>) -> PyResult<T> {
        if self.tracing() {
            (self.hooks.touch_done)(self, frame);
        }
        called
    }

    /// A call returned `v`. A blocking call (`time.sleep`, `Lock.acquire`...) runs at once
    /// as if awaited; anything else is pushed.
    /// What a call instruction does with `invoke`'s answer: a value goes on the stack
    /// (`call_result`), a Python frame is entered. `Some(exit)` leaves the dispatch loop.
    #[inline(always)]
    fn after_call(&mut self, frame: &mut Frame, called: Invoke, depth: usize) -> PyResult<Option<Exit>> {
        match called {
            Invoke::Value(v) => self.call_result(frame, v),
            Invoke::Frame(mut f) => {
                if f.code.internal {
                    f.call_site = if frame.code.internal {
                        frame.call_site.clone()
                    } else {
                        Some((frame.code.clone(), frame.line()))
                    };
                }
                // A function called while an exception is being handled sees it as
                // CPython's does (`sys.exc_info()`, a bare `raise`, implicit chaining).
                if let (Some(e), true) = (frame.exc_stack.last(), f.exc_stack.is_empty()) {
                    f.exc_stack.push(e.clone());
                }
                self.enter(f, depth).map(Some)
            }
        }
    }

    fn call_result(&mut self, frame: &mut Frame, v: Value) -> PyResult<Option<Exit>> {
        if let Value::Obj(o) = &v {
            if let Obj::NativeCoro(c) = o.as_ref() {
                let blocking = c.borrow().as_ref().map(|n| n.is_blocking_call()).unwrap_or(false);
                if blocking {
                    let mut n = c.borrow_mut().take().expect("blocking call");
                    return match n.resume(self, Resume::Send(Value::None)) {
                        super::value::NativeStep::Return(r) => {
                            frame.stack.push(r);
                            Ok(None)
                        }
                        super::value::NativeStep::Raise(f) => Err(f),
                        super::value::NativeStep::Yield(y) => Ok(Some(Exit::NativeYield(n, y))),
                    };
                }
            }
        }
        frame.stack.push(v);
        // A built-in call can drop an object's last reference (`lst.clear()`, `d.pop(k)`):
        // what its dropping queued (weak reference callbacks, generators to close) runs now.
        self.finalize_dropped_at(frame)?;
        Ok(None)
    }

    fn enter(&mut self, f: Box<Frame>, depth: usize) -> PyResult<Exit> {
        if depth >= MAX_DEPTH {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(Exit::Call(f))
    }

    fn cell_name(&self, code: &crate::compiler::Code, i: u32) -> Rc<str> {
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars.get(i - code.cellvars.len()).cloned().unwrap_or_else(|| "?".into())
        }
    }

    /// The value of a literal constant; None for code objects and keyword-name tuples, which only
    /// instructions read.
    fn load_const(&self, c: &Const) -> Value {
        match c {
            Const::None => Value::None,
            Const::Bool(b) => Value::Bool(*b),
            Const::Int(i) => Value::Int(*i),
            Const::BigInt(b) => Value::BigInt(b.clone()),
            Const::Float(f) => Value::Float(*f),
            Const::Str(s) => Value::Str(s.clone()),
            Const::Bytes(b) => Value::bytes(b.clone()),
            Const::Code(_) | Const::Names(_) => Value::None,
        }
    }

    fn load_global(&self, frame: &Frame, name: &Rc<str>) -> PyResult<Value> {
        if let Some(v) = frame.globals.dict.borrow().get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.dict.borrow().get(name) {
            return Ok(v.clone());
        }
        Err(self.name_error(name, &frame.code.varnames, &frame.globals))
    }

    /// A module's names and values, in definition order.
    fn module_names(m: &super::value::Module) -> Vec<(Rc<str>, Value)> {
        m.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// The names bound in `frame`'s scope, as CPython's `locals()` snapshot lists them:
    /// a class body's namespace, a module's globals, else the bound fast locals (in
    /// `co_varnames` order), then the bound cell and free variables.
    fn scope_names(frame: &Frame) -> Vec<(Rc<str>, Value)> {
        if let Some(ns) = &frame.namespace {
            return ns.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        }
        if frame.code.kind == crate::compiler::code::CodeKind::Module {
            return Self::module_names(&frame.globals);
        }
        let mut out: Vec<(Rc<str>, Value)> = Vec::new();
        for (name, v) in frame.code.varnames.iter().zip(&frame.fast) {
            if let Some(v) = v {
                out.push((name.clone(), v.clone()));
            }
        }
        let cell_names = frame.code.cellvars.iter().chain(&frame.code.freevars);
        for (name, cell) in cell_names.zip(&frame.cells) {
            if let Obj::Cell(c) = cell.as_ref() {
                if let Some(v) = c.borrow().clone() {
                    if !out.iter().any(|(k, _)| k == name) {
                        out.push((name.clone(), v));
                    }
                }
            }
        }
        out
    }

    /// Calls that need the caller's frame: zero-argument `super()`.
    fn special_call(&mut self, frame: &Frame, func: &Value, args: &[Value]) -> PyResult<Option<Value>> {
        if !args.is_empty() {
            return Ok(None);
        }
        let Value::Obj(o) = func else { return Ok(None) };
        let Obj::Builtin(b) = o.as_ref() else { return Ok(None) };
        if b.name == "exc_info" {
            // `sys.exc_info()`: the exception this frame handles (or inherited).
            return Ok(Some(match frame.exc_stack.last() {
                Some(e) => Value::tuple(vec![self.type_of(e), e.clone(), Value::None]),
                None => Value::tuple(vec![Value::None, Value::None, Value::None]),
            }));
        }
        if b.recv.is_none() && matches!(b.name, "globals" | "locals" | "vars" | "dir") {
            // The calling scope's names: `globals()`, `locals()`, `vars()`, `dir()`.
            let names = if b.name == "globals" { Self::module_names(&frame.globals) } else { Self::scope_names(frame) };
            if b.name == "dir" {
                let mut keys: Vec<Rc<str>> = names.into_iter().map(|(k, _)| k).collect();
                keys.sort();
                return Ok(Some(Value::list(keys.into_iter().map(Value::Str).collect())));
            }
            let d = names.into_iter().map(|(k, v)| (super::value::Key::new(Value::Str(k)), v)).collect();
            return Ok(Some(Value::obj(Obj::Dict(std::cell::RefCell::new(d)))));
        }
        if b.name == "call_site" {
            // `_interleave.call_site()`: (filename, line, function) of the program's
            // line that called into the runtime's Python, or of this frame itself.
            let (code, line) = match &frame.call_site {
                Some((c, l)) => (c.clone(), *l),
                None => (frame.code.clone(), frame.line()),
            };
            return Ok(Some(Value::tuple(vec![
                Value::Str(code.filename.clone()),
                Value::Int(line as i64),
                Value::Str(code.name.clone()),
            ])));
        }
        if b.name != "super" {
            return Ok(None);
        }
        let owner = frame.function.as_ref().and_then(|f| match f {
            Value::Obj(o) => match o.as_ref() {
                Obj::Function(f) => f.owner.borrow().clone(),
                _ => None,
            },
            _ => None,
        });
        let this = frame.fast.first().cloned().flatten();
        match (owner, this) {
            (Some(class), Some(this)) => Ok(Some(self.make_super(class, this))),
            _ => Err(self.exc("RuntimeError", "super(): no arguments")),
        }
    }

    fn do_raise(&mut self, frame: &mut Frame, kind: RaiseKind) -> Fail {
        match kind {
            RaiseKind::Bare => match frame.exc_stack.last() {
                Some(e) => Fail::Exc(e.clone()),
                None => self.exc("RuntimeError", "No active exception to reraise"),
            },
            RaiseKind::Exc | RaiseKind::ExcFrom => {
                let cause = if kind == RaiseKind::ExcFrom { Some(Self::pop(frame)) } else { None };
                let exc = Self::pop(frame);
                let exc = match self.make_raisable(exc) {
                    Ok(e) => e,
                    Err(f) => return f,
                };
                if let Some(cause) = cause {
                    let cause = if cause.is_none() {
                        None
                    } else {
                        match self.make_raisable(cause) {
                            Ok(c) => Some(c),
                            Err(f) => return f,
                        }
                    };
                    super::exceptions::set_cause(&exc, cause);
                }
                Fail::Exc(exc)
            }
        }
    }
}

/// `int op int` when the result is a small int computed the obvious way; `None` sends
/// the operation to the general path (overflow, division, floats, errors).
#[inline(always)]
fn small_int_op(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Mod if y > 0 && x >= 0 => Some(x % y),
        BinOp::FloorDiv if y > 0 && x >= 0 => Some(x / y),
        _ => None,
    }
}

enum FinishedWith {
    Value(Value),
    Stop(Value),
    /// A generator run on its consumer's fiber returned (`end_inline_iteration`).
    GenReturn(Value),
}

/// A generator run inline by `caller` returned `v`: a `ForIter` pops the iterator and
/// jumps past the loop; a `yield from`'s `Send` pops it, pushes `v` and jumps past.
fn end_inline_iteration(caller: &mut Frame, v: Value) {
    match caller.code.instrs.get(caller.ip.wrapping_sub(1)) {
        Some(Instr::ForIter(t)) => {
            caller.stack.pop();
            caller.ip = *t as usize;
        }
        Some(Instr::Send(t)) => {
            caller.stack.pop();
            caller.stack.push(v);
            caller.ip = *t as usize;
        }
        _ => {}
    }
}

fn mark_coro_done(coro: &Rc<Obj>) {
    if let Obj::Coroutine(c) = coro.as_ref() {
        c.borrow_mut().state = CoroState::Done;
    }
}

/// How an `await` begins.
pub enum AwaitStart {
    /// Already has a result.
    Value(Value),
    /// Run this coroutine frame on the fiber.
    Frame(Box<Frame>),
    /// Run this native awaitable on the fiber.
    Native(Box<dyn super::value::NativeCoroutine>),
    /// Suspend until the future is done.
    Suspend(Rc<Obj>),
}

impl Vm {
    /// Begin awaiting `aw`.
    pub fn start_await(&mut self, aw: Value) -> PyResult<AwaitStart> {
        if let Value::Obj(o) = &aw {
            match o.as_ref() {
                Obj::Coroutine(c) => {
                    let mut c = c.borrow_mut();
                    return match std::mem::replace(&mut c.state, CoroState::Running) {
                        CoroState::Created(mut f) => {
                            f.kind = FrameKind::Awaited(o.clone());
                            Ok(AwaitStart::Frame(f))
                        }
                        CoroState::Running => Err(self.exc("RuntimeError", "coroutine is being awaited already")),
                        CoroState::Done => {
                            c.state = CoroState::Done;
                            Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"))
                        }
                    };
                }
                Obj::NativeCoro(n) => {
                    return match n.borrow_mut().take() {
                        Some(b) => Ok(AwaitStart::Native(b)),
                        None => Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine")),
                    };
                }
                Obj::Native(n) => match n.future_done() {
                    Some(true) => return n.await_result(self, o).map(AwaitStart::Value),
                    Some(false) => return Ok(AwaitStart::Suspend(o.clone())),
                    None => {}
                },
                _ => {}
            }
        }
        if let Some(it) = self.await_iterator(&aw)? {
            return Ok(AwaitStart::Native(it));
        }
        // `class MyFuture(asyncio.Future)`: awaiting the instance awaits its native future.
        if let Some(store) = self.native_store(&aw) {
            if matches!(store.as_obj().map(|o| o.as_ref()), Some(Obj::Native(n)) if n.future_done().is_some()) {
                return self.start_await(store);
            }
        }
        let tn = self.type_name(&aw);
        Err(self.type_error(format!("object {tn} can't be used in 'await' expression")))
    }
}

/// The value of `await fut` once the future `fut` (which the frame suspended on) is done.
fn await_result(vm: &mut Vm, fut: &Rc<Obj>) -> PyResult<Value> {
    match fut.as_ref() {
        Obj::Native(n) if n.future_done() == Some(true) => n.await_result(vm, fut),
        _ => Err(vm.exc("RuntimeError", "await wasn't used with future")),
    }
}
