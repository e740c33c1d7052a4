//! The reader: tokens into conditions joined by AND, OR and NOT, as the subset allows.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Joiner {
    And,
    Or,
}

impl Joiner {
    pub(super) fn read(kind: &TokenKind) -> Option<Joiner> {
        match kind {
            TokenKind::Word(word) if word.eq_ignore_ascii_case("AND") => Some(Joiner::And),
            TokenKind::Word(word) if word.eq_ignore_ascii_case("OR") => Some(Joiner::Or),
            _ => None,
        }
    }

    pub(super) fn word(self) -> &'static str {
        match self {
            Joiner::And => "AND",
            Joiner::Or => "OR",
        }
    }

    /// Joins the operands, taking in those joined the same way, so that grouping which
    /// changes nothing leaves no trace.
    pub(super) fn join(self, operands: Vec<Node>) -> Node {
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
pub(super) fn mixed_joiners(earlier: Joiner, joiner: Joiner) -> String {
    let (first, second) = (earlier.word(), joiner.word());
    format!(
        "{first} and {second} need parentheses when mixed, as in (A {first} B) {second} C or A {first} (B {second} C)"
    )
}

pub(super) fn is_word(kind: &TokenKind, keyword: &str) -> bool {
    matches!(kind, TokenKind::Word(word) if word.eq_ignore_ascii_case(keyword))
}

/// A recursive descent over the tokens, with one token of lookahead.
///
/// ```text
/// expression = "NOT" operand | operand { ("AND" | "OR") operand }   (one joiner per group)
/// operand    = "(" expression ")" | condition
/// condition  = field operator (literal | "(" literal { "," literal } ")")
/// ```
pub(super) struct Parser {
    lexer: Lexer,
    peeked: Option<Token>,
    /// The last token read, for messages that say what came before.
    previous: Option<TokenKind>,
    nesting: usize,
}

impl Parser {
    pub(super) fn new(input: &str) -> Self {
        Parser { lexer: Lexer::new(input), peeked: None, previous: None, nesting: 0 }
    }

    pub(super) fn peek(&mut self) -> Result<Token, FilterError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        Ok(self.peeked.insert(token).clone())
    }

    pub(super) fn advance(&mut self) -> Result<Token, FilterError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        self.previous = Some(token.kind.clone());
        Ok(token)
    }

    /// `expected {what} after {the previous token}, found {token}`.
    pub(super) fn expected(&self, what: &str, found: &Token) -> FilterError {
        let after = match &self.previous {
            Some(previous) => format!(" after {}", describe(previous)),
            None => String::new(),
        };
        FilterError::new(found.at, format!("expected {what}{after}, found {}", describe(&found.kind)))
    }

    /// After the whole filter only its end may follow.
    pub(super) fn finish(&mut self) -> Result<(), FilterError> {
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

    pub(super) fn expression(&mut self) -> Result<Node, FilterError> {
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
    pub(super) fn refuse_bare_not(&mut self, joiner: Joiner) -> Result<(), FilterError> {
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
    pub(super) fn negation(&mut self) -> Result<Node, FilterError> {
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

    pub(super) fn operand(&mut self) -> Result<Node, FilterError> {
        let token = self.peek()?;
        match token.kind {
            TokenKind::Symbol("(") => self.group(),
            TokenKind::Word(_) => self.condition().map(Node::Condition),
            _ => Err(self.expected("a condition such as Status__c = 'Open'", &token)),
        }
    }

    pub(super) fn group(&mut self) -> Result<Node, FilterError> {
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

    pub(super) fn condition(&mut self) -> Result<Condition, FilterError> {
        let field = self.field()?;
        let operator = self.operator(&field)?;
        let value = if operator.takes_list() { Value::List(self.list(operator)?) } else { Value::One(self.literal()?) };
        Ok(Condition { field, operator, value })
    }

    pub(super) fn field(&mut self) -> Result<String, FilterError> {
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

    pub(super) fn operator(&mut self, field: &str) -> Result<Operator, FilterError> {
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
    pub(super) fn list(&mut self, operator: Operator) -> Result<Vec<Literal>, FilterError> {
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

    pub(super) fn list_item(&mut self, operator: Operator) -> Result<Literal, FilterError> {
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

    pub(super) fn literal(&mut self) -> Result<Literal, FilterError> {
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
