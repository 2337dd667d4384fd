//! Tests of the Kialo importer: both layouts, escapes, links, sources.

use super::*;

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
