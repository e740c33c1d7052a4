//! The Insight Card's related lists, section order, org labels and matching beyond email,
//! mounted through the host API on the demo org and on a stubbed Salesforce.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const JANE: &str = "5ff4bc441235167ec0261101";

fn titles(element: &web_sys::HtmlElement) -> Vec<String> {
    find_all(element, ".ksw-section-title").iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

/// Jane on the demo org with a custom object under Accounts (cut at one record), a
/// standard one under Contacts, both match rules and the admin's order.
fn jane_config(org: &str) -> String {
    format!(
        r#"{{"view":"insight","context":{{"customerId":"{JANE}","customerEmails":["jane.cooper@brightline.io"],"customerPhones":["+1 (415) 555-0134","ext. 12"]}},
            "transport":{{"kind":"demo"}},"salesforce":{{"subdomain":"{org}"}},"locale":"en-US","timeZone":"UTC",
            "fields":{{"account":["NumberOfEmployees"]}},
            "relatedLists":[
              {{"object":"Subscription__c","parent":"Account","fields":["Name","Status__c","Renewal_Date__c","Secret__c"],"orderBy":"Renewal_Date__c DESC","limit":1}},
              {{"object":"Case","parent":"Contact","label":"Support cases","fields":["CaseNumber","Subject"]}}],
            "sections":["Case","accounts","Subscription__c"],
            "match":{{"contactField":"Kustomer_Customer_Id__c","phones":true}}}}"#
    )
}

#[wasm_bindgen_test]
async fn lists_show_in_the_admins_order_under_the_orgs_labels_and_cut_at_their_limit() {
    let element = container();
    let _handle = mount_json(&element, &jane_config("lists-org"));
    wait_for_state(&element, "ready").await;
    let titles = titles(&element);
    let position = |prefix: &str| titles.iter().position(|title| title.starts_with(prefix)).unwrap_or(usize::MAX);
    assert!(
        position("Support cases") < position("Accounts")
            && position("Accounts") < position("Subscriptions")
            && position("Subscriptions") < position("Contacts")
            && position("Contacts") < position("Leads"),
        "the admin's three, then the rest in the card's order: {titles:?}"
    );

    let subscriptions = find_all(&element, ".ksw-related")
        .into_iter()
        .find(|section| section.get_attribute("aria-label").as_deref() == Some("Subscriptions"))
        .expect("the Subscriptions section");
    let rows = subscriptions.query_selector_all(".ksw-record").unwrap();
    assert_eq!(rows.length(), 1, "cut at the limit");
    let text = subscriptions.text_content().unwrap_or_default();
    assert!(text.contains("Brightline Inc") && text.contains("Renewal date") && text.contains("Status"), "{text}");
    assert!(!text.contains("Renewal_Date__c"), "org labels, not API names: {text}");
    let more = subscriptions.query_selector(".ksw-more a").unwrap().expect("a link to the whole list");
    assert_eq!(
        more.get_attribute("href").as_deref(),
        Some(
            "https://lists-org.lightning.force.com/lightning/r/Account/001Dn00000BrtLneA/related/Subscriptions__r/view"
        )
    );
    let link = subscriptions.query_selector(".ksw-record-link").unwrap().unwrap();
    assert!(
        link.get_attribute("href")
            .unwrap_or_default()
            .starts_with("https://lists-org.lightning.force.com/lightning/r/Subscription__c/"),
        "each row opens its record"
    );
    assert!(text_of(&element, ".ksw-accounts").contains("Employees"), "an extra field under the org's label");

    let all = crate::support::text(&element);
    assert!(
        all.contains("Subscription__c field left out: Secret__c does not exist on Subscription__c or is not readable"),
        "an unreadable field is said once and left out: {all}"
    );
    assert!(all.contains("Not searched, not a phone number: ext. 12"), "{all}");
}

#[wasm_bindgen_test]
async fn each_person_says_how_they_were_found() {
    let element = container();
    let _handle = mount_json(&element, &jane_config("reasons-org"));
    wait_for_state(&element, "ready").await;
    let contacts: Vec<String> =
        find_all(&element, ".ksw-contacts .ksw-record").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert_eq!(contacts.len(), 2, "found three ways, shown once each: {contacts:?}");
    assert!(
        contacts.iter().any(|c| c.contains("Jane Cooper") && c.contains("Matchedby email, by phone")),
        "{contacts:?}"
    );
    assert!(
        contacts.iter().any(|c| c.contains("Billing contact") && c.contains("Matchedby Kustomer id")),
        "{contacts:?}"
    );

    // With no match rules the card says nothing of how.
    let plain = container();
    let config = r#"{"view":"insight","context":{"customerEmails":["jane.cooper@brightline.io"]},"transport":{"kind":"demo"},
        "salesforce":{"subdomain":"plain-org"}}"#;
    let _plain = mount_json(&plain, config);
    wait_for_state(&plain, "ready").await;
    assert!(!crate::support::text(&plain).contains("Matched"));
}

#[wasm_bindgen_test]
async fn a_phone_only_customer_is_found() {
    let element = container();
    let config = r#"{"view":"insight","context":{"customerId":"5ff4bc441235167ec0261108","customerPhones":["(503) 555-0147"]},
        "transport":{"kind":"demo"},"salesforce":{"subdomain":"phone-org"},"match":{"phones":true}}"#;
    let _handle = mount_json(&element, config);
    wait_for_state(&element, "ready").await;
    assert_eq!(text_of(&element, ".ksw-contacts .ksw-record-link"), "Dana Whitfield");
    assert!(text_of(&element, ".ksw-accounts").contains("Whitfield Outdoor"));
    assert!(text_of(&element, ".ksw-contacts").contains("Matchedby phone"));
}

/// Salesforce where the object info cannot be read and a custom object's relationship is
/// refused by the query: the list says why, the rest of the card stands.
const REFUSING: &str = r#"
    const path = decodeURIComponent(request.path);
    const answer = (status, body) => Promise.resolve({ status, headers: {}, body: JSON.stringify(body) });
    if (path.includes('/ui-api/object-info/')) return answer(403, [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'no' }]);
    if (path.includes('/search/')) return answer(200, { searchRecords: [
      { attributes: { type: 'Contact' }, Id: '003A', Name: 'Jane Cooper', Email: 'jane@x.co', AccountId: '001A' } ] });
    if (path.includes('Things__r')) return answer(400, [{ errorCode: 'INVALID_TYPE',
      message: "Didn't understand relationship 'Things__r' in FROM part of query call." }]);
    return answer(200, { totalSize: 1, done: true, records: [
      { Id: '001A', Name: 'Brightline Inc', Contacts: { records: [{ Email: 'jane@x.co' }] },
        Cases: { totalSize: 1, done: true, records: [{ Id: '500A', CaseNumber: '00001026' }] } } ] });
"#;

#[wasm_bindgen_test]
async fn a_refused_custom_object_leaves_the_rest_of_the_card() {
    let element = container();
    let config = r#"{"view":"insight","context":{"customerEmails":["jane@x.co"]},"transport":{"kind":"host"},
        "salesforce":{"subdomain":"refusing-org"},
        "relatedLists":[{"object":"Thing__c","parent":"Account","relationship":"Things__r","fields":["Name"]},
                        {"object":"Case","parent":"Account","relationship":"Cases","fields":["CaseNumber"]}]}"#;
    let handle = kustomer_salesforce_widget::host_api::mount(
        element.clone().into(),
        json(config),
        host_fetch("refusingCalls", REFUSING).into(),
    )
    .unwrap();
    wait_for_state(&element, "ready").await;
    let all = crate::support::text(&element);
    assert!(all.contains("Thing__c could not be read: Didn't understand relationship 'Things__r'"), "{all}");
    assert!(all.contains("00001026"), "the other list is read: {all}");
    assert_eq!(text_of(&element, ".ksw-contacts .ksw-record-link"), "Jane Cooper");
    let titles = titles(&element);
    assert!(titles.iter().any(|t| t == "Thing"), "no org answer: the API name made words: {titles:?}");
    let queries = calls("refusingCalls")
        .iter()
        .filter(|call| field(call, "path").as_string().unwrap_or_default().contains("/query"))
        .count();
    assert_eq!(queries, 2, "asked once with the list, once without");
    drop(handle);
}
