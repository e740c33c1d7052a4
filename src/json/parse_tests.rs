use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::test_support::any_json;

fn error_of(text: &str) -> (String, usize, usize) {
    let error = parse(text).unwrap_err();
    (error.message.to_string(), error.line, error.column)
}

#[test]
fn reads_every_kind_of_value() {
    let text = r#" { "a": [1, -2, 3.5, 1e3, -0.25E-2, 18446744073709551615, -9223372036854775808],
        "b": {"c": null, "d": true, "e": false}, "s": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 é", "": [] } "#;
    let value = parse(text).unwrap();
    assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
    assert_eq!(value["a"][3], json!(1000.0));
    assert_eq!(value["s"], json!("x\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600} é"));
}

#[test]
fn integers_stay_integers_and_overflow_becomes_a_float() {
    assert_eq!(parse("42").unwrap().as_u64(), Some(42));
    assert_eq!(parse("-42").unwrap().as_i64(), Some(-42));
    assert_eq!(parse("18446744073709551616").unwrap().as_f64(), Some(18446744073709551616.0));
    assert!(parse("1.0").unwrap().is_f64());
    assert!(parse("1e2").unwrap().is_f64(), "an exponent makes a float, as in serde_json");
}

#[test]
fn decimals_are_the_nearest_double() {
    for text in
        ["0.1", "148800.5", "3.14159", "1e22", "1e-22", "123456789012345678", "0.000001", "9007199254740993", "2.5e-1"]
    {
        let ours = parse(text).unwrap().as_f64().unwrap();
        let core: f64 = text.parse().unwrap();
        assert_eq!(ours, core, "{text}");
    }
    // Beyond the exact range, within a few units in the last place.
    for text in ["1.7976931348623157e308", "4.9e-324", "1e-300", "123456789012345678901234567890", "6.02214076e23"] {
        let ours = parse(text).unwrap().as_f64().unwrap();
        let core: f64 = text.parse().unwrap();
        assert!(
            (ours - core).abs() <= core.abs() * 1e-14 || core == 0.0 && ours.abs() < 1e-300,
            "{text}: {ours} vs {core}"
        );
    }
    assert_eq!(error_of("1e400"), ("number out of range".into(), 1, 6));
}

#[test]
fn errors_say_what_was_expected_and_where() {
    assert_eq!(error_of(""), ("EOF while parsing a value".into(), 1, 1));
    assert_eq!(error_of("{\n  \"A\": \"x\"\n  \"B\": 1\n}"), ("expected `,` or `}`".into(), 3, 3));
    assert_eq!(error_of("{ “a”: 1 }"), ("key must be a string".into(), 1, 3));
    assert_eq!(error_of("[1 2]"), ("expected `,` or `]`".into(), 1, 4));
    assert_eq!(error_of("{\"a\" 1}"), ("expected `:`".into(), 1, 6));
    assert_eq!(error_of("[1,]"), ("expected value".into(), 1, 4));
    assert_eq!(error_of("\"abc"), ("EOF while parsing a string".into(), 1, 5));
    assert_eq!(
        error_of("\"a\u{1}b\""),
        ("control character (\\u0000-\\u001F) found while parsing a string".into(), 1, 3)
    );
    assert_eq!(error_of("\"\\x\""), ("invalid escape".into(), 1, 4));
    assert_eq!(error_of("\"\\ud800\""), ("lone leading surrogate in hex escape".into(), 1, 8));
    assert_eq!(error_of("tru"), ("EOF while parsing a value".into(), 1, 4));
    assert_eq!(error_of("nul!"), ("expected ident".into(), 1, 4));
    assert_eq!(error_of("1 2"), ("trailing characters".into(), 1, 3));
    assert_eq!(error_of("-"), ("EOF while parsing a value".into(), 1, 2));
    assert_eq!(error_of("1."), ("invalid number".into(), 1, 3));
    assert_eq!(error_of("{\"a\":1"), ("EOF while parsing an object".into(), 1, 7));
    assert_eq!(error_of("[1"), ("EOF while parsing a list".into(), 1, 3));
    assert_eq!(parse("[").unwrap_err().to_string(), "EOF while parsing a value at line 1 column 2");
}

#[test]
fn an_error_inside_a_wide_character_is_placed_at_it() {
    assert_eq!(error_of("\"\\🕴x\""), ("invalid escape".into(), 1, 3));
    assert_eq!(error_of("[\"\\u12é\"]"), ("invalid escape".into(), 1, 7));
}

#[test]
fn columns_count_characters_not_bytes() {
    assert_eq!(error_of("[\"é\" 1]"), ("expected `,` or `]`".into(), 1, 6));
}

#[test]
fn nesting_is_limited_rather_than_exhausting_the_stack() {
    let deep = "[".repeat(100_000);
    assert_eq!(error_of(&deep).0, "recursion limit exceeded");
    let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(parse(&fine).is_ok());
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    assert_eq!(parse(r#"{"a": 1, "a": 2}"#).unwrap(), json!({ "a": 2 }));
}

/// Values equal; floats within 9 units in the last place, the reader's bound: it rounds once
/// turning the digits into a float and once per step of at most 10^22 (16 steps at most).
/// Counted in units, not as a fraction of the value, which below f64's normal range
/// (1e-308) holds fewer digits.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            // Same sign: the bit patterns of neighbouring floats are neighbouring integers.
            x == y || (x.is_sign_negative() == y.is_sign_negative() && x.to_bits().abs_diff(y.to_bits()) <= 9)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}

proptest! {
    #[test]
    fn reads_what_serde_json_writes_as_serde_json_reads_it(value in any_json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { serde_json::to_string(&value).unwrap() };
        let ours = parse(&text).unwrap();
        let theirs: Value = serde_json::from_str(&text).unwrap();
        prop_assert!(same(&ours, &theirs), "{text}");
    }

    #[test]
    fn never_panics_and_agrees_with_serde_json_on_any_text(text in any::<String>()) {
        prop_assert_eq!(parse(&text).is_ok(), serde_json::from_str::<Value>(&text).is_ok(), "{}", text);
    }

    #[test]
    fn accepts_and_refuses_the_same_texts_as_serde_json(text in r#"[\[\]{}",:0-9a-z\\ .eE+\-]{0,24}"#) {
        let ours = parse(&text);
        let theirs = serde_json::from_str::<Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{} -> {:?} / {:?}", text, ours, theirs);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert!(same(&ours, &theirs), "{}", text);
        }
    }
}

#[test]
fn a_run_of_plain_bytes_ends_at_the_first_quote_backslash_or_control_byte() {
    // Each special byte at each offset of two words, after text that includes bytes of
    // multi-byte characters (high bytes are never special).
    for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
        for offset in 0..20 {
            let mut bytes: Vec<u8> = "aé€🕴zzzzzzzzzzzzzzzzzzzzzzzz".bytes().take(offset).collect();
            while bytes.len() < offset {
                bytes.push(b'z');
            }
            bytes.push(special);
            bytes.extend_from_slice(b"tail\"");
            assert_eq!(plain_run_end(&bytes, 0), offset, "special {special:#x} at {offset}");
        }
    }
    assert_eq!(plain_run_end(b"no end here at all", 3), 18);
    assert_eq!(plain_run_end(b"", 0), 0);
}

const ITEM_PATHS: [&str; 5] = ["id", "a", "a.b", "b.a.id", "a.id"];

#[test]
fn a_list_page_gives_each_items_place_and_only_the_fields_asked_for() {
    let text = r#"{"links": {"next": "/p2", "self": "/p1"},
        "data": [
            {"id": "m1", "a": {"b": "x\n", "c": [1, {"b": 2}]}, "b": {"a": {"id": 7}}},
            "not an object",
            {"a": null, "id": "m3", "a": {"id": "later"}}
        ], "meta": {"total": 3}}"#;
    let page = list_page(text, &["links.next", "meta"], &ITEM_PATHS).unwrap();
    assert_eq!(page.fields, vec![Some(json!("/p2")), Some(json!({"total": 3}))]);
    let Data::Items(items) = page.data else { panic!("items expected") };
    assert_eq!(items.len(), 3);
    let whole = parse(text).unwrap();
    for (index, item) in items.iter().enumerate() {
        assert_eq!(parse(&text[item.span.clone()]).unwrap(), whole["data"][index], "item {index}'s text");
    }
    assert_eq!(
        items[0].fields,
        vec![
            Some(json!("m1")),
            Some(json!({"b": "x\n", "c": [1, {"b": 2}]})),
            Some(json!("x\n")),
            Some(json!(7)),
            None
        ]
    );
    assert_eq!(items[1].fields, vec![None; 5], "an item that is not an object has no fields");
    assert_eq!(
        items[2].fields,
        vec![Some(json!("m3")), Some(json!({"id": "later"})), None, None, Some(json!("later"))],
        "a repeated key keeps its last value, as in a parsed object"
    );
}

#[test]
fn a_list_page_without_a_data_array_says_so() {
    for (text, data) in [
        (r#"{"data": null}"#, Data::Missing),
        (r#"{"links": {}}"#, Data::Missing),
        (r#"[1, 2]"#, Data::Missing),
        (r#"{"data": {"id": "x"}}"#, Data::NotArray),
        (r#"{"data": []}"#, Data::Items(Vec::new())),
    ] {
        assert_eq!(list_page(text, &["links.next"], &ITEM_PATHS).unwrap().data, data, "{text}");
    }
    let error = list_page(r#"{"data": [{"id": "x"}, {"id": }]}"#, &[], &ITEM_PATHS).unwrap_err();
    assert_eq!(error, parse(r#"{"data": [{"id": "x"}, {"id": }]}"#).unwrap_err());
}

/// JSON whose object keys are few, so that item paths often lead somewhere.
fn keyed_json() -> impl Strategy<Value = Value> {
    any_json().prop_recursive(3, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(vec!["id", "a", "b"]), inner), 0..4).prop_map(|members| {
                Value::Object(members.into_iter().map(|(key, value)| (key.to_string(), value)).collect())
            }),
        ]
    })
}

proptest! {
    #[test]
    fn a_list_page_reads_what_a_full_parse_reads(items in prop::collection::vec(keyed_json(), 0..5), next in keyed_json(), pretty in any::<bool>()) {
        let document = json!({"links": {"next": next}, "data": items});
        let text = if pretty { serde_json::to_string_pretty(&document).unwrap() } else { document.to_string() };
        let page = list_page(&text, &["links.next", "links.next.a"], &ITEM_PATHS).unwrap();
        let whole = parse(&text).unwrap();
        // `at` also steps into arrays by index; item paths have no numeric steps.
        let through_objects = |value: &Value, path: &str| {
            path.split('.').try_fold(value, |value, key| value.as_object()?.get(key)).cloned()
        };
        prop_assert_eq!(&page.fields, &vec![through_objects(&whole, "links.next"), through_objects(&whole, "links.next.a")]);
        let Data::Items(read) = page.data else { panic!("items expected") };
        let expected = whole["data"].as_array().unwrap();
        prop_assert_eq!(read.len(), expected.len());
        for (item, value) in read.iter().zip(expected) {
            prop_assert!(same(&parse(&text[item.span.clone()]).unwrap(), value));
            let fields: Vec<Option<Value>> = ITEM_PATHS.iter().map(|path| through_objects(value, path)).collect();
            prop_assert_eq!(item.fields.len(), fields.len());
            for (ours, theirs) in item.fields.iter().zip(&fields) {
                let agree = match (ours, theirs) {
                    (Some(x), Some(y)) => same(x, y),
                    (None, None) => true,
                    _ => false,
                };
                prop_assert!(agree, "{:?} / {:?}", ours, theirs);
            }
        }
    }

    #[test]
    fn a_list_page_refuses_what_a_full_parse_refuses_with_the_same_error(text in r#"\{"data": ?\[[\[\]{}",:0-9a-z\\ .eE+\-]{0,24}"#) {
        let page = list_page(&text, &["links.next"], &ITEM_PATHS);
        prop_assert_eq!(page.err(), parse(&text).err(), "{}", text);
    }

    #[test]
    fn a_list_page_never_panics_and_agrees_with_a_full_parse_on_any_text(text in any::<String>()) {
        prop_assert_eq!(list_page(&text, &["links.next"], &ITEM_PATHS).err(), parse(&text).err());
    }
}
