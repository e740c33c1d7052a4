//! The Insight Card's data: what it asks Salesforce ([`plan`], [`fetch`]), what it makes
//! of the answers ([`Card`]: duplicates stated, extra fields checked before they enter a
//! query and dropped by name when the org does not have them, refused objects as
//! notices), and what it keeps per email for the cache ([`Fetched`]).

pub mod fetch;
pub mod labels;
pub mod lists;
pub mod load;
pub mod matching;
pub mod org_info;
pub mod plan;
pub mod refusal;
pub mod related;
mod saved;
pub mod sections;

pub use fetch::{fetch, Wanted};
pub use plan::Plan;
pub use refusal::{Object, Refusal};

use crate::config::{CardSettings, ExtraFields, Visibility};
use crate::salesforce::client::SalesforceClient;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::model::{Account, Contact, Extra, Lead};
use crate::salesforce::soql::{clean_emails, is_field_name};
use crate::strings;
use crate::transport::FetchError;
use lists::RelatedSection;
use matching::Reason;
use org_info::{field_label, OrgInfo};
use sections::Section;

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
                    fields.refused.push((object.to_string(), strings::not_a_field_name(name)));
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

    fn lists(&self) -> [&Vec<String>; 4] {
        [&self.contact, &self.lead, &self.account, &self.opportunity]
    }

    fn lists_mut(&mut self) -> [&mut Vec<String>; 4] {
        [&mut self.contact, &mut self.lead, &mut self.account, &mut self.opportunity]
    }

    /// How many extra fields are asked for, in all.
    pub fn count(&self) -> usize {
        self.contact.len() + self.lead.len() + self.account.len() + self.opportunity.len()
    }

    pub(crate) fn list_mut(&mut self, object: &str) -> Option<&mut Vec<String>> {
        match object.to_ascii_lowercase().as_str() {
            "contact" => Some(&mut self.contact),
            "lead" => Some(&mut self.lead),
            "account" => Some(&mut self.account),
            "opportunity" => Some(&mut self.opportunity),
            _ => None,
        }
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
        strings::duplicates(self.count, self.object, &self.email)
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
    /// Visible objects the integration user may not read, each shown in its section.
    pub refused: Vec<Refusal>,
    pub usage: Option<ApiUsage>,
    /// The related lists, in the order configured.
    pub related: Vec<RelatedSection>,
    /// Every section in the order to show them.
    pub sections: Vec<Section>,
    /// How each person was found, by record id, when the card matches beyond email.
    pub reasons: Vec<(String, Vec<Reason>)>,
    pub phones: Vec<String>,
    pub skipped_phones: Vec<String>,
}

/// What a card shows beyond the records: the admin's lists, order and matching, with the
/// org's labels when it gave them.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    pub settings: &'a CardSettings,
    pub info: Option<&'a OrgInfo>,
    pub phones: &'a [String],
    pub skipped_phones: &'a [String],
}

impl Shown<'_> {
    /// The card with nothing beyond its four objects and email.
    pub fn plain() -> Shown<'static> {
        Shown { settings: &fetch::PLAIN, info: None, phones: &[], skipped_phones: &[] }
    }
}

impl Card {
    /// True when no visible section found anything (a refusal notice is something).
    pub fn is_empty(&self) -> bool {
        self.refused.is_empty()
            && self.related.iter().all(|list| list.count() == 0 && list.refusal.is_none())
            && self.contacts.as_ref().is_none_or(Vec::is_empty)
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

pub use saved::Fetched;

impl Card {
    /// The card for fetched (or cached) records under the current visibility settings.
    pub fn build(
        fetched: &Fetched,
        visibility: Visibility,
        emails: Vec<String>,
        skipped_emails: Vec<String>,
        view: Shown,
    ) -> Card {
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
        let info = view.info;
        let relabel = |object: &str, extra: &mut Extra| {
            for (name, _) in extra.iter_mut() {
                *name = field_label(info, object, name);
            }
        };
        let (mut contacts, mut leads, mut accounts) = (contacts, leads, accounts);
        for contact in contacts.iter_mut().flatten() {
            relabel("Contact", &mut contact.extra);
        }
        for lead in leads.iter_mut().flatten() {
            relabel("Lead", &mut lead.extra);
        }
        for account in accounts.iter_mut().flatten() {
            relabel("Account", &mut account.extra);
            for opportunity in &mut account.opportunities {
                relabel("Opportunity", &mut opportunity.extra);
            }
        }
        let account_records = account_records.as_deref().unwrap_or_default();
        let related = view
            .settings
            .related_lists
            .iter()
            .map(|list| {
                let state = fetched.lists.iter().find(|(object, _)| object.eq_ignore_ascii_case(&list.object));
                lists::section(list, state.map(|(_, state)| state), account_records, info)
            })
            .collect();
        let reasons = if view.settings.matching.beyond_email() {
            [contact_records, lead_records].into_iter().flatten().flatten().filter_map(reasons_of).collect()
        } else {
            Vec::new()
        };
        Card {
            related,
            sections: view.settings.sections(),
            reasons,
            phones: view.phones.to_vec(),
            skipped_phones: view.skipped_phones.to_vec(),
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
            refused: fetched.refused.iter().filter(|refusal| shown(visibility, refusal.object)).cloned().collect(),
            usage: fetched.usage,
        }
    }
}

/// How a record was found, as the fetch marked it.
fn reasons_of(record: &serde_json::Value) -> Option<(String, Vec<Reason>)> {
    let reasons = record.get("_matched")?.as_array()?.iter().filter_map(|name| Reason::from_name(name.as_str()?));
    Some((crate::json::str_at(record, "Id")?, reasons.collect()))
}

impl Card {
    /// How a person was found, when the card says so.
    pub fn reasons(&self, id: &str) -> Option<&[Reason]> {
        self.reasons.iter().find(|(known, _)| known == id).map(|(_, reasons)| reasons.as_slice())
    }
}

/// Whether the settings show this object's section.
pub fn shown(visibility: Visibility, object: Object) -> bool {
    match object {
        Object::Contact => visibility.contacts,
        Object::Lead => visibility.leads,
        Object::Account => visibility.accounts,
        Object::Opportunity => visibility.opportunities,
    }
}

impl Card {
    /// Every section the settings show was refused: nothing can be shown but the reasons.
    pub fn everything_refused(&self) -> bool {
        !self.nothing_visible
            && Object::ALL
                .iter()
                .all(|object| !self.shows(*object) || self.refused.iter().any(|refusal| refusal.object == *object))
    }

    /// The refusal notice for a section, if it was refused.
    pub fn refusal(&self, object: Object) -> Option<&Refusal> {
        self.refused.iter().find(|refusal| refusal.object == object)
    }

    fn shows(&self, object: Object) -> bool {
        match object {
            Object::Contact => self.contacts.is_some() || self.refusal(object).is_some(),
            Object::Lead => self.leads.is_some() || self.refusal(object).is_some(),
            Object::Account => self.show_accounts,
            Object::Opportunity => self.show_opportunities,
        }
    }
}

/// Loads the card live by email alone: clean the emails, fetch, build.
pub async fn load_card(
    client: &SalesforceClient<'_>,
    visibility: Visibility,
    emails: &[String],
    extra: &ExtraFields,
) -> Result<Card, FetchError> {
    let (emails, skipped_emails) = clean_emails(emails);
    let fetched = fetch(client, &Wanted::emails(visibility, &emails, extra), None).await?;
    Ok(Card::build(&fetched, visibility, emails, skipped_emails, Shown::plain()))
}

#[cfg(test)]
mod tests;
