//! Replies from every common mail client show their new text, with the quoted history
//! behind "Show quoted text", which reveals exactly what was cut and resizes the frame.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlIFrameElement;

use crate::support::*;

const REPLIES: [(&str, &str); 13] = [
    ("outlook-2003", include_str!("../fixtures/replies/outlook-2003.html")),
    ("outlook-desktop", include_str!("../fixtures/replies/outlook-desktop.html")),
    ("outlook-web", include_str!("../fixtures/replies/outlook-web.html")),
    ("hotmail", include_str!("../fixtures/replies/hotmail.html")),
    ("windows-mail", include_str!("../fixtures/replies/windows-mail.html")),
    // Windows Mail on Windows 8.1: history under a top-ruled header block, in English and
    // in Japanese.
    ("windows-mail-8", include_str!("../fixtures/replies/windows-mail-8.html")),
    ("windows-mail-8-ja", include_str!("../fixtures/replies/windows-mail-8-ja.html")),
    ("yandex", include_str!("../fixtures/replies/yandex.html")),
    ("mail-ru", include_str!("../fixtures/replies/mail-ru.html")),
    ("gmail", include_str!("../fixtures/replies/gmail.html")),
    ("apple-mail", include_str!("../fixtures/replies/apple-mail.html")),
    ("thunderbird", include_str!("../fixtures/replies/thunderbird.html")),
    ("yahoo", include_str!("../fixtures/replies/yahoo.html")),
];

/// A conversation whose messages are the replies, one per client, as email HTML.
fn replies_fetch() -> js_sys::Function {
    let messages: Vec<serde_json::Value> = REPLIES
        .iter()
        .enumerate()
        .map(|(idx, (client, html))| {
            serde_json::json!({ "id": client, "attributes": {
                "channel": "email", "direction": "in", "htmlBody": html,
                "sentAt": format!("2026-11-23T10:{idx:02}:00.000Z") } })
        })
        .collect();
    let bodies = serde_json::json!({
        "/v1/conversations/q1": { "data": { "id": "q1", "attributes": { "name": "Replies", "assignedUsers": [] } } },
        "/v1/conversations/q1/messages?page=1&pageSize=100": { "data": messages },
        "/v1/conversations/q1/attachments?page=1&pageSize=100": { "data": [] },
    });
    kustomer_stub("__replies", &bodies.to_string())
}

fn frame_text(frame: &HtmlIFrameElement) -> String {
    frame.content_document().and_then(|d| d.body()).and_then(|b| b.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn every_clients_reply_shows_its_new_text_with_the_history_one_click_away() {
    let element = container();
    let config = r#"{"view":"conversation","context":{"conversationId":"q1"},"transport":{"kind":"host"}}"#;
    let _handle = mount(element.clone().into(), json(config), replies_fetch().into()).unwrap();
    wait_for_state(&element, "ready").await;
    for (client, _) in REPLIES {
        let email = find(&element, &format!(".ksw-email[data-message-id=\"{client}\"]"))
            .unwrap_or_else(|| panic!("{client}: an email"));
        let frame: HtmlIFrameElement = email.query_selector("iframe").unwrap().unwrap().dyn_into().unwrap();
        wait_until(&element, &format!("{client}'s frame"), || frame_text(&frame).contains("NEW-TEXT")).await;
        assert!(!frame_text(&frame).contains("OLD-HISTORY"), "{client}: history collapsed: {}", frame_text(&frame));
        if client == "windows-mail-8" {
            let shown = frame_text(&frame);
            assert!(
                shown.contains("Regards,") && shown.contains("Priya Raman"),
                "{client}: the signature stays: {shown}"
            );
        }
        let toggle = email.query_selector("button[data-action=\"email-quote\"]").unwrap();
        let toggle: web_sys::HtmlElement =
            toggle.unwrap_or_else(|| panic!("{client}: a Show quoted text control")).dyn_into().unwrap();
        assert_eq!(toggle.text_content().as_deref(), Some("Show quoted text"));
        let before = frame.offset_height();
        toggle.click();
        wait_until(&element, &format!("{client}'s history"), || frame_text(&frame).contains("OLD-HISTORY")).await;
        assert!(frame_text(&frame).contains("NEW-TEXT"), "{client}: the new text stays");

        wait_until(&element, &format!("{client}'s frame to grow"), || frame.offset_height() > before).await;
        assert_eq!(toggle.text_content().as_deref(), Some("Hide quoted text"));
    }
}
