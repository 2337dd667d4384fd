//! The desktop app driven through egui_kittest, by accessible label, with
//! no window or GPU: every test acts like a user and checks the model.

mod common;
use common::{example, harness};

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::app::source_pane::SourcePassage;
use argmap::app::state::Dialog;
use argmap::model::InferenceKind;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

fn kinds(app: &ArgmapApp) -> Vec<InferenceKind> {
    app.doc
        .map
        .nodes_sorted()
        .iter()
        .filter_map(|n| n.as_inference())
        .map(|i| i.kind)
        .collect()
}

#[test]
fn create_a_statement_and_type_its_text() {
    let mut h = harness(Document::untitled());
    h.get_by_label("+ Statement").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.map.statement_count(), 1);
    assert!(
        h.state().editing.is_some(),
        "a new statement opens for editing"
    );
    let field = h.get_by_label("Statement text (Enter to finish)");
    // The placeholder text starts selected: typing replaces it.
    field.type_text("Tea is good");
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let app = h.state();
    let id = app.selection.primary().unwrap();
    assert_eq!(app.doc.map.statement(id).unwrap().text, "Tea is good");
    assert!(app.editing.is_none());
}

#[test]
fn edit_text_in_the_inspector_is_one_undo_step() {
    let mut h = harness(example());
    h.state_mut().selection.set("air");
    h.run_steps(2);
    h.get_by_label("Title").click();
    h.run_steps(2);
    h.get_by_label("Title").type_text("!!");
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.statement("air").unwrap().title,
        "Cleaner air!!"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.statement("air").unwrap().title,
        "Cleaner air"
    );
}

#[test]
fn tab_adds_a_reason_and_shift_tab_an_objection() {
    let mut h = harness(example());
    let before = h.state().doc.map.statement_count();
    h.state_mut().selection.set("bus-lanes");
    h.run_steps(2);
    h.key_press(Key::Tab);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.statement_count(), before + 1);
    let reason = app.selection.primary().unwrap().to_owned();
    let ix = app.doc.map.index_of(&reason).unwrap();
    let inf = app.doc.map.inferences_from(ix)[0];
    assert_eq!(
        app.doc.map.target_id(&app.doc.map.node_at(inf).unwrap().id),
        Some("bus-lanes")
    );
    // Finish typing, then add an objection to the new reason.
    h.key_press(Key::Enter);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.statement_count(), before + 2);
    let objection = app.selection.primary().unwrap();
    let ix = app.doc.map.index_of(objection).unwrap();
    let inf = app.doc.map.inferences_from(ix)[0];
    let node = app.doc.map.node_at(inf).unwrap();
    assert_eq!(node.as_inference().unwrap().kind, InferenceKind::Conflict);
    assert_eq!(app.doc.map.target_id(&node.id), Some(reason.as_str()));
}

#[test]
fn connect_by_command_undo_and_redo() {
    let mut h = harness(example());
    let before = kinds(h.state()).len();
    h.state_mut().selection.0 = vec!["note-author".into(), "shops".into()];
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run_steps(3);
    assert_eq!(kinds(h.state()).len(), before + 1);
    let ix = h.state().doc.map.index_of("note-author").unwrap();
    assert_eq!(h.state().doc.map.inferences_from(ix).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(kinds(h.state()).len(), before);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(3);
    assert_eq!(kinds(h.state()).len(), before + 1);
    // The Edit menu's Undo does the same.
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Undo"),
    )
    .click();
    h.run_steps(3);
    assert_eq!(kinds(h.state()).len(), before);
}

#[test]
fn delete_removes_the_selection_and_its_relations() {
    let mut h = harness(example());
    h.state_mut().selection.set("deliveries");
    h.run_steps(2);
    h.key_press(Key::Delete);
    h.run_steps(3);
    let map = &h.state().doc.map;
    assert!(map.statement("deliveries").is_none());
    assert!(map.inference("obj-deliveries").is_none());
    assert!(map.inference("reb-window").is_none());
    assert!(map.statement("delivery-window").is_some());
}

#[test]
fn search_finds_and_selects() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.get_by_label("Find:").type_text("ring road");
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.search.hits, vec!["bus-lanes".to_owned()]);
    assert_eq!(app.selection.primary(), Some("bus-lanes"));
    // Evidence text is searched too.
    h.get_by_label("Find:").type_text("x");
    h.run_steps(2);
    assert!(h.state().search.hits.is_empty());
}

#[test]
fn opening_a_bad_file_shows_an_error_and_keeps_the_document() {
    let mut h = harness(example());
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad/dangling-edge.argmap.json");
    h.state_mut().open_path(&bad);
    h.run_steps(3);
    match &h.state().dialog {
        Some(Dialog::Error { message, .. }) => {
            assert!(message.contains("dangling-edge.argmap.json"), "{message}");
            assert!(message.contains("inferences[0].premises[0]"), "{message}");
        }
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert_eq!(
        h.state().doc.map.meta().title,
        "Car-free town centre (example)"
    );
    h.get_by_label("OK").click();
    h.run_steps(3);
    assert!(h.state().dialog.is_none());
}

#[test]
fn unsaved_changes_prompt_cancel_and_discard() {
    let mut h = harness(example());
    h.state_mut().selection.set("air");
    h.run_steps(2);
    h.key_press(Key::Delete);
    h.run_steps(3);
    assert!(h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    assert!(matches!(h.state().dialog, Some(Dialog::Unsaved(_))));
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.state().dialog.is_none());
    assert!(
        h.state().doc.map.statement_count() > 0,
        "Cancel keeps the map"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    h.get_by_label("Discard").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.map.statement_count(), 0);
    assert!(!h.state().doc.is_dirty());
}

#[test]
fn the_readme_lists_every_action_and_its_shortcut() {
    let readme = include_str!("../README.md");
    for action in argmap::app::actions::Action::ALL {
        let row = readme
            .lines()
            .find(|l| {
                l.split('|')
                    .nth(1)
                    .is_some_and(|cell| cell.split(" / ").any(|part| part.trim() == action.label()))
            })
            .unwrap_or_else(|| panic!("README has no shortcut row for {:?}", action));
        if let Some(s) = action.shortcut() {
            let key = s.logical_key.name();
            assert!(
                row.contains(key),
                "README row for {:?} does not show {key}: {row}",
                action
            );
        }
    }
}

#[test]
fn a_passage_becomes_a_statement_with_its_anchor_and_evidence_of_another() {
    let mut h = harness(example());
    let text = h.state().doc.map.source("letter").unwrap().text.clone();
    let quote = "Critics say delivery vans will have nowhere to go.";
    let start = text[..text.find(quote).unwrap()].chars().count();
    let end = start + quote.chars().count();
    h.state_mut().source_pane.selection = Some(SourcePassage::new("letter", start, end));
    h.run_steps(2);
    h.get_by_label("New statement").click();
    h.run_steps(3);
    let app = h.state();
    let id = app.selection.primary().unwrap().to_owned();
    let st = app.doc.map.statement(&id).unwrap();
    assert_eq!(st.text, quote);
    let anchor = st.evidence[0].anchor.as_ref().unwrap();
    assert_eq!(
        (anchor.start, anchor.end, anchor.exact.as_str()),
        (start, end, quote)
    );
    assert!(
        argmap::model::verify_anchors(&app.doc.map)
            .problems
            .is_empty()
    );
    // The same passage attached to another statement, with the shortcut.
    h.key_press(Key::Enter); // finish editing the new statement's text
    h.run_steps(2);
    h.state_mut().selection.set("deliveries");
    h.state_mut().source_pane.selection = Some(SourcePassage::new("letter", start, end));
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run_steps(3);
    let ev = &h.state().doc.map.statement("deliveries").unwrap().evidence;
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].anchor.as_ref().unwrap().exact, quote);
    // Both are single undo steps.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .doc
            .map
            .statement("deliveries")
            .unwrap()
            .evidence
            .is_empty()
    );
}

fn wait_for_layout(h: &mut Harness<'static, ArgmapApp>) {
    for _ in 0..600 {
        h.run_steps(1);
        if h.state().layout_job.is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the background layout did not finish");
}

#[test]
fn auto_layout_is_one_undo_step_and_runs_big_maps_in_the_background() {
    let mut h = harness(example());
    let before = h.state().doc.map.clone();
    // Unpin one node and move it far away; auto-layout brings it back.
    let cmd = argmap::ops::Command::Place(vec![argmap::ops::Placement {
        id: "shops".into(),
        pos: Some(argmap::model::Pos::new(9000.0, 9000.0)),
        pinned: false,
    }]);
    h.state_mut().apply(cmd, None);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(3);
    let pos = h.state().doc.map.node("shops").unwrap().pos.unwrap();
    assert!(pos.x < 5000.0, "auto-layout placed the node: {pos:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.map.node("shops").unwrap().pos.unwrap().x,
        9000.0
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.map, before);

    // A big map: laid out off the UI thread, then applied.
    let big = argmap::synth::argument_map(1000, 3);
    let mut h = harness(Document::new(big, None));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(1);
    assert!(
        h.state().layout_job.is_some(),
        "big maps lay out in the background"
    );
    wait_for_layout(&mut h);
    assert!(h.state().doc.map.nodes().all(|n| n.pos.is_some()));
    // A result computed for an older state of the map is discarded.
    let mut h = harness(Document::new(argmap::synth::argument_map(1000, 4), None));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    h.run_steps(1);
    // The edit lands before any frame could pick up the result.
    h.state_mut().apply(
        argmap::ops::Command::Remove {
            ids: vec!["s2".into()],
        },
        None,
    );
    wait_for_layout(&mut h);
    assert!(
        h.state().status.contains("discarded"),
        "{}",
        h.state().status
    );
}

#[test]
fn export_every_format_then_import_with_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = ArgmapApp::new(example());
    for ext in [
        "svg", "png", "pdf", "argdown", "json", "graphml", "dot", "mmd", "md",
    ] {
        let path = dir.path().join(format!("car-free.{ext}"));
        app.dialog = None;
        app.export_path(&path);
        assert!(
            !matches!(app.dialog, Some(Dialog::Error { .. })),
            "{ext}: {:?}",
            app.dialog
        );
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{ext}");
    }
    // Argdown cannot hold evidence or positions: the export says so.
    app.dialog = None;
    app.export_path(&dir.path().join("again.argdown"));
    assert!(
        matches!(&app.dialog, Some(Dialog::Report { message, .. }) if message.contains("evidence"))
    );
    // Importing it back gives a new, unsaved map with the same statements.
    app.dialog = None;
    app.import_path(&dir.path().join("car-free.argdown"));
    assert_eq!(app.doc.map.statement_count(), 12);
    assert!(app.doc.is_dirty());
    assert!(app.doc.path.is_none());
    // An unknown extension is a clear error, and the map stays.
    app.dialog = None;
    app.export_path(&dir.path().join("x.docx"));
    assert!(
        matches!(&app.dialog, Some(Dialog::Error { message, .. }) if message.contains("x.docx"))
    );
    assert_eq!(app.doc.map.statement_count(), 12);
}

#[test]
fn editing_the_source_text_moves_quotes_and_reports_orphans() {
    let mut h = harness(example());
    let old = h.state().doc.map.source("letter").unwrap().text.clone();
    // Text inserted at the top shifts every quote; one quoted sentence goes.
    let new = format!(
        "PREFACE ADDED LATER.\n\n{}",
        old.replace(
            "Shops on the street report more walk-in customers, not fewer.",
            ""
        )
    );
    h.state_mut().set_source_text("letter", new.clone());
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.source("letter").unwrap().text, new);
    let report = argmap::model::verify_anchors(&app.doc.map);
    assert_eq!(report.verified, 3, "{:?}", report.problems);
    assert_eq!(
        report.problems.len(),
        1,
        "the deleted quote is orphaned, not dropped"
    );
    assert!(app.status.contains("1 orphaned"), "{}", app.status);
    assert!(app.panels.problems);
    h.get_by_label_contains("Problems (").hover();
    // One undo step restores the text and every anchor.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc.map.source("letter").unwrap().text, old);
    assert!(
        argmap::model::verify_anchors(&h.state().doc.map)
            .problems
            .is_empty()
    );
}

#[test]
fn the_evidence_table_lists_sorts_filters_and_selects() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    h.run_steps(3);
    assert!(h.state().panels.evidence);
    assert_eq!(h.state().evidence_rows().len(), 5);
    h.get_by_label("Filter:").click();
    h.get_by_label("Filter:").type_text("ring road");
    h.run_steps(3);
    let rows = h.state().evidence_rows();
    assert_eq!(
        rows.len(),
        2,
        "both items on the bus-lanes statement mention the ring road"
    );
    assert!(rows.iter().all(|r| r.statement_id == "bus-lanes"));
    h.get_by_label_contains("Basis").click();
    h.run_steps(2);
    assert_eq!(
        h.state().evidence_window.sort.0,
        argmap::io::evidence_table::Column::Basis
    );
    h.get_all(
        By::new()
            .role(egui::accesskit::Role::Link)
            .label_contains("The same plan gives buses"),
    )
    .next()
    .unwrap()
    .click();
    h.run_steps(3);
    assert_eq!(h.state().selection.primary(), Some("bus-lanes"));
}

#[test]
fn source_details_are_editable_and_find_in_source_opens_over_the_pane() {
    let mut h = harness(example());
    h.get_by_label("Source details").click();
    h.run_steps(2);
    h.get_by_label("Author").click();
    // The click puts the cursor where it lands; type at the end.
    h.run_steps(1);
    h.key_press(Key::End);
    h.get_by_label("Author").type_text(" (letter 12)");
    h.run_steps(3);
    assert_eq!(
        h.state().doc.map.source("letter").unwrap().author,
        "A Riverside resident (letter 12)"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.map.source("letter").unwrap().author,
        "A Riverside resident"
    );
    // Ctrl+F with the pointer over the source pane finds in the source.
    h.state_mut().source_pane.find.open = true;
    h.run_steps(2);
    h.get_by_label("Find in source:").click();
    h.run_steps(1);
    h.get_by_label("Find in source:").type_text("ring road");
    h.run_steps(3);
    assert!(h.query_by_label("1 of 1").is_some());
}

#[test]
fn pasted_text_can_become_a_source() {
    let mut h = harness(example());
    h.get_by_label("Paste as new source").click();
    h.run_steps(1);
    assert!(h.state().source_pane.paste_as_source);
    h.event(egui::Event::Paste("A second text about trams.".into()));
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.map.sources().count(), 2);
    let id = app.source_pane.shown.clone().unwrap();
    assert_eq!(
        app.doc.map.source(&id).unwrap().text,
        "A second text about trams."
    );
    assert!(!app.source_pane.paste_as_source);
}

/// Undo and redo select what they changed, and undoing back to the saved
/// state makes the map saved again (the title loses its `*`).
#[test]
fn undo_selects_what_it_changed_and_back_at_saved_is_not_dirty() {
    use argmap::ops::{Command, StatementField};
    let mut h = harness(example());
    assert!(!h.state().doc.is_dirty());
    h.state_mut().apply(
        Command::EditStatement {
            id: "shops".into(),
            field: StatementField::Text("Shops lose nothing.".into()),
        },
        None,
    );
    h.run_steps(2);
    assert!(h.state().doc.is_dirty());
    h.state_mut().selection.0 = vec!["air".into()];
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(
        h.state().selection.0,
        vec!["shops".to_owned()],
        "undo selects"
    );
    assert!(!h.state().doc.is_dirty(), "back at the opened state");
    assert!(!h.state().doc.window_title().starts_with('*'));
    h.state_mut().selection.0.clear();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(3);
    assert_eq!(
        h.state().selection.0,
        vec!["shops".to_owned()],
        "redo selects"
    );
    assert!(h.state().doc.is_dirty());
}

/// The palette says so when nothing matches, instead of an empty list.
#[test]
fn the_palette_says_when_no_command_matches() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(3);
    h.get_by_label("Command:").type_text("zzqx");
    h.run_steps(2);
    h.get_by_label("No matching command");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().palette.is_none(), "Esc closes the palette");
}

/// Esc closes the tool windows when nothing else is in hand.
#[test]
fn escape_closes_the_tool_windows() {
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run_steps(3);
    assert!(h.state().panels.problems && h.state().panels.evidence);
    assert!(h.state().evaluation.open);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().panels.problems);
    assert!(!h.state().panels.evidence);
    assert!(!h.state().evaluation.open);
}

/// The in-app file dialog takes the keyboard in its path field at once.
#[test]
fn the_path_dialog_focuses_its_field() {
    let mut h = harness(example());
    h.state_mut().dialog = Some(Dialog::Path {
        purpose: argmap::app::state::PathPurpose::Open,
        path: String::new(),
        then: None,
    });
    h.run_steps(3);
    assert!(h.get_by_label("File path:").is_focused());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().dialog.is_none(), "Esc closes the dialog");
}

/// A reason named in the inspector's Relations is a link to that
/// statement, not to the connector between them.
#[test]
fn inspector_relation_links_go_to_the_statement() {
    let mut h = harness(example());
    let (premise, label) = {
        let map = &h.state().doc.map;
        let thesis = map.index_of("thesis").unwrap();
        let inf = map
            .inferences_into(thesis)
            .into_iter()
            .find(|&i| map.premises_of(i).len() == 1)
            .expect("a single-premise reason");
        let p = map.premises_of(inf)[0];
        let node = &map.graph()[p];
        (
            node.id.clone(),
            node.as_statement().unwrap().label().to_owned(),
        )
    };
    h.state_mut().selection.0 = vec!["thesis".into()];
    h.run_steps(3);
    let start: String = label.chars().take(20).collect();
    let link = || {
        By::new()
            .role(egui::accesskit::Role::Link)
            .label_contains(start.as_str())
    };
    h.get(link()).scroll_to_me();
    h.run_steps(2);
    h.get(link()).click_accesskit();
    h.run_steps(3);
    assert_eq!(h.state().selection.0, vec![premise]);
}

/// In the default 1400 × 900 window the canvas gets over half of the area
/// (it had under a third: about 720 × 540 px), with the full height between
/// the outline and the details column, while the source pane keeps a usable
/// height and the inspector room for its relations.
#[test]
fn the_canvas_gets_most_of_the_default_window() {
    let h = harness(example());
    let r = h.state().canvas_screen_rect();
    let share = r.area() / (1400.0 * 900.0);
    assert!(
        share >= 0.50,
        "canvas {r:?} is {:.0} % of the window",
        share * 100.0
    );
    assert!(r.width() > 780.0 && r.height() > 780.0, "{r:?}");
}

/// File > Export… lists the web page and writes it: one HTML file with the
/// drawing, the data block and the evaluation labels chosen in the dialog.
#[test]
fn the_export_dialog_writes_the_html_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.html");
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    h.get_by_label(".html");
    h.state_mut().export_settings.eval = Some("grounded".into());
    h.get_by_label("File:").type_text(out.to_str().unwrap());
    h.run_steps(1);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label("Export"),
    )
    .click();
    h.run_steps(3);
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let statements = h.state().doc.map.statement_count();
    assert_eq!(html.matches("class=\"statement\"").count(), statements);
    assert!(html.contains("id=\"argmap-data\""));
    assert!(html.contains("<g id=\"evaluation\" data-semantics=\"grounded\">"));
}

/// File > Export… says which formats it writes, offers the diagram options
/// of the command line, writes with them, and remembers them.
#[test]
fn the_export_dialog_writes_with_its_options_and_remembers_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let mut h = harness(example());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    assert!(h.state().export.open);
    h.get_by_label(".svg  .png  .pdf");
    h.get_by_label("Legend below the map").click();
    h.get_by_label("dark (screen)").click();
    h.run_steps(2);
    h.get_by_label("File:").type_text(out.to_str().unwrap());
    h.run_steps(1);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label("Export"),
    )
    .click();
    h.run_steps(3);
    assert!(!h.state().export.open, "closed after exporting");
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains("id=\"legend\""), "with the legend");
    assert!(svg.contains("#1b1d21"), "in the dark theme's background");
    // Opened again, the options are as left.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(3);
    let s = &h.state().export_settings;
    assert!(s.legend);
    assert_eq!(s.theme, "dark");
}

/// The tool windows open inside the app, below the menu bar.
#[test]
fn tool_windows_open_below_the_menu_bar() {
    let mut h = harness(example());
    let menu_bottom = h.get_by_label("File").rect().bottom();
    for (key, title) in [
        (Key::M, "Problems ("),
        (Key::B, "Evidence ("),
        (Key::G, "Evaluation"),
        (Key::J, "Tours"),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
        h.run_steps(3);
        let top = h
            .get_all(By::new().label_contains(title))
            .map(|n| n.rect().top())
            .fold(f32::INFINITY, f32::min);
        assert!(
            top > menu_bottom,
            "{title} at {top}, menu bar ends at {menu_bottom}"
        );
        assert!(top < 900.0, "{title} inside the window");
        h.key_press(Key::Escape);
        h.run_steps(2);
    }
}

/// The file dialog keeps its height whatever the folder listing holds: its
/// buttons stay put between a full folder and an empty one.
#[test]
fn the_path_dialog_does_not_jump_with_its_listing() {
    let mut h = harness(example());
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::create_dir_all(&empty).unwrap();
    for k in 0..30 {
        std::fs::write(full.join(format!("map-{k}.argmap.json")), "{}").unwrap();
    }
    let mut cancel_top = Vec::new();
    for path in [
        format!("{}/", full.display()),
        format!("{}/", empty.display()),
    ] {
        h.state_mut().dialog = Some(Dialog::Path {
            purpose: argmap::app::state::PathPurpose::Open,
            path,
            then: None,
        });
        h.run_steps(3);
        cancel_top.push(h.get_by_label("Cancel").rect().top());
        h.state_mut().dialog = None;
        h.run_steps(2);
    }
    assert!(
        (cancel_top[0] - cancel_top[1]).abs() < 1.0,
        "the buttons moved: {cancel_top:?}"
    );
}

/// The menus hold the actions that used to be reachable only by key:
/// Map > Auto-layout and File > Quit, with their shortcuts.
#[test]
fn auto_layout_and_quit_are_in_the_menus() {
    let mut h = harness(example());
    // Move a node away, so the layout has something to put back.
    h.state_mut().apply(
        argmap::ops::Command::Move {
            moves: vec![("air".into(), argmap::model::Pos::new(9000.0, 9000.0))],
        },
        None,
    );
    h.state_mut().doc.history.seal();
    h.run_steps(2);
    let steps = h.state().doc.history.undo_len();
    h.get_by_label("Map").click();
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Auto-layout"),
    )
    .click();
    for _ in 0..50 {
        h.run_steps(2);
        if h.state().doc.history.undo_len() > steps {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        h.state().doc.history.undo_len(),
        steps + 1,
        "one layout step"
    );
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Quit"),
    );
}
