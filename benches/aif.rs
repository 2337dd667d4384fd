//! Interchange benchmarks: import the largest AIF corpus file (QT30
//! nodeset 25445, 1,378 nodes; skipped when ../shared/corpus is absent),
//! target ≤ 50 ms; export a generated 10,000-statement map to GraphML, DOT,
//! Mermaid and AIF, target ≤ 300 ms each.

use std::hint::black_box;

use argmap::io::aif::{self, AifExportOptions, AifImportOptions};
use argmap::io::dot::{self, DotOptions};
use argmap::io::graphml::{self, GraphmlOptions};
use argmap::io::mermaid::{self, MermaidOptions};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

const LARGEST: &str = "../shared/corpus/aif/qt30-train__nodeset25445.json";

fn import(c: &mut Criterion) {
    let path = std::env::var("ARGMAP_CORPUS")
        .map(|d| format!("{d}/aif/qt30-train__nodeset25445.json"))
        .unwrap_or_else(|_| LARGEST.to_owned());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped the AIF import benchmark: {path} is absent");
        return;
    };
    c.bench_function("aif import 1378 nodes", |b| {
        b.iter(|| aif::import(black_box(&text), &AifImportOptions::default()).expect("imports"))
    });
}

fn export(c: &mut Criterion) {
    let map = synth::argument_map(10_000, 1);
    let mut group = c.benchmark_group("export 10k");
    group.sample_size(10);
    group.bench_function("graphml", |b| {
        b.iter(|| graphml::export(black_box(&map), &GraphmlOptions::default()))
    });
    group.bench_function("dot", |b| {
        b.iter(|| dot::export(black_box(&map), &DotOptions::default()))
    });
    group.bench_function("mermaid", |b| {
        b.iter(|| mermaid::export(black_box(&map), &MermaidOptions::default()))
    });
    group.bench_function("aif", |b| {
        b.iter(|| aif::export(black_box(&map), &AifExportOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, import, export);
criterion_main!(benches);
