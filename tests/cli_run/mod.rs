//! Runs the real `argmap` binary for the CLI tests, from the crate's root
//! (so relative paths such as `maps/…` resolve), and returns its output.
//! Kept apart from `tests/common`, which pulls in egui_kittest.

use std::ffi::OsStr;
use std::process::{Command, Output};

/// `argmap ARGS…`, run to the end; panics only when the binary cannot be
/// started at all.
pub fn argmap<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}
