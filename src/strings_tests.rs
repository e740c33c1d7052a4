//! The table stays the one place: the views' source holds no sentence of its own.

/// The views and the markup writers, without their test modules.
const VIEWS: [(&str, &str); 20] = [
    ("ui/mod.rs", include_str!("ui/mod.rs")),
    ("ui/states.rs", include_str!("ui/states.rs")),
    ("ui/conversation/mod.rs", include_str!("ui/conversation/mod.rs")),
    ("ui/conversation/header.rs", include_str!("ui/conversation/header.rs")),
    ("ui/conversation/messages.rs", include_str!("ui/conversation/messages.rs")),
    ("ui/conversation/actions.rs", include_str!("ui/conversation/actions.rs")),
    ("ui/conversation/find.rs", include_str!("ui/conversation/find.rs")),
    ("ui/conversation/link.rs", include_str!("ui/conversation/link.rs")),
    ("ui/conversation/marks.rs", include_str!("ui/conversation/marks.rs")),
    ("ui/conversation/transcript.rs", include_str!("ui/conversation/transcript.rs")),
    ("ui/insight/mod.rs", include_str!("ui/insight/mod.rs")),
    ("ui/insight/case_section.rs", include_str!("ui/insight/case_section.rs")),
    ("ui/insight/diagnostics.rs", include_str!("ui/insight/diagnostics.rs")),
    ("render/messages.rs", include_str!("render/messages.rs")),
    ("render/insight.rs", include_str!("render/insight.rs")),
    ("render/case.rs", include_str!("render/case.rs")),
    ("render/header.rs", include_str!("render/header.rs")),
    ("render/states.rs", include_str!("render/states.rs")),
    ("render/transcript.rs", include_str!("render/transcript.rs")),
    ("host_api.rs", include_str!("host_api.rs")),
];

/// String literals that read as words for people: a capital, then lower-case letters,
/// then a space or the end ("Show quoted text", "Retry"). API names such as "Contact"
/// or "Document" are listed where they are used on purpose.
fn words_for_people(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = Vec::new();
    for line in code.lines().filter(|line| !line.trim_start().starts_with("//")) {
        // A comment after code starts with " // " ("https://" has no space before).
        let mut rest = line.split(" // ").next().unwrap_or(line);
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            let literal = &after[..end];
            let mut chars = literal.chars();
            let capital = chars.next().is_some_and(|c| c.is_ascii_uppercase());
            let word: String = chars.clone().take_while(|c| c.is_ascii_lowercase()).collect();
            let then = chars.nth(word.len());
            if capital && word.len() >= 2 && matches!(then, None | Some(' ')) {
                found.push(literal.to_string());
            }
            rest = &after[end + 1..];
        }
    }
    found
}

#[test]
fn every_sentence_the_views_show_comes_from_the_table() {
    // Salesforce API names, JS names and key names, which are not shown as words.
    let names = ["Contact", "Lead", "Account", "Opportunity", "Case", "Document", "Enter", "Escape"];
    for (file, source) in VIEWS {
        let stray: Vec<String> =
            words_for_people(source).into_iter().filter(|w| !names.contains(&w.as_str())).collect();
        assert!(stray.is_empty(), "{file} shows words of its own; move them to strings.rs: {stray:?}");
    }
}

#[test]
fn the_check_finds_a_sentence() {
    let source = "let a = \"Show more\"; let b = \"ksw-x\"; // \"Not this\"\nlet c = \"Retry\";";
    assert_eq!(words_for_people(source), vec!["Show more", "Retry"]);
}
