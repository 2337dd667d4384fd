//! Live co-editing on the generated 10,000-statement map (issue 16), every
//! node placed on a grid so the positions container is full.
//!
//! Printed once (criterion measures time only): the native file's size,
//! the CRDT document's size (Loro snapshot) when shared, and after 10,000
//! edits made through [`LiveSession::apply_local`] (half text edits, half
//! moves), and the size of those edits as one update; and how much of the
//! document is the copy of the native file it keeps for what is not kept in
//! step (`base`: structure, metadata, sources, tours; statement texts and
//! notes emptied), measured as a document holding only that copy.
//!
//! `collab_10k/share`: projecting the whole map into a new document.
//! `collab_10k/join`: a joining peer's map from that document's snapshot.
//! `collab_10k/local_text_edit`: one local text edit, applied, recorded
//! and exported as an update. `collab_10k/receive_text_edit`: the other
//! peer importing that update and bringing its map there (the part of the
//! sync latency on the receiving side, network excluded), incrementally as
//! the app does; `collab_10k/receive_text_edit_full`: the same the long way
//! (whole document read, whole map reconciled), for comparison.

use std::hint::black_box;

use argmap::collab::LiveSession;
use argmap::io::native;
use argmap::model::{Map, Pos};
use argmap::ops::{Command, History, StatementField};
use argmap::synth;
use criterion::{Criterion, criterion_group, criterion_main};

fn placed_map() -> Map {
    let mut map = synth::argument_map(10_000, 1);
    let ids: Vec<String> = map.nodes_sorted().iter().map(|n| n.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        let pos = Pos::new((k % 100) as f32 * 300.0, (k / 100) as f32 * 120.0);
        map.set_placement(id, Some(pos), false)
            .expect("the node exists");
    }
    map
}

fn statement_ids(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.clone())
        .collect()
}

/// Prints the sizes after 10,000 edits.
fn report_sizes() {
    let mut map = placed_map();
    let native_bytes = native::to_string(&map, &Default::default()).len();
    let mut session = LiveSession::share(&map, 1).expect("shares");
    let shared = session.snapshot().len();
    session.outgoing();
    let ids = statement_ids(&map);
    let mut history = History::new();
    let mut rng = synth::Rng::new(7);
    let start = std::time::Instant::now();
    for k in 0..10_000 {
        let id = ids[rng.below(ids.len())].clone();
        let cmd = if k % 2 == 0 {
            Command::EditStatement {
                id,
                field: StatementField::Text(synth::sentence(&mut rng)),
            }
        } else {
            let pos = Pos::new(rng.below(30_000) as f32, rng.below(12_000) as f32);
            Command::Move {
                moves: vec![(id, pos)],
            }
        };
        session
            .apply_local(&mut map, &mut history, cmd)
            .expect("the edit applies");
    }
    let applied = start.elapsed();
    let update = session.outgoing().map_or(0, |u| u.len());
    let after = session.snapshot().len();
    let native_after = native::to_string(&map, &Default::default()).len();
    let base_only = {
        let shared_doc = loro::LoroDoc::new();
        shared_doc.import(&session.snapshot()).expect("imports");
        let text = argmap::collab::crdt::read_base(&shared_doc).expect("a base");
        let doc = loro::LoroDoc::new();
        argmap::collab::crdt::write_base(&doc, &text).expect("writes");
        doc.commit();
        doc.export(loro::ExportMode::Snapshot)
            .expect("exports")
            .len()
    };
    eprintln!(
        "collab_10k sizes: native file {native_bytes} B; CRDT snapshot when shared {shared} B; \
         10,000 edits applied and recorded in {applied:?}; their update {update} B; \
         CRDT snapshot after {after} B = {:.2} x the native file after ({native_after} B); \
         a document holding only the shared native file (base) {base_only} B",
        after as f64 / native_after as f64
    );
}

/// A peer that edits the text of one statement, again and again.
struct Writer {
    map: Map,
    session: LiveSession,
    history: History,
    id: String,
    rng: synth::Rng,
}

impl Writer {
    fn new(map: &Map) -> Writer {
        let mut session = LiveSession::share(map, 1).expect("shares");
        session.outgoing();
        Writer {
            map: map.clone(),
            session,
            history: History::new(),
            id: statement_ids(map)[5000].clone(),
            rng: synth::Rng::new(3),
        }
    }

    /// Applies one text edit and gives its update.
    fn next_update(&mut self) -> Vec<u8> {
        let cmd = Command::EditStatement {
            id: self.id.clone(),
            field: StatementField::Text(synth::sentence(&mut self.rng)),
        };
        self.session
            .apply_local(&mut self.map, &mut self.history, cmd)
            .expect("the edit applies");
        self.session.outgoing().expect("an update")
    }
}

fn bench(c: &mut Criterion) {
    report_sizes();
    let map = placed_map();
    let mut group = c.benchmark_group("collab_10k");
    group.sample_size(10);
    group.bench_function("share", |b| {
        b.iter(|| black_box(LiveSession::share(&map, 1).expect("shares")))
    });
    let snapshot = LiveSession::share(&map, 1).expect("shares").snapshot();
    group.bench_function("join", |b| {
        b.iter(|| black_box(LiveSession::join(&snapshot, 2).expect("joins")))
    });
    let mut writer = Writer::new(&map);
    let (mut b_map, mut b_session) =
        LiveSession::join(&writer.session.snapshot(), 2).expect("joins");
    group.bench_function("local_text_edit", |b| {
        b.iter(|| black_box(writer.next_update()))
    });
    // Catch the reader up on the edits above before timing it.
    b_session.receive(&mut b_map, &writer.session.snapshot());
    group.bench_function("receive_text_edit", |b| {
        b.iter_batched(
            || writer.next_update(),
            |bytes| black_box(b_session.receive(&mut b_map, &bytes)),
            criterion::BatchSize::SmallInput,
        )
    });
    group.bench_function("receive_text_edit_full", |b| {
        b.iter_batched(
            || writer.next_update(),
            |bytes| black_box(b_session.receive_full(&mut b_map, &bytes)),
            criterion::BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
