//! SOSL: one search request that reads several objects by email. Search terms enter a
//! query only through [`search_term`]; the exact match is still made by each object's
//! `WHERE Email IN (…)`, written with SOQL's own quoting, so the search index can only
//! narrow what is read, never widen it.

use serde_json::Value;

/// The characters SOSL reserves inside `FIND {…}`; each is escaped with a backslash.
const RESERVED: &str = "?&|!{}[]()^~*:\\\"'+-";

/// A term for `FIND {…}`: reserved characters escaped, the whole as one phrase in
/// double quotes, so that `a+b@x.co` is neither an operator nor two words.
pub fn search_term(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    out.push('"');
    for ch in text.chars() {
        if RESERVED.contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// `{"a@x.co" OR "b@y.co"}`.
pub fn find_clause<'a>(terms: impl IntoIterator<Item = &'a str>) -> String {
    let terms: Vec<String> = terms.into_iter().map(search_term).collect();
    format!("{{{}}}", terms.join(" OR "))
}

/// The records of a search answer: `{"searchRecords": […]}`, or the bare array older API
/// versions sent. `None` for anything else.
pub fn search_records(body: &Value) -> Option<Vec<Value>> {
    match body {
        Value::Array(records) => Some(records.clone()),
        Value::Object(map) => map.get("searchRecords")?.as_array().cloned(),
        _ => None,
    }
}

/// The object a search record is (`attributes.type`).
pub fn record_type(record: &Value) -> Option<&str> {
    record.get("attributes")?.get("type")?.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_reserved_character_is_escaped_inside_one_phrase() {
        assert_eq!(search_term("jane@x.co"), r#""jane@x.co""#);
        assert_eq!(search_term("o'neil+tag@x-y.co"), r#""o\'neil\+tag@x\-y.co""#);
        assert_eq!(search_term(r#"a"} OR {b"#), r#""a\"\} OR \{b""#);
        for ch in RESERVED.chars() {
            let term = search_term(&format!("a{ch}b"));
            assert_eq!(term, format!("\"a\\{ch}b\""), "{ch}");
        }
        assert_eq!(find_clause(["a@x.co", "b@y.co"]), r#"{"a@x.co" OR "b@y.co"}"#);
    }

    #[test]
    fn both_answer_shapes_are_read() {
        let record = json!({ "attributes": { "type": "Lead" }, "Id": "00Q1" });
        assert_eq!(search_records(&json!({ "searchRecords": [record.clone()] })), Some(vec![record.clone()]));
        assert_eq!(search_records(&json!([record.clone()])), Some(vec![record.clone()]));
        assert_eq!(search_records(&json!({ "records": [] })), None);
        assert_eq!(search_records(&json!("text")), None);
        assert_eq!(record_type(&record), Some("Lead"));
    }
}
