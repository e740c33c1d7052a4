use serde_json::json;

use super::*;

/// The help article's Body example, as an admin would paste it.
const ARTICLE_BODY: &str = r#"{ "Kustomer_Conversation_App_and_Resolution__c": "{{steps.1.custom.appResolutionStr}}", "Kustomer_Conversation_Business_Impact__c": "{{steps.1.custom.businessImpactStr}}", "Kustomer_Conversation_Contact_Reason__c": "{{steps.1.custom.cxContactReasonTree}}", "Kustomer_Conversation_Effort_to_resolve__c": "/#fn:parseInt,steps.1.custom.effortNum", "Kustomer_Conversation_Escalated__c": "{{steps.1.custom.escalatedBool}}", "Kustomer_Conversation_Jira_Issue__c": "{{steps.1.custom.jiraIssueStr}}" }"#;

/// The article's "general format", with its curly quotes and missing commas.
const ARTICLE_GENERAL_FORMAT: &str =
    "{ “SalesforceCustomAttribute1”: “TargetKustomerValue1” “SalesforceCustomAttribute2”: “TargetKustomerValue2” }";

fn conversation() -> Value {
    json!({
        "id": "6140cefd91ffddd18144e08b",
        "name": "Invoice #4417 charged twice",
        "custom": {
            "appResolutionStr": "Refunded", "businessImpactStr": "High", "cxContactReasonTree": "billing.duplicate_charge",
            "effortNum": "3", "escalatedBool": false, "jiraIssueStr": "BILL-212"
        }
    })
}

#[test]
fn the_articles_body_evaluates_to_six_fields() {
    let template = parse(&Value::String(ARTICLE_BODY.into()), "Body").unwrap();
    let (body, diagnostics) = evaluate(&template, &conversation(), "Body");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        Value::Object(body),
        json!({
            "Kustomer_Conversation_App_and_Resolution__c": "Refunded",
            "Kustomer_Conversation_Business_Impact__c": "High",
            "Kustomer_Conversation_Contact_Reason__c": "billing.duplicate_charge",
            "Kustomer_Conversation_Effort_to_resolve__c": 3,
            "Kustomer_Conversation_Escalated__c": "false",
            "Kustomer_Conversation_Jira_Issue__c": "BILL-212"
        })
    );
}

#[test]
fn whole_value_expressions_keep_their_type() {
    let template = parse(&json!({ "Id": "/#steps.1.id", "Flag": "/#steps.1.custom.escalatedBool", "Text": "{{steps.1.custom.escalatedBool}}" }), "Body").unwrap();
    let (out, diagnostics) = evaluate(&template, &conversation(), "Body");
    assert!(diagnostics.is_empty());
    assert_eq!(out["Id"], json!("6140cefd91ffddd18144e08b"));
    assert_eq!(out["Flag"], json!(false));
    assert_eq!(out["Text"], json!("false"));
}

#[test]
fn curly_quotes_and_missing_commas_are_named_with_their_place() {
    let error = parse(&Value::String(ARTICLE_GENERAL_FORMAT.into()), "Body").unwrap_err();
    assert_eq!(error.place, "Body, line 1, column 3");
    assert!(error.message.contains("curly quotes"), "{}", error.message);
    let error = parse(&Value::String("{\n  \"A\": \"x\"\n  \"B\": \"y\"\n}".into()), "Body").unwrap_err();
    assert_eq!(error.place, "Body, line 3, column 3");
    assert_eq!(error.message, "a comma is missing between two entries");
    let error = parse(&Value::String("[1]".into()), "UrlArgs").unwrap_err();
    assert_eq!(error.message, "expected a JSON object ({ … })");
}

#[test]
fn each_evaluation_problem_is_reported_and_the_rest_still_resolves() {
    let template = parse(
        &json!({
            "Missing": "{{steps.1.custom.noSuchAttr}}",
            "WrongStep": "/#steps.2.id",
            "UnknownFn": "/#fn:parseFloat,steps.1.custom.effortNum",
            "NotANumber": "/#fn:parseInt,steps.1.custom.jiraIssueStr",
            "Unclosed": "{{steps.1.id",
            "Fine": "Case for {{steps.1.name}}",
            "Literal": 42
        }),
        "Body",
    )
    .unwrap();
    let (out, diagnostics) = evaluate(&template, &conversation(), "Body");
    assert_eq!(out.len(), 2);
    assert_eq!(out["Fine"], json!("Case for Invoice #4417 charged twice"));
    assert_eq!(out["Literal"], json!(42));
    let find = |key: &str| {
        diagnostics.iter().find(|d| d.place == format!("Body.{key}")).map(|d| d.message.clone()).unwrap_or_default()
    };
    assert_eq!(find("Missing"), "steps.1.custom.noSuchAttr resolves to nothing on this conversation");
    assert!(find("WrongStep").contains("does not start with steps.1"));
    assert_eq!(find("UnknownFn"), "there is no function `parseFloat` (known: parseInt)");
    assert_eq!(find("NotANumber"), "parseInt cannot read \"BILL-212\" (from steps.1.custom.jiraIssueStr) as a number");
    assert!(find("Unclosed").contains("without a closing"));
}

#[test]
fn parse_int_reads_like_javascript() {
    for (input, expected) in [
        (json!("3"), Some(3)),
        (json!(" 42abc"), Some(42)),
        (json!("-7.9"), Some(-7)),
        (json!(3.9), Some(3)),
        (json!("abc"), None),
        (json!(true), None),
        (json!(""), None),
    ] {
        assert_eq!(parse_int(&input), expected, "{input}");
    }
}
