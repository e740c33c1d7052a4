//! "Download transcript": the whole conversation, every page read (once), as an HTML file
//! or as plain text (see `render::transcript`). Nothing is uploaded: the file is a `blob:`
//! link the browser saves. A host that saves files its own way (a sandboxed frame may not
//! download) takes the cancelable `ksw-download` event, whose `detail` is
//! `{name, type, text}`.

use std::rc::Rc;

use leptos::prelude::*;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::messages::Reader;
use crate::kustomer::errors::{explain, Reading};
use crate::render::messages::Formatters;
use crate::render::transcript::{transcript_html, transcript_text};
use crate::strings;
use crate::ui::load::Task;

/// Reads what is not read yet, then saves the transcript (`html`: the HTML file, else the
/// text); progress and problems are said beside the control.
pub fn download(reader: Rc<Reader>, task: Task, html: bool, control: Element) {
    let status = control.parent_element().and_then(|tools| tools.query_selector(".ksw-tools-status").ok().flatten());
    let say = move |text: &str| {
        if let Some(status) = &status {
            status.set_text_content(Some(text));
        }
    };
    task.spawn(async move {
        let Some(env) = reader.env().try_get_value() else { return };
        let progress = |done, total| say(&strings::reading_pages(strings::TRANSCRIPT_PAGES, done, total));
        if let Err(error) = reader.read_everything(&progress).await {
            // Nothing partial is saved as if it were whole.
            say(&strings::pages_failed(&explain(&error, Reading::Messages)));
            return;
        }
        say("");
        let thread = reader.thread();
        let intl = &env.intl;
        let (time, date_time, day) =
            (|iso: &str| intl.time(iso), |iso: &str| intl.date_time(iso), |iso: &str| intl.day(iso));
        let name: String =
            thread.conversation.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        let (text, kind, extension) = if html {
            let formatters = Formatters { time: &time, date_time: &date_time, day: &day, transcript: false };
            let header = super::header::header_html(&env, &thread, true);
            (transcript_html(&thread, &header, crate::ui::STYLES, &formatters), "text/html", "html")
        } else {
            (transcript_text(&thread, &date_time), "text/plain", "txt")
        };
        save(&env.root, &format!("kustomer-conversation-{name}.{extension}"), kind, &text, &env);
    });
}

/// Offers the file to the host (`ksw-download`), else saves it through a `blob:` link.
fn save(root: &Element, name: &str, kind: &str, text: &str, env: &crate::ui::Env) {
    let detail = js_sys::Object::new();
    for (key, value) in [("name", name), ("type", kind), ("text", text)] {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value.into());
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    let taken = web_sys::CustomEvent::new_with_event_init_dict("ksw-download", &init)
        .ok()
        .is_some_and(|event| !root.dispatch_event(&event).unwrap_or(true));
    if taken {
        return;
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{kind};charset=utf-8"));
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let Some(link) = root.owner_document().and_then(|document| document.create_element("a").ok()) else { return };
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", name);
    let _ = root.append_child(&link);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
    // The browser has the file once the click is handled; the address goes a little later.
    let clock = env.clock.clone();
    leptos::task::spawn_local(async move {
        clock.sleep(60_000).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
}
