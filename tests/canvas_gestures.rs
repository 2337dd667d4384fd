//! Canvas gestures driven headless through egui_kittest, by pointer and
//! keyboard, each checked on the model afterwards: where pasted nodes
//! land, the zoom of a new map and across a resize, Enter and Shift+Enter
//! while editing in place, band selection, connecting by a box's handle,
//! and crash recovery keeping the document's file.

mod common;
use common::{example, harness, harness_with};

use argmap::app::ArgmapApp;
use argmap::app::Intent;
use argmap::app::actions::Action;
use argmap::app::document::Document;
use argmap::app::state::Dialog;
use argmap::model::{InferenceKind, Pos};
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The clipboard text of a copy of `ids` in the example map.
fn copied(h: &mut Harness<'static, ArgmapApp>, ids: &[&str]) -> String {
    h.state_mut().selection.0 = ids.iter().map(|s| s.to_string()).collect();
    h.state_mut().push(Intent::Action(Action::Copy));
    for _ in 0..3 {
        h.step();
        let copied = h
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::CopyText(t) => Some(t.clone()),
                _ => None,
            });
        if let Some(text) = copied {
            return text;
        }
    }
    panic!("the copy never reached the clipboard")
}

fn centroid(app: &ArgmapApp, ids: &[String]) -> Pos {
    let pos: Vec<Pos> = ids
        .iter()
        .map(|id| app.doc.map.node(id).unwrap().pos.unwrap())
        .collect();
    let n = pos.len() as f32;
    Pos::new(
        pos.iter().map(|p| p.x).sum::<f32>() / n,
        pos.iter().map(|p| p.y).sum::<f32>() / n,
    )
}

/// Whether any pasted box overlaps a box that was there before.
fn overlaps_others(app: &ArgmapApp, pasted: &[String]) -> bool {
    let others: Vec<egui::Rect> = app
        .doc
        .map
        .nodes_sorted()
        .into_iter()
        .filter(|n| n.is_statement() && !pasted.contains(&n.id))
        .filter_map(|n| app.node_screen_rect(&n.id))
        .collect();
    pasted.iter().any(|id| {
        let r = app.node_screen_rect(id).unwrap();
        others.iter().any(|o| o.intersects(r))
    })
}

/// Pasted nodes land where the user is looking — centred on the pointer
/// when it is over the canvas, else on the middle of the view — unless
/// that would cover what is already drawn: then the group moves, in one
/// piece, to the nearest free place.
#[test]
fn pasted_nodes_land_near_the_pointer_or_in_view_never_on_boxes() {
    let mut h = harness(example());
    let text = copied(&mut h, &["air", "thesis"]);
    h.run_steps(3);
    // Pointer over the canvas.
    let canvas = h.state().canvas_screen_rect();
    let pointer = canvas.center() + Vec2::new(40.0, 30.0);
    h.event(Event::PointerMoved(pointer));
    h.run_steps(2);
    h.event(Event::Paste(text.clone()));
    h.run_steps(3);
    let ids = h.state().selection.0.clone();
    assert_eq!(ids.len(), 2, "the pasted nodes are selected");
    assert!(
        !overlaps_others(h.state(), &ids),
        "no pasted box covers another"
    );
    let c = centroid(h.state(), &ids);
    let rects: Vec<_> = ids
        .iter()
        .map(|id| h.state().node_screen_rect(id).unwrap().center())
        .collect();
    let screen_centre = Pos2::new(
        (rects[0].x + rects[1].x) / 2.0,
        (rects[0].y + rects[1].y) / 2.0,
    );
    assert!(
        screen_centre.distance(pointer) < 700.0,
        "near the pointer: {screen_centre:?} vs {pointer:?} (canvas {c:?})"
    );
    // Pointer away from the canvas (over the outline): near the middle of the view.
    h.event(Event::PointerMoved(Pos2::new(5.0, 400.0)));
    h.run_steps(2);
    h.event(Event::Paste(text));
    h.run_steps(3);
    let ids = h.state().selection.0.clone();
    assert!(!overlaps_others(h.state(), &ids));
    let c = centroid(h.state(), &ids);
    let view = h.state().view_centre_of_canvas();
    assert!(
        (c.x - view.x).hypot(c.y - view.y) < 700.0,
        "{c:?} vs {view:?}"
    );
}

#[test]
fn a_new_map_opens_at_100_percent_and_a_resize_keeps_the_zoom() {
    let mut h = harness(example());
    h.state_mut().push(Intent::Action(Action::New));
    h.run_steps(3);
    assert_eq!(h.state().doc.map.node_count(), 0);
    assert!(
        (h.state().zoom() - 1.0).abs() < 0.01,
        "zoom {}",
        h.state().zoom()
    );
    // The first statement of the new map is in view.
    h.state_mut().push(Intent::Action(Action::NewStatement));
    h.run_steps(3);
    let id = h.state().selection.primary().unwrap().to_owned();
    let r = h.state().node_screen_rect(&id).unwrap();
    assert!(h.state().canvas_screen_rect().contains_rect(r));
    // A bigger window (as a narrower side panel) changes no zoom.
    h.state_mut().push(Intent::Action(Action::FitMap));
    h.run_steps(2);
    let before = h.state().zoom();
    h.set_size(Vec2::new(1700.0, 1000.0));
    h.run_steps(3);
    assert!(
        (h.state().zoom() - before).abs() < 1e-3,
        "{before} -> {}",
        h.state().zoom()
    );
}

#[test]
fn enter_commits_the_text_and_shift_enter_breaks_the_line() {
    let mut h = harness(example());
    let before = h.state().doc.map.statement("air").unwrap().text.clone();
    h.state_mut().selection.set("air");
    h.state_mut().push(Intent::Action(Action::EditText));
    h.run_steps(3);
    assert!(h.state().editing.is_some());
    // Enter straight away (all text selected) keeps the text.
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().editing.is_none(), "Enter finishes editing");
    assert_eq!(h.state().doc.map.statement("air").unwrap().text, before);
    assert!(!h.state().doc.history.can_undo(), "nothing changed");
    // Typed text with a Shift+Enter line break, then Enter.
    h.state_mut().push(Intent::Action(Action::EditText));
    h.run_steps(3);
    let field = h.get_by_label("Statement text (Enter to finish)");
    field.type_text("first");
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(2);
    h.get_by_label("Statement text (Enter to finish)")
        .type_text("second");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().editing.is_none());
    assert_eq!(
        h.state().doc.map.statement("air").unwrap().text,
        "first\nsecond"
    );
}

/// A primary-button drag from `from` to `to` in several steps, holding `modifiers`.
fn drag(h: &mut Harness<'static, ArgmapApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(from));
    h.run_steps(2);
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.run_steps(1);
    for k in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (k as f32 / 6.0)));
        h.run_steps(1);
    }
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.run_steps(2);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(1);
}

#[test]
fn shift_drag_on_empty_space_selects_the_boxes_inside_the_band() {
    let mut h = harness(example());
    h.state_mut().push(Intent::Action(Action::ActualSize));
    h.state_mut().push(Intent::Reveal("air".into()));
    h.run_steps(3);
    h.state_mut().selection.0.clear();
    h.run_steps(1);
    let air = h.state().node_screen_rect("air").unwrap();
    let from = air.left_top() - Vec2::new(15.0, 15.0);
    let to = air.right_bottom() + Vec2::new(15.0, 15.0);
    drag(&mut h, from, to, Modifiers::SHIFT);
    let sel = &h.state().selection.0;
    assert!(sel.contains(&"air".to_owned()), "{sel:?}");
    for id in sel {
        let r = h.state().node_screen_rect(id).unwrap();
        assert!(
            egui::Rect::from_two_pos(from, to).contains_rect(r),
            "{id} is inside the band"
        );
    }
}

#[test]
fn dragging_a_handle_onto_a_box_offers_the_connect_menu() {
    let mut h = harness(example());
    h.state_mut().push(Intent::Action(Action::ActualSize));
    h.state_mut().push(Intent::Reveal("air".into()));
    h.run_steps(3);
    let air = h.state().node_screen_rect("air").unwrap();
    // Any other statement in view is a target.
    let target = h
        .state()
        .doc
        .map
        .nodes_sorted()
        .into_iter()
        .filter(|n| n.is_statement() && n.id != "air")
        .filter_map(|n| Some((n.id.clone(), h.state().node_screen_rect(&n.id)?)))
        .find(|(_, r)| {
            h.state()
                .canvas_screen_rect()
                .shrink(20.0)
                .contains(r.center())
        })
        .expect("another box in view");
    let inferences = h.state().doc.map.inference_count();
    let handle = air.center_bottom() + Vec2::new(0.0, 7.0);
    drag(&mut h, handle, target.1.center(), Modifiers::NONE);
    h.get_by_label("Support").click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.inference_count(), inferences + 1);
    let new = app
        .doc
        .map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| Some((n.id.clone(), n.as_inference()?.kind)))
        .filter(|(id, kind)| {
            *kind == InferenceKind::Support
                && app.doc.map.premise_ids(id) == vec!["air".to_owned()]
                && app.doc.map.target_id(id) == Some(target.0.as_str())
        })
        .count();
    assert_eq!(new, 1, "air now supports {}", target.0);
}

#[test]
fn restored_work_stays_tied_to_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.argmap.json");
    let recovery = dir.path().join("recovery");
    // An earlier run: the file opened, edited, autosaved, then a crash.
    {
        let mut doc = example();
        doc.save_to(&file, "2026-01-01").unwrap();
        let (mut doc, _) = Document::open(&file).unwrap();
        doc.apply(argmap::ops::Command::AddStatement {
            id: Some("crash-proof".into()),
            statement: argmap::model::Statement::new("written before the crash"),
            pos: None,
        })
        .unwrap();
        let mut rec = argmap::app::recovery::Recovery::new(recovery.clone());
        rec.write_now(&doc).unwrap();
    }
    let app = ArgmapApp::new(Document::bundled().unwrap()).with_recovery_dir(recovery.clone());
    assert!(matches!(app.dialog, Some(Dialog::Restore { .. })));
    let mut h = harness_with(app);
    h.get_by_label("Restore").click();
    h.run_steps(3);
    let app = h.state();
    assert!(app.dialog.is_none());
    assert!(app.doc.map.statement("crash-proof").is_some());
    assert_eq!(app.doc.path.as_deref(), Some(file.as_path()));
    assert!(app.doc.is_dirty());
    assert!(app.doc.window_title().contains("mine.argmap.json"));
    // The recovery file is still there until the work is saved.
    assert!(recovery.join("autosave.argmap.json").exists());
    // Save goes to the original file.
    h.state_mut().push(Intent::Action(Action::Save));
    h.run_steps(3);
    assert!(h.state().dialog.is_none(), "no Save As prompt");
    assert!(!h.state().doc.is_dirty());
    let (saved, _) = Document::open(&file).unwrap();
    assert!(saved.map.statement("crash-proof").is_some());
}
