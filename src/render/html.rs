//! A markup writer that cannot be made to write untrusted markup: tag and attribute names
//! are `&'static str` (chosen in this crate's source), and every value, text or
//! attribute, is escaped.

#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Self {
        Html::default()
    }

    /// `<tag name="value"…>`; an attribute whose value is `None` is left out.
    pub fn open(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attributes {
            if let Some(value) = value {
                self.out.push(' ');
                self.out.push_str(name);
                self.out.push_str("=\"");
                escape_into(&mut self.out, value);
                self.out.push('"');
            }
        }
        self.out.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// `<tag …>text</tag>`.
    pub fn element(&mut self, tag: &'static str, attributes: &[(&'static str, Option<&str>)], text: &str) -> &mut Self {
        self.open(tag, attributes).text(text).close(tag)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Escapes for both text and double- or single-quoted attribute values.
fn escape_into(out: &mut String, text: &str) {
    crate::escape::escape_into(out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut html = Html::new();
        html.open(
            "a",
            &[
                ("href", Some("https://x.example/?a=1&b=\"2\"")),
                ("title", None),
                ("data-x", Some("' onmouseover='alert(1)")),
            ],
        )
        .text("<script>alert('x')</script> & more")
        .close("a");
        assert_eq!(
            html.finish(),
            "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\" data-x=\"&#39; onmouseover=&#39;alert(1)\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</a>"
        );
    }

    #[test]
    fn element_is_open_text_close() {
        let mut html = Html::new();
        html.element("span", &[("class", Some("ksw-sender"))], "Seán O'Neil");
        assert_eq!(html.finish(), "<span class=\"ksw-sender\">Seán O&#39;Neil</span>");
    }
}
