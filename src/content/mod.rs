//! Untrusted message content made safe to show: text stays text (with its links made
//! clickable and nothing else live), and email HTML is prepared for a sandboxed frame.

pub mod email;
pub mod text;
