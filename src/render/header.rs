//! The conversation's header: what it is about, where it stands, who is on it, and the
//! notices of what could not be loaded.

use super::html::Html;
use crate::conversation::Thread;
use crate::strings;

/// `date_time` writes a timestamp in the viewer's locale; `link` opens the conversation
/// in Kustomer. A transcript's header has no Retry.
pub fn header_html(thread: &Thread, link: &str, date_time: &dyn Fn(&str) -> String, transcript: bool) -> String {
    let conversation = &thread.conversation;
    let mut html = Html::new();
    html.open("header", &[("class", Some("ksw-conv-header"))]);
    html.open("div", &[("class", Some("ksw-title-row"))]);
    let subject = conversation.subject.as_deref().unwrap_or(strings::NO_SUBJECT);
    html.element("h2", &[("class", Some("ksw-subject")), ("dir", Some("auto"))], subject);
    html.element(
        "a",
        &[
            ("class", Some("ksw-open")),
            ("href", Some(link)),
            ("target", Some("_blank")),
            ("rel", Some("noopener noreferrer")),
        ],
        strings::OPEN_IN_KUSTOMER,
    );
    html.close("div");
    // Find, and the transcript as HTML or text: for a conversation with messages to find
    // and keep.
    if !transcript && !thread.messages.is_empty() {
        html.open("div", &[("class", Some("ksw-tools"))]);
        for (action, label, title) in [
            ("find", strings::FIND, strings::FIND_LABEL),
            ("transcript-html", strings::TRANSCRIPT_HTML, strings::TRANSCRIPT_HTML),
            ("transcript-text", strings::TRANSCRIPT_TEXT, strings::TRANSCRIPT_TEXT_LABEL),
        ] {
            html.element(
                "button",
                &[
                    ("type", Some("button")),
                    ("class", Some("ksw-link-button")),
                    ("data-action", Some(action)),
                    ("aria-label", Some(title)),
                ],
                label,
            );
        }
        html.element("span", &[("class", Some("ksw-tools-status ksw-muted")), ("role", Some("status"))], "");
        html.close("div");
    }

    html.open("div", &[("class", Some("ksw-badges"))]);
    if let Some(status) = &conversation.status {
        // Only Kustomer's own statuses name a class: a status is data, not markup.
        let class = match status.as_str() {
            "open" => "ksw-badge ksw-status-open",
            "snoozed" => "ksw-badge ksw-status-snoozed",
            "done" => "ksw-badge ksw-status-done",
            _ => "ksw-badge ksw-status-other",
        };
        html.element("span", &[("class", Some(class))], &capitalize(status));
    }
    if let Some(priority) = conversation.priority {
        html.element("span", &[("class", Some("ksw-badge ksw-priority"))], &strings::priority(priority));
    }
    if conversation.spam {
        html.element("span", &[("class", Some("ksw-badge ksw-spam"))], strings::SPAM);
    }
    html.open("ul", &[("class", Some("ksw-channels")), ("aria-label", Some(strings::CHANNELS))]);
    for channel in &conversation.channels {
        let class = format!("ksw-chip ksw-channel-{}", channel.slug());
        html.element("li", &[("class", Some(&class))], &channel.label());
    }
    html.close("ul").close("div");

    html.open("dl", &[("class", Some("ksw-facts"))]);
    html.element("dt", &[], strings::CUSTOMER);
    html.open("dd", &[("class", Some("ksw-customer"))]);
    match &thread.customer {
        Some(customer) => {
            html.element(
                "span",
                &[("class", Some("ksw-customer-name")), ("dir", Some("auto"))],
                &customer.display_name(),
            );
            if let Some(email) = customer.emails.first() {
                html.element("span", &[("class", Some("ksw-muted ksw-customer-email"))], email);
            }
        }
        None => {
            html.element(
                "span",
                &[("class", Some("ksw-customer-name")), ("dir", Some("auto"))],
                strings::UNKNOWN_CUSTOMER,
            );
        }
    }
    html.close("dd");
    html.element("dt", &[], strings::ASSIGNED_TO);
    let assignees =
        if thread.assignees.is_empty() { strings::UNASSIGNED.to_string() } else { thread.assignees.join(", ") };
    html.element("dd", &[("class", Some("ksw-assignees")), ("dir", Some("auto"))], &assignees);
    for (label, class, stamp) in [
        (strings::CREATED, "ksw-created", &conversation.created_at),
        (strings::UPDATED, "ksw-updated", &conversation.updated_at),
    ] {
        html.element("dt", &[], label);
        html.open("dd", &[("class", Some(class))]);
        if let Some(stamp) = stamp {
            html.element("time", &[("datetime", Some(stamp))], &date_time(stamp));
        }
        html.close("dd");
    }
    html.close("dl");
    super::states::notices_into(&mut html, &thread.notices, thread.retry && !transcript);
    html.close("header");
    html.finish()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Statuses are ASCII words; Unicode case tables would cost the bundle for nothing.
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
