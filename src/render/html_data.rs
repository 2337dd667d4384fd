//! The data block of the HTML export: what the page's viewer script needs
//! besides the drawing, as JSON (see [`PageData`]). Built from the map,
//! the scene it was drawn from, and the evaluation verdicts if any.
//!
//! Offsets handed to the script count UTF-16 code units, as JavaScript
//! strings do; the model's anchors count chars (Unicode scalar values).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{Anchor, InferenceKind, Map, NodeData, Overlay, Tour};
use crate::scene::{Rect, Scene, marks_role};

/// How many chars of the source a passage keeps on each side of a quote
/// at most (the paragraph around the quote is cut to this).
pub const PASSAGE_CONTEXT_CHARS: usize = 600;

/// Everything the viewer script reads, serialised into the page's
/// `<script type="application/json" id="argmap-data">` block.
#[derive(Debug, Serialize)]
pub struct PageData {
    /// The map's title.
    pub title: String,
    /// The evaluation semantics the labels come from, when exported with
    /// one or when a tour step shows the label overlay.
    pub semantics: Option<String>,
    /// Whether the evaluation overlay and labels are shown outside tours
    /// (exported with `--eval`); when false they appear only at tour steps
    /// whose `overlay` asks for them.
    pub eval_shown: bool,
    /// Every statement, in id order.
    pub statements: Vec<StatementData>,
    /// Every inference (support, conflict, rephrase), in id order.
    pub inferences: Vec<InferenceData>,
    /// The outline rows, thesis first, in display order.
    pub outline: Vec<OutlineRow>,
    /// The map's tours, in order.
    pub tours: Vec<TourData>,
}

/// One statement.
#[derive(Debug, Serialize)]
pub struct StatementData {
    /// Its id (the drawing's `data-id`).
    pub id: String,
    /// Short title; empty when none.
    pub title: String,
    /// The full text.
    pub text: String,
    /// Tags, in the map's order.
    pub tags: Vec<String>,
    /// `thesis`, `claim`, `premise`, `evidence` or `note`.
    pub role: &'static str,
    /// Evaluation label (`IN`, `OUT`, `UNDEC`) when exported with `--eval`.
    pub label: Option<&'static str>,
    /// Evaluation strength in `0..=1` (gradual semantics).
    pub strength: Option<f64>,
    /// Evidence items, in order.
    pub evidence: Vec<EvidenceData>,
    /// Ids of the premises of the support inferences into it (its
    /// reasons), in inference order, each once.
    pub reasons: Vec<String>,
    /// Ids of the premises of the conflict inferences into it (its
    /// objections), in inference order, each once.
    pub objections: Vec<String>,
}

/// One evidence item.
#[derive(Debug, Serialize)]
pub struct EvidenceData {
    /// The basis as a human label (`expert opinion`).
    pub basis: &'static str,
    /// The quote or what the evidence says.
    pub text: String,
    /// The web address as written (the script links only http and https).
    pub url: String,
    /// Citation, date and speaker as written; empty when absent.
    pub citation: String,
    /// When it was said or published.
    pub date: String,
    /// Who said it.
    pub speaker: String,
    /// The quote inside its source passage, when anchored and found.
    pub passage: Option<Passage>,
}

/// A quote inside the passage of the source it comes from.
#[derive(Debug, Serialize)]
pub struct Passage {
    /// The source's title (or id when untitled).
    pub source: String,
    /// The source's web address, if any.
    pub url: String,
    /// The paragraph around the quote, cut to [`PASSAGE_CONTEXT_CHARS`]
    /// on each side.
    pub text: String,
    /// Where the quote starts in `text`, in UTF-16 code units.
    pub start: usize,
    /// Where it ends (exclusive), in UTF-16 code units.
    pub end: usize,
}

/// One inference node.
#[derive(Debug, Serialize)]
pub struct InferenceData {
    /// Its id (the drawing's `data-id` of its connector).
    pub id: String,
    /// `support`, `conflict` or `rephrase`.
    pub kind: &'static str,
    /// Whether it attacks another inference (an undercut).
    pub undercut: bool,
    /// Its title; empty when none.
    pub title: String,
    /// The premises' ids, in order.
    pub premises: Vec<String>,
    /// The id of what it supports or attacks.
    pub target: Option<String>,
    /// Evaluation label when exported with `--eval`.
    pub label: Option<&'static str>,
}

/// One outline row (see [`crate::model::outline::rows`]).
#[derive(Debug, Serialize)]
pub struct OutlineRow {
    /// Indentation level from 0.
    pub depth: usize,
    /// The node shown.
    pub id: String,
    /// `+` reason, `-` objection, `x` undercut, `=` rephrase, or "".
    pub relation: &'static str,
    /// What the row says.
    pub text: String,
}

/// One tour.
#[derive(Debug, Serialize)]
pub struct TourData {
    /// Its name.
    pub name: String,
    /// Its steps, in order.
    pub steps: Vec<StepData>,
}

/// What one tour step shows, as present mode does
/// (see [`crate::render::handout::step_view`]).
#[derive(Debug, Serialize)]
pub struct StepData {
    /// Ids this step reveals, in the tour's order.
    pub reveal: Vec<String>,
    /// Ids visible at this step (revealed by it or earlier), sorted.
    pub visible: Vec<String>,
    /// Ids highlighted at this step, sorted.
    pub highlight: Vec<String>,
    /// The rectangle the camera fits, in drawing coordinates (px).
    pub camera: CameraRect,
    /// The speaker note; empty when none.
    pub note: String,
    /// The overlay this step shows (`evaluation_labels`), as present mode
    /// does; `None` shows none, whatever the page shows outside tours.
    pub overlay: Option<&'static str>,
}

/// A rectangle in drawing coordinates (px).
#[derive(Debug, Serialize)]
pub struct CameraRect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl From<Rect> for CameraRect {
    fn from(r: Rect) -> Self {
        CameraRect {
            x: r.min.x,
            y: r.min.y,
            w: r.width(),
            h: r.height(),
        }
    }
}

/// Builds the page data of `map`, whose drawing is `scene`, with the
/// evaluation `verdicts` if any; `eval_shown` says whether the page shows
/// them outside tours.
pub fn page_data(
    map: &Map,
    scene: &Scene,
    verdicts: Option<&crate::eval::Verdicts>,
    eval_shown: bool,
) -> PageData {
    let label = |id: &str| verdicts.and_then(|v| v.labels.get(id)).map(|l| l.as_str());
    let mut statements = Vec::new();
    let mut inferences = Vec::new();
    for node in map.nodes_sorted() {
        match &node.data {
            NodeData::Statement(s) => statements.push(StatementData {
                id: node.id.clone(),
                title: s.title.clone(),
                text: s.text.clone(),
                tags: s.tags.clone(),
                role: s.role.as_str(),
                // Notes are remarks, not claims: no badge, as on the canvas.
                label: label(&node.id).filter(|_| marks_role(s.role)),
                strength: verdicts
                    .and_then(|v| v.strengths.get(&node.id).copied())
                    .filter(|_| marks_role(s.role)),
                evidence: s
                    .evidence
                    .iter()
                    .map(|e| EvidenceData {
                        basis: e.basis.label(),
                        text: e.text.clone(),
                        url: e.url.clone(),
                        citation: e.citation.clone(),
                        date: e.date.clone(),
                        speaker: e.speaker.clone(),
                        passage: e.anchor.as_ref().and_then(|a| passage(map, a)),
                    })
                    .collect(),
                reasons: premises_into(map, &node.id, InferenceKind::Support),
                objections: premises_into(map, &node.id, InferenceKind::Conflict),
            }),
            NodeData::Inference(i) => {
                let Some(ix) = map.index_of(&node.id) else {
                    continue;
                };
                inferences.push(InferenceData {
                    id: node.id.clone(),
                    kind: match i.kind {
                        InferenceKind::Support => "support",
                        InferenceKind::Conflict => "conflict",
                        InferenceKind::Rephrase => "rephrase",
                    },
                    undercut: map.is_undercut(ix),
                    title: i.title.clone(),
                    premises: map
                        .premise_ids(&node.id)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                    target: map.target_id(&node.id).map(str::to_owned),
                    label: label(&node.id),
                });
            }
        }
    }
    let outline = crate::model::outline::rows(map, &BTreeSet::new())
        .into_iter()
        .map(|r| OutlineRow {
            depth: r.depth,
            id: r.id,
            relation: r.relation,
            text: r.text,
        })
        .collect();
    let tours = map
        .tours()
        .iter()
        .map(|t| tour_data(map, t, scene))
        .collect();
    PageData {
        title: map.meta().title.clone(),
        semantics: verdicts.map(|v| v.semantics.as_str().to_owned()),
        eval_shown: eval_shown && verdicts.is_some(),
        statements,
        inferences,
        outline,
        tours,
    }
}

/// The premises of the `kind` inferences whose target is `id`, in the
/// inferences' id order, each once.
fn premises_into(map: &Map, id: &str, kind: InferenceKind) -> Vec<String> {
    let Some(ix) = map.index_of(id) else {
        return Vec::new();
    };
    let mut inferences = map.inferences_into(ix);
    map.sort_by_id(&mut inferences);
    let mut out: Vec<String> = Vec::new();
    for inf in inferences {
        let Some(node) = map.node_at(inf) else {
            continue;
        };
        if node.as_inference().map(|i| i.kind) != Some(kind) {
            continue;
        }
        for p in map.premise_ids(&node.id) {
            if !out.iter().any(|o| o == p) {
                out.push(p.to_owned());
            }
        }
    }
    out
}

fn tour_data(map: &Map, tour: &Tour, scene: &Scene) -> TourData {
    let ids = |set: &std::collections::HashSet<crate::model::NodeIx>| -> Vec<String> {
        let mut v: Vec<String> = set
            .iter()
            .filter_map(|&ix| map.node_at(ix).map(|n| n.id.clone()))
            .collect();
        v.sort();
        v
    };
    let steps = (0..tour.steps.len())
        .map(|k| {
            let view = super::handout::step_view(map, tour, k, scene);
            StepData {
                reveal: tour.steps[k].reveal.clone(),
                visible: ids(&view.visible),
                highlight: ids(&view.highlight),
                camera: view.camera.into(),
                note: tour.steps[k].note.clone(),
                overlay: tour.steps[k].overlay.map(|o| match o {
                    Overlay::EvaluationLabels => "evaluation_labels",
                }),
            }
        })
        .collect();
    TourData {
        name: tour.name.clone(),
        steps,
    }
}

/// The paragraph of the anchor's source around the quote, cut to
/// [`PASSAGE_CONTEXT_CHARS`] each side; `None` when the anchor is orphaned
/// or its source or range is missing.
fn passage(map: &Map, anchor: &Anchor) -> Option<Passage> {
    if anchor.orphaned {
        return None;
    }
    let source = map.source(&anchor.source)?;
    let chars: Vec<char> = source.text.chars().collect();
    if anchor.start >= anchor.end || anchor.end > chars.len() {
        return None;
    }
    // Back to the paragraph start (a blank line), at most the context.
    let floor = anchor.start.saturating_sub(PASSAGE_CONTEXT_CHARS);
    let mut from = anchor.start;
    while from > floor && !(from >= 2 && chars[from - 1] == '\n' && chars[from - 2] == '\n') {
        from -= 1;
    }
    let ceil = (anchor.end + PASSAGE_CONTEXT_CHARS).min(chars.len());
    let mut to = anchor.end;
    while to < ceil && !(chars[to] == '\n' && chars.get(to + 1) == Some(&'\n')) {
        to += 1;
    }
    let utf16 = |r: &[char]| r.iter().map(|c| c.len_utf16()).sum::<usize>();
    let start = utf16(&chars[from..anchor.start]);
    let end = start + utf16(&chars[anchor.start..anchor.end]);
    Some(Passage {
        source: if source.title.is_empty() {
            source.id.clone()
        } else {
            source.title.clone()
        },
        url: source.url.clone(),
        text: chars[from..to].iter().collect(),
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    #[test]
    fn passage_is_the_paragraph_with_utf16_offsets() {
        let mut map = Map::new("t");
        let text = "First para.\n\nBefore 🙂 the quote here. After.\n\nNext para.";
        map.add_source(Source {
            id: "src".into(),
            title: "Speech".into(),
            text: text.into(),
            ..Source::default()
        })
        .unwrap();
        let start = text[..text.find("the quote").unwrap()].chars().count();
        let end = start + "the quote".chars().count();
        let anchor = Anchor::from_range("src", text, start, end).unwrap();
        let p = passage(&map, &anchor).unwrap();
        assert_eq!(p.text, "Before 🙂 the quote here. After.");
        // The emoji is two UTF-16 units.
        let units: Vec<u16> = p.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[p.start..p.end]).unwrap(),
            "the quote"
        );
        assert_eq!(p.source, "Speech");
        let orphan = Anchor {
            orphaned: true,
            ..anchor.clone()
        };
        assert!(passage(&map, &orphan).is_none());
    }
}
