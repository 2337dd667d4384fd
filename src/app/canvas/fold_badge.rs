//! The fold control under a box: a small "−" to fold a node that has
//! reasons or objections (shown while the box is hovered or selected), and
//! on a folded node a "+N" badge saying how many statements the fold
//! hides; clicking either toggles the fold. Folds are shared with the
//! outline and saved with the map's view.

use egui::{CornerRadius, Rect, Sense, Stroke, StrokeKind, Vec2};
use petgraph::Direction;

use super::super::ArgmapApp;
use super::c32;
use super::visibility::Visibility;
use crate::scene::SceneBox;

/// The badge's height, canvas px.
const BADGE_HEIGHT: f32 = 16.0;

impl ArgmapApp {
    /// Draws the fold control of box `b` (at `rect`) and handles its click.
    pub(super) fn fold_badge_ui(
        &mut self,
        ui: &mut egui::Ui,
        b: &SceneBox,
        rect: Rect,
        vis: &Visibility,
    ) {
        let hidden = vis.hidden_under(b.node);
        let has_children = self
            .doc
            .map
            .graph()
            .neighbors_directed(b.node, Direction::Incoming)
            .next()
            .is_some();
        if !has_children {
            return;
        }
        let label = match hidden {
            Some(n) => format!("+{n}"),
            None => "−".to_owned(),
        };
        let width = if hidden.is_some() {
            10.0 + 7.0 * label.chars().count() as f32
        } else {
            BADGE_HEIGHT
        };
        // On the bottom edge, near the left corner: the connection handle
        // sits in the middle of that edge.
        let centre = rect.left_bottom() + Vec2::new(14.0 + width / 2.0, 0.0);
        let badge = Rect::from_center_size(centre, Vec2::new(width, BADGE_HEIGHT));
        let near = ui.rect_contains_pointer(rect.union(badge).expand(2.0));
        if hidden.is_none() && !(near || self.selection.contains(&b.id)) {
            return;
        }
        let response = ui.interact(badge, ui.scope_id().with(("fold", &b.id)), Sense::click());
        let theme_stroke = c32(b.stroke);
        let fill = if response.hovered() {
            ui.visuals().widgets.hovered.bg_fill
        } else {
            ui.visuals().widgets.inactive.bg_fill
        };
        let painter = ui.painter();
        painter.rect(
            badge,
            CornerRadius::same((BADGE_HEIGHT / 2.0) as u8),
            fill,
            Stroke::new(1.0, theme_stroke),
            StrokeKind::Inside,
        );
        painter.text(
            badge.center(),
            egui::Align2::CENTER_CENTER,
            &label,
            egui::FontId::proportional(11.0),
            ui.visuals().text_color(),
        );
        let tip = match hidden {
            Some(n) => format!("Unfold: show the {n} statement(s) below"),
            None => "Fold: hide what is below this node (.)".to_owned(),
        };
        if response.on_hover_text(tip).clicked() {
            self.toggle_fold(std::slice::from_ref(&b.id));
        }
    }
}
