//! "Why is this IN, OUT or UNDEC?": the attackers and reasons that decide a
//! node's label in one labelling, recursively, as structured data
//! ([`Why`]) and as short indented text ([`render`]).
//!
//! The chain follows the labelling's own justification: IN because every
//! attacker is OUT (and, for a statement with reasons, one reason applies);
//! OUT because one attacker is IN (the first, in id order); UNDEC because
//! some attacker is UNDEC and none is IN. Gates and auxiliary arguments of
//! the translation are read back as premises, reasons and overrides.

use super::solve::Label;
use super::structured::MapEvaluation;
use crate::model::{AcceptanceOverride, Map};

/// Why a node has its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    /// The statement or inference id.
    pub id: String,
    /// A short name: a statement's title or text, an inference's title or
    /// "support i3" / "conflict i4".
    pub name: String,
    /// Its label in the labelling explained.
    pub label: Label,
    /// The deciding fact.
    pub reason: Reason,
    /// The nodes that decide it, each with its own explanation; empty past
    /// the depth limit or where the chain would loop.
    pub because: Vec<Because>,
}

/// One deciding node and how it relates to the node explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Because {
    /// How it bears on the node.
    pub relation: Relation,
    /// Its explanation.
    pub why: Why,
}

/// How a deciding node bears on the node explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// It attacks the node (a conflict, or for an inference an undercut).
    AttackedBy,
    /// It is a reason (support) for the statement.
    Reason,
    /// It is a premise of the inference.
    Premise,
    /// It answers an assumption question of the inference, which requires
    /// it like a premise.
    Assumption,
}

/// The deciding fact about a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The analyst set it.
    Override(AcceptanceOverride),
    /// A statement with no reasons and no attacker that stands: accepted by default.
    ByDefault,
    /// A statement with no reasons, under "unsupported statements are not accepted".
    UnsupportedByOption,
    /// IN: a reason applies and every attacker fails (listed).
    Stands,
    /// OUT or UNDEC: an attacker is IN (OUT) or UNDEC (UNDEC).
    Attacked,
    /// OUT or UNDEC: none of its reasons applies (all OUT) or is sure to (UNDEC).
    NoReasonApplies,
    /// An inference: every premise accepted and no undercut stands.
    Applies,
    /// An inference: a premise is OUT (or UNDEC).
    PremiseFails,
    /// The chain stops here (depth limit, or the node is already above).
    Cut,
}

/// How deep [`explain`] follows the chain by default.
pub const DEFAULT_DEPTH: usize = 4;

/// Explains node `id`'s label in labelling `ext`, at most `depth` levels
/// deep. `None` if the node is not evaluated or there is no such labelling.
pub fn explain(map: &Map, eval: &MapEvaluation, id: &str, ext: usize, depth: usize) -> Option<Why> {
    let labels = eval.enumeration.labellings.get(ext)?;
    eval.translation.arg_of(id)?;
    let mut ctx = Ctx {
        map,
        eval,
        labels,
        path: Vec::new(),
    };
    Some(ctx.why(id, depth))
}

struct Ctx<'a> {
    map: &'a Map,
    eval: &'a MapEvaluation,
    labels: &'a [Label],
    path: Vec<String>,
}

impl Ctx<'_> {
    fn label(&self, id: &str) -> Label {
        self.eval
            .translation
            .arg_of(id)
            .map_or(Label::Undec, |a| self.labels[a])
    }

    fn name(&self, id: &str) -> String {
        if let Some(s) = self.map.statement(id) {
            let l = s.label();
            let short: String = l.chars().take(60).collect();
            return if short.len() < l.len() {
                format!("{short}…")
            } else {
                short
            };
        }
        match self.map.inference(id) {
            Some(i) if !i.title.is_empty() => i.title.clone(),
            Some(i) => format!("{} {id}", i.kind.as_str()),
            None => id.to_owned(),
        }
    }

    fn why(&mut self, id: &str, depth: usize) -> Why {
        let label = self.label(id);
        let mut why = Why {
            id: id.to_owned(),
            name: self.name(id),
            label,
            reason: Reason::Cut,
            because: Vec::new(),
        };
        if depth == 0 || self.path.iter().any(|p| p == id) {
            return why;
        }
        self.path.push(id.to_owned());
        let t = &self.eval.translation;
        if let Some(&c) = t.class_of.get(id) {
            self.statement(&mut why, c, depth);
        } else if let Some(&c) = t.rephrase_class.get(id) {
            let rep = t.classes[c][0].clone();
            let inner = self.why(&rep, depth - 1);
            why.reason = inner.reason;
            why.because = inner.because;
        } else {
            self.inference(&mut why, depth);
        }
        self.path.pop();
        why
    }

    /// Picks the deciding nodes among `ids` for a node labelled `label`:
    /// for OUT the first IN one; for UNDEC the UNDEC ones; for IN all.
    fn deciding(&self, ids: &[String], want: Label) -> Vec<String> {
        let hits: Vec<String> = ids
            .iter()
            .filter(|k| self.label(k) == want)
            .cloned()
            .collect();
        if want == Label::In {
            hits.into_iter().take(1).collect()
        } else {
            hits
        }
    }

    fn statement(&mut self, why: &mut Why, c: usize, depth: usize) {
        let t = &self.eval.translation;
        let ov = t.overrides[c];
        if ov != AcceptanceOverride::Default {
            why.reason = Reason::Override(ov);
            return;
        }
        let attacks = t.attack_ids(c);
        let reasons = t.reason_ids(c);
        let option = self.map.eval_inputs().options.unsupported_not_accepted;
        let mut add = |ctx: &mut Self, rel: Relation, ids: Vec<String>| {
            for k in ids {
                let w = ctx.attacker_why(&k, rel, depth - 1);
                why.because.push(Because {
                    relation: rel,
                    why: w,
                });
            }
        };
        match why.label {
            Label::In => {
                if reasons.is_empty() {
                    why.reason = Reason::ByDefault;
                } else {
                    why.reason = Reason::Stands;
                    let hits = self.deciding(&reasons, Label::In);
                    add(self, Relation::Reason, hits);
                }
                add(self, Relation::AttackedBy, attacks);
            }
            Label::Out | Label::Undec => {
                let want = if why.label == Label::Out {
                    Label::In
                } else {
                    Label::Undec
                };
                let hits = if why.label == Label::Out {
                    self.deciding(&attacks, Label::In)
                } else {
                    attacks
                        .iter()
                        .filter(|k| self.label(k) == Label::Undec)
                        .cloned()
                        .collect()
                };
                if !hits.is_empty() {
                    why.reason = Reason::Attacked;
                    add(self, Relation::AttackedBy, hits);
                } else if reasons.is_empty() && option {
                    why.reason = Reason::UnsupportedByOption;
                } else {
                    why.reason = Reason::NoReasonApplies;
                    let shown: Vec<String> = if want == Label::In {
                        reasons
                    } else {
                        reasons
                            .iter()
                            .filter(|r| self.label(r) == Label::Undec)
                            .cloned()
                            .collect()
                    };
                    add(self, Relation::Reason, shown);
                }
            }
        }
    }

    /// An attacker or reason: a single-premise inference that nothing
    /// undercuts is shown as its premise, so chains read "attacked by X".
    fn attacker_why(&mut self, inference: &str, rel: Relation, depth: usize) -> Why {
        if let Some(ix) = self.map.index_of(inference) {
            let premises = self.map.premises_of(ix);
            let undercut = self
                .map
                .inferences_into(ix)
                .iter()
                .any(|u| self.map.is_undercut(*u));
            if premises.len() == 1 && !undercut && rel != Relation::Premise {
                let p = self.map.graph()[premises[0]].id.clone();
                return self.why(&p, depth);
            }
        }
        self.why(inference, depth)
    }

    fn inference(&mut self, why: &mut Why, depth: usize) {
        let Some(ix) = self.map.index_of(&why.id) else {
            return;
        };
        let premises: Vec<String> = self
            .map
            .premises_of(ix)
            .into_iter()
            .map(|p| self.map.graph()[p].id.clone())
            .collect();
        let assumed: Vec<String> = self
            .eval
            .translation
            .assumptions
            .get(&why.id)
            .cloned()
            .unwrap_or_default();
        let undercuts: Vec<String> = self
            .map
            .inferences_into(ix)
            .into_iter()
            .filter(|u| self.map.is_undercut(*u))
            .map(|u| self.map.graph()[u].id.clone())
            .filter(|u| self.eval.translation.inference_arg.contains_key(u))
            .collect();
        let mut push = |ctx: &mut Self, rel: Relation, ids: Vec<String>| {
            for k in ids {
                let w = if rel == Relation::AttackedBy {
                    ctx.attacker_why(&k, rel, depth - 1)
                } else {
                    ctx.why(&k, depth - 1)
                };
                why.because.push(Because {
                    relation: rel,
                    why: w,
                });
            }
        };
        match why.label {
            Label::In => {
                why.reason = Reason::Applies;
                push(self, Relation::Premise, premises);
                push(self, Relation::Assumption, assumed);
                push(self, Relation::AttackedBy, undercuts);
            }
            l => {
                let required = || premises.iter().chain(&assumed);
                let (bad, cut): (Vec<String>, Vec<String>) = if l == Label::Out {
                    (
                        required()
                            .filter(|p| self.label(p) == Label::Out)
                            .take(1)
                            .cloned()
                            .collect(),
                        undercuts
                            .iter()
                            .filter(|u| self.label(u) == Label::In)
                            .take(1)
                            .cloned()
                            .collect(),
                    )
                } else {
                    (
                        required()
                            .filter(|p| self.label(p) == Label::Undec)
                            .cloned()
                            .collect(),
                        undercuts
                            .iter()
                            .filter(|u| self.label(u) == Label::Undec)
                            .cloned()
                            .collect(),
                    )
                };
                if !bad.is_empty() {
                    why.reason = Reason::PremiseFails;
                    let (prem, ass): (Vec<String>, Vec<String>) =
                        bad.into_iter().partition(|b| premises.contains(b));
                    push(self, Relation::Premise, prem);
                    push(self, Relation::Assumption, ass);
                } else {
                    why.reason = Reason::Attacked;
                    push(self, Relation::AttackedBy, cut);
                }
            }
        }
    }
}

/// Renders `why` as indented lines, one node a line:
/// `OUT "A": attacked by` / `  IN "B": accepted by default (no reasons, not attacked)`.
pub fn render(why: &Why) -> String {
    let mut out = String::new();
    render_into(why, None, 0, &mut out);
    out
}

fn render_into(why: &Why, rel: Option<Relation>, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let lead = match rel {
        None => String::new(),
        Some(Relation::AttackedBy) => "attacked by ".into(),
        Some(Relation::Reason) => "reason ".into(),
        Some(Relation::Premise) => "premise ".into(),
        Some(Relation::Assumption) => "assumption ".into(),
    };
    let what = match why.reason {
        Reason::Override(v) => format!("set to {} by the analyst", v.as_str()),
        Reason::ByDefault => "accepted by default: no reasons, and no attack stands".into(),
        Reason::UnsupportedByOption => {
            "no reasons, and unsupported statements are not accepted".into()
        }
        Reason::Stands => match why.label {
            Label::In => "a reason applies and no attack stands".into(),
            _ => String::new(),
        },
        Reason::Attacked => match why.label {
            Label::Out => "an attack on it stands".into(),
            _ => "an attack on it is undecided".into(),
        },
        Reason::NoReasonApplies => match why.label {
            Label::Out => "none of its reasons applies".into(),
            _ => "none of its reasons surely applies".into(),
        },
        Reason::Applies => "every premise is accepted and no undercut stands".into(),
        Reason::PremiseFails => match why.label {
            Label::Out => "a premise is not accepted".into(),
            _ => "a premise is undecided".into(),
        },
        Reason::Cut => "…".into(),
    };
    out.push_str(&format!(
        "{pad}{lead}{} \"{}\" [{}]: {what}\n",
        why.label.as_str(),
        why.name,
        why.id
    ));
    for b in &why.because {
        render_into(&b.why, Some(b.relation), indent + 1, out);
    }
}
