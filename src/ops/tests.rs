//! Unit tests of commands and history.

use super::*;
use crate::model::{Evidence, Map, Pos, Statement};

fn add(history: &mut History, map: &mut Map, text: &str) -> String {
    let applied = history
        .apply(
            map,
            Command::AddStatement {
                id: None,
                statement: Statement::new(text),
                pos: None,
            },
        )
        .unwrap();
    applied.created[0].clone()
}

#[test]
fn add_reason_then_undo_and_redo() {
    let mut map = Map::new("t");
    let mut h = History::new();
    let claim = add(&mut h, &mut map, "claim");
    let start = map.clone();
    let reason = add(&mut h, &mut map, "reason");
    h.apply(
        &mut map,
        Command::support(vec![reason.clone()], claim.clone()),
    )
    .unwrap();
    let end = map.clone();
    assert_eq!(map.inference_count(), 1);
    assert!(h.undo(&mut map).unwrap());
    assert!(h.undo(&mut map).unwrap());
    assert_eq!(map, start);
    assert!(h.redo(&mut map).unwrap());
    assert!(h.redo(&mut map).unwrap());
    assert_eq!(map, end);
    assert!(!h.redo(&mut map).unwrap());
}

#[test]
fn moves_of_one_drag_merge_into_one_step() {
    let mut map = Map::new("t");
    let mut h = History::new();
    let id = add(&mut h, &mut map, "x");
    let before = map.clone();
    for i in 0..10 {
        let cmd = Command::Move {
            moves: vec![(id.clone(), Pos::new(i as f32, 0.0))],
        };
        h.apply_merging(&mut map, cmd, Some(7)).unwrap();
    }
    assert_eq!(h.undo_len(), 2);
    assert!(map.node(&id).unwrap().pinned);
    h.undo(&mut map).unwrap();
    assert_eq!(map, before);
}

#[test]
fn failed_batch_changes_nothing() {
    let mut map = Map::new("t");
    let mut h = History::new();
    let a = add(&mut h, &mut map, "a");
    let before = map.clone();
    let batch = Command::Batch(vec![
        Command::EditStatement {
            id: a.clone(),
            field: StatementField::Text("changed".into()),
        },
        Command::Remove {
            ids: vec!["missing".into()],
        },
    ]);
    assert!(h.apply(&mut map, batch).is_err());
    assert_eq!(map, before);
    assert_eq!(h.undo_len(), 1);
}

#[test]
fn remove_premise_undo_keeps_order() {
    let mut map = Map::new("t");
    let mut h = History::new();
    let c = add(&mut h, &mut map, "c");
    let p: Vec<String> = (0..3)
        .map(|i| add(&mut h, &mut map, &format!("p{i}")))
        .collect();
    let inf = h
        .apply(&mut map, Command::support(p.clone(), c))
        .unwrap()
        .created[0]
        .clone();
    h.apply(
        &mut map,
        Command::RemovePremise {
            inference: inf.clone(),
            premise: p[1].clone(),
        },
    )
    .unwrap();
    assert_eq!(map.premise_ids(&inf), vec![p[0].as_str(), p[2].as_str()]);
    h.undo(&mut map).unwrap();
    assert_eq!(
        map.premise_ids(&inf),
        vec![p[0].as_str(), p[1].as_str(), p[2].as_str()]
    );
    h.redo(&mut map).unwrap();
    assert_eq!(map.premise_ids(&inf), vec![p[0].as_str(), p[2].as_str()]);
}

#[test]
fn evidence_gets_fresh_ids_and_undoes() {
    let mut map = Map::new("t");
    let mut h = History::new();
    let s = add(&mut h, &mut map, "s");
    let before = map.clone();
    let applied = h
        .apply(
            &mut map,
            Command::AddEvidence {
                statement: s.clone(),
                index: None,
                evidence: Evidence {
                    text: "42%".into(),
                    ..Evidence::default()
                },
            },
        )
        .unwrap();
    let ev = &applied.created[0];
    assert!(map.evidence_location(ev).is_some());
    h.undo(&mut map).unwrap();
    assert_eq!(map, before);
}
