//! DOT import on inputs written for these tests, and the round trip
//! through Argmap's own DOT export.

use super::*;

fn load(text: &str) -> Loaded {
    import(text, &DotImportOptions::default()).expect("imports")
}

fn kinds(map: &Map) -> Vec<(InferenceKind, Vec<String>, String)> {
    let mut out: Vec<_> = map
        .nodes()
        .filter_map(|n| {
            let i = n.as_inference()?;
            let ix = map.index_of(&n.id)?;
            let text = |ix: crate::model::NodeIx| {
                map.graph()[ix]
                    .as_statement()
                    .map_or_else(|| map.graph()[ix].id.clone(), |s| s.text.clone())
            };
            let mut premises: Vec<String> = map.premises_of(ix).into_iter().map(text).collect();
            premises.sort();
            Some((
                i.kind,
                premises,
                map.target_of(ix).map(text).unwrap_or_default(),
            ))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn argument_shaped_graph_with_labels_and_colours() {
    let l = load(
        "digraph debate {\n  node [shape=box];\n  c [label=\"Ban cars\\nThe old town should ban cars.\"];\n  a [label=<Air gets <b>cleaner</b>.>];\n  b [label=\"Shops lose trade.\"];\n  d [label=\"Trade moves to the ring road\"];\n  a -> c [label=\"pro\"];\n  b -> c [color=red];\n  d -> b [label=\"objection\"];\n  subgraph cluster_e { label=\"Economy\"; b; d }\n}\n",
    );
    let m = &l.map;
    assert_eq!(m.meta().title, "debate");
    assert_eq!(m.statement_count(), 4);
    let c = m.statement("c").unwrap();
    assert_eq!(
        (c.title.as_str(), c.text.as_str()),
        ("Ban cars", "The old town should ban cars.")
    );
    assert_eq!(m.statement("a").unwrap().text, "Air gets cleaner.");
    assert_eq!(m.statement("b").unwrap().tags, ["Economy"]);
    let k = kinds(m);
    assert!(k.contains(&(
        InferenceKind::Support,
        vec!["Air gets cleaner.".into()],
        "The old town should ban cars.".into()
    )));
    assert!(k.contains(&(
        InferenceKind::Conflict,
        vec!["Shops lose trade.".into()],
        "The old town should ban cars.".into()
    )));
    assert!(k.contains(&(
        InferenceKind::Conflict,
        vec!["Trade moves to the ring road".into()],
        "Shops lose trade.".into()
    )));
}

#[test]
fn own_export_round_trips() {
    let map = crate::bundled::EXAMPLE.load().unwrap().map;
    let out = crate::io::dot::export(&map, &crate::io::dot::DotOptions::default());
    let back = load(&out.text).map;
    assert_eq!(back.statement_count(), map.statement_count());
    assert_eq!(back.inference_count(), map.inference_count());
    assert_eq!(kinds(&back), kinds(&map));
    for n in map.nodes() {
        let twin = back.node(&n.id).expect("ids are kept");
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
        }
    }
    // Positions come back up to one vertical shift (DOT's origin).
    let shift = |m: &Map| {
        let min_y = m
            .nodes()
            .filter_map(|n| n.pos)
            .map(|p| p.y)
            .fold(f32::MAX, f32::min);
        let mut v: Vec<(String, i64, i64)> = m
            .nodes()
            .filter_map(|n| {
                n.pos.map(|p| {
                    (
                        n.id.clone(),
                        (p.x * 10.0).round() as i64,
                        ((p.y - min_y) * 10.0).round() as i64,
                    )
                })
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(shift(&back), shift(&map));
}

#[test]
fn escapes_html_and_problems() {
    let l = load(
        "graph \"G\" { x [label=\"C:\\\\Users\\\\ana \\N in \\G\"]; y [label=<A &amp; B<br/>&#x41;>]; x -- y; z [shape=circle, label=\"+\"] }",
    );
    assert_eq!(l.map.statement("x").unwrap().text, "C:\\Users\\ana x in G");
    // Two lines, the first short and unpunctuated: title and text.
    let y = l.map.statement("y").unwrap();
    assert_eq!((y.title.as_str(), y.text.as_str()), ("A & B", "A"));
    assert!(
        l.warnings
            .iter()
            .any(|w| w.message.contains("'z' points at nothing"))
    );
    let err = import("digraph { a -> }", &DotImportOptions::default()).unwrap_err();
    assert_eq!(err.at.line, Some(1));
    assert!(err.to_string().contains("DOT"), "{err}");
}
