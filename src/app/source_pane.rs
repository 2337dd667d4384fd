//! The source pane: the text a map analyses, with every anchored quote
//! highlighted in the colour of the statement it backs. Select a passage to
//! make a statement, reason or objection from it, or to attach it as
//! evidence; hover a highlight to see who uses it, click it to select that
//! statement on the canvas.
//!
//! [`passage`] turns a selected passage into map content; [`tools`] holds
//! find in source, the source's details and editing its text.

pub mod passage;
pub mod tools;

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId};

use super::{ArgmapApp, Intent};
use crate::model::{Basis, Map, NodeData, Role, char_slice};
use crate::scene::{Theme, ThemeName};
pub use passage::{FromPassage, quote_evidence};
pub use tools::find_all;
use tools::{
    find_in_source_ui, paste_source_button, source_details_ui, source_text_editor_ui,
    source_tools_row,
};

/// The source pane's own state.
#[derive(Clone, Debug, Default)]
pub struct SourcePane {
    /// The source shown in the pane.
    pub shown: Option<String>,
    /// The passage selected in the pane.
    pub selection: Option<SourcePassage>,
    /// The source being edited as text.
    pub edit: Option<SourceEdit>,
    /// Find in the source text.
    pub find: SourceFind,
    /// The next paste becomes a new source instead of map nodes.
    pub paste_as_source: bool,
    /// Where the pane was last frame (screen px), so Ctrl+F over it finds in the source.
    pub rect: Option<egui::Rect>,
    /// The node selection the pane last scrolled to.
    scrolled_for: Vec<String>,
    /// Quoted spans flashing after a node was selected.
    flash: Option<Flash>,
}

/// A passage of a source: `start..end` in chars of the source's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePassage {
    /// The source's id.
    pub source: String,
    /// First char of the passage.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl SourcePassage {
    /// The passage `start..end` (chars) of source `source`.
    pub fn new(source: impl Into<String>, start: usize, end: usize) -> Self {
        SourcePassage {
            source: source.into(),
            start,
            end,
        }
    }
}

/// A source whose text is being edited in the pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceEdit {
    /// The source's id.
    pub source: String,
    /// The text as typed so far.
    pub text: String,
}

/// The find bar of the source pane.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceFind {
    /// Whether the bar is open.
    pub open: bool,
    /// What to find.
    pub query: String,
    /// The current hit (index into the hits).
    pub current: usize,
    /// Whether the field should take focus this frame.
    pub focus: bool,
}

/// Spans highlighted for a moment, to show where a selected node's quotes are.
#[derive(Clone, Debug, PartialEq)]
struct Flash {
    /// When the flash began (egui time, s).
    since: f64,
    /// The spans, `start..end` in chars.
    ranges: Vec<(usize, usize)>,
}

/// A span of a source that some evidence quotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Char offsets in the source text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The statement the evidence belongs to.
    pub statement: String,
    /// Its role (chooses the colour).
    pub role: Role,
    /// The basis of the evidence item (a quote, or evidence of another
    /// basis anchored in the source).
    pub basis: Basis,
}

/// Every anchored span of `source` in `map`, sorted by start.
pub fn spans(map: &Map, source: &str) -> Vec<Span> {
    let mut out: Vec<Span> = map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| match &n.data {
            NodeData::Statement(s) => Some((n, s)),
            NodeData::Inference(_) => None,
        })
        .flat_map(|(n, s)| {
            s.evidence.iter().filter_map(move |e| {
                let a = e.anchor.as_ref()?;
                (a.source == source && !a.orphaned).then(|| Span {
                    start: a.start,
                    end: a.end,
                    statement: n.id.clone(),
                    role: s.role,
                    basis: e.basis,
                })
            })
        })
        .collect();
    out.sort_by_key(|s| (s.start, s.end));
    out
}

/// The text laid out with highlighted spans. Where spans overlap the
/// highlight gets stronger, so nested quotes stay visible.
fn highlighted_job(
    text: &str,
    spans: &[Span],
    dark: bool,
    font: FontId,
    color: Color32,
    wrap: f32,
) -> LayoutJob {
    let theme = Theme::of(if dark {
        ThemeName::Dark
    } else {
        ThemeName::Light
    });
    // Boundaries where the set of covering spans changes.
    let char_count = text.chars().count();
    let mut cuts: Vec<usize> = vec![0, char_count];
    for s in spans {
        cuts.push(s.start.min(char_count));
        cuts.push(s.end.min(char_count));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<&Span> = spans
            .iter()
            .filter(|s| s.start <= a && s.end >= b && s.start < s.end)
            .collect();
        let mut format = TextFormat {
            font_id: font.clone(),
            color,
            ..Default::default()
        };
        if let Some(first) = covering.first() {
            // A pale tint keeps the text readable; the underline in the
            // role's strong colour (3:1 against the background, WCAG AA for
            // graphics) makes the passage stand out in both themes. Where
            // quotes overlap, the tint deepens and the underline thickens.
            let [r, g, bl, _] = theme.role_fill(first.role);
            let alpha = (110 + 50 * (covering.len() as u32 - 1)).min(230) as u8;
            format.background = Color32::from_rgba_unmultiplied(r, g, bl, alpha);
            let [r, g, bl, _] = theme.role_mark(first.role);
            let width = if covering.len() > 1 { 3.0 } else { 2.0 };
            format.underline = egui::Stroke::new(width, Color32::from_rgb(r, g, bl));
        }
        job.append(&text[byte_at[a]..byte_at[b]], 0.0, format);
    }
    job.wrap.max_width = wrap;
    job
}

/// The source pane.
pub fn source_pane_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let sources: Vec<(String, String)> = app
        .doc
        .map
        .sources()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    // Keep the height the pane was given (or dragged to) even while it has
    // little to show; otherwise it shrinks to one line and stays that small.
    ui.set_min_height(ui.available_height());
    ui.horizontal_wrapped(|ui| {
        ui.heading("Source");
        if sources.is_empty() {
            ui.label(
                "This map has no source text. Use File > Attach source text (Ctrl+Shift+I), or",
            );
            paste_source_button(app, ui);
            return;
        }
        let current = app
            .source_pane
            .shown
            .clone()
            .filter(|id| sources.iter().any(|(s, _)| s == id))
            .unwrap_or_else(|| sources[0].0.clone());
        app.source_pane.shown = Some(current.clone());
        let label = ui.label("Document");
        let title = sources
            .iter()
            .find(|(id, _)| *id == current)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("source-choice")
            .selected_text(title)
            .show_ui(ui, |ui| {
                for (id, title) in &sources {
                    if ui.selectable_label(*id == current, title).clicked() {
                        app.source_pane.shown = Some(id.clone());
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let has_passage = app.source_pane.selection.is_some();
        let has_target = app.selection.primary().is_some();
        for (what, label, tip, enabled) in [
            (
                FromPassage::Statement,
                "New statement",
                "New statement from the selected passage (Ctrl+Shift+N)",
                has_passage,
            ),
            (
                FromPassage::Evidence,
                "Attach as evidence",
                "Attach the passage to the selected statement (Ctrl+Shift+E)",
                has_passage && has_target,
            ),
            (
                FromPassage::Reason,
                "New reason",
                "New reason for the selected node, quoting the passage (Ctrl+Shift+R)",
                has_passage && has_target,
            ),
            (
                FromPassage::Objection,
                "New objection",
                "New objection to the selected node, quoting the passage (Ctrl+Shift+O)",
                has_passage && has_target,
            ),
        ] {
            if ui
                .add_enabled(enabled, egui::Button::new(label))
                .on_hover_text(tip)
                .clicked()
            {
                app.from_passage(what);
            }
        }
    });
    let Some(source_id) = app.source_pane.shown.clone() else {
        return;
    };
    let Some(source) = app.doc.map.source(&source_id).cloned() else {
        return;
    };
    source_tools_row(app, ui, &source_id, &source.text);
    source_details_ui(app, ui, &source);
    let found = find_in_source_ui(app, ui, &source.text);
    if source_text_editor_ui(app, ui) {
        return;
    }
    let spans = spans(&app.doc.map, &source_id);
    let dark = ui.visuals().dark_mode;
    let color = ui.visuals().text_color();
    let font = FontId::proportional(14.0);
    // Spans of the selected statement, to scroll to.
    let selected_spans: Vec<&Span> = spans
        .iter()
        .filter(|s| app.selection.contains(&s.statement))
        .collect();
    let scroll_to = if app.selection.0 != app.source_pane.scrolled_for {
        app.source_pane.scrolled_for = app.selection.0.clone();
        selected_spans.first().map(|s| s.start)
    } else {
        None
    };
    let mut text: &str = &source.text;
    let mut layouter =
        |ui: &egui::Ui, buf: &dyn egui::TextBuffer, wrap: f32| -> Arc<egui::Galley> {
            let job = highlighted_job(buf.as_str(), &spans, dark, font.clone(), color, wrap);
            ui.fonts_mut(|f| f.layout_job(job))
        };
    egui::ScrollArea::vertical()
        .id_salt(("source-scroll", &source_id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let label = ui.label(
                egui::RichText::new(format!(
                    "{} — select a passage, then choose what to make of it",
                    source.title
                ))
                .weak(),
            );
            let output = egui::TextEdit::multiline(&mut text)
                .id_salt(("source-text", &source_id))
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            let response = output.response.response.labelled_by(label.id);
            // The passage selected in the pane, in chars.
            if let Some(r) = output.cursor_range {
                let (p, q) = (r.primary.index.0, r.secondary.index.0);
                let (a, b) = (p.min(q), p.max(q));
                let passage =
                    char_slice(&source.text, a, b).filter(|t| a < b && !t.trim().is_empty());
                app.source_pane.selection = passage.map(|_| SourcePassage::new(&source_id, a, b));
            }
            let char_at = |pos: egui::Pos2| {
                output
                    .galley
                    .cursor_from_pos(pos - output.galley_pos)
                    .index
                    .0
            };
            if let Some(pos) = response.hover_pos() {
                let at = char_at(pos);
                let users: Vec<(Basis, String)> = spans
                    .iter()
                    .filter(|s| s.start <= at && at < s.end)
                    .filter_map(|s| {
                        app.doc.map.statement(&s.statement).map(|st| {
                            let label: String = st.label().chars().take(80).collect();
                            (s.basis, format!("{}: {label}", s.statement))
                        })
                    })
                    .collect();
                if !users.is_empty() {
                    response.clone().on_hover_ui(|ui| {
                        ui.label("Quoted by (click to select):");
                        for (basis, text) in &users {
                            ui.horizontal(|ui| {
                                super::basis_icon::basis_icon(ui, *basis);
                                ui.label(text);
                            });
                        }
                    });
                }
            }
            if response.clicked()
                && app.source_pane.selection.is_none()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let at = char_at(pos);
                if let Some(span) = spans.iter().find(|s| s.start <= at && at < s.end) {
                    app.push(Intent::Reveal(span.statement.clone()));
                }
            }
            if let Some((a, b)) = found {
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(a))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
                app.source_pane.flash = Some(Flash {
                    since: ui.input(|i| i.time),
                    ranges: vec![(a, b)],
                });
            }
            if let Some(start) = scroll_to {
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(start))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
                app.source_pane.flash = Some(Flash {
                    since: ui.input(|i| i.time),
                    ranges: selected_spans.iter().map(|s| (s.start, s.end)).collect(),
                });
            }
            // Flash the selected statement's spans for a moment after selecting it.
            if let Some(Flash { since, ranges }) = &app.source_pane.flash {
                let age = ui.input(|i| i.time) - since;
                if age < 1.2 {
                    let alpha = ((1.2 - age) / 1.2 * 160.0) as u8;
                    for &(a, b) in ranges {
                        let r1 = output.galley.pos_from_cursor(CCursor::new(a));
                        let r2 = output.galley.pos_from_cursor(CCursor::new(b));
                        let rect = r1.union(r2).translate(output.galley_pos.to_vec2());
                        ui.painter().rect_filled(
                            rect,
                            2.0,
                            Color32::from_rgba_unmultiplied(255, 220, 60, alpha),
                        );
                    }
                    ui.ctx().request_repaint();
                } else {
                    app.source_pane.flash = None;
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_the_example_map() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let s = spans(&map, "letter");
        assert_eq!(s.len(), 4);
        assert!(s.windows(2).all(|w| w[0].start <= w[1].start));
        // Each span carries the basis of the evidence item it comes from.
        for span in &s {
            let st = map.statement(&span.statement).unwrap();
            assert!(st.evidence.iter().any(|e| e.basis == span.basis
                && e.anchor.as_ref().is_some_and(|a| a.start == span.start)));
        }
    }
}
