//! Messages and attachments, read tolerantly, joined and put in order.

use serde_json::Value;

use super::client::Listed;
use super::model::{
    related_id, related_kind, resource_id, Channel, Resource, EXCERPT_FIELD, HTML_BODY_FIELDS, TEXT_BODY_FIELDS,
};
use crate::json::{at, bool_at, bool_of, int_at, str_at, str_of};
use crate::time::parse_iso_ms;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
    Unknown,
}

/// Who wrote a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    Customer,
    /// An agent, by user id (names come from `/v1/users/{id}`).
    Agent(String),
    /// An outbound message with no agent: a workflow, a bot, an auto-reply.
    Automated,
    /// Outbound and not automated, but no agent id was given.
    UnknownAgent,
}

/// A message's content, from the best field that has any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Html(String),
    Text(String),
    /// Only `preview` was there: a short excerpt, not the whole message.
    Excerpt(String),
    Empty,
}

/// Channel details worth showing; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: Option<String>,
    pub permalink: Option<String>,
    pub call: Option<Call>,
}

/// A voice message's call details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Call {
    pub status: Option<String>,
    pub placed_at: Option<String>,
    pub answered_at: Option<String>,
    pub ended_at: Option<String>,
    pub duration_s: Option<i64>,
    pub recording_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub channel: Channel,
    pub direction: Direction,
    pub sender: Sender,
    pub sent_at: Option<String>,
    pub created_at: Option<String>,
    pub body: Body,
    pub redacted: bool,
    pub meta: Meta,
    pub attachments: Vec<Attachment>,
}

impl Message {
    /// The subject the view shows: an email's alone (a chat's or a text's is not shown).
    pub fn shown_subject(&self) -> Option<&str> {
        self.meta.subject.as_deref().filter(|_| self.channel == Channel::Email)
    }

    pub fn from_resource(resource: &Resource) -> Message {
        let attrs = &resource.attributes;
        let direction = Direction::parse(str_at(attrs, "direction").as_deref());
        let sender = sender(
            direction,
            bool_at(attrs, "auto").unwrap_or(false),
            resource.relationships.get("createdBy").and_then(author),
        );
        Message {
            id: resource.id.clone(),
            channel: Channel::parse(&str_at(attrs, "channel").unwrap_or_default()),
            direction,
            sender,
            sent_at: str_at(attrs, "sentAt"),
            created_at: str_at(attrs, "createdAt"),
            body: body(attrs),
            redacted: bool_at(attrs, "redacted").unwrap_or(false),
            meta: meta(attrs),
            attachments: Vec::new(),
        }
    }
}

impl Direction {
    fn parse(direction: Option<&str>) -> Direction {
        match direction {
            Some("in") => Direction::In,
            Some("out") => Direction::Out,
            _ => Direction::Unknown,
        }
    }
}

/// Who wrote a message, from its direction, its `auto` flag and the agent its `createdBy`
/// names.
fn sender(direction: Direction, auto: bool, agent: Option<String>) -> Sender {
    match (direction, auto, agent) {
        (Direction::In, _, _) => Sender::Customer,
        (_, true, _) => Sender::Automated,
        (_, false, Some(id)) => Sender::Agent(id),
        (_, false, None) => Sender::UnknownAgent,
    }
}

/// The user a `createdBy` relationship names, unless it names the customer.
fn author(created_by: &Value) -> Option<String> {
    related_id(created_by).filter(|_| related_kind(created_by).as_deref() != Some("customer"))
}

/// Server order is not to be trusted: by `sentAt`, then `createdAt` (then id). A message
/// without a readable `sentAt` sorts by its `createdAt`.
fn order(sent_at: Option<&str>, created_at: Option<&str>) -> (i64, i64) {
    let created = created_at.and_then(parse_iso_ms);
    let sent = sent_at.and_then(parse_iso_ms).or(created);
    (sent.unwrap_or(i64::MAX), created.unwrap_or(i64::MAX))
}

/// What a listed message is read with: enough to order it and to name its sender.
pub const INDEX_PATHS: [&str; 6] = [
    "id",
    "attributes.sentAt",
    "attributes.createdAt",
    "attributes.direction",
    "attributes.auto",
    "relationships.createdBy",
];

/// A conversation's messages, oldest first. Each is kept as its page gave it, with only
/// what ordering and the agents list need read out, and is built in full when asked for:
/// a conversation of 10,000 messages shows its newest hundred without building the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Messages {
    entries: Vec<Entry>,
    /// Attachments whose message is among the entries.
    attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    listed: Listed,
    id: String,
    /// The agent who wrote it, if one did.
    agent: Option<String>,
    /// Its place in time: `sentAt` (else `createdAt`), then `createdAt`.
    key: (i64, i64),
}

impl Messages {
    /// Orders the messages listed with [`INDEX_PATHS`] (dropping repeats of one id and
    /// items without one) and joins each attachment to its message; returns the
    /// attachments whose message is not in the conversation (shown apart, not lost).
    pub fn assemble(listed: Vec<Listed>, attachments: Vec<Attachment>) -> (Messages, Vec<Attachment>) {
        let mut messages = Messages::default();
        messages.add(listed);
        let orphans = messages.attach(attachments);
        (messages, orphans)
    }

    /// Adds messages read later (an earlier page), keeping the order and each id once.
    pub fn add(&mut self, listed: Vec<Listed>) {
        let mut added: Vec<Entry> = listed
            .into_iter()
            .filter_map(|mut listed| {
                // Read once here, then let go: a long thread keeps its pages, not these.
                let fields = std::mem::take(&mut listed.fields);
                let field = |index: usize| fields[index].as_ref();
                let id = resource_id(field(0)?)?;
                let (sent, created) = (field(1).and_then(str_of), field(2).and_then(str_of));
                let key = order(sent.as_deref(), created.as_deref());
                let direction = Direction::parse(field(3).and_then(Value::as_str));
                let auto = field(4).and_then(bool_of).unwrap_or(false);
                let agent = match sender(direction, auto, field(5).and_then(author)) {
                    Sender::Agent(agent) => Some(agent),
                    _ => None,
                };
                Some(Entry { listed, id, agent, key })
            })
            .collect();
        // Each key once (two timestamps parsed per message), not once per comparison.
        let key = |entry: &Entry| (entry.key.0, entry.key.1, entry.id.clone());
        crate::order::sort_by_key(&mut added, key);
        // A page read back is older than everything shown: it goes in front without sorting
        // the thousands already in order again.
        let before_all = match (added.last(), self.entries.first()) {
            (Some(last), Some(first)) => key(last) < key(first),
            _ => true,
        };
        if before_all {
            added.append(&mut self.entries);
            self.entries = added;
        } else {
            self.entries.append(&mut added);
            crate::order::sort_by_key(&mut self.entries, key);
        }
        self.entries.dedup_by(|later, earlier| later.id == earlier.id);
    }

    /// Joins attachments to their messages here; returns those whose message is not here
    /// (yet: a long conversation's earlier pages may hold it).
    pub fn attach(&mut self, attachments: Vec<Attachment>) -> Vec<Attachment> {
        let (mine, others): (Vec<Attachment>, Vec<Attachment>) = attachments.into_iter().partition(|attachment| {
            attachment.message_id.as_deref().is_some_and(|id| self.entries.iter().any(|entry| entry.id == id))
        });
        for attachment in mine {
            // Read again with a later look: kept once.
            if !self.attachments.iter().any(|known| known.id == attachment.id) {
                self.attachments.push(attachment);
            }
        }
        others
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The message at `index`, built now.
    pub fn get(&self, index: usize) -> Option<Message> {
        let entry = self.entries.get(index)?;
        let mut message = Message::from_resource(&entry.listed.resource()?);
        message.attachments =
            self.attachments.iter().filter(|a| a.message_id.as_deref() == Some(&entry.id)).cloned().collect();
        Some(message)
    }

    /// The message of that id, built now.
    pub fn find(&self, id: &str) -> Option<Message> {
        self.get(self.index_of(id)?)
    }

    /// Where the message of that id is, oldest first.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|entry| entry.id == id)
    }

    /// The agents who wrote messages, in order, with repeats.
    pub fn agents(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter_map(|entry| entry.agent.as_deref())
    }

    /// Every message, built.
    pub fn to_vec(&self) -> Vec<Message> {
        (0..self.len()).filter_map(|index| self.get(index)).collect()
    }
}

fn body(attrs: &Value) -> Body {
    if let Some(html) = HTML_BODY_FIELDS.iter().find_map(|field| str_at(attrs, field)) {
        return Body::Html(html);
    }
    if let Some(text) = TEXT_BODY_FIELDS.iter().find_map(|field| str_at(attrs, field)) {
        return Body::Text(text);
    }
    str_at(attrs, EXCERPT_FIELD).map(Body::Excerpt).unwrap_or(Body::Empty)
}

fn meta(attrs: &Value) -> Meta {
    let subject = || str_at(attrs, "subject");
    // Chats and texts often have no `meta`: looked up once, not once per field.
    let Some(meta) = attrs.get("meta").filter(|meta| meta.is_object()) else {
        return Meta { subject: subject(), ..Meta::default() };
    };
    let call = at(meta, "placedAt").or(at(meta, "answeredAt")).or(at(meta, "endedAt")).map(|_| Call {
        status: str_at(meta, "status"),
        placed_at: str_at(meta, "placedAt"),
        answered_at: str_at(meta, "answeredAt"),
        ended_at: str_at(meta, "endedAt"),
        duration_s: int_at(meta, "duration"),
        recording_url: str_at(meta, "externalRecordingUrl"),
    });
    Meta {
        from: at(meta, "from").and_then(|value| addresses(value).into_iter().next()),
        to: at(meta, "to").map(addresses).unwrap_or_default(),
        cc: at(meta, "cc").map(addresses).unwrap_or_default(),
        bcc: at(meta, "bcc").map(addresses).unwrap_or_default(),
        subject: str_at(meta, "subject").or_else(subject),
        permalink: str_at(meta, "permalink"),
        call,
    }
}

/// Recipients come as `[{email}]`, `[{email, name}]`, a single `{email}`, a list of
/// strings, or one comma-separated string; phone numbers come as strings.
pub fn addresses(value: &Value) -> Vec<String> {
    let one = |item: &Value| -> Vec<String> {
        match item {
            Value::String(text) => {
                text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
            }
            Value::Object(_) => {
                let address =
                    str_at(item, "email").or_else(|| str_at(item, "phone")).or_else(|| str_at(item, "address"));
                match (str_at(item, "name"), address) {
                    (Some(name), Some(address)) => vec![format!("{name} <{address}>")],
                    (None, Some(address)) => vec![address],
                    (Some(name), None) => vec![name],
                    (None, None) => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    };
    match value {
        Value::Array(items) => items.iter().flat_map(one).collect(),
        other => one(other),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: String,
    pub name: String,
    pub content_type: String,
    pub size: Option<u64>,
    pub redacted: bool,
    /// Where to open or download it, if the URL is one the widget will link to.
    pub url: Option<String>,
    pub message_id: Option<String>,
}

impl Attachment {
    pub fn from_resource(resource: &Resource) -> Attachment {
        let attrs = &resource.attributes;
        let content_type = str_at(attrs, "contentType").unwrap_or_else(|| "application/octet-stream".to_string());
        let url = str_at(&resource.links, "related").filter(|url| is_safe_url(url, &content_type));
        Attachment {
            id: resource.id.clone(),
            name: str_at(attrs, "name").unwrap_or_else(|| "attachment".to_string()),
            size: int_at(attrs, "contentLength").and_then(|n| u64::try_from(n).ok()),
            redacted: bool_at(attrs, "redacted").unwrap_or(false),
            url,
            message_id: resource.related_id("message"),
            content_type,
        }
    }

    /// Raster images can be previewed inline; SVG never is (it can carry script).
    pub fn is_previewable_image(&self) -> bool {
        let kind = self.content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        matches!(
            kind.as_str(),
            "image/png" | "image/jpeg" | "image/jpg" | "image/gif" | "image/webp" | "image/avif" | "image/bmp"
        ) && self.url.is_some()
            && !self.redacted
    }
}

/// `https:` and `http:` links, and `data:` URLs of anything but markup, which could run
/// script where the browser renders it.
pub fn is_safe_url(url: &str, content_type: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return true;
    }
    let Some(data) = lower.strip_prefix("data:") else { return false };
    let mime = data.split([';', ',']).next().unwrap_or_default();
    let markup = |kind: &str| {
        kind.contains("html") || kind.contains("svg") || kind.contains("xml") || kind.contains("javascript")
    };
    !markup(mime) && !markup(&content_type.to_ascii_lowercase())
}

/// "48 KB": sizes people read.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes;
    let mut unit = 0;
    // Tenths, in integers: float formatting would cost the bundle 14 KB.
    let mut tenths = value * 10 / 1000;
    value /= 1000;
    while value >= 1000 && unit + 1 < UNITS.len() {
        tenths = value * 10 / 1000;
        value /= 1000;
        unit += 1;
    }
    if value >= 10 {
        format!("{value} {}", UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
