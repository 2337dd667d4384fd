//! Tests of the scheme catalogue: the bundled one and broken files.

use super::*;
use crate::model::QuestionKind;

#[test]
fn bundled_catalogue_loads() {
    let cat = catalogue_from_str(BUNDLED_JSON).expect("the bundled catalogue loads");
    assert!(cat.len() >= 30, "only {} schemes", cat.len());
    assert_eq!(bundled().len(), cat.len());
}

#[test]
fn bundled_ids_are_unique() {
    let cat = bundled();
    let mut ids: Vec<&str> = cat.schemes().iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before);
}

#[test]
fn every_scheme_has_premises_a_conclusion_and_sound_questions() {
    for s in bundled().schemes() {
        assert!(!s.premises.is_empty(), "{} has no premise role", s.id);
        assert!(
            !s.conclusion.template.trim().is_empty(),
            "{} has no conclusion",
            s.id
        );
        assert!(!s.questions.is_empty(), "{} has no critical question", s.id);
        for q in &s.questions {
            assert!(
                s.role(&q.role).is_some() || q.role == CONCLUSION_ROLE,
                "{}: question {} names role {}",
                s.id,
                q.id,
                q.role
            );
        }
        assert_eq!(check_scheme(s), Ok(()));
    }
}

#[test]
fn the_issue_names_are_all_there() {
    for id in [
        "position_to_know",
        "expert_opinion",
        "ad_hominem_direct",
        "ad_hominem_circumstantial",
        "inconsistent_commitment",
        "popular_practice",
        "popular_opinion",
        "analogy",
        "precedent",
        "example",
        "established_rule",
        "cause_to_effect",
        "correlation_to_cause",
        "verbal_classification",
        "slippery_slope",
        "sign",
        "ignorance",
        "threat",
        "waste",
        "sunk_costs",
        "witness_testimony",
        "best_explanation",
        "practical_reasoning",
        "value_practical_reasoning",
        "positive_consequences",
        "negative_consequences",
        "values",
    ] {
        assert!(bundled().get(id).is_some(), "missing {id}");
    }
}

#[test]
fn expert_opinion_has_three_roles_and_a_trust_exception() {
    let s = bundled().get("expert_opinion").unwrap();
    assert_eq!(s.premises.len(), 3);
    let q = s.question("trustworthy").unwrap();
    assert_eq!(q.kind, QuestionKind::Exception);
    let premise_questions = s
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Premise)
        .count();
    assert_eq!(premise_questions, 3);
}

#[test]
fn names_from_other_tools_resolve() {
    let cat = bundled();
    for (name, id) in [
        ("Argument From Expert Opinion", "expert_opinion"),
        ("Expert Opinion", "expert_opinion"),
        ("expert_opinion", "expert_opinion"),
        ("Argument from Analogy", "analogy"),
        ("Practical Reasoning", "practical_reasoning"),
        ("Argument From Cause To Effect", "cause_to_effect"),
    ] {
        assert_eq!(
            cat.find_by_name(name).map(|s| s.id.as_str()),
            Some(id),
            "{name}"
        );
    }
    assert!(cat.find_by_name("Modus ponens").is_none());
    assert!(cat.find_by_name("Default Inference").is_none());
}

/// A course's own scheme set (shared with the UI tests).
const SMALL: &str = include_str!("../../tests/fixtures/schemes/course-set.json");

#[test]
fn a_small_catalogue_loads() {
    let cat = catalogue_from_str(SMALL).unwrap();
    assert_eq!(cat.name, "Course set");
    assert_eq!(cat.get("rule_of_thumb").unwrap().questions.len(), 1);
}

fn err(text: &str) -> LoadError {
    catalogue_from_str(text).expect_err("the catalogue is broken")
}

#[test]
fn a_question_on_a_missing_role_is_located() {
    let text = SMALL.replace(r#""role": "rule""#, r#""role": "rules""#);
    let e = err(&text);
    assert_eq!(e.at.line, Some(14));
    assert_eq!(
        e.at.json_path.as_deref(),
        Some("schemes[0].questions[0].role")
    );
    assert!(e.to_string().contains("role 'rules'"), "{e}");
}

#[test]
fn a_syntax_error_is_located() {
    let text = SMALL.replace(r#""name": "Rule","#, r#""name": "Rule""#);
    let e = err(&text);
    assert!(matches!(e.kind, LoadErrorKind::Syntax(_)), "{e}");
    assert_eq!(e.at.line, Some(11));
    assert!(e.at.column.is_some());
}

#[test]
fn an_unknown_field_and_a_wrong_type_are_located() {
    let e = err(&SMALL.replace(r#""source""#, r#""sauce""#));
    assert!(matches!(e.kind, LoadErrorKind::Schema(_)), "{e}");
    assert_eq!(e.at.line, Some(10));
    let e = err(&SMALL.replace(r#""type": "premise""#, r#""type": "guess""#));
    assert_eq!(e.at.line, Some(14));
}

#[test]
fn duplicate_ids_and_missing_parts_are_refused() {
    let two = SMALL.replace(
        "\n  ]\n}",
        &format!(
            ",\n{}\n  ]\n}}",
            &SMALL[SMALL.find("    {").unwrap()..SMALL.rfind("\n  ]").unwrap()]
        ),
    );
    let e = err(&two);
    assert!(matches!(e.kind, LoadErrorKind::DuplicateId { .. }), "{e}");
    assert_eq!(e.at.json_path.as_deref(), Some("schemes[1].id"));
    let e = err(&SMALL.replace(
        r#"[{"id": "rule", "name": "Rule", "template": "Usually, if F then G."}]"#,
        "[]",
    ));
    assert!(e.to_string().contains("at least one premise role"), "{e}");
    assert_eq!(e.at.line, Some(11));
    let e = err(&SMALL.replace("Does {rule} hold?", "Does {rules} hold?"));
    assert!(e.to_string().contains("{rules}"), "{e}");
}

#[test]
fn a_file_error_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("course.json");
    std::fs::write(&path, SMALL.replace(r#""role": "rule""#, r#""role": "x""#)).unwrap();
    let e = load_catalogue_file(&path).unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{}:14:", path.display())),
        "{shown}"
    );
    std::fs::write(&path, SMALL).unwrap();
    let cat = load_catalogue_file(&path).unwrap();
    assert_eq!(combined(&[cat]).len(), bundled().len() + 1);
}

#[test]
fn questions_fill_in_bound_premises() {
    let s = bundled().get("expert_opinion").unwrap();
    let q = s.question("field").unwrap();
    let mut bound = std::collections::BTreeMap::new();
    assert_eq!(
        s.fill_question(q, &bound),
        "Does the claim fall inside the expert's own field (“A falls within D, the field of E's expertise”)?"
    );
    // The case noticed in review: the role's name repeated the question's noun.
    let best = bundled().get("best_explanation").unwrap();
    let facts = best.question("facts_true").unwrap();
    let filled = best.fill_question(facts, &std::collections::BTreeMap::new());
    assert!(!filled.contains("findings in the findings"), "{filled}");
    assert!(filled.contains('“'), "{filled}");
    bound.insert(
        "field".to_owned(),
        "Traffic lies within urban planning.".to_owned(),
    );
    assert_eq!(
        s.fill_question(q, &bound),
        "Does the claim fall inside the expert's own field (“Traffic lies within urban planning”)?"
    );
}
