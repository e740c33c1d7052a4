//! Find, links to one message and the transcript, through the host API on a conversation
//! served by a `hostFetch`: 10,000 messages in pages of 100, oldest first, with a few
//! messages in German, Japanese and Arabic and an email whose quoted history holds an
//! invoice number.

use kustomer_salesforce_widget::host_api::{mount, Handle};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

use crate::support::*;

/// A conversation of `total` messages (ids m00000…), pages oldest first. Message 123 is
/// German, 5000 Japanese, 7000 Arabic (with a short vowel mark), 9990 an agent's email with
/// quoted history; every tenth message is automated.
fn conversation(record: &str, total: usize) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const total = {total};\n\
             const respond = (status, body) => Promise.resolve({{ status, headers: {{}}, body: JSON.stringify(body) }});\n\
             const at = (n) => new Date(Date.UTC(2026, 2, 1) + n * 60000).toISOString();\n\
             if (request.path === '/v1/conversations/big') return respond(200, {{ data: {{ id: 'big', attributes: {{ name: 'Where is my order?', status: 'open', channels: ['chat', 'email'], assignedUsers: [], messageCount: total, lastMessageAt: at(total - 1) }} }} }});\n\
             if (request.path.startsWith('/v1/conversations/big/attachments')) return respond(200, {{ data: [] }});\n\
             if (request.path === '/v1/users/find-agent') return respond(200, {{ data: {{ id: 'find-agent', attributes: {{ displayName: 'Sam Rivera' }} }} }});\n\
             const page = Number(new URLSearchParams(request.path.split('?')[1]).get('page'));\n\
             const data = [];\n\
             for (let n = (page - 1) * 100; n < Math.min(page * 100, total); n++) {{\n\
               const id = 'm' + String(n).padStart(5, '0');\n\
               let attributes = {{ channel: 'chat', direction: 'in', body: 'line ' + n, sentAt: at(n) }};\n\
               if (n % 10 === 9) attributes = {{ channel: 'chat', direction: 'out', auto: true, body: 'Automatic reply ' + n, sentAt: at(n) }};\n\
               if (n === 123) attributes.body = 'Meine Bestellung ist nicht angekommen. Straße: Hauptstraße 5, ÜBER';\n\
               if (n === 5000) attributes.body = 'ご注文番号 A-7731 について';\n\
               if (n === 7000) attributes.body = 'رقم الطلب كَتب';\n\
               const relationships = n === 9990 ? {{ createdBy: {{ data: {{ type: 'user', id: 'find-agent' }} }} }} : {{}};\n\
               if (n === 9990) attributes = {{ channel: 'email', direction: 'out', sentAt: at(n), meta: {{ subject: 'Re: invoice', from: 'sam@example.com' }}, htmlBody: '<p>We sent it again.</p><div class=\"gmail_quote\">On Mon, Jane wrote:<blockquote>Invoice <b>INV-5521</b> is wrong. Invoice INV-5521 again.</blockquote></div>' }};\n\
               data.push({{ id, type: 'message', attributes, relationships }});\n\
             }}\n\
             return respond(200, {{ data, links: {{ next: page * 100 < total ? '/v1/conversations/big/messages?page=' + (page + 1) + '&pageSize=100' : null }} }});"
        ),
    )
}

fn config(context: &str) -> String {
    format!(
        r#"{{"view":"conversation","context":{{"conversationId":"big"{context}}},"transport":{{"kind":"host"}},"kustomer":{{"org":"northwind"}},"locale":"en-US","timeZone":"UTC","refreshSeconds":0}}"#
    )
}

async fn mounted(record: &str, total: usize, context: &str) -> (HtmlElement, Handle) {
    let element = container();
    let handle = mount(element.clone().into(), json(&config(context)), conversation(record, total).into()).unwrap();
    wait_for_state(&element, "ready").await;
    (element, handle)
}

/// Sets a field of the find bar, with the `input` event a keystroke or a choice makes.
fn set_field(element: &HtmlElement, selector: &str, value: &str) {
    let field = find(element, selector).unwrap_or_else(|| panic!("no {selector}"));
    js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

/// Types `text` in the find field.
fn type_in(element: &HtmlElement, text: &str) {
    set_field(element, ".ksw-find-text", text);
}

fn key(target: &Element, key: &str, ctrl: bool, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_composed(true);
    target
        .dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap())
        .unwrap()
}

fn status(element: &HtmlElement) -> String {
    text_of(element, ".ksw-find-status")
}

async fn wait_status(element: &HtmlElement, expected: &str) {
    wait_until(element, &format!("find to say {expected:?}"), || status(element) == expected).await;
}

/// The message holding the current mark, and the mark's text.
fn current(element: &HtmlElement) -> Option<(String, String)> {
    let mark = find(element, "mark.ksw-current")?;
    let message = mark.closest(".ksw-message").ok().flatten()?;
    Some((message.get_attribute("data-message-id")?, mark.text_content()?))
}

fn page_requests(record: &str) -> Vec<String> {
    calls(record)
        .iter()
        .filter_map(|call| field(call, "path").as_string())
        .filter(|path| path.contains("/messages?"))
        .collect()
}

#[wasm_bindgen_test]
async fn find_reads_every_page_once_and_jumps_across_batches_to_a_match() {
    let (element, handle) = mounted("find-a", 10_000, "").await;
    click(&element, "[data-action=\"find\"]");
    assert!(!find(&element, ".ksw-find").unwrap().has_attribute("hidden"), "Find opens the bar");
    type_in(&element, "a-7731");
    wait_status(&element, "1 of 1").await;
    assert_eq!(current(&element), Some(("m05000".into(), "A-7731".into())), "marked, far back in the conversation");
    let pages = page_requests("find-a");
    let mut distinct = pages.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!((pages.len(), distinct.len()), (100, 100), "every page read once: {pages:?}");
    // Another word: the page moves to its batch; no page is read again.
    type_in(&element, "Bestellung");
    wait_status(&element, "1 of 1").await;
    assert_eq!(current(&element).map(|(id, _)| id), Some("m00123".into()));
    assert_eq!(page_requests("find-a").len(), 100);
    type_in(&element, "no such words");
    wait_status(&element, "No matches").await;
    assert!(find(&element, "mark.ksw-mark").is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn case_and_accents_do_not_matter_in_german_japanese_and_arabic() {
    let (element, handle) = mounted("find-b", 10_000, "").await;
    click(&element, "[data-action=\"find\"]");
    for (typed, id, marked) in [
        // The newest match is the last in the message: "straße" within "Hauptstraße".
        ("strasse", "m00123", "straße"),
        ("über", "m00123", "ÜBER"),
        ("注文番号", "m05000", "注文番号"),
        ("كتب", "m07000", "كَتب"),
    ] {
        type_in(&element, typed);
        wait_until(&element, typed, || current(&element).is_some_and(|(shown, _)| shown == id)).await;
        assert_eq!(current(&element), Some((id.into(), marked.into())), "{typed}");
    }
    handle.unmount();
}

#[wasm_bindgen_test]
async fn enter_and_shift_enter_step_through_matches_from_the_newest() {
    let (element, handle) = mounted("find-c", 300, "").await;
    click(&element, "[data-action=\"find\"]");
    type_in(&element, "automatic reply");
    wait_status(&element, "1 of 30").await;
    assert_eq!(current(&element).map(|(id, _)| id), Some("m00299".into()), "the newest first");
    let input = find(&element, ".ksw-find-text").unwrap();
    key(&input, "Enter", false, false);
    assert_eq!(status(&element), "2 of 30");
    assert_eq!(current(&element).map(|(id, _)| id), Some("m00289".into()), "Next goes back in time");
    key(&input, "Enter", false, true);
    key(&input, "Enter", false, true);
    assert_eq!(status(&element), "30 of 30", "Previous from the first wraps to the oldest");
    assert_eq!(current(&element).map(|(id, _)| id), Some("m00009".into()));
    // Filters: the automated messages alone, with no text, are each a match.
    type_in(&element, "");
    set_field(&element, ".ksw-find-sender", "automated");
    wait_status(&element, "1 of 30").await;
    assert_eq!(find(&element, "[data-found]").and_then(|m| m.get_attribute("data-message-id")), Some("m00299".into()));
    key(&input, "Escape", false, false);
    assert!(find(&element, ".ksw-find").unwrap().has_attribute("hidden"), "Escape closes the bar");
    assert!(find(&element, "[data-found]").is_none() && find(&element, "mark").is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn matches_in_an_email_are_marked_inside_its_frame_with_the_quoted_history_opened() {
    let (element, handle) = mounted("find-d", 10_000, "").await;
    click(&element, "[data-action=\"find\"]");
    type_in(&element, "inv-5521");
    wait_status(&element, "1 of 2").await;
    let email = find(&element, ".ksw-message[data-message-id=\"m09990\"] .ksw-email").unwrap();
    let frame_marks = || {
        let frame: web_sys::HtmlIFrameElement =
            find(&element, ".ksw-message[data-message-id=\"m09990\"] iframe").unwrap().dyn_into().unwrap();
        let Some(document) = frame.content_document() else { return Vec::new() };
        let marks = document.query_selector_all("mark").unwrap();
        (0..marks.length())
            .map(|i| {
                let mark: Element = marks.item(i).unwrap().unchecked_into();
                (mark.class_name(), mark.text_content().unwrap_or_default())
            })
            .collect::<Vec<_>>()
    };
    wait_until(&element, "marks in the frame", || frame_marks().len() == 2).await;
    assert!(email.has_attribute("data-quoted"), "the match is in the quoted history, which is opened");
    assert_eq!(
        frame_marks(),
        vec![("ksw-mark".into(), "INV-5521".into()), ("ksw-mark ksw-current".into(), "INV-5521".into())],
        "the newest match is the last in the message"
    );
    let frame: web_sys::HtmlIFrameElement =
        find(&element, ".ksw-message[data-message-id=\"m09990\"] iframe").unwrap().dyn_into().unwrap();
    let document = frame.content_document().unwrap();
    assert!(document.query_selector("script").unwrap().is_none(), "marks are elements, never markup that runs");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn slash_and_ctrl_f_inside_the_widget_open_find() {
    let (element, handle) = mounted("find-e", 50, "").await;
    let section = find(&element, ".ksw-conversation").unwrap();
    let active = || shadow(&element).active_element().map(|a| a.class_name()).unwrap_or_default();
    assert!(!key(&section, "/", false, false), "the key is taken");
    assert!(!find(&element, ".ksw-find").unwrap().has_attribute("hidden"));
    assert_eq!(active(), "ksw-find-text");
    let input = find(&element, ".ksw-find-text").unwrap();
    assert!(key(&input, "/", false, false), "a slash typed in the field is typed");
    key(&input, "Escape", false, false);
    assert!(find(&element, ".ksw-find").unwrap().has_attribute("hidden"));
    let message = find(&element, ".ksw-message").unwrap();
    assert!(!key(&message, "f", true, false), "Ctrl+F inside the widget is Find, not the browser's");
    assert!(!find(&element, ".ksw-find").unwrap().has_attribute("hidden"));
    assert_eq!(active(), "ksw-find-text");
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_link_opens_at_its_message_far_back_in_ten_thousand() {
    let (element, handle) = mounted("link-a", 10_000, r#","messageId":"m00042""#).await;
    wait_until(&element, "the linked message", || find(&element, "[data-linked]").is_some()).await;
    let linked = find(&element, "[data-linked]").unwrap();
    assert_eq!(linked.get_attribute("data-message-id").as_deref(), Some("m00042"));
    assert_eq!(page_requests("link-a").len(), 100, "every page read once, no more");
    // Reading forward from there works as reading back does.
    assert!(find(&element, ".ksw-newer").is_some());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn a_link_to_a_message_not_in_the_conversation_says_so_and_shows_the_newest() {
    let (element, handle) = mounted("link-b", 250, r#","messageId":"m99999""#).await;
    wait_until(&element, "the notice", || text(&element).contains("not in this conversation")).await;
    let ids: Vec<String> =
        find_all(&element, ".ksw-message").iter().filter_map(|m| m.get_attribute("data-message-id")).collect();
    assert_eq!(ids.last().map(String::as_str), Some("m00249"), "the newest message is shown");
    assert!(find(&element, "[data-linked]").is_none());
    handle.unmount();
}

#[wasm_bindgen_test]
async fn copy_link_gives_the_hosts_address_for_the_message() {
    let link = r#","messageLink":"https://acme.lightning.force.com/lightning/r/Case/500A/view?c__kustomerMessage={messageId}""#;
    let (element, handle) = mounted("link-c", 50, link).await;
    click(&element, ".ksw-message[data-message-id=\"m00049\"] [data-action=\"copy-link\"]");
    let expected = "https://acme.lightning.force.com/lightning/r/Case/500A/view?c__kustomerMessage=m00049";
    let button = || text_of(&element, ".ksw-message[data-message-id=\"m00049\"] .ksw-copy-link");
    let field =
        || find(&element, ".ksw-link-field").and_then(|f| js_sys::Reflect::get(&f, &"value".into()).ok()?.as_string());
    // Headless Chromium may refuse the clipboard: the link is then shown to copy by hand.
    wait_until(&element, "the link copied or shown", || button() == "Link copied" || field().is_some()).await;
    if let Some(shown) = field() {
        assert_eq!(shown, expected);
    }
    handle.unmount();
}

#[wasm_bindgen_test]
async fn the_transcript_holds_every_message_and_nothing_live() {
    let (element, handle) = mounted("export-a", 1_000, "").await;
    let saved = js_sys::Array::new();
    let keep = saved.clone();
    let listener =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            event.prevent_default();
            keep.push(&event.detail());
        });
    element.add_event_listener_with_callback("ksw-download", listener.as_ref().unchecked_ref()).unwrap();
    click(&element, "[data-action=\"transcript-html\"]");
    wait_until(&element, "the HTML transcript", || saved.length() == 1).await;
    click(&element, "[data-action=\"transcript-text\"]");
    wait_until(&element, "the text transcript", || saved.length() == 2).await;
    let detail = |index: u32, key: &str| field(&saved.get(index), key).as_string().unwrap();
    assert_eq!((detail(0, "type"), detail(0, "name")), ("text/html".into(), "kustomer-conversation-big.html".into()));
    let html = detail(0, "text");
    let text = detail(1, "text");
    for n in 0..1_000 {
        let id = format!("m{n:05}");
        assert!(html.contains(&format!("data-message-id=\"{id}\"")), "{id} in the HTML");
    }
    assert!(text.contains("line 0\n") && text.contains("line 998\n") && text.contains("Automatic reply 999"));
    assert_eq!(text.matches("\n----\n").count(), 1_000);
    // Nothing live: parsed in a document of its own, no script, no handler, no control.
    let parsed = web_sys::DomParser::new().unwrap().parse_from_string(&html, web_sys::SupportedType::TextHtml).unwrap();
    assert_eq!(parsed.query_selector_all(".ksw-message").unwrap().length(), 1_000);
    assert!(parsed.query_selector("script, button, input, [data-action], [onclick], [onload]").unwrap().is_none());
    let policy = parsed.query_selector("meta[http-equiv=\"Content-Security-Policy\"]").unwrap().unwrap();
    assert!(policy.get_attribute("content").unwrap().starts_with("default-src 'none'"));
    assert_eq!(page_requests("export-a").len(), 10, "every page once, for both files");
    drop(listener);
    handle.unmount();
}
