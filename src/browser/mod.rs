//! Browser glue that the views and transports share: the real clock and `Intl`
//! formatting. Compiled for wasm32 only.

pub mod clipboard;
pub mod clock;
pub mod diagnostics;
pub mod fold;
pub mod intl;
pub mod storage;
pub mod text;

/// Whether the page can be seen: no look for changes is made while it is hidden. A page
/// without a document counts as seen.
pub fn page_visible() -> bool {
    web_sys::window().and_then(|window| window.document()).is_none_or(|document| !document.hidden())
}
