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

/// Is `source` still `entry`'s program, with at most its knobs turned? Once the text is the
/// user's own (anything else edited), the page drops the example: its card and knobs would
/// otherwise describe, and rewrite, a program that is not theirs.
pub fn is_example_text(entry: &Entry, source: &str) -> bool {
    let mut text = source.to_string();
    for knob in &entry.knobs {
        let (Some(default), Some(_)) = (knob.read(&entry.program), knob.read(&text)) else { return false };
        match knob.apply(&text, &default) {
            Some(reset) => text = reset,
            None => return false,
        }
    }
    text.trim_end() == entry.program.trim_end()
}

/// The entry `slug` names, if `source` is still its program (see [`is_example_text`]).
pub fn example_of(slug: Option<&str>, source: &str) -> Option<&'static Entry> {
    slug.and_then(find).filter(|e| is_example_text(e, source))
}

/// The entry the page opens with.
pub fn default_entry() -> &'static Entry {
    find(DEFAULT_SLUG).unwrap_or(&entries()[0])
}
