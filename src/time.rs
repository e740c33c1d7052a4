//! ISO-8601 timestamps to and from milliseconds since the epoch, in UTC. Display
//! formatting is the browser's job (`Intl`); this is only for ordering, ages and the demo
//! org's data, without a date crate.

/// Parses `2021-04-01T19:48:43.851Z`, with or without fractional seconds, with `Z` or a
/// `±hh:mm` offset. `None` for anything else.
pub fn parse_iso_ms(text: &str) -> Option<i64> {
    utc_millis_form(text.as_bytes()).or_else(|| any_form(text))
}

/// `2021-04-01T19:48:43.851Z` exactly, as Kustomer writes every timestamp: read in place.
/// Ordering a long conversation reads two for every message, and the general reader's
/// splitting and number parsing were a tenth of its first view.
fn utc_millis_form(b: &[u8]) -> Option<i64> {
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (23, b'Z')];
    if b.len() != 24 || separators.iter().any(|&(at, c)| b[at] != c) {
        return None;
    }
    let number = |from: usize, to: usize| {
        b[from..to].iter().try_fold(0_i64, |value, &c| c.is_ascii_digit().then(|| value * 10 + i64::from(c - b'0')))
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second, millis) = (number(11, 13)?, number(14, 16)?, number(17, 19)?, number(20, 23)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month as u32, day as u32);
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis)
}

/// The general reader alone, for the property test of the short path.
#[cfg(test)]
pub fn parse_any_form(text: &str) -> Option<i64> {
    any_form(text)
}

fn any_form(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = text.split_once('T')?;
    let mut date_parts = date.splitn(3, '-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: u32 = date_parts.next()?.parse().ok()?;
    let day: u32 = date_parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset_minutes) = split_offset(rest)?;
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, fraction),
        None => (clock, ""),
    };
    let mut hms_parts = hms.splitn(3, ':');
    let hour: i64 = hms_parts.next()?.parse().ok()?;
    let minute: i64 = hms_parts.next()?.parse().ok()?;
    let second: i64 = hms_parts.next().unwrap_or("0").parse().ok()?;
    if hour > 23 || minute > 59 || second > 60 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // The first three digits, as milliseconds: ".85" is 850.
    let millis = fraction.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0, |ms, c| ms * 10 + i64::from(c - b'0'));
    let days = days_from_civil(year, month, day);
    Some(((days * 24 + hour) * 60 + minute - offset_minutes) * 60_000 + second * 1000 + millis)
}

fn split_offset(rest: &str) -> Option<(&str, i64)> {
    if let Some(clock) = rest.strip_suffix('Z').or_else(|| rest.strip_suffix('z')) {
        return Some((clock, 0));
    }
    let sign_idx = rest.rfind(['+', '-'])?;
    let (clock, offset) = rest.split_at(sign_idx);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (hours, minutes) = offset[1..].split_once(':').unwrap_or((&offset[1..], "0"));
    Some((clock, sign * (hours.parse::<i64>().ok()? * 60 + minutes.parse::<i64>().ok()?)))
}

/// The UTC minute of a timestamp written as Kustomer writes them, `2026-11-19T08:12:05.000Z`
/// giving `2026-11-19T08:12`; `None` for any other form. Every time zone is a whole number
/// of minutes from UTC, so the timestamps of one UTC minute show one local time.
pub fn utc_minute(iso: &str) -> Option<&str> {
    let b = iso.as_bytes();
    let shape = b.len() >= 20
        && iso.ends_with('Z')
        && [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')].iter().all(|&(at, c)| b[at] == c)
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18].iter().all(|&at| b[at].is_ascii_digit())
        && b[17] < b'6';
    (shape && parse_iso_ms(iso).is_some()).then(|| &iso[..16])
}

/// The UTC quarter hour of such a timestamp, as its hour (`2026-11-19T08`) and quarter
/// (0 to 3). Time zones since the 1970s are whole quarter hours from UTC and change their
/// offset at quarter-hour instants, so the timestamps of one quarter hour fall on one local day.
pub fn utc_quarter_hour(iso: &str) -> Option<(&str, u8)> {
    let minute = utc_minute(iso)?.as_bytes();
    let minutes = (minute[14] - b'0') * 10 + (minute[15] - b'0');
    Some((&iso[..13], minutes / 15))
}

/// Formats as `2021-04-01T19:48:43.851Z`.
pub fn iso_from_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

// Howard Hinnant's days-from-civil algorithm, proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = month as i64;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_minute_and_quarter_hour_only_for_utc_timestamps_in_kustomer_form() {
        assert_eq!(utc_minute("2026-11-19T08:12:05.000Z"), Some("2026-11-19T08:12"));
        assert_eq!(utc_minute("2026-11-19T08:12:59Z"), Some("2026-11-19T08:12"));
        for other in [
            "2026-11-19T08:12:05+02:00",
            "2026-11-19 08:12:05Z",
            "2026-11-19T08:12Z",
            "2026-11-19T08:12:60Z",
            "2026-11-19T24:12:05Z",
            "2026-13-19T08:12:05Z",
            "x026-11-19T08:12:05Z",
            "2026-11-19T08:12:05.000",
        ] {
            assert_eq!(utc_minute(other), None, "{other}");
        }
        assert_eq!(utc_quarter_hour("2026-11-19T08:14:59.999Z"), Some(("2026-11-19T08", 0)));
        assert_eq!(utc_quarter_hour("2026-11-19T08:15:00.000Z"), Some(("2026-11-19T08", 1)));
        assert_eq!(utc_quarter_hour("2026-11-19T08:59:00.000Z"), Some(("2026-11-19T08", 3)));
        assert_eq!(utc_quarter_hour("2026-11-19T08:59:00+01:00"), None);
    }

    #[test]
    fn known_instants() {
        assert_eq!(parse_iso_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_iso_ms("2021-04-01T19:48:43.851Z"), Some(1_617_306_523_851));
        assert_eq!(iso_from_ms(1_617_306_523_851), "2021-04-01T19:48:43.851Z");
        assert_eq!(parse_iso_ms("2021-04-01T21:48:43.851+02:00"), Some(1_617_306_523_851));
        assert_eq!(parse_iso_ms("2021-04-01T19:48:43.85Z"), Some(1_617_306_523_850));
        assert_eq!(parse_iso_ms("2021-04-01T19:48Z"), Some(1_617_306_480_000));
    }

    #[test]
    fn round_trips_across_leap_years_and_before_the_epoch() {
        for ms in [-86_400_000_i64, 951_782_400_000, 1_709_164_800_123, 4_102_444_799_999] {
            assert_eq!(parse_iso_ms(&iso_from_ms(ms)), Some(ms), "{}", iso_from_ms(ms));
        }
        assert_eq!(iso_from_ms(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for text in
            ["", "yesterday", "2021-13-01T00:00:00Z", "2021-04-01", "2021-04-01T25:00:00Z", "2021-04-01T10:00:00.1x2Z"]
        {
            assert_eq!(parse_iso_ms(text), None, "{text}");
        }
    }
}
