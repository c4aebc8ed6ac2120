//! The gallery: example programs that follow the guide section by section, each with a
//! paragraph in the guide's voice and knobs that edit its text. One file per entry (the format
//! is `share::scenario`); `files.rs` lists them in order.

use std::sync::OnceLock;

pub use crate::share::scenario::{Entry, Knob, KnobKind};

/// Every entry's file name and text, in gallery order.
pub const FILES: &[(&str, &str)] = include!("files.rs");

/// The entry the page opens with when there is nothing saved.
pub const DEFAULT_SLUG: &str = "lock";

/// The parsed entries, in gallery order. (A file that does not parse is a build mistake that
/// the native tests catch; here it is skipped rather than taking the page down.)
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| FILES.iter().filter_map(|(_, text)| Entry::parse(text).ok()).collect())
}

/// The entry with this slug.
pub fn find(slug: &str) -> Option<&'static Entry> {
    entries().iter().find(|e| e.slug == slug)
}

/// The entry the page opens with.
pub fn default_entry() -> &'static Entry {
    find(DEFAULT_SLUG).unwrap_or(&entries()[0])
}
