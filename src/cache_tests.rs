use serde_json::json;

use super::*;
use crate::test_support::Memory;

const HOUR: f64 = 3_600_000.0;

#[test]
fn keys_are_per_org_and_email_whatever_the_case() {
    assert_eq!(key("Acme.my", " A@X.co "), key("acme.my", "a@x.co"));
    assert_eq!(key("acme.my", "a@x.co"), "ksw:v2:card:acme.my:a@x.co");
    assert_ne!(key("acme", "a@x.co"), key("other", "a@x.co"));
    assert_ne!(key("acme", "a@x.co"), key("acme", "b@x.co"));
}

#[test]
fn entries_in_an_earlier_format_are_removed_when_something_is_kept() {
    let storage = Memory::new(1 << 20);
    assert!(storage.set("ksw:v1:card:o:a@x.co,b@x.co", "{}"));
    assert!(storage.set("host-key", "kept"));
    Cache::new(&storage).put(&key("o", "a@x.co"), &json!({}), 0.0);
    assert_eq!(storage.get("ksw:v1:card:o:a@x.co,b@x.co"), None);
    assert_eq!(storage.get("host-key").as_deref(), Some("kept"), "only the widget's own keys");
}

#[test]
fn entries_are_served_until_24_hours_then_not() {
    let storage = Memory::new(1 << 20);
    let cache = Cache::new(&storage);
    assert!(cache.put("ksw:v2:card:o:a", &json!({ "contacts": [1] }), 0.0));
    let fresh = cache.get("ksw:v2:card:o:a", 3.0 * HOUR, MAX_AGE_MS).unwrap();
    assert_eq!(fresh.data, json!({ "contacts": [1] }));
    assert_eq!(fresh.age_ms, 3.0 * HOUR);
    assert!(cache.get("ksw:v2:card:o:a", 24.0 * HOUR - 1.0, MAX_AGE_MS).is_some());
    assert!(cache.get("ksw:v2:card:o:a", 24.0 * HOUR, MAX_AGE_MS).is_none());
    assert!(cache.get("ksw:v2:card:o:missing", 0.0, MAX_AGE_MS).is_none());
}

#[test]
fn unreadable_entries_are_dropped() {
    let storage = Memory::new(1 << 20);
    storage.set("ksw:v2:card:o:a", "not json");
    let cache = Cache::new(&storage);
    assert!(cache.get("ksw:v2:card:o:a", 0.0, MAX_AGE_MS).is_none());
    assert!(storage.get("ksw:v2:card:o:a").is_none());
}

#[test]
fn the_oldest_go_first_when_the_count_is_reached() {
    let storage = Memory::new(1 << 24);
    let cache = Cache::new(&storage);
    for idx in 0..MAX_ENTRIES + 5 {
        assert!(cache.put(&format!("ksw:v2:card:o:{idx:04}"), &json!(idx), idx as f64));
    }
    assert_eq!(storage.keys().len(), MAX_ENTRIES);
    assert!(storage.get("ksw:v2:card:o:0004").is_none());
    assert!(storage.get("ksw:v2:card:o:0005").is_some());
}

#[test]
fn a_full_storage_evicts_oldest_and_never_fails_loudly() {
    let storage = Memory::new(200);
    storage.set("someone-else", "x");
    let cache = Cache::new(&storage);
    assert!(cache.put("ksw:v2:card:o:a", &json!("a".repeat(60)), 1.0));
    assert!(cache.put("ksw:v2:card:o:b", &json!("b".repeat(60)), 2.0));
    // The third only fits once the oldest entry is gone.
    assert!(cache.put("ksw:v2:card:o:c", &json!("c".repeat(60)), 3.0));
    assert!(storage.get("ksw:v2:card:o:a").is_none());
    assert!(storage.get("someone-else").is_some(), "other keys are not ours to evict");
    // Too big for the storage at all: refused, not a panic.
    assert!(!cache.put("ksw:v2:card:o:d", &json!("d".repeat(500)), 4.0));
}

#[test]
fn usage_readings_last_across_mounts() {
    let storage = Memory::new(1 << 20);
    let cache = Cache::new(&storage);
    cache.put_usage("acme", 96_000, 100_000, 0.0);
    assert_eq!(Cache::new(&storage).usage("acme", HOUR, MAX_AGE_MS), Some((96_000, 100_000)));
    assert_eq!(cache.usage("acme", 25.0 * HOUR, MAX_AGE_MS), None);
    assert_eq!(cache.usage("other", 0.0, MAX_AGE_MS), None);
}

#[test]
fn ages_read_like_people_say_them() {
    assert_eq!(age_words(10_000.0), "just now");
    assert_eq!(age_words(60_000.0), "1 minute ago");
    assert_eq!(age_words(4.0 * 60_000.0), "4 minutes ago");
    assert_eq!(age_words(3.0 * HOUR + 1.0), "3 hours ago");
    assert_eq!(age_words(49.0 * HOUR), "2 days ago");
}
