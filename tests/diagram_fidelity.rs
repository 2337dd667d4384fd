//! Nothing is lost without a word in the diagram formats: a titled
//! statement's label carries its title and its text (DOT, Mermaid); an
//! inference's title (an Argdown argument's name) is drawn in DOT, Mermaid,
//! SVG, PNG and PDF; a backslash followed by `n` stays two characters in
//! Mermaid; control characters a format cannot hold are reported, naming
//! the statements. Fixtures are built here (after the public reports in
//! ../shared/cases/interchange, cases 03, 11 and 12).

use std::process::Command as Process;

use argmap::io::dot::{self, DotOptions};
use argmap::io::graphml::{self, GraphmlOptions};
use argmap::io::mermaid::{self, MermaidOptions};
use argmap::model::{Inference, InferenceKind, Map, Statement};
use argmap::ops::{Command, apply};
use argmap::scene::{FigureOptions, TextMeasurer, figure};

fn map() -> Map {
    let mut m = Map::new("fidelity");
    let statements = [
        (
            "waters",
            "Shared waters",
            "The river is shared by both countries.",
        ),
        ("claim", "", "A joint commission should manage the river."),
        ("path", "", "Files live under C:\\notes\\new and \\N stays."),
        ("ff", "", "form\u{c}feed"),
        ("esc", "", "escape\u{1b}here"),
        ("etx", "", "end\u{3}of text"),
    ];
    for (id, title, text) in statements {
        let statement = Statement {
            title: title.into(),
            ..Statement::new(text)
        };
        apply(
            &mut m,
            Command::AddStatement {
                id: Some(id.into()),
                statement,
                pos: None,
            },
        )
        .unwrap();
    }
    apply(
        &mut m,
        Command::Connect {
            id: Some("arg".into()),
            inference: Inference {
                title: "Licences".into(),
                ..Inference::new(InferenceKind::Support)
            },
            premises: vec!["waters".into()],
            target: "claim".into(),
        },
    )
    .unwrap();
    m
}

const CONTROLLED: &str = "3 nodes (esc, etx, ff)";

#[test]
fn dot_labels_carry_title_text_and_the_argument_title() {
    let out = dot::export(&map(), &DotOptions::default());
    assert!(
        out.text
            .contains("label=\"Shared waters\\nThe river is shared by both countries.\""),
        "{}",
        out.text
    );
    assert!(out.text.contains("xlabel=\"Licences\""));
    assert!(out.text.contains("C:\\\\notes\\\\new and \\\\N stays."));
    let warned: Vec<&str> = out.losses.iter().map(|w| w.message.as_str()).collect();
    assert!(
        warned
            .iter()
            .any(|w| w.contains("control characters: replaced by spaces in")
                && w.contains(CONTROLLED)),
        "{warned:?}"
    );
    // Graphviz draws the argument's title (when installed).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.dot");
    std::fs::write(&file, &out.text).unwrap();
    match Process::new("dot").arg("-Tsvg").arg(&file).output() {
        Ok(o) if o.status.success() => {
            let svg = String::from_utf8_lossy(&o.stdout);
            assert!(
                svg.contains(">Licences<"),
                "Graphviz did not draw the title"
            );
            assert!(svg.contains(">Shared waters<"));
        }
        _ => eprintln!("Graphviz not installed: DOT not rendered"),
    }
}

#[test]
fn mermaid_labels_carry_titles_and_keep_backslash_n() {
    let out = mermaid::export(&map(), &MermaidOptions::default());
    assert!(
        out.text
            .contains("[\"Shared waters<br>The river is shared by both countries.\"]"),
        "{}",
        out.text
    );
    assert!(out.text.contains("([\"+ Licences\"])"), "{}", out.text);
    assert!(
        out.text.contains("C:#92;notes#92;new"),
        "no line break from \\n"
    );
    assert!(!out.text.contains("\\n"), "{}", out.text);
    assert!(out.losses.iter().any(
        |w| w.message.contains("Mermaid cannot hold control characters")
            && w.message.contains(CONTROLLED)
    ));
}

#[test]
fn graphml_reports_the_characters_xml_cannot_hold() {
    let out = graphml::export(&map(), &GraphmlOptions::default());
    assert!(
        out.losses.iter().any(|w| w.message
            == format!(
                "GraphML cannot hold control characters: replaced by U+FFFD in {CONTROLLED}"
            )),
        "{:?}",
        out.losses
    );
    assert!(!out.text.contains('\u{1b}'));
}

#[test]
fn the_scene_and_svg_draw_the_argument_title_beside_its_connector() {
    let m = map();
    let measurer = TextMeasurer::new();
    let fig = figure(&m, &measurer, &FigureOptions::default());
    let c = fig.scene.connectors.iter().find(|c| c.id == "arg").unwrap();
    let title = c
        .title
        .as_ref()
        .expect("a titled inference has a title line");
    assert_eq!(title.text, "Licences");
    assert!(title.pos.x > c.center.x + c.radius, "right of the circle");
    let svg = argmap::render::svg::render(&fig, &measurer, false);
    assert!(svg.contains(">Licences</text>"));
}

#[test]
fn diagram_export_warns_about_dropped_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.argmap.json");
    argmap::io::native::save_file(&map(), &file).unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_argmap"))
        .arg("export")
        .arg(&file)
        .arg(dir.path().join("m.png"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SVG cannot hold control characters: dropped in 3 nodes (esc, etx, ff)"),
        "{err}"
    );
}

/// Case 05's kind: titles that make poor ids (hyphenated, digit-first,
/// umlauts and spaces, and the DOT and Mermaid words `o`, `x`, `end`,
/// `graph`, `subgraph`, `node`) stay whole in both diagram formats, no edge
/// gets a circle or cross end, Graphviz renders the DOT, and the argument
/// that points nowhere gets a stand-in conclusion that is tagged implicit
/// and reported by the import.
#[test]
fn title_derived_ids_stay_whole_and_the_stand_in_is_said() {
    let text = std::fs::read_to_string("tests/fixtures/argdown/title-ids.argdown").unwrap();
    let loaded = argmap::io::argdown::import(&text, &Default::default()).unwrap();
    let map = &loaded.map;
    let said: Vec<&str> = loaded
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("stand-in") && m.contains("<Harbour-fees-are-too-high>"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", loaded.warnings);
    let stand_ins: Vec<_> = map
        .nodes()
        .filter_map(|n| n.as_statement())
        .filter(|s| {
            s.tags
                .iter()
                .any(|t| t == argmap::io::argdown::IMPLICIT_TAG)
        })
        .collect();
    assert_eq!(stand_ins.len(), 1, "one stand-in, marked implicit");
    let titles = [
        "Harbour-fees-are-too-high",
        "3rd-party audit",
        "Gebühren über Durchschnitt",
    ];
    let statement_titles = ["o", "x", "end", "graph", "subgraph", "node"];
    let dot_text = dot::export(map, &DotOptions::default()).text;
    let mmd = mermaid::export(map, &MermaidOptions::default()).text;
    for t in titles {
        assert!(dot_text.contains(&format!("xlabel=\"{t}\"")), "DOT: {t}");
        assert!(mmd.contains(t), "Mermaid: {t}");
    }
    for t in statement_titles {
        assert!(dot_text.contains(&format!("label=\"{t}\\n")), "DOT: {t}");
        assert!(mmd.contains(&format!("[\"{t}<br>")), "Mermaid: {t}");
    }
    // Mermaid reads `A --o B` and `A --x B` as circle and cross ends.
    for line in mmd.lines() {
        assert!(!line.contains("--o") && !line.contains("--x"), "{line}");
    }
    assert!(!dot_text.contains("arrowhead=odot") && !dot_text.contains("arrowhead=tee"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ids.dot");
    std::fs::write(&file, &dot_text).unwrap();
    match Process::new("dot").arg("-Tsvg").arg(&file).output() {
        Ok(o) if o.status.success() => {
            // Graphviz writes hyphens as character references.
            let svg = String::from_utf8_lossy(&o.stdout).replace("&#45;", "-");
            for t in titles {
                assert!(svg.contains(&format!(">{t}<")), "Graphviz drew {t} whole");
            }
        }
        Ok(o) => panic!(
            "Graphviz refused the DOT: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => eprintln!("Graphviz not installed: DOT not rendered"),
    }
}
