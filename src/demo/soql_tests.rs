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
