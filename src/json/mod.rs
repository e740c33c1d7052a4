//! JSON for the widget: its own parser (`parse`: whole documents into `serde_json::Value`,
//! and list pages read in one pass with only the fields asked for), its own writer
//! (`write`), and small readers that treat missing, null and mistyped fields alike as
//! absent. Kustomer and Salesforce payloads vary between orgs and API versions, and one odd
//! field must not lose a whole conversation.

use serde_json::Value;

mod parse;
mod write;

pub use parse::{list_page, parse, Data, Item, ListPage, ParseError};
pub use write::{compact, pretty};

/// An object from its entries, for values built in code (serde_json's `json!` goes
/// through its serializer, which the bundle otherwise does without).
pub fn object<'a>(entries: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    // Inserted one by one: collecting into the map would sort first, and compile a sort.
    let mut map = serde_json::Map::new();
    for (key, value) in entries {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}

/// The value at a dotted path (`satisfactionLevel.score`), if every step exists.
pub fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    // A byte scan for the dots: every message reads some twenty paths, so this is hot.
    let mut current = value;
    let mut rest = path;
    loop {
        let (key, tail) = match rest.bytes().position(|byte| byte == b'.') {
            Some(dot) => (&rest[..dot], Some(&rest[dot + 1..])),
            None => (rest, None),
        };
        current = match current {
            Value::Object(map) => map.get(key)?,
            Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
        match tail {
            Some(tail) => rest = tail,
            None => return Some(current),
        }
    }
}

/// A non-empty string (numbers are not strings here: an id must not be guessed).
pub fn str_at(value: &Value, path: &str) -> Option<String> {
    str_of(at(value, path)?)
}

/// [`str_at`] of a value already found.
pub fn str_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.clone()),
        _ => None,
    }
}

/// An integer, from a JSON number or a numeric string (`"3"` is seen for priorities).
pub fn int_at(value: &Value, path: &str) -> Option<i64> {
    match at(value, path)? {
        Value::Number(number) => number.as_i64().or_else(|| number.as_f64().map(|f| f as i64)),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

pub fn bool_at(value: &Value, path: &str) -> Option<bool> {
    bool_of(at(value, path)?)
}

/// [`bool_at`] of a value already found.
pub fn bool_of(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
        Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Every non-empty string in an array (other items are skipped).
pub fn strings_at(value: &Value, path: &str) -> Vec<String> {
    match at(value, path) {
        Some(Value::Array(items)) => {
            items.iter().filter_map(|item| item.as_str()).filter(|s| !s.trim().is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn readers_treat_null_missing_and_mistyped_as_absent() {
        let value =
            json!({"a": {"b": null, "c": "x", "n": "3", "f": 2.0, "t": "TRUE", "e": "  "}, "list": [1, "y", null]});
        assert_eq!(str_at(&value, "a.c").as_deref(), Some("x"));
        assert_eq!(str_at(&value, "a.b"), None);
        assert_eq!(str_at(&value, "a.e"), None);
        assert_eq!(str_at(&value, "a.missing.deeper"), None);
        assert_eq!(int_at(&value, "a.n"), Some(3));
        assert_eq!(int_at(&value, "a.f"), Some(2));
        assert_eq!(int_at(&value, "a.c"), None);
        assert_eq!(bool_at(&value, "a.t"), Some(true));
        assert_eq!(strings_at(&value, "list"), vec!["y".to_string()]);
        assert_eq!(at(&value, "list.1"), Some(&json!("y")));
    }
}
