//! Source documents and map metadata.

use serde::{Deserialize, Serialize};

/// A document the map analyses, such as the text of a speech.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// Stable id, unique in the map.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Who wrote or said it.
    pub author: String,
    /// When it was written or given.
    pub date: String,
    /// Where it can be found on the web.
    pub url: String,
    /// The full text. Anchors count Unicode scalar values into it.
    pub text: String,
    /// Where the text lives, relative to the map file, when it is kept in a
    /// file of its own rather than inside the map.
    pub path: Option<String>,
}

/// Title, description and authorship of a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapMeta {
    /// The map's title.
    pub title: String,
    /// What the map is about.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Who made the map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// When the map was created (free-form, ISO 8601 recommended).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// When the map was last saved with changes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
}
