//! Commands for working with argumentation schemes that need the scheme's
//! definition: raising a critical question as an objection and answering
//! it with a statement. Each builds an ordinary [`Command`] (a `Batch` for
//! raising), so [`super::apply`] and [`super::History`] undo them like any
//! other edit.
//!
//! Raising never draws on the map's id counter: the objection's ids are
//! derived from the inference and question (`i3.trustworthy` for the
//! statement, `i3.trustworthy.raised` for the conflict), so undoing a raise
//! leaves the map exactly as it was, byte for byte when saved.

use super::Command;
use crate::model::ids::is_valid_id;
use crate::model::{
    Catalogue, Inference, InferenceKind, Map, ModelError, QuestionKind, QuestionStatus, Statement,
};

/// The ids a raise will create: the objection statement and the conflict
/// node that carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaiseIds {
    /// The objection statement.
    pub statement: String,
    /// The conflict inference (undercut or undermining).
    pub conflict: String,
}

/// Free ids for raising `question` on `inference`.
pub fn raise_ids(map: &Map, inference: &str, question: &str) -> RaiseIds {
    let base = format!("{inference}.{question}");
    let base = if is_valid_id(&format!("{base}-99.raised")) {
        base
    } else {
        "cq".to_owned()
    };
    let mut n = 1u64;
    loop {
        let statement = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let conflict = format!("{statement}.raised");
        if !map.is_id_used(&statement) && !map.is_id_used(&conflict) {
            return RaiseIds {
                statement,
                conflict,
            };
        }
        n += 1;
    }
}

/// The command that raises critical question `question` of inference
/// `inference` as an objection: a new statement whose text is the question
/// filled in from the bound premises, attacking the inference (an
/// undercut) for exception and assumption questions, or the premise bound
/// to the question's role (an undermining) for premise questions; and the
/// question's status set to raised, linked to the new conflict node.
///
/// Errors when the inference has no known scheme, the scheme has no such
/// question, or a premise question's role has no premise bound.
pub fn raise_question(
    map: &Map,
    catalogue: &Catalogue,
    inference: &str,
    question: &str,
) -> Result<Command, ModelError> {
    let inf = map
        .inference(inference)
        .ok_or_else(|| ModelError::NotAnInference(inference.to_owned()))?;
    let scheme = map
        .scheme_of(inference, catalogue)
        .ok_or_else(|| ModelError::NoSuchScheme(inf.scheme.clone()))?;
    let q = scheme
        .question(question)
        .ok_or_else(|| ModelError::NoSuchSchemePart {
            scheme: scheme.id.clone(),
            what: "critical question",
            id: question.to_owned(),
        })?;
    let target = match q.kind {
        QuestionKind::Premise => map
            .bound_premise(inference, &q.role)
            .ok_or_else(|| ModelError::RoleUnbound {
                inference: inference.to_owned(),
                role: q.role.clone(),
            })?
            .to_owned(),
        QuestionKind::Assumption | QuestionKind::Exception => inference.to_owned(),
    };
    let text = scheme.fill_question(q, &map.bound_texts(inference));
    let ids = raise_ids(map, inference, question);
    Ok(Command::Batch(vec![
        Command::AddStatement {
            id: Some(ids.statement.clone()),
            statement: Statement::new(text),
            pos: None,
        },
        Command::Connect {
            id: Some(ids.conflict.clone()),
            inference: Inference::new(InferenceKind::Conflict),
            premises: vec![ids.statement],
            target,
        },
        Command::SetQuestion {
            inference: inference.to_owned(),
            question: question.to_owned(),
            status: QuestionStatus::Raised {
                objection: ids.conflict,
            },
        },
    ]))
}

/// The command that answers question `question` of inference `inference`
/// with the existing statement `statement`.
pub fn answer_with(inference: &str, question: &str, statement: &str) -> Command {
    Command::SetQuestion {
        inference: inference.to_owned(),
        question: question.to_owned(),
        status: QuestionStatus::Answered {
            by: statement.to_owned(),
        },
    }
}

/// The command that takes back the objection raised for `question` of
/// `inference`: its conflict node, and the objection statement too when
/// that conflict is all the statement takes part in (a statement the
/// analyst has argued about stays). `None` when the question is not raised
/// or its objection is gone.
pub fn withdraw_objection(map: &Map, inference: &str, question: &str) -> Option<Command> {
    let QuestionStatus::Raised { objection } = map.inference(inference)?.question_status(question)
    else {
        return None;
    };
    let ix = map.index_of(&objection)?;
    // Removing the premises removes the conflict with them; removing both
    // in one command would name the conflict twice.
    let premises = map.premises_of(ix);
    let lone: Vec<String> = premises
        .iter()
        .filter(|&&p| map.inferences_from(p).len() == 1 && map.inferences_into(p).is_empty())
        .filter_map(|&p| map.node_at(p).filter(|n| n.is_statement()))
        .map(|n| n.id.clone())
        .collect();
    let ids = if !lone.is_empty() && lone.len() == premises.len() {
        lone
    } else {
        vec![objection]
    };
    Some(Command::Remove { ids })
}

/// The command that answers `question` of `inference` with the existing
/// statement `statement`, as one undo step; a raised question's objection
/// is withdrawn first ([`withdraw_objection`]), since the answer replaces it.
pub fn answer_question(map: &Map, inference: &str, question: &str, statement: &str) -> Command {
    let answer = answer_with(inference, question, statement);
    match withdraw_objection(map, inference, question) {
        // Status first: undoing restores the objection before the status
        // that links to it (a batch undoes in reverse).
        Some(withdraw) => Command::Batch(vec![answer, withdraw]),
        None => answer,
    }
}

/// The command that answers `question` of `inference` with a new
/// statement of text `text`, and the new statement's id
/// (`{inference}.{question}.answer`, numbered when taken). Like
/// [`answer_question`], it withdraws a raised question's objection.
pub fn answer_with_new(
    map: &Map,
    inference: &str,
    question: &str,
    text: impl Into<String>,
) -> (Command, String) {
    let base = format!("{inference}.{question}.answer");
    let base = if is_valid_id(&format!("{base}-99")) {
        base
    } else {
        "answer".to_owned()
    };
    let id = (1u64..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !map.is_id_used(id))
        .unwrap_or(base);
    let mut steps = vec![
        Command::AddStatement {
            id: Some(id.clone()),
            statement: Statement::new(text),
            pos: None,
        },
        answer_with(inference, question, &id),
    ];
    steps.extend(withdraw_objection(map, inference, question));
    (Command::Batch(steps), id)
}

/// The command that dismisses `question` of `inference` with `note`,
/// withdrawing its objection if it was raised, as one undo step.
pub fn dismiss_question(map: &Map, inference: &str, question: &str, note: &str) -> Command {
    let set = dismiss(inference, question, note);
    match withdraw_objection(map, inference, question) {
        Some(withdraw) => Command::Batch(vec![set, withdraw]),
        None => set,
    }
}

/// The command that sets `question` of `inference` back to open,
/// withdrawing its objection if it was raised.
pub fn reopen(map: &Map, inference: &str, question: &str) -> Command {
    let open = Command::SetQuestion {
        inference: inference.to_owned(),
        question: question.to_owned(),
        status: QuestionStatus::Open,
    };
    match withdraw_objection(map, inference, question) {
        Some(withdraw) => Command::Batch(vec![open, withdraw]),
        None => open,
    }
}

/// The command that dismisses question `question` with `note`.
pub fn dismiss(inference: &str, question: &str, note: impl Into<String>) -> Command {
    Command::SetQuestion {
        inference: inference.to_owned(),
        question: question.to_owned(),
        status: QuestionStatus::Dismissed { note: note.into() },
    }
}

/// The command that gives inference `inference` the catalogue scheme
/// `scheme_id`. A scheme from `catalogue` that the bundled catalogue does
/// not hold (or holds differently) is kept in the map as well.
pub fn set_scheme(
    map: &Map,
    catalogue: &Catalogue,
    inference: &str,
    scheme_id: &str,
) -> Result<Command, ModelError> {
    let def = map
        .resolve_scheme(scheme_id, catalogue)
        .ok_or_else(|| ModelError::NoSuchScheme(scheme_id.to_owned()))?;
    let bundled = crate::io::schemes::bundled().get(scheme_id);
    let embedded = map.embedded_scheme(scheme_id);
    let definition = (bundled != Some(def) && embedded != Some(def)).then(|| Box::new(def.clone()));
    Ok(Command::SetScheme {
        inference: inference.to_owned(),
        scheme: scheme_id.to_owned(),
        definition,
    })
}

#[cfg(test)]
#[path = "schemes_tests.rs"]
mod tests;
