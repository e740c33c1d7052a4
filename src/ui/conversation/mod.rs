//! The conversation view on a Salesforce Case page.

use leptos::prelude::*;

use super::states::{ErrorPanel, Loading, Notice};
use super::load::Load;
use super::{EnvHandle, WidgetState};
use crate::conversation::{load_header, ConversationHeader, Problem};
use crate::kustomer::KustomerClient;

mod header;

pub use header::Header;

#[component]
pub fn ConversationView(env: EnvHandle, conversation_id: String) -> impl IntoView {
    let state = env.with_value(|env| env.state);
    // Set while the client waits out Kustomer's rate limit, so the wait is explained.
    let waiting_ms = RwSignal::new(None::<u32>);
    let id = conversation_id.clone();
    let header = Load::new(move || {
        let env = env.get_value();
        let id = id.clone();
        async move {
            let notify = move |ms: u32| waiting_ms.set(Some(ms));
            let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref()).on_wait(&notify);
            let result: Result<ConversationHeader, Problem> = load_header(&client, &id).await;
            waiting_ms.set(None);
            result
        }
    });
    Effect::new(move |_| {
        state.set(match header.get() {
            None => WidgetState::Loading,
            Some(Ok(_)) => WidgetState::Ready,
            Some(Err(_)) => WidgetState::Error,
        });
    });
    let retry = Callback::new(move |()| header.reload());
    view! {
        <section class="ksw-conversation" aria-label="Kustomer conversation">
            {move || waiting_ms.get().map(|ms| view! {
                <Notice message=format!(
                    "Kustomer's rate limit was reached: retrying in {} s",
                    ms.div_ceil(1000)
                ) />
            })}
            {move || match header.get() {
                None => view! { <Loading label="Loading the conversation" /> }.into_any(),
                Some(Err(problem)) => {
                    view! { <ErrorPanel message=problem.message on_retry=problem.retry.then_some(retry) /> }.into_any()
                }
                Some(Ok(data)) => view! { <Header env data /> }.into_any(),
            }}
        </section>
    }
}
