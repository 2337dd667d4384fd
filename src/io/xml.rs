//! XML in one place: escaping user text (SVG and GraphML), and parsing
//! the XML formats we import (GraphML, microtext arggraph) with located
//! errors.

/// What to do with characters XML 1.0 cannot hold (controls other than
/// tab and line breaks, U+FFFE, U+FFFF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forbidden {
    /// Leave them out (drawings: nothing to show for them).
    Drop,
    /// Put U+FFFD in their place (data: the reader sees something was there).
    Replace,
}

/// `text` safe inside XML character data and attribute values: markup
/// characters escaped, `\r` kept as `&#13;`, forbidden characters dropped
/// or replaced.
pub fn escape(text: &str, forbidden: Forbidden) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                if forbidden == Forbidden::Replace {
                    out.push('\u{FFFD}');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Parses `text` with roxmltree (DTDs allowed, as yEd and microtext files
/// carry them), after checking it is at most `limit` bytes.
///
/// # Errors
/// [`LoadErrorKind::TooLarge`] over the limit; [`LoadErrorKind::Syntax`]
/// with line and column for text that is not well-formed XML.
pub(crate) fn parse(text: &str, limit: usize) -> Result<roxmltree::Document<'_>, super::LoadError> {
    use super::{LoadError, LoadErrorKind};
    if text.len() > limit {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: limit as u64,
        }));
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        let mut err = LoadError::new(LoadErrorKind::Syntax(format!("not well-formed XML: {e}")));
        err.at.line = Some(pos.row as usize);
        err.at.column = Some(pos.col as usize);
        err
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters() {
        let s = "<a & 'b' \"c\">\r\u{0}\u{FFFF}";
        assert_eq!(
            escape(s, Forbidden::Drop),
            "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;&#13;"
        );
        assert_eq!(
            escape(s, Forbidden::Replace),
            "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;&#13;\u{FFFD}\u{FFFD}"
        );
    }
}
