//! The card's Details: "Copy diagnostics", the last records as text for a support ticket
//! (see [`crate::diagnostics`]: nothing about the customer or the org's data is in them).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::clipboard;
use crate::strings;
use crate::ui::EnvHandle;

#[component]
pub fn DiagnosticDetails(env: EnvHandle) -> impl IntoView {
    let copy = move |event: web_sys::MouseEvent| {
        let Some(control) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let Some(text) = env.try_with_value(|env| env.diagnostics.text()) else { return };
        let text = if text.is_empty() { strings::NO_DIAGNOSTICS.to_string() } else { text };
        clipboard::copy(&control, text, strings::DIAGNOSTICS_COPIED, strings::THESE_DIAGNOSTICS);
    };
    view! {
        <details class="ksw-details ksw-card-diagnostics">
            <summary>{strings::DETAILS}</summary>
            <p class="ksw-card-diagnostics-hint">{strings::DIAGNOSTICS_HINT}</p>
            <button type="button" class="ksw-link-button" on:click=copy>{strings::COPY_DIAGNOSTICS}</button>
        </details>
    }
}
