//! The upsert request that custom attribute matching makes:
//! `PATCH https://{subdomain}.salesforce.com/services/data/{version}/sobjects/{sobject}/{externalIdAttribute}/{externalId}`.

use serde_json::{Map, Value};

use super::template::Diagnostic;
use crate::transport::encode_segment;

pub const URL_ARGS: [&str; 4] = ["version", "sobject", "externalIdAttribute", "externalId"];

/// The URL from evaluated UrlArgs, each segment percent-encoded; every missing key is
/// reported.
pub fn url(subdomain: &str, args: &Map<String, Value>) -> Result<String, Vec<Diagnostic>> {
    let mut segments = Vec::new();
    let mut missing = Vec::new();
    for key in URL_ARGS {
        match args.get(key) {
            Some(Value::String(text)) if !text.is_empty() => segments.push(encode_segment(text)),
            Some(Value::Number(number)) => segments.push(encode_segment(&number.to_string())),
            _ => missing.push(Diagnostic {
                place: format!("UrlArgs.{key}"),
                message: format!("missing: the URL needs `{key}`"),
            }),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(format!(
        "https://{subdomain}.salesforce.com/services/data/{}/sobjects/{}/{}/{}",
        segments[0], segments[1], segments[2], segments[3]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_sync::template::{evaluate, parse};
    use serde_json::json;

    #[test]
    fn the_articles_url_args_give_the_articles_url() {
        let args = parse(
            &json!({ "version": "v42.0", "sobject": "Case", "externalIdAttribute": "KustomerApp__Conversation_ID__c", "externalId": "/#steps.1.id" }),
            "UrlArgs",
        )
        .unwrap();
        let (args, diagnostics) = evaluate(&args, &json!({ "id": "6140cefd91ffddd18144e08b" }), "UrlArgs");
        assert!(diagnostics.is_empty());
        assert_eq!(
            url("your-salesforce-subdomain", &args).unwrap(),
            "https://your-salesforce-subdomain.salesforce.com/services/data/v42.0/sobjects/Case/KustomerApp__Conversation_ID__c/6140cefd91ffddd18144e08b"
        );
    }

    #[test]
    fn segments_are_encoded_and_missing_keys_named() {
        let args: Map<String, Value> = serde_json::from_value(
            json!({ "version": "v62.0", "sobject": "Case", "externalIdAttribute": "Ext__c", "externalId": "a/b c" }),
        )
        .unwrap();
        assert!(url("acme.my", &args).unwrap().ends_with("/sobjects/Case/Ext__c/a%2Fb%20c"));
        let partial: Map<String, Value> =
            serde_json::from_value(json!({ "version": "v62.0", "externalId": "" })).unwrap();
        let problems = url("acme", &partial).unwrap_err();
        let places: Vec<&str> = problems.iter().map(|d| d.place.as_str()).collect();
        assert_eq!(places, vec!["UrlArgs.sobject", "UrlArgs.externalIdAttribute", "UrlArgs.externalId"]);
    }
}
