use proptest::prelude::*;

use super::*;

/// The canonical form of a filter that must be read.
fn canonical(input: &str) -> String {
    match parse(input) {
        Ok(filter) => filter.to_soql(),
        Err(error) => panic!("{input:?} was refused: {error}"),
    }
}

/// Where and why a filter that must be refused was refused.
fn refusal(input: &str) -> FilterError {
    match parse(input) {
        Ok(filter) => panic!("{input:?} was read as {}", filter.to_soql()),
        Err(error) => error,
    }
}

fn assert_refused(input: &str, at: usize, says: &str) {
    let error = refusal(input);
    assert_eq!(error.at, at, "{input:?}: {error}");
    assert!(error.message.contains(says), "{input:?}: {:?} does not say {says:?}", error.message);
}

/// Reading back the canonical form gives the same filter, and writes it the same way.
fn assert_stable(input: &str) {
    let filter = parse(input).expect(input);
    let written = filter.to_soql();
    let again = parse(&written).expect(&written);
    assert_eq!(again, filter, "{input:?} -> {written:?}");
    assert_eq!(again.to_soql(), written);
}

#[test]
fn the_issues_example_reads_back_in_canonical_form() {
    let example = "Status__c != 'Cancelled' AND Renewal_Date__c >= LAST_N_DAYS:365";
    assert_eq!(canonical(example), example);
    assert_eq!(canonical("Status__c!='Cancelled'   and\n\tRenewal_Date__c>=last_n_days:365"), example);
    assert_stable(example);
}

#[test]
fn every_operator() {
    for (input, written) in [
        ("Amount=5", "Amount = 5"),
        ("Amount!=5", "Amount != 5"),
        ("Amount<5", "Amount < 5"),
        ("Amount<=5", "Amount <= 5"),
        ("Amount>5", "Amount > 5"),
        ("Amount>=5", "Amount >= 5"),
        ("Name like 'Acme%'", "Name LIKE 'Acme%'"),
        ("Stage in ('a','b')", "Stage IN ('a', 'b')"),
        ("Stage not  in ('a')", "Stage NOT IN ('a')"),
        ("Tags__c includes ('a;b','c')", "Tags__c INCLUDES ('a;b', 'c')"),
        ("Tags__c excludes ('a')", "Tags__c EXCLUDES ('a')"),
    ] {
        assert_eq!(canonical(input), written, "{input}");
        assert_stable(input);
    }
}

#[test]
fn every_literal_kind() {
    for (value, written) in [
        ("'Open'", "'Open'"),
        ("''", "''"),
        ("42", "42"),
        ("-7", "-7"),
        ("3.14", "3.14"),
        ("-0.50", "-0.50"),
        ("TRUE", "true"),
        ("False", "false"),
        ("NULL", "null"),
        ("2024-02-29", "2024-02-29"),
        ("2024-02-29T09:30:00Z", "2024-02-29T09:30:00Z"),
        ("2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z"),
        ("2011-04-26T10:00:00-08:00", "2011-04-26T10:00:00-08:00"),
        ("2011-04-26T10:00:00.000+05:30", "2011-04-26T10:00:00.000+05:30"),
        ("last_n_days:007", "LAST_N_DAYS:7"),
    ] {
        assert_eq!(canonical(&format!("X__c = {value}")), format!("X__c = {written}"), "{value}");
    }
}

#[test]
fn every_date_literal_in_the_tables() {
    for name in DATE_LITERALS {
        assert_eq!(canonical(&format!("D = {}", name.to_lowercase())), format!("D = {name}"));
    }
    for name in DATE_LITERALS_WITH_N {
        assert_eq!(canonical(&format!("D > {}:3", name.to_lowercase())), format!("D > {name}:3"));
    }
    assert_eq!(DATE_LITERALS.len() + DATE_LITERALS_WITH_N.len(), 44, "as many as the issue lists");
}

#[test]
fn literals_that_are_refused_say_why() {
    for (value, says) in [
        ("2024-13-01", "the month must be 01 to 12"),
        ("2024-01-32", "the day must be 01 to 31"),
        ("2024-01-00", "the day must be 01 to 31"),
        ("2024-1-01", "the month must be 2 digits"),
        ("2024-01-01T24:00:00Z", "the hour must be 00 to 23"),
        ("2024-01-01T10:60:00Z", "the minute must be 00 to 59"),
        ("2024-01-01T10:00:00", "no time zone"),
        ("2024-01-01T10:00:00.5Z", "milliseconds"),
        ("2024-01-01T10:00:00+5:00", "the hour"),
        ("2024-01-01T10:00Z", "expected hh:mm:ss"),
        ("1e5", "is not a number"),
        ("5-3", "is not a number"),
        ("LAST_N_DAYS", "LAST_N_DAYS needs a whole number after a colon"),
        ("last_n_days:x", "found x"),
        ("LAST_N_DAYS:", "needs a whole number after the colon"),
        ("LAST_N_DAYS:99999999999", "too large"),
        ("TODAY:3", "TODAY takes no number"),
        ("SOMEDAY:3", "not a date literal"),
        ("Open", "text needs single quotes, as in 'Open'"),
        ("Account.Name", "expected a value"),
    ] {
        assert_refused(&format!("X__c = {value}"), 7, says);
    }
    // `-1` is a number of its own: the colon is left with nothing after it.
    assert_refused("X__c = LAST_N_DAYS:-1", 7, "needs a whole number after the colon");
    assert_refused("X__c = 1.", 7, "is not a number");
}

#[test]
fn lists() {
    assert_eq!(canonical("Stage__c IN ( 'Won' , 'Lost' ,'Open')"), "Stage__c IN ('Won', 'Lost', 'Open')");
    assert_eq!(canonical("Amount not in (1, -2.5, null)"), "Amount NOT IN (1, -2.5, null)");
    assert_eq!(
        canonical("Close__c IN (TODAY, 2024-01-31, NEXT_N_DAYS:2)"),
        "Close__c IN (TODAY, 2024-01-31, NEXT_N_DAYS:2)"
    );
    assert_eq!(canonical("Tags__c INCLUDES ('Red;Blue', 'Green')"), "Tags__c INCLUDES ('Red;Blue', 'Green')");
    assert_eq!(canonical(r"Tags__c EXCLUDES ('it\'s')"), r"Tags__c EXCLUDES ('it\'s')");

    assert_refused("Tags__c INCLUDES ('a', 5)", 23, "INCLUDES takes quoted strings");
    assert_refused("Tags__c EXCLUDES (TODAY)", 18, "EXCLUDES takes quoted strings");
    assert_refused("Name IN ()", 9, "expected a value after '(', found ')'");
    assert_refused("Name IN 'a'", 8, "IN takes a list in parentheses");
    assert_refused("Name IN ('a', 'b'", 17, "the list at character 9 is never closed");
    assert_refused(
        "Name IN ('a' 'b')",
        13,
        "expected ',' or ')' in the list after the string 'a', found the string 'b'",
    );
    assert_refused("Name IN ('a',)", 13, "expected a value after ',', found ')'");
    assert_refused("Name NOT LIKE 'a'", 9, "expected IN (as in NOT IN) after NOT, found LIKE");
}

#[test]
fn not_and_nesting() {
    for (input, written) in [
        ("NOT Name = 'x'", "NOT Name = 'x'"),
        ("not (Name = 'x')", "NOT Name = 'x'"),
        ("NOT (A = 1 OR B = 2)", "NOT (A = 1 OR B = 2)"),
        ("NOT (NOT A = 1)", "NOT (NOT A = 1)"),
        ("(NOT A = 1) AND B = 2", "(NOT A = 1) AND B = 2"),
        ("A = 1 AND (NOT B = 2)", "A = 1 AND (NOT B = 2)"),
        ("A = 1 AND (NOT (B = 2 OR C = 3))", "A = 1 AND (NOT (B = 2 OR C = 3))"),
        ("((A = 1))", "A = 1"),
        ("(A = 1 AND B = 2) AND C = 3", "A = 1 AND B = 2 AND C = 3"),
        ("A = 1 OR (B = 2 OR (C = 3))", "A = 1 OR B = 2 OR C = 3"),
        ("(A = 1 AND B = 2) OR C = 3", "(A = 1 AND B = 2) OR C = 3"),
        ("A = 1 AND (B = 2 OR (C = 3 AND D = 4))", "A = 1 AND (B = 2 OR (C = 3 AND D = 4))"),
    ] {
        assert_eq!(canonical(input), written, "{input}");
        assert_stable(input);
    }
    assert_refused("A = 1 AND NOT B = 2", 10, "NOT after AND needs parentheses, as in A AND (NOT B)");
    assert_refused("NOT A = 1 AND B = 2", 10, "NOT and AND need parentheses when mixed");
    assert_refused("NOT NOT A = 1", 4, "expected a field name after NOT, found NOT");
    assert_refused("(A = 1", 6, "the '(' at character 1 is never closed");
    assert_refused("(A = 1 B = 2)", 7, "expected AND, OR or ')' after 1, found B");
    assert_refused("()", 1, "expected a condition such as Status__c = 'Open' after '(', found ')'");
}

#[test]
fn nesting_is_bounded_whatever_the_depth() {
    let allowed = format!("{}A = 1{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert_eq!(canonical(&allowed), "A = 1");
    let deeper = format!("{}A = 1{}", "(".repeat(MAX_NESTING + 1), ")".repeat(MAX_NESTING + 1));
    assert_refused(&deeper, MAX_NESTING, "nest more than 32 deep");
    assert_refused(&"(".repeat(100_000), MAX_NESTING, "nest more than");
    assert_refused(&"NOT (".repeat(100_000), 5 * MAX_NESTING + 4, "nest more than");
}

#[test]
fn keywords_in_any_case() {
    let input = "Name like 'A%' and Stage__c Not In ('x') AND tags__c Includes ('a') and Flag__c = TrUe and Due__c = today and Gone__c Excludes ('b') aNd X__c = nUlL";
    assert_eq!(
        canonical(input),
        "Name LIKE 'A%' AND Stage__c NOT IN ('x') AND tags__c INCLUDES ('a') AND Flag__c = true AND Due__c = TODAY AND Gone__c EXCLUDES ('b') AND X__c = null"
    );
    assert_eq!(canonical("a = 1 or b = 2"), "a = 1 OR b = 2");
}

#[test]
fn strings_are_read_and_quoted_again() {
    let filter = parse(r#"Name = 'O\'Brien \\ "the" \"boss\"'"#).unwrap();
    let Node::Condition(condition) = &filter.root else { panic!("{filter:?}") };
    assert_eq!(condition.value, Value::One(Literal::Text(r#"O'Brien \ "the" "boss""#.to_string())));
    assert_eq!(filter.to_soql(), r#"Name = 'O\'Brien \\ \"the\" \"boss\"'"#);
    assert_stable(r#"Name = 'O\'Brien \\ x'"#);

    // Every escape SOQL knows, and a raw line break, which is written as its escape.
    let filter = parse("Name = '\\n\\r\\t\\b\\f\\\\\\'\\\"\nü'").unwrap();
    assert_eq!(filter.to_soql(), "Name = '\\n\\r\\t\\b\\f\\\\\\'\\\"\\nü'");
    assert_stable("Name = '\\n\\r\\t\\b\\f\\\\\\'\\\"\nü'");

    // A quote inside a string is text, never the end of the filter.
    assert_eq!(canonical(r"Name = 'x\' OR Id != null OR Name = \'y'"), r"Name = 'x\' OR Id != null OR Name = \'y'");
    // Keywords and symbols inside a string are text too.
    assert_eq!(canonical("Name = 'SELECT -- ; /* ) LIMIT'"), "Name = 'SELECT -- ; /* ) LIMIT'");
}

#[test]
fn escapes_soql_does_not_know_are_refused_at_the_backslash() {
    assert_refused(r"Name = 'a\x'", 9, r"\x is not an escape SOQL knows");
    assert_refused(r"Name LIKE '100\%'", 14, r"\% is not an escape SOQL knows");
    assert_refused(r"Name = 'a\", 7, "never closed");
}

#[test]
fn what_is_refused_and_where() {
    for (input, at, says) in [
        ("Id IN (SELECT Id FROM Account)", 7, "SELECT is not allowed: a filter cannot hold a query or a subquery"),
        ("Name = 'x') OR (Name = 'y'", 10, "')' closes a parenthesis that was never opened"),
        ("Name = 'x'; DELETE", 10, "';' is not allowed"),
        ("Name = 'x' LIMIT 1", 11, "LIMIT is not allowed"),
        ("Name = 'x' order by Name", 11, "ORDER is not allowed"),
        ("Name = 'x' -- c", 11, "comments"),
        ("Name = 'x' // c", 11, "comments"),
        ("/* */", 0, "comments"),
        ("Amount = 5--c", 10, "comments"),
        ("Name = 'x", 7, "this string is never closed"),
        ("Name;x = 'y'", 4, "';' is not allowed"),
        ("Field_ = 'x'", 0, "Field_ is not a field name"),
        ("Account..Name = 'x'", 0, "is not a field name"),
        ("a.b.c.d.e.f = 'x'", 0, "is not a field name"),
        ("Nàme = 'x'", 0, "is not a field name"),
        (
            "A = 1 AND B = 2 OR C = 3",
            16,
            "AND and OR need parentheses when mixed, as in (A AND B) OR C or A AND (B OR C)",
        ),
        ("A = 1 OR B = 2 AND C = 3", 15, "OR and AND need parentheses when mixed"),
        ("", 0, "the filter is empty"),
        (" \n\t ", 0, "the filter is empty"),
        (
            "Name = 'x' AND",
            14,
            "expected a condition such as Status__c = 'Open' after AND, found the end of the filter",
        ),
        ("Name =", 6, "expected a value after '=', found the end of the filter"),
        ("Name", 4, "expected an operator such as = or IN after Name, found the end of the filter"),
        ("Status__c )", 10, "expected an operator such as = or IN after Status__c, found ')'"),
        ("Name = 'x' 'y'", 11, "expected AND, OR or the end of the filter after the string 'x', found the string 'y'"),
        ("Name <> 'x'", 5, "found '<>'"),
        ("Name == 'x'", 6, "expected a value after '=', found '='"),
        ("Name = \"x\"", 7, "strings take single quotes"),
        ("Name = \u{2018}x\u{2019}", 7, "curly quote"),
        ("Name IN :names", 8, "unexpected character ':'"),
        (
            "CALENDAR_YEAR(CreatedDate) = 2024",
            13,
            "expected an operator such as = or IN after CALENDAR_YEAR, found '('",
        ),
        ("AND = 1", 0, "expected a field name, found AND"),
        ("'x' = Name", 0, "expected a condition such as Status__c = 'Open', found the string 'x'"),
        ("Name = 'x' AND Id IN (SELECT Id FROM Case)", 22, "SELECT is not allowed"),
        ("Name = 'x' WITH SECURITY_ENFORCED", 11, "WITH is not allowed"),
    ] {
        assert_refused(input, at, says);
    }
}

#[test]
fn the_first_problem_from_the_left_is_the_one_reported() {
    assert_refused("Name = = 'x' LIMIT 1", 7, "expected a value after '='");
    assert_refused("Name = 'x' AND ; LIMIT", 15, "';' is not allowed");
}

#[test]
fn positions_count_characters_not_bytes() {
    assert_refused("Nom = 'café' AND", 16, "found the end of the filter");
    assert_refused("Name = 'ñ'; x", 10, "';'");
    assert_refused("Name = '日本' LIMIT 5", 12, "LIMIT");
}

#[test]
fn errors_are_shown_counting_from_one() {
    let error = refusal("Name = 'x' LIMIT 1");
    assert_eq!(error.at, 11);
    assert_eq!(
        error.to_string(),
        "at character 12: LIMIT is not allowed: a filter holds conditions only, and the widget writes the rest of the query"
    );
}

#[test]
fn fields_names_each_field_once() {
    let filter =
        parse("Status__c = 'a' AND (Product__r.Name LIKE 'x%' OR status__c = 'b') AND (NOT Amount > 5)").unwrap();
    assert_eq!(filter.fields(), vec!["Status__c", "Product__r.Name", "Amount"]);
    assert_eq!(parse("Name = 'x'").unwrap().fields(), vec!["Name"]);
}

/// Pieces of filters, good and bad, in any order: most of what they make is refused
/// somewhere, which is what the reader must survive.
fn filter_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Name",
        "Status__c",
        "Product__r.Name",
        "=",
        "!=",
        "<",
        "<=",
        ">=",
        "<>",
        "LIKE",
        "in",
        "NOT",
        "IN",
        "INCLUDES",
        "excludes",
        "AND",
        "or",
        "(",
        ")",
        ",",
        "'a'",
        r"'o\'x'",
        "'",
        r"\",
        "5",
        "-1.5",
        "true",
        "NULL",
        "2024-01-31",
        "2024-01-31T10:00:00Z",
        "2024-13-01",
        "TODAY",
        "last_n_days:30",
        "LAST_N_DAYS",
        ":",
        "SELECT",
        "LIMIT",
        ";",
        "--",
        "/*",
        "é",
        "日本",
        "\n",
    ]);
    prop::collection::vec((pieces, any::<bool>()), 0..16).prop_map(|pieces| {
        pieces.into_iter().map(|(piece, spaced)| if spaced { format!("{piece} ") } else { piece.to_string() }).collect()
    })
}

fn string_literal() -> impl Strategy<Value = String> {
    ".{0,8}".prop_map(|value| quote(&value))
}

fn literal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        string_literal(),
        "-?[0-9]{1,4}(\\.[0-9]{1,3})?",
        prop::sample::select(vec![
            "true",
            "NULL",
            "False",
            "2024-02-29",
            "2024-12-31T23:59:59Z",
            "2024-01-01T00:00:00.000+05:30",
            "TODAY",
            "last_n_days:30",
            "N_FISCAL_YEARS_AGO:2",
        ])
        .prop_map(str::to_string),
    ]
}

/// One condition as an admin might write it, keywords in any case.
fn condition_text() -> impl Strategy<Value = String> {
    let field = || prop::sample::select(vec!["Name", "Status__c", "Product__r.Name", "amount"]);
    let single = (field(), prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">=", "like", "LIKE"]), literal_text())
        .prop_map(|(field, operator, literal)| format!("{field} {operator} {literal}"));
    let list =
        (field(), prop::sample::select(vec!["IN", "not in", "NOT IN"]), prop::collection::vec(literal_text(), 1..4))
            .prop_map(|(field, operator, literals)| format!("{field} {operator} ({})", literals.join(",")));
    let strings =
        (field(), prop::sample::select(vec!["INCLUDES", "excludes"]), prop::collection::vec(string_literal(), 1..4))
            .prop_map(|(field, operator, literals)| format!("{field} {operator} ({})", literals.join(", ")));
    prop_oneof![single, list, strings]
}

/// Filters that must be read: conditions joined and negated, each part parenthesised.
fn filter_text() -> impl Strategy<Value = String> {
    condition_text().prop_recursive(4, 24, 4, |inner| {
        let parenthesised = |parts: Vec<String>, joiner: &str| {
            parts.iter().map(|part| format!("({part})")).collect::<Vec<_>>().join(joiner)
        };
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(move |parts| parenthesised(parts, " AND ")),
            prop::collection::vec(inner.clone(), 2..4).prop_map(move |parts| parenthesised(parts, " or ")),
            inner.prop_map(|part| format!("NOT ({part})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_what_it_reads_reads_back_the_same(text in ".*", soup in filter_soup()) {
        for input in [text, soup] {
            let Ok(filter) = parse(&input) else { continue };
            let written = filter.to_soql();
            let again = parse(&written);
            prop_assert_eq!(again.as_ref(), Ok(&filter), "{:?} -> {:?}", input, written);
            prop_assert_eq!(again.map(|again| again.to_soql()), Ok(written));
        }
    }

    #[test]
    fn written_filters_are_read_and_their_canonical_form_is_stable(text in filter_text()) {
        let filter = parse(&text);
        prop_assert!(filter.is_ok(), "{:?}: {:?}", text, filter);
        if let Ok(filter) = filter {
            let written = filter.to_soql();
            let again = parse(&written);
            prop_assert_eq!(again.as_ref(), Ok(&filter), "{:?} -> {:?}", text, written);
            prop_assert_eq!(again.map(|again| again.to_soql()), Ok(written));
        }
    }
}
