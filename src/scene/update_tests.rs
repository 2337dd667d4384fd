//! The incremental update against a rebuild from scratch: after random
//! edits (typing, adding reasons, moving, deleting, undoing, changing
//! inferences and premises, evidence, folding), the updated scene equals a
//! freshly built one box for box, line for line and edge for edge, and
//! the updated index gives the same answers as a fresh index.

use std::collections::HashSet;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::model::{Evidence, IdKind, Inference, Map, Statement};
use crate::ops::{Command, Placement, StatementField, apply, touched_nodes};
use crate::synth::{self, Rng};

fn measurer() -> &'static TextMeasurer {
    static M: OnceLock<TextMeasurer> = OnceLock::new();
    M.get_or_init(TextMeasurer::new)
}

/// A generated map with every node placed (as after a layout).
fn placed_map(n: usize, seed: u64) -> Map {
    let mut map = synth::argument_map(n, seed);
    for (ix, pos) in fallback_positions(&map, measurer(), DEFAULT_BOX_WIDTH) {
        let id = map.node_at(ix).expect("node").id.clone();
        map.set_placement(&id, Some(pos), false).expect("node");
    }
    map
}

fn ids(map: &Map, statements: bool) -> Vec<String> {
    let mut ids: Vec<String> = map
        .nodes()
        .filter(|n| n.is_statement() == statements)
        .map(|n| n.id.clone())
        .collect();
    ids.sort();
    ids
}

fn pick(rng: &mut Rng, items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| items[rng.below(items.len())].clone())
}

/// One random edit of `map`, as the app would make it; `None` when the map
/// offers nothing to do it on.
fn random_command(map: &mut Map, op: u8, rng: &mut Rng) -> Option<Command> {
    let statements = ids(map, true);
    let inferences = ids(map, false);
    let all: Vec<String> = statements.iter().chain(&inferences).cloned().collect();
    Some(match op {
        0 => {
            // Typing: append or delete characters, sometimes a long text.
            let id = pick(rng, &statements)?;
            let mut text = map.statement(&id)?.text.clone();
            match rng.below(4) {
                0 => {
                    text.pop();
                }
                1 => text.push_str(&synth::sentence(rng)),
                _ => text.push('x'),
            }
            Command::EditStatement {
                id,
                field: StatementField::Text(text),
            }
        }
        1 => {
            // Adding a reason (or an objection, or an undercut).
            let target = pick(rng, &all)?;
            let kind = if map.inference(&target).is_some() || rng.chance(30) {
                InferenceKind::Conflict
            } else {
                InferenceKind::Support
            };
            let p = map.node(&target)?.pos.unwrap_or_default();
            let sid = map.allocate_id(IdKind::Statement);
            let iid = map.allocate_id(IdKind::Inference);
            let pos = Pos::new(p.x + rng.below(400) as f32 - 200.0, p.y + 190.0);
            Command::Batch(vec![
                Command::AddStatement {
                    id: Some(sid.clone()),
                    statement: Statement::new(synth::sentence(rng)),
                    pos: Some(pos),
                },
                Command::Connect {
                    id: Some(iid.clone()),
                    inference: Inference::new(kind),
                    premises: vec![sid],
                    target,
                },
                Command::Place(vec![Placement {
                    id: iid,
                    pos: Some(Pos::new(pos.x, (pos.y + p.y) / 2.0)),
                    pinned: false,
                }]),
            ])
        }
        2 => {
            // A drag step of a few selected nodes.
            let n = 1 + rng.below(6);
            let (dx, dy) = (rng.below(200) as f32 - 100.0, rng.below(200) as f32 - 100.0);
            let moves = (0..n)
                .filter_map(|_| pick(rng, &all))
                .collect::<HashSet<_>>()
                .into_iter()
                .map(|id| {
                    let p = map.node(&id).and_then(|n| n.pos).unwrap_or_default();
                    (id, Pos::new(p.x + dx, p.y + dy))
                })
                .collect();
            Command::Move { moves }
        }
        3 => Command::Remove {
            ids: vec![pick(rng, &all)?],
        },
        4 => {
            let id = pick(rng, &inferences)?;
            let mut inference = map.inference(&id)?.clone();
            inference.kind = match inference.kind {
                InferenceKind::Support => InferenceKind::Conflict,
                InferenceKind::Conflict => InferenceKind::Rephrase,
                InferenceKind::Rephrase => InferenceKind::Support,
            };
            Command::EditInference { id, inference }
        }
        5 => {
            let inference = pick(rng, &inferences)?;
            let premises: Vec<String> = map
                .premise_ids(&inference)
                .into_iter()
                .map(str::to_owned)
                .collect();
            if premises.len() > 1 && rng.chance(50) {
                Command::RemovePremise {
                    inference,
                    premise: pick(rng, &premises)?,
                }
            } else {
                Command::AddPremise {
                    inference,
                    premise: pick(rng, &statements)?,
                }
            }
        }
        _ => {
            let id = pick(rng, &statements)?;
            match rng.below(3) {
                0 => Command::AddEvidence {
                    statement: id,
                    index: None,
                    evidence: Evidence {
                        text: "seen".into(),
                        ..Evidence::default()
                    },
                },
                1 => Command::EditStatement {
                    id,
                    field: StatementField::Title(synth::sentence(rng)),
                },
                _ => Command::EditStatement {
                    id,
                    field: StatementField::Role(Role::ALL[rng.below(Role::ALL.len())]),
                },
            }
        }
    })
}

/// Asserts that `scene` and `index` equal a rebuild, and answer alike.
fn assert_matches_rebuild(
    scene: &Scene,
    index: &SceneIndex,
    map: &Map,
    options: &SceneOptions,
    rng: &mut Rng,
) -> Result<(), TestCaseError> {
    let fresh = build(map, measurer(), options);
    prop_assert_eq!(&scene.boxes, &fresh.boxes);
    prop_assert_eq!(&scene.connectors, &fresh.connectors);
    prop_assert_eq!(&scene.edges, &fresh.edges);
    prop_assert_eq!(scene, &fresh);
    let fresh_index = SceneIndex::new(&fresh);
    let b = fresh.bounds;
    for _ in 0..12 {
        let x = b.min.x + rng.below(b.width().max(1.0) as usize + 1) as f32;
        let y = b.min.y + rng.below(b.height().max(1.0) as usize + 1) as f32;
        let (w, h) = (rng.below(900) as f32, rng.below(600) as f32);
        let area = Rect {
            min: Pos::new(x, y),
            max: Pos::new(x + w, y + h),
        };
        prop_assert_eq!(index.boxes.query(&area), fresh_index.boxes.query(&area));
        prop_assert_eq!(
            index.connectors.query(&area),
            fresh_index.connectors.query(&area)
        );
        prop_assert_eq!(index.edges.query(&area), fresh_index.edges.query(&area));
        let p = Pos::new(x, y);
        prop_assert_eq!(index.box_at(p), fresh_index.box_at(p));
    }
    for (i, bx) in scene.boxes.iter().enumerate() {
        prop_assert!(index.boxes.at(bx.rect.center()).contains(&i));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn updated_scene_equals_a_rebuild(
        seed in 0u64..1000,
        size in 3usize..40,
        edits in proptest::collection::vec((0u8..9, any::<u64>()), 1..14),
    ) {
        let mut map = placed_map(size, seed);
        let mut options = SceneOptions::default();
        let mut scene = build(&map, measurer(), &options);
        let mut index = SceneIndex::new(&scene);
        let mut undo: Vec<Command> = Vec::new();
        for (op, r) in edits {
            let mut rng = Rng::new(r);
            if op == 8 {
                // Folding: hide a random set of nodes, or show all again.
                options.only = if rng.chance(30) {
                    None
                } else {
                    Some(
                        map.graph()
                            .node_indices()
                            .filter(|_| !rng.chance(25))
                            .collect(),
                    )
                };
                prop_assert!(update_visibility(
                    &mut scene, &mut index, &map, measurer(), &options
                ));
            } else {
                let cmd = if op == 7 {
                    // Undo the last edit.
                    match undo.pop() {
                        Some(inverse) => inverse,
                        None => continue,
                    }
                } else {
                    match random_command(&mut map, op, &mut rng) {
                        Some(cmd) => cmd,
                        None => continue,
                    }
                };
                let Ok(applied) = apply(&mut map, cmd) else { continue };
                let touched = touched_nodes(&map, &applied.inverse);
                undo.push(applied.inverse);
                prop_assert!(update(
                    &mut scene, &mut index, &map, measurer(), &options, &touched
                ));
            }
            assert_matches_rebuild(&scene, &index, &map, &options, &mut rng)?;
        }
    }
}

#[test]
fn refuses_unplaced_nodes_and_changed_themes() {
    let mut map = placed_map(10, 3);
    let options = SceneOptions::default();
    let mut scene = build(&map, measurer(), &options);
    let mut index = SceneIndex::new(&scene);
    let before = scene.clone();
    let dark = SceneOptions {
        theme: ThemeName::Dark,
        ..SceneOptions::default()
    };
    assert!(!update(
        &mut scene,
        &mut index,
        &map,
        measurer(),
        &dark,
        &[]
    ));
    let applied = apply(
        &mut map,
        Command::AddStatement {
            id: None,
            statement: Statement::new("unplaced"),
            pos: None,
        },
    )
    .unwrap();
    let touched = touched_nodes(&map, &applied.inverse);
    assert!(!update(
        &mut scene,
        &mut index,
        &map,
        measurer(),
        &options,
        &touched
    ));
    assert_eq!(scene, before, "a refused update changes nothing");
}

#[test]
fn typing_changes_one_box_in_place() {
    let mut map = placed_map(30, 5);
    let options = SceneOptions::default();
    let mut scene = build(&map, measurer(), &options);
    let mut index = SceneIndex::new(&scene);
    let id = scene.boxes[4].id.clone();
    let long = format!(
        "{} {}",
        map.statement(&id).unwrap().text,
        "word ".repeat(40)
    );
    let applied = apply(
        &mut map,
        Command::EditStatement {
            id: id.clone(),
            field: StatementField::Text(long),
        },
    )
    .unwrap();
    let touched = touched_nodes(&map, &applied.inverse);
    assert_eq!(touched, vec![id.clone()]);
    let old_height = scene.boxes[4].rect.height();
    assert!(update(
        &mut scene,
        &mut index,
        &map,
        measurer(),
        &options,
        &touched
    ));
    assert!(scene.boxes[4].rect.height() > old_height, "the box grew");
    assert_eq!(scene, build(&map, measurer(), &options));
    assert_eq!(index.box_at(scene.boxes[4].rect.max), Some(4));
}
