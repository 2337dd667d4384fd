//! Evaluation benchmarks.
//!
//! On the generated 10,000-statement map (`synth::argument_map(10_000, 1)`):
//! grounded labelling plus DF-QuAD strengths ≤ 5 ms together (the overlay
//! updates within the frame of an edit); preferred and stable ≤ 200 ms.
//!
//! Preferred enumeration on random ICCMA-style frameworks of 50 and 100
//! arguments (each ordered pair attacks with probability 0.05, seeds
//! fixed). The 200-argument one is written but not timed here: one
//! strongly connected component of 200 arguments with about 10 attackers
//! each, on which the search does not finish in minutes (see the README).
//! The frameworks are written to `target/eval-bench/` so
//! `.ci/eval-bench-pyarg.py` can time PyArg on the very same files.

use std::hint::black_box;

use argmap::eval::{self, Framework, Semantics, formats};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

/// A random framework of `n` arguments, attack probability `percent`/100.
pub fn random_framework(n: usize, percent: u64, seed: u64) -> Framework {
    let mut rng = synth::Rng::new(seed);
    let mut pairs = Vec::new();
    for a in 0..n {
        for b in 0..n {
            if rng.chance(percent) {
                pairs.push((a, b));
            }
        }
    }
    Framework::from_pairs(n, &pairs)
}

fn map_benches(c: &mut Criterion) {
    let map = synth::argument_map(10_000, 1);
    c.bench_function("eval 10k map: grounded + df-quad", |b| {
        b.iter(|| {
            let t = eval::translate(black_box(&map));
            let s = eval::map_strengths_with(&map, &t, eval::Gradual::DfQuad).expect("acyclic map");
            let e = eval::evaluate_translated(t, Semantics::Grounded);
            (e.extension_count(), s.len())
        })
    });
    c.bench_function("eval 10k map: grounded", |b| {
        b.iter(|| eval::evaluate(black_box(&map), Semantics::Grounded).extension_count())
    });
    c.bench_function("eval 10k map: df-quad", |b| {
        b.iter(|| eval::map_strengths(black_box(&map), eval::Gradual::DfQuad).map(|s| s.len()))
    });
    c.bench_function("eval 10k map: preferred", |b| {
        b.iter(|| eval::evaluate(black_box(&map), Semantics::Preferred).extension_count())
    });
    c.bench_function("eval 10k map: stable", |b| {
        b.iter(|| eval::evaluate(black_box(&map), Semantics::Stable).extension_count())
    });
}

fn random_benches(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/eval-bench");
    let _ = std::fs::create_dir_all(&dir);
    let mut group = c.benchmark_group("preferred on random frameworks (p = 0.05)");
    group.sample_size(10);
    for n in [50usize, 100, 200] {
        let af = random_framework(n, 5, 1000 + n as u64);
        let _ = std::fs::write(
            dir.join(format!("random-{n}.af")),
            formats::write(&af, formats::AfFormat::Iccma),
        );
        if n > 100 {
            continue;
        }
        group.bench_function(format!("{n} arguments"), |b| {
            b.iter(|| {
                eval::enumerate(black_box(&af), Semantics::Preferred, usize::MAX)
                    .labellings
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, map_benches, random_benches);
criterion_main!(benches);
