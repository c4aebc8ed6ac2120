//! The program editor: a plain textarea for now (CodeMirror replaces it later, behind the
//! same props).

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The program text.
    pub value: AttrValue,
    /// Called with the new text on every edit.
    pub onedit: Callback<AttrValue>,
    /// Called on Ctrl+Enter (or Cmd+Enter).
    pub onrun: Callback<()>,
}

/// A code editor for one Python program.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let oninput = props.onedit.reform(|e: InputEvent| {
        AttrValue::from(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let onkeydown = {
        let onrun = props.onrun.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                onrun.emit(());
            }
        })
    };

    html! {
        <textarea
            class="editor"
            aria-label="Python program"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            wrap="off"
            value={props.value.clone()}
            {oninput}
            {onkeydown}
        />
    }
}
