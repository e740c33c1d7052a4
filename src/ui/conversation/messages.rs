//! The messages, oldest first, grouped by day. Long conversations render the newest
//! messages first and add earlier ones on request, so that thousands of messages never
//! freeze the page.

use leptos::prelude::*;

use super::message::MessageItem;
use crate::conversation::Thread;
use crate::ui::states::Empty;
use crate::ui::EnvHandle;

/// Messages rendered at first, and added by each "Show earlier messages".
pub const BATCH: usize = 100;

#[component]
pub fn MessageList(env: EnvHandle, thread: Thread) -> impl IntoView {
    if thread.messages.is_empty() {
        return view! { <Empty message="This conversation has no messages yet.".to_string() /> }.into_any();
    }
    let intl = env.with_value(|env| env.intl.clone());
    let total = thread.messages.len();
    let shown = RwSignal::new(BATCH.min(total));
    let thread = StoredValue::new(thread);
    let earlier = move || {
        let hidden = total - shown.get();
        (hidden > 0).then(|| {
            let next = BATCH.min(hidden);
            view! {
                <div class="ksw-earlier">
                    <button type="button" class="ksw-button" on:click=move |_| shown.update(|n| *n = (*n + BATCH).min(total))>
                        {format!("Show {next} earlier messages")}
                    </button>
                    <span class="ksw-muted">{format!(" {hidden} earlier messages not shown")}</span>
                </div>
            }
        })
    };
    let list = move || {
        let start = total - shown.get();
        thread.with_value(|thread| {
            let mut day = String::new();
            thread.messages[start..]
                .iter()
                .map(|message| {
                    let stamp = message.sent_at.clone().or_else(|| message.created_at.clone()).unwrap_or_default();
                    let label = if stamp.is_empty() { "Unknown date".to_string() } else { intl.day(&stamp) };
                    let heading = (label != day).then(|| {
                        day = label.clone();
                        view! { <h3 class="ksw-day">{label}</h3> }
                    });
                    let sender = thread.sender_name(message);
                    view! {
                        {heading}
                        <MessageItem env message=message.clone() sender />
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="ksw-messages">
            {earlier}
            {list}
            {move || thread.with_value(|thread| (!thread.unattached.is_empty()).then(|| {
                let files = thread.unattached.clone();
                view! {
                    <section class="ksw-unattached" aria-label="Other attachments">
                        <h3 class="ksw-day">"Other attachments of this conversation"</h3>
                        <super::attachments::AttachmentList attachments=files />
                    </section>
                }
            }))}
        </div>
    }
    .into_any()
}
