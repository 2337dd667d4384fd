//! Validated edits of a [`Map`]. Each checks everything first and changes
//! nothing when it refuses, so the invariants always hold:
//! no edge straight between statements, every inference with at least one
//! premise and exactly one target, no dangling anchors, unique ids. An
//! inference may have its own target among its premises (circular
//! reasoning, or an AIF MA node from a statement back to itself): real maps
//! contain it, so the model keeps it rather than losing it.

use std::collections::{BTreeSet, HashSet};

use petgraph::Direction;
use petgraph::visit::EdgeRef;

use super::map::SourceEntry;
use super::{
    Anchor, Evidence, Inference, Link, Map, MapMeta, ModelError, Node, NodeData, NodeIx, Pos,
    Source, Statement, ids::is_valid_id,
};

/// A removed part of a map: the nodes and every edge that touched them,
/// enough to put them back exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    /// The removed nodes.
    pub nodes: Vec<Node>,
    /// The removed edges, as (from id, to id, link).
    pub links: Vec<(String, String, Link)>,
}

type Result<T> = std::result::Result<T, ModelError>;

/// A source's text, its path, and anchors by evidence id: what
/// [`Map::set_source_text`] sets and gives back.
pub type SourceTextState = (String, Option<String>, Vec<(String, Anchor)>);

impl Map {
    fn check_new_id(&self, id: &str) -> Result<()> {
        if !is_valid_id(id) {
            return Err(ModelError::InvalidId(id.to_owned()));
        }
        if self.is_id_used(id) {
            return Err(ModelError::DuplicateId(id.to_owned()));
        }
        Ok(())
    }

    fn statement_ix(&self, id: &str) -> Result<NodeIx> {
        let ix = self
            .index_of(id)
            .ok_or_else(|| ModelError::NoSuchNode(id.to_owned()))?;
        match self.graph[ix].data {
            NodeData::Statement(_) => Ok(ix),
            NodeData::Inference(_) => Err(ModelError::NotAStatement(id.to_owned())),
        }
    }

    fn inference_ix(&self, id: &str) -> Result<NodeIx> {
        let ix = self
            .index_of(id)
            .ok_or_else(|| ModelError::NoSuchNode(id.to_owned()))?;
        match self.graph[ix].data {
            NodeData::Inference(_) => Ok(ix),
            NodeData::Statement(_) => Err(ModelError::NotAnInference(id.to_owned())),
        }
    }

    fn statement_mut(&mut self, ix: NodeIx) -> &mut Statement {
        match &mut self.graph[ix].data {
            NodeData::Statement(s) => s,
            NodeData::Inference(_) => unreachable!("checked by statement_ix"),
        }
    }

    /// Checks an evidence item's id and anchor. `taken` holds ids claimed by
    /// the same batch but not yet in the map.
    fn check_evidence(&self, ev: &Evidence, taken: &mut HashSet<String>) -> Result<()> {
        self.check_new_id(&ev.id)?;
        if !taken.insert(ev.id.clone()) {
            return Err(ModelError::DuplicateId(ev.id.clone()));
        }
        self.check_anchor(ev)
    }

    fn check_anchor(&self, ev: &Evidence) -> Result<()> {
        let Some(anchor) = &ev.anchor else {
            return Ok(());
        };
        let bad = |problem: String| ModelError::BadAnchor {
            evidence: ev.id.clone(),
            problem,
        };
        let entry = self
            .sources
            .get(&anchor.source)
            .ok_or_else(|| bad(format!("to a missing source '{}'", anchor.source)))?;
        if !anchor.orphaned && (anchor.start > anchor.end || anchor.end > entry.char_len) {
            return Err(bad(format!(
                "range {}..{} outside source '{}' ({} characters)",
                anchor.start, anchor.end, anchor.source, entry.char_len
            )));
        }
        Ok(())
    }

    /// Adds statement `id`. Its evidence ids must be new and its anchors
    /// must point into existing sources.
    pub fn add_statement(
        &mut self,
        id: &str,
        statement: Statement,
        pos: Option<Pos>,
        pinned: bool,
    ) -> Result<NodeIx> {
        self.check_new_id(id)?;
        let mut taken = HashSet::from([id.to_owned()]);
        for ev in &statement.evidence {
            self.check_evidence(ev, &mut taken)?;
        }
        check_tags(&statement.tags)?;
        Ok(self.insert_node(Node {
            id: id.to_owned(),
            data: NodeData::Statement(statement),
            pos,
            pinned,
        }))
    }

    fn insert_node(&mut self, node: Node) -> NodeIx {
        let id = node.id.clone();
        let evidence_ids: Vec<String> = node
            .as_statement()
            .map(|s| s.evidence.iter().map(|e| e.id.clone()).collect())
            .unwrap_or_default();
        let ix = self.graph.add_node(node);
        self.by_id.insert(id, ix);
        for ev in evidence_ids {
            self.evidence_owner.insert(ev, ix);
        }
        ix
    }

    /// Adds inference `id` from `premises` (in co-premise order) to `target`.
    pub fn add_inference(
        &mut self,
        id: &str,
        inference: Inference,
        premises: &[&str],
        target: &str,
        pos: Option<Pos>,
        pinned: bool,
    ) -> Result<NodeIx> {
        self.check_new_id(id)?;
        if premises.is_empty() {
            return Err(ModelError::NoPremise(id.to_owned()));
        }
        let target_ix = self
            .index_of(target)
            .ok_or_else(|| ModelError::NoSuchNode(target.to_owned()))?;
        let mut premise_ixs = Vec::with_capacity(premises.len());
        for &p in premises {
            let pix = self
                .index_of(p)
                .ok_or_else(|| ModelError::NoSuchNode(p.to_owned()))?;
            if premise_ixs.contains(&pix) {
                return Err(ModelError::DuplicatePremise {
                    inference: id.to_owned(),
                    premise: p.to_owned(),
                });
            }
            premise_ixs.push(pix);
        }
        let ix = self.insert_node(Node {
            id: id.to_owned(),
            data: NodeData::Inference(inference),
            pos,
            pinned,
        });
        for (ord, pix) in premise_ixs.into_iter().enumerate() {
            self.graph.add_edge(pix, ix, Link::Premise(ord as u32));
        }
        self.graph.add_edge(ix, target_ix, Link::Target);
        Ok(ix)
    }

    /// Adds `premise` to inference `inference` as its last co-premise.
    pub fn add_premise(&mut self, inference: &str, premise: &str) -> Result<u32> {
        let ix = self.inference_ix(inference)?;
        let pix = self
            .index_of(premise)
            .ok_or_else(|| ModelError::NoSuchNode(premise.to_owned()))?;
        if pix == ix {
            return Err(ModelError::SelfLoop(inference.to_owned()));
        }
        let mut next = 0;
        for e in self.graph.edges_directed(ix, Direction::Incoming) {
            if let Link::Premise(ord) = *e.weight() {
                if e.source() == pix {
                    return Err(ModelError::DuplicatePremise {
                        inference: inference.to_owned(),
                        premise: premise.to_owned(),
                    });
                }
                next = next.max(ord + 1);
            }
        }
        self.graph.add_edge(pix, ix, Link::Premise(next));
        Ok(next)
    }

    /// Removes `premise` from `inference`, returning its position number.
    /// Refused for the last premise: remove the inference instead.
    pub fn remove_premise(&mut self, inference: &str, premise: &str) -> Result<u32> {
        let ix = self.inference_ix(inference)?;
        let premises: Vec<(petgraph::stable_graph::EdgeIndex<u32>, NodeIx, u32)> = self
            .graph
            .edges_directed(ix, Direction::Incoming)
            .filter_map(|e| match *e.weight() {
                Link::Premise(ord) => Some((e.id(), e.source(), ord)),
                Link::Target => None,
            })
            .collect();
        let Some(&(edge, _, ord)) = premises
            .iter()
            .find(|(_, p, _)| self.graph[*p].id == premise)
        else {
            return Err(ModelError::NotAPremise {
                inference: inference.to_owned(),
                premise: premise.to_owned(),
            });
        };
        if premises.len() == 1 {
            return Err(ModelError::LastPremise {
                inference: inference.to_owned(),
                premise: premise.to_owned(),
            });
        }
        self.graph.remove_edge(edge);
        Ok(ord)
    }

    /// Removes the nodes `ids` and everything that can no longer stand
    /// without them: inferences aimed at a removed node, inferences whose
    /// every premise is removed, and so on. Returns what was removed. Tour
    /// steps forget the removed nodes (see [`Map::remove_nodes_reporting`]
    /// to learn which steps changed).
    pub fn remove_nodes(&mut self, ids: &[&str]) -> Result<Fragment> {
        self.remove_nodes_reporting(ids)
            .map(|(fragment, _)| fragment)
    }

    /// As [`Map::remove_nodes`], and also returns every tour step that lost
    /// a reference to a removed node, as it was before (so that replacing
    /// those steps after restoring the fragment undoes the removal exactly).
    pub fn remove_nodes_reporting(
        &mut self,
        ids: &[&str],
    ) -> Result<(Fragment, Vec<super::StepChange>)> {
        let mut doomed: BTreeSet<NodeIx> = BTreeSet::new();
        let mut work = Vec::new();
        for &id in ids {
            let ix = self
                .index_of(id)
                .ok_or_else(|| ModelError::NoSuchNode(id.to_owned()))?;
            if doomed.insert(ix) {
                work.push(ix);
            }
        }
        while let Some(ix) = work.pop() {
            for inf in self.inferences_into(ix) {
                if doomed.insert(inf) {
                    work.push(inf);
                }
            }
            for inf in self.inferences_from(ix) {
                if !doomed.contains(&inf)
                    && self.premises_of(inf).iter().all(|p| doomed.contains(p))
                {
                    doomed.insert(inf);
                    work.push(inf);
                }
            }
        }
        let mut links = Vec::new();
        let mut seen_edges = HashSet::new();
        for &ix in &doomed {
            for dir in [Direction::Incoming, Direction::Outgoing] {
                for e in self.graph.edges_directed(ix, dir) {
                    if seen_edges.insert(e.id()) {
                        links.push((
                            self.graph[e.source()].id.clone(),
                            self.graph[e.target()].id.clone(),
                            *e.weight(),
                        ));
                    }
                }
            }
        }
        let mut nodes = Vec::with_capacity(doomed.len());
        for ix in doomed {
            let node = self.graph.remove_node(ix).expect("doomed nodes exist");
            self.by_id.remove(&node.id);
            if let Some(st) = node.as_statement() {
                for ev in &st.evidence {
                    self.evidence_owner.remove(&ev.id);
                }
            }
            nodes.push(node);
        }
        nodes.sort_by(|a, b| super::ids::natural_cmp(&a.id, &b.id));
        let gone: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let changes = self.forget_in_tours(&gone);
        Ok((Fragment { nodes, links }, changes))
    }

    /// Puts a removed [`Fragment`] back, with the same ids and links.
    pub fn restore(&mut self, fragment: Fragment) -> Result<()> {
        let mut taken = HashSet::new();
        for node in &fragment.nodes {
            self.check_new_id(&node.id)?;
            if !taken.insert(node.id.clone()) {
                return Err(ModelError::DuplicateId(node.id.clone()));
            }
        }
        for node in &fragment.nodes {
            if let Some(st) = node.as_statement() {
                for ev in &st.evidence {
                    self.check_evidence(ev, &mut taken)?;
                }
            }
        }
        let new_ids: HashSet<&str> = fragment.nodes.iter().map(|n| n.id.as_str()).collect();
        let exists = |id: &str| new_ids.contains(id) || self.by_id.contains_key(id);
        let new_kinds: std::collections::HashMap<&str, bool> = fragment
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.is_statement()))
            .collect();
        let is_inference = |id: &str| match new_kinds.get(id) {
            Some(is_statement) => !is_statement,
            None => self.inference(id).is_some(),
        };
        let mut targets: HashSet<&str> = HashSet::new();
        let mut has_premise: HashSet<&str> = HashSet::new();
        for (from, to, link) in &fragment.links {
            for id in [from, to] {
                if !exists(id) {
                    return Err(ModelError::NoSuchNode(id.clone()));
                }
            }
            let inference = match link {
                Link::Premise(_) => to,
                Link::Target => from,
            };
            if !is_inference(inference) {
                return Err(ModelError::NotAnInference(inference.clone()));
            }
            if from == to {
                return Err(ModelError::SelfLoop(inference.clone()));
            }
            match link {
                Link::Target => {
                    if !targets.insert(from) || self.target_id(from).is_some() {
                        return Err(ModelError::SecondTarget(from.clone()));
                    }
                }
                Link::Premise(_) => {
                    has_premise.insert(to);
                }
            }
        }
        for node in fragment.nodes.iter().filter(|n| !n.is_statement()) {
            if !targets.contains(node.id.as_str()) {
                return Err(ModelError::NoTarget(node.id.clone()));
            }
            if !has_premise.contains(node.id.as_str()) {
                return Err(ModelError::NoPremise(node.id.clone()));
            }
        }
        for node in fragment.nodes {
            self.insert_node(node);
        }
        for (from, to, link) in fragment.links {
            self.graph
                .add_edge(self.by_id[&from], self.by_id[&to], link);
        }
        Ok(())
    }

    /// Replaces the text of statement `id`, returning the old text.
    pub fn set_text(&mut self, id: &str, text: String) -> Result<String> {
        let ix = self.statement_ix(id)?;
        Ok(std::mem::replace(&mut self.statement_mut(ix).text, text))
    }

    /// Replaces the title of statement `id`, returning the old title.
    pub fn set_title(&mut self, id: &str, title: String) -> Result<String> {
        let ix = self.statement_ix(id)?;
        Ok(std::mem::replace(&mut self.statement_mut(ix).title, title))
    }

    /// Replaces the role of statement `id`, returning the old role.
    pub fn set_role(&mut self, id: &str, role: super::Role) -> Result<super::Role> {
        let ix = self.statement_ix(id)?;
        Ok(std::mem::replace(&mut self.statement_mut(ix).role, role))
    }

    /// Replaces the notes of statement `id`, returning the old notes.
    pub fn set_notes(&mut self, id: &str, notes: String) -> Result<String> {
        let ix = self.statement_ix(id)?;
        Ok(std::mem::replace(&mut self.statement_mut(ix).notes, notes))
    }

    /// Replaces the tags of statement `id`, returning the old tags.
    pub fn set_tags(&mut self, id: &str, tags: Vec<String>) -> Result<Vec<String>> {
        let ix = self.statement_ix(id)?;
        check_tags(&tags)?;
        Ok(std::mem::replace(&mut self.statement_mut(ix).tags, tags))
    }

    /// Replaces kind, title, description and scheme of inference `id`.
    pub fn set_inference(&mut self, id: &str, inference: Inference) -> Result<Inference> {
        let ix = self.inference_ix(id)?;
        match &mut self.graph[ix].data {
            NodeData::Inference(old) => Ok(std::mem::replace(old, inference)),
            NodeData::Statement(_) => unreachable!("checked by inference_ix"),
        }
    }

    /// Sets where node `id` sits and whether it is pinned, returning the old
    /// placement.
    pub fn set_placement(
        &mut self,
        id: &str,
        pos: Option<Pos>,
        pinned: bool,
    ) -> Result<(Option<Pos>, bool)> {
        let ix = self
            .index_of(id)
            .ok_or_else(|| ModelError::NoSuchNode(id.to_owned()))?;
        let node = &mut self.graph[ix];
        let old = (node.pos, node.pinned);
        node.pos = pos;
        node.pinned = pinned;
        Ok(old)
    }

    /// Inserts `evidence` into statement `statement` at `index` (clamped to
    /// the end), returning the index used.
    pub fn add_evidence(
        &mut self,
        statement: &str,
        index: usize,
        evidence: Evidence,
    ) -> Result<usize> {
        let ix = self.statement_ix(statement)?;
        self.check_evidence(&evidence, &mut HashSet::new())?;
        self.evidence_owner.insert(evidence.id.clone(), ix);
        let list = &mut self.statement_mut(ix).evidence;
        let index = index.min(list.len());
        list.insert(index, evidence);
        Ok(index)
    }

    /// Replaces the evidence item with `evidence.id`, returning the old one.
    pub fn replace_evidence(&mut self, evidence: Evidence) -> Result<Evidence> {
        let (ix, pos) = self
            .evidence_location(&evidence.id)
            .ok_or_else(|| ModelError::NoSuchEvidence(evidence.id.clone()))?;
        self.check_anchor(&evidence)?;
        Ok(std::mem::replace(
            &mut self.statement_mut(ix).evidence[pos],
            evidence,
        ))
    }

    /// Removes evidence `id`, returning its statement's id, its index and the item.
    pub fn remove_evidence(&mut self, id: &str) -> Result<(String, usize, Evidence)> {
        let (ix, pos) = self
            .evidence_location(id)
            .ok_or_else(|| ModelError::NoSuchEvidence(id.to_owned()))?;
        self.evidence_owner.remove(id);
        let ev = self.statement_mut(ix).evidence.remove(pos);
        Ok((self.graph[ix].id.clone(), pos, ev))
    }

    /// Adds a source document.
    pub fn add_source(&mut self, source: Source) -> Result<()> {
        self.check_new_id(&source.id)?;
        let char_len = source.text.chars().count();
        self.sources
            .insert(source.id.clone(), SourceEntry { source, char_len });
        Ok(())
    }

    /// Replaces source `source.id`, returning the old one. Refused if an
    /// anchor that is not orphaned would fall outside the new text.
    pub fn replace_source(&mut self, source: Source) -> Result<Source> {
        if !self.sources.contains_key(&source.id) {
            return Err(ModelError::NoSuchSource(source.id.clone()));
        }
        let char_len = source.text.chars().count();
        for ev in self.evidence_quoting(&source.id) {
            let a = ev.anchor.as_ref().expect("quoting evidence has an anchor");
            if !a.orphaned && a.end > char_len {
                return Err(ModelError::BadAnchor {
                    evidence: ev.id.clone(),
                    problem: format!(
                        "range {}..{} outside the new text of '{}'",
                        a.start, a.end, source.id
                    ),
                });
            }
        }
        let entry = self.sources.get_mut(&source.id).expect("checked above");
        let old = std::mem::replace(entry, SourceEntry { source, char_len });
        Ok(old.source)
    }

    /// Replaces source `id`'s text and path and, in the same step, the
    /// anchors of the listed evidence items (usually from
    /// [`super::anchoring::reanchor_all`]). Returns the old text, path and
    /// anchors of the same items, which put back undo it exactly.
    ///
    /// Refused, changing nothing, when the source is missing, a listed item
    /// does not exist, is listed twice, does not quote this source now, or
    /// gets an anchor on another source, or when any anchor on the source
    /// that is not orphaned would fall outside the new text.
    pub fn set_source_text(
        &mut self,
        id: &str,
        text: String,
        path: Option<String>,
        anchors: Vec<(String, Anchor)>,
    ) -> Result<SourceTextState> {
        if !self.sources.contains_key(id) {
            return Err(ModelError::NoSuchSource(id.to_owned()));
        }
        let char_len = text.chars().count();
        let bad = |evidence: &str, problem: String| ModelError::BadAnchor {
            evidence: evidence.to_owned(),
            problem,
        };
        let mut listed = HashSet::new();
        let mut places = Vec::with_capacity(anchors.len());
        for (ev_id, anchor) in &anchors {
            let (ix, pos) = self
                .evidence_location(ev_id)
                .ok_or_else(|| ModelError::NoSuchEvidence(ev_id.clone()))?;
            if !listed.insert(ev_id.as_str()) {
                return Err(ModelError::DuplicateId(ev_id.clone()));
            }
            let quotes_it = self.graph[ix]
                .as_statement()
                .and_then(|s| s.evidence[pos].anchor.as_ref())
                .is_some_and(|a| a.source == id);
            if !quotes_it || anchor.source != id {
                return Err(bad(ev_id, format!("that does not belong to source '{id}'")));
            }
            places.push((ix, pos));
        }
        for ev in self.evidence_quoting(id) {
            let a = match anchors.iter().find(|(e, _)| *e == ev.id) {
                Some((_, new)) => new,
                None => ev.anchor.as_ref().expect("quoting evidence has an anchor"),
            };
            if !a.orphaned && (a.start > a.end || a.end > char_len) {
                return Err(bad(
                    &ev.id,
                    format!(
                        "range {}..{} outside the new text of '{id}' ({char_len} characters)",
                        a.start, a.end
                    ),
                ));
            }
        }
        let entry = self.sources.get_mut(id).expect("checked above");
        entry.char_len = char_len;
        let old_text = std::mem::replace(&mut entry.source.text, text);
        let old_path = std::mem::replace(&mut entry.source.path, path);
        let mut old_anchors = Vec::with_capacity(anchors.len());
        for ((ev_id, anchor), (ix, pos)) in anchors.into_iter().zip(places) {
            let slot = &mut self.statement_mut(ix).evidence[pos].anchor;
            let old = slot.replace(anchor).expect("checked to quote the source");
            old_anchors.push((ev_id, old));
        }
        Ok((old_text, old_path, old_anchors))
    }

    /// Removes source `id`. Refused while evidence quotes it.
    pub fn remove_source(&mut self, id: &str) -> Result<Source> {
        if let Some(ev) = self.evidence_quoting(id).first() {
            return Err(ModelError::SourceInUse {
                source_id: id.to_owned(),
                evidence: ev.id.clone(),
            });
        }
        self.sources
            .remove(id)
            .map(|e| e.source)
            .ok_or_else(|| ModelError::NoSuchSource(id.to_owned()))
    }

    /// Every evidence item whose anchor quotes source `id`.
    pub fn evidence_quoting(&self, id: &str) -> Vec<&Evidence> {
        self.graph
            .node_weights()
            .filter_map(Node::as_statement)
            .flat_map(|s| &s.evidence)
            .filter(|e| e.anchor.as_ref().is_some_and(|a| a.source == id))
            .collect()
    }

    /// Replaces the map's metadata, returning the old one.
    pub fn set_meta(&mut self, meta: MapMeta) -> Result<MapMeta> {
        if meta.title.trim().is_empty() {
            return Err(ModelError::EmptyTitle);
        }
        Ok(std::mem::replace(&mut self.meta, meta))
    }

    /// Sets the id counter; it never goes backwards.
    pub fn bump_next_id(&mut self, at_least: u64) {
        self.next_id = self.next_id.max(at_least);
    }
}

fn check_tags(tags: &[String]) -> Result<()> {
    let mut seen = HashSet::new();
    for tag in tags {
        if tag.trim().is_empty() {
            return Err(ModelError::BadTags("a tag is empty".into()));
        }
        if !seen.insert(tag) {
            return Err(ModelError::BadTags(format!("'{tag}' appears twice")));
        }
    }
    Ok(())
}
