//! The timeline: one lane per task, thread or process against the virtual clock. Empty until
//! the engine records traces.

use yew::prelude::*;

/// The timeline area.
#[function_component(Timeline)]
pub fn timeline() -> Html {
    html! {
        <section class="panel timeline-panel" aria-labelledby="timeline-title">
            <div class="panel-bar">
                <h2 class="panel-title" id="timeline-title">{ "Timeline" }</h2>
                <span class="panel-hint">{ "virtual clock" }</span>
            </div>
            <div class="timeline">
                <p class="placeholder">
                    { "Each task will get a lane here, showing when it runs, waits for a lock and sleeps." }
                </p>
            </div>
        </section>
    }
}
