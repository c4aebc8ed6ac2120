//! The learner's progress in local storage (best effort: without storage, progress lasts as
//! long as the page).

use super::Progress;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored progress, or none.
pub fn load() -> Progress {
    storage().and_then(|s| s.get_item(Progress::KEY).ok().flatten()).map(|t| Progress::from_json(&t)).unwrap_or_default()
}

/// Stores the progress.
pub fn save(progress: &Progress) {
    if let Some(s) = storage() {
        let _ = s.set_item(Progress::KEY, &progress.to_json());
    }
}
