//! Tests of the coverage lint.

use super::*;
use crate::model::{Anchor, Evidence, Inference, Source, Statement};

fn ev(id: &str) -> Evidence {
    Evidence {
        id: id.into(),
        text: "backing".into(),
        ..Evidence::default()
    }
}

fn statement(map: &mut Map, id: &str, text: &str, role: Role, evidence: Vec<Evidence>) {
    let mut st = Statement::new(text).with_role(role);
    st.evidence = evidence;
    map.add_statement(id, st, None, false).unwrap();
}

fn support(map: &mut Map, id: &str, premises: &[&str], target: &str) {
    map.add_inference(
        id,
        Inference::new(InferenceKind::Support),
        premises,
        target,
        None,
        false,
    )
    .unwrap();
}

/// A thesis with one evidenced premise, one bare premise, one premise
/// backed by a reason, a factual leaf claim, an opinion, a stray
/// evidenced statement and an orphaned quote.
fn sample() -> Map {
    let mut map = Map::new("t");
    map.add_source(Source {
        id: "src".into(),
        text: "Traffic fell.".into(),
        ..Source::default()
    })
    .unwrap();
    let mut orphan = ev("e-orphan");
    orphan.anchor = Some(Anchor {
        orphaned: true,
        ..Anchor::from_range("src", "Traffic fell.", 0, 7).unwrap()
    });
    statement(
        &mut map,
        "t",
        "Close the square to cars.",
        Role::Thesis,
        vec![ev("e-t")],
    );
    statement(
        &mut map,
        "p1",
        "Trade held up.",
        Role::Premise,
        vec![ev("e1"), orphan],
    );
    statement(&mut map, "p2", "Air got cleaner.", Role::Premise, vec![]);
    statement(&mut map, "p3", "People walk more.", Role::Premise, vec![]);
    statement(
        &mut map,
        "r3",
        "Footfall counts rose by 12% in 2019.",
        Role::Claim,
        vec![ev("e3")],
    );
    statement(
        &mut map,
        "c1",
        "Traffic fell by a third.",
        Role::Claim,
        vec![],
    );
    statement(
        &mut map,
        "c2",
        "Squares are for people.",
        Role::Claim,
        vec![],
    );
    statement(
        &mut map,
        "stray",
        "An aside.",
        Role::Claim,
        vec![ev("e-stray")],
    );
    statement(
        &mut map,
        "n",
        "Check 2019 figures.",
        Role::Note,
        vec![ev("e-n")],
    );
    support(&mut map, "i1", &["p1", "p2", "p3"], "t");
    support(&mut map, "i2", &["r3"], "p3");
    support(&mut map, "i3", &["c1"], "t");
    support(&mut map, "i4", &["c2"], "t");
    map
}

fn summary(problems: &[LintProblem]) -> Vec<(String, &'static str, Option<String>)> {
    problems
        .iter()
        .map(|p| (p.node.clone(), p.kind.as_str(), p.evidence.clone()))
        .collect()
}

#[test]
fn finds_each_kind_of_problem_in_id_order() {
    let problems = coverage_problems(&sample());
    let got = summary(&problems);
    let want = vec![
        ("c1".to_owned(), "fact-without-evidence", None),
        (
            "p1".to_owned(),
            "orphaned-anchor",
            Some("e-orphan".to_owned()),
        ),
        ("p2".to_owned(), "fact-without-evidence", None),
        (
            "stray".to_owned(),
            "evidence-supports-nothing",
            Some("e-stray".to_owned()),
        ),
    ];
    assert_eq!(got, want, "{problems:#?}");
    assert!(
        problems[0].message.contains("'third'"),
        "{}",
        problems[0].message
    );
    assert!(problems[1].message.contains("Traffic"));
    assert!(problems[2].message.starts_with("premise with neither"));
}

#[test]
fn the_lint_is_deterministic() {
    let map = sample();
    assert_eq!(coverage_problems(&map), coverage_problems(&map.clone()));
}

#[test]
fn an_attack_is_not_a_reason() {
    let mut map = sample();
    statement(
        &mut map,
        "obj",
        "No it did not.",
        Role::Claim,
        vec![ev("e-obj")],
    );
    map.add_inference(
        "i5",
        Inference::new(InferenceKind::Conflict),
        &["obj"],
        "p2",
        None,
        false,
    )
    .unwrap();
    let got = summary(&coverage_problems(&map));
    assert!(got.contains(&("p2".to_owned(), "fact-without-evidence", None)));
    // The objection's evidence backs an attack, so it supports something.
    assert!(!got.iter().any(|(node, _, _)| node == "obj"));
}

#[test]
fn factual_signs() {
    assert_eq!(
        factual_sign("Trade rose 4.5% in 1997."),
        Some("the figure '4.5%'".to_owned())
    );
    assert_eq!(
        factual_sign("Some 70 years without a treaty"),
        Some("the figure '70'".to_owned())
    );
    assert_eq!(
        factual_sign("A majority agreed"),
        Some("the quantity word 'majority'".to_owned())
    );
    assert_eq!(
        factual_sign("Prices went up 3 per cent"),
        Some("the figure '3'".to_owned())
    );
    assert_eq!(
        factual_sign("Up ten per cent"),
        Some("the quantity word 'per cent'".to_owned())
    );
    assert_eq!(factual_sign("The headquarters moved."), None);
    assert_eq!(factual_sign("We should talk, openly."), None);
}

#[test]
fn the_bundled_maps_lint_without_orphans() {
    for bundled in crate::bundled::ALL {
        let map = bundled.load().unwrap().map;
        let problems = coverage_problems(&map);
        assert!(
            !problems.iter().any(|p| p.kind == LintKind::OrphanedAnchor),
            "{problems:#?}"
        );
    }
}

/// An expert-opinion support with two of its three roles bound and one
/// question raised whose objection was then deleted.
fn scheme_sample() -> Map {
    let mut map = Map::new("schemes");
    for (id, text) in [
        ("c", "Close the square."),
        ("e", "Dr Lee is an expert."),
        ("a", "Dr Lee says so."),
        ("o", "Dr Lee owns a car park."),
    ] {
        statement(&mut map, id, text, Role::Claim, vec![]);
    }
    let mut inf = Inference::new(InferenceKind::Support);
    inf.scheme = "expert_opinion".into();
    inf.roles.insert("expert".into(), "e".into());
    inf.roles.insert("assertion".into(), "a".into());
    map.add_inference("i1", inf, &["e", "a"], "c", None, false)
        .unwrap();
    support(&mut map, "plain", &["o"], "c");
    map.add_inference(
        "obj",
        Inference::new(InferenceKind::Conflict),
        &["o"],
        "i1",
        None,
        false,
    )
    .unwrap();
    map.set_question_status(
        "i1",
        "trustworthy",
        crate::model::QuestionStatus::Raised {
            objection: "obj".into(),
        },
    )
    .unwrap();
    map.remove_nodes(&["obj"]).unwrap();
    map
}

#[test]
fn scheme_lint_finds_unbound_roles_open_questions_and_lost_objections() {
    let map = scheme_sample();
    let found: Vec<(LintKind, String, Option<String>)> =
        scheme_problems(&map, crate::io::schemes::bundled())
            .into_iter()
            .map(|p| (p.kind, p.node, p.question))
            .collect();
    let q = |s: &str| Some(s.to_owned());
    assert_eq!(
        found,
        vec![
            (LintKind::UnboundRole, "i1".into(), q("field")),
            (LintKind::OpenQuestion, "i1".into(), q("field")),
            (LintKind::OpenQuestion, "i1".into(), q("consistency")),
            (LintKind::OpenQuestion, "i1".into(), q("backing")),
            (LintKind::ObjectionDeleted, "i1".into(), q("trustworthy")),
        ]
    );
}

#[test]
fn scheme_lint_skips_unknown_scheme_names() {
    let mut map = Map::new("verbatim");
    statement(&mut map, "a", "A.", Role::Claim, vec![]);
    statement(&mut map, "b", "B.", Role::Claim, vec![]);
    let mut inf = Inference::new(InferenceKind::Support);
    inf.scheme = "Modus ponens".into();
    map.add_inference("i1", inf, &["a"], "b", None, false)
        .unwrap();
    assert!(scheme_problems(&map, crate::io::schemes::bundled()).is_empty());
}
