//! `argmap serve [--bind ADDR] [--data DIR]`: runs the live co-editing
//! server (see [`crate::collab::server`]) until the process is ended.
//!
//! Prints one line, `argmap serve: listening on ws://ADDR`, on stdout once
//! it accepts connections (with `--bind 127.0.0.1:0` the port is the one
//! the system picked), then logs refused connections and messages to
//! stderr, one line each.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::collab::server::{self, ServeOptions};

/// The arguments of `argmap serve`.
#[derive(Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Folder for documents and room tokens.
    pub data: PathBuf,
    /// How often changed documents are saved, in ms.
    pub save_interval_ms: u64,
}

/// Runs the server; returns `false` (after printing why) if it could not
/// start or stopped with an error.
pub fn run(args: &ServeArgs) -> bool {
    if !args.bind.ip().is_loopback() {
        eprintln!(
            "argmap serve: listening on {}, reachable from other machines; anyone there with a \
             room's token can edit that map (traffic is not encrypted)",
            args.bind
        );
    }
    let opts = ServeOptions {
        bind: args.bind,
        data: args.data.clone(),
        save_interval_ms: args.save_interval_ms,
    };
    let result = server::run(&opts, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "argmap serve: listening on ws://{addr}");
        let _ = writeln!(out, "argmap serve: documents in {}", opts.data.display());
        let _ = out.flush();
    });
    match result {
        Ok(()) => true,
        Err(e) => {
            eprintln!("argmap serve: {e}");
            false
        }
    }
}
