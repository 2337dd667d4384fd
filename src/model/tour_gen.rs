//! Generating a tour from a map's structure: depth first from the thesis.
//!
//! The first step shows the thesis alone. Every later step reveals one
//! inference together with its premises not shown yet, so linked
//! co-premises appear together. After the step that reveals a node come the
//! objections to it (undercuts of a revealed inference, rebuttals and
//! underminings of a revealed premise), each followed depth first by its
//! own reasons and objections; then the reasons for each newly revealed
//! premise, depth first. Statements no thesis reaches start a walk of their
//! own, in id order, so every node of the map appears in exactly one step.

use std::collections::HashSet;

use super::{Camera, Focus, InferenceKind, Map, NodeIx, Role, Tour, TourStep};

/// The longest statement text quoted in a generated note, in chars.
const QUOTE_CHARS: usize = 80;

/// A tour called `name` walking the whole map depth first from its thesis
/// (statements of role thesis, in id order; without one, the statements
/// that are premise of nothing). Each step highlights and focuses (depth 1)
/// the node its inference argues about, fits the camera to that focus, and
/// carries a short generated note ("Reason for “…”").
pub fn generate_tour(map: &Map, name: impl Into<String>) -> Tour {
    let mut walk = Walk {
        map,
        shown: HashSet::new(),
        steps: Vec::new(),
    };
    let mut roots: Vec<NodeIx> = map
        .graph()
        .node_indices()
        .filter(|&ix| {
            map.graph()[ix]
                .as_statement()
                .is_some_and(|s| s.role == Role::Thesis)
        })
        .collect();
    if roots.is_empty() {
        roots = map
            .graph()
            .node_indices()
            .filter(|&ix| map.graph()[ix].is_statement() && map.inferences_from(ix).is_empty())
            .collect();
    }
    map.sort_by_id(&mut roots);
    for root in roots {
        walk.start(root);
    }
    // Whatever no thesis reaches: statements first (in id order), which
    // pulls in the inferences around them, then any inference left over.
    let mut rest: Vec<NodeIx> = map.graph().node_indices().collect();
    map.sort_by_id(&mut rest);
    rest.sort_by_key(|&ix| !map.graph()[ix].is_statement());
    for ix in rest {
        if !walk.shown.contains(&ix) {
            walk.start(ix);
        }
    }
    Tour {
        name: name.into(),
        steps: walk.steps,
    }
}

struct Walk<'a> {
    map: &'a Map,
    shown: HashSet<NodeIx>,
    steps: Vec<TourStep>,
}

impl Walk<'_> {
    fn id(&self, ix: NodeIx) -> String {
        self.map.graph()[ix].id.clone()
    }

    /// A step showing `ix` alone, then everything around it.
    fn start(&mut self, ix: NodeIx) {
        if !self.map.graph()[ix].is_statement() {
            // A stray inference: its step shows its premises and target.
            self.inference_step(ix);
            return;
        }
        self.shown.insert(ix);
        let note = match self.map.graph()[ix].as_statement() {
            Some(s) if s.role == Role::Thesis => format!("Thesis: {}", self.quote(ix)),
            _ => format!("Claim: {}", self.quote(ix)),
        };
        let id = self.id(ix);
        self.steps.push(TourStep {
            reveal: vec![id.clone()],
            highlight: vec![id.clone()],
            focus: Some(Focus { node: id, depth: 1 }),
            camera: Camera::FitFocus,
            note,
            overlay: None,
        });
        self.objections_to(ix);
        self.reasons_for(ix);
    }

    /// The inferences aimed at `ix` that are not shown yet, of the kinds
    /// `objections` asks for.
    fn aimed_at(&self, ix: NodeIx, objections: bool) -> Vec<NodeIx> {
        self.map
            .inferences_into(ix)
            .into_iter()
            .filter(|i| !self.shown.contains(i))
            .filter(|&i| {
                let conflict = self.map.graph()[i]
                    .as_inference()
                    .is_some_and(|inf| inf.kind == InferenceKind::Conflict);
                conflict == objections
            })
            .collect()
    }

    fn objections_to(&mut self, ix: NodeIx) {
        for inf in self.aimed_at(ix, true) {
            if !self.shown.contains(&inf) {
                self.inference_step(inf);
            }
        }
    }

    fn reasons_for(&mut self, ix: NodeIx) {
        for inf in self.aimed_at(ix, false) {
            if !self.shown.contains(&inf) {
                self.inference_step(inf);
            }
        }
    }

    /// The step revealing inference `inf` with its premises not yet shown
    /// (and its target, if not shown), then depth first what follows it.
    fn inference_step(&mut self, inf: NodeIx) {
        let map = self.map;
        let target = map.target_of(inf);
        let mut new = Vec::new();
        if let Some(t) = target
            && self.shown.insert(t)
        {
            new.push(t);
        }
        if self.shown.insert(inf) {
            new.push(inf);
        }
        for p in map.premises_of(inf) {
            if self.shown.insert(p) {
                new.push(p);
            }
        }
        let focus = target.unwrap_or(inf);
        let kind = map.graph()[inf]
            .as_inference()
            .map(|i| i.kind)
            .unwrap_or_default();
        let what = match (kind, target) {
            (InferenceKind::Conflict, Some(t)) if !map.graph()[t].is_statement() => {
                "Undercut of the inference towards"
            }
            (InferenceKind::Conflict, _) => "Objection to",
            (InferenceKind::Rephrase, _) => "Rephrasing of",
            (InferenceKind::Support, _) => "Reason for",
        };
        let about = match target {
            Some(t) if map.graph()[t].is_statement() => self.quote(t),
            Some(t) => map
                .target_of(t)
                .map(|tt| self.quote(tt))
                .unwrap_or_default(),
            None => String::new(),
        };
        let focus_id = self.id(focus);
        let reveal = new.iter().map(|&ix| self.id(ix)).collect();
        self.steps.push(TourStep {
            reveal,
            highlight: vec![focus_id.clone()],
            focus: Some(Focus {
                node: focus_id,
                depth: 1,
            }),
            camera: Camera::FitFocus,
            note: format!("{what} {about}").trim_end().to_owned(),
            overlay: None,
        });
        // Objections right after what they attack: the inference itself,
        // then each node this step revealed.
        self.objections_to(inf);
        for &ix in &new {
            if ix != inf {
                self.objections_to(ix);
            }
        }
        for &ix in &new {
            if ix != inf {
                self.reasons_for(ix);
            }
        }
    }

    /// The statement's title, or its text cut to [`QUOTE_CHARS`], in quotes.
    fn quote(&self, ix: NodeIx) -> String {
        let Some(s) = self.map.graph()[ix].as_statement() else {
            return String::new();
        };
        let text = if s.title.trim().is_empty() {
            &s.text
        } else {
            &s.title
        };
        let mut cut: String = text.chars().take(QUOTE_CHARS).collect();
        if text.chars().count() > QUOTE_CHARS {
            cut.push('…');
        }
        format!("“{cut}”")
    }
}
