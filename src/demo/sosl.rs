//! The demo org's SOSL: `FIND {terms} IN EMAIL FIELDS RETURNING Object(fields WHERE …
//! ORDER BY …), …`, the form the Insight Card sends. Each `RETURNING` object is read by
//! the SOQL evaluator with the search terms as one more condition on `Email`, which is
//! what a search in email fields finds.

use serde_json::{json, Value};

use super::soql::{self, QueryError};
use crate::salesforce::soql::quote_list;

fn malformed(message: impl Into<String>) -> QueryError {
    QueryError { code: "MALFORMED_SEARCH", message: message.into() }
}

/// Runs a search and returns Salesforce's answer, `{"searchRecords": […]}`.
pub fn run(sosl: &str) -> Result<Value, QueryError> {
    let rest = strip_word(sosl.trim_start(), "FIND").ok_or_else(|| malformed("a search starts with FIND"))?;
    let (terms, rest) = find_terms(rest.trim_start())?;
    let rest = strip_word(rest.trim_start(), "IN")
        .and_then(|rest| strip_word(rest.trim_start(), "EMAIL"))
        .and_then(|rest| strip_word(rest.trim_start(), "FIELDS"))
        .ok_or_else(|| malformed("the demo org searches IN EMAIL FIELDS only"))?;
    let returning =
        strip_word(rest.trim_start(), "RETURNING").ok_or_else(|| malformed("expecting RETURNING after the fields"))?;
    let term_list = quote_list(terms.iter().map(String::as_str));
    let mut records = Vec::new();
    for item in split_top_level(returning, ',') {
        let item = item.trim();
        let (object, inner) = match item.find('(') {
            Some(open) if item.ends_with(')') => (item[..open].trim(), &item[open + 1..item.len() - 1]),
            _ => (item, "Id"),
        };
        let (fields, clauses) = split_clauses(inner);
        let (filter, order) = match clauses.strip_prefix("WHERE ").or_else(|| clauses.strip_prefix("where ")) {
            Some(after) => {
                let (condition, order) = split_order(after);
                (format!("WHERE Email IN {term_list} AND ({condition})"), order)
            }
            None => (format!("WHERE Email IN {term_list}"), clauses),
        };
        records.extend(soql::select(&format!("SELECT {fields} FROM {object} {filter} {order}"))?);
    }
    Ok(json!({ "searchRecords": records }))
}

/// `text` after `word` (any case) and a word boundary.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && !rest.starts_with(|c: char| c.is_ascii_alphanumeric())).then_some(rest)
}

/// The terms of `{"a" OR "b"}`, unescaped, and what follows the closing brace.
fn find_terms(text: &str) -> Result<(Vec<String>, &str), QueryError> {
    let body = text.strip_prefix('{').ok_or_else(|| malformed("the search terms go in braces"))?;
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    // Unquoted words are terms too; `OR` between terms is not.
    let bare = |words: &mut String, terms: &mut Vec<String>| {
        terms.extend(words.split_whitespace().filter(|word| *word != "OR").map(str::to_string));
        words.clear();
    };
    let mut chars = body.char_indices();
    while let Some((idx, ch)) = chars.next() {
        match ch {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    current.push(escaped);
                }
            }
            '"' if quoted => {
                terms.push(std::mem::take(&mut current));
                quoted = false;
            }
            '"' => {
                bare(&mut current, &mut terms);
                quoted = true;
            }
            '}' if !quoted => {
                bare(&mut current, &mut terms);
                return Ok((terms, &body[idx + 1..]));
            }
            other => current.push(other),
        }
    }
    Err(malformed("mismatched braces in the search terms"))
}

/// `text` split at `separator` outside parentheses and quotes.
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0i32, false, false, 0);
    for (idx, ch) in text.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            c if c == separator && !quoted && depth == 0 => {
                parts.push(&text[start..idx]);
                start = idx + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `Id, Name WHERE … ORDER BY Name` as the field list and the clauses after it.
fn split_clauses(inner: &str) -> (&str, &str) {
    for keyword in [" WHERE ", " ORDER BY ", " LIMIT "] {
        if let Some(at) = inner.to_ascii_uppercase().find(keyword) {
            return (inner[..at].trim(), inner[at + 1..].trim());
        }
    }
    (inner.trim(), "")
}

/// A condition and its `ORDER BY`/`LIMIT` tail, split outside quotes.
fn split_order(text: &str) -> (&str, &str) {
    let upper = text.to_ascii_uppercase();
    let mut quoted = false;
    let mut escaped = false;
    for (idx, ch) in text.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '\'' => quoted = !quoted,
            _ if !quoted && (upper[idx..].starts_with(" ORDER BY ") || upper[idx..].starts_with(" LIMIT ")) => {
                return (&text[..idx], text[idx..].trim());
            }
            _ => {}
        }
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(answer: &Value) -> Vec<(String, String)> {
        answer["searchRecords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["attributes"]["type"].as_str().unwrap().to_string(), r["Name"].as_str().unwrap().to_string()))
            .collect()
    }

    #[test]
    fn contacts_and_leads_are_found_by_email() {
        let answer = run("FIND {\"marcus.webb@harborlogistics.com\"} IN EMAIL FIELDS RETURNING \
             Contact(Id, Name WHERE Email IN ('marcus.webb@harborlogistics.com') ORDER BY Name), \
             Lead(Id, Name WHERE Email IN ('marcus.webb@harborlogistics.com') AND IsConverted = false ORDER BY Name)")
        .unwrap();
        let found = ids(&answer);
        assert_eq!(found.iter().filter(|(kind, _)| kind == "Contact").count(), 2, "{found:?}");
        assert_eq!(found.iter().filter(|(kind, _)| kind == "Lead").count(), 1, "{found:?}");
    }

    #[test]
    fn escaped_terms_are_read_back() {
        let answer = run(
            "FIND {\"sean.o\\'neil@tidewater.ie\"} IN EMAIL FIELDS RETURNING Contact(Id, Name WHERE Email IN ('sean.o\\'neil@tidewater.ie'))",
        )
        .unwrap();
        assert_eq!(ids(&answer), vec![("Contact".to_string(), "Seán O'Neil".to_string())]);
    }

    #[test]
    fn unknown_objects_and_bad_syntax_are_errors() {
        let error = run("FIND {\"a@x.co\"} IN EMAIL FIELDS RETURNING Shoe(Id)").unwrap_err();
        assert_eq!(error.code, "INVALID_TYPE");
        assert_eq!(run("FIND \"a@x.co\" RETURNING Contact").unwrap_err().code, "MALFORMED_SEARCH");
        assert_eq!(run("FIND {\"a@x.co\" IN EMAIL FIELDS").unwrap_err().code, "MALFORMED_SEARCH");
    }
}
