//! Resolving the merge conflicts a map carries (see
//! [`crate::model::conflict`]): "keep mine", "keep theirs" or an edited
//! value becomes one undoable [`Command`], a batch of the edit that settles
//! the field and [`Command::DropConflict`].

use serde_json::Value;

use super::{Command, Placement, StatementField};
use crate::model::{Inference, Map, MergeConflict, Pos};

/// Which value a conflict is resolved with.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    /// The value on the branch merged into (`ours`).
    Mine,
    /// The value on the branch merged in (`theirs`).
    Theirs,
    /// A value written by hand, as the JSON the native format holds for
    /// the field (a string for text fields).
    Edited(Value),
}

/// Why a conflict cannot be resolved that way.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ResolveError {
    /// No conflict at that index.
    #[error("no merge conflict number {0}")]
    NoSuchConflict(usize),
    /// The value does not fit the field.
    #[error("{what}: {problem}")]
    BadValue {
        /// The conflict, described.
        what: String,
        /// What is wrong with the value.
        problem: String,
    },
    /// This field cannot be set from a conflict; edit the map by hand and
    /// then keep mine.
    #[error("{0}: this cannot be set from here; change it in the map, then choose keep mine")]
    Unsupported(String),
}

/// The command that resolves conflict `index` of `map` with `choice`: the
/// edit that gives the field the chosen value (nothing when it already has
/// it), then [`Command::DropConflict`]; applied as one undo step.
///
/// # Errors
/// [`ResolveError`] when there is no such conflict, the value does not fit
/// the field, or the field is one this cannot set (inference premises and
/// targets, tour steps, map-wide settings): those are resolved by editing
/// the map and then keeping mine.
pub fn resolve(map: &Map, index: usize, choice: Resolution) -> Result<Command, ResolveError> {
    let conflict = map
        .conflicts()
        .get(index)
        .ok_or(ResolveError::NoSuchConflict(index))?;
    let mine = choice == Resolution::Mine;
    let value = match choice {
        Resolution::Mine => conflict.ours.clone(),
        Resolution::Theirs => conflict.theirs.clone(),
        Resolution::Edited(v) => v,
    };
    let mut cmds = vec![Command::DropConflict { index }];
    match settle(map, conflict, value) {
        Ok(edit) => cmds.extend(edit),
        // The map already holds ours: keeping mine needs no edit, even
        // where the field is one this cannot set.
        Err(ResolveError::Unsupported(_)) if mine => {}
        Err(e) => return Err(e),
    }
    Ok(Command::Batch(cmds))
}

/// The edit that gives the conflict's field `value`, if one is needed.
fn settle(map: &Map, c: &MergeConflict, value: Value) -> Result<Option<Command>, ResolveError> {
    let what = c.describe();
    let bad = |problem: String| ResolveError::BadValue {
        what: what.clone(),
        problem,
    };
    let unsupported = || ResolveError::Unsupported(what.clone());
    let string = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| bad("expected text".into()))
    };
    let id = c.id.clone();
    match (c.kind.as_str(), c.field.as_str()) {
        ("statement" | "inference", "") => whole_node(map, c, value),
        ("statement", field) => {
            map.statement(&id).ok_or_else(unsupported)?;
            let field = match field {
                "text" => StatementField::Text(string(&value)?),
                "title" => StatementField::Title(string(&value)?),
                "notes" => StatementField::Notes(string(&value)?),
                "role" => StatementField::Role(parse(&what, value)?),
                "tags" => StatementField::Tags(parse(&what, value)?),
                "pos" | "pinned" => return placement(map, &id, field, value).map(Some),
                _ => return Err(unsupported()),
            };
            Ok(Some(Command::EditStatement { id, field }))
        }
        ("inference", "pos" | "pinned") => placement(map, &id, &c.field, value).map(Some),
        ("inference", "scheme") => Ok(Some(Command::SetScheme {
            inference: id,
            scheme: string(&value)?,
            definition: None,
        })),
        ("inference", field @ ("title" | "description" | "kind")) => {
            let node = map.node(&id).and_then(|n| n.as_inference());
            let mut inference: Inference = node.cloned().ok_or_else(unsupported)?;
            match field {
                "title" => inference.title = string(&value)?,
                "description" => inference.description = string(&value)?,
                _ => inference.kind = parse(&what, value)?,
            }
            Ok(Some(Command::EditInference { id, inference }))
        }
        ("evidence", "") if value.is_null() => Ok(map
            .evidence_location(&id)
            .map(|_| Command::RemoveEvidence { id })),
        ("evidence", field) if !field.is_empty() && !field.contains('.') => {
            let (ix, at) = map.evidence_location(&id).ok_or_else(unsupported)?;
            let current = map
                .node_at(ix)
                .and_then(|n| n.as_statement())
                .and_then(|s| s.evidence.get(at))
                .ok_or_else(unsupported)?;
            let mut json = serde_json::to_value(current).map_err(|e| bad(e.to_string()))?;
            set_field(&mut json, field, value);
            Ok(Some(Command::EditEvidence(parse(&what, json)?)))
        }
        ("source", "text") => Ok(Some(Command::SetSourceText {
            id,
            text: string(&value)?,
        })),
        ("source", field @ ("title" | "author" | "date" | "url")) => {
            let mut source = map.source(&id).cloned().ok_or_else(unsupported)?;
            let text = string(&value)?;
            match field {
                "title" => source.title = text,
                "author" => source.author = text,
                "date" => source.date = text,
                _ => source.url = text,
            }
            Ok(Some(Command::EditSource(source)))
        }
        ("meta", field) if !field.is_empty() && !field.contains('.') => {
            let mut json = serde_json::to_value(map.meta()).map_err(|e| bad(e.to_string()))?;
            set_field(&mut json, field, value);
            Ok(Some(Command::SetMeta(parse(&what, json)?)))
        }
        _ => Err(unsupported()),
    }
}

/// Reads `value` as a `T`.
fn parse<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> Result<T, ResolveError> {
    serde_json::from_value(value).map_err(|e| ResolveError::BadValue {
        what: what.to_owned(),
        problem: e.to_string(),
    })
}

/// Sets (or, for null, removes) one top-level field of a JSON object.
fn set_field(json: &mut Value, field: &str, value: Value) {
    if let Some(obj) = json.as_object_mut() {
        if value.is_null() {
            obj.remove(field);
        } else {
            obj.insert(field.to_owned(), value);
        }
    }
}

/// A whole statement or inference: null removes it; an entity keeps it (or,
/// for an inference the merge dropped, connects it again when its premises
/// and target are there).
fn whole_node(map: &Map, c: &MergeConflict, value: Value) -> Result<Option<Command>, ResolveError> {
    let exists = map.node(&c.id).is_some();
    if value.is_null() {
        return Ok(exists.then(|| Command::Remove {
            ids: vec![c.id.clone()],
        }));
    }
    if exists {
        return Ok(None);
    }
    let strings = |key: &str| -> Vec<String> {
        value
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let target = value.get("target").and_then(Value::as_str);
    let kind = value.get("kind").cloned().map(serde_json::from_value);
    match (c.kind.as_str(), target, kind) {
        ("inference", Some(target), Some(Ok(kind))) => {
            let gone: Vec<String> = strings("premises")
                .into_iter()
                .chain([target.to_owned()])
                .filter(|id| map.node(id).is_none())
                .collect();
            if !gone.is_empty() {
                return Err(ResolveError::BadValue {
                    what: c.describe(),
                    problem: format!(
                        "it connects {}, which the map no longer has",
                        gone.join(", ")
                    ),
                });
            }
            Ok(Some(Command::Connect {
                id: Some(c.id.clone()),
                inference: Inference::new(kind),
                premises: strings("premises"),
                target: target.to_owned(),
            }))
        }
        _ => Err(ResolveError::Unsupported(c.describe())),
    }
}

/// A node's position (`pos`, null for unplaced) or pinned flag.
fn placement(map: &Map, id: &str, field: &str, value: Value) -> Result<Command, ResolveError> {
    let node = map
        .node(id)
        .ok_or_else(|| ResolveError::Unsupported(format!("node '{id}' is gone")))?;
    let bad = |e: serde_json::Error| ResolveError::BadValue {
        what: format!("node '{id}' {field}"),
        problem: e.to_string(),
    };
    let (pos, pinned) = if field == "pos" {
        let pos: Option<Pos> = serde_json::from_value(value).map_err(bad)?;
        (pos, node.pinned)
    } else {
        let pinned: Option<bool> = serde_json::from_value(value).map_err(bad)?;
        (node.pos, pinned.unwrap_or(false))
    };
    Ok(Command::Place(vec![Placement {
        id: id.to_owned(),
        pos,
        pinned,
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Statement;
    use crate::ops::History;

    fn conflicted() -> Map {
        let mut map = Map::new("t");
        crate::ops::apply(
            &mut map,
            Command::AddStatement {
                id: Some("s1".into()),
                statement: Statement::new("Ours."),
                pos: None,
            },
        )
        .unwrap();
        map.insert_conflict(
            0,
            MergeConflict {
                kind: "statement".into(),
                id: "s1".into(),
                field: "text".into(),
                base: Some("Base.".into()),
                ours: "Ours.".into(),
                theirs: "Theirs.".into(),
                note: String::new(),
            },
        );
        map
    }

    #[test]
    fn keep_theirs_sets_the_text_and_undo_brings_the_conflict_back() {
        let mut map = conflicted();
        let before = map.clone();
        let mut history = History::new();
        let cmd = resolve(&map, 0, Resolution::Theirs).unwrap();
        history.apply(&mut map, cmd).unwrap();
        assert_eq!(map.statement("s1").unwrap().text, "Theirs.");
        assert!(map.conflicts().is_empty());
        history.undo(&mut map).unwrap();
        assert_eq!(map, before);
    }

    #[test]
    fn keep_mine_and_edit() {
        let mut map = conflicted();
        let cmd = resolve(&map, 0, Resolution::Mine).unwrap();
        crate::ops::apply(&mut map, cmd).unwrap();
        assert_eq!(map.statement("s1").unwrap().text, "Ours.");
        assert!(map.conflicts().is_empty());
        let mut map = conflicted();
        let cmd = resolve(&map, 0, Resolution::Edited("Both.".into())).unwrap();
        crate::ops::apply(&mut map, cmd).unwrap();
        assert_eq!(map.statement("s1").unwrap().text, "Both.");
        let err = resolve(&map, 0, Resolution::Mine).unwrap_err();
        assert_eq!(err, ResolveError::NoSuchConflict(0));
    }
}
