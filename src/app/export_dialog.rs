//! The Export dialog (File > Export…, Ctrl+E): says which formats and
//! extensions Argmap writes (the web page, .html, among them), offers in the window the diagram options the
//! command line has (theme, PNG scale, legend, evidence appendix, PDF page
//! size, orientation and one-page scaling, evaluation overlay), and
//! remembers them between exports and between runs (eframe storage). The
//! file is chosen with the system dialog when there is one, else typed.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::ArgmapApp;
use crate::model::EvalSemantics;
use crate::render::pdf::{Orientation, PageSize};
use crate::scene::ThemeName;

/// What the dialog lists: (what, extensions).
const FORMATS: &[(&str, &str)] = &[
    ("Diagrams, drawn like the canvas", ".svg  .png  .pdf"),
    ("Web page to explore offline (evidence, tours)", ".html"),
    ("Argdown", ".argdown"),
    ("AIF JSON (OVA, AIFdb)", ".json"),
    ("GraphML (yEd)", ".graphml"),
    ("Graphviz DOT", ".dot  .gv"),
    ("Mermaid flowchart", ".mmd"),
    ("Markdown outline (hand-out)", ".md"),
];

/// The diagram options of an export, remembered between exports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// `light` or `dark`.
    pub theme: String,
    /// PNG pixels per canvas pixel.
    pub scale: f32,
    /// Add a legend below the map.
    pub legend: bool,
    /// Add the evidence appendix (SVG and PDF).
    pub evidence: bool,
    /// PDF: `fit`, `a4`, `a3` or `letter`.
    pub pages: String,
    /// PDF: `auto`, `portrait` or `landscape`.
    pub orientation: String,
    /// PDF on paper: scale the map onto one page.
    pub one_page: bool,
    /// Draw the evaluation overlay under this semantics (its name).
    pub eval: Option<String>,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            theme: "light".into(),
            scale: 1.0,
            legend: false,
            evidence: true,
            pages: "fit".into(),
            orientation: "auto".into(),
            one_page: false,
            eval: None,
        }
    }
}

impl ExportSettings {
    /// The theme, light when the stored name is unknown.
    pub fn theme(&self) -> ThemeName {
        ThemeName::parse(&self.theme).unwrap_or_default()
    }

    /// The page size, fit when unknown.
    pub fn pages(&self) -> PageSize {
        PageSize::parse(&self.pages).unwrap_or_default()
    }

    /// The orientation, auto when unknown.
    pub fn orientation(&self) -> Orientation {
        Orientation::parse(&self.orientation).unwrap_or_default()
    }

    /// The overlay's semantics, if one is chosen and known.
    pub fn eval(&self) -> Option<EvalSemantics> {
        self.eval.as_deref().and_then(EvalSemantics::parse)
    }
}

/// The dialog's own state while it is open.
#[derive(Clone, Debug, Default)]
pub struct ExportDialog {
    /// Whether it is shown.
    pub open: bool,
    /// The file to write, as typed or picked.
    pub path: String,
}

/// Draws the Export dialog when it is open.
pub fn export_dialog_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    if !app.export.open {
        return;
    }
    let mut export_to: Option<PathBuf> = None;
    let mut close = false;
    let r = egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Export");
        ui.label("The format follows the file's extension:");
        egui::Grid::new("export-formats")
            .num_columns(2)
            .show(ui, |ui| {
                for (what, ext) in FORMATS {
                    ui.label(*what);
                    ui.monospace(*ext);
                    ui.end_row();
                }
            });
        ui.separator();
        ui.strong("Diagram options (SVG, PNG, PDF; theme and labels for HTML too)");
        let s = &mut app.export_settings;
        ui.horizontal(|ui| {
            ui.label("Theme");
            ui.radio_value(&mut s.theme, "light".to_owned(), "light (print)");
            ui.radio_value(&mut s.theme, "dark".to_owned(), "dark (screen)");
        });
        ui.horizontal(|ui| {
            let l = ui.label("PNG scale");
            ui.add(
                egui::DragValue::new(&mut s.scale)
                    .range(0.1..=8.0)
                    .speed(0.05),
            )
            .labelled_by(l.id);
        });
        ui.checkbox(&mut s.legend, "Legend below the map");
        ui.checkbox(&mut s.evidence, "Evidence appendix (SVG and PDF)");
        ui.horizontal(|ui| {
            ui.label("PDF pages");
            for p in ["fit", "a4", "a3", "letter"] {
                ui.radio_value(&mut s.pages, p.to_owned(), p);
            }
        });
        ui.add_enabled_ui(s.pages != "fit", |ui| {
            ui.horizontal(|ui| {
                for o in ["auto", "portrait", "landscape"] {
                    ui.radio_value(&mut s.orientation, o.to_owned(), o);
                }
                ui.checkbox(&mut s.one_page, "All on one page");
            });
        });
        ui.horizontal(|ui| {
            let l = ui.label("Evaluation labels");
            egui::ComboBox::from_id_salt("export-eval")
                .selected_text(s.eval.clone().unwrap_or_else(|| "none".into()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut s.eval, None, "none");
                    for sem in EvalSemantics::ALL {
                        ui.selectable_value(
                            &mut s.eval,
                            Some(sem.as_str().to_owned()),
                            sem.as_str(),
                        );
                    }
                })
                .response
                .labelled_by(l.id);
        });
        ui.separator();
        ui.horizontal(|ui| {
            let l = ui.label("File:");
            let edit = ui
                .add(egui::TextEdit::singleline(&mut app.export.path).desired_width(380.0))
                .labelled_by(l.id);
            if ui.memory(|m| m.focused().is_none()) {
                edit.request_focus();
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                export_to = Some(PathBuf::from(&app.export.path));
            }
            if ui
                .button("Choose…")
                .on_hover_text("The system's save dialog")
                .clicked()
                && let Some(p) = rfd::FileDialog::new().set_title("Export").save_file()
            {
                app.export.path = p.display().to_string();
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !app.export.path.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                export_to = Some(PathBuf::from(app.export.path.trim()));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if let Some(path) = export_to.filter(|p| !p.as_os_str().is_empty()) {
        app.export.open = false;
        app.export_path(&path);
    } else if close || r.should_close() {
        app.export.open = false;
    }
}
