//! [`Content`]: the part of a map that live co-editing keeps in step
//! (statements with their evidence, inferences with their premises and
//! target, node placements, the id counter), as plain sorted values that
//! can be read from a [`Map`] or from the CRDT document and compared.
//! [`Content::repair`] makes a state read from the CRDT document satisfy
//! the model's invariants, reporting each change as a [`LiveWarning`].

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Inference, Map, Pos, Statement};

use super::LiveWarning;

/// An inference with its links: premises in co-premise order and the id of
/// what it concludes or attacks.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedInference {
    /// Kind, title, description, scheme, roles and questions.
    pub inference: Inference,
    /// Premise ids, in co-premise order.
    pub premises: Vec<String>,
    /// The target's id.
    pub target: String,
}

/// Where a node sits on the canvas (px, canvas coordinates) and whether
/// auto-layout must leave it alone.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodePlacement {
    /// The position, if placed.
    pub pos: Option<Pos>,
    /// Whether the node is pinned.
    pub pinned: bool,
}

impl NodePlacement {
    /// Whether this is what a node without a stored placement has.
    pub fn is_default(&self) -> bool {
        self.pos.is_none() && !self.pinned
    }
}

/// The synchronised content of a map, keyed by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Content {
    /// Statements by id.
    pub statements: BTreeMap<String, Statement>,
    /// Inferences by id.
    pub inferences: BTreeMap<String, LinkedInference>,
    /// Placements by node id; nodes with the default placement are absent.
    pub placements: BTreeMap<String, NodePlacement>,
    /// The id counter ([`Map::next_id`]).
    pub next_id: u64,
}

impl Content {
    /// Reads the synchronised content of `map`.
    pub fn of_map(map: &Map) -> Content {
        let mut content = Content {
            next_id: map.next_id(),
            ..Content::default()
        };
        for node in map.nodes() {
            content.read_node(map, &node.id);
        }
        content
    }

    /// Reads node `id` of `map` into this content (nothing if absent).
    pub fn read_node(&mut self, map: &Map, id: &str) {
        let Some(node) = map.node(id) else {
            return;
        };
        if let Some(statement) = node.as_statement() {
            self.statements.insert(id.to_owned(), statement.clone());
        } else if let Some(inference) = node.as_inference() {
            self.inferences.insert(
                id.to_owned(),
                LinkedInference {
                    inference: inference.clone(),
                    premises: map.premise_ids(id).into_iter().map(str::to_owned).collect(),
                    target: map.target_id(id).unwrap_or_default().to_owned(),
                },
            );
        }
        let placement = NodePlacement {
            pos: node.pos,
            pinned: node.pinned,
        };
        if !placement.is_default() {
            self.placements.insert(id.to_owned(), placement);
        }
    }

    /// Whether a node with this id exists.
    pub fn has_node(&self, id: &str) -> bool {
        self.statements.contains_key(id) || self.inferences.contains_key(id)
    }

    /// Makes this content satisfy the model's invariants, as a pure
    /// function of the content (so every peer repairs alike):
    /// - an id that is both a statement and an inference stays a statement;
    /// - premises that are missing, repeated or the inference itself are
    ///   dropped;
    /// - an inference left without premises, or whose target is missing or
    ///   itself, is dropped (repeated until nothing changes, since dropping
    ///   an inference can strand an undercut aimed at it);
    /// - an evidence id used twice keeps its first use in id order;
    /// - placements of missing nodes are forgotten (a move racing a delete:
    ///   not worth a warning).
    ///
    /// Returns one warning per repair, in a deterministic order.
    pub fn repair(&mut self) -> Vec<LiveWarning> {
        let mut warnings = Vec::new();
        let both: Vec<String> = self
            .inferences
            .keys()
            .filter(|id| self.statements.contains_key(*id))
            .cloned()
            .collect();
        for id in both {
            self.inferences.remove(&id);
            warnings.push(LiveWarning::InferenceDropped {
                id,
                reason: "its id is also a statement's".to_owned(),
            });
        }
        loop {
            let mut changed = false;
            let ids: Vec<String> = self.inferences.keys().cloned().collect();
            for id in ids {
                let Some(linked) = self.inferences.get(&id) else {
                    continue;
                };
                let mut seen = BTreeSet::new();
                let mut premises = Vec::with_capacity(linked.premises.len());
                for p in &linked.premises {
                    if *p != id && self.has_node(p) && seen.insert(p.clone()) {
                        premises.push(p.clone());
                    } else {
                        warnings.push(LiveWarning::PremiseDropped {
                            inference: id.clone(),
                            premise: p.clone(),
                        });
                    }
                }
                let target = linked.target.clone();
                let reason = if premises.is_empty() {
                    Some("it has no premise left")
                } else if target == id || !self.has_node(&target) {
                    Some("its target is gone")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    self.inferences.remove(&id);
                    warnings.push(LiveWarning::InferenceDropped {
                        id,
                        reason: reason.to_owned(),
                    });
                    changed = true;
                } else if premises.len() != linked.premises.len()
                    && let Some(linked) = self.inferences.get_mut(&id)
                {
                    linked.premises = premises;
                }
            }
            if !changed {
                break;
            }
        }
        let mut evidence_ids = BTreeSet::new();
        for (id, statement) in &mut self.statements {
            let before = statement.evidence.len();
            statement
                .evidence
                .retain(|e| !e.id.is_empty() && evidence_ids.insert(e.id.clone()));
            if statement.evidence.len() != before {
                warnings.push(LiveWarning::EvidenceDropped {
                    statement: id.clone(),
                });
            }
        }
        let statements = &self.statements;
        let inferences = &self.inferences;
        self.placements
            .retain(|id, _| statements.contains_key(id) || inferences.contains_key(id));
        warnings
    }
}
