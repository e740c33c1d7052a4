use super::*;
use crate::config::Scenario;
use crate::demo::kustomer_data::CUSTOMERS;
use crate::test_support::{block_on, FakeClock};
use crate::transport::demo::DemoTransport;

fn visibility(accounts: bool, contacts: bool, opportunities: bool, leads: bool) -> Visibility {
    Visibility { card: true, accounts, contacts, opportunities, leads }
}

fn emails(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_visibility_combination_queries_only_what_is_shown_in_at_most_two_requests() {
    let list = emails(&["jane@x.co"]);
    for bits in 0..16u8 {
        let (accounts, contacts, opportunities, leads) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
        if leads && !contacts {
            continue; // refused by config validation
        }
        let plan = Plan::new(visibility(accounts, contacts, opportunities, leads), &list, &Fields::default(), &[]);
        let people = plan.people.clone().unwrap_or_default();
        assert_eq!(people.contains("Contact("), contacts, "{bits:04b}");
        assert_eq!(people.contains("Lead("), leads, "{bits:04b}");
        assert_eq!(plan.accounts.is_some(), accounts || opportunities, "{bits:04b}");
        if let Some(accounts_query) = &plan.accounts {
            assert_eq!(accounts_query.contains("FROM Opportunities"), opportunities, "{bits:04b}");
            assert_eq!(accounts_query.contains("Parent.Name"), accounts, "{bits:04b}");
        }
        assert!(plan.request_count() <= 2);
    }
    let off = Plan::new(Visibility { card: false, ..Visibility::default() }, &list, &Fields::default(), &[]);
    assert_eq!(off.request_count(), 0, "a card switched off asks nothing");
    assert_eq!(Plan::new(Visibility::default(), &[], &Fields::default(), &[]).request_count(), 0);
}

#[test]
fn queries_read_as_expected() {
    let plan = Plan::new(Visibility::default(), &emails(&["jane@x.co", "o'neil+1@x.co"]), &Fields::default(), &[]);
    assert_eq!(
        plan.people.unwrap(),
        "FIND {\"jane@x.co\" OR \"o\\'neil\\+1@x.co\"} IN EMAIL FIELDS RETURNING \
         Contact(Id, Name, Title, Email, Phone, AccountId, Account.Name, Owner.Name WHERE Email IN ('jane@x.co', 'o\\'neil+1@x.co') ORDER BY Name), \
         Lead(Id, Name, Company, Title, Status, LeadSource, Email, Phone, Owner.Name WHERE Email IN ('jane@x.co', 'o\\'neil+1@x.co') AND IsConverted = false ORDER BY Name)"
    );
    assert_eq!(
        plan.accounts.unwrap(),
        "SELECT Id, Name, Parent.Name, (SELECT Email FROM Contacts WHERE Email IN ('jane@x.co', 'o\\'neil+1@x.co')), \
         (SELECT Id, Name, StageName, Amount, CloseDate, Probability, IsClosed, IsWon FROM Opportunities ORDER BY IsClosed, CloseDate) \
         FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN ('jane@x.co', 'o\\'neil+1@x.co')) ORDER BY Name"
    );
}

#[test]
fn refused_objects_are_left_out_of_the_next_attempt() {
    let list = emails(&["jane@x.co"]);
    let plan = Plan::new(Visibility::default(), &list, &Fields::default(), &[Object::Lead, Object::Opportunity]);
    let people = plan.people.unwrap();
    assert!(people.contains("Contact(") && !people.contains("Lead("), "{people}");
    assert!(!plan.accounts.unwrap().contains("Opportunities"));
    let plan = Plan::new(Visibility::default(), &list, &Fields::default(), &[Object::Account]);
    assert_eq!(plan.accounts, None, "the Opportunities go with their Accounts");
    let only_opportunities = visibility(false, true, true, false);
    let plan = Plan::new(only_opportunities, &list, &Fields::default(), &[Object::Opportunity]);
    assert_eq!(plan.accounts, None, "nothing left to read through the Accounts");
}

#[test]
fn extra_fields_are_checked_before_they_enter_soql() {
    let extra = ExtraFields {
        contact: vec!["Department".into(), "Name FROM User --".into(), "department".into()],
        account: vec!["NumberOfEmployees".into()],
        ..ExtraFields::default()
    };
    let fields = Fields::from_config(&extra);
    assert_eq!(fields.contact, vec!["Department"]);
    assert_eq!(fields.refused.len(), 1);
    assert!(fields.refused[0].1.contains("Name FROM User --"));
    let plan = Plan::new(Visibility::default(), &emails(&["a@x.co"]), &fields, &[]);
    assert!(plan.people.unwrap().contains("Owner.Name, Department WHERE"));
    assert!(plan.accounts.unwrap().starts_with("SELECT Id, Name, Parent.Name, NumberOfEmployees, (SELECT"));
}

fn demo_card(customer_emails: &[&str], visibility: Visibility, extra: &ExtraFields) -> Card {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock);
    let client = SalesforceClient::new(&transport, "v62.0");
    block_on(load_card(&client, visibility, &emails(customer_emails), extra)).unwrap()
}

#[test]
fn the_demo_org_answers_the_real_queries() {
    let jane = CUSTOMERS[0].emails;
    let card = demo_card(jane, Visibility::default(), &ExtraFields::default());
    assert_eq!(card.contacts.as_ref().unwrap().len(), 1);
    let accounts = card.accounts.as_ref().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].parent_name.as_deref(), Some("Brightline Holdings"));
    assert_eq!(accounts[0].opportunities.len(), 4);
    assert!(!accounts[0].opportunities[0].is_closed && accounts[0].opportunities[3].is_closed);
    assert!(card.duplicates.is_empty());
    assert_eq!(card.usage, Some(ApiUsage { used: 18342, limit: 100000 }));
}

#[test]
fn duplicates_are_stated_and_all_shown() {
    let card = demo_card(&["marcus.webb@harborlogistics.com"], Visibility::default(), &ExtraFields::default());
    assert_eq!(card.contacts.as_ref().unwrap().len(), 2);
    assert_eq!(card.duplicates[0].sentence(), "2 Contacts share marcus.webb@harborlogistics.com");
    assert!(
        card.contacts.as_ref().unwrap().iter().any(|c| c.account_name.is_none()),
        "a null Account is absent, not an error"
    );
}

#[test]
fn a_lead_only_customer_and_a_customer_with_no_match() {
    let priya = demo_card(&["priya@shahdesign.studio"], Visibility::default(), &ExtraFields::default());
    assert!(priya.contacts.as_ref().unwrap().is_empty());
    assert_eq!(priya.leads.as_ref().unwrap().len(), 1, "the converted Lead is not shown");
    assert!(!priya.is_empty());
    let tom = demo_card(&["tom.becker@example.net", "not-an-email"], Visibility::default(), &ExtraFields::default());
    assert!(tom.is_empty());
    assert_eq!(tom.emails, vec!["tom.becker@example.net"]);
    assert_eq!(tom.skipped_emails, vec!["not-an-email"]);
}

#[test]
fn a_field_the_org_lacks_is_dropped_by_name_and_the_card_still_loads() {
    let extra = ExtraFields { contact: vec!["Department".into(), "Shoe_Size__c".into()], ..ExtraFields::default() };
    let card = demo_card(CUSTOMERS[0].emails, Visibility::default(), &extra);
    assert_eq!(card.contacts.as_ref().unwrap()[0].extra.len(), 1);
    assert_eq!(card.contacts.as_ref().unwrap()[0].extra[0].0, "Department");
    assert_eq!(card.dropped_fields.len(), 1);
    assert!(
        card.dropped_fields[0].1.starts_with("Shoe_Size__c does not exist on Contact"),
        "{:?}",
        card.dropped_fields
    );
}

#[test]
fn the_limit_scenario_is_an_error_for_the_cache_policy_to_handle() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::SalesforceLimit, clock);
    let client = SalesforceClient::new(&transport, "v62.0");
    let error = block_on(load_card(
        &client,
        Visibility::default(),
        &emails(&["jane.cooper@brightline.io"]),
        &ExtraFields::default(),
    ))
    .unwrap_err();
    assert_eq!(error.status(), Some(403));
}

#[test]
fn fetched_records_round_trip_through_json_for_the_cache() {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock);
    let client = SalesforceClient::new(&transport, "v62.0");
    let extra = ExtraFields { contact: vec!["Department".into(), "Shoe_Size__c".into()], ..ExtraFields::default() };
    let fetched = block_on(fetch(
        &client,
        &Wanted::emails(Visibility::default(), &emails(&["jane.cooper@brightline.io"]), &extra),
        None,
    ))
    .unwrap();
    let again = Fetched::from_json(&fetched.to_json()).unwrap();
    assert_eq!(again.records, fetched.records);
    assert_eq!(again.fields, fetched.fields);
    assert_eq!(again.dropped_fields, fetched.dropped_fields);
    assert_eq!(Fetched::from_json(&serde_json::json!({ "records": "x" })), None);
}
