//! Unit tests of the Argdown importer, one construct at a time.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::{InferenceKind, Map, NodeIx};

fn load(text: &str) -> Loaded {
    import(text, &ArgdownImportOptions::default()).expect("Argdown always imports")
}

fn by_title<'m>(map: &'m Map, title: &str) -> &'m crate::model::Node {
    map.nodes()
        .find(|n| {
            n.as_statement().is_some_and(|s| s.title == title)
                || n.as_inference().is_some_and(|i| i.title == title)
        })
        .unwrap_or_else(|| panic!("no node titled {title}"))
}

fn ix(map: &Map, title: &str) -> NodeIx {
    map.index_of(&by_title(map, title).id).unwrap()
}

fn text_of(map: &Map, ix: NodeIx) -> String {
    let n = &map.graph()[ix];
    match n.as_statement() {
        Some(s) if s.title.is_empty() => s.text.clone(),
        Some(s) => s.title.clone(),
        None => format!("<{}>", n.as_inference().unwrap().title),
    }
}

/// Every inference as (kind, premises, target), sorted.
fn edges(map: &Map) -> Vec<(InferenceKind, Vec<String>, String)> {
    let mut out: Vec<_> = map
        .nodes()
        .filter_map(|n| {
            let i = n.as_inference()?;
            let ix = map.index_of(&n.id)?;
            let premises = map
                .premises_of(ix)
                .into_iter()
                .map(|p| text_of(map, p))
                .collect();
            Some((i.kind, premises, text_of(map, map.target_of(ix)?)))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn statements_titles_and_equivalence() {
    let l =
        load("[A]: First text.\n\nPlain statement\nover two lines.\n\n[A]: Other text.\n\n[B]\n");
    let m = &l.map;
    assert_eq!(m.statement_count(), 3);
    let a = by_title(m, "A").as_statement().unwrap();
    assert_eq!(a.text, "First text.");
    assert_eq!(a.notes, "Also stated as: Other text.");
    assert!(m.nodes().any(|n| {
        n.as_statement()
            .is_some_and(|s| s.text == "Plain statement over two lines." && s.title.is_empty())
    }));
    assert_eq!(by_title(m, "B").as_statement().unwrap().text, "");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn relation_symbols_and_directions() {
    let text = "[T]: Thesis\n  + [R]: Reason\n    - [O]: Objection\n  +> [S]: Supported by T\n  <- [X]: Attacks T\n  -> [Y]: Attacked by T\n  <+ [Z]: Supports T\n";
    let m = load(text).map;
    let e = edges(&m);
    let s = |k, p: &str, t: &str| (k, vec![p.to_owned()], t.to_owned());
    use InferenceKind::*;
    for want in [
        s(Support, "R", "T"),
        s(Conflict, "O", "R"),
        s(Support, "T", "S"),
        s(Conflict, "X", "T"),
        s(Conflict, "T", "Y"),
        s(Support, "Z", "T"),
    ] {
        assert!(e.contains(&want), "{want:?} not in {e:?}");
    }
    assert_eq!(e.len(), 6);
}

#[test]
fn contradiction_is_two_conflicts() {
    let m = load("[A]: a\n  >< [B]: b\n").map;
    let e = edges(&m);
    assert_eq!(e.len(), 2);
    assert!(e.iter().all(|(k, _, _)| *k == InferenceKind::Conflict));
    assert!(
        m.nodes()
            .filter_map(|n| n.as_inference())
            .all(|i| i.scheme == CONTRADICTION_SCHEME)
    );
}

#[test]
fn unreconstructed_argument_is_its_first_relation() {
    let l = load("[T]: Thesis\n  + <Arg>: Because of this.\n    - <Counter>: Not so. #doubt\n");
    let m = &l.map;
    let arg = ix(m, "Arg");
    let i = m.graph()[arg].as_inference().unwrap();
    assert_eq!(
        (i.kind, i.description.as_str()),
        (InferenceKind::Support, "Because of this.")
    );
    assert_eq!(m.target_of(arg), Some(ix(m, "T")));
    let gist = m.premises_of(arg)[0];
    let g = m.graph()[gist].as_statement().unwrap();
    assert_eq!(g.text, "Because of this.");
    assert!(g.tags.contains(&GIST_TAG.to_owned()));
    // An attack on an argument is an undercut of its inference.
    let counter = ix(m, "Counter");
    assert_eq!(m.target_of(counter), Some(arg));
    assert!(m.is_undercut(counter));
    let cg = m.premises_of(counter)[0];
    assert!(
        m.graph()[cg]
            .as_statement()
            .unwrap()
            .tags
            .contains(&"doubt".to_owned())
    );
}

#[test]
fn argument_without_relations_gets_a_stand_in_conclusion() {
    let loaded = load("\n<Lonely>: Nobody points here.\n");
    let said: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("stand-in") && w.message.contains("<Lonely>"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", loaded.warnings);
    assert_eq!(said[0].at.as_ref().and_then(|a| a.line), Some(2));
    let m = loaded.map;
    let arg = ix(&m, "Lonely");
    let t = m.target_of(arg).unwrap();
    assert!(
        m.graph()[t]
            .as_statement()
            .unwrap()
            .tags
            .contains(&IMPLICIT_TAG.to_owned())
    );
}

#[test]
fn premise_conclusion_structure_chains_steps() {
    let text = "<Chain>: Two steps.\n\n(1) [P1]: one\n(2) [P2]: two\n-- Modus ponens {uses: [1, 2]} --\n(3) [C1]: mid\n(4) [P3]: three\n----\n(5) [C]: end\n\n[C]\n  - <Chain>\n";
    let l = load(text);
    let m = &l.map;
    let e = edges(m);
    assert!(
        e.contains(&(
            InferenceKind::Support,
            vec!["P1".into(), "P2".into()],
            "C1".into()
        )),
        "{e:?}"
    );
    assert!(
        e.contains(&(
            InferenceKind::Support,
            vec!["C1".into(), "P3".into()],
            "C".into()
        )),
        "{e:?}"
    );
    let chain = ix(m, "Chain");
    assert_eq!(m.target_of(chain), Some(ix(m, "C")));
    let steps: Vec<_> = m.nodes().filter_map(|n| n.as_inference()).collect();
    assert!(steps.iter().any(|i| i.scheme == "Modus ponens"));
    // A relation from an argument to its own conclusion is its inference.
    assert_eq!(m.inference_count(), 2);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn linked_conflict_from_inference_data() {
    let m = load("[T]: t\n  - <L>\n\n<L>\n\n(1) a\n(2) b\n-- {kind: conflict} --\n(3) [T]\n").map;
    let l = ix(&m, "L");
    let i = m.graph()[l].as_inference().unwrap();
    assert_eq!(i.kind, InferenceKind::Conflict);
    assert_eq!(m.premises_of(l).len(), 2);
    assert_eq!(
        m.inference_count(),
        1,
        "the argument's relation to its conclusion adds nothing"
    );
}

#[test]
fn tags_headings_data_and_front_matter() {
    let text = "===\ntitle: My \"debate\"\nauthor: Ann\ncolor: red\n===\n\n# Part one\n\n[A]: Text #one #(two words) {role: thesis, source: p. 4}\n\n## Sub {isGroup: false}\n\nMid #tag sentence.\n";
    let l = load(text);
    let m = &l.map;
    assert_eq!(m.meta().title, "My \"debate\"");
    assert_eq!(m.meta().authors, vec!["Ann".to_owned()]);
    let a = by_title(m, "A").as_statement().unwrap();
    assert_eq!(a.text, "Text");
    assert_eq!(a.tags, vec!["one", "two words", "group:Part one"]);
    assert_eq!(a.role, crate::model::Role::Thesis);
    assert_eq!(a.notes, "source: p. 4");
    let mid = m
        .nodes()
        .filter_map(|n| n.as_statement())
        .find(|s| s.text.starts_with("Mid"))
        .unwrap();
    assert_eq!(mid.text, "Mid #tag sentence.");
    assert_eq!(mid.tags, vec!["tag", "group:Part one"]);
    let w = l
        .warnings
        .iter()
        .find(|w| w.message.contains("'color'"))
        .unwrap();
    assert_eq!(w.at.as_ref().unwrap().line, Some(4));
}

#[test]
fn comments_escapes_and_mentions() {
    let text = "// a line comment\n[A]: One \\[two\\] \\#three @[B] /* gone */ http://x.org/a\n<!-- a\nmultiline comment -->\n";
    let m = load(text).map;
    let a = by_title(&m, "A").as_statement().unwrap();
    assert_eq!(a.text, "One [two] #three @[B] http://x.org/a");
    assert!(a.tags.is_empty());
    assert_eq!(m.statement_count(), 1);
}

#[test]
fn crlf_and_tabs() {
    let m = load("[A]: a\r\n\t+ [B]: b\r\n").map;
    assert_eq!(
        edges(&m),
        vec![(InferenceKind::Support, vec!["B".into()], "A".into())]
    );
}

#[test]
fn include_reads_through_the_reader_and_stops_cycles() {
    let reader = |p: &Path| -> Result<String, String> {
        match p.file_name().and_then(|f| f.to_str()) {
            Some("a.argdown") => Ok("[FromA]: a\n\n@include(b.argdown)\n".into()),
            Some("b.argdown") => Ok("[FromB]: b\n\n@include(a.argdown)\n".into()),
            _ => Err("missing".into()),
        }
    };
    let options = ArgdownImportOptions {
        file: Some(PathBuf::from("/virtual/main.argdown")),
        base_dir: Some(PathBuf::from("/virtual")),
        reader: Some(&reader),
        ..ArgdownImportOptions::default()
    };
    let l = import(
        "[Main]: m\n\n@include(a.argdown)\n@include(nope.argdown)\n",
        &options,
    )
    .unwrap();
    let titles: Vec<&str> = l
        .map
        .nodes()
        .filter_map(|n| n.as_statement())
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(l.map.statement_count(), 3, "{titles:?}");
    assert!(
        l.warnings.iter().any(|w| w.message.contains("cycle")),
        "{:?}",
        l.warnings
    );
    let missing = l
        .warnings
        .iter()
        .find(|w| w.message.contains("nope.argdown"))
        .unwrap();
    assert_eq!(missing.at.as_ref().unwrap().line, Some(4));
}

#[test]
fn problems_are_located_warnings() {
    let l = load("[A]: a\n\n   +\n----\n<X>(1): by number\n");
    assert!(
        l.warnings
            .iter()
            .all(|w| w.at.as_ref().and_then(|a| a.line).is_some())
    );
    let lines: Vec<usize> = l
        .warnings
        .iter()
        .filter_map(|w| w.at.as_ref()?.line)
        .collect();
    assert!(
        lines.contains(&3) && lines.contains(&4) && lines.contains(&5),
        "{:?}",
        l.warnings
    );
}

#[test]
fn hostile_input_never_panics() {
    for text in [
        "",
        "\n\n",
        "[",
        "<",
        "[A",
        "(1)",
        "(1) a\n--",
        "--\n--",
        "{",
        "[A]: {a: [b, {c: ",
        "#",
        "# ",
        "===\n",
        "===\nx\n",
        "@include",
        "@include()",
        "\\",
        "[A]: \\",
        "+ + + +",
        "<A>: a\n  _ <A>",
        "(99999999999) x",
        "<A>\n\n(1) a\n----\n(2) a",
        "[A]: a\n  + [A]",
        "<A>: x\n  + <B>: y\n    + <A>\n",
        "[A]: t {[",
        "[A]: t {{a: b}: c}",
        "[A]: t {a: [}",
        "{:}",
        "{a: {b: [c, {d: ]}}}",
    ] {
        let _ = load(text);
    }
    let deep: String = (0..300)
        .map(|k| format!("{}+ [N{k}]: n\n", " ".repeat(k * 2)))
        .collect();
    let m = load(&format!("[Root]: r\n{deep}")).map;
    assert_eq!(m.statement_count(), 301);
}

#[test]
fn export_then_import_keeps_the_structure() {
    let text = "===\ntitle: Round\nauthor: Ann\n===\n\n[T]: Thesis #main\n  + [R]: Reason {notes: \"see p. 2\"}\n  - <Obj>: An objection.\n    _ [U]: Undercutter\n  >< [N]: Not T\n\n<Linked>\n\n(1) [P1]: one\n(2) [P2]: two\n----\n(3) [R]\n";
    let first = load(text).map;
    let out = export(&first, &ArgdownExportOptions::default());
    let second = load(&out.text).map;
    assert_eq!(edges(&first), edges(&second), "{}", out.text);
    assert_eq!(first.statement_count(), second.statement_count());
    assert_eq!(first.meta(), second.meta());
    let r = by_title(&second, "R").as_statement().unwrap();
    assert_eq!(r.notes, "see p. 2");
    assert!(out.losses.is_empty(), "{:?}", out.losses);
}

/// Data on an inference line that no field holds is kept on the inference,
/// and a malformed data block never costs the conclusion. (Argdown 1.7.5
/// drops the conclusion of such a structure without an error when the
/// data is not valid YAML, e.g. `;` between entries; we keep it.)
#[test]
fn inference_data_is_kept_on_the_inference() {
    let text = "(1) First premise\n(2) Second premise\n-- Rule A, Rule B {depends on: [1,2]; uses: [1,2], extra: {a: b}} -----\n(3) Conclusion\n";
    let l = load(text);
    let m = &l.map;
    assert_eq!(m.statement_count(), 3);
    let e = edges(m);
    assert_eq!(
        e,
        vec![(
            InferenceKind::Support,
            vec!["First premise".to_owned(), "Second premise".to_owned()],
            "Conclusion".to_owned()
        )]
    );
    let inf = m.nodes().find_map(|n| n.as_inference()).unwrap();
    let keys: Vec<&str> = inf.data.keys().map(String::as_str).collect();
    assert_eq!(keys, ["depends on", "extra"], "{:?}", l.warnings);
    assert_eq!(inf.data["extra"], "{a: b}");
}

const SCHEMED: &str = "<Lee>: Dr Lee backs the plan.

(1) Dr Lee is an expert in urban planning.
(2) Dr Lee says the square should be car-free.
-- {scheme: Argument from expert opinion} --
(3) [Car-free]: The square should be car-free.

<Cheap>: It costs little.

(1) It costs little.
-- Argument From Cost --
(2) [Car-free]

<Counter>

(1) Shops will lose trade.
-- {scheme: negative_consequences, kind: conflict} --
(2) [Car-free]
";

fn schemes_by_premise(map: &Map) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = map
        .nodes()
        .filter_map(|n| {
            let i = n.as_inference()?;
            let first = map.premise_ids(&n.id).first().copied()?;
            Some((map.statement(first)?.text.clone(), i.scheme.clone()))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn scheme_data_is_read_and_round_tripped() {
    let l = load(SCHEMED);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let got = schemes_by_premise(&l.map);
    assert!(
        got.contains(&(
            "Dr Lee is an expert in urban planning.".into(),
            "expert_opinion".into()
        )),
        "{got:?}"
    );
    assert!(got.contains(&("It costs little.".into(), "Argument From Cost".into())));
    assert!(got.contains(&(
        "Shops will lose trade.".into(),
        "negative_consequences".into()
    )));
    let out = export(&l.map, &ArgdownExportOptions::default());
    assert!(
        out.text.contains("{scheme: expert_opinion}"),
        "{}",
        out.text
    );
    assert!(
        out.text.contains("-- Argument From Cost --"),
        "{}",
        out.text
    );
    let again = load(&out.text);
    assert_eq!(schemes_by_premise(&again.map), got, "{}", out.text);
}

#[test]
fn role_bindings_are_reported_lost_in_argdown() {
    let mut map = load(SCHEMED).map;
    let id = map
        .nodes()
        .find(|n| {
            n.as_inference()
                .is_some_and(|i| i.scheme == "expert_opinion")
        })
        .unwrap()
        .id
        .clone();
    let premise = map.premise_ids(&id)[0].to_owned();
    map.bind_role(&id, "expert", Some(premise)).unwrap();
    let out = export(&map, &ArgdownExportOptions::default());
    assert!(
        out.losses
            .iter()
            .any(|w| w.message.contains("scheme role bindings")),
        "{:?}",
        out.losses
    );
}

#[test]
fn tags_with_comment_openers_survive_a_round_trip() {
    use crate::model::{Pos, Statement};
    let mut map = Map::new("t");
    map.add_statement(
        "s1",
        Statement::new("A claim"),
        Some(Pos::new(0.0, 0.0)),
        false,
    )
    .unwrap();
    let tags = ["(/*)", "a//b", "<!-- x", "c*/d"];
    map.set_tags("s1", tags.iter().map(|t| t.to_string()).collect())
        .unwrap();
    let out = export(&map, &ArgdownExportOptions::default());
    let again = import(&out.text, &ArgdownImportOptions::default()).unwrap();
    assert_eq!(again.map.statement_count(), 1, "{}", out.text);
    let s = again.map.nodes_sorted()[0].as_statement().unwrap().clone();
    for tag in tags {
        assert!(
            s.tags.iter().any(|t| t == tag),
            "{tag} lost in {}",
            out.text
        );
    }
}
