//! What real mode measured, kept apart from the workers so the arithmetic can be tested
//! without a browser: which worker ran each child and when, what each child reported, the
//! parallelism of a run, and the speedup of k workers over one.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::protocol::{ChildRecord, ChildReport, ChildRun};

/// Rounds timed for each worker count; the best is kept (a busy machine only slows a round).
pub const ROUNDS: u32 = 3;

/// Gives each free worker, lowest index first, the next child in fork order. Returns the
/// (worker, child) pairs to send; `free` is updated.
pub fn assign(free: &mut [bool], pending: &mut VecDeque<ChildRun>) -> Vec<(usize, ChildRun)> {
    let mut sent = Vec::new();
    for (worker, is_free) in free.iter_mut().enumerate() {
        if !*is_free {
            continue;
        }
        let Some(child) = pending.pop_front() else { break };
        *is_free = false;
        sent.push((worker, child));
    }
    sent
}

/// The children of a run that can cross to a worker, as requests, in fork order.
pub fn detachable(children: &[ChildRecord]) -> VecDeque<ChildRun> {
    children
        .iter()
        .filter_map(|c| Some(ChildRun { fork: c.fork, inbox: c.inbox.as_ref().ok()?.clone() }))
        .collect()
}

/// One child process in real mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The worker that ran it (0-based).
    pub worker: Option<usize>,
    /// `performance.now()` when it was sent.
    pub sent: Option<f64>,
    /// `performance.now()` when its reply came.
    pub received: Option<f64>,
    /// What it reported, or why it failed in the worker.
    pub report: Option<Result<ChildReport, String>>,
}

/// One run's children, run for real.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// Matches the pool's replies to this run.
    pub batch: u32,
    /// The simulation's records, one per child process.
    pub children: Rc<Vec<ChildRecord>>,
    /// One row per child, in the same order.
    pub rows: Vec<Row>,
    /// How many workers ran them.
    pub workers: usize,
    /// Stopped before every reply came.
    pub stopped: bool,
}

impl Measured {
    /// Batch `batch`'s `children`, none sent yet, on `workers` workers.
    pub fn new(batch: u32, children: Rc<Vec<ChildRecord>>, workers: usize) -> Measured {
        let rows = vec![Row::default(); children.len()];
        Measured { batch, children, rows, workers, stopped: false }
    }

    fn row(&mut self, fork: u32) -> Option<&mut Row> {
        let i = self.children.iter().position(|c| c.fork == fork)?;
        self.rows.get_mut(i)
    }

    /// Child `fork` was sent to `worker` at `at`.
    pub fn sent(&mut self, fork: u32, worker: usize, at: f64) {
        if let Some(row) = self.row(fork) {
            row.worker = Some(worker);
            row.sent = Some(at);
        }
    }

    /// Child `fork`'s reply came at `at`.
    pub fn received(&mut self, fork: u32, at: f64, report: Result<ChildReport, String>) {
        if let Some(row) = self.row(fork) {
            row.received = Some(at);
            row.report = Some(report);
        }
    }

    /// True when every child that can run detached has replied.
    pub fn done(&self) -> bool {
        self.children.iter().zip(&self.rows).all(|(c, r)| c.inbox.is_err() || r.report.is_some())
    }

    /// True while replies are awaited.
    pub fn busy(&self) -> bool {
        !self.stopped && !self.done()
    }

    /// When the first child was sent.
    pub fn first_sent(&self) -> Option<f64> {
        self.rows.iter().filter_map(|r| r.sent).reduce(f64::min)
    }

    /// Milliseconds from the first child sent to the last reply (once all have replied).
    pub fn wall_ms(&self) -> Option<f64> {
        let last = self.rows.iter().filter_map(|r| r.received).reduce(f64::max)?;
        self.done().then(|| last - self.first_sent().unwrap_or(last))
    }

    /// The children's own work, summed (milliseconds).
    pub fn work_ms(&self) -> f64 {
        self.rows.iter().filter_map(|r| r.report.as_ref()?.as_ref().ok()).map(|r| r.work_ms).sum()
    }

    /// Own work over wall time: how many children were working at once, on average.
    pub fn parallelism(&self) -> Option<f64> {
        let wall = self.wall_ms()?;
        (wall > 0.0).then(|| self.work_ms() / wall)
    }

    /// Whether child `i`'s results equal the simulation's (`None` before its reply, or when
    /// it failed).
    pub fn same_results(&self, i: usize) -> Option<bool> {
        let report = self.rows.get(i)?.report.as_ref()?.as_ref().ok()?;
        Some(report.outbox == self.children[i].outbox)
    }

    /// How many different workers ran children.
    pub fn distinct_workers(&self) -> usize {
        let mut workers: Vec<usize> = self.rows.iter().filter_map(|r| r.worker).collect();
        workers.sort_unstable();
        workers.dedup();
        workers.len()
    }

    /// The real-milliseconds axis: from the first send to the last reply so far.
    pub fn axis_ms(&self) -> f64 {
        let first = self.first_sent().unwrap_or(0.0);
        let last = self.rows.iter().filter_map(|r| r.received).fold(first, f64::max);
        last - first
    }

    /// The virtual-seconds axis: up to the last child's end.
    pub fn axis_seconds(&self) -> f64 {
        self.children.iter().map(|c| c.ended.unwrap_or(c.started)).fold(0.0, f64::max)
    }
}

/// The speedup measurement: the same children on 1, 2, … `cores` workers.
#[derive(Clone, Debug, PartialEq)]
pub struct Speedup {
    /// The most workers measured (at least 1).
    pub cores: usize,
    /// Best wall time (ms) for k workers, at index k − 1.
    pub best: Vec<Option<f64>>,
    /// Rounds timed for k workers, at index k − 1.
    pub rounds: Vec<u32>,
    /// Why it ended early (Stop, a crash).
    pub ended_early: Option<String>,
}

impl Speedup {
    /// Nothing measured yet, for 1 to `cores` workers.
    pub fn new(cores: usize) -> Speedup {
        let cores = cores.max(1);
        Speedup { cores, best: vec![None; cores], rounds: vec![0; cores], ended_early: None }
    }

    /// One round with `k` workers took `wall_ms`.
    pub fn record(&mut self, k: usize, wall_ms: f64) {
        let Some(best) = self.best.get_mut(k.wrapping_sub(1)) else { return };
        *best = Some(best.map_or(wall_ms, |b| b.min(wall_ms)));
        self.rounds[k - 1] += 1;
    }

    /// True when every worker count has its rounds.
    pub fn done(&self) -> bool {
        self.rounds.iter().all(|&r| r >= ROUNDS)
    }

    /// True while rounds are still to come.
    pub fn busy(&self) -> bool {
        self.ended_early.is_none() && !self.done()
    }

    /// (k, best wall ms, speedup T1/Tk) for each k measured so far.
    pub fn points(&self) -> Vec<(usize, f64, f64)> {
        let Some(Some(t1)) = self.best.first().copied() else { return Vec::new() };
        self.best
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let t = (*t)?;
                Some((i + 1, t, if t > 0.0 { t1 / t } else { 0.0 }))
            })
            .collect()
    }
}

/// Maps worker counts and speedups onto the chart's SVG box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartScale {
    /// Width of the SVG box.
    pub width: f64,
    /// Height of the SVG box.
    pub height: f64,
    /// Room for the axis labels on the left.
    pub left: f64,
    /// Room for the axis labels at the bottom.
    pub bottom: f64,
    /// The most workers on the axis.
    pub max_k: usize,
    /// The top of the speedup axis: a whole number, at least `max_k` (the ideal line fits).
    pub max_y: f64,
}

impl ChartScale {
    /// The scale for a `width` × `height` box, 1 to `max_k` workers, and the `speedups` measured.
    pub fn new(width: f64, height: f64, max_k: usize, speedups: impl IntoIterator<Item = f64>) -> ChartScale {
        let max_k = max_k.max(1);
        let top = speedups.into_iter().filter(|s| s.is_finite()).fold(max_k as f64, f64::max);
        ChartScale { width, height, left: 34.0, bottom: 26.0, max_k, max_y: top.ceil().max(1.0) }
    }

    /// k = 1 at the left edge of the plot, k = max_k at its right (one worker count alone: centred).
    pub fn x(&self, k: usize) -> f64 {
        let (from, to) = (self.left + 10.0, self.width - 10.0);
        if self.max_k == 1 {
            return (from + to) / 2.0;
        }
        from + (to - from) * (k.saturating_sub(1)) as f64 / (self.max_k - 1) as f64
    }

    /// Speedup 0 at the bottom of the plot, `max_y` at its top.
    pub fn y(&self, speedup: f64) -> f64 {
        let (bottom, top) = (self.height - self.bottom, 8.0);
        bottom - (bottom - top) * (speedup / self.max_y).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::rc::Rc;

    use super::{assign, detachable, ChartScale, Measured, Speedup, ROUNDS};
    use crate::protocol::ChildRun;
    use crate::ui::fixtures::{record, report};

    fn run(fork: u32) -> ChildRun {
        ChildRun { fork, inbox: vec![] }
    }

    #[test]
    fn each_free_worker_takes_the_next_child_in_fork_order() {
        let mut pending: VecDeque<ChildRun> = (1..=5).map(run).collect();
        let mut free = vec![true, false, true];
        let sent: Vec<(usize, u32)> = assign(&mut free, &mut pending).into_iter().map(|(w, c)| (w, c.fork)).collect();
        assert_eq!(sent, [(0, 1), (2, 2)]);
        assert_eq!(free, [false, false, false]);
        free[1] = true;
        let sent: Vec<(usize, u32)> = assign(&mut free, &mut pending).into_iter().map(|(w, c)| (w, c.fork)).collect();
        assert_eq!(sent, [(1, 3)]);
        let mut all_free = vec![true; 4];
        assert_eq!(assign(&mut all_free, &mut pending).len(), 2, "only what is left is sent");
        assert_eq!(all_free, [false, false, true, true]);
    }

    #[test]
    fn children_that_cannot_cross_to_a_worker_are_not_sent() {
        let children = [record(1, Ok(vec![None])), record(2, Err("a lambda".into())), record(3, Ok(vec![]))];
        let forks: Vec<u32> = detachable(&children).iter().map(|c| c.fork).collect();
        assert_eq!(forks, [1, 3]);
    }

    #[test]
    fn measured_wall_time_parallelism_and_verdicts() {
        let children = Rc::new(vec![record(1, Ok(vec![])), record(2, Ok(vec![])), record(3, Err("a lambda".into()))]);
        let mut m = Measured::new(7, children, 2);
        assert!(m.busy());
        m.sent(1, 0, 100.0);
        m.sent(2, 1, 101.0);
        m.received(1, 150.0, Ok(report(1, 40.0, "10")));
        assert_eq!(m.wall_ms(), None, "not before every child replied");
        m.received(2, 200.0, Ok(report(2, 80.0, "not 20")));
        assert!(m.done() && !m.busy());
        assert_eq!(m.wall_ms(), Some(100.0));
        assert_eq!(m.work_ms(), 120.0);
        assert_eq!(m.parallelism(), Some(1.2));
        assert_eq!(m.same_results(0), Some(true));
        assert_eq!(m.same_results(1), Some(false));
        assert_eq!(m.same_results(2), None);
        assert_eq!(m.distinct_workers(), 2);
        assert_eq!(m.axis_ms(), 100.0);
        assert_eq!(m.axis_seconds(), 2.0);
    }

    #[test]
    fn speedup_keeps_the_best_round_and_divides_by_one_workers_time() {
        let mut s = Speedup::new(3);
        assert!(s.points().is_empty());
        for _ in 0..ROUNDS {
            s.record(1, 300.0);
        }
        s.record(1, 240.0);
        s.record(2, 130.0);
        s.record(2, 120.0);
        s.record(9, 1.0); // out of range: ignored
        let points = s.points();
        assert_eq!(points.len(), 2);
        assert_eq!(points[0], (1, 240.0, 1.0));
        assert_eq!(points[1], (2, 120.0, 2.0));
        assert!(s.busy());
        for k in 2..=3 {
            for _ in 0..ROUNDS {
                s.record(k, 100.0);
            }
        }
        assert!(s.done() && !s.busy());
    }

    #[test]
    fn the_chart_puts_one_worker_left_and_zero_speedup_at_the_bottom() {
        let scale = ChartScale::new(280.0, 160.0, 4, [1.0, 1.9, 3.7]);
        assert_eq!(scale.max_y, 4.0, "room for the ideal line");
        assert!(scale.x(1) < scale.x(2) && scale.x(4) <= 280.0 && scale.x(1) >= scale.left);
        assert_eq!(scale.y(0.0), 160.0 - scale.bottom);
        assert!(scale.y(4.0) < scale.y(1.0) && scale.y(4.0) >= 0.0);
        assert_eq!(scale.y(99.0), scale.y(4.0), "clamped to the plot");
        let wide = ChartScale::new(280.0, 160.0, 2, [5.2]);
        assert_eq!(wide.max_y, 6.0, "a measured speedup above the cores still fits");
        let one = ChartScale::new(280.0, 160.0, 1, [1.0]);
        assert!(one.x(1) > one.left + 50.0, "a single worker count sits in the middle");
    }
}
