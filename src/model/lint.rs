//! The coverage lint: where a map's claims and its evidence do not meet.
//!
//! [`coverage_problems`] finds three kinds of problem ([`LintKind`]):
//!
//! - **Fact without evidence**: a statement with no evidence and no reasons
//!   below it (no support or rephrase inference aims at it) that either
//!   has the role premise or evidence, or whose text *looks factual*. The
//!   test for "looks factual" is a heuristic, not understanding: the text
//!   contains a digit (a number, year or percentage), a `%` sign, or one
//!   of the quantity words in [`QUANTITY_WORDS`] as a whole word. It
//!   misses facts stated without figures ("the treaty was never signed")
//!   and flags figures that are not claims of fact ("in my 2 cents"). Theses
//!   and notes are never flagged.
//! - **Evidence that supports nothing**: evidence on a statement that is not
//!   a premise of any inference and is neither the thesis nor a note, so it
//!   backs nothing the map argues. (A note's evidence points at the source
//!   passage the note comments on; it is not meant to support anything.)
//! - **Orphaned anchor**: a quote whose place in its source was lost when the
//!   source changed; the user should select its new span.
//!
//! Problems come in the map's id order: by statement id, then kind, then
//! evidence position.
//!
//! [`scheme_problems`] is the scheme lint (issue 13), over inferences that
//! name an argumentation scheme:
//!
//! - **Unbound role**: a premise role of the scheme with no premise bound
//!   (or bound to a node that is no longer a premise of the inference);
//! - **Open question**: a critical question still open — its status is
//!   open, and it is not a premise question whose premise is bound;
//! - **Objection deleted**: a question marked raised whose conflict node
//!   is gone from the map.
//!
//! An inference whose scheme no catalogue knows (a name kept verbatim
//! from an imported file) has no roles or questions to check.

use super::scheme::Catalogue;
use super::{InferenceKind, Map, NodeData, Role, Statement};

/// Whole words that make a statement look like a claim of fact.
pub const QUANTITY_WORDS: &[&str] = &[
    "percent",
    "per cent",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "half",
    "third",
    "quarter",
    "twice",
    "doubled",
    "tripled",
    "halved",
    "majority",
    "minority",
];

/// What a coverage problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LintKind {
    /// A claim that presents facts but carries no evidence.
    FactWithoutEvidence,
    /// Evidence on a statement that supports nothing.
    EvidenceSupportsNothing,
    /// An anchor that could not be found again in its changed source.
    OrphanedAnchor,
    /// A role of an inference's scheme with no premise bound.
    UnboundRole,
    /// A critical question of an inference's scheme that is still open.
    OpenQuestion,
    /// A question raised as an objection whose conflict node was deleted.
    ObjectionDeleted,
}

impl LintKind {
    /// A short name for output (`fact-without-evidence`).
    pub fn as_str(self) -> &'static str {
        match self {
            LintKind::FactWithoutEvidence => "fact-without-evidence",
            LintKind::EvidenceSupportsNothing => "evidence-supports-nothing",
            LintKind::OrphanedAnchor => "orphaned-anchor",
            LintKind::UnboundRole => "unbound-role",
            LintKind::OpenQuestion => "open-question",
            LintKind::ObjectionDeleted => "objection-deleted",
        }
    }
}

/// One finding of the coverage lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintProblem {
    /// What kind of problem.
    pub kind: LintKind,
    /// The statement (coverage lint) or inference (scheme lint) it concerns.
    pub node: String,
    /// The evidence item it concerns, for evidence and anchor problems.
    pub evidence: Option<String>,
    /// The scheme role or critical question it concerns, for scheme
    /// problems.
    pub question: Option<String>,
    /// A sentence for the user.
    pub message: String,
}

/// The coverage problems of `map`, in a deterministic order (see the module
/// documentation for what is checked).
pub fn coverage_problems(map: &Map) -> Vec<LintProblem> {
    let mut out = Vec::new();
    for node in map.nodes_sorted() {
        let NodeData::Statement(st) = &node.data else {
            continue;
        };
        let ix = map.index_of(&node.id).expect("listed node exists");
        if let Some(message) = fact_without_evidence(map, ix, st) {
            out.push(LintProblem {
                kind: LintKind::FactWithoutEvidence,
                node: node.id.clone(),
                evidence: None,
                question: None,
                message,
            });
        }
        let supports_nothing =
            !matches!(st.role, Role::Thesis | Role::Note) && map.inferences_from(ix).is_empty();
        if supports_nothing {
            for ev in &st.evidence {
                out.push(LintProblem {
                    kind: LintKind::EvidenceSupportsNothing,
                    node: node.id.clone(),
                    evidence: Some(ev.id.clone()),
                    question: None,
                    message: format!(
                        "evidence '{}' supports nothing: its statement is not a premise of any inference",
                        ev.id
                    ),
                });
            }
        }
        for ev in &st.evidence {
            if let Some(a) = ev.anchor.as_ref().filter(|a| a.orphaned) {
                out.push(LintProblem {
                    kind: LintKind::OrphanedAnchor,
                    node: node.id.clone(),
                    evidence: Some(ev.id.clone()),
                    question: None,
                    message: format!(
                        "the quote of evidence '{}' was not found again in source '{}': “{}”; select its new place",
                        ev.id,
                        a.source,
                        shorten(&a.exact)
                    ),
                });
            }
        }
    }
    // Already in node order; make the kind order within a node explicit.
    out.sort_by(|a, b| (&a.node, a.kind).cmp(&(&b.node, b.kind)));
    out
}

/// The scheme problems of `map`, resolving schemes against the map's own
/// definitions and then `catalogue`: by inference id, then role problems,
/// open questions and deleted objections, each in the scheme's order (see
/// the module documentation).
pub fn scheme_problems(map: &Map, catalogue: &Catalogue) -> Vec<LintProblem> {
    let mut out = Vec::new();
    for node in map.nodes_sorted() {
        let Some(inf) = node.as_inference() else {
            continue;
        };
        let Some(scheme) = map.scheme_of(&node.id, catalogue) else {
            continue;
        };
        let problem = |kind, question: &str, message| LintProblem {
            kind,
            node: node.id.clone(),
            evidence: None,
            question: Some(question.to_owned()),
            message,
        };
        for role in map.unbound_roles(&node.id, catalogue) {
            let name = scheme
                .role(&role)
                .map_or(role.as_str(), |r| r.name.as_str());
            out.push(problem(
                LintKind::UnboundRole,
                &role,
                format!(
                    "{} ({}): no premise fills the role '{name}'",
                    scheme.name,
                    inf.kind.as_str()
                ),
            ));
        }
        let states = map.question_states(&node.id, catalogue);
        let bound = map.bound_texts(&node.id);
        for s in states.iter().filter(|s| s.open) {
            out.push(problem(
                LintKind::OpenQuestion,
                &s.question.id,
                format!(
                    "open {} question of {}: {}",
                    s.question.kind.as_str(),
                    scheme.name,
                    scheme.fill_question(&s.question, &bound)
                ),
            ));
        }
        for s in states.iter().filter(|s| s.objection_missing) {
            let objection = match &s.status {
                super::QuestionStatus::Raised { objection } => objection.as_str(),
                _ => "",
            };
            out.push(problem(
                LintKind::ObjectionDeleted,
                &s.question.id,
                format!(
                    "question '{}' was raised as objection '{objection}', which has been deleted; raise it again, answer it or dismiss it",
                    s.question.id
                ),
            ));
        }
    }
    out
}

/// Why statement `st` should carry evidence, if it should and does not.
fn fact_without_evidence(map: &Map, ix: super::NodeIx, st: &Statement) -> Option<String> {
    if !st.evidence.is_empty() || matches!(st.role, Role::Thesis | Role::Note) {
        return None;
    }
    let has_reasons = map.inferences_into(ix).into_iter().any(|inf| {
        map.node_at(inf)
            .and_then(|n| n.as_inference())
            .is_some_and(|i| i.kind != InferenceKind::Conflict)
    });
    if has_reasons {
        return None;
    }
    if let Some(sign) = factual_sign(&st.text) {
        return Some(format!(
            "presents a fact ({sign}) but has neither evidence nor reasons"
        ));
    }
    matches!(st.role, Role::Premise | Role::Evidence)
        .then(|| format!("{} with neither evidence nor reasons", st.role.as_str()))
}

/// What makes `text` look factual: a figure or a quantity word, if any.
pub fn factual_sign(text: &str) -> Option<String> {
    if let Some(figure) = text
        .split(|c: char| !(c.is_ascii_digit() || c == '%' || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .find(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('%'))
    {
        return Some(format!("the figure '{figure}'"));
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    QUANTITY_WORDS.iter().find_map(|q| {
        let parts: Vec<&str> = q.split(' ').collect();
        words
            .windows(parts.len())
            .any(|w| w == parts.as_slice())
            .then(|| format!("the quantity word '{q}'"))
    })
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
