//! Web Worker glue: the engine runs in a worker so the page never freezes, even on
//! `while True: pass`, and Stop is `worker.terminate()`.
//!
//! ```text
//!  page (interleave-web)                     worker (interleave-worker)
//!  EngineWorker::spawn ──new Worker(loader)──▶ worker_main: sets onmessage, posts Ready
//!  EngineWorker::run   ──RunRequest (JSON)──▶ session::run(source)
//!  on_event(Progress)  ◀──steps so far──────── every ~100 ms while it runs
//!  on_event(Reply)     ◀──RunReply (JSON)───── output, trace, how it ended
//!  EngineWorker::terminate (Stop) kills it; the page spawns a fresh one and, to show what
//!  the stopped run did, runs the program again with the last step count as its budget (the
//!  engine is deterministic: the same steps, the same trace).
//! ```
//!
//! Trunk builds the worker from `src/bin/interleave-worker.rs` (`data-type="worker"` in
//! www/index.html) with a loader shim, `interleave-worker_loader.js`, next to index.html.
//! The messages and their JSON encoding are [`crate::protocol`]'s: one string is one copy
//! across the thread boundary.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The messages are the protocol's; re-exported here for the page's modules that name them
/// through the worker.
use crate::protocol::{ExploreRequest, ExploreSummary, FromWorker, RunReply, RunRequest};

/// The worker's script, relative to the page (Trunk's loader shim for the worker binary).
pub const WORKER_URL: &str = "./interleave-worker_loader.js";

/// The worker's side: called by `interleave-worker`'s `main` once its wasm is instantiated.
pub fn worker_main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(text) = e.data().as_string() else { return };
        if let Ok(request) = ExploreRequest::from_json(&text) {
            explore(&reply_to, request);
            return;
        }
        let Ok(request) = RunRequest::from_json(&text) else { return };
        let reply = FromWorker::Reply(Box::new(run(&request)));
        let _ = reply_to.post_message(&JsValue::from_str(&reply.to_json()));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(&FromWorker::Ready.to_json()));
}

thread_local! {
    /// The run in progress in this worker, for its progress reports: (request id, when the last
    /// report went, in ms).
    static PROGRESS: Cell<(u32, f64)> = const { Cell::new((0, f64::NEG_INFINITY)) };
}

/// How often a running worker reports its step count, in milliseconds.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// Reports the step count to the page (called by the engine every 4,096 steps; posts at most
/// every [`PROGRESS_EVERY_MS`]).
fn report_progress(steps: u64) {
    let now = js_sys::Date::now();
    let (id, last) = PROGRESS.with(Cell::get);
    if now - last < PROGRESS_EVERY_MS {
        return;
    }
    PROGRESS.with(|p| p.set((id, now)));
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(&JsValue::from_str(&FromWorker::Progress { id, steps }.to_json()));
}

/// The step budget of each run of an exploration or a scheduler turn (as the CLI's explore).
const EXPLORE_STEPS: u64 = 1_000_000;

/// Answers an explorer request (used by the worker): progress messages every 50 ms while
/// an exploration runs (Stop terminates the worker, as for a run), then the result.
fn explore(scope: &web_sys::DedicatedWorkerGlobalScope, request: ExploreRequest) {
    let post = |m: FromWorker| {
        let _ = scope.post_message(&JsValue::from_str(&m.to_json()));
    };
    match request {
        ExploreRequest::Run { id, source, preemptions, max_schedules, time_cap_ms } => {
            let options = crate::explore::ExploreOptions {
                preemptions,
                max_schedules,
                time_cap_ms,
                clock: js_sys::Date::now,
                max_steps: EXPLORE_STEPS,
                ..Default::default()
            };
            let mut last = js_sys::Date::now();
            let report = crate::explore::explore(&source, &options, &mut |p| {
                let now = js_sys::Date::now();
                if now - last >= 50.0 {
                    last = now;
                    post(FromWorker::ExploreProgress { id, schedules: p.schedules, outcomes: p.outcomes });
                }
                true
            });
            post(FromWorker::Explored { id, report: ExploreSummary::from(&report) });
        }
        ExploreRequest::Turn { id, source, picks, goal } => {
            let turn = crate::explore::interactive::turn(&source, &picks, goal, EXPLORE_STEPS);
            post(FromWorker::Turn { id, turn: Box::new(turn) });
        }
        ExploreRequest::Replay { id, source, schedule } => {
            let started = js_sys::Date::now();
            let replay = crate::explore::interactive::replay(&source, &schedule, EXPLORE_STEPS);
            let mut options = crate::session::RunOptions::default();
            options.limits.max_steps = EXPLORE_STEPS;
            options.wall_clock = js_sys::Date::now;
            options.schedule = crate::runtime::threads::policy::Policy::parse(&schedule).unwrap_or_default();
            let result = crate::session::run(&source, &options);
            let run = RunReply::new(id, result, js_sys::Date::now() - started);
            post(FromWorker::Replayed { id, replay: Box::new(replay), run: Box::new(run) });
        }
    }
}

/// Runs one request with the engine and shapes the reply (used by the worker).
pub fn run(request: &RunRequest) -> RunReply {
    let started = js_sys::Date::now();
    let mut options = crate::session::RunOptions::default();
    if request.child.is_none() {
        // The first report after 4,096 steps, then every tenth of a second.
        PROGRESS.with(|p| p.set((request.id, f64::NEG_INFINITY)));
        options.progress = Some(report_progress);
    }
    options.limits.max_steps = request.max_steps;
    options.child = request.child.clone();
    // A detached child reports its measurements; its trace (the replay included) is not shown.
    options.trace = request.child.is_none();
    options.wall_clock = js_sys::Date::now;
    // The worker's binary installs the counting allocator (`vm::heap::CountingAlloc`): a
    // program that allocates without bound stops at the budget instead of taking the tab.
    options.memory_probe = Some(crate::vm::heap::allocated);
    let result = crate::session::run(&request.source, &options);
    let elapsed_ms = js_sys::Date::now() - started;
    RunReply::new(request.id, result, elapsed_ms)
}

/// What the page hears from its worker.
pub enum WorkerEvent {
    /// The engine is loaded (runs queued before this are sent now).
    Ready,
    /// A run's result.
    Reply(Box<RunReply>),
    /// Run `id` has executed `steps` instructions so far.
    Progress(u32, u64),
    /// An explorer message (progress, a report, a turn, a replay).
    Explore(FromWorker),
    /// The worker died or could not start (a message for the page).
    Crashed(String),
}

/// The page's handle on one engine worker.
pub struct EngineWorker {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    /// A request made before the worker was ready.
    queued: Rc<RefCell<Option<String>>>,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl EngineWorker {
    /// Starts a worker from `url`; `on_event` hears about it.
    pub fn spawn(url: &str, on_event: Rc<dyn Fn(WorkerEvent)>) -> Result<EngineWorker, String> {
        let worker = web_sys::Worker::new(url).map_err(|e| format!("the engine's worker could not start: {e:?}"))?;
        let ready = Rc::new(Cell::new(false));
        let queued: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
        let onmessage = {
            let (ready, queued, worker, on_event) = (ready.clone(), queued.clone(), worker.clone(), on_event.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(text) = e.data().as_string() else { return };
                match FromWorker::from_json(&text) {
                    Ok(FromWorker::Ready) => {
                        ready.set(true);
                        if let Some(request) = queued.borrow_mut().take() {
                            let _ = worker.post_message(&JsValue::from_str(&request));
                        }
                        on_event(WorkerEvent::Ready);
                    }
                    Ok(FromWorker::Reply(reply)) => on_event(WorkerEvent::Reply(reply)),
                    Ok(FromWorker::Progress { id, steps }) => on_event(WorkerEvent::Progress(id, steps)),
                    Ok(other) => on_event(WorkerEvent::Explore(other)),
                    Err(e) => on_event(WorkerEvent::Crashed(format!("the engine sent a reply the page could not read ({e})"))),
                }
            })
        };
        let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            e.prevent_default();
            on_event(WorkerEvent::Crashed(e.message()));
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(EngineWorker { worker, ready, queued, _onmessage: onmessage, _onerror: onerror })
    }

    /// True once the engine is loaded.
    pub fn is_ready(&self) -> bool {
        self.ready.get()
    }

    /// Sends a run (queued until the worker is ready; a newer request replaces a queued one).
    pub fn run(&self, request: &RunRequest) {
        let json = request.to_json();
        if self.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&json));
        } else {
            *self.queued.borrow_mut() = Some(json);
        }
    }

    /// Sends a message already encoded (an explorer request), queued like [`Self::run`].
    pub fn post(&self, json: String) {
        if self.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&json));
        } else {
            *self.queued.borrow_mut() = Some(json);
        }
    }

    /// Ends the worker at once, mid-run or not.
    pub fn terminate(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Drop for EngineWorker {
    fn drop(&mut self) {
        self.terminate();
    }
}
