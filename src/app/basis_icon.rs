//! Small icons for an evidence item's basis (quote, statistic, publication,
//! expert opinion, web page, observation, common knowledge), painted with
//! egui's [`Painter`](egui::Painter) from lines and circles. No font glyphs
//! are used, so they look the same everywhere and kittest (which panics on
//! glyphs missing from egui's default fonts) can draw them.
//!
//! [`basis_icon`] adds a hover tooltip and the accessible label
//! "Evidence basis: quote", which screen readers and tests find it by.

use egui::{Color32, Painter, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

use crate::model::Basis;

/// Side of an icon in points, matching a line of body text.
pub const ICON_SIZE: f32 = 16.0;

/// The accessible label of a basis icon: `Evidence basis: expert opinion`.
pub fn icon_label(basis: Basis) -> String {
    format!("Evidence basis: {}", basis.label())
}

/// What the icon's tooltip says about the basis.
pub fn describe(basis: Basis) -> &'static str {
    match basis {
        Basis::Quote => "A verbatim quote, usually anchored in a source text",
        Basis::Statistic => "A figure or statistic",
        Basis::Publication => "A book, article or report",
        Basis::ExpertOpinion => "The opinion of an expert",
        Basis::WebPage => "A web page",
        Basis::PersonalObservation => "Something the author observed",
        Basis::CommonKnowledge => "Something widely known",
    }
}

/// The colour an icon of `basis` is drawn in, readable on light and dark panels.
pub fn icon_color(basis: Basis, dark: bool) -> Color32 {
    let (light, darkc) = match basis {
        Basis::Quote => ((40, 110, 200), (120, 180, 255)),
        Basis::Statistic => ((30, 140, 80), (110, 210, 140)),
        Basis::Publication => ((140, 80, 30), (220, 160, 100)),
        Basis::ExpertOpinion => ((130, 60, 170), (200, 140, 240)),
        Basis::WebPage => ((20, 130, 150), (100, 210, 230)),
        Basis::PersonalObservation => ((170, 110, 0), (240, 190, 80)),
        Basis::CommonKnowledge => ((100, 100, 100), (190, 190, 190)),
    };
    let (r, g, b) = if dark { darkc } else { light };
    Color32::from_rgb(r, g, b)
}

/// Shows the icon of `basis` with a tooltip ("Evidence basis: quote" and
/// what that means) and that accessible label.
pub fn basis_icon(ui: &mut egui::Ui, basis: Basis) -> egui::Response {
    let response = basis_icon_plain(ui, basis);
    let label = icon_label(basis);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &label));
    response.on_hover_text(format!("{label}\n{}", describe(basis)))
}

/// Shows the icon of `basis` without a tooltip or accessible label, for
/// places where a text label beside it already names the basis (menus).
pub fn basis_icon_plain(ui: &mut egui::Ui, basis: Basis) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(ICON_SIZE), Sense::hover());
    if ui.is_rect_visible(rect) {
        let color = icon_color(basis, ui.visuals().dark_mode);
        paint_basis(ui.painter(), rect, basis, color);
    }
    response
}

/// Paints the icon of `basis` into `rect` (square works best) in `color`.
pub fn paint_basis(painter: &Painter, rect: Rect, basis: Basis, color: Color32) {
    let s = rect.width().min(rect.height());
    let c = rect.center();
    // Coordinates on a 16x16 grid centred on the rect.
    let at = |x: f32, y: f32| pos2(c.x + (x - 8.0) * s / 16.0, c.y + (y - 8.0) * s / 16.0);
    let u = s / 16.0;
    let stroke = Stroke::new(1.4 * u, color);
    match basis {
        Basis::Quote => {
            // Two opening quotation marks: a dot with a tail curving up.
            for x in [4.5, 11.0] {
                painter.circle_filled(at(x, 10.0), 2.4 * u, color);
                painter.line(
                    vec![at(x - 2.2, 10.0), at(x - 1.6, 6.5), at(x + 0.8, 4.0)],
                    Stroke::new(1.8 * u, color),
                );
            }
        }
        Basis::Statistic => {
            // A bar chart on a base line.
            for (x, h) in [(3.5, 5.0), (8.0, 9.0), (12.5, 12.0)] {
                let bar = Rect::from_min_max(at(x - 1.6, 14.0 - h), at(x + 1.6, 14.0));
                painter.rect_filled(bar, 0.0, color);
            }
            painter.line_segment([at(1.0, 14.6), at(15.0, 14.6)], stroke);
        }
        Basis::Publication => {
            // An open book: two pages meeting at the spine.
            let left = vec![at(8.0, 4.5), at(1.5, 3.0), at(1.5, 13.0), at(8.0, 14.5)];
            let right = vec![at(8.0, 4.5), at(14.5, 3.0), at(14.5, 13.0), at(8.0, 14.5)];
            painter.add(egui::Shape::closed_line(left, stroke));
            painter.add(egui::Shape::closed_line(right, stroke));
            for y in [6.5, 9.0, 11.5] {
                painter.line_segment([at(3.5, y - 0.5), at(6.5, y + 0.2)], Stroke::new(u, color));
                painter.line_segment([at(9.5, y + 0.2), at(12.5, y - 0.5)], Stroke::new(u, color));
            }
        }
        Basis::ExpertOpinion => {
            // A person wearing a mortarboard.
            painter.circle_filled(at(8.0, 7.5), 2.6 * u, color);
            body(painter, at(8.0, 15.5), 5.0 * u, 4.0 * u, color);
            painter.add(egui::Shape::convex_polygon(
                vec![at(8.0, 1.0), at(13.5, 3.2), at(8.0, 5.4), at(2.5, 3.2)],
                color,
                Stroke::NONE,
            ));
            painter.line_segment([at(13.0, 3.2), at(13.0, 6.5)], Stroke::new(u, color));
        }
        Basis::WebPage => {
            // A globe: outline, equator, a meridian and two parallels.
            painter.circle_stroke(c, 6.5 * u, stroke);
            painter.add(egui::Shape::ellipse_stroke(
                c,
                vec2(2.8 * u, 6.5 * u),
                stroke,
            ));
            painter.line_segment([at(1.5, 8.0), at(14.5, 8.0)], stroke);
            painter.line_segment([at(3.0, 4.8), at(13.0, 4.8)], Stroke::new(u, color));
            painter.line_segment([at(3.0, 11.2), at(13.0, 11.2)], Stroke::new(u, color));
        }
        Basis::PersonalObservation => {
            // An eye: an almond outline with the pupil.
            let mut upper = Vec::new();
            let mut lower = Vec::new();
            for i in 0..=12 {
                let t = i as f32 / 12.0;
                let x = 1.0 + 14.0 * t;
                let bulge = 4.8 * (std::f32::consts::PI * t).sin();
                upper.push(at(x, 8.0 - bulge));
                lower.push(at(x, 8.0 + bulge));
            }
            lower.reverse();
            upper.extend(lower);
            painter.add(egui::Shape::closed_line(upper, stroke));
            painter.circle_filled(c, 2.6 * u, color);
        }
        Basis::CommonKnowledge => {
            // A group: three people, the middle one in front.
            for (x, y) in [(3.5, 6.0), (12.5, 6.0)] {
                painter.circle_filled(at(x, y), 2.0 * u, color.gamma_multiply(0.7));
                body(
                    painter,
                    at(x, 13.0),
                    3.4 * u,
                    3.6 * u,
                    color.gamma_multiply(0.7),
                );
            }
            painter.circle_filled(at(8.0, 7.0), 2.4 * u, color);
            body(painter, at(8.0, 15.5), 4.2 * u, 4.4 * u, color);
        }
    }
}

/// Shoulders: a filled half-ellipse whose flat side sits at `base`.
fn body(painter: &Painter, base: Pos2, half_width: f32, height: f32, color: Color32) {
    let points: Vec<Pos2> = (0..=12)
        .map(|i| {
            let a = std::f32::consts::PI * i as f32 / 12.0;
            pos2(base.x - half_width * a.cos(), base.y - height * a.sin())
        })
        .collect();
    painter.add(egui::Shape::convex_polygon(points, color, Stroke::NONE));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_basis_has_its_own_label_and_description() {
        let labels: std::collections::HashSet<String> =
            Basis::ALL.iter().map(|&b| icon_label(b)).collect();
        assert_eq!(labels.len(), Basis::ALL.len());
        assert_eq!(
            icon_label(Basis::ExpertOpinion),
            "Evidence basis: expert opinion"
        );
        assert!(Basis::ALL.iter().all(|&b| describe(b).is_ascii()));
    }

    #[test]
    fn every_icon_paints_inside_its_rect() {
        let ctx = egui::Context::default();
        let rect = Rect::from_min_size(pos2(10.0, 10.0), Vec2::splat(ICON_SIZE));
        for basis in Basis::ALL {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                paint_basis(ui.painter(), rect, basis, Color32::WHITE);
            });
            // No renderer takes the font texture here.
            out.textures_delta.clear();
            let drawn: Vec<Rect> = out
                .shapes
                .iter()
                .map(|s| s.shape.visual_bounding_rect())
                .filter(|r| r.is_positive() && r.width() < 100.0)
                .collect();
            assert!(drawn.len() >= 2, "{basis:?} draws something");
            for r in drawn {
                assert!(rect.expand(1.5).contains_rect(r), "{basis:?}: {r:?}");
            }
        }
    }
}
