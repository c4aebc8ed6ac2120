//! A running event loop as a frame of its thread: `loop.run_forever()`,
//! `loop.run_until_complete(fut)`, `asyncio.run(coro)` and `Runner.close()`'s shutdown.
//!
//! CPython's `run_forever` is a plain loop over `_run_once`, whose selector blocks the
//! thread (dropping the GIL) until a timer is due or another thread writes to the loop's
//! self-pipe (`call_soon_threadsafe`). Here the loop is a blocking call (`LoopRun`)
//! that the calling thread runs as its top frame: when the selector must wait, the
//! frame yields `Block` like `time.sleep` does, so the whole thread suspends and any
//! other thread (the main one included) runs meanwhile. That is what lets a loop run in a
//! thread other than the main one (`threading.Thread(target=loop.run_forever)`,
//! `asyncio.run` in each of several threads): a selector wait nested in Rust could only
//! let threads run that were not suspended below it.
//!
//! The stages after `run_until_complete(main)` in `asyncio.run` are `Runner.close()`'s
//! (`runners.py`): cancel the tasks left, in creation order, and run the loop until they
//! finish; `shutdown_asyncgens()`; `shutdown_default_executor()`; then close the loop and
//! `set_event_loop(None)`. Each waits on the loop like `run_until_complete` does.

use super::event_loop::{self, running, Callback};
use super::future::{self, fut};
use super::loops::{self, Home, LoopId};
use crate::vm::value::{NativeCoroutine, NativeStep, Obj, Resume, Value, Yielded};
use crate::vm::{Fail, LimitError, LimitKind, PyResult, Vm};
use std::rc::Rc;

/// What the run waits for now.
enum Stage {
    /// `run_forever`: until `stop()`.
    Forever,
    /// `run_until_complete(fut)` (`asyncio.run`'s main task too): until it is done.
    Until(Rc<Obj>),
    /// The shutdown's gather of the tasks it cancelled.
    Cancelled { tasks: Vec<Rc<Obj>>, gather: Rc<Obj> },
    /// `shutdown_asyncgens()`'s waiter.
    AsyncGens(Rc<Obj>),
    /// `shutdown_default_executor()`'s task.
    Executor(Rc<Obj>),
}

/// What the run is, and so what follows its first stage.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `loop.run_forever()` or `loop.run_until_complete(fut)`: one stage.
    Plain,
    /// `asyncio.run(coro)`: the main task, the shutdown, then close the loop.
    AsyncioRun,
    /// `Runner.close()`'s `_asyncio.shutdown(loop)`: the shutdown stages only.
    Shutdown,
}

/// A loop run, as a blocking call of the thread that runs it.
pub struct LoopRun {
    id: LoopId,
    kind: Kind,
    stage: Stage,
    /// The selector waited already in this iteration: the thread was woken, so the
    /// iteration goes on with the timers and the ready queue.
    selected: bool,
    /// A task step suspended the thread in the middle of an iteration: resuming goes on
    /// with it (`event_loop::resume_batch`).
    in_batch: bool,
    /// Where the loop's state was before the run moved it into the thread's slot, and
    /// what the slot held (nothing: `check_can_run` saw to it).
    home: Option<(Home, Option<super::event_loop::EventLoop>)>,
    /// `asyncio.run`'s result (its main task's), kept while the shutdown runs.
    result: Option<PyResult<Value>>,
}

/// A blocking call value running `run`.
fn value(run: LoopRun) -> Value {
    Value::obj(Obj::NativeCoro(std::cell::RefCell::new(Some(Box::new(run)))))
}

impl LoopRun {
    /// A run of loop `id` (its state moved into the slot) in `stage`.
    fn start(vm: &mut Vm, id: LoopId, kind: Kind, stage: Stage) -> LoopRun {
        let home = loops::move_in(vm, id);
        let run = LoopRun { id, kind, stage, selected: false, in_batch: false, home: Some(home), result: None };
        if let Stage::Until(f) = &run.stage {
            future::add_done_callback(vm, f, Callback::StopLoop);
        }
        run
    }

    /// Put the loop's state back where it was.
    fn move_out(&mut self, vm: &mut Vm) {
        if let Some((home, aside)) = self.home.take() {
            loops::move_out(vm, self.id, home, aside);
        }
    }

    /// The stage's future finished (or the loop was stopped): go on to the next stage, or
    /// return the run's result.
    fn stage_done(&mut self, vm: &mut Vm) -> Option<PyResult<Value>> {
        match std::mem::replace(&mut self.stage, Stage::Forever) {
            Stage::Forever => {
                self.move_out(vm);
                Some(Ok(Value::None))
            }
            Stage::Until(f) => {
                let r = until_result(vm, &f);
                if self.kind == Kind::Plain {
                    self.move_out(vm);
                    return Some(r);
                }
                self.result = Some(r);
                self.next(vm, |run, vm| run.begin_shutdown(vm))
            }
            Stage::Cancelled { tasks, gather } => {
                if let Err(e) = until_result(vm, &gather) {
                    return self.shutdown_failed(vm, e);
                }
                for t in &tasks {
                    if fut(t).is_cancelled() {
                        continue;
                    }
                    let exc = fut(t).state.borrow().exception.clone();
                    if let Some(e) = exc {
                        let tb = vm.format_traceback(&e);
                        let r = match super::task::repr(vm, t) {
                            Ok(r) => r,
                            Err(e) => return self.shutdown_failed(vm, e),
                        };
                        vm.write_output(&format!("unhandled exception during asyncio.run() shutdown\ntask: {r}\n{tb}"), true);
                    }
                }
                self.next(vm, |run, vm| run.begin_asyncgens(vm))
            }
            Stage::AsyncGens(w) => {
                if let Err(e) = until_result(vm, &w) {
                    return self.shutdown_failed(vm, e);
                }
                self.next(vm, |run, vm| run.begin_executor(vm))
            }
            Stage::Executor(w) => {
                if let Err(e) = until_result(vm, &w) {
                    return self.shutdown_failed(vm, e);
                }
                Some(self.finish(vm, Ok(())))
            }
        }
    }

    /// Start the next stage with `begin`; a failure there ends the shutdown.
    fn next(&mut self, vm: &mut Vm, begin: impl FnOnce(&mut Self, &mut Vm) -> PyResult<()>) -> Option<PyResult<Value>> {
        match begin(self, vm) {
            Ok(()) => None,
            Err(e) => self.shutdown_failed(vm, e),
        }
    }

    /// Wait for `f` in the next stage.
    fn wait_for(&mut self, vm: &mut Vm, f: Rc<Obj>, stage: impl FnOnce(Rc<Obj>) -> Stage) {
        future::add_done_callback(vm, &f, Callback::StopLoop);
        self.stage = stage(f);
    }

    /// `Runner.close()`'s first step: cancel the tasks not done, in creation order, and
    /// gather them (`return_exceptions=True`) so their cleanup runs.
    fn begin_shutdown(&mut self, vm: &mut Vm) -> PyResult<()> {
        let tasks: Vec<Rc<Obj>> = running(vm).tasks.iter().filter(|t| !fut(t).is_done()).cloned().collect();
        if tasks.is_empty() {
            return self.begin_asyncgens(vm);
        }
        for t in &tasks {
            future::cancel(vm, t, None);
        }
        let children: Vec<Value> = tasks.iter().map(|t| Value::Obj(t.clone())).collect();
        let g = super::gather::gather(vm, children, true)?;
        let g = future::as_future(&g).expect("gather").clone();
        self.wait_for(vm, g, |gather| Stage::Cancelled { tasks, gather });
        Ok(())
    }

    /// `loop.shutdown_asyncgens()` (`base_events.py`): `aclose()` every async generator
    /// still alive, gathered with `return_exceptions=True`, so their `finally` blocks run
    /// before the loop closes. With none left it is a task that returns at once.
    fn begin_asyncgens(&mut self, vm: &mut Vm) -> PyResult<()> {
        let agens: Vec<Rc<Obj>> =
            std::mem::take(&mut running(vm).asyncgens).iter().filter_map(|w| w.upgrade()).collect();
        let mut closers = Vec::new();
        for agen in &agens {
            let aclose = vm.get_attr(&Value::Obj(agen.clone()), "aclose")?;
            closers.push(vm.call_sync(&aclose, vec![])?);
        }
        let waiter = if closers.is_empty() {
            super::task::create_task(vm, super::task::noop_coroutine(), None)?
        } else {
            super::gather::gather(vm, closers, true)?
        };
        let waiter = future::as_future(&waiter).expect("task").clone();
        self.wait_for(vm, waiter, Stage::AsyncGens);
        Ok(())
    }

    /// `loop.shutdown_default_executor()`: a task of its own.
    fn begin_executor(&mut self, vm: &mut Vm) -> PyResult<()> {
        let t = super::task::create_task(vm, super::task::noop_coroutine(), None)?;
        let t = future::as_future(&t).expect("task").clone();
        self.wait_for(vm, t, Stage::Executor);
        Ok(())
    }

    /// A shutdown stage failed with `e`: `asyncio.run` returns its main task's result
    /// anyway (unless `e` stops the run); `Runner.close()` raises it.
    fn shutdown_failed(&mut self, vm: &mut Vm, e: Fail) -> Option<PyResult<Value>> {
        Some(self.finish(vm, Err(e)))
    }

    /// The run is over (after its shutdown, for `asyncio.run`): park the loop again; for
    /// `asyncio.run`, close it and `set_event_loop(None)`.
    fn finish(&mut self, vm: &mut Vm, shutdown: PyResult<()>) -> PyResult<Value> {
        self.move_out(vm);
        match self.kind {
            Kind::Plain => shutdown.map(|_| Value::None),
            Kind::Shutdown => shutdown.map(|_| Value::None),
            Kind::AsyncioRun => {
                let result = self.result.take().unwrap_or(Ok(Value::None));
                let closed = loops::close(vm, self.id);
                let unset = loops::set_event_loop(vm, Value::None);
                match (result, shutdown, closed, unset) {
                    (Err(stop @ (Fail::Limit(_) | Fail::ChildDone)), ..) => Err(stop),
                    (_, Err(stop @ (Fail::Limit(_) | Fail::ChildDone)), ..) => Err(stop),
                    (_, _, Err(stop @ (Fail::Limit(_) | Fail::ChildDone)), _) => Err(stop),
                    (_, _, _, Err(stop @ (Fail::Limit(_) | Fail::ChildDone))) => Err(stop),
                    (r, ..) => r,
                }
            }
        }
    }

    /// An iteration of the loop failed with `e`: the run's result, or None when the
    /// shutdown began (the loop runs on).
    fn failed(&mut self, vm: &mut Vm, e: Fail) -> Option<PyResult<Value>> {
        let stops = matches!(e, Fail::Limit(_) | Fail::ChildDone);
        if let Stage::Until(f) = &self.stage {
            future::remove_done_callback(f, &Callback::StopLoop);
        }
        match self.kind {
            Kind::AsyncioRun if matches!(e, Fail::Limit(LimitError { kind: LimitKind::Deadlock(_), .. })) => {
                // After a deadlock CPython hangs in the selector: its shutdown never runs,
                // so no task is cancelled, no `finally` prints, nor is the loop closed.
                Some(Err(e))
            }
            // A spent budget (or the Stop button) ends the run where it stands: the
            // shutdown would only fail at its first step, after cancelling and gathering
            // every task left (millions, for a program that spawns tasks without end).
            Kind::AsyncioRun if stops => {
                self.result = Some(Err(e));
                Some(self.finish(vm, Ok(())))
            }
            Kind::AsyncioRun if matches!(self.stage, Stage::Until(_)) => {
                // An exception out of the main run (`KeyboardInterrupt`, `SystemExit` out
                // of a task): the shutdown still runs (`Runner.__exit__`).
                self.result = Some(Err(e));
                self.next(vm, |run, vm| run.begin_shutdown(vm))
            }
            Kind::AsyncioRun | Kind::Shutdown => Some(self.finish(vm, Err(e))),
            Kind::Plain => {
                self.move_out(vm);
                Some(Err(e))
            }
        }
    }

    /// Run loop iterations until the stage ends or the selector must wait.
    fn drive(&mut self, vm: &mut Vm) -> NativeStep {
        loop {
            let batch = if self.in_batch {
                self.in_batch = false;
                event_loop::resume_batch(vm)
            } else {
                if !self.selected {
                    match event_loop::select_wait(vm) {
                        Ok(Some(on)) => {
                            self.selected = true;
                            vm.set_blocked(on);
                            return NativeStep::Yield(Yielded::Block);
                        }
                        Ok(None) => {}
                        Err(e) => match self.failed(vm, e) {
                            Some(r) => return outcome(r),
                            None => continue,
                        },
                    }
                }
                self.selected = false;
                event_loop::run_ready(vm)
            };
            match batch {
                Ok(Some(y)) => {
                    // A task step suspended the thread: so does the loop, mid-iteration.
                    self.in_batch = true;
                    return NativeStep::Yield(y);
                }
                Ok(None) => {}
                Err(e) => match self.failed(vm, e) {
                    Some(r) => return outcome(r),
                    None => continue,
                },
            }
            if running(vm).stopping {
                running(vm).stopping = false;
                if let Stage::Until(f) | Stage::AsyncGens(f) | Stage::Executor(f) = &self.stage {
                    future::remove_done_callback(f, &Callback::StopLoop);
                }
                if let Stage::Cancelled { gather, .. } = &self.stage {
                    future::remove_done_callback(gather, &Callback::StopLoop);
                }
                if let Some(r) = self.stage_done(vm) {
                    return outcome(r);
                }
            }
        }
    }
}

/// A finished run's result as the blocking call's last step.
fn outcome(r: PyResult<Value>) -> NativeStep {
    match r {
        Ok(v) => NativeStep::Return(v),
        Err(e) => NativeStep::Raise(e),
    }
}

/// `run_until_complete`'s ending: the future's result, or, when the loop was stopped
/// before it finished, `RuntimeError('Event loop stopped before Future completed.')`.
fn until_result(vm: &mut Vm, f: &Rc<Obj>) -> PyResult<Value> {
    if !fut(f).is_done() {
        return Err(vm.exc("RuntimeError", "Event loop stopped before Future completed."));
    }
    future::result(vm, f)
}

impl NativeCoroutine for LoopRun {
    fn name(&self) -> &'static str {
        "run_forever"
    }

    fn is_blocking_call(&self) -> bool {
        true
    }

    fn resume(&mut self, vm: &mut Vm, input: Resume) -> NativeStep {
        if self.home.is_none() {
            return NativeStep::Raise(vm.exc("RuntimeError", "the event loop run is over"));
        }
        if let Resume::Throw(e) = input {
            self.move_out(vm);
            return NativeStep::Raise(Fail::Exc(e));
        }
        self.drive(vm)
    }
}

/// `loop.run_forever()` on loop `id` (checked to be able to run).
pub fn run_forever(vm: &mut Vm, id: LoopId) -> Value {
    value(LoopRun::start(vm, id, Kind::Plain, Stage::Forever))
}

/// `loop.run_until_complete(fut)` on loop `id` (checked to be able to run); `arg` is
/// made a future of the loop first (`ensure_future`).
pub fn run_until_complete(vm: &mut Vm, id: LoopId, arg: Value) -> PyResult<Value> {
    let f = loops::with_loop(vm, id, |vm| super::task::ensure_future(vm, arg))?;
    Ok(value(LoopRun::start(vm, id, Kind::Plain, Stage::Until(f))))
}

/// `_asyncio.shutdown(loop)`: `Runner.close()`'s sequence on loop `id`, not running.
pub fn shutdown(vm: &mut Vm, id: LoopId) -> PyResult<Value> {
    let mut run = LoopRun::start(vm, id, Kind::Shutdown, Stage::Forever);
    if let Err(e) = run.begin_shutdown(vm) {
        run.move_out(vm);
        return Err(e);
    }
    Ok(value(run))
}

/// `asyncio.run(coro)`: a new loop, the main task, then the shutdown sequence of
/// `runners.Runner.close`: cancel leftover tasks (in creation order) and let their
/// cleanup run, then `shutdown_asyncgens()` and `shutdown_default_executor()`.
/// `debug` is `asyncio.run(debug=...)`: when not None, `Runner` calls `loop.set_debug`.
pub fn asyncio_run(vm: &mut Vm, coro: Value, debug: Option<bool>) -> PyResult<Value> {
    if vm.rt.event_loop.is_some() {
        if let Value::Obj(o) = &coro {
            if let Obj::Coroutine(c) = o.as_ref() {
                c.borrow_mut().state = crate::vm::value::CoroState::Done;
            }
        }
        return Err(vm.exc("RuntimeError", "asyncio.run() cannot be called from a running event loop"));
    }
    if !super::task::is_coroutine(&coro) {
        let r = vm.repr(&coro)?;
        return Err(vm.value_error(format!("a coroutine was expected, got {r}")));
    }
    // `Runner`: a new loop, made the current one for the run, closed after it and
    // `set_event_loop(None)`.
    let object = loops::new_event_loop(vm)?;
    let id = loops::id_of(&object).expect("new_event_loop checks it made a loop");
    if let Some(on) = debug {
        super::loop_object::set_debug(vm, id, on);
    }
    loops::set_event_loop(vm, object)?;
    let main = loops::with_loop(vm, id, |vm| super::task::create_task(vm, coro, None))?;
    let main = future::as_future(&main).expect("task").clone();
    Ok(value(LoopRun::start(vm, id, Kind::AsyncioRun, Stage::Until(main))))
}
