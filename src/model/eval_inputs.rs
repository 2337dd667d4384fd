//! The analyst's inputs to evaluation, stored with the map: per-statement
//! acceptance overrides and base scores, the chosen semantics, and the
//! global "unsupported statements are not accepted" option. Results are
//! derived by `crate::eval` and never stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Map, ModelError};

/// The analyst's verdict on one statement, overriding what the map's
/// structure alone would give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptanceOverride {
    /// No override: the structure decides.
    #[default]
    Default,
    /// Accepted whatever attacks it.
    Accepted,
    /// Rejected whatever supports it.
    Rejected,
    /// Neither accepted nor rejected.
    Undecided,
}

impl AcceptanceOverride {
    /// Every value, in menu order.
    pub const ALL: [AcceptanceOverride; 4] = [
        AcceptanceOverride::Default,
        AcceptanceOverride::Accepted,
        AcceptanceOverride::Rejected,
        AcceptanceOverride::Undecided,
    ];

    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            AcceptanceOverride::Default => "default",
            AcceptanceOverride::Accepted => "accepted",
            AcceptanceOverride::Rejected => "rejected",
            AcceptanceOverride::Undecided => "undecided",
        }
    }
}

/// The semantics an analyst chose for a map: the six Dung semantics and
/// three gradual ones. Names as on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvalSemantics {
    /// Grounded (the default).
    #[default]
    Grounded,
    /// Complete.
    Complete,
    /// Preferred.
    Preferred,
    /// Stable.
    Stable,
    /// Semi-stable.
    SemiStable,
    /// Ideal.
    Ideal,
    /// DF-QuAD gradual semantics (Rago et al. 2016).
    DfQuad,
    /// Quadratic energy gradual semantics (Potyka 2018).
    QuadraticEnergy,
    /// Weighted h-categorizer (attacks only).
    HCategorizer,
}

impl EvalSemantics {
    /// Every semantics, in menu order.
    pub const ALL: [EvalSemantics; 9] = [
        EvalSemantics::Grounded,
        EvalSemantics::Complete,
        EvalSemantics::Preferred,
        EvalSemantics::Stable,
        EvalSemantics::SemiStable,
        EvalSemantics::Ideal,
        EvalSemantics::DfQuad,
        EvalSemantics::QuadraticEnergy,
        EvalSemantics::HCategorizer,
    ];

    /// The name on the command line and in files (`semi-stable`, `df-quad`…).
    pub fn as_str(self) -> &'static str {
        match self {
            EvalSemantics::Grounded => "grounded",
            EvalSemantics::Complete => "complete",
            EvalSemantics::Preferred => "preferred",
            EvalSemantics::Stable => "stable",
            EvalSemantics::SemiStable => "semi-stable",
            EvalSemantics::Ideal => "ideal",
            EvalSemantics::DfQuad => "df-quad",
            EvalSemantics::QuadraticEnergy => "quadratic-energy",
            EvalSemantics::HCategorizer => "h-categorizer",
        }
    }

    /// Parses a name written as by [`EvalSemantics::as_str`].
    pub fn parse(name: &str) -> Option<EvalSemantics> {
        EvalSemantics::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether this is a gradual semantics (numbers, not labels).
    pub fn is_gradual(self) -> bool {
        matches!(
            self,
            EvalSemantics::DfQuad | EvalSemantics::QuadraticEnergy | EvalSemantics::HCategorizer
        )
    }
}

/// Map-wide evaluation options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// The semantics the map is evaluated with.
    pub semantics: EvalSemantics,
    /// When set, a statement with no reasons is not accepted unless an
    /// override says so (instead of accepted by default).
    pub unsupported_not_accepted: bool,
}

/// Every evaluation input of a map. Keyed by statement id; entries for ids
/// that are no longer statements are ignored (and dropped on save), so
/// deleting a statement and undoing it keeps its inputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalInputs {
    /// Semantics and the global option.
    pub options: EvalOptions,
    /// Overrides other than `Default`.
    pub acceptance: BTreeMap<String, AcceptanceOverride>,
    /// Base scores in `0.0..=1.0`, other than the default.
    pub base_scores: BTreeMap<String, f64>,
}

/// The base score of a statement with none set.
pub const DEFAULT_BASE_SCORE: f64 = 0.5;

impl EvalInputs {
    /// Whether nothing differs from the defaults.
    pub fn is_default(&self) -> bool {
        *self == EvalInputs::default()
    }
}

impl Map {
    /// The evaluation inputs.
    pub fn eval_inputs(&self) -> &EvalInputs {
        &self.eval
    }

    /// The acceptance override of statement `id` (`Default` when none).
    pub fn acceptance_override(&self, id: &str) -> AcceptanceOverride {
        self.eval.acceptance.get(id).copied().unwrap_or_default()
    }

    /// The base score of statement `id`, in `0.0..=1.0`.
    pub fn base_score(&self, id: &str) -> f64 {
        self.eval
            .base_scores
            .get(id)
            .copied()
            .unwrap_or(DEFAULT_BASE_SCORE)
    }

    /// Sets statement `id`'s override and returns the old one. Refused for
    /// ids that are not statements.
    pub fn set_acceptance_override(
        &mut self,
        id: &str,
        value: AcceptanceOverride,
    ) -> Result<AcceptanceOverride, ModelError> {
        if self.statement(id).is_none() {
            return Err(ModelError::NotAStatement(id.to_owned()));
        }
        let old = if value == AcceptanceOverride::Default {
            self.eval.acceptance.remove(id)
        } else {
            self.eval.acceptance.insert(id.to_owned(), value)
        };
        Ok(old.unwrap_or_default())
    }

    /// Sets statement `id`'s base score (`None` for the default 0.5) and
    /// returns the old setting. Refused for non-statements and for scores
    /// outside `0.0..=1.0` (NaN included).
    pub fn set_base_score(
        &mut self,
        id: &str,
        score: Option<f64>,
    ) -> Result<Option<f64>, ModelError> {
        if self.statement(id).is_none() {
            return Err(ModelError::NotAStatement(id.to_owned()));
        }
        Ok(match score {
            Some(s) if !(0.0..=1.0).contains(&s) => {
                return Err(ModelError::BadBaseScore(id.to_owned(), s.to_string()));
            }
            Some(s) => self.eval.base_scores.insert(id.to_owned(), s),
            None => self.eval.base_scores.remove(id),
        })
    }

    /// Replaces the map-wide options and returns the old ones.
    pub fn set_eval_options(&mut self, options: EvalOptions) -> EvalOptions {
        std::mem::replace(&mut self.eval.options, options)
    }

    /// Replaces every input at once (for loading files).
    pub fn set_eval_inputs(&mut self, inputs: EvalInputs) {
        self.eval = inputs;
    }
}
