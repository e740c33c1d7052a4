//! For every agent: dates, numbers and money in their locale; right-to-left and mixed
//! messages each in their own direction; long words that wrap in a 320 px sidebar; a dark
//! scheme when the host asks for one.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

use crate::support::*;

const INVOICE: &str = "6140cefd91ffddd18144e08b";

fn card_config(locale: &str) -> String {
    format!(
        r#"{{"view":"insight","context":{{"customerEmails":["jane.cooper@brightline.io"]}},"transport":{{"kind":"demo"}},
            "salesforce":{{"subdomain":"locale-{locale}","currency":"USD"}},"locale":"{locale}","timeZone":"UTC"}}"#
    )
}

fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

#[wasm_bindgen_test]
async fn dates_numbers_and_money_follow_the_locale() {
    // (locale, created, amount, close date); ar-EG writes Arabic-Indic digits.
    let expected = [
        ("en-US", "Nov 16, 2026", "$148,800.00", "Dec 15, 2026"),
        ("de-DE", "16.11.2026, 14:02", "148.800,00\u{a0}$", "15.12.2026"),
        ("ja-JP", "2026/11/16 14:02", "$148,800.00", "2026/12/15"),
        ("ar-EG", "١٦", "١٤٨٬٨٠٠٫٠٠", "١٥"),
    ];
    for (locale, created, amount, close) in expected {
        let element = container();
        let config = demo_conversation(INVOICE).replace(r#""locale":"en-US""#, &format!(r#""locale":"{locale}""#));
        let _handle = mount_json(&element, &config);
        wait_for_state(&element, "ready").await;
        let shown = text_of(&element, ".ksw-created");
        assert!(shown.contains(created), "{locale}: created {shown:?}");
        assert_eq!(locale == "ar-EG", !has_ascii_digit(&shown), "{locale}: digits of {shown:?}");
        let day = text_of(&element, ".ksw-day");
        assert!(!day.is_empty() && !day.contains("2026-11"), "{locale}: day heading {day:?}");

        let card = container();
        let _card = mount_json(&card, &card_config(locale));
        wait_for_state(&card, "ready").await;
        let opportunity = text_of(&card, ".ksw-opportunities .ksw-record");
        assert!(opportunity.contains(amount), "{locale}: amount in {opportunity:?}");
        assert!(opportunity.contains(close), "{locale}: close date in {opportunity:?}");
    }
}

/// A conversation whose subject and first message are Arabic and whose reply is English.
fn mixed_direction_fetch(record: &str) -> js_sys::Function {
    kustomer_stub(
        record,
        r#"{
          "/v1/conversations/rtl": { data: { id: "rtl", attributes: { name: "مشكلة في الفاتورة", assignedUsers: [] } } },
          "/v1/conversations/rtl/messages?page=1&pageSize=100": { data: [
            { id: "m1", attributes: { channel: "chat", direction: "in", sentAt: "2026-11-20T10:00:00Z", body: "مرحبا، لدي سؤال عن فاتورتي رقم 1234" } },
            { id: "m2", attributes: { channel: "chat", direction: "out", sentAt: "2026-11-20T10:05:00Z", body: "Hello! Invoice 1234 is paid — شكرا" } },
            { id: "m3", attributes: { channel: "email", direction: "in", sentAt: "2026-11-20T10:09:00Z", htmlBody: "<p>שלום, תודה רבה</p>" } }
          ] },
          "/v1/conversations/rtl/attachments?page=1&pageSize=100": { data: [] }
        }"#,
    )
}

fn matches(element: &web_sys::Element, selector: &str) -> bool {
    element.matches(selector).unwrap()
}

#[wasm_bindgen_test]
async fn each_message_takes_the_direction_of_its_own_text() {
    let element = container();
    let config =
        r#"{"view":"conversation","context":{"conversationId":"rtl"},"transport":{"kind":"host"},"timeZone":"UTC"}"#;
    let _handle = mount(element.clone().into(), json(config), mixed_direction_fetch("rtl-calls").into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert!(matches(&find(&element, ".ksw-subject").unwrap(), ":dir(rtl)"), "the Arabic subject");
    let bodies = find_all(&element, ".ksw-text");
    assert_eq!(bodies.len(), 2);
    assert!(matches(&bodies[0], ":dir(rtl)"), "the Arabic message");
    assert!(matches(&bodies[1], ":dir(ltr)"), "the English reply with an Arabic word");
    // The widget itself stays left-to-right: only the content turns.
    assert!(matches(&find(&element, ".ksw-root").unwrap(), ":dir(ltr)"));
    let frame: web_sys::HtmlIFrameElement = find(&element, "iframe.ksw-email-frame").unwrap().dyn_into().unwrap();
    wait_until(&element, "the email frame to load", || {
        frame
            .content_document()
            .and_then(|d| d.body())
            .is_some_and(|b| b.text_content().unwrap_or_default().contains("שלום"))
    })
    .await;
    let body = frame.content_document().unwrap().body().unwrap();
    assert!(matches(&body, ":dir(rtl)"), "the Hebrew email");
}

/// Every element's right edge inside the widget's: nothing sticks out or scrolls sideways.
fn assert_fits(element: &HtmlElement, what: &str) {
    let root: HtmlElement = find(element, ".ksw-root").unwrap().dyn_into().unwrap();
    let right = root.get_bounding_client_rect().right();
    let outside: Vec<String> = find_all(element, ".ksw-root *")
        .iter()
        .filter(|inner| inner.get_bounding_client_rect().right() > right + 0.5)
        .map(|inner| format!("<{} class={:?}>", inner.tag_name(), inner.get_attribute("class").unwrap_or_default()))
        .collect();
    assert!(outside.is_empty(), "{what}: ends past the widget's {right}px: {outside:?}");
    assert!(
        root.scroll_width() <= root.client_width(),
        "{what}: scrolls sideways ({} > {})",
        root.scroll_width(),
        root.client_width()
    );
}

fn narrow() -> HtmlElement {
    let element = container();
    element.style().set_property("width", "320px").unwrap();
    element
}

#[wasm_bindgen_test]
async fn long_words_and_addresses_wrap_in_a_320px_sidebar() {
    let word = "Donaudampfschifffahrtsgesellschaftskapitän".repeat(6);
    let url = format!("https://example.com/{}", "very-long-path-segment/".repeat(12));
    let email = format!("{}@example.com", "a".repeat(90));
    let bodies = format!(
        r#"{{
          "/v1/conversations/long": {{ data: {{ id: "long", attributes: {{ name: "{word}", assignedUsers: [] }},
            relationships: {{ customer: {{ data: {{ type: "customer", id: "k1" }} }} }} }} }},
          "/v1/customers/k1": {{ data: {{ id: "k1", attributes: {{ displayName: "{word}", emails: [{{ email: "{email}" }}] }} }} }},
          "/v1/conversations/long/messages?page=1&pageSize=100": {{ data: [
            {{ id: "m1", attributes: {{ channel: "email", direction: "in", sentAt: "2026-11-20T10:00:00Z", body: "{word} {url}",
               meta: {{ from: "{email}", to: ["{email}"], subject: "{word}" }} }} }},
            {{ id: "m2", attributes: {{ channel: "chat", direction: "out", sentAt: "2026-11-20T10:05:00Z", body: "{url}" }} }}
          ] }},
          "/v1/conversations/long/attachments?page=1&pageSize=100": {{ data: [
            {{ id: "a1", attributes: {{ name: "{word}.pdf", contentType: "application/pdf", contentLength: 1234 }},
               relationships: {{ message: {{ data: {{ id: "m1" }} }} }}, links: {{ related: "{url}" }} }}
          ] }}
        }}"#
    );
    let element = narrow();
    let config =
        r#"{"view":"conversation","context":{"conversationId":"long"},"transport":{"kind":"host"},"timeZone":"UTC"}"#;
    let _handle = mount(element.clone().into(), json(config), kustomer_stub("long-calls", &bodies).into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains(&word));
    assert_fits(&element, "conversation");

    let card = narrow();
    let _card = mount_json(&card, &card_config("en-US"));
    wait_for_state(&card, "ready").await;
    assert_fits(&card, "Insight Card");
}

/// Relative luminance of a computed `rgb(…)` colour.
fn luminance(color: &str) -> f64 {
    let channels: Vec<f64> = color
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|part| part.trim().parse::<f64>().unwrap() / 255.0)
        .map(|c| if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) })
        .collect();
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

fn computed(element: &web_sys::Element, property: &str) -> String {
    let style = web_sys::window().unwrap().get_computed_style(element).unwrap().unwrap();
    style.get_property_value(property).unwrap()
}

#[wasm_bindgen_test]
async fn a_host_can_pin_the_dark_or_light_scheme() {
    for (scheme, dark) in [("dark", true), ("light", false)] {
        let element = container();
        let config =
            demo_conversation(INVOICE).replace(r#""locale""#, &format!(r#""colorScheme":"{scheme}","locale""#));
        let _handle = mount_json(&element, &config);
        wait_for_state(&element, "ready").await;
        let root = find(&element, ".ksw-root").unwrap();
        assert_eq!(root.get_attribute("data-scheme").as_deref(), Some(scheme));
        let (background, text) =
            (luminance(&computed(&root, "background-color")), luminance(&computed(&root, "color")));
        assert_eq!(background < text, dark, "{scheme}: background {background:.3}, text {text:.3}");
        let contrast = (background.max(text) + 0.05) / (background.min(text) + 0.05);
        assert!(contrast >= 7.0, "{scheme}: body text contrast {contrast:.1}");
        // The email keeps the light page it was written for.
        let frame = find(&element, "iframe.ksw-email-frame").unwrap();
        assert!(luminance(&computed(&frame, "background-color")) > 0.9, "{scheme}: the email's page");
    }
}
