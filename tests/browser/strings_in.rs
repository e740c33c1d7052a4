//! Host strings (response bodies) into Rust through the browser's `TextEncoder`: the same
//! text wasm-bindgen's own conversion gives, whatever the characters.

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use kustomer_salesforce_widget::browser::text::string;

#[wasm_bindgen_test]
fn any_text_comes_in_as_wasm_bindgen_would_bring_it() {
    let long = "a".repeat(100_000) + "é" + &"日本".repeat(1000);
    let samples = [
        String::new(),
        "plain ASCII, with \"quotes\" and \\ backslashes".to_string(),
        "é, ß, 日本語, and a pair: 😀 🧳".to_string(),
        "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}".to_string(),
        long,
    ];
    for text in samples {
        let value = JsValue::from_str(&text);
        assert_eq!(string(&value).as_deref(), Some(text.as_str()), "{} bytes", text.len());
        assert_eq!(string(&value), value.as_string());
    }
}

#[wasm_bindgen_test]
fn lone_surrogates_become_replacement_characters_as_in_wasm_bindgen() {
    // JSON.parse makes the lone surrogates that a Rust string cannot hold.
    let value = js_sys::JSON::parse(r#""a\ud800b\udc00c\ud83d""#).unwrap();
    assert_eq!(string(&value).as_deref(), Some("a\u{fffd}b\u{fffd}c\u{fffd}"));
    assert_eq!(string(&value), value.as_string());
}

#[wasm_bindgen_test]
fn anything_but_a_string_is_none() {
    for value in [JsValue::from_f64(7.0), JsValue::NULL, JsValue::UNDEFINED, js_sys::Object::new().into()] {
        assert_eq!(string(&value), None);
    }
}
