//! Scheme catalogue files: the bundled catalogue (`assets/schemes/`) and
//! users' own, in the JSON format `assets/schemes/README.md` documents.
//!
//! Loading parses, then checks every rule a catalogue must keep (see
//! [`check_scheme`]); each problem is a [`LoadError`] with the file, line
//! and column of the offending value.

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use super::json_path::{JsonPath, locate};
use super::{LoadError, LoadErrorKind, Location};
use crate::model::Catalogue;
use crate::model::ids::is_valid_id;
use crate::model::scheme::{CONCLUSION_ROLE, QuestionKind, Scheme};

/// The `format` value of a catalogue file.
pub const FORMAT_NAME: &str = "argmap-schemes";
/// The catalogue format version this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;
/// Largest catalogue file accepted, in bytes.
pub const MAX_CATALOGUE_BYTES: u64 = 8 * 1024 * 1024;

/// The bundled catalogue's text (`assets/schemes/core.json`).
pub const BUNDLED_JSON: &str = include_str!("../../assets/schemes/core.json");

/// A catalogue file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueDoc {
    format: String,
    version: u64,
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: String,
    schemes: Vec<Scheme>,
}

/// A broken rule inside one scheme, at a JSON path relative to the scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemeProblem {
    /// What is wrong.
    pub message: String,
    /// Where, relative to the scheme object (`questions[2].role`).
    pub path: JsonPath,
}

impl SchemeProblem {
    /// The problem's path below `base` (the path of the scheme itself).
    pub fn path_under(&self, base: &JsonPath) -> JsonPath {
        JsonPath([base.0.clone(), self.path.0.clone()].concat())
    }
}

fn problem(message: String, path: JsonPath) -> SchemeProblem {
    SchemeProblem { message, path }
}

/// Checks the rules every scheme keeps: a valid id; a name; at least one
/// premise role and a conclusion template; role and question ids valid and
/// unique within the scheme; every question names an existing premise role
/// (or `conclusion`, except premise questions, which bear on a premise);
/// every `{placeholder}` in a question names a role or `conclusion`.
pub fn check_scheme(s: &Scheme) -> Result<(), SchemeProblem> {
    let root = JsonPath::root();
    if !is_valid_id(&s.id) {
        return Err(problem(
            format!(
                "'{}' is not a valid scheme id (1-64 of A-Z a-z 0-9 _ . : -)",
                s.id
            ),
            root.key("id"),
        ));
    }
    for (field, value) in [
        ("name", &s.name),
        ("description", &s.description),
        ("source", &s.source),
    ] {
        if value.trim().is_empty() {
            return Err(problem(
                format!("scheme '{}' needs a {field}", s.id),
                root.key(field),
            ));
        }
    }
    if s.premises.is_empty() {
        return Err(problem(
            format!("scheme '{}' needs at least one premise role", s.id),
            root.key("premises"),
        ));
    }
    if s.conclusion.template.trim().is_empty() {
        return Err(problem(
            format!("scheme '{}' needs a conclusion template", s.id),
            root.key("conclusion").key("template"),
        ));
    }
    for (i, r) in s.premises.iter().enumerate() {
        let path = root.key("premises").index(i);
        if !is_valid_id(&r.id) || r.id == CONCLUSION_ROLE {
            return Err(problem(
                format!("'{}' is not a usable role id", r.id),
                path.key("id"),
            ));
        }
        if s.premises[..i].iter().any(|o| o.id == r.id) {
            return Err(problem(
                format!("role '{}' is defined twice", r.id),
                path.key("id"),
            ));
        }
        if r.template.trim().is_empty() || r.name.trim().is_empty() {
            return Err(problem(
                format!("role '{}' needs a name and a template", r.id),
                path,
            ));
        }
    }
    for (i, q) in s.questions.iter().enumerate() {
        let path = root.key("questions").index(i);
        if !is_valid_id(&q.id) {
            return Err(problem(
                format!("'{}' is not a valid question id", q.id),
                path.key("id"),
            ));
        }
        if s.questions[..i].iter().any(|o| o.id == q.id) {
            return Err(problem(
                format!("question '{}' is defined twice", q.id),
                path.key("id"),
            ));
        }
        if q.text.trim().is_empty() {
            return Err(problem(
                format!("question '{}' has no text", q.id),
                path.key("text"),
            ));
        }
        let on_conclusion = q.role == CONCLUSION_ROLE && q.kind != QuestionKind::Premise;
        if s.role(&q.role).is_none() && !on_conclusion {
            return Err(problem(
                format!(
                    "question '{}' bears on role '{}', which scheme '{}' does not have",
                    q.id, q.role, s.id
                ),
                path.key("role"),
            ));
        }
        if let Some(name) = placeholders(&q.text)
            .into_iter()
            .find(|p| s.role(p).is_none() && p != CONCLUSION_ROLE)
        {
            return Err(problem(
                format!("question '{}' uses {{{name}}}, which is not a role", q.id),
                path.key("text"),
            ));
        }
    }
    Ok(())
}

/// The `{name}` placeholders of `text`, in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    out
}

fn error_at(text: &str, kind: LoadErrorKind, path: &JsonPath) -> LoadError {
    let (line, column) = locate(text, path).map_or((None, None), |(l, c)| (Some(l), Some(c)));
    LoadError {
        kind,
        at: Box::new(Location {
            file: None,
            line,
            column,
            json_path: Some(path.to_string()),
        }),
    }
}

/// Reads a catalogue from `text`. Errors carry line and column (and the
/// JSON path, for rules broken after parsing); no file name is set.
pub fn catalogue_from_str(text: &str) -> Result<Catalogue, LoadError> {
    if text.len() as u64 > MAX_CATALOGUE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_CATALOGUE_BYTES,
        }));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: CatalogueDoc = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_owned(),
            None => message,
        };
        let kind = if inner.is_data() {
            LoadErrorKind::Schema(message)
        } else {
            LoadErrorKind::Syntax(message)
        };
        LoadError {
            kind,
            at: Box::new(Location {
                file: None,
                line: (inner.line() > 0).then_some(inner.line()),
                column: (inner.line() > 0).then_some(inner.column()),
                json_path: (path != ".").then_some(path),
            }),
        }
    })?;
    let root = JsonPath::root();
    if doc.format != FORMAT_NAME {
        return Err(error_at(
            text,
            LoadErrorKind::Schema(format!("\"format\" must be \"{FORMAT_NAME}\"")),
            &root.key("format"),
        ));
    }
    if doc.version != FORMAT_VERSION {
        return Err(error_at(
            text,
            LoadErrorKind::Schema(format!(
                "catalogue version {} is not {FORMAT_VERSION}, the one this Argmap reads",
                doc.version
            )),
            &root.key("version"),
        ));
    }
    for (i, s) in doc.schemes.iter().enumerate() {
        let path = root.key("schemes").index(i);
        if let Some(first) = doc.schemes[..i].iter().position(|o| o.id == s.id) {
            return Err(error_at(
                text,
                LoadErrorKind::DuplicateId {
                    id: s.id.clone(),
                    first: root.key("schemes").index(first).key("id").to_string(),
                },
                &path.key("id"),
            ));
        }
        check_scheme(s).map_err(|p| {
            error_at(
                text,
                LoadErrorKind::Invalid(p.message.clone()),
                &p.path_under(&path),
            )
        })?;
    }
    Ok(Catalogue::new(doc.name, doc.schemes))
}

/// Reads the catalogue file at `path` (a user's or a course's scheme set).
/// Errors name the file, line and column.
pub fn load_catalogue_file(path: &Path) -> Result<Catalogue, LoadError> {
    let size = std::fs::metadata(path)
        .map_err(|e| LoadError::new(LoadErrorKind::Io(e.to_string())).in_file(path))?
        .len();
    if size > MAX_CATALOGUE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size,
            limit: MAX_CATALOGUE_BYTES,
        })
        .in_file(path));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::new(LoadErrorKind::Io(e.to_string())).in_file(path))?;
    catalogue_from_str(&text).map_err(|e| e.in_file(path))
}

/// The bundled catalogue, parsed once. Its validity is checked by the
/// catalogue tests; should it ever fail to parse, this is empty rather
/// than a panic.
pub fn bundled() -> &'static Catalogue {
    static BUNDLED: OnceLock<Catalogue> = OnceLock::new();
    BUNDLED.get_or_init(|| catalogue_from_str(BUNDLED_JSON).unwrap_or_default())
}

/// The bundled catalogue with the schemes of `extra` catalogues added in
/// order; a later scheme with the id of an earlier one replaces it.
pub fn combined(extra: &[Catalogue]) -> Catalogue {
    let mut all = bundled().clone();
    for cat in extra {
        all.extend(cat.schemes().iter().cloned());
    }
    all
}

#[cfg(test)]
#[path = "schemes_tests.rs"]
mod tests;
