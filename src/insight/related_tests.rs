use proptest::prelude::*;

use super::*;

fn lists(json: &str) -> Result<Vec<RelatedList>, ConfigError> {
    parse_lists(&crate::json::parse(json).unwrap())
}

fn refused_at(json: &str) -> String {
    match lists(json) {
        Ok(lists) => panic!("accepted {json}: {lists:?}"),
        Err(error) => error.key,
    }
}

#[test]
fn the_documented_example_becomes_one_canonical_subquery() {
    let lists = lists(
        r#"[{"object":"Subscription__c","parent":"Account","relationship":"Subscriptions__r","label":"Subscriptions",
            "fields":["Name","Status__c","Renewal_Date__c","Product__r.Name"],
            "where":"status__c != 'Cancelled' and Renewal_Date__c >= LAST_N_DAYS:365",
            "orderBy":"Renewal_Date__c desc","limit":10}]"#,
    )
    .unwrap();
    assert_eq!(lists.len(), 1);
    let list = &lists[0];
    assert_eq!((list.parent, list.label.as_deref(), list.limit), (Parent::Account, Some("Subscriptions"), 10));
    assert_eq!(
        list.subquery("Subscriptions__r"),
        "(SELECT Id, Name, Status__c, Renewal_Date__c, Product__r.Name FROM Subscriptions__r \
         WHERE status__c != 'Cancelled' AND Renewal_Date__c >= LAST_N_DAYS:365 \
         ORDER BY Renewal_Date__c DESC LIMIT 11)"
    );
}

#[test]
fn defaults_a_standard_object_under_contacts_with_five_and_no_order() {
    let lists = lists(r#"[{"object":"Case","parent":"Contact","fields":["CaseNumber","Id","Status"]}]"#).unwrap();
    assert_eq!(lists[0].relationship, None, "left to the org's object info");
    assert_eq!(lists[0].subquery("Cases"), "(SELECT Id, CaseNumber, Status FROM Cases LIMIT 6)");
}

#[test]
fn order_by_reads_directions_and_nulls_and_nothing_else() {
    let written = |text: &str| OrderBy::parse(text).map(|order| order.to_soql());
    assert_eq!(written("CreatedDate").unwrap(), "CreatedDate ASC");
    assert_eq!(written("  EndDate   desc nulls last ").unwrap(), "EndDate DESC NULLS LAST");
    assert_eq!(written("Account.Name NULLS FIRST").unwrap(), "Account.Name ASC NULLS FIRST");
    for bad in ["", "Name;", "Name DESC LIMIT 5", "Name, Id", "Name DESC DESC", "(SELECT Id FROM Case)", "Name NULLS"] {
        assert!(OrderBy::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn every_hostile_name_filter_or_number_is_refused_by_its_key() {
    let base = |key: &str, value: &str| {
        let mut list = serde_json::Map::new();
        for (name, default) in [("object", r#""Case""#), ("parent", r#""Account""#), ("fields", r#"["Subject"]"#)] {
            list.insert(name.to_string(), crate::json::parse(default).unwrap());
        }
        list.insert(key.to_string(), crate::json::parse(value).unwrap());
        crate::json::compact(&Value::Array(vec![Value::Object(list)]))
    };
    let cases = [
        ("object", r#""Case WHERE Id != null""#, "relatedLists[0].object"),
        ("object", r#""Account.Cases""#, "relatedLists[0].object"),
        ("object", r#""""#, "relatedLists[0].object"),
        ("parent", r#""Lead""#, "relatedLists[0].parent"),
        ("relationship", r#""Cases) FROM Account --""#, "relatedLists[0].relationship"),
        ("fields", r#"["Subject FROM Account"]"#, "relatedLists[0].fields[0]"),
        ("fields", r#"["Subject", "(SELECT Id FROM Contacts)"]"#, "relatedLists[0].fields[1]"),
        ("fields", r#"[]"#, "relatedLists[0].fields"),
        ("fields", r#""Subject""#, "relatedLists[0].fields"),
        ("where", r#""Status = 'x') FROM Account --""#, "relatedLists[0].where"),
        ("where", r#""Id IN (SELECT Id FROM Case)""#, "relatedLists[0].where"),
        ("where", r#""Status = 'Open'; DELETE""#, "relatedLists[0].where"),
        ("where", r#""Status = 'Open' LIMIT 1""#, "relatedLists[0].where"),
        ("where", r#""Status = 'Open' /* x */""#, "relatedLists[0].where"),
        ("orderBy", r#""Subject; DROP""#, "relatedLists[0].orderBy"),
        ("limit", "0", "relatedLists[0].limit"),
        ("limit", "51", "relatedLists[0].limit"),
        ("limit", "2.5", "relatedLists[0].limit"),
        ("limit", r#""5""#, "relatedLists[0].limit"),
        ("label", "5", "relatedLists[0].label"),
        ("select", r#""Id""#, "relatedLists[0].select"),
    ];
    for (key, value, expected) in cases {
        assert_eq!(refused_at(&base(key, value)), expected, "{key}: {value}");
    }
    let many = format!("[{}]", [r#"{"object":"Case","parent":"Account","fields":["Id"]}"#; 9].join(","));
    assert_eq!(refused_at(&many), "relatedLists");
    assert_eq!(refused_at(r#"{"object":"Case"}"#), "relatedLists");
}

#[test]
fn a_filter_error_says_where_reading_stopped() {
    let error = lists(r#"[{"object":"Case","parent":"Account","fields":["Id"],"where":"Status = 'Open' LIMIT 1"}]"#)
        .unwrap_err();
    assert!(error.message.starts_with("at character 17:"), "{}", error.message);
}

/// Outside quoted strings: how many `SELECT`s, and whether the parentheses close exactly
/// at the end.
fn shape(soql: &str) -> (usize, bool) {
    let mut outside = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for ch in soql.chars() {
        match (quoted, escaped, ch) {
            (true, false, '\\') => escaped = true,
            (true, true, _) => escaped = false,
            (_, _, '\'') => quoted = !quoted,
            (false, _, ch) => outside.push(ch),
            _ => {}
        }
    }
    let selects = outside.to_ascii_uppercase().matches("SELECT").count();
    let mut depth = 0i32;
    let mut closed_early = false;
    let last = outside.len().saturating_sub(1);
    for (index, ch) in outside.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                closed_early |= depth == 0 && index != last;
            }
            _ => {}
        }
    }
    (selects, depth == 0 && !closed_early)
}

proptest! {
    #[test]
    fn whatever_the_config_holds_a_list_is_refused_or_one_closed_subquery(
        object in "[A-Za-z_ ();'.]{0,12}",
        relationship in "[A-Za-z_ ();'.]{0,12}",
        field in "[A-Za-z_ ();'.,]{0,16}",
        filter in prop_oneof![
            Just(String::new()),
            "[A-Za-z0-9_ ()=<>!';:.,%-]{0,40}",
            // A condition whose string holds anything: quotes, parentheses, SELECT.
            "[A-Za-z_]{1,10}".prop_flat_map(|field| {
                "[ -~]{0,24}".prop_map(move |text| format!("{field} = '{}'", text.replace('\\', "\\\\").replace('\'', "\\'")))
            }),
        ],
        order in prop_oneof![Just(String::new()), "[A-Za-z_]{1,10}( (ASC|DESC))?", "[A-Za-z_ ();'.]{0,20}"],
    ) {
        let list = crate::json::compact(&Value::Array(vec![crate::json::object([
            ("object", Value::from(object)),
            ("parent", Value::from("Account")),
            ("relationship", Value::from(relationship.clone())),
            ("fields", Value::Array(vec![Value::from(field)])),
            ("where", Value::from(filter)),
            ("orderBy", Value::from(order)),
        ])]));
        if let Ok(lists) = lists(&list) {
            let soql = lists[0].subquery(lists[0].relationship.as_deref().unwrap_or("Cases"));
            prop_assert_eq!(shape(&soql), (1, true), "{}", soql);
        }
    }
}
