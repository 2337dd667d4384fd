//! How a map is viewed, saved with it but outside the undo history:
//! which nodes are folded. Commands never change it; the app changes it
//! directly, and the native format writes it as the optional `view` object.

use std::collections::BTreeSet;

use super::Map;

/// The saved view of a map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapView {
    /// Ids of folded nodes: their descendants (reasons, objections and
    /// their inferences, recursively) are hidden on the canvas and in the
    /// outline. Sorted, so files are deterministic.
    pub folded: BTreeSet<String>,
}

impl MapView {
    /// Whether nothing is folded (the file then has no `view` object).
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

impl Map {
    /// The saved view: which nodes are folded.
    pub fn view(&self) -> &MapView {
        &self.view
    }

    /// Changes the saved view. This is not an edit: it is not undone and
    /// does not mark the map as changed.
    pub fn view_mut(&mut self) -> &mut MapView {
        &mut self.view
    }
}
