//! Every script renders in the diagram exports: Japanese, Russian, Hebrew
//! and Arabic statements (fixture `tests/fixtures/argdown/scripts.argdown`)
//! come back whole from the PDF's text layer (`pdftotext`), in logical
//! order, first character included; the SVG holds each text once, in
//! logical order. Without a font for a script the export says which.
//! CI installs the Noto fonts, so there the first branch runs.

mod cli_run;
use cli_run::argmap;

use std::process::Command;

const WORDS: [&str; 6] = [
    "橋の建設は地域経済を活性化させる。",
    "Курильские",
    "שלום",
    "עולם",
    "مرحبا",
    "بالعالم",
];

fn has_font_for(script: &str) -> bool {
    argmap::scene::fonts::fallbacks()
        .iter()
        .any(|f| f.scripts.iter().any(|s| s.starts_with(script)))
}

#[test]
fn japanese_russian_hebrew_and_arabic_come_back_from_pdf_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("scripts.argmap.json");
    let out = argmap(&[
        "convert",
        "tests/fixtures/argdown/scripts.argdown",
        map.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("scripts.pdf");
    let out = argmap(&["export", map.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let warnings = String::from_utf8_lossy(&out.stderr).into_owned();
    let svg = dir.path().join("scripts.svg");
    assert!(
        argmap(&["export", map.to_str().unwrap(), svg.to_str().unwrap()])
            .status
            .success()
    );
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(svg.matches("שלום עולם").count(), 1, "once, logical order");
    assert!(!svg.contains("םלוע"), "no reversed copy");
    assert_eq!(svg.matches("مرحبا بالعالم").count(), 1);
    if !(has_font_for("Japanese") && has_font_for("Hebrew") && has_font_for("Arabic")) {
        // No font for some script here: the export must say so.
        assert!(warnings.contains("no installed font covers"), "{warnings}");
        eprintln!("fonts for Japanese, Hebrew or Arabic missing: PDF text not checked");
        return;
    }
    assert!(!warnings.contains("no installed font"), "{warnings}");
    match Command::new("pdftotext").arg(&pdf).arg("-").output() {
        Ok(out) if out.status.success() => {
            // Lines may wrap inside a word, and pdftotext marks
            // right-to-left runs with embedding controls: compare without both.
            let text: String = String::from_utf8_lossy(&out.stdout)
                .chars()
                .filter(|c| !c.is_whitespace() && !('\u{202A}'..='\u{202E}').contains(c))
                .collect();
            for word in WORDS {
                assert!(text.contains(word), "{word} missing from: {text}");
            }
        }
        _ => eprintln!("pdftotext not installed: PDF text layer not checked"),
    }
}

#[test]
fn without_fallback_fonts_the_measurer_names_the_missing_scripts() {
    let m = argmap::scene::TextMeasurer::with_definitions(egui::FontDefinitions::default());
    let found = m.uncovered(WORDS);
    let names: Vec<&str> = found.iter().map(|u| u.script.as_str()).collect();
    assert_eq!(
        names,
        vec!["Arabic", "Hebrew", "Japanese and Chinese (Han, kana)"]
    );
    assert!(found[2].sample.starts_with('橋'), "first character kept");
}

/// Emoji sequences (a ZWJ couple and family, a skin tone, a flag) come
/// back whole from the SVG's text, however the box wraps them: a wrapped
/// line takes its characters from the text, not from the glyphs.
#[test]
fn emoji_sequences_stay_whole_in_the_svg() {
    use argmap::model::{Map, Statement};
    use argmap::ops::{Command as Edit, apply};
    let sequences = [
        "👩\u{200D}❤\u{FE0F}\u{200D}💋\u{200D}👨",
        "👨\u{200D}👩\u{200D}👧",
        "👍🏽",
        "🇯🇵",
    ];
    let mut map = Map::new("emoji");
    let text = format!(
        "Kiss {} then family {} with thumbs {} under the flag {} in one long sentence that wraps.",
        sequences[0], sequences[1], sequences[2], sequences[3]
    );
    apply(
        &mut map,
        Edit::AddStatement {
            id: Some("s1".into()),
            statement: Statement::new(text),
            pos: None,
        },
    )
    .unwrap();
    let m = argmap::scene::TextMeasurer::new();
    let svg = argmap::render::svg::export(&map, &m, None, &Default::default()).unwrap();
    for s in sequences {
        assert_eq!(svg.matches(s).count(), 1, "{s} whole, once");
    }
}
