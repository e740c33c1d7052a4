//! A filter's text as tokens: words, strings, numbers and symbols, each with the
//! character where it starts.

use super::*;

/// The symbols a filter may hold, two-character ones first so that `<=` is not read as
/// `<` then `=`. `<>` is read only to be named in a refusal.
pub(super) const SYMBOLS: &[&str] = &["<=", ">=", "!=", "<>", "(", ")", ",", "=", "<", ">"];

/// SOQL's escapes inside a string: the letter after the backslash, and what it stands for.
pub(super) const ESCAPES: &[(char, char)] =
    &[('\\', '\\'), ('\'', '\''), ('"', '"'), ('n', '\n'), ('r', '\r'), ('t', '\t'), ('b', '\u{8}'), ('f', '\u{c}')];

/// Why a filter was refused, and where: `at` counts characters (not bytes) from 0.

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TokenKind {
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
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) at: usize,
}

/// How a token is named in a message: `found ')'`, `found LIMIT`, `found the string 'x'`.
pub(super) fn describe(kind: &TokenKind) -> String {
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
pub(super) struct Lexer {
    chars: Vec<char>,
    pos: usize,
}

impl Lexer {
    pub(super) fn new(input: &str) -> Self {
        Lexer { chars: input.chars().collect(), pos: 0 }
    }

    pub(super) fn char_at(&self, index: usize) -> Option<char> {
        self.chars.get(index).copied()
    }

    pub(super) fn starts_with(&self, text: &str) -> bool {
        text.chars().enumerate().all(|(offset, ch)| self.char_at(self.pos + offset) == Some(ch))
    }

    pub(super) fn take_while(&mut self, keep: impl Fn(&Self, char) -> bool) -> String {
        let start = self.pos;
        while self.char_at(self.pos).is_some_and(|ch| keep(self, ch)) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    pub(super) fn next_token(&mut self) -> Result<Token, FilterError> {
        self.take_while(|_, ch| ch.is_ascii_whitespace());
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
        } else if ch.is_ascii_alphabetic() || ch == '_' || (!ch.is_ascii() && !is_curly_quote(ch)) {
            self.word()?
        } else {
            return Err(FilterError::new(at, stray_character(ch)));
        };
        Ok(Token { kind, at })
    }

    /// Numbers, dates and date-times are read as one run and sorted out later; a run stops
    /// before `--` so that a comment right after a number is refused as a comment.
    pub(super) fn continues_figure(&self, ch: char) -> bool {
        match ch {
            '-' => self.char_at(self.pos + 1) != Some('-'),
            _ => ch.is_ascii_alphanumeric() || matches!(ch, '.' | ':' | '+'),
        }
    }

    pub(super) fn word(&mut self) -> Result<TokenKind, FilterError> {
        let at = self.pos;
        // Letters beyond ASCII are read into the word, which the name check then refuses as a
        // whole (`Nàme` is not a field name), without the Unicode tables in the module.
        let word =
            self.take_while(|_, ch| ch.is_ascii_alphanumeric() || !ch.is_ascii() || matches!(ch, '_' | '.' | ':'));
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

    pub(super) fn text(&mut self) -> Result<TokenKind, FilterError> {
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
    pub(super) fn escape(&mut self, open: usize) -> Result<char, FilterError> {
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

pub(super) fn unterminated(open: usize) -> FilterError {
    FilterError::new(open, "this string is never closed: a closing ' is missing")
}

/// The message for a character no token starts with, naming the usual reasons.
/// The quotes a word processor puts in place of straight ones.
fn is_curly_quote(ch: char) -> bool {
    matches!(ch, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

pub(super) fn stray_character(ch: char) -> String {
    match ch {
        ';' => "';' is not allowed: a filter cannot end the query or start another".to_string(),
        '"' => "strings take single quotes ('), not double quotes".to_string(),
        _ if is_curly_quote(ch) => {
            format!("{ch} is a curly quote: strings take straight single quotes (')")
        }
        _ => format!("unexpected character '{ch}'"),
    }
}
