//! Layout invariants over generated maps, and small hand-made shapes.

use proptest::prelude::*;

use super::{
    Direction, EstimatedSizes, LayoutOptions, LayoutResult, NodeSizes, apply_command, layout,
};
use crate::model::{Inference, InferenceKind, Map, NodeIx, Pos, Role, Statement};
use crate::ops::{Command, apply};

/// The box of node `ix` at `p`: (min x, min y, max x, max y).
pub(super) fn rect(sizes: &dyn NodeSizes, ix: NodeIx, p: Pos) -> (f32, f32, f32, f32) {
    let (w, h) = sizes.size(ix);
    (p.x - w / 2.0, p.y - h / 2.0, p.x + w / 2.0, p.y + h / 2.0)
}

/// Whether `p` lies on the border of node `ix`'s box (its circle, for a
/// connector).
fn on_border(map: &Map, sizes: &dyn NodeSizes, ix: NodeIx, c: Pos, p: Pos) -> bool {
    let (w, h) = sizes.size(ix);
    let (dx, dy) = (p.x - c.x, p.y - c.y);
    if map.graph()[ix].is_statement() {
        let k = (dx.abs() / (w / 2.0)).max(dy.abs() / (h / 2.0));
        (k - 1.0).abs() < 0.01
    } else {
        ((dx * dx + dy * dy).sqrt() - w.min(h) / 2.0).abs() < 0.05
    }
}

/// Checks every layout invariant; `acyclic` maps also have every conclusion
/// above its premises.
pub(super) fn check(map: &Map, result: &LayoutResult, direction: Direction, acyclic: bool) {
    let sizes = EstimatedSizes::new(map);
    let graph = map.graph();
    assert_eq!(result.positions.len(), map.node_count());
    assert!(result.positions.windows(2).all(|w| w[0].0 < w[1].0));
    let boxes: Vec<_> = result
        .positions
        .iter()
        .map(|&(ix, p)| {
            assert!(p.x.is_finite() && p.y.is_finite());
            (
                ix,
                rect(&sizes, ix, p),
                graph[ix].pinned && graph[ix].pos.is_some(),
            )
        })
        .collect();
    for (k, a) in boxes.iter().enumerate() {
        for b in &boxes[k + 1..] {
            if a.2 && b.2 {
                continue; // the user pinned both
            }
            let (r, s) = (a.1, b.1);
            let overlap = r.0 < s.2 - 0.5 && s.0 < r.2 - 0.5 && r.1 < s.3 - 0.5 && s.1 < r.3 - 0.5;
            assert!(!overlap, "{} overlaps {}", graph[a.0].id, graph[b.0].id);
        }
    }
    for &(ix, p) in &result.positions {
        let node = &graph[ix];
        if node.pinned && node.pos.is_some() {
            assert_eq!(Some(p), node.pos, "pinned {} moved", node.id);
        }
    }
    assert_eq!(result.routes.len(), graph.edge_count());
    for (e, points) in &result.routes {
        let (s, t) = graph.edge_endpoints(*e).expect("edge exists");
        let (ps, pt) = (result.position(s).unwrap(), result.position(t).unwrap());
        assert!(points.len() >= 2);
        assert!(
            on_border(map, &sizes, s, ps, points[0]),
            "route start {e:?}"
        );
        assert!(
            on_border(map, &sizes, t, pt, *points.last().unwrap()),
            "route end {e:?}"
        );
        let pinned = graph[s].pinned || graph[t].pinned;
        if acyclic && !pinned {
            match direction {
                Direction::TopDown => assert!(pt.y < ps.y, "{} not above", graph[t].id),
                Direction::LeftRight => assert!(pt.x < ps.x, "{} not left", graph[t].id),
            }
        }
    }
}

pub(super) fn small(
    statements: &[&str],
    inferences: &[(&str, InferenceKind, &[&str], &str)],
) -> Map {
    let mut map = Map::new("test");
    for id in statements {
        let role = if *id == "t" {
            Role::Thesis
        } else {
            Role::Claim
        };
        map.add_statement(
            id,
            Statement::new(format!("Statement {id}")).with_role(role),
            None,
            false,
        )
        .unwrap();
    }
    for (id, kind, premises, target) in inferences {
        map.add_inference(id, Inference::new(*kind), premises, target, None, false)
            .unwrap();
    }
    map
}

pub(super) fn at(map: &Map, result: &LayoutResult, id: &str) -> Pos {
    result.position(map.index_of(id).unwrap()).unwrap()
}

/// Pins a few statements of `map` at scattered, non-overlapping spots.
pub(super) fn pin_some(map: &mut Map, seed: u64, how_many: usize) {
    let mut rng = crate::synth::Rng::new(seed);
    let ids: Vec<String> = map.nodes_sorted().iter().map(|n| n.id.clone()).collect();
    for k in 0..how_many.min(ids.len()) {
        let id = &ids[rng.below(ids.len())];
        let pos = Pos::new(
            (k * 700) as f32 + rng.below(300) as f32,
            rng.below(1500) as f32,
        );
        map.set_placement(id, Some(pos), true).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn random_maps_lay_out_cleanly(n in 1usize..120, seed in 0u64..1000, pins in 0usize..4, lr in any::<bool>()) {
        let mut map = crate::synth::argument_map(n, seed);
        pin_some(&mut map, seed, pins);
        let direction = if lr { Direction::LeftRight } else { Direction::TopDown };
        let options = LayoutOptions { direction, ..LayoutOptions::default() };
        let sizes = EstimatedSizes::new(&map);
        let result = layout(&map, &sizes, &options);
        check(&map, &result, direction, true);
        prop_assert_eq!(result.reversed_edges, 0);
        prop_assert_eq!(&layout(&map, &sizes, &options), &result);
    }
}

#[test]
fn linked_co_premises_sit_side_by_side_under_their_connector() {
    let map = small(
        &["t", "a", "b"],
        &[("i1", InferenceKind::Support, &["a", "b"], "t")],
    );
    let result = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    check(&map, &result, Direction::TopDown, true);
    let (t, i, a, b) = (
        at(&map, &result, "t"),
        at(&map, &result, "i1"),
        at(&map, &result, "a"),
        at(&map, &result, "b"),
    );
    assert_eq!(a.y, b.y);
    assert!(a.x < b.x, "premise order kept");
    assert!(t.y < i.y && i.y < a.y);
    assert!(
        (i.x - (a.x + b.x) / 2.0).abs() < 1.0,
        "connector centred over its premises"
    );
    assert!((t.x - i.x).abs() < 1.0, "conclusion straight above");
}

#[test]
fn objections_sit_beside_the_reasons_they_compete_with() {
    let map = small(
        &["t", "r", "o"],
        &[
            ("i1", InferenceKind::Conflict, &["o"], "t"),
            ("i2", InferenceKind::Support, &["r"], "t"),
        ],
    );
    let result = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    check(&map, &result, Direction::TopDown, true);
    let (r, o) = (at(&map, &result, "r"), at(&map, &result, "o"));
    assert_eq!(r.y, o.y);
    assert!(r.x < o.x, "reason first, then the objection");
}

#[test]
fn an_undercut_hangs_below_the_connector_it_attacks() {
    let mut map = small(
        &["t", "a", "c"],
        &[("i1", InferenceKind::Support, &["a"], "t")],
    );
    map.add_inference(
        "u1",
        Inference::new(InferenceKind::Conflict),
        &["c"],
        "i1",
        None,
        false,
    )
    .unwrap();
    let result = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    check(&map, &result, Direction::TopDown, true);
    let (i, a, u, c) = (
        at(&map, &result, "i1"),
        at(&map, &result, "a"),
        at(&map, &result, "u1"),
        at(&map, &result, "c"),
    );
    assert!(i.y < u.y && u.y < c.y);
    assert!(i.y < a.y);
    assert!(a.x < u.x, "the undercut comes after the premises");
}

#[test]
fn support_cycles_are_broken_and_drawn() {
    let map = small(
        &["t", "a", "b"],
        &[
            ("i1", InferenceKind::Support, &["a"], "t"),
            ("i2", InferenceKind::Support, &["b"], "a"),
            ("i3", InferenceKind::Support, &["a"], "b"),
        ],
    );
    let result = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    assert_eq!(result.reversed_edges, 1);
    check(&map, &result, Direction::TopDown, false);
    assert!(at(&map, &result, "t").y < at(&map, &result, "a").y);
}

#[test]
fn left_right_puts_the_thesis_on_the_left() {
    let map = small(
        &["t", "a", "b"],
        &[("i1", InferenceKind::Support, &["a", "b"], "t")],
    );
    let options = LayoutOptions {
        direction: Direction::LeftRight,
        ..LayoutOptions::default()
    };
    let result = layout(&map, &EstimatedSizes::new(&map), &options);
    check(&map, &result, Direction::LeftRight, true);
    let (a, b) = (at(&map, &result, "a"), at(&map, &result, "b"));
    assert_eq!(a.x, b.x);
    assert!(a.y < b.y);
}

#[test]
fn an_empty_map_gives_an_empty_layout() {
    let map = Map::new("empty");
    assert_eq!(
        layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default()),
        LayoutResult::default()
    );
}

#[test]
fn the_bundled_speech_map_lays_out_with_the_thesis_on_top() {
    let map = crate::bundled::DEFAULT.load().unwrap().map;
    let result = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    check(
        &map,
        &result,
        Direction::TopDown,
        result.reversed_edges == 0,
    );
    let thesis_y = map
        .nodes()
        .filter(|n| n.as_statement().is_some_and(|s| s.role == Role::Thesis))
        .map(|n| at(&map, &result, &n.id).y)
        .fold(f32::INFINITY, f32::min);
    assert!(thesis_y.is_finite(), "the speech map has a thesis");
    for node in map.nodes().filter(|n| n.is_statement()) {
        assert!(
            at(&map, &result, &node.id).y >= thesis_y,
            "{} above the thesis",
            node.id
        );
    }
}

#[test]
fn applying_a_layout_is_one_undoable_command_and_relayout_keeps_it() {
    let mut map = crate::synth::argument_map(150, 3);
    pin_some(&mut map, 3, 2);
    let pinned: Vec<_> = map
        .nodes()
        .filter(|n| n.pinned)
        .map(|n| (n.id.clone(), n.pos))
        .collect();
    let sizes_map = map.clone();
    let result = layout(
        &map,
        &EstimatedSizes::new(&sizes_map),
        &LayoutOptions::default(),
    );
    let Command::Place(placements) = apply_command(&map, &result) else {
        panic!("a place command");
    };
    assert_eq!(placements.len(), map.node_count() - pinned.len());
    let applied = apply(&mut map, Command::Place(placements)).unwrap();
    for (id, pos) in &pinned {
        assert_eq!(map.node(id).unwrap().pos, *pos);
    }
    let again = layout(&map, &EstimatedSizes::new(&map), &LayoutOptions::default());
    let Command::Place(moves) = apply_command(&map, &again) else {
        panic!("a place command");
    };
    assert!(
        moves.len() * 20 <= map.node_count(),
        "relayout moved {} nodes",
        moves.len()
    );
    apply(&mut map, applied.inverse).unwrap();
    assert!(map.nodes().filter(|n| !n.pinned).all(|n| n.pos.is_none()));
}

#[test]
fn adding_one_reason_moves_few_boxes() {
    adding_one_reason_moves_few_boxes_at(0.5);
}

#[test]
fn adding_one_reason_moves_few_boxes_with_rows_per_column() {
    adding_one_reason_moves_few_boxes_at(1.0);
}

fn adding_one_reason_moves_few_boxes_at(compactness: f32) {
    let mut map = crate::synth::argument_map(300, 11);
    let base = LayoutOptions {
        compactness,
        ..LayoutOptions::default()
    };
    let first = layout(&map, &EstimatedSizes::new(&map), &base);
    let place = apply_command(&map, &first);
    apply(&mut map, place).unwrap();
    map.add_statement("new", Statement::new("A new reason."), None, false)
        .unwrap();
    map.add_inference(
        "inew",
        Inference::new(InferenceKind::Support),
        &["new"],
        "s40",
        None,
        false,
    )
    .unwrap();
    let options = LayoutOptions {
        keep_positions: true,
        ..base
    };
    let second = layout(&map, &EstimatedSizes::new(&map), &options);
    check(&map, &second, Direction::TopDown, true);
    let moved = first
        .positions
        .iter()
        .filter(|&&(ix, p)| {
            second
                .position(ix)
                .is_some_and(|q| (q.x - p.x).abs() + (q.y - p.y).abs() > 1.0)
        })
        .count();
    assert!(
        moved * 10 <= first.positions.len(),
        "{moved} of {} moved",
        first.positions.len()
    );
}
