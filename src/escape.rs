//! Text copied with some ASCII characters written another way: the one loop behind the
//! markup writer's entities and the JSON writer's escapes. The text between them is copied
//! in runs, not a character at a time: a page of messages is mostly plain text.

/// Appends `text` to `out`, each ASCII byte for which `escape` gives a replacement written
/// as that replacement. Bytes of multi-byte characters are never offered, so every run
/// copied ends on a character boundary.
pub fn escape_into(out: &mut String, text: &str, escape: impl Fn(u8) -> Option<&'static str>) {
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let Some(replacement) = byte.is_ascii().then(|| escape(byte)).flatten() else { continue };
        out.push_str(&text[run_start..at]);
        out.push_str(replacement);
        run_start = at + 1;
    }
    out.push_str(&text[run_start..]);
}
