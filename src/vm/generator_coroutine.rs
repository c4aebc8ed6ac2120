//! The coroutine protocol (CPython's `Objects/genobject.c` for coroutines, PEP 492):
//! `coro.send(value)`, `coro.throw(exc)` and `coro.close()` drive a coroutine by hand, as
//! an event loop does; `await` accepts any object whose `__await__` returns an iterator,
//! and generators made by a `types.coroutine` function (`CO_ITERABLE_COROUTINE`).
//!
//! A coroutine driven by `send` runs its fiber nested (like a generator's `next`) until it
//! suspends: at a future (which `send` returns, as a `Future` yields itself in CPython),
//! at a bare yield (`None`, as `asyncio.sleep(0)` yields), or at a value yielded by an
//! `__await__` iterator. Its return value arrives as `StopIteration(value)`; sending to a
//! finished coroutine is "cannot reuse already awaited coroutine".

use super::dispatch::Outcome;
use super::frame::Fiber;
use super::generator::{as_generator, stop_value, GenKind, GenStep};
use super::value::{Args, Builtin, CoroState, NativeCoroutine, NativeFn, NativeStep, Obj, Resume, Value, Yielded};
use super::{Fail, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

fn coro_cell(o: &Rc<Obj>) -> &RefCell<super::value::Coroutine> {
    match o.as_ref() {
        Obj::Coroutine(c) => c,
        _ => unreachable!("not a coroutine"),
    }
}

impl Vm {
    /// The attributes of coroutine objects: `send`, `throw`, `close`, `cr_running`...
    pub fn coroutine_attr(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let Value::Obj(o) = obj else { return None };
        if let Obj::NativeCoro(_) = o.as_ref() {
            // A coroutine of the runtime (`asyncio.sleep(1)`): it can be awaited through
            // an iterator, or closed.
            let f: NativeFn = match name {
                "__await__" => |_, a| Ok(await_wrapper(a.pos[0].clone())),
                "close" => |_, a| {
                    if let Some(Obj::NativeCoro(c)) = a.pos[0].as_obj().map(|o| o.as_ref()) {
                        c.borrow_mut().take();
                    }
                    Ok(Value::None)
                },
                _ => return None,
            };
            let name: &'static str = if name == "close" { "close" } else { "__await__" };
            return Some(Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(obj.clone()), unbound: None })));
        }
        let Obj::Coroutine(c) = o.as_ref() else { return None };
        let f: NativeFn = match name {
            "__name__" => return Some(Value::Str(c.borrow().name.clone())),
            "__qualname__" => return Some(Value::Str(c.borrow().qualname.clone())),
            "cr_running" => {
                let c = c.borrow();
                return Some(Value::Bool(matches!(c.state, CoroState::Running) && c.driven.is_none()));
            }
            "send" => |vm, a| {
                if a.pos.len() != 2 {
                    return Err(vm.type_error(format!("send() takes exactly one argument ({} given)", a.pos.len() - 1)));
                }
                vm.coro_step(&recv(&a), Resume::Send(a.pos[1].clone()))
            },
            "throw" => |vm, a| {
                let exc = super::generator::throw_args(vm, &a)?;
                vm.coro_step(&recv(&a), Resume::Throw(exc))
            },
            "close" => |vm, a| vm.coro_close(&recv(&a)).map(|_| Value::None),
            "__await__" => |_, a| Ok(await_wrapper(a.pos[0].clone())),
            _ => return None,
        };
        let name: &'static str = match name {
            "send" => "send",
            "throw" => "throw",
            "__await__" => "__await__",
            _ => "close",
        };
        Some(Value::obj(Obj::Builtin(Builtin { name, f, recv: Some(obj.clone()), unbound: None })))
    }

    /// One step of a coroutine driven by hand: what it yields, or `StopIteration` with its
    /// return value.
    pub fn coro_step(&mut self, co: &Rc<Obj>, input: Resume) -> PyResult<Value> {
        let mut fiber = {
            let mut c = coro_cell(co).borrow_mut();
            if let Some(f) = c.driven.take() {
                f
            } else {
                match std::mem::replace(&mut c.state, CoroState::Running) {
                    CoroState::Created(frame) => {
                        if let Resume::Send(v) = &input {
                            if !v.is_none() {
                                c.state = CoroState::Created(frame);
                                drop(c);
                                return Err(self.type_error("can't send non-None value to a just-started coroutine"));
                            }
                        }
                        Fiber::new(*frame)
                    }
                    CoroState::Running => {
                        drop(c);
                        return Err(self.value_error("coroutine already executing"));
                    }
                    CoroState::Done => {
                        c.state = CoroState::Done;
                        drop(c);
                        return Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"));
                    }
                }
            }
        };
        let out = self.run_nested(&mut fiber, input);
        let yielded = match out {
            Outcome::Yield(Yielded::Future(f)) => Value::Obj(f),
            Outcome::Yield(Yielded::Bare) => Value::None,
            Outcome::Yield(Yielded::Value(v)) => v,
            Outcome::Yield(Yielded::Block | Yielded::Preempt) => {
                coro_cell(co).borrow_mut().state = CoroState::Done;
                return Err(self.exc("RuntimeError", "a coroutine driven by send() blocked its thread"));
            }
            Outcome::Return(v) => {
                coro_cell(co).borrow_mut().state = CoroState::Done;
                return Err(self.stop_iteration(v));
            }
            Outcome::Raise(f) => {
                coro_cell(co).borrow_mut().state = CoroState::Done;
                return Err(f);
            }
        };
        coro_cell(co).borrow_mut().driven = Some(fiber);
        Ok(yielded)
    }

    /// PEP 479 for coroutines: a `StopIteration` escaping a coroutine's body becomes
    /// "RuntimeError: coroutine raised StopIteration" (the dispatch loop applies it when a
    /// coroutine's frame raises).
    pub(super) fn coroutine_pep479(&mut self, f: Fail) -> Fail {
        let Fail::Exc(e) = &f else { return f };
        if !self.is_instance_of(e, "StopIteration") {
            return f;
        }
        let Fail::Exc(err) = self.exc("RuntimeError", "coroutine raised StopIteration") else { unreachable!() };
        super::exceptions::set_cause(&err, Some(e.clone()));
        super::exceptions::set_context_if_unset(&err, e);
        Fail::Exc(err)
    }

    /// `coro.close()`: a coroutine never started just ends (without the "never awaited"
    /// warning); a suspended one gets `GeneratorExit` and must not suspend again.
    pub fn coro_close(&mut self, co: &Rc<Obj>) -> PyResult<()> {
        {
            let mut c = coro_cell(co).borrow_mut();
            if c.driven.is_none() {
                if matches!(c.state, CoroState::Created(_)) {
                    c.state = CoroState::Done;
                }
                return Ok(());
            }
        }
        let exit = super::exceptions::new_exception(&self.types.exc("GeneratorExit"), vec![]);
        match self.coro_step(co, Resume::Throw(exit)) {
            Ok(_) => {
                let mut c = coro_cell(co).borrow_mut();
                c.driven = None;
                c.state = CoroState::Done;
                drop(c);
                Err(self.exc("RuntimeError", "coroutine ignored GeneratorExit"))
            }
            Err(Fail::Exc(e)) if self.is_instance_of(&e, "GeneratorExit") || self.is_instance_of(&e, "StopIteration") => {
                Ok(())
            }
            Err(f) => Err(f),
        }
    }

    /// The awaitable behind `await obj` for objects that are not coroutines or futures:
    /// the iterator `obj.__await__()` returns, or a `types.coroutine` generator. `None`
    /// when `obj` is not awaitable at all.
    pub fn await_iterator(&mut self, aw: &Value) -> PyResult<Option<Box<dyn NativeCoroutine>>> {
        if let Some(g) = as_generator(aw, GenKind::Sync) {
            let Obj::Generator(cell) = g.as_ref() else { unreachable!() };
            if cell.borrow().iterable_coroutine {
                return Ok(Some(Box::new(AwaitIter { it: aw.clone() })));
            }
            return Ok(None);
        }
        if aw.as_instance().is_none() {
            return Ok(None);
        }
        let Some(method) = self.lookup_special(aw, "__await__", "").ok() else { return Ok(None) };
        let it = self.call_sync(&method, vec![])?;
        if matches!(it.as_obj().map(|o| o.as_ref()), Some(Obj::Coroutine(_))) {
            return Err(self.type_error("__await__() returned a coroutine"));
        }
        let is_iterator = as_generator(&it, GenKind::Sync).is_some()
            || matches!(it.as_obj().map(|o| o.as_ref()), Some(Obj::Iter(_)))
            || (it.as_instance().is_some() && self.lookup_special(&it, "__next__", "").is_ok());
        if !is_iterator {
            let tn = self.type_name(&it);
            return Err(self.type_error(format!("__await__() returned non-iterator of type '{tn}'")));
        }
        Ok(Some(Box::new(AwaitIter { it })))
    }
}

fn recv(a: &Args) -> Rc<Obj> {
    a.pos[0].as_obj().expect("coroutine receiver").clone()
}

/// `await` over an iterator (`__await__`'s, or a generator-based coroutine): each value
/// it yields goes to whoever drives the awaiting coroutine (`None` reschedules a task, a
/// future suspends it until done), its return value is the `await`'s value.
struct AwaitIter {
    it: Value,
}

impl NativeCoroutine for AwaitIter {
    fn name(&self) -> &'static str {
        "__await__"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let step = match input {
            Resume::Send(v) => vm.delegate_send(&self.it, v),
            Resume::Throw(e) => match as_generator(&self.it, GenKind::Sync) {
                Some(g) => {
                    let g = g.clone();
                    vm.gen_throw(&g, e)
                }
                None => match vm.try_get_attr(&self.it, "throw") {
                    Ok(Some(throw)) => match vm.call_sync(&throw, vec![e]) {
                        Ok(y) => Ok(GenStep::Yield(y)),
                        Err(Fail::Exc(x)) if vm.is_instance_of(&x, "StopIteration") => Ok(GenStep::Return(stop_value(&x))),
                        Err(f) => Err(f),
                    },
                    Ok(None) => Err(Fail::Exc(e)),
                    Err(f) => Err(f),
                },
            },
        };
        match step {
            Ok(GenStep::Yield(Value::None)) => NativeStep::Yield(Yielded::Bare),
            Ok(GenStep::Yield(Value::Obj(o))) if matches!(o.as_ref(), Obj::Native(n) if n.future_done().is_some()) => {
                NativeStep::Yield(Yielded::Future(o))
            }
            Ok(GenStep::Yield(v)) => NativeStep::Yield(Yielded::Value(v)),
            Ok(GenStep::Return(v)) => NativeStep::Return(v),
            Err(f) => NativeStep::Raise(f),
        }
    }
}

/// The function behind `v`: itself, or the function of a bound method.
fn function_of(v: &Value) -> Option<&super::value::Function> {
    match v.as_obj()?.as_ref() {
        Obj::Function(f) => Some(f),
        Obj::Method(f, _) => function_of(f),
        _ => None,
    }
}

/// `inspect.iscoroutinefunction`: an `async def` without `yield`.
pub fn is_coroutine_function(v: &Value) -> bool {
    function_of(v).is_some_and(|f| f.code.is_coroutine())
}

/// `inspect.isgeneratorfunction`: a `def` with `yield`.
pub fn is_generator_function(v: &Value) -> bool {
    function_of(v).is_some_and(|f| f.code.is_generator && !f.code.is_async)
}

/// `inspect.isasyncgenfunction`: an `async def` with `yield`.
pub fn is_asyncgen_function(v: &Value) -> bool {
    function_of(v).is_some_and(|f| f.code.is_generator && f.code.is_async)
}

impl Vm {
    /// `inspect.isawaitable`: a coroutine, a future or task, a `types.coroutine`
    /// generator, or an object with `__await__`.
    pub fn is_awaitable(&mut self, v: &Value) -> bool {
        match v.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Coroutine(_) | Obj::NativeCoro(_)) => true,
            Some(Obj::Native(n)) => n.future_done().is_some(),
            Some(Obj::Generator(g)) => g.borrow().iterable_coroutine,
            Some(Obj::Instance(_)) => self.lookup_special(v, "__await__", "").is_ok(),
            _ => false,
        }
    }

    /// `types.coroutine(func)` for a generator function: the same function whose
    /// generators may be awaited (CPython sets `CO_ITERABLE_COROUTINE` on its code).
    /// Any other callable is returned unchanged (its results are awaited as they are).
    pub fn types_coroutine(&mut self, func: &Value) -> PyResult<Value> {
        let Some(Obj::Function(f)) = func.as_obj().map(|o| o.as_ref()) else {
            if self.is_callable(func) {
                return Ok(func.clone());
            }
            return Err(self.type_error("types.coroutine() expects a callable"));
        };
        if !f.code.is_generator || f.code.is_async {
            return Ok(func.clone());
        }
        let code = Rc::new(crate::compiler::Code { iterable_coroutine: true, ..(*f.code).clone() });
        Ok(Value::obj(Obj::Function(Box::new(super::value::Function {
            code,
            globals: f.globals.clone(),
            defaults: f.defaults.clone(),
            kwdefaults: f.kwdefaults.clone(),
            closure: f.closure.clone(),
            name: f.name.clone(),
            owner: RefCell::new(f.owner.borrow().clone()),
            attrs: RefCell::new(f.attrs.borrow().clone()),
        }))))
    }

    fn is_callable(&mut self, v: &Value) -> bool {
        match v.as_obj().map(|o| o.as_ref()) {
            Some(Obj::Function(_) | Obj::Method(..) | Obj::Builtin(_) | Obj::Class(_)) => true,
            Some(Obj::Instance(_)) => self.lookup_special(v, "__call__", "").is_ok(),
            _ => false,
        }
    }
}

/// `coro.__await__()`: an iterator that steps `coro` (CPython's `coroutine_wrapper`),
/// so a generator can `yield from` a coroutine's steps.
pub fn await_wrapper(coro: Value) -> Value {
    Value::obj(Obj::Iter(RefCell::new(super::value::Iter::Await { coro })))
}

/// The coroutine an `__await__` iterator steps, if `v` is one.
pub fn awaited_by(v: &Value) -> Option<Value> {
    match v.as_obj()?.as_ref() {
        Obj::Iter(i) => match &*i.borrow() {
            super::value::Iter::Await { coro } => Some(coro.clone()),
            _ => None,
        },
        _ => None,
    }
}

impl Vm {
    /// One step of a coroutine through its `__await__` iterator: a Python coroutine as
    /// `send` drives it, or a native one (`asyncio.sleep(...)`) resumed in place.
    pub fn await_wrapper_step(&mut self, coro: &Value, input: Resume) -> PyResult<GenStep> {
        let Some(o) = coro.as_obj() else { unreachable!("awaiting a coroutine") };
        match o.as_ref() {
            Obj::Coroutine(_) => match self.coro_step(o, input) {
                Ok(v) => Ok(GenStep::Yield(v)),
                Err(Fail::Exc(e)) if self.is_instance_of(&e, "StopIteration") => Ok(GenStep::Return(stop_value(&e))),
                Err(f) => Err(f),
            },
            Obj::NativeCoro(cell) => {
                let Some(mut n) = cell.borrow_mut().take() else {
                    return Err(self.exc("RuntimeError", "cannot reuse already awaited coroutine"));
                };
                match n.resume(self, input) {
                    NativeStep::Return(v) => Ok(GenStep::Return(v)),
                    NativeStep::Raise(f) => Err(f),
                    NativeStep::Yield(y) => {
                        *cell.borrow_mut() = Some(n);
                        Ok(GenStep::Yield(match y {
                            Yielded::Future(f) => Value::Obj(f),
                            Yielded::Value(v) => v,
                            _ => Value::None,
                        }))
                    }
                }
            }
            _ => Err(self.type_error("object is not a coroutine")),
        }
    }
}
