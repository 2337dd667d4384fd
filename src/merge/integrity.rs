//! Referential integrity of a merged document, before it is read back as a
//! map: what one side deleted while the other pointed at it.
//!
//! - An inference whose target is gone, or whose every premise is gone, is
//!   dropped (with what pointed at it, in turn); one that lost only some
//!   premises keeps the rest. Each is recorded as a conflict and reported.
//! - Evidence quoting a deleted source loses its anchor (recorded).
//! - Tour steps, role bindings, evaluation inputs and folds forget nodes
//!   that are gone, as deleting a node in the app does.
//! - Quotes on a source whose text the merge changed are re-anchored on the
//!   merged text, with [`crate::model::anchoring::reanchor`] (what editing a
//!   source's text in the app does).

use std::collections::HashSet;

use serde_json::Value;

use super::entities::Merger;
use crate::model::{Anchor, MergeConflict, anchoring};

fn list<'a>(doc: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    doc.get(key).and_then(Value::as_array).into_iter().flatten()
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The entity with `id` in `doc`'s list `key`, or JSON null.
fn find(doc: &Value, key: &str, id: &str) -> Value {
    list(doc, key)
        .find(|v| id_of(v) == id)
        .cloned()
        .unwrap_or(Value::Null)
}

/// Repairs `merged` (see the module documentation), recording what it
/// dropped in `merger` with ours' and theirs' versions.
pub(super) fn repair(merged: &mut Value, ours: &Value, theirs: &Value, merger: &mut Merger) {
    drop_dangling_inferences(merged, ours, theirs, merger);
    let nodes: HashSet<String> = list(merged, "statements")
        .chain(list(merged, "inferences"))
        .map(|v| id_of(v).to_owned())
        .collect();
    let statements: HashSet<String> = list(merged, "statements")
        .map(|v| id_of(v).to_owned())
        .collect();
    drop_dangling_anchors(merged, merger);
    forget_in_tours(merged, &nodes);
    if let Some(eval) = merged.get_mut("evaluation").and_then(Value::as_object_mut) {
        for key in ["acceptance", "base_scores"] {
            if let Some(table) = eval.get_mut(key).and_then(Value::as_object_mut) {
                table.retain(|id, _| statements.contains(id));
            }
        }
    }
    if let Some(folded) = merged
        .pointer_mut("/view/folded")
        .and_then(Value::as_array_mut)
    {
        folded.retain(|id| id.as_str().is_some_and(|id| nodes.contains(id)));
    }
}

/// Drops inferences pointing at nothing, until none is left (dropping one
/// can leave an undercut of it dangling).
fn drop_dangling_inferences(merged: &mut Value, ours: &Value, theirs: &Value, merger: &mut Merger) {
    loop {
        let nodes: HashSet<String> = list(merged, "statements")
            .chain(list(merged, "inferences"))
            .map(|v| id_of(v).to_owned())
            .collect();
        let Some(infs) = merged.get_mut("inferences").and_then(Value::as_array_mut) else {
            return;
        };
        let mut changed = false;
        let mut kept = Vec::with_capacity(infs.len());
        for mut inf in std::mem::take(infs) {
            let id = id_of(&inf).to_owned();
            let target = inf.get("target").and_then(Value::as_str).unwrap_or("");
            let target_gone = !nodes.contains(target);
            let target = target.to_owned();
            let premises: Vec<Value> = inf
                .get("premises")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let (live, gone): (Vec<Value>, Vec<Value>) = premises
                .into_iter()
                .partition(|p| p.as_str().is_some_and(|p| nodes.contains(p) && p != id));
            let record = |note: String, field: &str| MergeConflict {
                kind: "inference".into(),
                id: id.clone(),
                field: field.into(),
                base: None,
                ours: find(ours, "inferences", &id),
                theirs: find(theirs, "inferences", &id),
                note,
            };
            if target_gone || live.is_empty() {
                let why = if target_gone {
                    format!("its target '{target}' was deleted on the other side")
                } else {
                    "every premise was deleted on the other side".to_owned()
                };
                merger.conflicts.push(record(format!("dropped: {why}"), ""));
                changed = true;
                continue;
            }
            if !gone.is_empty() {
                let names: Vec<&str> = gone.iter().filter_map(Value::as_str).collect();
                merger.conflicts.push(record(
                    format!(
                        "premises {} were deleted on the other side and were taken off",
                        names.join(", ")
                    ),
                    "premises",
                ));
                if let Some(roles) = inf.get_mut("roles").and_then(Value::as_object_mut) {
                    roles.retain(|_, p| live.contains(p));
                }
                inf["premises"] = Value::Array(live);
                changed = true;
            }
            kept.push(inf);
        }
        *infs = kept;
        if !changed {
            return;
        }
    }
}

/// Takes the anchor off evidence that quotes a source no longer there.
fn drop_dangling_anchors(merged: &mut Value, merger: &mut Merger) {
    let sources: HashSet<String> = list(merged, "sources")
        .map(|v| id_of(v).to_owned())
        .collect();
    let Some(statements) = merged.get_mut("statements").and_then(Value::as_array_mut) else {
        return;
    };
    for st in statements {
        let Some(evidence) = st.get_mut("evidence").and_then(Value::as_array_mut) else {
            continue;
        };
        for ev in evidence {
            let source = ev.pointer("/anchor/source").and_then(Value::as_str);
            if source.is_some_and(|s| !sources.contains(s))
                && let Some(obj) = ev.as_object_mut()
            {
                let anchor = obj.remove("anchor").unwrap_or(Value::Null);
                merger.conflicts.push(MergeConflict {
                    kind: "evidence".into(),
                    id: obj.get("id").and_then(Value::as_str).unwrap_or("").into(),
                    field: "anchor".into(),
                    base: None,
                    ours: anchor.clone(),
                    theirs: anchor,
                    note: "its source was deleted on the other side; the anchor was taken off"
                        .into(),
                });
            }
        }
    }
}

/// Removes nodes that are gone from every tour step.
fn forget_in_tours(merged: &mut Value, nodes: &HashSet<String>) {
    let Some(tours) = merged.get_mut("tours").and_then(Value::as_array_mut) else {
        return;
    };
    let live = |v: &Value| v.as_str().is_some_and(|id| nodes.contains(id));
    for step in tours
        .iter_mut()
        .filter_map(|t| t.get_mut("steps").and_then(Value::as_array_mut))
        .flatten()
    {
        let Some(obj) = step.as_object_mut() else {
            continue;
        };
        for key in ["reveal", "highlight"] {
            if let Some(ids) = obj.get_mut(key).and_then(Value::as_array_mut) {
                ids.retain(live);
            }
        }
        if obj
            .get("focus")
            .and_then(|f| f.get("node"))
            .is_some_and(|n| !live(n))
        {
            obj.remove("focus");
        }
    }
}

/// Re-anchors every quote on a source whose merged text differs from ours
/// or theirs: its offsets were counted in a text that is no longer there.
/// Quotes still found at their offsets stay as they are.
pub(super) fn reanchor(merged: &mut Value, ours: &Value, theirs: &Value) {
    let text_of = |doc: &Value, id: &str| -> Option<String> {
        list(doc, "sources")
            .find(|s| id_of(s) == id)
            .and_then(|s| s.get("text"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let changed: Vec<(String, String)> = list(merged, "sources")
        .filter_map(|s| {
            let id = id_of(s);
            let text = s.get("text").and_then(Value::as_str)?;
            let differs = |doc: &Value| text_of(doc, id).as_deref() != Some(text);
            (differs(ours) || differs(theirs)).then(|| (id.to_owned(), text.to_owned()))
        })
        .collect();
    if changed.is_empty() {
        return;
    }
    let Some(statements) = merged.get_mut("statements").and_then(Value::as_array_mut) else {
        return;
    };
    for ev in statements
        .iter_mut()
        .filter_map(|st| st.get_mut("evidence").and_then(Value::as_array_mut))
        .flatten()
    {
        let Some(slot) = ev.get_mut("anchor") else {
            continue;
        };
        let Ok(old) = serde_json::from_value::<Anchor>(slot.clone()) else {
            continue;
        };
        let Some((_, text)) = changed.iter().find(|(id, _)| *id == old.source) else {
            continue;
        };
        let span = match anchoring::reanchor(&old, text) {
            anchoring::Reanchored::Unchanged => Some((old.start, old.end)),
            anchoring::Reanchored::Moved { start, end }
            | anchoring::Reanchored::Fuzzy { start, end, .. } => Some((start, end)),
            anchoring::Reanchored::Orphaned => None,
        };
        let new = span
            .and_then(|(s, e)| Anchor::from_range(&old.source, text, s, e))
            .unwrap_or_else(|| {
                let chars = text.chars().count();
                Anchor {
                    orphaned: true,
                    start: old.start.min(chars),
                    end: old.end.min(chars),
                    ..old.clone()
                }
            });
        if let Ok(v) = serde_json::to_value(&new) {
            *slot = v;
        }
    }
}
