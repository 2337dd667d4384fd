//! The Evaluation panel and the evaluation state the canvas overlay, the
//! outline and the inspector read: which semantics, which extension, the
//! cached result and what changed with the last edit.
//!
//! The result is cached by (document generation, evaluation revision) and
//! recomputed only when something evaluation reads changes (structure,
//! schemes, overrides, semantics: see [`crate::ops::may_change_evaluation`]);
//! typing, dragging and evidence edits keep it. Grounded and the gradual
//! semantics run on the UI thread (linear time); the other extension-based
//! semantics run on a background thread for maps over
//! [`BACKGROUND_EVAL_STATEMENTS`] statements, with a "computing…" state and
//! a Cancel button. A newer input cancels the older run: the solver checks
//! its cancel flag at every search step and stops.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::{ArgmapApp, Intent};
use crate::eval::{self, Label, MapEvaluation, Method};
use crate::model::{AcceptanceOverride, EvalOptions, EvalSemantics};
use crate::ops::Command;

/// Maps with more statements than this evaluate multi-extension semantics
/// off the UI thread.
pub const BACKGROUND_EVAL_STATEMENTS: usize = 300;

/// A finished evaluation of one map state.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Labels of an extension-based semantics.
    Labels(Box<MapEvaluation>),
    /// Strengths in `0.0..=1.0` of a gradual semantics, by node id.
    Strengths(BTreeMap<String, f64>),
    /// The gradual iteration did not converge (the message names where).
    Failed(String),
}

/// An outcome and the state it belongs to.
#[derive(Clone, Debug)]
struct Computed {
    /// (document generation, evaluation revision).
    key: (u64, u64),
    semantics: EvalSemantics,
    outcome: Outcome,
}

/// A background run of an extension-based semantics.
struct Job {
    key: (u64, u64),
    semantics: EvalSemantics,
    /// `None` when the solver was cancelled.
    result: Receiver<Option<MapEvaluation>>,
    /// Set to stop the solver.
    cancel: Arc<AtomicBool>,
}

impl Job {
    /// Stops the solver (it checks the flag at every step).
    fn stop(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // A job nobody waits for any more should not keep a core busy.
        self.stop();
    }
}

/// The what-if layer: each statement's override and base score from
/// before its first what-if change, so one batch command restores them.
#[derive(Clone, Debug, Default)]
pub struct WhatIf {
    /// Statement id → (override, base score) before the first change.
    pub originals: BTreeMap<String, (AcceptanceOverride, Option<f64>)>,
}

/// The Evaluation panel's and overlay's state.
#[derive(Default)]
pub struct Evaluation {
    /// Whether the Evaluation window is open.
    pub open: bool,
    /// Whether labels and strengths are drawn on the canvas and outline.
    pub overlay: bool,
    /// The extension shown: `None` for the summary (sceptical label over
    /// all extensions), `Some(k)` for extension `k` (0-based).
    pub extension: Option<usize>,
    /// The what-if layer, when the what-if toggle is on.
    pub what_if: Option<WhatIf>,
    computed: Option<Computed>,
    job: Option<Job>,
    /// The state and semantics whose run the user cancelled: not started
    /// again until either changes or they ask.
    cancelled: Option<((u64, u64), EvalSemantics)>,
    /// How many evaluations finished since the app started (for tests
    /// that check an edit did or did not cause one).
    runs: u64,
    /// The ids whose label (or strength) changed with the last recompute,
    /// in natural order.
    pub changed: Vec<String>,
    /// The labels shown (for `extension`), by node id, for the overlay.
    shown: HashMap<String, Label>,
    /// What `shown` was built for: (key, extension).
    shown_key: Option<((u64, u64), Option<usize>)>,
}

impl Evaluation {
    /// The current outcome (possibly of an older map state while a
    /// background run is computing).
    pub fn outcome(&self) -> Option<&Outcome> {
        self.computed.as_ref().map(|c| &c.outcome)
    }

    /// Whether a background run is going on.
    pub fn computing(&self) -> bool {
        self.job.is_some()
    }

    /// Stops the background run; the result shown stays the last one
    /// finished, and the run is not started again until the map or the
    /// semantics changes, or [`Evaluation::compute_again`].
    pub fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            self.cancelled = Some((job.key, job.semantics));
        }
    }

    /// How many evaluations have finished since the app started.
    pub fn runs(&self) -> u64 {
        self.runs
    }

    /// Whether the last run was cancelled (the labels shown are older).
    pub fn was_cancelled(&self) -> bool {
        self.cancelled.is_some()
    }

    /// Starts a cancelled run again (on the next refresh).
    pub fn compute_again(&mut self) {
        self.cancelled = None;
    }

    /// The label shown for node `id` (statement or inference), if the
    /// semantics gives labels.
    pub fn label_of(&self, id: &str) -> Option<Label> {
        self.shown.get(id).copied()
    }

    /// Every label shown, by node id, sorted (for tests and exports).
    pub fn shown_labels(&self) -> BTreeMap<String, Label> {
        self.shown.iter().map(|(k, v)| (k.clone(), *v)).collect()
    }

    /// Node `id`'s gradual strength, if the semantics is gradual.
    pub fn strength_of(&self, id: &str) -> Option<f64> {
        match self.outcome()? {
            Outcome::Strengths(s) => s.get(id).copied(),
            _ => None,
        }
    }

    fn rebuild_shown(&mut self) {
        let key = self.computed.as_ref().map(|c| (c.key, self.extension));
        if key == self.shown_key {
            return;
        }
        self.shown_key = key;
        self.shown.clear();
        if let Some(Outcome::Labels(e)) = self.outcome() {
            let shown: HashMap<String, Label> = match self.extension {
                Some(k) => e.labels(k).into_iter().collect(),
                None => e
                    .standings()
                    .into_iter()
                    .map(|(id, s)| (id, s.label))
                    .collect(),
            };
            self.shown = shown;
        }
    }

    /// Stores a finished outcome and works out what changed since the last.
    fn finish(&mut self, computed: Computed) {
        self.runs += 1;
        match &self.computed {
            // Same document: what the edit changed.
            Some(before) if before.key.0 == computed.key.0 => {
                self.changed = changed_between(&before.outcome, &computed.outcome);
            }
            // Another document: nothing to compare with, and the what-if
            // layer belonged to the old one.
            _ => {
                self.changed.clear();
                if let Some(w) = &mut self.what_if {
                    w.originals.clear();
                }
            }
        }
        if let Outcome::Labels(e) = &computed.outcome
            && self.extension.is_some_and(|k| k >= e.extension_count())
        {
            self.extension = None;
        }
        self.computed = Some(computed);
        self.rebuild_shown();
    }
}

/// Ids whose label (or strength, by more than 0.001) differs, sorted.
fn changed_between(before: &Outcome, now: &Outcome) -> Vec<String> {
    match (before, now) {
        (Outcome::Labels(b), Outcome::Labels(n)) => n.changed_since(b),
        (Outcome::Strengths(b), Outcome::Strengths(n)) => {
            let mut ids: Vec<String> = n
                .iter()
                .filter(|(id, s)| b.get(*id).is_none_or(|t| (*s - t).abs() > 1e-3))
                .map(|(id, _)| id.clone())
                .collect();
            ids.sort_by(|a, b| crate::model::ids::natural_cmp(a, b));
            ids
        }
        _ => Vec::new(),
    }
}

/// Evaluates `map` under `semantics` on this thread.
pub fn compute(map: &crate::model::Map, semantics: EvalSemantics) -> Outcome {
    match eval::method(semantics) {
        Method::Labels(s) => Outcome::Labels(Box::new(eval::evaluate(map, s))),
        Method::Strengths(g) => match eval::map_strengths(map, g) {
            Ok(s) => Outcome::Strengths(s),
            Err(e) => Outcome::Failed(format!("{e:?}")),
        },
    }
}

impl ArgmapApp {
    /// Brings the evaluation up to date with the map: takes a finished
    /// background result, or starts a computation when the map changed.
    /// Cheap when nothing changed; skipped while nothing shows a result
    /// (window closed, overlay off, no statement selected for the
    /// inspector), so edits on a big map do not pay for an evaluation
    /// nobody sees.
    pub fn refresh_evaluation(&mut self, ctx: &egui::Context) {
        let inspected = self
            .selection
            .primary()
            .is_some_and(|id| self.doc.map.statement(id).is_some());
        if !(self.evaluation.open || self.evaluation.overlay || inspected) {
            return;
        }
        let key = (self.generation, self.doc.history.evaluation_revision());
        let semantics = self.doc.map.eval_inputs().options.semantics;
        let ev = &mut self.evaluation;
        if ev.cancelled.is_some_and(|c| c != (key, semantics)) {
            ev.cancelled = None;
        }
        if let Some(job) = &ev.job {
            if job.key != key || job.semantics != semantics {
                // A newer input: stop the run (dropping the job stops it).
                ev.job = None;
            } else {
                match job.result.try_recv() {
                    Ok(None) => ev.job = None,
                    Ok(Some(result)) => {
                        let computed = Computed {
                            key,
                            semantics,
                            outcome: Outcome::Labels(Box::new(result)),
                        };
                        ev.job = None;
                        ev.finish(computed);
                    }
                    Err(TryRecvError::Empty) => {}
                    Err(TryRecvError::Disconnected) => ev.job = None,
                }
            }
        }
        let fresh = ev
            .computed
            .as_ref()
            .is_some_and(|c| c.key == key && c.semantics == semantics);
        if fresh || ev.job.is_some() || ev.cancelled.is_some() {
            ev.rebuild_shown();
            return;
        }
        let map = &self.doc.map;
        let slow = !matches!(
            eval::method(semantics),
            Method::Labels(eval::Semantics::Grounded) | Method::Strengths(_)
        );
        if slow && map.statement_count() > BACKGROUND_EVAL_STATEMENTS {
            let map = map.clone();
            let (tx, rx) = std::sync::mpsc::channel();
            let repaint = ctx.clone();
            let Method::Labels(s) = eval::method(semantics) else {
                return;
            };
            let cancel = Arc::new(AtomicBool::new(false));
            let flag = cancel.clone();
            std::thread::spawn(move || {
                let _ = tx.send(eval::evaluate_cancellable(&map, s, &flag));
                repaint.request_repaint();
            });
            ev.job = Some(Job {
                key,
                semantics,
                result: rx,
                cancel,
            });
            return;
        }
        let outcome = compute(map, semantics);
        ev.finish(Computed {
            key,
            semantics,
            outcome,
        });
    }

    /// Sets statement `id`'s acceptance override (recorded in the what-if
    /// layer when it is on).
    pub fn set_acceptance(&mut self, id: &str, value: AcceptanceOverride) {
        self.remember_what_if(id);
        self.push(Intent::Apply(Command::SetAcceptance {
            id: id.to_owned(),
            value,
        }));
    }

    /// Sets statement `id`'s base score; the steps of one slider drag
    /// (same `gesture`) merge into one undo step.
    pub fn set_base_score(&mut self, id: &str, score: Option<f64>, gesture: Option<u64>) {
        self.remember_what_if(id);
        let cmd = Command::SetBaseScore {
            id: id.to_owned(),
            score,
        };
        self.push(match gesture {
            Some(key) => Intent::ApplyMerging(cmd, key),
            None => Intent::Apply(cmd),
        });
    }

    fn remember_what_if(&mut self, id: &str) {
        let map = &self.doc.map;
        let before = (
            map.acceptance_override(id),
            map.eval_inputs().base_scores.get(id).copied(),
        );
        if let Some(w) = &mut self.evaluation.what_if {
            w.originals.entry(id.to_owned()).or_insert(before);
        }
    }

    /// Turns the what-if toggle on or off. Turning it off keeps the
    /// changes made (they become ordinary edits).
    pub fn set_what_if(&mut self, on: bool) {
        self.evaluation.what_if = on.then(WhatIf::default);
    }

    /// The command that undoes every what-if change still in effect, as
    /// one step; `None` when nothing differs from before.
    pub fn discard_what_ifs_command(&self) -> Option<Command> {
        let w = self.evaluation.what_if.as_ref()?;
        let map = &self.doc.map;
        let mut cmds = Vec::new();
        for (id, (acc, score)) in &w.originals {
            if map.statement(id).is_none() {
                continue;
            }
            if map.acceptance_override(id) != *acc {
                cmds.push(Command::SetAcceptance {
                    id: id.clone(),
                    value: *acc,
                });
            }
            if map.eval_inputs().base_scores.get(id).copied() != *score {
                cmds.push(Command::SetBaseScore {
                    id: id.clone(),
                    score: *score,
                });
            }
        }
        (!cmds.is_empty()).then_some(Command::Batch(cmds))
    }

    /// Restores every statement the what-if layer changed, in one undo
    /// step, and empties the layer (the toggle stays on).
    pub fn discard_what_ifs(&mut self) {
        if let Some(cmd) = self.discard_what_ifs_command() {
            self.apply(cmd, None);
            self.status = "Discarded the what-if changes".into();
        }
        if let Some(w) = &mut self.evaluation.what_if {
            w.originals.clear();
        }
    }
}

/// The Evaluation window, when open.
pub fn evaluation_window_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    if !app.evaluation.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Evaluation")
        // Below the menu bar, inside the app.
        .default_pos(egui::pos2(110.0, 90.0))
        .open(&mut open)
        .default_width(340.0)
        .show(ctx, |ui| evaluation_ui(app, ui));
    app.evaluation.open &= open;
}

fn evaluation_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let options = app.doc.map.eval_inputs().options;
    ui.horizontal(|ui| {
        let l = ui.label("Semantics");
        egui::ComboBox::from_id_salt("eval-semantics")
            .selected_text(options.semantics.as_str())
            .show_ui(ui, |ui| {
                for s in EvalSemantics::ALL {
                    if ui
                        .selectable_label(s == options.semantics, s.as_str())
                        .clicked()
                        && s != options.semantics
                    {
                        app.push(Intent::Apply(Command::SetEvalOptions(EvalOptions {
                            semantics: s,
                            ..options
                        })));
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    let mut unsupported = options.unsupported_not_accepted;
    if ui
        .checkbox(&mut unsupported, "Unsupported statements are not accepted")
        .changed()
    {
        app.push(Intent::Apply(Command::SetEvalOptions(EvalOptions {
            unsupported_not_accepted: unsupported,
            ..options
        })));
    }
    let mut overlay = app.evaluation.overlay;
    if ui
        .checkbox(&mut overlay, "Show labels on the map")
        .changed()
    {
        app.evaluation.overlay = overlay;
    }
    ui.separator();
    if app.evaluation.computing() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("computing {}…", options.semantics.as_str()));
            if ui
                .button("Cancel")
                .on_hover_text(
                    "Stop this computation; the labels shown stay those of the last finished one",
                )
                .clicked()
            {
                app.evaluation.cancel();
            }
        });
    } else if app.evaluation.was_cancelled() {
        ui.horizontal(|ui| {
            ui.label(
                egui::RichText::new(
                    "Cancelled: the labels shown are from an earlier state of the map",
                )
                .weak(),
            );
            if ui.button("Compute again").clicked() {
                app.evaluation.compute_again();
            }
        });
    }
    match app.evaluation.outcome().cloned() {
        Some(Outcome::Labels(e)) => extensions_ui(app, ui, &e),
        Some(Outcome::Strengths(s)) => {
            let mean = s.values().sum::<f64>() / s.len().max(1) as f64;
            ui.label(format!("{} nodes, mean strength {mean:.2}", s.len()));
        }
        Some(Outcome::Failed(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Not converging: {e}"));
        }
        None => {}
    }
    ui.separator();
    what_if_ui(app, ui);
    ui.separator();
    changed_ui(app, ui);
}

fn extensions_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, e: &MapEvaluation) {
    let n = e.extension_count();
    let standings = e.standings();
    let statements: Vec<_> = standings
        .iter()
        .filter(|(id, _)| app.doc.map.statement(id).is_some())
        .collect();
    let sceptical = statements.iter().filter(|(_, s)| s.sceptical).count();
    let credulous = statements.iter().filter(|(_, s)| s.credulous).count();
    ui.label(format!(
        "{n} extension{}{}",
        if n == 1 { "" } else { "s" },
        if e.enumeration.truncated {
            " (stopped at the limit)"
        } else {
            ""
        }
    ));
    ui.label(format!(
        "Statements accepted sceptically (in every extension): {sceptical}; credulously (in some): {credulous}; of {}",
        statements.len()
    ));
    if n > 1 {
        ui.horizontal(|ui| {
            let ev = &mut app.evaluation;
            if ui
                .selectable_label(ev.extension.is_none(), "Summary")
                .on_hover_text("IN when IN in every extension, OUT when OUT in every one")
                .clicked()
            {
                ev.extension = None;
            }
            let k = ev.extension.unwrap_or(0);
            if ui.button("<").on_hover_text("Previous extension").clicked() {
                ev.extension = Some(if ev.extension.is_none() || k == 0 {
                    n - 1
                } else {
                    k - 1
                });
            }
            match ev.extension {
                Some(k) => ui.label(format!("Extension {} of {n}", k + 1)),
                None => ui.label(format!("{n} extensions")),
            };
            if ui.button(">").on_hover_text("Next extension").clicked() {
                ev.extension = Some(match ev.extension {
                    None => 0,
                    Some(k) => (k + 1) % n,
                });
            }
        });
    }
    if n == 0 {
        ui.label("No extension exists: every node is shown UNDEC.");
    }
}

fn what_if_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let mut on = app.evaluation.what_if.is_some();
    if ui
        .checkbox(&mut on, "What-if")
        .on_hover_text(
            "Acceptance and base-score changes made while this is on can be discarded in one step",
        )
        .changed()
    {
        app.set_what_if(on);
    }
    if app.evaluation.what_if.is_some() {
        let count = match app.discard_what_ifs_command() {
            Some(Command::Batch(cmds)) => cmds.len(),
            _ => 0,
        };
        ui.horizontal(|ui| {
            ui.label(format!("{count} what-if change(s) in effect"));
            if ui
                .add_enabled(count > 0, egui::Button::new("Discard what-ifs"))
                .clicked()
            {
                app.discard_what_ifs();
            }
        });
    }
}

fn changed_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    let changed = app.evaluation.changed.clone();
    if changed.is_empty() {
        ui.label("No label changed with the last edit.");
        return;
    }
    ui.label(format!("{} changed:", changed.len()));
    egui::ScrollArea::vertical()
        .max_height(200.0)
        .show(ui, |ui| {
            for id in changed {
                let name = match app.doc.map.statement(&id) {
                    Some(s) => format!("{id}: {}", short(s.label(), 48)),
                    None => id.clone(),
                };
                let now = app
                    .evaluation
                    .label_of(&id)
                    .map(|l| l.as_str().to_owned())
                    .or_else(|| app.evaluation.strength_of(&id).map(|s| format!("{s:.2}")))
                    .unwrap_or_default();
                if ui
                    .link(format!("{name}: now {now}"))
                    .on_hover_text("Show this node")
                    .clicked()
                {
                    app.push(Intent::Reveal(id));
                }
            }
        });
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}
