//! Three-way merge of map files by entity id, for `argmap merge-driver`
//! (git's custom merge driver, gitattributes(5)).
//!
//! The merge works on the JSON of the native document
//! ([`crate::io::native::to_merge_value`]) rather than on the model: there
//! every entity is an object with an `id` and every field a key, so "by id,
//! field by field" is one generic walk ([`entities`]) that also covers
//! fields other features add to the format later, and the result is checked
//! by the same loader as any file. Each side is first read with the normal
//! loader, so older schema versions are migrated and the three documents
//! have one shape.
//!
//! Steps: ids both sides allocated for different things are renamed on
//! theirs ([`ids`]); the documents merge ([`entities`], text through
//! `diffy`, [`text`]); dangling references are repaired and quotes
//! re-anchored on merged source texts ([`integrity`]); the conflicts are
//! appended to the map's `conflicts` list (schema 6) and the document is
//! read back as a [`Map`]. The result is always a valid map.

mod entities;
mod ids;
mod integrity;
mod text;

use std::collections::BTreeMap;

use serde_json::{Map as JsonObject, Value};

use crate::io::native::{self, LoadOptions, SourceFiles};
use crate::model::{Map, MergeConflict};
use entities::{Merger, Place};

/// The outcome of a merge.
#[derive(Debug)]
pub struct Merged {
    /// The merged map, always valid; its `conflicts` hold the unresolved
    /// conflicts of the inputs and the new ones.
    pub map: Map,
    /// The conflicts this merge found (also in `map.conflicts()`); empty
    /// when the merge is clean.
    pub conflicts: Vec<MergeConflict>,
    /// Ids added on both sides for different things, renamed on theirs:
    /// old id → new id.
    pub renamed: BTreeMap<String, String>,
}

impl Merged {
    /// Whether the merge found no conflict.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs`, both changed from `base` (`None` when the
/// two have no common ancestor: everything is an addition). Sources whose
/// merged text matches the file at their `path` (read through `files`) stay
/// in that file; others are written inline.
pub fn merge_maps(base: Option<&Map>, ours: &Map, theirs: &Map, files: &dyn SourceFiles) -> Merged {
    // The three conversions are independent: run them side by side.
    let (b, o, mut t) = std::thread::scope(|s| {
        let b = s.spawn(|| {
            base.map_or_else(|| Value::Object(JsonObject::new()), native::to_merge_value)
        });
        let t = s.spawn(|| native::to_merge_value(theirs));
        let o = native::to_merge_value(ours);
        (join(b), o, join(t))
    });
    let (renamed, counter) = ids::rename_collisions(&b, &o, &mut t);
    let mut merger = Merger::default();
    let mut merged = merge_doc(&b, &o, &t, &mut merger);
    integrity::repair(&mut merged, &o, &t, &mut merger);
    integrity::reanchor(&mut merged, &o, &t);
    let next = counter.max(ids::next_id(&o)).max(ids::next_id(&t));
    merged["next_id"] = Value::from(next);
    let mut all: Vec<MergeConflict> = ours.conflicts().to_vec();
    for c in theirs.conflicts() {
        if !all.contains(c) {
            all.push(c.clone());
        }
    }
    all.extend(merger.conflicts.iter().cloned());
    merged["conflicts"] = serde_json::to_value(&all).unwrap_or(Value::Array(Vec::new()));
    settle_source_paths(&mut merged, files);
    let map = native::from_merge_value(merged, &LoadOptions { sources: files })
        .map(|loaded| loaded.map)
        .map_err(|e| e.to_string());
    let (map, conflicts) = match map {
        Ok(map) => (map, merger.conflicts),
        Err(problem) => fallback(ours, &t, &problem),
    };
    Merged {
        map,
        conflicts,
        renamed,
    }
}

/// Which input of a merge could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the {side} version is not a map: {problem}")]
pub struct InputError {
    /// `ancestor`, `our` or `their`.
    pub side: &'static str,
    /// Why it could not be read (with line and column).
    pub problem: String,
}

/// The merged file's text and what the merge found.
#[derive(Debug)]
pub struct MergedText {
    /// The merged map in canonical native form, ready to write to `path`.
    pub text: String,
    /// The merge itself.
    pub merged: Merged,
}

/// Merges three native-format texts as the merge driver does: `base` is
/// the ancestor's text (empty or only whitespace when there is none), and
/// `path` is where the result will live (sources kept in files are found
/// through `files` and stay there when their merged text matches).
///
/// # Errors
/// [`InputError`] naming the side whose text is not a valid map.
pub fn merge_texts(
    base: &str,
    ours: &str,
    theirs: &str,
    files: &(dyn SourceFiles + Sync),
    path: &std::path::Path,
) -> Result<MergedText, InputError> {
    let load = |side: &'static str, text: &str| {
        native::from_str(text, &LoadOptions { sources: files })
            .map(|l| l.map)
            .map_err(|e| InputError {
                side,
                problem: e.to_string(),
            })
    };
    // The three files are read side by side.
    let (base, ours, theirs) = std::thread::scope(|s| {
        let b = s.spawn(|| {
            (!base.trim().is_empty())
                .then(|| load("ancestor", base))
                .transpose()
        });
        let t = s.spawn(|| load("their", theirs));
        let o = load("our", ours);
        (join(b), o, join(t))
    });
    let (base, ours, theirs) = (base?, ours?, theirs?);
    let merged = merge_maps(base.as_ref(), &ours, &theirs, files);
    let text = native::text_for_path(&merged.map, path);
    Ok(MergedText { text, merged })
}

/// The result of a scoped thread; a panic in it is passed on (the
/// driver catches panics at its edge).
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// When the merged document does not load (a combination of edits the
/// repairs do not cover), the result is ours with one conflict holding
/// theirs whole, so nothing is lost and the map stays valid.
fn fallback(ours: &Map, theirs: &Value, problem: &str) -> (Map, Vec<MergeConflict>) {
    let mut map = ours.clone();
    let conflict = MergeConflict {
        kind: "map".into(),
        id: String::new(),
        field: String::new(),
        base: None,
        ours: Value::Null,
        theirs: theirs.clone(),
        note: format!(
            "the two versions could not be combined into a valid map ({problem}); ours is kept and theirs is stored here whole"
        ),
    };
    map.insert_conflict(usize::MAX, conflict.clone());
    (map, vec![conflict])
}

/// A source that has both a `path` and a `text` keeps the path when the
/// file there holds exactly the text, and the text otherwise.
fn settle_source_paths(merged: &mut Value, files: &dyn SourceFiles) {
    let Some(sources) = merged.get_mut("sources").and_then(Value::as_array_mut) else {
        return;
    };
    for source in sources.iter_mut().filter_map(Value::as_object_mut) {
        let (Some(path), Some(text)) = (
            source.get("path").and_then(Value::as_str),
            source.get("text").and_then(Value::as_str),
        ) else {
            continue;
        };
        let key = if files.read(path).ok().as_deref() == Some(text) {
            "text"
        } else {
            "path"
        };
        source.remove(key);
    }
}

/// The entity lists of the native document: key, entity kind, id field.
const ENTITY_LISTS: &[(&str, &str, &str)] = &[
    ("statements", "statement", "id"),
    ("inferences", "inference", "id"),
    ("sources", "source", "id"),
    ("schemes", "scheme", "id"),
    ("tours", "tour", "name"),
];

/// The items of a JSON list (none when absent or not a list).
fn as_slice(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Merges the top level of three documents.
fn merge_doc(b: &Value, o: &Value, t: &Value, merger: &mut Merger) -> Value {
    let none = JsonObject::new();
    let (bo, oo, to) = (
        b.as_object().unwrap_or(&none),
        o.as_object().unwrap_or(&none),
        t.as_object().unwrap_or(&none),
    );
    let mut out = JsonObject::new();
    let keys: Vec<&String> = oo
        .keys()
        .chain(to.keys().filter(|k| !oo.contains_key(*k)))
        .collect();
    for key in keys {
        let (bv, ov, tv) = (bo.get(key), oo.get(key), to.get(key));
        let merged = match key.as_str() {
            "format" | "schema_version" | "conflicts" | "next_id" => ov.cloned(),
            k => {
                if let Some((_, kind, id_key)) = ENTITY_LISTS.iter().find(|(l, ..)| *l == k) {
                    Some(Value::Array(merger.entities(
                        kind,
                        id_key,
                        as_slice(bv),
                        as_slice(ov),
                        as_slice(tv),
                    )))
                } else {
                    // `meta`, `evaluation`, `view`: one map-wide entity each.
                    let at = Place {
                        kind: k,
                        id: "",
                        field: String::new(),
                    };
                    merger.value(&at, k, bv, ov, tv)
                }
            }
        };
        if let Some(v) = merged {
            out.insert(key.clone(), v);
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests;
