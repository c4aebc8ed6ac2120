//! The course's own engine worker, for the runs a lesson makes besides the editor's: a
//! challenge's check (a run, then the explorer when a goal is about every schedule). It speaks
//! the worker's usual protocol (`RunRequest`, `ExploreRequest`), so nothing of the engine or
//! the explorer is duplicated; its own worker keeps a long check from queueing behind the
//! editor's runs. Started on first use, ended with the component that owns it.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::FromWorker;
use crate::workers::{EngineWorker, WorkerEvent, WORKER_URL};

/// The page's handle on the course's worker.
#[derive(Default)]
pub struct LearnWorker {
    worker: Option<EngineWorker>,
    next_id: u32,
}

impl LearnWorker {
    /// A fresh request id.
    pub fn next_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// Sends an encoded request to the worker already started (the next step of a check, from
    /// inside a reply); false when there is none.
    pub fn post(&self, json: String) -> bool {
        self.worker.as_ref().map(|w| w.post(json)).is_some()
    }

    /// Sends an encoded request (one at a time: the worker keeps only the latest request made
    /// before it is ready), starting the worker if there is none; `on_reply` hears every reply
    /// (and `Err` when the worker dies).
    pub fn send(this: &Rc<RefCell<LearnWorker>>, json: String, on_reply: Rc<dyn Fn(Result<FromWorker, String>)>) {
        if this.borrow().worker.is_none() {
            let weak = Rc::downgrade(this);
            let on_event: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| match event {
                WorkerEvent::Reply(reply) => on_reply(Ok(FromWorker::Reply(reply))),
                WorkerEvent::Explore(m) => on_reply(Ok(m)),
                WorkerEvent::Crashed(message) => {
                    // Not from inside the dying worker's own callback: on the next tick.
                    let weak = weak.clone();
                    gloo_timers::callback::Timeout::new(0, move || {
                        if let Some(w) = weak.upgrade() {
                            if let Some(worker) = w.borrow_mut().worker.take() {
                                worker.terminate();
                            }
                        }
                    })
                    .forget();
                    on_reply(Err(message));
                }
                WorkerEvent::Ready | WorkerEvent::Progress(..) => {}
            });
            match EngineWorker::spawn(WORKER_URL, on_event) {
                Ok(w) => this.borrow_mut().worker = Some(w),
                Err(_) => return,
            }
        }
        if let Some(w) = &this.borrow().worker {
            w.post(json);
        }
    }
}
