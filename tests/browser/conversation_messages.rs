//! The conversation's messages: every channel, senders, text as text, attachments,
//! paging, long conversations and the states around them.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const INVOICE: &str = "6140cefd91ffddd18144e08b";
const LONG_CHAT: &str = "6140cefd91ffddd18144c001";
const SMS: &str = "6140cefd91ffddd18144c002";
const WHATSAPP: &str = "6140cefd91ffddd18144c003";
const VOICE: &str = "6140cefd91ffddd18144c008";
const EMPTY: &str = "6140cefd91ffddd18144c00c";

async fn demo(id: &str, state: &str) -> web_sys::HtmlElement {
    let element = container();
    std::mem::forget(mount_json(&element, &demo_conversation(id)));
    wait_for_state(&element, state).await;
    element
}

#[wasm_bindgen_test]
async fn every_channel_renders_with_its_label() {
    let cases = [
        ("6140cefd91ffddd18144e08b", "email", "Email"),
        (LONG_CHAT, "chat", "Chat"),
        (SMS, "sms", "SMS"),
        (WHATSAPP, "whatsapp", "WhatsApp"),
        ("6140cefd91ffddd18144c004", "facebook", "Facebook"),
        ("6140cefd91ffddd18144c005", "instagram", "Instagram"),
        ("6140cefd91ffddd18144c006", "twitter-dm", "X direct message"),
        ("6140cefd91ffddd18144c007", "twitter-tweet", "X post"),
        (VOICE, "voice", "Voice"),
        ("6140cefd91ffddd18144c009", "form", "Form"),
        ("6140cefd91ffddd18144c00a", "other", "line"),
    ];
    for (id, slug, label) in cases {
        let element = demo(id, "ready").await;
        let selector = format!(".ksw-msg-{slug} .ksw-message-head .ksw-chip");
        assert_eq!(text_of(&element, &selector), label, "{id}");
    }
}

#[wasm_bindgen_test]
async fn inbound_and_outbound_are_apart_with_senders_and_times() {
    let element = demo(WHATSAPP, "ready").await;
    let messages = find_all(&element, ".ksw-message");
    assert_eq!(messages.len(), 4);
    assert!(messages[0].class_list().contains("ksw-in"));
    assert!(messages[2].class_list().contains("ksw-out"));
    let senders: Vec<String> =
        find_all(&element, ".ksw-sender").iter().map(|e| e.text_content().unwrap_or_default()).collect();
    assert_eq!(senders, vec!["Luis Ortega", "Luis Ortega", "Dana Kim", "Automated"]);
    // 2026-11-19T08:12:00Z in UTC.
    assert_eq!(text_of(&element, ".ksw-message .ksw-time"), "8:12 AM");
    assert_eq!(text_of(&element, ".ksw-day"), "Thursday, November 19, 2026");
}

#[wasm_bindgen_test]
async fn email_headers_are_shown_for_every_recipient_shape() {
    let element = demo(INVOICE, "ready").await;
    let metas: Vec<String> =
        find_all(&element, ".ksw-email-meta").iter().map(|e| e.text_content().unwrap_or_default()).collect();
    assert!(metas[0].contains("Fromjane.cooper@brightline.io"), "{}", metas[0]);
    assert!(metas[0].contains("Tobilling@northwind-support.com"));
    assert!(metas[0].contains("Ccjane@cooper.family"));
    assert!(metas[0].contains("SubjectInvoice #4417 charged twice"));
    assert!(
        metas[3].contains("Tojane.cooper@brightline.io") && metas[3].contains("Ccap@brightline.io"),
        "{}",
        metas[3]
    );
}

#[wasm_bindgen_test]
async fn text_is_text_and_only_real_links_are_live() {
    let element = container();
    let bodies = r#"{
        "/v1/conversations/c1": { "data": { "id": "c1", "attributes": { "name": "Markup" } } },
        "/v1/conversations/c1/messages?page=1&pageSize=100": { "data": [ { "id": "m1", "attributes": {
            "channel": "chat", "direction": "in", "sentAt": "2026-11-20T10:00:00Z",
            "body": "<b>bold</b> <img src=x onerror=\"document.body.dataset.pwned='text'\">\nsecond line https://x.example/a. javascript:alert(1)\n\n> quoted reply"
        } } ], "links": { "next": null } },
        "/v1/conversations/c1/attachments?page=1&pageSize=100": { "data": [] }
    }"#;
    let stub = kustomer_stub("__textCalls", bodies);
    let config = json(
        r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host"},"timeZone":"UTC"}"#,
    );
    let _handle = mount(element.clone().into(), config, stub.into()).unwrap();
    wait_for_state(&element, "ready").await;
    let body = find(&element, ".ksw-text").unwrap();
    assert!(body.text_content().unwrap().starts_with("<b>bold</b> <img src=x"), "markup shown as written");
    assert!(find(&element, ".ksw-text b").is_none() && find(&element, ".ksw-text img").is_none());
    assert!(body.text_content().unwrap().contains("\nsecond line"), "line breaks kept");
    let links = find_all(&element, ".ksw-text a");
    assert_eq!(links.len(), 1, "only the https link is live");
    assert_eq!(links[0].get_attribute("href").as_deref(), Some("https://x.example/a"));
    assert_eq!(links[0].get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(links[0].get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    let quoted = find(&element, ".ksw-quoted").unwrap();
    assert!(quoted.has_attribute("hidden"));
    click(&element, ".ksw-text + .ksw-link-button");
    leptos::task::tick().await;
    assert!(!quoted.has_attribute("hidden"), "Show quoted text reveals it");
    let body_data = web_sys::window().unwrap().document().unwrap().body().unwrap().get_attribute("data-pwned");
    assert_eq!(body_data, None);
}

#[wasm_bindgen_test]
async fn attachments_have_names_sizes_downloads_and_safe_previews() {
    let element = demo(INVOICE, "ready").await;
    let names: Vec<String> =
        find_all(&element, ".ksw-file-name").iter().map(|e| e.text_content().unwrap_or_default()).collect();
    assert_eq!(
        names,
        vec![
            "statement-nov-2026.pdf",
            "duplicate-charge.png",
            "transactions.csv",
            "refund-receipt.pdf",
            "brightline-logo.svg"
        ]
    );
    let first = find(&element, ".ksw-attachment").unwrap();
    let download = first.query_selector("a.ksw-download").unwrap().unwrap();
    assert!(download.get_attribute("href").unwrap().starts_with("data:application/pdf,"));
    assert_eq!(download.get_attribute("download").as_deref(), Some("statement-nov-2026.pdf"));
    assert_eq!(text_of(&element, ".ksw-attachment .ksw-file-type"), "application/pdf");
    let sizes: Vec<String> =
        find_all(&element, ".ksw-file-size").iter().map(|e| e.text_content().unwrap_or_default()).collect();
    assert!(sizes.contains(&"48 KB".to_string()), "{sizes:?}");
    assert!(text(&element).contains("Not available for download"), "metadata-only attachment");
    // Only the PNG offers a preview; the SVG never does.
    let previews = find_all(&element, ".ksw-preview-toggle");
    assert_eq!(previews.len(), 1);
    previews[0].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    let image = find(&element, "img.ksw-preview").expect("the preview");
    assert!(image.get_attribute("src").unwrap().starts_with("data:image/png;base64,"));
}

#[wasm_bindgen_test]
async fn redacted_messages_and_attachments_say_so() {
    let element = demo(SMS, "ready").await;
    assert_eq!(text_of(&element, ".ksw-redacted"), "This message was redacted.");
    assert!(text_of(&element, ".ksw-attachment-redacted").contains("This attachment was redacted."));
    assert!(find(&element, ".ksw-attachment-redacted a").is_none(), "nothing to download");
}

#[wasm_bindgen_test]
async fn voice_messages_show_their_call() {
    let element = demo(VOICE, "ready").await;
    let call = text_of(&element, ".ksw-call");
    assert!(call.contains("Callcompleted") && call.contains("Duration7:23"), "{call}");
    assert_eq!(
        find(&element, ".ksw-recording").unwrap().get_attribute("href").as_deref(),
        Some("https://recordings.example/calls/7731.mp3")
    );
}

#[wasm_bindgen_test]
async fn long_conversations_load_every_page_and_render_in_batches() {
    let element = demo(LONG_CHAT, "ready").await;
    assert_eq!(find_all(&element, ".ksw-message").len(), 100);
    assert!(text(&element).contains("540 earlier messages not shown"));
    let last = find_all(&element, ".ksw-message").pop().unwrap();
    assert_eq!(
        last.get_attribute("data-message-id").as_deref(),
        Some("64a1c0ded18144c001000280"),
        "the newest is last"
    );
    let first_id = |element: &web_sys::HtmlElement| {
        find(element, ".ksw-message").and_then(|m| m.get_attribute("data-message-id")).unwrap_or_default()
    };
    // Reading back: two batches at most in the page; the newest leaves as older ones come.
    // The step control is the same element throughout, so a reader's focus stays on it.
    let control: web_sys::HtmlElement = find(&element, ".ksw-earlier button").unwrap().dyn_into().unwrap();
    control.focus().unwrap();
    let mut days = 0;
    for (expected, newer) in [(200, 0), (200, 100), (200, 200), (200, 300), (200, 400), (140, 500)] {
        let before = first_id(&element);
        if expected == 140 {
            let focused =
                shadow(&element).active_element().map(|focused| &focused == control.as_ref() as &web_sys::Element);
            assert_eq!(focused, Some(true), "focus stayed on the control through five steps");
            assert_eq!(control.text_content().as_deref(), Some("Show 40 earlier messages"));
        }
        click(&element, ".ksw-earlier button");
        wait_until(&element, "earlier messages", || first_id(&element) != before).await;
        assert_eq!(find_all(&element, ".ksw-message").len(), expected);
        assert_eq!(find(&element, ".ksw-newer").is_some(), newer > 0);
        if newer > 0 {
            assert!(text(&element).contains(&format!(" {newer} newer messages not shown")), "{}", text(&element));
        }
        days = days.max(find_all(&element, ".ksw-day").len());
    }
    assert!(find(&element, ".ksw-earlier").is_none(), "the oldest message is shown");
    assert_eq!(first_id(&element), "64a1c0ded18144c001000001");
    assert!(days >= 2, "the chat spans several days");
    // And forward again, to the newest.
    for _ in 0..5 {
        let before = first_id(&element);
        click(&element, ".ksw-newer button");
        wait_until(&element, "newer messages", || first_id(&element) != before).await;
    }
    assert!(find(&element, ".ksw-newer").is_none());
    let last = find_all(&element, ".ksw-message").pop().unwrap();
    assert_eq!(last.get_attribute("data-message-id").as_deref(), Some("64a1c0ded18144c001000280"));
}

#[wasm_bindgen_test]
async fn five_thousand_messages_render_a_window_not_the_whole_list() {
    let element = container();
    // 50 pages of 100 messages, generated in the host's fetch.
    let stub = host_fetch(
        "__bigCalls",
        "const m = request.path.match(/messages\\?page=(\\d+)/);\n\
         if (request.path === '/v1/conversations/big') return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify({ data: { id: 'big', attributes: { name: 'Big' } } }) });\n\
         if (!m) return Promise.resolve({ status: 200, headers: {}, body: '{\"data\":[]}' });\n\
         const page = Number(m[1]);\n\
         const data = Array.from({ length: 100 }, (_, i) => { const n = (page - 1) * 100 + i; return { id: 'm' + String(n).padStart(5, '0'), attributes: { channel: 'chat', direction: n % 2 ? 'out' : 'in', body: 'message ' + n, sentAt: new Date(Date.UTC(2026, 0, 1) + n * 60000).toISOString() } }; });\n\
         const next = page < 50 ? '/v1/conversations/big/messages?page=' + (page + 1) + '&pageSize=100' : null;\n\
         return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify({ data, links: { next } }) });",
    );
    let config = json(
        r#"{"view":"conversation","context":{"conversationId":"big"},"transport":{"kind":"host"},"timeZone":"UTC"}"#,
    );
    let _handle = mount(element.clone().into(), config, stub.into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert_eq!(find_all(&element, ".ksw-message").len(), 100);
    assert!(text(&element).contains("4900 earlier messages not shown"), "{}", text_of(&element, ".ksw-earlier"));
    assert_eq!(calls("__bigCalls").len(), 52, "conversation, 50 pages, attachments");
}

#[wasm_bindgen_test]
async fn an_empty_conversation_is_empty() {
    let element = demo(EMPTY, "empty").await;
    assert!(text(&element).contains("This conversation has no messages yet."));
    assert_eq!(text_of(&element, ".ksw-subject"), "New chat", "the header still shows");
    assert!(find(&element, ".ksw-tools").is_none(), "nothing to find or keep, so no Find or transcript");
}

#[wasm_bindgen_test]
async fn missing_roles_are_named_and_agents_failing_keeps_the_messages() {
    let element = container();
    let bodies = r#"{
        "/v1/conversations/c1": { "data": { "id": "c1", "attributes": { "name": "Roles", "assignedUsers": ["u1"] } } },
        "/v1/conversations/c1/messages?page=1&pageSize=100": { "data": [ { "id": "m1", "attributes": { "channel": "chat", "direction": "out", "body": "hello" },
            "relationships": { "createdBy": { "data": { "type": "user", "id": "u1" } } } } ] },
        "/v1/conversations/c1/attachments?page=1&pageSize=100": { "data": [] }
    }"#;
    let stub = kustomer_stub("__roleCalls", bodies);
    let config = json(r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host"}}"#);
    let _handle = mount(element.clone().into(), config, stub.into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("hello"));
    assert!(text(&element).contains("Some agent names could not be loaded"), "{}", text(&element));

    let element = container();
    let stub = host_fetch(
        "__forbidden",
        "if (request.path.includes('/messages')) return Promise.resolve({ status: 403, headers: {}, body: '{}' });\n\
         return Promise.resolve({ status: 200, headers: {}, body: '{\"data\":{\"id\":\"c1\",\"attributes\":{}}}' });",
    );
    let config = json(r#"{"view":"conversation","context":{"conversationId":"c1"},"transport":{"kind":"host"}}"#);
    let _handle = mount(element.clone().into(), config, stub.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("org.permission.message.read"), "{}", text(&element));
}

/// A conversation of 1,000 messages whose pages run oldest first, each answer 120 ms
/// late, as through a relay: its `messageCount` and `lastMessageAt` say where the newest
/// are.
fn oldest_first_thousand(record: &str) -> js_sys::Function {
    host_fetch(
        record,
        "const respond = (body) => ({ status: 200, headers: {}, body: JSON.stringify(body) });\n\
         const at = (n) => new Date(Date.UTC(2026, 10, 1) + n * 60000).toISOString();\n\
         let answer;\n\
         if (request.path === '/v1/conversations/k1000') answer = respond({ data: { id: 'k1000', attributes: { name: 'A thousand', assignedUsers: [], messageCount: 1000, lastMessageAt: at(999) } } });\n\
         else if (request.path.startsWith('/v1/conversations/k1000/attachments')) answer = respond({ data: [] });\n\
         else {\n\
           const page = Number(new URLSearchParams(request.path.split('?')[1]).get('page'));\n\
           const data = Array.from({ length: 100 }, (_, i) => {\n\
             const n = (page - 1) * 100 + i;\n\
             return { id: 'm' + String(n).padStart(4, '0'), attributes: { channel: 'chat', direction: 'in', body: 'message ' + n, sentAt: at(n) } };\n\
           });\n\
           const next = page < 10 ? '/v1/conversations/k1000/messages?page=' + (page + 1) + '&pageSize=100' : null;\n\
           answer = respond({ data, links: { next } });\n\
         }\n\
         return new Promise((resolve) => setTimeout(() => resolve(answer), 120));",
    )
}

fn pages_asked(record: &str) -> Vec<u32> {
    calls(record)
        .iter()
        .filter_map(|call| {
            let path = field(call, "path").as_string()?;
            let query = path.split_once("messages?page=")?.1;
            query.split('&').next()?.parse().ok()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_long_conversation_shows_its_newest_page_and_reads_earlier_ones_as_the_agent_reads_back() {
    let element = container();
    let config =
        r#"{"view":"conversation","context":{"conversationId":"k1000"},"transport":{"kind":"host"},"timeZone":"UTC"}"#;
    let _handle = mount(element.clone().into(), json(config), oldest_first_thousand("k1000-calls").into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("message 999"), "the newest message is shown");
    let mut asked = pages_asked("k1000-calls");
    asked.sort();
    assert!([1, 9, 10].iter().all(|page| asked.contains(page)), "page 1 and the two newest: {asked:?}");
    assert!(
        asked.iter().all(|page| [1, 8, 9, 10].contains(page)),
        "the middle is not read, one page is read ahead: {asked:?}"
    );
    // Read back to the start: each step shows the batch before, reading pages as needed.
    for step in 0..9 {
        let before = text(&element);
        click(&element, ".ksw-earlier button");
        wait_until(&element, &format!("step {step}"), || {
            text(&element) != before && find(&element, ".ksw-earlier button[aria-busy]").is_none()
        })
        .await;
    }
    assert!(text(&element).contains("message 0"), "the oldest message is reached");
    assert!(find(&element, ".ksw-earlier").is_none(), "nothing earlier is left");
    let mut asked = pages_asked("k1000-calls");
    let total = asked.len();
    asked.sort();
    asked.dedup();
    assert_eq!(asked, (1..=10).collect::<Vec<_>>());
    assert_eq!(total, 10, "each page read once");
}
