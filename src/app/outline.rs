//! The outline: the map as an indented tree from the thesis down through
//! reasons and objections. Clicking a row selects the node and brings it
//! into view on the canvas; the canvas selection highlights its row.

use std::collections::{BTreeSet, HashMap};

use super::{ArgmapApp, Intent};
use crate::model::{Map, NodeData, NodeIx};
use crate::ops::Command;

pub use crate::model::outline::{Row, relation, rows};

/// The command that moves co-premise `id` of `inference` one place up or down.
pub fn reorder_command(map: &Map, inference: &str, id: &str, up: bool) -> Option<Command> {
    let mut order: Vec<String> = map
        .premise_ids(inference)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let i = order.iter().position(|p| p == id)?;
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if j >= order.len() {
        return None;
    }
    order.swap(i, j);
    // Keep the new first premise; take every other one off and put them
    // back in the new order (each is appended at the end).
    let mut cmds: Vec<Command> = map
        .premise_ids(inference)
        .into_iter()
        .filter(|p| *p != order[0])
        .map(|p| Command::RemovePremise {
            inference: inference.to_owned(),
            premise: p.to_owned(),
        })
        .collect();
    cmds.extend(order[1..].iter().map(|p| Command::AddPremise {
        inference: inference.to_owned(),
        premise: p.clone(),
    }));
    Some(Command::Batch(cmds))
}

/// The outline panel's own state.
#[derive(Debug, Default)]
pub struct Outline {
    /// The rows shown, built for a content revision.
    rows: RowCache,
    /// A node the outline should scroll to on its next frame.
    pub reveal: Option<String>,
}

/// Outline rows and the map state they were built for.
#[derive(Debug, Default)]
struct RowCache {
    /// The document's content revision and the folds revision (folds are
    /// shared with the canvas); `None` before the first build.
    revision: Option<(u64, u64)>,
    /// The rows, in display order.
    rows: Vec<Row>,
    /// The history revision the rows show (see [`crate::ops::History::touched_since`]).
    history_revision: u64,
    /// What the rows depend on, besides text, of every node, by id.
    shapes: HashMap<String, Shape>,
    /// The rows showing each node, by id.
    at: HashMap<String, Vec<usize>>,
    /// How many times every row was built afresh.
    builds: u64,
}

/// What a node's outline rows depend on apart from its text, hashed: its
/// kind and role, and its links. An edit that leaves every
/// touched node's shape alone (typing, moving, tagging) cannot add, remove
/// or reorder rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shape(u64);

impl Shape {
    /// Hashes the node's kind, role and every link (the node at its other
    /// end, by index, and the link's kind and premise place) without
    /// allocating: it runs for every node on each full build.
    fn of(map: &Map, ix: NodeIx) -> Option<Shape> {
        use petgraph::Direction::{Incoming, Outgoing};
        use petgraph::visit::EdgeRef;
        use std::hash::{Hash, Hasher};
        let node = map.node_at(ix)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        node.as_inference().map(|i| i.kind).hash(&mut h);
        node.as_statement().map(|s| s.role).hash(&mut h);
        map.is_undercut(ix).hash(&mut h);
        for dir in [Incoming, Outgoing] {
            for e in map.graph().edges_directed(ix, dir) {
                let other = if dir == Incoming {
                    e.source()
                } else {
                    e.target()
                };
                (dir == Incoming, other.index(), *e.weight()).hash(&mut h);
            }
        }
        Some(Shape(h.finish()))
    }
}

impl RowCache {
    /// Builds every row of `map` afresh.
    fn build(map: &Map, folded: &BTreeSet<String>, revision: (u64, u64), history: u64) -> Self {
        let rows = rows(map, folded);
        let shapes = (map.graph().node_indices())
            .filter_map(|ix| Some((map.node_at(ix)?.id.clone(), Shape::of(map, ix)?)))
            .collect();
        let mut at: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, row) in rows.iter().enumerate() {
            at.entry(row.id.clone()).or_default().push(k);
        }
        RowCache {
            revision: Some(revision),
            rows,
            history_revision: history,
            shapes,
            at,
            builds: 1,
        }
    }

    /// Brings the rows up to `revision` of `map`. Edits whose touched nodes
    /// (`touched`, from [`crate::ops::History::touched_since`]; `None` when
    /// unknown) keep their shape only re-read those statements' texts;
    /// anything else (links, kinds, roles, added or removed nodes, folds,
    /// inference titles) rebuilds every row.
    fn refresh(
        &mut self,
        map: &Map,
        folded: &BTreeSet<String>,
        revision: (u64, u64),
        history: u64,
        touched: Option<Vec<String>>,
    ) {
        if self.revision == Some(revision) && !self.rows.is_empty() {
            return;
        }
        let same_folds = self.revision.is_some_and(|r| r.1 == revision.1);
        let in_place = same_folds
            && touched.filter(|t| !t.is_empty()).is_some_and(|touched| {
                self.update_texts(map, &touched) || self.insert_reason(map, folded, &touched)
            });
        if in_place {
            self.revision = Some(revision);
            self.history_revision = history;
        } else {
            let builds = self.builds + 1;
            *self = RowCache::build(map, folded, revision, history);
            self.builds = builds;
        }
    }

    /// Adds the row of a reason or objection just added under a statement
    /// (a new statement, premise of a new single-premise inference aimed at
    /// a statement that was there: `touched` holds those two new nodes and
    /// at most that statement), where
    /// [`rows`] would put it: under the statement's expanded row, among its
    /// children in id order. False (with nothing changed) for anything else.
    fn insert_reason(&mut self, map: &Map, folded: &BTreeSet<String>, touched: &[String]) -> bool {
        use petgraph::Direction::Outgoing;
        use petgraph::visit::EdgeRef;
        let (mut statement, mut inference, mut target) = (None, None, None);
        for id in touched {
            let Some(ix) = map.index_of(id) else {
                return false;
            };
            match (
                self.shapes.contains_key(id),
                map.node_at(ix).map(|n| &n.data),
            ) {
                (false, Some(NodeData::Statement(_))) if statement.is_none() => {
                    statement = Some(ix)
                }
                (false, Some(NodeData::Inference(_))) if inference.is_none() => {
                    inference = Some(ix)
                }
                (true, Some(NodeData::Statement(_))) if target.is_none() => target = Some(ix),
                _ => return false,
            }
        }
        let (Some(s), Some(i)) = (statement, inference) else {
            return false;
        };
        let aimed: Vec<NodeIx> = (map.graph().edges_directed(i, Outgoing))
            .filter(|e| *e.weight() == crate::model::Link::Target)
            .map(|e| e.target())
            .collect();
        let [t] = aimed[..] else {
            return false;
        };
        let known = map
            .node_at(t)
            .is_some_and(|n| n.is_statement() && self.shapes.contains_key(&n.id));
        if !known || target.is_some_and(|x| x != t) {
            return false;
        }
        let fresh_leaf = map.premises_of(i) == [s]
            && map.inferences_into(i).is_empty()
            && map.inferences_into(s).is_empty()
            && map.inferences_from(s) == [i];
        let (Some(s_node), Some(i_node), Some(t_node)) =
            (map.node_at(s), map.node_at(i), map.node_at(t))
        else {
            return false;
        };
        let Some(label) = s_node.as_statement().map(|st| st.label().to_owned()) else {
            return false;
        };
        if !fresh_leaf {
            return false;
        }
        let shown = self.at.get(&t_node.id).cloned().unwrap_or_default();
        for &k in &shown {
            self.rows[k].has_children = true;
        }
        // The first row of the target is the one `rows` expanded.
        if let Some(&first) = shown.first()
            && !folded.contains(&t_node.id)
            && self.rows[first].depth <= 60
        {
            let depth = self.rows[first].depth;
            // Places of the target's children in id order, by id.
            let children: HashMap<&str, usize> = (map.inferences_into(t).into_iter())
                .filter_map(|c| map.node_at(c).map(|n| n.id.as_str()))
                .enumerate()
                .map(|(k, id)| (id, k))
                .collect();
            let place = |id: &str| children.get(id).copied();
            let Some(mine) = place(&i_node.id) else {
                return false;
            };
            let mut at = first + 1;
            while at < self.rows.len() && self.rows[at].depth > depth {
                let row = &self.rows[at];
                let owner = row.via.as_deref().unwrap_or(&row.id);
                if row.depth == depth + 1 && place(owner).is_some_and(|p| p > mine) {
                    break;
                }
                at += 1;
            }
            self.rows.insert(
                at,
                Row {
                    depth: depth + 1,
                    id: s_node.id.clone(),
                    relation: relation(map, i),
                    text: label,
                    via: Some(i_node.id.clone()),
                    has_children: false,
                },
            );
            for list in self.at.values_mut() {
                list.iter_mut().filter(|k| **k >= at).for_each(|k| *k += 1);
            }
            self.at.entry(s_node.id.clone()).or_default().push(at);
        }
        for (id, ix) in [(&s_node.id, s), (&i_node.id, i), (&t_node.id, t)] {
            if let Some(shape) = Shape::of(map, ix) {
                self.shapes.insert(id.clone(), shape);
            }
        }
        true
    }

    /// Re-reads the texts of the `touched` statements; false (with nothing
    /// changed) when an edit may have changed more than texts.
    fn update_texts(&mut self, map: &Map, touched: &[String]) -> bool {
        let mut texts: Vec<(usize, String)> = Vec::new();
        for id in touched {
            let Some(ix) = map.index_of(id) else {
                return false; // removed
            };
            let Some(shape) = Shape::of(map, ix) else {
                return false;
            };
            if self.shapes.get(id) != Some(&shape) {
                return false;
            }
            let Some(rows) = self.at.get(id) else {
                continue; // folded away
            };
            match map.node_at(ix).map(|n| &n.data) {
                Some(NodeData::Statement(s)) => {
                    texts.extend(rows.iter().map(|&k| (k, s.label().to_owned())));
                }
                // An inference's row text depends on how it is shown.
                _ => return false,
            }
        }
        for (k, text) in texts {
            self.rows[k].text = text;
        }
        true
    }
}

impl Outline {
    /// Ids of the rows shown in the last frame, top to bottom.
    pub fn row_ids(&self) -> Vec<String> {
        self.rows.rows.iter().map(|r| r.id.clone()).collect()
    }

    /// Forgets the rows, so they are rebuilt for another document.
    pub fn invalidate(&mut self) {
        self.rows = RowCache::default();
    }
}

/// The outline panel.
pub fn outline_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    ui.heading("Outline");
    // Wrapped, so the buttons never hold the panel wider than its default.
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("+ Statement")
            .on_hover_text("Add a new statement")
            .clicked()
        {
            app.push(Intent::Action(super::actions::Action::NewStatement));
        }
        let has = app.selection.primary().is_some();
        if ui.add_enabled(has, egui::Button::new("+ Reason")).clicked() {
            app.push(Intent::Action(super::actions::Action::AddReason));
        }
        if ui
            .add_enabled(has, egui::Button::new("- Objection"))
            .clicked()
        {
            app.push(Intent::Action(super::actions::Action::AddObjection));
        }
    });
    ui.separator();
    let outline = &mut app.outline;
    let revision = (app.doc.content_revision, app.nav.folds_revision);
    if outline.rows.revision != Some(revision) || outline.rows.rows.is_empty() {
        let history = &app.doc.history;
        let touched = history.touched_since(outline.rows.history_revision);
        let map = &app.doc.map;
        (outline.rows).refresh(
            map,
            &map.view().folded,
            revision,
            history.revision(),
            touched,
        );
    }
    let rows = std::mem::take(&mut outline.rows.rows);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let reveal_row = app
        .outline
        .reveal
        .take()
        .and_then(|id| rows.iter().position(|r| r.id == id));
    let mut scroll = egui::ScrollArea::both().auto_shrink([false, false]);
    if let Some(r) = reveal_row {
        scroll = scroll.vertical_scroll_offset((r as f32 * row_height - 120.0).max(0.0));
    }
    let mut collapsed_changed = false;
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        for row in &rows[range] {
            collapsed_changed |= row_ui(app, ui, row);
        }
    });
    // Hand the rows back unless a collapse or expand made them stale.
    if !collapsed_changed {
        app.outline.rows.rows = rows;
    }
}

/// The fold toggle in front of a row: egui's own collapsing triangle
/// (pointing down when `open`), painted rather than typed, since the
/// bundled fonts have no ⏷/⏵ glyphs. Its accessible label is "Fold" or
/// "Unfold", what a click does.
fn fold_toggle_ui(ui: &mut egui::Ui, open: bool) -> egui::Response {
    let side = ui.spacing().icon_width;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::click());
    let label = if open { "Fold" } else { "Unfold" };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), label));
    if ui.is_rect_visible(rect) {
        egui::collapsing_header::paint_default_icon(ui, if open { 1.0 } else { 0.0 }, &response);
    }
    response.on_hover_text("Fold or unfold (also on the canvas)")
}

/// One outline row; returns whether the user collapsed or expanded it.
fn row_ui(app: &mut ArgmapApp, ui: &mut egui::Ui, row: &Row) -> bool {
    let mut toggled = false;
    ui.horizontal(|ui| {
        ui.add_space(row.depth as f32 * 14.0);
        if row.has_children {
            let open = !app.doc.map.view().folded.contains(&row.id);
            if fold_toggle_ui(ui, open).clicked() {
                app.toggle_fold(std::slice::from_ref(&row.id));
                toggled = true;
            }
        }
        if !row.relation.is_empty() {
            let color = match row.relation {
                "+" => egui::Color32::from_rgb(60, 160, 80),
                "-" | "x" => egui::Color32::from_rgb(200, 70, 60),
                _ => egui::Color32::GRAY,
            };
            ui.colored_label(color, row.relation);
        }
        let selected = app.selection.contains(&row.id);
        let text: String = row.text.chars().take(120).collect();
        if app.evaluation.overlay {
            super::eval_inspector::outline_suffix_ui(app, ui, &row.id);
        }
        let response = ui.selectable_label(selected, text).on_hover_text(&row.text);
        if response.clicked() {
            if ui.input(|i| i.modifiers.shift) {
                app.selection.toggle(&row.id);
            } else {
                app.push(Intent::Reveal(row.id.clone()));
            }
        }
        if response.double_clicked() && app.doc.map.statement(&row.id).is_some() {
            app.selection.set(row.id.clone());
            app.start_editing(&row.id.clone());
        }
        if let Some(via) = &row.via
            && selected
            && app.doc.map.premise_ids(via).len() > 1
        {
            if ui
                .small_button("^")
                .on_hover_text("Move this co-premise up")
                .clicked()
                && let Some(cmd) = reorder_command(&app.doc.map, via, &row.id, true)
            {
                app.push(Intent::Apply(cmd));
            }
            if ui
                .small_button("v")
                .on_hover_text("Move this co-premise down")
                .clicked()
                && let Some(cmd) = reorder_command(&app.doc.map, via, &row.id, false)
            {
                app.push(Intent::Apply(cmd));
            }
        }
    });
    toggled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inference, InferenceKind, Pos, Statement};
    use crate::ops::{History, StatementField};
    use proptest::prelude::*;

    /// One random edit of the speech map: `kind` picks what, `pick` which node.
    fn edit(map: &Map, kind: u8, pick: usize) -> Command {
        let statements: Vec<String> = map
            .nodes()
            .filter(|n| n.is_statement())
            .map(|n| n.id.clone())
            .collect();
        let id = statements[pick % statements.len()].clone();
        match kind % 6 {
            0 | 1 => Command::EditStatement {
                id,
                field: StatementField::Text(format!("edited {pick}")),
            },
            2 => Command::Move {
                moves: vec![(id, Pos::new(pick as f32, 3.0))],
            },
            3 => Command::EditStatement {
                id,
                field: StatementField::Title(format!("title {pick}")),
            },
            4 => Command::Batch(vec![
                Command::AddStatement {
                    id: Some(format!("new{pick}")),
                    statement: Statement::new("A new reason"),
                    pos: None,
                },
                Command::Connect {
                    id: None,
                    inference: Inference::new(InferenceKind::Support),
                    premises: vec![format!("new{pick}")],
                    target: id,
                },
            ]),
            _ => Command::Remove { ids: vec![id] },
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Rows kept up to date edit by edit (and through undos) equal rows
        /// built from scratch; text edits and added reasons update in place.
        #[test]
        fn incremental_rows_equal_rebuilt_rows(
            edits in prop::collection::vec((0u8..6, 0usize..1000, any::<bool>()), 1..12),
        ) {
            let mut map = crate::bundled::DEFAULT.load().unwrap().map;
            let mut history = History::new();
            let folded = BTreeSet::new();
            let mut cache = RowCache::build(&map, &folded, (0, 0), history.revision());
            for (step, (kind, pick, undo)) in edits.into_iter().enumerate() {
                let cmd = edit(&map, kind, pick);
                if history.apply(&mut map, cmd).is_err() {
                    continue; // e.g. the new id is taken already
                }
                if undo {
                    history.undo(&mut map).unwrap();
                }
                let touched = history.touched_since(cache.history_revision);
                let text_only = (kind % 6 < 2 || kind % 6 == 4) && !undo;
                let builds = cache.builds;
                cache.refresh(&map, &folded, (step as u64 + 1, 0), history.revision(), touched);
                if text_only {
                    prop_assert_eq!(cache.builds, builds, "updated in place");
                }
                prop_assert_eq!(&cache.rows, &rows(&map, &folded));
            }
        }
    }

    #[test]
    fn example_outline_starts_with_the_thesis() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let rows = rows(&map, &BTreeSet::new());
        assert_eq!(rows[0].id, "thesis");
        assert_eq!(rows[0].depth, 0);
        // The linked argument gets a "together" row with its three premises under it.
        let together = rows.iter().position(|r| r.id == "arg-pilot").unwrap();
        assert!(rows[together].text.starts_with("together"));
        assert_eq!(rows[together + 1].via.as_deref(), Some("arg-pilot"));
        assert!(
            rows.iter()
                .any(|r| r.relation == "-" && r.id == "deliveries")
        );
        // Every statement appears.
        for n in map.nodes().filter(|n| n.is_statement()) {
            assert!(rows.iter().any(|r| r.id == n.id), "{} missing", n.id);
        }
    }

    #[test]
    fn reordering_co_premises() {
        let mut map = crate::bundled::EXAMPLE.load().unwrap().map;
        assert_eq!(
            map.premise_ids("arg-pilot"),
            ["air", "shops", "pilot-representative"]
        );
        let cmd = reorder_command(&map, "arg-pilot", "shops", true).unwrap();
        crate::ops::apply(&mut map, cmd).unwrap();
        assert_eq!(
            map.premise_ids("arg-pilot"),
            ["shops", "air", "pilot-representative"]
        );
        let cmd = reorder_command(&map, "arg-pilot", "air", false).unwrap();
        crate::ops::apply(&mut map, cmd).unwrap();
        assert_eq!(
            map.premise_ids("arg-pilot"),
            ["shops", "pilot-representative", "air"]
        );
        assert!(reorder_command(&map, "arg-pilot", "shops", true).is_none());
    }
}
