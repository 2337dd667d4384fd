//! `argmap convert IN OUT`: read one format, write another, and report
//! everything the conversion could not carry.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::io::formats::{self, Format};
use crate::io::{Warning, write_atomic};

/// What `convert` was asked to do.
#[derive(Clone, Debug)]
pub struct ConvertArgs {
    /// The input file.
    pub input: PathBuf,
    /// The output file.
    pub output: PathBuf,
    /// Input format, overriding the extension.
    pub from: Option<String>,
    /// Output format, overriding the extension.
    pub to: Option<String>,
    /// Fail (exit 1) on any loss.
    pub strict: bool,
    /// Markdown only: mark each statement with its label under this
    /// extension-based semantics (sceptical standing: IN or OUT in every
    /// extension, else UNDEC).
    pub eval: Option<String>,
    /// Accept an input that yields no statement (an empty map) instead of
    /// refusing it as probably another format.
    pub allow_empty: bool,
}

fn pick(name: Option<&str>, path: &Path, what: &str) -> Result<Format> {
    match name {
        Some(n) => Ok(Format::from_name(n)?),
        None => Format::from_path(path).ok_or_else(|| {
            anyhow!(
                "cannot tell the {what} format from '{}'; name it with --{}",
                path.display(),
                if what == "input" { "from" } else { "to" }
            )
        }),
    }
}

/// Converts; returns the import warnings and export losses. Errors when
/// nothing could be written.
pub fn convert(args: &ConvertArgs) -> Result<(Vec<Warning>, Vec<Warning>)> {
    let from = pick(args.from.as_deref(), &args.input, "input")?;
    let to = pick(args.to.as_deref(), &args.output, "output")?;
    if !from.can_import() {
        bail!("format {from} can only be written, not read");
    }
    if !to.can_export() {
        bail!("format {to} can only be read, not written");
    }
    let text = std::fs::read_to_string(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?;
    let loaded = if args.allow_empty {
        formats::import_allowing_empty(from, &text, Some(&args.input), None)?
    } else {
        formats::import(from, &text, Some(&args.input), None)?
    };
    let exported = match &args.eval {
        None => formats::export(to, &loaded.map)?,
        Some(name) => {
            if to != Format::Markdown {
                bail!("--eval marks labels in the Markdown outline only");
            }
            let sem = crate::eval::Semantics::parse(name)
                .ok_or_else(|| anyhow!("--eval takes grounded, complete, preferred, stable, semi-stable or ideal, not '{name}'"))?;
            let e = crate::eval::evaluate(&loaded.map, sem);
            let labels = e
                .standings()
                .into_iter()
                .map(|(id, st)| (id, st.label))
                .collect();
            crate::io::markdown::export(
                &loaded.map,
                &crate::io::markdown::MarkdownOptions {
                    labels: Some(labels),
                    ..Default::default()
                },
            )
        }
    };
    write_atomic(&args.output, exported.text.as_bytes())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    Ok((loaded.warnings, exported.losses))
}

/// Runs `convert`, printing the loss report to stderr. Returns success.
pub fn run(args: &ConvertArgs) -> bool {
    match convert(args) {
        Err(e) => {
            eprintln!("error: {e:#}");
            false
        }
        Ok((warnings, losses)) => {
            for w in &warnings {
                eprintln!("import warning: {w}");
            }
            for l in &losses {
                eprintln!("export loss: {l}");
            }
            let total = warnings.len() + losses.len();
            eprintln!(
                "converted {} → {}: {} import warnings, {} export losses",
                args.input.display(),
                args.output.display(),
                warnings.len(),
                losses.len()
            );
            if args.strict && total > 0 {
                eprintln!("error: --strict: the conversion lost information");
                return false;
            }
            true
        }
    }
}
