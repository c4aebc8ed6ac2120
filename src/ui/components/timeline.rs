//! The timeline canvas: lanes, segments, markers and the playhead (drawn by `ui::paint`), with
//! zoom (Ctrl+wheel, +/−, buttons), pan (drag, Shift+wheel), scrubbing (drag on the ruler),
//! lane selection (click, ↑/↓) and hover details.
//!
//! Pointer moves redraw the canvas directly, without a Yew render: only seeking and selecting
//! go through the app's state.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use crate::trace::timeline::{Activity, LaneKind, Mark, Segment, WaitOn};
use crate::trace::{TaskId, TaskOutcome};
use crate::ui::paint::{self, Axis, CanvasPainter, Highlight, Palette, Scene, Viewport, RULER};
use crate::ui::viewport::{nearest, nearest_of};
use crate::ui::run::Run;

/// Props of [`TimelineCanvas`].
#[derive(Properties, PartialEq)]
pub struct TimelineCanvasProps {
    /// The run drawn.
    pub run: Run,
    /// Events applied at the playhead.
    pub playhead: usize,
    /// The selected lane's task.
    pub lane: Option<TaskId>,
    /// Called with the event index a click or drag moves the playhead to.
    pub onseek: Callback<usize>,
    /// Called with the task of the lane clicked or reached with the arrow keys (None for the
    /// program lane).
    pub onselect: Callback<Option<TaskId>>,
    /// Bumped by the zoom buttons: (counter, factor; 0 = fit).
    #[prop_or_default]
    pub zoom: (u32, f64),
    /// The horizontal axis: to scale, or expanded (each event a step).
    pub axis: Axis,
}

/// What the canvas remembers between events.
#[derive(Default)]
struct Local {
    view: Option<Viewport>,
    /// The run the view was fitted to.
    run: Option<Run>,
    playhead: usize,
    selected: Option<usize>,
    palette: Option<Palette>,
    font: String,
    hover: Option<Highlight>,
    drag: Option<Drag>,
    dpr: f64,
    zoom_seen: u32,
    /// The axis the view is on.
    axis: Option<Axis>,
    /// Pixels the longest lane label needs, and the run it was measured for.
    label_needed: Option<(usize, f64)>,
    /// The label width and lane height last written to the canvas's data attributes.
    attrs: Option<(f64, f64)>,
    /// The scene without the playhead, drawn offscreen, and what it was drawn for: a seek
    /// copies it and draws the playhead over it.
    layer: Option<(LayerKey, HtmlCanvasElement)>,
    /// Text widths measured by earlier redraws (a seek redraws a thousand lane labels).
    widths: std::collections::HashMap<(paint::Font, String), f64>,
}

/// What the scene layer shows: the run, the window on it, the selection and hover, the
/// colours and the canvas's size.
#[derive(Clone, PartialEq)]
struct LayerKey {
    run: usize,
    view: Viewport,
    selected: Option<usize>,
    hover: Option<Highlight>,
    palette: Palette,
    font: String,
    size: (u32, u32),
    dpr: f64,
}

#[derive(Clone, Copy)]
struct Drag {
    scrub: bool,
    x: f64,
    y: f64,
    moved: bool,
}

/// The timeline canvas.
#[function_component(TimelineCanvas)]
pub fn timeline_canvas(props: &TimelineCanvasProps) -> Html {
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let local = use_mut_ref(Local::default);

    // New props: remember them, refit on a new run, keep the playhead and lane in view.
    {
        let mut l = local.borrow_mut();
        let selected = props
            .lane
            .and_then(|t| props.run.timeline.lane_of(t))
            .and_then(|lane| props.run.lanes.iter().position(|&i| i == lane));
        let new_run = l.run.as_ref().is_none_or(|r| !Rc::ptr_eq(r, &props.run));
        let rows = props.run.lanes.len();
        let axis_changed = l.axis != Some(props.axis);
        l.axis = Some(props.axis);
        if new_run || axis_changed {
            if let Some(v) = l.view.as_mut() {
                *v = initial_view(&props.run, props.axis, v.width, v.height);
            }
            l.hover = None;
        }
        let playhead_moved = l.playhead != props.playhead;
        let scrubbing = l.drag.is_some_and(|d| d.scrub);
        let lane_changed = selected != l.selected;
        if let Some(v) = l.view.as_mut() {
            if playhead_moved && props.playhead > 0 && !scrubbing {
                let x = props.run.xs(v.axis).get(props.playhead - 1).copied().unwrap_or(0.0);
                v.follow(x, props.run.span(v.axis));
            }
            if lane_changed {
                if let Some(row) = selected {
                    v.reveal_row(row, rows);
                }
            }
        }
        if props.zoom.0 != l.zoom_seen {
            l.zoom_seen = props.zoom.0;
            let axis = props.axis;
            let width = props.run.span(axis);
            if let Some(v) = l.view.as_mut() {
                if props.zoom.1 == 0.0 {
                    let scroll = v.scroll;
                    *v = Viewport::fit_axis(axis, width, v.width, v.height);
                    v.set_rows(props.run.lanes.len());
                    v.scroll = scroll;
                } else {
                    let x = props.run.xs(axis).get(props.playhead.saturating_sub(1)).copied().unwrap_or(0.0);
                    let at = v.px(x).clamp(v.label, v.label + v.plot_width());
                    v.zoom(props.zoom.1, at, width);
                }
            }
        }
        l.run = Some(props.run.clone());
        l.playhead = props.playhead;
        l.selected = selected;
    }
    {
        let (canvas, local) = (canvas.clone(), local.clone());
        use_effect(move || {
            redraw(&canvas, &local);
        });
    }

    // Size the canvas to its box (and the device's pixel ratio), now and on every resize; redraw
    // with fresh colours when the system theme changes.
    {
        let (canvas, local) = (canvas.clone(), local.clone());
        use_effect_with((), move |_| {
            let canvas_for_box = canvas.clone();
            let observer = {
                let (canvas, local) = (canvas.clone(), local.clone());
                let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
                    resize(&canvas, &local);
                    redraw(&canvas, &local);
                });
                let observer = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok();
                if let (Some(o), Some(el)) = (&observer, box_of(&canvas_for_box)) {
                    o.observe(&el);
                }
                cb.forget();
                observer
            };
            let media = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
            let on_theme = {
                let (canvas, local) = (canvas.clone(), local.clone());
                Closure::<dyn FnMut()>::new(move || {
                    local.borrow_mut().palette = None;
                    redraw(&canvas, &local);
                })
            };
            if let Some(m) = &media {
                let _ = m.add_event_listener_with_callback("change", on_theme.as_ref().unchecked_ref());
            }
            resize(&canvas, &local);
            redraw(&canvas, &local);
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                if let Some(m) = media {
                    let _ = m.remove_event_listener_with_callback("change", on_theme.as_ref().unchecked_ref());
                }
                drop(on_theme);
            }
        });
    }

    let onpointerdown = {
        let (canvas, local) = (canvas.clone(), local.clone());
        let onseek = props.onseek.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let label = local.borrow().view.map_or(paint::LABEL, |v| v.label);
            let scrub = y < RULER && x >= label;
            local.borrow_mut().drag = Some(Drag { scrub, x, y, moved: false });
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let _ = c.set_pointer_capture(e.pointer_id());
                let _ = c.focus();
            }
            if scrub {
                seek_to(&local, x, &onseek);
            }
            e.prevent_default();
        })
    };
    let onpointermove = {
        let (canvas, local, tooltip) = (canvas.clone(), local.clone(), tooltip.clone());
        let onseek = props.onseek.clone();
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let drag = local.borrow().drag;
            match drag {
                Some(d) if d.scrub => seek_to(&local, x, &onseek),
                Some(d) => {
                    let mut l = local.borrow_mut();
                    let rows = l.run.as_ref().map_or(0, |r| r.lanes.len());
                    let width = match (&l.run, l.view) {
                        (Some(r), Some(v)) => r.span(v.axis),
                        _ => 1.0,
                    };
                    if (x - d.x).abs() + (y - d.y).abs() > 3.0 || d.moved {
                        if let Some(v) = l.view.as_mut() {
                            v.pan(d.x - x, width);
                            v.scroll_by(d.y - y, rows);
                        }
                        l.drag = Some(Drag { scrub: false, x, y, moved: true });
                        l.hover = None;
                    }
                    drop(l);
                    hide_tooltip(&tooltip);
                    redraw(&canvas, &local);
                }
                None => {
                    hover(&local, &tooltip, x, y);
                    redraw(&canvas, &local);
                }
            }
        })
    };
    let onpointerup = {
        let local = local.clone();
        let (onseek, onselect) = (props.onseek.clone(), props.onselect.clone());
        Callback::from(move |e: PointerEvent| {
            let drag = local.borrow_mut().drag.take();
            let Some(d) = drag else { return };
            if d.scrub || d.moved {
                return;
            }
            // A click on a lane: select it and move the playhead to the nearest event.
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let l = local.borrow();
            let (Some(run), Some(v)) = (l.run.clone(), l.view) else { return };
            drop(l);
            match v.row_at(y, run.lanes.len()) {
                Some(row) => {
                    onselect.emit(run.timeline.lanes[run.lanes[row]].task);
                    // In the lanes (not on the label), the playhead goes to that lane's own nearest event.
                    if let Some(i) = nearest_of(&run.timeline, run.xs(v.axis), run.lanes[row], v.pos(x)).filter(|_| x >= v.label) {
                        onseek.emit(i + 1);
                    }
                }
                None if x >= v.label => seek_to(&local, x, &onseek),
                None => {}
            }
        })
    };
    let onpointerleave = {
        let (canvas, local, tooltip) = (canvas.clone(), local.clone(), tooltip.clone());
        Callback::from(move |_: PointerEvent| {
            local.borrow_mut().hover = None;
            hide_tooltip(&tooltip);
            redraw(&canvas, &local);
        })
    };
    let onwheel = {
        let (canvas, local, tooltip) = (canvas.clone(), local.clone(), tooltip.clone());
        Callback::from(move |e: WheelEvent| {
            let mut l = local.borrow_mut();
            let Some(run) = l.run.clone() else { return };
            let Some(v) = l.view.as_mut() else { return };
            let rows = run.lanes.len();
            let width = run.span(v.axis);
            let scale = match e.delta_mode() {
                1 => 16.0,
                2 => v.height,
                _ => 1.0,
            };
            let (dx, dy) = (e.delta_x() * scale, e.delta_y() * scale);
            if e.ctrl_key() || e.meta_key() {
                v.zoom((-dy / 300.0).exp(), f64::from(e.offset_x()), width);
            } else if e.shift_key() || dx.abs() > dy.abs() {
                v.pan(if dx.abs() > dy.abs() { dx } else { dy }, width);
            } else if rows as f64 * v.lane > v.height - RULER {
                v.scroll_by(dy, rows);
            } else {
                return; // nothing to scroll: let the page scroll
            }
            e.prevent_default();
            l.hover = None;
            drop(l);
            hide_tooltip(&tooltip);
            redraw(&canvas, &local);
        })
    };
    let onkeydown = {
        let (canvas, local) = (canvas.clone(), local.clone());
        let onselect = props.onselect.clone();
        Callback::from(move |e: KeyboardEvent| {
            let mut l = local.borrow_mut();
            let Some(run) = l.run.clone() else { return };
            let selected = l.selected;
            let playhead = l.playhead;
            let Some(v) = l.view.as_mut() else { return };
            let width = run.span(v.axis);
            let playhead_x = run.xs(v.axis).get(playhead.saturating_sub(1)).copied().unwrap_or(0.0);
            let at = v.px(playhead_x).clamp(v.label, v.label + v.plot_width());
            match e.key().as_str() {
                "+" | "=" => v.zoom(1.5, at, width),
                "-" | "_" => v.zoom(1.0 / 1.5, at, width),
                "0" => {
                    *v = Viewport::fit_axis(v.axis, width, v.width, v.height);
                    v.set_rows(run.lanes.len());
                }
                "ArrowUp" | "ArrowDown" => {
                    let rows = run.lanes.len();
                    if rows == 0 {
                        return;
                    }
                    let row = match (selected, e.key().as_str()) {
                        (None, _) => 0,
                        (Some(r), "ArrowUp") => r.saturating_sub(1),
                        (Some(r), _) => (r + 1).min(rows - 1),
                    };
                    onselect.emit(run.timeline.lanes[run.lanes[row]].task);
                }
                _ => return,
            }
            e.prevent_default();
            drop(l);
            redraw(&canvas, &local);
        })
    };

    // The lanes' list changes only with the run (a thousand lanes are not rebuilt per seek).
    let lanes = {
        let run = props.run.clone();
        use_memo(Rc::as_ptr(&props.run) as usize, move |_| lane_list(&run))
    };
    let n = props.run.len();
    let label = format!(
        "Timeline: {} lanes, {} events. Drag to pan, Ctrl+wheel or + and − to zoom, 0 to fit, ↑ and ↓ to pick a lane; \
         ← and → step through events.",
        props.run.lanes.len(),
        n
    );
    html! {
        <div class="timeline-canvas-box">
            <canvas
                ref={canvas}
                class="timeline-canvas"
                tabindex="0"
                role="img"
                aria-label={label}
                {onpointerdown}
                {onpointermove}
                {onpointerup}
                {onpointerleave}
                {onwheel}
                {onkeydown}
            />
            <div ref={tooltip} class="timeline-tooltip" role="tooltip" hidden=true />
            { (*lanes).clone() }
        </div>
    }
}

/// The lanes as a list, for screen readers (and tests): the canvas itself is a picture.
fn lane_list(run: &Run) -> Html {
    let cycle: &[TaskId] = match &run.reply.end {
        crate::trace::RunEnd::Deadlock { cycle, .. } => cycle,
        _ => &[],
    };
    html! {
        <ul class="visually-hidden lane-list" aria-label="Lanes">
            { for run.lanes.iter().map(|&i| {
                let lane = &run.timeline.lanes[i];
                let in_cycle = lane.task.is_some_and(|t| cycle.contains(&t));
                html! {
                    <li data-depth={lane.depth.to_string()} data-cycle={in_cycle.to_string()}>
                        <span class="lane-name">{ lane.name.clone() }</span>
                        { format!(" {}", lane.detail) }
                        { if in_cycle { ", in the wait-for cycle" } else { "" } }
                    </li>
                }
            }) }
        </ul>
    }
}

/// The view a run opens with: all of it, and for a deadlock, with room after the moment it
/// happened for the wait-for cycle drawn there.
fn initial_view(run: &Run, axis: Axis, width: f64, height: f64) -> Viewport {
    let mut v = Viewport::fit_axis(axis, run.span(axis), width, height);
    if let Some(at) = run.timeline.deadlock_at {
        let x = run.xs(axis)[at as usize];
        // Room right of that moment for the wait-for cycle's arrows and words (the run ends
        // there, so this can reach past its end).
        let x1 = x + (x - v.x0) * 0.5;
        // Not to a sliver: a deadlock at the very start (to scale, at t = 0) keeps the whole run.
        if x1 - v.x0 > (v.x1 - v.x0) * 0.1 {
            v.x1 = x1;
        }
    }
    v.set_rows(run.lanes.len());
    v
}

/// The element the canvas fills.
fn box_of(canvas: &NodeRef) -> Option<web_sys::Element> {
    canvas.cast::<HtmlElement>().and_then(|c| c.parent_element())
}

/// Moves the playhead to the event nearest pixel column `x`.
fn seek_to(local: &Rc<RefCell<Local>>, x: f64, onseek: &Callback<usize>) {
    let l = local.borrow();
    let (Some(run), Some(v)) = (&l.run, &l.view) else { return };
    if let Some(i) = nearest(run.xs(v.axis), v.pos(x.max(v.label))) {
        let n = i + 1;
        if n != l.playhead {
            drop(l);
            onseek.emit(n);
        }
    }
}

/// Fits the canvas's backing store to its box.
fn resize(canvas: &NodeRef, local: &Rc<RefCell<Local>>) {
    let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
    let Some(parent) = c.parent_element() else { return };
    let rect = parent.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    c.set_width((w * dpr).round() as u32);
    c.set_height((h * dpr).round() as u32);
    let mut l = local.borrow_mut();
    l.dpr = dpr;
    let axis = l.axis.unwrap_or_default();
    let width = l.run.as_ref().map_or(1.0, |r| r.span(axis));
    let rows = l.run.as_ref().map_or(0, |r| r.lanes.len());
    match l.view.as_mut() {
        Some(v) => {
            v.width = w;
            v.height = h;
            v.label = paint::label_width(w).max(v.label.min(crate::ui::viewport::label_width_for(w, f64::INFINITY)));
            v.set_rows(rows);
        }
        None => {
            l.view = Some(match &l.run {
                Some(run) => initial_view(run, axis, w, h),
                None => Viewport::fit_axis(axis, width, w, h),
            });
        }
    }
}

/// Redraws the canvas from what `local` holds.
fn redraw(canvas: &NodeRef, local: &Rc<RefCell<Local>>) {
    let Some(c) = canvas.cast::<HtmlCanvasElement>() else { return };
    let Ok(Some(ctx)) = c.get_context("2d") else { return };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else { return };
    let mut l = local.borrow_mut();
    if l.palette.is_none() {
        let (palette, font) = read_palette(&c);
        l.palette = Some(palette);
        if font != l.font {
            l.widths.clear();
        }
        l.font = font;
    }
    let (Some(run), Some(_), Some(palette)) = (l.run.clone(), l.view, l.palette.clone()) else { return };
    let _ = ctx.set_transform(l.dpr, 0.0, 0.0, l.dpr, 0.0, 0.0);
    let widths = std::mem::take(&mut l.widths);
    let mut painter = CanvasPainter::new(ctx, &l.font).with_widths(widths);
    // The label column fits the run's names (measured once per run).
    let key = Rc::as_ptr(&run) as usize;
    let needed = match l.label_needed {
        Some((k, needed)) if k == key => needed,
        _ => {
            let needed = paint::label_needed(&mut painter, &run);
            l.label_needed = Some((key, needed));
            needed
        }
    };
    let rows = run.lanes.len();
    let Some(v) = l.view.as_mut() else { return };
    let label = crate::ui::viewport::label_width_for(v.width, needed);
    if label != v.label {
        // Keep the same stretch of the run in view, in a narrower or wider plot.
        let (x0, x1) = (v.x0, v.x1);
        v.label = label;
        v.x0 = x0;
        v.x1 = x1;
        v.set_rows(rows);
    }
    let view = *v;
    // For tests; set only when they change (a seek redraws, and attributes invalidate style).
    if l.attrs != Some((label, view.lane)) {
        l.attrs = Some((label, view.lane));
        let _ = c.set_attribute("data-label-width", &label.to_string());
        let _ = c.set_attribute("data-lane-height", &view.lane.to_string());
    }
    let scene = Scene { run: &run, view, playhead: l.playhead, selected: l.selected, hover: l.hover, palette: &palette };
    let key = LayerKey {
        run: Rc::as_ptr(&run) as usize,
        view,
        selected: l.selected,
        hover: l.hover,
        palette: palette.clone(),
        font: l.font.clone(),
        size: (c.width(), c.height()),
        dpr: l.dpr,
    };
    let layer = match l.layer.take() {
        Some((k, layer)) if k == key => Some(layer),
        old => scene_layer(&c, old.map(|(_, layer)| layer), &l.font, l.dpr, std::mem::take(&mut painter.widths), &scene).map(|(layer, widths)| {
            painter.widths = widths;
            layer
        }),
    };
    match &layer {
        Some(layer) => {
            // Copied pixel for pixel, then the playhead in CSS pixels over it.
            let _ = painter.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = painter.ctx.draw_image_with_html_canvas_element(layer, 0.0, 0.0);
            let _ = painter.ctx.set_transform(l.dpr, 0.0, 0.0, l.dpr, 0.0, 0.0);
            paint::draw_playhead(&mut painter, &scene);
        }
        None => paint::draw(&mut painter, &scene),
    }
    l.layer = layer.map(|layer| (key, layer));
    l.widths = painter.widths;
}

/// Draws `scene` without its playhead on an offscreen canvas the size of `c` (reusing `old`):
/// the layer, and the text widths measured.
fn scene_layer(
    c: &HtmlCanvasElement,
    old: Option<HtmlCanvasElement>,
    font: &str,
    dpr: f64,
    widths: std::collections::HashMap<(paint::Font, String), f64>,
    scene: &Scene,
) -> Option<(HtmlCanvasElement, std::collections::HashMap<(paint::Font, String), f64>)> {
    let layer = match old {
        Some(layer) => layer,
        None => web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?,
    };
    if layer.width() != c.width() || layer.height() != c.height() {
        layer.set_width(c.width());
        layer.set_height(c.height());
    }
    let ctx = layer.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let mut painter = CanvasPainter::new(ctx, font).with_widths(widths);
    paint::draw_scene(&mut painter, scene);
    Some((layer, painter.widths))
}

/// The timeline colours and font family from the page's CSS.
fn read_palette(el: &HtmlCanvasElement) -> (Palette, String) {
    let style = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten());
    let get = |name: &str| style.as_ref().and_then(|s| s.get_property_value(name).ok());
    let font = get("font-family").filter(|f| !f.is_empty()).unwrap_or_else(|| "sans-serif".into());
    (Palette::from_lookup(get), font)
}

/// Updates the hover highlight and the tooltip for the pointer at (x, y).
fn hover(local: &Rc<RefCell<Local>>, tooltip: &NodeRef, x: f64, y: f64) {
    let mut l = local.borrow_mut();
    let (Some(run), Some(v)) = (l.run.clone(), l.view) else { return };
    let row = v.row_at(y, run.lanes.len());
    let Some(row) = row.filter(|_| x >= v.label) else {
        l.hover = None;
        drop(l);
        match row {
            Some(row) if x < v.label => {
                let lane = &run.timeline.lanes[run.lanes[row]];
                show_tooltip(tooltip, x, y, &lane_summary(&run, lane));
            }
            _ => hide_tooltip(tooltip),
        }
        return;
    };
    let lane = &run.timeline.lanes[run.lanes[row]];
    let x_at = v.pos(x);
    let xs = run.xs(v.axis);
    let seg = lane.segment_at(xs, x_at).copied();
    let tol = (v.pos(x + 4.0) - x_at).abs();
    let marker = lane
        .visible_markers(xs, x_at - tol, x_at + tol)
        .min_by(|a, b| {
            let da = (xs[a.at as usize] - x_at).abs();
            let db = (xs[b.at as usize] - x_at).abs();
            da.total_cmp(&db)
        })
        .copied();
    l.hover = Some(Highlight { row, segment: if marker.is_some() { None } else { seg } });
    drop(l);
    let text = match (marker, seg) {
        (Some(m), _) => marker_text(&run, lane, m.at as usize, m.mark),
        (None, Some(s)) => segment_text(&run, lane, &s),
        (None, None) => {
            hide_tooltip(tooltip);
            return;
        }
    };
    show_tooltip(tooltip, x, y, &text);
}

fn show_tooltip(tooltip: &NodeRef, x: f64, y: f64, text: &str) {
    let Some(el) = tooltip.cast::<HtmlElement>() else { return };
    // Text only: the tooltip never interprets what a program printed as HTML.
    el.set_text_content(Some(text));
    let style = el.style();
    let box_w = el.parent_element().map_or(800.0, |p| p.client_width() as f64);
    let left = if x > box_w - 260.0 { x - 250.0 } else { x + 14.0 };
    let _ = style.set_property("left", &format!("{:.0}px", left.max(4.0)));
    let _ = style.set_property("top", &format!("{:.0}px", y + 16.0));
    el.set_hidden(false);
}

fn hide_tooltip(tooltip: &NodeRef) {
    if let Some(el) = tooltip.cast::<HtmlElement>() {
        el.set_hidden(true);
    }
}

fn lane_summary(run: &Run, lane: &crate::trace::timeline::Lane) -> String {
    let end = match &lane.done {
        Some((_, TaskOutcome::Returned { value })) => format!("returned {value}"),
        Some((_, TaskOutcome::Raised { exception })) => format!("raised {exception}"),
        Some((_, TaskOutcome::Cancelled)) => "was cancelled".into(),
        None => "never finished".into(),
    };
    let parent = lane.parent.map(|p| format!(", created by {}", run.timeline.lanes[p].name)).unwrap_or_default();
    match lane.kind {
        LaneKind::Program => "Program: code outside any task (module level, callbacks)".into(),
        LaneKind::Task => format!("{} runs {}{parent}; it {end}", lane.name, lane.detail),
        LaneKind::Thread | LaneKind::Process => format!("{}: {}{parent}; it {end}", lane.name, lane.detail),
    }
}

fn segment_text(run: &Run, lane: &crate::trace::timeline::Lane, s: &Segment) -> String {
    let tl = &run.timeline;
    let events = &run.reply.trace.events;
    let (t0, t1) = (events[s.start as usize].t, events[s.end as usize].t);
    let thread = matches!(lane.kind, LaneKind::Thread | LaneKind::Process);
    let what = match s.activity {
        Activity::Running { .. } if thread => "holding the GIL: running Python".to_string(),
        Activity::Running { line: 0 } => "running".to_string(),
        Activity::Running { line } => format!("running, line {line}"),
        Activity::Ready => "ready: waiting for its turn on the event loop".to_string(),
        Activity::GilWait => "ready: waiting for the GIL".to_string(),
        Activity::Sleeping if thread => "sleeping (time.sleep, without the GIL)".to_string(),
        Activity::Sleeping => "sleeping (asyncio.sleep)".to_string(),
        Activity::Blocking => "blocking the whole thread (time.sleep)".to_string(),
        // A task's wait, or a thread blocked on something other than a primitive: what the
        // segment's first event says, in the shared wording. A thread's wait on a primitive
        // is coloured by the primitive's kind, which the event does not carry.
        Activity::Waiting(on) if !thread || on == WaitOn::Other => waiting_text(run, s).unwrap_or_else(|| wait_on_text(tl, on)),
        Activity::Waiting(on) => wait_on_text(tl, on),
    };
    let time = if (t1 - t0).abs() < 1e-12 { format!("t = {}", paint::seconds(t0)) } else { format!("t = {} → {}", paint::seconds(t0), paint::seconds(t1)) };
    format!("{}: {what}\n{time} · events {}–{}", lane.name, s.start + 1, s.end + 1)
}

/// What a wait on `on` is, from the timeline alone.
fn wait_on_text(tl: &crate::trace::timeline::Timeline, on: WaitOn) -> String {
    match on {
        WaitOn::Task(t) => format!("waiting for {} to finish", tl.task_name(t)),
        WaitOn::Future => "waiting on a future".to_string(),
        WaitOn::Lock(r) => format!("waiting for {}", tl.resource_name(r)),
        WaitOn::Semaphore(r) => format!("waiting for a permit of {}", tl.resource_name(r)),
        WaitOn::Event(r) => format!("waiting for {} to be set", tl.resource_name(r)),
        WaitOn::Condition(r) => format!("waiting on {}", tl.resource_name(r)),
        WaitOn::Queue(r) => format!("waiting on {}", tl.resource_name(r)),
        WaitOn::Other => "blocked".to_string(),
    }
}

/// The wait that began segment `s`, described: a task's `TaskWaiting` or a thread's
/// `ThreadBlocked`.
fn waiting_text(run: &Run, s: &Segment) -> Option<String> {
    match &run.reply.trace.events[s.start as usize].kind {
        crate::trace::EventKind::TaskWaiting { wait, .. } => Some(wait.describe(&run.timeline)),
        crate::trace::EventKind::ThreadBlocked { on, .. } => Some(on.describe(&run.timeline)),
        _ => None,
    }
}

fn marker_text(run: &Run, lane: &crate::trace::timeline::Lane, at: usize, mark: Mark) -> String {
    let tl = &run.timeline;
    let e = &run.reply.trace.events[at];
    let what = match (&e.kind, mark) {
        (crate::trace::EventKind::Output { text, .. }, _) => format!("prints: {text}"),
        (_, Mark::Handoff { resource, from, .. }) => format!(
            "gets {} handed over{}",
            tl.resource_name(resource),
            from.map(|t| format!(" by {}", tl.task_name(t))).unwrap_or_default()
        ),
        (crate::trace::EventKind::Exception { text, .. }, _) => format!("exception: {text}"),
        (_, Mark::CancelRequested) => "is asked to cancel".into(),
        (_, Mark::Cancelled) => "CancelledError is raised inside it".into(),
        (crate::trace::EventKind::ScheduleChoice { shared, .. }, Mark::Preemption { to, clash }) => {
            let clash = clash.and_then(|c| match &run.reply.trace.events[c as usize].kind {
                crate::trace::EventKind::ValueSet { scope: crate::trace::Scope::Global { lane, .. }, repr, .. } => {
                    Some((lane.map_or("the program".into(), |t| tl.task_name(t)), repr.clone()))
                }
                _ => None,
            });
            crate::trace::narrate::preemption_text(shared.as_ref(), to.map(|t| tl.task_name(t)), clash)
        }
        _ => "event".into(),
    };
    format!("{}: {what}\nt = {} · event {}", lane.name, paint::seconds(e.t), at + 1)
}
