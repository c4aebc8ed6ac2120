//! The engine's worker as the page uses it: started at load, replaced when it dies or is
//! stopped, and sent each run with a fresh id (a newer run supersedes an older one).

use std::cell::RefCell;
use std::rc::Rc;

use yew::Callback;

use super::browser;
use super::run::STEP_BUDGET;
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
        WorkerEvent::Reply(reply) => dispatch2.emit(Action::RunFinished(reply)),
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
    dispatch.emit(Action::RunStarted(Running { id, started: browser::now() }));
    if let Some(worker) = &e.worker {
        worker.run(&RunRequest { id, source: source.to_string(), max_steps: STEP_BUDGET, child: None });
    }
}
