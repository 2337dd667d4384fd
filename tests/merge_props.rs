//! Property test of the map merge: random command sequences on two branches
//! from a common ancestor. The conflicts list always names exactly the
//! entity fields both sides changed, the entities one side deleted and the
//! other changed, and the inferences that connected a node the other side
//! deleted; and when the two sequences touch disjoint statements the merge
//! is clean and equals applying both sequences one after the other.

use std::collections::BTreeSet;

use argmap::io::native::NoSourceFiles;
use argmap::merge::merge_maps;
use argmap::model::{Map, Pos, Role, Statement};
use argmap::ops::{Command, StatementField, apply};
use proptest::prelude::*;

/// One edit on a branch; `k` picks a statement `s1`..`s6`.
#[derive(Clone, Debug)]
enum Op {
    Text(usize),
    Notes(usize),
    Move(usize, u8),
    /// A new statement supporting the thesis.
    Add,
    /// Delete one of the free statements `s4`..`s6`.
    Remove(usize),
    /// Connect one of the free statements to the thesis.
    Connect(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1usize..=6).prop_map(Op::Text),
        (1usize..=6).prop_map(Op::Notes),
        ((1usize..=6), any::<u8>()).prop_map(|(k, x)| Op::Move(k, x)),
        Just(Op::Add),
        (4usize..=6).prop_map(Op::Remove),
        (4usize..=6).prop_map(Op::Connect),
    ]
}

/// s1 (thesis) ← s2, s1 ← s3; s4, s5, s6 stand alone.
fn base() -> Map {
    let mut map = Map::new("Props");
    for k in 1..=6 {
        let role = if k == 1 { Role::Thesis } else { Role::Premise };
        apply(
            &mut map,
            Command::AddStatement {
                id: Some(format!("s{k}")),
                statement: Statement::new(format!("Statement {k}.")).with_role(role),
                pos: None,
            },
        )
        .unwrap();
    }
    for k in 2..=3 {
        apply(&mut map, Command::support(vec![format!("s{k}")], "s1")).unwrap();
    }
    map
}

/// What one branch did: the commands that applied, the fields it changed
/// (statement id, field), what it deleted and what it connected.
#[derive(Default)]
struct Branch {
    commands: Vec<Command>,
    fields: BTreeSet<(String, String)>,
    removed: BTreeSet<String>,
    connected: Vec<(String, String)>,
    /// Every statement of the base it edited, deleted or connected.
    touched: BTreeSet<String>,
}

fn run(map: &mut Map, ops: &[Op], side: &str) -> Branch {
    let mut b = Branch::default();
    for (n, op) in ops.iter().enumerate() {
        let s = |k: &usize| format!("s{k}");
        let (cmd, field) = match op {
            Op::Text(k) => (
                Command::EditStatement {
                    id: s(k),
                    field: StatementField::Text(format!("{side} text {n}.")),
                },
                Some((s(k), "text")),
            ),
            Op::Notes(k) => (
                Command::EditStatement {
                    id: s(k),
                    field: StatementField::Notes(format!("{side} notes {n}")),
                },
                Some((s(k), "notes")),
            ),
            Op::Move(k, x) => {
                // Even x on one side, odd on the other: never the same spot.
                let x = f32::from(*x) * 2.0 + if side == "a" { 0.0 } else { 1.0 };
                (
                    Command::Move {
                        moves: vec![(s(k), Pos::new(x, 0.0))],
                    },
                    Some((s(k), "pos")),
                )
            }
            Op::Add => (
                Command::Batch(vec![
                    Command::AddStatement {
                        id: Some(format!("{side}{n}")),
                        statement: Statement::new(format!("{side} reason {n}.")),
                        pos: None,
                    },
                    Command::Connect {
                        id: Some(format!("{side}i{n}")),
                        inference: argmap::model::Inference::new(
                            argmap::model::InferenceKind::Support,
                        ),
                        premises: vec![format!("{side}{n}")],
                        target: "s1".into(),
                    },
                ]),
                None,
            ),
            Op::Remove(k) => (Command::Remove { ids: vec![s(k)] }, None),
            Op::Connect(k) => (
                Command::Connect {
                    id: Some(format!("{side}c{n}")),
                    inference: argmap::model::Inference::new(argmap::model::InferenceKind::Support),
                    premises: vec![s(k)],
                    target: "s1".into(),
                },
                None,
            ),
        };
        if apply(map, cmd.clone()).is_err() {
            continue;
        }
        b.commands.push(cmd);
        match op {
            Op::Text(k) | Op::Notes(k) | Op::Move(k, _) | Op::Remove(k) | Op::Connect(k) => {
                b.touched.insert(format!("s{k}"));
            }
            Op::Add => {}
        }
        if let Some((id, f)) = field {
            b.fields.insert((id, f.to_owned()));
        }
        match op {
            Op::Remove(k) => {
                b.removed.insert(format!("s{k}"));
                // Removing a statement removes the inferences it was in.
                b.connected.retain(|(_, p)| *p != format!("s{k}"));
            }
            Op::Connect(k) => b.connected.push((format!("{side}c{n}"), format!("s{k}"))),
            _ => {}
        }
    }
    b
}

/// The conflicts the merge must report, as (kind, id, field).
fn expected(a: &Branch, b: &Branch) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for (id, field) in a.fields.intersection(&b.fields) {
        if !a.removed.contains(id) && !b.removed.contains(id) {
            out.insert(("statement".into(), id.clone(), field.clone()));
        }
    }
    let touched = |br: &Branch, id: &str| br.fields.iter().any(|(i, _)| i == id);
    let mut kept = BTreeSet::new();
    for (del, other) in [(a, b), (b, a)] {
        for id in del.removed.difference(&other.removed) {
            if touched(other, id) {
                out.insert(("statement".into(), id.clone(), String::new()));
                kept.insert(id.clone());
            }
        }
    }
    for (del, other) in [(a, b), (b, a)] {
        for (inf, premise) in &other.connected {
            if del.removed.contains(premise) && !kept.contains(premise) {
                out.insert(("inference".into(), inf.clone(), String::new()));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merges_are_clean_for_disjoint_edits_and_name_exactly_what_both_touched(
        ops_a in proptest::collection::vec(op(), 0..8),
        ops_b in proptest::collection::vec(op(), 0..8),
    ) {
        let start = base();
        let (mut ours, mut theirs) = (start.clone(), start.clone());
        let a = run(&mut ours, &ops_a, "a");
        let b = run(&mut theirs, &ops_b, "b");
        let merged = merge_maps(Some(&start), &ours, &theirs, &NoSourceFiles);
        let found: BTreeSet<(String, String, String)> = merged
            .conflicts
            .iter()
            .map(|c| (c.kind.clone(), c.id.clone(), c.field.clone()))
            .collect();
        let want = expected(&a, &b);
        prop_assert_eq!(&found, &want);
        prop_assert!(merged.renamed.is_empty());
        if a.touched.is_disjoint(&b.touched) {
            prop_assert!(want.is_empty());
            let mut both = ours.clone();
            for cmd in b.commands {
                apply(&mut both, cmd).expect("disjoint edits apply after each other");
            }
            prop_assert_eq!(&merged.map, &both);
        }
    }
}
