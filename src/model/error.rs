//! The typed error for edits the model refuses.

use thiserror::Error;

/// Why the model refused an edit. The map is unchanged whenever one of
/// these is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ModelError {
    /// The id does not have the allowed form.
    #[error("'{0}' is not a valid id (1-64 characters of A-Z a-z 0-9 _ . : -)")]
    InvalidId(String),
    /// The id is already used by something else in the map.
    #[error("the id '{0}' is already in use")]
    DuplicateId(String),
    /// No statement or inference has this id.
    #[error("no node with id '{0}'")]
    NoSuchNode(String),
    /// The id names an inference where a statement is needed.
    #[error("'{0}' is not a statement")]
    NotAStatement(String),
    /// The id names a statement where an inference is needed.
    #[error("'{0}' is not an inference")]
    NotAnInference(String),
    /// No evidence item has this id.
    #[error("no evidence with id '{0}'")]
    NoSuchEvidence(String),
    /// No source has this id.
    #[error("no source with id '{0}'")]
    NoSuchSource(String),
    /// An inference needs at least one premise.
    #[error("inference '{0}' needs at least one premise")]
    NoPremise(String),
    /// Removing this premise would leave its inference without any.
    #[error("'{premise}' is the last premise of '{inference}'; remove the inference instead")]
    LastPremise {
        /// The inference.
        inference: String,
        /// The premise that was to go.
        premise: String,
    },
    /// The same premise was given twice.
    #[error("'{premise}' is already a premise of '{inference}'")]
    DuplicatePremise {
        /// The inference.
        inference: String,
        /// The repeated premise.
        premise: String,
    },
    /// The node is not a premise of this inference.
    #[error("'{premise}' is not a premise of '{inference}'")]
    NotAPremise {
        /// The inference.
        inference: String,
        /// The node that is not its premise.
        premise: String,
    },
    /// A base score outside `0.0..=1.0`.
    #[error("base score {1} of '{0}' is outside 0..=1")]
    BadBaseScore(String, String),
    /// An inference may not be its own premise or target.
    #[error("inference '{0}' would point at itself")]
    SelfLoop(String),
    /// An inference has exactly one target.
    #[error("inference '{0}' would have more than one target")]
    SecondTarget(String),
    /// After a restore an inference would be left without a target.
    #[error("inference '{0}' would have no target")]
    NoTarget(String),
    /// An anchor names a source that does not exist, or a range outside it.
    #[error("evidence '{evidence}' has an anchor {problem}")]
    BadAnchor {
        /// The evidence id.
        evidence: String,
        /// What is wrong.
        problem: String,
    },
    /// The source is still quoted by evidence.
    #[error("source '{source_id}' is quoted by evidence '{evidence}'")]
    SourceInUse {
        /// The source.
        source_id: String,
        /// One evidence item that quotes it.
        evidence: String,
    },
    /// A tag is empty or repeated.
    #[error("bad tag list: {0}")]
    BadTags(String),
    /// A map needs a title.
    #[error("the map title may not be empty")]
    EmptyTitle,
    /// No scheme with this reference is known to the map or catalogue.
    #[error("no scheme '{0}' in the map or the catalogue")]
    NoSuchScheme(String),
    /// A scheme role or critical question id is empty or unknown.
    #[error("scheme '{scheme}' has no {what} '{id}'")]
    NoSuchSchemePart {
        /// The scheme.
        scheme: String,
        /// `role` or `critical question`.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A premise question cannot be raised while its role has no premise.
    #[error("role '{role}' of inference '{inference}' has no premise bound; bind one first")]
    RoleUnbound {
        /// The inference.
        inference: String,
        /// The role.
        role: String,
    },
    /// A question status links to the wrong kind of node.
    #[error("'{0}' is not a conflict inference, so it cannot be a raised question's objection")]
    NotAConflict(String),
    /// An embedded scheme definition does not carry the id it is stored under.
    #[error("scheme definition '{found}' stored under id '{id}'")]
    SchemeIdMismatch {
        /// The id it is stored under.
        id: String,
        /// The definition's own id.
        found: String,
    },
    /// The map has no merge conflict at this index.
    #[error("no merge conflict number {0}")]
    NoSuchConflict(usize),
    /// No tour has this name.
    #[error("no tour named '{0}'")]
    NoSuchTour(String),
    /// Another tour already has this name.
    #[error("a tour named '{0}' already exists")]
    DuplicateTour(String),
    /// A tour name must be 1–200 bytes and not only spaces.
    #[error("'{0}' is not a usable tour name")]
    BadTourName(String),
    /// The tour has no step at this index.
    #[error("tour '{tour}' has no step {step}")]
    NoSuchStep {
        /// The tour.
        tour: String,
        /// The index asked for (0-based).
        step: usize,
    },
    /// A tour step is malformed.
    #[error("bad tour step: {0}")]
    BadStep(String),
}
