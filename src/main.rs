//! The web app entry point: Trunk builds this binary for wasm32 and mounts the UI.
//! Natively there is nothing to run (the command-line runner is `interleave`).

#[cfg(target_arch = "wasm32")]
fn main() {
    interleave::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interleave-web is the browser build; run `interleave --help` for the command-line runner.");
}
