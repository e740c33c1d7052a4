//! The literals a filter may compare with: date literals from Salesforce's tables, numbers,
//! dates and date-times, each checked as it is read.

use super::*;

/// The date literals that stand alone, as Salesforce spells them.
pub(super) const DATE_LITERALS: &[&str] = &[
    "TODAY",
    "YESTERDAY",
    "TOMORROW",
    "LAST_WEEK",
    "THIS_WEEK",
    "NEXT_WEEK",
    "LAST_MONTH",
    "THIS_MONTH",
    "NEXT_MONTH",
    "LAST_90_DAYS",
    "NEXT_90_DAYS",
    "THIS_QUARTER",
    "LAST_QUARTER",
    "NEXT_QUARTER",
    "THIS_YEAR",
    "LAST_YEAR",
    "NEXT_YEAR",
    "THIS_FISCAL_QUARTER",
    "LAST_FISCAL_QUARTER",
    "NEXT_FISCAL_QUARTER",
    "THIS_FISCAL_YEAR",
    "LAST_FISCAL_YEAR",
    "NEXT_FISCAL_YEAR",
];

/// The date literals that take a whole number after a colon, as in `LAST_N_DAYS:30`.
pub(super) const DATE_LITERALS_WITH_N: &[&str] = &[
    "LAST_N_DAYS",
    "NEXT_N_DAYS",
    "N_DAYS_AGO",
    "LAST_N_WEEKS",
    "NEXT_N_WEEKS",
    "N_WEEKS_AGO",
    "LAST_N_MONTHS",
    "NEXT_N_MONTHS",
    "N_MONTHS_AGO",
    "LAST_N_QUARTERS",
    "NEXT_N_QUARTERS",
    "N_QUARTERS_AGO",
    "LAST_N_YEARS",
    "NEXT_N_YEARS",
    "N_YEARS_AGO",
    "LAST_N_FISCAL_QUARTERS",
    "NEXT_N_FISCAL_QUARTERS",
    "N_FISCAL_QUARTERS_AGO",
    "LAST_N_FISCAL_YEARS",
    "NEXT_N_FISCAL_YEARS",
    "N_FISCAL_YEARS_AGO",
];

/// `true`, `false`, `null` or a date literal; any other word where a value belongs is most
/// likely text that lost its quotes.
pub(super) fn word_literal(word: &str) -> Result<Literal, String> {
    let upper = word.to_ascii_uppercase();
    match upper.as_str() {
        "TRUE" => return Ok(Literal::Boolean(true)),
        "FALSE" => return Ok(Literal::Boolean(false)),
        "NULL" => return Ok(Literal::Null),
        _ => {}
    }
    if let Some(name) = table_entry(DATE_LITERALS, &upper) {
        return Ok(Literal::Relative { name, n: None });
    }
    if let Some((name, n)) = word.split_once(':') {
        return counted_date_literal(&name.to_ascii_uppercase(), n);
    }
    if let Some(name) = table_entry(DATE_LITERALS_WITH_N, &upper) {
        return Err(format!("{name} needs a whole number after a colon, as in {name}:30"));
    }
    Err(format!(
        "expected a value (a quoted string, a number, true, false, null, a date or a date literal such as TODAY), found {word}; text needs single quotes, as in '{word}'"
    ))
}

/// `LAST_N_DAYS:30`, split at the colon and upper-cased.
pub(super) fn counted_date_literal(name: &str, n: &str) -> Result<Literal, String> {
    let Some(name) = table_entry(DATE_LITERALS_WITH_N, name) else {
        return Err(match table_entry(DATE_LITERALS, name) {
            Some(name) => format!("{name} takes no number"),
            None => format!("{name}:{n} is not a date literal; those with a number are such as LAST_N_DAYS:30"),
        });
    };
    if n.is_empty() {
        return Err(format!("{name} needs a whole number after the colon, as in {name}:30"));
    }
    if !n.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("{name} needs a whole number after the colon, as in {name}:30, found {n}"));
    }
    match n.parse::<u32>() {
        Ok(n) => Ok(Literal::Relative { name, n: Some(n) }),
        Err(_) => Err(format!("{name}:{n} is too large a number")),
    }
}

pub(super) fn table_entry(table: &[&'static str], upper: &str) -> Option<&'static str> {
    table.iter().copied().find(|entry| *entry == upper)
}

/// A number, date or date-time, checked as such.
pub(super) fn figure(text: &str) -> Result<Literal, String> {
    if is_number(text) {
        return Ok(Literal::Number(text.to_string()));
    }
    // Four digits and a hyphen: meant as a date, so say what is wrong with it.
    if text.get(..5).is_some_and(|start| start.ends_with('-') && digits(&start[..4], 4).is_some()) {
        return match text.split_once('T') {
            Some((date, time)) => {
                check_date(date).and_then(|()| check_time(time)).map(|()| Literal::DateTime(text.to_string()))
            }
            None => check_date(text).map(|()| Literal::Date(text.to_string())),
        };
    }
    Err(format!("{text} is not a number, a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDThh:mm:ssZ)"))
}

/// An optional minus, digits, and optionally a point and more digits.
pub(super) fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// The value of exactly `count` ASCII digits.
pub(super) fn digits(text: &str, count: usize) -> Option<u32> {
    if text.len() == count && text.bytes().all(|byte| byte.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// One number of a date or time: `width` digits, from `low` to `high`. The message names
/// the part and shows the whole (`2024-13-01 … the month must be 01 to 12`).
pub(super) fn check_part(
    text: &str,
    width: usize,
    (low, high): (u32, u32),
    name: &str,
    whole: &str,
) -> Result<(), String> {
    match digits(text, width) {
        Some(value) if (low..=high).contains(&value) => Ok(()),
        Some(_) => Err(format!("{whole} is not a valid date or time: the {name} must be {low:02} to {high:02}")),
        None => Err(format!("{whole} is not a valid date or time: the {name} must be {width} digits")),
    }
}

/// `YYYY-MM-DD`, month 1 to 12 and day 1 to 31: loose (February 31st passes, as the
/// query would tell), but never a shape Salesforce cannot read.
pub(super) fn check_date(date: &str) -> Result<(), String> {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts[..] else {
        return Err(format!("{date} is not a date: dates are written YYYY-MM-DD"));
    };
    check_part(year, 4, (0, 9999), "year", date)?;
    check_part(month, 2, (1, 12), "month", date)?;
    check_part(day, 2, (1, 31), "day", date)
}

/// `hh:mm:ss`, optional `.sss`, then `Z` or an offset `+hh:mm` / `-hh:mm`.
pub(super) fn check_time(time: &str) -> Result<(), String> {
    let (clock, offset) = match time.strip_suffix('Z') {
        Some(clock) => (clock, None),
        None => match time.find(['+', '-']) {
            Some(sign) => (&time[..sign], Some(&time[sign + 1..])),
            None => return Err(format!("{time} has no time zone: end a date-time with Z or an offset such as +01:00")),
        },
    };
    let (clock, millis) = match clock.split_once('.') {
        Some((clock, millis)) => (clock, Some(millis)),
        None => (clock, None),
    };
    check_clock(clock, true)?;
    if let Some(millis) = millis {
        check_part(millis, 3, (0, 999), "milliseconds", time)?;
    }
    match offset {
        Some(offset) => check_clock(offset, false),
        None => Ok(()),
    }
}

/// `hh:mm:ss`, or `hh:mm` for an offset.
pub(super) fn check_clock(clock: &str, with_seconds: bool) -> Result<(), String> {
    let parts: Vec<&str> = clock.split(':').collect();
    let expected_parts = if with_seconds { 3 } else { 2 };
    if parts.len() != expected_parts {
        let shape = if with_seconds { "hh:mm:ss" } else { "hh:mm" };
        return Err(format!("{clock} is not a time: expected {shape}"));
    }
    let names = ["hour", "minute", "second"];
    let highs = [23, 59, 59];
    for ((part, name), high) in parts.iter().zip(names).zip(highs) {
        check_part(part, 2, (0, high), name, clock)?;
    }
    Ok(())
}
