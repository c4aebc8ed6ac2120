//! The Run button, which turns into Stop while a run is in progress (same place, same size).

use yew::prelude::*;

/// Props of [`RunButton`].
#[derive(Properties, PartialEq)]
pub struct RunButtonProps {
    /// True while a run is in progress.
    pub running: bool,
    /// Called when Run is pressed (click, Enter or Space).
    pub onrun: Callback<()>,
    /// Called when Stop is pressed.
    pub onstop: Callback<()>,
}

/// Runs the program in the editor, or stops the run in progress.
#[function_component(RunButton)]
pub fn run_button(props: &RunButtonProps) -> Html {
    if props.running {
        html! {
            <button type="button" class="run-button stop" title="Stop the run" onclick={props.onstop.reform(|_| ())}>
                <span class="stop-icon" aria-hidden="true"></span>
                { "Stop" }
            </button>
        }
    } else {
        html! {
            <button type="button" class="run-button" title="Run (Ctrl+Enter)" onclick={props.onrun.reform(|_| ())}>
                <span class="run-icon" aria-hidden="true"></span>
                { "Run" }
            </button>
        }
    }
}
