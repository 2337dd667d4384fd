//! Colour emoji in the diagram exports: a ZWJ family, a skin-tone
//! sequence and a flag draw as colour glyphs in PNG (resvg) and PDF
//! (krilla), not as `.notdef` boxes and not as nothing; the PDF's text
//! layer (`pdftotext`) gives each sequence back whole; the SVG holds each
//! sequence once.
//!
//! These need a colour emoji font (Debian: `fonts-noto-color-emoji`, which
//! CI installs). Without one each test prints that it skipped the drawing
//! checks and checks instead that the export names Emoji as not covered.

mod cli_run;
use cli_run::argmap;

use std::process::Command;

use argmap::model::{Map, Statement};
use argmap::ops::{Command as Edit, apply};
use argmap::scene::{FigureOptions, TextMeasurer};

/// A ZWJ family, a thumbs-up with a medium skin tone, the flag of Japan,
/// and a ZWJ couple with a red heart (Noto draws the family in greys, so
/// the colour check needs a ZWJ sequence with colour too).
const SEQUENCES: [(&str, &str); 4] = [
    ("family", "👨\u{200D}👩\u{200D}👧"),
    ("skin tone", "👍🏽"),
    ("flag", "🇯🇵"),
    ("couple with heart", "👩\u{200D}❤\u{FE0F}\u{200D}👨"),
];

/// A colour emoji font is the emoji fallback (a one-colour font that
/// covers emoji, such as Symbola, would draw them in the text colour).
fn emoji_font_installed() -> bool {
    argmap::scene::fonts::fallbacks()
        .iter()
        .any(|f| f.colour && f.scripts.contains(&argmap::scene::fonts::EMOJI))
}

/// Some font covers emoji, in colour or not; without one the exports
/// must name Emoji as not covered.
fn any_emoji_font() -> bool {
    argmap::scene::fonts::fallbacks()
        .iter()
        .any(|f| f.scripts.contains(&argmap::scene::fonts::EMOJI))
}

fn skip(what: &str) {
    eprintln!(
        "SKIPPED {what}: no colour emoji font installed (apt-get install fonts-noto-color-emoji)"
    );
}

fn one_statement(text: &str) -> Map {
    let mut map = Map::new("emoji");
    apply(
        &mut map,
        Edit::AddStatement {
            id: Some("s1".into()),
            statement: Statement::new(text.to_owned()),
            pos: None,
        },
    )
    .unwrap();
    map
}

/// What the PNG rendering (scale 2) of `map` holds.
struct Drawn {
    /// Pixels whose colour is far from grey. The light theme draws boxes,
    /// lines and text in greys and pale tints, and a `.notdef` box is
    /// drawn in the text colour.
    colourful: usize,
    /// Pixels that differ clearly from the statement box's fill.
    inked: usize,
    /// Bitmap glyphs among the drawn text (a colour emoji font's glyphs
    /// are PNG images; a `.notdef` box is an outline).
    bitmap_glyphs: usize,
}

fn draw(map: &Map, measurer: &TextMeasurer) -> Drawn {
    let figure = argmap::scene::figure(map, measurer, &FigureOptions::default());
    let fill = figure.scene.boxes[0].fill;
    let pixmap = argmap::render::png::render_pixmap(&figure, measurer, 2.0).unwrap();
    let (mut colourful, mut inked) = (0, 0);
    for p in pixmap.pixels() {
        let c = p.demultiply();
        let (r, g, b) = (c.red() as i32, c.green() as i32, c.blue() as i32);
        if r.max(g).max(b) - r.min(g).min(b) > 60 {
            colourful += 1;
        }
        let distance =
            (r - fill[0] as i32).abs() + (g - fill[1] as i32).abs() + (b - fill[2] as i32).abs();
        if distance > 60 {
            inked += 1;
        }
    }
    let svg = argmap::render::svg::render(&figure, measurer, false);
    let tree = argmap::render::usvg_tree(&svg).unwrap();
    Drawn {
        colourful,
        inked,
        bitmap_glyphs: bitmap_glyphs(tree.root(), false),
    }
}

/// Image nodes inside text nodes' drawn glyphs under `group`.
fn bitmap_glyphs(group: &usvg::Group, in_text: bool) -> usize {
    group
        .children()
        .iter()
        .map(|node| match node {
            usvg::Node::Group(g) => bitmap_glyphs(g, in_text),
            usvg::Node::Text(t) => bitmap_glyphs(t.flattened(), true),
            usvg::Node::Image(_) => usize::from(in_text),
            usvg::Node::Path(_) => 0,
        })
        .sum()
}

#[test]
fn emoji_sequences_draw_in_colour_in_png() {
    let measurer = TextMeasurer::new();
    if !emoji_font_installed() {
        let found = measurer.uncovered(SEQUENCES.iter().map(|(_, s)| *s));
        assert!(
            any_emoji_font() || found.iter().any(|u| u.script == "Emoji"),
            "without an emoji font the export must name Emoji: {found:?}"
        );
        skip("PNG colour check");
        return;
    }
    let control = draw(&one_statement("Look: x and more."), &measurer);
    assert_eq!(control.bitmap_glyphs, 0);
    for (name, seq) in SEQUENCES {
        let map = one_statement(&format!("Look: {seq} and more."));
        assert!(measurer.uncovered([seq]).is_empty(), "{name} covered");
        let drawn = draw(&map, &measurer);
        eprintln!(
            "{name}: {} colourful px, {} inked px, {} bitmap glyphs (without it: {}, {})",
            drawn.colourful, drawn.inked, drawn.bitmap_glyphs, control.colourful, control.inked
        );
        // The whole sequence is one glyph of the colour font: not one per
        // person or letter, and not a `.notdef` box (an outline).
        assert_eq!(drawn.bitmap_glyphs, 1, "{name}: one colour glyph");
        // It is drawn, not empty: a 13 px emoji at scale 2 covers about
        // 26×26 px, far more than the "x" it replaces (a flag is mostly
        // white, close to the box's pale fill, so colour counts too).
        assert!(
            drawn.inked + drawn.colourful >= control.inked + control.colourful + 150,
            "{name}: drawn"
        );
        // And in colour, but for the family, which Noto Color Emoji draws
        // in greys.
        if name != "family" {
            assert!(
                drawn.colourful >= control.colourful + 60,
                "{name}: in colour"
            );
        }
    }
    // All of them on wrapped lines, as a file to look at.
    let text = format!(
        "Family {} thumbs {} flag {} couple {} and 😀 in a sentence that wraps over lines.",
        SEQUENCES[0].1, SEQUENCES[1].1, SEQUENCES[2].1, SEQUENCES[3].1
    );
    let map = one_statement(&text);
    assert_eq!(draw(&map, &measurer).bitmap_glyphs, 5, "one glyph each");
    let figure = argmap::scene::figure(&map, &measurer, &FigureOptions::default());
    let png = argmap::render::png::render(&figure, &measurer, 3.0).unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("emoji-check.png");
    std::fs::write(&path, png).unwrap();
    eprintln!("wrote {} to look at", path.display());
}

/// The PDF keeps each sequence whole in its text layer and draws it in
/// colour (checked by rasterising the page with poppler's `pdftoppm`);
/// the SVG holds each sequence once.
#[test]
fn emoji_sequences_stay_whole_in_pdf_text_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "Family {} thumbs {} flag {} couple {} end.",
        SEQUENCES[0].1, SEQUENCES[1].1, SEQUENCES[2].1, SEQUENCES[3].1
    );
    let map_path = dir.path().join("emoji.argmap.json");
    argmap::io::native::save_file(&one_statement(&text), &map_path).unwrap();
    let map = map_path.to_str().unwrap();
    let pdf = dir.path().join("emoji.pdf");
    let svg = dir.path().join("emoji.svg");
    let out = argmap(&["export", map, pdf.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let warnings = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        argmap(&["export", map, svg.to_str().unwrap()])
            .status
            .success()
    );
    let svg = std::fs::read_to_string(&svg).unwrap();
    for (name, seq) in SEQUENCES {
        assert_eq!(svg.matches(seq).count(), 1, "{name} once in the SVG");
    }
    if !emoji_font_installed() {
        assert!(any_emoji_font() || warnings.contains("Emoji"), "{warnings}");
        skip("PDF checks");
        return;
    }
    assert!(!warnings.contains("no installed font"), "{warnings}");
    match Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(out) if out.status.success() => {
            let layer = String::from_utf8_lossy(&out.stdout).into_owned();
            for (name, seq) in SEQUENCES {
                assert!(layer.contains(seq), "{name} whole in: {layer:?}");
            }
        }
        _ => eprintln!("SKIPPED PDF text layer: pdftotext not installed (poppler-utils)"),
    }
    let ppm = dir.path().join("page");
    match Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-singlefile"])
        .arg(&pdf)
        .arg(&ppm)
        .output()
    {
        Ok(out) if out.status.success() => {
            let page = resvg::tiny_skia::Pixmap::load_png(dir.path().join("page.png")).unwrap();
            let coloured = page
                .pixels()
                .iter()
                .filter(|p| {
                    let c = p.demultiply();
                    let (r, g, b) = (c.red() as i32, c.green() as i32, c.blue() as i32);
                    r.max(g).max(b) - r.min(g).min(b) > 60
                })
                .count();
            assert!(
                coloured > 300,
                "{coloured} colourful pixels in the PDF page"
            );
        }
        _ => eprintln!("SKIPPED PDF drawing: pdftoppm not installed (poppler-utils)"),
    }
}
