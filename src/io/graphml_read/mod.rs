//! GraphML import (<http://graphml.graphdrawing.org/specification.html>):
//! yEd-drawn argument maps, plain GraphML with data keys, and Argmap's own
//! GraphML export, which round-trips.
//!
//! XML is read with `roxmltree` (a maintained, read-only XML tree that
//! resvg/usvg already bring in), which gives every element its place for
//! located warnings.
//!
//! # How GraphML maps to the model
//!
//! - **Data keys** are found by their `attr.name`: `text`, `title`, `role`,
//!   `kind` (`statement`, `support`, `conflict`, `rephrase`), `scheme`,
//!   `notes`/`description`, `tags` (as Argmap writes them); `label` and
//!   `name` are read as text when there is no `text`. Edges: `link`
//!   (`premise`/`target`), `kind`, `label`.
//! - **yEd graphics** (`y:ShapeNode`, `y:GenericNode`, `y:UMLNoteNode`…):
//!   every `y:NodeLabel` of a node, joined by line breaks, is its label;
//!   `y:Geometry` gives its position (the box's centre); `y:Fill` and
//!   `y:Shape` give its role by [`RoleRules`] (a documented heuristic the
//!   caller can replace). Note nodes (`y:UMLNoteNode`, shape `note`) are
//!   notes (role note). Group nodes (`yfiles.foldertype="group"`, or any
//!   node holding a `<graph>`) are not statements: their label becomes a
//!   tag of every node inside.
//! - **Inference nodes** are nodes whose `kind` data is an inference kind
//!   (Argmap's export); their `premise` edges come in, their `target`
//!   edge goes out.
//! - **Other edges** between statements become one-premise inferences from
//!   source to target, a conflict when [`edge_is_attack`] says so (a red
//!   line, a `t_shape`/`cross` arrowhead, or a label such as `con`), a
//!   rephrase when the label says `rephrase`, else a support.
//!
//! Everything a format element carries that the map cannot (edge bends,
//! fonts, sizes) is dropped; what was dropped is reported once.

mod yed;

use std::collections::{BTreeSet, HashMap, HashSet};

use roxmltree::{Document, Node as XmlNode};

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{Inference, InferenceKind, Map, Pos, Role, Statement, ids::is_valid_id};

pub use yed::{RoleRules, edge_is_attack};

/// Deepest nesting of group nodes read; deeper groups are reported and
/// their nodes skipped (the reader recurses once per level).
pub const MAX_GROUP_DEPTH: usize = 64;

/// GraphML files larger than this are refused, in bytes.
pub const MAX_GRAPHML_BYTES: usize = 256 * 1024 * 1024;

/// How to import GraphML.
#[derive(Clone, Debug, Default)]
pub struct GraphmlImportOptions {
    /// How fill colours and shapes map to roles (default
    /// [`RoleRules::default`]).
    pub roles: RoleRules,
}

/// A GraphML node as read, before it becomes part of the map.
#[derive(Clone, Debug, Default)]
struct RawNode {
    id: String,
    line: usize,
    data: HashMap<String, String>,
    labels: Vec<String>,
    pos: Option<Pos>,
    fill: Option<String>,
    shape: Option<String>,
    note: bool,
    groups: Vec<String>,
}

/// A GraphML edge as read.
#[derive(Clone, Debug, Default)]
struct RawEdge {
    source: String,
    target: String,
    line: usize,
    data: HashMap<String, String>,
    label: String,
    colour: Option<String>,
    arrow: Option<String>,
}

/// Imports GraphML `text`.
///
/// # Errors
/// [`LoadErrorKind::TooLarge`]; [`LoadErrorKind::Syntax`] for text that is
/// not XML (with line and column); [`LoadErrorKind::Invalid`] when it is
/// XML but holds no GraphML `<graph>`.
pub fn import(text: &str, options: &GraphmlImportOptions) -> Result<Loaded, LoadError> {
    let doc = super::xml::parse(text, MAX_GRAPHML_BYTES)?;
    let Some(graph) = doc.descendants().find(|n| n.has_tag_name("graph")) else {
        return Err(LoadError::new(LoadErrorKind::Invalid(
            "the XML holds no GraphML <graph> element".into(),
        )));
    };
    let keys = read_keys(&doc);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut reader = Reader {
        line_starts: &line_starts,
        keys: &keys,
        nodes: Vec::new(),
        edges: Vec::new(),
        groups_seen: 0,
        too_deep: None,
    };
    reader.graph(graph, &[], 0);
    let too_deep = reader.too_deep;
    let title = graph
        .attribute("id")
        .filter(|t| !t.trim().is_empty() && *t != "G")
        .unwrap_or("Imported GraphML")
        .replace('\n', " ");
    let mut b = Builder {
        map: Map::new(title),
        warnings: Vec::new(),
        ids: HashMap::new(),
        next: 1,
        dropped: BTreeSet::new(),
    };
    b.build(reader.nodes, reader.edges, &options.roles);
    if let Some(line) = too_deep {
        b.warn(
            line,
            format!("groups nest more than {MAX_GROUP_DEPTH} deep; the nodes below are skipped"),
        );
    }
    Ok(Loaded {
        map: b.map,
        warnings: b.warnings,
    })
}

/// `<key>` id → (what it is for, its `attr.name` or yFiles type).
fn read_keys(doc: &Document<'_>) -> HashMap<String, String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("key"))
        .filter_map(|k| {
            let id = k.attribute("id")?;
            let name = k
                .attribute("attr.name")
                .or_else(|| k.attribute("yfiles.type"))
                .unwrap_or(id);
            Some((id.to_owned(), name.to_lowercase()))
        })
        .collect()
}

struct Reader<'a> {
    /// Byte offset of each line's start, for line numbers in O(log n).
    line_starts: &'a [usize],
    keys: &'a HashMap<String, String>,
    nodes: Vec<RawNode>,
    edges: Vec<RawEdge>,
    groups_seen: usize,
    /// Line of the first group nested too deep.
    too_deep: Option<usize>,
}

impl Reader<'_> {
    fn line(&self, n: XmlNode<'_, '_>) -> usize {
        self.line_starts.partition_point(|&s| s <= n.range().start)
    }

    /// Reads the nodes and edges of `graph` (and of nested graphs).
    fn graph(&mut self, graph: XmlNode<'_, '_>, groups: &[String], depth: usize) {
        for child in graph.children().filter(XmlNode::is_element) {
            if child.has_tag_name("node") {
                self.node(child, groups, depth);
            } else if child.has_tag_name("edge") {
                self.edge(child);
            }
        }
    }

    fn data_of(&self, el: XmlNode<'_, '_>) -> HashMap<String, String> {
        el.children()
            .filter(|c| c.has_tag_name("data"))
            .filter_map(|d| {
                let key = d.attribute("key")?;
                let name = self
                    .keys
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| key.to_lowercase());
                let text: String = d
                    .children()
                    .filter(XmlNode::is_text)
                    .filter_map(|t| t.text())
                    .collect();
                Some((name, text.trim().to_owned()))
            })
            .collect()
    }

    fn node(&mut self, el: XmlNode<'_, '_>, groups: &[String], depth: usize) {
        let id = el.attribute("id").unwrap_or("").to_owned();
        let mut raw = RawNode {
            id,
            line: self.line(el),
            data: self.data_of(el),
            groups: groups.to_vec(),
            ..RawNode::default()
        };
        yed::node_graphics(el, &mut raw);
        let nested = el.children().find(|c| c.has_tag_name("graph"));
        let is_group = el.attribute("yfiles.foldertype").is_some() || nested.is_some();
        if is_group {
            self.groups_seen += 1;
            let name = raw
                .labels
                .first()
                .cloned()
                .or_else(|| raw.data.get("label").cloned())
                .unwrap_or_else(|| raw.id.clone());
            let mut inner = groups.to_vec();
            if !name.trim().is_empty() {
                inner.push(name.trim().replace('\n', " "));
            }
            if let Some(g) = nested {
                if depth >= MAX_GROUP_DEPTH {
                    self.too_deep.get_or_insert(raw.line);
                } else {
                    self.graph(g, &inner, depth + 1);
                }
            }
            return;
        }
        self.nodes.push(raw);
    }

    fn edge(&mut self, el: XmlNode<'_, '_>) {
        let mut raw = RawEdge {
            source: el.attribute("source").unwrap_or("").to_owned(),
            target: el.attribute("target").unwrap_or("").to_owned(),
            line: self.line(el),
            data: self.data_of(el),
            ..RawEdge::default()
        };
        yed::edge_graphics(el, &mut raw);
        self.edges.push(raw);
    }
}

struct Builder {
    map: Map,
    warnings: Vec<Warning>,
    /// GraphML node id → map id.
    ids: HashMap<String, String>,
    next: usize,
    dropped: BTreeSet<String>,
}

fn at_line(line: usize) -> Option<Location> {
    Some(Location {
        line: Some(line),
        ..Location::default()
    })
}

/// The inference kind named by a `kind` value, if it names one.
fn kind_named(v: &str) -> Option<InferenceKind> {
    InferenceKind::parse(v.trim())
}

impl Builder {
    fn fresh(&mut self, wanted: &str, prefix: char) -> String {
        if is_valid_id(wanted) && !self.map.is_id_used(wanted) {
            return wanted.to_owned();
        }
        loop {
            let id = format!("{prefix}{}", self.next);
            self.next += 1;
            if !self.map.is_id_used(&id) {
                return id;
            }
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.warnings.push(Warning {
            at: at_line(line),
            message,
        });
    }

    fn build(&mut self, nodes: Vec<RawNode>, edges: Vec<RawEdge>, rules: &RoleRules) {
        let mut inferences: Vec<RawNode> = Vec::new();
        for n in nodes {
            if n.data.get("kind").and_then(|k| kind_named(k)).is_some() {
                inferences.push(n);
            } else {
                self.statement(n, rules);
            }
        }
        let inference_ids: HashSet<String> = inferences.iter().map(|n| n.id.clone()).collect();
        let mut premises: HashMap<String, Vec<String>> = HashMap::new();
        let mut targets: HashMap<String, Vec<String>> = HashMap::new();
        let mut direct: Vec<RawEdge> = Vec::new();
        for e in edges {
            if inference_ids.contains(&e.source) {
                targets
                    .entry(e.source.clone())
                    .or_default()
                    .push(e.target.clone());
            } else if inference_ids.contains(&e.target) {
                premises
                    .entry(e.target.clone())
                    .or_default()
                    .push(e.source.clone());
            } else {
                direct.push(e);
            }
        }
        let mut pending = inferences;
        let mut progress = true;
        while progress && !pending.is_empty() {
            progress = false;
            let mut later = Vec::new();
            for n in pending {
                let target = targets.get(&n.id).and_then(|t| t.first()).cloned();
                let ready = target
                    .as_ref()
                    .is_none_or(|t| !inference_ids.contains(t) || self.ids.contains_key(t));
                if ready {
                    progress = true;
                    self.inference(n, &premises, target);
                } else {
                    later.push(n);
                }
            }
            pending = later;
        }
        for n in pending {
            self.warn(
                n.line,
                format!("inference node '{}' is part of a cycle; skipped", n.id),
            );
        }
        for e in direct {
            self.direct_edge(e);
        }
        if !self.dropped.is_empty() {
            let what: Vec<&str> = self.dropped.iter().map(String::as_str).collect();
            self.warnings.push(Warning {
                at: None,
                message: format!(
                    "GraphML data with no place in the map: {}; dropped",
                    what.join(", ")
                ),
            });
        }
    }

    fn statement(&mut self, n: RawNode, rules: &RoleRules) {
        let label = n.labels.join("\n");
        let text = n
            .data
            .get("text")
            .or_else(|| n.data.get("label"))
            .or_else(|| n.data.get("name"))
            .cloned()
            .unwrap_or_else(|| label.clone());
        let title = n.data.get("title").cloned().unwrap_or_default();
        let role = n
            .data
            .get("role")
            .and_then(|r| Role::parse(r))
            .or_else(|| n.note.then_some(Role::Note))
            .or_else(|| rules.role_of(n.fill.as_deref(), n.shape.as_deref()))
            .unwrap_or_default();
        let mut tags: Vec<String> = n
            .data
            .get("tags")
            .map(|t| {
                t.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        for g in n.groups {
            if !tags.contains(&g) {
                tags.push(g);
            }
        }
        let notes = n
            .data
            .get("notes")
            .or_else(|| n.data.get("description"))
            .cloned()
            .unwrap_or_default();
        for key in n.data.keys() {
            if !yed::KNOWN_NODE_KEYS.contains(&key.as_str()) {
                self.dropped.insert(key.clone());
            }
        }
        if text.trim().is_empty() && title.trim().is_empty() {
            self.warn(
                n.line,
                format!("node '{}' has no label or text; kept empty", n.id),
            );
        }
        let st = Statement {
            text,
            title,
            role,
            tags,
            notes,
            evidence: Vec::new(),
        };
        let id = self.fresh(&n.id, 's');
        match self.map.add_statement(&id, st, n.pos, false) {
            Ok(_) => {
                self.ids.insert(n.id, id);
            }
            Err(e) => self.warn(n.line, format!("node '{}' not kept: {e}", n.id)),
        }
    }

    fn inference(
        &mut self,
        n: RawNode,
        premises: &HashMap<String, Vec<String>>,
        target: Option<String>,
    ) {
        let kind = n
            .data
            .get("kind")
            .and_then(|k| kind_named(k))
            .unwrap_or_default();
        let ps: Vec<String> = premises
            .get(&n.id)
            .into_iter()
            .flatten()
            .filter_map(|p| self.ids.get(p).cloned())
            .collect();
        let Some(target) = target.and_then(|t| self.ids.get(&t).cloned()) else {
            self.warn(
                n.line,
                format!("inference node '{}' points at nothing; skipped", n.id),
            );
            return;
        };
        if ps.is_empty() {
            self.warn(
                n.line,
                format!("inference node '{}' has no premise; skipped", n.id),
            );
            return;
        }
        let inference = Inference {
            kind,
            title: n.data.get("title").cloned().unwrap_or_default(),
            description: n.data.get("description").cloned().unwrap_or_default(),
            scheme: n.data.get("scheme").cloned().unwrap_or_default(),
            ..Inference::default()
        };
        let id = self.fresh(&n.id, 'i');
        let refs: Vec<&str> = ps.iter().map(String::as_str).collect();
        match self
            .map
            .add_inference(&id, inference, &refs, &target, n.pos, false)
        {
            Ok(_) => {
                self.ids.insert(n.id, id);
            }
            Err(e) => self.warn(n.line, format!("inference node '{}' not kept: {e}", n.id)),
        }
    }

    fn direct_edge(&mut self, e: RawEdge) {
        let (Some(from), Some(to)) = (self.ids.get(&e.source), self.ids.get(&e.target)) else {
            self.warn(
                e.line,
                format!(
                    "edge {} → {} joins a node that is not in the map; skipped",
                    e.source, e.target
                ),
            );
            return;
        };
        let (from, to) = (from.clone(), to.clone());
        let from_note = self
            .map
            .statement(&from)
            .is_some_and(|s| s.role == Role::Note);
        let kind = match e.data.get("kind").and_then(|k| kind_named(k)) {
            Some(k) => k,
            None if e.label.to_lowercase().contains("rephrase") => InferenceKind::Rephrase,
            None if edge_is_attack(&e.label, e.colour.as_deref(), e.arrow.as_deref()) => {
                InferenceKind::Conflict
            }
            None => InferenceKind::Support,
        };
        if from_note {
            // A note's line to what it comments on: the note says where.
            let target_text = self
                .map
                .statement(&to)
                .map(|s| s.label().to_owned())
                .unwrap_or_default();
            self.warn(
                e.line,
                format!("a note's edge to '{target_text}' is not an inference; skipped"),
            );
            return;
        }
        let id = self.fresh("", 'i');
        if let Err(err) =
            self.map
                .add_inference(&id, Inference::new(kind), &[&from], &to, None, false)
        {
            self.warn(
                e.line,
                format!("edge {} → {} not kept: {err}", e.source, e.target),
            );
        }
    }
}

#[cfg(test)]
mod tests;
