//! Escaping names and types (`Vec<(String, usize)>`, `&str`, quotes) for each format, so
//! that any Rust type prints as written and never breaks the surrounding syntax.

/// Inside a DOT double-quoted string: backslashes and quotes are escaped; `<`, `>`, `{`,
/// `|` are plain text there (they only mean something in record and HTML labels, which
/// the DOT output does not use).
pub(crate) fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Inside a Mermaid quoted label (`["..."]`): Mermaid renders labels as HTML and reads
/// `#name;` as an entity, so quotes, markup characters, `#` and the characters Mermaid's
/// own syntax uses become entity codes.
pub(crate) fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// Inside SVG (XML) text and attribute values.
#[cfg_attr(not(feature = "viz"), allow(dead_code))]
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "Vec<(String, usize)> &str \"q\" a|b {c} #x \\";

    #[test]
    fn dot_keeps_types_readable_and_quotes_closed() {
        assert_eq!(
            dot(NASTY),
            "Vec<(String, usize)> &str \\\"q\\\" a|b {c} #x \\\\"
        );
    }

    #[test]
    fn mermaid_uses_entities_for_markup_and_syntax() {
        assert_eq!(
            mermaid(NASTY),
            "Vec#lt;(String, usize)#gt; #amp;str #quot;q#quot; a#124;b #123;c#125; #35;x \\"
        );
    }

    #[test]
    fn xml_escapes_markup() {
        assert_eq!(
            xml("Vec<&'a \"x\">"),
            "Vec&lt;&amp;&apos;a &quot;x&quot;&gt;"
        );
    }
}
