//! The evaluation overlay, painted over the scene at draw time (the scene
//! itself is not changed): an IN/OUT/UNDEC badge and an outline in the
//! label's colour on every statement box, a ring in the IN colour on
//! connectors of inferences that apply and the others greyed out, and for
//! gradual semantics a strength bar just below each box.

use egui::{Color32, CornerRadius, Painter, Rect, Stroke, StrokeKind, Vec2};

use super::{erect, p2};
use crate::app::eval_inspector::label_color;
use crate::app::evaluation::Evaluation;
use crate::eval::Label;
use crate::scene::Scene;

/// Badge text size, canvas px.
const BADGE_TEXT: f32 = 11.0;
/// Strength bar height and inset from the box edge, canvas px.
const BAR_HEIGHT: f32 = 4.0;
const BAR_INSET: f32 = 5.0;
/// Gap between the box's bottom edge and the bar below it, canvas px.
const BAR_GAP: f32 = 3.0;

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
        let c = &scene.connectors[i];
        match eval.label_of(&c.id) {
            None => {}
            Some(Label::In) => {
                // Applies: a ring in the IN colour.
                let ring = Stroke::new(2.0, label_color(Label::In));
                painter.circle_stroke(p2(c.center), c.radius + 2.0, ring);
            }
            Some(_) => {
                // Does not apply: greyed out, with a cross-bar.
                let centre = p2(c.center);
                painter.circle(centre, c.radius, grey, Stroke::new(1.0, Color32::DARK_GRAY));
                let d = Vec2::splat(c.radius * 0.6);
                painter.line_segment(
                    [centre - d, centre + d],
                    Stroke::new(1.5, Color32::from_gray(60)),
                );
            }
        }
    }
    for &i in boxes {
        let b = &scene.boxes[i];
        let rect = erect(&b.rect);
        if let Some(label) = eval.label_of(&b.id) {
            let color = label_color(label);
            let width = if detailed { 3.0 } else { 3.0 / zoom.max(0.01) };
            painter.rect_stroke(
                rect,
                CornerRadius::same(b.corner_radius as u8),
                Stroke::new(width, color),
                StrokeKind::Outside,
            );
            if detailed {
                badge(painter, rect, label.as_str(), color);
            }
        }
        if detailed && let Some(s) = eval.strength_of(&b.id) {
            strength_bar(painter, rect, s as f32);
        }
    }
}

/// A filled label badge hanging over the box's top-left edge.
fn badge(painter: &Painter, rect: Rect, text: &str, color: Color32) {
    let w = 8.0 + BADGE_TEXT * 0.62 * text.len() as f32;
    let r = Rect::from_min_size(
        rect.left_top() + Vec2::new(8.0, -BADGE_TEXT * 0.8),
        Vec2::new(w, BADGE_TEXT + 5.0),
    );
    painter.rect_filled(r, CornerRadius::same(4), color);
    painter.text(
        r.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(BADGE_TEXT),
        Color32::WHITE,
    );
}

/// A bar just below the box (so it never covers text), filled to `strength` (0–1), with
/// the number beside it.
fn strength_bar(painter: &Painter, rect: Rect, strength: f32) {
    let s = strength.clamp(0.0, 1.0);
    let track = Rect::from_min_max(
        rect.left_bottom() + Vec2::new(BAR_INSET, BAR_GAP),
        rect.right_bottom() + Vec2::new(-BAR_INSET - 28.0, BAR_GAP + BAR_HEIGHT),
    );
    painter.rect_filled(track, CornerRadius::same(2), Color32::from_gray(200));
    let mut fill = track;
    fill.set_width(track.width() * s);
    let color = Color32::from_rgb(
        (207.0 * (1.0 - s) + 46.0 * s) as u8,
        (34.0 * (1.0 - s) + 160.0 * s) as u8,
        (46.0 * (1.0 - s) + 67.0 * s) as u8,
    );
    painter.rect_filled(fill, CornerRadius::same(2), color);
    painter.text(
        track.right_center() + Vec2::new(3.0, 0.0),
        egui::Align2::LEFT_CENTER,
        format!("{s:.2}"),
        egui::FontId::proportional(BADGE_TEXT),
        color,
    );
}
