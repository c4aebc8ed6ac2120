//! The explorer's own engine worker: started on first use, ended by Stop (terminate, as
//! Run's Stop), started again on the next request. Its replies go to one callback.

use std::cell::RefCell;
use std::rc::Rc;

use crate::protocol::{ExploreRequest, FromWorker};
use crate::workers::{EngineWorker, WorkerEvent, WORKER_URL};

/// The page's handle on the explorer's worker.
#[derive(Default)]
pub struct ExploreWorker {
    worker: Option<EngineWorker>,
    next_id: u32,
}

impl ExploreWorker {
    /// A fresh request id.
    pub fn next_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// Sends `request`, starting the worker if there is none; `on_reply` hears what it says
    /// (and `Err` when it dies).
    pub fn send(this: &Rc<RefCell<ExploreWorker>>, request: &ExploreRequest, on_reply: Rc<dyn Fn(Result<FromWorker, String>)>) {
        if this.borrow().worker.is_none() {
            let weak = Rc::downgrade(this);
            let on_event: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| match event {
                WorkerEvent::Explore(m) => on_reply(Ok(m)),
                WorkerEvent::Crashed(message) => {
                    // Not from inside the dying worker's own callback: on the next tick.
                    let weak = weak.clone();
                    gloo_timers::callback::Timeout::new(0, move || {
                        if let Some(w) = weak.upgrade() {
                            w.borrow_mut().stop();
                        }
                    })
                    .forget();
                    on_reply(Err(message));
                }
                WorkerEvent::Ready | WorkerEvent::Reply(_) | WorkerEvent::Progress(..) => {}
            });
            match EngineWorker::spawn(WORKER_URL, on_event) {
                Ok(w) => this.borrow_mut().worker = Some(w),
                Err(_) => return,
            }
        }
        if let Some(w) = &this.borrow().worker {
            w.post(request.to_json());
        }
    }

    /// Ends the worker at once (Stop): whatever it was doing is dropped.
    pub fn stop(&mut self) {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
    }
}
