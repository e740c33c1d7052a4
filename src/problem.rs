//! A failure a view shows instead of its data: one sentence for people, and whether a
//! Retry can help. Each data source words its own failures (Kustomer roles, Salesforce
//! connection, quota) and hands the view a `Problem`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub retry: bool,
}
