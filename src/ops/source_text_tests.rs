//! Tests of [`Command::SetSourceText`]: re-anchoring in one undoable step.

use super::*;
use crate::model::{Anchor, Evidence, Map, Source, Statement};

fn speech() -> Map {
    crate::bundled::DEFAULT.load().unwrap().map
}

fn anchors(map: &Map) -> Vec<Anchor> {
    map.nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement())
        .flat_map(|s| s.evidence.iter().filter_map(|e| e.anchor.clone()))
        .collect()
}

#[test]
fn new_text_moves_every_anchor_and_undo_restores_exactly() {
    let mut map = speech();
    let start = map.clone();
    let old_text = map.source("togo-speech").unwrap().text.clone();
    assert!(map.source("togo-speech").unwrap().path.is_some());
    let inserted = "Added paragraph — «новый».\n\n";
    let n = inserted.chars().count();
    let mut h = History::new();
    h.apply(
        &mut map,
        Command::SetSourceText {
            id: "togo-speech".into(),
            text: format!("{inserted}{old_text}"),
        },
    )
    .unwrap();
    let end = map.clone();
    let source = map.source("togo-speech").unwrap();
    assert_eq!(source.path, None, "the file no longer matches");
    for (old, new) in anchors(&start).iter().zip(anchors(&map)) {
        assert_eq!((new.start, new.end), (old.start + n, old.end + n));
        assert_eq!(new.slice(&source.text), Some(old.exact.as_str()));
        assert!(!new.orphaned);
    }
    assert!(crate::model::verify_anchors(&map).problems.is_empty());
    assert!(h.undo(&mut map).unwrap());
    assert_eq!(map, start);
    assert_eq!(anchors(&map), anchors(&start));
    assert!(h.redo(&mut map).unwrap());
    assert_eq!(map, end);
}

fn small_map() -> Map {
    let mut map = Map::new("t");
    let text = "Cars left the square. Shops did well. Rents rose.";
    map.add_source(Source {
        id: "src".into(),
        title: "Report".into(),
        text: text.into(),
        path: Some("report.txt".into()),
        ..Source::default()
    })
    .unwrap();
    let mut st = Statement::new("Trade held up.");
    for (id, start, end) in [("e1", 22, 37), ("e2", 38, 49)] {
        st.evidence.push(Evidence {
            id: id.into(),
            anchor: Anchor::from_range("src", text, start, end),
            ..Evidence::default()
        });
    }
    map.add_statement("s1", st, None, false).unwrap();
    map
}

#[test]
fn a_deleted_quote_is_orphaned_and_undo_brings_it_back() {
    let mut map = small_map();
    let start = map.clone();
    let applied = apply(
        &mut map,
        Command::SetSourceText {
            id: "src".into(),
            text: "Cars left the square. Rents rose.".into(),
        },
    )
    .unwrap();
    let now = anchors(&map);
    assert!(now[0].orphaned);
    assert_eq!(now[0].exact, "Shops did well.");
    assert!(!now[1].orphaned);
    assert_eq!((now[1].start, now[1].end), (22, 33));
    apply(&mut map, applied.inverse).unwrap();
    assert_eq!(map, start);
}

#[test]
fn the_same_text_keeps_the_path() {
    let mut map = small_map();
    let start = map.clone();
    let text = map.source("src").unwrap().text.clone();
    apply(
        &mut map,
        Command::SetSourceText {
            id: "src".into(),
            text,
        },
    )
    .unwrap();
    assert_eq!(map, start);
    assert_eq!(
        map.source("src").unwrap().path.as_deref(),
        Some("report.txt")
    );
}

#[test]
fn bad_requests_are_refused_without_change() {
    let mut map = small_map();
    let start = map.clone();
    let missing = Command::SetSourceText {
        id: "nope".into(),
        text: "x".into(),
    };
    assert!(apply(&mut map, missing).is_err());
    let stray = Command::ReplaceSourceText {
        id: "src".into(),
        text: "short".into(),
        path: None,
        anchors: vec![],
    };
    // e1 and e2 would fall outside the new text.
    assert!(apply(&mut map, stray).is_err());
    let twice = Command::ReplaceSourceText {
        id: "src".into(),
        text: "short".into(),
        path: None,
        anchors: vec![
            (
                "e1".into(),
                Anchor::from_range("src", "short", 0, 2).unwrap(),
            ),
            (
                "e1".into(),
                Anchor::from_range("src", "short", 0, 2).unwrap(),
            ),
        ],
    };
    assert!(apply(&mut map, twice).is_err());
    assert_eq!(map, start);
}
