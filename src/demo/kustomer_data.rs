//! The demo org's Kustomer side: agents, customers, conversations on every channel and
//! their messages and attachments, as the JSON:API resources a live org returns.

use serde_json::{json, Value};

use crate::time::{iso_from_ms, parse_iso_ms};

// The demo org's ids live apart, so that the conversations' scripts (email_thread,
// files) can name them without importing this file, which imports them.
pub use super::ids::*;
pub(super) use super::script::{line, Author, Line};

pub struct DemoCustomer {
    pub id: &'static str,
    pub name: &'static str,
    pub emails: &'static [&'static str],
    pub phones: &'static [&'static str],
}

pub const CUSTOMERS: [DemoCustomer; 8] = [
    DemoCustomer {
        id: JANE,
        name: "Jane Cooper",
        emails: &["jane.cooper@brightline.io", "jane@cooper.family"],
        phones: &["+1 415 555 0134"],
    },
    DemoCustomer { id: MARCUS, name: "Marcus Webb", emails: &["marcus.webb@harborlogistics.com"], phones: &[] },
    DemoCustomer { id: PRIYA, name: "Priya Shah", emails: &["priya@shahdesign.studio"], phones: &[] },
    DemoCustomer { id: TOM, name: "Tom Becker", emails: &["tom.becker@example.net"], phones: &[] },
    DemoCustomer {
        id: OLIVIA,
        name: "Olivia Chen",
        emails: &["olivia.chen@summitgear.co", "ochen.trails@gmail.com"],
        phones: &[],
    },
    DemoCustomer { id: LUIS, name: "Luis Ortega", emails: &["luis@ortega-electric.mx"], phones: &["+52 55 1234 5678"] },
    DemoCustomer {
        id: SEAN, name: "Seán O'Neil", emails: &["sean.o'neil@tidewater.ie"], phones: &["+353 1 555 0199"]
    },
    // No email at all, and the phone as a person types it: Salesforce holds it in two
    // other formats.
    DemoCustomer { id: WHITFIELD, name: "Dana Whitfield", emails: &[], phones: &["(503) 555-0147"] },
];

/// Every user of the demo org, as `GET /v1/users` lists them.
pub fn users() -> Vec<Value> {
    [SAM, DANA, NOOR, BOT].into_iter().filter_map(user).collect()
}

pub fn user(id: &str) -> Option<Value> {
    let (name, email, kind) = match id {
        SAM => ("Sam Rivera", "sam.rivera@northwind-support.com", "user"),
        DANA => ("Dana Kim", "dana.kim@northwind-support.com", "user"),
        NOOR => ("Noor Haddad", "noor.haddad@northwind-support.com", "user"),
        BOT => ("Northwind Assistant", "assistant@northwind-support.com", "machine"),
        _ => return None,
    };
    Some(json!({
        "type": "user", "id": id,
        "attributes": { "name": name, "displayName": name, "email": email, "userType": kind,
                        "createdAt": "2020-01-06T09:00:00.000Z" },
        "links": { "self": format!("/v1/users/{id}") }
    }))
}

pub fn customer(id: &str) -> Option<Value> {
    let customer = CUSTOMERS.iter().find(|c| c.id == id)?;
    let emails: Vec<Value> = customer
        .emails
        .iter()
        .enumerate()
        .map(|(idx, email)| json!({ "type": if idx == 0 { "work" } else { "home" }, "email": email, "verified": idx == 0 }))
        .collect();
    let phones: Vec<Value> = customer.phones.iter().map(|phone| json!({ "type": "mobile", "phone": phone })).collect();
    let (first, last) = customer.name.split_once(' ').unwrap_or((customer.name, ""));
    Some(json!({
        "type": "customer", "id": id,
        "attributes": {
            "name": customer.name, "displayName": customer.name, "firstName": first, "lastName": last,
            "emails": emails, "phones": phones, "locale": null, "createdAt": "2024-03-11T15:20:00.000Z"
        },
        "links": { "self": format!("/v1/customers/{id}") }
    }))
}

/// One conversation's facts; its messages come from [`messages`].
struct Spec {
    id: &'static str,
    subject: &'static str,
    customer: &'static str,
    channels: &'static [&'static str],
    status: &'static str,
    priority: i64,
    spam: bool,
    sync: Option<bool>,
    assigned: &'static [&'static str],
    started: &'static str,
    csat: Option<(i64, i64)>,
}

const SPECS: [Spec; 14] = [
    Spec {
        id: INVOICE_EMAIL,
        subject: "Invoice #4417 charged twice",
        customer: JANE,
        channels: &["email"],
        status: "open",
        priority: 4,
        spam: false,
        sync: Some(true),
        assigned: &[SAM, DANA],
        started: "2026-11-16T14:02:11.000Z",
        csat: None,
    },
    Spec {
        id: LONG_CHAT,
        subject: "Trail pack sizing and a return",
        customer: OLIVIA,
        channels: &["chat"],
        status: "done",
        priority: 3,
        spam: false,
        sync: Some(true),
        assigned: &[NOOR],
        started: "2026-11-17T09:00:00.000Z",
        csat: Some((5, 5)),
    },
    Spec {
        id: SMS_REDACTED,
        subject: "Delivery window change",
        customer: LUIS,
        channels: &["sms"],
        status: "snoozed",
        priority: 2,
        spam: false,
        sync: Some(false),
        assigned: &[SAM],
        started: "2026-11-18T16:45:00.000Z",
        csat: None,
    },
    Spec {
        id: WHATSAPP,
        subject: "Warranty claim photos",
        customer: LUIS,
        channels: &["whatsapp"],
        status: "open",
        priority: 3,
        spam: false,
        sync: None,
        assigned: &[DANA],
        started: "2026-11-19T08:12:00.000Z",
        csat: None,
    },
    Spec {
        id: FACEBOOK,
        subject: "Where is my order?",
        customer: MARCUS,
        channels: &["facebook"],
        status: "done",
        priority: 3,
        spam: false,
        sync: Some(true),
        assigned: &[SAM],
        started: "2026-11-19T11:30:00.000Z",
        csat: Some((4, 4)),
    },
    Spec {
        id: INSTAGRAM,
        subject: "Custom order inquiry",
        customer: PRIYA,
        channels: &["instagram"],
        status: "open",
        priority: 3,
        spam: false,
        sync: Some(true),
        assigned: &[],
        started: "2026-11-20T13:05:00.000Z",
        csat: None,
    },
    Spec {
        id: TWITTER_DM,
        subject: "Locked out of my account",
        customer: TOM,
        channels: &["twitter-dm", "email"],
        status: "open",
        priority: 5,
        spam: false,
        sync: Some(true),
        assigned: &[NOOR],
        started: "2026-11-20T18:40:00.000Z",
        csat: None,
    },
    Spec {
        id: TWITTER_TWEET,
        subject: "Public post about shipping delays",
        customer: TOM,
        channels: &["twitter-tweet"],
        status: "done",
        priority: 2,
        spam: false,
        sync: None,
        assigned: &[DANA],
        started: "2026-11-21T07:55:00.000Z",
        csat: None,
    },
    Spec {
        id: VOICE,
        subject: "Callback about a damaged delivery",
        customer: SEAN,
        channels: &["voice"],
        status: "done",
        priority: 3,
        spam: false,
        sync: Some(true),
        assigned: &[SAM],
        started: "2026-11-21T15:10:00.000Z",
        csat: Some((3, 3)),
    },
    Spec {
        id: FORM,
        subject: "Wholesale account application",
        customer: PRIYA,
        channels: &["form"],
        status: "open",
        priority: 1,
        spam: false,
        sync: Some(false),
        assigned: &[],
        started: "2026-11-22T10:00:00.000Z",
        csat: None,
    },
    Spec {
        id: UNKNOWN_CHANNEL,
        subject: "Message from a new messaging app",
        customer: MARCUS,
        channels: &["line"],
        status: "open",
        priority: 3,
        spam: false,
        sync: None,
        assigned: &[DANA],
        started: "2026-11-22T12:20:00.000Z",
        csat: None,
    },
    Spec {
        id: SPAM_EMAIL,
        subject: "URGENT: verify your payout account",
        customer: TOM,
        channels: &["email"],
        status: "done",
        priority: 3,
        spam: true,
        sync: Some(true),
        assigned: &[],
        started: "2026-11-23T03:14:00.000Z",
        csat: None,
    },
    Spec {
        id: EMPTY_CHAT,
        subject: "New chat",
        customer: TOM,
        channels: &["chat"],
        status: "open",
        priority: 3,
        spam: false,
        sync: None,
        assigned: &[],
        started: "2026-11-23T17:00:00.000Z",
        csat: None,
    },
    Spec {
        id: PHONE_ONLY_SMS,
        subject: "Reorder of Ridge totes",
        customer: WHITFIELD,
        channels: &["sms"],
        status: "open",
        priority: 3,
        spam: false,
        sync: None,
        assigned: &[SAM],
        started: "2026-11-24T09:15:00.000Z",
        csat: None,
    },
];

/// Every demo conversation id with its subject and first channel, for the preview's picker.
pub fn conversation_index() -> Vec<(&'static str, &'static str, &'static str)> {
    SPECS.iter().map(|spec| (spec.id, spec.subject, spec.channels[0])).collect()
}

/// The customer of a demo conversation.
pub fn customer_of(conversation_id: &str) -> Option<&'static DemoCustomer> {
    let spec = SPECS.iter().find(|spec| spec.id == conversation_id)?;
    CUSTOMERS.iter().find(|customer| customer.id == spec.customer)
}

pub fn conversation(id: &str) -> Option<Value> {
    let spec = SPECS.iter().find(|spec| spec.id == id)?;
    let messages = messages(id).unwrap_or_default();
    let sent = |m: &Value| m["attributes"]["sentAt"].as_str().unwrap_or_default().to_string();
    let last_in = messages.iter().filter(|m| m["attributes"]["direction"] == "in").max_by_key(|m| sent(m));
    let last_at = messages.iter().map(sent).max().unwrap_or_else(|| spec.started.to_string());
    let mut custom =
        json!({ "cxContactReasonTree": "billing.duplicate_charge", "effortNum": "3", "escalatedBool": false });
    if id == INVOICE_EMAIL {
        // The attributes the help article's custom attribute matching example reads.
        custom["appResolutionStr"] = json!("Refunded duplicate charge");
        custom["businessImpactStr"] = json!("Medium");
        custom["jiraIssueStr"] = json!("BILL-212");
    }
    if let Some(sync) = spec.sync {
        custom["syncToSalesforceBool"] = json!(sync);
    }
    let satisfaction = match spec.csat {
        Some((score, rating)) => {
            json!({ "sentByTeams": [], "score": score, "rating": rating, "status": "answered", "channel": "email" })
        }
        None => json!({ "sentByTeams": [] }),
    };
    let count = |direction: &str| messages.iter().filter(|m| m["attributes"]["direction"] == direction).count();
    Some(json!({
        "type": "conversation", "id": id,
        "attributes": {
            "name": spec.subject,
            "preview": messages.iter().min_by_key(|m| sent(m)).map(|m| m["attributes"]["preview"].clone()).unwrap_or(Value::Null),
            "channels": spec.channels, "status": spec.status, "priority": spec.priority, "spam": spec.spam,
            "defaultLang": "en_us", "assignedUsers": spec.assigned, "assignedTeams": [],
            "messageCount": messages.len(), "inboundMessageCount": count("in"), "outboundMessageCount": count("out"),
            "noteCount": 0, "tags": [], "custom": custom, "satisfactionLevel": satisfaction,
            "lastMessageIn": last_in.map(|m| json!({ "id": m["id"], "sentAt": m["attributes"]["sentAt"] })).unwrap_or(Value::Null),
            "createdAt": spec.started, "updatedAt": last_at, "modifiedAt": last_at, "lastMessageAt": last_at
        },
        "relationships": {
            "messages": { "links": { "self": format!("/v1/conversations/{id}/messages") } },
            "customer": { "data": { "type": "customer", "id": spec.customer }, "links": { "self": format!("/v1/customers/{}", spec.customer) } }
        },
        "links": { "self": format!("/v1/conversations/{id}") }
    }))
}

/// All messages of a conversation, in chronological order. The server serves them in
/// another order on purpose; see [`super::DemoOrg`].
pub fn messages(conversation_id: &str) -> Option<Vec<Value>> {
    let spec = SPECS.iter().find(|spec| spec.id == conversation_id)?;
    let lines = script(conversation_id);
    let start = parse_iso_ms(spec.started).unwrap_or(0);
    Some(lines.into_iter().enumerate().map(|(idx, line)| message_resource(spec, idx, line, start)).collect())
}

/// Ids unique across the org: a prefix, the conversation id's tail, the position.
pub fn message_id(conversation_id: &str, idx: usize) -> String {
    format!("64a1c0de{}{:06x}", &conversation_id[14..], idx + 1)
}

fn message_resource(spec: &Spec, idx: usize, line: Line, start: i64) -> Value {
    let id = message_id(spec.id, idx);
    let sent = iso_from_ms(start + line.minutes * 60_000 + (idx as i64 % 7) * 1000);
    let created_by = match line.author {
        Author::Customer => Value::Null,
        Author::Agent(user) => {
            json!({ "data": { "type": "user", "id": user }, "links": { "self": format!("/v1/users/{user}") } })
        }
        Author::Auto => {
            json!({ "data": { "type": "user", "id": BOT }, "links": { "self": format!("/v1/users/{BOT}") } })
        }
    };
    let preview: String = line.text.chars().take(120).collect();
    let mut attributes = json!({
        "channel": line.channel, "app": app_of(line.channel), "direction": line.direction,
        "directionType": if idx == 0 { format!("initial-{}", line.direction) } else { format!("response-{}", line.direction) },
        "preview": preview, "status": if line.direction == "in" { "received" } else { "sent" },
        "auto": matches!(line.author, Author::Auto), "sentAt": sent, "createdAt": sent, "updatedAt": sent,
        "redacted": false, "lang": "en", "meta": {}
    });
    // The first messages carry their text in `body`; a few leave only `preview`, as the
    // API documents no full-text field.
    if line.text.len() > 120 || idx % 5 != 4 {
        attributes["body"] = json!(line.text);
    }
    if let (Value::Object(target), Value::Object(extra)) = (&mut attributes, line.extra) {
        target.extend(extra);
    }
    let mut relationships = json!({
        "conversation": { "data": { "type": "conversation", "id": spec.id }, "links": { "self": format!("/v1/conversations/{}", spec.id) } },
        "customer": { "data": { "type": "customers", "id": spec.customer }, "links": { "self": format!("/v1/customers/{}", spec.customer) } }
    });
    if !created_by.is_null() {
        relationships["createdBy"] = created_by;
    }
    json!({ "type": "message", "id": id, "attributes": attributes, "relationships": relationships, "links": { "self": format!("/v1/messages/{id}") } })
}

fn app_of(channel: &str) -> &'static str {
    match channel {
        "email" => "postmark",
        "sms" | "voice" => "twilio",
        "whatsapp" => "whatsapp",
        "facebook" | "instagram" => "facebook",
        "twitter-dm" | "twitter-tweet" => "twitter",
        "chat" => "chat",
        "form" => "form",
        _ => "custom",
    }
}

fn script(conversation_id: &str) -> Vec<Line> {
    use Author::{Agent, Auto, Customer};
    match conversation_id {
        INVOICE_EMAIL => super::email_thread::invoice_thread(),
        LONG_CHAT => long_chat(),
        SMS_REDACTED => {
            let mut redacted = line("in", "sms", 9, Customer, "");
            redacted.extra =
                json!({ "redacted": true, "preview": "", "meta": { "from": "+525512345678", "to": "+14155550100" } });
            vec![
                sms("in", 0, Customer, "Hi, can the delivery for order 88213 come Thursday after 5pm instead?"),
                sms("out", 4, Agent(SAM), "Hi Luis, I can move it to Thursday 5-8pm. Can you confirm the address ends in Col. Roma Norte?"),
                redacted,
                sms("out", 12, Agent(SAM), "Thanks! For your safety we removed the card number you sent. Never share card details by text.\nYour delivery is now Thursday, 5-8pm."),
                sms("in", 15, Customer, "Perfect, thank you 🙏"),
            ]
        }
        WHATSAPP => {
            let mut photos =
                line("in", "whatsapp", 2, Customer, "Here are the photos of the cracked housing and the label.");
            photos.extra = json!({ "meta": { "from": "+525512345678", "attachmentNum": 2 } });
            vec![
                line("in", "whatsapp", 0, Customer, "Hello, my Volt 2 charger cracked after two weeks. Is it under warranty?"),
                photos,
                line("out", "whatsapp", 20, Agent(DANA), "Sorry about that, Luis. It's covered: I've opened warranty claim W-2291 and a replacement ships tomorrow."),
                line("out", "whatsapp", 21, Auto, "Your claim W-2291 was created. Reply STOP to opt out of WhatsApp updates."),
            ]
        }
        FACEBOOK => vec![
            line("in", "facebook", 0, Customer, "Hey, my order #55102 says delivered but nothing arrived."),
            line(
                "out",
                "facebook",
                7,
                Agent(SAM),
                "Hi Marcus, the carrier shows it left at the side door at 2:14pm. Could you check there?",
            ),
            line("in", "facebook", 30, Customer, "Found it behind the recycling bin 😅 thanks!"),
        ],
        INSTAGRAM => vec![
            line(
                "in",
                "instagram",
                0,
                Customer,
                "Do you make custom colors of the Ridge tote? We'd want 40 in studio green.",
            ),
            line("out", "instagram", 45, Auto, "Thanks for reaching out! An agent will reply within one business day."),
        ],
        TWITTER_DM => {
            let mut follow_up = line("out", "email", 90, Agent(NOOR), "Hi Tom,\n\nYour account is unlocked. Sign in at https://northwind.example/account and change your password.\n\nNoor");
            follow_up.extra = json!({ "subject": "Your account is unlocked", "meta": { "from": "support@northwind-support.com", "to": [{ "email": "tom.becker@example.net" }] } });
            vec![
                line("in", "twitter-dm", 0, Customer, "I'm locked out after too many login attempts, can you help?"),
                line(
                    "out",
                    "twitter-dm",
                    12,
                    Agent(NOOR),
                    "Hi Tom, I've sent a verification link to the email on file.",
                ),
                follow_up,
            ]
        }
        TWITTER_TWEET => {
            let mut tweet = line(
                "in",
                "twitter-tweet",
                0,
                Customer,
                "@northwind 9 days and my package still says 'label created'. Not great.",
            );
            tweet.extra = json!({ "meta": { "permalink": "https://x.com/tombecker/status/1860000000000000001" } });
            vec![
                tweet,
                line(
                    "out",
                    "twitter-tweet",
                    25,
                    Agent(DANA),
                    "@tombecker Sorry, Tom! We've sent you a DM to sort this out.",
                ),
            ]
        }
        VOICE => {
            let mut call = line(
                "in",
                "voice",
                0,
                Customer,
                "Inbound call: customer reports a dented washing machine on delivery and asks for a pickup.",
            );
            call.extra = json!({ "meta": {
                "from": "+35315550199", "to": "+18005550100", "status": "completed", "direction": "inbound",
                "placedAt": "2026-11-21T15:10:00.000Z", "answeredAt": "2026-11-21T15:10:42.000Z", "endedAt": "2026-11-21T15:18:05.000Z",
                "duration": 443, "externalRecordingUrl": "https://recordings.example/calls/7731.mp3"
            } });
            vec![
                call,
                line(
                    "out",
                    "voice",
                    9,
                    Agent(SAM),
                    "Call summary: pickup booked for Monday 9-12. Replacement unit reserved.",
                ),
            ]
        }
        FORM => {
            let mut form = line("in", "form", 0, Customer, "Company: Shah Design Studio\nWebsite: https://shahdesign.studio\nExpected yearly volume: 300-500 units\nMessage: We'd like wholesale pricing for the Ridge and Summit totes.");
            form.extra = json!({ "subject": "Wholesale application", "meta": { "formId": "wholesale-v2", "from": "priya@shahdesign.studio" } });
            vec![form]
        }
        UNKNOWN_CHANNEL => vec![
            line("in", "line", 0, Customer, "Hello from LINE! Do you ship to Osaka?"),
            line("out", "line", 15, Agent(DANA), "Hi Marcus, yes: we ship to Japan in 5-7 business days."),
        ],
        SPAM_EMAIL => super::email_thread::spam_email(),
        EMPTY_CHAT => Vec::new(),
        PHONE_ONLY_SMS => vec![
            text_message(
                WHITFIELD_PHONE,
                "in",
                0,
                Customer,
                "Hi, it's Dana at Whitfield Outdoor. Can we reorder the 12 Ridge totes from March, same colors?",
            ),
            text_message(
                WHITFIELD_PHONE,
                "out",
                6,
                Agent(SAM),
                "Hi Dana, yes: same price as March. I've placed the order and it ships Monday.",
            ),
            text_message(WHITFIELD_PHONE, "in", 9, Customer, "Great, thanks Sam!"),
        ],
        _ => Vec::new(),
    }
}

/// The support line's number, which customers text.
const SUPPORT_SMS: &str = "+14155550100";
/// Dana Whitfield's number as the SMS provider writes it.
const WHITFIELD_PHONE: &str = "+15035550147";

/// A text with Luis.
fn sms(direction: &'static str, minutes: i64, author: Author, text: &str) -> Line {
    text_message("+525512345678", direction, minutes, author, text)
}

/// A text between `customer` (a number) and the support line.
fn text_message(customer: &str, direction: &'static str, minutes: i64, author: Author, text: &str) -> Line {
    let mut message = line(direction, "sms", minutes, author, text);
    let (from, to) = if direction == "in" { (customer, SUPPORT_SMS) } else { (SUPPORT_SMS, customer) };
    message.extra = json!({ "meta": { "from": from, "to": to } });
    message
}

/// A long chat: a sizing question, a return, and a lot of back and forth.
fn long_chat() -> Vec<Line> {
    const CUSTOMER_LINES: [&str; 8] = [
        "I'm between the 38L and the 45L for a four-day trip.",
        "My torso is 46 cm, does that change anything?",
        "Does the hip belt come off?",
        "Ok, and the rain cover is included?",
        "What about the return window for the one I already bought?",
        "Can I drop it at a store instead of shipping?",
        "Got it. How long does the refund take?",
        "Thanks, that's clear.",
    ];
    const AGENT_LINES: [&str; 8] = [
        "For four days with a tent, the 45L gives you room for food.",
        "At 46 cm you're a size M in both; the 45L adjusts a bit further.",
        "Yes, it's removable and comes in S/M and L/XL.",
        "The rain cover is included with the 45L, and sold separately for the 38L.",
        "You have 60 days for unused items, so you're well within it.",
        "Yes, any store can take it; bring the order number.",
        "Refunds land 3-5 business days after the store scans it.",
        "Anything else I can help with?",
    ];
    (0..LONG_CHAT_MESSAGES)
        .map(|idx| {
            let round = idx / 2;
            let minutes = idx as i64 * 2 + (idx as i64 / 160) * 1440;
            if idx % 2 == 0 {
                line("in", "chat", minutes, Author::Customer, &format!("{} ({})", CUSTOMER_LINES[round % 8], idx + 1))
            } else if idx % 50 == 49 {
                line("out", "chat", minutes, Author::Auto, "Are you still there? This chat will stay open.")
            } else {
                line("out", "chat", minutes, Author::Agent(NOOR), &format!("{} ({})", AGENT_LINES[round % 8], idx + 1))
            }
        })
        .collect()
}

/// Attachments of a conversation as the attachments endpoint lists them.
pub fn attachments(conversation_id: &str) -> Option<Vec<Value>> {
    SPECS.iter().find(|spec| spec.id == conversation_id)?;
    let files = super::files::attachments_of(conversation_id);
    Some(
        files
            .into_iter()
            .enumerate()
            .map(|(idx, file)| {
                let id = format!("662fd8c8{}{:06x}", &conversation_id[14..], idx + 1);
                let message = message_id(conversation_id, file.message_idx);
                let mut links = json!({ "self": format!("/v1/attachments/{id}") });
                if let Some(url) = file.url {
                    links["related"] = json!(url);
                }
                json!({
                    "type": "attachment", "id": id,
                    "attributes": { "name": file.name, "contentType": file.content_type, "contentLength": file.size, "redacted": file.redacted },
                    "relationships": { "message": { "links": { "self": format!("/v1/messages/{message}") } } },
                    "links": links
                })
            })
            .collect(),
    )
}
