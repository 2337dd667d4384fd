//! Where the titles of inference connectors go, so that they do not cover
//! boxes, other connectors or one another.
//!
//! The scene puts every title right of its connector
//! ([`super::SceneConnector::title`]). Where connectors sit close together
//! (a row of arguments under one conclusion) those titles overprint into
//! an unreadable smear. [`place_titles`] moves each title to the first of a
//! few candidate spots around its circle that is free, greedily from the
//! top of the map down: the fixed-candidate labelling of Christensen, Marks
//! and Shieber, "An empirical study of algorithms for point-feature label
//! placement", ACM Transactions on Graphics 14(3), 1995. A title that has no
//! free spot takes the spot it overlaps least; no title is ever dropped, so
//! every export still carries every argument's name.
//!
//! It is a pure function of the drawn scene, so the canvas (over what is in
//! view) and the SVG renderer (over everything, which PNG, PDF and HTML
//! draw) place titles alike.

use std::collections::HashMap;

use super::{CONNECTOR_RADIUS, Rect, Scene, TextLine};
use crate::model::Pos;

/// Gap between a connector's circle and its title, in canvas px.
const GAP: f32 = 4.0;
/// Padding kept around obstacles, in canvas px.
const PAD: f32 = 1.0;
/// Side of one cell of the lookup grid, in canvas px.
const CELL: f32 = 96.0;

/// The height of a title line of font size `size` px, in canvas px.
fn line_height(size: f32) -> f32 {
    size * 1.25
}

/// The title of each connector in `connectors` (indices into
/// `scene.connectors`), placed: `None` where the connector has no title.
/// Index-aligned with `connectors`.
///
/// `boxes` (indices into `scene.boxes`), the circles of `connectors` and
/// the `extra` rectangles (badges the renderer draws beside connectors, in
/// canvas px) are the obstacles; pass what is drawn. `width(text, size)`
/// gives a text's drawn width in canvas px at font size `size` px.
pub fn place_titles(
    scene: &Scene,
    connectors: &[usize],
    boxes: &[usize],
    extra: &[Rect],
    width: &dyn Fn(&str, f32) -> f32,
) -> Vec<Option<TextLine>> {
    let mut grid = Grid::default();
    for r in extra {
        grid.insert(*r);
    }
    for &b in boxes {
        if let Some(b) = scene.boxes.get(b) {
            grid.insert(b.rect);
        }
    }
    for &c in connectors {
        if let Some(c) = scene.connectors.get(c) {
            grid.insert(Rect::from_center_size(
                c.center,
                (c.radius * 2.0, c.radius * 2.0),
            ));
        }
    }
    // Top of the map first: the thesis's arguments win their spots.
    let mut order: Vec<usize> = (0..connectors.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (
            &scene.connectors[connectors[a]],
            &scene.connectors[connectors[b]],
        );
        ca.center
            .y
            .total_cmp(&cb.center.y)
            .then(ca.center.x.total_cmp(&cb.center.x))
            .then(connectors[a].cmp(&connectors[b]))
    });
    let mut out: Vec<Option<TextLine>> = vec![None; connectors.len()];
    for k in order {
        let Some(c) = scene.connectors.get(connectors[k]) else {
            continue;
        };
        let Some(title) = &c.title else {
            continue;
        };
        let size = (width(&title.text, title.size), line_height(title.size));
        let own = Rect::from_center_size(c.center, (c.radius * 2.0, c.radius * 2.0));
        let mut best: Option<(f32, Rect)> = None;
        for spot in candidates(c.center, c.radius.max(CONNECTOR_RADIUS * 0.5), size) {
            let cost = grid.overlap(&spot, &own);
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, spot));
            }
            if cost == 0.0 {
                break;
            }
        }
        let Some((_, spot)) = best else {
            continue;
        };
        grid.insert(spot);
        out[k] = Some(TextLine {
            pos: Pos::new(spot.min.x, spot.min.y + (size.1 - title.size * 1.2) / 2.0),
            ..title.clone()
        });
    }
    out
}

/// The spots a title of `size` (width, height px) may take around a circle
/// at `center` of radius `r`, in order of preference: right (where the
/// scene puts it), left, above, below, then right and left one line up or
/// down.
fn candidates(center: Pos, r: f32, size: (f32, f32)) -> [Rect; 8] {
    let (w, h) = size;
    let at = |x: f32, y: f32| Rect {
        min: Pos::new(x, y),
        max: Pos::new(x + w, y + h),
    };
    let right = center.x + r + GAP;
    let left = center.x - r - GAP - w;
    let mid = center.y - h / 2.0;
    [
        at(right, mid),
        at(left, mid),
        at(center.x - w / 2.0, center.y - r - GAP / 2.0 - h),
        at(center.x - w / 2.0, center.y + r + GAP / 2.0),
        at(right, mid - h),
        at(right, mid + h),
        at(left, mid - h),
        at(left, mid + h),
    ]
}

/// Rectangles bucketed by the grid cells they touch.
#[derive(Default)]
struct Grid {
    rects: Vec<Rect>,
    cells: HashMap<(i32, i32), Vec<u32>>,
}

impl Grid {
    fn cell_range(r: &Rect) -> (i32, i32, i32, i32) {
        let f = |v: f32| (v / CELL).floor().clamp(-1e6, 1e6) as i32;
        (f(r.min.x), f(r.min.y), f(r.max.x), f(r.max.y))
    }

    fn insert(&mut self, r: Rect) {
        if r.is_empty() || !r.min.x.is_finite() || !r.max.y.is_finite() {
            return;
        }
        let id = self.rects.len() as u32;
        self.rects.push(r);
        let (x0, y0, x1, y1) = Self::cell_range(&r);
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells.entry((x, y)).or_default().push(id);
            }
        }
    }

    /// The area (px²) of `spot` covered by stored rectangles, each counted
    /// once, leaving out `own` (the connector's own circle).
    fn overlap(&self, spot: &Rect, own: &Rect) -> f32 {
        let (x0, y0, x1, y1) = Self::cell_range(spot);
        let mut seen: Vec<u32> = Vec::new();
        let mut area = 0.0;
        for y in y0..=y1 {
            for x in x0..=x1 {
                let Some(ids) = self.cells.get(&(x, y)) else {
                    continue;
                };
                for &id in ids {
                    if seen.contains(&id) {
                        continue;
                    }
                    seen.push(id);
                    let r = &self.rects[id as usize];
                    if r == own {
                        continue;
                    }
                    let w =
                        (spot.max.x.min(r.max.x + PAD) - spot.min.x.max(r.min.x - PAD)).max(0.0);
                    let h =
                        (spot.max.y.min(r.max.y + PAD) - spot.min.y.max(r.min.y - PAD)).max(0.0);
                    area += w * h;
                }
            }
        }
        area
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InferenceKind, NodeIx};
    use crate::scene::{CONNECTOR_TITLE_SIZE, SceneConnector, Theme};

    fn connector(i: u32, x: f32, y: f32, title: &str) -> SceneConnector {
        SceneConnector {
            node: NodeIx::new(i as usize),
            id: format!("i{i}"),
            kind: InferenceKind::Support,
            undercut: false,
            center: Pos::new(x, y),
            radius: CONNECTOR_RADIUS,
            fill: [0, 0, 0, 255],
            title: Some(TextLine {
                text: title.to_owned(),
                pos: Pos::new(x + CONNECTOR_RADIUS + GAP, y - CONNECTOR_TITLE_SIZE * 0.6),
                size: CONNECTOR_TITLE_SIZE,
                bold: false,
            }),
        }
    }

    fn scene(connectors: Vec<SceneConnector>) -> Scene {
        Scene {
            bounds: Rect::nothing(),
            theme: Theme::light(),
            boxes: Vec::new(),
            connectors,
            edges: Vec::new(),
        }
    }

    fn rect_of(line: &TextLine, width: f32) -> Rect {
        Rect {
            min: line.pos,
            max: Pos::new(line.pos.x + width, line.pos.y + line.size * 1.2),
        }
    }

    const W: f32 = 80.0;

    #[test]
    fn a_lone_title_stays_right_of_its_connector() {
        let s = scene(vec![connector(0, 100.0, 100.0, "Alone")]);
        let placed = place_titles(&s, &[0], &[], &[], &|_, _| W);
        let line = placed[0].as_ref().unwrap();
        assert!(line.pos.x > 100.0 + CONNECTOR_RADIUS, "{line:?}");
        assert!((line.pos.y + 6.0 - 100.0).abs() < 3.0, "{line:?}");
        assert_eq!(line.text, "Alone");
    }

    fn overlapping_pairs(rects: &[Rect]) -> usize {
        let mut n = 0;
        for a in 0..rects.len() {
            for b in a + 1..rects.len() {
                if rects[a].intersects(&rects[b]) {
                    n += 1;
                }
            }
        }
        n
    }

    fn placed_rects(s: &Scene) -> Vec<Rect> {
        let all: Vec<usize> = (0..s.connectors.len()).collect();
        place_titles(s, &all, &[], &[], &|_, _| W)
            .iter()
            .map(|l| rect_of(l.as_ref().unwrap(), W))
            .collect()
    }

    #[test]
    fn titles_of_a_row_of_connectors_find_free_spots() {
        // Three connectors 40 px apart: right-of-circle titles 80 px wide
        // would cover the next circle and overprint each other.
        let s = scene(
            (0..3)
                .map(|i| connector(i, 100.0 + 40.0 * i as f32, 200.0, "Some title"))
                .collect(),
        );
        let rects = placed_rects(&s);
        assert_eq!(overlapping_pairs(&rects), 0, "{rects:?}");
        for (k, c) in s.connectors.iter().enumerate() {
            let circle = Rect::from_center_size(c.center, (18.0, 18.0));
            for (j, r) in rects.iter().enumerate() {
                assert!(
                    !r.intersects(&circle),
                    "title {j} covers connector {k}: {r:?}"
                );
            }
        }
    }

    #[test]
    fn a_tight_row_overprints_far_less_than_titles_all_on_the_right() {
        // Five connectors 30 px apart: all on the right, 7 pairs of the
        // 80 px titles overlap; placed, at most 2 still touch.
        let s = scene(
            (0..5)
                .map(|i| connector(i, 100.0 + 30.0 * i as f32, 200.0, "Some title"))
                .collect(),
        );
        let right: Vec<Rect> = s
            .connectors
            .iter()
            .map(|c| rect_of(c.title.as_ref().unwrap(), W))
            .collect();
        assert_eq!(overlapping_pairs(&right), 7);
        let rects = placed_rects(&s);
        assert!(overlapping_pairs(&rects) <= 2, "{rects:?}");
    }

    #[test]
    fn every_title_is_kept_even_without_room() {
        // Ten connectors on one spot: no free spot, yet no title is dropped.
        let pile: Vec<SceneConnector> = (0..10).map(|i| connector(i, 50.0, 50.0, "T")).collect();
        let s = scene(pile);
        let all: Vec<usize> = (0..10).collect();
        let placed = place_titles(&s, &all, &[], &[], &|_, _| W);
        assert!(placed.iter().all(Option::is_some));
    }

    #[test]
    fn untitled_connectors_get_none_and_placement_is_deterministic() {
        let mut c = connector(1, 10.0, 10.0, "x");
        c.title = None;
        let s = scene(vec![connector(0, 0.0, 0.0, "A title"), c]);
        let a = place_titles(&s, &[0, 1], &[], &[], &|t, size| {
            t.len() as f32 * size * 0.5
        });
        let b = place_titles(&s, &[0, 1], &[], &[], &|t, size| {
            t.len() as f32 * size * 0.5
        });
        assert_eq!(a, b);
        assert!(a[1].is_none());
    }
}
