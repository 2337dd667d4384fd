//! The graph-format part of `argmap conformance DIR`: every file under
//! `DIR/graphml`, `DIR/dot`, `DIR/sadface` and `DIR/arggraph` is imported,
//! its counts are compared with the table in `DIR/README.md`, and it is
//! round-tripped: GraphML and DOT through Argmap's own export of the same
//! format, SADFace and arggraph (which Argmap does not write) through the
//! native format. The fixtures Argmap ships for this are in
//! `tests/fixtures/conformance/`.

use std::collections::HashMap;
use std::path::Path;

use crate::io::formats::{self, Format};
use crate::io::{Loaded, sadface};
use crate::model::{InferenceKind, Map};

/// The folders read, each with the reader it takes.
const FOLDERS: [&str; 4] = ["graphml", "dot", "sadface", "arggraph"];

/// What a map holds, in the README table's columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GraphCounts {
    /// Statements.
    pub statements: usize,
    /// Inference nodes of kind support.
    pub supports: usize,
    /// Inference nodes of kind conflict (undercuts included).
    pub conflicts: usize,
    /// Inferences aimed at another inference.
    pub undercuts: usize,
    /// Inferences with two or more premises.
    pub linked: usize,
}

impl GraphCounts {
    /// Counts `map`.
    pub fn of(map: &Map) -> GraphCounts {
        let mut c = GraphCounts {
            statements: map.statement_count(),
            ..GraphCounts::default()
        };
        for ix in map.graph().node_indices() {
            let Some(inf) = map.graph()[ix].as_inference() else {
                continue;
            };
            match inf.kind {
                InferenceKind::Support => c.supports += 1,
                InferenceKind::Conflict => c.conflicts += 1,
                InferenceKind::Rephrase => {}
            }
            c.undercuts += usize::from(map.is_undercut(ix));
            c.linked += usize::from(map.premises_of(ix).len() >= 2);
        }
        c
    }

    fn cells(self) -> [usize; 5] {
        [
            self.statements,
            self.supports,
            self.conflicts,
            self.undercuts,
            self.linked,
        ]
    }
}

/// Reference counts from the README table: `| dir/file | 5 numbers |`.
fn reference_counts(readme: &str) -> HashMap<String, GraphCounts> {
    let mut out = HashMap::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 8
            || !FOLDERS
                .iter()
                .any(|f| cells[1].starts_with(&format!("{f}/")))
        {
            continue;
        }
        let nums: Vec<usize> = cells[2..7].iter().filter_map(|c| c.parse().ok()).collect();
        if let [statements, supports, conflicts, undercuts, linked] = nums[..] {
            let counts = GraphCounts {
                statements,
                supports,
                conflicts,
                undercuts,
                linked,
            };
            out.insert(cells[1].to_owned(), counts);
        }
    }
    out
}

/// Whether `dir` holds any of the graph-format folders.
pub fn present(dir: &Path) -> bool {
    FOLDERS.iter().any(|f| dir.join(f).is_dir())
}

/// Imports `text` from `folder`'s format.
fn import(folder: &str, text: &str, path: &Path) -> Result<Loaded, String> {
    let loaded = match folder {
        "sadface" => sadface::import(text),
        "graphml" => formats::import(Format::Graphml, text, Some(path), None),
        "dot" => formats::import(Format::Dot, text, Some(path), None),
        _ => formats::import(Format::Arggraph, text, Some(path), None),
    };
    loaded.map_err(|e| e.to_string())
}

/// The file's map written out and read back: in its own format where
/// Argmap writes it, else through the native format.
fn round_trip(folder: &str, map: &Map) -> Result<Map, String> {
    let format = match folder {
        "graphml" => Format::Graphml,
        "dot" => Format::Dot,
        _ => Format::Native,
    };
    let written = formats::export(format, map).map_err(|e| e.to_string())?;
    formats::import(format, &written.text, None, None)
        .map(|l| l.map)
        .map_err(|e| format!("{} round trip: {e}", format.name()))
}

/// Runs the graph-format part over `dir`; prints a table and returns
/// false if a file fails to import, differs from its reference row, has
/// no row, or changes in its round trip.
pub fn run(dir: &Path) -> bool {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    let reference = reference_counts(&readme);
    let mut ok = true;
    let mut files = 0;
    outln!(
        "file | statements | supports | conflicts | undercuts | linked (ref where different) | warnings | round trip"
    );
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            files += 1;
            let name = format!(
                "{folder}/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    outln!("{name} | ERROR {e}");
                    ok = false;
                    continue;
                }
            };
            let loaded = match import(folder, &text, &path) {
                Ok(l) => l,
                Err(e) => {
                    outln!("{name} | ERROR {e}");
                    ok = false;
                    continue;
                }
            };
            let found = GraphCounts::of(&loaded.map);
            let want = reference.get(&name).copied();
            let cells: Vec<String> = match want {
                Some(want) => found
                    .cells()
                    .iter()
                    .zip(want.cells())
                    .map(|(f, w)| {
                        if *f == w {
                            f.to_string()
                        } else {
                            format!("{f} ({w})")
                        }
                    })
                    .collect(),
                None => found.cells().iter().map(|f| format!("{f} (?)")).collect(),
            };
            ok &= want == Some(found);
            let trip = match round_trip(folder, &loaded.map) {
                Ok(back) if GraphCounts::of(&back) == found => "ok".to_owned(),
                Ok(back) => format!("CHANGED to {:?}", GraphCounts::of(&back)),
                Err(e) => format!("ERROR {e}"),
            };
            ok &= trip == "ok";
            outln!(
                "{name} | {} | {} | {trip}",
                cells.join(" | "),
                loaded.warnings.len()
            );
            for w in &loaded.warnings {
                outln!("    warning: {}", w.message);
            }
        }
    }
    outln!(
        "{files} graph-format files; {}",
        if ok {
            "all match their reference and round-trip"
        } else {
            "SOME DIFFER (marked above)"
        }
    );
    ok && files > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_reference_rows_of_known_folders_only() {
        let readme = "| file | s | su | c | u | l |\n|---|---|---|---|---|---|\n\
                      | dot/a.dot | 6 | 2 | 3 | 0 | 1 |\n| argdown/x.argdown | 1 | 2 | 3 | 4 | 5 |\n";
        let r = reference_counts(readme);
        assert_eq!(r.len(), 1);
        assert_eq!(
            r["dot/a.dot"],
            GraphCounts {
                statements: 6,
                supports: 2,
                conflicts: 3,
                undercuts: 0,
                linked: 1
            }
        );
    }
}
