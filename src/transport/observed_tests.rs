use std::cell::RefCell;

use super::*;
use crate::diagnostics::Kind;
use crate::kustomer::KustomerClient;
use crate::salesforce::client::SalesforceClient;
use crate::test_support::{block_on, FakeClock, ScriptedTransport};

/// An `Observed` over canned answers, and the records it gave.
fn observed(answers: Vec<Result<Response, FetchError>>, view: View) -> (Observed, Rc<RefCell<Vec<Record>>>) {
    let records: Rc<RefCell<Vec<Record>>> = Rc::default();
    let kept = records.clone();
    let clock = FakeClock::at(1_000.0);
    let inner = Rc::new(Slow { inner: ScriptedTransport::new(answers), clock: clock.clone() });
    (Observed::new(inner, clock, view, Rc::new(move |record| kept.borrow_mut().push(record))), records)
}

/// Answers after 250 ms of the fake clock.
struct Slow {
    inner: ScriptedTransport,
    clock: Rc<FakeClock>,
}

impl Transport for Slow {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            self.clock.now_ms.set(self.clock.now_ms.get() + 250.0);
            self.inner.get(request).await
        })
    }
}

#[test]
fn a_success_gives_no_record() {
    let (transport, records) = observed(vec![Ok(Response::new(200, "{}"))], View::Conversation);
    let answer = block_on(transport.get(&Request::new(Service::Kustomer, "/v1/conversations/abc")));
    assert_eq!(answer.unwrap().status, 200);
    assert!(records.borrow().is_empty());
}

#[test]
fn an_error_status_is_recorded_with_its_code_path_template_and_duration() {
    let body = r#"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded for jane@acme.com"}]"#;
    let (transport, records) = observed(vec![Ok(Response::new(403, body))], View::Insight);
    let path =
        "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Contact%20WHERE%20Email%20%3D%20%27jane%40acme.com%27";
    let answer = block_on(transport.get(&Request::new(Service::Salesforce, path)));
    assert_eq!(answer.unwrap().status, 403, "the answer itself goes on unchanged");
    let records = records.borrow();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.kind(), Kind::ApiLimit);
    assert_eq!(record.status(), Some(403));
    assert_eq!(record.error_code(), Some("REQUEST_LIMIT_EXCEEDED"));
    assert_eq!(record.duration_ms(), Some(250));
    assert_eq!(record.path(), Some("/services/data/v62.0/query?q={value}"));
    assert!(!record.to_line().contains("jane"), "{}", record.to_line());
}

#[test]
fn a_kustomer_429_and_a_missing_answer_are_recorded_by_kind() {
    let (transport, records) = observed(
        vec![
            Ok(Response::new(429, r#"{"errors":[{"code":"rate.limited","title":"Too many"}]}"#)),
            Err(FetchError::Network { service: Service::Kustomer, detail: "offline".into() }),
        ],
        View::Conversation,
    );
    let request = Request::new(Service::Kustomer, "/v1/conversations/5f1e/messages?page=2&pageSize=100");
    let _ = block_on(transport.get(&request));
    let _ = block_on(transport.get(&request));
    let records = records.borrow();
    let kinds: Vec<Kind> = records.iter().map(Record::kind).collect();
    assert_eq!(kinds, [Kind::RateLimited, Kind::RequestFailed]);
    assert_eq!(records[0].error_code(), Some("rate.limited"));
    assert_eq!(records[1].path(), Some("/v1/conversations/{id}/messages?page={n}&pageSize={n}"));
}

#[test]
fn an_answer_a_client_cannot_read_is_recorded_once_through_the_transport() {
    let (transport, records) = observed(vec![Ok(Response::new(200, "<html>maintenance</html>"))], View::Conversation);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert!(matches!(block_on(client.conversation("6140cefd91ffddd18144e08b")), Err(FetchError::Decode { .. })));
    let records = records.borrow();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind(), Kind::UnreadableResponse);
    assert_eq!(records[0].path(), Some("/v1/conversations/{id}"));
}

#[test]
fn a_salesforce_answer_without_records_is_recorded_as_unreadable() {
    let (transport, records) = observed(vec![Ok(Response::new(200, r#"{"totalSize":1}"#))], View::Insight);
    let client = SalesforceClient::new(&transport, "v62.0");
    assert!(block_on(client.query("SELECT Id FROM Contact")).is_err());
    let kinds: Vec<Kind> = records.borrow().iter().map(Record::kind).collect();
    assert_eq!(kinds, [Kind::UnreadableResponse]);
}

/// The demo org's failure scenarios, read as the views read them, give every kind a
/// request can give; `crash` gives the panic (the hook records it, in the browser), the
/// card's fallback the saved data, and a refused setting the configuration error.
#[cfg(feature = "demo")]
#[test]
fn each_demo_failure_scenario_gives_its_kind() {
    use crate::config::Scenario;
    use crate::transport::demo::DemoTransport;

    let expected = [
        (Scenario::ServerError, vec![Kind::RequestRefused, Kind::RequestRefused]),
        (Scenario::SalesforceLimit, vec![Kind::ApiLimit]),
        (Scenario::KustomerRateLimit, vec![Kind::RateLimited]),
        (Scenario::Offline, vec![Kind::RequestFailed, Kind::RequestFailed]),
        (Scenario::Unreadable, vec![Kind::UnreadableResponse, Kind::UnreadableResponse]),
        (Scenario::Normal, vec![]),
        (Scenario::Slow, vec![]),
    ];
    for (scenario, kinds) in expected {
        let clock = FakeClock::at(1_700_000_000_000.0);
        let records: Rc<RefCell<Vec<Record>>> = Rc::default();
        let kept = records.clone();
        let demo = Rc::new(DemoTransport::new(scenario, clock.clone()));
        let transport =
            Observed::new(demo, clock.clone(), View::Insight, Rc::new(move |record| kept.borrow_mut().push(record)));
        let kustomer = KustomerClient::new(&transport, clock.as_ref());
        let _ = block_on(kustomer.conversation(crate::demo::kustomer_data::FORM));
        let _ = block_on(SalesforceClient::new(&transport, "v62.0").query("SELECT Id FROM Contact"));
        let found: Vec<Kind> = records.borrow().iter().map(Record::kind).collect();
        assert_eq!(found, kinds, "{}", scenario.name());
    }
}
