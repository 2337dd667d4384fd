//! `argmap serve`: the published Loro sync server (`loro-websocket-server`
//! 0.1) with persistence to a folder, behind a gate that enforces what the
//! crate leaves open.
//!
//! The crate's hub (rooms, broadcast, join snapshots, periodic saves
//! through load/save hooks) runs unchanged on a second listener bound to
//! 127.0.0.1 on a random port; it accepts only the gate, which presents a
//! secret made at start-up. The gate listens on `--bind` and, per
//! connection:
//! - takes the shared map's room from the URL path (`/ROOM?token=TOKEN`)
//!   and checks the token ([`Rooms`]); a wrong one gets HTTP 401;
//! - limits each WebSocket message to [`wire::MAX_WIRE_MESSAGE`] bytes;
//! - decodes every client message with bounds checks ([`wire::decode`]),
//!   admits only the map room, and checks that each update is a Loro blob
//!   (fragmented ones once reassembled, before their last fragment goes
//!   through);
//! - on anything else logs one line to stderr and closes that connection
//!   with a policy-violation close frame. Other connections go on;
//! - serves a joiner a room whose document is too large for one message
//!   (see `Mirrors`).
//!
//! Files in the data folder: `ROOM/token.sha256` (SHA-256 of the room's
//! token, hex) and `ROOM/map.loro` (the document's Loro snapshot, written
//! to a temporary file and renamed, so a crash never leaves half a file).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use loro::{ExportMode, LoroDoc};
use loro_protocol::{CrdtType, MessageType, ProtocolMessage};
use loro_websocket_server::{LoadedDoc, ServerConfig};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::rooms::Rooms;
use super::wire::{self, MAP_ROOM, Reassembly};

/// What `argmap serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to listen on (port 0: any free port).
    pub bind: SocketAddr,
    /// Folder for room tokens and documents; created if missing.
    pub data: PathBuf,
    /// How often changed documents are written to `data`, in ms.
    pub save_interval_ms: u64,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The data folder could not be created.
    #[error("data folder {path}: {error}")]
    Data {
        /// The folder.
        path: PathBuf,
        /// The system's reason.
        error: std::io::Error,
    },
    /// The address could not be bound, or the runtime not started.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The sync server stopped with an error.
    #[error("sync server: {0}")]
    Server(String),
}

/// Runs the server until the process ends. Calls `ready` with the bound
/// address once it accepts connections (the CLI prints it).
pub fn run(opts: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    std::fs::create_dir_all(&opts.data).map_err(|error| ServeError::Data {
        path: opts.data.clone(),
        error,
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(opts, ready))
}

async fn serve(opts: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let public = TcpListener::bind(opts.bind).await?;
    let inner = hub_listener()?;
    let inner_addr = inner.local_addr()?;
    let secret = Rooms::new_token();
    let config = hub_config(&opts.data, opts.save_interval_ms, secret.clone());
    let hub = tokio::spawn(loro_websocket_server::serve_incoming_with_config(
        inner, config,
    ));
    ready(public.local_addr()?);
    let gate = Arc::new(Gate {
        rooms: Rooms::new(opts.data.clone()),
        inner: inner_addr,
        secret,
        mirrors: Mirrors::new(opts.data.clone()),
    });
    tokio::select! {
        done = hub => Err(ServeError::Server(match done {
            Ok(Ok(())) => "stopped".to_owned(),
            Ok(Err(e)) => e.to_string(),
            Err(e) => e.to_string(),
        })),
        () = accept_loop(public, gate) => Ok(()),
    }
}

/// The hub's listener on 127.0.0.1, any free port, with `TCP_NODELAY` set
/// on the listening socket: accepted sockets inherit it (Linux copies the
/// listener's options into each accepted socket), and the crate accepts
/// without setting it. Without it, Nagle's algorithm holds each broadcast
/// back until the gate acknowledges the previous one, which its delayed
/// ACK puts off by up to 40 ms: that was most of the measured latency.
fn hub_listener() -> std::io::Result<TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_nodelay(true)?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
    socket.listen(1024)
}

async fn accept_loop(public: TcpListener, gate: Arc<Gate>) {
    loop {
        match public.accept().await {
            Ok((stream, from)) => {
                let _ = stream.set_nodelay(true);
                let gate = gate.clone();
                tokio::spawn(async move {
                    if let Err(reason) = gate.handle(stream).await {
                        eprintln!("argmap serve: {from}: {reason}");
                    }
                });
            }
            Err(e) => eprintln!("argmap serve: accept failed: {e}"),
        }
    }
}

/// The crate's configuration: snapshots loaded from and saved to
/// `data/ROOM/map.loro`; only connections bearing `secret` (the gate's).
fn hub_config(data: &Path, save_interval_ms: u64, secret: String) -> ServerConfig<()> {
    let load_dir = data.to_owned();
    let save_dir = data.to_owned();
    ServerConfig {
        on_load_document: Some(Arc::new(move |args| {
            let path = doc_path(&load_dir, &args.workspace, &args.room);
            Box::pin(async move {
                match std::fs::read(&path) {
                    Ok(bytes) => Ok(LoadedDoc {
                        snapshot: Some(bytes),
                        ctx: None,
                    }),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LoadedDoc {
                        snapshot: None,
                        ctx: None,
                    }),
                    Err(e) => Err(format!("{}: {e}", path.display())),
                }
            })
        })),
        on_save_document: Some(Arc::new(move |args| {
            let path = doc_path(&save_dir, &args.workspace, &args.room);
            Box::pin(async move {
                write_atomically(&path, &args.data).map_err(|e| {
                    let msg = format!("saving {} failed: {e}", path.display());
                    eprintln!("argmap serve: {msg}");
                    msg
                })
            })
        })),
        save_interval_ms: Some(save_interval_ms.max(10)),
        handshake_auth: Some(Arc::new(move |_room, token| token == Some(secret.as_str()))),
        ..ServerConfig::default()
    }
}

fn doc_path(data: &Path, room: &str, doc: &str) -> PathBuf {
    data.join(room).join(format!("{doc}.loro"))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames
/// it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("loro.tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// The gate's shared state.
struct Gate {
    rooms: Rooms,
    inner: SocketAddr,
    secret: String,
    mirrors: Mirrors,
}

/// Copies of the rooms' map documents, kept by the gate so that it can
/// serve a joiner a document too large for one protocol message.
///
/// Why: `loro-websocket-server` 0.1 answers a join with the whole document
/// as one `DocUpdate`, and `loro_protocol::encode` refuses messages over
/// 256 KiB (`MAX_MESSAGE_SIZE`), so for a larger document the hub sends
/// the joiner nothing at all (its client-to-server fragments have no
/// server-to-client counterpart for the join). The protocol itself has the
/// means: `DocUpdateFragmentHeader` and `DocUpdateFragment`. So when the
/// hub accepts a join, the gate sends the joiner its copy of the document
/// as a fragmented batch, which the client reassembles as it does any
/// fragmented update (see [`super::client`]).
///
/// The copy equals the hub's: both start from the same file
/// (`ROOM/map.loro`, read when the room is first used in this process; the
/// hub keeps Loro documents loaded until the process ends, and so does the
/// gate) and every update the hub receives passes through the gate, which
/// imports it *before* forwarding it. So the copy is never behind the hub:
/// an update the hub applied before the join is in the copy, one it applies
/// after is broadcast to the joiner anyway (a repeat is harmless to a CRDT).
struct Mirrors {
    data: PathBuf,
    docs: Mutex<HashMap<String, Arc<LoroDoc>>>,
}

/// Documents whose snapshot is at most this many bytes are left to the hub
/// (it sends them in one message); larger ones the gate sends in fragments.
/// 16 KiB below the protocol's limit, as the gate's copy may be a little
/// ahead of the hub's: near the limit both may send, never neither.
const HUB_SNAPSHOT_BYTES: usize = loro_protocol::MAX_MESSAGE_SIZE - 16 * 1024;

impl Mirrors {
    fn new(data: PathBuf) -> Mirrors {
        Mirrors {
            data,
            docs: Mutex::new(HashMap::new()),
        }
    }

    /// The copy of `room`'s map document, loaded from its file on first use.
    fn room(&self, room: &str) -> Arc<LoroDoc> {
        let mut docs = self.docs.lock().unwrap_or_else(|p| p.into_inner());
        docs.entry(room.to_owned())
            .or_insert_with(|| {
                let doc = LoroDoc::new();
                if let Ok(bytes) = std::fs::read(doc_path(&self.data, room, MAP_ROOM))
                    && let Err(e) = import_guarded(&doc, &bytes)
                {
                    eprintln!("argmap serve: room {room}: its saved document does not load: {e}");
                }
                Arc::new(doc)
            })
            .clone()
    }
}

/// Imports `bytes` into `doc`, catching a panic in the engine too.
fn import_guarded(doc: &LoroDoc, bytes: &[u8]) -> Result<(), String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc.import(bytes))) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the sync engine failed on it".to_owned()),
    }
}

/// The messages that give a joiner `doc` when the hub cannot: none when
/// its snapshot is small enough for the hub's one message.
fn join_fragments(doc: &LoroDoc) -> Vec<Vec<u8>> {
    let Ok(snapshot) = doc.export(ExportMode::Snapshot) else {
        return Vec::new();
    };
    if snapshot.len() <= HUB_SNAPSHOT_BYTES {
        return Vec::new();
    }
    wire::encode_update(CrdtType::Loro, MAP_ROOM, snapshot, wire::random_batch_id()).unwrap_or_else(
        |e| {
            eprintln!("argmap serve: cannot send a room's document to a joiner: {e}");
            Vec::new()
        },
    )
}

/// How a gated connection ended.
enum Ending {
    /// Either side closed or went away.
    Closed,
    /// The client sent something refused; the reason for the log.
    Rejected(String),
}

impl Gate {
    /// One client connection: handshake with the token check, then messages
    /// both ways until either side stops or the client is rejected.
    async fn handle(&self, stream: TcpStream) -> Result<(), String> {
        let mut room = None;
        // The signature is tungstenite's `Callback`; its error is the HTTP response.
        #[allow(clippy::result_large_err)]
        let callback = |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
            let path = req.uri().path().trim_start_matches('/');
            let token = req.uri().query().and_then(|q| {
                q.split('&')
                    .find_map(|pair| pair.strip_prefix("token="))
                    .map(str::to_owned)
            });
            match self.rooms.admit(path, token.as_deref()) {
                Ok(()) => {
                    room = Some(path.to_owned());
                    Ok(resp)
                }
                Err(reason) => {
                    eprintln!("argmap serve: refused a connection to room {path:?}: {reason}");
                    let mut refusal = ErrorResponse::new(Some(reason.to_string()));
                    *refusal.status_mut() =
                        tokio_tungstenite::tungstenite::http::StatusCode::UNAUTHORIZED;
                    Err(refusal)
                }
            }
        };
        let limits = WebSocketConfig::default()
            .max_message_size(Some(wire::MAX_WIRE_MESSAGE))
            .max_frame_size(Some(wire::MAX_WIRE_MESSAGE));
        let client =
            tokio_tungstenite::accept_hdr_async_with_config(stream, callback, Some(limits))
                .await
                .map_err(|e| format!("handshake: {e}"))?;
        let Some(room) = room else {
            return Err("handshake without a room".to_owned());
        };
        let url = format!("ws://{}/{room}?token={}", self.inner, self.secret);
        let (server, _) = tokio_tungstenite::connect_async_with_config(url, None, true)
            .await
            .map_err(|e| format!("sync server unreachable: {e}"))?;
        let mirror = self.mirrors.room(&room);
        let (mut to_client, mut from_client) = client.split();
        let (mut to_server, mut from_server) = server.split();
        let up = async {
            let mut fragments = Reassembly::default();
            while let Some(msg) = from_client.next().await {
                let msg = match msg {
                    Ok(msg) => msg,
                    Err(e) => return Ending::Rejected(format!("connection error: {e}")),
                };
                let forward = match &msg {
                    Message::Binary(bytes) => match admit_message(bytes, &mut fragments) {
                        Ok(updates) => {
                            for update in updates {
                                if let Err(e) = import_guarded(&mirror, &update) {
                                    return Ending::Rejected(format!("update refused: {e}"));
                                }
                            }
                            true
                        }
                        Err(reason) => return Ending::Rejected(reason),
                    },
                    Message::Text(text) => text.as_str() == "ping",
                    Message::Close(_) => return Ending::Closed,
                    _ => false,
                };
                if forward && to_server.send(msg).await.is_err() {
                    return Ending::Closed;
                }
            }
            Ending::Closed
        };
        let down = async {
            while let Some(Ok(msg)) = from_server.next().await {
                let joined = matches!(&msg, Message::Binary(b) if is_map_join_ok(b));
                if to_client.send(msg).await.is_err() {
                    break;
                }
                if joined {
                    for fragment in join_fragments(&mirror) {
                        if to_client
                            .send(Message::Binary(fragment.into()))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            }
        };
        let ending = tokio::select! {
            ending = up => ending,
            () = down => Ending::Closed,
        };
        match ending {
            Ending::Closed => Ok(()),
            Ending::Rejected(reason) => {
                let close = CloseFrame {
                    code: CloseCode::Policy,
                    reason: "message rejected".into(),
                };
                let _ = to_client.send(Message::Close(Some(close))).await;
                Err(format!("room {room}: rejected: {reason}"))
            }
        }
    }
}

/// Whether a message from the hub accepts a join to the map document
/// (read from its envelope only: magic, room, type).
fn is_map_join_ok(bytes: &[u8]) -> bool {
    let mut r = loro_protocol::BytesReader::new(bytes);
    let (Ok(magic), Ok(room), Ok(kind)) = (r.read_bytes(4), r.read_var_bytes(), r.read_byte())
    else {
        return false;
    };
    magic == b"%LOR" && room == MAP_ROOM.as_bytes() && kind == MessageType::JoinResponseOk as u8
}

/// Whether a client's binary message may go on to the hub: it decodes, it
/// is meant for the map room, and what it carries is Loro data. Gives the
/// map document's updates it completes (a `DocUpdate`'s, or a fragmented
/// batch's once its last fragment is in), for the gate's copy. Errors give
/// the reason for the log line.
fn admit_message(bytes: &[u8], fragments: &mut Reassembly) -> Result<Vec<Vec<u8>>, String> {
    let msg = wire::decode(bytes)?;
    let in_map_room = |crdt: &CrdtType, room: &str| {
        if *crdt == CrdtType::Loro && room == MAP_ROOM {
            Ok(())
        } else {
            Err(format!("room {room:?} of type {crdt:?} is not served"))
        }
    };
    let served = |crdt: &CrdtType, room: &str| {
        if *crdt == CrdtType::LoroEphemeralStore && room == MAP_ROOM {
            Ok(())
        } else {
            in_map_room(crdt, room)
        }
    };
    match msg {
        ProtocolMessage::JoinRequest { crdt, room_id, .. }
        | ProtocolMessage::Leave { crdt, room_id } => served(&crdt, &room_id).map(|()| Vec::new()),
        ProtocolMessage::DocUpdate {
            crdt: CrdtType::LoroEphemeralStore,
            room_id,
            updates,
        } => {
            served(&CrdtType::LoroEphemeralStore, &room_id)?;
            updates
                .iter()
                .try_for_each(|u| super::presence::check_presence_blob(u))?;
            Ok(Vec::new())
        }
        ProtocolMessage::DocUpdate {
            crdt,
            room_id,
            updates,
        } => {
            in_map_room(&crdt, &room_id)?;
            updates.iter().try_for_each(|u| wire::check_loro_blob(u))?;
            Ok(updates)
        }
        ProtocolMessage::DocUpdateFragmentHeader {
            crdt,
            room_id,
            batch_id,
            fragment_count,
            total_size_bytes,
        } => {
            in_map_room(&crdt, &room_id)?;
            fragments.start(batch_id, fragment_count, total_size_bytes);
            Ok(Vec::new())
        }
        ProtocolMessage::DocUpdateFragment {
            crdt,
            room_id,
            batch_id,
            index,
            fragment,
        } => {
            in_map_room(&crdt, &room_id)?;
            match fragments.add(batch_id, index, fragment)? {
                Some(updates) => {
                    updates.iter().try_for_each(|u| wire::check_loro_blob(u))?;
                    Ok(updates)
                }
                None => Ok(Vec::new()),
            }
        }
        other => Err(format!("a client may not send {other:?}")
            .chars()
            .take(200)
            .collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The latency fix relies on accepted sockets inheriting the
    /// listener's `TCP_NODELAY` (true on Linux).
    #[cfg(target_os = "linux")]
    #[test]
    fn sockets_the_hub_accepts_have_nagle_off() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let listener = hub_listener().unwrap();
            let addr = listener.local_addr().unwrap();
            let client = TcpStream::connect(addr);
            let (accepted, client) = tokio::join!(listener.accept(), client);
            let (accepted, _) = accepted.unwrap();
            let _client = client.unwrap();
            assert!(accepted.nodelay().unwrap());
        });
    }
}
