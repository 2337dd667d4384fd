//! The three-way merge of one native document's JSON: entity lists by id,
//! entities field by field, text fields through [`super::text`].
//!
//! Rules for one value with base `b`, ours `o` and theirs `t` (each may be
//! absent): equal sides win; a side equal to the base yields the other
//! (that is how additions, deletions and one-sided edits go through);
//! otherwise the two changes meet: objects recurse key by key, entity lists
//! recurse by id, tag and fold lists merge as sets, text fields go through a
//! line-wise three-way text merge, and anything else is a conflict that
//! keeps ours and records both in the [`MergeConflict`] list.

use std::collections::HashMap;

use serde_json::{Map as JsonObject, Value};

use crate::model::MergeConflict;

/// Fields whose string values are free text, merged line by line.
pub(super) const TEXT_FIELDS: &[&str] = &["text", "notes", "description", "note"];

/// Fields whose object values are atomic: a position is one value, not an
/// `x` and a `y` that could merge apart; so are anchors and tour foci.
const ATOMIC_FIELDS: &[&str] = &["pos", "anchor", "focus"];

/// Fields holding unordered lists of strings (merged as sets).
const SET_FIELDS: &[&str] = &["tags", "folded"];

/// Collects the conflicts of one merge.
#[derive(Debug, Default)]
pub(super) struct Merger {
    /// Conflicts found so far, in document order.
    pub conflicts: Vec<MergeConflict>,
}

/// Where a value sits: the entity kind and id, and the dotted field path
/// inside the entity (empty for the whole entity).
#[derive(Clone, Debug)]
pub(super) struct Place<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub field: String,
}

impl Place<'_> {
    fn child(&self, key: &str) -> Place<'_> {
        let field = if self.field.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.field)
        };
        Place {
            kind: self.kind,
            id: self.id,
            field,
        }
    }
}

impl Merger {
    fn conflict(
        &mut self,
        at: &Place,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
        note: &str,
    ) {
        self.conflicts.push(MergeConflict {
            kind: at.kind.to_owned(),
            id: at.id.to_owned(),
            field: at.field.clone(),
            base: b.cloned(),
            ours: o.cloned().unwrap_or(Value::Null),
            theirs: t.cloned().unwrap_or(Value::Null),
            note: note.to_owned(),
        });
    }

    /// Merges one value; `None` means absent in the result.
    pub(super) fn value(
        &mut self,
        at: &Place,
        key: &str,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if o == t {
            return o.cloned();
        }
        if b == o {
            return t.cloned();
        }
        if b == t {
            return o.cloned();
        }
        match (o, t) {
            // Both sides moved the same quote (each re-anchored it on its
            // own source text): the quote is the same, and the merge
            // re-anchors it on the merged text afterwards.
            (Some(Value::Object(om)), Some(Value::Object(tm)))
                if key == "anchor"
                    && om.get("source") == tm.get("source")
                    && om.get("exact") == tm.get("exact") =>
            {
                o.cloned()
            }
            (Some(Value::Object(om)), Some(Value::Object(tm))) if !ATOMIC_FIELDS.contains(&key) => {
                let bm = b.and_then(Value::as_object);
                Some(Value::Object(self.fields(at, bm, om, tm)))
            }
            (Some(Value::Array(oa)), Some(Value::Array(ta))) if key == "evidence" => {
                let ba = b.and_then(Value::as_array).map(Vec::as_slice);
                Some(Value::Array(self.entities(
                    "evidence",
                    "id",
                    ba.unwrap_or(&[]),
                    oa,
                    ta,
                )))
            }
            (Some(Value::Array(oa)), Some(Value::Array(ta))) if SET_FIELDS.contains(&key) => {
                let ba = b.and_then(Value::as_array).map(Vec::as_slice);
                Some(Value::Array(set_merge(ba.unwrap_or(&[]), oa, ta)))
            }
            (Some(Value::String(os)), Some(Value::String(ts))) if TEXT_FIELDS.contains(&key) => {
                let bs = b.and_then(Value::as_str).unwrap_or("");
                match super::text::merge(bs, os, ts) {
                    Ok(merged) => Some(Value::String(merged)),
                    Err(()) => {
                        self.conflict(at, b, o, t, "");
                        o.cloned()
                    }
                }
            }
            _ => {
                self.conflict(at, b, o, t, "");
                o.cloned()
            }
        }
    }

    /// Merges two objects key by key (ours' key order, then keys only
    /// theirs has).
    pub(super) fn fields(
        &mut self,
        at: &Place,
        b: Option<&JsonObject<String, Value>>,
        o: &JsonObject<String, Value>,
        t: &JsonObject<String, Value>,
    ) -> JsonObject<String, Value> {
        let mut out = JsonObject::new();
        let keys = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
        let keys: Vec<&String> = keys
            .chain(
                b.into_iter()
                    .flat_map(|b| b.keys())
                    .filter(|k| !o.contains_key(*k) && !t.contains_key(*k)),
            )
            .collect();
        for key in keys {
            let child = at.child(key);
            let bv = b.and_then(|b| b.get(key));
            if let Some(v) = self.value(&child, key, bv, o.get(key), t.get(key)) {
                out.insert(key.clone(), v);
            }
        }
        out
    }

    /// Merges two lists of entities keyed by the string field `key` (`id`,
    /// or `name` for tours). The result keeps ours' order, then entities
    /// only theirs has, in their order.
    pub(super) fn entities<'a>(
        &mut self,
        kind: &str,
        key: &str,
        b: &'a [Value],
        o: &'a [Value],
        t: &'a [Value],
    ) -> Vec<Value> {
        fn index<'v>(list: &'v [Value], key: &str) -> HashMap<&'v str, &'v Value> {
            list.iter()
                .filter_map(|v| v.get(key).and_then(Value::as_str).map(|id| (id, v)))
                .collect()
        }
        let (bi, oi, ti) = (index(b, key), index(o, key), index(t, key));
        let id_of = |v: &'a Value| v.get(key).and_then(Value::as_str);
        let mut order: Vec<&str> = o.iter().filter_map(id_of).collect();
        order.extend(t.iter().filter_map(id_of).filter(|id| !oi.contains_key(id)));
        let mut out = Vec::with_capacity(order.len());
        for id in &order {
            let (bv, ov, tv) = (
                bi.get(id).copied(),
                oi.get(id).copied(),
                ti.get(id).copied(),
            );
            let at = Place {
                kind,
                id,
                field: String::new(),
            };
            let merged = match (ov, tv) {
                _ if ov == tv => ov.cloned(),
                _ if bv == ov => tv.cloned(),
                _ if bv == tv => ov.cloned(),
                (Some(Value::Object(om)), Some(Value::Object(tm))) => {
                    let bm = bv.and_then(Value::as_object);
                    Some(Value::Object(self.fields(&at, bm, om, tm)))
                }
                (Some(_), None) | (None, Some(_)) => {
                    // Deleted on one side, changed on the other: keep the
                    // changed entity, so nothing anyone wrote is lost.
                    self.conflict(
                        &at,
                        bv,
                        ov,
                        tv,
                        "deleted on one side and changed on the other; the changed one is kept",
                    );
                    ov.or(tv).cloned()
                }
                _ => {
                    self.conflict(&at, bv, ov, tv, "");
                    ov.cloned()
                }
            };
            out.extend(merged);
        }
        out
    }
}

/// Three-way merge of lists used as sets: ours' order, then what theirs
/// added; anything either side removed from the base stays removed.
fn set_merge(b: &[Value], o: &[Value], t: &[Value]) -> Vec<Value> {
    let removed = |v: &Value| b.contains(v) && (!o.contains(v) || !t.contains(v));
    let mut out: Vec<Value> = o.iter().filter(|v| !removed(v)).cloned().collect();
    for v in t {
        if !removed(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}
