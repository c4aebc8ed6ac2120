//! `threading.Lock` and `threading.RLock` (and the lock of `multiprocessing.Lock`),
//! modelled on CPython's `_thread.lock` and `_thread.RLock`.
//!
//! `acquire(blocking=True, timeout=-1)` takes the lock if it is free; otherwise it blocks
//! the thread (dropping the GIL) until the lock is released or the timeout passes, then
//! tries again. There is no fairness: a released lock goes to whichever thread tries
//! first once it runs, as with the OS locks CPython uses. A plain lock may be released by
//! any thread; an `RLock` counts re-entries and only its owner may release it.

use super::blocking::{blocking, Attempt};
use super::{BlockOn, ThreadId};
use crate::vm::native::{m, recv, NativeObject};
use crate::trace::{EventKind, ResourceKind};
use crate::vm::ops::num;
use crate::vm::value::{Args, NativeFn, Obj, Value};
use crate::vm::{PyResult, Vm};
use std::cell::Cell;
use std::rc::Rc;

/// A `threading.Lock` or `RLock`.
pub struct ThreadLock {
    /// Its resource id in the trace.
    pub id: u32,
    /// The thread holding it.
    pub owner: Cell<Option<ThreadId>>,
    /// How many times the owner acquired it (1 for a `Lock`).
    pub count: Cell<u32>,
    /// An `RLock`: its owner may acquire it again.
    pub reentrant: bool,
}

impl ThreadLock {
    /// An unlocked lock, recorded as a new resource.
    pub fn new(vm: &mut Vm, reentrant: bool) -> ThreadLock {
        let id = crate::runtime::resources::new_resource(vm, ResourceKind::Lock, None);
        ThreadLock { id, owner: Cell::new(None), count: Cell::new(0), reentrant }
    }
}

/// `_thread.lock` / `_thread.RLock`.
impl NativeObject for ThreadLock {
    fn resource_id(&self) -> Option<u32> {
        Some(self.id)
    }
    fn class_key(&self) -> &'static str {
        if self.reentrant {
            "_thread.RLock"
        } else {
            "_thread.lock"
        }
    }
    fn method(&self, name: &str) -> Option<(&'static str, NativeFn)> {
        method_fn(name)
    }
    /// `<unlocked _thread.lock object at 0x…>`, without the address.
    fn repr(&self, _vm: &mut Vm, _me: &Value) -> PyResult<String> {
        Ok(format!(
            "<{} _thread.{} object>",
            if self.owner.get().is_some() { "locked" } else { "unlocked" },
            if self.reentrant { "RLock" } else { "lock" }
        ))
    }
}

/// The classes `_thread.lock` (what `type(threading.Lock())` shows; not callable) and
/// `_thread.RLock` (callable, as `threading.RLock` is).
pub fn register_classes(vm: &mut Vm) {
    let object = vm.types.object.clone();
    let lock = crate::vm::types::new_class("lock", "_thread", vec![object.clone()], None);
    vm.register_native_class("_thread.lock", lock, None);
    let rlock = crate::vm::types::new_class("RLock", "_thread", vec![object], None);
    vm.register_native_class("_thread.RLock", rlock, Some(|vm, _a| Ok(Value::native_obj(ThreadLock::new(vm, true)))));
}

/// The thread lock `o` is, if it is one.
pub fn as_thread_lock(o: &Rc<Obj>) -> Option<&ThreadLock> {
    o.native::<ThreadLock>()
}

fn tl(o: &Rc<Obj>) -> &ThreadLock {
    as_thread_lock(o).expect("not a thread lock")
}

/// The lock's resource id.
pub fn lock_id(o: &Rc<Obj>) -> u32 {
    tl(o).id
}

/// Would `tid` have to wait for this lock?
pub fn is_locked_for(o: &Rc<Obj>, tid: ThreadId) -> bool {
    let l = tl(o);
    match l.owner.get() {
        None => false,
        Some(owner) => !(l.reentrant && owner == tid),
    }
}

fn try_take(vm: &mut Vm, o: &Rc<Obj>) -> bool {
    let me = vm.rt.world.current;
    let l = tl(o);
    if is_locked_for(o, me) {
        return false;
    }
    l.owner.set(Some(me));
    l.count.set(l.count.get() + 1);
    vm.record(EventKind::Acquired { resource: l.id, task: Some(me.0), value: None });
    true
}

/// `acquire(blocking=True, timeout=-1)`.
fn acquire(vm: &mut Vm, mut a: Args) -> PyResult<Value> {
    let o = recv(&a);
    let blocking_arg = a.take_kw("blocking").or_else(|| a.pos.get(1).cloned()).unwrap_or(Value::Bool(true));
    let block = vm.truthy(&blocking_arg)?;
    let timeout = a.take_kw("timeout").or_else(|| a.pos.get(2).cloned()).and_then(|v| num(&v)).map(|n| n.as_f64()).unwrap_or(-1.0);
    if !block && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    if try_take(vm, &o) {
        return Ok(Value::Bool(true));
    }
    if !block {
        return Ok(Value::Bool(false));
    }
    let me = vm.rt.world.current;
    vm.record(EventKind::Blocked { resource: tl(&o).id, task: me.0 });
    let deadline = if timeout >= 0.0 { Some(vm.rt.now + timeout) } else { None };
    Ok(blocking("acquire", move |vm| {
        if try_take(vm, &o) {
            return Attempt::Done(Ok(Value::Bool(true)));
        }
        if let Some(d) = deadline {
            if vm.rt.now >= d {
                return Attempt::Done(Ok(Value::Bool(false)));
            }
        }
        Attempt::Block(BlockOn::Lock { lock: o.clone(), deadline })
    }))
}

/// `release()`: `RuntimeError` unless held (by this thread, for an `RLock`).
pub fn release(vm: &mut Vm, o: &Rc<Obj>) -> PyResult<()> {
    let l = tl(o);
    let me = vm.rt.world.current;
    match l.owner.get() {
        None => {
            let msg = if l.reentrant { "cannot release un-acquired lock" } else { "release unlocked lock" };
            return Err(vm.exc("RuntimeError", msg));
        }
        Some(owner) if l.reentrant && owner != me => return Err(vm.exc("RuntimeError", "cannot release un-acquired lock")),
        _ => {}
    }
    l.count.set(l.count.get().saturating_sub(1));
    if !l.reentrant || l.count.get() == 0 {
        l.owner.set(None);
        l.count.set(0);
        // Its waiters are looked at on the next tick.
        vm.rt.world.notify(super::WaitKey::Lock(l.id));
        vm.record(EventKind::Released { resource: l.id, task: Some(me.0), value: None });
    }
    Ok(())
}

/// The method `name` of a lock, if it has one.
pub fn method_fn(name: &str) -> Option<(&'static str, NativeFn)> {
    Some(match name {
        "acquire" => m("acquire", acquire),
        "__enter__" => m("__enter__", acquire),
        "release" => m("release", |vm, a| release(vm, &recv(&a)).map(|_| Value::None)),
        "__exit__" => m("__exit__", |vm, a| release(vm, &recv(&a)).map(|_| Value::None)),
        "locked" => m("locked", |_vm, a| Ok(Value::Bool(tl(&recv(&a)).owner.get().is_some()))),
        "_is_owned" => m("_is_owned", |vm, a| {
            let me = vm.rt.world.current;
            Ok(Value::Bool(tl(&recv(&a)).owner.get() == Some(me)))
        }),
        "_release_save" => m("_release_save", |vm, a| {
            let o = recv(&a);
            let l = tl(&o);
            let saved = Value::tuple(vec![Value::Int(l.count.get() as i64)]);
            l.count.set(1);
            release(vm, &o)?;
            Ok(saved)
        }),
        "_acquire_restore" => m("_acquire_restore", |_vm, a| {
            let o = recv(&a);
            let count = match a.pos.get(1) {
                Some(Value::Obj(t)) => match t.as_ref() {
                    Obj::Tuple(items) => items.first().and_then(crate::vm::ops::int_of).unwrap_or(1),
                    _ => 1,
                },
                _ => 1,
            };
            let lock = o.clone();
            let take = move |vm: &mut Vm| {
                if try_take(vm, &lock) {
                    tl(&lock).count.set(count as u32);
                    Attempt::Done(Ok(Value::None))
                } else {
                    Attempt::Block(BlockOn::Lock { lock: lock.clone(), deadline: None })
                }
            };
            Ok(blocking("_acquire_restore", take))
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn thread_locks_and_streams_have_cpythons_classes() {
        let out = run_output(
            "import threading, sys, multiprocessing\n\
             for o in [threading.Lock(), threading.RLock(), sys.stdout, multiprocessing.Queue()]:\n\
             \x20   print(type(o).__module__, type(o).__name__)\n\
             print(type(threading.RLock())()._is_owned(), isinstance(threading.Lock(), type(threading.Lock())))\n\
             try:\n\
             \x20   type(threading.Lock())()\n\
             except TypeError as e:\n\
             \x20   print(e)\n",
        );
        assert_eq!(
            out,
            "_thread lock\n_thread RLock\n_io TextIOWrapper\nmultiprocessing.queues Queue\nFalse True\n\
             cannot create '_thread.lock' instances\n"
        );
    }
}
