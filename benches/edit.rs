//! Edits and zooms on a generated, laid-out 10,000-statement map, through
//! the whole app frame (canvas, outline, inspector, status bar) run
//! headless and tessellated, as in `benches/canvas.rs`.
//!
//! `edit_10k`: from applying one command to the next frame's tessellated
//! output, with the canvas at 100% on the middle of the map. Targets:
//! typing one character in a statement ≤ 4 ms, adding a reason ≤ 8 ms, a
//! drag step of 20 selected nodes ≤ 8 ms (issue 15). `frame_only` is the
//! same frame without an edit, for comparison.
//!
//! `zoom_10k`: one frame at 5, 10, 25, 50, 100 and 200 % on the middle of
//! the map. Targets: every frame ≤ 16 ms; at 50 % and above ≤ 4 ms.
//!
//! `scene_update_10k`: the scene's share of the same edits, without the
//! app: applying the command through the history and updating the scene
//! and its index node by node (`scene::update`), against `rebuild`, the
//! full scene build and index the canvas did before.

use std::hint::black_box;

use argmap::app::ArgmapApp;
use argmap::app::document::Document;
use argmap::layout::LayoutOptions;
use argmap::model::{IdKind, Inference, InferenceKind, Map, Pos, Role, Statement};
use argmap::ops::History;
use argmap::ops::{Command, Placement, StatementField};
use argmap::scene::{self, Scene, SceneIndex, SceneOptions, TextMeasurer};
use argmap::{autolayout, ops, synth};
use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, Vec2};

/// The generated 10k map, laid out as the app's Auto-layout would.
fn laid_out_map() -> Map {
    let mut map = synth::argument_map(10_000, 1);
    let measurer = TextMeasurer::new();
    let cmd = autolayout::relayout(&map, &measurer, &LayoutOptions::default(), true);
    ops::apply(&mut map, cmd).expect("the layout applies");
    map
}

/// The centre of the box around every node's position.
fn middle(map: &Map) -> Pos {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in map.nodes().filter_map(|n| n.pos) {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    Pos::new((x0 + x1) / 2.0, (y0 + y1) / 2.0)
}

/// The ids of the `n` statements nearest to `at`.
fn nearest_statements(map: &Map, at: Pos, n: usize) -> Vec<String> {
    let mut found: Vec<(f32, String)> = map
        .nodes()
        .filter(|node| node.is_statement())
        .filter_map(|node| {
            let p = node.pos?;
            Some(((p.x - at.x).powi(2) + (p.y - at.y).powi(2), node.id.clone()))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().take(n).map(|(_, id)| id).collect()
}

/// The app, its egui context and the input of a 1600 × 1000 window.
struct Rig {
    ctx: egui::Context,
    app: ArgmapApp,
    input: RawInput,
}

impl Rig {
    fn new(map: Map) -> Rig {
        let mut rig = Rig {
            ctx: egui::Context::default(),
            app: ArgmapApp::new(Document::new(map, None)),
            input: RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1600.0, 1000.0))),
                ..RawInput::default()
            },
        };
        // The first frames build the scene and the outline rows once.
        for _ in 0..3 {
            rig.frame();
        }
        rig
    }

    /// One whole frame, laid out and tessellated.
    fn frame(&mut self) -> usize {
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(self.input.clone(), |ui| app.main_ui(ui));
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // Textures are not uploaded anywhere here; dropping the delta keeps
        // debug builds from complaining.
        out.textures_delta.clear();
        primitives.len()
    }

    /// Shows the map's middle at `zoom`, settled over two frames.
    fn view(&mut self, at: Pos, zoom: f32) {
        self.app.set_canvas_view(at, zoom);
        self.frame();
        self.frame();
    }
}

fn edits(c: &mut Criterion) {
    let map = laid_out_map();
    let at = middle(&map);
    let typed = nearest_statements(&map, at, 1).remove(0);
    let dragged = nearest_statements(&map, at, 20);
    let mut rig = Rig::new(map);
    rig.view(at, 1.0);
    let mut group = c.benchmark_group("edit_10k");
    group.sample_size(30);

    group.bench_function("frame_only", |b| b.iter(|| black_box(rig.frame())));

    let base = rig
        .app
        .doc
        .map
        .statement(&typed)
        .expect("statement")
        .text
        .clone();
    let mut keystroke = 0u64;
    group.bench_function("type_one_char", |b| {
        b.iter(|| {
            // A new text every time, as typing makes: never a cached wrap.
            keystroke += 1;
            let cmd = Command::EditStatement {
                id: typed.clone(),
                field: StatementField::Text(format!("{base} {keystroke}")),
            };
            rig.app
                .doc
                .apply_merging(cmd, Some(1 << 40))
                .expect("edit applies");
            black_box(rig.frame())
        })
    });

    let mut step = 0u32;
    group.bench_function("drag_20_nodes", |b| {
        b.iter(|| {
            step += 1;
            let dx = if step.is_multiple_of(2) { 3.0 } else { -3.0 };
            let moves = dragged
                .iter()
                .map(|id| {
                    let p = rig
                        .app
                        .doc
                        .map
                        .node(id)
                        .and_then(|n| n.pos)
                        .unwrap_or_default();
                    (id.clone(), Pos::new(p.x + dx, p.y + 1.0))
                })
                .collect();
            rig.app
                .doc
                .apply_merging(Command::Move { moves }, Some(1 << 41))
                .expect("move applies");
            black_box(rig.frame())
        })
    });

    let mut added = 0u32;
    group.bench_function("add_reason", |b| {
        b.iter(|| {
            added += 1;
            let cmd = add_reason(&mut rig.app.doc.map, &typed, added);
            rig.app.doc.apply(cmd).expect("reason applies");
            black_box(rig.frame())
        })
    });
    group.finish();
}

fn zooms(c: &mut Criterion) {
    let map = laid_out_map();
    let at = middle(&map);
    let mut rig = Rig::new(map);
    let mut group = c.benchmark_group("zoom_10k");
    group.sample_size(20);
    for percent in [5u32, 10, 25, 50, 100, 200] {
        rig.view(at, percent as f32 / 100.0);
        group.bench_function(format!("frame_{percent}pct"), |b| {
            b.iter(|| black_box(rig.frame()))
        });
    }
    group.finish();
}

/// A reason under `target`: a new statement, its support and its
/// connector, placed as the app places them (`n` spreads them out).
fn add_reason(map: &mut Map, target: &str, n: u32) -> Command {
    let p = map.node(target).and_then(|n| n.pos).unwrap_or_default();
    let sid = map.allocate_id(IdKind::Statement);
    let iid = map.allocate_id(IdKind::Inference);
    let pos = Pos::new(p.x + 280.0 * (n % 7) as f32, p.y + 190.0);
    Command::Batch(vec![
        Command::AddStatement {
            id: Some(sid.clone()),
            statement: Statement::new("A new reason").with_role(Role::Premise),
            pos: Some(pos),
        },
        Command::Connect {
            id: Some(iid.clone()),
            inference: Inference::new(InferenceKind::Support),
            premises: vec![sid],
            target: target.to_owned(),
        },
        Command::Place(vec![Placement {
            id: iid,
            pos: Some(Pos::new((pos.x + p.x) / 2.0, (pos.y + p.y) / 2.0 + 20.0)),
            pinned: false,
        }]),
    ])
}

/// Applies `cmd` and brings `scene` and `index` up to date node by node.
fn apply_and_update(
    map: &mut Map,
    history: &mut History,
    view: &mut (Scene, SceneIndex),
    measurer: &TextMeasurer,
    cmd: Command,
) {
    let since = history.revision();
    history.apply(map, cmd).expect("command applies");
    let touched = history.touched_since(since).expect("known change");
    let options = SceneOptions::default();
    assert!(scene::update(
        &mut view.0,
        &mut view.1,
        map,
        measurer,
        &options,
        &touched
    ));
}

fn scene_updates(c: &mut Criterion) {
    let mut map = laid_out_map();
    let at = middle(&map);
    let typed = nearest_statements(&map, at, 1).remove(0);
    let dragged = nearest_statements(&map, at, 20);
    let measurer = TextMeasurer::new();
    let options = SceneOptions::default();
    let built = scene::build(&map, &measurer, &options);
    let index = SceneIndex::new(&built);
    let mut view = (built, index);
    let mut history = History::new();
    let mut group = c.benchmark_group("scene_update_10k");
    group.sample_size(30);
    group.bench_function("rebuild", |b| {
        b.iter(|| {
            let scene = scene::build(&map, &measurer, &options);
            let index = SceneIndex::new(&scene);
            black_box((scene, index))
        })
    });
    let base = map.statement(&typed).expect("statement").text.clone();
    let mut keystroke = 0u64;
    group.bench_function("type_one_char", |b| {
        b.iter(|| {
            keystroke += 1;
            let cmd = Command::EditStatement {
                id: typed.clone(),
                field: StatementField::Text(format!("{base} {keystroke}")),
            };
            apply_and_update(&mut map, &mut history, &mut view, &measurer, cmd);
        })
    });
    let mut step = 0u32;
    group.bench_function("drag_20_nodes", |b| {
        b.iter(|| {
            step += 1;
            let dx = if step.is_multiple_of(2) { 3.0 } else { -3.0 };
            let moves = dragged
                .iter()
                .map(|id| {
                    let p = map.node(id).and_then(|n| n.pos).unwrap_or_default();
                    (id.clone(), Pos::new(p.x + dx, p.y + 1.0))
                })
                .collect();
            apply_and_update(
                &mut map,
                &mut history,
                &mut view,
                &measurer,
                Command::Move { moves },
            );
        })
    });
    let mut added = 0u32;
    group.bench_function("add_reason", |b| {
        b.iter(|| {
            added += 1;
            let cmd = add_reason(&mut map, &typed, added);
            apply_and_update(&mut map, &mut history, &mut view, &measurer, cmd);
        })
    });
    group.finish();
}

criterion_group!(benches, edits, zooms, scene_updates);
criterion_main!(benches);
