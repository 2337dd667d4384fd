//! [`build`]: from a map with positions to a [`Scene`].
//!
//! Fallback placement, for nodes the model has not placed (documented here
//! because the canvas shows it): unplaced statements go on a grid below
//! everything placed, in id order, `ceil(sqrt(n))` columns wide, one cell
//! per box (box width + 60 px by the tallest unplaced box + 80 px). An
//! unplaced inference sits 45% of the way from the centre of its premises
//! to its target; without premises or target it takes the next grid cell.
//! A connector that would land exactly on another is nudged to the right
//! until it is free, so no two nodes ever share a spot.

use std::collections::{HashMap, HashSet};

use petgraph::Direction;
use petgraph::stable_graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use super::geometry::{Rect, circle_border_toward};
use super::measure::{BODY_SIZE, PADDING, TITLE_GAP, TITLE_SIZE};
use super::{
    CONNECTOR_RADIUS, CONNECTOR_TITLE_SIZE, MARGIN, MAX_CONNECTOR_TITLE_CHARS, Scene, SceneBox,
    SceneConnector, SceneEdge, SceneOptions, TextLine, TextMeasurer, Theme,
};
use crate::model::{InferenceKind, Link, Map, NodeData, NodeIx, Pos};

/// Radius of the evidence badge.
pub(super) const BADGE_RADIUS: f32 = 9.0;

/// Builds the scene of `map` (or of `options.only`), in node-id order.
pub fn build(map: &Map, measurer: &TextMeasurer, options: &SceneOptions) -> Scene {
    let theme = Theme::of(options.theme);
    let order = sorted_nodes(map);
    let included = included_nodes(map, &order, options.only.as_ref());
    let order: Vec<NodeIx> = order
        .into_iter()
        .filter(|ix| included.contains(ix))
        .collect();

    measurer.prewarm(
        order
            .iter()
            .filter_map(|&ix| map.graph()[ix].as_statement()),
        options.box_width,
    );
    let mut texts = HashMap::new();
    let mut sizes = HashMap::new();
    for &ix in &order {
        if let NodeData::Statement(st) = &map.graph()[ix].data {
            let text = measurer.box_text(st, options.box_width);
            sizes.insert(ix, (options.box_width, TextMeasurer::box_height(&text)));
            texts.insert(ix, text);
        }
    }
    let positions = place(map, &order, &sizes, options.box_width);

    let mut boxes = Vec::new();
    let mut connectors = Vec::new();
    for &ix in &order {
        let node = &map.graph()[ix];
        let center = positions[&ix];
        match &node.data {
            NodeData::Statement(_) => {
                boxes.push(statement_box(
                    node,
                    ix,
                    center,
                    sizes[&ix],
                    &texts[&ix],
                    &theme,
                ));
            }
            NodeData::Inference(_) => connectors.push(connector(map, ix, center, &theme)),
        }
    }

    let routes: HashMap<EdgeIndex<u32>, &Vec<Pos>> = options
        .routes
        .iter()
        .flatten()
        .filter(|(_, pts)| pts.len() >= 2)
        .map(|(e, pts)| (*e, pts))
        .collect();
    let ends = Ends {
        map,
        geometry: &BuiltGeometry {
            positions: &positions,
            sizes: &sizes,
        },
    };
    let mut edges = Vec::new();
    for c in &connectors {
        edges.extend(edge_group(
            map,
            c,
            &|ix| included.contains(&ix),
            &routes,
            &ends,
            &theme,
        ));
    }
    let bounds = scene_bounds(&boxes, &connectors, &edges);
    Scene {
        bounds,
        theme,
        boxes,
        connectors,
        edges,
    }
}

/// Everything drawn, plus [`MARGIN`]: every box grown by the badge radius,
/// every connector, every edge point. A default rectangle (plus margin)
/// for an empty scene.
pub(super) fn scene_bounds(
    boxes: &[SceneBox],
    connectors: &[SceneConnector],
    edges: &[SceneEdge],
) -> Rect {
    let mut bounds = Rect::nothing();
    for b in boxes {
        bounds = bounds.union(&b.rect.expand(BADGE_RADIUS));
    }
    for c in connectors {
        bounds = bounds.union(&Rect::from_center_size(
            c.center,
            (2.0 * CONNECTOR_RADIUS, 2.0 * CONNECTOR_RADIUS),
        ));
    }
    for e in edges {
        for p in &e.points {
            bounds = bounds.union(&Rect { min: *p, max: *p });
        }
    }
    if bounds.is_empty() {
        bounds = Rect::default();
    }
    bounds.expand(MARGIN)
}

/// The box of statement `node` (at graph index `ix`) centred on `center`,
/// `size` (width, height) px, with its wrapped `text`.
pub(super) fn statement_box(
    node: &crate::model::Node,
    ix: NodeIx,
    center: Pos,
    size: (f32, f32),
    text: &super::BoxText,
    theme: &Theme,
) -> SceneBox {
    let role = node.as_statement().map(|st| st.role).unwrap_or_default();
    let evidence_count = node.as_statement().map_or(0, |st| st.evidence.len());
    let rect = Rect::from_center_size(center, size);
    let badge = (evidence_count > 0).then(|| (Pos::new(rect.max.x, rect.min.y), BADGE_RADIUS));
    SceneBox {
        node: ix,
        id: node.id.clone(),
        role,
        rect,
        corner_radius: 6.0,
        fill: theme.role_fill(role),
        stroke: theme.box_stroke,
        stroke_width: if role == crate::model::Role::Thesis {
            2.0
        } else {
            1.0
        },
        lines: position_lines(rect, text),
        evidence_count,
        badge,
    }
}

/// The connector of inference `ix` centred on `center`.
pub(super) fn connector(map: &Map, ix: NodeIx, center: Pos, theme: &Theme) -> SceneConnector {
    let node = &map.graph()[ix];
    let kind = node
        .as_inference()
        .map_or(InferenceKind::Support, |inf| inf.kind);
    let title = node
        .as_inference()
        .map(|inf| inf.title.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            let text = if t.chars().count() > MAX_CONNECTOR_TITLE_CHARS {
                let mut cut: String = t.chars().take(MAX_CONNECTOR_TITLE_CHARS - 1).collect();
                cut.push('…');
                cut
            } else {
                t.to_owned()
            };
            TextLine {
                text,
                pos: Pos::new(
                    center.x + CONNECTOR_RADIUS + 4.0,
                    center.y - CONNECTOR_TITLE_SIZE * 0.6,
                ),
                size: CONNECTOR_TITLE_SIZE,
                bold: false,
            }
        });
    SceneConnector {
        node: ix,
        id: node.id.clone(),
        kind,
        undercut: map.is_undercut(ix),
        center,
        radius: CONNECTOR_RADIUS,
        fill: theme.kind_color(kind),
        title,
    }
}

/// The edges of connector `c`'s inference whose both ends are `included`:
/// premises in co-premise order (ties by edge index), then the target with
/// an arrowhead. Routed where `routes` has a route, else straight.
pub(super) fn edge_group(
    map: &Map,
    c: &SceneConnector,
    included: &dyn Fn(NodeIx) -> bool,
    routes: &HashMap<EdgeIndex<u32>, &Vec<Pos>>,
    ends: &Ends,
    theme: &Theme,
) -> Vec<SceneEdge> {
    let mut incident: Vec<(u32, EdgeIndex<u32>, NodeIx, NodeIx)> = Vec::new();
    for e in map.graph().edges_directed(c.node, Direction::Incoming) {
        if let Link::Premise(ord) = e.weight() {
            incident.push((*ord, e.id(), e.source(), c.node));
        }
    }
    incident.sort_by_key(|&(ord, e, _, _)| (ord, e.index()));
    for e in map.graph().edges_directed(c.node, Direction::Outgoing) {
        if *e.weight() == Link::Target {
            incident.push((u32::MAX, e.id(), c.node, e.target()));
        }
    }
    let mut edges = Vec::with_capacity(incident.len());
    for (ord, edge, from, to) in incident {
        if !included(from) || !included(to) {
            continue;
        }
        let points = match routes.get(&edge) {
            Some(route) => route.to_vec(),
            None => ends.straight(from, to),
        };
        edges.push(SceneEdge {
            edge,
            from,
            to,
            kind: c.kind,
            points,
            arrow: ord == u32::MAX,
            color: theme.kind_color(c.kind),
            width: if c.undercut { 2.0 } else { 1.6 },
            dashed: c.kind == InferenceKind::Rephrase,
        });
    }
    edges
}

/// Where every node of `map` is drawn: its model position, or the fallback
/// placement described in this module's documentation. Sorted by node id.
pub fn fallback_positions(
    map: &Map,
    measurer: &TextMeasurer,
    box_width: f32,
) -> Vec<(NodeIx, Pos)> {
    let order = sorted_nodes(map);
    let sizes: HashMap<NodeIx, (f32, f32)> = order
        .iter()
        .filter_map(|&ix| {
            map.graph()[ix]
                .as_statement()
                .map(|st| (ix, measurer.box_size_at(st, box_width)))
        })
        .collect();
    let positions = place(map, &order, &sizes, box_width);
    order.into_iter().map(|ix| (ix, positions[&ix])).collect()
}

pub(super) fn sorted_nodes(map: &Map) -> Vec<NodeIx> {
    let mut order: Vec<NodeIx> = map.graph().node_indices().collect();
    map.sort_by_id(&mut order);
    order
}

/// Statements in `only` (or all); inferences in `only`, or whose target and
/// at least one premise are drawn.
pub(super) fn included_nodes(
    map: &Map,
    order: &[NodeIx],
    only: Option<&HashSet<NodeIx>>,
) -> HashSet<NodeIx> {
    let Some(only) = only else {
        return order.iter().copied().collect();
    };
    let mut included: HashSet<NodeIx> = order
        .iter()
        .copied()
        .filter(|ix| only.contains(ix))
        .collect();
    // Undercuts need their target inference decided first: iterate to a fixpoint.
    loop {
        let before = included.len();
        for &ix in order {
            if included.contains(&ix) || map.graph()[ix].is_statement() {
                continue;
            }
            let target_in = map.target_of(ix).is_some_and(|t| included.contains(&t));
            if target_in && map.premises_of(ix).iter().any(|p| included.contains(p)) {
                included.insert(ix);
            }
        }
        if included.len() == before {
            return included;
        }
    }
}

/// Centres of `order`'s nodes: model positions, else the fallback placement.
fn place(
    map: &Map,
    order: &[NodeIx],
    sizes: &HashMap<NodeIx, (f32, f32)>,
    box_width: f32,
) -> HashMap<NodeIx, Pos> {
    let mut positions: HashMap<NodeIx, Pos> = HashMap::new();
    let mut placed = Rect::nothing();
    for &ix in order {
        if let Some(p) = map.graph()[ix].pos {
            positions.insert(ix, p);
            let size = sizes.get(&ix).copied().unwrap_or((0.0, 0.0));
            placed = placed.union(&Rect::from_center_size(p, size));
        }
    }
    let unplaced_statements: Vec<NodeIx> = order
        .iter()
        .copied()
        .filter(|ix| !positions.contains_key(ix) && map.graph()[*ix].is_statement())
        .collect();
    let mut grid = Grid::new(&placed, &unplaced_statements, sizes, box_width);
    for &ix in &unplaced_statements {
        positions.insert(ix, grid.next_cell());
    }
    // Inferences aimed at statements first, then undercuts (aimed at those).
    let mut taken: HashSet<(i64, i64)> = order
        .iter()
        .filter(|ix| !map.graph()[**ix].is_statement())
        .filter_map(|ix| positions.get(ix))
        .map(|p| key(*p))
        .collect();
    for undercuts in [false, true] {
        for &ix in order {
            if positions.contains_key(&ix) || map.graph()[ix].is_statement() {
                continue;
            }
            let target = map.target_of(ix);
            if target.is_some_and(|t| !map.graph()[t].is_statement()) != undercuts {
                continue;
            }
            let premises: Vec<Pos> = map
                .premises_of(ix)
                .iter()
                .filter_map(|p| positions.get(p).copied())
                .collect();
            let target = target.and_then(|t| positions.get(&t).copied());
            let mut p = match (premises.is_empty(), target) {
                (false, Some(t)) => {
                    let n = premises.len() as f32;
                    let cx = premises.iter().map(|p| p.x).sum::<f32>() / n;
                    let cy = premises.iter().map(|p| p.y).sum::<f32>() / n;
                    Pos::new(cx + 0.45 * (t.x - cx), cy + 0.45 * (t.y - cy))
                }
                _ => grid.next_cell(),
            };
            while taken.contains(&key(p)) {
                p.x += 2.0 * CONNECTOR_RADIUS + 4.0;
            }
            taken.insert(key(p));
            positions.insert(ix, p);
        }
    }
    positions
}

fn key(p: Pos) -> (i64, i64) {
    (p.x.round() as i64, p.y.round() as i64)
}

/// The fallback grid for unplaced nodes.
struct Grid {
    origin: Pos,
    cols: usize,
    cell: (f32, f32),
    next: usize,
}

impl Grid {
    fn new(
        placed: &Rect,
        nodes: &[NodeIx],
        sizes: &HashMap<NodeIx, (f32, f32)>,
        box_width: f32,
    ) -> Grid {
        let tallest = nodes
            .iter()
            .filter_map(|ix| sizes.get(ix))
            .map(|s| s.1)
            .fold(40.0f32, f32::max);
        let origin = if placed.is_empty() {
            Pos::new(0.0, 0.0)
        } else {
            Pos::new(placed.min.x, placed.max.y + 80.0)
        };
        Grid {
            origin,
            cols: (nodes.len() as f64).sqrt().ceil().max(1.0) as usize,
            cell: (box_width + 60.0, tallest + 80.0),
            next: 0,
        }
    }

    fn next_cell(&mut self) -> Pos {
        let (row, col) = (self.next / self.cols, self.next % self.cols);
        self.next += 1;
        Pos::new(
            self.origin.x + (col as f32 + 0.5) * self.cell.0,
            self.origin.y + (row as f32 + 0.5) * self.cell.1,
        )
    }
}

/// Where a node is drawn (its centre) and a statement box's size.
pub(super) trait Geometry {
    /// Centre of node `ix`.
    fn center(&self, ix: NodeIx) -> Pos;
    /// Size (width, height) px of statement `ix`'s box.
    fn size(&self, ix: NodeIx) -> (f32, f32);
}

/// The geometry a full build computed.
struct BuiltGeometry<'a> {
    positions: &'a HashMap<NodeIx, Pos>,
    sizes: &'a HashMap<NodeIx, (f32, f32)>,
}

impl Geometry for BuiltGeometry<'_> {
    fn center(&self, ix: NodeIx) -> Pos {
        self.positions[&ix]
    }
    fn size(&self, ix: NodeIx) -> (f32, f32) {
        self.sizes[&ix]
    }
}

/// Straight edges between node borders.
pub(super) struct Ends<'a> {
    pub(super) map: &'a Map,
    pub(super) geometry: &'a dyn Geometry,
}

impl Ends<'_> {
    fn border(&self, ix: NodeIx, toward: Pos) -> Pos {
        let center = self.geometry.center(ix);
        if self.map.graph()[ix].is_statement() {
            Rect::from_center_size(center, self.geometry.size(ix)).border_toward(toward)
        } else {
            circle_border_toward(center, CONNECTOR_RADIUS, toward)
        }
    }

    fn straight(&self, from: NodeIx, to: NodeIx) -> Vec<Pos> {
        let (a, b) = (self.geometry.center(from), self.geometry.center(to));
        vec![self.border(from, b), self.border(to, a)]
    }
}

/// The title lines (bold) and text lines of a box, positioned inside `rect`.
pub(super) fn position_lines(rect: Rect, text: &super::BoxText) -> Vec<TextLine> {
    let x = rect.min.x + PADDING;
    let mut y = rect.min.y + PADDING;
    let mut lines = Vec::with_capacity(text.title.len() + text.body.len());
    for t in &text.title {
        lines.push(TextLine {
            text: t.clone(),
            pos: Pos::new(x, y),
            size: TITLE_SIZE,
            bold: true,
        });
        y += TextMeasurer::line_height(TITLE_SIZE);
    }
    if !text.title.is_empty() {
        y += TITLE_GAP;
    }
    for t in &text.body {
        lines.push(TextLine {
            text: t.clone(),
            pos: Pos::new(x, y),
            size: BODY_SIZE,
            bold: false,
        });
        y += TextMeasurer::line_height(BODY_SIZE);
    }
    lines
}
