//! What the Insight Card asks Salesforce: at most three requests, however many related
//! lists and ways of matching are configured.
//!
//! - **People**, one SOSL search: `FIND {emails} IN EMAIL FIELDS RETURNING Contact(…),
//!   Lead(…)`. Each object keeps its exact `WHERE Email IN (…)`, so the search index only
//!   narrows what is read.
//! - **Accounts**, one SOQL query: the Accounts of the Contacts with those emails (a
//!   semi-join, since an Account has no email), with their Opportunities and the matching
//!   Contacts' emails as child subqueries. The emails say which customer email each
//!   Account belongs to, for the per-email cache.
//!
//! - **Phones**, when `match.phones` is on: `FIND {phones} IN PHONE FIELDS RETURNING
//!   Contact(…), Lead(…)`, so that Salesforce matches the numbers whatever their format.
//!   A phone cannot be compared in SOQL the way the search compares it, so the Accounts
//!   query then waits for both searches and reads the Accounts of the Contacts they found
//!   by id: a round trip more, no request more.
//! - **By Kustomer id**, when `match.contactField` is set: the people search looks `IN ALL
//!   FIELDS` for the customer's id as well, and each object's `WHERE` adds `OR field =
//!   'id'`; the Accounts query's semi-join does the same.
//! - **Related lists** ride in the Accounts query as child subqueries: an Account's own
//!   under it, a Contact's under the Contacts subquery (relationship queries nest five
//!   levels since API 58.0).
//!
//! SOSL was chosen over a second SOQL query because Contacts and Leads are two objects and
//! SOQL reads one object per query; Account-rooted SOQL was kept for Accounts because
//! SOSL cannot read child subqueries. Hidden objects are never asked for, and an object
//! the integration user was refused is left out of the next attempt.

use super::related::{Parent, RelatedList};
use super::{Fields, Object};
use crate::config::Visibility;
use crate::salesforce::soql::{quote, quote_list};
use crate::salesforce::sosl::find_clause;

const CONTACT_FIELDS: &str = "Id, Name, Title, Email, Phone, AccountId, Account.Name, Owner.Name";
const LEAD_FIELDS: &str = "Id, Name, Company, Title, Status, LeadSource, Email, Phone, Owner.Name";
const ACCOUNT_FIELDS: &str = "Id, Name, Parent.Name";
const OPPORTUNITY_FIELDS: &str = "Id, Name, StageName, Amount, CloseDate, Probability, IsClosed, IsWon";

/// The requests for one card load; `None` where nothing is to be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// SOSL for Contacts and Leads, by email and by Kustomer id.
    pub people: Option<String>,
    /// SOSL for Contacts and Leads by phone.
    pub phones: Option<String>,
    /// SOQL for Accounts, their Opportunities and related lists; `None` also when it must
    /// wait for the searches ([`Plan::after_searches`]).
    pub accounts: Option<String>,
    /// The Accounts query is made from the ids the searches found (see
    /// [`Plan::accounts_by_ids`]).
    pub after_searches: bool,
}

/// Whom the card looks for: the customer's clean emails and phones, and the Kustomer id
/// with the field that holds it where the org has that field.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach<'a> {
    pub emails: &'a [String],
    pub phones: &'a [String],
    pub by_id: Option<ById<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub struct ById<'a> {
    pub field: &'a str,
    pub id: &'a str,
    pub on_contact: bool,
    pub on_lead: bool,
}

impl<'a> Reach<'a> {
    pub fn emails(emails: &'a [String]) -> Reach<'a> {
        Reach { emails, ..Reach::default() }
    }

    fn id_on(&self, object: Object) -> Option<&ById<'a>> {
        self.by_id.as_ref().filter(|by_id| match object {
            Object::Contact => by_id.on_contact,
            Object::Lead => by_id.on_lead,
            _ => false,
        })
    }

    /// `Email IN (…) OR field = 'id'` for one object, parenthesised when it is two;
    /// `None` when neither way applies to it.
    fn condition(&self, object: Object) -> Option<String> {
        let mut parts = Vec::new();
        if !self.emails.is_empty() {
            parts.push(format!("Email IN {}", quote_list(self.emails.iter().map(String::as_str))));
        }
        if let Some(by_id) = self.id_on(object) {
            parts.push(format!("{} = {}", by_id.field, quote(by_id.id)));
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(format!("({})", parts.join(" OR "))),
        }
    }

    /// Whether there is anyone to look for.
    pub fn is_empty(&self) -> bool {
        self.emails.is_empty() && self.phones.is_empty() && self.by_id.is_none()
    }
}

/// Which objects a plan reads, after visibility and refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    pub contacts: bool,
    pub leads: bool,
    /// The Account query runs (for Accounts, or only to reach Opportunities or lists).
    pub accounts: bool,
    pub opportunities: bool,
}

impl Reads {
    pub fn new(visibility: Visibility, refused: &[Object]) -> Reads {
        Reads::with_lists(visibility, refused, false)
    }

    /// As [`Reads::new`], with related lists to read through the Account query.
    pub fn with_lists(visibility: Visibility, refused: &[Object], lists: bool) -> Reads {
        let allowed = |object: Object| !refused.contains(&object);
        let accounts = (visibility.accounts || visibility.opportunities || lists) && allowed(Object::Account);
        Reads {
            contacts: visibility.contacts && allowed(Object::Contact),
            leads: visibility.leads && allowed(Object::Lead),
            accounts: accounts && (visibility.accounts || lists || allowed(Object::Opportunity)),
            opportunities: accounts && visibility.opportunities && allowed(Object::Opportunity),
        }
    }
}

/// A related list to ask, under the relationship the org has for it.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub list: &'a RelatedList,
    pub relationship: &'a str,
}

fn select(standard: &str, extra: &[String]) -> String {
    let mut list = standard.to_string();
    for field in extra {
        if !list.split(", ").any(|known| known.eq_ignore_ascii_case(field)) {
            list.push_str(", ");
            list.push_str(field);
        }
    }
    list
}

impl Plan {
    /// The plan for emails alone, as the card asked before it matched any other way: what
    /// the tests hold every plan with nothing new configured to.
    #[cfg(test)]
    pub fn new(visibility: Visibility, emails: &[String], fields: &Fields, refused: &[Object]) -> Plan {
        Plan::build(visibility, &Reach::emails(emails), fields, refused, &[])
    }

    /// `reach` must be clean (see `clean_emails`, `clean_phones`); with no one to look
    /// for, nothing is asked.
    pub fn build(visibility: Visibility, reach: &Reach, fields: &Fields, refused: &[Object], lists: &[Asked]) -> Plan {
        let nothing = Plan { people: None, phones: None, accounts: None, after_searches: false };
        if !visibility.card || reach.is_empty() {
            return nothing;
        }
        let reads = Reads::with_lists(visibility, refused, !lists.is_empty());
        let id_field = |object: Object| reach.id_on(object).map(|by_id| by_id.field.to_string());
        let contact_select =
            select(CONTACT_FIELDS, &[&fields.contact[..], id_field(Object::Contact).as_slice()].concat());
        let lead_select = select(LEAD_FIELDS, &[&fields.lead[..], id_field(Object::Lead).as_slice()].concat());

        let mut returning = Vec::new();
        if let Some(condition) = reach.condition(Object::Contact).filter(|_| reads.contacts) {
            returning.push(format!("Contact({contact_select} WHERE {condition} ORDER BY Name)"));
        }
        if let Some(condition) = reach.condition(Object::Lead).filter(|_| reads.leads) {
            returning.push(format!("Lead({lead_select} WHERE {condition} AND IsConverted = false ORDER BY Name)"));
        }
        let people = (!returning.is_empty()).then(|| {
            let mut terms: Vec<&str> = reach.emails.iter().map(String::as_str).collect();
            let scope = match reach.by_id {
                Some(by_id) if by_id.on_contact || by_id.on_lead => {
                    terms.push(by_id.id);
                    "ALL"
                }
                _ => "EMAIL",
            };
            format!("FIND {} IN {scope} FIELDS RETURNING {}", find_clause(terms), returning.join(", "))
        });

        let mut by_phone = Vec::new();
        if reads.contacts {
            by_phone.push(format!("Contact({contact_select} ORDER BY Name LIMIT {PHONE_LIMIT})"));
        }
        if reads.leads {
            by_phone.push(format!("Lead({lead_select} WHERE IsConverted = false ORDER BY Name LIMIT {PHONE_LIMIT})"));
        }
        let phones = (!reach.phones.is_empty() && !by_phone.is_empty()).then(|| {
            format!(
                "FIND {} IN PHONE FIELDS RETURNING {}",
                find_clause(reach.phones.iter().map(String::as_str)),
                by_phone.join(", ")
            )
        });

        let after_searches = phones.is_some() && reads.accounts;
        let accounts = match reach.condition(Object::Contact) {
            Some(condition) if reads.accounts && !after_searches => Some(accounts_query(
                visibility,
                reads,
                fields,
                lists,
                &format!("(SELECT AccountId FROM Contact WHERE {condition})"),
                &condition,
            )),
            _ => None,
        };
        Plan { people, phones, accounts, after_searches }
    }

    /// The Accounts query once the searches are in: the Accounts with these ids, and the
    /// found Contacts among their Contacts. `None` when no Contact found has an Account.
    pub fn accounts_by_ids(
        visibility: Visibility,
        fields: &Fields,
        refused: &[Object],
        lists: &[Asked],
        account_ids: &[String],
        contact_ids: &[String],
    ) -> Option<String> {
        let reads = Reads::with_lists(visibility, refused, !lists.is_empty());
        if !reads.accounts || account_ids.is_empty() {
            return None;
        }
        let ids = |list: &[String]| quote_list(list.iter().map(String::as_str));
        Some(accounts_query(
            visibility,
            reads,
            fields,
            lists,
            &ids(account_ids),
            &format!("Id IN {}", ids(contact_ids)),
        ))
    }

    pub fn request_count(&self) -> usize {
        usize::from(self.people.is_some())
            + usize::from(self.phones.is_some())
            + usize::from(self.accounts.is_some() || self.after_searches)
    }
}

/// The most people a phone search brings back of each object.
const PHONE_LIMIT: u32 = 20;

/// `SELECT … FROM Account WHERE Id IN {accounts}`, with the Contacts matching `contacts`
/// (which place each Account under a customer email, and hold the Contacts' lists), the
/// Opportunities, and the Accounts' own lists.
fn accounts_query(
    visibility: Visibility,
    reads: Reads,
    fields: &Fields,
    lists: &[Asked],
    accounts: &str,
    contacts: &str,
) -> String {
    let account_fields =
        if visibility.accounts { select(ACCOUNT_FIELDS, &fields.account) } else { "Id, Name".to_string() };
    let under = |parent: Parent| -> String {
        lists
            .iter()
            .filter(|asked| asked.list.parent == parent)
            .map(|asked| format!(", {}", asked.list.subquery(asked.relationship)))
            .collect()
    };
    let contact_lists = under(Parent::Contact);
    let contact_fields = if contact_lists.is_empty() { "Email" } else { "Id, Name, Email" };
    let opportunities = if reads.opportunities {
        format!(
            ", (SELECT {} FROM Opportunities ORDER BY IsClosed, CloseDate)",
            select(OPPORTUNITY_FIELDS, &fields.opportunity)
        )
    } else {
        String::new()
    };
    format!(
        "SELECT {account_fields}, (SELECT {contact_fields}{contact_lists} FROM Contacts WHERE {contacts}){opportunities}{} \
         FROM Account WHERE Id IN {accounts} ORDER BY Name",
        under(Parent::Account)
    )
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
