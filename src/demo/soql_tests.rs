use serde_json::Value;

use super::*;

fn all(soql: &str) -> Result<Vec<Value>, QueryError> {
    let query = Parser::new(soql)?.query()?;
    execute(&query)
}

#[test]
fn selects_projects_and_filters_case_insensitively() {
    let rows = all("select Id, name, Account.Name from contact where email = 'JANE.COOPER@brightline.io'").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["Name"], "Jane Cooper");
    assert_eq!(rows[0]["Account"]["Name"], "Brightline Inc");
    assert!(rows[0].get("Title").is_none(), "only what was selected");
    assert_eq!(rows[0]["attributes"]["type"], "Contact");
}

#[test]
fn escaped_quotes_match_and_unescaped_ones_are_malformed() {
    let rows = all(r"SELECT Id FROM Contact WHERE Email IN ('nobody@x.co', 'sean.o\'neil@tidewater.ie')").unwrap();
    assert_eq!(rows.len(), 1);
    let error = all("SELECT Id FROM Contact WHERE Email = 'sean.o'neil@tidewater.ie'").unwrap_err();
    assert_eq!(error.code, "MALFORMED_QUERY");
    let error = all(r"SELECT Id FROM Contact WHERE Email = 'a\qb'").unwrap_err();
    assert_eq!(error.code, "MALFORMED_QUERY");
}

#[test]
fn semi_joins_and_child_subqueries() {
    let soql = "SELECT Id, Name, Parent.Name, (SELECT Name, IsClosed FROM Opportunities ORDER BY IsClosed, CloseDate) \
                FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN ('jane.cooper@brightline.io'))";
    let rows = all(soql).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["Parent"]["Name"], "Brightline Holdings");
    let opportunities = rows[0]["Opportunities"]["records"].as_array().unwrap();
    assert_eq!(opportunities.len(), 4);
    assert_eq!(opportunities[0]["IsClosed"], false, "open first");
    assert_eq!(opportunities[3]["IsClosed"], true);
    let none = all("SELECT Id, (SELECT Id FROM Opportunities) FROM Account WHERE Name = 'Tidewater Homes'").unwrap();
    assert!(none[0]["Opportunities"].is_null(), "no children is null, as Salesforce sends");
}

#[test]
fn unknown_fields_and_objects_are_named() {
    let error = all("SELECT Id, Shoe_Size__c FROM Contact").unwrap_err();
    assert_eq!(error.code, "INVALID_FIELD");
    assert!(error.message.contains("No such column 'Shoe_Size__c' on entity 'Contact'"), "{}", error.message);
    let error = all("SELECT Id FROM Widget__c").unwrap_err();
    assert_eq!(error.code, "INVALID_TYPE");
}

#[test]
fn or_not_in_order_desc_and_limit() {
    let rows = all("SELECT Name FROM Opportunity WHERE (IsWon = true OR StageName = 'Prospecting') AND AccountId NOT IN ('001Dn00000SmtGeaA') ORDER BY Name DESC LIMIT 5").unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["Name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Harbor Logistics - Pilot", "Brightline - Team plan 2026"]);
}

#[test]
fn resume_continues_where_the_batch_ended() {
    let first = run("SELECT Id FROM Contact", "v62.0", 0).unwrap();
    let locator = first["nextRecordsUrl"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let second = resume(&locator, "v62.0").unwrap().unwrap();
    assert_eq!(second["records"][0]["Id"], "003Dn00000OlvChA");
    assert!(resume("garbage", "v62.0").is_none());
}

#[test]
fn garbage_is_malformed_not_a_panic() {
    for soql in [
        "",
        "SELECT",
        "SELECT Id FROM",
        "SELECT Id FROM Contact WHERE",
        "SELECT Id FROM Contact LIMIT x",
        "SELECT Id FROM Contact extra",
        "SELECT Id FROM Contact WHERE Email IN ('a'",
    ] {
        assert!(all(soql).is_err(), "{soql}");
    }
}

fn names(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|row| row["Name"].as_str().unwrap()).collect()
}

fn ids(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|row| row["Id"].as_str().unwrap()).collect()
}

/// The Insight Card's Accounts query when a Kustomer customer id field is set: the
/// semi-join finds the Account by the id alone, and each Contacts subquery keeps its
/// `OR` inside the Account's own Contacts.
#[test]
fn the_accounts_query_by_email_or_customer_id_nests_contacts_cases_and_subscriptions() {
    let soql = format!(
        "SELECT Id, Name, Parent.Name, \
         (SELECT Id, Name, Email, (SELECT Id, CaseNumber, Subject, Status FROM Cases ORDER BY CreatedDate DESC LIMIT 6) \
          FROM Contacts WHERE Email IN ('jane.cooper@brightline.io') OR Kustomer_Customer_Id__c = '{JANE}'), \
         (SELECT Id, Name, StageName FROM Opportunities ORDER BY CloseDate DESC NULLS LAST LIMIT 3), \
         (SELECT Id, Name, Status__c FROM Subscriptions__r WHERE Status__c != 'Cancelled' ORDER BY Renewal_Date__c DESC LIMIT 11) \
         FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email IN ('nobody@x.co') OR Kustomer_Customer_Id__c = '{JANE}') \
         ORDER BY Name",
        JANE = crate::demo::kustomer_data::JANE
    );
    let rows = all(&soql).unwrap();
    assert_eq!(ids(&rows), vec!["001Dn00000BrtLneA"], "found by the customer id alone");
    let contacts = rows[0]["Contacts"]["records"].as_array().unwrap();
    assert_eq!(ids(contacts), vec!["003Dn00000JnCprA", "003Dn00000JnCkId"]);
    assert_eq!(contacts[0]["Cases"]["records"][0]["CaseNumber"], "00001042");
    assert!(contacts[1]["Cases"].is_null(), "the billing contact has no Cases");
    let opportunities = rows[0]["Opportunities"]["records"].as_array().unwrap();
    assert_eq!(ids(opportunities), vec!["006Dn00000BrtO2A", "006Dn00000BrtO1A", "006Dn00000BrtO4A"]);
    let subscriptions = rows[0]["Subscriptions__r"]["records"].as_array().unwrap();
    assert_eq!(names(subscriptions), vec!["SUB-0001", "SUB-0002"]);
}

#[test]
fn ids_in_lists_filter_the_root_and_the_children() {
    let soql =
        "SELECT Id, Name, (SELECT Id, Name, Email FROM Contacts WHERE Id IN ('003Dn00000JnCkId','003Dn00000DnWhtA')) \
                FROM Account WHERE Id IN ('001Dn00000WhtfdA', '001Dn00000BrtLneA') ORDER BY Name";
    let rows = all(soql).unwrap();
    assert_eq!(names(&rows), vec!["Brightline Inc", "Whitfield Outdoor"]);
    assert_eq!(ids(rows[0]["Contacts"]["records"].as_array().unwrap()), vec!["003Dn00000JnCkId"]);
    assert_eq!(ids(rows[1]["Contacts"]["records"].as_array().unwrap()), vec!["003Dn00000DnWhtA"]);
    // An `OR` in a child's WHERE stays inside the parent's children.
    let soql = "SELECT Id, (SELECT Id FROM Contacts WHERE Email IN ('jane.cooper@brightline.io') OR Title = 'Owner') \
                FROM Account WHERE Id IN ('001Dn00000WhtfdA')";
    let rows = all(soql).unwrap();
    assert_eq!(ids(rows[0]["Contacts"]["records"].as_array().unwrap()), vec!["003Dn00000DnWhtA"]);
}

#[test]
fn comparisons_order_numbers_and_dates_and_never_hold_for_null() {
    let at_least = all("SELECT Name FROM Opportunity WHERE Amount >= 36000 ORDER BY Amount").unwrap();
    assert_eq!(
        names(&at_least),
        vec!["Brightline - Analytics add-on", "Brightline - Team plan 2026", "Brightline - Team plan renewal 2027"]
    );
    let below = all("SELECT Name FROM Opportunity WHERE Amount < 36000 ORDER BY Amount").unwrap();
    assert_eq!(names(&below), vec!["Brightline - On-site training", "Summit Gear - Spring wholesale order"]);
    assert_eq!(all("SELECT Id FROM Opportunity WHERE Amount > 1000000").unwrap().len(), 0);
    assert_eq!(all("SELECT Id FROM Opportunity WHERE Amount <= 36000").unwrap().len(), 3, "the null Amount left out");
    // Dates, unquoted as SOQL writes them, and quoted.
    let later = all("SELECT Name FROM Opportunity WHERE CloseDate > 2026-12-31 ORDER BY CloseDate").unwrap();
    assert_eq!(names(&later), vec!["Harbor Logistics - Pilot", "Brightline - Analytics add-on"]);
    let earlier = all("SELECT Id FROM Opportunity WHERE CloseDate <= '2026-03-02' ORDER BY CloseDate").unwrap();
    assert_eq!(ids(&earlier), vec!["006Dn00000BrtO3A", "006Dn00000SmtO1A"]);
    let since = all("SELECT Id FROM Case WHERE CreatedDate >= 2026-11-17T00:00:00Z").unwrap();
    assert_eq!(since.len(), 4);
    assert!(all("SELECT Id FROM Case WHERE CreatedDate < 2026-11-17T00:00:00Z").unwrap().is_empty());
    let renewing = all("SELECT Name FROM Subscription__c WHERE Renewal_Date__c >= 2027-03-01 ORDER BY Name").unwrap();
    assert_eq!(names(&renewing), vec!["SUB-0001", "SUB-0005"]);
}

#[test]
fn like_matches_wildcards_ignoring_case_and_never_null() {
    let rows = all("SELECT Id FROM Contact WHERE Name LIKE '%WHIT_IELD'").unwrap();
    assert_eq!(ids(&rows), vec!["003Dn00000DnWhtA"]);
    let rows = all("SELECT Id FROM Contact WHERE Email LIKE '%@Brightline.io' ORDER BY Email").unwrap();
    assert_eq!(ids(&rows), vec!["003Dn00000JnCkId", "003Dn00000JnCprA"]);
    let with_email = all("SELECT Id FROM Contact WHERE Email LIKE '%'").unwrap();
    assert!(!ids(&with_email).contains(&"003Dn00000DnWhtA"), "a null Email is never like anything");
    assert_eq!(with_email.len(), all("SELECT Id FROM Contact WHERE Email != null").unwrap().len());
    let open =
        all("SELECT Name FROM Opportunity WHERE Name LIKE 'brightline%' AND (NOT StageName LIKE 'Closed%')").unwrap();
    assert_eq!(names(&open), vec!["Brightline - Team plan renewal 2027", "Brightline - Analytics add-on"]);

    assert!(like("abc", "a%") && like("abc", "_b_") && like("abc", "%") && like("", "%") && like("a%c", "a%c"));
    assert!(!like("abc", "_b") && !like("abc", "b%") && !like("", "_") && !like("abcd", "a%c"));
    assert!(like("Ünïcode", "ünï%"), "case folds beyond ASCII");
}

#[test]
fn nulls_first_or_last_as_asked() {
    let order = |soql: &str| -> Vec<String> {
        all(soql).unwrap().iter().map(|row| row["Id"].as_str().unwrap().to_string()).collect()
    };
    let desc = order("SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS LAST");
    assert_eq!((desc[0].as_str(), desc[5].as_str()), ("006Dn00000BrtO1A", "006Dn00000HrbO1A"));
    let desc_first = order("SELECT Id FROM Opportunity ORDER BY Amount DESC NULLS FIRST");
    assert_eq!((desc_first[0].as_str(), desc_first[1].as_str()), ("006Dn00000HrbO1A", "006Dn00000BrtO1A"));
    let asc_last = order("SELECT Id FROM Opportunity ORDER BY Amount ASC NULLS LAST");
    assert_eq!((asc_last[0].as_str(), asc_last[5].as_str()), ("006Dn00000BrtO4A", "006Dn00000HrbO1A"));
    assert_eq!(order("SELECT Id FROM Opportunity ORDER BY Amount")[0], "006Dn00000HrbO1A", "nulls first by default");
    assert_eq!(order("SELECT Id FROM Opportunity ORDER BY Amount DESC")[5], "006Dn00000HrbO1A");
    assert_eq!(all("SELECT Id FROM Opportunity ORDER BY Amount NULLS").unwrap_err().code, "MALFORMED_QUERY");
}

#[test]
fn date_literals_and_bad_comparisons_are_malformed_with_a_reason() {
    let error = all("SELECT Id FROM Subscription__c WHERE Renewal_Date__c >= LAST_N_DAYS:365").unwrap_err();
    assert_eq!(error.code, "MALFORMED_QUERY");
    assert!(error.message.contains("LAST_N_DAYS:365"), "{}", error.message);
    assert_eq!(all("SELECT Id FROM Contact WHERE Name LIKE 5").unwrap_err().code, "MALFORMED_QUERY");
    assert_eq!(all("SELECT Id FROM Contact WHERE Name <").unwrap_err().code, "MALFORMED_QUERY");
    assert_eq!(all("SELECT Id FROM Contact WHERE Shoe__c > 3").unwrap_err().code, "INVALID_FIELD");
}
