//! The outline of a map: an indented tree from the thesis down through
//! reasons and objections, as rows. The app's outline panel shows it, and
//! the HTML export puts it beside the diagram.

use std::collections::{BTreeSet, HashSet};

use super::{InferenceKind, Map, NodeData, NodeIx};

/// One line of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Indentation level.
    pub depth: usize,
    /// The node shown.
    pub id: String,
    /// How it relates to the row above it: "", "+", "-", "x", "=".
    pub relation: &'static str,
    /// What the row says.
    pub text: String,
    /// The inference it is a premise of (for reordering co-premises).
    pub via: Option<String>,
    /// Whether it has children (and can be collapsed).
    pub has_children: bool,
}

/// How `inference` relates to its target in the outline: "+" support,
/// "-" conflict, "x" undercut, "=" rephrase.
pub fn relation(map: &Map, inference: NodeIx) -> &'static str {
    match map
        .node_at(inference)
        .and_then(|n| n.as_inference())
        .map(|i| i.kind)
    {
        Some(InferenceKind::Support) => "+",
        Some(InferenceKind::Conflict) if map.is_undercut(inference) => "x",
        Some(InferenceKind::Conflict) => "-",
        Some(InferenceKind::Rephrase) => "=",
        None => "",
    }
}

/// Flattens `map` into outline rows: roots (statements that are no
/// inference's premise, theses first), each followed by its reasons and
/// objections. Undercuts appear under the reason they attack; linked
/// co-premises share one “together” row. Statements reached twice are
/// listed again but not expanded again.
pub fn rows(map: &Map, collapsed: &BTreeSet<String>) -> Vec<Row> {
    let mut roots: Vec<NodeIx> = map
        .graph()
        .node_indices()
        .filter(|&ix| {
            map.node_at(ix).is_some_and(|n| n.is_statement()) && map.inferences_from(ix).is_empty()
        })
        .collect();
    map.sort_by_id(&mut roots);
    roots.sort_by_key(|&ix| {
        let role = map
            .node_at(ix)
            .and_then(|n| n.as_statement())
            .map(|s| s.role);
        (
            role != Some(crate::model::Role::Thesis),
            role == Some(crate::model::Role::Note),
        )
    });
    let mut out = Vec::new();
    let mut expanded = HashSet::new();
    for root in roots {
        push(map, root, 0, "", None, collapsed, &mut expanded, &mut out);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    map: &Map,
    ix: NodeIx,
    depth: usize,
    rel: &'static str,
    via: Option<String>,
    collapsed: &BTreeSet<String>,
    expanded: &mut HashSet<NodeIx>,
    out: &mut Vec<Row>,
) {
    let Some(node) = map.node_at(ix) else { return };
    let children = map.inferences_into(ix);
    let text = match &node.data {
        NodeData::Statement(s) => s.label().to_owned(),
        NodeData::Inference(i) if !i.title.is_empty() => format!("together: {}", i.title),
        NodeData::Inference(_) => "together:".to_owned(),
    };
    out.push(Row {
        depth,
        id: node.id.clone(),
        relation: rel,
        text,
        via,
        has_children: !children.is_empty(),
    });
    if !expanded.insert(ix) || collapsed.contains(&node.id) || depth > 60 {
        return;
    }
    for inf in children {
        let rel = relation(map, inf);
        let premises = map.premises_of(inf);
        let inf_id = map.node_at(inf).map(|n| n.id.clone());
        if premises.len() > 1 || !map.inferences_into(inf).is_empty() {
            // The inference gets its own row: linked premises and undercuts hang under it.
            let Some(inf_node) = map.node_at(inf) else {
                continue;
            };
            let title = inf_node
                .as_inference()
                .map(|i| i.title.clone())
                .unwrap_or_default();
            let label = match (premises.len() > 1, title.is_empty()) {
                (true, true) => "together:".to_owned(),
                (true, false) => format!("together: {title}"),
                (false, true) => "argument".to_owned(),
                (false, false) => title,
            };
            out.push(Row {
                depth: depth + 1,
                id: inf_node.id.clone(),
                relation: rel,
                text: label,
                via: None,
                has_children: true,
            });
            if collapsed.contains(&inf_node.id) {
                continue;
            }
            for p in premises {
                push(
                    map,
                    p,
                    depth + 2,
                    "",
                    inf_id.clone(),
                    collapsed,
                    expanded,
                    out,
                );
            }
            for u in map.inferences_into(inf) {
                let urel = relation(map, u);
                let uid = map.node_at(u).map(|n| n.id.clone());
                for p in map.premises_of(u) {
                    push(
                        map,
                        p,
                        depth + 2,
                        urel,
                        uid.clone(),
                        collapsed,
                        expanded,
                        out,
                    );
                }
            }
        } else {
            for p in premises {
                push(
                    map,
                    p,
                    depth + 1,
                    rel,
                    inf_id.clone(),
                    collapsed,
                    expanded,
                    out,
                );
            }
        }
    }
}
