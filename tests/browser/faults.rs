//! Faults a host or gateway can produce: each ends in a clear error with Retry, and
//! Retry recovers once the fault has passed.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A hostFetch that serves a small conversation, except while `window[mode]` names a
/// fault, which every request then gets.
fn faulty_fetch(mode: &str) -> js_sys::Function {
    host_fetch(
        &format!("{mode}-calls"),
        &format!(
            "const fault = window['{mode}'];\n\
             if (fault === 'throws') throw new Error('host broke');\n\
             if (fault === 'rejects') return Promise.reject(new TypeError('Failed to fetch'));\n\
             if (fault === 'hangs') return new Promise(() => {{}});\n\
             if (fault === 'undefined') return Promise.resolve(undefined);\n\
             const bodies = {{\n\
               'html-500': [500, '<html><body>Bad gateway</body></html>'],\n\
               'truncated': [200, '{{\"data\":{{\"id\":\"f1\",\"attri'],\n\
               'wrong-shape': [200, '{{\"data\":5}}'],\n\
               'not-object': [200, '[1,2,3]'],\n\
             }};\n\
             if (bodies[fault]) return Promise.resolve({{ status: bodies[fault][0], headers: {{}}, body: bodies[fault][1] }});\n\
             const ok = request.path === '/v1/conversations/f1'\n\
               ? {{ data: {{ id: 'f1', attributes: {{ name: 'Recovered', assignedUsers: [] }} }} }}\n\
               : {{ data: [{{ id: 'm1', attributes: {{ channel: 'chat', direction: 'in', body: 'back again' }} }}] }};\n\
             return Promise.resolve({{ status: 200, headers: {{}}, body: JSON.stringify(ok) }});"
        ),
    )
}

fn set_window(key: &str, value: &str) {
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &JsValue::from_str(key), &JsValue::from_str(value)).unwrap();
}

#[wasm_bindgen_test]
async fn every_curable_failure_offers_retry_and_retry_recovers() {
    for fault in ["throws", "rejects", "hangs", "undefined", "html-500", "truncated", "wrong-shape", "not-object"] {
        let mode = format!("fault-{fault}");
        set_window(&mode, fault);
        let element = container();
        let config =
            r#"{"view":"conversation","context":{"conversationId":"f1"},"transport":{"kind":"host","timeoutMs":300}}"#;
        let _handle = mount(element.clone().into(), json(config), faulty_fetch(&mode).into()).unwrap();
        wait_for_state(&element, "error").await;
        let message = text_of(&element, ".ksw-error-message");
        assert!(!message.is_empty(), "{fault}: the error says something");
        assert!(find(&element, ".ksw-error button").is_some(), "{fault}: Retry is offered ({message})");
        set_window(&mode, "none");
        click(&element, ".ksw-error button");
        wait_for_state(&element, "ready").await;
        assert!(text(&element).contains("back again"), "{fault}: recovered");
    }
}

#[wasm_bindgen_test]
async fn not_found_offers_no_retry() {
    let element = container();
    let config = r#"{"view":"conversation","context":{"conversationId":"nope"},"transport":{"kind":"host"}}"#;
    let _handle = mount(element.clone().into(), json(config), kustomer_stub("nf-calls", "{}").into()).unwrap();
    wait_for_state(&element, "error").await;
    assert_eq!(text_of(&element, ".ksw-error-message"), "Conversation not found");
    assert!(find(&element, ".ksw-error button").is_none());
}
