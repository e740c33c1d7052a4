//! What the Insight Card asks Salesforce: at most two requests, side by side.
//!
//! - **People**, one SOSL search: `FIND {emails} IN EMAIL FIELDS RETURNING Contact(…),
//!   Lead(…)`. Each object keeps its exact `WHERE Email IN (…)`, so the search index only
//!   narrows what is read.
//! - **Accounts**, one SOQL query: the Accounts of the Contacts with those emails (a
//!   semi-join, since an Account has no email), with their Opportunities and the matching
//!   Contacts' emails as child subqueries. The emails say which customer email each
//!   Account belongs to, for the per-email cache.
//!
//! SOSL was chosen over a second SOQL query because Contacts and Leads are two objects and
//! SOQL reads one object per query; Account-rooted SOQL was kept for Accounts because
//! SOSL cannot read child subqueries. Hidden objects are never asked for, and an object
//! the integration user was refused is left out of the next attempt.

use super::{Fields, Object};
use crate::config::Visibility;
use crate::salesforce::soql::quote_list;
use crate::salesforce::sosl::find_clause;

const CONTACT_FIELDS: &str = "Id, Name, Title, Email, Phone, AccountId, Account.Name, Owner.Name";
const LEAD_FIELDS: &str = "Id, Name, Company, Title, Status, LeadSource, Email, Phone, Owner.Name";
const ACCOUNT_FIELDS: &str = "Id, Name, Parent.Name";
const OPPORTUNITY_FIELDS: &str = "Id, Name, StageName, Amount, CloseDate, Probability, IsClosed, IsWon";

/// The requests for one card load; `None` where nothing is to be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// SOSL for Contacts and Leads.
    pub people: Option<String>,
    /// SOQL for Accounts and their Opportunities.
    pub accounts: Option<String>,
}

/// Which objects a plan reads, after visibility and refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads {
    pub contacts: bool,
    pub leads: bool,
    /// The Account query runs (for Accounts, or only to reach Opportunities).
    pub accounts: bool,
    pub opportunities: bool,
}

impl Reads {
    pub fn new(visibility: Visibility, refused: &[Object]) -> Reads {
        let allowed = |object: Object| !refused.contains(&object);
        let accounts = (visibility.accounts || visibility.opportunities) && allowed(Object::Account);
        Reads {
            contacts: visibility.contacts && allowed(Object::Contact),
            leads: visibility.leads && allowed(Object::Lead),
            accounts: accounts && (visibility.accounts || allowed(Object::Opportunity)),
            opportunities: accounts && visibility.opportunities && allowed(Object::Opportunity),
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

impl Plan {
    /// `emails` must be clean (see `clean_emails`); with none, nothing is asked.
    pub fn new(visibility: Visibility, emails: &[String], fields: &Fields, refused: &[Object]) -> Plan {
        if !visibility.card || emails.is_empty() {
            return Plan { people: None, accounts: None };
        }
        let reads = Reads::new(visibility, refused);
        let in_emails = quote_list(emails.iter().map(String::as_str));
        let mut returning = Vec::new();
        if reads.contacts {
            returning.push(format!(
                "Contact({} WHERE Email IN {in_emails} ORDER BY Name)",
                select(CONTACT_FIELDS, &fields.contact)
            ));
        }
        if reads.leads {
            returning.push(format!(
                "Lead({} WHERE Email IN {in_emails} AND IsConverted = false ORDER BY Name)",
                select(LEAD_FIELDS, &fields.lead)
            ));
        }
        let people = (!returning.is_empty()).then(|| {
            format!(
                "FIND {} IN EMAIL FIELDS RETURNING {}",
                find_clause(emails.iter().map(String::as_str)),
                returning.join(", ")
            )
        });
        let accounts = reads.accounts.then(|| {
            let account_fields =
                if visibility.accounts { select(ACCOUNT_FIELDS, &fields.account) } else { "Id, Name".to_string() };
            let opportunities = if reads.opportunities {
                format!(
                    ", (SELECT {} FROM Opportunities ORDER BY IsClosed, CloseDate)",
                    select(OPPORTUNITY_FIELDS, &fields.opportunity)
                )
            } else {
                String::new()
            };
            format!(
                "SELECT {account_fields}, (SELECT Email FROM Contacts WHERE Email IN {in_emails}){opportunities} \
                 FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN {in_emails}) ORDER BY Name"
            )
        });
        Plan { people, accounts }
    }

    pub fn request_count(&self) -> usize {
        usize::from(self.people.is_some()) + usize::from(self.accounts.is_some())
    }
}
