//! `asyncio.Event`, modelled on CPython's `locks.Event`.
//!
//! `set()` resolves every current waiter's future at once (they resume in the order they
//! started waiting); a `clear()` right after does not un-wake them: they were already
//! woken, and `wait()` returns True even though `is_set()` is False by the time they run.
//! A cancelled waiter just leaves the deque.

use super::{coro, m, remove_waiter};
use crate::runtime::asyncio::future::{self, fut, Label};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::native::{recv, AwaitableFn, NativeObject};
use crate::vm::value::{NativeFn, NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// `asyncio.Event` (CPython's `locks.Event`).
pub struct Event {
    /// Its resource id in the trace.
    pub id: u32,
    /// The flag (`is_set()`).
    pub value: Cell<bool>,
    /// `_waiters`: futures of the tasks in `wait()`, woken all at once by `set()`.
    pub waiters: RefCell<VecDeque<Rc<Obj>>>,
}

impl Event {
    /// A cleared event, recorded as a new resource.
    pub fn new(vm: &mut Vm) -> Event {
        let id = crate::runtime::resources::new_resource(vm, ResourceKind::Event, None);
        Event { id, value: Cell::new(false), waiters: RefCell::new(VecDeque::new()) }
    }
}

impl NativeObject for Event {
    fn clear_refs(&self) {
        drop(self.waiters.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        "asyncio.Event"
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        method_fn(name)
    }
    fn awaitable_method(&self, name: &str) -> Option<AwaitableFn> {
        match name {
            "wait" => Some(|a| Some(Box::new(Wait::new(a[0].as_obj()?.clone())))),
            _ => None,
        }
    }
    /// `<asyncio.locks.Event object at 0x… [unset]>`, without the address.
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok(format!("<asyncio.locks.Event object [{}]>", if self.value.get() { "set" } else { "unset" }))
    }
}

/// The event inside `o` (panics if it is none).
pub fn event(o: &Rc<Obj>) -> &Event {
    o.native::<Event>().expect("not an event")
}

/// `set()`: sets the flag and resolves every waiter's future.
pub fn set(vm: &mut Vm, o: &Rc<Obj>) {
    let e = event(o);
    if e.value.get() {
        return;
    }
    e.value.set(true);
    let waiters: Vec<Rc<Obj>> = e.waiters.borrow().iter().cloned().collect();
    vm.record(EventKind::EventSet { resource: e.id, waiters: waiters.len() as u32 });
    for f in waiters {
        if !fut(&f).is_done() {
            let _ = future::set_result(vm, &f, Value::Bool(true));
        }
    }
}

/// `clear()`.
pub fn clear(vm: &mut Vm, o: &Rc<Obj>) {
    let e = event(o);
    e.value.set(false);
    if vm.tracing() {
        vm.record(EventKind::EventCleared { resource: e.id });
    }
}

/// The body of `wait()`.
pub struct Wait {
    event: Rc<Obj>,
    waiter: Option<Rc<Obj>>,
}

impl Wait {
    /// The awaitable of `event.wait()`.
    pub fn new(event: Rc<Obj>) -> Wait {
        Wait { event, waiter: None }
    }
}

impl NativeCoroutine for Wait {
    fn name(&self) -> &'static str {
        "Event.wait"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let e = event(&self.event);
        match (self.waiter.take(), input) {
            (None, Resume::Send(_)) => {
                if e.value.get() {
                    return NativeStep::Return(Value::Bool(true));
                }
                let f = future::new_future(vm, Label::Event(e.id));
                e.waiters.borrow_mut().push_back(f.clone());
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::Blocked { resource: e.id, task });
                }
                self.waiter = Some(f.clone());
                NativeStep::Yield(Yielded::Future(f))
            }
            (Some(f), Resume::Send(_)) => {
                remove_waiter(&e.waiters, &f);
                NativeStep::Return(Value::Bool(true))
            }
            (Some(f), Resume::Throw(err)) => {
                remove_waiter(&e.waiters, &f);
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::GaveUp { resource: e.id, task });
                }
                NativeStep::Raise(Fail::Exc(err))
            }
            (None, Resume::Throw(err)) => NativeStep::Raise(Fail::Exc(err)),
        }
    }
}

/// The method `name` of an event, if it has one.
pub fn method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "set" => m("set", |vm, a| {
            set(vm, &recv(&a));
            Ok(Value::None)
        }),
        "clear" => m("clear", |vm, a| {
            clear(vm, &recv(&a));
            Ok(Value::None)
        }),
        "is_set" => m("is_set", |_vm, a| Ok(Value::Bool(event(&recv(&a)).value.get()))),
        "wait" => m("wait", |_vm, a| Ok(coro(Wait::new(recv(&a))))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn set_then_clear_still_wakes_current_waiters() {
        let out = run_output(
            "import asyncio
ev = asyncio.Event()
async def w(n):
    print(n, 'woke', await ev.wait(), ev.is_set())
async def main():
    ts = [asyncio.create_task(w(i)) for i in range(2)]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    await asyncio.gather(*ts)
asyncio.run(main())
",
        );
        assert_eq!(out, "0 woke True False\n1 woke True False\n");
    }

    #[test]
    fn a_cancelled_waiter_leaves_quietly() {
        let out = run_output(
            "import asyncio
ev = asyncio.Event()
async def main():
    t = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    print(t.cancelled())
    ev.set()
    print(await ev.wait())
asyncio.run(main())
",
        );
        assert_eq!(out, "True\nTrue\n");
    }
}
