//! `argmap check FILE…`: load, validate and verify anchors.

use std::path::PathBuf;

use crate::io::native;
use crate::model::verify_anchors;

/// Checks each file; prints problems to stderr and a summary line per good
/// file to stdout. Returns whether every file passed.
pub fn run(files: &[PathBuf]) -> bool {
    let mut all_ok = true;
    for file in files {
        match native::load_file(file) {
            Err(e) => {
                eprintln!("error: {e}");
                all_ok = false;
            }
            Ok(loaded) => {
                let report = verify_anchors(&loaded.map);
                // Anchor mismatches are reported once, by the anchor check.
                for w in loaded
                    .warnings
                    .iter()
                    .filter(|w| !w.message.contains("does not match source"))
                {
                    eprintln!("warning: {w}");
                }
                for p in &report.problems {
                    eprintln!(
                        "error: {}: statement '{}', evidence '{}': {}",
                        file.display(),
                        p.statement,
                        p.evidence,
                        p.message
                    );
                }
                if report.problems.is_empty() {
                    println!(
                        "ok: {}: {} statements, {} inferences, {}/{} evidence anchors verified against their sources",
                        file.display(),
                        loaded.map.statement_count(),
                        loaded.map.inference_count(),
                        report.verified,
                        report.checked
                    );
                } else {
                    all_ok = false;
                }
            }
        }
    }
    all_ok
}
