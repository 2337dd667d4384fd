//! Extension-based semantics of a [`Framework`], in labelling form
//! (Caminada & Gabbay 2009, "A logical account of formal argumentation"):
//! grounded, complete, preferred, stable, semi-stable and ideal.
//!
//! Grounded is one linear propagation. Complete, preferred and stable are
//! SCC-recursive (Baroni, Giacomin & Guida 2005): strongly connected
//! components are labelled in topological order, each given the labels of
//! the components upstream of it, so an acyclic framework costs linear time
//! and only cyclic components are searched (backtracking with
//! propagation). A labelling is preferred exactly when each component's
//! part has a ⊆-maximal IN set among the complete labellings of that
//! component under the same upstream labels (proof sketch in `README.md`,
//! "How evaluation works"). Semi-stable is taken from the preferred
//! labellings with ⊆-minimal UNDEC; ideal is the largest admissible subset
//! of the intersection of the preferred extensions (Dung, Mancarella &
//! Toni 2007).

use std::sync::atomic::{AtomicBool, Ordering};

use super::af::{Arg, Framework};

/// The label of an argument: accepted, rejected, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Accepted: every attacker is OUT.
    In,
    /// Rejected: some attacker is IN.
    Out,
    /// Undecided: neither.
    Undec,
}

impl Label {
    /// `"IN"`, `"OUT"` or `"UNDEC"`, as printed and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::In => "IN",
            Label::Out => "OUT",
            Label::Undec => "UNDEC",
        }
    }
}

/// A label for every argument, indexed by [`Arg`].
pub type Labelling = Vec<Label>;

/// The IN set of `labelling`, sorted: the extension it stands for.
pub fn extension_of(labelling: &[Label]) -> Vec<Arg> {
    (0..labelling.len())
        .filter(|&a| labelling[a] == Label::In)
        .collect()
}

/// The labelling whose IN set is `ext` (OUT: attacked by it; UNDEC: rest).
pub fn labelling_of(af: &Framework, ext: &[Arg]) -> Labelling {
    let mut set = vec![false; af.len()];
    for &a in ext {
        if a < af.len() {
            set[a] = true;
        }
    }
    (0..af.len())
        .map(|a| {
            if set[a] {
                Label::In
            } else if af.attackers(a).iter().any(|&b| set[b]) {
                Label::Out
            } else {
                Label::Undec
            }
        })
        .collect()
}

/// The extension-based semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Semantics {
    /// The least complete extension: the sceptical core.
    Grounded,
    /// Admissible and containing every argument it defends.
    Complete,
    /// ⊆-maximal admissible (equivalently ⊆-maximal complete).
    Preferred,
    /// Conflict-free and attacking every other argument; may not exist.
    Stable,
    /// Complete with ⊆-minimal UNDEC set (Caminada 2006).
    SemiStable,
    /// The largest admissible set inside every preferred extension.
    Ideal,
}

impl Semantics {
    /// Every semantics, in documentation order.
    pub const ALL: [Semantics; 6] = [
        Semantics::Grounded,
        Semantics::Complete,
        Semantics::Preferred,
        Semantics::Stable,
        Semantics::SemiStable,
        Semantics::Ideal,
    ];

    /// The name used on the command line and in JSON (`semi-stable`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Ideal => "ideal",
        }
    }

    /// Parses a name written as by [`Semantics::as_str`].
    pub fn parse(name: &str) -> Option<Semantics> {
        Semantics::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the semantics always has exactly one extension.
    pub fn is_unique(self) -> bool {
        matches!(self, Semantics::Grounded | Semantics::Ideal)
    }
}

/// The labellings of a framework under one semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enumeration {
    /// The labellings found, sorted by their IN sets; empty when there is
    /// none (only possible for stable).
    pub labellings: Vec<Labelling>,
    /// Whether the search stopped at the limit before finding all.
    pub truncated: bool,
}

/// The grounded labelling, in time linear in arguments plus attacks: IN
/// when every attacker is OUT, OUT when some attacker is IN, repeated to a
/// fixpoint; the rest is UNDEC.
pub fn grounded(af: &Framework) -> Labelling {
    let n = af.len();
    let mut lab = vec![Label::Undec; n];
    let mut out_attackers = vec![0usize; n];
    let mut queue: Vec<Arg> = (0..n).filter(|&a| af.attackers(a).is_empty()).collect();
    let mut decided = vec![false; n];
    while let Some(a) = queue.pop() {
        if decided[a] {
            continue;
        }
        decided[a] = true;
        lab[a] = Label::In;
        for &b in af.attacked_by(a) {
            if decided[b] {
                continue;
            }
            decided[b] = true;
            lab[b] = Label::Out;
            for &c in af.attacked_by(b) {
                out_attackers[c] += 1;
                if !decided[c] && out_attackers[c] == af.attackers(c).len() {
                    queue.push(c);
                }
            }
        }
    }
    lab
}

/// Every labelling of `af` under `semantics`, at most `limit` of them
/// (searching stops there and `truncated` is set). Grounded and ideal give
/// exactly one; stable may give none.
pub fn enumerate(af: &Framework, semantics: Semantics, limit: usize) -> Enumeration {
    let never = AtomicBool::new(false);
    enumerate_cancellable(af, semantics, limit, &never).unwrap_or_else(|| Enumeration {
        labellings: Vec::new(),
        truncated: true,
    })
}

/// [`enumerate`] that gives up, returning `None`, soon after `cancel` is
/// set (checked at every step of the search, so within microseconds on
/// map-sized components). For background solves the user can cancel, or
/// that a newer edit makes pointless.
pub fn enumerate_cancellable(
    af: &Framework,
    semantics: Semantics,
    limit: usize,
    cancel: &AtomicBool,
) -> Option<Enumeration> {
    let limit = limit.max(1);
    let mut result = match semantics {
        Semantics::Grounded => Enumeration {
            labellings: vec![grounded(af)],
            truncated: false,
        },
        Semantics::Complete => scc_search(af, Mode::Complete, limit, cancel)?,
        Semantics::Preferred => scc_search(af, Mode::Preferred, limit, cancel)?,
        Semantics::Stable => scc_search(af, Mode::Stable, limit, cancel)?,
        Semantics::SemiStable => {
            let pr = scc_search(af, Mode::Preferred, usize::MAX, cancel)?;
            let undec =
                |l: &Labelling| -> Vec<bool> { l.iter().map(|&x| x == Label::Undec).collect() };
            let sets: Vec<Vec<bool>> = pr.labellings.iter().map(undec).collect();
            let mut kept: Vec<Labelling> = pr
                .labellings
                .iter()
                .zip(&sets)
                .filter(|(_, u)| !sets.iter().any(|v| strict_subset(v, u)))
                .map(|(l, _)| l.clone())
                .collect();
            let truncated = kept.len() > limit;
            kept.truncate(limit);
            Enumeration {
                labellings: kept,
                truncated,
            }
        }
        Semantics::Ideal => Enumeration {
            labellings: vec![ideal_cancellable(af, cancel)?],
            truncated: false,
        },
    };
    result.labellings.sort_by_key(|l| extension_of(l));
    Some(result)
}

/// The ideal labelling: the largest admissible subset of the intersection
/// of all preferred extensions, labelled.
pub fn ideal(af: &Framework) -> Labelling {
    let never = AtomicBool::new(false);
    ideal_cancellable(af, &never).unwrap_or_else(|| grounded(af))
}

fn ideal_cancellable(af: &Framework, cancel: &AtomicBool) -> Option<Labelling> {
    let pr = scc_search(af, Mode::Preferred, usize::MAX, cancel)?;
    let n = af.len();
    let mut set = vec![true; n];
    for l in &pr.labellings {
        for a in 0..n {
            set[a] &= l[a] == Label::In;
        }
    }
    // Drop members with an attacker the set does not attack, to a fixpoint.
    loop {
        let drop: Vec<Arg> = (0..n).filter(|&a| set[a] && !af.defends(&set, a)).collect();
        if drop.is_empty() {
            break;
        }
        for a in drop {
            set[a] = false;
        }
    }
    Some(labelling_of(af, &extension_of_set(&set)))
}

fn extension_of_set(set: &[bool]) -> Vec<Arg> {
    (0..set.len()).filter(|&a| set[a]).collect()
}

fn strict_subset(a: &[bool], b: &[bool]) -> bool {
    a != b && a.iter().zip(b).all(|(&x, &y)| !x || y)
}

/// Whether `a` is in some extension (credulous) and in every extension
/// (sceptical) under one semantics. With no extension at all (stable
/// only) nothing is credulously and everything sceptically accepted, by
/// the usual convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Acceptance {
    /// In at least one extension.
    pub credulous: bool,
    /// In every extension.
    pub sceptical: bool,
}

/// Credulous and sceptical acceptance of every argument, from an
/// enumeration (which must not be truncated to be exact).
pub fn acceptance(enumeration: &Enumeration, n: usize) -> Vec<Acceptance> {
    (0..n)
        .map(|a| Acceptance {
            credulous: enumeration.labellings.iter().any(|l| l[a] == Label::In),
            sceptical: enumeration.labellings.iter().all(|l| l[a] == Label::In),
        })
        .collect()
}

/// Credulous and sceptical acceptance of `a` under `semantics`.
pub fn accepts(af: &Framework, semantics: Semantics, a: Arg) -> Acceptance {
    let e = enumerate(af, semantics, usize::MAX);
    Acceptance {
        credulous: e.labellings.iter().any(|l| l[a] == Label::In),
        sceptical: e.labellings.iter().all(|l| l[a] == Label::In),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Complete,
    Preferred,
    Stable,
}

const UNL: u8 = 0;
const IN: u8 = 1;
const OUT: u8 = 2;
const UND: u8 = 3;

fn to_label(x: u8) -> Label {
    match x {
        IN => Label::In,
        OUT => Label::Out,
        _ => Label::Undec,
    }
}

/// What the component search needs besides the labels.
struct Scope<'a> {
    af: &'a Framework,
    comp_of: &'a [usize],
    mode: Mode,
    /// Set from another thread to stop the search.
    cancel: &'a AtomicBool,
}

impl Scope<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// One component's choices under the current upstream labels.
struct Frame {
    comp: usize,
    options: Vec<Vec<u8>>,
    next: usize,
}

/// SCC-recursive enumeration (iterative, so 10,000 components do not
/// deepen the call stack).
fn scc_search(
    af: &Framework,
    mode: Mode,
    limit: usize,
    cancel: &AtomicBool,
) -> Option<Enumeration> {
    let comps = af.sccs();
    let mut comp_of = vec![0usize; af.len()];
    for (ci, comp) in comps.iter().enumerate() {
        for &a in comp {
            comp_of[a] = ci;
        }
    }
    let scope = Scope {
        af,
        comp_of: &comp_of,
        mode,
        cancel,
    };
    let mut lab = vec![UNL; af.len()];
    let mut out = Vec::new();
    let mut truncated = false;
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0usize;
    loop {
        if scope.cancelled() {
            return None;
        }
        if i == comps.len() {
            if out.len() == limit {
                truncated = true;
                break;
            }
            out.push(lab.iter().map(|&x| to_label(x)).collect());
        } else {
            let options = component_options(&scope, i, &comps[i], &mut lab);
            stack.push(Frame {
                comp: i,
                options,
                next: 0,
            });
        }
        // Advance to the next untried option, backtracking as needed.
        loop {
            let Some(top) = stack.last_mut() else {
                return (!scope.cancelled()).then_some(Enumeration {
                    labellings: out,
                    truncated,
                });
            };
            if top.next < top.options.len() {
                for (&a, &l) in comps[top.comp].iter().zip(&top.options[top.next]) {
                    lab[a] = l;
                }
                top.next += 1;
                i = top.comp + 1;
                break;
            }
            stack.pop();
        }
    }
    (!scope.cancelled()).then_some(Enumeration {
        labellings: out,
        truncated,
    })
}

/// The labellings of component `comp` (labels in `comp` order) that are
/// legal given the labels upstream, already in `lab`.
fn component_options(scope: &Scope, ci: usize, comp: &[Arg], lab: &mut [u8]) -> Vec<Vec<u8>> {
    let (af, mode) = (scope.af, scope.mode);
    for &a in comp {
        lab[a] = UNL;
    }
    if comp.len() == 1 && !af.attacks(comp[0], comp[0]) {
        let a = comp[0];
        let l = if af.attackers(a).iter().any(|&b| lab[b] == IN) {
            OUT
        } else if af.attackers(a).iter().all(|&b| lab[b] == OUT) {
            IN
        } else {
            UND
        };
        if mode == Mode::Stable && l == UND {
            return Vec::new();
        }
        return vec![vec![l]];
    }
    if mode == Mode::Preferred {
        return preferred_options(scope, ci, comp, lab);
    }
    let mut found: Vec<Vec<u8>> = Vec::new();
    let mut work = lab.to_vec();
    search(scope, ci, comp, &mut work, &mut found);
    found
}

// Labels of the preferred search (Nofal, Atkinson & Dunne 2014, Algorithm 1,
// restricted to one component under fixed upstream labels).
const P_BLANK: u8 = 0;
const P_IN: u8 = 1;
const P_OUT: u8 = 2;
const P_UNDEC: u8 = 3;
const P_MUST_OUT: u8 = 4;

/// The preferred labellings of a cyclic component: its ⊆-maximal IN sets
/// that are conflict-free, defended inside the component, and free of
/// upstream attackers that are not OUT; labelled back (OUT: attacked by
/// IN, here or upstream; UNDEC: the rest).
fn preferred_options(scope: &Scope, ci: usize, comp: &[Arg], lab: &[u8]) -> Vec<Vec<u8>> {
    let af = scope.af;
    let local: std::collections::HashMap<Arg, usize> =
        comp.iter().enumerate().map(|(k, &a)| (a, k)).collect();
    let m = comp.len();
    // Inside attackers / targets by local index.
    let att: Vec<Vec<usize>> = comp
        .iter()
        .map(|&a| {
            af.attackers(a)
                .iter()
                .filter_map(|b| local.get(b).copied())
                .collect()
        })
        .collect();
    let tgt: Vec<Vec<usize>> = comp
        .iter()
        .map(|&a| {
            af.attacked_by(a)
                .iter()
                .filter_map(|b| local.get(b).copied())
                .collect()
        })
        .collect();
    let mut init = vec![P_BLANK; m];
    for (k, &a) in comp.iter().enumerate() {
        let outside = af.attackers(a).iter().filter(|b| scope.comp_of[**b] != ci);
        let mut any_in = false;
        let mut any_open = false;
        for &b in outside {
            match lab[b] {
                IN => any_in = true,
                OUT => {}
                _ => any_open = true,
            }
        }
        init[k] = if any_in {
            P_OUT
        } else if any_open || af.attacks(a, a) {
            P_UNDEC
        } else {
            P_BLANK
        };
    }
    let mut found: Vec<Vec<bool>> = Vec::new();
    preferred_rec(&att, &tgt, &mut init, &mut found, scope.cancel);
    found
        .iter()
        .map(|set| {
            comp.iter()
                .enumerate()
                .map(|(k, &a)| {
                    if set[k] {
                        IN
                    } else if att[k].iter().any(|&j| set[j])
                        || af
                            .attackers(a)
                            .iter()
                            .any(|&b| scope.comp_of[b] != ci && lab[b] == IN)
                    {
                        OUT
                    } else {
                        UND
                    }
                })
                .collect()
        })
        .collect()
}

fn preferred_rec(
    att: &[Vec<usize>],
    tgt: &[Vec<usize>],
    lab: &mut Vec<u8>,
    found: &mut Vec<Vec<bool>>,
    cancel: &AtomicBool,
) {
    if cancel.load(Ordering::Relaxed) {
        return;
    }
    let m = lab.len();
    // A MUST_OUT argument no BLANK argument can still attack: dead end.
    for k in 0..m {
        if lab[k] == P_MUST_OUT && !att[k].iter().any(|&j| lab[j] == P_BLANK) {
            return;
        }
    }
    // Nothing new can come out of here if IN ∪ BLANK fits in a found set.
    let reach: Vec<bool> = lab.iter().map(|&l| l == P_IN || l == P_BLANK).collect();
    if found.iter().any(|f| subset(&reach, f)) {
        return;
    }
    // Prefer a BLANK argument that defends against a MUST_OUT one.
    let pick = (0..m)
        .filter(|&k| lab[k] == P_MUST_OUT)
        .flat_map(|k| att[k].iter().copied())
        .find(|&j| lab[j] == P_BLANK)
        .or_else(|| (0..m).find(|&k| lab[k] == P_BLANK));
    let Some(x) = pick else {
        if lab.contains(&P_MUST_OUT) {
            return;
        }
        let set: Vec<bool> = lab.iter().map(|&l| l == P_IN).collect();
        if !found.iter().any(|f| subset(&set, f)) {
            found.retain(|f| !subset(f, &set));
            found.push(set);
        }
        return;
    };
    // Branch 1: x IN.
    let mut next = lab.to_vec();
    next[x] = P_IN;
    for &y in &tgt[x] {
        next[y] = P_OUT;
    }
    for &z in &att[x] {
        if next[z] != P_OUT {
            next[z] = P_MUST_OUT;
        }
    }
    preferred_rec(att, tgt, &mut next, found, cancel);
    // Branch 2: x not IN.
    lab[x] = P_UNDEC;
    preferred_rec(att, tgt, lab, found, cancel);
}

fn subset(a: &[bool], b: &[bool]) -> bool {
    a.iter().zip(b).all(|(&x, &y)| !x || y)
}

/// Backtracking over the unlabelled arguments of `comp`, with propagation.
fn search(scope: &Scope, ci: usize, comp: &[Arg], lab: &mut [u8], found: &mut Vec<Vec<u8>>) {
    let (af, mode) = (scope.af, scope.mode);
    if scope.cancelled() || !propagate(scope, ci, comp, lab) {
        return;
    }
    let Some(&pick) = comp.iter().find(|&&a| lab[a] == UNL) else {
        if comp.iter().all(|&a| legal(af, lab, a)) {
            found.push(comp.iter().map(|&a| lab[a]).collect());
        }
        return;
    };
    let choices: &[u8] = if mode == Mode::Stable {
        &[IN, OUT]
    } else {
        &[IN, OUT, UND]
    };
    for &l in choices {
        let mut next = lab.to_vec();
        next[pick] = l;
        search(scope, ci, comp, &mut next, found);
    }
}

/// Forces labels that follow from the others; `false` on a contradiction.
fn propagate(scope: &Scope, ci: usize, comp: &[Arg], lab: &mut [u8]) -> bool {
    let (af, mode) = (scope.af, scope.mode);
    loop {
        let mut changed = false;
        for &a in comp {
            let mut any_in = false;
            let mut all_out = true;
            let mut open = false; // some attacker unlabelled or UNDEC
            let mut any_unl = false;
            for &b in af.attackers(a) {
                match lab[b] {
                    IN => any_in = true,
                    OUT => {}
                    UNL => {
                        all_out = false;
                        open = true;
                        any_unl = true;
                    }
                    _ => {
                        all_out = false;
                        open = true;
                    }
                }
            }
            match lab[a] {
                UNL => {
                    if any_in {
                        lab[a] = OUT;
                        changed = true;
                    } else if all_out {
                        lab[a] = IN;
                        changed = true;
                    }
                }
                IN => {
                    if any_in {
                        return false;
                    }
                    for &b in af.attackers(a) {
                        if lab[b] == UNL {
                            lab[b] = OUT;
                            changed = true;
                        } else if lab[b] != OUT {
                            return false;
                        }
                    }
                    for &c in af.attacked_by(a) {
                        if scope.comp_of[c] != ci {
                            continue; // downstream: labelled later
                        }
                        if lab[c] == UNL {
                            lab[c] = OUT;
                            changed = true;
                        } else if lab[c] != OUT {
                            return false;
                        }
                    }
                }
                OUT => {
                    if !any_in && !any_unl {
                        return false;
                    }
                }
                _ => {
                    if any_in || !open || mode == Mode::Stable {
                        return false;
                    }
                }
            }
        }
        if !changed {
            return true;
        }
    }
}

/// Whether `a`'s label agrees with its attackers' (all labelled).
fn legal(af: &Framework, lab: &[u8], a: Arg) -> bool {
    let any_in = af.attackers(a).iter().any(|&b| lab[b] == IN);
    let all_out = af.attackers(a).iter().all(|&b| lab[b] == OUT);
    match lab[a] {
        IN => all_out,
        OUT => any_in,
        UND => !any_in && !all_out,
        _ => false,
    }
}
