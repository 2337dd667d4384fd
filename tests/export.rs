//! Diagram export: SVG is well-formed XML and renders; PNG of the bundled
//! maps matches committed reference images; PDF opens with its pages and
//! text; hostile labels export safely; the CLI writes all three formats.
//!
//! To regenerate the reference images after an intended visual change:
//! `UPDATE_REFERENCE=1 cargo test --test export`, then look at them.

mod pdf_pages;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;

use argmap::bundled::{self, BundledMap};
use argmap::model::{Basis, Evidence, Inference, InferenceKind, Map, Pos, Role, Statement};
use argmap::render::pdf::{self, PageSize};
use argmap::render::svg::{self, SvgOptions};
use argmap::render::{self, png};
use argmap::scene::{self, Figure, FigureOptions, TextMeasurer};
use quick_xml::Reader;
use quick_xml::events::Event;

fn load(b: BundledMap) -> Map {
    b.load().expect("bundled map loads").map
}

fn figure(map: &Map, m: &TextMeasurer, extras: bool) -> Figure {
    let options = FigureOptions {
        legend: extras,
        evidence_appendix: extras,
        ..FigureOptions::default()
    };
    scene::figure(map, m, &options)
}

/// Parses `svg` with quick-xml to the end; returns the element names seen.
fn xml_elements(svg: &str) -> Vec<String> {
    let mut reader = Reader::from_str(svg);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return names,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                names.push(e.name().as_ref().to_string());
                for attr in e.attributes() {
                    attr.expect("well-formed attribute");
                }
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.into_inner();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref()),
                    "unknown entity &{name};"
                );
            }
            Ok(_) => {}
            Err(e) => panic!(
                "SVG is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
}

#[test]
fn svg_is_well_formed_and_renders() {
    let m = TextMeasurer::new();
    for b in bundled::ALL {
        let map = load(b);
        let options = SvgOptions {
            legend: true,
            evidence_appendix: true,
            ..SvgOptions::default()
        };
        let svg = svg::export(&map, &m, None, &options).unwrap();
        let names = xml_elements(&svg);
        assert_eq!(names[0], "svg");
        assert!(svg.contains("@font-face"), "font embedded");
        let rects = names.iter().filter(|n| *n == "rect").count();
        assert!(rects > map.statement_count(), "{rects} rects");
        let tree = render::usvg_tree(&svg).unwrap();
        assert!(tree.root().has_children());
        let fig = figure(&map, &m, true);
        let pixmap = png::render_pixmap(&fig, &m, 0.25).unwrap();
        let bg = fig.scene.theme.background;
        let inked = pixmap
            .pixels()
            .iter()
            .filter(|p| [p.red(), p.green(), p.blue()] != [bg[0], bg[1], bg[2]])
            .count();
        assert!(
            inked > pixmap.pixels().len() / 50,
            "only {inked} pixels drawn"
        );
    }
}

#[test]
fn svg_text_as_paths_needs_no_font() {
    let m = TextMeasurer::new();
    let map = load(bundled::EXAMPLE);
    let options = SvgOptions {
        text_as_paths: true,
        ..SvgOptions::default()
    };
    let svg = svg::export(&map, &m, None, &options).unwrap();
    let names = xml_elements(&svg);
    assert!(!names.iter().any(|n| n == "text"), "text left as text");
    assert!(!svg.contains("@font-face"));
    assert!(names.iter().filter(|n| *n == "path").count() > 20);
}

/// Compares a render of `b` at `scale` with the committed reference image.
fn check_reference(b: BundledMap, name: &str, scale: f32) {
    let m = TextMeasurer::new();
    let fig = figure(&load(b), &m, false);
    let actual = png::render_pixmap(&fig, &m, scale).unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(name);
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        actual.save_png(&path).unwrap();
    }
    let expected = resvg::tiny_skia::Pixmap::load_png(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_REFERENCE=1 creates it)", path.display()));
    assert_eq!(
        (actual.width(), actual.height()),
        (expected.width(), expected.height()),
        "size"
    );
    let (mut total, mut far) = (0u64, 0usize);
    for (a, e) in actual.data().iter().zip(expected.data()) {
        let d = a.abs_diff(*e);
        total += d as u64;
        if d > 64 {
            far += 1;
        }
    }
    let mean = total as f64 / actual.data().len() as f64;
    assert!(mean < 1.5, "{name}: mean channel difference {mean:.3}");
    assert!(
        far * 200 < actual.data().len(),
        "{name}: {far} channels differ a lot"
    );
}

#[test]
fn png_of_example_map_matches_reference() {
    check_reference(bundled::EXAMPLE, "example-map.png", 0.5);
}

#[test]
fn png_of_speech_map_matches_reference() {
    check_reference(bundled::DEFAULT, "togo-map.png", 0.125);
}

#[test]
fn png_refuses_bad_scales() {
    let m = TextMeasurer::new();
    let fig = figure(&load(bundled::EXAMPLE), &m, false);
    assert!(png::render(&fig, &m, 0.0).is_err());
    assert!(png::render(&fig, &m, f32::NAN).is_err());
    assert!(matches!(
        png::render(&fig, &m, 1000.0),
        Err(render::ExportError::TooLarge { .. })
    ));
    let bytes = png::render(&fig, &m, 0.2).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn a_one_page_pdf_scales_the_map_onto_one_turned_page() {
    let m = TextMeasurer::new();
    let map = load(bundled::DEFAULT);
    let fig = figure(&map, &m, false);
    let options = pdf::PdfOptions {
        pages: PageSize::A3,
        orientation: pdf::Orientation::Landscape,
        one_page: true,
    };
    let bytes = pdf::render_with(&fig, &m, &options).unwrap();
    assert_eq!(pdf_pages::pages_in(&bytes), 1);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/MediaBox[0 0 1190.55 841.89]"),
        "A3 landscape"
    );
    let turned = pdf::PdfOptions {
        orientation: pdf::Orientation::Portrait,
        one_page: false,
        ..options
    };
    let split = pdf::render_with(&fig, &m, &turned).unwrap();
    assert!(String::from_utf8_lossy(&split).contains("/MediaBox[0 0 841.89 1190.55]"));
}

#[test]
fn pdf_opens_with_pages_and_text() {
    let m = TextMeasurer::new();
    let map = load(bundled::DEFAULT);
    let fig = figure(&map, &m, true);
    let one = pdf::render(&fig, &m, PageSize::Fit).unwrap();
    assert!(one.starts_with(b"%PDF-"));
    assert_eq!(pdf_pages::pages_in(&one), 1);
    let text = String::from_utf8_lossy(&one);
    assert!(
        text.contains("/ToUnicode"),
        "selectable text needs a ToUnicode map"
    );
    assert!(text.contains("Ubuntu"), "egui's font embedded");
    let (w, h) = (fig.bounds.width(), fig.bounds.height());
    let expected = pdf::page_count(w, h, PageSize::A4);
    assert!(expected > 1);
    let a4 = pdf::render(&fig, &m, PageSize::A4).unwrap();
    assert_eq!(pdf_pages::pages_in(&a4), expected);
    let letter = pdf::render(&fig, &m, PageSize::Letter).unwrap();
    assert_eq!(
        pdf_pages::pages_in(&letter),
        pdf::page_count(w, h, PageSize::Letter)
    );
    // With poppler installed, check the words come back out of the PDF.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.pdf");
    std::fs::write(&file, &one).unwrap();
    match Command::new("pdftotext").arg(&file).arg("-").output() {
        Ok(out) if out.status.success() => {
            let words = String::from_utf8_lossy(&out.stdout);
            assert!(
                words.contains("Japan"),
                "text not extractable: {words:.200}"
            );
        }
        _ => eprintln!("pdftotext not installed: text extraction not checked"),
    }
}

fn hostile_map() -> Map {
    let mut map = Map::new("<title>&\"'</title> ]]> map");
    let texts = [
        "<script>alert('x')</script>".to_owned(),
        "Fish & chips \"quoted\" 'single' <b>not bold</b> ]]>".to_owned(),
        "مرحبا بالعالم — שלום עולם — mixed RTL".to_owned(),
        "Emoji 🙂🎉👩‍👩‍👧 and a NUL \u{0} and ESC \u{1b} and \u{FFFF}".to_owned(),
        "long ".repeat(2000),
        "x".repeat(10_000),
    ];
    for (k, text) in texts.iter().enumerate() {
        let mut st = Statement::new(text.clone()).with_role(if k == 0 {
            Role::Thesis
        } else {
            Role::Premise
        });
        st.title = format!("<t{k}> & \"{k}\"");
        st.evidence.push(Evidence {
            id: format!("e{k}"),
            basis: Basis::Quote,
            text: text.clone(),
            speaker: "<speaker> & co".into(),
            url: "https://example.org/?a=1&b=<2>".into(),
            ..Evidence::default()
        });
        map.add_statement(
            &format!("s{k}"),
            st,
            Some(Pos::new(300.0 * k as f32, 400.0)),
            false,
        )
        .unwrap();
    }
    for k in 1..texts.len() {
        let kind = if k % 2 == 0 {
            InferenceKind::Conflict
        } else {
            InferenceKind::Support
        };
        map.add_inference(
            &format!("i{k}"),
            Inference::new(kind),
            &[&format!("s{k}")],
            "s0",
            None,
            false,
        )
        .unwrap();
    }
    map
}

#[test]
fn hostile_labels_export_safely() {
    let m = TextMeasurer::new();
    let map = hostile_map();
    for text_as_paths in [false, true] {
        let options = SvgOptions {
            text_as_paths,
            legend: true,
            evidence_appendix: true,
            ..SvgOptions::default()
        };
        let svg = svg::export(&map, &m, None, &options).unwrap();
        let names = xml_elements(&svg);
        assert!(
            !names.iter().any(|n| n == "script" || n == "b"),
            "markup injected: {names:?}"
        );
        assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}'));
        if !text_as_paths {
            assert!(svg.contains("&lt;script&gt;"));
            assert!(svg.contains("Fish &amp; chips"));
            assert!(svg.contains("שלום"));
        }
    }
    let fig = figure(&map, &m, true);
    // The 10,000-character statements are elided to a bounded box.
    for b in &fig.scene.boxes {
        assert!(
            b.rect.height() < 400.0,
            "{} is {} px tall",
            b.id,
            b.rect.height()
        );
    }
    let png = png::render(&fig, &m, 0.5).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let pdf = pdf::render(&fig, &m, PageSize::A4).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn selection_export_draws_only_the_selection() {
    let m = TextMeasurer::new();
    let map = load(bundled::EXAMPLE);
    let thesis = map
        .nodes_sorted()
        .into_iter()
        .find(|n| n.as_statement().is_some_and(|s| s.role == Role::Thesis))
        .unwrap()
        .id
        .clone();
    let only: HashSet<_> = [map.index_of(&thesis).unwrap()].into();
    let svg = svg::export(&map, &m, Some(only), &SvgOptions::default()).unwrap();
    let names = xml_elements(&svg);
    assert_eq!(names.iter().filter(|n| *n == "polyline").count(), 0);
    assert!(svg.contains(&format!("id=\"node-{thesis}\"")));
    assert_eq!(svg.matches("<g id=\"node-").count(), 1);
}

#[test]
fn cli_exports_every_format_and_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    let map = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("maps/example-car-free.argmap.json");
    for (name, magic) in [
        ("m.svg", &b"<?xml"[..]),
        ("m.png", &b"\x89PNG"[..]),
        ("m.PDF", &b"%PDF-"[..]),
    ] {
        let out = dir.path().join(name);
        let status = Command::new(env!("CARGO_BIN_EXE_argmap"))
            .args(["export"])
            .arg(&map)
            .arg(&out)
            .args([
                "--theme",
                "dark",
                "--scale",
                "0.5",
                "--legend",
                "--evidence",
            ])
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{name}");
    }
    let fail = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_argmap"))
            .arg("export")
            .arg(&map)
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let out = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    assert!(fail(&[&out("m.jpg")]).contains(".svg, .png, .pdf or .html"));
    assert!(fail(&[&out("m.svg"), "--select", "no-such-node"]).contains("no-such-node"));
    assert!(fail(&[&out("m.svg"), "--theme", "blue"]).contains("light or dark"));
    assert!(fail(&[&out("m.png"), "--scale", "0"]).contains("positive"));
}
