//! Migrations from older schema versions to the current one, applied to
//! the parsed JSON before it is read.
//!
//! Each entry of [`MIGRATIONS`] turns version `n` into `n + 1`. Version 1 is
//! the first published schema, so the table is empty; when version 2
//! arrives, its step goes here and files of version 1 keep loading.

use serde_json::Value;

/// A step from one version to the next.
type Step = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
const MIGRATIONS: &[Step] = &[];

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
