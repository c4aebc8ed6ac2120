//! The page header: the name, the gallery menu, Share and Export.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ui::gallery;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The slug of the gallery entry in the editor, if any.
    pub example: Option<AttrValue>,
    /// Called with the slug of the entry picked in the menu.
    pub onexample: Callback<AttrValue>,
    /// Called when Share is clicked.
    pub onshare: Callback<()>,
    /// Called when "Export trace" is clicked (the Chrome trace JSON).
    pub onexport_trace: Callback<()>,
    /// Called when "Export SVG" is clicked (the timeline as a picture).
    pub onexport_svg: Callback<()>,
    /// True when there is a run to export.
    pub can_export: bool,
    /// The compact embeddable view: name and a link out only.
    #[prop_or_default]
    pub embed: bool,
    /// The full page's address (for the embed view's link).
    #[prop_or_default]
    pub full_url: AttrValue,
}

/// The page header.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let brand = html! {
        <div class="brand">
            <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
                <rect x="2" y="4" width="9" height="4" rx="2" />
                <rect x="9" y="10" width="13" height="4" rx="2" />
                <rect x="4" y="16" width="11" height="4" rx="2" />
            </svg>
            <h1>{ "Interleave" }</h1>
        </div>
    };
    if props.embed {
        return html! {
            <header class="site-header embed-header">
                { brand }
                <a class="button ghost" href={props.full_url.clone()} target="_blank" rel="noopener">{ "Open in Interleave ↗" }</a>
            </header>
        };
    }
    let onchange = props.onexample.reform(|e: Event| AttrValue::from(e.target_unchecked_into::<HtmlSelectElement>().value()));
    let current = props.example.clone().unwrap_or_default();
    html! {
        <header class="site-header">
            { brand }
            <p class="pitch">{ "Watch asyncio tasks, threads and processes take turns on a virtual clock, step by step." }</p>
            <label class="gallery-menu">
                <span class="visually-hidden">{ "Example" }</span>
                <select aria-label="Example program" {onchange}>
                    if props.example.is_none() {
                        <option value="" selected=true disabled=true>{ "Your program" }</option>
                    }
                    { for gallery::entries().iter().enumerate().map(|(i, e)| html! {
                        <option value={e.slug.clone()} selected={current == e.slug.as_str()}>
                            { format!("{}. {}", i + 1, e.title) }
                        </option>
                    }) }
                </select>
            </label>
            <div class="header-actions">
                <a class="button ghost learn-link" href="#learn" title="The guide as a course of short lessons">{ "Learn" }</a>
                <button type="button" class="button" onclick={props.onshare.reform(|_| ())}
                    title="Copy a link to this program, its knobs and the playhead">
                    { "Share" }
                </button>
                <button type="button" class="button ghost" disabled={!props.can_export}
                    onclick={props.onexport_trace.reform(|_| ())}
                    title="Download the trace as Chrome trace JSON (opens in Perfetto)">
                    { "Trace JSON" }
                </button>
                <button type="button" class="button ghost" disabled={!props.can_export}
                    onclick={props.onexport_svg.reform(|_| ())}
                    title="Download the timeline as an SVG picture">
                    { "Timeline SVG" }
                </button>
            </div>
        </header>
    }
}
