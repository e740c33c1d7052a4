//! The two names a record may carry as text: the platform's error code and a configuration
//! key. Each is kept only when its whole text has the shape of such a name, and is dropped
//! otherwise; nothing is ever cut or cleaned into shape, since a part of a private value is
//! still private.
//!
//! The shapes allow no digits: record ids, phone numbers and order numbers all have some,
//! and the platforms' codes and the widget's keys have none (list positions aside).

/// The longest error code kept.
const MAX_CODE_LEN: usize = 64;
/// The longest configuration key kept.
const MAX_KEY_LEN: usize = 80;
/// The longest word in a configuration key.
const MAX_KEY_WORD_LEN: usize = 40;
/// The most digits in a list position (`customerEmails.0`): a configuration's lists are
/// short, and a longer number could be a phone number.
const MAX_INDEX_DIGITS: usize = 3;

/// A platform's error code, such as Salesforce's `REQUEST_LIMIT_EXCEEDED` or Kustomer's
/// `not.found`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorCode(String);

impl ErrorCode {
    /// The code, if it is one: at most 64 characters, each from `[A-Za-z_.-]`, with at
    /// least one letter, and all in one case: upper case with `_` (Salesforce's codes) or
    /// lower case with `.`, `-` and `_` (Kustomer's). Mixed case is refused because names
    /// and ids have it and codes do not. Surrounding spaces are ignored; anything else
    /// gives `None`.
    pub fn new(text: &str) -> Option<ErrorCode> {
        let code = text.trim();
        let upper = code.bytes().all(|byte| byte.is_ascii_uppercase() || byte == b'_');
        let lower = code.bytes().all(|byte| byte.is_ascii_lowercase() || matches!(byte, b'.' | b'-' | b'_'));
        let has_letter = code.bytes().any(|byte| byte.is_ascii_alphabetic());
        let fits = code.len() <= MAX_CODE_LEN && has_letter && (upper || lower);
        fits.then(|| ErrorCode(code.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A configuration key path, such as `visibility.leads` or `context.customerEmails.0`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConfigKey(String);

impl ConfigKey {
    /// The key, if it is one: at most 80 characters of steps joined by `.`, each step a
    /// word of letters and `_` (at most 40, no digit) with optional `[n]` positions, or a
    /// position alone; a position is at most three digits. Surrounding spaces are ignored;
    /// anything else, and an empty key, gives `None`.
    pub fn new(text: &str) -> Option<ConfigKey> {
        let key = text.trim();
        let fits = !key.is_empty() && key.len() <= MAX_KEY_LEN && key.split('.').all(is_key_step);
        fits.then(|| ConfigKey(key.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `leads`, `customerEmails[0]`, `0`.
fn is_key_step(step: &str) -> bool {
    if is_index(step) {
        return true;
    }
    let (word, mut positions) = match step.find('[') {
        Some(open) => step.split_at(open),
        None => (step, ""),
    };
    let word_fits = !word.is_empty()
        && word.len() <= MAX_KEY_WORD_LEN
        && word.bytes().all(|byte| byte.is_ascii_alphabetic() || byte == b'_')
        && word.bytes().any(|byte| byte.is_ascii_alphabetic());
    if !word_fits {
        return false;
    }
    while !positions.is_empty() {
        let Some(inner) = positions.strip_prefix('[') else { return false };
        let Some((index, rest)) = inner.split_once(']') else { return false };
        if !is_index(index) {
            return false;
        }
        positions = rest;
    }
    true
}

fn is_index(text: &str) -> bool {
    (1..=MAX_INDEX_DIGITS).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
