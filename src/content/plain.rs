//! The text an email shows, for finding words in it: what its frame's document displays,
//! with the text of each element apart from the next. Nothing here produces markup.

/// Stands between runs of text that markup separates. A match never spans it: the view
/// marks matches within one text node of the document, so the search must not find what
/// the marks cannot show.
pub const SEPARATOR: char = '\u{1}';

/// Elements whose content is not shown as text.
const HIDDEN: [&str; 5] = ["head", "style", "script", "title", "template"];

/// The text of an email's HTML: tags dropped (each leaves a [`SEPARATOR`]), the content of
/// `head`, `style`, `script`, `title` and `template` left out, comments dropped, character
/// references decoded.
pub fn email_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        decode_into(&mut out, &rest[..open]);
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |end| end + 1);
        let name: String =
            rest[1..end].chars().take_while(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
        rest = &rest[end..];
        if !out.ends_with(SEPARATOR) {
            out.push(SEPARATOR);
        }
        if HIDDEN.contains(&name.as_str()) {
            // Up to its end tag, whatever the case of its letters.
            let closing = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&closing).map_or("", |at| &rest[at..]);
        }
    }
    decode_into(&mut out, rest);
    out
}

/// Text with its character references decoded: numeric ones, and the named ones email
/// writers use. Others stay as written.
fn decode_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|at| at + 1).filter(|at| *at <= 10);
        let decoded = end.and_then(|end| reference(&rest[1..end]));
        match (end, decoded) {
            (Some(end), Some(c)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "rdquo" => '\u{201d}',
        "ldquo" => '\u{201c}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(html: &str) -> String {
        email_text(html).replace(SEPARATOR, "|")
    }

    #[test]
    fn tags_separate_the_text_and_hidden_elements_say_nothing() {
        assert_eq!(
            shown("<html><head><title>T</title><STYLE>p{color:red}</Style></head><body><p>Order <b>A-1</b></p><!-- note --><p>Thanks</p></body></html>"),
            "|Order |A-1|Thanks|"
        );
        assert_eq!(shown("<script>alert('x')</script>after"), "|after");
        assert_eq!(shown("plain"), "plain");
    }

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(
            shown("Tom&nbsp;&amp;&#32;Jerry&#x2019;s &lt;b&gt; &rsquo;"),
            "Tom\u{a0}& Jerry\u{2019}s <b> \u{2019}"
        );
        assert_eq!(shown("AT&T &unknown; &#xZZ; &"), "AT&T &unknown; &#xZZ; &");
    }

    #[test]
    fn unclosed_markup_ends_the_text_without_a_panic() {
        assert_eq!(shown("a<b"), "a|");
        assert_eq!(shown("a<!-- b"), "a");
        assert_eq!(shown("a<style>b"), "a|");
    }
}
