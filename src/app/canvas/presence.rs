//! Presence on the canvas: each other person in a live room outlines the
//! boxes they have selected in their own colour, with their name above the
//! first of them. Drawn only, never part of the map or its file.

use egui::{Color32, CornerRadius, Stroke, StrokeKind};

use super::erect;
use crate::collab::PeerPresence;
use crate::scene::Scene;

/// Colours given to the other people in turn (Okabe–Ito palette, chosen
/// to stay apart for the common colour-vision deficiencies).
const COLOURS: [Color32; 6] = [
    Color32::from_rgb(230, 159, 0),
    Color32::from_rgb(0, 158, 115),
    Color32::from_rgb(204, 121, 167),
    Color32::from_rgb(86, 180, 233),
    Color32::from_rgb(213, 94, 0),
    Color32::from_rgb(0, 114, 178),
];

/// Paints the others' selections among `boxes` (indices into
/// `scene.boxes`, the ones in view). `zoom` is screen px per canvas px:
/// outlines stay 3 px and names 12 px on screen.
pub(super) fn paint(
    painter: &egui::Painter,
    scene: &Scene,
    boxes: &[usize],
    others: &[PeerPresence],
    zoom: f32,
) {
    let zoom = zoom.max(0.05);
    for (k, peer) in others.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let mut named = false;
        for &i in boxes {
            let b = &scene.boxes[i];
            if !peer.selection.contains(&b.id) {
                continue;
            }
            let rect = erect(&b.rect).expand(4.0 / zoom);
            painter.rect_stroke(
                rect,
                CornerRadius::same(4),
                Stroke::new(3.0 / zoom, colour),
                StrokeKind::Outside,
            );
            if !named {
                named = true;
                let font = egui::FontId::proportional(12.0 / zoom);
                let galley = painter.layout_no_wrap(peer.name.clone(), font, Color32::WHITE);
                let pad = 3.0 / zoom;
                let min = rect.left_top() - egui::vec2(0.0, galley.size().y + 2.0 * pad);
                let tag = egui::Rect::from_min_size(
                    min,
                    galley.size() + egui::vec2(2.0 * pad, 2.0 * pad),
                );
                painter.rect_filled(tag, CornerRadius::same(3), colour);
                painter.galley(tag.min + egui::vec2(pad, pad), galley, Color32::WHITE);
            }
        }
    }
}
