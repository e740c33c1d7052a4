//! Copying text for the agent: Copy link on a message, Copy diagnostics on the card.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::render::html::Html;

/// Writes `text` to the clipboard and has `control` say `done`. Where the page may not
/// write to the clipboard (a sandboxed frame, a refusal), the text is shown after
/// `control` in a field named `label`, selected, to copy by hand: a one-line field for a
/// line, a box for several.
pub fn copy(control: &Element, text: String, done: &'static str, label: &'static str) {
    let written = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"navigator".into()).ok())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"clipboard".into()).ok())
        .filter(|clipboard| clipboard.is_object())
        .and_then(|clipboard| {
            let write: js_sys::Function =
                js_sys::Reflect::get(&clipboard, &"writeText".into()).ok()?.dyn_into().ok()?;
            write.call1(&clipboard, &text.as_str().into()).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
    let control = control.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let copied = match written {
            Some(promise) => JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        if copied {
            control.set_text_content(Some(done));
        } else {
            show_field(&control, &text, label);
        }
    });
}

fn show_field(control: &Element, text: &str, label: &str) {
    if let Some(next) = control.next_element_sibling().filter(|next| next.class_name() == "ksw-link-field") {
        next.remove();
    }
    let mut html = Html::new();
    let attributes = [("class", Some("ksw-link-field")), ("readonly", Some("")), ("aria-label", Some(label))];
    if text.contains('\n') {
        html.element("textarea", &attributes, text);
    } else {
        html.open("input", &[attributes[0], attributes[1], attributes[2], ("value", Some(text))]);
    }
    let _ = control.insert_adjacent_html("afterend", &html.finish());
    if let Some(field) = control.next_element_sibling() {
        if let Ok(select) = js_sys::Reflect::get(&field, &"select".into()) {
            if let Ok(select) = select.dyn_into::<js_sys::Function>() {
                let _ = select.call0(&field);
            }
        }
        if let Some(field) = field.dyn_ref::<web_sys::HtmlElement>() {
            let _ = field.focus();
        }
    }
}
