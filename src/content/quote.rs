//! Where the quoted history of a reply starts, in the HTML and plain text that common
//! mail clients write, so that a thread shows each message's new part with the history
//! one click away.
//!
//! Each client marks the history its own way, and each way is one rule below. Two rules
//! keep the new text safe: the cut must leave text of the message's own before it (a
//! forward with nothing added stays whole), and a history that is an element (a quote
//! block) must run to the end of the message, so that a reply written below the quote
//! stays whole. A `<blockquote>` counts only with a client's mark or an attribution line
//! ("On … wrote:") before it, so that a message quoting something of its own keeps it,
//! and a horizontal rule alone (a signature's) is never a separator.

/// Words that end an attribution line ("On Monday, Jane wrote:"), in the languages of
/// the mail agents receive most.
const WROTE: [&str; 18] = [
    "wrote",
    "schrieb",
    "a écrit",
    "escribió",
    "ha scritto",
    "schreef",
    "escreveu",
    "napisał",
    "написал",
    "написала",
    "пишет",
    "skrev",
    "kirjoitti",
    "yazdı",
    "写道",
    "寫道",
    "が書きました",
    "작성",
];

/// Header labels that open a quoted message's header block ("From: … Sent: …"), as
/// they are matched after ASCII lower-casing (other scripts keep their capitals).
const FROM: [&str; 9] = ["from:", "von:", "de :", "de:", "da:", "van:", "od:", "от:", "От:"];
const SENT: [&str; 14] = [
    "sent:",
    "date:",
    "gesendet:",
    "datum:",
    "envoyé :",
    "envoyé:",
    "enviado:",
    "fecha:",
    "inviato:",
    "verzonden:",
    "отправлено:",
    "Отправлено:",
    "дата:",
    "Дата:",
];

/// Separator lines some clients write above the quoted message.
const ORIGINAL: [&str; 7] = [
    "-----original message-----",
    "-----ursprüngliche nachricht-----",
    "-----message d'origine-----",
    "-----mensaje original-----",
    "-----messaggio originale-----",
    "-----исходное сообщение-----",
    "-----Исходное сообщение-----",
];

/// Marks that start history running to the end of the message: Outlook on the web
/// (`appendonsend`, `divRplyFwdMsg`), Outlook.com and Hotmail (`stopSpelling`), Outlook
/// 2003 (`OutlookMessageHeader`), the new Outlook (`mail-editor-reference-message-container`).
const TO_END_MARKS: [&str; 5] = [
    "appendonsend",
    "divrplyfwdmsg",
    "stopspelling",
    "outlookmessageheader",
    "mail-editor-reference-message-container",
];

/// Marks on an element that is the history: Gmail, Yahoo, Thunderbird's prefix.
const CONTAINER_MARKS: [&str; 3] = ["gmail_quote", "yahoo_quoted", "moz-cite-prefix"];

/// The byte offset where the HTML's quoted history starts, if it has any after text of
/// its own.
pub fn html_history_start(html: &str) -> Option<usize> {
    // ASCII lower-casing keeps byte offsets; the non-ASCII words are matched as written.
    let lower = html.to_ascii_lowercase();
    let mut starts: Vec<usize> = Vec::new();
    for mark in TO_END_MARKS {
        for at in attribute_hits(&lower, mark) {
            starts.push(extend_back(&lower, tag_start(&lower, at)));
        }
    }
    starts.extend(header_blocks(&lower));
    starts.extend(bordered_headers(&lower));
    for mark in ORIGINAL {
        if let Some(at) = lower.find(mark) {
            starts.push(extend_back(&lower, block_start(&lower, at)));
        }
    }
    for mark in CONTAINER_MARKS {
        for at in attribute_hits(&lower, mark) {
            let start = tag_start(&lower, at);
            if container_ends_message(&lower, start) {
                starts.push(start);
            }
        }
    }
    for start in blockquotes(&lower) {
        starts.push(start);
    }
    starts.into_iter().filter(|start| has_own_text(&html[..*start])).min()
}

/// Offsets of `mark` inside an attribute value (`id="x"`, `class="a x"`, unquoted too),
/// not in the text.
fn attribute_hits<'a>(lower: &'a str, mark: &'a str) -> impl Iterator<Item = usize> + 'a {
    lower.match_indices(mark).map(|(at, _)| at).filter(move |at| inside_tag(lower, *at))
}

fn inside_tag(lower: &str, at: usize) -> bool {
    let before = &lower[..at];
    matches!((before.rfind('<'), before.rfind('>')), (Some(open), close) if close.is_none_or(|close| close < open))
}

/// The `<` of the tag that holds `at`.
fn tag_start(lower: &str, at: usize) -> usize {
    lower[..at].rfind('<').unwrap_or(at)
}

/// The start of the block element around a text position: the nearest `<div`, `<p`,
/// `<hr` or `<br` before it.
fn block_start(lower: &str, at: usize) -> usize {
    ["<div", "<p ", "<p>", "<hr", "<br", "<span"].iter().filter_map(|tag| lower[..at].rfind(tag)).max().unwrap_or(at)
}

/// Moves a start back over the opening tags (and `<hr>`) right before it, so that the
/// element framing the history (Outlook's bordered header, its rule) goes with it.
fn extend_back(lower: &str, mut start: usize) -> usize {
    loop {
        let before = lower[..start].trim_end();
        if !before.ends_with('>') {
            return start;
        }
        let Some(open) = before.rfind('<') else { return start };
        let tag = &before[open..];
        let opening = !tag.starts_with("</") && !tag.starts_with("<!") && !tag.ends_with("/>");
        let framing = ["<div", "<hr", "<table", "<tr", "<td", "<span", "<font", "<p ", "<p>", "<b>", "<b ", "<strong"]
            .iter()
            .any(|t| tag.starts_with(t));
        if opening && framing {
            start = open;
        } else {
            return start;
        }
    }
}

/// Outlook for Windows, Windows Mail and other Word-based clients: a block whose text
/// begins "From: … Sent: …", usually bold labels in a top-bordered `<div>`.
fn header_blocks(lower: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for label in FROM {
        for (at, _) in lower.match_indices(label) {
            if inside_tag(lower, at) {
                continue;
            }
            // The label starts its block: only tags and spaces between the block and it.
            let block = block_start(lower, at);
            if !text_of(&lower[block..at]).trim().is_empty() {
                continue;
            }
            let window = text_of(clip(lower, at, 1200));
            let near = clip(&window, 0, 400);
            if SENT.iter().any(|sent| near.contains(sent)) {
                starts.push(extend_back(lower, block));
            }
        }
    }
    starts
}

/// Windows Mail (Windows 8.1) and the Outlook family: a container ruled only along its
/// top (`border-top-style: solid`, or `border:none;border-top:solid …`) whose first lines
/// are a header block (From / Sent / To / Subject, in whatever language the client
/// writes them), with the quoted message after it. Recognised by that shape rather than
/// by the labels' words or the rule's colour, which vary by client and language; a rule
/// with no header under it (a signature's, a footer's) is no history.
fn bordered_headers(lower: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for (at, _) in lower.match_indices("<div") {
        let Some(tag_end) = lower[at..].find('>').map(|end| at + end) else { break };
        if !ruled_on_top_only(&lower[at..tag_end]) {
            continue;
        }
        let lines = first_lines(clip(lower, tag_end + 1, 1500), 4);
        let labelled = lines.iter().filter(|line| is_header_line(line)).count();
        let opens_with_header = lines.first().is_some_and(|line| is_header_line(line));
        // The quoted message follows the header's container: text after it.
        if opens_with_header && labelled >= 3 && !container_ends_message(lower, at) {
            starts.push(extend_back(lower, at));
        }
    }
    starts
}

/// Whether a tag's inline style draws a solid rule along its top and no other side.
fn ruled_on_top_only(tag: &str) -> bool {
    let Some(style) = tag.find("style=").map(|at| &tag[at..]) else { return false };
    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    let top = style.contains("border-top-style:solid") || style.contains("border-top:solid");
    let other_sides = [
        "border-left",
        "border-right",
        "border-bottom",
        "border-style:solid",
        "border:solid",
        "border:1",
        "border:thin",
    ]
    .iter()
    .any(|side| style.contains(side));
    top && !other_sides
}

/// The first `count` non-empty lines of text in some HTML, a line ending at a break or
/// at a block's edge.
fn first_lines(html: &str, count: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut rest = html;
    while lines.len() < count && !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            line.push_str(rest);
            break;
        };
        line.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |end| open + end + 1);
        let tag = &rest[open..close];
        if ["<br", "<div", "</div", "<p", "</p", "<tr", "</tr"].iter().any(|edge| tag.starts_with(edge)) {
            let text = text_of(&line);
            if text.chars().any(is_word_char) {
                lines.push(text.trim().to_string());
            }
            line.clear();
        }
        rest = &rest[close..];
    }
    let text = text_of(&line);
    if lines.len() < count && text.chars().any(is_word_char) {
        lines.push(text.trim().to_string());
    }
    lines
}

/// A header line: a short label of one to three words, a colon (ASCII or full-width),
/// then a value, as in "From: Acme Support" or "差出人: Acme".
fn is_header_line(line: &str) -> bool {
    let Some((label, value)) = line.split_once([':', '\u{ff1a}']) else { return false };
    let label = label.trim();
    let words = label.split_whitespace().count();
    (1..=3).contains(&words)
        && label.chars().count() <= 24
        && label.chars().all(|c| is_word_char(c) || c == ' ' || c == '-')
        && value.chars().any(is_word_char)
}

/// At most `max` bytes of `text` from `at`, ending on a character boundary.
fn clip(text: &str, at: usize, max: usize) -> &str {
    let mut end = (at + max).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at..end]
}

/// `<blockquote>`s that are history: marked `type="cite"` or introduced by an
/// attribution line, and ending the message.
fn blockquotes(lower: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for (at, _) in lower.match_indices("<blockquote") {
        if !container_ends_message(lower, at) {
            continue;
        }
        let tag_end = lower[at..].find('>').map_or(lower.len(), |end| at + end);
        let cite = lower[at..tag_end].contains("type=\"cite\"") || lower[at..tag_end].contains("type=cite");
        match attribution_before(lower, at) {
            Some(line_start) => starts.push(line_start),
            None if cite || attribution_inside(lower, tag_end) => starts.push(extend_back(lower, at)),
            None => {}
        }
    }
    starts
}

/// The start of an attribution line ("On … wrote:", "25.11.2026, 10:00, Jane
/// <jane@x.co>:") just before `at`, if there is one.
fn attribution_before(lower: &str, at: usize) -> Option<usize> {
    let mut start = at;
    // The attribution is in one of the few blocks just above the quote.
    for _ in 0..6 {
        start = block_start(lower, start);
        let text = text_of(&lower[start..at]);
        let text = text.trim();
        if is_attribution(text) {
            return Some(extend_back(lower, start));
        }
        if !text.is_empty() || start == 0 {
            return None;
        }
    }
    None
}

/// Whether the quote opens with its attribution line, as Mail.ru writes it.
fn attribution_inside(lower: &str, tag_end: usize) -> bool {
    let rest = clip(lower, (tag_end + 1).min(lower.len()), 600);
    let line_end = ["<br", "<div", "<p", "</"].iter().filter_map(|tag| rest.find(tag)).min().unwrap_or(rest.len());
    is_attribution(&text_of(&rest[..line_end]))
}

/// True when nothing of the message's own follows the element that starts at `start`.
fn container_ends_message(lower: &str, start: usize) -> bool {
    let Some(name_end) = lower[start + 1..].find(|c: char| !c.is_ascii_alphanumeric()).map(|end| start + 1 + end)
    else {
        return true;
    };
    let name = &lower[start + 1..name_end];
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut depth = 0usize;
    let mut idx = start;
    while idx < lower.len() {
        let rest = &lower[idx..];
        if rest.starts_with(&close) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let after = rest.find('>').map_or(lower.len(), |end| idx + end + 1);
                return !has_own_text(&lower[after..]);
            }
        } else if rest.starts_with(&open) && !rest[open.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            depth += 1;
        }
        idx += rest.chars().next().map_or(1, char::len_utf8);
    }
    // Never closed: it runs to the end.
    true
}

/// A line that introduces a quote: it ends with a colon and says who wrote (a word for
/// "wrote", or an email address).
pub fn is_attribution(line: &str) -> bool {
    let line = line.trim().to_ascii_lowercase();
    let Some(body) = line.strip_suffix(':') else { return false };
    line.len() < 400 && (WROTE.iter().any(|word| body.trim_end().ends_with(word)) || body.contains('@'))
}

/// The text of some HTML, roughly: tags dropped, the common entities decoded.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// A letter or digit in any script, roughly: ASCII letters and digits, and every
/// non-ASCII character but the no-break space. Exact Unicode classes would add their
/// tables to the module for no visible difference here.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c != '\u{a0}')
}

/// Whether some HTML says anything: letters or digits, not only spaces and markup.
fn has_own_text(html: &str) -> bool {
    text_of(html).chars().any(is_word_char)
}

/// The new part of a plain-text reply and the quoted history under it.
pub fn split_text(text: &str) -> (String, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = text_history_start(&lines) else { return (text.to_string(), None) };
    if !lines[..start].iter().any(|line| line.chars().any(is_word_char)) {
        return (text.to_string(), None);
    }
    let main = lines[..start].join("\n").trim_end().to_string();
    (main, Some(lines[start..].join("\n")))
}

/// The line where a plain-text reply's history starts: a separator, a "From: … Sent:"
/// header block, an attribution line, or a run of `>` lines that ends the message.
fn text_history_start(lines: &[&str]) -> Option<usize> {
    let is_rule = |line: &str| {
        let line = line.trim();
        line.len() >= 8 && line.chars().all(|c| c == '_' || c == '-')
    };
    for (idx, line) in lines.iter().enumerate() {
        let lower = line.trim().to_ascii_lowercase();
        if ORIGINAL.iter().any(|mark| lower.starts_with(mark)) {
            return Some(idx);
        }
        let header = FROM.iter().any(|from| lower.starts_with(from))
            && lines[idx + 1..].iter().take(5).any(|next| {
                let next = next.trim().to_ascii_lowercase();
                SENT.iter().any(|sent| next.starts_with(sent))
            });
        if header {
            let ruled = idx > 0 && is_rule(lines[idx - 1]);
            return Some(if ruled { idx - 1 } else { idx });
        }
        if is_attribution(line) && quote_run_ends(lines, idx + 1) {
            return Some(idx);
        }
        if lower.starts_with('>') && quote_run_ends(lines, idx) {
            return Some(idx);
        }
        if lower.starts_with('>') {
            // A quote followed by text of the message's own: bottom-posting, kept whole.
            return None;
        }
    }
    None
}

/// True when the lines from `from` are only `>` lines and blank ones, at least one quoted.
fn quote_run_ends(lines: &[&str], from: usize) -> bool {
    let rest = &lines[from.min(lines.len())..];
    rest.iter().all(|line| line.trim().is_empty() || line.trim_start().starts_with('>'))
        && rest.iter().any(|line| line.trim_start().starts_with('>'))
}

#[cfg(test)]
#[path = "quote_tests.rs"]
mod tests;
