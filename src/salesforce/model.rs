//! Query results and the records the card shows. Relationship fields come back as a
//! nested object or as `null` (no related record, or no access to it): both read as
//! absent, never as an error.

use serde_json::Value;

use crate::json::{at, bool_at, str_at};

/// One batch of `GET …/query`.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub total_size: u64,
    pub done: bool,
    pub next_records_url: Option<String>,
    pub records: Vec<Value>,
}

impl QueryResult {
    pub fn from_value(value: &Value) -> Option<QueryResult> {
        let records = value.get("records")?.as_array()?.clone();
        Some(QueryResult {
            total_size: value.get("totalSize").and_then(Value::as_u64).unwrap_or(records.len() as u64),
            done: value.get("done").and_then(Value::as_bool).unwrap_or(true),
            next_records_url: str_at(value, "nextRecordsUrl"),
            records,
        })
    }
}

/// A field the admin added, with its value as Salesforce sent it.
pub type Extra = Vec<(String, Value)>;

fn extras(record: &Value, fields: &[String]) -> Extra {
    fields.iter().map(|field| (field.clone(), at(record, field).cloned().unwrap_or(Value::Null))).collect()
}

fn number(record: &Value, field: &str) -> Option<f64> {
    at(record, field).and_then(Value::as_f64)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub owner_name: Option<String>,
    pub extra: Extra,
}

impl Contact {
    pub fn from_record(record: &Value, fields: &[String]) -> Option<Contact> {
        Some(Contact {
            id: str_at(record, "Id")?,
            name: str_at(record, "Name").unwrap_or_else(|| "(no name)".to_string()),
            title: str_at(record, "Title"),
            email: str_at(record, "Email"),
            phone: str_at(record, "Phone"),
            account_id: str_at(record, "AccountId"),
            account_name: str_at(record, "Account.Name"),
            owner_name: str_at(record, "Owner.Name"),
            extra: extras(record, fields),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    pub id: String,
    pub name: String,
    pub company: Option<String>,
    pub title: Option<String>,
    pub status: Option<String>,
    pub lead_source: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub owner_name: Option<String>,
    pub extra: Extra,
}

impl Lead {
    pub fn from_record(record: &Value, fields: &[String]) -> Option<Lead> {
        Some(Lead {
            id: str_at(record, "Id")?,
            name: str_at(record, "Name").unwrap_or_else(|| "(no name)".to_string()),
            company: str_at(record, "Company"),
            title: str_at(record, "Title"),
            status: str_at(record, "Status"),
            lead_source: str_at(record, "LeadSource"),
            email: str_at(record, "Email"),
            phone: str_at(record, "Phone"),
            owner_name: str_at(record, "Owner.Name"),
            extra: extras(record, fields),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub stage: Option<String>,
    pub amount: Option<f64>,
    pub close_date: Option<String>,
    pub probability: Option<f64>,
    pub is_closed: bool,
    pub is_won: bool,
    pub extra: Extra,
}

impl Opportunity {
    pub fn from_record(record: &Value, fields: &[String]) -> Option<Opportunity> {
        Some(Opportunity {
            id: str_at(record, "Id")?,
            name: str_at(record, "Name").unwrap_or_else(|| "(no name)".to_string()),
            stage: str_at(record, "StageName"),
            amount: number(record, "Amount"),
            close_date: str_at(record, "CloseDate"),
            probability: number(record, "Probability"),
            is_closed: bool_at(record, "IsClosed").unwrap_or(false),
            is_won: bool_at(record, "IsWon").unwrap_or(false),
            extra: extras(record, fields),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub parent_name: Option<String>,
    pub extra: Extra,
    /// Open ones first, then by close date.
    pub opportunities: Vec<Opportunity>,
}

impl Account {
    pub fn from_record(record: &Value, fields: &[String], opportunity_fields: &[String]) -> Option<Account> {
        let mut opportunities: Vec<Opportunity> = match at(record, "Opportunities.records") {
            Some(Value::Array(records)) => {
                records.iter().filter_map(|r| Opportunity::from_record(r, opportunity_fields)).collect()
            }
            _ => Vec::new(),
        };
        // The query orders them too; sorting again keeps the rule true whatever the org sends.
        crate::order::sort_by_key(&mut opportunities, |opportunity| {
            (i64::from(opportunity.is_closed), 0, opportunity.close_date.clone().unwrap_or_else(|| "9999".into()))
        });
        Some(Account {
            id: str_at(record, "Id")?,
            name: str_at(record, "Name").unwrap_or_else(|| "(no name)".to_string()),
            parent_name: str_at(record, "Parent.Name"),
            extra: extras(record, fields),
            opportunities,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_nulls_read_as_absent() {
        let record = json!({ "attributes": { "type": "Contact" }, "Id": "003A", "Name": "Marcus Webb", "Account": null, "AccountId": null, "Owner": null, "Title": null });
        let contact = Contact::from_record(&record, &[]).unwrap();
        assert_eq!(contact.account_name, None);
        assert_eq!(contact.owner_name, None);
        assert_eq!(contact.title, None);
        let record = json!({ "Id": "003B", "Name": "Jane", "Account": { "attributes": { "type": "Account" }, "Name": "Brightline Inc" }, "Owner": { "Name": "Avery" } });
        let contact = Contact::from_record(&record, &[]).unwrap();
        assert_eq!(contact.account_name.as_deref(), Some("Brightline Inc"));
        assert_eq!(contact.owner_name.as_deref(), Some("Avery"));
        assert!(Contact::from_record(&json!({ "Name": "no id" }), &[]).is_none());
    }

    #[test]
    fn accounts_carry_parent_extras_and_ordered_opportunities() {
        let record = json!({
            "Id": "001A", "Name": "Brightline Inc", "Parent": { "Name": "Brightline Holdings" }, "NumberOfEmployees": 310,
            "Opportunities": { "totalSize": 3, "done": true, "records": [
                { "Id": "006C", "Name": "Won", "IsClosed": true, "IsWon": true, "CloseDate": "2025-12-12", "Amount": 124000 },
                { "Id": "006B", "Name": "Later", "IsClosed": false, "CloseDate": "2027-02-28", "Amount": null },
                { "Id": "006A", "Name": "Sooner", "IsClosed": false, "CloseDate": "2026-12-15", "Amount": 148800.5 }
            ] }
        });
        let account = Account::from_record(&record, &["NumberOfEmployees".into()], &[]).unwrap();
        assert_eq!(account.parent_name.as_deref(), Some("Brightline Holdings"));
        assert_eq!(account.extra, vec![("NumberOfEmployees".to_string(), json!(310))]);
        let names: Vec<&str> = account.opportunities.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, vec!["Sooner", "Later", "Won"]);
        assert_eq!(account.opportunities[0].amount, Some(148800.5));
        assert_eq!(account.opportunities[1].amount, None);
        let bare = Account::from_record(
            &json!({ "Id": "001B", "Name": "No opps", "Opportunities": null, "Parent": null }),
            &[],
            &[],
        )
        .unwrap();
        assert!(bare.opportunities.is_empty() && bare.parent_name.is_none());
    }

    #[test]
    fn query_results_read_with_and_without_more_batches() {
        let first = QueryResult::from_value(&json!({ "totalSize": 6, "done": false, "nextRecordsUrl": "/services/data/v62.0/query/01g-3", "records": [{}, {}, {}] })).unwrap();
        assert!(!first.done);
        assert_eq!(first.next_records_url.as_deref(), Some("/services/data/v62.0/query/01g-3"));
        assert!(
            QueryResult::from_value(&json!({ "totalSize": 0 })).is_none(),
            "no records array is not a query result"
        );
    }
}
