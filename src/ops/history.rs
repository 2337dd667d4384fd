//! Undo and redo. The history stores inverse commands, never copies of the
//! map, so an ordinary edit costs the same on a ten-node map as on a
//! ten-thousand-node one.

use std::collections::VecDeque;

use super::command::{Applied, Command, apply};
use crate::model::{Map, ModelError};

/// One undoable step: the command that reverses it and what it was.
#[derive(Clone, Debug)]
struct Step {
    inverse: Command,
    label: String,
    /// The gesture key and what the command changed, when it may merge.
    merge: Option<(u64, String)>,
    /// The map state (see [`History::state`]) before the step and after it.
    before: u64,
    after: u64,
}

/// The undo and redo stacks of one document.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Bumped on every change, so callers can tell whether the map changed
    /// since they last looked (for example since the last save).
    revision: u64,
    /// The nodes each of the last changes touched, by the revision it
    /// produced (oldest first, consecutive); `None` for a change that
    /// touched more than [`MAX_TOUCHED`] nodes.
    touched: VecDeque<(u64, Option<Vec<String>>)>,
    /// Bumped on every change that may change evaluation (see
    /// [`super::touched::may_change_evaluation`]).
    evaluation_revision: u64,
    /// The id of the map state the history is at (see [`History::state`]).
    state: u64,
    /// The last state id handed out.
    last_state: u64,
}

/// Changes whose touched nodes are remembered (see [`History::touched_since`]).
pub const TOUCHED_LOG: usize = 64;

/// A change touching more nodes than this is remembered as "many"; callers
/// then rebuild instead of updating node by node.
pub const MAX_TOUCHED: usize = 2_000;

/// Most steps kept; the oldest go first.
pub const MAX_STEPS: usize = 10_000;

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// Applies `cmd` and records it as one undo step.
    pub fn apply(&mut self, map: &mut Map, cmd: Command) -> Result<Applied, ModelError> {
        self.apply_merging(map, cmd, None)
    }

    /// Applies `cmd`. When `merge` is `Some(key)` and the previous step was
    /// recorded with the same key and changed the same thing in the same
    /// way (see [`Command::merge_signature`]), both become one step: the
    /// moves of one drag, or the keystrokes of one text edit, undo together.
    pub fn apply_merging(
        &mut self,
        map: &mut Map,
        cmd: Command,
        merge: Option<u64>,
    ) -> Result<Applied, ModelError> {
        let label = cmd.describe();
        let merge = merge.and_then(|key| Some((key, cmd.merge_signature()?)));
        let applied = apply(map, cmd)?;
        self.redo.clear();
        self.record(map, &applied.inverse);
        let before = self.state;
        self.last_state += 1;
        self.state = self.last_state;
        let merges = merge.is_some() && self.undo.last().is_some_and(|s| s.merge == merge);
        if merges {
            // The earlier inverse already restores the state before the
            // whole gesture; this step's inverse would only restore a
            // midway state.
            if let Some(last) = self.undo.last_mut() {
                last.after = self.state;
            }
            return Ok(applied);
        }
        self.undo.push(Step {
            inverse: applied.inverse.clone(),
            label,
            merge,
            before,
            after: self.state,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        Ok(applied)
    }

    /// Ends any merging: the next command starts a new step even if it
    /// carries the same merge key.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.merge = None;
        }
    }

    /// Undoes the last step. Returns `Ok(false)` when there is nothing to undo.
    pub fn undo(&mut self, map: &mut Map) -> Result<bool, ModelError> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match apply(map, step.inverse.clone()) {
            Ok(applied) => {
                self.record(map, &applied.inverse);
                self.state = step.before;
                self.redo.push(Step {
                    inverse: applied.inverse,
                    label: step.label,
                    merge: None,
                    before: step.before,
                    after: step.after,
                });
                Ok(true)
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step. Returns `Ok(false)` when there is none.
    pub fn redo(&mut self, map: &mut Map) -> Result<bool, ModelError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match apply(map, step.inverse.clone()) {
            Ok(applied) => {
                self.record(map, &applied.inverse);
                self.state = step.after;
                self.undo.push(Step {
                    inverse: applied.inverse,
                    label: step.label,
                    merge: None,
                    before: step.before,
                    after: step.after,
                });
                Ok(true)
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What the next undo would undo, for the Edit menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What the next redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// A number that changes with every applied, undone or redone step.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The id of the map state the history is at: a new id for every
    /// applied command (a merged gesture gets one for its end), and undo
    /// and redo go back to the ids they left. Equal ids mean equal maps, so
    /// "unsaved changes" compares the state at the last save with this one
    /// (undoing back to the saved state makes the map saved again).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// Forgets every step (after loading another document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.revision += 1;
        self.evaluation_revision += 1;
        self.touched.clear();
        self.last_state += 1;
        self.state = self.last_state;
    }

    /// Bumped on every change that may change what evaluation computes
    /// (structure, scheme data, evaluation inputs), and not by text,
    /// position, evidence, source, metadata or tour edits; so an
    /// evaluation cached by it survives typing and dragging.
    pub fn evaluation_revision(&self) -> u64 {
        self.evaluation_revision
    }

    /// Bumps the revision and remembers which nodes the change whose
    /// inverse is `inverse` touched.
    fn record(&mut self, map: &Map, inverse: &Command) {
        self.revision += 1;
        if super::touched::may_change_evaluation(inverse) {
            self.evaluation_revision += 1;
        }
        let ids = super::touched::touched_nodes(map, inverse);
        let ids = (ids.len() <= MAX_TOUCHED).then_some(ids);
        self.touched.push_back((self.revision, ids));
        while self.touched.len() > TOUCHED_LOG {
            self.touched.pop_front();
        }
    }

    /// The ids of every node touched by the changes after `revision` (a
    /// value [`History::revision`] gave), sorted, each once; empty when
    /// nothing changed since. `None` when that is not known: the changes
    /// go back further than the last [`TOUCHED_LOG`], the history was
    /// cleared since, or a change touched more than [`MAX_TOUCHED`] nodes
    /// (see [`super::touched_nodes`] for what counts as touched).
    pub fn touched_since(&self, revision: u64) -> Option<Vec<String>> {
        if revision == self.revision {
            return Some(Vec::new());
        }
        let first = self.touched.front()?.0;
        if revision >= self.revision || revision + 1 < first {
            return None;
        }
        let mut ids = Vec::new();
        for (rev, touched) in &self.touched {
            if *rev > revision {
                ids.extend(touched.as_ref()?.iter().cloned());
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Some(ids)
    }
}
