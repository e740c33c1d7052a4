//! The order of the card's sections (`sections` in the config): the built-in ones by name
//! and the related lists by object, as the admin lists them; the ones left out follow in
//! the card's own order.

use serde_json::Value;

use crate::config::ConfigError;

/// The built-in sections, in the card's own order.
pub const BUILT_IN: [&str; 4] = ["contacts", "leads", "accounts", "opportunities"];

/// One section of the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section {
    /// One of [`BUILT_IN`].
    BuiltIn(&'static str),
    /// The related list of this object (its index in `relatedLists`).
    Related(usize),
}

/// Every section in the admin's order: those `value` names first, as named, then the
/// others in the card's order (the built-in ones, then the related lists as configured).
/// `related` holds the related lists' objects. A name that is neither a built-in section
/// nor a configured list's object, or a name given twice, is refused by its key.
pub fn order(value: Option<&Value>, related: &[&str]) -> Result<Vec<Section>, ConfigError> {
    const KEY: &str = "sections";
    let mut ordered: Vec<Section> = Vec::new();
    if let Some(value) = value.filter(|value| !value.is_null()) {
        let Value::Array(names) = value else {
            return Err(ConfigError::new(KEY, "expected an array of section names"));
        };
        for (index, name) in names.iter().enumerate() {
            let key = format!("{KEY}[{index}]");
            let Some(name) = name.as_str().map(str::trim) else {
                return Err(ConfigError::new(&key, "expected a section's name"));
            };
            let section = match BUILT_IN.iter().find(|built_in| built_in.eq_ignore_ascii_case(name)) {
                Some(built_in) => Section::BuiltIn(built_in),
                None => match related.iter().position(|object| object.eq_ignore_ascii_case(name)) {
                    Some(position) => Section::Related(position),
                    None => {
                        let mut known: Vec<String> = BUILT_IN.iter().map(|name| format!("`{name}`")).collect();
                        known.extend(related.iter().map(|object| format!("`{object}`")));
                        return Err(ConfigError::new(
                            &key,
                            format!("unknown section `{name}`, expected one of {}", known.join(", ")),
                        ));
                    }
                },
            };
            if ordered.contains(&section) {
                return Err(ConfigError::new(&key, format!("`{name}` is listed twice")));
            }
            ordered.push(section);
        }
    }
    let rest = BUILT_IN.iter().map(|name| Section::BuiltIn(name)).chain((0..related.len()).map(Section::Related));
    for section in rest.collect::<Vec<Section>>() {
        if !ordered.contains(&section) {
            ordered.push(section);
        }
    }
    Ok(ordered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(json: &str, related: &[&str]) -> Result<Vec<Section>, ConfigError> {
        order(Some(&crate::json::parse(json).unwrap()), related)
    }

    #[test]
    fn named_sections_come_first_and_the_rest_follow_in_the_cards_order() {
        assert_eq!(
            ordered(r#"["Subscription__c", "accounts"]"#, &["Case", "Subscription__c"]).unwrap(),
            vec![
                Section::Related(1),
                Section::BuiltIn("accounts"),
                Section::BuiltIn("contacts"),
                Section::BuiltIn("leads"),
                Section::BuiltIn("opportunities"),
                Section::Related(0),
            ]
        );
        let default = order(None, &["Case"]).unwrap();
        assert_eq!(default.first(), Some(&Section::BuiltIn("contacts")));
        assert_eq!(default.last(), Some(&Section::Related(0)));
        assert_eq!(default.len(), 5);
    }

    #[test]
    fn unknown_repeated_or_mistyped_names_are_refused_by_key() {
        let error = ordered(r#"["contacts", "Asset"]"#, &["Case"]).unwrap_err();
        assert_eq!(error.key, "sections[1]");
        assert!(error.message.contains("`Case`") && error.message.contains("`contacts`"), "{}", error.message);
        assert_eq!(ordered(r#"["leads", "Leads"]"#, &[]).unwrap_err().key, "sections[1]");
        assert_eq!(ordered(r#"["leads", 5]"#, &[]).unwrap_err().key, "sections[1]");
        assert_eq!(ordered(r#""leads""#, &[]).unwrap_err().key, "sections");
    }
}
