//! Markup for content that does not change once loaded (a conversation's messages),
//! written as text by a writer that escapes every value. Rendering thousands of messages
//! this way is one `innerHTML` per batch: fast, and a fraction of the code that typed
//! views need for the same markup. Everything interactive around it stays in Leptos.

pub mod case;
pub mod header;
pub mod html;
pub mod insight;
pub mod messages;
pub mod related;
pub mod states;
pub mod transcript;
pub mod window;
