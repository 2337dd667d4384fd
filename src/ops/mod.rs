//! Edits as commands, and their undo history.
//!
//! Every change to a map — from the canvas, the inspector, the outline, the
//! source pane, the CLI or a test — is a [`Command`] applied by [`apply`].
//! [`History`] records the inverse of each so it can be undone and redone.

mod command;
pub mod conflicts;
mod history;
pub mod schemes;
mod touched;

pub use command::{Applied, Command, Placement, StatementField, StepField, apply};
pub use history::{History, MAX_STEPS, MAX_TOUCHED, TOUCHED_LOG};
pub use touched::{may_change_evaluation, touched_nodes};

#[cfg(test)]
mod source_text_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tour_tests;
