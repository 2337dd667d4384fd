//! The Tours window (View > Tours): the map's tours and their steps,
//! edited in the app after Argunet Presentation's step list.
//!
//! Choose the current tour (the one F5 presents); create, rename, delete or
//! generate a tour ([`crate::model::tour_gen`]); add the selection as a step;
//! reorder steps by dragging their handle or with Alt+Up / Alt+Down; delete
//! steps; edit a step's speaker note, camera and overlay. Every edit is one
//! undoable [`Command`] pushed as an [`Intent`]; typing a note is one undo
//! step per note, not one per key.
//!
//! Selecting a step shows it on the canvas: its camera is fitted once, the
//! nodes it has not revealed yet are greyed and its highlights outlined,
//! from the same [`crate::render::handout::step_view`] as present mode and the
//! hand-outs. Clicking the selected step again (or closing the window)
//! shows the whole map again.

use super::{ArgmapApp, Intent};
use crate::model::tour_gen::generate_tour;
use crate::render::handout::StepView;
use std::sync::Arc;

use crate::model::{Map, Tour, TourStep};
use crate::ops::Command;

mod preview;
mod steps;

pub use steps::add_to_step;

/// Longest step summary in the list, in chars.
const SUMMARY_CHARS: usize = 60;

/// The Tours window's state.
#[derive(Default)]
pub struct TourPanel {
    /// Whether the window is shown.
    pub open: bool,
    /// The chosen tour, by name: edited here and presented by F5. When it
    /// names no tour (none chosen yet, or it was deleted or renamed by an
    /// undo) the map's first tour is the chosen one.
    pub current: Option<String>,
    /// The selected step of the chosen tour (0-based), shown on the canvas.
    pub step: Option<usize>,
    /// The name typed into the rename field, and the tour it belongs to.
    name_buffer: Option<(String, String)>,
    /// The selected step's picture, and the (tour, step, content revision)
    /// it was worked out for.
    preview: Option<(PreviewFor, StepView)>,
    /// Whether the canvas should fit the selected step's camera next frame.
    fit_pending: bool,
    /// The chosen tour as the window last listed it, and the content
    /// revision it was copied at: a generated tour of a big map has
    /// thousands of steps, too many to copy every frame.
    listed: Option<(u64, Arc<Tour>)>,
}

/// What a step preview was worked out for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PreviewFor {
    tour: String,
    step: usize,
    revision: u64,
}

impl TourPanel {
    /// The chosen tour of `map`: the one named [`TourPanel::current`], else
    /// the first; `None` when the map has no tours.
    pub fn chosen<'m>(&self, map: &'m Map) -> Option<&'m Tour> {
        self.current
            .as_deref()
            .and_then(|name| map.tour(name))
            .or_else(|| map.tours().first())
    }

    /// The chosen tour of `doc`'s map, copied only when the map changed
    /// since the last call (or another tour was chosen).
    fn chosen_listed(&mut self, doc: &super::Document) -> Option<Arc<Tour>> {
        let tour = self.chosen(&doc.map)?;
        if let Some((revision, listed)) = &self.listed
            && *revision == doc.content_revision
            && listed.name == tour.name
        {
            return Some(listed.clone());
        }
        let listed = Arc::new(tour.clone());
        self.listed = Some((doc.content_revision, listed.clone()));
        Some(listed)
    }

    /// Forgets the chosen tour and step (another map was opened); the
    /// window stays open or closed.
    pub fn forget_document(&mut self) {
        *self = TourPanel {
            open: self.open,
            ..TourPanel::default()
        };
    }

    /// Selects step `step` (or none) and asks the canvas to show it.
    pub fn select_step(&mut self, step: Option<usize>) {
        self.step = step;
        self.fit_pending = step.is_some();
    }
}

/// A tour name not used in `map`: `base`, else `base 2`, `base 3`, ….
pub fn unused_tour_name(map: &Map, base: &str) -> String {
    if map.tour(base).is_none() {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|name| map.tour(name).is_none())
        .expect("some number is free")
}

/// One line describing a step: its note, else what it reveals first.
pub fn step_summary(map: &Map, step: &TourStep) -> String {
    let text = if !step.note.trim().is_empty() {
        step.note.trim().to_owned()
    } else if let Some(s) = step.reveal.iter().find_map(|id| map.statement(id)) {
        if s.title.is_empty() {
            s.text.clone()
        } else {
            s.title.clone()
        }
    } else if step.reveal.is_empty() {
        "(reveals nothing)".to_owned()
    } else {
        format!("reveals {}", step.reveal.join(", "))
    };
    let mut short: String = text.chars().take(SUMMARY_CHARS).collect();
    if text.chars().count() > SUMMARY_CHARS {
        short.push('…');
    }
    short.replace('\n', " ")
}

impl ArgmapApp {
    /// The chosen tour's name and its selected step, when both exist.
    fn selected_step(&self) -> Option<(String, usize)> {
        let tour = self.tour_panel.chosen(&self.doc.map)?;
        let step = self.tour_panel.step.filter(|&k| k < tour.steps.len())?;
        Some((tour.name.clone(), step))
    }

    /// With the Tours window open: the selected step's index and the
    /// number of steps of its tour (Alt+Up / Alt+Down move it).
    pub fn selected_step_index(&self) -> Option<(usize, usize)> {
        if !self.tour_panel.open {
            return None;
        }
        let (tour, k) = self.selected_step()?;
        Some((k, self.doc.map.tour(&tour)?.steps.len()))
    }

    /// Moves the selected step one place earlier (`-1`) or later (`+1`),
    /// as one undoable command; the selection follows the step.
    pub fn move_selected_step(&mut self, delta: isize) {
        let Some((tour, from)) = self.selected_step() else {
            return;
        };
        let len = self.doc.map.tour(&tour).map_or(0, |t| t.steps.len());
        let Some(to) = from.checked_add_signed(delta).filter(|&to| to < len) else {
            return;
        };
        self.apply(Command::MoveStep { tour, from, to }, None);
        self.tour_panel.select_step(Some(to));
    }

    /// Adds the selection as a new step of the chosen tour, after the
    /// selected step (or at the end), and selects it. Without a tour, a
    /// new one is made first (both in one undo step).
    pub fn add_selection_as_step(&mut self) {
        let ids = self.selection.0.clone();
        if ids.is_empty() {
            self.status = "Select the nodes the step should reveal first".into();
            return;
        }
        let step = TourStep::revealing(ids);
        let (tour, index, cmd) = match self.tour_panel.chosen(&self.doc.map) {
            Some(t) => {
                let index = self
                    .tour_panel
                    .step
                    .filter(|&k| k < t.steps.len())
                    .map_or(t.steps.len(), |k| k + 1);
                let cmd = Command::AddStep {
                    tour: t.name.clone(),
                    index: Some(index),
                    step,
                };
                (t.name.clone(), index, cmd)
            }
            None => {
                let name = unused_tour_name(&self.doc.map, "Tour");
                let tour = Tour {
                    name: name.clone(),
                    steps: vec![step],
                };
                (name, 0, Command::AddTour { index: None, tour })
            }
        };
        self.apply(cmd, None);
        self.tour_panel.current = Some(tour);
        self.tour_panel.select_step(Some(index));
    }
}

/// The Tours window.
pub fn tour_panel_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    let mut open = app.tour_panel.open;
    if !open {
        return;
    }
    egui::Window::new("Tours")
        .open(&mut open)
        .default_width(380.0)
        .default_pos(egui::pos2(60.0, 120.0))
        .show(ctx, |ui| tours_ui(app, ui));
    app.tour_panel.open = open;
    if !open {
        app.tour_panel.preview = None;
        app.canvas.invalidate_visibility();
    }
}

/// The tour chooser and the tour-level buttons, then the steps.
fn tours_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let map = &app.doc.map;
    let chosen = app.tour_panel.chosen_listed(&app.doc);
    let names: Vec<String> = map.tours().iter().map(|t| t.name.clone()).collect();
    ui.horizontal(|ui| {
        let l = ui.label("Tour");
        let shown = chosen.as_ref().map_or("(no tours)", |t| t.name.as_str());
        egui::ComboBox::from_id_salt("tour chooser")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for name in &names {
                    let is_it = chosen.as_ref().is_some_and(|t| &t.name == name);
                    if ui.selectable_label(is_it, name).clicked() && !is_it {
                        app.tour_panel.current = Some(name.clone());
                        app.tour_panel.select_step(None);
                    }
                }
            })
            .response
            .labelled_by(l.id);
        if ui
            .add_enabled(chosen.is_some(), egui::Button::new("Present"))
            .on_hover_text("Present this tour full screen (F5)")
            .clicked()
        {
            app.push(Intent::Action(super::actions::Action::Present));
        }
    });
    ui.horizontal(|ui| {
        if ui
            .button("New tour")
            .on_hover_text("An empty tour; add steps from the selection")
            .clicked()
        {
            let name = unused_tour_name(&app.doc.map, "Tour");
            new_tour(app, Tour::new(name));
        }
        if ui
            .button("Generate tour")
            .on_hover_text("Depth first from the thesis: one inference with its premises per step")
            .clicked()
        {
            let name = unused_tour_name(&app.doc.map, "Generated tour");
            let tour = generate_tour(&app.doc.map, name);
            new_tour(app, tour);
        }
        if let Some(t) = &chosen
            && ui
                .button("Delete tour")
                .on_hover_text("Delete this tour and its steps (undo brings it back)")
                .clicked()
        {
            app.push(Intent::Apply(Command::DeleteTour {
                name: t.name.clone(),
            }));
            app.tour_panel.current = None;
            app.tour_panel.select_step(None);
        }
    });
    let Some(tour) = chosen else {
        ui.label("This map has no tours yet: make one, or generate one from the map.");
        return;
    };
    rename_ui(app, ui, &tour.name);
    ui.separator();
    steps::steps_ui(app, ui, &tour);
}

/// Adds `tour` at the end and chooses it.
fn new_tour(app: &mut ArgmapApp, tour: Tour) {
    app.tour_panel.current = Some(tour.name.clone());
    app.tour_panel.select_step(None);
    app.push(Intent::Apply(Command::AddTour { index: None, tour }));
}

/// The name field and its Rename button.
fn rename_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, name: &str) {
    let buffer = match &mut app.tour_panel.name_buffer {
        Some((for_tour, text)) if for_tour == name => text,
        slot => {
            *slot = Some((name.to_owned(), name.to_owned()));
            &mut slot.as_mut().expect("just set").1
        }
    };
    let mut rename = None;
    ui.horizontal(|ui| {
        let l = ui.label("Tour name");
        let r = ui
            .add(egui::TextEdit::singleline(buffer).desired_width(200.0))
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let changed = buffer.trim() != name && !buffer.trim().is_empty();
        if (ui
            .add_enabled(changed, egui::Button::new("Rename"))
            .clicked()
            || enter)
            && changed
        {
            rename = Some(buffer.trim().to_owned());
        }
    });
    if let Some(to) = rename {
        app.push(Intent::Apply(Command::RenameTour {
            from: name.to_owned(),
            to: to.clone(),
        }));
        app.tour_panel.current = Some(to.clone());
        app.tour_panel.name_buffer = Some((to.clone(), to));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Map, Statement};

    #[test]
    fn unused_names_count_up() {
        let mut map = Map::new("t");
        assert_eq!(unused_tour_name(&map, "Tour"), "Tour");
        map.insert_tour(0, Tour::new("Tour")).unwrap();
        map.insert_tour(1, Tour::new("Tour 2")).unwrap();
        assert_eq!(unused_tour_name(&map, "Tour"), "Tour 3");
    }

    #[test]
    fn a_summary_is_the_note_else_the_first_statement() {
        let mut map = Map::new("t");
        let id = "s1".to_owned();
        map.add_statement(
            &id,
            Statement::new("A long claim about the islands"),
            None,
            false,
        )
        .unwrap();
        let mut step = TourStep::revealing(vec![id.clone()]);
        assert_eq!(step_summary(&map, &step), "A long claim about the islands");
        step.note = "Say this.\nThen that.".into();
        assert_eq!(step_summary(&map, &step), "Say this. Then that.");
        step.note = "x".repeat(100);
        assert_eq!(step_summary(&map, &step).chars().count(), SUMMARY_CHARS + 1);
        assert_eq!(
            step_summary(&map, &TourStep::default()),
            "(reveals nothing)"
        );
    }
}
