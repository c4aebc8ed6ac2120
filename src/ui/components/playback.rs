//! Playback controls: to the start, previous event, play/pause, next event, to the end, the
//! speed, a scrubber and where the playhead is. Stepping back is as easy as stepping forward:
//! the whole run is recorded before it is shown.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::icons;
use crate::ui::state::Action;

/// Speeds offered (multiples of "the whole run in 12 seconds").
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 10.0, 50.0];

/// Props of [`Playback`].
#[derive(Properties, PartialEq)]
pub struct PlaybackProps {
    /// Events applied at the playhead.
    pub playhead: usize,
    /// How many events the run has (the scrubber's end).
    pub events: usize,
    /// Whether playback is running.
    pub playing: bool,
    /// The playback speed factor.
    pub speed: f64,
    /// The virtual time at the playhead.
    pub time: f64,
    /// Where the buttons send their actions.
    pub dispatch: Callback<Action>,
}

/// The controls.
#[function_component(Playback)]
pub fn playback(props: &PlaybackProps) -> Html {
    let d = &props.dispatch;
    let none = props.events == 0;
    let at_start = props.playhead == 0;
    let at_end = props.playhead >= props.events;
    let onscrub = d.reform(|e: InputEvent| Action::Seek(e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(0)));
    let onspeed = d.reform(|e: Event| Action::SetSpeed(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(1.0)));
    html! {
        <div class="playback" role="group" aria-label="Playback">
            <button type="button" class="icon-button" title="To the start (Home)" aria-label="To the start"
                disabled={none || at_start} onclick={d.reform(|_| Action::Seek(0))}>{ icons::first() }</button>
            <button type="button" class="icon-button step-back" title="Previous event (←; Shift+← in the selected lane)"
                aria-label="Previous event" disabled={none || at_start} onclick={d.reform(|e: MouseEvent| if e.shift_key() { Action::StepLane(-1) } else { Action::Step(-1) })}>{ icons::step_back() }</button>
            <button type="button" class="icon-button play" title="Play or pause (Space)"
                aria-label={if props.playing { "Pause" } else { "Play" }} aria-pressed={props.playing.to_string()}
                disabled={none} onclick={d.reform(|_| Action::TogglePlay)}>
                { if props.playing { icons::pause() } else { icons::play() } }
            </button>
            <button type="button" class="icon-button step-forward" title="Next event (→; Shift+→ in the selected lane)"
                aria-label="Next event" disabled={none || at_end} onclick={d.reform(|e: MouseEvent| if e.shift_key() { Action::StepLane(1) } else { Action::Step(1) })}>{ icons::step_forward() }</button>
            <button type="button" class="icon-button" title="To the end (End)" aria-label="To the end"
                disabled={none || at_end} onclick={d.reform(|_| Action::Seek(usize::MAX))}>{ icons::last() }</button>
            <input type="range" class="scrubber" aria-label="Playhead" min="0" max={props.events.to_string()}
                value={props.playhead.to_string()} disabled={none} oninput={onscrub} />
            <label class="speed">
                <span class="visually-hidden">{ "Speed" }</span>
                <select aria-label="Playback speed" onchange={onspeed}>
                    <option value="0" selected={props.speed == crate::ui::state::ONE_EVENT_PER_SECOND}>{ "1 event/s" }</option>
                    { for SPEEDS.iter().map(|s| html! {
                        <option value={s.to_string()} selected={(*s - props.speed).abs() < 1e-9}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <span class="position" aria-live="off">
                <span class="position-event">{ format!("{} / {}", props.playhead, props.events) }</span>
                <span class="position-time">{ format!("t = {}", crate::ui::paint::seconds(props.time)) }</span>
            </span>
        </div>
    }
}
