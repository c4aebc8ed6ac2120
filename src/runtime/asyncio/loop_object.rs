//! The event loop object that Python code sees (`asyncio.get_running_loop()`), after
//! CPython's `asyncio/base_events.py`: `time`, `create_future`, `create_task`,
//! `call_soon`/`call_later`/`call_at` (returning handles), `run_in_executor`.
//! The loop's state lives in `event_loop::EventLoop`; this object is its Python face.

use super::{event_loop, future, task};
use crate::vm::native::{m, NativeObject};
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The running loop, as a Python object.
pub struct LoopObject;

impl NativeObject for LoopObject {
    fn class_key(&self) -> &'static str {
        "asyncio._UnixSelectorEventLoop"
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        loop_method(name)
    }
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok("<_UnixSelectorEventLoop running=True closed=False debug=False>".into())
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
            task::create_task(vm, coro, name)
        }),
        "call_soon" => m("call_soon", |vm, mut a| {
            a.take_kw("context");
            let (f, args) = python_callback(vm, &a, 1, "call_soon")?;
            let (id, c) = event_loop::call_soon_handle(vm, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, None))
        }),
        "call_later" => m("call_later", |vm, mut a| {
            a.take_kw("context");
            let delay = delay_arg(vm, a.pos.get(1), "delay")?;
            let (f, args) = python_callback(vm, &a, 2, "call_later")?;
            let when = vm.rt.now + delay;
            let (id, c) = event_loop::call_at(vm, when, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, Some(when)))
        }),
        "call_at" => m("call_at", |vm, mut a| {
            a.take_kw("context");
            let when = delay_arg(vm, a.pos.get(1), "when")?;
            let (f, args) = python_callback(vm, &a, 2, "call_at")?;
            let (id, c) = event_loop::call_at(vm, when, event_loop::Callback::Python(f), args);
            Ok(event_loop::handle_value(id, c, Some(when)))
        }),
        "run_in_executor" => m("run_in_executor", |vm, a| {
            let func = a.pos.get(2).cloned().ok_or_else(|| vm.type_error("run_in_executor() missing 'func'"))?;
            let args = Value::tuple(a.pos[3..].to_vec());
            run_in_executor(vm, func, args)
        }),
        "is_running" => m("is_running", |vm, _a| Ok(Value::Bool(vm.rt.event_loop.is_some()))),
        "is_closed" => m("is_closed", |vm, _a| Ok(Value::Bool(vm.rt.event_loop.is_none()))),
        "stop" => m("stop", |vm, _a| {
            if let Some(l) = vm.rt.event_loop.as_mut() {
                l.stopping = true;
            }
            Ok(Value::None)
        }),
        "run_until_complete" | "run_forever" | "close" => m("run_until_complete", |vm, _a| {
            Err(vm.exc("RuntimeError", "This event loop is already running"))
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
    let done = fut.clone();
    vm.rt.world.thread_mut(tid).on_done = Some(Box::new(move |vm, result| {
        if let Some(slot) = vm.rt.executor_slots.remove(&tid) {
            vm.rt.executor_busy[slot] = false;
        }
        event_loop::call_soon(vm, event_loop::Callback::Complete { fut: done, result }, vec![]);
        Ok(())
    }));
    vm.rt.executor_slots.insert(tid, slot);
    Ok(Value::Obj(fut))
}

