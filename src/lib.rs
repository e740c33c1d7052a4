//! A read-only Kustomer ⇄ Salesforce widget: the Kustomer conversation view for a
//! Salesforce Case page and the Salesforce Insight Card for the Kustomer sidebar, in one
//! WebAssembly module.
//!
//! Module map:
//! - [`config`]: the configuration a host passes to `mount`, and its validation.
//! - [`transport`]: one trait for GET requests, with the proxy, host and demo transports.
//! - [`kustomer`] and [`conversation`]: the Kustomer model and client, and what the
//!   conversation view loads; [`content`] makes untrusted message content safe to show.
//! - [`salesforce`], [`insight`] and [`cache`]: SOQL, the Insight Card's queries, and its
//!   cache policy.
//! - [`case_sync`]: the Case payload the sync sends, computed, never sent.
//! - [`diagnostics`]: records of failures for admins, with nothing private in them.
//! - [`render`]: escaped markup for content that does not change once loaded.
//! - [`strings`]: every word the widget shows an agent, ready for translation.
//! - [`demo`]: the embedded demo org, served in the real wire formats.
//! - `browser`, `ui` and `host_api` (wasm32 only): browser glue, the Leptos views and
//!   the `mount` API.
//!
//! Everything outside `browser`, `ui` and `host_api` is plain Rust with no browser in it
//! and is tested natively with `cargo test`.

pub mod cache;
pub mod case_sync;
pub mod config;
pub mod content;
pub mod conversation;
#[cfg(feature = "demo")]
pub mod demo;
pub mod diagnostics;
pub mod escape;
pub mod insight;
pub mod json;
pub mod kustomer;
pub mod order;
pub mod problem;
pub mod render;
pub mod salesforce;
pub mod strings;
pub mod time;
pub mod transport;

#[cfg(test)]
#[path = "build/css.rs"]
mod css_build;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod test_support;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod host_api;
#[cfg(target_arch = "wasm32")]
pub mod ui;
