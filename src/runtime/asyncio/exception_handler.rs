//! The loop's exception handler (`BaseEventLoop.call_exception_handler` and
//! `default_exception_handler`, CPython 3.11's `base_events.py`) and the report of
//! exceptions no one retrieved (`Future.__del__` in `futures.py`).
//!
//! CPython prints "Task exception was never retrieved" when the task object is
//! destroyed, which reference counting makes deterministic in the common cases:
//! * a task nobody holds (`asyncio.create_task(boom())` with the result dropped) dies
//!   with the handle of its last step, so the message comes right after that step. We
//!   see the same thing: when the step that raised ends and the handle's reference is
//!   the only one left (`Rc::strong_count == 1`), the report is made at once;
//! * a task the program still holds (`t = create_task(...)`) dies with the last
//!   reference, typically when the coroutine holding it returns. We report those when
//!   their loop closes (the end of `asyncio.run`, or `loop.close()`): the same place
//!   relative to the program's output in the usual shape (`main` returns, the run ends),
//!   without tracking every reference.

use super::future::{fut, Status};
use crate::vm::value::{Key, Obj, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::rc::Rc;

/// A future or task just finished with an exception (its `__log_traceback` is set):
/// report it now if nothing else holds it, else when its loop closes.
pub fn exception_set(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<()> {
    // A task that just finished is still in its loop's list (pruned later, in bulk).
    let listed = fut(f).task.as_ref().is_some_and(|t| t.borrow().listed) as usize;
    if Rc::strong_count(f) == 1 + listed {
        return report_unretrieved(vm, f);
    }
    if let Some(l) = vm.rt.event_loop.as_mut() {
        l.unretrieved.push(f.clone());
    }
    Ok(())
}

/// `Future.__del__`: if the exception was never retrieved, tell the loop's handler.
pub fn report_unretrieved(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<()> {
    let exc = {
        let st = fut(f).state.borrow();
        if !st.log_traceback || st.status != Status::Finished {
            return Ok(());
        }
        st.exception.clone()
    };
    let Some(exc) = exc else { return Ok(()) };
    fut(f).state.borrow_mut().log_traceback = false;
    let what = if fut(f).is_task() { "Task" } else { "Future" };
    let message = Value::str(&format!("{what} exception was never retrieved"));
    call_exception_handler(vm, vec![("message", message), ("exception", exc), ("future", Value::Obj(f.clone()))])
}

/// `loop.call_exception_handler(context)` on the running loop: the custom handler if
/// one is set (`handler(loop, context)`), else the default one.
pub fn call_exception_handler(vm: &mut Vm, context: Vec<(&str, Value)>) -> PyResult<()> {
    let (handler, object) = match vm.rt.event_loop.as_ref() {
        Some(l) => (l.exception_handler.clone(), l.object.clone()),
        None => (None, Value::None),
    };
    let Some(handler) = handler else {
        return default_exception_handler(vm, &context);
    };
    let dict = context_dict(vm, &context)?;
    match vm.call_sync(&handler, vec![object, dict]) {
        Ok(_) => Ok(()),
        Err(Fail::Exc(e)) => {
            // "Guard 'default_exception_handler' in case it is overloaded."
            let tb = vm.format_traceback(&e);
            vm.write_output(&format!("Unhandled error in exception handler\n{tb}"), true);
            Ok(())
        }
        Err(stop) => Err(stop),
    }
}

fn context_dict(vm: &mut Vm, context: &[(&str, Value)]) -> PyResult<Value> {
    let mut d = crate::vm::value::Dict::default();
    for (k, v) in context {
        d.insert(Key::new(Value::str(k)), v.clone());
    }
    Ok(vm.new_dict(d))
}

/// `loop.default_exception_handler(context)`: the message, then `key: repr(value)` for
/// the other keys in sorted order, then the exception's traceback, on stderr (what
/// `logger.error(..., exc_info=...)` prints through logging's last-resort handler).
pub fn default_exception_handler(vm: &mut Vm, context: &[(&str, Value)]) -> PyResult<()> {
    let mut message = context
        .iter()
        .find(|(k, _)| *k == "message")
        .map(|(_, v)| vm.to_str(v))
        .transpose()?
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "Unhandled exception in event loop".into());
    let mut rest: Vec<&(&str, Value)> = context.iter().filter(|(k, _)| !matches!(*k, "message" | "exception")).collect();
    rest.sort_by_key(|(k, _)| *k);
    for (k, v) in rest {
        let r = vm.repr(v)?;
        message.push_str(&format!("\n{k}: {r}"));
    }
    message.push('\n');
    if let Some((_, e)) = context.iter().find(|(k, _)| *k == "exception") {
        if !e.is_none() {
            message.push_str(&vm.format_traceback(e));
        }
    }
    vm.write_output(&message, true);
    Ok(())
}

/// A Python context mapping as pairs (for `loop.call_exception_handler(context)` and
/// `loop.default_exception_handler(context)` called from Python).
pub fn context_pairs(vm: &mut Vm, context: &Value) -> PyResult<Vec<(String, Value)>> {
    let mut out = Vec::new();
    for (k, v) in vm.dict_items(context)? {
        out.push((vm.to_str(&k.0)?, v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::session::{run, RunOptions};

    #[test]
    fn an_unheld_task_reports_its_exception_right_after_its_step() {
        let r = run(
            "import asyncio
async def boom():
    raise ValueError('x')
async def main():
    asyncio.ensure_future(boom())
    await asyncio.sleep(0)
    print('main done')
asyncio.run(main())
",
            &RunOptions::default(),
        );
        let err = r.stderr();
        assert!(err.starts_with("Task exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<boom() done, defined at prog.py:2> exception=ValueError('x')>\nTraceback (most recent call last):\n"), "{err}");
        assert!(err.ends_with("ValueError: x\n"), "{err}");
    }

    #[test]
    fn a_custom_handler_gets_the_context_and_a_retrieved_exception_is_not_reported() {
        let r = run(
            "import asyncio
async def boom():
    raise ValueError('x')
def handler(loop, ctx):
    print('handler:', ctx['message'], repr(ctx['exception']), sorted(ctx))
async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    held = asyncio.create_task(boom())
    seen = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(seen.exception())
    print('main done')
asyncio.run(main())
",
            &RunOptions::default(),
        );
        assert_eq!(r.stdout(false), "x\nmain done\nhandler: Task exception was never retrieved ValueError('x') ['exception', 'future', 'message']\n");
        assert_eq!(r.stderr(), "");
    }
}
