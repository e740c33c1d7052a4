//! Kustomer's cache fallback: when Salesforce answers one of the card's commands with an
//! error (any 4xx or 5xx, the API limit among them), Kustomer serves the last answer it
//! kept for that command instead, up to 24 hours old, marked `cacheFallback`. The
//! Kustomer card hands that mark to the widget as response headers, so that a saved
//! answer is never shown as a fresh one.

use crate::transport::Response;

/// Present on a saved answer: the status Kustomer reported with it when that was an
/// error status (`403`), or `true` when it reported none.
pub const FALLBACK_HEADER: &str = "x-cache-fallback";
/// When the saved answer was first given, in milliseconds since the epoch, when known.
pub const SAVED_AT_HEADER: &str = "x-cache-saved-at";

/// An answer Kustomer kept and served in place of Salesforce's error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HostSaved {
    /// The error Salesforce gave this time, when Kustomer said which.
    pub status: Option<u16>,
    /// When Salesforce gave the saved answer, when known.
    pub saved_at_ms: Option<f64>,
}

impl HostSaved {
    /// The mark on a response, if it carries one.
    pub fn of(response: &Response) -> Option<HostSaved> {
        let mark = response.header(FALLBACK_HEADER)?;
        let status = mark.trim().parse::<u16>().ok().filter(|status| (400..=599).contains(status));
        let saved_at_ms = response
            .header(SAVED_AT_HEADER)
            .and_then(|value| value.trim().parse::<f64>().ok())
            .filter(|ms| ms.is_finite() && *ms > 0.0);
        Some(HostSaved { status, saved_at_ms })
    }

    /// One mark for several answers: the first error said, and the oldest time, since the
    /// card is only as fresh as its oldest part. A part whose time is unknown makes the
    /// whole unknown.
    pub fn join(first: Option<HostSaved>, second: Option<HostSaved>) -> Option<HostSaved> {
        match (first, second) {
            (Some(a), Some(b)) => Some(HostSaved {
                status: a.status.or(b.status),
                saved_at_ms: match (a.saved_at_ms, b.saved_at_ms) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    _ => None,
                },
            }),
            (one, other) => one.or(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)]) -> Response {
        let mut response = Response::new(200, "{}");
        response.headers = headers.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
        response
    }

    #[test]
    fn the_mark_gives_the_error_and_the_time_when_said() {
        assert_eq!(HostSaved::of(&response(&[])), None, "a fresh answer");
        assert_eq!(
            HostSaved::of(&response(&[(FALLBACK_HEADER, "403"), (SAVED_AT_HEADER, "1764000000000")])),
            Some(HostSaved { status: Some(403), saved_at_ms: Some(1_764_000_000_000.0) })
        );
        assert_eq!(
            HostSaved::of(&response(&[(FALLBACK_HEADER, "true"), (SAVED_AT_HEADER, "yesterday")])),
            Some(HostSaved { status: None, saved_at_ms: None }),
            "a mark without a status or a readable time is still a saved answer"
        );
        assert_eq!(HostSaved::of(&response(&[(FALLBACK_HEADER, "200")])).unwrap().status, None, "not an error status");
    }

    #[test]
    fn joined_marks_keep_the_oldest_time_and_the_first_error() {
        let a = HostSaved { status: None, saved_at_ms: Some(2000.0) };
        let b = HostSaved { status: Some(403), saved_at_ms: Some(1000.0) };
        assert_eq!(HostSaved::join(Some(a), Some(b)), Some(HostSaved { status: Some(403), saved_at_ms: Some(1000.0) }));
        assert_eq!(HostSaved::join(None, Some(a)), Some(a));
        assert_eq!(HostSaved::join(None, None), None);
        let unknown = HostSaved { status: None, saved_at_ms: None };
        assert_eq!(HostSaved::join(Some(a), Some(unknown)).unwrap().saved_at_ms, None);
    }
}
