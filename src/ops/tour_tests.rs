//! Tour commands: each undoes exactly, and removing nodes named in steps
//! reports the steps and undoes exactly.

use super::*;
use crate::model::{Camera, Focus, Map, Statement, Tour, TourStep};

fn map_with(ids: &[&str]) -> Map {
    let mut map = Map::new("t");
    for id in ids {
        map.add_statement(id, Statement::new(*id), None, false)
            .unwrap();
    }
    map
}

fn step(ids: &[&str]) -> TourStep {
    TourStep::revealing(ids.iter().map(|s| s.to_string()).collect())
}

#[test]
fn every_tour_command_undoes_exactly() {
    let mut map = map_with(&["a", "b", "c"]);
    let start = map.clone();
    let mut h = History::new();
    let cmds = vec![
        Command::AddTour {
            index: None,
            tour: Tour::new("One"),
        },
        Command::AddStep {
            tour: "One".into(),
            index: None,
            step: step(&["a"]),
        },
        Command::AddStep {
            tour: "One".into(),
            index: Some(0),
            step: step(&["b", "c"]),
        },
        Command::MoveStep {
            tour: "One".into(),
            from: 0,
            to: 1,
        },
        Command::EditStep {
            tour: "One".into(),
            index: 1,
            field: StepField::Note("Say this.".into()),
        },
        Command::EditStep {
            tour: "One".into(),
            index: 1,
            field: StepField::Focus(Some(Focus {
                node: "c".into(),
                depth: 2,
            })),
        },
        Command::EditStep {
            tour: "One".into(),
            index: 0,
            field: StepField::Camera(Camera::FitFocus),
        },
        Command::RenameTour {
            from: "One".into(),
            to: "Seminar".into(),
        },
        Command::AddTour {
            index: Some(0),
            tour: Tour::new("Other"),
        },
        Command::DeleteStep {
            tour: "Seminar".into(),
            index: 0,
        },
        Command::DeleteTour {
            name: "Other".into(),
        },
    ];
    let mut states = vec![map.clone()];
    for cmd in cmds {
        h.apply(&mut map, cmd).unwrap();
        states.push(map.clone());
    }
    let seminar = map.tour("Seminar").unwrap();
    assert_eq!(seminar.steps.len(), 1);
    assert_eq!(seminar.steps[0].note, "Say this.");
    assert_eq!(
        seminar.steps[0].reveal,
        vec!["b".to_string(), "c".to_string()]
    );
    for expected in states.iter().rev().skip(1) {
        assert!(h.undo(&mut map).unwrap());
        assert_eq!(&map, expected);
    }
    assert_eq!(map, start);
    while h.redo(&mut map).unwrap() {}
    assert_eq!(&map, states.last().unwrap());
}

#[test]
fn refused_tour_commands_change_nothing() {
    let mut map = map_with(&["a"]);
    apply(
        &mut map,
        Command::AddTour {
            index: None,
            tour: Tour::new("T"),
        },
    )
    .unwrap();
    let before = map.clone();
    for cmd in [
        Command::AddTour {
            index: None,
            tour: Tour::new("T"),
        },
        Command::AddStep {
            tour: "T".into(),
            index: None,
            step: step(&["zz"]),
        },
        Command::EditStep {
            tour: "T".into(),
            index: 0,
            field: StepField::Note("x".into()),
        },
        Command::MoveStep {
            tour: "T".into(),
            from: 0,
            to: 0,
        },
        Command::RenameTour {
            from: "nope".into(),
            to: "x".into(),
        },
    ] {
        assert!(apply(&mut map, cmd).is_err());
        assert_eq!(map, before);
    }
}

#[test]
fn deleting_a_node_reports_the_steps_and_undo_restores_them() {
    let mut map = map_with(&["a", "b", "c"]);
    let mut tour = Tour::new("T");
    tour.steps = vec![step(&["a", "b"]), step(&["c"]), step(&["b"])];
    tour.steps[1].highlight = vec!["c".into(), "b".into()];
    map.insert_tour(0, tour).unwrap();
    let before = map.clone();
    let mut h = History::new();
    let applied = h
        .apply(
            &mut map,
            Command::Remove {
                ids: vec!["b".into()],
            },
        )
        .unwrap();
    assert_eq!(applied.tour_steps_changed.len(), 3);
    assert_eq!(
        applied.tour_message().as_deref(),
        Some("removed from 3 tour steps")
    );
    let steps = &map.tour("T").unwrap().steps;
    assert_eq!(steps[0].reveal, vec!["a".to_string()]);
    assert!(steps[2].reveal.is_empty());
    assert_eq!(steps[0].focus.as_ref().map(|f| f.node.as_str()), Some("a"));
    let after = map.clone();
    h.undo(&mut map).unwrap();
    assert_eq!(map, before);
    h.redo(&mut map).unwrap();
    assert_eq!(map, after);
    // A node no step names: no message.
    let plain = apply(
        &mut map,
        Command::Remove {
            ids: vec!["a".into()],
        },
    );
    assert!(plain.unwrap().tour_message().is_some(), "a is in step 0");
    let plain = apply(
        &mut map,
        Command::AddStatement {
            id: Some("z".into()),
            statement: Statement::new("z"),
            pos: None,
        },
    )
    .unwrap();
    assert_eq!(plain.tour_message(), None);
}
