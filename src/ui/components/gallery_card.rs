//! The gallery entry above the editor: its title, the guide section it follows, its paragraph
//! and its knobs. For a program of the user's own, a short note instead.

use yew::prelude::*;

use super::Knobs;
use crate::ui::gallery::Entry;

/// Props of [`GalleryCard`].
#[derive(Properties, PartialEq)]
pub struct GalleryCardProps {
    /// The gallery entry the program came from; None for the user's own program.
    pub entry: Option<&'static Entry>,
    /// The program (knobs read their values from it).
    pub source: AttrValue,
    /// Called with (knob index, new value).
    pub onknob: Callback<(usize, String)>,
}

/// Text with `code` in backticks and **bold** in double stars, as nodes (never as HTML).
pub fn rich_text(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            bold_text(part)
        }) }
    }
}

/// Text with **bold** in double stars (a button's name in a sentence: "press **Explore**").
fn bold_text(text: &str) -> Html {
    html! {
        { for text.split("**").enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <strong>{ part.to_string() }</strong> }
        } else {
            html! { { part.to_string() } }
        }) }
    }
}

/// The current gallery entry.
#[function_component(GalleryCard)]
pub fn gallery_card(props: &GalleryCardProps) -> Html {
    let Some(entry) = props.entry else {
        return html! {
            <section class="gallery-card" aria-label="About this program">
                <p class="gallery-guide">{ "Your program" }</p>
                <p class="gallery-text">
                    { "Edit freely: Interleave saves it in this browser as you type. Press Run (Ctrl+Enter) to see its timeline; \
                       pick an example from the menu to start from the guide." }
                </p>
            </section>
        };
    };
    html! {
        <section class="gallery-card" aria-labelledby="gallery-title">
            <div class="gallery-scroll">
                <p class="gallery-guide">{ format!("Guide · {}", entry.guide) }</p>
                <h2 id="gallery-title" class="gallery-title">
                    <a href={format!("#example={}", entry.slug)} title="A link to this example">{ entry.title.clone() }</a>
                </h2>
                <div class="gallery-text">
                    { for entry.paragraphs.iter().map(|p| html! { <p>{ rich_text(p) }</p> }) }
                </div>
            </div>
            if !entry.knobs.is_empty() {
                <Knobs knobs={entry.knobs.clone()} source={props.source.clone()} onknob={props.onknob.clone()} />
            }
        </section>
    }
}
