//! Conformance of the AIF importer with real files written by others: the
//! QT30 nodesets and the OVA3 save in `../shared/corpus/aif` (not part of the
//! project). Run with `cargo test --test aif_corpus -- --ignored`.
//!
//! For each file the statements created must equal the README's I count and
//! the inference nodes its "relation nodes with premise and target",
//! exactly (a relation node running from a statement back to itself is kept,
//! and reported as `premise-is-target`). Each map then goes to the native
//! format and back, and out to AIF again.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use argmap::io::aif::{self, AifExportOptions, AifImportOptions};
use argmap::io::native::{self, LoadOptions, NoSourceFiles, SaveOptions};

const CORPUS: &str = "../shared/corpus";

/// (file, I count, relation nodes with premise and target) from the README table.
fn expected(readme: &str) -> Vec<(String, usize, usize)> {
    readme
        .lines()
        .filter(|l| l.starts_with("| aif/"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // | file | nodes | edges | I | RA | CA | MA | L | YA | TA | locutions | relation | notes |
            let num = |i: usize| cells[i].parse::<usize>().expect("a count");
            (cells[1].to_owned(), num(4), num(12))
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus; run with --ignored"]
fn aif_corpus_conformance() {
    // From a worktree outside the main checkout, ARGMAP_CORPUS names the folder.
    let dir = std::env::var("ARGMAP_CORPUS").unwrap_or_else(|_| CORPUS.to_owned());
    let root = Path::new(&dir);
    let Ok(readme) = std::fs::read_to_string(root.join("README.md")) else {
        eprintln!("skipped: {dir}/README.md is absent");
        return;
    };
    let files = expected(&readme);
    assert!(!files.is_empty(), "the README table lists AIF files");
    let started = Instant::now();
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut details = Vec::new();
    println!(
        "{:<38} {:>6} {:>6} {:>9} {:>9} {:>8}  warnings",
        "file", "I exp", "I got", "rel exp", "rel got", "ms"
    );
    for (file, i_expected, rel_expected) in &files {
        let t = Instant::now();
        let text = std::fs::read_to_string(root.join(file)).expect("corpus file readable");
        let got = aif::import_detailed(&text, &AifImportOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let map = &got.loaded.map;
        assert_eq!(map.statement_count(), got.statements);
        assert_eq!(map.inference_count(), got.inferences);
        // Native and back, then out to AIF and in again.
        let saved = native::to_string(map, &SaveOptions::default());
        let back = native::from_str(
            &saved,
            &LoadOptions {
                sources: &NoSourceFiles,
            },
        )
        .unwrap_or_else(|e| panic!("{file}: native round trip: {e}"))
        .map;
        assert!(back == *map, "{file}: native round trip changed the map");
        let out = aif::export(&back, &AifExportOptions::default());
        let again = aif::import_detailed(&out.text, &AifImportOptions::default())
            .unwrap_or_else(|e| panic!("{file}: re-import of the export: {e}"));
        assert_eq!(
            again.statements, got.statements,
            "{file}: AIF → native → AIF"
        );
        assert_eq!(
            again.inferences, got.inferences,
            "{file}: AIF → native → AIF"
        );
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let summary: Vec<String> = got
            .warning_kinds
            .iter()
            .map(|(k, n)| format!("{k}={n}"))
            .collect();
        println!(
            "{:<38} {:>6} {:>6} {:>9} {:>9} {:>8.1}  {}",
            file.trim_start_matches("aif/"),
            i_expected,
            got.statements,
            rel_expected,
            got.inferences,
            ms,
            summary.join(" ")
        );
        for w in &got.loaded.warnings {
            if w.at.is_none() {
                details.push(format!(
                    "  {}: {}",
                    file.trim_start_matches("aif/"),
                    w.message
                ));
            }
        }
        for (k, n) in &got.warning_kinds {
            *kinds.entry(k).or_default() += n;
        }
        if got.statements != *i_expected || got.inferences != *rel_expected {
            failures.push(file.clone());
        }
    }
    println!("{}", details.join("\n"));
    println!(
        "{} files in {:.0} ms; warnings by kind: {:?}",
        files.len(),
        started.elapsed().as_secs_f64() * 1000.0,
        kinds
    );
    assert!(failures.is_empty(), "counts differ for {failures:?}");
}
