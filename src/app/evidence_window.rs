//! The Evidence window: every evidence item of the map in one table,
//! sortable by any column and filterable, exportable as Markdown or CSV.
//! Clicking a row selects its statement.

use super::{ArgmapApp, Intent};
use crate::io::evidence_table::{self, Column};

/// The window's own state (whether it is shown is in [`super::panels::PanelVisibility`]).
#[derive(Clone, Debug)]
pub struct EvidenceWindow {
    /// The filter typed so far.
    pub filter: String,
    /// The column sorted by, and whether ascending.
    pub sort: (Column, bool),
}

impl Default for EvidenceWindow {
    fn default() -> Self {
        EvidenceWindow {
            filter: String::new(),
            sort: (Column::Statement, true),
        }
    }
}

impl ArgmapApp {
    /// The rows the Evidence window shows: filtered, then sorted.
    pub fn evidence_rows(&self) -> Vec<evidence_table::EvidenceRow> {
        let all = evidence_table::rows(&self.doc.map);
        let mut rows = evidence_table::filter_rows(&all, &self.evidence_window.filter);
        evidence_table::sort_rows(
            &mut rows,
            self.evidence_window.sort.0,
            self.evidence_window.sort.1,
        );
        rows
    }

    /// Saves the shown rows as a Markdown table (`.md`) or CSV (anything else).
    fn export_evidence(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("Export evidence table")
            .set_file_name("evidence.csv")
            .add_filter("CSV or Markdown", &["csv", "md"])
            .save_file()
        else {
            self.status = "Evidence export cancelled (or no file dialog available)".into();
            return;
        };
        let rows = self.evidence_rows();
        let text = if path.extension().is_some_and(|e| e == "md") {
            evidence_table::to_markdown(&rows)
        } else {
            evidence_table::to_csv(&rows)
        };
        self.status = match crate::io::write_atomic(&path, text.as_bytes()) {
            Ok(()) => format!("Wrote {} evidence rows to {}", rows.len(), path.display()),
            Err(e) => format!("Cannot write {}: {e}", path.display()),
        };
    }
}

/// The Evidence window, when open.
pub fn evidence_window_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    if !app.panels.evidence {
        return;
    }
    let rows = app.evidence_rows();
    let mut open = true;
    let mut export = false;
    egui::Window::new(format!("Evidence ({})", rows.len()))
        // Below the menu bar, inside the app.
        .default_pos(egui::pos2(90.0, 80.0))
        .open(&mut open)
        .default_size([760.0, 360.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Filter:");
                ui.add(
                    egui::TextEdit::singleline(&mut app.evidence_window.filter)
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
                if ui
                    .button("Export…")
                    .on_hover_text("Save these rows as CSV or a Markdown table")
                    .clicked()
                {
                    export = true;
                }
            });
            egui::ScrollArea::both().show(ui, |ui| {
                egui::Grid::new("evidence-grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for column in Column::ALL {
                            let (sorted, ascending) = app.evidence_window.sort;
                            let arrow = if sorted != column {
                                ""
                            } else if ascending {
                                " ^"
                            } else {
                                " v"
                            };
                            if ui
                                .button(format!("{}{arrow}", column.heading()))
                                .on_hover_text("Sort by this column")
                                .clicked()
                            {
                                app.evidence_window.sort =
                                    (column, !(sorted == column && ascending));
                            }
                        }
                        ui.end_row();
                        for row in &rows {
                            let cells = evidence_table::cells(row);
                            for (k, cell) in cells.iter().enumerate() {
                                let shown: String =
                                    cell.chars().take(if k == 2 { 90 } else { 50 }).collect();
                                if k == 0 {
                                    if ui.link(shown).on_hover_text(cell).clicked() {
                                        app.push(Intent::Reveal(row.statement_id.clone()));
                                    }
                                } else if k == 1 {
                                    ui.horizontal(|ui| {
                                        super::basis_icon::basis_icon(ui, row.basis);
                                        ui.label(shown);
                                    });
                                } else {
                                    ui.label(shown).on_hover_text(cell);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        });
    app.panels.evidence = open;
    if export {
        app.export_evidence();
    }
}
