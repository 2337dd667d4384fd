//! The small bars above the canvas while navigating: the focus bar (hop
//! depth slider 1–5, hide or dim the rest, leave focus) and the filter bar
//! (the active filters as chips, menus to add one by tag, role, evidence
//! basis, scheme or "has open questions", hide or dim, and "Clear filters" in one click).

use super::super::ArgmapApp;
use super::super::actions::Action;
use super::super::navigation::{FOCUS_DEPTHS, FilterKey, HideOrDim};
use crate::app::Intent;
use crate::model::{Basis, Role};

impl ArgmapApp {
    /// The focus and filter bars, each shown only when in use.
    pub(in crate::app) fn nav_bars_ui(&mut self, ui: &mut egui::Ui) {
        if self.nav.focus.is_some() {
            self.focus_bar_ui(ui);
        }
        if self.nav.filter_bar || !self.nav.filters.is_empty() {
            self.filter_bar_ui(ui);
        }
    }

    fn focus_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label("Focus:");
            let mut depth = self.nav.focus_depth;
            let label = ui.label("hops");
            let slider = ui
                .add(egui::Slider::new(&mut depth, FOCUS_DEPTHS))
                .labelled_by(label.id)
                .on_hover_text("How many hops around the selection are shown ([ and ])");
            if slider.changed() {
                self.nav.set_depth(depth);
            }
            let mut outside = self.nav.focus_outside;
            egui::ComboBox::from_id_salt("focus-outside")
                .selected_text(mode_label(outside))
                .show_ui(ui, |ui| {
                    for mode in [HideOrDim::Dim, HideOrDim::Hide] {
                        ui.selectable_value(&mut outside, mode, mode_label(mode));
                    }
                });
            if outside != self.nav.focus_outside {
                self.nav.set_focus_outside(outside);
            }
            if ui
                .button("Leave focus")
                .on_hover_text(Action::ToggleFocus.tooltip())
                .clicked()
            {
                self.push(Intent::Action(Action::ToggleFocus));
            }
        });
    }

    fn filter_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Filters:");
            let keys: Vec<FilterKey> = self.nav.filters.keys.iter().cloned().collect();
            for key in keys {
                if ui
                    .button(format!("{} ×", key.label()))
                    .on_hover_text("Remove this filter")
                    .clicked()
                {
                    self.nav.filters.toggle(key);
                    self.nav.touch();
                }
            }
            let mut add = None;
            let tags: Vec<String> = self.doc.map.tags().into_iter().map(str::to_owned).collect();
            ui.menu_button("+ Tag", |ui| {
                if tags.is_empty() {
                    ui.label("This map has no tags");
                }
                for t in tags {
                    if ui.button(&t).clicked() {
                        add = Some(FilterKey::Tag(t));
                    }
                }
            });
            ui.menu_button("+ Role", |ui| {
                for r in Role::ALL {
                    if ui.button(r.as_str()).clicked() {
                        add = Some(FilterKey::Role(r));
                    }
                }
            });
            ui.menu_button("+ Evidence basis", |ui| {
                for b in Basis::ALL {
                    if ui.button(b.label()).clicked() {
                        add = Some(FilterKey::Basis(b));
                    }
                }
            });
            let used = schemes_in_use(&self.doc.map);
            ui.menu_button("+ Scheme", |ui| {
                if ui.button("has open questions").clicked() {
                    add = Some(FilterKey::OpenQuestions);
                }
                ui.separator();
                if used.is_empty() {
                    ui.label("No inference of this map names a scheme");
                }
                for (id, name) in used {
                    if ui.button(name).clicked() {
                        add = Some(FilterKey::Scheme(id));
                    }
                }
            });
            if let Some(key) = add {
                self.nav.filters.keys.insert(key);
                self.nav.touch();
            }
            let mut mode = self.nav.filters.mode;
            let before = mode;
            egui::ComboBox::from_id_salt("filter-mode")
                .selected_text(mode_label(mode))
                .show_ui(ui, |ui| {
                    for m in [HideOrDim::Dim, HideOrDim::Hide] {
                        ui.selectable_value(&mut mode, m, mode_label(m));
                    }
                });
            if mode != before {
                self.nav.filters.mode = mode;
                self.nav.touch();
            }
            let clear = ui.add_enabled(
                !self.nav.filters.is_empty(),
                egui::Button::new(Action::ClearFilters.label()),
            );
            if clear
                .on_hover_text(Action::ClearFilters.tooltip())
                .clicked()
            {
                self.push(Intent::Action(Action::ClearFilters));
            }
            if ui.small_button("Close").clicked() {
                self.nav.filter_bar = false;
            }
        });
    }
}

/// The schemes the map's inferences name, as (reference, display name),
/// sorted by name: a catalogue scheme by its name, a verbatim name as is.
fn schemes_in_use(map: &crate::model::Map) -> Vec<(String, String)> {
    let catalogue = crate::io::schemes::bundled();
    let mut used: Vec<(String, String)> = map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_inference())
        .filter(|i| !i.scheme.is_empty())
        .map(|i| {
            let name = map
                .resolve_scheme(&i.scheme, catalogue)
                .map_or(i.scheme.clone(), |s| s.name.clone());
            (i.scheme.clone(), name)
        })
        .collect();
    used.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    used.dedup();
    used
}

fn mode_label(mode: HideOrDim) -> &'static str {
    match mode {
        HideOrDim::Dim => "dim the rest",
        HideOrDim::Hide => "hide the rest",
    }
}
