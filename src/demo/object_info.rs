//! The demo org's User Interface API object info, for the Insight Card's labels and
//! related lists: `ui-api/object-info/batch/{names}` answered in the shape of Salesforce's
//! "Simplified Batch Results" (a 200 for the request, each object its own status; an
//! object the org does not have is a 404 entry). The org gave some fields labels of its
//! own ("Employees", "Renewal date", "Kustomer customer ID"), as real orgs do; the others
//! are named as Salesforce names standard fields.

use serde_json::{json, Map, Value};

use super::salesforce_records::table;

/// `(object, label, plural, the labels the org gave, the child relationships as (name,
/// child object, field))`.
type Description = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str, &'static str)],
);

const OBJECTS: [Description; 6] = [
    (
        "Account",
        "Account",
        "Accounts",
        &[("Name", "Account Name"), ("NumberOfEmployees", "Employees"), ("ParentId", "Parent Account")],
        &[
            ("Contacts", "Contact", "AccountId"),
            ("Opportunities", "Opportunity", "AccountId"),
            ("Cases", "Case", "AccountId"),
            ("Subscriptions__r", "Subscription__c", "Account__c"),
        ],
    ),
    (
        "Contact",
        "Contact",
        "Contacts",
        &[
            ("Name", "Full Name"),
            ("Phone", "Business Phone"),
            ("MobilePhone", "Mobile Phone"),
            ("Kustomer_Customer_Id__c", "Kustomer customer ID"),
        ],
        &[("Cases", "Case", "ContactId")],
    ),
    (
        "Lead",
        "Lead",
        "Leads",
        &[
            ("Name", "Full Name"),
            ("LeadSource", "Lead Source"),
            ("Phone", "Phone"),
            ("MobilePhone", "Mobile Phone"),
            ("Kustomer_Customer_Id__c", "Kustomer customer ID"),
        ],
        &[],
    ),
    ("Opportunity", "Opportunity", "Opportunities", &[("Name", "Opportunity Name"), ("StageName", "Stage")], &[]),
    (
        "Case",
        "Case",
        "Cases",
        &[("CaseNumber", "Case Number"), ("KustomerApp__Conversation_Id__c", "Kustomer Conversation Id")],
        &[],
    ),
    (
        "Subscription__c",
        "Subscription",
        "Subscriptions",
        &[
            ("Name", "Subscription Number"),
            ("Status__c", "Status"),
            ("Renewal_Date__c", "Renewal date"),
            ("Seats__c", "Seats"),
            ("Product__c", "Product"),
        ],
        &[],
    ),
];

/// The answer to `object-info/batch/{names}` (comma-separated).
pub fn batch(names: &str) -> Value {
    let results: Vec<Value> = names.split(',').map(|name| describe(name.trim())).collect();
    json!({ "results": results })
}

fn describe(name: &str) -> Value {
    let Some((api_name, label, plural, labels, children)) =
        OBJECTS.iter().find(|(api_name, ..)| api_name.eq_ignore_ascii_case(name))
    else {
        return json!({ "statusCode": 404, "result": [{ "errorCode": "NOT_FOUND", "message": "The requested resource does not exist" }] });
    };
    let mut fields = Map::new();
    let add = |fields: &mut Map<String, Value>, field: &str, label: String| {
        fields.insert(field.to_string(), json!({ "apiName": field, "label": label }));
    };
    add(&mut fields, "Id", format!("{label} ID"));
    // Every field the records hold; a relationship (an object value) is not a field.
    for record in table(api_name).unwrap_or_default() {
        for (field, value) in record.as_object().into_iter().flatten() {
            if field != "attributes" && !value.is_object() && !fields.contains_key(field) {
                let own = labels.iter().find(|(name, _)| name == field).map(|(_, label)| label.to_string());
                add(&mut fields, field, own.unwrap_or_else(|| crate::insight::labels::humanise(field)));
            }
        }
    }
    for (field, label) in labels.iter() {
        if !fields.contains_key(*field) {
            add(&mut fields, field, label.to_string());
        }
    }
    let children: Vec<Value> = children
        .iter()
        .map(|(relationship, child, field)| {
            json!({ "childObjectApiName": child, "fieldName": field, "relationshipName": relationship,
                    "junctionIdListNames": [], "junctionReferenceTo": [] })
        })
        .collect();
    json!({ "statusCode": 200, "result": { "apiName": api_name, "label": label, "labelPlural": plural, "fields": fields,
            "childRelationships": children } })
}
