//! SADFace JSON import (Simple Argument Description Format,
//! <https://github.com/Open-Argumentation/SADFace>; the shape read here is
//! its documented example `examples/hangback/data.json`).
//!
//! - `nodes` of `type: "atom"` become statements (`text`); their
//!   `metadata` is kept in the notes, one `key: value` line per entry
//!   (values as compact JSON, keys sorted).
//! - `nodes` of `type: "scheme"` become inferences: `name` `support`,
//!   `attack` (conflict) or `rephrase` sets the kind; any other name (a
//!   scheme such as "Argument from Expert Opinion") is a support with that
//!   scheme. Their metadata goes to the description. `preference` has no
//!   place in the model and is reported.
//! - `edges` (`source_id` → `target_id`): into a scheme, a premise; out of
//!   it, its target (a scheme as target is an undercut).
//! - `metadata.core`: `title`, `description`, `analyst_name` (author) and
//!   `created` fill the map's metadata; its `notes` and every other core
//!   key are kept in the description. `resources` are reported, not read.
//!
//! Problems are warnings with the JSON path of the item; a document that
//! is not JSON, or has no `nodes` list, is an error.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{Inference, InferenceKind, Map, MapMeta, Statement, ids::is_valid_id};

/// SADFace files larger than this are refused, in bytes.
pub const MAX_SADFACE_BYTES: usize = 64 * 1024 * 1024;

/// Whether `value` looks like a SADFace document: a `nodes` list whose
/// entries have `type` `atom` or `scheme`, or `edges` with `source_id`.
pub fn looks_like_sadface(value: &Value) -> bool {
    let typed = value
        .get("nodes")
        .and_then(Value::as_array)
        .is_some_and(|nodes| {
            nodes.iter().any(|n| {
                matches!(
                    n.get("type").and_then(Value::as_str),
                    Some("atom" | "scheme")
                )
            })
        });
    let edges = value
        .get("edges")
        .and_then(Value::as_array)
        .is_some_and(|e| e.iter().any(|e| e.get("source_id").is_some()));
    typed || edges
}

fn at(path: String) -> Option<Location> {
    Some(Location {
        json_path: Some(path),
        ..Location::default()
    })
}

fn compact(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Metadata as `key: value` lines, keys sorted.
fn meta_lines(meta: Option<&Value>) -> Vec<String> {
    let Some(Value::Object(obj)) = meta else {
        return Vec::new();
    };
    let sorted: BTreeMap<&String, &Value> = obj.iter().collect();
    sorted
        .into_iter()
        .filter(|(_, v)| {
            !v.is_null() && v.as_str() != Some("") && v.as_object().is_none_or(|o| !o.is_empty())
        })
        .map(|(k, v)| format!("{k}: {}", compact(v)))
        .collect()
}

/// Imports SADFace JSON `text`.
///
/// # Errors
/// [`LoadErrorKind::TooLarge`], [`LoadErrorKind::Syntax`] for text that
/// is not JSON, [`LoadErrorKind::Invalid`] when there is no `nodes` list.
pub fn import(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_SADFACE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_SADFACE_BYTES as u64,
        }));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let mut err = LoadError::new(LoadErrorKind::Syntax(e.to_string()));
        err.at.line = Some(e.line());
        err.at.column = Some(e.column());
        err
    })?;
    let Some(nodes) = value.get("nodes").and_then(Value::as_array) else {
        return Err(LoadError::new(LoadErrorKind::Invalid(
            "a SADFace document needs a \"nodes\" list".into(),
        )));
    };
    let mut warnings = Vec::new();
    let mut map = Map::new("Imported SADFace");
    meta(&value, &mut map);
    // SADFace id → map id.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut schemes: Vec<(usize, &Value, String)> = Vec::new();
    let mut next = 1;
    let mut fresh = |map: &Map, wanted: &str, prefix: char| {
        if is_valid_id(wanted) && !map.is_id_used(wanted) {
            return wanted.to_owned();
        }
        loop {
            let id = format!("{prefix}{next}");
            next += 1;
            if !map.is_id_used(&id) {
                return id;
            }
        }
    };
    for (k, node) in nodes.iter().enumerate() {
        let path = format!("nodes[{k}]");
        let sid = node.get("id").map(compact).unwrap_or_default();
        match node.get("type").and_then(Value::as_str) {
            Some("atom") => {
                let text = node.get("text").map(compact).unwrap_or_default();
                if text.trim().is_empty() {
                    warnings.push(Warning {
                        at: at(path),
                        message: "an atom with no text; ignored".into(),
                    });
                    continue;
                }
                let st = Statement {
                    text,
                    notes: meta_lines(node.get("metadata")).join("\n"),
                    ..Statement::default()
                };
                let id = fresh(&map, &sid, 's');
                match map.add_statement(&id, st, None, false) {
                    Ok(_) => {
                        ids.insert(sid, id);
                    }
                    Err(e) => warnings.push(Warning {
                        at: at(path),
                        message: format!("atom not kept: {e}"),
                    }),
                }
            }
            Some("scheme") => {
                let id = fresh(&map, &sid, 'i');
                // Reserve the id until the scheme is added.
                ids.insert(sid, id.clone());
                schemes.push((k, node, id));
            }
            other => warnings.push(Warning {
                at: at(path),
                message: format!(
                    "a node of type {}; only \"atom\" and \"scheme\" are read",
                    other.map_or_else(|| "(none)".to_owned(), |t| format!("\"{t}\""))
                ),
            }),
        }
    }
    // Premises and target of each scheme.
    let mut premises: HashMap<String, Vec<String>> = HashMap::new();
    let mut targets: HashMap<String, Vec<String>> = HashMap::new();
    let scheme_ids: HashMap<String, String> = schemes
        .iter()
        .filter_map(|(_, n, id)| Some((n.get("id")?.as_str()?.to_owned(), id.clone())))
        .collect();
    for (k, e) in value
        .get("edges")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let (Some(s), Some(t)) = (
            e.get("source_id").and_then(Value::as_str),
            e.get("target_id").and_then(Value::as_str),
        ) else {
            warnings.push(Warning {
                at: at(format!("edges[{k}]")),
                message: "an edge without source_id and target_id; ignored".into(),
            });
            continue;
        };
        if scheme_ids.contains_key(s) {
            // Out of a scheme: its target (a scheme for an undercut).
            targets.entry(s.to_owned()).or_default().push(t.to_owned());
        } else if scheme_ids.contains_key(t) {
            premises.entry(t.to_owned()).or_default().push(s.to_owned());
        } else {
            warnings.push(Warning {
                at: at(format!("edges[{k}]")),
                message: format!("an edge {s} → {t} touches no scheme; ignored"),
            });
        }
    }
    // Schemes whose target is another scheme go after it.
    let mut pending = schemes;
    let mut progress = true;
    while progress && !pending.is_empty() {
        progress = false;
        let mut later = Vec::new();
        for (k, node, id) in pending {
            let sid = node.get("id").and_then(Value::as_str).unwrap_or("");
            let target = targets.get(sid).and_then(|t| t.first()).cloned();
            let target_ready = target.as_ref().is_none_or(|t| {
                !scheme_ids.contains_key(t)
                    || ids.get(t).is_some_and(|id| map.index_of(id).is_some())
            });
            if !target_ready {
                later.push((k, node, id));
                continue;
            }
            progress = true;
            let path = format!("nodes[{k}]");
            let name = node.get("name").map(compact).unwrap_or_default();
            let (kind, scheme) = match name.trim().to_lowercase().as_str() {
                "support" | "" => (InferenceKind::Support, String::new()),
                "attack" | "conflict" => (InferenceKind::Conflict, String::new()),
                "rephrase" => (InferenceKind::Rephrase, String::new()),
                "preference" => {
                    warnings.push(Warning {
                        at: at(path),
                        message: "a preference scheme has no place in the map; ignored".into(),
                    });
                    continue;
                }
                _ => (InferenceKind::Support, name.trim().to_owned()),
            };
            let ps: Vec<String> = premises
                .get(sid)
                .into_iter()
                .flatten()
                .filter_map(|p| ids.get(p).cloned())
                .collect();
            let Some(target) = target.and_then(|t| ids.get(&t).cloned()) else {
                warnings.push(Warning {
                    at: at(path),
                    message: format!("scheme '{sid}' points at nothing; ignored"),
                });
                continue;
            };
            let inference = Inference {
                kind,
                scheme: crate::io::schemes::bundled()
                    .find_by_name(&scheme)
                    .map_or(scheme, |s| s.id.clone()),
                description: meta_lines(node.get("metadata")).join("\n"),
                ..Inference::default()
            };
            let refs: Vec<&str> = ps.iter().map(String::as_str).collect();
            if let Err(e) = map.add_inference(&id, inference, &refs, &target, None, false) {
                warnings.push(Warning {
                    at: at(path),
                    message: format!("scheme '{sid}' not kept: {e}"),
                });
            }
        }
        pending = later;
    }
    for (k, node, _) in pending {
        let sid = node.get("id").map(compact).unwrap_or_default();
        warnings.push(Warning {
            at: at(format!("nodes[{k}]")),
            message: format!("scheme '{sid}' is part of a cycle of schemes; ignored"),
        });
    }
    if let Some(res) = value.get("resources").and_then(Value::as_array)
        && !res.is_empty()
    {
        warnings.push(Warning {
            at: at("resources".into()),
            message: format!("{} resources are not read; dropped", res.len()),
        });
    }
    Ok(Loaded { map, warnings })
}

/// The map's metadata from `metadata.core`.
fn meta(value: &Value, map: &mut Map) {
    let Some(core) = value.pointer("/metadata/core") else {
        return;
    };
    let get = |k: &str| core.get(k).map(compact).unwrap_or_default();
    let mut meta = MapMeta {
        title: Some(get("title"))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| map.meta().title.clone()),
        description: get("description"),
        created: get("created"),
        modified: get("edited"),
        ..MapMeta::default()
    };
    let analyst = get("analyst_name");
    if !analyst.trim().is_empty() {
        meta.authors.push(analyst);
    }
    let mut rest: Vec<String> = meta_lines(Some(core))
        .into_iter()
        .filter(|l| {
            ![
                "title:",
                "description:",
                "created:",
                "edited:",
                "analyst_name:",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .collect();
    if !rest.is_empty() {
        if !meta.description.is_empty() {
            rest.insert(0, String::new());
        }
        meta.description.push_str(&rest.join("\n"));
    }
    meta.title = meta.title.replace('\n', " ");
    // The title is non-empty, so this cannot fail.
    let _ = map.set_meta(meta);
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
      "metadata": {"core": {"title": "Hangback", "analyst_name": "Simon", "notes": "from a debate",
                   "created": "2017-07-11T16:32:36", "version": "0.1"}},
      "resources": [{"id": "r1", "content": "...", "type": "text"}],
      "nodes": [
        {"id": "a1", "type": "atom", "text": "The Hangback is a good bike lane.", "metadata": {"speaker": "Ana"}},
        {"id": "a2", "type": "atom", "text": "It keeps cyclists safe.", "metadata": {}},
        {"id": "a3", "type": "atom", "text": "It slows buses.", "metadata": {}},
        {"id": "a4", "type": "atom", "text": "An expert says so.", "metadata": {}},
        {"id": "s1", "type": "scheme", "name": "support", "metadata": {}},
        {"id": "s2", "type": "scheme", "name": "attack", "metadata": {}},
        {"id": "s3", "type": "scheme", "name": "Argument from Expert Opinion", "metadata": {}},
        {"id": "s4", "type": "scheme", "name": "preference"}
      ],
      "edges": [
        {"id": "e1", "source_id": "a2", "target_id": "s1"},
        {"id": "e2", "source_id": "s1", "target_id": "a1"},
        {"id": "e3", "source_id": "a3", "target_id": "s2"},
        {"id": "e4", "source_id": "s2", "target_id": "a1"},
        {"id": "e5", "source_id": "a4", "target_id": "s3"},
        {"id": "e6", "source_id": "s3", "target_id": "s2"}
      ]
    }"#;

    #[test]
    fn atoms_schemes_edges_and_metadata() {
        let l = import(DOC).unwrap();
        let m = &l.map;
        assert_eq!(m.meta().title, "Hangback");
        assert_eq!(m.meta().authors, ["Simon"]);
        assert!(m.meta().description.contains("notes: from a debate"));
        assert_eq!(m.statement_count(), 4);
        assert_eq!(m.statement("a1").unwrap().notes, "speaker: Ana");
        assert_eq!(m.inference("s1").unwrap().kind, InferenceKind::Support);
        assert_eq!(m.inference("s2").unwrap().kind, InferenceKind::Conflict);
        let s3 = m.inference("s3").unwrap();
        assert_eq!(s3.scheme, "expert_opinion");
        // s3 supports the attack s2: its target is an inference.
        assert_eq!(m.target_id("s3"), Some("s2"));
        let messages: Vec<&str> = l.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("preference")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("resources")),
            "{messages:?}"
        );
        assert!(looks_like_sadface(&serde_json::from_str(DOC).unwrap()));
    }

    #[test]
    fn broken_documents_are_errors_or_warnings() {
        assert!(import("{").is_err());
        assert!(import("{}").is_err());
        let l = import(r#"{"nodes": [{"type": "atom"}, {"id": 3, "type": "x"}], "edges": [{}]}"#)
            .unwrap();
        assert_eq!(l.map.statement_count(), 0);
        assert_eq!(l.warnings.len(), 3);
    }
}
