//! The app's frame, headless, on a generated 10,000-statement map: the
//! whole window (canvas, outline, inspector, status bar) laid out and
//! tessellated, at "fit map" zoom and at 100%.
//!
//! Targets: ≤ 16 ms per frame at fit zoom, ≤ 2 ms at 100% (the canvas part).

use std::hint::black_box;

use argmap::app::actions::Action;
use argmap::app::document::Document;
use argmap::app::{ArgmapApp, Intent};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, Vec2};

fn frame(ctx: &egui::Context, app: &mut ArgmapApp, input: &RawInput) -> usize {
    let mut out = ctx.run_ui(input.clone(), |ui| app.main_ui(ui));
    let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    // Textures are not uploaded anywhere here; dropping the delta keeps
    // debug builds from complaining.
    out.textures_delta.clear();
    primitives.len()
}

fn bench(c: &mut Criterion) {
    let map = synth::argument_map(10_000, 1);
    let ctx = egui::Context::default();
    let mut app = ArgmapApp::new(Document::new(map, None));
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
        ..RawInput::default()
    };
    // The first frames build the scene and the outline rows once.
    for _ in 0..3 {
        frame(&ctx, &mut app, &input);
    }
    let mut group = c.benchmark_group("frame_10k");
    group.sample_size(20);
    app.push(Intent::Action(Action::FitMap));
    frame(&ctx, &mut app, &input);
    group.bench_function("fit_zoom", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, &input)))
    });
    app.push(Intent::Action(Action::ActualSize));
    frame(&ctx, &mut app, &input);
    group.bench_function("zoom_100", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, &input)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
