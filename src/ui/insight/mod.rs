//! The Salesforce Insight Card in the Kustomer sidebar.

use crate::strings;
use leptos::prelude::*;
use std::rc::Rc;

mod case_section;
mod diagnostics;

use super::load::Load;
use super::states::{self, part};
use super::{report, Env, EnvHandle, WidgetState};
use crate::browser::storage::LocalStorage;
use crate::cache::Storage;
use crate::config::{Context, View};
use crate::diagnostics::Record;
use crate::insight::load::{load, Loaded, Settings};
use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::KustomerClient;
use crate::problem::Problem;
use crate::render::insight::{card_html, card_page, Formatters};
use crate::salesforce::client::SalesforceClient;
use crate::transport::Service;

#[component]
pub fn InsightView(env: EnvHandle, context: Context) -> impl IntoView {
    let visibility = env.with_value(|env| env.config.visibility);
    if !visibility.card {
        // Switched off by the admin: no request is made.
        report(env, WidgetState::Disabled);
        return states::empty(strings::CARD_OFF);
    }
    let emails = context.customer_emails.clone();
    let phones = context.customer_phones.clone();
    let customer_id = context.customer_id.clone();
    let conversation_id = context.conversation_id.clone();
    // Set by the Refresh button for the next load only.
    let bypass_recent = StoredValue::new(false);
    let card = Load::new(move || {
        let env = env.get_value();
        let emails = emails.clone();
        let phones = phones.clone();
        let customer_id = customer_id.clone();
        let bypass = bypass_recent.get_value();
        bypass_recent.set_value(false);
        async move {
            let Some(salesforce) = env.config.salesforce.clone() else {
                return Err(Problem::new(strings::CARD_NEEDS_SUBDOMAIN, false));
            };
            // A context with only the customer's id: their emails and phones come from Kustomer.
            let (emails, phones) = match (emails.is_empty() && phones.is_empty(), customer_id.as_deref()) {
                (true, Some(id)) => customer_reach(&env, id).await?,
                _ => (emails, phones),
            };
            let client = SalesforceClient::new(env.transport.as_ref(), &salesforce.api_version);
            let storage = LocalStorage::open();
            let settings = Settings {
                org: &salesforce.subdomain,
                visibility: env.config.visibility,
                extra: &env.config.fields,
                quota_percent: salesforce.quota_percent,
                refresh: bypass,
                card: &env.config.card,
                phones: &phones,
                customer_id: customer_id.as_deref(),
            };
            let result: Result<Loaded, Problem> =
                load(&client, storage.as_ref().map(|s| s as &dyn Storage), env.clock.now_ms(), &settings, &emails)
                    .await;
            if result.as_ref().is_ok_and(|loaded| loaded.notice().is_some()) {
                // Salesforce could not be read, or not afforded: the card shows saved records.
                env.diagnostics.add(Record::saved_data(View::Insight, Service::Salesforce));
            }
            result.map(Rc::new)
        }
    });
    let reload = Callback::new(move |()| {
        bypass_recent.set_value(true);
        card.reload();
    });
    // The host asked, or the sidebar came back into sight: load again, which spends no
    // Salesforce request while the saved data is younger than five minutes.
    // What is shown stays until the new answer is in: no loading state between, and a card
    // read from the same saved data is not built again (nor its Case section read again).
    // `handle.refresh()`: load again, from saved data younger than five minutes.
    env.with_value(|env| env.refresh.set(move || card.refresh(same_card)));
    let on_sight = window_event_listener_untyped("visibilitychange", move |_| {
        if crate::browser::page_visible() {
            card.refresh(same_card);
        }
    });
    on_cleanup(move || on_sight.remove());
    view! {
        <section class="ksw-insight" aria-label=strings::INSIGHT_CARD>
            <h2 class="ksw-card-title">{strings::SALESFORCE}</h2>
            {move || {
                let result = card.get();
                // The host reads the state in the same task as the markup it describes.
                report(env, WidgetState::of(result.as_ref(), |loaded| loaded.card.is_empty()));
                match result {
                    None => states::loading(strings::LOADING_RECORDS),
                    Some(Err(problem)) => states::problem(&problem, reload),
                    Some(Ok(loaded)) => card_body(env, loaded, reload, conversation_id.clone()),
                }
            }}
            <diagnostics::DiagnosticDetails env />
        </section>
    }
    .into_any()
}

/// The same records read at the same time: a look that found only saved data.
fn same_card(current: &Result<Rc<Loaded>, Problem>, new: &Result<Rc<Loaded>, Problem>) -> bool {
    match (current, new) {
        (Ok(current), Ok(new)) => current.fetched_at_ms == new.fetched_at_ms && current.card == new.card,
        _ => false,
    }
}

async fn customer_reach(env: &Env, customer_id: &str) -> Result<(Vec<String>, Vec<String>), Problem> {
    let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref());
    match client.customer(customer_id).await {
        Ok(customer) => Ok((customer.emails, customer.phones)),
        Err(error) => Err(Problem::new(
            strings::customer_emails_failed(&explain(&error, Reading::Customer)),
            error.retry_can_help(),
        )),
    }
}

/// The records, with when they were read, a Refresh control and the notices; then the
/// Case section when a conversation is in view.
fn card_body(env: EnvHandle, loaded: Rc<Loaded>, on_refresh: Callback<()>, conversation_id: Option<String>) -> AnyView {
    let contacts = loaded.card.contacts.clone();
    let markup = env.with_value(|env| {
        let salesforce = env.config.salesforce.as_ref();
        let host = salesforce.map(|s| s.lightning_host()).unwrap_or_default();
        let currency = salesforce.and_then(|s| s.currency.as_deref());
        let intl = &env.intl;
        let number = |n: f64| intl.number(n, None);
        let money = |n: f64| intl.number(n, currency);
        let date = |d: &str| intl.calendar_date(d);
        let mut notices = Vec::new();
        if let Some(notice) = loaded.notice() {
            notices.push(notice.to_string());
        }
        if !loaded.card.skipped_emails.is_empty() {
            notices.push(strings::not_searched(&loaded.card.skipped_emails.join(", ")));
        }
        if !loaded.card.skipped_phones.is_empty() {
            notices.push(strings::phones_not_searched(&loaded.card.skipped_phones.join(", ")));
        }
        for (object, reason) in &loaded.card.dropped_fields {
            notices.push(strings::field_left_out(object, reason));
        }
        card_page(
            &loaded.updated(env.clock.now_ms()),
            &notices,
            &card_html(&loaded.card, &host, &Formatters { number: &number, money: &money, date: &date }),
        )
    });
    view! {
        {part("ksw-part", markup, Some(states::on("refresh", on_refresh)))}
        {conversation_id.map(|conversation_id| view! {
            <div class="ksw-card-body"><case_section::CaseSection env conversation_id contacts /></div>
        })}
    }
    .into_any()
}
