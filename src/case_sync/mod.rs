//! What the case-sync workflow sends to Salesforce for a conversation, computed and shown,
//! never sent: whether it syncs, the Case fields of the default mapping, and the
//! admin's custom attribute matching with the upsert request it makes.

pub mod mapping;
pub mod template;
pub mod values;
