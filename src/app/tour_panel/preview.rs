//! The canvas side of the Tours window: while a step is selected (and not
//! presenting), the canvas shows that step's picture, from the same
//! [`crate::render::handout::step_view`] as present mode and the hand-outs:
//! unrevealed nodes greyed, highlights outlined, the camera fitted once.

use egui::{Rect, Vec2};

use super::super::canvas::present::fit_view;
use super::super::canvas::visibility::Reveal;
use super::super::inspector::merge_key;
use super::super::navigation::HideOrDim;
use super::PreviewFor;
use crate::app::ArgmapApp;
use crate::scene::Scene;

impl ArgmapApp {
    /// While a step is selected in the Tours window (and not presenting):
    /// what the canvas's visibility is computed for.
    pub(in crate::app) fn preview_key(&mut self, scene: &Scene) -> Option<(u64, usize)> {
        let Some((tour, step)) = self.selected_step().filter(|_| self.tour_panel.open) else {
            self.tour_panel.preview = None;
            return None;
        };
        let revision = self.doc.content_revision;
        let key = PreviewFor {
            tour,
            step,
            revision,
        };
        let panel = &mut self.tour_panel;
        if panel.preview.as_ref().map(|(k, _)| k) != Some(&key) {
            let t = self.doc.map.tour(&key.tour)?;
            let view = crate::render::handout::step_view(&self.doc.map, t, step, scene);
            panel.preview = Some((key.clone(), view));
        }
        Some((merge_key(&["tour preview", &key.tour]), step))
    }

    /// The selected step's picture for the canvas: unrevealed nodes greyed.
    pub(in crate::app) fn preview_reveal(&self) -> Option<Reveal> {
        let (_, view) = self.tour_panel.preview.as_ref()?;
        Some(Reveal {
            visible: view.visible.clone(),
            highlight: view.highlight.clone(),
            unrevealed: HideOrDim::Dim,
            spotlight: None,
        })
    }

    /// Once after a step was selected: the view fitting its camera on a
    /// canvas of `screen` size (screen px).
    pub(in crate::app) fn preview_view(&mut self, screen: Vec2) -> Option<Rect> {
        if !std::mem::take(&mut self.tour_panel.fit_pending) {
            return None;
        }
        let (_, view) = self.tour_panel.preview.as_ref()?;
        let c = &view.camera;
        let camera = Rect::from_min_max(egui::pos2(c.min.x, c.min.y), egui::pos2(c.max.x, c.max.y));
        Some(fit_view(camera, screen))
    }
}
