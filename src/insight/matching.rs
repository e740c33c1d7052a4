//! Finding people beyond their email (`match` in the config): by the customer's phones,
//! searched in Salesforce's phone fields, and by a Contact or Lead field holding the
//! Kustomer customer id. Each person found says how; a person found more than one way is
//! shown once, with every way.

/// How a person was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Email,
    Phone,
    KustomerId,
}

impl Reason {
    /// As the cache keeps it.
    pub fn name(self) -> &'static str {
        match self {
            Reason::Email => "email",
            Reason::Phone => "phone",
            Reason::KustomerId => "kustomerId",
        }
    }

    pub fn from_name(name: &str) -> Option<Reason> {
        [Reason::Email, Reason::Phone, Reason::KustomerId].into_iter().find(|reason| reason.name() == name)
    }
}

/// The fewest and most digits a phone number has (E.164 allows 15).
const MIN_DIGITS: usize = 7;
const MAX_DIGITS: usize = 15;

/// The customer's phones as searchable numbers: digits with a leading `+` when it had
/// one, the usual separators (spaces, `-`, `.`, `/`, parentheses) taken out; then the
/// ones left out, as they were given. A phone with anything else in it (a letter, an
/// extension, a second `+`), or with fewer than 7 or more than 15 digits, is left out:
/// it is not searched, and the card says so, as it does for a malformed email. Repeats
/// are searched once.
pub fn clean_phones(phones: &[String]) -> (Vec<String>, Vec<String>) {
    let mut kept: Vec<String> = Vec::new();
    let mut dropped = Vec::new();
    for phone in phones {
        match clean_phone(phone) {
            Some(clean) if !kept.contains(&clean) => kept.push(clean),
            Some(_) => {}
            None => dropped.push(phone.clone()),
        }
    }
    (kept, dropped)
}

fn clean_phone(phone: &str) -> Option<String> {
    let trimmed = phone.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut clean = String::from(if plus { "+" } else { "" });
    for ch in rest.chars() {
        match ch {
            '0'..='9' => clean.push(ch),
            ' ' | '-' | '.' | '/' | '(' | ')' => {}
            _ => return None,
        }
    }
    let digits = clean.len() - usize::from(plus);
    (MIN_DIGITS..=MAX_DIGITS).contains(&digits).then_some(clean)
}

/// People found each way, as `(record id, reason)` in the order found, made one entry a
/// person: the first place it was found, with every reason, in the order of [`Reason`].
pub fn merge<T: Clone>(found: &[(String, Reason, T)]) -> Vec<(T, Vec<Reason>)> {
    let mut people: Vec<(String, T, Vec<Reason>)> = Vec::new();
    for (id, reason, record) in found {
        match people.iter_mut().find(|(known, _, _)| known == id) {
            Some((_, _, reasons)) if reasons.contains(reason) => {}
            Some((_, _, reasons)) => {
                reasons.push(*reason);
                reasons.sort();
            }
            None => people.push((id.clone(), record.clone(), vec![*reason])),
        }
    }
    people.into_iter().map(|(_, record, reasons)| (record, reasons)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|text| text.to_string()).collect()
    }

    #[test]
    fn phones_keep_their_digits_and_plus_and_lose_separators() {
        let (kept, dropped) = clean_phones(&strings(&[
            "+1 (415) 555-0100",
            "415.555.0100",
            "+44 20 7946 0958",
            " 030/123456 ",
            "+1 415 555 0100",
        ]));
        assert_eq!(kept, strings(&["+14155550100", "4155550100", "+442079460958", "030123456"]));
        assert!(dropped.is_empty(), "{dropped:?}");
    }

    #[test]
    fn phones_with_anything_else_or_the_wrong_length_are_left_out_as_given() {
        let bad =
            ["555-CALL-NOW", "415 555 0100 x12", "++14155550100", "12345", "1234567890123456", "", "+", "4155550100;"];
        let (kept, dropped) = clean_phones(&strings(&bad));
        assert!(kept.is_empty(), "{kept:?}");
        assert_eq!(dropped, strings(&bad));
        assert_eq!(clean_phones(&strings(&["1234567"])).0, strings(&["1234567"]), "seven digits is enough");
        assert_eq!(
            clean_phones(&strings(&["+123456789012345"])).0,
            strings(&["+123456789012345"]),
            "fifteen is the most"
        );
    }

    #[test]
    fn a_person_found_several_ways_is_one_entry_with_every_way() {
        let found = [
            ("003A".to_string(), Reason::Phone, "Priya"),
            ("003B".to_string(), Reason::Email, "Tom"),
            ("003A".to_string(), Reason::Email, "Priya again"),
            ("003A".to_string(), Reason::KustomerId, "Priya once more"),
            ("003A".to_string(), Reason::Email, "Priya a third time"),
        ];
        assert_eq!(
            merge(&found),
            vec![("Priya", vec![Reason::Email, Reason::Phone, Reason::KustomerId]), ("Tom", vec![Reason::Email])]
        );
    }
}
