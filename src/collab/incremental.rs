//! Incremental remote apply: after an import, only the entities the
//! import changed are read from the CRDT document, repaired and reconciled
//! with the map, instead of the whole document and the whole map.
//!
//! How it stays equal to the full path ([`crdt::read_content`], then
//! [`Content::repair`], then [`reconcile::reconcile`]):
//! - [`Watch`]: a subscription to the document's events (Loro's
//!   `subscribe_root`, emitted synchronously by every import and commit)
//!   records the ids of the statements, inferences and placements whose
//!   containers changed, local commits included.
//! - [`Mirror`]: the document's content as [`crdt::read_content`] reads it
//!   (unrepaired), kept up to date by re-reading only the changed ids
//!   ([`crdt::read_entry`]), with two indexes: which inferences name a node
//!   as premise or target, and which statements use an evidence id.
//! - The *scope* of a change: the changed ids, every inference that names
//!   a node of the scope (repeated, for undercuts of undercuts), and every
//!   statement sharing an evidence id with a statement of the scope. The
//!   repair of a node outside the scope cannot change: it depends only on
//!   the node's own data and on nodes its links name, all outside the
//!   scope and unchanged. A node outside the scope exists after repair
//!   exactly when it exists in the map (the map was brought to the last
//!   repaired state, and local edits since are in the changed ids).
//! - The scope is repaired on its own, with nodes outside it that the
//!   scope's links name standing in as present, and the map is brought
//!   there with [`reconcile::reconcile_in`] for the scope's ids only.
//!
//! Debug builds check after every incremental apply that the mirror equals
//! a full read and that the map equals the fully repaired document, so
//! the in-process property tests (`collab::tests`) check this path against
//! the full one on every received update.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use loro::event::{Diff, DiffEvent};
use loro::{ContainerID, Index, LoroDoc, Subscription};

use super::LiveWarning;
use super::content::Content;
use super::crdt::{self, INFERENCES, POSITIONS, STATEMENTS};
use super::reconcile::{self, Reconciled};
use crate::model::{Map, Statement};

/// Ids whose data changed in the document since last taken.
#[derive(Debug, Default)]
struct Changed {
    ids: BTreeSet<String>,
    /// An event this module cannot attribute to ids: re-read everything.
    all: bool,
}

/// Watches a document's events for changed entity ids. Dropping it ends
/// the subscription.
pub struct Watch {
    changed: Arc<Mutex<Changed>>,
    _subscription: Subscription,
}

impl Watch {
    /// Starts watching `doc`.
    pub fn new(doc: &LoroDoc) -> Watch {
        let changed = Arc::new(Mutex::new(Changed::default()));
        let sink = changed.clone();
        let subscription = doc.subscribe_root(Arc::new(move |event: DiffEvent| {
            let mut changed = sink.lock().unwrap_or_else(|p| p.into_inner());
            note_event(&event, &mut changed);
        }));
        Watch {
            changed,
            _subscription: subscription,
        }
    }

    /// The ids changed since the last call, or `None` when everything must
    /// be re-read.
    fn take(&self) -> Option<BTreeSet<String>> {
        let mut changed = self.changed.lock().unwrap_or_else(|p| p.into_inner());
        let taken = std::mem::take(&mut *changed);
        (!taken.all).then_some(taken.ids)
    }

    /// Forgets the changes noted so far (after a full read).
    pub fn clear(&self) {
        let _ = self.take();
    }
}

/// Notes the entity ids an event changed. Paths start at a root container
/// (`statements`, `inferences`, `positions`, …); the second step's key is
/// the entity id. A diff of the root map itself names the ids as its keys.
fn note_event(event: &DiffEvent, changed: &mut Changed) {
    for diff in &event.events {
        let Some((ContainerID::Root { name, .. }, _)) = diff.path.first() else {
            changed.all = true;
            continue;
        };
        if ![STATEMENTS, INFERENCES, POSITIONS].contains(&name.as_str()) {
            continue;
        }
        match diff.path.get(1) {
            Some((_, Index::Key(id))) => {
                changed.ids.insert(id.to_string());
            }
            Some(_) => changed.all = true,
            None => match &diff.diff {
                Diff::Map(delta) => changed
                    .ids
                    .extend(delta.updated.keys().map(|k| k.to_string())),
                _ => changed.all = true,
            },
        }
    }
}

/// The document's content as [`crdt::read_content`] gives it (unrepaired),
/// with the indexes that find a change's scope.
#[derive(Debug, Default)]
pub struct Mirror {
    raw: Content,
    /// Node id → inferences naming it as a premise or as their target.
    named_by: BTreeMap<String, BTreeSet<String>>,
    /// Evidence id → statements using it.
    evidence_users: BTreeMap<String, BTreeSet<String>>,
}

impl Mirror {
    /// A mirror of `content` (read whole from the document).
    pub fn of(content: Content) -> Mirror {
        let mut mirror = Mirror {
            raw: content,
            ..Mirror::default()
        };
        let ids: Vec<String> = mirror
            .raw
            .statements
            .keys()
            .chain(mirror.raw.inferences.keys())
            .cloned()
            .collect();
        for id in ids {
            mirror.index(&id, true);
        }
        mirror
    }

    /// Adds (`add`) or removes the index entries of `id`'s current data.
    fn index(&mut self, id: &str, add: bool) {
        let named: Vec<String> = self
            .raw
            .inferences
            .get(id)
            .map(|l| l.premises.iter().chain([&l.target]).cloned().collect())
            .unwrap_or_default();
        for other in named {
            let set = self.named_by.entry(other.clone()).or_default();
            if add {
                set.insert(id.to_owned());
            } else {
                set.remove(id);
                if set.is_empty() {
                    self.named_by.remove(&other);
                }
            }
        }
        let evidence: Vec<String> = self
            .raw
            .statements
            .get(id)
            .map(|s| s.evidence.iter().map(|e| e.id.clone()).collect())
            .unwrap_or_default();
        for ev in evidence {
            let set = self.evidence_users.entry(ev.clone()).or_default();
            if add {
                set.insert(id.to_owned());
            } else {
                set.remove(id);
                if set.is_empty() {
                    self.evidence_users.remove(&ev);
                }
            }
        }
    }

    /// Re-reads `id` from `doc`; gives the evidence ids it used before and
    /// after (their users belong to the scope).
    fn refresh(&mut self, doc: &LoroDoc, id: &str, warnings: &mut Vec<LiveWarning>) -> Vec<String> {
        let mut evidence = self.evidence_of(id);
        self.index(id, false);
        let entry = crdt::read_entry(doc, id, warnings);
        set(&mut self.raw.statements, id, entry.statement);
        set(&mut self.raw.inferences, id, entry.inference);
        set(&mut self.raw.placements, id, entry.placement);
        self.index(id, true);
        evidence.extend(self.evidence_of(id));
        evidence
    }

    fn evidence_of(&self, id: &str) -> Vec<String> {
        self.raw
            .statements
            .get(id)
            .map(|s| s.evidence.iter().map(|e| e.id.clone()).collect())
            .unwrap_or_default()
    }

    /// The scope of a change to `changed` (see the module comment).
    fn scope(&self, changed: &BTreeSet<String>, evidence: Vec<String>) -> BTreeSet<String> {
        let mut scope = changed.clone();
        let mut queue: Vec<String> = changed.iter().cloned().collect();
        let mut evidence_seen = BTreeSet::new();
        let mut evidence_queue = evidence;
        loop {
            if let Some(id) = queue.pop() {
                for other in self.named_by.get(&id).into_iter().flatten() {
                    if scope.insert(other.clone()) {
                        queue.push(other.clone());
                    }
                }
                evidence_queue.extend(self.evidence_of(&id));
            } else if let Some(ev) = evidence_queue.pop() {
                if !evidence_seen.insert(ev.clone()) {
                    continue;
                }
                for user in self.evidence_users.get(&ev).into_iter().flatten() {
                    if scope.insert(user.clone()) {
                        queue.push(user.clone());
                    }
                }
            } else {
                return scope;
            }
        }
    }

    /// The repaired target for the nodes in `scope`, and the repairs made.
    /// Nodes outside the scope that the scope's inferences name count as
    /// present when `map` has them.
    fn repaired(&self, scope: &BTreeSet<String>, map: &Map) -> (Content, Vec<LiveWarning>) {
        let mut sub = Content {
            next_id: self.raw.next_id,
            ..Content::default()
        };
        for id in scope {
            if let Some(s) = self.raw.statements.get(id) {
                sub.statements.insert(id.clone(), s.clone());
            }
            if let Some(l) = self.raw.inferences.get(id) {
                sub.inferences.insert(id.clone(), l.clone());
            }
            if let Some(p) = self.raw.placements.get(id) {
                sub.placements.insert(id.clone(), *p);
            }
        }
        let outside: BTreeSet<String> = sub
            .inferences
            .values()
            .flat_map(|l| l.premises.iter().chain([&l.target]))
            .filter(|id| !scope.contains(*id) && map.node(id).is_some())
            .cloned()
            .collect();
        for id in &outside {
            sub.statements.insert(id.clone(), Statement::default());
        }
        let warnings = sub.repair();
        for id in &outside {
            sub.statements.remove(id);
        }
        (sub, warnings)
    }
}

fn set<T>(map: &mut BTreeMap<String, T>, id: &str, value: Option<T>) {
    match value {
        Some(v) => {
            map.insert(id.to_owned(), v);
        }
        None => {
            map.remove(id);
        }
    }
}

/// What an incremental apply did.
pub struct Incremental {
    /// The reconcile's commands, touched ids and refusals.
    pub done: Reconciled,
    /// Malformed fields read and repairs made, in the scope only.
    pub warnings: Vec<LiveWarning>,
    /// Ids reconciled (the scope).
    pub scope: usize,
}

/// Brings `map` to `doc`'s repaired state after an import, reading and
/// reconciling only what changed since the last call. `None` when the
/// changes cannot be attributed to ids (the caller then does the full
/// read and rebuilds the mirror).
pub fn apply(
    doc: &LoroDoc,
    watch: &Watch,
    mirror: &mut Mirror,
    map: &mut Map,
) -> Option<Incremental> {
    let changed = watch.take()?;
    let mut warnings = Vec::new();
    let mut evidence = Vec::new();
    for id in &changed {
        evidence.extend(mirror.refresh(doc, id, &mut warnings));
    }
    mirror.raw.next_id = crdt::read_counter(doc);
    let scope = mirror.scope(&changed, evidence);
    let (target, repairs) = mirror.repaired(&scope, map);
    warnings.extend(repairs);
    let done = reconcile::reconcile_in(map, &target, Some(&scope));
    Some(Incremental {
        done,
        warnings,
        scope: scope.len(),
    })
}

/// Largest map (nodes) that debug builds check against a full read.
#[cfg(debug_assertions)]
pub const CHECKED_NODES: usize = 2_000;

/// Debug builds: panics when the mirror differs from a full read of `doc`
/// or `map` differs from the fully repaired document, naming the first
/// difference. Skipped when the model refused a command (the full path
/// cannot reach the target then either), and on maps of more than
/// [`CHECKED_NODES`] nodes, where a full read per update would make a debug
/// build crawl (the property tests' maps have a few dozen).
#[cfg(debug_assertions)]
pub fn check_equals_full(doc: &LoroDoc, mirror: &Mirror, map: &Map, refused: bool) {
    if map.node_count() > CHECKED_NODES {
        return;
    }
    let (full, _) = crdt::read_content(doc);
    assert!(
        mirror.raw == full,
        "incremental mirror differs from a full read of the document"
    );
    if refused {
        return;
    }
    let mut want = full;
    want.repair();
    let have = Content::of_map(map);
    for (id, s) in &want.statements {
        assert_eq!(have.statements.get(id), Some(s), "statement {id}");
    }
    for (id, l) in &want.inferences {
        assert_eq!(have.inferences.get(id), Some(l), "inference {id}");
    }
    assert_eq!(
        have.statements.len() + have.inferences.len(),
        want.statements.len() + want.inferences.len(),
        "extra nodes in the map"
    );
    assert_eq!(have.placements, want.placements, "placements");
}
