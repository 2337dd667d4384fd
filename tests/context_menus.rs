//! Right-click menus on the canvas, driven headless through egui_kittest:
//! on a statement (it is selected, and "Add reason" adds a reason to it),
//! on a connector (its kind changes), and on empty canvas ("New statement
//! here" adds a statement where the click was). Entries come from the
//! `Action` table, so their labels are the menu bar's.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::app::Intent;
use argmap::app::actions::Action;
use argmap::model::InferenceKind;
use egui::{Event, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

/// Clicks the menu button whose label starts with `label` (a shortcut may follow).
fn click_entry(h: &mut Harness<'static, ArgmapApp>, label: &str) {
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains(label),
    )
    .click();
    h.run_steps(3);
}

/// A right click at `at`.
fn right_click(h: &mut Harness<'static, ArgmapApp>, at: Pos2) {
    h.event(Event::PointerMoved(at));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
}

fn shown(h: &mut Harness<'static, ArgmapApp>, id: &str) -> egui::Rect {
    h.state_mut().push(Intent::Action(Action::ActualSize));
    h.state_mut().push(Intent::Reveal(id.into()));
    h.run_steps(3);
    h.state().node_screen_rect(id).expect("in view")
}

#[test]
fn a_statement_menu_selects_it_and_adds_a_reason() {
    let mut h = harness(example());
    let air = shown(&mut h, "air");
    h.state_mut().selection.0.clear();
    h.run_steps(1);
    let reasons = h
        .state()
        .doc
        .map
        .inferences_into(h.state().doc.map.index_of("air").unwrap())
        .len();
    right_click(&mut h, air.center());
    assert_eq!(
        h.state().selection.0,
        vec!["air".to_owned()],
        "right-click selects"
    );
    click_entry(&mut h, Action::AddReason.label());
    let app = h.state();
    let into = app
        .doc
        .map
        .inferences_into(app.doc.map.index_of("air").unwrap());
    assert_eq!(into.len(), reasons + 1, "a new reason aims at air");
    assert!(
        into.iter()
            .any(|&ix| app.doc.map.graph()[ix].as_inference().unwrap().kind
                == InferenceKind::Support)
    );
}

#[test]
fn a_connector_menu_changes_the_inference_kind() {
    let mut h = harness(example());
    let (id, kind) = {
        let map = &h.state().doc.map;
        map.nodes_sorted()
            .into_iter()
            .filter_map(|n| Some((n.id.clone(), n.as_inference()?.kind)))
            .find(|(id, k)| {
                *k == InferenceKind::Support && !map.is_undercut(map.index_of(id).unwrap())
            })
            .expect("a support")
    };
    assert_eq!(kind, InferenceKind::Support);
    let c = shown(&mut h, &id);
    right_click(&mut h, c.center());
    click_entry(&mut h, "Kind");
    h.get_by_label("Attack (conflict)").click();
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.inference(&id).unwrap().kind,
        InferenceKind::Conflict
    );
    h.state_mut().push(Intent::Action(Action::Undo));
    h.run_steps(2);
    assert_eq!(
        h.state().doc.map.inference(&id).unwrap().kind,
        InferenceKind::Support
    );
}

#[test]
fn an_empty_canvas_menu_adds_a_statement_where_the_click_was() {
    let mut h = harness(example());
    h.state_mut().push(Intent::Action(Action::ActualSize));
    h.run_steps(3);
    let canvas = h.state().canvas_screen_rect();
    // An empty spot: a corner of the canvas away from every box.
    let spot = (0..40)
        .flat_map(|i| (0..40).map(move |j| (i, j)))
        .map(|(i, j)| canvas.min + Vec2::new(30.0 + i as f32 * 15.0, 30.0 + j as f32 * 12.0))
        .find(|p| {
            canvas.shrink(20.0).contains(*p)
                && h.state().doc.map.nodes_sorted().iter().all(|n| {
                    h.state()
                        .node_screen_rect(&n.id)
                        .is_none_or(|r| !r.expand(30.0).contains(*p))
                })
        })
        .expect("some empty canvas");
    let before = h.state().doc.map.statement_count();
    // Screen to canvas, read off two drawn statements (positions are box
    // centres): scale and offset per axis.
    let anchors: Vec<(argmap::model::Pos, Pos2)> = {
        let app = h.state();
        app.doc
            .map
            .nodes_sorted()
            .into_iter()
            .filter(|n| n.is_statement())
            .filter_map(|n| Some((n.pos?, app.node_screen_rect(&n.id)?.center())))
            .collect()
    };
    let (a, b) = anchors
        .iter()
        .flat_map(|a| anchors.iter().map(move |b| (a, b)))
        .find(|(a, b)| (a.1.x - b.1.x).abs() > 50.0 && (a.1.y - b.1.y).abs() > 50.0)
        .expect("two statements apart on both axes");
    let sx = (b.0.x - a.0.x) / (b.1.x - a.1.x);
    let sy = (b.0.y - a.0.y) / (b.1.y - a.1.y);
    right_click(&mut h, spot);
    click_entry(&mut h, "New statement here");
    let app = h.state();
    assert_eq!(app.doc.map.statement_count(), before + 1);
    let new = app
        .selection
        .0
        .first()
        .cloned()
        .expect("the new statement is selected");
    let pos = app.doc.map.node(&new).unwrap().pos.expect("placed");
    let expected = (a.0.x + (spot.x - a.1.x) * sx, a.0.y + (spot.y - a.1.y) * sy);
    assert!(
        (pos.x - expected.0).abs() < 2.0 && (pos.y - expected.1).abs() < 2.0,
        "placed at the click: {pos:?} vs {expected:?}"
    );
}
