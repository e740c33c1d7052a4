//! Reads Salesforce through a [`Transport`]: SOQL queries, every batch, with the API usage
//! each answer reports. Read-only: every request is a GET.

use serde_json::Value;

use super::host_saved::HostSaved;
use super::limits::ApiUsage;
use super::model::QueryResult;
use super::object_info::{batch_path, read_batch, Described};
use super::sosl::search_records;
use crate::json::str_at;
use crate::transport::{encode_query_value, FetchError, Request, Response, Service, Transport};

/// A query that keeps saying "not done" is cut off here rather than followed forever.
const MAX_BATCHES: usize = 50;

pub struct SalesforceClient<'a> {
    transport: &'a dyn Transport,
    api_version: &'a str,
}

/// Every record of a query, the last API usage reading seen while fetching them, and
/// whether any answer was one Kustomer saved earlier rather than Salesforce's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Records {
    pub records: Vec<Value>,
    pub usage: Option<ApiUsage>,
    pub host_saved: Option<HostSaved>,
}

/// What the answers of one query or search said besides their records.
#[derive(Default)]
struct Seen {
    usage: Option<ApiUsage>,
    host_saved: Option<HostSaved>,
}

impl<'a> SalesforceClient<'a> {
    pub fn new(transport: &'a dyn Transport, api_version: &'a str) -> Self {
        SalesforceClient { transport, api_version }
    }

    /// The API version in every path, for messages about it.
    pub fn api_version(&self) -> &str {
        self.api_version
    }

    pub async fn query(&self, soql: &str) -> Result<Records, FetchError> {
        let mut path = format!("/services/data/{}/query?q={}", self.api_version, encode_query_value(soql));
        let mut records = Vec::new();
        let mut seen = Seen::default();
        for _ in 0..MAX_BATCHES {
            let body = self.get(&path, &mut seen).await?;
            let batch = QueryResult::from_value(&body)
                .ok_or_else(|| self.unreadable(&path, decode("a query answer without records")))?;
            records.extend(batch.records);
            match (batch.done, batch.next_records_url) {
                (false, Some(next)) if next.starts_with("/services/data/") => path = next,
                _ => break,
            }
        }
        Ok(Records { records, usage: seen.usage, host_saved: seen.host_saved })
    }

    /// A SOSL search: one answer, every object's records together (each carries its
    /// `attributes.type`). Searches are not paged.
    pub async fn search(&self, sosl: &str) -> Result<Records, FetchError> {
        let path = format!("/services/data/{}/search/?q={}", self.api_version, encode_query_value(sosl));
        let mut seen = Seen::default();
        let body = self.get(&path, &mut seen).await?;
        let records = search_records(&body)
            .ok_or_else(|| self.unreadable(&path, decode("a search answer without searchRecords")))?;
        Ok(Records { records, usage: seen.usage, host_saved: seen.host_saved })
    }

    /// What the org says of `objects` (API names, already checked), in one request: the
    /// objects it described and the ones it would not.
    pub async fn object_info(&self, objects: &[&str]) -> Result<Described, FetchError> {
        let path = batch_path(self.api_version, objects);
        let body = self.get(&path, &mut Seen::default()).await?;
        read_batch(&body, objects)
            .ok_or_else(|| self.unreadable(&path, decode("an object info answer without results")))
    }

    /// One GET: the body as JSON, the usage header and a saved answer's mark noted, an
    /// error status as an error.
    async fn get(&self, path: &str, seen: &mut Seen) -> Result<Value, FetchError> {
        let response = self.transport.get(&Request::new(Service::Salesforce, path)).await?;
        seen.usage = response.header("sforce-limit-info").and_then(ApiUsage::parse).or(seen.usage);
        seen.host_saved = HostSaved::join(seen.host_saved, HostSaved::of(&response));
        if !response.is_success() {
            return Err(http_error(&response));
        }
        crate::json::parse(&response.body)
            .map_err(|error| self.unreadable(path, decode(&format!("the answer is not JSON ({error})"))))
    }

    /// `error`, an answer that could not be read, after telling the transport's
    /// diagnostics (a failed request the transport has recorded already).
    fn unreadable(&self, path: &str, error: FetchError) -> FetchError {
        self.transport.report(&Request::new(Service::Salesforce, path), &error);
        error
    }
}

fn decode(detail: &str) -> FetchError {
    FetchError::Decode { service: Service::Salesforce, detail: detail.to_string() }
}

/// Salesforce errors are a JSON array of `{message, errorCode}`.
pub fn http_error(response: &Response) -> FetchError {
    let body: Value = crate::json::parse(&response.body).unwrap_or(Value::Null);
    let first = body.get(0).or(Some(&body)).unwrap_or(&Value::Null);
    FetchError::Http {
        service: Service::Salesforce,
        status: response.status,
        code: str_at(first, "errorCode"),
        message: str_at(first, "message").map(|m| m.trim().to_string()),
    }
}

/// `INVALID_FIELD` names the field and the object: "No such column 'X' on entity 'Y'".
pub fn invalid_field(error: &FetchError) -> Option<(String, String)> {
    let FetchError::Http { code: Some(code), message: Some(message), .. } = error else { return None };
    if code != "INVALID_FIELD" {
        return None;
    }
    let rest = &message[message.find("No such column '")? + 16..];
    let (field, rest) = rest.split_once('\'')?;
    let rest = &rest[rest.find("entity '")? + 8..];
    let (object, _) = rest.split_once('\'')?;
    Some((field.to_string(), object.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;
    use crate::test_support::{block_on, FakeClock, ScriptedTransport};
    use crate::transport::demo::DemoTransport;

    #[test]
    fn follows_next_records_url_and_reads_the_usage() {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock);
        let client = SalesforceClient::new(&transport, "v62.0");
        let result = block_on(client.query("SELECT Id, Name FROM Opportunity")).unwrap();
        assert_eq!(result.records.len(), 6, "two batches of three");
        assert_eq!(result.usage, Some(ApiUsage { used: 18342, limit: 100000 }));
    }

    #[test]
    fn the_query_is_encoded_into_the_path() {
        let transport =
            ScriptedTransport::new(vec![Ok(Response::new(200, r#"{"totalSize":0,"done":true,"records":[]}"#))]);
        let client = SalesforceClient::new(&transport, "v62.0");
        block_on(client.query("SELECT Id FROM Contact WHERE Email = 'o\\'neil@x.co'")).unwrap();
        assert_eq!(
            transport.requests.borrow()[0].path,
            "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Contact%20WHERE%20Email%20%3D%20%27o%5C%27neil%40x.co%27"
        );
    }

    #[test]
    fn error_arrays_become_codes_and_invalid_fields_are_named() {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock);
        let client = SalesforceClient::new(&transport, "v62.0");
        let error = block_on(client.query("SELECT Id, Shoe_Size__c FROM Contact")).unwrap_err();
        assert_eq!(error.status(), Some(400));
        assert_eq!(invalid_field(&error), Some(("Shoe_Size__c".to_string(), "Contact".to_string())));

        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::SalesforceLimit, clock);
        let client = SalesforceClient::new(&transport, "v62.0");
        let error = block_on(client.query("SELECT Id FROM Contact")).unwrap_err();
        assert!(
            matches!(&error, FetchError::Http { status: 403, code: Some(code), .. } if code == "REQUEST_LIMIT_EXCEEDED"),
            "{error:?}"
        );
        assert_eq!(invalid_field(&error), None);
    }

    #[test]
    fn a_body_that_is_not_a_query_result_is_a_decode_error() {
        let transport =
            ScriptedTransport::new(vec![Ok(Response::new(200, "<html>login</html>")), Ok(Response::new(200, "{}"))]);
        let client = SalesforceClient::new(&transport, "v62.0");
        assert!(matches!(block_on(client.query("SELECT Id FROM Contact")), Err(FetchError::Decode { .. })));
        assert!(matches!(block_on(client.query("SELECT Id FROM Contact")), Err(FetchError::Decode { .. })));
    }
}
