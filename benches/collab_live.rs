//! Loopback sync latency through the real `argmap serve` (issue 16): ten
//! peers in one room on the speech map; one edits, and we time from the
//! edit being applied on that peer to the same edit being applied on each
//! of the nine others (its text in their maps). All peers are pumped from
//! this one thread, so the figures include each peer's polling turn.
//!
//! Printed once: p50, p99 and max over 200 edits × 9 receivers (target:
//! p99 ≤ 50 ms), and where the time goes: how long the receiving peer's
//! exchange that applied the edit took (import, incremental apply), the
//! rest being the way through the server and each peer's polling turn. `collab_live/edit_reaches_9_peers`: criterion's timing of
//! one edit until the last of the nine has applied it.

#[path = "../tests/live/mod.rs"]
mod live;

use std::time::{Duration, Instant};

use argmap::ops::{Command, StatementField};
use criterion::{Criterion, criterion_group, criterion_main};
use live::{Peer, Server, speech_map};

/// The server (kept alive) and the ten peers.
struct Room {
    _server: Server,
    _data: tempfile::TempDir,
    peers: Vec<Peer>,
    target: String,
    seq: usize,
    /// Durations of the exchanges in which a receiver applied the edit.
    apply: Vec<Duration>,
}

impl Room {
    fn new() -> Room {
        let data = tempfile::tempdir().expect("temp dir");
        let server = Server::start(data.path(), "127.0.0.1:0");
        let (first, invite) = Peer::share(&server.url, speech_map(), 1);
        let target = first
            .map
            .nodes_sorted()
            .iter()
            .find(|n| n.is_statement())
            .map(|n| n.id.clone())
            .expect("a statement");
        let mut peers = vec![first];
        for id in 2..=10 {
            peers.push(Peer::join(&invite, id));
        }
        Room {
            _server: server,
            _data: data,
            peers,
            target,
            seq: 0,
            apply: Vec::new(),
        }
    }

    /// One edit on peer 0; gives how long each other peer took to apply it.
    fn edit(&mut self) -> Vec<Duration> {
        self.seq += 1;
        let text = format!("latency probe {}", self.seq);
        let cmd = Command::EditStatement {
            id: self.target.clone(),
            field: StatementField::Text(text.clone()),
        };
        let (first, others) = self.peers.split_first_mut().expect("ten peers");
        first
            .session
            .apply_local(&mut first.map, &mut first.history, cmd)
            .expect("the edit applies");
        let start = Instant::now();
        first.sync();
        let mut took: Vec<Option<Duration>> = vec![None; others.len()];
        while took.iter().any(Option::is_none) && start.elapsed() < Duration::from_secs(5) {
            for (peer, slot) in others.iter_mut().zip(took.iter_mut()) {
                if slot.is_some() {
                    continue;
                }
                let before = Instant::now();
                peer.sync();
                let spent = before.elapsed();
                let has = peer
                    .map
                    .statement(&self.target)
                    .is_some_and(|s| s.text == text);
                if has {
                    *slot = Some(start.elapsed());
                    self.apply.push(spent);
                }
            }
            first.sync();
            std::thread::sleep(Duration::from_micros(50));
        }
        took.into_iter()
            .map(|t| t.unwrap_or(Duration::from_secs(5)))
            .collect()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn latency(c: &mut Criterion) {
    let mut room = Room::new();
    for _ in 0..10 {
        room.edit();
    }
    room.apply.clear();
    let mut samples: Vec<Duration> = (0..200).flat_map(|_| room.edit()).collect();
    samples.sort_unstable();
    let mut apply = std::mem::take(&mut room.apply);
    apply.sort_unstable();
    eprintln!(
        "collab_live latency, 10 peers on the speech map, {} samples: p50 {:.2} ms, p99 {:.2} ms, \
         max {:.2} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    eprintln!(
        "collab_live where the time goes: the receiving exchange that applied the edit took \
         p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&apply, 0.50).as_secs_f64() * 1e3,
        percentile(&apply, 0.99).as_secs_f64() * 1e3,
        apply.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        eprintln!("collab_live load average (1, 5, 15 min): {}", load.trim());
    }
    let mut group = c.benchmark_group("collab_live");
    group.sample_size(20);
    group.bench_function("edit_reaches_9_peers", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| room.edit().into_iter().max().unwrap_or_default())
                .sum()
        })
    });
    group.finish();
}

criterion_group!(benches, latency);
criterion_main!(benches);
