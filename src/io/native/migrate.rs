//! Migrations from older schema versions to the current one, applied to
//! the parsed JSON before it is read.
//!
//! Each entry of [`MIGRATIONS`] turns version `n` into `n + 1`, so files of
//! every older version keep loading. Each step is a self-contained function
//! that touches only the fields its version added.
//!
//! - 1 → 2 ([`add_tours`]): maps gained `tours`, a list of named tours.

use serde_json::Value;

/// A step from one version to the next.
type Step = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
const MIGRATIONS: &[Step] = &[add_tours];

/// Version 1 → 2: maps gained `tours`. A version-1 map has none, so it gets
/// an empty list; a `tours` key in a version-1 file is an error, since
/// version 1 never had one.
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
    use crate::io::native::{SCHEMA_VERSION, TOURS_SCHEMA_VERSION};

    #[test]
    fn every_version_has_a_step_to_the_current_one() {
        assert_eq!(MIGRATIONS.len() as u64, SCHEMA_VERSION - 1);
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
