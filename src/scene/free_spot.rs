//! Where to put a new box so it covers nothing: the free spot nearest a
//! preferred point, inside the visible area when there is room there.

use super::geometry::Rect;
use crate::model::Pos;

/// Empty space kept between a new box and its neighbours, in canvas pixels.
pub const FREE_SPOT_GAP: f32 = 24.0;

/// How many rings of candidate spots are tried around the preferred point.
const RINGS: i32 = 40;

/// The centre of a box of `size` (width, height) that overlaps none of
/// `occupied` (with [`FREE_SPOT_GAP`] to spare), as near to `near` as possible.
///
/// Candidates lie on a grid of half a box around `near`, tried nearest
/// first. Spots whose box fits entirely inside `within` (the visible part
/// of the canvas) win over nearer ones outside it. When nothing within
/// [`RINGS`] steps is free, the spot is below everything.
pub fn free_spot_near(occupied: &[Rect], size: (f32, f32), near: Pos, within: Option<Rect>) -> Pos {
    let free = |p: Pos| {
        let r = Rect::from_center_size(p, (size.0 + FREE_SPOT_GAP, size.1 + FREE_SPOT_GAP));
        !occupied.iter().any(|o| o.intersects(&r))
    };
    let inside = |p: Pos| {
        within.is_none_or(|w| {
            let r = Rect::from_center_size(p, size);
            r.min.x >= w.min.x && r.min.y >= w.min.y && r.max.x <= w.max.x && r.max.y <= w.max.y
        })
    };
    let step = (
        (size.0 + FREE_SPOT_GAP) / 2.0,
        (size.1 + FREE_SPOT_GAP) / 2.0,
    );
    let mut candidates: Vec<(f32, Pos)> = Vec::new();
    for j in -RINGS..=RINGS {
        for i in -RINGS..=RINGS {
            let p = Pos::new(near.x + i as f32 * step.0, near.y + j as f32 * step.1);
            let d = (p.x - near.x).hypot(p.y - near.y);
            candidates.push((d, p));
        }
    }
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let found = candidates
        .iter()
        .find(|(_, p)| inside(*p) && free(*p))
        .or_else(|| candidates.iter().find(|(_, p)| free(*p)));
    if let Some((_, p)) = found {
        return *p;
    }
    let bottom = occupied.iter().map(|r| r.max.y).fold(near.y, f32::max);
    Pos::new(near.x, bottom + FREE_SPOT_GAP + size.1 / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(x: f32, y: f32) -> Rect {
        Rect::from_center_size(Pos::new(x, y), (220.0, 80.0))
    }

    fn covers_nothing(occupied: &[Rect], p: Pos, size: (f32, f32)) -> bool {
        let r = Rect::from_center_size(p, size);
        occupied.iter().all(|o| !o.intersects(&r))
    }

    #[test]
    fn an_empty_canvas_takes_the_preferred_point() {
        let p = free_spot_near(&[], (220.0, 80.0), Pos::new(5.0, 7.0), None);
        assert_eq!(p, Pos::new(5.0, 7.0));
    }

    #[test]
    fn a_taken_point_moves_to_the_nearest_free_spot() {
        let occupied = [boxed(0.0, 0.0)];
        let p = free_spot_near(&occupied, (220.0, 80.0), Pos::new(0.0, 0.0), None);
        assert!(covers_nothing(&occupied, p, (220.0, 80.0)));
        // Straight above or below is nearest for a wide box.
        assert_eq!(p.x, 0.0);
        assert!(p.y.abs() <= 110.0, "{p:?}");
    }

    #[test]
    fn a_crowded_area_is_left_for_a_free_one_and_the_gap_is_kept() {
        let occupied: Vec<Rect> = (-3..=3)
            .flat_map(|i| (-3..=3).map(move |j| boxed(i as f32 * 250.0, j as f32 * 100.0)))
            .collect();
        let size = (220.0, 120.0);
        let p = free_spot_near(&occupied, size, Pos::new(0.0, 0.0), None);
        let padded = Rect::from_center_size(p, (size.0 + FREE_SPOT_GAP, size.1 + FREE_SPOT_GAP));
        assert!(occupied.iter().all(|o| !o.intersects(&padded)), "{p:?}");
    }

    #[test]
    fn the_visible_area_wins_over_a_nearer_spot_outside_it() {
        // The view ends just above the box: the free spot above it is as
        // near as the one below, but out of view.
        let occupied = [boxed(0.0, 0.0)];
        let view = Rect {
            min: Pos::new(-600.0, -60.0),
            max: Pos::new(120.0, 400.0),
        };
        let p = free_spot_near(&occupied, (220.0, 80.0), Pos::new(0.0, 0.0), Some(view));
        let r = Rect::from_center_size(p, (220.0, 80.0));
        assert!(covers_nothing(&occupied, p, (220.0, 80.0)));
        assert!(r.min.y >= view.min.y && r.max.x <= view.max.x, "{p:?}");
    }

    #[test]
    fn with_no_room_in_view_it_still_finds_a_free_spot() {
        let occupied = [boxed(0.0, 0.0)];
        let tiny = Rect {
            min: Pos::new(-10.0, -10.0),
            max: Pos::new(10.0, 10.0),
        };
        let p = free_spot_near(&occupied, (220.0, 80.0), Pos::new(0.0, 0.0), Some(tiny));
        assert!(covers_nothing(&occupied, p, (220.0, 80.0)));
    }
}
