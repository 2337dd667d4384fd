//! `argmap export MAP OUT.svg|png|pdf|html`: draw a map (or a selection of
//! it) as a diagram, or write it as one self-contained web page (HTML). The
//! format comes from OUT's extension. With `--tour NAME` (PDF only) it
//! writes the tour's hand-out, one page per step.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::io::native;
use crate::model::{EvalSemantics, Map, NodeIx};
use crate::render::handout::{HandoutOptions, render_tour};
use crate::render::pdf::PageSize;
use crate::render::{html, pdf, png, svg};
use crate::scene::{FigureOptions, SceneOptions, TextMeasurer, ThemeName};

/// What `argmap export` was asked for.
#[derive(Clone, Debug)]
pub struct ExportArgs<'a> {
    /// The map file.
    pub map: &'a Path,
    /// The file to write; its extension picks the format.
    pub out: &'a Path,
    /// `light` or `dark`.
    pub theme: &'a str,
    /// Pixels per canvas pixel (PNG only).
    pub scale: f32,
    /// Ids of the nodes to export; all when empty.
    pub select: &'a [String],
    /// Add a legend.
    pub legend: bool,
    /// Add the evidence appendix (SVG and PDF).
    pub evidence: bool,
    /// SVG: glyphs as paths instead of an embedded font.
    pub text_as_paths: bool,
    /// PDF: `fit`, `a4`, `a3` or `letter`.
    pub pages: &'a str,
    /// PDF: `auto`, `portrait` or `landscape`.
    pub orientation: &'a str,
    /// PDF: scale the map onto one page of `pages`.
    pub one_page: bool,
    /// PDF: the tour to print as a hand-out, one page per step.
    pub tour: Option<&'a str>,
    /// Draw the evaluation overlay under this semantics (`grounded`,
    /// `preferred`, `df-quad`…).
    pub eval: Option<&'a str>,
}

/// Runs the export, printing any error. Returns whether it succeeded.
pub fn run(args: &ExportArgs) -> bool {
    match export(args) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: {e:#}");
            false
        }
    }
}

fn export(args: &ExportArgs) -> Result<()> {
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !matches!(ext.as_str(), "svg" | "png" | "pdf" | "html" | "htm") {
        bail!(
            "cannot tell the format of {}: the file name must end in .svg, .png, .pdf or .html",
            args.out.display()
        );
    }
    let Some(theme) = ThemeName::parse(args.theme) else {
        bail!("unknown theme '{}': use light or dark", args.theme);
    };
    let Some(pages) = PageSize::parse(args.pages) else {
        bail!(
            "unknown page size '{}': use fit, a4, a3 or letter",
            args.pages
        );
    };
    let Some(orientation) = pdf::Orientation::parse(args.orientation) else {
        bail!(
            "unknown orientation '{}': use auto, portrait or landscape",
            args.orientation
        );
    };
    if args.one_page && pages == PageSize::Fit {
        bail!("--one-page needs --pages a4, a3 or letter");
    }
    if !(args.scale.is_finite() && args.scale > 0.0) {
        bail!("--scale must be a positive number, not {}", args.scale);
    }
    let loaded = native::load_file(args.map)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let map = loaded.map;
    let verdicts = match args.eval {
        Some(name) => {
            if args.tour.is_some() {
                bail!("--eval and --tour cannot be combined: a tour step chooses its own overlay");
            }
            let Some(semantics) = EvalSemantics::parse(name) else {
                let all: Vec<&str> = EvalSemantics::ALL.iter().map(|s| s.as_str()).collect();
                bail!(
                    "unknown semantics '{name}' for --eval (one of: {})",
                    all.join(", ")
                );
            };
            let v = crate::eval::verdicts(&map, semantics).map_err(|e| {
                anyhow::anyhow!(
                    "{} does not converge on {} (around {})",
                    semantics.as_str(),
                    args.map.display(),
                    e.ids.join(", ")
                )
            })?;
            Some(v)
        }
        None => None,
    };
    if let Some(name) = args.tour {
        return export_tour(args, &map, name, &ext, theme, pages);
    }
    if matches!(ext.as_str(), "html" | "htm") {
        return export_html(args, &map, theme, verdicts);
    }
    let only = if args.select.is_empty() {
        None
    } else {
        let mut set: HashSet<NodeIx> = HashSet::new();
        for id in args.select {
            let ix = map.index_of(id).with_context(|| {
                format!("--select: no node with id '{id}' in {}", args.map.display())
            })?;
            set.insert(ix);
        }
        Some(set)
    };
    let measurer = TextMeasurer::new();
    // SVG (and PNG and PDF, drawn from it) is XML: characters XML cannot
    // hold are dropped, and said so.
    if let Some(w) = crate::io::control_characters_dropped(&map) {
        eprintln!("warning: {}: {}", args.map.display(), w.message);
    }
    let uncovered = measurer.uncovered(crate::scene::fonts::map_texts(&map));
    if !uncovered.is_empty() {
        eprintln!(
            "warning: {}: {}",
            args.map.display(),
            crate::scene::fonts::describe(&uncovered)
        );
    }
    if ext == "svg" && !args.text_as_paths {
        let big = svg::fonts_not_embedded(&measurer, crate::scene::fonts::map_texts(&map));
        if !big.is_empty() {
            eprintln!(
                "warning: {} is not embedded (too large), so {} renders as drawn only where it is installed; use --text-as-paths for a file that renders anywhere",
                big.join(", "),
                args.out.display()
            );
        }
    }
    let bytes = if ext == "svg" {
        let options = svg::SvgOptions {
            theme,
            text_as_paths: args.text_as_paths,
            legend: args.legend,
            evidence_appendix: args.evidence,
            eval: verdicts,
        };
        svg::export(&map, &measurer, only, &options)?.into_bytes()
    } else {
        let figure = crate::scene::figure(
            &map,
            &measurer,
            &FigureOptions {
                scene: SceneOptions {
                    theme,
                    only,
                    ..SceneOptions::default()
                },
                legend: args.legend,
                evidence_appendix: args.evidence && ext == "pdf",
                eval: verdicts,
            },
        );
        if ext == "png" {
            png::render(&figure, &measurer, args.scale)?
        } else {
            let options = pdf::PdfOptions {
                pages,
                orientation,
                one_page: args.one_page,
            };
            let (w, h) = (figure.bounds.width(), figure.bounds.height());
            if let Some((_, scale)) =
                pdf::one_page_scale(w, h, pages, orientation).filter(|_| args.one_page)
            {
                outln!(
                    "one page, body text {:.1} pt",
                    crate::scene::BODY_SIZE * scale
                );
            }
            pdf::render_with(&figure, &measurer, &options)?
        }
    };
    crate::io::write_atomic(args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    outln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}

/// Writes the map as one web page (see [`crate::render::html`]).
fn export_html(
    args: &ExportArgs,
    map: &Map,
    theme: ThemeName,
    verdicts: Option<crate::eval::Verdicts>,
) -> Result<()> {
    if !args.select.is_empty() {
        bail!("--select is not supported for HTML: the page holds the whole map");
    }
    let measurer = TextMeasurer::new();
    let uncovered = measurer.uncovered(crate::scene::fonts::map_texts(map));
    if !uncovered.is_empty() {
        eprintln!(
            "warning: {}: {}",
            args.map.display(),
            crate::scene::fonts::describe(&uncovered)
        );
    }
    let big = svg::fonts_not_embedded(&measurer, crate::scene::fonts::map_texts(map));
    if !big.is_empty() {
        eprintln!(
            "warning: {} is not embedded (too large), so the drawing in {} uses it only where it is installed",
            big.join(", "),
            args.out.display()
        );
    }
    let options = html::HtmlOptions {
        theme,
        eval: verdicts,
        legend: args.legend,
    };
    let bytes = html::export(map, &measurer, &options)?.into_bytes();
    crate::io::write_atomic(args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    outln!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}

/// Writes the hand-out of tour `name` (see [`crate::render::handout`]).
fn export_tour(
    args: &ExportArgs,
    map: &Map,
    name: &str,
    ext: &str,
    theme: ThemeName,
    pages: PageSize,
) -> Result<()> {
    if ext != "pdf" {
        bail!("--tour writes a PDF hand-out: the file name must end in .pdf");
    }
    if !args.select.is_empty() {
        bail!("--tour and --select cannot be combined: the tour's steps choose what is shown");
    }
    let Some(tour) = map.tour(name) else {
        let names: Vec<&str> = map.tours().iter().map(|t| t.name.as_str()).collect();
        bail!(
            "no tour named '{name}' in {} (tours: {})",
            args.map.display(),
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        );
    };
    let options = HandoutOptions {
        theme,
        paper: pages,
        ..HandoutOptions::default()
    };
    let bytes = render_tour(map, tour, &TextMeasurer::new(), &options)?;
    crate::io::write_atomic(args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    outln!(
        "wrote {} ({} pages, {} bytes)",
        args.out.display(),
        tour.steps.len(),
        bytes.len()
    );
    Ok(())
}
