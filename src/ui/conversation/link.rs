//! Links to one message: Copy link on each message, and a view opened at the message a
//! link names (`context.messageId`: on a Case page, the page state `c__kustomerMessage`
//! that the component reads), reading back as far as it takes.

use std::rc::Rc;

use leptos::prelude::*;

use web_sys::Element;

use super::messages::{scroll_to, Reader};
use crate::kustomer::errors::{explain, Reading};
use crate::render::html::Html;
use crate::strings;
use crate::transport::encode_segment;
use crate::ui::EnvHandle;

/// The link to message `id`: the host's address for it, else the conversation's Kustomer
/// address.
pub fn message_link(env: EnvHandle, template: Option<&str>, conversation_id: &str, id: &str) -> String {
    match template {
        Some(template) => template.replace("{messageId}", &encode_segment(id)),
        None => env.with_value(|env| env.config.kustomer.conversation_link(conversation_id)),
    }
}

/// Copies the link of the message whose Copy link was clicked (shown in a field to copy
/// where the clipboard is refused).
pub fn copy(reader: &Rc<Reader>, control: &Element) {
    let Some(id) = control.closest(".ksw-message").ok().flatten().and_then(|m| m.get_attribute("data-message-id"))
    else {
        return;
    };
    crate::browser::clipboard::copy(control, reader.link_to(&id), strings::LINK_COPIED, strings::COPY_THIS_LINK);
}

/// Opens the list at message `id`: its batch drawn, the message marked and scrolled to.
/// A message on a page not read yet is looked for on every page (read once each); an id
/// the conversation does not hold is said, and the list stays at the newest messages.
pub fn open_at(reader: &Rc<Reader>, id: String) {
    let reader = reader.clone();
    let task = reader.task();
    task.spawn(async move {
        let Some(env) = reader.env().try_get_value() else { return };
        // The list is in the page once this task first waits.
        env.clock.sleep(0).await;
        let mut index = reader.thread().messages.index_of(&id);
        if index.is_none() && reader.thread().pages.unread() > 0 {
            let progress = |done, total| note(&reader, &strings::reading_pages(strings::LINK_PAGES, done, total));
            if let Err(error) = reader.read_everything(&progress).await {
                note(&reader, &strings::pages_failed(&explain(&error, Reading::Messages)));
            }
            index = reader.thread().messages.index_of(&id);
        }
        match index.and_then(|index| reader.show(index)) {
            Some((element, _)) => {
                note(&reader, "");
                let _ = element.set_attribute("data-linked", "");
                let _ = element.set_attribute("tabindex", "-1");
                scroll_to(&element);
            }
            None => note(&reader, strings::LINKED_MESSAGE_MISSING),
        }
    });
}

/// The line above the list that says how the link is followed (empty: none).
fn note(reader: &Reader, text: &str) {
    let Some(list) = reader.list() else { return };
    let existing = list.previous_element_sibling().filter(|element| element.class_name().contains("ksw-link-note"));
    match (existing, text.is_empty()) {
        (Some(existing), true) => existing.remove(),
        (Some(existing), false) => existing.set_text_content(Some(text)),
        (None, true) => {}
        (None, false) => {
            let mut html = Html::new();
            html.element("p", &[("class", Some("ksw-notice ksw-link-note")), ("role", Some("status"))], text);
            let _ = list.insert_adjacent_html("beforebegin", &html.finish());
        }
    }
}
