//! The widget's configuration: parsed from the JSON the host passes to `mount`, then
//! validated. Every error names the key it is about, so that an admin reading the widget
//! knows which setting to fix.
//!
//! Parsing is written out over `serde_json::Value` (in `parse.rs`) rather than derived:
//! it words every error the same way, with the key's full path, and costs the bundle a
//! fraction of what derived deserializers with path tracking did.

use std::fmt;

mod parse;
pub(crate) mod read;

/// A configuration that parsed and passed every rule below.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub view: View,
    pub context: Context,
    pub transport: TransportConfig,
    /// Required by the Insight Card, which links to records in the org.
    pub salesforce: Option<SalesforceConfig>,
    pub kustomer: KustomerConfig,
    pub visibility: Visibility,
    pub fields: ExtraFields,
    /// Related lists, the order of sections, and matching beyond email.
    pub card: CardSettings,
    pub case_sync: CaseSyncConfig,
    pub locale: String,
    pub time_zone: Option<String>,
    pub theme: Theme,
    pub color_scheme: ColorScheme,
    /// How often a visible conversation view looks for changes; 0: only when asked.
    pub refresh_seconds: u32,
}

/// The interval a conversation view looks again at, unless the admin sets another.
pub const DEFAULT_REFRESH_SECONDS: u32 = 120;
/// The shortest interval allowed.
pub const MIN_REFRESH_SECONDS: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Conversation,
    Insight,
}

impl View {
    /// Whether this build carries the view (the `conversation` and `insight` features).
    pub fn in_build(self) -> bool {
        match self {
            View::Conversation => cfg!(feature = "conversation"),
            View::Insight => cfg!(feature = "insight"),
        }
    }

    /// The error for a view this build leaves out, naming the module that has it: a host
    /// that installed the other host's module learns so at once, not from a blank widget.
    pub fn not_in_build(self) -> ConfigError {
        let (asked, module) = match self {
            View::Conversation => ("the conversation view", "the Salesforce Case page's module (dist/conversation/)"),
            View::Insight => ("the Insight Card", "the Kustomer sidebar's module (dist/insight/)"),
        };
        ConfigError::new("view", format!("this module does not carry {asked}: it is in {module}"))
    }
}

/// What the widget is looking at. The host swaps it with `Handle.update` when the agent
/// moves to another conversation or customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub conversation_id: Option<String>,
    pub customer_id: Option<String>,
    pub customer_emails: Vec<String>,
    /// The customer's phone numbers as the host knows them (the Kustomer card passes
    /// `attributes.phones[].phone`), for matching records by phone.
    pub customer_phones: Vec<String>,
    /// The message to open at (a link to one message: Salesforce's `c__kustomerMessage`).
    pub message_id: Option<String>,
    /// The address of a link to one message, `{messageId}` standing for its id: on a Case
    /// page, the page's own address with the page state the component reads back. Without
    /// it, a message's link is its conversation's Kustomer address.
    pub message_link: Option<String>,
}

/// Where requests go. The widget holds no secret in any of these: the proxy and the host
/// add credentials, the demo org needs none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportConfig {
    Proxy(ProxyConfig),
    Host(HostConfig),
    Demo(DemoConfig),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    pub kustomer: String,
    pub salesforce: String,
    /// How long one request may take before it counts as failed.
    pub timeout_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostConfig {
    pub timeout_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    pub scenario: Scenario,
}

/// The demo org's behaviours, each one a situation a live org can be in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scenario {
    #[default]
    Normal,
    /// Every Salesforce call answers `403 REQUEST_LIMIT_EXCEEDED`.
    SalesforceLimit,
    /// Each Kustomer path answers `429` once, then succeeds.
    KustomerRateLimit,
    /// Every response takes 1.5 seconds.
    Slow,
    /// Every response is a `500`.
    ServerError,
    /// No request gets an answer, as when the network is down.
    Offline,
    /// Every answer is a gateway's HTML page instead of the API's JSON.
    Unreadable,
    /// The demo org fails inside the widget (a Rust panic), to show and test how the
    /// widget reports an internal failure instead of dying silently.
    Crash,
}

impl Scenario {
    pub const ALL: [Scenario; 8] = [
        Scenario::Normal,
        Scenario::SalesforceLimit,
        Scenario::KustomerRateLimit,
        Scenario::Slow,
        Scenario::ServerError,
        Scenario::Offline,
        Scenario::Unreadable,
        Scenario::Crash,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Normal => "normal",
            Scenario::SalesforceLimit => "salesforce-limit",
            Scenario::KustomerRateLimit => "kustomer-rate-limit",
            Scenario::Slow => "slow",
            Scenario::ServerError => "server-error",
            Scenario::Offline => "offline",
            Scenario::Unreadable => "unreadable",
            Scenario::Crash => "crash",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesforceConfig {
    /// The prefix before `.salesforce.com`: `acme` or `acme.my`.
    pub subdomain: String,
    /// At or above this share (percent) of the org's daily API requests, the Insight
    /// Card shows saved data instead of asking.
    pub quota_percent: u64,
    pub api_version: String,
    /// The org's currency (ISO 4217, such as `USD`), for showing amounts as money.
    pub currency: Option<String>,
}

impl SalesforceConfig {
    /// The Lightning host name for record links: `acme.my` and `acme` both open on
    /// `acme.lightning.force.com`.
    pub fn lightning_host(&self) -> String {
        let org = self.subdomain.strip_suffix(".my").unwrap_or(&self.subdomain);
        format!("{org}.lightning.force.com")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KustomerConfig {
    pub org: String,
    pub conversation_url: String,
}

impl Default for KustomerConfig {
    fn default() -> Self {
        KustomerConfig { org: default_org(), conversation_url: default_conversation_url() }
    }
}

impl KustomerConfig {
    /// The conversation's address in Kustomer, from the `{org}` and `{id}` template.
    pub fn conversation_link(&self, conversation_id: &str) -> String {
        self.conversation_url
            .replace("{org}", &self.org)
            .replace("{id}", &crate::transport::encode_segment(conversation_id))
    }
}

/// The admin's Data Visibility settings. Everything is shown by default, as in the
/// Kustomer app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    pub card: bool,
    pub accounts: bool,
    pub contacts: bool,
    pub opportunities: bool,
    pub leads: bool,
}

impl Default for Visibility {
    fn default() -> Self {
        Visibility { card: true, accounts: true, contacts: true, opportunities: true, leads: true }
    }
}

/// Extra Salesforce fields per object, chosen by the admin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraFields {
    pub account: Vec<String>,
    pub contact: Vec<String>,
    pub opportunity: Vec<String>,
    pub lead: Vec<String>,
}

/// What the Insight Card shows beyond its four objects, and how it finds people besides
/// their email.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardSettings {
    /// `relatedLists`: records of any object under the matched Accounts or Contacts.
    pub related_lists: Vec<crate::insight::related::RelatedList>,
    /// `sections`: every section in the admin's order; empty for the card's own order.
    pub sections: Vec<crate::insight::sections::Section>,
    pub matching: Matching,
}

impl CardSettings {
    /// The sections in the order to show them.
    pub fn sections(&self) -> Vec<crate::insight::sections::Section> {
        if self.sections.is_empty() {
            crate::insight::sections::order(None, &self.related_objects()).unwrap_or_default()
        } else {
            self.sections.clone()
        }
    }

    pub fn related_objects(&self) -> Vec<&str> {
        self.related_lists.iter().map(|list| list.object.as_str()).collect()
    }
}

/// `match`: the ways besides email that people are found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// A Contact and Lead field holding the Kustomer customer id.
    pub contact_field: Option<String>,
    /// Search the customer's phones in Salesforce's phone fields.
    pub phones: bool,
}

impl Matching {
    /// Whether anything besides email finds people.
    pub fn beyond_email(&self) -> bool {
        self.phones || self.contact_field.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseSyncConfig {
    pub enabled: bool,
    pub sync_attribute: String,
    pub record_type_id: Option<String>,
    pub custom_mapping: Option<CustomMapping>,
    /// Value-map overrides (priority, status, language); kept raw until the case-sync
    /// engine reads them.
    pub value_maps: Option<serde_json::Value>,
}

impl Default for CaseSyncConfig {
    fn default() -> Self {
        CaseSyncConfig {
            enabled: false,
            sync_attribute: default_sync_attribute(),
            record_type_id: None,
            custom_mapping: None,
            value_maps: None,
        }
    }
}

/// Custom attribute matching: each template is a JSON object or the text the admin typed.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomMapping {
    pub body: Option<serde_json::Value>,
    pub url_args: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Salesforce,
    Kustomer,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Salesforce => "salesforce",
            Theme::Kustomer => "kustomer",
        }
    }
}

/// Light or dark: the agent's preference (`auto`) unless the host pins one, as a host
/// page without a dark mode of its own should.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorScheme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl ColorScheme {
    pub fn name(self) -> &'static str {
        match self {
            ColorScheme::Auto => "auto",
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }
}

/// A configuration problem: the key it is about (a dotted path such as
/// `visibility.leads`) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(key: &str, message: impl Into<String>) -> Self {
        ConfigError { key: key.to_string(), message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "Configuration error: {}", self.message)
        } else {
            write!(f, "Configuration error in `{}`: {}", self.key, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses and validates a configuration given as JSON text.
    pub fn from_json(json: &str) -> Result<Config, ConfigError> {
        let value = read::json(json, "")?;
        let config = parse::config(&value)?;
        config.validate()?;
        Ok(config)
    }

    /// The rules that go beyond each key's own type.
    /// The Insight Card's settings, in a module that carries the card.
    #[cfg(feature = "insight")]
    fn validate_insight(&self) -> Result<(), ConfigError> {
        match &self.salesforce {
            Some(salesforce) => {
                validate_subdomain(&salesforce.subdomain)?;
                if !is_api_version(&salesforce.api_version) {
                    return Err(ConfigError::new(
                        "salesforce.apiVersion",
                        format!("expected a version such as \"v62.0\", found \"{}\"", salesforce.api_version),
                    ));
                }
            }
            None if self.view == View::Insight => {
                return Err(ConfigError::new(
                    "salesforce",
                    "the Insight Card needs the org's subdomain: {\"subdomain\": \"acme.my\"}",
                ));
            }
            None => {}
        }
        if self.visibility.leads && !self.visibility.contacts {
            return Err(ConfigError::new("visibility.leads", "Leads cannot be shown while Contacts are hidden"));
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        if !self.view.in_build() {
            return Err(self.view.not_in_build());
        }
        #[cfg(feature = "insight")]
        self.validate_insight()?;
        #[cfg(feature = "proxy")]
        if let TransportConfig::Proxy(proxy) = &self.transport {
            for (key, url) in [("transport.kustomer", &proxy.kustomer), ("transport.salesforce", &proxy.salesforce)] {
                if !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/')) {
                    return Err(ConfigError::new(
                        key,
                        format!("expected an http(s) URL or a path starting with /, found \"{url}\""),
                    ));
                }
            }
        }
        if !is_host_label(&self.kustomer.org) {
            return Err(ConfigError::new(
                "kustomer.org",
                format!(
                    "expected the org's name in its Kustomer address (letters, digits and hyphens), found \"{}\"",
                    self.kustomer.org
                ),
            ));
        }
        if !self.kustomer.conversation_url.contains("{id}") {
            return Err(ConfigError::new("kustomer.conversationUrl", "the URL template must contain {id}"));
        }
        if !self.kustomer.conversation_url.starts_with("https://") {
            return Err(ConfigError::new(
                "kustomer.conversationUrl",
                format!("expected an https:// URL template, found \"{}\"", self.kustomer.conversation_url),
            ));
        }
        self.context.validate(self.view)
    }
}

impl Context {
    /// Parses a context given as JSON text (what `Handle.update` receives).
    pub fn from_json(json: &str, view: View) -> Result<Context, ConfigError> {
        let value = read::json(json, "context")?;
        let context = parse::context(&value, "context")?;
        context.validate(view)?;
        Ok(context)
    }

    /// A view needs something to look at: the conversation view a conversation, the
    /// Insight Card a customer or at least one email.
    pub fn validate(&self, view: View) -> Result<(), ConfigError> {
        for (key, value) in [
            ("context.conversationId", &self.conversation_id),
            ("context.customerId", &self.customer_id),
            ("context.messageId", &self.message_id),
        ] {
            if let Some(id) = value {
                if id.trim().is_empty() {
                    return Err(ConfigError::new(key, "expected an id, found an empty string"));
                }
            }
        }
        if let Some(link) = &self.message_link {
            // Plain http only on this machine (a preview).
            let local = ["http://localhost", "http://127.0.0.1"].iter().any(|prefix| link.starts_with(prefix));
            if !(link.starts_with("https://") || local) || !link.contains("{messageId}") {
                return Err(ConfigError::new(
                    "context.messageLink",
                    "expected an https address with {messageId} where the message's id goes",
                ));
            }
        }
        match view {
            View::Conversation if self.conversation_id.is_none() => {
                Err(ConfigError::new("context.conversationId", "the conversation view needs a conversation id"))
            }
            View::Insight if self.customer_id.is_none() && self.customer_emails.is_empty() => Err(ConfigError::new(
                "context.customerEmails",
                "the Insight Card needs the customer's emails or a customer id",
            )),
            _ => Ok(()),
        }
    }
}

/// One label of a host name: what may stand before `.kustomerapp.com` or
/// `.my.salesforce.com` without pointing anywhere else.
fn is_host_label(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

#[cfg(feature = "insight")]
fn validate_subdomain(subdomain: &str) -> Result<(), ConfigError> {
    if is_host_label(subdomain.strip_suffix(".my").unwrap_or(subdomain)) {
        Ok(())
    } else {
        Err(ConfigError::new(
            "salesforce.subdomain",
            format!(
                "expected \"name\" or \"name.my\" (letters, digits and hyphens: the part before .salesforce.com), found \"{subdomain}\""
            ),
        ))
    }
}

#[cfg(feature = "insight")]
fn is_api_version(version: &str) -> bool {
    let Some(number) = version.strip_prefix('v') else { return false };
    let mut parts = number.split('.');
    let major_ok = parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let minor_ok = parts.next().is_some_and(|p| p == "0");
    major_ok && minor_ok && parts.next().is_none()
}

pub(crate) fn default_timeout_ms() -> u32 {
    20_000
}
pub(crate) fn default_locale() -> String {
    "en-US".to_string()
}
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
pub(crate) fn default_api_version() -> String {
    "v62.0".to_string()
}
pub(crate) fn default_org() -> String {
    "demo".to_string()
}
pub(crate) fn default_conversation_url() -> String {
    "https://{org}.kustomerapp.com/app/conversations/{id}".to_string()
}
pub(crate) fn default_sync_attribute() -> String {
    "syncToSalesforceBool".to_string()
}

#[cfg(test)]
mod tests;
