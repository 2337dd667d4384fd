//! The steps part of the Tours window: the list (drag handles, Alt+Up /
//! Alt+Down through [`ArgmapApp::move_selected_step`]), the step buttons,
//! and the selected step's fields. Every edit is pushed as a command.

use super::super::inspector::merge_key;
use super::super::{ArgmapApp, Intent};
use super::step_summary;
use crate::model::tour::MAX_FOCUS_DEPTH;
use crate::model::{Camera, Focus, Overlay, Tour};
use crate::ops::{Command, StepField};

/// The list of steps with their buttons, then the selected step's fields.
pub(super) fn steps_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, tour: &Tour) {
    let selected = app.tour_panel.step.filter(|&k| k < tour.steps.len());
    ui.horizontal(|ui| {
        ui.strong(format!("Steps ({})", tour.steps.len()));
        if ui
            .add_enabled(
                !app.selection.0.is_empty(),
                egui::Button::new("Add selection as step"),
            )
            .on_hover_text(
                "A step revealing and highlighting the selected nodes, after the selected step",
            )
            .clicked()
        {
            app.add_selection_as_step();
        }
    });
    ui.horizontal(|ui| {
        let has = selected.is_some();
        if ui
            .add_enabled(has, egui::Button::new("Delete step"))
            .clicked()
            && let Some(k) = selected
        {
            app.push(Intent::Apply(Command::DeleteStep {
                tour: tour.name.clone(),
                index: k,
            }));
            let left = tour.steps.len() - 1;
            app.tour_panel
                .select_step((left > 0).then(|| k.min(left - 1)));
        }
        let up = selected.is_some_and(|k| k > 0);
        if ui
            .add_enabled(up, egui::Button::new("Move up"))
            .on_hover_text("Alt+Up")
            .clicked()
        {
            app.move_selected_step(-1);
        }
        let down = selected.is_some_and(|k| k + 1 < tour.steps.len());
        if ui
            .add_enabled(down, egui::Button::new("Move down"))
            .on_hover_text("Alt+Down")
            .clicked()
        {
            app.move_selected_step(1);
        }
    });
    step_list_ui(app, ui, tour, selected);
    if let Some(k) = selected {
        ui.separator();
        step_fields_ui(app, ui, tour, k);
    }
}

/// The steps, one row each: a drag handle and the step's summary. Drop a
/// handle on another row to move the step there.
fn step_list_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, tour: &Tour, selected: Option<usize>) {
    let row_height = ui.spacing().interact_size.y + 2.0;
    let mut moved = None;
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, tour.steps.len(), |ui, rows| {
            for k in rows {
                let step = &tour.steps[k];
                let row = ui.horizontal(|ui| {
                    let handle = ui.scope_id().with(("tour step", &tour.name, k));
                    ui.dnd_drag_source(handle, k, |ui| {
                        ui.label("::").on_hover_text("Drag to move this step");
                    });
                    let text = format!("{}. {}", k + 1, step_summary(&app.doc.map, step));
                    if ui.selectable_label(selected == Some(k), text).clicked() {
                        clicked = Some(k);
                    }
                });
                // While a handle is dragged over this row, a line shows
                // where the step will land (above when it moves up).
                if let Some(from) = row.response.dnd_hover_payload::<usize>()
                    && *from != k
                {
                    let r = row.response.rect;
                    let y = if *from > k { r.top() } else { r.bottom() };
                    let stroke = ui.visuals().selection.stroke;
                    ui.painter().hline(r.x_range(), y, stroke);
                }
                if let Some(from) = row.response.dnd_release_payload::<usize>() {
                    moved = Some((*from, k));
                }
            }
        });
    if let Some((from, to)) = moved
        && from != to
    {
        app.push(Intent::Apply(Command::MoveStep {
            tour: tour.name.clone(),
            from,
            to,
        }));
        app.tour_panel.select_step(Some(to));
    } else if let Some(k) = clicked {
        let again = selected == Some(k);
        app.tour_panel.select_step((!again).then_some(k));
        app.canvas.invalidate_visibility();
    }
}

/// The selected step's note, overlay and camera.
fn step_fields_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, tour: &Tour, k: usize) {
    let step = &tour.steps[k];
    let edit = |field: StepField| Command::EditStep {
        tour: tour.name.clone(),
        index: k,
        field,
    };
    ui.label(format!(
        "Step {}: reveals {}, highlights {}{}",
        k + 1,
        step.reveal.len(),
        step.highlight.len(),
        step.focus
            .as_ref()
            .map(|f| format!(", focus {}", f.node))
            .unwrap_or_default()
    ));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !app.selection.0.is_empty(),
                egui::Button::new("Add selection to step"),
            )
            .on_hover_text("This step reveals and highlights the selected nodes too")
            .clicked()
            && let Some(cmd) = add_to_step(tour, k, &app.selection.0)
        {
            app.push(Intent::Apply(cmd));
        }
        if let Some(focus) = &step.focus {
            let l = ui.label("Focus depth");
            let mut depth = focus.depth;
            let r = ui
                .add(egui::DragValue::new(&mut depth).range(0..=MAX_FOCUS_DEPTH))
                .labelled_by(l.id)
                .on_hover_text("Hops around the focus node that count as its neighbourhood");
            if r.changed() && depth != focus.depth {
                let focus = Focus {
                    node: focus.node.clone(),
                    depth,
                };
                let key = merge_key(&["tour focus", &tour.name, &k.to_string()]);
                app.push(Intent::ApplyMerging(
                    edit(StepField::Focus(Some(focus))),
                    key,
                ));
                app.tour_panel.fit_pending = true;
            }
        }
    });
    let l = ui.label("Speaker note");
    let mut note = step.note.clone();
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if r.changed() {
        let key = merge_key(&["tour note", &tour.name, &k.to_string()]);
        app.push(Intent::ApplyMerging(edit(StepField::Note(note)), key));
    }
    if r.lost_focus() {
        app.doc.history.seal();
    }
    let mut labels = step.overlay == Some(Overlay::EvaluationLabels);
    if ui
        .checkbox(&mut labels, "Evaluation labels at this step")
        .on_hover_text("Present mode shows IN/OUT/UNDEC on the map while this step is shown")
        .changed()
    {
        let overlay = labels.then_some(Overlay::EvaluationLabels);
        app.push(Intent::Apply(edit(StepField::Overlay(overlay))));
    }
    ui.horizontal(|ui| {
        ui.label("Camera");
        for (camera, text) in [
            (Camera::FitRevealed, "Fit revealed"),
            (Camera::FitFocus, "Fit focus"),
        ] {
            if ui.radio(step.camera == camera, text).clicked() && step.camera != camera {
                app.push(Intent::Apply(edit(StepField::Camera(camera))));
                app.tour_panel.fit_pending = true;
            }
        }
    });
}

/// The command making step `k` of `tour` also reveal and highlight `ids`
/// (those it does not list yet), as one undo step; `None` when it lists
/// them all already.
pub fn add_to_step(tour: &Tour, k: usize, ids: &[String]) -> Option<Command> {
    let step = tour.steps.get(k)?;
    let grown = |list: &[String]| {
        let mut out = list.to_vec();
        out.extend(ids.iter().filter(|id| !list.contains(id)).cloned());
        out
    };
    let (reveal, highlight) = (grown(&step.reveal), grown(&step.highlight));
    if reveal == step.reveal && highlight == step.highlight {
        return None;
    }
    let edit = |field| Command::EditStep {
        tour: tour.name.clone(),
        index: k,
        field,
    };
    Some(Command::Batch(vec![
        edit(StepField::Reveal(reveal)),
        edit(StepField::Highlight(highlight)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TourStep;

    #[test]
    fn adding_to_a_step_appends_only_new_ids() {
        let mut tour = Tour::new("t");
        tour.steps.push(TourStep::revealing(vec!["a".into()]));
        let ids = vec!["a".to_owned(), "b".to_owned()];
        let Some(Command::Batch(cmds)) = add_to_step(&tour, 0, &ids) else {
            panic!("one batch");
        };
        assert_eq!(
            cmds,
            vec![
                Command::EditStep {
                    tour: "t".into(),
                    index: 0,
                    field: StepField::Reveal(ids.clone()),
                },
                Command::EditStep {
                    tour: "t".into(),
                    index: 0,
                    field: StepField::Highlight(ids.clone()),
                },
            ]
        );
        tour.steps[0] = TourStep::revealing(ids.clone());
        assert_eq!(add_to_step(&tour, 0, &ids), None);
        assert_eq!(add_to_step(&tour, 5, &ids), None);
    }
}
