//! The conversation view's loads measured in round trips, the way agents wait: every
//! answer takes one round trip (`Waves`), whatever the conversation's length, its pages'
//! order, or a count that is off by a few.

use std::cell::Cell;
use std::rc::Rc;

use super::layout::Layout;
use super::*;
use crate::test_support::{FakeClock, Waves};
use crate::transport::limited::{Limited, MAX_IN_FLIGHT};
use crate::transport::{Request, Response, Transport};

/// A conversation of `total` messages, one a minute, served newest first or oldest first
/// in pages of 100, whose `messageCount` says `reported`. Agents u0 to u2 write the
/// outbound messages; the customer is k1.
/// How the synthetic server orders its pages.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Order {
    OldestFirst,
    NewestFirst,
    /// Oldest first, but page 1's items come in no order at all.
    Mixed,
}

fn conversation(total: usize, order: Order, reported: usize) -> impl Fn(&Request) -> Response {
    let time = |i: usize| {
        let minutes = i % 60;
        let hours = (i / 60) % 24;
        let day = 1 + i / 1440;
        format!("2026-{:02}-{:02}T{hours:02}:{minutes:02}:00.000Z", 1 + (day - 1) / 28, 1 + (day - 1) % 28)
    };
    let message = move |i: usize| {
        let (direction, author) = if i.is_multiple_of(2) {
            ("in", "customer\",\"id\":\"k1".to_string())
        } else {
            ("out", format!("user\",\"id\":\"u{}", i % 3))
        };
        format!(
            r#"{{"type":"message","id":"m{i:05}","attributes":{{"channel":"chat","direction":"{direction}","body":"message {i}","sentAt":"{}"}},"relationships":{{"createdBy":{{"data":{{"type":"{author}"}}}}}}}}"#,
            time(i)
        )
    };
    move |request: &Request| {
        let path = request.path.as_str();
        if path == "/v1/conversations/c1" {
            let last = if total > 0 { format!(r#","lastMessageAt":"{}""#, time(total - 1)) } else { String::new() };
            return Response::new(
                200,
                format!(
                    r#"{{"data":{{"type":"conversation","id":"c1","attributes":{{"name":"Long","messageCount":{reported},"assignedUsers":["u1"]{last}}},"relationships":{{"customer":{{"data":{{"type":"customer","id":"k1"}}}}}}}}}}"#
                ),
            );
        }
        if let Some(rest) = path.strip_prefix("/v1/conversations/c1/messages?page=") {
            let page: usize = rest.split('&').next().unwrap().parse().unwrap();
            let (start, end) = ((page - 1) * 100, (page * 100).min(total));
            let mut ids: Vec<usize> =
                (start..end.max(start)).map(|n| if order == Order::NewestFirst { total - 1 - n } else { n }).collect();
            if order == Order::Mixed && page == 1 {
                // 0, 99, 1, 98, …: neither rising nor falling.
                let (low, high) = ids.split_at(ids.len() / 2);
                ids = low.iter().zip(high.iter().rev()).flat_map(|(a, b)| [*a, *b]).collect();
            }
            let items: Vec<String> = ids.into_iter().map(&message).collect();
            let next = if page * 100 < total {
                format!(r#""/v1/conversations/c1/messages?page={}&pageSize=100""#, page + 1)
            } else {
                "null".to_string()
            };
            return Response::new(200, format!(r#"{{"data":[{}],"links":{{"next":{next}}}}}"#, items.join(",")));
        }
        if path.starts_with("/v1/conversations/c1/attachments") {
            return Response::new(200, r#"{"data":[],"links":{"next":null}}"#);
        }
        if path.starts_with("/v1/users?page=1") {
            let users: Vec<String> = (0..3)
                .map(|n| format!(r#"{{"type":"user","id":"u{n}","attributes":{{"displayName":"Agent u{n}"}}}}"#))
                .collect();
            return Response::new(200, format!(r#"{{"data":[{}],"links":{{"next":null}}}}"#, users.join(",")));
        }
        if let Some(id) = path.strip_prefix("/v1/users/") {
            return Response::new(
                200,
                format!(r#"{{"data":{{"type":"user","id":"{id}","attributes":{{"displayName":"Agent {id}"}}}}}}"#),
            );
        }
        if path == "/v1/customers/k1" {
            return Response::new(
                200,
                r#"{"data":{"type":"customer","id":"k1","attributes":{"displayName":"Jane Cooper"}}}"#,
            );
        }
        Response::new(404, r#"{"errors":[{"status":"404","title":"Not Found"}]}"#)
    }
}

/// What a first view cost: the thread, the round trip its first view came at, the round
/// trips until the names were in, and the requests sent before the first view.
struct Measured {
    thread: Thread,
    first_view: usize,
    ready: usize,
    requests_before_first_view: usize,
    waves: Rc<Waves>,
}

fn measure(total: usize, order: Order, reported: usize) -> Measured {
    let waves = Waves::new(conversation(total, order, reported));
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let first_view = Cell::new(None);
    let requests_then = Cell::new(0);
    let on_first_view = |thread: &Thread| {
        assert!(!thread.messages.is_empty(), "a first view has messages");
        first_view.set(Some(waves.tick()));
        requests_then.set(waves.requests.borrow().len());
    };
    let (thread, ready) = waves.run(load_thread(&client, "c1", &|_| {}, &on_first_view));
    let thread = thread.unwrap();
    let requests = waves.requests.borrow().len();
    Measured {
        thread,
        first_view: first_view.get().unwrap_or(ready),
        ready,
        requests_before_first_view: if first_view.get().is_some() { requests_then.get() } else { requests },
        waves,
    }
}

/// The id of the newest message shown.
fn newest(thread: &Thread) -> String {
    thread.messages.get(thread.messages.len() - 1).unwrap().id
}

#[test]
fn one_page_is_on_screen_with_every_name_in_two_round_trips() {
    let measured = measure(50, Order::OldestFirst, 50);
    assert_eq!((measured.first_view, measured.ready), (2, 2));
    assert_eq!(measured.thread.messages.len(), 50);
    assert_eq!(
        measured.waves.requests.borrow().len(),
        5,
        "conversation, page, attachments, customer, and the three agents in one list"
    );
    assert_eq!(measured.thread.sender_name(&measured.thread.messages.get(1).unwrap()), "Agent u1");
    assert_eq!(measured.thread.customer.as_ref().unwrap().display_name(), "Jane Cooper");
}

#[test]
fn ten_thousand_messages_oldest_first_show_their_newest_in_two_round_trips() {
    let measured = measure(10_000, Order::OldestFirst, 10_000);
    assert_eq!(measured.thread.pages.layout(), Layout::OldestFirst { last: 100 });
    assert_eq!(measured.first_view, 2, "first message on screen");
    assert_eq!(measured.ready, 3, "the agents named by the newest page follow");
    assert!(measured.requests_before_first_view <= 6, "{}", measured.requests_before_first_view);
    assert_eq!(newest(&measured.thread), "m09999");
    assert!(measured.thread.messages.len() >= 100);
    let requests: Vec<(usize, String)> =
        measured.waves.requests.borrow().iter().map(|(tick, request)| (*tick, request.path.clone())).collect();
    assert!(requests.iter().all(|(_, path)| !path.contains("page=50&")), "the middle is not read: {requests:?}");
    let thread = &measured.thread;
    let shown = thread.messages.len();
    for index in shown - 100..shown {
        let message = thread.messages.get(index).unwrap();
        assert_ne!(thread.sender_name(&message), "Agent", "{} is named", message.id);
    }
}

#[test]
fn ten_thousand_messages_newest_first_are_ready_in_two_round_trips() {
    let measured = measure(10_000, Order::NewestFirst, 10_000);
    assert_eq!(measured.thread.pages.layout(), Layout::NewestFirst);
    assert_eq!((measured.first_view, measured.ready), (2, 2));
    assert_eq!(newest(&measured.thread), "m09999");
    assert!(measured.waves.requests.borrow().len() <= 7);
}

#[test]
fn a_count_off_by_a_few_still_finds_the_newest_messages() {
    // New messages since the count: the page it names as the last says more follow.
    let low = measure(10_003, Order::OldestFirst, 10_000);
    assert_eq!(newest(&low.thread), "m10002");
    assert!(low.first_view <= 3, "{}", low.first_view);
    // Notes counted: the page the count names is empty.
    let high = measure(10_000, Order::OldestFirst, 10_050);
    assert_eq!(newest(&high.thread), "m09999");
    assert!(high.first_view <= 3, "{}", high.first_view);
    assert_eq!(high.thread.pages.earlier(), Some(99), "page 100 is the last, 99 the next back");
}

#[test]
fn an_empty_conversation_and_exactly_one_full_page() {
    let empty = measure(0, Order::OldestFirst, 0);
    assert!(empty.thread.messages.is_empty());
    assert_eq!(empty.ready, 2, "the customer is still read");
    let hundred = measure(100, Order::OldestFirst, 100);
    assert_eq!((hundred.thread.messages.len(), hundred.thread.pages.earlier()), (100, None));
    assert_eq!(hundred.ready, 2);
}

#[test]
fn reading_back_waits_one_round_trip_per_page() {
    let waves = Waves::new(conversation(10_000, Order::OldestFirst, 10_000));
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let mut thread = thread.unwrap();
    let before = thread.messages.len();
    let start = waves.tick();
    let (more, _) = waves.run(read_earlier(&client, &mut thread));
    assert!(more.unwrap());
    assert_eq!(waves.tick() - start, 1, "the page, and no agent to read: the names are known");
    assert_eq!(thread.messages.len(), before + 100);
}

#[test]
fn unclear_order_reads_every_page_four_at_a_time_and_gets_the_order_right() {
    // A first page in no order: no direction can be seen.
    let waves = Waves::new(conversation(2_000, Order::Mixed, 2_000));
    let clock = FakeClock::at(0.0);
    let limited = Limited::new(waves.clone(), clock.clone(), MAX_IN_FLIGHT);
    let client = KustomerClient::new(&limited as &dyn Transport, clock.as_ref());
    let (thread, ticks) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let thread = thread.unwrap();
    assert_eq!(thread.pages.layout(), Layout::Unknown { last: Some(20) });
    assert_eq!(thread.messages.len(), 2_000);
    assert_eq!(limited.peak(), MAX_IN_FLIGHT);
    assert!(ticks <= 8, "19 pages four at a time, then the names: {ticks}");
    let all = thread.messages.to_vec();
    assert!(all.windows(2).all(|pair| pair[0].sent_at <= pair[1].sent_at));
}

/// A conversation whose size and status a test changes between looks.
fn changing(total: &Rc<Cell<usize>>, status: &Rc<std::cell::RefCell<String>>, order: Order) -> Rc<Waves> {
    let (total, status) = (total.clone(), status.clone());
    Waves::new(move |request| {
        let mut response = conversation(total.get(), order, total.get())(request);
        if request.path == "/v1/conversations/c1" {
            response.body =
                response.body.replace(r#""name":"Long""#, &format!(r#""name":"Long","status":"{}""#, status.borrow()));
        }
        response
    })
}

fn looked(order: Order, from: usize, to: usize) -> (Thread, Option<(Thread, usize)>, usize) {
    let total = Rc::new(Cell::new(from));
    let status = Rc::new(std::cell::RefCell::new("open".to_string()));
    let waves = changing(&total, &status, order);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let thread = thread.unwrap();
    total.set(to);
    let before = waves.requests.borrow().len();
    let (looked, _) = waves.run(check_thread(&client, &thread));
    let requests = waves.requests.borrow().len() - before;
    (thread, looked.unwrap(), requests)
}

#[test]
fn a_look_that_finds_nothing_new_costs_one_request() {
    for order in [Order::OldestFirst, Order::NewestFirst] {
        let (_, found, requests) = looked(order, 1_000, 1_000);
        assert!(found.is_none());
        assert_eq!(requests, 1);
    }
}

#[test]
fn new_messages_join_in_order_each_once_whatever_the_pages_order() {
    for (order, from) in [(Order::OldestFirst, 1_000), (Order::NewestFirst, 1_000), (Order::OldestFirst, 50)] {
        let (before, found, requests) = looked(order, from, from + 3);
        let (after, added) = found.expect("three new messages");
        assert_eq!(added, 3, "{from}");
        assert_eq!(after.messages.len(), before.messages.len() + 3);
        let ids: Vec<String> = after.messages.to_vec().into_iter().map(|m| m.id).collect();
        assert_eq!(ids.last().unwrap(), &format!("m{:05}", from + 2));
        assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "in order, each once");
        assert!(requests <= 4, "the conversation, the newest pages, the attachments: {requests}");
    }
}

#[test]
fn a_status_change_comes_with_the_conversation_alone() {
    let total = Rc::new(Cell::new(50));
    let status = Rc::new(std::cell::RefCell::new("open".to_string()));
    let waves = changing(&total, &status, Order::OldestFirst);
    let clock = FakeClock::at(0.0);
    let client = KustomerClient::new(waves.as_ref(), clock.as_ref());
    let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
    let thread = thread.unwrap();
    *status.borrow_mut() = "done".to_string();
    let before = waves.requests.borrow().len();
    let (found, _) = waves.run(check_thread(&client, &thread));
    let (after, added) = found.unwrap().unwrap();
    assert_eq!((after.conversation.status.as_deref(), added), (Some("done"), 0));
    assert_eq!(waves.requests.borrow().len() - before, 1);
}

/// Every page for a search or a transcript: read once each, four in flight, whatever
/// the order the pages run in.
#[test]
fn reading_everything_reads_each_page_once_four_at_a_time() {
    for order in [Order::OldestFirst, Order::NewestFirst] {
        let waves = Waves::new(conversation(10_000, order, 10_000));
        let clock = FakeClock::at(0.0);
        let limited = Limited::new(waves.clone(), clock.clone(), MAX_IN_FLIGHT);
        let client = KustomerClient::new(&limited as &dyn Transport, clock.as_ref());
        let (thread, _) = waves.run(load_thread(&client, "c1", &|_| {}, &|_| {}));
        let mut thread = thread.unwrap();
        let (start, sent) = (waves.tick(), waves.requests.borrow().len());
        let progress = std::cell::RefCell::new(Vec::new());
        let (read, _) =
            waves.run(read_all(&client, &mut thread, &|done, total| progress.borrow_mut().push((done, total))));
        read.unwrap();
        assert_eq!(thread.messages.len(), 10_000, "{order:?}");
        assert_eq!(thread.pages.unread(), 0);
        let pages: Vec<String> =
            waves.requests.borrow()[sent..].iter().map(|(_, request)| request.path.clone()).collect();
        let mut distinct = pages.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(pages.len(), distinct.len(), "{order:?}: a page read twice");
        assert_eq!(pages.len(), 100 - thread_pages_before(order), "{order:?}");
        assert!(waves.tick() - start <= 26, "{order:?}: 97 or 98 pages four at a time: {}", waves.tick() - start);
        let progress = progress.borrow();
        assert_eq!(progress.last(), Some(&(100, 100)), "{order:?}");
        assert!(progress.windows(2).all(|pair| pair[0].0 < pair[1].0), "{order:?}: {progress:?}");
        let all = thread.messages.to_vec();
        assert!(all.windows(2).all(|pair| pair[0].sent_at <= pair[1].sent_at), "{order:?}");
        // Nothing left: a second call reads nothing.
        let before = waves.requests.borrow().len();
        let (again, _) = waves.run(read_all(&client, &mut thread, &|_, _| {}));
        again.unwrap();
        assert_eq!(waves.requests.borrow().len(), before);
    }
}

/// Pages the first view read: the first and the newest two when pages run oldest first,
/// the first alone when they run newest first.
fn thread_pages_before(order: Order) -> usize {
    match order {
        Order::OldestFirst => 3,
        _ => 1,
    }
}
