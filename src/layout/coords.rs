//! Horizontal coordinates: Brandes–Köpf ("Fast and Simple Horizontal
//! Coordinate Assignment", 2001) with real box widths.
//!
//! Four passes (align with upper or lower neighbours, packing leftwards or
//! rightwards) each line every node up with a median neighbour where that
//! keeps the order, so a connector sits straight above its middle premise
//! and long edges run straight down. Blocks of aligned nodes are then
//! packed as tightly as the gaps allow, by a longest path over the graph of
//! neighbouring blocks followed by a pass that pulls blocks towards their
//! right neighbours. The four results are aligned to the narrowest and
//! averaged (the mean of the two middle values per node), which centres
//! parents over their children. A last pass per layer restores the minimum
//! gaps that averaging can break. Everything is linear in nodes plus edges.

use std::collections::HashSet;

use super::dag::Dag;
use super::layering::{Adjacency, Layered};

/// The `x` of every node of `lay` (dummies included), centre of its box.
pub(super) fn assign(dag: &Dag, lay: &Layered, node_gap: f32) -> Vec<f64> {
    let count = lay.count();
    let width: Vec<f64> = (0..count)
        .map(|v| {
            if v < lay.real {
                dag.size[v].0 as f64
            } else {
                0.0
            }
        })
        .collect();
    let gap = node_gap as f64;
    let sep = |a: u32, b: u32| {
        let g = if lay.is_dummy(a) || lay.is_dummy(b) {
            gap * 0.5
        } else {
            gap
        };
        (width[a as usize] + width[b as usize]) / 2.0 + g
    };
    let marked = type1_conflicts(lay);
    let mut results: Vec<(Vec<f64>, bool)> = Vec::with_capacity(4);
    for top_down in [true, false] {
        for left in [true, false] {
            results.push((variant(lay, &marked, top_down, left, &sep), left));
        }
    }
    // Align every result to the narrowest one.
    let extent = |xs: &[f64]| {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for (v, &x) in xs.iter().enumerate() {
            lo = lo.min(x - width[v] / 2.0);
            hi = hi.max(x + width[v] / 2.0);
        }
        (lo, hi)
    };
    let extents: Vec<(f64, f64)> = results.iter().map(|(xs, _)| extent(xs)).collect();
    let narrowest = (0..4)
        .min_by(|&a, &b| {
            let wa = extents[a].1 - extents[a].0;
            let wb = extents[b].1 - extents[b].0;
            wa.total_cmp(&wb)
        })
        .unwrap_or(0);
    let (goal_lo, goal_hi) = extents[narrowest];
    for (k, (xs, left)) in results.iter_mut().enumerate() {
        let shift = if *left {
            goal_lo - extents[k].0
        } else {
            goal_hi - extents[k].1
        };
        xs.iter_mut().for_each(|x| *x += shift);
    }
    let mut xs: Vec<f64> = (0..count)
        .map(|v| {
            let mut four = [
                results[0].0[v],
                results[1].0[v],
                results[2].0[v],
                results[3].0[v],
            ];
            four.sort_unstable_by(f64::total_cmp);
            (four[1] + four[2]) / 2.0
        })
        .collect();
    for list in &lay.layers {
        for pair in list.windows(2) {
            let min = xs[pair[0] as usize] + sep(pair[0], pair[1]);
            if xs[pair[1] as usize] < min {
                xs[pair[1] as usize] = min;
            }
        }
    }
    centre_parents(lay, &mut xs, &sep);
    xs
}

/// From the bottom layer up, moves every node with children towards the
/// middle of their span, as far as its neighbours' gaps allow.
fn centre_parents(lay: &Layered, xs: &mut [f64], sep: &dyn Fn(u32, u32) -> f64) {
    for list in lay.layers.iter().rev() {
        for (k, &v) in list.iter().enumerate() {
            let below = lay.down.of(v);
            let (Some(&first), Some(&last)) = (below.first(), below.last()) else {
                continue;
            };
            let goal = (xs[first as usize] + xs[last as usize]) / 2.0;
            let lo = if k > 0 {
                xs[list[k - 1] as usize] + sep(list[k - 1], v)
            } else {
                f64::NEG_INFINITY
            };
            let hi = if k + 1 < list.len() {
                xs[list[k + 1] as usize] - sep(v, list[k + 1])
            } else {
                f64::INFINITY
            };
            if lo <= hi {
                xs[v as usize] = goal.clamp(lo, hi);
            }
        }
    }
}

/// Type 1 conflicts: segments that are not inner (dummy to dummy) and cross
/// an inner segment. They are never aligned, so long edges stay straight.
fn type1_conflicts(lay: &Layered) -> HashSet<(u32, u32)> {
    let mut marked = HashSet::new();
    for i in 0..lay.layers.len().saturating_sub(1) {
        let (upper, lower) = (&lay.layers[i], &lay.layers[i + 1]);
        if upper.is_empty() {
            continue;
        }
        let mut k0 = 0u32;
        let mut l = 0usize;
        for (l1, &v) in lower.iter().enumerate() {
            let inner = if lay.is_dummy(v) {
                lay.up.of(v).iter().copied().find(|&u| lay.is_dummy(u))
            } else {
                None
            };
            if l1 + 1 == lower.len() || inner.is_some() {
                let k1 = inner.map_or(upper.len() as u32 - 1, |u| lay.pos[u as usize]);
                while l <= l1 {
                    let w = lower[l];
                    for &u in lay.up.of(w) {
                        let k = lay.pos[u as usize];
                        let is_inner = lay.is_dummy(u) && lay.is_dummy(w);
                        if (k < k0 || k > k1) && !is_inner {
                            marked.insert((u, w));
                        }
                    }
                    l += 1;
                }
                k0 = k1;
            }
        }
    }
    marked
}

/// One of the four Brandes–Köpf passes; returns `x` in the normal frame.
fn variant(
    lay: &Layered,
    marked: &HashSet<(u32, u32)>,
    top_down: bool,
    left: bool,
    sep: &dyn Fn(u32, u32) -> f64,
) -> Vec<f64> {
    let count = lay.count();
    let layers = &lay.layers;
    let depth = layers.len();
    let at = |list: &[u32], k: usize| {
        if left {
            list[k]
        } else {
            list[list.len() - 1 - k]
        }
    };
    let pos_v = |v: u32| -> i64 {
        let p = lay.pos[v as usize] as i64;
        if left {
            p
        } else {
            layers[lay.layer[v as usize] as usize].len() as i64 - 1 - p
        }
    };
    let mut root: Vec<u32> = (0..count as u32).collect();
    let mut align: Vec<u32> = root.clone();
    let sequence: Vec<usize> = if top_down {
        (0..depth).collect()
    } else {
        (0..depth).rev().collect()
    };
    for &i in sequence.iter().skip(1) {
        let list = &layers[i];
        let mut r = -1i64;
        for k in 0..list.len() {
            let v = at(list, k);
            let nbrs = if top_down {
                lay.up.of(v)
            } else {
                lay.down.of(v)
            };
            let d = nbrs.len();
            if d == 0 {
                continue;
            }
            let (lo, hi) = ((d - 1) / 2, d / 2);
            let medians = if left { [lo, hi] } else { [hi, lo] };
            for (n, &m) in medians.iter().enumerate() {
                if n == 1 && lo == hi {
                    break;
                }
                if align[v as usize] != v {
                    break;
                }
                let u = nbrs[m];
                let segment = if top_down { (u, v) } else { (v, u) };
                if r < pos_v(u) && !marked.contains(&segment) {
                    align[u as usize] = v;
                    root[v as usize] = root[u as usize];
                    align[v as usize] = root[v as usize];
                    r = pos_v(u);
                }
            }
        }
    }

    // Compaction over the graph of neighbouring blocks.
    let mut block_edges: Vec<(u32, u32, f64)> = Vec::with_capacity(count);
    for list in layers {
        for k in 1..list.len() {
            let (p, w) = (at(list, k - 1), at(list, k));
            block_edges.push((root[p as usize], root[w as usize], sep(p, w)));
        }
    }
    let numbered = || block_edges.iter().enumerate().map(|(k, e)| (e, k as u32));
    let incoming = Adjacency::from_pairs(count, numbered().map(|(e, k)| (e.1, k)));
    let outgoing = Adjacency::from_pairs(count, numbered().map(|(e, k)| (e.0, k)));
    let mut indegree: Vec<u32> = (0..count as u32)
        .map(|b| incoming.of(b).len() as u32)
        .collect();
    let mut topo: Vec<u32> = (0..count as u32)
        .filter(|&b| root[b as usize] == b && indegree[b as usize] == 0)
        .collect();
    let mut head = 0;
    while head < topo.len() {
        let b = topo[head];
        head += 1;
        for &e in outgoing.of(b) {
            let to = block_edges[e as usize].1;
            indegree[to as usize] -= 1;
            if indegree[to as usize] == 0 {
                topo.push(to);
            }
        }
    }
    let mut x = vec![0.0f64; count];
    for &b in &topo {
        x[b as usize] = incoming
            .of(b)
            .iter()
            .map(|&e| {
                let (from, _, w) = block_edges[e as usize];
                x[from as usize] + w
            })
            .fold(0.0, f64::max);
    }
    for &b in topo.iter().rev() {
        let limit = outgoing
            .of(b)
            .iter()
            .map(|&e| {
                let (_, to, w) = block_edges[e as usize];
                x[to as usize] - w
            })
            .fold(f64::INFINITY, f64::min);
        if limit.is_finite() && limit > x[b as usize] {
            x[b as usize] = limit;
        }
    }
    let sign = if left { 1.0 } else { -1.0 };
    (0..count).map(|v| sign * x[root[v] as usize]).collect()
}
