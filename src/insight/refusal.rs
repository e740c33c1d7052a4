//! An object the Salesforce integration user may not read becomes a notice in that
//! object's section, in words that say what the admin can do; the rest of the card
//! stays. Salesforce's own text goes behind "Details".

use crate::salesforce::errors::{details, named, Named};
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
            Object::Contact => "Contacts",
            Object::Lead => "Leads",
            Object::Account => "Accounts",
            Object::Opportunity => "Opportunities",
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
            Some(Named::Field { field, object: owner }) => format!(
                "{plural} could not be read: the field {field} on {owner} is not visible to the Salesforce integration \
                 user. Grant it field access, or hide {plural} in the card's settings"
            ),
            _ => format!(
                "{plural} are not visible to the Salesforce integration user: grant Read on {} or hide {plural} in the \
                 card's settings",
                object.api_name()
            ),
        };
        Refusal { object, notice, details: details(error) }
    }

    /// Accounts are found through the customer's Contacts, and the Contacts were refused.
    pub fn accounts_need_contacts(error: &FetchError) -> Refusal {
        Refusal {
            object: Object::Account,
            notice: "Accounts are found through the customer's Contacts, which are not visible to the Salesforce \
                     integration user: grant Read on Contact"
                .to_string(),
            details: details(error),
        }
    }

    /// Opportunities are read with their Accounts, and the Accounts were refused.
    pub fn opportunities_need_accounts(accounts: &Refusal) -> Refusal {
        Refusal {
            object: Object::Opportunity,
            notice:
                "Opportunities are read through their Accounts, which the Salesforce integration user cannot read: \
                     grant Read on Account, or hide Opportunities in the card's settings"
                    .to_string(),
            details: accounts.details.clone(),
        }
    }

    /// The Opportunities subquery was refused: the Accounts were read again without it.
    pub fn opportunities_left_out(error: &FetchError) -> Refusal {
        let mut refusal = Refusal::new(Object::Opportunity, error);
        refusal.notice.push_str(". The Accounts were read again without them");
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
    let named_object = match message(error).as_deref().and_then(named) {
        Some(Named::Object(name)) | Some(Named::Relationship(name)) => Object::from_name(&name),
        Some(Named::Field { object, .. }) => Object::from_name(&object),
        None => None,
    };
    named_object.filter(|object| objects.contains(object)).or_else(|| objects.first().copied())
}
