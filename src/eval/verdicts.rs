//! [`Verdicts`]: what an evaluation overlay shows for each node of a map —
//! a label for extension-based semantics (the node's standing over every
//! extension: IN or OUT when it is so in all of them, else UNDEC), or a
//! strength in `0.0..=1.0` for gradual ones. The canvas overlay, the
//! diagram exports (`argmap export … --eval`) and the Markdown outline read
//! this one summary.

use std::collections::BTreeMap;

use super::gradual::MapNotConverging;
use super::solve::Label;
use super::structured::MapEvaluation;
use super::{Method, method};
use crate::model::{EvalSemantics, Map};

/// Each node's verdict under one semantics, by node id (sorted maps, so
/// output built from them is deterministic).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdicts {
    /// The semantics that ran.
    pub semantics: EvalSemantics,
    /// Labels of statements and inferences (extension-based semantics;
    /// empty for gradual ones).
    pub labels: BTreeMap<String, Label>,
    /// Strengths in `0.0..=1.0` (gradual semantics; empty otherwise).
    pub strengths: BTreeMap<String, f64>,
}

impl Verdicts {
    /// The labels of `evaluation`: extension `ext` when given, else every
    /// node's standing over all extensions.
    pub fn from_evaluation(
        semantics: EvalSemantics,
        evaluation: &MapEvaluation,
        ext: Option<usize>,
    ) -> Verdicts {
        let labels = match ext {
            Some(k) => evaluation.labels(k),
            None => evaluation
                .standings()
                .into_iter()
                .map(|(id, s)| (id, s.label))
                .collect(),
        };
        Verdicts {
            semantics,
            labels,
            strengths: BTreeMap::new(),
        }
    }

    /// Node `id`'s label, if the semantics gives labels.
    pub fn label(&self, id: &str) -> Option<Label> {
        self.labels.get(id).copied()
    }

    /// Node `id`'s strength, if the semantics is gradual.
    pub fn strength(&self, id: &str) -> Option<f64> {
        self.strengths.get(id).copied()
    }
}

/// Evaluates `map` under `semantics` and summarises it as [`Verdicts`].
///
/// Errors: a gradual semantics that does not converge on a cycle of the
/// map ([`MapNotConverging`] names where); labels never fail.
pub fn verdicts(map: &Map, semantics: EvalSemantics) -> Result<Verdicts, MapNotConverging> {
    match method(semantics) {
        Method::Labels(s) => Ok(Verdicts::from_evaluation(
            semantics,
            &super::evaluate(map, s),
            None,
        )),
        Method::Strengths(g) => Ok(Verdicts {
            semantics,
            labels: BTreeMap::new(),
            strengths: super::map_strengths(map, g)?,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::structured_tests::map;
    use crate::model::InferenceKind::{Conflict, Support};

    /// `a` supports `t`; `o` attacks `t`; `u` attacks `o`.
    fn reinstated() -> Map {
        map(
            &["t", "a", "o", "u"],
            &[
                ("s1", Support, &["a"], "t"),
                ("c1", Conflict, &["o"], "t"),
                ("c2", Conflict, &["u"], "o"),
            ],
        )
    }

    #[test]
    fn grounded_labels_every_statement_and_inference() {
        let v = verdicts(&reinstated(), EvalSemantics::Grounded).unwrap();
        assert_eq!(v.label("t"), Some(Label::In));
        assert_eq!(v.label("o"), Some(Label::Out));
        assert_eq!(v.label("c1"), Some(Label::Out));
        assert_eq!(v.label("s1"), Some(Label::In));
        assert!(v.strengths.is_empty());
    }

    #[test]
    fn gradual_semantics_give_strengths_not_labels() {
        let v = verdicts(&reinstated(), EvalSemantics::DfQuad).unwrap();
        assert!(v.labels.is_empty());
        let t = v.strength("t").unwrap();
        assert!((0.0..=1.0).contains(&t), "{t}");
        assert!(v.strength("u").is_some());
    }
}
