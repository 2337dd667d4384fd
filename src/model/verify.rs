//! Checks that quotes still match their sources, and counts of a map.

use serde::Serialize;

use super::{Basis, InferenceKind, Map, NodeData, char_range_to_bytes};

/// An anchor that does not match its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnchorProblem {
    /// The statement that holds the evidence.
    pub statement: String,
    /// The evidence item.
    pub evidence: String,
    /// What is wrong.
    pub message: String,
}

/// The result of [`verify_anchors`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnchorReport {
    /// How many anchors were checked.
    pub checked: usize,
    /// How many matched exactly, context included.
    pub verified: usize,
    /// What did not match.
    pub problems: Vec<AnchorProblem>,
}

/// Checks every anchor: the source text at `start..end` must equal
/// `exact`, and a non-empty `prefix`/`suffix` must match the text just
/// before and after. Orphaned anchors are reported as problems too.
pub fn verify_anchors(map: &Map) -> AnchorReport {
    let mut report = AnchorReport::default();
    for node in map.nodes_sorted() {
        let NodeData::Statement(st) = &node.data else {
            continue;
        };
        for ev in &st.evidence {
            let Some(a) = &ev.anchor else { continue };
            report.checked += 1;
            let problem = |message: String| AnchorProblem {
                statement: node.id.clone(),
                evidence: ev.id.clone(),
                message,
            };
            let Some(source) = map.source(&a.source) else {
                report
                    .problems
                    .push(problem(format!("source '{}' is missing", a.source)));
                continue;
            };
            if a.orphaned {
                report.problems.push(problem(format!(
                    "orphaned: the quote \"{}\" was not found in '{}'; select its new span",
                    shorten(&a.exact),
                    a.source
                )));
                continue;
            }
            let Some((s, e)) = char_range_to_bytes(&source.text, a.start, a.end) else {
                report.problems.push(problem(format!(
                    "range {}..{} lies outside source '{}'",
                    a.start, a.end, a.source
                )));
                continue;
            };
            let found = &source.text[s..e];
            if found != a.exact {
                report.problems.push(problem(format!(
                    "at {}..{} source '{}' reads \"{}\", not the quoted \"{}\"",
                    a.start,
                    a.end,
                    a.source,
                    shorten(found),
                    shorten(&a.exact)
                )));
            } else if !source.text[..s].ends_with(a.prefix.as_str()) {
                report.problems.push(problem(format!(
                    "the text before {} does not end with the stored prefix \"{}\"",
                    a.start, a.prefix
                )));
            } else if !source.text[e..].starts_with(a.suffix.as_str()) {
                report.problems.push(problem(format!(
                    "the text after {} does not start with the stored suffix \"{}\"",
                    a.end, a.suffix
                )));
            } else {
                report.verified += 1;
            }
        }
    }
    report
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Counts of inference nodes by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InferenceCounts {
    /// Support nodes.
    pub support: usize,
    /// Conflict nodes (undercuts included).
    pub conflict: usize,
    /// Rephrase nodes.
    pub rephrase: usize,
    /// Conflict nodes aimed at an inference.
    pub undercuts: usize,
    /// All inference nodes.
    pub total: usize,
}

/// Counts of evidence items by basis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceCounts {
    /// Quotes.
    pub quote: usize,
    /// Statistics.
    pub statistic: usize,
    /// Publications.
    pub publication: usize,
    /// Expert opinions.
    pub expert_opinion: usize,
    /// Web pages.
    pub web_page: usize,
    /// Personal observations.
    pub personal_observation: usize,
    /// Common knowledge.
    pub common_knowledge: usize,
    /// Items anchored in a source.
    pub anchored: usize,
    /// All items.
    pub total: usize,
}

/// What `argmap stats` prints. The JSON shape is documented in the README
/// and kept stable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The map's title.
    pub title: String,
    /// Statements.
    pub statements: usize,
    /// Inference nodes by kind.
    pub inferences: InferenceCounts,
    /// Edges of the graph (premise and target links).
    pub edges: usize,
    /// Evidence items by basis.
    pub evidence: EvidenceCounts,
    /// Source documents.
    pub sources: usize,
    /// Distinct tags.
    pub tags: usize,
}

impl Stats {
    /// Counts everything in `map`.
    pub fn of(map: &Map) -> Stats {
        let mut stats = Stats {
            title: map.meta().title.clone(),
            edges: map.graph().edge_count(),
            sources: map.sources().count(),
            tags: map.tags().len(),
            ..Stats::default()
        };
        for ix in map.graph().node_indices() {
            match &map.graph()[ix].data {
                NodeData::Statement(st) => {
                    stats.statements += 1;
                    for ev in &st.evidence {
                        let e = &mut stats.evidence;
                        e.total += 1;
                        e.anchored += usize::from(ev.anchor.is_some());
                        *match ev.basis {
                            Basis::Quote => &mut e.quote,
                            Basis::Statistic => &mut e.statistic,
                            Basis::Publication => &mut e.publication,
                            Basis::ExpertOpinion => &mut e.expert_opinion,
                            Basis::WebPage => &mut e.web_page,
                            Basis::PersonalObservation => &mut e.personal_observation,
                            Basis::CommonKnowledge => &mut e.common_knowledge,
                        } += 1;
                    }
                }
                NodeData::Inference(inf) => {
                    let c = &mut stats.inferences;
                    c.total += 1;
                    match inf.kind {
                        InferenceKind::Support => c.support += 1,
                        InferenceKind::Conflict => c.conflict += 1,
                        InferenceKind::Rephrase => c.rephrase += 1,
                    }
                    c.undercuts += usize::from(map.is_undercut(ix));
                }
            }
        }
        stats
    }
}
