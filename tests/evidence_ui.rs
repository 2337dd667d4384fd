//! Evidence in the app, driven through egui_kittest by accessible label:
//! basis icons in the inspector, the basis menu, the Evidence table and the
//! source pane's highlight hover; new statements from passages land on
//! free spots. Every test checks the model.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::app::source_pane::SourcePassage;
use argmap::model::Basis;
use argmap::scene::{self, SceneOptions, TextMeasurer};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

/// How many widgets carry exactly this accessible label.
fn count(h: &Harness<'static, ArgmapApp>, label: &str) -> usize {
    h.query_all(By::new().label(label)).count()
}

/// Char range of `quote` in source `source`.
fn range_of(app: &ArgmapApp, source: &str, quote: &str) -> (usize, usize) {
    let text = &app.doc.map.source(source).unwrap().text;
    let start = text[..text.find(quote).unwrap()].chars().count();
    (start, start + quote.chars().count())
}

/// Every pair of statement boxes that overlap, as the scene draws them.
fn overlapping_boxes(app: &ArgmapApp) -> Vec<(String, String)> {
    let scene = scene::build(&app.doc.map, &TextMeasurer::new(), &SceneOptions::default());
    let mut out = Vec::new();
    for (i, a) in scene.boxes.iter().enumerate() {
        for b in &scene.boxes[i + 1..] {
            if a.rect.intersects(&b.rect) {
                out.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    out
}

#[test]
fn the_inspector_shows_each_evidence_items_basis_icon() {
    let mut h = harness(example());
    h.state_mut().selection.set("bus-lanes");
    h.run_steps(3);
    let evidence = h
        .state()
        .doc
        .map
        .statement("bus-lanes")
        .unwrap()
        .evidence
        .clone();
    assert_eq!(evidence.len(), 2);
    for basis in Basis::ALL {
        let expected = evidence.iter().filter(|e| e.basis == basis).count();
        let label = format!("Evidence basis: {}", basis.label());
        assert_eq!(count(&h, &label), expected, "{label}");
    }
}

#[test]
fn picking_a_basis_in_the_menu_changes_the_item_and_its_icon() {
    let mut h = harness(example());
    h.state_mut().selection.set("bus-lanes");
    h.run_steps(3);
    let first = h.state().doc.map.statement("bus-lanes").unwrap().evidence[0].clone();
    assert_ne!(first.basis, Basis::ExpertOpinion);
    let before = count(&h, "Evidence basis: expert opinion");
    h.get_all(
        By::new()
            .label("Basis")
            .role(egui::accesskit::Role::ComboBox),
    )
    .next()
    .unwrap()
    .click();
    h.run_steps(2);
    h.get_by_label("expert opinion").click();
    h.run_steps(3);
    let now = &h.state().doc.map.statement("bus-lanes").unwrap().evidence[0];
    assert_eq!(now.basis, Basis::ExpertOpinion);
    assert_eq!(now.text, first.text, "only the basis changed");
    assert_eq!(count(&h, "Evidence basis: expert opinion"), before + 1);
    // One undo step puts it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.map.statement("bus-lanes").unwrap().evidence[0].basis,
        first.basis
    );
}

#[test]
fn the_evidence_table_shows_one_basis_icon_per_row() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    h.run_steps(3);
    let rows = h.state().evidence_rows();
    assert!(!rows.is_empty());
    let icons: usize = Basis::ALL
        .iter()
        .map(|b| count(&h, &format!("Evidence basis: {}", b.label())))
        .sum();
    assert_eq!(icons, rows.len());
}

#[test]
fn hovering_a_highlight_names_the_statement_with_its_basis_icon() {
    let mut h = harness(Document::untitled());
    let text = "Every word of this sentence is quoted.";
    h.state_mut().add_pasted_source(text.into());
    h.run_steps(2);
    let source = h.state().source_pane.shown.clone().unwrap();
    let end = text.chars().count();
    h.state_mut().source_pane.selection = Some(SourcePassage::new(&source, 0, end));
    h.run_steps(1);
    h.get_by_label("New statement").click();
    h.run_steps(3);
    h.key_press(Key::Escape); // leave the in-place editor, text kept
    h.state_mut().source_pane.selection = None;
    h.run_steps(3);
    let id = h.state().selection.primary().unwrap().to_owned();
    assert_eq!(
        h.state().doc.map.statement(&id).unwrap().evidence[0].basis,
        Basis::Quote
    );
    assert_eq!(
        count(&h, "Evidence basis: quote"),
        1,
        "the inspector's icon"
    );
    // Hover the start of the text: it is all one highlight.
    let rect = h
        .get_all(
            By::new()
                .role(egui::accesskit::Role::MultilineTextInput)
                .label_contains("select a passage"),
        )
        .next()
        .unwrap()
        .rect();
    let at = rect.min + egui::vec2(20.0, 8.0);
    h.hover_at(at);
    // Tooltips wait for the pointer to rest a moment.
    for _ in 0..60 {
        h.run_steps(1);
        if h.query_by_label_contains("Quoted by").is_some() {
            break;
        }
    }
    assert!(
        h.query_by_label_contains("Quoted by").is_some(),
        "the tooltip opens"
    );
    assert_eq!(count(&h, "Evidence basis: quote"), 2, "and shows the icon");
}

#[test]
fn statements_from_passages_land_on_free_spots() {
    let mut h = harness(example());
    let quotes = [
        "Critics say delivery vans will have nowhere to go.",
        "Shops on the street report more walk-in customers, not fewer.",
    ];
    let before = h.state().doc.map.statement_count();
    assert!(overlapping_boxes(h.state()).is_empty());
    for quote in quotes {
        let (start, end) = range_of(h.state(), "letter", quote);
        h.state_mut().source_pane.selection = Some(SourcePassage::new("letter", start, end));
        h.run_steps(1);
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
        h.run_steps(3);
        // Escape leaves the in-place editor with the quoted text kept.
        h.key_press(Key::Escape);
        h.run_steps(2);
        let id = h.state().selection.primary().unwrap().to_owned();
        assert_eq!(h.state().doc.map.statement(&id).unwrap().text, quote);
    }
    // And a reason from a passage under the thesis.
    h.state_mut().selection.set("thesis");
    let (start, end) = range_of(h.state(), "letter", quotes[0]);
    h.state_mut().source_pane.selection = Some(SourcePassage::new("letter", start, end));
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.statement_count(), before + 3);
    assert_eq!(overlapping_boxes(app), Vec::<(String, String)>::new());
}

/// Top-left of the node with exactly this label.
fn corner(h: &Harness<'static, ArgmapApp>, label: &str) -> egui::Pos2 {
    h.get_by_label(label).rect().min
}

#[test]
fn the_source_pane_keeps_a_usable_height_from_an_empty_start() {
    // A new map has no source: the pane shows one line of text, and used
    // to shrink to that line and stay so small after a source came.
    let mut h = harness(Document::untitled());
    h.state_mut()
        .add_pasted_source("One sentence. Another sentence.".into());
    h.run_steps(3);
    let top = corner(&h, "Source").y;
    assert!(top < 900.0 - 250.0, "the pane starts at y = {top}");
}

#[test]
fn long_relations_wrap_instead_of_widening_the_inspector() {
    let mut h = harness(example());
    let left = corner(&h, "Inspector").x;
    let long = "A statement long enough that one line of it would never fit the \
                inspector, however wide the window is, so it must wrap";
    h.state_mut().selection.set("thesis");
    h.run_steps(2);
    h.state_mut()
        .doc
        .apply(argmap::ops::Command::EditStatement {
            id: "thesis".into(),
            field: argmap::ops::StatementField::Text(long.into()),
        })
        .unwrap();
    h.state_mut().selection.set("bus-lanes");
    h.run_steps(4);
    assert_eq!(corner(&h, "Inspector").x, left);
}
