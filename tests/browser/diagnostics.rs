//! Diagnostic records: every failure path announces its record once on the mount element
//! (`ksw-diagnostic`), `handle.diagnostics()` holds the same, and no record carries what
//! the answers or the context held.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

/// The details of the `ksw-diagnostic` events `element` announces, as they come.
fn listen(element: &HtmlElement) -> js_sys::Array {
    let heard = js_sys::Array::new();
    let listener = js_sys::Function::new_with_args("heard", "return (event) => heard.push(event.detail);")
        .call1(&JsValue::NULL, &heard)
        .unwrap();
    element.add_event_listener_with_callback("ksw-diagnostic", listener.unchecked_ref()).unwrap();
    heard
}

fn stringify(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
}

fn text_field(record: &JsValue, key: &str) -> Option<String> {
    field(record, key).as_string()
}

/// Private text in the fixtures below; none of it may reach a record.
const PRIVATE: [&str; 6] = ["Bad gateway", "priya@acme.example", "diag-secret", "Priya", "attri", "host broke"];

fn assert_private_text_absent(records: &JsValue) {
    let text = stringify(records);
    for private in PRIVATE {
        assert!(!text.contains(private), "{private} reached a record: {text}");
    }
}

#[wasm_bindgen_test]
async fn each_failed_request_is_announced_once_with_its_kind_and_the_handle_agrees() {
    let cases = [
        ("rejects", "return Promise.reject(new TypeError('Failed to fetch diag-secret'));", "request-failed", None),
        ("hangs", "return new Promise(() => {});", "request-failed", None),
        ("throws", "throw new Error('host broke');", "unreadable-response", None),
        (
            "html-500",
            "return Promise.resolve({ status: 500, headers: {}, body: '<html><body>Bad gateway</body></html>' });",
            "request-refused",
            Some(500),
        ),
        (
            "truncated",
            "return Promise.resolve({ status: 200, headers: {}, body: '{\"data\":{\"id\":\"f1\",\"attri' });",
            "unreadable-response",
            None,
        ),
    ];
    for (name, body, kind, status) in cases {
        let element = container();
        let heard = listen(&element);
        let config = r#"{"view":"conversation","context":{"conversationId":"6140cefd91ffddd18144e08b"},"transport":{"kind":"host","timeoutMs":300}}"#;
        let handle =
            mount(element.clone().into(), json(config), host_fetch(&format!("diag-{name}"), body).into()).unwrap();
        wait_for_state(&element, "error").await;
        sleep(50).await;
        let records = handle.diagnostics();
        assert_eq!(stringify(&records), stringify(&heard), "{name}: the handle holds what was announced");
        let records: Vec<JsValue> = js_sys::Array::from(&records).to_vec();
        assert!(!records.is_empty(), "{name}: a record");
        let asked = calls(&format!("diag-{name}")).len();
        assert!(records.len() <= asked, "{name}: one record a request at most ({} for {asked})", records.len());
        let mut paths = Vec::new();
        for record in &records {
            assert_eq!(text_field(record, "kind").as_deref(), Some(kind), "{name}: {}", stringify(record));
            assert_eq!(text_field(record, "view").as_deref(), Some("conversation"));
            assert_eq!(text_field(record, "service").as_deref(), Some("kustomer"), "{name}");
            assert_eq!(field(record, "status").as_f64().map(|s| s as u16), status, "{name}");
            assert_eq!(field(record, "count").as_f64(), Some(1.0), "{name}: announced once");
            let path = text_field(record, "path").unwrap_or_default();
            assert!(path.starts_with("/v1/conversations/{id}"), "{name}: {path}");
            assert!(!paths.contains(&path), "{name}: {path} twice");
            paths.push(path);
        }
        if name == "hangs" {
            assert!(field(&records[0], "durationMs").as_f64().unwrap() >= 300.0, "the timeout's wait is said");
        }
        assert_private_text_absent(&handle.diagnostics());
    }
}

#[wasm_bindgen_test]
async fn a_refused_configuration_is_announced_after_mount_returns() {
    let element = container();
    let config = r#"{"view":"conversation","context":{"conversationId":"diag-secret"},"transport":{"kind":"host"},"locale":"not a locale diag-secret"}"#;
    let handle = mount(element.clone().into(), json(config), host_fetch("diag-config", "return null;").into()).unwrap();
    // Listening after mount, as most hosts do: the record is announced after this task.
    let heard = listen(&element);
    wait_for_state(&element, "error").await;
    sleep(20).await;
    assert_eq!(heard.length(), 1, "{}", stringify(&heard));
    let record = heard.get(0);
    assert_eq!(text_field(&record, "kind").as_deref(), Some("config-error"));
    assert_eq!(text_field(&record, "configKey").as_deref(), Some("locale"));
    assert_eq!(stringify(&handle.diagnostics()), stringify(&heard));
    assert_private_text_absent(&heard);
}

#[wasm_bindgen_test]
async fn the_salesforce_limit_is_an_api_limit_record_and_saved_records_say_so() {
    let fetch = host_fetch(
        "diag-limit",
        "if (window['diag-limited']) return Promise.resolve({ status: 403, headers: {}, body: '[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded for priya@acme.example\"}]' });\n\
         return Promise.resolve({ status: 200, headers: {}, body: request.path.includes('/search/') ? '{\"searchRecords\":[]}' : '{\"totalSize\":0,\"done\":true,\"records\":[]}' });",
    );
    let element = container();
    let heard = listen(&element);
    let config = r#"{"view":"insight","context":{"customerEmails":["priya@acme.example"]},"transport":{"kind":"host"},"salesforce":{"subdomain":"diag-limit-org"}}"#;
    let handle = mount(element.clone().into(), json(config), fetch.into()).unwrap();
    wait_for_state(&element, "empty").await;
    assert_eq!(heard.length(), 0, "a good load records nothing");
    // Saved now; Refresh asks Salesforce again, which refuses: the saved records are shown.
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"diag-limited".into(), &JsValue::TRUE).unwrap();
    click(&element, ".ksw-refresh");
    wait_until(&element, "the saved records' notice", || text(&element).contains("API limit")).await;
    sleep(50).await;
    let kinds: Vec<String> =
        js_sys::Array::from(&heard).iter().filter_map(|record| text_field(&record, "kind")).collect();
    assert!(kinds.contains(&"api-limit".to_string()), "{kinds:?}");
    assert_eq!(kinds.last().map(String::as_str), Some("saved-data"), "{kinds:?}");
    let limit =
        js_sys::Array::from(&heard).iter().find(|r| text_field(r, "kind").as_deref() == Some("api-limit")).unwrap();
    assert_eq!(text_field(&limit, "errorCode").as_deref(), Some("REQUEST_LIMIT_EXCEEDED"));
    assert_eq!(text_field(&limit, "service").as_deref(), Some("salesforce"));
    assert_eq!(stringify(&handle.diagnostics()), stringify(&heard));
    assert_private_text_absent(&heard);
    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &"diag-limited".into()).unwrap();
}

#[wasm_bindgen_test]
async fn copy_diagnostics_gives_the_records_as_lines() {
    let element = container();
    let config = r#"{"view":"insight","context":{"customerEmails":["priya@acme.example"]},"transport":{"kind":"host"},"salesforce":{"subdomain":"diag-copy-org"}}"#;
    let fetch = host_fetch(
        "diag-copy",
        "return Promise.resolve({ status: 500, headers: {}, body: '[{\"errorCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"diag-secret\"}]' });",
    );
    let handle = mount(element.clone().into(), json(config), fetch.into()).unwrap();
    wait_for_state(&element, "error").await;
    sleep(20).await;
    assert!(js_sys::Array::from(&handle.diagnostics()).length() > 0);
    // The test page may not write to the clipboard: the lines are shown to copy by hand,
    // or the button says they were copied.
    click(&element, ".ksw-card-diagnostics button");
    wait_until(&element, "the copy to finish", || {
        find(&element, ".ksw-card-diagnostics .ksw-link-field").is_some()
            || text_of(&element, ".ksw-card-diagnostics button") == "Diagnostics copied"
    })
    .await;
    if let Some(field) = find(&element, ".ksw-card-diagnostics .ksw-link-field") {
        let value = js_sys::Reflect::get(&field, &"value".into()).unwrap().as_string().unwrap();
        assert!(value.starts_with("request-refused view=insight"), "{value}");
        assert!(value.contains("errorCode=UNKNOWN_EXCEPTION"), "{value}");
        assert!(!value.contains("diag-secret") && !value.contains("priya"), "{value}");
    }
}
