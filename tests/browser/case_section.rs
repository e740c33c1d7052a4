//! The Case section of the Insight Card: sync status, the synced Case, the mapped fields,
//! custom attribute matching and its diagnostics.

use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const INVOICE: &str = "6140cefd91ffddd18144e08b";
const SPAM: &str = "6140cefd91ffddd18144c00b";
const SMS: &str = "6140cefd91ffddd18144c002";

fn config(org: &str, conversation: &str, email: &str, case_sync: &str) -> String {
    format!(
        r#"{{"view":"insight","context":{{"conversationId":"{conversation}","customerEmails":["{email}"]}},"transport":{{"kind":"demo"}},
            "salesforce":{{"subdomain":"{org}"}},"kustomer":{{"org":"northwind"}},"caseSync":{case_sync}}}"#
    )
}

async fn section(config: &str) -> web_sys::HtmlElement {
    let element = container();
    std::mem::forget(mount_json(&element, config));
    wait_until(&element, "the Case section", || find(&element, ".ksw-case .ksw-sync-status").is_some()).await;
    element
}

#[wasm_bindgen_test]
async fn a_syncing_conversation_shows_its_case_and_every_field() {
    let element = section(&config(
        "case-org-1",
        INVOICE,
        "jane.cooper@brightline.io",
        r#"{"enabled":true,"recordTypeId":"012Dn000000KusAAA"}"#,
    ))
    .await;
    assert_eq!(text_of(&element, ".ksw-sync-status"), "Syncs to Salesforce");
    let case_link = find(&element, ".ksw-synced-case a").unwrap();
    assert_eq!(case_link.text_content().as_deref(), Some("00001042"));
    assert_eq!(
        case_link.get_attribute("href").as_deref(),
        Some("https://case-org-1.lightning.force.com/lightning/r/Case/500Dn00000Cs001A/view")
    );
    let rows: Vec<String> =
        find_all(&element, ".ksw-case-fields tbody tr").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert_eq!(rows.len(), 17, "{rows:#?}");
    assert!(rows[0].starts_with("AccountId001Dn00000BrtLneA"), "{}", rows[0]);
    assert!(rows.iter().any(|r| r == "PriorityHighpriority 4 (default value map)"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.starts_with("KustomerApp__Conversation_Assignee_Name__cSam Rivera, Dana Kim")));
    assert!(rows.iter().any(|r| r.starts_with("RecordTypeId012Dn000000KusAAA")));
    assert!(text_of(&element, ".ksw-contact-note").contains("Jane Cooper"));
    assert!(find(&element, ".ksw-copy-payload").is_some());
}

#[wasm_bindgen_test]
async fn spam_and_switched_off_conversations_say_why() {
    let spam = section(&config("case-org-2", SPAM, "tom.becker@example.net", r#"{"enabled":true}"#)).await;
    assert_eq!(text_of(&spam, ".ksw-sync-status"), "Not syncing: marked as spam");
    let off = section(&config("case-org-3", SMS, "luis@ortega-electric.mx", r#"{"enabled":true}"#)).await;
    assert_eq!(text_of(&off, ".ksw-sync-status"), "Not syncing: Sync To Salesforce is off");
    assert_eq!(text_of(&off, ".ksw-no-case"), "No Case in Salesforce for this conversation yet.");
    let disabled = section(&config("case-org-4", SMS, "luis@ortega-electric.mx", r#"{"enabled":false}"#)).await;
    assert_eq!(text_of(&disabled, ".ksw-sync-status"), "Case sync is turned off in the Salesforce app settings.");
}

#[wasm_bindgen_test]
async fn the_articles_custom_mapping_resolves_to_its_url() {
    let body = r#"{ \"Kustomer_Conversation_Effort_to_resolve__c\": \"/#fn:parseInt,steps.1.custom.effortNum\", \"Kustomer_Conversation_Jira_Issue__c\": \"{{steps.1.custom.jiraIssueStr}}\" }"#;
    let url_args = r#"{ \"version\": \"v42.0\", \"sobject\": \"Case\", \"externalIdAttribute\": \"KustomerApp__Conversation_ID__c\", \"externalId\": \"/#steps.1.id\" }"#;
    let case_sync = format!(r#"{{"enabled":true,"customMapping":{{"body":"{body}","urlArgs":"{url_args}"}}}}"#);
    let element = section(&config("your-salesforce-subdomain", INVOICE, "jane.cooper@brightline.io", &case_sync)).await;
    assert_eq!(
        text_of(&element, ".ksw-upsert-url"),
        "PATCH https://your-salesforce-subdomain.salesforce.com/services/data/v42.0/sobjects/Case/KustomerApp__Conversation_ID__c/6140cefd91ffddd18144e08b"
    );
    let resolved = text_of(&element, ".ksw-custom-body");
    assert!(
        resolved.contains("\"Kustomer_Conversation_Effort_to_resolve__c\": 3") && resolved.contains("BILL-212"),
        "{resolved}"
    );
    assert!(find(&element, ".ksw-diagnostics").is_none());
}

#[wasm_bindgen_test]
async fn a_broken_template_points_at_each_problem() {
    let case_sync = r#"{"enabled":true,"customMapping":{"body":"{ “Effort__c”: “x” }","urlArgs":{"version":"v42.0","sobject":"Case","externalId":"/#fn:parseFloat,steps.1.id"}}}"#;
    let element = section(&config("case-org-5", INVOICE, "jane.cooper@brightline.io", case_sync)).await;
    let problems: Vec<String> =
        find_all(&element, ".ksw-diagnostics li").iter().map(|li| li.text_content().unwrap_or_default()).collect();
    assert!(
        problems.iter().any(|p| p.starts_with("Body, line 1, column 3: the template uses curly quotes")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p == "UrlArgs.externalId: there is no function `parseFloat` (known: parseInt)"),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p == "UrlArgs.externalIdAttribute: missing: the URL needs `externalIdAttribute`"),
        "{problems:#?}"
    );
    assert!(find(&element, ".ksw-upsert-url").is_none());
}
