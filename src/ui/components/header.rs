//! The page header: the name and a one-line pitch.

use yew::prelude::*;

/// The page header.
#[function_component(Header)]
pub fn header() -> Html {
    html! {
        <header class="site-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                <h1>{ "Interleave" }</h1>
            </div>
            <p class="pitch">
                { "Watch Python's asyncio tasks, threads and processes take turns, step by step, on a virtual clock." }
            </p>
        </header>
    }
}
