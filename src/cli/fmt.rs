//! `argmap fmt FILE… [--check]`: rewrite maps in canonical form.

use std::path::PathBuf;

use crate::io::native;

/// Rewrites each file that is not canonical (or, with `check_only`, only
/// reports it). Returns false on any error, or on any non-canonical file
/// when only checking.
pub fn run(files: &[PathBuf], check_only: bool) -> bool {
    let mut ok = true;
    for file in files {
        let loaded = match native::load_file(file) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e}");
                ok = false;
                continue;
            }
        };
        let before = std::fs::read_to_string(file).unwrap_or_default();
        let after = native::text_for_path(&loaded.map, file);
        if after == before {
            continue;
        }
        if check_only {
            outln!("not canonical: {}", file.display());
            ok = false;
        } else if let Err(e) = crate::io::write_atomic(file, after.as_bytes()) {
            eprintln!("error: {}: cannot write: {e}", file.display());
            ok = false;
        } else {
            outln!("formatted: {}", file.display());
        }
    }
    ok
}
