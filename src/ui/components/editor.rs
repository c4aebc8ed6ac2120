//! The program editor: CodeMirror 6 (bundled as `editor.js`, the global `InterleaveEditor`)
//! behind a small Yew component. Where the bundle is absent (the wasm unit tests), a plain
//! textarea stands in, behind the same props.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = InterleaveEditor, js_name = create)]
    fn cm_create(parent: &HtmlElement, doc: &str, on_change: &JsValue, on_run: &JsValue, label: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = InterleaveEditor, js_name = setDoc)]
    fn cm_set_doc(view: &JsValue, doc: &str);
    #[wasm_bindgen(js_namespace = InterleaveEditor, js_name = mark)]
    fn cm_mark(view: &JsValue, error: u32, error_text: &str, exec: u32, exec_colour: u32, frames: &[u32]);
    #[wasm_bindgen(js_namespace = InterleaveEditor, js_name = destroy)]
    fn cm_destroy(view: &JsValue);
}

/// True when the CodeMirror bundle has loaded.
pub fn codemirror_available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("InterleaveEditor")).ok())
        .is_some_and(|v| v.is_object())
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The program text.
    pub value: AttrValue,
    /// Bumped when `value` was replaced from outside (the editor then takes it).
    pub revision: u32,
    /// Called with the new text on every edit.
    pub onedit: Callback<AttrValue>,
    /// Called on Ctrl+Enter (or Cmd+Enter).
    pub onrun: Callback<()>,
    /// The line to mark as the error (0: none) and the message under it.
    #[prop_or_default]
    pub error_line: u32,
    /// The error message shown under `error_line`.
    #[prop_or_default]
    pub error_text: AttrValue,
    /// The line of the event at the playhead (0: none).
    #[prop_or_default]
    pub exec_line: u32,
    /// The colour (`--task-N`) of the task `exec_line` belongs to.
    #[prop_or_default]
    pub exec_colour: u32,
    /// The lines the other live tasks are at, with their colours: (line, colour) pairs, shown
    /// faintly.
    #[prop_or_default]
    pub frames: Rc<Vec<(u32, u32)>>,
}

/// The live CodeMirror view and the closures it calls back into.
struct Mounted {
    view: JsValue,
    _on_change: Closure<dyn FnMut(String)>,
    _on_run: Closure<dyn FnMut()>,
}

/// A code editor for one Python program.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let host = use_node_ref();
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    // The latest callbacks, for the closures CodeMirror holds.
    let callbacks = use_mut_ref(|| (props.onedit.clone(), props.onrun.clone()));
    *callbacks.borrow_mut() = (props.onedit.clone(), props.onrun.clone());
    let rich = use_state(codemirror_available);

    {
        let (host, mounted, callbacks, value) = (host.clone(), mounted.clone(), callbacks.clone(), props.value.clone());
        let rich = *rich;
        use_effect_with((), move |_| {
            if rich {
                if let Some(el) = host.cast::<HtmlElement>() {
                    let c1 = callbacks.clone();
                    let on_change = Closure::<dyn FnMut(String)>::new(move |text: String| {
                        let onedit = c1.borrow().0.clone();
                        onedit.emit(AttrValue::from(text));
                    });
                    let c2 = callbacks.clone();
                    let on_run = Closure::<dyn FnMut()>::new(move || {
                        let onrun = c2.borrow().1.clone();
                        onrun.emit(());
                    });
                    let view = cm_create(&el, &value, on_change.as_ref(), on_run.as_ref(), "Python program");
                    *mounted.borrow_mut() = Some(Mounted { view, _on_change: on_change, _on_run: on_run });
                }
            }
            move || {
                if let Some(m) = mounted.borrow_mut().take() {
                    cm_destroy(&m.view);
                }
            }
        });
    }

    // A program replaced from outside (an example, a knob, a link).
    {
        let (mounted, value) = (mounted.clone(), props.value.clone());
        use_effect_with(props.revision, move |_| {
            if let Some(m) = mounted.borrow().as_ref() {
                cm_set_doc(&m.view, &value);
            }
        });
    }

    {
        let mounted = mounted.clone();
        let marks = (props.error_line, props.error_text.clone(), props.exec_line, props.exec_colour, props.frames.clone());
        use_effect_with(marks, move |(error, text, exec, colour, frames)| {
            if let Some(m) = mounted.borrow().as_ref() {
                let flat: Vec<u32> = frames.iter().flat_map(|&(line, c)| [line, c]).collect();
                cm_mark(&m.view, *error, text, *exec, *colour, &flat);
            }
        });
    }

    if *rich {
        html! { <div class="editor" ref={host} /> }
    } else {
        fallback(props)
    }
}

/// A textarea with the same behaviour, where CodeMirror is not loaded.
fn fallback(props: &EditorProps) -> Html {
    let oninput = props.onedit.reform(|e: InputEvent| AttrValue::from(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
    let onkeydown = {
        let onrun = props.onrun.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                onrun.emit(());
            } else if e.key() == "Tab" && !e.shift_key() {
                // Tab indents (four spaces) rather than leaving the editor.
                e.prevent_default();
                if let Some(area) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                    let _ = area.set_range_text("    ");
                    if let Ok(Some(end)) = area.selection_end() {
                        let _ = area.set_selection_range(end + 4, end + 4);
                    }
                    let _ = area.dispatch_event(&web_sys::Event::new("input").unwrap());
                }
            }
        })
    };
    html! {
        <textarea
            class="editor editor-plain"
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
