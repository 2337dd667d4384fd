//! The one-time notice about scripts no font covers, driven headless. This
//! test binary runs without system fonts (ARGMAP_NO_SYSTEM_FONTS), so
//! egui's bundled fonts alone decide, the same on every machine.

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::model::{Map, Statement};
use argmap::ops::{Command, StatementField, apply};

#[test]
fn scripts_without_a_font_are_named_once_each() {
    // Set before anything builds the font set (once per process).
    // SAFETY: no other thread runs yet in this single-test binary.
    unsafe { std::env::set_var("ARGMAP_NO_SYSTEM_FONTS", "1") };
    let mut map = Map::new("scripts");
    for (id, text) in [("he", "הסכם 2024 יחזק את האזור"), ("ru", "Всё мнимое")]
    {
        apply(
            &mut map,
            Command::AddStatement {
                id: Some(id.into()),
                statement: Statement::new(text),
                pos: None,
            },
        )
        .unwrap();
    }
    // The harness would panic on a glyph no font has; drawing tofu is the
    // very situation under test.
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut ArgmapApp| app.main_ui(ui),
            ArgmapApp::new(Document::new(map, None)),
        );
    h.run_steps(3);
    let first = h.state().script_notice.last.clone().expect("a notice");
    assert!(first.contains("Hebrew (הסכםי)"), "{first}");
    assert!(!first.contains("U+"), "Cyrillic is covered: {first}");
    assert_eq!(h.state().status, first, "shown in the status bar");
    // Typing Japanese names Japanese, and only it.
    h.state_mut().apply(
        Command::EditStatement {
            id: "ru".into(),
            field: StatementField::Text("平和条約".into()),
        },
        None,
    );
    h.run_steps(2);
    let second = h.state().script_notice.last.clone().unwrap();
    assert!(second.contains("Japanese"), "{second}");
    assert!(!second.contains("Hebrew"), "{second}");
    // More Hebrew says nothing new.
    h.state_mut().status.clear();
    h.state_mut().apply(
        Command::EditStatement {
            id: "he".into(),
            field: StatementField::Text("שלום".into()),
        },
        None,
    );
    h.run_steps(2);
    assert_eq!(
        h.state().script_notice.last.as_deref(),
        Some(second.as_str())
    );
    assert!(!h.state().status.contains("font"), "{}", h.state().status);
}
