//! Navigation state shared by the canvas and the outline: the neighbourhood
//! in focus, the filters, and the places visited (back and forward). Fold
//! state is saved with the map ([`crate::model::MapView`]); this is not.

use std::collections::BTreeSet;

use petgraph::Direction;

use super::ArgmapApp;
use crate::model::{Basis, Role, Statement};

/// Whether nodes left out (by focus or a filter) are hidden or dimmed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HideOrDim {
    /// Not drawn at all.
    Hide,
    /// Drawn faded.
    #[default]
    Dim,
}

/// The neighbourhood the canvas is focused on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    /// Ids of the nodes in the middle (the selection when focus began).
    pub centres: Vec<String>,
    /// How many hops around them are shown ([`FOCUS_DEPTHS`]).
    pub depth: usize,
    /// What happens to statements further away.
    pub outside: HideOrDim,
}

/// The hop depths focus offers: 1 to 5.
pub const FOCUS_DEPTHS: std::ops::RangeInclusive<usize> = 1..=5;

/// One thing a filter can ask of a statement. Later kinds (scheme,
/// evaluation label) become new variants; [`Filters::passes`] combines
/// kinds with AND and values of one kind with OR.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterKey {
    /// The statement has this tag.
    Tag(String),
    /// The statement has this role.
    Role(Role),
    /// Some evidence of the statement has this basis.
    Basis(Basis),
    /// The statement is a premise or the conclusion of an inference with
    /// this scheme (its id, or a verbatim name).
    Scheme(String),
    /// The statement is a premise or the conclusion of an inference whose
    /// scheme still has open critical questions.
    OpenQuestions,
}

/// What the scheme filters ask of a statement, worked out from the map
/// once per visibility update ([`SchemeFacts::of`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchemeFacts {
    /// The schemes of the inferences the statement is a premise or the
    /// conclusion of.
    pub schemes: BTreeSet<String>,
    /// Whether one of those inferences has open critical questions.
    pub open_questions: bool,
}

impl SchemeFacts {
    /// The facts about statement `ix` of `map`, its scheme-bearing
    /// inferences resolved against the bundled catalogue.
    pub fn of(map: &crate::model::Map, ix: crate::model::NodeIx) -> Self {
        let mut facts = SchemeFacts::default();
        for inf in map
            .inferences_from(ix)
            .into_iter()
            .chain(map.inferences_into(ix))
        {
            let Some(node) = map.node_at(inf) else {
                continue;
            };
            let Some(i) = node.as_inference() else {
                continue;
            };
            if i.scheme.is_empty() {
                continue;
            }
            facts.schemes.insert(i.scheme.clone());
            if !facts.open_questions {
                facts.open_questions = super::schemes_panel::open_question_count(map, &node.id) > 0;
            }
        }
        facts
    }
}

impl FilterKey {
    /// A short label for the filter bar, such as "tag: cost".
    pub fn label(&self) -> String {
        match self {
            FilterKey::Tag(t) => format!("tag: {t}"),
            FilterKey::Role(r) => format!("role: {}", r.as_str()),
            FilterKey::Basis(b) => format!("basis: {}", b.label()),
            FilterKey::Scheme(id) => {
                let name = crate::io::schemes::bundled()
                    .get(id)
                    .map_or(id.as_str(), |s| s.name.as_str());
                format!("scheme: {name}")
            }
            FilterKey::OpenQuestions => "has open questions".to_owned(),
        }
    }

    /// Whether this filter needs [`SchemeFacts`].
    pub fn needs_scheme_facts(&self) -> bool {
        matches!(self, FilterKey::Scheme(_) | FilterKey::OpenQuestions)
    }

    /// Which kind of filter this is (kinds combine with AND).
    fn kind(&self) -> u8 {
        match self {
            FilterKey::Tag(_) => 0,
            FilterKey::Role(_) => 1,
            FilterKey::Basis(_) => 2,
            FilterKey::Scheme(_) => 3,
            FilterKey::OpenQuestions => 4,
        }
    }

    fn matches(&self, s: &Statement, facts: &SchemeFacts) -> bool {
        match self {
            FilterKey::Tag(t) => s.tags.iter().any(|x| x == t),
            FilterKey::Role(r) => s.role == *r,
            FilterKey::Basis(b) => s.evidence.iter().any(|e| e.basis == *b),
            FilterKey::Scheme(id) => facts.schemes.contains(id),
            FilterKey::OpenQuestions => facts.open_questions,
        }
    }
}

/// The active filters: statements that fail them are dimmed or hidden.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// The filters, sorted.
    pub keys: BTreeSet<FilterKey>,
    /// What happens to statements that fail.
    pub mode: HideOrDim,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Adds `key`, or removes it if it is set.
    pub fn toggle(&mut self, key: FilterKey) {
        if !self.keys.remove(&key) {
            self.keys.insert(key);
        }
    }

    /// Whether `s` passes filters that need no [`SchemeFacts`] (a scheme
    /// filter fails).
    pub fn passes(&self, s: &Statement) -> bool {
        self.passes_with(s, &SchemeFacts::default())
    }

    /// Whether any filter set needs [`SchemeFacts`].
    pub fn needs_scheme_facts(&self) -> bool {
        self.keys.iter().any(FilterKey::needs_scheme_facts)
    }

    /// Whether `s`, with `facts` about its inferences, passes: for every
    /// kind of filter set, it matches one of that kind's values.
    pub fn passes_with(&self, s: &Statement, facts: &SchemeFacts) -> bool {
        let mut kinds = self.keys.iter().map(FilterKey::kind).collect::<Vec<_>>();
        kinds.dedup();
        kinds.into_iter().all(|kind| {
            self.keys
                .iter()
                .filter(|k| k.kind() == kind)
                .any(|k| k.matches(s, facts))
        })
    }
}

/// A place visited: what was selected and what was in focus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The selected node ids.
    pub selection: Vec<String>,
    /// The focus, if any.
    pub focus: Option<Focus>,
}

/// Places visited, for Back (Alt+Left) and Forward (Alt+Right), like a
/// web browser: a new place after going back drops the forward list.
#[derive(Clone, Debug, Default)]
pub struct NavHistory {
    /// Older places, newest last.
    back: Vec<Place>,
    /// The place now.
    current: Place,
    /// Places gone back from, newest last.
    forward: Vec<Place>,
}

/// At most this many places are kept for Back.
const MAX_PLACES: usize = 200;

impl NavHistory {
    /// Records `now` as the current place if it differs from the last one.
    /// An empty selection without focus is not a place (clicking empty
    /// canvas does not push one).
    pub fn visit(&mut self, now: &Place) {
        if *now == self.current {
            return;
        }
        if now.selection.is_empty() && now.focus.is_none() {
            return;
        }
        let old = std::mem::replace(&mut self.current, now.clone());
        if !old.selection.is_empty() || old.focus.is_some() {
            self.back.push(old);
            if self.back.len() > MAX_PLACES {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// Goes back one place; returns it to restore.
    pub fn back(&mut self) -> Option<Place> {
        let place = self.back.pop()?;
        let now = std::mem::replace(&mut self.current, place.clone());
        self.forward.push(now);
        Some(place)
    }

    /// Goes forward one place; returns it to restore.
    pub fn forward(&mut self) -> Option<Place> {
        let place = self.forward.pop()?;
        let now = std::mem::replace(&mut self.current, place.clone());
        self.back.push(now);
        Some(place)
    }

    /// The place now.
    pub fn current(&self) -> &Place {
        &self.current
    }

    /// Whether Back has somewhere to go.
    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    /// Whether Forward has somewhere to go.
    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}

/// Focus, filters and history: what the canvas and outline are showing
/// of the map, beyond folds.
#[derive(Clone, Debug, Default)]
pub struct Navigation {
    /// The neighbourhood in focus, if any.
    pub focus: Option<Focus>,
    /// The depth focus starts with (the slider's value), 1–5.
    pub focus_depth: usize,
    /// What focus does with nodes outside it.
    pub focus_outside: HideOrDim,
    /// The active filters.
    pub filters: Filters,
    /// Places visited.
    pub history: NavHistory,
    /// Whether the minimap is shown.
    pub minimap: bool,
    /// Whether the filter bar is open (it also shows while filters are set).
    pub filter_bar: bool,
    /// Bumped on every change of focus or filters (or folds), for caches.
    pub revision: u64,
    /// Bumped on every change of folds only (the outline depends on folds
    /// but not on focus or filters).
    pub folds_revision: u64,
}

impl Navigation {
    /// The starting state: no focus (depth 1 when entered), dimming, minimap on.
    pub fn new() -> Self {
        Navigation {
            focus_depth: 1,
            minimap: true,
            ..Navigation::default()
        }
    }

    /// Forgets focus, filters and places of the previous document; the
    /// settings (depth, hide or dim, minimap) stay.
    pub fn forget_document(&mut self) {
        self.focus = None;
        self.filters.keys.clear();
        self.history = NavHistory::default();
        self.touch_folds();
    }

    /// Marks focus or filters as changed.
    pub fn touch(&mut self) {
        self.revision += 1;
    }

    /// Marks folds as changed.
    pub fn touch_folds(&mut self) {
        self.folds_revision += 1;
        self.touch();
    }

    /// Focuses on `centres` at the current depth; `None` leaves focus.
    pub fn set_focus(&mut self, centres: Option<Vec<String>>) {
        self.focus = centres.filter(|c| !c.is_empty()).map(|centres| Focus {
            centres,
            depth: self.focus_depth,
            outside: self.focus_outside,
        });
        self.touch();
    }

    /// Changes the focus depth (clamped to 1–5), also of the current focus.
    pub fn set_depth(&mut self, depth: usize) {
        self.focus_depth = depth.clamp(*FOCUS_DEPTHS.start(), *FOCUS_DEPTHS.end());
        if let Some(f) = &mut self.focus {
            f.depth = self.focus_depth;
        }
        self.touch();
    }

    /// Whether focus hides (rather than dims) what lies outside it.
    pub fn set_focus_outside(&mut self, outside: HideOrDim) {
        self.focus_outside = outside;
        if let Some(f) = &mut self.focus {
            f.outside = outside;
        }
        self.touch();
    }
}

impl ArgmapApp {
    /// Folds the nodes `ids` that have something below them, or unfolds
    /// them all if every one is folded already. View state: not undone,
    /// but saved with the map.
    pub fn toggle_fold(&mut self, ids: &[String]) {
        let map = &self.doc.map;
        let foldable: Vec<String> = ids
            .iter()
            .filter(|id| {
                map.index_of(id).is_some_and(|ix| {
                    map.graph()
                        .neighbors_directed(ix, Direction::Incoming)
                        .next()
                        .is_some()
                })
            })
            .cloned()
            .collect();
        if foldable.is_empty() {
            self.status = "Nothing to fold: the selection has no reasons or objections".into();
            return;
        }
        let view = self.doc.map.view_mut();
        let unfold = foldable.iter().all(|id| view.folded.contains(id));
        for id in foldable {
            if unfold {
                view.folded.remove(&id);
            } else {
                view.folded.insert(id);
            }
        }
        self.nav.touch_folds();
    }

    /// Enters focus around the selection, or leaves it.
    pub fn toggle_focus(&mut self) {
        if self.nav.focus.is_some() {
            self.nav.set_focus(None);
            // Back to where the view was before focus began.
            self.canvas.restore_view();
            return;
        }
        self.nav.set_focus(Some(self.selection.0.clone()));
        self.canvas.remember_view();
        if let Some(id) = self.selection.primary() {
            self.canvas.reveal = Some(id.to_owned());
        }
    }

    /// Restores a place from Back or Forward and brings it into view.
    pub(super) fn go_to(&mut self, place: Place) {
        self.selection.0 = place.selection;
        self.selection.retain_existing(&self.doc.map);
        if self.nav.focus != place.focus {
            self.nav.focus = place.focus;
            self.nav.touch();
        }
        if let Some(id) = self.selection.primary() {
            self.canvas.reveal = Some(id.to_owned());
            self.outline.reveal = Some(id.to_owned());
        }
    }

    /// At the end of a frame: while focused, a new selection moves the
    /// focus to it (claim by claim); then the place is recorded for Back.
    pub(super) fn record_place(&mut self) {
        let selection = &self.selection.0;
        if let Some(focus) = &self.nav.focus
            && !selection.is_empty()
            && *selection != self.nav.history.current().selection
            && focus.centres != *selection
        {
            self.nav.set_focus(Some(selection.clone()));
        }
        let now = Place {
            selection: self.selection.0.clone(),
            focus: self.nav.focus.clone(),
        };
        self.nav.history.visit(&now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str) -> Place {
        Place {
            selection: vec![id.to_owned()],
            focus: None,
        }
    }

    #[test]
    fn back_and_forward_walk_the_places_like_a_browser() {
        let mut h = NavHistory::default();
        h.visit(&place("a"));
        h.visit(&place("b"));
        h.visit(&place("c"));
        assert_eq!(h.back(), Some(place("b")));
        assert_eq!(h.back(), Some(place("a")));
        assert_eq!(h.back(), None);
        assert_eq!(h.forward(), Some(place("b")));
        // A new place drops the forward list.
        h.visit(&place("d"));
        assert!(!h.can_go_forward());
        assert_eq!(h.back(), Some(place("b")));
    }

    #[test]
    fn an_empty_selection_is_not_a_place() {
        let mut h = NavHistory::default();
        h.visit(&place("a"));
        h.visit(&Place::default());
        h.visit(&place("b"));
        assert_eq!(h.back(), Some(place("a")));
    }

    #[test]
    fn filter_kinds_combine_with_and_values_with_or() {
        let s = Statement {
            role: Role::Claim,
            tags: vec!["x".into()],
            ..Statement::default()
        };
        let mut f = Filters::default();
        assert!(f.passes(&s));
        f.toggle(FilterKey::Tag("y".into()));
        assert!(!f.passes(&s));
        f.toggle(FilterKey::Tag("x".into()));
        assert!(f.passes(&s));
        f.toggle(FilterKey::Role(Role::Thesis));
        assert!(!f.passes(&s));
        f.toggle(FilterKey::Role(Role::Claim));
        assert!(f.passes(&s));
        f.toggle(FilterKey::Basis(Basis::Statistic));
        assert!(!f.passes(&s));
    }
}
