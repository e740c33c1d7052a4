use super::*;

fn code(text: &str) -> Option<String> {
    ErrorCode::new(text).map(|code| code.as_str().to_string())
}

fn key(text: &str) -> Option<String> {
    ConfigKey::new(text).map(|key| key.as_str().to_string())
}

#[test]
fn the_platforms_codes_are_kept() {
    for kept in ["REQUEST_LIMIT_EXCEEDED", "UNKNOWN_EXCEPTION", "INVALID_SESSION_ID", "not.found", "rate.limit"] {
        assert_eq!(code(kept).as_deref(), Some(kept));
    }
    assert_eq!(code(" auth.unauthorized ").as_deref(), Some("auth.unauthorized"));
    assert_eq!(code(&"A".repeat(64)).map(|code| code.len()), Some(64));
}

#[test]
fn anything_else_is_no_code_at_all() {
    for refused in [
        "",
        "   ",
        "_.-",
        "003xx000004TmiQAAS",
        "6140cefd91ffddd18144e08b",
        "ERROR_503",
        "Priya",
        "Not.Found",
        "a@b.co",
        "not found",
        "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.",
        "rate\nlimit",
        "not.found\u{200b}",
        "ÉCHEC",
    ] {
        assert_eq!(code(refused), None, "{refused:?}");
    }
    assert_eq!(code(&"A".repeat(65)), None, "too long");
}

#[test]
fn key_paths_are_kept() {
    for kept in [
        "view",
        "visibility.leads",
        "caseSync.customMapping.body",
        "context.customerEmails.0",
        "fields[2]",
        "caseSync.valueMaps.priority[10][3]",
        "salesforce.api_version",
    ] {
        assert_eq!(key(kept).as_deref(), Some(kept));
    }
}

#[test]
fn anything_else_is_no_key_at_all() {
    for refused in [
        "",
        "context.priya@example.com",
        "context.customerEmails.1234",
        "fields.003xx000004TmiQAAS",
        "context.Priya Raman",
        "visibility..leads",
        "visibility.",
        "fields[",
        "fields[a]",
        "fields[1]x",
        "[1]",
        "context.conversationId=6140",
        "context.日本",
    ] {
        assert_eq!(key(refused), None, "{refused:?}");
    }
    assert_eq!(key(&format!("a.{}", "b".repeat(41))), None, "a word over 40");
    assert_eq!(key(&["abcdefghi"; 9].join(".")), None, "over 80 in all");
}
