use super::*;
use crate::insight::related::parse_lists;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|text| text.to_string()).collect()
}

fn lists() -> Vec<RelatedList> {
    parse_lists(
        &crate::json::parse(
            r#"[{"object":"Subscription__c","parent":"Account","fields":["Name","Status__c"],
                 "where":"Status__c != 'Cancelled'","orderBy":"Renewal_Date__c DESC","limit":10},
                {"object":"Case","parent":"Contact","fields":["CaseNumber","Subject"]}]"#,
        )
        .unwrap(),
    )
    .unwrap()
}

fn asked(lists: &[RelatedList]) -> Vec<Asked<'_>> {
    lists
        .iter()
        .map(|list| Asked { list, relationship: if list.object == "Case" { "Cases" } else { "Subscriptions__r" } })
        .collect()
}

const BY_ID: ById = ById { field: "Kustomer_Customer_Id__c", id: "k1", on_contact: true, on_lead: true };

/// Outer `SELECT`s and `FIND`s outside parentheses, and subqueries: a query's shape.
fn shape(query: &str) -> (usize, usize) {
    let (mut depth, mut outer, mut inner) = (0usize, 0, 0);
    let mut quoted = false;
    let bytes = query.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'\'' if index == 0 || bytes[index - 1] != b'\\' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth -= 1,
            _ if !quoted && (query[index..].starts_with("SELECT ") || query[index..].starts_with("FIND ")) => {
                if depth == 0 {
                    outer += 1
                } else {
                    inner += 1
                }
            }
            _ => {}
        }
    }
    (outer, inner)
}

#[test]
fn every_configuration_costs_at_most_three_requests_and_nothing_new_costs_two() {
    let lists = lists();
    let emails = strings(&["jane@x.co"]);
    let phones = strings(&["+14155550134"]);
    for bits in 0..64u8 {
        let (accounts, contacts, opportunities, leads) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
        if leads && !contacts {
            continue;
        }
        let visibility = Visibility { card: true, accounts, contacts, opportunities, leads };
        for (with_phones, with_id, with_lists) in [false, true].into_iter().flat_map(|p| {
            [false, true].into_iter().flat_map(move |i| [false, true].into_iter().map(move |l| (p, i, l)))
        }) {
            let reach = Reach {
                emails: &emails,
                phones: if with_phones { &phones } else { &[] },
                by_id: with_id.then_some(BY_ID),
            };
            let asked = if with_lists { asked(&lists) } else { Vec::new() };
            let plan = Plan::build(visibility, &reach, &Fields::default(), &[], &asked);
            let case = format!("{bits:04b} phones {with_phones} id {with_id} lists {with_lists}");
            assert!(plan.request_count() <= 3, "{case}: {plan:?}");
            if !(with_phones || with_id || with_lists) {
                assert_eq!(plan, Plan::new(visibility, &emails, &Fields::default(), &[]), "{case}");
                assert!(plan.request_count() <= 2, "{case}");
            }
            assert_eq!(plan.phones.is_some(), with_phones && contacts, "{case}");
            let accounts_read = accounts || opportunities || with_lists;
            assert_eq!(plan.after_searches, with_phones && contacts && accounts_read, "{case}");
            assert_eq!(plan.accounts.is_some(), accounts_read && !plan.after_searches, "{case}");
            for query in [&plan.people, &plan.phones, &plan.accounts].into_iter().flatten() {
                assert_eq!(shape(query).0, 1, "{case}: one outer statement in {query}");
            }
            if let Some(accounts_query) = &plan.accounts {
                let expected = 1 + usize::from(opportunities) + if with_lists { 2 } else { 0 };
                let semi_join = 1;
                assert_eq!(shape(accounts_query).1, expected + semi_join, "{case}: {accounts_query}");
            }
        }
    }
}

#[test]
fn by_kustomer_id_searches_all_fields_and_adds_the_field_to_each_condition() {
    let emails = strings(&["jane@x.co"]);
    let reach = Reach { emails: &emails, phones: &[], by_id: Some(BY_ID) };
    let plan = Plan::build(Visibility::default(), &reach, &Fields::default(), &[], &[]);
    let people = plan.people.unwrap();
    assert!(people.starts_with(r#"FIND {"jane@x.co" OR "k1"} IN ALL FIELDS RETURNING Contact("#), "{people}");
    assert!(
        people.contains("Owner.Name, Kustomer_Customer_Id__c WHERE (Email IN ('jane@x.co') OR Kustomer_Customer_Id__c = 'k1') ORDER BY Name)"),
        "{people}"
    );
    assert!(people.contains("OR Kustomer_Customer_Id__c = 'k1') AND IsConverted = false"), "{people}");
    let accounts = plan.accounts.unwrap();
    assert!(
        accounts.ends_with("WHERE Id IN (SELECT AccountId FROM Contact WHERE (Email IN ('jane@x.co') OR Kustomer_Customer_Id__c = 'k1')) ORDER BY Name"),
        "{accounts}"
    );

    // No email, and a Lead without the field: the id alone, on Contacts only.
    let only_contact = ById { on_lead: false, ..BY_ID };
    let hostile = ById { id: "k1' OR Name != '", ..only_contact };
    let plan = Plan::build(
        Visibility::default(),
        &Reach { by_id: Some(hostile), ..Reach::default() },
        &Fields::default(),
        &[],
        &[],
    );
    let people = plan.people.unwrap();
    assert!(people.starts_with(r#"FIND {"k1\' OR Name \!= \'"} IN ALL FIELDS"#), "{people}");
    assert!(people.contains(r"WHERE Kustomer_Customer_Id__c = 'k1\' OR Name != \'' ORDER BY Name"), "{people}");
    assert!(!people.contains("Lead("), "{people}");
}

#[test]
fn phones_are_searched_in_phone_fields_and_accounts_follow_by_id() {
    let phones = strings(&["+14155550134", "4155550134"]);
    let lists = lists();
    let reach = Reach { emails: &[], phones: &phones, by_id: None };
    let plan = Plan::build(Visibility::default(), &reach, &Fields::default(), &[], &asked(&lists));
    assert_eq!(plan.people, None, "no email, no id: no people search");
    assert!(plan
        .phones
        .as_deref()
        .unwrap()
        .starts_with(r#"FIND {"\+14155550134" OR "4155550134"} IN PHONE FIELDS RETURNING Contact(Id, Name"#));
    assert!(plan.phones.as_deref().unwrap().contains("WHERE IsConverted = false ORDER BY Name LIMIT 20)"));
    assert_eq!((plan.accounts.as_deref(), plan.after_searches, plan.request_count()), (None, true, 2));
    let by_ids = Plan::accounts_by_ids(
        Visibility::default(),
        &Fields::default(),
        &[],
        &asked(&lists),
        &strings(&["001Dn00000BrtLneA"]),
        &strings(&["003Dn00000JnCprA", "003Dn00000JnCkId"]),
    )
    .unwrap();
    assert_eq!(
        by_ids,
        "SELECT Id, Name, Parent.Name, (SELECT Id, Name, Email, (SELECT Id, CaseNumber, Subject FROM Cases LIMIT 6) \
         FROM Contacts WHERE Id IN ('003Dn00000JnCprA', '003Dn00000JnCkId')), \
         (SELECT Id, Name, StageName, Amount, CloseDate, Probability, IsClosed, IsWon FROM Opportunities ORDER BY IsClosed, CloseDate), \
         (SELECT Id, Name, Status__c FROM Subscriptions__r WHERE Status__c != 'Cancelled' ORDER BY Renewal_Date__c DESC LIMIT 11) \
         FROM Account WHERE Id IN ('001Dn00000BrtLneA') ORDER BY Name"
    );
    assert_eq!(
        Plan::accounts_by_ids(Visibility::default(), &Fields::default(), &[], &[], &[], &strings(&["003A"])),
        None,
        "no Account found: nothing to ask"
    );
}

#[test]
fn related_lists_make_the_account_query_run_even_when_accounts_are_hidden() {
    let lists = lists();
    let emails = strings(&["jane@x.co"]);
    let hidden = Visibility { accounts: false, opportunities: false, ..Visibility::default() };
    assert_eq!(Plan::new(hidden, &emails, &Fields::default(), &[]).accounts, None);
    let plan = Plan::build(hidden, &Reach::emails(&emails), &Fields::default(), &[], &asked(&lists));
    let accounts = plan.accounts.unwrap();
    assert!(accounts.starts_with("SELECT Id, Name, (SELECT Id, Name, Email, (SELECT Id, CaseNumber"), "{accounts}");
    assert!(!accounts.contains("Opportunities"), "{accounts}");
    let refused = Plan::build(hidden, &Reach::emails(&emails), &Fields::default(), &[Object::Account], &asked(&lists));
    assert_eq!(refused.accounts, None, "the lists go with a refused Account");
}
