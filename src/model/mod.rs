//! The argument map: statements, inference nodes, evidence, sources.
//!
//! A [`Map`] keeps a petgraph `StableGraph` whose nodes are statements and
//! inference nodes (support, conflict, rephrase, after AIF's RA, CA and MA),
//! so linked co-premises and undercuts are first-class, and the map's named
//! tours ([`tour`]). The model upholds
//! its own invariants: every edit in [`edit`] is validated and refused with a
//! [`ModelError`] rather than ever leaving the map inconsistent.
//!
//! This module never depends on the UI.

pub mod anchoring;
pub mod conflict;
pub mod edit;
mod error;
mod eval_inputs;
mod evidence;
pub mod ids;
mod inference;
pub mod lint;
mod map;
pub mod outline;
pub mod scheme;
mod scheme_search;
mod scheme_use;
mod source;
mod statement;
pub mod tour;
pub mod tour_gen;
mod verify;
pub mod view;

pub use conflict::MergeConflict;
pub use edit::Fragment;
pub use error::ModelError;
pub use eval_inputs::{
    AcceptanceOverride, DEFAULT_BASE_SCORE, EvalInputs, EvalOptions, EvalSemantics,
};
pub use evidence::{Anchor, Basis, Evidence, char_range_to_bytes, char_slice};
pub use ids::IdKind;
pub use inference::{Inference, InferenceKind, QuestionStatus};
pub use map::{Link, Map, Node, NodeData, NodeIx, Pos};
pub use scheme::{Catalogue, CriticalQuestion, QuestionKind, Scheme};
pub use scheme_search::{SchemeHit, search_schemes};
pub use scheme_use::QuestionState;
pub use source::{MapMeta, Source};
pub use statement::{Role, Statement};
pub use tour::{Camera, Focus, Overlay, StepChange, StepRef, Tour, TourStep};
pub use verify::{
    AnchorProblem, AnchorReport, EvidenceCounts, InferenceCounts, Stats, verify_anchors,
};
pub use view::MapView;

#[cfg(test)]
mod tests;
