//! A [`Figure`]: the scene plus the optional legend and evidence appendix
//! of an export, all wrapped and positioned here so exporters only paint.

use std::collections::HashMap;

use super::eval_marks::{EvalMarks, eval_marks, label_color, strength_color};
use super::geometry::Rect;
use super::measure::{BODY_SIZE, TITLE_SIZE};
use super::{MARGIN, Scene, SceneOptions, TextLine, TextMeasurer, build};
use crate::eval::Label;
use crate::model::{InferenceKind, Map, NodeIx, Pos, Role};

/// What a legend entry's swatch shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A box filled with a role's colour.
    Fill([u8; 4]),
    /// A connector and an edge of an inference kind's colour.
    Edge {
        /// The kind's colour.
        color: [u8; 4],
        /// Drawn dashed.
        dashed: bool,
    },
    /// An evidence badge.
    Badge,
    /// An evaluation label's badge colour.
    Label([u8; 4]),
    /// An inference that does not apply: a grey disc with a cross-bar.
    NotApplying,
}

/// One line of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Where the swatch goes.
    pub swatch_rect: Rect,
    /// What the swatch shows.
    pub swatch: Swatch,
    /// Its label.
    pub label: TextLine,
    /// Whether it explains the evaluation overlay's marks (the HTML
    /// hand-out dims those entries while the overlay is off).
    pub evaluation: bool,
}

/// The legend: what the fills, colours and badges mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Its frame.
    pub rect: Rect,
    /// Its heading.
    pub heading: TextLine,
    /// Its entries.
    pub items: Vec<LegendItem>,
}

/// One line of the evidence appendix.
#[derive(Clone, Debug, PartialEq)]
pub struct AppendixLine {
    /// The text, positioned.
    pub line: TextLine,
    /// Drawn in the muted colour (sources and citations).
    pub muted: bool,
}

/// The appendix listing every evidence item of the drawn statements with
/// its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Appendix {
    /// Where it sits (below the map).
    pub rect: Rect,
    /// Its lines, wrapped and positioned.
    pub lines: Vec<AppendixLine>,
}

/// What goes into a figure.
#[derive(Clone, Debug, Default)]
pub struct FigureOptions {
    /// The scene to draw.
    pub scene: SceneOptions,
    /// Add a legend below the map.
    pub legend: bool,
    /// Add the evidence appendix below the map (and legend).
    pub evidence_appendix: bool,
    /// Draw the evaluation overlay for these verdicts (and explain it in
    /// the legend).
    pub eval: Option<crate::eval::Verdicts>,
}

/// Everything an exporter paints.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The map's title (the SVG `<title>`, the PDF's title).
    pub title: String,
    /// The map.
    pub scene: Scene,
    /// The legend, if asked for.
    pub legend: Option<Legend>,
    /// The evidence appendix, if asked for and there is evidence.
    pub appendix: Option<Appendix>,
    /// The evaluation overlay, if asked for.
    pub eval: Option<EvalMarks>,
    /// Everything, with a margin: the canvas of the export.
    pub bounds: Rect,
}

/// Builds the scene of `map` and, as asked, its legend and appendix.
pub fn figure(map: &Map, measurer: &TextMeasurer, options: &FigureOptions) -> Figure {
    let scene = build(map, measurer, &options.scene);
    let eval = options.eval.as_ref().map(|v| eval_marks(&scene, v));
    let mut bounds = scene.bounds;
    for m in eval.iter().flat_map(|e| &e.boxes) {
        bounds = bounds.union(&m.extent().expand(MARGIN));
    }
    let left = scene.bounds.min.x + MARGIN;
    let mut top = scene.bounds.max.y;
    let legend = options.legend.then(|| {
        let legend = legend(&scene, eval.as_ref(), Pos::new(left, top));
        top = legend.rect.max.y + MARGIN;
        legend
    });
    let width = (scene.bounds.width() - 2.0 * MARGIN).clamp(480.0, 900.0);
    let appendix = if options.evidence_appendix {
        appendix(map, &scene, measurer, Pos::new(left, top), width)
    } else {
        None
    };
    for r in legend
        .iter()
        .map(|l| l.rect)
        .chain(appendix.iter().map(|a| a.rect))
    {
        bounds = bounds.union(&r.expand(MARGIN));
    }
    Figure {
        title: map.meta().title.clone(),
        scene,
        legend,
        appendix,
        eval,
        bounds,
    }
}

fn legend(scene: &Scene, eval: Option<&EvalMarks>, at: Pos) -> Legend {
    let t = &scene.theme;
    let row = TextMeasurer::line_height(BODY_SIZE) + 6.0;
    let mut entries: Vec<(Swatch, &str)> = Role::ALL
        .iter()
        .map(|&r| (Swatch::Fill(t.role_fill(r)), role_label(r)))
        .collect();
    for kind in InferenceKind::ALL {
        let label = match kind {
            InferenceKind::Support => "support: premises give a reason",
            InferenceKind::Conflict => "conflict: rebuttal, or undercut when aimed at a connector",
            InferenceKind::Rephrase => "rephrase: premises restate the target",
        };
        entries.push((
            Swatch::Edge {
                color: t.kind_color(kind),
                dashed: kind == InferenceKind::Rephrase,
            },
            label,
        ));
    }
    entries.push((Swatch::Badge, "number of evidence items"));
    let eval_entries: Vec<(Swatch, String)> = match eval {
        Some(e) if e.boxes.iter().any(|b| b.label.is_some()) => vec![
            (
                Swatch::Label(label_color(Label::In)),
                format!("IN: accepted under {} semantics", e.semantics),
            ),
            (
                Swatch::Label(label_color(Label::Out)),
                "OUT: rejected, defeated by an accepted attack".to_owned(),
            ),
            (
                Swatch::Label(label_color(Label::Undec)),
                "UNDEC: undecided".to_owned(),
            ),
            (
                Swatch::NotApplying,
                "inference that does not apply".to_owned(),
            ),
        ],
        Some(e) => vec![(
            Swatch::Label(strength_color(0.5)),
            format!("bar: {} strength, 0 to 1", e.semantics),
        )],
        None => Vec::new(),
    };
    let first_eval = entries.len();
    let mut entries: Vec<(Swatch, &str)> = entries;
    entries.extend(eval_entries.iter().map(|(s, t)| (s.clone(), t.as_str())));
    let heading = TextLine {
        text: "Legend".into(),
        pos: Pos::new(at.x + 10.0, at.y + 8.0),
        size: TITLE_SIZE,
        bold: true,
    };
    let mut y = at.y + 8.0 + TextMeasurer::line_height(TITLE_SIZE) + 6.0;
    let mut items = Vec::new();
    for (k, (swatch, label)) in entries.into_iter().enumerate() {
        let swatch_rect = Rect {
            min: Pos::new(at.x + 10.0, y + 1.0),
            max: Pos::new(at.x + 46.0, y + row - 5.0),
        };
        items.push(LegendItem {
            swatch_rect,
            swatch,
            label: TextLine {
                text: label.into(),
                pos: Pos::new(at.x + 56.0, y),
                size: BODY_SIZE,
                bold: false,
            },
            evaluation: k >= first_eval,
        });
        y += row;
    }
    Legend {
        rect: Rect {
            min: at,
            max: Pos::new(at.x + 440.0, y + 6.0),
        },
        heading,
        items,
    }
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Thesis => "thesis: the main conclusion",
        Role::Claim => "claim: an intermediate or contested conclusion",
        Role::Premise => "premise: a reason offered",
        Role::Evidence => "evidence: a statement of fact",
        Role::Note => "note: an analyst's remark",
    }
}

fn appendix(
    map: &Map,
    scene: &Scene,
    measurer: &TextMeasurer,
    at: Pos,
    width: f32,
) -> Option<Appendix> {
    let drawn: HashMap<NodeIx, &str> = scene
        .boxes
        .iter()
        .map(|b| (b.node, b.id.as_str()))
        .collect();
    let mut lines = Vec::new();
    let mut y = at.y;
    let mut push = |text: &str, size: f32, bold: bool, muted: bool, indent: f32, y: &mut f32| {
        for l in measurer.wrap(text, size, bold, width - indent) {
            lines.push(AppendixLine {
                line: TextLine {
                    text: l,
                    pos: Pos::new(at.x + indent, *y),
                    size,
                    bold,
                },
                muted,
            });
            *y += TextMeasurer::line_height(size);
        }
    };
    push("Evidence", TITLE_SIZE + 2.0, true, false, 0.0, &mut y);
    y += 6.0;
    let mut any = false;
    for b in &scene.boxes {
        let Some(st) = map.graph()[b.node].as_statement() else {
            continue;
        };
        if st.evidence.is_empty() || !drawn.contains_key(&b.node) {
            continue;
        }
        any = true;
        push(
            &format!("[{}] {}", b.id, st.label()),
            BODY_SIZE + 1.0,
            true,
            false,
            0.0,
            &mut y,
        );
        for ev in &st.evidence {
            let quote = match ev.basis {
                crate::model::Basis::Quote => format!("“{}”", ev.text),
                _ => format!("{}: {}", ev.basis.label(), ev.text),
            };
            push(&quote, BODY_SIZE, false, false, 14.0, &mut y);
            let source = source_line(map, ev);
            if !source.is_empty() {
                push(
                    &format!("— {source}"),
                    BODY_SIZE - 1.0,
                    false,
                    true,
                    28.0,
                    &mut y,
                );
            }
            y += 4.0;
        }
        y += 6.0;
    }
    any.then(|| Appendix {
        rect: Rect {
            min: at,
            max: Pos::new(at.x + width, y),
        },
        lines,
    })
}

/// Who said it, where and when: the parts of an evidence item's source that
/// are known, joined with commas.
fn source_line(map: &Map, ev: &crate::model::Evidence) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !ev.speaker.is_empty() {
        parts.push(ev.speaker.clone());
    }
    if let Some(src) = ev.anchor.as_ref().and_then(|a| map.source(&a.source)) {
        if !src.title.is_empty() {
            parts.push(src.title.clone());
        }
        if ev.date.is_empty() && !src.date.is_empty() {
            parts.push(src.date.clone());
        }
        if ev.url.is_empty() && !src.url.is_empty() {
            parts.push(src.url.clone());
        }
    }
    for extra in [&ev.citation, &ev.date, &ev.url] {
        if !extra.is_empty() {
            parts.push(extra.clone());
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_and_appendix_sit_below_the_map() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let m = TextMeasurer::new();
        let options = FigureOptions {
            legend: true,
            evidence_appendix: true,
            ..FigureOptions::default()
        };
        let fig = figure(&map, &m, &options);
        let legend = fig.legend.as_ref().unwrap();
        let appendix = fig.appendix.as_ref().unwrap();
        assert!(legend.rect.min.y >= fig.scene.bounds.max.y);
        assert!(appendix.rect.min.y >= legend.rect.max.y);
        assert!(fig.bounds.contains(appendix.rect.max));
        assert_eq!(legend.items.len(), 9);
        assert!(appendix.lines.iter().any(|l| l.muted));
        let plain = figure(&map, &m, &FigureOptions::default());
        assert_eq!(plain.bounds, plain.scene.bounds);
    }
}
