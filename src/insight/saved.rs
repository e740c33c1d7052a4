//! What the card fetched, as records: what the cache keeps, since a card can be built
//! again from it. The cache keeps it per customer email ([`Fetched::for_email`]), and a
//! card opened with several emails is built from each email's saved part
//! ([`Fetched::merge`]): the same person comes back with an email more or fewer.

use serde_json::Value;

use super::lists::ListState;
use super::{Fields, Object, Refusal};
use crate::json::{object, str_at};
use crate::salesforce::host_saved::HostSaved;
use crate::salesforce::limits::ApiUsage;

#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// Contacts, Leads, Accounts; `None` for a query not made (hidden or refused).
    pub records: [Option<Vec<Value>>; 3],
    /// The extra fields the queries ended up asking for.
    pub fields: Fields,
    /// Extra fields left out: refused by the name check or unknown to the org.
    pub dropped_fields: Vec<(String, String)>,
    /// Objects the integration user may not read.
    pub refused: Vec<Refusal>,
    /// Each related list by object, and whether it was asked (and under which
    /// relationship) or refused.
    pub lists: Vec<(String, ListState)>,
    pub usage: Option<ApiUsage>,
    /// Some answer was Kustomer's saved copy, not Salesforce's own (never kept: the
    /// browser's copy is of fresh answers only).
    pub host_saved: Option<HostSaved>,
}

impl Fetched {
    /// The part of these records that belongs to `email`: its Contacts and Leads, and the
    /// Accounts of its Contacts (the Account query lists them as `Contacts`).
    pub fn for_email(&self, email: &str) -> Fetched {
        let has_email = |record: &Value| str_at(record, "Email").is_some_and(|own| own.eq_ignore_ascii_case(email));
        let [contacts, leads, accounts] = &self.records;
        let people = |records: &Option<Vec<Value>>| {
            records.as_ref().map(|list| list.iter().filter(|r| has_email(r)).cloned().collect::<Vec<_>>())
        };
        let accounts = accounts.as_ref().map(|list| {
            list.iter()
                .filter(|account| {
                    match account.get("Contacts").and_then(|c| c.get("records")).and_then(Value::as_array) {
                        Some(contacts) => contacts.iter().any(has_email),
                        // Saved without the emails that place it: it stays with every email.
                        None => account.get("Contacts").is_none(),
                    }
                })
                .cloned()
                .collect()
        });
        Fetched { records: [people(contacts), people(leads), accounts], ..self.clone() }
    }

    /// One record set from several, each record once (by `Id`), sorted by name as the
    /// queries sort them.
    pub fn merge(parts: Vec<Fetched>) -> Option<Fetched> {
        let mut parts = parts.into_iter();
        let mut merged = parts.next()?;
        for part in parts {
            for (into, from) in merged.records.iter_mut().zip(part.records) {
                match (into.as_mut(), from) {
                    (Some(into), Some(from)) => {
                        for record in from {
                            let id = str_at(&record, "Id");
                            if id.is_none() || !into.iter().any(|known| str_at(known, "Id") == id) {
                                into.push(record);
                            }
                        }
                    }
                    (None, Some(from)) => *into = Some(from),
                    _ => {}
                }
            }
            for (mine, theirs) in merged.fields.lists_mut().into_iter().zip(part.fields.lists()) {
                for field in theirs {
                    if !mine.iter().any(|known| known.eq_ignore_ascii_case(field)) {
                        mine.push(field.clone());
                    }
                }
            }
            for dropped in part.dropped_fields {
                if !merged.dropped_fields.contains(&dropped) {
                    merged.dropped_fields.push(dropped);
                }
            }
            for (object, state) in part.lists {
                if !merged.lists.iter().any(|(known, _)| known.eq_ignore_ascii_case(&object)) {
                    merged.lists.push((object, state));
                }
            }
            for refusal in part.refused {
                if !merged.refused.iter().any(|known| known.object == refusal.object) {
                    merged.refused.push(refusal);
                }
            }
        }
        for records in merged.records.iter_mut().flatten() {
            crate::order::sort_by_key(records, |record| {
                (0, 0, str_at(record, "Name").unwrap_or_default().to_ascii_lowercase())
            });
        }
        Some(merged)
    }

    pub fn to_json(&self) -> Value {
        let list = |items: &[String]| Value::from(items.to_vec());
        let fields = object([
            ("contact", list(&self.fields.contact)),
            ("lead", list(&self.fields.lead)),
            ("account", list(&self.fields.account)),
            ("opportunity", list(&self.fields.opportunity)),
        ]);
        let records = self.records.iter().map(|r| r.clone().map(Value::Array).unwrap_or(Value::Null));
        let dropped =
            self.dropped_fields.iter().map(|(object, reason)| Value::from(vec![object.clone(), reason.clone()]));
        let refused = self
            .refused
            .iter()
            .map(|r| Value::Array(vec![r.object.api_name().into(), r.notice.clone().into(), r.details.clone().into()]));
        let lists = self.lists.iter().map(|(object, state)| match state {
            ListState::Asked(relationship) => Value::from(vec![object.as_str(), relationship.as_str()]),
            ListState::Refused { notice, details } => {
                Value::Array(vec![object.as_str().into(), Value::Null, notice.as_str().into(), details.clone().into()])
            }
        });
        object([
            ("records", records.collect()),
            ("fields", fields),
            ("dropped", dropped.collect()),
            ("refused", refused.collect()),
            ("lists", lists.collect()),
        ])
    }

    /// Reads what [`Self::to_json`] wrote; `None` for anything else.
    pub fn from_json(value: &Value) -> Option<Fetched> {
        let strings = |v: &Value| -> Option<Vec<String>> {
            v.as_array()?.iter().map(|s| s.as_str().map(str::to_string)).collect()
        };
        let records = value.get("records")?.as_array()?;
        let slot = |idx: usize| records.get(idx).and_then(|r| r.as_array().cloned());
        let fields = value.get("fields")?;
        let pairs = |key: &str| -> Vec<Value> { value.get(key).and_then(Value::as_array).cloned().unwrap_or_default() };
        Some(Fetched {
            records: [slot(0), slot(1), slot(2)],
            fields: Fields {
                contact: strings(fields.get("contact")?)?,
                lead: strings(fields.get("lead")?)?,
                account: strings(fields.get("account")?)?,
                opportunity: strings(fields.get("opportunity")?)?,
                refused: Vec::new(),
            },
            dropped_fields: pairs("dropped")
                .iter()
                .filter_map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                .collect(),
            refused: pairs("refused")
                .iter()
                .filter_map(|entry| {
                    Some(Refusal {
                        object: Object::from_name(entry.get(0)?.as_str()?)?,
                        notice: entry.get(1)?.as_str()?.to_string(),
                        details: entry.get(2).and_then(Value::as_str).map(str::to_string),
                    })
                })
                .collect(),
            lists: pairs("lists")
                .iter()
                .filter_map(|entry| {
                    let object = entry.get(0)?.as_str()?.to_string();
                    let state = match entry.get(1).and_then(Value::as_str) {
                        Some(relationship) => ListState::Asked(relationship.to_string()),
                        None => ListState::Refused {
                            notice: entry.get(2)?.as_str()?.to_string(),
                            details: entry.get(3).and_then(Value::as_str).map(str::to_string),
                        },
                    };
                    Some((object, state))
                })
                .collect(),
            usage: None,
            host_saved: None,
        })
    }
}
