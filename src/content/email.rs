//! Email HTML for a sandboxed `srcdoc` frame. The frame (no `allow-scripts`, no
//! `allow-forms`, no top navigation) stops script, forms and navigation of the page; the
//! policy written here stops remote images, styles and fonts until the reader asks, and
//! the frame's own document keeps the email's CSS away from the widget.

/// How much of an email to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendering {
    /// Load images, stylesheets and fonts from the network.
    pub remote_content: bool,
    /// Include the quoted history.
    pub quoted: bool,
}

/// The byte offset where quoted history starts, if the email has any after some content
/// of its own (see [`super::quote`]).
pub fn quote_start(html: &str) -> Option<usize> {
    super::quote::html_history_start(html)
}

/// The document for the frame's `srcdoc`.
pub fn frame_document(html: &str, rendering: Rendering) -> String {
    let body = match (rendering.quoted, quote_start(html)) {
        (false, Some(start)) => &html[..start],
        _ => html,
    };
    let policy = if rendering.remote_content {
        "default-src 'none'; img-src https: http: data: cid:; style-src 'unsafe-inline' https: http:; font-src https: http: data:; form-action 'none'; base-uri 'none'"
    } else {
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'"
    };
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\
         <base target=\"_blank\">\
         <style>html,body{{margin:0;padding:0;background:#fff}}body{{font:13px/1.45 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#181818;overflow-wrap:anywhere}}img{{max-width:100%;height:auto}}blockquote{{margin:0 0 0 .5em;padding-left:.75em;border-left:2px solid #ccc;color:#555}}mark.ksw-mark{{background:#fde68a;color:inherit}}mark.ksw-current{{background:#f59e0b;outline:2px solid #0b5cab}}</style>\
         </head><body dir=\"auto\">{}</body></html>",
        neutralize(body)
    )
}

/// True when the HTML refers to something on the network that the policy holds back,
/// so the "Show remote content" control is worth offering.
pub fn has_remote_content(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["src=\"http", "src='http", "src=http", "url(http", "url('http", "url(\"http", "href=\"http", "@import", "srcset="]
        .iter()
        .any(|needle| lower.contains(needle) && (*needle != "href=\"http" || lower.contains("<link")))
}

/// Disables what the frame's sandbox and policy do not cover: `<meta http-equiv>` (a
/// refresh would navigate the frame; another policy could not loosen ours, but nothing
/// in an email needs one) and a `<base>` that would redirect its relative links.
fn neutralize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut idx = 0;
    while idx < html.len() {
        let rest = &lower[idx..];
        let replacement = if rest.starts_with("http-equiv") {
            Some(("http-equiv", "data-blocked-http-equiv"))
        } else if rest.starts_with("<base")
            && rest[5..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
        {
            Some(("<base", "<blocked-base"))
        } else {
            None
        };
        match replacement {
            Some((original, blocked)) => {
                out.push_str(blocked);
                idx += original.len();
            }
            None => {
                let ch = html[idx..].chars().next().unwrap_or(' ');
                out.push(ch);
                idx += ch.len_utf8();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPLY: &str = "<p>Thanks!</p><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon Sam wrote:</div><blockquote>old</blockquote></div>";

    #[test]
    fn quoted_history_is_found_after_own_content() {
        assert_eq!(quote_start(REPLY), Some(14));
        assert_eq!(quote_start("<p>Hi</p><blockquote type=\"cite\">x</blockquote>"), Some(9));
        assert_eq!(quote_start("<p>No quote</p>"), None);
        assert_eq!(quote_start("<div>&nbsp;</div><blockquote>forwarded</blockquote>"), None, "nothing of its own");
    }

    #[test]
    fn the_frame_shows_the_new_part_unless_asked_for_the_quote() {
        let short = frame_document(REPLY, Rendering { remote_content: false, quoted: false });
        assert!(short.contains("<p>Thanks!</p>") && !short.contains("old"));
        let full = frame_document(REPLY, Rendering { remote_content: false, quoted: true });
        assert!(full.contains("<blockquote>old</blockquote>"));
    }

    #[test]
    fn the_policy_blocks_remote_content_until_asked() {
        let blocked =
            frame_document("<img src=\"https://t.example/p.gif\">", Rendering { remote_content: false, quoted: true });
        assert!(blocked.contains("img-src data:;"));
        assert!(blocked.contains("default-src 'none'") && blocked.contains("form-action 'none'"));
        let allowed =
            frame_document("<img src=\"https://t.example/p.gif\">", Rendering { remote_content: true, quoted: true });
        assert!(allowed.contains("img-src https: http: data: cid:"));
        assert!(allowed.contains("default-src 'none'"), "scripts stay forbidden either way");
        // The policy comes first, so nothing in the email precedes it.
        assert!(blocked.find("Content-Security-Policy").unwrap() < blocked.find("<body").unwrap());
    }

    #[test]
    fn meta_refresh_and_base_are_neutralized() {
        let html = "<META HTTP-EQUIV=\"refresh\" content=\"0;url=https://evil.example\"><base href=\"https://evil.example/\"><basefont><p>x</p>";
        let document = frame_document(html, Rendering { remote_content: true, quoted: true });
        let body = &document[document.find("<body").unwrap()..];
        let lower = body.to_ascii_lowercase();
        assert_eq!(lower.matches("http-equiv").count(), lower.matches("data-blocked-http-equiv").count());
        assert!(body.contains("data-blocked-http-equiv=\"refresh\""));
        assert!(body.contains("<blocked-base href"));
        assert!(body.contains("<basefont>"), "only <base> itself is touched");
    }

    #[test]
    fn remote_content_is_detected() {
        assert!(has_remote_content("<img src=\"https://t.example/p.gif\">"));
        assert!(has_remote_content("<div style=\"background:url(https://x.example/a.png)\">"));
        assert!(has_remote_content("<link rel=\"stylesheet\" href=\"https://x.example/a.css\">"));
        assert!(!has_remote_content("<p><a href=\"https://x.example\">a link is not remote content</a></p>"));
        assert!(!has_remote_content("<img src=\"data:image/png;base64,AAAA\">"));
    }
}
