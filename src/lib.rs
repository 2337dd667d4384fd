//! Argmap: argument maps of claims, reasons, objections and evidence.
//!
//! Data flows one way: import → [`model`] → ([`ops`] commands → model) →
//! layout → scene → canvas or exporters. The library holds everything,
//! the desktop app and the CLI included; `main.rs` only dispatches.

#![warn(missing_docs)]

pub mod app;
pub mod autolayout;
pub mod bundled;
pub mod cli;
pub mod io;
pub mod layout;
pub mod model;
pub mod ops;
pub mod scene;
pub mod synth;
