//! The serde shapes of the native format, schema version 6, and their
//! conversion from a [`Map`]. Field order here is the key order in files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    AcceptanceOverride, EvalSemantics, Evidence, Inference, InferenceKind, Map, MapMeta,
    MergeConflict, NodeData, Pos, QuestionStatus, Role, Scheme, Tour,
};

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole map file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Doc {
    pub format: String,
    pub schema_version: u64,
    pub meta: MapMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
    #[serde(default)]
    pub statements: Vec<StatementDoc>,
    #[serde(default)]
    pub inferences: Vec<InferenceDoc>,
    /// Definitions of schemes from catalogues other than the bundled one
    /// (schema 5), so the map opens anywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<Scheme>,
    /// Named tours, in order (schema 4 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tours: Vec<Tour>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_id: Option<u64>,
    /// Evaluation inputs (schema 2); results are never stored.
    #[serde(default, skip_serializing_if = "EvaluationDoc::is_default")]
    pub evaluation: EvaluationDoc,
    /// How the map is viewed (schema 3): folded nodes. Absent when nothing is folded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewDoc>,
    /// Unresolved merge conflicts (schema 6), written by `argmap
    /// merge-driver`; absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<MergeConflict>,
}

/// The evaluation inputs: chosen semantics, the global option, and
/// per-statement overrides and base scores (statement id → value).
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EvaluationDoc {
    #[serde(default)]
    pub semantics: EvalSemantics,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unsupported_not_accepted: bool,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub acceptance: BTreeMap<String, AcceptanceOverride>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub base_scores: BTreeMap<String, f64>,
}

impl EvaluationDoc {
    fn is_default(&self) -> bool {
        *self == EvaluationDoc::default()
    }
}

/// The saved view (schema 3).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ViewDoc {
    /// Ids of folded nodes, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<String>,
}

/// A source document entry.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceDoc {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A statement entry.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatementDoc {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default)]
    pub role: Role,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
}

/// An inference entry.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InferenceDoc {
    pub id: String,
    pub kind: InferenceKind,
    pub premises: Vec<String>,
    pub target: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A scheme id, or a verbatim name no catalogue knows (schema 5; before
    /// schema 5 always a free-text name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheme: String,
    /// Role id → premise id (schema 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    /// Question id → status, for questions that are not open (schema 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<String, QuestionStatus>,
    /// Key → YAML flow text that an imported file gave the inference and
    /// no field holds, such as Argdown's `logic` (schema 7).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Pos>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
}

/// Builds the document for `map`, in canonical order. Sources with a path
/// keep it when `keep_paths` is true, and are written inline otherwise.
pub(super) fn doc_from_map(map: &Map, keep_paths: bool) -> Doc {
    let mut sources: Vec<SourceDoc> = map
        .sources()
        .map(|s| {
            let path = s.path.clone().filter(|_| keep_paths);
            SourceDoc {
                id: s.id.clone(),
                title: s.title.clone(),
                author: s.author.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
                text: path.is_none().then(|| s.text.clone()),
                path,
            }
        })
        .collect();
    sources.sort_by(|a, b| crate::model::ids::natural_cmp(&a.id, &b.id));
    let mut statements = Vec::new();
    let mut inferences = Vec::new();
    for node in map.nodes_sorted() {
        match &node.data {
            NodeData::Statement(s) => statements.push(StatementDoc {
                id: node.id.clone(),
                text: s.text.clone(),
                title: s.title.clone(),
                role: s.role,
                tags: s.tags.clone(),
                notes: s.notes.clone(),
                evidence: s.evidence.clone(),
                pos: node.pos,
                pinned: node.pinned,
            }),
            NodeData::Inference(Inference {
                kind,
                title,
                description,
                scheme,
                roles,
                questions,
                data,
            }) => inferences.push(InferenceDoc {
                id: node.id.clone(),
                kind: *kind,
                premises: map
                    .premise_ids(&node.id)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                target: map.target_id(&node.id).unwrap_or_default().to_owned(),
                title: title.clone(),
                description: description.clone(),
                scheme: scheme.clone(),
                roles: roles.clone(),
                questions: questions.clone(),
                data: data.clone(),
                pos: node.pos,
                pinned: node.pinned,
            }),
        }
    }
    Doc {
        format: super::FORMAT_NAME.to_owned(),
        schema_version: super::SCHEMA_VERSION,
        meta: map.meta().clone(),
        sources,
        statements,
        inferences,
        schemes: map.embedded_schemes().cloned().collect(),
        tours: map.tours().to_vec(),
        next_id: Some(map.next_id()),
        evaluation: evaluation_doc(map),
        view: view_doc(map),
        conflicts: map.conflicts().to_vec(),
    }
}

/// The map's evaluation inputs, keeping only live statements' entries.
fn evaluation_doc(map: &Map) -> EvaluationDoc {
    let inputs = map.eval_inputs();
    let live = |id: &String| map.statement(id).is_some();
    EvaluationDoc {
        semantics: inputs.options.semantics,
        unsupported_not_accepted: inputs.options.unsupported_not_accepted,
        acceptance: inputs
            .acceptance
            .iter()
            .filter(|(id, v)| live(id) && **v != AcceptanceOverride::Default)
            .map(|(id, v)| (id.clone(), *v))
            .collect(),
        base_scores: inputs
            .base_scores
            .iter()
            .filter(|(id, _)| live(id))
            .map(|(id, v)| (id.clone(), *v))
            .collect(),
    }
}

/// The `view` object for `map`: folded nodes that still exist, in natural
/// id order; `None` when nothing is folded.
fn view_doc(map: &Map) -> Option<ViewDoc> {
    let mut folded: Vec<String> = map
        .view()
        .folded
        .iter()
        .filter(|id| map.node(id).is_some())
        .cloned()
        .collect();
    folded.sort_by(|a, b| crate::model::ids::natural_cmp(a, b));
    (!folded.is_empty()).then_some(ViewDoc { folded })
}
