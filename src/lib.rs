//! A read-only Kustomer ⇄ Salesforce widget: the Kustomer conversation view for a
//! Salesforce Case page and the Salesforce Insight Card for the Kustomer sidebar, in one
//! WebAssembly module.
//!
//! Module map:
//! - [`config`]: the configuration a host passes to `mount`, and its validation.
//! - [`transport`]: one trait for GET requests, with the proxy, host and demo transports.
//! - [`kustomer`]: the Kustomer JSON:API model and client.
//! - [`demo`]: the embedded demo org, served in the real wire formats.
//! - `ui` and `host_api` (wasm32 only): the Leptos views and the `mount` API.
//!
//! Everything outside `ui` and `host_api` is plain Rust with no browser in it and is
//! tested natively with `cargo test`.

pub mod cache;
pub mod case_sync;
pub mod config;
pub mod content;
pub mod conversation;
#[cfg(feature = "demo")]
pub mod demo;
pub mod insight;
pub mod json;
pub mod kustomer;
pub mod render;
pub mod salesforce;
pub mod time;
pub mod transport;

#[cfg(test)]
mod test_support;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod host_api;
#[cfg(target_arch = "wasm32")]
pub mod ui;
