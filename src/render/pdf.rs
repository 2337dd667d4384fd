//! PDF export through krilla and krilla-svg: the figure's SVG, parsed by
//! usvg with egui's fonts (the same tree PNG export renders), drawn as
//! vector graphics with real, selectable text. One page sized to the map,
//! the map scaled down onto one A4, A3 or Letter page, or the map split
//! across such pages at full size; each split page draws only
//! the boxes, connectors and edges that reach into it, so the file grows
//! with the map, not with the map times the page count.

use krilla::Document;
use krilla::geom::{PathBuilder, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::FillRule;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::{ExportError, usvg_tree};
use crate::model::Pos;
use crate::scene::{Figure, Rect as SceneRect, TextMeasurer};

/// PDF points per canvas pixel (96 px per inch, 72 pt per inch).
pub const POINTS_PER_PIXEL: f32 = 0.75;
/// Largest page side PDF readers accept, in points (200 inches).
const MAX_PAGE: f32 = 14_400.0;
/// Margin of split pages, in points.
const PAGE_MARGIN: f32 = 36.0;

/// The pages of a PDF export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PageSize {
    /// One page exactly the size of the map (scaled down if the map is
    /// larger than the 200-inch limit of PDF readers).
    #[default]
    Fit,
    /// As many A4 pages as the map needs at full size (portrait or
    /// landscape, whichever takes fewer pages), read row by row.
    A4,
    /// As [`PageSize::A4`], on A3 (297 × 420 mm).
    A3,
    /// As [`PageSize::A4`], on US Letter.
    Letter,
}

impl PageSize {
    /// Parses `fit`, `a4`, `a3` or `letter`.
    pub fn parse(name: &str) -> Option<PageSize> {
        match name.to_ascii_lowercase().as_str() {
            "fit" => Some(PageSize::Fit),
            "a4" => Some(PageSize::A4),
            "a3" => Some(PageSize::A3),
            "letter" => Some(PageSize::Letter),
            _ => None,
        }
    }

    /// Portrait paper size in points (ISO 216: A4 210 × 297 mm, A3 297 ×
    /// 420 mm; Letter 8.5 × 11 in), or `None` for [`PageSize::Fit`].
    pub(crate) fn paper(self) -> Option<(f32, f32)> {
        match self {
            PageSize::Fit => None,
            PageSize::A4 => Some((595.28, 841.89)),
            PageSize::A3 => Some((841.89, 1190.55)),
            PageSize::Letter => Some((612.0, 792.0)),
        }
    }
}

/// Which way up the pages are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    /// Portrait or landscape, whichever needs fewer pages (or, for one
    /// page, draws the map larger); portrait on a tie.
    #[default]
    Auto,
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

impl Orientation {
    /// Parses `auto`, `portrait` or `landscape`.
    pub fn parse(name: &str) -> Option<Orientation> {
        match name.to_ascii_lowercase().as_str() {
            "auto" => Some(Orientation::Auto),
            "portrait" => Some(Orientation::Portrait),
            "landscape" => Some(Orientation::Landscape),
            _ => None,
        }
    }

    /// `paper` (portrait) turned this way; `None` for [`Orientation::Auto`].
    fn turn(self, paper: (f32, f32)) -> Option<(f32, f32)> {
        match self {
            Orientation::Auto => None,
            Orientation::Portrait => Some(paper),
            Orientation::Landscape => Some((paper.1, paper.0)),
        }
    }
}

/// How to write a PDF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Page size (or one page sized to the map).
    pub pages: PageSize,
    /// Which way up the pages are.
    pub orientation: Orientation,
    /// Scale the map down (never up) onto a single page of `pages`,
    /// instead of splitting it across pages at full size.
    pub one_page: bool,
}

/// Width over height of the printable area (inside the margins) of
/// `pages` turned `orientation` (`Auto` counts as landscape): the aspect
/// ratio a compact layout should aim at for that page. `None` for
/// [`PageSize::Fit`].
pub fn page_aspect(pages: PageSize, orientation: Orientation) -> Option<f32> {
    let paper = pages.paper()?;
    let (pw, ph) = orientation.turn(paper).unwrap_or((paper.1, paper.0));
    Some((pw - 2.0 * PAGE_MARGIN) / (ph - 2.0 * PAGE_MARGIN))
}

/// The page (points) and scale (points per canvas pixel) that put a map of
/// `w` × `h` canvas pixels on one page of `pages`: at most full size
/// ([`POINTS_PER_PIXEL`]), else as large as fits inside the margins.
/// `None` for [`PageSize::Fit`] or a map without area.
pub fn one_page_scale(
    w: f32,
    h: f32,
    pages: PageSize,
    orientation: Orientation,
) -> Option<((f32, f32), f32)> {
    let paper = pages.paper()?;
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    let scale_on = |(pw, ph): (f32, f32)| {
        POINTS_PER_PIXEL
            .min((pw - 2.0 * PAGE_MARGIN) / w)
            .min((ph - 2.0 * PAGE_MARGIN) / h)
    };
    let page = orientation.turn(paper).unwrap_or_else(|| {
        let landscape = (paper.1, paper.0);
        if scale_on(landscape) > scale_on(paper) {
            landscape
        } else {
            paper
        }
    });
    Some((page, scale_on(page)))
}

/// Writes `figure` as a PDF on `pages`, turned whichever way takes fewer.
pub fn render(
    figure: &Figure,
    measurer: &TextMeasurer,
    pages: PageSize,
) -> Result<Vec<u8>, ExportError> {
    let options = PdfOptions {
        pages,
        ..PdfOptions::default()
    };
    render_with(figure, measurer, &options)
}

/// Writes `figure` as a PDF as `options` say.
pub fn render_with(
    figure: &Figure,
    measurer: &TextMeasurer,
    options: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let pages = options.pages;
    let (w, h) = (figure.bounds.width(), figure.bounds.height());
    let mut document = Document::new();
    let mut metadata = Metadata::new().creator("Argmap".to_owned());
    if !figure.title.is_empty() {
        metadata = metadata.title(figure.title.clone());
    }
    document.set_metadata(metadata);
    let settings = SvgSettings {
        embed_text: true,
        ..SvgSettings::default()
    };
    let bad = || ExportError::Pdf("the map has no area".to_owned());
    if options.one_page && pages.paper().is_some() {
        let ((pw, ph), scale) = one_page_scale(w, h, pages, options.orientation).ok_or_else(bad)?;
        let tree = usvg_tree(&super::svg::render(figure, measurer, false))?;
        let size = Size::from_wh(w * scale, h * scale).ok_or_else(bad)?;
        let mut page =
            document.start_page_with(PageSettings::new(Size::from_wh(pw, ph).ok_or_else(bad)?));
        let mut surface = page.surface();
        // Centred on the page.
        surface.push_transform(&Transform::from_translate(
            (pw - size.width()) / 2.0,
            (ph - size.height()) / 2.0,
        ));
        surface.draw_svg(&tree, size, settings).ok_or_else(bad)?;
        surface.pop();
        surface.finish();
        page.finish();
        return document
            .finish()
            .map_err(|e| ExportError::Pdf(format!("{e:?}")));
    }
    match pages.paper() {
        None => {
            let tree = usvg_tree(&super::svg::render(figure, measurer, false))?;
            let scale = POINTS_PER_PIXEL.min(MAX_PAGE / w).min(MAX_PAGE / h);
            let size = Size::from_wh(w * scale, h * scale).ok_or_else(bad)?;
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            surface.draw_svg(&tree, size, settings).ok_or_else(bad)?;
            surface.finish();
            page.finish();
        }
        Some(paper) => {
            let (pw, ph) = options.orientation.turn(paper).unwrap_or_else(|| {
                best_orientation(paper, w * POINTS_PER_PIXEL, h * POINTS_PER_PIXEL)
            });
            let (cw, ch) = (pw - 2.0 * PAGE_MARGIN, ph - 2.0 * PAGE_MARGIN);
            let full = Size::from_wh(w * POINTS_PER_PIXEL, h * POINTS_PER_PIXEL).ok_or_else(bad)?;
            let cols = (full.width() / cw).ceil().max(1.0) as usize;
            let rows = (full.height() / ch).ceil().max(1.0) as usize;
            let origin = figure.bounds.min;
            for row in 0..rows {
                for col in 0..cols {
                    // This page's part of the canvas, in canvas pixels; only
                    // what reaches into it is drawn on the page.
                    let min = Pos::new(
                        origin.x + col as f32 * cw / POINTS_PER_PIXEL,
                        origin.y + row as f32 * ch / POINTS_PER_PIXEL,
                    );
                    let tile = SceneRect {
                        min,
                        max: Pos::new(min.x + cw / POINTS_PER_PIXEL, min.y + ch / POINTS_PER_PIXEL),
                    };
                    let part =
                        usvg_tree(&super::svg::render(&crop(figure, &tile), measurer, false))?;
                    let mut page = document
                        .start_page_with(PageSettings::new(Size::from_wh(pw, ph).ok_or_else(bad)?));
                    let mut surface = page.surface();
                    let mut clip = PathBuilder::new();
                    clip.push_rect(
                        Rect::from_xywh(PAGE_MARGIN, PAGE_MARGIN, cw, ch).ok_or_else(bad)?,
                    );
                    let clip = clip.finish().ok_or_else(bad)?;
                    surface.push_clip_path(&clip, &FillRule::NonZero);
                    surface.push_transform(&Transform::from_translate(
                        PAGE_MARGIN - col as f32 * cw,
                        PAGE_MARGIN - row as f32 * ch,
                    ));
                    surface.draw_svg(&part, full, settings).ok_or_else(bad)?;
                    surface.pop();
                    surface.pop();
                    surface.finish();
                    page.finish();
                }
            }
        }
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// The part of `figure` that reaches into `tile` (canvas pixels): the
/// boxes, connectors and edges whose extent meets it (with a little slack
/// for strokes and arrowheads), and the legend and appendix if they do. The
/// bounds stay the whole figure's, so every item keeps its place.
fn crop(figure: &Figure, tile: &SceneRect) -> Figure {
    let near = tile.expand(TILE_SLACK);
    let scene = &figure.scene;
    let edge_box = |points: &[Pos]| {
        points.iter().fold(SceneRect::nothing(), |r, &p| {
            r.union(&SceneRect { min: p, max: p })
        })
    };
    let mut part = Figure {
        title: figure.title.clone(),
        scene: crate::scene::Scene {
            bounds: scene.bounds,
            theme: scene.theme.clone(),
            boxes: Vec::new(),
            connectors: Vec::new(),
            edges: Vec::new(),
        },
        legend: figure.legend.clone().filter(|l| l.rect.intersects(&near)),
        appendix: figure.appendix.clone().filter(|a| a.rect.intersects(&near)),
        eval: figure.eval.as_ref().map(|e| crate::scene::EvalMarks {
            semantics: e.semantics.clone(),
            boxes: (e.boxes.iter())
                .filter(|m| m.extent().intersects(&near))
                .cloned()
                .collect(),
            connectors: (e.connectors.iter())
                .filter(|c| {
                    SceneRect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius))
                        .intersects(&near)
                })
                .cloned()
                .collect(),
        }),
        bounds: figure.bounds,
    };
    part.scene.boxes = (scene.boxes.iter())
        .filter(|b| b.rect.intersects(&near))
        .cloned()
        .collect();
    part.scene.connectors = (scene.connectors.iter())
        .filter(|c| {
            SceneRect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius))
                .intersects(&near)
        })
        .cloned()
        .collect();
    part.scene.edges = (scene.edges.iter())
        .filter(|e| edge_box(&e.points).intersects(&near))
        .cloned()
        .collect();
    part
}

/// How far outside a page's tile an item may start and still be drawn on
/// the page, in canvas pixels (stroke widths, arrowheads, text overhang).
const TILE_SLACK: f32 = 16.0;

/// Portrait or landscape `paper`, whichever needs fewer pages for a map of
/// `w` × `h` points (portrait on a tie).
fn best_orientation(paper: (f32, f32), w: f32, h: f32) -> (f32, f32) {
    let count = |(pw, ph): (f32, f32)| {
        let (cw, ch) = (pw - 2.0 * PAGE_MARGIN, ph - 2.0 * PAGE_MARGIN);
        (w / cw).ceil() * (h / ch).ceil()
    };
    let landscape = (paper.1, paper.0);
    if count(landscape) < count(paper) {
        landscape
    } else {
        paper
    }
}

/// Number of pages a figure of `w` × `h` canvas pixels takes with `pages`.
pub fn page_count(w: f32, h: f32, pages: PageSize) -> usize {
    match pages.paper() {
        None => 1,
        Some(paper) => {
            let (w, h) = (w * POINTS_PER_PIXEL, h * POINTS_PER_PIXEL);
            let (pw, ph) = best_orientation(paper, w, h);
            let cols = (w / (pw - 2.0 * PAGE_MARGIN)).ceil().max(1.0) as usize;
            let rows = (h / (ph - 2.0 * PAGE_MARGIN)).ceil().max(1.0) as usize;
            cols * rows
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::FigureOptions;

    #[test]
    fn a_page_draws_only_what_reaches_into_it() {
        let m = TextMeasurer::new();
        let map = crate::bundled::DEFAULT.load().unwrap().map;
        let fig = crate::scene::figure(&map, &m, &FigureOptions::default());
        let b = fig.bounds;
        let tile = SceneRect {
            min: b.min,
            max: Pos::new(b.min.x + b.width() / 3.0, b.min.y + b.height() / 2.0),
        };
        let part = crop(&fig, &tile);
        assert!(!part.scene.boxes.is_empty());
        assert!(part.scene.boxes.len() < fig.scene.boxes.len());
        let near = tile.expand(TILE_SLACK);
        for b in &fig.scene.boxes {
            assert_eq!(part.scene.boxes.contains(b), b.rect.intersects(&near));
        }
        assert_eq!(part.bounds, fig.bounds, "items keep their places");
    }

    #[test]
    fn split_pages_are_not_each_the_whole_map() {
        let m = TextMeasurer::new();
        let map = crate::bundled::DEFAULT.load().unwrap().map;
        let fig = crate::scene::figure(&map, &m, &FigureOptions::default());
        let one = render(&fig, &m, PageSize::Fit).unwrap();
        let a4 = render(&fig, &m, PageSize::A4).unwrap();
        let pages = page_count(fig.bounds.width(), fig.bounds.height(), PageSize::A4);
        assert!(pages > 2);
        // Every page drawing the whole map would make the file about
        // `pages` times the one-page file; cropped pages stay near it.
        assert!(
            a4.len() * 2 < one.len() * pages,
            "{} bytes for {pages} pages, {} for one",
            a4.len(),
            one.len()
        );
    }

    #[test]
    fn one_page_scales_down_onto_the_turned_paper() {
        let ((pw, ph), scale) =
            one_page_scale(4000.0, 2000.0, PageSize::A3, Orientation::Landscape).unwrap();
        assert_eq!((pw, ph), (1190.55, 841.89));
        assert!((scale - (1190.55 - 72.0) / 4000.0).abs() < 1e-4);
        let (_, full) = one_page_scale(100.0, 100.0, PageSize::A4, Orientation::Auto).unwrap();
        assert_eq!(full, POINTS_PER_PIXEL, "never enlarged");
        let ((pw, _), _) = one_page_scale(4000.0, 1000.0, PageSize::A4, Orientation::Auto).unwrap();
        assert_eq!(pw, 841.89, "auto turns a wide map landscape");
        assert!(one_page_scale(1.0, 1.0, PageSize::Fit, Orientation::Auto).is_none());
        let a3 = page_aspect(PageSize::A3, Orientation::Landscape).unwrap();
        assert!((a3 - 1118.55 / 769.89).abs() < 1e-3);
        assert!(page_aspect(PageSize::A4, Orientation::Portrait).unwrap() < 1.0);
    }
}
