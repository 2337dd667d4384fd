//! Live co-editing through the real server (issue 16): `argmap serve` runs
//! as its own process on a loopback port with a temporary data folder, and
//! headless peers edit the speech map through it.
#![cfg(feature = "live")]

mod live;

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use argmap::collab::LinkStatus;
use argmap::collab::wire::{MAP_ROOM, MAX_WIRE_MESSAGE};
use live::{Peer, Server, speech_map, wait_until};
use loro_protocol::{BytesWriter, CrdtType, MessageType, ProtocolMessage};
use tokio_tungstenite::tungstenite::{self, Message, stream::MaybeTlsStream};

/// Two peers on the speech map; one goes offline, each makes 50 edits,
/// the offline one comes back: both save byte-identical files within 1 s,
/// holding every edit of both.
#[test]
fn peers_converge_within_a_second_after_offline_edits() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path(), "127.0.0.1:0");
    let (mut a, invite) = Peer::share(&server.url, speech_map(), 1);
    let mut b = Peer::join(&invite, 2);
    assert_eq!(a.file(), b.file(), "the joiner starts from the shared map");

    b.client.set_online(false);
    assert!(wait_until(Duration::from_secs(5), || {
        b.sync();
        *b.status() == LinkStatus::Offline
    }));
    let mut marks = Vec::new();
    for k in 0..50 {
        marks.push(a.edit(k));
        a.sync();
        marks.push(b.edit(k));
        b.sync();
    }
    assert_ne!(a.file(), b.file(), "offline edits have not travelled yet");

    b.client.set_online(true);
    let start = Instant::now();
    let converged = wait_until(Duration::from_secs(5), || {
        a.sync();
        b.sync();
        a.file() == b.file()
    });
    let took = start.elapsed();
    assert!(converged, "the peers never converged");
    assert!(took <= Duration::from_secs(1), "converging took {took:?}");
    // Additions are never edited afterwards (edits pick statements of the
    // speech map), so every one of both peers must be there.
    let file = a.file();
    for mark in marks.iter().filter(|m| m.ends_with("(new)")) {
        assert!(file.contains(mark.as_str()), "{mark} was lost");
    }
    assert_eq!(marks.iter().filter(|m| m.ends_with("(new)")).count(), 34);
}

/// `kill -9` of the server in the middle of the peers' edits, then a
/// restart on the same port and data folder: every edit made before,
/// during and after the outage ends up on both peers, and a peer joining
/// afterwards (from the server's saved document alone, after a second
/// kill -9) sees them all.
#[test]
fn nothing_is_lost_when_the_server_is_killed_during_edits() {
    let data = tempfile::tempdir().unwrap();
    let mut server = Server::start(data.path(), "127.0.0.1:0");
    let addr = server.addr.clone();
    let (mut a, invite) = Peer::share(&server.url, speech_map(), 1);
    let mut b = Peer::join(&invite, 2);
    let mut added = Vec::new();
    for k in 0..60 {
        if k == 30 {
            server.kill();
        }
        for peer in [&mut a, &mut b] {
            let mark = peer.edit(k);
            if mark.ends_with("(new)") {
                added.push(mark);
            }
            peer.sync();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let server = Server::start(data.path(), &addr);
    assert!(
        wait_until(Duration::from_secs(10), || {
            a.sync();
            b.sync();
            a.file() == b.file() && *a.status() == LinkStatus::Connected
        }),
        "the peers did not converge after the restart"
    );
    let file = a.file();
    for mark in &added {
        assert!(file.contains(mark.as_str()), "{mark} was lost");
    }
    // Let the server save, then kill it again: the saved document alone
    // must hold everything.
    std::thread::sleep(Duration::from_millis(300));
    drop(server);
    drop(a);
    drop(b);
    let server = Server::start(data.path(), &addr);
    let c = Peer::join(&invite, 3);
    assert_eq!(
        c.file(),
        file,
        "the restarted server lost acknowledged edits"
    );
    drop(server);
}

/// A map whose shared document is larger than one protocol message (the
/// published server sends a joiner nothing then) can be joined after it
/// was shared: the gate sends it in fragments. Edits then flow both ways,
/// and after a kill -9 and a restart the saved document is served alike.
#[test]
fn a_map_too_large_for_one_message_can_be_joined_later() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path(), "127.0.0.1:0");
    let addr = server.addr.clone();
    let (mut a, invite) = Peer::share(&server.url, argmap::synth::argument_map(3000, 11), 1);
    let size = a.session.snapshot().len();
    assert!(
        size > 2 * MAX_WIRE_MESSAGE,
        "a document of {size} bytes does not test fragments"
    );
    let mut b = Peer::join(&invite, 2);
    assert_eq!(a.file(), b.file(), "the joiner got the whole map");
    let mark = b.edit(1);
    assert!(
        wait_until(Duration::from_secs(10), || {
            a.sync();
            b.sync();
            a.file() == b.file()
        }),
        "the joiner's edit never reached the sharer"
    );
    assert!(a.file().contains(&mark));
    let file = a.file();
    std::thread::sleep(Duration::from_millis(300));
    drop(server);
    drop(a);
    drop(b);
    let server = Server::start(data.path(), &addr);
    let c = Peer::join(&invite, 3);
    assert_eq!(c.file(), file, "the restarted server serves the saved map");
    drop(server);
}

/// A wrong token, and no token, are refused at the handshake with a log
/// line; the right one still gets in.
#[test]
fn a_wrong_token_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path(), "127.0.0.1:0");
    let (_a, invite) = Peer::share(&server.url, speech_map(), 1);
    let mut wrong = invite.clone();
    wrong.token = "guessedtoken".to_owned();
    let mut client = argmap::collab::LiveClient::connect(wrong, Box::new(|| {})).unwrap();
    assert!(wait_until(Duration::from_secs(5), || {
        client.poll();
        matches!(client.status(), LinkStatus::Refused(_))
    }));
    let (status, _) = raw_status(&format!("{}?token=", invite.url()));
    assert_eq!(status, 401, "an empty token is refused");
    assert!(wait_until(Duration::from_secs(2), || server.logged("wrong token")));
    let b = Peer::join(&invite, 2);
    assert!(!b.file().is_empty());
}

/// Garbage, an oversized message, a message claiming 2^40 updates, and a
/// well-formed update whose payload is not Loro data each get their
/// connection closed with a log line; the server keeps serving the peers.
#[test]
fn hostile_messages_are_rejected_and_the_server_keeps_serving() {
    let data = tempfile::tempdir().unwrap();
    let mut server = Server::start(data.path(), "127.0.0.1:0");
    let (mut a, invite) = Peer::share(&server.url, speech_map(), 1);
    let mut b = Peer::join(&invite, 2);
    let url = invite.connect_url();

    let mut huge_count = BytesWriter::new();
    huge_count.push_bytes(b"%LOR");
    huge_count.push_var_string(MAP_ROOM);
    huge_count.push_byte(MessageType::DocUpdate as u8);
    huge_count.push_uleb128(1 << 40);
    let join = loro_protocol::encode(&ProtocolMessage::JoinRequest {
        crdt: CrdtType::Loro,
        room_id: MAP_ROOM.to_owned(),
        auth: Vec::new(),
        version: Vec::new(),
    })
    .unwrap();
    let not_loro = loro_protocol::encode(&ProtocolMessage::DocUpdate {
        crdt: CrdtType::Loro,
        room_id: MAP_ROOM.to_owned(),
        updates: vec![b"definitely not a loro update".to_vec()],
    })
    .unwrap();
    let attacks: Vec<(&str, Vec<Vec<u8>>)> = vec![
        ("garbage", vec![b"\x00\x01garbage bytes".to_vec()]),
        ("oversized", vec![vec![7u8; MAX_WIRE_MESSAGE * 4]]),
        ("huge count", vec![join.clone(), huge_count.finalize()]),
        ("not loro", vec![join.clone(), not_loro]),
    ];
    for (name, messages) in attacks {
        let closed = send_and_expect_close(&url, messages);
        assert!(closed, "{name}: the connection stayed open");
        assert!(server.alive(), "{name}: the server died");
    }
    assert!(wait_until(Duration::from_secs(2), || server.logged("rejected")));

    let mark = a.edit(1);
    assert!(
        wait_until(Duration::from_secs(5), || {
            a.sync();
            b.sync();
            b.file().contains(&mark)
        }),
        "the server stopped serving after the attacks"
    );
}

/// Connects without the client library and gives the HTTP status of the
/// handshake (101 when accepted) and the socket when accepted.
fn raw_status(
    url: &str,
) -> (
    u16,
    Option<tungstenite::WebSocket<MaybeTlsStream<std::net::TcpStream>>>,
) {
    match tungstenite::connect(url) {
        Ok((ws, resp)) => (resp.status().as_u16(), Some(ws)),
        Err(tungstenite::Error::Http(resp)) => (resp.status().as_u16(), None),
        Err(e) => panic!("handshake failed: {e}"),
    }
}

/// Sends `messages` on a new connection; gives whether the server closed
/// it within 5 s.
fn send_and_expect_close(url: &str, messages: Vec<Vec<u8>>) -> bool {
    let (status, ws) = raw_status(url);
    assert_eq!(status, 101);
    let mut ws = ws.unwrap();
    if let MaybeTlsStream::Plain(tcp) = ws.get_mut() {
        tcp.set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
    }
    for m in messages {
        if ws.send(Message::Binary(m.into())).is_err() {
            return true;
        }
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        match ws.read() {
            Ok(Message::Close(_)) => return true,
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return true,
        }
    }
    false
}
