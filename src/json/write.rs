//! JSON text from a `Value`, compact or indented by two spaces, byte for byte as
//! serde_json writes it (numbers go through `Number`'s own formatting). serde_json's
//! writer comes with serde's serializer machinery; this is the part the widget uses.

use std::fmt::Write;

use serde_json::Value;

/// `{"a":1,"b":[true,null]}`
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, None);
    out
}

/// Two-space indentation, one entry a line; empty objects and arrays stay `{}` and `[]`.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, Some(0));
    out
}

/// `depth` is `None` for compact text, else the current indentation level.
fn write(out: &mut String, value: &Value, depth: Option<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => {
            let _ = write!(out, "{number}");
        }
        Value::String(text) => string(out, text),
        Value::Array(items) => {
            let entries = items.iter().map(|item| (None, item));
            container(out, ('[', ']'), entries, items.is_empty(), depth);
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(key, item)| (Some(key.as_str()), item));
            container(out, ('{', '}'), entries, map.is_empty(), depth);
        }
    }
}

fn container<'a>(
    out: &mut String,
    (open, close): (char, char),
    entries: impl Iterator<Item = (Option<&'a str>, &'a Value)>,
    empty: bool,
    depth: Option<usize>,
) {
    out.push(open);
    if empty {
        out.push(close);
        return;
    }
    let inner = depth.map(|depth| depth + 1);
    for (index, (key, item)) in entries.enumerate() {
        if index > 0 {
            out.push(',');
        }
        newline(out, inner);
        if let Some(key) = key {
            string(out, key);
            out.push_str(if depth.is_some() { ": " } else { ":" });
        }
        write(out, item, inner);
    }
    newline(out, depth);
    out.push(close);
}

fn newline(out: &mut String, depth: Option<usize>) {
    if let Some(depth) = depth {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

fn string(out: &mut String, text: &str) {
    out.push('"');
    crate::escape::escape_into(out, text, |byte| match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        b'\n' => Some("\\n"),
        b'\r' => Some("\\r"),
        b'\t' => Some("\\t"),
        0x08 => Some("\\b"),
        0x0c => Some("\\f"),
        0x00..=0x1f => Some(CONTROL[usize::from(byte)]),
        _ => None,
    });
    out.push('"');
}

/// Control characters without a short escape, as serde_json writes them.
const CONTROL: [&str; 32] = [
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\u0008", "\\u0009",
    "\\u000a", "\\u000b", "\\u000c", "\\u000d", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013",
    "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d",
    "\\u001e", "\\u001f",
];

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::test_support::any_json;

    #[test]
    fn writes_as_serde_json_does() {
        let value = json!({ "b": [1, -2, 2.5, true, null, [], {}], "a": { "x": "q\"\\\n\t\u{1}é/" }, "": "" });
        assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
        assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(pretty(&json!({ "a": [1] })), "{\n  \"a\": [\n    1\n  ]\n}");
    }

    proptest! {
        #[test]
        fn compact_and_pretty_text_are_serde_jsons(value in any_json()) {
            prop_assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
            prop_assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
        }
    }
}
