//! A JSON parser (RFC 8259) straight into `serde_json::Value`. serde_json's own reader
//! goes through serde's visitor machinery, which the widget does not otherwise need:
//! this one is a fraction of the bundle (some 7 KB gzipped less) and reads a page of
//! messages as fast. Errors name what was expected and where, in serde_json's words,
//! so that messages shown to installers read the same.

use std::fmt;

use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused rather than risking the stack (as serde_json).
const MAX_DEPTH: usize = 128;

/// Why a text is not JSON, and where: line and column (in characters) from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// Parses a whole text as one JSON value; anything after it but whitespace is an error.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    let value = reader.value()?;
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

/// A page of a list response (`{"data": [...], "links": ...}`), read in one pass: each
/// item of `data` is checked but not built, and only the values at `item_paths` are read
/// from it; of the rest of the page, the values at `page_paths`. The whole text is
/// checked as [`parse`] checks it. A conversation's thousands of messages are indexed
/// this way and each is built only when it is shown.
pub fn list_page(text: &str, page_paths: &[&str], item_paths: &[&str]) -> Result<ListPage, ParseError> {
    let page_wanted: Vec<(usize, &str)> = page_paths.iter().copied().enumerate().collect();
    let item_wanted: Vec<(usize, &str)> = item_paths.iter().copied().enumerate().collect();
    let mut page = ListPage { fields: vec![None; page_paths.len()], data: Data::Missing };
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0, depth: 0 };
    reader.skip_whitespace();
    if reader.peek() == Some(b'{') {
        reader.nested(|reader| {
            reader.members(&mut |reader, key| {
                if key != "data" {
                    return reader.pick_member(key, &page_wanted, &mut page.fields);
                }
                reader.skip_whitespace();
                page.data = match reader.peek() {
                    Some(b'[') => Data::Items(reader.nested(|reader| {
                        let mut items = Vec::new();
                        reader.items(&mut |reader| {
                            reader.skip_whitespace();
                            let start = reader.pos;
                            let mut fields = vec![None; item_wanted.len()];
                            match reader.peek() {
                                Some(b'{') => reader.nested(|reader| reader.pick(&item_wanted, &mut fields))?,
                                _ => reader.skip()?,
                            }
                            items.push(Item { span: start..reader.pos, fields });
                            Ok(())
                        })?;
                        Ok(items)
                    })?),
                    Some(b'n') => reader.value().map(|_| Data::Missing)?,
                    _ => reader.skip().map(|()| Data::NotArray)?,
                };
                Ok(())
            })
        })?;
    } else {
        reader.skip()?;
    }
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(page)
}

/// What [`list_page`] read.
#[derive(Debug, Clone, PartialEq)]
pub struct ListPage {
    /// The values at the page paths, in their order.
    pub fields: Vec<Option<Value>>,
    pub data: Data,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// No `data`, or `null`, or a page that is not an object.
    Missing,
    NotArray,
    Items(Vec<Item>),
}

/// One item of `data`: where its text is in the page, and the values at the item paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub span: std::ops::Range<usize>,
    pub fields: Vec<Option<Value>>,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn error(&self, message: &'static str) -> ParseError {
        // The position may sit inside a character (after the first byte of an escape's
        // letter, say): count from the start of that character.
        let mut end = self.pos.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        ParseError { message, line, column: before[line_start..].chars().count() + 1 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => {
                let mut text = String::new();
                self.string(Some(&mut text)).map(|()| Value::String(text))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, ParseError>) -> Result<T, ParseError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.pos += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        for expected in word.bytes() {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(byte) if byte == expected => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(value)
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, ParseError> {
        let mut map = Map::new();
        self.members(&mut |reader, key| {
            let value = reader.value()?;
            // A repeated key keeps its last value, as serde_json does.
            map.insert(key.to_string(), value);
            Ok(())
        })?;
        Ok(Value::Object(map))
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value, ParseError> {
        let mut items = Vec::new();
        self.items(&mut |reader| {
            items.push(reader.value()?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    /// After `{`: each member's key to `member`, which reads its value.
    /// One loop for every caller (`dyn`): it is compiled once, not once per caller.
    fn members(&mut self, member: &mut dyn FnMut(&mut Self, &str) -> Result<(), ParseError>) -> Result<(), ParseError> {
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        // One buffer for every key of the object.
        let mut key = String::new();
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            key.clear();
            self.string(Some(&mut key))?;
            self.skip_whitespace();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            member(self, &key)?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// After `[`: `item` reads each item.
    fn items(&mut self, item: &mut dyn FnMut(&mut Self) -> Result<(), ParseError>) -> Result<(), ParseError> {
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// Checks a value as [`Self::value`] would read it, building nothing.
    fn skip(&mut self) -> Result<(), ParseError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.nested(|reader| reader.members(&mut |reader, _| reader.skip())),
            Some(b'[') => self.nested(|reader| reader.items(&mut Self::skip)),
            Some(b'"') => self.string(None),
            _ => self.value().map(drop),
        }
    }

    /// After `{`: the values at the dotted paths of `wanted` (below this object) go to
    /// their slots of `found`; the rest is only checked. Paths go through objects only.
    fn pick(&mut self, wanted: &[(usize, &str)], found: &mut [Option<Value>]) -> Result<(), ParseError> {
        self.members(&mut |reader, key| reader.pick_member(key, wanted, found))
    }

    /// The value of member `key` of an object being picked from.
    fn pick_member(
        &mut self,
        key: &str,
        wanted: &[(usize, &str)],
        found: &mut [Option<Value>],
    ) -> Result<(), ParseError> {
        let exact = wanted.iter().any(|(_, path)| *path == key);
        // Most members are wanted neither whole nor below: checked and passed over at once.
        if !exact && !wanted.iter().any(|(_, path)| below_key(path, key).is_some()) {
            return self.skip();
        }
        let below: Vec<(usize, &str)> =
            wanted.iter().filter_map(|&(slot, path)| Some((slot, below_key(path, key)?))).collect();
        // A repeated key replaces what the first one gave, as in a parsed object.
        for &(slot, _) in &below {
            found[slot] = None;
        }
        if exact {
            // Wanted whole: built, and whatever is wanted below it read from it.
            let value = self.value()?;
            for &(slot, path) in &below {
                found[slot] = path.split('.').try_fold(&value, |value, key| value.as_object()?.get(key)).cloned();
            }
            for &(slot, _) in wanted.iter().filter(|(_, path)| *path == key) {
                found[slot] = Some(value.clone());
            }
            return Ok(());
        }
        self.skip_whitespace();
        if self.peek() != Some(b'{') {
            return self.skip();
        }
        self.nested(|reader| reader.pick(&below, found))
    }

    /// At the opening `"`: reads the string into `out`, or only checks it without one.
    fn string(&mut self, mut out: Option<&mut String>) -> Result<(), ParseError> {
        self.pos += 1;
        loop {
            // Copy the run up to the next quote, escape or control character at once.
            let end = plain_run_end(self.bytes, self.pos);
            if end == self.bytes.len() {
                self.pos = end;
                return Err(self.error("EOF while parsing a string"));
            }
            // The run ends at an ASCII byte, so it ends on a character boundary.
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.text[self.pos..end]);
            }
            self.pos = end;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'\\' => {
                    self.pos += 1;
                    let plain = self.escape()?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(plain);
                    }
                }
                _ => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(byte) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        self.pos += 1;
        let plain = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
                    unit => unit,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))?
            }
            _ => return Err(self.error("invalid escape")),
        };
        Ok(plain)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(byte) => (byte as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?,
            };
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let integer_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.error("EOF while parsing a value")),
            Some(_) => return Err(self.error("invalid number")),
        }
        let integer_end = self.pos;
        let mut fraction = (self.pos, self.pos);
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let fraction_start = self.pos;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
            fraction = (fraction_start, self.pos);
        }
        let mut exponent: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let minus = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let exponent_start = self.pos;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
            // Beyond any f64 either way; saturating keeps the arithmetic below safe.
            let magnitude = self.text[exponent_start..self.pos].parse::<i64>().unwrap_or(i64::MAX).min(100_000);
            exponent = if minus { -magnitude } else { magnitude };
        }
        let integer = &self.text[integer_start..integer_end];
        let is_integer = fraction.0 == fraction.1 && self.pos == fraction.1 && exponent == 0;
        if is_integer && !(negative && integer == "0") {
            let whole = &self.text[start..self.pos];
            let number = if negative {
                whole.parse::<i64>().ok().map(Number::from)
            } else {
                whole.parse::<u64>().ok().map(Number::from)
            };
            if let Some(number) = number {
                return Ok(Value::Number(number));
            }
        }
        let value = decimal(integer, &self.text[fraction.0..fraction.1], exponent);
        let value = if negative { -value } else { value };
        match Number::from_f64(value) {
            Some(number) => Ok(Value::Number(number)),
            None => Err(self.error("number out of range")),
        }
    }
}

/// The rest of a dotted `path` that goes through member `key`: `b.c` of `a.b.c` for `a`.
fn below_key<'p>(path: &'p str, key: &str) -> Option<&'p str> {
    path.strip_prefix(key)?.strip_prefix('.')
}

/// Where the run of plain string bytes starting at `from` ends: at a quote, a backslash or
/// a control byte, or at the end. Strings are most of a page of messages, so this looks at
/// eight bytes at a time and only then byte by byte.
fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `word` is zero: the classic test, exact for the first such byte.
    let zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGH;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]);
        let quote = zero_byte(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(word ^ (ONES * u64::from(b'\\')));
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        if quote | backslash | control != 0 {
            break;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// `integer.fraction × 10^exponent` as the nearest f64 where the decimal has at most 19
/// significant digits and the power of ten is within 10^±22 (prices, counts, dates),
/// and within a few units in the last place beyond. No float parser is linked for it.
fn decimal(integer: &str, fraction: &str, exponent: i64) -> f64 {
    let mut significand: u64 = 0;
    let mut scale = exponent;
    for byte in integer.bytes().chain(fraction.bytes()) {
        if significand < 1_000_000_000_000_000_000 {
            significand = significand * 10 + u64::from(byte - b'0');
        } else {
            // Digits beyond nineteen only move the decimal point.
            scale += 1;
        }
    }
    scale -= fraction.len() as i64;
    let mut value = significand as f64;
    // Exact powers of ten up to 10^22, applied as few times as possible.
    let mut remaining = scale.unsigned_abs();
    while remaining > 0 && value != 0.0 && value.is_finite() {
        let step = remaining.min(22);
        let power = (0..step).fold(1.0_f64, |power, _| power * 10.0);
        value = if scale < 0 { value / power } else { value * power };
        remaining -= step;
    }
    value
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
