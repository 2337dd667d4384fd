use super::build::split_speaker;
use super::parse::html_to_text;
use super::*;
use crate::model::{Basis, InferenceKind};

/// Each node's id, content (statement with its evidence, or inference),
/// premise ids and target id: the argument layer, without positions.
pub(crate) fn argument_layer(map: &Map) -> Vec<(String, String, Vec<String>, Option<String>)> {
    map.nodes_sorted()
        .into_iter()
        .map(|n| {
            let premises = map
                .premise_ids(&n.id)
                .into_iter()
                .map(str::to_owned)
                .collect();
            let target = map.target_id(&n.id).map(str::to_owned);
            (n.id.clone(), format!("{:?}", n.data), premises, target)
        })
        .collect()
}

fn load(text: &str) -> AifImport {
    import_detailed(text, &AifImportOptions::default()).expect("imports")
}

const SMALL: &str = r#"{
  "nodes": [
    {"nodeID": 1, "text": "We should act", "type": "I", "timestamp": "2020-01-01 10:00:00"},
    {"nodeID": "2", "text": "It is cheap", "type": "I"},
    {"nodeID": 3, "text": "Default Inference", "type": "RA", "scheme": "Argument From Cost", "schemeID": "9"},
    {"nodeID": 4, "text": "Ann : it is cheap", "type": "L", "timestamp": "2020-01-01 10:00:05"},
    {"nodeID": 5, "text": "Asserting", "type": "YA"},
    {"nodeID": 6, "text": "Default Transition", "type": "TA"}
  ],
  "edges": [
    {"edgeID": 1, "fromID": 2, "toID": 3},
    {"edgeID": 2, "fromID": "3", "toID": 1},
    {"edgeID": 3, "fromID": 4, "toID": 5},
    {"edgeID": 4, "fromID": 5, "toID": 2}
  ],
  "locutions": [{"nodeID": 4, "personID": 7}]
}"#;

#[test]
fn nodeset_maps_to_statements_inferences_and_quotes() {
    let got = load(SMALL);
    let map = &got.loaded.map;
    assert_eq!((got.statements, got.inferences), (2, 1));
    assert_eq!(map.premise_ids("3"), ["2"]);
    assert_eq!(map.target_id("3"), Some("1"));
    let inf = map.inference("3").unwrap();
    assert_eq!(inf.kind, InferenceKind::Support);
    assert_eq!(inf.scheme, "Argument From Cost");
    let ev = &map.statement("2").unwrap().evidence;
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].basis, Basis::Quote);
    assert_eq!(ev[0].speaker, "Ann");
    assert_eq!(ev[0].text, "it is cheap");
    assert_eq!(ev[0].date, "2020-01-01 10:00:05");
    assert_eq!(got.dropped.get("TA transition nodes"), Some(&1));
    assert_eq!(got.dropped.get("YA illocution nodes"), Some(&1));
}

#[test]
fn column_lists_and_string_aif_are_read() {
    let columns = r#"{"nodes": {"nodeID": [1, 2, 3], "text": ["a", "b", "Default Conflict"],
        "type": ["I", "I", "CA"]},
        "edges": {"fromID": [1, 3], "toID": [3, 2]}}"#;
    let got = load(columns);
    assert_eq!((got.statements, got.inferences), (2, 1));
    assert_eq!(
        got.loaded.map.inference("3").unwrap().kind,
        InferenceKind::Conflict
    );
    let wrapped =
        serde_json::json!({"AIF": columns, "OVA": {"nodes": [{"nodeID": 1, "x": 10, "y": 20}]},
        "text": {"txt": "a<br>b &amp; c", "url": "http://x"}})
        .to_string();
    let got = load(&wrapped);
    let map = &got.loaded.map;
    assert_eq!(
        map.node("1").unwrap().pos,
        Some(crate::model::Pos::new(10.0, 20.0))
    );
    assert_eq!(map.source("aif-text").unwrap().text, "a\nb & c");
}

#[test]
fn oddities_are_reported_not_invented() {
    let text = r#"{"nodes": [
        {"nodeID": "a", "text": "A", "type": "I"},
        {"nodeID": "b", "text": "B", "type": "I"},
        {"nodeID": "a", "text": "A again", "type": "I"},
        {"nodeID": "r1", "text": "Default Inference", "type": "RA"},
        {"nodeID": "r2", "text": "Default Inference", "type": "RA"},
        {"nodeID": "m", "text": "Default Rephrase", "type": "MA"}],
      "edges": [
        {"fromID": "a", "toID": "a"},
        {"fromID": "a", "toID": "b"},
        {"fromID": "a", "toID": "r2"},
        {"fromID": "b", "toID": "m"},
        {"fromID": "m", "toID": "b"},
        {"fromID": "zz", "toID": "a"}]}"#;
    let got = load(text);
    // Only the MA node from b back to b stands: it is kept (and reported).
    assert_eq!((got.statements, got.inferences), (2, 1));
    assert_eq!(got.loaded.map.statement("a").unwrap().text, "A");
    for kind in [
        "duplicate-id",
        "self-loop",
        "i-to-i-edge",
        "premise-is-target",
        "edge-to-unknown-node",
    ] {
        assert_eq!(got.warning_kinds.get(kind), Some(&1), "{kind}");
    }
    assert_eq!(got.warning_kinds.get("dangling-relation"), Some(&2));
}

#[test]
fn undercut_targets_an_inference() {
    let text = r#"{"nodes": [
        {"nodeID": 1, "text": "C", "type": "I"}, {"nodeID": 2, "text": "P", "type": "I"},
        {"nodeID": 3, "text": "U", "type": "I"},
        {"nodeID": 10, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 11, "text": "Default Inference", "type": "RA"}],
      "edges": [{"fromID": 3, "toID": 10}, {"fromID": 10, "toID": 11},
                {"fromID": 2, "toID": 11}, {"fromID": 11, "toID": 1}]}"#;
    let got = load(text);
    let map = &got.loaded.map;
    assert_eq!(got.inferences, 2);
    assert!(map.is_undercut(map.index_of("10").unwrap()));
}

#[test]
fn export_then_import_keeps_the_argument_layer() {
    let map = load(SMALL).loaded.map;
    let out = export(&map, &AifExportOptions::default());
    let again = load(&out.text).loaded.map;
    assert_eq!(argument_layer(&again), argument_layer(&map));
    assert!(!argument_layer(&map).is_empty());
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    for text in [
        "",
        "[]",
        "{",
        r#"{"AIF": 3}"#,
        r#"{"AIF": "{"}"#,
        r#"{"edges": []}"#,
    ] {
        assert!(
            import(text, &AifImportOptions::default()).is_err(),
            "{text}"
        );
    }
    let odd = r#"{"nodes": [1, {"type": "I"}, {"nodeID": null}], "edges": "x"}"#;
    let got = load(odd);
    assert_eq!(got.statements, 0);
    assert!(got.warning_kinds["malformed-entry"] >= 3);
}

#[test]
fn speakers_and_html() {
    assert_eq!(
        split_speaker("Fiona Bruce : yes"),
        (Some("Fiona Bruce"), "yes")
    );
    assert_eq!(split_speaker("Bob: no"), (Some("Bob"), "no"));
    assert_eq!(split_speaker("just text"), (None, "just text"));
    assert_eq!(html_to_text("<p>x</p><span id=\"n\">y&lt;</span>"), "x\ny<");
}

const SCHEMES: &str = r#"{
  "nodes": [
    {"nodeID": 1, "text": "Close the square", "type": "I"},
    {"nodeID": 2, "text": "Dr Lee says so", "type": "I"},
    {"nodeID": 3, "text": "Argument From Expert Opinion", "type": "RA", "scheme": "Argument From Expert Opinion"},
    {"nodeID": 4, "text": "Shops will suffer", "type": "I"},
    {"nodeID": 5, "text": "Default Conflict", "type": "CA"},
    {"nodeID": 6, "text": "It is cheap", "type": "I"},
    {"nodeID": 7, "text": "Argument From Cost", "type": "RA"},
    {"nodeID": 8, "text": "Default Inference", "type": "RA", "scheme": "Default Inference"}
  ],
  "edges": [
    {"edgeID": 1, "fromID": 2, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 1},
    {"edgeID": 3, "fromID": 4, "toID": 5}, {"edgeID": 4, "fromID": 5, "toID": 1},
    {"edgeID": 5, "fromID": 6, "toID": 7}, {"edgeID": 6, "fromID": 7, "toID": 1},
    {"edgeID": 7, "fromID": 4, "toID": 8}, {"edgeID": 8, "fromID": 8, "toID": 6}
  ]
}"#;

fn schemes_of(map: &Map) -> Vec<(String, String)> {
    map.nodes_sorted()
        .into_iter()
        .filter_map(|n| n.as_inference().map(|i| (n.id.clone(), i.scheme.clone())))
        .collect()
}

#[test]
fn scheme_names_resolve_and_defaults_mean_none() {
    let map = load(SCHEMES).loaded.map;
    assert_eq!(
        schemes_of(&map),
        vec![
            ("3".into(), "expert_opinion".into()),
            ("5".into(), String::new()),
            ("7".into(), "Argument From Cost".into()),
            ("8".into(), String::new()),
        ]
    );
}

#[test]
fn schemes_survive_an_import_export_round_trip() {
    let map = load(SCHEMES).loaded.map;
    let out = export(&map, &AifExportOptions::default());
    assert!(
        out.text.contains("\"Argument from expert opinion\""),
        "{}",
        out.text
    );
    let again = load(&out.text).loaded.map;
    assert_eq!(schemes_of(&again), schemes_of(&map));
}

#[test]
fn role_bindings_and_question_statuses_are_reported_lost() {
    let mut map = load(SCHEMES).loaded.map;
    let mut inf = map.inference("3").unwrap().clone();
    inf.roles.insert("assertion".into(), "2".into());
    inf.questions.insert(
        "trustworthy".into(),
        crate::model::QuestionStatus::Dismissed { note: "ok".into() },
    );
    map.set_inference("3", inf).unwrap();
    let out = export(&map, &AifExportOptions::default());
    let losses: Vec<String> = out.losses.iter().map(|w| w.message.clone()).collect();
    assert!(
        losses.iter().any(|l| l.contains("scheme role bindings")),
        "{losses:?}"
    );
    assert!(
        losses
            .iter()
            .any(|l| l.contains("critical question statuses")),
        "{losses:?}"
    );
}
