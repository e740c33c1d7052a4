use super::*;
use crate::config::Scenario;
use crate::test_support::{block_on, FakeClock, Memory, ScriptedTransport};
use crate::transport::demo::DemoTransport;
use crate::transport::{Response, Service, Transport};

const HOUR: f64 = 3_600_000.0;
const JANE: &str = "jane.cooper@brightline.io";

fn settings(extra: &ExtraFields, refresh: bool) -> Settings<'_> {
    Settings { org: "northwind.my", visibility: Visibility::default(), extra, quota_percent: 95, refresh }
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
    let nearly_spent = || {
        Ok(Response::new(200, r#"{"totalSize":0,"done":true,"records":[]}"#)
            .with_header("Sforce-Limit-Info", "api-usage=96000/100000"))
    };
    let transport = ScriptedTransport::new(vec![nearly_spent(), nearly_spent(), nearly_spent()]);
    run(&transport, &storage, 0.0, false).unwrap();
    assert_eq!(transport.requests.borrow().len(), 3);
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
        Problem { message: "The Salesforce connection has expired: reconnect the Salesforce app".into(), retry: false }
    );

    let malformed = ScriptedTransport::new(vec![Ok(Response::new(
        400,
        r#"[{"message":"unexpected token: OR","errorCode":"MALFORMED_QUERY"}]"#,
    ))]);
    assert_eq!(
        run(&malformed, &storage, 0.0, false).unwrap_err().message,
        "Salesforce refused the query (MALFORMED_QUERY): unexpected token: OR"
    );

    let standard_field = ScriptedTransport::new(vec![Ok(Response::new(
        400,
        r#"[{"message":"\nSELECT Id, Title\n^\nERROR at Row:1:Column:12\nNo such column 'Title' on entity 'Contact'.","errorCode":"INVALID_FIELD"}]"#,
    ))]);
    assert_eq!(
        run(&standard_field, &storage, 0.0, false).unwrap_err().message,
        "Salesforce has no field Title on Contact visible to the integration user"
    );

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
