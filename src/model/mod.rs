//! The argument map: statements, inference nodes, evidence, sources.
//!
//! A [`Map`] keeps a petgraph `StableGraph` whose nodes are statements and
//! inference nodes (support, conflict, rephrase, after AIF's RA, CA and MA),
//! so linked co-premises and undercuts are first-class. The model upholds
//! its own invariants: every edit in [`edit`] is validated and refused with a
//! [`ModelError`] rather than ever leaving the map inconsistent.
//!
//! This module never depends on the UI.

pub mod anchoring;
pub mod edit;
mod error;
mod evidence;
pub mod ids;
mod inference;
pub mod lint;
mod map;
pub mod scheme;
mod scheme_use;
mod source;
mod statement;
mod verify;

pub use edit::Fragment;
pub use error::ModelError;
pub use evidence::{Anchor, Basis, Evidence, char_range_to_bytes, char_slice};
pub use ids::IdKind;
pub use inference::{Inference, InferenceKind, QuestionStatus};
pub use map::{Link, Map, Node, NodeData, NodeIx, Pos};
pub use scheme::{Catalogue, CriticalQuestion, QuestionKind, Scheme};
pub use scheme_use::QuestionState;
pub use source::{MapMeta, Source};
pub use statement::{Role, Statement};
pub use verify::{
    AnchorProblem, AnchorReport, EvidenceCounts, InferenceCounts, Stats, verify_anchors,
};

#[cfg(test)]
mod tests;
