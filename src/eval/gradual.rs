//! Gradual semantics: a strength in `0.0..=1.0` for every node, from base
//! scores, attackers and supporters.
//!
//! - DF-QuAD (Rago, Toni, Aurisicchio & Baroni 2016, "Discontinuity-free
//!   decision support with quantitative argumentation debates", KR):
//!   attackers and supporters are aggregated by probabilistic sum
//!   `v = 1 − Π(1 − σ)`; then `σ = τ − τ·(va − vs)` if `va ≥ vs`, else
//!   `σ = τ + (1 − τ)·(vs − va)`.
//! - Quadratic energy (Potyka 2018, "Continuous dynamical systems for
//!   weighted bipolar argumentation", KR): energy `E = Σσ_sup − Σσ_att`,
//!   `h(x) = max(x,0)² / (1 + max(x,0)²)`,
//!   `σ = τ − τ·h(−E) + (1 − τ)·h(E)`.
//! - Weighted h-categorizer (Besnard & Hunter 2001; weighted by Amgoud et
//!   al. 2017): `σ = τ / (1 + Σσ_att)`; supports are ignored.
//!
//! A node may also have a *gate* (the linked premises of an inference):
//! its base score is then the minimum of the gate members' strengths,
//! so an inference is as strong as its weakest premise.
//!
//! Strengths are computed component by component in topological order of
//! the dependency graph: acyclic parts in one pass, cyclic components by
//! fixpoint iteration (plain, then averaged with the previous value, whose
//! fixpoints are the same). If a component does not settle within
//! [`MAX_ITERATIONS`] to [`TOLERANCE`], the result is an error naming it,
//! never a number.

use thiserror::Error;

/// A gradual semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gradual {
    /// DF-QuAD.
    DfQuad,
    /// Quadratic energy.
    QuadraticEnergy,
    /// Weighted h-categorizer (attacks only).
    HCategorizer,
}

/// Iterations allowed per cyclic component and per scheme.
pub const MAX_ITERATIONS: usize = 20_000;
/// Largest change between two iterations that counts as settled.
pub const TOLERANCE: f64 = 1e-12;

/// A quantitative bipolar framework: nodes `0..len` with base scores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Qbaf {
    /// Base score of each node, `0.0..=1.0`.
    pub base: Vec<f64>,
    /// Attackers of each node.
    pub attackers: Vec<Vec<usize>>,
    /// Supporters of each node.
    pub supporters: Vec<Vec<usize>>,
    /// Gate of each node: when non-empty, the base score is the minimum
    /// strength of these nodes times `base`.
    pub gates: Vec<Vec<usize>>,
    /// Nodes whose strength is fixed at their base score whatever attacks
    /// or supports them (the analyst's overrides).
    pub fixed: Vec<bool>,
}

impl Qbaf {
    /// `n` nodes with base score `base` and no relations.
    pub fn new(n: usize, base: f64) -> Self {
        Qbaf {
            base: vec![base; n],
            attackers: vec![Vec::new(); n],
            supporters: vec![Vec::new(); n],
            gates: vec![Vec::new(); n],
            fixed: vec![false; n],
        }
    }
}

/// A cyclic component whose strengths did not settle.
#[derive(Clone, Debug, PartialEq, Error)]
#[error("strengths do not converge on a cycle of {} nodes (last change {delta:e} after {iterations} iterations)", nodes.len())]
pub struct NotConverging {
    /// The component's nodes.
    pub nodes: Vec<usize>,
    /// Iterations tried.
    pub iterations: usize,
    /// The last largest change.
    pub delta: f64,
}

fn prob_sum(values: impl Iterator<Item = f64>) -> f64 {
    1.0 - values.fold(1.0, |acc, v| acc * (1.0 - v))
}

fn h(x: f64) -> f64 {
    let p = x.max(0.0);
    p * p / (1.0 + p * p)
}

/// The new strength of `a` given current strengths `s`.
fn update(q: &Qbaf, sem: Gradual, s: &[f64], a: usize) -> f64 {
    let mut tau = q.base[a];
    if q.fixed[a] {
        return tau;
    }
    if !q.gates[a].is_empty() {
        tau *= q.gates[a].iter().map(|&g| s[g]).fold(1.0, f64::min);
    }
    let v = match sem {
        Gradual::DfQuad => {
            let va = prob_sum(q.attackers[a].iter().map(|&b| s[b]));
            let vs = prob_sum(q.supporters[a].iter().map(|&b| s[b]));
            if va >= vs {
                tau - tau * (va - vs)
            } else {
                tau + (1.0 - tau) * (vs - va)
            }
        }
        Gradual::QuadraticEnergy => {
            let e: f64 = q.supporters[a].iter().map(|&b| s[b]).sum::<f64>()
                - q.attackers[a].iter().map(|&b| s[b]).sum::<f64>();
            tau - tau * h(-e) + (1.0 - tau) * h(e)
        }
        Gradual::HCategorizer => tau / (1.0 + q.attackers[a].iter().map(|&b| s[b]).sum::<f64>()),
    };
    v.clamp(0.0, 1.0)
}

/// The strength of every node under `sem`, or the first component that
/// does not converge.
pub fn strengths(q: &Qbaf, sem: Gradual) -> Result<Vec<f64>, NotConverging> {
    strengths_limited(q, sem, MAX_ITERATIONS)
}

/// [`strengths`] with at most `max_iterations` per cyclic component and scheme.
pub fn strengths_limited(
    q: &Qbaf,
    sem: Gradual,
    max_iterations: usize,
) -> Result<Vec<f64>, NotConverging> {
    let n = q.base.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for a in 0..n {
        let deps = q.attackers[a].iter().chain(&q.gates[a]);
        let deps: Box<dyn Iterator<Item = &usize>> = if sem == Gradual::HCategorizer {
            Box::new(deps)
        } else {
            Box::new(deps.chain(&q.supporters[a]))
        };
        for &d in deps {
            if d < n {
                succ[d].push(a);
            }
        }
    }
    let mut s: Vec<f64> = q.base.iter().map(|b| b.clamp(0.0, 1.0)).collect();
    for comp in super::af::sccs_of(n, |a| &succ[a]) {
        let cyclic = comp.len() > 1 || succ[comp[0]].contains(&comp[0]);
        if !cyclic {
            s[comp[0]] = update(q, sem, &s, comp[0]);
            continue;
        }
        settle(q, sem, &mut s, &comp, max_iterations)?;
    }
    Ok(s)
}

fn settle(
    q: &Qbaf,
    sem: Gradual,
    s: &mut [f64],
    comp: &[usize],
    max_iterations: usize,
) -> Result<(), NotConverging> {
    let start: Vec<f64> = comp.iter().map(|&a| s[a]).collect();
    let mut delta = f64::INFINITY;
    for damping in [1.0, 0.5] {
        for (k, &a) in comp.iter().enumerate() {
            s[a] = start[k];
        }
        for _ in 0..max_iterations {
            let next: Vec<f64> = comp.iter().map(|&a| update(q, sem, s, a)).collect();
            delta = 0.0;
            for (k, &a) in comp.iter().enumerate() {
                let v = damping * next[k] + (1.0 - damping) * s[a];
                delta = delta.max((v - s[a]).abs());
                s[a] = v;
            }
            if delta <= TOLERANCE {
                return Ok(());
            }
        }
    }
    Err(NotConverging {
        nodes: comp.to_vec(),
        iterations: 2 * max_iterations,
        delta,
    })
}

/// The framework `af` as a Qbaf: every argument with base score `base`,
/// attacks as attacks, no supports.
pub fn from_framework(af: &super::af::Framework, base: f64) -> Qbaf {
    let mut q = Qbaf::new(af.len(), base);
    for a in 0..af.len() {
        q.attackers[a] = af.attackers(a).to_vec();
    }
    q
}

/// A map's cycle that did not converge, by node id.
#[derive(Clone, Debug, PartialEq, Error)]
#[error("strengths do not converge on the cycle through {}", ids.join(", "))]
pub struct MapNotConverging {
    /// Statement (first of each rephrase class) and inference ids, sorted.
    pub ids: Vec<String>,
}

/// Strength of every statement and inference of `map`, by id. Statements
/// (rephrase classes) start from their base score (default 0.5; an
/// "accepted" override fixes 1.0, "rejected" 0.0, "undecided" 0.5);
/// supports and conflicts are nodes gated by their linked premises with
/// base 1.0, attacked by their undercuts; a statement is attacked by its
/// conflicts and supported by its supports. Rephrase nodes get their
/// class's strength. The "unsupported statements are not accepted" option
/// does not apply to gradual semantics.
pub fn map_strengths(
    map: &crate::model::Map,
    sem: Gradual,
) -> Result<std::collections::BTreeMap<String, f64>, MapNotConverging> {
    map_strengths_with(map, &super::structured::translate(map), sem)
}

/// [`map_strengths`] reusing a translation of the same map (the app keeps
/// one per map revision for labels and strengths alike).
pub fn map_strengths_with(
    map: &crate::model::Map,
    t: &super::structured::Translation,
    sem: Gradual,
) -> Result<std::collections::BTreeMap<String, f64>, MapNotConverging> {
    use crate::model::AcceptanceOverride as O;
    let nc = t.classes.len();
    let infs = t.inference_args.clone();
    // Qbaf nodes are the framework's first arguments: classes, then the
    // support and conflict inferences.
    let mut q = Qbaf::new(infs.end, 1.0);
    let base_scores = &map.eval_inputs().base_scores;
    for c in 0..nc {
        let base = if base_scores.is_empty() {
            crate::model::DEFAULT_BASE_SCORE
        } else {
            t.classes[c]
                .iter()
                .find(|m| base_scores.contains_key(*m))
                .map_or(crate::model::DEFAULT_BASE_SCORE, |m| map.base_score(m))
        };
        q.base[c] = base;
        match t.overrides[c] {
            O::Default => {}
            O::Accepted => (q.base[c], q.fixed[c]) = (1.0, true),
            O::Rejected => (q.base[c], q.fixed[c]) = (0.0, true),
            O::Undecided => (q.base[c], q.fixed[c]) = (0.5, true),
        }
        q.attackers[c].clone_from(&t.attack_args[c]);
        q.supporters[c].clone_from(&t.reason_args[c]);
    }
    for k in infs.clone() {
        let i = k - infs.start;
        q.gates[k].clone_from(&t.inference_gates[i]);
        if let Some(ti) = t.inference_target[i] {
            q.attackers[ti].push(k);
        }
    }
    let s = strengths(&q, sem).map_err(|e| {
        let mut ids: Vec<String> = e
            .nodes
            .iter()
            .map(|&i| {
                if i < nc {
                    t.classes[i][0].clone()
                } else {
                    t.framework.name(i).to_owned()
                }
            })
            .collect();
        ids.sort_by(|a, b| crate::model::ids::natural_cmp(a, b));
        MapNotConverging { ids }
    })?;
    let mut out: Vec<(String, f64)> =
        Vec::with_capacity(t.class_of.len() + infs.len() + t.rephrase_class.len());
    for (c, members) in t.classes.iter().enumerate() {
        out.extend(members.iter().map(|id| (id.clone(), s[c])));
    }
    for k in infs {
        out.push((t.framework.name(k).to_owned(), s[k]));
    }
    for (id, &c) in &t.rephrase_class {
        out.push((id.clone(), s[c]));
    }
    Ok(out.into_iter().collect())
}
