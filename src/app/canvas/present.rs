//! The canvas side of present mode (see [`crate::app::present`]): the
//! step's picture as one more visibility source, and the camera gliding
//! to the step.

use egui::{Rect, Vec2};

use super::super::present::{GLIDE_SECONDS, MAX_ZOOM};
use super::visibility::{Reveal, Shown};
use super::{ArgmapApp, Canvas, erect};
use crate::app::navigation::HideOrDim;
use crate::model::tour::neighbourhood;
use crate::scene::Scene;

/// What the canvas's visibility was computed for while presenting or
/// previewing a tour step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresentKey {
    /// Whose step: [`PRESENTING`] for present mode, else a hash of the
    /// tour previewed in the Tours window.
    pub source: u64,
    /// The step shown.
    pub step: usize,
    /// The map's content revision.
    pub revision: u64,
    /// How unrevealed nodes are drawn.
    pub unrevealed: HideOrDim,
    /// Whether the spotlight is on.
    pub spotlight: bool,
}

/// [`PresentKey::source`] of present mode.
pub const PRESENTING: u64 = 0;

impl Canvas {
    /// The view and screen rectangle, to put back with
    /// [`Canvas::restore_camera`].
    pub fn camera(&self) -> (Rect, Rect) {
        (self.view, self.outer)
    }

    /// Puts back a camera kept by [`Canvas::camera`]. The screen rectangle
    /// comes back too, so the next frame (with the panels back) does not
    /// shift the view as a resize would.
    pub fn restore_camera(&mut self, (view, outer): (Rect, Rect)) {
        self.view = view;
        self.outer = outer;
    }

    /// Makes the next frame recompute what is hidden and dimmed.
    pub fn invalidate_visibility(&mut self) {
        self.visibility_key = None;
    }

    /// The scene drawn in the last frame, if any (the presenter view
    /// draws its preview from it).
    pub fn last_scene(&self) -> Option<&Scene> {
        self.scene.as_ref().map(|(_, s)| s)
    }
}

/// The view (canvas px) that shows `camera` (canvas px) on a screen
/// rectangle of `screen` size, centred, never closer than [`MAX_ZOOM`].
pub fn fit_view(camera: Rect, screen: Vec2) -> Rect {
    if !camera.is_positive() || screen.x <= 0.0 || screen.y <= 0.0 {
        return Rect::from_center_size(camera.center(), screen);
    }
    let zoom = (screen.x / camera.width())
        .min(screen.y / camera.height())
        .min(MAX_ZOOM);
    Rect::from_center_size(camera.center(), screen / zoom)
}

/// Smoothstep easing of `t` in 0–1: starts and ends without a jolt.
fn ease(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

/// `a` moved a fraction `t` of the way to `b`, corner by corner.
fn lerp_rect(a: Rect, b: Rect, t: f32) -> Rect {
    Rect::from_min_max(a.min.lerp(b.min, t), a.max.lerp(b.max, t))
}

impl ArgmapApp {
    /// While presenting (or previewing a step selected in the Tours
    /// window): works out the step's picture over `scene` when the step,
    /// the map or the hide-or-dim setting changed, and returns what it was
    /// worked out for.
    pub(super) fn present_key(&mut self, scene: &Scene) -> Option<PresentKey> {
        let unrevealed = self.present.unrevealed;
        let revision = self.doc.content_revision;
        let map = &self.doc.map;
        let Some(session) = self.present.session.as_mut() else {
            let (source, step) = self.preview_key(scene)?;
            return Some(PresentKey {
                source: source.max(PRESENTING + 1),
                step,
                revision,
                unrevealed: HideOrDim::Dim,
                spotlight: false,
            });
        };
        let key = PresentKey {
            source: PRESENTING,
            step: session.step,
            revision,
            unrevealed,
            spotlight: session.spotlight,
        };
        if session.view.as_ref().map(|(k, _)| *k) != Some((key.step, key.revision)) {
            let view = crate::render::handout::step_view(map, &session.tour, session.step, scene);
            session.view = Some(((key.step, key.revision), view));
        }
        Some(key)
    }

    /// The present step's reveal, for [`super::visibility::Visibility::with_reveal`].
    /// With the spotlight on, only the step's focus neighbourhood (or,
    /// without a focus, its highlights) stays lit. Not presenting, the
    /// step previewed in the Tours window.
    pub(super) fn present_reveal(&self) -> Option<Reveal> {
        let Some(session) = self.present.session.as_ref() else {
            return self.preview_reveal();
        };
        let (_, view) = session.view.as_ref()?;
        let map = &self.doc.map;
        let spotlight = session.spotlight.then(|| {
            session
                .tour
                .steps
                .get(session.step)
                .and_then(|s| s.focus.as_ref())
                .and_then(|f| Some(neighbourhood(map, map.index_of(&f.node)?, f.depth)))
                .map(|near| near.into_iter().collect())
                .unwrap_or_else(|| view.highlight.clone())
        });
        Some(Reveal {
            visible: view.visible.clone(),
            highlight: view.highlight.clone(),
            unrevealed: self.present.unrevealed,
            spotlight,
        })
    }

    /// Ids of the statements the canvas draws dimmed, in natural id order,
    /// as of the last frame (outside focus, failing a filter, unrevealed
    /// but greyed, or outside the present spotlight).
    pub fn dimmed_on_canvas(&self) -> Vec<String> {
        self.statements_where(|ix| self.canvas.visibility.of(ix) == Shown::Dimmed)
    }

    /// While presenting: the view this frame, on the way from where the
    /// step changed to the step's camera fitted to `screen` (the canvas's
    /// size in screen px). Asks for the next frame while gliding.
    pub(super) fn present_view(&mut self, screen: Vec2, ctx: &egui::Context) -> Option<Rect> {
        let Some(session) = self.present.session.as_mut() else {
            return self.preview_view(screen);
        };
        let (_, view) = session.view.as_ref()?;
        let target = fit_view(erect(&view.camera), screen);
        let Some(glide) = session.glide else {
            return Some(target);
        };
        let now = ctx.input(|i| i.time);
        let t = ((now - glide.start) / GLIDE_SECONDS).clamp(0.0, 1.0) as f32;
        if t >= 1.0 {
            session.glide = None;
            return Some(target);
        }
        ctx.request_repaint();
        Some(lerp_rect(glide.from, target, ease(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_view_keeps_the_screen_aspect_and_caps_the_zoom() {
        let screen = Vec2::new(1600.0, 1000.0);
        let wide = Rect::from_min_size(egui::pos2(0.0, 0.0), Vec2::new(3200.0, 500.0));
        let v = fit_view(wide, screen);
        assert_eq!(v.width(), 3200.0);
        assert_eq!(v.height(), 2000.0);
        assert_eq!(v.center(), wide.center());
        let small = Rect::from_min_size(egui::pos2(10.0, 10.0), Vec2::new(100.0, 50.0));
        let v = fit_view(small, screen);
        assert_eq!(screen.x / v.width(), MAX_ZOOM);
    }

    #[test]
    fn the_glide_eases_from_start_to_end() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert!(ease(0.25) < 0.25 && ease(0.75) > 0.75);
        let a = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(10.0, 10.0));
        let b = Rect::from_min_max(egui::pos2(10.0, 0.0), egui::pos2(30.0, 20.0));
        assert_eq!(
            lerp_rect(a, b, 0.5),
            Rect::from_min_max(egui::pos2(5.0, 0.0), egui::pos2(20.0, 15.0))
        );
    }
}
