//! The Kustomer side: the JSON:API model, the read-only client and what its errors mean
//! to the person looking at the widget.

pub mod client;
pub mod directory;
pub mod errors;
pub mod message;
pub mod model;

pub use client::KustomerClient;
pub use model::{Channel, Conversation, Customer, Resource, User};
