//! One line of SVG text, with emoji sequences in the colour emoji font.
//!
//! usvg (0.47) shapes a `<text>` chunk with its first font and, for the
//! characters that font lacks, reshapes the whole chunk with a fallback
//! font, keeping the result only when both give the same number of
//! glyphs. An emoji font draws a ZWJ family, a skin-tone sequence or a
//! flag as one glyph where the text font has one `.notdef` per character,
//! so the counts differ and every emoji of the line stays a box (resvg
//! issue #861, open; its fix, pull request #1087, is not released). A
//! `<tspan>` naming the emoji font inside the same chunk does not help
//! either: merging its glyphs into the chunk's can panic (resvg issue
//! #732, seen here with a ZWJ family). What works is the case usvg handles
//! whole: a chunk of emoji alone, shaped with the emoji font from the
//! start. So a line holding emoji is written as consecutive chunks
//! (`<tspan x=…>`, each at the x epaint measured), the emoji ones with the
//! emoji font named first; the text stays whole and in order in the file,
//! and browsers draw it the same.

use std::fmt::Write;

use super::svg::{escape, num, paint};
use crate::scene::{TextLine, TextMeasurer};

/// Writes text lines; holds what every line needs to place emoji runs.
pub(super) struct LineWriter<'a> {
    /// Measures run offsets and finds the runs the emoji font draws.
    measurer: &'a TextMeasurer,
    /// The `font-family` value for emoji runs, when an emoji font is used.
    emoji_family: Option<String>,
}

impl<'a> LineWriter<'a> {
    /// A writer that gives emoji runs `emoji_family` (a CSS font-family
    /// list), or writes every line as one chunk when it is `None`.
    pub(super) fn new(measurer: &'a TextMeasurer, emoji_family: Option<String>) -> Self {
        LineWriter {
            measurer,
            emoji_family,
        }
    }

    /// One line of text at its baseline; bold lines get a thin outline.
    pub(super) fn line(&self, out: &mut String, line: &TextLine, color: [u8; 4]) {
        if line.text.is_empty() {
            return;
        }
        let bold = if line.bold {
            format!(
                "{} stroke-width=\"{}\"",
                paint("stroke", color),
                num(line.size * 0.04)
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{bold}>",
            num(line.pos.x),
            num(line.baseline_y()),
            num(line.size),
            paint("fill", color),
        );
        let family = self.emoji_family.as_deref();
        let runs = match family {
            Some(_) => self.measurer.emoji_runs(&line.text, line.size),
            None => Vec::new(),
        };
        if runs.len() <= 1 {
            out.push_str(&escape(&line.text));
        } else {
            for (i, run) in runs.iter().enumerate() {
                let x = if i == 0 {
                    String::new()
                } else {
                    format!(" x=\"{}\"", num(line.pos.x + run.x))
                };
                let font = match family {
                    Some(family) if run.emoji => format!(" font-family=\"{}\"", escape(family)),
                    _ => String::new(),
                };
                let _ = write!(
                    out,
                    "<tspan{x}{font}>{}</tspan>",
                    escape(&line.text[run.range.clone()])
                );
            }
        }
        out.push_str("</text>\n");
    }
}
