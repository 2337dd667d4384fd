//! PNG export: the figure's SVG rendered by resvg (tiny-skia) with egui's
//! own fonts (no system fonts), at a chosen scale.

use super::{ExportError, usvg_tree};
use crate::scene::{Figure, TextMeasurer};

/// Largest image side accepted, in pixels.
pub const MAX_SIDE: u64 = 16_384;

/// Renders `figure` as a PNG at `scale` device pixels per canvas pixel.
pub fn render(
    figure: &Figure,
    measurer: &TextMeasurer,
    scale: f32,
) -> Result<Vec<u8>, ExportError> {
    render_pixmap(figure, measurer, scale)?
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))
}

/// Renders `figure` into RGBA pixels at `scale` (what [`render`] encodes).
pub fn render_pixmap(
    figure: &Figure,
    measurer: &TextMeasurer,
    scale: f32,
) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    let width = (figure.bounds.width() * scale).ceil().max(1.0) as u64;
    let height = (figure.bounds.height() * scale).ceil().max(1.0) as u64;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    let svg = super::svg::render(figure, measurer, false);
    let tree = usvg_tree(&svg)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width as u32, height as u32).ok_or(
        ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        },
    )?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
