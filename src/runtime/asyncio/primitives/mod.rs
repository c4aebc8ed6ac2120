//! The asyncio synchronization primitives, modelled on CPython's `asyncio/locks.py` and
//! `asyncio/queues.py`: one module each, every one a `vm::native::NativeObject`.
//!
//! As in CPython, every blocking primitive keeps a deque of waiter futures: a waiting
//! coroutine awaits a fresh future and removes it when it resumes; a release wakes the
//! first waiter not already done. Cancellation therefore needs no extra machinery, only
//! the hand-off rules each module documents.

pub mod event;
pub mod lock;
pub mod queue;
pub mod semaphore;

use crate::vm::value::{Args, NativeCoroutine, NativeStep, Obj, Resume, Value};
use crate::vm::{Fail, PyResult, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::vm::native::m;

/// A native coroutine object.
pub fn coro(c: impl NativeCoroutine + 'static) -> Value {
    Value::obj(Obj::NativeCoro(RefCell::new(Some(Box::new(c)))))
}

/// A coroutine that returns `value` at once (`async def __aexit__: self.release()`).
pub struct Ready(pub Option<Value>, pub &'static str);

impl NativeCoroutine for Ready {
    fn name(&self) -> &'static str {
        self.1
    }
    fn resume(&mut self, _vm: &mut Vm, input: Resume) -> NativeStep {
        match input {
            Resume::Send(_) => NativeStep::Return(self.0.take().unwrap_or(Value::None)),
            Resume::Throw(e) => NativeStep::Raise(Fail::Exc(e)),
        }
    }
}

/// `asyncio.Lock()`, `asyncio.Event()`, `asyncio.Semaphore(n)`, `asyncio.Queue(maxsize)`...:
/// what calling each class does (`args.pos[0]` is the class).
/// Each is (class name, module, class key, constructor).
pub fn constructors() -> [(&'static str, &'static str, &'static str, crate::vm::value::NativeFn); 7] {
    fn no_args(vm: &mut Vm, a: Args, name: &str) -> PyResult<()> {
        crate::builtins::arity(vm, &skip_class(a), name, 0, 0)
    }
    [
        ("Lock", "asyncio.locks", "asyncio.Lock", |vm, a| {
            no_args(vm, a, "Lock")?;
            Ok(Value::native_obj(lock::Lock::new(vm)))
        }),
        ("Event", "asyncio.locks", "asyncio.Event", |vm, a| {
            no_args(vm, a, "Event")?;
            Ok(Value::native_obj(event::Event::new(vm)))
        }),
        ("Semaphore", "asyncio.locks", "asyncio.Semaphore", |vm, a| Ok(Value::native_obj(semaphore::Semaphore::new(vm, skip_class(a), false)?))),
        ("BoundedSemaphore", "asyncio.locks", "asyncio.BoundedSemaphore", |vm, a| Ok(Value::native_obj(semaphore::Semaphore::new(vm, skip_class(a), true)?))),
        ("Queue", "asyncio.queues", "asyncio.Queue", |vm, a| Ok(Value::native_obj(queue::Queue::new(vm, "Queue", skip_class(a))?))),
        ("PriorityQueue", "asyncio.queues", "asyncio.PriorityQueue", |vm, a| Ok(Value::native_obj(queue::Queue::new(vm, "PriorityQueue", skip_class(a))?))),
        ("LifoQueue", "asyncio.queues", "asyncio.LifoQueue", |vm, a| Ok(Value::native_obj(queue::Queue::new(vm, "LifoQueue", skip_class(a))?))),
    ]
}

/// A constructor's arguments without the class.
fn skip_class(mut a: Args) -> Args {
    a.pos.remove(0);
    a
}

/// Remove `f` from a waiter deque (`self._waiters.remove(fut)`).
pub fn remove_waiter(waiters: &RefCell<std::collections::VecDeque<Rc<Obj>>>, f: &Rc<Obj>) {
    let mut w = waiters.borrow_mut();
    if let Some(i) = w.iter().position(|x| Rc::ptr_eq(x, f)) {
        w.remove(i);
    }
}
