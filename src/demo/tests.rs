use serde_json::Value;

use super::*;

fn get(org: &DemoOrg, service: Service, path: &str) -> (u16, Value) {
    let response = org.respond(&Request::new(service, path), 1.7e12);
    let body = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    (response.status, body)
}

#[test]
fn every_channel_of_the_design_has_a_conversation() {
    let channels: Vec<&str> = kustomer_data::conversation_index().iter().map(|(_, _, channel)| *channel).collect();
    for channel in [
        "email",
        "chat",
        "sms",
        "whatsapp",
        "facebook",
        "instagram",
        "twitter-dm",
        "twitter-tweet",
        "voice",
        "form",
        "line",
    ] {
        assert!(channels.contains(&channel), "{channel} missing");
    }
}

#[test]
fn every_conversation_its_customer_and_agents_resolve() {
    let org = DemoOrg::new(Scenario::Normal);
    for (id, subject, _) in kustomer_data::conversation_index() {
        let (status, document) = get(&org, Service::Kustomer, &format!("/v1/conversations/{id}"));
        assert_eq!(status, 200);
        assert_eq!(document["data"]["attributes"]["name"], *subject);
        let customer = document["data"]["relationships"]["customer"]["data"]["id"].as_str().unwrap();
        assert_eq!(get(&org, Service::Kustomer, &format!("/v1/customers/{customer}")).0, 200);
        for user in document["data"]["attributes"]["assignedUsers"].as_array().unwrap() {
            assert_eq!(get(&org, Service::Kustomer, &format!("/v1/users/{}", user.as_str().unwrap())).0, 200);
        }
    }
}

#[test]
fn messages_come_in_pages_with_links_next_and_not_in_time_order() {
    let org = DemoOrg::new(Scenario::Normal);
    let path = format!("/v1/conversations/{}/messages", kustomer_data::LONG_CHAT);
    let (_, first) = get(&org, Service::Kustomer, &path);
    assert_eq!(first["data"].as_array().unwrap().len(), 100);
    assert_eq!(first["links"]["next"], format!("{path}?page=2&pageSize=100"));
    let sent: Vec<&str> =
        first["data"].as_array().unwrap().iter().map(|m| m["attributes"]["sentAt"].as_str().unwrap()).collect();
    assert!(sent.windows(2).all(|pair| pair[0] >= pair[1]), "served newest first");
    let (_, last) = get(&org, Service::Kustomer, &format!("{path}?page=7&pageSize=100"));
    assert_eq!(last["data"].as_array().unwrap().len(), kustomer_data::LONG_CHAT_MESSAGES - 600);
    assert!(last["links"]["next"].is_null());
}

#[test]
fn the_email_thread_has_html_quotes_attachments_and_varied_recipients() {
    let messages = kustomer_data::messages(kustomer_data::INVOICE_EMAIL).unwrap();
    assert!(messages.iter().any(|m| m["attributes"]["htmlBody"].as_str().is_some_and(|h| h.contains("blockquote"))));
    assert!(messages.iter().any(|m| m["attributes"]["meta"]["htmlBody"].is_string()), "HTML under meta too");
    assert!(messages.iter().any(|m| m["attributes"]["meta"]["to"].is_object()));
    assert!(messages.iter().any(|m| m["attributes"]["meta"]["cc"].is_string()));
    let files = kustomer_data::attachments(kustomer_data::INVOICE_EMAIL).unwrap();
    let types: Vec<&str> = files.iter().map(|f| f["attributes"]["contentType"].as_str().unwrap()).collect();
    for content_type in ["application/pdf", "image/png", "text/csv", "image/svg+xml"] {
        assert!(types.contains(&content_type), "{content_type}");
    }
    assert!(files.iter().any(|f| f["links"]["related"].is_null()), "one stored as metadata only");
}

#[test]
fn a_redacted_message_and_attachment_exist() {
    let messages = kustomer_data::messages(kustomer_data::SMS_REDACTED).unwrap();
    assert!(messages.iter().any(|m| m["attributes"]["redacted"] == true));
    let files = kustomer_data::attachments(kustomer_data::SMS_REDACTED).unwrap();
    assert!(files.iter().any(|f| f["attributes"]["redacted"] == true));
}

#[test]
fn unknown_paths_are_404_in_kustomer_format() {
    let org = DemoOrg::new(Scenario::Normal);
    let (status, body) = get(&org, Service::Kustomer, "/v1/conversations/nope");
    assert_eq!(status, 404);
    assert_eq!(body["errors"][0]["code"], "not.found");
}

#[test]
fn rate_limit_scenario_answers_429_once_per_path() {
    let org = DemoOrg::new(Scenario::KustomerRateLimit);
    let path = format!("/v1/conversations/{}", kustomer_data::VOICE);
    let response = org.respond(&Request::new(Service::Kustomer, &path), 1_700_000_000_400.0);
    assert_eq!(response.status, 429);
    assert_eq!(response.header("x-ratelimit-reset"), Some("1700000001"));
    assert_eq!(org.respond(&Request::new(Service::Kustomer, &path), 1.7e12).status, 200);
}

#[test]
fn server_error_and_limit_scenarios_fail_in_each_service_format() {
    let org = DemoOrg::new(Scenario::ServerError);
    assert_eq!(get(&org, Service::Kustomer, "/v1/users/x").0, 500);
    let (status, body) = get(&org, Service::Salesforce, "/services/data/v62.0/query?q=SELECT+Id+FROM+Contact");
    assert_eq!(status, 500);
    assert_eq!(body[0]["errorCode"], "UNKNOWN_EXCEPTION");

    let org = DemoOrg::new(Scenario::SalesforceLimit);
    let (status, body) = get(&org, Service::Salesforce, "/services/data/v62.0/query?q=SELECT+Id+FROM+Contact");
    assert_eq!(status, 403);
    assert_eq!(body[0]["errorCode"], "REQUEST_LIMIT_EXCEEDED");
    assert_eq!(get(&org, Service::Kustomer, &format!("/v1/conversations/{}", kustomer_data::FORM)).0, 200);
}

#[test]
fn slow_scenario_has_latency() {
    assert_eq!(DemoOrg::new(Scenario::Slow).latency_ms(), SLOW_MS);
    assert_eq!(DemoOrg::new(Scenario::Normal).latency_ms(), 0);
}

#[test]
fn salesforce_queries_page_with_next_records_url() {
    let org = DemoOrg::new(Scenario::Normal);
    let q = "SELECT+Id,+Name+FROM+Opportunity+ORDER+BY+CloseDate";
    let (status, first) = get(&org, Service::Salesforce, &format!("/services/data/v62.0/query?q={q}"));
    assert_eq!(status, 200);
    assert_eq!(first["done"], false);
    assert_eq!(first["totalSize"], 6);
    let next = first["nextRecordsUrl"].as_str().unwrap().to_string();
    let (_, second) = get(&org, Service::Salesforce, &next);
    assert_eq!(second["done"], true);
    assert_eq!(second["records"].as_array().unwrap().len(), 3);
    assert_eq!(second["records"][2]["attributes"]["type"], "Opportunity");
}

#[test]
fn salesforce_demo_has_duplicates_leads_and_no_match_customers() {
    let org = DemoOrg::new(Scenario::Normal);
    let query = |soql: &str| {
        get(
            &org,
            Service::Salesforce,
            &format!("/services/data/v62.0/query?q={}", crate::transport::encode_query_value(soql)),
        )
        .1
    };
    let marcus = query("SELECT Id, AccountId FROM Contact WHERE Email = 'marcus.webb@harborlogistics.com'");
    assert_eq!(marcus["totalSize"], 2, "two Contacts share one email, whatever its case");
    let priya = query("SELECT Id FROM Contact WHERE Email = 'priya@shahdesign.studio'");
    assert_eq!(priya["totalSize"], 0);
    let priya_leads = query("SELECT Id FROM Lead WHERE Email = 'priya@shahdesign.studio' AND IsConverted = false");
    assert_eq!(priya_leads["totalSize"], 1);
    for email in kustomer_data::CUSTOMERS.iter().find(|c| c.id == kustomer_data::TOM).unwrap().emails {
        let escaped = email.replace('\\', "\\\\").replace('\'', "\\'");
        assert_eq!(query(&format!("SELECT Id FROM Contact WHERE Email = '{escaped}'"))["totalSize"], 0);
        assert_eq!(query(&format!("SELECT Id FROM Lead WHERE Email = '{escaped}'"))["totalSize"], 0);
    }
    let opportunities = query("SELECT Id, IsClosed FROM Opportunity WHERE AccountId = '001Dn00000BrtLneA'");
    assert_eq!(opportunities["totalSize"], 4);
}

/// The demo org carries what related lists need: a custom object under Accounts, Cases
/// under Contacts, and object info with the org's labels and child relationships.
#[test]
fn related_lists_run_against_the_demo_org_with_its_object_info() {
    use crate::insight::related::parse_lists;
    use crate::salesforce::object_info::{batch_path, read_batch};
    use crate::transport::encode_query_value;

    let org = DemoOrg::new(Scenario::Normal);
    let asked = ["Account", "Contact", "Subscription__c", "Thing__c"];
    let (status, body) = get(&org, Service::Salesforce, &batch_path("v62.0", &asked));
    assert_eq!(status, 200);
    let (described, undescribed) = read_batch(&body, &asked).unwrap();
    assert_eq!(undescribed.len(), 1, "an object the org does not have is its own 404");
    let account = &described[0];
    assert_eq!(account.field_label("NumberOfEmployees"), Some("Employees"), "the org's own label");
    let subscription = &described[2];
    assert_eq!(subscription.label_plural.as_deref(), Some("Subscriptions"));
    assert_eq!(subscription.field_label("Renewal_Date__c"), Some("Renewal date"));
    assert_eq!(account.relationship_to("Subscription__c", None), Ok("Subscriptions__r"));
    assert_eq!(described[1].relationship_to("Case", None), Ok("Cases"));

    let lists = parse_lists(
        &crate::json::parse(
            r#"[{"object":"Subscription__c","parent":"Account","fields":["Name","Status__c","Renewal_Date__c","Product__r.Name"],
                "where":"Status__c != 'Cancelled'","orderBy":"Renewal_Date__c DESC","limit":1},
               {"object":"Case","parent":"Contact","fields":["CaseNumber","Subject","Status"]}]"#,
        )
        .unwrap(),
    )
    .unwrap();
    let subquery = lists[0].subquery("Subscriptions__r");
    let nested = lists[1].subquery("Cases");
    let soql = format!(
        "SELECT Id, Name, {subquery}, (SELECT Id, Name, {nested} FROM Contacts) FROM Account WHERE Name = 'Brightline Inc'"
    );
    let (status, body) =
        get(&org, Service::Salesforce, &format!("/services/data/v62.0/query?q={}", encode_query_value(&soql)));
    assert_eq!(status, 200, "{body}");
    let account = &body["records"][0];
    let subscriptions = account["Subscriptions__r"]["records"].as_array().unwrap();
    assert_eq!(subscriptions.len(), 2, "the limit and one more, to know there are more: {subscriptions:?}");
    assert_eq!(subscriptions[0]["Name"], "SUB-0001", "newest renewal first, the cancelled one left out");
    assert_eq!(subscriptions[0]["Product__r"]["Name"], "Team plan");
    let cases = &account["Contacts"]["records"][0]["Cases"]["records"];
    assert_eq!(cases[0]["CaseNumber"], "00001042", "a Contact's own list, nested under its Account");
}

/// A customer Kustomer knows by phone alone, with a conversation the preview can pick,
/// whose number Salesforce holds in other formats.
#[test]
fn a_phone_only_customer_has_a_conversation_and_salesforce_finds_them_by_phone() {
    let org = DemoOrg::new(Scenario::Normal);
    let whitfield = kustomer_data::customer_of(kustomer_data::PHONE_ONLY_SMS).unwrap();
    assert_eq!((whitfield.id, whitfield.name), (kustomer_data::WHITFIELD, "Dana Whitfield"));
    assert!(whitfield.emails.is_empty());
    assert_eq!(whitfield.phones, ["(503) 555-0147"]);
    let (status, customer) = get(&org, Service::Kustomer, &format!("/v1/customers/{}", kustomer_data::WHITFIELD));
    assert_eq!(status, 200);
    assert_eq!(customer["data"]["attributes"]["emails"], json!([]));
    assert_eq!(customer["data"]["attributes"]["phones"][0]["phone"], "(503) 555-0147");
    let messages = kustomer_data::messages(kustomer_data::PHONE_ONLY_SMS).unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0]["attributes"]["channel"], "sms");
    assert_eq!(messages[0]["attributes"]["meta"]["from"], "+15035550147");
    assert!(kustomer_data::conversation_index().iter().any(|(id, ..)| *id == kustomer_data::PHONE_ONLY_SMS));

    // The number as the card sends it: digits with and without the country code.
    let digits: String = whitfield.phones[0].chars().filter(char::is_ascii_digit).collect();
    let sosl = format!(
        "FIND {{\"+1{digits}\" OR \"{digits}\"}} IN PHONE FIELDS RETURNING Contact(Id, Name, Account.Name ORDER BY Name LIMIT 20), \
         Lead(Id, Name WHERE IsConverted = false ORDER BY Name LIMIT 20)"
    );
    let path = format!("/services/data/v62.0/search/?q={}", crate::transport::encode_query_value(&sosl));
    let (status, body) = get(&org, Service::Salesforce, &path);
    assert_eq!(status, 200, "{body}");
    let found: Vec<&str> =
        body["searchRecords"].as_array().unwrap().iter().map(|r| r["Id"].as_str().unwrap()).collect();
    assert_eq!(found, vec!["003Dn00000DnWhtA", "00QDn00000DnWhA"]);
    assert_eq!(body["searchRecords"][0]["Account"]["Name"], "Whitfield Outdoor");
}

#[test]
fn object_info_labels_the_customer_id_and_phone_fields() {
    use crate::salesforce::object_info::{batch_path, read_batch};

    let org = DemoOrg::new(Scenario::Normal);
    let asked = ["Contact", "Lead"];
    let (_, body) = get(&org, Service::Salesforce, &batch_path("v62.0", &asked));
    let (described, _) = read_batch(&body, &asked).unwrap();
    for object in &described {
        assert_eq!(object.field_label("Kustomer_Customer_Id__c"), Some("Kustomer customer ID"));
        assert_eq!(object.field_label("MobilePhone"), Some("Mobile Phone"));
    }
    assert_eq!(described[0].field_label("Phone"), Some("Business Phone"));
    assert_eq!(described[1].field_label("Phone"), Some("Phone"));
}
