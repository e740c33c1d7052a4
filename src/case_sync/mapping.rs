//! The default field mapping: every row of the managed package's table, producing the
//! Case body and, for each field, where its value came from.

use crate::strings;
use serde_json::{Map, Value};

use super::values::map_value;
use crate::json::{at, str_at};
use crate::salesforce::model::Contact;

/// One Case field the sync sends.
#[derive(Debug, Clone, PartialEq)]
pub struct MappedField {
    pub field: &'static str,
    pub value: Value,
    /// Where the value came from, for people.
    pub source: String,
}

/// What the default mapping needs besides the conversation.
pub struct Inputs<'a> {
    /// `steps.1`: the conversation's id and attributes.
    pub conversation: &'a Value,
    /// Contacts matched by the customer's email, in Salesforce's order.
    pub contacts: &'a [Contact],
    /// The assigned agents' names.
    pub assignee_names: &'a [String],
    pub conversation_url: String,
    pub record_type_id: Option<&'a str>,
    pub value_maps: Option<&'a Value>,
}

/// The Case fields in table order, and a sentence about the Contact choice.
pub fn default_mapping(inputs: &Inputs) -> (Vec<MappedField>, String) {
    let conversation = inputs.conversation;
    let mut fields = Vec::new();
    let mut push = |field: &'static str, value: Option<Value>, source: String| {
        if let Some(value) = value.filter(|v| !v.is_null()) {
            fields.push(MappedField { field, value, source });
        }
    };
    let contact_note = match inputs.contacts {
        [] => strings::NO_CONTACT_MATCH.to_string(),
        [only] => strings::one_contact_matches(&only.name, &only.id),
        [first, ..] => strings::several_contacts_match(inputs.contacts.len(), &first.name, &first.id),
    };
    if let Some(contact) = inputs.contacts.first() {
        push("AccountId", contact.account_id.clone().map(Value::from), strings::from_contact_account(&contact.id));
        push("ContactId", Some(Value::from(contact.id.clone())), strings::FROM_MATCHED_CONTACT.into());
    }
    push("Description", at(conversation, "preview").cloned(), "preview".into());
    if let Some(lang) = str_at(conversation, "defaultLang") {
        let (value, how) = map_value("language", &lang, inputs.value_maps);
        push("Language", Some(Value::from(value)), format!("defaultLang `{lang}` ({how})"));
    }
    push("Origin", Some(Value::from("Kustomer App")), strings::FROM_CONSTANT.into());
    if !inputs.assignee_names.is_empty() {
        push(
            "KustomerApp__Conversation_Assignee_Name__c",
            Some(Value::from(inputs.assignee_names.join(", "))),
            strings::FROM_ASSIGNEE_NAMES.into(),
        );
    }
    if let Some(priority) = at(conversation, "priority").filter(|v| !v.is_null()) {
        let raw = match priority {
            Value::String(text) => text.clone(),
            other => crate::json::compact(other),
        };
        let (value, how) = map_value("priority", &raw, inputs.value_maps);
        push("Priority", Some(Value::from(value)), format!("priority {raw} ({how})"));
    }
    if let Some(status) = str_at(conversation, "status") {
        let (value, how) = map_value("status", &status, inputs.value_maps);
        push("Status", Some(Value::from(value)), format!("status `{status}` ({how})"));
    }
    push("Subject", at(conversation, "name").cloned(), "name".into());
    push("Type", Some(Value::from("Kustomer Conversation")), strings::FROM_CONSTANT.into());
    push("KustomerApp__Conversation_Id__c", at(conversation, "id").cloned(), "id".into());
    push(
        "KustomerApp__Conversation_CSAT_Score__c",
        at(conversation, "satisfactionLevel.score").cloned(),
        "satisfactionLevel.score".into(),
    );
    push(
        "KustomerApp__Conversation_CSAT_Rating__c",
        at(conversation, "satisfactionLevel.rating").cloned(),
        "satisfactionLevel.rating".into(),
    );
    push("KustomerApp__Conversation_CreatedAt__c", at(conversation, "createdAt").cloned(), "createdAt".into());
    push("KustomerApp__Conversation_UpdatedAt__c", at(conversation, "updatedAt").cloned(), "updatedAt".into());
    push("KustomerApp__Conversation_ModifiedAt__c", at(conversation, "modifiedAt").cloned(), "modifiedAt".into());
    push(
        "KustomerApp__Conversation_LastMessageInSentAt__c",
        at(conversation, "lastMessageIn.sentAt").cloned(),
        "lastMessageIn.sentAt".into(),
    );
    push(
        "KustomerApp__Conversation_URL__c",
        Some(Value::from(inputs.conversation_url.clone())),
        strings::FROM_CONVERSATION_URL.into(),
    );
    if let Some(record_type) = inputs.record_type_id {
        push("RecordTypeId", Some(Value::from(record_type)), "caseSync.recordTypeId".into());
    }
    (fields, contact_note)
}

/// The fields as the JSON body the sync sends.
pub fn body(fields: &[MappedField]) -> Map<String, Value> {
    let mut body = Map::new();
    for field in fields {
        // A later field of the same name wins, as when the map was collected.
        body.insert(field.field.to_string(), field.value.clone());
    }
    body
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
