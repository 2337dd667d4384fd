//! The view a map opens with: readable text first. If the whole map fits
//! the canvas with body text at least [`READABLE_PX`] on screen, the whole
//! map; otherwise the main thesis with its direct reasons and objections,
//! at the largest zoom (at most 100%) that shows them, but never below the
//! readable zoom. The minimap then shows where that view sits.

use egui::{Pos2, Rect, Vec2};

use crate::model::{Map, Role};
use crate::scene::{BODY_SIZE, Scene};

use super::erect;
use super::visibility::descendants;

/// The smallest on-screen size of body text in the first view, px.
pub const READABLE_PX: f32 = 11.0;

/// Space kept around what the first view shows, canvas px.
const MARGIN: f32 = 30.0;

/// The zoom (screen px per canvas px) at which body text is [`READABLE_PX`].
pub fn readable_zoom() -> f32 {
    READABLE_PX / BODY_SIZE
}

/// The main thesis: the statement with role thesis (the first by id), or
/// else the root statement with the most nodes below it.
pub fn main_thesis(map: &Map) -> Option<crate::model::NodeIx> {
    let nodes = map.nodes_sorted();
    if let Some(n) = nodes
        .iter()
        .find(|n| n.as_statement().is_some_and(|s| s.role == Role::Thesis))
    {
        return map.index_of(&n.id);
    }
    nodes
        .iter()
        .filter(|n| n.is_statement())
        .filter_map(|n| map.index_of(&n.id))
        .filter(|&ix| map.inferences_from(ix).is_empty())
        .max_by_key(|&ix| descendants(map, ix).len())
}

/// The part of the canvas (canvas coordinates) to show first in a canvas
/// of screen size `screen`, for `map` drawn as `scene`.
pub fn first_view(map: &Map, scene: &Scene, screen: Vec2) -> Rect {
    let bounds = erect(&scene.bounds);
    let readable = readable_zoom();
    if !bounds.is_positive() || screen.x <= 0.0 || screen.y <= 0.0 {
        return Rect::from_center_size(Pos2::ZERO, screen);
    }
    let whole = bounds.expand(MARGIN);
    let fit_whole = (screen.x / whole.width()).min(screen.y / whole.height());
    if fit_whole >= readable {
        let zoom = fit_whole.min(1.0);
        return Rect::from_center_size(whole.center(), screen / zoom);
    }
    let Some(thesis) = main_thesis(map) else {
        return Rect::from_center_size(whole.center(), screen / readable);
    };
    // The thesis, its inferences and their premises (reasons, objections).
    let mut shown = vec![thesis];
    for inference in map.inferences_into(thesis) {
        shown.push(inference);
        shown.extend(map.premises_of(inference));
    }
    let boxes = scene
        .boxes
        .iter()
        .filter(|b| shown.contains(&b.node))
        .map(|b| erect(&b.rect));
    let connectors = scene
        .connectors
        .iter()
        .filter(|c| shown.contains(&c.node))
        .map(|c| Rect::from_center_size(Pos2::new(c.center.x, c.center.y), Vec2::splat(1.0)));
    let wanted = boxes
        .chain(connectors)
        .fold(Rect::NOTHING, |a, r| a.union(r))
        .expand(MARGIN);
    let Some(thesis_rect) = scene
        .boxes
        .iter()
        .find(|b| b.node == thesis)
        .map(|b| erect(&b.rect))
    else {
        return Rect::from_center_size(whole.center(), screen / readable);
    };
    let fit = (screen.x / wanted.width()).min(screen.y / wanted.height());
    let zoom = fit.clamp(readable, 1.0_f32.max(readable));
    let size = screen / zoom;
    if size.x >= wanted.width() && size.y >= wanted.height() {
        // Centred across, but top-aligned: the map grows downwards from the
        // thesis, so the room left over shows the next level of reasons
        // rather than empty canvas above the thesis. Near the bottom of the
        // map the view slides up so it does not show empty canvas below.
        let top = wanted.min.y.min((whole.max.y - size.y).max(whole.min.y));
        return Rect::from_min_size(Pos2::new(wanted.center().x - size.x / 2.0, top), size);
    }
    // Too wide or tall even at the readable zoom: keep the thesis in view,
    // centred across, and as much of its reasons below it as fits.
    let centre_x = if size.x >= wanted.width() {
        wanted.center().x
    } else {
        thesis_rect.center().x
    };
    let top = if size.y >= wanted.height() {
        wanted.min.y.min((whole.max.y - size.y).max(whole.min.y))
    } else {
        wanted.min.y.min(thesis_rect.min.y - MARGIN)
    };
    Rect::from_min_size(Pos2::new(centre_x - size.x / 2.0, top), size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{SceneOptions, TextMeasurer, build};

    fn scene_of(map: &Map) -> Scene {
        build(map, &TextMeasurer::new(), &SceneOptions::default())
    }

    /// The main thesis's box in `scene`, canvas px.
    fn thesis_rect(map: &Map, scene: &Scene) -> Rect {
        let thesis = main_thesis(map).unwrap();
        scene
            .boxes
            .iter()
            .find(|b| b.node == thesis)
            .map(|b| erect(&b.rect))
            .unwrap()
    }

    #[test]
    fn a_small_map_that_fits_readably_is_shown_whole() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let scene = scene_of(&map);
        let screen = Vec2::new(4000.0, 3000.0);
        let view = first_view(&map, &scene, screen);
        assert!(view.contains_rect(erect(&scene.bounds)));
        assert!(screen.x / view.width() >= readable_zoom());
    }

    #[test]
    fn a_big_map_opens_on_its_thesis_readable() {
        let map = crate::bundled::default_map().unwrap().map;
        let scene = scene_of(&map);
        let screen = Vec2::new(900.0, 600.0);
        let view = first_view(&map, &scene, screen);
        let zoom = screen.x / view.width();
        assert!(zoom * BODY_SIZE >= READABLE_PX - 0.01, "zoom {zoom}");
        let rect = thesis_rect(&map, &scene);
        assert!(view.intersects(rect), "the thesis is in view");
        assert!(view.contains(rect.center_top()), "its top is in view");
    }

    #[test]
    fn the_thesis_sits_near_the_top_not_in_the_middle() {
        // The speech map at the window's default canvas size: the thesis
        // and its reasons fit with height to spare; the spare room goes
        // below (the next level), not above the thesis.
        let map = crate::bundled::default_map().unwrap().map;
        let scene = scene_of(&map);
        let screen = Vec2::new(1150.0, 900.0);
        let view = first_view(&map, &scene, screen);
        let rect = thesis_rect(&map, &scene);
        assert!(view.contains_rect(rect), "the thesis is in view");
        let above = rect.min.y - view.min.y;
        let below = view.max.y - rect.max.y;
        assert!(
            above <= MARGIN + 1.0,
            "{above} canvas px above the thesis, {below} below"
        );
    }
}
