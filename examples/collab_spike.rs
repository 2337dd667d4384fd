//! The spike behind `docs/collab-decision.md`: Loro against Yrs on the
//! generated 10k map, same projection as `src/collab/crdt.rs` (statements,
//! inferences, positions in their own map). Builds the shared document,
//! applies 10,000 seeded edits (half text, half moves) on a second peer and
//! merges them back; prints sizes (bytes) and times.
//! Run: `cargo run --example collab_spike`.
use argmap::{io::native, synth};
use std::time::Instant;

struct Edit {
    id: String,
    text: Option<String>,
    pos: Option<(f32, f32)>,
}

fn edits(map: &argmap::model::Map, n: usize) -> Vec<Edit> {
    let ids: Vec<String> = map
        .nodes_sorted()
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.clone())
        .collect();
    let mut rng = synth::Rng::new(7);
    (0..n)
        .map(|_| {
            let id = ids[rng.below(ids.len())].clone();
            if rng.chance(50) {
                Edit {
                    id,
                    text: Some(synth::sentence(&mut rng)),
                    pos: None,
                }
            } else {
                Edit {
                    id,
                    text: None,
                    pos: Some((rng.below(5000) as f32, rng.below(5000) as f32)),
                }
            }
        })
        .collect()
}

fn loro_run(map: &argmap::model::Map, es: &[Edit]) {
    use loro::{ExportMode, LoroDoc, LoroMap, LoroText};
    let t = Instant::now();
    let doc = LoroDoc::new();
    doc.set_peer_id(1).unwrap();
    let st = doc.get_map("statements");
    let inf = doc.get_map("inferences");
    let pos = doc.get_map("positions");
    for n in map.nodes_sorted() {
        if let Some(s) = n.as_statement() {
            let m = st.insert_container(&n.id, LoroMap::new()).unwrap();
            let t = m.insert_container("text", LoroText::new()).unwrap();
            t.insert(0, &s.text).unwrap();
            m.insert("title", s.title.as_str()).unwrap();
            m.insert("role", s.role.as_str()).unwrap();
        } else if let Some(i) = n.as_inference() {
            let m = inf.insert_container(&n.id, LoroMap::new()).unwrap();
            m.insert("kind", i.kind.as_str()).unwrap();
            m.insert(
                "premises",
                serde_json::to_string(&map.premise_ids(&n.id)).unwrap(),
            )
            .unwrap();
            m.insert("target", map.target_id(&n.id).unwrap_or(""))
                .unwrap();
        }
        if let Some(p) = n.pos {
            pos.insert(&n.id, vec![p.x as f64, p.y as f64, n.pinned as i32 as f64])
                .unwrap();
        }
    }
    doc.commit();
    let base = doc.export(ExportMode::Snapshot).unwrap();
    let build = t.elapsed();
    let peer = doc.fork();
    peer.set_peer_id(2).unwrap();
    let vv = peer.oplog_vv();
    let t = Instant::now();
    let st2 = peer.get_map("statements");
    let pos2 = peer.get_map("positions");
    for e in es {
        if let Some(text) = &e.text {
            let m = st2
                .get(&e.id)
                .unwrap()
                .into_container()
                .unwrap()
                .into_map()
                .unwrap();
            let t = m
                .get("text")
                .unwrap()
                .into_container()
                .unwrap()
                .into_text()
                .unwrap();
            t.update(text, Default::default()).unwrap();
        }
        if let Some((x, y)) = e.pos {
            pos2.insert(&e.id, vec![x as f64, y as f64, 1.0]).unwrap();
        }
        peer.commit();
    }
    let apply = t.elapsed();
    let upd = peer.export(ExportMode::updates(&vv)).unwrap();
    let snap = peer.export(ExportMode::Snapshot).unwrap();
    let t = Instant::now();
    doc.import(&upd).unwrap();
    let merge = t.elapsed();
    let t = Instant::now();
    let fresh = LoroDoc::new();
    fresh.import(&snap).unwrap();
    let _ = fresh.get_deep_value();
    let load = t.elapsed();
    println!(
        "loro: build {build:?}, base snapshot {} B, 10k edits apply {apply:?}, update {} B, snapshot after {} B, merge {merge:?}, load+materialise {load:?}",
        base.len(),
        upd.len(),
        snap.len()
    );
}

fn yrs_run(map: &argmap::model::Map, es: &[Edit]) {
    use yrs::{
        Any, Doc, Map, MapPrelim, MapRef, Options, ReadTxn, StateVector, Text, TextPrelim, TextRef,
        Transact, Update, types::ToJson, updates::decoder::Decode,
    };
    let t = Instant::now();
    let doc = Doc::with_options(Options {
        client_id: yrs::block::ClientID::new(1),
        ..Default::default()
    });
    let st = doc.get_or_insert_map("statements");
    let inf = doc.get_or_insert_map("inferences");
    let pos = doc.get_or_insert_map("positions");
    {
        let mut txn = doc.transact_mut();
        for n in map.nodes_sorted() {
            if let Some(s) = n.as_statement() {
                let m: MapRef = st.insert(&mut txn, n.id.as_str(), MapPrelim::default());
                m.insert(&mut txn, "text", TextPrelim::new(s.text.as_str()));
                m.insert(&mut txn, "title", s.title.as_str());
                m.insert(&mut txn, "role", s.role.as_str());
            } else if let Some(i) = n.as_inference() {
                let m: MapRef = inf.insert(&mut txn, n.id.as_str(), MapPrelim::default());
                m.insert(&mut txn, "kind", i.kind.as_str());
                m.insert(
                    &mut txn,
                    "premises",
                    serde_json::to_string(&map.premise_ids(&n.id)).unwrap(),
                );
                m.insert(&mut txn, "target", map.target_id(&n.id).unwrap_or(""));
            }
            if let Some(p) = n.pos {
                pos.insert(
                    &mut txn,
                    n.id.as_str(),
                    Any::from(vec![
                        Any::from(p.x as f64),
                        Any::from(p.y as f64),
                        Any::from(n.pinned as i32 as f64),
                    ]),
                );
            }
        }
    }
    let base = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let build = t.elapsed();
    let peer = Doc::with_options(Options {
        client_id: yrs::block::ClientID::new(2),
        ..Default::default()
    });
    peer.transact_mut()
        .apply_update(Update::decode_v1(&base).unwrap())
        .unwrap();
    let sv = peer.transact().state_vector();
    let st2 = peer.get_or_insert_map("statements");
    let pos2 = peer.get_or_insert_map("positions");
    let t = Instant::now();
    for e in es {
        let mut txn = peer.transact_mut();
        if let Some(text) = &e.text {
            let m: MapRef = st2.get(&txn, &e.id).unwrap().cast().unwrap();
            let tx: TextRef = m.get(&txn, "text").unwrap().cast().unwrap();
            let len = tx.len(&txn);
            tx.remove_range(&mut txn, 0, len);
            tx.insert(&mut txn, 0, text);
        }
        if let Some((x, y)) = e.pos {
            pos2.insert(
                &mut txn,
                e.id.as_str(),
                Any::from(vec![
                    Any::from(x as f64),
                    Any::from(y as f64),
                    Any::from(1.0),
                ]),
            );
        }
    }
    let apply = t.elapsed();
    let upd = peer.transact().encode_state_as_update_v1(&sv);
    let snap = peer
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let t = Instant::now();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&upd).unwrap())
        .unwrap();
    let merge = t.elapsed();
    let t = Instant::now();
    let fresh = Doc::new();
    fresh
        .transact_mut()
        .apply_update(Update::decode_v1(&snap).unwrap())
        .unwrap();
    let _ = fresh
        .get_or_insert_map("statements")
        .to_json(&fresh.transact());
    let load = t.elapsed();
    println!(
        "yrs:  build {build:?}, base update {} B, 10k edits apply {apply:?}, update {} B, state after {} B, merge {merge:?}, load+materialise {load:?}",
        base.len(),
        upd.len(),
        snap.len()
    );
}

fn main() {
    let map = synth::argument_map(10_000, 1);
    let file = native::to_string(&map, &Default::default());
    println!(
        "native file: {} B, {} statements, {} inferences",
        file.len(),
        map.statement_count(),
        map.inference_count()
    );
    let es = edits(&map, 10_000);
    loro_run(&map, &es);
    yrs_run(&map, &es);
}
