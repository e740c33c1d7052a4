//! Properties that must hold for any input, not only the examples in each module's
//! tests: no parser panics on anything, quoting reads back to what was quoted, and the
//! markup writer never lets text become markup.

use proptest::prelude::*;
use serde_json::Value;

use crate::case_sync::template;
use crate::config::Config;
use crate::content::quote::{html_history_start, split_text};
use crate::content::text::{linkify, Piece};
use crate::kustomer::message::{Attachment, Message};
use crate::kustomer::model::Resource;
use crate::render::html::Html;
use crate::salesforce::soql::quote;
use crate::salesforce::sosl::search_term;
use crate::time::parse_iso_ms;

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::from),
        // Keys the readers look for, so that nested shapes are reached.
        prop::sample::select(vec!["data", "attributes", "id", "body", "htmlBody", "meta", "view", "context"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "data",
                        "attributes",
                        "id",
                        "body",
                        "htmlBody",
                        "meta",
                        "view",
                        "context",
                        "transport",
                        "kind",
                        "salesforce",
                        "subdomain",
                        "relationships",
                        "sentAt",
                        "channel",
                        "direction",
                        "emails",
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// HTML made of the pieces the quote finder looks for, in any order and nesting, with
/// multi-byte text between them.
fn mail_html() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<div>",
        "</div>",
        "<blockquote>",
        "<blockquote type=\"cite\">",
        "</blockquote>",
        "<div class=\"gmail_quote\">",
        "<div id=\"appendonsend\">",
        "<hr id=stopSpelling>",
        "<b>From:</b>",
        "<b>Sent:</b>",
        " wrote:",
        "От:",
        "Отправлено:",
        "-----Original Message-----",
        "<p>",
        "</p>",
        "<br>",
        "text",
        "é",
        "<",
        ">",
        "\"",
        "<div",
        "ñ日本",
        "<span class=yahoo_quoted>",
        "@x.co:",
        "&lt;",
        "&nbsp;",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

/// Plain text made of reply lines.
fn mail_text() -> impl Strategy<Value = String> {
    let lines = prop::sample::select(vec![
        "Thanks",
        "> quoted",
        ">",
        "",
        "On Mon, Sam wrote:",
        "From: Sam",
        "Sent: Monday",
        "________________",
        "-----Original Message-----",
        "Привет",
        "Ivan <i@x.co>:",
        "  ",
    ]);
    prop::collection::vec(lines, 0..12).prop_map(|lines| lines.join("\n"))
}

/// Reads back what `escape_into` wrote.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Reads a SOQL string literal the way Salesforce does: quotes around, backslash escapes.
fn read_soql_literal(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push(match chars.next()? {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'b' => '\u{8}',
                'f' => '\u{c}',
                other @ ('\'' | '"' | '\\') => other,
                _ => return None,
            }),
            // An unescaped quote would end the literal early.
            '\'' => return None,
            other => out.push(other),
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Timestamps in Kustomer's own form take a shorter path; it must agree with the
    /// general reader on every such text, valid or not.
    #[test]
    fn the_short_path_for_timestamps_agrees_with_the_general_reader(
        year in 0_u32..10_000, month in 0_u32..14, day in 0_u32..33,
        hour in 0_u32..26, minute in 0_u32..62, second in 0_u32..62, millis in 0_u32..1000,
        swap in prop::option::of((0_usize..24, any::<char>())),
    ) {
        let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z");
        if let Some((at, c)) = swap {
            text.replace_range(at..at + 1, &c.to_string());
        }
        prop_assert_eq!(parse_iso_ms(&text), crate::time::parse_any_form(&text), "{}", text);
    }

    #[test]
    fn text_written_as_markup_reads_back_and_is_never_markup(text in ".*", value in ".*") {
        let mut html = Html::new();
        html.open("p", &[("title", Some(&value))]).text(&text).close("p");
        let out = html.finish();
        let (open_tag, rest) = out.split_at(out.find('>').unwrap() + 1);
        prop_assert_eq!(open_tag.matches('"').count(), 2, "the value cannot leave its quotes: {}", open_tag);
        prop_assert!(!open_tag[1..open_tag.len() - 1].contains(['<', '>']));
        let body = rest.strip_suffix("</p>").unwrap();
        prop_assert!(!body.contains(['<', '>']), "no element in the text: {}", body);
        prop_assert_eq!(unescape(body), text);
        let value_written = &open_tag["<p title=\"".len()..open_tag.len() - 2];
        prop_assert_eq!(unescape(value_written), value);
    }

    #[test]
    fn soql_literals_read_back_to_the_input(value in ".*") {
        prop_assert_eq!(read_soql_literal(&quote(&value)), Some(value));
    }

    #[test]
    fn sosl_terms_are_one_phrase_with_every_reserved_character_escaped(value in ".*") {
        let term = search_term(&value);
        let inner = term.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap();
        let mut read = String::new();
        let mut chars = inner.chars();
        while let Some(ch) = chars.next() {
            prop_assert!(!"\"{}".contains(ch), "unescaped {} in {}", ch, term);
            read.push(if ch == '\\' { chars.next().unwrap() } else { ch });
        }
        prop_assert_eq!(read, value);
    }

    #[test]
    fn the_config_reader_never_panics(text in ".*", value in json()) {
        let _ = Config::from_json(&text);
        let _ = Config::from_json(&value.to_string());
    }

    #[test]
    fn the_kustomer_readers_never_panic(value in json()) {
        if let Some(resource) = Resource::from_value(&value) {
            let _ = Message::from_resource(&resource);
            let _ = Attachment::from_resource(&resource);
        }
        for item in value.get("data").and_then(Value::as_array).into_iter().flatten() {
            if let Some(resource) = Resource::from_value(item) {
                let _ = Message::from_resource(&resource);
            }
        }
    }

    #[test]
    fn the_template_language_never_panics(text in ".*", step in json()) {
        if let Ok(parsed) = template::parse(&Value::from(text), "body") {
            let _ = template::evaluate(&parsed, &step, "body");
        }
    }

    #[test]
    fn timestamps_never_panic(text in ".*", digits in "[0-9T:.Z+-]{0,30}") {
        let _ = parse_iso_ms(&text);
        let _ = parse_iso_ms(&digits);
    }

    #[test]
    fn link_detection_keeps_every_character(text in ".*") {
        let rebuilt: String = linkify(&text).into_iter().map(|piece| match piece {
            Piece::Text(text) => text,
            Piece::Link { label, .. } => label,
        }).collect();
        prop_assert_eq!(rebuilt, text);
    }

    #[test]
    fn quote_finding_never_panics_and_cuts_on_a_character(html in mail_html(), text in mail_text()) {
        if let Some(start) = html_history_start(&html) {
            prop_assert!(html.is_char_boundary(start));
        }
        let (main, history) = split_text(&text);
        if history.is_none() {
            prop_assert_eq!(main, text);
        }
    }
}
