//! What the case-sync workflow sends to Salesforce for a conversation, computed and shown,
//! never sent: whether it syncs, the Case fields of the default mapping, and the
//! admin's custom attribute matching with the upsert request it makes.

pub mod mapping;
pub mod preview;
pub mod template;
pub mod upsert;
pub mod values;

use crate::strings;
use serde_json::{Map, Value};

use crate::config::CaseSyncConfig;
use crate::json::bool_at;
use template::Diagnostic;

/// Whether the workflow syncs the conversation, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eligibility {
    Syncs,
    NotSyncing(String),
}

impl Eligibility {
    /// "Syncs to Salesforce", "Not syncing: Sync To Salesforce is off", …
    pub fn sentence(&self) -> String {
        match self {
            Eligibility::Syncs => strings::SYNCS.to_string(),
            Eligibility::NotSyncing(reason) => strings::not_syncing(reason),
        }
    }
}

/// A conversation syncs when its Sync To Salesforce attribute (in `custom`) is true and
/// it is not spam.
pub fn eligibility(conversation: &Value, sync_attribute: &str) -> Eligibility {
    if bool_at(conversation, "spam").unwrap_or(false) {
        return Eligibility::NotSyncing(strings::MARKED_SPAM.to_string());
    }
    match crate::json::at(conversation, "custom").and_then(|custom| custom.get(sync_attribute)) {
        Some(Value::Bool(true)) => Eligibility::Syncs,
        Some(Value::Bool(false)) | Some(Value::Null) | None => Eligibility::NotSyncing(strings::SYNC_OFF.to_string()),
        Some(other) => {
            Eligibility::NotSyncing(strings::sync_attribute_odd(sync_attribute, &crate::json::compact(other)))
        }
    }
}

/// The custom attribute matching request: the resolved body and URL, and every problem.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomRequest {
    pub body: Option<Map<String, Value>>,
    pub url: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Evaluates the admin's Body and UrlArgs against the conversation.
pub fn custom_request(config: &CaseSyncConfig, conversation: &Value, subdomain: &str) -> Option<CustomRequest> {
    let mapping = config.custom_mapping.as_ref()?;
    let mut diagnostics = Vec::new();
    let mut evaluated = |template: &Option<Value>, name: &str| -> Option<Map<String, Value>> {
        let template = match template {
            Some(template) => template,
            None => {
                diagnostics.push(Diagnostic {
                    place: name.to_string(),
                    message: "missing: no template was given".to_string(),
                });
                return None;
            }
        };
        match template::parse(template, name) {
            Ok(parsed) => {
                let (out, problems) = template::evaluate(&parsed, conversation, name);
                diagnostics.extend(problems);
                Some(out)
            }
            Err(problem) => {
                diagnostics.push(problem);
                None
            }
        }
    };
    let body = evaluated(&mapping.body, "Body");
    let args = evaluated(&mapping.url_args, "UrlArgs");
    let url = args.and_then(|args| match upsert::url(subdomain, &args) {
        Ok(url) => Some(url),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    });
    Some(CustomRequest { body, url, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CustomMapping;
    use serde_json::json;

    #[test]
    fn eligibility_follows_the_attribute_and_spam() {
        let syncing = json!({ "custom": { "syncToSalesforceBool": true }, "spam": false });
        assert_eq!(eligibility(&syncing, "syncToSalesforceBool"), Eligibility::Syncs);
        assert_eq!(eligibility(&syncing, "syncToSalesforceBool").sentence(), "Syncs to Salesforce");
        let off = json!({ "custom": { "syncToSalesforceBool": false } });
        assert_eq!(eligibility(&off, "syncToSalesforceBool").sentence(), "Not syncing: Sync To Salesforce is off");
        assert_eq!(
            eligibility(&json!({}), "syncToSalesforceBool").sentence(),
            "Not syncing: Sync To Salesforce is off"
        );
        let spam = json!({ "custom": { "syncToSalesforceBool": true }, "spam": true });
        assert_eq!(eligibility(&spam, "syncToSalesforceBool").sentence(), "Not syncing: marked as spam");
        let odd = json!({ "custom": { "syncToSalesforceBool": "yes" } });
        assert!(eligibility(&odd, "syncToSalesforceBool").sentence().contains("is \"yes\", not true or false"));
        let other_attribute = json!({ "custom": { "sendToSfBool": true } });
        assert_eq!(eligibility(&other_attribute, "sendToSfBool"), Eligibility::Syncs);
    }

    #[test]
    fn a_custom_request_resolves_body_and_url_and_collects_every_problem() {
        let config = CaseSyncConfig {
            custom_mapping: Some(CustomMapping {
                body: Some(json!("{ \"Effort__c\": \"/#fn:parseInt,steps.1.custom.effortNum\" }")),
                url_args: Some(
                    json!({ "version": "v42.0", "sobject": "Case", "externalIdAttribute": "KustomerApp__Conversation_ID__c", "externalId": "/#steps.1.id" }),
                ),
            }),
            ..CaseSyncConfig::default()
        };
        let conversation = json!({ "id": "6140cefd91ffddd18144e08b", "custom": { "effortNum": "3" } });
        let request = custom_request(&config, &conversation, "acme").unwrap();
        assert!(request.diagnostics.is_empty(), "{:?}", request.diagnostics);
        assert_eq!(request.body.unwrap()["Effort__c"], json!(3));
        assert!(request
            .url
            .unwrap()
            .ends_with("/v42.0/sobjects/Case/KustomerApp__Conversation_ID__c/6140cefd91ffddd18144e08b"));

        let broken = CaseSyncConfig {
            custom_mapping: Some(CustomMapping {
                body: Some(json!("{ “A”: “x” }")),
                url_args: Some(json!({ "version": "v42.0" })),
            }),
            ..CaseSyncConfig::default()
        };
        let request = custom_request(&broken, &conversation, "acme").unwrap();
        assert!(request.body.is_none() && request.url.is_none());
        assert_eq!(request.diagnostics.len(), 4, "{:?}", request.diagnostics);
        assert!(request.diagnostics[0].message.contains("curly quotes"));
        assert!(custom_request(&CaseSyncConfig::default(), &conversation, "acme").is_none());
    }
}
