//! The Salesforce side: SOQL built safely, query results read tolerantly, errors and the
//! API usage header understood, and a read-only client.

pub mod client;
pub mod limits;
pub mod model;
pub mod soql;
