//! Crossing reduction: the order of the nodes within each layer.
//!
//! The seed is the tree order (depth-first preorder from the roots), which
//! draws a tree with no crossings at all; dummy points of a long edge start
//! next to the subtree they lead into. When most nodes already have
//! positions the seed is their current left-to-right order instead, so a
//! relayout keeps the picture the user knows. Barycenter sweeps, down and
//! up, then improve the order; every order is scored with an exact
//! `E log V` crossing count and only a strictly better one replaces the
//! best so far. Components never mix: they stay side by side in seed order.

use std::cmp::Ordering;

use super::dag::{Dag, NONE};
use super::layering::Layered;

/// Orders the layers of `lay`, trying up to `effort` down-and-up sweeps.
pub(super) fn order(dag: &Dag, lay: &mut Layered, effort: usize) {
    let count = lay.count();
    let (component, stable) = seed(dag, lay, &dag.preorder);
    let mut bary = vec![0.0f64; count];
    let mut reduce = |lay: &mut Layered| {
        let mut swept = None;
        if !stable {
            improve(lay, &component, &mut bary, effort, false);
            if keeps_swept_order(count) {
                // Too big to polish: keep the swept order of the dummies
                // too (re-placing them from the boxes' order alone lost
                // crossings: the generated 10k map, 150,922 -> 213,430).
                return;
            }
            if effort >= POLISH_EFFORT && polishes(count) {
                polish(lay, &component);
                swept = Some((crossings(lay), lay.layers.clone()));
            }
        }
        // The dummies' order follows from the boxes' order alone, so laying
        // out a laid-out map again reproduces it (a relayout keeps the
        // boxes' order the user knows, and only the dummy points of long
        // edges move).
        place_dummies(dag, lay, &component);
        improve(lay, &component, &mut bary, 3, true);
        // A fresh layout keeps the swept order when re-placing the dummies
        // lost crossings it had found: the boxes' order the sweeps and the
        // polish chose may need their dummies' order, which the re-placing
        // (moving dummies only) does not find again (a generated 1k map,
        // compact, polished: over 4,000 crossings re-placed, 3,2xx kept).
        if let Some((kept, layers)) = swept
            && kept < crossings(lay)
        {
            lay.layers = layers;
            renumber(lay);
        }
    };
    reduce(lay);
    // Small graphs, full runs: also start from the other tree orders and
    // keep the order with the fewest crossings (a generated 1k map,
    // compact: 3,629 -> 3,542; wide: 3,883 -> 3,841).
    if !stable && effort >= MULTI_SEED_EFFORT && count <= MULTI_SEED_UP_TO {
        let mut best = (crossings(lay), lay.layers.clone());
        for pre in &dag.alt_preorders {
            seed(dag, lay, pre);
            reduce(lay);
            let now = crossings(lay);
            if now < best.0 {
                best = (now, lay.layers.clone());
            }
        }
        lay.layers = best.1;
        renumber(lay);
    }
    sort_adjacency(lay);
}

/// Crossing reductions of at least this many sweeps (full runs) end with
/// [`polish`].
const POLISH_EFFORT: usize = 8;

/// Layered graphs (dummy points included) from this many nodes on are
/// polished (and keep their polished dummies' order, see [`order`]).
/// Smaller ones, the maps people lay out again after an edit, keep the
/// dummies' order that follows from the boxes' order alone, so that a
/// relayout reproduces the drawing: with the polished order kept, a
/// relayout of a 150-statement map moved more than 5 % of its boxes.
const POLISH_FROM: usize = 8_000;

/// Layered graphs (dummy points included) up to this many nodes are
/// polished; bigger ones keep the sweeps' order, dummy points included
/// (see [`order`]). The polish costs about 1 s on 200k nodes, and the
/// generated 5k and 10k maps' compact layerings (65k and 170k nodes,
/// filled by subtree) draw less than half dot's crossings without it.
const POLISH_UP_TO: usize = 40_000;

/// Whether a fresh order of a layered graph of `count` nodes (dummy
/// points included) is too big to polish and keeps the sweeps' order,
/// dummy points included ([`POLISH_UP_TO`]).
pub(super) fn keeps_swept_order(count: usize) -> bool {
    count > POLISH_UP_TO
}

/// Whether full runs on a layered graph of `count` nodes (dummy points
/// included) are polished.
pub(super) fn polishes(count: usize) -> bool {
    (POLISH_FROM..=POLISH_UP_TO).contains(&count)
}

/// Transposition passes [`polish`] runs without a gain of over
/// [`POLISH_GAIN`] before it stops.
const POLISH_QUIT: usize = 2;

/// Most transposition passes of [`polish`].
const POLISH_PASSES: usize = 24;

/// The relative gain (0.5 %) that restarts [`polish`]'s count of passes,
/// dot's `Convergence`.
const POLISH_GAIN: f64 = 0.005;

/// Most rounds of one transposition pass of [`polish`].
const POLISH_ROUNDS: usize = 1000;

/// Transposition with sideways moves, as dot's mincross does (Gansner et
/// al. 1993, section 3; Graphviz `lib/dotgen/mincross.c`: `transpose`
/// swaps on equal crossings when not reversing): neighbours are also
/// swapped when that keeps their crossings equal, which walks across the
/// plateaus where plain transposition and the barycenter sweeps stop.
/// Passes repeat until [`POLISH_QUIT`] of them gain under
/// [`POLISH_GAIN`]; the crossings never grow (every swap is counted
/// exactly). A generated 1k map, compact: 3,537 -> 3,205 crossings.
fn polish(lay: &mut Layered, component: &[u32]) {
    let mut best = crossings(lay);
    let mut best_layers = lay.layers.clone();
    let mut idle = 0;
    for _ in 0..POLISH_PASSES {
        if idle >= POLISH_QUIT || best == 0 {
            break;
        }
        idle += 1;
        transpose(lay, component, false, POLISH_ROUNDS, true);
        let now = crossings(lay);
        if now <= best {
            if (now as f64) < (1.0 - POLISH_GAIN) * best as f64 {
                idle = 0;
            }
            best = now;
            best_layers.clone_from(&lay.layers);
        }
    }
    lay.layers = best_layers;
    renumber(lay);
}

/// Crossing reductions of at least this many sweeps (the full runs, not
/// the compact layout's budget trials) also try the alternative seeds.
const MULTI_SEED_EFFORT: usize = 8;

/// Layered graphs (dummy points included) up to this many nodes try the
/// alternative seeds: each costs one more crossing reduction.
const MULTI_SEED_UP_TO: usize = 40_000;

/// The seed order alone (tree order, or current positions), with every
/// dummy point between the real nodes at its edge's mixed place: no
/// crossing reduction. Linear but for the sorts; what the compact layout's
/// budget trials measure, as the drawing's extent hardly depends on the
/// order.
pub(super) fn seed_order(dag: &Dag, lay: &mut Layered) {
    let (component, _) = seed(dag, lay, &dag.preorder);
    place_dummies(dag, lay, &component);
    sort_adjacency(lay);
}

/// Sorts the adjacency lists of `lay` by the current order.
fn sort_adjacency(lay: &mut Layered) {
    let pos = lay.pos.clone();
    lay.up.sort_by_key(|w| pos[w as usize]);
    lay.down.sort_by_key(|w| pos[w as usize]);
}

/// Sorts every layer of `lay` into the seed order (tree order `preorder`,
/// or current positions); returns the component of
/// every node (dummies included) and whether the seed came from current
/// positions.
fn seed(dag: &Dag, lay: &mut Layered, preorder: &[u32]) -> (Vec<u32>, bool) {
    let count = lay.count();
    let (key, component, stable) = seed_keys(dag, lay, preorder);
    let mut layers: Vec<Vec<u32>> = vec![Vec::new(); lay.layers.len()];
    for v in 0..count as u32 {
        layers[lay.layer[v as usize] as usize].push(v);
    }
    for list in &mut layers {
        list.sort_by(|&a, &b| {
            component[a as usize]
                .cmp(&component[b as usize])
                .then(key[a as usize].0.total_cmp(&key[b as usize].0))
                .then(key[a as usize].1.cmp(&key[b as usize].1))
        });
    }
    lay.layers = layers;
    renumber(lay);
    (component, stable)
}

/// Moves the members of every group (nodes of one layer) next to each
/// other, in the group's order, where its leftmost member was; then sorts
/// the adjacency lists by the new order, as [`order`] does.
pub(super) fn keep_together(lay: &mut Layered, groups: &[Vec<u32>]) {
    let mut member = vec![false; lay.count()];
    for group in groups {
        let Some(&head) = group.first() else { continue };
        let l = lay.layer[head as usize];
        if group.iter().any(|&m| lay.layer[m as usize] != l) {
            continue;
        }
        let first = group
            .iter()
            .map(|&m| lay.pos[m as usize])
            .min()
            .unwrap_or(0);
        let together = group
            .iter()
            .enumerate()
            .all(|(k, &m)| lay.pos[m as usize] == first + k as u32);
        if together {
            continue;
        }
        group.iter().for_each(|&m| member[m as usize] = true);
        let list = &mut lay.layers[l as usize];
        let mut rest: Vec<u32> = list
            .iter()
            .copied()
            .filter(|&v| !member[v as usize])
            .collect();
        let at = first as usize;
        let tail = rest.split_off(at);
        rest.extend_from_slice(group);
        rest.extend(tail);
        *list = rest;
        group.iter().for_each(|&m| member[m as usize] = false);
        for (k, &v) in lay.layers[l as usize].iter().enumerate() {
            lay.pos[v as usize] = k as u32;
        }
    }
    let pos = lay.pos.clone();
    lay.up.sort_by_key(|w| pos[w as usize]);
    lay.down.sort_by_key(|w| pos[w as usize]);
}

/// Up to `effort` down-and-up sweeps, keeping the best order found.
fn improve(lay: &mut Layered, component: &[u32], bary: &mut [f64], effort: usize, keep_real: bool) {
    let mut best = crossings(lay);
    let mut best_layers = lay.layers.clone();
    let mut stale = 0;
    for _ in 0..effort {
        if best == 0 {
            break;
        }
        let before = best;
        for downward in [true, false] {
            sweep(lay, component, bary, downward, keep_real);
            transpose(lay, component, keep_real, 4, false);
            let now = crossings(lay);
            if now < best {
                best = now;
                best_layers.clone_from(&lay.layers);
            }
        }
        stale = if best < before { 0 } else { stale + 1 };
        if stale >= 2 {
            break;
        }
    }
    lay.layers = best_layers;
    renumber(lay);
}

/// The transposition heuristic of dot (Gansner, Koutsofios, North and Vo,
/// "A Technique for Drawing Directed Graphs", 1993, section 3): swaps
/// neighbours of one layer whenever that lowers the crossings of their
/// edges to the layers above and below, until a pass changes nothing or
/// after `rounds` passes. Nodes of different components are never
/// swapped, nor (with `keep_real`) two real nodes. With `sideways`, swaps
/// that keep the crossings equal (and above zero) are made too; passes
/// still stop once one lowers nothing.
fn transpose(lay: &mut Layered, component: &[u32], keep_real: bool, rounds: usize, sideways: bool) {
    let mut above_u: Vec<u32> = Vec::new();
    let mut above_v: Vec<u32> = Vec::new();
    let mut below_u: Vec<u32> = Vec::new();
    let mut below_v: Vec<u32> = Vec::new();
    // Layers that may still have an improving swap: a layer none of whose
    // neighbours (nor itself) changed since it was last checked has none,
    // so skipping it gives the same result as checking every layer.
    let depth = lay.layers.len();
    let mut dirty = vec![true; depth];
    let mut next = vec![false; depth];
    for _ in 0..rounds {
        let mut improved = false;
        for i in 0..depth {
            if !dirty[i] || lay.layers[i].len() < 2 {
                continue;
            }
            for k in 0..lay.layers[i].len() - 1 {
                let (u, v) = (lay.layers[i][k], lay.layers[i][k + 1]);
                if component[u as usize] != component[v as usize]
                    || (keep_real && !lay.is_dummy(u) && !lay.is_dummy(v))
                {
                    continue;
                }
                let (up_u, up_v) = (lay.up.of(u), lay.up.of(v));
                let (down_u, down_v) = (lay.down.of(u), lay.down.of(v));
                let (now, swapped) =
                    if up_u.len() <= 1 && up_v.len() <= 1 && down_u.len() <= 1 && down_v.len() <= 1
                    {
                        // Dummy points and most boxes: one edge up, one down.
                        let at = |list: &[u32]| list.first().map(|&w| lay.pos[w as usize]);
                        let (au, av) = (at(up_u), at(up_v));
                        let (bu, bv) = (at(down_u), at(down_v));
                        (
                            single_crossing(au, av) + single_crossing(bu, bv),
                            single_crossing(av, au) + single_crossing(bv, bu),
                        )
                    } else {
                        let fill = |out: &mut Vec<u32>, list: &[u32]| {
                            out.clear();
                            out.extend(list.iter().map(|&w| lay.pos[w as usize]));
                            out.sort_unstable();
                        };
                        fill(&mut above_u, up_u);
                        fill(&mut above_v, up_v);
                        fill(&mut below_u, down_u);
                        fill(&mut below_v, down_v);
                        (
                            pair_crossings(&above_u, &above_v) + pair_crossings(&below_u, &below_v),
                            pair_crossings(&above_v, &above_u) + pair_crossings(&below_v, &below_u),
                        )
                    };
                if swapped < now || (sideways && now > 0 && swapped == now) {
                    lay.layers[i].swap(k, k + 1);
                    lay.pos[u as usize] = k as u32 + 1;
                    lay.pos[v as usize] = k as u32;
                    improved |= swapped < now;
                    next[i.saturating_sub(1)..(i + 2).min(depth)].fill(true);
                    if i + 1 < depth {
                        dirty[i + 1] = true; // checked later in this round
                    }
                }
            }
        }
        if !improved {
            break;
        }
        std::mem::swap(&mut dirty, &mut next);
        next.fill(false);
    }
}

/// [`pair_crossings`] for nodes with at most one neighbour each: 1 when
/// both have one and the left node's is right of the right node's.
fn single_crossing(left: Option<u32>, right: Option<u32>) -> u64 {
    match (left, right) {
        (Some(a), Some(b)) => u64::from(a > b),
        _ => 0,
    }
}

/// Crossings between the edges of a node with neighbour places `left`
/// and those of the node right of it with places `right` (both sorted):
/// the pairs with `a` in `left` greater than `b` in `right`.
fn pair_crossings(left: &[u32], right: &[u32]) -> u64 {
    let mut total = 0u64;
    let mut j = 0usize;
    for &a in left {
        while j < right.len() && right[j] < a {
            j += 1;
        }
        total += j as u64;
    }
    total
}

/// Puts every dummy point between the real nodes of its layer, at the
/// height-weighted mix of its edge's two ends' relative places in theirs.
fn place_dummies(dag: &Dag, lay: &mut Layered, component: &[u32]) {
    let mut place = vec![0.0f64; lay.count()];
    for list in &lay.layers {
        let reals = list.iter().filter(|&&v| !lay.is_dummy(v)).count().max(1) as f64;
        let mut k = 0.0;
        for &v in list.iter().filter(|&&v| !lay.is_dummy(v)) {
            place[v as usize] = (k + 0.5) / reals;
            k += 1.0;
        }
    }
    for (slot, e) in dag.edges.iter().enumerate() {
        let (first, len) = lay.chains[slot];
        let (top, bottom) = (place[e.upper as usize], place[e.lower as usize]);
        for k in 0..len {
            let t = (k + 1) as f64 / (len + 1) as f64;
            place[(first + k) as usize] = top + (bottom - top) * t;
        }
    }
    let cmp = |a: u32, b: u32| {
        component[a as usize]
            .cmp(&component[b as usize])
            .then(place[a as usize].total_cmp(&place[b as usize]))
    };
    let real_count = lay.real as u32;
    for list in &mut lay.layers {
        let (real, mut dummies): (Vec<u32>, Vec<u32>) = list.iter().partition(|&&v| v < real_count);
        dummies.sort_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
        list.clear();
        let mut d = dummies.into_iter().peekable();
        for v in real {
            while let Some(&x) = d.peek() {
                if cmp(x, v) == Ordering::Less {
                    list.push(x);
                    d.next();
                } else {
                    break;
                }
            }
            list.push(v);
        }
        list.extend(d);
    }
    renumber(lay);
}

/// Seed sort keys and the component of every node, dummies included, and
/// whether the seed comes from current positions.
fn seed_keys(dag: &Dag, lay: &Layered, preorder: &[u32]) -> (Vec<(f64, u32)>, Vec<u32>, bool) {
    let n = dag.len();
    let placed = (0..n)
        .filter(|&v| dag.current[v].is_some() || dag.pinned[v].is_some())
        .count();
    let stable = n > 1 && placed * 2 >= n;
    let mut key = vec![(0.0f64, 0u32); lay.count()];
    if stable {
        let mut by_preorder: Vec<u32> = (0..n as u32).collect();
        by_preorder.sort_unstable_by_key(|&v| preorder[v as usize]);
        for v in by_preorder {
            let v = v as usize;
            // Pinned boxes sit anywhere; their slot follows the tree instead.
            let x = dag.current[v].map(|p| p.x as f64);
            let parent = dag.tree_parent[v];
            key[v] = match (x, parent) {
                (Some(x), _) => (x, preorder[v]),
                (None, p) if p != NONE => (key[p as usize].0, preorder[v]),
                (None, _) => (f64::MAX, preorder[v]),
            };
        }
    } else {
        for (k, &pre) in key.iter_mut().zip(preorder) {
            *k = (pre as f64, pre);
        }
    }
    let mut component: Vec<u32> = dag.component.clone();
    component.resize(lay.count(), 0);
    for (slot, e) in dag.edges.iter().enumerate() {
        let (first, len) = lay.chains[slot];
        let (top, bottom) = (key[e.upper as usize].0, key[e.lower as usize].0);
        for k in 0..len {
            let d = (first + k) as usize;
            component[d] = dag.component[e.upper as usize];
            key[d] = if stable && top.is_finite() && bottom.is_finite() && top < f64::MAX {
                let t = (k + 1) as f64 / (len + 1) as f64;
                (top + (bottom - top) * t, preorder[e.upper as usize])
            } else {
                (bottom, preorder[e.upper as usize])
            };
        }
    }
    (key, component, stable)
}

/// Sets `pos` from `layers`.
fn renumber(lay: &mut Layered) {
    for list in &lay.layers {
        for (k, &v) in list.iter().enumerate() {
            lay.pos[v as usize] = k as u32;
        }
    }
}

/// One barycenter sweep, top to bottom (`downward`) or bottom to top;
/// with `keep_real` only dummies move, merged between the real nodes.
fn sweep(lay: &mut Layered, component: &[u32], bary: &mut [f64], downward: bool, keep_real: bool) {
    let depth = lay.layers.len();
    let order: Vec<usize> = if downward {
        (1..depth).collect()
    } else {
        (0..depth.saturating_sub(1)).rev().collect()
    };
    for i in order {
        let mut list = std::mem::take(&mut lay.layers[i]);
        for &v in &list {
            let nbrs = if downward {
                lay.up.of(v)
            } else {
                lay.down.of(v)
            };
            bary[v as usize] = if nbrs.is_empty() {
                lay.pos[v as usize] as f64
            } else {
                nbrs.iter()
                    .map(|&u| lay.pos[u as usize] as f64)
                    .sum::<f64>()
                    / nbrs.len() as f64
            };
        }
        let cmp = |a: &u32, b: &u32| {
            component[*a as usize]
                .cmp(&component[*b as usize])
                .then(
                    bary[*a as usize]
                        .partial_cmp(&bary[*b as usize])
                        .unwrap_or(Ordering::Equal),
                )
                .then(lay.pos[*a as usize].cmp(&lay.pos[*b as usize]))
        };
        if keep_real {
            let (real, mut dummies): (Vec<u32>, Vec<u32>) =
                list.iter().partition(|&&v| !lay.is_dummy(v));
            dummies.sort_unstable_by(cmp);
            list.clear();
            let mut d = dummies.into_iter().peekable();
            for v in real {
                while let Some(&x) = d.peek() {
                    if cmp(&x, &v) == Ordering::Less {
                        list.push(x);
                        d.next();
                    } else {
                        break;
                    }
                }
                list.push(v);
            }
            list.extend(d);
        } else {
            // `pos` breaks every tie, so an unstable sort gives the same order.
            list.sort_unstable_by(cmp);
        }
        for (k, &v) in list.iter().enumerate() {
            lay.pos[v as usize] = k as u32;
        }
        lay.layers[i] = list;
    }
}

/// Number of crossings between consecutive layers in the current order.
pub(super) fn crossings(lay: &Layered) -> u64 {
    let mut total = 0;
    let mut seq: Vec<u32> = Vec::new();
    let mut tree: Vec<u32> = Vec::new();
    for i in 0..lay.layers.len().saturating_sub(1) {
        seq.clear();
        for &u in &lay.layers[i] {
            let start = seq.len();
            seq.extend(lay.down.of(u).iter().map(|&w| lay.pos[w as usize]));
            seq[start..].sort_unstable();
        }
        total += inversions(&seq, lay.layers[i + 1].len(), &mut tree);
    }
    total
}

/// Pairs `a` before `b` in `seq` with `a > b` (values below `size`), with a
/// Fenwick tree.
fn inversions(seq: &[u32], size: usize, tree: &mut Vec<u32>) -> u64 {
    tree.clear();
    tree.resize(size + 1, 0);
    let mut total = 0u64;
    for (seen, &x) in seq.iter().enumerate() {
        // Count values <= x inserted so far.
        let mut i = x as usize + 1;
        let mut not_greater = 0u64;
        while i > 0 {
            not_greater += tree[i] as u64;
            i &= i - 1;
        }
        total += seen as u64 - not_greater;
        let mut i = x as usize + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    total
}

#[cfg(test)]
mod tests {
    #[test]
    fn pair_crossings_count_inverted_pairs() {
        assert_eq!(super::pair_crossings(&[0, 1], &[2, 3]), 0);
        assert_eq!(super::pair_crossings(&[2, 3], &[0, 1]), 4);
        assert_eq!(super::pair_crossings(&[1], &[1]), 0);
        assert_eq!(super::pair_crossings(&[0, 2], &[1]), 1);
    }

    #[test]
    fn inversions_count_crossing_pairs() {
        let mut tree = Vec::new();
        assert_eq!(super::inversions(&[0, 1, 2], 3, &mut tree), 0);
        assert_eq!(super::inversions(&[2, 1, 0], 3, &mut tree), 3);
        assert_eq!(super::inversions(&[1, 1, 0], 2, &mut tree), 2);
    }
}
