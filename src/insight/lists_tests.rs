use serde_json::json;

use super::*;
use crate::insight::related::parse_lists;
use crate::salesforce::object_info::read_batch;

fn list(json: &str) -> RelatedList {
    parse_lists(&crate::json::parse(json).unwrap()).unwrap().remove(0)
}

/// An org that describes Account (two relationships to Subscription__c, one to Case)
/// and Subscription__c, and would not describe `Thing__c`.
fn org() -> OrgInfo {
    let body = json!({ "results": [
        { "statusCode": 200, "result": { "apiName": "Account", "label": "Account", "labelPlural": "Accounts", "fields": {},
          "childRelationships": [
            { "childObjectApiName": "Case", "fieldName": "AccountId", "relationshipName": "Cases" },
            { "childObjectApiName": "Subscription__c", "fieldName": "Account__c", "relationshipName": "Subscriptions__r" },
            { "childObjectApiName": "Subscription__c", "fieldName": "Payer__c", "relationshipName": "Paid_Subscriptions__r" }
          ] } },
        { "statusCode": 200, "result": { "apiName": "Subscription__c", "label": "Subscription", "labelPlural": "Plans",
          "fields": { "Name": { "apiName": "Name", "label": "Plan number" }, "Seats__c": { "apiName": "Seats__c", "label": "Seats bought" } },
          "childRelationships": [] } },
        { "statusCode": 400, "result": [{ "errorCode": "INVALID_TYPE", "message": "Object Thing__c is not supported in UI API" }] }
    ] });
    let (described, undescribed) = read_batch(&body, &["Account", "Subscription__c", "Thing__c"]).unwrap();
    OrgInfo { described, undescribed }
}

#[test]
fn relationships_come_from_the_config_or_the_only_one_the_org_has() {
    let info = org();
    let case = list(r#"[{"object":"Case","parent":"Account","fields":["CaseNumber"]}]"#);
    assert_eq!(resolve(std::slice::from_ref(&case), Some(&info)), vec![ListState::Asked("Cases".into())]);
    let named = list(
        r#"[{"object":"Subscription__c","parent":"Account","relationship":"paid_subscriptions__r","fields":["Name"]}]"#,
    );
    assert_eq!(
        resolve(std::slice::from_ref(&named), Some(&info)),
        vec![ListState::Asked("Paid_Subscriptions__r".into())]
    );
    assert_eq!(resolve(&[named], None), vec![ListState::Asked("paid_subscriptions__r".into())], "trusted unread");

    let ambiguous = list(r#"[{"object":"Subscription__c","parent":"Account","fields":["Name"]}]"#);
    let ListState::Refused { notice, .. } = &resolve(std::slice::from_ref(&ambiguous), Some(&info))[0] else {
        panic!()
    };
    assert!(
        notice.contains("Subscriptions__r, Paid_Subscriptions__r") && notice.contains("`relationship`"),
        "{notice}"
    );
    let ListState::Refused { notice, .. } = &resolve(&[ambiguous], None)[0] else { panic!() };
    assert!(notice.contains("object info could not be read"), "{notice}");
    let ListState::Refused { notice, .. } = &resolve(&[case], Some(&OrgInfo::default()))[0] else {
        panic!("an org that did not describe the parent leaves an unnamed relationship unknown")
    };
    assert!(notice.contains("name it as `relationship`"), "{notice}");
}

#[test]
fn an_object_the_org_will_not_describe_or_a_wrong_relationship_refuses_that_list_only() {
    let info = org();
    let lists = [
        list(r#"[{"object":"Thing__c","parent":"Account","relationship":"Things__r","fields":["Name"]}]"#),
        list(r#"[{"object":"Case","parent":"Account","relationship":"Tickets__r","fields":["CaseNumber"]}]"#),
        list(r#"[{"object":"Case","parent":"Account","fields":["CaseNumber"]}]"#),
    ];
    let states = resolve(&lists, Some(&info));
    let ListState::Refused { notice, .. } = &states[0] else { panic!("{states:?}") };
    assert!(notice.contains("Thing__c") && notice.contains("400 INVALID_TYPE"), "{notice}");
    let ListState::Refused { notice, .. } = &states[1] else { panic!("{states:?}") };
    assert!(notice.contains("no relationship Tickets__r") && notice.contains("it has: Cases"), "{notice}");
    assert_eq!(states[2], ListState::Asked("Cases".into()));
}

#[test]
fn a_query_error_is_laid_on_the_list_it_names_else_on_every_list_asked() {
    let lists = [
        list(r#"[{"object":"Case","parent":"Contact","fields":["CaseNumber"]}]"#),
        list(r#"[{"object":"Subscription__c","parent":"Account","fields":["Name"]}]"#),
    ];
    let states = vec![ListState::Asked("Cases".into()), ListState::Asked("Subscriptions__r".into())];
    let error = |message: &str| FetchError::Http {
        service: crate::transport::Service::Salesforce,
        status: 400,
        code: Some("INVALID_TYPE".into()),
        message: Some(message.into()),
    };
    let named = error("Didn't understand relationship 'Subscriptions__r' in FROM part of query call.");
    assert_eq!(blamed(&named, &lists, &states), vec![1]);
    assert_eq!(blamed(&error("sObject type 'Case' is not supported."), &lists, &states), vec![0]);
    assert_eq!(blamed(&error("unexpected token: LAST_N_WEEKS"), &lists, &states), vec![0, 1]);
    let one_left = vec![ListState::Refused { notice: "n".into(), details: None }, states[1].clone()];
    assert_eq!(blamed(&error("unexpected token"), &lists, &one_left), vec![1]);
    let ListState::Refused { notice, details } = refused_by(&lists[1], &named) else { panic!() };
    assert!(notice.starts_with("Subscription__c could not be read: Didn't understand"), "{notice}");
    assert!(details.is_some_and(|details| details.contains("INVALID_TYPE")));
}

#[test]
fn sections_cut_each_parent_at_the_limit_and_say_more() {
    let info = org();
    let list = list(
        r#"[{"object":"Subscription__c","parent":"Account","fields":["Name","Seats__c","Product__r.Name"],"limit":2}]"#,
    );
    let subscription = |id: &str, name: &str, seats: u32| json!({ "Id": id, "Name": name, "Seats__c": seats, "Product__r": { "Name": "Team plan" } });
    let accounts = vec![
        json!({ "Id": "001A", "Name": "Brightline Inc", "Subscriptions__r": { "totalSize": 3, "done": true, "records": [
            subscription("a01", "SUB-1", 40), subscription("a02", "SUB-2", 5), subscription("a03", "SUB-3", 1)
        ] } }),
        json!({ "Id": "001B", "Name": "Harbor", "Subscriptions__r": null }),
        json!({ "Id": "001C", "Name": "Summit", "Subscriptions__r": { "totalSize": 1, "done": true, "records": [
            { "Id": "a04", "Name": null, "Seats__c": 2, "Product__r": null }
        ] } }),
    ];
    let state = ListState::Asked("Subscriptions__r".into());
    let section = section(&list, Some(&state), &accounts, Some(&info));
    assert_eq!(section.title, "Plans", "the org's plural label");
    assert_eq!(
        section.columns,
        vec![
            ("Seats bought".to_string(), "Seats__c".to_string()),
            ("Product Name".to_string(), "Product__r.Name".to_string())
        ]
    );
    assert_eq!(section.count(), 3);
    let [brightline, summit] = &section.groups[..] else { panic!("{:?}", section.groups) };
    assert_eq!((brightline.parent_name.as_str(), brightline.rows.len(), brightline.more), ("Brightline Inc", 2, true));
    assert_eq!(brightline.rows[0].name, "SUB-1");
    assert_eq!(brightline.rows[0].values, vec![json!(40), json!("Team plan")]);
    assert_eq!((summit.rows[0].name.as_str(), summit.more), ("a04", false), "no first value: named by its id");

    let unlabelled = super::section(&list, Some(&state), &accounts, None);
    assert_eq!(unlabelled.title, "Subscription", "humanised without the org");
    let refused = ListState::Refused { notice: "not readable".into(), details: None };
    let section = super::section(&list, Some(&refused), &accounts, Some(&info));
    assert_eq!((section.count(), section.refusal), (0, Some(("not readable".to_string(), None))));
}

#[test]
fn contact_lists_are_read_under_the_accounts_contacts_once_each() {
    let list = list(r#"[{"object":"Case","parent":"Contact","fields":["CaseNumber","Status"],"label":"Open cases"}]"#);
    let contact = json!({ "Id": "003A", "Name": "Jane Cooper", "Email": "jane@x.co", "Cases": { "records": [
        { "Id": "500A", "CaseNumber": "00001026", "Status": "New" }
    ] } });
    let accounts = vec![
        json!({ "Id": "001A", "Name": "Brightline", "Contacts": { "records": [contact.clone()] } }),
        json!({ "Id": "001B", "Name": "Again", "Contacts": { "records": [contact] } }),
    ];
    let section = section(&list, Some(&ListState::Asked("Cases".into())), &accounts, None);
    assert_eq!(section.title, "Open cases");
    assert_eq!(section.groups.len(), 1, "{:?}", section.groups);
    assert_eq!(section.groups[0].parent_name, "Jane Cooper");
    assert_eq!(section.groups[0].rows[0].name, "00001026");
}
