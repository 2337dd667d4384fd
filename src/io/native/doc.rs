//! The serde shapes of the native format, schema version 2, and their
//! conversion from a [`Map`]. Field order here is the key order in files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    Evidence, Inference, InferenceKind, Map, MapMeta, NodeData, Pos, QuestionStatus, Role, Scheme,
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
    /// (schema 2), so the map opens anywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<Scheme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_id: Option<u64>,
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
    /// A scheme id, or a verbatim name no catalogue knows (schema 2; in
    /// schema 1 always a free-text name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheme: String,
    /// Role id → premise id (schema 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roles: BTreeMap<String, String>,
    /// Question id → status, for questions that are not open (schema 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<String, QuestionStatus>,
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
        next_id: Some(map.next_id()),
    }
}
