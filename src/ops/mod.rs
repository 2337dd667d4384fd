//! Edits as commands, and their undo history.
//!
//! Every change to a map — from the canvas, the inspector, the outline, the
//! source pane, the CLI or a test — is a [`Command`] applied by [`apply`].
//! [`History`] records the inverse of each so it can be undone and redone.

mod command;
mod history;
pub mod schemes;

pub use command::{Applied, Command, Placement, StatementField, apply};
pub use history::{History, MAX_STEPS};

#[cfg(test)]
mod source_text_tests;
#[cfg(test)]
mod tests;
