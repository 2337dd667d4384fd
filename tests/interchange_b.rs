//! Interchange formats: AIF import and export, Kialo import (both layouts, also
//! through `argmap convert`), and the GraphML,
//! DOT and Mermaid exports, on fixtures written for these tests (tests/fixtures/aif,
//! tests/fixtures/kialo, tests/fixtures/hostile.argmap.json) and the bundled
//! example map.

use std::path::Path;

use argmap::io::aif::{self, AifExportOptions, AifImportOptions};
use argmap::io::dot::{self, DotOptions};
use argmap::io::graphml::{self, GraphmlOptions};
use argmap::io::kialo::{self, KialoImportOptions};
use argmap::io::mermaid::{self, MermaidOptions};
use argmap::io::native::{self, LoadOptions, NoSourceFiles, SaveOptions};
use argmap::model::{Basis, InferenceKind, Map, NodeData};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new("tests/fixtures").join(name)).expect("fixture")
}

fn aif_fixture(name: &str) -> aif::AifImport {
    aif::import_detailed(
        &fixture(&format!("aif/{name}")),
        &AifImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn car_free() -> Map {
    native::load_file(Path::new("maps/example-car-free.argmap.json"))
        .expect("bundled example")
        .map
}

fn hostile() -> Map {
    native::from_str(
        &fixture("hostile.argmap.json"),
        &LoadOptions {
            sources: &NoSourceFiles,
        },
    )
    .expect("hostile fixture loads")
    .map
}

/// The argument layer: statements with their text and quotes, inferences
/// with kind and scheme, and every premise and target, by id.
fn argument_layer(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .into_iter()
        .map(|n| {
            let what = match &n.data {
                NodeData::Statement(s) => {
                    let quotes: Vec<String> = s
                        .evidence
                        .iter()
                        .filter(|e| e.basis == Basis::Quote)
                        .map(|e| format!("{}|{}|{}|{}", e.id, e.speaker, e.date, e.text))
                        .collect();
                    format!("I {:?} {quotes:?}", s.text)
                }
                NodeData::Inference(i) => format!("{:?} {:?}", i.kind, i.scheme),
            };
            format!(
                "{} {what} {:?} -> {:?}",
                n.id,
                map.premise_ids(&n.id),
                map.target_id(&n.id)
            )
        })
        .collect()
}

fn through_native(map: &Map) -> Map {
    let text = native::to_string(
        map,
        &SaveOptions {
            inline_sources: true,
        },
    );
    native::from_str(
        &text,
        &LoadOptions {
            sources: &NoSourceFiles,
        },
    )
    .expect("native round trip")
    .map
}

#[test]
fn aif_nodeset_fixture_maps_every_layer() {
    let got = aif_fixture("nodeset.json");
    let map = &got.loaded.map;
    assert_eq!((got.statements, got.inferences), (4, 3));
    assert_eq!(map.inference("107").unwrap().kind, InferenceKind::Conflict);
    assert_eq!(
        map.inference("110").unwrap().scheme,
        "Argument From Consequences"
    );
    assert_eq!(map.inference("112").unwrap().kind, InferenceKind::Rephrase);
    let quote = &map.statement("103").unwrap().evidence[0];
    assert_eq!(
        (quote.speaker.as_str(), quote.text.as_str()),
        ("Ann", "We should build the bridge")
    );
    assert_eq!(quote.date, "2021-03-01 19:00:01");
    assert_eq!(got.dropped["TA transition nodes"], 1);
    assert_eq!(got.dropped["YA illocution nodes"], 3);
}

#[test]
fn aif_oddities_are_each_reported() {
    let got = aif_fixture("oddities.json");
    // RA 3 and the MA running from a statement back to itself (kept, and reported).
    assert_eq!((got.statements, got.inferences), (3, 2));
    let map = &got.loaded.map;
    assert_eq!(map.premise_ids("3"), ["2"]);
    let k = &got.warning_kinds;
    assert_eq!(k["duplicate-id"], 1, "{k:?}");
    assert_eq!(k["self-loop"], 1);
    assert_eq!(k["i-to-i-edge"], 1);
    assert_eq!(
        k["dangling-relation"], 2,
        "RA 4 has no target, CA 5 no edges"
    );
    assert_eq!(k["premise-is-target"], 1);
    assert_eq!(k["edge-to-unknown-node"], 1);
    for w in &got.loaded.warnings {
        assert!(!w.message.is_empty());
    }
}

#[test]
fn aif_column_lists_and_ova_string_wrapper() {
    let got = aif_fixture("columns.json");
    assert_eq!((got.statements, got.inferences), (3, 2));
    assert!(got.loaded.warnings.is_empty(), "{:?}", got.loaded.warnings);

    let got = aif_fixture("ova-string.json");
    let map = &got.loaded.map;
    assert_eq!((got.statements, got.inferences), (2, 1));
    assert_eq!(
        map.node("n4").unwrap().pos.map(|p| (p.x, p.y)),
        Some((300.0, 240.0))
    );
    assert_eq!(map.node("n5").unwrap().pos.map(|p| p.y), Some(140.5));
    let source = map.source("aif-text").unwrap();
    assert_eq!(source.text, "Report\nThe plant is safe & sound.");
    assert_eq!(source.url, "https://example.org/report");
    let quote = &map.statement("n2").unwrap().evidence[0];
    assert_eq!(quote.speaker, "Speaker Bob");
    // The quote is found in the analysed text and anchored there.
    let anchor = quote.anchor.as_ref().expect("anchored in the OVA text");
    assert_eq!((anchor.start, anchor.end), (7, 24));
    let report = argmap::model::verify_anchors(map);
    assert_eq!((report.checked, report.problems.len()), (1, 0));
    // OVA's "Default Inference" names no particular scheme.
    assert_eq!(map.inference("n5").unwrap().scheme, "");
}

#[test]
fn aif_to_native_to_aif_keeps_the_argument_layer() {
    for name in [
        "nodeset.json",
        "oddities.json",
        "columns.json",
        "ova-string.json",
    ] {
        let first = aif_fixture(name).loaded.map;
        let native = through_native(&first);
        let out = aif::export(&native, &AifExportOptions::default());
        let again = aif::import(&out.text, &AifImportOptions::default())
            .unwrap()
            .map;
        assert_eq!(argument_layer(&again), argument_layer(&first), "{name}");
        // And the export of the re-import is byte-identical: stable output.
        assert_eq!(
            aif::export(&again, &AifExportOptions::default()).text,
            out.text
        );
    }
}

#[test]
fn native_to_aif_to_native_keeps_the_argument_layer_and_reports_the_rest() {
    let map = car_free();
    let out = aif::export(&map, &AifExportOptions::default());
    let back = aif::import(&out.text, &AifImportOptions::default())
        .unwrap()
        .map;
    let layer = |m: &Map| -> Vec<String> {
        argument_layer(m)
            .into_iter()
            .map(|l| l.split(" [\"").next().unwrap_or(&l).to_owned())
            .collect()
    };
    assert_eq!(layer(&back), layer(&map));
    let losses: Vec<&str> = out.losses.iter().map(|w| w.message.as_str()).collect();
    assert!(
        losses.iter().any(|m| m.contains("statement titles")),
        "{losses:?}"
    );
    assert!(
        losses.iter().any(|m| m.contains("source documents")),
        "{losses:?}"
    );
}

#[test]
fn kialo_fixtures_import() {
    let got = kialo::import(
        &fixture("kialo/car-free.txt"),
        &KialoImportOptions::default(),
    )
    .unwrap();
    let map = &got.map;
    assert_eq!(map.meta().title, "Should the town centre be car-free?");
    // Six placed claims and the one whose parent is missing, kept unconnected.
    assert_eq!(map.statement_count(), 7);
    // Five tree links and the cross-link from 1.3 to 1.1.
    assert_eq!(map.inference_count(), 6);
    assert!(map.nodes().any(|n| {
        n.as_statement()
            .is_some_and(|s| s.text == "Traffic just moves\nto the ring road.")
    }));
    let lines: Vec<usize> = got
        .warnings
        .iter()
        .filter_map(|w| w.at.as_ref()?.line)
        .collect();
    assert_eq!(lines, [11], "{:?}", got.warnings);

    let deep = kialo::import(&fixture("kialo/deep.txt"), &KialoImportOptions::default()).unwrap();
    assert_eq!(deep.map.statement_count(), 26);
    assert_eq!(deep.map.inference_count(), 25);
    assert!(deep.warnings.is_empty());
}

/// Runs `argmap convert FIXTURE OUT.argmap.json` and reads the result back.
fn convert_kialo(name: &str) -> (Map, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.argmap.json");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_argmap"))
        .arg("convert")
        .arg(Path::new("tests/fixtures/kialo").join(name))
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    (native::load_file(&out).expect("converted map").map, stderr)
}

/// (premise text, kind, target text) for every inference, sorted.
fn relations(map: &Map) -> Vec<(String, InferenceKind, String)> {
    let text = |id: &str| map.statement(id).unwrap().text.clone();
    let mut got: Vec<_> = map
        .nodes()
        .filter_map(|n| {
            let inf = n.as_inference()?;
            let premise = text(map.premise_ids(&n.id)[0]);
            Some((premise, inf.kind, text(map.target_id(&n.id)?)))
        })
        .collect();
    got.sort();
    got
}

fn statement_by_text<'m>(map: &'m Map, start: &str) -> &'m argmap::model::Statement {
    map.nodes()
        .filter_map(|n| n.as_statement())
        .find(|s| s.text.starts_with(start))
        .unwrap_or_else(|| panic!("no statement starting {start:?}"))
}

#[test]
fn kialo_new_layout_converts_with_sources_as_evidence() {
    let (map, stderr) = convert_kialo("new-layout.txt");
    assert_eq!(
        map.meta().title,
        "Should the harbour (old town) be dredged?"
    );
    let mut texts: Vec<&str> = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .map(|s| s.text.as_str())
        .collect();
    texts.sort();
    // Nothing under "Sources:" (not even "3. Only two berths …") is a statement.
    assert_eq!(
        texts,
        [
            "Dredging stirs up old pollutants\nthat settled decades ago.",
            "It costs more than the town's yearly budget (see page 3) [7].",
            "Larger ferries could dock.",
            "The harbour should be dredged this year.",
            "The last estimate was far too low, as this report shows.",
        ]
    );
    let s = |t: &str| t.to_owned();
    assert_eq!(
        relations(&map),
        [
            (
                s("Dredging stirs up old pollutants\nthat settled decades ago."),
                InferenceKind::Conflict,
                s("Larger ferries could dock.")
            ),
            (
                s("It costs more than the town's yearly budget (see page 3) [7]."),
                InferenceKind::Conflict,
                s("The harbour should be dredged this year.")
            ),
            (
                s("Larger ferries could dock."),
                InferenceKind::Support,
                s("The harbour should be dredged this year.")
            ),
            (
                s("The last estimate was far too low, as this report shows."),
                InferenceKind::Support,
                s("It costs more than the town's yearly budget (see page 3) [7].")
            ),
        ]
    );
    let ferries = statement_by_text(&map, "Larger ferries");
    assert_eq!(ferries.evidence.len(), 1);
    let e = &ferries.evidence[0];
    assert_eq!(e.basis, Basis::WebPage);
    assert_eq!(e.url, "https://example.net/ferries");
    assert_eq!(e.citation, "Port statistics");
    assert_eq!(
        e.text,
        "Ferries above 120 m cannot enter.\n\n3. Only two berths remain usable."
    );
    let dredging = statement_by_text(&map, "Dredging");
    let urls: Vec<&str> = dredging.evidence.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://example.net/sediment",
            "https://example.net/ferries"
        ]
    );
    let budget = statement_by_text(&map, "It costs");
    assert_eq!(budget.evidence.len(), 1);
    assert_eq!(budget.evidence[0].basis, Basis::Publication);
    assert_eq!(
        budget.evidence[0].citation,
        "Town budget 2024, printed edition"
    );
    let report = statement_by_text(&map, "The last estimate");
    assert_eq!(report.evidence.len(), 1);
    assert_eq!(report.evidence[0].basis, Basis::WebPage);
    assert_eq!(
        report.evidence[0].url,
        "https://example.net/audit_(2021)?page=4&part=b"
    );
    assert_eq!(report.evidence[0].text, "this report");
    // Located warnings: the unknown [7], the stray line, the uncited [4].
    for at in [
        "new-layout.txt:14: ",
        "new-layout.txt:21: ",
        "new-layout.txt:28: ",
    ] {
        assert!(stderr.contains(at), "{at} missing in {stderr}");
    }
    assert_eq!(stderr.matches("import warning:").count(), 3, "{stderr}");
}

#[test]
fn kialo_old_layout_converts_without_escapes_and_with_links_as_evidence() {
    let (map, stderr) = convert_kialo("escapes-links.txt");
    assert_eq!(map.meta().title, "Should the library open on Sundays?");
    assert_eq!(map.statement_count(), 4);
    let s = |t: &str| t.to_owned();
    let thesis = s("The library should open on Sundays (noon to five).");
    let staff = s("Staff would need overtime pay, see the staff survey and [2].");
    let students = s("Students need a quiet place *at weekends*.");
    let families = s(
        "Families visit together _only_ at weekends.\nAttendance on Saturdays is the highest of the week.",
    );
    let mut want = vec![
        (staff.clone(), InferenceKind::Conflict, thesis.clone()),
        (students.clone(), InferenceKind::Support, staff.clone()),
        (families.clone(), InferenceKind::Support, thesis.clone()),
        // The forward `-> See 1.2.1.` and the `-> See 1.2.` cross-links.
        (students.clone(), InferenceKind::Support, thesis.clone()),
        (staff.clone(), InferenceKind::Conflict, families.clone()),
    ];
    want.sort();
    assert_eq!(relations(&map), want);
    let staff = statement_by_text(&map, "Staff");
    assert_eq!(staff.evidence.len(), 1);
    assert_eq!(staff.evidence[0].basis, Basis::WebPage);
    assert_eq!(
        staff.evidence[0].url,
        "https://example.net/survey?q=pay&y=2023"
    );
    assert!(!stderr.contains("import warning:"), "{stderr}");
}

fn well_formed_xml(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_)) => {
                elements += 1
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(elements > 3);
}

fn maps() -> Vec<(&'static str, Map)> {
    vec![
        ("car-free", car_free()),
        ("hostile", hostile()),
        ("aif-nodeset", aif_fixture("nodeset.json").loaded.map),
    ]
}

#[test]
fn exporter_snapshots() {
    for (name, map) in maps() {
        let g = graphml::export(&map, &GraphmlOptions::default());
        well_formed_xml(&g.text);
        insta::assert_snapshot!(format!("{name}.graphml"), g.text);
        insta::assert_snapshot!(
            format!("{name}.dot"),
            dot::export(&map, &DotOptions::default()).text
        );
        insta::assert_snapshot!(
            format!("{name}.mmd"),
            mermaid::export(&map, &MermaidOptions::default()).text
        );
        insta::assert_snapshot!(
            format!("{name}.aif.json"),
            aif::export(&map, &AifExportOptions::default()).text
        );
    }
}

#[test]
fn hostile_labels_export_safely_everywhere() {
    let map = hostile();
    // GraphML: well-formed, and the script tag only ever appears escaped.
    let g = graphml::export(&map, &GraphmlOptions::default()).text;
    well_formed_xml(&g);
    assert!(!g.contains("<script>"));
    assert!(g.contains("&lt;script&gt;"));
    // DOT: every quote inside a label is escaped, so quotes pair up on each line.
    let d = dot::export(&map, &DotOptions::default());
    for line in d.text.lines() {
        let unescaped = line
            .char_indices()
            .filter(|&(i, c)| c == '"' && !is_escaped(line, i))
            .count();
        assert_eq!(unescaped % 2, 0, "{line}");
    }
    assert!(d.losses.iter().any(|w| w.message.contains("labels cut")));
    // Mermaid: each node line holds exactly its two delimiting quotes, and no
    // label can open an arrow, a comment or a new statement.
    let m = mermaid::export(&map, &MermaidOptions::default()).text;
    for line in m
        .lines()
        .filter(|l| l.contains("[\"") || l.contains("((\""))
    {
        assert_eq!(line.matches('"').count(), 2, "{line}");
        let label = &line[line.find('"').unwrap() + 1..line.rfind('"').unwrap()];
        assert!(
            !label.contains("-->") && !label.contains("%%") && !label.contains('\n'),
            "{label}"
        );
        assert!(!label.contains('<') || label.contains("<br>"), "{label}");
    }
    assert!(m.lines().all(|l| l.chars().count() < 400), "labels are cut");
    // AIF: valid JSON, and the texts come back exactly.
    let a = aif::export(&map, &AifExportOptions::default()).text;
    let back = aif::import(&a, &AifImportOptions::default()).unwrap().map;
    for node in map.nodes().filter(|n| n.is_statement()) {
        assert_eq!(
            back.statement(&node.id).unwrap().text,
            node.as_statement().unwrap().text
        );
    }
}

fn is_escaped(line: &str, at: usize) -> bool {
    line[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Truncated or corrupted AIF and Kialo files give an error or warnings,
    /// never a panic, and whatever loads exports in every format.
    #[test]
    fn damaged_files_never_panic(cut in 0usize..4000, at in 0usize..4000, byte in 0u8..128) {
        for name in ["aif/nodeset.json", "aif/oddities.json", "aif/ova-string.json", "kialo/car-free.txt"] {
            let text = fixture(name);
            let mut bytes = text.into_bytes();
            let at = at % bytes.len();
            bytes[at] = byte;
            bytes.truncate(cut.min(bytes.len()));
            let damaged = String::from_utf8_lossy(&bytes).into_owned();
            let loaded = if name.starts_with("aif/") {
                aif::import(&damaged, &AifImportOptions::default())
            } else {
                kialo::import(&damaged, &KialoImportOptions::default())
            };
            if let Ok(loaded) = loaded {
                well_formed_or_tiny(&graphml::export(&loaded.map, &GraphmlOptions::default()).text);
                let _ = dot::export(&loaded.map, &DotOptions::default());
                let _ = mermaid::export(&loaded.map, &MermaidOptions::default());
                let a = aif::export(&loaded.map, &AifExportOptions::default());
                proptest::prop_assert!(aif::import(&a.text, &AifImportOptions::default()).is_ok());
            }
        }
    }
}

fn well_formed_or_tiny(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}"),
        }
    }
}

/// `argmap conformance tests/fixtures/conformance`: every GraphML, DOT,
/// SADFace and arggraph fixture imports with the hand-made counts of its
/// README row and survives its round trip.
#[test]
fn conformance_covers_the_graph_formats() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conformance");
    assert!(argmap::cli::conformance::run(&dir));
}
