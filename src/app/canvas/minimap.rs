//! The minimap: the whole map, small, in the canvas's lower right corner,
//! with the part in view outlined. Click or drag in it to move the view
//! there (after Kialo's map of where you are). It only appears when the
//! view does not already show the whole map.

use egui::{Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::visibility::Shown;
use super::{Canvas, c32, erect};
use crate::scene::Scene;

/// The minimap's largest size on screen, px.
pub const MINIMAP_SIZE: Vec2 = Vec2::new(220.0, 150.0);
/// Gap between the minimap and the canvas's edges, px.
const MARGIN: f32 = 12.0;

/// Maps canvas coordinates into the minimap's screen rectangle, keeping
/// the map's aspect ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MiniTransform {
    /// The map's bounds, canvas coordinates.
    pub bounds: Rect,
    /// The minimap on screen, px.
    pub rect: Rect,
    /// Screen px per canvas px.
    pub scale: f32,
}

impl MiniTransform {
    /// The minimap for a map with `bounds`, in the lower right corner of
    /// the canvas's screen rectangle `outer`. `None` when either is empty
    /// or the canvas is too small to spare the corner.
    pub fn new(bounds: Rect, outer: Rect) -> Option<Self> {
        if !bounds.is_positive() || outer.width() < 3.0 * MINIMAP_SIZE.x {
            return None;
        }
        if outer.height() < 2.5 * MINIMAP_SIZE.y {
            return None;
        }
        let scale = (MINIMAP_SIZE.x / bounds.width()).min(MINIMAP_SIZE.y / bounds.height());
        let size = bounds.size() * scale;
        let rect = Rect::from_min_size(outer.max - size - Vec2::splat(MARGIN), size);
        Some(MiniTransform {
            bounds,
            rect,
            scale,
        })
    }

    /// Screen position in the minimap of canvas position `p`.
    pub fn mini_from_canvas(&self, p: Pos2) -> Pos2 {
        self.rect.min + (p - self.bounds.min) * self.scale
    }

    /// Canvas position of screen position `p` in the minimap.
    pub fn canvas_from_mini(&self, p: Pos2) -> Pos2 {
        self.bounds.min + (p - self.rect.min) / self.scale
    }
}

impl Canvas {
    /// Draws the minimap over the canvas and moves the view when it is
    /// clicked or dragged. It is an [`egui::Area`] above the canvas, so a
    /// press on it never reaches the canvas below.
    pub(super) fn minimap_ui(&mut self, ui: &mut egui::Ui, scene: &Scene) {
        let bounds = erect(&scene.bounds);
        if self.view.contains_rect(bounds.shrink(1.0)) {
            return;
        }
        let Some(mini) = MiniTransform::new(bounds, self.outer) else {
            return;
        };
        let area = egui::Area::new(ui.scope_id().with("minimap"))
            .order(egui::Order::Middle)
            .fixed_pos(mini.rect.min - Vec2::splat(4.0))
            .interactable(true);
        let vis = &self.visibility;
        let view = self.view;
        let mut move_to = None;
        area.show(ui.ctx(), |ui| {
            let frame = mini.rect.expand(4.0);
            let (response, painter) = ui.allocate_painter(frame.size(), Sense::click_and_drag());
            let bg = c32(scene.theme.background);
            painter.rect(
                frame,
                4.0,
                bg.gamma_multiply(0.92),
                Stroke::new(1.0, c32(scene.theme.box_stroke)),
                StrokeKind::Inside,
            );
            let mut mesh = egui::Mesh::default();
            for b in &scene.boxes {
                let fill = match vis.of(b.node) {
                    Shown::Hidden => continue,
                    Shown::Dimmed => c32(b.fill).gamma_multiply(0.3),
                    Shown::Normal => c32(b.fill),
                };
                let r = erect(&b.rect);
                let r =
                    Rect::from_two_pos(mini.mini_from_canvas(r.min), mini.mini_from_canvas(r.max));
                // At least a pixel, so a 10,000-node map still shows its shape.
                let r = Rect::from_center_size(r.center(), r.size().max(Vec2::splat(1.0)));
                mesh.add_colored_rect(r, fill);
            }
            painter.add(egui::Shape::mesh(mesh));
            let view = Rect::from_two_pos(
                mini.mini_from_canvas(view.min),
                mini.mini_from_canvas(view.max),
            )
            .intersect(frame);
            let accent = ui.visuals().selection.stroke.color;
            painter.rect_filled(view, 0.0, accent.gamma_multiply(0.12));
            painter.rect_stroke(view, 0.0, Stroke::new(1.5, accent), StrokeKind::Inside);
            if (response.clicked() || response.dragged())
                && let Some(p) = response.interact_pointer_pos()
            {
                move_to = Some(mini.canvas_from_mini(p));
            }
            response
                .on_hover_cursor(egui::CursorIcon::Move)
                .on_hover_text("Minimap: click or drag to move the view");
        });
        if let Some(p) = move_to {
            self.centre_on(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimap_keeps_the_aspect_and_round_trips() {
        let bounds = Rect::from_min_size(Pos2::new(-100.0, 0.0), Vec2::new(4000.0, 1000.0));
        let outer = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0));
        let m = MiniTransform::new(bounds, outer).unwrap();
        assert!((m.rect.width() - MINIMAP_SIZE.x).abs() < 0.01);
        assert!((m.rect.width() / m.rect.height() - 4.0).abs() < 0.01);
        assert!(outer.contains_rect(m.rect));
        let p = Pos2::new(1234.0, 567.0);
        assert!((m.canvas_from_mini(m.mini_from_canvas(p)) - p).length() < 0.01);
    }

    #[test]
    fn no_minimap_on_a_tiny_canvas() {
        let bounds = Rect::from_min_size(Pos2::ZERO, Vec2::new(400.0, 300.0));
        let outer = Rect::from_min_size(Pos2::ZERO, Vec2::new(300.0, 200.0));
        assert!(MiniTransform::new(bounds, outer).is_none());
    }
}
