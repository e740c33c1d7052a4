//! The host API contract: mount, data-state, update, unmount, several widgets, hostFetch.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const INVOICE: &str = "6140cefd91ffddd18144e08b";
const FACEBOOK: &str = "6140cefd91ffddd18144c004";

#[wasm_bindgen_test]
async fn data_state_goes_from_loading_to_ready() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(INVOICE));
    assert_eq!(state(&element).as_deref(), Some("loading"), "loading is set synchronously by mount");
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("Invoice #4417 charged twice"));
}

#[wasm_bindgen_test]
async fn update_swaps_the_context_without_remounting() {
    let element = container();
    let handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    let host_before = element.query_selector(".ksw-host").unwrap().unwrap();
    handle.update(json(&format!(r#"{{"conversationId":"{FACEBOOK}"}}"#))).unwrap();
    wait_until(&element, "the second conversation", || text(&element).contains("Where is my order?")).await;
    wait_for_state(&element, "ready").await;
    let host_after = element.query_selector(".ksw-host").unwrap().unwrap();
    assert!(host_before.is_same_node(Some(&host_after)), "same mount, new context");
}

#[wasm_bindgen_test]
async fn a_bad_context_update_is_an_error_in_the_widget() {
    let element = container();
    let handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    handle.update(json(r#"{"conversation":"x"}"#)).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("context.conversation"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn unmount_removes_everything_it_added() {
    let element = container();
    element.set_inner_html("<p class=\"host-content\">host content</p>");
    let handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    handle.unmount();
    assert_eq!(element.inner_html(), "<p class=\"host-content\">host content</p>");
    assert_eq!(state(&element), None);
    handle.unmount();
    assert!(handle.update(json(r#"{"conversationId":"x"}"#)).is_err(), "update after unmount is refused");
}

#[wasm_bindgen_test]
async fn several_widgets_on_one_page_are_independent() {
    let first = container();
    let second = container();
    let a = mount_json(&first, &demo_conversation(INVOICE));
    let _b = mount_json(&second, &demo_conversation("000000000000000000000000"));
    wait_for_state(&first, "ready").await;
    wait_for_state(&second, "error").await;
    assert!(text(&second).contains("Conversation not found"));
    a.unmount();
    assert_eq!(state(&second).as_deref(), Some("error"), "unmounting one leaves the other");
    assert!(find(&second, ".ksw-error").is_some());
}

#[wasm_bindgen_test]
async fn styles_stay_inside_the_widget() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(document.query_selector_all("style").unwrap().length(), 0, "no style added to the page");
    assert!(document.query_selector(".ksw-conv-header").unwrap().is_none(), "content is in the shadow root");
    assert!(find(&element, "style").is_some());
}

#[wasm_bindgen_test]
fn mount_throws_without_an_element() {
    let result = mount(JsValue::from_str("#app"), json(&demo_conversation(INVOICE)), JsValue::UNDEFINED);
    assert!(result.is_err());
}

const HOST_CONFIG: &str = r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host","timeoutMs":2000},"timeZone":"UTC"}"#;

fn conversation_body() -> &'static str {
    r#"{"data":{"type":"conversation","id":"c1","attributes":{"name":"From the host","status":"open","assignedUsers":[]}}}"#
}

#[wasm_bindgen_test]
async fn host_fetch_carries_every_request() {
    let element = container();
    let bodies = format!(
        r#"{{ "/v1/conversations/c1": {},
              "/v1/conversations/c1/messages?page=1&pageSize=100": {{ "data": [] }},
              "/v1/conversations/c1/attachments?page=1&pageSize=100": {{ "data": [] }} }}"#,
        conversation_body()
    );
    let stub = kustomer_stub("__hostCalls", &bodies);
    let _handle = mount(element.clone().into(), json(HOST_CONFIG), stub.into()).unwrap();
    wait_for_state(&element, "empty").await;
    assert!(text(&element).contains("From the host"));
    let calls = calls("__hostCalls");
    let seen: Vec<String> = calls
        .iter()
        .map(|call| {
            format!(
                "{} {} {}",
                field(call, "service").as_string().unwrap(),
                field(call, "method").as_string().unwrap(),
                field(call, "path").as_string().unwrap()
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            "kustomer GET /v1/conversations/c1",
            "kustomer GET /v1/conversations/c1/messages?page=1&pageSize=100",
            "kustomer GET /v1/conversations/c1/attachments?page=1&pageSize=100",
        ]
    );
}

#[wasm_bindgen_test]
async fn a_host_fetch_of_the_wrong_shape_is_named() {
    let element = container();
    let stub = host_fetch("__shapeCalls", "return Promise.resolve('{\"data\":{}}');");
    let _handle = mount(element.clone().into(), json(HOST_CONFIG), stub.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("hostFetch broke its contract"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn a_rejected_host_fetch_is_a_network_failure_with_retry() {
    let element = container();
    let stub = host_fetch(
        "__flakyCalls",
        &format!(
            "if (window.__flakyCalls.length === 1) return Promise.reject(new TypeError('Failed to fetch'));\n\
             const body = request.path === '/v1/conversations/c1' ? '{}' : '{{\"data\":[]}}';\n\
             return Promise.resolve({{ status: 200, headers: {{}}, body }});",
            conversation_body()
        ),
    );
    let _handle = mount(element.clone().into(), json(HOST_CONFIG), stub.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("Could not reach Kustomer: Failed to fetch"), "{}", text(&element));
    let retry: web_sys::HtmlElement = find(&element, ".ksw-error button").expect("a Retry button").dyn_into().unwrap();
    retry.click();
    wait_for_state(&element, "empty").await;
    assert!(text(&element).contains("From the host"));
}

#[wasm_bindgen_test]
async fn a_host_fetch_that_never_answers_times_out() {
    let element = container();
    let stub = host_fetch("__silentCalls", "return new Promise(() => {});");
    let config = HOST_CONFIG.replace("2000", "300");
    let _handle = mount(element.clone().into(), json(&config), stub.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("did not answer within"), "{}", text(&element));
    assert!(find(&element, ".ksw-error button").is_some(), "a timeout offers Retry");
}

#[wasm_bindgen_test]
async fn the_card_switched_off_is_disabled_and_makes_no_request() {
    let element = container();
    let stub = host_fetch("__offCalls", "return Promise.resolve({ status: 200, headers: {}, body: '{}' });");
    let config = r#"{"view":"insight","context":{"customerEmails":["a@b.co"]},"transport":{"kind":"host"},
        "salesforce":{"subdomain":"acme"},"visibility":{"card":false}}"#;
    let _handle = mount(element.clone().into(), json(config), stub.into()).unwrap();
    wait_for_state(&element, "disabled").await;
    assert!(calls("__offCalls").is_empty());
    assert!(text(&element).contains("turned off"));
}
