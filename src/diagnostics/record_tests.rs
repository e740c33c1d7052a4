use serde_json::json;

use super::*;
use crate::json::compact;

fn kustomer(path: &str) -> Request {
    Request::new(Service::Kustomer, path)
}

fn salesforce(path: &str) -> Request {
    Request::new(Service::Salesforce, path)
}

fn http(service: Service, status: u16, code: Option<&str>) -> FetchError {
    FetchError::Http {
        service,
        status,
        code: code.map(str::to_string),
        message: Some("No Contact with Email priya@example.com".to_string()),
    }
}

#[test]
fn every_field_has_its_fixed_key() {
    let record = Record::new(Kind::RequestRefused, View::Conversation)
        .with_request(&kustomer("/v1/conversations/6140cefd91ffddd18144e08b"))
        .with_status(404)
        .with_error_code("not.found")
        .with_duration_ms(312)
        .with_config_key("context.conversationId");
    assert_eq!(
        record.to_json(),
        json!({
            "kind": "request-refused",
            "view": "conversation",
            "version": VERSION,
            "service": "kustomer",
            "status": 404,
            "errorCode": "not.found",
            "path": "/v1/conversations/{id}",
            "durationMs": 312,
            "configKey": "context.conversationId",
            "count": 1,
        })
    );
    assert_eq!(
        record.to_line(),
        format!(
            "request-refused view=conversation version={VERSION} service=kustomer status=404 errorCode=not.found \
             path=/v1/conversations/{{id}} durationMs=312 configKey=context.conversationId count=1"
        )
    );
}

#[test]
fn absent_fields_are_left_out() {
    let record = Record::panic(View::Insight);
    assert_eq!(
        compact(&record.to_json()),
        format!(r#"{{"count":1,"kind":"panic","version":"{VERSION}","view":"insight"}}"#)
    );
    assert_eq!(record.to_line(), format!("panic view=insight version={VERSION} count=1"));
}

#[test]
fn the_version_is_the_crates() {
    assert_eq!(VERSION, env!("CARGO_PKG_VERSION"));
    assert!(!VERSION.is_empty());
}

#[test]
fn a_code_without_a_codes_shape_is_dropped() {
    let record = Record::new(Kind::RequestRefused, View::Insight).with_error_code("Priya Raman");
    assert_eq!(record.error_code(), None);
    assert_eq!(record.to_json().get("errorCode"), None);
}

#[test]
fn fetch_errors_become_kinds_and_their_text_stays_out() {
    let request = kustomer("/v1/customers/priya%40example.com");
    let detail = "priya@example.com".to_string();
    let network = Record::from_fetch_error(
        View::Insight,
        &request,
        &FetchError::Network { service: Service::Kustomer, detail: detail.clone() },
    );
    assert_eq!(network.kind(), Kind::RequestFailed);
    assert_eq!(network.path(), Some("/v1/customers/{email}"));
    assert_eq!(network.service(), Some(Service::Kustomer));

    let timeout = Record::from_fetch_error(
        View::Insight,
        &request,
        &FetchError::Timeout { service: Service::Kustomer, after_ms: 15_000 },
    );
    assert_eq!((timeout.kind(), timeout.duration_ms()), (Kind::RequestFailed, Some(15_000)));

    let refused = Record::from_fetch_error(View::Insight, &request, &http(Service::Kustomer, 404, Some("not.found")));
    assert_eq!(
        (refused.kind(), refused.status(), refused.error_code()),
        (Kind::RequestRefused, Some(404), Some("not.found"))
    );

    let limited = Record::from_fetch_error(View::Insight, &request, &http(Service::Kustomer, 429, Some("rate.limit")));
    assert_eq!(limited.kind(), Kind::RateLimited);

    let query = salesforce("/services/data/v62.0/query?q=SELECT+Id+FROM+Contact");
    let spent = Record::from_fetch_error(
        View::Insight,
        &query,
        &http(Service::Salesforce, 403, Some("REQUEST_LIMIT_EXCEEDED")),
    );
    assert_eq!((spent.kind(), spent.status()), (Kind::ApiLimit, Some(403)));
    let forbidden =
        Record::from_fetch_error(View::Insight, &query, &http(Service::Salesforce, 403, Some("INSUFFICIENT_ACCESS")));
    assert_eq!(forbidden.kind(), Kind::RequestRefused);
    let no_code = Record::from_fetch_error(View::Insight, &query, &http(Service::Salesforce, 500, None));
    assert_eq!((no_code.kind(), no_code.error_code()), (Kind::RequestRefused, None));

    let decode = Record::from_fetch_error(
        View::Insight,
        &query,
        &FetchError::Decode { service: Service::Salesforce, detail: detail.clone() },
    );
    assert_eq!(decode.kind(), Kind::UnreadableResponse);
    let host = Record::from_fetch_error(View::Insight, &query, &FetchError::Host { detail: detail.clone() });
    assert_eq!((host.kind(), host.service()), (Kind::UnreadableResponse, Some(Service::Salesforce)));

    for record in [network, timeout, refused, limited, spent, forbidden, no_code, decode, host] {
        assert!(!compact(&record.to_json()).contains("priya"), "{}", record.to_line());
        assert!(!record.to_line().contains("priya"), "{}", record.to_line());
    }
}

#[test]
fn config_errors_keep_the_key_and_never_the_message() {
    let error = ConfigError::new("context.customerEmails.0", "expected an email, found \"Priya Raman\"");
    let record = Record::from_config_error(View::Insight, &error);
    assert_eq!(record.kind(), Kind::ConfigError);
    assert_eq!(record.config_key(), Some("context.customerEmails.0"));
    assert!(!record.to_line().contains("Priya"));
    let odd_key =
        Record::from_config_error(View::Insight, &ConfigError::new("context.priya@example.com", "unknown key"));
    assert_eq!(odd_key.config_key(), None);
}

#[test]
fn saved_data_names_its_service() {
    let record = Record::saved_data(View::Insight, Service::Salesforce);
    assert_eq!(record.to_line(), format!("saved-data view=insight version={VERSION} service=salesforce count=1"));
}

#[test]
fn the_same_event_is_everything_but_the_count() {
    let first = Record::new(Kind::RequestFailed, View::Conversation).with_status(502);
    let mut folded = first.clone();
    folded.fold_in(&first);
    assert_eq!(folded.count(), 2);
    assert!(folded.is_same_event(&first));
    assert!(!first.is_same_event(&first.clone().with_status(503)));
    assert!(!first.is_same_event(&Record::new(Kind::RequestFailed, View::Insight).with_status(502)));
}
