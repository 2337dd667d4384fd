//! The menu bar, the status bar, the search bar and the command palette.
//! All of them list [`Action`]s, so labels and shortcuts come from one place.

use egui::{Key, Modifiers};

use super::actions::Action;
use super::{ArgmapApp, Intent};

/// A menu entry for `action`: its label, shortcut, tooltip and enabled
/// state from the `Action` table; clicking it runs the action.
pub(super) fn action_button(app: &mut ArgmapApp, ui: &mut egui::Ui, action: Action) {
    let shortcut = action
        .shortcut()
        .map(|s| ui.ctx().format_shortcut(&s))
        .unwrap_or_default();
    let enabled = app.is_enabled(action);
    let button = egui::Button::new(action.label()).shortcut_text(shortcut);
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(action.tooltip())
        .clicked()
    {
        app.push(Intent::Action(action));
        ui.close();
    }
}

/// The menu bar at the top of the window.
pub fn menu_bar_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for a in [Action::New, Action::Open] {
                    action_button(app, ui, a);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in app.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.push(Intent::Open(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                action_button(app, ui, Action::AttachSource);
                action_button(app, ui, Action::Import);
                action_button(app, ui, Action::ImportSchemes);
                action_button(app, ui, Action::Export);
                ui.separator();
                action_button(app, ui, Action::ShareLive);
                action_button(app, ui, Action::JoinLive);
                ui.separator();
                for a in [Action::Save, Action::SaveAs, Action::Close] {
                    action_button(app, ui, a);
                }
                ui.separator();
                action_button(app, ui, Action::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = app
                    .doc
                    .history
                    .undo_label()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                let redo = app
                    .doc
                    .history
                    .redo_label()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                ui.label(egui::RichText::new(format!("Last change{undo}")).weak());
                action_button(app, ui, Action::Undo);
                if !redo.is_empty() {
                    ui.label(egui::RichText::new(format!("Undone{redo}")).weak());
                }
                action_button(app, ui, Action::Redo);
                ui.separator();
                for a in [
                    Action::Cut,
                    Action::Copy,
                    Action::Paste,
                    Action::Duplicate,
                    Action::Delete,
                    Action::SelectAll,
                ] {
                    action_button(app, ui, a);
                }
                ui.separator();
                action_button(app, ui, Action::Find);
            });
            ui.menu_button("Map", |ui| {
                for a in [
                    Action::NewStatement,
                    Action::EditText,
                    Action::AddReason,
                    Action::AddObjection,
                    Action::AddCoPremise,
                    Action::ConnectSupport,
                    Action::ConnectAttack,
                    Action::PickScheme,
                ] {
                    action_button(app, ui, a);
                }
                ui.separator();
                action_button(app, ui, Action::AutoLayout);
                ui.separator();
                for a in [
                    Action::PassageStatement,
                    Action::PassageEvidence,
                    Action::PassageReason,
                    Action::PassageObjection,
                ] {
                    action_button(app, ui, a);
                }
            });
            ui.menu_button("View", |ui| {
                for a in [
                    Action::FitMap,
                    Action::ActualSize,
                    Action::Minimap,
                    Action::Present,
                    Action::Tours,
                    Action::StepEarlier,
                    Action::StepLater,
                    Action::Evaluation,
                    Action::EvalOverlay,
                ] {
                    action_button(app, ui, a);
                }
                ui.separator();
                for a in [
                    Action::ToggleFold,
                    Action::UnfoldAll,
                    Action::ToggleFocus,
                    Action::FocusDeeper,
                    Action::FocusShallower,
                    Action::Back,
                    Action::Forward,
                    Action::FilterBar,
                    Action::ClearFilters,
                ] {
                    action_button(app, ui, a);
                }
                ui.separator();
                for a in [
                    Action::ToggleSources,
                    Action::Problems,
                    Action::EvidenceTable,
                    Action::Palette,
                ] {
                    action_button(app, ui, a);
                }
            });
        });
    });
}

/// The status bar's own state.
#[derive(Debug, Default)]
pub struct StatusBar {
    /// The map's counts and the map state they were taken of.
    stats: Option<StatsCache>,
}

/// Counts of a map, and which map state they were taken of.
#[derive(Debug)]
struct StatsCache {
    /// (document generation, content revision).
    key: (u64, u64),
    /// The counts.
    stats: crate::model::Stats,
}

/// Counts, zoom and save state at the bottom of the window.
pub fn status_bar_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let key = (app.generation, app.doc.content_revision);
            let cache = &mut app.status_bar.stats;
            if cache.as_ref().is_none_or(|c| c.key != key) {
                *cache = Some(StatsCache {
                    key,
                    stats: crate::model::Stats::of(&app.doc.map),
                });
            }
            let stats = &cache.as_ref().expect("just filled").stats;
            ui.label(format!(
                "{} statements · {} inferences · {} evidence",
                stats.statements, stats.inferences.total, stats.evidence.total
            ));
            ui.separator();
            ui.label(format!("zoom {:.0}%", app.zoom() * 100.0));
            ui.separator();
            ui.label(if app.doc.is_dirty() {
                "unsaved changes"
            } else {
                "saved"
            });
            #[cfg(feature = "live")]
            if let Some(live) = app.live_status() {
                ui.separator();
                ui.label(live);
            }
            if !app.status.is_empty() {
                ui.separator();
                ui.label(&app.status);
            }
        });
    });
}

/// The incremental search bar (Ctrl+F): Enter cycles through hits.
pub fn search_bar_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    if !app.search.open {
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut app.search.query).desired_width(260.0))
            .labelled_by(label.id);
        if app.search.focus {
            response.request_focus();
            app.search.focus = false;
        }
        if response.changed() {
            app.search.hits = find(&app.doc.map, &app.search.query);
            app.search.current = 0;
            if let Some(id) = app.search.hits.first() {
                app.push(Intent::Reveal(id.clone()));
            }
        }
        let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if enter && !app.search.hits.is_empty() {
            let back = ui.input(|i| i.modifiers.shift);
            let n = app.search.hits.len();
            app.search.current = if back {
                (app.search.current + n - 1) % n
            } else {
                (app.search.current + 1) % n
            };
            app.push(Intent::Reveal(app.search.hits[app.search.current].clone()));
            response.request_focus();
        }
        let count = if app.search.query.is_empty() {
            String::new()
        } else if app.search.hits.is_empty() {
            "no matches".into()
        } else {
            format!("{} of {}", app.search.current + 1, app.search.hits.len())
        };
        ui.label(count);
        if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            app.search.open = false;
        }
    });
}

/// Ids of statements whose text, title, tags, notes or evidence contain
/// `query` (case-insensitive), and of inferences whose scheme (its id or
/// name) does, in map order.
pub fn find(map: &crate::model::Map, query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let catalogue = crate::io::schemes::bundled();
    let scheme_matches = |scheme: &str| {
        !scheme.is_empty()
            && (scheme.to_lowercase().contains(&q)
                || map
                    .resolve_scheme(scheme, catalogue)
                    .is_some_and(|s| s.name.to_lowercase().contains(&q)))
    };
    map.nodes_sorted()
        .into_iter()
        .filter(|n| {
            n.as_inference().is_some_and(|i| scheme_matches(&i.scheme))
                || n.as_statement().is_some_and(|s| {
                    s.text.to_lowercase().contains(&q)
                        || s.title.to_lowercase().contains(&q)
                        || s.notes.to_lowercase().contains(&q)
                        || s.tags.iter().any(|t| t.to_lowercase().contains(&q))
                        || s.evidence.iter().any(|e| {
                            e.text.to_lowercase().contains(&q)
                                || e.citation.to_lowercase().contains(&q)
                        })
                })
        })
        .map(|n| n.id.clone())
        .collect()
}

/// The command palette (Ctrl+Shift+P): type to filter, Enter runs the first.
pub fn palette_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    let Some(mut query) = app.palette.take() else {
        return;
    };
    let mut run = None;
    let mut keep = true;
    egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
        ui.set_width(420.0);
        let label = ui.label("Command:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut query).desired_width(400.0))
            .labelled_by(label.id);
        response.request_focus();
        let q = query.to_lowercase();
        let matches: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| {
                a.label().to_lowercase().contains(&q) || a.tooltip().to_lowercase().contains(&q)
            })
            .collect();
        if matches.is_empty() {
            ui.label(egui::RichText::new("No matching command").weak());
        }
        for a in &matches {
            let shortcut = a
                .shortcut()
                .map(|s| ctx.format_shortcut(&s))
                .unwrap_or_default();
            let button = egui::Button::new(a.label()).shortcut_text(shortcut);
            if ui
                .add_enabled(app.is_enabled(*a), button)
                .on_hover_text(a.tooltip())
                .clicked()
            {
                run = Some(*a);
            }
        }
        if ui.input(|i| i.key_pressed(Key::Enter)) {
            run = matches.into_iter().find(|a| app.is_enabled(*a));
        }
        if ui.input(|i| {
            i.key_pressed(Key::Escape)
                || i.modifiers.matches_exact(Modifiers::NONE) && i.key_pressed(Key::Escape)
        }) {
            keep = false;
        }
    });
    if let Some(a) = run {
        app.push(Intent::Action(a));
        keep = false;
    }
    if keep {
        app.palette = Some(query);
    }
}
