//! Visual order for one wrapped line of mixed-direction text, as the
//! canvas's stopgap until egui orders bidirectional text itself (egui issue
//! #1016).
//!
//! egui 0.37 cuts a line into runs by font (every grapheme goes to the
//! first font that has it), shapes each run with harfrust, which turns a
//! run of Hebrew or Arabic letters into visual order, and places the runs
//! left to right in the order they come. So a Hebrew word keeps its
//! letters right, but the words of a Hebrew sentence (spaces come from
//! the Latin font), and Latin words or numbers inside it, stand in logical
//! order: the sentence reads backwards.
//!
//! [`for_shaper`] reorders a line by the Unicode Bidirectional Algorithm
//! (UAX #9, through the `unicode-bidi` crate) into visual order, grapheme
//! by grapheme, with brackets mirrored in right-to-left runs; then it puts
//! every stretch of right-to-left letters back into logical order, because
//! the shaper reverses those stretches itself (and needs them logical to
//! join Arabic letters). What the canvas then draws is the line in visual
//! order. The map, the scene and every export keep the logical text.

use std::borrow::Cow;

use unicode_bidi::BidiInfo;
use unicode_segmentation::UnicodeSegmentation as _;

/// Which right-to-left script family a character belongs to, if any:
/// each family comes from one fallback font, so the shaper gets it as one
/// run and reverses it as a whole.
fn rtl_family(c: char) -> Option<u8> {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(1),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some(2)
        }
        0x0700..=0x074F | 0x0860..=0x086F => Some(3),
        0x0780..=0x07BF => Some(4),
        0x07C0..=0x07FF => Some(5),
        0x0800..=0x085F => Some(6),
        0x10800..=0x10FFF | 0x1E800..=0x1EFFF => Some(7),
        _ => None,
    }
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko, Samaritan, Mandaic and their presentation forms).
pub fn is_rtl(c: char) -> bool {
    rtl_family(c).is_some()
}

/// The bracket that `g` shows as in a right-to-left run (UAX #9 rule L4,
/// for the paired brackets and quotes text usually holds).
fn mirrored(g: &str) -> &str {
    match g {
        "(" => ")",
        ")" => "(",
        "[" => "]",
        "]" => "[",
        "{" => "}",
        "}" => "{",
        "<" => ">",
        ">" => "<",
        "«" => "»",
        "»" => "«",
        "‹" => "›",
        "›" => "‹",
        other => other,
    }
}

/// `line` (one wrapped line, logical order) in the order to hand to
/// egui's painter so that it shows in visual order: see the module
/// comment. Lines without right-to-left characters come back unchanged
/// and unallocated. The result holds the same graphemes (brackets in
/// right-to-left runs mirrored).
pub fn for_shaper(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_rtl) {
        return Cow::Borrowed(line);
    }
    let info = BidiInfo::new(line, None);
    let mut visual: Vec<&str> = Vec::with_capacity(line.len());
    let mut end = 0;
    for para in &info.paragraphs {
        // Anything between paragraphs (their separators) stays in place.
        visual.extend(line[end..para.range.start].graphemes(true));
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                visual.extend(text.graphemes(true).rev().map(mirrored));
            } else {
                visual.extend(text.graphemes(true));
            }
        }
        end = para.range.end;
    }
    visual.extend(line[end..].graphemes(true));
    let family = |g: &str| g.chars().next().and_then(rtl_family);
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < visual.len() {
        let Some(f) = family(visual[i]) else {
            out.push_str(visual[i]);
            i += 1;
            continue;
        };
        let mut j = i;
        while j < visual.len() && family(visual[j]) == Some(f) {
            j += 1;
        }
        for g in visual[i..j].iter().rev() {
            out.push_str(g);
        }
        i = j;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the canvas shows: the shaper reverses each stretch of one
    /// right-to-left family (as harfrust does for such a run).
    fn shown(handed: &str) -> String {
        let gs: Vec<&str> = handed.graphemes(true).collect();
        let mut out = String::new();
        let mut i = 0;
        while i < gs.len() {
            let f = gs[i].chars().next().and_then(rtl_family);
            let mut j = i + 1;
            while f.is_some() && j < gs.len() && gs[j].chars().next().and_then(rtl_family) == f {
                j += 1;
            }
            if f.is_some() {
                gs[i..j].iter().rev().for_each(|g| out.push_str(g));
            } else {
                out.push_str(gs[i]);
            }
            i = j;
        }
        out
    }

    #[test]
    fn left_to_right_lines_are_untouched() {
        assert!(matches!(for_shaper("Plain text (1)"), Cow::Borrowed(_)));
        assert!(matches!(for_shaper("北方領土 — Курилы"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_hebrew_sentence_shows_its_words_right_to_left() {
        // "שלום עולם" (hello world): the first word stands at the right.
        let handed = for_shaper("שלום עולם");
        assert_eq!(handed, "עולם שלום", "words swap, letters stay logical");
        assert_eq!(shown(&handed), "םלוע םולש");
    }

    #[test]
    fn latin_and_numbers_inside_hebrew_keep_their_own_order() {
        // Logical: "הסכם 1956 with Japan" in a right-to-left paragraph.
        let shown_line = shown(&for_shaper("הסכם 1956 with Japan"));
        // Visually, from the left: the Latin words, the number, then the
        // Hebrew word at the right edge, its letters reversed.
        assert_eq!(shown_line, "with Japan 1956 םכסה");
    }

    #[test]
    fn hebrew_inside_a_latin_sentence_stays_in_place() {
        let shown_line = shown(&for_shaper("The word שלום means peace"));
        assert_eq!(shown_line, "The word םולש means peace");
    }

    #[test]
    fn brackets_in_right_to_left_runs_are_mirrored() {
        // "(שלום)" in a right-to-left paragraph shows as "(םולש)".
        assert_eq!(shown(&for_shaper("(שלום)")), "(םולש)");
    }

    #[test]
    fn arabic_with_marks_stays_logical_for_joining() {
        // Vowel marks stay on their letters and each word's letters stay
        // in logical order for the shaper, which joins and reverses them.
        let text = "مَرْحَبًا بِكُمْ";
        let handed = for_shaper(text);
        assert_eq!(handed, "بِكُمْ مَرْحَبًا");
        assert_eq!(handed.chars().count(), text.chars().count());
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let thumbs = "👍🏽";
        let text = format!("שלום {family} {thumbs}");
        let handed = for_shaper(&text);
        assert!(handed.contains(family), "{handed:?}");
        assert!(handed.contains(thumbs), "{handed:?}");
    }
}
