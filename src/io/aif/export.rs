//! Writing a map as an AIFdb-shaped nodeset: I nodes for statements, RA, CA
//! and MA nodes for inferences, edges between them, and optionally each
//! quote as an L locution node asserted of its statement by a YA node.

use std::collections::HashSet;

use serde::Serialize;

use super::AifExportOptions;
use crate::io::Exported;
use crate::io::loss::Losses;
use crate::model::{Basis, InferenceKind, Map, NodeData, Role};

#[derive(Serialize)]
struct NodeOut<'a> {
    #[serde(rename = "nodeID")]
    id: &'a str,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    timestamp: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<std::borrow::Cow<'a, str>>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    #[serde(rename = "edgeID")]
    id: usize,
    #[serde(rename = "fromID")]
    from: &'a str,
    #[serde(rename = "toID")]
    to: &'a str,
}

#[derive(Serialize)]
struct LocutionOut<'a> {
    #[serde(rename = "nodeID")]
    id: &'a str,
    timestamp: &'a str,
}

#[derive(Serialize)]
struct Nodeset<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut<'a>>,
    locutions: Vec<LocutionOut<'a>>,
}

/// The AIF type and default node text of an inference kind.
pub(super) fn aif_type(kind: InferenceKind) -> (&'static str, &'static str) {
    match kind {
        InferenceKind::Support => ("RA", "Default Inference"),
        InferenceKind::Conflict => ("CA", "Default Conflict"),
        InferenceKind::Rephrase => ("MA", "Default Rephrase"),
    }
}

/// Writes `map` as an AIF nodeset.
pub(super) fn export(map: &Map, options: &AifExportOptions) -> Exported {
    let nodes = map.nodes_sorted();
    let mut used: HashSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    let mut fresh = |base: String| -> String {
        let id = std::iter::once(base.clone())
            .chain((2..).map(|k| format!("{base}-{k}")))
            .find(|id| !used.contains(id))
            .expect("an unused id exists");
        used.insert(id.clone());
        id
    };
    let mut out = Nodeset {
        nodes: Vec::with_capacity(nodes.len()),
        edges: Vec::new(),
        locutions: Vec::new(),
    };
    // (from, to) pairs owned here so edges can borrow them at the end.
    let mut links: Vec<(String, String)> = Vec::new();
    let mut dialogue: Vec<(String, String, String, &str)> = Vec::new();
    let mut losses = Losses::default();
    for node in &nodes {
        if node.pos.is_some() {
            losses.add("node positions (AIFdb nodesets have no layout)");
        }
        match &node.data {
            NodeData::Statement(s) => {
                out.nodes.push(NodeOut {
                    id: &node.id,
                    text: s.text.clone(),
                    kind: "I",
                    timestamp: "",
                    scheme: None,
                });
                count_statement_losses(s, &mut losses);
                for ev in &s.evidence {
                    if ev.basis != Basis::Quote || !options.quotes_as_locutions {
                        losses
                            .add("evidence items other than quotes (or with locutions turned off)");
                        continue;
                    }
                    if ev.anchor.is_some() {
                        losses.add("quote anchors into source texts");
                    }
                    if !ev.url.is_empty() || !ev.citation.is_empty() {
                        losses.add("URLs and citations of quotes");
                    }
                    let text = if ev.speaker.is_empty() {
                        ev.text.clone()
                    } else {
                        format!("{} : {}", ev.speaker, ev.text)
                    };
                    let ya = fresh(format!("{}-ya", ev.id));
                    dialogue.push((ev.id.clone(), ya, text, ev.date.as_str()));
                    links.push((ev.id.clone(), dialogue.last().expect("pushed").1.clone()));
                    links.push((dialogue.last().expect("pushed").1.clone(), node.id.clone()));
                }
            }
            NodeData::Inference(inf) => {
                let (kind, default_text) = aif_type(inf.kind);
                // A catalogue scheme is written by its name; a verbatim
                // name from an imported file as it came.
                let scheme: &str = map
                    .resolve_scheme(&inf.scheme, crate::io::schemes::bundled())
                    .map_or(inf.scheme.as_str(), |s| s.name.as_str());
                let text = if scheme.is_empty() {
                    default_text.to_owned()
                } else {
                    scheme.to_owned()
                };
                out.nodes.push(NodeOut {
                    id: &node.id,
                    text,
                    kind,
                    timestamp: "",
                    scheme: Some(scheme.into()),
                });
                if !inf.roles.is_empty() {
                    losses.add("scheme role bindings");
                }
                if !inf.questions.is_empty() {
                    losses.add("critical question statuses");
                }
                if !inf.title.is_empty() {
                    losses.add("inference titles");
                }
                if !inf.description.is_empty() {
                    losses.add("inference descriptions");
                }
                if !inf.data.is_empty() {
                    losses.add("imported inference data (such as Argdown's logic)");
                }
                let ix = map.index_of(&node.id).expect("node of the map");
                for p in map.premises_of(ix) {
                    let premise = &map.graph()[p];
                    if premise.is_statement() {
                        links.push((premise.id.clone(), node.id.clone()));
                    } else {
                        // AIF reads an edge between relation nodes as the
                        // first one's conclusion, not as a premise.
                        losses.add("inferences used as premises of other inferences");
                    }
                }
                if let Some(t) = map.target_of(ix) {
                    links.push((node.id.clone(), map.graph()[t].id.clone()));
                }
            }
        }
    }
    for (l, ya, text, date) in &dialogue {
        out.nodes.push(NodeOut {
            id: l,
            text: text.clone(),
            kind: "L",
            timestamp: date,
            scheme: None,
        });
        out.nodes.push(NodeOut {
            id: ya,
            text: "Asserting".into(),
            kind: "YA",
            timestamp: date,
            scheme: Some("Asserting".into()),
        });
        out.locutions.push(LocutionOut {
            id: l,
            timestamp: date,
        });
    }
    out.edges = links
        .iter()
        .enumerate()
        .map(|(k, (from, to))| EdgeOut {
            id: k + 1,
            from,
            to,
        })
        .collect();
    let sources = map.sources().count();
    if sources > 0 {
        losses.add_n("source documents", sources);
    }
    let meta = map.meta();
    losses.add("the map's title");
    if !meta.description.is_empty() || !meta.authors.is_empty() {
        losses.add("the map's description and authors");
    }
    let mut text = if options.pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    }
    .expect("a nodeset always serialises");
    text.push('\n');
    Exported {
        text,
        losses: losses.into_warnings("AIF"),
    }
}

fn count_statement_losses(s: &crate::model::Statement, losses: &mut Losses) {
    if !s.title.is_empty() {
        losses.add("statement titles");
    }
    if s.role != Role::Claim {
        losses.add("statement roles");
    }
    if !s.tags.is_empty() {
        losses.add("statements' tags");
    }
    if !s.notes.is_empty() {
        losses.add("statement notes");
    }
}
