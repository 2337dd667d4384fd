//! The Tours window driven headless through egui_kittest: tours are made,
//! generated, renamed and deleted; the selection becomes a step; steps move
//! by keys and by drag, are deleted and get notes and overlays; selecting a
//! step shows it on the canvas; F5 presents the chosen tour. Every edit is
//! checked on the map, and undo restores it.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::model::Overlay;
use argmap::model::tour_gen::generate_tour;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The Togo speech map, which holds the 20-step "Seminar" tour.
fn speech() -> Document {
    let loaded = argmap::bundled::DEFAULT.load().unwrap();
    Document::new(loaded.map, None)
}

/// The harness with the Tours window opened by its shortcut.
fn with_tours(doc: Document) -> Harness<'static, ArgmapApp> {
    let mut h = harness(doc);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::J);
    h.run_steps(2);
    assert!(
        h.state().tour_panel.open,
        "Ctrl+Shift+J opens the Tours window"
    );
    h
}

fn tour_names(h: &Harness<'static, ArgmapApp>) -> Vec<String> {
    h.state()
        .doc
        .map
        .tours()
        .iter()
        .map(|t| t.name.clone())
        .collect()
}

fn undo(h: &mut Harness<'static, ArgmapApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
}

fn seminar_steps(h: &Harness<'static, ArgmapApp>) -> Vec<argmap::model::TourStep> {
    h.state().doc.map.tour("Seminar").unwrap().steps.clone()
}

#[test]
fn new_rename_and_delete_a_tour_each_undo() {
    let mut h = with_tours(example());
    h.get_by_label("New tour").click();
    h.run_steps(2);
    assert_eq!(tour_names(&h), ["Tour"]);
    let field = h.get_by_label("Tour name");
    field.focus();
    field.type_text(" of the bus lanes");
    h.run_steps(2);
    h.get_by_label("Rename").click();
    h.run_steps(2);
    assert_eq!(tour_names(&h), ["Tour of the bus lanes"]);
    h.get_by_label("Delete tour").click();
    h.run_steps(2);
    assert!(tour_names(&h).is_empty());
    undo(&mut h);
    assert_eq!(tour_names(&h), ["Tour of the bus lanes"]);
    undo(&mut h);
    assert_eq!(tour_names(&h), ["Tour"]);
    undo(&mut h);
    assert!(tour_names(&h).is_empty());
}

#[test]
fn generate_tour_adds_the_generated_tour() {
    let doc = example();
    let expected = generate_tour(&doc.map, "Generated tour");
    let mut h = with_tours(doc);
    h.get_by_label("Generate tour").click();
    h.run_steps(2);
    assert_eq!(
        h.state().doc.map.tour("Generated tour"),
        Some(&expected),
        "the window adds exactly what the generator makes"
    );
    assert_eq!(
        h.state()
            .tour_panel
            .chosen(&h.state().doc.map)
            .map(|t| t.name.as_str()),
        Some("Generated tour")
    );
    undo(&mut h);
    assert!(tour_names(&h).is_empty());
}

#[test]
fn the_selection_becomes_a_step_and_undo_takes_it_back() {
    let mut h = with_tours(speech());
    let before = seminar_steps(&h);
    let ids = vec!["thesis".to_owned()];
    assert!(h.state().doc.map.statement("thesis").is_some());
    h.state_mut().selection.0 = ids.clone();
    h.state_mut().tour_panel.select_step(Some(2));
    h.run_steps(2);
    h.get_by_label("Add selection as step").click();
    h.run_steps(2);
    let after = seminar_steps(&h);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[3].reveal, ids, "inserted after the selected step");
    assert_eq!(after[3].highlight, ids);
    assert_eq!(
        h.state().tour_panel.step,
        Some(3),
        "the new step is selected"
    );
    undo(&mut h);
    assert_eq!(seminar_steps(&h), before);
}

#[test]
fn alt_up_and_down_move_the_selected_step_and_undo_restores() {
    let mut h = with_tours(speech());
    let before = seminar_steps(&h);
    // Click the second step's row in the list.
    let row = format!(
        "2. {}",
        argmap::app::tour_panel::step_summary(&h.state().doc.map, &before[1])
    );
    h.get_by_label(&row).click();
    h.run_steps(2);
    assert_eq!(h.state().tour_panel.step, Some(1));
    // A node selected on the canvas stays put: Alt+arrows are not nudges.
    h.state_mut().selection.set("thesis");
    let pos = h.state().doc.map.node("thesis").unwrap().pos;
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    let moved = seminar_steps(&h);
    assert_eq!(moved[3], before[1], "two places down");
    assert_eq!(moved[1], before[2]);
    assert_eq!(h.state().tour_panel.step, Some(3), "the selection follows");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(seminar_steps(&h)[2], before[1]);
    assert_eq!(h.state().doc.map.node("thesis").unwrap().pos, pos);
    for _ in 0..3 {
        undo(&mut h);
    }
    assert_eq!(seminar_steps(&h), before);
}

#[test]
fn dragging_a_steps_handle_onto_another_row_moves_it() {
    let mut h = with_tours(speech());
    let before = seminar_steps(&h);
    let handles = h.get_all_by_label("::").collect::<Vec<_>>();
    let from = handles[0].rect().center();
    let to = handles[2].rect().center();
    h.drag_at(from);
    h.run_steps(1);
    h.hover_at(from + egui::vec2(0.0, 6.0));
    h.run_steps(1);
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run_steps(2);
    let after = seminar_steps(&h);
    assert_eq!(after[2], before[0], "the first step now comes third");
    assert_eq!(after[0], before[1]);
    undo(&mut h);
    assert_eq!(seminar_steps(&h), before);
}

#[test]
fn a_steps_note_overlay_and_deletion_are_undoable() {
    let mut h = with_tours(speech());
    let before = seminar_steps(&h);
    h.state_mut().tour_panel.select_step(Some(0));
    h.run_steps(2);
    let field = h.get_by_label("Speaker note");
    field.focus();
    field.type_text(" Ask the room.");
    h.run_steps(2);
    let note = &seminar_steps(&h)[0].note;
    assert!(note.ends_with(" Ask the room."), "{note}");
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label("Evaluation labels at this step").click();
    h.run_steps(2);
    assert_eq!(
        seminar_steps(&h)[0].overlay,
        Some(Overlay::EvaluationLabels)
    );
    h.get_by_label("Delete step").click();
    h.run_steps(2);
    assert_eq!(seminar_steps(&h).len(), before.len() - 1);
    assert_eq!(seminar_steps(&h)[0], before[1]);
    undo(&mut h);
    assert_eq!(
        seminar_steps(&h)[0].overlay,
        Some(Overlay::EvaluationLabels)
    );
    undo(&mut h);
    assert_eq!(seminar_steps(&h)[0].overlay, None);
    undo(&mut h);
    assert_eq!(
        seminar_steps(&h),
        before,
        "typing the note was one undo step"
    );
}

#[test]
fn selecting_a_step_shows_it_on_the_canvas() {
    let mut h = with_tours(speech());
    assert!(h.state().dimmed_on_canvas().is_empty());
    let tour = h.state().doc.map.tour("Seminar").unwrap().clone();
    let row = format!(
        "1. {}",
        argmap::app::tour_panel::step_summary(&h.state().doc.map, &tour.steps[0])
    );
    let view_before = h.state().canvas_view();
    h.get_by_label(&row).click();
    h.run_steps(2);
    let revealed = tour.visible_at(0);
    let dimmed = h.state().dimmed_on_canvas();
    assert!(!dimmed.is_empty());
    for id in h.state().visible_on_canvas() {
        assert_eq!(
            dimmed.contains(&id),
            !revealed.contains(id.as_str()),
            "{id}: greyed exactly when step 1 has not revealed it"
        );
    }
    assert_ne!(h.state().canvas_view(), view_before, "the camera moved");
    // Clicking the selected step again shows the whole map.
    h.get_by_label(&row).click();
    h.run_steps(2);
    assert_eq!(h.state().tour_panel.step, None);
    assert!(h.state().dimmed_on_canvas().is_empty());
}

#[test]
fn f5_presents_the_tour_chosen_in_the_window() {
    let mut h = with_tours(speech());
    h.get_by_label("Generate tour").click();
    h.run_steps(2);
    assert_eq!(tour_names(&h), ["Seminar", "Generated tour"]);
    h.key_press(Key::F5);
    h.run_steps(3);
    assert_eq!(h.state().presented_tour(), Some("Generated tour"));
    h.key_press(Key::Escape);
    h.run_steps(2);
    // Choose Seminar in the window's tour picker, then its Present button.
    h.get_by_label("Tour").click();
    h.run_steps(2);
    h.get_by_label("Seminar").click();
    h.run_steps(2);
    h.get_by_label("Present").click();
    h.run_steps(3);
    assert_eq!(h.state().presented_tour(), Some("Seminar"));
}

#[test]
fn the_selection_joins_a_step_and_the_focus_depth_changes_each_undoable() {
    let mut h = with_tours(speech());
    let before = seminar_steps(&h);
    assert!(!before[0].reveal.contains(&"thesis".to_owned()));
    h.state_mut().tour_panel.select_step(Some(0));
    h.state_mut().selection.set("thesis");
    h.run_steps(2);
    h.get_by_label("Add selection to step").click();
    h.run_steps(2);
    let step = &seminar_steps(&h)[0];
    assert_eq!(step.reveal.last().map(String::as_str), Some("thesis"));
    assert_eq!(step.highlight.last().map(String::as_str), Some("thesis"));
    assert_eq!(step.reveal.len(), before[0].reveal.len() + 1);
    let depth = step.focus.as_ref().expect("step 1 has a focus").depth;
    h.get_by_label("Focus depth")
        .set_value_accesskit(f64::from(depth + 2));
    h.run_steps(2);
    let focus = seminar_steps(&h)[0].focus.clone().unwrap();
    assert_eq!(focus.depth, depth + 2);
    undo(&mut h);
    assert_eq!(seminar_steps(&h)[0].focus.as_ref().unwrap().depth, depth);
    undo(&mut h);
    assert_eq!(
        seminar_steps(&h),
        before,
        "adding to the step was one undo step"
    );
}
