//! Mapping a parsed AIF nodeset onto the model: I nodes to statements,
//! RA/CA/MA to support/conflict/rephrase inferences, locutions asserted
//! through YA nodes to quote evidence, and a warning for everything else.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::parse::{RawDoc, RawNode, html_to_text};
use super::{AifImport, AifImportOptions};
use crate::io::{Loaded, Location, Warning};
use crate::model::ids::MAX_ID_LEN;
use crate::model::{Anchor, Basis, Evidence, Inference, InferenceKind, Map, Source, Statement};

/// The id of the source made from an OVA save's analysed text.
pub(super) const TEXT_SOURCE_ID: &str = "aif-text";

/// Collects warnings and counts them by kind.
#[derive(Default)]
struct Report {
    warnings: Vec<Warning>,
    kinds: BTreeMap<&'static str, usize>,
}

impl Report {
    fn warn(&mut self, kind: &'static str, path: Option<&str>, message: String) {
        *self.kinds.entry(kind).or_default() += 1;
        self.warnings.push(Warning {
            at: path.map(|p| Location {
                json_path: Some(p.to_owned()),
                ..Location::default()
            }),
            message,
        });
    }
}

/// Turns AIF ids into model ids: kept where valid, otherwise cleaned up,
/// and made unique in the map's one namespace.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn claim(&mut self, wanted: &str) -> String {
        let mut base: String = wanted
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .take(MAX_ID_LEN - 8)
            .collect();
        if base.is_empty() {
            base.push_str("aif");
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.used.contains(id))
            .inspect(|id| {
                self.used.insert(id.clone());
            })
            .expect("an unused suffix exists")
    }
}

fn relation_kind(kind: &str) -> Option<InferenceKind> {
    match kind {
        "RA" => Some(InferenceKind::Support),
        "CA" => Some(InferenceKind::Conflict),
        "MA" => Some(InferenceKind::Rephrase),
        _ => None,
    }
}

fn is_argument_layer(kind: &str) -> bool {
    kind == "I" || relation_kind(kind).is_some()
}

/// Splits a locution's text `"Speaker : what was said"` into its parts.
pub(super) fn split_speaker(text: &str) -> (Option<&str>, &str) {
    let split = text.find(" : ").map(|i| (i, i + 3)).or_else(|| {
        text.find(": ")
            .filter(|&i| i > 0 && i <= 60 && !text[..i].contains(['.', '?', '!']))
            .map(|i| (i, i + 2))
    });
    match split {
        Some((i, j)) if !text[..i].trim().is_empty() => (Some(text[..i].trim()), text[j..].trim()),
        _ => (None, text.trim()),
    }
}

/// Builds the map from a parsed document.
pub(super) fn build(doc: RawDoc, options: &AifImportOptions) -> AifImport {
    let mut report = Report::default();
    let mut map = Map::new(options.title.clone().unwrap_or_else(|| "AIF import".into()));
    let mut ids = Ids::default();
    ids.used.insert(TEXT_SOURCE_ID.to_owned());
    for (path, reason) in &doc.malformed {
        report.warn("malformed-entry", Some(path), format!("skipped {reason}"));
    }

    // Nodes, first of each id.
    let mut nodes: Vec<&RawNode> = Vec::with_capacity(doc.nodes.len());
    let mut by_id: HashMap<&str, &RawNode> = HashMap::with_capacity(doc.nodes.len());
    for node in &doc.nodes {
        if let Some(first) = by_id.get(node.id.as_str()) {
            report.warn(
                "duplicate-id",
                Some(&node.path),
                format!(
                    "node id '{}' is used again (first at {}); the first one is kept",
                    node.id, first.path
                ),
            );
            continue;
        }
        by_id.insert(&node.id, node);
        nodes.push(node);
    }

    // Edges: the argument layer's adjacency, and the dialogue edges.
    let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut outgoing: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut dialogue_in: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut dialogue_out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut dialogue_edges = 0usize;
    for edge in &doc.edges {
        let (Some(from), Some(to)) = (by_id.get(edge.from.as_str()), by_id.get(edge.to.as_str()))
        else {
            report.warn(
                "edge-to-unknown-node",
                Some(&edge.path),
                format!(
                    "edge {} → {} names a node that does not exist; skipped",
                    edge.from, edge.to
                ),
            );
            continue;
        };
        if from.id == to.id {
            report.warn(
                "self-loop",
                Some(&edge.path),
                format!("edge from {} ({}) to itself; skipped", from.id, from.kind),
            );
            continue;
        }
        if from.kind == "I" && to.kind == "I" {
            report.warn(
                "i-to-i-edge",
                Some(&edge.path),
                format!(
                    "direct edge between two I nodes ({} → {}) with no relation node: \
                     its kind is unknown, so no inference is made; skipped",
                    from.id, to.id
                ),
            );
            continue;
        }
        if is_argument_layer(&from.kind) && is_argument_layer(&to.kind) {
            let out = outgoing.entry(from.id.as_str()).or_default();
            if !out.contains(&to.id.as_str()) {
                out.push(&to.id);
                incoming.entry(to.id.as_str()).or_default().push(&from.id);
            }
        } else {
            dialogue_edges += 1;
            dialogue_in
                .entry(to.id.as_str())
                .or_default()
                .push(&from.id);
            dialogue_out
                .entry(from.id.as_str())
                .or_default()
                .push(&to.id);
        }
    }

    // Statements.
    let mut model_id: HashMap<&str, String> = HashMap::new();
    for node in nodes.iter().filter(|n| n.kind == "I") {
        let id = ids.claim(&node.id);
        let pos = options
            .use_ova_positions
            .then(|| doc.positions.get(&node.id).copied())
            .flatten();
        map.add_statement(&id, Statement::new(node.text.trim()), pos, pos.is_some())
            .expect("fresh valid id");
        model_id.insert(&node.id, id);
    }

    // The analysed text of an OVA save, as a source that quotes anchor into.
    let mut source_text: Option<String> = None;
    if let Some(html) = &doc.text {
        let text = html_to_text(html);
        let source = Source {
            id: TEXT_SOURCE_ID.into(),
            title: "Analysed text".into(),
            url: doc.text_url.clone(),
            text: text.clone(),
            ..Source::default()
        };
        map.add_source(source).expect("a fresh source id");
        source_text = Some(text);
    }

    // Quote evidence from locutions that a YA node asserts of a statement.
    let mut used_locutions: HashSet<&str> = HashSet::new();
    let mut quotes = 0usize;
    if options.locutions_as_evidence {
        for ya in nodes.iter().filter(|n| n.kind == "YA") {
            let mut statements: Vec<&str> = dialogue_out
                .get(ya.id.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|t| by_id.get(t).is_some_and(|n| n.kind == "I"))
                .collect();
            statements.dedup();
            if statements.is_empty() {
                continue;
            }
            let mut locutions: Vec<&RawNode> = dialogue_in
                .get(ya.id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|f| by_id.get(f).copied())
                .filter(|n| n.kind == "L")
                .collect();
            locutions.dedup_by(|a, b| a.id == b.id);
            for l in locutions {
                for st in &statements {
                    let (speaker, said) = split_speaker(&l.text);
                    let speaker = speaker.map(str::to_owned).or_else(|| {
                        doc.locution_person.get(&l.id).map(|p| {
                            doc.participants
                                .get(p)
                                .filter(|n| !n.is_empty())
                                .cloned()
                                .unwrap_or_else(|| format!("person {p}"))
                        })
                    });
                    let evidence = Evidence {
                        id: ids.claim(&l.id),
                        basis: Basis::Quote,
                        text: said.to_owned(),
                        speaker: speaker.unwrap_or_default(),
                        date: l.timestamp.trim().to_owned(),
                        anchor: source_text.as_deref().and_then(|t| anchor_in(t, said)),
                        ..Evidence::default()
                    };
                    let target = &model_id[st];
                    let at = map.statement(target).map_or(0, |s| s.evidence.len());
                    map.add_evidence(target, at, evidence)
                        .expect("fresh evidence id");
                    used_locutions.insert(&l.id);
                    quotes += 1;
                }
            }
        }
    }

    // Relation nodes, in an order where targets and premises exist first.
    let mut pending: Vec<(&RawNode, Vec<&str>, &str)> = Vec::new();
    for node in nodes.iter().filter(|n| relation_kind(&n.kind).is_some()) {
        // An edge from one relation node into another is the first one's
        // conclusion (an undercut, say), so only I nodes count as premises.
        let premises: Vec<&str> = incoming
            .get(node.id.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|p| by_id.get(p).is_some_and(|n| n.kind == "I"))
            .collect();
        let targets = outgoing.get(node.id.as_str()).cloned().unwrap_or_default();
        let missing = match (premises.is_empty(), targets.is_empty()) {
            (true, true) => Some("no premise and no target"),
            (true, false) => Some("no premise"),
            (false, true) => Some("no target"),
            (false, false) => None,
        };
        if let Some(missing) = missing {
            report.warn(
                "dangling-relation",
                Some(&node.path),
                format!(
                    "{} node {} ('{}') has {missing}; no inference is made",
                    node.kind, node.id, node.text
                ),
            );
            continue;
        }
        let target = targets[0];
        if targets.len() > 1 {
            report.warn(
                "extra-target",
                Some(&node.path),
                format!(
                    "{} node {} has {} targets; only the first ({target}) is kept, not {}",
                    node.kind,
                    node.id,
                    targets.len(),
                    targets[1..].join(", ")
                ),
            );
        }
        let kept: Vec<&str> = premises.to_vec();
        if kept.contains(&target) {
            report.warn(
                "premise-is-target",
                Some(&node.path),
                format!(
                    "{} node {} runs from {target} back to {target} itself; kept as an \
                     inference whose premise is its own target",
                    node.kind, node.id
                ),
            );
        }
        pending.push((node, kept, target));
    }
    let mut inferences = 0usize;
    loop {
        let before = pending.len();
        let mut waiting = Vec::new();
        for (node, premises, target) in pending {
            let ready =
                model_id.contains_key(target) && premises.iter().all(|p| model_id.contains_key(p));
            if !ready {
                waiting.push((node, premises, target));
                continue;
            }
            let premise_ids: Vec<&str> = premises
                .iter()
                .filter_map(|p| model_id.get(p).map(String::as_str))
                .collect();
            let kind = relation_kind(&node.kind).expect("filtered to relations");
            let mut inference = Inference::new(kind);
            inference.scheme = scheme_name(node, &doc);
            let id = ids.claim(&node.id);
            let pos = options
                .use_ova_positions
                .then(|| doc.positions.get(&node.id).copied())
                .flatten();
            match map.add_inference(
                &id,
                inference,
                &premise_ids,
                &model_id[target],
                pos,
                pos.is_some(),
            ) {
                Ok(_) => {
                    model_id.insert(&node.id, id);
                    inferences += 1;
                }
                Err(e) => report.warn(
                    "invalid-relation",
                    Some(&node.path),
                    format!("{} node {} cannot be held: {e}", node.kind, node.id),
                ),
            }
        }
        pending = waiting;
        if pending.is_empty() || pending.len() == before {
            break;
        }
    }
    for (node, _, _) in &pending {
        report.warn(
            "dangling-relation",
            Some(&node.path),
            format!(
                "{} node {} depends on relation nodes that could not be imported; no inference is made",
                node.kind, node.id
            ),
        );
    }

    // Everything of the dialogue layer that did not become evidence.
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for node in &nodes {
        let kind = node.kind.as_str();
        if is_argument_layer(kind) || (kind == "L" && used_locutions.contains(node.id.as_str())) {
            continue;
        }
        let label = match kind {
            "L" => "L locution nodes not asserted of any statement".to_owned(),
            "YA" => "YA illocution nodes".to_owned(),
            "TA" => "TA transition nodes".to_owned(),
            "" => "nodes without a type".to_owned(),
            other => format!("{other} nodes"),
        };
        *dropped.entry(label).or_default() += 1;
    }
    if dialogue_edges > 0 {
        dropped.insert("dialogue-layer edges".into(), dialogue_edges);
    }
    let unmatched_locutions = doc
        .locution_nodes
        .iter()
        .filter(|k| !used_locutions.contains(k.as_str()))
        .count();
    if unmatched_locutions > 0 {
        dropped.insert(
            "\"locutions\" entries (speaker records) not carried by a quote".into(),
            unmatched_locutions,
        );
    }
    for (section, count) in &doc.unread_sections {
        dropped.insert(
            format!("entries of the unread section \"{section}\""),
            *count,
        );
    }
    for (what, count) in &dropped {
        report.warn("dropped", None, format!("dropped {count} {what}"));
    }
    if quotes > 0 {
        let anchored = map
            .nodes()
            .filter_map(|n| n.as_statement())
            .flat_map(|s| &s.evidence)
            .filter(|e| e.anchor.is_some())
            .count();
        report.warn(
            "dialogue-kept",
            None,
            format!(
                "kept {quotes} locutions asserted via YA nodes as quote evidence on their \
                 statements ({anchored} anchored in the analysed text)"
            ),
        );
    }

    map.bump_next_id(1);

    AifImport {
        loaded: Loaded {
            map,
            warnings: report.warnings,
        },
        warning_kinds: report.kinds,
        dropped,
        statements: model_id.len() - inferences,
        inferences,
    }
}

/// An anchor on the first place where `quote` occurs in `text`, if it does.
fn anchor_in(text: &str, quote: &str) -> Option<Anchor> {
    if quote.is_empty() {
        return None;
    }
    let byte = text.find(quote)?;
    let start = text[..byte].chars().count();
    let end = start + quote.chars().count();
    Anchor::from_range(TEXT_SOURCE_ID, text, start, end)
}

/// OVA's names for a relation node with no particular scheme.
const DEFAULT_SCHEME_NAMES: [&str; 3] =
    ["Default Inference", "Default Conflict", "Default Rephrase"];

/// The scheme reference of a relation node. The name is its `scheme` field
/// when present, otherwise its text, otherwise its scheme id; OVA's
/// "Default Inference" / "Default Conflict" / "Default Rephrase" mean no
/// scheme. A name the bundled catalogue knows becomes that scheme's id;
/// any other name is kept verbatim.
fn scheme_name(node: &RawNode, doc: &RawDoc) -> String {
    let name = if let Some(scheme) = &node.scheme {
        scheme.trim().to_owned()
    } else if !node.text.trim().is_empty() {
        node.text.trim().to_owned()
    } else {
        node.scheme_id
            .as_ref()
            .or_else(|| doc.scheme_fulfilments.get(&node.id))
            .map(|id| format!("scheme {id}"))
            .unwrap_or_default()
    };
    if DEFAULT_SCHEME_NAMES
        .iter()
        .any(|d| d.eq_ignore_ascii_case(&name))
    {
        return String::new();
    }
    crate::io::schemes::bundled()
        .find_by_name(&name)
        .map_or(name, |s| s.id.clone())
}
