//! Kustomer values to Case picklist values. The defaults suit Salesforce's standard
//! Case picklists; an org with its own values overrides them in config
//! (`caseSync.valueMaps: {priority: {"1": "P4"}, status: {open: "Working"}, language: {…}}`).

use crate::strings;
use serde_json::Value;

/// Kustomer priority (1 lowest … 5 highest) to Case Priority (High, Medium, Low).
pub const DEFAULT_PRIORITY: [(&str, &str); 5] =
    [("1", "Low"), ("2", "Low"), ("3", "Medium"), ("4", "High"), ("5", "High")];
/// Kustomer status to Case Status (New, Working, Escalated, Closed).
pub const DEFAULT_STATUS: [(&str, &str); 3] = [("open", "New"), ("snoozed", "Working"), ("done", "Closed")];

/// The mapped value and where it came from (for the table's "from" column).
pub fn map_value(kind: &str, kustomer: &str, overrides: Option<&Value>) -> (String, &'static str) {
    if let Some(mapped) =
        overrides.and_then(|maps| maps.get(kind)).and_then(|map| map.get(kustomer)).and_then(Value::as_str)
    {
        return (mapped.to_string(), strings::FROM_CONFIG_MAP);
    }
    let defaults: &[(&str, &str)] = match kind {
        "priority" => &DEFAULT_PRIORITY,
        "status" => &DEFAULT_STATUS,
        _ => &[],
    };
    if let Some((_, mapped)) = defaults.iter().find(|(from, _)| from.eq_ignore_ascii_case(kustomer)) {
        return (mapped.to_string(), strings::FROM_DEFAULT_MAP);
    }
    if kind == "language" {
        return (salesforce_locale(kustomer), strings::FROM_LANGUAGE_CODE);
    }
    (kustomer.to_string(), strings::FROM_UNMAPPED)
}

/// Kustomer's `en_us` to Salesforce's `en_US`.
pub fn salesforce_locale(code: &str) -> String {
    match code.split_once(['_', '-']) {
        Some((language, region)) => format!("{}_{}", language.to_ascii_lowercase(), region.to_ascii_uppercase()),
        None => code.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_overrides_and_fallbacks() {
        assert_eq!(map_value("priority", "4", None), ("High".into(), strings::FROM_DEFAULT_MAP));
        assert_eq!(map_value("status", "done", None), ("Closed".into(), strings::FROM_DEFAULT_MAP));
        let overrides = json!({ "status": { "open": "Working" }, "priority": { "1": "P4" } });
        assert_eq!(map_value("status", "open", Some(&overrides)), ("Working".into(), strings::FROM_CONFIG_MAP));
        assert_eq!(map_value("priority", "1", Some(&overrides)), ("P4".into(), strings::FROM_CONFIG_MAP));
        assert_eq!(map_value("priority", "9", None), ("9".into(), strings::FROM_UNMAPPED));
        assert_eq!(map_value("language", "en_us", None), ("en_US".into(), strings::FROM_LANGUAGE_CODE));
        assert_eq!(map_value("language", "fr", None), ("fr".into(), strings::FROM_LANGUAGE_CODE));
        assert_eq!(
            map_value("language", "pt-br", Some(&json!({ "language": { "pt-br": "pt_BR" } }))),
            ("pt_BR".into(), strings::FROM_CONFIG_MAP)
        );
    }
}
