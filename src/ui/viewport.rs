//! Which part of the timeline is on screen, and the geometry of its rows: the pure arithmetic
//! behind zooming around the pointer, panning, scrolling the lanes and following the
//! playhead. No DOM: the canvas component keeps a [`Viewport`] and `paint` draws through it.
//!
//! Positions along the run are event positions (`Timeline::x`, the axis the lanes are drawn
//! on); pixels are CSS pixels of the canvas.

/// Height of the time ruler at the top.
pub const RULER: f64 = 26.0;
/// Height of one lane, at least (lanes grow to fill the height when there are few).
pub const LANE: f64 = 28.0;
/// Height of one lane, at most.
const LANE_MAX: f64 = 42.0;
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

/// Space right of the plot.
pub const RIGHT: f64 = 14.0;

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
}

impl Viewport {
    /// The whole run across `width` × `height`.
    pub fn fit(run_width: f64, width: f64, height: f64) -> Viewport {
        let pad = run_width * 0.02 + 0.5;
        Viewport { width, height, x0: -pad, x1: run_width + pad, scroll: 0.0, lane: LANE, label: label_width(width) }
    }

    /// Lanes fill the height when there are few of them.
    pub fn set_rows(&mut self, rows: usize) {
        self.lane = ((self.height - RULER - 6.0) / rows.max(1) as f64).clamp(LANE, LANE_MAX).floor();
        self.scroll_by(0.0, rows);
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
        let span = ((self.x1 - self.x0) / factor).clamp(self.plot_width() / 40.0, run_width * 1.5 + 2.0);
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
    use super::{Viewport, LANE};

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
