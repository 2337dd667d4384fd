//! The open document: the map, its undo history, where it lives on disk,
//! and whether it has unsaved changes.

use std::path::{Path, PathBuf};

use crate::io::{LoadError, Warning, native};
use crate::model::{Map, ModelError};
use crate::ops::{Applied, Command, History};

/// A map being edited.
pub struct Document {
    /// The map.
    pub map: Map,
    /// Its undo and redo steps.
    pub history: History,
    /// The file it was opened from or last saved to. `None` for a new map
    /// and for the bundled map, which is never written in place.
    pub path: Option<PathBuf>,
    /// Where the bundled map came from, shown instead of a path.
    pub bundled_name: Option<String>,
    /// The history state at the last save (or load); see [`History::state`].
    saved_state: u64,
    /// Bumped on every change to the map, for caches keyed on the content.
    pub content_revision: u64,
    /// Bumped when edits from other people are applied (they are not in
    /// the history, so caches updated from the history rebuild instead).
    pub remote_revision: u64,
    /// Whether edits from other people (live) were applied since the last
    /// save or load. They are not in the history, so no undo takes the map
    /// back to the saved file: only saving clears it.
    remote_unsaved: bool,
    /// The live co-editing session while the map is shared or joined
    /// (File > Share live…, Join live…): every local step is recorded in
    /// it; remote edits arrive through [`Document::receive_live`].
    #[cfg(feature = "live")]
    pub live: Option<crate::collab::LiveSession>,
}

impl Document {
    /// A document for `map`, as if just loaded from `path`.
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        let history = History::new();
        Document {
            saved_state: history.state(),
            map,
            history,
            path,
            bundled_name: None,
            content_revision: 0,
            remote_revision: 0,
            remote_unsaved: false,
            #[cfg(feature = "live")]
            live: None,
        }
    }

    /// An empty, untitled map.
    pub fn untitled() -> Self {
        Document::new(Map::new("Untitled map"), None)
    }

    /// Opens the map file at `path`; the warnings say what loaded with problems.
    pub fn open(path: &Path) -> Result<(Self, Vec<Warning>), LoadError> {
        let loaded = native::load_file(path)?;
        Ok((
            Document::new(loaded.map, Some(path.to_owned())),
            loaded.warnings,
        ))
    }

    /// The map built into the app.
    pub fn bundled() -> Result<Self, LoadError> {
        let loaded = crate::bundled::default_map()?;
        let mut doc = Document::new(loaded.map, None);
        doc.bundled_name = Some(crate::bundled::DEFAULT.file.to_owned());
        Ok(doc)
    }

    /// Marks the document as having unsaved changes (a restored recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Whether the map differs from the last save: false again after
    /// undoing back to it, unless edits from other people arrived since
    /// (see [`Document::receive_live`]).
    pub fn is_dirty(&self) -> bool {
        self.remote_unsaved || self.history.state() != self.saved_state
    }

    /// The file name to show, or "Untitled".
    pub fn display_name(&self) -> String {
        match (&self.path, &self.bundled_name) {
            (Some(p), _) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            (None, Some(name)) => format!("{name} (bundled)"),
            (None, None) => "Untitled".to_owned(),
        }
    }

    /// The window title: map title, file name and a dirty marker.
    pub fn window_title(&self) -> String {
        let dirty = if self.is_dirty() { "* " } else { "" };
        format!(
            "{dirty}{} — {} — Argmap",
            self.map.meta().title,
            self.display_name()
        )
    }

    /// Applies `cmd` as one undo step.
    pub fn apply(&mut self, cmd: Command) -> Result<Applied, ModelError> {
        self.apply_merging(cmd, None)
    }

    /// Applies `cmd`, merging with the previous step of the same gesture.
    pub fn apply_merging(
        &mut self,
        cmd: Command,
        merge: Option<u64>,
    ) -> Result<Applied, ModelError> {
        let applied = self.history.apply_merging(&mut self.map, cmd, merge)?;
        self.content_revision += 1;
        #[cfg(feature = "live")]
        if let Some(live) = &mut self.live {
            live.record_local(&self.map, &applied.inverse);
        }
        Ok(applied)
    }

    /// Undoes one step; false when there was nothing to undo. While live,
    /// only this user's own steps are undone (remote edits are not on the
    /// stack) and the result is shared.
    pub fn undo(&mut self) -> Result<bool, ModelError> {
        #[cfg(feature = "live")]
        let done = match &mut self.live {
            Some(live) => live.undo(&mut self.map, &mut self.history),
            None => self.history.undo(&mut self.map),
        }?;
        #[cfg(not(feature = "live"))]
        let done = self.history.undo(&mut self.map)?;
        self.content_revision += u64::from(done);
        Ok(done)
    }

    /// Redoes one step; false when there was nothing to redo.
    pub fn redo(&mut self) -> Result<bool, ModelError> {
        #[cfg(feature = "live")]
        let done = match &mut self.live {
            Some(live) => live.redo(&mut self.map, &mut self.history),
            None => self.history.redo(&mut self.map),
        }?;
        #[cfg(not(feature = "live"))]
        let done = self.history.redo(&mut self.map)?;
        self.content_revision += u64::from(done);
        Ok(done)
    }

    /// Notes remote edits applied to the map (by
    /// [`crate::collab::LiveClient::exchange`]): caches keyed on the
    /// content are rebuilt and the map reads as unsaved until the next
    /// save. The undo stack is left as it is.
    #[cfg(feature = "live")]
    pub fn receive_live(&mut self, applied: &crate::collab::RemoteApplied) {
        if !applied.commands.is_empty() {
            self.content_revision += 1;
            self.remote_revision += 1;
            // The file on disk no longer holds what the map shows.
            self.remote_unsaved = true;
        }
    }

    /// Saves to `path` atomically and remembers it as this document's file.
    /// The map's `modified` date is set when there were changes.
    pub fn save_to(&mut self, path: &Path, today: &str) -> std::io::Result<()> {
        if self.is_dirty() && self.map.meta().modified != today {
            let mut meta = self.map.meta().clone();
            meta.modified = today.to_owned();
            // A metadata-only change that is part of saving, not an undo step.
            let _ = self.map.set_meta(meta);
        }
        native::save_file(&self.map, path)?;
        self.path = Some(path.to_owned());
        self.bundled_name = None;
        self.saved_state = self.history.state();
        self.remote_unsaved = false;
        Ok(())
    }

    /// The text the document would be saved as (for crash recovery).
    pub fn to_recovery_text(&self) -> String {
        native::to_string(
            &self.map,
            &native::SaveOptions {
                inline_sources: true,
            },
        )
    }
}

/// Today's date as `YYYY-MM-DD` (UTC), for the `modified` field.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Statement;

    #[test]
    fn dirty_follows_history_and_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::untitled();
        assert!(!doc.is_dirty());
        doc.apply(Command::AddStatement {
            id: None,
            statement: Statement::new("x"),
            pos: None,
        })
        .unwrap();
        assert!(doc.is_dirty());
        assert!(doc.window_title().starts_with("* "));
        let path = dir.path().join("m.argmap.json");
        doc.save_to(&path, "2026-11-28").unwrap();
        assert!(!doc.is_dirty());
        assert_eq!(doc.map.meta().modified, "2026-11-28");
        doc.undo().unwrap();
        assert!(doc.is_dirty());
        let (reopened, warnings) = Document::open(&path).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(reopened.map.statement_count(), 1);
    }

    #[test]
    fn today_is_a_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert!(t.starts_with("20"));
    }

    #[test]
    fn undoing_back_to_the_saved_state_makes_the_map_saved_again() {
        use crate::model::{Pos, Statement};
        let mut doc = Document::untitled();
        assert!(!doc.is_dirty());
        let add = |id: &str| Command::AddStatement {
            id: Some(id.into()),
            statement: Statement::new(id),
            pos: Some(Pos::new(0.0, 0.0)),
        };
        doc.apply(add("a")).unwrap();
        assert!(doc.is_dirty());
        doc.undo().unwrap();
        assert!(!doc.is_dirty(), "back at the loaded state");
        doc.redo().unwrap();
        assert!(doc.is_dirty());
        // Save, edit twice (one merged gesture), undo once: saved again.
        let dir = tempfile::tempdir().unwrap();
        doc.save_to(&dir.path().join("m.argmap.json"), "2026-11-30")
            .unwrap();
        assert!(!doc.is_dirty());
        for x in [5.0, 9.0] {
            doc.apply_merging(
                Command::Move {
                    moves: vec![("a".into(), Pos::new(x, 0.0))],
                },
                Some(7),
            )
            .unwrap();
        }
        assert!(doc.is_dirty());
        doc.undo().unwrap();
        assert!(!doc.is_dirty(), "the whole gesture undone");
        // A different edit after undoing is not the saved state.
        doc.apply(add("b")).unwrap();
        assert!(doc.is_dirty());
    }
}
