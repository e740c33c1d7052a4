//! What the card knows of the org's objects: the labels its admins gave fields and
//! objects, the fields the integration user is given, and the child relationships a
//! related list hangs from ([`crate::salesforce::object_info`] reads one answer).
//!
//! It is asked only when the card shows something beyond its built-in fields (extra
//! fields, related lists, a Kustomer id field), in one request for every such object. The
//! answer is saved for 24 hours, under one key per org that every mount in the browser
//! shares, and an older copy is used when the API limit is near or the request fails.
//! Without any answer the card names things by their humanised API names, never by
//! nothing.

use serde_json::Value;

use super::labels::humanise;
use crate::cache::{Cache, PREFIX};
use crate::config::{CardSettings, ExtraFields};
use crate::json::{object, str_at};
use crate::salesforce::client::SalesforceClient;
use crate::salesforce::object_info::{ChildRelationship, ObjectInfo, Undescribed};

/// The org's answer for the objects the card asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgInfo {
    pub described: Vec<ObjectInfo>,
    pub undescribed: Vec<Undescribed>,
}

/// The objects whose info the card needs, each once, in a stable order; empty when the
/// card shows nothing beyond its own fields.
pub fn objects_to_describe(extra: &ExtraFields, card: &CardSettings) -> Vec<String> {
    let mut objects: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !objects.iter().any(|known| known.eq_ignore_ascii_case(name)) {
            objects.push(name.to_string());
        }
    };
    let by_id = card.matching.contact_field.is_some();
    for (object, wanted) in [
        ("Account", !extra.account.is_empty()),
        ("Contact", !extra.contact.is_empty() || by_id),
        ("Lead", !extra.lead.is_empty() || by_id),
        ("Opportunity", !extra.opportunity.is_empty()),
    ] {
        if wanted {
            add(object);
        }
    }
    for list in &card.related_lists {
        // The parent's info names its relationships; the list's own, its labels.
        add(list.parent.name());
        add(&list.object);
    }
    objects
}

impl OrgInfo {
    pub fn object(&self, name: &str) -> Option<&ObjectInfo> {
        self.described.iter().find(|info| info.api_name.eq_ignore_ascii_case(name))
    }

    pub fn undescribed(&self, name: &str) -> Option<&Undescribed> {
        self.undescribed.iter().find(|info| info.api_name.eq_ignore_ascii_case(name))
    }

    /// Whether the answer says something of each of `objects`.
    pub fn covers(&self, objects: &[String]) -> bool {
        objects.iter().all(|name| self.object(name).is_some() || self.undescribed(name).is_some())
    }

    /// Whether the integration user is given `field` on `object`: false only when the org
    /// described the object and left the field out. A relationship path (`Product__r.Name`)
    /// is not checked here: its first step is a lookup the answer names by another name.
    pub fn readable(&self, object: &str, field: &str) -> bool {
        field.contains('.') || self.object(object).is_none_or(|info| info.has_field(field))
    }

    pub fn to_json(&self) -> Value {
        let described = self.described.iter().map(|info| {
            let fields = info
                .fields
                .iter()
                .map(|(name, label)| Value::from(vec![Value::from(name.as_str()), label.clone().into()]));
            let children = info.children.iter().map(|child| {
                Value::from(vec![child.child_object.as_str(), child.field.as_str(), child.relationship.as_str()])
            });
            object([
                ("apiName", info.api_name.as_str().into()),
                ("label", info.label.clone().into()),
                ("labelPlural", info.label_plural.clone().into()),
                ("fields", fields.collect()),
                ("children", children.collect()),
            ])
        });
        let undescribed = self.undescribed.iter().map(|entry| {
            object([
                ("apiName", entry.api_name.as_str().into()),
                ("status", entry.status.into()),
                ("errorCode", entry.error_code.clone().into()),
            ])
        });
        object([("described", described.collect()), ("undescribed", undescribed.collect())])
    }

    /// Reads what [`Self::to_json`] wrote; `None` for anything else.
    pub fn from_json(value: &Value) -> Option<OrgInfo> {
        let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_string);
        let described = each(value, "described", |info| {
            Some(ObjectInfo {
                api_name: str_at(info, "apiName")?,
                label: str_at(info, "label"),
                label_plural: str_at(info, "labelPlural"),
                fields: each(info, "fields", |pair| Some((text(pair.get(0))?, text(pair.get(1)))))?,
                children: each(info, "children", |child| {
                    Some(ChildRelationship {
                        child_object: text(child.get(0))?,
                        field: text(child.get(1))?,
                        relationship: text(child.get(2))?,
                    })
                })?,
            })
        })?;
        let undescribed = each(value, "undescribed", |entry| {
            Some(Undescribed {
                api_name: str_at(entry, "apiName")?,
                status: u16::try_from(entry.get("status")?.as_u64()?).ok()?,
                error_code: str_at(entry, "errorCode"),
            })
        })?;
        Some(OrgInfo { described, undescribed })
    }
}

/// Every item of the array under `key`, read by `read`; `None` if the array or any item
/// is not what was written.
fn each<T>(value: &Value, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    value.get(key)?.as_array()?.iter().map(read).collect()
}

/// A field's label: the org's, or its API name made words.
pub fn field_label(info: Option<&OrgInfo>, object: &str, field: &str) -> String {
    info.and_then(|info| info.object(object))
        .and_then(|object| object.field_label(field))
        .map(str::to_string)
        .unwrap_or_else(|| humanise(field))
}

/// An object's plural label: the org's, or its API name made words.
pub fn plural_label(info: Option<&OrgInfo>, object: &str) -> String {
    info.and_then(|info| info.object(object))
        .and_then(|object| object.label_plural.clone())
        .unwrap_or_else(|| humanise(object))
}

fn key(org: &str) -> String {
    format!("{PREFIX}info:{}", org.to_ascii_lowercase())
}

/// The saved answer that covers `objects`, whatever its age, and its age.
fn kept(cache: Option<&Cache>, org: &str, objects: &[String], now_ms: f64) -> Option<(OrgInfo, f64)> {
    let entry = cache?.get(&key(org), now_ms, f64::INFINITY)?;
    let info = OrgInfo::from_json(&entry.data).filter(|info| info.covers(objects))?;
    Some((info, entry.age_ms))
}

/// Whether a kept answer is young enough to be used without asking again.
fn is_fresh(age_ms: f64) -> bool {
    age_ms < crate::cache::MAX_AGE_MS
}

/// Asks the org for `objects` and keeps the answer; `None` when the request fails.
async fn ask(
    client: &SalesforceClient<'_>,
    cache: Option<&Cache<'_>>,
    org: &str,
    objects: &[String],
    now_ms: f64,
) -> Option<OrgInfo> {
    let names: Vec<&str> = objects.iter().map(String::as_str).collect();
    let (described, undescribed) = client.object_info(&names).await.ok()?;
    let info = OrgInfo { described, undescribed };
    if let Some(cache) = cache {
        // Keeping it is a bonus: a full storage costs a request next time, no more.
        let _ = cache.put(&key(org), &info.to_json(), now_ms);
    }
    Some(info)
}

/// The org's info for `objects`: saved within 24 hours, else asked (when `ask`), else
/// saved at any age; `None` when there is none to be had. A failed request is no failure
/// of the card, which names things by their API names then.
pub async fn read(
    client: &SalesforceClient<'_>,
    cache: Option<&Cache<'_>>,
    org: &str,
    objects: &[String],
    now_ms: f64,
    may_ask: bool,
) -> Option<OrgInfo> {
    if objects.is_empty() {
        return None;
    }
    let kept = kept(cache, org, objects, now_ms);
    if may_ask && kept.as_ref().is_none_or(|(_, age)| !is_fresh(*age)) {
        if let Some(info) = ask(client, cache, org, objects, now_ms).await {
            return Some(info);
        }
    }
    kept.map(|(info, _)| info)
}

#[cfg(test)]
#[path = "org_info_tests.rs"]
mod tests;
