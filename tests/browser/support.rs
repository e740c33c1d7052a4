//! Mounting, waiting and looking inside the widget's shadow root.

use kustomer_salesforce_widget::browser::clock::BrowserClock;
use kustomer_salesforce_widget::host_api::{mount, Handle};
use kustomer_salesforce_widget::transport::Clock;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

/// A fresh element on the page for one widget.
pub fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

pub fn mount_json(element: &HtmlElement, config: &str) -> Handle {
    mount(element.clone().into(), json(config), JsValue::UNDEFINED).unwrap()
}

pub fn state(element: &HtmlElement) -> Option<String> {
    element.get_attribute("data-state")
}

/// Waits until `data-state` is `expected`, or fails naming what it was.
pub async fn wait_for_state(element: &HtmlElement, expected: &str) {
    for _ in 0..400 {
        if state(element).as_deref() == Some(expected) {
            return;
        }
        BrowserClock.sleep(25).await;
    }
    panic!("data-state stayed {:?}, expected {expected}; widget text: {}", state(element), text(element));
}

/// Waits for a condition on the widget, or fails with the widget's text.
pub async fn wait_until(element: &HtmlElement, what: &str, condition: impl Fn() -> bool) {
    for _ in 0..400 {
        if condition() {
            return;
        }
        BrowserClock.sleep(25).await;
    }
    panic!("timed out waiting for {what}; widget text: {}", text(element));
}

/// The widget's shadow root, where everything it renders lives.
pub fn shadow(element: &HtmlElement) -> web_sys::ShadowRoot {
    element
        .query_selector(".ksw-host")
        .unwrap()
        .expect("the widget's host element")
        .shadow_root()
        .expect("an open shadow root")
}

pub fn find(element: &HtmlElement, selector: &str) -> Option<Element> {
    shadow(element).query_selector(selector).unwrap()
}

pub fn find_all(element: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = shadow(element).query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|idx| list.item(idx)?.dyn_into().ok()).collect()
}

pub fn text_of(element: &HtmlElement, selector: &str) -> String {
    find(element, selector).and_then(|e| e.text_content()).unwrap_or_default()
}

pub fn click(element: &HtmlElement, selector: &str) {
    let target: HtmlElement =
        find(element, selector).unwrap_or_else(|| panic!("nothing matches {selector}")).dyn_into().unwrap();
    target.click();
}

pub async fn sleep(ms: u32) {
    BrowserClock.sleep(ms).await;
}

/// A `hostFetch` serving Kustomer JSON from a map of path → body; anything else is 404.
pub fn kustomer_stub(record: &str, bodies: &str) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const bodies = {bodies};\n\
             const body = bodies[request.path];\n\
             return Promise.resolve(body === undefined\n\
               ? {{ status: 404, headers: {{}}, body: '{{\"errors\":[{{\"code\":\"not.found\"}}]}}' }}\n\
               : {{ status: 200, headers: {{}}, body: typeof body === 'string' ? body : JSON.stringify(body) }});"
        ),
    )
}

pub fn text(element: &HtmlElement) -> String {
    match element.query_selector(".ksw-host").ok().flatten().and_then(|host| host.shadow_root()) {
        Some(root) => {
            root.query_selector(".ksw-root").ok().flatten().and_then(|r| r.text_content()).unwrap_or_default()
        }
        None => String::new(),
    }
}

/// A `hostFetch` made from JS source: `(request) => …`. Calls are recorded in
/// `window[record]`.
pub fn host_fetch(record: &str, body: &str) -> js_sys::Function {
    let source = format!("(window['{record}'] = window['{record}'] || []).push(request);\n{body}");
    js_sys::Function::new_with_args("request", &source)
}

pub fn calls(record: &str) -> Vec<JsValue> {
    let window = web_sys::window().unwrap();
    let value = js_sys::Reflect::get(&window, &JsValue::from_str(record)).unwrap();
    if value.is_undefined() {
        return Vec::new();
    }
    js_sys::Array::from(&value).iter().collect()
}

pub fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

pub fn demo_conversation(id: &str) -> String {
    format!(
        r#"{{"view":"conversation","context":{{"conversationId":"{id}"}},"transport":{{"kind":"demo"}},"kustomer":{{"org":"northwind"}},"locale":"en-US","timeZone":"UTC"}}"#
    )
}
