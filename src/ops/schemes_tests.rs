//! Scheme commands with undo: set, bind, raise, answer, dismiss.

use super::*;
use crate::io::native::{SaveOptions, to_string};
use crate::io::schemes::bundled;
use crate::model::{Map, Scheme};
use crate::ops::{History, apply};

/// "Cars should go" supported by an expert-opinion argument with three
/// premises, plus a stray statement that can answer questions.
fn expert_map() -> Map {
    let mut map = Map::new("Experts");
    for (id, text) in [
        ("c", "The square should be car-free."),
        ("e", "Dr Lee is an expert."),
        ("f", "Street use lies within urban planning."),
        ("a", "Dr Lee says the square should be car-free."),
        ("x", "Dr Lee has no ties to any business on the square."),
    ] {
        map.add_statement(id, Statement::new(text), None, false)
            .unwrap();
    }
    map.add_inference(
        "i1",
        Inference::new(InferenceKind::Support),
        &["e", "f", "a"],
        "c",
        None,
        false,
    )
    .unwrap();
    map
}

fn saved(map: &Map) -> String {
    to_string(map, &SaveOptions::default())
}

fn with_scheme(map: &mut Map, history: &mut History) {
    let cmd = set_scheme(map, bundled(), "i1", "expert_opinion").unwrap();
    history.apply(map, cmd).unwrap();
}

#[test]
fn setting_a_scheme_and_undoing_it() {
    let mut map = expert_map();
    let before = saved(&map);
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    assert_eq!(map.inference("i1").unwrap().scheme, "expert_opinion");
    assert_eq!(map.unbound_roles("i1", bundled()).len(), 3);
    history.undo(&mut map).unwrap();
    assert_eq!(saved(&map), before);
}

#[test]
fn binding_roles_with_undo() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    for (role, premise) in [("expert", "e"), ("assertion", "a")] {
        history
            .apply(
                &mut map,
                Command::BindRole {
                    inference: "i1".into(),
                    role: role.into(),
                    premise: Some(premise.into()),
                },
            )
            .unwrap();
    }
    assert_eq!(map.unbound_roles("i1", bundled()), vec!["field".to_owned()]);
    let open_premise: Vec<String> = map
        .question_states("i1", bundled())
        .into_iter()
        .filter(|s| s.open && s.question.kind == QuestionKind::Premise)
        .map(|s| s.question.id)
        .collect();
    assert_eq!(open_premise, vec!["field".to_owned()]);
    history.undo(&mut map).unwrap();
    assert_eq!(map.unbound_roles("i1", bundled()).len(), 2);
    // Only premises of the inference can fill a role.
    let refused = apply(
        &mut map,
        Command::BindRole {
            inference: "i1".into(),
            role: "expert".into(),
            premise: Some("x".into()),
        },
    );
    assert!(matches!(refused, Err(ModelError::NotAPremise { .. })));
    // Changing the scheme drops the bindings; undo brings them back.
    let cmd = set_scheme(&map, bundled(), "i1", "position_to_know").unwrap();
    history.apply(&mut map, cmd).unwrap();
    assert!(map.inference("i1").unwrap().roles.is_empty());
    history.undo(&mut map).unwrap();
    assert_eq!(map.bound_premise("i1", "expert"), Some("e"));
}

#[test]
fn raising_an_exception_adds_an_undercut_and_undo_restores_the_bytes() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    history
        .apply(
            &mut map,
            Command::BindRole {
                inference: "i1".into(),
                role: "expert".into(),
                premise: Some("e".into()),
            },
        )
        .unwrap();
    let before = saved(&map);
    let counter = map.next_id();
    let cmd = raise_question(&map, bundled(), "i1", "trustworthy").unwrap();
    let applied = history.apply(&mut map, cmd).unwrap();
    assert_eq!(
        applied.created,
        vec!["i1.trustworthy", "i1.trustworthy.raised"]
    );
    let conflict = map.index_of("i1.trustworthy.raised").unwrap();
    assert!(map.is_undercut(conflict));
    assert_eq!(map.target_id("i1.trustworthy.raised"), Some("i1"));
    let text = &map.statement("i1.trustworthy").unwrap().text;
    assert!(text.contains("“Dr Lee is an expert”"), "{text}");
    assert_eq!(
        map.inference("i1").unwrap().question_status("trustworthy"),
        QuestionStatus::Raised {
            objection: "i1.trustworthy.raised".into()
        }
    );
    history.undo(&mut map).unwrap();
    assert_eq!(map.next_id(), counter);
    assert_eq!(saved(&map), before, "raise then undo is not byte-identical");
    history.redo(&mut map).unwrap();
    assert!(map.node("i1.trustworthy.raised").is_some());
}

#[test]
fn raising_a_premise_question_undermines_the_bound_premise() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    let refused = raise_question(&map, bundled(), "i1", "expertise");
    assert!(matches!(refused, Err(ModelError::RoleUnbound { .. })));
    history
        .apply(
            &mut map,
            Command::BindRole {
                inference: "i1".into(),
                role: "expert".into(),
                premise: Some("e".into()),
            },
        )
        .unwrap();
    let cmd = raise_question(&map, bundled(), "i1", "expertise").unwrap();
    history.apply(&mut map, cmd).unwrap();
    let conflict = map.index_of("i1.expertise.raised").unwrap();
    assert!(!map.is_undercut(conflict));
    assert_eq!(map.target_id("i1.expertise.raised"), Some("e"));
    // Raising again after deleting the objection picks fresh ids.
    history
        .apply(
            &mut map,
            Command::Remove {
                ids: vec!["i1.expertise".into()],
            },
        )
        .unwrap();
    assert!(
        map.question_states("i1", bundled())
            .iter()
            .any(|s| s.question.id == "expertise" && s.objection_missing)
    );
    history.undo(&mut map).unwrap();
    let again = raise_ids(&map, "i1", "expertise");
    assert_eq!(again.statement, "i1.expertise-2");
}

#[test]
fn answering_and_dismissing_with_undo() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    history
        .apply(&mut map, answer_with("i1", "trustworthy", "x"))
        .unwrap();
    let states = map.question_states("i1", bundled());
    let trust = states
        .iter()
        .find(|s| s.question.id == "trustworthy")
        .unwrap();
    assert_eq!(trust.status, QuestionStatus::Answered { by: "x".into() });
    assert!(!trust.open);
    history
        .apply(
            &mut map,
            dismiss("i1", "consistency", "No rival experts exist."),
        )
        .unwrap();
    assert_eq!(
        map.inference("i1").unwrap().question_status("consistency"),
        QuestionStatus::Dismissed {
            note: "No rival experts exist.".into()
        }
    );
    history.undo(&mut map).unwrap();
    assert_eq!(
        map.inference("i1").unwrap().question_status("consistency"),
        QuestionStatus::Open
    );
    history.undo(&mut map).unwrap();
    assert!(map.inference("i1").unwrap().questions.is_empty());
    // An answer must be a statement, a raised objection a conflict.
    assert!(apply(&mut map, answer_with("i1", "trustworthy", "i1")).is_err());
    assert!(
        apply(
            &mut map,
            Command::SetQuestion {
                inference: "i1".into(),
                question: "trustworthy".into(),
                status: QuestionStatus::Raised {
                    objection: "i1".into()
                },
            },
        )
        .is_err()
    );
}

#[test]
fn a_scheme_from_another_catalogue_is_kept_in_the_map() {
    let mut map = expert_map();
    let mut own: Scheme = bundled().get("sign").unwrap().clone();
    own.id = "course_sign".into();
    own.name = "Course sign".into();
    let course = crate::model::Catalogue::new("Course", vec![own.clone()]);
    let all = crate::io::schemes::combined(&[course]);
    let mut history = History::new();
    let before = saved(&map);
    let cmd = set_scheme(&map, &all, "i1", "course_sign").unwrap();
    history.apply(&mut map, cmd).unwrap();
    assert_eq!(map.embedded_scheme("course_sign"), Some(&own));
    // Without the course catalogue the map still knows the scheme.
    assert_eq!(
        map.scheme_of("i1", bundled()).map(|s| s.name.as_str()),
        Some("Course sign")
    );
    let text = saved(&map);
    let loaded = crate::io::native::from_str(&text, &Default::default())
        .unwrap()
        .map;
    assert_eq!(loaded, map);
    history.undo(&mut map).unwrap();
    assert_eq!(saved(&map), before);
    // Bundled schemes are not copied.
    let cmd = set_scheme(&map, bundled(), "i1", "sign").unwrap();
    assert!(matches!(
        cmd,
        Command::SetScheme {
            definition: None,
            ..
        }
    ));
}

#[test]
fn typing_a_scheme_name_is_one_undo_step_back_to_the_bound_scheme() {
    let mut map = expert_map();
    let mut history = History::default();
    with_scheme(&mut map, &mut history);
    history
        .apply(
            &mut map,
            Command::BindRole {
                inference: "i1".into(),
                role: "expert".into(),
                premise: Some("e".into()),
            },
        )
        .unwrap();
    let before = saved(&map);
    let steps = history.undo_len();
    // The inspector sends one SetScheme per keystroke with one merge key.
    for typed in ["e", "ex", "example"] {
        let cmd = Command::SetScheme {
            inference: "i1".into(),
            scheme: typed.into(),
            definition: None,
        };
        history.apply_merging(&mut map, cmd, Some(7)).unwrap();
    }
    assert_eq!(history.undo_len(), steps + 1);
    let inf = map.inference("i1").unwrap();
    assert_eq!(inf.scheme, "example");
    assert!(inf.roles.is_empty(), "a new scheme drops the old bindings");
    history.undo(&mut map).unwrap();
    assert_eq!(saved(&map), before);
}

#[test]
fn answering_a_raised_question_withdraws_its_objection_in_one_step() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    let raise = raise_question(&map, bundled(), "i1", "backing").unwrap();
    history.apply(&mut map, raise).unwrap();
    let raised = saved(&map);
    let QuestionStatus::Raised { objection } =
        map.inference("i1").unwrap().question_status("backing")
    else {
        panic!("not raised");
    };
    let cmd = answer_question(&map, "i1", "backing", "x");
    history.apply(&mut map, cmd).unwrap();
    assert!(map.node(&objection).is_none(), "the undercut is withdrawn");
    assert!(
        map.node("i1.backing").is_none(),
        "its statement went with it"
    );
    assert_eq!(
        map.inference("i1").unwrap().question_status("backing"),
        QuestionStatus::Answered { by: "x".into() }
    );
    history.undo(&mut map).unwrap();
    assert_eq!(saved(&map), raised);
}

#[test]
fn a_new_answer_gets_its_own_id_and_reopening_withdraws_the_objection() {
    let mut map = expert_map();
    let mut history = History::new();
    with_scheme(&mut map, &mut history);
    let before = saved(&map);
    let (cmd, id) = answer_with_new(&map, "i1", "backing", "The agency publishes its data.");
    assert_eq!(id, "i1.backing.answer");
    history.apply(&mut map, cmd).unwrap();
    assert_eq!(
        map.statement(&id).unwrap().text,
        "The agency publishes its data."
    );
    history.undo(&mut map).unwrap();
    assert_eq!(saved(&map), before);

    let raise = raise_question(&map, bundled(), "i1", "trustworthy").unwrap();
    history.apply(&mut map, raise).unwrap();
    // An objection the analyst argued about keeps its statement.
    map.add_statement("y", Statement::new("Dr Lee sold shares."), None, false)
        .unwrap();
    map.add_inference(
        "i9",
        Inference::new(InferenceKind::Support),
        &["y"],
        "i1.trustworthy",
        None,
        false,
    )
    .unwrap();
    let cmd = reopen(&map, "i1", "trustworthy");
    history.apply(&mut map, cmd).unwrap();
    assert!(map.node("i1.trustworthy.raised").is_none());
    assert!(map.statement("i1.trustworthy").is_some());
    assert_eq!(
        map.inference("i1").unwrap().question_status("trustworthy"),
        QuestionStatus::Open
    );
    assert!(withdraw_objection(&map, "i1", "trustworthy").is_none());
}
