//! Horizontal coordinates for the compact layout: layers packed, then
//! swept towards their neighbours (see [`place_x`]), and a root's direct
//! premises gathered within [`ROOT_SPAN`] so that a map opens showing its
//! thesis with all its reasons and objections at a readable zoom (issue
//! 14: on a 1600 × 1000 window the canvas shows about 1,330 px of map with
//! 13 px body text at 11 px on screen).

use super::compact::{Target, edgeless};
use super::dag::Dag;
use super::layering::Layered;
use super::place::spread_apart;

/// The widest span, box edge to box edge, of the direct premises (reasons
/// and objections) of a statement on the top layer, in pixels.
pub(super) const ROOT_SPAN: f64 = 1200.0;

/// Horizontal coordinates for a wrapped layering: every layer packed in
/// its order, then sweeps down and up that pull each node towards the mean
/// of its neighbours above (below) and spread each layer apart only as far
/// as the gaps need (least squares, as in [`spread_apart`]). Unlike
/// Brandes–Köpf, which keeps long edges straight and so reserves a column
/// for every wrapped edge, this keeps each layer about as wide as its
/// boxes, which is what the budget counts. The last sweep goes up, so
/// parents end centred over their children. With `target.free_alone`,
/// statements with no edge take no room (they are placed afterwards).
pub(super) fn place_x(lay: &Layered, dag: &Dag, target: &Target) -> Vec<f64> {
    let gap = target.node_gap;
    let free = |v: u32| !lay.is_dummy(v) && target.free_alone && edgeless(dag, v as usize);
    let width = |v: u32| {
        if lay.is_dummy(v) || free(v) {
            0.0
        } else {
            dag.size[v as usize].0 as f64
        }
    };
    let sep = |a: u32, b: u32| {
        let g = if free(a) || free(b) {
            0.0
        } else if lay.is_dummy(a) || lay.is_dummy(b) {
            gap / 2.0
        } else {
            gap
        };
        (width(a) + width(b)) / 2.0 + g
    };
    let mut xs = vec![0.0f64; lay.count()];
    for list in &lay.layers {
        let mut x = 0.0;
        for (k, &v) in list.iter().enumerate() {
            if k > 0 {
                x += sep(list[k - 1], v);
            }
            xs[v as usize] = x;
        }
        let mid = x / 2.0;
        list.iter().for_each(|&v| xs[v as usize] -= mid);
    }
    let depth = lay.layers.len();
    for round in 0..6 {
        if round % 2 == 0 {
            sweep(lay, &mut xs, &sep, 1..depth, true, &[]);
        } else {
            sweep(
                lay,
                &mut xs,
                &sep,
                (0..depth.saturating_sub(1)).rev(),
                false,
                &[],
            );
        }
    }
    // Gather the roots' direct premises, let everything below follow them
    // down, and centre what is above over them again.
    // Only for fresh layouts: with pinned boxes the drawing is moved onto
    // them, and gathering made such a relayout move every box.
    let gathered = if target.fresh {
        gather_root_premises(lay, dag, &mut xs, &sep)
    } else {
        Vec::new()
    };
    if let Some(&first) = gathered.iter().map(|(l, _)| l).min() {
        let first = first as usize;
        let fixed: Vec<u32> = gathered
            .iter()
            .flat_map(|(_, vs)| vs.iter().copied())
            .collect();
        sweep(lay, &mut xs, &sep, first + 1..depth, true, &fixed);
        sweep(lay, &mut xs, &sep, (0..first).rev(), false, &fixed);
    }
    if target.squeeze < 1.0 {
        squeeze(lay, &mut xs, &sep, target.squeeze);
    }
    xs
}

/// Draws every node's place towards the middle of the real nodes by the
/// factor `k`, then spreads each layer apart again as far as its gaps need.
fn squeeze(lay: &Layered, xs: &mut [f64], sep: &dyn Fn(u32, u32) -> f64, k: f64) {
    let real = lay.real.max(1);
    let mid = xs.iter().take(real).sum::<f64>() / real as f64;
    let mut goal: Vec<f64> = Vec::new();
    for list in &lay.layers {
        goal.clear();
        goal.extend(list.iter().map(|&v| mid + (xs[v as usize] - mid) * k));
        let spread = spread_apart(list, &goal, sep);
        for (&v, x) in list.iter().zip(spread) {
            xs[v as usize] = x;
        }
    }
}

/// One sweep over the layers `order`: each node's goal is the mean of its
/// neighbours above (`downward`) or below, or its own place without any
/// (and for the nodes of `fixed`); the layer is then spread apart around
/// the goals.
fn sweep(
    lay: &Layered,
    xs: &mut [f64],
    sep: &dyn Fn(u32, u32) -> f64,
    order: impl Iterator<Item = usize>,
    downward: bool,
    fixed: &[u32],
) {
    let mut goal: Vec<f64> = Vec::new();
    for i in order {
        let list = &lay.layers[i];
        goal.clear();
        goal.extend(list.iter().map(|&v| {
            let nbrs = if downward {
                lay.up.of(v)
            } else {
                lay.down.of(v)
            };
            if nbrs.is_empty() || fixed.contains(&v) {
                xs[v as usize]
            } else {
                nbrs.iter().map(|&u| xs[u as usize]).sum::<f64>() / nbrs.len() as f64
            }
        }));
        let spread = spread_apart(list, &goal, sep);
        for (&v, x) in list.iter().zip(spread) {
            xs[v as usize] = x;
        }
    }
}

/// Moves the direct premises of every top-layer statement closer together
/// where they span more than [`ROOT_SPAN`] on their layer but would fit it
/// packed side by side: the run of
/// nodes from the first to the last of them is scaled about its middle
/// until the premises fit (everything else on the layer keeps its goal),
/// then the layer is spread apart again. Returns the layers changed, each
/// with the premises gathered on it.
fn gather_root_premises(
    lay: &Layered,
    dag: &Dag,
    xs: &mut [f64],
    sep: &dyn Fn(u32, u32) -> f64,
) -> Vec<(u32, Vec<u32>)> {
    let mut changed: Vec<(u32, Vec<u32>)> = Vec::new();
    let Some(top) = lay.layers.first() else {
        return changed;
    };
    let width = |v: u32| dag.size[v as usize].0 as f64;
    for &root in top.iter().filter(|&&v| !lay.is_dummy(v)) {
        let mut premises: Vec<u32> = (dag.children[root as usize].iter())
            .filter(|&&c| dag.inference[c as usize])
            .flat_map(|&c| dag.children[c as usize].iter().copied())
            .filter(|&p| !dag.inference[p as usize])
            .collect();
        premises.sort_unstable_by_key(|&p| (lay.layer[p as usize], p));
        premises.dedup();
        for chunk in premises.chunk_by(|a, b| lay.layer[*a as usize] == lay.layer[*b as usize]) {
            let l = lay.layer[chunk[0] as usize];
            let list = &lay.layers[l as usize];
            let at = |v: u32| list.iter().position(|&u| u == v).unwrap_or(0);
            let (first, last) = (
                chunk.iter().map(|&v| at(v)).min().unwrap_or(0),
                chunk.iter().map(|&v| at(v)).max().unwrap_or(0),
            );
            let (a, b) = (list[first], list[last]);
            // Premises that cannot fit the span even packed side by side
            // (a bushy thesis) are left alone: gathering them only adds
            // crossings (a generated 1k map: 4,469 -> 4,989).
            let mut by_place: Vec<u32> = chunk.to_vec();
            by_place.sort_unstable_by_key(|&v| at(v));
            let packed: f64 = by_place.windows(2).map(|w| sep(w[0], w[1])).sum::<f64>()
                + (width(a) + width(b)) / 2.0;
            if packed > ROOT_SPAN {
                continue;
            }
            let centres = xs[b as usize] - xs[a as usize];
            let span = centres + (width(a) + width(b)) / 2.0;
            if span <= ROOT_SPAN || centres <= 0.0 {
                continue;
            }
            let k = ((ROOT_SPAN - (width(a) + width(b)) / 2.0) / centres).clamp(0.0, 1.0);
            let mid = (xs[a as usize] + xs[b as usize]) / 2.0;
            let goal: Vec<f64> = (list.iter().enumerate())
                .map(|(i, &v)| {
                    let x = xs[v as usize];
                    if (first..=last).contains(&i) {
                        mid + (x - mid) * k
                    } else {
                        x
                    }
                })
                .collect();
            let spread = spread_apart(list, &goal, sep);
            for (&v, x) in list.iter().zip(spread) {
                xs[v as usize] = x;
            }
            changed.push((l, chunk.to_vec()));
        }
    }
    changed
}
