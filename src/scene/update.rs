//! [`update`]: bring a built [`Scene`] and its [`SceneIndex`] up to date
//! after an edit that touched a few nodes, without rebuilding them.
//!
//! Given the ids of the touched nodes (from
//! [`crate::ops::touched_nodes`] or [`crate::ops::History::touched_since`]),
//! only these are refreshed:
//! - the box or connector of every touched node (added, changed, removed);
//! - the edges of every inference that is touched, is aimed at a touched
//!   node, has a touched premise, or had an edge at a touched node before;
//! - the index entries of all of these, and the scene's bounds.
//!
//! The result equals [`super::build`] from scratch (property-tested in
//! `update_tests.rs`). An update is refused, leaving scene and index as
//! they were, whenever the shortcut would not be exact or not be cheaper:
//! a node without a position (its fallback place depends on every other
//! node), layout routes, a changed theme or box width, or more than
//! [`MAX_UPDATE`] touched nodes. The caller then rebuilds.
//!
//! [`update_visibility`] does the same for a changed
//! [`SceneOptions::only`] set (folding: hiding and showing nodes).

use std::collections::HashSet;

use super::build::BADGE_RADIUS;
use super::build::{
    Ends, Geometry, connector, edge_group, included_nodes, scene_bounds, statement_box,
};
use super::index::{ListChange, edge_bounds};
use super::{
    CONNECTOR_RADIUS, MARGIN, Rect, Scene, SceneBox, SceneConnector, SceneEdge, SceneIndex,
    SceneOptions, TextMeasurer, Theme,
};
use crate::model::ids::natural_cmp;
use crate::model::{Map, NodeData, NodeIx, Pos};

/// Touched nodes above which an update is refused (a rebuild is cheaper
/// or as cheap, and the caller rebuilds).
pub const MAX_UPDATE: usize = 1_000;

/// Marker for "no new place" in an old-to-new numbering.
const GONE: u32 = u32::MAX;

/// Updates `scene` and `index` (built from an earlier state of `map` with
/// `options`) for an edit that touched the nodes `touched` (ids, any
/// order). Returns `false`, changing nothing, when the update is refused
/// (see the module documentation); the caller then rebuilds with
/// [`super::build`] and [`SceneIndex::new`].
pub fn update(
    scene: &mut Scene,
    index: &mut SceneIndex,
    map: &Map,
    measurer: &TextMeasurer,
    options: &SceneOptions,
    touched: &[String],
) -> bool {
    if touched.len() > MAX_UPDATE {
        return false;
    }
    let Some(updater) = Updater::new(scene, map, measurer, options) else {
        return false;
    };
    let mut dirty: Vec<String> = touched.to_vec();
    if options.only.is_some() {
        // Whether an untouched inference is drawn can follow from a touched
        // neighbour: compare what is drawn with what should be.
        dirty.extend(updater.visibility_changes(scene));
    }
    dirty.sort_unstable();
    dirty.dedup();
    if dirty.len() > MAX_UPDATE {
        return false;
    }
    updater.run(scene, index, &dirty);
    true
}

/// Updates `scene` and `index` for a new [`SceneOptions::only`] set (in
/// `options`; the map itself unchanged since the scene was last built or
/// updated): the boxes, connectors and edges of nodes that appear or
/// disappear, nothing else. Returns `false`, changing nothing, when the
/// update is refused as [`update`] would; the caller then rebuilds.
pub fn update_visibility(
    scene: &mut Scene,
    index: &mut SceneIndex,
    map: &Map,
    measurer: &TextMeasurer,
    options: &SceneOptions,
) -> bool {
    update(scene, index, map, measurer, options, &[])
        && (options.only.is_some() || {
            // Showing everything again: every node not drawn yet appears.
            let drawn: HashSet<NodeIx> = drawn_nodes(scene);
            let missing: Vec<String> = map
                .graph()
                .node_indices()
                .filter(|ix| !drawn.contains(ix))
                .map(|ix| map.graph()[ix].id.clone())
                .collect();
            missing.len() <= MAX_UPDATE && update(scene, index, map, measurer, options, &missing)
        })
}

fn drawn_nodes(scene: &Scene) -> HashSet<NodeIx> {
    scene
        .boxes
        .iter()
        .map(|b| b.node)
        .chain(scene.connectors.iter().map(|c| c.node))
        .collect()
}

/// Positions from the map (every node is placed, checked in
/// [`Updater::new`]) and box sizes from the measurer's cache.
struct MapGeometry<'a> {
    map: &'a Map,
    measurer: &'a TextMeasurer,
    box_width: f32,
}

impl Geometry for MapGeometry<'_> {
    fn center(&self, ix: NodeIx) -> Pos {
        self.map.graph()[ix].pos.unwrap_or_default()
    }

    fn size(&self, ix: NodeIx) -> (f32, f32) {
        match &self.map.graph()[ix].data {
            NodeData::Statement(st) => self.measurer.box_size_at(st, self.box_width),
            NodeData::Inference(_) => (2.0 * CONNECTOR_RADIUS, 2.0 * CONNECTOR_RADIUS),
        }
    }
}

/// Flags by node index, cheaper than a hash set on hot loops.
struct Marks(Vec<bool>);

impl Marks {
    fn new(bound: usize) -> Self {
        Marks(vec![false; bound])
    }
    fn set(&mut self, ix: NodeIx) {
        if ix.index() >= self.0.len() {
            self.0.resize(ix.index() + 1, false);
        }
        self.0[ix.index()] = true;
    }
    fn has(&self, ix: NodeIx) -> bool {
        self.0.get(ix.index()).copied().unwrap_or(false)
    }
}

/// One update in progress.
struct Updater<'a> {
    map: &'a Map,
    measurer: &'a TextMeasurer,
    options: &'a SceneOptions,
    theme: Theme,
    /// The nodes drawn when `options.only` is set; `None` for all.
    included: Option<HashSet<NodeIx>>,
}

impl<'a> Updater<'a> {
    /// `None` when the update must be refused.
    fn new(
        scene: &Scene,
        map: &'a Map,
        measurer: &'a TextMeasurer,
        options: &'a SceneOptions,
    ) -> Option<Self> {
        let theme = Theme::of(options.theme);
        if options.routes.is_some() || scene.theme != theme {
            return None;
        }
        if map.nodes().any(|n| n.pos.is_none()) {
            return None;
        }
        // The box width is not stored in the scene: any box tells it.
        if let Some(b) = scene.boxes.first()
            && (b.rect.width() - options.box_width).abs() > 0.01
        {
            return None;
        }
        let included = options.only.as_ref().map(|only| {
            let all: Vec<NodeIx> = map.graph().node_indices().collect();
            included_nodes(map, &all, Some(only))
        });
        Some(Updater {
            map,
            measurer,
            options,
            theme,
            included,
        })
    }

    fn is_included(&self, ix: NodeIx) -> bool {
        self.included.as_ref().is_none_or(|s| s.contains(&ix))
    }

    /// Ids of nodes in the map drawn but not to be drawn, or the reverse.
    fn visibility_changes(&self, scene: &Scene) -> Vec<String> {
        let drawn = drawn_nodes(scene);
        let Some(included) = &self.included else {
            return Vec::new();
        };
        included
            .symmetric_difference(&drawn)
            .filter_map(|&ix| self.map.node_at(ix))
            .map(|n| n.id.clone())
            .collect()
    }

    fn run(&self, scene: &mut Scene, index: &mut SceneIndex, dirty: &[String]) {
        let graph = self.map.graph();
        let bound = graph
            .node_indices()
            .next_back()
            .map_or(0, |ix| ix.index() + 1);
        // Old items of dirty nodes, by their old node index.
        let mut dirty_old = Marks::new(bound);
        let mut box_drop = Vec::new();
        let mut conn_drop = Vec::new();
        for id in dirty {
            if let Ok(i) = find_box(&scene.boxes, id) {
                dirty_old.set(scene.boxes[i].node);
                box_drop.push(i);
            }
            if let Ok(i) = find_connector(&scene.connectors, id) {
                dirty_old.set(scene.connectors[i].node);
                conn_drop.push(i);
            }
        }
        // Inferences whose edges are redrawn: touched ones, those aimed at
        // or drawn from a touched node now, and those that had an edge at
        // a touched node before.
        let mut owners_old = Marks::new(bound);
        for e in &scene.edges {
            if dirty_old.has(e.from) || dirty_old.has(e.to) {
                owners_old.set(owner(e));
            }
        }
        let mut regen: Vec<&str> = Vec::new();
        for id in dirty {
            let Some(ix) = self.map.index_of(id) else {
                continue;
            };
            if !graph[ix].is_statement() {
                regen.push(&graph[ix].id);
            }
            for n in graph.neighbors_undirected(ix) {
                if !graph[n].is_statement() {
                    regen.push(&graph[n].id);
                }
            }
        }
        for (i, &marked) in owners_old.0.iter().enumerate() {
            if let Some(node) = self.map.node_at(NodeIx::new(i))
                && marked
                && !node.is_statement()
            {
                regen.push(&node.id);
            }
        }
        regen.sort_unstable_by(|a, b| natural_cmp(a, b));
        regen.dedup();
        for id in &regen {
            if let Ok(i) = find_connector(&scene.connectors, id) {
                owners_old.set(scene.connectors[i].node);
            }
        }

        // Fresh boxes and connectors of dirty nodes, in id order.
        let mut sorted_dirty: Vec<&str> = dirty.iter().map(String::as_str).collect();
        sorted_dirty.sort_unstable_by(|a, b| natural_cmp(a, b));
        let mut fresh_boxes = Vec::new();
        let mut fresh_conns = Vec::new();
        for id in sorted_dirty {
            let Some(ix) = self.map.index_of(id) else {
                continue;
            };
            if !self.is_included(ix) {
                continue;
            }
            let node = &graph[ix];
            let center = node.pos.unwrap_or_default();
            match &node.data {
                NodeData::Statement(st) => {
                    let text = self.measurer.box_text(st, self.options.box_width);
                    let size = (self.options.box_width, TextMeasurer::box_height(&text));
                    fresh_boxes.push(statement_box(node, ix, center, size, &text, &self.theme));
                }
                NodeData::Inference(_) => {
                    fresh_conns.push(connector(self.map, ix, center, &self.theme));
                }
            }
        }
        box_drop.sort_unstable();
        conn_drop.sort_unstable();
        let box_insert: Vec<usize> = fresh_boxes
            .iter()
            .map(|b| insertion(&scene.boxes, |o| natural_cmp(&o.id, &b.id)))
            .collect();
        let conn_insert: Vec<usize> = fresh_conns
            .iter()
            .map(|c| insertion(&scene.connectors, |o| natural_cmp(&o.id, &c.id)))
            .collect();
        let mut edge_reached = scene.boxes.is_empty() && scene.connectors.is_empty();
        let bounds = scene.bounds;
        for &i in &box_drop {
            edge_reached |= reaches(&bounds, &box_extent(&scene.boxes[i]));
        }
        for b in &fresh_boxes {
            edge_reached |= reaches(&bounds, &box_extent(b));
        }
        for &i in &conn_drop {
            edge_reached |= reaches(&bounds, &connector_extent(&scene.connectors[i]));
        }
        for c in &fresh_conns {
            edge_reached |= reaches(&bounds, &connector_extent(c));
        }
        let box_change = splice(&mut scene.boxes, &box_drop, fresh_boxes, &box_insert);
        let conn_change = splice(&mut scene.connectors, &conn_drop, fresh_conns, &conn_insert);

        // Fresh edge groups, in connector order.
        let geometry = MapGeometry {
            map: self.map,
            measurer: self.measurer,
            box_width: self.options.box_width,
        };
        let ends = Ends {
            map: self.map,
            geometry: &geometry,
        };
        let no_routes = std::collections::HashMap::new();
        let included = |ix: NodeIx| self.is_included(ix);
        let mut fresh_edges: Vec<SceneEdge> = Vec::new();
        for id in &regen {
            if let Ok(i) = find_connector(&scene.connectors, id) {
                let c = &scene.connectors[i];
                fresh_edges.extend(edge_group(
                    self.map,
                    c,
                    &included,
                    &no_routes,
                    &ends,
                    &self.theme,
                ));
            }
        }
        // Where each group goes: connectors' new order.
        let mut rank = vec![u32::MAX; bound.max(1)];
        for (k, c) in scene.connectors.iter().enumerate() {
            if c.node.index() < rank.len() {
                rank[c.node.index()] = k as u32;
            }
        }
        let rank_of = |ix: NodeIx| rank.get(ix.index()).copied().unwrap_or(u32::MAX);
        let edge_drop: Vec<usize> = scene
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| owners_old.has(owner(e)))
            .map(|(i, _)| i)
            .collect();
        let edge_insert = edge_insertions(&scene.edges, &owners_old, &fresh_edges, &rank_of);
        for e in edge_drop
            .iter()
            .map(|&i| &scene.edges[i])
            .chain(&fresh_edges)
        {
            edge_reached |= reaches(&bounds, &points_extent(&e.points));
        }
        let edge_change = splice(&mut scene.edges, &edge_drop, fresh_edges, &edge_insert);

        index.boxes.apply(&box_change, |i| scene.boxes[i].rect);
        index.connectors.apply(&conn_change, |i| {
            let c = &scene.connectors[i];
            Rect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius))
        });
        index
            .edges
            .apply(&edge_change, |i| edge_bounds(&scene.edges[i]));
        // Bounds stay as they are when nothing removed or added reached
        // them; otherwise they are measured again.
        if edge_reached {
            scene.bounds = scene_bounds(&scene.boxes, &scene.connectors, &scene.edges);
        }
    }
}

/// What a box adds to the scene's bounds (as [`scene_bounds`] counts it).
fn box_extent(b: &SceneBox) -> Rect {
    b.rect.expand(BADGE_RADIUS)
}

/// What a connector adds to the scene's bounds.
fn connector_extent(c: &SceneConnector) -> Rect {
    Rect::from_center_size(c.center, (2.0 * CONNECTOR_RADIUS, 2.0 * CONNECTOR_RADIUS))
}

/// What an edge's points add to the scene's bounds.
fn points_extent(points: &[Pos]) -> Rect {
    points
        .iter()
        .fold(Rect::nothing(), |r, p| r.union(&Rect { min: *p, max: *p }))
}

/// Whether `extent` may define or cross `bounds` (the scene's bounds,
/// [`MARGIN`] outside what is drawn): then the bounds must be measured
/// again. Conservative: rounding only ever says yes.
fn reaches(bounds: &Rect, extent: &Rect) -> bool {
    !extent.is_empty()
        && (extent.min.x - MARGIN <= bounds.min.x
            || extent.min.y - MARGIN <= bounds.min.y
            || extent.max.x + MARGIN >= bounds.max.x
            || extent.max.y + MARGIN >= bounds.max.y)
}

/// The inference an edge belongs to: the target of a premise edge, the
/// source of the target edge.
fn owner(e: &SceneEdge) -> NodeIx {
    if e.arrow { e.from } else { e.to }
}

fn find_box(boxes: &[SceneBox], id: &str) -> Result<usize, usize> {
    boxes.binary_search_by(|b| natural_cmp(&b.id, id))
}

fn find_connector(connectors: &[SceneConnector], id: &str) -> Result<usize, usize> {
    connectors.binary_search_by(|c| natural_cmp(&c.id, id))
}

/// The first position in sorted `items` whose item is not less than the
/// new one (`cmp` compares an old item with the new one).
fn insertion<T>(items: &[T], cmp: impl Fn(&T) -> std::cmp::Ordering) -> usize {
    items.partition_point(|o| cmp(o) == std::cmp::Ordering::Less)
}

/// For each fresh edge, the old edge before which it goes: fresh groups
/// go before the first kept old edge whose inference comes later in the
/// new connector order. One pass over the old edges.
fn edge_insertions(
    old: &[SceneEdge],
    dropped: &Marks,
    fresh: &[SceneEdge],
    rank_of: &dyn Fn(NodeIx) -> u32,
) -> Vec<usize> {
    let mut at = Vec::with_capacity(fresh.len());
    let mut i = 0;
    for f in fresh {
        let key = rank_of(owner(f));
        while i < old.len() && (dropped.has(owner(&old[i])) || rank_of(owner(&old[i])) < key) {
            i += 1;
        }
        at.push(i);
    }
    at
}

/// Replaces the items at the sorted positions `drop` of `items` with
/// `fresh`, where fresh item `k` goes before old item `insert[k]`
/// (non-decreasing). In place when each fresh item takes the slot of one
/// dropped item in the same order; otherwise by one merging pass.
fn splice<T>(items: &mut Vec<T>, drop: &[usize], fresh: Vec<T>, insert: &[usize]) -> ListChange {
    // In place when the k-th fresh item would land where the k-th dropped
    // one was: no kept item lies between the dropped slot and the place
    // the fresh item goes before.
    let kept_between = |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        let dropped = drop.partition_point(|&x| x < hi) - drop.partition_point(|&x| x < lo);
        hi - lo - dropped
    };
    // Fresh items beyond the dropped ones may still be appended at the
    // end (new ids sort last) without renumbering anything.
    let k = drop.len();
    let in_place = fresh.len() >= k
        && insert[k..].iter().all(|&at| at == items.len())
        && drop
            .iter()
            .zip(insert)
            .all(|(&d, &at)| kept_between(d, at) == 0);
    if in_place {
        let mut changed = drop.to_vec();
        let mut fresh = fresh.into_iter();
        for (&d, item) in drop.iter().zip(fresh.by_ref()) {
            items[d] = item;
        }
        for item in fresh {
            changed.push(items.len());
            items.push(item);
        }
        return ListChange::InPlace {
            changed,
            len: items.len(),
        };
    }
    let old = std::mem::take(items);
    let mut old_to_new = vec![GONE; old.len()];
    let mut fresh_at = Vec::with_capacity(fresh.len());
    let mut out = Vec::with_capacity(old.len() + fresh.len() - drop.len().min(old.len()));
    let mut fresh = fresh.into_iter().zip(insert.iter().copied()).peekable();
    let mut drops = drop.iter().copied().peekable();
    for (i, item) in old.into_iter().enumerate() {
        while let Some((f, _)) = fresh.next_if(|(_, at)| *at <= i) {
            fresh_at.push(out.len());
            out.push(f);
        }
        if drops.next_if_eq(&i).is_some() {
            continue;
        }
        old_to_new[i] = out.len() as u32;
        out.push(item);
    }
    for (f, _) in fresh {
        fresh_at.push(out.len());
        out.push(f);
    }
    *items = out;
    ListChange::Renumbered {
        old_to_new,
        fresh: fresh_at,
    }
}
