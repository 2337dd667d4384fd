//! The git merge driver (`argmap merge-driver`) on two generated
//! 10,000-statement maps (`synth::argument_map`) with 100 edits on each side
//! from a common ancestor: text edits, new statements with a support, moves,
//! deletions and note edits on random statements (some on the same
//! statement on both sides, so the merge also records conflicts).
//!
//! `merge_10k/texts`: the whole driver's work short of file I/O, from the
//! three file texts to the merged file's text (parsing, migrating, merging,
//! repairing, reading the result back, writing it). `merge_10k/maps`: the
//! merge alone, from the three loaded maps to the merged map.
//! Target (issue 16): ≤ 300 ms for the driver.

use std::hint::black_box;
use std::path::Path;

use argmap::io::native::{self, NoSourceFiles, SaveOptions};
use argmap::merge::{merge_maps, merge_texts};
use argmap::model::{Map, Pos, Statement};
use argmap::ops::{Command, StatementField, apply};
use argmap::synth::{self, Rng};
use criterion::{Criterion, criterion_group, criterion_main};

/// `base` with 100 random edits made with `seed`; new ids are tagged with
/// `side` so both sides' additions are distinct statements.
fn edited(base: &Map, seed: u64, side: &str) -> Map {
    let mut map = base.clone();
    let mut rng = Rng::new(seed);
    let mut made = 0;
    while made < 100 {
        let id = format!("s{}", 1 + rng.below(10_000));
        if map.statement(&id).is_none() {
            continue;
        }
        let cmd = match rng.below(5) {
            0 => Command::EditStatement {
                id,
                field: StatementField::Text(synth::sentence(&mut rng)),
            },
            1 => Command::Batch(vec![
                Command::AddStatement {
                    id: Some(format!("{side}{made}")),
                    statement: Statement::new(synth::sentence(&mut rng)),
                    pos: None,
                },
                Command::support(vec![format!("{side}{made}")], id),
            ]),
            2 => Command::Move {
                moves: vec![(id, Pos::new(rng.below(5000) as f32, rng.below(5000) as f32))],
            },
            3 if id != "s1" => Command::Remove { ids: vec![id] },
            _ => Command::EditStatement {
                id,
                field: StatementField::Notes(synth::sentence(&mut rng)),
            },
        };
        if apply(&mut map, cmd).is_ok() {
            made += 1;
        }
    }
    map
}

fn bench_merge(c: &mut Criterion) {
    let base = synth::argument_map(10_000, 7);
    let ours = edited(&base, 11, "a");
    let theirs = edited(&base, 12, "b");
    let text = |m: &Map| native::to_string(m, &SaveOptions::default());
    let (bt, ot, tt) = (text(&base), text(&ours), text(&theirs));
    let path = Path::new("bench.argmap.json");
    let probe = merge_texts(&bt, &ot, &tt, &NoSourceFiles, path).expect("valid inputs");
    eprintln!(
        "merge_10k: {} conflicts, {} statements in the result",
        probe.merged.conflicts.len(),
        probe.merged.map.statement_count()
    );
    let mut group = c.benchmark_group("merge_10k");
    group.sample_size(10);
    group.bench_function("texts", |b| {
        b.iter(|| merge_texts(black_box(&bt), &ot, &tt, &NoSourceFiles, path).map(|m| m.text.len()))
    });
    group.bench_function("maps", |b| {
        b.iter(|| {
            merge_maps(Some(black_box(&base)), &ours, &theirs, &NoSourceFiles)
                .conflicts
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_merge);
criterion_main!(benches);
