//! The stylesheet as shipped: comments dropped and whitespace cut to what CSS needs.
//! Used by `build.rs` (the widget embeds the result) and tested natively with the crate.
//! It relies on the stylesheet's own conventions: no `/*` or `*/` inside strings, and no
//! string whose spacing matters around `{ } ; , :` or runs of spaces.

pub fn minify(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        // A space is kept between two words only where neither side is punctuation that
        // ends or starts a rule, a declaration or a selector. A word that starts with `:`
        // keeps its space: `.a :hover` is not `.a:hover`.
        let glued_after = out.ends_with(['{', '}', ';', ',', ':', '>']);
        let glued_before = word.starts_with(['{', '}', ';', ',', '>']);
        if !out.is_empty() && !glued_after && !glued_before {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.replace(";}", "}")
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_spacing_go_and_meaningful_spaces_stay() {
        let css = "/* head */\n.a .b, .c > .d {\n  color: red;\n  margin: calc(100% - 2px) 0; /* why */\n}\n.e :focus-visible { font-family: \"Segoe UI\", Arial; }\n@media (prefers-reduced-motion: reduce) { .f { color: blue !important; } }\n";
        assert_eq!(
            minify(css),
            ".a .b,.c>.d{color:red;margin:calc(100% - 2px) 0}.e :focus-visible{font-family:\"Segoe UI\",Arial}@media (prefers-reduced-motion:reduce){.f{color:blue !important}}"
        );
    }

    #[test]
    fn the_widget_stylesheet_keeps_every_rule() {
        let css = include_str!("../ui/styles.css");
        let small = minify(css);
        assert!(small.len() < css.len() * 85 / 100, "{} -> {}", css.len(), small.len());
        // Every rule and block survives (the stylesheet's comments hold no braces).
        assert_eq!(small.matches('{').count(), css.matches('{').count());
        assert_eq!(small.matches('{').count(), small.matches('}').count());
        assert!(!small.contains("/*") && !small.contains("  ") && !small.contains('\n'));
    }
}
