//! The browser's localStorage as the cache's [`Storage`]. Where it is unavailable (a
//! sandboxed frame, privacy settings) the card simply has no fallback.

use crate::cache::Storage;

pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    pub fn open() -> Option<LocalStorage> {
        web_sys::window()?.local_storage().ok().flatten().map(LocalStorage)
    }
}

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> bool {
        // A full storage throws QuotaExceededError; that is a `false`, not a failure.
        self.0.set_item(key, value).is_ok()
    }

    fn remove(&self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let count = self.0.length().unwrap_or(0);
        (0..count).filter_map(|idx| self.0.key(idx).ok().flatten()).collect()
    }
}
