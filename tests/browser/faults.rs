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

/// Ten pages of 100 messages for conversation `ten`; page 3 fails while `window[flag]`
/// is set; `window[slow]`, when set, is JSON giving pages their delays in milliseconds
/// (`{"1": 1500}`).
fn ten_pages(record: &str, flag: &str, slow: &str) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const respond = (status, body) => ({{ status, headers: {{}}, body: typeof body === 'string' ? body : JSON.stringify(body) }});\n\
             if (request.path === '/v1/conversations/ten') return Promise.resolve(respond(200, {{ data: {{ id: 'ten', attributes: {{ name: 'Ten pages', assignedUsers: [] }} }} }}));\n\
             if (request.path.startsWith('/v1/conversations/ten/attachments')) return Promise.resolve(respond(200, {{ data: [] }}));\n\
             const page = Number(new URLSearchParams(request.path.split('?')[1]).get('page'));\n\
             if (page === 3 && window['{flag}']) return Promise.resolve(respond(503, '<html>Service Unavailable</html>'));\n\
             const data = Array.from({{ length: 100 }}, (_, i) => {{\n\
               const n = (page - 1) * 100 + i;\n\
               return {{ id: 'm' + String(n).padStart(4, '0'), attributes: {{ channel: 'chat', direction: 'in', body: 'message ' + n,\n\
                 sentAt: new Date(Date.UTC(2026, 10, 1) + n * 60000).toISOString() }} }};\n\
             }});\n\
             const next = page < 10 ? '/v1/conversations/ten/messages?page=' + (page + 1) + '&pageSize=100' : null;\n\
             const answer = respond(200, {{ data, links: {{ next }} }});\n\
             const delay = Number(JSON.parse(window['{slow}'] || '{{}}')[page] || 0);\n\
             return new Promise((resolve) => setTimeout(() => resolve(answer), delay));"
        ),
    )
}

const TEN: &str = r#"{"view":"conversation","context":{"conversationId":"ten"},"transport":{"kind":"host","timeoutMs":5000},"timeZone":"UTC"}"#;

#[wasm_bindgen_test]
async fn a_failure_on_page_3_of_10_keeps_the_first_pages_and_retry_reads_the_rest() {
    set_window("page-3-fails", "yes");
    let element = container();
    let _handle =
        mount(element.clone().into(), json(TEN), ten_pages("ten-calls", "page-3-fails", "ten-slow").into()).unwrap();
    wait_for_state(&element, "ready").await;
    let notice = text_of(&element, ".ksw-notice");
    assert!(notice.starts_with("Only 200 messages (2 pages) could be loaded"), "{notice}");
    assert!(notice.contains("503"), "{notice}");
    assert_eq!(find_all(&element, ".ksw-message").len(), 100, "the newest batch of what arrived");
    assert!(text(&element).contains("100 earlier messages not shown"));

    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &JsValue::from_str("page-3-fails")).unwrap();
    click(&element, ".ksw-notice-retry");
    wait_until(&element, "all ten pages", || text(&element).contains("900 earlier messages not shown")).await;
    assert!(find(&element, ".ksw-notice").is_none(), "nothing is missing any more");
    assert_eq!(state(&element).as_deref(), Some("ready"));
}

#[wasm_bindgen_test]
async fn a_slow_first_page_shows_loading_then_the_conversation() {
    set_window("ten-slow-first", r#"{"1": 1500}"#);
    let element = container();
    let _handle =
        mount(element.clone().into(), json(TEN), ten_pages("slow-calls", "never-set", "ten-slow-first").into())
            .unwrap();
    sleep(600).await;
    assert_eq!(state(&element).as_deref(), Some("loading"), "still waiting on page 1");
    assert!(find(&element, ".ksw-loading[aria-busy=true]").is_some(), "the wait is shown and announced");
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("message 999"));
    assert_eq!(calls("slow-calls").len(), 12, "one request a page, none repeated");
}

#[wasm_bindgen_test]
async fn a_slow_page_shows_how_many_messages_arrived_before_it() {
    // Page 2 comes after 400 ms, page 3 after 1.5 s: while page 3 is awaited, the count
    // shown includes page 2 (pages that arrive within a moment of each other are counted
    // together, not redrawn one by one).
    set_window("ten-slow-third", r#"{"2": 400, "3": 1500}"#);
    let element = container();
    let _handle =
        mount(element.clone().into(), json(TEN), ten_pages("third-calls", "never-set", "ten-slow-third").into())
            .unwrap();
    wait_until(&element, "the count of the first two pages", || text(&element).contains("200 messages loaded")).await;
    // The conversation, page 1 and the attachments went out together, then pages 2 and 3.
    assert_eq!(calls("third-calls").len(), 5, "waiting on page 3");
    assert_eq!(state(&element).as_deref(), Some("loading"));
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("message 999"));
}

#[wasm_bindgen_test]
async fn a_429_waits_by_itself_then_succeeds() {
    let fetch = host_fetch(
        "limited-calls",
        "const first = !window['limited-once'];\n\
         window['limited-once'] = true;\n\
         if (first) return Promise.resolve({ status: 429, headers: { 'x-ratelimit-reset': String(Date.now() / 1000 + 0.5) }, body: '{}' });\n\
         const ok = request.path === '/v1/conversations/f1'\n\
           ? { data: { id: 'f1', attributes: { name: 'After the wait', assignedUsers: [] } } }\n\
           : { data: [{ id: 'm1', attributes: { channel: 'chat', direction: 'in', body: 'waited' } }] };\n\
         return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify(ok) });",
    );
    let element = container();
    let config = r#"{"view":"conversation","context":{"conversationId":"f1"},"transport":{"kind":"host"}}"#;
    let _handle = mount(element.clone().into(), json(config), fetch.into()).unwrap();
    wait_until(&element, "the wait to be explained", || text(&element).contains("rate limit was reached")).await;
    wait_for_state(&element, "ready").await;
    assert!(text(&element).contains("waited"));
    assert!(find(&element, ".ksw-error").is_none(), "no error, no click needed");
    let paths: Vec<String> = calls("limited-calls").iter().map(|c| field(c, "path").as_string().unwrap()).collect();
    // The first wave went out together; the limited request alone was asked again.
    assert_eq!(paths.iter().filter(|path| *path == "/v1/conversations/f1").count(), 2, "{paths:?}");
    assert_eq!(paths.len(), 4, "nothing else repeated: {paths:?}");
}

#[wasm_bindgen_test]
async fn the_salesforce_limit_without_saved_data_offers_retry_and_recovers() {
    set_window("sf-limited", "yes");
    let fetch = host_fetch(
        "sf-limit-calls",
        "if (window['sf-limited']) return Promise.resolve({ status: 403, headers: {}, body: '[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]' });\n\
         return Promise.resolve({ status: 200, headers: {}, body: request.path.includes('/search/') ? '{\"searchRecords\":[]}' : '{\"totalSize\":0,\"done\":true,\"records\":[]}' });",
    );
    let element = container();
    let config = r#"{"view":"insight","context":{"customerEmails":["nobody-saved@limit.example"]},"transport":{"kind":"host"},"salesforce":{"subdomain":"limit-retry"}}"#;
    let _handle = mount(element.clone().into(), json(config), fetch.into()).unwrap();
    wait_for_state(&element, "error").await;
    assert!(text(&element).contains("Salesforce API limit reached, and no data"), "{}", text(&element));
    js_sys::Reflect::delete_property(&web_sys::window().unwrap(), &JsValue::from_str("sf-limited")).unwrap();
    click(&element, ".ksw-error button");
    wait_for_state(&element, "empty").await;
}
