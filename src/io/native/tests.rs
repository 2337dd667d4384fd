//! Unit tests of the native format.

use super::*;
use crate::io::LoadErrorKind;

const SMALL: &str = r#"{
  "format": "argmap",
  "schema_version": 5,
  "meta": {"title": "Small"},
  "sources": [{"id": "src", "title": "T", "text": "Tea is good. Tea is hot."}],
  "statements": [
    {"id": "s10", "text": "Drink tea", "role": "thesis"},
    {"id": "s2", "text": "Tea is good", "evidence": [
      {"id": "e1", "basis": "quote", "text": "Tea is good.",
       "anchor": {"source": "src", "start": 0, "end": 12, "exact": "Tea is good."}}]},
    {"id": "s3", "text": "Tea is hot"}
  ],
  "inferences": [
    {"id": "i1", "kind": "support", "premises": ["s2"], "target": "s10"},
    {"id": "i2", "kind": "conflict", "premises": ["s3"], "target": "i1"}
  ]
}"#;

fn load(text: &str) -> Result<Loaded, LoadError> {
    from_str(text, &LoadOptions::default())
}

#[test]
fn loads_and_writes_canonically() {
    let loaded = load(SMALL).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let map = loaded.map;
    assert_eq!(map.statement_count(), 3);
    assert!(map.is_undercut(map.index_of("i2").unwrap()));
    let once = to_string(&map, &SaveOptions::default());
    let again = to_string(&load(&once).unwrap().map, &SaveOptions::default());
    assert_eq!(once, again);
    // Natural order: s2 before s10.
    assert!(once.find("\"s2\"").unwrap() < once.find("\"s10\"").unwrap());
    assert!(once.ends_with("}\n"));
    assert!(once.contains("\n  \"meta\": {"));
    // The counter moves past every generated-looking id.
    assert!(map.next_id() >= 11);
}

#[test]
fn errors_carry_path_line_and_column() {
    let bad = SMALL.replace(r#""id": "s3""#, r#""id": "s2""#);
    let err = load(&bad).unwrap_err();
    assert!(
        matches!(err.kind, LoadErrorKind::DuplicateId { .. }),
        "{err}"
    );
    assert_eq!(err.at.json_path.as_deref(), Some("statements[2].id"));
    assert_eq!(err.at.line, Some(11));
    let text = err.to_string();
    assert!(text.starts_with("11:12: "), "{text}");
    assert!(text.contains("statements[2].id"), "{text}");
}

#[test]
fn dangling_premise_is_named() {
    let bad = SMALL.replace(r#""premises": ["s3"]"#, r#""premises": ["s99"]"#);
    let err = load(&bad).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::Dangling("s99".into()));
    assert_eq!(
        err.at.json_path.as_deref(),
        Some("inferences[1].premises[0]")
    );
    assert!(err.at.line.is_some());
}

#[test]
fn wrong_types_say_where() {
    let bad = SMALL.replace(r#""start": 0"#, r#""start": "zero""#);
    let err = load(&bad).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::Schema(_)), "{err}");
    assert_eq!(
        err.at.json_path.as_deref(),
        Some("statements[1].evidence[0].anchor.start")
    );
    assert_eq!(err.at.line, Some(10));
}

#[test]
fn unknown_fields_are_refused() {
    let bad = SMALL.replace(r#""role": "thesis""#, r#""rol": "thesis""#);
    let err = load(&bad).unwrap_err();
    assert!(err.to_string().contains("unknown field `rol`"), "{err}");
}

#[test]
fn mismatched_quote_is_a_warning() {
    let bad = SMALL.replace(r#""exact": "Tea is good.""#, r#""exact": "Tea is bad.""#);
    let loaded = load(&bad).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert!(
        loaded.warnings[0]
            .to_string()
            .contains("evidence[0].anchor")
    );
}

#[test]
fn future_and_foreign_files() {
    let future = SMALL.replace(r#""schema_version": 5"#, r#""schema_version": 99"#);
    let err = load(&future).unwrap_err();
    assert_eq!(
        err.kind,
        LoadErrorKind::FutureVersion {
            found: 99,
            newest: SCHEMA_VERSION
        }
    );
    assert_eq!(err.at.line, Some(3));
    assert!(matches!(
        load("[1,2]").unwrap_err().kind,
        LoadErrorKind::NotArgmap(_)
    ));
    assert!(matches!(
        load(r#"{"format":"x"}"#).unwrap_err().kind,
        LoadErrorKind::NotArgmap(_)
    ));
    assert!(matches!(
        load("{\"format\": \"argmap\"").unwrap_err().kind,
        LoadErrorKind::Syntax(_)
    ));
}

#[test]
fn source_paths_are_kept_only_when_the_file_matches() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("speech.txt"), "Tea is good. Tea is hot.").unwrap();
    let text = SMALL.replace(
        r#""text": "Tea is good. Tea is hot.""#,
        r#""path": "speech.txt""#,
    );
    let map_path = dir.path().join("m.argmap.json");
    std::fs::write(&map_path, &text).unwrap();
    let map = load_file(&map_path).unwrap().map;
    assert_eq!(map.source("src").unwrap().text, "Tea is good. Tea is hot.");
    save_file(&map, &map_path).unwrap();
    assert!(
        std::fs::read_to_string(&map_path)
            .unwrap()
            .contains("\"path\": \"speech.txt\"")
    );
    // Saved into another folder, the text goes inline.
    let other = dir.path().join("sub");
    std::fs::create_dir(&other).unwrap();
    let moved = other.join("m.argmap.json");
    save_file(&map, &moved).unwrap();
    let saved = std::fs::read_to_string(&moved).unwrap();
    assert!(!saved.contains("\"path\""));
    let reloaded = load_file(&moved).unwrap().map;
    assert_eq!(
        reloaded.source("src").unwrap().text,
        map.source("src").unwrap().text
    );
    assert_eq!(reloaded.source("src").unwrap().path, None);
}

/// Schema 5: scheme references, role bindings, question statuses of every
/// kind, and an embedded definition of a scheme from another catalogue.
const SCHEMED: &str = r#"{
  "format": "argmap",
  "schema_version": 5,
  "meta": {"title": "Schemes"},
  "statements": [
    {"id": "c", "text": "Close the square"},
    {"id": "e", "text": "Dr Lee is an expert"},
    {"id": "a", "text": "Dr Lee says so"},
    {"id": "x", "text": "Dr Lee has no stake"},
    {"id": "o", "text": "Is Dr Lee trustworthy?"}
  ],
  "inferences": [
    {"id": "i1", "kind": "support", "premises": ["e", "a"], "target": "c",
     "scheme": "expert_opinion",
     "roles": {"expert": "e", "assertion": "a"},
     "questions": {
       "backing": {"status": "answered", "by": "x"},
       "consistency": {"status": "dismissed", "note": "no rival experts"},
       "trustworthy": {"status": "raised", "objection": "i2"},
       "field": {"status": "raised", "objection": "gone"}
     }},
    {"id": "i2", "kind": "conflict", "premises": ["o"], "target": "i1", "scheme": "course_rule"},
    {"id": "i3", "kind": "support", "premises": ["x"], "target": "c", "scheme": "Modus ponens"}
  ],
  "schemes": [
    {"id": "course_rule", "name": "Course rule", "description": "A rule from the course.",
     "source": "Seminar notes",
     "premises": [{"id": "rule", "name": "Rule", "template": "R holds."}],
     "conclusion": {"template": "C."},
     "questions": [{"id": "holds", "type": "premise", "role": "rule", "text": "Does {rule} hold?"}]}
  ]
}"#;

#[test]
fn schemes_and_question_statuses_round_trip() {
    let map = load(SCHEMED).unwrap().map;
    let inf = map.inference("i1").unwrap();
    assert_eq!(inf.roles.len(), 2);
    assert_eq!(inf.questions.len(), 4);
    assert_eq!(
        map.scheme_of("i2", crate::io::schemes::bundled())
            .map(|s| s.name.as_str()),
        Some("Course rule")
    );
    assert_eq!(map.inference("i3").unwrap().scheme, "Modus ponens");
    let once = to_string(&map, &SaveOptions::default());
    let back = load(&once).unwrap().map;
    assert_eq!(back, map);
    assert_eq!(to_string(&back, &SaveOptions::default()), once);
}

#[test]
fn a_broken_embedded_scheme_is_located() {
    let bad = SCHEMED.replace(r#""role": "rule""#, r#""role": "nope""#);
    let err = load(&bad).unwrap_err();
    assert_eq!(
        err.at.json_path.as_deref(),
        Some("schemes[0].questions[0].role")
    );
    assert!(err.at.line.is_some());
    let bad = SCHEMED.replace(r#""status": "answered""#, r#""status": "maybe""#);
    assert!(load(&bad).is_err());
}

#[test]
fn version_4_free_text_schemes_become_references() {
    // Version 4 is the version before schemes.
    let v4 = SMALL.replace(r#""schema_version": 5"#, r#""schema_version": 4"#);
    let with_scheme = v4.replace(
        r#""target": "s10"}"#,
        r#""target": "s10", "scheme": "Argument from expert opinion"}"#,
    );
    let map = load(&with_scheme).unwrap().map;
    assert_eq!(map.inference("i1").unwrap().scheme, "expert_opinion");
    let saved = to_string(&map, &SaveOptions::default());
    assert!(saved.contains(&format!("\"schema_version\": {SCHEMA_VERSION}")));
    // A version 4 file with a fault still says where.
    let err = load(&v4.replace(r#""role": "thesis""#, r#""role": 7"#)).unwrap_err();
    assert_eq!(err.at.line, Some(7), "{err}");
}

#[test]
fn version_1_file_migrates_to_version_2_with_default_evaluation() {
    // SMALL at schema_version 1 loads through the 1→2 step and saves as
    // the current version without an evaluation block (all defaults).
    let v1 = SMALL.replace(r#""schema_version": 5"#, r#""schema_version": 1"#);
    let map = load(&v1).expect("a version-1 file loads").map;
    assert_eq!(map, load(SMALL).expect("current version").map);
    assert!(map.eval_inputs().is_default());
    let saved = to_string(&map, &SaveOptions::default());
    let current = format!("\"schema_version\": {}", super::SCHEMA_VERSION);
    assert!(saved.contains(&current), "{saved}");
    assert!(!saved.contains("evaluation"));
}

#[test]
fn evaluation_inputs_round_trip_and_are_checked() {
    use crate::model::{AcceptanceOverride, EvalSemantics};
    let v2 = SMALL.replace(
        r#""inferences": ["#,
        r#""evaluation": {"semantics": "preferred", "unsupported_not_accepted": true,
            "acceptance": {"s3": "rejected"}, "base_scores": {"s2": 0.8}},
  "inferences": ["#,
    );
    let map = load(&v2).expect("valid").map;
    let inputs = map.eval_inputs();
    assert_eq!(inputs.options.semantics, EvalSemantics::Preferred);
    assert!(inputs.options.unsupported_not_accepted);
    assert_eq!(map.acceptance_override("s3"), AcceptanceOverride::Rejected);
    assert_eq!(map.base_score("s2"), 0.8);
    assert_eq!(map.base_score("s10"), 0.5);
    let saved = to_string(&map, &SaveOptions::default());
    assert_eq!(load(&saved).expect("own output").map, map);
    // Keys must be statements; scores must lie in 0..=1.
    let bad = v2.replace(r#"{"s3": "rejected"}"#, r#"{"i1": "rejected"}"#);
    let err = load(&bad).expect_err("an inference cannot be overridden");
    assert!(err.to_string().contains("evaluation.acceptance"), "{err}");
    let bad = v2.replace("0.8", "1.5");
    assert!(load(&bad).is_err());
    // A version-1 file may not carry the block.
    let mixed = v2.replace(r#""schema_version": 5"#, r#""schema_version": 1"#);
    assert!(load(&mixed).is_err());
}

#[test]
fn files_load_with_nothing_folded_and_save_without_a_view() {
    let loaded = load(SMALL).unwrap();
    assert!(loaded.map.view().is_empty());
    let out = to_string(&loaded.map, &SaveOptions::default());
    let current = format!("\"schema_version\": {}", super::SCHEMA_VERSION);
    assert!(out.contains(&current), "{out}");
    assert!(
        !out.contains("\"view\""),
        "no view object when nothing is folded"
    );
}

#[test]
fn folds_round_trip_in_the_view_object() {
    let mut map = load(SMALL).unwrap().map;
    map.view_mut().folded.insert("s10".into());
    map.view_mut().folded.insert("i1".into());
    let out = to_string(&map, &SaveOptions::default());
    assert!(out.contains("\"view\""), "{out}");
    let again = load(&out).unwrap();
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    assert_eq!(again.map.view(), map.view());
    assert_eq!(to_string(&again.map, &SaveOptions::default()), out);
}

#[test]
fn a_fold_of_a_missing_node_is_dropped_with_a_warning() {
    let text = SMALL.replace(
        r#""meta": {"title": "Small"},"#,
        r#""meta": {"title": "Small"}, "view": {"folded": ["s2", "gone"]},"#,
    );
    let loaded = load(&text).unwrap();
    assert_eq!(loaded.map.view().folded.len(), 1);
    assert!(loaded.map.view().folded.contains("s2"));
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0].message.contains("gone"));
}

#[test]
fn a_version_2_file_with_a_view_is_refused() {
    let text = SMALL
        .replace(r#""schema_version": 5"#, r#""schema_version": 2"#)
        .replace(
            r#""meta": {"title": "Small"},"#,
            r#""meta": {"title": "Small"}, "view": {"folded": ["s2"]},"#,
        );
    let err = load(&text).unwrap_err();
    assert!(err.to_string().contains("view"), "{err}");
}

/// SMALL written at the current schema with two tours.
fn with_tours() -> String {
    SMALL
        .replace(
            r#""schema_version": 5"#,
            &format!(r#""schema_version": {SCHEMA_VERSION}"#),
        )
        .replacen(
            "\n  ]\n}",
            r#"
  ],
  "tours": [
    {"name": "Seminar", "steps": [
      {"reveal": ["s10"], "note": "The thesis."},
      {"reveal": ["i1", "s2"], "highlight": ["s2"], "focus": {"node": "s10", "depth": 2},
       "camera": "fit_focus", "overlay": "evaluation_labels"}
    ]},
    {"name": "Empty"}
  ]
}"#,
            1,
        )
}

#[test]
fn tours_round_trip() {
    let text = with_tours();
    let map = load(&text).unwrap().map;
    assert_eq!(map.tours().len(), 2);
    let seminar = map.tour("Seminar").unwrap();
    assert_eq!(seminar.steps[0].note, "The thesis.");
    assert_eq!(seminar.steps[1].camera, crate::model::Camera::FitFocus);
    assert_eq!(seminar.steps[1].focus.as_ref().unwrap().depth, 2);
    assert_eq!(
        seminar.steps[1].overlay,
        Some(crate::model::Overlay::EvaluationLabels)
    );
    let once = to_string(&map, &SaveOptions::default());
    assert!(once.contains("\n  \"tours\": ["), "{once}");
    let again = load(&once).unwrap().map;
    assert_eq!(again, map);
    assert_eq!(to_string(&again, &SaveOptions::default()), once);
}

#[test]
fn tour_errors_name_their_path() {
    let bad = with_tours().replace(r#"["i1", "s2"]"#, r#"["i1", "s99"]"#);
    let err = load(&bad).unwrap_err();
    assert_eq!(err.kind, LoadErrorKind::Dangling("s99".into()));
    assert_eq!(
        err.at.json_path.as_deref(),
        Some("tours[0].steps[1].reveal[1]")
    );
    assert!(err.at.line.is_some());
    let twice = with_tours().replace(r#""name": "Empty""#, r#""name": "Seminar""#);
    assert!(matches!(
        load(&twice).unwrap_err().kind,
        LoadErrorKind::Invalid(_)
    ));
}

#[test]
fn every_older_version_loads_without_tours() {
    // Every version before tours migrates.
    for version in 1..TOURS_SCHEMA_VERSION {
        let old = SMALL.replace(
            r#""schema_version": 5"#,
            &format!(r#""schema_version": {version}"#),
        );
        let map = load(&old).unwrap().map;
        assert!(map.tours().is_empty());
        assert_eq!(map.statement_count(), 3);
        let saved = to_string(&map, &SaveOptions::default());
        assert!(saved.contains(&format!("\"schema_version\": {SCHEMA_VERSION}")));
    }
    // Before tours existed a "tours" key was an error, and still is.
    let early = with_tours().replace(
        &format!(r#""schema_version": {SCHEMA_VERSION}"#),
        &format!(r#""schema_version": {}"#, TOURS_SCHEMA_VERSION - 1),
    );
    assert!(load(&early).is_err());
}
