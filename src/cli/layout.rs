//! `argmap layout FILE [--all] [--left-right] [--style compact|wide]
//! [--aspect R | --page a4|a3|letter [--orientation landscape|portrait]]`:
//! auto-layout a map file in place.

use std::path::Path;

use crate::io::native;
use crate::layout::{DEFAULT_ASPECT, Direction, LayoutOptions, LayoutStyle};
use crate::render::pdf::{self, Orientation, PageSize};
use crate::scene::TextMeasurer;

/// What `argmap layout` was asked for.
#[derive(Clone, Copy, Debug)]
pub struct LayoutArgs<'a> {
    /// The map file, rewritten in place.
    pub file: &'a Path,
    /// Place pinned nodes afresh too, and unpin them.
    pub all: bool,
    /// Thesis on the left.
    pub left_right: bool,
    /// 0 (airy) to 1 (tight).
    pub compactness: f32,
    /// `compact` or `wide`.
    pub style: &'a str,
    /// Wanted width / height (compact).
    pub aspect: Option<f32>,
    /// A page whose printable area gives the aspect ratio: `a4`, `a3`, `letter`.
    pub page: Option<&'a str>,
    /// The page's `landscape` or `portrait`.
    pub orientation: &'a str,
}

/// The layout options `args` ask for, or a message saying what is wrong.
fn options(args: &LayoutArgs) -> Result<LayoutOptions, String> {
    let style = LayoutStyle::parse(args.style)
        .ok_or_else(|| format!("unknown style '{}': use compact or wide", args.style))?;
    let aspect = match (args.aspect, args.page) {
        (Some(a), _) if !(a.is_finite() && a > 0.0) => {
            return Err(format!("--aspect must be a positive number, not {a}"));
        }
        (Some(a), _) => a,
        (None, Some(name)) => {
            let pages = PageSize::parse(name)
                .filter(|p| *p != PageSize::Fit)
                .ok_or_else(|| format!("unknown page '{name}': use a4, a3 or letter"))?;
            let orientation = Orientation::parse(args.orientation)
                .filter(|o| *o != Orientation::Auto)
                .ok_or_else(|| {
                    format!(
                        "unknown orientation '{}': use landscape or portrait",
                        args.orientation
                    )
                })?;
            pdf::page_aspect(pages, orientation).unwrap_or(DEFAULT_ASPECT)
        }
        (None, None) => DEFAULT_ASPECT,
    };
    Ok(LayoutOptions {
        direction: if args.left_right {
            Direction::LeftRight
        } else {
            Direction::TopDown
        },
        style,
        aspect,
        compactness: args.compactness,
        ..LayoutOptions::default()
    })
}

/// Lays out the file and saves it. Pinned nodes stay unless `all` is set.
/// Returns whether it succeeded (errors go to stderr).
pub fn run(args: &LayoutArgs) -> bool {
    let file = args.file;
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let mut loaded = match native::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let measurer = TextMeasurer::new();
    let cmd = crate::autolayout::relayout(&loaded.map, &measurer, &options, args.all);
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
    let scene = crate::scene::build(
        &loaded.map,
        &measurer,
        &crate::scene::SceneOptions::default(),
    );
    let (w, h) = (scene.bounds.width(), scene.bounds.height());
    outln!(
        "laid out {}: {moved} node(s) placed; drawing {w:.0} x {h:.0} px, aspect {:.2}",
        file.display(),
        w / h.max(1.0)
    );
    true
}
