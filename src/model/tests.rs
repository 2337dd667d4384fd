//! Unit tests of the model's invariants.

use super::*;

fn sample() -> Map {
    let mut m = Map::new("Test");
    m.add_source(Source {
        id: "src".into(),
        title: "Text".into(),
        text: "Alpha beta gamma.".into(),
        ..Source::default()
    })
    .unwrap();
    for id in ["c", "p1", "p2", "o"] {
        m.add_statement(id, Statement::new(format!("statement {id}")), None, false)
            .unwrap();
    }
    m.add_inference(
        "i1",
        Inference::new(InferenceKind::Support),
        &["p1", "p2"],
        "c",
        None,
        false,
    )
    .unwrap();
    m.add_inference(
        "u1",
        Inference::new(InferenceKind::Conflict),
        &["o"],
        "i1",
        None,
        false,
    )
    .unwrap();
    m
}

#[test]
fn linked_premises_keep_their_order() {
    let m = sample();
    assert_eq!(m.premise_ids("i1"), vec!["p1", "p2"]);
    assert_eq!(m.target_id("i1"), Some("c"));
    assert!(m.is_undercut(m.index_of("u1").unwrap()));
    assert!(!m.is_undercut(m.index_of("i1").unwrap()));
}

#[test]
fn bad_inferences_are_refused_without_change() {
    let mut m = sample();
    let before = m.clone();
    let support = || Inference::new(InferenceKind::Support);
    assert_eq!(
        m.add_inference("x", support(), &[], "c", None, false),
        Err(ModelError::NoPremise("x".into()))
    );
    assert!(matches!(
        m.add_premise("i1", "i1"),
        Err(ModelError::SelfLoop(_))
    ));
    assert_eq!(
        m.add_inference("x", support(), &["nope"], "c", None, false),
        Err(ModelError::NoSuchNode("nope".into()))
    );
    assert_eq!(
        m.add_inference("p1", support(), &["p2"], "c", None, false),
        Err(ModelError::DuplicateId("p1".into()))
    );
    assert!(matches!(
        m.add_inference("x", support(), &["p1", "p1"], "c", None, false),
        Err(ModelError::DuplicatePremise { .. })
    ));
    assert!(matches!(
        m.remove_premise("u1", "o"),
        Err(ModelError::LastPremise { .. })
    ));
    assert_eq!(m, before);
}

#[test]
fn circular_reasoning_is_kept() {
    // "C because C": AIF data has MA nodes from a statement back to itself.
    let mut m = sample();
    let before = m.clone();
    m.add_inference(
        "circ",
        Inference::new(InferenceKind::Rephrase),
        &["c"],
        "c",
        None,
        false,
    )
    .unwrap();
    assert_eq!(m.premise_ids("circ"), vec!["c"]);
    assert_eq!(m.target_id("circ"), Some("c"));
    let frag = m.remove_nodes(&["circ"]).unwrap();
    assert_eq!(m, before);
    m.restore(frag).unwrap();
    let frag = m.remove_nodes(&["c"]).unwrap();
    assert!(frag.nodes.iter().any(|n| n.id == "circ"));
}

#[test]
fn removing_a_statement_cascades_and_restores() {
    let mut m = sample();
    let before = m.clone();
    let frag = m.remove_nodes(&["c"]).unwrap();
    // The support aimed at c goes, and so does the undercut aimed at it.
    let ids: Vec<&str> = frag.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, vec!["c", "i1", "u1"]);
    assert_eq!(m.statement_count(), 3);
    assert_eq!(m.inference_count(), 0);
    m.restore(frag).unwrap();
    assert_eq!(m, before);
}

#[test]
fn removing_one_co_premise_keeps_the_inference() {
    let mut m = sample();
    let before = m.clone();
    let frag = m.remove_nodes(&["p1"]).unwrap();
    assert_eq!(frag.nodes.len(), 1);
    assert_eq!(m.premise_ids("i1"), vec!["p2"]);
    m.restore(frag).unwrap();
    assert_eq!(m.premise_ids("i1"), vec!["p1", "p2"]);
    assert_eq!(m, before);
}

#[test]
fn anchors_must_point_into_a_source() {
    let mut m = sample();
    let mut ev = Evidence {
        id: "e1".into(),
        text: "beta".into(),
        anchor: Anchor::from_range("src", "Alpha beta gamma.", 6, 10),
        ..Evidence::default()
    };
    assert_eq!(ev.anchor.as_ref().unwrap().exact, "beta");
    let mut bad = ev.clone();
    bad.anchor.as_mut().unwrap().source = "missing".into();
    assert!(matches!(
        m.add_evidence("c", 0, bad),
        Err(ModelError::BadAnchor { .. })
    ));
    ev.anchor.as_mut().unwrap().end = 99;
    assert!(matches!(
        m.add_evidence("c", 0, ev.clone()),
        Err(ModelError::BadAnchor { .. })
    ));
    ev.anchor.as_mut().unwrap().end = 10;
    m.add_evidence("c", 0, ev).unwrap();
    assert!(matches!(
        m.remove_source("src"),
        Err(ModelError::SourceInUse { .. })
    ));
    assert_eq!(m.evidence_location("e1").map(|(_, i)| i), Some(0));
    assert!(m.is_id_used("e1"));
}

#[test]
fn allocated_ids_are_never_reused() {
    let mut m = sample();
    let a = m.allocate_id(IdKind::Statement);
    m.add_statement(&a, Statement::new("x"), None, false)
        .unwrap();
    m.remove_nodes(&[&a]).unwrap();
    let b = m.allocate_id(IdKind::Statement);
    assert_ne!(a, b);
}

#[test]
fn restore_refuses_a_second_target() {
    let mut m = sample();
    let frag = Fragment {
        nodes: vec![],
        links: vec![("i1".into(), "p1".into(), Link::Target)],
    };
    assert_eq!(m.restore(frag), Err(ModelError::SecondTarget("i1".into())));
}
