//! The native format: `*.argmap.json`, documented in the README.
//!
//! Output is deterministic (stable key order, nodes sorted by id in natural
//! order, 2-space indent, trailing newline): saving twice gives the same
//! bytes, and a one-node edit gives a small diff. Loading validates
//! everything and never panics; errors name the file, the JSON path and the
//! line and column. Older schema versions are migrated on load.

mod build;
mod doc;
mod migrate;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::json_path::{JsonPath, line_col, locate};
use super::{LoadError, LoadErrorKind, Loaded, Location};
use crate::model::Map;

pub use build::{MAX_FIELD_BYTES, MAX_SOURCE_BYTES};

/// The value of the `"format"` key.
pub const FORMAT_NAME: &str = "argmap";
/// The schema version this build writes, and the newest it reads.
/// Version 5 made inference schemes references (with roles and critical
/// question statuses); version 6 added the `conflicts` list of
/// `argmap merge-driver`; version 7 added inference `data`; see
/// `migrate.rs` for every step.
pub const SCHEMA_VERSION: u64 = 7;
/// The first schema version that holds merge `conflicts`.
pub const CONFLICTS_SCHEMA_VERSION: u64 = 6;
/// The first schema version whose inferences hold `data`.
pub const INFERENCE_DATA_SCHEMA_VERSION: u64 = 7;
/// The first schema version that holds tours.
pub const TOURS_SCHEMA_VERSION: u64 = 4;
/// The first schema version whose inference `scheme` is a scheme reference
/// with `roles`, `questions` and top-level `schemes`.
pub const SCHEMES_SCHEMA_VERSION: u64 = 5;
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The extension maps are saved with.
pub const EXTENSION: &str = ".argmap.json";

/// Reads the text of sources that a map keeps in files of their own.
pub trait SourceFiles {
    /// The text of the file at `path`, as written in the map (relative to
    /// the map's folder), or a message saying why it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// Source files found relative to a folder (the map file's folder).
#[derive(Clone, Debug)]
pub struct SourceDir(pub PathBuf);

impl SourceFiles for SourceDir {
    fn read(&self, path: &str) -> Result<String, String> {
        let full = self.0.join(path);
        let size = std::fs::metadata(&full)
            .map_err(|e| format!("cannot read {}: {e}", full.display()))?
            .len();
        if size > MAX_SOURCE_BYTES as u64 {
            return Err(format!(
                "{} is {size} bytes; sources of more than {MAX_SOURCE_BYTES} bytes are refused",
                full.display()
            ));
        }
        std::fs::read_to_string(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))
    }
}

/// For text that came from nowhere on disk: every source must be inline.
#[derive(Clone, Copy, Debug)]
pub struct NoSourceFiles;

impl SourceFiles for NoSourceFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!(
            "source file '{path}' cannot be read: this map did not come from a folder"
        ))
    }
}

/// Source files held in memory as (path, text) pairs, for maps built into
/// the binary.
#[derive(Clone, Copy, Debug)]
pub struct MemorySources<'a>(pub &'a [(&'a str, &'a str)]);

impl SourceFiles for MemorySources<'_> {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, text)| (*text).to_owned())
            .ok_or_else(|| format!("source file '{path}' is not bundled"))
    }
}

/// Options for reading the native format.
pub struct LoadOptions<'a> {
    /// Where sources kept in their own files are read from.
    pub sources: &'a dyn SourceFiles,
}

impl Default for LoadOptions<'_> {
    fn default() -> Self {
        LoadOptions {
            sources: &NoSourceFiles,
        }
    }
}

/// Options for writing the native format.
#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// Write every source's text inline, even where it has a path.
    pub inline_sources: bool,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    schema_version: Option<serde_json::Value>,
}

fn error_at(text: &str, kind: LoadErrorKind, path: Option<&JsonPath>) -> LoadError {
    let (line, column) = path
        .and_then(|p| locate(text, p))
        .map_or((None, None), |(l, c)| (Some(l), Some(c)));
    LoadError {
        kind,
        at: Box::new(Location {
            file: None,
            line,
            column,
            json_path: path.map(ToString::to_string),
        }),
    }
}

fn json_error(e: &serde_json::Error, kind: fn(String) -> LoadErrorKind) -> LoadError {
    // serde_json appends " at line L column C"; the location says that.
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message,
    };
    LoadError {
        kind: kind(message),
        at: Box::new(Location {
            line: (e.line() > 0).then_some(e.line()),
            column: (e.line() > 0).then_some(e.column()),
            ..Location::default()
        }),
    }
}

/// The [`JsonPath`] of a serde path, dropping segments that name no JSON
/// value (enum variants, unknown places).
fn json_path_of(path: &serde_path_to_error::Path) -> JsonPath {
    use serde_path_to_error::Segment;
    let mut out = JsonPath::root();
    for seg in path.iter() {
        out = match seg {
            Segment::Seq { index } => out.index(*index),
            Segment::Map { key } => out.key(key),
            _ => out,
        };
    }
    out
}

/// Reads a map from native-format `text`.
pub fn from_str(text: &str, options: &LoadOptions) -> Result<Loaded, LoadError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        }));
    }
    let header: Header = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            json_error(&e, |_| {
                LoadErrorKind::NotArgmap("the top level is not a JSON object".into())
            })
        } else {
            json_error(&e, LoadErrorKind::Syntax)
        }
    })?;
    let root = JsonPath::root();
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        _ => {
            let path = header.format.is_some().then(|| root.key("format"));
            return Err(error_at(
                text,
                LoadErrorKind::NotArgmap("\"format\" is missing or is not \"argmap\"".into()),
                path.as_ref(),
            ));
        }
    }
    let version_path = root.key("schema_version");
    let version = match header.schema_version.as_ref().map(|v| v.as_u64()) {
        Some(Some(v)) if v >= 1 => v,
        Some(_) => {
            return Err(error_at(
                text,
                LoadErrorKind::Schema("schema_version must be a whole number of at least 1".into()),
                Some(&version_path),
            ));
        }
        None => {
            return Err(error_at(
                text,
                LoadErrorKind::Schema("\"schema_version\" is missing".into()),
                None,
            ));
        }
    };
    if version > SCHEMA_VERSION {
        return Err(error_at(
            text,
            LoadErrorKind::FutureVersion {
                found: version,
                newest: SCHEMA_VERSION,
            },
            Some(&version_path),
        ));
    }
    // Reads `text` as the current schema, with exact error places.
    let direct = || -> Result<doc::Doc, LoadError> {
        // The plain read is the common case; the path-tracking one (which
        // copies every key it passes) runs only to place an error.
        if let Ok(doc) = serde_json::from_str(text) {
            return Ok(doc);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let mut err = json_error(e.inner(), LoadErrorKind::Schema);
            if path != "." {
                err.at.json_path = Some(path);
            }
            err
        })
    };
    let doc: doc::Doc = if version < SCHEMA_VERSION && !migrate::only_adds_fields(version) {
        // Older shapes are subsets of the current one (steps add fields or
        // rewrite values in place), so a direct read finds any structural
        // fault first, at its place and without building a JSON tree that
        // a deeply nested file would overflow.
        direct()?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| json_error(&e, LoadErrorKind::Syntax))?;
        let value = migrate::migrate(value, version)
            .map_err(|m| error_at(text, LoadErrorKind::Schema(m), None))?;
        serde_path_to_error::deserialize(value).map_err(|e| {
            // Migration steps only add fields or rewrite values in place, so
            // the path of a problem in the migrated value is its path in the
            // file as written.
            let path = json_path_of(e.path());
            let kind = json_error(e.inner(), LoadErrorKind::Schema).kind;
            error_at(text, kind, Some(&path))
        })?
    } else {
        direct()?
    };
    if version < SCHEMA_VERSION && migrate::only_adds_fields(version) {
        // The file read as the current schema, with exact error places;
        // the steps still run on its JSON to refuse fields newer than it.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| json_error(&e, LoadErrorKind::Syntax))?;
        migrate::migrate(value, version)
            .map_err(|m| error_at(text, LoadErrorKind::Schema(m), None))?;
    }
    build::map_from_doc(doc, options.sources)
        .map_err(|(kind, path)| error_at(text, kind, path.as_ref()))
        .map(|(map, warnings)| Loaded {
            map,
            warnings: warnings
                .into_iter()
                .map(|(message, path)| {
                    let (line, column) =
                        locate(text, &path).map_or((None, None), |(l, c)| (Some(l), Some(c)));
                    super::Warning {
                        at: Some(Location {
                            file: None,
                            line,
                            column,
                            json_path: Some(path.to_string()),
                        }),
                        message,
                    }
                })
                .collect(),
        })
}

/// Reads the map file at `path`; sources kept in files are read relative
/// to its folder. Errors and warnings name the file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let fail = |kind| LoadError::new(kind).in_file(path);
    let size = std::fs::metadata(path)
        .map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(fail(LoadErrorKind::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(LoadErrorKind::Io(e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        LoadError {
            kind: LoadErrorKind::Syntax("the file is not valid UTF-8".into()),
            at: Box::new(Location {
                file: Some(path.to_owned()),
                line: Some(line),
                column: Some(column),
                json_path: None,
            }),
        }
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let sources = SourceDir(dir);
    let mut loaded =
        from_str(&text, &LoadOptions { sources: &sources }).map_err(|e| e.in_file(path))?;
    for w in &mut loaded.warnings {
        if let Some(at) = &mut w.at {
            at.file = Some(path.to_owned());
        }
    }
    Ok(loaded)
}

/// Writes `map` in canonical form.
pub fn to_string(map: &Map, options: &SaveOptions) -> String {
    let doc = doc::doc_from_map(map, !options.inline_sources);
    let mut out = serde_json::to_string_pretty(&doc).expect("a map always serialises");
    out.push('\n');
    out
}

/// The native document of `map` as JSON, for the merge driver
/// (`crate::merge`), which compares and merges documents field by field:
/// every source's text is inline, and a source kept in a file also keeps its
/// `path` beside the text (so this value is not itself a loadable file while
/// such a source is in it).
pub fn to_merge_value(map: &Map) -> serde_json::Value {
    let doc = doc::doc_from_map(map, false);
    let mut value = serde_json::to_value(&doc).expect("a map always serialises");
    if let Some(sources) = value.get_mut("sources").and_then(|s| s.as_array_mut()) {
        for entry in sources {
            let id = entry.get("id").and_then(|i| i.as_str()).unwrap_or("");
            if let Some(path) = map.source(id).and_then(|s| s.path.clone()) {
                entry["path"] = serde_json::Value::String(path);
            }
        }
    }
    value
}

/// Reads a map from a document value of the current schema, as
/// [`to_merge_value`] gives and the merge driver combines (every source
/// with either `text` or `path`), without writing it out as text first.
/// Checks everything [`from_str`] checks; errors give the JSON path (there
/// is no text, so no line and column).
pub fn from_merge_value(
    value: serde_json::Value,
    options: &LoadOptions,
) -> Result<Loaded, LoadError> {
    // A plain read first (reading from a borrowed value); the
    // path-tracking read, which copies every key it passes, runs only to
    // place an error.
    let plain = doc::Doc::deserialize(&value);
    let doc: doc::Doc = plain
        .or_else(|_| serde_path_to_error::deserialize(value))
        .map_err(|e| {
            let path = json_path_of(e.path());
            let kind = json_error(e.inner(), LoadErrorKind::Schema).kind;
            LoadError {
                kind,
                at: Box::new(Location {
                    json_path: Some(path.to_string()),
                    ..Location::default()
                }),
            }
        })?;
    let (map, warnings) =
        build::map_from_doc(doc, options.sources).map_err(|(kind, path)| LoadError {
            kind,
            at: Box::new(Location {
                json_path: path.map(|p| p.to_string()),
                ..Location::default()
            }),
        })?;
    let warnings = warnings
        .into_iter()
        .map(|(message, path)| super::Warning {
            at: Some(Location {
                json_path: Some(path.to_string()),
                ..Location::default()
            }),
            message,
        })
        .collect();
    Ok(Loaded { map, warnings })
}

/// The text that saving `map` to `path` writes. A source keeps its file
/// path only where that file, seen from the new folder, holds exactly the
/// source's text; otherwise the text is written inline, so nothing is lost
/// when a map is saved elsewhere or its source text was edited.
pub fn text_for_path(map: &Map, path: &Path) -> String {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let files = SourceDir(dir);
    let inline_sources = map.sources().any(|s| {
        s.path
            .as_deref()
            .is_some_and(|p| files.read(p).ok().as_deref() != Some(s.text.as_str()))
    });
    to_string(map, &SaveOptions { inline_sources })
}

/// Saves `map` to `path` atomically (see [`text_for_path`]).
pub fn save_file(map: &Map, path: &Path) -> std::io::Result<()> {
    super::write_atomic(path, text_for_path(map, path).as_bytes())
}

#[cfg(test)]
mod tests;
