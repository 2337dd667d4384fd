//! Editing together live (issue 16): File > Share live… and File > Join
//! live…, the link's state for the status bar, and the exchange with the
//! server each frame.
//!
//! Sharing puts the open map into a new room on an `argmap serve` server
//! (address typed in the Share window, `ws://127.0.0.1:9723` by default)
//! and shows the room's address and token to send, with copy buttons.
//! Joining asks for them, waits for the room's document and opens the map
//! it holds as an untitled document ("Save" writes a normal map file).
//!
//! While live, every local step goes through [`Document::apply`] etc.,
//! which records it in the document's [`LiveSession`]; after the frame's
//! intents, [`ArgmapApp::poll_live`] sends what changed and applies what
//! arrived, never touching the local undo stack.

use crate::collab::{
    Invite, LinkEvent, LinkStatus, LiveClient, LiveSession, PeerPresence, Presence,
};

use super::ArgmapApp;
use super::document::Document;

/// The server the Share window offers first (`argmap serve`'s default).
pub const DEFAULT_SERVER: &str = "ws://127.0.0.1:9723";

/// The Share and Join windows and the link to the server.
pub struct LiveUi {
    /// Whether the Share live window is open.
    pub share_open: bool,
    /// Whether the Join live window is open.
    pub join_open: bool,
    /// The server address typed in the Share window.
    pub server: String,
    /// The room address typed in the Join window.
    pub join_url: String,
    /// The token typed in the Join window.
    pub join_token: String,
    /// Why the last Share or Join failed, shown in its window.
    pub error: String,
    /// The connection while the map is shared or joined.
    pub link: Option<Link>,
    /// A join waiting for the room's document.
    pending: Option<Link>,
    /// The name others see beside this user's selection (the system user
    /// name by default).
    pub name: String,
    /// The other people in the room and their selections, as of this frame.
    pub others: Vec<PeerPresence>,
}

impl Default for LiveUi {
    fn default() -> Self {
        LiveUi {
            share_open: false,
            join_open: false,
            server: DEFAULT_SERVER.to_owned(),
            join_url: String::new(),
            join_token: String::new(),
            error: String::new(),
            link: None,
            pending: None,
            name: std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_else(|_| "Someone".to_owned()),
            others: Vec::new(),
        }
    }
}

/// A connection to a room.
pub struct Link {
    /// The connection thread's handle.
    pub client: LiveClient,
    /// The room's address and token.
    pub invite: Invite,
    /// Whether, since the last (re)connection, the server's copy has come
    /// and what it lacked was sent: only then is the link "connected".
    pub caught_up: bool,
    /// Who else is in the room (made when the session exists).
    pub presence: Option<Presence>,
}

/// A random peer id: 53 bits (safe in every Loro binding), never 0.
fn random_peer() -> u64 {
    let mut bytes = [0u8; 8];
    let _ = getrandom::fill(&mut bytes);
    (u64::from_le_bytes(bytes) & ((1 << 53) - 1)).max(1)
}

impl ArgmapApp {
    /// Shares the open map in a new room on the server typed in the Share
    /// window.
    pub fn start_sharing(&mut self, ctx: &egui::Context) {
        self.live.error.clear();
        let server = self.live.server.trim().trim_end_matches('/').to_owned();
        if !server.starts_with("ws://") || server.len() <= "ws://".len() {
            self.live.error = "The server address must look like ws://HOST:PORT".to_owned();
            return;
        }
        let invite = Invite::new(&server);
        let session = match LiveSession::share(&self.doc.map, random_peer()) {
            Ok(session) => session,
            Err(e) => {
                self.live.error = format!("Cannot share this map: {e}");
                return;
            }
        };
        let wake = ctx.clone();
        match LiveClient::connect(invite.clone(), Box::new(move || wake.request_repaint())) {
            Ok(client) => {
                session.tag_ids(&mut self.doc.map);
                self.doc.live = Some(session);
                self.live.link = Some(Link {
                    client,
                    invite,
                    caught_up: false,
                    presence: None,
                });
            }
            Err(e) => self.live.error = format!("Cannot connect: {e}"),
        }
    }

    /// Starts joining the room typed in the Join window; the map opens
    /// when the room's document has arrived.
    pub fn start_joining(&mut self, ctx: &egui::Context) {
        self.live.error.clear();
        let invite = match Invite::parse(&self.live.join_url, &self.live.join_token) {
            Ok(invite) => invite,
            Err(e) => {
                self.live.error = e;
                return;
            }
        };
        let wake = ctx.clone();
        match LiveClient::connect(invite.clone(), Box::new(move || wake.request_repaint())) {
            Ok(client) => {
                self.live.pending = Some(Link {
                    client,
                    invite,
                    caught_up: false,
                    presence: None,
                })
            }
            Err(e) => self.live.error = format!("Cannot connect: {e}"),
        }
    }

    /// Starts what `argmap --share` / `--join --token` asked for, with its
    /// window open; sharing prints the room's address and token on stdout.
    pub fn start_live(&mut self, start: &super::LiveStart, ctx: &egui::Context) {
        if let Some(server) = &start.share {
            self.live.server = server.clone();
            self.live.share_open = true;
            self.start_sharing(ctx);
            match &self.live.link {
                Some(link) => println!(
                    "Share live: address {} token {}",
                    link.invite.url(),
                    link.invite.token
                ),
                None => eprintln!("Share live: {}", self.live.error),
            }
        } else if let (Some(url), Some(token)) = (&start.join, &start.token) {
            self.live.join_url = url.clone();
            self.live.join_token = token.clone();
            self.live.join_open = true;
            self.start_joining(ctx);
        }
    }

    /// Stops sharing or leaves the room; the map stays open as it is.
    pub fn stop_live(&mut self) {
        self.live.link = None;
        self.live.pending = None;
        self.live.others.clear();
        self.doc.live = None;
        self.doc.map.set_id_tag(None);
    }

    /// Sends this frame's local changes and applies the remote ones; opens
    /// a joined room's map once its document has arrived.
    pub fn poll_live(&mut self) {
        self.poll_pending_join();
        let (Some(link), Some(session)) = (&mut self.live.link, &mut self.doc.live) else {
            // Another document replaced the shared one: leave the room.
            self.live.link = None;
            self.live.others.clear();
            return;
        };
        let done = link.client.exchange(session, &mut self.doc.map);
        let peer = session.peer();
        if done.joined {
            link.caught_up = true;
        } else if *link.client.status() != LinkStatus::Connected {
            link.caught_up = false;
        }
        for applied in &done.applied {
            self.doc.receive_live(applied);
            if let Some(warning) = applied.warnings.first() {
                self.status = format!("Live: {warning}");
            }
        }
        if let Some(problem) = done.problems.last() {
            self.status = format!("Live: {problem}");
        }
        let presence = link.presence.get_or_insert_with(|| Presence::new(peer));
        for bytes in &done.presence {
            // Malformed presence changes nothing; it is not worth a message.
            let _ = presence.receive(bytes);
        }
        if done.joined {
            presence.resend();
        }
        if let Some(bytes) = presence.update(&self.live.name, &self.selection.0) {
            link.client.send_presence(bytes);
        }
        self.live.others = presence.others();
    }

    fn poll_pending_join(&mut self) {
        let Some(pending) = &mut self.live.pending else {
            return;
        };
        for event in pending.client.poll() {
            match event {
                LinkEvent::Joined(snapshot) => match LiveSession::join(&snapshot, random_peer()) {
                    Ok((mut map, session)) => {
                        session.tag_ids(&mut map);
                        let mut doc = Document::new(map, None);
                        doc.live = Some(session);
                        // A joined map is in no file on this machine yet.
                        doc.mark_unsaved();
                        // A joiner has nothing the server lacks yet.
                        let link = self.live.pending.take().map(|mut link| {
                            link.caught_up = true;
                            link
                        });
                        self.replace_document(doc);
                        self.live.link = link;
                        self.live.join_open = false;
                        return;
                    }
                    Err(e) => {
                        self.live.error = format!("The room holds no map yet: {e}");
                        self.live.pending = None;
                        return;
                    }
                },
                LinkEvent::Status(LinkStatus::Refused(reason)) => {
                    self.live.error = format!("Refused: {reason}");
                    self.live.pending = None;
                    return;
                }
                _ => {}
            }
        }
    }

    /// The status bar's words for the link: "Live: connected", "Live:
    /// offline", "Live: reconnecting…"; `None` when not live.
    pub fn live_status(&self) -> Option<String> {
        if self.live.pending.is_some() {
            return Some("Live: joining…".to_owned());
        }
        let link = self.live.link.as_ref()?;
        Some(
            match link.client.status() {
                LinkStatus::Connecting => "Live: connecting…",
                LinkStatus::Connected if link.caught_up => "Live: connected",
                LinkStatus::Connected => "Live: catching up…",
                LinkStatus::Offline => "Live: offline",
                LinkStatus::Reconnecting => "Live: reconnecting…",
                LinkStatus::Refused(_) => "Live: refused by the server",
            }
            .to_owned(),
        )
    }
}

/// The Share live and Join live windows.
pub fn live_windows_ui(app: &mut ArgmapApp, ctx: &egui::Context) {
    if app.live.share_open {
        let mut open = true;
        egui::Window::new("Share live")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| share_ui(app, ui));
        app.live.share_open &= open;
    }
    if app.live.join_open {
        let mut open = true;
        egui::Window::new("Join live")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| join_ui(app, ui));
        app.live.join_open &= open;
    }
}

fn share_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    if let Some(link) = &app.live.link {
        let url = link.invite.url();
        let token = link.invite.token.clone();
        ui.label("Send both to the people you edit with (File > Join live…):");
        egui::Grid::new("share-live").num_columns(3).show(ui, |ui| {
            for (what, value) in [("Address", url), ("Token", token)] {
                ui.label(what);
                ui.monospace(&value);
                if ui.button(format!("Copy {}", what.to_lowercase())).clicked() {
                    ui.ctx().copy_text(value);
                }
                ui.end_row();
            }
        });
        if let Some(status) = app.live_status() {
            ui.label(status);
        }
        if ui.button("Stop sharing").clicked() {
            app.stop_live();
        }
        return;
    }
    ui.label("Share the open map through an argmap serve server:");
    ui.horizontal(|ui| {
        let label = ui.label("Server");
        ui.add(egui::TextEdit::singleline(&mut app.live.server).desired_width(260.0))
            .labelled_by(label.id);
    });
    if ui.button("Share").clicked() {
        let ctx = ui.ctx().clone();
        app.start_sharing(&ctx);
    }
    if !app.live.error.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, &app.live.error);
    }
}

fn join_ui(app: &mut ArgmapApp, ui: &mut egui::Ui) {
    ui.label("The address and token the person who shared the map sent you:");
    egui::Grid::new("join-live").num_columns(2).show(ui, |ui| {
        let label = ui.label("Address");
        ui.add(egui::TextEdit::singleline(&mut app.live.join_url).desired_width(300.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Token");
        ui.add(egui::TextEdit::singleline(&mut app.live.join_token).desired_width(300.0))
            .labelled_by(label.id);
        ui.end_row();
    });
    if app.live.pending.is_some() {
        ui.label("Joining…");
    } else if ui.button("Join").clicked() {
        // Joining replaces the open document: unsaved changes are asked
        // about first, as for Open.
        let ctx = ui.ctx().clone();
        app.request(super::state::AfterSave::JoinLive, &ctx);
    }
    if !app.live.error.is_empty() {
        ui.colored_label(ui.visuals().error_fg_color, &app.live.error);
    }
}
