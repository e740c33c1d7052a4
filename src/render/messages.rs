//! The markup of a conversation's messages and attachments. Controls inside it carry a
//! `data-action`, which the view handles with one delegated listener.

use crate::strings;
use crate::time::{utc_minute, utc_quarter_hour};
use std::cell::RefCell;
use std::ops::Range;

use super::html::Html;
use crate::content::email::{frame_document, has_remote_content, quote_start, Rendering};
use crate::content::text::{linkify, split_quoted, Piece};
use crate::conversation::Thread;
use crate::kustomer::message::{human_size, Attachment, Body, Direction, Message, Sender};
use crate::kustomer::Channel;

/// `allow-same-origin` (without `allow-scripts`, nothing runs in the frame) lets the
/// widget measure the document to size the frame; `allow-popups…` lets links open in a
/// new tab, which is where the frame's `<base target="_blank">` sends them.
pub const EMAIL_SANDBOX: &str = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// Dates and times in the viewer's locale and time zone, from the browser.
pub struct Formatters<'a> {
    pub time: &'a dyn Fn(&str) -> String,
    pub date_time: &'a dyn Fn(&str) -> String,
    pub day: &'a dyn Fn(&str) -> String,
    /// For a transcript: nothing to click, quoted history shown, email frames that allow
    /// nothing at all.
    pub transcript: bool,
}

/// The messages in `range`, with a day heading wherever the day changes (compared with
/// the message before, even across batches).
pub fn messages_html(thread: &Thread, range: Range<usize>, formatters: &Formatters) -> String {
    let mut html = Html::new();
    messages_into(&mut html, thread, range, formatters);
    html.finish()
}

/// Batch `index` of a long conversation (the messages in `range`), in the element the
/// view adds and removes as a whole.
pub fn batch_html(thread: &Thread, index: usize, range: Range<usize>, formatters: &Formatters) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("ksw-batch")), ("data-batch", Some(&index.to_string()))]);
    messages_into(&mut html, thread, range, formatters);
    html.close("div");
    html.finish()
}

/// `format`, asked again only when `key` changes: messages come in time order, and the
/// browser's date formatting is the largest single cost of writing a batch (three calls a
/// message). A timestamp without a key is always formatted.
fn remembering<'a>(
    format: &'a dyn Fn(&str) -> String,
    key: fn(&str) -> Option<(&str, u8)>,
) -> impl Fn(&str) -> String + 'a {
    let last: RefCell<Option<(String, u8, String)>> = RefCell::new(None);
    move |iso| {
        let Some((key, part)) = key(iso) else { return format(iso) };
        if let Some((last_key, last_part, text)) = &*last.borrow() {
            if last_key == key && *last_part == part {
                return text.clone();
            }
        }
        let text = format(iso);
        *last.borrow_mut() = Some((key.to_string(), part, text.clone()));
        text
    }
}

fn messages_into(html: &mut Html, thread: &Thread, range: Range<usize>, formatters: &Formatters) {
    // A local time is the same through a UTC minute, a local day through a UTC quarter hour.
    let (time, date_time, day) = (
        remembering(formatters.time, |iso| utc_minute(iso).map(|minute| (minute, 0))),
        remembering(formatters.date_time, |iso| utc_minute(iso).map(|minute| (minute, 0))),
        remembering(formatters.day, utc_quarter_hour),
    );
    let transcript = formatters.transcript;
    let formatters = &Formatters { time: &time, date_time: &date_time, day: &day, transcript };
    let day_of = |message: &Message| {
        let stamp = stamp(message);
        if stamp.is_empty() {
            strings::UNKNOWN_DATE.to_string()
        } else {
            (formatters.day)(&stamp)
        }
    };
    // Only these messages (and the one before, for its day) are built.
    let mut previous_day = range.start.checked_sub(1).and_then(|idx| thread.messages.get(idx)).map(|m| day_of(&m));
    for message in range.filter_map(|index| thread.messages.get(index)) {
        let day = day_of(&message);
        if previous_day.as_ref() != Some(&day) {
            html.element("div", DAY_HEADING, &day);
            previous_day = Some(day);
        }
        message_html(html, &message, &thread.sender_name(&message), formatters);
    }
}

/// A heading in the message list: a day, or the attachments without a message. Messages are written with the elements that Chromium's fast path for
/// `innerHTML` reads (`div`, `span`, `a`, `button`…), their meaning given by ARIA roles:
/// `h3`, `article`, `header` and `time` send a whole batch to the full HTML parser, which
/// took twice as long to read a hundred messages.
const DAY_HEADING: &[(&str, Option<&str>)] =
    &[("class", Some("ksw-day")), ("role", Some("heading")), ("aria-level", Some("3"))];

/// When a message was sent (else created), as Kustomer wrote it; empty when neither is known.
pub(super) fn stamp(message: &Message) -> String {
    message.sent_at.clone().or_else(|| message.created_at.clone()).unwrap_or_default()
}

/// "Received", "Sent", or nothing when the direction is not known.
pub(super) fn direction_label(direction: Direction) -> &'static str {
    match direction {
        Direction::In => strings::RECEIVED,
        Direction::Out => strings::SENT,
        Direction::Unknown => "",
    }
}

fn message_html(html: &mut Html, message: &Message, sender: &str, formatters: &Formatters) {
    let direction = match message.direction {
        Direction::In => "in",
        Direction::Out => "out",
        Direction::Unknown => "unknown",
    };
    let class = format!("ksw-message ksw-{direction} ksw-msg-{}", message.channel.slug());
    html.open("div", &[("class", Some(&class)), ("role", Some("article")), ("data-message-id", Some(&message.id))]);

    html.open("div", &[("class", Some("ksw-message-head"))]);
    let sender_class =
        if matches!(message.sender, Sender::Automated) { "ksw-sender ksw-automated" } else { "ksw-sender" };
    html.element("span", &[("class", Some(sender_class)), ("dir", Some("auto"))], sender);
    if matches!(message.channel, Channel::Sms | Channel::Whatsapp) {
        if let Some(from) = &message.meta.from {
            html.element("span", &[("class", Some("ksw-muted ksw-phone"))], from);
        }
    }
    let chip = format!("ksw-chip ksw-channel-{}", message.channel.slug());
    html.element("span", &[("class", Some(&chip))], &message.channel.label());
    html.element("span", &[("class", Some("ksw-direction ksw-muted"))], direction_label(message.direction));
    let stamp = stamp(message);
    if !stamp.is_empty() {
        html.element(
            "span",
            &[("class", Some("ksw-time")), ("title", Some(&(formatters.date_time)(&stamp)))],
            &(formatters.time)(&stamp),
        );
    }
    if !formatters.transcript {
        html.element(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("ksw-link-button ksw-copy-link")),
                ("data-action", Some("copy-link")),
            ],
            strings::COPY_LINK,
        );
    }
    html.close("div");

    let meta = &message.meta;
    if message.channel == Channel::Email {
        let rows = [
            (strings::FROM, meta.from.clone().into_iter().collect::<Vec<_>>()),
            (strings::TO, meta.to.clone()),
            (strings::CC, meta.cc.clone()),
            (strings::BCC, meta.bcc.clone()),
            (strings::SUBJECT, meta.subject.clone().into_iter().collect()),
        ];
        facts(
            html,
            "ksw-email-meta",
            rows.iter().filter(|(_, v)| !v.is_empty()).map(|(label, values)| (*label, values.join(", "))),
        );
    }
    if let Some(call) = &meta.call {
        let at = |iso: &Option<String>| iso.as_deref().map(formatters.date_time);
        let rows = [
            (strings::CALL, call.status.clone()),
            (strings::FROM, meta.from.clone()),
            (strings::TO, meta.to.first().cloned()),
            (strings::PLACED, at(&call.placed_at)),
            (strings::ANSWERED, at(&call.answered_at)),
            (strings::ENDED, at(&call.ended_at)),
            (strings::DURATION, call.duration_s.map(|s| format!("{}:{:02}", s / 60, s % 60))),
        ];
        facts(html, "ksw-call", rows.into_iter().filter_map(|(label, value)| Some((label, value?))));
        if let Some(url) = call.recording_url.as_deref().filter(|url| url.starts_with("https://")) {
            link(html, "ksw-recording", url, strings::CALL_RECORDING);
        }
    }

    html.open("div", &[("class", Some("ksw-body"))]);
    if message.redacted {
        html.element("p", &[("class", Some("ksw-redacted"))], strings::REDACTED_MESSAGE);
    } else {
        match &message.body {
            Body::Html(source) => email(html, &message.id, source, formatters.transcript),
            Body::Text(text) => text_body(html, text, formatters.transcript),
            Body::Excerpt(text) => {
                text_body(html, text, formatters.transcript);
                html.element("p", &[("class", Some("ksw-excerpt-note ksw-muted"))], strings::EXCERPT_NOTE);
            }
            Body::Empty => {
                html.element("p", &[("class", Some("ksw-muted ksw-no-content"))], strings::NO_TEXT);
            }
        }
    }
    html.close("div");
    if let Some(url) = meta.permalink.as_deref().filter(|url| url.starts_with("https://")) {
        link(html, "ksw-permalink", url, strings::VIEW_POST);
    }
    if !message.attachments.is_empty() {
        attachments(html, &message.attachments, formatters.transcript);
    }
    html.close("div");
}

fn facts(html: &mut Html, class: &'static str, rows: impl Iterator<Item = (&'static str, String)>) {
    html.open("dl", &[("class", Some(class))]);
    for (label, value) in rows {
        // Find marks the subject alone: it is the one value searched.
        let class = (label == strings::SUBJECT).then_some("ksw-email-subject");
        html.element("dt", &[], label).element("dd", &[("class", class), ("dir", Some("auto"))], &value);
    }
    html.close("dl");
}

/// A link that opens in a new tab; `url` must already be known to be safe.
fn link(html: &mut Html, class: &'static str, url: &str, label: &str) {
    html.element(
        "a",
        &[
            ("class", Some(class)),
            ("href", Some(url)),
            ("target", Some("_blank")),
            ("rel", Some("noopener noreferrer")),
        ],
        label,
    );
}

fn text_body(html: &mut Html, text: &str, transcript: bool) {
    let (main, quoted) = split_quoted(text);
    html.open("div", &[("class", Some("ksw-text")), ("dir", Some("auto"))]);
    pieces(html, &main);
    html.close("div");
    if let Some(quoted) = quoted {
        if !transcript {
            toggle(html, "text-quote", strings::SHOW_QUOTED);
        }
        let hidden = (!transcript).then_some("");
        html.open("div", &[("class", Some("ksw-text ksw-quoted")), ("dir", Some("auto")), ("hidden", hidden)]);
        pieces(html, &quoted);
        html.close("div");
    }
}

fn pieces(html: &mut Html, text: &str) {
    for piece in linkify(text) {
        match piece {
            Piece::Text(text) => {
                html.text(&text);
            }
            Piece::Link { href, label } => link(html, "ksw-text-link", &href, &label),
        }
    }
}

fn toggle(html: &mut Html, action: &'static str, label: &str) {
    let class = match action {
        "preview" => "ksw-link-button ksw-preview-toggle",
        "remote" => "ksw-link-button ksw-remote-toggle",
        _ => "ksw-link-button ksw-quote-toggle",
    };
    html.element(
        "button",
        &[
            ("type", Some("button")),
            ("class", Some(class)),
            ("data-action", Some(action)),
            ("aria-expanded", Some("false")),
        ],
        label,
    );
}

/// The email's frame starts with remote content blocked and quoted history hidden; the
/// view swaps its `srcdoc` when the reader asks for either. A transcript's frame shows the
/// quoted history, and its empty `sandbox` allows nothing.
fn email(html: &mut Html, message_id: &str, source: &str, transcript: bool) {
    html.open("div", &[("class", Some("ksw-email")), ("data-message-id", Some(message_id))]);
    if !transcript && has_remote_content(source) {
        html.open("div", &[("class", Some("ksw-email-controls"))]);
        toggle(html, "remote", strings::SHOW_REMOTE);
        html.element("span", &[("class", Some("ksw-muted ksw-remote-note"))], strings::REMOTE_BLOCKED);
        html.close("div");
    }
    let document = frame_document(source, Rendering { remote_content: false, quoted: transcript });
    html.open(
        "iframe",
        &[
            ("class", Some("ksw-email-frame")),
            ("title", Some(strings::EMAIL_CONTENT)),
            ("sandbox", Some(if transcript { "" } else { EMAIL_SANDBOX })),
            ("referrerpolicy", Some("no-referrer")),
            ("srcdoc", Some(&document)),
        ],
    )
    .close("iframe");
    if !transcript && quote_start(source).is_some() {
        toggle(html, "email-quote", strings::SHOW_QUOTED);
    }
    html.close("div");
}

/// Which way through a long conversation a control reads.
#[derive(Clone, Copy)]
pub enum Step {
    /// Above the oldest batch shown.
    Earlier,
    /// Below the newest batch shown, once newer ones have left the page.
    Newer,
}

/// A step control's label ("Show 100 earlier messages") and note ("540 earlier messages
/// not shown").
pub fn step_texts(step: Step, next: usize, hidden: usize) -> (String, String) {
    match step {
        Step::Earlier => (strings::show_earlier(next), strings::earlier_not_shown(hidden)),
        Step::Newer => (strings::show_newer(next), strings::newer_not_shown(hidden)),
    }
}

/// "Show 100 earlier messages" (or newer), with how many are not shown.
pub fn step_html(step: Step, next: usize, hidden: usize) -> String {
    let (class, action) = match step {
        Step::Earlier => ("ksw-earlier", "earlier"),
        Step::Newer => ("ksw-newer", "newer"),
    };
    let (label, note) = step_texts(step, next, hidden);
    let mut html = Html::new();
    html.open("div", &[("class", Some(class))]);
    html.element(
        "button",
        &[("type", Some("button")), ("class", Some("ksw-button")), ("data-action", Some(action))],
        &label,
    );
    html.element("span", &[("class", Some("ksw-muted"))], &note);
    html.close("div");
    html.finish()
}

/// Attachments whose message is not in the conversation, shown apart, not lost.
pub fn unattached_html(list: &[Attachment]) -> String {
    let mut html = Html::new();
    html.open("section", &[("class", Some("ksw-unattached")), ("aria-label", Some(strings::OTHER_ATTACHMENTS))]);
    html.element("div", DAY_HEADING, strings::OTHER_ATTACHMENTS_HEADING);
    attachments(&mut html, list, false);
    html.close("section");
    html.finish()
}

/// Attachments: name, type, size, a download link, and for raster images a preview that
/// loads only when asked.
fn attachments(html: &mut Html, list: &[Attachment], transcript: bool) {
    html.open("ul", &[("class", Some("ksw-attachments")), ("aria-label", Some(strings::ATTACHMENTS))]);
    for attachment in list {
        if attachment.redacted {
            html.open("li", &[("class", Some("ksw-attachment ksw-attachment-redacted"))]);
            html.element("span", &[("class", Some("ksw-file-name")), ("dir", Some("auto"))], &attachment.name);
            html.element("span", &[("class", Some("ksw-muted"))], strings::REDACTED_ATTACHMENT);
            html.close("li");
            continue;
        }
        html.open("li", &[("class", Some("ksw-attachment"))]);
        html.element("span", &[("class", Some("ksw-file-name")), ("dir", Some("auto"))], &attachment.name);
        html.element("span", &[("class", Some("ksw-muted ksw-file-type"))], &attachment.content_type);
        if let Some(size) = attachment.size {
            html.element("span", &[("class", Some("ksw-muted ksw-file-size"))], &human_size(size));
        }
        match &attachment.url {
            Some(url) => {
                html.element(
                    "a",
                    &[
                        ("class", Some("ksw-download")),
                        ("href", Some(url)),
                        ("download", Some(&attachment.name)),
                        ("target", Some("_blank")),
                        ("rel", Some("noopener noreferrer")),
                    ],
                    strings::DOWNLOAD,
                );
            }
            None => {
                html.element("span", &[("class", Some("ksw-muted ksw-unavailable"))], strings::NOT_DOWNLOADABLE);
            }
        }
        if !transcript && attachment.is_previewable_image() {
            toggle(html, "preview", strings::PREVIEW);
            html.open(
                "img",
                &[
                    ("class", Some("ksw-preview")),
                    ("data-src", attachment.url.as_deref()),
                    ("alt", Some(&attachment.name)),
                    ("referrerpolicy", Some("no-referrer")),
                    ("hidden", Some("")),
                ],
            );
        }
        html.close("li");
    }
    html.close("ul");
}

#[cfg(test)]
#[path = "messages_tests.rs"]
mod tests;
