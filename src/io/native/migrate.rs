//! Migrations from older schema versions to the current one, applied to
//! the parsed JSON before it is read.
//!
//! Each entry of [`MIGRATIONS`] turns version `n` into `n + 1`, so files of
//! every older version keep loading. Each step is a self-contained function
//! that touches only the fields its version added or changed.
//!
//! - 1 → 2 ([`v1_to_v2`]): the `evaluation` inputs;
//! - 2 → 3 ([`v2_to_v3`]): the saved `view` (folds);
//! - 3 → 4 ([`add_tours`]): `tours`, a list of named tours;
//! - 4 → 5 ([`schemes_by_reference`]): an inference's free-text `scheme`
//!   becomes a reference to a catalogue scheme where the bundled catalogue
//!   knows the name; `roles`, `questions` and the top-level `schemes` are new;
//! - 5 → 6 ([`add_conflicts`]): the optional `conflicts` list of unresolved
//!   merge conflicts;
//! - 6 → 7 ([`add_inference_data`]): an inference's `data`, imported keys
//!   that no field holds (Argdown inference data).

use serde_json::Value;

/// A step from one version to the next.
type Step = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
const MIGRATIONS: &[Step] = &[
    v1_to_v2,
    v2_to_v3,
    add_tours,
    schemes_by_reference,
    add_conflicts,
    add_inference_data,
];

/// `ADDS_ONLY[i]`: whether step `i` only adds optional fields, so a file of
/// version `i + 1` also reads as version `i + 2`. The schemes step (4 → 5)
/// rewrites `scheme` names into ids, so it does not.
const ADDS_ONLY: &[bool] = &[true, true, true, false, true, true];

/// Whether every step from `version` to the current one only adds optional
/// fields: such a file is read directly as the current schema (keeping exact
/// error places), after [`migrate`] has checked its JSON.
pub(super) fn only_adds_fields(version: u64) -> bool {
    let first = usize::try_from(version.saturating_sub(1)).unwrap_or(usize::MAX);
    ADDS_ONLY.iter().skip(first).all(|&adds| adds)
}

/// Version 2 adds the `evaluation` block (semantics, the global option,
/// acceptance overrides and base scores). A version-1 file has none, which
/// means grounded semantics, unsupported statements accepted, no overrides
/// and every base score 0.5: the step writes that block out explicitly.
/// A version-1 file that already holds an `evaluation` key is refused
/// (version 1 never had one).
fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let obj = value
        .as_object_mut()
        .ok_or_else(|| "a map file must be a JSON object".to_owned())?;
    if obj.contains_key("evaluation") {
        return Err("schema_version 1 has no \"evaluation\" field".into());
    }
    obj.insert(
        "evaluation".into(),
        serde_json::json!({
            "semantics": "grounded",
            "unsupported_not_accepted": false,
            "acceptance": {},
            "base_scores": {}
        }),
    );
    Ok(value)
}

/// Version 3 adds the optional `view` object (`{"folded": [ids]}`), saved
/// view state outside the undo history. A version 2 file has no view, so
/// nothing is folded: the step only checks that the key is not there yet.
fn v2_to_v3(value: Value) -> Result<Value, String> {
    if value.get("view").is_some() {
        return Err("\"view\" is new in schema_version 3, but the file says 2".into());
    }
    Ok(value)
}

/// Version 3 → 4: maps gained `tours`. A version-3 map has none, so it gets
/// an empty list; a `tours` key in an older file is an error, since
/// no older version had one.
fn add_tours(mut value: Value) -> Result<Value, String> {
    let obj = value
        .as_object_mut()
        .ok_or_else(|| "the top level is not a JSON object".to_owned())?;
    if obj.contains_key("tours") {
        return Err(format!(
            "\"tours\" needs schema_version {} or later",
            super::TOURS_SCHEMA_VERSION
        ));
    }
    obj.insert("tours".into(), Value::Array(Vec::new()));
    Ok(value)
}

/// Version 4 → 5: an inference's `scheme` was free text; in version 5 it
/// is a scheme reference. A name the bundled catalogue knows (by id, name
/// or alias, compared as [`crate::model::scheme::normalise_name`] does)
/// becomes that scheme's id; any other name is kept verbatim. Version 5
/// also adds `roles`, `questions` and the top-level `schemes`, which
/// older files never have.
pub(super) fn schemes_by_reference(mut value: Value) -> Result<Value, String> {
    let too_early = |field: &str| {
        format!(
            "\"{field}\" needs schema_version {} or later",
            super::SCHEMES_SCHEMA_VERSION
        )
    };
    if value.get("schemes").is_some() {
        return Err(too_early("schemes"));
    }
    let catalogue = crate::io::schemes::bundled();
    let Some(inferences) = value.get_mut("inferences").and_then(Value::as_array_mut) else {
        return Ok(value);
    };
    for inf in inferences {
        for field in ["roles", "questions"] {
            if inf.get(field).is_some() {
                return Err(too_early(field));
            }
        }
        let Some(scheme) = inf.get_mut("scheme") else {
            continue;
        };
        if let Some(found) = scheme
            .as_str()
            .and_then(|name| catalogue.find_by_name(name))
        {
            *scheme = Value::String(found.id.clone());
        }
    }
    Ok(value)
}

/// Version 5 → 6: maps gained the optional `conflicts` list that
/// `argmap merge-driver` writes. An older file has no conflicts, so nothing
/// changes; a `conflicts` key in an older file is refused.
fn add_conflicts(value: Value) -> Result<Value, String> {
    if value.get("conflicts").is_some() {
        return Err(format!(
            "\"conflicts\" needs schema_version {} or later",
            super::CONFLICTS_SCHEMA_VERSION
        ));
    }
    Ok(value)
}

/// Version 6 → 7: inferences gained `data` (key → YAML flow text) for
/// imported keys no field holds. An older file has none, which means no
/// data; a `data` key on an inference of an older file is refused, since
/// no older version had one.
fn add_inference_data(value: Value) -> Result<Value, String> {
    let inferences = value.get("inferences").and_then(Value::as_array);
    if inferences.is_some_and(|list| list.iter().any(|inf| inf.get("data").is_some())) {
        return Err(format!(
            "an inference's \"data\" needs schema_version {} or later",
            super::INFERENCE_DATA_SCHEMA_VERSION
        ));
    }
    Ok(value)
}

/// Migrates `value`, written at schema `version`, to the current schema.
pub(super) fn migrate(mut value: Value, version: u64) -> Result<Value, String> {
    let first = usize::try_from(version)
        .ok()
        .and_then(|v| v.checked_sub(1))
        .ok_or_else(|| format!("no migration from schema_version {version}"))?;
    for step in MIGRATIONS.iter().skip(first) {
        value = step(value)?;
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), super::SCHEMA_VERSION.into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_scheme_names_become_ids_and_others_stay() {
        let v4 = json!({
            "format": "argmap",
            "schema_version": 4,
            "inferences": [
                {"id": "i1", "scheme": "Argument from Expert Opinion"},
                {"id": "i2", "scheme": "Modus ponens"},
                {"id": "i3"},
                {"id": "i4", "scheme": "reductio ad absurdum"}
            ]
        });
        let v5 = migrate(v4, SCHEMES_SCHEMA_VERSION - 1).unwrap();
        let schemes: Vec<Option<&str>> = v5["inferences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.get("scheme").and_then(Value::as_str))
            .collect();
        assert_eq!(
            schemes,
            vec![
                Some("expert_opinion"),
                Some("Modus ponens"),
                None,
                Some("reductio ad absurdum")
            ]
        );
        assert_eq!(v5["schema_version"], super::super::SCHEMA_VERSION);
    }

    #[test]
    fn schemes_step_refuses_roles_questions_and_schemes_in_older_files() {
        for early in [
            json!({"schema_version": 4, "schemes": []}),
            json!({"schema_version": 4, "inferences": [{"id": "i1", "roles": {}}]}),
            json!({"schema_version": 4, "inferences": [{"id": "i1", "questions": {}}]}),
        ] {
            let err = migrate(early, SCHEMES_SCHEMA_VERSION - 1).unwrap_err();
            assert!(err.contains("schema_version 5"), "{err}");
        }
    }

    #[test]
    fn version_1_gains_the_default_evaluation_block() {
        let v1 = serde_json::json!({
            "format": "argmap",
            "schema_version": 1,
            "meta": {"title": "t"},
            "statements": []
        });
        let v2 = migrate(v1, 1).expect("migrates");
        assert_eq!(v2["schema_version"], super::super::SCHEMA_VERSION);
        assert_eq!(v2["evaluation"]["semantics"], "grounded");
        assert_eq!(v2["evaluation"]["unsupported_not_accepted"], false);
    }

    #[test]
    fn version_1_with_an_evaluation_key_is_refused() {
        let v1 = serde_json::json!({"format": "argmap", "schema_version": 1, "evaluation": {}});
        assert!(migrate(v1, 1).is_err());
    }

    #[test]
    fn version_2_gains_the_current_version_and_no_view() {
        let v1 =
            serde_json::json!({"format": "argmap", "schema_version": 2, "meta": {"title": "T"}});
        let out = migrate(v1, 2).unwrap();
        assert_eq!(out["schema_version"], super::super::SCHEMA_VERSION);
        assert!(out.get("view").is_none());
    }

    #[test]
    fn version_2_with_a_view_is_refused() {
        let v1 = serde_json::json!({"schema_version": 2, "view": {"folded": ["s1"]}});
        assert!(migrate(v1, 2).unwrap_err().contains("view"));
    }

    use crate::io::native::{
        CONFLICTS_SCHEMA_VERSION, SCHEMA_VERSION, SCHEMES_SCHEMA_VERSION, TOURS_SCHEMA_VERSION,
    };

    #[test]
    fn inference_data_is_new_in_version_7() {
        use crate::io::native::INFERENCE_DATA_SCHEMA_VERSION;
        let old = serde_json::json!({"schema_version": 6,
            "inferences": [{"id": "i1", "data": {"logic": "x"}}]});
        let err = migrate(old, INFERENCE_DATA_SCHEMA_VERSION - 1).unwrap_err();
        assert!(err.contains("schema_version 7"), "{err}");
        let plain = serde_json::json!({"schema_version": 5, "inferences": [{"id": "i1"}]});
        let out = migrate(plain.clone(), 5).unwrap();
        assert_eq!(out["inferences"], plain["inferences"]);
        assert_eq!(out["schema_version"], serde_json::json!(SCHEMA_VERSION));
    }

    #[test]
    fn every_version_has_a_step_to_the_current_one() {
        assert_eq!(MIGRATIONS.len() as u64, SCHEMA_VERSION - 1);
    }

    #[test]
    fn conflicts_step_keeps_older_files_and_refuses_early_conflicts() {
        let v5 = json!({"format": "argmap", "schema_version": 5, "statements": []});
        let out = migrate(v5, CONFLICTS_SCHEMA_VERSION - 1).unwrap();
        assert!(out.get("conflicts").is_none());
        assert_eq!(out["schema_version"], json!(SCHEMA_VERSION));
        let early = json!({"schema_version": 5, "conflicts": []});
        let err = migrate(early, CONFLICTS_SCHEMA_VERSION - 1).unwrap_err();
        assert!(err.contains("schema_version 6"), "{err}");
    }

    #[test]
    fn tours_step_adds_an_empty_list_and_refuses_early_tours() {
        let v1 = serde_json::json!({"format": "argmap", "schema_version": 1});
        let out = migrate(v1, TOURS_SCHEMA_VERSION - 1).unwrap();
        assert_eq!(out["tours"], serde_json::json!([]));
        assert_eq!(out["schema_version"], serde_json::json!(SCHEMA_VERSION));
        let early = serde_json::json!({"schema_version": 1, "tours": []});
        assert!(migrate(early, TOURS_SCHEMA_VERSION - 1).is_err());
    }
}
