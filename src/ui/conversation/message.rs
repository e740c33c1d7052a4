//! One message: who, when, on which channel, its content and its attachments.

use leptos::prelude::*;

use super::attachments::AttachmentList;
use super::email_frame::EmailFrame;
use crate::content::text::{linkify, split_quoted, Piece};
use crate::kustomer::message::{Body, Direction, Message, Sender};
use crate::kustomer::Channel;
use crate::ui::EnvHandle;

#[component]
pub fn MessageItem(env: EnvHandle, message: Message, sender: String) -> impl IntoView {
    let intl = env.with_value(|env| env.intl.clone());
    let direction = match message.direction {
        Direction::In => "in",
        Direction::Out => "out",
        Direction::Unknown => "unknown",
    };
    let automated = matches!(message.sender, Sender::Automated);
    let class = format!("ksw-message ksw-{direction} ksw-msg-{}", message.channel.slug());
    let stamp = message.sent_at.clone().or_else(|| message.created_at.clone());
    let time = stamp.map(|iso| {
        let shown = intl.time(&iso);
        let full = intl.date_time(&iso);
        view! { <time datetime=iso title=full>{shown}</time> }
    });
    let direction_label = match message.direction {
        Direction::In => "Received",
        Direction::Out => "Sent",
        Direction::Unknown => "",
    };
    let meta = message.meta.clone();
    let email_meta = (message.channel == Channel::Email).then(|| {
        let row = |label: &'static str, values: Vec<String>| {
            (!values.is_empty()).then(|| view! { <dt>{label}</dt><dd>{values.join(", ")}</dd> })
        };
        view! {
            <dl class="ksw-email-meta">
                {row("From", meta.from.clone().into_iter().collect())}
                {row("To", meta.to.clone())}
                {row("Cc", meta.cc.clone())}
                {row("Bcc", meta.bcc.clone())}
                {row("Subject", meta.subject.clone().into_iter().collect())}
            </dl>
        }
    });
    let call = meta.call.clone().map(|call| {
        let at = |iso: Option<String>| iso.map(|iso| intl.date_time(&iso));
        let duration = call.duration_s.map(|s| format!("{}:{:02}", s / 60, s % 60));
        let row = |label: &'static str, value: Option<String>| value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> });
        view! {
            <dl class="ksw-call">
                {row("Call", call.status.clone())}
                {row("From", meta.from.clone())}
                {row("To", meta.to.first().cloned())}
                {row("Placed", at(call.placed_at.clone()))}
                {row("Answered", at(call.answered_at.clone()))}
                {row("Ended", at(call.ended_at.clone()))}
                {row("Duration", duration)}
            </dl>
            {call.recording_url.filter(|url| url.starts_with("https://")).map(|url| view! {
                <a class="ksw-recording" href=url target="_blank" rel="noopener noreferrer">"Call recording"</a>
            })}
        }
    });
    let phone = (matches!(message.channel, Channel::Sms | Channel::Whatsapp) && meta.from.is_some()).then(|| {
        view! { <span class="ksw-muted ksw-phone">{meta.from.clone()}</span> }
    });
    let permalink = meta.permalink.clone().filter(|url| url.starts_with("https://")).map(|url| {
        view! { <a class="ksw-permalink" href=url target="_blank" rel="noopener noreferrer">"View post"</a> }
    });
    let body = if message.redacted {
        view! { <p class="ksw-redacted">"This message was redacted."</p> }.into_any()
    } else {
        match message.body.clone() {
            Body::Html(html) => view! { <EmailFrame html /> }.into_any(),
            Body::Text(text) => view! { <TextBody text /> }.into_any(),
            Body::Excerpt(text) => view! {
                <TextBody text />
                <p class="ksw-excerpt-note ksw-muted">"Excerpt: the full text is in Kustomer."</p>
            }
            .into_any(),
            Body::Empty => view! { <p class="ksw-muted ksw-no-content">"(no text)"</p> }.into_any(),
        }
    };
    view! {
        <article class=class data-message-id=message.id.clone()>
            <header class="ksw-message-head">
                <span class="ksw-sender" class:ksw-automated=automated>{sender}</span>
                {phone}
                <span class=format!("ksw-chip ksw-channel-{}", message.channel.slug())>{message.channel.label()}</span>
                <span class="ksw-direction ksw-muted">{direction_label}</span>
                {time}
            </header>
            {email_meta}
            {call}
            <div class="ksw-body">{body}</div>
            {permalink}
            {(!message.attachments.is_empty()).then(|| view! { <AttachmentList attachments=message.attachments.clone() /> })}
        </article>
    }
}

/// Text shown as text: line breaks kept, links clickable, quoted history behind a
/// toggle, and nothing interpreted as markup.
#[component]
pub fn TextBody(text: String) -> impl IntoView {
    let (main, quoted) = split_quoted(&text);
    let show_quoted = RwSignal::new(false);
    view! {
        <div class="ksw-text">{pieces(&main)}</div>
        {quoted.map(|quoted| view! {
            <button type="button" class="ksw-link-button" on:click=move |_| show_quoted.update(|shown| *shown = !*shown)>
                {move || if show_quoted.get() { "Hide quoted text" } else { "Show quoted text" }}
            </button>
            <div class="ksw-text ksw-quoted" hidden=move || !show_quoted.get()>{pieces(&quoted)}</div>
        })}
    }
}

fn pieces(text: &str) -> impl IntoView {
    linkify(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.into_any(),
            Piece::Link { href, label } => {
                view! { <a href=href target="_blank" rel="noopener noreferrer">{label}</a> }.into_any()
            }
        })
        .collect_view()
}
