//! Brings a [`Map`] to a target [`Content`] through ordinary commands
//! applied with [`ops::apply`] (never recorded in a [`crate::ops::History`],
//! so remote edits do not enter the local undo stack).

use std::collections::BTreeSet;

use super::LiveWarning;
use super::content::Content;
use crate::model::Map;
use crate::model::Statement;
use crate::ops::{self, Command, Placement, StatementField, touched_nodes};

/// Rounds of remove / add / edit before giving up: one normally suffices;
/// a second re-adds undercuts that a removal in the first took along.
const MAX_ROUNDS: usize = 4;

/// What bringing the map to the target did.
#[derive(Debug, Default)]
pub struct Reconciled {
    /// The commands applied, in order.
    pub commands: Vec<Command>,
    /// Ids of the nodes they touched (see [`touched_nodes`]), sorted, once each.
    pub touched: Vec<String>,
    /// Commands the model refused.
    pub warnings: Vec<LiveWarning>,
}

impl Reconciled {
    fn run(&mut self, map: &mut Map, cmd: Command) {
        match ops::apply(map, cmd.clone()) {
            Ok(applied) => {
                self.touched.extend(touched_nodes(map, &applied.inverse));
                self.commands.push(cmd);
            }
            Err(error) => self.warnings.push(LiveWarning::Refused {
                command: format!("{cmd:?}").chars().take(200).collect(),
                error: error.to_string(),
            }),
        }
    }
}

fn same_nodes(a: &Content, b: &Content) -> bool {
    a.statements == b.statements && a.inferences == b.inferences && a.placements == b.placements
}

/// Applies commands to `map` until its content equals `target` (which must
/// be repaired, see [`Content::repair`]), then raises the id counter to the
/// target's.
pub fn reconcile(map: &mut Map, target: &Content) -> Reconciled {
    reconcile_in(map, target, None)
}

/// The map's content, whole or only the nodes in `scope`.
fn current(map: &Map, scope: Option<&BTreeSet<String>>) -> Content {
    match scope {
        None => Content::of_map(map),
        Some(ids) => {
            let mut content = Content {
                next_id: map.next_id(),
                ..Content::default()
            };
            for id in ids {
                content.read_node(map, id);
            }
            content
        }
    }
}

/// As [`reconcile`], but when `scope` is given, only for the nodes in it:
/// `target` then holds the target's entries for those ids (and no
/// others), and nodes outside the scope are neither compared nor touched
/// (the caller makes sure that nothing there changes: see
/// [`super::incremental`]).
pub fn reconcile_in(
    map: &mut Map,
    target: &Content,
    scope: Option<&BTreeSet<String>>,
) -> Reconciled {
    let mut out = Reconciled::default();
    for _ in 0..MAX_ROUNDS {
        let now = current(map, scope);
        if same_nodes(&now, target) {
            break;
        }
        remove_stale(map, &now, target, &mut out);
        let now = current(map, scope);
        for (id, statement) in &target.statements {
            match now.statements.get(id) {
                None => out.run(
                    map,
                    Command::AddStatement {
                        id: Some(id.clone()),
                        statement: statement.clone(),
                        pos: None,
                    },
                ),
                Some(have) if have != statement => {
                    for cmd in statement_edits(id, have, statement) {
                        out.run(map, cmd);
                    }
                }
                Some(_) => {}
            }
        }
        add_inferences(map, target, &mut out);
        let now = current(map, scope);
        for (id, linked) in &target.inferences {
            if let Some(have) = now.inferences.get(id)
                && have.inference != linked.inference
            {
                out.run(
                    map,
                    Command::EditInference {
                        id: id.clone(),
                        inference: linked.inference.clone(),
                    },
                );
            }
        }
        let placed: Vec<String> = match scope {
            None => map
                .nodes_sorted()
                .into_iter()
                .map(|n| n.id.clone())
                .collect(),
            Some(ids) => ids
                .iter()
                .filter(|id| map.node(id).is_some())
                .cloned()
                .collect(),
        };
        let placements: Vec<Placement> = placed
            .into_iter()
            .filter_map(|id| {
                let node = map.node(&id)?;
                let want = target.placements.get(&id).copied().unwrap_or_default();
                (want.pos != node.pos || want.pinned != node.pinned).then(|| Placement {
                    id: id.clone(),
                    pos: want.pos,
                    pinned: want.pinned,
                })
            })
            .collect();
        if !placements.is_empty() {
            out.run(map, Command::Place(placements));
        }
    }
    map.bump_next_id(target.next_id);
    out.touched.sort_unstable();
    out.touched.dedup();
    out
}

/// Removes nodes the target lacks, and inferences whose premises or target
/// differ there (they are connected anew with the target's links).
fn remove_stale(map: &mut Map, current: &Content, target: &Content, out: &mut Reconciled) {
    let mut ids: Vec<String> = current
        .statements
        .keys()
        .filter(|id| !target.statements.contains_key(*id))
        .cloned()
        .collect();
    for (id, now) in &current.inferences {
        match target.inferences.get(id) {
            Some(want) if want.premises == now.premises && want.target == now.target => {}
            _ => ids.push(id.clone()),
        }
    }
    if !ids.is_empty() {
        ids.sort();
        out.run(map, Command::Remove { ids });
    }
}

/// Connects the target's missing inferences, each once its premises and
/// target exist (undercuts wait for the inference they attack).
fn add_inferences(map: &mut Map, target: &Content, out: &mut Reconciled) {
    loop {
        let mut progress = false;
        for (id, linked) in &target.inferences {
            let ready = map.node(id).is_none()
                && map.node(&linked.target).is_some()
                && linked.premises.iter().all(|p| map.node(p).is_some());
            if ready {
                let before = out.commands.len();
                out.run(
                    map,
                    Command::Connect {
                        id: Some(id.clone()),
                        inference: linked.inference.clone(),
                        premises: linked.premises.clone(),
                        target: linked.target.clone(),
                    },
                );
                progress |= out.commands.len() > before;
            }
        }
        if !progress {
            break;
        }
    }
}

/// The field edits that turn statement `now` into `want`. Evidence that
/// differs is replaced whole: removed, then added in the target's order.
fn statement_edits(id: &str, now: &Statement, want: &Statement) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut edit = |field| {
        cmds.push(Command::EditStatement {
            id: id.to_owned(),
            field,
        })
    };
    if now.text != want.text {
        edit(StatementField::Text(want.text.clone()));
    }
    if now.title != want.title {
        edit(StatementField::Title(want.title.clone()));
    }
    if now.role != want.role {
        edit(StatementField::Role(want.role));
    }
    if now.notes != want.notes {
        edit(StatementField::Notes(want.notes.clone()));
    }
    if now.tags != want.tags {
        edit(StatementField::Tags(want.tags.clone()));
    }
    if now.evidence != want.evidence {
        for ev in &now.evidence {
            cmds.push(Command::RemoveEvidence { id: ev.id.clone() });
        }
        for ev in &want.evidence {
            cmds.push(Command::AddEvidence {
                statement: id.to_owned(),
                index: None,
                evidence: ev.clone(),
            });
        }
    }
    cmds
}
