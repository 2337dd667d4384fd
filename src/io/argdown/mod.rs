//! Argdown (<https://argdown.org>): import and export.
//!
//! # How Argdown maps to the model
//!
//! - **Statements.** `[Title]: text` is a statement with that title and
//!   text. Every use of the same title is the same statement (Argdown's
//!   equivalence classes); a second, different text under one title is kept
//!   in the statement's notes as `Also stated as: …`. An untitled statement
//!   (a plain paragraph, a list item `*`/`1.`, a relation child) is a
//!   statement of its own with an empty title. A bare `[Title]` is a
//!   reference; if the title is never given text the statement has empty
//!   text.
//! - **Arguments** become inference nodes carrying the argument's title and
//!   description:
//!   - *Reconstructed* (with a premise–conclusion structure `(1) … ---- (n)`):
//!     each inference step becomes a support inference from that step's
//!     premises (linked co-premises) to its conclusion. A step's premises are
//!     the statements since the previous inference line plus the previous
//!     (intermediate) conclusion, so steps chain; `{uses: [1, 2]}` on the
//!     inference line names them instead. The rule text of a step becomes
//!     the inference's scheme. The *last* step is the argument's node and
//!     gets its title and description; `{kind: conflict}` (or `rephrase`) on
//!     the last inference line sets its kind (the exporter writes this for
//!     linked objections). A relation *from* a reconstructed argument starts
//!     at its conclusion; a support or attack from an argument to its own
//!     conclusion is the argument's inference itself and adds nothing (its
//!     kind comes from `{kind: …}`).
//!   - *Unreconstructed* (`<Title>: description` only): the description is
//!     kept as a premise statement tagged `argdown:gist` (its text is the
//!     description, or the title if there is none). The argument's first
//!     outgoing support, attack or undercut (the one where it is defined
//!     with `<Title>:`, if any, else the first) becomes the argument's own
//!     inference node (support, or conflict), from the gist to the target.
//!     Further outgoing relations start at the gist. An argument with no
//!     outgoing relation concludes a stand-in statement tagged
//!     `argdown:implicit-conclusion`.
//! - **Relations** `+ - _` under an element point at that element (the
//!   child supports, attacks or undercuts its parent); `+> -> _>` point
//!   from the parent to the child, `<+ <- <_` the other way. Each becomes an
//!   inference node with one premise. A relation aimed at an *argument as a
//!   whole* targets that argument's inference node: an attack or undercut
//!   on `<A>` is a conflict aimed at A's inference (an undercut), a support
//!   of `<A>` a support aimed at it. An undercut aimed at a statement is
//!   read as an attack, with a warning. A contradiction `><` becomes **two**
//!   conflict nodes, one each way, both with the scheme `contradiction`.
//!   Repeated relations are merged.
//! - **Tags** `#tag` and `#(multi word)` become statement tags (tags at the
//!   end of a text are removed from it; tags inside a sentence stay in the
//!   text too). Tags of an unreconstructed argument go to its gist; those of
//!   a reconstructed argument are dropped with a warning (inferences have no
//!   tags), except its heading's group, which its statements carry.
//! - **Headings** `#`, `##`, … are Argdown groups. The model has no groups:
//!   each statement gets the tag `group:<heading>` of the innermost heading
//!   above it.
//! - **Front matter** `===` … `===`: `title` and `author` go to the map's
//!   metadata, `description`/`subTitle` to its description, `date` to its
//!   creation date; other keys are reported and dropped.
//! - **Data** `{key: value}` on a statement: `role` sets the role hint,
//!   `notes` the notes, any other key is kept in the notes as `key: value`.
//!   Data on arguments, and inference data other than `uses` and `kind`, is
//!   reported and dropped.
//! - **Comments** (`//`, `/* */`, `<!-- -->`) are skipped; escaped
//!   characters (`\[`, `\#`, …) are kept literally; mentions `@[Title]`,
//!   `@<Title>` stay in the text as written.
//! - **`@include(file)`** reads files relative to the including file (or
//!   the base folder) through [`ArgdownImportOptions::reader`]; cycles and
//!   unreadable files are reported and skipped.
//!
//! A premise–conclusion structure belongs to the argument that heads its
//! block (`<Title>` followed by the structure, blank lines allowed); one
//! indented under a relation, or with no argument above it, is an
//! anonymous argument (untitled inference). `(1)` always starts a new
//! structure.
//!
//! Statements referred to by argument and number (`<A>(1)`) are not
//! supported and stay text, with a warning. Role hints are derived: a
//! statement that is only ever a premise is a premise, any other a claim,
//! unless `{role: …}` data says otherwise.
//!
//! Nothing makes an Argdown file fail to import except its size: every
//! problem is a warning with file, line and column.
//!
//! # Export
//!
//! [`export`] writes front matter, then relation trees from the thesis (and
//! every other statement that is no premise) down, then the reconstructed
//! arguments with their premise–conclusion structures. See
//! [`export`](self::export()) for what the format cannot carry.

mod builder;
mod evidence;
mod export;
mod lexer;
mod parser;
mod text;
mod yaml;

use std::path::{Path, PathBuf};

use super::{LoadError, LoadErrorKind, Loaded};

pub use export::{ArgdownExportOptions, export};

/// Tag of the statement holding an unreconstructed argument's description.
pub const GIST_TAG: &str = "argdown:gist";
/// Tag of the stand-in conclusion of an argument that points nowhere.
pub const IMPLICIT_TAG: &str = "argdown:implicit-conclusion";
/// Prefix of the tags that keep Argdown headings (groups).
pub const GROUP_TAG_PREFIX: &str = "group:";
/// Scheme of the two conflicts a contradiction `><` becomes.
pub const CONTRADICTION_SCHEME: &str = "contradiction";
/// Argdown texts larger than this are refused.
pub const MAX_ARGDOWN_BYTES: usize = 64 * 1024 * 1024;

/// Reads the text of an included file.
pub type IncludeReader<'a> = &'a dyn Fn(&Path) -> Result<String, String>;

/// How to import Argdown.
#[derive(Clone, Default)]
pub struct ArgdownImportOptions<'a> {
    /// The file the text came from, named in warnings and used to find
    /// included files.
    pub file: Option<PathBuf>,
    /// The folder `@include` paths are relative to (default: the file's).
    pub base_dir: Option<PathBuf>,
    /// Reads included files (default: from disk).
    pub reader: Option<IncludeReader<'a>>,
    /// The map title when the front matter has none (default
    /// "Imported Argdown").
    pub title: Option<String>,
}

impl std::fmt::Debug for ArgdownImportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArgdownImportOptions")
            .field("file", &self.file)
            .field("base_dir", &self.base_dir)
            .field("reader", &self.reader.map(|_| "custom"))
            .field("title", &self.title)
            .finish()
    }
}

/// What an Argdown text held, counted as Argdown counts it: statements
/// are equivalence classes, arguments include anonymous reconstructions,
/// relations are distinct relations as written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Statements (one per title, plus every untitled one).
    pub statements: usize,
    /// Arguments.
    pub arguments: usize,
    /// Distinct relations.
    pub relations: usize,
}

/// Imports Argdown `text`.
pub fn import(text: &str, options: &ArgdownImportOptions<'_>) -> Result<Loaded, LoadError> {
    import_with_report(text, options).map(|(loaded, _)| loaded)
}

/// Imports Argdown `text` and counts what it held.
pub fn import_with_report(
    text: &str,
    options: &ArgdownImportOptions<'_>,
) -> Result<(Loaded, ImportReport), LoadError> {
    if text.len() > MAX_ARGDOWN_BYTES {
        let err = LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_ARGDOWN_BYTES as u64,
        });
        return Err(match &options.file {
            Some(f) => err.in_file(f),
            None => err,
        });
    }
    let lexed = lexer::lex(text, options);
    let doc = parser::parse(&lexed);
    let (map, warnings, report) = builder::build(doc, &lexed, options);
    Ok((Loaded { map, warnings }, report))
}

/// Imports the Argdown file at `path`; includes are read relative to it.
pub fn import_file(path: &Path) -> Result<(Loaded, ImportReport), LoadError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::new(LoadErrorKind::Io(e.to_string())).in_file(path))?;
    let options = ArgdownImportOptions {
        file: Some(path.to_path_buf()),
        ..ArgdownImportOptions::default()
    };
    import_with_report(&text, &options)
}

#[cfg(test)]
mod tests;
