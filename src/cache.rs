//! The Insight Card's browser cache and the rules for using it. Salesforce data is kept
//! after each successful load; when the API limit is reached or the network fails, data
//! younger than 24 hours is shown with its age. Storage is behind a trait (localStorage in
//! the browser), and a full or missing storage never breaks the card: it only means no
//! fallback.

use crate::json::compact;
use crate::strings;
use serde_json::Value;

/// Version of the stored format: a change makes old entries unreadable, not wrong.
pub const PREFIX: &str = "ksw:v2:";
/// Earlier formats, removed when something new is kept.
const OLD_PREFIXES: [&str; 1] = ["ksw:v1:"];
/// How long cached data may stand in for live data.
pub const MAX_AGE_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// Entries kept; the oldest go first.
pub const MAX_ENTRIES: usize = 200;

/// Key-value text storage. Every failure is reported as `false` or `None`.
pub trait Storage {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> bool;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// The key for what was saved for one org and one email (case does not matter): saved
/// data belongs to each email, so a customer who comes back with an email more or fewer
/// still finds it.
pub fn key(org: &str, email: &str) -> String {
    format!("{PREFIX}card:{}:{}", org.to_ascii_lowercase(), email.trim().to_ascii_lowercase())
}

fn usage_key(org: &str) -> String {
    format!("{PREFIX}usage:{}", org.to_ascii_lowercase())
}

/// Cached data and how old it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Cached {
    pub data: Value,
    pub saved_at_ms: f64,
    pub age_ms: f64,
}

pub struct Cache<'a> {
    storage: &'a dyn Storage,
}

impl<'a> Cache<'a> {
    pub fn new(storage: &'a dyn Storage) -> Self {
        Cache { storage }
    }

    /// Keeps `data` under `key`, evicting the oldest entries to stay within
    /// [`MAX_ENTRIES`], and more of them if the storage is full. Returns whether it was
    /// kept.
    pub fn put(&self, key: &str, data: &Value, now_ms: f64) -> bool {
        let entry = format!("{{\"savedAt\":{},\"data\":{}}}", compact(&Value::from(now_ms)), compact(data));
        for key in self.storage.keys() {
            if OLD_PREFIXES.iter().any(|old| key.starts_with(old)) {
                self.storage.remove(&key);
            }
        }
        let mut entries = self.entries_oldest_first();
        entries.retain(|(existing, _)| existing != key);
        while entries.len() >= MAX_ENTRIES {
            let (oldest, _) = entries.remove(0);
            self.storage.remove(&oldest);
        }
        loop {
            if self.storage.set(key, &entry) {
                return true;
            }
            if entries.is_empty() {
                return false;
            }
            let (oldest, _) = entries.remove(0);
            self.storage.remove(&oldest);
        }
    }

    /// The entry under `key` if it is younger than `max_age_ms`; unreadable entries are
    /// removed.
    pub fn get(&self, key: &str, now_ms: f64, max_age_ms: f64) -> Option<Cached> {
        let text = self.storage.get(key)?;
        let parsed: Option<(f64, Value)> = crate::json::parse(&text)
            .ok()
            .and_then(|entry| Some((entry.get("savedAt")?.as_f64()?, entry.get("data")?.clone())));
        let Some((saved_at_ms, data)) = parsed else {
            self.storage.remove(key);
            return None;
        };
        let age_ms = (now_ms - saved_at_ms).max(0.0);
        (age_ms < max_age_ms).then_some(Cached { data, saved_at_ms, age_ms })
    }

    /// The last API usage reading for the org, kept across mounts: a sidebar card is
    /// mounted again for every customer, but the quota is the org's.
    pub fn put_usage(&self, org: &str, used: u64, limit: u64, now_ms: f64) {
        let entry = format!("{{\"used\":{used},\"limit\":{limit},\"at\":{}}}", compact(&Value::from(now_ms)));
        let _ = self.storage.set(&usage_key(org), &entry);
    }

    /// The last reading if it is younger than `max_age_ms`: `(used, limit)`.
    pub fn usage(&self, org: &str, now_ms: f64, max_age_ms: f64) -> Option<(u64, u64)> {
        let entry: Value = crate::json::parse(&self.storage.get(&usage_key(org))?).ok()?;
        let at = entry.get("at")?.as_f64()?;
        (now_ms - at < max_age_ms).then_some((entry.get("used")?.as_u64()?, entry.get("limit")?.as_u64()?))
    }

    fn entries_oldest_first(&self) -> Vec<(String, f64)> {
        let mut entries: Vec<(String, f64)> = self
            .storage
            .keys()
            .into_iter()
            .filter(|key| key.starts_with(PREFIX) && key.contains(":card:"))
            .map(|key| {
                let saved = self
                    .storage
                    .get(&key)
                    .and_then(|text| crate::json::parse(&text).ok())
                    .and_then(|entry| entry.get("savedAt")?.as_f64())
                    .unwrap_or(0.0);
                (key, saved)
            })
            .collect();
        crate::order::sort_by_key(&mut entries, |(_, saved)| (*saved as i64, 0, String::new()));
        entries
    }
}

/// "3 hours ago", for the card's freshness line and the stale-data banner.
pub fn age_words(age_ms: f64) -> String {
    strings::age((age_ms / 60_000.0) as u64)
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
