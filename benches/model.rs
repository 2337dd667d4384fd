//! Foundation benchmarks on a generated 10,000-statement map: load, save,
//! and 1,000 edits followed by undo of all of them.
//!
//! Targets (one core of the 2-core CI machine): load and save ≤ 100 ms each;
//! one edit plus its undo entry ≤ 50 µs whatever the map size.

use std::hint::black_box;

use argmap::io::native::{self, LoadOptions, SaveOptions};
use argmap::model::{Pos, Statement};
use argmap::ops::{Command, History, StatementField};
use argmap::synth;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn edits(map: &argmap::model::Map, n: usize) -> Vec<Command> {
    let mut rng = synth::Rng::new(99);
    let ids: Vec<String> = map
        .nodes_sorted()
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.clone())
        .collect();
    (0..n)
        .map(|k| {
            let id = ids[rng.below(ids.len())].clone();
            match k % 4 {
                0 => Command::EditStatement {
                    id,
                    field: StatementField::Text(synth::sentence(&mut rng)),
                },
                1 => Command::Move {
                    moves: vec![(id, Pos::new(k as f32, 3.0))],
                },
                2 => Command::AddStatement {
                    id: None,
                    statement: Statement::new("new"),
                    pos: None,
                },
                _ => Command::support(vec![id], ids[0].clone()),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let map = synth::argument_map(10_000, 1);
    let text = native::to_string(&map, &SaveOptions::default());
    let mut group = c.benchmark_group("native_10k");
    group.sample_size(20);
    group.bench_function("save", |b| {
        b.iter(|| black_box(native::to_string(&map, &SaveOptions::default())))
    });
    group.bench_function("load", |b| {
        b.iter(|| black_box(native::from_str(&text, &LoadOptions::default()).unwrap()))
    });
    group.finish();

    let mut group = c.benchmark_group("edits_10k");
    group.sample_size(20);
    let cmds = edits(&map, 1000);
    group.bench_function("1000_edits_then_undo_all", |b| {
        b.iter_batched(
            || (map.clone(), cmds.clone()),
            |(mut m, cmds)| {
                let mut h = History::new();
                for cmd in cmds {
                    h.apply(&mut m, cmd).unwrap();
                }
                while h.undo(&mut m).unwrap() {}
                m
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
