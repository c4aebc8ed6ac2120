//! The engine's worker as the page uses it: started at load, replaced when it dies or is
//! stopped, and sent each run with a fresh id (a newer run supersedes an older one).

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use super::browser;
use super::run::{STEP_BUDGET, STOPPED_PREFIX};
use crate::trace::RunEnd;
use super::state::{Action, Running};
use crate::protocol::RunRequest;
use crate::workers::{EngineWorker, WorkerEvent, WORKER_URL};

/// The engine worker and the run counter, shared by the callbacks.
#[derive(Default)]
pub struct Engine {
    /// The worker running the engine; None until spawned (or after it died).
    pub worker: Option<EngineWorker>,
    next_id: u32,
    /// Workers that died in a row without ever becoming ready (a missing or broken worker
    /// script): after a few, the page stops respawning until the next Run.
    failures: u32,
    /// The program of the latest run: real mode replays its forks with exactly this text.
    last_source: Option<(u32, Rc<str>)>,
    /// The steps the latest run had executed when its worker last said (id, steps).
    progress: Option<(u32, u64)>,
    /// A replay of a stopped run up to where it was stopped: (its id, seconds it ran).
    replay: Option<(u32, f64)>,
}

impl Engine {
    /// The program that run `id` ran, if it is the latest.
    pub fn source_of(&self, id: u32) -> Option<Rc<str>> {
        self.last_source.as_ref().filter(|(i, _)| *i == id).map(|(_, s)| s.clone())
    }
}

/// Starts a worker whose events go to `dispatch`; a crashed worker is replaced at once.
pub fn spawn_worker(engine: &Rc<RefCell<Engine>>, dispatch: &Callback<Action>) {
    let (weak, dispatch2) = (Rc::downgrade(engine), dispatch.clone());
    let on_event: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| match event {
        WorkerEvent::Ready => {
            if let Some(engine) = weak.upgrade() {
                engine.borrow_mut().failures = 0;
            }
        }
        WorkerEvent::Progress(id, steps) => {
            if let Some(engine) = weak.upgrade() {
                engine.borrow_mut().progress = Some((id, steps));
            }
        }
        WorkerEvent::Reply(mut reply) => {
            // A stopped run's replay: it says it was stopped, not that it hit a budget.
            let replay = weak.upgrade().and_then(|e| e.borrow_mut().replay.take_if(|(id, _)| *id == reply.id));
            if let Some((_, seconds)) = replay {
                if matches!(&reply.end, RunEnd::Limit { message } if message.contains("step budget")) {
                    let end = RunEnd::Limit { message: stopped_message(seconds) };
                    reply.trace.end = Some(end.clone());
                    reply.end = end;
                    reply.error_text = format!("You stopped the run after {seconds:.1} s.\n");
                }
            }
            dispatch2.emit(Action::RunFinished(reply))
        }
        WorkerEvent::Explore(_) => {} // the explorer has a worker of its own (ui::explore)
        WorkerEvent::Crashed(message) => {
            dispatch2.emit(Action::Crashed(message));
            let Some(engine) = weak.upgrade() else { return };
            let failures = {
                let mut e = engine.borrow_mut();
                e.failures += 1;
                e.failures
            };
            // Not from inside the dying worker's own callback: on the next tick.
            let dispatch3 = dispatch2.clone();
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(old) = engine.borrow_mut().worker.take() {
                    old.terminate();
                }
                if failures < 3 {
                    spawn_worker(&engine, &dispatch3);
                }
            })
            .forget();
        }
    });
    match EngineWorker::spawn(WORKER_URL, on_event) {
        Ok(worker) => engine.borrow_mut().worker = Some(worker),
        Err(message) => {
            engine.borrow_mut().worker = None;
            dispatch.emit(Action::Crashed(message));
        }
    }
}

/// Stop: ends the run in progress at once (its worker with it), then shows what it did until
/// then by running the program again with the steps it had reached as its budget (the engine is
/// deterministic, so the replay is the stopped run's beginning). Without a step count yet (a
/// Stop within the first tenth of a second), or when Stop ends such a replay, it just says
/// it stopped. `seconds` is how long the run had been going.
pub fn stop_run(engine: &Rc<RefCell<Engine>>, dispatch: &Callback<Action>, running_id: u32, seconds: f64) {
    let (replay, source) = {
        let mut e = engine.borrow_mut();
        if let Some(worker) = e.worker.take() {
            worker.terminate();
        }
        let was_replay = e.replay.take().is_some();
        let steps = e.progress.filter(|(id, _)| *id == running_id).map(|(_, s)| s);
        let source = e.source_of(running_id);
        (steps.filter(|_| !was_replay), source)
    };
    spawn_worker(engine, dispatch);
    let has_worker = engine.borrow().worker.is_some();
    match (replay, source, has_worker) {
        (Some(steps), Some(source), true) => {
            let mut e = engine.borrow_mut();
            e.next_id += 1;
            let id = e.next_id;
            e.last_source = Some((id, source.clone()));
            e.replay = Some((id, seconds));
            e.progress = None;
            // Still "running" for the page: the replay replaces the stopped run.
            dispatch.emit(Action::RunStarted(Running { id, started: browser::now() }));
            if let Some(worker) = &e.worker {
                worker.run(&RunRequest { id, source: source.to_string(), max_steps: steps.min(STEP_BUDGET), child: None });
            }
        }
        _ => dispatch.emit(Action::Stopped { seconds }),
    }
}

/// The limit message of a stopped run's replay (`Problem::of` reads it back).
pub fn stopped_message(seconds: f64) -> String {
    format!("{STOPPED_PREFIX}{seconds:.1} s")
}

/// Sends `source` to the engine (starting one if the last ones died).
pub fn start_run(engine: &Rc<RefCell<Engine>>, dispatch: &Callback<Action>, source: &str) {
    if engine.borrow().worker.is_none() {
        engine.borrow_mut().failures = 0;
        spawn_worker(engine, dispatch);
        if engine.borrow().worker.is_none() {
            return; // it could not start; the page says so
        }
    }
    let mut e = engine.borrow_mut();
    e.next_id += 1;
    let id = e.next_id;
    e.last_source = Some((id, Rc::from(source)));
    e.replay = None;
    e.progress = None;
    dispatch.emit(Action::RunStarted(Running { id, started: browser::now() }));
    if let Some(worker) = &e.worker {
        worker.run(&RunRequest { id, source: source.to_string(), max_steps: STEP_BUDGET, child: None });
    }
}
