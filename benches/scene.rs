//! Scene benchmarks on a generated 10,000-statement argument map (about
//! 11,000 inferences): building the scene (text measured and wrapped with
//! egui's font engine; cold, then with the measurer's cache warm, as the
//! app rebuilds after an edit) and exporting it as SVG and as the HTML page.
//!
//! Target: SVG export of the 10k-node map under 1 s (`svg_export`: the
//! app's case, text already measured for the canvas; `svg_export_cold`
//! also measures every text first, as the CLI does).
//! The generated map has no positions, so every node is first given the
//! scene's fallback grid placement (written into the map, as a layout
//! would), so the benchmark measures drawing, not placing.

use std::hint::black_box;

use argmap::model::Map;
use argmap::render::html::{self, HtmlOptions};
use argmap::render::svg::{self, SvgOptions};
use argmap::scene::{self, DEFAULT_BOX_WIDTH, SceneOptions, TextMeasurer};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

fn placed_map(n: usize) -> Map {
    let mut map = synth::argument_map(n, 42);
    let measurer = TextMeasurer::new();
    let positions = scene::fallback_positions(&map, &measurer, DEFAULT_BOX_WIDTH);
    for (ix, pos) in positions {
        let id = map.node_at(ix).expect("node").id.clone();
        map.set_placement(&id, Some(pos), false)
            .expect("node exists");
    }
    map
}

fn bench(c: &mut Criterion) {
    let map = placed_map(10_000);
    let mut group = c.benchmark_group("scene_10k");
    group.sample_size(10);
    group.bench_function("build_cold", |b| {
        b.iter(|| {
            let measurer = TextMeasurer::new();
            black_box(scene::build(&map, &measurer, &SceneOptions::default()))
        })
    });
    let measurer = TextMeasurer::new();
    let _ = scene::build(&map, &measurer, &SceneOptions::default());
    group.bench_function("build_warm", |b| {
        b.iter(|| black_box(scene::build(&map, &measurer, &SceneOptions::default())))
    });
    group.bench_function("svg_export", |b| {
        b.iter(|| {
            black_box(svg::export(&map, &measurer, None, &SvgOptions::default()).expect("svg"))
        })
    });
    group.bench_function("svg_export_cold", |b| {
        b.iter(|| {
            let measurer = TextMeasurer::new();
            black_box(svg::export(&map, &measurer, None, &SvgOptions::default()).expect("svg"))
        })
    });
    group.bench_function("html_export", |b| {
        b.iter(|| black_box(html::export(&map, &measurer, &HtmlOptions::default()).expect("html")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
