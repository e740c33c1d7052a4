//! What the Insight Card asks Salesforce and what it makes of the answers: at most three
//! queries, none for a hidden object, duplicates stated, extra fields checked before they
//! enter SOQL and dropped by name when the org does not have them.

pub mod load;

use serde_json::{json, Value};

use crate::config::{ExtraFields, Visibility};
use crate::salesforce::client::{invalid_field, SalesforceClient};
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::model::{Account, Contact, Lead};
use crate::salesforce::soql::{clean_emails, is_field_name, quote_list};
use crate::transport::FetchError;

const CONTACT_FIELDS: &str = "Id, Name, Title, Email, Phone, AccountId, Account.Name, Owner.Name";
const LEAD_FIELDS: &str = "Id, Name, Company, Title, Status, LeadSource, Email, Phone, Owner.Name";
const ACCOUNT_FIELDS: &str = "Id, Name, Parent.Name";
const OPPORTUNITY_FIELDS: &str = "Id, Name, StageName, Amount, CloseDate, Probability, IsClosed, IsWon";

/// The admin's extra fields that passed the API-name check, and the ones that did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub contact: Vec<String>,
    pub lead: Vec<String>,
    pub account: Vec<String>,
    pub opportunity: Vec<String>,
    /// `(object, field)` pairs left out, with why, for the card to report.
    pub refused: Vec<(String, String)>,
}

impl Fields {
    pub fn from_config(extra: &ExtraFields) -> Fields {
        let mut fields = Fields::default();
        let mut take = |object: &str, names: &[String], into: &mut Vec<String>| {
            for name in names {
                let name = name.trim();
                if is_field_name(name) {
                    if !into.iter().any(|known: &String| known.eq_ignore_ascii_case(name)) {
                        into.push(name.to_string());
                    }
                } else {
                    fields.refused.push((object.to_string(), format!("\"{name}\" is not a field API name")));
                }
            }
        };
        let (mut contact, mut lead, mut account, mut opportunity) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        take("Contact", &extra.contact, &mut contact);
        take("Lead", &extra.lead, &mut lead);
        take("Account", &extra.account, &mut account);
        take("Opportunity", &extra.opportunity, &mut opportunity);
        Fields { contact, lead, account, opportunity, ..fields }
    }

    fn list_mut(&mut self, object: &str) -> Option<&mut Vec<String>> {
        match object.to_ascii_lowercase().as_str() {
            "contact" => Some(&mut self.contact),
            "lead" => Some(&mut self.lead),
            "account" => Some(&mut self.account),
            "opportunity" => Some(&mut self.opportunity),
            _ => None,
        }
    }
}

fn select(standard: &str, extra: &[String]) -> String {
    let mut list = standard.to_string();
    for field in extra {
        list.push_str(", ");
        list.push_str(field);
    }
    list
}

/// The queries for one card load; `None` where the visibility settings hide the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub contacts: Option<String>,
    pub leads: Option<String>,
    pub accounts: Option<String>,
}

impl Plan {
    pub fn new(visibility: Visibility, emails: &[String], fields: &Fields) -> Plan {
        if !visibility.card || emails.is_empty() {
            return Plan { contacts: None, leads: None, accounts: None };
        }
        let in_emails = quote_list(emails.iter().map(String::as_str));
        let contacts = visibility.contacts.then(|| {
            format!(
                "SELECT {} FROM Contact WHERE Email IN {in_emails} ORDER BY Name",
                select(CONTACT_FIELDS, &fields.contact)
            )
        });
        let leads = visibility.leads.then(|| {
            format!(
                "SELECT {} FROM Lead WHERE Email IN {in_emails} AND IsConverted = false ORDER BY Name",
                select(LEAD_FIELDS, &fields.lead)
            )
        });
        // Accounts have no email: they are the Accounts of the matched Contacts, reached
        // by a semi-join, with their Opportunities as a subquery.
        let accounts = (visibility.accounts || visibility.opportunities).then(|| {
            let account_fields = if visibility.accounts { select(ACCOUNT_FIELDS, &fields.account) } else { "Id, Name".to_string() };
            let opportunities = if visibility.opportunities {
                format!(", (SELECT {} FROM Opportunities ORDER BY IsClosed, CloseDate)", select(OPPORTUNITY_FIELDS, &fields.opportunity))
            } else {
                String::new()
            };
            format!("SELECT {account_fields}{opportunities} FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN {in_emails}) ORDER BY Name")
        });
        Plan { contacts, leads, accounts }
    }

    pub fn request_count(&self) -> usize {
        [&self.contacts, &self.leads, &self.accounts].iter().filter(|query| query.is_some()).count()
    }
}

/// Several records of one kind sharing one email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub object: &'static str,
    pub email: String,
    pub count: usize,
}

impl Duplicate {
    /// "2 Contacts share jane@example.com".
    pub fn sentence(&self) -> String {
        format!("{} {}s share {}", self.count, self.object, self.email)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub emails: Vec<String>,
    pub skipped_emails: Vec<String>,
    pub contacts: Option<Vec<Contact>>,
    pub leads: Option<Vec<Lead>>,
    pub accounts: Option<Vec<Account>>,
    pub show_accounts: bool,
    pub show_opportunities: bool,
    /// The admin hid every object: there is nothing to ask or show.
    pub nothing_visible: bool,
    pub duplicates: Vec<Duplicate>,
    /// Extra fields left out: refused by the name check or unknown to the org.
    pub dropped_fields: Vec<(String, String)>,
    pub usage: Option<ApiUsage>,
}

impl Card {
    /// True when no visible section found anything.
    pub fn is_empty(&self) -> bool {
        self.contacts.as_ref().is_none_or(Vec::is_empty)
            && self.leads.as_ref().is_none_or(Vec::is_empty)
            && self.accounts.as_ref().is_none_or(|accounts| {
                accounts.is_empty() || (!self.show_accounts && accounts.iter().all(|a| a.opportunities.is_empty()))
            })
    }
}

fn duplicates<'a>(object: &'static str, emails: impl Iterator<Item = Option<&'a str>>) -> Vec<Duplicate> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for email in emails.flatten() {
        match counts.iter_mut().find(|(known, _)| known.eq_ignore_ascii_case(email)) {
            Some((_, count)) => *count += 1,
            None => counts.push((email.to_string(), 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count > 1)
        .map(|(email, count)| Duplicate { object, email, count })
        .collect()
}

/// What the queries returned, as records: what the cache keeps, since a card can be
/// built again from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// Contacts, Leads, Accounts; `None` for a query not made.
    pub records: [Option<Vec<Value>>; 3],
    /// The extra fields the queries ended up asking for.
    pub fields: Fields,
    /// Extra fields left out: refused by the name check or unknown to the org.
    pub dropped_fields: Vec<(String, String)>,
    pub usage: Option<ApiUsage>,
}

impl Fetched {
    pub fn to_json(&self) -> Value {
        let list = |items: &[String]| Value::from(items.to_vec());
        json!({
            "records": self.records.iter().map(|r| r.clone().map(Value::from).unwrap_or(Value::Null)).collect::<Vec<_>>(),
            "fields": { "contact": list(&self.fields.contact), "lead": list(&self.fields.lead),
                        "account": list(&self.fields.account), "opportunity": list(&self.fields.opportunity) },
            "dropped": self.dropped_fields.iter().map(|(object, reason)| json!([object, reason])).collect::<Vec<_>>(),
        })
    }

    /// Reads what [`Self::to_json`] wrote; `None` for anything else.
    pub fn from_json(value: &Value) -> Option<Fetched> {
        let strings = |v: &Value| -> Option<Vec<String>> {
            v.as_array()?.iter().map(|s| s.as_str().map(str::to_string)).collect()
        };
        let records = value.get("records")?.as_array()?;
        let slot = |idx: usize| records.get(idx).and_then(|r| r.as_array().cloned());
        let fields = value.get("fields")?;
        Some(Fetched {
            records: [slot(0), slot(1), slot(2)],
            fields: Fields {
                contact: strings(fields.get("contact")?)?,
                lead: strings(fields.get("lead")?)?,
                account: strings(fields.get("account")?)?,
                opportunity: strings(fields.get("opportunity")?)?,
                refused: Vec::new(),
            },
            dropped_fields: value
                .get("dropped")?
                .as_array()?
                .iter()
                .filter_map(|pair| Some((pair.get(0)?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string())))
                .collect(),
            usage: None,
        })
    }
}

/// Runs the planned queries, each retried without an extra field the org reports
/// missing. `emails` must already be clean (see [`clean_emails`]).
pub async fn fetch(
    client: &SalesforceClient<'_>,
    visibility: Visibility,
    emails: &[String],
    extra: &ExtraFields,
) -> Result<Fetched, FetchError> {
    let mut fields = Fields::from_config(extra);
    let mut dropped_fields = std::mem::take(&mut fields.refused);
    let mut usage = None;
    // Contacts, Leads, Accounts; a query is rebuilt after each field the org refuses.
    let mut records: [Option<Vec<Value>>; 3] = [None, None, None];
    for (slot, result) in records.iter_mut().enumerate() {
        loop {
            let plan = Plan::new(visibility, emails, &fields);
            let query = match slot {
                0 => plan.contacts,
                1 => plan.leads,
                _ => plan.accounts,
            };
            let Some(query) = query else { break };
            match client.query(&query).await {
                Ok(answer) => {
                    usage = answer.usage.or(usage);
                    *result = Some(answer.records);
                    break;
                }
                Err(error) => {
                    let removed = invalid_field(&error).and_then(|(field, object)| {
                        let list = fields.list_mut(&object)?;
                        let idx = list.iter().position(|known| known.eq_ignore_ascii_case(&field))?;
                        list.remove(idx);
                        let reason =
                            format!("{field} does not exist on {object} (or is not visible to the integration user)");
                        Some((object, reason))
                    });
                    match removed {
                        Some(dropped) => dropped_fields.push(dropped),
                        None => return Err(error),
                    }
                }
            }
        }
    }
    Ok(Fetched { records, fields, dropped_fields, usage })
}

impl Card {
    /// The card for fetched (or cached) records under the current visibility settings.
    pub fn build(fetched: &Fetched, visibility: Visibility, emails: Vec<String>, skipped_emails: Vec<String>) -> Card {
        let fields = &fetched.fields;
        let [contact_records, lead_records, account_records] = &fetched.records;
        let contacts: Option<Vec<Contact>> = contact_records
            .as_ref()
            .filter(|_| visibility.contacts)
            .map(|records| records.iter().filter_map(|r| Contact::from_record(r, &fields.contact)).collect());
        let leads: Option<Vec<Lead>> = lead_records
            .as_ref()
            .filter(|_| visibility.leads)
            .map(|records| records.iter().filter_map(|r| Lead::from_record(r, &fields.lead)).collect());
        let accounts: Option<Vec<Account>> =
            account_records.as_ref().filter(|_| visibility.accounts || visibility.opportunities).map(|records| {
                records.iter().filter_map(|r| Account::from_record(r, &fields.account, &fields.opportunity)).collect()
            });
        let mut duplicate_list = Vec::new();
        if let Some(contacts) = &contacts {
            duplicate_list.extend(duplicates("Contact", contacts.iter().map(|c| c.email.as_deref())));
        }
        if let Some(leads) = &leads {
            duplicate_list.extend(duplicates("Lead", leads.iter().map(|l| l.email.as_deref())));
        }
        Card {
            emails,
            skipped_emails,
            contacts,
            leads,
            accounts,
            show_accounts: visibility.accounts,
            show_opportunities: visibility.opportunities,
            nothing_visible: !(visibility.accounts
                || visibility.contacts
                || visibility.opportunities
                || visibility.leads),
            duplicates: duplicate_list,
            dropped_fields: fetched.dropped_fields.clone(),
            usage: fetched.usage,
        }
    }
}

/// Loads the card live: clean the emails, fetch, build.
pub async fn load_card(
    client: &SalesforceClient<'_>,
    visibility: Visibility,
    emails: &[String],
    extra: &ExtraFields,
) -> Result<Card, FetchError> {
    let (emails, skipped_emails) = clean_emails(emails);
    let fetched = fetch(client, visibility, &emails, extra).await?;
    Ok(Card::build(&fetched, visibility, emails, skipped_emails))
}

#[cfg(test)]
mod tests;
