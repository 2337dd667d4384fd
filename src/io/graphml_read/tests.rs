//! GraphML import on a yEd-style fixture written for these tests, plain
//! GraphML, and the round trip through Argmap's own export.

use super::*;

fn load(text: &str) -> Loaded {
    import(text, &GraphmlImportOptions::default()).expect("imports")
}

fn fixture() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/graphml/yed-map.graphml"),
    )
    .unwrap()
}

#[test]
fn yed_labels_groups_notes_colours_and_arrows() {
    let l = load(&fixture());
    let m = &l.map;
    assert_eq!(m.statement_count(), 4, "{:?}", l.warnings);
    let thesis = m.statement("n0").unwrap();
    assert_eq!(thesis.role, Role::Thesis);
    assert_eq!(m.node("n0").unwrap().pos, Some(Pos::new(200.0, 30.0)));
    let n1 = m.statement("g1::n1").unwrap();
    assert_eq!(n1.text, "Tourists come in winter too.\n(survey 2025)");
    assert_eq!(n1.tags, ["Economy"]);
    assert_eq!(n1.notes, "From the council minutes.");
    assert_eq!(m.statement("n3").unwrap().role, Role::Note);
    let kinds: Vec<(InferenceKind, Option<&str>)> = m
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| {
            Some((
                n.as_inference()?.kind,
                m.premise_ids(&n.id).first().copied(),
            ))
        })
        .collect();
    assert!(
        kinds.contains(&(InferenceKind::Support, Some("g1::n1"))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(InferenceKind::Conflict, Some("g1::n2"))),
        "{kinds:?}"
    );
    assert_eq!(m.inference_count(), 2, "the note's edge is no inference");
    assert!(l.warnings.iter().any(|w| w.message.contains("note's edge")));
}

#[test]
fn role_rules_can_be_replaced() {
    let rules = RoleRules {
        colours: vec![("#ccffcc".into(), Role::Evidence)],
        shapes: Vec::new(),
    };
    let l = import(&fixture(), &GraphmlImportOptions { roles: rules }).unwrap();
    assert_eq!(l.map.statement("g1::n1").unwrap().role, Role::Evidence);
    assert_eq!(l.map.statement("n0").unwrap().role, Role::Claim);
}

#[test]
fn own_export_round_trips() {
    let map = crate::bundled::EXAMPLE.load().unwrap().map;
    let out = crate::io::graphml::export(&map, &crate::io::graphml::GraphmlOptions::default());
    let back = load(&out.text).map;
    assert_eq!(back.meta().title, map.meta().title);
    assert_eq!(back.statement_count(), map.statement_count());
    assert_eq!(back.inference_count(), map.inference_count());
    for n in map.nodes() {
        let twin = back.node(&n.id).expect("ids are kept");
        assert_eq!(twin.pos, n.pos, "{}", n.id);
        if let (Some(a), Some(b)) = (n.as_statement(), twin.as_statement()) {
            assert_eq!(
                (&a.title, &a.text, a.role),
                (&b.title, &b.text, b.role),
                "{}",
                n.id
            );
        }
        if let (Some(a), Some(b)) = (n.as_inference(), twin.as_inference()) {
            assert_eq!(
                (&a.title, &a.scheme, a.kind),
                (&b.title, &b.scheme, b.kind),
                "{}",
                n.id
            );
            assert_eq!(map.premise_ids(&n.id), back.premise_ids(&n.id), "{}", n.id);
            assert_eq!(map.target_id(&n.id), back.target_id(&n.id), "{}", n.id);
        }
    }
}

#[test]
fn plain_graphml_and_broken_files() {
    let plain = r#"<graphml><key id="k" for="node" attr.name="label"/><key id="c" for="edge" attr.name="label"/>
      <graph edgedefault="directed"><node id="a"><data key="k">Claim</data></node>
      <node id="b"><data key="k">Objection</data></node>
      <edge source="b" target="a"><data key="c">con</data></edge><edge source="x" target="a"/></graph></graphml>"#;
    let l = load(plain);
    assert_eq!(l.map.statement("a").unwrap().text, "Claim");
    let inf = l.map.nodes().find_map(|n| n.as_inference()).unwrap();
    assert_eq!(inf.kind, InferenceKind::Conflict);
    let w = l
        .warnings
        .iter()
        .find(|w| w.message.contains("x → a"))
        .unwrap();
    assert_eq!(w.at.as_ref().unwrap().line, Some(4));
    let err = import("<graphml><graph>", &GraphmlImportOptions::default()).unwrap_err();
    assert!(err.at.line.is_some(), "{err}");
    assert!(import("<svg/>", &GraphmlImportOptions::default()).is_err());
}
