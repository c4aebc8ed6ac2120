//! Web Worker glue: the engine runs in a worker so the page never freezes, even on
//! `while True: pass`, and Stop is `worker.terminate()`.
//!
//! ```text
//!  page (interleave-web)                     worker (interleave-worker)
//!  EngineWorker::spawn ──new Worker(loader)──▶ worker_main: sets onmessage, posts Ready
//!  EngineWorker::run   ──RunRequest (JSON)──▶ session::run(source)
//!  on_event(Reply)     ◀──RunReply (JSON)───── output, trace, how it ended
//!  EngineWorker::terminate (Stop) kills it; the page spawns a fresh one.
//! ```
//!
//! Trunk builds the worker from `src/bin/interleave-worker.rs` (`data-type="worker"` in
//! www/index.html) with a loader shim, `interleave-worker_loader.js`, next to index.html.
//! Messages are JSON strings: the trace is serde-serializable already, and one string is one
//! copy across the thread boundary.

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use {
    std::cell::{Cell, RefCell},
    std::rc::Rc,
    wasm_bindgen::{prelude::*, JsCast},
};

use crate::runtime::processes::detached::{ChildRecord, ChildReport, ChildRun};
use crate::trace::{RunEnd, Trace};

/// The worker's script, relative to the page (Trunk's loader shim for the worker binary).
pub const WORKER_URL: &str = "./interleave-worker_loader.js";

/// Traces longer than this are cut before they cross to the page: the timeline stays usable
/// and the message stays well under the browser's limits.
pub const MAX_EVENTS: usize = 300_000;

/// Output lines kept (the rest are counted, not sent).
pub const MAX_OUTPUT_LINES: usize = 20_000;

/// What the page asks the worker to run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunRequest {
    /// Matches the reply to the request (a newer run supersedes an older one).
    pub id: u32,
    pub source: String,
    /// The step budget (bytecode instructions).
    pub max_steps: u64,
    /// Real mode: run only this child process of the program, detached (its fork replayed),
    /// and report what it measured. The page sends one to each of its real-mode workers.
    #[serde(default)]
    pub child: Option<ChildRun>,
}

/// One line of output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Line {
    pub stderr: bool,
    /// Virtual time at which it was printed.
    pub time: f64,
    pub text: String,
}

/// Everything a run produced, as the page receives it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunReply {
    pub id: u32,
    pub output: Vec<Line>,
    /// Output lines dropped past [`MAX_OUTPUT_LINES`].
    pub output_dropped: usize,
    pub trace: Trace,
    /// Events dropped past [`MAX_EVENTS`] (the engine's own cap included).
    pub events_dropped: u64,
    pub end: RunEnd,
    pub exit_code: i32,
    /// The traceback, deadlock report or limit message (what the CLI prints on stderr).
    pub error_text: String,
    pub steps: u64,
    /// Wall-clock milliseconds the engine took.
    pub elapsed_ms: f64,
    /// The child processes the simulation started: what real mode sends to workers.
    #[serde(default)]
    pub children: Vec<ChildRecord>,
    /// For a request with `child`: what that child measured, or why it could not run alone.
    #[serde(default)]
    pub child: Option<Result<ChildReport, String>>,
}

/// A message from the worker.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FromWorker {
    /// The engine is loaded and listening.
    Ready,
    /// A run finished (in any way: the reply says how).
    Reply(Box<RunReply>),
}

/// The worker's side: called by `interleave-worker`'s `main` once its wasm is instantiated.
#[cfg(target_arch = "wasm32")]
pub fn worker_main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(text) = e.data().as_string() else { return };
        let Ok(request) = serde_json::from_str::<RunRequest>(&text) else { return };
        let reply = FromWorker::Reply(Box::new(run(&request)));
        let json = serde_json::to_string(&reply).unwrap_or_default();
        let _ = reply_to.post_message(&JsValue::from_str(&json));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let ready = serde_json::to_string(&FromWorker::Ready).unwrap_or_default();
    let _ = scope.post_message(&JsValue::from_str(&ready));
}

/// Runs one request with the engine and shapes the reply (used by the worker).
#[cfg(target_arch = "wasm32")]
pub fn run(request: &RunRequest) -> RunReply {
    let started = js_sys::Date::now();
    let mut options = crate::session::RunOptions::default();
    options.limits.max_steps = request.max_steps;
    options.child = request.child.clone();
    // A detached child reports its measurements; its trace (the replay included) is not shown.
    options.trace = request.child.is_none();
    options.wall_clock = js_sys::Date::now;
    let result = crate::session::run(&request.source, &options);
    let elapsed_ms = js_sys::Date::now() - started;
    shape_reply(request.id, result, elapsed_ms)
}

/// Cuts a run's result down to what the page is sent.
pub fn shape_reply(id: u32, result: crate::session::RunResult, elapsed_ms: f64) -> RunReply {
    let mut trace = result.trace;
    let mut events_dropped = 0;
    if trace.events.len() > MAX_EVENTS {
        events_dropped = (trace.events.len() - MAX_EVENTS) as u64;
        trace.events.truncate(MAX_EVENTS);
    }
    let total_lines = result.output.len();
    let output: Vec<Line> = result
        .output
        .into_iter()
        .take(MAX_OUTPUT_LINES)
        .map(|l| Line { stderr: l.stream == crate::runtime::Stream::Stderr, time: l.time, text: l.text })
        .collect();
    RunReply {
        id,
        output_dropped: total_lines - output.len(),
        output,
        trace,
        events_dropped,
        end: result.end,
        exit_code: result.exit_code,
        error_text: result.error_text,
        steps: result.steps,
        elapsed_ms,
        children: result.children,
        child: result.child,
    }
}

/// What the page hears from its worker.
pub enum WorkerEvent {
    /// The engine is loaded (runs queued before this are sent now).
    Ready,
    /// A run's result.
    Reply(Box<RunReply>),
    /// The worker died or could not start (a message for the page).
    Crashed(String),
}

/// The page's handle on one engine worker.
#[cfg(target_arch = "wasm32")]
pub struct EngineWorker {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    /// A request made before the worker was ready.
    queued: Rc<RefCell<Option<String>>>,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

#[cfg(target_arch = "wasm32")]
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
                match serde_json::from_str::<FromWorker>(&text) {
                    Ok(FromWorker::Ready) => {
                        ready.set(true);
                        if let Some(request) = queued.borrow_mut().take() {
                            let _ = worker.post_message(&JsValue::from_str(&request));
                        }
                        on_event(WorkerEvent::Ready);
                    }
                    Ok(FromWorker::Reply(reply)) => on_event(WorkerEvent::Reply(reply)),
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
        let json = serde_json::to_string(request).unwrap_or_default();
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

#[cfg(target_arch = "wasm32")]
impl Drop for EngineWorker {
    fn drop(&mut self) {
        self.terminate();
    }
}
