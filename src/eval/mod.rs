//! Evaluation: what stands in a map, and why.
//!
//! - [`af`], [`solve`], [`formats`]: Dung abstract argumentation as a
//!   library of its own (grounded, complete, preferred, stable,
//!   semi-stable, ideal; ICCMA, APX and TGF files).
//! - `structured`: the translation of an Argmap [`crate::model::Map`] into a
//!   framework (the reading is described in the README, "How evaluation
//!   works"), and labels per statement and inference.
//! - `explain`: why a statement has its label, as a short chain.
//! - `gradual`: DF-QuAD, quadratic energy and weighted h-categorizer.
//! - `verdicts`: the per-node summary overlays and exports draw.
//!
//! Pure functions over their inputs; no UI.

pub mod af;
pub mod explain;
pub mod formats;
pub mod gradual;
pub mod solve;
pub mod structured;
pub mod verdicts;

pub use af::{Arg, Framework};
pub use explain::{Because, Reason, Relation, Why, explain, render};
pub use formats::{AfFormat, AfFormatError};
pub use gradual::{Gradual, MapNotConverging, NotConverging, map_strengths, map_strengths_with};
pub use solve::{
    Acceptance, Enumeration, Label, Labelling, Semantics, enumerate, enumerate_cancellable,
    grounded,
};
pub use structured::{
    MapEvaluation, Standing, Translation, evaluate, evaluate_cancellable, evaluate_translated,
    translate,
};

pub use verdicts::{Verdicts, verdicts};

use crate::model::EvalSemantics;

/// How a chosen [`EvalSemantics`] is computed: labels or strengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// An extension-based semantics.
    Labels(Semantics),
    /// A gradual semantics.
    Strengths(Gradual),
}

/// The method behind a semantics name.
pub fn method(semantics: EvalSemantics) -> Method {
    use EvalSemantics as E;
    match semantics {
        E::Grounded => Method::Labels(Semantics::Grounded),
        E::Complete => Method::Labels(Semantics::Complete),
        E::Preferred => Method::Labels(Semantics::Preferred),
        E::Stable => Method::Labels(Semantics::Stable),
        E::SemiStable => Method::Labels(Semantics::SemiStable),
        E::Ideal => Method::Labels(Semantics::Ideal),
        E::DfQuad => Method::Strengths(Gradual::DfQuad),
        E::QuadraticEnergy => Method::Strengths(Gradual::QuadraticEnergy),
        E::HCategorizer => Method::Strengths(Gradual::HCategorizer),
    }
}

#[cfg(test)]
mod dung_tests;
#[cfg(test)]
mod structured_tests;
