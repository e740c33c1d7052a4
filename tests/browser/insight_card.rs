//! The Salesforce Insight Card: visibility, duplicates, no match, cache fallback, quota
//! saving and errors.

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A Salesforce that matches nothing: an empty search and an empty query.
const EMPTY_SALESFORCE: &str = "return Promise.resolve({ status: 200, headers: {}, body: request.path.includes('/search/') ? '{\"searchRecords\":[]}' : '{\"totalSize\":0,\"done\":true,\"records\":[]}' });";

fn demo_config(org: &str, emails: &str, scenario: &str, extra: &str) -> String {
    format!(
        r#"{{"view":"insight","context":{{"customerEmails":{emails}}},"transport":{{"kind":"demo","scenario":"{scenario}"}},
            "salesforce":{{"subdomain":"{org}"}},"locale":"en-US","timeZone":"UTC"{extra}}}"#
    )
}

fn section_titles(element: &web_sys::HtmlElement) -> Vec<String> {
    find_all(element, ".ksw-section-title").iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

/// Moves a cached card's save time back, as if it had been saved `hours` ago.
fn backdate(hours: f64) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for idx in 0..storage.length().unwrap() {
        let key = storage.key(idx).unwrap().unwrap();
        if key.contains(":card:") {
            let entry = js_sys::JSON::parse(&storage.get_item(&key).unwrap().unwrap()).unwrap();
            let saved = field(&entry, "savedAt").as_f64().unwrap();
            js_sys::Reflect::set(&entry, &"savedAt".into(), &(saved - hours * 3_600_000.0).into()).unwrap();
            storage.set_item(&key, &js_sys::JSON::stringify(&entry).unwrap().as_string().unwrap()).unwrap();
        }
    }
}

#[wasm_bindgen_test]
async fn a_matched_customer_shows_every_section_with_links() {
    let element = container();
    let _handle = mount_json(
        &element,
        &demo_config("sections-org", r#"["jane.cooper@brightline.io","jane@cooper.family"]"#, "normal", ""),
    );
    wait_for_state(&element, "ready").await;
    assert_eq!(section_titles(&element), vec!["Contacts 1", "Leads 0", "Accounts 1", "Opportunities 4"]);
    let link = find(&element, ".ksw-contacts .ksw-record-link").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://sections-org.lightning.force.com/lightning/r/Contact/003Dn00000JnCprA/view")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(text_of(&element, ".ksw-accounts").contains("ParentBrightline Holdings"));
    let first_opportunity = text_of(&element, ".ksw-opportunities .ksw-record");
    assert!(
        first_opportunity.contains("StateOpen")
            && first_opportunity.contains("Amount148,800")
            && first_opportunity.contains("Close dateDec 15, 2026"),
        "{first_opportunity}"
    );
    assert!(text(&element).contains("Updated just now"));
}

#[wasm_bindgen_test]
async fn hidden_objects_are_neither_shown_nor_queried() {
    // Every combination the settings allow (Leads need Contacts).
    let mut combos = Vec::new();
    for bits in 0..16u8 {
        let (accounts, contacts, opportunities, leads) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
        if leads && !contacts {
            continue;
        }
        let visibility = format!(
            r#"{{"accounts":{accounts},"contacts":{contacts},"opportunities":{opportunities},"leads":{leads}}}"#
        );
        // One search for Contacts and Leads, one query for Accounts and Opportunities.
        let mut queries = Vec::new();
        match (contacts, leads) {
            (true, true) => queries.push("RETURNING Contact(+Lead("),
            (true, false) => queries.push("RETURNING Contact("),
            _ => {}
        }
        if accounts || opportunities {
            queries.push("FROM Account");
        }
        combos.push((visibility, queries));
    }
    assert_eq!(combos.len(), 12);
    for (idx, (visibility, queries)) in combos.into_iter().enumerate() {
        let element = container();
        let record = format!("__visibility{idx}");
        let stub = host_fetch(&record, EMPTY_SALESFORCE);
        let config = format!(
            r#"{{"view":"insight","context":{{"customerEmails":["a@x.co"]}},"transport":{{"kind":"host"}},"salesforce":{{"subdomain":"vis{idx}"}},"visibility":{visibility}}}"#
        );
        let _handle = mount(element.clone().into(), json(&config), stub.into()).unwrap();
        wait_for_state(&element, "empty").await;
        if queries.is_empty() {
            assert!(text(&element).contains("Every Salesforce object is hidden"), "{}", text(&element));
        } else {
            assert!(text(&element).contains("No Salesforce records match"));
        }
        assert!(calls(&record).iter().all(|call| field(call, "service").as_string().as_deref() == Some("salesforce")));
        let asked: Vec<String> = calls(&record).iter().map(|call| field(call, "path").as_string().unwrap()).collect();
        assert_eq!(asked.len(), queries.len(), "{visibility}: {asked:?}");
        for (path, expected) in asked.iter().zip(&queries) {
            let decoded = js_sys::decode_uri_component(path).unwrap().as_string().unwrap();
            for part in expected.split('+') {
                assert!(decoded.contains(part), "{visibility}: {decoded}");
            }
            assert_eq!(decoded.contains("Lead("), expected.contains("Lead("), "{visibility}: {decoded}");
            let endpoint = if expected.starts_with("RETURNING") { "/search/?q=" } else { "/query?q=" };
            assert!(path.starts_with(&format!("/services/data/v62.0{endpoint}")), "{path}");
        }
    }
}

#[wasm_bindgen_test]
async fn duplicates_are_stated_and_all_shown() {
    let element = container();
    let _handle =
        mount_json(&element, &demo_config("dupes-org", r#"["marcus.webb@harborlogistics.com"]"#, "normal", ""));
    wait_for_state(&element, "ready").await;
    assert_eq!(text_of(&element, ".ksw-duplicate"), "2 Contacts share marcus.webb@harborlogistics.com");
    assert_eq!(find_all(&element, ".ksw-contacts .ksw-record").len(), 2);
}

#[wasm_bindgen_test]
async fn no_match_names_the_emails_tried_and_skips_non_emails() {
    let element = container();
    let _handle =
        mount_json(&element, &demo_config("nomatch-org", r#"["tom.becker@example.net","not an email"]"#, "normal", ""));
    wait_for_state(&element, "empty").await;
    assert_eq!(text_of(&element, ".ksw-no-match .ksw-empty"), "No Salesforce records match");
    assert_eq!(text_of(&element, ".ksw-tried"), "Emails tried: tom.becker@example.net");
    assert!(text(&element).contains("Not searched, not an email: not an email"));
}

#[wasm_bindgen_test]
async fn the_api_limit_shows_saved_data_with_its_age() {
    let first = container();
    let handle = mount_json(&first, &demo_config("limit-org", r#"["jane.cooper@brightline.io"]"#, "normal", ""));
    wait_for_state(&first, "ready").await;
    handle.unmount();
    backdate(3.0);
    let element = container();
    let _handle =
        mount_json(&element, &demo_config("limit-org", r#"["jane.cooper@brightline.io"]"#, "salesforce-limit", ""));
    wait_for_state(&element, "ready").await;
    assert!(
        text(&element).contains("Salesforce API limit reached; showing data from 3 hours ago"),
        "{}",
        text(&element)
    );
    assert_eq!(find_all(&element, ".ksw-contacts .ksw-record").len(), 1);

    let unsaved = container();
    let _handle =
        mount_json(&unsaved, &demo_config("limit-org-2", r#"["jane.cooper@brightline.io"]"#, "salesforce-limit", ""));
    wait_for_state(&unsaved, "error").await;
    assert!(text(&unsaved).contains("Salesforce API limit reached, and no data"), "{}", text(&unsaved));
}

#[wasm_bindgen_test]
async fn near_the_quota_saved_data_is_served_without_asking() {
    let body = "return Promise.resolve({ status: 200, headers: { 'sforce-limit-info': 'api-usage=96000/100000' }, body: request.path.includes('/search/') ? '{\"searchRecords\":[]}' : '{\"totalSize\":0,\"done\":true,\"records\":[]}' });";
    let config = r#"{"view":"insight","context":{"customerEmails":["q@x.co"]},"transport":{"kind":"host"},"salesforce":{"subdomain":"quota-org"}}"#;
    let first = container();
    let handle = mount(first.clone().into(), json(config), host_fetch("__quota1", body).into()).unwrap();
    wait_for_state(&first, "empty").await;
    assert_eq!(calls("__quota1").len(), 2, "one search and one query");
    handle.unmount();
    backdate(1.0);
    let element = container();
    let _handle = mount(element.clone().into(), json(config), host_fetch("__quota2", body).into()).unwrap();
    wait_for_state(&element, "empty").await;
    assert!(calls("__quota2").is_empty(), "nothing was asked");
    assert!(text(&element).contains("The org has used 96% of its daily Salesforce API requests"), "{}", text(&element));
}

#[wasm_bindgen_test]
async fn refresh_asks_again() {
    let body = EMPTY_SALESFORCE;
    let config = r#"{"view":"insight","context":{"customerEmails":["r@x.co"]},"transport":{"kind":"host"},"salesforce":{"subdomain":"refresh-org"},
        "visibility":{"accounts":false,"opportunities":false,"leads":false}}"#;
    let element = container();
    let _handle = mount(element.clone().into(), json(config), host_fetch("__refresh", body).into()).unwrap();
    wait_for_state(&element, "empty").await;
    assert_eq!(calls("__refresh").len(), 1);
    click(&element, ".ksw-refresh");
    wait_until(&element, "a second request", || calls("__refresh").len() == 2).await;
    wait_for_state(&element, "empty").await;
}

#[wasm_bindgen_test]
async fn errors_say_what_to_do() {
    let cases = [
        ("return Promise.resolve({ status: 401, headers: {}, body: '[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]' });",
         "The Salesforce connection has expired: reconnect the Salesforce app", true),
        ("return Promise.resolve({ status: 400, headers: {}, body: '[{\"message\":\"unexpected token: OR\",\"errorCode\":\"MALFORMED_QUERY\"}]' });",
         "Salesforce refused the card's query: unexpected token: OR", false),
        ("return Promise.reject(new TypeError('Failed to fetch'));", "Could not reach Salesforce: Failed to fetch", true),
    ];
    for (idx, (body, message, retry)) in cases.into_iter().enumerate() {
        let element = container();
        let config = format!(
            r#"{{"view":"insight","context":{{"customerEmails":["e@x.co"]}},"transport":{{"kind":"host"}},"salesforce":{{"subdomain":"errors{idx}"}}}}"#
        );
        let _handle =
            mount(element.clone().into(), json(&config), host_fetch(&format!("__errors{idx}"), body).into()).unwrap();
        wait_for_state(&element, "error").await;
        assert!(text(&element).contains(message), "{}", text(&element));
        assert_eq!(find(&element, ".ksw-error button").is_some(), retry, "{message}");
    }
}

#[wasm_bindgen_test]
async fn a_field_the_org_lacks_is_reported_and_dropped() {
    let element = container();
    let extra = r#","fields":{"contact":["Department","Shoe_Size__c"]}"#;
    let _handle = mount_json(&element, &demo_config("fields-org", r#"["jane.cooper@brightline.io"]"#, "normal", extra));
    wait_for_state(&element, "ready").await;
    assert!(
        text(&element).contains("Contact field left out: Shoe_Size__c does not exist on Contact"),
        "{}",
        text(&element)
    );
    assert!(text_of(&element, ".ksw-contacts").contains("DepartmentFinance"));
}

#[wasm_bindgen_test]
async fn a_customer_id_alone_is_enough() {
    let element = container();
    let config = r#"{"view":"insight","context":{"customerId":"5ff4bc441235167ec0261101"},"transport":{"kind":"demo"},
        "salesforce":{"subdomain":"by-id-org"}}"#;
    let _handle = mount_json(&element, config);
    wait_for_state(&element, "ready").await;
    assert_eq!(text_of(&element, ".ksw-contacts .ksw-record-link"), "Jane Cooper");

    let missing = container();
    let config = r#"{"view":"insight","context":{"customerId":"nobody"},"transport":{"kind":"demo"},"salesforce":{"subdomain":"by-id-org-2"}}"#;
    let _handle = mount_json(&missing, config);
    wait_for_state(&missing, "error").await;
    assert!(
        text(&missing).contains("The customer's emails could not be read: Customer not found"),
        "{}",
        text(&missing)
    );
}
