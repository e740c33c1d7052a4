use serde_json::json;

use super::*;

fn contact(id: &str, name: &str, account: Option<&str>) -> Contact {
    Contact {
        id: id.into(),
        name: name.into(),
        title: None,
        email: Some("jane@x.co".into()),
        phone: None,
        account_id: account.map(str::to_string),
        account_name: None,
        owner_name: None,
        extra: Vec::new(),
    }
}

fn conversation() -> serde_json::Value {
    json!({
        "id": "6140cefd91ffddd18144e08b", "name": "Invoice #4417 charged twice", "preview": "Hello, invoice 4417…",
        "defaultLang": "en_us", "priority": 4, "status": "open", "assignedUsers": ["u1", "u2"],
        "satisfactionLevel": { "score": 5, "rating": 4 },
        "createdAt": "2026-11-16T14:02:11.000Z", "updatedAt": "2026-11-17T15:12:00.000Z", "modifiedAt": "2026-11-17T15:12:01.000Z",
        "lastMessageIn": { "sentAt": "2026-11-16T16:12:00.000Z" }
    })
}

fn inputs<'a>(
    conversation: &'a serde_json::Value,
    contacts: &'a [Contact],
    names: &'a [String],
    record_type: Option<&'a str>,
) -> Inputs<'a> {
    Inputs {
        conversation,
        contacts,
        assignee_names: names,
        conversation_url: "https://northwind.kustomerapp.com/app/conversations/6140cefd91ffddd18144e08b".into(),
        record_type_id: record_type,
        value_maps: None,
    }
}

#[test]
fn every_row_of_the_default_mapping() {
    let conversation = conversation();
    let contacts = [contact("003A", "Jane Cooper", Some("001A"))];
    let names = vec!["Sam Rivera".to_string(), "Dana Kim".to_string()];
    let (fields, note) = default_mapping(&inputs(&conversation, &contacts, &names, Some("012000000000AAA")));
    assert_eq!(
        serde_json::Value::Object(body(&fields)),
        json!({
            "AccountId": "001A",
            "ContactId": "003A",
            "Description": "Hello, invoice 4417…",
            "Language": "en_US",
            "Origin": "Kustomer App",
            "KustomerApp__Conversation_Assignee_Name__c": "Sam Rivera, Dana Kim",
            "Priority": "High",
            "Status": "New",
            "Subject": "Invoice #4417 charged twice",
            "Type": "Kustomer Conversation",
            "KustomerApp__Conversation_Id__c": "6140cefd91ffddd18144e08b",
            "KustomerApp__Conversation_CSAT_Score__c": 5,
            "KustomerApp__Conversation_CSAT_Rating__c": 4,
            "KustomerApp__Conversation_CreatedAt__c": "2026-11-16T14:02:11.000Z",
            "KustomerApp__Conversation_UpdatedAt__c": "2026-11-17T15:12:00.000Z",
            "KustomerApp__Conversation_ModifiedAt__c": "2026-11-17T15:12:01.000Z",
            "KustomerApp__Conversation_LastMessageInSentAt__c": "2026-11-16T16:12:00.000Z",
            "KustomerApp__Conversation_URL__c": "https://northwind.kustomerapp.com/app/conversations/6140cefd91ffddd18144e08b",
            "RecordTypeId": "012000000000AAA"
        })
    );
    assert_eq!(fields[0].field, "AccountId", "table order");
    assert_eq!(note, "Contact Jane Cooper (003A) matches the customer's email.");
    let priority = fields.iter().find(|f| f.field == "Priority").unwrap();
    assert_eq!(priority.source, "priority 4 (default value map)");
}

#[test]
fn no_contact_and_several_contacts_are_explained() {
    let conversation = conversation();
    let (fields, note) = default_mapping(&inputs(&conversation, &[], &[], None));
    assert!(!fields.iter().any(|f| f.field == "AccountId" || f.field == "ContactId" || f.field == "RecordTypeId"));
    assert!(note.starts_with("No Salesforce Contact matches"));
    let contacts = [contact("003B", "Marcus Webb", None), contact("003C", "Marcus Webb", Some("001H"))];
    let (fields, note) = default_mapping(&inputs(&conversation, &contacts, &[], None));
    assert_eq!(body(&fields)["ContactId"], json!("003B"));
    assert!(!fields.iter().any(|f| f.field == "AccountId"), "the chosen Contact has no Account");
    assert!(note.starts_with(
        "2 Contacts match the customer's email; the sync takes the first Salesforce returns, Marcus Webb (003B)"
    ));
}

#[test]
fn missing_attributes_are_left_out_not_sent_as_null() {
    let bare = json!({ "id": "c1" });
    let (fields, _) = default_mapping(&inputs(&bare, &[], &[], None));
    let sent: Vec<&str> = fields.iter().map(|f| f.field).collect();
    assert_eq!(sent, vec!["Origin", "Type", "KustomerApp__Conversation_Id__c", "KustomerApp__Conversation_URL__c"]);
}
