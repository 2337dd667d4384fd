//! The first view (issue 14): the bundled speech map opens in a 1600×1000
//! window showing its thesis with all its direct reasons and objections,
//! with body text at least 11 px on screen.

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::scene::{BODY_SIZE, DEFAULT_BOX_WIDTH};
use egui_kittest::Harness;

#[test]
fn the_speech_map_opens_on_its_thesis_and_direct_reasons_readable() {
    let doc = Document::bundled().unwrap();
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut ArgmapApp| app.main_ui(ui),
            ArgmapApp::new(doc),
        );
    h.run_steps(4);
    let app = h.state();
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
