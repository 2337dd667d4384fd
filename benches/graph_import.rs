//! Import of large GraphML and DOT files (issue 18): a generated map,
//! laid out, exported by Argmap itself to about 5 MB of each format, then
//! read back.
//!
//! Target (one core of the 2-core CI machine): each 5 MB import ≤ 500 ms.

use std::hint::black_box;

use argmap::io::dot_read::{self, DotImportOptions};
use argmap::io::graphml_read::{self, GraphmlImportOptions};
use argmap::io::{dot, graphml};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

/// Grows the map by a fifth until the export reaches `bytes`.
fn export_of_at_least(bytes: usize, export: impl Fn(&argmap::model::Map) -> String) -> String {
    let mut n = 1000;
    loop {
        let text = export(&synth::argument_map(n, 7));
        if text.len() >= bytes {
            return text;
        }
        n += n / 5;
    }
}

fn benches(c: &mut Criterion) {
    let five_mb = 5 * 1024 * 1024;
    let gml = export_of_at_least(five_mb, |m| {
        graphml::export(m, &graphml::GraphmlOptions::default()).text
    });
    let dot_text = export_of_at_least(five_mb, |m| {
        dot::export(m, &dot::DotOptions::default()).text
    });
    for (name, len, count) in [
        (
            "GraphML",
            gml.len(),
            graphml_read::import(&gml, &GraphmlImportOptions::default())
                .expect("imports")
                .map
                .node_count(),
        ),
        (
            "DOT",
            dot_text.len(),
            dot_read::import(&dot_text, &DotImportOptions::default())
                .expect("imports")
                .map
                .node_count(),
        ),
    ] {
        eprintln!("{name}: {len} bytes, {count} nodes");
    }
    let mut group = c.benchmark_group("graph_import");
    group.sample_size(10);
    group.bench_function("graphml_5mb", |b| {
        b.iter(|| graphml_read::import(black_box(&gml), &GraphmlImportOptions::default()))
    });
    group.bench_function("dot_5mb", |b| {
        b.iter(|| dot_read::import(black_box(&dot_text), &DotImportOptions::default()))
    });
    group.finish();
}

criterion_group!(graph_import, benches);
criterion_main!(graph_import);
