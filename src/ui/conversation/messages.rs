//! The messages, oldest first, grouped by day. Their markup comes from `render`, one
//! batch at a time: the newest batch first, earlier ones on request, so that thousands
//! of messages never freeze the page. Controls inside the markup are handled by one
//! delegated listener (see `actions`).

use std::rc::Rc;

use crate::strings;
use leptos::prelude::*;

use super::actions;
use crate::conversation::Thread;
use crate::render::messages::{messages_html, step_html, unattached_html, Formatters, Step};
use crate::ui::states::{self, part};
use crate::ui::EnvHandle;

/// Messages rendered at first, and added by each "Show earlier messages".
pub const BATCH: usize = 100;
/// Batches in the page at once: reading further back drops the newest batch (brought back
/// by "Show newer messages"), so that even 10,000 messages keep the page small and quick.
pub const WINDOW: usize = 2;

#[component]
pub fn MessageList(env: EnvHandle, thread: Rc<Thread>) -> impl IntoView {
    if thread.messages.is_empty() {
        return states::empty(strings::NO_MESSAGES);
    }
    let total = thread.messages.len();
    let last_batch = total.div_ceil(BATCH) - 1;
    // The batches in the page: from the newest shown to the oldest shown, inclusive.
    let window = RwSignal::new((0usize, 0usize));
    let thread = StoredValue::new_local(thread);
    // Batch 0 is the newest hundred, batch 1 the hundred before, and so on.
    let batch_html = move |batch: usize| {
        let end = total.saturating_sub(batch * BATCH);
        let start = end.saturating_sub(BATCH);
        env.with_value(|env| {
            let intl = &env.intl;
            let (time, date_time, day) =
                (|iso: &str| intl.time(iso), |iso: &str| intl.date_time(iso), |iso: &str| intl.day(iso));
            let formatters = Formatters { time: &time, date_time: &date_time, day: &day };
            thread.with_value(|thread| messages_html(thread, start..end, &formatters))
        })
    };
    let batches = move || {
        let (newest, oldest) = window.get();
        (newest..=oldest).rev().collect::<Vec<_>>()
    };
    let step = Callback::new(move |(action, _): (String, web_sys::Element)| {
        window.update(|(newest, oldest)| match action.as_str() {
            "earlier" if *oldest < last_batch => {
                *oldest += 1;
                if *oldest - *newest >= WINDOW {
                    *newest += 1;
                }
            }
            "newer" if *newest > 0 => {
                *newest -= 1;
                if *oldest - *newest >= WINDOW {
                    *oldest -= 1;
                }
            }
            _ => {}
        });
    });
    let earlier = move || {
        let hidden = total.saturating_sub((window.get().1 + 1) * BATCH);
        (hidden > 0).then(|| part("ksw-part", step_html(Step::Earlier, BATCH.min(hidden), hidden), Some(step)))
    };
    let newer = move || {
        let hidden = window.get().0 * BATCH;
        (hidden > 0).then(|| part("ksw-part", step_html(Step::Newer, BATCH.min(hidden), hidden), Some(step)))
    };
    let unattached = thread.with_value(|thread| {
        (!thread.unattached.is_empty()).then(|| part("ksw-part", unattached_html(&thread.unattached), None))
    });
    view! {
        <div class="ksw-messages" on:load:capture=actions::fit_frame on:click=move |event| thread.with_value(|thread| actions::handle(&event, thread))>
            {earlier}
            <For each=batches key=|batch| *batch let:batch>
                <div class="ksw-batch" inner_html=batch_html(batch)></div>
            </For>
            {newer}
            {unattached}
        </div>
    }
    .into_any()
}
