//! The open-questions badge beside an inference's connector: an inference
//! whose scheme still has open critical questions shows a small amber pill
//! with their number (like the fold badge's "+N"). Clicking it selects the
//! inference and shows the inspector, whose scheme section lists the
//! questions as a checklist.

use egui::{Color32, CornerRadius, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::super::ArgmapApp;
use super::super::schemes_panel::open_question_count;
use crate::scene::SceneConnector;

/// The badge's height, canvas px.
const BADGE_HEIGHT: f32 = 16.0;
/// The badge's fill: the amber of "missing" in the inspector.
const BADGE_FILL: Color32 = Color32::from_rgb(230, 150, 30);
/// Outline of the badge: what sets it off from a light canvas.
const BADGE_STROKE: Color32 = Color32::from_rgb(120, 70, 0);

/// The accessible label of inference `id`'s badge, for screen readers and
/// UI tests.
pub fn badge_label(id: &str, open: usize) -> String {
    format!("{open} open critical question(s) on {id}")
}

/// Where the badge of connector `c` with `open` open questions sits, in
/// canvas px: up and to the right of the circle, clear of its edges.
pub(super) fn badge_rect(c: &SceneConnector, open: usize) -> Rect {
    let width = BADGE_HEIGHT.max(6.0 + 7.0 * open.to_string().chars().count() as f32);
    let centre = egui::pos2(c.center.x, c.center.y)
        + Vec2::new(c.radius + width / 2.0, -c.radius - BADGE_HEIGHT / 2.0 + 4.0);
    Rect::from_center_size(centre, Vec2::new(width, BADGE_HEIGHT))
}

impl ArgmapApp {
    /// Draws the open-questions badge of connector `c`, if it has open
    /// questions, and handles its click.
    pub(super) fn scheme_badge_ui(&mut self, ui: &mut egui::Ui, c: &SceneConnector) {
        let open = open_question_count(&self.doc.map, &c.id);
        if open == 0 {
            return;
        }
        let text = open.to_string();
        let badge = badge_rect(c, open);
        let response = ui.interact(
            badge,
            ui.scope_id().with(("questions", &c.id)),
            Sense::click(),
        );
        let label = badge_label(&c.id, open);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let fill = if response.hovered() {
            BADGE_FILL.linear_multiply(1.2)
        } else {
            BADGE_FILL
        };
        let painter = ui.painter();
        painter.rect(
            badge,
            CornerRadius::same((BADGE_HEIGHT / 2.0) as u8),
            fill,
            Stroke::new(1.0, BADGE_STROKE),
            StrokeKind::Inside,
        );
        painter.text(
            badge.center(),
            egui::Align2::CENTER_CENTER,
            &text,
            egui::FontId::proportional(11.0),
            Color32::BLACK,
        );
        if response
            .on_hover_text(format!(
                "{open} open critical question(s): click to see the checklist"
            ))
            .clicked()
        {
            self.commit_editing();
            self.selection.set(c.id.clone());
            self.panels.inspector = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Theme, contrast_ratio};

    fn rgba(c: Color32) -> [u8; 4] {
        [c.r(), c.g(), c.b(), 255]
    }

    /// The badge stands out at 3:1 or more against both themes' canvas
    /// (its fill on dark, its outline on light), and its number is
    /// readable on it (4.5:1, WCAG AA for text).
    #[test]
    fn the_open_questions_badge_meets_wcag_aa() {
        for theme in [Theme::light(), Theme::dark()] {
            let best = contrast_ratio(rgba(BADGE_FILL), theme.background)
                .max(contrast_ratio(rgba(BADGE_STROKE), theme.background));
            assert!(best >= 3.0, "{:?}: {best:.2}", theme.name);
        }
        let text = contrast_ratio([0, 0, 0, 255], rgba(BADGE_FILL));
        assert!(text >= 4.5, "{text:.2}");
    }
}
