//! Argumentation schemes and their critical questions, as data.
//!
//! A [`Scheme`] names the pattern of an inference (Walton, Reed and Macagno,
//! *Argumentation Schemes*, Cambridge University Press, 2008): its premise
//! roles, its conclusion, and the critical questions that test it. Each
//! question has a [`QuestionKind`] after Carneades (Gordon, Prakken and
//! Walton, *The Carneades model of argument and burden of proof*, Artificial
//! Intelligence 171, 2007): a **premise** question is answered by its premise
//! holding, an **assumption** holds until questioned, an **exception** counts
//! only when shown and then undercuts the inference.
//!
//! A [`Catalogue`] is a set of schemes with unique ids. Files of the
//! catalogue format are read by `crate::io::schemes`; this module holds the
//! types and the look-ups, so the model can resolve an inference's scheme
//! without knowing about files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The role name a critical question uses to bear on the conclusion.
pub const CONCLUSION_ROLE: &str = "conclusion";

/// How a critical question counts (Carneades' premise types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answered by the premise in its role holding.
    Premise,
    /// Presumed until questioned; once raised it needs support.
    Assumption,
    /// Counts only if shown; then it undercuts the inference.
    Exception,
}

impl QuestionKind {
    /// The name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Premise => "premise",
            QuestionKind::Assumption => "assumption",
            QuestionKind::Exception => "exception",
        }
    }
}

/// A premise role of a scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeRole {
    /// Id, unique within the scheme (`expert`).
    pub id: String,
    /// Short display name (`Expert`).
    pub name: String,
    /// A sentence template showing what the premise says, with the scheme's
    /// variables as letters (`E is an expert.`).
    pub template: String,
}

/// The conclusion of a scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeConclusion {
    /// A sentence template, as for premise roles (`A is true.`).
    pub template: String,
}

/// A critical question of a scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriticalQuestion {
    /// Id, unique within the scheme (`trustworthy`).
    pub id: String,
    /// Premise, assumption or exception.
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    /// The premise role it bears on, or [`CONCLUSION_ROLE`].
    pub role: String,
    /// The question. `{role}` placeholders are filled in with the text of
    /// the premise bound to that role (see [`Scheme::fill_question`]).
    pub text: String,
}

/// An argumentation scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Id, unique within its catalogue (`expert_opinion`).
    pub id: String,
    /// Display name (`Argument from expert opinion`).
    pub name: String,
    /// One line saying what the pattern is.
    pub description: String,
    /// The work the scheme comes from.
    pub source: String,
    /// Other names other tools use for it (AIFdb, OVA), matched on import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The premise roles, in order.
    pub premises: Vec<SchemeRole>,
    /// The conclusion.
    pub conclusion: SchemeConclusion,
    /// The critical questions, in order.
    #[serde(default)]
    pub questions: Vec<CriticalQuestion>,
}

impl Scheme {
    /// The premise role `id`.
    pub fn role(&self, id: &str) -> Option<&SchemeRole> {
        self.premises.iter().find(|r| r.id == id)
    }

    /// The critical question `id`.
    pub fn question(&self, id: &str) -> Option<&CriticalQuestion> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The text of question `q` with each `{role}` replaced by the text
    /// bound to it in `bound` (role id → premise text), in curly quotes.
    /// A role with nothing bound reads as the role's own sentence template,
    /// also quoted (“E is an expert”): the questions are written around a
    /// quoted premise ("Are the findings in {facts} established?"), so the
    /// role's name there would repeat the sentence's own noun ("the
    /// findings in the findings"). An unbound conclusion reads as "the
    /// conclusion"; unknown placeholders stay as written.
    pub fn fill_question(&self, q: &CriticalQuestion, bound: &BTreeMap<String, String>) -> String {
        let mut out = String::with_capacity(q.text.len());
        let mut rest = q.text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let key = &after[..close];
            let quote = |out: &mut String, text: &str| {
                out.push('“');
                out.push_str(text.trim().trim_end_matches('.'));
                out.push('”');
            };
            match (bound.get(key), self.role(key)) {
                (Some(text), _) => quote(&mut out, text),
                (None, Some(role)) => quote(&mut out, &role.template),
                (None, None) if key == CONCLUSION_ROLE => out.push_str("the conclusion"),
                (None, None) => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Lower-cases `name`, turns punctuation and `_` into spaces, drops a
/// leading "argument from/by/of", "appeal to" or "the", and collapses
/// spaces, so that "Argument From Expert Opinion", "expert_opinion" and
/// "Expert opinion" compare equal.
pub fn normalise_name(name: &str) -> String {
    let lower: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut words = words.as_slice();
    for prefix in [
        &["argument", "from"][..],
        &["argument", "by"][..],
        &["argument", "of"][..],
        &["appeal", "to"][..],
        &["the"][..],
    ] {
        if words.len() > prefix.len() && words.starts_with(prefix) {
            words = &words[prefix.len()..];
        }
    }
    words.join(" ")
}

/// A set of schemes with unique ids, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The catalogue's name (`Argmap core schemes`).
    pub name: String,
    schemes: Vec<Scheme>,
    by_id: BTreeMap<String, usize>,
}

impl Catalogue {
    /// A catalogue of `schemes`. A later scheme with the id of an earlier
    /// one replaces it (so a user's file can override a bundled scheme).
    pub fn new(name: impl Into<String>, schemes: Vec<Scheme>) -> Self {
        let mut cat = Catalogue {
            name: name.into(),
            ..Catalogue::default()
        };
        cat.extend(schemes);
        cat
    }

    /// Adds `schemes`, replacing those with the same id.
    pub fn extend(&mut self, schemes: impl IntoIterator<Item = Scheme>) {
        for s in schemes {
            match self.by_id.get(&s.id) {
                Some(&i) => self.schemes[i] = s,
                None => {
                    self.by_id.insert(s.id.clone(), self.schemes.len());
                    self.schemes.push(s);
                }
            }
        }
    }

    /// The schemes, in file order.
    pub fn schemes(&self) -> &[Scheme] {
        &self.schemes
    }

    /// Number of schemes.
    pub fn len(&self) -> usize {
        self.schemes.len()
    }

    /// Whether the catalogue has no schemes.
    pub fn is_empty(&self) -> bool {
        self.schemes.is_empty()
    }

    /// The scheme `id`.
    pub fn get(&self, id: &str) -> Option<&Scheme> {
        self.by_id.get(id).map(|&i| &self.schemes[i])
    }

    /// The scheme a name from another tool refers to: compared after
    /// [`normalise_name`] with each scheme's id, name and aliases.
    pub fn find_by_name(&self, name: &str) -> Option<&Scheme> {
        let want = normalise_name(name);
        if want.is_empty() {
            return None;
        }
        self.schemes.iter().find(|s| {
            normalise_name(&s.id) == want
                || normalise_name(&s.name) == want
                || s.aliases.iter().any(|a| normalise_name(a) == want)
        })
    }
}
