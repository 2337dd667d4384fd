//! UI state that is not part of the map: selection, hover, the text being
//! edited in place, search, and the dialogs that are open.

use std::path::PathBuf;

use crate::model::{Map, NodeData};

/// Which statements or inferences are selected; the last one is primary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(pub Vec<String>);

impl Selection {
    /// The primary (most recently selected) node.
    pub fn primary(&self) -> Option<&str> {
        self.0.last().map(String::as_str)
    }

    /// Whether `id` is selected.
    pub fn contains(&self, id: &str) -> bool {
        self.0.iter().any(|s| s == id)
    }

    /// Selects only `id`.
    pub fn set(&mut self, id: impl Into<String>) {
        self.0 = vec![id.into()];
    }

    /// Adds or removes `id` (Shift-click).
    pub fn toggle(&mut self, id: &str) {
        if let Some(i) = self.0.iter().position(|s| s == id) {
            self.0.remove(i);
        } else {
            self.0.push(id.to_owned());
        }
    }

    /// Forgets ids that no longer exist in `map` (after undo or delete).
    pub fn retain_existing(&mut self, map: &Map) {
        self.0.retain(|id| map.node(id).is_some());
    }

    /// The selected statements' ids, in selection order.
    pub fn statements<'a>(&'a self, map: &'a Map) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(|id| matches!(map.node(id).map(|n| &n.data), Some(NodeData::Statement(_))))
            .map(String::as_str)
    }
}

/// Text being edited in place on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InPlaceEdit {
    /// The statement.
    pub id: String,
    /// The text as typed so far.
    pub buffer: String,
    /// Whether the text field should take focus this frame.
    pub focus: bool,
}

/// The incremental search bar.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// Whether the bar is open.
    pub open: bool,
    /// The query.
    pub query: String,
    /// Ids of matching statements, in map order.
    pub hits: Vec<String>,
    /// Which hit is current.
    pub current: usize,
    /// Whether the field should take focus this frame.
    pub focus: bool,
}

/// What to do once the user has answered the unsaved-changes question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterSave {
    /// Start a new map.
    New,
    /// Show the open dialog.
    OpenDialog,
    /// Open this file.
    Open(PathBuf),
    /// Close the window.
    Quit,
    /// Join the live room typed into the Join live window (it replaces the
    /// open document).
    JoinLive,
}

/// What a path typed into the in-app file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a map.
    Open,
    /// Save the map.
    Save,
    /// Attach a text file as a source document.
    AttachSource,
    /// Import a map from another format.
    Import,
    /// Export the map to another format.
    Export,
    /// Load a catalogue of argumentation schemes.
    ImportSchemes,
}

/// A modal dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// An error message.
    Error {
        /// Short title.
        title: String,
        /// What went wrong, naming the file and place.
        message: String,
    },
    /// What an import or export could not carry over.
    Report {
        /// Short title.
        title: String,
        /// The report, one finding a line.
        message: String,
    },
    /// Save / Discard / Cancel before losing changes.
    Unsaved(AfterSave),
    /// The in-app file chooser, used when no native dialog is available.
    Path {
        /// What the chosen path is for.
        purpose: PathPurpose,
        /// The path typed so far.
        path: String,
        /// What to do after saving, if this save was asked for by a prompt.
        then: Option<AfterSave>,
    },
    /// Offer to restore work found in the recovery file.
    Restore {
        /// The recovery file.
        file: PathBuf,
        /// Which document it was.
        label: String,
    },
}
