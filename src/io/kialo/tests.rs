//! Tests of the Kialo importer: both layouts, escapes, links, sources.

use super::*;
use crate::model::{Basis, Map, Role};

fn load(text: &str) -> Loaded {
    import(text, &KialoImportOptions::default()).expect("imports")
}

#[test]
fn tree_with_pros_cons_and_cross_link() {
    let text = "Discussion Title: Tax meat?\r\n\r\n1. Meat should be taxed.\r\n1.1. Pro: It harms the climate.\r\n1.1.1. Con: Some farming\r\nstores carbon.\r\n1.2. Con: It hurts the poor.\r\n1.3. Con: -> See 1.1.1.\r\n";
    let got = load(text);
    let map = &got.map;
    assert_eq!(map.meta().title, "Tax meat?");
    assert_eq!(map.statement_count(), 4);
    assert_eq!(map.inference_count(), 4);
    assert_eq!(
        map.statement("s3").unwrap().text,
        "Some farming\nstores carbon."
    );
    let link = map
        .nodes_sorted()
        .into_iter()
        .rfind(|n| !n.is_statement())
        .unwrap()
        .id
        .clone();
    assert_eq!(map.premise_ids(&link), ["s3"]);
    assert_eq!(map.target_id(&link), Some("s1"));
    assert_eq!(map.inference(&link).unwrap().kind, InferenceKind::Conflict);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

#[test]
fn deep_and_broken_lines_are_reported_with_line_numbers() {
    let mut text = String::from("intro\n1. Root\n");
    let mut number = String::from("1.");
    for _ in 0..30 {
        number.push_str("1.");
        text.push_str(&format!("{number} Pro: deeper\n"));
    }
    text.push_str("1.7.7. Con: orphan\n1.9. Pro: -> See 4.4.\n");
    let got = load(&text);
    assert_eq!(got.map.statement_count(), 32);
    assert_eq!(got.map.inference_count(), 30);
    let lines: Vec<usize> = got
        .warnings
        .iter()
        .filter_map(|w| w.at.as_ref()?.line)
        .collect();
    assert_eq!(lines, [1, 33, 34]);
}

#[test]
fn not_kialo_is_an_error() {
    assert!(import("", &KialoImportOptions::default()).is_err());
    assert!(import("hello\nworld", &KialoImportOptions::default()).is_err());
}

#[test]
fn numbers_parse() {
    assert_eq!(numbered("1.2.3. Pro: x"), Some((vec![1, 2, 3], "Pro: x")));
    assert_eq!(numbered("1.2 x"), None);
    assert_eq!(numbered("1990s were fine"), None);
    assert_eq!(cross_link("-> See 1.2."), Some(vec![1, 2]));
    assert_eq!(cross_link("-> See 1.2"), Some(vec![1, 2]));
    assert_eq!(cross_link("-> See 1.2. Some claim"), Some(vec![1, 2]));
    assert_eq!(cross_link("-> See nothing"), None);
}

fn statement_texts(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement().map(|s| s.text.clone()))
        .collect()
}

fn warning_lines(got: &Loaded) -> Vec<usize> {
    got.warnings
        .iter()
        .filter_map(|w| w.at.as_ref()?.line)
        .collect()
}

#[test]
fn layouts_are_detected() {
    assert_eq!(
        detect_layout("Discussion Title: x\n1. a\n1.1. Pro: b"),
        Layout::Old
    );
    assert_eq!(detect_layout("1. a\n1.1. Pro: b"), Layout::Old);
    assert_eq!(detect_layout("Discussion Name:\nx\n1. a"), Layout::New);
    assert_eq!(detect_layout("1. Thesis:\n a"), Layout::New);
    assert_eq!(detect_layout("1. a\n  1.1. Con:\n  b"), Layout::New);
}

const NEW: &str = "Discussion Name:\r\nBuild a \\(new\\) bridge?\r\n\r\n1. Thesis:\r\nThe bridge should be built.\r\n\r\n  1.1. Pro:\r\n  Commutes get shorter [2] by far [1].\r\n\r\n    1.1.1. Con:\r\n    Only for some [1], see [map](https://example.net/m_(1)).\r\n\r\n  1.2. Con:\r\n  It is too dear [5].\r\n\r\nSources:\r\n[1] https://example.net/traffic\r\n\"Trips fall by half.\r\n\r\n2. Not a claim.\"\r\n[2] https://example.net/plan\r\n[3] https://example.net/unused\r\n";

#[test]
fn new_layout_reads_title_thesis_stances_and_sources() {
    let got = load(NEW);
    let map = &got.map;
    assert_eq!(map.meta().title, "Build a (new) bridge?");
    assert_eq!(
        statement_texts(map),
        [
            "The bridge should be built.",
            "Commutes get shorter by far.",
            "Only for some, see map.",
            "It is too dear [5].",
        ]
    );
    assert_eq!(map.inference_count(), 3);
    let s1 = map.statement("s1").unwrap();
    assert_eq!(s1.role, Role::Thesis);
    assert!(s1.evidence.is_empty());
    let reason = map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement())
        .nth(1)
        .unwrap();
    let found: Vec<(Basis, &str, &str)> = reason
        .evidence
        .iter()
        .map(|e| (e.basis, e.url.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Basis::WebPage, "https://example.net/plan", ""),
            (
                Basis::WebPage,
                "https://example.net/traffic",
                "Trips fall by half.\n\n2. Not a claim."
            ),
        ]
    );
    let objection = map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement())
        .nth(2)
        .unwrap();
    let urls: Vec<&str> = objection.evidence.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(
        urls,
        ["https://example.net/traffic", "https://example.net/m_(1)"]
    );
    // [5] has no source (line 13); [3] is cited by no claim (line 22).
    assert_eq!(warning_lines(&got), [13, 22], "{:?}", got.warnings);
    // Every evidence id is unique.
    let mut ids: Vec<&str> = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .flat_map(|s| s.evidence.iter().map(|e| e.id.as_str()))
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count);
}

#[test]
fn old_layout_drops_escapes_and_turns_links_into_evidence() {
    let text = "Discussion Title: Tax \\*all\\* meat\\?\n1. Meat should be taxed \\(all of it\\).\n1.1. Pro: See [the study](https://example.net/s?a=1&b=2) and \\[1\\].\n1.1.1. Con: Not \\_every\\_ farm [1].\n";
    let got = load(text);
    let map = &got.map;
    assert_eq!(map.meta().title, "Tax *all* meat?");
    assert_eq!(
        statement_texts(map),
        [
            "Meat should be taxed (all of it).",
            "See the study and [1].",
            "Not _every_ farm [1].",
        ]
    );
    let reason = map.statement("s2").unwrap();
    assert_eq!(reason.evidence.len(), 1);
    assert_eq!(reason.evidence[0].basis, Basis::WebPage);
    assert_eq!(reason.evidence[0].url, "https://example.net/s?a=1&b=2");
    assert_eq!(reason.evidence[0].text, "the study");
    // Old exports have no sources: a bare [1] is text, not a lost footnote.
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

proptest::proptest! {
    /// Any mix of Kialo's markup characters imports or errors, never panics.
    #[test]
    fn markup_soup_never_panics(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "1. ", "1.1. Pro:", "1.2. Con: x", "  ", "\n", "\r\n", "[", "]", "(", ")",
                "\\", "\\(", "[1]", "[2] https://a.b/c", "\"", "Sources:\n", "Discussion Name:\n",
                "1. Thesis:\n", "-> See 1.1.", "é", "日", "https://x.y/(z)", "[t](u)", "a",
            ]),
            0..40,
        )
    ) {
        let text: String = parts.concat();
        if let Ok(got) = import(&text, &KialoImportOptions::default()) {
            for s in got.map.nodes().filter_map(|n| n.as_statement()) {
                proptest::prop_assert!(s.evidence.iter().all(|e| !e.id.is_empty()));
            }
        }
    }
}
