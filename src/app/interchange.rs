//! File > Import and File > Export: every format the library reads or
//! writes, chosen by extension, with the loss report shown afterwards.

use std::path::Path;
use std::time::Instant;

use super::ArgmapApp;
use super::document::Document;
use super::state::{Dialog, PathPurpose};
use crate::io::Warning;
use crate::io::formats::{self, Format};
use crate::render::{html, pdf, png, svg};
use crate::scene::{FigureOptions, SceneOptions};

/// Extensions offered in the import dialog.
const IMPORT_EXTENSIONS: &[&str] = &["argdown", "ad", "json", "txt", "dot", "gv", "graphml"];
/// Extensions offered in the export dialog.
const EXPORT_EXTENSIONS: &[&str] = &[
    "argdown", "json", "graphml", "dot", "gv", "mmd", "md", "svg", "png", "pdf", "html",
];

fn report(warnings: &[Warning]) -> String {
    warnings
        .iter()
        .map(|w| format!("- {w}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ArgmapApp {
    /// Asks which file to import (Argdown, AIF JSON, Kialo text).
    pub(super) fn import_dialog(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Import")
            .add_filter(
                "Argdown, AIF JSON, Kialo text, DOT, GraphML, microtext XML",
                IMPORT_EXTENSIONS,
            )
            .pick_file();
        match picked {
            Some(path) => self.import_path(&path),
            None if started.elapsed() < super::files::NO_DIALOG_SERVICE => {
                self.dialog = Some(Dialog::Path {
                    purpose: PathPurpose::Import,
                    path: String::new(),
                    then: None,
                });
            }
            None => {}
        }
    }

    /// Imports `path` as a new, unsaved map and reports what did not carry over.
    pub fn import_path(&mut self, path: &Path) {
        let result = (|| {
            let format = Format::from_path(path)
                .filter(|f| f.can_import())
                .ok_or_else(|| {
                    format!(
                        "{}: Argmap imports .argdown, .ad, .json (AIF) and .txt (Kialo) files",
                        path.display()
                    )
                })?;
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            formats::import(format, &text, Some(path), path.parent()).map_err(|e| e.to_string())
        })();
        match result {
            Ok(loaded) => {
                let mut doc = Document::new(loaded.map, None);
                doc.mark_unsaved();
                self.replace_document(doc);
                self.status = format!("Imported {}", path.display());
                if !loaded.warnings.is_empty() {
                    self.dialog = Some(Dialog::Report {
                        title: format!("Imported with {} warning(s)", loaded.warnings.len()),
                        message: report(&loaded.warnings),
                    });
                }
            }
            Err(message) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot import".into(),
                    message,
                });
            }
        }
    }

    /// Writes the map to `path` in the format its extension names; diagrams
    /// (.svg, .png, .pdf) and the web page (.html) are drawn from the same
    /// scene as the canvas.
    pub fn export_path(&mut self, path: &Path) {
        match self.export_bytes(path) {
            Ok((bytes, losses)) => match crate::io::write_atomic(path, &bytes) {
                Ok(()) => {
                    self.status = format!("Exported {}", path.display());
                    if !losses.is_empty() {
                        self.dialog = Some(Dialog::Report {
                            title: format!(
                                "Exported; {} thing(s) the format cannot hold",
                                losses.len()
                            ),
                            message: report(&losses),
                        });
                    }
                }
                Err(e) => {
                    self.dialog = Some(Dialog::Error {
                        title: "Cannot export".into(),
                        message: format!("{}: {e}", path.display()),
                    });
                }
            },
            Err(message) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot export".into(),
                    message,
                })
            }
        }
    }

    fn export_bytes(&self, path: &Path) -> Result<(Vec<u8>, Vec<Warning>), String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let map = &self.doc.map;
        let measurer = self.canvas.measurer();
        let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        // What a diagram loses: characters XML cannot hold, scripts no font covers.
        let diagram_warnings = || -> Vec<Warning> {
            let uncovered = measurer.uncovered(crate::scene::fonts::map_texts(map));
            crate::io::control_characters_dropped(map)
                .into_iter()
                .chain((!uncovered.is_empty()).then(|| Warning {
                    at: None,
                    message: crate::scene::fonts::describe(&uncovered),
                }))
                .collect()
        };
        // The Export dialog's options (remembered between exports).
        let settings = &self.export_settings;
        let verdicts = match settings.eval() {
            Some(semantics) => Some(
                crate::eval::verdicts(map, semantics)
                    .map_err(|e| format!("{}: {e}", semantics.as_str()))?,
            ),
            None => None,
        };
        match ext.as_str() {
            "svg" => {
                let options = svg::SvgOptions {
                    theme: settings.theme(),
                    legend: settings.legend,
                    evidence_appendix: settings.evidence,
                    eval: verdicts,
                    ..svg::SvgOptions::default()
                };
                svg::export(map, &measurer, None, &options)
                    .map(|s| (s.into_bytes(), diagram_warnings()))
                    .map_err(|e| fail(&e))
            }
            "html" | "htm" => {
                let options = html::HtmlOptions {
                    theme: settings.theme(),
                    eval: verdicts,
                    legend: settings.legend,
                };
                html::export(map, &measurer, &options)
                    .map(|s| (s.into_bytes(), diagram_warnings()))
                    .map_err(|e| fail(&e))
            }
            "png" | "pdf" => {
                let figure = crate::scene::figure(
                    map,
                    &measurer,
                    &FigureOptions {
                        scene: SceneOptions {
                            theme: settings.theme(),
                            ..SceneOptions::default()
                        },
                        legend: settings.legend,
                        evidence_appendix: settings.evidence && ext == "pdf",
                        eval: verdicts,
                    },
                );
                let bytes = if ext == "png" {
                    png::render(&figure, &measurer, settings.scale).map_err(|e| fail(&e))?
                } else {
                    let options = pdf::PdfOptions {
                        pages: settings.pages(),
                        orientation: settings.orientation(),
                        one_page: settings.one_page && settings.pages() != pdf::PageSize::Fit,
                    };
                    pdf::render_with(&figure, &measurer, &options).map_err(|e| fail(&e))?
                };
                Ok((bytes, diagram_warnings()))
            }
            _ => {
                let format = Format::from_path(path)
                    .filter(|f| f.can_export())
                    .ok_or_else(|| {
                        format!(
                            "{}: choose an extension Argmap writes: {}",
                            path.display(),
                            EXPORT_EXTENSIONS.join(", ")
                        )
                    })?;
                let out = formats::export(format, map).map_err(|e| fail(&e))?;
                Ok((out.text.into_bytes(), out.losses))
            }
        }
    }
}
