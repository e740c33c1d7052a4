//! The fixed vocabulary of what went wrong. A closed list, so that an admin (or a log
//! viewer's filter) can rely on every name, and so that no record can carry a made-up text.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `request-failed`: the request got no answer (offline, DNS, CORS, the host's
    /// request rejected, a timeout).
    RequestFailed,
    /// `request-refused`: the service answered with an HTTP error status.
    RequestRefused,
    /// `unreadable-response`: an answer came, but not in the shape the API documents (or
    /// the host's `hostFetch` resolved to something that is not a response).
    UnreadableResponse,
    /// `rate-limited`: Kustomer answered 429, too many requests for now.
    RateLimited,
    /// `api-limit`: Salesforce answered `REQUEST_LIMIT_EXCEEDED`, the org's daily API
    /// allowance is spent.
    ApiLimit,
    /// `config-error`: the configuration the host passed is not valid.
    ConfigError,
    /// `panic`: the widget itself failed (a bug), not a service.
    Panic,
    /// `saved-data`: a view shows data saved earlier because fresh data could not be had.
    SavedData,
}

impl Kind {
    /// Every kind, in the order above.
    pub const ALL: [Kind; 8] = [
        Kind::RequestFailed,
        Kind::RequestRefused,
        Kind::UnreadableResponse,
        Kind::RateLimited,
        Kind::ApiLimit,
        Kind::ConfigError,
        Kind::Panic,
        Kind::SavedData,
    ];

    /// The name written in records: lower case words joined by `-`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::RequestFailed => "request-failed",
            Kind::RequestRefused => "request-refused",
            Kind::UnreadableResponse => "unreadable-response",
            Kind::RateLimited => "rate-limited",
            Kind::ApiLimit => "api-limit",
            Kind::ConfigError => "config-error",
            Kind::Panic => "panic",
            Kind::SavedData => "saved-data",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_lower_case_words() {
        let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.name()).collect();
        for (index, name) in names.iter().enumerate() {
            assert!(name.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'-'), "{name}");
            assert!(!names[index + 1..].contains(name), "{name} twice");
        }
    }
}
