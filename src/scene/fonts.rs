//! Which fonts text is measured and drawn with: egui's bundled fonts first
//! (Ubuntu Light and egui's icon font), then system fonts that cover the
//! scripts those lack — Japanese and Chinese, Korean, Hebrew, Arabic, the
//! Indic scripts, Thai and others — and last a colour emoji font (Noto
//! Color Emoji on Debian and Ubuntu), found with `fontdb` in the usual font
//! folders (`/usr/share/fonts`, `~/.local/share/fonts`…, and the
//! platform's own on Windows and macOS). The emoji font is read at run
//! time, never bundled (Noto Color Emoji is 11 MB).
//!
//! The canvas (`egui::Context::set_fonts`), the [`super::TextMeasurer`]
//! and every export (through the measurer's fonts) use the same
//! [`FontDefinitions`], so text wraps and renders the same everywhere.
//! System fonts are looked up once per process, on first use. Where no
//! installed font covers a script, [`uncovered_scripts`] names it so the
//! app and the exporters can say so instead of drawing empty boxes.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use egui::epaint::text::{Fonts, TextOptions};
use egui::{FontData, FontDefinitions, FontFamily, FontId};
use usvg::fontdb;

/// A script egui's bundled fonts lack: its name, a character that picks a
/// font covering it, and its Unicode blocks.
struct Script {
    name: &'static str,
    sample: char,
    ranges: &'static [(u32, u32)],
    /// Family names tried first, in order (then any face covering `sample`).
    preferred: &'static [&'static str],
}

const SCRIPTS: &[Script] = &[
    Script {
        name: "Japanese and Chinese (Han, kana)",
        sample: '橋',
        ranges: &[
            (0x2E80, 0x2FDF),
            (0x3000, 0x30FF),
            (0x31F0, 0x31FF),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFFEF),
            (0x20000, 0x2FA1F),
        ],
        preferred: &[
            "Noto Sans CJK JP",
            "Noto Sans JP",
            "Source Han Sans JP",
            "IPAexGothic",
            "IPAGothic",
            "TakaoGothic",
            "VL Gothic",
            "Droid Sans Fallback",
            "Yu Gothic",
            "Meiryo",
            "MS Gothic",
            "Hiragino Sans",
            "Noto Sans CJK SC",
        ],
    },
    Script {
        name: "Korean (Hangul)",
        sample: '한',
        ranges: &[(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)],
        preferred: &[
            "Noto Sans CJK JP",
            "Noto Sans CJK KR",
            "Noto Sans KR",
            "Malgun Gothic",
        ],
    },
    Script {
        name: "Hebrew",
        sample: 'ש',
        ranges: &[(0x0590, 0x05FF), (0xFB1D, 0xFB4F)],
        preferred: &["Noto Sans Hebrew", "DejaVu Sans", "Arial", "Arial Hebrew"],
    },
    Script {
        name: "Arabic",
        sample: 'ب',
        ranges: &[
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0x08A0, 0x08FF),
            (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF),
        ],
        preferred: &[
            "Noto Sans Arabic",
            "Noto Naskh Arabic",
            "DejaVu Sans",
            "Arial",
        ],
    },
    Script {
        name: "Devanagari",
        sample: 'क',
        ranges: &[(0x0900, 0x097F)],
        preferred: &["Noto Sans Devanagari", "Mangal"],
    },
    Script {
        name: "Bengali",
        sample: 'ক',
        ranges: &[(0x0980, 0x09FF)],
        preferred: &["Noto Sans Bengali"],
    },
    Script {
        name: "Tamil",
        sample: 'த',
        ranges: &[(0x0B80, 0x0BFF)],
        preferred: &["Noto Sans Tamil"],
    },
    Script {
        name: "Thai",
        sample: 'ก',
        ranges: &[(0x0E00, 0x0E7F)],
        preferred: &["Noto Sans Thai", "Tahoma"],
    },
    Script {
        name: "Georgian",
        sample: 'ა',
        ranges: &[(0x10A0, 0x10FF)],
        preferred: &["Noto Sans Georgian", "DejaVu Sans"],
    },
    Script {
        name: "Armenian",
        sample: 'Ա',
        ranges: &[(0x0530, 0x058F)],
        preferred: &["Noto Sans Armenian", "DejaVu Sans"],
    },
    Script {
        name: "Ethiopic",
        sample: 'አ',
        ranges: &[(0x1200, 0x139F)],
        preferred: &["Noto Sans Ethiopic"],
    },
    // Last, so a colour emoji font is the last fallback: text fonts that
    // draw a symbol such as ☀ keep it, as egui resolves each cluster to the
    // first font covering its first character.
    Script {
        name: EMOJI,
        sample: '😀',
        ranges: &[(0x1F000, 0x1FAFF), (0x2600, 0x27BF)],
        preferred: &[
            "Noto Color Emoji",
            "Apple Color Emoji",
            "Segoe UI Emoji",
            "Twemoji",
            "Twitter Color Emoji",
            "JoyPixels",
            "EmojiOne Color",
        ],
    },
];

/// The name of the emoji "script" in [`Fallback::scripts`] and [`Uncovered::script`].
pub const EMOJI: &str = "Emoji";

/// Prefix of the names under which system fonts join the definitions.
pub const SYSTEM_PREFIX: &str = "system: ";

/// A system font chosen as a fallback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    /// Its family name, as the font declares it.
    pub family: String,
    /// The scripts it was chosen for.
    pub scripts: Vec<&'static str>,
    /// It has colour glyphs (a `CBDT`, `sbix`, `COLR` or `SVG ` table), as
    /// a colour emoji font has; a font that draws emoji in one colour
    /// (Symbola, say) has none.
    pub colour: bool,
}

/// The bundled fonts plus the system fallbacks, built once per process.
struct Chosen {
    definitions: FontDefinitions,
    fallbacks: Vec<Fallback>,
}

static CHOSEN: OnceLock<Chosen> = OnceLock::new();

/// egui's bundled fonts followed by the system fonts covering the scripts
/// they lack (looked up once per process; cheap clones after that).
pub fn definitions() -> FontDefinitions {
    chosen().definitions.clone()
}

/// The system fonts [`definitions`] added, in fallback order.
pub fn fallbacks() -> &'static [Fallback] {
    &chosen().fallbacks
}

/// The name under which `definitions` holds the colour emoji font chosen
/// as the last fallback ("system: Noto Color Emoji"), if one is installed.
/// Exporters give emoji sequences this font explicitly (see
/// `render::svg`), since usvg's own fallback drops sequences that a font
/// draws as one glyph (resvg issue #861).
pub fn emoji_font_name(definitions: &FontDefinitions) -> Option<String> {
    let names = definitions.families.get(&FontFamily::Proportional)?;
    let last = names.last()?;
    let emoji = fallbacks()
        .iter()
        .find(|f| f.colour && f.scripts.contains(&EMOJI))
        .map(|f| format!("{SYSTEM_PREFIX}{}", f.family))?;
    (*last == emoji).then_some(emoji)
}

fn chosen() -> &'static Chosen {
    CHOSEN.get_or_init(|| {
        if std::env::var_os("ARGMAP_NO_SYSTEM_FONTS").is_some() {
            return Chosen {
                definitions: FontDefinitions::default(),
                fallbacks: Vec::new(),
            };
        }
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        with_system_fallbacks(FontDefinitions::default(), &db)
    })
}

/// `base` with a face from `db` appended for each script `base` lacks and
/// `db` covers, each face once.
fn with_system_fallbacks(base: FontDefinitions, db: &fontdb::Database) -> Chosen {
    let mut definitions = base;
    let mut fallbacks: Vec<Fallback> = Vec::new();
    let mut bundled = Fonts::new(TextOptions::default(), definitions.clone());
    let mut added: Vec<(fontdb::ID, String)> = Vec::new();
    let faces = ranked_faces(db);
    for script in SCRIPTS {
        if bundled.has_glyph(&FontId::proportional(13.0), script.sample) {
            continue;
        }
        let Some(face) = pick_face(db, &faces, script) else {
            continue;
        };
        if let Some((_, family)) = added.iter().find(|(id, _)| *id == face.id) {
            if let Some(f) = fallbacks.iter_mut().find(|f| f.family == *family) {
                f.scripts.push(script.name);
            }
            continue;
        }
        let family = face
            .families
            .first()
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| face.post_script_name.clone());
        let Some(data) = db.with_face_data(face.id, |bytes, index| (bytes.to_vec(), index)) else {
            continue;
        };
        let colour = ttf_parser::Face::parse(&data.0, data.1).is_ok_and(|f| {
            let t = f.tables();
            t.cbdt.is_some() || t.sbix.is_some() || t.colr.is_some() || t.svg.is_some()
        });
        let name = format!("{SYSTEM_PREFIX}{family}");
        definitions.font_data.insert(
            name.clone(),
            Arc::new(FontData::from_blob(Arc::new(data.0), data.1)),
        );
        for fam in [FontFamily::Proportional, FontFamily::Monospace] {
            definitions
                .families
                .entry(fam)
                .or_default()
                .push(name.clone());
        }
        added.push((face.id, family.clone()));
        fallbacks.push(Fallback {
            family,
            scripts: vec![script.name],
            colour,
        });
    }
    Chosen {
        definitions,
        fallbacks,
    }
}

/// Every face of `db`, best first: upright, regular weight, "Sans" before
/// others, then by family name, so choices are the same on every run.
fn ranked_faces(db: &fontdb::Database) -> Vec<&fontdb::FaceInfo> {
    let family = |face: &fontdb::FaceInfo| {
        face.families
            .first()
            .map(|f| f.0.clone())
            .unwrap_or_default()
    };
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    faces.sort_by_cached_key(|face| {
        let name = family(face);
        (
            face.style != fontdb::Style::Normal,
            face.weight.0.abs_diff(400),
            !name.contains("Sans"),
            name.contains("Mono"),
            name,
            face.index,
        )
    });
    faces
}

/// The face for `script` among `faces` (ranked by [`ranked_faces`]): the
/// first preferred family that covers the sample character, else the
/// best-ranked face that does.
fn pick_face<'a>(
    db: &fontdb::Database,
    faces: &[&'a fontdb::FaceInfo],
    script: &Script,
) -> Option<&'a fontdb::FaceInfo> {
    let covers = |face: &fontdb::FaceInfo| {
        db.with_face_data(face.id, |bytes, index| {
            ttf_parser::Face::parse(bytes, index)
                .ok()
                .and_then(|f| f.glyph_index(script.sample))
                .is_some()
        })
        .unwrap_or(false)
    };
    for want in script.preferred {
        if let Some(face) = faces
            .iter()
            .copied()
            .find(|f| f.families.iter().any(|(n, _)| n == want) && covers(f))
        {
            return Some(face);
        }
    }
    faces.iter().copied().find(|f| covers(f))
}

/// A script some text uses that no font of the definitions covers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Uncovered {
    /// The script's name ("Hebrew"), or "U+XXXX" for a character outside
    /// the scripts Argmap knows.
    pub script: String,
    /// A few of the characters (at most 5), in order of appearance.
    pub sample: String,
}

/// The scripts of `texts` that `fonts` (a font set built from the
/// definitions in use) cannot draw, sorted. Control characters, spaces
/// and format characters (ZWJ, variation selectors, bidi marks) are
/// ignored: they draw nothing.
pub fn uncovered_scripts<'a>(
    fonts: &mut Fonts,
    texts: impl IntoIterator<Item = &'a str>,
) -> Vec<Uncovered> {
    let mut seen = BTreeSet::new();
    let mut found: Vec<Uncovered> = Vec::new();
    for text in texts {
        for c in text.chars() {
            if c.is_ascii() || c.is_whitespace() || c.is_control() || is_format(c) {
                continue;
            }
            if !seen.insert(c) || fonts.has_glyph(&FontId::proportional(13.0), c) {
                continue;
            }
            let script = script_of(c);
            match found.iter_mut().find(|u| u.script == script) {
                Some(u) if u.sample.chars().count() < 5 => u.sample.push(c),
                Some(_) => {}
                None => found.push(Uncovered {
                    script,
                    sample: c.to_string(),
                }),
            }
        }
    }
    found.sort();
    found
}

/// Zero-width and invisible formatting characters.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFE00..=0xFE0F
        | 0xFEFF | 0xE0100..=0xE01EF | 0x1F3FB..=0x1F3FF)
}

/// The name of the script `c` belongs to, or `U+XXXX`.
pub fn script_of(c: char) -> String {
    let u = c as u32;
    SCRIPTS
        .iter()
        .find(|s| s.ranges.iter().any(|&(a, b)| (a..=b).contains(&u)))
        .map(|s| s.name.to_owned())
        .unwrap_or_else(|| format!("U+{u:04X}"))
}

/// Every text of `map` the scene draws: statement titles and texts,
/// inference titles, evidence texts (the appendix) and the map's title.
pub fn map_texts(map: &crate::model::Map) -> impl Iterator<Item = &str> {
    std::iter::once(map.meta().title.as_str()).chain(map.nodes().flat_map(|n| {
        let (a, b, evidence): (&str, &str, &[crate::model::Evidence]) =
            match (n.as_statement(), n.as_inference()) {
                (Some(s), _) => (&s.title, &s.text, &s.evidence),
                (None, Some(i)) => (&i.title, "", &[]),
                (None, None) => ("", "", &[]),
            };
        [a, b]
            .into_iter()
            .chain(evidence.iter().map(|e| e.text.as_str()))
    }))
}

/// One line to show or print about `uncovered`: "no installed font covers
/// Hebrew (שלום), Arabic (سلام); they show as empty boxes".
pub fn describe(uncovered: &[Uncovered]) -> String {
    let parts: Vec<String> = uncovered
        .iter()
        .map(|u| format!("{} ({})", u.script, u.sample))
        .collect();
    format!(
        "no installed font covers {}; those characters show as empty boxes (install a font for them, for example the Noto fonts)",
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_fallbacks_japanese_and_hebrew_are_reported_by_script() {
        let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
        let found = uncovered_scripts(
            &mut fonts,
            [
                "平和条約の締結",
                "הסכם",
                "Всё мнимое",
                "Trust 🤝🏽 grows",
                "a\u{200D}b",
            ],
        );
        let scripts: Vec<&str> = found.iter().map(|u| u.script.as_str()).collect();
        // egui's bundled fonts draw neither; the newer emoji only some
        // platforms' emoji providers do, and the exporters cannot.
        assert_eq!(
            scripts,
            vec!["Emoji", "Hebrew", "Japanese and Chinese (Han, kana)"]
        );
        assert_eq!(found[2].sample, "平和条約の");
        let line = describe(&found);
        assert!(line.contains("Hebrew (הסכם)"), "{line}");
    }

    /// What the canvas draws: epaint rasterises the emoji font's glyphs
    /// into its texture atlas as colour bitmaps (its `color_fonts`
    /// feature); without that feature a CBDT font's empty outlines would
    /// leave nothing to draw.
    #[test]
    fn epaint_rasterises_emoji_sequences_in_colour_for_the_canvas() {
        let definitions = definitions();
        let colour = fallbacks()
            .iter()
            .any(|f| f.colour && f.scripts.contains(&EMOJI));
        if emoji_font_name(&definitions).is_none() || !colour {
            eprintln!("SKIPPED: no colour emoji font installed (fonts-noto-color-emoji)");
            return;
        }
        let colourful = |text: &str| {
            let mut fonts = Fonts::new(TextOptions::default(), definitions.clone());
            let job = egui::text::LayoutJob::simple_singleline(
                text.to_owned(),
                FontId::proportional(26.0),
                egui::Color32::WHITE,
            );
            let galley = fonts.layout_uncached(1.0, Arc::new(job));
            assert_eq!(galley.rows.len(), 1);
            fonts
                .image()
                .pixels
                .iter()
                .filter(|c| {
                    let (r, g, b) = (c.r() as i32, c.g() as i32, c.b() as i32);
                    r.max(g).max(b) - r.min(g).min(b) > 60
                })
                .count()
        };
        assert_eq!(colourful("Plain text"), 0);
        for emoji in ["👍🏽", "🇯🇵", "👩\u{200D}❤\u{FE0F}\u{200D}👨"] {
            let n = colourful(emoji);
            assert!(n > 100, "{emoji}: {n} colourful atlas pixels");
        }
    }

    #[test]
    fn a_system_font_covering_a_script_joins_after_the_bundled_ones() {
        // Only when the machine has such a font (CI installs the Noto fonts).
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let chosen = with_system_fallbacks(FontDefinitions::default(), &db);
        let names = &chosen.definitions.families[&FontFamily::Proportional];
        let bundled = FontDefinitions::default().families[&FontFamily::Proportional].clone();
        assert_eq!(
            names[..bundled.len()],
            bundled[..],
            "bundled fonts stay first"
        );
        for f in &chosen.fallbacks {
            assert!(names.contains(&format!("{SYSTEM_PREFIX}{}", f.family)));
        }
        let mut fonts = Fonts::new(TextOptions::default(), chosen.definitions.clone());
        for f in &chosen.fallbacks {
            for script in &f.scripts {
                let s = SCRIPTS.iter().find(|s| s.name == *script).unwrap();
                assert!(
                    fonts.has_glyph(&FontId::proportional(13.0), s.sample),
                    "{script}"
                );
            }
        }
    }
}
