//! Browser tests of the UI: mount the app into a div of its own and check the DOM.
//! Run by scripts/test with `cargo test --target wasm32-unknown-unknown --test web` in
//! headless Chromium; natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use interleave::ui::state::{Action, Output, State, NOT_BUILT};
use interleave::ui::{examples, mount_to, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::{AppHandle, Reducible};

wasm_bindgen_test_configure!(run_in_browser);

/// The app mounted into a fresh div; removed from the document on drop.
struct Mounted {
    root: Element,
    handle: Option<AppHandle<App>>,
}

impl Mounted {
    async fn new() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = Some(mount_to(root.clone()));
        settle().await;
        Self { root, handle }
    }

    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element matches {selector:?}"))
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Lets Yew's scheduler render pending updates.
async fn settle() {
    TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn page_has_header_editor_run_output_and_timeline() {
    let app = Mounted::new().await;
    assert_eq!(app.text("header h1"), "Interleave");
    assert!(!app.text("header .pitch").is_empty());
    app.find("textarea.editor");
    assert_eq!(app.text("button.run-button").trim(), "Run");
    app.find(".output-panel .output");
    app.find(".timeline-panel .timeline");
}

#[wasm_bindgen_test]
async fn editor_holds_the_asyncio_lock_example() {
    let app = Mounted::new().await;
    let editor: HtmlTextAreaElement = app.find("textarea.editor").dyn_into().unwrap();
    assert_eq!(editor.value(), examples::ASYNCIO_LOCK.source);
    assert!(editor.value().contains("lock = asyncio.Lock()"));
    assert_eq!(app.text(".file-name"), "asyncio_lock.py");
}

#[wasm_bindgen_test]
async fn run_says_running_is_not_built_yet() {
    let app = Mounted::new().await;
    assert!(!app.text(".output").contains(NOT_BUILT));
    let run: HtmlElement = app.find("button.run-button").dyn_into().unwrap();
    run.click();
    settle().await;
    assert_eq!(app.text(".output").trim(), "Running is not built yet.");
}

#[wasm_bindgen_test]
fn state_run_sets_the_notice_and_edit_keeps_it() {
    let state = Rc::new(State::default());
    assert_eq!(state.output, Output::Empty);
    let state = state.reduce(Action::Run);
    assert_eq!(state.output, Output::Notice(NOT_BUILT.into()));
    let state = state.reduce(Action::Edit("print('hi')".into()));
    assert_eq!(state.source, "print('hi')");
    assert_eq!(state.output, Output::Notice(NOT_BUILT.into()));
}
