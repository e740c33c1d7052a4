//! A small SOQL evaluator for the demo org: the subset the widget sends (field lists with
//! relationship paths and child subqueries; `WHERE` with `=`, `!=`, `<`, `<=`, `>`, `>=`,
//! `LIKE`, `IN`, `NOT IN`, semi-joins, `AND`, `OR`, `NOT` and parentheses; `ORDER BY` with
//! `NULLS FIRST`/`NULLS LAST`; `LIMIT`), with Salesforce's errors for what it cannot read.
//! It lets the demo answer real queries instead of canned ones, so that query building is
//! exercised end to end. Date literals such as `TODAY` or `LAST_N_DAYS:365` are not read:
//! the demo's records have fixed dates, so "days ago" would mean a different set each day.

use std::cmp::Ordering;

use serde_json::{json, Map, Value};

use super::salesforce_records::{table, BATCH_SIZE};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub code: &'static str,
    pub message: String,
}

fn malformed(message: impl Into<String>) -> QueryError {
    QueryError { code: "MALFORMED_QUERY", message: message.into() }
}

/// Runs a query and returns the first batch.
pub fn run(soql: &str, version: &str, offset: usize) -> Result<Value, QueryError> {
    let query = Parser::new(soql)?.query()?;
    let records = execute(&query)?;
    Ok(batch(soql, version, records, offset))
}

/// Every record a query reads, unbatched: for the demo org's searches.
pub fn select(soql: &str) -> Result<Vec<Value>, QueryError> {
    execute(&Parser::new(soql)?.query()?)
}

/// Every record a query reads among the records `found` keeps, unbatched: for searches
/// whose index finds records by what no `WHERE` can say (any field, any phone format).
/// `found` sees the whole stored record, not what the query selects.
pub fn select_found(soql: &str, found: &dyn Fn(&Value) -> bool) -> Result<Vec<Value>, QueryError> {
    execute_among(&Parser::new(soql)?.query()?, found)
}

/// Continues a query from a `nextRecordsUrl` locator.
pub fn resume(locator: &str, version: &str) -> Option<Result<Value, QueryError>> {
    let (cursor, offset) = locator.rsplit_once('-')?;
    let hex = cursor.strip_prefix("01gDEMO")?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|idx| hex.get(idx..idx + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect();
    let soql = String::from_utf8(bytes?).ok()?;
    Some(run(&soql, version, offset.parse().ok()?))
}

fn batch(soql: &str, version: &str, records: Vec<Value>, offset: usize) -> Value {
    let total = records.len();
    let end = (offset + BATCH_SIZE).min(total);
    let page: Vec<Value> = records.into_iter().skip(offset).take(BATCH_SIZE).collect();
    let mut result = json!({ "totalSize": total, "done": end >= total, "records": page });
    if end < total {
        let cursor: String = soql.bytes().map(|b| format!("{b:02x}")).collect();
        result["nextRecordsUrl"] = json!(format!("/services/data/{version}/query/01gDEMO{cursor}-{end}"));
    }
    result
}

// ---- Syntax -------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Number(f64),
    Symbol(&'static str),
}

#[derive(Debug, Clone)]
struct Query {
    fields: Vec<Selected>,
    object: String,
    filter: Option<Condition>,
    order: Vec<Order>,
    limit: Option<usize>,
}

/// One `ORDER BY` key. Nulls go last when descending unless the query says otherwise, as
/// in SOQL.
#[derive(Debug, Clone)]
struct Order {
    field: String,
    descending: bool,
    nulls_last: bool,
}

#[derive(Debug, Clone)]
enum Selected {
    Field(String),
    Children(Query),
}

#[derive(Debug, Clone)]
enum Condition {
    And(Box<Condition>, Box<Condition>),
    Or(Box<Condition>, Box<Condition>),
    Not(Box<Condition>),
    Compare { field: String, operator: Operator, value: Value },
    In { field: String, negated: bool, values: Vec<Value> },
    SemiJoin { field: String, negated: bool, query: Box<Query> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Like,
}

impl Operator {
    /// The operator a symbol or `LIKE` names.
    fn of(token: Option<&Token>) -> Option<Operator> {
        Some(match token? {
            Token::Symbol("=") => Operator::Equal,
            Token::Symbol("!=") => Operator::NotEqual,
            Token::Symbol("<") => Operator::Less,
            Token::Symbol("<=") => Operator::LessOrEqual,
            Token::Symbol(">") => Operator::Greater,
            Token::Symbol(">=") => Operator::GreaterOrEqual,
            Token::Word(word) if word.eq_ignore_ascii_case("LIKE") => Operator::Like,
            _ => return None,
        })
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn new(soql: &str) -> Result<Parser, QueryError> {
        Ok(Parser { tokens: tokenize(soql)?, pos: 0 })
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_keyword(&mut self, word: &str) -> Result<(), QueryError> {
        if self.keyword(word) {
            Ok(())
        } else {
            Err(malformed(format!("unexpected token: expecting '{word}', found {}", describe(self.peek()))))
        }
    }

    fn symbol(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Token::Symbol(s)) if *s == symbol) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn identifier(&mut self) -> Result<String, QueryError> {
        match self.next() {
            Some(Token::Word(word)) => Ok(word),
            other => Err(malformed(format!("unexpected token: {}", describe(other.as_ref())))),
        }
    }

    /// A whole query; trailing tokens are an error.
    fn query(mut self) -> Result<Query, QueryError> {
        let query = self.select()?;
        match self.peek() {
            None => Ok(query),
            other => Err(malformed(format!("unexpected token: {}", describe(other)))),
        }
    }

    fn select(&mut self) -> Result<Query, QueryError> {
        self.expect_keyword("SELECT")?;
        let mut fields = Vec::new();
        loop {
            if self.symbol("(") {
                let child = self.select()?;
                if !self.symbol(")") {
                    return Err(malformed("unexpected token: expecting ')'"));
                }
                fields.push(Selected::Children(child));
            } else {
                fields.push(Selected::Field(self.identifier()?));
            }
            if !self.symbol(",") {
                break;
            }
        }
        self.expect_keyword("FROM")?;
        let object = self.identifier()?;
        let filter = if self.keyword("WHERE") { Some(self.disjunction()?) } else { None };
        let mut order = Vec::new();
        if self.keyword("ORDER") {
            self.expect_keyword("BY")?;
            loop {
                order.push(self.order_key()?);
                if !self.symbol(",") {
                    break;
                }
            }
        }
        let limit = if self.keyword("LIMIT") {
            match self.next() {
                Some(Token::Number(n)) if n >= 0.0 => Some(n as usize),
                other => return Err(malformed(format!("unexpected token: {}", describe(other.as_ref())))),
            }
        } else {
            None
        };
        Ok(Query { fields, object, filter, order, limit })
    }

    /// `field [ASC|DESC] [NULLS FIRST|NULLS LAST]`.
    fn order_key(&mut self) -> Result<Order, QueryError> {
        let field = self.identifier()?;
        let descending = self.keyword("DESC");
        if !descending {
            self.keyword("ASC");
        }
        let mut nulls_last = descending;
        if self.keyword("NULLS") {
            nulls_last = if self.keyword("LAST") {
                true
            } else if self.keyword("FIRST") {
                false
            } else {
                return Err(malformed(format!("unexpected token after NULLS: {}", describe(self.peek()))));
            };
        }
        Ok(Order { field, descending, nulls_last })
    }

    fn disjunction(&mut self) -> Result<Condition, QueryError> {
        let mut left = self.conjunction()?;
        while self.keyword("OR") {
            left = Condition::Or(Box::new(left), Box::new(self.conjunction()?));
        }
        Ok(left)
    }

    fn conjunction(&mut self) -> Result<Condition, QueryError> {
        let mut left = self.term()?;
        while self.keyword("AND") {
            left = Condition::And(Box::new(left), Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Condition, QueryError> {
        if self.symbol("(") {
            let inner = self.disjunction()?;
            return if self.symbol(")") { Ok(inner) } else { Err(malformed("unexpected token: expecting ')'")) };
        }
        if self.keyword("NOT") {
            return Ok(Condition::Not(Box::new(self.term()?)));
        }
        let field = self.identifier()?;
        if let Some(operator) = Operator::of(self.peek()) {
            self.pos += 1;
            let value = self.value()?;
            if operator == Operator::Like && !value.is_string() {
                return Err(malformed(format!("LIKE compares with a quoted pattern, not {value}")));
            }
            return Ok(Condition::Compare { field, operator, value });
        }
        let negated = self.keyword("NOT");
        self.expect_keyword("IN")?;
        if !self.symbol("(") {
            return Err(malformed("unexpected token: expecting '(' after IN"));
        }
        if matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case("SELECT")) {
            let query = self.select()?;
            if !self.symbol(")") {
                return Err(malformed("unexpected token: expecting ')'"));
            }
            return Ok(Condition::SemiJoin { field, negated, query: Box::new(query) });
        }
        let mut values = vec![self.value()?];
        while self.symbol(",") {
            values.push(self.value()?);
        }
        if !self.symbol(")") {
            return Err(malformed("unexpected token: expecting ')'"));
        }
        Ok(Condition::In { field, negated, values })
    }

    fn value(&mut self) -> Result<Value, QueryError> {
        match self.next() {
            Some(Token::Text(text)) => Ok(Value::String(text)),
            Some(Token::Number(n)) => Ok(json!(n)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("null") => Ok(Value::Null),
            other => Err(malformed(format!("unexpected token: {}", describe(other.as_ref())))),
        }
    }
}

fn describe(token: Option<&Token>) -> String {
    match token {
        None => "end of query".to_string(),
        Some(Token::Word(word)) => format!("'{word}'"),
        Some(Token::Text(text)) => format!("'{text}'"),
        Some(Token::Number(n)) => format!("'{n}'"),
        Some(Token::Symbol(s)) => format!("'{s}'"),
    }
}

fn tokenize(soql: &str) -> Result<Vec<Token>, QueryError> {
    let chars: Vec<char> = soql.chars().collect();
    let mut tokens = Vec::new();
    let mut idx = 0;
    while idx < chars.len() {
        let c = chars[idx];
        if c.is_whitespace() {
            idx += 1;
        } else if c == '\'' {
            let mut text = String::new();
            idx += 1;
            loop {
                match chars.get(idx) {
                    None => return Err(malformed("unterminated string literal")),
                    Some('\'') => {
                        idx += 1;
                        break;
                    }
                    Some('\\') => {
                        let escaped = match chars.get(idx + 1) {
                            Some('n' | 'N') => '\n',
                            Some('r' | 'R') => '\r',
                            Some('t' | 'T') => '\t',
                            Some('b' | 'B') => '\u{8}',
                            Some('f' | 'F') => '\u{c}',
                            Some(c @ ('\'' | '"' | '\\')) => *c,
                            _ => {
                                return Err(malformed(
                                    "Invalid string literal: a backslash must start an escape sequence",
                                ))
                            }
                        };
                        text.push(escaped);
                        idx += 2;
                    }
                    Some(other) => {
                        text.push(*other);
                        idx += 1;
                    }
                }
            }
            tokens.push(Token::Text(text));
        } else if let Some(end) = date_end(&chars, idx) {
            // A date or date-time literal is unquoted in SOQL; the records keep ISO text,
            // which compares in time order as text.
            tokens.push(Token::Text(chars[idx..end].iter().collect()));
            idx = end;
        } else if c.is_ascii_digit() || (c == '-' && chars.get(idx + 1).is_some_and(char::is_ascii_digit)) {
            let start = idx;
            idx += 1;
            while idx < chars.len() && (chars[idx].is_ascii_digit() || chars[idx] == '.') {
                idx += 1;
            }
            let text: String = chars[start..idx].iter().collect();
            tokens.push(Token::Number(text.parse().map_err(|_| malformed(format!("invalid number {text}")))?));
        } else if c.is_alphanumeric() || c == '_' {
            let start = idx;
            while idx < chars.len() && (chars[idx].is_alphanumeric() || chars[idx] == '_' || chars[idx] == '.') {
                idx += 1;
            }
            tokens.push(Token::Word(chars[start..idx].iter().collect()));
        } else {
            let symbol = match (c, chars.get(idx + 1)) {
                ('!', Some('=')) => "!=",
                ('<', Some('=')) => "<=",
                ('>', Some('=')) => ">=",
                ('<', _) => "<",
                ('>', _) => ">",
                ('(', _) => "(",
                (')', _) => ")",
                (',', _) => ",",
                ('=', _) => "=",
                (':', _) => {
                    return Err(malformed(
                        "the demo org does not read date literals such as LAST_N_DAYS:365; compare with a date such as 2025-01-31",
                    ))
                }
                _ => return Err(malformed(format!("unexpected character '{c}'"))),
            };
            idx += symbol.len();
            tokens.push(Token::Symbol(symbol));
        }
    }
    Ok(tokens)
}

/// Where a date (`2025-01-31`) or date-time (`2025-01-31T09:30:00Z`,
/// `2025-01-31T09:30:00.000+0000`) literal starting at `start` ends, if one does.
fn date_end(chars: &[char], start: usize) -> Option<usize> {
    let shape = "dddd-dd-dd";
    let is_date = shape.chars().enumerate().all(|(offset, kind)| {
        chars.get(start + offset).is_some_and(|c| if kind == 'd' { c.is_ascii_digit() } else { *c == kind })
    });
    if !is_date {
        return None;
    }
    let mut end = start + shape.len();
    if chars.get(end) == Some(&'T') {
        end += 1;
        while chars.get(end).is_some_and(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z')) {
            end += 1;
        }
    }
    Some(end)
}

// ---- Evaluation -----------------------------------------------------------------------

fn execute(query: &Query) -> Result<Vec<Value>, QueryError> {
    execute_among(query, &|_| true)
}

fn execute_among(query: &Query, found: &dyn Fn(&Value) -> bool) -> Result<Vec<Value>, QueryError> {
    let rows = table(&query.object).ok_or_else(|| QueryError {
        code: "INVALID_TYPE",
        message: format!(
            "sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.",
            query.object
        ),
    })?;
    let mut matched = Vec::new();
    for row in rows.into_iter().filter(|row| found(row)) {
        let keep = match &query.filter {
            Some(condition) => test(condition, &row, &query.object)?,
            None => true,
        };
        if keep {
            matched.push(row);
        }
    }
    for key in query.order.iter().rev() {
        check_field(&query.object, matched.first(), &key.field)?;
        matched.sort_by(|a, b| ordered(key, &lookup(a, &key.field), &lookup(b, &key.field)));
    }
    if let Some(limit) = query.limit {
        matched.truncate(limit);
    }
    matched.iter().map(|row| project(query, row)).collect()
}

fn project(query: &Query, row: &Value) -> Result<Value, QueryError> {
    let mut out = Map::new();
    out.insert("attributes".into(), row["attributes"].clone());
    for selected in &query.fields {
        match selected {
            Selected::Field(path) => {
                check_field(&query.object, Some(row), path)?;
                let (head, _) = path.split_once('.').unwrap_or((path, ""));
                let key = actual_key(row, head).unwrap_or_else(|| head.to_string());
                out.insert(key.clone(), row.get(&key).cloned().unwrap_or(Value::Null));
            }
            Selected::Children(child) => {
                let (child_object, link_field) = child_relationship(&query.object, &child.object)?;
                let mut narrowed = child.clone();
                narrowed.object = child_object.to_string();
                let id_filter = Condition::Compare {
                    field: link_field.to_string(),
                    operator: Operator::Equal,
                    value: row["Id"].clone(),
                };
                narrowed.filter = Some(match narrowed.filter.take() {
                    Some(filter) => Condition::And(Box::new(id_filter), Box::new(filter)),
                    None => id_filter,
                });
                let records = execute(&narrowed)?;
                let value = if records.is_empty() {
                    Value::Null
                } else {
                    json!({ "totalSize": records.len(), "done": true, "records": records })
                };
                out.insert(child.object.clone(), value);
            }
        }
    }
    Ok(Value::Object(out))
}

fn child_relationship(parent: &str, relationship: &str) -> Result<(&'static str, &'static str), QueryError> {
    match (parent.to_ascii_lowercase().as_str(), relationship.to_ascii_lowercase().as_str()) {
        ("account", "opportunities") => Ok(("Opportunity", "AccountId")),
        ("account", "contacts") => Ok(("Contact", "AccountId")),
        ("account", "cases") => Ok(("Case", "AccountId")),
        ("account", "subscriptions__r") => Ok(("Subscription__c", "Account__c")),
        ("contact", "cases") => Ok(("Case", "ContactId")),
        _ => Err(QueryError {
            code: "INVALID_TYPE",
            message: format!(
                "Didn't understand relationship '{relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name."
            ),
        }),
    }
}

/// The record's own spelling of a field name (SOQL names are case-insensitive).
fn actual_key(row: &Value, name: &str) -> Option<String> {
    row.as_object()?.keys().find(|key| key.eq_ignore_ascii_case(name)).cloned()
}

/// Salesforce rejects a field the object does not have, naming it.
fn check_field(object: &str, row: Option<&Value>, path: &str) -> Result<(), QueryError> {
    let Some(row) = row else { return Ok(()) };
    let head = path.split('.').next().unwrap_or(path);
    if actual_key(row, head).is_some() {
        return Ok(());
    }
    Err(QueryError {
        code: "INVALID_FIELD",
        message: format!(
            "\n{path}\n^\nERROR at Row:1:Column:8\nNo such column '{head}' on entity '{object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
        ),
    })
}

fn lookup(row: &Value, path: &str) -> Value {
    let mut current = row.clone();
    for part in path.split('.') {
        current = match actual_key(&current, part) {
            Some(key) => current[&key].clone(),
            None => return Value::Null,
        };
    }
    current
}

fn test(condition: &Condition, row: &Value, object: &str) -> Result<bool, QueryError> {
    Ok(match condition {
        Condition::And(a, b) => test(a, row, object)? && test(b, row, object)?,
        Condition::Or(a, b) => test(a, row, object)? || test(b, row, object)?,
        Condition::Not(inner) => !test(inner, row, object)?,
        Condition::Compare { field, operator, value } => {
            check_field(object, Some(row), field)?;
            holds(*operator, &lookup(row, field), value)
        }
        Condition::In { field, negated, values } => {
            check_field(object, Some(row), field)?;
            let actual = lookup(row, field);
            values.iter().any(|value| equal(&actual, value)) != *negated
        }
        Condition::SemiJoin { field, negated, query } => {
            check_field(object, Some(row), field)?;
            let Some(Selected::Field(inner_field)) = query.fields.first() else {
                return Err(malformed("a semi-join selects exactly one field"));
            };
            let actual = lookup(row, field);
            let found = execute(query)?.iter().any(|inner| equal(&lookup(inner, inner_field), &actual));
            found != *negated
        }
    })
}

/// Whether `actual operator expected` holds. As in SOQL, `!=` holds for a null that is
/// compared with a value, and a null never holds an ordering or a `LIKE`.
fn holds(operator: Operator, actual: &Value, expected: &Value) -> bool {
    let ordering = || order_of(actual, expected);
    match operator {
        Operator::Equal => equal(actual, expected),
        Operator::NotEqual => !equal(actual, expected),
        Operator::Less => ordering() == Some(Ordering::Less),
        Operator::LessOrEqual => matches!(ordering(), Some(Ordering::Less | Ordering::Equal)),
        Operator::Greater => ordering() == Some(Ordering::Greater),
        Operator::GreaterOrEqual => matches!(ordering(), Some(Ordering::Greater | Ordering::Equal)),
        Operator::Like => match (actual, expected) {
            (Value::String(text), Value::String(pattern)) => like(text, pattern),
            _ => false,
        },
    }
}

/// How two values of one kind order: numbers by value, text (dates among it) case-
/// insensitively as text; anything else, a null among it, does not order.
fn order_of(actual: &Value, expected: &Value) -> Option<Ordering> {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        (Value::String(a), Value::String(b)) => Some(a.to_lowercase().cmp(&b.to_lowercase())),
        _ => None,
    }
}

/// SOQL's `LIKE`, case-insensitive: `%` is any run of characters, `_` exactly one.
fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    // matched[j]: the text read so far matches the pattern's first j characters.
    let mut matched: Vec<bool> = (0..=pattern.len()).map(|j| pattern[..j].iter().all(|p| *p == '%')).collect();
    for c in text {
        let mut next = vec![false; pattern.len() + 1];
        for j in 1..=pattern.len() {
            next[j] = match pattern[j - 1] {
                '%' => next[j - 1] || matched[j],
                '_' => matched[j - 1],
                p => matched[j - 1] && p == c,
            };
        }
        matched = next;
    }
    matched[pattern.len()]
}

/// Text compares case-insensitively, as SOQL does for `=`.
fn equal(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::String(a), Value::String(b)) => a.to_lowercase() == b.to_lowercase(),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (a, b) => a == b,
    }
}

/// Two rows' values in an `ORDER BY` key's order, nulls where the key puts them.
fn ordered(key: &Order, a: &Value, b: &Value) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) if key.nulls_last => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, true) if key.nulls_last => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) if key.descending => compare(a, b).reverse(),
        (false, false) => compare(a, b),
    }
}

/// Two non-null values in ascending order.
fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
#[path = "soql_tests.rs"]
mod tests;
