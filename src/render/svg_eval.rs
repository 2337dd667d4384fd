//! The evaluation overlay in SVG (`argmap export … --eval`): the marks of
//! [`crate::scene::EvalMarks`] drawn over the boxes and connectors, in one
//! `<g id="evaluation">` group (a `<g data-node="ID">` per box, a
//! `<g data-connector="ID">` per connector). PNG and PDF render this same SVG.

use std::fmt::Write;

use super::svg::{escape, hex, num, paint};
use crate::scene::{EvalMarks, OUTLINE_WIDTH, label_color};

/// Grey of an inference that does not apply (RGBA).
const NOT_APPLYING_FILL: [u8; 4] = [128, 128, 128, 200];
/// Its cross-bar.
const CROSS_BAR: [u8; 4] = [60, 60, 60, 255];

/// Draws `marks` (after the boxes and connectors, so they lie on top).
pub(super) fn draw(out: &mut String, marks: &EvalMarks) {
    let _ = writeln!(
        out,
        "<g id=\"evaluation\" data-semantics=\"{}\">",
        escape(&marks.semantics)
    );
    for c in &marks.connectors {
        let _ = write!(out, "<g data-connector=\"{}\">", escape(&c.id));
        if c.applies {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\"{} stroke-width=\"2\"/>",
                num(c.center.x),
                num(c.center.y),
                num(c.radius + 2.0),
                paint("stroke", label_color(crate::eval::Label::In)),
            );
        } else {
            let [a, b] = c.cross_bar();
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{} stroke=\"#404040\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{} stroke-width=\"1.5\"/>",
                num(c.center.x),
                num(c.center.y),
                num(c.radius),
                paint("fill", NOT_APPLYING_FILL),
                num(a.x),
                num(a.y),
                num(b.x),
                num(b.y),
                paint("stroke", CROSS_BAR),
            );
        }
        out.push_str("</g>\n");
    }
    for m in &marks.boxes {
        let _ = writeln!(out, "<g data-node=\"{}\">", escape(&m.id));
        if let Some(label) = m.label {
            let color = label_color(label);
            // Outside the box's own outline, as on the canvas.
            let r = m.rect.expand(OUTLINE_WIDTH / 2.0);
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{c}\" ry=\"{c}\" fill=\"none\"{} stroke-width=\"{}\"/>",
                num(r.min.x),
                num(r.min.y),
                num(r.width()),
                num(r.height()),
                paint("stroke", color),
                num(OUTLINE_WIDTH),
                c = num(m.corner_radius + OUTLINE_WIDTH / 2.0),
            );
            if let Some(b) = m.badge_rect() {
                let c = b.center();
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" ry=\"4\"{}/><text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"#ffffff\">{}</text>",
                    num(b.min.x),
                    num(b.min.y),
                    num(b.width()),
                    num(b.height()),
                    paint("fill", color),
                    num(c.x),
                    num(c.y + crate::scene::BADGE_TEXT * 0.36),
                    num(crate::scene::BADGE_TEXT),
                    label.as_str(),
                );
            }
        }
        if let Some(bar) = m.bar() {
            let rect = |r: &crate::scene::Rect, color: [u8; 4]| {
                format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" ry=\"2\"{}/>",
                    num(r.min.x),
                    num(r.min.y),
                    num(r.width()),
                    num(r.height()),
                    paint("fill", color)
                )
            };
            let _ = writeln!(
                out,
                "{}{}<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\">{}</text>",
                rect(&bar.track, [200, 200, 200, 255]),
                rect(&bar.fill, bar.color),
                num(bar.text_left_center.x),
                num(bar.text_left_center.y + crate::scene::BADGE_TEXT * 0.36),
                num(crate::scene::BADGE_TEXT),
                hex(bar.color),
                escape(&bar.text),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}
