//! Live co-editing over the Loro CRDT (see `docs/collab-decision.md` for
//! why Loro). No egui here: the app and the CLI drive a [`LiveSession`].
//!
//! Argmap's own model and [`Command`]s stay authoritative:
//! - a local command goes through [`LiveSession::apply_local`], which gives
//!   new nodes peer-unique ids, applies it with the caller's
//!   [`History`] (so it is undoable) and writes the nodes it touched into
//!   the CRDT document;
//! - [`LiveSession::outgoing`] gives the bytes to send to the other peers;
//! - [`LiveSession::receive`] imports their bytes, reads what they changed
//!   in the merged document (and the inferences linked to it, see
//!   [`incremental`]), repairs what would break the model's invariants (a
//!   dangling premise, an inference without a target) and brings the map there with
//!   ordinary commands applied by [`crate::ops::apply`], never recorded in
//!   the local [`History`]: my undo never reverts your edit. It returns the
//!   commands, the touched node ids (for the scene) and warnings to show.
//!
//! What is kept in step: statements (text, title, role, notes, tags,
//! evidence), inferences (kind, title, description, scheme, roles,
//! questions, premises, target), node positions and pins (in their own
//! container, see [`crdt`]), and the id counter. Map metadata, sources,
//! tours and evaluation inputs are taken from the shared file when a peer
//! joins and are not kept in step afterwards.

pub mod client;
pub mod content;
pub mod crdt;
pub mod incremental;
pub mod presence;
pub mod reconcile;
pub mod rooms;
pub mod server;
#[cfg(test)]
mod tests;
pub mod wire;

use loro::{ExportMode, LoroDoc, VersionVector};

pub use client::{Exchanged, LinkEvent, LinkStatus, LiveClient};
pub use content::{Content, LinkedInference, NodePlacement};
pub use presence::{PeerPresence, Presence};
pub use rooms::Invite;

use crate::io::native;
use crate::model::{IdKind, Map, ModelError};
use crate::ops::{Applied, Command, History, StatementField, touched_nodes};

/// Something a remote change did that the user should know of; shown in
/// the status bar. Deterministic: every peer that receives the same
/// changes reports the same warnings.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LiveWarning {
    /// An inference was dropped to keep the map valid.
    #[error("inference {id} was dropped: {reason}")]
    InferenceDropped {
        /// The inference.
        id: String,
        /// Why, in words.
        reason: String,
    },
    /// A premise that no longer exists (or repeats) was taken off an inference.
    #[error("premise {premise} was taken off inference {inference}: it is gone")]
    PremiseDropped {
        /// The inference.
        inference: String,
        /// The premise.
        premise: String,
    },
    /// Evidence whose id was empty or already used elsewhere was dropped.
    #[error("evidence of statement {statement} was dropped: its id is used twice")]
    EvidenceDropped {
        /// The statement holding it.
        statement: String,
    },
    /// A field of the shared document had the wrong shape; a default was used.
    #[error("shared data for {id} has a malformed {field}")]
    Malformed {
        /// The entity id.
        id: String,
        /// The field (or root container) name.
        field: String,
    },
    /// The model refused a command derived from the shared document.
    #[error("a remote change was refused: {error}")]
    Refused {
        /// The command, abridged to 200 chars.
        command: String,
        /// The model's reason.
        error: String,
    },
    /// Received bytes were not a valid update; nothing was changed.
    #[error("received data was rejected: {reason}")]
    Rejected {
        /// The decoder's reason.
        reason: String,
    },
}

/// Why a session could not be started.
#[derive(Debug, thiserror::Error)]
pub enum CollabError {
    /// The CRDT engine refused an operation.
    #[error("sync engine: {0}")]
    Engine(String),
    /// The shared document holds no map file, or one that does not load.
    #[error("the shared document holds no readable map: {0}")]
    NoBase(String),
}

fn engine<E: std::fmt::Display>(e: E) -> CollabError {
    CollabError::Engine(e.to_string())
}

/// What [`LiveSession::receive`] did to the map.
#[derive(Debug, Default)]
pub struct RemoteApplied {
    /// The commands applied to the map, in order (not recorded for undo).
    pub commands: Vec<Command>,
    /// Ids of the nodes they touched, sorted, once each.
    pub touched: Vec<String>,
    /// Repairs and refusals to report.
    pub warnings: Vec<LiveWarning>,
    /// How many node ids were read and compared: the change's scope (see
    /// [`incremental`]), or every node after a full read.
    pub reconciled: usize,
}

/// One peer's side of a live session: the CRDT document mirroring its map.
pub struct LiveSession {
    doc: LoroDoc,
    peer: u64,
    /// Base-36 peer id, appended to the ids this peer creates.
    tag: String,
    /// The version last handed out by [`LiveSession::outgoing`].
    sent: VersionVector,
    /// The ids each import or commit changed.
    watch: incremental::Watch,
    /// The document's content as last read, kept up to date from `watch`.
    mirror: incremental::Mirror,
}

impl LiveSession {
    /// Starts sharing `map` as peer `peer` (any number unique among the
    /// peers, e.g. random): the whole map goes into a new document.
    pub fn share(map: &Map, peer: u64) -> Result<LiveSession, CollabError> {
        let mut session = LiveSession::empty(peer)?;
        // Sources kept in their own files travel inline: a joining peer
        // has no access to the sharer's folder.
        let options = native::SaveOptions {
            inline_sources: true,
        };
        let text = native::to_string(&without_texts(map), &options);
        crdt::write_base(&session.doc, &text).map_err(engine)?;
        for node in map.nodes_sorted() {
            crdt::write_node(&session.doc, map, &node.id).map_err(engine)?;
        }
        crdt::write_counter(&session.doc, peer, map.next_id()).map_err(engine)?;
        session.doc.commit();
        session.mirror = incremental::Mirror::of(crdt::read_content(&session.doc).0);
        session.watch.clear();
        Ok(session)
    }

    /// Joins a shared document from `snapshot` (bytes from
    /// [`LiveSession::snapshot`] or a server) as peer `peer`, giving the map
    /// it holds.
    pub fn join(snapshot: &[u8], peer: u64) -> Result<(Map, LiveSession), CollabError> {
        let mut session = LiveSession::empty(peer)?;
        import(&session.doc, snapshot).map_err(|w| CollabError::Engine(w.to_string()))?;
        let base = crdt::read_base(&session.doc)
            .ok_or_else(|| CollabError::NoBase("no map file in it".to_owned()))?;
        let mut map = native::from_str(&base, &Default::default())
            .map_err(|e| CollabError::NoBase(e.to_string()))?
            .map;
        session.sync_model(&mut map);
        session.sent = session.doc.oplog_vv();
        Ok((map, session))
    }

    fn empty(peer: u64) -> Result<LiveSession, CollabError> {
        let doc = LoroDoc::new();
        doc.set_peer_id(peer).map_err(engine)?;
        Ok(LiveSession {
            watch: incremental::Watch::new(&doc),
            mirror: incremental::Mirror::default(),
            doc,
            peer,
            tag: base36(peer),
            sent: VersionVector::default(),
        })
    }

    /// This peer's id.
    pub fn peer(&self) -> u64 {
        self.peer
    }

    /// Applies a local command through `history` (undoable), giving new
    /// statements, inferences and evidence peer-unique ids, and records
    /// the nodes it touched in the shared document.
    ///
    /// Errors: the model's refusal; the map and document are then unchanged.
    pub fn apply_local(
        &mut self,
        map: &mut Map,
        history: &mut History,
        cmd: Command,
    ) -> Result<Applied, ModelError> {
        let cmd = self.with_peer_ids(map, cmd);
        match history.apply(map, cmd) {
            Ok(applied) => {
                self.record_local(map, &applied.inverse);
                Ok(applied)
            }
            Err(error) => {
                // The ids taken for the refused command still raised the
                // counter: share it, so every peer saves the same counter.
                self.record_nodes(map, &[]);
                Err(error)
            }
        }
    }

    /// Records in the shared document a command applied to `map` outside
    /// [`LiveSession::apply_local`] (an undo or redo, say), given the
    /// inverse it returned.
    pub fn record_local(&mut self, map: &Map, inverse: &Command) {
        let ids = touched_nodes(map, inverse);
        self.record_nodes(map, &ids);
    }

    /// Undoes this peer's last step (never a remote edit: those are not in
    /// `history`) and records what it touched. Returns whether there was
    /// a step to undo; errors are the model's refusal.
    pub fn undo(&mut self, map: &mut Map, history: &mut History) -> Result<bool, ModelError> {
        let revision = history.revision();
        let done = history.undo(map);
        self.record_since(map, history, revision, done.is_err());
        done
    }

    /// Redoes this peer's last undone step and records what it touched.
    pub fn redo(&mut self, map: &mut Map, history: &mut History) -> Result<bool, ModelError> {
        let revision = history.revision();
        let done = history.redo(map);
        self.record_since(map, history, revision, done.is_err());
        done
    }

    /// Records the nodes touched since `revision`; every node when that is
    /// not known or the step failed (a refused batch may have got halfway).
    fn record_since(&mut self, map: &Map, history: &History, revision: u64, failed: bool) {
        let known = history.touched_since(revision).filter(|_| !failed);
        let ids = known.unwrap_or_else(|| {
            let mut ids: Vec<String> = map.nodes().map(|n| n.id.clone()).collect();
            let content = self.content();
            ids.extend(content.statements.keys().cloned());
            ids.extend(content.inferences.keys().cloned());
            ids.sort_unstable();
            ids.dedup();
            ids
        });
        self.record_nodes(map, &ids);
    }

    /// Records nodes `ids` as they are now in `map` (deleting those `map`
    /// lacks) in the shared document.
    pub fn record_nodes(&mut self, map: &Map, ids: &[String]) {
        for id in ids {
            // Errors here mean a container of the wrong type under `id`
            // (hostile data); the next write of that node tries again.
            let _ = crdt::write_node(&self.doc, map, id);
        }
        let _ = crdt::write_counter(&self.doc, self.peer, map.next_id());
        self.doc.commit();
    }

    /// The changes made here since the last call, to send to the other
    /// peers; `None` when there are none.
    pub fn outgoing(&mut self) -> Option<Vec<u8>> {
        self.doc.commit();
        let now = self.doc.oplog_vv();
        if now == self.sent {
            return None;
        }
        let bytes = self.doc.export(ExportMode::updates(&self.sent)).ok()?;
        self.sent = now;
        Some(bytes)
    }

    /// Every change of this document that `server_copy` (a snapshot or
    /// update from the server) lacks, as one update; `None` when it lacks
    /// nothing or cannot be read. Sent after (re)joining a room, so edits
    /// made offline, or lost with a crashed server, reach it.
    pub fn missing_from(&mut self, server_copy: &[u8]) -> Option<Vec<u8>> {
        let meta =
            std::panic::catch_unwind(|| LoroDoc::decode_import_blob_meta(server_copy, false))
                .ok()?
                .ok()?;
        self.doc.commit();
        let ours = self.doc.oplog_vv();
        if ours <= meta.partial_end_vv {
            return None;
        }
        self.doc
            .export(ExportMode::updates(&meta.partial_end_vv))
            .ok()
    }

    /// The whole shared document, for a peer that joins.
    pub fn snapshot(&self) -> Vec<u8> {
        self.doc.commit();
        self.doc.export(ExportMode::Snapshot).unwrap_or_default()
    }

    /// Imports bytes from another peer (an update or a snapshot) and brings
    /// `map` to the merged state, reading and reconciling only the nodes the
    /// import changed and their neighbourhood (see [`incremental`]). Bytes
    /// that do not decode change nothing and give a
    /// [`LiveWarning::Rejected`]. Never panics.
    pub fn receive(&mut self, map: &mut Map, bytes: &[u8]) -> RemoteApplied {
        if let Err(warning) = import(&self.doc, bytes) {
            return RemoteApplied {
                warnings: vec![warning],
                ..RemoteApplied::default()
            };
        }
        let Some(step) = incremental::apply(&self.doc, &self.watch, &mut self.mirror, map) else {
            return self.sync_model(map);
        };
        let refused = step
            .done
            .warnings
            .iter()
            .any(|w| matches!(w, LiveWarning::Refused { .. }));
        #[cfg(debug_assertions)]
        incremental::check_equals_full(&self.doc, &self.mirror, map, refused);
        let mut warnings = step.warnings;
        warnings.extend(step.done.warnings);
        let mut applied = RemoteApplied {
            commands: step.done.commands,
            touched: step.done.touched,
            warnings,
            reconciled: step.scope,
        };
        if refused {
            // The model refused a step: the map may now differ outside the
            // scope, so bring all of it to the document the full way.
            let full = self.sync_model(map);
            applied.commands.extend(full.commands);
            applied.touched.extend(full.touched);
            applied.touched.sort_unstable();
            applied.touched.dedup();
            applied.warnings.extend(full.warnings);
            applied.reconciled = full.reconciled;
        }
        applied
    }

    /// [`LiveSession::receive`] the long way: reads the whole document,
    /// repairs it and reconciles the whole map. The reference the
    /// incremental path is checked against (tests, `benches/collab.rs`).
    pub fn receive_full(&mut self, map: &mut Map, bytes: &[u8]) -> RemoteApplied {
        if let Err(warning) = import(&self.doc, bytes) {
            return RemoteApplied {
                warnings: vec![warning],
                ..RemoteApplied::default()
            };
        }
        self.sync_model(map)
    }

    /// Reads the whole document, repairs it and brings `map` there.
    fn sync_model(&mut self, map: &mut Map) -> RemoteApplied {
        let (mut content, mut warnings) = crdt::read_content(&self.doc);
        self.watch.clear();
        self.mirror = incremental::Mirror::of(content.clone());
        warnings.extend(content.repair());
        let done = reconcile::reconcile(map, &content);
        warnings.extend(done.warnings);
        RemoteApplied {
            commands: done.commands,
            touched: done.touched,
            warnings,
            reconciled: content.statements.len() + content.inferences.len(),
        }
    }

    /// The shared document's content, repaired, as every peer derives it.
    pub fn content(&self) -> Content {
        let (mut content, _) = crdt::read_content(&self.doc);
        content.repair();
        content
    }

    /// Makes every id `map` allocates from now on carry this peer's tag
    /// (`s12-TAG`), so that ids made outside [`LiveSession::apply_local`]
    /// (the app's editing helpers pick ids before building a command) never
    /// collide with another peer's. Not saved with the map.
    pub fn tag_ids(&self, map: &mut Map) {
        map.set_id_tag(Some(self.tag.clone()));
    }

    fn fresh_id(&self, map: &mut Map, kind: IdKind) -> String {
        if map.id_tag() == Some(self.tag.as_str()) {
            return map.allocate_id(kind);
        }
        loop {
            let id = format!("{}-{}", map.allocate_id(kind), self.tag);
            if !map.is_id_used(&id) {
                return id;
            }
        }
    }

    /// `cmd` with ids for everything it creates without one, so that two
    /// peers adding at once never pick the same id.
    fn with_peer_ids(&self, map: &mut Map, cmd: Command) -> Command {
        match cmd {
            Command::AddStatement {
                id,
                mut statement,
                pos,
            } => {
                let id = id.or_else(|| Some(self.fresh_id(map, IdKind::Statement)));
                for ev in statement.evidence.iter_mut().filter(|e| e.id.is_empty()) {
                    ev.id = self.fresh_id(map, IdKind::Evidence);
                }
                Command::AddStatement { id, statement, pos }
            }
            Command::Connect {
                id,
                inference,
                premises,
                target,
            } => Command::Connect {
                id: id.or_else(|| Some(self.fresh_id(map, IdKind::Inference))),
                inference,
                premises,
                target,
            },
            Command::AddEvidence {
                statement,
                index,
                mut evidence,
            } => {
                if evidence.id.is_empty() {
                    evidence.id = self.fresh_id(map, IdKind::Evidence);
                }
                Command::AddEvidence {
                    statement,
                    index,
                    evidence,
                }
            }
            Command::Batch(cmds) => Command::Batch(
                cmds.into_iter()
                    .map(|c| self.with_peer_ids(map, c))
                    .collect(),
            ),
            other => other,
        }
    }
}

/// `map` with every statement's text and notes emptied: the copy of the
/// native file kept in the document (`base`) needs the map's structure,
/// metadata, sources and tours, while texts and notes are kept in step in
/// the document's own containers and filled in on joining (the bulk of a
/// big map's file: without them the 10,000-statement map's document is
/// about a quarter smaller).
fn without_texts(map: &Map) -> Map {
    let mut bare = map.clone();
    let ids: Vec<String> = map
        .nodes()
        .filter(|n| n.as_statement().is_some())
        .map(|n| n.id.clone())
        .collect();
    for id in ids {
        for field in [
            StatementField::Text(String::new()),
            StatementField::Notes(String::new()),
        ] {
            // Only fails for a missing statement, and every id is one.
            let _ = crate::ops::apply(
                &mut bare,
                Command::EditStatement {
                    id: id.clone(),
                    field,
                },
            );
        }
    }
    bare
}

/// Imports `bytes` into `doc`, catching a panic inside the engine as well
/// as its errors, so hostile bytes never take the app down.
fn import(doc: &LoroDoc, bytes: &[u8]) -> Result<(), LiveWarning> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.import(bytes)));
    match result {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(LiveWarning::Rejected {
            reason: e.to_string(),
        }),
        Err(_) => Err(LiveWarning::Rejected {
            reason: "the sync engine could not decode it".to_owned(),
        }),
    }
}

/// `n` in base 36, lower case: a short peer tag for ids.
fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
