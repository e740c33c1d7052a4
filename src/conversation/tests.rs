use super::*;
use crate::config::Scenario;
use crate::demo::kustomer_data;
use crate::kustomer::message::Body;
use crate::kustomer::Channel;
use crate::test_support::{block_on, FakeClock, ScriptedTransport, Waves};
use crate::transport::demo::DemoTransport;
use crate::transport::{FetchError, Response};
use layout::Layout;

fn demo_thread(id: &str) -> Result<Thread, Problem> {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    block_on(load_thread(&client, id, &|_| {}, &|_| {}))
}

#[test]
fn loads_the_email_thread_in_order_with_attachments_and_names() {
    let thread = demo_thread(kustomer_data::INVOICE_EMAIL).unwrap();
    assert_eq!(thread.customer.as_ref().unwrap().display_name(), "Jane Cooper");
    assert_eq!(thread.assignees, vec!["Sam Rivera", "Dana Kim"]);
    assert_eq!(thread.messages.len(), 4);
    let messages = thread.messages.to_vec();
    assert!(messages.windows(2).all(|pair| pair[0].sent_at <= pair[1].sent_at), "oldest first");
    assert!(matches!(messages[0].body, Body::Html(_)));
    assert_eq!(messages[0].attachments.len(), 3);
    assert_eq!(messages[1].attachments[0].url, None, "metadata-only attachment has no link");
    assert_eq!(thread.sender_name(&messages[0]), "Jane Cooper");
    assert_eq!(thread.sender_name(&messages[1]), "Sam Rivera");
    assert!(thread.unattached.is_empty());
    assert!(thread.notices.is_empty(), "{:?}", thread.notices);
}

/// Every page read back, as an agent reading to the start would.
pub fn read_all(client: &KustomerClient<'_>, thread: &mut Thread) {
    while block_on(read_earlier(client, thread)).unwrap() {}
}

#[test]
fn a_long_chat_shows_its_newest_page_and_reads_back_page_by_page() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let mut thread = block_on(load_thread(&client, kustomer_data::LONG_CHAT, &|_| {}, &|_| {})).unwrap();
    // The demo org serves the newest page first.
    assert_eq!(thread.pages.layout(), Layout::NewestFirst);
    assert_eq!((thread.messages.len(), thread.pages.unread()), (100, 540));
    read_all(&client, &mut thread);
    assert_eq!((thread.messages.len(), thread.pages.unread()), (kustomer_data::LONG_CHAT_MESSAGES, 0));
    let messages = thread.messages.to_vec();
    assert!(messages.first().unwrap().id < messages.last().unwrap().id);
    assert!(messages.windows(2).all(|pair| pair[0].sent_at <= pair[1].sent_at), "oldest first");
    assert!(messages.iter().any(|m| thread.sender_name(m) == "Automated"));
}

#[test]
fn every_demo_channel_loads() {
    for (id, _, channel) in kustomer_data::conversation_index() {
        let thread = demo_thread(id).unwrap_or_else(|problem| panic!("{id}: {}", problem.message));
        if id != kustomer_data::EMPTY_CHAT {
            assert!(
                thread.messages.to_vec().iter().any(|m| m.channel == Channel::parse(channel)),
                "{id} has {channel} messages"
            );
        }
    }
    assert!(demo_thread(kustomer_data::EMPTY_CHAT).unwrap().messages.is_empty());
}

#[test]
fn a_missing_conversation_is_a_problem_without_retry() {
    let problem = demo_thread("000000000000000000000000").unwrap_err();
    assert_eq!(problem, Problem::new("Conversation not found", false));
}

#[test]
fn server_errors_offer_a_retry() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::ServerError, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let problem = block_on(load_thread(&client, kustomer_data::VOICE, &|_| {}, &|_| {})).unwrap_err();
    assert!(problem.retry);
    assert!(problem.message.contains("500"), "{}", problem.message);
}

#[test]
fn messages_failing_is_a_problem_naming_the_role() {
    let conversation = r#"{"data":{"id":"c1","attributes":{}}}"#;
    let transport = ScriptedTransport::new(vec![Ok(Response::new(200, conversation)), Ok(Response::new(403, "{}"))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    let problem = block_on(load_thread(&client, "c1", &|_| {}, &|_| {})).unwrap_err();
    assert!(problem.message.contains("org.permission.message.read"), "{}", problem.message);
}

#[test]
fn customer_attachment_and_agent_failures_become_notices() {
    let conversation = r#"{"data":{"id":"c1","attributes":{"assignedUsers":["u1","u2"]},
        "relationships":{"customer":{"data":{"type":"customer","id":"k1"}}}}}"#;
    let messages = r#"{"data":[{"id":"m1","attributes":{"direction":"out","body":"hi"},
        "relationships":{"createdBy":{"data":{"type":"user","id":"u2"}}}}],"links":{"next":null}}"#;
    let agent = r#"{"data":{"id":"u1","attributes":{"displayName":"Sam Rivera"}}}"#;
    // The customer, the attachments, the users list and agent u2 are refused; u1 reads.
    let waves = Waves::new(move |request| match request.path.as_str() {
        "/v1/conversations/c1" => Response::new(200, conversation),
        path if path.contains("/messages?") => Response::new(200, messages),
        "/v1/users/u1" => Response::new(200, agent),
        _ => Response::new(403, "{}"),
    });
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let thread = thread.unwrap();
    assert_eq!(thread.messages.len(), 1, "the messages are still shown");
    assert!(thread.customer.is_none());
    assert_eq!(thread.assignees, vec!["Sam Rivera", "Agent u2"]);
    assert_eq!(thread.sender_name(&thread.messages.get(0).unwrap()), "Agent");
    assert_eq!(thread.notices.len(), 3, "{:?}", thread.notices);
    assert!(thread.notices[0].contains("org.permission.attachment.read"));
    assert!(thread.notices[1].contains("org.permission.customer.read"));
    assert!(thread.notices[2].contains("org.permission.user.read"));
    let paths: Vec<String> = waves.requests.borrow().iter().map(|(_, r)| r.path.clone()).collect();
    assert_eq!(paths.iter().filter(|p| p.starts_with("/v1/users/")).count(), 2, "each agent once: {paths:?}");
}

/// A proxy or gateway having a bad moment: each of these answers can be cured by asking
/// again, so each must offer Retry.
#[test]
fn unreadable_answers_offer_a_retry() {
    for body in [r#"{"data":{"id":"c1","attr"#, r#"{"data":5}"#, r#"[1,2]"#, "\"text\"", "<html>Bad gateway</html>"] {
        let transport = ScriptedTransport::new(vec![Ok(Response::new(200, body))]);
        let clock = FakeClock::at(0.0);
        let client = KustomerClient::new(&transport, clock.as_ref());
        let problem = block_on(load_thread(&client, "c1", &|_| {}, &|_| {})).unwrap_err();
        assert!(problem.retry, "{body}: {}", problem.message);
    }
    // The same for a broken messages page.
    let conversation = r#"{"data":{"id":"c1","attributes":{}}}"#;
    let transport =
        ScriptedTransport::new(vec![Ok(Response::new(200, conversation)), Ok(Response::new(200, r#"{"data":[{"id"#))]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert!(block_on(load_thread(&client, "c1", &|_| {}, &|_| {})).unwrap_err().retry);
}

#[test]
fn a_host_that_breaks_its_contract_offers_a_retry() {
    let transport =
        ScriptedTransport::new(vec![Err(FetchError::Host { detail: "hostFetch resolved to undefined".into() })]);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(&transport, clock.as_ref());
    assert!(block_on(load_thread(&client, "c1", &|_| {}, &|_| {})).unwrap_err().retry);
}

/// Ten pages of a long conversation that says nothing of its order, the third failing:
/// the two read stay, the notice says how many arrived and why the rest did not, and
/// Retry is offered.
#[test]
fn a_failing_later_page_keeps_the_pages_read() {
    let page = |n: usize| {
        let items: Vec<String> = (0..100)
            .map(|i| format!(r#"{{"id":"m{n}-{i:03}","attributes":{{"direction":"in","body":"page {n}"}}}}"#))
            .collect();
        format!(
            r#"{{"data":[{}],"links":{{"next":"/v1/conversations/c1/messages?page={}&pageSize=100"}}}}"#,
            items.join(","),
            n + 1
        )
    };
    let waves = Waves::new(move |request| match request.path.as_str() {
        "/v1/conversations/c1" => Response::new(200, r#"{"data":{"id":"c1","attributes":{}}}"#),
        path if path.contains("messages?page=1&") => Response::new(200, page(1)),
        path if path.contains("messages?page=2&") => Response::new(200, page(2)),
        path if path.contains("messages?page=3&") => Response::new(502, "<html>Bad gateway</html>"),
        _ => Response::new(200, r#"{"data":[]}"#),
    });
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let thread = thread.unwrap();
    assert_eq!(thread.messages.len(), 200);
    assert!(thread.retry, "a gateway error can pass");
    assert_eq!(thread.notices.len(), 1, "{:?}", thread.notices);
    assert!(thread.notices[0].starts_with("Only 200 messages (2 pages) could be loaded"), "{}", thread.notices[0]);
    assert!(thread.notices[0].contains("502"), "{}", thread.notices[0]);
}

#[test]
fn a_complete_thread_offers_no_retry() {
    assert!(!demo_thread(kustomer_data::INVOICE_EMAIL).unwrap().retry);
}

#[test]
fn two_agents_or_more_are_named_from_one_list_of_the_orgs_users() {
    let clock = FakeClock::at(0.0);
    let transport = crate::test_support::Recording::new(DemoTransport::new(Scenario::Normal, clock.clone()));
    let client = KustomerClient::new(&transport, clock.as_ref());
    let thread = block_on(load_thread(&client, kustomer_data::INVOICE_EMAIL, &|_| {}, &|_| {})).unwrap();
    assert_eq!(thread.assignees, vec!["Sam Rivera", "Dana Kim"]);
    let paths = transport.paths();
    assert_eq!(paths.iter().filter(|path| path.starts_with("/v1/users")).count(), 1, "{paths:?}");
    // A second mount in the same page reads no name again.
    let again = crate::test_support::Recording::new(DemoTransport::new(Scenario::Normal, clock.clone()));
    let client = KustomerClient::new(&again, clock.as_ref());
    block_on(load_thread(&client, kustomer_data::INVOICE_EMAIL, &|_| {}, &|_| {})).unwrap();
    let paths = again.paths();
    assert!(paths.iter().all(|path| !path.starts_with("/v1/users") && !path.starts_with("/v1/customers")), "{paths:?}");
}
