//! An object the Salesforce integration user may not read becomes a notice in that
//! object's section, in words that say what the admin can do; the rest of the card
//! stays. Salesforce's own text goes behind "Details".

use crate::salesforce::errors::{details, named, Named};
use crate::strings;
use crate::transport::FetchError;

/// The objects the card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    Contact,
    Lead,
    Account,
    Opportunity,
}

impl Object {
    pub const ALL: [Object; 4] = [Object::Contact, Object::Lead, Object::Account, Object::Opportunity];

    pub fn api_name(self) -> &'static str {
        match self {
            Object::Contact => "Contact",
            Object::Lead => "Lead",
            Object::Account => "Account",
            Object::Opportunity => "Opportunity",
        }
    }

    /// The section's title.
    pub fn plural(self) -> &'static str {
        match self {
            Object::Contact => strings::CONTACTS,
            Object::Lead => strings::LEADS,
            Object::Account => strings::ACCOUNTS,
            Object::Opportunity => strings::OPPORTUNITIES,
        }
    }

    /// An object or child relationship name as Salesforce writes it, in any case.
    pub fn from_name(name: &str) -> Option<Object> {
        Object::ALL
            .into_iter()
            .find(|object| name.eq_ignore_ascii_case(object.api_name()) || name.eq_ignore_ascii_case(object.plural()))
    }
}

/// One object the card could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub object: Object,
    /// One or two sentences for the agent and the admin.
    pub notice: String,
    /// Salesforce's code and message as they came.
    pub details: Option<String>,
}

impl Refusal {
    /// `object` could not be read because of `error`, which may name a field.
    pub fn new(object: Object, error: &FetchError) -> Refusal {
        let plural = object.plural();
        let notice = match message(error).as_deref().and_then(named) {
            Some(Named::Field { field, object: owner }) => strings::field_not_visible(plural, &field, &owner),
            _ => strings::object_not_visible(plural, object.api_name()),
        };
        Refusal { object, notice, details: details(error) }
    }

    /// Accounts are found through the customer's Contacts, and the Contacts were refused.
    pub fn accounts_need_contacts(error: &FetchError) -> Refusal {
        Refusal {
            object: Object::Account,
            notice: strings::ACCOUNTS_NEED_CONTACTS.to_string(),
            details: details(error),
        }
    }

    /// Opportunities are read with their Accounts, and the Accounts were refused.
    pub fn opportunities_need_accounts(accounts: &Refusal) -> Refusal {
        Refusal {
            object: Object::Opportunity,
            notice: strings::OPPORTUNITIES_NEED_ACCOUNTS.to_string(),
            details: accounts.details.clone(),
        }
    }

    /// The Opportunities subquery was refused: the Accounts were read again without it.
    pub fn opportunities_left_out(error: &FetchError) -> Refusal {
        let mut refusal = Refusal::new(Object::Opportunity, error);
        refusal.notice.push_str(strings::ACCOUNTS_READ_AGAIN);
        refusal
    }
}

fn message(error: &FetchError) -> Option<String> {
    match error {
        FetchError::Http { message, .. } => message.clone(),
        _ => None,
    }
}

/// The object an error in a query over `objects` is about: the one it names when that
/// is one of them, otherwise the query's first object.
pub fn blamed(error: &FetchError, objects: &[Object]) -> Option<Object> {
    named_object(error).filter(|object| objects.contains(object)).or_else(|| objects.first().copied())
}

/// The object or relationship an error names, or the object of the field it names.
pub fn named_name(error: &FetchError) -> Option<String> {
    match message(error).as_deref().and_then(named)? {
        Named::Object(name) | Named::Relationship(name) => Some(name),
        Named::Field { object, .. } => Some(object),
    }
}

/// The card's own object an error names, if it names one.
pub fn named_object(error: &FetchError) -> Option<Object> {
    named_name(error).as_deref().and_then(Object::from_name)
}
