//! The event loop object that Python code sees (`asyncio.get_running_loop()`,
//! `asyncio.new_event_loop()`), after CPython's `asyncio/base_events.py`: `time`,
//! `create_future`, `create_task`, `call_soon`/`call_soon_threadsafe`/`call_later`/
//! `call_at` (returning handles), `run_in_executor`, `run_until_complete`,
//! `run_forever`, `stop`, `close`, `is_running`, `is_closed`, the exception handler.
//! The loop's state is an `event_loop::EventLoop`; this object holds only its id, and
//! each method runs with that state in place (`loops::with_loop`).

use super::loops::{self, LoopId};
use super::{event_loop, exception_handler, future, task};
use crate::vm::native::{m, NativeObject};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// An event loop, as a Python object.
pub struct LoopObject {
    /// The loop it stands for.
    pub id: LoopId,
}

impl NativeObject for LoopObject {
    fn class_key(&self) -> &'static str {
        "asyncio._UnixSelectorEventLoop"
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        loop_method(name)
    }
    fn repr(&self, vm: &mut Vm, _me: &Value) -> PyResult<String> {
        let (running, closed) = (loops::is_running(vm, self.id), loops::is_closed(vm, self.id));
        let debug = loops::state_mut(vm, self.id).map(|l| l.debug).unwrap_or(false);
        let py = |b: bool| if b { "True" } else { "False" };
        Ok(format!("<_UnixSelectorEventLoop running={} closed={} debug={}>", py(running), py(closed), py(debug)))
    }
    fn attr(&self, vm: &mut Vm, _me: &Value, name: &str) -> Option<Value> {
        match name {
            "slow_callback_duration" => loops::state_mut(vm, self.id).map(|l| Value::Float(l.slow_callback_duration)),
            _ => None,
        }
    }
    fn set_attr(&self, vm: &mut Vm, name: &str, value: Value) -> Option<PyResult<()>> {
        match name {
            // A plain attribute in CPython: any number is accepted.
            "slow_callback_duration" => Some(match crate::vm::ops::num(&value) {
                Some(n) => {
                    if let Some(l) = loops::state_mut(vm, self.id) {
                        l.slow_callback_duration = n.as_f64();
                    }
                    Ok(())
                }
                None => Err(vm.type_error("slow_callback_duration must be a number")),
            }),
            _ => None,
        }
    }
}

fn python_callback(vm: &mut Vm, a: &Args, at: usize, method_name: &str) -> PyResult<(Value, Vec<Value>)> {
    let f = a.pos.get(at).cloned().ok_or_else(|| vm.type_error(format!("{method_name}() missing required argument 'callback'")))?;
    Ok((f, a.pos[at + 1..].to_vec()))
}

fn delay_arg(vm: &Vm, v: Option<&Value>, what: &str) -> PyResult<f64> {
    match v.and_then(crate::vm::ops::num) {
        Some(n) => Ok(n.as_f64()),
        None => Err(vm.type_error(format!("{what} must be a number"))),
    }
}

fn id(a: &Args) -> LoopId {
    loops::id_of(&a.pos[0]).expect("a loop")
}

/// Run `f` on the receiver's loop state, after `_check_closed` when `open` is set.
fn on_loop(vm: &mut Vm, a: &Args, open: bool, f: impl FnOnce(&mut Vm) -> PyResult<Value>) -> PyResult<Value> {
    let id = id(a);
    if open {
        loops::check_open(vm, id)?;
    }
    loops::with_loop(vm, id, f)
}

fn call_soon(vm: &mut Vm, mut a: Args, name: &str) -> PyResult<Value> {
    a.take_kw("context");
    let (f, args) = python_callback(vm, &a, 1, name)?;
    on_loop(vm, &a, true, |vm| {
        let (id, c) = event_loop::call_soon_handle(vm, event_loop::Callback::Python(f), args);
        Ok(event_loop::handle_value(id, c, None))
    })
}

fn call_at(vm: &mut Vm, a: &Args, when: f64, name: &str) -> PyResult<Value> {
    let (f, args) = python_callback(vm, a, 2, name)?;
    on_loop(vm, a, true, |vm| {
        let (id, c) = event_loop::call_at(vm, when, event_loop::Callback::Python(f), args);
        Ok(event_loop::handle_value(id, c, Some(when)))
    })
}

/// `loop.set_debug(enabled)`: CPython's `BaseEventLoop.set_debug` also sets the
/// coroutine origin tracking depth, which this engine does not record.
pub fn set_debug(vm: &mut Vm, id: LoopId, on: bool) {
    if let Some(l) = loops::state_mut(vm, id) {
        l.debug = on;
    }
}

/// The builtin `callable(v)`.
fn is_callable(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    let callable = vm.builtins.get("callable").expect("the builtin callable");
    let r = vm.call_sync(&callable, vec![v.clone()])?;
    vm.truthy(&r)
}

/// The event loop's methods.
fn loop_method(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "time" => m("time", |vm, _a| Ok(Value::Float(vm.rt.now))),
        "create_future" => m("create_future", |vm, _a| {
            Ok(Value::Obj(future::new_future(vm, future::Label::Plain)))
        }),
        "create_task" => m("create_task", |vm, mut a| {
            let name = a.take_kw("name");
            a.take_kw("context");
            let coro = a.pos.get(1).cloned().unwrap_or(Value::None);
            on_loop(vm, &a, true, |vm| match task::create_task_by_factory(vm, &coro, name.clone())? {
                Some(t) => Ok(t),
                None => task::create_task(vm, coro, name),
            })
        }),
        "call_soon" => m("call_soon", |vm, a| call_soon(vm, a, "call_soon")),
        // One loop state for all threads: scheduling from another thread is `call_soon`,
        // and a loop blocked in its selector wakes when its ready queue fills.
        "call_soon_threadsafe" => m("call_soon_threadsafe", |vm, a| call_soon(vm, a, "call_soon_threadsafe")),
        "call_later" => m("call_later", |vm, mut a| {
            a.take_kw("context");
            let delay = delay_arg(vm, a.pos.get(1), "delay")?;
            call_at(vm, &a, vm.rt.now + delay, "call_later")
        }),
        "call_at" => m("call_at", |vm, mut a| {
            a.take_kw("context");
            let when = delay_arg(vm, a.pos.get(1), "when")?;
            call_at(vm, &a, when, "call_at")
        }),
        "run_in_executor" => m("run_in_executor", |vm, a| {
            let func = a.pos.get(2).cloned().ok_or_else(|| vm.type_error("run_in_executor() missing 'func'"))?;
            let args = Value::tuple(a.pos[3..].to_vec());
            on_loop(vm, &a, true, |vm| run_in_executor(vm, func, args))
        }),
        "is_running" => m("is_running", |vm, a| Ok(Value::Bool(loops::is_running(vm, id(&a))))),
        "is_closed" => m("is_closed", |vm, a| Ok(Value::Bool(loops::is_closed(vm, id(&a))))),
        "get_debug" => m("get_debug", |vm, a| Ok(Value::Bool(loops::state_mut(vm, id(&a)).map(|l| l.debug).unwrap_or(false)))),
        "set_debug" => m("set_debug", |vm, a| {
            crate::builtins::arity(vm, &a, "set_debug", 2, 2)?;
            let on = vm.truthy(&a.pos[1])?;
            set_debug(vm, id(&a), on);
            Ok(Value::None)
        }),
        "stop" => m("stop", |vm, a| {
            on_loop(vm, &a, false, |vm| {
                if let Some(l) = vm.rt.event_loop.as_mut() {
                    l.stopping = true;
                }
                Ok(Value::None)
            })
        }),
        "run_until_complete" => m("run_until_complete", |vm, a| {
            crate::builtins::arity(vm, &a, "run_until_complete", 2, 2)?;
            let id = id(&a);
            loops::check_can_run(vm, id)?;
            super::loop_run::run_until_complete(vm, id, a.pos[1].clone())
        }),
        "run_forever" => m("run_forever", |vm, a| {
            let id = id(&a);
            loops::check_can_run(vm, id)?;
            Ok(super::loop_run::run_forever(vm, id))
        }),
        "close" => m("close", |vm, a| loops::close(vm, id(&a)).map(|_| Value::None)),
        "shutdown_asyncgens" => m("shutdown_asyncgens", |_vm, _a| Ok(task::noop_coroutine())),
        "shutdown_default_executor" => m("shutdown_default_executor", |_vm, _a| Ok(task::noop_coroutine())),
        "set_exception_handler" => m("set_exception_handler", |vm, a| {
            crate::builtins::arity(vm, &a, "set_exception_handler", 2, 2)?;
            let h = a.pos[1].clone();
            if !h.is_none() && !is_callable(vm, &h)? {
                let r = vm.repr(&h)?;
                return Err(vm.type_error(format!("A callable object or None is expected, got {r}")));
            }
            on_loop(vm, &a, false, |vm| {
                if let Some(l) = vm.rt.event_loop.as_mut() {
                    l.exception_handler = if h.is_none() { None } else { Some(h) };
                }
                Ok(Value::None)
            })
        }),
        "set_task_factory" => m("set_task_factory", |vm, a| {
            crate::builtins::arity(vm, &a, "set_task_factory", 2, 2)?;
            let f = a.pos[1].clone();
            if !f.is_none() && !is_callable(vm, &f)? {
                return Err(vm.type_error("task factory must be a callable or None"));
            }
            on_loop(vm, &a, false, |vm| {
                if let Some(l) = vm.rt.event_loop.as_mut() {
                    l.task_factory = if f.is_none() { None } else { Some(f) };
                }
                Ok(Value::None)
            })
        }),
        "get_task_factory" => m("get_task_factory", |vm, a| {
            on_loop(vm, &a, false, |vm| Ok(vm.rt.event_loop.as_ref().and_then(|l| l.task_factory.clone()).unwrap_or(Value::None)))
        }),
        "get_exception_handler" => m("get_exception_handler", |vm, a| {
            on_loop(vm, &a, false, |vm| {
                Ok(vm.rt.event_loop.as_ref().and_then(|l| l.exception_handler.clone()).unwrap_or(Value::None))
            })
        }),
        "call_exception_handler" => m("call_exception_handler", |vm, a| {
            crate::builtins::arity(vm, &a, "call_exception_handler", 2, 2)?;
            let pairs = exception_handler::context_pairs(vm, &a.pos[1])?;
            on_loop(vm, &a, false, |vm| {
                let ctx: Vec<(&str, Value)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                exception_handler::call_exception_handler(vm, ctx).map(|_| Value::None)
            })
        }),
        "default_exception_handler" => m("default_exception_handler", |vm, a| {
            crate::builtins::arity(vm, &a, "default_exception_handler", 2, 2)?;
            let pairs = exception_handler::context_pairs(vm, &a.pos[1])?;
            let ctx: Vec<(&str, Value)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            exception_handler::default_exception_handler(vm, &ctx).map(|_| Value::None)
        }),
        _ => return None,
    })
}

/// `loop.run_in_executor(None, func, *args)`: run `func` in a worker thread of the
/// default executor (named `asyncio_N`, reusing the names of idle workers as
/// `ThreadPoolExecutor` reuses idle threads) and return a future for its result.
fn run_in_executor(vm: &mut Vm, func: Value, args: Value) -> PyResult<Value> {
    let fut = future::new_future(vm, future::Label::Plain);
    let slot = match vm.rt.executor_busy.iter().position(|b| !*b) {
        Some(i) => i,
        None => {
            vm.rt.executor_busy.push(false);
            vm.rt.executor_busy.len() - 1
        }
    };
    vm.rt.executor_busy[slot] = true;
    let call = vm
        .modules
        .get("_asyncio")
        .and_then(|m| m.as_obj().cloned())
        .and_then(|m| match m.as_ref() {
            Obj::Module(md) => md.get("executor_call"),
            _ => None,
        })
        .expect("asyncio prelude");
    let name: Rc<str> = format!("asyncio_{slot}").into();
    let tid = crate::runtime::threads::threading_module::spawn(vm, call, vec![func, args], name, true, None)?;
    // The worker's result completes the future on the loop, and frees its slot.
    // The worker finishes in its own thread: its result goes to this loop
    // (`call_soon_threadsafe`), wherever the loop runs by then.
    let done = fut.clone();
    let loop_id = vm.rt.event_loop.as_ref().map(|l| l.id);
    vm.rt.world.thread_mut(tid).on_done = Some(Box::new(move |vm, result| {
        if let Some(slot) = vm.rt.executor_slots.remove(&tid) {
            vm.rt.executor_busy[slot] = false;
        }
        let complete = event_loop::Callback::Complete { fut: done, result };
        match loop_id.filter(|&id| loops::state_mut(vm, id).is_some()) {
            Some(id) => loops::with_loop(vm, id, |vm| event_loop::call_soon(vm, complete, vec![])),
            None => event_loop::call_soon(vm, complete, vec![]),
        };
        Ok(())
    }));
    vm.rt.executor_slots.insert(tid, slot);
    Ok(Value::Obj(fut))
}

