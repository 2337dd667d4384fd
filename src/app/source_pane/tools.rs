//! The source pane's tools around the text: find in source, the source's
//! details (title, author, date, web address) and editing the text itself,
//! after which every quote is found again.

use crate::app::{ArgmapApp, Intent};
use crate::ops::Command;

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
pub(super) fn find_in_source_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    text: &str,
) -> Option<(usize, usize)> {
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
pub(super) fn source_details_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    source: &crate::model::Source,
) {
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
                        let key = crate::app::inspector::merge_key(&[&source.id, label]);
                        app.push(Intent::ApplyMerging(Command::EditSource(next), key));
                    }
                });
            }
        });
}

/// The source text as an editable field, for fixing or replacing it.
/// Returns whether the editor is open (the highlighted view is hidden then).
pub(super) fn source_text_editor_ui(
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
}
