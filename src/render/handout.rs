//! Tour hand-outs: one PDF page per tour step, after Argunet
//! Presentation's print mode.
//!
//! Every page is drawn from the same [`Figure`] as every other export (the
//! whole map's scene, built once), changed per step only in what it shows:
//! nodes not revealed yet are drawn as empty grey ghosts (or left out, see
//! [`Unrevealed`]), highlighted statements get a thick orange outline, and
//! the page's viewport is the step's camera ([`Camera::FitRevealed`] or
//! [`Camera::FitFocus`]). Above the diagram a header names the tour and the
//! step; under it the step's note is set in 15 px text. Pages are A4 (or US
//! Letter) landscape; all text stays real, selectable PDF text.

use std::collections::HashSet;

use krilla::Document;
use krilla::geom::{PathBuilder, Rect as PdfRect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::FillRule;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::pdf::{POINTS_PER_PIXEL, PageSize};
use super::{ExportError, usvg_tree};
use crate::model::tour::neighbourhood;
use crate::model::{Camera, Map, NodeIx, Pos, Tour};
use crate::scene::{
    Appendix, AppendixLine, Figure, FigureOptions, MARGIN, Rect, Scene, SceneOptions, TextLine,
    TextMeasurer, ThemeName,
};

/// How a hand-out draws the nodes a step has not revealed yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unrevealed {
    /// Grey, empty boxes and connectors: the shape of what is to come.
    #[default]
    Ghost,
    /// Not drawn at all.
    Hide,
}

/// How to draw a hand-out.
#[derive(Clone, Debug, Default)]
pub struct HandoutOptions {
    /// Light (print) or dark colours.
    pub theme: ThemeName,
    /// A4 or Letter, used landscape ([`PageSize::Fit`] means A4).
    pub paper: PageSize,
    /// How nodes not revealed yet are drawn.
    pub unrevealed: Unrevealed,
}

/// Outline of highlighted statements: orange, as Argunet marks them.
pub const HIGHLIGHT: [u8; 4] = [230, 115, 0, 255];
/// Width of the highlight outline, in canvas pixels.
pub const HIGHLIGHT_WIDTH: f32 = 4.0;
/// Font size of the step's note, in canvas pixels.
pub const NOTE_SIZE: f32 = 15.0;
/// Font size of the page header, in canvas pixels.
const HEADER_SIZE: f32 = 12.0;
/// Page margin, in points.
const PAGE_MARGIN: f32 = 30.0;
/// Space between header, diagram and note, in points.
const GAP: f32 = 10.0;
/// The diagram is never drawn larger than this, in points per canvas pixel.
const MAX_SCALE: f32 = 1.0;

const GHOST_FILL: [u8; 4] = [236, 238, 241, 255];
const GHOST_STROKE: [u8; 4] = [214, 218, 223, 255];

/// `r` grown about its centre (never shrunk) to width / height = `aspect`;
/// `r` itself when the aspect or `r` is degenerate.
fn widen_to_aspect(r: Rect, aspect: f32) -> Rect {
    let (w, h) = (r.width(), r.height());
    if !(aspect.is_finite() && aspect > 0.0 && w > 0.0 && h > 0.0) {
        return r;
    }
    let size = if w / h < aspect {
        (h * aspect, h)
    } else {
        (w, w / aspect)
    };
    Rect::from_center_size(r.center(), size)
}

/// The picture of step `index` of `tour`: `base` (the whole map's figure)
/// with unrevealed nodes ghosted or hidden, highlights marked, and bounds
/// set to the step's camera (canvas pixels). With `aspect` (width / height
/// of the space the picture fills, e.g. a page's diagram area) the camera
/// is widened or heightened about its centre to that aspect, so the
/// neighbours beside a narrow camera are drawn whole instead of being cut
/// at its edge. Nodes the step names that no longer exist are ignored.
pub fn step_figure(
    map: &Map,
    tour: &Tour,
    index: usize,
    base: &Figure,
    unrevealed: Unrevealed,
    aspect: Option<f32>,
) -> Figure {
    let view = step_view(map, tour, index, &base.scene);
    let mut scene = base.scene.clone();
    style_scene(&mut scene, &view.visible, &view.highlight, unrevealed);
    let bounds = match aspect {
        Some(a) => widen_to_aspect(view.camera, a),
        None => view.camera,
    };
    let near = bounds.expand(16.0);
    scene.boxes.retain(|b| b.rect.intersects(&near));
    scene.connectors.retain(|c| {
        Rect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius)).intersects(&near)
    });
    scene.edges.retain(|e| {
        e.points
            .iter()
            .fold(Rect::nothing(), |r, &p| r.union(&Rect { min: p, max: p }))
            .intersects(&near)
    });
    scene.bounds = bounds;
    Figure {
        title: base.title.clone(),
        scene,
        legend: None,
        appendix: None,
        eval: None,
        bounds,
    }
}

/// What step `index` of a tour shows: the nodes visible (revealed by
/// steps `0..=index`), the nodes it highlights, and its camera. Shared by
/// hand-outs and the app's present mode, so both show the same step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepView {
    /// Nodes revealed so far; ids the map no longer has are left out.
    pub visible: HashSet<NodeIx>,
    /// Nodes the step marks.
    pub highlight: HashSet<NodeIx>,
    /// What the camera shows, in canvas pixels: the step's fit set
    /// ([`Camera::FitRevealed`]: the visible nodes; [`Camera::FitFocus`]:
    /// the visible part of the focus neighbourhood, or all of it when none
    /// is visible yet) grown by [`MARGIN`]; the whole scene when the fit
    /// set has no box or connector in `scene`.
    pub camera: Rect,
}

/// Works out [`StepView`] for step `index` of `tour` over `scene` (the
/// whole map's scene). An index past the end shows everything revealed.
pub fn step_view(map: &Map, tour: &Tour, index: usize, scene: &Scene) -> StepView {
    let visible = indices(map, tour.visible_at(index).into_iter());
    let step = tour.steps.get(index);
    let highlight = indices(
        map,
        step.iter()
            .flat_map(|s| s.highlight.iter().map(String::as_str)),
    );
    // The camera: what it fits, among the drawn nodes.
    let focus_set: Option<HashSet<NodeIx>> = step
        .filter(|s| s.camera == Camera::FitFocus)
        .and_then(|s| s.focus.as_ref())
        .and_then(|f| Some(neighbourhood(map, map.index_of(&f.node)?, f.depth)))
        .map(|near| {
            let seen: HashSet<NodeIx> = near
                .iter()
                .copied()
                .filter(|ix| visible.contains(ix))
                .collect();
            if seen.is_empty() {
                near.into_iter().collect()
            } else {
                seen
            }
        });
    let fit = focus_set.as_ref().unwrap_or(&visible);
    let mut camera = Rect::nothing();
    for b in scene.boxes.iter().filter(|b| fit.contains(&b.node)) {
        camera = camera.union(&b.rect);
    }
    for c in scene.connectors.iter().filter(|c| fit.contains(&c.node)) {
        let r = Rect::from_center_size(c.center, (2.0 * c.radius, 2.0 * c.radius));
        camera = camera.union(&r);
    }
    let camera = if camera.is_empty() {
        scene.bounds
    } else {
        camera.expand(MARGIN)
    };
    StepView {
        visible,
        highlight,
        camera,
    }
}

/// The graph indices of the `ids` that exist.
fn indices<'a>(map: &Map, ids: impl Iterator<Item = &'a str>) -> HashSet<NodeIx> {
    ids.filter_map(|id| map.index_of(id)).collect()
}

/// Ghosts or drops what is not `visible`, and outlines `highlight`.
fn style_scene(
    scene: &mut Scene,
    visible: &HashSet<NodeIx>,
    highlight: &HashSet<NodeIx>,
    unrevealed: Unrevealed,
) {
    let edge_shown = |from: NodeIx, to: NodeIx| visible.contains(&from) && visible.contains(&to);
    if unrevealed == Unrevealed::Hide {
        scene.boxes.retain(|b| visible.contains(&b.node));
        scene.connectors.retain(|c| visible.contains(&c.node));
        scene.edges.retain(|e| edge_shown(e.from, e.to));
    }
    for b in &mut scene.boxes {
        if !visible.contains(&b.node) {
            b.fill = GHOST_FILL;
            b.stroke = GHOST_STROKE;
            b.stroke_width = 1.0;
            b.lines.clear();
            b.badge = None;
        } else if highlight.contains(&b.node) {
            b.stroke = HIGHLIGHT;
            b.stroke_width = HIGHLIGHT_WIDTH;
        }
    }
    for c in &mut scene.connectors {
        if !visible.contains(&c.node) {
            c.fill = GHOST_STROKE;
        } else if highlight.contains(&c.node) {
            c.radius += 3.0;
        }
    }
    for e in &mut scene.edges {
        if !edge_shown(e.from, e.to) {
            e.color = GHOST_STROKE;
        }
    }
}

/// A figure holding only text: each paragraph `(text, size in px, bold,
/// muted)` wrapped to `width` canvas pixels, one under the other; `None`
/// when every paragraph is empty. Its bounds start at the origin.
fn text_figure(
    measurer: &TextMeasurer,
    theme: ThemeName,
    paragraphs: &[(&str, f32, bool, bool)],
    width: f32,
) -> Option<Figure> {
    let mut lines = Vec::new();
    let mut y = 0.0;
    for &(text, size, bold, muted) in paragraphs {
        if text.trim().is_empty() {
            continue;
        }
        for para in text.split('\n') {
            for line in measurer.wrap(para, size, bold, width) {
                lines.push(AppendixLine {
                    line: TextLine {
                        text: line,
                        pos: Pos::new(0.0, y),
                        size,
                        bold,
                    },
                    muted,
                });
                y += TextMeasurer::line_height(size);
            }
        }
    }
    if lines.is_empty() {
        return None;
    }
    let rect = Rect {
        min: Pos::new(0.0, 0.0),
        max: Pos::new(width, y),
    };
    let theme = crate::scene::Theme::of(theme);
    Some(Figure {
        title: String::new(),
        scene: Scene {
            bounds: rect,
            theme,
            boxes: Vec::new(),
            connectors: Vec::new(),
            edges: Vec::new(),
        },
        legend: None,
        appendix: Some(Appendix { rect, lines }),
        eval: None,
        bounds: rect,
    })
}

/// Writes the hand-out of `tour`: one page per step. A tour without steps
/// is refused (a PDF needs a page).
pub fn render_tour(
    map: &Map,
    tour: &Tour,
    measurer: &TextMeasurer,
    options: &HandoutOptions,
) -> Result<Vec<u8>, ExportError> {
    if tour.steps.is_empty() {
        return Err(ExportError::Pdf(format!(
            "tour '{}' has no steps to print",
            tour.name
        )));
    }
    let base = crate::scene::figure(
        map,
        measurer,
        &FigureOptions {
            scene: SceneOptions {
                theme: options.theme,
                ..SceneOptions::default()
            },
            legend: false,
            evidence_appendix: false,
            eval: None,
        },
    );
    // Landscape: the portrait paper turned; "fit" has no paper, so A4.
    let (portrait_w, portrait_h) = options
        .paper
        .paper()
        .or(PageSize::A4.paper())
        .unwrap_or((595.28, 841.89));
    let (pw, ph) = (portrait_h, portrait_w);
    let content_w = pw - 2.0 * PAGE_MARGIN;
    let text_w = content_w / POINTS_PER_PIXEL;
    let mut document = Document::new();
    let title = format!("{} — {}", map.meta().title, tour.name);
    document.set_metadata(Metadata::new().creator("Argmap".to_owned()).title(title));
    let settings = SvgSettings {
        embed_text: true,
        ..SvgSettings::default()
    };
    let bad = || ExportError::Pdf("a hand-out page has no area".to_owned());
    let count = tour.steps.len();
    for (k, step) in tour.steps.iter().enumerate() {
        let header_text = format!("{} — step {} of {count}", tour.name, k + 1);
        let header = text_figure(
            measurer,
            options.theme,
            &[
                (header_text.as_str(), HEADER_SIZE, true, false),
                (map.meta().title.as_str(), HEADER_SIZE, false, true),
            ],
            text_w,
        );
        let note = text_figure(
            measurer,
            options.theme,
            &[(step.note.as_str(), NOTE_SIZE, false, false)],
            text_w,
        );
        let height = |f: &Option<Figure>| {
            f.as_ref()
                .map_or(0.0, |f| f.bounds.height() * POINTS_PER_PIXEL)
        };
        let (header_h, note_h) = (height(&header), height(&note));
        let diagram_top = PAGE_MARGIN + header_h + GAP;
        let diagram_h = ph - diagram_top - PAGE_MARGIN - note_h - GAP;
        let picture = step_figure(
            map,
            tour,
            k,
            &base,
            options.unrevealed,
            Some(content_w / diagram_h.max(1.0)),
        );
        let (fw, fh) = (picture.bounds.width(), picture.bounds.height());
        let scale = (content_w / fw).min(diagram_h / fh).min(MAX_SCALE);
        let size = Size::from_wh(fw * scale, fh * scale).ok_or_else(bad)?;
        let tree = usvg_tree(&super::svg::render(&picture, measurer, false))?;

        let mut page =
            document.start_page_with(PageSettings::new(Size::from_wh(pw, ph).ok_or_else(bad)?));
        let mut surface = page.surface();
        let mut clip = PathBuilder::new();
        clip.push_rect(
            PdfRect::from_xywh(PAGE_MARGIN, diagram_top, content_w, diagram_h.max(1.0))
                .ok_or_else(bad)?,
        );
        let clip = clip.finish().ok_or_else(bad)?;
        surface.push_clip_path(&clip, &FillRule::NonZero);
        surface.push_transform(&Transform::from_translate(
            PAGE_MARGIN + (content_w - size.width()) / 2.0,
            diagram_top + (diagram_h - size.height()).max(0.0) / 2.0,
        ));
        surface.draw_svg(&tree, size, settings).ok_or_else(bad)?;
        surface.pop();
        surface.pop();
        let texts = [(header, PAGE_MARGIN), (note, ph - PAGE_MARGIN - note_h)];
        for (figure, top) in texts {
            let Some(figure) = figure else { continue };
            let tree = usvg_tree(&super::svg::render(&figure, measurer, false))?;
            let size = Size::from_wh(
                figure.bounds.width() * POINTS_PER_PIXEL,
                figure.bounds.height() * POINTS_PER_PIXEL,
            )
            .ok_or_else(bad)?;
            surface.push_transform(&Transform::from_translate(PAGE_MARGIN, top));
            surface.draw_svg(&tree, size, settings).ok_or_else(bad)?;
            surface.pop();
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tour_gen::generate_tour;

    #[test]
    fn a_narrow_camera_is_widened_to_the_page_about_its_centre() {
        use crate::model::Pos;
        let column = Rect::from_center_size(Pos::new(100.0, 50.0), (200.0, 400.0));
        let page = widen_to_aspect(column, 1.6);
        assert_eq!(page.center(), column.center());
        assert!((page.width() / page.height() - 1.6).abs() < 1e-4);
        assert_eq!(page.height(), 400.0, "never shrunk, only widened");
        let strip = Rect::from_center_size(Pos::new(0.0, 0.0), (1000.0, 100.0));
        assert_eq!(widen_to_aspect(strip, 1.6).width(), 1000.0);
        assert_eq!(widen_to_aspect(strip, f32::NAN), strip);
    }

    #[test]
    fn a_step_ghosts_what_is_not_revealed_and_fits_the_camera() {
        let m = TextMeasurer::new();
        let map = crate::bundled::DEFAULT.load().unwrap().map;
        let tour = generate_tour(&map, "G");
        let base = crate::scene::figure(&map, &m, &FigureOptions::default());
        let first = step_figure(&map, &tour, 0, &base, Unrevealed::Ghost, None);
        let shown: Vec<_> = first
            .scene
            .boxes
            .iter()
            .filter(|b| !b.lines.is_empty())
            .collect();
        assert_eq!(shown.len(), 1, "step 1 shows the thesis alone");
        assert_eq!(shown[0].stroke, HIGHLIGHT);
        assert!(first.bounds.width() < base.bounds.width());
        let hidden = step_figure(&map, &tour, 0, &base, Unrevealed::Hide, None);
        assert!(hidden.scene.boxes.iter().all(|b| !b.lines.is_empty()));
        let last = step_figure(
            &map,
            &tour,
            tour.steps.len() - 1,
            &base,
            Unrevealed::Ghost,
            None,
        );
        assert!(last.scene.boxes.iter().all(|b| b.fill != GHOST_FILL));
    }
}
