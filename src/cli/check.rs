//! `argmap check [--lint] FILE…`: load, validate and verify anchors, and
//! optionally run the coverage lint and the scheme lint. Unresolved merge
//! conflicts (from `argmap merge-driver`) are errors.

use std::path::PathBuf;

use crate::io::native;
use crate::model::lint::{LintKind, coverage_problems, scheme_problems};
use crate::model::verify_anchors;

/// Checks each file; prints problems to stderr and a summary line per good
/// file to stdout. With `lint`, also prints coverage-lint findings to stderr
/// as `warning: FILE: kind: statement 'ID'[, evidence 'ID']: message`; they
/// do not make a file fail. The scheme lint (unbound roles, open critical
/// questions, deleted objections; schemes resolved against the map's own
/// definitions and the bundled catalogue) prints
/// `warning: FILE: kind: inference 'ID', question 'Q': message` (`role 'R'`
/// for unbound roles). Orphaned anchors are left to the anchor check,
/// which reports them as errors. Returns whether every file passed.
pub fn run(files: &[PathBuf], lint: bool) -> bool {
    let mut all_ok = true;
    for file in files {
        match native::load_file(file) {
            Err(e) => {
                eprintln!("error: {e}");
                all_ok = false;
            }
            Ok(loaded) => {
                for c in loaded.map.conflicts() {
                    eprintln!(
                        "error: {}: unresolved merge conflict: {}",
                        file.display(),
                        c.describe()
                    );
                    all_ok = false;
                }
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
                if lint {
                    // Orphaned anchors are already errors of the anchor check.
                    let problems: Vec<_> = coverage_problems(&loaded.map)
                        .into_iter()
                        .filter(|p| p.kind != LintKind::OrphanedAnchor)
                        .collect();
                    for p in &problems {
                        let evidence = p
                            .evidence
                            .as_ref()
                            .map(|e| format!(", evidence '{e}'"))
                            .unwrap_or_default();
                        eprintln!(
                            "warning: {}: {}: statement '{}'{evidence}: {}",
                            file.display(),
                            p.kind.as_str(),
                            p.node,
                            p.message
                        );
                    }
                    outln!(
                        "lint: {}: {} coverage warning{}",
                        file.display(),
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    );
                    let scheme_lint = scheme_problems(&loaded.map, crate::io::schemes::bundled());
                    for p in &scheme_lint {
                        let what = if p.kind == LintKind::UnboundRole {
                            "role"
                        } else {
                            "question"
                        };
                        eprintln!(
                            "warning: {}: {}: inference '{}', {what} '{}': {}",
                            file.display(),
                            p.kind.as_str(),
                            p.node,
                            p.question.as_deref().unwrap_or_default(),
                            p.message
                        );
                    }
                    outln!(
                        "lint: {}: {} scheme warning{}",
                        file.display(),
                        scheme_lint.len(),
                        if scheme_lint.len() == 1 { "" } else { "s" }
                    );
                }
                if report.problems.is_empty() && loaded.map.conflicts().is_empty() {
                    outln!(
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
