//! Migrations from older schema versions to the current one, applied to
//! the parsed JSON before it is read.
//!
//! Each entry of [`MIGRATIONS`] turns version `n` into `n + 1`, so files of
//! every older version keep loading. Each step is self-contained and
//! touches only the fields its version changed.

use serde_json::Value;

/// A step from one version to the next.
type Step = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
const MIGRATIONS: &[Step] = &[schemes_by_reference];

/// Version 1 → 2: an inference's `scheme` was free text; in version 2 it
/// is a scheme reference. A name the bundled catalogue knows (by id, name
/// or alias, compared as [`crate::model::scheme::normalise_name`] does)
/// becomes that scheme's id; any other name is kept verbatim. Version 2
/// also adds `roles`, `questions` and the top-level `schemes`, which
/// version 1 files never have.
pub(super) fn schemes_by_reference(mut value: Value) -> Result<Value, String> {
    let catalogue = crate::io::schemes::bundled();
    let Some(inferences) = value.get_mut("inferences").and_then(Value::as_array_mut) else {
        return Ok(value);
    };
    for inf in inferences {
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
        let v1 = json!({
            "format": "argmap",
            "schema_version": 1,
            "inferences": [
                {"id": "i1", "scheme": "Argument from Expert Opinion"},
                {"id": "i2", "scheme": "Modus ponens"},
                {"id": "i3"},
                {"id": "i4", "scheme": "contradiction"}
            ]
        });
        let v2 = migrate(v1, 1).unwrap();
        let schemes: Vec<Option<&str>> = v2["inferences"]
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
                Some("contradiction")
            ]
        );
        assert_eq!(v2["schema_version"], super::super::SCHEMA_VERSION);
    }
}
