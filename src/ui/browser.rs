//! The few browser services the app uses: the URL, local storage, the clipboard, downloads
//! and the clock. Each fails quietly (private browsing without storage, a denied clipboard):
//! the page works without them.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const SAVED_KEY: &str = "interleave.program.v1";

/// The program kept in local storage as the user types.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Saved {
    /// The program text.
    pub source: String,
    /// The gallery entry it came from.
    pub example: Option<String>,
}

/// The saved program, if any.
pub fn load_saved() -> Option<Saved> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let text = storage.get_item(SAVED_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the program (best effort).
pub fn save(saved: &Saved) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        if let Ok(text) = serde_json::to_string(saved) {
            let _ = storage.set_item(SAVED_KEY, &text);
        }
    }
}

const INTERNALS_KEY: &str = "interleave.internals.v1";

/// Whether the page showed the runtime's internals last time (off when unknown).
pub fn load_internals() -> bool {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    storage.and_then(|s| s.get_item(INTERNALS_KEY).ok().flatten()).is_some_and(|v| v == "1")
}

/// Remembers the "Show internals" switch (best effort).
pub fn save_internals(on: bool) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(INTERNALS_KEY, if on { "1" } else { "0" });
    }
}

/// The URL fragment without `#`.
pub fn hash() -> String {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// True for the compact embeddable view (`?embed=1`).
pub fn is_embed() -> bool {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|p| p == "embed=1" || p == "embed")
}

/// The page's address without fragment (and, with `drop_embed`, without `?embed=1`).
pub fn base_url(drop_embed: bool) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let search = if drop_embed {
        let kept: Vec<&str> =
            search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && *p != "embed=1" && *p != "embed").collect();
        if kept.is_empty() {
            String::new()
        } else {
            format!("?{}", kept.join("&"))
        }
    } else {
        search
    };
    format!("{origin}{path}{search}")
}

/// Replaces the address's fragment without reloading or adding a history entry.
pub fn replace_hash(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("{}#{fragment}", base_url(false));
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Drops the address's fragment (the program no longer is what it named), so a reload opens
/// the saved program rather than the example or link again.
pub fn clear_hash() {
    if hash().is_empty() {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&base_url(false)));
    }
}

/// Puts `text` on the clipboard; `done(true)` when it worked.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    // `navigator.clipboard` only exists on secure pages (https, localhost).
    let navigator = web_sys::window().map(|w| w.navigator());
    let available = navigator
        .as_ref()
        .and_then(|n| js_sys::Reflect::get(n, &JsValue::from_str("clipboard")).ok())
        .is_some_and(|c| c.is_object());
    let Some(clipboard) = navigator.filter(|_| available).map(|n| n.clipboard()) else {
        done(false);
        return;
    };
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.set_hidden(true);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Milliseconds since the page loaded.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A CSS variable of the document (for the SVG export's colours).
pub fn css_variable(name: &str) -> Option<String> {
    let window = web_sys::window()?;
    let root = window.document()?.document_element()?;
    let style = window.get_computed_style(&root).ok()??;
    style.get_property_value(name).ok()
}

/// Calls `f` on every `hashchange` for the life of the page.
pub fn on_hash_change(f: impl FnMut() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let closure = Closure::<dyn FnMut()>::new(f);
    let _ = window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `f` on every key press anywhere in the page, for the life of the page.
pub fn on_key_down(f: impl FnMut(web_sys::KeyboardEvent) + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(f);
    let _ = document.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// True when a key press in `target` belongs to it (text fields, the editor, menus, buttons).
pub fn is_typing_target(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return false };
    let tag = el.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select" | "button" | "a")
        || el.closest(".cm-editor").ok().flatten().is_some()
}
