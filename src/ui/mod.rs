//! The browser UI: a Yew app that edits a Python program, runs it in the engine's Web Worker,
//! and shows its timeline, the state at the playhead and its output.
//!
//! Its pure model holds no DOM and is compiled on every target, so `cargo test` runs its tests
//! natively:
//! - [`state`]: the page's state and the actions that change it.
//! - [`run`]: a finished run as the page shows it, and its problems in plain words.
//! - [`viewport`]: which part of the timeline is on screen: zoom, pan, scroll.
//! - [`real`]: real mode: what child processes in Web Workers of their own measured.
//! - [`gallery`]: the example programs and their knobs.
//! - [`learn`]: the course: lessons, prediction questions and progress.
//!
//! The views and the browser glue use yew and web-sys and exist only in the wasm32 build:
//! - `app`: the page, wiring state to components and to the browser.
//! - `paint`: drawing the timeline (canvas on screen, SVG for export).
//! - `engine`: the engine's Web Worker as the page uses it.
//! - `links`: what the page opens (share links, gallery links, the saved program).
//! - `browser`: the URL, storage, clipboard and downloads.
//! - `components`: one component per file.
//! - `real::pool`: the real-mode workers.

pub mod explore;
pub mod gallery;
pub mod learn;
pub mod real;
pub mod run;
pub mod state;
pub mod viewport;

#[cfg(test)]
mod fixtures;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod links;
#[cfg(target_arch = "wasm32")]
pub mod paint;

#[cfg(target_arch = "wasm32")]
pub use app::App;

/// Mounts the app into the document body. Called by the `interleave-web` binary.
#[cfg(target_arch = "wasm32")]
pub fn mount() {
    yew::Renderer::<App>::new().render();
}

/// Mounts the app into `root` (tests mount it into a div of their own); drop the handle's
/// app with [`yew::AppHandle::destroy`].
#[cfg(target_arch = "wasm32")]
pub fn mount_to(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}
