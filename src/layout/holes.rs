//! Free places inside a drawing for boxes without edges (notes, stray
//! claims), for rows sized per column.
//!
//! The skyline of `columns.rs` only knows the lowest bottom over every
//! `x`, so a note can only go below everything in its column: the empty
//! corners beside a lone thesis at the top of a bushy map stay empty and
//! the notes pile up below the map, making it taller. Here a note may go
//! into any hole large enough for it: every box with an edge (with its
//! gaps) and every piece of an edge route (its bounding box) is an
//! obstacle, and a note of height `h` in a column goes to the highest top,
//! not above the thesis's middle line, where it meets none of them (a scan
//! of the column's obstacles sorted by top: the first fit in the
//! "bottom-left" sense of rectangle packing, with "bottom" being the top
//! of the drawing here). Placed notes become obstacles for later ones.
//!
//! Quadratic in the number of boxes per note, so only small drawings (see
//! [`use_holes`]) use it; larger ones keep the skyline.

use super::columns::Band;
use super::dag::Dag;
use super::layering::Layered;

/// Layered graphs (dummy points included) up to this many nodes place
/// their notes into holes; larger ones below the skyline.
const HOLES_UP_TO: usize = 1500;

/// Whether notes of `lay` are placed into holes ([`Holes`]) rather than
/// below the skyline.
pub(super) fn use_holes(lay: &Layered) -> bool {
    lay.count() <= HOLES_UP_TO
}

/// One obstacle, already widened by the gap anything must keep from it.
#[derive(Clone, Copy, Debug)]
struct Rect {
    lo: f64,
    hi: f64,
    top: f64,
    bottom: f64,
    /// A box (else a piece of an edge route).
    is_box: bool,
}

/// Everything a note must keep clear of.
pub(super) struct Holes {
    /// Sorted by top.
    rects: Vec<Rect>,
    /// How many of `rects` are boxes.
    boxes: usize,
    /// Free space kept below and above boxes, in pixels.
    layer_gap: f64,
}

impl Holes {
    /// The obstacles of a drawing whose nodes with edges have centres `xs`
    /// and vertical extents `bands`: their boxes widened by `pad` on each
    /// side and by `layer_gap` above and below, and the bounding box of
    /// every straight piece of an edge route (upper node's middle line to
    /// lower node's), widened by `pad` all round.
    pub fn of(
        dag: &Dag,
        lay: &Layered,
        xs: &[f64],
        bands: &[Band],
        pad: f64,
        layer_gap: f64,
    ) -> Holes {
        let n = dag.len();
        let mut rects = Vec::new();
        for v in 0..lay.count() {
            let (up, down) = (lay.up.of(v as u32), lay.down.of(v as u32));
            if up.is_empty() && down.is_empty() {
                continue; // a note: placed later, if at all
            }
            if v < n {
                let half = dag.size[v].0 as f64 / 2.0;
                rects.push(Rect {
                    lo: xs[v] - half - pad,
                    hi: xs[v] + half + pad,
                    top: bands[v].top - layer_gap,
                    bottom: bands[v].bottom + layer_gap,
                    is_box: true,
                });
            }
            for &w in down {
                let w = w as usize;
                rects.push(Rect {
                    lo: xs[v].min(xs[w]) - pad,
                    hi: xs[v].max(xs[w]) + pad,
                    top: bands[v].mid - pad,
                    bottom: bands[w].mid + pad,
                    is_box: false,
                });
            }
        }
        rects.sort_by(|a, b| a.top.total_cmp(&b.top));
        let boxes = rects.iter().filter(|r| r.is_box).count();
        Holes {
            rects,
            layer_gap,
            boxes,
        }
    }

    /// The highest top, at least `min_top`, for a box of height `h` whose
    /// column (with its gaps) is `lo..hi`, where it meets no obstacle.
    pub fn top_for(&self, lo: f64, hi: f64, h: f64, min_top: f64) -> f64 {
        // In order of top, one pass suffices: an obstacle passed over lies
        // wholly above the candidate (which only moves down) or wholly
        // below it, and then so does every later one.
        let mut top = min_top;
        for r in self.rects.iter().filter(|r| r.lo < hi && r.hi > lo) {
            if r.top >= top + h {
                break;
            }
            if r.bottom > top {
                top = r.bottom;
            }
        }
        top
    }

    /// Adds a placed box (column `lo..hi` with its gaps, `top..bottom`).
    pub fn add(&mut self, lo: f64, hi: f64, top: f64, bottom: f64) {
        let r = Rect {
            lo,
            hi,
            top: top - self.layer_gap,
            bottom: bottom + self.layer_gap,
            is_box: true,
        };
        let at = self.rects.partition_point(|q| q.top <= r.top);
        self.rects.insert(at, r);
        self.boxes += 1;
    }

    /// Left edges (with gaps) just beside every box, for a box of column
    /// width `w` (gaps included): candidate places for it, sorted, without
    /// repeats.
    pub fn lefts(&self, w: f64, slack: f64) -> Vec<f64> {
        let mut lefts = Vec::with_capacity(2 * self.boxes);
        for r in self.rects.iter().filter(|r| r.is_box) {
            lefts.extend([r.hi + slack, r.lo - slack - w]);
        }
        lefts.sort_by(f64::total_cmp);
        lefts.dedup();
        lefts
    }
}

#[cfg(test)]
mod tests {
    use super::{Holes, Rect};

    #[test]
    fn a_box_goes_to_the_highest_hole_it_fits() {
        // Sorted by top, as `Holes::of` keeps them.
        let holes = Holes {
            rects: vec![
                Rect {
                    lo: 0.0,
                    hi: 10.0,
                    top: 0.0,
                    bottom: 10.0,
                    is_box: true,
                },
                Rect {
                    lo: 20.0,
                    hi: 30.0,
                    top: 0.0,
                    bottom: 100.0,
                    is_box: true,
                },
                Rect {
                    lo: 0.0,
                    hi: 10.0,
                    top: 15.0,
                    bottom: 30.0,
                    is_box: true,
                },
            ],
            layer_gap: 2.0,
            boxes: 3,
        };
        // A short box fits the hole between the first two obstacles.
        assert_eq!(holes.top_for(2.0, 8.0, 5.0, 0.0), 10.0);
        // A taller one does not, and goes below the second.
        assert_eq!(holes.top_for(2.0, 8.0, 6.0, 0.0), 30.0);
        // Beside the obstacles, it stays at the lowest allowed top.
        assert_eq!(holes.top_for(11.0, 19.0, 50.0, 3.0), 3.0);
        // Spanning two columns, it clears both.
        assert_eq!(holes.top_for(5.0, 25.0, 1.0, 0.0), 100.0);
    }
}
