//! SVG export: a self-contained, standards-valid SVG 1.1 file drawn only
//! from a [`Figure`] (the scene wraps and places everything).
//!
//! It looks the same in a browser as on screen: the fonts egui draws with
//! are embedded as base64 `@font-face` rules (only those the text uses), or,
//! with [`SvgOptions::text_as_paths`], every glyph is converted to a path
//! (via usvg) so no font is needed at all. Every user string is
//! XML-escaped, and characters XML 1.0 cannot hold are dropped.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use base64::Engine;

use super::svg_text::LineWriter;
use super::{ExportError, font_set, usvg_tree};
use crate::model::{Map, NodeIx};
use crate::scene::{
    BADGE_TEXT_SIZE, Figure, FigureOptions, SceneOptions, Swatch, TextMeasurer, ThemeName,
};

/// How to write the SVG.
#[derive(Clone, Debug, Default)]
pub struct SvgOptions {
    /// Light (print) or dark (screen) colours.
    pub theme: ThemeName,
    /// Convert text to paths instead of embedding the font.
    pub text_as_paths: bool,
    /// Add a legend below the map.
    pub legend: bool,
    /// Add an appendix listing the evidence quotes with their sources.
    pub evidence_appendix: bool,
    /// Draw the evaluation overlay for these verdicts.
    pub eval: Option<crate::eval::Verdicts>,
}

/// Fonts larger than this (bytes) are not embedded in SVG: a whole CJK
/// font (16–30 MB) would make every diagram that size. The SVG still names
/// the font's family, so it renders where that font is installed; see
/// [`fonts_not_embedded`] and [`SvgOptions::text_as_paths`].
pub const EMBED_LIMIT: usize = 8 * 1024 * 1024;

/// The families of the fonts drawing `texts` that are too large to embed
/// (over [`EMBED_LIMIT`]), sorted: an SVG using them renders as intended
/// only where they are installed, unless written with text as paths.
pub fn fonts_not_embedded<'a>(
    measurer: &TextMeasurer,
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let used = measurer.fonts_used(texts);
    let mut names: Vec<String> = measurer
        .proportional_fonts()
        .into_iter()
        .filter(|(name, bytes)| used.contains(name) && bytes.len() > EMBED_LIMIT)
        .map(|(name, _)| {
            name.strip_prefix(crate::scene::fonts::SYSTEM_PREFIX)
                .unwrap_or(&name)
                .to_owned()
        })
        .collect();
    names.sort();
    names
}

/// Prefix of the `@font-face` family names we embed, so an installed font
/// of the same name can never stand in.
const EMBEDDED_PREFIX: &str = "Argmap ";

/// The figure of `map` (or of the `only` nodes) with `options`, as SVG.
pub fn export(
    map: &Map,
    measurer: &TextMeasurer,
    only: Option<HashSet<NodeIx>>,
    options: &SvgOptions,
) -> Result<String, ExportError> {
    let figure = crate::scene::figure(
        map,
        measurer,
        &FigureOptions {
            scene: SceneOptions {
                theme: options.theme,
                only,
                ..SceneOptions::default()
            },
            legend: options.legend,
            evidence_appendix: options.evidence_appendix,
            eval: options.eval.clone(),
        },
    );
    let svg = render(&figure, measurer, true);
    if options.text_as_paths {
        let tree = usvg_tree(&svg)?;
        let write = usvg::WriteOptions {
            preserve_text: false,
            ..usvg::WriteOptions::default()
        };
        Ok(tree.to_string(&write))
    } else {
        Ok(svg)
    }
}

/// Draws `figure` as SVG. With `embed_fonts`, the fonts the text uses are
/// embedded; without, text names the fonts' families only (for renderers
/// that are given the fonts, as PNG and PDF export are).
pub fn render(figure: &Figure, measurer: &TextMeasurer, embed_fonts: bool) -> String {
    let fonts = if embed_fonts {
        Fonts::Inline
    } else {
        Fonts::Named
    };
    let mut out = String::with_capacity(256 * (figure.scene.boxes.len() + 8) + 600_000);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let css = draw(&mut out, figure, measurer, fonts);
    debug_assert!(css.is_empty());
    out
}

/// How a drawing carries its fonts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fonts {
    /// Text names the fonts' families only.
    Named,
    /// The used fonts as `@font-face` rules in an inline `<style>`.
    Inline,
    /// The used fonts as `@font-face` rules returned to the caller (the
    /// HTML export puts them in the page's one hashed `<style>`).
    Returned,
}

/// Writes the `<svg>` element of `figure` to `out`; returns the
/// `@font-face` rules when `fonts` is [`Fonts::Returned`], else "".
/// Box and connector groups carry `id="node-ID"` and `data-id="ID"`,
/// edges `data-from` and `data-to` (node ids), so a viewer script can find
/// them.
pub(super) fn draw(
    out: &mut String,
    figure: &Figure,
    measurer: &TextMeasurer,
    fonts: Fonts,
) -> String {
    let b = figure.bounds;
    let theme = &figure.scene.theme;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"{x} {y} {w} {h}\" xml:space=\"preserve\">",
        x = num(b.min.x),
        y = num(b.min.y),
        w = num(b.width()),
        h = num(b.height()),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&figure.title));
    let used = measurer.fonts_used(all_text(figure));
    let set = font_set();
    let mut families: Vec<String> = Vec::new();
    let mut css = String::new();
    if fonts != Fonts::Named {
        for (name, bytes) in measurer.proportional_fonts() {
            if used.contains(&name) && bytes.len() <= EMBED_LIMIT {
                let data = base64::engine::general_purpose::STANDARD.encode(bytes);
                let _ = writeln!(
                    css,
                    "@font-face {{ font-family: \"{EMBEDDED_PREFIX}{name}\"; src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}"
                );
                families.push(format!("'{EMBEDDED_PREFIX}{}'", css_name(&name)));
            }
        }
    }
    if fonts == Fonts::Inline {
        out.push_str("<style type=\"text/css\"><![CDATA[\n");
        out.push_str(&css);
        out.push_str("]]></style>\n");
        css.clear();
    }
    for (name, family) in &set.families {
        if used.contains(name) {
            families.push(format!("'{}'", css_name(family)));
        }
    }
    let texts = LineWriter::new(measurer, emoji_family(measurer, &used, fonts));
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(b.min.x),
        num(b.min.y),
        num(b.width()),
        num(b.height()),
        hex(theme.background)
    );
    let _ = writeln!(
        out,
        "<g font-family=\"{}\" fill=\"{}\">",
        escape(&families.join(", ")),
        hex(theme.text)
    );
    draw_edges(out, figure);
    draw_boxes(out, figure, &texts);
    let all_connectors: Vec<usize> = (0..figure.scene.connectors.len()).collect();
    let all_boxes: Vec<usize> = (0..figure.scene.boxes.len()).collect();
    let titles = crate::scene::labels::place_titles(
        &figure.scene,
        &all_connectors,
        &all_boxes,
        &[],
        &|t, size| measurer.width(t, size),
    );
    for (c, title) in figure.scene.connectors.iter().zip(&titles) {
        let _ = writeln!(
            out,
            "<g id=\"node-{id}\" data-id=\"{id}\" class=\"inference\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\"{} stroke=\"{}\" stroke-width=\"1.5\"/>",
            num(c.center.x),
            num(c.center.y),
            num(c.radius),
            paint("fill", c.fill),
            hex(theme.background),
            id = escape(&c.id),
        );
        if let Some(title) = title {
            texts.line(out, title, theme.muted_text);
        }
        out.push_str("</g>\n");
    }
    if let Some(marks) = &figure.eval {
        super::svg_eval::draw(out, marks);
    }
    draw_legend(out, figure, &texts);
    draw_appendix(out, figure, &texts);
    out.push_str("</g>\n</svg>\n");
    css
}

/// The `font-family` value for runs of emoji (see [`super::svg_text`]):
/// the colour emoji font's embedded name (when embedded) and its family
/// name, or `None` when the text uses no emoji font.
fn emoji_family(measurer: &TextMeasurer, used: &[String], fonts: Fonts) -> Option<String> {
    let name = crate::scene::fonts::emoji_font_name(measurer.font_definitions())?;
    if !used.contains(&name) {
        return None;
    }
    let family = &font_set().families.iter().find(|(n, _)| *n == name)?.1;
    let embedded = fonts != Fonts::Named
        && measurer
            .proportional_fonts()
            .iter()
            .any(|(n, bytes)| *n == name && bytes.len() <= EMBED_LIMIT);
    Some(if embedded {
        format!(
            "'{EMBEDDED_PREFIX}{}', '{}'",
            css_name(&name),
            css_name(family)
        )
    } else {
        format!("'{}'", css_name(family))
    })
}

fn draw_edges(out: &mut String, figure: &Figure) {
    let ids: HashMap<NodeIx, &str> = figure
        .scene
        .boxes
        .iter()
        .map(|b| (b.node, b.id.as_str()))
        .chain(
            figure
                .scene
                .connectors
                .iter()
                .map(|c| (c.node, c.id.as_str())),
        )
        .collect();
    out.push_str("<g fill=\"none\" stroke-linejoin=\"round\">\n");
    for e in &figure.scene.edges {
        let points = e.line_points();
        let _ = write!(
            out,
            "<g data-from=\"{}\" data-to=\"{}\"><polyline points=\"",
            escape(ids.get(&e.from).copied().unwrap_or_default()),
            escape(ids.get(&e.to).copied().unwrap_or_default())
        );
        for (k, p) in points.iter().enumerate() {
            let sep = if k == 0 { "" } else { " " };
            let _ = write!(out, "{sep}{},{}", num(p.x), num(p.y));
        }
        let dash = if e.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\"{} stroke-width=\"{}\"{dash}/>",
            paint("stroke", e.color),
            num(e.width)
        );
        if let Some([tip, a, c]) = e.arrowhead() {
            let _ = writeln!(
                out,
                "<polygon points=\"{},{} {},{} {},{}\"{}/>",
                num(tip.x),
                num(tip.y),
                num(a.x),
                num(a.y),
                num(c.x),
                num(c.y),
                paint("fill", e.color)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

fn draw_boxes(out: &mut String, figure: &Figure, texts: &LineWriter) {
    let theme = &figure.scene.theme;
    for b in &figure.scene.boxes {
        let _ = writeln!(
            out,
            "<g id=\"node-{id}\" data-id=\"{id}\" class=\"statement\">",
            id = escape(&b.id)
        );
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{r}\" ry=\"{r}\"{}{} stroke-width=\"{}\"/>",
            num(b.rect.min.x),
            num(b.rect.min.y),
            num(b.rect.width()),
            num(b.rect.height()),
            paint("fill", b.fill),
            paint("stroke", b.stroke),
            num(b.stroke_width),
            r = num(b.corner_radius),
        );
        for line in &b.lines {
            texts.line(out, line, theme.text);
        }
        if let Some((c, r)) = b.badge {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                num(c.x),
                num(c.y),
                num(r),
                paint("fill", theme.badge_fill)
            );
            let label = if b.evidence_count > 99 {
                "99+".to_owned()
            } else {
                b.evidence_count.to_string()
            };
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\"{}>{label}</text>",
                num(c.x),
                num(c.y + BADGE_TEXT_SIZE * 0.36),
                num(BADGE_TEXT_SIZE),
                paint("fill", theme.badge_text)
            );
        }
        out.push_str("</g>\n");
    }
}

fn draw_legend(out: &mut String, figure: &Figure, texts: &LineWriter) {
    let Some(legend) = &figure.legend else { return };
    let theme = &figure.scene.theme;
    let r = legend.rect;
    let _ = writeln!(
        out,
        "<g id=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" ry=\"6\" fill=\"none\"{}/>",
        num(r.min.x),
        num(r.min.y),
        num(r.width()),
        num(r.height()),
        paint("stroke", theme.box_stroke)
    );
    texts.line(out, &legend.heading, theme.text);
    let mut in_eval_group = false;
    for item in &legend.items {
        // The overlay's entries in one group, which the HTML hand-out dims
        // while the overlay is off (outside its tour steps).
        if item.evaluation && !in_eval_group {
            out.push_str("<g class=\"legend-evaluation\">\n");
            in_eval_group = true;
        }
        let s = item.swatch_rect;
        match &item.swatch {
            Swatch::Fill(color) => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" ry=\"3\"{}{}/>",
                    num(s.min.x),
                    num(s.min.y),
                    num(s.width()),
                    num(s.height()),
                    paint("fill", *color),
                    paint("stroke", theme.box_stroke)
                );
            }
            Swatch::Edge { color, dashed } => {
                let c = s.center();
                let dash = if *dashed {
                    " stroke-dasharray=\"6 4\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"{} stroke-width=\"1.6\"{dash}/><circle cx=\"{}\" cy=\"{y}\" r=\"5\"{}/>",
                    num(s.min.x),
                    num(s.max.x),
                    paint("stroke", *color),
                    num(c.x),
                    paint("fill", *color),
                    y = num(c.y),
                );
            }
            Swatch::Label(color) => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" ry=\"4\" fill=\"none\"{} stroke-width=\"3\"/>",
                    num(s.min.x + 1.5),
                    num(s.min.y + 1.5),
                    num(s.width() - 3.0),
                    num(s.height() - 3.0),
                    paint("stroke", *color),
                );
            }
            Swatch::NotApplying => {
                let c = s.center();
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"#808080\" stroke=\"#404040\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#3c3c3c\" stroke-width=\"1.5\"/>",
                    num(c.x),
                    num(c.y),
                    num(c.x - 3.6),
                    num(c.y - 3.6),
                    num(c.x + 3.6),
                    num(c.y + 3.6),
                );
            }
            Swatch::Badge => {
                let c = s.center();
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"8\"{}/><text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"middle\"{}>3</text>",
                    num(c.x),
                    num(c.y),
                    paint("fill", theme.badge_fill),
                    num(c.x),
                    num(c.y + BADGE_TEXT_SIZE * 0.36),
                    num(BADGE_TEXT_SIZE),
                    paint("fill", theme.badge_text)
                );
            }
        }
        texts.line(out, &item.label, theme.text);
    }
    if in_eval_group {
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
}

fn draw_appendix(out: &mut String, figure: &Figure, texts: &LineWriter) {
    let Some(appendix) = &figure.appendix else {
        return;
    };
    let theme = &figure.scene.theme;
    out.push_str("<g id=\"evidence-appendix\">\n");
    for l in &appendix.lines {
        let color = if l.muted {
            theme.muted_text
        } else {
            theme.text
        };
        texts.line(out, &l.line, color);
    }
    out.push_str("</g>\n");
}

fn all_text(figure: &Figure) -> impl Iterator<Item = &str> {
    let boxes = figure
        .scene
        .boxes
        .iter()
        .flat_map(|b| b.lines.iter().map(|l| l.text.as_str()))
        .chain(
            figure
                .scene
                .connectors
                .iter()
                .filter_map(|c| c.title.as_ref().map(|t| t.text.as_str())),
        );
    let legend = figure.legend.iter().flat_map(|l| {
        std::iter::once(l.heading.text.as_str())
            .chain(l.items.iter().map(|i| i.label.text.as_str()))
    });
    let appendix = figure
        .appendix
        .iter()
        .flat_map(|a| a.lines.iter().map(|l| l.line.text.as_str()));
    boxes
        .chain(legend)
        .chain(appendix)
        .chain(std::iter::once("0123456789+.INOUTDEC"))
}

/// `text` safe inside XML character data and attribute values: markup
/// characters escaped, characters XML 1.0 forbids dropped.
pub fn escape(text: &str) -> String {
    crate::io::xml::escape(text, crate::io::xml::Forbidden::Drop)
}

/// A font name inside a single-quoted CSS string.
fn css_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '\'' | '"' | '\\' | '<' | '>' | '&'))
        .collect()
}

/// ` fill="#rrggbb"` (with an opacity attribute when not opaque).
pub(super) fn paint(attr: &str, c: [u8; 4]) -> String {
    if c[3] == 255 {
        format!(" {attr}=\"{}\"", hex(c))
    } else {
        format!(
            " {attr}=\"{}\" {attr}-opacity=\"{}\"",
            hex(c),
            num(c[3] as f32 / 255.0)
        )
    }
}

pub(super) fn hex(c: [u8; 4]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// A coordinate with at most two decimals and no trailing zeros.
pub(super) fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}"), "abc");
        assert_eq!(escape("שלום 🙂"), "שלום 🙂");
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.345), "2.35");
        assert_eq!(paint("fill", [1, 2, 3, 255]), " fill=\"#010203\"");
    }
}
