//! Structured fuzzing of every importer (issue 18, part 5), bounded so
//! that `cargo test` runs it: arbitrary bytes, and mutations (flips,
//! insertions of format punctuation, deletions, cuts, repeats) of seed
//! files written for the tests. An importer must never panic, and must
//! answer with a map (and its warnings) or an error that says something.
//!
//! `PROPTEST_CASES=N cargo test --release --test fuzz_importers` runs N
//! cases per property instead of the default below.

use std::path::Path;

use argmap::io::formats::{self, Format};
use proptest::prelude::*;

/// Cases per property when `PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 200;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap_or_default()
}

/// Seed files per format (the project's own fixtures and bundled maps).
fn seeds(format: Format) -> Vec<Vec<u8>> {
    let files: &[&str] = match format {
        Format::Native => &[
            "maps/example-car-free.argmap.json",
            "tests/fixtures/good/anchored.argmap.json",
        ],
        Format::Argdown => &[
            "tests/fixtures/argdown/school-uniforms.argdown",
            "tests/fixtures/argdown/multistep.argdown",
            "tests/fixtures/argdown/data-blocks.argdown",
            "maps/togo-japan-russia.argdown",
        ],
        Format::Aif => &[
            "tests/fixtures/aif/nodeset.json",
            "tests/fixtures/aif/ova-string.json",
            "tests/fixtures/aif/oddities.json",
            "tests/fixtures/sadface/bike-lanes.json",
        ],
        Format::Kialo => &[
            "tests/fixtures/kialo/car-free.txt",
            "tests/fixtures/kialo/new-layout.txt",
            "tests/fixtures/kialo/escapes-links.txt",
        ],
        _ => &[],
    };
    let mut out: Vec<Vec<u8>> = files.iter().map(|f| read(f)).collect();
    if format == Format::Graphml {
        out.push(read("tests/fixtures/graphml/yed-map.graphml"));
        let map = argmap::bundled::EXAMPLE.load().expect("bundled").map;
        out.push(
            formats::export(Format::Graphml, &map)
                .unwrap()
                .text
                .into_bytes(),
        );
    }
    if format == Format::Arggraph {
        out.push(read("tests/fixtures/arggraph/micro-ferry.xml"));
    }
    if format == Format::Dot {
        let map = argmap::bundled::EXAMPLE.load().expect("bundled").map;
        out.push(
            formats::export(Format::Dot, &map)
                .unwrap()
                .text
                .into_bytes(),
        );
        out.push(
            b"digraph g { node [shape=box]; a [label=<<b>x</b>>]; a -> b [color=red]; subgraph cluster_1 { label=\"G\"; c } }"
                .to_vec(),
        );
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Characters that matter to the formats, inserted by mutations.
const PUNCT: &[u8] = b"{}[]<>()\"'\\:;,=+-#*/_\n\r\t ->\x00\xff";

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Cut(usize),
    Repeat(usize, usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop::collection::vec(prop::sample::select(PUNCT.to_vec()), 1..8)
        )
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 1usize..32, 1u8..40).prop_map(|(i, n, k)| Mutation::Repeat(i, n, k)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(i, b) => {
                if let Some(x) = bytes.get_mut(i % len) {
                    *x ^= b;
                }
            }
            Mutation::Insert(i, v) => {
                let at = (i % len).min(bytes.len());
                bytes.splice(at..at, v.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let at = (i % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Cut(i) => bytes.truncate(i % len),
            Mutation::Repeat(i, n, k) => {
                let at = (i % len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                for _ in 0..*k {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
    bytes
}

/// Imports `bytes` as `format`: must not panic; an error must say what.
fn check(format: Format, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    match formats::import_allowing_empty(format, &text, Some(Path::new("fuzz.input")), None) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                assert!(!w.message.trim().is_empty(), "{format}: empty warning");
            }
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(
                shown.contains("fuzz.input"),
                "{format}: unlocated error {shown}"
            );
            assert!(shown.len() > "fuzz.input".len() + 2, "{format}: {shown}");
        }
    }
}

const IMPORTERS: [Format; 7] = [
    Format::Native,
    Format::Argdown,
    Format::Aif,
    Format::Kialo,
    Format::Dot,
    Format::Graphml,
    Format::Arggraph,
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for f in IMPORTERS {
            check(f, &bytes);
        }
    }

    #[test]
    fn mutated_seeds_never_panic(
        which in any::<usize>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        for f in IMPORTERS {
            let seeds = seeds(f);
            prop_assume!(!seeds.is_empty());
            let seed = seeds[which % seeds.len()].clone();
            check(f, &apply(seed, &mutations));
        }
    }
}

/// A SADFace file given as `.json` is read as SADFace, and says so.
#[test]
fn sadface_json_is_detected_and_reported() {
    let text = String::from_utf8(read("tests/fixtures/sadface/bike-lanes.json")).unwrap();
    let loaded = formats::import(Format::Aif, &text, Some(Path::new("bike.json")), None).unwrap();
    assert_eq!(loaded.map.statement_count(), 3);
    assert_eq!(loaded.map.inference_count(), 2);
    assert!(loaded.warnings[0].message.contains("SADFace"));
}

/// Inputs found worth keeping: deep nesting and unclosed constructs.
#[test]
fn hostile_shapes_never_panic() {
    let deep = |open: &str, close: &str, n: usize| format!("{}{}", open.repeat(n), close.repeat(n));
    let cases = [
        format!("[A]: x\n{{\n{}\n}}\n", deep("[", "]", 5000)),
        format!("[A]: x {}\n", deep("{a: ", "}", 5000)),
        format!("digraph {{ {} }}", deep("subgraph {", "}", 5000)),
        format!("digraph {{ a [label={}] }}", deep("<", ">", 5000)),
        deep("[", "]", 100_000),
        deep("{\"a\":", "}", 100_000),
        format!("<graphml><graph>{}</graph></graphml>", deep("<node id=\"g\"><graph>", "</graph></node>", 3000)),
        "<?xml version=\"1.0\"?><!DOCTYPE g [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><graphml><graph><node id=\"x\"><data key=\"l\">&d;&d;&d;&d;</data></node></graph></graphml>".to_owned(),
        "digraph { a -> b -> c -> d [label=\"\\".to_owned(),
        "(1) a\n{\n  x: [\n".to_owned(),
    ];
    for case in &cases {
        for f in IMPORTERS {
            check(f, case.as_bytes());
        }
    }
}
