//! The conversation header and the conversation view's error states.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const INVOICE: &str = "6140cefd91ffddd18144e08b";

#[wasm_bindgen_test]
async fn header_shows_subject_status_people_times_and_link() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    let text_of = |selector: &str| find(&element, selector).and_then(|e| e.text_content()).unwrap_or_default();
    assert_eq!(text_of(".ksw-subject"), "Invoice #4417 charged twice");
    assert_eq!(text_of(".ksw-status-open"), "Open");
    assert_eq!(text_of(".ksw-priority"), "Priority 4");
    assert_eq!(text_of(".ksw-channel-email"), "Email");
    assert_eq!(text_of(".ksw-customer-name"), "Jane Cooper");
    assert_eq!(text_of(".ksw-customer-email"), "jane.cooper@brightline.io");
    assert_eq!(text_of(".ksw-assignees"), "Sam Rivera, Dana Kim");
    // 2026-11-16T14:02:11Z in UTC, through Intl in en-US.
    assert_eq!(text_of(".ksw-created"), "Nov 16, 2026, 2:02 PM");
    let created = find(&element, ".ksw-created time").unwrap();
    assert_eq!(created.get_attribute("datetime").as_deref(), Some("2026-11-16T14:02:11.000Z"));
    let link = find(&element, "a.ksw-open").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://northwind.kustomerapp.com/app/conversations/6140cefd91ffddd18144e08b")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
}

#[wasm_bindgen_test]
async fn times_follow_the_configured_locale_and_time_zone() {
    let element = container();
    let config = demo_conversation(INVOICE)
        .replace(r#""locale":"en-US","timeZone":"UTC""#, r#""locale":"de-DE","timeZone":"Asia/Tokyo""#);
    let _handle = mount_json(&element, &config);
    wait_for_state(&element, "ready").await;
    let created = find(&element, ".ksw-created").and_then(|e| e.text_content()).unwrap_or_default();
    assert_eq!(created, "16.11.2026, 23:02");
}

#[wasm_bindgen_test]
async fn an_unassigned_spam_conversation_says_so() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation("6140cefd91ffddd18144c00b"));
    wait_for_state(&element, "ready").await;
    assert!(find(&element, ".ksw-spam").is_some());
    assert_eq!(find(&element, ".ksw-assignees").and_then(|e| e.text_content()).as_deref(), Some("Unassigned"));
}

#[wasm_bindgen_test]
async fn the_rate_limit_wait_is_explained_then_the_view_loads() {
    let element = container();
    let config =
        demo_conversation(INVOICE).replace(r#""kind":"demo""#, r#""kind":"demo","scenario":"kustomer-rate-limit""#);
    let _handle = mount_json(&element, &config);
    wait_until(&element, "the rate-limit notice", || text(&element).contains("rate limit was reached")).await;
    wait_for_state(&element, "ready").await;
    assert!(!text(&element).contains("rate limit was reached"), "the notice goes once loaded");
}

#[wasm_bindgen_test]
async fn a_server_error_offers_retry() {
    let element = container();
    let config = demo_conversation(INVOICE).replace(r#""kind":"demo""#, r#""kind":"demo","scenario":"server-error""#);
    let _handle = mount_json(&element, &config);
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("Kustomer answered 500"), "{}", text(&element));
    assert!(find(&element, ".ksw-error button").is_some());
}

#[wasm_bindgen_test]
async fn a_rejected_api_key_points_at_the_named_credential() {
    let element = container();
    let stub = host_fetch("__401Calls", "return Promise.resolve({ status: 401, headers: {}, body: '{\"errors\":[{\"code\":\"auth.unauthorized\"}]}' });");
    let config = json(r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host"}}"#);
    let _handle = kustomer_salesforce_widget::host_api::mount(element.clone().into(), config, stub.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("The Kustomer API key was rejected: check the Kustomer named credential"));
    assert!(find(&element, ".ksw-error button").is_some(), "Retry, for once the credential is fixed");
}
