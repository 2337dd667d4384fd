//! Right-click menus on the canvas: on a statement, on an inference's
//! connector and on empty canvas. Every entry is an [`Action`] drawn by the
//! menu bar's own button (`menus::action_button`), so labels, shortcuts,
//! tooltips and enabled state come from the one `Action` table; only
//! "New statement here" and an inference's kind, which need a place or a
//! value, are built here. Right-clicking a node that is not selected
//! selects it first, so the menu acts on what was clicked.

use egui::Pos2;

use super::Canvas;
use crate::app::actions::Action;
use crate::app::{ArgmapApp, Intent, editing, menus};
use crate::model::{InferenceKind, Pos};
use crate::ops::Command;

/// Statement menu entries, in groups separated by a line.
const STATEMENT_GROUPS: [&[Action]; 4] = [
    &[
        Action::EditText,
        Action::AddReason,
        Action::AddObjection,
        Action::AddCoPremise,
    ],
    &[
        Action::ConnectSupport,
        Action::ConnectAttack,
        Action::PassageEvidence,
        Action::EvidenceTable,
    ],
    &[Action::ToggleFold, Action::ToggleFocus],
    &[Action::Copy, Action::Cut, Action::Duplicate, Action::Delete],
];

/// Empty-canvas entries after "New statement here".
const CANVAS_ENTRIES: [Action; 6] = [
    Action::Paste,
    Action::SelectAll,
    Action::AutoLayout,
    Action::FitMap,
    Action::ActualSize,
    Action::UnfoldAll,
];

impl ArgmapApp {
    /// Selects `id` on a right-click unless it is selected already (a
    /// right-click inside a multiple selection keeps it).
    fn select_for_menu(&mut self, response: &egui::Response, id: &str) {
        if response.secondary_clicked() && !self.selection.contains(id) {
            self.selection.set(id.to_owned());
        }
    }

    /// The right-click menu of statement `id`'s box.
    pub(super) fn statement_menu_ui(&mut self, response: &egui::Response, id: &str) {
        self.select_for_menu(response, id);
        response.context_menu(|ui| {
            for (k, group) in STATEMENT_GROUPS.iter().enumerate() {
                if k > 0 {
                    ui.separator();
                }
                for &action in *group {
                    menus::action_button(self, ui, action);
                }
            }
        });
    }

    /// The right-click menu of inference `id`'s connector: its kind, an
    /// undercut against it, its scheme, deletion.
    pub(super) fn connector_menu_ui(&mut self, response: &egui::Response, id: &str) {
        self.select_for_menu(response, id);
        response.context_menu(|ui| {
            let Some(inference) = self.doc.map.inference(id).cloned() else {
                return;
            };
            ui.menu_button("Kind", |ui| {
                for (label, kind) in [
                    ("Support", InferenceKind::Support),
                    ("Attack (conflict)", InferenceKind::Conflict),
                    ("Rephrase", InferenceKind::Rephrase),
                ] {
                    if ui.radio(inference.kind == kind, label).clicked() && inference.kind != kind {
                        let mut changed = inference.clone();
                        changed.kind = kind;
                        self.push(Intent::Apply(Command::EditInference {
                            id: id.to_owned(),
                            inference: changed,
                        }));
                        ui.close();
                    }
                }
            });
            // With an inference selected, "Add objection" undercuts it.
            if ui
                .add_enabled(
                    self.is_enabled(Action::AddObjection),
                    egui::Button::new("Undercut it"),
                )
                .on_hover_text("Add an objection to this step of reasoning (not to its conclusion)")
                .clicked()
            {
                self.push(Intent::Action(Action::AddObjection));
                ui.close();
            }
            menus::action_button(self, ui, Action::PickScheme);
            ui.separator();
            menus::action_button(self, ui, Action::Delete);
        });
    }

    /// The right-click menu of empty canvas: a new statement where the
    /// click was, paste, layout and view entries.
    pub(super) fn background_menu_ui(&mut self, canvas: &mut Canvas, response: &egui::Response) {
        // Raw input is in screen points (the response's own positions are
        // in the canvas layer's transformed space).
        if response.secondary_clicked()
            && let Some(p) = response
                .ctx
                .input(|i| i.pointer.interact_pos().or(i.pointer.latest_pos()))
        {
            canvas.context_at = Some(canvas.canvas_from_screen(p));
        }
        response.context_menu(|ui| {
            if ui
                .button("New statement here")
                .on_hover_text("Add a statement where you right-clicked and edit its text")
                .clicked()
            {
                let at = canvas.context_at.unwrap_or(Pos2::ZERO);
                let edit = editing::new_statement(&mut self.doc.map, Pos::new(at.x, at.y));
                self.apply_edit(Some(edit), "New statement");
                ui.close();
            }
            ui.separator();
            for action in CANVAS_ENTRIES {
                menus::action_button(self, ui, action);
            }
        });
    }
}
