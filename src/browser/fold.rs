//! Folding for find, by the browser: compatibility decomposition (`NFKD`: "é" is "e" and
//! an accent, "ﬁ" is "fi", half-width katakana are full-width), the accents and vowel marks
//! of the Latin, Greek, Cyrillic, Hebrew and Arabic scripts dropped (Arabic's tatweel
//! too), then upper case and lower case again, which folds what lower case alone does not
//! ("ß" is "ss", a final sigma is a sigma). Japanese voicing marks stay: "が" is not "か".
//! The browser's Unicode tables cost the module nothing; ASCII, most of what agents read,
//! never leaves Rust.

use js_sys::{JsString, RegExp};

thread_local! {
    static MARKS: RegExp = RegExp::new(
        "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f\\u0591-\\u05c7\\u0610-\\u061a\\u0640\\u064b-\\u065f\\u0670\\u06d6-\\u06ed]",
        "g",
    );
}

/// `text` folded for matching.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    MARKS
        .with(|marks| {
            JsString::from(text).normalize("NFKD").replace_by_pattern(marks, "").to_upper_case().to_lower_case()
        })
        .into()
}

/// Each character of `text` folded, joined by NUL (see `conversation::find::marks`).
pub fn fold_each(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut buffer = [0u8; 4];
    for (index, c) in text.chars().enumerate() {
        if index > 0 {
            out.push('\0');
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push_str(&fold(c.encode_utf8(&mut buffer)));
        }
    }
    out
}
