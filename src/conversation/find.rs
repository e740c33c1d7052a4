//! Find in a conversation: what each message holds for a search (its subject, its text
//! with the quoted history, its attachments' names), folded so that case and accents do
//! not matter, and where a query matches, in order.
//!
//! Folding is the browser's (`String.prototype.normalize` and `toLowerCase`, see
//! `browser::fold`): it knows every script, and its tables cost the module nothing. The
//! functions here take it as an argument, so that they are tested natively.

use crate::content::email::quote_start;
use crate::content::plain::{email_text, SEPARATOR};
use crate::content::text::split_quoted;
use crate::kustomer::message::{Body, Message, Sender};

/// Folds text for matching: one call for many characters.
pub type Fold<'a> = &'a dyn Fn(&str) -> String;

/// What one message holds for a search, folded.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    channel: String,
    sender: String,
    /// Subject, text, quoted history and attachment names, in the order the view shows
    /// them, each after a [`PART`].
    text: String,
}

/// Stands before each part of a message's searchable text. Like [`SEPARATOR`] (which
/// parts an email's elements), no query holds it, so no match spans two parts.
pub const PART: char = '\u{2}';

/// The part of a message a match is in, in the order the view shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Subject,
    Text,
    Quoted,
    Attachments,
}

impl Entry {
    pub fn new(message: &Message, fold: Fold) -> Entry {
        let mut text = fold(&searchable(message));
        text.shrink_to_fit();
        Entry {
            id: message.id.clone(),
            channel: message.channel.slug().to_string(),
            sender: sender_key(&message.sender),
            text,
        }
    }

    fn admits(&self, query: &Query) -> bool {
        query.channel.as_ref().is_none_or(|channel| *channel == self.channel)
            && query.sender.as_ref().is_none_or(|sender| *sender == self.sender)
    }

    /// The part each match of `text` is in, in order.
    fn parts(&self, text: &str) -> Vec<Part> {
        const PARTS: [Part; 4] = [Part::Subject, Part::Text, Part::Quoted, Part::Attachments];
        let mut found = Vec::new();
        for (index, run) in self.text.split(PART).skip(1).enumerate() {
            let part = PARTS[index.min(3)];
            found.extend(run.matches(text).map(|_| part));
        }
        found
    }

    fn count(&self, text: &str) -> usize {
        self.text.matches(text).count()
    }
}

/// The key a message's sender is filtered by: `customer`, `automated`, or `agent:<id>`.
pub fn sender_key(sender: &Sender) -> String {
    match sender {
        Sender::Customer => "customer".into(),
        Sender::Automated => "automated".into(),
        Sender::Agent(id) => format!("agent:{id}"),
        Sender::UnknownAgent => "agent:".into(),
    }
}

/// The text of a message a search looks in, unfolded: subject, text, quoted history and
/// attachment names, each after a [`PART`], in the order the view shows them. Email text
/// is the text its frame shows.
pub fn searchable(message: &Message) -> String {
    let clean = |text: &str| text.replace([SEPARATOR, PART], " ");
    let mut out = String::new();
    let mut push = |text: &str| {
        out.push(PART);
        out.push_str(text);
    };
    push(&clean(message.shown_subject().unwrap_or_default()));
    let (main, quoted) = match (&message.body, message.redacted) {
        (_, true) | (Body::Empty, _) => (String::new(), String::new()),
        (Body::Html(html), _) => match quote_start(html) {
            Some(start) => (email_text(&html[..start]), email_text(&html[start..])),
            None => (email_text(html), String::new()),
        },
        (Body::Text(text) | Body::Excerpt(text), _) => {
            let (main, quoted) = split_quoted(text);
            (main, quoted.unwrap_or_default())
        }
    };
    // Email text keeps its separators: they stand where its elements part.
    push(&main.replace(PART, " "));
    push(&quoted.replace(PART, " "));
    for attachment in &message.attachments {
        push(&clean(&attachment.name));
    }
    out
}

/// What the agent looks for: folded text (empty for none), a channel (its slug), a sender
/// (see [`sender_key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub channel: Option<String>,
    pub sender: Option<String>,
}

impl Query {
    /// Something to look for: text, or a filter.
    pub fn is_active(&self) -> bool {
        !self.text.is_empty() || self.channel.is_some() || self.sender.is_some()
    }
}

/// The matches of a query: per message (by index in the thread, oldest first), how many.
/// With filters alone, each message that passes them is one match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    per_message: Vec<(usize, usize)>,
    pub total: usize,
}

/// One match: its message, its number among the marks of that message, and its part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub message: usize,
    pub nth: usize,
    pub part: Part,
}

/// Every match of `query` among `entries`.
pub fn search(entries: &[Entry], query: &Query) -> Found {
    let mut found = Found::default();
    if !query.is_active() {
        return found;
    }
    for (index, entry) in entries.iter().enumerate() {
        if !entry.admits(query) {
            continue;
        }
        let count = if query.text.is_empty() { 1 } else { entry.count(&query.text) };
        if count > 0 {
            found.per_message.push((index, count));
            found.total += count;
        }
    }
    found
}

impl Found {
    /// Match `ordinal` (0 is the newest: the last in the newest message that matches, as
    /// the view opens at the newest messages and the agent reads back).
    pub fn spot(&self, entries: &[Entry], query: &Query, ordinal: usize) -> Option<Spot> {
        let mut remaining = ordinal;
        for (message, count) in self.per_message.iter().rev() {
            if remaining < *count {
                let nth = count - 1 - remaining;
                let part = if query.text.is_empty() {
                    Part::Text
                } else {
                    *entries.get(*message)?.parts(&query.text).get(nth)?
                };
                return Some(Spot { message: *message, nth, part });
            }
            remaining -= count;
        }
        None
    }

    /// The matches in message `index`, and whether any is in its quoted history.
    pub fn in_message(&self, entries: &[Entry], query: &Query, index: usize) -> (usize, bool) {
        let count = self.per_message.iter().find(|(message, _)| *message == index).map_or(0, |(_, count)| *count);
        let quoted = count > 0
            && !query.text.is_empty()
            && entries.get(index).is_some_and(|entry| entry.parts(&query.text).contains(&Part::Quoted));
        (count, quoted)
    }

    /// The ordinal of the newest match at or before message `index` (oldest first), for
    /// a query that changed while the agent looked at that message.
    pub fn nearest(&self, index: usize) -> usize {
        let mut ordinal = 0;
        for (message, count) in self.per_message.iter().rev() {
            if *message <= index {
                return ordinal;
            }
            ordinal += count;
        }
        0
    }
}

/// Where `query` (folded) occurs in `text`, as ranges of UTF-16 units (a DOM text node's
/// offsets). `folded_chars` is the folding of each of `text`'s characters, in order,
/// joined by NUL: matches are found in the folded text and mapped back to the characters
/// they came from, whatever folding did to the length.
pub fn marks(text: &str, folded_chars: &str, query: &str) -> Vec<(u32, u32)> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(folded_chars.len());
    // For each character: where its folding starts in `folded`, and its own UTF-16 offset.
    let mut starts: Vec<(usize, u32)> = Vec::with_capacity(text.len());
    let mut utf16 = 0u32;
    for (c, piece) in text.chars().zip(folded_chars.split('\0')) {
        starts.push((folded.len(), utf16));
        folded.push_str(piece);
        utf16 += c.len_utf16() as u32;
    }
    let end = (folded.len(), utf16);
    // The character whose folding holds byte `at` (the last that starts at or before it).
    let char_at = |at: usize| starts.partition_point(|(start, _)| *start <= at).saturating_sub(1);
    folded
        .match_indices(query)
        .map(|(at, found)| {
            let first = starts[char_at(at)].1;
            let mut next = char_at(at + found.len() - 1) + 1;
            // Marks that folded to nothing (accents) stay with their letter.
            while next < starts.len() && starts.get(next + 1).map_or(end.0, |s| s.0) == starts[next].0 {
                next += 1;
            }
            let after = starts.get(next).copied().unwrap_or(end).1;
            (first, after)
        })
        .collect()
}

#[cfg(test)]
#[path = "find_tests.rs"]
mod tests;
