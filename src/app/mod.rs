//! The desktop app (eframe/egui). It reads the model and emits commands;
//! UI state (selection, viewport, dialogs) is kept apart from the map.
//!
//! Panels never change the map themselves: they push [`Intent`]s, and
//! [`ArgmapApp::run_intents`] applies them in one place at the end of the
//! frame (after egui's `wrap_app.rs`).

pub mod actions;
pub mod basis_icon;
mod canvas;
mod dialogs;
pub mod document;
pub mod editing;
mod eval_inspector;
pub mod evaluation;
mod evidence_window;
pub mod export_dialog;
mod files;
mod inspector;
mod interchange;
#[cfg(feature = "live")]
pub mod live;
mod menus;
pub mod navigation;
mod outline;
pub mod panels;
pub mod present;
mod presenter;
mod problems;
pub mod recovery;
mod schemes_panel;
mod script_notice;
pub mod source_pane;
pub mod state;
pub mod tour_panel;

use std::path::{Path, PathBuf};

use actions::Action;
use document::Document;
use panels::PanelVisibility;
use state::{AfterSave, Dialog, InPlaceEdit, Search, Selection};

use crate::model::{InferenceKind, Pos};
use crate::ops::Command;

/// Something a panel wants done.
#[derive(Clone, Debug)]
pub enum Intent {
    /// Run an action (menu, palette or shortcut).
    Action(Action),
    /// Apply a command as one undo step.
    Apply(Command),
    /// Apply a command, merging with the previous step of gesture `key`.
    ApplyMerging(Command, u64),
    /// Select exactly these nodes.
    Select(Vec<String>),
    /// Select this node and bring it into view.
    Reveal(String),
    /// Open this file (asking about unsaved changes first).
    Open(PathBuf),
}

/// The app: one open document, the state shared by all panels (selection,
/// in-place edit, status message), and one field per panel holding that
/// panel's own state (after egui's `wrap_app.rs` and rerun's viewer).
pub struct ArgmapApp {
    /// The open map.
    pub doc: Document,
    /// Selected nodes (shared by canvas, outline, inspector and source pane).
    pub selection: Selection,
    /// The statement being edited in place.
    pub editing: Option<InPlaceEdit>,
    /// A short message in the status bar.
    pub status: String,
    /// The one-time notice about scripts no font covers.
    pub script_notice: script_notice::ScriptNotice,
    /// The Export dialog while it is open.
    pub export: export_dialog::ExportDialog,
    /// The diagram options of exports, remembered between runs.
    pub export_settings: export_dialog::ExportSettings,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// An auto-layout running in the background: its result, what map
    /// state it was computed for, and the node count (for the status bar).
    pub layout_job: Option<LayoutJob>,
    /// Which panels and windows are shown.
    pub panels: PanelVisibility,
    /// Focus, filters, minimap and the places visited (folds are in the map's view).
    pub nav: navigation::Navigation,
    /// The canvas: its scene, view and gestures.
    canvas: canvas::Canvas,
    /// Present mode: its settings and the running presentation.
    present: present::Present,
    /// The Tours window: the chosen tour and the selected step.
    pub tour_panel: tour_panel::TourPanel,
    /// The outline panel.
    outline: outline::Outline,
    /// The source pane.
    pub source_pane: source_pane::SourcePane,
    /// The Evidence table window.
    pub evidence_window: evidence_window::EvidenceWindow,
    /// The Evaluation window, the label overlay and the what-if layer.
    pub evaluation: evaluation::Evaluation,
    /// The schemes the picker offers: the bundled catalogue plus scheme
    /// sets the user loaded (File > Import scheme set…, or the settings
    /// folder's `schemes/`).
    pub schemes: crate::model::Catalogue,
    /// The search bar.
    pub search: Search,
    /// The status bar's cached counts.
    status_bar: menus::StatusBar,
    /// The open modal dialog.
    pub dialog: Option<Dialog>,
    /// Whether the command palette is open, and its query.
    pub palette: Option<String>,
    /// Work still to do this frame.
    intents: Vec<Intent>,
    /// Text pasted this frame, applied with the other intents.
    pasted: Vec<String>,
    /// The last title sent to the window, to send changes only.
    sent_title: String,
    /// Autosave to the recovery file.
    recovery: recovery::Recovery,
    /// Whether closing the window was already confirmed.
    close_confirmed: bool,
    /// Bumped whenever another document replaces this one.
    generation: u64,
    /// Share live and Join live: their windows and the link to the server.
    #[cfg(feature = "live")]
    pub live: live::LiveUi,
}

/// An auto-layout computed off the UI thread for a big map.
pub struct LayoutJob {
    result: std::sync::mpsc::Receiver<Command>,
    /// (document generation, content revision) the layout was computed for.
    key: (u64, u64),
    /// How many nodes are being laid out.
    pub nodes: usize,
}

/// Maps with more nodes than this are laid out in the background.
pub const BACKGROUND_LAYOUT_NODES: usize = 1500;

impl ArgmapApp {
    /// An app showing `doc`.
    pub fn new(doc: Document) -> Self {
        // A map with merge conflicts opens with the Problems window showing them.
        let panels = PanelVisibility {
            problems: !doc.map.conflicts().is_empty(),
            ..PanelVisibility::default()
        };
        ArgmapApp {
            doc,
            selection: Selection::default(),
            editing: None,
            status: String::new(),
            script_notice: script_notice::ScriptNotice::default(),
            export: export_dialog::ExportDialog::default(),
            export_settings: export_dialog::ExportSettings::default(),
            recent: Vec::new(),
            layout_job: None,
            panels,
            nav: navigation::Navigation::new(),
            canvas: canvas::Canvas::default(),
            present: present::Present::new(),
            tour_panel: tour_panel::TourPanel::default(),
            outline: outline::Outline::default(),
            source_pane: source_pane::SourcePane::default(),
            evidence_window: evidence_window::EvidenceWindow::default(),
            evaluation: evaluation::Evaluation::default(),
            schemes: crate::io::schemes::bundled().clone(),
            search: Search::default(),
            status_bar: menus::StatusBar::default(),
            dialog: None,
            palette: None,
            intents: Vec::new(),
            pasted: Vec::new(),
            sent_title: String::new(),
            recovery: recovery::Recovery::disabled(),
            close_confirmed: false,
            generation: 0,
            #[cfg(feature = "live")]
            live: live::LiveUi::default(),
        }
    }

    /// Ids of the outline's rows in the last frame, top to bottom (folded
    /// branches leave theirs out).
    pub fn outline_row_ids(&self) -> Vec<String> {
        self.outline.row_ids()
    }

    /// The canvas zoom (1.0 = 100%, screen px per canvas px) of the last frame.
    pub fn zoom(&self) -> f32 {
        self.canvas.zoom()
    }

    /// Turns on autosave into `dir` (the user's data folder in the real app).
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery = recovery::Recovery::new(dir);
        if let Some((file, label)) = self.recovery.found() {
            self.dialog = Some(Dialog::Restore { file, label });
        }
        self
    }

    /// Queues work for the end of the frame.
    pub fn push(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// The whole window's content. Separate from [`eframe::App::ui`] so tests
    /// can drive it without a frame.
    pub fn main_ui(&mut self, ui: &mut egui::Ui) {
        install_fonts(ui.ctx());
        self.check_scripts();
        if self.present.session.is_some() {
            self.present_ui(ui);
            return;
        }
        self.handle_shortcuts(ui.ctx());
        self.handle_dropped_files(ui.ctx());
        self.refresh_evaluation(ui.ctx());
        if self.panels.menu_bar {
            menus::menu_bar_ui(self, ui);
        }
        if self.panels.status_bar {
            menus::status_bar_ui(self, ui);
        }
        if self.panels.outline {
            // The outline on the left, the selection's details (inspector
            // over the source text) on the right: the canvas keeps the whole
            // height between them, over half of the default window
            // (1400 × 900; it had under a third, then 40 % with the source
            // pane under it). The user's own sizes are remembered.
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| outline::outline_ui(self, ui));
        }
        if self.panels.inspector || self.panels.sources {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(330.0)
                .show(ui, |ui| {
                    if self.panels.sources {
                        let height = if self.panels.inspector {
                            ui.available_height() * 0.5
                        } else {
                            ui.available_height()
                        };
                        let pane = egui::Panel::bottom("sources")
                            .resizable(self.panels.inspector)
                            .default_size(height)
                            .show(ui, |ui| source_pane::source_pane_ui(self, ui));
                        self.source_pane.rect = Some(pane.response.rect);
                    }
                    if self.panels.inspector {
                        inspector::inspector_ui(self, ui);
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            menus::search_bar_ui(self, ui);
            self.nav_bars_ui(ui);
            self.canvas_ui(ui);
        });
        menus::palette_ui(self, ui.ctx());
        problems::problems_ui(self, ui.ctx());
        evidence_window::evidence_window_ui(self, ui.ctx());
        evaluation::evaluation_window_ui(self, ui.ctx());
        tour_panel::tour_panel_ui(self, ui.ctx());
        export_dialog::export_dialog_ui(self, ui.ctx());
        dialogs::dialog_ui(self, ui.ctx());
        #[cfg(feature = "live")]
        live::live_windows_ui(self, ui.ctx());
        self.poll_layout();
        self.run_intents(ui.ctx());
        #[cfg(feature = "live")]
        self.poll_live();
        self.update_title(ui.ctx());
        self.recovery.tick(&self.doc, ui.ctx());
        // egui drops a text field's focus on Esc before the next frame's
        // shortcuts run; remember it so that Esc only leaves the field.
        let typed = ui.ctx().egui_wants_keyboard_input();
        ui.ctx()
            .data_mut(|d| d.insert_temp(egui::Id::unique("argmap-typing-last-frame"), typed));
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.doc.window_title();
        if title != self.sent_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.sent_title = title;
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // egui matches shortcuts loosely (Tab also matches Shift+Tab), so
        // the ones with more modifiers go first.
        let mut actions = Action::ALL;
        actions.sort_by_key(|a| {
            let m = a.shortcut().map(|s| s.modifiers).unwrap_or_default();
            std::cmp::Reverse(u8::from(m.command || m.ctrl) + u8::from(m.shift) + u8::from(m.alt))
        });
        for action in actions {
            if typing && action.needs_canvas_focus() {
                continue;
            }
            if matches!(action, Action::Copy | Action::Cut | Action::Paste) {
                // Handled through the clipboard events above.
                continue;
            }
            let pressed = ctx.input_mut(|i| {
                [action.shortcut(), action.alternate_shortcut()]
                    .into_iter()
                    .flatten()
                    .any(|s| i.consume_shortcut(&s))
            });
            if pressed {
                self.push(Intent::Action(action));
            }
        }
        if !typing && self.editing.is_none() {
            let step = |i: &egui::InputState| if i.modifiers.shift { 50.0 } else { 10.0 };
            let (dx, dy) = ctx.input(|i| {
                let s = step(i);
                let mut d = (0.0, 0.0);
                if i.key_pressed(egui::Key::ArrowLeft) {
                    d.0 -= s;
                }
                if i.key_pressed(egui::Key::ArrowRight) {
                    d.0 += s;
                }
                if i.key_pressed(egui::Key::ArrowUp) {
                    d.1 -= s;
                }
                if i.key_pressed(egui::Key::ArrowDown) {
                    d.1 += s;
                }
                d
            });
            if (dx, dy) != (0.0, 0.0)
                && let Some(cmd) = self.nudge_selection(dx, dy)
            {
                // Arrow presses in a row are one move, like a drag.
                self.push(Intent::ApplyMerging(cmd, NUDGE_GESTURE));
            }
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Esc cancels what is in hand first (an edit, the palette, a
            // dialog, a focused text field); otherwise it closes the tool
            // windows (Problems, Evidence, Evaluation, Tours).
            let typed_last_frame = ctx.data(|d| {
                d.get_temp::<bool>(egui::Id::unique("argmap-typing-last-frame"))
                    .unwrap_or(false)
            });
            let in_hand = typing
                || typed_last_frame
                || self.editing.is_some()
                || self.palette.is_some()
                || self.export.open
                || self.dialog.is_some();
            self.editing = None;
            self.palette = None;
            if !in_hand {
                self.panels.problems = false;
                self.panels.evidence = false;
                self.evaluation.open = false;
                self.tour_panel.open = false;
            }
        }
        // The platform turns Ctrl+C/X/V into clipboard events.
        if !typing {
            let events = ctx.input(|i| i.events.clone());
            for event in events {
                match event {
                    egui::Event::Copy => self.push(Intent::Action(Action::Copy)),
                    egui::Event::Cut => self.push(Intent::Action(Action::Cut)),
                    egui::Event::Paste(text) => self.pasted.push(text),
                    _ => {}
                }
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.push(Intent::Open(path));
        }
    }

    /// Applies everything queued this frame.
    pub fn run_intents(&mut self, ctx: &egui::Context) {
        for text in std::mem::take(&mut self.pasted) {
            if std::mem::take(&mut self.source_pane.paste_as_source) {
                self.add_pasted_source(text);
            } else {
                let pointer = ctx.input(|i| i.pointer.latest_pos());
                self.paste_here(&text, pointer);
            }
        }
        let intents = std::mem::take(&mut self.intents);
        for intent in intents {
            match intent {
                Intent::Action(a) => self.run_action(a, ctx),
                Intent::Apply(cmd) => self.apply(cmd, None),
                Intent::ApplyMerging(cmd, key) => self.apply(cmd, Some(key)),
                Intent::Select(ids) => self.selection.0 = ids,
                Intent::Reveal(id) => {
                    self.selection.set(id.clone());
                    self.outline.reveal = Some(id.clone());
                    self.canvas.reveal = Some(id);
                }
                Intent::Open(path) => self.request(AfterSave::Open(path), ctx),
            }
        }
        self.selection.retain_existing(&self.doc.map);
        self.record_place();
        if let Some(edit) = &self.editing
            && self.doc.map.statement(&edit.id).is_none()
        {
            self.editing = None;
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(AfterSave::Quit));
            } else {
                self.recovery.clear();
            }
        }
    }

    /// Applies `cmd`, reporting a refusal in the status bar.
    pub fn apply(&mut self, cmd: Command, merge: Option<u64>) {
        let what = cmd.describe();
        match self.doc.apply_merging(cmd, merge) {
            Ok(_) => self.status.clear(),
            Err(e) => self.status = format!("Cannot {what}: {e}"),
        }
    }

    fn apply_edit(&mut self, edit: Option<editing::Edit>, what: &str) {
        let Some(mut edit) = edit else {
            self.status = format!("{what}: select a suitable node first");
            return;
        };
        // A new statement never lands on a box or a connector.
        if matches!(
            &edit.command,
            Command::AddStatement { .. } | Command::Batch(_)
        ) {
            let measurer = self.canvas.measurer();
            let occupied = self.occupied_rects();
            editing::place_clear_of(&mut edit.command, &measurer, &occupied);
        }
        match self.doc.apply(edit.command) {
            Ok(_) => {
                self.status.clear();
                if let Some(id) = edit.select {
                    self.selection.set(id.clone());
                    if edit.edit_text {
                        self.start_editing(&id);
                    }
                    self.canvas.reveal = Some(id);
                }
            }
            Err(e) => self.status = format!("Cannot {}: {e}", what.to_lowercase()),
        }
    }

    /// Starts editing statement `id` in place.
    pub fn start_editing(&mut self, id: &str) {
        if let Some(st) = self.doc.map.statement(id) {
            self.editing = Some(InPlaceEdit {
                id: id.to_owned(),
                buffer: st.text.clone(),
                focus: true,
            });
        }
    }

    /// Commits the in-place edit, if any, as one undo step.
    pub fn commit_editing(&mut self) {
        if let Some(edit) = self.editing.take()
            && self
                .doc
                .map
                .statement(&edit.id)
                .is_some_and(|s| s.text != edit.buffer)
        {
            self.apply(
                Command::EditStatement {
                    id: edit.id,
                    field: crate::ops::StatementField::Text(edit.buffer),
                },
                None,
            );
        }
    }

    /// Whether `action` can run now.
    pub fn is_enabled(&self, action: Action) -> bool {
        let has_selection = !self.selection.0.is_empty();
        match action {
            Action::Undo => self.doc.history.can_undo(),
            Action::Redo => self.doc.history.can_redo(),
            Action::EditText | Action::AddReason => self
                .selection
                .primary()
                .is_some_and(|id| self.doc.map.statement(id).is_some()),
            Action::AddObjection
            | Action::AddCoPremise
            | Action::Delete
            | Action::Copy
            | Action::Cut
            | Action::Duplicate => has_selection,
            Action::ConnectSupport | Action::ConnectAttack => self.selection.0.len() >= 2,
            Action::Paste => true,
            Action::AutoLayout => self.layout_job.is_none(),
            Action::ToggleFold => has_selection,
            Action::UnfoldAll => !self.doc.map.view().folded.is_empty(),
            Action::ToggleFocus => has_selection || self.nav.focus.is_some(),
            Action::Back => self.nav.history.can_go_back(),
            Action::Forward => self.nav.history.can_go_forward(),
            Action::ClearFilters => !self.nav.filters.is_empty(),
            Action::StepEarlier => self.selected_step_index().is_some_and(|(k, _)| k > 0),
            Action::StepLater => self
                .selected_step_index()
                .is_some_and(|(k, len)| k + 1 < len),
            Action::PickScheme => schemes_panel::can_pick(self),
            Action::PassageStatement => self.source_pane.selection.is_some(),
            Action::PassageEvidence | Action::PassageReason | Action::PassageObjection => {
                self.source_pane.selection.is_some() && has_selection
            }
            _ => true,
        }
    }

    /// The centre of what the canvas shows, in canvas coordinates.
    pub fn view_centre_of_canvas(&self) -> Pos {
        let c = self.canvas.view.center();
        Pos::new(c.x, c.y)
    }

    /// Runs one action.
    pub fn run_action(&mut self, action: Action, ctx: &egui::Context) {
        if !self.is_enabled(action) {
            return;
        }
        if !matches!(action, Action::EditText) {
            self.commit_editing();
        }
        let at = self.view_centre_of_canvas();
        let map = &mut self.doc.map;
        match action {
            Action::New | Action::Close => self.request(AfterSave::New, ctx),
            // Closing the window asks about unsaved changes (see `check_close`).
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Open => self.request(AfterSave::OpenDialog, ctx),
            Action::Save => self.save(None, ctx),
            Action::SaveAs => self.save_as(None, ctx),
            Action::Undo => {
                let before = self.doc.history.revision();
                match self.doc.undo() {
                    Ok(true) => self.select_changed_since(before),
                    Ok(false) => {}
                    Err(e) => self.status = format!("Cannot undo: {e}"),
                }
            }
            Action::Redo => {
                let before = self.doc.history.revision();
                match self.doc.redo() {
                    Ok(true) => self.select_changed_since(before),
                    Ok(false) => {}
                    Err(e) => self.status = format!("Cannot redo: {e}"),
                }
            }
            Action::NewStatement => {
                let edit = editing::new_statement(map, at);
                self.apply_edit(Some(edit), "New statement");
            }
            Action::EditText => {
                if let Some(id) = self.selection.primary().map(str::to_owned) {
                    self.start_editing(&id);
                }
            }
            Action::AddReason => {
                let edit =
                    editing::add_child(map, &self.selection, InferenceKind::Support, "New reason");
                self.apply_edit(edit, "Add reason");
            }
            Action::AddObjection => {
                let edit = editing::add_child(
                    map,
                    &self.selection,
                    InferenceKind::Conflict,
                    "New objection",
                );
                self.apply_edit(edit, "Add objection");
            }
            Action::PickScheme => schemes_panel::focus_picker(self, ctx),
            Action::AddCoPremise => {
                let edit = editing::add_co_premise(map, &self.selection);
                self.apply_edit(edit, "Add co-premise");
            }
            Action::ConnectSupport => {
                let edit = editing::connect(map, &self.selection, InferenceKind::Support);
                self.apply_edit(edit, "Connect as support");
            }
            Action::ConnectAttack => {
                let edit = editing::connect(map, &self.selection, InferenceKind::Conflict);
                self.apply_edit(edit, "Connect as attack");
            }
            Action::Delete => {
                let ids = self.selection.0.clone();
                self.apply(Command::Remove { ids }, None);
            }
            Action::Copy => self.copy(ctx),
            Action::Cut => {
                self.copy(ctx);
                let ids = self.selection.0.clone();
                self.apply(Command::Remove { ids }, None);
            }
            Action::Paste => self.push_paste(ctx),
            Action::Duplicate => {
                if let Some(text) = files::clipboard_text(&self.doc.map, &self.selection) {
                    self.paste_text(&text, 40.0);
                }
            }
            Action::SelectAll => {
                self.selection.0 = self
                    .doc
                    .map
                    .nodes_sorted()
                    .into_iter()
                    .filter(|n| n.is_statement())
                    .map(|n| n.id.clone())
                    .collect();
            }
            Action::Find => {
                // Over the source pane, Ctrl+F finds in the source text.
                let pointer = ctx.input(|i| i.pointer.hover_pos());
                let in_pane = self.panels.sources
                    && pointer
                        .zip(self.source_pane.rect)
                        .is_some_and(|(p, r)| r.contains(p));
                if in_pane {
                    self.source_pane.find.open = true;
                    self.source_pane.find.focus = true;
                } else {
                    self.search.open = true;
                    self.search.focus = true;
                }
            }
            Action::FitMap => self.canvas.zoom_request = Some(canvas::ZoomRequest::Fit),
            Action::ActualSize => self.canvas.zoom_request = Some(canvas::ZoomRequest::ActualSize),
            Action::Palette => self.palette = Some(String::new()),
            Action::AutoLayout => self.auto_layout(ctx),
            Action::ToggleSources => self.panels.sources = !self.panels.sources,
            Action::AttachSource => self.attach_source_dialog(),
            Action::Import => self.import_dialog(),
            Action::ImportSchemes => self.import_schemes_dialog(),
            Action::Problems => self.panels.problems = !self.panels.problems,
            Action::EvidenceTable => self.panels.evidence = !self.panels.evidence,
            Action::Export => self.export.open = true,
            #[cfg(feature = "live")]
            Action::ShareLive => self.live.share_open = true,
            #[cfg(feature = "live")]
            Action::JoinLive => self.live.join_open = true,
            #[cfg(not(feature = "live"))]
            Action::ShareLive | Action::JoinLive => {
                self.status = "This build has no live co-editing (feature `live`)".to_owned();
            }
            Action::PassageStatement => self.from_passage(source_pane::FromPassage::Statement),
            Action::PassageEvidence => self.from_passage(source_pane::FromPassage::Evidence),
            Action::PassageReason => self.from_passage(source_pane::FromPassage::Reason),
            Action::PassageObjection => self.from_passage(source_pane::FromPassage::Objection),
            Action::ToggleFold => {
                let ids = self.selection.0.clone();
                self.toggle_fold(&ids);
            }
            Action::UnfoldAll => {
                self.doc.map.view_mut().folded.clear();
                self.nav.touch_folds();
            }
            Action::ToggleFocus => self.toggle_focus(),
            Action::FocusDeeper => self.nav.set_depth(self.nav.focus_depth + 1),
            Action::FocusShallower => self.nav.set_depth(self.nav.focus_depth.saturating_sub(1)),
            Action::Back => {
                if let Some(place) = self.nav.history.back() {
                    self.go_to(place);
                }
            }
            Action::Forward => {
                if let Some(place) = self.nav.history.forward() {
                    self.go_to(place);
                }
            }
            Action::FilterBar => self.nav.filter_bar = !self.nav.filter_bar,
            Action::ClearFilters => {
                self.nav.filters.keys.clear();
                self.nav.touch();
            }
            Action::Minimap => self.nav.minimap = !self.nav.minimap,
            Action::Present => self.start_presenting(ctx),
            Action::Evaluation => self.evaluation.open = !self.evaluation.open,
            Action::EvalOverlay => self.evaluation.overlay = !self.evaluation.overlay,
            Action::Tours => {
                self.tour_panel.open = !self.tour_panel.open;
                self.canvas.invalidate_visibility();
            }
            Action::StepEarlier => self.move_selected_step(-1),
            Action::StepLater => self.move_selected_step(1),
        }
    }

    fn auto_layout(&mut self, ctx: &egui::Context) {
        // Compact layouts aim at the canvas's own shape.
        let r = self.canvas_screen_rect();
        let mut options = crate::layout::LayoutOptions::default();
        if r.width() > 1.0 && r.height() > 1.0 {
            options.aspect = r.width() / r.height();
        }
        let measurer = self.canvas.measurer();
        let nodes = self.doc.map.node_count();
        if nodes <= BACKGROUND_LAYOUT_NODES {
            let cmd = crate::autolayout::relayout(&self.doc.map, &measurer, &options, false);
            self.apply(cmd, None);
            self.canvas.zoom_request = Some(canvas::ZoomRequest::Fit);
            return;
        }
        let map = self.doc.map.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let cmd = crate::autolayout::relayout(&map, &measurer, &options, false);
            let _ = tx.send(cmd);
            repaint.request_repaint();
        });
        self.layout_job = Some(LayoutJob {
            result: rx,
            key: (self.generation, self.doc.content_revision),
            nodes,
        });
    }

    /// Applies a finished background layout, unless the map changed meanwhile.
    fn poll_layout(&mut self) {
        let Some(job) = &self.layout_job else { return };
        match job.result.try_recv() {
            Ok(cmd) => {
                let fresh = job.key == (self.generation, self.doc.content_revision);
                self.layout_job = None;
                if fresh {
                    self.apply(cmd, None);
                    self.canvas.zoom_request = Some(canvas::ZoomRequest::Fit);
                    self.status = "Auto-layout done".into();
                } else {
                    self.status =
                        "Auto-layout discarded: the map changed while it ran; run it again".into();
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.layout_job = None;
                self.status = "Auto-layout failed".into();
            }
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        if let Some(text) = files::clipboard_text(&self.doc.map, &self.selection) {
            ctx.copy_text(text);
            self.status = format!("Copied {} node(s)", self.selection.0.len());
        }
    }

    fn push_paste(&mut self, ctx: &egui::Context) {
        // egui delivers pasted text as an event; the canvas forwards it.
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
    }

    /// Pastes map text copied from Argmap (this or another map).
    pub fn paste_text(&mut self, text: &str, offset: f32) {
        match files::paste_command(&mut self.doc.map, text, offset) {
            Ok((mut cmd, ids)) => {
                let n = ids.len();
                let measurer = self.canvas.measurer();
                let occupied = self.occupied_rects();
                editing::place_group_clear_of(&mut cmd, &measurer, &occupied);
                self.apply(cmd, None);
                self.selection.0 = ids;
                self.status = format!("Pasted {n} node(s)");
            }
            Err(message) => self.status = message,
        }
    }

    /// Adds pasted text as a new source document (one undo step).
    pub fn add_pasted_source(&mut self, text: String) {
        if text.trim().is_empty() {
            self.status = "The clipboard holds no text to use as a source".into();
            return;
        }
        let n = self.doc.map.sources().count() + 1;
        let source = crate::model::Source {
            title: format!("Pasted text {n}"),
            text,
            ..crate::model::Source::default()
        };
        match self.doc.apply(Command::AddSource(source)) {
            Ok(applied) => {
                self.source_pane.shown = applied.created.first().cloned();
                self.panels.sources = true;
                self.status =
                    "Added the pasted text as a source; rename it under Source details".into();
            }
            Err(e) => self.status = format!("Cannot add the source: {e}"),
        }
    }

    /// Asks about unsaved changes before `then`, or does it at once.
    fn request(&mut self, then: AfterSave, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(then));
        } else {
            self.proceed(then, ctx);
        }
    }

    /// Does `then` (the user said Discard, or there was nothing to save).
    fn proceed(&mut self, then: AfterSave, ctx: &egui::Context) {
        match then {
            AfterSave::New => self.replace_document(Document::untitled()),
            AfterSave::OpenDialog => self.open_dialog(),
            AfterSave::Open(path) => self.open_path(&path),
            #[cfg(feature = "live")]
            AfterSave::JoinLive => self.start_joining(ctx),
            // Never requested without the feature: nothing to join.
            #[cfg(not(feature = "live"))]
            AfterSave::JoinLive => {}
            AfterSave::Quit => {
                self.recovery.clear();
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.recovery.clear();
        self.doc = doc;
        self.panels.problems |= !self.doc.map.conflicts().is_empty();
        self.generation += 1;
        self.outline.invalidate();
        self.selection = Selection::default();
        self.editing = None;
        self.search = Search::default();
        self.nav.forget_document();
        self.tour_panel.forget_document();
        self.canvas.zoom_request = Some(canvas::ZoomRequest::FirstView);
    }

    /// Opens `path`; on failure the current document stays and an error
    /// dialog names the file and the problem.
    pub fn open_path(&mut self, path: &Path) {
        match Document::open(path) {
            Ok((doc, warnings)) => {
                self.replace_document(doc);
                self.remember_recent(path);
                self.status = if warnings.is_empty() {
                    format!("Opened {}", path.display())
                } else {
                    format!("Opened with {} warning(s): {}", warnings.len(), warnings[0])
                };
            }
            Err(e) => {
                self.dialog = Some(Dialog::Error {
                    title: "Cannot open the map".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(10);
    }
}

/// Merge key for arrow-key nudges.
const NUDGE_GESTURE: u64 = 1;

impl eframe::App for ArgmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.main_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "recent", &self.recent);
        eframe::set_value(storage, "export", &self.export_settings);
    }
}

/// Live co-editing to start with the window (`argmap --share SERVER`,
/// `argmap --join ADDRESS --token TOKEN`); all `None`: none.
#[derive(Clone, Debug, Default)]
pub struct LiveStart {
    /// Share the opened map on this server (`ws://HOST:PORT`).
    pub share: Option<String>,
    /// Join the room at this address (`ws://HOST:PORT/ROOM`).
    pub join: Option<String>,
    /// The room's token, for `join`.
    pub token: Option<String>,
}

/// Opens the window on `path`, or on the bundled map, starting `live`.
/// Errors: the map does not load, the window cannot open, or live
/// co-editing was asked of a build without the `live` feature.
pub fn run(path: Option<&Path>, live: &LiveStart) -> anyhow::Result<()> {
    #[cfg(not(feature = "live"))]
    if live.share.is_some() || live.join.is_some() {
        anyhow::bail!("this build has no live co-editing (feature `live`)");
    }
    let live = live.clone();
    let doc = match path {
        Some(p) => Document::open(p)?.0,
        None => Document::bundled()?,
    };
    let title = doc.window_title();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            // Big enough for the readable first view of the speech map (the
            // thesis and its direct reasons at body text >= 11 px, pinned in
            // tests/first_view_ui.rs); window managers shrink it to fit
            // smaller screens, and a size the user chose is remembered.
            .with_inner_size([1600.0, 1000.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let recovery_dir = directories::ProjectDirs::from("org", "Argmap", "Argmap")
        .map(|d| d.data_dir().join("recovery"));
    eframe::run_native(
        "Argmap",
        options,
        Box::new(move |cc| {
            let mut app = ArgmapApp::new(doc);
            if let Some(dir) = recovery_dir {
                app = app.with_recovery_dir(dir);
            }
            if let Some(storage) = cc.storage {
                app.recent = eframe::get_value(storage, "recent").unwrap_or_default();
                app.export_settings = eframe::get_value(storage, "export").unwrap_or_default();
            }
            if let Some(dir) = directories::ProjectDirs::from("org", "Argmap", "Argmap")
                .map(|d| d.config_dir().join("schemes"))
            {
                app.load_scheme_folder(&dir);
            }
            if let Some(p) = path_for_recent(path) {
                app.remember_recent(&p);
            }
            #[cfg(feature = "live")]
            app.start_live(&live, &cc.egui_ctx);
            #[cfg(not(feature = "live"))]
            let _ = live;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

impl ArgmapApp {
    /// What a new statement or a paste must not land on: the boxes and
    /// connectors the canvas drew last frame (no re-measuring of the whole
    /// map per edit), or, before the first frame, the map measured afresh.
    fn occupied_rects(&self) -> Vec<crate::scene::Rect> {
        self.canvas.drawn_rects().unwrap_or_else(|| {
            source_pane::passage::occupied_rects(&self.doc.map, &self.canvas.measurer())
        })
    }

    /// After an undo or redo: selects the statements and inferences it
    /// changed that still exist, and brings the first into view, so the
    /// user sees what happened. Keeps the selection when nothing it changed
    /// is left (an undone addition) or the change was not tracked.
    fn select_changed_since(&mut self, revision: u64) {
        let Some(ids) = self.doc.history.touched_since(revision) else {
            return;
        };
        let map = &self.doc.map;
        let ids: Vec<String> = ids
            .into_iter()
            .filter(|id| map.node(id).is_some())
            .collect();
        let Some(first) = ids.first().cloned() else {
            return;
        };
        self.push(Intent::Reveal(first));
        self.push(Intent::Select(ids));
    }
}

/// Gives `ctx` the fonts the scene measures with (egui's bundled fonts
/// plus system fonts for the scripts they lack), once per context.
fn install_fonts(ctx: &egui::Context) {
    let id = egui::Id::unique("argmap-fonts-installed");
    if !ctx.data(|d| d.get_temp::<bool>(id).unwrap_or(false)) {
        ctx.set_fonts(crate::scene::fonts::definitions());
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

fn path_for_recent(path: Option<&Path>) -> Option<PathBuf> {
    path.map(Path::to_owned)
}
