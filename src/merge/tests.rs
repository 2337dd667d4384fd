//! Unit tests of the map merge, on maps built with commands.

use super::*;
use crate::io::native::NoSourceFiles;
use crate::model::{Evidence, Pos, Source, Statement};
use crate::ops::{Command, StatementField, apply};

fn run(map: &mut Map, cmds: Vec<Command>) {
    for cmd in cmds {
        apply(map, cmd).expect("command applies");
    }
}

fn add(id: &str, text: &str) -> Command {
    Command::AddStatement {
        id: Some(id.into()),
        statement: Statement::new(text),
        pos: None,
    }
}

fn edit(id: &str, field: StatementField) -> Command {
    Command::EditStatement {
        id: id.into(),
        field,
    }
}

fn base() -> Map {
    let mut map = Map::new("Cars");
    run(
        &mut map,
        vec![
            add("s1", "Cities should ban cars."),
            add("s2", "Cars pollute."),
            Command::support(vec!["s2".into()], "s1"),
        ],
    );
    map
}

fn merge(b: &Map, o: &Map, t: &Map) -> Merged {
    merge_maps(Some(b), o, t, &NoSourceFiles)
}

fn text(map: &Map, id: &str) -> String {
    map.statement(id)
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn additions_on_both_sides_with_the_same_fresh_id_both_survive() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let fresh = |text: &str| Command::AddStatement {
        id: None,
        statement: Statement::new(text),
        pos: None,
    };
    run(&mut o, vec![fresh("ours")]);
    run(&mut t, vec![fresh("theirs")]);
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(m.map.statement_count(), 4);
    assert_eq!(m.renamed.len(), 1);
    let texts: Vec<String> = m
        .map
        .nodes_sorted()
        .iter()
        .filter_map(|n| n.as_statement().map(|s| s.text.clone()))
        .collect();
    assert!(texts.contains(&"ours".into()) && texts.contains(&"theirs".into()));
}

#[test]
fn edits_to_different_fields_of_one_statement_merge() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![edit(
            "s2",
            StatementField::Text("Cars pollute a lot.".into()),
        )],
    );
    run(
        &mut t,
        vec![edit(
            "s2",
            StatementField::Notes("See the 2019 study.".into()),
        )],
    );
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    let s2 = m.map.statement("s2").unwrap();
    assert_eq!(s2.text, "Cars pollute a lot.");
    assert_eq!(s2.notes, "See the 2019 study.");
}

#[test]
fn different_edits_of_one_text_conflict_and_keep_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![edit("s2", StatementField::Text("Ours.".into()))],
    );
    run(
        &mut t,
        vec![edit("s2", StatementField::Text("Theirs.".into()))],
    );
    let m = merge(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.kind.as_str(), c.id.as_str(), c.field.as_str()),
        ("statement", "s2", "text")
    );
    assert_eq!(c.theirs, Value::from("Theirs."));
    assert_eq!(c.base, Some(Value::from("Cars pollute.")));
    assert_eq!(text(&m.map, "s2"), "Ours.");
    assert_eq!(m.map.conflicts(), m.conflicts.as_slice());
}

#[test]
fn multi_line_notes_merge_line_by_line() {
    let mut b = base();
    run(
        &mut b,
        vec![edit("s1", StatementField::Notes("a\nb\nc\n".into()))],
    );
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![edit("s1", StatementField::Notes("A\nb\nc\n".into()))],
    );
    run(
        &mut t,
        vec![edit("s1", StatementField::Notes("a\nb\nC\n".into()))],
    );
    let m = merge(&b, &o, &t);
    assert!(m.is_clean());
    assert_eq!(m.map.statement("s1").unwrap().notes, "A\nb\nC\n");
}

#[test]
fn delete_against_connect_drops_the_edge_and_records_it() {
    let mut b = base();
    run(&mut b, vec![add("s3", "Buses pollute less.")]);
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![Command::Remove {
            ids: vec!["s3".into()],
        }],
    );
    run(
        &mut t,
        vec![Command::Connect {
            id: Some("i9".into()),
            inference: crate::model::Inference::new(crate::model::InferenceKind::Support),
            premises: vec!["s3".into()],
            target: "s1".into(),
        }],
    );
    let m = merge(&b, &o, &t);
    assert!(m.map.node("s3").is_none());
    assert!(m.map.node("i9").is_none());
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.conflicts[0].id, "i9");
    assert!(
        m.conflicts[0].note.contains("deleted"),
        "{}",
        m.conflicts[0].note
    );
}

#[test]
fn delete_against_edit_keeps_the_edited_statement_as_a_conflict() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    run(
        &mut o,
        vec![Command::Remove {
            ids: vec!["s2".into()],
        }],
    );
    run(
        &mut t,
        vec![edit(
            "s2",
            StatementField::Text("Cars pollute cities.".into()),
        )],
    );
    let m = merge(&b, &o, &t);
    assert_eq!(text(&m.map, "s2"), "Cars pollute cities.");
    assert!(
        m.conflicts
            .iter()
            .any(|c| c.id == "s2" && c.field.is_empty())
    );
}

#[test]
fn moves_of_different_nodes_merge_and_of_one_node_conflict() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mv = |id: &str, x: f32| Command::Move {
        moves: vec![(id.into(), Pos::new(x, 0.0))],
    };
    run(&mut o, vec![mv("s1", 10.0), mv("s2", 5.0)]);
    run(&mut t, vec![mv("s2", 7.0)]);
    let m = merge(&b, &o, &t);
    assert_eq!(m.map.node("s1").unwrap().pos, Some(Pos::new(10.0, 0.0)));
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(
        (m.conflicts[0].id.as_str(), m.conflicts[0].field.as_str()),
        ("s2", "pos")
    );
}

#[test]
fn source_edits_on_both_sides_merge_and_quotes_are_reanchored() {
    let mut b = base();
    let text = "First line.\nCars emit a lot of NO2 in town.\nLast line.\n";
    run(
        &mut b,
        vec![
            Command::AddSource(Source {
                id: "src1".into(),
                title: "Study".into(),
                text: text.into(),
                ..Source::default()
            }),
            Command::AddEvidence {
                statement: "s2".into(),
                index: None,
                evidence: Evidence {
                    id: "e1".into(),
                    anchor: crate::model::Anchor::from_range("src1", text, 12, 43),
                    ..Evidence::default()
                },
            },
        ],
    );
    let (mut o, mut t) = (b.clone(), b.clone());
    let set = |t: &str| Command::SetSourceText {
        id: "src1".into(),
        text: t.into(),
    };
    run(
        &mut o,
        vec![set(
            "An added first line.\nFirst line.\nCars emit a lot of NO2 in town.\nLast line.\n",
        )],
    );
    run(
        &mut t,
        vec![set(
            "First line.\nCars emit a lot of NO2 in town.\nThe last line.\n",
        )],
    );
    let m = merge(&b, &o, &t);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    let merged = &m.map.source("src1").unwrap().text;
    assert_eq!(
        merged,
        "An added first line.\nFirst line.\nCars emit a lot of NO2 in town.\nThe last line.\n"
    );
    assert!(crate::model::verify_anchors(&m.map).problems.is_empty());
    let anchor = m.map.statement("s2").unwrap().evidence[0]
        .anchor
        .clone()
        .unwrap();
    assert_eq!(anchor.exact, "Cars emit a lot of NO2 in town.");
    assert_eq!(anchor.start, 33);
}

#[test]
fn no_ancestor_combines_both_maps() {
    let (mut o, mut t) = (Map::new("Cars"), Map::new("Cars"));
    run(&mut o, vec![add("s1", "Ours.")]);
    run(&mut t, vec![add("s1", "Theirs.")]);
    let m = merge_maps(None, &o, &t, &NoSourceFiles);
    assert!(m.is_clean(), "{:?}", m.conflicts);
    assert_eq!(m.map.statement_count(), 2);
}

#[test]
fn a_source_kept_in_a_file_stays_there_unless_its_merged_text_differs() {
    use crate::io::native::MemorySources;
    let text = "One.\nTwo.\n";
    let mut b = base();
    run(
        &mut b,
        vec![Command::AddSource(Source {
            id: "src1".into(),
            title: "Study".into(),
            text: text.into(),
            path: Some("study.txt".into()),
            ..Source::default()
        })],
    );
    let files = [("study.txt", text)];
    let (mut o, t) = (b.clone(), b.clone());
    run(&mut o, vec![edit("s1", StatementField::Notes("n".into()))]);
    let m = merge_maps(Some(&b), &o, &t, &MemorySources(&files));
    assert_eq!(
        m.map.source("src1").unwrap().path.as_deref(),
        Some("study.txt")
    );
    let mut t = b.clone();
    run(
        &mut t,
        vec![Command::SetSourceText {
            id: "src1".into(),
            text: "One.\nTwo, edited.\n".into(),
        }],
    );
    let m = merge_maps(Some(&b), &o, &t, &MemorySources(&files));
    let source = m.map.source("src1").unwrap();
    assert_eq!(source.path, None, "the file no longer holds the text");
    assert_eq!(source.text, "One.\nTwo, edited.\n");
}
