//! Scene tests: wrapping inside boxes, badges, connectors, undercuts,
//! fallback placement, selection, determinism.

use std::collections::HashSet;

use super::*;
use crate::model::{Basis, Evidence, Inference, InferenceKind, Map, Statement};

fn sample() -> Map {
    let mut map = Map::new("t");
    let mut thesis = Statement::new("Car-free city centres make cities better places to live.")
        .with_role(Role::Thesis)
        .with_title("Car-free centres");
    thesis.evidence.push(Evidence {
        id: "e1".into(),
        basis: Basis::Statistic,
        text: "Footfall rose 20%".into(),
        ..Evidence::default()
    });
    map.add_statement("s1", thesis, Some(Pos::new(400.0, 100.0)), false)
        .unwrap();
    map.add_statement(
        "s2",
        Statement::new("Shops in pedestrian zones report more trade after the change."),
        Some(Pos::new(200.0, 400.0)),
        false,
    )
    .unwrap();
    map.add_statement(
        "s3",
        Statement::new("Deliveries become slower and dearer.").with_role(Role::Premise),
        Some(Pos::new(650.0, 400.0)),
        false,
    )
    .unwrap();
    map.add_statement(
        "s4",
        Statement::new("Trade figures are seasonal."),
        None,
        false,
    )
    .unwrap();
    map.add_inference(
        "i1",
        Inference::new(InferenceKind::Support),
        &["s2"],
        "s1",
        Some(Pos::new(300.0, 250.0)),
        false,
    )
    .unwrap();
    map.add_inference(
        "i2",
        Inference::new(InferenceKind::Conflict),
        &["s3"],
        "s1",
        None,
        false,
    )
    .unwrap();
    map.add_inference(
        "i3",
        Inference::new(InferenceKind::Conflict),
        &["s4"],
        "i1",
        None,
        false,
    )
    .unwrap();
    map
}

fn built(map: &Map) -> Scene {
    build(map, &TextMeasurer::new(), &SceneOptions::default())
}

#[test]
fn text_is_wrapped_within_the_box() {
    let m = TextMeasurer::new();
    let scene = build(&sample(), &m, &SceneOptions::default());
    assert_eq!(scene.boxes.len(), 4);
    for b in &scene.boxes {
        assert!(!b.lines.is_empty());
        for line in &b.lines {
            let w = m.width(&line.text, line.size);
            assert!(line.pos.x >= b.rect.min.x + PADDING - 0.01);
            assert!(
                line.pos.x + w <= b.rect.max.x - PADDING + 0.5,
                "{:?} overflows",
                line.text
            );
            assert!(line.pos.y >= b.rect.min.y);
            assert!(line.pos.y + TextMeasurer::line_height(line.size) <= b.rect.max.y + 0.01);
        }
    }
    let thesis = &scene.boxes[0];
    assert_eq!(thesis.id, "s1");
    assert!(thesis.lines[0].bold && thesis.lines[0].text == "Car-free centres");
    assert!(!thesis.lines[1].bold);
}

#[test]
fn badge_only_with_evidence() {
    let scene = built(&sample());
    let thesis = scene.boxes.iter().find(|b| b.id == "s1").unwrap();
    assert_eq!(thesis.evidence_count, 1);
    let (c, r) = thesis.badge.unwrap();
    assert!(r > 0.0);
    assert_eq!(c, Pos::new(thesis.rect.max.x, thesis.rect.min.y));
    assert!(
        scene
            .boxes
            .iter()
            .filter(|b| b.id != "s1")
            .all(|b| b.badge.is_none())
    );
}

#[test]
fn undercut_edge_ends_on_the_connector() {
    let map = sample();
    let scene = built(&map);
    let i1 = scene.connectors.iter().find(|c| c.id == "i1").unwrap();
    let i3 = scene.connectors.iter().find(|c| c.id == "i3").unwrap();
    assert!(i3.undercut && !i1.undercut);
    assert_eq!(i3.fill, scene.theme.conflict);
    let edge = scene
        .edges
        .iter()
        .find(|e| e.from == i3.node && e.to == i1.node)
        .unwrap();
    assert!(edge.arrow);
    let end = *edge.points.last().unwrap();
    assert!(
        (distance(end, i1.center) - i1.radius).abs() < 0.01,
        "ends at {end:?}"
    );
    assert!(edge.arrowhead().is_some());
}

#[test]
fn edges_join_borders_and_arrows_point_at_targets() {
    let scene = built(&sample());
    // 3 inferences, one premise each, plus their targets.
    assert_eq!(scene.edges.len(), 6);
    for e in &scene.edges {
        let start = e.points[0];
        if let Some(b) = scene.boxes.iter().find(|b| b.node == e.from) {
            assert!(on_border(&b.rect, start), "{start:?} not on {:?}", b.rect);
            assert!(!e.arrow);
        }
        if let Some(b) = scene.boxes.iter().find(|b| b.node == e.to) {
            assert!(on_border(&b.rect, *e.points.last().unwrap()));
            assert!(e.arrow);
        }
    }
}

fn on_border(r: &Rect, p: Pos) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 0.01;
    r.expand(0.01).contains(p)
        && (near(p.x, r.min.x) || near(p.x, r.max.x) || near(p.y, r.min.y) || near(p.y, r.max.y))
}

#[test]
fn unplaced_nodes_get_distinct_spots() {
    let scene = built(&sample());
    let s4 = scene.boxes.iter().find(|b| b.id == "s4").unwrap();
    for b in scene.boxes.iter().filter(|b| b.id != "s4") {
        assert!(!b.rect.intersects(&s4.rect), "{} overlaps s4", b.id);
    }
    let mut spots = HashSet::new();
    for c in &scene.connectors {
        assert!(spots.insert((c.center.x as i64, c.center.y as i64)));
    }
    for b in &scene.boxes {
        assert!(scene.bounds.contains(b.rect.min) && scene.bounds.contains(b.rect.max));
    }
}

#[test]
fn selection_keeps_only_chosen_nodes_and_their_links() {
    let map = sample();
    let only: HashSet<NodeIx> = ["s1", "s2"]
        .iter()
        .map(|id| map.index_of(id).unwrap())
        .collect();
    let options = SceneOptions {
        only: Some(only),
        ..SceneOptions::default()
    };
    let scene = build(&map, &TextMeasurer::new(), &options);
    let ids: Vec<&str> = scene.boxes.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2"]);
    let cons: Vec<&str> = scene.connectors.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cons, ["i1"]);
    assert_eq!(scene.edges.len(), 2);
}

#[test]
fn routes_replace_straight_edges() {
    let map = sample();
    let plain = built(&map);
    let e = &plain.edges[0];
    let route = vec![e.points[0], Pos::new(0.0, 0.0), *e.points.last().unwrap()];
    let options = SceneOptions {
        routes: Some(vec![(e.edge, route.clone())]),
        ..SceneOptions::default()
    };
    let scene = build(&map, &TextMeasurer::new(), &options);
    assert_eq!(scene.edges[0].points, route);
}

#[test]
fn build_is_deterministic_and_themed() {
    let map = crate::synth::argument_map(200, 3);
    let m = TextMeasurer::new();
    let a = build(&map, &m, &SceneOptions::default());
    let b = build(&map, &m, &SceneOptions::default());
    assert_eq!(a, b);
    assert_eq!(a.boxes.len(), 200);
    let dark = build(
        &map,
        &m,
        &SceneOptions {
            theme: ThemeName::Dark,
            ..SceneOptions::default()
        },
    );
    assert_eq!(dark.theme.name, ThemeName::Dark);
    assert_ne!(dark.boxes[0].fill, a.boxes[0].fill);
    for pair in a.boxes.windows(2) {
        assert!(crate::model::ids::natural_cmp(&pair[0].id, &pair[1].id).is_lt());
    }
    let positions = fallback_positions(&map, &m, DEFAULT_BOX_WIDTH);
    assert_eq!(positions.len(), map.node_count());
}

#[test]
fn bundled_maps_build() {
    for bundled in crate::bundled::ALL {
        let map = bundled.load().unwrap().map;
        let scene = built(&map);
        assert_eq!(scene.boxes.len(), map.statement_count());
        assert_eq!(scene.connectors.len(), map.inference_count());
        assert!(scene.bounds.width() > 100.0);
    }
}
