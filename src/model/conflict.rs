//! Merge conflicts kept in the map: what `argmap merge-driver` could not
//! decide when two people changed the same entity or field of a map file
//! (see `crate::merge`). The map stays valid: the conflicting field holds
//! one side's value ("ours", the branch being merged into) and the record
//! keeps both, plus the common ancestor's value when there was one, until
//! someone resolves it (`crate::ops::conflicts`).

use serde::{Deserialize, Serialize};

use super::{Map, ModelError};

/// One unresolved conflict from a three-way merge.
///
/// Values are the JSON of the field (or of the whole entity when `field`
/// is empty) as the native format writes it; `null` means "absent on that
/// side" (deleted, or never added).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// What kind of entity: `statement`, `inference`, `evidence`, `source`,
    /// `tour`, `scheme`, `meta`, `evaluation` or `view`.
    pub kind: String,
    /// The entity's id (a tour's name); empty for the map-wide `meta`,
    /// `evaluation` and `view`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The field, as a dotted path inside the entity (`text`, `pos`,
    /// `roles.major`); empty when the whole entity conflicts (deleted on one
    /// side, changed on the other, or dropped to keep the map valid).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// The common ancestor's value, when the merge had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<serde_json::Value>,
    /// The value on the branch merged into (what the map now holds, unless
    /// `note` says otherwise).
    pub ours: serde_json::Value,
    /// The value on the branch merged in.
    pub theirs: serde_json::Value,
    /// What the merge did, in words (for example why an inference was
    /// dropped).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl MergeConflict {
    /// A one-line description: `statement 's3' text: both sides changed it`.
    pub fn describe(&self) -> String {
        let mut out = self.kind.clone();
        if !self.id.is_empty() {
            out.push_str(&format!(" '{}'", self.id));
        }
        if !self.field.is_empty() {
            out.push_str(&format!(" {}", self.field));
        }
        out.push_str(": ");
        if self.note.is_empty() {
            out.push_str("both sides changed it differently");
        } else {
            out.push_str(&self.note);
        }
        out
    }
}

impl Map {
    /// The unresolved merge conflicts, in the order the merge found them.
    pub fn conflicts(&self) -> &[MergeConflict] {
        &self.conflicts
    }

    /// Inserts `conflict` at `index` (clamped to the end); returns the
    /// index it went to.
    pub fn insert_conflict(&mut self, index: usize, conflict: MergeConflict) -> usize {
        let index = index.min(self.conflicts.len());
        self.conflicts.insert(index, conflict);
        index
    }

    /// Removes and returns the conflict at `index`.
    ///
    /// # Errors
    /// [`ModelError::NoSuchConflict`] when there is none at `index`.
    pub fn remove_conflict(&mut self, index: usize) -> Result<MergeConflict, ModelError> {
        if index >= self.conflicts.len() {
            return Err(ModelError::NoSuchConflict(index));
        }
        Ok(self.conflicts.remove(index))
    }
}
