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

use std::collections::{BTreeMap, HashMap};

use super::af::{Arg, Framework};
use super::solve::{self, Enumeration, Label, Semantics};
use crate::model::{AcceptanceOverride, InferenceKind, Map, NodeData, NodeIx};

/// What a framework argument stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgRole {
    /// A rephrase class of statements is accepted.
    Statement {
        /// Index into [`Translation::classes`].
        class: usize,
    },
    /// A support or conflict inference applies.
    Inference {
        /// The inference's id.
        id: String,
    },
    /// The premise is not accepted, so the inference does not apply.
    PremiseGate {
        /// The premise's id (statement or inference).
        premise: String,
        /// The inference.
        inference: String,
    },
    /// The statement answering an assumption question of the inference is
    /// not accepted, so the inference does not apply.
    AssumptionGate {
        /// The answering statement's id.
        statement: String,
        /// The inference.
        inference: String,
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
    /// Support inferences aimed at each class, by id.
    pub reasons: Vec<Vec<String>>,
    /// Conflict inferences aimed at each class, by id.
    pub attacks: Vec<Vec<String>>,
    /// Statement id → class.
    pub class_of: HashMap<String, usize>,
    /// Class → its argument.
    pub class_arg: Vec<Arg>,
    /// Support or conflict inference id → its argument.
    pub inference_arg: HashMap<String, Arg>,
    /// Rephrase inference id → the class it joins.
    pub rephrase_class: HashMap<String, usize>,
    /// Inference id → the statements answering its assumption questions,
    /// which it requires like premises ([`Map::assumption_answers`]).
    pub assumptions: HashMap<String, Vec<String>>,
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
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Translates `map` (with its overrides and global option) into a framework.
pub fn translate(map: &Map) -> Translation {
    let g = map.graph();
    let nodes = map.nodes_sorted();
    let ix = |id: &str| map.index_of(id).expect("sorted nodes exist");
    let mut notes = Vec::new();
    // Rephrase classes by union-find over statement positions.
    let statements: Vec<&str> = nodes
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.as_str())
        .collect();
    let pos: HashMap<&str, usize> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i))
        .collect();
    let mut parent: Vec<usize> = (0..statements.len()).collect();
    let is_kind =
        |n: NodeIx, k: InferenceKind| matches!(&g[n].data, NodeData::Inference(i) if i.kind == k);
    for n in &nodes {
        let Some(inf) = n.as_inference() else {
            continue;
        };
        if inf.kind != InferenceKind::Rephrase {
            continue;
        }
        let me = ix(&n.id);
        let mut members: Vec<usize> = Vec::new();
        for p in map.premises_of(me).into_iter().chain(map.target_of(me)) {
            match pos.get(g[p].id.as_str()) {
                Some(&i) => members.push(i),
                None => notes.push(format!(
                    "rephrase {} joins inference {}, which is not evaluated as a statement",
                    n.id, g[p].id
                )),
            }
        }
        for w in members.windows(2) {
            let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut class_of_root: HashMap<usize, usize> = HashMap::new();
    let mut classes: Vec<Vec<String>> = Vec::new();
    let mut class_of: HashMap<String, usize> = HashMap::new();
    for (i, s) in statements.iter().enumerate() {
        let r = find(&mut parent, i);
        let c = *class_of_root.entry(r).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[c].push((*s).to_owned());
        class_of.insert((*s).to_owned(), c);
    }
    let mut rephrase_class = HashMap::new();
    for n in &nodes {
        if is_kind(ix(&n.id), InferenceKind::Rephrase)
            && let Some(t) = map.target_of(ix(&n.id))
            && let Some(&c) = class_of.get(&g[t].id)
        {
            rephrase_class.insert(n.id.clone(), c);
        }
    }
    // Overrides per class: the strongest verdict among its members.
    let mut overrides = vec![AcceptanceOverride::Default; classes.len()];
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
    let mut af = Framework::default();
    let mut roles = Vec::new();
    let mut add = |af: &mut Framework, name: String, role: ArgRole| {
        let a = af.add_arg(&name);
        roles.push(role);
        a
    };
    let class_arg: Vec<Arg> = (0..classes.len())
        .map(|c| {
            add(
                &mut af,
                classes[c][0].clone(),
                ArgRole::Statement { class: c },
            )
        })
        .collect();
    let mut inference_arg: HashMap<String, Arg> = HashMap::new();
    let evaluated: Vec<&crate::model::Node> = nodes
        .iter()
        .copied()
        .filter(|n| {
            n.as_inference()
                .is_some_and(|i| i.kind != InferenceKind::Rephrase)
        })
        .collect();
    for n in &evaluated {
        let a = add(
            &mut af,
            n.id.clone(),
            ArgRole::Inference { id: n.id.clone() },
        );
        inference_arg.insert(n.id.clone(), a);
    }
    let node_arg = |id: &str| -> Option<Arg> {
        class_of
            .get(id)
            .map(|&c| class_arg[c])
            .or_else(|| inference_arg.get(id).copied())
    };
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); classes.len()];
    let mut attacks: Vec<Vec<String>> = vec![Vec::new(); classes.len()];
    let mut pairs: Vec<(Arg, Arg)> = Vec::new();
    let mut assumptions: HashMap<String, Vec<String>> = HashMap::new();
    for n in &evaluated {
        let me = ix(&n.id);
        let my = inference_arg[&n.id];
        for p in map.premises_of(me) {
            let pid = &g[p].id;
            let Some(pa) = node_arg(pid) else {
                notes.push(format!(
                    "premise {pid} of {} is a rephrase node; it is not evaluated",
                    n.id
                ));
                continue;
            };
            let gate = add(
                &mut af,
                format!("premise:{pid}:{}", n.id),
                ArgRole::PremiseGate {
                    premise: pid.clone(),
                    inference: n.id.clone(),
                },
            );
            pairs.push((pa, gate));
            pairs.push((gate, my));
        }
        let answers = map.assumption_answers(&n.id, crate::io::schemes::bundled());
        for sid in &answers {
            let Some(sa) = node_arg(sid) else { continue };
            let gate = add(
                &mut af,
                format!("assumption:{sid}:{}", n.id),
                ArgRole::AssumptionGate {
                    statement: sid.clone(),
                    inference: n.id.clone(),
                },
            );
            pairs.push((sa, gate));
            pairs.push((gate, my));
        }
        if !answers.is_empty() {
            assumptions.insert(n.id.clone(), answers);
        }
        let Some(t) = map.target_of(me) else { continue };
        let tid = &g[t].id;
        let support = is_kind(me, InferenceKind::Support);
        match (class_of.get(tid), support) {
            (Some(&c), true) => reasons[c].push(n.id.clone()),
            (Some(&c), false) => attacks[c].push(n.id.clone()),
            (None, true) => notes.push(format!(
                "support {} backs inference {tid}; support for an inference does not change labels",
                n.id
            )),
            (None, false) => match inference_arg.get(tid) {
                Some(&ta) => pairs.push((my, ta)),
                None => notes.push(format!(
                    "conflict {} on rephrase {tid} is not evaluated",
                    n.id
                )),
            },
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
                    format!("rejected:{name}"),
                    ArgRole::Rejected { class: c },
                );
                pairs.push((r, me));
                continue;
            }
            AcceptanceOverride::Undecided => {
                let u = add(
                    &mut af,
                    format!("undecided:{name}"),
                    ArgRole::Undecided { class: c },
                );
                pairs.push((u, u));
                pairs.push((u, me));
                continue;
            }
            AcceptanceOverride::Default => {}
        }
        for k in &attacks[c] {
            pairs.push((inference_arg[k], me));
        }
        if !reasons[c].is_empty() || unsupported_off {
            let u = add(
                &mut af,
                format!("unsupported:{name}"),
                ArgRole::Unsupported { class: c },
            );
            for r in &reasons[c] {
                pairs.push((inference_arg[r], u));
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
        reasons,
        attacks,
        class_of,
        class_arg,
        inference_arg,
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
