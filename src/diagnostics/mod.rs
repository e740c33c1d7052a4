//! Diagnostic records for admins: what went wrong (a request that failed or was refused,
//! an answer that could not be read, a limit reached, a bad configuration, a panic, a
//! fallback to saved data), in which view, against which service and path, and how often.
//!
//! An admin reads these in the browser console or pastes them into a support ticket, so a
//! record must never carry anything about a customer, an agent or the org's data: no
//! message text, no name, no email, no phone number, no record id, no query literal. That
//! holds by construction, not by care at each call site:
//!
//! - a [`Record`] is built from typed fields only (a [`Kind`], a view, a service, numbers)
//!   and never from an error's free text (`FetchError`'s `detail` and `message` are not
//!   read);
//! - the three text fields are kept only when their whole text has a shape private data
//!   does not have: an [`ErrorCode`] is a platform code (`REQUEST_LIMIT_EXCEEDED`,
//!   `not.found`), a [`ConfigKey`] a key path (`visibility.leads`), and a request path
//!   becomes a [`PathTemplate`] in which every id, number, email and query value is a
//!   placeholder (`/v1/conversations/{id}/messages?page={n}`);
//! - everything a record writes is plain ASCII from a small alphabet, so text in any other
//!   script, an `@`, a quote or a line break cannot appear in it at all.
//!
//! The records go to the admin alone: nothing here sends them to a third party. A [`Log`]
//! folds repeats and caps how many are announced, so that a failing loop cannot flood the
//! console. Everything is pure (time is passed in) and tested natively; the browser wiring
//! lives with the views.

mod fields;
mod kind;
mod log;
mod path;
mod record;

pub use fields::{ConfigKey, ErrorCode};
pub use kind::Kind;
pub use log::Log;
pub use path::{path_template, PathTemplate};
pub use record::{view_name, Record, VERSION};

#[cfg(test)]
mod privacy_tests;
