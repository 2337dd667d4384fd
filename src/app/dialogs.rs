//! Modal dialogs: errors, the unsaved-changes prompt, crash recovery, and
//! the in-app file chooser used where no native dialog is available.

use std::path::{Path, PathBuf};

use egui::{Id, Modal};

use super::ArgmapApp;
use super::state::{Dialog, PathPurpose};

/// What the user chose in a dialog this frame.
enum Choice {
    Keep,
    Close,
}

/// Shows the open dialog, if any, and acts on the answer.
pub fn dialog_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    let Some(dialog) = app.dialog.take() else {
        return;
    };
    let mut next = None;
    let choice = match dialog.clone() {
        Dialog::Error { title, message } => {
            let r = Modal::new(Id::unique("error-dialog")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(title);
                ui.add(egui::Label::new(message).wrap());
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if r.inner || r.should_close() {
                Choice::Close
            } else {
                Choice::Keep
            }
        }
        Dialog::Report { title, message } => {
            let r = Modal::new(Id::unique("report-dialog")).show(ctx, |ui| {
                ui.set_max_width(640.0);
                ui.heading(title);
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(message).wrap());
                    });
                ui.add_space(8.0);
                ui.button("OK").clicked()
            });
            if r.inner || r.should_close() {
                Choice::Close
            } else {
                Choice::Keep
            }
        }
        Dialog::Unsaved(then) => {
            let name = app.doc.display_name();
            let r = Modal::new(Id::unique("unsaved-dialog")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("Unsaved changes");
                ui.label(format!("Save the changes to “{name}” first?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        return Some(0);
                    }
                    if ui.button("Discard").clicked() {
                        return Some(1);
                    }
                    if ui.button("Cancel").clicked() {
                        return Some(2);
                    }
                    None
                })
                .inner
            });
            match r.inner {
                Some(0) => {
                    app.save(Some(then), ctx);
                    Choice::Close
                }
                Some(1) => {
                    app.proceed(then, ctx);
                    Choice::Close
                }
                Some(_) => Choice::Close,
                None if r.should_close() => Choice::Close,
                None => Choice::Keep,
            }
        }
        Dialog::Restore { file, label } => {
            let r = Modal::new(Id::unique("restore-dialog")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "Argmap closed with unsaved changes to {label}. Restore them?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        return Some(true);
                    }
                    if ui.button("Discard").clicked() {
                        return Some(false);
                    }
                    None
                })
                .inner
            });
            match r.inner {
                Some(true) => {
                    match super::recovery::restore(&file) {
                        Ok(doc) => {
                            app.replace_document(doc);
                            // Replacing the document cleared the recovery
                            // file: write it again at once, so a second crash
                            // before the next autosave loses nothing.
                            if let Err(e) = app.recovery.write_now(&app.doc) {
                                eprintln!("argmap: cannot rewrite the recovery file: {e}");
                            }
                            if let Some(path) = app.doc.path.clone() {
                                app.remember_recent(&path);
                            }
                            app.status = format!("Restored unsaved work on {label}");
                        }
                        Err(e) => {
                            next = Some(Dialog::Error {
                                title: "Cannot restore".into(),
                                message: e.to_string(),
                            })
                        }
                    }
                    Choice::Close
                }
                Some(false) => {
                    app.recovery.clear();
                    Choice::Close
                }
                None => Choice::Keep,
            }
        }
        Dialog::Path {
            purpose,
            mut path,
            then,
        } => {
            let saving = matches!(purpose, PathPurpose::Save | PathPurpose::Export);
            let mut chosen: Option<PathBuf> = None;
            let mut cancel = false;
            let recent = app.recent.clone();
            let r = Modal::new(Id::unique("path-dialog")).show(ctx, |ui| {
                ui.set_width(560.0);
                ui.heading(match purpose {
                    PathPurpose::Open => "Open map",
                    PathPurpose::Import => "Import from another format",
                    PathPurpose::Export => "Export to another format",
                    PathPurpose::Save => "Save map as",
                    PathPurpose::AttachSource => "Attach source text",
                    PathPurpose::ImportSchemes => "Import scheme set",
                });
                ui.label("No system file dialog is available here; type a path or pick one below.");
                ui.horizontal(|ui| {
                    let label = ui.label("File path:");
                    let edit = ui
                        .add(egui::TextEdit::singleline(&mut path).desired_width(440.0))
                        .labelled_by(label.id);
                    // Typing goes to the path as soon as the dialog opens.
                    if ui.memory(|m| m.focused().is_none()) {
                        edit.request_focus();
                    }
                    if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        chosen = Some(PathBuf::from(&path));
                    }
                });
                listing_ui(ui, &mut path, &mut chosen, purpose);
                if !recent.is_empty() {
                    ui.separator();
                    ui.label("Recent files");
                    for p in &recent {
                        if ui.link(p.display().to_string()).clicked() {
                            path = p.display().to_string();
                            if !saving {
                                chosen = Some(p.clone());
                            }
                        }
                    }
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(if saving { "Save" } else { "Open" }).clicked() {
                        chosen = Some(PathBuf::from(&path));
                    }
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
            if let Some(p) = chosen.filter(|p| !p.as_os_str().is_empty()) {
                match purpose {
                    PathPurpose::Save => app.save_to(&super::files::with_extension(p), then, ctx),
                    PathPurpose::Open => app.open_path(&p),
                    PathPurpose::AttachSource => app.attach_source(&p),
                    PathPurpose::Import => app.import_path(&p),
                    PathPurpose::Export => app.export_path(&p),
                    PathPurpose::ImportSchemes => app.import_schemes(&p),
                }
                Choice::Close
            } else if cancel || r.should_close() {
                Choice::Close
            } else {
                next = Some(Dialog::Path {
                    purpose,
                    path,
                    then,
                });
                Choice::Close
            }
        }
    };
    // A dialog opened by the action (an error after Save) wins over keeping this one.
    if app.dialog.is_none() {
        app.dialog = match choice {
            Choice::Keep => Some(dialog),
            Choice::Close => next,
        };
    }
}

/// The folder of the typed path, with its subfolders and map files.
fn listing_ui(
    ui: &mut egui::Ui,
    path: &mut String,
    chosen: &mut Option<PathBuf>,
    purpose: PathPurpose,
) {
    let saving = matches!(purpose, PathPurpose::Save | PathPurpose::Export);
    let typed = Path::new(path.as_str());
    let dir = if typed.is_dir() {
        typed.to_owned()
    } else {
        typed
            .parent()
            .filter(|p| p.is_dir())
            .map(Path::to_owned)
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
    };
    let mut entries: Vec<(bool, PathBuf)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| (e.path().is_dir(), e.path()))
                .filter(|(is_dir, p)| {
                    let name = p.to_string_lossy();
                    *is_dir
                        || match purpose {
                            PathPurpose::AttachSource => {
                                name.ends_with(".txt") || name.ends_with(".md")
                            }
                            PathPurpose::Import | PathPurpose::Export => true,
                            _ => name.ends_with(".json"),
                        }
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    ui.label(format!("In {}", dir.display()));
    // A fixed height, so the dialog does not jump as the listing changes.
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .min_scrolled_height(220.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(parent) = dir.parent()
                && ui.link(".. (up)").clicked()
            {
                *path = format!("{}/", parent.display());
            }
            for (is_dir, p) in entries {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let label = if is_dir { format!("{name}/") } else { name };
                if ui.link(label).clicked() {
                    if is_dir {
                        *path = format!("{}/", p.display());
                    } else {
                        *path = p.display().to_string();
                        if !saving {
                            *chosen = Some(p);
                        }
                    }
                }
            }
        });
}
