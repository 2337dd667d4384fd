//! Structured evaluation on small maps, one per rule of the translation,
//! plus explanations and gradual values computed by hand.

use super::explain::{self, Reason};
use super::gradual::{self, Gradual, Qbaf};
use super::solve::{Label, Semantics};
use super::structured::evaluate;
use crate::model::{AcceptanceOverride, EvalOptions, Inference, InferenceKind, Map, Statement};
use crate::ops::{Command, apply};

/// A map with statements `ids` and inferences `(id, kind, premises, target)`.
pub(super) fn map(statements: &[&str], inferences: &[(&str, InferenceKind, &[&str], &str)]) -> Map {
    let mut m = Map::new("test");
    for s in statements {
        apply(
            &mut m,
            Command::AddStatement {
                id: Some((*s).into()),
                statement: Statement::new(format!("statement {s}")),
                pos: None,
            },
        )
        .expect("add statement");
    }
    for (id, kind, premises, target) in inferences {
        apply(
            &mut m,
            Command::Connect {
                id: Some((*id).into()),
                inference: Inference::new(*kind),
                premises: premises.iter().map(|p| (*p).to_owned()).collect(),
                target: (*target).into(),
            },
        )
        .expect("connect");
    }
    m
}

use InferenceKind::{Conflict as C, Rephrase as R, Support as S};

fn grounded(m: &Map, id: &str) -> Label {
    evaluate(m, Semantics::Grounded)
        .label(id, 0)
        .expect("evaluated")
}

#[test]
fn unsupported_unattacked_statement_is_in_by_default() {
    let m = map(&["a"], &[]);
    assert_eq!(grounded(&m, "a"), Label::In);
}

#[test]
fn linked_support_with_one_premise_out_does_not_apply() {
    // p1 + p2 → c (linked); x attacks p2.
    let m = map(
        &["c", "p1", "p2", "x"],
        &[("i1", S, &["p1", "p2"], "c"), ("i2", C, &["x"], "p2")],
    );
    assert_eq!(grounded(&m, "p1"), Label::In);
    assert_eq!(grounded(&m, "p2"), Label::Out);
    assert_eq!(grounded(&m, "i1"), Label::Out);
    assert_eq!(grounded(&m, "c"), Label::Out);
    // Without the attack the linked support applies.
    let m = map(&["c", "p1", "p2"], &[("i1", S, &["p1", "p2"], "c")]);
    assert_eq!(grounded(&m, "i1"), Label::In);
    assert_eq!(grounded(&m, "c"), Label::In);
}

#[test]
fn separate_supports_are_independent_reasons() {
    // p1 → c and p2 → c separately; x attacks p2: c still stands on p1.
    let m = map(
        &["c", "p1", "p2", "x"],
        &[
            ("i1", S, &["p1"], "c"),
            ("i2", S, &["p2"], "c"),
            ("i3", C, &["x"], "p2"),
        ],
    );
    assert_eq!(grounded(&m, "i2"), Label::Out);
    assert_eq!(grounded(&m, "c"), Label::In);
}

#[test]
fn undercut_stops_the_inference_and_leaves_other_reasons() {
    // p1 → c (i1), p2 → c (i2), u undercuts i1.
    let m = map(
        &["c", "p1", "p2", "u"],
        &[
            ("i1", S, &["p1"], "c"),
            ("i2", S, &["p2"], "c"),
            ("i3", C, &["u"], "i1"),
        ],
    );
    assert_eq!(grounded(&m, "i1"), Label::Out);
    assert_eq!(
        grounded(&m, "p1"),
        Label::In,
        "an undercut does not touch the premise"
    );
    assert_eq!(grounded(&m, "c"), Label::In, "c stands on its other reason");
    // With only the undercut reason, c is left without a reason (OUT as not
    // accepted, explained as "none of its reasons applies", not as attacked).
    let m = map(
        &["c", "p1", "u"],
        &[("i1", S, &["p1"], "c"), ("i3", C, &["u"], "i1")],
    );
    assert_eq!(grounded(&m, "c"), Label::Out);
    let e = evaluate(&m, Semantics::Grounded);
    let why = explain::explain(&m, &e, "c", 0, 4).expect("explained");
    assert_eq!(why.reason, Reason::NoReasonApplies);
}

#[test]
fn reinstatement_an_attack_on_the_attacker_restores_the_target() {
    let m = map(&["a", "b"], &[("i1", C, &["b"], "a")]);
    assert_eq!(grounded(&m, "a"), Label::Out);
    let m = map(
        &["a", "b", "c"],
        &[("i1", C, &["b"], "a"), ("i2", C, &["c"], "b")],
    );
    assert_eq!(grounded(&m, "b"), Label::Out);
    assert_eq!(grounded(&m, "a"), Label::In);
    let e = evaluate(&m, Semantics::Grounded);
    let text = explain::render(&explain::explain(&m, &e, "a", 0, 4).expect("explained"));
    assert_eq!(
        text,
        "IN \"statement a\" [a]: accepted by default: no reasons, and no attack stands\n\
         \x20 attacked by OUT \"statement b\" [b]: an attack on it stands\n\
         \x20   attacked by IN \"statement c\" [c]: accepted by default: no reasons, and no attack stands\n"
    );
}

#[test]
fn mutual_rebuttal_is_undecided_in_grounded_and_split_in_preferred() {
    let m = map(
        &["a", "b"],
        &[("i1", C, &["b"], "a"), ("i2", C, &["a"], "b")],
    );
    assert_eq!(grounded(&m, "a"), Label::Undec);
    let e = evaluate(&m, Semantics::Preferred);
    assert_eq!(e.extension_count(), 2);
    let s = e.standing("a").expect("evaluated");
    assert!(s.credulous && !s.sceptical);
    assert_eq!(s.label, Label::Undec);
}

#[test]
fn rephrase_makes_two_statements_one() {
    // a rephrases b; x attacks b; so a falls with b. y supports a, so b has a reason.
    let m = map(
        &["a", "b", "x"],
        &[("i1", R, &["a"], "b"), ("i2", C, &["x"], "b")],
    );
    assert_eq!(grounded(&m, "a"), Label::Out);
    assert_eq!(grounded(&m, "b"), Label::Out);
    assert_eq!(grounded(&m, "i1"), Label::Out);
    let m = map(
        &["a", "b", "y"],
        &[("i1", R, &["a"], "b"), ("i2", S, &["y"], "a")],
    );
    assert_eq!(grounded(&m, "b"), Label::In);
    let t = super::structured::translate(&m);
    assert_eq!(t.classes.iter().filter(|c| c.len() == 2).count(), 1);
}

#[test]
fn overrides_decide_the_statement_and_flow_on() {
    let mut m = map(
        &["a", "b", "c"],
        &[("i1", C, &["b"], "a"), ("i2", S, &["a"], "c")],
    );
    assert_eq!(grounded(&m, "c"), Label::Out);
    let set = |m: &mut Map, id: &str, v| {
        apply(
            m,
            Command::SetAcceptance {
                id: id.into(),
                value: v,
            },
        )
        .expect("set")
    };
    set(&mut m, "a", AcceptanceOverride::Accepted);
    assert_eq!(grounded(&m, "a"), Label::In);
    assert_eq!(grounded(&m, "c"), Label::In);
    set(&mut m, "a", AcceptanceOverride::Default);
    set(&mut m, "b", AcceptanceOverride::Rejected);
    assert_eq!(grounded(&m, "b"), Label::Out);
    assert_eq!(
        grounded(&m, "a"),
        Label::In,
        "the rejected attacker no longer defeats"
    );
    set(&mut m, "b", AcceptanceOverride::Default);
    set(&mut m, "a", AcceptanceOverride::Undecided);
    assert_eq!(grounded(&m, "a"), Label::Undec);
    assert_eq!(grounded(&m, "c"), Label::Undec);
    let e = evaluate(&m, Semantics::Grounded);
    let why = explain::explain(&m, &e, "a", 0, 4).expect("explained");
    assert_eq!(why.reason, Reason::Override(AcceptanceOverride::Undecided));
}

#[test]
fn option_unsupported_statements_are_not_accepted() {
    let mut m = map(&["c", "p"], &[("i1", S, &["p"], "c")]);
    assert_eq!(grounded(&m, "c"), Label::In);
    apply(
        &mut m,
        Command::SetEvalOptions(EvalOptions {
            unsupported_not_accepted: true,
            ..EvalOptions::default()
        }),
    )
    .expect("set option");
    assert_eq!(grounded(&m, "p"), Label::Out);
    assert_eq!(grounded(&m, "c"), Label::Out);
    apply(
        &mut m,
        Command::SetAcceptance {
            id: "p".into(),
            value: AcceptanceOverride::Accepted,
        },
    )
    .expect("set");
    assert_eq!(grounded(&m, "c"), Label::In);
    let e = evaluate(&m, Semantics::Grounded);
    assert_eq!(
        explain::explain(&m, &e, "c", 0, 4)
            .expect("explained")
            .reason,
        Reason::Stands
    );
}

#[test]
fn undoing_a_what_if_restores_every_label() {
    let mut m = map(
        &["a", "b", "c"],
        &[("i1", C, &["b"], "a"), ("i2", S, &["a"], "c")],
    );
    let before = evaluate(&m, Semantics::Grounded);
    let applied = apply(
        &mut m,
        Command::SetAcceptance {
            id: "b".into(),
            value: AcceptanceOverride::Rejected,
        },
    )
    .expect("set");
    let during = evaluate(&m, Semantics::Grounded);
    assert_eq!(
        during.changed_since(&before),
        vec!["a", "b", "c", "i1", "i2"]
    );
    apply(&mut m, applied.inverse).expect("undo");
    let after = evaluate(&m, Semantics::Grounded);
    assert_eq!(after.labels(0), before.labels(0));
    assert!(after.changed_since(&before).is_empty());
}

#[test]
fn h_categorizer_chain_and_cycles() {
    let af = super::af::Framework::from_pairs(3, &[(0, 1), (1, 2)]);
    let s = gradual::strengths(&gradual::from_framework(&af, 1.0), Gradual::HCategorizer)
        .expect("converges");
    assert!((s[0] - 1.0).abs() < 1e-9 && (s[1] - 0.5).abs() < 1e-9);
    assert!((s[2] - 2.0 / 3.0).abs() < 1e-9, "{}", s[2]);
    for n in [2, 3] {
        let pairs: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let af = super::af::Framework::from_pairs(n, &pairs);
        let s = gradual::strengths(&gradual::from_framework(&af, 1.0), Gradual::HCategorizer)
            .expect("converges");
        for v in s {
            assert!((v - 0.618034).abs() < 1e-6, "{n}-cycle gives {v}");
        }
    }
}

#[test]
fn df_quad_and_quadratic_energy_by_hand() {
    // a (0.5) attacked by b (0.5) and supported by c (0.8).
    let mut q = Qbaf::new(3, 0.5);
    q.base[2] = 0.8;
    q.attackers[0] = vec![1];
    q.supporters[0] = vec![2];
    let s = gradual::strengths(&q, Gradual::DfQuad).expect("acyclic");
    // va = 0.5, vs = 0.8: 0.5 + 0.5 * 0.3 = 0.65.
    assert!((s[0] - 0.65).abs() < 1e-12, "{}", s[0]);
    let s = gradual::strengths(&q, Gradual::QuadraticEnergy).expect("acyclic");
    // E = 0.3: h = 0.09 / 1.09; σ = 0.5 + 0.5 h.
    assert!((s[0] - (0.5 + 0.5 * 0.09 / 1.09)).abs() < 1e-12, "{}", s[0]);
    // Two mutually attacking arguments under DF-QuAD settle at the fixpoint
    // x = 0.5 (1 - x): x = 1/3.
    let af = super::af::Framework::from_pairs(2, &[(0, 1), (1, 0)]);
    let s =
        gradual::strengths(&gradual::from_framework(&af, 0.5), Gradual::DfQuad).expect("converges");
    assert!((s[0] - 1.0 / 3.0).abs() < 1e-9, "{}", s[0]);
}

#[test]
fn flip_flopping_cycle_settles_by_averaging_or_is_reported() {
    // A self-attacker with base 1 under DF-QuAD: x = 1 - x. Plain iteration
    // flips 1, 0, 1…; averaging settles on the fixpoint 0.5.
    let mut q = Qbaf::new(1, 1.0);
    q.attackers[0] = vec![0];
    let s = gradual::strengths(&q, Gradual::DfQuad).expect("averaged");
    assert!((s[0] - 0.5).abs() < 1e-9);
    // The 3-cycle of the h-categorizer needs many steps: with too few, the
    // answer is an error naming the cycle, not a number.
    let af = super::af::Framework::from_pairs(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]);
    let e =
        gradual::strengths_limited(&gradual::from_framework(&af, 1.0), Gradual::HCategorizer, 3)
            .expect_err("three iterations are not enough");
    assert_eq!(e.nodes, vec![0, 1, 2]);
}

#[test]
fn map_strengths_follow_the_translation() {
    // p1 + p2 → c linked: the support is as strong as its weakest premise.
    let mut m = map(&["c", "p1", "p2"], &[("i1", S, &["p1", "p2"], "c")]);
    apply(
        &mut m,
        Command::SetBaseScore {
            id: "p1".into(),
            score: Some(0.2),
        },
    )
    .expect("set");
    let s = gradual::map_strengths(&m, Gradual::DfQuad).expect("acyclic");
    assert!((s["i1"] - 0.2).abs() < 1e-12);
    // c: τ 0.5, vs 0.2: 0.5 + 0.5 * 0.2 = 0.6.
    assert!((s["c"] - 0.6).abs() < 1e-12);
    assert!(
        apply(
            &mut m,
            Command::SetBaseScore {
                id: "p1".into(),
                score: Some(1.5)
            }
        )
        .is_err()
    );
    assert!(
        apply(
            &mut m,
            Command::SetBaseScore {
                id: "i1".into(),
                score: Some(0.5)
            }
        )
        .is_err()
    );
}

#[test]
fn natural_order_matches_nodes_sorted() {
    let m = map(
        &[
            "s10",
            "s2",
            "s02",
            "s",
            "a",
            "s1x",
            "x1y2",
            "x1y10",
            "s18446744073709551616",
            "s9",
            "S3",
            "s-1",
            "t0",
        ],
        &[
            ("i2", S, &["s2"], "s10"),
            ("i10", C, &["s9"], "s2"),
            ("r1", R, &["a"], "s"),
        ],
    );
    let want: Vec<&str> = m.nodes_sorted().iter().map(|n| n.id.as_str()).collect();
    let got: Vec<&str> = super::structured::natural_order(&m)
        .into_iter()
        .map(|n| m.graph()[n].id.as_str())
        .collect();
    assert_eq!(got, want);
}
