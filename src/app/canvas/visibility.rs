//! Which nodes the canvas shows, dims or hides: folded branches, the
//! neighbourhood in focus, and filters. Computed from the map and the
//! navigation state, never stored in the scene: the scene keeps every box,
//! and drawing and hit-testing ask [`Visibility`] per node, so entering or
//! leaving focus, folding and filtering never rebuild the scene.
//! Present mode adds one more source ([`Reveal`]): the nodes a tour step
//! has not revealed yet, and the nodes it highlights.
//!
//! Graph terms (see [`crate::model::Link`]): edges run premise → inference
//! → target. The *children* of a node are the nodes with an edge into it
//! (a statement's inferences; an inference's premises and undercutters),
//! its *parents* the nodes it points to. Roots have no parents.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::visit::{EdgeRef, NodeIndexable};

use crate::app::navigation::{Filters, Focus, HideOrDim};
use crate::model::{Link, Map, NodeData, NodeIx};

/// How a node is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shown {
    /// Drawn as usual.
    #[default]
    Normal,
    /// Drawn faded; still clickable.
    Dimmed,
    /// Not drawn and not hit by the pointer.
    Hidden,
}

/// What the canvas shows of each node, for one map state and navigation state.
#[derive(Clone, Debug, Default)]
pub struct Visibility {
    /// Indexed by `NodeIx::index()`; nodes beyond the end are shown normally.
    shown: Vec<Shown>,
    /// For each folded node: how many statements its fold hides.
    hidden_under: HashMap<NodeIx, usize>,
    /// Whether any node is dimmed or hidden (a fast path for drawing).
    any: bool,
    /// Nodes outlined by the present step.
    highlight: HashSet<NodeIx>,
}

/// What a present-mode step shows (see [`crate::render::handout::StepView`]).
#[derive(Clone, Debug, Default)]
pub struct Reveal {
    /// The nodes revealed so far.
    pub visible: HashSet<NodeIx>,
    /// The nodes the step outlines.
    pub highlight: HashSet<NodeIx>,
    /// How the nodes not revealed yet are drawn.
    pub unrevealed: HideOrDim,
    /// With the spotlight on: the nodes it lights; every other node is
    /// dimmed.
    pub spotlight: Option<HashSet<NodeIx>>,
}

impl Visibility {
    /// How node `ix` is drawn.
    pub fn of(&self, ix: NodeIx) -> Shown {
        self.shown.get(ix.index()).copied().unwrap_or_default()
    }

    /// Whether node `ix` is neither drawn nor hit.
    pub fn is_hidden(&self, ix: NodeIx) -> bool {
        self.of(ix) == Shown::Hidden
    }

    /// Whether the present step outlines node `ix`.
    pub fn is_highlighted(&self, ix: NodeIx) -> bool {
        self.highlight.contains(&ix)
    }

    /// Adds present mode's `reveal` on top of folds, focus and filters:
    /// nodes not revealed are hidden or dimmed (as `reveal.unrevealed`
    /// says), inferences follow their ends as in [`Visibility::compute`],
    /// and the step's highlights are kept for drawing.
    pub fn with_reveal(mut self, map: &Map, reveal: &Reveal) -> Visibility {
        let unrevealed = match reveal.unrevealed {
            HideOrDim::Hide => Shown::Hidden,
            HideOrDim::Dim => Shown::Dimmed,
        };
        for ix in map.graph().node_indices() {
            let Some(s) = self.shown.get_mut(ix.index()) else {
                continue;
            };
            if !reveal.visible.contains(&ix) {
                *s = (*s).max(unrevealed);
            } else if reveal
                .spotlight
                .as_ref()
                .is_some_and(|lit| !lit.contains(&ix))
            {
                *s = (*s).max(Shown::Dimmed);
            }
        }
        self.any = self.shown.iter().any(|s| *s != Shown::Normal);
        if self.any {
            inferences_follow_their_ends(map, &mut self.shown);
        }
        self.highlight = reveal.highlight.clone();
        self
    }

    /// Whether every node is shown normally.
    pub fn shows_everything(&self) -> bool {
        !self.any
    }

    /// The number of statements hidden by folding node `ix`, if it is folded.
    pub fn hidden_under(&self, ix: NodeIx) -> Option<usize> {
        self.hidden_under.get(&ix).copied()
    }

    /// Computes what to show of `map`: nodes under a fold in `folded` are
    /// hidden; with `focus`, statements more than `focus.depth` hops from
    /// its centres are hidden or dimmed; statements failing `filters` are
    /// hidden or dimmed. An inference is shown as its weakest end: hidden
    /// when its target or all its premises are hidden.
    pub fn compute(
        map: &Map,
        folded: &BTreeSet<String>,
        focus: Option<&Focus>,
        filters: &Filters,
    ) -> Visibility {
        let graph = map.graph();
        let mut shown = vec![Shown::Normal; graph.node_bound()];
        let mut hidden_under = HashMap::new();
        if !folded.is_empty() {
            let folded_ix: Vec<NodeIx> = folded.iter().filter_map(|id| map.index_of(id)).collect();
            let reach = reachable_from_roots(map, &folded_ix);
            for &f in &folded_ix {
                let mut count = 0;
                for d in descendants(map, f) {
                    if !reach[d.index()] {
                        shown[d.index()] = Shown::Hidden;
                        count += usize::from(graph[d].is_statement());
                    }
                }
                hidden_under.insert(f, count);
            }
        }
        if let Some(focus) = focus {
            let near = within_hops(map, &focus.centres, focus.depth);
            let outside = match focus.outside {
                HideOrDim::Hide => Shown::Hidden,
                HideOrDim::Dim => Shown::Dimmed,
            };
            for ix in graph.node_indices() {
                if graph[ix].is_statement() && !near.contains_key(&ix) {
                    shown[ix.index()] = shown[ix.index()].max(outside);
                }
            }
        }
        if !filters.is_empty() {
            let failing = match filters.mode {
                HideOrDim::Hide => Shown::Hidden,
                HideOrDim::Dim => Shown::Dimmed,
            };
            let needs_facts = filters.needs_scheme_facts();
            for ix in graph.node_indices() {
                let NodeData::Statement(s) = &graph[ix].data else {
                    continue;
                };
                let facts = if needs_facts {
                    super::super::navigation::SchemeFacts::of(map, ix)
                } else {
                    Default::default()
                };
                if !filters.passes_with(s, &facts) {
                    shown[ix.index()] = shown[ix.index()].max(failing);
                }
            }
        }
        let any = shown.iter().any(|s| *s != Shown::Normal);
        if any {
            inferences_follow_their_ends(map, &mut shown);
        }
        Visibility {
            shown,
            hidden_under,
            any,
            highlight: HashSet::new(),
        }
    }
}

/// Nodes reachable from the roots through children without entering the
/// children of a folded node: they stay visible even if also under a fold.
fn reachable_from_roots(map: &Map, folded: &[NodeIx]) -> Vec<bool> {
    let graph = map.graph();
    let mut seen = vec![false; graph.node_bound()];
    let mut queue: VecDeque<NodeIx> = graph
        .node_indices()
        .filter(|&ix| {
            graph
                .neighbors_directed(ix, Direction::Outgoing)
                .next()
                .is_none()
        })
        .collect();
    for &ix in &queue {
        seen[ix.index()] = true;
    }
    while let Some(ix) = queue.pop_front() {
        if folded.contains(&ix) {
            continue;
        }
        for child in graph.neighbors_directed(ix, Direction::Incoming) {
            if !seen[child.index()] {
                seen[child.index()] = true;
                queue.push_back(child);
            }
        }
    }
    // Nodes in a cycle with no root above them are not under any fold's
    // reach from the top; they count as reachable unless a fold covers them.
    seen
}

/// Every node below `ix` (children, their children, …), without `ix`.
pub fn descendants(map: &Map, ix: NodeIx) -> Vec<NodeIx> {
    let graph = map.graph();
    let mut seen = std::collections::HashSet::from([ix]);
    let mut out = Vec::new();
    let mut queue = VecDeque::from([ix]);
    while let Some(n) = queue.pop_front() {
        for child in graph.neighbors_directed(n, Direction::Incoming) {
            if seen.insert(child) {
                out.push(child);
                queue.push_back(child);
            }
        }
    }
    out
}

/// Statements within `depth` hops of the statements or inferences named in
/// `centres`, with their distance. One hop goes from a statement through
/// one inference to the statements on its other ends (its target, its
/// co-premises, the premises of inferences into it), so depth 1 is a
/// statement's direct reasons, objections, conclusions and co-premises.
/// A 0-1 breadth-first search: entering a statement costs one hop,
/// entering an inference none.
pub fn within_hops(map: &Map, centres: &[String], depth: usize) -> HashMap<NodeIx, usize> {
    let graph = map.graph();
    let mut dist: HashMap<NodeIx, usize> = HashMap::new();
    let mut queue: VecDeque<(NodeIx, usize)> = VecDeque::new();
    for ix in centres.iter().filter_map(|id| map.index_of(id)) {
        dist.insert(ix, 0);
        queue.push_back((ix, 0));
    }
    while let Some((n, d)) = queue.pop_front() {
        if dist.get(&n).is_some_and(|&best| best < d) {
            continue;
        }
        for next in graph.neighbors_undirected(n) {
            let step = usize::from(graph[next].is_statement());
            let nd = d + step;
            if nd > depth || dist.get(&next).is_some_and(|&best| best <= nd) {
                continue;
            }
            dist.insert(next, nd);
            if step == 0 {
                queue.push_front((next, nd));
            } else {
                queue.push_back((next, nd));
            }
        }
    }
    dist.retain(|ix, _| graph[*ix].is_statement());
    dist
}

/// Gives each inference the state of its weakest end: hidden when its
/// target is hidden or every premise is; dimmed when an end is dimmed.
/// Undercuts point at inferences, so this runs until nothing changes.
fn inferences_follow_their_ends(map: &Map, shown: &mut [Shown]) {
    let graph = map.graph();
    let inferences: Vec<NodeIx> = graph
        .node_indices()
        .filter(|&ix| !graph[ix].is_statement())
        .collect();
    for _ in 0..8 {
        let mut changed = false;
        for &ix in &inferences {
            let mut target = Shown::Hidden;
            let mut best_premise = Shown::Hidden;
            for e in graph.edges_directed(ix, Direction::Outgoing) {
                if matches!(e.weight(), Link::Target) {
                    target = shown[e.target().index()];
                }
            }
            for e in graph.edges_directed(ix, Direction::Incoming) {
                if matches!(e.weight(), Link::Premise(_)) {
                    best_premise = best_premise.min(shown[e.source().index()]);
                }
            }
            let state = target.max(best_premise).max(shown[ix.index()]);
            if state != shown[ix.index()] {
                shown[ix.index()] = state;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::navigation::FilterKey;
    use crate::model::Role;

    /// t ← i1 ← (a, b); a ← i2 ← c; b ← i3 (conflict) ← d; i1 ← i4 ← u (undercut).
    fn sample() -> Map {
        let text = r#"{"format": "argmap", "schema_version": 1, "meta": {"title": "T"},
          "statements": [
            {"id": "t", "text": "T", "role": "thesis"},
            {"id": "a", "text": "A", "tags": ["x"]},
            {"id": "b", "text": "B"},
            {"id": "c", "text": "C", "tags": ["x"]},
            {"id": "d", "text": "D"},
            {"id": "u", "text": "U"}],
          "inferences": [
            {"id": "i1", "kind": "support", "premises": ["a", "b"], "target": "t"},
            {"id": "i2", "kind": "support", "premises": ["c"], "target": "a"},
            {"id": "i3", "kind": "conflict", "premises": ["d"], "target": "b"},
            {"id": "i4", "kind": "conflict", "premises": ["u"], "target": "i1"}]}"#;
        crate::io::native::from_str(text, &crate::io::native::LoadOptions::default())
            .unwrap()
            .map
    }

    fn hidden(map: &Map, v: &Visibility) -> Vec<String> {
        let mut ids: Vec<String> = map
            .nodes()
            .filter(|n| v.is_hidden(map.index_of(&n.id).unwrap()))
            .map(|n| n.id.clone())
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn nothing_folded_shows_everything() {
        let map = sample();
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &Filters::default());
        assert!(v.shows_everything());
    }

    #[test]
    fn folding_a_premise_hides_its_branch_and_counts_it() {
        let map = sample();
        let folded = BTreeSet::from(["a".to_owned()]);
        let v = Visibility::compute(&map, &folded, None, &Filters::default());
        assert_eq!(hidden(&map, &v), ["c", "i2"]);
        assert_eq!(v.hidden_under(map.index_of("a").unwrap()), Some(1));
    }

    #[test]
    fn folding_the_thesis_hides_everything_below_including_undercuts() {
        let map = sample();
        let folded = BTreeSet::from(["t".to_owned()]);
        let v = Visibility::compute(&map, &folded, None, &Filters::default());
        assert_eq!(
            hidden(&map, &v),
            ["a", "b", "c", "d", "i1", "i2", "i3", "i4", "u"]
        );
        assert_eq!(v.hidden_under(map.index_of("t").unwrap()), Some(5));
    }

    #[test]
    fn depth_one_is_reasons_objections_conclusions_and_co_premises() {
        let map = sample();
        let near = within_hops(&map, &["a".to_owned()], 1);
        let mut ids: Vec<&str> = near.keys().map(|ix| map.graph()[*ix].id.as_str()).collect();
        ids.sort();
        // a's target t, co-premise b, its reason c, and u, which undercuts
        // the inference a is a premise of.
        assert_eq!(ids, ["a", "b", "c", "t", "u"]);
        assert_eq!(within_hops(&map, &["a".to_owned()], 2).len(), 6);
    }

    #[test]
    fn focus_hides_or_dims_the_rest_and_inferences_follow() {
        let map = sample();
        let mut focus = Focus {
            centres: vec!["c".to_owned()],
            depth: 1,
            outside: HideOrDim::Hide,
        };
        let v = Visibility::compute(&map, &BTreeSet::new(), Some(&focus), &Filters::default());
        assert_eq!(hidden(&map, &v), ["b", "d", "i1", "i3", "i4", "t", "u"]);
        focus.outside = HideOrDim::Dim;
        let v = Visibility::compute(&map, &BTreeSet::new(), Some(&focus), &Filters::default());
        assert!(hidden(&map, &v).is_empty());
        assert_eq!(v.of(map.index_of("t").unwrap()), Shown::Dimmed);
        assert_eq!(v.of(map.index_of("i2").unwrap()), Shown::Normal);
    }

    #[test]
    fn filters_keep_matching_statements() {
        let map = sample();
        let mut filters = Filters {
            mode: HideOrDim::Hide,
            ..Filters::default()
        };
        filters.toggle(FilterKey::Tag("x".into()));
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &filters);
        assert_eq!(hidden(&map, &v), ["b", "d", "i1", "i3", "i4", "t", "u"]);
        filters.toggle(FilterKey::Role(Role::Thesis));
        // Tag x and role thesis: no statement has both.
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &filters);
        assert_eq!(hidden(&map, &v).len(), 10);
    }

    #[test]
    fn scheme_filters_keep_the_ends_of_matching_inferences() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let mut filters = Filters {
            mode: HideOrDim::Hide,
            ..Filters::default()
        };
        filters.toggle(FilterKey::Scheme("expert_opinion".into()));
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &filters);
        let shown = |v: &Visibility| -> Vec<String> {
            let mut ids: Vec<String> = map
                .nodes_sorted()
                .into_iter()
                .filter(|n| n.is_statement() && !v.is_hidden(map.index_of(&n.id).unwrap()))
                .map(|n| n.id.clone())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(shown(&v), ["air", "air-expert", "air-expert-says"]);
        // Both scheme inferences of the example have open questions; a
        // statement of no scheme inference is left out.
        filters.toggle(FilterKey::Scheme("expert_opinion".into()));
        filters.toggle(FilterKey::OpenQuestions);
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &filters);
        let with_open = shown(&v);
        assert!(
            with_open.contains(&"air-expert".to_owned()),
            "{with_open:?}"
        );
        assert!(
            !with_open.contains(&"deliveries".to_owned()),
            "{with_open:?}"
        );
    }

    #[test]
    fn a_reveal_hides_or_dims_the_unrevealed_and_keeps_highlights() {
        let map = sample();
        let ix = |id: &str| map.index_of(id).unwrap();
        let mut reveal = Reveal {
            visible: ["t", "a", "b", "i1"].into_iter().map(ix).collect(),
            highlight: [ix("a")].into(),
            unrevealed: HideOrDim::Hide,
            spotlight: None,
        };
        let base = Visibility::compute(&map, &BTreeSet::new(), None, &Filters::default());
        let v = base.clone().with_reveal(&map, &reveal);
        assert_eq!(hidden(&map, &v), ["c", "d", "i2", "i3", "i4", "u"]);
        assert!(v.is_highlighted(ix("a")) && !v.is_highlighted(ix("t")));
        reveal.unrevealed = HideOrDim::Dim;
        let v = base.with_reveal(&map, &reveal);
        assert!(hidden(&map, &v).is_empty());
        assert_eq!(v.of(ix("c")), Shown::Dimmed);
        assert_eq!(v.of(ix("a")), Shown::Normal);
        reveal.spotlight = Some([ix("a"), ix("t"), ix("i1")].into());
        let v = Visibility::compute(&map, &BTreeSet::new(), None, &Filters::default())
            .with_reveal(&map, &reveal);
        assert_eq!(v.of(ix("b")), Shown::Dimmed);
        assert_eq!(v.of(ix("a")), Shown::Normal);
    }
}
