//! The real-mode workers: a pool of engine workers kept warm while real mode is on (so their
//! load time is never measured), each child of a run sent to the next free one.
//!
//! A *job* is one set of children to run: the run's own (shown in the panel), a warm-up, or
//! one timed round of the speedup measurement. A newer job supersedes an older one: the
//! workers still busy with it are ended and replaced (an engine cannot be interrupted), and
//! a reply carrying an old job's id is ignored. Actions for the page are collected while the
//! pool is borrowed and sent once it is released, so a render never finds it borrowed.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use yew::Callback;

use super::measure::{assign, detachable, Measured, ROUNDS};
use crate::protocol::{ChildRecord, ChildReport, ChildRun, RunRequest};
use crate::ui::browser;
use crate::ui::run::STEP_BUDGET;
use crate::ui::state::Action;
use crate::workers::{EngineWorker, WorkerEvent, WORKER_URL};

/// Workers at most, whatever the browser reports.
const MAX_WORKERS: usize = 16;

/// The id of a warm-up run (jobs count from 1).
const WARM_UP_ID: u32 = 0;

/// What a new worker runs before its first child, untimed: the browser compiles the engine's
/// hot loop while the worker is busy, and a cold worker would be measured at half speed.
const WARM_UP: &str = "def count(n):\n    total = 0\n    for i in range(n):\n        total += i % 7\n    return total\n\n\ncount(300_000)\n";

/// How many workers the speedup measurement goes up to: the browser's logical cores.
pub fn cores() -> usize {
    let n = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    (n as usize).clamp(1, MAX_WORKERS)
}

/// The pool, shared by the page's callbacks.
pub struct RealPool {
    me: Weak<RefCell<RealPool>>,
    slots: Vec<Slot>,
    job: Option<Job>,
    /// The speedup measurement's jobs still to run, with what they run.
    plan: VecDeque<Kind>,
    plan_children: Option<(Rc<str>, VecDeque<ChildRun>)>,
    next_batch: u32,
    next_generation: u32,
    /// Workers that died in a row without a reply: after a few, real mode gives up.
    failures: u32,
    dispatch: Callback<Action>,
    /// Actions to send once the pool is released.
    actions: Vec<Action>,
}

/// One worker of the pool.
struct Slot {
    /// `None` if the browser refused to start it (the page was told why).
    worker: Option<EngineWorker>,
    /// Tells this worker's events from those of the one it replaced.
    generation: u32,
    /// Loaded and warmed up.
    ready: bool,
    /// The child it is running.
    running: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// The run's children, shown row by row.
    Show,
    /// Every worker runs once, untimed: its code is compiled before the rounds are timed.
    Warmup,
    /// A timed round with this many workers.
    Round(usize),
}

struct Job {
    batch: u32,
    kind: Kind,
    source: Rc<str>,
    pending: VecDeque<ChildRun>,
    /// Workers it may use (the first `width` of the pool).
    width: usize,
    outstanding: usize,
    first_sent: Option<f64>,
}

impl RealPool {
    /// An empty pool whose reports go to `dispatch`.
    pub fn shared(dispatch: Callback<Action>) -> Rc<RefCell<RealPool>> {
        Rc::new_cyclic(|me| {
            RefCell::new(RealPool {
                me: me.clone(),
                slots: Vec::new(),
                job: None,
                plan: VecDeque::new(),
                plan_children: None,
                next_batch: 0,
                next_generation: 0,
                failures: 0,
                dispatch,
                actions: Vec::new(),
            })
        })
    }

    /// Runs `f` on the pool, then sends the actions it produced.
    fn with<T>(pool: &Rc<RefCell<RealPool>>, f: impl FnOnce(&mut RealPool) -> T) -> T {
        let (result, actions, dispatch) = {
            let mut p = pool.borrow_mut();
            let result = f(&mut p);
            (result, std::mem::take(&mut p.actions), p.dispatch.clone())
        };
        for action in actions {
            dispatch.emit(action);
        }
        result
    }

    /// Runs a run's children in the workers, showing each as it replies.
    pub fn show(pool: &Rc<RefCell<RealPool>>, source: Rc<str>, children: Rc<Vec<ChildRecord>>) {
        RealPool::with(pool, |p| {
            p.supersede();
            let pending = detachable(&children);
            let width = cores().min(pending.len());
            let batch = p.start(Kind::Show, source, pending, width);
            p.actions.push(Action::RealStarted(Measured::new(batch, children, width)));
            p.pump();
        });
    }

    /// Times the same children on 1, 2, … [`cores`] workers, [`ROUNDS`] rounds each, after
    /// an untimed warm-up on all of them.
    pub fn measure_speedup(pool: &Rc<RefCell<RealPool>>, source: Rc<str>, children: &[ChildRecord]) {
        RealPool::with(pool, |p| {
            p.supersede();
            let cores = cores();
            p.plan.push_back(Kind::Warmup);
            for k in 1..=cores {
                p.plan.extend((0..ROUNDS).map(|_| Kind::Round(k)));
            }
            p.plan_children = Some((source, detachable(children)));
            p.actions.push(Action::SpeedupStarted { cores });
            p.next_planned();
        });
    }

    /// Stop, or a new run: ends the work in progress. True if there was any.
    pub fn stop(pool: &Rc<RefCell<RealPool>>) -> bool {
        RealPool::with(pool, |p| p.supersede())
    }

    /// Real mode turned off: every worker ends.
    pub fn shut_down(pool: &Rc<RefCell<RealPool>>) {
        RealPool::with(pool, |p| {
            p.supersede();
            p.slots.clear(); // dropping a worker terminates it
        });
    }

    /// Ends the current job and the plan; busy workers are replaced. True if any work ended.
    fn supersede(&mut self) -> bool {
        let had_work = self.job.is_some() || !self.plan.is_empty();
        self.job = None;
        self.plan.clear();
        self.plan_children = None;
        for i in 0..self.slots.len() {
            if self.slots[i].running.is_some() {
                self.respawn(i);
            }
        }
        had_work
    }

    fn start(&mut self, kind: Kind, source: Rc<str>, pending: VecDeque<ChildRun>, width: usize) -> u32 {
        self.next_batch += 1;
        let batch = self.next_batch;
        let outstanding = pending.len();
        while self.slots.len() < width {
            let i = self.slots.len();
            let slot = self.spawn(i);
            self.slots.push(slot);
        }
        self.job = Some(Job { batch, kind, source, pending, width, outstanding, first_sent: None });
        batch
    }

    /// Starts the speedup plan's next job, if any.
    fn next_planned(&mut self) {
        let Some(kind) = self.plan.pop_front() else {
            self.plan_children = None;
            return;
        };
        let Some((source, children)) = self.plan_children.clone() else { return };
        let width = match kind {
            Kind::Round(k) => k,
            _ => cores(),
        }
        .min(children.len());
        self.start(kind, source, children, width);
        self.pump();
    }

    /// Sends children to free workers, once every worker the job may use is ready (so the
    /// timing never includes a worker's start-up).
    fn pump(&mut self) {
        let Some(job) = &mut self.job else { return };
        if job.outstanding == 0 {
            self.finish_job();
            return;
        }
        let slots = &mut self.slots[..job.width];
        if !slots.iter().all(|s| s.ready) {
            return;
        }
        let mut free: Vec<bool> = slots.iter().map(|s| s.running.is_none()).collect();
        for (worker, child) in assign(&mut free, &mut job.pending) {
            let now = browser::now();
            job.first_sent.get_or_insert(now);
            let fork = child.fork;
            slots[worker].running = Some(fork);
            let request = RunRequest { id: job.batch, source: job.source.to_string(), max_steps: STEP_BUDGET, child: Some(child) };
            if let Some(w) = &slots[worker].worker {
                w.run(&request);
            }
            if job.kind == Kind::Show {
                self.actions.push(Action::RealSent { batch: job.batch, fork, worker, at: now });
            }
        }
    }

    /// A child of the current job is over (replied, or its worker died).
    fn child_over(&mut self, batch: u32, fork: Option<u32>, report: Result<ChildReport, String>) {
        let Some(job) = &mut self.job else { return };
        if job.batch != batch {
            return;
        }
        job.outstanding = job.outstanding.saturating_sub(1);
        if let (Kind::Show, Some(fork)) = (job.kind, fork) {
            self.actions.push(Action::RealReceived { batch, fork, at: browser::now(), report });
        }
    }

    fn finish_job(&mut self) {
        let Some(job) = self.job.take() else { return };
        if let Kind::Round(k) = job.kind {
            let wall_ms = browser::now() - job.first_sent.unwrap_or_else(browser::now);
            self.actions.push(Action::SpeedupRound { k, wall_ms });
        }
        self.next_planned();
    }

    fn spawn(&mut self, index: usize) -> Slot {
        self.next_generation += 1;
        let generation = self.next_generation;
        let me = self.me.clone();
        let on_event: Rc<dyn Fn(WorkerEvent)> = Rc::new(move |event| {
            if let Some(pool) = me.upgrade() {
                RealPool::on_event(&pool, index, generation, event);
            }
        });
        match EngineWorker::spawn(WORKER_URL, on_event) {
            Ok(worker) => Slot { worker: Some(worker), generation, ready: false, running: None },
            // Rare (no Worker at all): the page hears why, and the slot never becomes ready.
            Err(message) => {
                self.actions.push(Action::RealCrashed(message));
                Slot { worker: None, generation, ready: false, running: None }
            }
        }
    }

    fn respawn(&mut self, index: usize) {
        let slot = self.spawn(index);
        self.slots[index] = slot; // the old worker is dropped: terminated
    }

    fn on_event(pool: &Rc<RefCell<RealPool>>, index: usize, generation: u32, event: WorkerEvent) {
        let mut replace = false;
        RealPool::with(pool, |p| {
            if p.slots.get(index).map(|s| s.generation) != Some(generation) {
                return; // a replaced worker's last words
            }
            match event {
                WorkerEvent::Ready => {
                    if let Some(w) = &p.slots[index].worker {
                        w.run(&RunRequest { id: WARM_UP_ID, source: WARM_UP.into(), max_steps: STEP_BUDGET, child: None });
                    }
                }
                WorkerEvent::Reply(reply) if reply.id == WARM_UP_ID => p.slots[index].ready = true,
                WorkerEvent::Reply(reply) => {
                    p.failures = 0;
                    let fork = p.slots[index].running.take();
                    let report = reply.child.unwrap_or_else(|| Err("the worker ran the whole program instead of the child".into()));
                    p.child_over(reply.id, fork, report);
                }
                WorkerEvent::Progress(..) => {}
                WorkerEvent::Explore(_) => {} // real-mode workers are never asked to explore
                WorkerEvent::Crashed(message) => {
                    let fork = p.slots[index].running.take();
                    p.slots[index].ready = false;
                    p.actions.push(Action::RealCrashed(message.clone()));
                    match p.job.as_ref().map(|j| (j.batch, j.kind)) {
                        Some((batch, Kind::Show)) => p.child_over(batch, fork, Err(format!("its worker stopped: {message}"))),
                        Some(_) => {
                            p.job = None;
                            p.plan.clear();
                            p.actions.push(Action::SpeedupEnded("a worker stopped during the measurement".into()));
                        }
                        None => {}
                    }
                    p.failures += 1;
                    if p.failures >= 3 {
                        // A broken worker script: no use starting more.
                        p.supersede();
                        p.slots.clear();
                        p.actions.push(Action::RealStopped);
                    } else {
                        replace = true;
                    }
                }
            }
            p.pump();
        });
        if replace {
            // Not from inside the dying worker's own callback: on the next tick.
            let weak = Rc::downgrade(pool);
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(pool) = weak.upgrade() {
                    RealPool::with(&pool, |p| {
                        if p.slots.get(index).is_some_and(|s| s.generation == generation) {
                            p.respawn(index);
                        }
                    });
                }
            })
            .forget();
        }
    }
}
