//! AIF JSON (Argument Interchange Format): import and export.
//!
//! Import reads AIFdb nodesets, OVA3 save files (`{"AIF": …, "OVA": …,
//! "text": …}`, with OVA's node positions and the analysed text as a
//! source) and xAIF, in whichever shape real files use: arrays of objects
//! or column lists, numeric or string ids, and an `"AIF"` value that is a
//! JSON string. I nodes become statements; RA, CA and MA nodes become
//! support, conflict (an undercut when aimed at an RA) and rephrase
//! inferences, keeping their scheme names. Relation nodes without a premise
//! or a target are reported, never invented into relations. Locutions that
//! a YA node asserts of a statement become that statement's quote evidence
//! with speaker and timestamp; the rest of the dialogue layer is reported
//! as dropped, with counts by kind.
//!
//! Export writes an AIFdb-shaped nodeset; importing it gives back the same
//! statements, inferences, schemes and quotes.

mod build;
mod export;
mod parse;

use std::collections::BTreeMap;

use super::{Exported, LoadError, LoadErrorKind, Loaded};
use crate::model::Map;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// Options for reading AIF.
#[derive(Clone, Debug)]
pub struct AifImportOptions {
    /// The title of the new map; "AIF import" when `None`.
    pub title: Option<String>,
    /// Place nodes where an OVA3 save file had them.
    pub use_ova_positions: bool,
    /// Keep each locution that a YA node asserts of a statement as that
    /// statement's quote evidence.
    pub locutions_as_evidence: bool,
}

impl Default for AifImportOptions {
    fn default() -> Self {
        AifImportOptions {
            title: None,
            use_ova_positions: true,
            locutions_as_evidence: true,
        }
    }
}

/// Options for writing AIF.
#[derive(Clone, Debug)]
pub struct AifExportOptions {
    /// Write each quote as an L locution node with a YA "Asserting" node
    /// linking it to its statement.
    pub quotes_as_locutions: bool,
    /// Indent the JSON for reading and diffs.
    pub pretty: bool,
}

impl Default for AifExportOptions {
    fn default() -> Self {
        AifExportOptions {
            quotes_as_locutions: true,
            pretty: true,
        }
    }
}

/// An import with its report in numbers, for conformance runs and summaries.
#[derive(Clone, Debug)]
pub struct AifImport {
    /// The map and its warnings.
    pub loaded: Loaded,
    /// Number of warnings of each kind (`dangling-relation`, `self-loop`,
    /// `i-to-i-edge`, `duplicate-id`, `dropped`, ...).
    pub warning_kinds: BTreeMap<&'static str, usize>,
    /// What was dropped, by what it is, with counts.
    pub dropped: BTreeMap<String, usize>,
    /// Statements created from I nodes.
    pub statements: usize,
    /// Inference nodes created from RA, CA and MA nodes.
    pub inferences: usize,
}

/// Reads AIF JSON `text` into a map, with a warning for everything that
/// could not be carried over.
pub fn import(text: &str, options: &AifImportOptions) -> Result<Loaded, LoadError> {
    import_detailed(text, options).map(|i| i.loaded)
}

/// Like [`import`], with the warnings also counted by kind.
pub fn import_detailed(text: &str, options: &AifImportOptions) -> Result<AifImport, LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        }));
    }
    let doc = parse::parse(text)?;
    Ok(build::build(doc, options))
}

/// Writes `map` as an AIFdb-shaped nodeset, with a loss report of what AIF
/// cannot hold (titles, roles, tags, notes, positions, non-quote evidence,
/// sources).
pub fn export(map: &Map, options: &AifExportOptions) -> Exported {
    export::export(map, options)
}

#[cfg(test)]
mod tests;
