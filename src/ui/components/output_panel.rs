//! The output panel: what the program printed, or a notice from the playground.

use yew::prelude::*;

use crate::ui::state::Output;

/// Props of [`OutputPanel`].
#[derive(Properties, PartialEq)]
pub struct OutputPanelProps {
    /// What to show.
    pub output: Output,
}

/// Shows the program's output. Screen readers announce changes (`aria-live`).
#[function_component(OutputPanel)]
pub fn output_panel(props: &OutputPanelProps) -> Html {
    let body = match &props.output {
        Output::Empty => html! {
            <p class="placeholder">{ "Press Run to see what the program prints." }</p>
        },
        Output::Notice(text) => html! { <p class="notice">{ text.clone() }</p> },
    };
    html! {
        <section class="panel output-panel" aria-labelledby="output-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="output-title">{ "Output" }</h2>
            </div>
            <div class="output" role="status" aria-live="polite">{ body }</div>
        </section>
    }
}
