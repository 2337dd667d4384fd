//! How a map uses argumentation schemes: the definitions it embeds, the
//! scheme each inference names, its role bindings and the state of each
//! critical question. Validated edits, like those in `edit.rs`.

use std::collections::BTreeMap;

use super::inference::QuestionStatus;
use super::scheme::{Catalogue, CriticalQuestion, QuestionKind, Scheme};
use super::{InferenceKind, Map, ModelError, NodeData};

type Result<T> = std::result::Result<T, ModelError>;

/// One critical question of an inference, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionState {
    /// The question as the scheme defines it.
    pub question: CriticalQuestion,
    /// The status recorded on the inference (open when none is).
    pub status: QuestionStatus,
    /// The premise bound to the question's role, if it is still a premise
    /// of the inference.
    pub bound_premise: Option<String>,
    /// Whether the question still asks for attention: its status is open
    /// and it is not a premise question whose premise is bound (a premise
    /// question is answered by its premise holding).
    pub open: bool,
    /// For a raised question: its objection node no longer exists.
    pub objection_missing: bool,
}

impl Map {
    /// The scheme definitions the map carries itself, sorted by id.
    pub fn embedded_schemes(&self) -> impl Iterator<Item = &Scheme> {
        self.schemes.values()
    }

    /// The embedded definition of scheme `id`.
    pub fn embedded_scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.get(id)
    }

    /// Stores (`Some`) or drops (`None`) the embedded definition of scheme
    /// `id`, returning the one it replaces. Errors if the definition's own
    /// id differs from `id`.
    pub fn set_embedded_scheme(
        &mut self,
        id: &str,
        definition: Option<Scheme>,
    ) -> Result<Option<Scheme>> {
        match definition {
            Some(def) if def.id != id => Err(ModelError::SchemeIdMismatch {
                id: id.to_owned(),
                found: def.id,
            }),
            Some(def) => Ok(self.schemes.insert(id.to_owned(), def)),
            None => Ok(self.schemes.remove(id)),
        }
    }

    /// The scheme a reference names: the map's embedded definition first,
    /// then `catalogue`. `None` for an empty reference or a verbatim name
    /// that neither knows.
    pub fn resolve_scheme<'a>(
        &'a self,
        reference: &str,
        catalogue: &'a Catalogue,
    ) -> Option<&'a Scheme> {
        if reference.is_empty() {
            return None;
        }
        self.schemes
            .get(reference)
            .or_else(|| catalogue.get(reference))
    }

    /// The scheme of inference `id`, resolved as in [`Map::resolve_scheme`].
    pub fn scheme_of<'a>(&'a self, id: &str, catalogue: &'a Catalogue) -> Option<&'a Scheme> {
        let inf = self.inference(id)?;
        self.resolve_scheme(&inf.scheme, catalogue)
    }

    /// The premise bound to `role` on inference `id`, if the binding's
    /// premise is still one of the inference's premises.
    pub fn bound_premise(&self, id: &str, role: &str) -> Option<&str> {
        let bound = self.inference(id)?.roles.get(role)?;
        self.premise_ids(id)
            .into_iter()
            .find(|p| *p == bound.as_str())
    }

    /// The text of the premises bound to inference `id`'s roles, by role
    /// id, with the target statement's text under
    /// [`super::scheme::CONCLUSION_ROLE`]: what [`Scheme::fill_question`]
    /// fills a question in from.
    pub fn bound_texts(&self, id: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(inf) = self.inference(id) else {
            return out;
        };
        for role in inf.roles.keys() {
            if let Some(st) = self.bound_premise(id, role).and_then(|p| self.statement(p)) {
                out.insert(role.clone(), st.text.clone());
            }
        }
        if let Some(st) = self.target_id(id).and_then(|t| self.statement(t)) {
            out.insert(super::scheme::CONCLUSION_ROLE.to_owned(), st.text.clone());
        }
        out
    }

    /// Every critical question of inference `id`'s scheme with its state,
    /// in the scheme's order. Empty when the inference has no known scheme.
    pub fn question_states(&self, id: &str, catalogue: &Catalogue) -> Vec<QuestionState> {
        let (Some(inf), Some(scheme)) = (self.inference(id), self.scheme_of(id, catalogue)) else {
            return Vec::new();
        };
        scheme
            .questions
            .iter()
            .map(|q| {
                let status = inf.question_status(&q.id);
                let bound_premise = self.bound_premise(id, &q.role).map(str::to_owned);
                let open = status == QuestionStatus::Open
                    && !(q.kind == QuestionKind::Premise && bound_premise.is_some());
                let objection_missing = matches!(
                    &status,
                    QuestionStatus::Raised { objection } if self.node(objection).is_none()
                );
                QuestionState {
                    question: q.clone(),
                    status,
                    bound_premise,
                    open,
                    objection_missing,
                }
            })
            .collect()
    }

    /// The statements that answer inference `id`'s **assumption** questions,
    /// sorted and without repeats: once an assumption is questioned it needs
    /// support (Carneades), and the statement that answers it becomes a
    /// premise the inference requires, as evaluation reads it
    /// (`crate::eval::structured`). Answers that no longer exist, are not
    /// statements, or are already premises of the inference are left out.
    /// Empty without a known scheme.
    pub fn assumption_answers(&self, id: &str, catalogue: &Catalogue) -> Vec<String> {
        let (Some(inf), Some(scheme)) = (self.inference(id), self.scheme_of(id, catalogue)) else {
            return Vec::new();
        };
        let premises = self.premise_ids(id);
        let mut out: Vec<String> = scheme
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Assumption)
            .filter_map(|q| match inf.questions.get(&q.id) {
                Some(QuestionStatus::Answered { by }) => Some(by),
                _ => None,
            })
            .filter(|by| self.statement(by).is_some() && !premises.contains(&by.as_str()))
            .cloned()
            .collect();
        out.sort_by(|a, b| super::ids::natural_cmp(a, b));
        out.dedup();
        out
    }

    /// The premise roles of inference `id`'s scheme that have no premise
    /// bound, in the scheme's order. Empty without a known scheme.
    pub fn unbound_roles(&self, id: &str, catalogue: &Catalogue) -> Vec<String> {
        let Some(scheme) = self.scheme_of(id, catalogue) else {
            return Vec::new();
        };
        scheme
            .premises
            .iter()
            .filter(|r| self.bound_premise(id, &r.id).is_none())
            .map(|r| r.id.clone())
            .collect()
    }

    /// Binds `premise` (one of inference `id`'s premises) to `role`, or
    /// unbinds the role with `None`; returns the previous binding.
    pub fn bind_role(
        &mut self,
        id: &str,
        role: &str,
        premise: Option<String>,
    ) -> Result<Option<String>> {
        if self.inference(id).is_none() {
            return Err(self.not_an_inference(id));
        }
        if role.trim().is_empty() {
            return Err(ModelError::NoSuchSchemePart {
                scheme: self
                    .inference(id)
                    .map(|i| i.scheme.clone())
                    .unwrap_or_default(),
                what: "role",
                id: role.to_owned(),
            });
        }
        if let Some(p) = &premise
            && !self.premise_ids(id).contains(&p.as_str())
        {
            return Err(ModelError::NotAPremise {
                inference: id.to_owned(),
                premise: p.clone(),
            });
        }
        let inf = self.inference_mut(id)?;
        Ok(match premise {
            Some(p) => inf.roles.insert(role.to_owned(), p),
            None => inf.roles.remove(role),
        })
    }

    /// Records `status` for question `question` of inference `id` (open
    /// removes the record) and returns the previous status. An answer must
    /// name a statement, a raised question a conflict inference.
    pub fn set_question_status(
        &mut self,
        id: &str,
        question: &str,
        status: QuestionStatus,
    ) -> Result<QuestionStatus> {
        if self.inference(id).is_none() {
            return Err(self.not_an_inference(id));
        }
        if question.trim().is_empty() {
            return Err(ModelError::NoSuchSchemePart {
                scheme: self
                    .inference(id)
                    .map(|i| i.scheme.clone())
                    .unwrap_or_default(),
                what: "critical question",
                id: question.to_owned(),
            });
        }
        match &status {
            QuestionStatus::Answered { by } if self.statement(by).is_none() => {
                return Err(if self.node(by).is_some() {
                    ModelError::NotAStatement(by.clone())
                } else {
                    ModelError::NoSuchNode(by.clone())
                });
            }
            QuestionStatus::Raised { objection } => match self.inference(objection) {
                None if self.node(objection).is_none() => {
                    return Err(ModelError::NoSuchNode(objection.clone()));
                }
                Some(i) if i.kind == InferenceKind::Conflict => {}
                _ => return Err(ModelError::NotAConflict(objection.clone())),
            },
            _ => {}
        }
        let inf = self.inference_mut(id)?;
        let old = match status {
            QuestionStatus::Open => inf.questions.remove(question),
            status => inf.questions.insert(question.to_owned(), status),
        };
        Ok(old.unwrap_or_default())
    }

    fn not_an_inference(&self, id: &str) -> ModelError {
        if self.node(id).is_some() {
            ModelError::NotAnInference(id.to_owned())
        } else {
            ModelError::NoSuchNode(id.to_owned())
        }
    }

    fn inference_mut(&mut self, id: &str) -> Result<&mut super::Inference> {
        let ix = self
            .index_of(id)
            .ok_or_else(|| ModelError::NoSuchNode(id.to_owned()))?;
        match &mut self.graph[ix].data {
            NodeData::Inference(i) => Ok(i),
            NodeData::Statement(_) => Err(ModelError::NotAnInference(id.to_owned())),
        }
    }
}
