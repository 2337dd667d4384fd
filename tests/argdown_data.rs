//! Argdown round two (issue 18): multi-line data blocks, invalid YAML,
//! a second premise–conclusion structure, inference data, evidence and
//! positions as data, and multi-step arguments, on fixtures written for
//! these tests (tests/fixtures/argdown). The cases in
//! `../shared/cases/interchange/` are checked too where that folder is.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use argmap::io::argdown::{self, ArgdownExportOptions, ArgdownImportOptions};
use argmap::io::{Loaded, native};
use argmap::model::{Map, NodeIx};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/argdown")
        .join(name)
}

fn import(path: &Path) -> (Loaded, argdown::ImportReport) {
    argdown::import_file(path).expect("imports")
}

fn reimport(map: &Map) -> (String, Loaded) {
    let out = argdown::export(map, &ArgdownExportOptions::default());
    let back = argdown::import(&out.text, &ArgdownImportOptions::default()).expect("reads back");
    (out.text, back)
}

fn text(map: &Map, ix: NodeIx) -> String {
    map.graph()[ix]
        .as_statement()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Every inference as (premise texts, conclusion text, title).
fn steps(map: &Map) -> BTreeSet<(Vec<String>, String, String)> {
    map.nodes()
        .filter_map(|n| {
            let i = n.as_inference()?;
            let ix = map.index_of(&n.id)?;
            let mut premises: Vec<String> = map
                .premises_of(ix)
                .into_iter()
                .map(|p| text(map, p))
                .collect();
            premises.sort();
            let target = map.target_of(ix).map(|t| text(map, t)).unwrap_or_default();
            Some((premises, target, i.title.clone()))
        })
        .collect()
}

fn statement_by_text<'m>(map: &'m Map, t: &str) -> &'m argmap::model::Node {
    map.nodes()
        .find(|n| n.as_statement().is_some_and(|s| s.text == t))
        .unwrap_or_else(|| panic!("no statement '{t}'"))
}

#[test]
fn multi_step_structures_export_as_one_argument_each() {
    let (first, report) = import(&fixture("multistep.argdown"));
    assert_eq!((report.statements, report.arguments), (10, 2));
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let (out, back) = reimport(&first.map);
    // One header per argument, no made-up argument names, every step kept.
    assert_eq!(out.matches("<Harbour deal>:").count(), 1, "{out}");
    assert_eq!(out.matches("<Ferry line>:").count(), 1, "{out}");
    assert!(!out.contains("<Argument "), "{out}");
    assert!(out.contains("-- Modus ponens --"), "{out}");
    assert_eq!(back.map.statement_count(), 10);
    assert_eq!(back.map.inference_count(), 5);
    assert_eq!(steps(&back.map), steps(&first.map));
    // Only the last step of each argument carries the title.
    let titled: Vec<String> = steps(&back.map)
        .into_iter()
        .map(|(_, _, t)| t)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(titled.len(), 2);
}

#[test]
fn data_blocks_over_several_lines_are_read_and_bad_ones_reported() {
    let (loaded, report) = import(&fixture("data-blocks.argdown"));
    let map = &loaded.map;
    // A valid flow block and a valid block-style block reach the notes.
    let first = statement_by_text(map, "Building the bridge employs 300 people.");
    let notes = &first.as_statement().unwrap().notes;
    assert!(notes.contains("source: Council report"), "{notes}");
    assert!(notes.contains("pages: [12, 13]"), "{notes}");
    let second = statement_by_text(map, "Employing people helps the region.");
    assert!(
        second
            .as_statement()
            .unwrap()
            .notes
            .contains("vars: {p: employs, q: helps}")
    );
    // The duplicate key: located at the block, named, text left clean.
    let third = statement_by_text(map, "Nobody is hurt by it.");
    assert!(third.as_statement().unwrap().notes.is_empty());
    let dup = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("duplicate key \"x\""))
        .expect("the duplicate key is reported");
    let at = dup.at.as_ref().unwrap();
    assert_eq!(at.line, Some(21));
    assert!(dup.message.contains("lines 21–24"), "{}", dup.message);
    assert!(dup.message.contains("dropped"), "{}", dup.message);
    // The inference: three premises by `uses`, data kept.
    let inf = map.nodes().find_map(|n| n.as_inference()).unwrap();
    assert_eq!(inf.title, "Jobs");
    assert_eq!(
        inf.data.get("logic").map(String::as_str),
        Some("[modus ponens]")
    );
    assert_eq!(inf.data.get("confidence").map(String::as_str), Some("high"));
    assert!(!inf.data.contains_key("uses"));
    // The second structure for <Jobs>: reported where it starts, ignored.
    let second_pcs = loaded
        .warnings
        .iter()
        .find(|w| {
            w.message
                .contains("already has a premise–conclusion structure")
        })
        .expect("reported");
    assert_eq!(second_pcs.at.as_ref().unwrap().line, Some(31));
    assert!(second_pcs.message.contains("line 9") && second_pcs.message.contains("ignored"));
    assert_eq!(report.arguments, 1);
    assert_eq!(map.inference_count(), 1);
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
}

#[test]
fn inference_data_round_trips_through_argdown_and_native() {
    let (loaded, _) = import(&fixture("data-blocks.argdown"));
    let (out, back) = reimport(&loaded.map);
    assert!(out.contains("logic: [modus ponens]"), "{out}");
    let data = |m: &Map| {
        m.nodes()
            .find_map(|n| n.as_inference())
            .unwrap()
            .data
            .clone()
    };
    assert_eq!(data(&back.map), data(&loaded.map));
    let saved = native::to_string(&loaded.map, &native::SaveOptions::default());
    assert!(saved.contains("\"schema_version\": 7"));
    let again = native::from_str(&saved, &native::LoadOptions::default()).unwrap();
    assert_eq!(data(&again.map), data(&loaded.map));
}

/// Edit the Argdown, re-import, keep the layout: positions, pins and
/// evidence of the bundled example survive an Argdown round trip.
#[test]
fn evidence_and_positions_survive_an_argdown_round_trip() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/example-car-free.argmap.json");
    let map = native::load_file(&path).unwrap().map;
    let (out, back) = reimport(&map);
    assert!(!out.contains("// evidence"), "evidence is data now");
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let mut evidence = 0;
    for n in map.nodes() {
        let Some(st) = n.as_statement() else { continue };
        let twin = statement_by_text(&back.map, &st.text);
        assert_eq!(twin.pos, n.pos, "{}", st.text);
        assert_eq!(twin.pinned, n.pinned, "{}", st.text);
        let strip = |e: &argmap::model::Evidence| {
            let mut e = e.clone();
            e.anchor = None;
            e
        };
        let want: Vec<_> = st.evidence.iter().map(strip).collect();
        assert_eq!(twin.as_statement().unwrap().evidence, want, "{}", st.text);
        evidence += want.len();
    }
    assert!(evidence >= 5, "the example has evidence to carry");
    // Reconstructed arguments keep their node positions too (a titled
    // objection to an inference is a plain undercut in Argdown, reported).
    let mut compared = 0;
    for n in map.nodes() {
        let Some(i) = n.as_inference().filter(|i| !i.title.is_empty()) else {
            continue;
        };
        let twin = back
            .map
            .nodes()
            .find(|b| b.as_inference().is_some_and(|j| j.title == i.title));
        if let Some(twin) = twin {
            assert_eq!(twin.pos, n.pos, "{}", i.title);
            compared += 1;
        }
    }
    assert!(compared >= 2);
    // Anchors cannot travel (Argdown has no sources): said so.
    let export = argdown::export(&map, &ArgdownExportOptions::default());
    assert!(
        export.losses.iter().any(|l| l.message.contains("anchors")),
        "{:?}",
        export.losses
    );
}

#[test]
fn bad_evidence_and_positions_are_reported_not_fatal() {
    let text = "[A]: Claim. {pos: [1, two], evidence: [{basis: rumour, text: x}, {basis: quote, text: \"kept\", id: s1}]}\n";
    let loaded = argdown::import(text, &ArgdownImportOptions::default()).unwrap();
    let st = loaded
        .map
        .nodes()
        .find(|n| n.as_statement().is_some())
        .unwrap();
    assert_eq!(st.pos, None);
    let ev = &st.as_statement().unwrap().evidence;
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].text, "kept");
    assert_ne!(ev[0].id, "s1", "an id that names a statement is replaced");
    let messages: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("pos")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("rumour")),
        "{messages:?}"
    );
}

fn shared_case(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/cases/interchange")
        .join(name);
    p.exists().then_some(p)
}

#[test]
fn shared_cases_01_and_02_behave_as_their_readme_says() {
    if let Some(p) = shared_case("01-multistep-pcs.argdown") {
        let (first, report) = import(&p);
        assert_eq!(
            (report.statements, report.arguments, report.relations),
            (7, 2, 0)
        );
        let (out, back) = reimport(&first.map);
        assert_eq!(out.matches("<Peace treaty>:").count(), 1, "{out}");
        assert!(!out.contains("<Argument "), "{out}");
        assert_eq!(steps(&back.map), steps(&first.map));
        assert_eq!(back.map.statement_count(), 7);
    }
    if let Some(p) = shared_case("02-invalid-yaml-dupkey.argdown") {
        let (loaded, report) = import(&p);
        assert_eq!((report.statements, report.arguments), (4, 1));
        statement_by_text(&loaded.map, "If it rains, the grass grows.");
        let w = loaded
            .warnings
            .iter()
            .find(|w| w.message.contains("duplicate key \"p\""))
            .expect("reported");
        assert_eq!(w.at.as_ref().unwrap().line, Some(7));
        assert_eq!(loaded.map.inference_count(), 2);
    }
}

/// Inference data that other formats cannot hold is in their loss report.
#[test]
fn inference_data_loss_is_reported_by_formats_without_it() {
    let (loaded, _) = import(&fixture("data-blocks.argdown"));
    for format in [
        argmap::io::formats::Format::Aif,
        argmap::io::formats::Format::Graphml,
        argmap::io::formats::Format::Dot,
        argmap::io::formats::Format::Mermaid,
    ] {
        let out = argmap::io::formats::export(format, &loaded.map).unwrap();
        assert!(
            out.losses
                .iter()
                .any(|l| l.message.contains("inference data")),
            "{format}: {:?}",
            out.losses
        );
    }
}
