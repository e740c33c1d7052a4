//! What the controls inside rendered messages do: show quoted text, show an email's
//! remote content, preview an image, and size email frames to their content.

use crate::strings;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlIFrameElement};

use crate::content::email::{frame_document, Rendering};
use crate::conversation::Thread;
use crate::kustomer::message::Body;

/// Handles a click on a control (an element with a `data-action`) in the message list.
pub fn handle(button: &Element, thread: &Thread) {
    let action = button.get_attribute("data-action").unwrap_or_default();
    match action.as_str() {
        "text-quote" => {
            if let Some(quoted) = button.next_element_sibling() {
                let showing = flip(&quoted);
                label(button, showing, strings::HIDE_QUOTED, strings::SHOW_QUOTED);
            }
        }
        "preview" => {
            if let Some(image) = button.next_element_sibling() {
                // The image loads only now, when asked for.
                if image.get_attribute("src").is_none() {
                    if let Some(source) = image.get_attribute("data-src") {
                        let _ = image.set_attribute("src", &source);
                    }
                }
                let showing = flip(&image);
                label(button, showing, strings::HIDE_PREVIEW, strings::PREVIEW);
            }
        }
        "remote" | "email-quote" => {
            let Some(email) = button.closest(".ksw-email").ok().flatten() else { return };
            let flag = if action == "remote" { "data-remote" } else { "data-quoted" };
            let on = email.get_attribute(flag).is_none();
            let _ = if on { email.set_attribute(flag, "") } else { email.remove_attribute(flag) };
            if action == "remote" {
                // Once shown, remote content stays shown: there is nothing to take back.
                if let Some(controls) = button.parent_element() {
                    let _ = controls.set_attribute("hidden", "");
                }
            } else {
                label(button, on, strings::HIDE_QUOTED, strings::SHOW_QUOTED);
            }
            refresh_email(&email, thread);
        }
        _ => {}
    }
}

/// Rewrites an email frame's document for the reader's choices.
fn refresh_email(email: &Element, thread: &Thread) {
    let id = email.get_attribute("data-message-id").unwrap_or_default();
    let Some(Body::Html(source)) = thread.messages.find(&id).map(|m| m.body) else { return };
    let rendering =
        Rendering { remote_content: email.has_attribute("data-remote"), quoted: email.has_attribute("data-quoted") };
    if let Some(frame) = email.query_selector("iframe").ok().flatten() {
        let _ = frame.set_attribute("srcdoc", &frame_document(&source, rendering));
    }
}

/// Sizes an email frame to its document once it has loaded.
pub fn fit_frame(event: web_sys::Event) {
    if let Some(frame) = event.target().and_then(|t| t.dyn_into::<HtmlIFrameElement>().ok()) {
        fit(&frame);
    }
}

/// Sizes again the email frames of a batch that has come into sight: one that loaded while
/// its batch was out of sight was measured in a document the browser had not laid out.
pub fn refit_frames(event: web_sys::Event) {
    let skipped = js_sys::Reflect::get(&event, &"skipped".into()).ok().and_then(|value| value.as_bool());
    let Some(batch) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if skipped != Some(false) {
        return;
    }
    let Ok(frames) = batch.query_selector_all("iframe.ksw-email-frame") else { return };
    for index in 0..frames.length() {
        if let Some(frame) = frames.get(index).and_then(|node| node.dyn_into::<HtmlIFrameElement>().ok()) {
            fit(&frame);
        }
    }
}

fn fit(frame: &HtmlIFrameElement) {
    let height = frame.content_document().and_then(|doc| root_element(&doc)).map(|root| root.scroll_height());
    if let Some(height) = height {
        let _ = frame.set_attribute("style", &format!("height: {}px", height.max(24) + 4));
    }
}

/// The document's `<html>` element, read with `Document.prototype`'s own getter: in an
/// email's document, `<img name="documentElement">` shadows `document.documentElement`
/// (documents let named elements override their properties).
fn root_element(document: &web_sys::Document) -> Option<Element> {
    let window = web_sys::window()?;
    let prototype = js_sys::Reflect::get(&window, &"Document".into())
        .and_then(|class| js_sys::Reflect::get(&class, &"prototype".into()))
        .ok()?;
    let descriptor = js_sys::Object::get_own_property_descriptor(
        prototype.unchecked_ref::<js_sys::Object>(),
        &"documentElement".into(),
    );
    let getter: js_sys::Function = js_sys::Reflect::get(&descriptor, &"get".into()).ok()?.dyn_into().ok()?;
    let root = getter.call0(document).ok().filter(JsValue::is_object)?;
    // The element belongs to the frame's realm, so `instanceof Element` here says no.
    Some(root.unchecked_into())
}

/// Toggles `hidden`; true when the element is now shown.
fn flip(element: &Element) -> bool {
    if element.has_attribute("hidden") {
        let _ = element.remove_attribute("hidden");
        true
    } else {
        let _ = element.set_attribute("hidden", "");
        false
    }
}

fn label(button: &Element, expanded: bool, when_open: &str, when_closed: &str) {
    button.set_text_content(Some(if expanded { when_open } else { when_closed }));
    let _ = button.set_attribute("aria-expanded", if expanded { "true" } else { "false" });
}
