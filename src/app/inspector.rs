//! The inspector: everything about the selected node, editable. Typing in
//! a field is one undo step per field, not one per key.

use std::hash::{Hash, Hasher};

use super::basis_icon::{basis_icon, basis_icon_plain};
use super::{ArgmapApp, Intent};
use crate::model::{
    Basis, Evidence, Inference, InferenceKind, Map, NodeData, Role, char_range_to_bytes,
};
use crate::ops::{Command, StatementField};

/// A merge key for typing into one field: keystrokes with the same key
/// become one undo step.
pub(super) fn merge_key(parts: &[&str]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    h.finish() | 1 << 63
}

/// A labelled text field; returns the new value when the user changed it.
fn field_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    multiline: bool,
) -> (Option<String>, bool) {
    let mut text = value.to_owned();
    let l = ui.label(label);
    let edit = if multiline {
        egui::TextEdit::multiline(&mut text)
            .desired_rows(3)
            .desired_width(f32::INFINITY)
    } else {
        egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)
    };
    let response = ui.add(edit).labelled_by(l.id);
    ((response.changed()).then_some(text), response.lost_focus())
}

/// Only web links are ever opened.
pub fn is_openable_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !lower.contains(char::is_whitespace)
}

/// The inspector panel.
pub fn inspector_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    ui.heading("Inspector");
    ui.separator();
    let Some(id) = app.selection.primary().map(str::to_owned) else {
        map_details_ui(app, ui);
        return;
    };
    let Some(node) = app.doc.map.node(&id).cloned() else {
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match &node.data {
                NodeData::Statement(st) => {
                    ui.label(egui::RichText::new(format!("Statement {id}")).weak());
                    type Make = fn(String) -> StatementField;
                    let fields: [(&str, &str, bool, Make); 3] = [
                        ("Text", &st.text, true, StatementField::Text),
                        ("Title", &st.title, false, StatementField::Title),
                        ("Notes", &st.notes, true, StatementField::Notes),
                    ];
                    for (label, value, multi, make) in fields {
                        let (changed, lost) = field_ui(ui, label, value, multi);
                        if let Some(v) = changed {
                            let cmd = Command::EditStatement {
                                id: id.clone(),
                                field: make(v),
                            };
                            app.push(Intent::ApplyMerging(cmd, merge_key(&[&id, label])));
                        }
                        if lost {
                            app.doc.history.seal();
                        }
                    }
                    ui.horizontal(|ui| {
                        let l = ui.label("Role");
                        egui::ComboBox::from_id_salt("role")
                            .selected_text(st.role.as_str())
                            .show_ui(ui, |ui| {
                                for r in Role::ALL {
                                    if ui.selectable_label(r == st.role, r.as_str()).clicked()
                                        && r != st.role
                                    {
                                        app.push(Intent::Apply(Command::EditStatement {
                                            id: id.clone(),
                                            field: StatementField::Role(r),
                                        }));
                                    }
                                }
                            })
                            .response
                            .labelled_by(l.id);
                    });
                    let tags = st.tags.join(", ");
                    let (changed, _) = field_ui(ui, "Tags (comma-separated)", &tags, false);
                    if let Some(v) = changed {
                        let mut list: Vec<String> = Vec::new();
                        for t in v.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                            if !list.iter().any(|x| x == t) {
                                list.push(t.to_owned());
                            }
                        }
                        let cmd = Command::EditStatement {
                            id: id.clone(),
                            field: StatementField::Tags(list),
                        };
                        app.push(Intent::ApplyMerging(cmd, merge_key(&[&id, "tags"])));
                    }
                    ui.separator();
                    evidence_ui(app, ui, &id, &st.evidence);
                    ui.separator();
                    super::eval_inspector::statement_eval_ui(app, ui, &id);
                }
                NodeData::Inference(inf) => inference_ui(app, ui, &id, inf),
            }
            ui.separator();
            relations_ui(app, ui, &id);
        });
}

fn map_details_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    ui.label("Nothing selected. Map details:");
    let meta = app.doc.map.meta().clone();
    let (changed, _) = field_ui(ui, "Map title", &meta.title, false);
    if let Some(title) = changed.filter(|t| !t.trim().is_empty()) {
        let cmd = Command::retitle(&app.doc.map, title);
        app.push(Intent::ApplyMerging(cmd, merge_key(&["meta", "title"])));
    }
    let (changed, _) = field_ui(ui, "Description", &meta.description, true);
    if let Some(description) = changed {
        let cmd = Command::SetMeta(crate::model::MapMeta {
            description,
            ..meta.clone()
        });
        app.push(Intent::ApplyMerging(
            cmd,
            merge_key(&["meta", "description"]),
        ));
    }
    if !meta.authors.is_empty() {
        ui.label(format!("Authors: {}", meta.authors.join(", ")));
    }
}

fn evidence_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, statement: &str, evidence: &[Evidence]) {
    ui.horizontal(|ui| {
        ui.strong(format!("Evidence ({})", evidence.len()));
        if ui.button("+ Add evidence").clicked() {
            app.push(Intent::Apply(Command::AddEvidence {
                statement: statement.to_owned(),
                index: None,
                evidence: Evidence {
                    basis: Basis::Statistic,
                    text: "New evidence".into(),
                    ..Evidence::default()
                },
            }));
        }
    });
    for ev in evidence {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                basis_icon(ui, ev.basis);
                let l = ui.label("Basis");
                egui::ComboBox::from_id_salt(("basis", &ev.id))
                    .selected_text(ev.basis.label())
                    .show_ui(ui, |ui| {
                        for b in Basis::ALL {
                            let picked = ui
                                .horizontal(|ui| {
                                    basis_icon_plain(ui, b);
                                    ui.selectable_label(b == ev.basis, b.label())
                                })
                                .inner;
                            if picked.clicked() && b != ev.basis {
                                app.push(Intent::Apply(Command::EditEvidence(Evidence {
                                    basis: b,
                                    ..ev.clone()
                                })));
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if ui
                    .button("Remove")
                    .on_hover_text("Remove this evidence item")
                    .clicked()
                {
                    app.push(Intent::Apply(Command::RemoveEvidence { id: ev.id.clone() }));
                }
            });
            type Setter = fn(&mut Evidence, String);
            let fields: [(&str, &str, bool, Setter); 3] = [
                ("Evidence text", &ev.text, true, |e, v| e.text = v),
                ("URL", &ev.url, false, |e, v| e.url = v),
                ("Citation", &ev.citation, false, |e, v| e.citation = v),
            ];
            for (label, value, multi, set) in fields {
                let (changed, lost) = field_ui(ui, label, value, multi);
                if let Some(v) = changed {
                    let mut next = ev.clone();
                    set(&mut next, v);
                    app.push(Intent::ApplyMerging(
                        Command::EditEvidence(next),
                        merge_key(&[&ev.id, label]),
                    ));
                }
                if lost {
                    app.doc.history.seal();
                }
            }
            if !ev.url.is_empty() {
                url_ui(app, ui, &ev.url);
            }
            if let Some(a) = &ev.anchor {
                passage_ui(&app.doc.map, ui, a);
            }
        });
    }
}

fn url_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, url: &str) {
    if is_openable_url(url) {
        if ui
            .link("Open link in browser")
            .on_hover_text(format!("Opens {url}"))
            .clicked()
        {
            ui.ctx().open_url(egui::OpenUrl::new_tab(url));
        }
    } else if ui
        .button("Open link")
        .on_hover_text("Only http and https links are opened")
        .clicked()
    {
        app.status = format!("Refused to open “{url}”: only http and https links are opened");
    }
}

/// The quoted passage in its context in the source, with the quote marked.
fn passage_ui(map: &Map, ui: &mut egui::Ui, a: &crate::model::Anchor) {
    let Some(source) = map.source(&a.source) else {
        return;
    };
    ui.label(
        egui::RichText::new(format!(
            "From “{}”, characters {}–{}",
            source.title, a.start, a.end
        ))
        .weak(),
    );
    if a.orphaned {
        ui.colored_label(
            egui::Color32::from_rgb(200, 120, 0),
            "The quote was not found in the current source text.",
        );
        return;
    }
    let Some((s, e)) = char_range_to_bytes(&source.text, a.start, a.end) else {
        return;
    };
    let before_start = source.text[..s]
        .char_indices()
        .rev()
        .nth(160)
        .map_or(0, |(i, _)| i);
    let after_end = source.text[e..]
        .char_indices()
        .nth(160)
        .map_or(source.text.len(), |(i, _)| e + i);
    let mut job = egui::text::LayoutJob::default();
    let normal = egui::TextFormat {
        color: ui.visuals().weak_text_color(),
        ..Default::default()
    };
    let marked = egui::TextFormat {
        color: ui.visuals().strong_text_color(),
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.5),
        ..Default::default()
    };
    job.append(
        &format!("…{}", &source.text[before_start..s]),
        0.0,
        normal.clone(),
    );
    job.append(&source.text[s..e], 0.0, marked);
    job.append(&format!("{}…", &source.text[e..after_end]), 0.0, normal);
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

fn inference_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str, inf: &Inference) {
    let undercut = app
        .doc
        .map
        .index_of(id)
        .is_some_and(|ix| app.doc.map.is_undercut(ix));
    ui.label(
        egui::RichText::new(format!(
            "Inference {id}{}",
            if undercut { " (undercut)" } else { "" }
        ))
        .weak(),
    );
    ui.horizontal(|ui| {
        let l = ui.label("Kind");
        egui::ComboBox::from_id_salt("kind")
            .selected_text(inf.kind.as_str())
            .show_ui(ui, |ui| {
                for k in InferenceKind::ALL {
                    if ui.selectable_label(k == inf.kind, k.as_str()).clicked() && k != inf.kind {
                        app.push(Intent::Apply(Command::EditInference {
                            id: id.to_owned(),
                            inference: Inference {
                                kind: k,
                                ..inf.clone()
                            },
                        }));
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    // Each field's value becomes one command. The scheme has its own
    // section (`schemes_panel`).
    type ToCommand = fn(&str, &Inference, String) -> Command;
    let fields: [(&str, &str, bool, ToCommand); 2] = [
        ("Argument title", &inf.title, false, |id, i, v| {
            Command::EditInference {
                id: id.to_owned(),
                inference: Inference {
                    title: v,
                    ..i.clone()
                },
            }
        }),
        ("Description", &inf.description, true, |id, i, v| {
            Command::EditInference {
                id: id.to_owned(),
                inference: Inference {
                    description: v,
                    ..i.clone()
                },
            }
        }),
    ];
    for (label, value, multi, to_command) in fields {
        let (changed, lost) = field_ui(ui, label, value, multi);
        if let Some(v) = changed {
            let cmd = to_command(id, inf, v);
            app.push(Intent::ApplyMerging(cmd, merge_key(&[id, label])));
        }
        if lost {
            app.doc.history.seal();
        }
    }
    super::schemes_panel::scheme_section_ui(app, ui, id, inf);
}

/// At most `max` chars of `text`, with "..." when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}...", cut.trim_end())
}

/// One line of the Relations list: the relation's word (a link to its
/// inference), the nodes it names (each a link to that node), and how to
/// remove it.
struct RelationLine {
    /// "supported by", "support ->", "premise"…
    word: String,
    /// The inference the word links to; empty for none.
    inference: String,
    /// (shown name, node id) of the statements named.
    nodes: Vec<(String, String)>,
    /// " (linked)" and the like.
    note: &'static str,
    remove: Option<Command>,
}

/// Every relation of the node, each removable. A named statement is a link
/// to that statement; the relation's word is a link to its inference.
fn relations_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str) {
    let map = &app.doc.map;
    let Some(ix) = map.index_of(id) else { return };
    ui.strong("Relations");
    let mut lines: Vec<RelationLine> = Vec::new();
    let named = |ix| {
        map.node_at(ix)
            .map(|n| {
                let shown = match &n.data {
                    NodeData::Statement(s) => short(s.label(), 48),
                    NodeData::Inference(i) => format!("{} {}", i.kind.as_str(), n.id),
                };
                (shown, n.id.clone())
            })
            .unwrap_or_default()
    };
    let kind_of = |inf| {
        map.node_at(inf)
            .and_then(|n| n.as_inference())
            .map(|i| i.kind)
            .unwrap_or_default()
    };
    for inf in map.inferences_into(ix) {
        let word = match kind_of(inf) {
            InferenceKind::Support => "supported by:",
            InferenceKind::Conflict => "attacked by:",
            InferenceKind::Rephrase => "restated by:",
        };
        let inf_id = map.node_at(inf).map(|n| n.id.clone()).unwrap_or_default();
        lines.push(RelationLine {
            word: word.to_owned(),
            inference: inf_id.clone(),
            nodes: map.premises_of(inf).into_iter().map(named).collect(),
            note: "",
            remove: Some(Command::Remove { ids: vec![inf_id] }),
        });
    }
    for inf in map.inferences_from(ix) {
        let inf_id = map.node_at(inf).map(|n| n.id.clone()).unwrap_or_default();
        let linked = map.premises_of(inf).len() > 1;
        let remove = if linked {
            Command::RemovePremise {
                inference: inf_id.clone(),
                premise: id.to_owned(),
            }
        } else {
            Command::Remove {
                ids: vec![inf_id.clone()],
            }
        };
        lines.push(RelationLine {
            word: format!("{} ->", kind_of(inf).as_str()),
            inference: inf_id,
            nodes: map.target_of(inf).map(named).into_iter().collect(),
            note: if linked { " (linked)" } else { "" },
            remove: Some(remove),
        });
    }
    if map.node(id).and_then(|n| n.as_inference()).is_some() {
        for p in map.premises_of(ix) {
            lines.push(RelationLine {
                word: "premise:".to_owned(),
                inference: String::new(),
                nodes: vec![named(p)],
                note: "",
                remove: None,
            });
        }
        if let Some(t) = map.target_of(ix) {
            lines.push(RelationLine {
                word: "target:".to_owned(),
                inference: String::new(),
                nodes: vec![named(t)],
                note: "",
                remove: None,
            });
        }
    }
    if lines.is_empty() {
        ui.label("No relations.");
    }
    for line in lines {
        // Wrapped, so a long statement never widens the panel past the window.
        ui.horizontal_wrapped(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            if line.inference.is_empty() {
                ui.label(&line.word);
            } else if ui
                .link(&line.word)
                .on_hover_text("Select this step of reasoning (its connector)")
                .clicked()
            {
                app.push(Intent::Reveal(line.inference.clone()));
            }
            for (k, (shown, node)) in line.nodes.iter().enumerate() {
                if k > 0 {
                    ui.label("+");
                }
                if ui.link(shown).clicked() {
                    app.push(Intent::Reveal(node.clone()));
                }
            }
            if !line.note.is_empty() {
                ui.label(line.note);
            }
            if let Some(cmd) = line.remove
                && ui
                    .small_button("x")
                    .on_hover_text("Remove this relation")
                    .clicked()
            {
                app.push(Intent::Apply(cmd));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_links_open() {
        assert!(super::is_openable_url("https://example.org/a"));
        assert!(super::is_openable_url("HTTP://example.org"));
        assert!(!super::is_openable_url("file:///etc/passwd"));
        assert!(!super::is_openable_url("javascript:alert(1)"));
        assert!(!super::is_openable_url("https://exa mple.org"));
    }
}
