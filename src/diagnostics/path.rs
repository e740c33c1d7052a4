//! A request path with the values taken out: what an admin needs to see which call
//! failed (`/v1/conversations/{id}/messages`), without the ids, emails and query text that
//! say whose data it was.

use crate::transport::decode_percent;

/// The longest template kept; longer ones end in `{more}` at a separator.
const MAX_TEMPLATE_LEN: usize = 256;
/// The longest word kept as a path segment or a query parameter name.
const MAX_WORD_LEN: usize = 40;
const MORE: &str = "{more}";

/// A request path as a template; see [`path_template`] for the rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathTemplate(String);

impl PathTemplate {
    pub fn of(path: &str) -> PathTemplate {
        PathTemplate(path_template(path))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The request path with every value replaced by a placeholder:
///
/// - `/v1/conversations/6140cefd91ffddd18144e08b/messages?page=3&pageSize=100` becomes
///   `/v1/conversations/{id}/messages?page={n}&pageSize={n}`;
/// - `/services/data/v62.0/query?q=SELECT+Id+FROM+Contact+WHERE+Email='a@b.co'` becomes
///   `/services/data/v62.0/query?q={value}`;
/// - `/services/data/v62.0/sobjects/Contact/003xx000004TmiQAAS` becomes
///   `/services/data/v62.0/sobjects/Contact/{id}`.
///
/// The rule is an allow-list, so that anything unforeseen is replaced rather than kept. A
/// path segment is kept only if it is a word of ASCII letters, `-` and `_` (at most 40
/// characters, no digit: `conversations`, `Contact`, `Custom_Object__c`) or an API version
/// (`v` then at most three digits, optionally `.` and at most two: `v1`, `v62.0`).
/// Otherwise it becomes `{n}` when it is all digits, `{email}` when it is an email
/// address, and `{id}` for anything else. A query parameter's name is kept only if it is a
/// word of ASCII letters and `_` (at most 40, no digit), else it becomes `{name}`; its
/// value, whatever it is, becomes `{n}` when all digits and `{value}` otherwise (an empty
/// value stays empty). Percent-encoded text is decoded only to classify it: a segment that
/// decodes to a word is kept as that word, and encoded text is never kept. The fragment
/// is dropped, and a template over 256 characters ends in `{more}`.
pub fn path_template(path: &str) -> String {
    let without_fragment = path.split_once('#').map_or(path, |(before, _)| before);
    let (segments, query) = match without_fragment.split_once('?') {
        Some((segments, query)) => (segments, Some(query)),
        None => (without_fragment, None),
    };
    let mut template = String::new();
    for (index, segment) in segments.split('/').enumerate() {
        if index > 0 {
            template.push('/');
        }
        push_segment(&mut template, segment);
    }
    let pairs: Vec<&str> =
        query.into_iter().flat_map(|query| query.split('&')).filter(|pair| !pair.is_empty()).collect();
    for (index, pair) in pairs.into_iter().enumerate() {
        template.push(if index == 0 { '?' } else { '&' });
        push_pair(&mut template, pair);
    }
    capped(template)
}

fn push_segment(template: &mut String, segment: &str) {
    let decoded = decode_percent(segment, false);
    if decoded.is_empty() {
        // An empty segment (the leading `/`, a doubled `//`) says nothing about anyone.
    } else if is_word(&decoded, true) || is_version(&decoded) {
        template.push_str(&decoded);
    } else if is_number(&decoded) {
        template.push_str("{n}");
    } else if is_email(&decoded) {
        template.push_str("{email}");
    } else {
        template.push_str("{id}");
    }
}

fn push_pair(template: &mut String, pair: &str) {
    let (name, value) = match pair.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (pair, None),
    };
    let name = decode_percent(name, true);
    template.push_str(if is_word(&name, false) { &name } else { "{name}" });
    if let Some(value) = value {
        template.push('=');
        let value = decode_percent(value, true);
        if is_number(&value) {
            template.push_str("{n}");
        } else if !value.is_empty() {
            template.push_str("{value}");
        }
    }
}

/// ASCII letters and `_` (and `-` when `hyphen`), at most 40, at least one letter.
fn is_word(text: &str, hyphen: bool) -> bool {
    text.len() <= MAX_WORD_LEN
        && text.bytes().any(|byte| byte.is_ascii_alphabetic())
        && text.bytes().all(|byte| byte.is_ascii_alphabetic() || byte == b'_' || (hyphen && byte == b'-'))
}

/// `v1`, `v62.0`: `v`, one to three digits, then optionally `.` and one or two digits.
fn is_version(text: &str) -> bool {
    let Some(number) = text.strip_prefix('v') else { return false };
    let (major, minor) = match number.split_once('.') {
        Some((major, minor)) => (major, Some(minor)),
        None => (number, None),
    };
    let digits = |part: &str, most: usize| (1..=most).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    digits(major, 3) && minor.is_none_or(|minor| digits(minor, 2))
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Something before and after an `@`, and no space: classification only, since an email
/// and an id are both replaced.
fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty() && !text.contains(char::is_whitespace),
        None => false,
    }
}

/// Cut at the last separator that fits, so that no word is shown in part.
fn capped(template: String) -> String {
    if template.len() <= MAX_TEMPLATE_LEN {
        return template;
    }
    // The template is ASCII (kept words are ASCII by the rule), so any index is a
    // character boundary; `get` keeps that an assumption that cannot panic.
    let room = template.get(..MAX_TEMPLATE_LEN - MORE.len()).unwrap_or("");
    let cut = room.rfind(['/', '?', '&']).map_or(0, |separator| separator + 1);
    let mut shortened = template.get(..cut).unwrap_or("").to_string();
    shortened.push_str(MORE);
    shortened
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
