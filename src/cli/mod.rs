//! The command-line interface: the same binary without a window.
//!
//! `argmap check|stats|fmt …` work on files and exit with a status a script
//! can test; with no subcommand the binary opens the desktop app.

mod check;
pub mod conformance;
mod conformance_graphs;
pub mod convert;
mod eval;
mod export;
mod fmt;
mod layout;
pub mod merge;
#[cfg(feature = "live")]
mod serve;
mod stats;
mod tour;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Argmap: argument maps of claims, reasons, objections and evidence.
#[derive(Debug, Parser)]
#[command(name = "argmap", version, about, long_about = None)]
pub struct Cli {
    /// What to do; with none, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A map to open in the app (default: the bundled speech map).
    pub file: Option<PathBuf>,
    /// App: share the opened map live on this server (`ws://HOST:PORT`, an
    /// `argmap serve`) at start; the room's address and token are printed
    /// and shown in the Share live window.
    #[arg(long, value_name = "SERVER", conflicts_with = "join")]
    pub share: Option<String>,
    /// App: join the map shared live at this address (`ws://HOST:PORT/ROOM`)
    /// at start, with --token.
    #[arg(long, value_name = "ADDRESS", requires = "token")]
    pub join: Option<String>,
    /// App: the room's token, with --join.
    #[arg(long, requires = "join")]
    pub token: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Validate maps and verify every evidence anchor against its source.
    /// Exits 1 if any file has an error or an unresolved merge conflict.
    Check {
        /// The map files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Also run the coverage lint (facts without evidence, evidence that
        /// supports nothing) and the scheme lint (unbound scheme roles, open
        /// critical questions, raised questions whose objection was
        /// deleted) and print their findings as warnings. Lint
        /// findings never change the exit status (orphaned anchors are
        /// errors of the anchor check, with or without --lint).
        #[arg(long)]
        lint: bool,
    },
    /// Lay a map file out automatically and save it (pinned nodes stay put
    /// unless --all).
    Layout {
        /// The map file.
        file: PathBuf,
        /// Place every node afresh, pinned ones too, and unpin them.
        #[arg(long)]
        all: bool,
        /// Thesis on the left, reasons to the right.
        #[arg(long)]
        left_right: bool,
        /// 0 (airy) to 1 (tight).
        #[arg(long, default_value_t = 0.5)]
        compactness: f32,
        /// compact (aimed at an aspect ratio) or wide (longest-path layers,
        /// "layered: wide").
        #[arg(long, default_value = "compact")]
        style: String,
        /// Compact: the wanted width / height of the drawing, e.g. 1.6.
        #[arg(long, conflicts_with = "page")]
        aspect: Option<f32>,
        /// Compact: aim at the printable area of this page (a4, a3 or letter).
        #[arg(long)]
        page: Option<String>,
        /// With --page: landscape (the default) or portrait.
        #[arg(long, default_value = "landscape", requires = "page")]
        orientation: String,
    },
    /// Print counts of a map.
    Stats {
        /// The map file.
        file: PathBuf,
        /// Print JSON (shape documented in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Rewrite maps in canonical form (sorted, 2-space indent).
    Fmt {
        /// The map files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only report files that are not canonical; exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Draw a map as a diagram: OUT.svg, OUT.png or OUT.pdf (format by
    /// extension), as laid out in the map; or OUT.html, one self-contained
    /// web page to explore it (evidence on click, search, outline, tours).
    Export {
        /// The map file.
        map: PathBuf,
        /// The file to write.
        out: PathBuf,
        /// Colours: light (for print) or dark.
        #[arg(long, default_value = "light")]
        theme: String,
        /// PNG only: device pixels per canvas pixel.
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Export only these node ids (with the inferences between them).
        #[arg(long, num_args = 1..)]
        select: Vec<String>,
        /// Add a legend of the colours and symbols (SVG, PNG, PDF, HTML).
        #[arg(long)]
        legend: bool,
        /// SVG and PDF: add an appendix listing the evidence quotes with their sources.
        #[arg(long)]
        evidence: bool,
        /// SVG only: draw text as paths instead of embedding the font.
        #[arg(long)]
        text_as_paths: bool,
        /// PDF only: fit (one page the size of the map), a4, a3 or letter.
        #[arg(long, default_value = "fit")]
        pages: String,
        /// PDF with --pages a4|a3|letter: auto, portrait or landscape.
        #[arg(long, default_value = "auto")]
        orientation: String,
        /// PDF with --pages a4|a3|letter: scale the map down onto one page
        /// instead of splitting it across pages at full size.
        #[arg(long)]
        one_page: bool,
        /// PDF only: a hand-out of the named tour, one A4 landscape page
        /// per step (or Letter with --pages letter), the step's note under
        /// the diagram.
        #[arg(long)]
        tour: Option<String>,
        /// Draw the evaluation overlay: labels (grounded, complete,
        /// preferred, stable, semi-stable, ideal: a badge and outline per
        /// statement, inferences that do not apply greyed) or strengths
        /// (df-quad, quadratic-energy, h-categorizer: a bar per statement).
        #[arg(long, value_name = "SEMANTICS")]
        eval: Option<String>,
    },
    /// List, show, generate or import the tours stored in a map.
    Tour {
        /// What to do.
        #[command(subcommand)]
        action: TourCommand,
    },
    /// Convert a map between formats (picked by extension); prints what
    /// could not be carried over to stderr.
    Convert {
        /// The file to read.
        input: PathBuf,
        /// The file to write (atomically).
        output: PathBuf,
        /// Input format (native, argdown, aif, kialo), overriding the extension.
        #[arg(long)]
        from: Option<String>,
        /// Output format (native, argdown, aif, graphml, dot, mermaid, markdown).
        #[arg(long)]
        to: Option<String>,
        /// Exit 1 if anything was lost.
        #[arg(long)]
        strict: bool,
        /// Markdown output: mark each statement's label under this
        /// semantics (grounded, complete, preferred, stable, semi-stable, ideal).
        #[arg(long)]
        eval: Option<String>,
        /// Accept an input that yields no statement (an empty map); without
        /// it such a file is refused as probably another format.
        #[arg(long)]
        allow_empty: bool,
    },
    /// Evaluate a map (.argmap.json) or an abstract framework (ICCMA .af,
    /// .apx, .tgf): labels (IN/OUT/UNDEC) or gradual strengths.
    Eval {
        /// The map or framework file.
        file: PathBuf,
        /// grounded, complete, preferred, stable, semi-stable, ideal,
        /// df-quad, quadratic-energy or h-categorizer (default: the map's
        /// own choice; grounded for frameworks).
        #[arg(long)]
        semantics: Option<String>,
        /// Print JSON (shape documented in the README).
        #[arg(long)]
        json: bool,
        /// Print why this statement or inference has its label.
        #[arg(long)]
        explain: Option<String>,
        /// Stop enumerating after this many extensions.
        #[arg(long, default_value_t = 1_000_000)]
        limit: usize,
    },
    /// Import every Argdown file of a corpus, and every GraphML, DOT,
    /// SADFace and arggraph file of a fixture folder, round-trip each, and
    /// compare counts with the folder's README.
    Conformance {
        /// The corpus folder: README.md with the reference counts, and any of
        /// argdown/, graphml/, dot/, sadface/, arggraph/.
        #[arg(default_value = "../shared/corpus")]
        dir: PathBuf,
    },
    /// Git's merge driver for map files (`argmap merge-driver %O %A %B %L
    /// %P`, set up by `argmap git-setup`): merges by entity id, writes the
    /// result into %A; exits 0 when clean, 1 with conflicts (kept in the
    /// file's `conflicts` list) or when an input is not a map.
    MergeDriver {
        /// %O: the common ancestor's version (empty when none).
        base: PathBuf,
        /// %A: our version, replaced by the result.
        ours: PathBuf,
        /// %B: their version.
        theirs: PathBuf,
        /// %L: conflict marker size (unused: conflicts go into the map).
        marker_size: String,
        /// %P: the file's path in the work tree.
        path: PathBuf,
    },
    /// Run the live co-editing server: the Loro sync server with the
    /// shared maps saved in --data, so they survive a restart. Joining a
    /// room needs the token made when the map was shared (File > Share live…).
    #[cfg(feature = "live")]
    Serve {
        /// Address and port to listen on (port 0: any free port, printed).
        #[arg(long, default_value = "127.0.0.1:9723")]
        bind: std::net::SocketAddr,
        /// Folder for the shared documents and room tokens (created if missing).
        #[arg(long, default_value = "argmap-live")]
        data: PathBuf,
        /// How often changed documents are written to --data, in ms.
        #[arg(long, default_value_t = 100)]
        save_interval_ms: u64,
    },
    /// Register the merge driver with git (`merge.argmap.*` config) and route
    /// `*.argmap.json` to it in `.gitattributes`. Safe to run again.
    GitSetup {
        /// For every repository of this user, not just the current one.
        #[arg(long)]
        global: bool,
    },
}

/// The `argmap tour` subcommands.
#[derive(Debug, Subcommand)]
pub enum TourCommand {
    /// Print each tour's name and number of steps.
    List {
        /// The map file.
        map: PathBuf,
    },
    /// Print a tour's steps: what each reveals and its note.
    Show {
        /// The map file.
        map: PathBuf,
        /// The tour's name.
        name: String,
    },
    /// Generate a tour depth first from the thesis (one inference with its
    /// premises per step, objections right after what they attack) and
    /// save it in the map.
    Generate {
        /// The map file.
        map: PathBuf,
        /// The new tour's name.
        #[arg(long, default_value = "Generated")]
        name: String,
        /// Replace a tour of the same name.
        #[arg(long)]
        replace: bool,
    },
    /// Add a tour from a JSON file (one entry of the map file's `tours`
    /// list) and save it in the map.
    Import {
        /// The map file.
        map: PathBuf,
        /// The tour's JSON file.
        file: PathBuf,
        /// Replace a tour of the same name.
        #[arg(long)]
        replace: bool,
    },
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: CliCommand) -> ExitCode {
    let ok = match command {
        CliCommand::Check { files, lint } => check::run(&files, lint),
        CliCommand::Stats { file, json } => stats::run(&file, json),
        CliCommand::Layout {
            file,
            all,
            left_right,
            compactness,
            style,
            aspect,
            page,
            orientation,
        } => layout::run(&layout::LayoutArgs {
            file: &file,
            all,
            left_right,
            compactness,
            style: &style,
            aspect,
            page: page.as_deref(),
            orientation: &orientation,
        }),
        CliCommand::Fmt { files, check } => fmt::run(&files, check),
        CliCommand::Export {
            map,
            out,
            theme,
            scale,
            select,
            legend,
            evidence,
            text_as_paths,
            pages,
            orientation,
            one_page,
            tour,
            eval,
        } => export::run(&export::ExportArgs {
            map: &map,
            out: &out,
            theme: &theme,
            scale,
            select: &select,
            legend,
            evidence,
            text_as_paths,
            pages: &pages,
            orientation: &orientation,
            one_page,
            tour: tour.as_deref(),
            eval: eval.as_deref(),
        }),
        CliCommand::Tour { action } => match &action {
            TourCommand::List { map } => tour::run(map, &tour::TourAction::List),
            TourCommand::Show { map, name } => tour::run(map, &tour::TourAction::Show { name }),
            TourCommand::Generate { map, name, replace } => tour::run(
                map,
                &tour::TourAction::Generate {
                    name,
                    replace: *replace,
                },
            ),
            TourCommand::Import { map, file, replace } => tour::run(
                map,
                &tour::TourAction::Import {
                    file,
                    replace: *replace,
                },
            ),
        },
        CliCommand::Convert {
            input,
            output,
            from,
            to,
            strict,
            eval,
            allow_empty,
        } => convert::run(&convert::ConvertArgs {
            input,
            output,
            from,
            to,
            strict,
            eval,
            allow_empty,
        }),
        CliCommand::Conformance { dir } => conformance::run(&dir),
        CliCommand::MergeDriver {
            base,
            ours,
            theirs,
            path,
            ..
        } => merge::run_driver_cli(&merge::DriverArgs {
            base: &base,
            ours: &ours,
            theirs: &theirs,
            path: &path,
        }),
        CliCommand::GitSetup { global } => merge::run_setup_cli(global),
        #[cfg(feature = "live")]
        CliCommand::Serve {
            bind,
            data,
            save_interval_ms,
        } => serve::run(&serve::ServeArgs {
            bind,
            data,
            save_interval_ms,
        }),
        CliCommand::Eval {
            file,
            semantics,
            json,
            explain,
            limit,
        } => eval::run(&eval::EvalArgs {
            file: &file,
            semantics: semantics.as_deref(),
            json,
            explain: explain.as_deref(),
            limit,
        }),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
