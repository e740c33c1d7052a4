//! The privacy property: whatever private text reaches a request's path, an error's code,
//! message or detail, or a configuration key, no record written from them contains it.
//!
//! Private text here is what a conversation or a CRM holds: message text, subjects,
//! names, emails, phone numbers, Kustomer and Salesforce ids, SOQL and SOSL literals, and
//! hostile text meant to break out of JSON or markup. It goes into paths the way the
//! widget builds them (percent-encoded segments and query values) and raw, and through
//! every constructor. The rule's stated limit: a single word of ASCII letters in a path
//! segment has the shape of a resource name (`Contact`) and is kept, so such words are not
//! among the fixtures; the widget puts ids there, never names or text.

use proptest::prelude::*;

use super::*;
use crate::config::{ConfigError, View};
use crate::json::compact;
use crate::salesforce::soql::quote;
use crate::salesforce::sosl::search_term;
use crate::transport::{encode_query_value, encode_segment, FetchError, Request, Service};

/// Every character a record can write, JSON's own punctuation included: nothing outside
/// it (an `@`, a quote in a value, a line break, any other script) can reach an admin.
const WRITTEN_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-[]/?&={} \":,";

/// Realistic and hostile private text, each at least four characters.
const FIXTURES: &[&str] = &[
    "Hi, I was charged twice for order 10023, can you refund one?",
    "Re: Refund for order #10023",
    "My new address is 12 Rue de la Paix, 75002 Paris",
    "Priya Raman",
    "José Álvarez-Núñez",
    "O'Brien, Seán",
    "张伟先生",
    "priya.raman@example.com",
    "sam+billing@acme.io",
    "a@b.co",
    "+1 (415) 555-0134",
    "+44 20 7946 0958",
    "415.555.0134",
    "4155550134",
    "003xx000004TmiQAAS",
    "0015e00000ABCdeAAB",
    "500Hs00001XyZabIAF",
    "00Q5e000001AbCd",
    "6140cefd91ffddd18144e08b",
    "5f1a2b3c4d5e6f7a8b9c0d1e",
    "SELECT Id, Name FROM Contact WHERE Email = 'priya.raman@example.com'",
    "'a@b.co'",
    "FIND {Priya Raman} IN ALL FIELDS RETURNING Contact(Id)",
    "{Priya Raman}",
    "<script>alert(document.cookie)</script>",
    "\"},\"kind\":\"panic\",\"x\":\"",
    "line one\nline two",
    "Robert'); DROP TABLE Contacts;--",
    "..%2F..%2Fetc%2Fpasswd",
    "%E5%BC%A0%E4%BC%9F",
];

/// Private text: the fixtures, realistic values in their usual formats, and any text with
/// a character that records never write.
fn private_text() -> impl Strategy<Value = String> {
    let never_written =
        any::<char>().prop_filter("a character records never write", |c| !WRITTEN_ALPHABET.contains(*c));
    let outside_alphabet =
        (".{0,12}", never_written, ".{0,12}").prop_map(|(before, c, after)| format!("{before}{c}{after}"));
    prop_oneof![
        prop::sample::select(FIXTURES).prop_map(str::to_string),
        "[a-z]{2,8}(\\.[a-z]{2,8})?@[a-z]{2,8}\\.(com|co|io)",
        // Kustomer ids: 24 hex digits, the first a digit so that it is never a word.
        "[0-9][0-9a-f]{23}",
        "(001|003|005|006|00Q|500)[0-9A-Za-z]{12}([0-9A-Z]{3})?",
        "\\+[1-9][0-9]{0,2} [0-9]{3} [0-9]{3}[ -][0-9]{4}",
        // Bare phone numbers: longer than any number a record writes.
        "[1-9][0-9]{6,11}",
        "[A-Z][a-z]{1,9} [A-Z][a-z]{1,11}",
        "[A-Z][a-z]{0,8}( [a-z]{1,8}){1,6}[.?!]",
        outside_alphabet,
    ]
}

/// Paths carrying `private` as the widget builds them, and raw.
fn paths_with(private: &str) -> Vec<String> {
    let segment = encode_segment(private);
    let value = encode_query_value(private);
    let soql = format!("SELECT Id, Name FROM Contact WHERE Email = {} LIMIT 5", quote(private));
    let sosl = format!("FIND {} IN ALL FIELDS RETURNING Contact(Id)", search_term(private));
    vec![
        format!("/v1/conversations/{segment}/messages?page=3&pageSize=100"),
        format!("/v1/customers/{segment}?{value}={value}&q={value}"),
        format!("/v1/{segment}/{segment}#{value}"),
        format!("/services/data/v62.0/query?q={}", encode_query_value(&soql)),
        format!("/services/data/v62.0/query?q={}", soql.replace(' ', "+")),
        format!("/services/data/v62.0/search?q={}", encode_query_value(&sosl)),
        format!("/services/data/v62.0/sobjects/Contact/{segment}"),
        format!("/v1/conversations/{private}/messages?q={private}"),
        private.to_string(),
    ]
}

/// Records built through every constructor, with `private` in every text they are given.
fn records_with(private: &str, view: View, service: Service, status: u16, duration_ms: u32) -> Vec<Record> {
    let text = private.to_string();
    let mut records = Vec::new();
    for path in paths_with(private) {
        let request = Request::new(service, path);
        let errors = [
            FetchError::Network { service, detail: text.clone() },
            FetchError::Timeout { service, after_ms: duration_ms },
            FetchError::Http { service, status, code: Some(text.clone()), message: Some(text.clone()) },
            FetchError::Http {
                service,
                status,
                code: Some("REQUEST_LIMIT_EXCEEDED".to_string()),
                message: Some(text.clone()),
            },
            FetchError::Decode { service, detail: text.clone() },
            FetchError::Host { detail: text.clone() },
        ];
        records.extend(errors.iter().map(|error| Record::from_fetch_error(view, &request, error)));
        records.push(
            Record::new(Kind::RequestRefused, view)
                .with_request(&request)
                .with_status(status)
                .with_error_code(private)
                .with_duration_ms(duration_ms)
                .with_config_key(private),
        );
    }
    for key in [text.clone(), format!("context.{private}"), format!("caseSync.customMapping.{private}")] {
        records.push(Record::from_config_error(view, &ConfigError::new(&key, private)));
    }
    for code in [format!("INVALID_{private}"), format!("not.{private}")] {
        records.push(Record::new(Kind::RequestRefused, view).with_error_code(&code));
    }
    records.push(Record::panic(view));
    records.push(Record::saved_data(view, service));
    records
}

fn view() -> impl Strategy<Value = View> {
    prop::sample::select(vec![View::Conversation, View::Insight])
}

fn service() -> impl Strategy<Value = Service> {
    prop::sample::select(vec![Service::Kustomer, Service::Salesforce])
}

fn assert_nothing_private(written: &str, private: &str) -> Result<(), TestCaseError> {
    if let Some(outside) = written.chars().find(|c| !WRITTEN_ALPHABET.contains(*c)) {
        return Err(TestCaseError::fail(format!("{outside:?} written in {written}")));
    }
    if private.chars().count() >= 4 && written.contains(private) {
        return Err(TestCaseError::fail(format!("{private:?} written in {written}")));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_record_writes_private_text(
        private in private_text(),
        view in view(),
        service in service(),
        status in 100_u16..600,
        duration_ms in 0_u32..600_000,
        now_ms in 0.0..1e12_f64,
    ) {
        for path in paths_with(&private) {
            assert_nothing_private(&path_template(&path), &private)?;
        }
        let mut log = Log::new();
        let mut announced = Vec::new();
        for record in records_with(&private, view, service, status, duration_ms) {
            assert_nothing_private(&compact(&record.to_json()), &private)?;
            let line = record.to_line();
            prop_assert!(!line.contains('\n'), "one line: {}", line);
            assert_nothing_private(&line, &private)?;
            announced.extend(log.add(record, now_ms));
        }
        for record in announced.iter().chain(&log.last()) {
            assert_nothing_private(&compact(&record.to_json()), &private)?;
            assert_nothing_private(&record.to_line(), &private)?;
        }
    }
}

#[test]
fn every_fixture_is_private_text_of_at_least_four_characters() {
    for fixture in FIXTURES {
        assert!(fixture.chars().count() >= 4, "{fixture}");
        for record in records_with(fixture, View::Insight, Service::Salesforce, 403, 1_500) {
            let json = compact(&record.to_json());
            assert!(!json.contains(fixture), "{fixture:?} in {json}");
            assert!(!record.to_line().contains(fixture), "{fixture:?} in {}", record.to_line());
        }
    }
}

/// The same property on the path every record takes in the widget: answers carrying the
/// private text in each service's error format, or refusing to answer, through the
/// transport that records failures, and an unreadable answer found by a client.
mod through_the_transport {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::*;
    use crate::kustomer::KustomerClient;
    use crate::test_support::{block_on, FakeClock, ScriptedTransport};
    use crate::transport::observed::Observed;
    use crate::transport::{Response, Transport};

    fn answers(private: &str, status: u16) -> Vec<Result<Response, FetchError>> {
        let text = crate::json::compact(&serde_json::Value::from(private));
        vec![
            Ok(Response::new(
                status.max(400),
                format!(r#"{{"errors":[{{"code":{text},"title":{text},"detail":{text}}}]}}"#),
            )),
            Ok(Response::new(status.max(400), format!(r#"[{{"errorCode":{text},"message":{text}}}]"#))),
            Ok(Response::new(status.max(400), private.to_string())),
            Err(FetchError::Network { service: Service::Kustomer, detail: private.to_string() }),
            Err(FetchError::Host { detail: private.to_string() }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn no_record_from_an_answer_writes_private_text(
            private in private_text(),
            view in view(),
            service in service(),
            status in 100_u16..600,
        ) {
            let records: Rc<RefCell<Vec<Record>>> = Rc::default();
            let kept = records.clone();
            let clock = FakeClock::at(0.0);
            let sink = Rc::new(move |record| kept.borrow_mut().push(record));
            for path in paths_with(&private) {
                let scripted = Rc::new(ScriptedTransport::new(answers(&private, status)));
                let observed = Observed::new(scripted, clock.clone(), view, sink.clone());
                for _ in 0..5 {
                    let _ = block_on(observed.get(&Request::new(service, path.clone())));
                }
                // An answer that is not JSON, found by the client.
                let unreadable = Rc::new(ScriptedTransport::new(vec![Ok(Response::new(200, private.clone()))]));
                let observed = Observed::new(unreadable, clock.clone(), view, sink.clone());
                let _ = block_on(KustomerClient::new(&observed, clock.as_ref()).get_json(&path));
            }
            prop_assert!(records.borrow().len() >= paths_with(&private).len() * 5);
            for record in records.borrow().iter() {
                assert_nothing_private(&compact(&record.to_json()), &private)?;
                assert_nothing_private(&record.to_line(), &private)?;
            }
        }
    }
}
