//! Tours: a seminar's script, stored in the map.
//!
//! A [`Tour`] is a named, ordered list of [`TourStep`]s; a map holds any
//! number of tours, in order, with unique names. The model follows Argunet
//! Presentation's step timelines: each step *reveals* nodes (cumulatively:
//! at step `k` every node revealed by steps `0..=k` is visible, see
//! [`Tour::visible_at`]), *highlights* some of them, names a focus node with
//! a hop depth, a camera, an optional speaker note and an optional overlay.
//!
//! Steps refer to nodes by id. The map keeps them valid: a step may only
//! name existing nodes, and removing a node removes it from every step
//! ([`Map::remove_nodes_reporting`](super::Map::remove_nodes_reporting)
//! reports which steps changed, so the edit can be undone exactly and the
//! status bar can say so).

use std::collections::{BTreeSet, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use super::{Map, ModelError, NodeIx};

/// Deepest focus a step may ask for, in hops.
pub const MAX_FOCUS_DEPTH: u8 = 5;
/// Longest tour name, in bytes.
pub const MAX_TOUR_NAME_BYTES: usize = 200;

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// A focus: a node and how many hops around it count as its neighbourhood
/// (see [`neighbourhood`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focus {
    /// The node in focus.
    pub node: String,
    /// Hops around it, 0 to [`MAX_FOCUS_DEPTH`].
    #[serde(default, skip_serializing_if = "is_zero")]
    pub depth: u8,
}

/// Where a step puts the camera.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Camera {
    /// Fit every node visible at this step (revealed so far).
    #[default]
    FitRevealed,
    /// Fit the focus node's neighbourhood (falls back to
    /// [`Camera::FitRevealed`] when the step has no focus).
    FitFocus,
}

impl Camera {
    fn is_default(&self) -> bool {
        *self == Camera::FitRevealed
    }
}

/// An overlay a step switches on. Viewers that do not draw an overlay
/// yet ignore it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Overlay {
    /// Show each node's evaluation label (IN/OUT/UNDEC).
    EvaluationLabels,
}

/// One step of a tour.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourStep {
    /// Nodes this step adds to what is visible, by id, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reveal: Vec<String>,
    /// Nodes marked at this step, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlight: Vec<String>,
    /// The node in focus, with its hop depth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    /// What the camera fits.
    #[serde(default, skip_serializing_if = "Camera::is_default")]
    pub camera: Camera,
    /// What the presenter says at this step; empty when nothing.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// An overlay to show at this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<Overlay>,
}

impl TourStep {
    /// A step revealing `ids` (a selection), highlighting them, focused on
    /// the first with depth 1, camera fitted to everything revealed.
    pub fn revealing(ids: Vec<String>) -> TourStep {
        TourStep {
            focus: ids.first().map(|id| Focus {
                node: id.clone(),
                depth: 1,
            }),
            highlight: ids.clone(),
            reveal: ids,
            ..TourStep::default()
        }
    }

    /// Every node id the step names: revealed, highlighted and in focus.
    pub fn node_refs(&self) -> impl Iterator<Item = &str> {
        self.reveal
            .iter()
            .chain(&self.highlight)
            .map(String::as_str)
            .chain(self.focus.iter().map(|f| f.node.as_str()))
    }

    /// Drops every reference to `gone`: from the revealed and highlighted
    /// lists, and the focus if it is one of them. Returns whether anything
    /// changed.
    fn forget(&mut self, gone: &HashSet<&str>) -> bool {
        let before = (
            self.reveal.len(),
            self.highlight.len(),
            self.focus.is_some(),
        );
        self.reveal.retain(|id| !gone.contains(id.as_str()));
        self.highlight.retain(|id| !gone.contains(id.as_str()));
        if self
            .focus
            .as_ref()
            .is_some_and(|f| gone.contains(f.node.as_str()))
        {
            self.focus = None;
        }
        before
            != (
                self.reveal.len(),
                self.highlight.len(),
                self.focus.is_some(),
            )
    }
}

/// A named, ordered list of steps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tour {
    /// The name, unique in the map.
    pub name: String,
    /// The steps, in presenting order.
    #[serde(default)]
    pub steps: Vec<TourStep>,
}

impl Tour {
    /// An empty tour called `name`.
    pub fn new(name: impl Into<String>) -> Tour {
        Tour {
            name: name.into(),
            steps: Vec::new(),
        }
    }

    /// The ids visible at step `index`: everything revealed by steps
    /// `0..=index` (all steps when `index` is past the end), sorted.
    pub fn visible_at(&self, index: usize) -> BTreeSet<&str> {
        self.steps
            .iter()
            .take(index.saturating_add(1))
            .flat_map(|s| s.reveal.iter().map(String::as_str))
            .collect()
    }
}

/// A step of a named tour.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepRef {
    /// The tour's name.
    pub tour: String,
    /// The step's index in it.
    pub step: usize,
}

/// A step that lost references when nodes were removed: where it is and
/// what it was before, so the removal can be undone exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct StepChange {
    /// Which step.
    pub at: StepRef,
    /// The step as it was.
    pub before: TourStep,
}

/// The nodes within `depth` hops of `focus`, `focus` included, sorted by
/// graph index. A hop goes from a node through an inference to the next
/// node: from a statement to the premises and target of each inference it
/// takes part in, and from an inference to its premises, its target and
/// the inferences aimed at it. Inference nodes passed on the way are
/// included (they cost no hop of their own), so depth 1 around a claim is
/// the claim, its reasons, its objections (undercuts of its reasons too),
/// what it supports or attacks, and the connectors between them. An
/// inference at the rim is kept only when it joins two nodes inside.
pub fn neighbourhood(map: &Map, focus: NodeIx, depth: u8) -> Vec<NodeIx> {
    let graph = map.graph();
    if graph.node_weight(focus).is_none() {
        return Vec::new();
    }
    // 0-1 breadth-first search: entering an inference costs 0, entering a
    // statement costs 1.
    let mut dist: std::collections::HashMap<NodeIx, u8> = std::collections::HashMap::new();
    let mut queue = VecDeque::from([(focus, 0u8)]);
    dist.insert(focus, 0);
    while let Some((ix, d)) = queue.pop_front() {
        if dist.get(&ix).is_some_and(|&best| best < d) {
            continue;
        }
        let near = graph
            .edges_directed(ix, Direction::Incoming)
            .map(|e| e.source())
            .chain(
                graph
                    .edges_directed(ix, Direction::Outgoing)
                    .map(|e| e.target()),
            );
        for next in near.collect::<Vec<_>>() {
            let is_statement = graph[next].is_statement();
            let nd = d.saturating_add(u8::from(is_statement));
            if nd > depth || dist.get(&next).is_some_and(|&best| best <= nd) {
                continue;
            }
            dist.insert(next, nd);
            if is_statement {
                queue.push_back((next, nd));
            } else {
                queue.push_front((next, nd));
            }
        }
    }
    let inside: HashSet<NodeIx> = dist.keys().copied().collect();
    let mut out: Vec<NodeIx> = inside
        .iter()
        .copied()
        .filter(|&ix| {
            graph[ix].is_statement()
                || ix == focus
                || graph
                    .neighbors_undirected(ix)
                    .filter(|n| inside.contains(n))
                    .count()
                    >= 2
        })
        .collect();
    out.sort_unstable();
    out
}

impl Map {
    /// The tours, in order.
    pub fn tours(&self) -> &[Tour] {
        &self.tours
    }

    /// The tour called `name`.
    pub fn tour(&self, name: &str) -> Option<&Tour> {
        self.tours.iter().find(|t| t.name == name)
    }

    fn tour_index(&self, name: &str) -> Result<usize, ModelError> {
        self.tours
            .iter()
            .position(|t| t.name == name)
            .ok_or_else(|| ModelError::NoSuchTour(name.to_owned()))
    }

    fn check_tour_name(&self, name: &str) -> Result<(), ModelError> {
        if name.trim().is_empty() || name.len() > MAX_TOUR_NAME_BYTES {
            return Err(ModelError::BadTourName(name.to_owned()));
        }
        if self.tour(name).is_some() {
            return Err(ModelError::DuplicateTour(name.to_owned()));
        }
        Ok(())
    }

    /// Checks that `step` names only existing nodes, none twice in one
    /// list, and a focus depth of at most [`MAX_FOCUS_DEPTH`].
    pub fn check_step(&self, step: &TourStep) -> Result<(), ModelError> {
        for id in step.node_refs() {
            if self.index_of(id).is_none() {
                return Err(ModelError::NoSuchNode(id.to_owned()));
            }
        }
        for list in [&step.reveal, &step.highlight] {
            let mut seen = HashSet::new();
            if let Some(id) = list.iter().find(|id| !seen.insert(id.as_str())) {
                return Err(ModelError::BadStep(format!("'{id}' is listed twice")));
            }
        }
        if let Some(f) = &step.focus
            && f.depth > MAX_FOCUS_DEPTH
        {
            return Err(ModelError::BadStep(format!(
                "focus depth {} is more than {MAX_FOCUS_DEPTH}",
                f.depth
            )));
        }
        Ok(())
    }

    /// Inserts `tour` at `index` (clamped to the end). Its name must be new
    /// and every step valid.
    pub fn insert_tour(&mut self, index: usize, tour: Tour) -> Result<usize, ModelError> {
        self.check_tour_name(&tour.name)?;
        for step in &tour.steps {
            self.check_step(step)?;
        }
        let index = index.min(self.tours.len());
        self.tours.insert(index, tour);
        Ok(index)
    }

    /// Removes the tour `name`, returning where it was and what it held.
    pub fn remove_tour(&mut self, name: &str) -> Result<(usize, Tour), ModelError> {
        let index = self.tour_index(name)?;
        Ok((index, self.tours.remove(index)))
    }

    /// Renames tour `from` to `to`.
    pub fn rename_tour(&mut self, from: &str, to: &str) -> Result<(), ModelError> {
        let index = self.tour_index(from)?;
        if from == to {
            return Ok(());
        }
        self.check_tour_name(to)?;
        self.tours[index].name = to.to_owned();
        Ok(())
    }

    fn check_step_index(&self, tour: usize, step: usize, len_ok: bool) -> Result<(), ModelError> {
        let len = self.tours[tour].steps.len();
        if step < len || (len_ok && step == len) {
            Ok(())
        } else {
            Err(ModelError::NoSuchStep {
                tour: self.tours[tour].name.clone(),
                step,
            })
        }
    }

    /// Inserts `step` into tour `tour` at `index` (`None` for the end),
    /// returning its index.
    pub fn insert_step(
        &mut self,
        tour: &str,
        index: Option<usize>,
        step: TourStep,
    ) -> Result<usize, ModelError> {
        let t = self.tour_index(tour)?;
        let index = index.unwrap_or(self.tours[t].steps.len());
        self.check_step_index(t, index, true)?;
        self.check_step(&step)?;
        self.tours[t].steps.insert(index, step);
        Ok(index)
    }

    /// Removes step `index` of tour `tour`, returning it.
    pub fn remove_step(&mut self, tour: &str, index: usize) -> Result<TourStep, ModelError> {
        let t = self.tour_index(tour)?;
        self.check_step_index(t, index, false)?;
        Ok(self.tours[t].steps.remove(index))
    }

    /// Moves step `from` of tour `tour` so that it ends up at index `to`.
    pub fn move_step(&mut self, tour: &str, from: usize, to: usize) -> Result<(), ModelError> {
        let t = self.tour_index(tour)?;
        self.check_step_index(t, from, false)?;
        self.check_step_index(t, to, false)?;
        let step = self.tours[t].steps.remove(from);
        self.tours[t].steps.insert(to, step);
        Ok(())
    }

    /// Replaces step `index` of tour `tour` with `step`, returning the old one.
    pub fn replace_step(
        &mut self,
        tour: &str,
        index: usize,
        step: TourStep,
    ) -> Result<TourStep, ModelError> {
        let t = self.tour_index(tour)?;
        self.check_step_index(t, index, false)?;
        self.check_step(&step)?;
        Ok(std::mem::replace(&mut self.tours[t].steps[index], step))
    }

    /// Drops every reference to the nodes `gone` from every step, returning
    /// each changed step as it was before, in tour then step order.
    pub(super) fn forget_in_tours(&mut self, gone: &HashSet<&str>) -> Vec<StepChange> {
        let mut changes = Vec::new();
        if gone.is_empty() {
            return changes;
        }
        for tour in &mut self.tours {
            for (k, step) in tour.steps.iter_mut().enumerate() {
                let before = step.clone();
                if step.forget(gone) {
                    changes.push(StepChange {
                        at: StepRef {
                            tour: tour.name.clone(),
                            step: k,
                        },
                        before,
                    });
                }
            }
        }
        changes
    }
}

#[cfg(test)]
#[path = "tour_tests.rs"]
mod tests;
