use serde_json::json;

use super::*;

#[test]
fn conversation_reads_the_observed_shape() {
    let value = json!({
        "type": "conversation", "id": "6066239b7fd0a60dab0e3d53",
        "attributes": {
            "name": "Question", "preview": "Hello, I have a question.", "channels": ["email", "chat"],
            "status": "open", "priority": 3, "defaultLang": "en_us", "messageCount": 1, "spam": false,
            "assignedUsers": ["u1", "u2"], "satisfactionLevel": { "sentByTeams": [] },
            "createdAt": "2021-04-01T19:48:43.860Z", "updatedAt": "2021-04-01T19:48:43.941Z", "custom": {}
        },
        "relationships": { "customer": { "data": { "type": "customer", "id": "5ff4bc441235167ec0261101" } } }
    });
    let conversation = Conversation::from_resource(&Resource::from_value(&value).unwrap());
    assert_eq!(conversation.subject.as_deref(), Some("Question"));
    assert_eq!(conversation.channels, vec![Channel::Email, Channel::Chat]);
    assert_eq!(conversation.priority, Some(3));
    assert_eq!(conversation.assigned_user_ids, vec!["u1", "u2"]);
    assert_eq!(conversation.customer_id.as_deref(), Some("5ff4bc441235167ec0261101"));
    assert_eq!(conversation.created_at.as_deref(), Some("2021-04-01T19:48:43.860Z"));
    assert!(!conversation.spam);
}

#[test]
fn nulls_missing_fields_and_odd_types_do_not_lose_the_conversation() {
    let value = json!({
        "type": "conversation", "id": "c1",
        "attributes": { "name": null, "channels": null, "priority": "4", "spam": null, "assignedUsers": "u1" },
        "relationships": null
    });
    let conversation = Conversation::from_resource(&Resource::from_value(&value).unwrap());
    assert_eq!(conversation.subject, None);
    assert!(conversation.channels.is_empty());
    assert_eq!(conversation.priority, Some(4));
    assert!(conversation.assigned_user_ids.is_empty());
    assert_eq!(conversation.customer_id, None);
}

#[test]
fn a_resource_needs_an_id() {
    assert!(Resource::from_value(&json!({ "type": "conversation", "attributes": {} })).is_none());
    assert!(Resource::from_value(&json!({ "id": "" })).is_none());
    assert_eq!(Resource::from_value(&json!({ "id": 42 })).unwrap().id, "42");
}

#[test]
fn relationships_match_either_type_spelling_and_links_only() {
    let value = json!({
        "id": "m1",
        "relationships": {
            "customer": { "data": { "type": "customers", "id": "k1" } },
            "message": { "links": { "self": "/v1/messages/m42?x=1" } },
            "empty": { "data": null }
        }
    });
    let resource = Resource::from_value(&value).unwrap();
    assert_eq!(resource.related_id("customer").as_deref(), Some("k1"));
    assert_eq!(resource.related_kind("customer").as_deref(), Some("customer"));
    assert_eq!(resource.related_id("message").as_deref(), Some("m42"));
    assert_eq!(resource.related_id("empty"), None);
    assert_eq!(resource.related_id("missing"), None);
}

#[test]
fn unknown_channels_keep_their_name() {
    assert_eq!(Channel::parse("Twitter-DM"), Channel::TwitterDm);
    assert_eq!(Channel::parse("line"), Channel::Other("line".into()));
    assert_eq!(Channel::parse("line").label(), "line");
    assert_eq!(Channel::parse("").label(), "Unknown channel");
    assert_eq!(Channel::parse("instagram-comment").slug(), "other");
}

#[test]
fn customer_emails_and_names_are_read_from_every_known_shape() {
    let value = json!({
        "id": "k1",
        "attributes": {
            "firstName": "Jane", "lastName": "Cooper",
            "emails": [{ "type": "work", "email": " jane@x.co " }, "jane@home.example", { "type": "home" }, null],
            "phones": [{ "phone": "+1 555" }]
        }
    });
    let customer = Customer::from_resource(&Resource::from_value(&value).unwrap());
    assert_eq!(customer.name.as_deref(), Some("Jane Cooper"));
    assert_eq!(customer.emails, vec!["jane@x.co", "jane@home.example"]);
    assert_eq!(customer.phones, vec!["+1 555"]);

    let nameless =
        Customer::from_resource(&Resource::from_value(&json!({ "id": "k2", "attributes": { "emails": [] } })).unwrap());
    assert_eq!(nameless.display_name(), "Unnamed customer");
}

#[test]
fn user_prefers_display_name() {
    let value =
        json!({ "id": "u1", "attributes": { "name": "sam", "displayName": "Sam Rivera", "email": "sam@x.co" } });
    assert_eq!(User::from_resource(&Resource::from_value(&value).unwrap()).display_name(), "Sam Rivera");
    let bare = User::from_resource(&Resource::from_value(&json!({ "id": "u9" })).unwrap());
    assert_eq!(bare.display_name(), "Agent u9");
}
