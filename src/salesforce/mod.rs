//! The Salesforce side: SOQL and SOSL built safely, admins' related list filters read in a
//! safe subset of SOQL, query and search results read tolerantly, errors, the API usage
//! header and Kustomer's saved answers understood, and a read-only client.

pub mod client;
pub mod errors;
pub mod filter;
pub mod host_saved;
pub mod limits;
pub mod model;
pub mod object_info;
pub mod soql;
pub mod sosl;
