//! `asyncio.Lock`, modelled on CPython's `locks.Lock`.
//!
//! `acquire` takes the lock at once if it is free and no live waiter is queued (so a
//! newcomer cannot overtake woken waiters); otherwise it queues a waiter future. `release`
//! wakes the first waiter that is not done; the woken task takes the lock when it runs.
//! A waiter cancelled after being woken passes the wake-up on (`_wake_up_first`), so the
//! lock is never stranded. The trace records which task holds it, for the timeline.

use super::{coro, m, remove_waiter, Ready};
use crate::runtime::asyncio::future::{self, fut, Label};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::native::{recv, AwaitableFn, NativeObject};
use crate::vm::value::{NativeFn, NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// `asyncio.Lock` (CPython's `locks.Lock`).
pub struct Lock {
    /// Its resource id in the trace.
    pub id: u32,
    /// `locked()`.
    pub locked: Cell<bool>,
    /// `_waiters`: futures of the tasks in `acquire()`, first come first served.
    pub waiters: RefCell<VecDeque<Rc<Obj>>>,
}

impl Lock {
    /// An unlocked lock, recorded as a new resource.
    pub fn new(vm: &mut Vm) -> Lock {
        let id = crate::runtime::resources::new_resource(vm, ResourceKind::Lock, None);
        Lock { id, locked: Cell::new(false), waiters: RefCell::new(VecDeque::new()) }
    }
}

impl NativeObject for Lock {
    fn clear_refs(&self) {
        drop(self.waiters.try_borrow_mut().map(|mut x| std::mem::take(&mut *x)));
    }
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        "asyncio.Lock"
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        method_fn(name)
    }
    fn awaitable_method(&self, name: &str) -> Option<AwaitableFn> {
        match name {
            "acquire" => Some(|a| Some(Box::new(Acquire::new(a[0].as_obj()?.clone(), Value::Bool(true))))),
            _ => None,
        }
    }
    /// `<asyncio.locks.Lock object at 0x… [unlocked]>` without the address.
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok(format!("<asyncio.locks.Lock object [{}]>", if self.locked.get() { "locked" } else { "unlocked" }))
    }
}

fn lock(o: &Rc<Obj>) -> &Lock {
    o.native::<Lock>().expect("not a lock")
}

fn take(vm: &mut Vm, l: &Lock) {
    l.locked.set(true);
    let task = vm.rt.current_task_id();
    if let Some(t) = task {
        vm.rt.lock_holders.insert(l.id, t);
    }
    vm.record(EventKind::Acquired { resource: l.id, task, value: None });
}

/// `_wake_up_first()`.
fn wake_up_first(vm: &mut Vm, l: &Lock) {
    let first = l.waiters.borrow().front().cloned();
    if let Some(f) = first {
        if !fut(&f).is_done() {
            let _ = future::set_result(vm, &f, Value::Bool(true));
        }
    }
}

/// `release()`.
pub fn release(vm: &mut Vm, o: &Rc<Obj>) -> Result<(), Fail> {
    let l = lock(o);
    if !l.locked.get() {
        return Err(vm.exc("RuntimeError", "Lock is not acquired."));
    }
    l.locked.set(false);
    let task = vm.rt.current_task_id();
    vm.record(EventKind::Released { resource: l.id, task, value: None });
    vm.rt.lock_holders.remove(&l.id);
    wake_up_first(vm, l);
    Ok(())
}

/// The body of `acquire()`.
pub struct Acquire {
    lock: Rc<Obj>,
    waiter: Option<Rc<Obj>>,
    /// What the coroutine returns (`True` for `acquire()`, `None` for `__aenter__`).
    result: Value,
}

impl Acquire {
    /// The awaitable of `lock.acquire()`, which returns `result` once acquired.
    pub fn new(lock: Rc<Obj>, result: Value) -> Acquire {
        Acquire { lock, waiter: None, result }
    }
}

impl NativeCoroutine for Acquire {
    fn name(&self) -> &'static str {
        "Lock.acquire"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        let l = lock(&self.lock);
        match (self.waiter.take(), input) {
            (None, Resume::Send(_)) => {
                let free = !l.locked.get() && l.waiters.borrow().iter().all(|w| fut(w).is_cancelled());
                if free {
                    take(vm, l);
                    return NativeStep::Return(self.result.clone());
                }
                let f = future::new_future(vm, Label::Lock(l.id));
                l.waiters.borrow_mut().push_back(f.clone());
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::Blocked { resource: l.id, task });
                }
                self.waiter = Some(f.clone());
                NativeStep::Yield(Yielded::Future(f))
            }
            (Some(f), Resume::Send(_)) => {
                remove_waiter(&l.waiters, &f);
                take(vm, l);
                NativeStep::Return(self.result.clone())
            }
            (Some(f), Resume::Throw(e)) => {
                remove_waiter(&l.waiters, &f);
                if let Some(task) = vm.rt.current_task_id() {
                    vm.record(EventKind::GaveUp { resource: l.id, task });
                }
                if vm.is_instance_of(&e, "CancelledError") && !l.locked.get() {
                    wake_up_first(vm, l);
                }
                NativeStep::Raise(Fail::Exc(e))
            }
            (None, Resume::Throw(e)) => NativeStep::Raise(Fail::Exc(e)),
        }
    }
}

/// The method `name` of a lock, if it has one.
pub fn method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "acquire" => m("acquire", |_vm, a| Ok(coro(Acquire::new(recv(&a), Value::Bool(true))))),
        "__aenter__" => m("__aenter__", |_vm, a| Ok(coro(Acquire::new(recv(&a), Value::None)))),
        "release" => m("release", |vm, a| release(vm, &recv(&a)).map(|_| Value::None)),
        "__aexit__" => m("__aexit__", |vm, a| {
            release(vm, &recv(&a))?;
            Ok(coro(Ready(None, "Lock.__aexit__")))
        }),
        "locked" => m("locked", |_vm, a| Ok(Value::Bool(lock(&recv(&a)).locked.get()))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn waiters_get_the_lock_in_fifo_order() {
        let out = run_output(
            "import asyncio\nlock = asyncio.Lock()\nasync def w(n):\n    async with lock:\n        print(n)\n        await asyncio.sleep(0)\nasync def main():\n    await asyncio.gather(*(w(i) for i in range(4)))\nasyncio.run(main())\n",
        );
        assert_eq!(out, "0\n1\n2\n3\n");
    }

    #[test]
    fn a_woken_waiter_cancelled_before_running_passes_the_lock_on() {
        let out = run_output(
            "import asyncio
lock = asyncio.Lock()
async def w(n):
    try:
        async with lock:
            print('got', n)
    except asyncio.CancelledError:
        print('cancelled', n)
async def main():
    await lock.acquire()
    a = asyncio.create_task(w('a'))
    b = asyncio.create_task(w('b'))
    await asyncio.sleep(0)
    lock.release()      # wakes a ...
    a.cancel()          # ... which is cancelled before it runs
    await asyncio.gather(a, b, return_exceptions=True)
    print(lock.locked())
asyncio.run(main())
",
        );
        assert_eq!(out, "cancelled a\ngot b\nFalse\n");
    }

    #[test]
    fn releasing_an_unlocked_lock_is_a_runtime_error() {
        let out = run_output(
            "import asyncio\nasync def main():\n    try:\n        asyncio.Lock().release()\n    except RuntimeError as e:\n        print(e)\nasyncio.run(main())\n",
        );
        assert_eq!(out, "Lock is not acquired.\n");
    }
}
