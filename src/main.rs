//! The `argmap` binary: the desktop app, or with a subcommand the CLI.

use std::process::ExitCode;

use argmap::{app, cli};
use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match app::run(
            args.file.as_deref(),
            &app::LiveStart {
                share: args.share,
                join: args.join,
                token: args.token,
            },
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}
