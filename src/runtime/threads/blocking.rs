//! Blocking calls as native frames: `time.sleep`, `Lock.acquire`, `Thread.join`...
//!
//! A blocking call made from a plain function returns a `BlockingCall`, which the
//! dispatch loop runs at once as if it were awaited. Each step tries the operation; if it
//! cannot complete, it registers what the thread waits for and yields `Yielded::Block`;
//! the scheduler resumes it when that may have changed, and it tries again (the retry
//! loops of CPython's own implementations).

use super::BlockOn;
use crate::vm::value::{NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, PyResult, Vm};

/// The outcome of one try.
pub enum Attempt {
    /// It finished: with this result.
    Done(PyResult<Value>),
    /// It must wait for this; the thread blocks and tries again when woken.
    Block(BlockOn),
}

/// A blocking call (`Lock.acquire`, `Thread.join`...): retried each time the thread wakes.
struct BlockingCall<F: FnMut(&mut Vm) -> Attempt> {
    /// Its name, for reprs.
    pub name: &'static str,
    /// One try.
    pub attempt: F,
}

impl<F: FnMut(&mut Vm) -> Attempt> NativeCoroutine for BlockingCall<F> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn is_blocking_call(&self) -> bool {
        true
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        if let Resume::Throw(e) = input {
            return NativeStep::Raise(Fail::Exc(e));
        }
        match (self.attempt)(vm) {
            Attempt::Done(Ok(v)) => NativeStep::Return(v),
            Attempt::Done(Err(e)) => NativeStep::Raise(e),
            Attempt::Block(on) => {
                vm.set_blocked(on);
                NativeStep::Yield(Yielded::Block)
            }
        }
    }
}

/// A blocking call value, run by the dispatch loop as soon as it is returned.
pub fn blocking<F: FnMut(&mut Vm) -> Attempt + 'static>(name: &'static str, attempt: F) -> Value {
    Value::obj(Obj::NativeCoro(std::cell::RefCell::new(Some(Box::new(BlockingCall { name, attempt })))))
}

/// `time.sleep(secs)`: blocks the calling thread (and, in async code, its event loop).
pub fn sleep(vm: &mut Vm, secs: f64) -> Value {
    let until = vm.rt.now + secs;
    blocking("sleep", move |vm| {
        if vm.rt.now >= until {
            Attempt::Done(Ok(Value::None))
        } else {
            Attempt::Block(BlockOn::Sleep { until })
        }
    })
}
