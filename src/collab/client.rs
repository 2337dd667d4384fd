//! A connection from a [`LiveSession`]'s document to a room of `argmap
//! serve` (or any `loro-websocket-server`), speaking the Loro protocol
//! (`loro-protocol` 0.1).
//!
//! The connection runs on its own thread with a one-thread tokio runtime,
//! so the app's frame loop and the tests never block on the network. The
//! owner talks to it through [`LiveClient`]: [`LiveClient::send`] queues a
//! local update, [`LiveClient::poll`] hands back what arrived. Most owners
//! call [`LiveClient::exchange`], which does both for a session and a map.
//!
//! Joining and catching up: on every (re)connection the client sends a
//! join request; the server answers with its copy of the document, handed
//! to the owner as [`LinkEvent::Joined`]. [`LiveClient::exchange`] imports
//! it and sends back every change of ours that copy lacks
//! ([`LiveSession::missing_from`]): edits made offline, updates lost in a
//! dropped connection, and whatever a restarted server had not saved. So
//! nothing a peer still holds is lost by a disconnection or a server crash.
//! Updates queued while not joined are dropped: the catch-up covers them.
//!
//! Nothing received can panic the client: every message goes through
//! [`wire::decode`] and every update through [`LiveSession::receive`].

use std::sync::mpsc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use loro_protocol::{CrdtType, ProtocolMessage};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};

use super::rooms::Invite;
use super::wire::{self, MAP_ROOM, Reassembly};
use super::{LiveSession, RemoteApplied};
use crate::model::Map;

/// The state of the link, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkStatus {
    /// First connection attempt under way.
    Connecting,
    /// Joined the room; changes flow both ways.
    Connected,
    /// Taken offline by [`LiveClient::set_online`]; edits wait.
    Offline,
    /// The connection was lost; trying again (every 50 ms doubling to 2 s).
    Reconnecting,
    /// The server refused the room or token; no more attempts until
    /// [`LiveClient::set_online`] is called with `true`.
    Refused(String),
}

/// What the connection reports to its owner.
#[derive(Debug)]
pub enum LinkEvent {
    /// The link's status changed.
    Status(LinkStatus),
    /// Joined the room: the server's copy of the document (a Loro snapshot).
    Joined(Vec<u8>),
    /// An update from another peer.
    Remote(Vec<u8>),
    /// Presence data (see [`super::presence`]) from the room.
    Presence(Vec<u8>),
    /// Something went wrong that did not end the link (a malformed message
    /// from the server, an update refused by it); in words.
    Problem(String),
}

/// What the owner asks of the connection thread.
enum Order {
    Send(Vec<u8>),
    Presence(Vec<u8>),
    Online(bool),
    Stop,
}

/// How one connection ended.
enum Ended {
    Stop,
    Offline,
    Lost,
    Refused(String),
}

/// The owner's handle on a connection thread. Dropping it closes the
/// connection and ends the thread.
pub struct LiveClient {
    orders: UnboundedSender<Order>,
    events: mpsc::Receiver<LinkEvent>,
    status: LinkStatus,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Called from the connection thread when an event is waiting (the app
/// passes a repaint request).
pub type Wake = Box<dyn Fn() + Send + Sync>;

impl LiveClient {
    /// Starts connecting to `invite`'s room. `wake` is called whenever an
    /// event waits for [`LiveClient::poll`]. Errors: the thread could not
    /// be started.
    pub fn connect(invite: Invite, wake: Wake) -> std::io::Result<LiveClient> {
        let (orders, inbox) = unbounded_channel();
        let (events_tx, events) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("argmap-live".to_owned())
            .spawn(move || {
                let emit = Emitter {
                    events: events_tx,
                    wake,
                };
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt.block_on(run(invite, inbox, &emit)),
                    Err(e) => emit.send(LinkEvent::Problem(format!("no runtime: {e}"))),
                }
            })?;
        Ok(LiveClient {
            orders,
            events,
            status: LinkStatus::Connecting,
            thread: Some(thread),
        })
    }

    /// Queues a local update (from [`LiveSession::outgoing`]) for the room.
    pub fn send(&self, update: Vec<u8>) {
        let _ = self.orders.send(Order::Send(update));
    }

    /// Queues this peer's presence (from [`super::presence::Presence::update`]).
    pub fn send_presence(&self, bytes: Vec<u8>) {
        let _ = self.orders.send(Order::Presence(bytes));
    }

    /// Goes offline (closing the connection) or back online (reconnecting,
    /// also after a refusal).
    pub fn set_online(&self, online: bool) {
        let _ = self.orders.send(Order::Online(online));
    }

    /// The last status reported by the thread (as of the last poll).
    pub fn status(&self) -> &LinkStatus {
        &self.status
    }

    /// The events that arrived since the last call, in order.
    pub fn poll(&mut self) -> Vec<LinkEvent> {
        let events: Vec<LinkEvent> = self.events.try_iter().collect();
        for event in &events {
            if let LinkEvent::Status(status) = event {
                self.status = status.clone();
            }
        }
        events
    }

    /// Sends `session`'s new local changes, then applies what arrived to
    /// `map` (not recorded for undo), catching up after a join. Gives what
    /// each remote change did, and the problems reported, in order.
    pub fn exchange(&mut self, session: &mut LiveSession, map: &mut Map) -> Exchanged {
        if let Some(update) = session.outgoing() {
            self.send(update);
        }
        let mut done = Exchanged::default();
        for event in self.poll() {
            match event {
                LinkEvent::Joined(snapshot) => {
                    done.applied.push(session.receive(map, &snapshot));
                    if let Some(missing) = session.missing_from(&snapshot) {
                        self.send(missing);
                    }
                    done.joined = true;
                }
                LinkEvent::Remote(update) => done.applied.push(session.receive(map, &update)),
                LinkEvent::Problem(problem) => done.problems.push(problem),
                LinkEvent::Presence(bytes) => done.presence.push(bytes),
                LinkEvent::Status(_) => {}
            }
        }
        done
    }
}

/// What [`LiveClient::exchange`] did.
#[derive(Debug, Default)]
pub struct Exchanged {
    /// One entry per update received.
    pub applied: Vec<RemoteApplied>,
    /// Problems reported by the connection.
    pub problems: Vec<String>,
    /// Whether the room was (re)joined.
    pub joined: bool,
    /// Presence data received, to apply to a [`super::presence::Presence`].
    pub presence: Vec<Vec<u8>>,
}

impl Drop for LiveClient {
    fn drop(&mut self) {
        let _ = self.orders.send(Order::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Hands events to the owner and wakes it.
struct Emitter {
    events: mpsc::Sender<LinkEvent>,
    wake: Wake,
}

impl Emitter {
    fn send(&self, event: LinkEvent) {
        if self.events.send(event).is_ok() {
            (self.wake)();
        }
    }
}

/// The connection thread: connect, serve, reconnect, until stopped.
async fn run(invite: Invite, mut inbox: UnboundedReceiver<Order>, emit: &Emitter) {
    let mut attempt = 0u32;
    let mut online = true;
    loop {
        if !online {
            emit.send(LinkEvent::Status(LinkStatus::Offline));
            if !wait_online(&mut inbox).await {
                return;
            }
            online = true;
            attempt = 0;
        }
        let status = match attempt {
            0 => LinkStatus::Connecting,
            _ => LinkStatus::Reconnecting,
        };
        emit.send(LinkEvent::Status(status));
        match connection(&invite, &mut inbox, emit).await {
            Ended::Stop => return,
            Ended::Offline => online = false,
            Ended::Refused(reason) => {
                emit.send(LinkEvent::Status(LinkStatus::Refused(reason)));
                if !wait_online(&mut inbox).await {
                    return;
                }
                attempt = 0;
            }
            Ended::Lost => {
                attempt += 1;
                let pause =
                    Duration::from_millis(50u64 << attempt.min(6)).min(Duration::from_secs(2));
                let sleep = tokio::time::sleep(pause);
                tokio::pin!(sleep);
                loop {
                    tokio::select! {
                        () = &mut sleep => break,
                        order = inbox.recv() => match order {
                            None | Some(Order::Stop) => return,
                            Some(Order::Online(false)) => { online = false; break }
                            Some(Order::Online(true)) => break,
                            Some(Order::Send(_) | Order::Presence(_)) => {}
                        },
                    }
                }
            }
        }
    }
}

/// Waits for an order to go online; `false` when told to stop.
async fn wait_online(inbox: &mut UnboundedReceiver<Order>) -> bool {
    loop {
        match inbox.recv().await {
            None | Some(Order::Stop) => return false,
            Some(Order::Online(true)) => return true,
            Some(_) => {}
        }
    }
}

/// One connection: handshake, join, then messages both ways.
async fn connection(
    invite: &Invite,
    inbox: &mut UnboundedReceiver<Order>,
    emit: &Emitter,
) -> Ended {
    let limits = WebSocketConfig::default()
        .max_message_size(Some(wire::MAX_WIRE_MESSAGE))
        .max_frame_size(Some(wire::MAX_WIRE_MESSAGE));
    let connect =
        tokio_tungstenite::connect_async_with_config(invite.connect_url(), Some(limits), true);
    let connect = tokio::time::timeout(Duration::from_secs(3), connect);
    tokio::pin!(connect);
    let mut ws = loop {
        tokio::select! {
            result = &mut connect => match result {
                Ok(Ok((ws, _))) => break ws,
                Ok(Err(tungstenite::Error::Http(resp))) if resp.status().as_u16() == 401 => {
                    return Ended::Refused("the server refused the room's token".to_owned());
                }
                Ok(Err(_)) | Err(_) => return Ended::Lost,
            },
            order = inbox.recv() => match order {
                None | Some(Order::Stop) => return Ended::Stop,
                Some(Order::Online(false)) => return Ended::Offline,
                Some(_) => {}
            },
        }
    };
    // The map document, then the presence store of the same room.
    for crdt in [CrdtType::Loro, CrdtType::LoroEphemeralStore] {
        let join = ProtocolMessage::JoinRequest {
            crdt,
            room_id: MAP_ROOM.to_owned(),
            auth: Vec::new(),
            version: Vec::new(),
        };
        let Ok(join) = loro_protocol::encode(&join) else {
            return Ended::Refused("could not encode a join request".to_owned());
        };
        if ws.send(Message::Binary(join.into())).await.is_err() {
            return Ended::Lost;
        }
    }
    let mut joined = false;
    let mut expect_snapshot = false;
    let mut fragments = Reassembly::default();
    let mut keepalive = tokio::time::interval(Duration::from_secs(20));
    loop {
        tokio::select! {
            frame = ws.next() => {
                let bytes = match frame {
                    Some(Ok(Message::Binary(bytes))) => bytes,
                    Some(Ok(Message::Text(text))) => {
                        if text.as_str() == "ping" && ws.send(Message::Text("pong".into())).await.is_err() {
                            return Ended::Lost;
                        }
                        continue;
                    }
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return Ended::Lost,
                    Some(Ok(_)) => continue,
                };
                let msg = match wire::decode(&bytes) {
                    Ok(msg) => msg,
                    Err(reason) => {
                        emit.send(LinkEvent::Problem(format!("ignored a message from the server: {reason}")));
                        continue;
                    }
                };
                let updates = match msg {
                    ProtocolMessage::DocUpdate { crdt: CrdtType::LoroEphemeralStore, updates, .. } => {
                        for update in updates {
                            emit.send(LinkEvent::Presence(update));
                        }
                        continue;
                    }
                    ProtocolMessage::JoinResponseOk { crdt: CrdtType::LoroEphemeralStore, .. } => continue,
                    ProtocolMessage::JoinResponseOk { .. } => {
                        joined = true;
                        expect_snapshot = true;
                        emit.send(LinkEvent::Status(LinkStatus::Connected));
                        continue;
                    }
                    ProtocolMessage::JoinError { message, .. } => return Ended::Refused(message),
                    ProtocolMessage::UpdateError { message, .. } => {
                        emit.send(LinkEvent::Problem(format!("the server refused an update: {message}")));
                        continue;
                    }
                    ProtocolMessage::DocUpdate { updates, .. } => updates,
                    ProtocolMessage::DocUpdateFragmentHeader { batch_id, fragment_count, total_size_bytes, .. } => {
                        fragments.start(batch_id, fragment_count, total_size_bytes);
                        continue;
                    }
                    ProtocolMessage::DocUpdateFragment { batch_id, index, fragment, .. } => {
                        match fragments.add(batch_id, index, fragment) {
                            Ok(Some(updates)) => updates,
                            Ok(None) => continue,
                            Err(reason) => {
                                emit.send(LinkEvent::Problem(format!("dropped a fragmented update: {reason}")));
                                continue;
                            }
                        }
                    }
                    _ => continue,
                };
                for update in updates {
                    if expect_snapshot {
                        expect_snapshot = false;
                        if wire::is_snapshot(&update) {
                            emit.send(LinkEvent::Joined(update));
                            continue;
                        }
                        // loro-websocket-server 0.1 on its own sends the room's document
                        // in one message and nothing when it exceeds 256 KiB; `argmap
                        // serve` sends such a document in fragments (see server.rs).
                        emit.send(LinkEvent::Problem(
                            "the server sent no copy of the shared map: over 256 KiB, it needs \
                             `argmap serve`, which sends large maps in fragments"
                                .to_owned(),
                        ));
                    }
                    emit.send(LinkEvent::Remote(update));
                }
            }
            order = inbox.recv() => match order {
                None | Some(Order::Stop) => {
                    let _ = ws.close(None).await;
                    return Ended::Stop;
                }
                Some(Order::Online(false)) => {
                    let _ = ws.close(None).await;
                    return Ended::Offline;
                }
                Some(Order::Online(true)) => {}
                Some(Order::Presence(bytes)) => {
                    let msg = ProtocolMessage::DocUpdate {
                        crdt: CrdtType::LoroEphemeralStore,
                        room_id: MAP_ROOM.to_owned(),
                        updates: vec![bytes],
                    };
                    if joined
                        && let Ok(m) = loro_protocol::encode(&msg)
                        && ws.send(Message::Binary(m.into())).await.is_err()
                    {
                        return Ended::Lost;
                    }
                }
                Some(Order::Send(update)) => {
                    if !joined {
                        continue;
                    }
                    match wire::encode_update(CrdtType::Loro, MAP_ROOM, update, wire::random_batch_id()) {
                        Ok(messages) => {
                            for m in messages {
                                if ws.send(Message::Binary(m.into())).await.is_err() {
                                    return Ended::Lost;
                                }
                            }
                        }
                        Err(reason) => emit.send(LinkEvent::Problem(reason)),
                    }
                }
            },
            _ = keepalive.tick() => {
                if ws.send(Message::Text("ping".into())).await.is_err() {
                    return Ended::Lost;
                }
            }
        }
    }
}
