use super::*;
use crate::config::Scenario;
use crate::demo::kustomer_data;
use crate::test_support::{block_on, FakeClock, ScriptedTransport};
use crate::transport::demo::DemoTransport;

#[test]
fn reads_a_conversation_its_customer_and_agents_from_the_demo_org() {
    let clock = FakeClock::at(1.7e12);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let conversation = block_on(client.conversation(kustomer_data::INVOICE_EMAIL)).unwrap();
    assert_eq!(conversation.subject.as_deref(), Some("Invoice #4417 charged twice"));
    let customer = block_on(client.customer(conversation.customer_id.as_deref().unwrap())).unwrap();
    assert_eq!(customer.display_name(), "Jane Cooper");
    assert_eq!(customer.emails.len(), 2);
    let users = block_on(client.users(&conversation.assigned_user_ids));
    let names: Vec<String> = users.iter().map(|(_, user)| user.as_ref().unwrap().display_name()).collect();
    assert_eq!(names, vec!["Sam Rivera", "Dana Kim"]);
}

#[test]
fn users_are_fetched_once_each_and_failures_stay_per_user() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let ids = vec![kustomer_data::SAM.to_string(), "nobody".to_string(), kustomer_data::SAM.to_string()];
    let users = block_on(client.users(&ids));
    assert_eq!(users.len(), 2);
    assert!(users[0].1.is_ok());
    assert_eq!(users[1].1.as_ref().unwrap_err().status(), Some(404));
}

#[test]
fn list_follows_links_next_across_pages() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let path = format!("/v1/conversations/{}/messages?page=1&pageSize=100", kustomer_data::LONG_CHAT);
    let messages = block_on(client.list(&path, 100)).unwrap();
    assert_eq!(messages.len(), kustomer_data::LONG_CHAT_MESSAGES);
    let mut ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), kustomer_data::LONG_CHAT_MESSAGES, "no page read twice");
}

#[test]
fn list_stops_on_a_next_link_that_loops() {
    let page = r#"{"data":[{"id":"a"}],"links":{"next":"/v1/x?page=1"}}"#;
    let transport = ScriptedTransport::new(vec![Ok(Response::new(200, page)), Ok(Response::new(200, page))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    let items = block_on(client.list("/v1/x?page=1", 100)).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(transport.requests.borrow().len(), 1);
}

#[test]
fn absolute_next_links_stay_on_the_transport() {
    let first = r#"{"data":[{"id":"a"}],"links":{"next":"https://acme.api.kustomerapp.com/v1/x?page=2"}}"#;
    let second = r#"{"data":[{"id":"b"}],"links":{"next":null}}"#;
    let transport = ScriptedTransport::new(vec![Ok(Response::new(200, first)), Ok(Response::new(200, second))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert_eq!(block_on(client.list("/v1/x?page=1", 100)).unwrap().len(), 2);
    assert_eq!(transport.requests.borrow()[1].path, "/v1/x?page=2");
}

#[test]
fn rate_limit_waits_for_the_reset_then_succeeds() {
    let clock = FakeClock::at(1_700_000_000_250.0);
    let transport = DemoTransport::new(Scenario::KustomerRateLimit, clock.clone());
    let waits = std::cell::RefCell::new(Vec::new());
    let record = |ms: u32| waits.borrow_mut().push(ms);
    let client = KustomerClient::new(&transport, clock.as_ref()).on_wait(&record);
    let conversation = block_on(client.conversation(kustomer_data::FACEBOOK)).unwrap();
    assert_eq!(conversation.subject.as_deref(), Some("Where is my order?"));
    // The demo's reset is the next whole second: 750 ms away.
    assert_eq!(*clock.slept.borrow(), vec![750]);
    assert_eq!(*waits.borrow(), vec![750]);
}

#[test]
fn rate_limit_gives_up_after_the_bounded_retries() {
    let limited = || Ok(Response::new(429, "{}"));
    let transport = ScriptedTransport::new(vec![limited(), limited(), limited(), limited(), limited()]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    let error = block_on(client.conversation("c1")).unwrap_err();
    assert_eq!(error.status(), Some(429));
    assert_eq!(transport.requests.borrow().len(), 4);
    // No reset header: 1 s, 2 s, 4 s.
    assert_eq!(*clock.slept.borrow(), vec![1000, 2000, 4000]);
}

#[test]
fn a_reset_far_away_is_capped() {
    let response = Response::new(429, "{}").with_header("X-RateLimit-Reset", "99999999999");
    let transport = ScriptedTransport::new(vec![Ok(response), Ok(Response::new(200, r#"{"data":{"id":"c1"}}"#))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert!(block_on(client.conversation("c1")).is_ok());
    assert_eq!(*clock.slept.borrow(), vec![30_000]);
}

#[test]
fn errors_carry_the_body_code_and_message() {
    let body = r#"{"errors":[{"status":403,"code":"auth.permission","title":"Forbidden","detail":"missing role"}]}"#;
    let transport = ScriptedTransport::new(vec![Ok(Response::new(403, body))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    let error = block_on(client.conversation("c1")).unwrap_err();
    assert_eq!(
        error,
        FetchError::Http {
            service: Service::Kustomer,
            status: 403,
            code: Some("auth.permission".into()),
            message: Some("missing role".into())
        }
    );
}

#[test]
fn bodies_that_are_not_json_or_have_no_data_are_decode_errors() {
    let transport =
        ScriptedTransport::new(vec![Ok(Response::new(200, "<html>proxy login</html>")), Ok(Response::new(200, "{}"))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert!(matches!(block_on(client.conversation("c1")), Err(FetchError::Decode { .. })));
    assert!(matches!(block_on(client.conversation("c1")), Err(FetchError::Decode { .. })));
}

#[test]
fn ids_are_encoded_into_the_path() {
    let transport = ScriptedTransport::new(vec![Ok(Response::new(404, "{}"))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    let _ = block_on(client.conversation("../users/current"));
    assert_eq!(transport.requests.borrow()[0].path, "/v1/conversations/..%2Fusers%2Fcurrent");
}

#[test]
fn reads_the_rate_limit_reset_as_epoch_seconds_with_or_without_a_fraction() {
    assert_eq!(seconds_as_ms("1700000001"), Some(1_700_000_001_000));
    assert_eq!(seconds_as_ms("1700000001.5"), Some(1_700_000_001_500));
    assert_eq!(seconds_as_ms("1700000001.2509"), Some(1_700_000_001_250));
    assert_eq!(seconds_as_ms("1700000001."), Some(1_700_000_001_000));
    for bad in ["", ".5", "-1", "1e9", "soon", "1.2.3", "99999999999999999999"] {
        assert_eq!(seconds_as_ms(bad), None, "{bad}");
    }
}
