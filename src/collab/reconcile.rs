//! Brings a [`Map`] to a target [`Content`] through ordinary commands
//! applied with [`ops::apply`] (never recorded in a [`crate::ops::History`],
//! so remote edits do not enter the local undo stack).

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
    let mut out = Reconciled::default();
    for _ in 0..MAX_ROUNDS {
        let current = Content::of_map(map);
        if same_nodes(&current, target) {
            break;
        }
        remove_stale(map, &current, target, &mut out);
        let current = Content::of_map(map);
        for (id, statement) in &target.statements {
            match current.statements.get(id) {
                None => out.run(
                    map,
                    Command::AddStatement {
                        id: Some(id.clone()),
                        statement: statement.clone(),
                        pos: None,
                    },
                ),
                Some(now) if now != statement => {
                    for cmd in statement_edits(id, now, statement) {
                        out.run(map, cmd);
                    }
                }
                Some(_) => {}
            }
        }
        add_inferences(map, target, &mut out);
        let current = Content::of_map(map);
        for (id, linked) in &target.inferences {
            if let Some(now) = current.inferences.get(id)
                && now.inference != linked.inference
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
        let placements: Vec<Placement> = map
            .nodes_sorted()
            .into_iter()
            .filter_map(|node| {
                let want = target.placements.get(&node.id).copied().unwrap_or_default();
                (want.pos != node.pos || want.pinned != node.pinned).then(|| Placement {
                    id: node.id.clone(),
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
