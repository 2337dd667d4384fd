//! Timing harness for opening a big map (issue 15: the 10k map, from
//! process start to the first frame with the map drawn, ≤ 1 s).
//!
//! ```text
//! open_timing write OUT.argmap [N]   # write the generated N-statement map (default 10,000)
//! argmap layout OUT.argmap           # lay it out (time this too)
//! open_timing open OUT.argmap        # load, build the app, run frames until the map is drawn
//! ```
//!
//! `open` does what the app does between process start and the first
//! frame on screen, headless: read and parse the file, set up the app with
//! the document, and run egui frames (laid out and tessellated) until the
//! canvas has drawn the map. It prints the milliseconds from `main` to each
//! step. Time the whole process from outside as well (`time`, or
//! `date +%s%N` around it) to include loading the executable.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::io::native;
use egui::{Pos2, RawInput, Rect, Vec2};

fn main() -> Result<()> {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["write", out] => write(out, 10_000),
        ["write", out, n] => write(out, n.parse().context("N must be a number")?),
        ["open", file] => open(file, start),
        _ => bail!("usage: open_timing write OUT [N] | open_timing open FILE"),
    }
}

fn write(out: &str, n: usize) -> Result<()> {
    let map = argmap::synth::argument_map(n, 1);
    native::save_file(&map, std::path::Path::new(out)).with_context(|| format!("writing {out}"))?;
    println!("wrote {out}: {} nodes", map.node_count());
    Ok(())
}

fn open(file: &str, start: Instant) -> Result<()> {
    let ms = |t: Instant| t.duration_since(start).as_secs_f64() * 1e3;
    let (doc, warnings) =
        Document::open(std::path::Path::new(file)).with_context(|| format!("opening {file}"))?;
    let loaded = Instant::now();
    let nodes = doc.map.node_count();
    let unplaced = doc.map.nodes().filter(|n| n.pos.is_none()).count();
    let probe = doc
        .map
        .nodes_sorted()
        .first()
        .map(|n| n.id.clone())
        .context("the map is empty")?;
    let mut app = ArgmapApp::new(doc);
    let ctx = egui::Context::default();
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
        ..RawInput::default()
    };
    let mut frames = 0;
    let mut primitives = 0;
    // The app fits the map to the window and draws it on its first frame;
    // a node has a screen rectangle once the canvas has drawn its scene.
    while frames == 0 || app.node_screen_rect(&probe).is_none() {
        let mut out = ctx.run_ui(input.clone(), |ui| app.main_ui(ui));
        primitives = ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point)
            .len();
        out.textures_delta.clear();
        frames += 1;
        if frames > 10 {
            bail!("the canvas drew nothing in 10 frames");
        }
    }
    let drawn = Instant::now();
    println!(
        "{file}: {nodes} nodes ({unplaced} unplaced), {} warning(s)",
        warnings.len()
    );
    println!("loaded_ms={:.1}", ms(loaded));
    println!(
        "first_frame_drawn_ms={:.1} (after {frames} frames, {primitives} primitives)",
        ms(drawn)
    );
    Ok(())
}
