//! Seminar navigation on the generated 10,000-statement map, as whole
//! frames (canvas, outline, inspector, status bar, minimap) at "fit map"
//! zoom: each iteration toggles focus (depth 2 around the thesis) or the
//! thesis's fold and draws the next frame, so the figure is the mean of
//! entering and leaving.
//!
//! Targets (issue 14): ≤ 16 ms per frame for entering or leaving focus at
//! depth 2, and for folding or unfolding the thesis.

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
    for _ in 0..3 {
        frame(&ctx, &mut app, &input);
    }
    app.push(Intent::Action(Action::FitMap));
    app.selection.set("s1");
    app.nav.set_depth(2);
    frame(&ctx, &mut app, &input);
    let mut group = c.benchmark_group("navigation_10k");
    group.sample_size(20);
    group.bench_function("focus_depth2_enter_or_leave", |b| {
        b.iter(|| {
            app.push(Intent::Action(Action::ToggleFocus));
            black_box(frame(&ctx, &mut app, &input))
        })
    });
    if app.nav.focus.is_some() {
        app.push(Intent::Action(Action::ToggleFocus));
        frame(&ctx, &mut app, &input);
    }
    app.selection.set("s1");
    group.bench_function("fold_thesis_or_unfold", |b| {
        b.iter(|| {
            app.push(Intent::Action(Action::ToggleFold));
            black_box(frame(&ctx, &mut app, &input))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
