//! Small inline SVG icons for the playback buttons (fonts differ in which symbols they have).

use yew::prelude::*;

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

/// ▶
pub fn play() -> Html {
    icon("M4 2.5v11l9-5.5z")
}

/// ❚❚
pub fn pause() -> Html {
    icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z")
}

/// ◀ with a bar: the previous event.
pub fn step_back() -> Html {
    icon("M3 2.5h2v11H3zM13 2.5v11L6 8z")
}

/// ▶ with a bar: the next event.
pub fn step_forward() -> Html {
    icon("M11 2.5h2v11h-2zM3 2.5v11L10 8z")
}

/// ⏮: to the start.
pub fn first() -> Html {
    icon("M2 2.5h2v11H2zM9 2.5v11L4 8zM15 2.5v11L10 8z")
}

/// ⏭: to the end.
pub fn last() -> Html {
    icon("M12 2.5h2v11h-2zM7 2.5v11L12 8zM1 2.5v11L6 8z")
}
