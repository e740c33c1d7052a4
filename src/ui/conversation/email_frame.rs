//! An HTML email in a sandboxed frame: no script, no forms, no navigation of the page, no
//! remote content until asked, and CSS that stays inside the frame.

use leptos::html::Iframe;
use leptos::prelude::*;

use crate::content::email::{frame_document, has_remote_content, quote_start, Rendering};

/// `allow-same-origin` (without `allow-scripts`, nothing runs in the frame) lets the
/// widget measure the document to size the frame; `allow-popups…` lets links open in a
/// new tab, which is where `<base target="_blank">` sends them.
const SANDBOX: &str = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

#[component]
pub fn EmailFrame(html: String) -> impl IntoView {
    let remote = RwSignal::new(false);
    let quoted = RwSignal::new(false);
    let has_remote = has_remote_content(&html);
    let has_quote = quote_start(&html).is_some();
    let html = StoredValue::new(html);
    let document = move || {
        let rendering = Rendering { remote_content: remote.get(), quoted: quoted.get() };
        html.with_value(|html| frame_document(html, rendering))
    };
    let frame = NodeRef::<Iframe>::new();
    // Sized to its content once loaded: the frame has no scrollbar of its own.
    let fit = move |_| {
        if let Some(frame) = frame.get() {
            let height = frame.content_document().and_then(|doc| doc.document_element()).map(|root| root.scroll_height());
            if let Some(height) = height {
                let _ = frame.set_attribute("style", &format!("height: {}px", height.max(24) + 4));
            }
        }
    };
    view! {
        <div class="ksw-email">
            <div class="ksw-email-controls">
                {has_remote.then(|| view! {
                    <button type="button" class="ksw-link-button ksw-remote-toggle" on:click=move |_| remote.set(true) hidden=move || remote.get()>
                        "Show remote content"
                    </button>
                    <span class="ksw-muted ksw-remote-note" hidden=move || remote.get()>"Remote images and styles are blocked."</span>
                })}
            </div>
            <iframe
                node_ref=frame
                class="ksw-email-frame"
                title="Email content"
                sandbox=SANDBOX
                referrerpolicy="no-referrer"
                srcdoc=document
                on:load=fit
            ></iframe>
            {has_quote.then(|| view! {
                <button type="button" class="ksw-link-button ksw-quote-toggle" on:click=move |_| quoted.update(|shown| *shown = !*shown)>
                    {move || if quoted.get() { "Hide quoted text" } else { "Show quoted text" }}
                </button>
            })}
        </div>
    }
}
