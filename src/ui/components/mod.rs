//! The page's components, one per file.

mod editor;
mod header;
mod output_panel;
mod run_button;
mod timeline;

pub use editor::{Editor, EditorProps};
pub use header::Header;
pub use output_panel::{OutputPanel, OutputPanelProps};
pub use run_button::{RunButton, RunButtonProps};
pub use timeline::Timeline;
