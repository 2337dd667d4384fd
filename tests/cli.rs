//! The real binary's subcommands: exit codes, output and the JSON shape.

mod cli_run;
use cli_run::argmap;

use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn bundled_maps() -> Vec<PathBuf> {
    let mut maps: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("maps"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".argmap.json"))
            .collect();
    maps.sort();
    maps
}

#[test]
fn check_passes_on_every_bundled_map() {
    let maps = bundled_maps();
    assert!(!maps.is_empty());
    for map in maps {
        let out = argmap(&["check", map.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = stdout(&out);
        assert!(text.starts_with("ok: "), "{text}");
        assert!(text.contains("evidence anchors verified"), "{text}");
    }
}

#[test]
fn check_fails_when_any_file_is_bad() {
    let out = argmap(&[
        "check",
        "maps/example-car-free.argmap.json",
        "tests/fixtures/bad/dangling-edge.argmap.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("ok: maps/example-car-free.argmap.json"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tests/fixtures/bad/dangling-edge.argmap.json:"),
        "{err}"
    );
}

#[test]
fn check_reports_a_quote_that_does_not_match() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/anchored.argmap.json"),
    )
    .unwrap();
    let bad = text.replace("\"exact\": \"Tea is good.\"", "\"exact\": \"Tea is great\"");
    assert_ne!(bad, text);
    let path = dir.path().join("m.argmap.json");
    std::fs::write(&path, bad).unwrap();
    let out = argmap(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not the quoted \"Tea is great\""), "{err}");
}

#[test]
fn stats_json_has_the_documented_shape() {
    let out = argmap(&["stats", "maps/example-car-free.argmap.json", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "edges",
            "evidence",
            "inferences",
            "sources",
            "statements",
            "tags",
            "title"
        ]
    );
    // Ten statements and one expert-opinion argument of two premises.
    assert_eq!(v["statements"], 12);
    assert_eq!(v["inferences"]["support"], 2);
    assert_eq!(v["inferences"]["conflict"], 4);
    assert_eq!(v["inferences"]["undercuts"], 1);
    assert_eq!(v["inferences"]["rephrase"], 1);
    assert_eq!(v["inferences"]["total"], 7);
    assert_eq!(v["evidence"]["quote"], 3);
    assert_eq!(v["evidence"]["statistic"], 1);
    assert_eq!(v["evidence"]["publication"], 1);
    assert_eq!(v["evidence"]["anchored"], 4);
    assert_eq!(v["evidence"]["total"], 5);
    assert_eq!(v["sources"], 1);
    assert_eq!(v["tags"], 4);
    assert_eq!(v["edges"], 17);
    for key in ["support", "conflict", "rephrase", "undercuts", "total"] {
        assert!(v["inferences"][key].is_u64(), "{key}");
    }
    for key in [
        "quote",
        "statistic",
        "publication",
        "expert_opinion",
        "web_page",
        "personal_observation",
        "common_knowledge",
        "anchored",
        "total",
    ] {
        assert!(v["evidence"][key].is_u64(), "{key}");
    }
}

#[test]
fn stats_text_and_bad_file() {
    let out = argmap(&["stats", "maps/example-car-free.argmap.json"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("statements:  12"));
    let out = argmap(&["stats", "tests/fixtures/bad/truncated.argmap.json"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn fmt_rewrites_to_canonical_form_and_check_mode_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.argmap.json");
    // Canonical content, then scrambled: compact and out of order.
    let canonical = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/anchored.argmap.json"),
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(&canonical).unwrap();
    std::fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();
    let p = path.to_str().unwrap();
    let out = argmap(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not canonical"));
    let out = argmap(&["fmt", p]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), canonical);
    // Already canonical: nothing to do, and --check passes.
    let out = argmap(&["fmt", "--check", p]);
    assert!(out.status.success(), "{}", stdout(&out));
    // A bad file is an error and is left alone.
    let bad = dir.path().join("bad.argmap.json");
    std::fs::write(&bad, "{").unwrap();
    let out = argmap(&["fmt", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "{");
}

#[test]
fn bundled_maps_are_canonical() {
    for map in bundled_maps() {
        let out = argmap(&["fmt", "--check", map.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{} is not canonical; run `argmap fmt` on it",
            map.display()
        );
    }
}

/// A JSON graph format Argmap does not read (node-link), taken for
/// AIF by its extension, yields no statement: refused with the file named,
/// not written as an empty map; `--allow-empty` accepts it. A well-formed
/// empty AIF document is an empty map with a warning.
#[test]
fn an_import_that_yields_nothing_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("other.json");
    std::fs::write(
        &input,
        // A node-link graph (as networkx writes it): neither AIF nor SADFace.
        r#"{"directed": true, "nodes": [{"id": "a", "label": "A claim"}], "links": []}"#,
    )
    .unwrap();
    let output = dir.path().join("out.argmap.json");
    let out = argmap(&[
        "convert",
        input.to_str().unwrap(),
        output.to_str().unwrap(),
        "--from",
        "aif",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("other.json"), "{err}");
    assert!(err.contains("yields no statement"), "{err}");
    assert!(!output.exists(), "nothing written");
    let out = argmap(&[
        "convert",
        input.to_str().unwrap(),
        output.to_str().unwrap(),
        "--from",
        "aif",
        "--allow-empty",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(output.exists());
    for (name, text) in [
        ("empty.json", r#"{"nodes": [], "edges": []}"#),
        ("ova.json", r#"{"AIF": "{}", "text": "a dialogue"}"#),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, text).unwrap();
        let target = dir.path().join(format!("{name}.argmap.json"));
        let out = argmap(&[
            "convert",
            input.to_str().unwrap(),
            target.to_str().unwrap(),
            "--from",
            "aif",
        ]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no nodes"),
            "{name}: the empty map is said"
        );
    }
}
