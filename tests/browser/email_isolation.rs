//! Untrusted email HTML: no script, no form, no navigation, no remote load until asked,
//! and no effect on the widget's or the page's styles.

use kustomer_salesforce_widget::host_api::Handle;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlIFrameElement;

use crate::support::*;

const SPAM: &str = "6140cefd91ffddd18144c00b";
const INVOICE: &str = "6140cefd91ffddd18144e08b";

async fn loaded_frame(element: &web_sys::HtmlElement) -> HtmlIFrameElement {
    let frame: HtmlIFrameElement = find(element, "iframe.ksw-email-frame").expect("an email frame").dyn_into().unwrap();
    wait_until(element, "the email frame to load", || {
        frame.content_document().and_then(|d| d.body()).is_some_and(|b| b.inner_html().contains("Action required"))
    })
    .await;
    frame
}

#[wasm_bindgen_test]
async fn a_hostile_email_runs_nothing_submits_nothing_loads_nothing_and_restyles_nothing() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(SPAM));
    wait_for_state(&element, "ready").await;
    let frame = loaded_frame(&element).await;
    // Time for anything that was going to run.
    sleep(300).await;
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    assert_eq!(body.get_attribute("data-pwned"), None, "no script or handler ran");

    let sandbox = frame.get_attribute("sandbox").unwrap();
    assert!(
        !sandbox.contains("allow-scripts")
            && !sandbox.contains("allow-forms")
            && !sandbox.contains("allow-top-navigation"),
        "{sandbox}"
    );

    // Submitting the form is refused by the sandbox: the frame stays on its document.
    let inner = frame.content_document().unwrap();
    let form = inner.query_selector("form").unwrap().expect("the form is there, inert");
    let _ = js_sys::Reflect::get(&form, &"requestSubmit".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|submit| submit.call0(&form));
    sleep(200).await;
    assert!(
        frame.content_document().is_some_and(|d| d.query_selector("form").ok().flatten().is_some()),
        "no navigation happened"
    );
    assert_eq!(frame.content_window().unwrap().location().href().unwrap(), "about:srcdoc");

    // Nothing was fetched from the sender's host.
    let performance = web_sys::window().unwrap().performance().unwrap();
    let entries = performance.get_entries_by_type("resource");
    let fetched: Vec<String> =
        entries.iter().filter_map(|e| js_sys::Reflect::get(&e, &"name".into()).ok()?.as_string()).collect();
    assert!(!fetched.iter().any(|url| url.contains("payout-verify.example")), "{fetched:?}");
    // The frame is another realm: its elements are not instances of this page's classes.
    let image: web_sys::HtmlImageElement = inner.query_selector("img").unwrap().unwrap().unchecked_into();
    assert_eq!(image.natural_width(), 0, "the tracking image did not load");

    // The email's CSS stays in its frame.
    let message = find(&element, ".ksw-message").unwrap();
    let style = web_sys::window().unwrap().get_computed_style(&message).unwrap().unwrap();
    assert_ne!(style.get_property_value("display").unwrap(), "none");
    let page_style = web_sys::window().unwrap().get_computed_style(&body).unwrap().unwrap();
    assert_ne!(page_style.get_property_value("background-color").unwrap(), "rgb(255, 0, 0)");
    assert!(
        find(&element, ".ksw-email-controls .ksw-remote-toggle").is_some(),
        "remote content is offered, not loaded"
    );
}

#[wasm_bindgen_test]
async fn show_remote_content_loosens_only_remote_loads() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(SPAM));
    wait_for_state(&element, "ready").await;
    let frame = loaded_frame(&element).await;
    assert!(frame.get_attribute("srcdoc").unwrap().contains("img-src data:;"));
    click(&element, ".ksw-remote-toggle");
    wait_until(&element, "the policy to change", || frame.get_attribute("srcdoc").unwrap().contains("img-src https:"))
        .await;
    let srcdoc = frame.get_attribute("srcdoc").unwrap();
    assert!(srcdoc.contains("default-src 'none'"), "scripts stay forbidden");
    assert!(!frame.get_attribute("sandbox").unwrap().contains("allow-scripts"));
}

#[wasm_bindgen_test]
async fn quoted_history_is_collapsed_behind_a_toggle() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    let frames = find_all(&element, "iframe.ksw-email-frame");
    let reply: HtmlIFrameElement = frames[1].clone().dyn_into().unwrap();
    assert!(!reply.get_attribute("srcdoc").unwrap().contains("gmail_quote"), "the quote starts hidden");
    let toggles = find_all(&element, ".ksw-quote-toggle");
    assert_eq!(toggles[0].text_content().as_deref(), Some("Show quoted text"));
    toggles[0].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    wait_until(&element, "the quote", || reply.get_attribute("srcdoc").unwrap().contains("gmail_quote")).await;
    assert_eq!(toggles[0].text_content().as_deref(), Some("Hide quoted text"));
}

#[wasm_bindgen_test]
async fn the_frame_is_sized_to_its_content() {
    let element = container();
    let _handle = mount_json(&element, &demo_conversation(INVOICE));
    wait_for_state(&element, "ready").await;
    // Looked up each time: the list is drawn again once the agents' names are in.
    let frame = || -> HtmlIFrameElement { find(&element, "iframe.ksw-email-frame").unwrap().dyn_into().unwrap() };
    wait_until(&element, "the frame to be sized", || {
        frame().get_attribute("style").is_some_and(|s| s.contains("height"))
            && frame().content_document().and_then(|d| d.document_element()).is_some()
    })
    .await;
    let frame = frame();
    let inner_height = frame.content_document().unwrap().document_element().unwrap().scroll_height();
    assert!(frame.offset_height() >= inner_height, "{} < {inner_height}", frame.offset_height());
}

/// Mounts, in `element`, a conversation of one inbound email with `html_body` (in single
/// quotes in a JS literal), and gives back its handle and the email's frame once ready.
async fn one_email(element: &web_sys::HtmlElement, id: &str, html_body: &str) -> (Handle, HtmlIFrameElement) {
    let bodies = format!(
        r#"{{
          "/v1/conversations/{id}": {{ data: {{ id: "{id}", attributes: {{ name: "One email", assignedUsers: [] }} }} }},
          "/v1/conversations/{id}/messages?page=1&pageSize=100": {{ data: [
            {{ id: "m1", attributes: {{ channel: "email", direction: "in", htmlBody: '{html_body}' }} }}
          ] }},
          "/v1/conversations/{id}/attachments?page=1&pageSize=100": {{ data: [] }}
        }}"#
    );
    let config =
        format!(r#"{{"view":"conversation","context":{{"conversationId":"{id}"}},"transport":{{"kind":"host"}}}}"#);
    let fetch = kustomer_stub(&format!("{id}-calls"), &bodies);
    let handle =
        kustomer_salesforce_widget::host_api::mount(element.clone().into(), json(&config), fetch.into()).unwrap();
    wait_for_state(element, "ready").await;
    let frame = find(element, "iframe.ksw-email-frame").unwrap().dyn_into().unwrap();
    (handle, frame)
}

/// An email that names its elements after the document's own properties (DOM
/// clobbering) must still be measured: its frame grows to show all of it.
#[wasm_bindgen_test]
async fn an_email_that_clobbers_its_document_is_still_sized_to_its_content() {
    let clobbering = r#"<img name="documentElement"><img name="documentElement"><form name="body"></form><form name="scrollingElement"></form>"#;
    let element = container();
    let (_handle, frame) = one_email(&element, "cl", &(clobbering.to_string() + &"<p>line</p>".repeat(40))).await;
    // Earlier tests' widgets stay in the page above this one: bring it into sight.
    frame.scroll_into_view();
    wait_until(&element, "forty lines to need more than 400px", || frame.get_bounding_client_rect().height() > 400.0)
        .await;
}

/// A batch out of sight is not laid out, so an email frame that loads there cannot be
/// measured then: it is sized when its batch comes into sight.
#[wasm_bindgen_test]
async fn an_email_that_loads_out_of_sight_is_sized_when_it_comes_into_sight() {
    let document = web_sys::window().unwrap().document().unwrap();
    let spacer: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    spacer.set_attribute("style", "height: 20000px").unwrap();
    document.body().unwrap().append_child(&spacer).unwrap();
    let element = container();
    let (_handle, frame) = one_email(&element, "os", &"<p>line</p>".repeat(40)).await;
    wait_until(&element, "the frame to load", || {
        frame.content_document().and_then(|d| d.body()).is_some_and(|b| b.inner_html().contains("line"))
    })
    .await;
    sleep(100).await;
    frame.scroll_into_view();
    wait_until(&element, "forty lines to need more than 400px", || frame.get_bounding_client_rect().height() > 400.0)
        .await;
    spacer.remove();
}
