//! Salesforce's error messages read for people. A query error echoes the whole query,
//! a caret line and `ERROR at Row:1:Column:21` before the sentence that matters; the
//! widget shows the sentence, names the object or field it is about, and keeps the raw
//! text for a "Details" disclosure.

use crate::transport::FetchError;

/// What a refusal is about, as Salesforce names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// "sObject type 'Lead' is not supported": the object is unknown or unreadable.
    Object(String),
    /// "Didn't understand relationship 'Opportunities'": a subquery or lookup path.
    Relationship(String),
    /// "No such column 'Phone' on entity 'Lead'".
    Field { field: String, object: String },
}

/// The codes Salesforce answers when the integration user may not read something.
pub fn is_refusal(error: &FetchError) -> bool {
    matches!(error, FetchError::Http { status: 400 | 403, code: Some(code), .. }
        if matches!(code.as_str(), "INVALID_TYPE" | "INVALID_FIELD" | "INSUFFICIENT_ACCESS" | "INSUFFICIENT_ACCESS_OR_READONLY"))
}

/// The sentence of a Salesforce message without the echoed query, the caret line or the
/// row and column, on one line.
pub fn plain_message(message: &str) -> String {
    let sentence = match message.find("ERROR at Row:") {
        Some(at) => message[at..].split_once('\n').map(|(_, rest)| rest).unwrap_or(""),
        None => message,
    };
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.join(" ")
}

/// The object, relationship or field a message names.
pub fn named(message: &str) -> Option<Named> {
    if let Some(field) = quoted_after(message, "No such column '") {
        let object = quoted_after(message, "on entity '").unwrap_or_default();
        return Some(Named::Field { field, object });
    }
    if let Some(object) = quoted_after(message, "sObject type '") {
        return Some(Named::Object(object));
    }
    quoted_after(message, "relationship '").map(Named::Relationship)
}

/// The text between `marker` and the next single quote.
fn quoted_after(message: &str, marker: &str) -> Option<String> {
    let rest = &message[message.find(marker)? + marker.len()..];
    let (inside, _) = rest.split_once('\'')?;
    Some(inside.to_string())
}

/// The raw code and message, for "Details".
pub fn details(error: &FetchError) -> Option<String> {
    match error {
        FetchError::Http { status, code, message, .. } => Some(
            format!("HTTP {status} {}\n{}", code.as_deref().unwrap_or(""), message.as_deref().unwrap_or(""))
                .trim()
                .to_string(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ECHOED: &str = "\nSELECT Id, Name FROM Lead WHERE Email IN ('a@x.co')\n                     ^\nERROR at Row:1:Column:21\nsObject type 'Lead' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

    #[test]
    fn the_echoed_query_and_caret_are_left_out() {
        let plain = plain_message(ECHOED);
        assert!(plain.starts_with("sObject type 'Lead' is not supported."), "{plain}");
        assert!(!plain.contains("SELECT") && !plain.contains('^') && !plain.contains("Row:1"), "{plain}");
        assert_eq!(plain_message("  unexpected\n token: OR "), "unexpected token: OR");
    }

    #[test]
    fn objects_relationships_and_fields_are_named() {
        assert_eq!(named(ECHOED), Some(Named::Object("Lead".into())));
        assert_eq!(
            named("Didn't understand relationship 'Opportunities' in FROM part of query call."),
            Some(Named::Relationship("Opportunities".into()))
        );
        assert_eq!(
            named("\nSELECT Phone\n^\nERROR at Row:1:Column:8\nNo such column 'Phone' on entity 'Lead'. If you are attempting…"),
            Some(Named::Field { field: "Phone".into(), object: "Lead".into() })
        );
        assert_eq!(named("insufficient access rights on cross-reference id"), None);
    }

    #[test]
    fn refusals_are_told_apart_from_other_failures() {
        let http = |status, code: &str| FetchError::Http {
            service: crate::transport::Service::Salesforce,
            status,
            code: Some(code.into()),
            message: None,
        };
        assert!(is_refusal(&http(400, "INVALID_TYPE")));
        assert!(is_refusal(&http(403, "INSUFFICIENT_ACCESS")));
        assert!(!is_refusal(&http(403, "REQUEST_LIMIT_EXCEEDED")));
        assert!(!is_refusal(&http(400, "MALFORMED_QUERY")));
        assert_eq!(details(&http(400, "INVALID_TYPE")).as_deref(), Some("HTTP 400 INVALID_TYPE"));
    }
}
