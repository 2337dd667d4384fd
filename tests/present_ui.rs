//! Present mode driven headless through egui_kittest: F5 presents the
//! map's first tour (or a generated one), Back is the exact inverse of
//! Next, jumps and blanking work, and Esc puts the panels, selection and
//! camera back exactly as they were.

mod common;
use common::{example, harness};

use std::collections::BTreeSet;

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::app::panels::PanelVisibility;
use argmap::model::tour_gen::generate_tour;
use argmap::model::{Overlay, TourStep};
use argmap::ops::{Command, StepField};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The Togo speech map, which holds the 20-step "Seminar" tour.
fn speech() -> Document {
    let loaded = argmap::bundled::DEFAULT.load().unwrap();
    Document::new(loaded.map, None)
}

/// Presses `key` and lets the camera glide settle (the harness steps a
/// quarter second per frame; the glide takes 350 ms).
fn press(h: &mut Harness<'static, ArgmapApp>, key: Key) {
    h.key_press(key);
    h.run_steps(4);
}

/// What the canvas shows: the visible statements and the camera.
fn picture(h: &Harness<'static, ArgmapApp>) -> (Vec<String>, egui::Rect) {
    (h.state().visible_on_canvas(), h.state().canvas_view())
}

fn step(h: &Harness<'static, ArgmapApp>) -> usize {
    h.state().present_state().expect("presenting").step
}

#[test]
fn next_then_back_retraces_every_step_exactly() {
    let mut h = harness(speech());
    press(&mut h, Key::F5);
    assert_eq!(h.state().presented_tour(), Some("Seminar"));
    let steps = h.state().present_state().unwrap().steps;
    assert_eq!(steps, 20);
    let all = h.state().doc.map.statement_count();
    let tour = h.state().doc.map.tour("Seminar").unwrap().clone();
    // The statements the tour has revealed by step `k`, in the canvas's order.
    let revealed = |h: &Harness<'static, ArgmapApp>, k: usize| -> Vec<String> {
        let seen = tour.visible_at(k);
        h.state()
            .doc
            .map
            .nodes_sorted()
            .into_iter()
            .filter(|n| n.is_statement() && seen.contains(n.id.as_str()))
            .map(|n| n.id.clone())
            .collect()
    };
    let mut forward = vec![picture(&h)];
    assert_eq!(forward[0].0, revealed(&h, 0));
    for k in 1..steps {
        press(
            &mut h,
            if k.is_multiple_of(2) {
                Key::Space
            } else {
                Key::ArrowRight
            },
        );
        assert_eq!(step(&h), k);
        forward.push(picture(&h));
        assert_eq!(
            forward[k].0,
            revealed(&h, k),
            "step {k} shows what the tour revealed"
        );
    }
    // Reveal is progressive: the first step shows less than the last.
    assert!(forward[0].0.len() < forward[steps - 1].0.len());
    assert!(forward[0].0.len() < all);
    // The camera moves between steps.
    assert!(forward.windows(2).any(|w| w[0].1 != w[1].1));
    for k in (0..steps - 1).rev() {
        press(
            &mut h,
            if k.is_multiple_of(2) {
                Key::ArrowLeft
            } else {
                Key::PageUp
            },
        );
        assert_eq!(step(&h), k);
        assert_eq!(picture(&h), forward[k], "step {k} differs going back");
    }
}

#[test]
fn esc_restores_the_panels_selection_and_camera() {
    let mut app = ArgmapApp::new(speech());
    app.panels.evidence = true;
    app.panels.sources = false;
    let mut h = common::harness_with(app);
    let thesis = h.state().visible_on_canvas()[0].clone();
    h.state_mut().selection.set(thesis.clone());
    h.run_steps(2);
    let panels = h.state().panels;
    let camera = h.state().canvas_view();
    let zoom = h.state().zoom();
    press(&mut h, Key::F5);
    assert_eq!(h.state().panels, PanelVisibility::canvas_only());
    assert!(h.state().selection.0.is_empty());
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::End);
    assert_eq!(step(&h), 19);
    press(&mut h, Key::Escape);
    assert!(h.state().present_state().is_none());
    assert_eq!(h.state().panels, panels);
    assert_eq!(h.state().selection.0, vec![thesis]);
    assert_eq!(h.state().canvas_view(), camera);
    assert_eq!(h.state().zoom(), zoom);
    // Every statement is drawn again.
    let all = h.state().doc.map.statement_count();
    assert_eq!(h.state().visible_on_canvas().len(), all);
}

#[test]
fn a_map_without_tours_presents_the_generated_tour() {
    let doc = example();
    assert!(doc.map.tours().is_empty());
    let generated = generate_tour(&doc.map, "x");
    let mut h = harness(doc);
    press(&mut h, Key::F5);
    assert_eq!(
        h.state().presented_tour(),
        Some(argmap::app::present::GENERATED_TOUR)
    );
    assert_eq!(
        h.state().present_state().unwrap().steps,
        generated.steps.len()
    );
    // Step 1 shows exactly the statements the generated tour reveals first.
    let map = &h.state().doc.map;
    let first: BTreeSet<String> = generated
        .visible_at(0)
        .into_iter()
        .filter(|id| map.statement(id).is_some())
        .map(str::to_owned)
        .collect();
    let shown: BTreeSet<String> = h.state().visible_on_canvas().into_iter().collect();
    assert!(!first.is_empty());
    assert_eq!(shown, first);
}

#[test]
fn digits_and_enter_jump_home_and_end_go_to_the_ends_and_b_blanks() {
    let mut h = harness(speech());
    press(&mut h, Key::F5);
    for key in [Key::Num1, Key::Num2, Key::Enter] {
        h.key_press(key);
    }
    h.run_steps(4);
    assert_eq!(step(&h), 11);
    press(&mut h, Key::Home);
    assert_eq!(step(&h), 0);
    press(&mut h, Key::End);
    assert_eq!(step(&h), 19);
    press(&mut h, Key::ArrowRight);
    assert_eq!(step(&h), 19, "next stops at the last step");
    press(&mut h, Key::B);
    assert!(h.state().present_state().unwrap().blank);
    press(&mut h, Key::N);
    assert!(h.state().present_state().unwrap().notes);
    press(&mut h, Key::B);
    assert!(!h.state().present_state().unwrap().blank);
}

#[test]
fn the_spotlight_dims_all_but_the_steps_focus() {
    let mut h = harness(speech());
    press(&mut h, Key::F5);
    press(&mut h, Key::End);
    let tour = h.state().doc.map.tour("Seminar").unwrap().clone();
    let focus = tour.steps[19]
        .focus
        .clone()
        .expect("the last step has a focus");
    assert!(h.state().dimmed_on_canvas().is_empty());
    press(&mut h, Key::S);
    assert!(h.state().present_state().unwrap().spotlight);
    let dimmed = h.state().dimmed_on_canvas();
    let shown = h.state().visible_on_canvas();
    assert!(!dimmed.is_empty() && dimmed.len() < shown.len());
    assert!(!dimmed.contains(&focus.node));
    press(&mut h, Key::S);
    assert!(h.state().dimmed_on_canvas().is_empty());
}

#[test]
fn p_opens_the_presenter_view_with_step_timer_note_and_next_preview() {
    let mut h = harness(speech());
    press(&mut h, Key::F5);
    assert!(!h.state().present_state().unwrap().presenter);
    press(&mut h, Key::P);
    assert!(h.state().present_state().unwrap().presenter);
    let steps: Vec<TourStep> = h.state().doc.map.tour("Seminar").unwrap().steps.clone();
    // Headless, the presenter viewport is embedded as a window.
    h.get_by_label("Step 1 of 20");
    h.get_by_label(&steps[0].note);
    h.get_by_label("Next: step 2");
    h.get_by_label(&steps[1].note);
    h.get_by_label("Next step preview");
    assert!(
        h.query_all_by_label_contains("00:0").next().is_some(),
        "the timer shows the seconds since F5"
    );
    press(&mut h, Key::ArrowRight);
    h.get_by_label("Step 2 of 20");
    h.get_by_label(&steps[1].note);
    press(&mut h, Key::End);
    h.get_by_label("Last step");
    // The notes strip stays off the audience's screen while the presenter
    // view is open; N still toggles it for one-screen use.
    press(&mut h, Key::P);
    assert!(!h.state().present_state().unwrap().presenter);
    assert!(h.query_by_label("Step 20 of 20").is_none());
}

#[test]
fn a_steps_overlay_switch_shows_labels_for_that_step_and_esc_restores() {
    let mut h = harness(speech());
    h.state_mut().evaluation.overlay = true;
    let cmd = Command::EditStep {
        tour: "Seminar".into(),
        index: 1,
        field: StepField::Overlay(Some(Overlay::EvaluationLabels)),
    };
    h.state_mut().doc.apply(cmd).unwrap();
    h.run_steps(2);
    press(&mut h, Key::F5);
    let overlay = |h: &Harness<'static, ArgmapApp>| h.state().present_state().unwrap().overlay;
    assert!(!overlay(&h), "step 1 asks for no labels");
    press(&mut h, Key::ArrowRight);
    assert!(overlay(&h), "step 2 asks for labels");
    assert!(
        !h.state().evaluation.shown_labels().is_empty(),
        "and the labels are computed"
    );
    press(&mut h, Key::ArrowRight);
    assert!(!overlay(&h));
    press(&mut h, Key::ArrowLeft);
    assert!(overlay(&h), "back to step 2 shows them again");
    press(&mut h, Key::Escape);
    assert!(
        h.state().evaluation.overlay,
        "Esc restores the overlay as it was"
    );
    h.state_mut().evaluation.overlay = false;
    press(&mut h, Key::F5);
    press(&mut h, Key::ArrowRight);
    press(&mut h, Key::Escape);
    assert!(!h.state().evaluation.overlay);
}

#[test]
fn the_notes_strip_gets_its_own_room_below_the_canvas() {
    let mut h = harness(speech());
    press(&mut h, Key::F5);
    let full = h.state().canvas_screen_rect();
    press(&mut h, Key::N);
    h.run_steps(2);
    assert!(h.state().present_state().unwrap().notes);
    let above = h.state().canvas_screen_rect();
    // The strip is 22 % of the screen, 120 px at least: the canvas, and so
    // each step's camera fit, ends above it.
    assert!(
        above.max.y <= full.max.y - 119.0,
        "canvas {above:?} with the strip, {full:?} without"
    );
    assert_eq!(above.min.y, full.min.y);
    press(&mut h, Key::N);
    h.run_steps(2);
    assert_eq!(h.state().canvas_screen_rect(), full, "room given back");
}
