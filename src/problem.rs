//! A failure a view shows instead of its data: one sentence for people, whether a Retry
//! can help, and the service's own words for a "Details" disclosure. Each data source
//! words its own failures (Kustomer roles, Salesforce connection, quota) and hands the
//! view a `Problem`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub retry: bool,
    /// The raw error (code and message) behind the sentence, when there is one.
    pub details: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>, retry: bool) -> Problem {
        Problem { message: message.into(), retry, details: None }
    }
}
