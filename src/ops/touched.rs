//! Which nodes an applied command touched, read from its inverse.
//!
//! The inverse of every command names what the command changed (the
//! statement it edited, the nodes a removal took away with every link it
//! cut, the placements it replaced), so one function covers apply, undo
//! and redo alike. Consumers that keep derived data per node (the scene
//! and its spatial index) refresh only these nodes instead of everything.

use super::Command;
use crate::model::Map;

/// The ids of the nodes whose own data, position or links the command whose
/// inverse is `inverse` changed, on `map` as it is after that command:
/// added, removed, edited and moved nodes, and every node at either end of
/// a link that was added or cut. Source and metadata edits touch no node.
/// Sorted, each id once.
pub fn touched_nodes(map: &Map, inverse: &Command) -> Vec<String> {
    let mut ids = Vec::new();
    collect(map, inverse, &mut ids);
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn collect(map: &Map, inverse: &Command, ids: &mut Vec<String>) {
    use Command as C;
    match inverse {
        C::AddStatement { id, .. } | C::Connect { id, .. } => ids.extend(id.iter().cloned()),
        C::EditStatement { id, .. } | C::Tag { id, .. } | C::EditInference { id, .. } => {
            ids.push(id.clone())
        }
        C::AddPremise { inference, premise } | C::RemovePremise { inference, premise } => {
            ids.push(inference.clone());
            ids.push(premise.clone());
        }
        // The inverse of an addition or a restore: the nodes it added, and
        // both ends of every link they have now (a restored statement's
        // links to inferences that were there all along are added links too).
        C::Remove { ids: removed } => {
            for id in removed {
                ids.push(id.clone());
                let Some(ix) = map.index_of(id) else { continue };
                let linked = map
                    .premises_of(ix)
                    .into_iter()
                    .chain(map.target_of(ix))
                    .chain(map.inferences_into(ix))
                    .chain(map.inferences_from(ix));
                ids.extend(linked.filter_map(|l| map.node_at(l)).map(|n| n.id.clone()));
            }
        }
        C::Restore(fragment) => {
            ids.extend(fragment.nodes.iter().map(|n| n.id.clone()));
            for (from, to, _) in &fragment.links {
                ids.push(from.clone());
                ids.push(to.clone());
            }
        }
        C::Move { moves } => ids.extend(moves.iter().map(|(id, _)| id.clone())),
        C::SetPinned { ids: pinned, .. } => ids.extend(pinned.iter().cloned()),
        C::Place(placements) => ids.extend(placements.iter().map(|p| p.id.clone())),
        // The inverse of adding evidence removes it; the statement holding
        // it is found in the map, where the item now is.
        C::RemoveEvidence { id } | C::EditEvidence(crate::model::Evidence { id, .. }) => {
            if let Some((ix, _)) = map.evidence_location(id)
                && let Some(node) = map.node_at(ix)
            {
                ids.push(node.id.clone());
            }
        }
        C::AddEvidence { statement, .. } => ids.push(statement.clone()),
        // Scheme edits change one inference's scheme, roles or questions.
        C::SetScheme { inference, .. }
        | C::BindRole { inference, .. }
        | C::SetQuestion { inference, .. } => ids.push(inference.clone()),
        // A scheme definition kept in the map: every inference naming it.
        C::EmbedScheme { id, .. } => ids.extend(
            map.nodes()
                .filter(|n| n.as_inference().is_some_and(|inf| inf.scheme == *id))
                .map(|n| n.id.clone()),
        ),
        C::AddSource(_)
        | C::EditSource(_)
        | C::RemoveSource { .. }
        | C::SetSourceText { .. }
        | C::ReplaceSourceText { .. }
        | C::SetMeta(_) => {}
        // Evaluation inputs: the statement is touched (its label may be drawn).
        C::SetAcceptance { id, .. } | C::SetBaseScore { id, .. } => ids.push(id.clone()),
        C::SetEvalOptions(_) => {}
        // Tours name nodes but change none of them.
        C::AddTour { .. }
        | C::RenameTour { .. }
        | C::DeleteTour { .. }
        | C::AddStep { .. }
        | C::MoveStep { .. }
        | C::DeleteStep { .. }
        | C::EditStep { .. }
        | C::ReplaceStep { .. } => {}
        // A conflict record names nodes but is not one.
        C::DropConflict { .. } | C::PutConflict { .. } => {}
        C::Batch(cmds) => {
            for cmd in cmds {
                collect(map, cmd, ids);
            }
        }
    }
}

/// Whether the command whose inverse is `inverse` may change what
/// evaluation computes: the graph's structure (nodes, links, inference
/// kinds), scheme data (raised questions count in evaluation), or the
/// evaluation inputs (overrides, base scores, semantics and options).
/// Text, tags, evidence, sources, positions, metadata and tours do not;
/// after those the app keeps its evaluation instead of recomputing it.
/// Conservative: `true` whenever in doubt.
pub fn may_change_evaluation(inverse: &Command) -> bool {
    use Command as C;
    match inverse {
        C::EditStatement { .. }
        | C::Tag { .. }
        | C::Move { .. }
        | C::SetPinned { .. }
        | C::Place(_)
        | C::AddEvidence { .. }
        | C::EditEvidence(_)
        | C::RemoveEvidence { .. }
        | C::AddSource(_)
        | C::EditSource(_)
        | C::RemoveSource { .. }
        | C::SetSourceText { .. }
        | C::ReplaceSourceText { .. }
        | C::SetMeta(_)
        | C::AddTour { .. }
        | C::RenameTour { .. }
        | C::DeleteTour { .. }
        | C::AddStep { .. }
        | C::MoveStep { .. }
        | C::DeleteStep { .. }
        | C::EditStep { .. }
        | C::ReplaceStep { .. }
        | C::DropConflict { .. }
        | C::PutConflict { .. } => false,
        C::AddStatement { .. }
        | C::Connect { .. }
        | C::AddPremise { .. }
        | C::RemovePremise { .. }
        | C::EditInference { .. }
        | C::Remove { .. }
        | C::Restore(_)
        | C::SetScheme { .. }
        | C::BindRole { .. }
        | C::SetQuestion { .. }
        | C::EmbedScheme { .. }
        | C::SetAcceptance { .. }
        | C::SetBaseScore { .. }
        | C::SetEvalOptions(_) => true,
        C::Batch(cmds) => cmds.iter().any(may_change_evaluation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pos, Statement};
    use crate::ops::{History, StatementField, apply};

    fn two() -> Map {
        let mut map = Map::new("t");
        map.add_statement("s1", Statement::new("a"), Some(Pos::new(0.0, 0.0)), false)
            .unwrap();
        map.add_statement("s2", Statement::new("b"), Some(Pos::new(0.0, 200.0)), false)
            .unwrap();
        map
    }

    #[test]
    fn text_and_moves_leave_evaluation_alone_links_and_overrides_do_not() {
        let mut map = two();
        let text = apply(
            &mut map,
            Command::EditStatement {
                id: "s2".into(),
                field: StatementField::Text("c".into()),
            },
        )
        .unwrap();
        assert!(!may_change_evaluation(&text.inverse));
        let moved = apply(
            &mut map,
            Command::Move {
                moves: vec![("s1".into(), Pos::new(5.0, 5.0))],
            },
        )
        .unwrap();
        assert!(!may_change_evaluation(&moved.inverse));
        let linked = apply(
            &mut map,
            Command::Connect {
                id: None,
                inference: crate::model::Inference::new(crate::model::InferenceKind::Support),
                premises: vec!["s1".into()],
                target: "s2".into(),
            },
        )
        .unwrap();
        assert!(may_change_evaluation(&linked.inverse));
        let rejected = apply(
            &mut map,
            Command::SetAcceptance {
                id: "s1".into(),
                value: crate::model::AcceptanceOverride::Rejected,
            },
        )
        .unwrap();
        assert!(may_change_evaluation(&rejected.inverse));
        assert!(may_change_evaluation(&Command::Batch(vec![
            text.inverse,
            rejected.inverse
        ])));
    }

    #[test]
    fn an_edit_touches_its_statement() {
        let mut map = two();
        let cmd = Command::EditStatement {
            id: "s2".into(),
            field: StatementField::Text("c".into()),
        };
        let applied = apply(&mut map, cmd).unwrap();
        assert_eq!(touched_nodes(&map, &applied.inverse), vec!["s2"]);
    }

    #[test]
    fn a_removal_touches_what_it_took_and_what_it_cut() {
        let mut map = two();
        let applied = apply(&mut map, Command::support(vec!["s2".into()], "s1")).unwrap();
        let inf = applied.created[0].clone();
        // Connecting adds the inference and links to both statements.
        assert_eq!(
            touched_nodes(&map, &applied.inverse),
            vec![inf.clone(), "s1".to_owned(), "s2".to_owned()]
        );
        let removed = apply(
            &mut map,
            Command::Remove {
                ids: vec!["s2".into()],
            },
        )
        .unwrap();
        // The inference cannot stand without its only premise: both go,
        // and the link to the target s1 is cut.
        assert_eq!(
            touched_nodes(&map, &removed.inverse),
            vec![inf, "s1".to_owned(), "s2".to_owned()]
        );
    }

    #[test]
    fn undoing_a_removal_touches_the_inferences_it_relinks() {
        let mut map = two();
        map.add_statement("s3", Statement::new("c"), None, false)
            .unwrap();
        let linked = apply(
            &mut map,
            Command::support(vec!["s2".into(), "s3".into()], "s1"),
        )
        .unwrap();
        let inf = linked.created[0].clone();
        let removed = apply(
            &mut map,
            Command::Remove {
                ids: vec!["s3".into()],
            },
        )
        .unwrap();
        assert_eq!(map.premise_ids(&inf), vec!["s2"]);
        // Undo: s3 comes back as a premise of the inference, which changed
        // too (live co-editing writes every touched node to the shared
        // document; missing it left the inference's premises stale there).
        let restored = apply(&mut map, removed.inverse).unwrap();
        assert_eq!(map.premise_ids(&inf), vec!["s2", "s3"]);
        let touched = touched_nodes(&map, &restored.inverse);
        assert!(touched.contains(&inf), "{touched:?}");
        assert!(touched.contains(&"s3".to_owned()));
    }

    #[test]
    fn history_reports_changes_since_a_revision() {
        let mut map = two();
        let mut history = History::new();
        let start = history.revision();
        history
            .apply(
                &mut map,
                Command::Move {
                    moves: vec![("s1".into(), Pos::new(5.0, 5.0))],
                },
            )
            .unwrap();
        history
            .apply(
                &mut map,
                Command::EditStatement {
                    id: "s2".into(),
                    field: StatementField::Text("x".into()),
                },
            )
            .unwrap();
        assert_eq!(
            history.touched_since(start),
            Some(vec!["s1".to_owned(), "s2".to_owned()])
        );
        let mid = history.revision();
        history.undo(&mut map).unwrap();
        assert_eq!(history.touched_since(mid), Some(vec!["s2".to_owned()]));
        assert_eq!(history.touched_since(history.revision()), Some(vec![]));
        history.clear();
        assert_eq!(history.touched_since(mid), None, "cleared: unknown");
    }

    #[test]
    fn scheme_edits_touch_their_inference_and_undo_does_too() {
        let mut map = two();
        let applied = apply(&mut map, Command::support(vec!["s2".into()], "s1")).unwrap();
        let inf = applied.created[0].clone();
        let set = apply(
            &mut map,
            Command::SetScheme {
                inference: inf.clone(),
                scheme: "expert_opinion".into(),
                definition: None,
            },
        )
        .unwrap();
        assert_eq!(touched_nodes(&map, &set.inverse), vec![inf.clone()]);
        let bind = apply(
            &mut map,
            Command::BindRole {
                inference: inf.clone(),
                role: "expert".into(),
                premise: Some("s2".into()),
            },
        )
        .unwrap();
        assert_eq!(touched_nodes(&map, &bind.inverse), vec![inf.clone()]);
        // Keeping a definition touches every inference that names it.
        let def = crate::io::schemes::bundled()
            .get("expert_opinion")
            .cloned()
            .map(Box::new);
        let embed = apply(
            &mut map,
            Command::EmbedScheme {
                id: "expert_opinion".into(),
                definition: def,
            },
        )
        .unwrap();
        assert_eq!(touched_nodes(&map, &embed.inverse), vec![inf]);
    }
}
