//! A better tree order to seed crossing reduction with.
//!
//! The depth-first tree order draws the spanning tree without crossings,
//! but its children come in id order, so the ends of a cross-link (an edge
//! outside the tree: a premise that also supports an earlier statement)
//! may land on opposite sides of the drawing, and the barycenter sweeps,
//! which move one node of one layer at a time, rarely carry a whole subtree
//! across. Here whole subtrees move: every subtree is pulled towards the
//! places of the far ends of the cross-links that leave it (the mean of
//! its root's own place and those ends, as in the barycenter heuristic
//! applied to the tree's blocks), the children of every node are sorted
//! by that pull, and the preorder is taken again; a few rounds of this
//! settle. Linear per round but for the sorts of the children.

use super::dag::{Dag, NONE};

/// Rounds of re-sorting the children.
const ROUNDS: usize = 4;

/// Preorder numbers for every node of `dag`, like `dag.preorder` but with
/// the children of every tree node sorted by the pull of their subtree's
/// cross-links: one list after each round (at least one list; the last is
/// the settled order, the earlier ones are alternative seeds).
pub(super) fn preorders(dag: &Dag) -> Vec<Vec<u32>> {
    let n = dag.len();
    // Tree children of every node, in the depth-first search's order.
    let mut kids: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (v, list) in kids.iter_mut().enumerate() {
        for &c in &dag.children[v] {
            if dag.tree_parent[c as usize] == v as u32 && !list.contains(&c) {
                list.push(c);
            }
        }
    }
    let cross: Vec<(u32, u32)> = (dag.edges.iter())
        .filter(|e| dag.tree_parent[e.lower as usize] != e.upper)
        .map(|e| (e.upper, e.lower))
        .collect();
    if cross.is_empty() {
        return vec![dag.preorder.clone()];
    }
    let mut roots: Vec<u32> = (0..n as u32)
        .filter(|&v| dag.tree_parent[v as usize] == NONE)
        .collect();
    roots.sort_unstable_by_key(|&v| dag.preorder[v as usize]);
    let mut pre = dag.preorder.clone();
    // Nodes in preorder, so that a reverse walk visits children first.
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut sum = vec![0.0f64; n];
    let mut count = vec![0.0f64; n];
    let mut place = vec![0.0f64; n];
    let mut rounds: Vec<Vec<u32>> = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        order.sort_unstable_by_key(|&v| pre[v as usize]);
        for (p, &k) in place.iter_mut().zip(&pre) {
            *p = k as f64 / n as f64;
        }
        sum.fill(0.0);
        count.fill(0.0);
        for &(a, b) in &cross {
            sum[a as usize] += place[b as usize];
            count[a as usize] += 1.0;
            sum[b as usize] += place[a as usize];
            count[b as usize] += 1.0;
        }
        for &v in order.iter().rev() {
            let p = dag.tree_parent[v as usize];
            if p != NONE {
                sum[p as usize] += sum[v as usize];
                count[p as usize] += count[v as usize];
            }
        }
        let key = |c: u32| {
            let c = c as usize;
            (place[c] + sum[c]) / (1.0 + count[c])
        };
        for list in &mut kids {
            if list.len() > 1 {
                list.sort_by(|&a, &b| {
                    key(a)
                        .total_cmp(&key(b))
                        .then(pre[a as usize].cmp(&pre[b as usize]))
                });
            }
        }
        // Preorder again.
        let mut next = 0u32;
        let mut stack: Vec<u32> = Vec::new();
        let mut new_pre = vec![0u32; n];
        for &r in &roots {
            stack.push(r);
            while let Some(v) = stack.pop() {
                new_pre[v as usize] = next;
                next += 1;
                stack.extend(kids[v as usize].iter().rev());
            }
        }
        pre = new_pre;
        rounds.push(pre.clone());
    }
    rounds
}
