//! The presenter view: a second window (an egui immediate viewport) with
//! the speaker note, the step number, a timer and a small picture of the
//! next step, while the main window (the audience's) shows only the map.
//! P opens and closes it in present mode; with one screen the notes strip
//! (N) in the main window does the same job. Present mode's keys work in
//! both windows.
//!
//! Where the backend cannot open a second native window (tests, or egui
//! with `embed_viewports`), the same content is shown in a window inside
//! the main one.

use egui::{Color32, CornerRadius, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::ArgmapApp;
use super::canvas::present::fit_view;
use crate::render::handout::{HIGHLIGHT, StepView};
use crate::scene::{self, Scene};

/// The presenter viewport's id.
pub fn presenter_viewport() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("argmap presenter")
}

/// The presenter window's title.
pub const PRESENTER_TITLE: &str = "Argmap presenter";

/// Below this on-screen size (px) the preview leaves text out.
const MIN_PREVIEW_TEXT_PX: f32 = 3.5;

fn c32(c: [u8; 4]) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

/// Maps canvas px onto a screen rectangle: uniform scale, centred.
#[derive(Clone, Copy, Debug)]
struct Fit {
    scale: f32,
    offset: Vec2,
}

impl Fit {
    /// The transform showing `camera` (canvas px) whole inside `screen`.
    fn new(camera: Rect, screen: Rect) -> Fit {
        let (w, h) = (camera.width().max(1.0), camera.height().max(1.0));
        let scale = (screen.width() / w).min(screen.height() / h);
        let centre = camera.center();
        Fit {
            scale,
            offset: screen.center().to_vec2() - centre.to_vec2() * scale,
        }
    }

    fn pos(&self, p: crate::model::Pos) -> Pos2 {
        Pos2::new(p.x, p.y) * self.scale + self.offset
    }

    fn rect(&self, r: &scene::Rect) -> Rect {
        Rect::from_min_max(self.pos(r.min), self.pos(r.max))
    }
}

/// Draws what `view` shows of `scene` (its visible nodes, its highlights
/// outlined) small, with the canvas area `shown` (canvas px) fitted inside
/// `screen`: the canvas's picture without interaction, for the next-step
/// preview.
pub fn paint_step_preview(
    painter: &egui::Painter,
    screen: Rect,
    scene: &Scene,
    view: &StepView,
    shown: Rect,
) {
    let painter = painter.with_clip_rect(screen);
    painter.rect_filled(screen, CornerRadius::same(4), c32(scene.theme.background));
    let fit = Fit::new(shown, screen);
    let on_screen = |r: Rect| r.intersects(screen);
    for e in &scene.edges {
        if !(view.visible.contains(&e.from) && view.visible.contains(&e.to)) {
            continue;
        }
        let pts: Vec<Pos2> = e.line_points().into_iter().map(|p| fit.pos(p)).collect();
        if !pts.iter().any(|&p| screen.contains(p)) && !on_screen(Rect::from_points(&pts)) {
            continue;
        }
        let color = c32(e.color);
        painter.add(egui::Shape::line(
            pts,
            Stroke::new((e.width * fit.scale).max(0.75), color),
        ));
        if let Some(tri) = e.arrowhead() {
            let tri = tri.into_iter().map(|p| fit.pos(p)).collect();
            painter.add(egui::Shape::convex_polygon(tri, color, Stroke::NONE));
        }
    }
    for c in &scene.connectors {
        if !view.visible.contains(&c.node) {
            continue;
        }
        let r = (c.radius * fit.scale).max(1.5);
        painter.circle(
            fit.pos(c.center),
            r,
            c32(c.fill),
            Stroke::new(0.5, c32(scene.theme.box_stroke)),
        );
    }
    let highlight = c32(HIGHLIGHT);
    for b in &scene.boxes {
        if !view.visible.contains(&b.node) {
            continue;
        }
        let rect = fit.rect(&b.rect);
        if !on_screen(rect) {
            continue;
        }
        let stroke = if view.highlight.contains(&b.node) {
            Stroke::new(2.0, highlight)
        } else {
            Stroke::new((b.stroke_width * fit.scale).max(0.5), c32(b.stroke))
        };
        let radius = (b.corner_radius * fit.scale).clamp(0.0, 255.0) as u8;
        painter.rect(
            rect,
            CornerRadius::same(radius),
            c32(b.fill),
            stroke,
            StrokeKind::Inside,
        );
        for line in &b.lines {
            let size = line.size * fit.scale;
            if size < MIN_PREVIEW_TEXT_PX {
                break;
            }
            painter.text(
                fit.pos(line.pos),
                egui::Align2::LEFT_TOP,
                &line.text,
                egui::FontId::proportional(size),
                c32(scene.theme.text),
            );
        }
    }
}

/// "mm:ss" of `seconds`.
pub fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    format!("{:02}:{:02}", s / 60, s % 60)
}

impl ArgmapApp {
    /// While presenting with the presenter view on: shows it (a second
    /// native window where the backend allows), and turns the view off when
    /// the user closes that window.
    pub(super) fn presenter_viewport_ui(&mut self, ctx: &egui::Context) {
        if !self.present.presenter || self.present.session.is_none() {
            return;
        }
        let builder = egui::ViewportBuilder::default()
            .with_title(PRESENTER_TITLE)
            .with_inner_size([900.0, 640.0]);
        ctx.show_viewport_immediate(presenter_viewport(), builder, |ui, class| {
            let native = class != egui::ViewportClass::EmbeddedWindow;
            if native {
                // Keys typed into the presenter window drive the talk too.
                self.present_keys(&ui.ctx().clone(), false);
                if ui.input(|i| i.viewport().close_requested()) {
                    self.present.presenter = false;
                }
            }
            egui::CentralPanel::default().show(ui, |ui| self.presenter_ui(ui));
        });
    }

    /// The presenter window's content: step and timer, the note, and the
    /// next step (its picture and note).
    fn presenter_ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        // The timer ticks once a second.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        let revision = self.doc.content_revision;
        let Some(session) = self.present.session.as_mut() else {
            ui.label("Not presenting");
            return;
        };
        let steps = session.tour.steps.len();
        ui.horizontal(|ui| {
            ui.heading(format!("Step {} of {}", session.step + 1, steps));
            ui.separator();
            ui.heading(clock(now - session.started));
            if !session.typed.is_empty() {
                ui.separator();
                ui.label(format!("go to {}…", session.typed));
            }
            if session.blank {
                ui.separator();
                ui.colored_label(Color32::from_rgb(230, 115, 0), "screen blanked (B)");
            }
        });
        ui.label(egui::RichText::new(session.tour.name.as_str()).weak());
        ui.separator();
        let note = session
            .tour
            .steps
            .get(session.step)
            .map(|s| s.note.as_str())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or("(no note)");
        egui::ScrollArea::vertical()
            .id_salt("presenter note")
            .max_height(ui.available_height() * 0.4)
            .show(ui, |ui| {
                ui.label(egui::RichText::new(note).size(24.0));
            });
        ui.separator();
        let next = session.step + 1;
        let Some(next_step) = session.tour.steps.get(next) else {
            ui.heading("Last step");
            return;
        };
        ui.label(egui::RichText::new(format!("Next: step {}", next + 1)).strong());
        let next_note = if next_step.note.trim().is_empty() {
            "(no note)"
        } else {
            next_step.note.as_str()
        };
        ui.label(next_note);
        let Some(scene) = self.canvas.last_scene() else {
            return;
        };
        if session.next_view.as_ref().map(|(k, _)| *k) != Some((next, revision)) {
            let view = crate::render::handout::step_view(&self.doc.map, &session.tour, next, scene);
            session.next_view = Some(((next, revision), view));
        }
        let Some((_, view)) = &session.next_view else {
            return;
        };
        // The audience's view of the next step: the step's camera on the
        // main window's canvas, drawn at the canvas's aspect.
        let audience = self.canvas.camera().1;
        let audience = if audience.is_positive() {
            audience.size()
        } else {
            Vec2::new(1600.0, 1000.0)
        };
        let c = &view.camera;
        let camera = Rect::from_min_max(Pos2::new(c.min.x, c.min.y), Pos2::new(c.max.x, c.max.y));
        let shown = fit_view(camera, audience);
        let avail = ui.available_size().max(Vec2::new(80.0, 60.0));
        let aspect = audience.x / audience.y;
        let size = Vec2::new(
            avail.x.min(avail.y * aspect),
            avail.x.min(avail.y * aspect) / aspect,
        );
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
        let response = response.on_hover_text("The next step as the audience will see it");
        paint_step_preview(ui.painter(), rect, scene, view, shown);
        ui.painter().rect_stroke(
            rect,
            CornerRadius::same(4),
            ui.visuals().widgets.noninteractive.bg_stroke,
            StrokeKind::Outside,
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, "Next step preview")
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_minutes_and_seconds() {
        assert_eq!(clock(0.0), "00:00");
        assert_eq!(clock(61.9), "01:01");
        assert_eq!(clock(-3.0), "00:00");
        assert_eq!(clock(3600.0), "60:00");
    }

    #[test]
    fn the_fit_centres_the_camera_in_the_screen() {
        let camera = scene::Rect {
            min: crate::model::Pos::new(0.0, 0.0),
            max: crate::model::Pos::new(200.0, 100.0),
        };
        let screen = Rect::from_min_size(Pos2::new(10.0, 10.0), Vec2::new(100.0, 100.0));
        let fit = Fit::new(
            Rect::from_min_max(Pos2::ZERO, Pos2::new(200.0, 100.0)),
            screen,
        );
        assert_eq!(fit.scale, 0.5);
        assert_eq!(fit.rect(&camera).center(), screen.center());
        assert_eq!(fit.rect(&camera).width(), 100.0);
    }
}
