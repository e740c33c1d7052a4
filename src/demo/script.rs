//! How the demo org's conversations are written: a line per message, in the demo's own
//! shorthand, turned into Kustomer's messages by `kustomer_data`.

use serde_json::{json, Value};

/// A message in the demo's own shorthand: minutes after the conversation started, and
/// attributes to add or replace in `extra`.
pub(super) struct Line {
    pub direction: &'static str,
    pub channel: &'static str,
    pub minutes: i64,
    pub author: Author,
    pub text: String,
    pub extra: Value,
}

#[derive(Clone, Copy)]
pub(super) enum Author {
    Customer,
    Agent(&'static str),
    Auto,
}

pub(super) fn line(direction: &'static str, channel: &'static str, minutes: i64, author: Author, text: &str) -> Line {
    Line { direction, channel, minutes, author, text: text.to_string(), extra: json!({}) }
}
