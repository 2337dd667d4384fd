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
    if !app.source_pane.find.open {
        return None;
    }
    let mut jump = None;
    ui.horizontal(|ui| {
        let label = ui.label("Find in source:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut app.source_pane.find.query).desired_width(220.0))
            .labelled_by(label.id);
        if app.source_pane.find.focus {
            response.request_focus();
            app.source_pane.find.focus = false;
        }
        let hits = find_all(text, &app.source_pane.find.query);
        if response.changed() {
            app.source_pane.find.current = 0;
            jump = hits.first().copied();
        }
        if response.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !hits.is_empty()
        {
            app.source_pane.find.current = (app.source_pane.find.current + 1) % hits.len();
            jump = Some(hits[app.source_pane.find.current]);
            response.request_focus();
        }
        ui.label(match hits.len() {
            0 if app.source_pane.find.query.is_empty() => String::new(),
            0 => "no matches".to_owned(),
            n => format!("{} of {n}", app.source_pane.find.current.min(n - 1) + 1),
        });
        if ui.small_button("Close").clicked() {
            app.source_pane.find.open = false;
        }
    });
    jump
}

/// Whether the details of source `id` are shown (kept in egui's memory).
fn details_open_id(id: &str) -> egui::Id {
    egui::Id::unique(("source-details-open", id))
}

/// The row of tools under the pane's title: edit the text, show the
/// source's details, find in the text, paste a new source.
pub(super) fn source_tools_row(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    source_id: &str,
    text: &str,
) {
    ui.horizontal_wrapped(|ui| {
        if app.source_pane.edit.is_none()
            && ui
                .small_button("Edit source text")
                .on_hover_text(
                    "Change the text; every quote is found again afterwards (one undo step)",
                )
                .clicked()
        {
            app.source_pane.edit = Some(super::SourceEdit {
                source: source_id.to_owned(),
                text: text.to_owned(),
            });
        }
        let id = details_open_id(source_id);
        let mut open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
        if ui
            .selectable_label(open, "Source details")
            .on_hover_text("Title, author, date and web address of this source")
            .clicked()
        {
            open = !open;
            ui.data_mut(|d| d.insert_temp(id, open));
        }
        if ui
            .small_button("Find")
            .on_hover_text("Find in the source text (Ctrl+F with the pointer over the pane)")
            .clicked()
        {
            app.source_pane.find.open = true;
            app.source_pane.find.focus = true;
        }
        paste_source_button(app, ui);
    });
}

/// "Paste as new source": the next paste becomes a source document.
pub(super) fn paste_source_button(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    if ui
        .small_button("Paste as new source")
        .on_hover_text("Add the text on the clipboard as a new source document")
        .clicked()
    {
        app.source_pane.paste_as_source = true;
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
    }
}

/// Title, author, date and URL of the source, editable (one undo step per
/// field), when shown with the "Source details" toggle.
pub(super) fn source_details_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    source: &crate::model::Source,
) {
    let open = ui
        .data(|d| d.get_temp::<bool>(details_open_id(&source.id)))
        .unwrap_or(false);
    if !open {
        return;
    }
    type Set = fn(&mut crate::model::Source, String);
    let fields: [(&str, &str, Set); 4] = [
        ("Source title", &source.title, |s, v| s.title = v),
        ("Author", &source.author, |s, v| s.author = v),
        ("Date", &source.date, |s, v| s.date = v),
        ("Web address", &source.url, |s, v| s.url = v),
    ];
    egui::Grid::new(("source-details", &source.id))
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value, set) in fields {
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
                ui.end_row();
            }
        });
}

/// The source text as an editable field, for fixing or replacing it, once
/// "Edit source text" was pressed. Returns whether the editor is open (the
/// highlighted view is hidden then).
pub(super) fn source_text_editor_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) -> bool {
    match &mut app.source_pane.edit {
        None => false,
        Some(super::SourceEdit {
            source: id,
            text: buffer,
        }) => {
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
                app.source_pane.edit = None;
                app.set_source_text(&id, new_text);
            } else if cancel {
                app.source_pane.edit = None;
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
                self.panels.problems = true;
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
