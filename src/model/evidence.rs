//! Evidence items and the anchors that tie quotes to source text.

use serde::{Deserialize, Serialize};

/// What kind of backing an evidence item offers.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A verbatim quote, usually anchored in a source.
    #[default]
    Quote,
    /// A figure or statistic.
    Statistic,
    /// A book, article or report.
    Publication,
    /// The opinion of an expert.
    ExpertOpinion,
    /// A web page.
    WebPage,
    /// Something the author observed.
    PersonalObservation,
    /// Something widely known.
    CommonKnowledge,
}

impl Basis {
    /// Every basis kind, in menu order.
    pub const ALL: [Basis; 7] = [
        Basis::Quote,
        Basis::Statistic,
        Basis::Publication,
        Basis::ExpertOpinion,
        Basis::WebPage,
        Basis::PersonalObservation,
        Basis::CommonKnowledge,
    ];

    /// The name as written in files (`expert_opinion`).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Quote => "quote",
            Basis::Statistic => "statistic",
            Basis::Publication => "publication",
            Basis::ExpertOpinion => "expert_opinion",
            Basis::WebPage => "web_page",
            Basis::PersonalObservation => "personal_observation",
            Basis::CommonKnowledge => "common_knowledge",
        }
    }

    /// A human label (`expert opinion`).
    pub fn label(self) -> &'static str {
        match self {
            Basis::Quote => "quote",
            Basis::Statistic => "statistic",
            Basis::Publication => "publication",
            Basis::ExpertOpinion => "expert opinion",
            Basis::WebPage => "web page",
            Basis::PersonalObservation => "personal observation",
            Basis::CommonKnowledge => "common knowledge",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a quote sits in a source: a W3C Web Annotation text-position
/// selector (`start`, `end`) together with a text-quote selector (`exact`,
/// `prefix`, `suffix`), so the span can be found again if the text shifts.
///
/// Offsets count Unicode scalar values (Rust `char`s, Python `str` indices),
/// not bytes; `end` is exclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The id of the source document.
    pub source: String,
    /// Offset of the first quoted character.
    pub start: usize,
    /// Offset just past the last quoted character.
    pub end: usize,
    /// The quoted text, exactly as in the source.
    pub exact: String,
    /// Up to [`Anchor::CONTEXT_CHARS`] characters just before the quote.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Up to [`Anchor::CONTEXT_CHARS`] characters just after the quote.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// Set when the quote could not be found again after the source changed;
    /// the offsets are then stale and `exact` is all that is known.
    #[serde(default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
}

impl Anchor {
    /// How much context `prefix` and `suffix` keep.
    pub const CONTEXT_CHARS: usize = 32;

    /// Builds an anchor for `start..end` (char offsets) of `text`, with the
    /// quote and its context copied from the text. `None` when the range
    /// lies outside the text or is empty.
    pub fn from_range(source: &str, text: &str, start: usize, end: usize) -> Option<Anchor> {
        if start >= end {
            return None;
        }
        let (start_byte, end_byte) = char_range_to_bytes(text, start, end)?;
        let before: Vec<char> = text[..start_byte]
            .chars()
            .rev()
            .take(Self::CONTEXT_CHARS)
            .collect();
        let prefix: String = before.into_iter().rev().collect();
        let suffix: String = text[end_byte..].chars().take(Self::CONTEXT_CHARS).collect();
        Some(Anchor {
            source: source.to_owned(),
            start,
            end,
            exact: text[start_byte..end_byte].to_owned(),
            prefix,
            suffix,
            orphaned: false,
        })
    }

    /// The text that `start..end` covers in `text`, if the range fits.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        char_slice(text, self.start, self.end)
    }
}

/// Byte offsets of the char range `start..end` in `text`, if it fits.
pub fn char_range_to_bytes(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end {
        return None;
    }
    let mut bounds = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let s = bounds.nth(start)?;
    let e = if end == start {
        s
    } else {
        bounds.nth(end - start - 1)?
    };
    Some((s, e))
}

/// The part of `text` between char offsets `start` and `end`, if both fit.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    char_range_to_bytes(text, start, end).map(|(s, e)| &text[s..e])
}

/// One piece of evidence attached to a statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Stable id, unique in the map.
    pub id: String,
    /// What kind of backing this is.
    #[serde(default)]
    pub basis: Basis,
    /// For a quote the quoted words; otherwise what the evidence says.
    #[serde(default)]
    pub text: String,
    /// A web address (only http and https are ever opened).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// A bibliographic citation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
    /// When the evidence was said, published or observed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Who said it (for quotes from a dialogue).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub speaker: String,
    /// Where a quote sits in a source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_from_range_counts_chars_not_bytes() {
        let text = "Россия и “Japan” meet";
        let start = text.chars().position(|c| c == '“').unwrap();
        let end = start + "“Japan”".chars().count();
        let a = Anchor::from_range("src", text, start, end).unwrap();
        assert_eq!(a.exact, "“Japan”");
        assert_eq!(a.prefix, "Россия и ");
        assert_eq!(a.suffix, " meet");
        assert_eq!(a.slice(text), Some("“Japan”"));
    }

    #[test]
    fn out_of_range_is_none() {
        assert!(Anchor::from_range("s", "abc", 2, 5).is_none());
        assert!(Anchor::from_range("s", "abc", 2, 2).is_none());
        assert_eq!(char_slice("abc", 1, 3), Some("bc"));
        assert_eq!(char_slice("abc", 3, 3), Some(""));
        assert_eq!(char_slice("abc", 3, 4), None);
    }

    #[test]
    fn context_is_capped() {
        let text = "x".repeat(100);
        let a = Anchor::from_range("s", &text, 50, 51).unwrap();
        assert_eq!(a.prefix.chars().count(), Anchor::CONTEXT_CHARS);
        assert_eq!(a.suffix.chars().count(), Anchor::CONTEXT_CHARS);
    }
}
