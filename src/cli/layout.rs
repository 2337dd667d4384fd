//! `argmap layout FILE [--all] [--left-right]`: auto-layout a map file in place.

use std::path::Path;

use crate::io::native;
use crate::layout::{Direction, LayoutOptions};
use crate::scene::TextMeasurer;

/// Lays out `file` and saves it. Pinned nodes stay unless `all` is set.
pub fn run(file: &Path, all: bool, left_right: bool, compactness: f32) -> bool {
    let mut loaded = match native::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let options = LayoutOptions {
        direction: if left_right {
            Direction::LeftRight
        } else {
            Direction::TopDown
        },
        compactness,
        ..LayoutOptions::default()
    };
    let measurer = TextMeasurer::new();
    let cmd = crate::autolayout::relayout(&loaded.map, &measurer, &options, all);
    let moved = match &cmd {
        crate::ops::Command::Place(p) => p.len(),
        _ => 0,
    };
    if let Err(e) = crate::ops::apply(&mut loaded.map, cmd) {
        eprintln!("error: {}: {e}", file.display());
        return false;
    }
    if let Err(e) = native::save_file(&loaded.map, file) {
        eprintln!("error: {}: cannot write: {e}", file.display());
        return false;
    }
    outln!("laid out {}: {moved} node(s) placed", file.display());
    true
}
