//! The evaluation UI driven headless through egui_kittest: the overlay
//! toggles with its shortcut, the Evaluation window opens from its
//! shortcut, and a what-if override changes labels that undo (or "Discard
//! what-ifs") restores, every one of them. Checked on the app's state.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::eval::Label;
use argmap::model::AcceptanceOverride;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A statement that is IN under grounded, in natural id order.
fn an_in_statement(h: &Harness<'static, ArgmapApp>) -> String {
    let app = h.state();
    app.evaluation
        .shown_labels()
        .into_iter()
        .find(|(id, l)| *l == Label::In && app.doc.map.statement(id).is_some())
        .map(|(id, _)| id)
        .expect("the example map has an accepted statement")
}

#[test]
fn overlay_toggles_with_its_shortcut() {
    let mut h = harness(example());
    assert!(!h.state().evaluation.overlay);
    h.key_press(Key::L);
    h.run_steps(2);
    assert!(h.state().evaluation.overlay, "L turns the overlay on");
    h.key_press(Key::L);
    h.run_steps(2);
    assert!(!h.state().evaluation.overlay, "L again turns it off");
}

#[test]
fn evaluation_window_opens_and_lists_labels() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run_steps(2);
    assert!(h.state().evaluation.open);
    h.get_by_label("What-if");
    h.get_by_label("Show labels on the map").click();
    h.run_steps(2);
    assert!(h.state().evaluation.overlay);
    let labels = h.state().evaluation.shown_labels();
    assert_eq!(
        labels.len(),
        h.state().doc.map.statement_count()
            + h.state()
                .doc
                .map
                .nodes_sorted()
                .iter()
                .filter(|n| !n.is_statement())
                .count(),
        "every statement and inference has a label"
    );
}

#[test]
fn what_if_override_changes_labels_and_undo_restores_every_one() {
    let mut h = harness(example());
    h.state_mut().evaluation.open = true;
    h.run_steps(2);
    h.get_by_label("What-if").click();
    h.run_steps(2);
    assert!(h.state().evaluation.what_if.is_some());
    let before = h.state().evaluation.shown_labels();
    let id = an_in_statement(&h);

    h.state_mut()
        .set_acceptance(&id, AcceptanceOverride::Rejected);
    h.run_steps(3);
    let after = h.state().evaluation.shown_labels();
    assert_eq!(after.get(&id), Some(&Label::Out), "{id} is rejected now");
    let changed = h.state().evaluation.changed.clone();
    assert!(
        changed.contains(&id),
        "the change list names {id}: {changed:?}"
    );
    let differing: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(changed.iter().collect::<Vec<_>>(), differing);
    h.get_by_label(&format!("{} changed:", changed.len()));
    h.get_by_label("1 what-if change(s) in effect");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().evaluation.shown_labels(),
        before,
        "undo restores every label"
    );

    // The same through the what-if layer's discard button.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().evaluation.shown_labels(), after);
    h.get_by_label("Discard what-ifs").click();
    h.run_steps(3);
    assert_eq!(
        h.state().evaluation.shown_labels(),
        before,
        "discard restores every label"
    );
    assert_eq!(
        h.state().doc.map.acceptance_override(&id),
        AcceptanceOverride::Default
    );
}

/// A document of the statements `ids` (in a row) and the rebuttals
/// `attacks` (attacker, target), evaluated under preferred semantics.
fn preferred_map(ids: &[String], attacks: &[(String, String)]) -> argmap::app::document::Document {
    use argmap::model::{EvalOptions, EvalSemantics, Map, Pos, Statement};
    use argmap::ops::{Command, apply};
    let mut map = Map::default();
    for (k, id) in ids.iter().enumerate() {
        let cmd = Command::AddStatement {
            id: Some(id.clone()),
            statement: Statement::new(format!("Statement {id}")),
            pos: Some(Pos::new(k as f32 * 300.0, 0.0)),
        };
        apply(&mut map, cmd).unwrap();
    }
    for (a, b) in attacks {
        apply(&mut map, Command::attack(vec![a.clone()], b.clone())).unwrap();
    }
    apply(
        &mut map,
        Command::SetEvalOptions(EvalOptions {
            semantics: EvalSemantics::Preferred,
            ..EvalOptions::default()
        }),
    )
    .unwrap();
    argmap::app::document::Document::new(map, None)
}

/// A map of `extra` unrelated statements plus two that rebut each other
/// ("a" and "b"): preferred semantics gives two extensions.
fn two_way_conflict(extra: usize) -> argmap::app::document::Document {
    let ids: Vec<String> = ["a", "b"]
        .into_iter()
        .map(str::to_owned)
        .chain((0..extra).map(|k| format!("s{k}")))
        .collect();
    let attacks = [("a", "b"), ("b", "a")].map(|(x, y)| (x.to_owned(), y.to_owned()));
    preferred_map(&ids, &attacks)
}

#[test]
fn stepping_through_preferred_extensions() {
    let mut h = harness(two_way_conflict(1));
    h.state_mut().evaluation.open = true;
    h.run_steps(2);
    let summary = h.state().evaluation.shown_labels();
    assert_eq!(summary["a"], Label::Undec, "a is IN in one extension only");
    assert_eq!(summary["s0"], Label::In);
    h.get_by_label(">").click();
    h.run_steps(2);
    let first = h.state().evaluation.shown_labels();
    h.get_by_label("Extension 1 of 2");
    h.get_by_label(">").click();
    h.run_steps(2);
    let second = h.state().evaluation.shown_labels();
    h.get_by_label("Extension 2 of 2");
    assert_ne!(first["a"], second["a"]);
    assert_eq!(
        [first["a"], first["b"]]
            .iter()
            .filter(|l| **l == Label::In)
            .count(),
        1,
        "exactly one of a and b is IN in each extension"
    );
    h.get_by_label("Summary").click();
    h.run_steps(2);
    assert_eq!(h.state().evaluation.shown_labels(), summary);
}

/// Over 300 statements preferred takes the background path; the labels
/// that arrive are the solver's own.
#[test]
fn preferred_on_a_big_map_gives_the_solvers_labels() {
    let mut h = harness(two_way_conflict(400));
    // Nothing is evaluated until something shows it: open the window.
    h.state_mut().evaluation.open = true;
    h.run_steps(1);
    let mut steps = 0;
    while h.state().evaluation.computing() || h.state().evaluation.outcome().is_none() {
        assert!(steps < 500, "the background evaluation never finished");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run_steps(1);
        steps += 1;
    }
    let expected = argmap::eval::evaluate(&h.state().doc.map, argmap::eval::Semantics::Preferred);
    let labels = h.state().evaluation.shown_labels();
    assert_eq!(labels["a"], Label::Undec);
    assert_eq!(labels["s399"], Label::In);
    let expected: std::collections::BTreeMap<String, Label> = expected
        .standings()
        .into_iter()
        .map(|(id, s)| (id, s.label))
        .collect();
    assert_eq!(labels, expected);
}

/// An evaluation nobody sees is not computed: with the window closed, the
/// overlay off and no statement selected, edits cost no evaluation; turning
/// the overlay on computes it.
#[test]
fn nothing_is_evaluated_until_something_shows_it() {
    let mut h = harness(example());
    h.state_mut().selection.0.clear();
    h.run_steps(2);
    assert!(h.state().evaluation.outcome().is_none());
    h.state_mut().evaluation.overlay = true;
    h.run_steps(2);
    assert!(h.state().evaluation.outcome().is_some());
}

/// Typing and moving do not change what evaluation reads, so they do not
/// run it again; a new attack does.
#[test]
fn typing_keeps_the_evaluation_and_a_new_attack_reruns_it() {
    use argmap::model::Pos;
    use argmap::ops::{Command, StatementField};
    let mut h = harness(example());
    h.state_mut().evaluation.overlay = true;
    h.run_steps(2);
    let runs = h.state().evaluation.runs();
    assert!(runs >= 1);
    let id = an_in_statement(&h);
    let before = h.state().evaluation.shown_labels();
    for text in ["a", "ab", "abc"] {
        h.state_mut().apply(
            Command::EditStatement {
                id: id.clone(),
                field: StatementField::Text(text.into()),
            },
            None,
        );
        h.run_steps(1);
    }
    h.state_mut().apply(
        Command::Move {
            moves: vec![(id.clone(), Pos::new(10.0, 10.0))],
        },
        None,
    );
    h.run_steps(2);
    assert_eq!(h.state().evaluation.runs(), runs, "text and moves reuse it");
    assert_eq!(h.state().evaluation.shown_labels(), before);
    let other = before
        .keys()
        .find(|k| **k != id && h.state().doc.map.statement(k).is_some())
        .cloned()
        .unwrap();
    h.state_mut()
        .apply(Command::attack(vec![other], id.as_str()), None);
    h.run_steps(2);
    assert_eq!(h.state().evaluation.runs(), runs + 1, "an attack reruns it");
}

/// A map whose preferred extensions take minutes to enumerate: 200
/// statements rebutting each other at random (each ordered pair with
/// probability 0.05), plus 150 unrelated ones so it runs in the background.
fn tangled() -> argmap::app::document::Document {
    let ids: Vec<String> = (0..350).map(|k| format!("s{k}")).collect();
    let mut rng = argmap::synth::Rng::new(1200);
    let mut attacks = Vec::new();
    for a in 0..200 {
        for b in 0..200 {
            if a != b && rng.chance(5) {
                attacks.push((format!("s{a}"), format!("s{b}")));
            }
        }
    }
    preferred_map(&ids, &attacks)
}

#[test]
fn a_long_computation_can_be_cancelled_and_is_not_restarted_until_asked() {
    let mut h = harness(tangled());
    h.state_mut().evaluation.open = true;
    h.run_steps(2);
    assert!(
        h.state().evaluation.computing(),
        "preferred runs in the background"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().evaluation.computing());
    assert!(h.state().evaluation.was_cancelled());
    h.get_by_label("Compute again");
    h.run_steps(3);
    assert!(!h.state().evaluation.computing(), "not restarted by itself");
    h.get_by_label("Compute again").click();
    h.run_steps(2);
    assert!(h.state().evaluation.computing(), "restarted on request");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().evaluation.computing());
}
