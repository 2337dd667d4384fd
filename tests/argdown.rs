//! Argdown and Markdown interchange on fixtures written for these tests:
//! import of every construct, export snapshots, round trips through
//! Argdown, hostile labels, and the `convert` command of the real binary.

mod cli_run;

use std::path::{Path, PathBuf};

use argmap::io::argdown::{self, ArgdownExportOptions, ArgdownImportOptions};
use argmap::io::markdown::{self, MarkdownOptions};
use argmap::io::native;
use argmap::model::{InferenceKind, Map, NodeIx};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/argdown")
        .join(name)
}

fn car_free() -> Map {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/example-car-free.argmap.json");
    native::load_file(&path).expect("bundled map loads").map
}

fn uniforms() -> argmap::io::Loaded {
    argdown::import_file(&fixture("school-uniforms.argdown"))
        .expect("imports")
        .0
}

fn hostile() -> Map {
    native::load_file(&fixture("hostile.argmap.json"))
        .expect("fixture loads")
        .map
}

fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn label(map: &Map, ix: NodeIx) -> String {
    let n = &map.graph()[ix];
    match (n.as_statement(), n.as_inference()) {
        (Some(s), _) => norm(&s.text),
        (_, Some(i)) => format!(
            "<{}> into {}",
            i.kind.as_str(),
            label(map, map.target_of(ix).unwrap())
        ),
        _ => unreachable!(),
    }
}

/// Statement texts, and every inference as (kind, premise texts, target).
/// An inference as (kind, premise labels, target label).
type Edge = (InferenceKind, Vec<String>, String);

fn structure(map: &Map) -> (Vec<String>, Vec<Edge>) {
    let mut texts: Vec<String> = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .map(|s| norm(&s.text))
        .collect();
    texts.sort();
    let mut infs: Vec<_> = map
        .nodes()
        .filter_map(|n| {
            let i = n.as_inference()?;
            let ix = map.index_of(&n.id)?;
            let mut premises: Vec<String> = map
                .premises_of(ix)
                .into_iter()
                .map(|p| label(map, p))
                .collect();
            premises.sort();
            Some((i.kind, premises, label(map, map.target_of(ix)?)))
        })
        .collect();
    infs.sort();
    // Argdown merges repeated relations (the exporter reports it).
    infs.dedup();
    (texts, infs)
}

fn reimport(text: &str) -> Map {
    argdown::import(text, &ArgdownImportOptions::default())
        .expect("imports")
        .map
}

#[test]
fn fixture_imports_every_construct() {
    let loaded = uniforms();
    let map = &loaded.map;
    assert_eq!(map.meta().title, "School uniforms (test fixture)");
    assert_eq!(map.meta().authors, vec!["Argmap tests".to_owned()]);
    let (_, report) = argdown::import_file(&fixture("school-uniforms.argdown")).unwrap();
    assert_eq!(report.arguments, 3, "Focus, Anecdote, Cost argument");
    assert_eq!(report.statements, 13);
    let messages: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("school-uniforms.argdown:5:1") && m.contains("'theme'")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains(":39:3") && m.contains("undercut aimed at a statement")),
        "{messages:?}"
    );
    let thesis = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .find(|s| s.title == "Uniforms")
        .unwrap();
    assert_eq!(thesis.role, argmap::model::Role::Thesis);
    assert_eq!(thesis.tags, vec!["policy", "group:Main question"]);
    let escaped = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .find(|s| s.text.starts_with("Escaped"))
        .unwrap();
    assert_eq!(
        escaped.text,
        "Escaped [brackets] and a #hash stay text; @[Uniforms] is a mention."
    );
}

#[test]
fn argdown_round_trip_keeps_the_structure() {
    let first = uniforms().map;
    let out = argdown::export(&first, &ArgdownExportOptions::default());
    assert!(out.losses.is_empty(), "{:?}", out.losses);
    let second = reimport(&out.text);
    assert_eq!(structure(&first), structure(&second), "{}", out.text);
    // And once more: the export is stable.
    let again = argdown::export(&second, &ArgdownExportOptions::default());
    assert_eq!(out.text, again.text);
}

#[test]
fn native_to_argdown_to_native_keeps_the_argument_layer() {
    for map in [car_free(), argmap::synth::argument_map(300, 11)] {
        let out = argdown::export(&map, &ArgdownExportOptions::default());
        let back = reimport(&out.text);
        let (a, b) = (structure(&map), structure(&back));
        assert!(a == b, "{}", out.text);
        if back.inference_count() < map.inference_count() {
            assert!(
                out.losses.iter().any(|l| l.message.contains("repeated")),
                "{:?}",
                out.losses
            );
        }
        // Through native and back, too.
        let text = native::to_string(&back, &native::SaveOptions::default());
        let again = native::from_str(&text, &native::LoadOptions::default())
            .unwrap()
            .map;
        assert_eq!(structure(&again), structure(&map));
    }
}

#[test]
fn car_free_export_reports_what_argdown_cannot_hold() {
    let out = argdown::export(&car_free(), &ArgdownExportOptions::default());
    let losses: Vec<&str> = out.losses.iter().map(|l| l.message.as_str()).collect();
    assert!(
        losses.iter().any(|l| l.contains("evidence items")),
        "{losses:?}"
    );
    assert!(losses.iter().any(|l| l.contains("positions")), "{losses:?}");
    assert!(losses.iter().any(|l| l.contains("sources")), "{losses:?}");
}

#[test]
fn argdown_snapshots() {
    let opts = ArgdownExportOptions::default();
    insta::assert_snapshot!(
        "argdown_uniforms",
        argdown::export(&uniforms().map, &opts).text
    );
    insta::assert_snapshot!("argdown_car_free", argdown::export(&car_free(), &opts).text);
    insta::assert_snapshot!("argdown_hostile", argdown::export(&hostile(), &opts).text);
}

#[test]
fn markdown_snapshots() {
    let opts = MarkdownOptions::default();
    insta::assert_snapshot!(
        "markdown_uniforms",
        markdown::export(&uniforms().map, &opts).text
    );
    insta::assert_snapshot!(
        "markdown_car_free",
        markdown::export(&car_free(), &opts).text
    );
    insta::assert_snapshot!("markdown_hostile", markdown::export(&hostile(), &opts).text);
}

#[test]
fn hostile_labels_export_safely() {
    let map = hostile();
    let out = argdown::export(&map, &ArgdownExportOptions::default());
    // Nothing user-written escapes its line or opens a comment.
    assert!(
        !out.text.contains("<script>") && !out.text.contains("<!--"),
        "{}",
        out.text
    );
    let back = reimport(&out.text);
    let (texts, infs) = structure(&back);
    assert_eq!(texts, structure(&map).0);
    assert_eq!(infs, structure(&map).1);
    assert_eq!(back.meta().title, map.meta().title);
    let title = back
        .nodes()
        .filter_map(|n| n.as_statement())
        .find(|s| s.role == argmap::model::Role::Thesis)
        .unwrap();
    assert_eq!(title.title, "Title ] with [brackets] & <angle>");
    assert_eq!(title.tags, vec!["a tag)", "#hash"]);
    assert!(out.losses.iter().any(|l| l.message.contains("line breaks")));

    let md = markdown::export(&map, &MarkdownOptions::default()).text;
    assert!(
        !md.contains("<script>") && !md.contains("-->") && !md.contains("<!--"),
        "{md}"
    );
    for line in md.lines() {
        let body = line.trim_start();
        assert!(
            !body.starts_with("- second") && !body.starts_with("==="),
            "{line}"
        );
    }
}

#[test]
fn convert_command_writes_reports_and_fails_strictly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uniforms.argmap.json");
    let input = fixture("school-uniforms.argdown");
    let run = cli_run::argmap(&["convert", input.to_str().unwrap(), out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("import warning:") && stderr.contains("'theme'"),
        "{stderr}"
    );
    assert!(native::load_file(&out).is_ok());

    // --strict fails on the same losses, and the output is still written.
    let strict_out = dir.path().join("strict.argmap.json");
    let run = cli_run::argmap(&[
        "convert",
        input.to_str().unwrap(),
        strict_out.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(run.status.code(), Some(1));

    // A lossless conversion passes --strict: native → Argdown of an
    // Argdown-born map.
    let ad = dir.path().join("back.ad");
    let run = cli_run::argmap(&[
        "convert",
        out.to_str().unwrap(),
        ad.to_str().unwrap(),
        "--strict",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let md = dir.path().join("handout.txt");
    let run = cli_run::argmap(&[
        "convert",
        out.to_str().unwrap(),
        md.to_str().unwrap(),
        "--to",
        "markdown",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("# School uniforms")
    );

    // Unknown extension, formats of the other branch, missing input.
    let run = cli_run::argmap(&["convert", input.to_str().unwrap(), "x.pdf"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--to"));
    let run = cli_run::argmap(&["convert", "nope.argdown", "x.md"]);
    assert_eq!(run.status.code(), Some(1));
    let run = cli_run::argmap(&[
        "convert",
        input.to_str().unwrap(),
        dir.path().join("x.txt").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("can only be read"));
}

/// The Argdown part of the conformance run over `../shared/corpus`
/// (not part of the project; run with `cargo test -- --ignored`).
#[test]
#[ignore = "needs ../shared/corpus"]
fn conformance_corpus_argdown() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let dir = if dir.exists() {
        dir
    } else {
        PathBuf::from("/work/shared/corpus")
    };
    assert!(argmap::cli::conformance::run(&dir));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Any text made of Argdown's punctuation, words and line breaks imports
    /// without a panic, and its export imports again.
    #[test]
    fn any_argdown_like_text_imports(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "[", "]", "<", ">", ":", "+", "-", "_", "><", "+>", "<-", "(1)", "(2)", "----", "--",
                "#", "#(", ")", "{", "}", "a: b", "[x, y]", "//", "/*", "*/", "<!--", "-->", "\\",
                "@[", "@<", "===", "\n", "\n\n", "  ", "    ", "word", "Title", "é", "\r\n", "\t",
                "* ", "1. ", "@include(x)",
            ]),
            0..80,
        )
    ) {
        let text: String = parts.concat();
        let loaded = argdown::import(&text, &ArgdownImportOptions::default()).expect("always imports");
        let out = argdown::export(&loaded.map, &ArgdownExportOptions::default());
        let again = argdown::import(&out.text, &ArgdownImportOptions::default()).expect("always imports");
        proptest::prop_assert_eq!(again.map.statement_count() >= loaded.map.statement_count() / 2, true);
        let _ = markdown::export(&loaded.map, &MarkdownOptions::default());
    }

    /// Arbitrary text never panics the importer.
    #[test]
    fn arbitrary_text_imports(text in "\\PC{0,300}") {
        let loaded = argdown::import(&text, &ArgdownImportOptions::default()).expect("always imports");
        let _ = argdown::export(&loaded.map, &ArgdownExportOptions::default());
    }
}
