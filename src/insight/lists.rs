//! The related lists on the card: which are asked and under which relationship, which were
//! refused and why ([`ListState`]), and the sections built from the records the Account
//! query brought back ([`RelatedSection`]).

use serde_json::Value;

use super::org_info::{field_label, plural_label, OrgInfo};
use super::refusal::named_name;
use super::related::{Parent, RelatedList};
use crate::json::{at, str_at};
use crate::salesforce::errors::{details, plain_message};
use crate::strings;
use crate::transport::FetchError;

/// What became of one configured list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListState {
    /// Asked as a subquery under this child relationship.
    Asked(String),
    /// Left out of the query, with the notice its section shows and Salesforce's words.
    Refused { notice: String, details: Option<String> },
}

/// Each list's relationship, checked against the org's object info where there is one:
/// the one named, or the only one from the parent to the object when none is named. An
/// object the org would not describe, or a relationship it does not have, refuses the
/// list before anything is asked, so that the rest of the card is read.
pub fn resolve(lists: &[RelatedList], info: Option<&OrgInfo>) -> Vec<ListState> {
    lists.iter().map(|list| resolve_one(list, info)).collect()
}

fn resolve_one(list: &RelatedList, info: Option<&OrgInfo>) -> ListState {
    let refused = |notice: String| ListState::Refused { notice, details: None };
    if let Some(undescribed) = info.and_then(|info| info.undescribed(&list.object)) {
        let code = undescribed.error_code.as_deref().unwrap_or("");
        return refused(strings::list_object_unknown(&list.object, undescribed.status, code));
    }
    let parent = info.and_then(|info| info.object(list.parent.name()));
    match (parent, list.relationship.as_deref()) {
        (Some(parent), named) => match parent.relationship_to(&list.object, named) {
            Ok(relationship) => ListState::Asked(relationship.to_string()),
            Err(known) => {
                refused(strings::list_relationship_unknown(list.parent.name(), &list.object, named, &known.join(", ")))
            }
        },
        (None, Some(named)) => ListState::Asked(named.to_string()),
        (None, None) => refused(strings::list_relationship_needed(list.parent.name(), &list.object)),
    }
}

/// The list a failed Account query is about: the one whose relationship or object the
/// error names, else (the error naming nothing of the card's own) every list still asked.
pub fn blamed(error: &FetchError, lists: &[RelatedList], states: &[ListState]) -> Vec<usize> {
    let FetchError::Http { message: Some(_), .. } = error else { return Vec::new() };
    let named = named_name(error);
    let quoted = |name: &str| named.as_deref().is_some_and(|named| named.eq_ignore_ascii_case(name));
    let asked = || {
        states.iter().enumerate().filter_map(|(index, state)| match state {
            ListState::Asked(relationship) => Some((index, relationship.as_str())),
            ListState::Refused { .. } => None,
        })
    };
    let named: Vec<usize> = asked()
        .filter(|(index, relationship)| quoted(relationship) || quoted(&lists[*index].object))
        .map(|(index, _)| index)
        .collect();
    if named.is_empty() {
        asked().map(|(index, _)| index).collect()
    } else {
        named
    }
}

/// A list the Account query was refused over: its section says so, the rest is read again.
pub fn refused_by(list: &RelatedList, error: &FetchError) -> ListState {
    let said = match error {
        FetchError::Http { message: Some(message), .. } => plain_message(message),
        other => other.to_string(),
    };
    ListState::Refused { notice: strings::list_refused(&list.object, &said), details: details(error) }
}

/// One related list as the card shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedSection {
    pub title: String,
    pub object: String,
    pub parent: Parent,
    /// `(label, API name)` of each field after the first, which names the row.
    pub columns: Vec<(String, String)>,
    pub groups: Vec<Group>,
    /// The most records shown under one parent.
    pub limit: u32,
    pub refusal: Option<(String, Option<String>)>,
}

/// The list's records under one parent record.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub parent_id: String,
    pub parent_name: String,
    pub relationship: String,
    pub rows: Vec<Row>,
    /// The parent has more records than the list shows.
    pub more: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    /// The first field's value, or the id when it has none.
    pub name: String,
    /// The other fields' values, in the order of the section's columns.
    pub values: Vec<Value>,
}

impl RelatedSection {
    pub fn count(&self) -> usize {
        self.groups.iter().map(|group| group.rows.len()).sum()
    }
}

/// The section of `list` from the Accounts the card read (each with its matching Contacts
/// under `Contacts`), in the state the load left the list in.
pub fn section(
    list: &RelatedList,
    state: Option<&ListState>,
    accounts: &[Value],
    info: Option<&OrgInfo>,
) -> RelatedSection {
    let title = list.label.clone().unwrap_or_else(|| plural_label(info, &list.object));
    let columns =
        list.fields.iter().skip(1).map(|field| (field_label(info, &list.object, field), field.clone())).collect();
    let mut section = RelatedSection {
        title,
        object: list.object.clone(),
        parent: list.parent,
        columns,
        groups: Vec::new(),
        limit: list.limit,
        refusal: None,
    };
    let relationship = match state {
        Some(ListState::Asked(relationship)) => relationship,
        Some(ListState::Refused { notice, details }) => {
            section.refusal = Some((notice.clone(), details.clone()));
            return section;
        }
        None => return section,
    };
    let parents: Vec<&Value> = match list.parent {
        Parent::Account => accounts.iter().collect(),
        Parent::Contact => accounts
            .iter()
            .filter_map(|account| at(account, "Contacts.records").and_then(Value::as_array))
            .flatten()
            .collect(),
    };
    let mut seen: Vec<String> = Vec::new();
    for parent in parents {
        let Some(parent_id) = str_at(parent, "Id") else { continue };
        if seen.contains(&parent_id) {
            continue;
        }
        seen.push(parent_id.clone());
        let records =
            parent.get(relationship.as_str()).and_then(|child| child.get("records")).and_then(Value::as_array);
        let Some(records) = records.filter(|records| !records.is_empty()) else { continue };
        let rows: Vec<Row> = records.iter().take(list.limit as usize).filter_map(|record| row(list, record)).collect();
        section.groups.push(Group {
            parent_name: str_at(parent, "Name").unwrap_or_else(|| parent_id.clone()),
            parent_id,
            relationship: relationship.clone(),
            more: records.len() > list.limit as usize,
            rows,
        });
    }
    section
}

fn row(list: &RelatedList, record: &Value) -> Option<Row> {
    let id = str_at(record, "Id")?;
    let first = list.fields.first().and_then(|field| at(record, field));
    let name = match first {
        Some(Value::String(text)) if !text.is_empty() => text.clone(),
        Some(value @ (Value::Number(_) | Value::Bool(_))) => crate::json::compact(value),
        _ => id.clone(),
    };
    let values = list.fields.iter().skip(1).map(|field| at(record, field).cloned().unwrap_or(Value::Null)).collect();
    Some(Row { id, name, values })
}

#[cfg(test)]
#[path = "lists_tests.rs"]
mod tests;
