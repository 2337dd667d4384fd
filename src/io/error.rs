//! Load errors that say which file, where in it, and what is wrong.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// A place in a file: a JSON path and/or a line and column (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The file, when the text came from one.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// The JSON path of the value, such as `statements[3].evidence[0].id`.
    pub json_path: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.display().to_string());
        }
        if let Some(line) = self.line {
            parts.push(line.to_string());
            if let Some(col) = self.column {
                parts.push(col.to_string());
            }
        }
        let mut out = parts.join(":");
        if let Some(path) = &self.json_path {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str("at ");
            out.push_str(path);
        }
        f.write_str(&out)
    }
}

/// What went wrong while loading.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file is bigger than any map should be.
    #[error("the file is {size} bytes; maps of more than {limit} bytes are refused")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text is not well-formed JSON (or nests too deeply).
    #[error("not valid JSON: {0}")]
    Syntax(String),
    /// The JSON is not an Argmap document.
    #[error("not an Argmap map: {0}")]
    NotArgmap(String),
    /// Written by a newer Argmap.
    #[error(
        "schema_version {found} is newer than this Argmap understands (up to {newest}); update Argmap"
    )]
    FutureVersion {
        /// The file's version.
        found: u64,
        /// The newest this build reads.
        newest: u64,
    },
    /// A value has the wrong type, or a field is missing or unknown.
    #[error("{0}")]
    Schema(String),
    /// Two things share an id.
    #[error("the id '{id}' is used twice (first at {first})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first used.
        first: String,
    },
    /// A reference to something that does not exist.
    #[error("'{0}' refers to nothing in this map")]
    Dangling(String),
    /// A string is longer than the format allows.
    #[error("{what} is {len} bytes long; the limit is {limit}")]
    TooLong {
        /// Which field.
        what: String,
        /// Its length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// Any other broken rule of the model.
    #[error("{0}")]
    Invalid(String),
}

/// An error loading a map, with where it applies.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub struct LoadError {
    /// What went wrong.
    pub kind: LoadErrorKind,
    /// Where (boxed, to keep `Result<_, LoadError>` small).
    pub at: Box<Location>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.at.to_string();
        if at.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{at}: {}", self.kind)
        }
    }
}

impl LoadError {
    /// An error with no location yet.
    pub fn new(kind: LoadErrorKind) -> Self {
        LoadError {
            kind,
            at: Box::default(),
        }
    }

    /// The same error, said of `file`.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.at.file = Some(file.into());
        self
    }
}
