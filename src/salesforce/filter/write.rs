//! A read filter written back as canonical SOQL.

use super::*;

pub(super) fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Condition(condition) => write_condition(condition, out),
        Node::Not(inner) => {
            out.push_str("NOT ");
            write_operand(inner, out);
        }
        Node::And(nodes) => write_joined(nodes, " AND ", out),
        Node::Or(nodes) => write_joined(nodes, " OR ", out),
    }
}

pub(super) fn write_joined(nodes: &[Node], joiner: &str, out: &mut String) {
    for (index, node) in nodes.iter().enumerate() {
        if index > 0 {
            out.push_str(joiner);
        }
        write_operand(node, out);
    }
}

/// A condition stands bare next to AND, OR or NOT; anything else is parenthesised, which
/// Salesforce requires whenever the operators mix.
pub(super) fn write_operand(node: &Node, out: &mut String) {
    if let Node::Condition(condition) = node {
        write_condition(condition, out);
    } else {
        out.push('(');
        write_node(node, out);
        out.push(')');
    }
}

pub(super) fn write_condition(condition: &Condition, out: &mut String) {
    out.push_str(&condition.field);
    out.push(' ');
    out.push_str(condition.operator.soql());
    out.push(' ');
    match &condition.value {
        Value::One(literal) => out.push_str(&literal.soql()),
        Value::List(literals) => {
            let written: Vec<String> = literals.iter().map(Literal::soql).collect();
            out.push('(');
            out.push_str(&written.join(", "));
            out.push(')');
        }
    }
}

impl Operator {
    pub(super) fn soql(self) -> &'static str {
        match self {
            Operator::Equal => "=",
            Operator::NotEqual => "!=",
            Operator::Less => "<",
            Operator::LessOrEqual => "<=",
            Operator::Greater => ">",
            Operator::GreaterOrEqual => ">=",
            Operator::Like => "LIKE",
            Operator::In => "IN",
            Operator::NotIn => "NOT IN",
            Operator::Includes => "INCLUDES",
            Operator::Excludes => "EXCLUDES",
        }
    }

    /// The operator a token stands for; `NOT IN` is two tokens and is read apart.
    pub(super) fn read(kind: &TokenKind) -> Option<Operator> {
        match kind {
            TokenKind::Symbol("=") => Some(Operator::Equal),
            TokenKind::Symbol("!=") => Some(Operator::NotEqual),
            TokenKind::Symbol("<") => Some(Operator::Less),
            TokenKind::Symbol("<=") => Some(Operator::LessOrEqual),
            TokenKind::Symbol(">") => Some(Operator::Greater),
            TokenKind::Symbol(">=") => Some(Operator::GreaterOrEqual),
            TokenKind::Word(word) => match word.to_ascii_uppercase().as_str() {
                "LIKE" => Some(Operator::Like),
                "IN" => Some(Operator::In),
                "INCLUDES" => Some(Operator::Includes),
                "EXCLUDES" => Some(Operator::Excludes),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn takes_list(self) -> bool {
        matches!(self, Operator::In | Operator::NotIn | Operator::Includes | Operator::Excludes)
    }

    /// Multi-select picklist values are strings, so their operators take nothing else.
    pub(super) fn takes_strings_only(self) -> bool {
        matches!(self, Operator::Includes | Operator::Excludes)
    }
}

impl Literal {
    pub(super) fn soql(&self) -> String {
        match self {
            Literal::Text(value) => quote(value),
            Literal::Number(text) | Literal::Date(text) | Literal::DateTime(text) => text.clone(),
            Literal::Boolean(true) => "true".to_string(),
            Literal::Boolean(false) => "false".to_string(),
            Literal::Null => "null".to_string(),
            Literal::Relative { name, n: None } => name.to_string(),
            Literal::Relative { name, n: Some(n) } => format!("{name}:{n}"),
        }
    }
}
