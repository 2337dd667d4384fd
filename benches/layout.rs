//! Auto-layout benchmarks on generated argument maps of 1k, 10k and 20k
//! statements (about 2.1 nodes per statement once inference connectors are
//! counted), with estimated box sizes.
//!
//! Targets (2-core machine, release): 10k statements well under 1 s
//! (Graphviz `dot` takes about a minute; see `compare_dot.sh`), 20k under 2 s.

use std::hint::black_box;
use std::time::Duration;

use argmap::layout::{EstimatedSizes, LayoutOptions, layout};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

fn layout_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for n in [1_000, 10_000, 20_000] {
        let map = synth::argument_map(n, 1);
        let sizes = EstimatedSizes::new(&map);
        let options = LayoutOptions::default();
        group.bench_function(format!("argument_map_{n}"), |b| {
            b.iter(|| black_box(layout(black_box(&map), &sizes, &options)))
        });
    }
    group.finish();
}

criterion_group!(benches, layout_sizes);
criterion_main!(benches);
