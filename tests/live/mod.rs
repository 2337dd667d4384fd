//! Shared set-up of the live co-editing tests: the real `argmap serve`
//! process on a loopback port, and headless peers (a map, its undo
//! history, a [`LiveSession`] and a [`LiveClient`]).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use argmap::collab::{Invite, LinkEvent, LinkStatus, LiveClient, LiveSession};
use argmap::io::native;
use argmap::model::{Map, Pos, Statement};
use argmap::ops::{Command, History, StatementField};

/// The speech map, as the tests share it.
pub fn speech_map() -> Map {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/togo-japan-russia.argmap.json"
    );
    native::load_file(Path::new(path))
        .expect("the speech map loads")
        .map
}

/// A running `argmap serve` process; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    /// `ws://127.0.0.1:PORT`.
    pub url: String,
    /// The `HOST:PORT` it listens on.
    pub addr: String,
    /// Lines it wrote to stderr so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server binary on `bind` (`127.0.0.1:0` for any free port)
    /// with documents in `data`, and waits for its "listening" line.
    pub fn start(data: &Path, bind: &str) -> Server {
        let mut child = Process::new(env!("CARGO_BIN_EXE_argmap"))
            .args([
                "serve",
                "--bind",
                bind,
                "--save-interval-ms",
                "20",
                "--data",
            ])
            .arg(data)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the argmap binary starts");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("piped");
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the server prints its address");
        let addr = line
            .split("ws://")
            .nth(1)
            .expect("a ws:// address")
            .trim()
            .to_owned();
        Server {
            child,
            url: format!("ws://{addr}"),
            addr,
            log,
        }
    }

    /// Kills the process with SIGKILL (no chance to save anything).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Whether a stderr line so far contains `needle`.
    pub fn logged(&self, needle: &str) -> bool {
        self.log.lock().unwrap().iter().any(|l| l.contains(needle))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A headless peer.
pub struct Peer {
    pub map: Map,
    pub history: History,
    pub session: LiveSession,
    pub client: LiveClient,
    rng: u64,
    name: String,
    /// The statements of the map as joined: the ones edits pick.
    base_ids: Vec<String>,
}

/// Polls `check` every 2 ms until it holds or `limit` passes; gives
/// whether it held.
pub fn wait_until(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    check()
}

impl Peer {
    /// Shares `map` in a new room on `server_url`, as peer `id`.
    pub fn share(server_url: &str, map: Map, id: u64) -> (Peer, Invite) {
        let invite = Invite::new(server_url);
        let session = LiveSession::share(&map, id).expect("the map shares");
        let client = LiveClient::connect(invite.clone(), Box::new(|| {})).expect("thread");
        let mut peer = Peer::new(map, session, client, id);
        assert!(
            wait_until(Duration::from_secs(10), || peer.sync_joined()),
            "the sharing peer joins its room"
        );
        (peer, invite)
    }

    /// Joins the room of `invite` as peer `id`, retrying until the room
    /// holds the shared map.
    pub fn join(invite: &Invite, id: u64) -> Peer {
        let mut client = LiveClient::connect(invite.clone(), Box::new(|| {})).expect("thread");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            for event in client.poll() {
                if let LinkEvent::Joined(snapshot) = event {
                    match LiveSession::join(&snapshot, id) {
                        Ok((map, session)) => return Peer::new(map, session, client, id),
                        Err(e) => eprintln!("join {}: {e}", snapshot.len()),
                    }
                    // The sharer's map has not reached the server yet: rejoin.
                    client.set_online(false);
                    client.set_online(true);
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("peer {id} could not join the room");
    }

    fn new(map: Map, session: LiveSession, client: LiveClient, id: u64) -> Peer {
        let base_ids = map
            .nodes_sorted()
            .iter()
            .filter(|n| n.is_statement())
            .map(|n| n.id.clone())
            .collect();
        Peer {
            base_ids,
            map,
            history: History::new(),
            session,
            client,
            rng: id.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
            name: format!("peer{id}"),
        }
    }

    /// One exchange; gives whether the room was (re)joined in it.
    pub fn sync_joined(&mut self) -> bool {
        self.client
            .exchange(&mut self.session, &mut self.map)
            .joined
    }

    /// One exchange with the server.
    pub fn sync(&mut self) {
        let undo = self.history.undo_len();
        self.client.exchange(&mut self.session, &mut self.map);
        assert_eq!(
            self.history.undo_len(),
            undo,
            "a remote edit entered the undo stack"
        );
    }

    /// The link's status after an exchange.
    pub fn status(&self) -> &LinkStatus {
        self.client.status()
    }

    /// The map as saved self-contained (sources inline): the sharer's
    /// source files stay in its folder, and a joiner gets their text
    /// inline, so this is the form both can write identically.
    pub fn file(&self) -> String {
        let options = native::SaveOptions {
            inline_sources: true,
        };
        native::to_string(&self.map, &options)
    }

    fn next(&mut self, below: usize) -> usize {
        // xorshift64*: a fixed sequence per peer.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        (self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % below.max(1)
    }

    /// Edit number `k`: a new statement (text "peerN edit k (new)"), a
    /// text edit or a move of a statement of the speech map, in turn.
    /// Gives the text it wrote ("peerN edit k" for a move), to look for later.
    pub fn edit(&mut self, k: usize) -> String {
        let pick = self.next(self.base_ids.len());
        let id = self.base_ids[pick].clone();
        let mark = format!("{} edit {k}", self.name);
        let cmd = match k % 3 {
            0 => Command::AddStatement {
                id: None,
                statement: Statement::new(format!("{mark} (new)")),
                pos: Some(Pos::new(self.next(4000) as f32, self.next(3000) as f32)),
            },
            1 => Command::EditStatement {
                id,
                field: StatementField::Text(mark.clone()),
            },
            _ => Command::Move {
                moves: vec![(id, Pos::new(self.next(4000) as f32, 5000.0 + k as f32))],
            },
        };
        self.session
            .apply_local(&mut self.map, &mut self.history, cmd)
            .expect("the edit applies");
        match k % 3 {
            0 => format!("{mark} (new)"),
            _ => mark,
        }
    }
}
