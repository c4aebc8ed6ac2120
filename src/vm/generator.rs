//! Generators and async generators (CPython's `Objects/genobject.c`).
//!
//! A generator owns a fiber whose bottom frame is the generator function's body. `next`,
//! `send` and `throw` run that fiber nested (`Vm::run_nested`, so a thread that blocks
//! inside a generator blocks in place) until its frame executes `YieldValue`, which
//! suspends it like an `await` does (`Yielded::Value`), or returns or raises. An async
//! generator's fiber is driven by the awaitables its `__anext__`, `asend`, `athrow` and
//! `aclose` return: an `await` inside it suspends the awaiting task with the generator's
//! fiber kept in the generator, and its `yield` finishes the awaitable.
//!
//! CPython's rules modelled: PEP 479 (`StopIteration` raised inside a generator becomes
//! `RuntimeError: generator raised StopIteration`), "generator already executing",
//! `send` of a non-None value into a just-started generator, `close` throwing
//! `GeneratorExit` ("generator ignored GeneratorExit"), and `throw`/`close` forwarded to
//! the iterator a `yield from` delegates to (`_gen_throw`, `gen_close_iter`).

use super::dispatch::Outcome;
use super::frame::{Fiber, Frame, Slot};
use super::value::{Args, Builtin, NativeCoroutine, NativeFn, NativeStep, Obj, Resume, Value, Yielded};
use super::{Fail, PyResult, Vm};
use crate::compiler::code::Instr;
use std::cell::RefCell;
use std::rc::Rc;

/// A plain generator or an async generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    /// `def` with `yield`.
    Sync,
    /// `async def` with `yield`.
    Async,
}

/// Where a generator is in its life (`inspect.getgeneratorstate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenState {
    /// `GEN_CREATED`: not started.
    Created,
    /// `GEN_SUSPENDED`: paused at a `yield`.
    Suspended,
    /// `GEN_RUNNING`: executing.
    Running,
    /// `GEN_CLOSED`: returned, raised or closed.
    Done,
}

/// A generator object: made by calling a generator function, run by iterating it.
pub struct Generator {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// Plain or async.
    pub kind: GenKind,
    /// Where it is in its life.
    pub state: GenState,
    /// The body's fiber; `None` once done (and while a sync generator runs).
    pub fiber: Option<Fiber>,
    /// An async generator that asyncio's `shutdown_asyncgens` will close if still
    /// suspended when `asyncio.run` ends (registered on its first iteration).
    pub hooked: bool,
    /// Made by a `types.coroutine` function: `await` accepts it (`CO_ITERABLE_COROUTINE`).
    pub iterable_coroutine: bool,
}

/// What one step of a generator produced.
#[derive(Debug)]
pub enum GenStep {
    /// It yielded this value.
    Yield(Value),
    /// It finished, returning this value (the `StopIteration` value).
    Return(Value),
}

/// One step of an async generator's fiber: a value or end, or an `await` that suspends.
enum Settled {
    Step(GenStep),
    Await(Yielded),
}

fn gen_cell(gen: &Rc<Obj>) -> &RefCell<Generator> {
    match gen.as_ref() {
        Obj::Generator(g) => g,
        _ => unreachable!("not a generator"),
    }
}

/// The generator object behind `v`, if it is one of `kind`.
pub fn as_generator(v: &Value, kind: GenKind) -> Option<&Rc<Obj>> {
    match v {
        Value::Obj(o) => match o.as_ref() {
            Obj::Generator(g) if g.borrow().kind == kind => Some(o),
            _ => None,
        },
        _ => None,
    }
}

/// How deep generators may resume generators (each level nests a dispatch loop).
const MAX_GEN_DEPTH: usize = 200;

impl Vm {
    /// The generator object for a call of a generator function, its frame bound.
    pub fn make_generator(&mut self, frame: Frame, kind: GenKind) -> Value {
        Value::obj(Obj::Generator(RefCell::new(Generator {
            name: frame.code.name.clone(),
            qualname: frame.code.qualname.clone(),
            kind,
            state: GenState::Created,
            iterable_coroutine: frame.code.iterable_coroutine,
            fiber: Some(Fiber::new(frame)),
            hooked: false,
        })))
    }

    /// Take the fiber out to run it with `input`, or answer at once (finished,
    /// already running, a value sent into a just-started generator).
    fn gen_start(&mut self, gen: &Rc<Obj>, input: &Resume, op: &str) -> PyResult<Result<Fiber, GenStep>> {
        let mut g = gen_cell(gen).borrow_mut();
        let is_async = g.kind == GenKind::Async;
        match g.state {
            GenState::Running => {
                drop(g);
                return Err(if is_async {
                    self.exc("RuntimeError", format!("{op}(): asynchronous generator is already running"))
                } else {
                    self.value_error("generator already executing")
                });
            }
            GenState::Done => {
                drop(g);
                return match input {
                    Resume::Send(_) => Ok(Err(GenStep::Return(Value::None))),
                    Resume::Throw(e) => Err(Fail::Exc(e.clone())),
                };
            }
            GenState::Created => {
                if let Resume::Send(v) = input {
                    if !v.is_none() {
                        drop(g);
                        let what = if is_async { "async generator" } else { "generator" };
                        return Err(self.type_error(format!("can't send non-None value to a just-started {what}")));
                    }
                }
            }
            GenState::Suspended => {}
        }
        g.state = GenState::Running;
        Ok(Ok(g.fiber.take().expect("suspended generator has its fiber")))
    }

    /// Put the fiber back after a run and turn its outcome into a step.
    fn gen_settle(&mut self, gen: &Rc<Obj>, fiber: Fiber, out: Outcome) -> PyResult<Settled> {
        let mut g = gen_cell(gen).borrow_mut();
        match out {
            Outcome::Yield(Yielded::Value(v)) => {
                g.state = GenState::Suspended;
                g.fiber = Some(fiber);
                Ok(Settled::Step(GenStep::Yield(v)))
            }
            Outcome::Yield(y) => {
                // An `await` inside an async generator: it stays running.
                g.fiber = Some(fiber);
                Ok(Settled::Await(y))
            }
            Outcome::Return(v) => {
                g.state = GenState::Done;
                Ok(Settled::Step(GenStep::Return(v)))
            }
            Outcome::Raise(Fail::Exc(e)) => {
                g.state = GenState::Done;
                let kind = g.kind;
                drop(g);
                Err(Fail::Exc(self.pep479(e, kind)))
            }
            Outcome::Raise(f) => {
                g.state = GenState::Done;
                Err(f)
            }
        }
    }

    /// PEP 479: a `StopIteration` (or, in an async generator, `StopAsyncIteration`)
    /// escaping the body becomes a `RuntimeError` caused by it.
    fn pep479(&mut self, e: Value, kind: GenKind) -> Value {
        let which = if self.is_instance_of(&e, "StopIteration") {
            "StopIteration"
        } else if kind == GenKind::Async && self.is_instance_of(&e, "StopAsyncIteration") {
            "StopAsyncIteration"
        } else {
            return e;
        };
        let what = if kind == GenKind::Async { "async generator" } else { "generator" };
        let Fail::Exc(err) = self.exc("RuntimeError", format!("{what} raised {which}")) else { unreachable!() };
        super::exceptions::set_cause(&err, Some(e.clone()));
        super::exceptions::set_context_if_unset(&err, &e);
        err
    }

    /// Run a (sync) generator one step: `next` (`Send(None)`), `send`, or `throw`.
    pub fn gen_resume(&mut self, gen: &Rc<Obj>, input: Resume) -> PyResult<GenStep> {
        let mut fiber = match self.gen_start(gen, &input, "send")? {
            Ok(f) => f,
            Err(step) => return Ok(step),
        };
        if self.gen_depth >= MAX_GEN_DEPTH {
            gen_cell(gen).borrow_mut().fiber = Some(fiber);
            gen_cell(gen).borrow_mut().state = GenState::Suspended;
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        self.gen_depth += 1;
        let out = self.run_nested(&mut fiber, input);
        self.gen_depth -= 1;
        match self.gen_settle(gen, fiber, out)? {
            Settled::Step(s) => Ok(s),
            Settled::Await(_) => {
                gen_cell(gen).borrow_mut().state = GenState::Done;
                Err(self.exc("RuntimeError", "a generator tried to await"))
            }
        }
    }

    /// `gen.throw(exc)`: forwarded to the iterator a `yield from` delegates to, first.
    pub fn gen_throw(&mut self, gen: &Rc<Obj>, exc: Value) -> PyResult<GenStep> {
        let mut exc = exc;
        if let Some(sub) = self.gen_delegate(gen) {
            gen_cell(gen).borrow_mut().state = GenState::Running;
            let r = self.throw_into_delegate(&sub, &exc);
            gen_cell(gen).borrow_mut().state = GenState::Suspended;
            match r {
                Some(Ok(GenStep::Yield(v))) => return Ok(GenStep::Yield(v)),
                Some(Ok(GenStep::Return(v))) => {
                    self.gen_end_delegation(gen, v);
                    return self.gen_resume(gen, Resume::Send(Value::None));
                }
                Some(Err(Fail::Exc(x))) => exc = x,
                Some(Err(f)) => return Err(f),
                None => {}
            }
        }
        self.gen_resume(gen, Resume::Throw(exc))
    }

    /// Throw `exc` into `sub` (CPython's `_gen_throw` on `yf`); `None` when `sub` has no
    /// `throw` and the exception goes to the delegating generator itself.
    fn throw_into_delegate(&mut self, sub: &Value, exc: &Value) -> Option<PyResult<GenStep>> {
        if self.is_instance_of(exc, "GeneratorExit") {
            return match self.close_iter(sub) {
                Ok(()) => None,
                Err(f) => Some(Err(f)),
            };
        }
        if let Some(g) = as_generator(sub, GenKind::Sync) {
            let g = g.clone();
            return Some(self.gen_throw(&g, exc.clone()));
        }
        let throw = match self.try_get_attr(sub, "throw") {
            Ok(Some(t)) => t,
            Ok(None) => return None,
            Err(f) => return Some(Err(f)),
        };
        Some(match self.call_sync(&throw, vec![exc.clone()]) {
            Ok(v) => Ok(GenStep::Yield(v)),
            Err(Fail::Exc(e)) if self.is_instance_of(&e, "StopIteration") => Ok(GenStep::Return(stop_value(&e))),
            Err(f) => Err(f),
        })
    }

    /// Close an iterator a `yield from` delegated to (CPython's `gen_close_iter`).
    fn close_iter(&mut self, sub: &Value) -> PyResult<()> {
        if let Some(g) = as_generator(sub, GenKind::Sync) {
            let g = g.clone();
            return self.gen_close(&g);
        }
        if let Some(close) = self.try_get_attr(sub, "close")? {
            self.call_sync(&close, vec![])?;
        }
        Ok(())
    }

    /// The iterator the suspended generator delegates to, if it is inside `yield from`
    /// (suspended at the `YieldValue` whose next instruction jumps back to a `Send`).
    fn gen_delegate(&self, gen: &Rc<Obj>) -> Option<Value> {
        let g = gen_cell(gen).borrow();
        if g.state != GenState::Suspended {
            return None;
        }
        let Some(Slot::Python(frame)) = g.fiber.as_ref()?.slots.first() else { return None };
        send_target(frame)?;
        frame.stack.last().cloned()
    }

    /// The delegate finished with `v`: the `yield from` evaluates to it. The frame
    /// continues after the loop (popping the delegate) without a sent value.
    fn gen_end_delegation(&mut self, gen: &Rc<Obj>, v: Value) {
        let mut g = gen_cell(gen).borrow_mut();
        let Some(Slot::Python(frame)) = g.fiber.as_mut().and_then(|f| f.slots.first_mut()) else { return };
        let Some(target) = send_target(frame) else { return };
        frame.stack.pop();
        frame.stack.push(v);
        frame.ip = target;
        frame.suspended = false;
    }

    /// `gen.close()`: throw `GeneratorExit` in; it must not yield again.
    pub fn gen_close(&mut self, gen: &Rc<Obj>) -> PyResult<()> {
        {
            let mut g = gen_cell(gen).borrow_mut();
            match g.state {
                GenState::Created => {
                    g.state = GenState::Done;
                    g.fiber = None;
                    return Ok(());
                }
                GenState::Done => return Ok(()),
                GenState::Running => {
                    drop(g);
                    return Err(self.value_error("generator already executing"));
                }
                GenState::Suspended => {}
            }
        }
        let exit = super::exceptions::new_exception(&self.types.exc("GeneratorExit"), vec![]);
        match self.gen_throw(gen, exit) {
            Ok(GenStep::Yield(_)) => Err(self.exc("RuntimeError", "generator ignored GeneratorExit")),
            Ok(GenStep::Return(_)) => Ok(()),
            Err(Fail::Exc(e)) if self.is_instance_of(&e, "GeneratorExit") || self.is_instance_of(&e, "StopIteration") => {
                Ok(())
            }
            Err(f) => Err(f),
        }
    }

    /// `next(gen)` as a value or the `StopIteration` carrying its return value.
    pub fn gen_next_or_stop(&mut self, gen: &Rc<Obj>, input: Resume) -> PyResult<Value> {
        match gen_step_result(self, gen, input)? {
            GenStep::Yield(v) => Ok(v),
            GenStep::Return(v) => Err(self.stop_iteration(v)),
        }
    }

    /// `StopIteration(value)` (no args for `None`, as CPython raises it).
    pub fn stop_iteration(&self, v: Value) -> Fail {
        let args = if v.is_none() { vec![] } else { vec![v] };
        Fail::Exc(super::exceptions::new_exception(&self.types.exc("StopIteration"), args))
    }

    /// The attributes of generator objects (`send`, `throw`, `close`, `__next__`...).
    pub fn generator_attr(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        let Obj::Generator(g) = o.as_ref() else { return None };
        let g = g.borrow();
        let f: NativeFn = match (g.kind, name) {
            (_, "__name__") => return Some(Value::Str(g.name.clone())),
            (_, "__qualname__") => return Some(Value::Str(g.qualname.clone())),
            (GenKind::Sync, "gi_running") | (GenKind::Async, "ag_running") => {
                return Some(Value::Bool(g.state == GenState::Running))
            }
            (GenKind::Sync, "__iter__") | (GenKind::Async, "__aiter__") => |_, a| Ok(a.pos[0].clone()),
            (GenKind::Sync, "__next__") => |vm, a| {
                let gen = recv_gen(&a);
                vm.gen_next_or_stop(&gen, Resume::Send(Value::None))
            },
            (GenKind::Sync, "send") => |vm, a| {
                let gen = recv_gen(&a);
                let v = one_arg(vm, &a, "send")?;
                vm.gen_next_or_stop(&gen, Resume::Send(v))
            },
            (GenKind::Sync, "throw") => |vm, a| {
                let gen = recv_gen(&a);
                let exc = throw_args(vm, &a)?;
                vm.gen_next_or_stop(&gen, Resume::Throw(exc))
            },
            (GenKind::Sync, "close") => |vm, a| {
                let gen = recv_gen(&a);
                vm.gen_close(&gen).map(|_| Value::None)
            },
            (GenKind::Async, "__anext__") => |_, a| Ok(agen_op(recv_gen(&a), AgenOpKind::Anext)),
            (GenKind::Async, "asend") => |vm, a| {
                let v = one_arg(vm, &a, "asend")?;
                Ok(agen_op(recv_gen(&a), AgenOpKind::Asend(v)))
            },
            (GenKind::Async, "athrow") => |vm, a| {
                let exc = throw_args(vm, &a)?;
                Ok(agen_op(recv_gen(&a), AgenOpKind::Athrow(exc)))
            },
            (GenKind::Async, "aclose") => |_, a| Ok(agen_op(recv_gen(&a), AgenOpKind::Aclose)),
            _ => return None,
        };
        let name: &'static str = match name {
            "__iter__" => "__iter__",
            "__aiter__" => "__aiter__",
            "__next__" => "__next__",
            "send" => "send",
            "throw" => "throw",
            "close" => "close",
            "__anext__" => "__anext__",
            "asend" => "asend",
            "athrow" => "athrow",
            _ => "aclose",
        };
        Some(Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(obj.clone()), unbound: None })))
    }

    /// `aiter.__anext__()` for `async for`: an async generator's own awaitable, or the
    /// awaitable its `__anext__` returns.
    pub fn get_anext(&mut self, aiter: &Value) -> PyResult<Value> {
        if let Some(g) = as_generator(aiter, GenKind::Async) {
            return Ok(agen_op(g.clone(), AgenOpKind::Anext));
        }
        let tn = self.type_name(aiter);
        let anext = self
            .lookup_special(aiter, "__anext__", "")
            .map_err(|_| self.type_error(format!("'async for' received an object from __aiter__ that does not implement __anext__: {tn}")))?;
        self.call_sync(&anext, vec![])
    }

    /// `obj.__aiter__()` for `async for`.
    pub fn get_aiter(&mut self, obj: &Value) -> PyResult<Value> {
        if as_generator(obj, GenKind::Async).is_some() {
            return Ok(obj.clone());
        }
        let tn = self.type_name(obj);
        let aiter = self
            .lookup_special(obj, "__aiter__", "")
            .map_err(|_| self.type_error(format!("'async for' requires an object with __aiter__ method, got {tn}")))?;
        self.call_sync(&aiter, vec![])
    }
}

impl Vm {
    /// `yield from v`'s iterator: a generator as is, anything else through `iter()`.
    pub fn yield_from_iter(&mut self, v: Value) -> PyResult<Value> {
        if let Value::Obj(o) = &v {
            match o.as_ref() {
                Obj::Generator(g) if g.borrow().kind == GenKind::Sync => return Ok(v),
                Obj::Coroutine(_) => {
                    return Err(self.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"))
                }
                _ => {}
            }
        }
        self.get_iter(&v)
    }

    /// One step of `yield from`: send `v` into the delegate `sub` (`next` for `None`).
    pub fn delegate_send(&mut self, sub: &Value, v: Value) -> PyResult<GenStep> {
        if let Some(g) = as_generator(sub, GenKind::Sync) {
            let g = g.clone();
            return self.gen_resume(&g, Resume::Send(v));
        }
        if let Some(coro) = super::generator_coroutine::awaited_by(sub) {
            return self.await_wrapper_step(&coro, Resume::Send(v));
        }
        let method = if v.is_none() {
            if sub.as_instance().is_none() {
                return Ok(match self.next(sub)? {
                    Some(y) => GenStep::Yield(y),
                    None => GenStep::Return(Value::None),
                });
            }
            self.lookup_special(sub, "__next__", "")
                .map_err(|_| self.type_error(format!("'{}' object is not an iterator", self.type_name(sub))))?
        } else {
            self.get_attr(sub, "send")?
        };
        let args = if v.is_none() { vec![] } else { vec![v] };
        match self.call_sync(&method, args) {
            Ok(y) => Ok(GenStep::Yield(y)),
            Err(Fail::Exc(e)) if self.is_instance_of(&e, "StopIteration") => Ok(GenStep::Return(stop_value(&e))),
            Err(f) => Err(f),
        }
    }
}

/// Where the `Send` of the `yield from` a frame is suspended in jumps when the delegate
/// finishes; `None` if the frame is not suspended inside a `yield from`.
fn send_target(frame: &Frame) -> Option<usize> {
    let code = &frame.code;
    let Some(Instr::Jump(s)) = code.instrs.get(frame.ip) else { return None };
    match code.instrs.get(*s as usize) {
        Some(Instr::Send(t)) if matches!(code.instrs.get(frame.ip.wrapping_sub(1)), Some(Instr::YieldValue)) => {
            Some(*t as usize)
        }
        _ => None,
    }
}

fn gen_step_result(vm: &mut Vm, gen: &Rc<Obj>, input: Resume) -> PyResult<GenStep> {
    match input {
        Resume::Throw(e) => vm.gen_throw(gen, e),
        send => vm.gen_resume(gen, send),
    }
}

/// The value a `StopIteration` carries (`e.value`).
pub fn stop_value(e: &Value) -> Value {
    super::exceptions::exc_state(e).and_then(|s| s.borrow().args.first().cloned()).unwrap_or(Value::None)
}

fn recv_gen(a: &Args) -> Rc<Obj> {
    a.pos[0].as_obj().expect("generator receiver").clone()
}

fn one_arg(vm: &Vm, a: &Args, name: &str) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(vm.type_error(format!("{name}() takes exactly one argument ({} given)", a.pos.len() - 1)));
    }
    Ok(a.pos[1].clone())
}

/// `throw(value)` or the deprecated `throw(type[, value[, tb]])`: the exception instance.
pub(super) fn throw_args(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let Some(first) = a.pos.get(1).cloned() else {
        return Err(vm.type_error(format!("throw expected at least 1 argument, got {}", a.pos.len() - 1)));
    };
    let val = a.pos.get(2).cloned().unwrap_or(Value::None);
    if first.as_class().is_some() && super::types::is_exception_class(&first) {
        if val.is_none() {
            return vm.make_raisable(first);
        }
        if vm.type_of(&val).is(&first) || super::types::is_subclass(&vm.type_of(&val), &first) {
            return Ok(val);
        }
        let args = match &val {
            Value::Obj(o) => match o.as_ref() {
                Obj::Tuple(t) => t.clone(),
                _ => vec![val.clone()],
            },
            _ => vec![val.clone()],
        };
        return vm.call_sync(&first, args);
    }
    if super::exceptions::exc_state(&first).is_some() {
        if !val.is_none() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        return Ok(first);
    }
    let tn = vm.type_name(&first);
    Err(vm.type_error(format!("exceptions must be classes or instances deriving from BaseException, not {tn}")))
}

/// Which async-generator method an awaitable runs.
enum AgenOpKind {
    Anext,
    Asend(Value),
    Athrow(Value),
    Aclose,
}

/// The awaitable of `agen.__anext__()`, `asend`, `athrow` or `aclose` (CPython's
/// `async_generator_asend` / `async_generator_athrow`): it runs the generator's fiber
/// until the body yields (the awaitable's result) or finishes (`StopAsyncIteration`);
/// an `await` in the body suspends the awaiting task.
struct AgenOp {
    gen: Rc<Obj>,
    kind: AgenOpKind,
    started: bool,
}

fn agen_op(gen: Rc<Obj>, kind: AgenOpKind) -> Value {
    let op: Box<dyn NativeCoroutine> = Box::new(AgenOp { gen, kind, started: false });
    Value::obj(Obj::NativeCoro(RefCell::new(Some(op))))
}

impl AgenOp {
    fn label(&self) -> &'static str {
        match self.kind {
            AgenOpKind::Anext | AgenOpKind::Asend(_) => "anext",
            AgenOpKind::Athrow(_) => "athrow",
            AgenOpKind::Aclose => "aclose",
        }
    }

    /// The first step: what goes into the body, or an answer without running it.
    fn first_input(&mut self, vm: &mut Vm) -> Result<Resume, NativeStep> {
        let state = gen_cell(&self.gen).borrow().state;
        let closing = matches!(self.kind, AgenOpKind::Aclose);
        match (state, &self.kind) {
            (GenState::Done, AgenOpKind::Aclose) => return Err(NativeStep::Return(Value::None)),
            (GenState::Done, AgenOpKind::Athrow(e)) => return Err(NativeStep::Raise(Fail::Exc(e.clone()))),
            (GenState::Done, _) => return Err(NativeStep::Raise(vm.exc("StopAsyncIteration", ""))),
            (GenState::Created, _) if closing => {
                let mut g = gen_cell(&self.gen).borrow_mut();
                g.state = GenState::Done;
                g.fiber = None;
                return Err(NativeStep::Return(Value::None));
            }
            _ => {}
        }
        hook_for_shutdown(vm, &self.gen);
        Ok(match &self.kind {
            AgenOpKind::Anext => Resume::Send(Value::None),
            AgenOpKind::Asend(v) => Resume::Send(v.clone()),
            AgenOpKind::Athrow(e) => Resume::Throw(e.clone()),
            AgenOpKind::Aclose => {
                Resume::Throw(super::exceptions::new_exception(&vm.types.exc("GeneratorExit"), vec![]))
            }
        })
    }
}

impl NativeCoroutine for AgenOp {
    fn name(&self) -> &'static str {
        match self.kind {
            AgenOpKind::Anext | AgenOpKind::Asend(_) => "async_generator_asend",
            _ => "async_generator_athrow",
        }
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let (mut fiber, input) = if self.started {
            let fiber = gen_cell(&self.gen).borrow_mut().fiber.take();
            match fiber {
                Some(f) => (f, input),
                None => return NativeStep::Raise(vm.exc("RuntimeError", "async generator lost its frame")),
            }
        } else {
            self.started = true;
            let input = match self.first_input(vm) {
                Ok(i) => i,
                Err(step) => return step,
            };
            let label = self.label();
            match vm.gen_start(&self.gen, &input, label) {
                Ok(Ok(f)) => (f, input),
                Ok(Err(_)) => return NativeStep::Raise(vm.exc("StopAsyncIteration", "")),
                Err(f) => return NativeStep::Raise(f),
            }
        };
        let out = vm.run(&mut fiber, input);
        let closing = matches!(self.kind, AgenOpKind::Aclose);
        match vm.gen_settle(&self.gen, fiber, out) {
            Ok(Settled::Await(y)) => NativeStep::Yield(y),
            Ok(Settled::Step(GenStep::Yield(_))) if closing => {
                NativeStep::Raise(vm.exc("RuntimeError", "async generator ignored GeneratorExit"))
            }
            Ok(Settled::Step(GenStep::Yield(v))) => NativeStep::Return(v),
            Ok(Settled::Step(GenStep::Return(_))) if closing => NativeStep::Return(Value::None),
            Ok(Settled::Step(GenStep::Return(_))) => NativeStep::Raise(vm.exc("StopAsyncIteration", "")),
            Err(Fail::Exc(e))
                if closing && (vm.is_instance_of(&e, "GeneratorExit") || vm.is_instance_of(&e, "StopAsyncIteration")) =>
            {
                NativeStep::Return(Value::None)
            }
            Err(f) => NativeStep::Raise(f),
        }
    }
}

/// An async generator first iterated under a running event loop is remembered, so
/// `asyncio.run` can close it at the end (`loop.shutdown_asyncgens`).
fn hook_for_shutdown(vm: &mut Vm, gen: &Rc<Obj>) {
    let mut g = gen_cell(gen).borrow_mut();
    if g.hooked {
        return;
    }
    g.hooked = true;
    drop(g);
    (vm.hooks.first_iter_asyncgen)(vm, gen);
}

// ── finalization: a suspended generator dropped mid-`try` is closed, as CPython's
// `gen_dealloc` → `_PyGen_Finalize` closes it when its last reference goes ──

thread_local! {
    /// Fibers of generators dropped while suspended inside a `try`/`with` block, to close.
    static DROPPED: RefCell<Vec<(Rc<str>, Rc<str>, Fiber)>> = const { RefCell::new(Vec::new()) };
    static ANY_DROPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Drop cannot reach the VM: the fiber waits in `DROPPED` until the dispatch loop next
/// checks (`Vm::finalize_dropped`), right after the instruction that dropped it.
impl Drop for Generator {
    fn drop(&mut self) {
        if self.state != GenState::Suspended || self.kind != GenKind::Sync {
            return;
        }
        let Some(fiber) = self.fiber.take() else { return };
        let in_block = matches!(fiber.slots.first(), Some(Slot::Python(f)) if !f.blocks.is_empty());
        if !in_block {
            return;
        }
        let entry = (self.name.clone(), self.qualname.clone(), fiber);
        let queued = DROPPED.with(|d| match d.try_borrow_mut() {
            Ok(mut d) => {
                d.push(entry);
                true
            }
            Err(_) => false,
        });
        if queued {
            ANY_DROPPED.with(|a| a.set(true));
        }
    }
}

/// Something was dropped that the next drop check must see (a never-awaited coroutine,
/// whose warning wants the place it was dropped at).
pub fn mark_dropped() {
    ANY_DROPPED.with(|a| a.set(true));
}

/// Forget generators queued for finalization by an earlier run on this thread.
pub fn forget_dropped() {
    let old = DROPPED.with(|d| std::mem::take(&mut *d.borrow_mut()));
    ANY_DROPPED.with(|a| a.set(false));
    drop(old);
}

impl Vm {
    /// Close the generators dropped since the last check (their `finally` blocks and
    /// `with` exits run now). An exception a closing generator raises is ignored, as
    /// CPython reports and ignores it ("Exception ignored in: <generator object ...>").
    /// [`Vm::finalize_dropped`] in a running frame: a never-awaited coroutine dropped
    /// just now was dropped at this frame's line (if it is the program's).
    #[inline]
    pub fn finalize_dropped_at(&mut self, frame: &super::frame::Frame) -> PyResult<()> {
        if !ANY_DROPPED.with(|a| a.get()) {
            return Ok(());
        }
        if !frame.code.internal {
            super::value::locate_never_awaited(&frame.code, frame.line());
        }
        self.finalize_dropped_slow()
    }

    /// Close the generators dropped since the last check (see above), outside a frame.
    #[inline]
    pub fn finalize_dropped(&mut self) -> PyResult<()> {
        if !ANY_DROPPED.with(|a| a.get()) {
            return Ok(());
        }
        self.finalize_dropped_slow()
    }

    #[cold]
    fn finalize_dropped_slow(&mut self) -> PyResult<()> {
        loop {
            ANY_DROPPED.with(|a| a.set(false));
            let batch = DROPPED.with(|d| std::mem::take(&mut *d.borrow_mut()));
            let weak_due = super::weak::take_due();
            let del_due = super::finalizer::take_due();
            if batch.is_empty() && weak_due.is_empty() && del_due.is_empty() {
                return Ok(());
            }
            self.run_finalizers(del_due)?;
            // Weak references whose referent died: their callbacks, called with the
            // reference (`PyObject_ClearWeakRefs`); an exception one raises is ignored.
            for r in weak_due {
                let r = Value::Obj(r);
                let cb = match self.get_attr(&r, "__callback__") {
                    Ok(cb) => cb,
                    Err(Fail::Exc(_)) => continue,
                    Err(f) => return Err(f),
                };
                if cb.is_none() {
                    continue;
                }
                match self.call_sync(&cb, vec![r]) {
                    Ok(_) => {}
                    Err(Fail::Exc(e)) => {
                        // As `PyErr_WriteUnraisable`: reported on stderr, then ignored.
                        let what = self.repr(&cb).unwrap_or_default();
                        let tb = self.format_traceback(&e);
                        (self.hooks.write_stderr)(self, &format!("Exception ignored in: {what}\n{tb}"));
                    }
                    Err(f) => return Err(f),
                }
            }
            for (name, qualname, fiber) in batch {
                let gen = crate::vm::value::new_obj(Obj::Generator(RefCell::new(Generator {
                    name,
                    qualname,
                    kind: GenKind::Sync,
                    state: GenState::Suspended,
                    fiber: Some(fiber),
                    hooked: false,
                    iterable_coroutine: false,
                })));
                match self.gen_close(&gen) {
                    Ok(()) => {}
                    Err(Fail::Exc(e)) => {
                        // As `_PyGen_Finalize`: reported (`PyErr_WriteUnraisable`), ignored.
                        let what = self.repr(&Value::Obj(gen.clone())).unwrap_or_default();
                        let tb = self.format_traceback(&e);
                        (self.hooks.write_stderr)(self, &format!("Exception ignored in: {what}\n{tb}"));
                    }
                    Err(f) => return Err(f),
                }
                // Finalized once: a generator that yielded again (ignoring GeneratorExit)
                // is not closed again when it goes.
                if let Obj::Generator(g) = gen.as_ref() {
                    let mut g = g.borrow_mut();
                    g.state = GenState::Done;
                    let leftover = g.fiber.take();
                    drop(g);
                    drop(leftover);
                }
            }
        }
    }
}

// ── generators run on their consumer's fiber (`FrameKind::Generator`) ──

impl Vm {
    /// A `for` loop or `yield from` resumes the sync generator `it` with `sent`: its frame,
    /// to run on the consumer's fiber, or `None` when `it` is not a generator ready for
    /// that (the nested path answers: errors, a finished or new-with-a-value generator).
    pub fn gen_enter_inline(&mut self, it: &Value, sent: Value) -> PyResult<Option<Box<Frame>>> {
        let Some(gen) = as_generator(it, GenKind::Sync) else { return Ok(None) };
        let mut g = gen_cell(gen).borrow_mut();
        let ready = match g.state {
            GenState::Suspended => true,
            GenState::Created => sent.is_none(),
            _ => false,
        };
        if !ready {
            return Ok(None);
        }
        let Some(fiber) = g.fiber.as_mut() else { return Ok(None) };
        if fiber.slots.len() != 1 {
            return Ok(None);
        }
        let Some(Slot::Python(mut frame)) = fiber.slots.pop() else { unreachable!() };
        g.fiber = None;
        g.state = GenState::Running;
        if frame.suspended {
            frame.suspended = false;
            frame.stack.push(sent);
        }
        frame.kind = super::frame::FrameKind::Generator(gen.clone());
        Ok(Some(frame))
    }

    /// The inline generator frame yielded: it goes back into its generator.
    pub(super) fn gen_suspend_inline(&mut self, gen: &Rc<Obj>, frame: Box<Frame>) {
        let mut g = gen_cell(gen).borrow_mut();
        g.fiber = Some(Fiber { slots: vec![Slot::Python(frame)] });
        g.state = GenState::Suspended;
    }

    /// The inline generator frame returned.
    pub(super) fn gen_done_inline(&mut self, gen: &Rc<Obj>) {
        gen_cell(gen).borrow_mut().state = GenState::Done;
    }

    /// The inline generator frame raised `f` out: it is done, and PEP 479 applies.
    pub(super) fn gen_fail_inline(&mut self, gen: &Rc<Obj>, f: Fail) -> Fail {
        gen_cell(gen).borrow_mut().state = GenState::Done;
        match f {
            Fail::Exc(e) => Fail::Exc(self.pep479(e, GenKind::Sync)),
            other => other,
        }
    }
}
