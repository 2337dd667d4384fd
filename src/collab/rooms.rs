//! Rooms and their tokens: what a person sends to invite another to a
//! shared map ([`Invite`]), and the server's check of it ([`Rooms`]).
//!
//! A room name and a token are made from the operating system's random
//! source when a map is shared (16 bytes each, base 32). The first
//! connection to a room registers the SHA-256 of its token in the server's
//! data folder (`ROOM/token.sha256`); every later connection must bring the
//! same token.

use std::path::PathBuf;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Where and how to join a shared map: `ws://HOST:PORT/ROOM` plus the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invite {
    /// The server, as `ws://HOST:PORT` (no trailing slash).
    pub server: String,
    /// The room's name: lower-case letters and digits, 8 to 64 chars.
    pub room: String,
    /// The room's token.
    pub token: String,
}

impl Invite {
    /// A new room with a fresh token on `server` (`ws://HOST:PORT`).
    pub fn new(server: &str) -> Invite {
        Invite {
            server: server.trim_end_matches('/').to_owned(),
            room: Rooms::new_token(),
            token: Rooms::new_token(),
        }
    }

    /// The room's address to show and send: `ws://HOST:PORT/ROOM`.
    pub fn url(&self) -> String {
        format!("{}/{}", self.server, self.room)
    }

    /// Reads an address given by [`Invite::url`] and a token. Errors: not a
    /// `ws://HOST:PORT/ROOM` address, or an empty token.
    pub fn parse(url: &str, token: &str) -> Result<Invite, String> {
        let url = url.trim();
        let rest = url
            .strip_prefix("ws://")
            .ok_or("the address must start with ws://")?;
        let (host, room) = rest
            .split_once('/')
            .ok_or("the address must end with /ROOM")?;
        let room = room.trim_end_matches('/');
        if host.is_empty() || !valid_room(room) {
            return Err("the address must look like ws://HOST:PORT/ROOM".to_owned());
        }
        let token = token.trim();
        if token.is_empty()
            || token.len() > 128
            || !token.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err("the token must be letters and digits".to_owned());
        }
        Ok(Invite {
            server: format!("ws://{host}"),
            room: room.to_owned(),
            token: token.to_owned(),
        })
    }

    /// The URL a client connects to, token included.
    pub fn connect_url(&self) -> String {
        format!("{}?token={}", self.url(), self.token)
    }
}

/// Whether `room` is a room name: 8 to 64 lower-case ASCII letters or digits.
pub fn valid_room(room: &str) -> bool {
    (8..=64).contains(&room.len())
        && room
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The server's rooms: the hash of each room's token, kept in its folder.
pub struct Rooms {
    data: PathBuf,
    /// Held while a room's token is read or registered.
    lock: Mutex<()>,
}

impl Rooms {
    /// Rooms kept in `data`.
    pub fn new(data: PathBuf) -> Rooms {
        Rooms {
            data,
            lock: Mutex::new(()),
        }
    }

    /// 16 random bytes in base 32 (26 chars, lower case). Panics never; if
    /// the system has no random source the bytes come from the clock and
    /// the process id (and the token is then guessable: such systems are
    /// not known to run Argmap).
    pub fn new_token() -> String {
        let mut bytes = [0u8; 16];
        if getrandom::fill(&mut bytes).is_err() {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default();
            let seed = Sha256::digest(format!("{now}-{}", std::process::id()));
            bytes.copy_from_slice(&seed[..16]);
        }
        base32(&bytes)
    }

    /// Lets a connection to `room` with `token` in, registering the token
    /// if the room is new. Errors (for the log line and the 401 body): a
    /// malformed room, no token, a wrong token, or the folder unwritable.
    pub fn admit(&self, room: &str, token: Option<&str>) -> Result<(), &'static str> {
        if !valid_room(room) {
            return Err("not a room name");
        }
        let token = token.filter(|t| !t.is_empty()).ok_or("no token")?;
        let hash = format!("{:x}", Sha256::digest(token.as_bytes()));
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let dir = self.data.join(room);
        let file = dir.join("token.sha256");
        match std::fs::read_to_string(&file) {
            Ok(known) if known.trim() == hash => Ok(()),
            Ok(_) => Err("wrong token"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(&dir).map_err(|_| "cannot create the room")?;
                std::fs::write(&file, hash).map_err(|_| "cannot create the room")
            }
            Err(_) => Err("cannot read the room's token"),
        }
    }
}

/// RFC 4648 base 32, lower case, without padding.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invite_reads_back_from_its_url_and_token() {
        let invite = Invite::new("ws://127.0.0.1:9000/");
        assert_eq!(invite.room.len(), 26);
        assert!(valid_room(&invite.room));
        let back = Invite::parse(&invite.url(), &invite.token).unwrap();
        assert_eq!(back, invite);
        assert!(Invite::parse("http://x/abcdefgh", "t").is_err());
        assert!(Invite::parse("ws://x/AB", "t").is_err());
        assert!(Invite::parse(&invite.url(), "").is_err());
    }

    #[test]
    fn the_first_token_of_a_room_is_the_only_one_let_in() {
        let dir = tempfile::tempdir().unwrap();
        let rooms = Rooms::new(dir.path().to_owned());
        assert_eq!(rooms.admit("abcdefgh12", None), Err("no token"));
        assert_eq!(rooms.admit("../etc", Some("x")), Err("not a room name"));
        assert_eq!(rooms.admit("abcdefgh12", Some("secret")), Ok(()));
        assert_eq!(rooms.admit("abcdefgh12", Some("secret")), Ok(()));
        assert_eq!(rooms.admit("abcdefgh12", Some("guess")), Err("wrong token"));
    }

    #[test]
    fn base32_matches_rfc_4648() {
        // RFC 4648 §10 test vectors, lower-cased, padding removed.
        assert_eq!(base32(b"f"), "my");
        assert_eq!(base32(b"fooba"), "mzxw6ytb");
        assert_eq!(base32(b"foobar"), "mzxw6ytboi");
    }
}
