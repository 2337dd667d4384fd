//! Kialo claim text: backslash escapes, Markdown links and footnote
//! markers, and the trailing `Sources:` section of the newer export layout.
//!
//! Kialo escapes Markdown punctuation with a backslash (`\(`, `\[`, `\*`,
//! `\_`); CommonMark §2.4 defines the same rule: a backslash before an ASCII
//! punctuation character stands for that character. Unescaped `[text](url)`
//! is a Markdown inline link (CommonMark §6.3); unescaped `[n]` is a footnote
//! marker referring to the entry `[n]` under `Sources:`.

use super::{Warning, warn};

/// A Markdown link found in a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Link {
    /// The link text, unescaped (it stays in the claim text).
    pub text: String,
    /// The link destination, unescaped.
    pub url: String,
}

/// A claim's text with its markup taken out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Marked {
    /// The text without escapes, links' brackets and footnote markers.
    pub text: String,
    /// The footnote numbers cited, in order of first appearance.
    pub footnotes: Vec<u32>,
    /// The Markdown links, in order.
    pub links: Vec<Link>,
    /// Markers `[n]` left in the text because no source `n` exists.
    pub unknown: Vec<u32>,
}

/// One entry of the `Sources:` section: `[n] url`, then an optional quote
/// in double quotes that may run over several lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Source {
    /// The footnote number `n`.
    pub number: u32,
    /// The first `http://` or `https://` word of the entry line, or empty.
    pub url: String,
    /// The rest of the entry line (a title or citation), or empty.
    pub citation: String,
    /// The quoted text without its outer quotes, or empty.
    pub quote: String,
    /// 1-based line of `[n]`.
    pub line: usize,
}

/// Removes Kialo's escapes: a backslash before ASCII punctuation is dropped.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// `[digits]` at the start of `s`: the number and the byte length.
fn footnote_at(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix('[')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 || rest.as_bytes().get(digits) != Some(&b']') {
        return None;
    }
    Some((rest[..digits].parse().ok()?, digits + 2))
}

/// `[text](url)` at the start of `s`: the link and the byte length.
fn link_at(s: &str) -> Option<(Link, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    // The link text: up to the first unescaped `]`.
    while i < bytes.len() && bytes[i] != b']' {
        if bytes[i] == b'[' {
            return None;
        }
        i += if bytes[i] == b'\\' { 2 } else { 1 };
    }
    let close = i;
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    // The destination: balanced parentheses, no white space.
    let mut depth = 0usize;
    let mut j = close + 2;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() => return None,
            _ => {}
        }
        j += 1;
    }
    if j >= bytes.len() || j == close + 2 {
        return None;
    }
    let link = Link {
        text: unescape(s.get(1..close)?),
        url: unescape(s.get(close + 2..j)?),
    };
    Some((link, j + 1))
}

/// Takes the markup out of a claim's raw text. A footnote marker `[n]` is
/// removed (with the white space before it) when `is_source(n)`; other
/// markers stay as written.
pub(super) fn mark(raw: &str, is_source: &dyn Fn(u32) -> bool) -> Marked {
    let mut marked = Marked::default();
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\\' {
            match rest[1..].chars().next() {
                Some(next) if next.is_ascii_punctuation() => {
                    marked.text.push(next);
                    i += 2;
                }
                _ => {
                    marked.text.push('\\');
                    i += 1;
                }
            }
            continue;
        }
        if c == '[' {
            if let Some((n, len)) = footnote_at(rest) {
                if is_source(n) {
                    let kept = marked.text.trim_end_matches([' ', '\t']).len();
                    marked.text.truncate(kept);
                    if !marked.footnotes.contains(&n) {
                        marked.footnotes.push(n);
                    }
                    i += len;
                    continue;
                }
                if !marked.unknown.contains(&n) {
                    marked.unknown.push(n);
                }
            }
            if let Some((link, len)) = link_at(rest) {
                marked.text.push_str(&link.text);
                marked.links.push(link);
                i += len;
                continue;
            }
        }
        marked.text.push(c);
        i += c.len_utf8();
    }
    marked
}

/// Reads the lines after `Sources:` (each with its 1-based line number).
/// Lines before the first `[n]` entry, and entries numbered twice, are
/// skipped with a warning.
pub(super) fn sources(lines: &[(usize, &str)], warnings: &mut Vec<Warning>) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut quote_lines: Vec<&str> = Vec::new();
    for &(line_no, line) in lines {
        let trimmed = line.trim();
        if let Some((number, len)) = footnote_at(trimmed) {
            finish_quote(out.last_mut(), &mut quote_lines);
            if out.iter().any(|s| s.number == number) {
                warnings.push(warn(
                    line_no,
                    format!("source [{number}] is listed twice; this one is skipped"),
                ));
                // Its quote lines are skipped with it.
                out.push(Source {
                    number: u32::MAX,
                    line: line_no,
                    ..Source::default()
                });
                continue;
            }
            let entry = unescape(trimmed[len..].trim());
            let mut source = Source {
                number,
                line: line_no,
                ..Source::default()
            };
            let mut rest = Vec::new();
            for word in entry.split_whitespace() {
                if source.url.is_empty()
                    && (word.starts_with("http://") || word.starts_with("https://"))
                {
                    source.url = word.to_owned();
                } else {
                    rest.push(word);
                }
            }
            source.citation = rest.join(" ");
            out.push(source);
        } else if out.is_empty() {
            if !trimmed.is_empty() {
                warnings.push(warn(
                    line_no,
                    "text under \"Sources:\" before the first [n] entry; skipped".into(),
                ));
            }
        } else {
            quote_lines.push(trimmed);
        }
    }
    finish_quote(out.last_mut(), &mut quote_lines);
    out.retain(|s| s.number != u32::MAX);
    out
}

/// Sets the quote of `source` from its lines, blank lines kept as
/// paragraph breaks and the outer double quotes taken off.
fn finish_quote(source: Option<&mut Source>, lines: &mut Vec<&str>) {
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if let Some(source) = source {
        let joined = lines.join("\n");
        let joined = joined.trim();
        let inner = joined
            .strip_prefix(['"', '“'])
            .and_then(|q| q.strip_suffix(['"', '”']))
            .unwrap_or(joined);
        source.quote = unescape(inner.trim());
    }
    lines.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_removed_and_other_backslashes_kept() {
        assert_eq!(
            unescape(r"a \(b\) \[1\] \*c\* \_d\_ \\ e\f"),
            r"a (b) [1] *c* _d_ \ e\f"
        );
        let got = mark(r"x \[1\] \(y\)", &|_| true);
        assert_eq!(got.text, "x [1] (y)");
        assert!(got.footnotes.is_empty());
    }

    #[test]
    fn markers_are_removed_with_the_space_before_them() {
        let got = mark("Sides [1]. Page (p. 5 [2]) and [3] more [9].", &|n| n < 5);
        assert_eq!(got.text, "Sides. Page (p. 5) and more [9].");
        assert_eq!(got.footnotes, [1, 2, 3]);
        assert_eq!(got.unknown, [9]);
    }

    #[test]
    fn links_keep_their_text_and_give_their_url() {
        let got = mark(
            r"see [this \(old\) study](https://x.org/a_(b)?q=1&r=2) and [not a link] (x)",
            &|_| false,
        );
        assert_eq!(got.text, "see this (old) study and [not a link] (x)");
        assert_eq!(
            got.links,
            [Link {
                text: "this (old) study".into(),
                url: "https://x.org/a_(b)?q=1&r=2".into()
            }]
        );
    }

    #[test]
    fn sources_with_multi_line_quotes() {
        let lines = [
            (10, "stray"),
            (11, "[1] https://a.org/x Some title"),
            (12, "\"First line."),
            (13, ""),
            (14, "2. Second paragraph.\""),
            (15, "[2] https://b.org"),
            (16, "[2] https://c.org"),
            (17, "\"dropped\""),
        ];
        let mut warnings = Vec::new();
        let got = sources(&lines, &mut warnings);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].url, "https://a.org/x");
        assert_eq!(got[0].citation, "Some title");
        assert_eq!(got[0].quote, "First line.\n\n2. Second paragraph.");
        assert_eq!(got[1].url, "https://b.org");
        assert_eq!(got[1].quote, "");
        let lines: Vec<_> = warnings
            .iter()
            .filter_map(|w| w.at.as_ref()?.line)
            .collect();
        assert_eq!(lines, [10, 16]);
    }
}
