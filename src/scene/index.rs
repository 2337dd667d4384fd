//! A uniform-grid spatial index over a [`Scene`]'s boxes, connectors and
//! edges, so the canvas can ask "what is in view", "what is under the
//! pointer" and "what lies inside this band" without scanning a
//! 10,000-node map every frame.
//!
//! Each item is filed under every grid cell its bounding rectangle
//! touches. A query visits only the cells the query rectangle touches,
//! then filters by the exact rectangles, so its answer always equals a
//! brute-force scan (see the property test). Items that would span very
//! many cells (long edges) are kept in a short list checked on every
//! query instead. Rectangles here are closed: touching borders count as
//! overlapping, so a zero-size query rectangle is a point query.
//!
//! After an edit the index is updated in place ([`GridIndex::set`],
//! [`GridIndex::renumber`]): a changed item goes on a "loose" list checked
//! on every query, and its stale cell entries are filtered out by its
//! current rectangle, so answers stay exact. Once the loose list grows past
//! [`LOOSE_LIMIT`] items (plus one per 16 indexed) the grid is refiled.

use super::{Rect, Scene};
use crate::model::Pos;

/// An item spanning more cells than this is kept on the oversize list.
const MAX_CELLS_PER_ITEM: usize = 64;

/// Smallest cell side, in canvas pixels.
const MIN_CELL: f32 = 32.0;

/// Loose items (changed since the grid was filed) kept before refiling.
pub const LOOSE_LIMIT: usize = 256;

/// A cell entry whose item was removed.
const GONE: u32 = u32::MAX;

/// Whether two closed rectangles overlap (touching counts).
fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y
}

/// A grid index over a list of rectangles, answering with their positions
/// in that list.
#[derive(Clone, Debug, Default)]
pub struct GridIndex {
    /// The rectangle of every item, by item number.
    rects: Vec<Rect>,
    /// Top-left of cell (0, 0).
    origin: Pos,
    /// Side of a (square) cell.
    cell: f32,
    /// Number of columns and rows.
    cols: usize,
    rows: usize,
    /// Where each cell's items start in `entries` (one more than cells).
    starts: Vec<u32>,
    /// Item numbers, cell after cell.
    entries: Vec<u32>,
    /// Items too large to file by cell, checked on every query.
    oversize: Vec<u32>,
    /// Items changed since the grid was filed, checked on every query.
    loose: Vec<u32>,
    /// Whether each item is on `loose`, by item number.
    is_loose: Vec<bool>,
}

impl GridIndex {
    /// Indexes `rects`; empty (inverted) rectangles are never found.
    pub fn new(rects: Vec<Rect>) -> Self {
        let mut bounds = Rect::nothing();
        for r in rects.iter().filter(|r| !r.is_empty()) {
            bounds = bounds.union(r);
        }
        if bounds.is_empty() {
            return GridIndex {
                is_loose: vec![false; rects.len()],
                rects,
                cell: MIN_CELL,
                starts: vec![0],
                ..GridIndex::default()
            };
        }
        // About one item per cell, but never tiny cells.
        let area = (bounds.width().max(1.0)) * (bounds.height().max(1.0));
        let cell = (area / rects.len().max(1) as f32).sqrt().max(MIN_CELL);
        let cols = ((bounds.width() / cell).floor() as usize + 1).min(4096);
        let rows = ((bounds.height() / cell).floor() as usize + 1).min(4096);
        let cell = cell
            .max(bounds.width() / cols as f32)
            .max(bounds.height() / rows as f32);
        let mut index = GridIndex {
            origin: bounds.min,
            cell,
            cols,
            rows,
            ..GridIndex::default()
        };
        // Counting pass, then filling pass (compressed rows, no per-cell Vecs).
        let mut counts = vec![0u32; cols * rows];
        let mut oversize = Vec::new();
        for (i, r) in rects.iter().enumerate() {
            if r.is_empty() {
                continue;
            }
            let (c0, r0, c1, r1) = index.cell_span(r);
            if (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_ITEM {
                oversize.push(i as u32);
                continue;
            }
            for row in r0..=r1 {
                for col in c0..=c1 {
                    counts[row * cols + col] += 1;
                }
            }
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        starts.push(0);
        for c in &counts {
            total += c;
            starts.push(total);
        }
        let mut fill: Vec<u32> = starts[..starts.len() - 1].to_vec();
        let mut entries = vec![0u32; total as usize];
        let is_oversize = {
            let mut v = vec![false; rects.len()];
            for &i in &oversize {
                v[i as usize] = true;
            }
            v
        };
        for (i, r) in rects.iter().enumerate() {
            if r.is_empty() || is_oversize[i] {
                continue;
            }
            let (c0, r0, c1, r1) = index.cell_span(r);
            for row in r0..=r1 {
                for col in c0..=c1 {
                    let slot = &mut fill[row * cols + col];
                    entries[*slot as usize] = i as u32;
                    *slot += 1;
                }
            }
        }
        index.is_loose = vec![false; rects.len()];
        index.rects = rects;
        index.starts = starts;
        index.entries = entries;
        index.oversize = oversize;
        index
    }

    /// How many items are indexed.
    pub fn len(&self) -> usize {
        self.rects.len()
    }

    /// Whether no items are indexed.
    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }

    /// The rectangle item `i` was indexed with.
    pub fn rect(&self, i: usize) -> Rect {
        self.rects[i]
    }

    /// The first and last column and row `r` touches, clamped to the grid.
    fn cell_span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let clamp =
            |v: f32, n: usize| -> usize { if v <= 0.0 { 0 } else { (v as usize).min(n - 1) } };
        let c0 = clamp((r.min.x - self.origin.x) / self.cell, self.cols);
        let c1 = clamp((r.max.x - self.origin.x) / self.cell, self.cols);
        let r0 = clamp((r.min.y - self.origin.y) / self.cell, self.rows);
        let r1 = clamp((r.max.y - self.origin.y) / self.cell, self.rows);
        (c0, r0, c1, r1)
    }

    /// Every item whose rectangle overlaps `area` (touching counts), in
    /// ascending item order, each once.
    pub fn query(&self, area: &Rect) -> Vec<usize> {
        if area.is_empty() {
            return Vec::new();
        }
        let cells = if self.cols == 0 {
            usize::MAX
        } else {
            let (c0, r0, c1, r1) = self.cell_span(area);
            (c1 - c0 + 1) * (r1 - r0 + 1)
        };
        if cells >= self.rects.len() {
            // A big area: a straight scan is cheaper than visiting cells
            // and sorting, and already in order.
            return (0..self.rects.len())
                .filter(|&i| overlaps(&self.rects[i], area))
                .collect();
        }
        let (c0, r0, c1, r1) = self.cell_span(area);
        let mut found: Vec<usize> = Vec::new();
        for row in r0..=r1 {
            for col in c0..=c1 {
                let k = row * self.cols + col;
                let (s, e) = (self.starts[k] as usize, self.starts[k + 1] as usize);
                for &i in &self.entries[s..e] {
                    if i != GONE && overlaps(&self.rects[i as usize], area) {
                        found.push(i as usize);
                    }
                }
            }
        }
        for &i in self.oversize.iter().chain(&self.loose) {
            if overlaps(&self.rects[i as usize], area) {
                found.push(i as usize);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Every item whose rectangle contains `p` (borders count), ascending.
    pub fn at(&self, p: Pos) -> Vec<usize> {
        self.query(&Rect { min: p, max: p })
    }

    /// Gives item `i` (< [`GridIndex::len`]) the rectangle `rect`.
    pub fn set(&mut self, i: usize, rect: Rect) {
        self.rects[i] = rect;
        if !self.is_loose[i] {
            self.is_loose[i] = true;
            self.loose.push(i as u32);
        }
    }

    /// Renumbers the items after the list they index changed: old item `i`
    /// becomes item `old_to_new[i]`, or is dropped when that is `u32::MAX`;
    /// there are `len` items afterwards. Every new number that no old item
    /// maps to must then be given its rectangle with [`GridIndex::set`].
    /// `old_to_new` has one entry per old item and keeps their order.
    pub fn renumber(&mut self, old_to_new: &[u32], len: usize) {
        debug_assert_eq!(old_to_new.len(), self.rects.len());
        let map = |i: u32| old_to_new[i as usize];
        for e in &mut self.entries {
            if *e != GONE {
                *e = map(*e);
            }
        }
        self.oversize = self
            .oversize
            .iter()
            .map(|&i| map(i))
            .filter(|&i| i != GONE)
            .collect();
        self.loose = self
            .loose
            .iter()
            .map(|&i| map(i))
            .filter(|&i| i != GONE)
            .collect();
        let mut rects = vec![Rect::nothing(); len];
        let mut is_loose = vec![false; len];
        for (old, &new) in old_to_new.iter().enumerate() {
            if new != GONE {
                rects[new as usize] = self.rects[old];
            }
        }
        for &i in &self.loose {
            is_loose[i as usize] = true;
        }
        // New items start loose with no rectangle: never found until set.
        let mut mapped = vec![false; len];
        for &new in old_to_new.iter().filter(|&&n| n != GONE) {
            mapped[new as usize] = true;
        }
        for (i, m) in mapped.iter().enumerate() {
            if !m && !is_loose[i] {
                is_loose[i] = true;
                self.loose.push(i as u32);
            }
        }
        self.rects = rects;
        self.is_loose = is_loose;
    }

    /// Follows one list change of a scene update; `rect` gives the new
    /// rectangle of an item by its new number.
    pub(super) fn apply(&mut self, change: &ListChange, rect: impl Fn(usize) -> Rect) {
        match change {
            ListChange::InPlace { changed, len } => {
                if *len > self.rects.len() {
                    self.rects.resize(*len, Rect::nothing());
                    self.is_loose.resize(*len, false);
                }
                for &i in changed {
                    self.set(i, rect(i));
                }
            }
            ListChange::Renumbered { old_to_new, fresh } => {
                self.renumber(
                    old_to_new,
                    old_to_new.len() - old_to_new.iter().filter(|&&n| n == GONE).count()
                        + fresh.len(),
                );
                for &i in fresh {
                    self.set(i, rect(i));
                }
            }
        }
        self.tidy();
    }

    /// Refiles the grid when too many items are loose; answers do not
    /// change.
    pub fn tidy(&mut self) {
        if self.loose.len() > LOOSE_LIMIT + self.rects.len() / 16 {
            *self = GridIndex::new(std::mem::take(&mut self.rects));
        }
    }
}

/// How one list of a scene (boxes, connectors or edges) changed in an
/// incremental update.
#[derive(Clone, Debug)]
pub(super) enum ListChange {
    /// Same order; the items `changed` were replaced or (at the end,
    /// up to the new length `len`) appended.
    InPlace {
        /// Numbers of the replaced and appended items.
        changed: Vec<usize>,
        /// How many items there are now.
        len: usize,
    },
    /// Items were removed and inserted: where each old item went
    /// (`u32::MAX` for removed ones), and the numbers of the new items.
    Renumbered {
        /// New number of each old item.
        old_to_new: Vec<u32>,
        /// Numbers of the inserted items.
        fresh: Vec<usize>,
    },
}

/// Grid indexes over one scene's boxes, connectors and edges; item numbers
/// are positions in [`Scene::boxes`], [`Scene::connectors`] and
/// [`Scene::edges`].
#[derive(Clone, Debug, Default)]
pub struct SceneIndex {
    /// Statement boxes, by their rectangles.
    pub boxes: GridIndex,
    /// Connectors, by the square around their circle.
    pub connectors: GridIndex,
    /// Edges, by the bounding box of their polyline and arrowhead.
    pub edges: GridIndex,
}

impl SceneIndex {
    /// Indexes `scene`.
    pub fn new(scene: &Scene) -> Self {
        let boxes = scene.boxes.iter().map(|b| b.rect).collect();
        let connectors = scene
            .connectors
            .iter()
            .map(|c| Rect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius)))
            .collect();
        let edges = scene.edges.iter().map(edge_bounds).collect();
        SceneIndex {
            boxes: GridIndex::new(boxes),
            connectors: GridIndex::new(connectors),
            edges: GridIndex::new(edges),
        }
    }

    /// The topmost box containing `p` (the last one drawn).
    pub fn box_at(&self, p: Pos) -> Option<usize> {
        self.boxes.at(p).last().copied()
    }

    /// The first connector whose circle, grown by `slack`, contains `p`.
    pub fn connector_at(&self, scene: &Scene, p: Pos, slack: f32) -> Option<usize> {
        let area = Rect::from_center_size(p, (2.0 * slack, 2.0 * slack));
        self.connectors.query(&area).into_iter().find(|&i| {
            let c = &scene.connectors[i];
            super::distance(c.center, p) <= c.radius + slack
        })
    }

    /// Boxes lying wholly inside `band`.
    pub fn boxes_inside(&self, band: &Rect) -> Vec<usize> {
        self.boxes
            .query(band)
            .into_iter()
            .filter(|&i| {
                let r = self.boxes.rect(i);
                band.contains(r.min) && band.contains(r.max)
            })
            .collect()
    }
}

/// The bounding box of an edge's polyline, grown by its arrowhead's width.
pub(super) fn edge_bounds(e: &super::SceneEdge) -> Rect {
    let mut bb = Rect::nothing();
    for p in &e.points {
        bb = bb.union(&Rect { min: *p, max: *p });
    }
    if bb.is_empty() {
        bb
    } else {
        bb.expand(super::ARROW_HALF_WIDTH.max(e.width) + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect {
            min: Pos::new(x0, y0),
            max: Pos::new(x1, y1),
        }
    }

    fn brute(rects: &[Rect], area: &Rect) -> Vec<usize> {
        (0..rects.len())
            .filter(|&i| !rects[i].is_empty() && !area.is_empty() && overlaps(&rects[i], area))
            .collect()
    }

    #[test]
    fn finds_what_overlaps_and_nothing_else() {
        let rects = vec![
            r(0.0, 0.0, 100.0, 50.0),
            r(500.0, 500.0, 600.0, 560.0),
            r(-2000.0, 10.0, 2000.0, 12.0), // a long edge: oversize list
            Rect::nothing(),
        ];
        let index = GridIndex::new(rects.clone());
        assert_eq!(index.query(&r(10.0, 10.0, 20.0, 20.0)), vec![0, 2]);
        assert_eq!(index.at(Pos::new(550.0, 530.0)), vec![1]);
        assert_eq!(index.at(Pos::new(100.0, 50.0)), vec![0], "borders count");
        assert!(index.query(&r(700.0, 700.0, 800.0, 800.0)).is_empty());
        assert_eq!(index.query(&r(-1e6, -1e6, 1e6, 1e6)), vec![0, 1, 2]);
    }

    #[test]
    fn empty_index_answers_nothing() {
        let index = GridIndex::new(Vec::new());
        assert!(index.query(&r(0.0, 0.0, 10.0, 10.0)).is_empty());
        assert!(index.is_empty());
    }

    #[test]
    fn scene_index_hits_boxes_and_connectors() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let measurer = crate::scene::TextMeasurer::new();
        let scene = crate::scene::build(&map, &measurer, &Default::default());
        let index = SceneIndex::new(&scene);
        for (i, b) in scene.boxes.iter().enumerate() {
            assert_eq!(index.box_at(b.rect.center()), Some(i));
        }
        for (i, c) in scene.connectors.iter().enumerate() {
            assert_eq!(index.connector_at(&scene, c.center, 4.0), Some(i));
        }
        assert_eq!(
            index.boxes_inside(&scene.bounds).len(),
            scene.boxes.len(),
            "the scene's bounds hold every box"
        );
    }

    fn arb_rect() -> impl Strategy<Value = Rect> {
        (
            -3000.0f32..3000.0,
            -3000.0f32..3000.0,
            0.0f32..400.0,
            0.0f32..400.0,
            0u8..20,
        )
            .prop_map(|(x, y, w, h, long)| {
                // Now and then a very long rectangle, like a cross-link edge.
                let w = if long == 0 { w * 30.0 } else { w };
                r(x, y, x + w, y + h)
            })
    }

    proptest! {
        #[test]
        fn updated_index_equals_a_brute_force_scan(
            rects in proptest::collection::vec(arb_rect(), 0..150),
            ops in proptest::collection::vec((0u8..3, any::<u32>(), arb_rect()), 0..80),
            areas in proptest::collection::vec(arb_rect(), 1..12),
        ) {
            let mut current = rects.clone();
            let mut index = GridIndex::new(rects);
            for (op, r, rect) in ops {
                match op {
                    0 if !current.is_empty() => {
                        let i = r as usize % current.len();
                        current[i] = rect;
                        index.set(i, rect);
                    }
                    1 => {
                        let at = r as usize % (current.len() + 1);
                        let old_to_new: Vec<u32> = (0..current.len())
                            .map(|i| if i < at { i as u32 } else { i as u32 + 1 })
                            .collect();
                        current.insert(at, rect);
                        index.renumber(&old_to_new, current.len());
                        index.set(at, rect);
                    }
                    2 if !current.is_empty() => {
                        let at = r as usize % current.len();
                        let old_to_new: Vec<u32> = (0..current.len())
                            .map(|i| match i.cmp(&at) {
                                std::cmp::Ordering::Less => i as u32,
                                std::cmp::Ordering::Equal => GONE,
                                std::cmp::Ordering::Greater => i as u32 - 1,
                            })
                            .collect();
                        current.remove(at);
                        index.renumber(&old_to_new, current.len());
                    }
                    _ => {}
                }
                index.tidy();
                prop_assert_eq!(index.len(), current.len());
            }
            for area in &areas {
                prop_assert_eq!(index.query(area), brute(&current, area));
            }
        }
    }

    proptest! {
        #[test]
        fn queries_equal_a_brute_force_scan(
            rects in proptest::collection::vec(arb_rect(), 0..300),
            areas in proptest::collection::vec(arb_rect(), 1..20),
            points in proptest::collection::vec((-3500.0f32..3500.0, -3500.0f32..3500.0), 1..20),
        ) {
            let index = GridIndex::new(rects.clone());
            for area in &areas {
                prop_assert_eq!(index.query(area), brute(&rects, area));
            }
            for (x, y) in points {
                let p = Rect { min: Pos::new(x, y), max: Pos::new(x, y) };
                prop_assert_eq!(index.at(Pos::new(x, y)), brute(&rects, &p));
            }
        }
    }
}
