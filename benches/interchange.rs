//! Interchange benchmarks: import a generated ~3 MB Argdown file, and
//! export a 10,000-statement generated map to Argdown and to Markdown.
//!
//! Targets (one core of the 2-core CI machine): Argdown import of 3 MB
//! ≤ 1 s; each export of 10k statements ≤ 300 ms.

use std::fmt::Write as _;
use std::hint::black_box;

use argmap::io::argdown::{self, ArgdownExportOptions, ArgdownImportOptions};
use argmap::io::markdown::{self, MarkdownOptions};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

/// Argdown of about `bytes` bytes using every construct the importer
/// reads: titles, relation trees, contradictions, arguments with
/// premise–conclusion structures, tags, data, comments, headings.
fn generated_argdown(bytes: usize) -> String {
    let mut rng = synth::Rng::new(5);
    let mut out = String::from("===\ntitle: Generated\nauthor: bench\n===\n\n");
    let mut k = 0;
    while out.len() < bytes {
        if k % 50 == 0 {
            let _ = writeln!(out, "# Section {k}\n");
        }
        let s = |rng: &mut synth::Rng| synth::sentence(rng);
        let _ = writeln!(
            out,
            "[T{k}]: {} #tag{} {{source: p. {k}}}",
            s(&mut rng),
            k % 7
        );
        let _ = writeln!(out, "  + [R{k}]: {}", s(&mut rng));
        let _ = writeln!(out, "    - <A{k}>: {} #(multi word)", s(&mut rng));
        let _ = writeln!(out, "  - {}", s(&mut rng));
        if k > 0 {
            let _ = writeln!(out, "  >< [T{}]", k - 1);
        }
        let _ = writeln!(out, "// a comment line\n\n<P{k}>\n");
        let _ = writeln!(out, "(1) [R{k}]\n(2) {}", s(&mut rng));
        let _ = writeln!(out, "-- Modus ponens {{uses: [1, 2]}} --");
        let _ = writeln!(out, "(3) [C{k}]: {}\n  +> [T{k}]\n", s(&mut rng));
        k += 1;
    }
    out
}

fn benches(c: &mut Criterion) {
    let text = generated_argdown(3 * 1024 * 1024);
    let options = ArgdownImportOptions::default();
    let loaded = argdown::import(&text, &options).expect("imports");
    eprintln!(
        "generated Argdown: {} bytes, {} statements, {} inferences, {} warnings",
        text.len(),
        loaded.map.statement_count(),
        loaded.map.inference_count(),
        loaded.warnings.len()
    );
    let mut group = c.benchmark_group("interchange");
    group.sample_size(10);
    group.bench_function("argdown import 3 MB", |b| {
        b.iter(|| argdown::import(black_box(&text), &options).expect("imports"))
    });
    let map = synth::argument_map(10_000, 42);
    let ad = ArgdownExportOptions::default();
    group.bench_function("argdown export 10k", |b| {
        b.iter(|| argdown::export(black_box(&map), &ad))
    });
    let md = MarkdownOptions::default();
    group.bench_function("markdown export 10k", |b| {
        b.iter(|| markdown::export(black_box(&map), &md))
    });
    group.finish();
}

criterion_group!(interchange, benches);
criterion_main!(interchange);
