use super::*;

/// A batch answer in the shape of the UI API guide's "Simplified Batch Results": every
/// object's own status and result, the request itself a 200. The 404 and the 400
/// `INVALID_TYPE` entries are the failures Salesforce's own wire-adapter tests expect.
const BATCH: &str = r#"{"results":[
  {"statusCode":200,"result":{"apiName":"Account","label":"Customer","labelPlural":"Customers",
    "fields":{"Name":{"apiName":"Name","label":"Customer Name","dataType":"String"},
              "NumberOfEmployees":{"apiName":"NumberOfEmployees","label":"Headcount","dataType":"Int"}},
    "childRelationships":[
      {"childObjectApiName":"Contact","fieldName":"AccountId","relationshipName":"Contacts","junctionIdListNames":[],"junctionReferenceTo":[]},
      {"childObjectApiName":"Case","fieldName":"AccountId","relationshipName":"Cases","junctionIdListNames":[],"junctionReferenceTo":[]},
      {"childObjectApiName":"Subscription__c","fieldName":"Account__c","relationshipName":"Subscriptions__r"},
      {"childObjectApiName":"Subscription__c","fieldName":"Renewal_Account__c","relationshipName":"Renewal_Subscriptions__r"}]}},
  {"statusCode":404,"result":[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]},
  {"statusCode":400,"result":[{"errorCode":"INVALID_TYPE","message":"Object UserRole is not supported in UI API"}]},
  {"statusCode":200,"result":{"apiName":"Case","label":"Case","labelPlural":"Cases","fields":{}}}
]}"#;

fn batch() -> (Vec<ObjectInfo>, Vec<Undescribed>) {
    read_batch(&crate::json::parse(BATCH).unwrap(), &["Account", "Thing__c", "UserRole", "Case"]).unwrap()
}

#[test]
fn the_path_names_every_object_in_one_request() {
    assert_eq!(
        batch_path("v62.0", &["Account", "Contact", "Subscription__c"]),
        "/services/data/v62.0/ui-api/object-info/batch/Account,Contact,Subscription__c"
    );
}

#[test]
fn described_objects_give_their_labels_fields_and_children() {
    let (described, _) = batch();
    assert_eq!(described.len(), 2);
    let account = &described[0];
    assert_eq!((account.label.as_deref(), account.label_plural.as_deref()), (Some("Customer"), Some("Customers")));
    assert_eq!(account.field_label("numberofemployees"), Some("Headcount"));
    assert!(account.has_field("Name") && !account.has_field("AnnualRevenue"));
    assert_eq!(described[1].api_name, "Case");
    assert!(described[1].children.is_empty());
}

#[test]
fn objects_the_org_would_not_describe_keep_their_status_and_code() {
    let (_, undescribed) = batch();
    assert_eq!(
        undescribed,
        vec![
            Undescribed { api_name: "Thing__c".into(), status: 404, error_code: Some("NOT_FOUND".into()) },
            Undescribed { api_name: "UserRole".into(), status: 400, error_code: Some("INVALID_TYPE".into()) },
        ]
    );
}

#[test]
fn a_relationship_is_the_one_named_or_the_only_one() {
    let (described, _) = batch();
    let account = &described[0];
    assert_eq!(account.relationship_to("Case", None), Ok("Cases"));
    assert_eq!(account.relationship_to("case", Some("cases")), Ok("Cases"));
    assert_eq!(
        account.relationship_to("Subscription__c", Some("Renewal_Subscriptions__r")),
        Ok("Renewal_Subscriptions__r")
    );
    assert_eq!(
        account.relationship_to("Subscription__c", None),
        Err(vec!["Subscriptions__r", "Renewal_Subscriptions__r"]),
        "two ways to the same object: the admin must name one"
    );
    assert_eq!(account.relationship_to("Case", Some("Tickets__r")), Err(vec!["Cases"]));
    assert_eq!(account.relationship_to("Asset", None), Err(vec![]));
}

#[test]
fn an_answer_without_results_is_unreadable_and_odd_entries_are_read_as_absent() {
    assert!(read_batch(&crate::json::parse(r#"{"message":"no"}"#).unwrap(), &["Account"]).is_none());
    let odd = r#"{"results":[{"statusCode":200,"result":{"fields":5,"childRelationships":[{"relationshipName":7}]}},
        {"statusCode":"200"}, 5]}"#;
    let (described, undescribed) = read_batch(&crate::json::parse(odd).unwrap(), &["Account", "Contact"]).unwrap();
    assert_eq!(described.len(), 1);
    assert_eq!(described[0].api_name, "Account", "named by the order asked");
    assert!(described[0].fields.is_empty() && described[0].children.is_empty());
    assert_eq!(undescribed.len(), 1, "a success with no description is not a description");
    assert_eq!((undescribed[0].api_name.as_str(), undescribed[0].status), ("Contact", 200));
}
