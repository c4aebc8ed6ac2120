//! `asyncio.gather`, modelled on CPython's `tasks.gather` and `_GatheringFuture`.
//!
//! Coroutines become tasks in argument order (the same object twice is one task). The
//! outer future completes when every child is done, with results in argument order; without
//! `return_exceptions`, the first child exception (or cancellation) is set on the outer
//! future at once while the other children keep running. Cancelling the outer future
//! cancels the children; it then finishes with a `CancelledError` *exception* (so
//! `cancelled()` stays False, as in CPython).

use super::event_loop::Callback;
use super::future::{self, as_future, fut, Label, Status};
use crate::vm::exceptions::new_exception;
use crate::vm::value::{Obj, Value};
use crate::vm::{PyResult, Vm};
use std::rc::Rc;

/// The `_GatheringFuture` part of an outer future.
#[derive(Clone)]
pub struct GatherState {
    /// One entry per argument (repeats share a child).
    pub children: Vec<Rc<Obj>>,
    /// `return_exceptions=True`: exceptions become results instead of failing the gather.
    pub return_exceptions: bool,
    /// Distinct children, and how many have finished.
    pub nfuts: usize,
    /// How many distinct children have finished.
    pub nfinished: usize,
    /// `_cancel_requested`: the outer future was cancelled through its children.
    pub cancel_requested: bool,
    /// Cancelling the children right now. A gather that awaits the task awaiting it
    /// (`await gather(current_task())`) is reached again through that task's cancel;
    /// CPython recurses until `RecursionError`, here the inner call declines at once.
    pub cancelling: bool,
}

/// `asyncio.gather(*args, return_exceptions=...)`: the outer future (CPython's `tasks.gather`).
pub fn gather(vm: &mut Vm, args: Vec<Value>, return_exceptions: bool) -> PyResult<Value> {
    let outer = future::new_future(vm, Label::Gather);
    if args.is_empty() {
        future::set_result(vm, &outer, Value::list(vec![]))?;
        return Ok(Value::Obj(outer));
    }
    let mut children: Vec<Rc<Obj>> = Vec::new();
    // CPython's `arg_to_fut` dict: an awaitable passed twice is one child. Awaitables
    // compare by identity, so the map is keyed by the object's address (a hash, not a
    // search: 200,000 arguments cost 200,000 lookups). Other values are not awaitable:
    // `ensure_future` raises on the first.
    let mut seen: std::collections::HashMap<*const Obj, Rc<Obj>> = std::collections::HashMap::new();
    let mut nfuts = 0;
    for arg in args {
        let existing = arg.as_obj().and_then(|o| seen.get(&Rc::as_ptr(o)).cloned());
        let child = match existing {
            Some(f) => f,
            None => {
                let f = super::task::ensure_future(vm, arg.clone())?;
                nfuts += 1;
                if let Some(o) = arg.as_obj() {
                    seen.insert(Rc::as_ptr(o), f.clone());
                }
                future::add_done_callback(vm, &f, Callback::GatherChild { outer: outer.clone() });
                f
            }
        };
        children.push(child);
    }
    fut(&outer).state.borrow_mut().gather =
        Some(GatherState { children, return_exceptions, nfuts, nfinished: 0, cancel_requested: false, cancelling: false });
    Ok(Value::Obj(outer))
}

/// `_done_callback(fut)` of one child.
pub fn child_done(vm: &mut Vm, outer: &Rc<Obj>, child: &Value) -> PyResult<()> {
    let child = as_future(child).expect("child").clone();
    let counts = {
        let mut st = fut(outer).state.borrow_mut();
        st.gather.as_mut().map(|g| {
            g.nfinished += 1;
            (g.return_exceptions, g.nfuts, g.nfinished)
        })
    };
    // No gather state: `gather` raised on a later argument (`ensure_future(0)`) after
    // earlier children became tasks. CPython's callback sees `outer is None` and only
    // retrieves the child's exception, so nothing is logged for it.
    let Some((return_exceptions, nfuts, nfinished)) = counts else {
        fut(&child).state.borrow_mut().log_traceback = false;
        return Ok(());
    };
    if fut(outer).is_done() {
        return Ok(());
    }
    if !return_exceptions {
        if fut(&child).is_cancelled() {
            let exc = future::make_cancelled_error(vm, &child);
            future::set_exception(vm, outer, exc)?;
            return Ok(());
        }
        let exc = fut(&child).state.borrow().exception.clone();
        if let Some(e) = exc {
            future::set_exception(vm, outer, e)?;
            return Ok(());
        }
    }
    if nfinished == nfuts {
        let g = fut(outer).state.borrow().gather.clone().expect("gather");
        let (children, cancel_requested) = (g.children, g.cancel_requested);
        let mut results = Vec::with_capacity(children.len());
        for c in &children {
            let st = fut(c).state.borrow();
            let r = match st.status {
                Status::Cancelled => {
                    let args = match &st.cancel_message {
                        Some(m) if !m.is_none() => vec![m.clone()],
                        _ => vec![Value::str("")],
                    };
                    new_exception(&vm.types.exc("CancelledError"), args)
                }
                _ => match &st.exception {
                    Some(e) => e.clone(),
                    None => st.result.clone(),
                },
            };
            results.push(r);
        }
        if cancel_requested {
            let exc = future::make_cancelled_error(vm, &child);
            future::set_exception(vm, outer, exc)?;
        } else {
            future::set_result(vm, outer, Value::list(results))?;
        }
    }
    Ok(())
}

/// `_GatheringFuture.cancel(msg)`.
pub fn cancel(vm: &mut Vm, outer: &Rc<Obj>, msg: Option<Value>) -> bool {
    if fut(outer).is_done() {
        return false;
    }
    let children = match fut(outer).state.borrow_mut().gather.as_mut() {
        Some(g) if g.cancelling => return false,
        Some(g) => {
            g.cancelling = true;
            g.children.clone()
        }
        None => vec![],
    };
    let mut ret = false;
    for c in &children {
        if future::cancel(vm, c, msg.clone()) {
            ret = true;
        }
    }
    if let Some(g) = fut(outer).state.borrow_mut().gather.as_mut() {
        g.cancelling = false;
        g.cancel_requested |= ret;
    }
    ret
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn results_in_argument_order_and_exceptions_returned() {
        let out = run_output(
            "import asyncio
async def v(x, d):
    await asyncio.sleep(d)
    if x == 'bad':
        raise ValueError(x)
    return x
async def main():
    print(await asyncio.gather(v('a', 2), v('b', 1)))
    print(await asyncio.gather(v('bad', 1), v('c', 0), return_exceptions=True))
asyncio.run(main())
",
        );
        assert_eq!(out, "['a', 'b']\n[ValueError('bad'), 'c']\n");
    }

    #[test]
    fn cancelled_gather_finishes_with_an_exception_not_cancelled() {
        let out = run_output(
            "import asyncio
async def main():
    g = asyncio.gather(asyncio.sleep(5), asyncio.sleep(6))
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print('cancelled error', g.cancelled())
asyncio.run(main())
",
        );
        assert_eq!(out, "cancelled error False\n");
    }
}
