//! Related lists: records of any object that hang from the matched Accounts or Contacts
//! (`Case`, `Asset`, `Subscription__c`), as the admin lists them under `relatedLists`.
//!
//! Each list rides in a query the card already makes, as a child subquery of its parent, so
//! that lists cost no request of their own. Nothing from the config reaches a query as it
//! was written: every name is checked as an API name, the order is read into a field and a
//! direction, the filter is read by [`crate::salesforce::filter`] and written back in its
//! canonical form, and the limit is a number in range. Errors name the key that holds the
//! problem (`relatedLists[0].where`).

use serde_json::Value;

use crate::config::read::Object;
use crate::config::ConfigError;
use crate::salesforce::filter::{self, Filter};
use crate::salesforce::soql::is_field_name;

/// At most this many lists: each adds a subquery, and a query holds at most 20.
pub const MAX_LISTS: usize = 8;
/// At most this many fields a list.
pub const MAX_FIELDS: usize = 10;
pub const DEFAULT_LIMIT: u32 = 5;
pub const MAX_LIMIT: u32 = 50;

pub const KEYS: &[&str] = &["object", "parent", "relationship", "label", "fields", "where", "orderBy", "limit"];

/// The matched records a list hangs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    Account,
    Contact,
}

impl Parent {
    pub fn name(self) -> &'static str {
        match self {
            Parent::Account => "Account",
            Parent::Contact => "Contact",
        }
    }
}

/// `ORDER BY` for one list: a field, a direction, and where nulls go if said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderBy {
    field: String,
    descending: bool,
    nulls_first: Option<bool>,
}

impl OrderBy {
    /// Reads `Renewal_Date__c DESC NULLS LAST`: a field, then optionally `ASC` or `DESC`,
    /// then optionally `NULLS FIRST` or `NULLS LAST`, any case, nothing else.
    pub fn parse(text: &str) -> Result<OrderBy, String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let Some((&field, rest)) = words.split_first() else {
            return Err("expected a field, such as `CreatedDate DESC`".into());
        };
        if !is_field_name(field) {
            return Err(format!("`{field}` is not a field API name"));
        }
        let upper: Vec<String> = rest.iter().map(|word| word.to_ascii_uppercase()).collect();
        let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
        let (descending, rest) = match upper.split_first() {
            Some((&"ASC", rest)) => (false, rest),
            Some((&"DESC", rest)) => (true, rest),
            _ => (false, &upper[..]),
        };
        let nulls_first = match rest {
            [] => None,
            ["NULLS", "FIRST"] => Some(true),
            ["NULLS", "LAST"] => Some(false),
            _ => return Err("expected a field, then ASC or DESC, then NULLS FIRST or NULLS LAST".into()),
        };
        Ok(OrderBy { field: field.to_string(), descending, nulls_first })
    }

    pub fn to_soql(&self) -> String {
        let mut soql = format!("{} {}", self.field, if self.descending { "DESC" } else { "ASC" });
        match self.nulls_first {
            Some(true) => soql.push_str(" NULLS FIRST"),
            Some(false) => soql.push_str(" NULLS LAST"),
            None => {}
        }
        soql
    }
}

/// One list as the admin configured it, every part checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedList {
    pub object: String,
    pub parent: Parent,
    /// The child relationship's name on the parent (`Subscriptions__r`); when left out, the
    /// org's object info names it.
    pub relationship: Option<String>,
    pub label: Option<String>,
    pub fields: Vec<String>,
    pub filter: Option<Filter>,
    pub order_by: Option<OrderBy>,
    pub limit: u32,
}

impl RelatedList {
    /// The child subquery under `relationship`: the record's id and the fields, the filter
    /// and order written back from what was read, and one record more than the limit, to
    /// know whether the list holds more than it shows.
    pub fn subquery(&self, relationship: &str) -> String {
        let mut fields = vec!["Id"];
        for field in &self.fields {
            if !fields.iter().any(|known| known.eq_ignore_ascii_case(field)) {
                fields.push(field);
            }
        }
        let mut soql = format!("(SELECT {} FROM {relationship}", fields.join(", "));
        if let Some(filter) = &self.filter {
            soql.push_str(" WHERE ");
            soql.push_str(&filter.to_soql());
        }
        if let Some(order_by) = &self.order_by {
            soql.push_str(" ORDER BY ");
            soql.push_str(&order_by.to_soql());
        }
        soql.push_str(&format!(" LIMIT {})", self.limit + 1));
        soql
    }
}

/// An object's API name: one word of letters, digits and underscores (`Case`,
/// `Subscription__c`, `ns__Thing__c`), no relationship step.
pub fn is_object_name(name: &str) -> bool {
    !name.contains('.') && is_field_name(name)
}

/// The lists under `relatedLists` (`value`), every part checked; an error names its key.
pub fn parse_lists(value: &Value) -> Result<Vec<RelatedList>, ConfigError> {
    const KEY: &str = "relatedLists";
    let Value::Array(items) = value else {
        return Err(ConfigError::new(KEY, "expected an array of related lists"));
    };
    if items.len() > MAX_LISTS {
        return Err(ConfigError::new(KEY, format!("at most {MAX_LISTS} related lists, found {}", items.len())));
    }
    let mut lists: Vec<RelatedList> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let key = format!("{KEY}[{index}]");
        let list = parse_list(item, &key)?;
        // The card's `sections` name a list by its object, so each object has one list.
        if lists.iter().any(|known| known.object.eq_ignore_ascii_case(&list.object)) {
            return Err(ConfigError::new(
                &format!("{key}.object"),
                format!("`{}` has a list already: each object has one list", list.object),
            ));
        }
        lists.push(list);
    }
    Ok(lists)
}

fn parse_list(value: &Value, path: &str) -> Result<RelatedList, ConfigError> {
    let list = Object::new(value, path, KEYS)?;
    let trimmed = |key: &str| -> Result<Option<String>, ConfigError> {
        Ok(list.string(key)?.map(|text| text.trim().to_string()).filter(|text| !text.is_empty()))
    };
    let api_name = |key: &str| -> Result<Option<String>, ConfigError> {
        match list.string(key)? {
            None => Ok(None),
            Some(name) if is_object_name(name.trim()) => Ok(Some(name.trim().to_string())),
            Some(_) => Err(ConfigError::new(&list.key(key), "expected an API name: letters, digits and underscores")),
        }
    };
    let object = api_name("object")?.ok_or_else(|| {
        ConfigError::new(&list.key("object"), "missing: expected the object's API name, such as Case")
    })?;
    let parent = list
        .choice("parent", "parent", &[("Account", Parent::Account), ("Contact", Parent::Contact)])?
        .ok_or_else(|| ConfigError::new(&list.key("parent"), "missing: expected `Account` or `Contact`"))?;
    let relationship = api_name("relationship")?;
    let label = trimmed("label")?;
    // Each field is named by its index in brackets, as the lists themselves are.
    let fields = match list.get("fields") {
        Some(Value::Array(names)) if !names.is_empty() && names.len() <= MAX_FIELDS => names
            .iter()
            .enumerate()
            .map(|(index, name)| match name.as_str().map(str::trim) {
                Some(name) if is_field_name(name) => Ok(name.to_string()),
                _ => Err(ConfigError::new(&format!("{path}.fields[{index}]"), "expected a field API name")),
            })
            .collect::<Result<Vec<String>, ConfigError>>()?,
        _ => return Err(ConfigError::new(&list.key("fields"), format!("expected 1 to {MAX_FIELDS} field API names"))),
    };
    let filter = match trimmed("where")? {
        Some(filter) => {
            Some(filter::parse(&filter).map_err(|error| ConfigError::new(&list.key("where"), error.to_string()))?)
        }
        None => None,
    };
    let order_by = match trimmed("orderBy")? {
        Some(order) => Some(OrderBy::parse(&order).map_err(|message| ConfigError::new(&list.key("orderBy"), message))?),
        None => None,
    };
    let limit = list.count("limit", MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
    Ok(RelatedList { object, parent, relationship, label, fields, filter, order_by, limit })
}

#[cfg(test)]
#[path = "related_tests.rs"]
mod tests;
