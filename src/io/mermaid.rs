//! Mermaid flowchart export, for maps in Markdown documents. Statements are
//! boxes; each inference is a small junction node that its premises join,
//! so linked co-premises stay grouped, and which points at its target.
//! Support, attack and rephrase links are styled apart with `linkStyle`,
//! nodes by role with `classDef`. Node names are generated (`n0`, `n1`, …)
//! so no id can clash with Mermaid syntax, and every label is quoted with
//! `"`, `#`, `<`, `>`, `&` and friends written as entity codes.

use std::fmt::Write as _;

use super::Exported;
use super::loss::{
    Losses, control_warning, count_visual_losses, diagram_label, is_label_control, nodes_with,
    role_or_kind, shorten,
};
use crate::model::{Map, NodeData};

/// Options for writing Mermaid.
#[derive(Clone, Debug)]
pub struct MermaidOptions {
    /// Flow direction: `TB`, `BT`, `LR` or `RL`.
    pub direction: &'static str,
    /// Labels longer than this many characters are cut (0: never);
    /// Mermaid refuses diagrams over 50,000 characters by default.
    pub max_label_chars: usize,
}

impl Default for MermaidOptions {
    fn default() -> Self {
        MermaidOptions {
            direction: "BT",
            max_label_chars: 200,
        }
    }
}

/// Escapes `s` for a double-quoted Mermaid label: characters Mermaid or
/// its HTML labels would read as syntax become entity codes, line breaks
/// become `<br>`.
pub fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '%' => out.push_str("#37;"),
            // Mermaid reads `\n` in a label as a line break.
            '\\' => out.push_str("#92;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes `map` as a Mermaid flowchart, with a loss report.
pub fn export(map: &Map, options: &MermaidOptions) -> Exported {
    let nodes = map.nodes_sorted();
    let name: std::collections::HashMap<&str, String> = nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), format!("n{k}")))
        .collect();
    let direction = match options.direction {
        d @ ("TB" | "BT" | "LR" | "RL" | "TD") => d,
        _ => "BT",
    };
    let mut losses = Losses::default();
    count_visual_losses(map, &mut losses);
    let mut out = String::with_capacity(128 + nodes.len() * 120);
    let _ = writeln!(
        out,
        "---\ntitle: \"{}\"\n---",
        // Front matter is YAML, where a backslash in a double-quoted string
        // starts an escape.
        mermaid_escape(&map.meta().title).replace('\\', "\\\\")
    );
    let _ = writeln!(out, "flowchart {direction}");
    for node in &nodes {
        let n = &name[node.id.as_str()];
        let class = role_or_kind(map, node);
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
                let _ = writeln!(out, "  {n}[\"{}\"]:::{class}", mermaid_escape(&label));
            }
            NodeData::Inference(i) => {
                let sign = match class {
                    "support" => "+",
                    "rephrase" => "=",
                    _ => "−",
                };
                if !i.scheme.is_empty() || !i.description.is_empty() {
                    losses.add("inference descriptions and schemes");
                }
                if i.title.trim().is_empty() {
                    let _ = writeln!(out, "  {n}((\"{sign}\")):::{class}");
                } else {
                    // A titled inference (an Argdown argument) is a stadium
                    // shape holding its sign and title.
                    let _ = writeln!(
                        out,
                        "  {n}([\"{sign} {}\"]):::{class}",
                        mermaid_escape(&i.title)
                    );
                }
            }
        }
    }
    let mut styles: [(&str, Vec<usize>); 3] = [
        ("stroke:#4CAF50,stroke-width:2px", Vec::new()),
        (
            "stroke:#E53935,stroke-width:2px,stroke-dasharray:6 3",
            Vec::new(),
        ),
        (
            "stroke:#9E9E9E,stroke-width:1px,stroke-dasharray:2 2",
            Vec::new(),
        ),
    ];
    let mut link = 0usize;
    for node in &nodes {
        let NodeData::Inference(_) = &node.data else {
            continue;
        };
        let Some(ix) = map.index_of(&node.id) else {
            continue;
        };
        let slot = match role_or_kind(map, node) {
            "support" => 0,
            "rephrase" => 2,
            _ => 1,
        };
        let n = &name[node.id.as_str()];
        for p in map.premises_of(ix) {
            let _ = writeln!(out, "  {} --- {n}", name[map.graph()[p].id.as_str()]);
            styles[slot].1.push(link);
            link += 1;
        }
        if let Some(t) = map.target_of(ix) {
            let _ = writeln!(out, "  {n} --> {}", name[map.graph()[t].id.as_str()]);
            styles[slot].1.push(link);
            link += 1;
        }
    }
    for (style, links) in &styles {
        if !links.is_empty() {
            let list: Vec<String> = links.iter().map(usize::to_string).collect();
            let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
        }
    }
    for (class, style) in [
        ("thesis", "fill:#FFE08A,stroke:#8A6D00,stroke-width:2px"),
        ("claim", "fill:#FFFFFF,stroke:#333333"),
        ("premise", "fill:#DDEBFF,stroke:#335C99"),
        ("evidence", "fill:#E3F4E3,stroke:#2E7D32"),
        ("note", "fill:#F2F2F2,stroke:#999999"),
        ("support", "fill:#4CAF50,color:#FFFFFF,stroke:#2E7D32"),
        ("conflict", "fill:#E53935,color:#FFFFFF,stroke:#B71C1C"),
        (
            "undercut",
            "fill:#E53935,color:#FFFFFF,stroke:#B71C1C,stroke-dasharray:3 3",
        ),
        ("rephrase", "fill:#9E9E9E,color:#FFFFFF,stroke:#616161"),
    ] {
        let _ = writeln!(out, "  classDef {class} {style}");
    }
    if nodes.iter().any(|n| n.pos.is_some()) {
        losses.add("node positions (Mermaid lays the chart out itself)");
    }
    let mut warnings = losses.into_warnings("Mermaid");
    warnings.extend(control_warning(
        "Mermaid",
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

    #[test]
    fn labels_cannot_break_out() {
        assert_eq!(
            mermaid_escape("say \"end\" --> <b>#1 & 50%\nnext"),
            "say #quot;end#quot; --#gt; #lt;b#gt;#35;1 #amp; 50#37;<br>next"
        );
    }

    #[test]
    fn junction_nodes_group_co_premises() {
        let mut map = Map::new("m");
        for id in ["a", "b", "c"] {
            map.add_statement(id, crate::model::Statement::new(id), None, false)
                .unwrap();
        }
        map.add_inference(
            "i",
            crate::model::Inference::new(crate::model::InferenceKind::Support),
            &["a", "b"],
            "c",
            None,
            false,
        )
        .unwrap();
        let out = export(&map, &MermaidOptions::default()).text;
        assert!(
            out.contains("  n0 --- n3\n  n1 --- n3\n  n3 --> n2\n"),
            "{out}"
        );
        assert!(out.contains("linkStyle 0,1,2 stroke:#4CAF50"));
    }
}
