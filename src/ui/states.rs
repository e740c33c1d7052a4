//! The shared states: loading, error, notice, empty.

use crate::strings;
use leptos::prelude::*;

/// A placeholder with the shape of what is coming, announced to screen readers.
#[component]
pub fn Loading(
    /// What is loading, for assistive technology.
    label: &'static str,
) -> impl IntoView {
    view! {
        <div class="ksw-loading" role="status" aria-busy="true" aria-label=label>
            <div class="ksw-skeleton ksw-skeleton-title"></div>
            <div class="ksw-skeleton"></div>
            <div class="ksw-skeleton ksw-skeleton-short"></div>
        </div>
    }
}

/// A failure, said plainly, with a Retry button when retrying can help.
#[component]
pub fn ErrorPanel(
    message: String,
    /// Called by the Retry button; no button without it.
    #[prop(default = None)]
    on_retry: Option<Callback<()>>,
    /// The service's own words, behind a "Details" disclosure.
    #[prop(default = None)]
    details: Option<String>,
) -> impl IntoView {
    view! {
        <div class="ksw-error" role="alert">
            <p class="ksw-error-message">{message}</p>
            {details.map(|details| view! {
                <details class="ksw-details"><summary>{strings::DETAILS}</summary><pre class="ksw-details-text">{details}</pre></details>
            })}
            {on_retry.map(|retry| view! {
                <button type="button" class="ksw-button" on:click=move |_| retry.run(())>{strings::RETRY}</button>
            })}
        </div>
    }
}

/// A partial failure or a piece of news above the content.
#[component]
pub fn Notice(message: String) -> impl IntoView {
    view! { <p class="ksw-notice" role="status">{message}</p> }
}

#[component]
pub fn Empty(message: String) -> impl IntoView {
    view! { <p class="ksw-empty">{message}</p> }
}
