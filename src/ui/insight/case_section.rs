//! The Case section: what the case sync sends for this conversation, read-only, with a
//! button that copies the payload.

use crate::strings;
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::intl::describe;
use crate::case_sync::preview::{load_preview, CasePreview};
use crate::kustomer::KustomerClient;
use crate::problem::Problem;
use crate::render::case::{case_html, case_off_html, copy_html};
use crate::salesforce::client::SalesforceClient;
use crate::salesforce::model::Contact;
use crate::ui::load::Load;
use crate::ui::states::{self, part};
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
        return part("ksw-part", case_off_html(), None);
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
            result.map(Rc::new)
        }
    });
    let retry = Callback::new(move |()| preview.reload());
    view! {
        <section class="ksw-section ksw-case" aria-label=strings::CASE_SYNC>
            <h3 class="ksw-section-title">{strings::CASE_HEADING}</h3>
            {move || match preview.get() {
                None => states::loading(strings::LOADING_CASE),
                Some(Err(problem)) => states::problem(&problem, retry),
                Some(Ok(preview)) => case_body(env, preview),
            }}
        </section>
    }
    .into_any()
}

/// The Case the sync made, the fields it sends, and a control that copies the payload.
fn case_body(env: EnvHandle, preview: Rc<CasePreview>) -> AnyView {
    let host = env.with_value(|env| env.config.salesforce.as_ref().map(|s| s.lightning_host()).unwrap_or_default());
    let payload = crate::json::pretty(&serde_json::Value::Object(preview.payload()));
    let copy = Callback::new(move |(action, control): (String, web_sys::Element)| {
        if action != "copy" {
            return;
        }
        let payload = payload.clone();
        leptos::task::spawn_local(async move {
            let outcome = match write_clipboard(&payload).await {
                Ok(()) => strings::COPIED.to_string(),
                Err(reason) => strings::could_not_copy(&reason),
            };
            // The outcome sits beside the control, in the same markup.
            if let Some(status) = control.next_element_sibling() {
                status.set_text_content(Some(&outcome));
            }
        });
    });
    let mut markup = case_html(&preview, &host);
    markup.push_str(&copy_html());
    part("ksw-part", markup, Some(copy))
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
