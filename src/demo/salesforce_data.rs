//! The demo org's Salesforce side: Accounts (with a parent), Contacts (two sharing one
//! email), Leads, Opportunities open and closed, and the Cases that case sync created.
//! Queries are answered by [`super::soql`], which evaluates the subset of SOQL the widget
//! sends against the records of [`super::salesforce_records`].

use serde_json::json;

use super::soql;
use crate::transport::{decode_percent, Response};

/// Answers `/services/data/vNN.0/query?q=…`, its `nextRecordsUrl` continuations, and
/// `/services/data/vNN.0/search/?q=…`.
pub fn respond(path_and_query: &str) -> Response {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let version = match segments.as_slice() {
        ["services", "data", version, "query" | "search" | "ui-api", ..] if version.starts_with('v') => *version,
        _ => return error(404, "NOT_FOUND", "The requested resource does not exist"),
    };
    let result = match segments.as_slice() {
        [_, _, _, "query"] => {
            let Some(soql) = query.split('&').find_map(|pair| pair.strip_prefix("q=")) else {
                return error(400, "MALFORMED_QUERY", "A query string has to be specified");
            };
            soql::run(&decode_percent(soql, true), version, 0)
        }
        [_, _, _, "search"] => {
            let Some(sosl) = query.split('&').find_map(|pair| pair.strip_prefix("q=")) else {
                return error(400, "MALFORMED_SEARCH", "A search string has to be specified");
            };
            super::sosl::run(&decode_percent(sosl, true))
        }
        [_, _, _, "ui-api", "object-info", "batch", names] => {
            return Response::new(200, super::object_info::batch(&decode_percent(names, false)).to_string())
                .with_header("content-type", "application/json;charset=UTF-8")
                .with_header("sforce-limit-info", "api-usage=18342/100000")
        }
        // Continuations encode the query and the offset: `query/{cursor}-{offset}`.
        [_, _, _, "query", locator] => match soql::resume(locator, version) {
            Some(result) => result,
            None => return error(400, "INVALID_QUERY_LOCATOR", "invalid query locator"),
        },
        _ => return error(404, "NOT_FOUND", "The requested resource does not exist"),
    };
    match result {
        Ok(body) => Response::new(200, body.to_string())
            .with_header("content-type", "application/json;charset=UTF-8")
            .with_header("sforce-limit-info", "api-usage=18342/100000"),
        Err(soql::QueryError { code, message }) => error(400, code, &message),
    }
}

/// Salesforce's error body: a JSON array of `{message, errorCode}`.
pub fn error(status: u16, code: &str, message: &str) -> Response {
    Response::new(status, json!([{ "message": message, "errorCode": code }]).to_string())
        .with_header("content-type", "application/json;charset=UTF-8")
}

pub fn limit_exceeded() -> Response {
    error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
        .with_header("sforce-limit-info", "api-usage=100012/100000")
}
