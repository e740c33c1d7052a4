use serde_json::json;

use super::*;
use crate::cache::Cache;
use crate::config::Matching;
use crate::insight::related::parse_lists;
use crate::test_support::{block_on, Memory, ScriptedTransport};
use crate::transport::Response;

const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

fn answer() -> Response {
    Response::new(
        200,
        json!({ "results": [
            { "statusCode": 200, "result": { "apiName": "Account", "label": "Customer", "labelPlural": "Customers",
              "fields": { "NumberOfEmployees": { "apiName": "NumberOfEmployees", "label": "Headcount" } },
              "childRelationships": [{ "childObjectApiName": "Case", "fieldName": "AccountId", "relationshipName": "Cases" }] } },
            { "statusCode": 404, "result": [{ "errorCode": "NOT_FOUND", "message": "The requested resource does not exist" }] }
        ] })
        .to_string(),
    )
}

fn objects() -> Vec<String> {
    vec!["Account".to_string(), "Case".to_string()]
}

#[test]
fn only_what_the_card_shows_beyond_its_own_fields_is_described() {
    let none = objects_to_describe(&ExtraFields::default(), &CardSettings::default());
    assert!(none.is_empty(), "nothing new configured: no request");
    let extra = ExtraFields { account: vec!["NumberOfEmployees".into()], ..ExtraFields::default() };
    let card = CardSettings {
        related_lists: parse_lists(
            &crate::json::parse(
                r#"[{"object":"Case","parent":"Contact","fields":["CaseNumber"]},
                    {"object":"Subscription__c","parent":"Account","fields":["Name"]}]"#,
            )
            .unwrap(),
        )
        .unwrap(),
        sections: Vec::new(),
        matching: Matching { contact_field: Some("Kustomer_Customer_Id__c".into()), phones: true },
    };
    assert_eq!(objects_to_describe(&extra, &card), ["Account", "Contact", "Lead", "Case", "Subscription__c"]);
}

#[test]
fn the_answer_is_saved_for_a_day_shared_and_kept_through_a_failure() {
    let storage = Memory::new(1 << 20);
    let cache = Cache::new(&storage);
    let transport = ScriptedTransport::new(vec![
        Ok(answer()),
        Ok(Response::new(503, r#"[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]"#)),
    ]);
    let client = SalesforceClient::new(&transport, "v62.0");
    let first = block_on(read(&client, Some(&cache), "acme", &objects(), 0.0, true)).unwrap();
    assert_eq!(field_label(Some(&first), "Account", "NumberOfEmployees"), "Headcount");
    assert_eq!(plural_label(Some(&first), "Account"), "Customers");
    assert_eq!(first.undescribed("Case").map(|entry| entry.status), Some(404));
    assert_eq!(transport.requests.borrow()[0].path, "/services/data/v62.0/ui-api/object-info/batch/Account,Case");

    // Another mount, an hour later: the saved answer, no request.
    let again = block_on(read(&client, Some(&cache), "ACME", &objects(), 3_600_000.0, true)).unwrap();
    assert_eq!(again, first);
    assert_eq!(transport.requests.borrow().len(), 1);

    // A day later the org is asked again; its failure keeps the older answer in use.
    let later = block_on(read(&client, Some(&cache), "acme", &objects(), DAY_MS + 1.0, true));
    assert_eq!(transport.requests.borrow().len(), 2);
    assert_eq!(later, Some(first.clone()));
    // Near the API limit nothing is asked: the old answer serves.
    let saving = block_on(read(&client, Some(&cache), "acme", &objects(), DAY_MS * 3.0, false));
    assert_eq!((saving, transport.requests.borrow().len()), (Some(first), 2));
    // Objects the saved answer does not cover are asked for.
    let more = ["Account".to_string(), "Contact".to_string()];
    assert_eq!(block_on(read(&client, Some(&cache), "acme", &more, 60_000.0, true)), None, "no script left: 599");
    assert_eq!(transport.requests.borrow().len(), 3);
}

#[test]
fn without_an_answer_names_are_humanised_and_never_blank() {
    let transport = ScriptedTransport::new(vec![Ok(Response::new(403, r#"[{"errorCode":"INSUFFICIENT_ACCESS"}]"#))]);
    let client = SalesforceClient::new(&transport, "v62.0");
    let info = block_on(read(&client, None, "acme", &objects(), 0.0, true));
    assert_eq!(info, None);
    assert_eq!(field_label(None, "Subscription__c", "Renewal_Date__c"), "Renewal Date");
    assert_eq!(plural_label(None, "Subscription__c"), "Subscription");
    let described_without_label = OrgInfo::from_json(&json!({ "described": [
        { "apiName": "Account", "label": null, "labelPlural": null, "fields": [["Site", null]], "children": [] }
    ], "undescribed": [] }))
    .unwrap();
    assert_eq!(field_label(Some(&described_without_label), "Account", "Site"), "Site");
    assert_eq!(plural_label(Some(&described_without_label), "Account"), "Account");
}

#[test]
fn what_is_saved_reads_back_and_anything_else_does_not() {
    let transport = ScriptedTransport::new(vec![Ok(answer())]);
    let client = SalesforceClient::new(&transport, "v62.0");
    let info = block_on(read(&client, None, "acme", &objects(), 0.0, true)).unwrap();
    assert_eq!(OrgInfo::from_json(&info.to_json()), Some(info.clone()));
    assert!(info.readable("Account", "NumberOfEmployees") && !info.readable("Account", "AnnualRevenue"));
    assert!(info.readable("Account", "Owner.Name"), "paths are not checked");
    assert!(info.readable("Case", "Anything"), "an object not described hides nothing");
    for bad in [json!(null), json!({ "described": [{ "apiName": 5 }], "undescribed": [] }), json!({ "described": [] })]
    {
        assert_eq!(OrgInfo::from_json(&bad), None, "{bad}");
    }
}
