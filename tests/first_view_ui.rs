//! The first view (issue 14): the bundled speech map opens in a 1600×1000
//! window showing its thesis with all its direct reasons and objections,
//! with body text at least 11 px on screen.

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::scene::{BODY_SIZE, DEFAULT_BOX_WIDTH};
use egui_kittest::Harness;

fn harness(size: egui::Vec2) -> Harness<'static, ArgmapApp> {
    let doc = Document::bundled().unwrap();
    let mut h = Harness::builder().with_size(size).build_ui_state(
        |ui, app: &mut ArgmapApp| app.main_ui(ui),
        ArgmapApp::new(doc),
    );
    h.run_steps(4);
    h
}

#[test]
fn the_speech_map_opens_on_its_thesis_and_direct_reasons_readable() {
    let h = harness(egui::Vec2::new(1600.0, 1000.0));
    thesis_and_direct_reasons_readable(h.state());
}

#[test]
fn a_window_resized_right_after_opening_gets_the_first_view_for_its_new_size() {
    // The app opens at 1400 x 900; a window manager maximising it, or
    // the user enlarging it, before anyone moves the view.
    let mut h = harness(egui::Vec2::new(1400.0, 900.0));
    h.set_size(egui::Vec2::new(1600.0, 1000.0));
    h.run_steps(3);
    thesis_and_direct_reasons_readable(h.state());
}

/// The thesis and every premise of its inferences lie inside the canvas,
/// with body text at least 11 px on screen.
fn thesis_and_direct_reasons_readable(app: &ArgmapApp) {
    let map = &app.doc.map;
    let thesis = map.index_of("thesis").expect("the speech map's thesis");
    let mut shown = vec!["thesis".to_owned()];
    for inference in map.inferences_into(thesis) {
        for premise in map.premises_of(inference) {
            shown.push(map.graph()[premise].id.clone());
        }
    }
    assert!(
        shown.len() >= 4,
        "the thesis has its three paths: {shown:?}"
    );
    let canvas = app.canvas_screen_rect();
    assert!(canvas.width() > 1000.0, "canvas {canvas:?}");
    for id in &shown {
        let rect = app
            .node_screen_rect(id)
            .unwrap_or_else(|| panic!("{id} drawn"));
        assert!(
            canvas.contains_rect(rect),
            "{id} at {rect:?} lies inside the canvas {canvas:?}"
        );
        let body_px = rect.width() / DEFAULT_BOX_WIDTH * BODY_SIZE;
        assert!(body_px >= 11.0 - 0.01, "{id}: body text {body_px} px");
    }
}
