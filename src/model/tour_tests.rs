//! Unit tests of tours: validation, forgetting removed nodes, neighbourhoods
//! and the generated tour.

use std::collections::HashMap;

use super::*;
use crate::model::tour_gen::generate_tour;
use crate::model::{Inference, InferenceKind, Role, Statement};

/// c ← i1 (p1 + p2 linked); o attacks i1 (undercut u1); r rebuts p1 (r1);
/// t is the thesis, supported by c through i0.
fn sample() -> Map {
    let mut m = Map::new("Test");
    let mut thesis = Statement::new("the thesis");
    thesis.role = Role::Thesis;
    m.add_statement("t", thesis, None, false).unwrap();
    for id in ["c", "p1", "p2", "o", "r", "stray"] {
        m.add_statement(id, Statement::new(format!("statement {id}")), None, false)
            .unwrap();
    }
    let mut link = |id: &str, kind, premises: &[&str], target: &str| {
        m.add_inference(id, Inference::new(kind), premises, target, None, false)
            .unwrap();
    };
    link("i0", InferenceKind::Support, &["c"], "t");
    link("i1", InferenceKind::Support, &["p1", "p2"], "c");
    link("u1", InferenceKind::Conflict, &["o"], "i1");
    link("r1", InferenceKind::Conflict, &["r"], "p1");
    m
}

fn step(reveal: &[&str]) -> TourStep {
    TourStep::revealing(reveal.iter().map(|s| s.to_string()).collect())
}

#[test]
fn tours_refuse_bad_names_and_dangling_steps() {
    let mut m = sample();
    m.insert_tour(0, Tour::new("A")).unwrap();
    assert_eq!(
        m.insert_tour(1, Tour::new("A")),
        Err(ModelError::DuplicateTour("A".into()))
    );
    assert!(matches!(
        m.insert_tour(1, Tour::new("  ")),
        Err(ModelError::BadTourName(_))
    ));
    assert_eq!(
        m.insert_step("A", None, step(&["nope"])),
        Err(ModelError::NoSuchNode("nope".into()))
    );
    assert!(matches!(
        m.insert_step("A", None, step(&["c", "c"])),
        Err(ModelError::BadStep(_))
    ));
    assert!(matches!(
        m.insert_step("A", Some(3), step(&["c"])),
        Err(ModelError::NoSuchStep { .. })
    ));
    assert_eq!(
        m.tour("A").unwrap().steps.len(),
        0,
        "refusals change nothing"
    );
    m.insert_step("A", None, step(&["c"])).unwrap();
    m.insert_step("A", None, step(&["p1", "p2", "i1"])).unwrap();
    m.move_step("A", 1, 0).unwrap();
    assert_eq!(m.tour("A").unwrap().steps[1].reveal, vec!["c".to_string()]);
    m.rename_tour("A", "B").unwrap();
    assert!(m.tour("A").is_none());
    assert_eq!(
        m.tour("B")
            .unwrap()
            .visible_at(0)
            .into_iter()
            .collect::<Vec<_>>(),
        vec!["i1", "p1", "p2"]
    );
    assert_eq!(m.tour("B").unwrap().visible_at(9).len(), 4);
}

#[test]
fn removing_a_node_removes_it_from_every_step() {
    let mut m = sample();
    let mut tour = Tour::new("A");
    tour.steps = vec![step(&["t"]), step(&["p1", "c"]), step(&["o"])];
    tour.steps[2].highlight = vec!["p1".into(), "o".into()];
    m.insert_tour(0, tour.clone()).unwrap();
    m.insert_tour(1, Tour::new("empty")).unwrap();
    let before = m.clone();
    // Removing p1 takes r1 with it (its target is gone), not i1 (p2 stays).
    let (fragment, changes) = m.remove_nodes_reporting(&["p1"]).unwrap();
    let changed: Vec<usize> = changes.iter().map(|c| c.at.step).collect();
    assert_eq!(changed, vec![1, 2]);
    let steps = &m.tour("A").unwrap().steps;
    assert_eq!(steps[1].reveal, vec!["c".to_string()]);
    assert_eq!(steps[1].focus, None, "the focus was p1");
    assert_eq!(steps[2].highlight, vec!["o".to_string()]);
    for s in steps {
        m.check_step(s).unwrap();
    }
    // Restoring the fragment and the steps gives the map back exactly.
    m.restore(fragment).unwrap();
    for c in changes {
        m.replace_step(&c.at.tour, c.at.step, c.before).unwrap();
    }
    assert_eq!(m, before);
}

#[test]
fn depth_one_is_the_claim_and_its_neighbours() {
    let m = sample();
    let ids = |ixs: Vec<NodeIx>| {
        let mut v: Vec<String> = ixs.into_iter().map(|ix| m.graph()[ix].id.clone()).collect();
        v.sort();
        v
    };
    let c = m.index_of("c").unwrap();
    // The undercut u1 of c's reason i1 costs no hop: o is one hop away.
    assert_eq!(
        ids(neighbourhood(&m, c, 1)),
        vec!["c", "i0", "i1", "o", "p1", "p2", "t", "u1"]
    );
    // r1 rebuts p1, but r is two hops away, so r1 joins nothing inside.
    assert!(!ids(neighbourhood(&m, c, 1)).contains(&"r1".to_string()));
    assert_eq!(ids(neighbourhood(&m, c, 0)), vec!["c"]);
    let two = ids(neighbourhood(&m, c, 2));
    assert!(two.contains(&"o".to_string()) && two.contains(&"r".to_string()));
    assert!(!two.contains(&"stray".to_string()));
}

#[test]
fn generated_tour_covers_every_node_once_with_objections_first() {
    let m = sample();
    let tour = generate_tour(&m, "Generated");
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, s) in tour.steps.iter().enumerate() {
        m.check_step(s).unwrap();
        for id in &s.reveal {
            assert!(seen.insert(id, k).is_none(), "{id} revealed twice");
        }
    }
    assert_eq!(seen.len(), m.node_count());
    assert_eq!(tour.steps[0].reveal, vec!["t".to_string()]);
    // Linked co-premises appear together, with their inference.
    assert_eq!(seen["p1"], seen["p2"]);
    assert_eq!(seen["p1"], seen["i1"]);
    // The undercut of i1 and the rebuttal of p1 come right after i1's step,
    // before anything else.
    assert_eq!(seen["u1"], seen["i1"] + 1);
    assert_eq!(seen["r1"], seen["i1"] + 2);
    // The statement no thesis reaches comes last.
    assert_eq!(seen["stray"], tour.steps.len() - 1);
}
