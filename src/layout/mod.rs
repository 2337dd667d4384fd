//! Auto-layout: a layered (Sugiyama-style) layout made for argument maps.
//!
//! The thesis (every statement that is no inference's premise) sits at the
//! top, the inferences aimed at it one layer below, and their premises below
//! those, so inference connectors get their own layers between premises and
//! conclusions. Linked co-premises sit side by side under their connector,
//! and objections come right after the reasons they compete with.
//!
//! The steps, each in its own file and each linear or `n log n`:
//! 1. [`dag`]: the layout graph (conclusion above premise), cycles broken by
//!    the back edges of a deterministic depth-first search from the roots,
//!    whose preorder is the tree order that seeds everything else;
//! 2. [`layering`]: longest path from the roots, statements on even and
//!    connectors on odd layers, and dummy points for edges that span layers;
//! 3. [`ordering`]: crossing reduction seeded from the tree order (or from the
//!    current positions, for a stable relayout) and improved by barycenter
//!    sweeps, keeping the best order found;
//! 4. [`coords`]: Brandes–Köpf horizontal coordinates with real box widths,
//!    which centre parents over children and pack subtrees tightly;
//! 5. [`place`]: layer heights, pinned nodes (kept, with the rest pushed off
//!    them), and edge routes as polylines through the gaps between boxes.
//!
//! The compact style ([`LayoutStyle::Compact`], the default) replaces step
//! 2 by [`compact`]: layers filled up to a width budget, chosen by
//! measurement so that the drawing comes close to a target aspect ratio
//! (the window's, the page's, or one given on the command line). The wide
//! style ("layered: wide") keeps the longest-path layers.
//!
//! Layout is a pure function: it proposes positions, and [`apply_command`]
//! turns them into one undoable [`Command::Place`].

mod columns;
mod compact;
#[cfg(test)]
mod compact_tests;
mod compact_x;
mod coords;
mod crossings;
mod dag;
mod holes;
mod layering;
mod ordering;
mod place;
#[cfg(test)]
mod tests;
mod tree_seed;

use petgraph::stable_graph::EdgeIndex;

use crate::model::{Map, NodeData, NodeIx, Pos};
use crate::ops::{Command, Placement};

pub use crossings::count_crossings;

/// Width and height of each node's box, in canvas pixels.
pub trait NodeSizes {
    /// The size of node `ix`'s box: statements are boxes of wrapped text,
    /// inference connectors small circles (width = height = diameter).
    fn size(&self, ix: NodeIx) -> (f32, f32);
}

/// Box sizes estimated from text length, for benchmarks, tests and places
/// without a font engine: statements 240 px wide and
/// `28 + 17 * ceil(chars / 34)` high, connectors 18 × 18.
#[derive(Clone, Copy, Debug)]
pub struct EstimatedSizes<'a> {
    map: &'a Map,
}

impl<'a> EstimatedSizes<'a> {
    /// Estimated sizes for the nodes of `map`.
    pub fn new(map: &'a Map) -> Self {
        EstimatedSizes { map }
    }
}

impl NodeSizes for EstimatedSizes<'_> {
    fn size(&self, ix: NodeIx) -> (f32, f32) {
        match self.map.node_at(ix).map(|n| &n.data) {
            Some(NodeData::Statement(s)) => {
                let lines = s.label().chars().count().div_ceil(34).max(1);
                (240.0, 28.0 + 17.0 * lines as f32)
            }
            _ => (18.0, 18.0),
        }
    }
}

/// Which way the argument flows on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Thesis at the top, reasons below.
    #[default]
    TopDown,
    /// Thesis at the left, reasons to the right.
    LeftRight,
}

/// Which layered layout to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LayoutStyle {
    /// "Layered: wide": longest-path layers, every reason of a conclusion
    /// on the one layer below it. Fewest layers, but bushy maps become long
    /// thin strips.
    Wide,
    /// "Compact": layers filled up to a width budget chosen so that the
    /// drawing's width over height comes close to
    /// [`LayoutOptions::aspect`]; full layers wrap onto the next ones (see
    /// `layout/compact.rs`). Every edge still points up.
    #[default]
    Compact,
}

impl LayoutStyle {
    /// Parses `compact` or `wide` (also `layered-wide`).
    pub fn parse(name: &str) -> Option<LayoutStyle> {
        match name.to_ascii_lowercase().as_str() {
            "compact" => Some(LayoutStyle::Compact),
            "wide" | "layered-wide" | "layered:wide" => Some(LayoutStyle::Wide),
            _ => None,
        }
    }
}

/// Aspect ratio (width / height) new compact layouts aim at when nothing
/// else is known: 16:10, a common screen.
pub const DEFAULT_ASPECT: f32 = 1.6;

/// How to lay out a map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Top-down or left-right.
    pub direction: Direction,
    /// Wide (longest-path layers) or compact (aimed at `aspect`).
    pub style: LayoutStyle,
    /// Compact style: the wanted width / height of the whole drawing (on
    /// the canvas, after left-right transposition), e.g. the window's or
    /// the page's. Clamped to 0.05..20; ignored by the wide style.
    pub aspect: f32,
    /// Free space between neighbouring boxes of one layer, in pixels.
    pub node_gap: f32,
    /// Free space between consecutive layers, in pixels (statement layers
    /// and connector layers alternate, so two statement layers are two gaps
    /// and one connector apart).
    pub layer_gap: f32,
    /// 0.0 (airy) to 1.0 (tight): scales both gaps between 1.5× and 0.5×,
    /// and makes crossing reduction try harder on the tighter end; from
    /// 0.75 on, the compact style sizes rows per column
    /// ([`LayoutOptions::rows_per_column`]).
    pub compactness: f32,
    /// Keep placed boxes where they are across a layer, as far as the new
    /// layers allow: when most nodes already have positions, every box that
    /// has one keeps its `x` (its `y`, for left-right) and the boxes of each
    /// layer are only spread apart as little as needed to make room. Use it
    /// to relayout after a small edit (adding one node moves few others);
    /// leave it off for a fresh, tidy layout, which still keeps the current
    /// left-to-right order of the boxes.
    pub keep_positions: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: Direction::TopDown,
            style: LayoutStyle::Compact,
            aspect: DEFAULT_ASPECT,
            node_gap: 24.0,
            layer_gap: 22.0,
            compactness: 0.5,
            keep_positions: false,
        }
    }
}

impl LayoutOptions {
    /// Compact style at compactness 0.75 and above: rows sized per column
    /// (each box as high as its own column allows, `layout/columns.rs`)
    /// instead of one band per layer as tall as its tallest box. Denser
    /// (the speech map's area shrinks by about a third), but edges of
    /// different layers then share heights and cross more often (a
    /// generated 1k map: about 3x the crossings), so it is the tight end's.
    pub fn rows_per_column(&self) -> bool {
        self.style == LayoutStyle::Compact && self.compactness >= 0.75
    }

    /// The gaps after applying compactness: (node gap, layer gap).
    fn gaps(&self) -> (f32, f32) {
        let scale = 1.5 - self.compactness.clamp(0.0, 1.0);
        (
            (self.node_gap * scale).max(2.0),
            (self.layer_gap * scale).max(2.0),
        )
    }
}

/// The positions and edge routes a layout proposes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutResult {
    /// Centre of every node, sorted by node index.
    pub positions: Vec<(NodeIx, Pos)>,
    /// One polyline per graph edge, sorted by edge index, from the border of
    /// the edge's source box (a premise, or an inference) to the border of
    /// its target box (an inference, or a conclusion).
    pub routes: Vec<(EdgeIndex<u32>, Vec<Pos>)>,
    /// Number of edges reversed to break cycles (drawn pointing down).
    pub reversed_edges: usize,
}

impl LayoutResult {
    /// The proposed centre of node `ix`.
    pub fn position(&self, ix: NodeIx) -> Option<Pos> {
        self.positions
            .binary_search_by_key(&ix, |&(n, _)| n)
            .ok()
            .map(|k| self.positions[k].1)
    }
}

/// Lays out `map` with box sizes from `sizes`. Pinned nodes that have a
/// position keep it; everything else is placed around them. When most nodes
/// already have positions, their current left-to-right order seeds the
/// layout, so a small edit moves few boxes.
pub fn layout(map: &Map, sizes: &dyn NodeSizes, options: &LayoutOptions) -> LayoutResult {
    let transpose = options.direction == Direction::LeftRight;
    let dag = dag::Dag::build(map, sizes, transpose);
    if dag.len() == 0 {
        return LayoutResult::default();
    }
    let (node_gap, layer_gap) = options.gaps();
    let effort = if options.compactness >= 0.75 { 12 } else { 8 };
    let mut groups: Option<Vec<u32>> = None;
    let (layered, xs) = match options.style {
        LayoutStyle::Wide => {
            let mut layered = layering::Layered::build(&dag);
            ordering::order(&dag, &mut layered, effort);
            let xs = coords::assign(&dag, &layered, node_gap);
            (layered, xs)
        }
        LayoutStyle::Compact => {
            let aspect = if options.aspect.is_finite() {
                options.aspect.clamp(0.05, 20.0)
            } else {
                DEFAULT_ASPECT
            };
            // The internal frame has layers as rows: transpose the target too.
            let aspect = if transpose { 1.0 / aspect } else { aspect };
            let target = compact::Target {
                aspect: aspect as f64,
                node_gap: node_gap as f64,
                layer_gap: layer_gap as f64,
                effort,
                keep_positions: options.keep_positions,
                columns: options.rows_per_column(),
                free_alone: false,
                fresh: false,
                squeeze: 1.0,
            };
            if target.columns {
                groups = Some(compact::Groups::of(&dag).of);
            }
            compact::arrange(&dag, &target)
        }
    };
    let how = place::Finish {
        layer_gap,
        node_gap,
        keep_positions: options.keep_positions,
        transpose,
        columns: groups.as_deref(),
    };
    place::finish(&dag, &layered, xs, &how)
}

/// The undoable command that applies `result` to `map`: one
/// [`Command::Place`] for the unpinned nodes whose position changes (nodes
/// keep their pinned flag). Nodes missing from `map` are skipped.
pub fn apply_command(map: &Map, result: &LayoutResult) -> Command {
    let mut placements: Vec<Placement> = result
        .positions
        .iter()
        .filter_map(|&(ix, pos)| {
            let node = map.node_at(ix)?;
            let keep = node.pinned && node.pos.is_some();
            (!keep && node.pos != Some(pos)).then(|| Placement {
                id: node.id.clone(),
                pos: Some(pos),
                pinned: node.pinned,
            })
        })
        .collect();
    placements.sort_by(|a, b| crate::model::ids::natural_cmp(&a.id, &b.id));
    Command::Place(placements)
}
