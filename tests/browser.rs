//! Browser tests: the widget mounted through its host API in headless Chromium.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/support.rs"]
mod support;

#[path = "browser/host_api.rs"]
mod host_api;

#[path = "browser/config_errors.rs"]
mod config_errors;

#[path = "browser/conversation_header.rs"]
mod conversation_header;

#[path = "browser/conversation_messages.rs"]
mod conversation_messages;

#[path = "browser/email_isolation.rs"]
mod email_isolation;

#[path = "browser/insight_card.rs"]
mod insight_card;

#[path = "browser/case_section.rs"]
mod case_section;

#[path = "browser/faults.rs"]
mod faults;

#[path = "browser/insight_refusals.rs"]
mod insight_refusals;

#[path = "browser/quoted_history.rs"]
mod quoted_history;

#[path = "browser/every_agent.rs"]
mod every_agent;

#[path = "browser/strings_in.rs"]
mod strings_in;

#[path = "browser/intl.rs"]
mod intl;

#[path = "browser/clock.rs"]
mod clock;

#[path = "browser/staying_current.rs"]
mod staying_current;

#[path = "browser/find.rs"]
mod find;

#[path = "browser/diagnostics.rs"]
mod diagnostics;

#[path = "browser/related_lists.rs"]
mod related_lists;
