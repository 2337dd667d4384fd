//! Crash recovery: unsaved work is written to a recovery file in the
//! user's data folder every 30 seconds and when the window loses focus. The
//! next start offers to restore it; a save or a clean exit removes it.
//! The file the work belongs to is written alongside, so restored work
//! keeps its path: the title names it and Save writes to it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::document::Document;
use crate::io::{LoadError, native, write_atomic};

/// How often unsaved work is written out.
pub const INTERVAL: Duration = Duration::from_secs(30);

const MAP_FILE: &str = "autosave.argmap.json";
const LABEL_FILE: &str = "autosave.label";
/// The document's own file (`path:`) or bundled map name (`bundled:`).
const ORIGIN_FILE: &str = "autosave.origin";

/// The autosave state of the app.
#[derive(Debug)]
pub struct Recovery {
    dir: Option<PathBuf>,
    last_write: Instant,
    written_revision: Option<u64>,
    was_focused: bool,
}

impl Recovery {
    /// Autosave into `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Recovery {
            dir: Some(dir),
            last_write: Instant::now(),
            written_revision: None,
            was_focused: true,
        }
    }

    /// No autosave (tests).
    pub fn disabled() -> Self {
        Recovery {
            dir: None,
            last_write: Instant::now(),
            written_revision: None,
            was_focused: true,
        }
    }

    /// A recovery file left by an earlier run, and what it was.
    pub fn found(&self) -> Option<(PathBuf, String)> {
        let dir = self.dir.as_ref()?;
        let file = dir.join(MAP_FILE);
        file.exists().then(|| {
            let label = std::fs::read_to_string(dir.join(LABEL_FILE))
                .unwrap_or_else(|_| "an unsaved map".into());
            (file, label)
        })
    }

    /// Writes the document out when it has unsaved changes and 30 seconds
    /// have passed or the window just lost focus.
    pub fn tick(&mut self, doc: &Document, ctx: &egui::Context) {
        let Some(dir) = self.dir.clone() else { return };
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if !doc.is_dirty() {
            return;
        }
        ctx.request_repaint_after(INTERVAL);
        let due = self.last_write.elapsed() >= INTERVAL || lost_focus;
        if due && self.written_revision != Some(doc.content_revision) {
            if let Err(e) = write(&dir, doc) {
                // Autosave must never interrupt work; the next tick tries again.
                eprintln!("argmap: autosave to {} failed: {e}", dir.display());
            }
            self.written_revision = Some(doc.content_revision);
            self.last_write = Instant::now();
        }
    }

    /// Writes now, whatever the timer says (used by tests and on exit paths).
    pub fn write_now(&mut self, doc: &Document) -> std::io::Result<()> {
        if let Some(dir) = &self.dir {
            write(dir, doc)?;
            self.written_revision = Some(doc.content_revision);
        }
        Ok(())
    }

    /// Removes the recovery file: the work is saved or deliberately dropped.
    pub fn clear(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_file(dir.join(MAP_FILE));
            let _ = std::fs::remove_file(dir.join(LABEL_FILE));
            let _ = std::fs::remove_file(dir.join(ORIGIN_FILE));
        }
        self.written_revision = None;
    }
}

fn write(dir: &Path, doc: &Document) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let label = match &doc.path {
        Some(p) => p.display().to_string(),
        None => doc.display_name(),
    };
    let origin = match (&doc.path, &doc.bundled_name) {
        (Some(p), _) => format!("path:{}", p.display()),
        (None, Some(name)) => format!("bundled:{name}"),
        (None, None) => String::new(),
    };
    write_atomic(&dir.join(MAP_FILE), doc.to_recovery_text().as_bytes())?;
    write_atomic(&dir.join(ORIGIN_FILE), origin.as_bytes())?;
    write_atomic(&dir.join(LABEL_FILE), label.as_bytes())
}

/// Loads a recovery file as an unsaved document, tied to the file (or
/// bundled map) the work was done on, as recorded next to it.
pub fn restore(file: &Path) -> Result<Document, LoadError> {
    let loaded = native::load_file(file)?;
    let origin = std::fs::read_to_string(file.with_file_name(ORIGIN_FILE)).unwrap_or_default();
    let path = origin
        .strip_prefix("path:")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let mut doc = Document::new(loaded.map, path);
    doc.bundled_name = origin
        .strip_prefix("bundled:")
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    doc.mark_unsaved();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Statement;
    use crate::ops::Command;

    #[test]
    fn write_find_restore_clear() {
        let dir = tempfile::tempdir().unwrap();
        let mut rec = Recovery::new(dir.path().to_owned());
        assert!(rec.found().is_none());
        let mut doc = Document::untitled();
        doc.apply(Command::AddStatement {
            id: None,
            statement: Statement::new("unsaved work"),
            pos: None,
        })
        .unwrap();
        rec.write_now(&doc).unwrap();
        let (file, label) = rec.found().unwrap();
        assert_eq!(label, "Untitled");
        let restored = restore(&file).unwrap();
        assert!(restored.is_dirty());
        assert_eq!(restored.map, doc.map);
        assert_eq!(restored.path, None);
        rec.clear();
        assert!(rec.found().is_none());
    }

    #[test]
    fn restored_work_keeps_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut rec = Recovery::new(dir.path().join("recovery"));
        let file = dir.path().join("mine.argmap.json");
        let mut doc = Document::new(crate::model::Map::new("Mine"), Some(file.clone()));
        doc.apply(Command::AddStatement {
            id: None,
            statement: Statement::new("unsaved work"),
            pos: None,
        })
        .unwrap();
        rec.write_now(&doc).unwrap();
        let (found, label) = rec.found().unwrap();
        assert_eq!(label, file.display().to_string());
        let restored = restore(&found).unwrap();
        assert_eq!(restored.path.as_deref(), Some(file.as_path()));
        assert_eq!(restored.display_name(), "mine.argmap.json");
        assert!(restored.is_dirty());
        // The bundled map stays the bundled map (Save asks for a location).
        let mut bundled = Document::bundled().unwrap();
        bundled.mark_unsaved();
        rec.write_now(&bundled).unwrap();
        let restored = restore(&rec.found().unwrap().0).unwrap();
        assert_eq!(restored.path, None);
        assert_eq!(restored.bundled_name, bundled.bundled_name);
    }
}
