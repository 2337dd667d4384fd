//! The inspector's evaluation section for a statement: its label, why it
//! has that label ([`crate::eval::explain`]), its acceptance override and
//! its base score for gradual semantics.

use super::ArgmapApp;
use super::evaluation::Outcome;
use crate::eval;
use crate::model::{AcceptanceOverride, DEFAULT_BASE_SCORE};

/// Merge key of base-score slider drags on statement `id`.
fn score_gesture(id: &str) -> u64 {
    super::inspector::merge_key(&[id, "base-score"])
}

/// The evaluation section for statement `id`.
pub fn statement_eval_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str) {
    ui.strong("Evaluation");
    let semantics = app.doc.map.eval_inputs().options.semantics;
    match app.evaluation.outcome() {
        Some(Outcome::Labels(e)) => {
            let ext = app.evaluation.extension;
            if let Some(label) = app.evaluation.label_of(id) {
                let mut line = format!("{} ({})", label.as_str(), semantics.as_str());
                if let Some(s) = e.standing(id)
                    && e.extension_count() > 1
                {
                    line.push_str(&format!(
                        "; credulously {}, sceptically {}",
                        yes_no(s.credulous),
                        yes_no(s.sceptical)
                    ));
                }
                ui.label(egui::RichText::new(line).color(label_color(label)));
            }
            if app.evaluation.computing() {
                ui.label(egui::RichText::new("computing…").weak());
            } else {
                let why = eval::explain(
                    &app.doc.map,
                    e,
                    id,
                    ext.unwrap_or(0),
                    eval::explain::DEFAULT_DEPTH,
                );
                if let Some(why) = why {
                    egui::CollapsingHeader::new("Why")
                        .default_open(true)
                        .show(ui, |ui| {
                            ui.label(egui::RichText::new(eval::render(&why)).monospace());
                        });
                }
            }
        }
        Some(Outcome::Strengths(_)) => {
            if let Some(s) = app.evaluation.strength_of(id) {
                ui.label(format!("Strength {s:.3} ({})", semantics.as_str()));
            }
        }
        Some(Outcome::Failed(e)) => {
            ui.label(format!("Not converging: {e}"));
        }
        None => {}
    }
    let current = app.doc.map.acceptance_override(id);
    ui.horizontal(|ui| {
        let l = ui.label("Acceptance");
        egui::ComboBox::from_id_salt("acceptance")
            .selected_text(current.as_str())
            .show_ui(ui, |ui| {
                for v in AcceptanceOverride::ALL {
                    if ui.selectable_label(v == current, v.as_str()).clicked() && v != current {
                        app.set_acceptance(id, v);
                    }
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("Fix this statement's acceptance whatever its reasons say");
    });
    let mut score = app.doc.map.base_score(id);
    ui.horizontal(|ui| {
        let l = ui.label("Base score");
        let r = ui
            .add(egui::Slider::new(&mut score, 0.0..=1.0).fixed_decimals(2))
            .labelled_by(l.id)
            .on_hover_text(
                "The statement's strength before its reasons and objections (gradual semantics)",
            );
        if r.changed() {
            app.set_base_score(id, Some(score), Some(score_gesture(id)));
        }
        if r.drag_stopped() {
            app.doc.history.seal();
        }
        let set = app.doc.map.eval_inputs().base_scores.contains_key(id);
        if ui
            .add_enabled(set, egui::Button::new("Reset"))
            .on_hover_text(format!("Back to the default {DEFAULT_BASE_SCORE}"))
            .clicked()
        {
            app.set_base_score(id, None, None);
        }
    });
    if app.evaluation.what_if.is_some() {
        ui.label(egui::RichText::new("What-if is on: these changes can be discarded").weak());
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The colour of a label: IN green, OUT red, UNDEC amber.
pub fn label_color(label: eval::Label) -> egui::Color32 {
    let [r, g, b, _] = crate::scene::label_color(label);
    egui::Color32::from_rgb(r, g, b)
}

/// The label (or strength) in front of an outline row's text, when the overlay is on.
pub fn outline_suffix_ui(app: &ArgmapApp, ui: &mut egui::Ui, id: &str) {
    let small = |t: String| egui::RichText::new(t).small();
    // Notes are remarks, not claims: unmarked here as on the canvas.
    if app
        .doc
        .map
        .statement(id)
        .is_some_and(|s| !crate::scene::marks_role(s.role))
    {
        return;
    }
    if let Some(l) = app.evaluation.label_of(id) {
        ui.label(small(l.as_str().to_owned()).color(label_color(l)));
    } else if let Some(s) = app.evaluation.strength_of(id) {
        ui.label(small(format!("{s:.2}")).weak());
    }
}
