//! Replays what the AFL harnesses in `fuzz/` kept: each harness's
//! minimised corpus (`fuzz/corpus/NAME/`) and every input that once
//! crashed a reader (`fuzz/regressions/NAME/`), through the same
//! `argmap::fuzz::run` the harnesses call. A crash found by fuzzing stays
//! fixed; the corpus replay is the cheap CI smoke run of the fuzzers.

use std::path::Path;

use argmap::fuzz::{Target, run};

/// Every file under `fuzz/KIND/NAME/` for each target, sorted.
fn inputs(kind: &str) -> Vec<(Target, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind);
    let mut out = Vec::new();
    for target in Target::ALL {
        let Ok(entries) = std::fs::read_dir(root.join(target.name())) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        paths.sort();
        out.extend(paths.into_iter().map(|p| (target, p)));
    }
    out
}

fn replay(kind: &str) -> usize {
    let all = inputs(kind);
    for (target, path) in &all {
        let bytes = std::fs::read(path).expect("readable");
        let outcome = std::panic::catch_unwind(|| run(*target, &bytes));
        assert!(
            outcome.is_ok(),
            "{} panics on {}",
            target.name(),
            path.display()
        );
    }
    all.len()
}

#[test]
fn saved_corpus_and_former_crashes_replay_without_a_crash() {
    let corpus = replay("corpus");
    let crashes = replay("regressions");
    assert!(corpus > 0, "fuzz/corpus holds no input");
    eprintln!("replayed {corpus} corpus inputs and {crashes} former crashes");
}
