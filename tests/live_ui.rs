//! The app sharing a map live through the real server (issue 16): File >
//! Share live… gives an address and a token; a headless peer joins with
//! them and edits; the edit appears in the app (model, outline, canvas
//! scene) and the app's undo stack stays as it was.
#![cfg(feature = "live")]

#[allow(dead_code)]
mod common;
mod live;

use std::time::{Duration, Instant};

use argmap::app::document::Document;
use argmap::ops::{Command, StatementField};
use egui_kittest::kittest::{By, Queryable};
use live::{Peer, Server, wait_until};

#[test]
fn a_remote_edit_updates_the_app_and_leaves_its_undo_stack_alone() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path(), "127.0.0.1:0");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/togo-japan-russia.argmap.json"
    );
    let (doc, _) = Document::open(std::path::Path::new(path)).unwrap();
    let mut h = common::harness(doc);

    // A local edit first, so that there is something on the undo stack.
    let statements: Vec<String> = h
        .state()
        .doc
        .map
        .nodes_sorted()
        .iter()
        .filter(|n| n.is_statement())
        .map(|n| n.id.clone())
        .collect();
    let (target, remote_target) = (statements[0].clone(), statements[1].clone());
    h.state_mut()
        .doc
        .apply(Command::EditStatement {
            id: target.clone(),
            field: StatementField::Title("My local title".to_owned()),
        })
        .unwrap();

    h.get_by_label("File").click();
    h.run_steps(2);
    h.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .label_contains("Share live"),
    )
    .click();
    h.run_steps(2);
    assert!(
        h.state().live.share_open,
        "File > Share live… opens its window"
    );
    h.state_mut().live.server = server.url.clone();
    h.run_steps(3);
    h.get(By::new().role(egui::accesskit::Role::Button).label("Share"))
        .click();
    h.run_steps(2);
    let invite = h
        .state()
        .live
        .link
        .as_ref()
        .expect("sharing")
        .invite
        .clone();
    assert!(
        h.query_by_label(&invite.token).is_some(),
        "the token is shown"
    );
    assert!(h.query_by_label("Copy token").is_some());
    let start = Instant::now();
    while h.state().live_status().as_deref() != Some("Live: connected") {
        assert!(start.elapsed() < Duration::from_secs(10), "never connected");
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }

    let mut peer = Peer::join(&invite, 7);
    assert_eq!(
        peer.map.statement(&target).unwrap().title,
        "My local title",
        "the joiner got the shared map"
    );
    // Saved to a file of its own, the map reads "saved" …
    let saved = tempfile::tempdir().unwrap();
    let file = saved.path().join("shared.argmap.json");
    h.state_mut().doc.save_to(&file, "2026-12-01").unwrap();
    h.run_steps(2);
    assert!(!h.state().doc.is_dirty());
    assert!(
        h.query_by_label("saved").is_some(),
        "the status bar says saved"
    );
    let undo_before = h.state().doc.history.undo_len();
    let revision_before = h.state().doc.content_revision;
    peer.session
        .apply_local(
            &mut peer.map,
            &mut peer.history,
            Command::EditStatement {
                id: remote_target.clone(),
                field: StatementField::Title("Edited by the other peer".to_owned()),
            },
        )
        .unwrap();
    let arrived = wait_until(Duration::from_secs(10), || {
        peer.sync();
        h.step();
        h.state().doc.map.statement(&remote_target).unwrap().title == "Edited by the other peer"
    });
    assert!(arrived, "the remote edit never reached the app");
    h.run_steps(3);
    assert_eq!(
        h.state().doc.history.undo_len(),
        undo_before,
        "the remote edit went onto the local undo stack"
    );
    assert!(
        h.state().doc.content_revision > revision_before,
        "content caches are invalidated"
    );
    // … and a remote edit makes the file out of date: the status bar says
    // so, and Save writes the normal file with the remote edit in it.
    assert!(
        h.state().doc.is_dirty(),
        "a remote edit leaves the map dirty"
    );
    assert!(
        h.query_by_label("unsaved changes").is_some(),
        "the status bar says unsaved changes after a remote edit"
    );
    assert!(h.state().doc.window_title().starts_with("* "));
    h.state_mut().push(argmap::app::Intent::Action(
        argmap::app::actions::Action::Save,
    ));
    h.run_steps(3);
    assert!(!h.state().doc.is_dirty(), "Save clears it");
    assert!(h.query_by_label("saved").is_some());
    let on_disk = argmap::io::native::load_file(&file).unwrap().map;
    assert_eq!(
        on_disk.statement(&remote_target).unwrap().title,
        "Edited by the other peer",
        "Save writes the normal file, remote edit included"
    );
    assert!(
        h.state()
            .drawn_text(&remote_target)
            .is_some_and(|t| t.contains("Edited by the other peer")),
        "the canvas draws the remote title: {:?}",
        h.state().drawn_text(&remote_target)
    );
    h.state_mut()
        .push(argmap::app::Intent::Reveal(remote_target.clone()));
    h.run_steps(4);
    assert!(
        h.query_all_by_label_contains("Edited by the other peer")
            .next()
            .is_some(),
        "the outline and inspector show the remote title"
    );
    // The peer's name and selection arrive as presence, drawn on the
    // canvas and never put into the map.
    let mut presence = argmap::collab::Presence::new(7);
    let bytes = presence
        .update("Bob", std::slice::from_ref(&remote_target))
        .unwrap();
    peer.client.send_presence(bytes);
    let shown = wait_until(Duration::from_secs(10), || {
        peer.sync();
        h.step();
        h.state()
            .live
            .others
            .iter()
            .any(|p| p.name == "Bob" && p.selection == [remote_target.clone()])
    });
    assert!(shown, "the other peer's selection never arrived");
    assert!(
        !argmap::io::native::to_string(&h.state().doc.map, &Default::default()).contains("Bob"),
        "presence is not saved"
    );
    // An edit made in the app reaches the other peer.
    h.state_mut()
        .push(argmap::app::Intent::Apply(Command::EditStatement {
            id: target.clone(),
            field: StatementField::Text("Edited in the app".to_owned()),
        }));
    let sent = wait_until(Duration::from_secs(10), || {
        h.step();
        peer.sync();
        peer.map.statement(&target).unwrap().text == "Edited in the app"
    });
    assert!(sent, "the app's edit never reached the other peer");
    // My undo reverts my own title, not the other peer's.
    h.state_mut().push(argmap::app::Intent::Action(
        argmap::app::actions::Action::Undo,
    ));
    h.run_steps(3);
    let map = &h.state().doc.map;
    assert_ne!(map.statement(&target).unwrap().text, "Edited in the app");
    assert_eq!(
        map.statement(&remote_target).unwrap().title,
        "Edited by the other peer"
    );
}

#[test]
fn joining_asks_about_unsaved_changes_first() {
    let mut h = common::harness(common::example());
    let id = first_statement(&h);
    h.state_mut()
        .doc
        .apply(Command::EditStatement {
            id,
            field: StatementField::Title("Unsaved work".to_owned()),
        })
        .unwrap();
    h.state_mut().live.join_open = true;
    h.state_mut().live.join_url = "ws://127.0.0.1:9/room".to_owned();
    h.state_mut().live.join_token = "token".to_owned();
    h.run_steps(2);
    h.get_by_label("Join").click();
    h.run_steps(2);
    // The unsaved map is not replaced behind the user's back: the usual
    // Save / Discard / Cancel question comes first, and Cancel keeps it.
    assert!(h.state().doc.is_dirty(), "the edit made the map dirty");
    assert!(h.state().live.error.is_empty(), "{}", h.state().live.error);
    assert!(matches!(
        h.state().dialog,
        Some(argmap::app::state::Dialog::Unsaved(
            argmap::app::state::AfterSave::JoinLive
        ))
    ));
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().dialog.is_none());
    assert!(h.state().doc.is_dirty());
    assert!(
        h.state()
            .doc
            .map
            .nodes_sorted()
            .iter()
            .any(|n| n.as_statement().is_some_and(|s| s.title == "Unsaved work"))
    );
}

fn first_statement(h: &egui_kittest::Harness<'static, argmap::app::ArgmapApp>) -> String {
    let map = &h.state().doc.map;
    map.nodes_sorted()
        .iter()
        .find(|n| n.is_statement())
        .map(|n| n.id.clone())
        .unwrap()
}
