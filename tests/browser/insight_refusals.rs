//! The Insight Card when the Salesforce integration user may not read an object: the
//! other sections stay, the refused one says why in plain words, and Salesforce's own
//! text sits behind "Details".

use kustomer_salesforce_widget::host_api::mount;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// A Salesforce hostFetch answering the card's search and query, refusing what `refuse`
/// names: "lead", "opportunities", "everything" or "version".
fn salesforce(record: &str, refuse: &str) -> js_sys::Function {
    host_fetch(
        record,
        &format!(
            "const refuse = '{refuse}';\n\
             const q = decodeURIComponent((request.path.split('?q=')[1] || '').replace(/\\+/g, ' '));\n\
             const error = (status, code, message) => Promise.resolve({{ status, headers: {{}}, body: JSON.stringify([{{ errorCode: code, message }}]) }});\n\
             const echoed = (object) => '\\n' + q.slice(0, 60) + '\\n        ^\\nERROR at Row:1:Column:9\\nsObject type \\'' + object + '\\' is not supported. If you are attempting to use a custom object, be sure to append the \\'__c\\' after the entity name.';\n\
             if (refuse === 'version') return error(404, 'NOT_FOUND', 'The requested resource does not exist');\n\
             if (request.path.includes('/search/')) {{\n\
               if (refuse === 'everything') return error(400, 'INVALID_TYPE', echoed(q.includes('Contact(') ? 'Contact' : 'Lead'));\n\
               if (refuse === 'lead' && q.includes('Lead(')) return error(400, 'INVALID_TYPE', echoed('Lead'));\n\
               const records = [{{ attributes: {{ type: 'Contact' }}, Id: '003A', Name: 'Ada Lovelace', Email: 'ada@x.co', AccountId: '001A', Account: {{ Name: 'Analytical Engines' }} }}];\n\
               return Promise.resolve({{ status: 200, headers: {{}}, body: JSON.stringify({{ searchRecords: records }}) }});\n\
             }}\n\
             if (refuse === 'everything') return error(400, 'INVALID_TYPE', echoed('Account'));\n\
             if (refuse === 'opportunities' && q.includes('FROM Opportunities')) return error(400, 'INVALID_TYPE', '\\n' + q.slice(0, 40) + '\\n^\\nERROR at Row:1:Column:40\\nDidn\\'t understand relationship \\'Opportunities\\' in FROM part of query call.');\n\
             const opportunities = q.includes('FROM Opportunities') ? {{ totalSize: 1, done: true, records: [{{ attributes: {{ type: 'Opportunity' }}, Id: '006A', Name: 'Difference Engine', StageName: 'Prospecting', IsClosed: false, IsWon: false }}] }} : undefined;\n\
             const account = {{ attributes: {{ type: 'Account' }}, Id: '001A', Name: 'Analytical Engines', Contacts: {{ totalSize: 1, done: true, records: [{{ Email: 'ada@x.co' }}] }}, Opportunities: opportunities }};\n\
             return Promise.resolve({{ status: 200, headers: {{}}, body: JSON.stringify({{ totalSize: 1, done: true, records: [account] }}) }});"
        ),
    )
}

fn mount_card(refuse: &str) -> web_sys::HtmlElement {
    let element = container();
    // An org per test: the card's saved data is per org and email.
    let config = format!(
        r#"{{"view":"insight","context":{{"customerEmails":["ada@x.co"]}},"transport":{{"kind":"host"}},
            "salesforce":{{"subdomain":"refusals-{refuse}"}},"locale":"en-US","timeZone":"UTC"}}"#
    );
    let record = format!("refusal-{refuse}-calls");
    std::mem::forget(mount(element.clone().into(), json(&config), salesforce(&record, refuse).into()).unwrap());
    element
}

fn titles(element: &web_sys::HtmlElement) -> Vec<String> {
    find_all(element, ".ksw-section-title").iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn one_refused_object_leaves_the_rest_of_the_card() {
    let element = mount_card("lead");
    wait_for_state(&element, "ready").await;
    assert_eq!(titles(&element), vec!["Contacts 1", "Leads", "Accounts 1", "Opportunities 1"]);
    assert_eq!(
        text_of(&element, ".ksw-leads .ksw-refusal"),
        "Leads are not visible to the Salesforce integration user: grant Read on Lead or hide Leads in the card's settings"
    );
    let details = text_of(&element, ".ksw-leads .ksw-details-text");
    assert!(details.contains("INVALID_TYPE") && details.contains("sObject type 'Lead'"), "{details}");
    assert!(!text_of(&element, ".ksw-leads .ksw-refusal").contains("SELECT"), "no echoed query in the notice");
    assert!(find(&element, ".ksw-leads details:not([open])").is_some(), "Details starts closed");
    assert_eq!(calls("refusal-lead-calls").len(), 3, "two requests, then the search without Lead");
}

#[wasm_bindgen_test]
async fn a_refused_subquery_keeps_the_accounts_and_says_so() {
    let element = mount_card("opportunities");
    wait_for_state(&element, "ready").await;
    assert_eq!(titles(&element), vec!["Contacts 1", "Leads 0", "Accounts 1", "Opportunities"]);
    assert!(text_of(&element, ".ksw-accounts").contains("Analytical Engines"));
    assert!(
        text_of(&element, ".ksw-opportunities .ksw-refusal").ends_with("The Accounts were read again without them"),
        "{}",
        text_of(&element, ".ksw-opportunities")
    );
}

#[wasm_bindgen_test]
async fn every_object_refused_is_an_error_with_retry_and_details() {
    let element = mount_card("everything");
    wait_for_state(&element, "error").await;
    let message = text_of(&element, ".ksw-error-message");
    assert!(message.starts_with("Salesforce refused every object this card shows."), "{message}");
    assert!(message.contains("grant Read on Contact") && !message.contains("SELECT"), "{message}");
    assert!(find(&element, ".ksw-error button").is_some(), "Retry, for after access is granted");
    assert!(text_of(&element, ".ksw-error .ksw-details-text").contains("INVALID_TYPE"));
}

#[wasm_bindgen_test]
async fn a_missing_query_service_points_at_the_api_version() {
    let element = mount_card("version");
    wait_for_state(&element, "error").await;
    assert_eq!(
        text_of(&element, ".ksw-error-message"),
        "Salesforce has no query service at API version v62.0: check the API version in the card's settings (for example v62.0)"
    );
}
