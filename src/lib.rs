//! Argmap: argument maps of claims, reasons, objections and evidence.
//!
//! Data flows one way: import → [`model`] → ([`ops`] commands → model) →
//! layout → scene → canvas or exporters. The library holds everything,
//! the desktop app and the CLI included; `main.rs` only dispatches.

#![warn(missing_docs)]

/// `println!` for command-line output that ends quietly when the reader
/// has gone away (`argmap stats --json | head`), instead of panicking on a
/// broken pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*)
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            std::process::exit(0);
        }
    }};
}

pub mod app;
pub mod autolayout;
pub mod bundled;
pub mod cli;
#[cfg(feature = "live")]
pub mod collab;
pub mod eval;
pub mod fuzz;
pub mod io;
pub mod layout;
pub mod merge;
pub mod model;
pub mod ops;
pub mod render;
pub mod scene;
pub mod synth;
