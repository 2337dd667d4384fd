//! Reading and writing maps: one module per format, each with its own
//! options. Loaders return a map plus warnings and never panic on bad
//! input; errors name the file and the place in it.

pub mod aif;
pub mod argdown;
pub mod arggraph;
mod atomic;
pub mod dot;
pub mod dot_read;
mod error;
pub mod evidence_table;
pub mod formats;
pub mod graphml;
pub mod graphml_read;
pub mod json_path;
pub mod kialo;
mod loss;
pub mod markdown;
pub mod mermaid;
pub mod native;
pub mod sadface;
pub mod schemes;
pub mod xml;

pub use atomic::write_atomic;
pub use error::{LoadError, LoadErrorKind, Location};

/// Something worth telling the user about a file that still loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where in the file it applies, when known.
    pub at: Option<Location>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The text an exporter wrote, and what the format could not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    /// The file's content.
    pub text: String,
    /// Everything of the map that the format could not hold (the loss
    /// report); empty when the export is lossless.
    pub losses: Vec<Warning>,
}

/// A map that loaded, and what is worth saying about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The map.
    pub map: crate::model::Map,
    /// Problems that did not stop the load.
    pub warnings: Vec<Warning>,
}

/// The warning that a diagram export (SVG, and PNG and PDF drawn from it)
/// drops characters XML cannot hold from the nodes of `map` that have
/// them; `None` when none has.
pub fn control_characters_dropped(map: &crate::model::Map) -> Option<Warning> {
    loss::control_warning(
        "SVG",
        "dropped",
        &loss::nodes_with(map, loss::is_xml_forbidden),
    )
}
