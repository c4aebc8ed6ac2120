//! `asyncio.Semaphore` and `BoundedSemaphore`, modelled on CPython 3.11's `locks.Semaphore`.
//!
//! `acquire` decrements the counter at once unless the semaphore is `locked()` (counter
//! zero, or a live waiter queued — newcomers do not overtake). `release` increments it and
//! wakes the first waiter not done, *handing it the permit* (`_wake_up_next` decrements
//! the counter for it). A woken waiter that is cancelled before it runs gives the permit
//! back and wakes the next one; after acquiring, a waiter wakes another if permits remain.

use super::{coro, m, remove_waiter, Ready};
use crate::runtime::asyncio::future::{self, fut, Label};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::ops::int_of;
use crate::vm::native::{recv, NativeObject};
use crate::vm::value::{NativeFn, Args, NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// `asyncio.Semaphore` or `BoundedSemaphore` (CPython's `locks.Semaphore`).
pub struct Semaphore {
    /// Its resource id in the trace.
    pub id: u32,
    /// `_value`: the permits left.
    pub value: Cell<i64>,
    /// `_waiters`: futures of the tasks in `acquire()`.
    pub waiters: RefCell<VecDeque<Rc<Obj>>>,
    /// The initial value of a `BoundedSemaphore`.
    pub bound: Option<i64>,
}

impl Semaphore {
    /// `Semaphore(value=1)` (`ValueError` below 0), recorded as a new resource.
    pub fn new(vm: &mut Vm, mut args: Args, bounded: bool) -> PyResult<Semaphore> {
        let v = args.take_kw("value").or_else(|| args.pos.first().cloned()).unwrap_or(Value::Int(1));
        let value = int_of(&v).ok_or_else(|| vm.type_error("'value' must be an integer"))?;
        if value < 0 {
            return Err(vm.value_error("Semaphore initial value must be >= 0"));
        }
        let kind = if bounded { ResourceKind::BoundedSemaphore } else { ResourceKind::Semaphore };
        let id = crate::runtime::resources::new_resource(vm, kind, Some(value));
        Ok(Semaphore { id, value: Cell::new(value), waiters: RefCell::new(VecDeque::new()), bound: bounded.then_some(value) })
    }

    fn locked(&self) -> bool {
        self.value.get() == 0 || self.waiters.borrow().iter().any(|w| !fut(w).is_cancelled())
    }
}

impl NativeObject for Semaphore {
    fn clear_refs(&self) {
        drop(self.waiters.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        if self.bound.is_some() {
            "asyncio.BoundedSemaphore"
        } else {
            "asyncio.Semaphore"
        }
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        method_fn(name)
    }
    /// `<asyncio.locks.Semaphore object at 0x… [unlocked, value:2]>`, without the address.
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        let class = if self.bound.is_some() { "BoundedSemaphore" } else { "Semaphore" };
        // `Semaphore.__repr__`: `locked`, else `unlocked, value:N`; then the waiters.
        let mut extra = if self.locked() { "locked".to_string() } else { format!("unlocked, value:{}", self.value.get()) };
        let waiting = self.waiters.borrow().len();
        if waiting > 0 {
            extra.push_str(&format!(", waiters:{waiting}"));
        }
        Ok(format!("<asyncio.locks.{class} object [{extra}]>"))
    }
}

fn sem(o: &Rc<Obj>) -> &Semaphore {
    o.native::<Semaphore>().expect("not a semaphore")
}

/// `_wake_up_next()`: hand a permit to the first waiter not done.
fn wake_up_next(vm: &mut Vm, s: &Semaphore) {
    let waiters: Vec<Rc<Obj>> = s.waiters.borrow().iter().cloned().collect();
    for f in waiters {
        if !fut(&f).is_done() {
            s.value.set(s.value.get() - 1);
            if let Some(to) = vm.tracing().then(|| crate::runtime::resources::task_awaiting(vm, &f)).flatten() {
                vm.record(EventKind::HandedOver { resource: s.id, to, value: Some(s.value.get()) });
            }
            let _ = future::set_result(vm, &f, Value::Bool(true));
            return;
        }
    }
}

/// `release()`: one more permit, handed to the first waiter not yet done; a `BoundedSemaphore`
/// raises `ValueError` past its initial value.
pub fn release(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<()> {
    let s = sem(o);
    if let Some(bound) = s.bound {
        if s.value.get() >= bound {
            return Err(vm.value_error("BoundedSemaphore released too many times"));
        }
    }
    s.value.set(s.value.get() + 1);
    let task = vm.rt.current_task_id();
    vm.record(EventKind::Released { resource: s.id, task, value: Some(s.value.get()) });
    wake_up_next(vm, s);
    Ok(())
}

/// The awaitable of `semaphore.acquire()`.
pub struct Acquire {
    sem: Rc<Obj>,
    waiter: Option<Rc<Obj>>,
    result: Value,
}

impl NativeCoroutine for Acquire {
    fn name(&self) -> &'static str {
        "Semaphore.acquire"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let s = sem(&self.sem);
        match (self.waiter.take(), input) {
            (None, Resume::Send(_)) => {
                if !s.locked() {
                    s.value.set(s.value.get() - 1);
                    let task = vm.rt.current_task_id();
                    vm.record(EventKind::Acquired { resource: s.id, task, value: Some(s.value.get()) });
                    return NativeStep::Return(self.result.clone());
                }
                let f = future::new_future(vm, Label::Semaphore(s.id));
                s.waiters.borrow_mut().push_back(f.clone());
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::Blocked { resource: s.id, task });
                }
                self.waiter = Some(f.clone());
                NativeStep::Yield(Yielded::Future(f))
            }
            (Some(f), Resume::Send(_)) => {
                remove_waiter(&s.waiters, &f);
                let task = vm.rt.current_task_id();
                vm.record(EventKind::Acquired { resource: s.id, task, value: Some(s.value.get()) });
                if s.value.get() > 0 {
                    wake_up_next(vm, s);
                }
                NativeStep::Return(self.result.clone())
            }
            (Some(f), Resume::Throw(e)) => {
                remove_waiter(&s.waiters, &f);
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::GaveUp { resource: s.id, task });
                }
                if vm.is_instance_of(&e, "CancelledError") && !fut(&f).is_cancelled() {
                    // Woken (handed a permit) but cancelled before running: give it back.
                    s.value.set(s.value.get() + 1);
                    wake_up_next(vm, s);
                }
                NativeStep::Raise(Fail::Exc(e))
            }
            (None, Resume::Throw(e)) => NativeStep::Raise(Fail::Exc(e)),
        }
    }
}

/// The method `name` of a semaphore, if it has one.
pub fn method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "acquire" => m("acquire", |_vm, a| {
            Ok(coro(Acquire { sem: recv(&a), waiter: None, result: Value::Bool(true) }))
        }),
        "__aenter__" => m("__aenter__", |_vm, a| Ok(coro(Acquire { sem: recv(&a), waiter: None, result: Value::None }))),
        "release" => m("release", |vm, a| release(vm, &recv(&a)).map(|_| Value::None)),
        "__aexit__" => m("__aexit__", |vm, a| {
            release(vm, &recv(&a))?;
            Ok(coro(Ready(None, "Semaphore.__aexit__")))
        }),
        "locked" => m("locked", |_vm, a| Ok(Value::Bool(sem(&recv(&a)).locked()))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn limits_concurrency_and_hands_permits_over_in_order() {
        let out = run_output(
            "import asyncio
sem = asyncio.Semaphore(2)
async def w(n):
    async with sem:
        print('in', n, asyncio.get_running_loop().time())
        await asyncio.sleep(1)
async def main():
    await asyncio.gather(*(w(i) for i in range(5)))
asyncio.run(main())
",
        );
        assert_eq!(out, "in 0 0.0\nin 1 0.0\nin 2 1.0\nin 3 1.0\nin 4 2.0\n");
    }

    #[test]
    fn a_woken_waiter_cancelled_gives_its_permit_to_the_next() {
        let out = run_output(
            "import asyncio
sem = asyncio.Semaphore(1)
async def w(n):
    try:
        async with sem:
            print('got', n)
    except asyncio.CancelledError:
        print('cancelled', n)
async def main():
    await sem.acquire()
    a = asyncio.create_task(w('a'))
    b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    sem.release()
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
asyncio.run(main())
",
        );
        assert_eq!(out, "cancelled a\ngot b\n");
    }

    #[test]
    fn bounded_semaphore_refuses_extra_releases() {
        let out = run_output(
            "import asyncio\nasync def main():\n    s = asyncio.BoundedSemaphore(1)\n    try:\n        s.release()\n    except ValueError as e:\n        print(e)\nasyncio.run(main())\n",
        );
        assert_eq!(out, "BoundedSemaphore released too many times\n");
    }
}
