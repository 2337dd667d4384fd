//! Graphviz DOT export. Statements are boxes, inferences small circles
//! coloured by kind; premises join their inference with a plain line and
//! the inference points at its target. Each node carries its canvas
//! position as `pos="x,y!"` in points with y flipped (Graphviz's y grows
//! upwards), so `neato -n` reproduces the canvas. Labels are escaped.

use std::fmt::Write as _;

use super::Exported;
use super::loss::{
    Losses, control_warning, count_visual_losses, diagram_label, fill_colour, is_label_control,
    nodes_with, place_of, shorten,
};
use crate::model::{InferenceKind, Map, NodeData};

/// Options for writing DOT.
#[derive(Clone, Debug)]
pub struct DotOptions {
    /// Labels longer than this many characters are cut (0: never).
    pub max_label_chars: usize,
    /// Canvas pixels per point in `pos` (1.0 keeps the canvas scale).
    pub points_per_pixel: f32,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            max_label_chars: 300,
            points_per_pixel: 1.0,
        }
    }
}

/// Escapes `s` for a double-quoted DOT string: quotes and backslashes are
/// escaped, line breaks become `\n`, other control characters spaces.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes `map` as a DOT digraph, with a loss report.
pub fn export(map: &Map, options: &DotOptions) -> Exported {
    let nodes = map.nodes_sorted();
    let mut losses = Losses::default();
    count_visual_losses(map, &mut losses);
    let places: Vec<_> = nodes
        .iter()
        .enumerate()
        .map(|(k, n)| place_of(n, k))
        .collect();
    let max_y = places.iter().map(|p| p.y).fold(0.0f32, f32::max);
    let scale = options.points_per_pixel;
    let mut out = String::with_capacity(256 + nodes.len() * 200);
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(&map.meta().title));
    out.push_str("  graph [overlap=true, splines=true, outputorder=edgesfirst];\n");
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\"];\n");
    for (node, pos) in nodes.iter().zip(&places) {
        let at = format!("{:.1},{:.1}!", pos.x * scale, (max_y - pos.y) * scale);
        let fill = fill_colour(map, node);
        match &node.data {
            NodeData::Statement(s) => {
                let full = diagram_label(s);
                let label = match shorten(&full, options.max_label_chars) {
                    Some(cut) => {
                        losses.add("label text beyond the length limit (labels cut)");
                        cut
                    }
                    None => full,
                };
                let _ = writeln!(
                    out,
                    "  \"{}\" [label=\"{}\", fillcolor=\"{fill}\", pos=\"{at}\"];",
                    dot_escape(&node.id),
                    dot_escape(&label)
                );
            }
            NodeData::Inference(i) => {
                let sign = match i.kind {
                    InferenceKind::Support => "+",
                    InferenceKind::Conflict => "−",
                    InferenceKind::Rephrase => "=",
                };
                let tooltip = [i.title.as_str(), i.scheme.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" — ");
                if !i.description.is_empty() {
                    losses.add("inference descriptions");
                }
                // The title (an Argdown argument's name) is drawn beside the
                // small circle as Graphviz's external label.
                let xlabel = if i.title.trim().is_empty() {
                    String::new()
                } else {
                    format!(", xlabel=\"{}\"", dot_escape(&i.title))
                };
                let _ = writeln!(
                    out,
                    "  \"{}\" [shape=circle, width=0.3, fixedsize=true, label=\"{sign}\", \
                     fontcolor=\"white\", fillcolor=\"{fill}\"{xlabel}, tooltip=\"{}\", pos=\"{at}\"];",
                    dot_escape(&node.id),
                    dot_escape(&tooltip)
                );
            }
        }
    }
    for node in &nodes {
        let NodeData::Inference(i) = &node.data else {
            continue;
        };
        let Some(ix) = map.index_of(&node.id) else {
            continue;
        };
        let colour = fill_colour(map, node);
        let style = if i.kind == InferenceKind::Rephrase {
            "dashed"
        } else {
            "solid"
        };
        for p in map.premises_of(ix) {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [arrowhead=none, color=\"{colour}\", style={style}];",
                dot_escape(&map.graph()[p].id),
                dot_escape(&node.id)
            );
        }
        if let Some(t) = map.target_of(ix) {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [color=\"{colour}\", style={style}, penwidth=2];",
                dot_escape(&node.id),
                dot_escape(&map.graph()[t].id)
            );
        }
    }
    out.push_str("}\n");
    let mut warnings = losses.into_warnings("DOT");
    warnings.extend(control_warning(
        "DOT",
        "replaced by spaces",
        &nodes_with(map, is_label_control),
    ));
    Exported {
        text: out,
        losses: warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inference, Pos, Statement};

    #[test]
    fn escapes_and_flips_y() {
        assert_eq!(dot_escape("a\"b\\c\nd\u{7}"), "a\\\"b\\\\c\\nd ");
        let mut map = Map::new("m");
        map.add_statement("a", Statement::new("top"), Some(Pos::new(10.0, 0.0)), true)
            .unwrap();
        map.add_statement(
            "b",
            Statement::new("low"),
            Some(Pos::new(10.0, 100.0)),
            true,
        )
        .unwrap();
        map.add_inference(
            "i",
            Inference::new(InferenceKind::Support),
            &["b"],
            "a",
            None,
            false,
        )
        .unwrap();
        let out = export(&map, &DotOptions::default()).text;
        assert!(
            out.contains("\"a\" [label=\"top\", fillcolor=\"#FFFFFF\", pos=\"10.0,100.0!\"]"),
            "{out}"
        );
        assert!(out.contains("\"b\" [label=\"low\", fillcolor=\"#FFFFFF\", pos=\"10.0,0.0!\"]"));
        assert!(out.contains("\"i\" -> \"a\""));
    }
}
