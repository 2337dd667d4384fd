//! The editing actions: each turns the selection into one [`Command`],
//! with sensible positions for new nodes, so every one is a single undo step.

use super::state::Selection;
use crate::model::{IdKind, InferenceKind, Map, Pos, Role, Statement};
use crate::ops::{Command, Placement};

/// Horizontal distance between siblings placed next to each other.
const SIBLING_GAP: f32 = 280.0;
/// Vertical distance from a conclusion down to a new premise.
const CHILD_DROP: f32 = 190.0;

/// What an editing action produced: the command, and what to select and
/// start editing afterwards.
pub struct Edit {
    /// The command to apply.
    pub command: Command,
    /// The node to select afterwards.
    pub select: Option<String>,
    /// Whether to start editing the selected statement's text at once.
    pub edit_text: bool,
}

fn pos_of(map: &Map, id: &str) -> Pos {
    map.node(id).and_then(|n| n.pos).unwrap_or_default()
}

/// A free spot below `parent` for a new premise: right of its existing
/// premises, so new nodes never land on top of old ones.
pub fn spot_below(map: &Map, parent: &str) -> Pos {
    let base = pos_of(map, parent);
    let Some(ix) = map.index_of(parent) else {
        return base;
    };
    let children = map
        .inferences_into(ix)
        .iter()
        .map(|&i| map.premises_of(i).len())
        .sum::<usize>();
    let y = base.y + CHILD_DROP;
    let mut x = base.x + children as f32 * SIBLING_GAP;
    // Step right past anything already sitting there.
    while map.nodes().any(|n| {
        n.is_statement()
            && n.pos
                .is_some_and(|p| (p.x - x).abs() < SIBLING_GAP * 0.8 && (p.y - y).abs() < 60.0)
    }) {
        x += SIBLING_GAP;
    }
    Pos::new(x, y)
}

/// Adds a new statement under the primary selection that supports it
/// (`kind` Support) or attacks it (Conflict). When the selection is an
/// inference, an objection becomes an undercut.
pub fn add_child(
    map: &mut Map,
    selection: &Selection,
    kind: InferenceKind,
    text: &str,
) -> Option<Edit> {
    let target = selection.primary()?.to_owned();
    map.node(&target)?;
    if kind == InferenceKind::Support && map.statement(&target).is_none() {
        return None;
    }
    let pos = spot_below(map, &target);
    let target_pos = pos_of(map, &target);
    let statement_id = map.allocate_id(IdKind::Statement);
    let inference_id = map.allocate_id(IdKind::Inference);
    let role = if kind == InferenceKind::Support {
        Role::Premise
    } else {
        Role::Claim
    };
    let connector = Pos::new(
        (pos.x + target_pos.x) / 2.0,
        (pos.y + target_pos.y) / 2.0 + 20.0,
    );
    Some(Edit {
        command: Command::Batch(vec![
            Command::AddStatement {
                id: Some(statement_id.clone()),
                statement: Statement::new(text).with_role(role),
                pos: Some(pos),
            },
            Command::Connect {
                id: Some(inference_id.clone()),
                inference: crate::model::Inference::new(kind),
                premises: vec![statement_id.clone()],
                target,
            },
            Command::Place(vec![Placement {
                id: inference_id,
                pos: Some(connector),
                pinned: false,
            }]),
        ]),
        select: Some(statement_id),
        edit_text: true,
    })
}

/// Adds a new premise linked with the selected reason: into the inference
/// the selected statement is a premise of, or into the selected inference.
pub fn add_co_premise(map: &mut Map, selection: &Selection) -> Option<Edit> {
    let primary = selection.primary()?;
    let ix = map.index_of(primary)?;
    let inference = if map.inference(primary).is_some() {
        ix
    } else {
        *map.inferences_from(ix).first()?
    };
    let inference_id = map.node_at(inference)?.id.clone();
    let last = *map.premises_of(inference).last()?;
    let beside = map.node_at(last)?.pos.unwrap_or_default();
    let mut pos = Pos::new(beside.x + SIBLING_GAP, beside.y);
    while map.nodes().any(|n| {
        n.pos
            .is_some_and(|p| (p.x - pos.x).abs() < 200.0 && (p.y - pos.y).abs() < 60.0)
    }) {
        pos.x += SIBLING_GAP;
    }
    let statement_id = map.allocate_id(IdKind::Statement);
    Some(Edit {
        command: Command::Batch(vec![
            Command::AddStatement {
                id: Some(statement_id.clone()),
                statement: Statement::new("New co-premise").with_role(Role::Premise),
                pos: Some(pos),
            },
            Command::AddPremise {
                inference: inference_id,
                premise: statement_id.clone(),
            },
        ]),
        select: Some(statement_id),
        edit_text: true,
    })
}

/// Connects the selection: every node but the last becomes a premise of a
/// new inference of `kind` aimed at the last one.
pub fn connect(map: &mut Map, selection: &Selection, kind: InferenceKind) -> Option<Edit> {
    if selection.0.len() < 2 {
        return None;
    }
    let (target, premises) = selection.0.split_last()?;
    let inference_id = map.allocate_id(IdKind::Inference);
    let target_pos = pos_of(map, target);
    let n = premises.len() as f32;
    let (sx, sy) = premises.iter().fold((0.0, 0.0), |(x, y), p| {
        let q = pos_of(map, p);
        (x + q.x, y + q.y)
    });
    let connector = Pos::new((sx / n + target_pos.x) / 2.0, (sy / n + target_pos.y) / 2.0);
    Some(Edit {
        command: Command::Batch(vec![
            Command::Connect {
                id: Some(inference_id.clone()),
                inference: crate::model::Inference::new(kind),
                premises: premises.to_vec(),
                target: target.clone(),
            },
            Command::Place(vec![Placement {
                id: inference_id.clone(),
                pos: Some(connector),
                pinned: false,
            }]),
        ]),
        select: Some(inference_id),
        edit_text: false,
    })
}

/// A new statement at `pos`.
pub fn new_statement(map: &mut Map, pos: Pos) -> Edit {
    let id = map.allocate_id(IdKind::Statement);
    Edit {
        command: Command::AddStatement {
            id: Some(id.clone()),
            statement: Statement::new("New statement"),
            pos: Some(pos),
        },
        select: Some(id),
        edit_text: true,
    }
}

/// Moves the selection by `delta`; moved nodes become pinned. A node with
/// no stored position moves from where it is `shown` (the scene's fallback
/// placement), so it does not jump to the origin on its first move.
pub fn nudge(
    map: &Map,
    selection: &Selection,
    dx: f32,
    dy: f32,
    shown: impl Fn(&str) -> Option<Pos>,
) -> Option<Command> {
    let moves: Vec<(String, Pos)> = selection
        .0
        .iter()
        .filter_map(|id| {
            let node = map.node(id)?;
            let p = node.pos.or_else(|| shown(id)).unwrap_or_default();
            Some((id.clone(), Pos::new(p.x + dx, p.y + dy)))
        })
        .collect();
    (!moves.is_empty()).then_some(Command::Move { moves })
}

/// Shifts a pasted batch (from `files::paste_command`) so its statements
/// are centred on `at`, where the user is looking or pointing, instead of
/// where they were in the map they were copied from. Statements that had no
/// position are placed in a short cascade around `at`.
pub fn recentre_paste(cmd: Command, at: Pos) -> Command {
    let Command::Batch(mut cmds) = cmd else {
        return cmd;
    };
    let placed: Vec<Pos> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::AddStatement { pos, .. } => *pos,
            _ => None,
        })
        .collect();
    let (dx, dy) = if placed.is_empty() {
        (0.0, 0.0)
    } else {
        let n = placed.len() as f32;
        let cx = placed.iter().map(|p| p.x).sum::<f32>() / n;
        let cy = placed.iter().map(|p| p.y).sum::<f32>() / n;
        (at.x - cx, at.y - cy)
    };
    let mut cascade = 0.0;
    for c in &mut cmds {
        match c {
            Command::AddStatement { pos, .. } => {
                *pos = Some(match *pos {
                    Some(p) => Pos::new(p.x + dx, p.y + dy),
                    None => {
                        cascade += 30.0;
                        Pos::new(at.x + cascade - 30.0, at.y + cascade - 30.0)
                    }
                });
            }
            Command::Place(placements) => {
                for pl in placements {
                    if let Some(p) = &mut pl.pos {
                        *p = Pos::new(p.x + dx, p.y + dy);
                    }
                }
            }
            _ => {}
        }
    }
    Command::Batch(cmds)
}

/// Moves a pasted group — every `AddStatement` and `Place` of the batch
/// `command` — by one offset to the nearest spot where the group's extent
/// (its boxes and connectors) overlaps none of `occupied`, so a paste
/// never lands on what is already drawn and keeps its own arrangement.
pub fn place_group_clear_of(
    command: &mut Command,
    measurer: &crate::scene::TextMeasurer,
    occupied: &[crate::scene::Rect],
) {
    let Command::Batch(cmds) = command else {
        return;
    };
    let mut extent: Option<crate::scene::Rect> = None;
    let mut grow = |r: crate::scene::Rect| {
        extent = Some(extent.map_or(r, |e| e.union(&r)));
    };
    for c in cmds.iter() {
        match c {
            Command::AddStatement {
                statement,
                pos: Some(p),
                ..
            } => grow(crate::scene::Rect::from_center_size(
                *p,
                measurer.box_size(statement),
            )),
            Command::Place(placements) => {
                for p in placements.iter().filter_map(|pl| pl.pos) {
                    let d = 2.0 * crate::scene::CONNECTOR_RADIUS;
                    grow(crate::scene::Rect::from_center_size(p, (d, d)));
                }
            }
            _ => {}
        }
    }
    let Some(extent) = extent else { return };
    let centre = extent.center();
    let free =
        crate::scene::free_spot_near(occupied, (extent.width(), extent.height()), centre, None);
    let (dx, dy) = (free.x - centre.x, free.y - centre.y);
    if dx == 0.0 && dy == 0.0 {
        return;
    }
    for c in cmds.iter_mut() {
        match c {
            Command::AddStatement { pos: Some(p), .. } => *p = Pos::new(p.x + dx, p.y + dy),
            Command::Place(placements) => {
                for p in placements.iter_mut().filter_map(|pl| pl.pos.as_mut()) {
                    *p = Pos::new(p.x + dx, p.y + dy);
                }
            }
            _ => {}
        }
    }
}

/// Moves the new statement of `command` — an `AddStatement`, or a batch
/// that starts with one (as [`add_child`] makes) — to the nearest spot where
/// its box overlaps none of `occupied` (the boxes and connectors already on
/// the canvas), and any connector the batch places by half as much, since
/// it sits halfway between the child and its parent. Every way of adding a
/// statement goes through this, so a new box never lands on another box
/// or on a connector.
pub fn place_clear_of(
    command: &mut Command,
    measurer: &crate::scene::TextMeasurer,
    occupied: &[crate::scene::Rect],
) {
    let cmds: &mut [Command] = match command {
        Command::Batch(cmds) => cmds,
        single => std::slice::from_mut(single),
    };
    let mut moved = None;
    if let Some(Command::AddStatement {
        statement,
        pos: Some(p),
        ..
    }) = cmds.first_mut()
    {
        let size = measurer.box_size(statement);
        let free = crate::scene::free_spot_near(occupied, size, *p, None);
        moved = Some((*p, free));
        *p = free;
    }
    let Some((old, new)) = moved else { return };
    for cmd in cmds.iter_mut() {
        if let Command::Place(placements) = cmd {
            for pl in placements.iter_mut() {
                if let Some(c) = &mut pl.pos {
                    *c = Pos::new(c.x + (new.x - old.x) / 2.0, c.y + (new.y - old.y) / 2.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::apply;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Whatever the map and wherever the user asks for it, a new
        /// statement (Ctrl+M or double-click) or a new reason or objection
        /// (Tab, Shift+Tab) lands where its box overlaps no box or
        /// connector already drawn.
        #[test]
        fn new_statements_never_land_on_boxes_or_connectors(
            size in 3usize..60,
            seed in 0u64..1000,
            x in -800.0f32..2400.0,
            y in -400.0f32..1600.0,
            child in proptest::bool::ANY,
            attack in proptest::bool::ANY,
        ) {
            let measurer = crate::scene::TextMeasurer::new();
            let mut map = crate::synth::argument_map(size, seed);
            let occupied = crate::app::source_pane::passage::occupied_rects(&map, &measurer);
            let mut edit = if child {
                let target = map.nodes_sorted().iter().find(|n| n.is_statement()).unwrap().id.clone();
                let mut selection = Selection::default();
                selection.set(target);
                let kind = if attack { InferenceKind::Conflict } else { InferenceKind::Support };
                add_child(&mut map, &selection, kind, "New").unwrap()
            } else {
                new_statement(&mut map, Pos::new(x, y))
            };
            place_clear_of(&mut edit.command, &measurer, &occupied);
            let id = edit.select.clone().unwrap();
            apply(&mut map, edit.command).unwrap();
            let node = map.statement(&id).unwrap();
            let pos = map.node(&id).unwrap().pos.unwrap();
            let size = measurer.box_size(node);
            let mine = crate::scene::Rect::from_center_size(pos, size);
            for r in &occupied {
                proptest::prop_assert!(!mine.intersects(r), "{mine:?} overlaps {r:?}");
            }
        }
    }

    #[test]
    fn reasons_objections_and_co_premises() {
        let mut map = Map::new("t");
        let edit = new_statement(&mut map, Pos::new(0.0, 0.0));
        apply(&mut map, edit.command).unwrap();
        let claim = edit.select.unwrap();
        let mut sel = Selection::default();
        sel.set(&claim);
        let reason = add_child(&mut map, &sel, InferenceKind::Support, "because").unwrap();
        apply(&mut map, reason.command).unwrap();
        let reason_id = reason.select.unwrap();
        assert_eq!(map.statement(&reason_id).unwrap().role, Role::Premise);
        let objection = add_child(&mut map, &sel, InferenceKind::Conflict, "but").unwrap();
        apply(&mut map, objection.command).unwrap();
        // The two children do not sit on the same spot.
        let a = map.node(&reason_id).unwrap().pos.unwrap();
        let b = map
            .node(objection.select.as_ref().unwrap())
            .unwrap()
            .pos
            .unwrap();
        assert!((a.x - b.x).abs() >= SIBLING_GAP * 0.8);
        sel.set(&reason_id);
        let co = add_co_premise(&mut map, &sel).unwrap();
        apply(&mut map, co.command).unwrap();
        let inf = map.inferences_from(map.index_of(&reason_id).unwrap())[0];
        assert_eq!(map.premises_of(inf).len(), 2);
        // An objection to a connector is an undercut.
        sel.set(map.node_at(inf).unwrap().id.clone());
        let undercut = add_child(&mut map, &sel, InferenceKind::Conflict, "no").unwrap();
        apply(&mut map, undercut.command).unwrap();
        assert_eq!(crate::model::Stats::of(&map).inferences.undercuts, 1);
    }

    #[test]
    fn a_node_without_a_position_moves_from_where_it_is_shown() {
        let mut map = Map::new("t");
        apply(
            &mut map,
            Command::AddStatement {
                id: Some("s1".into()),
                statement: Statement::new("floating"),
                pos: None,
            },
        )
        .unwrap();
        let sel = Selection(vec!["s1".into()]);
        let shown = |_: &str| Some(Pos::new(500.0, 300.0));
        let Some(Command::Move { moves }) = nudge(&map, &sel, 5.0, -2.0, shown) else {
            panic!("a move");
        };
        assert_eq!(moves, vec![("s1".to_owned(), Pos::new(505.0, 298.0))]);
    }

    #[test]
    fn pasted_nodes_are_centred_where_asked() {
        let source = crate::bundled::EXAMPLE.load().unwrap().map;
        let sel = Selection(vec![
            "air".into(),
            "shops".into(),
            "pilot-representative".into(),
            "thesis".into(),
        ]);
        let text = super::super::files::clipboard_text(&source, &sel).unwrap();
        let mut target = Map::new("other");
        let (cmd, ids) = super::super::files::paste_command(&mut target, &text, 40.0).unwrap();
        let at = Pos::new(-5000.0, 7000.0);
        apply(&mut target, recentre_paste(cmd, at)).unwrap();
        let pos: Vec<Pos> = ids
            .iter()
            .map(|id| target.node(id).unwrap().pos.unwrap())
            .collect();
        let cx = pos.iter().map(|p| p.x).sum::<f32>() / pos.len() as f32;
        let cy = pos.iter().map(|p| p.y).sum::<f32>() / pos.len() as f32;
        assert!(
            (cx - at.x).abs() < 0.5 && (cy - at.y).abs() < 0.5,
            "{cx},{cy}"
        );
        // The connector moved along with its premises.
        let inf = target.nodes().find(|n| !n.is_statement()).unwrap();
        assert!(
            inf.pos
                .is_none_or(|p| (p.x - at.x).abs() < 1500.0 && (p.y - at.y).abs() < 1500.0)
        );
    }
}
