//! Inference nodes: the relation nodes between statements.

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
    /// An optional argumentation scheme name.
    pub scheme: String,
}

impl Inference {
    /// An inference of `kind` with no title, description or scheme.
    pub fn new(kind: InferenceKind) -> Self {
        Inference {
            kind,
            ..Inference::default()
        }
    }
}
