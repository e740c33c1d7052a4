//! The conversation's header: what it is about, where it stands, who is on it.

use crate::strings;
use leptos::prelude::*;

use crate::conversation::Thread;
use crate::ui::states::Notice;
use crate::ui::EnvHandle;

#[component]
pub fn Header(
    env: EnvHandle,
    thread: Thread,
    /// Offered beside the notices when a second try could cure one of them.
    on_retry: Callback<()>,
) -> impl IntoView {
    let (intl, link) =
        env.with_value(|env| (env.intl.clone(), env.config.kustomer.conversation_link(&thread.conversation.id)));
    let conversation = thread.conversation;
    let subject = conversation.subject.clone().unwrap_or_else(|| strings::NO_SUBJECT.to_string());
    let status = conversation.status.clone().map(|status| capitalize(&status));
    // Only Kustomer's own statuses name a class: a status is data, not markup.
    let status_class = match conversation.status.as_deref() {
        Some("open") => "ksw-badge ksw-status-open",
        Some("snoozed") => "ksw-badge ksw-status-snoozed",
        Some("done") => "ksw-badge ksw-status-done",
        _ => "ksw-badge ksw-status-other",
    };
    let priority = conversation.priority.map(strings::priority);
    let channels: Vec<_> = conversation
        .channels
        .iter()
        .map(|channel| {
            let class = format!("ksw-chip ksw-channel-{}", channel.slug());
            view! { <li class=class>{channel.label()}</li> }
        })
        .collect();
    let (customer_name, customer_email) = match &thread.customer {
        Some(customer) => (customer.display_name(), customer.emails.first().cloned()),
        None => (strings::UNKNOWN_CUSTOMER.to_string(), None),
    };
    let assignees =
        if thread.assignees.is_empty() { strings::UNASSIGNED.to_string() } else { thread.assignees.join(", ") };
    let time = |iso: Option<String>| {
        iso.map(|iso| {
            let shown = intl.date_time(&iso);
            view! { <time datetime=iso>{shown}</time> }
        })
    };
    let created = time(conversation.created_at.clone());
    let updated = time(conversation.updated_at.clone());
    view! {
        <header class="ksw-conv-header">
            <div class="ksw-title-row">
                <h2 class="ksw-subject" dir="auto">{subject}</h2>
                <a class="ksw-open" href=link target="_blank" rel="noopener noreferrer">{strings::OPEN_IN_KUSTOMER}</a>
            </div>
            <div class="ksw-badges">
                {status.map(|status| view! { <span class=status_class>{status}</span> })}
                {priority.map(|priority| view! { <span class="ksw-badge ksw-priority">{priority}</span> })}
                {conversation.spam.then(|| view! { <span class="ksw-badge ksw-spam">{strings::SPAM}</span> })}
                <ul class="ksw-channels" aria-label=strings::CHANNELS>{channels}</ul>
            </div>
            <dl class="ksw-facts">
                <dt>{strings::CUSTOMER}</dt>
                <dd class="ksw-customer">
                    <span class="ksw-customer-name" dir="auto">{customer_name}</span>
                    {customer_email.map(|email| view! { <span class="ksw-muted ksw-customer-email">{email}</span> })}
                </dd>
                <dt>{strings::ASSIGNED_TO}</dt>
                <dd class="ksw-assignees" dir="auto">{assignees}</dd>
                <dt>{strings::CREATED}</dt>
                <dd class="ksw-created">{created}</dd>
                <dt>{strings::UPDATED}</dt>
                <dd class="ksw-updated">{updated}</dd>
            </dl>
            {thread.notices.into_iter().map(|message| view! { <Notice message /> }).collect_view()}
            {thread.retry.then(|| view! {
                <button type="button" class="ksw-button ksw-notice-retry" on:click=move |_| on_retry.run(())>{strings::RETRY}</button>
            })}
        </header>
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Statuses are ASCII words; Unicode case tables would cost the bundle for nothing.
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
