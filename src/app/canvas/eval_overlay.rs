//! The evaluation overlay on the canvas, painted over the scene at draw
//! time for what is in view. The marks' geometry and colours come from
//! [`crate::scene::BoxMark`] and [`crate::scene::ConnectorMark`], the same
//! ones the diagram exports draw (`argmap export … --eval`): an
//! IN/OUT/UNDEC badge and an outline in the label's colour on every
//! statement box but notes, a ring on connectors of inferences that apply and the
//! others greyed out with a cross-bar, and for gradual semantics a
//! strength bar just below each box.

use egui::{Color32, CornerRadius, Painter, Stroke, StrokeKind};

use super::{c32, erect, p2};
use crate::app::evaluation::Evaluation;
use crate::eval::Label;
use crate::scene::{
    BADGE_TEXT, BoxMark, ConnectorMark, OUTLINE_WIDTH, Scene, label_color, marks_box,
};

/// Paints the overlay for the boxes and connectors in view (indices into
/// `scene.boxes` and `scene.connectors`). `detailed` is false when zoomed
/// so far out that boxes are plain rectangles: then only outlines.
pub fn paint(
    painter: &Painter,
    eval: &Evaluation,
    scene: &Scene,
    boxes: &[usize],
    connectors: &[usize],
    zoom: f32,
    detailed: bool,
) {
    let grey = Color32::from_rgba_unmultiplied(128, 128, 128, 200);
    for &i in connectors {
        let Some(mark) =
            ConnectorMark::new(&scene.connectors[i], eval.label_of(&scene.connectors[i].id))
        else {
            continue;
        };
        let centre = p2(mark.center);
        if mark.applies {
            let ring = Stroke::new(2.0, c32(label_color(Label::In)));
            painter.circle_stroke(centre, mark.radius + 2.0, ring);
        } else {
            painter.circle(
                centre,
                mark.radius,
                grey,
                Stroke::new(1.0, Color32::DARK_GRAY),
            );
            let [a, b] = mark.cross_bar();
            painter.line_segment([p2(a), p2(b)], Stroke::new(1.5, Color32::from_gray(60)));
        }
    }
    for &i in boxes {
        let b = &scene.boxes[i];
        if !marks_box(b) {
            continue;
        }
        let mark = BoxMark::new(b, eval.label_of(&b.id), eval.strength_of(&b.id));
        let rect = erect(&mark.rect);
        if let Some(label) = mark.label {
            let color = c32(label_color(label));
            let width = if detailed {
                OUTLINE_WIDTH
            } else {
                OUTLINE_WIDTH / zoom.max(0.01)
            };
            painter.rect_stroke(
                rect,
                CornerRadius::same(mark.corner_radius as u8),
                Stroke::new(width, color),
                StrokeKind::Outside,
            );
            if detailed && let Some(badge) = mark.badge_rect() {
                let r = erect(&badge);
                painter.rect_filled(r, CornerRadius::same(4), color);
                painter.text(
                    r.center(),
                    egui::Align2::CENTER_CENTER,
                    label.as_str(),
                    egui::FontId::proportional(BADGE_TEXT),
                    Color32::WHITE,
                );
            }
        }
        if detailed && let Some(bar) = mark.bar() {
            painter.rect_filled(
                erect(&bar.track),
                CornerRadius::same(2),
                Color32::from_gray(200),
            );
            let color = c32(bar.color);
            painter.rect_filled(erect(&bar.fill), CornerRadius::same(2), color);
            painter.text(
                p2(bar.text_left_center),
                egui::Align2::LEFT_CENTER,
                &bar.text,
                egui::FontId::proportional(BADGE_TEXT),
                color,
            );
        }
    }
}
