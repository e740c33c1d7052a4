//! The conversation view on a Salesforce Case page.

use crate::strings;
use leptos::prelude::*;

use super::load::Load;
use super::states::{ErrorPanel, Loading, Notice};
use super::{EnvHandle, WidgetState};
use crate::conversation::{load_thread, Problem, Thread};
use crate::kustomer::KustomerClient;

mod actions;
mod header;
mod messages;

pub use header::Header;

#[component]
pub fn ConversationView(env: EnvHandle, conversation_id: String) -> impl IntoView {
    let state = env.with_value(|env| env.state);
    // Set while the client waits out Kustomer's rate limit, so the wait is explained.
    let waiting_ms = RwSignal::new(None::<u32>);
    // Messages read so far, for long conversations.
    let loaded = RwSignal::new(0usize);
    let id = conversation_id.clone();
    let thread = Load::new(move || {
        let env = env.get_value();
        let id = id.clone();
        loaded.set(0);
        async move {
            // `try_set`: the view may be gone by the time a page arrives.
            let notify = move |ms: u32| {
                let _ = waiting_ms.try_set(Some(ms));
            };
            let progress = move |count: usize| {
                let _ = loaded.try_set(count);
            };
            let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref()).on_wait(&notify);
            let result: Result<Thread, Problem> = load_thread(&client, &id, &progress).await;
            waiting_ms.try_set(None);
            result
        }
    });
    Effect::new(move |_| {
        state.set(match thread.get() {
            None => WidgetState::Loading,
            Some(Ok(thread)) if thread.messages.is_empty() => WidgetState::Empty,
            Some(Ok(_)) => WidgetState::Ready,
            Some(Err(_)) => WidgetState::Error,
        });
    });
    let retry = Callback::new(move |()| thread.reload());
    view! {
        <section class="ksw-conversation" aria-label=strings::CONVERSATION_LABEL>
            {move || waiting_ms.get().map(|ms| view! {
                <Notice message=strings::rate_limit_wait(ms.div_ceil(1000)) />
            })}
            {move || match thread.get() {
                None => view! {
                    <Loading label=strings::LOADING_CONVERSATION />
                    {move || (loaded.get() > 0).then(|| view! {
                        <p class="ksw-progress ksw-muted">{strings::messages_loaded(loaded.get())}</p>
                    })}
                }.into_any(),
                Some(Err(problem)) => {
                    view! { <ErrorPanel message=problem.message on_retry=problem.retry.then_some(retry) /> }.into_any()
                }
                Some(Ok(thread)) => view! {
                    <Header env thread=thread.clone() on_retry=retry />
                    <messages::MessageList env thread />
                }.into_any(),
            }}
        </section>
    }
}
