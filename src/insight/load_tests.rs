use super::*;
use crate::config::Scenario;
use crate::insight::Object;
use crate::test_support::{block_on, FakeClock, Memory, ScriptedTransport};
use crate::transport::demo::DemoTransport;
use crate::transport::{Response, Service, Transport};

const HOUR: f64 = 3_600_000.0;
const JANE: &str = "jane.cooper@brightline.io";

fn settings(extra: &ExtraFields, refresh: bool) -> Settings<'_> {
    Settings {
        org: "northwind.my",
        visibility: Visibility::default(),
        extra,
        quota_percent: 95,
        refresh,
        card: &super::super::fetch::PLAIN,
        phones: &[],
        customer_id: None,
    }
}

fn run(transport: &dyn Transport, storage: &Memory, now: f64, refresh: bool) -> Result<Loaded, Problem> {
    let extra = ExtraFields::default();
    let client = SalesforceClient::new(transport, "v62.0");
    block_on(load(&client, Some(storage), now, &settings(&extra, refresh), &[JANE.to_string()]))
}

fn demo(scenario: Scenario) -> DemoTransport {
    DemoTransport::new(scenario, FakeClock::at(0.0))
}

#[test]
fn live_data_is_kept_and_recent_data_is_not_fetched_again() {
    let storage = Memory::new(1 << 20);
    let first = run(&demo(Scenario::Normal), &storage, 0.0, false).unwrap();
    assert_eq!(first.freshness, Freshness::Live);
    // Two minutes later, nothing is asked: a transport that fails proves it.
    let failing = ScriptedTransport::new(vec![]);
    let again = run(&failing, &storage, 2.0 * 60_000.0, false).unwrap();
    assert_eq!(again.freshness, Freshness::Cached { age_ms: 120_000.0, notice: None });
    assert!(failing.requests.borrow().is_empty());
    assert_eq!(again.updated(2.0 * 60_000.0), "Updated 2 minutes ago");
    assert_eq!(again.card.contacts, first.card.contacts);
    // Refresh asks.
    let refreshed = run(&demo(Scenario::Normal), &storage, 3.0 * 60_000.0, true).unwrap();
    assert_eq!(refreshed.freshness, Freshness::Live);
}

#[test]
fn the_limit_falls_back_to_data_younger_than_24_hours_with_its_age() {
    let storage = Memory::new(1 << 20);
    run(&demo(Scenario::Normal), &storage, 0.0, false).unwrap();
    let stale = run(&demo(Scenario::SalesforceLimit), &storage, 3.0 * HOUR, false).unwrap();
    assert_eq!(
        stale.freshness,
        Freshness::Cached {
            age_ms: 3.0 * HOUR,
            notice: Some("Salesforce API limit reached; showing data from 3 hours ago".into())
        }
    );
    assert_eq!(stale.card.contacts.as_ref().unwrap().len(), 1);
    let too_old = run(&demo(Scenario::SalesforceLimit), &storage, 25.0 * HOUR, false).unwrap_err();
    assert!(too_old.message.starts_with("Salesforce API limit reached, and no data"), "{}", too_old.message);
}

#[test]
fn a_network_failure_falls_back_too() {
    let storage = Memory::new(1 << 20);
    run(&demo(Scenario::Normal), &storage, 0.0, false).unwrap();
    let offline = ScriptedTransport::new(vec![Err(FetchError::Network {
        service: Service::Salesforce,
        detail: "Failed to fetch".into(),
    })]);
    let loaded = run(&offline, &storage, HOUR, true).unwrap();
    assert!(
        matches!(loaded.freshness, Freshness::Cached { notice: Some(ref n), .. } if n == "Salesforce could not be reached; showing data from 1 hour ago")
    );
}

#[test]
fn near_the_quota_the_cache_is_served_without_calling() {
    let storage = Memory::new(1 << 20);
    let nearly_spent =
        |body: &str| Ok(Response::new(200, body).with_header("Sforce-Limit-Info", "api-usage=96000/100000"));
    let transport = ScriptedTransport::new(vec![
        nearly_spent(r#"{"searchRecords":[]}"#),
        nearly_spent(r#"{"totalSize":0,"done":true,"records":[]}"#),
    ]);
    run(&transport, &storage, 0.0, false).unwrap();
    assert_eq!(transport.requests.borrow().len(), 2);
    // An hour later, even with Refresh, the saved data is served and nothing is asked.
    let silent = ScriptedTransport::new(vec![]);
    let loaded = run(&silent, &storage, HOUR, true).unwrap();
    assert!(silent.requests.borrow().is_empty());
    assert!(
        matches!(loaded.freshness, Freshness::Cached { notice: Some(ref n), .. } if n.starts_with("The org has used 96% of its daily Salesforce API requests; showing data from 1 hour ago"))
    );
}

#[test]
fn errors_say_what_to_do() {
    let storage = Memory::new(1 << 20);
    let expired = ScriptedTransport::new(vec![Ok(Response::new(
        401,
        r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
    ))]);
    let problem = run(&expired, &storage, 0.0, false).unwrap_err();
    assert_eq!(
        problem,
        Problem {
            message: "The Salesforce connection has expired: reconnect the Salesforce app".into(),
            retry: true,
            details: Some("HTTP 401 INVALID_SESSION_ID\nSession expired or invalid".into())
        }
    );

    let malformed = ScriptedTransport::new(vec![Ok(Response::new(
        400,
        r#"[{"message":"unexpected token: OR","errorCode":"MALFORMED_QUERY"}]"#,
    ))]);
    assert_eq!(
        run(&malformed, &storage, 0.0, false).unwrap_err().message,
        "Salesforce refused the card's query: unexpected token: OR"
    );

    let wrong_version = ScriptedTransport::new(vec![Ok(Response::new(
        404,
        r#"[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]"#,
    ))]);
    let problem = run(&wrong_version, &storage, 0.0, false).unwrap_err();
    assert_eq!(
        problem.message,
        "Salesforce has no query service at API version v62.0: check the API version in the card's settings (for example v62.0)"
    );
    assert!(!problem.retry);
    assert_eq!(problem.details.as_deref(), Some("HTTP 404 NOT_FOUND\nThe requested resource does not exist"));

    // A host's own 404 (the Kustomer card's command missing from the org) keeps its words.
    let not_installed = ScriptedTransport::new(vec![Ok(Response::new(
        404,
        r#"[{"message":"the command a_1.app.salesforce.search is not installed in this org (tried a_1.app.salesforce.search, a.app.salesforce.search)","errorCode":"COMMAND_NOT_INSTALLED"}]"#,
    ))]);
    let problem = run(&not_installed, &storage, 0.0, false).unwrap_err();
    assert!(problem.message.contains("is not installed in this org (tried a_1.app."), "{}", problem.message);

    let no_cache = run(&demo(Scenario::SalesforceLimit), &Memory::new(1 << 20), 0.0, false).unwrap_err();
    assert!(no_cache.retry);
}

#[test]
fn no_storage_still_loads() {
    let extra = ExtraFields::default();
    let transport = demo(Scenario::Normal);
    let client = SalesforceClient::new(&transport, "v62.0");
    let loaded = block_on(load(&client, None, 0.0, &settings(&extra, false), &[JANE.to_string()])).unwrap();
    assert_eq!(loaded.freshness, Freshness::Live);
}

fn run_emails(transport: &dyn Transport, storage: &Memory, now: f64, emails: &[&str]) -> Result<Loaded, Problem> {
    let extra = ExtraFields::default();
    let client = SalesforceClient::new(transport, "v62.0");
    let emails: Vec<String> = emails.iter().map(|email| email.to_string()).collect();
    block_on(load(&client, Some(storage), now, &settings(&extra, false), &emails))
}

/// Saved data belongs to each email, not to the exact set of emails the card was opened
/// with: the same person may come back with an email more or fewer.
#[test]
fn the_limit_falls_back_to_what_was_saved_for_any_of_the_emails() {
    let storage = Memory::new(1 << 20);
    run_emails(&demo(Scenario::Normal), &storage, 0.0, &[JANE]).unwrap();
    let loaded = run_emails(&demo(Scenario::SalesforceLimit), &storage, 2.0 * HOUR, &[JANE, "j@y.co"]).unwrap();
    let Freshness::Cached { age_ms, notice: Some(notice) } = &loaded.freshness else {
        panic!("expected saved data, got {:?}", loaded.freshness)
    };
    assert_eq!(*age_ms, 2.0 * HOUR);
    assert_eq!(notice, "Salesforce API limit reached; showing data from 2 hours ago. Nothing was saved for j@y.co");
    assert_eq!(loaded.card.contacts.as_ref().unwrap().len(), 1, "Jane's Contact");
    assert_eq!(loaded.card.accounts.as_ref().unwrap().len(), 1, "and her Account");

    // Saved for two emails, opened with one of them: only that email's records.
    let storage = Memory::new(1 << 20);
    run_emails(&demo(Scenario::Normal), &storage, 0.0, &[JANE, "marcus.webb@harborlogistics.com"]).unwrap();
    let loaded =
        run_emails(&demo(Scenario::SalesforceLimit), &storage, HOUR, &["marcus.webb@harborlogistics.com"]).unwrap();
    let names: Vec<&str> = loaded.card.contacts.as_ref().unwrap().iter().map(|c| c.name.as_str()).collect();
    assert!(!names.is_empty() && !names.contains(&"Jane Cooper"), "{names:?}");
}

#[test]
fn unreadable_salesforce_answers_offer_a_retry() {
    for body in [r#"{"totalSize":1,"done":true,"recor"#, r#"{"records":5}"#, "[1]", "<html>502</html>"] {
        let transport = ScriptedTransport::new(vec![Ok(Response::new(200, body))]);
        let problem = run(&transport, &Memory::new(1 << 20), 0.0, false).unwrap_err();
        assert!(problem.retry, "{body}: {}", problem.message);
    }
}

/// The demo org, except that requests whose decoded path contains `needle` are refused
/// with Salesforce's error for it.
struct Refusing {
    inner: DemoTransport,
    rules: Vec<(&'static str, &'static str, &'static str)>,
    paths: std::cell::RefCell<Vec<String>>,
}

impl Refusing {
    fn new(rules: Vec<(&'static str, &'static str, &'static str)>) -> Refusing {
        Refusing { inner: demo(Scenario::Normal), rules, paths: Default::default() }
    }
}

impl Transport for Refusing {
    fn get<'a>(
        &'a self,
        request: &'a crate::transport::Request,
    ) -> crate::transport::LocalFuture<'a, Result<Response, FetchError>> {
        let path = crate::transport::decode_percent(&request.path, true);
        self.paths.borrow_mut().push(path.clone());
        for (needle, code, message) in &self.rules {
            if path.contains(needle) {
                let body = serde_json::json!([{ "errorCode": code, "message": message }]).to_string();
                return Box::pin(async move { Ok(Response::new(400, body)) });
            }
        }
        self.inner.get(request)
    }
}

const LEAD_REFUSED: &str = "\nSELECT Id FROM Lead\n               ^\nERROR at Row:1:Column:16\nsObject type 'Lead' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.";

#[test]
fn a_refused_object_becomes_a_notice_and_the_rest_of_the_card_stays() {
    let transport = Refusing::new(vec![("Lead(", "INVALID_TYPE", LEAD_REFUSED)]);
    let loaded = run(&transport, &Memory::new(1 << 20), 0.0, false).unwrap();
    let card = &loaded.card;
    assert_eq!(card.contacts.as_ref().unwrap().len(), 1, "Jane's Contact is kept");
    assert_eq!(card.accounts.as_ref().unwrap()[0].opportunities.len(), 4);
    assert_eq!(card.leads, None);
    let refusal = card.refusal(Object::Lead).unwrap();
    assert_eq!(
        refusal.notice,
        "Leads are not visible to the Salesforce integration user: grant Read on Lead or hide Leads in the card's settings"
    );
    assert!(refusal.details.as_deref().unwrap().contains("INVALID_TYPE"));
    assert!(!card.is_empty() && !card.everything_refused());
    let paths = transport.paths.borrow();
    assert_eq!(paths.len(), 3, "two requests, then the search again without Lead: {paths:?}");
    assert!(!paths[2].contains("Lead("));
}

#[test]
fn a_refused_opportunities_subquery_keeps_the_accounts() {
    let transport = Refusing::new(vec![(
        "FROM Opportunities",
        "INVALID_TYPE",
        "\nSELECT Id, (SELECT Id FROM Opportunities)\n^\nERROR at Row:1:Column:30\nDidn't understand relationship 'Opportunities' in FROM part of query call.",
    )]);
    let loaded = run(&transport, &Memory::new(1 << 20), 0.0, false).unwrap();
    let accounts = loaded.card.accounts.as_ref().unwrap();
    assert_eq!(accounts.len(), 1, "the Account is kept");
    assert!(accounts[0].opportunities.is_empty());
    let notice = &loaded.card.refusal(Object::Opportunity).unwrap().notice;
    assert_eq!(
        notice,
        "Opportunities are not visible to the Salesforce integration user: grant Read on Opportunity or hide \
         Opportunities in the card's settings. The Accounts were read again without them"
    );
    assert_eq!(loaded.card.refusal(Object::Account), None);
}

#[test]
fn a_hidden_standard_field_names_the_field() {
    let transport = Refusing::new(vec![(
        "Contact(",
        "INVALID_FIELD",
        "\nSELECT Id, Title\n^\nERROR at Row:1:Column:12\nNo such column 'Title' on entity 'Contact'.",
    )]);
    let loaded = run(&transport, &Memory::new(1 << 20), 0.0, false).unwrap();
    assert_eq!(
        loaded.card.refusal(Object::Contact).unwrap().notice,
        "Contacts could not be read: the field Title on Contact is not visible to the Salesforce integration user. \
         Grant it field access, or hide Contacts in the card's settings"
    );
    assert_eq!(loaded.card.leads.as_ref().unwrap().len(), 0, "Leads are still searched");
}

#[test]
fn every_object_refused_is_an_error_with_retry() {
    let transport = Refusing::new(vec![
        ("search", "INSUFFICIENT_ACCESS", "insufficient access rights on object id"),
        ("query", "INVALID_TYPE", "sObject type 'Account' is not supported."),
    ]);
    let problem = run(&transport, &Memory::new(1 << 20), 0.0, false).unwrap_err();
    assert!(problem.retry);
    assert!(problem.message.starts_with("Salesforce refused every object this card shows. "), "{}", problem.message);
    for object in ["Contacts", "Leads", "Accounts", "Opportunities"] {
        assert!(problem.message.contains(object), "{object}: {}", problem.message);
    }
    assert!(!problem.message.contains("SELECT"));
}

#[test]
fn a_refusal_is_kept_with_the_saved_data() {
    let storage = Memory::new(1 << 20);
    run(&Refusing::new(vec![("Lead(", "INVALID_TYPE", LEAD_REFUSED)]), &storage, 0.0, false).unwrap();
    let stale = run(&demo(Scenario::SalesforceLimit), &storage, HOUR, true).unwrap();
    assert!(stale.card.refusal(Object::Lead).is_some());
    assert_eq!(stale.card.contacts.as_ref().unwrap().len(), 1);
}

/// A search and an account query answered from Kustomer's saved copies, as the Kustomer
/// card marks them (`cacheFallback` on the command's result).
fn saved_by_kustomer(mark: &str, saved_at: Option<&str>) -> ScriptedTransport {
    let saved = |body: &str| {
        let response = Response::new(200, body).with_header("x-cache-fallback", mark);
        Ok(match saved_at {
            Some(at) => response.with_header("x-cache-saved-at", at),
            None => response,
        })
    };
    ScriptedTransport::new(vec![
        saved(
            r#"{"searchRecords":[{"attributes":{"type":"Contact"},"Id":"003J","Name":"Jane Cooper","Email":"jane.cooper@brightline.io"}]}"#,
        ),
        saved(r#"{"totalSize":0,"done":true,"records":[]}"#),
    ])
}

#[test]
fn kustomers_saved_answer_is_shown_as_saved_with_its_age_and_not_kept_as_fresh() {
    let storage = Memory::new(1 << 20);
    let now = 10.0 * HOUR;
    let saved_at = format!("{}", now - 5.0 * HOUR);
    let loaded = run(&saved_by_kustomer("403", Some(&saved_at)), &storage, now, true).unwrap();
    assert_eq!(
        loaded.notice(),
        Some("Salesforce API limit reached; showing the answer Kustomer saved 5 hours ago"),
        "{:?}",
        loaded.freshness
    );
    assert_eq!(loaded.updated(now), "Updated 5 hours ago");
    assert_eq!(loaded.card.contacts.as_ref().unwrap().len(), 1, "the saved records are shown");
    assert!(storage.items.borrow().keys().all(|key| !key.contains("brightline")), "not kept as fresh data");
}

#[test]
fn a_saved_answer_without_its_cause_or_time_says_what_is_known() {
    let storage = Memory::new(1 << 20);
    let loaded = run(&saved_by_kustomer("true", None), &storage, HOUR, true).unwrap();
    assert_eq!(
        loaded.notice(),
        Some("Salesforce answered with an error (its API limit may be reached); showing the answer Kustomer saved (at most 24 hours old)")
    );
    assert_eq!(loaded.updated(HOUR), "Saved by Kustomer within the last 24 hours");
}
