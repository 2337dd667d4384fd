//! The Problems window: quotes that no longer match their source (orphaned
//! after an edit, or wrong offsets), the coverage lint and the scheme lint
//! (unbound roles, open critical questions, deleted objections), and the
//! merge conflicts `argmap merge-driver` left in the map, each with "Keep
//! mine", "Keep theirs" and "Edit value" (one undoable command each, see
//! [`crate::ops::conflicts`]). Clicking a row selects the statement or
//! inference.

use super::{ArgmapApp, Intent};
use crate::model::lint::coverage_problems;
use crate::model::verify_anchors;

/// One line of the window: the statement and what is wrong.
fn problem_rows(app: &ArgmapApp) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = verify_anchors(&app.doc.map)
        .problems
        .into_iter()
        .map(|p| (p.statement, format!("quote {}: {}", p.evidence, p.message)))
        .collect();
    rows.extend(
        coverage_problems(&app.doc.map)
            .into_iter()
            .filter(|p| p.kind != crate::model::lint::LintKind::OrphanedAnchor)
            .map(|p| (p.node, p.message)),
    );
    rows.extend(
        crate::model::lint::scheme_problems(&app.doc.map, crate::io::schemes::bundled())
            .into_iter()
            .map(|p| (p.node, p.message)),
    );
    rows
}

/// The Problems window, when open.
pub fn problems_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    if !app.panels.problems {
        return;
    }
    let rows = problem_rows(app);
    let conflicts = app.doc.map.conflicts().len();
    let mut open = true;
    egui::Window::new(format!("Problems ({})", rows.len() + conflicts))
        // Below the menu bar, inside the app.
        .default_pos(egui::pos2(70.0, 70.0))
        .open(&mut open)
        .default_size([520.0, 320.0])
        .show(ctx, |ui| {
            conflicts_ui(app, ui);
            if rows.is_empty() && conflicts == 0 {
                ui.label(
                    "No problems: every quote matches its source and the coverage and scheme lints are clean.",
                );
            } else if rows.is_empty() {
                ui.label(
                    "No other problems: every quote matches its source and the coverage and scheme lints are clean.",
                );
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (node, message) in &rows {
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .link(node)
                            .on_hover_text("Select this node")
                            .clicked()
                        {
                            app.push(Intent::Reveal(node.clone()));
                        }
                        ui.label(message);
                    });
                }
            });
        });
    app.panels.problems = open;
}

/// A conflict value in words: text as it is, `(absent)` for null, other
/// values as compact JSON.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "(absent)".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The text an "Edit" box starts from, and the value it gives back: text
/// fields edit their text, other fields their JSON.
fn edited_value(start: &serde_json::Value, text: &str) -> Result<serde_json::Value, String> {
    if start.is_string() {
        Ok(serde_json::Value::String(text.to_owned()))
    } else {
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))
    }
}

/// The open "Edit" box: which conflict and its text (kept in egui's
/// memory, outside the map and its history).
#[derive(Clone, Debug, Default)]
struct ConflictEdit {
    index: usize,
    text: String,
}

/// The merge conflicts, each with its choices.
fn conflicts_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    use crate::ops::conflicts::{Resolution, resolve};
    let conflicts = app.doc.map.conflicts().to_vec();
    if conflicts.is_empty() {
        return;
    }
    let edit_id = egui::Id::unique("argmap-conflict-edit");
    let mut editing: Option<ConflictEdit> = ui.data(|d| d.get_temp(edit_id));
    let mut choice: Option<(usize, Resolution)> = None;
    ui.strong(format!("Merge conflicts ({})", conflicts.len()));
    for (i, c) in conflicts.iter().enumerate() {
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                if !c.id.is_empty()
                    && app.doc.map.node(&c.id).is_some()
                    && ui.link(&c.id).on_hover_text("Select this node").clicked()
                {
                    app.push(Intent::Reveal(c.id.clone()));
                }
                ui.label(c.describe());
            });
            ui.label(format!("Mine: {}", shown(&c.ours)));
            ui.label(format!("Theirs: {}", shown(&c.theirs)));
            ui.horizontal(|ui| {
                if ui.button("Keep mine").clicked() {
                    choice = Some((i, Resolution::Mine));
                }
                if ui.button("Keep theirs").clicked() {
                    choice = Some((i, Resolution::Theirs));
                }
                if ui.button("Edit value").clicked() {
                    editing = Some(ConflictEdit {
                        index: i,
                        text: shown(&c.ours),
                    });
                }
            });
            if let Some(edit) = editing.as_mut().filter(|e| e.index == i) {
                let label = ui.label("The value to keep");
                ui.add(egui::TextEdit::multiline(&mut edit.text).desired_rows(2))
                    .labelled_by(label.id);
                let mut cancel = false;
                ui.horizontal(|ui| {
                    if ui.button("Use this").clicked() {
                        match edited_value(&c.ours, &edit.text) {
                            Ok(v) => choice = Some((i, Resolution::Edited(v))),
                            Err(e) => app.status = e,
                        }
                    }
                    cancel = ui.button("Cancel").clicked();
                });
                if cancel {
                    editing = None;
                }
            }
        });
    }
    if let Some((index, resolution)) = choice {
        match resolve(&app.doc.map, index, resolution) {
            Ok(cmd) => {
                app.push(Intent::Apply(cmd));
                editing = None;
            }
            Err(e) => app.status = e.to_string(),
        }
    }
    ui.data_mut(|d| match editing {
        Some(e) => {
            d.insert_temp(edit_id, e);
        }
        None => d.remove::<ConflictEdit>(edit_id),
    });
    ui.separator();
}
