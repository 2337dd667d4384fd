//! The body of an Argdown export: relation trees and argument sections.

use std::fmt::Write as _;

use super::{Shape, Writer, guard_line_start, loss, tag_text};
use crate::io::argdown::text::{escape, quote_yaml};
use crate::io::argdown::{CONTRADICTION_SCHEME, IMPLICIT_TAG};
use crate::model::{InferenceKind, NodeIx, Role};

impl Writer<'_> {
    pub(super) fn body(&mut self) {
        let map = self.map;
        let mut roots: Vec<NodeIx> = Vec::new();
        let mut rest: Vec<NodeIx> = Vec::new();
        for n in map.nodes_sorted() {
            let ix = map.index_of(&n.id).expect("listed");
            let Some(st) = n.as_statement() else { continue };
            if st.tags.iter().any(|t| t == super::GIST_TAG) {
                continue;
            }
            if map.inferences_from(ix).is_empty() || st.role == Role::Thesis {
                roots.push(ix);
            } else {
                rest.push(ix);
            }
        }
        // The thesis first, then the other roots in id order.
        roots.sort_by_key(|&ix| self.statement(ix).map(|s| s.role) != Some(Role::Thesis));
        for ix in roots {
            self.root(ix);
        }
        self.arguments();
        // Statements only reachable through cycles of reasons.
        for ix in rest {
            if !self.defined.contains(&ix) {
                self.root(ix);
                self.arguments();
            }
        }
    }

    fn root(&mut self, ix: NodeIx) {
        if self
            .statement(ix)
            .is_some_and(|s| s.tags.iter().any(|t| t == IMPLICIT_TAG))
        {
            // A stand-in conclusion: write its arguments at the top level.
            self.defined.insert(ix);
            for inf in self.map.inferences_into(ix) {
                if self.shape(inf) == Shape::Gist && !self.emitted.contains(&inf) {
                    self.emitted.insert(inf);
                    let line = self.gist_line(inf);
                    self.out.push_str(&line);
                    self.out.push('\n');
                    self.tree(inf, 1);
                    self.out.push('\n');
                } else {
                    self.tree_one(ix, inf, 0);
                }
            }
            return;
        }
        if self.defined.contains(&ix) {
            return;
        }
        let def = self.statement_text(ix, true);
        self.out.push_str(&def);
        self.out.push('\n');
        self.tree(ix, 1);
        self.out.push('\n');
    }

    /// `[Title]: text #tags {data}` the first time, `[Title]` after.
    fn statement_text(&mut self, ix: NodeIx, line_start: bool) -> String {
        let st = self.statement(ix).expect("a statement");
        let title = self.titles.get(&ix).cloned();
        if self.defined.contains(&ix)
            && let Some(t) = title
        {
            return format!("[{}]", escape(&t));
        }
        self.defined.insert(ix);
        if st.text.contains('\n') || st.title.contains('\n') {
            self.newlines += 1;
        }
        let mut out = match &title {
            Some(t) if st.text.is_empty() => format!("[{}]", escape(t)),
            Some(t) => format!("[{}]: {}", escape(t), escape(&st.text)),
            None if st.text.is_empty() => {
                let id = self.map.graph()[ix].id.clone();
                self.losses.push(loss(format!(
                    "statement '{id}' has neither title nor text; written as its id"
                )));
                format!("[{}]", escape(&id))
            }
            None if line_start => guard_line_start(escape(&st.text)),
            None => escape(&st.text),
        };
        for tag in &st.tags {
            out.push(' ');
            out.push_str(&tag_text(tag));
        }
        let mut data: Vec<String> = Vec::new();
        if st.role != self.derived_role(ix) {
            data.push(format!("role: {}", st.role.as_str()));
        }
        if !st.notes.is_empty() {
            data.push(format!("notes: {}", quote_yaml(&st.notes)));
        }
        if self.options.evidence_data && !st.evidence.is_empty() {
            let items: Vec<String> = st
                .evidence
                .iter()
                .map(crate::io::argdown::evidence::evidence_to_data)
                .collect();
            data.push(format!("evidence: [{}]", items.join(", ")));
            self.evidence += st.evidence.iter().filter(|e| e.anchor.is_some()).count();
        } else {
            self.evidence += st.evidence.len();
        }
        data.extend(self.position_data(ix));
        if !data.is_empty() {
            let _ = write!(out, " {{{}}}", data.join(", "));
        }
        out
    }

    /// `pos: [x, y]` (and `pinned: true`) for a placed node, when
    /// positions are written.
    fn position_data(&mut self, ix: NodeIx) -> Vec<String> {
        let node = &self.map.graph()[ix];
        match node.pos {
            Some(p) if self.options.positions => {
                self.placed += 1;
                let mut out = vec![format!("pos: [{}, {}]", p.x, p.y)];
                if node.pinned {
                    out.push("pinned: true".into());
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// The role the importer gives a statement with no `role` data.
    fn derived_role(&self, ix: NodeIx) -> Role {
        let is_premise = !self.map.inferences_from(ix).is_empty();
        let is_target = !self.map.inferences_into(ix).is_empty();
        if is_premise && !is_target {
            Role::Premise
        } else {
            Role::Claim
        }
    }

    fn symbol(&self, inf: NodeIx) -> &'static str {
        let i = self.map.graph()[inf].as_inference().expect("an inference");
        let at_inference = self
            .map
            .target_of(inf)
            .is_some_and(|t| self.statement(t).is_none());
        match i.kind {
            InferenceKind::Conflict if at_inference => "_",
            InferenceKind::Conflict => "-",
            InferenceKind::Support | InferenceKind::Rephrase => "+",
        }
    }

    /// The children of `ix`: every inference aimed at it.
    fn tree(&mut self, ix: NodeIx, depth: usize) {
        for inf in self.map.inferences_into(ix) {
            self.tree_one(ix, inf, depth);
        }
    }

    fn tree_one(&mut self, _parent: NodeIx, inf: NodeIx, depth: usize) {
        // An earlier step of a multi-step argument is written by it.
        if self.emitted.contains(&inf) || self.inner.contains(&inf) {
            return;
        }
        let indent = "  ".repeat(depth);
        match self.shape(inf) {
            Shape::Simple | Shape::Contradiction => {
                self.emitted.insert(inf);
                let i = self.map.graph()[inf].as_inference().expect("an inference");
                if !i.data.is_empty() {
                    let id = self.map.graph()[inf].id.clone();
                    let keys: Vec<&str> = i.data.keys().map(String::as_str).collect();
                    self.losses.push(loss(format!(
                        "inference '{id}' is written as a plain relation, which has no data; its {} not written",
                        keys.join(", ")
                    )));
                }
                let named = !i.title.is_empty() || !i.description.is_empty();
                if named || (!i.scheme.is_empty() && i.scheme != CONTRADICTION_SCHEME) {
                    let id = self.map.graph()[inf].id.clone();
                    self.losses.push(loss(format!(
                        "inference '{id}' aims at an inference; written as a plain relation, without its title, description or scheme"
                    )));
                }
                let premise = self.map.premises_of(inf)[0];
                let mut sym = self.symbol(inf);
                if self.shape(inf) == Shape::Contradiction {
                    sym = "><";
                    // Its mirror image is the same `><`.
                    // An argument stands for its gist as a premise and for
                    // its inference as a target.
                    let target = self.map.target_of(inf).expect("has a target");
                    let mut from = vec![target];
                    if self.shape(target) == Shape::Gist {
                        from.extend(self.map.premises_of(target));
                    }
                    let mut to = vec![premise];
                    to.extend(self.gist_owner(premise));
                    for node in from {
                        for back in self.map.inferences_from(node) {
                            if self.map.target_of(back).is_some_and(|t| to.contains(&t))
                                && self.shape(back) == Shape::Contradiction
                            {
                                self.emitted.insert(back);
                            }
                        }
                    }
                }
                if self.is_gist(premise) {
                    // A further relation of an unreconstructed argument.
                    let owner = self.gist_owner(premise);
                    let title = owner.and_then(|o| self.arg_titles.get(&o)).cloned();
                    if let Some(t) = title {
                        let _ = writeln!(self.out, "{indent}{sym} <{}>", escape(&t));
                        return;
                    }
                }
                let key = (premise, self.map.target_of(inf), sym);
                if !self.relations.insert(key) {
                    self.repeated += 1;
                    return;
                }
                let fresh = !self.defined.contains(&premise);
                let text = self.statement_text(premise, false);
                let _ = writeln!(self.out, "{indent}{sym} {text}");
                if fresh {
                    self.tree(premise, depth + 1);
                }
            }
            Shape::Gist => {
                self.emitted.insert(inf);
                let sym = self.symbol(inf);
                let line = self.gist_line(inf);
                let _ = writeln!(self.out, "{indent}{sym} {line}");
                self.tree(inf, depth + 1);
            }
            Shape::Argument => {
                self.emitted.insert(inf);
                self.queue.push(inf);
                if let Some(t) = self.arg_titles.get(&inf).cloned() {
                    let sym = self.symbol(inf);
                    let _ = writeln!(self.out, "{indent}{sym} <{}>", escape(&t));
                    self.tree(inf, depth + 1);
                }
            }
        }
    }

    /// The argument an `argdown:gist` statement belongs to.
    fn gist_owner(&self, gist: NodeIx) -> Option<NodeIx> {
        self.map
            .inferences_from(gist)
            .into_iter()
            .find(|&i| self.shape(i) == Shape::Gist && self.arg_titles.contains_key(&i))
    }

    /// `<Title>: gist text` of an unreconstructed argument.
    fn gist_line(&mut self, inf: NodeIx) -> String {
        let i = self.map.graph()[inf].as_inference().expect("an inference");
        let gist = self.map.premises_of(inf)[0];
        let st = self.statement(gist).expect("a statement");
        let title = self.arg_titles.get(&inf).cloned().unwrap_or_default();
        if !i.description.is_empty() && i.description != st.text {
            let id = self.map.graph()[inf].id.clone();
            self.losses.push(loss(format!(
                "inference '{id}': its description differs from its gist statement; the gist is written"
            )));
        }
        if i.kind == InferenceKind::Rephrase || !i.scheme.is_empty() {
            let id = self.map.graph()[inf].id.clone();
            self.losses.push(loss(format!(
                "inference '{id}': the kind or scheme of an unreconstructed argument is not written"
            )));
        }
        // Always a definition (`<A>:`), so that import knows which
        // relation is the argument's own.
        let mut out = format!("<{}>:", escape(&title));
        if st.text != title {
            let _ = write!(out, " {}", escape(&st.text));
        }
        for tag in st.tags.iter().filter(|t| *t != super::GIST_TAG) {
            out.push(' ');
            out.push_str(&tag_text(tag));
        }
        out
    }

    /// Reconstructed arguments, each with its premise–conclusion structure.
    fn arguments(&mut self) {
        let mut k = 0;
        while k < self.queue.len() {
            let inf = self.queue[k];
            k += 1;
            self.argument(inf);
        }
        self.queue.clear();
    }

    fn argument(&mut self, inf: NodeIx) {
        let map = self.map;
        let i = map.graph()[inf].as_inference().expect("an inference");
        if let Some(t) = self.arg_titles.get(&inf) {
            let mut head = format!("<{}>", escape(t));
            if !i.description.is_empty() {
                if i.description.contains('\n') {
                    self.newlines += 1;
                }
                let _ = write!(head, ": {}", escape(&i.description));
            }
            let _ = writeln!(self.out, "{head}\n");
        } else if !i.description.is_empty() {
            let id = map.graph()[inf].id.clone();
            self.losses.push(loss(format!(
                "inference '{id}': the description of an untitled argument is not written"
            )));
        }
        let mut number = 0;
        let steps = self.steps.get(&inf).cloned().unwrap_or_default();
        let mut previous: Option<NodeIx> = None;
        for step in steps {
            self.emitted.insert(step);
            self.step_premises(step, previous, &mut number);
            self.inference_line(step);
            let conclusion = map.target_of(step).expect("a step concludes a statement");
            number += 1;
            self.conclusion_line(conclusion, number);
            previous = Some(conclusion);
        }
        self.step_premises(inf, previous, &mut number);
        self.inference_line(inf);
        number += 1;
        match map.target_of(inf) {
            Some(t) if self.statement(t).is_some() => self.conclusion_line(t, number),
            Some(t) => {
                let id = map.graph()[inf].id.clone();
                let target = self.arg_titles.get(&t).cloned().unwrap_or_default();
                self.losses.push(loss(format!(
                    "inference '{id}' is a linked objection to an inference; written with a stand-in conclusion"
                )));
                let _ = writeln!(
                    self.out,
                    "({number}) {}",
                    escape(&format!("The inference of <{target}> does not hold."))
                );
            }
            None => {}
        }
        self.out.push('\n');
    }

    /// The premises of one step, numbered on from `number`; the previous
    /// step's conclusion (already written) is left out, since the
    /// importer takes it as a premise of the next step.
    fn step_premises(&mut self, step: NodeIx, previous: Option<NodeIx>, number: &mut usize) {
        let map = self.map;
        for p in map.premises_of(step) {
            if Some(p) == previous {
                continue;
            }
            *number += 1;
            if self.statement(p).is_none() {
                let id = map.graph()[step].id.clone();
                self.losses.push(loss(format!(
                    "inference '{id}': a premise that is itself an inference is not written"
                )));
                continue;
            }
            let fresh = !self.defined.contains(&p);
            let text = self.statement_text(p, false);
            let _ = writeln!(self.out, "({number}) {text}");
            if fresh {
                self.tree(p, 1);
            }
        }
    }

    /// `(n) conclusion`, with the relations aimed at it below.
    fn conclusion_line(&mut self, t: NodeIx, number: usize) {
        let fresh = !self.defined.contains(&t);
        let text = self.statement_text(t, false);
        let _ = writeln!(self.out, "({number}) {text}");
        if fresh {
            self.tree(t, 1);
        }
    }

    /// The inference line of one step: its rule (a scheme no catalogue
    /// knows), and data for a known scheme, a kind other than support,
    /// kept inference data and the node's position.
    fn inference_line(&mut self, inf: NodeIx) {
        let i = self.map.graph()[inf].as_inference().expect("an inference");
        let mut line = String::from("--");
        // A scheme a catalogue knows is written as inference data by its
        // id; a verbatim name as the inference rule, as it came.
        let known = self
            .map
            .resolve_scheme(&i.scheme, crate::io::schemes::bundled())
            .is_some();
        if !i.scheme.is_empty() && !known {
            let _ = write!(line, " {}", escape(&i.scheme));
        }
        let mut data = Vec::new();
        if known {
            data.push(format!("scheme: {}", i.scheme));
        }
        if i.kind != InferenceKind::Support {
            data.push(format!("kind: {}", i.kind.as_str()));
        }
        for (key, value) in &i.data {
            let key = crate::io::argdown::text::DataValue::Scalar(key.clone()).to_text();
            data.push(format!("{key}: {value}"));
        }
        data.extend(self.position_data(inf));
        if !data.is_empty() {
            let _ = write!(line, " {{{}}}", data.join(", "));
        }
        if line == "--" {
            line = "----".into();
        } else {
            line.push_str(" --");
        }
        let _ = writeln!(self.out, "{line}");
    }
}
