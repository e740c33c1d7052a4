//! The embedded demo org. It answers the same paths as Kustomer and Salesforce, in their
//! wire formats (JSON:API pages with `links.next`; query results with `attributes` and
//! `nextRecordsUrl`; error bodies), so that the preview and the tests exercise the real
//! clients and parsers. Each [`Scenario`] is a situation a live org can be in.

use std::cell::RefCell;
use std::collections::HashSet;

use serde_json::{json, Value};

use crate::config::Scenario;
use crate::transport::{decode_percent, Request, Response, Service};

mod email_thread;
mod files;
pub mod ids;
pub mod kustomer_data;
mod object_info;
pub mod salesforce_data;
mod salesforce_records;
mod script;
mod soql;
mod sosl;

/// Whether the demo org's SOQL reader accepts a query: a check for the query builder's
/// tests.
pub fn soql_check(soql: &str) -> Result<(), String> {
    soql::run(soql, "v62.0", 0).map(|_| ()).map_err(|error| format!("{}: {}", error.code, error.message))
}

/// Kustomer's page size when the request does not say.
const DEFAULT_PAGE_SIZE: usize = 100;
/// Latency of the `slow` scenario.
pub const SLOW_MS: u32 = 1_500;

/// The demo org with a scenario. Its only state is which paths were already
/// rate-limited, so that the `kustomer-rate-limit` scenario answers `429` once a path.
pub struct DemoOrg {
    scenario: Scenario,
    rate_limited: RefCell<HashSet<String>>,
}

impl DemoOrg {
    pub fn new(scenario: Scenario) -> Self {
        DemoOrg { scenario, rate_limited: RefCell::new(HashSet::new()) }
    }

    /// The response to a request, as the org would send it; `now_ms` dates the rate
    /// limit's reset.
    pub fn respond(&self, request: &Request, now_ms: f64) -> Response {
        match self.scenario {
            Scenario::ServerError => return server_error(request.service),
            Scenario::Unreadable => {
                return Response::new(200, "<html><body>Down for maintenance</body></html>")
                    .with_header("content-type", "text/html")
            }
            // On purpose: the scenario exists to exercise the widget's panic report.
            Scenario::Crash => panic!("the demo org's crash scenario failed on {}", request.path),
            Scenario::SalesforceLimit if request.service == Service::Salesforce => {
                return salesforce_data::limit_exceeded()
            }
            // Each path is limited once, then answers.
            Scenario::KustomerRateLimit
                if request.service == Service::Kustomer
                    && self.rate_limited.borrow_mut().insert(request.path.clone()) =>
            {
                let reset_s = (now_ms / 1000.0) as u64 + 1;
                return kustomer_error(429, "rate.limit", "Rate limit exceeded")
                    .with_header("x-ratelimit-limit", "300")
                    .with_header("x-ratelimit-remaining", "0")
                    .with_header("x-ratelimit-reset", format!("{reset_s}"));
            }
            _ => {}
        }
        match request.service {
            Service::Kustomer => kustomer(&request.path),
            Service::Salesforce => salesforce_data::respond(&request.path),
        }
    }

    pub fn scenario(&self) -> Scenario {
        self.scenario
    }

    pub fn latency_ms(&self) -> u32 {
        if self.scenario == Scenario::Slow {
            SLOW_MS
        } else {
            0
        }
    }
}

fn kustomer(path_and_query: &str) -> Response {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let segments: Vec<String> = path.trim_matches('/').split('/').map(|s| decode_percent(s, false)).collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let found = match segments.as_slice() {
        ["v1", "conversations", id] => kustomer_data::conversation(id).map(|data| json!({ "data": data })),
        ["v1", "conversations", id, "messages"] => kustomer_data::messages(id).map(|mut messages| {
            // Newest first, as list endpoints commonly answer: clients must sort.
            messages.reverse();
            page(messages, path, query)
        }),
        ["v1", "conversations", id, "attachments"] => {
            kustomer_data::attachments(id).map(|files| page(files, path, query))
        }
        ["v1", "customers", id] => kustomer_data::customer(id).map(|data| json!({ "data": data })),
        ["v1", "users"] => Some(page(kustomer_data::users(), path, query)),
        ["v1", "users", id] => kustomer_data::user(id).map(|data| json!({ "data": data })),
        _ => None,
    };
    match found {
        Some(document) => Response::new(200, document.to_string())
            .with_header("content-type", "application/json")
            .with_header("x-ratelimit-limit", "300")
            .with_header("x-ratelimit-remaining", "297"),
        None => kustomer_error(404, "not.found", "Not Found"),
    }
}

/// One page of a list, with JSON:API links and `meta`.
fn page(items: Vec<Value>, path: &str, query: &str) -> Value {
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .and_then(|(_, value)| value.parse::<usize>().ok())
    };
    let page_size = param("pageSize").unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, DEFAULT_PAGE_SIZE);
    let page_number = param("page").unwrap_or(1).max(1);
    let start = (page_number - 1) * page_size;
    let slice: Vec<Value> = items.iter().skip(start).take(page_size).cloned().collect();
    let link = |n: usize| json!(format!("{path}?page={n}&pageSize={page_size}"));
    let next = if start + page_size < items.len() { link(page_number + 1) } else { Value::Null };
    let prev = if page_number > 1 { link(page_number - 1) } else { Value::Null };
    json!({
        "data": slice,
        "links": { "self": link(page_number), "first": link(1), "prev": prev, "next": next },
        "meta": { "page": page_number, "pageSize": page_size }
    })
}

fn kustomer_error(status: u16, code: &str, title: &str) -> Response {
    let body = json!({ "errors": [{ "status": status, "code": code, "title": title }] });
    Response::new(status, body.to_string()).with_header("content-type", "application/json")
}

fn server_error(service: Service) -> Response {
    match service {
        Service::Kustomer => kustomer_error(500, "server.error", "Internal Server Error"),
        Service::Salesforce => Response::new(
            500,
            json!([{ "message": "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)", "errorCode": "UNKNOWN_EXCEPTION" }]).to_string(),
        )
        .with_header("content-type", "application/json"),
    }
}

#[cfg(test)]
mod tests;
