//! Long JavaScript strings into Rust. wasm-bindgen's own conversion copies a string's
//! ASCII prefix one character at a time in JavaScript; a page of 100 messages is 25 KB,
//! a long conversation a hundred of them, and that loop was a tenth of its first view.
//! The browser's `TextEncoder` writes the UTF-8 natively and one copy moves it in.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;

    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;

    /// Takes the string as a `JsValue` so that it is not first converted by wasm-bindgen.
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &JsValue) -> js_sys::Uint8Array;
}

/// The string's text, or `None` if it is not a string. Lone surrogates become U+FFFD,
/// as they do in wasm-bindgen's conversion.
pub fn string(value: &JsValue) -> Option<String> {
    if !value.is_string() {
        return None;
    }
    let bytes = TextEncoder::new().encode(value).to_vec();
    // The encoder writes UTF-8 only, so the check passes; it is cheap next to the copy.
    String::from_utf8(bytes).ok()
}
