//! The Salesforce side: SOQL and SOSL built safely, query and search results read
//! tolerantly, errors and the API usage header understood, and a read-only client.

pub mod client;
pub mod errors;
pub mod limits;
pub mod model;
pub mod soql;
pub mod sosl;
