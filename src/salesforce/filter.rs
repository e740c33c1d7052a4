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

/// The date literals that stand alone, as Salesforce spells them.
const DATE_LITERALS: &[&str] = &[
    "TODAY",
    "YESTERDAY",
    "TOMORROW",
    "LAST_WEEK",
    "THIS_WEEK",
    "NEXT_WEEK",
    "LAST_MONTH",
    "THIS_MONTH",
    "NEXT_MONTH",
    "LAST_90_DAYS",
    "NEXT_90_DAYS",
    "THIS_QUARTER",
    "LAST_QUARTER",
    "NEXT_QUARTER",
    "THIS_YEAR",
    "LAST_YEAR",
    "NEXT_YEAR",
    "THIS_FISCAL_QUARTER",
    "LAST_FISCAL_QUARTER",
    "NEXT_FISCAL_QUARTER",
    "THIS_FISCAL_YEAR",
    "LAST_FISCAL_YEAR",
    "NEXT_FISCAL_YEAR",
];

/// The date literals that take a whole number after a colon, as in `LAST_N_DAYS:30`.
const DATE_LITERALS_WITH_N: &[&str] = &[
    "LAST_N_DAYS",
    "NEXT_N_DAYS",
    "N_DAYS_AGO",
    "LAST_N_WEEKS",
    "NEXT_N_WEEKS",
    "N_WEEKS_AGO",
    "LAST_N_MONTHS",
    "NEXT_N_MONTHS",
    "N_MONTHS_AGO",
    "LAST_N_QUARTERS",
    "NEXT_N_QUARTERS",
    "N_QUARTERS_AGO",
    "LAST_N_YEARS",
    "NEXT_N_YEARS",
    "N_YEARS_AGO",
    "LAST_N_FISCAL_QUARTERS",
    "NEXT_N_FISCAL_QUARTERS",
    "N_FISCAL_QUARTERS_AGO",
    "LAST_N_FISCAL_YEARS",
    "NEXT_N_FISCAL_YEARS",
    "N_FISCAL_YEARS_AGO",
];

/// The symbols a filter may hold, two-character ones first so that `<=` is not read as
/// `<` then `=`. `<>` is read only to be named in a refusal.
const SYMBOLS: &[&str] = &["<=", ">=", "!=", "<>", "(", ")", ",", "=", "<", ">"];

/// SOQL's escapes inside a string: the letter after the backslash, and what it stands for.
const ESCAPES: &[(char, char)] =
    &[('\\', '\\'), ('\'', '\''), ('"', '"'), ('n', '\n'), ('r', '\r'), ('t', '\t'), ('b', '\u{8}'), ('f', '\u{c}')];

/// Why a filter was refused, and where: `at` counts characters (not bytes) from 0.
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

// ---- Writing ----------------------------------------------------------------------------

fn write_node(node: &Node, out: &mut String) {
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

fn write_joined(nodes: &[Node], joiner: &str, out: &mut String) {
    for (index, node) in nodes.iter().enumerate() {
        if index > 0 {
            out.push_str(joiner);
        }
        write_operand(node, out);
    }
}

/// A condition stands bare next to AND, OR or NOT; anything else is parenthesised, which
/// Salesforce requires whenever the operators mix.
fn write_operand(node: &Node, out: &mut String) {
    if let Node::Condition(condition) = node {
        write_condition(condition, out);
    } else {
        out.push('(');
        write_node(node, out);
        out.push(')');
    }
}

fn write_condition(condition: &Condition, out: &mut String) {
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
    fn soql(self) -> &'static str {
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
    fn read(kind: &TokenKind) -> Option<Operator> {
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

    fn takes_list(self) -> bool {
        matches!(self, Operator::In | Operator::NotIn | Operator::Includes | Operator::Excludes)
    }

    /// Multi-select picklist values are strings, so their operators take nothing else.
    fn takes_strings_only(self) -> bool {
        matches!(self, Operator::Includes | Operator::Excludes)
    }
}

impl Literal {
    fn soql(&self) -> String {
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

// ---- Tokens -----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
    /// A field name or a keyword: letters, digits, `_`, `.` (relationship paths) and `:`
    /// (`LAST_N_DAYS:30`).
    Word(String),
    /// A quoted string, its escapes read.
    Text(String),
    /// A number, date or date-time as written, sorted out where a value is expected.
    Figure(String),
    Symbol(&'static str),
    End,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    at: usize,
}

/// How a token is named in a message: `found ')'`, `found LIMIT`, `found the string 'x'`.
fn describe(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Word(text) | TokenKind::Figure(text) => text.clone(),
        TokenKind::Text(value) => format!("the string {}", quote(value)),
        TokenKind::Symbol(symbol) => format!("'{symbol}'"),
        TokenKind::End => "the end of the filter".to_string(),
    }
}

/// Cuts the input into tokens one at a time, as the parser asks, so that the first
/// problem from the left is the one reported. Positions are indexes into `chars`, which
/// is what [`FilterError::at`] counts.
struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

impl Lexer {
    fn new(input: &str) -> Self {
        Lexer { chars: input.chars().collect(), pos: 0 }
    }

    fn char_at(&self, index: usize) -> Option<char> {
        self.chars.get(index).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars().enumerate().all(|(offset, ch)| self.char_at(self.pos + offset) == Some(ch))
    }

    fn take_while(&mut self, keep: impl Fn(&Self, char) -> bool) -> String {
        let start = self.pos;
        while self.char_at(self.pos).is_some_and(|ch| keep(self, ch)) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    fn next_token(&mut self) -> Result<Token, FilterError> {
        self.take_while(|_, ch| ch.is_whitespace());
        let at = self.pos;
        let Some(ch) = self.char_at(at) else { return Ok(Token { kind: TokenKind::End, at }) };
        if ["--", "//", "/*"].iter().any(|comment| self.starts_with(comment)) {
            return Err(FilterError::new(at, "comments (--, // or /* */) are not allowed in a filter"));
        }
        let starts_figure =
            ch.is_ascii_digit() || (ch == '-' && self.char_at(at + 1).is_some_and(|next| next.is_ascii_digit()));
        let kind = if ch == '\'' {
            self.text()?
        } else if let Some(symbol) = SYMBOLS.iter().copied().find(|symbol| self.starts_with(symbol)) {
            self.pos += symbol.chars().count();
            TokenKind::Symbol(symbol)
        } else if starts_figure {
            TokenKind::Figure(self.take_while(Self::continues_figure))
        } else if ch.is_alphabetic() || ch == '_' {
            self.word()?
        } else {
            return Err(FilterError::new(at, stray_character(ch)));
        };
        Ok(Token { kind, at })
    }

    /// Numbers, dates and date-times are read as one run and sorted out later; a run stops
    /// before `--` so that a comment right after a number is refused as a comment.
    fn continues_figure(&self, ch: char) -> bool {
        match ch {
            '-' => self.char_at(self.pos + 1) != Some('-'),
            _ => ch.is_ascii_alphanumeric() || matches!(ch, '.' | ':' | '+'),
        }
    }

    fn word(&mut self) -> Result<TokenKind, FilterError> {
        let at = self.pos;
        let word = self.take_while(|_, ch| ch.is_alphanumeric() || matches!(ch, '_' | '.' | ':'));
        let upper = word.to_ascii_uppercase();
        if upper == "SELECT" {
            return Err(FilterError::new(at, "SELECT is not allowed: a filter cannot hold a query or a subquery"));
        }
        if CLAUSE_WORDS.contains(&upper.as_str()) {
            let message = format!(
                "{upper} is not allowed: a filter holds conditions only, and the widget writes the rest of the query"
            );
            return Err(FilterError::new(at, message));
        }
        Ok(TokenKind::Word(word))
    }

    fn text(&mut self) -> Result<TokenKind, FilterError> {
        let open = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(ch) = self.char_at(self.pos) else { return Err(unterminated(open)) };
            self.pos += 1;
            match ch {
                '\'' => return Ok(TokenKind::Text(value)),
                '\\' => value.push(self.escape(open)?),
                other => value.push(other),
            }
        }
    }

    /// The character an escape stands for; the backslash has just been read.
    fn escape(&mut self, open: usize) -> Result<char, FilterError> {
        let backslash = self.pos - 1;
        let Some(letter) = self.char_at(self.pos) else { return Err(unterminated(open)) };
        let Some(&(_, read)) = ESCAPES.iter().find(|(written, _)| *written == letter) else {
            let message = format!(
                "\\{letter} is not an escape SOQL knows: inside a string a backslash starts one of \\\\ \\' \\\" \\n \\r \\t \\b \\f"
            );
            return Err(FilterError::new(backslash, message));
        };
        self.pos += 1;
        Ok(read)
    }
}

fn unterminated(open: usize) -> FilterError {
    FilterError::new(open, "this string is never closed: a closing ' is missing")
}

/// The message for a character no token starts with, naming the usual reasons.
fn stray_character(ch: char) -> String {
    match ch {
        ';' => "';' is not allowed: a filter cannot end the query or start another".to_string(),
        '"' => "strings take single quotes ('), not double quotes".to_string(),
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => {
            format!("{ch} is a curly quote: strings take straight single quotes (')")
        }
        _ => format!("unexpected character '{ch}'"),
    }
}

// ---- Reading ----------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joiner {
    And,
    Or,
}

impl Joiner {
    fn read(kind: &TokenKind) -> Option<Joiner> {
        match kind {
            TokenKind::Word(word) if word.eq_ignore_ascii_case("AND") => Some(Joiner::And),
            TokenKind::Word(word) if word.eq_ignore_ascii_case("OR") => Some(Joiner::Or),
            _ => None,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Joiner::And => "AND",
            Joiner::Or => "OR",
        }
    }

    /// Joins the operands, taking in those joined the same way, so that grouping which
    /// changes nothing leaves no trace.
    fn join(self, operands: Vec<Node>) -> Node {
        let mut flat = Vec::with_capacity(operands.len());
        for operand in operands {
            match (self, operand) {
                (Joiner::And, Node::And(inner)) | (Joiner::Or, Node::Or(inner)) => flat.extend(inner),
                (_, operand) => flat.push(operand),
            }
        }
        match self {
            Joiner::And => Node::And(flat),
            Joiner::Or => Node::Or(flat),
        }
    }
}

/// `A AND B OR C` could mean two things, so Salesforce asks for parentheses, and so does
/// this reader, showing both.
fn mixed_joiners(earlier: Joiner, joiner: Joiner) -> String {
    let (first, second) = (earlier.word(), joiner.word());
    format!(
        "{first} and {second} need parentheses when mixed, as in (A {first} B) {second} C or A {first} (B {second} C)"
    )
}

fn is_word(kind: &TokenKind, keyword: &str) -> bool {
    matches!(kind, TokenKind::Word(word) if word.eq_ignore_ascii_case(keyword))
}

/// A recursive descent over the tokens, with one token of lookahead.
///
/// ```text
/// expression = "NOT" operand | operand { ("AND" | "OR") operand }   (one joiner per group)
/// operand    = "(" expression ")" | condition
/// condition  = field operator (literal | "(" literal { "," literal } ")")
/// ```
struct Parser {
    lexer: Lexer,
    peeked: Option<Token>,
    /// The last token read, for messages that say what came before.
    previous: Option<TokenKind>,
    nesting: usize,
}

impl Parser {
    fn new(input: &str) -> Self {
        Parser { lexer: Lexer::new(input), peeked: None, previous: None, nesting: 0 }
    }

    fn peek(&mut self) -> Result<Token, FilterError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        Ok(self.peeked.insert(token).clone())
    }

    fn advance(&mut self) -> Result<Token, FilterError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        self.previous = Some(token.kind.clone());
        Ok(token)
    }

    /// `expected {what} after {the previous token}, found {token}`.
    fn expected(&self, what: &str, found: &Token) -> FilterError {
        let after = match &self.previous {
            Some(previous) => format!(" after {}", describe(previous)),
            None => String::new(),
        };
        FilterError::new(found.at, format!("expected {what}{after}, found {}", describe(&found.kind)))
    }

    /// After the whole filter only its end may follow.
    fn finish(&mut self) -> Result<(), FilterError> {
        let token = self.peek()?;
        match token.kind {
            TokenKind::End => Ok(()),
            TokenKind::Symbol(")") => Err(FilterError::new(
                token.at,
                "')' closes a parenthesis that was never opened: a filter cannot close the query around it",
            )),
            _ => Err(self.expected("AND, OR or the end of the filter", &token)),
        }
    }

    fn expression(&mut self) -> Result<Node, FilterError> {
        if is_word(&self.peek()?.kind, "NOT") {
            return self.negation();
        }
        let first = self.operand()?;
        let mut rest = Vec::new();
        let mut joined_by: Option<Joiner> = None;
        while let Some(joiner) = Joiner::read(&self.peek()?.kind) {
            let token = self.advance()?;
            if let Some(earlier) = joined_by.filter(|earlier| *earlier != joiner) {
                return Err(FilterError::new(token.at, mixed_joiners(earlier, joiner)));
            }
            self.refuse_bare_not(joiner)?;
            rest.push(self.operand()?);
            joined_by = Some(joiner);
        }
        Ok(match joined_by {
            Some(joiner) => joiner.join(std::iter::once(first).chain(rest).collect()),
            None => first,
        })
    }

    /// `A AND NOT B`: Salesforce wants the NOT in parentheses, and so does this reader.
    fn refuse_bare_not(&mut self, joiner: Joiner) -> Result<(), FilterError> {
        let token = self.peek()?;
        if !is_word(&token.kind, "NOT") {
            return Ok(());
        }
        let word = joiner.word();
        let message = format!("NOT after {word} needs parentheses, as in A {word} (NOT B)");
        Err(FilterError::new(token.at, message))
    }

    /// `NOT` with its operand. NOT alone in its group: `NOT A AND B` is refused, as
    /// Salesforce refuses operators mixed without parentheses.
    fn negation(&mut self) -> Result<Node, FilterError> {
        self.advance()?;
        let operand = self.operand()?;
        let token = self.peek()?;
        if let Some(joiner) = Joiner::read(&token.kind) {
            let word = joiner.word();
            let message =
                format!("NOT and {word} need parentheses when mixed, as in (NOT A) {word} B or NOT (A {word} B)");
            return Err(FilterError::new(token.at, message));
        }
        Ok(Node::Not(Box::new(operand)))
    }

    fn operand(&mut self) -> Result<Node, FilterError> {
        let token = self.peek()?;
        match token.kind {
            TokenKind::Symbol("(") => self.group(),
            TokenKind::Word(_) => self.condition().map(Node::Condition),
            _ => Err(self.expected("a condition such as Status__c = 'Open'", &token)),
        }
    }

    fn group(&mut self) -> Result<Node, FilterError> {
        let open = self.advance()?;
        if self.nesting == MAX_NESTING {
            return Err(FilterError::new(open.at, format!("parentheses nest more than {MAX_NESTING} deep")));
        }
        self.nesting += 1;
        let inner = self.expression()?;
        self.nesting -= 1;
        let token = self.peek()?;
        match token.kind {
            TokenKind::Symbol(")") => {
                self.advance()?;
                Ok(inner)
            }
            TokenKind::End => {
                let message = format!("the '(' at character {} is never closed: a ')' is missing", open.at + 1);
                Err(FilterError::new(token.at, message))
            }
            _ => Err(self.expected("AND, OR or ')'", &token)),
        }
    }

    fn condition(&mut self) -> Result<Condition, FilterError> {
        let field = self.field()?;
        let operator = self.operator(&field)?;
        let value = if operator.takes_list() { Value::List(self.list(operator)?) } else { Value::One(self.literal()?) };
        Ok(Condition { field, operator, value })
    }

    fn field(&mut self) -> Result<String, FilterError> {
        let token = self.peek()?;
        let TokenKind::Word(word) = &token.kind else {
            return Err(self.expected("a field name", &token));
        };
        if NOT_FIELD_NAMES.contains(&word.to_ascii_uppercase().as_str()) {
            return Err(self.expected("a field name", &token));
        }
        if !is_field_name(word) {
            let message = format!(
                "{word} is not a field name: API names are letters, digits and underscores, starting with a letter, as in Status__c or Product__r.Name"
            );
            return Err(FilterError::new(token.at, message));
        }
        self.advance()?;
        Ok(word.clone())
    }

    fn operator(&mut self, field: &str) -> Result<Operator, FilterError> {
        let token = self.peek()?;
        if let Some(operator) = Operator::read(&token.kind) {
            self.advance()?;
            return Ok(operator);
        }
        if !is_word(&token.kind, "NOT") {
            let message =
                format!("expected an operator such as = or IN after {field}, found {}", describe(&token.kind));
            return Err(FilterError::new(token.at, message));
        }
        self.advance()?;
        let token = self.peek()?;
        if !is_word(&token.kind, "IN") {
            return Err(self.expected("IN (as in NOT IN)", &token));
        }
        self.advance()?;
        Ok(Operator::NotIn)
    }

    /// `('a', 'b')` after a list operator.
    fn list(&mut self, operator: Operator) -> Result<Vec<Literal>, FilterError> {
        let open = self.peek()?;
        if open.kind != TokenKind::Symbol("(") {
            let message = format!(
                "{} takes a list in parentheses, such as ('a', 'b'), found {}",
                operator.soql(),
                describe(&open.kind)
            );
            return Err(FilterError::new(open.at, message));
        }
        self.advance()?;
        let mut literals = Vec::new();
        loop {
            literals.push(self.list_item(operator)?);
            let token = self.peek()?;
            match token.kind {
                TokenKind::Symbol(",") => {
                    self.advance()?;
                }
                TokenKind::Symbol(")") => {
                    self.advance()?;
                    return Ok(literals);
                }
                TokenKind::End => {
                    let message = format!("the list at character {} is never closed: a ')' is missing", open.at + 1);
                    return Err(FilterError::new(token.at, message));
                }
                _ => return Err(self.expected("',' or ')' in the list", &token)),
            }
        }
    }

    fn list_item(&mut self, operator: Operator) -> Result<Literal, FilterError> {
        if !operator.takes_strings_only() {
            return self.literal();
        }
        let token = self.peek()?;
        if !matches!(token.kind, TokenKind::Text(_)) {
            let message = format!(
                "{} takes quoted strings, such as ('Red', 'Blue'), found {}",
                operator.soql(),
                describe(&token.kind)
            );
            return Err(FilterError::new(token.at, message));
        }
        self.literal()
    }

    fn literal(&mut self) -> Result<Literal, FilterError> {
        let token = self.peek()?;
        let read = match &token.kind {
            TokenKind::Text(value) => Ok(Literal::Text(value.clone())),
            TokenKind::Figure(text) => figure(text),
            TokenKind::Word(word) => word_literal(word),
            _ => return Err(self.expected("a value", &token)),
        };
        let literal = read.map_err(|message| FilterError::new(token.at, message))?;
        self.advance()?;
        Ok(literal)
    }
}

// ---- Literals ---------------------------------------------------------------------------

/// `true`, `false`, `null` or a date literal; any other word where a value belongs is most
/// likely text that lost its quotes.
fn word_literal(word: &str) -> Result<Literal, String> {
    let upper = word.to_ascii_uppercase();
    match upper.as_str() {
        "TRUE" => return Ok(Literal::Boolean(true)),
        "FALSE" => return Ok(Literal::Boolean(false)),
        "NULL" => return Ok(Literal::Null),
        _ => {}
    }
    if let Some(name) = table_entry(DATE_LITERALS, &upper) {
        return Ok(Literal::Relative { name, n: None });
    }
    if let Some((name, n)) = word.split_once(':') {
        return counted_date_literal(&name.to_ascii_uppercase(), n);
    }
    if let Some(name) = table_entry(DATE_LITERALS_WITH_N, &upper) {
        return Err(format!("{name} needs a whole number after a colon, as in {name}:30"));
    }
    Err(format!(
        "expected a value (a quoted string, a number, true, false, null, a date or a date literal such as TODAY), found {word}; text needs single quotes, as in '{word}'"
    ))
}

/// `LAST_N_DAYS:30`, split at the colon and upper-cased.
fn counted_date_literal(name: &str, n: &str) -> Result<Literal, String> {
    let Some(name) = table_entry(DATE_LITERALS_WITH_N, name) else {
        return Err(match table_entry(DATE_LITERALS, name) {
            Some(name) => format!("{name} takes no number"),
            None => format!("{name}:{n} is not a date literal; those with a number are such as LAST_N_DAYS:30"),
        });
    };
    if n.is_empty() {
        return Err(format!("{name} needs a whole number after the colon, as in {name}:30"));
    }
    if !n.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("{name} needs a whole number after the colon, as in {name}:30, found {n}"));
    }
    match n.parse::<u32>() {
        Ok(n) => Ok(Literal::Relative { name, n: Some(n) }),
        Err(_) => Err(format!("{name}:{n} is too large a number")),
    }
}

fn table_entry(table: &[&'static str], upper: &str) -> Option<&'static str> {
    table.iter().copied().find(|entry| *entry == upper)
}

/// A number, date or date-time, checked as such.
fn figure(text: &str) -> Result<Literal, String> {
    if is_number(text) {
        return Ok(Literal::Number(text.to_string()));
    }
    // Four digits and a hyphen: meant as a date, so say what is wrong with it.
    if text.get(..5).is_some_and(|start| start.ends_with('-') && digits(&start[..4], 4).is_some()) {
        return match text.split_once('T') {
            Some((date, time)) => {
                check_date(date).and_then(|()| check_time(time)).map(|()| Literal::DateTime(text.to_string()))
            }
            None => check_date(text).map(|()| Literal::Date(text.to_string())),
        };
    }
    Err(format!("{text} is not a number, a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDThh:mm:ssZ)"))
}

/// An optional minus, digits, and optionally a point and more digits.
fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// The value of exactly `count` ASCII digits.
fn digits(text: &str, count: usize) -> Option<u32> {
    if text.len() == count && text.bytes().all(|byte| byte.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// One number of a date or time: `width` digits, from `low` to `high`. The message names
/// the part and shows the whole (`2024-13-01 … the month must be 01 to 12`).
fn check_part(text: &str, width: usize, (low, high): (u32, u32), name: &str, whole: &str) -> Result<(), String> {
    match digits(text, width) {
        Some(value) if (low..=high).contains(&value) => Ok(()),
        Some(_) => Err(format!("{whole} is not a valid date or time: the {name} must be {low:02} to {high:02}")),
        None => Err(format!("{whole} is not a valid date or time: the {name} must be {width} digits")),
    }
}

/// `YYYY-MM-DD`, month 1 to 12 and day 1 to 31: loose (February 31st passes, as the
/// query would tell), but never a shape Salesforce cannot read.
fn check_date(date: &str) -> Result<(), String> {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts[..] else {
        return Err(format!("{date} is not a date: dates are written YYYY-MM-DD"));
    };
    check_part(year, 4, (0, 9999), "year", date)?;
    check_part(month, 2, (1, 12), "month", date)?;
    check_part(day, 2, (1, 31), "day", date)
}

/// `hh:mm:ss`, optional `.sss`, then `Z` or an offset `+hh:mm` / `-hh:mm`.
fn check_time(time: &str) -> Result<(), String> {
    let (clock, offset) = match time.strip_suffix('Z') {
        Some(clock) => (clock, None),
        None => match time.find(['+', '-']) {
            Some(sign) => (&time[..sign], Some(&time[sign + 1..])),
            None => return Err(format!("{time} has no time zone: end a date-time with Z or an offset such as +01:00")),
        },
    };
    let (clock, millis) = match clock.split_once('.') {
        Some((clock, millis)) => (clock, Some(millis)),
        None => (clock, None),
    };
    check_clock(clock, true)?;
    if let Some(millis) = millis {
        check_part(millis, 3, (0, 999), "milliseconds", time)?;
    }
    match offset {
        Some(offset) => check_clock(offset, false),
        None => Ok(()),
    }
}

/// `hh:mm:ss`, or `hh:mm` for an offset.
fn check_clock(clock: &str, with_seconds: bool) -> Result<(), String> {
    let parts: Vec<&str> = clock.split(':').collect();
    let expected_parts = if with_seconds { 3 } else { 2 };
    if parts.len() != expected_parts {
        let shape = if with_seconds { "hh:mm:ss" } else { "hh:mm" };
        return Err(format!("{clock} is not a time: expected {shape}"));
    }
    let names = ["hour", "minute", "second"];
    let highs = [23, 59, 59];
    for ((part, name), high) in parts.iter().zip(names).zip(highs) {
        check_part(part, 2, (0, high), name, clock)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
