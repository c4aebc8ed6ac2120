//! The Run button.

use yew::prelude::*;

/// Props of [`RunButton`].
#[derive(Properties, PartialEq)]
pub struct RunButtonProps {
    /// Called when the button is pressed (click, Enter or Space).
    pub onrun: Callback<()>,
}

/// Runs the program in the editor.
#[function_component(RunButton)]
pub fn run_button(props: &RunButtonProps) -> Html {
    let onclick = props.onrun.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="run-button" title="Run (Ctrl+Enter in the editor)" {onclick}>
            <span class="run-icon" aria-hidden="true"></span>
            { "Run" }
        </button>
    }
}
