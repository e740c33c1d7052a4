//! A message's attachments: name, type, size and a download link; raster images can be
//! previewed in place, SVG and everything else only downloaded.

use leptos::prelude::*;

use crate::kustomer::message::{human_size, Attachment};

#[component]
pub fn AttachmentList(attachments: Vec<Attachment>) -> impl IntoView {
    view! {
        <ul class="ksw-attachments" aria-label="Attachments">
            {attachments.into_iter().map(|attachment| view! { <AttachmentItem attachment /> }).collect_view()}
        </ul>
    }
}

#[component]
fn AttachmentItem(attachment: Attachment) -> impl IntoView {
    let previewing = RwSignal::new(false);
    let size = attachment.size.map(human_size);
    let kind = attachment.content_type.clone();
    if attachment.redacted {
        return view! {
            <li class="ksw-attachment ksw-attachment-redacted">
                <span class="ksw-file-name">{attachment.name}</span>
                <span class="ksw-muted">" This attachment was redacted."</span>
            </li>
        }
        .into_any();
    }
    let previewable = attachment.is_previewable_image();
    let name = attachment.name.clone();
    let url = attachment.url.clone();
    view! {
        <li class="ksw-attachment">
            <span class="ksw-file-name">{attachment.name.clone()}</span>
            <span class="ksw-muted ksw-file-type">{kind}</span>
            {size.map(|size| view! { <span class="ksw-muted ksw-file-size">{size}</span> })}
            {match url.clone() {
                Some(url) => view! {
                    <a class="ksw-download" href=url download=name.clone() target="_blank" rel="noopener noreferrer">"Download"</a>
                }.into_any(),
                None => view! { <span class="ksw-muted ksw-unavailable">"Not available for download"</span> }.into_any(),
            }}
            {previewable.then(|| view! {
                <button type="button" class="ksw-link-button ksw-preview-toggle" on:click=move |_| previewing.update(|on| *on = !*on)>
                    {move || if previewing.get() { "Hide preview" } else { "Preview" }}
                </button>
            })}
            {move || (previewing.get() && previewable).then(|| view! {
                <img class="ksw-preview" src=url.clone() alt=name.clone() referrerpolicy="no-referrer" />
            })}
        </li>
    }
    .into_any()
}
