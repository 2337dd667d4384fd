//! Rows sized per column: vertical positions for the compact layout.
//!
//! The layered layout draws every layer as a band as tall as its tallest
//! box, so one long quote makes its whole row tall and every short box of
//! that row is followed by empty space. Here each box (and connector and
//! dummy point) of a layer instead goes as high as its own column allows:
//! its top is `layer_gap` below the lowest bottom of anything placed on an
//! earlier layer whose horizontal extent (widened by half a node gap on
//! each side) overlaps its own, and below all its upper neighbours. This
//! is the "skyline" packing of strip packing and of compact org charts,
//! done layer by layer so that the layer order (and so every edge pointing
//! up, premise below connector below conclusion) is kept: nothing is ever
//! placed above something of an earlier layer that shares its column.
//!
//! The skyline is a step function of `x` (the lowest bottom so far), kept as
//! sorted breakpoints and merged with each finished layer: linear in the
//! skyline's length per layer, so `O(layers × width in boxes)` in all.

use super::dag::{Dag, NONE};
use super::holes::{Holes, use_holes};
use super::layering::Layered;

/// Vertical extent of one node of the layered graph.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Band {
    /// Top edge.
    pub top: f64,
    /// Middle line (the node's centre).
    pub mid: f64,
    /// Bottom edge.
    pub bottom: f64,
}

/// The lowest bottom drawn so far over `x` (or any other height), as a step function: segment `k`
/// covers `xs[k]..xs[k + 1]` at height `ys[k]` (`-inf` where nothing is).
pub(super) struct Skyline {
    xs: Vec<f64>,
    ys: Vec<f64>,
}

impl Skyline {
    /// Nothing drawn yet.
    pub fn new() -> Self {
        Skyline {
            xs: vec![f64::NEG_INFINITY],
            ys: vec![f64::NEG_INFINITY],
        }
    }

    /// The highest step over `lo..hi`.
    pub fn max_over(&self, lo: f64, hi: f64) -> f64 {
        let mut k = self.xs.partition_point(|&x| x <= lo).saturating_sub(1);
        let mut m = self.ys[k];
        k += 1;
        while k < self.xs.len() && self.xs[k] < hi {
            m = m.max(self.ys[k]);
            k += 1;
        }
        m
    }

    /// Raises the steps to `y` over each `(lo, hi, y)` of `spans` (in any
    /// order; where spans overlap, the highest wins). Each `y` must be at
    /// least the highest step under its span.
    pub fn raise(&mut self, spans: &[(f64, f64, f64)]) {
        let spans = &disjoint(spans);
        let mut xs: Vec<f64> = Vec::with_capacity(self.xs.len() + 2 * spans.len());
        let mut ys: Vec<f64> = Vec::with_capacity(xs.capacity());
        let push = |x: f64, y: f64, xs: &mut Vec<f64>, ys: &mut Vec<f64>| {
            if let (Some(&lx), Some(ly)) = (xs.last(), ys.last_mut()) {
                if x <= lx {
                    *ly = y; // zero-width step: the later one wins
                    if ys.len() >= 2 && ys[ys.len() - 2] == y {
                        xs.pop();
                        ys.pop();
                    }
                    return;
                }
                if *ly == y {
                    return;
                }
            }
            xs.push(x);
            ys.push(y);
        };
        let mut j = 0usize; // old step containing the cursor
        let mut cursor = f64::NEG_INFINITY;
        let copy_old = |from: f64, to: f64, j: &mut usize, xs: &mut Vec<f64>, ys: &mut Vec<f64>| {
            while *j + 1 < self.xs.len() && self.xs[*j + 1] <= from {
                *j += 1;
            }
            if from < to {
                push(from, self.ys[*j], xs, ys);
                let mut k = *j + 1;
                while k < self.xs.len() && self.xs[k] < to {
                    push(self.xs[k], self.ys[k], xs, ys);
                    k += 1;
                }
            }
        };
        for &(lo, hi, y) in spans {
            let lo = lo.max(cursor);
            if hi <= lo {
                continue;
            }
            copy_old(cursor, lo, &mut j, &mut xs, &mut ys);
            push(lo, y, &mut xs, &mut ys);
            cursor = hi;
        }
        copy_old(cursor, f64::INFINITY, &mut j, &mut xs, &mut ys);
        self.xs = xs;
        self.ys = ys;
    }
}

/// The upper envelope of `spans` (`(lo, hi, y)`) as disjoint spans sorted
/// by `lo`: a sweep over the span ends with the open spans in a max-heap.
fn disjoint(spans: &[(f64, f64, f64)]) -> Vec<(f64, f64, f64)> {
    use std::cmp::Ordering;
    #[derive(PartialEq)]
    struct Open(f64, f64); // (y, hi)
    impl Eq for Open {}
    impl PartialOrd for Open {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Open {
        fn cmp(&self, other: &Self) -> Ordering {
            self.0.total_cmp(&other.0).then(self.1.total_cmp(&other.1))
        }
    }
    let mut sorted: Vec<(f64, f64, f64)> = spans.iter().copied().filter(|s| s.1 > s.0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut xs: Vec<f64> = sorted.iter().flat_map(|s| [s.0, s.1]).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut out: Vec<(f64, f64, f64)> = Vec::with_capacity(sorted.len());
    let mut open = std::collections::BinaryHeap::new();
    let mut next = 0usize;
    for w in xs.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        while next < sorted.len() && sorted[next].0 <= lo {
            open.push(Open(sorted[next].2, sorted[next].1));
            next += 1;
        }
        while open.peek().is_some_and(|o: &Open| o.1 <= lo) {
            open.pop();
        }
        if let Some(top) = open.peek() {
            match out.last_mut() {
                Some(last) if last.1 == lo && last.2 == top.0 => last.1 = hi,
                _ => out.push((lo, hi, top.0)),
            }
        }
    }
    out
}

/// Bands for every node of `lay` (dummies included) with horizontal
/// centres `xs`: each as high as its column allows (see the module
/// comment), the first layer's middle line at half its tallest box, or,
/// with `wish` (the wanted top of every real node, NaN for none: the
/// current drawing, for a relayout that keeps positions), each node with a
/// wish at its wanted top unless its column or parents push it lower, new
/// nodes as high as their columns allow, and dummy points (which then do
/// not block) just below their edge's upper end. Members of one co-premise
/// group (`group[v] != NONE`, given for real nodes) share their middle
/// line, the lowest any of them needs. Dummy points have no height.
pub(super) fn column_bands(
    dag: &Dag,
    lay: &Layered,
    xs: &[f64],
    group: &[u32],
    wish: Option<&[f64]>,
    layer_gap: f64,
    node_gap: f64,
) -> Vec<Band> {
    let Packed {
        mut bands,
        mut sky,
        first_mid,
    } = connected_bands(dag, lay, xs, group, wish, layer_gap, node_gap);
    let n = dag.len();
    let pad = node_gap / 2.0;
    let wished = |v: usize| {
        wish.and_then(|w| w.get(v).copied())
            .filter(|y| y.is_finite())
    };
    // Statements with no edge at all (notes, stray claims) come last and
    // take whatever room their columns leave, so a row of notes beside the
    // thesis does not push the thesis's reasons down. Fresh small drawings
    // put them into the holes between the other boxes (`holes.rs`).
    let mut holes =
        (wish.is_none() && use_holes(lay)).then(|| Holes::of(dag, lay, xs, &bands, pad, layer_gap));
    for &v in lay.layers.iter().flatten().filter(|&&v| alone(dag, lay, v)) {
        let v = v as usize;
        let (w, h) = (dag.size[v].0 as f64, dag.size[v].1 as f64);
        let (lo, hi) = (xs[v] - w / 2.0 - pad, xs[v] + w / 2.0 + pad);
        let above = sky.max_over(lo, hi);
        let top = match (wished(v), holes.as_mut()) {
            (Some(y), _) => y.max(above + layer_gap),
            (None, Some(holes)) => {
                let top = holes.top_for(lo, hi, h, first_mid - h / 2.0);
                holes.add(lo, hi, top, top + h);
                top
            }
            (None, None) => alone_top(above, first_mid, h, layer_gap),
        };
        bands[v] = Band {
            top,
            mid: top + h / 2.0,
            bottom: top + h,
        };
        sky.raise(&[(lo, hi, top + h)]);
    }
    debug_assert!(bands.len() >= n);
    bands
}

/// Whether `v` is a statement with no edge at all (a note, a stray claim).
pub(super) fn alone(dag: &Dag, lay: &Layered, v: u32) -> bool {
    (v as usize) < dag.len() && lay.up.of(v).is_empty() && lay.down.of(v).is_empty()
}

/// Top of a box of height `h` with no edges, under a skyline whose
/// highest step over its column is `above`.
fn alone_top(above: f64, first_mid: f64, h: f64, layer_gap: f64) -> f64 {
    if above.is_finite() {
        above + layer_gap
    } else {
        first_mid - h / 2.0
    }
}

/// The bands of everything with an edge, before the boxes without any.
struct Packed {
    /// Bands of every node (those of boxes without edges not yet set).
    bands: Vec<Band>,
    /// The lowest bottom so far over every `x`.
    sky: Skyline,
    /// Middle line of the first layer (`-inf` for kept drawings).
    first_mid: f64,
}

/// The layer-by-layer part of [`column_bands`]: every node with an edge.
fn connected_bands(
    dag: &Dag,
    lay: &Layered,
    xs: &[f64],
    group: &[u32],
    wish: Option<&[f64]>,
    layer_gap: f64,
    node_gap: f64,
) -> Packed {
    let n = dag.len();
    let width = |v: usize| if v < n { dag.size[v].0 as f64 } else { 0.0 };
    let height = |v: usize| if v < n { dag.size[v].1 as f64 } else { 0.0 };
    let pad = node_gap / 2.0;
    let extent = |v: usize| (xs[v] - width(v) / 2.0 - pad, xs[v] + width(v) / 2.0 + pad);
    let mut bands = vec![Band::default(); lay.count()];
    let mut sky = Skyline::new();
    let mut spans: Vec<(f64, f64, f64)> = Vec::new();
    let groups = group
        .iter()
        .filter(|&&g| g != NONE)
        .max()
        .map_or(0, |&g| g as usize + 1);
    // Per group on the current layer: its span (members and the gaps
    // between them) and the lowest middle line a member needs.
    let mut group_span = vec![(f64::INFINITY, f64::NEG_INFINITY); groups];
    let mut group_mid = vec![f64::NEG_INFINITY; groups];
    let mut group_bottom = vec![f64::NEG_INFINITY; groups];
    let group_of = |v: u32| {
        if (v as usize) < n {
            group[v as usize]
        } else {
            NONE
        }
    };
    // The first layer (the thesis and other roots) is one band, so no
    // statement's middle line lies above the thesis's; later nodes start
    // below that line.
    let alone = |v: u32| alone(dag, lay, v);
    let mut first_mid = lay.layers.first().map_or(0.0, |list| {
        (list.iter().filter(|&&v| !alone(v)))
            .map(|&v| height(v as usize))
            .fold(0.0, f64::max)
            / 2.0
    });
    let wished = |v: usize| {
        wish.and_then(|w| w.get(v).copied())
            .filter(|y| y.is_finite())
    };
    for (i, list) in lay.layers.iter().enumerate() {
        for &v in list.iter().filter(|&&v| group_of(v) != NONE) {
            let (lo, hi) = extent(v as usize);
            let span = &mut group_span[group_of(v) as usize];
            *span = (span.0.min(lo), span.1.max(hi));
        }
        for &v in list {
            let g = group_of(v);
            let v = v as usize;
            let h = height(v);
            let top = if i == 0 {
                wished(v).unwrap_or(first_mid - h / 2.0)
            } else {
                let (lo, hi) = if g == NONE {
                    extent(v)
                } else {
                    group_span[g as usize]
                };
                // A kept box stays at its wanted top unless its column or a
                // parent pushes it lower.
                // Kept drawings: dummy points just follow their edge.
                let mut top = match wished(v) {
                    Some(y) => y.max(sky.max_over(lo, hi) + layer_gap),
                    None if wish.is_some() && lay.is_dummy(v as u32) => f64::NEG_INFINITY,
                    None => (sky.max_over(lo, hi) + layer_gap).max(first_mid),
                };
                // A long edge's dummy points need no gap between them: the
                // gap below the edge's upper box keeps it pointing up.
                for &u in lay.up.of(v as u32) {
                    let gap = if lay.is_dummy(u) { 0.0 } else { layer_gap };
                    top = top.max(bands[u as usize].bottom + gap);
                }
                top
            };
            bands[v] = Band {
                top,
                mid: top + h / 2.0,
                bottom: top + h,
            };
            if g != NONE {
                let mid = &mut group_mid[g as usize];
                *mid = mid.max(bands[v].mid);
            }
        }
        // Co-premises share the lowest middle line any of them needs.
        for &v in list.iter().filter(|&&v| group_of(v) != NONE) {
            let g = group_of(v) as usize;
            let (mid, h) = (group_mid[g], height(v as usize));
            bands[v as usize] = Band {
                top: mid - h / 2.0,
                mid,
                bottom: mid + h / 2.0,
            };
            group_bottom[g] = group_bottom[g].max(mid + h / 2.0);
        }
        if i == 0 && wish.is_some() {
            first_mid = f64::NEG_INFINITY; // the wishes keep the thesis on top
        }
        spans.clear();
        // Kept drawings: dummy points do not block (the edges were drawn
        // through the current drawing's gaps, wherever those are).
        let blocks = |v: &&u32| wish.is_none() || (**v as usize) < n;
        spans.extend(
            list.iter()
                .filter(blocks)
                .filter(|&&v| !alone(v))
                .map(|&v| {
                    let (lo, hi) = extent(v as usize);
                    (lo, hi, bands[v as usize].bottom)
                }),
        );
        // A group blocks its gaps too, down to its lowest member.
        for &v in list.iter().filter(|&&v| group_of(v) != NONE) {
            let g = group_of(v) as usize;
            if group_mid[g].is_finite() {
                spans.push((group_span[g].0, group_span[g].1, group_bottom[g]));
                group_mid[g] = f64::NEG_INFINITY;
                group_bottom[g] = f64::NEG_INFINITY;
                group_span[g] = (f64::INFINITY, f64::NEG_INFINITY);
            }
        }
        sky.raise(&spans);
    }
    Packed {
        bands,
        sky,
        first_mid,
    }
}

/// Moves every statement with no edge at all (notes, stray claims) to the
/// place where it grows the drawing least, given the boxes with edges at
/// `xs` drawn as [`column_bands`] draws them: each in turn (in the order
/// `column_bands` takes them) tries the left and right ends of every step
/// of the skyline, and both sides of the drawing, and takes the place
/// whose bounding box is smallest for the wanted `aspect` (width over
/// height: the larger of width / aspect and height), then the one that
/// grows its area least, then the highest, then the leftmost. This is the skyline "bottom-left" heuristic of strip
/// packing, with the strip's width left free. A drawing of nothing but
/// such boxes is left as it is.
pub(super) fn place_alone(
    dag: &Dag,
    lay: &Layered,
    xs: &mut [f64],
    group: &[u32],
    gaps: (f64, f64),
    aspect: f64,
) {
    let (layer_gap, node_gap) = gaps;
    let n = dag.len();
    let notes: Vec<usize> = (lay.layers.iter().flatten())
        .filter(|&&v| alone(dag, lay, v))
        .map(|&v| v as usize)
        .collect();
    if notes.is_empty() || notes.len() == n {
        return;
    }
    let Packed {
        bands,
        mut sky,
        first_mid,
    } = connected_bands(dag, lay, xs, group, None, layer_gap, node_gap);
    let pad = node_gap / 2.0;
    // Bounding box of the boxes with edges.
    let (mut x0, mut x1, mut y0, mut y1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for v in (0..n).filter(|&v| !alone(dag, lay, v as u32)) {
        let half = dag.size[v].0 as f64 / 2.0;
        x0 = x0.min(xs[v] - half);
        x1 = x1.max(xs[v] + half);
        y0 = y0.min(bands[v].top);
        y1 = y1.max(bands[v].bottom);
    }
    // One pixel of slack keeps a box off its neighbour's column after the
    // coordinates are rounded.
    let slack = 1.0;
    let mut holes = use_holes(lay).then(|| Holes::of(dag, lay, xs, &bands, pad, layer_gap));
    for v in notes {
        let (w, h) = (dag.size[v].0 as f64, dag.size[v].1 as f64);
        let mut lefts: Vec<f64> =
            vec![x0, x1 - w, x1 + node_gap + slack, x0 - node_gap - slack - w];
        for &b in sky.xs.iter().filter(|b| b.is_finite()) {
            lefts.push(b + pad + slack);
            lefts.push(b - pad - slack - w);
        }
        if let Some(holes) = &holes {
            lefts.extend(
                holes
                    .lefts(w + 2.0 * pad, slack)
                    .into_iter()
                    .map(|l| l + pad),
            );
        }
        let top_at = |left: f64| match &holes {
            Some(holes) => holes.top_for(left - pad, left + w + pad, h, first_mid - h / 2.0),
            None => alone_top(
                sky.max_over(left - pad, left + w + pad),
                first_mid,
                h,
                layer_gap,
            ),
        };
        let mut best: Option<[f64; 4]> = None; // size, area, top, left
        for left in lefts {
            let top = top_at(left);
            let width = x1.max(left + w) - x0.min(left);
            let height = y1.max(top + h) - y0.min(top);
            let key = [(width / aspect).max(height), width * height, top, left];
            if best.is_none_or(|b| key.partial_cmp(&b) == Some(std::cmp::Ordering::Less)) {
                best = Some(key);
            }
        }
        let Some([_, _, top, left]) = best else {
            continue;
        };
        xs[v] = left + w / 2.0;
        sky.raise(&[(left - pad, left + w + pad, top + h)]);
        if let Some(holes) = holes.as_mut() {
            holes.add(left - pad, left + w + pad, top, top + h);
        }
        x0 = x0.min(left);
        x1 = x1.max(left + w);
        y0 = y0.min(top);
        y1 = y1.max(top + h);
    }
}

#[cfg(test)]
mod tests {
    use super::Skyline;

    #[test]
    fn skyline_keeps_the_highest_step_under_each_span() {
        let mut sky = Skyline::new();
        assert_eq!(sky.max_over(0.0, 10.0), f64::NEG_INFINITY);
        sky.raise(&[(0.0, 10.0, 5.0), (20.0, 30.0, 8.0)]);
        assert_eq!(sky.max_over(-5.0, 0.0), f64::NEG_INFINITY);
        assert_eq!(sky.max_over(2.0, 3.0), 5.0);
        assert_eq!(sky.max_over(9.0, 21.0), 8.0);
        assert_eq!(sky.max_over(10.0, 20.0), f64::NEG_INFINITY);
        // A span over part of a step splits it; overlapping spans keep the higher.
        sky.raise(&[(5.0, 25.0, 12.0), (24.0, 26.0, 20.0)]);
        assert_eq!(sky.max_over(0.0, 5.0), 5.0);
        assert_eq!(sky.max_over(6.0, 7.0), 12.0);
        assert_eq!(sky.max_over(25.5, 26.0), 20.0);
        assert_eq!(sky.max_over(26.0, 30.0), 8.0);
        assert_eq!(sky.max_over(31.0, 40.0), f64::NEG_INFINITY);
        assert!(sky.xs.windows(2).all(|w| w[0] < w[1]));
    }
}
