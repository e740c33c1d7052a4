//! A related list's `where` filter: read in a safe subset of SOQL and written back in
//! canonical form.
//!
//! An admin writes the filter in the Insight Card's config, and it ends up inside a query
//! sent with the agent's Salesforce session. Text pasted into a query as it stands could
//! close the query early, add a subquery or another clause, or comment the rest out, so
//! nothing from config reaches a query unparsed: the filter is read into conditions, each a
//! field compared with a literal, joined by AND, OR and NOT, and the query gets what
//! [`Filter::to_soql`] writes from that reading, with field names checked by
//! [`is_field_name`] and strings quoted again by [`quote`]. Anything outside the subset is
//! refused with the character where reading stopped, so that the admin can find it.
//!
//! The subset:
//! - a condition is a field, an operator (`= != < <= > >= LIKE IN NOT IN INCLUDES
//!   EXCLUDES`) and a literal; `IN` and `NOT IN` take a parenthesised list of literals,
//!   `INCLUDES` and `EXCLUDES` a parenthesised list of quoted strings;
//! - a literal is a single-quoted string, a number, `true`, `false`, `null`, a date
//!   (`2024-01-31`), a date-time (`2024-01-31T09:30:00Z`) or a date literal such as `TODAY`
//!   or `LAST_N_DAYS:30`;
//! - conditions are joined by AND, OR and NOT and grouped in parentheses. As in Salesforce,
//!   mixing the operators needs parentheses: `(A AND B) OR C`, `A AND (NOT B)`.
//!
//! The canonical form has upper-case keywords, single spaces, and parentheses only where the
//! meaning needs them, so that reading back what was written gives the same filter.

use std::fmt;

use super::soql::{is_field_name, quote};

/// How deep parentheses may nest: deeper than any filter a person writes, and a bound on
/// the reader's recursion whatever the config holds.
const MAX_NESTING: usize = 32;

/// Words that begin another clause of a query, or a query of its own. A filter that holds
/// one is trying to be more than a filter, so they are refused wherever they appear
/// outside a string.
const CLAUSE_WORDS: &[&str] =
    &["SELECT", "FROM", "WHERE", "WITH", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FOR", "USING", "TYPEOF"];

/// Words that cannot name a field: a condition starting with one is a misplaced keyword.
const NOT_FIELD_NAMES: &[&str] = &["AND", "OR", "NOT", "IN", "LIKE", "INCLUDES", "EXCLUDES", "TRUE", "FALSE", "NULL"];

mod literals;
mod read;
mod tokens;
mod write;

use literals::*;
use read::*;
use tokens::*;
use write::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub at: usize,
    pub message: String,
}

impl FilterError {
    fn new(at: usize, message: impl Into<String>) -> Self {
        FilterError { at, message: message.into() }
    }
}

/// Written for people, so the position counts from 1, as an editor's column does:
/// `at character 11: LIMIT is not allowed …`.
impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.at + 1, self.message)
    }
}

impl std::error::Error for FilterError {}

/// A filter that [`parse`] read. It can be made no other way, so whatever reaches a query
/// through [`Filter::to_soql`] was read first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    root: Node,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Condition(Condition),
    Not(Box<Node>),
    /// Two or more, none of them an `And` itself: `(A AND B) AND C` reads as `A AND B AND C`,
    /// so that the shortest writing reads back to the same filter.
    And(Vec<Node>),
    /// Two or more, none of them an `Or` itself.
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Condition {
    field: String,
    operator: Operator,
    value: Value,
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
    In,
    NotIn,
    Includes,
    Excludes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    One(Literal),
    List(Vec<Literal>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Literal {
    /// The string's value with its escapes read; it is quoted afresh when written.
    Text(String),
    /// As written: `42`, `-0.50`.
    Number(String),
    Boolean(bool),
    Null,
    /// As written: `2024-01-31`.
    Date(String),
    /// As written: `2024-01-31T09:30:00.000+01:00`.
    DateTime(String),
    /// A name from the date literal tables, with its number for the `_N_` ones.
    Relative {
        name: &'static str,
        n: Option<u32>,
    },
}

/// Reads an admin's filter. Keywords may be in any case; anything outside the subset
/// described at the top of this module is refused.
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    let mut parser = Parser::new(input);
    if parser.peek()?.kind == TokenKind::End {
        return Err(FilterError::new(0, "the filter is empty: write a condition such as Status__c = 'Open'"));
    }
    let root = parser.expression()?;
    parser.finish()?;
    Ok(Filter { root })
}

impl Filter {
    /// The filter in canonical SOQL, ready to follow `WHERE`.
    pub fn to_soql(&self) -> String {
        let mut out = String::new();
        write_node(&self.root, &mut out);
        out
    }

    /// Every field the filter names, each once (API names ignore case, so the first
    /// spelling stands for the others), in the order they appear.
    pub fn fields(&self) -> Vec<&str> {
        let mut fields = Vec::new();
        collect_fields(&self.root, &mut fields);
        fields
    }
}

fn collect_fields<'a>(node: &'a Node, fields: &mut Vec<&'a str>) {
    match node {
        Node::Condition(condition) => {
            if !fields.iter().any(|seen| seen.eq_ignore_ascii_case(&condition.field)) {
                fields.push(&condition.field);
            }
        }
        Node::Not(inner) => collect_fields(inner, fields),
        Node::And(nodes) | Node::Or(nodes) => nodes.iter().for_each(|node| collect_fields(node, fields)),
    }
}

#[cfg(test)]
mod tests;
