//! The demo org's ids: customers, agents and conversations.

pub const JANE: &str = "5ff4bc441235167ec0261101";
pub const MARCUS: &str = "5ff4bc441235167ec0261102";
pub const PRIYA: &str = "5ff4bc441235167ec0261103";
pub const TOM: &str = "5ff4bc441235167ec0261104";
pub const OLIVIA: &str = "5ff4bc441235167ec0261105";
pub const LUIS: &str = "5ff4bc441235167ec0261106";
pub const SEAN: &str = "5ff4bc441235167ec0261107";
/// A customer Kustomer knows by phone alone (no email), as texting customers often are.
pub const WHITFIELD: &str = "5ff4bc441235167ec0261108";

pub const SAM: &str = "5ff4ddab5c152aa5a72c0001";
pub const DANA: &str = "5ff4ddab5c152aa5a72c0002";
pub const NOOR: &str = "5ff4ddab5c152aa5a72c0003";
pub const BOT: &str = "5ff4ddab5c152aa5a72c00b0";

/// The conversation of the help article's custom attribute matching example.
pub const INVOICE_EMAIL: &str = "6140cefd91ffddd18144e08b";
pub const LONG_CHAT: &str = "6140cefd91ffddd18144c001";
pub const SMS_REDACTED: &str = "6140cefd91ffddd18144c002";
pub const WHATSAPP: &str = "6140cefd91ffddd18144c003";
pub const FACEBOOK: &str = "6140cefd91ffddd18144c004";
pub const INSTAGRAM: &str = "6140cefd91ffddd18144c005";
pub const TWITTER_DM: &str = "6140cefd91ffddd18144c006";
pub const TWITTER_TWEET: &str = "6140cefd91ffddd18144c007";
pub const VOICE: &str = "6140cefd91ffddd18144c008";
pub const FORM: &str = "6140cefd91ffddd18144c009";
pub const UNKNOWN_CHANNEL: &str = "6140cefd91ffddd18144c00a";
pub const SPAM_EMAIL: &str = "6140cefd91ffddd18144c00b";
pub const EMPTY_CHAT: &str = "6140cefd91ffddd18144c00c";
/// The phone-only customer's texts: the Insight Card can match them by phone alone.
pub const PHONE_ONLY_SMS: &str = "6140cefd91ffddd18144c00d";

/// Messages in the long chat: more than five pages of 100.
pub const LONG_CHAT_MESSAGES: usize = 640;
