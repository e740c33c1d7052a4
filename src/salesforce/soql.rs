//! SOQL text. Values enter a query only through [`quote`], field names only after
//! [`is_field_name`], and emails only after [`is_email`]: nothing a customer typed can
//! change a query's shape.

/// A SOQL string literal: the value in single quotes, with backslash, quote and control
/// characters escaped as the SOQL reference lists. In `=` and `IN` comparisons `%` and
/// `_` are ordinary characters, so they are left alone.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            other => out.push(other),
        }
    }
    out.push('\'');
    out
}

/// `('a', 'b')` for an `IN` list.
pub fn quote_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = values.into_iter().map(quote).collect();
    format!("({})", quoted.join(", "))
}

/// An API name such as `Department`, `Kustomer__Tier__c` or `Account.Name`: letters,
/// digits and underscores, starting with a letter, at most five relationship steps.
pub fn is_field_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() <= 5
        && parts.iter().all(|part| {
            part.len() <= 80
                && part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !part.ends_with('_')
        })
}

/// A plausible email: something before and after a single `@`, a dot in the domain, no
/// spaces or control characters, at most 254 characters. Anything else is not sent.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else { return false };
    !local.is_empty()
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The customer's emails as they go into a query: trimmed, valid, each once regardless
/// of case, in the order given. The invalid ones come back apart, to be reported.
pub fn clean_emails(emails: &[String]) -> (Vec<String>, Vec<String>) {
    let mut valid: Vec<String> = Vec::new();
    let mut invalid = Vec::new();
    for email in emails {
        let email = email.trim();
        if email.is_empty() {
            continue;
        }
        if !is_email(email) {
            invalid.push(email.to_string());
        } else if !valid.iter().any(|seen| seen.eq_ignore_ascii_case(email)) {
            valid.push(email.to_string());
        }
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped_backslash_first() {
        assert_eq!(quote("sean.o'neil@tidewater.ie"), r"'sean.o\'neil@tidewater.ie'");
        assert_eq!(quote(r"a\b"), r"'a\\b'");
        assert_eq!(quote(r"\'"), r"'\\\''");
        assert_eq!(quote(r#"say "hi""#), r#"'say \"hi\"'"#);
    }

    #[test]
    fn an_injection_attempt_stays_inside_its_literal() {
        let attack = "x' OR Id != null OR Email = 'y";
        assert_eq!(quote(attack), r"'x\' OR Id != null OR Email = \'y'");
        // Already-quoted input is not trusted either.
        assert_eq!(quote("'a@b.co'"), r"'\'a@b.co\''");
    }

    #[test]
    fn newlines_controls_unicode_percent_and_underscore() {
        assert_eq!(quote("a\nb\r\tc"), r"'a\nb\r\tc'");
        assert_eq!(quote("ünïcødé@exämple.de"), "'ünïcødé@exämple.de'");
        assert_eq!(quote("100%_sure@x.co"), "'100%_sure@x.co'", "no wildcards in = or IN");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn the_demo_orgs_parser_reads_back_what_quote_writes() {
        // The demo org's SOQL tokenizer follows the SOQL escape rules; a round trip through
        // it proves each escape is one SOQL understands.
        for value in ["o'neil@x.co", r"back\slash@x.co", "new\nline@x.co", r#"q"uote@x.co"#, "ü@x.co"] {
            let soql = format!("SELECT Id FROM Contact WHERE Email = {}", quote(value));
            let result = crate::demo::soql_check(&soql);
            assert!(result.is_ok(), "{soql}: {result:?}");
        }
    }

    #[test]
    fn lists_are_parenthesised() {
        assert_eq!(quote_list(["a@x.co", "b'@x.co"]), r"('a@x.co', 'b\'@x.co')");
    }

    #[test]
    fn field_names_are_api_names_only() {
        for good in ["Department", "NumberOfEmployees", "Kustomer__Tier__c", "Account.Name", "ns__Obj__r.Field__c"] {
            assert!(is_field_name(good), "{good}");
        }
        for bad in [
            "",
            "Name, (SELECT Id FROM Cases)",
            "Id FROM Contact --",
            "1Field",
            "Field_",
            "Name;",
            "a.b.c.d.e.f",
            "Nàme",
            "Account..Name",
        ] {
            assert!(!is_field_name(bad), "{bad}");
        }
    }

    #[test]
    fn emails_are_trimmed_validated_and_deduplicated_ignoring_case() {
        let input: Vec<String> =
            [" Jane@X.co ", "jane@x.co", "not an email", "", "o'neil@x.co", "@x.co", "a@b", "a@b.co\n"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let (valid, invalid) = clean_emails(&input);
        assert_eq!(valid, vec!["Jane@X.co", "o'neil@x.co", "a@b.co"]);
        assert_eq!(invalid, vec!["not an email", "@x.co", "a@b"]);
    }
}
