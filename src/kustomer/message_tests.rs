use serde_json::json;

use super::*;

fn message(value: serde_json::Value) -> Message {
    Message::from_resource(&Resource::from_value(&value).unwrap())
}

/// Messages as a list page gives them.
fn listed(messages: Vec<serde_json::Value>) -> Vec<Listed> {
    super::super::client::read_page("/v1/test", json!({ "data": messages }).to_string(), &INDEX_PATHS).unwrap().0
}

#[test]
fn the_observed_message_shape_reads_fully() {
    let m = message(json!({
        "type": "message", "id": "6066239bab831858a41b2ce4",
        "attributes": {
            "channel": "email", "direction": "in", "preview": "Hello, I have a question.",
            "subject": "Question", "meta": { "from": "jane@example.com", "to": [{ "email": "support@acme.com" }], "cc": [] },
            "sentAt": "2021-04-01T19:48:43.851Z", "createdAt": "2021-04-01T19:48:43.851Z", "redacted": false
        },
        "relationships": { "createdBy": { "data": { "type": "user", "id": "5ff4ddab5c152aa5a72caafd" } } }
    }));
    assert_eq!(m.channel, Channel::Email);
    assert_eq!(m.direction, Direction::In);
    assert_eq!(m.sender, Sender::Customer, "inbound is the customer even when an API user created it");
    assert_eq!(m.body, Body::Excerpt("Hello, I have a question.".into()));
    assert_eq!(m.meta.from.as_deref(), Some("jane@example.com"));
    assert_eq!(m.meta.to, vec!["support@acme.com"]);
    assert_eq!(m.meta.subject.as_deref(), Some("Question"));
}

#[test]
fn body_fields_are_read_in_the_documented_order() {
    let with = |attrs: serde_json::Value| message(json!({ "id": "m", "attributes": attrs })).body;
    assert_eq!(with(json!({ "htmlBody": "<p>a</p>", "body": "a" })), Body::Html("<p>a</p>".into()));
    assert_eq!(with(json!({ "meta": { "htmlBody": "<p>b</p>" }, "body": "b" })), Body::Html("<p>b</p>".into()));
    assert_eq!(with(json!({ "body": "c", "preview": "c…" })), Body::Text("c".into()));
    assert_eq!(with(json!({ "meta": { "textBody": "d" }, "preview": "d…" })), Body::Text("d".into()));
    assert_eq!(with(json!({ "preview": "e…" })), Body::Excerpt("e…".into()));
    assert_eq!(with(json!({ "htmlBody": null, "body": "" })), Body::Empty);
}

#[test]
fn senders_follow_direction_auto_and_created_by() {
    let out = |auto: bool, created_by: serde_json::Value| {
        message(json!({ "id": "m", "attributes": { "direction": "out", "auto": auto }, "relationships": { "createdBy": created_by } })).sender
    };
    assert_eq!(out(false, json!({ "data": { "type": "user", "id": "u1" } })), Sender::Agent("u1".into()));
    assert_eq!(out(true, json!({ "data": { "type": "user", "id": "bot" } })), Sender::Automated);
    assert_eq!(out(false, json!(null)), Sender::UnknownAgent);
}

#[test]
fn recipients_in_every_shape() {
    assert_eq!(
        addresses(&json!([{ "email": "a@x.co" }, "b@x.co", { "name": "C", "email": "c@x.co" }, 5])),
        vec!["a@x.co", "b@x.co", "C <c@x.co>"]
    );
    assert_eq!(addresses(&json!({ "email": "a@x.co" })), vec!["a@x.co"]);
    assert_eq!(addresses(&json!("a@x.co, b@x.co")), vec!["a@x.co", "b@x.co"]);
    assert_eq!(addresses(&json!("+14155550100")), vec!["+14155550100"]);
    assert!(addresses(&json!(null)).is_empty());
}

#[test]
fn voice_messages_carry_call_details() {
    let m = message(json!({ "id": "v", "attributes": { "channel": "voice", "direction": "in", "meta": {
        "status": "completed", "placedAt": "2026-11-21T15:10:00.000Z", "answeredAt": "2026-11-21T15:10:42.000Z",
        "endedAt": "2026-11-21T15:18:05.000Z", "duration": 443, "externalRecordingUrl": "https://r.example/1.mp3" } } }));
    let call = m.meta.call.unwrap();
    assert_eq!(call.duration_s, Some(443));
    assert_eq!(call.recording_url.as_deref(), Some("https://r.example/1.mp3"));
    assert!(message(json!({ "id": "e", "attributes": { "channel": "email" } })).meta.call.is_none());
}

#[test]
fn messages_sort_by_sent_then_created_then_id_whatever_the_server_order() {
    let m = |id: &str, sent: Option<&str>, created: &str| {
        let mut attrs = json!({ "createdAt": created });
        if let Some(sent) = sent {
            attrs["sentAt"] = json!(sent);
        }
        json!({ "id": id, "attributes": attrs })
    };
    let messages = vec![
        m("d", Some("2026-01-01T10:00:00Z"), "2026-01-01T10:00:05Z"),
        m("c", Some("2026-01-01T10:00:00Z"), "2026-01-01T10:00:01Z"),
        m("b", None, "2026-01-01T09:00:00Z"),
        m("a", Some("2026-01-01T10:00:00+02:00"), "2026-01-01T08:00:00Z"),
        m("e", Some("2026-01-01T10:00:00Z"), "2026-01-01T10:00:01Z"),
        m("c", Some("2026-01-01T10:00:00Z"), "2026-01-01T10:00:01Z"),
    ];
    let (sorted, _) = Messages::assemble(listed(messages), Vec::new());
    let sorted = sorted.to_vec();
    let ids: Vec<&str> = sorted.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "b", "c", "e", "d"], "a duplicate from overlapping pages is dropped");
}

#[test]
fn attachments_join_their_messages_and_orphans_are_kept() {
    let messages = listed(vec![json!({ "id": "m1", "attributes": {} }), json!({ "id": "m2" })]);
    let attachment =
        |id: &str, message_link: &str| {
            Attachment::from_resource(&Resource::from_value(&json!({
            "id": id, "attributes": { "name": "f.pdf", "contentType": "application/pdf", "contentLength": 48213 },
            "relationships": { "message": { "links": { "self": message_link } } },
            "links": { "related": "https://files.example/f.pdf" }
        })).unwrap())
        };
    let (messages, orphans) =
        Messages::assemble(messages, vec![attachment("a1", "/v1/messages/m1"), attachment("a2", "/v1/messages/gone")]);
    let messages = messages.to_vec();
    assert_eq!(messages[0].attachments.len(), 1);
    assert!(messages[1].attachments.is_empty());
    assert_eq!(messages[0].attachments[0].size, Some(48213));
    assert_eq!(orphans.len(), 1);
}

#[test]
fn only_safe_urls_are_kept_and_svg_is_never_previewed() {
    assert!(is_safe_url("https://x.example/a.pdf", "application/pdf"));
    assert!(is_safe_url("data:image/png;base64,AAAA", "image/png"));
    assert!(!is_safe_url("javascript:alert(1)", "image/png"));
    assert!(!is_safe_url("  JAVASCRIPT:alert(1)", "text/plain"));
    assert!(!is_safe_url("data:text/html,<script>", "text/plain"));
    assert!(!is_safe_url("data:image/svg+xml,<svg>", "image/svg+xml"));
    assert!(!is_safe_url("data:application/octet-stream,x", "image/svg+xml"));
    let svg = Attachment::from_resource(&Resource::from_value(&json!({
        "id": "s", "attributes": { "name": "logo.svg", "contentType": "image/svg+xml" }, "links": { "related": "https://x.example/logo.svg" }
    })).unwrap());
    assert!(svg.url.is_some(), "an SVG can still be downloaded");
    assert!(!svg.is_previewable_image());
}

#[test]
fn sizes_read_like_people_write_them() {
    assert_eq!(human_size(0), "0 B");
    assert_eq!(human_size(999), "999 B");
    assert_eq!(human_size(1_500), "1.5 KB");
    assert_eq!(human_size(48_213), "48 KB");
    assert_eq!(human_size(5_300_000), "5.3 MB");
    assert_eq!(human_size(2_000_000_000_000_000), "2000 TB");
}

#[test]
fn pages_added_later_keep_one_order_and_each_id_once() {
    let at = |minute: u32| json!({ "id": format!("m{minute:02}"), "attributes": { "sentAt": format!("2026-01-01T00:{minute:02}:00.000Z") } });
    let ids = |messages: &Messages| messages.to_vec().into_iter().map(|m| m.id).collect::<Vec<_>>();
    let mut messages = Messages::default();
    messages.add(listed(vec![at(31), at(30)]));
    // An earlier page goes in front.
    messages.add(listed(vec![at(11), at(10)]));
    assert_eq!(ids(&messages), ["m10", "m11", "m30", "m31"]);
    // One that overlaps, with a repeat, is put in order.
    messages.add(listed(vec![at(20), at(31), at(40)]));
    assert_eq!(ids(&messages), ["m10", "m11", "m20", "m30", "m31", "m40"]);
}
