//! Fuzzy search over argumentation schemes, for the scheme picker: the
//! query is matched against each scheme's name, id, aliases and
//! description with `nucleo-matcher` (the matcher of the Helix editor,
//! fzf-style scoring: consecutive letters and word starts score higher).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::scheme::Scheme;

/// One scheme found by [`search_schemes`], with its score.
#[derive(Clone, Copy, Debug)]
pub struct SchemeHit<'a> {
    /// The scheme.
    pub scheme: &'a Scheme,
    /// Higher is better; a match in the description counts a quarter of
    /// one in the name, id or an alias.
    pub score: u32,
}

/// The schemes of `schemes` that match `query`, best first (ties keep the
/// given order). An empty or blank query matches every scheme, in the
/// given order, with score 0. Words of the query are matched separately
/// and must all match one field (`exp op` finds expert opinion).
pub fn search_schemes<'a>(
    schemes: impl IntoIterator<Item = &'a Scheme>,
    query: &str,
) -> Vec<SchemeHit<'a>> {
    let schemes: Vec<&Scheme> = schemes.into_iter().collect();
    if query.trim().is_empty() {
        return schemes
            .into_iter()
            .map(|scheme| SchemeHit { scheme, score: 0 })
            .collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut score = |text: &str| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher);
    let mut hits: Vec<SchemeHit> = schemes
        .into_iter()
        .filter_map(|scheme| {
            let named = std::iter::once(scheme.name.as_str())
                .chain(std::iter::once(scheme.id.as_str()))
                .chain(scheme.aliases.iter().map(String::as_str))
                .filter_map(&mut score)
                .max();
            let described = score(&scheme.description).map(|s| s / 4);
            let best = named.into_iter().chain(described).max()?;
            Some(SchemeHit {
                scheme,
                score: best,
            })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits
}

#[cfg(test)]
mod tests {
    use super::search_schemes;
    use crate::io::schemes::bundled;

    fn first(query: &str) -> String {
        search_schemes(bundled().schemes(), query)
            .first()
            .map(|h| h.scheme.id.clone())
            .unwrap_or_default()
    }

    #[test]
    fn finds_by_part_of_name_id_alias_and_typo_free_abbreviation() {
        assert_eq!(first("expert"), "expert_opinion");
        assert_eq!(first("exp opin"), "expert_opinion");
        assert_eq!(first("slippery"), "slippery_slope");
        assert_eq!(first("abduction"), "best_explanation");
        assert_eq!(first("sunk_costs"), "sunk_costs");
    }

    #[test]
    fn blank_query_lists_everything_and_nonsense_nothing() {
        assert_eq!(
            search_schemes(bundled().schemes(), " ").len(),
            bundled().len()
        );
        assert!(search_schemes(bundled().schemes(), "qqqzzzxxx").is_empty());
    }
}
