//! Text measurement and wrapping with egui's own font engine (epaint) and
//! the same font bytes egui draws with (`egui::FontDefinitions::default()`),
//! headless. The canvas and every exporter draw the lines wrapped here, so
//! a map wraps the same on screen, in SVG, PNG and PDF.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use egui::epaint::text::{Fonts, LayoutJob, TextOptions};
use egui::{Color32, FontDefinitions, FontFamily, FontId};

use super::emoji_runs::{EmojiFonts, TextRun};
use crate::model::Statement;

/// Font size of a box's title, in px.
pub const TITLE_SIZE: f32 = 14.0;
/// Font size of a box's text, in px.
pub const BODY_SIZE: f32 = 13.0;
/// Space between a box's border and its text.
pub const PADDING: f32 = 10.0;
/// Space between the title and the text.
pub const TITLE_GAP: f32 = 4.0;
/// Width of a statement box unless [`super::SceneOptions::box_width`] says otherwise.
pub const DEFAULT_BOX_WIDTH: f32 = 240.0;
/// At most this many title lines are shown; the rest is elided with `…`.
pub const MAX_TITLE_LINES: usize = 3;
/// At most this many text lines are shown; the rest is elided with `…`, so
/// one enormous statement cannot swallow the map. The full text stays in
/// the model (and in the evidence appendix, for quotes).
pub const MAX_BODY_LINES: usize = 14;
/// Distance from the top of a line box to the baseline, as a fraction of
/// the font size, for egui's default proportional font (Ubuntu Light).
/// Checked against epaint's layout in this module's tests.
pub const ASCENT_RATIO: f32 = 0.932;

/// Cache entries kept before the cache is dropped and refilled.
const CACHE_LIMIT: usize = 200_000;

/// A text, its font size, and its wrapped lines (a prewarm result).
type Wrapped<'a> = (&'a str, f32, Arc<[String]>);

/// Wrapped lines of each text, for one (font size bits, width bits).
type LinesByText = HashMap<String, Arc<[String]>>;

struct Inner {
    fonts: Fonts,
    /// The fonts before the colour emoji font (the same definitions
    /// without it), and that font's name; filled on first use by
    /// [`TextMeasurer::emoji_runs`]. `Some(None)`: no emoji font here.
    emoji: Option<Option<EmojiFonts>>,
    /// Wrapped lines by (font size bits, width bits), then by text; two
    /// levels so a lookup borrows the text instead of copying it.
    cache: HashMap<(u32, u32), LinesByText>,
    entries: usize,
}

/// Measures and wraps text, caching every answer. Cheap to share between
/// threads (`Send + Sync`); calls are serialised by an internal lock.
pub struct TextMeasurer {
    inner: Mutex<Inner>,
    definitions: FontDefinitions,
}

impl Default for TextMeasurer {
    fn default() -> Self {
        TextMeasurer::new()
    }
}

impl std::fmt::Debug for TextMeasurer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextMeasurer").finish_non_exhaustive()
    }
}

/// The wrapped lines of one statement box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoxText {
    /// Title lines (empty when the statement has no title).
    pub title: Vec<String>,
    /// Text lines, at least one.
    pub body: Vec<String>,
}

impl TextMeasurer {
    /// A measurer over the fonts the app draws with: egui's bundled fonts
    /// plus the system fonts covering scripts they lack (see
    /// [`super::fonts::definitions`]).
    pub fn new() -> Self {
        TextMeasurer::with_definitions(super::fonts::definitions())
    }

    /// A measurer over exactly `definitions` (tests use egui's defaults
    /// alone, to check what happens without fallback fonts).
    pub fn with_definitions(definitions: FontDefinitions) -> Self {
        let fonts = Fonts::new(TextOptions::default(), definitions.clone());
        TextMeasurer {
            inner: Mutex::new(Inner {
                fonts,
                emoji: None,
                cache: HashMap::new(),
                entries: 0,
            }),
            definitions,
        }
    }

    /// The font definitions measured with: exporters embed these bytes.
    pub fn font_definitions(&self) -> &FontDefinitions {
        &self.definitions
    }

    /// Every font of egui's proportional family, in fallback order, with
    /// its bytes: exporters embed or load exactly these.
    pub fn proportional_fonts(&self) -> Vec<(String, &[u8])> {
        let names = self
            .definitions
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        names
            .into_iter()
            .filter_map(|name| {
                let data = self.definitions.font_data.get(&name)?;
                let bytes: &[u8] = (*data.font).as_ref();
                Some((name, bytes))
            })
            .collect()
    }

    /// The proportional fonts that drawing `texts` uses: the first font,
    /// plus each fallback font that some character is drawn from.
    pub fn fonts_used<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let all = self.proportional_fonts();
        let Some((primary, _)) = all.first() else {
            return Vec::new();
        };
        let mut used = std::collections::BTreeSet::new();
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut view = inner.fonts.with_pixels_per_point(1.0);
        let chars = view.characters(&FontFamily::Proportional);
        let mut seen = std::collections::HashSet::new();
        for text in texts {
            // Printable ASCII is in every primary font egui ships.
            for c in text.chars().filter(|c| !c.is_ascii() && seen.insert(*c)) {
                if let Some(first) = chars.get(&c).and_then(|fonts| fonts.first())
                    && first != primary
                {
                    used.insert(first.clone());
                }
            }
        }
        all.iter()
            .map(|(name, _)| name)
            .filter(|name| *name == primary || used.contains(*name))
            .cloned()
            .collect()
    }

    /// The scripts of `texts` that no font here can draw (see
    /// [`super::fonts::uncovered_scripts`]), sorted.
    pub fn uncovered<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a str>,
    ) -> Vec<super::fonts::Uncovered> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        super::fonts::uncovered_scripts(&mut inner.fonts, texts)
    }

    /// `line` cut into runs of grapheme clusters that the colour emoji
    /// font draws and runs that other fonts draw, with each run's x offset
    /// at `size` px (see [`super::emoji_runs`]). One run when the line has
    /// no such cluster or no emoji font is installed.
    pub fn emoji_runs(&self, line: &str, size: f32) -> Vec<TextRun> {
        if line.is_ascii() {
            return vec![TextRun::whole(line)];
        }
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let Inner { fonts, emoji, .. } = &mut *guard;
        match emoji
            .get_or_insert_with(|| EmojiFonts::new(&self.definitions))
            .as_mut()
        {
            Some(emoji) => emoji.runs(fonts, line, size),
            None => vec![TextRun::whole(line)],
        }
    }

    /// Height of one line of text at `size` px.
    pub fn line_height(size: f32) -> f32 {
        // Ubuntu Light: (ascent - descent + line gap) / units per em.
        (size * LINE_HEIGHT_RATIO).round()
    }

    /// `text` wrapped to `max_width` px at `size` px, one string per line
    /// (trailing spaces trimmed). Explicit newlines start new lines. Bold
    /// text is drawn emboldened with a thin outline (egui's default fonts
    /// have no bold face), which does not change widths, so `bold` does not
    /// change the wrapping.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, max_width: f32) -> Vec<String> {
        let _ = bold;
        self.wrap_shared(text, size, max_width).to_vec()
    }

    fn wrap_shared(&self, text: &str, size: f32, max_width: f32) -> Arc<[String]> {
        let key = (size.to_bits(), max_width.to_bits());
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(lines) = inner.cache.get(&key).and_then(|m| m.get(text)) {
            return lines.clone();
        }
        let lines = layout_lines(&mut inner.fonts, text, size, max_width);
        if inner.entries >= CACHE_LIMIT {
            inner.cache.clear();
            inner.entries = 0;
        }
        inner.entries += 1;
        inner
            .cache
            .entry(key)
            .or_default()
            .insert(text.to_owned(), lines.clone());
        lines
    }

    /// Wraps every statement's title and text for boxes of `box_width`
    /// ahead of [`TextMeasurer::box_text`], spreading what is not cached
    /// yet over the machine's cores (each thread with its own epaint
    /// `Fonts` over the same font bytes, so the results are identical).
    pub fn prewarm<'a>(&self, statements: impl IntoIterator<Item = &'a Statement>, box_width: f32) {
        let width = (box_width - 2.0 * PADDING).max(10.0);
        let mut jobs: Vec<(&str, f32)> = Vec::new();
        {
            let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            let cached = |text: &str, size: f32| {
                inner
                    .cache
                    .get(&(size.to_bits(), width.to_bits()))
                    .is_some_and(|m| m.contains_key(text))
            };
            for st in statements {
                if !st.title.trim().is_empty() && !cached(&st.title, TITLE_SIZE) {
                    jobs.push((&st.title, TITLE_SIZE));
                }
                if !cached(&st.text, BODY_SIZE) {
                    jobs.push((&st.text, BODY_SIZE));
                }
            }
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        if jobs.len() < 512 || threads < 2 {
            return;
        }
        let chunk = jobs.len().div_ceil(threads);
        let results: Vec<Vec<Wrapped>> = std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| {
                    let definitions = self.definitions.clone();
                    scope.spawn(move || {
                        let mut fonts = Fonts::new(TextOptions::default(), definitions);
                        part.iter()
                            .map(|&(text, size)| {
                                (text, size, layout_lines(&mut fonts, text, size, width))
                            })
                            .collect()
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for (text, size, lines) in results.into_iter().flatten() {
            inner.entries += 1;
            inner
                .cache
                .entry((size.to_bits(), width.to_bits()))
                .or_default()
                .insert(text.to_owned(), lines);
        }
    }

    /// Width of `text` on one line at `size` px.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let job = LayoutJob::simple_singleline(
            text.to_owned(),
            FontId::new(size, FontFamily::Proportional),
            Color32::WHITE,
        );
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.fonts.layout_uncached(1.0, Arc::new(job)).rect.width()
    }

    /// Distance from the top of a line to its baseline at `size` px, as
    /// epaint places it.
    pub fn ascent(&self, size: f32) -> f32 {
        let job = LayoutJob::simple_singleline(
            "H".to_owned(),
            FontId::new(size, FontFamily::Proportional),
            Color32::WHITE,
        );
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let galley = inner.fonts.layout_uncached(1.0, Arc::new(job));
        galley.rows[0].row.glyphs[0].pos.y
    }

    /// The lines of a statement's box at `box_width`: its title (if any)
    /// and its text, each wrapped and elided as the module constants say.
    pub fn box_text(&self, st: &Statement, box_width: f32) -> BoxText {
        let inner_width = (box_width - 2.0 * PADDING).max(10.0);
        let title = if st.title.trim().is_empty() {
            Vec::new()
        } else {
            self.elide(
                &self.wrap_shared(&st.title, TITLE_SIZE, inner_width),
                MAX_TITLE_LINES,
                TITLE_SIZE,
                inner_width,
            )
        };
        let mut body = self.elide(
            &self.wrap_shared(&st.text, BODY_SIZE, inner_width),
            MAX_BODY_LINES,
            BODY_SIZE,
            inner_width,
        );
        if body.is_empty() {
            body.push(String::new());
        }
        BoxText { title, body }
    }

    /// Height of a box holding `text`.
    pub fn box_height(text: &BoxText) -> f32 {
        let title = if text.title.is_empty() {
            0.0
        } else {
            text.title.len() as f32 * Self::line_height(TITLE_SIZE) + TITLE_GAP
        };
        2.0 * PADDING + title + text.body.len() as f32 * Self::line_height(BODY_SIZE)
    }

    /// Width and height of a statement's box at the default width.
    pub fn box_size(&self, st: &Statement) -> (f32, f32) {
        self.box_size_at(st, DEFAULT_BOX_WIDTH)
    }

    /// Width and height of a statement's box at `box_width`.
    pub fn box_size_at(&self, st: &Statement, box_width: f32) -> (f32, f32) {
        (box_width, Self::box_height(&self.box_text(st, box_width)))
    }

    /// Width and height of node `ix` of `map` as the scene draws it: a
    /// statement's box at `box_width`, or an inference's connector circle
    /// (what `layout::NodeSizes` asks for).
    pub fn node_size(
        &self,
        map: &crate::model::Map,
        ix: crate::model::NodeIx,
        box_width: f32,
    ) -> (f32, f32) {
        match map.node_at(ix).and_then(|n| n.as_statement()) {
            Some(st) => self.box_size_at(st, box_width),
            None => (2.0 * super::CONNECTOR_RADIUS, 2.0 * super::CONNECTOR_RADIUS),
        }
    }

    /// At most `max` of `lines`; when some are cut, the last kept line ends
    /// in `…` and still fits `width`.
    fn elide(&self, lines: &[String], max: usize, size: f32, width: f32) -> Vec<String> {
        if lines.len() <= max {
            return lines.to_vec();
        }
        let mut kept: Vec<String> = lines[..max].to_vec();
        let last = kept.pop().unwrap_or_default();
        let mut chars: Vec<char> = last.chars().collect();
        loop {
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if chars.is_empty() || self.width(&candidate, size) <= width {
                kept.push(candidate);
                return kept;
            }
            chars.pop();
        }
    }
}

/// `text` laid out by epaint at `size` px within `max_width`: one string
/// per row, trailing spaces trimmed. Each row's characters are taken from
/// `text` itself (epaint keeps one glyph per `char`), not from the glyphs'
/// `chr`, which inside a multi-character cluster (an emoji ZWJ sequence,
/// a skin tone) repeats the cluster's first character.
fn layout_lines(fonts: &mut Fonts, text: &str, size: f32, max_width: f32) -> Arc<[String]> {
    if text.chars().any(super::bidi::is_rtl) {
        return wrap_by_width(fonts, text, size, max_width);
    }
    let job = LayoutJob::simple(
        text.to_owned(),
        FontId::new(size, FontFamily::Proportional),
        Color32::WHITE,
        max_width,
    );
    let galley = fonts.layout_uncached(1.0, Arc::new(job));
    let mut chars = text.chars();
    galley
        .rows
        .iter()
        .map(|placed| {
            let line: String = chars.by_ref().take(placed.row.glyphs.len()).collect();
            if placed.ends_with_newline {
                chars.next();
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// Line height as a fraction of the font size (Ubuntu Light metrics, as
/// epaint computes a row's height). Checked in this module's tests.
pub const LINE_HEIGHT_RATIO: f32 = 1.15;

/// Width of `text` on one line at `size` px.
pub(super) fn line_width(fonts: &mut Fonts, text: &str, size: f32) -> f32 {
    let job = LayoutJob::simple(
        text.to_owned(),
        FontId::new(size, FontFamily::Proportional),
        Color32::WHITE,
        f32::INFINITY,
    );
    fonts.layout_uncached(1.0, Arc::new(job)).size().x
}

/// Greedy word wrap by measured width, for text with right-to-left
/// characters. egui 0.37 shapes right-to-left runs into visual order and
/// then pads each row with continuation glyphs that assume left-to-right
/// clusters, so rebuilding a row's text from its glyphs (as
/// [`layout_lines`] does for other text) would reverse and repeat letters.
/// Lines here stay in logical order, as the exporters (which order
/// right-to-left text themselves) and the canvas expect. Words longer
/// than `max_width` are broken between characters.
fn wrap_by_width(fonts: &mut Fonts, text: &str, size: f32, max_width: f32) -> Arc<[String]> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if line.is_empty() || line_width(fonts, &candidate, size) <= max_width {
                line = candidate;
            } else {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            }
            // A word wider than the box: break it where it overflows.
            while line.chars().count() > 1 && line_width(fonts, &line, size) > max_width {
                let chars: Vec<char> = line.chars().collect();
                let mut fit = 1;
                while fit < chars.len()
                    && line_width(fonts, &chars[..=fit].iter().collect::<String>(), size)
                        <= max_width
                {
                    fit += 1;
                }
                lines.push(chars[..fit].iter().collect());
                line = chars[fit..].iter().collect();
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_sequences_come_back_code_point_for_code_point() {
        let m = TextMeasurer::new();
        let text = "Kiss 👩\u{200D}❤\u{FE0F}\u{200D}💋\u{200D}👨 and family \
                    👨\u{200D}👩\u{200D}👧, thumbs 👍🏽, flag 🇯🇵.\nSecond paragraph 🤝🏾 here.";
        for width in [60.0, 150.0, 1000.0] {
            let lines = m.wrap(text, BODY_SIZE, false, width);
            let joined: String = lines.concat();
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(
                joined
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>(),
                squeezed,
                "width {width}: {lines:?}"
            );
        }
    }

    #[test]
    fn wraps_within_width() {
        let m = TextMeasurer::new();
        let text = "Cities that close their centres to cars see more people walking, \
                    more trade in small shops and cleaner air within a year.";
        let lines = m.wrap(text, BODY_SIZE, false, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(m.width(line, BODY_SIZE) <= 150.5, "{line:?} too wide");
        }
        let joined = lines.join(" ");
        assert_eq!(
            joined.split_whitespace().count(),
            text.split_whitespace().count()
        );
        // A second call comes from the cache and agrees.
        assert_eq!(m.wrap(text, BODY_SIZE, true, 150.0), lines);
    }

    #[test]
    fn metrics_constants_match_epaint() {
        let m = TextMeasurer::new();
        for size in [13.0f32, 14.0, 100.0] {
            let asc = m.ascent(size);
            assert!(
                (asc / size - ASCENT_RATIO).abs() < 0.04,
                "ascent {asc} at {size}"
            );
        }
        let mut inner = m.inner.lock().unwrap();
        let job = LayoutJob::simple(
            "a\nb".to_owned(),
            FontId::new(100.0, FontFamily::Proportional),
            Color32::WHITE,
            f32::INFINITY,
        );
        let g = inner.fonts.layout_uncached(1.0, Arc::new(job));
        let row_gap = g.rows[1].pos.y - g.rows[0].pos.y;
        assert!(
            (row_gap / 100.0 - LINE_HEIGHT_RATIO).abs() < 0.02,
            "row gap {row_gap}"
        );
    }

    #[test]
    fn prewarmed_lines_equal_sequential_ones() {
        let map = crate::synth::argument_map(600, 5);
        let statements: Vec<&Statement> = map
            .nodes_sorted()
            .into_iter()
            .filter_map(|n| n.as_statement())
            .collect();
        let parallel = TextMeasurer::new();
        parallel.prewarm(statements.iter().copied(), DEFAULT_BOX_WIDTH);
        let sequential = TextMeasurer::new();
        for st in statements {
            assert_eq!(
                parallel.box_text(st, DEFAULT_BOX_WIDTH),
                sequential.box_text(st, DEFAULT_BOX_WIDTH)
            );
        }
    }

    #[test]
    fn right_to_left_text_wraps_in_logical_order_without_repeats() {
        let m = TextMeasurer::new();
        let text = "הסכם 2024 יחזק את האזור";
        let wide = m.wrap(text, BODY_SIZE, false, 1000.0);
        assert_eq!(wide, vec![text.to_owned()]);
        let narrow = m.wrap(text, BODY_SIZE, false, 60.0);
        assert!(narrow.len() > 1, "{narrow:?}");
        assert_eq!(narrow.join(" "), text, "every word once, in order");
    }

    #[test]
    fn long_text_is_elided() {
        let m = TextMeasurer::new();
        let st = Statement::new("word ".repeat(2000)).with_title("t ".repeat(200));
        let text = m.box_text(&st, DEFAULT_BOX_WIDTH);
        assert_eq!(text.body.len(), MAX_BODY_LINES);
        assert_eq!(text.title.len(), MAX_TITLE_LINES);
        assert!(text.body.last().unwrap().ends_with('…'));
        let (w, h) = m.box_size(&st);
        assert_eq!(w, DEFAULT_BOX_WIDTH);
        assert!(h < 400.0);
        let unbroken = Statement::new("x".repeat(10_000));
        let lines = m.box_text(&unbroken, DEFAULT_BOX_WIDTH).body;
        for line in &lines {
            assert!(m.width(line, BODY_SIZE) <= DEFAULT_BOX_WIDTH - 2.0 * PADDING + 0.5);
        }
    }
}
