//! The Problems window: quotes that no longer match their source (orphaned
//! after an edit, or wrong offsets), the coverage lint and the scheme lint
//! (unbound roles, open critical questions, deleted objections). Clicking a
//! row selects the statement or inference.

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
    let mut open = true;
    egui::Window::new(format!("Problems ({})", rows.len()))
        // Below the menu bar, inside the app.
        .default_pos(egui::pos2(70.0, 70.0))
        .open(&mut open)
        .default_size([520.0, 320.0])
        .show(ctx, |ui| {
            if rows.is_empty() {
                ui.label(
                    "No problems: every quote matches its source and the coverage and scheme lints are clean.",
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
