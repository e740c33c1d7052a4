//! The configuration's schema, key by key (DESIGN.md's "Config" section).

use serde_json::Value;

use super::read::Object;
use super::*;

/// The keys each object of the config may hold: what the reader accepts, and what
/// docs/configuration.md describes (a test holds the two together, see [`key_paths`]).
pub const ROOT: &[&str] = &[
    "view",
    "context",
    "transport",
    "salesforce",
    "kustomer",
    "visibility",
    "fields",
    "relatedLists",
    "sections",
    "match",
    "caseSync",
    "locale",
    "timeZone",
    "theme",
    "colorScheme",
    "refreshSeconds",
];
pub const CONTEXT: &[&str] =
    &["conversationId", "customerId", "customerEmails", "customerPhones", "messageId", "messageLink"];
/// Every transport's keys; each kind allows its own (see `transport`).
pub const TRANSPORT: &[&str] = &["kind", "kustomer", "salesforce", "timeoutMs", "scenario"];
pub const SALESFORCE: &[&str] = &["subdomain", "apiVersion", "quotaPercent", "currency"];
pub const KUSTOMER: &[&str] = &["org", "conversationUrl"];
pub const VISIBILITY: &[&str] = &["card", "accounts", "contacts", "opportunities", "leads"];
pub const FIELDS: &[&str] = &["account", "contact", "opportunity", "lead"];
pub const MATCH: &[&str] = &["contactField", "phones"];
/// Each related list's keys (`relatedLists[0].where`), as the docs list them.
#[cfg(test)]
const RELATED_LIST: &[&str] = crate::insight::related::KEYS;
pub const CASE_SYNC: &[&str] = &["enabled", "syncAttribute", "recordTypeId", "customMapping", "valueMaps"];
// Read by the Insight Card's settings only (the Case page's module checks none of theirs).
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
pub const CUSTOM_MAPPING: &[&str] = &["body", "urlArgs"];
#[cfg_attr(not(feature = "insight"), allow(dead_code))]
pub const VALUE_MAPS: &[&str] = &["priority", "status", "language"];

/// Every key the reader accepts, as its path (`caseSync.customMapping.body`).
#[cfg(test)]
pub fn key_paths() -> Vec<String> {
    let objects: [(&str, &[&str]); 12] = [
        ("", ROOT),
        ("match", MATCH),
        ("relatedLists[]", RELATED_LIST),
        ("context", CONTEXT),
        ("transport", TRANSPORT),
        ("salesforce", SALESFORCE),
        ("kustomer", KUSTOMER),
        ("visibility", VISIBILITY),
        ("fields", FIELDS),
        ("caseSync", CASE_SYNC),
        ("caseSync.customMapping", CUSTOM_MAPPING),
        ("caseSync.valueMaps", VALUE_MAPS),
    ];
    let mut paths = Vec::new();
    for (object, keys) in objects {
        for key in keys {
            paths.push(if object.is_empty() { key.to_string() } else { format!("{object}.{key}") });
        }
    }
    paths
}

pub fn config(value: &Value) -> Result<Config, ConfigError> {
    let root = Object::new(value, "", ROOT)?;
    root.required("view", "\"conversation\" or \"insight\"")?;
    let view = root
        .choice("view", "view", &[("conversation", View::Conversation), ("insight", View::Insight)])?
        .unwrap_or(View::Conversation);
    let context = match root.get("context") {
        Some(value) => context(value, "context")?,
        None => Context::default(),
    };
    let transport = transport(root.required("transport", "an object such as {\"kind\": \"host\"}")?)?;
    Ok(Config {
        view,
        context,
        transport,
        kustomer: match root.object("kustomer", KUSTOMER)? {
            Some(o) => KustomerConfig {
                org: o.string("org")?.unwrap_or_else(default_org),
                conversation_url: o.string("conversationUrl")?.unwrap_or_else(default_conversation_url),
            },
            None => KustomerConfig::default(),
        },
        #[cfg(feature = "insight")]
        salesforce: root.object("salesforce", SALESFORCE)?.map(|o| salesforce(&o)).transpose()?,
        #[cfg(feature = "insight")]
        visibility: match root.object("visibility", VISIBILITY)? {
            Some(o) => Visibility {
                card: o.bool("card")?.unwrap_or(true),
                accounts: o.bool("accounts")?.unwrap_or(true),
                contacts: o.bool("contacts")?.unwrap_or(true),
                opportunities: o.bool("opportunities")?.unwrap_or(true),
                leads: o.bool("leads")?.unwrap_or(true),
            },
            None => Visibility::default(),
        },
        #[cfg(feature = "insight")]
        fields: match root.object("fields", FIELDS)? {
            Some(o) => ExtraFields {
                account: o.strings("account")?.unwrap_or_default(),
                contact: o.strings("contact")?.unwrap_or_default(),
                opportunity: o.strings("opportunity")?.unwrap_or_default(),
                lead: o.strings("lead")?.unwrap_or_default(),
            },
            None => ExtraFields::default(),
        },
        #[cfg(feature = "insight")]
        card: card_settings(&root)?,
        #[cfg(feature = "insight")]
        case_sync: match root.object("caseSync", CASE_SYNC)? {
            Some(o) => case_sync(&o)?,
            None => CaseSyncConfig::default(),
        },
        // The conversation view reads none of the Insight Card's settings: a module without the
        // card checks only that they name known keys, and leaves their values to the card's.
        #[cfg(not(feature = "insight"))]
        salesforce: insight_keys_only(&root)?,
        #[cfg(not(feature = "insight"))]
        visibility: Visibility::default(),
        #[cfg(not(feature = "insight"))]
        fields: ExtraFields::default(),
        #[cfg(not(feature = "insight"))]
        case_sync: CaseSyncConfig::default(),
        #[cfg(not(feature = "insight"))]
        card: CardSettings::default(),
        locale: root.string("locale")?.unwrap_or_else(default_locale),
        time_zone: root.string("timeZone")?,
        theme: root
            .choice("theme", "theme", &[("salesforce", Theme::Salesforce), ("kustomer", Theme::Kustomer)])?
            .unwrap_or_default(),
        color_scheme: root
            .choice(
                "colorScheme",
                "color scheme",
                &[("auto", ColorScheme::Auto), ("light", ColorScheme::Light), ("dark", ColorScheme::Dark)],
            )?
            .unwrap_or_default(),
        refresh_seconds: refresh_seconds(&root)?,
    })
}

/// The Insight Card's settings, in a module without the card: their keys are checked.
#[cfg(not(feature = "insight"))]
fn insight_keys_only(root: &Object) -> Result<Option<SalesforceConfig>, ConfigError> {
    root.object("salesforce", SALESFORCE)?;
    root.object("visibility", VISIBILITY)?;
    root.object("fields", FIELDS)?;
    root.object("caseSync", CASE_SYNC)?;
    root.object("match", MATCH)?;
    Ok(None)
}

/// How often a visible view looks again: 0 turns it off; under 30 s would spend the
/// org's shared budget on checks, so it is refused.
fn refresh_seconds(root: &Object) -> Result<u32, ConfigError> {
    if root.get("refreshSeconds").and_then(Value::as_u64) == Some(0) {
        return Ok(0);
    }
    match root.count("refreshSeconds", 86_400)? {
        None => Ok(DEFAULT_REFRESH_SECONDS),
        Some(seconds) if seconds == 0 || seconds >= MIN_REFRESH_SECONDS => Ok(seconds),
        Some(seconds) => Err(ConfigError::new(
            "refreshSeconds",
            format!(
                "{seconds} is too often: at least {MIN_REFRESH_SECONDS} seconds, or 0 to look again only when asked"
            ),
        )),
    }
}

pub fn context(value: &Value, path: &str) -> Result<Context, ConfigError> {
    let o = Object::new(value, path, CONTEXT)?;
    Ok(Context {
        conversation_id: o.string("conversationId")?,
        customer_id: o.string("customerId")?,
        customer_emails: o.strings("customerEmails")?.unwrap_or_default(),
        customer_phones: o.strings("customerPhones")?.unwrap_or_default(),
        message_id: o.string("messageId")?,
        message_link: o.string("messageLink")?,
    })
}

fn transport(value: &Value) -> Result<TransportConfig, ConfigError> {
    // The kind decides which other keys are allowed, so read it before checking them.
    let kind_only = Object::new(value, "transport", TRANSPORT)?;
    kind_only.required("kind", "\"proxy\", \"host\" or \"demo\"")?;
    #[derive(Clone, Copy)]
    enum Kind {
        Proxy,
        Host,
        Demo,
    }
    let kind = kind_only
        .choice("kind", "transport kind", &[("proxy", Kind::Proxy), ("host", Kind::Host), ("demo", Kind::Demo)])?
        .unwrap_or(Kind::Host);
    Ok(match kind {
        Kind::Proxy => {
            let o = Object::new(value, "transport", &["kind", "kustomer", "salesforce", "timeoutMs"])?;
            let base = |key: &str| -> Result<String, ConfigError> {
                o.required(key, "the proxy's base URL for this service")?;
                Ok(o.string(key)?.unwrap_or_default())
            };
            TransportConfig::Proxy(ProxyConfig {
                kustomer: base("kustomer")?,
                salesforce: base("salesforce")?,
                timeout_ms: o.count("timeoutMs", 600_000)?.unwrap_or_else(default_timeout_ms),
            })
        }
        Kind::Host => {
            let o = Object::new(value, "transport", &["kind", "timeoutMs"])?;
            TransportConfig::Host(HostConfig {
                timeout_ms: o.count("timeoutMs", 600_000)?.unwrap_or_else(default_timeout_ms),
            })
        }
        Kind::Demo => {
            let o = Object::new(value, "transport", &["kind", "scenario"])?;
            let scenarios: Vec<(&str, Scenario)> = Scenario::ALL.iter().map(|s| (s.name(), *s)).collect();
            TransportConfig::Demo(DemoConfig {
                scenario: o.choice("scenario", "scenario", &scenarios)?.unwrap_or_default(),
            })
        }
    })
}

#[cfg(feature = "insight")]
fn salesforce(o: &Object) -> Result<SalesforceConfig, ConfigError> {
    o.required("subdomain", "the org's subdomain, such as \"acme\" or \"acme.my\"")?;
    Ok(SalesforceConfig {
        subdomain: o.string("subdomain")?.unwrap_or_default(),
        api_version: o.string("apiVersion")?.unwrap_or_else(default_api_version),
        quota_percent: o.count("quotaPercent", 100)?.unwrap_or(95) as u64,
        currency: match o.string("currency")? {
            Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => Some(code),
            Some(code) => {
                return Err(ConfigError::new(
                    "salesforce.currency",
                    format!("`{code}` is not a currency code: expected three capital letters such as `USD`"),
                ))
            }
            None => None,
        },
    })
}

/// `relatedLists`, `sections` and `match`: every name checked, every error by its key.
#[cfg(feature = "insight")]
fn card_settings(root: &Object) -> Result<CardSettings, ConfigError> {
    let related_lists = match root.get("relatedLists") {
        Some(value) => crate::insight::related::parse_lists(value)?,
        None => Vec::new(),
    };
    let objects: Vec<&str> = related_lists.iter().map(|list| list.object.as_str()).collect();
    let sections = match root.get("sections") {
        Some(value) => crate::insight::sections::order(Some(value), &objects)?,
        None => Vec::new(),
    };
    let matching = match root.object("match", MATCH)? {
        Some(o) => Matching {
            contact_field: match o.string("contactField")?.map(|name| name.trim().to_string()) {
                Some(name) if crate::insight::related::is_object_name(&name) => Some(name),
                Some(name) => {
                    return Err(ConfigError::new(
                        "match.contactField",
                        format!("`{name}` is not a field API name: expected one such as Kustomer_Customer_Id__c"),
                    ))
                }
                None => None,
            },
            phones: o.bool("phones")?.unwrap_or(false),
        },
        None => Matching::default(),
    };
    Ok(CardSettings { related_lists, sections, matching })
}

#[cfg(feature = "insight")]
fn case_sync(o: &Object) -> Result<CaseSyncConfig, ConfigError> {
    let custom_mapping = match o.object("customMapping", CUSTOM_MAPPING)? {
        Some(mapping) => {
            Some(CustomMapping { body: template(&mapping, "body")?, url_args: template(&mapping, "urlArgs")? })
        }
        None => None,
    };
    o.object("valueMaps", VALUE_MAPS)?;
    Ok(CaseSyncConfig {
        enabled: o.bool("enabled")?.unwrap_or(false),
        sync_attribute: o.string("syncAttribute")?.unwrap_or_else(default_sync_attribute),
        record_type_id: o.string("recordTypeId")?,
        custom_mapping,
        value_maps: o.get("valueMaps").cloned(),
    })
}

/// A template is kept as given, an object or the text the admin typed; the case-sync
/// engine reads it so that it can point at mistakes inside.
#[cfg(feature = "insight")]
fn template(o: &Object, key: &str) -> Result<Option<Value>, ConfigError> {
    match o.get(key) {
        None => Ok(None),
        Some(value @ (Value::Object(_) | Value::String(_))) => Ok(Some(value.clone())),
        Some(other) => Err(ConfigError::new(
            &o.key(key),
            format!("expected a JSON object or the template text, found {}", super::read::kind(other)),
        )),
    }
}
