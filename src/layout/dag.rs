//! The layout graph: every map node with a dense index, edges pointing from
//! conclusion (upper) to premise (lower), cycles broken, and the tree order.
//!
//! A graph edge runs premise → inference → target; the layout draws it the
//! other way up, so the layout edge of graph edge `s → t` is `t` above `s`.
//! A depth-first search from the roots (thesis-role roots first, then in id
//! order) visits children in a fixed order (co-premises in premise order,
//! then supports, rephrases, objections and undercuts by id); the edges it
//! finds pointing back to a node on its stack close cycles and are
//! reversed. Its spanning tree, with the children re-sorted so that
//! subtrees lie near the far ends of their cross-links (`tree_seed.rs`),
//! gives the tree order (preorder) that seeds layering and crossing
//! reduction.

use petgraph::stable_graph::EdgeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

use super::NodeSizes;
use crate::model::{InferenceKind, Link, Map, NodeData, NodeIx, Pos, Role};

/// No node (for `u32` node references).
pub(super) const NONE: u32 = u32::MAX;

/// One graph edge as the layout sees it.
#[derive(Clone, Copy, Debug)]
pub(super) struct DagEdge {
    /// The map's edge.
    pub edge: EdgeIndex<u32>,
    /// The node drawn above.
    pub upper: u32,
    /// The node drawn below.
    pub lower: u32,
    /// Whether the edge was reversed to break a cycle: then `upper` is the
    /// graph edge's source (normally it is the target).
    pub reversed: bool,
}

/// The layout graph, in the layout's internal frame (layers are rows, `x`
/// runs along a layer); left-right layouts swap the axes on the way in and
/// out.
#[derive(Debug)]
pub(super) struct Dag {
    /// Map node of each dense index, in id order.
    pub ixs: Vec<NodeIx>,
    /// Whether each node is an inference connector.
    pub inference: Vec<bool>,
    /// Box size along the layer and across it.
    pub size: Vec<(f32, f32)>,
    /// Pinned nodes' positions (internal frame).
    pub pinned: Vec<Option<Pos>>,
    /// Current positions of unpinned nodes that have one (internal frame).
    pub current: Vec<Option<Pos>>,
    /// The edges, in the map's edge order.
    pub edges: Vec<DagEdge>,
    /// Upper neighbours of each node, one entry per edge.
    pub parents: Vec<Vec<u32>>,
    /// Lower neighbours of each node in tree order, one entry per edge.
    pub children: Vec<Vec<u32>>,
    /// Tree-order (preorder) number of each node: the depth-first tree with
    /// children re-sorted by `tree_seed::preorder`.
    pub preorder: Vec<u32>,
    /// Other tree orders worth seeding crossing reduction with (the earlier
    /// rounds of `tree_seed::preorders`), for small graphs.
    pub alt_preorders: Vec<Vec<u32>>,
    /// Parent in the depth-first tree, or [`NONE`].
    pub tree_parent: Vec<u32>,
    /// A topological order: every node after its parents.
    pub topo: Vec<u32>,
    /// Connected component of each node, numbered in tree order.
    pub component: Vec<u32>,
}

impl Dag {
    /// The layout graph of `map`; `transpose` swaps the axes (left-right).
    pub fn build(map: &Map, sizes: &dyn NodeSizes, transpose: bool) -> Dag {
        let graph = map.graph();
        let mut ixs: Vec<NodeIx> = graph.node_indices().collect();
        map.sort_by_id(&mut ixs);
        let n = ixs.len();
        let mut dense = vec![NONE; graph.node_bound()];
        for (k, ix) in ixs.iter().enumerate() {
            dense[ix.index()] = k as u32;
        }
        let swap = |p: Pos| if transpose { Pos::new(p.y, p.x) } else { p };
        let mut inference = Vec::with_capacity(n);
        let mut size = Vec::with_capacity(n);
        let mut pinned = Vec::with_capacity(n);
        let mut current = Vec::with_capacity(n);
        for &ix in &ixs {
            let node = &graph[ix];
            inference.push(!node.is_statement());
            let (w, h) = sizes.size(ix);
            let (w, h) = (finite_size(w), finite_size(h));
            size.push(if transpose { (h, w) } else { (w, h) });
            let pos = node.pos.filter(|p| p.x.is_finite() && p.y.is_finite());
            pinned.push(pos.filter(|_| node.pinned).map(swap));
            current.push(pos.filter(|_| !node.pinned).map(swap));
        }

        // Layout children of every node, each with its sort key and edge slot.
        let mut edges: Vec<DagEdge> = Vec::with_capacity(graph.edge_count());
        // Per node: (sort key, child, edge slot).
        type Keyed = ((u32, u32, u32), u32, u32);
        let mut keyed: Vec<Vec<Keyed>> = vec![Vec::new(); n];
        let mut has_parent = vec![false; n];
        let mut raw: Vec<_> = graph.edge_references().collect();
        raw.sort_by_key(|e| e.id());
        for e in raw {
            let (s, t) = (dense[e.source().index()], dense[e.target().index()]);
            let key = match (e.weight(), &graph[e.target()].data) {
                (Link::Premise(ord), _) => (0, *ord, s),
                (Link::Target, NodeData::Inference(_)) => (4, 0, s),
                (Link::Target, NodeData::Statement(_)) => {
                    let kind = match &graph[e.source()].data {
                        NodeData::Inference(i) => i.kind,
                        NodeData::Statement(_) => InferenceKind::Support,
                    };
                    let rank = match kind {
                        InferenceKind::Support => 1,
                        InferenceKind::Rephrase => 2,
                        InferenceKind::Conflict => 3,
                    };
                    (rank, 0, s)
                }
            };
            keyed[t as usize].push((key, s, edges.len() as u32));
            has_parent[s as usize] = true;
            edges.push(DagEdge {
                edge: e.id(),
                upper: t,
                lower: s,
                reversed: false,
            });
        }
        let out: Vec<Vec<(u32, u32)>> = keyed
            .into_iter()
            .map(|mut list| {
                list.sort_unstable();
                list.into_iter().map(|(_, c, slot)| (c, slot)).collect()
            })
            .collect();

        // Roots: thesis statements first, then the others, in id order.
        let mut roots: Vec<u32> = (0..n as u32).filter(|&v| !has_parent[v as usize]).collect();
        roots.sort_by_key(|&v| {
            let thesis = graph[ixs[v as usize]]
                .as_statement()
                .is_some_and(|s| s.role == Role::Thesis);
            (!thesis, v)
        });
        let starts = roots.into_iter().chain(0..n as u32);
        let search = depth_first(&out, starts, &mut edges);

        let mut parents = vec![Vec::new(); n];
        let mut children = vec![Vec::new(); n];
        for list in &out {
            for &(_, slot) in list {
                let e = &mut edges[slot as usize];
                if e.reversed {
                    std::mem::swap(&mut e.upper, &mut e.lower);
                }
                children[e.upper as usize].push(e.lower);
                parents[e.lower as usize].push(e.upper);
            }
        }
        let component = components(n, &edges, &search.order);
        let mut dag = Dag {
            ixs,
            inference,
            size,
            pinned,
            current,
            edges,
            parents,
            children,
            preorder: search.preorder,
            alt_preorders: Vec::new(),
            tree_parent: search.tree_parent,
            topo: search.topo,
            component,
        };
        let mut rounds = super::tree_seed::preorders(&dag);
        dag.preorder = rounds.pop().unwrap_or_default();
        dag.alt_preorders = rounds;
        dag
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ixs.len()
    }
}

/// A box dimension that is safe to compute with.
fn finite_size(v: f32) -> f32 {
    if v.is_finite() {
        v.clamp(1.0, 1.0e5)
    } else {
        1.0
    }
}

/// What the depth-first search finds.
struct Search {
    preorder: Vec<u32>,
    tree_parent: Vec<u32>,
    /// Nodes in preorder.
    order: Vec<u32>,
    /// Reverse postorder: a topological order once back edges are reversed.
    topo: Vec<u32>,
}

/// Iterative depth-first search over `out` from each of `starts` not yet
/// visited; marks the back edges in `edges` as reversed.
fn depth_first(
    out: &[Vec<(u32, u32)>],
    starts: impl Iterator<Item = u32>,
    edges: &mut [DagEdge],
) -> Search {
    const WHITE: u8 = 0;
    const GREY: u8 = 1;
    const BLACK: u8 = 2;
    let n = out.len();
    let mut state = vec![WHITE; n];
    let mut preorder = vec![0u32; n];
    let mut tree_parent = vec![NONE; n];
    let mut order = Vec::with_capacity(n);
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for start in starts {
        if state[start as usize] != WHITE {
            continue;
        }
        state[start as usize] = GREY;
        preorder[start as usize] = order.len() as u32;
        order.push(start);
        stack.push((start, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&(c, slot)) = out[v as usize].get(next) {
                top.1 += 1;
                match state[c as usize] {
                    WHITE => {
                        state[c as usize] = GREY;
                        preorder[c as usize] = order.len() as u32;
                        tree_parent[c as usize] = v;
                        order.push(c);
                        stack.push((c, 0));
                    }
                    GREY => edges[slot as usize].reversed = true,
                    _ => {}
                }
            } else {
                state[v as usize] = BLACK;
                post.push(v);
                stack.pop();
            }
        }
    }
    post.reverse();
    Search {
        preorder,
        tree_parent,
        order,
        topo: post,
    }
}

/// Connected components (edge direction ignored), numbered by the first
/// node of each in `order`.
fn components(n: usize, edges: &[DagEdge], order: &[u32]) -> Vec<u32> {
    let mut link: Vec<u32> = (0..n as u32).collect();
    fn find(link: &mut [u32], mut v: u32) -> u32 {
        while link[v as usize] != v {
            let up = link[link[v as usize] as usize];
            link[v as usize] = up;
            v = up;
        }
        v
    }
    for e in edges {
        let (a, b) = (find(&mut link, e.upper), find(&mut link, e.lower));
        if a != b {
            link[a.max(b) as usize] = a.min(b);
        }
    }
    let mut number = vec![NONE; n];
    let mut component = vec![0; n];
    let mut next = 0;
    for &v in order {
        let r = find(&mut link, v) as usize;
        if number[r] == NONE {
            number[r] = next;
            next += 1;
        }
        component[v as usize] = number[r];
    }
    component
}
