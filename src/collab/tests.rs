//! Live co-editing between in-process peers: targeted cases, and random
//! concurrent command sequences that must converge to byte-identical
//! native files with every invariant holding.

use proptest::prelude::*;

use super::*;
use crate::model::{Evidence, Pos, Statement};
use crate::ops::StatementField;

/// One peer: its map, its undo history and its session, plus the bytes it
/// has received but not yet applied.
struct Peer {
    map: Map,
    history: History,
    session: LiveSession,
    inbox: Vec<Vec<u8>>,
    warnings: Vec<LiveWarning>,
    local_steps: usize,
}

impl Peer {
    /// A peer holding `map` in `session`, with nothing yet done or received.
    fn new(map: Map, session: LiveSession) -> Peer {
        Peer {
            map,
            history: History::new(),
            session,
            inbox: Vec::new(),
            warnings: Vec::new(),
            local_steps: 0,
        }
    }

    fn apply(&mut self, cmd: Command) -> bool {
        let ok = self
            .session
            .apply_local(&mut self.map, &mut self.history, cmd)
            .is_ok();
        self.local_steps += usize::from(ok);
        ok
    }

    fn deliver(&mut self) {
        for bytes in std::mem::take(&mut self.inbox) {
            let undo_before = self.history.undo_len();
            let done = self.session.receive(&mut self.map, &bytes);
            assert_eq!(
                self.history.undo_len(),
                undo_before,
                "remote edit entered the undo stack"
            );
            self.warnings.extend(done.warnings);
        }
    }

    fn file(&self) -> String {
        native::to_string(&self.map, &Default::default())
    }
}

fn base_map() -> Map {
    let mut map = crate::synth::argument_map(10, 3);
    let ids: Vec<String> = map.nodes_sorted().iter().map(|n| n.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        map.set_placement(id, Some(Pos::new(k as f32 * 50.0, 10.0)), k % 3 == 0)
            .unwrap();
    }
    map
}

fn peers(n: usize) -> Vec<Peer> {
    let map = base_map();
    let first = LiveSession::share(&map, 1).unwrap();
    let snapshot = first.snapshot();
    let mut out = vec![Peer::new(map, first)];
    for k in 1..n {
        let (map, session) = LiveSession::join(&snapshot, k as u64 + 1).unwrap();
        out.push(Peer::new(map, session));
    }
    out
}

/// Sends `from`'s outgoing changes to every other peer's inbox.
fn flush(peers: &mut [Peer], from: usize) {
    if let Some(bytes) = peers[from].session.outgoing() {
        for (k, peer) in peers.iter_mut().enumerate() {
            if k != from {
                peer.inbox.push(bytes.clone());
            }
        }
    }
}

fn sync_all(peers: &mut [Peer]) {
    for k in 0..peers.len() {
        flush(peers, k);
    }
    for peer in peers.iter_mut() {
        peer.deliver();
    }
}

/// Every peer's file is the same, its map equals the shared document's
/// repaired content, and that content needs no repair.
fn assert_converged(peers: &[Peer]) {
    let file = peers[0].file();
    for peer in peers {
        assert_eq!(peer.file(), file, "peer {} differs", peer.session.peer());
        let mut content = Content::of_map(&peer.map);
        assert_eq!(content, peer.session.content());
        assert_eq!(content.repair(), Vec::new(), "the map breaks an invariant");
        for node in peer.map.nodes() {
            if node.as_inference().is_some() {
                assert!(!peer.map.premise_ids(&node.id).is_empty());
                assert!(peer.map.target_id(&node.id).is_some());
            }
        }
    }
}

fn statement_ids(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.clone())
        .collect()
}

fn inference_ids(map: &Map) -> Vec<String> {
    map.nodes_sorted()
        .iter()
        .filter(|n| !n.is_statement())
        .map(|n| n.id.clone())
        .collect()
}

#[test]
fn a_local_edit_reaches_the_other_peer_through_commands() {
    let mut ps = peers(2);
    let id = statement_ids(&ps[0].map)[0].clone();
    assert!(ps[0].apply(Command::EditStatement {
        id: id.clone(),
        field: StatementField::Text("Edited here".to_owned()),
    }));
    flush(&mut ps, 0);
    let p1 = &mut ps[1];
    let bytes = p1.inbox.pop().unwrap();
    let done = p1.session.receive(&mut p1.map, &bytes);
    assert_eq!(ps[1].map.statement(&id).unwrap().text, "Edited here");
    assert_eq!(done.touched, vec![id.clone()]);
    assert!(matches!(
        done.commands.as_slice(),
        [Command::EditStatement { field: StatementField::Text(t), .. }] if t == "Edited here"
    ));
    assert_eq!(ps[1].history.undo_len(), 0);
    assert_converged(&ps);
}

#[test]
fn a_remote_edit_is_applied_from_its_neighbourhood_only() {
    let map = crate::synth::argument_map(2000, 5);
    let first = LiveSession::share(&map, 1).unwrap();
    let (mut joined, mut session) = LiveSession::join(&first.snapshot(), 2).unwrap();
    let mut sharer = Peer::new(map, first);
    let id = statement_ids(&sharer.map)[7].clone();
    assert!(sharer.apply(Command::EditStatement {
        id: id.clone(),
        field: StatementField::Text("edited far away".to_owned()),
    }));
    let bytes = sharer.session.outgoing().unwrap();
    let done = session.receive(&mut joined, &bytes);
    assert_eq!(joined.statement(&id).unwrap().text, "edited far away");
    assert_eq!(done.touched, vec![id.clone()]);
    // The statement and the inferences naming it, not the 2,000 statements.
    let named = joined
        .nodes()
        .filter(|n| {
            joined.premise_ids(&n.id).contains(&id.as_str()) || joined.target_id(&n.id) == Some(&id)
        })
        .count();
    assert!(
        done.reconciled > named,
        "{} ids reconciled, the statement and {named} inferences naming it",
        done.reconciled
    );
    assert!(done.reconciled < 50, "reconciled {} ids", done.reconciled);
    assert_eq!(Content::of_map(&joined), session.content());
}

#[test]
fn undo_reverts_only_my_own_edit() {
    let mut ps = peers(2);
    let ids = statement_ids(&ps[0].map);
    ps[0].apply(Command::EditStatement {
        id: ids[0].clone(),
        field: StatementField::Title("mine".to_owned()),
    });
    ps[1].apply(Command::EditStatement {
        id: ids[1].clone(),
        field: StatementField::Title("yours".to_owned()),
    });
    sync_all(&mut ps);
    let p0 = &mut ps[0];
    assert!(p0.session.undo(&mut p0.map, &mut p0.history).unwrap());
    sync_all(&mut ps);
    for peer in &ps {
        assert_eq!(peer.map.statement(&ids[0]).unwrap().title, "");
        assert_eq!(peer.map.statement(&ids[1]).unwrap().title, "yours");
    }
    assert_converged(&ps);
}

#[test]
fn delete_against_connect_drops_the_edge_and_warns() {
    let mut ps = peers(2);
    let ids = statement_ids(&ps[0].map);
    let (gone, premise) = (ids[2].clone(), ids[3].clone());
    assert!(ps[0].apply(Command::Remove {
        ids: vec![gone.clone()]
    }));
    assert!(ps[1].apply(Command::support(vec![premise.clone()], gone.clone())));
    sync_all(&mut ps);
    assert_converged(&ps);
    assert!(ps[0].map.node(&gone).is_none());
    let dropped = |p: &Peer| {
        p.warnings
            .iter()
            .any(|w| matches!(w, LiveWarning::InferenceDropped { .. }))
    };
    assert!(dropped(&ps[0]) && dropped(&ps[1]));
}

#[test]
fn concurrent_adds_get_distinct_ids_and_both_survive() {
    let mut ps = peers(3);
    for (k, peer) in ps.iter_mut().enumerate() {
        assert!(peer.apply(Command::AddStatement {
            id: None,
            statement: Statement::new(format!("added by {k}")),
            pos: Some(Pos::new(1.0, 2.0)),
        }));
    }
    sync_all(&mut ps);
    assert_converged(&ps);
    let texts: Vec<&str> = ps[0]
        .map
        .nodes()
        .filter_map(|n| n.as_statement())
        .map(|s| s.text.as_str())
        .filter(|t| t.starts_with("added by"))
        .collect();
    assert_eq!(texts.len(), 3);
}

#[test]
fn bad_bytes_are_rejected_without_change() {
    let mut ps = peers(1);
    let p0 = &mut ps[0];
    let before = p0.file();
    let snapshot = p0.session.snapshot();
    for bytes in [&b""[..], b"garbage", &[0xff; 64], &snapshot[..20]] {
        let done = p0.session.receive(&mut p0.map, bytes);
        assert!(done.commands.is_empty());
        assert!(matches!(
            done.warnings.as_slice(),
            [LiveWarning::Rejected { .. }]
        ));
    }
    assert_eq!(p0.file(), before);
}

#[test]
fn malformed_shared_fields_are_repaired_and_reported() {
    let mut ps = peers(2);
    let inf = inference_ids(&ps[0].map)[0].clone();
    // A hostile peer writes a premise list that is not JSON and a target
    // that does not exist.
    let rogue = LoroDoc::new();
    rogue.set_peer_id(99).unwrap();
    rogue.import(&ps[0].session.snapshot()).unwrap();
    let vv = rogue.oplog_vv();
    let infs = rogue.get_map(crdt::INFERENCES);
    let Some(loro::ValueOrContainer::Container(loro::Container::Map(m))) = infs.get(&inf) else {
        panic!("inference {inf} not in the document");
    };
    m.insert("target", "nowhere").unwrap();
    rogue.get_map(crdt::STATEMENTS).insert("s1", 5).unwrap();
    rogue.commit();
    let bytes = rogue.export(ExportMode::updates(&vv)).unwrap();
    let p1 = &mut ps[1];
    let done = p1.session.receive(&mut p1.map, &bytes);
    assert!(p1.map.node(&inf).is_none());
    assert!(
        done.warnings
            .iter()
            .any(|w| matches!(w, LiveWarning::Malformed { id, .. } if id == "s1"))
    );
    assert!(
        done.warnings
            .iter()
            .any(|w| matches!(w, LiveWarning::InferenceDropped { id, .. } if *id == inf))
    );
}

/// One random local action, resolved against the peer's current map.
#[derive(Clone, Debug)]
enum Action {
    Add(String),
    EditText(usize, String),
    EditTitle(usize, String),
    Support(usize, usize),
    Undercut(usize, usize),
    AddPremise(usize, usize),
    Remove(usize),
    RemoveInference(usize),
    Move(usize, i16, i16),
    Pin(usize, bool),
    AddEvidence(usize, String),
    Undo,
}

#[derive(Clone, Debug)]
enum Step {
    Local(usize, Action),
    Flush(usize),
    Deliver(usize),
}

fn word() -> impl Strategy<Value = String> {
    "[a-z]{1,6}( [a-z]{1,6}){0,2}"
}

fn action() -> impl Strategy<Value = Action> {
    let k = 0usize..64;
    prop_oneof![
        word().prop_map(Action::Add),
        (k.clone(), word()).prop_map(|(i, t)| Action::EditText(i, t)),
        (k.clone(), word()).prop_map(|(i, t)| Action::EditTitle(i, t)),
        (k.clone(), k.clone()).prop_map(|(a, b)| Action::Support(a, b)),
        (k.clone(), k.clone()).prop_map(|(a, b)| Action::Undercut(a, b)),
        (k.clone(), k.clone()).prop_map(|(a, b)| Action::AddPremise(a, b)),
        k.clone().prop_map(Action::Remove),
        k.clone().prop_map(Action::RemoveInference),
        (k.clone(), any::<i16>(), any::<i16>()).prop_map(|(i, x, y)| Action::Move(i, x, y)),
        (k.clone(), any::<bool>()).prop_map(|(i, p)| Action::Pin(i, p)),
        (k, word()).prop_map(|(i, t)| Action::AddEvidence(i, t)),
        Just(Action::Undo),
    ]
}

fn steps(n_peers: usize) -> impl Strategy<Value = Vec<Step>> {
    let p = 0..n_peers;
    prop::collection::vec(
        prop_oneof![
            6 => (p.clone(), action()).prop_map(|(k, a)| Step::Local(k, a)),
            1 => p.clone().prop_map(Step::Flush),
            1 => p.prop_map(Step::Deliver),
        ],
        1..40,
    )
}

fn pick(ids: &[String], k: usize) -> Option<String> {
    (!ids.is_empty()).then(|| ids[k % ids.len()].clone())
}

fn run_action(peer: &mut Peer, action: Action) {
    let st = statement_ids(&peer.map);
    let inf = inference_ids(&peer.map);
    let cmd = match action {
        Action::Add(text) => Some(Command::AddStatement {
            id: None,
            statement: Statement::new(text),
            pos: None,
        }),
        Action::EditText(i, text) => pick(&st, i).map(|id| Command::EditStatement {
            id,
            field: StatementField::Text(text),
        }),
        Action::EditTitle(i, text) => pick(&st, i).map(|id| Command::EditStatement {
            id,
            field: StatementField::Title(text),
        }),
        Action::Support(a, b) => pick(&st, a)
            .zip(pick(&st, b))
            .map(|(p, t)| Command::support(vec![p], t)),
        Action::Undercut(a, b) => pick(&st, a)
            .zip(pick(&inf, b))
            .map(|(p, t)| Command::attack(vec![p], t)),
        Action::AddPremise(a, b) => pick(&inf, a)
            .zip(pick(&st, b))
            .map(|(inference, premise)| Command::AddPremise { inference, premise }),
        Action::Remove(i) => pick(&st, i).map(|id| Command::Remove { ids: vec![id] }),
        Action::RemoveInference(i) => pick(&inf, i).map(|id| Command::Remove { ids: vec![id] }),
        Action::Move(i, x, y) => pick(&st, i).map(|id| Command::Move {
            moves: vec![(id, Pos::new(f32::from(x), f32::from(y)))],
        }),
        Action::Pin(i, pinned) => pick(&st, i).map(|id| Command::SetPinned {
            ids: vec![id],
            pinned,
        }),
        Action::AddEvidence(i, text) => pick(&st, i).map(|statement| Command::AddEvidence {
            statement,
            index: None,
            evidence: Evidence {
                text,
                ..Evidence::default()
            },
        }),
        Action::Undo => {
            let (map, history) = (&mut peer.map, &mut peer.history);
            let _ = peer.session.undo(map, history);
            None
        }
    };
    if let Some(cmd) = cmd {
        peer.apply(cmd);
    }
}

fn live_cases() -> u32 {
    std::env::var("ARGMAP_LIVE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn check_run(n_peers: usize, steps: Vec<Step>) {
    let mut ps = peers(n_peers);
    for step in steps {
        match step {
            Step::Local(k, action) => run_action(&mut ps[k], action),
            Step::Flush(k) => flush(&mut ps, k),
            Step::Deliver(k) => ps[k].deliver(),
        }
    }
    sync_all(&mut ps);
    assert_converged(&ps);
    for peer in &ps {
        assert!(peer.history.undo_len() <= peer.local_steps);
    }
}

/// Two editing peers; every update one of them sends reaches two observers
/// joined from the same snapshot, one applying it incrementally, the other
/// the long way ([`LiveSession::receive_full`]): after each update both
/// hold the same map.
fn check_incremental_equals_full(steps: Vec<Step>) {
    let mut ps = peers(2);
    let snapshot = ps[0].session.snapshot();
    let (mut quick_map, mut quick) = LiveSession::join(&snapshot, 8).unwrap();
    let (mut full_map, mut full) = LiveSession::join(&snapshot, 9).unwrap();
    let mut send = |bytes: Vec<u8>| {
        quick.receive(&mut quick_map, &bytes);
        full.receive_full(&mut full_map, &bytes);
        assert_eq!(
            native::to_string(&quick_map, &Default::default()),
            native::to_string(&full_map, &Default::default()),
            "incremental and full apply differ"
        );
    };
    for step in steps {
        match step {
            Step::Local(k, action) => run_action(&mut ps[k % 2], action),
            Step::Flush(k) | Step::Deliver(k) => {
                let k = k % 2;
                if let Some(bytes) = ps[k].session.outgoing() {
                    ps[1 - k].inbox.push(bytes.clone());
                    send(bytes);
                }
                ps[1 - k].deliver();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(live_cases()))]

    /// Incremental remote apply gives the same map as the full one.
    #[test]
    fn incremental_apply_equals_full_apply(steps in steps(2)) {
        check_incremental_equals_full(steps);
    }

    /// Two peers editing at once converge (set ARGMAP_LIVE_CASES=1000 for
    /// the case count).
    #[test]
    fn two_peers_converge(steps in steps(2)) {
        check_run(2, steps);
    }

    /// Three peers editing at once converge.
    #[test]
    fn three_peers_converge(steps in steps(3)) {
        check_run(3, steps);
    }
}
