//! Which part of the timeline is on screen, and the geometry of its rows: the pure arithmetic
//! behind zooming around the pointer, panning, scrolling the lanes and following the
//! playhead. No DOM: the canvas component keeps a [`Viewport`] and `paint` draws through it.
//!
//! Positions along the run are on one of two axes ([`Axis`]): virtual seconds (to scale: equal
//! durations are drawn equal, the ruler has regular ticks), or the expanded axis of
//! `Timeline::x` (each event a step of room plus room for the time that passed, so bursts of
//! zero-time steps can be read). Pixels are CSS pixels of the canvas.

/// Height of the time ruler at the top.
pub const RULER: f64 = 26.0;
/// Height of one lane, at least (lanes grow to fill the height when there are few).
pub const LANE: f64 = 28.0;
/// Height of one lane, at most (a few lanes fill the canvas rather than leaving it empty).
const LANE_MAX: f64 = 72.0;
/// Width of the lane labels column (narrower on a phone: see [`label_width`]).
pub const LABEL: f64 = 180.0;

/// The label column for a canvas `width` pixels wide.
pub fn label_width(width: f64) -> f64 {
    if width < 560.0 {
        112.0
    } else {
        LABEL
    }
}

/// The label column for a canvas `width` pixels wide whose longest lane label needs `needed`
/// pixels: wide enough for it ("increase_counter('Task 1')" whole), but never more than about
/// a third of the canvas, so the lanes keep most of it.
pub fn label_width_for(width: f64, needed: f64) -> f64 {
    let min = label_width(width);
    let share = if width < 560.0 { 0.42 } else { 0.34 };
    needed.clamp(min, (width * share).max(min)).round()
}

/// Space right of the plot.
pub const RIGHT: f64 = 14.0;

/// How the horizontal axis maps the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Axis {
    /// x proportional to virtual time: equal durations look equal.
    #[default]
    Scale,
    /// Each event gets a step of room, plus room for the time that passed: a lens on bursts of
    /// zero-time steps (asyncio's instants), which to scale would all sit on one line.
    Steps,
}

/// The axis that tells the truth about a run whose events happen at `times` (virtual seconds,
/// non-decreasing): to scale, unless bursts of zero-time steps dominate (more than half the
/// events happen at the same instant as the one before, as in asyncio programs, whose code takes
/// no virtual time) or no time passes at all.
pub fn choose_axis(times: &[f64]) -> Axis {
    let end = times.last().copied().unwrap_or(0.0);
    if times.len() < 2 || end <= times[0] {
        return Axis::Steps;
    }
    let zero_time = times.windows(2).filter(|w| w[1] <= w[0]).count();
    if zero_time * 2 > times.len() {
        Axis::Steps
    } else {
        Axis::Scale
    }
}

/// The event whose position in `x` (non-decreasing) is nearest to `at`; of events drawn at one
/// spot (an instant, to scale), the last, so the state shown is the one after that instant.
pub fn nearest(x: &[f64], at: f64) -> Option<usize> {
    if x.is_empty() {
        return None;
    }
    let i = x.partition_point(|&p| p < at);
    let pick = if i == 0 {
        0
    } else if i >= x.len() || at - x[i - 1] <= x[i] - at {
        i - 1
    } else {
        i
    };
    Some(x.partition_point(|&p| p <= x[pick]) - 1)
}

/// The event of lane `lane` (where its segments begin and end, its marks) nearest to position
/// `at` on the axis `x`: a click on a lane lands on that lane's own event.
pub fn nearest_of(tl: &crate::trace::timeline::Timeline, x: &[f64], lane: usize, at: f64) -> Option<usize> {
    let l = tl.lanes.get(lane)?;
    let points = l.segments.iter().flat_map(|s| [s.start, s.end]).chain(l.markers.iter().map(|m| m.at)).chain(std::iter::once(l.created));
    points
        .filter(|&i| (i as usize) < x.len())
        .min_by(|&a, &b| (x[a as usize] - at).abs().total_cmp(&(x[b as usize] - at).abs()).then(a.cmp(&b)))
        .map(|i| i as usize)
}

/// A tick of the ruler: its position on the axis and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position on the axis (seconds, on the axis to scale).
    pub at: f64,
    /// `0.5 s`.
    pub label: String,
}

/// Regular ticks for the axis to scale: a step of 1, 2 or 5 × 10ⁿ seconds, at least `min_px`
/// pixels apart (`0 s`, `0.5 s`, `1 s`, `1.5 s`).
pub fn time_ticks(v: &Viewport, min_px: f64) -> Vec<Tick> {
    let span = v.x1 - v.x0;
    if !(span > 0.0) || !span.is_finite() {
        return vec![];
    }
    let raw = span * min_px / v.plot_width();
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|&s| s >= raw * (1.0 - 1e-9)).unwrap_or(10.0 * magnitude);
    let decimals = (-(step.log10() - 1e-9).floor()).max(0.0) as usize;
    let first = (v.x0.max(0.0) / step).ceil() as i64;
    let last = (v.x1 / step).floor() as i64;
    (first..=last.max(first - 1))
        .take(1000)
        .map(|k| {
            let at = k as f64 * step;
            let text = format!("{at:.decimals$}");
            let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
            Tick { at, label: format!("{text} s") }
        })
        .collect()
}

/// Which part of the run is on screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Width of the canvas, in CSS pixels.
    pub width: f64,
    /// Height of the canvas, in CSS pixels.
    pub height: f64,
    /// The event position at the left edge of the plot.
    pub x0: f64,
    /// The event position at the right edge of the plot.
    pub x1: f64,
    /// Pixels the lanes are scrolled up by.
    pub scroll: f64,
    /// Height of a lane.
    pub lane: f64,
    /// Width of the label column.
    pub label: f64,
    /// The axis `x0` and `x1` are on.
    pub axis: Axis,
}

impl Viewport {
    /// The whole run across `width` × `height`.
    pub fn fit(run_width: f64, width: f64, height: f64) -> Viewport {
        let pad = run_width * 0.02 + 0.5;
        Viewport { width, height, x0: -pad, x1: run_width + pad, scroll: 0.0, lane: LANE, label: label_width(width), axis: Axis::Steps }
    }

    /// The whole run across `width` × `height` on `axis`, where the run spans `0..=run_width`.
    pub fn fit_axis(axis: Axis, run_width: f64, width: f64, height: f64) -> Viewport {
        match axis {
            Axis::Steps => Viewport::fit(run_width, width, height),
            Axis::Scale => {
                let run_width = run_width.max(1e-9);
                let pad = run_width * 0.02;
                Viewport { x0: -pad, x1: run_width + pad, axis, ..Viewport::fit(run_width, width, height) }
            }
        }
    }

    /// The narrowest span a zoom reaches: 40 pixels an event on the expanded axis, a
    /// millionth of the run (at least a nanosecond) to scale.
    fn min_span(&self, run_width: f64) -> f64 {
        match self.axis {
            Axis::Steps => self.plot_width() / 40.0,
            Axis::Scale => (run_width * 1e-6).max(1e-9),
        }
    }

    /// The widest span a zoom reaches.
    fn max_span(&self, run_width: f64) -> f64 {
        match self.axis {
            Axis::Steps => run_width * 1.5 + 2.0,
            Axis::Scale => run_width * 1.5,
        }
    }

    /// Lanes fill the height when there are few of them.
    pub fn set_rows(&mut self, rows: usize) {
        self.lane = ((self.height - RULER - 6.0) / rows.max(1) as f64).clamp(LANE, LANE_MAX).floor();
        self.scroll_by(0.0, rows);
    }

    /// Height of a segment bar: thicker in taller lanes.
    pub fn bar(&self) -> f64 {
        (self.lane * 0.4).clamp(14.0, 24.0).round()
    }

    /// Width of the plot: the canvas less the label column and the space right of it.
    pub fn plot_width(&self) -> f64 {
        (self.width - self.label - RIGHT).max(10.0)
    }

    /// Pixel column of event position `x`.
    pub fn px(&self, x: f64) -> f64 {
        self.label + (x - self.x0) / (self.x1 - self.x0) * self.plot_width()
    }

    /// Event position at pixel column `px`.
    pub fn pos(&self, px: f64) -> f64 {
        self.x0 + (px - self.label) / self.plot_width() * (self.x1 - self.x0)
    }

    /// Top of lane row `row`.
    pub fn row_top(&self, row: usize) -> f64 {
        RULER + row as f64 * self.lane - self.scroll
    }

    /// The lane row under `y`, if any.
    pub fn row_at(&self, y: f64, rows: usize) -> Option<usize> {
        if y < RULER {
            return None;
        }
        let row = ((y - RULER + self.scroll) / self.lane).floor();
        (row >= 0.0 && (row as usize) < rows).then_some(row as usize)
    }

    /// Zooms by `factor` (> 1 zooms in) keeping pixel column `at` fixed; at most one event per
    /// 40 pixels, at least the whole run.
    pub fn zoom(&mut self, factor: f64, at: f64, run_width: f64) {
        let anchor = self.pos(at);
        let span = ((self.x1 - self.x0) / factor).clamp(self.min_span(run_width), self.max_span(run_width).max(self.min_span(run_width)));
        let t = (at - self.label) / self.plot_width();
        self.x0 = anchor - span * t;
        self.x1 = self.x0 + span;
        self.clamp(run_width);
    }

    /// Pans by `dx` pixels (positive moves the view right, to later events).
    pub fn pan(&mut self, dx: f64, run_width: f64) {
        let d = dx / self.plot_width() * (self.x1 - self.x0);
        self.x0 += d;
        self.x1 += d;
        self.clamp(run_width);
    }

    /// Scrolls the lanes by `dy` pixels.
    pub fn scroll_by(&mut self, dy: f64, rows: usize) {
        let max = (rows as f64 * self.lane - (self.height - RULER)).max(0.0);
        self.scroll = (self.scroll + dy).clamp(0.0, max);
    }

    /// Keeps the view over the run.
    fn clamp(&mut self, run_width: f64) {
        let span = self.x1 - self.x0;
        let pad = span * 0.05;
        if self.x0 < -pad {
            self.x0 = -pad;
            self.x1 = self.x0 + span;
        }
        if self.x1 > run_width + pad {
            self.x1 = run_width + pad;
            self.x0 = self.x1 - span;
        }
    }

    /// Scrolls so `x` is in view (for the playhead), without zooming.
    pub fn follow(&mut self, x: f64, run_width: f64) {
        let span = self.x1 - self.x0;
        if x < self.x0 || x > self.x1 {
            self.x0 = x - span * 0.3;
            self.x1 = self.x0 + span;
            self.clamp(run_width);
        }
    }

    /// Scrolls so lane `row` is in view.
    pub fn reveal_row(&mut self, row: usize, rows: usize) {
        let top = row as f64 * self.lane;
        let visible = self.height - RULER;
        if top < self.scroll {
            self.scroll = top;
        } else if top + self.lane > self.scroll + visible {
            self.scroll = top + self.lane - visible;
        }
        self.scroll_by(0.0, rows);
    }
}

#[cfg(test)]
mod tests {
    use super::{choose_axis, nearest, time_ticks, Axis, Viewport, LANE};

    /// Two processes that both run from 0 to 0.71 s: A from event 1 to 5, B from event 2 to 6,
    /// with other events (their creation, the main thread's) in between.
    const TIMES: [f64; 8] = [0.0, 0.0, 0.0, 0.0, 0.2, 0.71, 0.71, 0.71];

    #[test]
    fn to_scale_equal_durations_are_drawn_equal() {
        let v = Viewport::fit_axis(Axis::Scale, 0.71, 1440.0, 400.0);
        let x = &TIMES;
        let (a0, a1, b0, b1) = (v.px(x[1]), v.px(x[5]), v.px(x[2]), v.px(x[6]));
        assert_eq!(a0, b0, "equal starts");
        assert!(((a1 - a0) - (b1 - b0)).abs() < 1e-9, "equal widths");
        assert!(a1 - a0 > 0.9 * v.plot_width(), "the run fills the plot");
        // The expanded axis gives each event room: the same two bars are staggered there.
        let steps: Vec<f64> = x.iter().enumerate().map(|(i, t)| i as f64 + t * 8.0 / 0.71).collect();
        let e = Viewport::fit_axis(Axis::Steps, steps[7], 1440.0, 400.0);
        assert_ne!(e.px(steps[1]), e.px(steps[2]));
    }

    #[test]
    fn ticks_to_scale_are_regular() {
        let mut v = Viewport::fit_axis(Axis::Scale, 1.6, 700.0, 300.0);
        let ticks = time_ticks(&v, 80.0);
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0 s", "0.5 s", "1 s", "1.5 s"]);
        for pair in ticks.windows(2) {
            assert!((v.px(pair[1].at) - v.px(pair[0].at) - (v.px(ticks[1].at) - v.px(ticks[0].at))).abs() < 1e-6);
            assert!(v.px(pair[1].at) - v.px(pair[0].at) >= 80.0);
        }
        // Zoomed in: finer steps, still regular, with the decimals they need.
        v.zoom(100.0, v.px(0.3), 1.6);
        let ticks = time_ticks(&v, 80.0);
        assert!(ticks.len() >= 3);
        let step = ticks[1].at - ticks[0].at;
        assert!(ticks.windows(2).all(|p| ((p[1].at - p[0].at) - step).abs() < 1e-12));
        assert!(ticks.iter().all(|t| t.label.ends_with(" s") && t.label.contains('.')), "{ticks:?}");
        // Tiny spans (microseconds) still give ticks, never a NaN.
        let tiny = Viewport::fit_axis(Axis::Scale, 3e-6, 700.0, 300.0);
        assert!(!time_ticks(&tiny, 80.0).is_empty());
    }

    #[test]
    fn the_label_column_fits_the_names_within_a_third() {
        use super::label_width_for;
        assert_eq!(label_width_for(1440.0, 260.0), 260.0, "room for the whole name");
        assert_eq!(label_width_for(1440.0, 100.0), super::LABEL, "never narrower than before");
        assert!(label_width_for(1440.0, 2000.0) <= 1440.0 * 0.34 + 1.0);
        assert!(label_width_for(390.0, 300.0) <= 390.0 * 0.42 + 1.0);
    }

    #[test]
    fn the_axis_is_to_scale_unless_zero_time_bursts_dominate() {
        // Threads and processes: time passes between most events.
        assert_eq!(choose_axis(&[0.0, 0.1, 0.1, 0.2, 0.3, 0.4]), Axis::Scale);
        // asyncio: everything happens at a few instants.
        assert_eq!(choose_axis(&[0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0]), Axis::Steps);
        // No time passes at all, or nothing happened.
        assert_eq!(choose_axis(&[0.0, 0.0]), Axis::Steps);
        assert_eq!(choose_axis(&[]), Axis::Steps);
    }

    #[test]
    fn a_seek_to_scale_lands_after_the_whole_instant() {
        assert_eq!(nearest(&TIMES, 0.01), Some(3), "the last event at t = 0");
        assert_eq!(nearest(&TIMES, 0.25), Some(4));
        assert_eq!(nearest(&TIMES, 9.0), Some(7));
        assert_eq!(nearest(&TIMES, -1.0), Some(3));
        assert_eq!(nearest(&[0.0, 1.0, 2.0], 1.4), Some(1));
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn the_viewport_zooms_around_the_pointer_and_stays_over_the_run() {
        let mut v = Viewport::fit(100.0, 1000.0, 300.0);
        let at = v.px(50.0);
        v.zoom(4.0, at, 100.0);
        assert!((v.pos(at) - 50.0).abs() < 1e-6, "the point under the pointer stays put");
        assert!(v.x1 - v.x0 < 30.0);
        v.pan(1e6, 100.0);
        assert!(v.x1 <= 100.0 + (v.x1 - v.x0) * 0.05 + 1e-9);
        v.zoom(1e-6, at, 100.0);
        assert!(v.x1 - v.x0 <= 100.0 * 1.5 + 2.0 + 1e-9);
        v.set_rows(3);
        assert!(v.lane > LANE, "few lanes grow to fill the height");
        v.set_rows(100);
        assert_eq!(v.lane, LANE);
    }
}
