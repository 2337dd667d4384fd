//! The desktop app (eframe/egui). It reads the model and emits commands; UI
//! state (selection, viewport) is kept apart from the map.

use std::path::{Path, PathBuf};

use crate::io::native;
use crate::model::{Map, Stats};
use anyhow::Context as _;

/// The open document.
struct ArgmapApp {
    map: Map,
    file: Option<PathBuf>,
}

impl eframe::App for ArgmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            let stats = Stats::of(&self.map);
            ui.heading(&self.map.meta().title);
            if let Some(file) = &self.file {
                ui.label(file.display().to_string());
            }
            ui.label(format!(
                "{} statements, {} inferences ({} support, {} conflict, {} rephrase), {} evidence items",
                stats.statements,
                stats.inferences.total,
                stats.inferences.support,
                stats.inferences.conflict,
                stats.inferences.rephrase,
                stats.evidence.total
            ));
        });
    }
}

fn load(path: Option<&Path>) -> anyhow::Result<(Map, Option<PathBuf>)> {
    match path {
        Some(p) => Ok((native::load_file(p)?.map, Some(p.to_owned()))),
        None => Ok((crate::bundled::default_map()?.map, None)),
    }
}

/// Opens the window on `path`, or on the bundled map.
pub fn run(path: Option<&Path>) -> anyhow::Result<()> {
    let (map, file) = load(path)?;
    let title = format!("{} — Argmap", map.meta().title);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Argmap",
        options,
        Box::new(move |_cc| Ok(Box::new(ArgmapApp { map, file }))),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
    .context("cannot open the window")
}
