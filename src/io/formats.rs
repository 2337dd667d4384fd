//! The registry of interchange formats: which format a path or a name
//! means, what each can do, and one place that dispatches import and
//! export to the format's module.

use std::path::Path;

use thiserror::Error;

use super::{Exported, LoadError, LoadErrorKind, Loaded};
use crate::model::Map;

/// A file format Argmap reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The native `.argmap.json`.
    Native,
    /// Argdown text (`.argdown`, `.ad`).
    Argdown,
    /// AIF JSON (`.aif.json`, `.json`).
    Aif,
    /// Kialo discussion export (`.txt`).
    Kialo,
    /// GraphML for yEd (`.graphml`).
    Graphml,
    /// Graphviz DOT (`.dot`, `.gv`).
    Dot,
    /// Mermaid flowchart (`.mmd`).
    Mermaid,
    /// Markdown outline (`.md`).
    Markdown,
    /// Argument-graph XML of the argumentative microtext corpus (`.xml`).
    Arggraph,
}

/// Why a conversion cannot be done.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormatError {
    /// The format is write-only or read-only.
    #[error("format {format} cannot be {what}")]
    Unsupported {
        /// The format's name.
        format: &'static str,
        /// "imported" or "exported".
        what: &'static str,
    },
    /// No format matches a name or extension.
    #[error("unknown format '{0}' (known: {names})", names = Format::names())]
    Unknown(String),
}

/// Extensions, longest first so that `.argmap.json` and `.aif.json` win
/// over `.json`.
const EXTENSIONS: [(&str, Format); 12] = [
    (".argmap.json", Format::Native),
    (".aif.json", Format::Aif),
    (".argdown", Format::Argdown),
    (".graphml", Format::Graphml),
    (".json", Format::Aif),
    (".mmd", Format::Mermaid),
    (".txt", Format::Kialo),
    (".dot", Format::Dot),
    (".ad", Format::Argdown),
    (".gv", Format::Dot),
    (".md", Format::Markdown),
    (".xml", Format::Arggraph),
];

impl Format {
    /// Every format.
    pub const ALL: [Format; 9] = [
        Format::Native,
        Format::Argdown,
        Format::Aif,
        Format::Kialo,
        Format::Graphml,
        Format::Dot,
        Format::Mermaid,
        Format::Markdown,
        Format::Arggraph,
    ];

    /// The name used by `--from` and `--to`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::Argdown => "argdown",
            Format::Aif => "aif",
            Format::Kialo => "kialo",
            Format::Graphml => "graphml",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Markdown => "markdown",
            Format::Arggraph => "arggraph",
        }
    }

    fn names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }

    /// The usual extension when writing this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Native => ".argmap.json",
            Format::Argdown => ".argdown",
            Format::Aif => ".aif.json",
            Format::Kialo => ".txt",
            Format::Graphml => ".graphml",
            Format::Dot => ".dot",
            Format::Mermaid => ".mmd",
            Format::Markdown => ".md",
            Format::Arggraph => ".xml",
        }
    }

    /// The format a path's extension names (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        EXTENSIONS
            .iter()
            .find(|(ext, _)| name.ends_with(ext) && name.len() > ext.len())
            .map(|&(_, f)| f)
    }

    /// The format a `--from`/`--to` name means; extensions and a few
    /// aliases (`json` for native, `ad`, `gv`, `md`, `mmd`) work too.
    pub fn from_name(name: &str) -> Result<Format, FormatError> {
        let lower = name.trim().trim_start_matches('.').to_lowercase();
        let alias = match lower.as_str() {
            "argmap" | "argmap.json" => Some(Format::Native),
            "ad" => Some(Format::Argdown),
            "aif.json" | "xaif" => Some(Format::Aif),
            "txt" => Some(Format::Kialo),
            "gv" | "graphviz" => Some(Format::Dot),
            "mmd" => Some(Format::Mermaid),
            "md" => Some(Format::Markdown),
            _ => None,
        };
        alias
            .or_else(|| Format::ALL.into_iter().find(|f| f.name() == lower))
            .ok_or_else(|| FormatError::Unknown(name.to_owned()))
    }

    /// Whether Argmap can read this format.
    pub fn can_import(self) -> bool {
        matches!(
            self,
            Format::Native
                | Format::Argdown
                | Format::Aif
                | Format::Kialo
                | Format::Dot
                | Format::Graphml
                | Format::Arggraph
        )
    }

    /// Whether Argmap can write this format.
    pub fn can_export(self) -> bool {
        !matches!(self, Format::Kialo | Format::Arggraph)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Names `file` in the error or in every warning of an import.
fn in_file(result: Result<Loaded, LoadError>, file: Option<&Path>) -> Result<Loaded, LoadError> {
    let Some(file) = file else { return result };
    match result {
        Ok(mut loaded) => {
            for w in &mut loaded.warnings {
                match &mut w.at {
                    Some(at) => at.file = Some(file.to_owned()),
                    None => {
                        w.at = Some(super::Location {
                            file: Some(file.to_owned()),
                            ..Default::default()
                        })
                    }
                }
            }
            Ok(loaded)
        }
        Err(e) => Err(e.in_file(file)),
    }
}

/// Reads `text` in `format`. `file` names the input in warnings and, with
/// `base_dir`, locates included or referenced files.
///
/// Errors: the format's own, and — for every format but the native one —
/// a non-empty file that yields no statement at all (most likely another
/// format taken for this one; see [`import_allowing_empty`]). A
/// well-formed AIF document with no nodes gives an empty map and a warning.
pub fn import(
    format: Format,
    text: &str,
    file: Option<&Path>,
    base_dir: Option<&Path>,
) -> Result<Loaded, LoadError> {
    let loaded = import_allowing_empty(format, text, file, base_dir)?;
    if format == Format::Native || loaded.map.statement_count() > 0 || text.trim().is_empty() {
        return Ok(loaded);
    }
    if format == Format::Aif && aif_has_no_nodes(text) {
        let mut loaded = loaded;
        loaded.warnings.push(super::Warning {
            at: file.map(|f| super::Location {
                file: Some(f.to_owned()),
                ..Default::default()
            }),
            message: "the AIF document has no nodes: the map is empty".to_owned(),
        });
        return Ok(loaded);
    }
    let skipped = loaded.warnings.len();
    let err = LoadError::new(LoadErrorKind::Invalid(format!(
        "read as {}, the file yields no statement ({skipped} import warning{}); it is probably in another format (pass --from, or --allow-empty to accept an empty map)",
        format.name(),
        if skipped == 1 { "" } else { "s" }
    )));
    Err(match file {
        Some(p) => err.in_file(p),
        None => err,
    })
}

/// Whether `text` is an AIF document whose node list is empty
/// (`{"nodes": [], "edges": []}`, or the same inside OVA's `"AIF"` key).
fn aif_has_no_nodes(text: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let doc = match value.get("AIF") {
        Some(serde_json::Value::String(inner)) => {
            serde_json::from_str::<serde_json::Value>(inner).unwrap_or_default()
        }
        Some(inner) => inner.clone(),
        None => value,
    };
    match doc.get("nodes") {
        Some(serde_json::Value::Array(nodes)) => nodes.is_empty(),
        None => doc.as_object().is_some_and(|o| o.is_empty()),
        _ => false,
    }
}

/// Whether a `.json` text is a SADFace document rather than AIF.
fn is_sadface(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .is_ok_and(|v| super::sadface::looks_like_sadface(&v))
}

/// [`import`] that accepts a file yielding no statement (an empty map).
pub fn import_allowing_empty(
    format: Format,
    text: &str,
    file: Option<&Path>,
    base_dir: Option<&Path>,
) -> Result<Loaded, LoadError> {
    if !format.can_import() {
        let err = LoadError::new(LoadErrorKind::Invalid(
            FormatError::Unsupported {
                format: format.name(),
                what: "imported",
            }
            .to_string(),
        ));
        return Err(match file {
            Some(p) => err.in_file(p),
            None => err,
        });
    }
    match format {
        Format::Native => {
            let dir = base_dir
                .map(Path::to_path_buf)
                .or_else(|| file.and_then(Path::parent).map(Path::to_path_buf))
                .unwrap_or_default();
            let sources = super::native::SourceDir(dir);
            let options = super::native::LoadOptions { sources: &sources };
            super::native::from_str(text, &options).map_err(|e| match file {
                Some(p) => e.in_file(p),
                None => e,
            })
        }
        Format::Argdown => {
            let options = super::argdown::ArgdownImportOptions {
                file: file.map(Path::to_path_buf),
                base_dir: base_dir.map(Path::to_path_buf),
                ..Default::default()
            };
            super::argdown::import(text, &options)
        }
        Format::Aif if is_sadface(text) => {
            // SADFace shares `.json` with AIF: said, never silent.
            let mut loaded = in_file(super::sadface::import(text), file)?;
            loaded.warnings.insert(
                0,
                super::Warning {
                    at: file.map(|f| super::Location {
                        file: Some(f.to_owned()),
                        ..Default::default()
                    }),
                    message: "the JSON is SADFace (atoms, schemes, edges with source_id), not AIF; read as SADFace".into(),
                },
            );
            Ok(loaded)
        }
        Format::Aif => in_file(
            super::aif::import(text, &super::aif::AifImportOptions::default()),
            file,
        ),
        Format::Kialo => in_file(
            super::kialo::import(text, &super::kialo::KialoImportOptions::default()),
            file,
        ),
        Format::Dot => in_file(
            super::dot_read::import(text, &super::dot_read::DotImportOptions::default()),
            file,
        ),
        Format::Graphml => in_file(
            super::graphml_read::import(
                text,
                &super::graphml_read::GraphmlImportOptions::default(),
            ),
            file,
        ),
        Format::Arggraph => in_file(super::arggraph::import(text), file),
        Format::Mermaid | Format::Markdown => {
            unreachable!("checked by can_import")
        }
    }
}

/// Writes `map` in `format`, with the format's default options.
pub fn export(format: Format, map: &Map) -> Result<Exported, FormatError> {
    if !format.can_export() {
        return Err(FormatError::Unsupported {
            format: format.name(),
            what: "exported",
        });
    }
    match format {
        Format::Native => Ok(Exported {
            text: super::native::to_string(
                map,
                &super::native::SaveOptions {
                    inline_sources: true,
                },
            ),
            losses: Vec::new(),
        }),
        Format::Argdown => Ok(super::argdown::export(
            map,
            &super::argdown::ArgdownExportOptions::default(),
        )),
        Format::Markdown => Ok(super::markdown::export(
            map,
            &super::markdown::MarkdownOptions::default(),
        )),
        Format::Aif => Ok(super::aif::export(
            map,
            &super::aif::AifExportOptions::default(),
        )),
        Format::Graphml => Ok(super::graphml::export(
            map,
            &super::graphml::GraphmlOptions::default(),
        )),
        Format::Dot => Ok(super::dot::export(map, &super::dot::DotOptions::default())),
        Format::Mermaid => Ok(super::mermaid::export(
            map,
            &super::mermaid::MermaidOptions::default(),
        )),
        Format::Kialo | Format::Arggraph => unreachable!("checked by can_export"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_pick_formats_longest_first() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a.argmap.json"), Some(Format::Native));
        assert_eq!(f("dir/A.AIF.JSON"), Some(Format::Aif));
        assert_eq!(f("x.json"), Some(Format::Aif));
        assert_eq!(f("x.argdown"), Some(Format::Argdown));
        assert_eq!(f("x.ad"), Some(Format::Argdown));
        assert_eq!(f("x.txt"), Some(Format::Kialo));
        assert_eq!(f("x.graphml"), Some(Format::Graphml));
        assert_eq!(f("x.gv"), Some(Format::Dot));
        assert_eq!(f("x.dot"), Some(Format::Dot));
        assert_eq!(f("x.mmd"), Some(Format::Mermaid));
        assert_eq!(f("x.md"), Some(Format::Markdown));
        assert_eq!(f("x.pdf"), None);
        assert_eq!(f(".json"), None);
    }

    #[test]
    fn names_and_capabilities() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Ok(f));
            assert_eq!(
                Format::from_path(Path::new(&format!("m{}", f.extension()))),
                Some(f)
            );
        }
        assert_eq!(Format::from_name("AD"), Ok(Format::Argdown));
        assert!(Format::from_name("pdf").is_err());
        assert!(Format::Kialo.can_import() && !Format::Kialo.can_export());
        assert!(Format::Dot.can_import() && Format::Dot.can_export());
        assert!(!Format::Mermaid.can_import());
    }

    #[test]
    fn every_format_dispatches() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        for f in Format::ALL.into_iter().filter(|f| f.can_export()) {
            let out = export(f, &map).unwrap_or_else(|e| panic!("{f}: {e}"));
            assert!(!out.text.is_empty(), "{f}");
            if f.can_import() {
                let back = import(f, &out.text, None, None).unwrap_or_else(|e| panic!("{f}: {e}"));
                assert_eq!(back.map.statement_count(), map.statement_count(), "{f}");
            }
        }
        assert!(export(Format::Kialo, &map).is_err());
        assert!(import(Format::Mermaid, "", None, None).is_err());
        let err = import(Format::Aif, "{", Some(Path::new("x.json")), None).unwrap_err();
        assert!(err.to_string().contains("x.json"), "{err}");
    }
}
