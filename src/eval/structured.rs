//! The translation of an Argmap [`Map`] into a Dung [`Framework`], and its
//! labels per statement and inference. The reading follows the AIF→ASPIC+
//! translation (Bex, Modgil, Prakken & Reed 2013): a support node is a rule
//! application (RA), a conflict node (CA) on a statement is a rebuttal or
//! an undermining, on an inference an undercut, and a rephrase (MA) makes
//! its statements one. From Carneades (CAES, Gordon, Prakken & Walton 2007)
//! it takes applicability: a reason applies only when all its linked
//! premises are accepted, and a statement that has reasons needs one that
//! applies. Where we differ from both is written in the README ("How
//! evaluation works").
//!
//! Framework arguments:
//! - one per rephrase class of statements, "the statement is accepted",
//!   named by the class's first id;
//! - one per support or conflict inference, "the inference applies", named
//!   by its id;
//! - gates: `premise:P:I` ("premise P of I is not accepted", attacked by
//!   P, attacking I) — so I is IN exactly when every premise is IN;
//! - `assumption:S:I` ("the answer S to an assumption question of I is
//!   not accepted", attacked by S, attacking I): an assumption question
//!   answered with statement S makes S a premise I requires (Carneades:
//!   a questioned assumption needs support). Raised questions need no
//!   gate: their objection is an undercut or undermining in the map;
//! - `unsupported:S` ("no reason of S applies", attacked by each support of
//!   S, attacking S) — present when S has reasons, or has none and the map
//!   says unsupported statements are not accepted;
//! - `rejected:S` (unattacked, attacks S) and `undecided:S`
//!   (self-attacking, attacks S) for the analyst's overrides.

use std::collections::BTreeMap;

use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use rustc_hash::FxHashMap;

use super::af::{Arg, Framework};
use super::solve::{self, Enumeration, Label, Semantics};
use crate::model::ids::natural_cmp;
use crate::model::{AcceptanceOverride, InferenceKind, Link, Map, NodeData, NodeIx};

/// What a framework argument stands for. Nodes are graph indices of the
/// translated map (`map.graph()[ix].id` gives the id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRole {
    /// A rephrase class of statements is accepted.
    Statement {
        /// Index into [`Translation::classes`].
        class: usize,
    },
    /// A support or conflict inference applies.
    Inference {
        /// The inference.
        node: NodeIx,
    },
    /// The premise is not accepted, so the inference does not apply.
    PremiseGate {
        /// The premise (statement or inference).
        premise: NodeIx,
        /// The inference.
        inference: NodeIx,
    },
    /// The statement answering an assumption question of the inference is
    /// not accepted, so the inference does not apply.
    AssumptionGate {
        /// The answering statement.
        statement: NodeIx,
        /// The inference.
        inference: NodeIx,
    },
    /// No reason for the class applies.
    Unsupported {
        /// The class.
        class: usize,
    },
    /// The analyst rejected the class.
    Rejected {
        /// The class.
        class: usize,
    },
    /// The analyst left the class undecided.
    Undecided {
        /// The class.
        class: usize,
    },
}

/// A map read as a framework, with the way back from arguments to nodes.
///
/// Argument numbering: class `c` is argument `c` (`0..classes.len()`),
/// then the support and conflict inferences in natural id order
/// ([`Translation::inference_args`]), then the gates, unsupported,
/// rejected and undecided arguments.
#[derive(Clone, Debug)]
pub struct Translation {
    /// The framework.
    pub framework: Framework,
    /// What each argument stands for, by [`Arg`].
    pub roles: Vec<ArgRole>,
    /// Rephrase classes: statement ids, natural order, first is the name.
    pub classes: Vec<Vec<String>>,
    /// The override in force for each class.
    pub overrides: Vec<AcceptanceOverride>,
    /// Statement id → class.
    pub class_of: FxHashMap<String, usize>,
    /// Class → its argument.
    pub class_arg: Vec<Arg>,
    /// Support or conflict inference id → its argument.
    pub inference_arg: FxHashMap<String, Arg>,
    /// The support and conflict inference arguments, natural id order:
    /// `classes.len()..classes.len() + inference_arg.len()`.
    pub inference_args: std::ops::Range<Arg>,
    /// Per inference argument (by `arg - inference_args.start`): the
    /// arguments of its premises (co-premise order, rephrase nodes left
    /// out) then of the statements answering its assumption questions.
    pub inference_gates: Vec<Vec<Arg>>,
    /// Per inference argument: the inference argument its target is, if
    /// it aims at a support or conflict (whatever its own kind).
    pub inference_target: Vec<Option<Arg>>,
    /// Per class: the arguments of the conflict inferences aimed at it,
    /// natural id order ([`Translation::attack_ids`] for their ids).
    pub attack_args: Vec<Vec<Arg>>,
    /// Per class: the arguments of the support inferences aimed at it,
    /// natural id order ([`Translation::reason_ids`] for their ids).
    pub reason_args: Vec<Vec<Arg>>,
    /// Rephrase inference id → the class it joins.
    pub rephrase_class: FxHashMap<String, usize>,
    /// Inference id → the statements answering its assumption questions,
    /// which it requires like premises ([`Map::assumption_answers`]).
    pub assumptions: FxHashMap<String, Vec<String>>,
    /// Parts of the map the translation left out, and why (sorted).
    pub notes: Vec<String>,
}

impl Translation {
    /// The argument deciding node `id`'s label: its class for a statement
    /// or rephrase, its own for a support or conflict.
    pub fn arg_of(&self, id: &str) -> Option<Arg> {
        if let Some(&c) = self.class_of.get(id) {
            return Some(self.class_arg[c]);
        }
        if let Some(&a) = self.inference_arg.get(id) {
            return Some(a);
        }
        self.rephrase_class.get(id).map(|&c| self.class_arg[c])
    }

    /// The ids of the support inferences aimed at class `c`, natural order.
    pub fn reason_ids(&self, c: usize) -> Vec<String> {
        let af = &self.framework;
        self.reason_args[c]
            .iter()
            .map(|&a| af.name(a).to_owned())
            .collect()
    }

    /// The ids of the conflict inferences aimed at class `c`, natural order.
    pub fn attack_ids(&self, c: usize) -> Vec<String> {
        let af = &self.framework;
        self.attack_args[c]
            .iter()
            .map(|&a| af.name(a).to_owned())
            .collect()
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// "None" in the per-node index tables below.
const NONE: usize = usize::MAX;

/// The premise and target edges of every node, gathered in one pass:
/// premises as a compressed table (`premises[start[n]..start[n + 1]]`,
/// co-premise order) and the target per node.
struct Edges {
    start: Vec<usize>,
    premises: Vec<NodeIx>,
    target: Vec<Option<NodeIx>>,
}

impl Edges {
    fn of(map: &Map) -> Self {
        let g = map.graph();
        let bound = g.node_bound();
        let mut target = vec![None; bound];
        let mut flat: Vec<(usize, u32, NodeIx)> = Vec::new();
        for e in g.edge_references() {
            match e.weight() {
                Link::Premise(ord) => flat.push((e.target().index(), *ord, e.source())),
                Link::Target => target[e.source().index()] = Some(e.target()),
            }
        }
        flat.sort_unstable_by_key(|&(t, ord, p)| (t, ord, p.index()));
        let mut start = vec![0usize; bound + 1];
        for &(t, _, _) in &flat {
            start[t + 1] += 1;
        }
        for i in 0..bound {
            start[i + 1] += start[i];
        }
        Edges {
            start,
            premises: flat.into_iter().map(|(_, _, p)| p).collect(),
            target,
        }
    }

    fn premises(&self, n: NodeIx) -> &[NodeIx] {
        &self.premises[self.start[n.index()]..self.start[n.index() + 1]]
    }
}

/// An id split as non-digit prefix and number, when it is exactly that
/// and the number has no leading zero and fits 64 bits (`s12`, `i7`).
fn prefix_number(id: &str) -> Option<(&str, u64)> {
    let digits = id.len() - id.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (prefix, number) = id.split_at(digits);
    if number.is_empty()
        || number.starts_with('0')
        || number.len() > 19
        || prefix.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((prefix, number.parse().ok()?))
}

/// Every node in natural id order ([`natural_cmp`], as
/// [`Map::nodes_sorted`]), comparing ids of one prefix by a number parsed
/// once instead of by [`natural_cmp`] on every comparison.
pub(super) fn natural_order(map: &Map) -> Vec<NodeIx> {
    let g = map.graph();
    let mut keyed: Vec<(Option<(&str, u64)>, NodeIx)> = g
        .node_indices()
        .map(|n| (prefix_number(&g[n].id), n))
        .collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| match (ka, kb) {
        (Some((pa, na)), Some((pb, nb))) if pa == pb => na.cmp(nb),
        _ => natural_cmp(&g[*a].id, &g[*b].id),
    });
    keyed.into_iter().map(|(_, n)| n).collect()
}

/// Translates `map` (with its overrides and global option) into a framework.
pub fn translate(map: &Map) -> Translation {
    let g = map.graph();
    let bound = g.node_bound();
    let order = natural_order(map);
    let edges = Edges::of(map);
    let mut notes = Vec::new();
    let kind_of = |n: NodeIx| match &g[n].data {
        NodeData::Inference(i) => Some(i.kind),
        _ => None,
    };
    // Rephrase classes by union-find over statement positions.
    let mut pos = vec![NONE; bound];
    let mut statements: Vec<NodeIx> = Vec::new();
    for &n in &order {
        if g[n].is_statement() {
            pos[n.index()] = statements.len();
            statements.push(n);
        }
    }
    let mut parent: Vec<usize> = (0..statements.len()).collect();
    let rephrases: Vec<NodeIx> = order
        .iter()
        .copied()
        .filter(|&n| kind_of(n) == Some(InferenceKind::Rephrase))
        .collect();
    for &me in &rephrases {
        let mut members: Vec<usize> = Vec::new();
        for &p in edges.premises(me).iter().chain(&edges.target[me.index()]) {
            match pos[p.index()] {
                NONE => notes.push(format!(
                    "rephrase {} joins inference {}, which is not evaluated as a statement",
                    g[me].id, g[p].id
                )),
                i => members.push(i),
            }
        }
        for w in members.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut class_of_root = vec![NONE; statements.len()];
    let mut classes: Vec<Vec<String>> = Vec::new();
    let mut class_of = FxHashMap::default();
    class_of.reserve(statements.len());
    let mut node_class = vec![NONE; bound];
    for (i, &s) in statements.iter().enumerate() {
        let r = find(&mut parent, i);
        if class_of_root[r] == NONE {
            class_of_root[r] = classes.len();
            classes.push(Vec::new());
        }
        let c = class_of_root[r];
        classes[c].push(g[s].id.clone());
        class_of.insert(g[s].id.clone(), c);
        node_class[s.index()] = c;
    }
    let mut rephrase_class = FxHashMap::default();
    for &me in &rephrases {
        if let Some(t) = edges.target[me.index()]
            && node_class[t.index()] != NONE
        {
            rephrase_class.insert(g[me].id.clone(), node_class[t.index()]);
        }
    }
    // Overrides per class: the strongest verdict among its members.
    let mut overrides = vec![AcceptanceOverride::Default; classes.len()];
    if !map.eval_inputs().acceptance.is_empty() {
        for (c, members) in classes.iter().enumerate() {
            let mut seen: Vec<AcceptanceOverride> = members
                .iter()
                .map(|m| map.acceptance_override(m))
                .filter(|v| *v != AcceptanceOverride::Default)
                .collect();
            seen.dedup();
            let rank = |v: &AcceptanceOverride| match v {
                AcceptanceOverride::Rejected => 3,
                AcceptanceOverride::Undecided => 2,
                AcceptanceOverride::Accepted => 1,
                AcceptanceOverride::Default => 0,
            };
            if let Some(v) = seen.iter().max_by_key(|v| rank(v)) {
                overrides[c] = *v;
            }
            if seen.iter().any(|v| *v != overrides[c]) {
                notes.push(format!(
                    "rephrased statements {} have different overrides; {} wins",
                    members.join(", "),
                    overrides[c].as_str()
                ));
            }
        }
    }
    let mut af = Framework::default();
    af.reserve(2 * bound, 16 * bound, 4 * bound);
    let mut roles = Vec::with_capacity(2 * bound);
    let mut add = |af: &mut Framework, name: std::fmt::Arguments<'_>, role: ArgRole| {
        let a = af.push_arg(name);
        roles.push(role);
        a
    };
    let class_arg: Vec<Arg> = (0..classes.len())
        .map(|c| {
            add(
                &mut af,
                format_args!("{}", classes[c][0]),
                ArgRole::Statement { class: c },
            )
        })
        .collect();
    let evaluated: Vec<NodeIx> = order
        .iter()
        .copied()
        .filter(|&n| kind_of(n).is_some_and(|k| k != InferenceKind::Rephrase))
        .collect();
    let mut node_arg = vec![NONE; bound];
    for &s in &statements {
        node_arg[s.index()] = class_arg[node_class[s.index()]];
    }
    let mut inference_arg = FxHashMap::default();
    inference_arg.reserve(evaluated.len());
    let first_inference = af.len();
    for &n in &evaluated {
        let a = add(
            &mut af,
            format_args!("{}", g[n].id),
            ArgRole::Inference { node: n },
        );
        node_arg[n.index()] = a;
        inference_arg.insert(g[n].id.clone(), a);
    }
    let inference_args = first_inference..af.len();
    let mut reason_args: Vec<Vec<Arg>> = vec![Vec::new(); classes.len()];
    let mut attack_args: Vec<Vec<Arg>> = vec![Vec::new(); classes.len()];
    let mut inference_gates: Vec<Vec<Arg>> = Vec::with_capacity(evaluated.len());
    let mut inference_target: Vec<Option<Arg>> = Vec::with_capacity(evaluated.len());
    let mut pairs: Vec<(Arg, Arg)> = Vec::new();
    let mut assumptions = FxHashMap::default();
    let catalogue = crate::io::schemes::bundled();
    for &me in &evaluated {
        let my = node_arg[me.index()];
        let mut gates = Vec::new();
        for &p in edges.premises(me) {
            let pa = node_arg[p.index()];
            if pa == NONE {
                notes.push(format!(
                    "premise {} of {} is a rephrase node; it is not evaluated",
                    g[p].id, g[me].id
                ));
                continue;
            }
            let gate = add(
                &mut af,
                format_args!("premise:{}:{}", g[p].id, g[me].id),
                ArgRole::PremiseGate {
                    premise: p,
                    inference: me,
                },
            );
            gates.push(pa);
            pairs.push((pa, gate));
            pairs.push((gate, my));
        }
        let has_questions =
            matches!(&g[me].data, NodeData::Inference(i) if !i.questions.is_empty());
        if has_questions {
            let answers = map.assumption_answers(&g[me].id, catalogue);
            for sid in &answers {
                let Some(s) = map.index_of(sid) else { continue };
                let sa = node_arg[s.index()];
                if sa == NONE {
                    continue;
                }
                let gate = add(
                    &mut af,
                    format_args!("assumption:{sid}:{}", g[me].id),
                    ArgRole::AssumptionGate {
                        statement: s,
                        inference: me,
                    },
                );
                gates.push(sa);
                pairs.push((sa, gate));
                pairs.push((gate, my));
            }
            if !answers.is_empty() {
                assumptions.insert(g[me].id.clone(), answers);
            }
        }
        inference_gates.push(gates);
        let target = edges.target[me.index()];
        inference_target.push(target.and_then(|t| {
            let ta = node_arg[t.index()];
            (ta != NONE && node_class[t.index()] == NONE).then_some(ta)
        }));
        let Some(t) = target else { continue };
        let tid = &g[t].id;
        let support = kind_of(me) == Some(InferenceKind::Support);
        match (node_class[t.index()], support) {
            (NONE, true) => notes.push(format!(
                "support {} backs inference {tid}; support for an inference does not change labels",
                g[me].id
            )),
            (NONE, false) => match node_arg[t.index()] {
                NONE => notes.push(format!(
                    "conflict {} on rephrase {tid} is not evaluated",
                    g[me].id
                )),
                ta => pairs.push((my, ta)),
            },
            (c, true) => {
                reason_args[c].push(my);
            }
            (c, false) => {
                attack_args[c].push(my);
            }
        }
    }
    let unsupported_off = map.eval_inputs().options.unsupported_not_accepted;
    for c in 0..classes.len() {
        let me = class_arg[c];
        let name = &classes[c][0];
        match overrides[c] {
            AcceptanceOverride::Accepted => continue,
            AcceptanceOverride::Rejected => {
                let r = add(
                    &mut af,
                    format_args!("rejected:{name}"),
                    ArgRole::Rejected { class: c },
                );
                pairs.push((r, me));
                continue;
            }
            AcceptanceOverride::Undecided => {
                let u = add(
                    &mut af,
                    format_args!("undecided:{name}"),
                    ArgRole::Undecided { class: c },
                );
                pairs.push((u, u));
                pairs.push((u, me));
                continue;
            }
            AcceptanceOverride::Default => {}
        }
        for &k in &attack_args[c] {
            pairs.push((k, me));
        }
        if !reason_args[c].is_empty() || unsupported_off {
            let u = add(
                &mut af,
                format_args!("unsupported:{name}"),
                ArgRole::Unsupported { class: c },
            );
            for &r in &reason_args[c] {
                pairs.push((r, u));
            }
            pairs.push((u, me));
        }
    }
    for (a, b) in pairs {
        af.add_attack(a, b);
    }
    af.finish();
    notes.sort();
    notes.dedup();
    Translation {
        framework: af,
        roles,
        classes,
        overrides,
        class_of,
        class_arg,
        inference_arg,
        inference_args,
        inference_gates,
        inference_target,
        attack_args,
        reason_args,
        rephrase_class,
        assumptions,
        notes,
    }
}

/// A map evaluated under one extension-based semantics.
#[derive(Clone, Debug)]
pub struct MapEvaluation {
    /// The semantics.
    pub semantics: Semantics,
    /// The framework and the way back to the map.
    pub translation: Translation,
    /// The labellings of the framework (several for complete, preferred,
    /// stable and semi-stable; none when a stable extension does not exist).
    pub enumeration: Enumeration,
}

/// At most this many labellings are enumerated for a map.
pub const MAP_EXTENSION_LIMIT: usize = 1000;

/// Evaluates `map` under `semantics`.
pub fn evaluate(map: &Map, semantics: Semantics) -> MapEvaluation {
    evaluate_translated(translate(map), semantics)
}

/// [`evaluate`] that gives up, returning `None`, soon after `cancel` is set
/// (see [`solve::enumerate_cancellable`]).
pub fn evaluate_cancellable(
    map: &Map,
    semantics: Semantics,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<MapEvaluation> {
    let translation = translate(map);
    let enumeration = solve::enumerate_cancellable(
        &translation.framework,
        semantics,
        MAP_EXTENSION_LIMIT,
        cancel,
    )?;
    Some(MapEvaluation {
        semantics,
        translation,
        enumeration,
    })
}

/// Evaluates an existing translation under `semantics`.
pub fn evaluate_translated(translation: Translation, semantics: Semantics) -> MapEvaluation {
    let enumeration = solve::enumerate(&translation.framework, semantics, MAP_EXTENSION_LIMIT);
    MapEvaluation {
        semantics,
        translation,
        enumeration,
    }
}

/// A node's standing across all labellings of a semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// IN in every labelling → IN; OUT in every one → OUT; otherwise UNDEC
    /// (also when there is no labelling at all).
    pub label: Label,
    /// IN in at least one labelling.
    pub credulous: bool,
    /// IN in every labelling (vacuously true with none).
    pub sceptical: bool,
}

impl MapEvaluation {
    /// Number of labellings (extensions).
    pub fn extension_count(&self) -> usize {
        self.enumeration.labellings.len()
    }

    /// Node `id`'s label in labelling number `ext`.
    pub fn label(&self, id: &str, ext: usize) -> Option<Label> {
        let a = self.translation.arg_of(id)?;
        self.enumeration.labellings.get(ext).map(|l| l[a])
    }

    /// Every statement's and inference's label in labelling `ext`, by id
    /// (empty when there is no such labelling).
    pub fn labels(&self, ext: usize) -> BTreeMap<String, Label> {
        let Some(l) = self.enumeration.labellings.get(ext) else {
            return BTreeMap::new();
        };
        self.node_ids()
            .map(|id| (id.to_owned(), l[self.translation.arg_of(id).unwrap_or(0)]))
            .collect()
    }

    fn node_ids(&self) -> impl Iterator<Item = &str> {
        let t = &self.translation;
        t.class_of
            .keys()
            .chain(t.inference_arg.keys())
            .chain(t.rephrase_class.keys())
            .map(String::as_str)
    }

    /// Node `id`'s standing across every labelling.
    pub fn standing(&self, id: &str) -> Option<Standing> {
        let a = self.translation.arg_of(id)?;
        let ls = &self.enumeration.labellings;
        let all = |x: Label| !ls.is_empty() && ls.iter().all(|l| l[a] == x);
        Some(Standing {
            label: if all(Label::In) {
                Label::In
            } else if all(Label::Out) {
                Label::Out
            } else {
                Label::Undec
            },
            credulous: ls.iter().any(|l| l[a] == Label::In),
            sceptical: ls.iter().all(|l| l[a] == Label::In),
        })
    }

    /// Every node's standing, by id.
    pub fn standings(&self) -> BTreeMap<String, Standing> {
        self.node_ids()
            .filter_map(|id| Some((id.to_owned(), self.standing(id)?)))
            .collect()
    }

    /// The ids whose standing differs between `self` and `before`, sorted
    /// (for "3 changed: …" after a what-if edit).
    pub fn changed_since(&self, before: &MapEvaluation) -> Vec<String> {
        let (now, then) = (self.standings(), before.standings());
        let mut ids: Vec<String> = now
            .iter()
            .filter(|(id, s)| then.get(*id).map(|t| t.label) != Some(s.label))
            .map(|(id, _)| id.clone())
            .chain(then.keys().filter(|id| !now.contains_key(*id)).cloned())
            .collect();
        ids.sort_by(|a, b| crate::model::ids::natural_cmp(a, b));
        ids.dedup();
        ids
    }
}
