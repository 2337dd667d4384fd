//! Migrations from older schema versions to the current one, applied to
//! the parsed JSON before it is read.
//!
//! Each entry of [`MIGRATIONS`] turns version `n` into `n + 1`. Version 1 is
//! the first published schema. Every step is a self-contained function that
//! touches only the fields its version added.

use serde_json::Value;

/// A step from one version to the next.
type Step = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
const MIGRATIONS: &[Step] = &[v1_to_v2];

/// `ADDS_ONLY[i]`: whether step `i` only adds optional fields, so a file of
/// version `i + 1` also reads as version `i + 2`.
const ADDS_ONLY: &[bool] = &[true];

/// Whether every step from `version` to the current one only adds optional
/// fields: such a file is read directly as the current schema (keeping exact
/// error places), after [`migrate`] has checked its JSON.
pub(super) fn only_adds_fields(version: u64) -> bool {
    let first = usize::try_from(version.saturating_sub(1)).unwrap_or(usize::MAX);
    ADDS_ONLY.iter().skip(first).all(|&adds| adds)
}

/// Version 2 adds the optional `view` object (`{"folded": [ids]}`), saved
/// view state outside the undo history. A version 1 file has no view, so
/// nothing is folded: the step only checks that the key is not there yet.
fn v1_to_v2(value: Value) -> Result<Value, String> {
    if value.get("view").is_some() {
        return Err("\"view\" is new in schema_version 2, but the file says 1".into());
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

    #[test]
    fn version_1_gains_the_current_version_and_no_view() {
        let v1 =
            serde_json::json!({"format": "argmap", "schema_version": 1, "meta": {"title": "T"}});
        let out = migrate(v1, 1).unwrap();
        assert_eq!(out["schema_version"], super::super::SCHEMA_VERSION);
        assert!(out.get("view").is_none());
    }

    #[test]
    fn version_1_with_a_view_is_refused() {
        let v1 = serde_json::json!({"schema_version": 1, "view": {"folded": ["s1"]}});
        assert!(migrate(v1, 1).unwrap_err().contains("view"));
    }
}
