//! Inference nodes: the relation nodes between statements.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The kind of an inference node, after the AIF scheme-node types.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum InferenceKind {
    /// Premises give a reason for the target (AIF RA). Several premises of
    /// one support node are linked co-premises.
    #[default]
    Support,
    /// The premises attack the target (AIF CA). Aimed at a statement it is a
    /// rebuttal or an undermining; aimed at an inference it is an undercut.
    Conflict,
    /// The premises restate the target (AIF MA).
    Rephrase,
}

impl InferenceKind {
    /// Every kind, in menu order.
    pub const ALL: [InferenceKind; 3] = [
        InferenceKind::Support,
        InferenceKind::Conflict,
        InferenceKind::Rephrase,
    ];

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            InferenceKind::Support => "support",
            InferenceKind::Conflict => "conflict",
            InferenceKind::Rephrase => "rephrase",
        }
    }

    /// Parses a kind name as written in files.
    pub fn parse(name: &str) -> Option<InferenceKind> {
        InferenceKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// An inference node. Its premises and target are edges of the map's graph,
/// so that linked co-premises and undercuts are first-class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inference {
    /// Support, conflict or rephrase.
    pub kind: InferenceKind,
    /// An optional title (an Argdown argument's `<Title>`).
    pub title: String,
    /// An optional description of the argument.
    pub description: String,
    /// The argumentation scheme: the id of a scheme in the map's own
    /// schemes or the bundled catalogue (`expert_opinion`), or, for a name
    /// no catalogue knows (from an imported file), that name verbatim.
    /// Empty for none. See [`super::Map::scheme_of`].
    pub scheme: String,
    /// Which premise fills which role of the scheme: role id → premise id.
    /// A binding whose premise is gone counts as unbound.
    pub roles: BTreeMap<String, String>,
    /// The status of each critical question that is not open, by question
    /// id; a question missing here is open.
    pub questions: BTreeMap<String, QuestionStatus>,
    /// Data an imported file gave the inference that has no field here
    /// (Argdown inference data such as `logic: [modus ponens]`): key →
    /// value as YAML flow text, written back by the exporter that read it.
    pub data: BTreeMap<String, String>,
}

/// Where a critical question stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum QuestionStatus {
    /// Not yet dealt with.
    #[default]
    Open,
    /// Answered by a statement of the map.
    Answered {
        /// The id of the answering statement.
        by: String,
    },
    /// Raised as an objection: the conflict node it created.
    Raised {
        /// The id of the conflict inference.
        objection: String,
    },
    /// Set aside by the analyst.
    Dismissed {
        /// Why.
        #[serde(default)]
        note: String,
    },
}

impl QuestionStatus {
    /// The status name as written in files (`open`, `answered`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            QuestionStatus::Open => "open",
            QuestionStatus::Answered { .. } => "answered",
            QuestionStatus::Raised { .. } => "raised",
            QuestionStatus::Dismissed { .. } => "dismissed",
        }
    }
}

impl Inference {
    /// An inference of `kind` with no title, description or scheme.
    pub fn new(kind: InferenceKind) -> Self {
        Inference {
            kind,
            ..Inference::default()
        }
    }

    /// The status of question `id` (open when none is recorded).
    pub fn question_status(&self, id: &str) -> QuestionStatus {
        self.questions.get(id).cloned().unwrap_or_default()
    }
}
