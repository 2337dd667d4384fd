//! Presence: who else is in the room, and what they have selected. Kept in
//! Loro's ephemeral store (`loro::awareness::EphemeralStore`), which the
//! server relays in its own `%EPH` room and forgets after a timeout; it is
//! never part of the map document, so never saved in a map file.
//!
//! Each peer keeps one entry, under its peer id in decimal, whose value is
//! a JSON string `{"name": "…", "selection": ["id", …]}` (at most 64 ids,
//! names at most 64 chars). Entries expire after [`TIMEOUT_MS`] unless
//! refreshed; [`Presence::update`] refreshes every [`REFRESH_MS`].

use std::time::{Duration, Instant};

use loro::awareness::EphemeralStore;
use serde::{Deserialize, Serialize};

/// How long an entry lives without a refresh, in ms.
pub const TIMEOUT_MS: i64 = 30_000;

/// How often an unchanged entry is sent again, in ms.
pub const REFRESH_MS: u64 = 10_000;

/// Most selected ids one entry carries.
const MAX_SELECTION: usize = 64;

/// One other person in the room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerPresence {
    /// The name they go by (their user name by default).
    pub name: String,
    /// The ids of the nodes they have selected.
    pub selection: Vec<String>,
}

/// This peer's view of the room's presence.
pub struct Presence {
    store: EphemeralStore,
    key: String,
    sent: Option<(PeerPresence, Instant)>,
}

impl Presence {
    /// Presence for peer `peer`.
    pub fn new(peer: u64) -> Presence {
        Presence {
            store: EphemeralStore::new(TIMEOUT_MS),
            key: peer.to_string(),
            sent: None,
        }
    }

    /// Records this peer's name and selection; gives the bytes to send when
    /// they changed or the last send is [`REFRESH_MS`] old.
    pub fn update(&mut self, name: &str, selection: &[String]) -> Option<Vec<u8>> {
        let mine = PeerPresence {
            name: name.chars().take(64).collect(),
            selection: selection.iter().take(MAX_SELECTION).cloned().collect(),
        };
        let fresh = self.sent.as_ref().is_some_and(|(sent, at)| {
            *sent == mine && at.elapsed() < Duration::from_millis(REFRESH_MS)
        });
        if fresh {
            return None;
        }
        let json = serde_json::to_string(&mine).ok()?;
        self.store.set(&self.key, json);
        self.sent = Some((mine, Instant::now()));
        Some(self.store.encode(&self.key))
    }

    /// Makes the next [`Presence::update`] send (after a reconnection).
    pub fn resend(&mut self) {
        self.sent = None;
    }

    /// Applies bytes from the room. Errors: they do not decode (nothing is
    /// changed). Never panics.
    pub fn receive(&self, bytes: &[u8]) -> Result<(), String> {
        apply_guarded(&self.store, bytes)
    }

    /// The other peers present, ordered by peer id; entries that do not
    /// parse are skipped.
    pub fn others(&self) -> Vec<PeerPresence> {
        self.store.remove_outdated();
        let mut states: Vec<(String, PeerPresence)> = self
            .store
            .get_all_states()
            .into_iter()
            .filter(|(key, _)| *key != self.key)
            .filter_map(|(key, value)| {
                let text = value.into_string().ok()?;
                let mut peer: PeerPresence = serde_json::from_str(&text).ok()?;
                peer.selection.truncate(MAX_SELECTION);
                Some((key, peer))
            })
            .collect();
        states.sort_by(|a, b| a.0.cmp(&b.0));
        states.into_iter().map(|(_, p)| p).collect()
    }
}

/// Checks that `bytes` are ephemeral-store data by applying them to a
/// scratch store (the server's gate does this before relaying them).
pub fn check_presence_blob(bytes: &[u8]) -> Result<(), String> {
    apply_guarded(&EphemeralStore::new(TIMEOUT_MS), bytes)
}

fn apply_guarded(store: &EphemeralStore, bytes: &[u8]) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.apply(bytes)))
        .map_err(|_| "the presence decoder failed".to_owned())?
        .map_err(|e| format!("not presence data: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_travels_and_only_others_are_listed() {
        let mut a = Presence::new(1);
        let b = Presence::new(2);
        let bytes = a
            .update("Ann", &["s1".to_owned()])
            .expect("first update sends");
        assert!(
            a.update("Ann", &["s1".to_owned()]).is_none(),
            "unchanged: no send"
        );
        b.receive(&bytes).unwrap();
        assert_eq!(
            b.others(),
            vec![PeerPresence {
                name: "Ann".to_owned(),
                selection: vec!["s1".to_owned()],
            }]
        );
        assert!(a.others().is_empty());
    }

    #[test]
    fn garbage_is_rejected() {
        assert!(check_presence_blob(b"\xff\xffnot presence").is_err());
        assert!(Presence::new(1).receive(&[0x80; 40]).is_err());
    }
}
