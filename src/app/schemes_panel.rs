//! The inspector's scheme section for a selected support or conflict: a
//! scheme picker with fuzzy search over the catalogue (name, id, aliases,
//! description), the role binding (each role of the scheme to one of the
//! inference's premises), and the critical questions as a checklist with
//! their status and the buttons that change it: "Raise as objection",
//! "Answer with…", "Dismiss", and for settled questions "Reopen".
//!
//! Every change is a [`Command`] built by `crate::ops::schemes` and pushed
//! as an [`Intent`], so the app applies it in its one place and it undoes
//! like any other edit. Raising also selects the new objection and opens
//! it for editing in place, its text pre-filled with the question.
//!
//! The picker offers the app's catalogue ([`ArgmapApp::schemes`]): the
//! bundled schemes and any scheme set the user loaded with File > Import
//! scheme set… or put in the settings folder's `schemes/`. A scheme from
//! such a set is copied into the map when picked, so the map opens
//! anywhere.
//!
//! The section's own state (the picker's query, which question is being
//! answered or dismissed and the text typed for it) lives in egui's
//! memory, keyed by the inference, so the app struct does not carry it.

use super::actions::Action;
use super::{ArgmapApp, Intent};
use crate::model::{
    Catalogue, Inference, InferenceKind, Map, QuestionKind, QuestionState, QuestionStatus,
    search_schemes,
};
use crate::ops::{Command, schemes};

/// At most this many schemes are listed under the picker's query.
pub const PICKER_HITS: usize = 8;
/// At most this many statements are offered as answers.
const ANSWER_HITS: usize = 6;

/// What the user is doing with one question, between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum QuestionDraft {
    /// Nothing.
    #[default]
    None,
    /// Choosing or writing an answer; the text typed so far.
    Answering(String),
    /// Writing why the question is dismissed.
    Dismissing(String),
}

/// The scheme section's state for one inference.
#[derive(Clone, Debug, Default)]
struct SectionState {
    /// The picker's query.
    query: String,
    /// Which hit Enter picks (Up and Down move it); reset by typing.
    highlight: usize,
    /// The question being answered or dismissed, and its draft.
    draft: Option<(String, QuestionDraft)>,
}

/// Where [`focus_picker`] leaves word for the picker to take focus.
fn focus_flag_id() -> egui::Id {
    egui::Id::unique("scheme-picker-focus")
}

/// Whether the scheme picker can be used: the primary selection is a
/// support or conflict.
pub fn can_pick(app: &ArgmapApp) -> bool {
    app.selection
        .primary()
        .and_then(|id| app.doc.map.inference(id))
        .is_some_and(|i| i.kind != InferenceKind::Rephrase)
}

/// Shows the inspector and puts the keyboard in the selected inference's
/// scheme picker (the "Pick scheme…" action, from the palette, the Map
/// menu or its key).
pub fn focus_picker(app: &mut ArgmapApp, ctx: &egui::Context) {
    app.panels.inspector = true;
    ctx.data_mut(|d| d.insert_temp(focus_flag_id(), true));
}

fn state_id(inference: &str) -> egui::Id {
    egui::Id::unique(("scheme-section", inference))
}

/// Everything the catalogue and the map's own definitions offer, by id:
/// the map's embedded schemes first (they win), then the bundled ones.
fn all_schemes<'a>(map: &'a Map, catalogue: &'a Catalogue) -> Vec<&'a crate::model::Scheme> {
    let mut out: Vec<&crate::model::Scheme> = map.embedded_schemes().collect();
    out.extend(
        catalogue
            .schemes()
            .iter()
            .filter(|s| map.embedded_scheme(&s.id).is_none()),
    );
    out
}

/// The number of critical questions of inference `id` that still ask for
/// attention ([`QuestionState::open`]); 0 without a known scheme.
pub fn open_question_count(map: &Map, id: &str) -> usize {
    if map.inference(id).is_none_or(|i| i.scheme.is_empty()) {
        return 0;
    }
    map.question_states(id, crate::io::schemes::bundled())
        .iter()
        .filter(|q| q.open)
        .count()
}

/// The scheme section of the inspector for inference `id`.
pub fn scheme_section_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str, inf: &Inference) {
    if inf.kind == InferenceKind::Rephrase {
        return;
    }
    let catalogue = crate::io::schemes::bundled();
    let mut state: SectionState = ui
        .data_mut(|d| d.get_temp(state_id(id)))
        .unwrap_or_default();
    ui.separator();
    ui.strong("Scheme");
    let scheme = app.doc.map.scheme_of(id, catalogue).cloned();
    match &scheme {
        Some(s) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(&s.name).strong());
                if ui
                    .small_button("No scheme")
                    .on_hover_text("Remove the scheme, its role bindings and question statuses")
                    .clicked()
                {
                    app.push(Intent::Apply(Command::SetScheme {
                        inference: id.to_owned(),
                        scheme: String::new(),
                        definition: None,
                    }));
                }
            });
            ui.label(egui::RichText::new(&s.description).weak());
        }
        None if !inf.scheme.is_empty() => {
            ui.label(format!(
                "“{}” (a name from an imported file that no catalogue knows; kept as written)",
                inf.scheme
            ));
        }
        None => {
            ui.label(egui::RichText::new("No scheme: pick one below.").weak());
        }
    }
    picker_ui(app, ui, id, &mut state);
    if let Some(s) = &scheme {
        roles_ui(app, ui, id, s);
        questions_ui(app, ui, id, &mut state);
    }
    ui.data_mut(|d| d.insert_temp(state_id(id), state));
}

/// The fuzzy scheme picker: type, then click a hit, or press Enter for the
/// highlighted one (the best at first; Up and Down move the highlight).
fn picker_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str, state: &mut SectionState) {
    let label = ui.label("Find a scheme");
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("expert, cause, analogy …")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if ui.data_mut(|d| d.remove_temp::<bool>(focus_flag_id())) == Some(true) {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    if response.changed() {
        state.highlight = 0;
    }
    if state.query.trim().is_empty() {
        return;
    }
    let map = &app.doc.map;
    let catalogue = &app.schemes;
    let hits = search_schemes(all_schemes(map, catalogue), &state.query);
    let shown = hits.len().min(PICKER_HITS);
    if response.has_focus() && shown > 0 {
        let (down, up) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
            )
        });
        if down {
            state.highlight = (state.highlight + 1) % shown;
        }
        if up {
            state.highlight = (state.highlight + shown - 1) % shown;
        }
    }
    state.highlight = state.highlight.min(shown.saturating_sub(1));
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut picked: Option<String> = None;
    if hits.is_empty() {
        ui.label(egui::RichText::new("No scheme matches.").weak());
    }
    for (k, hit) in hits.iter().take(PICKER_HITS).enumerate() {
        let current = map.inference(id).is_some_and(|i| i.scheme == hit.scheme.id);
        // The hit Enter picks is shown strong and underlined.
        let mut name = egui::RichText::new(&hit.scheme.name);
        if k == state.highlight {
            name = name.strong().underline();
        }
        let button = ui
            .selectable_label(current, name)
            .on_hover_text(&hit.scheme.description);
        if button.clicked() || (enter && k == state.highlight) {
            picked = Some(hit.scheme.id.clone());
        }
    }
    if let Some(scheme_id) = picked {
        match schemes::set_scheme(map, catalogue, id, &scheme_id) {
            Ok(cmd) => app.push(Intent::Apply(cmd)),
            Err(e) => app.status = format!("Cannot set the scheme: {e}"),
        }
        state.query.clear();
    }
}

/// One row per premise role: the role's name and template, and a combo
/// box of the inference's premises; an unbound role is marked missing.
fn roles_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str, scheme: &crate::model::Scheme) {
    ui.add_space(4.0);
    ui.strong("Roles");
    let map = &app.doc.map;
    let premises: Vec<(String, String)> = map
        .premise_ids(id)
        .into_iter()
        .map(|p| {
            let text = map.statement(p).map_or(p, |s| s.label());
            (p.to_owned(), short(text, 40))
        })
        .collect();
    let mut commands = Vec::new();
    for role in &scheme.premises {
        let bound = map.bound_premise(id, &role.id).map(str::to_owned);
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(&role.name).on_hover_text(&role.template);
            let shown = match &bound {
                Some(p) => premises
                    .iter()
                    .find(|(pid, _)| pid == p)
                    .map_or(p.clone(), |(_, t)| t.clone()),
                None => "(unbound)".to_owned(),
            };
            egui::ComboBox::from_id_salt(("role", id, &role.id))
                .selected_text(shown)
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (pid, text) in &premises {
                        let on = bound.as_deref() == Some(pid.as_str());
                        if ui.selectable_label(on, text).clicked() && !on {
                            commands.push(Command::BindRole {
                                inference: id.to_owned(),
                                role: role.id.clone(),
                                premise: Some(pid.clone()),
                            });
                        }
                    }
                    if bound.is_some() && ui.selectable_label(false, "(unbound)").clicked() {
                        commands.push(Command::BindRole {
                            inference: id.to_owned(),
                            role: role.id.clone(),
                            premise: None,
                        });
                    }
                })
                .response
                .labelled_by(l.id);
            if bound.is_none() {
                ui.colored_label(MISSING, "missing");
            }
        });
    }
    for cmd in commands {
        app.push(Intent::Apply(cmd));
    }
}

/// The colour of "missing" and of open questions' status.
const MISSING: egui::Color32 = egui::Color32::from_rgb(210, 120, 0);

/// The status line of a question, as the checklist shows it.
fn status_text(map: &Map, q: &QuestionState) -> String {
    let name = |id: &str| {
        map.statement(id)
            .map_or(id.to_owned(), |s| format!("“{}”", short(s.label(), 40)))
    };
    match &q.status {
        QuestionStatus::Open if !q.open => "answered by its premise".to_owned(),
        QuestionStatus::Open => "open".to_owned(),
        QuestionStatus::Answered { by } => format!("answered by {}", name(by)),
        QuestionStatus::Raised { .. } if q.objection_missing => {
            "raised, but its objection was deleted".to_owned()
        }
        QuestionStatus::Raised { objection } => {
            let statement = map
                .index_of(objection)
                .and_then(|ix| map.premises_of(ix).first().copied())
                .and_then(|p| map.node_at(p))
                .map_or(objection.clone(), |n| n.id.clone());
            format!("raised as objection {}", name(&statement))
        }
        QuestionStatus::Dismissed { note } if note.is_empty() => "dismissed".to_owned(),
        QuestionStatus::Dismissed { note } => format!("dismissed: {note}"),
    }
}

/// The critical questions with their status and buttons.
fn questions_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, id: &str, state: &mut SectionState) {
    let catalogue = crate::io::schemes::bundled();
    let states = app.doc.map.question_states(id, catalogue);
    let open = states.iter().filter(|q| q.open).count();
    ui.add_space(4.0);
    ui.strong(format!("Critical questions ({open} open)"));
    let bound = app.doc.map.bound_texts(id);
    let scheme = app.doc.map.scheme_of(id, catalogue).cloned();
    for q in &states {
        let text = scheme.as_ref().map_or(q.question.text.clone(), |s| {
            s.fill_question(&q.question, &bound)
        });
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                // A read-only tick: the status decides it, the buttons change it.
                let mut settled = !q.open;
                ui.add_enabled(false, egui::Checkbox::without_text(&mut settled));
                ui.label(egui::RichText::new(q.question.kind.as_str()).weak())
                    .on_hover_text(kind_help(q.question.kind));
                let status = status_text(&app.doc.map, q);
                if q.open || q.objection_missing {
                    ui.colored_label(MISSING, status);
                } else {
                    ui.label(status);
                }
            });
            ui.label(&text);
            question_buttons_ui(app, ui, id, q, &text, state);
        });
    }
}

fn kind_help(kind: QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Premise => "Premise question: answered by the premise in its role holding",
        QuestionKind::Assumption => {
            "Assumption: presumed until questioned; once raised it needs support, and an answer becomes a premise the inference requires"
        }
        QuestionKind::Exception => {
            "Exception: counts only if shown; raised, it undercuts the inference"
        }
    }
}

/// The buttons under one question, and its answer or dismiss draft.
fn question_buttons_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    id: &str,
    q: &QuestionState,
    text: &str,
    state: &mut SectionState,
) {
    let qid = q.question.id.clone();
    let catalogue = crate::io::schemes::bundled();
    let mut draft = match &state.draft {
        Some((d, draft)) if *d == qid => draft.clone(),
        _ => QuestionDraft::None,
    };
    ui.horizontal_wrapped(|ui| {
        let settled = matches!(
            q.status,
            QuestionStatus::Answered { .. } | QuestionStatus::Dismissed { .. }
        );
        if q.status == QuestionStatus::Open {
            let unbound_premise =
                q.question.kind == QuestionKind::Premise && q.bound_premise.is_none();
            let tip = match q.question.kind {
                QuestionKind::Premise => "Add an objection undermining the bound premise",
                _ => "Add an objection undercutting this inference",
            };
            let raise = ui
                .add_enabled(!unbound_premise, egui::Button::new("Raise as objection"))
                .on_hover_text(tip)
                .on_disabled_hover_text("Bind a premise to the question's role first");
            if raise.clicked() {
                match schemes::raise_question(&app.doc.map, catalogue, id, &qid) {
                    Ok(cmd) => {
                        let ids = schemes::raise_ids(&app.doc.map, id, &qid);
                        let cmd = placed_near_target(&app.doc.map, cmd);
                        app.push(Intent::Apply(cmd));
                        app.push(Intent::Reveal(ids.statement));
                        app.push(Intent::Action(Action::EditText));
                    }
                    Err(e) => app.status = format!("Cannot raise the question: {e}"),
                }
            }
        }
        let shown = match &q.status {
            QuestionStatus::Raised { objection } if !q.objection_missing => {
                Some(("Show objection", objection))
            }
            QuestionStatus::Answered { by } => Some(("Show answer", by)),
            _ => None,
        };
        if let Some((label, target)) = shown
            && ui.button(label).clicked()
        {
            app.push(Intent::Reveal(target.clone()));
        }
        if !settled {
            if ui
                .button("Answer with…")
                .on_hover_text(
                    "Link a statement that answers the question (an existing one or a new one)",
                )
                .clicked()
            {
                draft = QuestionDraft::Answering(String::new());
            }
            if ui
                .button("Dismiss")
                .on_hover_text("Set the question aside, with a note saying why")
                .clicked()
            {
                draft = QuestionDraft::Dismissing(String::new());
            }
        }
        if !matches!(q.status, QuestionStatus::Open)
            && ui
                .button("Reopen")
                .on_hover_text(
                    "Set the question back to open (a raised question's objection is withdrawn)",
                )
                .clicked()
        {
            app.push(Intent::Apply(schemes::reopen(&app.doc.map, id, &qid)));
        }
    });
    let done = match &mut draft {
        QuestionDraft::None => false,
        QuestionDraft::Answering(typed) => answer_draft_ui(app, ui, id, &qid, text, typed),
        QuestionDraft::Dismissing(note) => dismiss_draft_ui(app, ui, id, &qid, note),
    };
    if done || draft == QuestionDraft::None {
        if state.draft.as_ref().is_some_and(|(d, _)| *d == qid) {
            state.draft = None;
        }
    } else {
        state.draft = Some((qid, draft));
    }
}

/// Choosing an answer: a field that searches the map's statements and can
/// become a new statement. Returns whether the draft is finished.
fn answer_draft_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    id: &str,
    qid: &str,
    question: &str,
    typed: &mut String,
) -> bool {
    let l = ui.label("Answer: search the map's statements or write a new one");
    ui.add(
        egui::TextEdit::multiline(typed)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text(question),
    )
    .labelled_by(l.id);
    let map = &app.doc.map;
    let words: Vec<String> = typed.split_whitespace().map(str::to_lowercase).collect();
    let premises = map.premise_ids(id);
    let candidates: Vec<(String, String)> = map
        .nodes_sorted()
        .into_iter()
        .filter_map(|n| Some((n.id.as_str(), n.as_statement()?)))
        .filter(|(sid, _)| !premises.contains(sid) && map.target_id(id) != Some(sid))
        .filter(|(_, s)| {
            let hay = format!("{} {}", s.title, s.text).to_lowercase();
            words.iter().all(|w| hay.contains(w))
        })
        .take(ANSWER_HITS)
        .map(|(sid, s)| (sid.to_owned(), short(s.label(), 60)))
        .collect();
    let mut done = false;
    let mut answer = None;
    for (sid, label) in candidates {
        if ui
            .button(format!("Use “{label}”"))
            .on_hover_text(format!("Answer with statement {sid}"))
            .clicked()
        {
            answer = Some(schemes::answer_question(map, id, qid, &sid));
            done = true;
        }
    }
    if let Some(cmd) = answer {
        app.push(Intent::Apply(cmd));
    }
    ui.horizontal(|ui| {
        let text = typed.trim();
        if ui
            .add_enabled(
                !text.is_empty(),
                egui::Button::new("Answer with new statement"),
            )
            .clicked()
        {
            let (cmd, new_id) = schemes::answer_with_new(&app.doc.map, id, qid, text);
            let cmd = placed_below(&app.doc.map, cmd, id);
            app.push(Intent::Apply(cmd));
            app.push(Intent::Reveal(new_id));
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

/// Writing why a question is dismissed. Returns whether it is finished.
fn dismiss_draft_ui(
    app: &mut ArgmapApp,
    ui: &mut egui::Ui,
    id: &str,
    qid: &str,
    note: &mut String,
) -> bool {
    let l = ui.label("Why is the question dismissed?");
    ui.add(egui::TextEdit::singleline(note).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    let mut done = false;
    ui.horizontal(|ui| {
        if ui.button("Confirm dismissal").clicked() {
            let cmd = schemes::dismiss_question(&app.doc.map, id, qid, note.trim());
            app.push(Intent::Apply(cmd));
            done = true;
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

/// `raise`, a batch from [`schemes::raise_question`], with its objection
/// statement placed in a free spot below what it attacks, as the canvas
/// places a new objection, instead of wherever the layout finds room.
fn placed_near_target(map: &Map, raise: Command) -> Command {
    let Command::Batch(steps) = raise else {
        return raise;
    };
    let target = steps.iter().find_map(|s| match s {
        Command::Connect { target, .. } => Some(target.clone()),
        _ => None,
    });
    match target {
        Some(target) => placed_below(map, Command::Batch(steps), &target),
        None => Command::Batch(steps),
    }
}

/// `batch` with the statements it adds placed in a free spot below node
/// `below` (an answer goes below the inference it answers for).
fn placed_below(map: &Map, batch: Command, below: &str) -> Command {
    let Command::Batch(mut steps) = batch else {
        return batch;
    };
    for step in &mut steps {
        if let Command::AddStatement { pos, .. } = step {
            *pos = Some(super::editing::spot_below(map, below));
        }
    }
    Command::Batch(steps)
}

impl ArgmapApp {
    /// File > Import scheme set…: a file dialog, or the typed-path dialog
    /// where no system dialog service answers.
    pub(super) fn import_schemes_dialog(&mut self) {
        let started = std::time::Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Import scheme set")
            .add_filter("Argmap scheme catalogue", &["json"])
            .pick_file();
        match picked {
            Some(path) => self.import_schemes(&path),
            None if started.elapsed() < super::files::NO_DIALOG_SERVICE => {
                self.dialog = Some(super::state::Dialog::Path {
                    purpose: super::state::PathPurpose::ImportSchemes,
                    path: String::new(),
                    then: None,
                });
            }
            None => {}
        }
    }

    /// Loads the scheme catalogue at `path` into [`ArgmapApp::schemes`]
    /// (a scheme with the id of one already there replaces it). A broken
    /// file is reported in an error dialog naming file, line and column.
    pub fn import_schemes(&mut self, path: &std::path::Path) {
        match crate::io::schemes::load_catalogue_file(path) {
            Ok(cat) => {
                let n = cat.len();
                let name = cat.name.clone();
                self.schemes.extend(cat.schemes().iter().cloned());
                self.status = format!(
                    "Loaded {n} scheme(s) from “{name}”; the scheme picker offers them now"
                );
            }
            Err(e) => {
                self.dialog = Some(super::state::Dialog::Error {
                    title: "Cannot load the scheme set".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    /// Loads every `*.json` catalogue in `dir`, in name order (a missing
    /// folder is no error). Problems go to the status bar, the first named.
    pub fn load_scheme_folder(&mut self, dir: &std::path::Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut files: Vec<std::path::PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let mut errors = Vec::new();
        for f in files {
            match crate::io::schemes::load_catalogue_file(&f) {
                Ok(cat) => self.schemes.extend(cat.schemes().iter().cloned()),
                Err(e) => errors.push(e.to_string()),
            }
        }
        if let Some(first) = errors.first() {
            self.status = format!("{} scheme set(s) not loaded: {first}", errors.len());
        }
    }
}

/// At most `max` chars of `text`, with "…" when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
