//! What the org says about its objects, through User Interface API object info: the labels
//! its admins gave objects and fields, which fields the integration user is given, and the
//! child relationships a related list hangs from. One request reads every object the card
//! shows: `GET /services/data/vXX.X/ui-api/object-info/batch/Account,Contact,Case`.
//!
//! The answer, as Salesforce's UI API guide describes it ("Get a Batch of Object
//! Metadata", "Simplified Batch Results", "Object Info", "Child Relationship"):
//! `{"results": [{"statusCode": 200, "result": {apiName, label, labelPlural, fields: {Name:
//! {apiName, label, dataType, …}}, childRelationships: [{childObjectApiName, fieldName,
//! relationshipName, …}]}}]}`, in the order asked; an object that fails has its own status
//! and a list of `{errorCode, message}` as its `result` (a 404 for an object the org does
//! not have, 400 `INVALID_TYPE` for one UI API does not support) while the request itself
//! answers 200. Anything missing or mistyped is read as absent, never as an error.

use serde_json::Value;

use crate::json::{int_at, str_at};

/// One object as the org describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub api_name: String,
    pub label: Option<String>,
    pub label_plural: Option<String>,
    /// Every field the answer lists, as `(API name, label)`.
    pub fields: Vec<(String, Option<String>)>,
    pub children: Vec<ChildRelationship>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildRelationship {
    pub child_object: String,
    pub field: String,
    pub relationship: String,
}

/// An object the org would not describe: its status and the platform's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undescribed {
    pub api_name: String,
    pub status: u16,
    pub error_code: Option<String>,
}

/// The objects an answer described, and the ones it did not.
pub type Described = (Vec<ObjectInfo>, Vec<Undescribed>);

/// The path of one batch request for `objects` (API names, already checked).
pub fn batch_path(api_version: &str, objects: &[&str]) -> String {
    format!("/services/data/{api_version}/ui-api/object-info/batch/{}", objects.join(","))
}

/// The batch answer for `asked` (in the order asked), read into the objects described and
/// the ones that were not. `None` when the answer has no `results` list at all.
pub fn read_batch(body: &Value, asked: &[&str]) -> Option<Described> {
    let results = body.get("results")?.as_array()?;
    let mut described = Vec::new();
    let mut undescribed = Vec::new();
    for (index, entry) in results.iter().enumerate() {
        let status = int_at(entry, "statusCode").and_then(|status| u16::try_from(status).ok()).unwrap_or(0);
        let result = entry.get("result").unwrap_or(&Value::Null);
        let named = str_at(result, "apiName").or_else(|| asked.get(index).map(|name| name.to_string()));
        let Some(api_name) = named else { continue };
        if status == 200 && result.is_object() {
            described.push(read_object(result, api_name));
        } else {
            let error_code = result.get(0).and_then(|error| str_at(error, "errorCode"));
            undescribed.push(Undescribed { api_name, status, error_code });
        }
    }
    Some((described, undescribed))
}

fn read_object(result: &Value, api_name: String) -> ObjectInfo {
    let mut fields: Vec<(String, Option<String>)> = match result.get("fields") {
        Some(Value::Object(fields)) => fields
            .iter()
            .map(|(name, field)| (str_at(field, "apiName").unwrap_or_else(|| name.clone()), str_at(field, "label")))
            .collect(),
        _ => Vec::new(),
    };
    crate::order::sort_by_key(&mut fields, |(name, _)| (0, 0, name.clone()));
    let children = result
        .get("childRelationships")
        .and_then(Value::as_array)
        .map(|children| {
            children
                .iter()
                .filter_map(|child| {
                    Some(ChildRelationship {
                        child_object: str_at(child, "childObjectApiName")?,
                        field: str_at(child, "fieldName")?,
                        relationship: str_at(child, "relationshipName")?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ObjectInfo {
        label: str_at(result, "label"),
        label_plural: str_at(result, "labelPlural"),
        api_name,
        fields,
        children,
    }
}

impl ObjectInfo {
    /// The field's label; a relationship path's own field is not looked up here.
    pub fn field_label(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(name, _)| name.eq_ignore_ascii_case(field)).and_then(|(_, label)| label.as_deref())
    }

    /// Whether the answer lists the field: a field it leaves out is one the integration
    /// user is not given, which the card leaves out of its query rather than fail on it.
    pub fn has_field(&self, field: &str) -> bool {
        self.fields.iter().any(|(name, _)| name.eq_ignore_ascii_case(field))
    }

    /// The child relationship to `child_object`: the one named, if the org has it, or the
    /// only one when none is named. `Err` lists what the org has, for the admin's error.
    pub fn relationship_to(&self, child_object: &str, named: Option<&str>) -> Result<&str, Vec<&str>> {
        let to_child: Vec<&ChildRelationship> =
            self.children.iter().filter(|child| child.child_object.eq_ignore_ascii_case(child_object)).collect();
        let names = || to_child.iter().map(|child| child.relationship.as_str()).collect::<Vec<&str>>();
        match named {
            Some(named) => to_child
                .iter()
                .find(|child| child.relationship.eq_ignore_ascii_case(named))
                .map(|child| child.relationship.as_str())
                .ok_or_else(names),
            None if to_child.len() == 1 => Ok(to_child[0].relationship.as_str()),
            None => Err(names()),
        }
    }
}

#[cfg(test)]
#[path = "object_info_tests.rs"]
mod tests;
