//! A conversation as a file an agent keeps with a Case: a self-contained HTML document and
//! plain text. The HTML holds the widget's stylesheet, the header and every message, with
//! each email in a frame whose empty `sandbox` allows nothing, under a policy that lets
//! nothing load or run; nothing in it can be clicked into doing anything.

use super::html::Html;
use super::messages::{direction_label, messages_html, stamp, Formatters};
use crate::content::plain::{email_text, SEPARATOR};
use crate::conversation::Thread;
use crate::kustomer::message::Body;
use crate::strings;

/// No script, no request: styles inline, images only as `data:`.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The whole conversation as an HTML document; `header` is its header's markup and
/// `styles` the widget's stylesheet.
pub fn transcript_html(thread: &Thread, header: &str, styles: &str, formatters: &Formatters) -> String {
    let mut html = Html::new();
    html.open("html", &[("lang", Some("en"))]).open("head", &[]);
    html.open("meta", &[("charset", Some("utf-8"))]);
    html.open("meta", &[("http-equiv", Some("Content-Security-Policy")), ("content", Some(POLICY))]);
    html.element("title", &[], thread.conversation.subject.as_deref().unwrap_or(strings::NO_SUBJECT));
    html.open("style", &[]);
    let mut out = format!("<!doctype html>{}", html.finish());
    // The stylesheet is the crate's own, not data: it goes in as written.
    out.push_str(styles);
    out.push_str(".ksw-email-frame{height:24em;resize:vertical}</style></head><body><div class=\"ksw-root\">");
    out.push_str(header);
    let formatters = Formatters { transcript: true, ..*formatters };
    out.push_str(&messages_html(thread, 0..thread.messages.len(), &formatters));
    out.push_str("</div></body></html>");
    out
}

/// The whole conversation as plain text: each message with its time, sender, channel and
/// direction, its subject, its text (an email's as its frame shows it, quoted history
/// included) and its attachments' names.
pub fn transcript_text(thread: &Thread, date_time: &dyn Fn(&str) -> String) -> String {
    let conversation = &thread.conversation;
    let mut out = String::new();
    out.push_str(conversation.subject.as_deref().unwrap_or(strings::NO_SUBJECT));
    out.push('\n');
    if let Some(customer) = &thread.customer {
        out.push_str(&format!("{}: {}\n", strings::CUSTOMER, customer.display_name()));
    }
    for index in 0..thread.messages.len() {
        let Some(message) = thread.messages.get(index) else { continue };
        let stamp = stamp(&message);
        out.push_str("\n----\n");
        let head = [
            if stamp.is_empty() { strings::UNKNOWN_DATE.into() } else { date_time(&stamp) },
            thread.sender_name(&message),
            message.channel.label(),
            direction_label(message.direction).into(),
        ];
        out.push_str(&head.iter().filter(|part| !part.is_empty()).cloned().collect::<Vec<_>>().join(" · "));
        out.push('\n');
        if let Some(subject) = message.shown_subject() {
            out.push_str(&format!("{}: {subject}\n", strings::SUBJECT));
        }
        out.push('\n');
        let text = match &message.body {
            _ if message.redacted => strings::REDACTED_MESSAGE.to_string(),
            Body::Html(html) => lines(&email_text(html)),
            Body::Text(text) | Body::Excerpt(text) => text.trim().to_string(),
            Body::Empty => strings::NO_TEXT.to_string(),
        };
        out.push_str(&text);
        out.push('\n');
        if !message.attachments.is_empty() {
            let names: Vec<&str> = message.attachments.iter().map(|a| a.name.as_str()).collect();
            out.push_str(&format!("{}: {}\n", strings::ATTACHMENTS, names.join(", ")));
        }
    }
    out
}

/// An email's text as lines: each element's text on a line of its own, blank lines and
/// the spaces around lines dropped.
fn lines(text: &str) -> String {
    text.split([SEPARATOR, '\n'])
        .map(|line| line.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}'))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;
    use crate::conversation::{load_thread, read_all};
    use crate::demo::kustomer_data;
    use crate::kustomer::KustomerClient;
    use crate::test_support::{block_on, FakeClock};
    use crate::transport::demo::DemoTransport;

    fn thread(id: &str) -> Thread {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock.clone());
        let client = KustomerClient::new(&transport, clock.as_ref());
        let mut thread = block_on(load_thread(&client, id, &|_| {}, &|_| {})).unwrap();
        block_on(read_all(&client, &mut thread, &|_, _| {})).unwrap();
        thread
    }

    fn formatters_then<T>(run: impl Fn(&Formatters) -> T) -> T {
        let stamp = |iso: &str| iso.to_string();
        run(&Formatters { time: &stamp, date_time: &stamp, day: &stamp, transcript: false })
    }

    #[test]
    fn the_html_holds_every_message_and_nothing_that_runs_or_loads() {
        for id in [kustomer_data::LONG_CHAT, kustomer_data::SPAM_EMAIL, kustomer_data::INVOICE_EMAIL] {
            let thread = thread(id);
            let html = formatters_then(|formatters| transcript_html(&thread, "<header></header>", "p{}", formatters));
            let messages = thread.messages.to_vec();
            assert_eq!(html.matches("role=\"article\"").count(), messages.len(), "{id}");
            for message in &messages {
                assert!(html.contains(&format!("data-message-id=\"{}\"", message.id)), "{id}: {}", message.id);
            }
            assert!(html.starts_with("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\""));
            assert!(!html.contains("<script") && !html.contains("data-action"), "{id}: nothing to run or click");
            assert!(!html.contains("allow-"), "{id}: email frames allow nothing");
            assert!(!html.contains(" hidden"), "{id}: quoted history is shown");
        }
    }

    #[test]
    fn the_text_has_each_message_with_its_sender_time_and_attachments() {
        let thread = thread(kustomer_data::INVOICE_EMAIL);
        let text = transcript_text(&thread, &|iso: &str| format!("<{iso}>"));
        assert_eq!(text.matches("\n----\n").count(), thread.messages.len());
        for message in thread.messages.to_vec() {
            let sender = thread.sender_name(&message);
            assert!(text.contains(&format!(" · {sender} · Email · ")), "{sender}");
            for attachment in &message.attachments {
                assert!(text.contains(&attachment.name), "{}", attachment.name);
            }
        }
        assert!(!text.contains("</") && !text.contains("<p") && !text.contains("&nbsp;"), "no markup: {text}");
        assert!(!text.contains(SEPARATOR));
    }
}
