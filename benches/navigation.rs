//! Seminar navigation on the generated 10,000-statement map, as whole
//! frames (canvas, outline, inspector, status bar, minimap) at "fit map"
//! zoom: each iteration toggles focus (depth 2 around the thesis) or the
//! thesis's fold and draws the next frame, so the figure is the mean of
//! entering and leaving.
//!
//! Present mode is measured the same way: F5 on the 10k map presents its
//! generated tour, and each iteration presses Right or Left (alternately,
//! so the step changes every time) and draws the frame that takes the key:
//! the step's picture and visibility are worked out anew and the camera
//! starts its glide. Once between the first two steps (little revealed),
//! once between the last two (the whole map revealed). Last, an idle frame
//! with the Tours window open on that tour (thousands of steps) and its
//! first step previewed on the canvas.
//!
//! Targets (issue 14): ≤ 16 ms per frame for entering or leaving focus at
//! depth 2, for folding or unfolding the thesis, and for a present-mode
//! step.

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
    app.push(Intent::Action(Action::UnfoldAll));
    frame(&ctx, &mut app, &input);
    app.selection.0.clear();
    app.push(Intent::Action(Action::Present));
    frame(&ctx, &mut app, &input);
    frame(&ctx, &mut app, &input);
    assert!(app.present_state().is_some_and(|s| s.steps > 2));
    let key = |key: egui::Key| RawInput {
        events: vec![egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }],
        ..input.clone()
    };
    let (right, left) = (key(egui::Key::ArrowRight), key(egui::Key::ArrowLeft));
    let step = |app: &ArgmapApp| app.present_state().map_or(usize::MAX, |s| s.step);
    // Each measured frame really changes the step.
    for input in [&right, &left] {
        let before = step(&app);
        frame(&ctx, &mut app, input);
        assert_ne!(step(&app), before, "the key changes the step");
    }
    let mut forward = true;
    group.bench_function("present_step_first", |b| {
        b.iter(|| {
            let input = if forward { &right } else { &left };
            forward = !forward;
            black_box(frame(&ctx, &mut app, input))
        })
    });
    assert!(step(&app) <= 1);
    // The last steps: everything revealed, the camera on the whole map.
    frame(&ctx, &mut app, &key(egui::Key::End));
    let last = step(&app);
    assert!(last > 1);
    let mut back = true;
    group.bench_function("present_step_last", |b| {
        b.iter(|| {
            let input = if back { &left } else { &right };
            back = !back;
            black_box(frame(&ctx, &mut app, input))
        })
    });
    assert!(step(&app) + 1 >= last);
    frame(&ctx, &mut app, &key(egui::Key::Escape));
    // The Tours window open on the generated tour, its step 1 selected
    // (the canvas previews it): a frame with nothing changing.
    let tour = argmap::model::tour_gen::generate_tour(&app.doc.map, "Generated");
    let steps = tour.steps.len();
    app.doc
        .apply(argmap::ops::Command::AddTour { index: None, tour })
        .expect("a new tour");
    // The same step's camera without the window, for comparison.
    app.tour_panel.open = true;
    app.tour_panel.select_step(Some(0));
    frame(&ctx, &mut app, &input);
    app.tour_panel.open = false;
    frame(&ctx, &mut app, &input);
    group.bench_function("idle_frame_tours_closed", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, &input)))
    });
    app.tour_panel.open = true;
    frame(&ctx, &mut app, &input);
    frame(&ctx, &mut app, &input);
    assert!(app.present_state().is_none() && steps > 1000);
    group.bench_function("tours_window_idle_frame", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, &input)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
