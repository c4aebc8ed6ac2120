//! The share box: the link the Share button made, selectable (and already on the clipboard
//! when the browser allowed it), with its length.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`ShareBox`].
#[derive(Properties, PartialEq)]
pub struct ShareBoxProps {
    /// The share link.
    pub url: AttrValue,
    /// True when the link is on the clipboard.
    pub copied: bool,
    /// Called when the box is closed.
    pub onclose: Callback<()>,
}

/// The share link.
#[function_component(ShareBox)]
pub fn share_box(props: &ShareBoxProps) -> Html {
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(props.url.clone(), move |_| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let close = props.onclose.clone();
    let onkey = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close.emit(());
        }
    });
    html! {
        <div class="share-box" role="dialog" aria-label="Share link" onkeydown={onkey}>
            <label for="share-url">
                { if props.copied { "Link copied to the clipboard" } else { "Copy this link" } }
                <span class="muted">{ format!(" · {} characters · program, knobs and playhead", props.url.len()) }</span>
            </label>
            <div class="share-row">
                <input ref={input} id="share-url" class="share-url" type="text" readonly=true value={props.url.clone()} />
                <button type="button" class="button ghost" onclick={props.onclose.reform(|_| ())}>{ "Close" }</button>
            </div>
        </div>
    }
}
