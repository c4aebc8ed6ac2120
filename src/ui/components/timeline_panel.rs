//! The timeline panel: playback controls, zoom buttons, the canvas, a one-line narration of
//! the event at the playhead and the colour legend.

use std::rc::Rc;

use yew::prelude::*;

use super::{Playback, TimelineCanvas};
use crate::trace::narrate::{narrate_end, narrate_with};
use crate::trace::state::State as TraceState;
use crate::trace::TaskId;
use crate::ui::run::{ProblemKind, Run};
use crate::ui::state::Action;
use crate::ui::viewport::Axis;

/// Props of [`TimelinePanel`].
#[derive(Properties, PartialEq)]
pub struct TimelinePanelProps {
    /// The run shown; None before the first.
    pub run: Option<Run>,
    /// Events applied at the playhead.
    pub playhead: usize,
    /// Whether playback is running.
    pub playing: bool,
    /// The playback speed factor.
    pub speed: f64,
    /// The selected lane's task.
    pub lane: Option<TaskId>,
    /// The state at the playhead (for the narration).
    pub at: Rc<TraceState>,
    /// True while a run is in progress.
    pub running: bool,
    /// Where the panel sends its actions (seek, select a lane, play).
    pub dispatch: Callback<Action>,
    /// Narrate the runtime's internals as they are ("Show internals").
    #[prop_or_default]
    pub internals: bool,
    /// The time axis the run is drawn on (`State::axis`); the switch sends `Action::SetAxis`.
    #[prop_or_default]
    pub axis: Axis,
}

/// The timeline with its controls.
#[function_component(TimelinePanel)]
pub fn timeline_panel(props: &TimelinePanelProps) -> Html {
    let zoom = use_state(|| (0u32, 1.0f64));
    let axis = props.axis;
    let pick = |to: Axis| props.dispatch.reform(move |_: MouseEvent| Action::SetAxis(to));
    let to_scale_possible = props.run.as_ref().is_some_and(|r| r.span(Axis::Scale) > 0.0);
    let zoom_by = |factor: f64| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| zoom.set((zoom.0 + 1, factor)))
    };
    let events = props.run.as_ref().map_or(0, |r| r.len());
    let body = match &props.run {
        Some(run) => html! {
            <TimelineCanvas
                run={run.clone()}
                playhead={props.playhead}
                lane={props.lane}
                zoom={*zoom}
                axis={axis}
                onseek={props.dispatch.reform(Action::Seek)}
                onselect={props.dispatch.reform(Action::SelectLane)}
            />
        },
        None => html! {
            <div class="timeline-canvas-box empty">
                <p class="placeholder">
                    { if props.running { "Running…" } else { "Each task gets a lane here, showing when it runs, waits for a lock and sleeps." } }
                </p>
            </div>
        },
    };
    // At the end: how the run ended (the problem's own words when there is one).
    let ending = |run: &Run| match &run.problem {
        Some(p) if !matches!(p.kind, ProblemKind::Deadlock) => format!("{}.", p.title),
        _ => narrate_end(Some(&run.reply.end), &run.timeline, Some(&props.at)),
    };
    let narration = match &props.run {
        None => String::new(),
        Some(run) if run.is_empty() => ending(run),
        Some(_) if props.playhead == 0 => "Before the first event. Press ▶ to play, or → to step.".to_string(),
        Some(run) => {
            let i = props.playhead - 1;
            let mut text = narrate_with(&run.reply.trace, &run.timeline, i, &props.at, props.internals);
            if props.playhead >= run.len() {
                text = ending(run);
            } else if run.timeline.deadlock_at == Some(i as u32) {
                text = format!("{text}. {}", narrate_end(Some(&run.reply.end), &run.timeline, Some(&props.at)));
            }
            text
        }
    };
    html! {
        <section class="panel timeline-panel" aria-labelledby="timeline-title" data-axis={match axis { Axis::Scale => "scale", Axis::Steps => "steps" }}>
            <div class="panel-bar timeline-bar">
                <h2 class="panel-title" id="timeline-title">{ "Timeline" }</h2>
                <Playback playhead={props.playhead} events={events} playing={props.playing} speed={props.speed}
                    time={props.at.time} dispatch={props.dispatch.clone()} />
                <div class="zoom" role="group" aria-label="Zoom">
                    <button type="button" class="icon-button" title="Zoom out (−)" aria-label="Zoom out"
                        disabled={events == 0} onclick={zoom_by(1.0 / 1.6)}>{ "−" }</button>
                    <button type="button" class="icon-button" title="Zoom in (+)" aria-label="Zoom in"
                        disabled={events == 0} onclick={zoom_by(1.6)}>{ "+" }</button>
                    <button type="button" class="icon-button wide" title="Fit the whole run (0)" aria-label="Fit the whole run"
                        disabled={events == 0} onclick={zoom_by(0.0)}>{ "Fit" }</button>
                </div>
            </div>
            { body }
            <p class="narration" aria-live="polite">
                if props.run.is_some() && props.playhead > 0 {
                    <span class="narration-at">{ format!("{}", props.playhead) }</span>
                }
                <span class="narration-text">{ narration }</span>
            </p>
            <div class="timeline-foot">
                <div class="axis-switch" role="group" aria-label="Time axis">
                    <span class="axis-switch-label" aria-hidden="true">{ "time axis" }</span>
                    <button type="button" class="axis-button" data-axis="scale" aria-pressed={(axis == Axis::Scale).to_string()}
                        title="x proportional to virtual time: equal durations look equal"
                        disabled={!to_scale_possible} onclick={pick(Axis::Scale)}>{ "to scale" }</button>
                    <button type="button" class="axis-button" data-axis="steps" aria-pressed={(axis == Axis::Steps).to_string()}
                        title="Expanded: each event gets a step of room, plus room for time (a lens on steps that take no time)"
                        disabled={events == 0} onclick={pick(Axis::Steps)}>{ "steps" }</button>
                </div>
            <ul class="legend" aria-label="Legend">
                { for [("running", "running"), ("ready", "ready"), ("sleeping", "sleeping"), ("blocking", "blocking"),
                        ("lock", "lock"), ("semaphore", "semaphore"), ("event", "event"), ("queue", "queue"), ("future", "awaiting / joining"),
                        ("gil", "GIL wait")]
                    .iter().map(|(class, label)| html! {
                        <li><span class={classes!("swatch", *class)} aria-hidden="true"></span>{ *label }</li>
                    }) }
                <li><span class="mark print" aria-hidden="true">{ "▼" }</span>{ "print" }</li>
                <li><span class="mark handoff" aria-hidden="true">{ "↓" }</span>{ "hand-off" }</li>
                <li><span class="mark cancel" aria-hidden="true">{ "×" }</span>{ "cancel" }</li>
                <li><span class="mark error" aria-hidden="true">{ "◆" }</span>{ "exception" }</li>
                if props.run.as_ref().is_some_and(|r| r.timeline.preemptions > 0) {
                    <li class="legend-preemption"><span class="mark error" aria-hidden="true">{ "⚡" }</span>{ "preemption" }</li>
                }
            </ul>
            </div>
        </section>
    }
}
