//! The visual renderers: each draws one output from the same
//! [`crate::scene::Figure`], as typst's `typst-svg`, `typst-render` and
//! `typst-pdf` each render one shared intermediate.
//!
//! - [`svg`]: SVG 1.1 text (the evaluation overlay in `svg_eval`);
//! - [`png`]: the SVG rasterised by resvg;
//! - [`pdf`]: the SVG drawn as vector PDF by krilla;
//! - [`handout`]: tour hand-outs, one PDF page per tour step;
//! - [`html`]: one self-contained web page with the drawing, the map's
//!   data and a small viewer script ([`html_data`] builds the data).
//!
//! This module holds what they share: their error type, and the fonts the
//! canvas measured with (egui's, plus the system fallbacks the scene chose)
//! loaded into one font database for resvg and krilla.
//! The formats that carry the map's content live in [`crate::io`].

pub mod handout;
pub mod html;
pub mod html_data;
pub mod pdf;
pub mod png;
pub mod svg;
mod svg_eval;
mod svg_text;

use std::sync::{Arc, OnceLock};

use usvg::fontdb;

use crate::scene::TextMeasurer;

/// Why a diagram could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The image would be too large to allocate.
    #[error(
        "the image would be {width}×{height} px, more than the {max} px allowed per side; use a smaller --scale"
    )]
    TooLarge {
        /// Width asked for, in pixels.
        width: u64,
        /// Height asked for, in pixels.
        height: u64,
        /// Largest side allowed.
        max: u64,
    },
    /// The scale is not a positive finite number.
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    /// Our own SVG did not parse (a bug).
    #[error("internal SVG could not be read: {0}")]
    Svg(String),
    /// The PNG encoder failed.
    #[error("PNG encoding failed: {0}")]
    Png(String),
    /// The PDF writer failed.
    #[error("PDF writing failed: {0}")]
    Pdf(String),
    /// The HTML page's data block could not be written as JSON.
    #[error("the page's data could not be written: {0}")]
    Data(String),
}

/// egui's proportional fonts, loaded once.
pub struct FontSet {
    /// A font database holding only egui's fonts.
    pub db: Arc<fontdb::Database>,
    /// For each egui font name (in fallback order), the family name the
    /// font file declares, which resvg and krilla match on.
    pub families: Vec<(String, String)>,
}

/// The shared font set of egui's default fonts.
pub fn font_set() -> &'static FontSet {
    static SET: OnceLock<FontSet> = OnceLock::new();
    SET.get_or_init(|| {
        let measurer = TextMeasurer::new();
        let mut db = fontdb::Database::new();
        let mut families = Vec::new();
        for (name, bytes) in measurer.proportional_fonts() {
            let before: Vec<fontdb::ID> = db.faces().map(|f| f.id).collect();
            db.load_font_data(bytes.to_vec());
            // A system font may be a collection (Noto Sans CJK holds JP, KR,
            // SC…): take the face named like the egui font, else the first.
            let wanted = name.strip_prefix(crate::scene::fonts::SYSTEM_PREFIX);
            let new: Vec<&fontdb::FaceInfo> =
                db.faces().filter(|f| !before.contains(&f.id)).collect();
            let face = new
                .iter()
                .find(|f| wanted.is_some_and(|w| f.families.iter().any(|(n, _)| n == w)))
                .or(new.first());
            if let Some(face) = face
                && let Some((family, _)) = face.families.first()
            {
                families.push((name, family.clone()));
            }
        }
        FontSet {
            db: Arc::new(db),
            families,
        }
    })
}

/// Parses SVG we wrote into a usvg tree with egui's fonts.
pub fn usvg_tree(svg: &str) -> Result<usvg::Tree, ExportError> {
    let set = font_set();
    let options = usvg::Options {
        fontdb: set.db.clone(),
        font_family: set
            .families
            .first()
            .map(|f| f.1.clone())
            .unwrap_or_default(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Svg(e.to_string()))
}
