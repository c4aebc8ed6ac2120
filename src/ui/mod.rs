//! The browser UI: a Yew app that edits a Python program, runs it and shows its output and
//! timeline. Only this module (and `workers`) may use yew, web-sys and gloo; it exists only in
//! the wasm32 build.
//!
//! - [`app`]: the page layout, wiring state to components.
//! - [`state`]: the whole UI state and the actions that change it (pure, no DOM).
//! - [`components`]: one component per file.
//! - [`examples`]: the example programs the editor starts with.

pub mod app;
pub mod components;
pub mod examples;
pub mod state;

pub use app::App;

/// Mounts the app into the document body. Called by the `interleave-web` binary.
pub fn mount() {
    yew::Renderer::<App>::new().render();
}

/// Mounts the app into `root` (tests mount it into a div of their own); drop the handle's
/// app with [`yew::AppHandle::destroy`].
pub fn mount_to(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}
