//! The card with related lists and both match rules, loaded from the demo org over a
//! network where every answer takes one round trip (`Waves`): requests and round trips
//! counted the way agents wait, cold (object info to read), warm, and with nothing new.

use std::rc::Rc;

use super::*;
use crate::config::{Matching, Scenario};
use crate::demo::ids::{JANE, WHITFIELD};
use crate::demo::DemoOrg;
use crate::insight::matching::Reason;
use crate::insight::related::parse_lists;
use crate::test_support::{Memory, Waves};
use crate::transport::{Request, Service};

const DAY: f64 = 24.0 * 3_600_000.0;

fn settings_with(lists: &str, matching: Matching) -> CardSettings {
    CardSettings {
        related_lists: parse_lists(&crate::json::parse(lists).unwrap()).unwrap(),
        sections: Vec::new(),
        matching,
    }
}

/// A custom object under Accounts and a standard one under Contacts, both match rules.
fn full() -> CardSettings {
    let mut card = settings_with(
        r#"[{"object":"Subscription__c","parent":"Account","fields":["Name","Status__c","Renewal_Date__c","Product__r.Name"],
             "where":"Status__c != 'Cancelled'","orderBy":"Renewal_Date__c DESC NULLS LAST"},
            {"object":"Case","parent":"Contact","fields":["CaseNumber","Subject","Status"]}]"#,
        Matching { contact_field: Some("Kustomer_Customer_Id__c".into()), phones: true },
    );
    card.sections = crate::insight::sections::order(
        Some(&crate::json::parse(r#"["Subscription__c", "contacts", "Case"]"#).unwrap()),
        &card.related_objects(),
    )
    .unwrap();
    card
}

fn network() -> Rc<Waves> {
    let org = DemoOrg::new(Scenario::Normal);
    Waves::new(move |request: &Request| org.respond(request, 0.0))
}

struct Customer<'a> {
    id: &'a str,
    emails: Vec<String>,
    phones: Vec<String>,
}

fn jane() -> Customer<'static> {
    Customer { id: JANE, emails: vec!["jane.cooper@brightline.io".into()], phones: vec!["+1 (415) 555-0134".into()] }
}

/// Loads the card for `customer`; the card, the requests it made and the round trips.
fn load_on(
    waves: &Waves,
    storage: &Memory,
    now: f64,
    card: &CardSettings,
    customer: &Customer,
) -> (Loaded, usize, usize) {
    let extra = ExtraFields { account: vec!["NumberOfEmployees".into()], ..ExtraFields::default() };
    let (loaded, requests, round_trips) = try_load_on(waves, storage, now, card, customer, &extra);
    (loaded.unwrap_or_else(|problem| panic!("{problem:?}")), requests, round_trips)
}

/// As [`load_on`], with these extra fields, whatever the outcome.
fn try_load_on(
    waves: &Waves,
    storage: &Memory,
    now: f64,
    card: &CardSettings,
    customer: &Customer,
    extra: &ExtraFields,
) -> (Result<Loaded, Problem>, usize, usize) {
    let settings = Settings {
        org: "northwind.my",
        visibility: Visibility::default(),
        extra,
        quota_percent: 95,
        refresh: true,
        card,
        phones: &customer.phones,
        customer_id: Some(customer.id),
    };
    let client = SalesforceClient::new(waves, "v62.0");
    let (before, ticks) = (waves.requests.borrow().len(), waves.tick());
    let (loaded, _) = waves.run(load(&client, Some(storage), now, &settings, &customer.emails));
    (loaded, waves.requests.borrow().len() - before, waves.tick() - ticks)
}

#[test]
fn a_card_with_two_lists_and_both_match_rules_costs_four_requests_cold_and_three_warm() {
    let (waves, storage, card) = (network(), Memory::new(1 << 20), full());
    let (cold, requests, round_trips) = load_on(&waves, &storage, 0.0, &card, &jane());
    assert_eq!(requests, 4, "object info, people, phones, accounts: {:?}", waves.requests.borrow());
    assert_eq!(round_trips, 3, "object info, then both searches, then the Accounts by id");
    assert!(waves.requests.borrow().iter().all(|(_, request)| request.service == Service::Salesforce));
    assert!(waves.requests.borrow()[0]
        .1
        .path
        .contains("/ui-api/object-info/batch/Account,Contact,Lead,Subscription__c,Case"));

    let (warm, requests, round_trips) = load_on(&waves, &storage, 3_600_000.0, &card, &jane());
    assert_eq!((requests, round_trips), (3, 2), "object info is saved for a day");
    assert_eq!(warm.card, cold.card);
    let (_, requests, _) = load_on(&waves, &storage, DAY + 1.0, &card, &jane());
    assert_eq!(requests, 4, "and read again after it");

    // What the card shows: the lists in the admin's order with the org's labels.
    let card = &cold.card;
    use crate::insight::sections::Section;
    assert_eq!(&card.sections[..3], &[Section::Related(0), Section::BuiltIn("contacts"), Section::Related(1)]);
    let subscriptions = &card.related[0];
    assert_eq!(subscriptions.title, "Subscriptions");
    let labels: Vec<&str> = subscriptions.columns.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(labels, ["Status", "Renewal date", "Product Name"]);
    assert_eq!(subscriptions.groups[0].parent_name, "Brightline Inc");
    let names: Vec<&str> = subscriptions.groups[0].rows.iter().map(|row| row.name.as_str()).collect();
    assert!(
        !names.is_empty() && subscriptions.groups[0].rows.iter().all(|row| row.values[0] != "Cancelled"),
        "{names:?}"
    );
    let cases = &card.related[1];
    assert_eq!((cases.title.as_str(), cases.refusal.as_ref()), ("Cases", None));
    assert!(cases.count() > 0, "{cases:?}");
    assert_eq!(card.accounts.as_ref().unwrap()[0].extra[0].0, "Employees", "extra fields under the org's labels");
}

#[test]
fn people_say_how_they_were_found_and_each_shows_once() {
    let (waves, storage, card) = (network(), Memory::new(1 << 20), full());
    let (loaded, _, _) = load_on(&waves, &storage, 0.0, &card, &jane());
    let contacts = loaded.card.contacts.as_ref().unwrap();
    let ids: Vec<&str> = contacts.iter().map(|contact| contact.id.as_str()).collect();
    assert_eq!(ids.iter().filter(|id| **id == "003Dn00000JnCprA").count(), 1, "{ids:?}");
    assert_eq!(loaded.card.reasons("003Dn00000JnCprA"), Some(&[Reason::Email, Reason::Phone][..]));
    assert_eq!(loaded.card.reasons("003Dn00000JnCkId"), Some(&[Reason::KustomerId][..]), "the billing contact");

    // Without the rules, the billing contact is not found and nobody says how.
    let plain = settings_with("[]", Matching::default());
    let (loaded, requests, _) = load_on(&waves, &storage, 0.0, &plain, &jane());
    let ids: Vec<&str> = loaded.card.contacts.as_ref().unwrap().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["003Dn00000JnCprA"]);
    assert!(loaded.card.reasons.is_empty());
    assert_eq!(requests, 2, "today's two: the saved object info covers the extra field");
}

#[test]
fn a_phone_only_customer_is_found_by_phone_with_their_account() {
    let (waves, storage, card) = (network(), Memory::new(1 << 20), full());
    let dana = Customer { id: WHITFIELD, emails: Vec::new(), phones: vec!["(503) 555-0147".into(), "call me".into()] };
    let (loaded, requests, _) = load_on(&waves, &storage, 0.0, &card, &dana);
    assert_eq!(requests, 4, "{:?}", waves.requests.borrow());
    let card = &loaded.card;
    assert_eq!(card.skipped_phones, ["call me"]);
    let contacts = card.contacts.as_ref().unwrap();
    assert_eq!(contacts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["003Dn00000DnWhtA"]);
    assert_eq!(card.reasons("003Dn00000DnWhtA"), Some(&[Reason::Phone][..]));
    assert_eq!(card.leads.as_ref().unwrap()[0].id, "00QDn00000DnWhA", "a Lead's mobile phone found too");
    assert_eq!(card.accounts.as_ref().unwrap()[0].name, "Whitfield Outdoor");
    assert_eq!(card.related[0].groups[0].rows[0].name, "SUB-0005");
}

#[test]
fn a_refused_custom_object_leaves_the_rest_of_the_card() {
    let (waves, storage) = (network(), Memory::new(1 << 20));
    let card = settings_with(
        r#"[{"object":"Thing__c","parent":"Account","relationship":"Things__r","fields":["Name"]},
            {"object":"Subscription__c","parent":"Account","relationship":"Subscriptions__r","fields":["Name","Seats__c","Secret__c"]}]"#,
        Matching::default(),
    );
    let (loaded, _, _) = load_on(&waves, &storage, 0.0, &card, &jane());
    let card = &loaded.card;
    let refusal = card.related[0].refusal.as_ref().map(|(notice, _)| notice.as_str()).unwrap_or_default();
    assert!(refusal.contains("Thing__c"), "{refusal}");
    assert!(card.related[1].count() > 0 && card.related[1].refusal.is_none(), "{:?}", card.related[1]);
    assert!(card.contacts.as_ref().is_some_and(|contacts| !contacts.is_empty()));
    assert!(
        card.dropped_fields.iter().any(|(object, reason)| object == "Subscription__c" && reason.contains("Secret__c")),
        "an unreadable field is left out and said: {:?}",
        card.dropped_fields
    );
    let accounts_query =
        waves.requests.borrow().iter().map(|(_, r)| r.path.clone()).find(|p| p.contains("/query?")).unwrap();
    assert!(!accounts_query.contains("Things__r") && !accounts_query.contains("Secret__c"), "{accounts_query}");
}

#[test]
fn under_the_api_limit_the_lists_come_back_from_what_was_saved_and_object_info_is_not_asked() {
    let (waves, storage, card) = (network(), Memory::new(1 << 20), full());
    let (live, _, _) = load_on(&waves, &storage, 0.0, &card, &jane());
    assert!(live.card.related.iter().all(|list| list.count() > 0), "{:?}", live.card.related);

    // A day and more later the org is at its limit: nothing is saved young enough for
    // the quota rule, so the card asks, is refused, and falls back to what it saved.
    let limited = Waves::new(|_: &Request| {
        crate::transport::Response::new(
            403,
            r#"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]"#,
        )
    });
    let (fallback, _, _) = load_on(&limited, &storage, 20.0 * 3_600_000.0, &card, &jane());
    assert!(fallback.notice().is_some_and(|notice| notice.contains("limit")), "{:?}", fallback.freshness);
    assert_eq!(fallback.card.related, live.card.related, "the lists are saved with the records");
    assert_eq!(fallback.card.reasons, live.card.reasons);

    // The limit is now known. Another customer, with nothing saved, a day after the object
    // info was read: the card still asks for records, but not for object info.
    let dana = Customer { id: WHITFIELD, emails: Vec::new(), phones: vec!["(503) 555-0147".into()] };
    let before = limited.requests.borrow().len();
    let (result, _, _) =
        try_load_on(&limited, &storage, DAY + 2.0 * 3_600_000.0, &card, &dana, &ExtraFields::default());
    assert!(result.is_err(), "nothing saved for this customer");
    let asked: Vec<String> = limited.requests.borrow()[before..].iter().map(|(_, r)| r.path.clone()).collect();
    assert!(!asked.is_empty() && asked.iter().all(|path| !path.contains("object-info")), "{asked:?}");
}
