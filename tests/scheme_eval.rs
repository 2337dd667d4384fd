//! Critical questions in evaluation (issue 13, part 4), on the bundled
//! example map: a raised exception question undercuts its inference, and an
//! answered assumption question makes its answer a required premise.

use argmap::eval::{Label, Semantics, evaluate, explain, render};
use argmap::io::schemes::bundled;
use argmap::model::{Map, Statement};
use argmap::ops::{Command, History, schemes};

fn example() -> Map {
    argmap::bundled::EXAMPLE.load().unwrap().map
}

fn label(map: &Map, id: &str) -> Label {
    evaluate(map, Semantics::Grounded)
        .standing(id)
        .unwrap()
        .label
}

#[test]
fn raising_the_trustworthy_question_stops_the_expert_argument() {
    let mut map = example();
    let mut history = History::new();
    assert_eq!(label(&map, "arg-expert"), Label::In);
    assert_eq!(label(&map, "air"), Label::In);
    assert_eq!(label(&map, "thesis"), Label::In);
    let raise = schemes::raise_question(&map, bundled(), "arg-expert", "trustworthy").unwrap();
    history.apply(&mut map, raise).unwrap();
    let undercut = "arg-expert.trustworthy.raised";
    assert_eq!(
        map.target_id(undercut),
        Some("arg-expert"),
        "an undercut of the inference"
    );
    // The objection stands, so the expert argument no longer applies, the
    // air claim loses its only reason, and the thesis its only reason.
    assert_eq!(label(&map, undercut), Label::In);
    assert_eq!(label(&map, "arg-expert"), Label::Out);
    assert_eq!(label(&map, "air"), Label::Out);
    assert_eq!(label(&map, "thesis"), Label::Out);
    // Countering the objection reinstates the argument.
    map.add_statement(
        "no-stake",
        Statement::new("Dr Ruiz has no stake in the plan."),
        None,
        false,
    )
    .unwrap();
    history
        .apply(
            &mut map,
            Command::Connect {
                id: Some("counter".into()),
                inference: argmap::model::Inference::new(argmap::model::InferenceKind::Conflict),
                premises: vec!["no-stake".into()],
                target: "arg-expert.trustworthy".into(),
            },
        )
        .unwrap();
    assert_eq!(label(&map, "arg-expert"), Label::In);
    assert_eq!(label(&map, "thesis"), Label::In);
    history.undo(&mut map).unwrap();
    history.undo(&mut map).unwrap();
    assert_eq!(label(&map, "thesis"), Label::In);
}

#[test]
fn an_answered_assumption_is_a_required_premise() {
    let mut map = example();
    let mut history = History::new();
    let raise = schemes::raise_question(&map, bundled(), "arg-expert", "backing").unwrap();
    history.apply(&mut map, raise).unwrap();
    assert_eq!(
        label(&map, "arg-expert"),
        Label::Out,
        "questioned, unsupported"
    );
    let (answer, id) = schemes::answer_with_new(
        &map,
        "arg-expert",
        "backing",
        "The agency publishes its street measurements.",
    );
    history.apply(&mut map, answer).unwrap();
    assert_eq!(
        map.assumption_answers("arg-expert", bundled()),
        vec![id.clone()]
    );
    assert_eq!(label(&map, "arg-expert"), Label::In, "the answer holds");
    // Attack the answer: the inference falls with it, like with a premise.
    map.add_statement(
        "unpublished",
        Statement::new("The measurements were never released."),
        None,
        false,
    )
    .unwrap();
    map.add_inference(
        "att",
        argmap::model::Inference::new(argmap::model::InferenceKind::Conflict),
        &["unpublished"],
        &id,
        None,
        false,
    )
    .unwrap();
    let eval = evaluate(&map, Semantics::Grounded);
    assert_eq!(eval.standing("arg-expert").unwrap().label, Label::Out);
    let why = render(&explain(&map, &eval, "arg-expert", 0, 2).unwrap());
    assert!(
        why.contains("assumption OUT \"") && why.contains(&id),
        "{why}"
    );
    let strengths = argmap::eval::map_strengths(&map, argmap::eval::Gradual::DfQuad).unwrap();
    assert!(strengths["arg-expert"] < 0.5, "{strengths:?}");
}

#[test]
fn an_answered_exception_adds_no_requirement() {
    let mut map = example();
    let mut history = History::new();
    let cmd = schemes::answer_question(&map, "arg-expert", "trustworthy", "note-author");
    history.apply(&mut map, cmd).unwrap();
    assert!(map.assumption_answers("arg-expert", bundled()).is_empty());
    assert_eq!(label(&map, "arg-expert"), Label::In);
}
