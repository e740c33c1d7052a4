use super::*;

#[test]
fn segments_are_encoded_so_ids_cannot_escape_their_segment() {
    assert_eq!(encode_segment("6140cefd91ffddd18144e08b"), "6140cefd91ffddd18144e08b");
    assert_eq!(encode_segment("../users?x=1"), "..%2Fusers%3Fx%3D1");
    assert_eq!(encode_segment("a b#c"), "a%20b%23c");
    assert_eq!(encode_segment(".."), "%2E%2E", "a dot-segment would climb a folder");
    assert_eq!(encode_segment("."), "%2E");
    assert_eq!(encode_segment("é"), "%C3%A9");
}

#[test]
fn percent_decoding_round_trips_and_tolerates_junk() {
    let text = "SELECT Id FROM Contact WHERE Email = 'o\\'neil@x.co' AND x = 100%";
    assert_eq!(decode_percent(&encode_query_value(text), false), text);
    assert_eq!(decode_percent("a+b%20c", true), "a b c");
    assert_eq!(decode_percent("50%", false), "50%");
    assert_eq!(decode_percent("%zz", false), "%zz");
}

#[test]
fn headers_are_found_case_insensitively() {
    let response = Response::new(200, "{}").with_header("Sforce-Limit-Info", "api-usage=1/10");
    assert_eq!(response.header("sforce-limit-info"), Some("api-usage=1/10"));
    assert_eq!(response.headers[0].0, "sforce-limit-info");
    assert_eq!(response.header("x-missing"), None);
}

#[test]
fn errors_explain_themselves() {
    let error = FetchError::Http {
        service: Service::Salesforce,
        status: 403,
        code: Some("REQUEST_LIMIT_EXCEEDED".into()),
        message: Some("TotalRequests Limit exceeded.".into()),
    };
    assert_eq!(error.to_string(), "Salesforce answered 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.");
    assert!(error.retry_can_help(), "the limit frees up over the day");
    let not_found = FetchError::Http { service: Service::Kustomer, status: 404, code: None, message: None };
    assert!(!not_found.retry_can_help(), "a missing record stays missing");
    assert!(FetchError::Decode { service: Service::Kustomer, detail: "truncated".into() }.retry_can_help());
    let timeout = FetchError::Timeout { service: Service::Kustomer, after_ms: 20_000 };
    assert_eq!(timeout.to_string(), "Kustomer did not answer within 20 seconds. Retry in a moment");
    assert!(timeout.retry_can_help());
    let short = FetchError::Timeout { service: Service::Salesforce, after_ms: 500 };
    assert_eq!(short.to_string(), "Salesforce did not answer within 500 ms. Retry in a moment");
    assert!(FetchError::Http { service: Service::Kustomer, status: 503, code: None, message: None }.retry_can_help());
}

#[test]
fn before_prefers_the_work_and_falls_back_to_the_deadline() {
    use crate::test_support::block_on;
    assert_eq!(block_on(before(Box::pin(async { 7 }), Box::pin(async {}))), Some(7));
    let never: LocalFuture<'_, i32> = Box::pin(std::future::pending());
    assert_eq!(block_on(before(never, Box::pin(async {}))), None);
}

#[test]
fn join_waits_for_both() {
    use crate::test_support::block_on;
    let (a, b) = block_on(join(Box::pin(async { 1 }), Box::pin(async { "two" })));
    assert_eq!((a, b), (1, "two"));
}
