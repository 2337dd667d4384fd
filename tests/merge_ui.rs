//! The Problems window resolves merge conflicts: "Keep theirs" and "Edit"
//! change the model through one undoable command.

mod common;

use argmap::app::document::Document;
use argmap::model::MergeConflict;
use common::harness;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

/// The example map with a conflict on its first statement's text.
fn conflicted() -> (Document, String) {
    let mut doc = common::example();
    let id = doc
        .map
        .nodes_sorted()
        .iter()
        .find(|n| n.is_statement())
        .map(|n| n.id.clone())
        .unwrap();
    let ours = doc.map.statement(&id).unwrap().text.clone();
    doc.map.insert_conflict(
        0,
        MergeConflict {
            kind: "statement".into(),
            id: id.clone(),
            field: "text".into(),
            base: None,
            ours: ours.into(),
            theirs: "Their wording of the claim.".into(),
            note: String::new(),
        },
    );
    (doc, id)
}

#[test]
fn keep_theirs_in_the_problems_window_sets_the_text_and_undo_restores_the_conflict() {
    let (doc, id) = conflicted();
    let mut h = harness(doc);
    assert!(
        h.state().panels.problems,
        "a map with conflicts opens with the Problems window"
    );
    assert!(
        h.query_by_label_contains("Their wording of the claim.")
            .is_some()
    );
    h.get_by_label("Keep theirs").click();
    h.run_steps(3);
    let map = &h.state().doc.map;
    assert_eq!(
        map.statement(&id).unwrap().text,
        "Their wording of the claim."
    );
    assert!(map.conflicts().is_empty());
    h.state_mut().doc.undo().unwrap();
    h.run_steps(2);
    assert_eq!(h.state().doc.map.conflicts().len(), 1);
}

#[test]
fn edit_in_the_problems_window_keeps_a_hand_written_text() {
    let (doc, id) = conflicted();
    let mut h = harness(doc);
    h.state_mut().panels.problems = true;
    h.run_steps(3);
    h.get_by_label("Edit value").click();
    h.run_steps(2);
    h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "The value to keep",
    )
    .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "The value to keep",
    )
    .type_text("Both wordings, merged.");
    h.run_steps(2);
    h.get_by_label("Use this").click();
    h.run_steps(3);
    let map = &h.state().doc.map;
    assert_eq!(map.statement(&id).unwrap().text, "Both wordings, merged.");
    assert!(map.conflicts().is_empty());
}
