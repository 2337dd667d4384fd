//! The source pane: the text a map analyses, with every anchored quote
//! highlighted in the colour of the statement it backs. Select a passage to
//! make a statement, reason or objection from it, or to attach it as
//! evidence; hover a highlight to see who uses it, click it to select that
//! statement on the canvas.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId};

use super::{ArgmapApp, Intent};
use crate::model::{
    Anchor, Basis, Evidence, InferenceKind, Map, NodeData, Role, Statement, char_slice,
};
use crate::ops::Command;
use crate::scene::{Theme, ThemeName};

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
            let [r, g, bl, _] = theme.role_fill(first.role);
            let alpha = (110 + 50 * (covering.len() as u32 - 1)).min(230) as u8;
            format.background = Color32::from_rgba_unmultiplied(r, g, bl, alpha);
            if covering.len() > 1 {
                format.underline = egui::Stroke::new(1.5, color);
            }
        }
        job.append(&text[byte_at[a]..byte_at[b]], 0.0, format);
    }
    job.wrap.max_width = wrap;
    job
}

/// A quote of `start..end` of source `source_id`, as evidence.
pub fn quote_evidence(map: &Map, source_id: &str, start: usize, end: usize) -> Option<Evidence> {
    let source = map.source(source_id)?;
    let anchor = Anchor::from_range(source_id, &source.text, start, end)?;
    Some(Evidence {
        basis: Basis::Quote,
        text: anchor.exact.clone(),
        anchor: Some(anchor),
        ..Evidence::default()
    })
}

/// What the user can do with a selected passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FromPassage {
    /// A new statement whose text is the passage, quoted as its evidence.
    Statement,
    /// The passage as evidence of the selected statement.
    Evidence,
    /// A new reason for the selected node, quoting the passage.
    Reason,
    /// A new objection to the selected node, quoting the passage.
    Objection,
}

impl ArgmapApp {
    /// Turns the passage selected in the source pane into map content, as
    /// one undoable command.
    pub fn from_passage(&mut self, what: FromPassage) {
        let Some((source, start, end)) = self.source_selection.clone() else {
            self.status = "Select a passage in the source pane first".into();
            return;
        };
        let Some(evidence) = quote_evidence(&self.doc.map, &source, start, end) else {
            return;
        };
        let text = evidence
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match what {
            FromPassage::Evidence => {
                let Some(target) = self
                    .selection
                    .statements(&self.doc.map)
                    .last()
                    .map(str::to_owned)
                else {
                    self.status = "Select the statement to attach the passage to".into();
                    return;
                };
                self.apply(
                    Command::AddEvidence {
                        statement: target,
                        index: None,
                        evidence,
                    },
                    None,
                );
            }
            FromPassage::Statement => {
                let at = self.view_centre_of_canvas();
                let mut edit = super::editing::new_statement(&mut self.doc.map, at);
                if let Command::AddStatement { statement, .. } = &mut edit.command {
                    *statement = Statement {
                        text,
                        evidence: vec![evidence],
                        ..Statement::default()
                    };
                }
                self.apply_edit(Some(edit), "New statement from selection");
            }
            FromPassage::Reason | FromPassage::Objection => {
                let kind = if what == FromPassage::Reason {
                    InferenceKind::Support
                } else {
                    InferenceKind::Conflict
                };
                let edit =
                    super::editing::add_child(&mut self.doc.map, &self.selection, kind, &text).map(
                        |mut e| {
                            if let Command::Batch(cmds) = &mut e.command
                                && let Some(Command::AddStatement { statement, .. }) =
                                    cmds.first_mut()
                            {
                                statement.evidence = vec![evidence.clone()];
                            }
                            e
                        },
                    );
                let what = if kind == InferenceKind::Support {
                    "New reason from selection"
                } else {
                    "New objection from selection"
                };
                self.apply_edit(edit, what);
            }
        }
    }
}

/// The source pane.
pub fn source_pane_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let sources: Vec<(String, String)> = app
        .doc
        .map
        .sources()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.heading("Source");
        if ui
            .small_button("Paste as new source")
            .on_hover_text("Add the text on the clipboard as a new source document")
            .clicked()
        {
            app.paste_as_source = true;
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        }
        if sources.is_empty() {
            ui.label("This map has no source text. Use File > Attach source text to add one.");
            return;
        }
        let current = app
            .source_shown
            .clone()
            .filter(|id| sources.iter().any(|(s, _)| s == id))
            .unwrap_or_else(|| sources[0].0.clone());
        app.source_shown = Some(current.clone());
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
                        app.source_shown = Some(id.clone());
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let has_passage = app.source_selection.is_some();
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
    let Some(source_id) = app.source_shown.clone() else {
        return;
    };
    let Some(source) = app.doc.map.source(&source_id).cloned() else {
        return;
    };
    source_details_ui(app, ui, &source);
    let found = find_in_source_ui(app, ui, &source.text);
    if source_text_editor_ui(app, ui, &source_id, &source.text) {
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
    let scroll_to = if app.selection.0 != app.source_scrolled_for {
        app.source_scrolled_for = app.selection.0.clone();
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
                app.source_selection = passage.map(|_| (source_id.clone(), a, b));
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
                let users: Vec<String> = spans
                    .iter()
                    .filter(|s| s.start <= at && at < s.end)
                    .filter_map(|s| {
                        app.doc
                            .map
                            .statement(&s.statement)
                            .map(|st| format!("{}: {}", s.statement, st.label()))
                    })
                    .collect();
                if !users.is_empty() {
                    response
                        .clone()
                        .on_hover_text(format!("Quoted by\n{}", users.join("\n")));
                }
            }
            if response.clicked()
                && app.source_selection.is_none()
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
                app.flash = Some((ui.input(|i| i.time), vec![(a, b)]));
            }
            if let Some(start) = scroll_to {
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(start))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
                app.flash = Some((
                    ui.input(|i| i.time),
                    selected_spans.iter().map(|s| (s.start, s.end)).collect(),
                ));
            }
            // Flash the selected statement's spans for a moment after selecting it.
            if let Some((since, ranges)) = &app.flash {
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
                    app.flash = None;
                }
            }
        });
}

/// Char ranges of every case-insensitive occurrence of `query` in `text`.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = query.to_lowercase().chars().collect();
    if q.is_empty() {
        return Vec::new();
    }
    let t: Vec<char> = text
        .chars()
        .flat_map(|c| {
            let mut l = c.to_lowercase();
            // Keep one char per source char so offsets stay char offsets.
            let first = l.next().unwrap_or(c);
            std::iter::once(first)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + q.len() <= t.len() {
        if t[i..i + q.len()] == q[..] {
            out.push((i, i + q.len()));
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

/// The find field of the pane; returns the hit to show this frame.
fn find_in_source_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, text: &str) -> Option<(usize, usize)> {
    if !app.source_find.0 {
        return None;
    }
    let mut jump = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find in source:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut app.source_find.1).desired_width(220.0))
            .labelled_by(label.id);
        if app.source_find.3 {
            response.request_focus();
            app.source_find.3 = false;
        }
        let hits = find_all(text, &app.source_find.1);
        if response.changed() {
            app.source_find.2 = 0;
            jump = hits.first().copied();
        }
        if response.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !hits.is_empty()
        {
            app.source_find.2 = (app.source_find.2 + 1) % hits.len();
            jump = Some(hits[app.source_find.2]);
            response.request_focus();
        }
        ui.label(match hits.len() {
            0 if app.source_find.1.is_empty() => String::new(),
            0 => "no matches".to_owned(),
            n => format!("{} of {n}", app.source_find.2.min(n - 1) + 1),
        });
        if ui.small_button("Close").clicked() {
            app.source_find.0 = false;
        }
    });
    jump
}

/// Title, author, date and URL of the source, editable (one undo step per field).
fn source_details_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, source: &crate::model::Source) {
    egui::CollapsingHeader::new("Source details")
        .id_salt(("source-details", &source.id))
        .show(ui, |ui| {
            type Set = fn(&mut crate::model::Source, String);
            let fields: [(&str, &str, Set); 4] = [
                ("Source title", &source.title, |s, v| s.title = v),
                ("Author", &source.author, |s, v| s.author = v),
                ("Date", &source.date, |s, v| s.date = v),
                ("Web address", &source.url, |s, v| s.url = v),
            ];
            for (label, value, set) in fields {
                ui.horizontal(|ui| {
                    let l = ui.label(label);
                    let mut text = value.to_owned();
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(320.0))
                        .labelled_by(l.id);
                    if r.changed() {
                        let mut next = source.clone();
                        set(&mut next, text);
                        let key = super::inspector::merge_key(&[&source.id, label]);
                        app.push(Intent::ApplyMerging(Command::EditSource(next), key));
                    }
                });
            }
        });
}

/// The source text as an editable field, for fixing or replacing it.
/// Returns whether the editor is open (the highlighted view is hidden then).
fn source_text_editor_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    source_id: &str,
    text: &str,
) -> bool {
    match &mut app.source_edit {
        None => {
            if ui
                .small_button("Edit source text")
                .on_hover_text(
                    "Change the text; every quote is found again afterwards (one undo step)",
                )
                .clicked()
            {
                app.source_edit = Some((source_id.to_owned(), text.to_owned()));
                return true;
            }
            false
        }
        Some((id, buffer)) => {
            let id = id.clone();
            let mut apply = false;
            let mut cancel = false;
            ui.horizontal(|ui| {
                apply = ui
                    .button("Apply")
                    .on_hover_text("Replace the text and re-anchor every quote")
                    .clicked();
                cancel = ui.button("Cancel").clicked();
            });
            let label = ui.label("Source text");
            egui::ScrollArea::vertical()
                .id_salt("source-edit")
                .show(ui, |ui| {
                    ui.add(egui::TextEdit::multiline(buffer).desired_width(f32::INFINITY))
                        .labelled_by(label.id);
                });
            if apply {
                let new_text = buffer.clone();
                app.source_edit = None;
                app.set_source_text(&id, new_text);
            } else if cancel {
                app.source_edit = None;
            }
            true
        }
    }
}

impl ArgmapApp {
    /// Replaces a source's text, re-anchoring its quotes, and says how they fared.
    pub fn set_source_text(&mut self, id: &str, text: String) {
        let before: Vec<(String, bool)> = self
            .doc
            .map
            .evidence_quoting(id)
            .iter()
            .map(|e| (e.id.clone(), e.anchor.as_ref().is_some_and(|a| a.orphaned)))
            .collect();
        self.apply(
            Command::SetSourceText {
                id: id.to_owned(),
                text,
            },
            None,
        );
        let orphaned = self
            .doc
            .map
            .evidence_quoting(id)
            .iter()
            .filter(|e| e.anchor.as_ref().is_some_and(|a| a.orphaned))
            .count();
        let was = before.iter().filter(|(_, o)| *o).count();
        if self.status.is_empty() {
            self.status = format!(
                "Source text changed: {} quotes followed, {orphaned} orphaned (listed under Problems)",
                before.len() - orphaned.min(before.len()),
            );
            if orphaned > was {
                self.show_problems = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_all_counts_chars_and_ignores_case() {
        let text = "Россия и Japan; JAPAN and japan";
        let hits = find_all(text, "japan");
        assert_eq!(hits, vec![(9, 14), (16, 21), (26, 31)]);
        assert_eq!(find_all(text, "РОССИЯ"), vec![(0, 6)]);
        assert!(find_all(text, "").is_empty());
    }

    #[test]
    fn spans_of_the_example_map() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let s = spans(&map, "letter");
        assert_eq!(s.len(), 4);
        assert!(s.windows(2).all(|w| w[0].start <= w[1].start));
        let ev = quote_evidence(&map, "letter", s[0].start, s[0].end).unwrap();
        assert_eq!(
            ev.anchor.unwrap().exact,
            char_slice(&map.source("letter").unwrap().text, s[0].start, s[0].end).unwrap()
        );
    }
}
