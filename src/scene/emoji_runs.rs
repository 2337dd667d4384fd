//! Where a line of text needs the colour emoji font: the runs of grapheme
//! clusters that egui draws with it, and where each run starts.
//!
//! egui gives a cluster the first font of the fallback chain that covers
//! its first character, and the emoji font comes last (see
//! [`super::fonts`]), so a cluster is an emoji one when no earlier font has
//! its first character and the whole chain does. The SVG writer puts such
//! runs in their own text chunks naming the emoji font (see
//! `render::svg_text` for why usvg needs that).

use std::sync::Arc;

use egui::epaint::text::{Fonts, LayoutJob, TextOptions};
use egui::{Color32, FontDefinitions, FontFamily, FontId};
use unicode_segmentation::UnicodeSegmentation;

/// A stretch of one line that one kind of font draws (see
/// [`super::TextMeasurer::emoji_runs`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Its bytes in the line.
    pub range: std::ops::Range<usize>,
    /// Drawn with the colour emoji font (every grapheme cluster of the run
    /// has a first character that no earlier font covers).
    pub emoji: bool,
    /// Distance from the start of the line to the start of the run, in px
    /// at the size asked for, as epaint places it.
    pub x: f32,
}

impl TextRun {
    /// All of `line` as one run of text fonts.
    pub fn whole(line: &str) -> TextRun {
        TextRun {
            range: 0..line.len(),
            emoji: false,
            x: 0.0,
        }
    }
}

/// The fonts that come before the colour emoji font.
pub(super) struct EmojiFonts {
    /// The definitions' fonts without the emoji font.
    before: Fonts,
}

impl EmojiFonts {
    /// The fonts of `definitions` without its emoji font, or `None` when
    /// it has none (see [`super::fonts::emoji_font_name`]).
    pub(super) fn new(definitions: &FontDefinitions) -> Option<EmojiFonts> {
        let name = super::fonts::emoji_font_name(definitions)?;
        let mut without = definitions.clone();
        for names in without.families.values_mut() {
            names.retain(|n| *n != name);
        }
        Some(EmojiFonts {
            before: Fonts::new(TextOptions::default(), without),
        })
    }

    /// `line` cut into emoji runs and other runs, with their x offsets at
    /// `size` px; `fonts` holds every font of the definitions.
    pub(super) fn runs(&mut self, fonts: &mut Fonts, line: &str, size: f32) -> Vec<TextRun> {
        let font = FontId::new(size, FontFamily::Proportional);
        let mut runs: Vec<TextRun> = Vec::new();
        for (start, cluster) in line.grapheme_indices(true) {
            let first = cluster.chars().next().unwrap_or(' ');
            let is_emoji = !first.is_ascii()
                && !self.before.has_glyph(&font, first)
                && fonts.has_glyph(&font, first);
            match runs.last_mut() {
                Some(run) if run.emoji == is_emoji => run.range.end = start + cluster.len(),
                _ => runs.push(TextRun {
                    range: start..start + cluster.len(),
                    emoji: is_emoji,
                    x: 0.0,
                }),
            }
        }
        if !runs.iter().any(|r| r.emoji) {
            return vec![TextRun::whole(line)];
        }
        // epaint keeps one glyph per char (see `measure::layout_lines`), so
        // a run's x is the x of its first char's glyph, which is where the
        // canvas draws it; else measure the text before it.
        let job = LayoutJob::simple_singleline(line.to_owned(), font, Color32::WHITE);
        let galley = fonts.layout_uncached(1.0, Arc::new(job));
        let glyphs: Vec<f32> = galley
            .rows
            .iter()
            .flat_map(|r| r.row.glyphs.iter().map(|g| g.pos.x))
            .collect();
        let per_char = glyphs.len() == line.chars().count();
        for run in &mut runs {
            let chars_before = line[..run.range.start].chars().count();
            run.x = match glyphs.get(chars_before) {
                Some(x) if per_char => *x,
                _ => super::measure::line_width(fonts, &line[..run.range.start], size),
            };
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use crate::scene::{BODY_SIZE, TextMeasurer};

    #[test]
    fn emoji_runs_cut_a_line_at_the_clusters_the_emoji_font_draws() {
        let m = TextMeasurer::new();
        let plain = m.emoji_runs("Trust grows, 北方領土.", BODY_SIZE);
        assert_eq!(plain.len(), 1, "{plain:?}");
        assert!(!plain[0].emoji);
        if crate::scene::fonts::emoji_font_name(m.font_definitions()).is_none() {
            eprintln!("SKIPPED: no colour emoji font installed (fonts-noto-color-emoji)");
            assert_eq!(m.emoji_runs("a 👍🏽 b", BODY_SIZE).len(), 1);
            return;
        }
        let line = "Family 👨\u{200D}👩\u{200D}👧🇯🇵 and 👍🏽.";
        let runs = m.emoji_runs(line, BODY_SIZE);
        let parts: Vec<(&str, bool)> = runs
            .iter()
            .map(|r| (&line[r.range.clone()], r.emoji))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("Family ", false),
                ("👨\u{200D}👩\u{200D}👧🇯🇵", true),
                (" and ", false),
                ("👍🏽", true),
                (".", false),
            ]
        );
        assert_eq!(runs[0].x, 0.0);
        assert!(runs.windows(2).all(|w| w[0].x < w[1].x), "{runs:?}");
        let before = m.width("Family ", BODY_SIZE);
        assert!(
            (runs[1].x - before).abs() < 1.0,
            "{} vs {before}",
            runs[1].x
        );
    }
}
