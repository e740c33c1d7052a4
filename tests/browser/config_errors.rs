//! A refused configuration renders its message with data-state="error".

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

async fn error_text(config: &str) -> String {
    let element = container();
    let _handle = mount_json(&element, config);
    wait_for_state(&element, "error").await;
    text(&element)
}

#[wasm_bindgen_test]
async fn unknown_key_is_named() {
    let shown = error_text(
        r#"{"view":"conversation","context":{"conversationId":"c"},"transport":{"kind":"demo"},"colour":"red"}"#,
    )
    .await;
    assert!(shown.contains("unknown key `colour`, expected one of `view`"), "{shown}");
}

#[wasm_bindgen_test]
async fn leads_without_contacts_says_so() {
    let shown = error_text(
        r#"{"view":"insight","context":{"customerEmails":["a@b.co"]},"transport":{"kind":"demo"},
            "salesforce":{"subdomain":"acme"},"visibility":{"contacts":false}}"#,
    )
    .await;
    assert!(shown.contains("Leads cannot be shown while Contacts are hidden"), "{shown}");
}

#[wasm_bindgen_test]
async fn bad_subdomain_is_named() {
    let shown = error_text(
        r#"{"view":"insight","context":{"customerEmails":["a@b.co"]},"transport":{"kind":"demo"},"salesforce":{"subdomain":"acme.salesforce.com"}}"#,
    )
    .await;
    assert!(shown.contains("salesforce.subdomain"), "{shown}");
}

#[wasm_bindgen_test]
async fn host_transport_without_host_fetch_is_refused() {
    let shown =
        error_text(r#"{"view":"conversation","context":{"conversationId":"c"},"transport":{"kind":"host"}}"#).await;
    assert!(shown.contains("needs a hostFetch function"), "{shown}");
}

#[wasm_bindgen_test]
async fn host_fetch_that_is_not_a_function_is_refused() {
    let element = container();
    let config = json(r#"{"view":"conversation","context":{"conversationId":"c"},"transport":{"kind":"host"}}"#);
    let _handle = mount(element.clone().into(), config, JsValue::from_str("fetch")).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("`hostFetch`"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn unknown_time_zone_is_named() {
    let shown = error_text(r#"{"view":"conversation","context":{"conversationId":"c"},"transport":{"kind":"demo"},"timeZone":"Mars/Olympus_Mons"}"#).await;
    assert!(shown.contains("`timeZone`") && shown.contains("Mars/Olympus_Mons"), "{shown}");
}

#[wasm_bindgen_test]
async fn a_config_that_is_not_an_object_is_an_error() {
    let element = container();
    let _handle = mount(element.clone().into(), JsValue::from_f64(42.0), JsValue::UNDEFINED).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("expected the config as an object"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn a_refused_config_cannot_be_updated_into_a_good_one() {
    let element = container();
    let handle = mount_json(&element, r#"{"view":"conversation","transport":{"kind":"demo"}}"#);
    wait_for_state(&element, "error").await;
    assert!(handle.update(json(r#"{"conversationId":"c"}"#)).is_err());
}
