//! The Salesforce Insight Card in the Kustomer sidebar.

use leptos::prelude::*;

use super::states::Empty;
use super::{EnvHandle, WidgetState};
use crate::config::Context;

#[component]
pub fn InsightView(env: EnvHandle, context: Context) -> impl IntoView {
    let (visibility, state) = env.with_value(|env| (env.config.visibility, env.state));
    if !visibility.card {
        // Switched off by the admin: no request is made.
        state.set(WidgetState::Disabled);
        return view! { <Empty message="The Salesforce Insight Card is turned off in the Salesforce app settings.".to_string() /> }
            .into_any();
    }
    state.set(WidgetState::Empty);
    let emails = context.customer_emails.join(", ");
    view! {
        <section class="ksw-insight" aria-label="Salesforce Insight Card">
            <h2 class="ksw-card-title">"Salesforce"</h2>
            <Empty message=format!("Salesforce records for {emails} are not loaded by this version of the card.") />
        </section>
    }
    .into_any()
}
