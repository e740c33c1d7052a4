//! Kustomer's JSON:API resources, read tolerantly into plain types. Only `id` is
//! required; everything else may be missing, null or of an unexpected type.

use crate::strings;
use serde_json::Value;

use crate::json::{at, bool_at, int_at, str_at, strings_at};

/// Where a message's full content lives is not documented, so these tables name the
/// candidates in order of preference. They are the one place to correct against a live
/// org.
pub const HTML_BODY_FIELDS: [&str; 2] = ["htmlBody", "meta.htmlBody"];
/// Full-text candidates.
pub const TEXT_BODY_FIELDS: [&str; 2] = ["body", "meta.textBody"];
/// The last resort: a short excerpt, shown as such.
pub const EXCERPT_FIELD: &str = "preview";

/// A resource's `id`, `type`, `attributes` and `relationships`, unparsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub id: String,
    pub kind: String,
    pub attributes: Value,
    pub relationships: Value,
    pub links: Value,
}

impl Resource {
    /// Reads one resource object; `None` when it has no usable id.
    pub fn from_value(value: &Value) -> Option<Resource> {
        Resource::from_owned(value.clone())
    }

    /// [`Self::from_value`] without copying: the parts are moved out of `value`.
    pub fn from_owned(mut value: Value) -> Option<Resource> {
        let id = resource_id(value.get("id")?)?;
        let mut part = |key: &str| value.get_mut(key).map(Value::take).unwrap_or(Value::Null);
        let (attributes, relationships, links) = (part("attributes"), part("relationships"), part("links"));
        Some(Resource { id, kind: str_at(&value, "type").unwrap_or_default(), attributes, relationships, links })
    }

    /// The id a relationship points at: see [`related_id`].
    pub fn related_id(&self, name: &str) -> Option<String> {
        related_id(self.relationships.get(name)?)
    }

    /// The kind a relationship points at: see [`related_kind`].
    pub fn related_kind(&self, name: &str) -> Option<String> {
        related_kind(self.relationships.get(name)?)
    }
}

/// A resource's `id`: a non-empty string, or a number written out.
pub fn resource_id(id: &Value) -> Option<String> {
    match id {
        Value::String(id) if !id.is_empty() => Some(id.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The id a relationship points at, from `data.id` or else from the last segment of
/// `links.self` (attachments are seen with links only). The relationship's `type` is not
/// checked: Kustomer writes both "customer" and "customers".
pub fn related_id(relationship: &Value) -> Option<String> {
    if let Some(id) = str_at(relationship, "data.id") {
        return Some(id);
    }
    let link = str_at(relationship, "links.self")?;
    let last = link.split('?').next()?.rsplit('/').next()?;
    (!last.is_empty()).then(|| last.to_string())
}

/// The `type` of a relationship's target, lower-cased and without a plural `s`.
pub fn related_kind(relationship: &Value) -> Option<String> {
    let kind = str_at(relationship, "data.type")?.to_ascii_lowercase();
    Some(kind.strip_suffix('s').map(str::to_string).unwrap_or(kind))
}

/// A message channel. Unknown channels are kept by name and shown generically.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    Email,
    Chat,
    Sms,
    Whatsapp,
    Facebook,
    Instagram,
    TwitterDm,
    TwitterTweet,
    Voice,
    Form,
    Other(String),
}

impl Channel {
    pub fn parse(name: &str) -> Channel {
        match name.trim().to_ascii_lowercase().as_str() {
            "email" => Channel::Email,
            "chat" => Channel::Chat,
            "sms" => Channel::Sms,
            "whatsapp" => Channel::Whatsapp,
            "facebook" => Channel::Facebook,
            "instagram" => Channel::Instagram,
            "twitter-dm" => Channel::TwitterDm,
            "twitter-tweet" => Channel::TwitterTweet,
            "voice" => Channel::Voice,
            "form" => Channel::Form,
            _ => Channel::Other(name.trim().to_string()),
        }
    }

    /// A label for people.
    pub fn label(&self) -> String {
        match self {
            Channel::Email => strings::EMAIL.into(),
            Channel::Chat => strings::CHAT.into(),
            Channel::Sms => strings::SMS.into(),
            Channel::Whatsapp => strings::WHATSAPP.into(),
            Channel::Facebook => strings::FACEBOOK.into(),
            Channel::Instagram => strings::INSTAGRAM.into(),
            Channel::TwitterDm => strings::X_DIRECT_MESSAGE.into(),
            Channel::TwitterTweet => strings::X_POST.into(),
            Channel::Voice => strings::VOICE.into(),
            Channel::Form => strings::FORM.into(),
            Channel::Other(name) if name.is_empty() => strings::UNKNOWN_CHANNEL.into(),
            Channel::Other(name) => name.clone(),
        }
    }

    /// A stable name for CSS classes and tests.
    pub fn slug(&self) -> &str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
            Channel::Facebook => "facebook",
            Channel::Instagram => "instagram",
            Channel::TwitterDm => "twitter-dm",
            Channel::TwitterTweet => "twitter-tweet",
            Channel::Voice => "voice",
            Channel::Form => "form",
            Channel::Other(_) => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: String,
    /// `name`: the subject line.
    pub subject: Option<String>,
    pub preview: Option<String>,
    pub channels: Vec<Channel>,
    pub status: Option<String>,
    pub priority: Option<i64>,
    pub spam: bool,
    pub default_lang: Option<String>,
    pub assigned_user_ids: Vec<String>,
    pub customer_id: Option<String>,
    pub message_count: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub modified_at: Option<String>,
    /// Every attribute as sent, for the case-sync templates (`steps.1.…`).
    pub attributes: Value,
}

impl Conversation {
    pub fn from_resource(resource: &Resource) -> Conversation {
        let attrs = &resource.attributes;
        Conversation {
            id: resource.id.clone(),
            subject: str_at(attrs, "name"),
            preview: str_at(attrs, "preview"),
            channels: strings_at(attrs, "channels").iter().map(|name| Channel::parse(name)).collect(),
            status: str_at(attrs, "status"),
            priority: int_at(attrs, "priority"),
            spam: bool_at(attrs, "spam").unwrap_or(false),
            default_lang: str_at(attrs, "defaultLang"),
            assigned_user_ids: strings_at(attrs, "assignedUsers"),
            customer_id: resource.related_id("customer"),
            message_count: int_at(attrs, "messageCount"),
            created_at: str_at(attrs, "createdAt"),
            updated_at: str_at(attrs, "updatedAt"),
            modified_at: str_at(attrs, "modifiedAt"),
            attributes: attrs.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: String,
    pub name: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

impl Customer {
    pub fn from_resource(resource: &Resource) -> Customer {
        let attrs = &resource.attributes;
        let name = str_at(attrs, "displayName").or_else(|| str_at(attrs, "name")).or_else(|| {
            let full =
                [str_at(attrs, "firstName"), str_at(attrs, "lastName")].into_iter().flatten().collect::<Vec<_>>();
            (!full.is_empty()).then(|| full.join(" "))
        });
        Customer {
            id: resource.id.clone(),
            name,
            emails: entries(attrs, "emails", "email"),
            phones: entries(attrs, "phones", "phone"),
        }
    }

    /// The name to show: the customer's name, else the first email, else a placeholder.
    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.emails.first().cloned())
            .unwrap_or_else(|| strings::UNNAMED_CUSTOMER.to_string())
    }
}

/// `[{email: "…", type: "home"}, …]`, also accepting bare strings.
fn entries(attrs: &Value, list: &str, field: &str) -> Vec<String> {
    let Some(Value::Array(items)) = at(attrs, list) else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(text) => Some(text.trim().to_string()),
            other => str_at(other, field).map(|text| text.trim().to_string()),
        })
        .filter(|text| !text.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

impl User {
    pub fn from_resource(resource: &Resource) -> User {
        let attrs = &resource.attributes;
        User {
            id: resource.id.clone(),
            name: str_at(attrs, "displayName").or_else(|| str_at(attrs, "name")),
            email: str_at(attrs, "email"),
        }
    }

    pub fn display_name(&self) -> String {
        self.name.clone().or_else(|| self.email.clone()).unwrap_or_else(|| strings::agent_by_id(&self.id))
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
