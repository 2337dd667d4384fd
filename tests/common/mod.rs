//! Shared set-up of the egui_kittest UI tests: the app in a 1400×900
//! harness, and the bundled example map as a document.

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use egui_kittest::Harness;

/// `app` in a headless 1400×900 harness, after its first frames.
pub fn harness_with(app: ArgmapApp) -> Harness<'static, ArgmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut ArgmapApp| app.main_ui(ui), app);
    h.run_steps(3);
    h
}

/// A fresh app on `doc`, in a headless harness.
pub fn harness(doc: Document) -> Harness<'static, ArgmapApp> {
    harness_with(ArgmapApp::new(doc))
}

/// The bundled example map, untitled.
pub fn example() -> Document {
    let loaded = argmap::bundled::EXAMPLE.load().unwrap();
    Document::new(loaded.map, None)
}
