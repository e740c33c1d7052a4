//! Every word the widget shows an agent, in one table. A translation replaces this file
//! and nothing else: fixed text is a constant, and text with values in it is a function,
//! so a language can put the values where its grammar wants them. Dates, numbers and
//! money are not here: `Intl` writes them in the configured locale.
//!
//! Not here, on purpose: configuration errors (`config/`), which speak the config's own
//! language of keys and JSON types to the admin who installs the widget, and the errors
//! `mount` throws to the host page's developer.

// ---- Shared states -------------------------------------------------------------------

pub const RETRY: &str = "Retry";
pub const DETAILS: &str = "Details";
pub const REFRESH: &str = "Refresh";
pub const NONE: &str = "None";
pub const YES: &str = "Yes";
pub const NO: &str = "No";

/// How long ago something was read: "just now", "1 minute ago", "3 hours ago".
pub fn age(minutes: u64) -> String {
    let (count, unit) = match minutes {
        0 => return "just now".to_string(),
        1..=59 => (minutes, "minute"),
        60..=1439 => (minutes / 60, "hour"),
        _ => (minutes / 1440, "day"),
    };
    format!("{count} {unit}{} ago", if count == 1 { "" } else { "s" })
}

pub fn updated(age: &str) -> String {
    format!("Updated {age}")
}

pub fn new_messages(count: usize) -> String {
    match count {
        0 => "Show the latest".to_string(),
        1 => "1 new message".to_string(),
        _ => format!("{count} new messages"),
    }
}

pub fn look_failed(reason: &str, age: &str) -> String {
    format!("Could not look for changes ({reason}); shown as read {age}")
}

pub const LOOKING_LESS_OFTEN: &str = "Kustomer's rate limit is nearly spent: looking less often";

/// Shown in place of the widget after a bug stopped it.
pub const CRASHED: &str = "The widget stopped because of an internal error. Reload the page to try again.";

// ---- Conversation view ---------------------------------------------------------------

pub const LOADING_CONVERSATION: &str = "Loading the conversation";
pub const CONVERSATION_LABEL: &str = "Kustomer conversation";
pub const NO_MESSAGES: &str = "This conversation has no messages yet.";
pub const NO_SUBJECT: &str = "(no subject)";
pub const UNKNOWN_CUSTOMER: &str = "Unknown customer";
pub const UNNAMED_CUSTOMER: &str = "Unnamed customer";
pub const UNASSIGNED: &str = "Unassigned";
pub const OPEN_IN_KUSTOMER: &str = "Open in Kustomer";
pub const SPAM: &str = "Spam";
pub const CHANNELS: &str = "Channels";
pub const CUSTOMER: &str = "Customer";
pub const AGENT: &str = "Agent";
pub const AUTOMATED: &str = "Automated";
pub const ASSIGNED_TO: &str = "Assigned to";
pub const CREATED: &str = "Created";
pub const UPDATED: &str = "Updated";

pub fn priority(level: i64) -> String {
    format!("Priority {level}")
}

/// An agent whose name could not be read.
pub fn agent_by_id(id: &str) -> String {
    format!("Agent {id}")
}

pub fn messages_loaded(count: usize) -> String {
    format!("{count} messages loaded…")
}

pub fn rate_limit_wait(seconds: u32) -> String {
    format!("Kustomer's rate limit was reached: retrying in {seconds} s")
}

pub fn earlier_failed(reason: &str) -> String {
    format!("Earlier messages could not be read: {reason}. Press again to retry.")
}

pub fn show_earlier(count: usize) -> String {
    format!("Show {count} earlier messages")
}

pub fn earlier_not_shown(count: usize) -> String {
    format!(" {count} earlier messages not shown")
}

pub fn show_newer(count: usize) -> String {
    format!("Show {count} newer messages")
}

pub fn newer_not_shown(count: usize) -> String {
    format!(" {count} newer messages not shown")
}

pub fn only_first_messages(count: usize) -> String {
    format!("Only the first {count} messages were loaded.")
}

pub fn messages_missing(count: usize, pages: usize, reason: &str) -> String {
    format!("Only {count} messages ({pages} pages) could be loaded; the rest are missing: {reason}")
}

pub fn attachments_failed(reason: &str) -> String {
    format!("Attachments could not be loaded: {reason}")
}

pub fn customer_failed(reason: &str) -> String {
    format!("The customer could not be loaded: {reason}")
}

pub fn agents_failed(reason: &str) -> String {
    format!("Some agent names could not be loaded: {reason}")
}

// ---- Messages --------------------------------------------------------------------------

pub const UNKNOWN_DATE: &str = "Unknown date";
pub const RECEIVED: &str = "Received";
pub const SENT: &str = "Sent";
pub const FROM: &str = "From";
pub const TO: &str = "To";
pub const CC: &str = "Cc";
pub const BCC: &str = "Bcc";
pub const SUBJECT: &str = "Subject";
pub const CALL: &str = "Call";
pub const PLACED: &str = "Placed";
pub const ANSWERED: &str = "Answered";
pub const ENDED: &str = "Ended";
pub const DURATION: &str = "Duration";
pub const CALL_RECORDING: &str = "Call recording";
pub const VIEW_POST: &str = "View post";
pub const REDACTED_MESSAGE: &str = "This message was redacted.";
pub const EXCERPT_NOTE: &str = "Excerpt: the full text is in Kustomer.";
pub const NO_TEXT: &str = "(no text)";
pub const SHOW_QUOTED: &str = "Show quoted text";
pub const HIDE_QUOTED: &str = "Hide quoted text";
pub const SHOW_REMOTE: &str = "Show remote content";
pub const REMOTE_BLOCKED: &str = " Remote images and styles are blocked.";
pub const EMAIL_CONTENT: &str = "Email content";
pub const COPY_LINK: &str = "Copy link";
pub const LINK_COPIED: &str = "Link copied";
pub const COPY_THIS_LINK: &str = "Copy this link";

// The card's diagnostics, for the admin (see docs/install-kustomer.md).
pub const DIAGNOSTICS_HINT: &str =
    "The card's recent errors, with no customer data in them, to paste into a support ticket.";
pub const COPY_DIAGNOSTICS: &str = "Copy diagnostics";
pub const DIAGNOSTICS_COPIED: &str = "Diagnostics copied";
pub const THESE_DIAGNOSTICS: &str = "Diagnostics to copy";
pub const NO_DIAGNOSTICS: &str = "No errors recorded since the card opened.";
pub const LINKED_MESSAGE_MISSING: &str =
    "The message this link points to is not in this conversation. Showing the newest messages.";

// ---- Find and transcript -----------------------------------------------------------------

pub const FIND: &str = "Find";
pub const FIND_LABEL: &str = "Find in this conversation";
pub const FIND_CHANNEL: &str = "Channel";
pub const FIND_SENDER: &str = "Sender";
pub const ALL_CHANNELS: &str = "All channels";
pub const ANYONE: &str = "Anyone";
pub const THE_CUSTOMER: &str = "The customer";
pub const PREVIOUS: &str = "Previous";
pub const NEXT: &str = "Next";
pub const CLOSE: &str = "Close";
pub const NO_MATCHES: &str = "No matches";
pub const TRANSCRIPT_HTML: &str = "Download transcript";
pub const TRANSCRIPT_TEXT: &str = "Text";
pub const TRANSCRIPT_TEXT_LABEL: &str = "Download transcript as text";

/// "3 of 17": the match shown, counted from the newest.
pub fn match_of(current: usize, total: usize) -> String {
    format!("{current} of {total}")
}

pub const SEARCHING: &str = "Searching\u{2026}";
pub const SEARCHING_PAGES: &str = "Searching";
pub const TRANSCRIPT_PAGES: &str = "Preparing the transcript";
pub const LINK_PAGES: &str = "Looking for the linked message";

/// While a search, a transcript or a link waits for the pages not read yet.
pub fn reading_pages(doing: &str, done: usize, total: usize) -> String {
    format!("{doing}\u{2026} {done} of {total} pages")
}

/// A search or transcript that could not read every page.
pub fn pages_failed(reason: &str) -> String {
    format!("Not every page could be read: {reason}")
}

pub const EMAIL: &str = "Email";
pub const CHAT: &str = "Chat";
pub const SMS: &str = "SMS";
pub const WHATSAPP: &str = "WhatsApp";
pub const FACEBOOK: &str = "Facebook";
pub const INSTAGRAM: &str = "Instagram";
pub const X_DIRECT_MESSAGE: &str = "X direct message";
pub const X_POST: &str = "X post";
pub const VOICE: &str = "Voice";
pub const FORM: &str = "Form";
pub const UNKNOWN_CHANNEL: &str = "Unknown channel";

// ---- Attachments -----------------------------------------------------------------------

pub const ATTACHMENTS: &str = "Attachments";
pub const OTHER_ATTACHMENTS: &str = "Other attachments";
pub const OTHER_ATTACHMENTS_HEADING: &str = "Other attachments of this conversation";
pub const REDACTED_ATTACHMENT: &str = " This attachment was redacted.";
pub const DOWNLOAD: &str = "Download";
pub const NOT_DOWNLOADABLE: &str = "Not available for download";
pub const PREVIEW: &str = "Preview";
pub const HIDE_PREVIEW: &str = "Hide preview";

// ---- Insight Card ----------------------------------------------------------------------

pub const CARD_OFF: &str = "The Salesforce Insight Card is turned off in the Salesforce app settings.";
pub const CARD_NEEDS_SUBDOMAIN: &str = "The Insight Card needs the Salesforce subdomain in its config";
pub const LOADING_RECORDS: &str = "Loading Salesforce records";
pub const EVERYTHING_HIDDEN: &str = "Every Salesforce object is hidden in the app's Data Visibility settings.";
pub const NO_VALID_EMAIL: &str = "none (no valid email)";
pub const CONTACTS: &str = "Contacts";
pub const LEADS: &str = "Leads";
pub const ACCOUNTS: &str = "Accounts";
pub const OPPORTUNITIES: &str = "Opportunities";
pub const TITLE: &str = "Title";
pub const ACCOUNT: &str = "Account";
pub const PHONE: &str = "Phone";
pub const OWNER: &str = "Owner";
pub const COMPANY: &str = "Company";
pub const STATUS: &str = "Status";
pub const SOURCE: &str = "Source";
pub const PARENT: &str = "Parent";
pub const STATE: &str = "State";
pub const STAGE: &str = "Stage";
pub const AMOUNT: &str = "Amount";
pub const CLOSE_DATE: &str = "Close date";
pub const PROBABILITY: &str = "Probability";
pub const OPEN: &str = "Open";
pub const WON: &str = "Won";
pub const LOST: &str = "Lost";

pub fn customer_emails_failed(reason: &str) -> String {
    format!("The customer's emails could not be read: {reason}")
}

pub fn not_searched(emails: &str) -> String {
    format!("Not searched, not an email: {emails}")
}

pub fn field_left_out(object: &str, reason: &str) -> String {
    format!("{object} field left out: {reason}")
}

pub fn not_a_field_name(name: &str) -> String {
    format!("\"{name}\" is not a field API name")
}

/// "2 Contacts share jane@x.com".
pub fn duplicates(count: usize, object: &str, email: &str) -> String {
    format!("{count} {object}s share {email}")
}

pub fn open_of(open: usize, all: usize) -> String {
    format!("{open} open of {all}")
}

pub fn percent(number: &str) -> String {
    format!("{number}%")
}

// ---- Refused objects and saved data ----------------------------------------------------

pub fn field_not_visible(plural: &str, field: &str, owner: &str) -> String {
    format!(
        "{plural} could not be read: the field {field} on {owner} is not visible to the Salesforce integration \
         user. Grant it field access, or hide {plural} in the card's settings"
    )
}

pub fn object_not_visible(plural: &str, api_name: &str) -> String {
    format!(
        "{plural} are not visible to the Salesforce integration user: grant Read on {api_name} or hide {plural} in the \
         card's settings"
    )
}

pub const ACCOUNTS_NEED_CONTACTS: &str = "Accounts are found through the customer's Contacts, which are not visible \
     to the Salesforce integration user: grant Read on Contact";
pub const OPPORTUNITIES_NEED_ACCOUNTS: &str = "Opportunities are read through their Accounts, which the Salesforce \
     integration user cannot read: grant Read on Account, or hide Opportunities in the card's settings";
pub const ACCOUNTS_READ_AGAIN: &str = ". The Accounts were read again without them";

pub fn everything_refused(reasons: &str) -> String {
    format!("Salesforce refused every object this card shows. {reasons}")
}

pub fn quota_saving(percent: u64, age: &str) -> String {
    format!(
        "The org has used {percent}% of its daily Salesforce API requests; showing data from {age} to save the rest"
    )
}

pub const LIMIT_REACHED: &str = "Salesforce API limit reached";
pub const SALESFORCE_UNREACHABLE: &str = "Salesforce could not be reached";
pub const SALESFORCE_UNAVAILABLE: &str = "Salesforce could not answer just now";

/// Kustomer served its own saved answer in place of Salesforce's error status.
pub const SALESFORCE_ANSWERED_ERROR: &str = "Salesforce answered with an error (its API limit may be reached)";
pub const SAVED_BY_KUSTOMER: &str = "Saved by Kustomer within the last 24 hours";

pub fn kustomer_saved(reason: &str, age: Option<&str>) -> String {
    match age {
        Some(age) => format!("{reason}; showing the answer Kustomer saved {age}"),
        None => format!("{reason}; showing the answer Kustomer saved (at most 24 hours old)"),
    }
}

pub fn showing_saved(reason: &str, age: &str) -> String {
    format!("{reason}; showing data from {age}")
}

pub fn nothing_saved_for(lead: &str, emails: &str) -> String {
    format!("{lead}. Nothing was saved for {emails}")
}

// ---- Salesforce failures ---------------------------------------------------------------

pub const LIMIT_NOTHING_SAVED: &str = "Salesforce API limit reached, and no data for these emails was saved in the \
     last 24 hours. The limit frees up over a rolling 24 hours.";
pub const SALESFORCE_EXPIRED: &str = "The Salesforce connection has expired: reconnect the Salesforce app";
pub const SALESFORCE_REFUSED_FIELD: &str = "Salesforce refused a field the card asked for";
pub const NO_DETAILS: &str = "no details";

pub fn no_query_service(api_version: &str) -> String {
    format!(
        "Salesforce has no query service at API version {api_version}: check the API version in the card's settings (for example v62.0)"
    )
}

pub fn no_such_field(field: &str, object: &str) -> String {
    format!("Salesforce has no field {field} on {object} visible to the integration user")
}

pub fn query_refused(reason: &str) -> String {
    format!("Salesforce refused the card's query: {reason}")
}

// ---- Kustomer failures -----------------------------------------------------------------

pub const KUSTOMER_KEY_REJECTED: &str = "The Kustomer API key was rejected: check the Kustomer named credential";
pub const KUSTOMER_STILL_LIMITED: &str = "Kustomer's rate limit is still exceeded after waiting: retry in a minute";

pub fn kustomer_role_missing(role: &str) -> String {
    format!(
        "The Kustomer API key is missing a role: give it {role} (with org.permission.message.read, \
         org.permission.customer.read, org.permission.conversation.read, org.permission.user.read \
         and org.permission.attachment.read)"
    )
}

/// "Conversation not found"; `what` is one of the nouns below.
pub fn not_found(what: &str) -> String {
    format!("{what} not found")
}

pub const CONVERSATION_NOUN: &str = "Conversation";
pub const MESSAGES_NOUN: &str = "Messages";
pub const CUSTOMER_NOUN: &str = "Customer";
pub const AGENT_NOUN: &str = "Agent";
pub const ATTACHMENTS_NOUN: &str = "Attachments";

// ---- Any service -----------------------------------------------------------------------

pub fn unreachable(service: &str, detail: &str) -> String {
    format!("Could not reach {service}: {detail}. Check the connection and retry")
}

pub fn no_answer_within(service: &str, limit: &str) -> String {
    format!("{service} did not answer within {limit}. Retry in a moment")
}

/// "1 second", "5 seconds", "1500 ms".
pub fn duration_ms(ms: u32) -> String {
    match ms {
        1000 => "1 second".to_string(),
        ms if ms % 1000 == 0 => format!("{} seconds", ms / 1000),
        ms => format!("{ms} ms"),
    }
}

pub fn answered(service: &str, status: u16) -> String {
    format!("{service} answered {status}")
}

pub fn unreadable_response(service: &str, detail: &str) -> String {
    format!("{service} sent a response the widget cannot read: {detail}")
}

pub fn host_broke_contract(detail: &str) -> String {
    format!("The host page's hostFetch broke its contract: {detail}")
}

// ---- Case section ----------------------------------------------------------------------

pub const LOADING_CASE: &str = "Loading the Case sync preview";
pub const SYNCS: &str = "Syncs to Salesforce";
pub const SYNC_OFF: &str = "Sync To Salesforce is off";
pub const MARKED_SPAM: &str = "marked as spam";
pub const NO_CASE_YET: &str = "No Case in Salesforce for this conversation yet.";
pub const CASE: &str = "Case ";
pub const CUSTOM_MATCHING: &str = "Custom attribute matching";
pub const COPY_PAYLOAD: &str = "Copy payload as JSON";
pub const COPIED: &str = "Copied";
pub const CONTACTS_HIDDEN_NOTE: &str = "Contacts are hidden in the Data Visibility settings, so the matched Contact \
     (AccountId, ContactId) is not shown.";
pub const NO_CONTACT_MATCH: &str =
    "No Salesforce Contact matches the customer's email: AccountId and ContactId are not sent.";

pub fn not_syncing(reason: &str) -> String {
    format!("Not syncing: {reason}")
}

pub fn sync_attribute_odd(attribute: &str, value: &str) -> String {
    format!("Sync To Salesforce (`custom.{attribute}`) is {value}, not true or false")
}

pub fn could_not_copy(reason: &str) -> String {
    format!("Could not copy: {reason}")
}

pub fn case_field_missing(object: &str, field: &str) -> String {
    format!("{object}.{field} is not in this org: install the Kustomer managed package to create and find Cases")
}

pub fn case_lookup_failed(reason: &str) -> String {
    format!("The Case could not be looked up: {reason}")
}

pub fn one_contact_matches(name: &str, id: &str) -> String {
    format!("Contact {name} ({id}) matches the customer's email.")
}

pub fn several_contacts_match(count: usize, name: &str, id: &str) -> String {
    format!(
        "{count} Contacts match the customer's email; the sync takes the first Salesforce returns, {name} ({id}). Merge the duplicates to make this certain."
    )
}

/// Where a Case field's value came from, in the Case table's last column.
pub const FROM_CONSTANT: &str = "constant";
pub const FROM_MATCHED_CONTACT: &str = "Contact matched by the customer's email";
pub const FROM_ASSIGNEE_NAMES: &str = "assignedUsers (names)";
pub const FROM_CONVERSATION_URL: &str = "conversation URL";
pub const FROM_CONFIG_MAP: &str = "config value map";
pub const FROM_DEFAULT_MAP: &str = "default value map";
pub const FROM_LANGUAGE_CODE: &str = "language code";
pub const FROM_UNMAPPED: &str = "unmapped, sent as is";

pub fn from_contact_account(contact_id: &str) -> String {
    format!("AccountId of Contact {contact_id}")
}

// ---- More of the Insight Card and Case section -----------------------------------------

pub const SALESFORCE: &str = "Salesforce";
pub const INSIGHT_CARD: &str = "Salesforce Insight Card";
pub const CASE_SYNC: &str = "Case sync";
pub const CASE_HEADING: &str = "Case";
pub const CASE_SYNC_OFF: &str = "Case sync is turned off in the Salesforce app settings.";
pub const NO_RECORDS: &str = "No Salesforce records match";
pub const CASE_FIELD: &str = "Case field";
pub const VALUE: &str = "Value";
pub const FROM_COLUMN: &str = "From";
pub const TEMPLATE_PROBLEMS: &str = "Template problems";
pub const CLIPBOARD_MISSING: &str = "the clipboard is not available here";

pub fn emails_tried(emails: &str) -> String {
    format!("Emails tried: {emails}")
}

// Related lists and matching beyond email.
pub const MATCHED: &str = "Matched";
pub const BY_EMAIL: &str = "by email";
pub const BY_PHONE: &str = "by phone";
pub const BY_KUSTOMER_ID: &str = "by Kustomer id";
pub const VIEW_ALL: &str = "View all in Salesforce";

pub fn list_object_unknown(object: &str, status: u16, code: &str) -> String {
    let answer = if code.is_empty() { status.to_string() } else { format!("{status} {code}") };
    format!(
        "{object} could not be read: the org answered {answer} for it. Check the object's API name, and that the \
         integration user may read it"
    )
}

pub fn list_relationship_unknown(parent: &str, object: &str, named: Option<&str>, known: &str) -> String {
    let known = if known.is_empty() { "none".to_string() } else { known.to_string() };
    match named {
        Some(named) => format!("{parent} has no relationship {named} to {object}; it has: {known}"),
        None => format!("{parent} has several relationships to {object} ({known}): name one as `relationship`"),
    }
}

pub fn list_relationship_needed(parent: &str, object: &str) -> String {
    format!(
        "The org's object info could not be read, so the relationship from {parent} to {object} is not known: \
         name it as `relationship`"
    )
}

pub fn list_refused(object: &str, said: &str) -> String {
    format!("{object} could not be read: {said}")
}

/// A field the org's object info leaves out, or a query names as unknown: the two look
/// the same from outside.
pub fn not_readable(field: &str, object: &str) -> String {
    format!("{field} does not exist on {object} or is not readable by the integration user")
}

pub fn phones_not_searched(phones: &str) -> String {
    format!("Not searched, not a phone number: {phones}")
}

pub fn phones_tried(phones: &str) -> String {
    format!("Phones tried: {phones}")
}

pub fn more_than(limit: u32) -> String {
    format!("More than {limit}")
}

#[cfg(test)]
#[path = "strings_tests.rs"]
mod tests;
