//! Seminar navigation driven headless through egui_kittest: folding on
//! the canvas folds the outline too, focus at depth 1 shows exactly a
//! statement's neighbours, and Alt+Left goes back to the previous
//! selection. Each is checked on the app's state afterwards.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::app::navigation::HideOrDim;
use argmap::model::Map;
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Clicks node `id` on the canvas, where the last frame drew it; a node
/// outside the view is first brought into it by panning (same zoom), as a
/// user would before clicking.
fn click_node(h: &mut Harness<'static, ArgmapApp>, id: &str) {
    let in_view = |h: &Harness<'static, ArgmapApp>| {
        h.state()
            .node_screen_rect(id)
            .is_some_and(|r| h.state().canvas_screen_rect().contains(r.center()))
    };
    if !in_view(h) {
        let pos = h.state().doc.map.node(id).and_then(|n| n.pos);
        let pos = pos.unwrap_or_else(|| panic!("{id} has no position"));
        let zoom = h.state().zoom();
        h.state_mut().set_canvas_view(pos, zoom);
        h.run_steps(2);
    }
    let r = h
        .state()
        .node_screen_rect(id)
        .unwrap_or_else(|| panic!("{id} is not on the canvas"));
    assert!(
        h.state().canvas_screen_rect().contains(r.center()),
        "{id} is out of view"
    );
    let p = r.center();
    h.event(egui::Event::PointerMoved(p));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: p,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// Statements one hop from `id`, worked out from the map directly: the
/// other ends of every inference `id` is a premise or target of, and the
/// premises of inferences that undercut those.
fn neighbours(map: &Map, id: &str) -> Vec<String> {
    let ix = map.index_of(id).unwrap();
    let mut inferences = map.inferences_from(ix);
    inferences.extend(map.inferences_into(ix));
    let undercuts: Vec<_> = inferences
        .iter()
        .flat_map(|&i| map.inferences_into(i))
        .collect();
    inferences.extend(undercuts);
    let mut out = vec![id.to_owned()];
    for i in inferences {
        let ends = map.premises_of(i).into_iter().chain(map.target_of(i));
        for n in ends {
            let node = &map.graph()[n];
            if node.is_statement() && !out.contains(&node.id) {
                out.push(node.id.clone());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn folding_on_the_canvas_folds_the_outline_too() {
    let mut h = harness(example());
    assert!(
        h.state()
            .outline_row_ids()
            .contains(&"delivery-window".to_owned())
    );
    click_node(&mut h, "deliveries");
    assert_eq!(h.state().selection.primary(), Some("deliveries"));
    h.key_press(Key::Period);
    h.run_steps(3);
    let app = h.state();
    assert!(app.doc.map.view().folded.contains("deliveries"));
    assert!(
        !app.outline_row_ids()
            .contains(&"delivery-window".to_owned()),
        "the outline hides the folded reason"
    );
    assert!(app.outline_row_ids().contains(&"deliveries".to_owned()));
    assert!(
        !app.visible_on_canvas()
            .contains(&"delivery-window".to_owned())
    );
    assert!(app.node_screen_rect("delivery-window").is_none());
    // Folding is view state: nothing to undo, nothing unsaved.
    assert!(!app.doc.history.can_undo());
    // Unfold again with the same key.
    h.key_press(Key::Period);
    h.run_steps(3);
    assert!(
        h.state()
            .outline_row_ids()
            .contains(&"delivery-window".to_owned())
    );
    assert!(
        h.state()
            .visible_on_canvas()
            .contains(&"delivery-window".to_owned())
    );
}

#[test]
fn focus_at_depth_one_shows_exactly_the_neighbours() {
    let mut h = harness(example());
    h.state_mut().nav.set_focus_outside(HideOrDim::Hide);
    click_node(&mut h, "deliveries");
    h.key_press(Key::G);
    h.run_steps(3);
    let expected = neighbours(&h.state().doc.map, "deliveries");
    assert_eq!(expected, ["deliveries", "delivery-window", "thesis"]);
    assert_eq!(h.state().visible_on_canvas(), expected);
    // Leaving focus restores the whole map.
    h.key_press(Key::G);
    h.run_steps(3);
    assert_eq!(
        h.state().visible_on_canvas().len(),
        h.state().doc.map.statement_count()
    );
}

#[test]
fn alt_left_returns_to_the_previous_selection_and_alt_right_comes_back() {
    let mut h = harness(example());
    click_node(&mut h, "deliveries");
    click_node(&mut h, "thesis");
    assert_eq!(h.state().selection.primary(), Some("thesis"));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    h.run_steps(3);
    assert_eq!(h.state().selection.0, ["deliveries"]);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().selection.0, ["thesis"]);
}

#[test]
fn the_outline_fold_toggle_folds_and_unfolds_its_row() {
    let mut h = harness(example());
    h.run_steps(2);
    let thesis = h.state().outline_row_ids()[0].clone();
    let rows_before = h.state().outline_row_ids().len();
    // Every row with children has a toggle; the first is the thesis's.
    assert!(h.get_all_by_label("Fold").count() > 1);
    h.get_all_by_label("Fold").next().unwrap().click();
    h.run_steps(3);
    assert!(h.state().doc.map.view().folded.contains(&thesis));
    // Only the thesis is left of its tree; the analyst's notes stand apart.
    let ids = h.state().outline_row_ids();
    assert_eq!(ids[0], thesis);
    for id in &ids[1..] {
        let role = h.state().doc.map.statement(id).map(|s| s.role);
        assert_eq!(role, Some(argmap::model::Role::Note), "{id} is still shown");
    }
    assert_eq!(h.query_all_by_label("Fold").count(), 0);
    h.get_by_label("Unfold").click();
    h.run_steps(3);
    assert!(!h.state().doc.map.view().folded.contains(&thesis));
    assert_eq!(h.state().outline_row_ids().len(), rows_before);
}
