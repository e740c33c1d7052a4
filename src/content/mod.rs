//! Untrusted message content made safe to show: text stays text (with its links made
//! clickable and nothing else live), email HTML is prepared for a sandboxed frame, and
//! replies are cut where their quoted history starts.

pub mod email;
pub mod plain;
pub mod quote;
pub mod text;
