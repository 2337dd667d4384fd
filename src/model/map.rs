//! The [`Map`]: a petgraph `StableGraph` of statements and inference nodes,
//! with sources, metadata and an id allocator, and the read-only queries
//! over it. Validated edits live in `edit.rs`.

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use super::ids::{IdKind, natural_cmp};
use super::{EvalInputs, Inference, MapMeta, Scheme, Source, Statement};

/// Index of a node in the map's graph. Stable while the node exists, but not
/// across save and load: use the string id for anything that persists.
pub type NodeIx = NodeIndex<u32>;

/// A position on the canvas, in logical pixels; `y` grows downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pos {
    /// Horizontal coordinate of the node's centre.
    pub x: f32,
    /// Vertical coordinate of the node's centre.
    pub y: f32,
}

impl Pos {
    /// A position.
    pub fn new(x: f32, y: f32) -> Self {
        Pos { x, y }
    }
}

/// What a node is.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeData {
    /// A proposition.
    Statement(Statement),
    /// A relation node between statements (or other inferences).
    Inference(Inference),
}

/// A node of the graph: its id, what it is, and where it sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Stable id, unique in the map.
    pub id: String,
    /// The statement or inference.
    pub data: NodeData,
    /// Where the node sits, if it has been placed.
    pub pos: Option<Pos>,
    /// Placed by hand: auto-layout keeps it where it is.
    pub pinned: bool,
}

impl Node {
    /// The statement, if this node is one.
    pub fn as_statement(&self) -> Option<&Statement> {
        match &self.data {
            NodeData::Statement(s) => Some(s),
            NodeData::Inference(_) => None,
        }
    }

    /// The inference, if this node is one.
    pub fn as_inference(&self) -> Option<&Inference> {
        match &self.data {
            NodeData::Inference(i) => Some(i),
            NodeData::Statement(_) => None,
        }
    }

    /// Whether this node is a statement.
    pub fn is_statement(&self) -> bool {
        matches!(self.data, NodeData::Statement(_))
    }
}

/// An edge of the graph. Edges only ever join a node to an inference
/// (premise) or an inference to the node it concludes or attacks (target),
/// never one statement straight to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Link {
    /// From a premise into its inference; the number orders co-premises.
    Premise(u32),
    /// From an inference to its one target.
    Target,
}

/// An argument map.
#[derive(Clone, Debug)]
pub struct Map {
    pub(super) meta: MapMeta,
    pub(super) graph: StableGraph<Node, Link>,
    pub(super) by_id: HashMap<String, NodeIx>,
    pub(super) evidence_owner: HashMap<String, NodeIx>,
    pub(super) sources: BTreeMap<String, SourceEntry>,
    /// Definitions of schemes from catalogues other than the bundled one,
    /// kept in the map so it opens anywhere; by scheme id.
    pub(super) schemes: BTreeMap<String, Scheme>,
    pub(super) next_id: u64,
    pub(super) eval: EvalInputs,
    /// The saved view (folds), outside the undo history.
    pub(super) view: super::view::MapView,
    /// Named tours, in order (see [`super::tour`]).
    pub(super) tours: Vec<super::Tour>,
    /// Unresolved merge conflicts (see [`super::conflict`]).
    pub(super) conflicts: Vec<super::MergeConflict>,
    /// Appended to every id [`Map::allocate_id`] makes (`s12-TAG`) while
    /// the map is edited live, so that two people adding at once never pick
    /// the same id. Not saved.
    pub(super) id_tag: Option<String>,
}

/// A source with its length in chars, cached for anchor checks.
#[derive(Clone, Debug)]
pub(super) struct SourceEntry {
    pub(super) source: Source,
    pub(super) char_len: usize,
}

impl Default for Map {
    fn default() -> Self {
        Map::new("Untitled map")
    }
}

impl Map {
    /// An empty map with `title`.
    pub fn new(title: impl Into<String>) -> Self {
        Map {
            meta: MapMeta {
                title: title.into(),
                ..MapMeta::default()
            },
            graph: StableGraph::default(),
            by_id: HashMap::new(),
            evidence_owner: HashMap::new(),
            sources: BTreeMap::new(),
            schemes: BTreeMap::new(),
            next_id: 1,
            eval: EvalInputs::default(),
            view: super::view::MapView::default(),
            tours: Vec::new(),
            conflicts: Vec::new(),
            id_tag: None,
        }
    }

    /// Title, description and authorship.
    pub fn meta(&self) -> &MapMeta {
        &self.meta
    }

    /// The graph, for layout, evaluation and drawing.
    pub fn graph(&self) -> &StableGraph<Node, Link> {
        &self.graph
    }

    /// The counter that generated ids continue from.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// Number of statements.
    pub fn statement_count(&self) -> usize {
        self.graph
            .node_weights()
            .filter(|n| n.is_statement())
            .count()
    }

    /// Number of inference nodes.
    pub fn inference_count(&self) -> usize {
        self.graph.node_count() - self.statement_count()
    }

    /// Number of statements and inferences together.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The graph index of the node `id`.
    pub fn index_of(&self, id: &str) -> Option<NodeIx> {
        self.by_id.get(id).copied()
    }

    /// The node `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index_of(id).map(|ix| &self.graph[ix])
    }

    /// The node at graph index `ix`.
    pub fn node_at(&self, ix: NodeIx) -> Option<&Node> {
        self.graph.node_weight(ix)
    }

    /// The statement `id`.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.node(id).and_then(Node::as_statement)
    }

    /// The inference `id`.
    pub fn inference(&self, id: &str) -> Option<&Inference> {
        self.node(id).and_then(Node::as_inference)
    }

    /// All nodes, in no particular order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// All nodes sorted by id in natural order: the order files use.
    pub fn nodes_sorted(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| natural_cmp(&a.id, &b.id));
        nodes
    }

    /// The premises of inference `ix`, in co-premise order.
    pub fn premises_of(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut premises: Vec<(u32, NodeIx)> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter_map(|e| match e.weight() {
                Link::Premise(ord) => Some((*ord, e.source())),
                Link::Target => None,
            })
            .collect();
        premises.sort_by_key(|&(ord, _)| ord);
        premises.into_iter().map(|(_, p)| p).collect()
    }

    /// The target of inference `ix`.
    pub fn target_of(&self, ix: NodeIx) -> Option<NodeIx> {
        self.graph
            .edges_directed(ix, Direction::Outgoing)
            .find(|e| *e.weight() == Link::Target)
            .map(|e| e.target())
    }

    /// The inferences aimed at node `ix` (its reasons, objections and
    /// undercuts), sorted by id.
    pub fn inferences_into(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut found: Vec<NodeIx> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| *e.weight() == Link::Target)
            .map(|e| e.source())
            .collect();
        self.sort_by_id(&mut found);
        found
    }

    /// The inferences that node `ix` is a premise of, sorted by id.
    pub fn inferences_from(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut found: Vec<NodeIx> = self
            .graph
            .edges_directed(ix, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Link::Premise(_)))
            .map(|e| e.target())
            .collect();
        self.sort_by_id(&mut found);
        found
    }

    /// Sorts node indices by their ids in natural order.
    pub fn sort_by_id(&self, ixs: &mut [NodeIx]) {
        ixs.sort_by(|a, b| natural_cmp(&self.graph[*a].id, &self.graph[*b].id));
    }

    /// The ids of the premises of inference `id`, in order.
    pub fn premise_ids(&self, id: &str) -> Vec<&str> {
        self.index_of(id)
            .map(|ix| {
                self.premises_of(ix)
                    .into_iter()
                    .map(|p| self.graph[p].id.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The id of the target of inference `id`.
    pub fn target_id(&self, id: &str) -> Option<&str> {
        let ix = self.index_of(id)?;
        self.target_of(ix).map(|t| self.graph[t].id.as_str())
    }

    /// Whether `ix` is a conflict aimed at another inference: an undercut.
    pub fn is_undercut(&self, ix: NodeIx) -> bool {
        let is_conflict = matches!(
            &self.graph[ix].data,
            NodeData::Inference(i) if i.kind == super::InferenceKind::Conflict
        );
        is_conflict
            && self
                .target_of(ix)
                .is_some_and(|t| !self.graph[t].is_statement())
    }

    /// The sources, sorted by id.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.values().map(|e| &e.source)
    }

    /// The source `id`.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).map(|e| &e.source)
    }

    /// The statement holding evidence `id`, and the item's position in its list.
    pub fn evidence_location(&self, id: &str) -> Option<(NodeIx, usize)> {
        let ix = *self.evidence_owner.get(id)?;
        let st = self.graph[ix].as_statement()?;
        let pos = st.evidence.iter().position(|e| e.id == id)?;
        Some((ix, pos))
    }

    /// Whether any statement, inference, evidence item or source uses `id`.
    pub fn is_id_used(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
            || self.evidence_owner.contains_key(id)
            || self.sources.contains_key(id)
    }

    /// A fresh id for a new thing of `kind`, never used in this map before.
    pub fn allocate_id(&mut self, kind: IdKind) -> String {
        loop {
            let id = match &self.id_tag {
                Some(tag) => format!("{}{}-{tag}", kind.prefix(), self.next_id),
                None => format!("{}{}", kind.prefix(), self.next_id),
            };
            self.next_id += 1;
            if !self.is_id_used(&id) {
                return id;
            }
        }
    }

    /// Sets (or with `None` clears) the tag appended to new ids; see
    /// [`crate::collab::LiveSession::tag_ids`].
    pub fn set_id_tag(&mut self, tag: Option<String>) {
        self.id_tag = tag;
    }

    /// The tag appended to new ids, if any.
    pub fn id_tag(&self) -> Option<&str> {
        self.id_tag.as_deref()
    }

    /// All distinct tags, sorted.
    pub fn tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self
            .graph
            .node_weights()
            .filter_map(Node::as_statement)
            .flat_map(|s| s.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }

    /// The map's content in a canonical order, for comparisons: nodes by id,
    /// each inference with its premise ids in order and its target id.
    fn canonical(&self) -> Vec<(&Node, Vec<&str>, Option<&str>)> {
        self.nodes_sorted()
            .into_iter()
            .map(|n| {
                let ix = self.by_id[&n.id];
                let premises = self
                    .premises_of(ix)
                    .into_iter()
                    .map(|p| self.graph[p].id.as_str())
                    .collect();
                let target = self.target_of(ix).map(|t| self.graph[t].id.as_str());
                (n, premises, target)
            })
            .collect()
    }
}

/// Two maps are equal when their content is: metadata, sources, nodes,
/// positions, relations and tours. The id counter and graph indices do not count.
impl PartialEq for Map {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta
            && self.eval == other.eval
            && self.sources().eq(other.sources())
            && self.schemes == other.schemes
            && self.canonical() == other.canonical()
            && self.tours == other.tours
            && self.conflicts == other.conflicts
    }
}
