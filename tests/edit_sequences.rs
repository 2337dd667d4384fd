//! Property tests: random edit sequences on random maps (tours included)
//! undo and redo exactly, and save → load → save is an identity.

use argmap::io::native::{self, LoadOptions, SaveOptions};
use argmap::model::{
    Anchor, Basis, Camera, Evidence, Focus, Inference, InferenceKind, Map, MapMeta, Overlay, Pos,
    Role, Source, Statement, Tour, TourStep,
};
use argmap::ops::{Command, History, StatementField, StepField, schemes};
use proptest::prelude::*;

/// One random step: an operation number and numbers to pick its arguments.
#[derive(Clone, Debug)]
struct Step {
    op: u8,
    a: usize,
    b: usize,
    c: usize,
    text: String,
    x: f32,
    y: f32,
}

fn step() -> impl Strategy<Value = Step> {
    (
        0u8..34,
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        "[a-zA-Zа-я0-9 \"<&>\n“”]{0,24}",
        -5000.0f32..5000.0,
        -5000.0f32..5000.0,
    )
        .prop_map(|(op, a, b, c, text, x, y)| Step {
            op,
            a,
            b,
            c,
            text,
            x,
            y,
        })
}

fn pick(ids: &[String], n: usize) -> Option<String> {
    (!ids.is_empty()).then(|| ids[n % ids.len()].clone())
}

fn ids_of(map: &Map, statements: Option<bool>) -> Vec<String> {
    map.nodes_sorted()
        .into_iter()
        .filter(|n| statements.is_none_or(|s| n.is_statement() == s))
        .map(|n| n.id.clone())
        .collect()
}

fn evidence_ids(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_statement())
        .flat_map(|s| s.evidence.iter().map(|e| e.id.clone()))
        .collect()
}

/// Turns a random step into a command that may or may not be valid for
/// the current map; invalid ones must be refused without change.
fn command_for(map: &Map, s: &Step) -> Option<Command> {
    let all = ids_of(map, None);
    let statements = ids_of(map, Some(true));
    let inferences = ids_of(map, Some(false));
    let text = if s.text.trim().is_empty() {
        format!("t{}", s.a % 97)
    } else {
        s.text.clone()
    };
    Some(match s.op {
        0 | 1 => Command::AddStatement {
            id: None,
            statement: Statement::new(text).with_role(Role::ALL[s.b % 5]),
            pos: s.c.is_multiple_of(2).then(|| Pos::new(s.x, s.y)),
        },
        2 => Command::EditStatement {
            id: pick(&statements, s.a)?,
            field: match s.b % 5 {
                0 => StatementField::Text(text),
                1 => StatementField::Title(text),
                2 => StatementField::Role(Role::ALL[s.c % 5]),
                3 => StatementField::Notes(text),
                _ => StatementField::Tags(vec![text, "tag".into()]),
            },
        },
        3 | 4 => {
            let n = 1 + s.c % 3;
            let premises: Vec<String> = (0..n).filter_map(|k| pick(&all, s.a + k * 7)).collect();
            let kind = InferenceKind::ALL[s.op as usize % 3 + s.c % 2];
            Command::connect(kind, premises, pick(&all, s.b)?)
        }
        5 => Command::AddPremise {
            inference: pick(&inferences, s.a)?,
            premise: pick(&all, s.b)?,
        },
        6 => {
            let inference = pick(&inferences, s.a)?;
            let premises = map.premise_ids(&inference);
            let premise = premises.get(s.b % premises.len().max(1))?.to_string();
            Command::RemovePremise { inference, premise }
        }
        7 => Command::Remove {
            ids: vec![pick(&all, s.a)?],
        },
        8 => Command::Move {
            moves: vec![(pick(&all, s.a)?, Pos::new(s.x, s.y))],
        },
        9 => Command::SetPinned {
            ids: vec![pick(&all, s.a)?],
            pinned: s.b.is_multiple_of(2),
        },
        10 => {
            let source = map.sources().next();
            let anchor = source.and_then(|src| {
                let len = src.text.chars().count();
                let start = s.b % len.max(1);
                let end = start + 1 + s.c % 5;
                Anchor::from_range(&src.id, &src.text, start, end.min(len))
            });
            Command::AddEvidence {
                statement: pick(&statements, s.a)?,
                index: s.c.is_multiple_of(2).then_some(0),
                evidence: Evidence {
                    basis: Basis::ALL[s.b % 7],
                    text,
                    anchor,
                    ..Evidence::default()
                },
            }
        }
        11 => {
            let id = pick(&evidence_ids(map), s.a)?;
            let (ix, pos) = map.evidence_location(&id)?;
            let mut ev = map.node_at(ix)?.as_statement()?.evidence[pos].clone();
            ev.text = text;
            ev.url = "https://example.org/x".into();
            Command::EditEvidence(ev)
        }
        12 => Command::RemoveEvidence {
            id: pick(&evidence_ids(map), s.a)?,
        },
        13 => Command::AddSource(Source {
            title: text.clone(),
            text: format!("Source text: {text} — Россия “quoted”."),
            ..Source::default()
        }),
        14 => Command::Tag {
            id: pick(&statements, s.a)?,
            tag: format!("k{}", s.b % 4),
            on: !s.c.is_multiple_of(3),
        },
        15 => Command::SetMeta(MapMeta {
            title: format!("Map {text}"),
            ..map.meta().clone()
        }),
        16 => Command::EditInference {
            id: pick(&inferences, s.a)?,
            inference: Inference {
                kind: InferenceKind::ALL[s.b % 3],
                title: text,
                description: "d".into(),
                ..Inference::default()
            },
        },
        20..=27 => return tour_command_for(map, s, &all, text),
        28..=33 => return scheme_command_for(map, s, &inferences, &statements, text),
        18 | 19 => {
            // A random edit of a source's text: insert, delete or replace
            // around one place, re-anchoring the evidence that quotes it.
            let sources: Vec<String> = map.sources().map(|src| src.id.clone()).collect();
            let id = pick(&sources, s.a)?;
            let chars: Vec<char> = map.source(&id)?.text.chars().collect();
            let at = s.b % (chars.len() + 1);
            let cut = (at + s.c % 9).min(chars.len());
            let insert = if s.c.is_multiple_of(3) {
                ""
            } else {
                s.text.as_str()
            };
            let text: String = chars[..at]
                .iter()
                .copied()
                .chain(insert.chars())
                .chain(chars[cut..].iter().copied())
                .collect();
            Command::SetSourceText { id, text }
        }
        _ => Command::Batch(vec![
            Command::AddStatement {
                id: None,
                statement: Statement::new(text),
                pos: None,
            },
            Command::Remove {
                ids: vec![pick(&all, s.b)?],
            },
        ]),
    })
}

/// The scheme commands (ops 28 to 33): set a scheme, bind or unbind a
/// role, raise a question, answer it, dismiss it, reopen it. The builders
/// of `ops::schemes` are used as the app uses them.
fn scheme_command_for(
    map: &Map,
    s: &Step,
    inferences: &[String],
    statements: &[String],
    text: String,
) -> Option<Command> {
    let catalogue = argmap::io::schemes::bundled();
    // Binding, raising and answering need a scheme: pick among the
    // inferences that have one, so those steps are not mostly refused.
    let with_scheme: Vec<String> = inferences
        .iter()
        .filter(|i| map.scheme_of(i, catalogue).is_some())
        .cloned()
        .collect();
    let inference = if s.op == 28 {
        pick(inferences, s.a)?
    } else {
        pick(&with_scheme, s.a)?
    };
    let scheme = map.scheme_of(&inference, catalogue);
    let question = scheme.and_then(|sc| {
        (!sc.questions.is_empty()).then(|| sc.questions[s.b % sc.questions.len()].id.clone())
    });
    Some(match s.op {
        28 => {
            let all = catalogue.schemes();
            let id = if s.b.is_multiple_of(7) {
                String::new()
            } else {
                all[s.b % all.len()].id.clone()
            };
            if id.is_empty() {
                Command::SetScheme {
                    inference,
                    scheme: id,
                    definition: None,
                }
            } else {
                schemes::set_scheme(map, catalogue, &inference, &id).ok()?
            }
        }
        29 => {
            let sc = scheme?;
            let role = sc.premises.get(s.b % sc.premises.len().max(1))?.id.clone();
            let premises = map.premise_ids(&inference);
            let premise = (!s.c.is_multiple_of(4))
                .then(|| {
                    premises
                        .get(s.c % premises.len().max(1))
                        .map(|p| p.to_string())
                })
                .flatten();
            Command::BindRole {
                inference,
                role,
                premise,
            }
        }
        30 => schemes::raise_question(map, catalogue, &inference, &question?).ok()?,
        31 => {
            let q = question?;
            if s.c.is_multiple_of(2) {
                schemes::answer_question(map, &inference, &q, &pick(statements, s.c)?)
            } else {
                schemes::answer_with_new(map, &inference, &q, text).0
            }
        }
        32 => schemes::dismiss_question(map, &inference, &question?, &text),
        _ => schemes::reopen(map, &inference, &question?),
    })
}

/// The tour commands: ops 20 to 27.
fn tour_command_for(map: &Map, s: &Step, all: &[String], text: String) -> Option<Command> {
    let tours: Vec<String> = map.tours().iter().map(|t| t.name.clone()).collect();
    let some_ids = |k: usize| -> Vec<String> {
        let mut ids: Vec<String> = (0..k).filter_map(|j| pick(all, s.a + j * 5)).collect();
        ids.dedup();
        ids
    };
    let steps_of = |name: &str| map.tour(name).map_or(0, |t| t.steps.len());
    Some(match s.op {
        20 => {
            let mut tour = Tour::new(format!("T{}", s.a % 4));
            if s.b.is_multiple_of(2) {
                tour.steps.push(TourStep::revealing(some_ids(2)));
            }
            Command::AddTour {
                index: s.c.is_multiple_of(2).then_some(s.c % 3),
                tour,
            }
        }
        21 => Command::RenameTour {
            from: pick(&tours, s.a)?,
            to: format!("T{}", s.b % 5),
        },
        22 => Command::DeleteTour {
            name: pick(&tours, s.a)?,
        },
        23 | 24 => {
            let tour = pick(&tours, s.a)?;
            let index = s.c % (steps_of(&tour) + 2);
            let mut step = TourStep::revealing(some_ids(1 + s.b % 3));
            step.note = text;
            Command::AddStep {
                index: (!s.b.is_multiple_of(3)).then_some(index),
                tour,
                step,
            }
        }
        25 => {
            let tour = pick(&tours, s.a)?;
            let n = steps_of(&tour).max(1);
            Command::MoveStep {
                tour,
                from: s.b % n,
                to: s.c % (n + 1),
            }
        }
        26 => {
            let tour = pick(&tours, s.a)?;
            let index = s.b % (steps_of(&tour) + 1);
            Command::DeleteStep { tour, index }
        }
        _ => {
            let tour = pick(&tours, s.a)?;
            let index = s.b % (steps_of(&tour) + 1);
            let field = match s.c % 6 {
                0 => StepField::Note(text),
                1 => StepField::Reveal(some_ids(s.b % 4)),
                2 => StepField::Highlight(some_ids(1)),
                3 => StepField::Focus(pick(all, s.c).map(|node| Focus {
                    node,
                    depth: (s.a % 7) as u8,
                })),
                4 => StepField::Camera(if s.a.is_multiple_of(2) {
                    Camera::FitFocus
                } else {
                    Camera::FitRevealed
                }),
                _ => StepField::Overlay(s.a.is_multiple_of(2).then_some(Overlay::EvaluationLabels)),
            };
            Command::EditStep { tour, index, field }
        }
    })
}

fn build(steps: &[Step]) -> Map {
    let mut map = Map::new("Random");
    for s in steps {
        if let Some(cmd) = command_for(&map, s) {
            let before = map.clone();
            if argmap::ops::apply(&mut map, cmd).is_err() {
                assert_eq!(map, before, "a refused command changed the map");
            }
        }
    }
    map
}

fn roundtrip(map: &Map) {
    let once = native::to_string(map, &SaveOptions::default());
    let loaded = native::from_str(&once, &LoadOptions::default()).expect("own output loads");
    assert_eq!(&loaded.map, map, "load(save(map)) != map");
    let twice = native::to_string(&loaded.map, &SaveOptions::default());
    assert_eq!(once, twice, "save → load → save is not byte-identical");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_and_redo_all_replays(
        setup in prop::collection::vec(step(), 0..40),
        edits in prop::collection::vec(step(), 1..40),
    ) {
        let mut map = build(&setup);
        let start = map.clone();
        let mut history = History::new();
        for (k, s) in edits.iter().enumerate() {
            if let Some(cmd) = command_for(&map, s) {
                let before = map.clone();
                // Every third step continues a "drag", exercising merging.
                let merge = (k % 3 == 0).then_some(1);
                if history.apply_merging(&mut map, cmd, merge).is_err() {
                    prop_assert_eq!(&map, &before);
                }
            }
        }
        let end = map.clone();
        while history.undo(&mut map).expect("undo applies") {}
        prop_assert_eq!(&map, &start);
        while history.redo(&mut map).expect("redo applies") {}
        prop_assert_eq!(&map, &end);
        roundtrip(&start);
        roundtrip(&end);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Scheme edits on the example map, which has two scheme inferences,
    /// mixed with deletions (so raised objections get deleted too): undo
    /// all restores it, redo all replays, and saving round-trips.
    #[test]
    fn scheme_edits_undo_and_redo(
        ops in prop::collection::vec((28u8..34, any::<bool>()), 1..30),
        edits in prop::collection::vec(step(), 30),
    ) {
        let mut map = argmap::bundled::EXAMPLE.load().unwrap().map;
        let start = map.clone();
        let mut history = History::new();
        for ((op, delete), s) in ops.iter().zip(&edits) {
            let s = Step { op: if *delete && s.c.is_multiple_of(5) { 7 } else { *op }, ..s.clone() };
            if let Some(cmd) = command_for(&map, &s) {
                let before = map.clone();
                if history.apply(&mut map, cmd).is_err() {
                    prop_assert_eq!(&map, &before);
                }
            }
        }
        let end = map.clone();
        while history.undo(&mut map).expect("undo applies") {}
        prop_assert_eq!(&map, &start);
        while history.redo(&mut map).expect("redo applies") {}
        prop_assert_eq!(&map, &end);
        // The example keeps its source text in a file beside it.
        let dir = native::SourceDir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps"));
        let once = native::to_string(&end, &SaveOptions::default());
        let loaded = native::from_str(&once, &LoadOptions { sources: &dir }).expect("own output loads");
        prop_assert_eq!(&loaded.map, &end);
    }
}
