//! `argmap eval` on maps and frameworks: the JSON shape, labels for every
//! statement, the semantics named, located errors for bad files.

mod cli_run;
use cli_run::argmap;

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = argmap(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn speech_map_gets_a_label_for_every_statement() {
    let doc = json(&["eval", "maps/togo-japan-russia.argmap.json", "--json"]);
    assert_eq!(doc["semantics"], "grounded");
    assert_eq!(doc["input"], "map");
    assert_eq!(doc["kind"], "labels");
    let nodes = doc["nodes"].as_array().expect("nodes");
    let statements: Vec<&Value> = nodes.iter().filter(|n| n["type"] == "statement").collect();
    let text = std::fs::read_to_string("maps/togo-japan-russia.argmap.json").expect("map");
    let file: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(
        statements.len(),
        file["statements"].as_array().expect("statements").len()
    );
    for s in statements {
        assert!(
            ["IN", "OUT", "UNDEC"].contains(&s["label"].as_str().expect("label")),
            "{s}"
        );
    }
}

#[test]
fn every_semantics_runs_on_the_speech_map() {
    for sem in [
        "grounded",
        "complete",
        "preferred",
        "stable",
        "semi-stable",
        "ideal",
        "df-quad",
        "quadratic-energy",
        "h-categorizer",
    ] {
        let doc = json(&[
            "eval",
            "maps/togo-japan-russia.argmap.json",
            "--semantics",
            sem,
            "--json",
        ]);
        assert_eq!(doc["semantics"], sem);
        for n in doc["nodes"].as_array().expect("nodes") {
            if doc["kind"] == "strengths" {
                let v = n["strength"].as_f64().expect("strength");
                assert!((0.0..=1.0).contains(&v), "{sem}: {n}");
            } else {
                assert!(n["label"].is_string(), "{sem}: {n}");
            }
        }
    }
}

#[test]
fn frameworks_in_three_formats() {
    let doc = json(&[
        "eval",
        "tests/fixtures/eval/semi-stable.af",
        "--semantics",
        "preferred",
        "--json",
    ]);
    assert_eq!(doc["input"], "framework");
    assert_eq!(doc["extensions"], serde_json::json!([["1"], ["2", "4"]]));
    let doc = json(&[
        "eval",
        "tests/fixtures/eval/semi-stable.af",
        "--semantics",
        "semi-stable",
        "--json",
    ]);
    assert_eq!(doc["extensions"], serde_json::json!([["2", "4"]]));
    let doc = json(&["eval", "tests/fixtures/eval/chain.apx", "--json"]);
    assert_eq!(doc["extensions"], serde_json::json!([["a", "c"]]));
    let doc = json(&[
        "eval",
        "tests/fixtures/eval/odd-cycle.tgf",
        "--semantics",
        "stable",
        "--json",
    ]);
    assert_eq!(doc["extension_count"], 0);
    let doc = json(&[
        "eval",
        "tests/fixtures/eval/odd-cycle.tgf",
        "--semantics",
        "h-categorizer",
        "--json",
    ]);
    for n in doc["nodes"].as_array().expect("nodes") {
        assert!((n["strength"].as_f64().expect("strength") - 0.618034).abs() < 1e-6);
    }
}

#[test]
fn bad_framework_is_refused_with_line_and_column() {
    let out = argmap(&["eval", "tests/fixtures/eval/out-of-range.af"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("out-of-range.af:3:3: argument 4 is outside 1..=3"),
        "{err}"
    );
    let out = argmap(&[
        "eval",
        "maps/togo-japan-russia.argmap.json",
        "--semantics",
        "nope",
    ]);
    assert!(!out.status.success());
}

#[test]
fn explain_prints_a_chain_and_markdown_marks_labels() {
    let out = argmap(&[
        "eval",
        "maps/togo-japan-russia.argmap.json",
        "--explain",
        "thesis",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[thesis]"), "{text}");
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("out.md");
    let out = argmap(&[
        "convert",
        "maps/togo-japan-russia.argmap.json",
        md.to_str().expect("utf-8 path"),
        "--eval",
        "grounded",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md).expect("written");
    assert!(
        text.contains(r"**\[IN\]**") || text.contains(r"**\[OUT\]**"),
        "{text}"
    );
}

#[test]
fn export_eval_draws_the_overlay_into_svg_png_and_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("eval.svg");
    let out = argmap(&[
        "export",
        "maps/togo-japan-russia.argmap.json",
        svg.to_str().unwrap(),
        "--eval",
        "grounded",
        "--legend",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("<g id=\"evaluation\" data-semantics=\"grounded\">"));
    // Every statement but the analyst's notes (remarks, not claims) gets a
    // mark; the thesis's says IN, as `argmap eval` does.
    let doc = json(&["eval", "maps/togo-japan-russia.argmap.json", "--json"]);
    let nodes = doc["nodes"].as_array().expect("nodes");
    let statements = nodes.iter().filter(|n| n["type"] == "statement").count();
    let file = std::fs::read_to_string("maps/togo-japan-russia.argmap.json").expect("map");
    let map: serde_json::Value = serde_json::from_str(&file).expect("map JSON");
    let notes = map["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .filter(|s| s["role"] == "note")
        .count();
    assert!(notes > 0);
    assert_eq!(text.matches("<g data-node=").count(), statements - notes);
    let thesis = text
        .split("<g data-node=\"thesis\">")
        .nth(1)
        .expect("the thesis has a mark");
    let thesis = &thesis[..thesis.find("</g>").unwrap()];
    assert!(thesis.contains(">IN</text>"), "{thesis}");
    assert!(text.contains("IN: accepted under grounded semantics"));
    // Without --eval there is no overlay.
    let plain = dir.path().join("plain.svg");
    let out = argmap(&[
        "export",
        "maps/togo-japan-russia.argmap.json",
        plain.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(
        !std::fs::read_to_string(&plain)
            .unwrap()
            .contains("id=\"evaluation\"")
    );
    // Gradual semantics draw bars, into PNG and PDF too.
    for name in ["eval.png", "eval.pdf"] {
        let path = dir.path().join(name);
        let out = argmap(&[
            "export",
            "maps/togo-japan-russia.argmap.json",
            path.to_str().unwrap(),
            "--eval",
            "df-quad",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(std::fs::metadata(&path).expect("written").len() > 10_000);
    }
    let bars = dir.path().join("bars.svg");
    let out = argmap(&[
        "export",
        "maps/togo-japan-russia.argmap.json",
        bars.to_str().unwrap(),
        "--eval",
        "df-quad",
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&bars).unwrap();
    assert!(text.contains("data-semantics=\"df-quad\""));
    assert!(
        !text.contains(">IN</text>"),
        "gradual semantics give no labels"
    );
}

#[test]
fn export_eval_refuses_unknown_semantics_and_tours() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("x.svg");
    let out = argmap(&[
        "export",
        "maps/togo-japan-russia.argmap.json",
        out_path.to_str().unwrap(),
        "--eval",
        "majority",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown semantics 'majority'"), "{err}");
    assert!(!out_path.exists());
    let pdf = dir.path().join("x.pdf");
    let out = argmap(&[
        "export",
        "maps/togo-japan-russia.argmap.json",
        pdf.to_str().unwrap(),
        "--eval",
        "grounded",
        "--tour",
        "Seminar",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--eval and --tour"));
}
