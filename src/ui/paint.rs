//! Drawing the timeline: one function, [`draw`], over a small [`Painter`] trait that a canvas
//! ([`CanvasPainter`]) and an SVG document ([`SvgPainter`], for Export) both implement, so the
//! picture on screen and the exported file are the same drawing.
//!
//! It draws only what is visible: lanes outside the vertical scroll are skipped, each lane's
//! segments are found by binary search ([`Lane::visible`]), and consecutive segments that fall
//! in the same pixel column are drawn once. A trace of 100,000 events costs about as much to
//! draw as the canvas has pixels across.

use crate::trace::timeline::{Activity, Lane, Mark, Marker, Segment, WaitOn};
use crate::trace::{RunEnd, TaskOutcome};

use super::run::{RunView, TASK_COLOURS};
pub use super::viewport::{label_width, Axis, Viewport, LABEL, LANE, RULER};
use super::viewport::time_ticks;

/// Least pixels between two ticks of the ruler to scale.
const TICK_GAP: f64 = 72.0;
use super::viewport::RIGHT;

/// The task colours of the light theme (`--task-N` in www/styles.css).
const TASK_DEFAULTS: [&str; TASK_COLOURS] = ["#2f63e0", "#e07b16", "#1f9d55", "#9b4fd0", "#d13f7a", "#1598a8", "#8a6a2f", "#6d7f12"];


/// The colours of the timeline, read from the page's CSS variables (`--tl-*`).
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// The canvas background (`--tl-bg`).
    pub background: String,
    /// Every other lane's background (`--tl-alt`).
    pub alt: String,
    /// Grid lines, the ruler and tree connectors (`--tl-grid`).
    pub grid: String,
    /// Lane names (`--tl-text`).
    pub text: String,
    /// Secondary text: tick labels, lane details (`--tl-muted`).
    pub muted: String,
    /// The selected lane's background (`--tl-selected`).
    pub selected: String,
    /// Segments where the lane runs (`--tl-running`).
    pub running: String,
    /// Segments where it is on the ready queue (`--tl-ready`).
    pub ready: String,
    /// `asyncio.sleep` segments (`--tl-sleeping`).
    pub sleeping: String,
    /// `time.sleep` segments, which block the thread (`--tl-blocking`).
    pub blocking: String,
    /// Waiting on a lock, and lock hand-off arrows (`--tl-lock`).
    pub lock: String,
    /// Waiting on a semaphore (`--tl-semaphore`).
    pub semaphore: String,
    /// Waiting on an event (`--tl-event`).
    pub event: String,
    /// Waiting on a queue (`--tl-queue`).
    pub queue: String,
    /// Waiting on a task or a future (`--tl-future`).
    pub future: String,
    /// Waiting on a condition (`--tl-condition`).
    pub condition: String,
    /// Output marks (`--tl-output`).
    pub output: String,
    /// Cancellation marks (`--tl-cancel`).
    pub cancel: String,
    /// Exceptions, stderr marks and the deadlock cycle (`--tl-error`).
    pub error: String,
    /// The playhead (`--tl-playhead`).
    pub playhead: String,
    /// Threads waiting for the GIL (`--tl-gil`).
    pub gil: String,
    /// Each lane's own colour, by row (`--task-0` … `--task-7`): the swatch by its name, and
    /// its line in the editor.
    pub tasks: Vec<String>,
}

impl Palette {
    /// The variable names, in field order.
    pub const VARIABLES: [&'static str; 21] = [
        "--tl-bg", "--tl-alt", "--tl-grid", "--tl-text", "--tl-muted", "--tl-selected", "--tl-running", "--tl-ready",
        "--tl-sleeping", "--tl-blocking", "--tl-lock", "--tl-semaphore", "--tl-event", "--tl-queue", "--tl-future",
        "--tl-condition", "--tl-output", "--tl-cancel", "--tl-error", "--tl-playhead", "--tl-gil",
    ];

    /// Builds a palette from a lookup of CSS variables (missing ones get the light theme's).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Palette {
        let light = Palette::light();
        let defaults = light.fields();
        let mut v: Vec<String> = Self::VARIABLES
            .iter()
            .zip(defaults)
            .map(|(name, default)| get(name).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or(default))
            .collect();
        let mut next = || v.remove(0);
        Palette {
            background: next(),
            alt: next(),
            grid: next(),
            text: next(),
            muted: next(),
            selected: next(),
            running: next(),
            ready: next(),
            sleeping: next(),
            blocking: next(),
            lock: next(),
            semaphore: next(),
            event: next(),
            queue: next(),
            future: next(),
            condition: next(),
            output: next(),
            cancel: next(),
            error: next(),
            playhead: next(),
            gil: next(),
            tasks: (0..TASK_COLOURS)
                .map(|k| get(&format!("--task-{k}")).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| light.tasks[k].clone()))
                .collect(),
        }
    }

    fn fields(&self) -> Vec<String> {
        vec![
            self.background.clone(),
            self.alt.clone(),
            self.grid.clone(),
            self.text.clone(),
            self.muted.clone(),
            self.selected.clone(),
            self.running.clone(),
            self.ready.clone(),
            self.sleeping.clone(),
            self.blocking.clone(),
            self.lock.clone(),
            self.semaphore.clone(),
            self.event.clone(),
            self.queue.clone(),
            self.future.clone(),
            self.condition.clone(),
            self.output.clone(),
            self.cancel.clone(),
            self.error.clone(),
            self.playhead.clone(),
            self.gil.clone(),
        ]
    }

    /// The light theme (also what SVG export falls back to).
    pub fn light() -> Palette {
        let s = |v: &str| v.to_string();
        Palette {
            background: s("#ffffff"),
            alt: s("#f6f7f9"),
            grid: s("#e3e6eb"),
            text: s("#1d2230"),
            muted: s("#6b7385"),
            selected: s("#e8effe"),
            running: s("#2f6fe4"),
            ready: s("#c9d3e3"),
            sleeping: s("#9fd4c4"),
            blocking: s("#e0443c"),
            lock: s("#ef8a17"),
            semaphore: s("#d9a21b"),
            event: s("#9b59d0"),
            queue: s("#1fa39a"),
            future: s("#8d96a8"),
            condition: s("#d6569b"),
            output: s("#1d2230"),
            cancel: s("#ef8a17"),
            error: s("#e0443c"),
            playhead: s("#e0443c"),
            gil: s("#f2b8c6"),
            tasks: TASK_DEFAULTS.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// The colour of an activity.
    pub fn of(&self, a: Activity) -> &str {
        match a {
            Activity::Running { .. } => &self.running,
            Activity::Ready => &self.ready,
            Activity::GilWait => &self.gil,
            Activity::Sleeping => &self.sleeping,
            Activity::Blocking => &self.blocking,
            Activity::Waiting(on) => match on {
                WaitOn::Lock(_) => &self.lock,
                WaitOn::Semaphore(_) => &self.semaphore,
                WaitOn::Event(_) => &self.event,
                WaitOn::Queue(_) => &self.queue,
                WaitOn::Condition(_) => &self.condition,
                WaitOn::Task(_) | WaitOn::Future | WaitOn::Other => &self.future,
            },
        }
    }
}

/// The legend: (label, colour) for each kind of segment.
pub fn legend(p: &Palette) -> Vec<(&'static str, String)> {
    vec![
        ("running", p.running.clone()),
        ("ready", p.ready.clone()),
        ("sleeping", p.sleeping.clone()),
        ("blocking (time.sleep)", p.blocking.clone()),
        ("lock", p.lock.clone()),
        ("semaphore", p.semaphore.clone()),
        ("event", p.event.clone()),
        ("queue", p.queue.clone()),
        ("task / future", p.future.clone()),
        ("waiting for the GIL", p.gil.clone()),
    ]
}

/// Fonts the drawing uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    /// Lane names and ordinary labels.
    Label,
    /// The bold variant (lane names, marks).
    Bold,
    /// The small variant (tick labels, details).
    Small,
}

/// Horizontal text alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// `x` is the left edge.
    Left,
    /// `x` is the centre.
    Center,
    /// `x` is the right edge.
    Right,
}

/// What [`draw`] draws with.
pub trait Painter {
    /// Fills a rectangle.
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str);
    /// Strokes a rectangle's outline.
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str, width: f64);
    /// Draws a line segment, dashed or solid.
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: &str, width: f64, dashed: bool);
    /// Fills a circle.
    fn circle(&mut self, x: f64, y: f64, r: f64, color: &str);
    /// Fills a polygon.
    fn polygon(&mut self, points: &[(f64, f64)], color: &str);
    /// Draws `text` vertically centred on `y`, aligned on `x`.
    fn text(&mut self, x: f64, y: f64, text: &str, color: &str, font: Font, align: Align);
    /// Width of `text` in pixels.
    fn measure(&mut self, text: &str, font: Font) -> f64;
    /// Restricts drawing to a rectangle until [`Painter::unclip`].
    fn clip(&mut self, x: f64, y: f64, w: f64, h: f64);
    /// Ends the clip set by [`Painter::clip`].
    fn unclip(&mut self);
}

/// What the pointer is over, to outline it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Highlight {
    /// The lane's row.
    pub row: usize,
    /// The segment under the pointer, outlined; None when there is none or a marker is under it.
    pub segment: Option<Segment>,
}

/// Everything a drawing depends on besides the run.
pub struct Scene<'a> {
    /// The run drawn.
    pub run: &'a RunView,
    /// The visible window and the canvas size.
    pub view: Viewport,
    /// Events applied at the playhead.
    pub playhead: usize,
    /// The selected lane's row.
    pub selected: Option<usize>,
    /// What the pointer is over.
    pub hover: Option<Highlight>,
    /// The colours.
    pub palette: &'a Palette,
}

/// Draws the timeline.
pub fn draw(p: &mut dyn Painter, s: &Scene) {
    draw_scene(p, s);
    draw_playhead(p, s);
}

/// Draws everything but the playhead: what a seek leaves as it is (the canvas keeps it as a
/// layer and draws only the playhead over it, so a seek does not redraw a thousand lanes).
pub fn draw_scene(p: &mut dyn Painter, s: &Scene) {
    let v = &s.view;
    let pal = s.palette;
    let tl = &s.run.timeline;
    let x = s.run.xs(v.axis);
    let label = v.label;
    p.rect(0.0, 0.0, v.width, v.height, &pal.background);
    let rows = s.run.lanes.len();
    let lane_h = v.lane;
    let first_row = (v.scroll / lane_h).floor().max(0.0) as usize;
    let last_row = (((v.scroll + v.height - RULER) / lane_h).ceil() as usize).min(rows);
    let plot_right = label + v.plot_width();
    // Visible range of event positions, a pixel wider on each side.
    let (lo, hi) = (v.pos(label - 2.0), v.pos(plot_right + 2.0));

    // Lane backgrounds and labels.
    for row in first_row..last_row {
        let top = v.row_top(row);
        let lane = &tl.lanes[s.run.lanes[row]];
        if s.selected == Some(row) {
            p.rect(0.0, top, v.width, lane_h, &pal.selected);
        } else if row % 2 == 1 {
            p.rect(0.0, top, v.width, lane_h, &pal.alt);
        }
        draw_label(p, s, lane, top);
        if lane.task.is_some() {
            // The lane's own colour, as its lines are marked in the editor.
            p.rect(0.0, top + 3.0, 4.0, lane_h - 6.0, &pal.tasks[row % TASK_COLOURS]);
        }
    }

    // Grid: to scale, a faint line at each regular tick; expanded, wherever the clock moves on.
    p.clip(label, 0.0, v.plot_width(), v.height);
    let clock = &s.run.clock;
    let start = clock.partition_point(|&(i, _)| x[i as usize] < lo);
    let ticks = match v.axis {
        Axis::Scale => time_ticks(v, TICK_GAP),
        Axis::Steps => vec![],
    };
    match v.axis {
        Axis::Scale => {
            for t in &ticks {
                let px = v.px(t.at).round() + 0.5;
                p.line(px, RULER, px, v.height, &pal.grid, 1.0, false);
            }
        }
        Axis::Steps => {
            let mut last_line = f64::MIN;
            for &(i, _) in clock[start..].iter().take_while(|&&(i, _)| x[i as usize] <= hi) {
                let px = v.px(x[i as usize]).round() + 0.5;
                if px - last_line >= 4.0 {
                    p.line(px, RULER, px, v.height, &pal.grid, 1.0, false);
                    last_line = px;
                }
            }
        }
    }

    // Segments and markers.
    for row in first_row..last_row {
        let lane = &tl.lanes[s.run.lanes[row]];
        let mid = v.row_top(row) + lane_h / 2.0;
        let bar = v.bar();
        let top = mid - bar / 2.0;
        let mut painted_to = f64::MIN;
        for seg in lane.visible(x, lo, hi) {
            let (a, b) = (v.px(x[seg.start as usize]), v.px(x[seg.end as usize]));
            let (a, b) = (a.round(), b.round().max(a.round() + 1.0));
            if b <= painted_to {
                continue; // this pixel column already has a segment
            }
            let a = a.max(painted_to);
            p.rect(a, top, b - a, bar, pal.of(seg.activity));
            painted_to = b;
        }
        if let Some(h) = s.hover.filter(|h| h.row == row) {
            if let Some(seg) = h.segment {
                let (a, b) = (v.px(x[seg.start as usize]), v.px(x[seg.end as usize]));
                p.outline(a - 1.0, top - 2.0, (b - a).max(1.0) + 2.0, bar + 4.0, &pal.text, 1.5);
            }
        }
        draw_markers(p, s, lane, row, mid);
        if let Some((at, outcome)) = &lane.done {
            let px = v.px(x[*at as usize]);
            if px >= label && px <= plot_right {
                draw_end(p, pal, outcome, px, mid, bar);
            }
        }
    }
    draw_deadlock(p, s);
    p.unclip();

    // The ruler, over everything scrolled under it.
    p.rect(0.0, 0.0, v.width, RULER, &pal.background);
    p.line(0.0, RULER - 0.5, v.width, RULER - 0.5, &pal.grid, 1.0, false);
    let title = match (v.axis, label < LABEL) {
        (Axis::Scale, false) => "time (to scale)",
        (Axis::Scale, true) => "time",
        (Axis::Steps, false) => "steps + time",
        (Axis::Steps, true) => "steps",
    };
    p.text(12.0, RULER / 2.0, title, &pal.muted, Font::Small, Align::Left);
    p.clip(label, 0.0, v.plot_width() + RIGHT, RULER);
    match v.axis {
        Axis::Scale => {
            for t in &ticks {
                let px = v.px(t.at);
                p.line(px, RULER - 6.0, px, RULER, &pal.muted, 1.0, false);
                p.text(px + 3.0, RULER / 2.0 - 1.0, &t.label, &pal.muted, Font::Small, Align::Left);
            }
        }
        Axis::Steps => {
            // The lens made visible: each instant in which several steps happen (no time passes
            // between them) is a band on the ruler, as wide as its steps are drawn.
            let end = clock.len();
            let first = start.saturating_sub(1);
            for k in first..end {
                let a = clock[k].0 as usize;
                let b = clock.get(k + 1).map_or(x.len(), |c| c.0 as usize) - 1;
                if x[a] > hi {
                    break;
                }
                if b > a {
                    let (pa, pb) = (v.px(x[a]), v.px(x[b]));
                    if pb - pa >= 3.0 {
                        p.rect(pa, RULER - 4.0, pb - pa, 3.0, &pal.grid);
                    }
                }
            }
            let mut last_label = f64::MIN;
            let mut last_text = String::new();
            for &(i, t) in clock[start..].iter().take_while(|&&(i, _)| x[i as usize] <= hi) {
                let px = v.px(x[i as usize]);
                let text = seconds(t);
                if px - last_label >= 56.0 && text != last_text {
                    p.line(px, RULER - 6.0, px, RULER, &pal.muted, 1.0, false);
                    p.text(px + 3.0, RULER / 2.0 - 1.0, &text, &pal.muted, Font::Small, Align::Left);
                    last_label = px;
                    last_text = text;
                }
            }
        }
    }
    p.unclip();
    p.line(label - 0.5, 0.0, label - 0.5, v.height, &pal.grid, 1.0, false);
    if rows == 0 {
        p.text(label + 12.0, RULER + lane_h / 2.0, "No tasks ran.", &pal.muted, Font::Label, Align::Left);
    }
}

/// Draws the playhead over the scene.
pub fn draw_playhead(p: &mut dyn Painter, s: &Scene) {
    let (v, pal) = (&s.view, s.palette);
    let x = s.run.xs(v.axis);
    let (label, plot_right) = (v.label, v.label + v.plot_width());
    if s.playhead > 0 && !x.is_empty() {
        let px = v.px(x[(s.playhead - 1).min(x.len() - 1)]).round() + 0.5;
        if px >= label - 1.0 && px <= plot_right + 1.0 {
            p.line(px, 4.0, px, v.height, &pal.playhead, 2.0, false);
            p.polygon(&[(px - 6.0, 2.0), (px + 6.0, 2.0), (px, 10.0)], &pal.playhead);
        }
    }
}

/// Pixels the widest lane label of `run` needs: its indent, its name in bold and a short
/// detail (the first 300 lanes; a run with more is scrolled, not read name by name).
pub fn label_needed(p: &mut dyn Painter, run: &RunView) -> f64 {
    run.lanes
        .iter()
        .take(300)
        .map(|&i| {
            let lane = &run.timeline.lanes[i];
            let indent = 12.0 + f64::from(lane.depth.min(8)) * 12.0;
            let detail = p.measure(&lane.detail, Font::Small).min(90.0);
            indent + p.measure(&lane.name, Font::Bold) + 6.0 + detail + 10.0
        })
        .fold(0.0, f64::max)
}

fn draw_label(p: &mut dyn Painter, s: &Scene, lane: &Lane, top: f64) {
    let pal = s.palette;
    let lane_h = s.view.lane;
    let mid = top + lane_h / 2.0;
    let indent = 12.0 + f64::from(lane.depth.min(8)) * 12.0;
    if lane.depth > 0 {
        // A small elbow: this task was created by the one above it in the tree.
        let ex = indent - 7.0;
        p.line(ex, top + 2.0, ex, mid, &pal.grid, 1.0, false);
        p.line(ex, mid, ex + 4.0, mid, &pal.grid, 1.0, false);
    }
    let in_cycle = match &s.run.reply.end {
        RunEnd::Deadlock { cycle, .. } => lane.task.is_some_and(|t| cycle.contains(&t)),
        _ => false,
    };
    let name_color = if in_cycle { &pal.error } else { &pal.text };
    let room = s.view.label - indent - 8.0;
    let name = fit_call(p, &lane.name, Font::Bold, room);
    let name_w = p.measure(&name, Font::Bold);
    p.text(indent, mid, &name, name_color, Font::Bold, Align::Left);
    let rest = room - name_w - 6.0;
    if rest > 24.0 {
        let detail = fit(p, &lane.detail, Font::Small, rest);
        p.text(indent + name_w + 6.0, mid, &detail, &pal.muted, Font::Small, Align::Left);
    }
}

fn draw_markers(p: &mut dyn Painter, s: &Scene, lane: &Lane, row: usize, mid: f64) {
    let v = &s.view;
    let pal = s.palette;
    let x = s.run.xs(v.axis);
    let (lo, hi) = (v.pos(v.label - 8.0), v.pos(v.label + v.plot_width() + 8.0));
    let mut last = (f64::MIN, None::<std::mem::Discriminant<Mark>>);
    for m in lane.visible_markers(x, lo, hi) {
        let px = v.px(x[m.at as usize]);
        let kind = std::mem::discriminant(&m.mark);
        if px - last.0 < 3.0 && last.1 == Some(kind) {
            continue; // a crowd of the same mark in one spot: draw it once
        }
        last = (px, Some(kind));
        draw_marker(p, s, m, row, px, mid, pal);
    }
}

fn draw_marker(p: &mut dyn Painter, s: &Scene, m: &Marker, row: usize, px: f64, mid: f64, pal: &Palette) {
    let bar = s.view.bar();
    let top = mid - bar / 2.0;
    match m.mark {
        Mark::Output { stderr } => {
            let c = if stderr { &pal.error } else { &pal.output };
            p.polygon(&[(px - 3.5, top - 6.0), (px + 3.5, top - 6.0), (px, top - 1.0)], c);
        }
        Mark::Handoff { from, released, .. } => {
            // An arrow from where the releasing lane let go to where this lane got it.
            let from_row = from.and_then(|t| s.run.timeline.lane_of(t)).and_then(|l| s.run.lanes.iter().position(|&i| i == l));
            match from_row.filter(|&fr| fr != row) {
                Some(fr) => {
                    let fy = s.view.row_top(fr) + s.view.lane / 2.0;
                    let fx = s.view.px(s.run.xs(s.view.axis)[released as usize]);
                    let dir = if fy < mid { 1.0 } else { -1.0 };
                    let tip = mid - dir * (bar / 2.0 + 1.0);
                    p.line(fx, fy, px, tip - dir * 5.0, &pal.lock, 2.0, false);
                    p.polygon(&[(px - 4.5, tip - dir * 7.0), (px + 4.5, tip - dir * 7.0), (px, tip)], &pal.lock);
                }
                None => p.polygon(&[(px - 4.0, top - 6.0), (px + 4.0, top - 6.0), (px, top)], &pal.lock),
            }
        }
        Mark::CancelRequested => {
            let y = top - 5.0;
            p.line(px - 3.0, y - 3.0, px + 3.0, y + 3.0, &pal.cancel, 2.0, false);
            p.line(px - 3.0, y + 3.0, px + 3.0, y - 3.0, &pal.cancel, 2.0, false);
        }
        Mark::Cancelled => {
            p.circle(px, mid, 5.0, &pal.cancel);
            p.line(px - 2.5, mid - 2.5, px + 2.5, mid + 2.5, &pal.background, 1.5, false);
            p.line(px - 2.5, mid + 2.5, px + 2.5, mid - 2.5, &pal.background, 1.5, false);
        }
        Mark::Exception => {
            p.polygon(&[(px, mid - 7.0), (px + 7.0, mid), (px, mid + 7.0), (px - 7.0, mid)], &pal.error);
            p.text(px, mid + 0.5, "!", &pal.background, Font::Bold, Align::Center);
        }
        Mark::Preemption { clash, .. } => {
            // A lightning bolt over the bar where the scheduler cut in: red when another
            // thread then wrote the variable this one was about to touch.
            let c = if clash.is_some() { &pal.error } else { &pal.cancel };
            let y = top - 17.0;
            p.polygon(&[(px + 2.0, y), (px - 5.5, y + 9.5), (px - 0.5, y + 9.5), (px - 2.5, y + 17.0), (px + 5.5, y + 6.5), (px + 0.5, y + 6.5)], c);
            p.line(px, top, px, top + bar, c, 2.0, true);
        }
    }
}

fn draw_end(p: &mut dyn Painter, pal: &Palette, outcome: &TaskOutcome, px: f64, mid: f64, bar: f64) {
    let half = bar / 2.0 + 2.0;
    match outcome {
        TaskOutcome::Returned { .. } => {
            p.line(px + 1.0, mid - half, px + 1.0, mid + half, &pal.muted, 2.0, false);
        }
        TaskOutcome::Raised { .. } => {
            p.line(px + 1.0, mid - half, px + 1.0, mid + half, &pal.error, 3.0, false);
        }
        TaskOutcome::Cancelled => {
            p.line(px + 1.0, mid - half, px + 1.0, mid + half, &pal.cancel, 3.0, false);
        }
    }
}

/// The moment of a deadlock, and its wait-for cycle as arrows between the lanes; what follows
/// (asyncio.run cancelling the stuck tasks) is dimmed.
fn draw_deadlock(p: &mut dyn Painter, s: &Scene) {
    let (Some(at), RunEnd::Deadlock { cycle, .. }) = (s.run.timeline.deadlock_at, &s.run.reply.end) else { return };
    let v = &s.view;
    let pal = s.palette;
    let px = v.px(s.run.xs(v.axis)[at as usize]) + 6.0;
    let right = v.label + v.plot_width();
    if px < right {
        p.rect(px, RULER, right - px + RIGHT, v.height - RULER, &pal.background);
        p.rect(px, RULER, right - px + RIGHT, v.height - RULER, &pal.alt);
    }
    p.line(px, RULER, px, v.height, &pal.error, 1.5, true);
    let row_of = |t| s.run.timeline.lane_of(t).and_then(|l| s.run.lanes.iter().position(|&i| i == l));
    let rows: Vec<usize> = cycle.iter().filter_map(|&t| row_of(t)).collect();
    let half = v.lane / 2.0;
    for (k, &from) in rows.iter().enumerate() {
        let to = rows[(k + 1) % rows.len()];
        if from == to {
            continue;
        }
        let (fy, ty) = (v.row_top(from) + half, v.row_top(to) + half);
        // A bracket out to the right and back: one column per arrow, so they never overlap.
        let ax = px + 16.0 + k as f64 * 16.0;
        p.line(px, fy, ax, fy, &pal.error, 2.0, false);
        p.line(ax, fy, ax, ty, &pal.error, 2.0, false);
        p.line(ax, ty, px + 9.0, ty, &pal.error, 2.0, false);
        p.polygon(&[(px + 10.0, ty - 5.0), (px + 10.0, ty + 5.0), (px + 2.0, ty)], &pal.error);
    }
    if let (Some(&top), Some(&bottom)) = (rows.iter().min(), rows.iter().max()) {
        let y = (v.row_top(top) + v.row_top(bottom)) / 2.0 + half;
        let x = px + 24.0 + rows.len() as f64 * 16.0;
        if x + 150.0 <= right + RIGHT {
            p.text(x, y - 8.0, "wait-for cycle:", &pal.error, Font::Bold, Align::Left);
            p.text(x, y + 8.0, "each waits for the next", &pal.error, Font::Small, Align::Left);
        } else {
            // No room right of the brackets (a narrow screen): the words go left of the moment,
            // on a background so the bars under them do not show through.
            let (w, h) = (150.0, 34.0);
            let left = (px - 8.0 - w).max(v.label + 2.0);
            p.rect(left - 4.0, y - h / 2.0, w + 8.0, h, &pal.background);
            p.text(px - 8.0, y - 8.0, "wait-for cycle:", &pal.error, Font::Bold, Align::Right);
            p.text(px - 8.0, y + 8.0, "each waits for the next", &pal.error, Font::Small, Align::Right);
        }
    }
}

/// A lane name cut to fit `width` pixels, keeping what tells lanes apart: for a call
/// (`increase_counter('Task 1')`) its arguments stay whole and the function's name is cut
/// (`incre…('Task 1')`); anything else is cut at the end.
fn fit_call(p: &mut dyn Painter, text: &str, font: Font, width: f64) -> String {
    if p.measure(text, font) <= width {
        return text.to_string();
    }
    if let Some(open) = text.find('(').filter(|_| text.ends_with(')')) {
        let (name, args) = text.split_at(open);
        let rest = format!("…{args}");
        let room = width - p.measure(&rest, font);
        if room >= p.measure("ab", font) {
            let chars: Vec<char> = name.chars().collect();
            let (mut lo, mut hi) = (0, chars.len());
            while lo < hi {
                let mid = (lo + hi + 1) / 2;
                if p.measure(&chars[..mid].iter().collect::<String>(), font) <= room {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if lo >= 2 {
                return chars[..lo].iter().collect::<String>() + &rest;
            }
        }
    }
    fit(p, text, font, width)
}

/// `text` cut with an ellipsis to fit `width` pixels.
fn fit(p: &mut dyn Painter, text: &str, font: Font, width: f64) -> String {
    if p.measure(text, font) <= width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi + 1) / 2;
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if p.measure(&candidate, font) <= width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>() + "…"
}

/// `1.5 s`.
pub fn seconds(t: f64) -> String {
    format!("{} s", crate::share::scenario::number_literal(t))
}

/// The drawing as an SVG document (for Export): escapes all text, uses no scripts.
#[derive(Default)]
pub struct SvgPainter {
    body: String,
    clip_id: u32,
    clipped: bool,
}

impl SvgPainter {
    /// The finished document.
    pub fn finish(mut self, width: f64, height: f64) -> String {
        if self.clipped {
            self.body.push_str("</g>");
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
             font-family=\"system-ui, -apple-system, Segoe UI, sans-serif\">\n{}</svg>\n",
            self.body
        )
    }
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn font_size(font: Font) -> f64 {
    match font {
        Font::Label | Font::Bold => 12.0,
        Font::Small => 11.0,
    }
}

impl Painter for SvgPainter {
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str) {
        self.body.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\"/>\n",
            xml_escape(color)
        ));
    }
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str, width: f64) {
        self.body.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"/>\n",
            xml_escape(color)
        ));
    }
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: &str, width: f64, dashed: bool) {
        let dash = if dashed { " stroke-dasharray=\"4 3\"" } else { "" };
        self.body.push_str(&format!(
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{}\" stroke-width=\"{width}\"{dash}/>\n",
            xml_escape(color)
        ));
    }
    fn circle(&mut self, x: f64, y: f64, r: f64, color: &str) {
        self.body.push_str(&format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{}\"/>\n", xml_escape(color)));
    }
    fn polygon(&mut self, points: &[(f64, f64)], color: &str) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        self.body.push_str(&format!("<polygon points=\"{}\" fill=\"{}\"/>\n", pts.join(" "), xml_escape(color)));
    }
    fn text(&mut self, x: f64, y: f64, text: &str, color: &str, font: Font, align: Align) {
        let anchor = match align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let weight = if font == Font::Bold { " font-weight=\"600\"" } else { "" };
        self.body.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" dominant-baseline=\"central\" text-anchor=\"{anchor}\" font-size=\"{}\"{weight} fill=\"{}\">{}</text>\n",
            font_size(font),
            xml_escape(color),
            xml_escape(text)
        ));
    }
    fn measure(&mut self, text: &str, font: Font) -> f64 {
        // No layout engine here: an average glyph width is close enough for labels.
        text.chars().count() as f64 * font_size(font) * if font == Font::Bold { 0.6 } else { 0.56 }
    }
    fn clip(&mut self, x: f64, y: f64, w: f64, h: f64) {
        if self.clipped {
            self.body.push_str("</g>\n");
        }
        self.clip_id += 1;
        let id = self.clip_id;
        self.body.push_str(&format!(
            "<clipPath id=\"c{id}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\"/></clipPath><g clip-path=\"url(#c{id})\">\n"
        ));
        self.clipped = true;
    }
    fn unclip(&mut self) {
        if self.clipped {
            self.body.push_str("</g>\n");
            self.clipped = false;
        }
    }
}

/// The whole run as an SVG document on `axis` (the one on screen), `width` pixels wide and as
/// tall as its lanes.
pub fn export_svg(run: &RunView, axis: Axis, playhead: usize, palette: &Palette, width: f64) -> String {
    let height = RULER + run.lanes.len().max(1) as f64 * LANE + 8.0;
    let mut view = Viewport::fit_axis(axis, run.span(axis), width, height);
    let mut p = SvgPainter::default();
    view.label = super::viewport::label_width_for(width, label_needed(&mut p, run));
    view.set_rows(run.lanes.len());
    draw(&mut p, &Scene { run, view, playhead, selected: None, hover: None, palette });
    p.finish(width, height)
}

/// The canvas implementation.
pub struct CanvasPainter {
    /// The canvas's 2D context.
    pub ctx: web_sys::CanvasRenderingContext2d,
    /// Font strings, built once (the page's font family).
    pub fonts: [String; 3],
    /// Text widths measured so far, by font and text. The lane labels are fitted at every
    /// redraw; the canvas keeps this between redraws ([`CanvasPainter::with_widths`]).
    pub widths: std::collections::HashMap<(Font, String), f64>,
    /// The font and fill colour last set on the context: setting them again is not free (the
    /// context parses a font string each time). None after a `restore`, which resets them.
    font_now: Option<Font>,
    fill_now: Option<String>,
}

/// More text widths than a run's labels need: past this the cache starts over.
const MAX_WIDTHS: usize = 20_000;

impl CanvasPainter {
    /// A painter on `ctx`, with fonts of the page's `family`.
    pub fn new(ctx: web_sys::CanvasRenderingContext2d, family: &str) -> CanvasPainter {
        let fonts = [format!("12px {family}"), format!("600 12px {family}"), format!("11px {family}")];
        CanvasPainter { ctx, fonts, widths: Default::default(), font_now: None, fill_now: None }
    }

    /// The same painter, with the text widths a previous one measured in the same font family.
    pub fn with_widths(mut self, mut widths: std::collections::HashMap<(Font, String), f64>) -> CanvasPainter {
        if widths.len() > MAX_WIDTHS {
            widths.clear();
        }
        self.widths = widths;
        self
    }

    fn set_font(&mut self, font: Font) {
        if self.font_now != Some(font) {
            self.ctx.set_font(self.font(font));
            self.font_now = Some(font);
        }
    }

    fn set_fill(&mut self, color: &str) {
        if self.fill_now.as_deref() != Some(color) {
            self.ctx.set_fill_style_str(color);
            self.fill_now = Some(color.to_string());
        }
    }

    fn font(&self, font: Font) -> &str {
        match font {
            Font::Label => &self.fonts[0],
            Font::Bold => &self.fonts[1],
            Font::Small => &self.fonts[2],
        }
    }
}

impl Painter for CanvasPainter {
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str) {
        self.set_fill(color);
        self.ctx.fill_rect(x, y, w, h);
    }
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, color: &str, width: f64) {
        self.ctx.set_stroke_style_str(color);
        self.ctx.set_line_width(width);
        self.ctx.stroke_rect(x, y, w, h);
    }
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, color: &str, width: f64, dashed: bool) {
        let ctx = &self.ctx;
        ctx.set_stroke_style_str(color);
        ctx.set_line_width(width);
        let dash = js_sys::Array::new();
        if dashed {
            dash.push(&4.0.into());
            dash.push(&3.0.into());
        }
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        ctx.move_to(x1, y1);
        ctx.line_to(x2, y2);
        ctx.stroke();
        if dashed {
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        }
    }
    fn circle(&mut self, x: f64, y: f64, r: f64, color: &str) {
        self.set_fill(color);
        self.ctx.begin_path();
        let _ = self.ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        self.ctx.fill();
    }
    fn polygon(&mut self, points: &[(f64, f64)], color: &str) {
        let Some(&(x0, y0)) = points.first() else { return };
        self.set_fill(color);
        self.ctx.begin_path();
        self.ctx.move_to(x0, y0);
        for &(x, y) in &points[1..] {
            self.ctx.line_to(x, y);
        }
        self.ctx.close_path();
        self.ctx.fill();
    }
    fn text(&mut self, x: f64, y: f64, text: &str, color: &str, font: Font, align: Align) {
        self.set_font(font);
        self.set_fill(color);
        self.ctx.set_text_baseline("middle");
        self.ctx.set_text_align(match align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
        let _ = self.ctx.fill_text(text, x, y);
    }
    fn measure(&mut self, text: &str, font: Font) -> f64 {
        if let Some(&w) = self.widths.get(&(font, text.to_string())) {
            return w;
        }
        self.set_font(font);
        let w = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        self.widths.insert((font, text.to_string()), w);
        w
    }
    fn clip(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.ctx.save();
        self.ctx.begin_path();
        self.ctx.rect(x, y, w, h);
        self.ctx.clip();
    }
    fn unclip(&mut self) {
        self.ctx.restore();
        // `restore` brings back the font and fill of the `save`.
        self.font_now = None;
        self.fill_now = None;
    }
}
