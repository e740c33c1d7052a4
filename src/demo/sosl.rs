//! The demo org's SOSL: `FIND {terms} IN EMAIL FIELDS|PHONE FIELDS|ALL FIELDS RETURNING
//! Object(fields WHERE … ORDER BY … LIMIT …), …`, the forms the Insight Card sends. Each
//! `RETURNING` object is read by the SOQL evaluator among the records the search index
//! would find for the terms, which for these exact terms amounts to:
//! - in email fields, `Email` equal to a term (one more condition on the query);
//! - in phone fields, `Phone` or `MobilePhone` the same number as a term, whatever the
//!   format on either side, as Salesforce normalises phone numbers;
//! - in all fields, any of the record's own text fields equal to a term, ignoring case.

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
    let (scope, rest) = search_group(rest)?;
    let returning =
        strip_word(rest.trim_start(), "RETURNING").ok_or_else(|| malformed("expecting RETURNING after the fields"))?;
    let mut records = Vec::new();
    for item in split_top_level(returning, ',') {
        let item = item.trim();
        let (object, inner) = match item.find('(') {
            Some(open) if item.ends_with(')') => (item[..open].trim(), &item[open + 1..item.len() - 1]),
            _ => (item, "Id"),
        };
        let (fields, clauses) = split_clauses(inner);
        let (condition, order) = match clauses.strip_prefix("WHERE ").or_else(|| clauses.strip_prefix("where ")) {
            Some(after) => {
                let (condition, order) = split_order(after);
                (Some(condition), order)
            }
            None => (None, clauses),
        };
        records.extend(scope.select(&terms, &format!("SELECT {fields} FROM {object}"), condition, order)?);
    }
    Ok(json!({ "searchRecords": records }))
}

/// Where a search looks: its `IN … FIELDS` group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Email,
    Phone,
    All,
}

/// The `IN EMAIL|PHONE|ALL FIELDS` group and what follows it. Name and sidebar fields
/// are left out: the card never sends them, and a demo that accepted them would answer
/// with a guess.
fn search_group(text: &str) -> Result<(Scope, &str), QueryError> {
    let unsupported = || malformed("the demo org searches IN EMAIL FIELDS, IN PHONE FIELDS or IN ALL FIELDS only");
    let rest = strip_word(text.trim_start(), "IN").ok_or_else(unsupported)?.trim_start();
    let (scope, rest) = [("EMAIL", Scope::Email), ("PHONE", Scope::Phone), ("ALL", Scope::All)]
        .into_iter()
        .find_map(|(word, scope)| strip_word(rest, word).map(|rest| (scope, rest)))
        .ok_or_else(unsupported)?;
    let rest = strip_word(rest.trim_start(), "FIELDS").ok_or_else(unsupported)?;
    Ok((scope, rest))
}

impl Scope {
    /// The records of `select` (`SELECT fields FROM object`) that the search finds for
    /// `terms` and that meet the object's own condition, in its order.
    fn select(
        self,
        terms: &[String],
        select: &str,
        condition: Option<&str>,
        order: &str,
    ) -> Result<Vec<Value>, QueryError> {
        let filter = match (self, condition) {
            // As a search in email fields always was: the terms are one more condition,
            // so an object without `Email` is refused by name.
            (Scope::Email, Some(condition)) => format!("WHERE Email IN {} AND ({condition})", term_list(terms)),
            (Scope::Email, None) => format!("WHERE Email IN {}", term_list(terms)),
            (_, Some(condition)) => format!("WHERE {condition}"),
            (_, None) => String::new(),
        };
        let soql = format!("{select} {filter} {order}");
        match self {
            Scope::Email => soql::select(&soql),
            Scope::Phone => soql::select_found(&soql, &|record| has_phone(record, terms)),
            Scope::All => soql::select_found(&soql, &|record| has_text(record, terms)),
        }
    }
}

fn term_list(terms: &[String]) -> String {
    quote_list(terms.iter().map(String::as_str))
}

/// Whether one of the record's own text fields (not those of a related record) is one of
/// the terms, ignoring case.
fn has_text(record: &Value, terms: &[String]) -> bool {
    let terms: Vec<String> = terms.iter().map(|term| term.to_lowercase()).collect();
    record
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(_, value)| value.as_str())
        .any(|text| terms.contains(&text.to_lowercase()))
}

/// Whether the record's `Phone` or `MobilePhone` is the number of one of the terms.
fn has_phone(record: &Value, terms: &[String]) -> bool {
    ["Phone", "MobilePhone"]
        .iter()
        .filter_map(|field| record.get(field)?.as_str())
        .any(|phone| terms.iter().any(|term| same_number(phone, term)))
}

/// Whether two phone numbers are one number, whatever their punctuation: the same digits,
/// or one the end of the other when the shorter still has at least seven digits, so that
/// a number with its country code (`+1 415 555 0134`) is the one without (`4155550134`)
/// while a bare extension (`0134`) is no number at all.
fn same_number(a: &str, b: &str) -> bool {
    let digits = |text: &str| text.chars().filter(char::is_ascii_digit).collect::<String>();
    let (a, b) = (digits(a), digits(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && (short == long || (short.len() >= 7 && long.ends_with(&short)))
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

    fn found(answer: &Value) -> Vec<(&str, &str)> {
        answer["searchRecords"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["attributes"]["type"].as_str().unwrap(), r["Id"].as_str().unwrap()))
            .collect()
    }

    /// The people search the Insight Card sends with a Kustomer customer id field, with
    /// and without emails.
    fn by_customer_id(emails: &[&str], customer_id: &str) -> String {
        let field = "Kustomer_Customer_Id__c";
        let mut terms: Vec<String> = emails.iter().map(|email| format!("\"{email}\"")).collect();
        terms.push(format!("\"{customer_id}\""));
        let condition = if emails.is_empty() {
            format!("{field} = '{customer_id}'")
        } else {
            format!("(Email IN {} OR {field} = '{customer_id}')", quote_list(emails.iter().copied()))
        };
        format!(
            "FIND {{{}}} IN ALL FIELDS RETURNING Contact(Id, Name, Email, {field} WHERE {condition} ORDER BY Name), \
             Lead(Id, Name, Email, {field} WHERE {condition} AND IsConverted = false ORDER BY Name)",
            terms.join(" OR ")
        )
    }

    #[test]
    fn all_fields_finds_a_contact_by_its_kustomer_customer_id() {
        let jane = crate::demo::kustomer_data::JANE;
        let answer = run(&by_customer_id(&[], jane)).unwrap();
        assert_eq!(found(&answer), vec![("Contact", "003Dn00000JnCkId")]);
        assert_eq!(answer["searchRecords"][0]["Kustomer_Customer_Id__c"], jane);
        let answer = run(&by_customer_id(&["jane.cooper@brightline.io", "jane@cooper.family"], jane)).unwrap();
        assert_eq!(found(&answer), vec![("Contact", "003Dn00000JnCprA"), ("Contact", "003Dn00000JnCkId")]);
        // Another customer's id finds no one; nor does the id searched in email fields.
        assert!(found(&run(&by_customer_id(&[], "5ff4bc441235167ec0261102")).unwrap()).is_empty());
        let in_email = format!("FIND {{\"{jane}\"}} IN EMAIL FIELDS RETURNING Contact(Id), Lead(Id)");
        assert!(found(&run(&in_email).unwrap()).is_empty());
    }

    #[test]
    fn all_fields_matches_the_records_own_text_ignoring_case_before_the_where() {
        let answer =
            run("FIND {\"ACCOUNTS@Brightline.IO\"} IN ALL FIELDS RETURNING Contact(Id ORDER BY Name)").unwrap();
        assert_eq!(found(&answer), vec![("Contact", "003Dn00000JnCkId")]);
        // The WHERE alone would find Jane's billing contact; the terms do not.
        let answer = run(
            "FIND {\"nobody@x.co\"} IN ALL FIELDS RETURNING Contact(Id WHERE Kustomer_Customer_Id__c = '5ff4bc441235167ec0261101')",
        )
        .unwrap();
        assert!(found(&answer).is_empty());
        // A related record's name is not the record's own field.
        let answer = run("FIND {\"Brightline Inc\"} IN ALL FIELDS RETURNING Contact(Id), Account(Id)").unwrap();
        assert_eq!(found(&answer), vec![("Account", "001Dn00000BrtLneA")]);
    }

    fn by_phone(terms: &[&str]) -> Vec<(String, String)> {
        let terms: Vec<String> = terms.iter().map(|term| format!("\"{term}\"")).collect();
        let sosl = format!(
            "FIND {{{}}} IN PHONE FIELDS RETURNING Contact(Id, Name, Phone, MobilePhone ORDER BY Name LIMIT 20), \
             Lead(Id, Name, Phone, MobilePhone WHERE IsConverted = false ORDER BY Name LIMIT 20)",
            terms.join(" OR ")
        );
        found(&run(&sosl).unwrap()).into_iter().map(|(kind, id)| (kind.to_string(), id.to_string())).collect()
    }

    #[test]
    fn phone_fields_match_across_formats_with_and_without_the_country_code() {
        let jane = vec![("Contact".to_string(), "003Dn00000JnCprA".to_string())];
        assert_eq!(by_phone(&["+14155550134", "4155550134"]), jane);
        assert_eq!(by_phone(&["4155550134"]), jane, "without +1: the stored number ends with it");
        assert_eq!(by_phone(&["+14155550134"]), jane);
        let dana = vec![
            ("Contact".to_string(), "003Dn00000DnWhtA".to_string()),
            ("Lead".to_string(), "00QDn00000DnWhA".to_string()),
        ];
        assert_eq!(by_phone(&["+15035550147", "5035550147"]), dana, "Phone +1 503-555-0147, MobilePhone 503.555.0147");
        assert_eq!(by_phone(&["5035550147"]), dana);
        assert_eq!(by_phone(&["+15035550147"]), dana, "the term longer than the stored mobile number");
        assert!(by_phone(&["0147"]).is_empty(), "too short to be a number");
        assert!(by_phone(&["+15035550148"]).is_empty());
    }

    #[test]
    fn the_same_number_whatever_its_punctuation() {
        assert!(same_number("+1 415 555 0134", "4155550134"));
        assert!(same_number("(503) 555-0147", "+1 503-555-0147"));
        assert!(same_number("5550147", "+1 503 555 0147"), "seven digits are enough");
        assert!(!same_number("550147", "+1 503 555 0147"), "six are not");
        assert!(!same_number("", "") && !same_number("n/a", "none"));
        assert!(!same_number("+1 415 555 0134", "+1 415 555 0135"));
    }

    #[test]
    fn only_email_phone_and_all_fields_are_searched() {
        for group in ["NAME FIELDS", "SIDEBAR FIELDS", "EMAIL", "PHONE", "FIELDS", ""] {
            let error = run(&format!("FIND {{\"a@x.co\"}} IN {group} RETURNING Contact(Id)")).unwrap_err();
            assert_eq!(error.code, "MALFORMED_SEARCH", "{group}");
            assert!(error.message.contains("IN PHONE FIELDS"), "{}", error.message);
        }
        assert_eq!(run("FIND {\"a@x.co\"} RETURNING Contact(Id)").unwrap_err().code, "MALFORMED_SEARCH");
    }

    #[test]
    fn unknown_objects_and_bad_syntax_are_errors() {
        let error = run("FIND {\"a@x.co\"} IN EMAIL FIELDS RETURNING Shoe(Id)").unwrap_err();
        assert_eq!(error.code, "INVALID_TYPE");
        assert_eq!(run("FIND \"a@x.co\" RETURNING Contact").unwrap_err().code, "MALFORMED_SEARCH");
        assert_eq!(run("FIND {\"a@x.co\" IN EMAIL FIELDS").unwrap_err().code, "MALFORMED_SEARCH");
    }
}
