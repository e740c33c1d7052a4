//! Plain text: links found, quoted history set apart. Nothing here produces markup; the
//! view renders each piece as a text node or a link.

/// A run of text, or a link with the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Link { href: String, label: String },
}

/// Splits text into plain runs and `http(s)://` / `mailto:` links. Bare `www.` and
/// addresses without `mailto:` stay text: guessing links makes wrong ones.
pub fn linkify(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut plain_start = 0;
    let mut idx = 0;
    let lower = text.to_ascii_lowercase();
    // Only where an `h` or an `m` stands can a scheme start: the text between is passed
    // over in one search rather than looked at character by character.
    while let Some(offset) = lower[idx..].find(['h', 'm']) {
        idx += offset;
        let rest = &lower[idx..];
        // Any non-ASCII letter counts as part of a word, which spares the Unicode tables.
        let at_boundary = idx == 0 || !text[..idx].ends_with(|c: char| c.is_ascii_alphanumeric() || !c.is_ascii());
        let scheme = ["https://", "http://", "mailto:"].into_iter().find(|scheme| rest.starts_with(scheme));
        if let (true, Some(scheme)) = (at_boundary, scheme) {
            let end = link_end(text, idx);
            if end > idx + scheme.len() {
                if plain_start < idx {
                    pieces.push(Piece::Text(text[plain_start..idx].to_string()));
                }
                let href = &text[idx..end];
                pieces.push(Piece::Link { href: href.to_string(), label: href.to_string() });
                idx = end;
                plain_start = end;
                continue;
            }
        }
        // `h` and `m` are one byte long.
        idx += 1;
    }
    if plain_start < text.len() {
        pieces.push(Piece::Text(text[plain_start..].to_string()));
    }
    pieces
}

/// Where a link starting at `start` ends: at whitespace or a character that cannot be
/// in a URL, minus trailing punctuation that belongs to the sentence.
fn link_end(text: &str, start: usize) -> usize {
    let candidate = text[start..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
        .map_or(text.len(), |(offset, _)| start + offset);
    let mut end = candidate;
    loop {
        let link = &text[start..end];
        let Some(last) = link.chars().last() else { return end };
        let unbalanced_paren = last == ')' && link.matches('(').count() < link.matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | ']' | '}') || unbalanced_paren {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

/// The new part of a text reply and the quoted history under it, if any (see
/// [`super::quote`]).
pub fn split_quoted(text: &str) -> (String, Option<String>) {
    super::quote::split_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(href: &str) -> Piece {
        Piece::Link { href: href.into(), label: href.into() }
    }

    fn text(text: &str) -> Piece {
        Piece::Text(text.into())
    }

    #[test]
    fn links_are_found_and_sentence_punctuation_left_out() {
        assert_eq!(
            linkify("See https://northwind.example/billing. Or mail mailto:ap@brightline.io, thanks"),
            vec![
                text("See "),
                link("https://northwind.example/billing"),
                text(". Or mail "),
                link("mailto:ap@brightline.io"),
                text(", thanks")
            ]
        );
        assert_eq!(
            linkify("(https://en.wikipedia.org/wiki/Rust_(language))"),
            vec![text("("), link("https://en.wikipedia.org/wiki/Rust_(language)"), text(")")]
        );
        assert_eq!(linkify("HTTP://X.EXAMPLE/a?b=1&c=2#d"), vec![link("HTTP://X.EXAMPLE/a?b=1&c=2#d")]);
    }

    #[test]
    fn nothing_else_becomes_a_link() {
        for input in [
            "javascript:alert(1)",
            "www.example.com",
            "jane@example.com",
            "ftp://x.example",
            "https://",
            "xhttps://x.example",
            "data:text/html,<b>",
        ] {
            assert_eq!(linkify(input), vec![text(input)], "{input}");
        }
        assert_eq!(linkify(""), Vec::<Piece>::new());
    }

    #[test]
    fn markup_in_text_stays_text() {
        let input = "<b>bold</b> <script>alert(1)</script> https://x.example/<img>";
        let pieces = linkify(input);
        assert_eq!(
            pieces,
            vec![text("<b>bold</b> <script>alert(1)</script> "), link("https://x.example/"), text("<img>")]
        );
    }

    #[test]
    fn quoted_history_is_split_off_with_its_attribution() {
        let reply = "Thanks, that works!\n\nOn Mon, Nov 16, 2026 at 9:02 AM Sam wrote:\n> Try restarting.\n> Sam";
        assert_eq!(
            split_quoted(reply),
            (
                "Thanks, that works!".to_string(),
                Some("On Mon, Nov 16, 2026 at 9:02 AM Sam wrote:\n> Try restarting.\n> Sam".to_string())
            )
        );
        assert_eq!(split_quoted("No quote here.\nTwo lines."), ("No quote here.\nTwo lines.".to_string(), None));
        assert_eq!(
            split_quoted("> only a quote"),
            ("> only a quote".to_string(), None),
            "all-quote text is kept whole"
        );
    }

    #[test]
    fn non_ascii_text_is_walked_safely() {
        assert_eq!(
            linkify("Danke 🙏 https://x.example/ü — é"),
            vec![text("Danke 🙏 "), link("https://x.example/ü"), text(" — é")]
        );
    }

    /// Where links start, found the slow way: at every character, the scheme test that
    /// `linkify` makes only where an `h` or an `m` stands.
    fn link_starts_one_by_one(text: &str) -> Vec<usize> {
        let lower = text.to_ascii_lowercase();
        let mut starts = Vec::new();
        let mut idx = 0;
        while idx < text.len() {
            let at_boundary = idx == 0 || !text[..idx].ends_with(|c: char| c.is_ascii_alphanumeric() || !c.is_ascii());
            let scheme = ["https://", "http://", "mailto:"].into_iter().find(|s| lower[idx..].starts_with(s));
            if let (true, Some(scheme)) = (at_boundary, scheme) {
                let end = link_end(text, idx);
                if end > idx + scheme.len() {
                    starts.push(idx);
                    idx = end;
                    continue;
                }
            }
            idx += text[idx..].chars().next().map_or(1, char::len_utf8);
        }
        starts
    }

    proptest::proptest! {
        #[test]
        fn links_start_where_a_character_by_character_scan_finds_them(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["https://", "http://", "mailto:", "HTTPS://", "h", "m", "ht", "x", "é", " ", ".", "<", "1", "a.b"]),
                0..16,
            )
        ) {
            let text = parts.concat();
            let mut at = 0;
            let mut starts = Vec::new();
            for piece in linkify(&text) {
                let length = match piece {
                    Piece::Text(text) => text.len(),
                    Piece::Link { label, .. } => {
                        starts.push(at);
                        label.len()
                    }
                };
                at += length;
            }
            proptest::prop_assert_eq!(starts, link_starts_one_by_one(&text), "{}", text);
        }
    }
}
