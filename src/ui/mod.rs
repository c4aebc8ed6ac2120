//! The browser UI: a Yew app that edits a Python program, runs it in the engine's Web Worker,
//! and shows its timeline, the state at the playhead and its output. Only this module (and
//! `workers`) use yew and web-sys; it exists only in the wasm32 build.
//!
//! - [`app`]: the page, wiring state to components and to the browser.
//! - [`state`]: the page's state and the actions that change it (no DOM).
//! - [`run`]: a finished run as the page shows it, and its problems in plain words.
//! - [`paint`]: drawing the timeline (canvas on screen, SVG for export).
//! - [`gallery`]: the example programs and their knobs.
//! - [`engine`]: the engine's Web Worker as the page uses it.
//! - [`real`]: real mode: child processes in Web Workers of their own, measured.
//! - [`links`]: what the page opens (share links, gallery links, the saved program).
//! - [`browser`]: the URL, storage, clipboard and downloads.
//! - [`components`]: one component per file.

pub mod app;
pub mod browser;
pub mod components;
pub mod engine;
pub mod gallery;
pub mod links;
pub mod paint;
pub mod real;
pub mod run;
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
