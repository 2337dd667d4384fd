//! Id collisions between the two sides. Both branches allocate ids from the
//! same counter, so a statement added on each side is often `s12` twice, with
//! different content. Before merging, every such id on theirs is renamed to
//! a fresh one (and every reference to it rewritten), so independent
//! additions merge instead of conflicting. Identical additions keep their id.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use crate::model::ids::natural_cmp;

/// Fields whose strings are never id references, so renaming leaves them
/// alone even when the words happen to spell an id.
const NOT_REFERENCES: &[&str] = &[
    "text",
    "notes",
    "description",
    "note",
    "title",
    "exact",
    "prefix",
    "suffix",
    "author",
    "date",
    "url",
    "citation",
    "name",
    "path",
    "format",
    "scheme",
    "kind",
    "role",
    "basis",
    "semantics",
    "camera",
    "overlay",
];

/// Every entity of a document that has an id (statements, their evidence,
/// inferences, sources: one namespace), by id.
pub(super) fn entity_ids(doc: &Value) -> HashMap<&str, &Value> {
    let mut out = HashMap::new();
    let list = |key: &str| doc.get(key).and_then(Value::as_array).into_iter().flatten();
    fn id(v: &Value) -> Option<&str> {
        v.get("id").and_then(Value::as_str)
    }
    for st in list("statements") {
        out.extend(id(st).map(|i| (i, st)));
        for ev in st
            .get("evidence")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(id(ev).map(|i| (i, ev)));
        }
    }
    for entity in list("inferences").chain(list("sources")) {
        out.extend(id(entity).map(|i| (i, entity)));
    }
    out
}

/// The document's `next_id` counter (1 when absent).
pub(super) fn next_id(doc: &Value) -> u64 {
    doc.get("next_id").and_then(Value::as_u64).unwrap_or(1)
}

/// Renames, in `theirs`, every id that both sides added (it is not in
/// `base`) with different content, to a fresh id with the same prefix and a
/// number from the higher of the two counters on. Returns the renames (old
/// id → new id) and the counter to continue from.
pub(super) fn rename_collisions(
    base: &Value,
    ours: &Value,
    theirs: &mut Value,
) -> (BTreeMap<String, String>, u64) {
    let mut counter = next_id(ours).max(next_id(theirs)).max(next_id(base));
    let renames = {
        let (b, o, t) = (entity_ids(base), entity_ids(ours), entity_ids(theirs));
        let mut clashes: Vec<&str> = t
            .iter()
            .filter(|(id, v)| !b.contains_key(*id) && o.get(*id).is_some_and(|ov| ov != *v))
            .map(|(id, _)| *id)
            .collect();
        clashes.sort_by(|a, b| natural_cmp(a, b));
        let mut renames = BTreeMap::new();
        if clashes.is_empty() {
            return (renames, counter);
        }
        // Ids handed out by this loop; the three documents' own ids are
        // looked up in their indexes (no copy of every id).
        let mut fresh_ids: HashSet<String> = HashSet::new();
        for old in clashes {
            let prefix = old.trim_end_matches(|c: char| c.is_ascii_digit());
            let fresh = loop {
                let candidate = format!("{prefix}{counter}");
                counter += 1;
                let taken = [&b, &o, &t]
                    .iter()
                    .any(|ids| ids.contains_key(candidate.as_str()));
                if !taken && fresh_ids.insert(candidate.clone()) {
                    break candidate;
                }
            };
            renames.insert(old.to_owned(), fresh);
        }
        renames
    };
    if !renames.is_empty() {
        let lookup: HashMap<&str, &str> = renames
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        rewrite(theirs, None, &lookup);
    }
    (renames, counter)
}

/// Replaces every id reference in `value` (string values outside
/// [`NOT_REFERENCES`], and object keys) found in `renames`.
fn rewrite(value: &mut Value, key: Option<&str>, renames: &HashMap<&str, &str>) {
    match value {
        Value::String(s) => {
            if key.is_none_or(|k| !NOT_REFERENCES.contains(&k))
                && let Some(new) = renames.get(s.as_str())
            {
                *s = (*new).to_owned();
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, key, renames);
            }
        }
        Value::Object(obj) if !obj.keys().any(|k| renames.contains_key(k.as_str())) => {
            // No key is renamed: rewrite the values in place rather than
            // rebuilding the object (most objects of a document).
            for (k, v) in obj.iter_mut() {
                rewrite(v, Some(k), renames);
            }
        }
        Value::Object(obj) => {
            let old = std::mem::take(obj);
            for (k, mut v) in old {
                rewrite(&mut v, Some(&k), renames);
                let k = renames.get(k.as_str()).map_or(k, |n| (*n).to_owned());
                obj.insert(k, v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_clashing_addition_on_theirs_gets_a_fresh_id_and_its_references_follow() {
        let base = json!({"next_id": 3, "statements": [{"id": "s1", "text": "a"}]});
        let ours = json!({"next_id": 4, "statements": [{"id": "s1", "text": "a"}, {"id": "s3", "text": "ours"}]});
        let mut theirs = json!({
            "next_id": 5,
            "statements": [{"id": "s1", "text": "a"}, {"id": "s3", "text": "s3"}],
            "inferences": [{"id": "i4", "premises": ["s3"], "target": "s1"}],
            "evaluation": {"acceptance": {"s3": "accepted"}}
        });
        let (renames, next) = rename_collisions(&base, &ours, &mut theirs);
        assert_eq!(renames.get("s3").map(String::as_str), Some("s5"));
        assert_eq!(next, 6);
        assert_eq!(theirs["statements"][1], json!({"id": "s5", "text": "s3"}));
        assert_eq!(theirs["inferences"][0]["premises"], json!(["s5"]));
        assert_eq!(
            theirs["evaluation"]["acceptance"],
            json!({"s5": "accepted"})
        );
    }

    #[test]
    fn identical_additions_keep_their_id() {
        let base = json!({});
        let ours = json!({"statements": [{"id": "s1", "text": "same"}]});
        let mut theirs = ours.clone();
        let (renames, _) = rename_collisions(&base, &ours, &mut theirs);
        assert!(renames.is_empty());
    }
}
