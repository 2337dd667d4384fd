//! The last step: layer bands, final positions, pinned nodes, edge routes.
//!
//! Every layer is a horizontal band as tall as its tallest box; boxes are
//! centred on the band's middle line and bands are `layer_gap` apart. The
//! drawing is then moved: onto the pinned nodes when there are any (by the
//! median offset between their pinned and proposed positions), else onto
//! the current positions (stable relayout), else to start at the origin.
//! Pinned nodes keep their positions, and in every band a pinned box
//! reaches into, the other boxes and dummy points are pushed rightwards off
//! it, keeping their order and gaps.
//!
//! Routes: a vertical stub from a box down to the bottom of its band, a
//! straight line across the gap to the top of the next band, straight down
//! through a dummy point's band, and so on; the end points are clipped to
//! the box (or the connector's circle). Boxes of one band never share a
//! column and the slanted parts run only in the gaps between bands, so a
//! route touches no box but its own two (pinned boxes placed off the bands
//! excepted).

use super::LayoutResult;
use super::columns::{Band, column_bands};
use super::dag::Dag;
use super::layering::Layered;
use crate::model::Pos;

/// How [`finish`] lays out the bands.
#[derive(Clone, Copy, Debug)]
pub(super) struct Finish<'a> {
    /// Free space between layers, in pixels.
    pub layer_gap: f32,
    /// Free space between boxes of one layer, in pixels.
    pub node_gap: f32,
    /// See [`super::LayoutOptions::keep_positions`].
    pub keep_positions: bool,
    /// Left-right: swap the axes on the way out.
    pub transpose: bool,
    /// Rows sized per column ([`column_bands`]), with the co-premise group
    /// of every real node (or `NONE`); `None` draws every layer as one
    /// band. Ignored when nodes are pinned (pinned boxes push others aside
    /// band by band).
    pub columns: Option<&'a [u32]>,
}

/// Turns horizontal coordinates into the finished [`LayoutResult`].
pub(super) fn finish(dag: &Dag, lay: &Layered, mut xs: Vec<f64>, how: &Finish) -> LayoutResult {
    let Finish {
        layer_gap,
        node_gap,
        keep_positions,
        transpose,
        ..
    } = *how;
    let n = dag.len();
    let pinned = |v: usize| v < n && dag.pinned[v].is_some();
    let height = |v: usize| if v < n { dag.size[v].1 as f64 } else { 0.0 };
    let width = |v: usize| if v < n { dag.size[v].0 as f64 } else { 0.0 };
    let mut bands = vec![Band::default(); lay.layers.len()];
    let mut y = 0.0f64;
    let mut first = true;
    for (i, list) in lay.layers.iter().enumerate() {
        let h = list
            .iter()
            .filter(|&&v| !pinned(v as usize))
            .map(|&v| height(v as usize))
            .fold(0.0, f64::max);
        if list.is_empty() {
            bands[i] = Band {
                top: y,
                mid: y,
                bottom: y,
            };
            continue;
        }
        if !first {
            y += layer_gap as f64;
        }
        first = false;
        bands[i] = Band {
            top: y,
            mid: y + h / 2.0,
            bottom: y + h,
        };
        y += h;
    }
    let any_pinned = dag.pinned.iter().any(Option::is_some);
    let columns = how.columns.filter(|_| !any_pinned);
    let placed = dag.current.iter().filter(|p| p.is_some()).count();
    let keep = keep_positions && placed * 2 >= n;
    // Kept drawings wish every placed box at its current top.
    let wish: Vec<f64> = (0..n)
        .map(|v| dag.current[v].map_or(f64::NAN, |p| p.y as f64 - height(v) / 2.0))
        .collect();
    let column_bands_at = |xs: &[f64], group: &[u32]| {
        let wish = keep.then_some(&wish[..]);
        column_bands(dag, lay, xs, group, wish, layer_gap as f64, node_gap as f64)
    };
    let mut node_band: Vec<Band> = match columns {
        Some(group) => column_bands_at(&xs, group),
        None => (0..lay.count())
            .map(|v| bands[lay.layer[v] as usize])
            .collect(),
    };

    // Move the drawing onto the pinned nodes, the current positions, or the origin.
    let pairs = |want: &dyn Fn(usize) -> Option<Pos>| -> Vec<(f64, f64)> {
        (0..n)
            .filter_map(|v| {
                want(v).map(|p| {
                    let band = node_band[v];
                    (p.x as f64 - xs[v], p.y as f64 - band.mid)
                })
            })
            .collect()
    };
    let mut offsets = pairs(&|v| dag.pinned[v]);
    if offsets.is_empty() {
        offsets = pairs(&|v| dag.current[v]);
    }
    let (dx, dy) = if offsets.is_empty() {
        let left = (0..n)
            .map(|v| xs[v] - width(v) / 2.0)
            .fold(f64::INFINITY, f64::min);
        (-left, 0.0)
    } else {
        (
            median(offsets.iter().map(|o| o.0)),
            median(offsets.iter().map(|o| o.1)),
        )
    };
    let dx = dx.round();
    let dy = dy.round();
    xs.iter_mut().for_each(|x| *x = (*x + dx).round());
    for b in bands.iter_mut().chain(node_band.iter_mut()) {
        b.top += dy;
        b.mid += dy;
        b.bottom += dy;
    }

    if keep {
        for list in &lay.layers {
            keep_layer(dag, list, &mut xs, node_gap as f64);
        }
    }
    if let Some(group) = columns {
        // The columns of the final (rounded, kept) coordinates; kept
        // drawings are already where they were wished.
        node_band = column_bands_at(&xs, group);
        let shift = if keep { 0.0 } else { dy };
        for b in &mut node_band {
            b.top += shift;
            b.mid += shift;
            b.bottom += shift;
        }
    }
    let mut at: Vec<Pos> = (0..lay.count())
        .map(|v| Pos::new(xs[v] as f32, node_band[v].mid as f32))
        .collect();
    if any_pinned {
        avoid_pinned(dag, lay, &bands, &mut at, node_gap as f64);
    }

    let routes = dag
        .edges
        .iter()
        .enumerate()
        .map(|(slot, e)| {
            let mut chain = vec![e.upper];
            let (first, len) = lay.chains[slot];
            chain.extend(first..first + len);
            chain.push(e.lower);
            let mut points = route(dag, &node_band, &at, &chain);
            if !e.reversed {
                points.reverse();
            }
            if transpose {
                points.iter_mut().for_each(|p| *p = Pos::new(p.y, p.x));
            }
            (e.edge, points)
        })
        .collect();
    let mut positions: Vec<_> = (0..n)
        .map(|v| {
            let p = at[v];
            (dag.ixs[v], if transpose { Pos::new(p.y, p.x) } else { p })
        })
        .collect();
    positions.sort_by_key(|&(ix, _)| ix);
    LayoutResult {
        positions,
        routes,
        reversed_edges: dag.edges.iter().filter(|e| e.reversed).count(),
    }
}

/// Positions for the nodes of `list` (in this order) as close to `goal` as
/// the gaps `sep` allow, in the least-squares sense: clusters of nodes
/// that push each other merge and sit at their members' mean goal.
pub(super) fn spread_apart(list: &[u32], goal: &[f64], sep: &dyn Fn(u32, u32) -> f64) -> Vec<f64> {
    struct Cluster {
        start: usize,
        end: usize,
        sum: f64,
        span: f64,
    }
    let mut stack: Vec<Cluster> = Vec::new();
    for (i, &g) in goal.iter().enumerate() {
        let mut cur = Cluster {
            start: i,
            end: i + 1,
            sum: g,
            span: 0.0,
        };
        while let Some(prev) = stack.last() {
            let gap = sep(list[prev.end - 1], list[cur.start]);
            let (pn, cn) = ((prev.end - prev.start) as f64, (cur.end - cur.start) as f64);
            if prev.sum / pn + prev.span + gap <= cur.sum / cn {
                break;
            }
            let shift = prev.span + gap;
            cur = Cluster {
                start: prev.start,
                end: cur.end,
                sum: prev.sum + cur.sum - cn * shift,
                span: shift + cur.span,
            };
            stack.pop();
        }
        stack.push(cur);
    }
    let mut out = Vec::with_capacity(list.len());
    for c in stack {
        let mut x = c.sum / (c.end - c.start) as f64;
        for i in c.start..c.end {
            if i > c.start {
                x += sep(list[i - 1], list[i]);
            }
            out.push(x);
        }
    }
    out
}

/// Keeps the boxes of one layer where they are (new boxes where the
/// layout proposes), spread apart only as far as `gap` needs, and puts
/// every run of dummy points evenly into the free space between the boxes
/// around it (or `gap / 2` apart beyond the outermost box), so that long
/// edges never push kept boxes around.
fn keep_layer(dag: &Dag, list: &[u32], xs: &mut [f64], gap: f64) {
    let n = dag.len();
    let width = |v: u32| dag.size[v as usize].0 as f64;
    let reals: Vec<u32> = list.iter().copied().filter(|&v| (v as usize) < n).collect();
    if reals.is_empty() {
        return;
    }
    let goal: Vec<f64> = reals
        .iter()
        .map(|&v| match dag.current[v as usize] {
            Some(p) => p.x as f64,
            None => xs[v as usize],
        })
        .collect();
    let sep = |a: u32, b: u32| (width(a) + width(b)) / 2.0 + gap;
    for (&v, x) in reals.iter().zip(spread_apart(&reals, &goal, &sep)) {
        xs[v as usize] = x.round();
    }
    let mut k = 0;
    while k < list.len() {
        if (list[k] as usize) < n {
            k += 1;
            continue;
        }
        let start = k;
        while k < list.len() && list[k] as usize >= n {
            k += 1;
        }
        let m = (k - start) as f64;
        let left = (start > 0).then(|| xs[list[start - 1] as usize] + width(list[start - 1]) / 2.0);
        let right = (k < list.len()).then(|| xs[list[k] as usize] - width(list[k]) / 2.0);
        for (j, &d) in list[start..k].iter().enumerate() {
            let j = j as f64;
            xs[d as usize] = match (left, right) {
                (Some(a), Some(b)) => a + (b - a) * (j + 1.0) / (m + 1.0),
                (Some(a), None) => a + gap / 2.0 * (j + 1.0),
                (None, Some(b)) => b - gap / 2.0 * (m - j),
                (None, None) => xs[d as usize],
            };
        }
    }
}

/// The median of some numbers (0 for none).
fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Puts pinned nodes at their positions and pushes the other boxes and
/// dummy points of every band they reach into rightwards, off them.
fn avoid_pinned(dag: &Dag, lay: &Layered, bands: &[Band], at: &mut [Pos], gap: f64) {
    let n = dag.len();
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (v, pin) in dag.pinned.iter().enumerate() {
        if let Some(p) = *pin {
            at[v] = p;
            let (w, h) = (dag.size[v].0 as f64 / 2.0, dag.size[v].1 as f64 / 2.0);
            let (x, y) = (p.x as f64, p.y as f64);
            boxes.push((y - h, y + h, x - w, x + w));
        }
    }
    boxes.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let width = |v: usize| if v < n { dag.size[v].0 as f64 } else { 0.0 };
    let gap_between = |a: usize, b: usize| if a < n && b < n { gap } else { gap / 2.0 };
    for (i, list) in lay.layers.iter().enumerate() {
        let band = bands[i];
        let reach = boxes.partition_point(|b| b.0 < band.bottom + gap / 2.0);
        let mut blocked: Vec<(f64, f64)> = boxes[..reach]
            .iter()
            .filter(|b| b.1 > band.top - gap / 2.0)
            .map(|b| (b.2 - gap, b.3 + gap))
            .collect();
        if blocked.is_empty() {
            continue;
        }
        blocked.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(blocked.len());
        for (lo, hi) in blocked {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let mut prev: Option<usize> = None;
        for &v in list {
            let v = v as usize;
            if v < n && dag.pinned[v].is_some() {
                continue;
            }
            let half = width(v) / 2.0;
            let mut x = at[v].x as f64;
            if let Some(p) = prev {
                x = x.max(at[p].x as f64 + width(p) / 2.0 + gap_between(p, v) + half);
            }
            let mut k = merged.partition_point(|m| m.1 <= x - half);
            while k < merged.len() && merged[k].0 < x + half {
                x = merged[k].1 + half;
                k += 1;
            }
            at[v].x = x.ceil() as f32;
            prev = Some(v);
        }
    }
}

/// The polyline along `chain` (upper node, dummies, lower node), from the
/// upper box's border to the lower box's border, through the `band` of
/// every node (a dummy's band is its layer's, or a point in columns).
fn route(dag: &Dag, band: &[Band], at: &[Pos], chain: &[u32]) -> Vec<Pos> {
    let (u, w) = (chain[0] as usize, chain[chain.len() - 1] as usize);
    let mut mid: Vec<Pos> = Vec::with_capacity(chain.len() * 2);
    if dag.pinned[u].is_none() {
        mid.push(Pos::new(at[u].x, band[u].bottom as f32));
    }
    for &d in &chain[1..chain.len() - 1] {
        let b = band[d as usize];
        let x = at[d as usize].x;
        mid.push(Pos::new(x, b.top as f32));
        mid.push(Pos::new(x, b.bottom as f32));
    }
    if dag.pinned[w].is_none() {
        mid.push(Pos::new(at[w].x, band[w].top as f32));
    }
    let towards_lower = mid.first().copied().unwrap_or(at[w]);
    let towards_upper = mid.last().copied().unwrap_or(at[u]);
    let mut points = Vec::with_capacity(mid.len() + 2);
    points.push(port(dag, u, at[u], towards_lower, true));
    points.extend(mid);
    points.push(port(dag, w, at[w], towards_upper, false));
    points.dedup();
    if points.len() < 2 {
        points.push(points[0]);
    }
    points
}

/// Where the line from node `v` (centred at `c`) towards `p` leaves its box
/// or, for a connector, its circle. `below` picks the bottom side when `p`
/// is the centre itself.
fn port(dag: &Dag, v: usize, c: Pos, p: Pos, below: bool) -> Pos {
    let (w, h) = dag.size[v];
    let (mut dx, mut dy) = (p.x - c.x, p.y - c.y);
    if dx.abs() < 1e-6 && dy.abs() < 1e-6 {
        dx = 0.0;
        dy = if below { 1.0 } else { -1.0 };
    }
    if dag.inference[v] {
        let r = w.min(h) / 2.0;
        let len = (dx * dx + dy * dy).sqrt();
        return Pos::new(c.x + dx / len * r, c.y + dy / len * r);
    }
    let tx = if dx.abs() > 0.0 {
        (w / 2.0) / dx.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dy.abs() > 0.0 {
        (h / 2.0) / dy.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    Pos::new(c.x + dx * t, c.y + dy * t)
}
