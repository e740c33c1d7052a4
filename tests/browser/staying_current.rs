//! Staying current: a conversation that changes while the agent watches is looked at
//! again (the interval, the page coming back into sight, `handle.refresh()`), and what
//! changed is shown in place; a failed look keeps everything; a hidden page asks nothing.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A conversation whose size, status and failures a test sets through `window[state]`:
/// `{ total, status, failing }`. Its pages run oldest first, 100 a page.
fn live(record: &str, state: &str) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const s = window['{state}'];\n\
             const respond = (status, body) => Promise.resolve({{ status, headers: {{}}, body: JSON.stringify(body) }});\n\
             const at = (n) => new Date(Date.UTC(2026, 10, 1) + n * 60000).toISOString();\n\
             if (request.path === '/v1/conversations/live') {{\n\
               if (s.failing) return respond(503, {{ errors: [{{ status: '503', title: 'Service Unavailable' }}] }});\n\
               return respond(200, {{ data: {{ id: 'live', attributes: {{ name: 'Live chat', status: s.status, assignedUsers: [], messageCount: s.total, lastMessageAt: at(s.total - 1) }} }} }});\n\
             }}\n\
             if (request.path.startsWith('/v1/conversations/live/attachments')) return respond(200, {{ data: [] }});\n\
             const page = Number(new URLSearchParams(request.path.split('?')[1]).get('page'));\n\
             const data = [];\n\
             for (let n = (page - 1) * 100; n < Math.min(page * 100, s.total); n++) data.push({{ id: 'm' + String(n).padStart(4, '0'), attributes: {{ channel: 'chat', direction: 'in', body: 'line ' + n, sentAt: at(n) }} }});\n\
             return respond(200, {{ data, links: {{ next: page * 100 < s.total ? '/v1/conversations/live/messages?page=' + (page + 1) + '&pageSize=100' : null }} }});"
        ),
    )
}

fn set_state(state: &str, json: &str) {
    let value = js_sys::JSON::parse(json).unwrap();
    js_sys::Reflect::set(&web_sys::window().unwrap(), &JsValue::from_str(state), &value).unwrap();
}

fn message_ids(element: &web_sys::HtmlElement) -> Vec<String> {
    find_all(element, ".ksw-message").iter().filter_map(|m| m.get_attribute("data-message-id")).collect()
}

const LIVE: &str =
    r#"{"view":"conversation","context":{"conversationId":"live"},"transport":{"kind":"host"},"timeZone":"UTC"}"#;

#[wasm_bindgen_test]
async fn new_messages_join_in_order_once_and_a_status_change_updates_the_header() {
    set_state("live-a", r#"{"total": 40, "status": "open", "failing": false}"#);
    let element = container();
    let handle = mount(element.clone().into(), json(LIVE), live("live-a-calls", "live-a").into()).unwrap();
    wait_for_state(&element, "ready").await;
    assert_eq!(message_ids(&element).len(), 40);
    assert!(text(&element).contains("Updated just now"));
    let before = calls("live-a-calls").len();
    // Nothing new: one request.
    handle.refresh().unwrap();
    wait_until(&element, "a look", || calls("live-a-calls").len() == before + 1).await;
    sleep(100).await;
    assert_eq!(calls("live-a-calls").len(), before + 1, "a look that finds nothing costs one request");
    // Three new messages and a new status.
    set_state("live-a", r#"{"total": 43, "status": "snoozed", "failing": false}"#);
    handle.refresh().unwrap();
    wait_until(&element, "the new messages", || message_ids(&element).len() == 43).await;
    let ids = message_ids(&element);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "in order, each once: {ids:?}");
    assert_eq!(ids.last().map(String::as_str), Some("m0042"));
    assert!(text(&element).to_lowercase().contains("snoozed"), "the header follows the status");
    assert_eq!(state(&element).as_deref(), Some("ready"), "no loading state between");
}

#[wasm_bindgen_test]
async fn a_failed_look_keeps_everything_shown_and_says_so() {
    set_state("live-b", r#"{"total": 12, "status": "open", "failing": false}"#);
    let element = container();
    let handle = mount(element.clone().into(), json(LIVE), live("live-b-calls", "live-b").into()).unwrap();
    wait_for_state(&element, "ready").await;
    set_state("live-b", r#"{"total": 12, "status": "open", "failing": true}"#);
    handle.refresh().unwrap();
    wait_until(&element, "the failure's notice", || text(&element).contains("Could not look for changes")).await;
    assert_eq!(message_ids(&element).len(), 12, "everything stays");
    assert_eq!(state(&element).as_deref(), Some("ready"));
    assert!(text(&element).contains("503"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn new_messages_wait_behind_a_control_while_the_agent_reads_back() {
    set_state("live-c", r#"{"total": 250, "status": "open", "failing": false}"#);
    let element = container();
    let handle = mount(element.clone().into(), json(LIVE), live("live-c-calls", "live-c").into()).unwrap();
    wait_for_state(&element, "ready").await;
    click(&element, ".ksw-earlier button");
    wait_until(&element, "the earlier batch", || message_ids(&element).len() > 100).await;
    let reading = message_ids(&element);
    // A new status alone waits too: nothing is drawn again under the agent's eyes.
    set_state("live-c", r#"{"total": 250, "status": "snoozed", "failing": false}"#);
    handle.refresh().unwrap();
    wait_until(&element, "the latest control", || find(&element, "[data-action=newest]").is_some()).await;
    assert_eq!(message_ids(&element), reading);
    assert!(text(&element).contains("Show the latest"));
    set_state("live-c", r#"{"total": 252, "status": "snoozed", "failing": false}"#);
    handle.refresh().unwrap();
    wait_until(&element, "the new messages control", || text(&element).contains("2 new messages")).await;
    assert_eq!(message_ids(&element), reading, "what the agent reads does not move");
    click(&element, "[data-action=newest]");
    wait_until(&element, "the newest", || message_ids(&element).last().map(String::as_str) == Some("m0251")).await;
    assert!(text(&element).to_lowercase().contains("snoozed"), "the header follows once shown");
}

#[wasm_bindgen_test]
async fn a_hidden_page_asks_nothing_and_looks_again_when_seen() {
    set_state("live-d", r#"{"total": 5, "status": "open", "failing": false}"#);
    let element = container();
    let config = r#"{"view":"conversation","context":{"conversationId":"live"},"transport":{"kind":"host"},"timeZone":"UTC","refreshSeconds":30}"#;
    let _handle = mount(element.clone().into(), json(config), live("live-d-calls", "live-d").into()).unwrap();
    wait_for_state(&element, "ready").await;
    let hide = |hidden: bool| {
        js_sys::eval(&format!(
            "Object.defineProperty(document, 'hidden', {{ configurable: true, get: () => {hidden} }}); document.dispatchEvent(new Event('visibilitychange', {{ bubbles: true }}));"
        ))
        .unwrap();
    };
    hide(true);
    let before = calls("live-d-calls").len();
    // Longer than the interval: a visible page would have looked.
    sleep(31_000).await;
    assert_eq!(calls("live-d-calls").len(), before, "no request while hidden");
    hide(false);
    wait_until(&element, "a look on coming back", || calls("live-d-calls").len() == before + 1).await;
    js_sys::eval("delete document.hidden").unwrap();
}

/// The Insight Card with the Case section, over a host whose Salesforce org gains the
/// conversation's Case when `window[state].synced` turns true.
fn card_fetch(record: &str, state: &str) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const respond = (body) => Promise.resolve({{ status: 200, headers: {{}}, body: JSON.stringify(body) }});\n\
             const path = decodeURIComponent(request.path);\n\
             if (request.service === 'kustomer') {{\n\
               if (path === '/v1/conversations/cs1') return respond({{ data: {{ id: 'cs1', attributes: {{ name: 'Broken lamp', status: 'open', custom: {{ syncToSalesforceBool: true }} }} }} }});\n\
               return respond({{ data: [] }});\n\
             }}\n\
             if (path.includes('/search/')) return respond({{ searchRecords: [{{ attributes: {{ type: 'Contact' }}, Id: '003A', Name: 'Ada Lovelace', Email: 'ada@x.co' }}] }});\n\
             if (path.includes('FROM Case')) return respond({{ totalSize: 1, done: true, records: window['{state}'].synced ? [{{ Id: '500X', CaseNumber: '00004242', Status: 'New' }}] : [] }});\n\
             return respond({{ totalSize: 0, done: true, records: [] }});"
        ),
    )
}

#[wasm_bindgen_test]
async fn the_card_shows_a_case_that_appears_after_the_sync() {
    set_state("card-a", r#"{"synced": false}"#);
    let element = container();
    let config = r#"{"view":"insight","context":{"conversationId":"cs1","customerEmails":["ada@x.co"]},"transport":{"kind":"host"},
        "salesforce":{"subdomain":"case-follow"},"caseSync":{"enabled":true}}"#;
    let _handle = mount(element.clone().into(), json(config), card_fetch("card-a-calls", "card-a").into()).unwrap();
    wait_until(&element, "the Case section", || find(&element, ".ksw-no-case").is_some()).await;
    // The workflow creates the Case; the agent refreshes the card, without a reload.
    set_state("card-a", r#"{"synced": true}"#);
    click(&element, "[data-action=refresh]");
    wait_until(&element, "the synced Case", || find(&element, ".ksw-synced-case a").is_some()).await;
    assert_eq!(text_of(&element, ".ksw-synced-case a"), "00004242");
}
