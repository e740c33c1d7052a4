//! The Case section: what the case sync sends for this conversation, read-only, with a
//! button that copies the payload.

use crate::strings;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::intl::describe;
use crate::case_sync::preview::{load_preview, CasePreview};
use crate::kustomer::KustomerClient;
use crate::problem::Problem;
use crate::render::case::case_html;
use crate::salesforce::client::SalesforceClient;
use crate::salesforce::model::Contact;
use crate::ui::load::Load;
use crate::ui::states::{ErrorPanel, Loading};
use crate::ui::EnvHandle;

#[component]
pub fn CaseSection(
    env: EnvHandle,
    conversation_id: String,
    /// The Contacts the card matched by email; `None` when Contacts are hidden.
    contacts: Option<Vec<Contact>>,
) -> impl IntoView {
    let enabled = env.with_value(|env| env.config.case_sync.enabled);
    if !enabled {
        return view! {
            <section class="ksw-section ksw-case" aria-label=strings::CASE_SYNC>
                <h3 class="ksw-section-title">{strings::CASE_HEADING}</h3>
                <p class="ksw-muted ksw-sync-status">{strings::CASE_SYNC_OFF}</p>
            </section>
        }
        .into_any();
    }
    let preview = Load::new(move || {
        let env = env.get_value();
        let id = conversation_id.clone();
        let contacts = contacts.clone();
        async move {
            let api_version =
                env.config.salesforce.as_ref().map(|s| s.api_version.clone()).unwrap_or_else(|| "v62.0".to_string());
            let kustomer = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref());
            let salesforce = SalesforceClient::new(env.transport.as_ref(), &api_version);
            let result: Result<CasePreview, Problem> =
                load_preview(&kustomer, &salesforce, &env.config, &id, contacts.as_deref()).await;
            result
        }
    });
    let retry = Callback::new(move |()| preview.reload());
    view! {
        <section class="ksw-section ksw-case" aria-label=strings::CASE_SYNC>
            <h3 class="ksw-section-title">{strings::CASE_HEADING}</h3>
            {move || match preview.get() {
                None => view! { <Loading label=strings::LOADING_CASE /> }.into_any(),
                Some(Err(problem)) => view! { <ErrorPanel message=problem.message on_retry=problem.retry.then_some(retry) /> }.into_any(),
                Some(Ok(preview)) => view! { <CaseBody env preview /> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn CaseBody(env: EnvHandle, preview: CasePreview) -> impl IntoView {
    let host = env.with_value(|env| env.config.salesforce.as_ref().map(|s| s.lightning_host()).unwrap_or_default());
    let markup = case_html(&preview, &host);
    let payload = serde_json::to_string_pretty(&serde_json::Value::Object(preview.payload())).unwrap_or_default();
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        let payload = payload.clone();
        leptos::task::spawn_local(async move {
            let outcome = match write_clipboard(&payload).await {
                Ok(()) => strings::COPIED.to_string(),
                Err(reason) => strings::could_not_copy(&reason),
            };
            copied.try_set(Some(outcome));
        });
    };
    view! {
        <div class="ksw-case-body" inner_html=markup></div>
        <div class="ksw-copy">
            <button type="button" class="ksw-button ksw-copy-payload" on:click=copy>{strings::COPY_PAYLOAD}</button>
            <span class="ksw-muted ksw-copy-outcome" role="status">{move || copied.get()}</span>
        </div>
    }
}

/// `navigator.clipboard.writeText`, which a host page's permissions policy may refuse.
async fn write_clipboard(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).map_err(|e| describe(&e))?;
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|e| describe(&e))?;
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(strings::CLIPBOARD_MISSING)?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "no promise")?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| describe(&e))
}
