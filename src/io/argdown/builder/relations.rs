//! Relations: an unreconstructed argument takes its first outgoing relation
//! as its own inference; every other relation becomes an inference node of
//! its own. Then role hints are derived from the structure.

use std::collections::HashMap;

use super::{Builder, Ref};
use crate::io::argdown::parser::{At, Doc, RelKind};
use crate::io::argdown::text::Head;
use crate::io::argdown::{CONTRADICTION_SCHEME, GIST_TAG, IMPLICIT_TAG};
use crate::model::{Inference, InferenceKind, Role, Statement};

struct UniqueRel {
    from: Ref,
    to: Ref,
    kind: RelKind,
    at: At,
    /// The argument it starts at is defined (`<A>: …`) where it is written.
    defining: bool,
}

impl Builder<'_> {
    fn unique_relations(&self, doc: &Doc) -> Vec<UniqueRel> {
        let mut seen: HashMap<(Ref, Ref, RelKind), usize> = HashMap::new();
        let mut out: Vec<UniqueRel> = Vec::new();
        for rel in &doc.rels {
            let (Some(from), Some(to)) = (self.refs[rel.from], self.refs[rel.to]) else {
                continue;
            };
            let key =
                if rel.kind == RelKind::Contradiction && format!("{to:?}") < format!("{from:?}") {
                    (to, from, rel.kind)
                } else {
                    (from, to, rel.kind)
                };
            let defining = matches!(
                doc.elems[rel.from].content.head,
                Head::Argument { defined: true, .. }
            );
            match seen.get(&key) {
                Some(&k) => out[k].defining |= defining,
                None => {
                    seen.insert(key, out.len());
                    out.push(UniqueRel {
                        from,
                        to,
                        kind: rel.kind,
                        at: rel.at,
                        defining,
                    });
                }
            }
        }
        out
    }

    fn new_statement(&mut self, st: Statement) -> String {
        let id = format!("s{}", self.map.statement_count() + 1);
        self.map
            .add_statement(&id, st, None, false)
            .expect("fresh id, no evidence");
        id
    }

    /// The node a relation aimed at `r` targets: the statement, or the
    /// argument's inference node.
    fn target_node(&self, r: Ref) -> Option<String> {
        match r {
            Ref::Stmt(s) => Some(Self::stmt_id(s)),
            Ref::Arg(a) => self.args[a].node.clone(),
        }
    }

    /// The node a relation from `r` starts at: the statement, or the
    /// argument's conclusion (reconstructed) or gist statement.
    fn source_node(&self, r: Ref) -> Option<String> {
        match r {
            Ref::Stmt(s) => Some(Self::stmt_id(s)),
            Ref::Arg(a) => self.args[a].source_node.clone(),
        }
    }

    /// Resolves every relation; returns how many distinct ones there were.
    pub(super) fn relations(&mut self, doc: &Doc) -> usize {
        let rels = self.unique_relations(doc);
        let mut absorbed = vec![false; rels.len()];
        let mut by_source: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, r) in rels.iter().enumerate() {
            if let Ref::Arg(a) = r.from {
                by_source.entry(a).or_default().push(k);
            }
        }
        // Gist statements and first outgoing relations of unreconstructed arguments.
        let mut pending: Vec<(usize, Option<usize>)> = Vec::new();
        for a in 0..self.args.len() {
            if self.args[a].node.is_some() {
                continue;
            }
            if self.args[a].title.is_empty() {
                // An anonymous structure that failed to read (warned).
                continue;
            }
            let d = &self.args[a];
            let text = if d.description.is_empty() {
                d.title.clone()
            } else {
                d.description.clone()
            };
            let mut tags = d.tags.clone();
            tags.push(GIST_TAG.to_owned());
            let gist = self.new_statement(Statement {
                text,
                tags,
                role: Role::Premise,
                ..Statement::default()
            });
            self.args[a].source_node = Some(gist);
            // Its own inference: the relation where it is defined, else its first.
            let candidate = |r: &UniqueRel| {
                r.from == Ref::Arg(a) && r.kind != RelKind::Contradiction && r.to != Ref::Arg(a)
            };
            let outgoing = by_source.get(&a).map(Vec::as_slice).unwrap_or_default();
            let first = outgoing
                .iter()
                .copied()
                .find(|&r| candidate(&rels[r]) && rels[r].defining)
                .or_else(|| outgoing.iter().copied().find(|&r| candidate(&rels[r])));
            if let Some(r) = first {
                absorbed[r] = true;
            }
            pending.push((a, first));
        }
        while !pending.is_empty() {
            let before = pending.len();
            let mut k = 0;
            while k < pending.len() {
                let (a, rel) = pending[k];
                let target = match rel {
                    Some(r) => self.target_node(rels[r].to),
                    None => Some(self.implicit_conclusion(a)),
                };
                let Some(target) = target else {
                    k += 1;
                    continue;
                };
                pending.swap_remove(k);
                let kind = match rel.map(|r| rels[r].kind) {
                    Some(RelKind::Attack | RelKind::Undercut) => InferenceKind::Conflict,
                    _ => InferenceKind::Support,
                };
                let d = &self.args[a];
                let inference = Inference {
                    kind,
                    title: d.title.clone(),
                    description: d.description.clone(),
                    ..Inference::default()
                };
                let gist = d.source_node.clone().expect("set above");
                let at = rel.map_or(d.at, |r| rels[r].at);
                self.undercut_check(rel.map(|r| &rels[r]));
                let id =
                    self.add_inference(inference.clone(), std::slice::from_ref(&gist), &target, at);
                let id = match id {
                    Some(id) => id,
                    None => {
                        let implicit = self.implicit_conclusion(a);
                        if let Some(r) = rel {
                            absorbed[r] = false;
                        }
                        self.add_inference(
                            Inference {
                                kind: InferenceKind::Support,
                                ..inference
                            },
                            &[gist],
                            &implicit,
                            at,
                        )
                        .expect("a gist and a fresh conclusion always link")
                    }
                };
                self.args[a].node = Some(id);
            }
            if pending.len() == before {
                // A cycle of unreconstructed arguments aimed at each other:
                // the first gets a conclusion of its own.
                let (a, rel) = pending[0];
                if let Some(r) = rel {
                    absorbed[r] = false;
                }
                pending[0] = (a, None);
            }
        }
        for (r, rel) in rels.iter().enumerate() {
            if absorbed[r] {
                continue;
            }
            if let (Ref::Arg(a), Ref::Stmt(s)) = (rel.from, rel.to)
                && self.args[a].conclusion == Some(s)
                && rel.kind != RelKind::Contradiction
            {
                // An argument pointing at its own conclusion: that is its inference.
                continue;
            }
            self.undercut_check(Some(rel));
            let mut directions = vec![(rel.from, rel.to)];
            if rel.kind == RelKind::Contradiction {
                directions.push((rel.to, rel.from));
            }
            for (from, to) in directions {
                let (Some(premise), Some(target)) = (self.source_node(from), self.target_node(to))
                else {
                    self.warn(
                        rel.at,
                        "a relation to an argument that has no inference; dropped".into(),
                    );
                    continue;
                };
                let inference = Inference {
                    kind: match rel.kind {
                        RelKind::Support => InferenceKind::Support,
                        _ => InferenceKind::Conflict,
                    },
                    scheme: if rel.kind == RelKind::Contradiction {
                        CONTRADICTION_SCHEME.to_owned()
                    } else {
                        String::new()
                    },
                    ..Inference::default()
                };
                self.add_inference(inference, &[premise], &target, rel.at);
            }
        }
        rels.len()
    }

    fn undercut_check(&mut self, rel: Option<&UniqueRel>) {
        if let Some(rel) = rel
            && rel.kind == RelKind::Undercut
            && matches!(rel.to, Ref::Stmt(_))
        {
            self.warn(
                rel.at,
                "an undercut aimed at a statement, not an argument; read as an attack".into(),
            );
        }
    }

    /// A stand-in conclusion for argument `a`, which points at nothing:
    /// tagged [`IMPLICIT_TAG`], and said in a warning at the argument.
    fn implicit_conclusion(&mut self, a: usize) -> String {
        let (title, at) = (self.args[a].title.clone(), self.args[a].at);
        let st = Statement {
            text: format!("Conclusion of <{title}> (not stated in the Argdown text)"),
            tags: vec![IMPLICIT_TAG.to_owned()],
            ..Statement::default()
        };
        let id = self.new_statement(st);
        self.warn(
            at,
            format!(
                "argument <{title}> has no premise-conclusion structure and supports or attacks \
                 nothing: it concludes a stand-in statement {id}, tagged {IMPLICIT_TAG}"
            ),
        );
        id
    }

    /// Role hints: explicit `{role: …}` data wins; otherwise a statement
    /// that is only ever a premise is a premise, anything else a claim.
    pub(super) fn roles(&mut self) {
        let ids: Vec<(String, Option<Role>)> = self
            .map
            .nodes_sorted()
            .into_iter()
            .filter_map(|n| {
                let st = n.as_statement()?;
                let k: usize = n.id[1..].parse().ok()?;
                let explicit = self.stmts.get(k - 1).and_then(|d| d.role);
                let special = st.tags.iter().any(|t| t == GIST_TAG || t == IMPLICIT_TAG);
                (!special).then(|| (n.id.clone(), explicit))
            })
            .collect();
        for (id, explicit) in ids {
            let role = explicit.unwrap_or_else(|| {
                let ix = self.map.index_of(&id).expect("listed");
                let is_premise = !self.map.inferences_from(ix).is_empty();
                let is_target = !self.map.inferences_into(ix).is_empty();
                if is_premise && !is_target {
                    Role::Premise
                } else {
                    Role::Claim
                }
            });
            let _ = self.map.set_role(&id, role);
        }
    }
}
