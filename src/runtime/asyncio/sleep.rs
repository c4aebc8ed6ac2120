//! `asyncio.sleep(delay, result)`, modelled on CPython's `tasks.sleep`.
//!
//! `sleep(0)` (or a negative delay) is a bare yield: the task goes to the back of the
//! ready queue for one loop iteration. Otherwise it awaits a future resolved by a timer
//! (`call_later(delay, _set_result_unless_cancelled, ...)`); if the task is cancelled
//! meanwhile, the timer is cancelled too (the `finally: h.cancel()`).

use super::event_loop::{self, Callback};
use super::future::{self, Label};
use crate::trace::EventKind;
use crate::vm::value::{NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, Vm};
use std::cell::Cell;
use std::rc::Rc;

enum State {
    Start,
    /// Yielded once (sleep(0)).
    Yielded,
    /// Waiting for the timer: its handle id and cancel flag.
    Waiting(u32, Rc<Cell<bool>>),
}

/// `asyncio.sleep(delay, result)` as a native awaitable: `sleep(0)` yields once, else a timer wakes
/// it.
pub struct Sleep {
    delay: f64,
    result: Value,
    state: State,
}

impl Sleep {
    /// A sleep of `delay` seconds returning `result`.
    pub fn new(delay: f64, result: Value) -> Sleep {
        Sleep { delay, result, state: State::Start }
    }
}

impl NativeCoroutine for Sleep {
    fn name(&self) -> &'static str {
        "sleep"
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        match (std::mem::replace(&mut self.state, State::Start), input) {
            (State::Start, Resume::Send(_)) => {
                if self.delay <= 0.0 {
                    self.state = State::Yielded;
                    return NativeStep::Yield(Yielded::Bare);
                }
                let when = vm.rt.now + self.delay;
                let fut = future::new_future(vm, Label::Sleep(when));
                let cb = Callback::SetResultUnlessCancelled { fut: fut.clone(), value: self.result.clone() };
                let (id, cancelled) = event_loop::call_at(vm, when, cb, vec![]);
                self.state = State::Waiting(id, cancelled);
                NativeStep::Yield(Yielded::Future(fut))
            }
            (State::Yielded, Resume::Send(_)) | (State::Waiting(..), Resume::Send(_)) => {
                NativeStep::Return(std::mem::replace(&mut self.result, Value::None))
            }
            (State::Waiting(id, cancelled), Resume::Throw(e)) => {
                if !cancelled.get() {
                    cancelled.set(true);
                    vm.record(EventKind::TimerCancelled { handle: id });
                }
                NativeStep::Raise(Fail::Exc(e))
            }
            (_, Resume::Throw(e)) => NativeStep::Raise(Fail::Exc(e)),
        }
    }
}

/// The awaitable `asyncio.sleep(delay, result)` returns.
pub fn sleep_value(delay: f64, result: Value) -> Value {
    Value::obj(Obj::NativeCoro(std::cell::RefCell::new(Some(Box::new(Sleep::new(delay, result))))))
}

#[cfg(test)]
mod tests {
    use crate::runtime::run_output;

    #[test]
    fn sleep_zero_yields_one_iteration_and_sleep_returns_its_result() {
        let out = run_output(
            "import asyncio
async def a():
    print('a1')
    await asyncio.sleep(0)
    print('a2')
async def b():
    print('b1')
    print(await asyncio.sleep(1, result='r'))
async def main():
    await asyncio.gather(a(), b())
asyncio.run(main())
",
        );
        assert_eq!(out, "a1\nb1\na2\nr\n");
    }

    /// CPython's `sleep(nan)` is not a bare yield (`nan <= 0` is false) but a timer that
    /// is due at once, so it returns without advancing the clock.
    #[test]
    fn sleep_nan_returns_at_once() {
        let out = run_output(
            "import asyncio
async def main():
    loop = asyncio.get_running_loop()
    t = loop.time()
    print(await asyncio.sleep(float('nan'), result='r'), loop.time() - t)
asyncio.run(main())
",
        );
        assert_eq!(out, "r 0.0\n");
    }
}
