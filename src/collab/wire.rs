//! The Loro sync protocol's messages (crate `loro-protocol` 0.1, the wire
//! format of `loro-websocket-server`) as Argmap sends and receives them:
//! decoding with bounds checks, splitting large updates into fragments and
//! putting received fragments back together.
//!
//! Envelope (protocol.md of loro-dev/protocol): 4-byte CRDT magic
//! (`%LOR`, `%EPH`…), the room id as varString, a one-byte message type,
//! then the message's fields. The published decoder reserves memory for as
//! many updates as a message *claims* to hold, so a 20-byte hostile message
//! could make it ask for terabytes and abort the process; [`decode`] checks
//! such counts against the bytes actually there before decoding.

use loro_protocol::{
    BatchId, BytesReader, BytesWriter, CrdtType, MAX_MESSAGE_SIZE, MessageType, ProtocolMessage,
};

/// The room (inside a shared map's workspace) that holds the map document.
pub const MAP_ROOM: &str = "map";

/// Largest WebSocket message accepted, in bytes: the protocol's own cap
/// (256 KiB, `loro_protocol::MAX_MESSAGE_SIZE`) plus 4 KiB of headroom.
/// Larger updates travel as fragments.
pub const MAX_WIRE_MESSAGE: usize = MAX_MESSAGE_SIZE + 4096;

/// Most fragments one batch may have (each at most [`FRAGMENT_BYTES`]).
pub const MAX_FRAGMENTS: u64 = 256;

/// Largest total size of one fragmented batch, in bytes (32 MiB: the
/// 10,000-statement map's document after 10,000 edits is about 5 MiB).
pub const MAX_BATCH_BYTES: u64 = 32 << 20;

/// Payload bytes per fragment: below [`MAX_WIRE_MESSAGE`] with room for the
/// envelope.
pub const FRAGMENT_BYTES: usize = 240 * 1024;

/// Decodes one binary WebSocket message. Errors (in words, for a log line):
/// too large, malformed, or a count larger than the bytes that follow.
/// Never panics: the decoder runs under `catch_unwind` as a last guard.
pub fn decode(bytes: &[u8]) -> Result<ProtocolMessage, String> {
    if bytes.len() > MAX_WIRE_MESSAGE {
        return Err(format!(
            "message of {} bytes exceeds the limit of {MAX_WIRE_MESSAGE}",
            bytes.len()
        ));
    }
    precheck(bytes)?;
    std::panic::catch_unwind(|| loro_protocol::decode(bytes))
        .unwrap_or_else(|_| Err("the protocol decoder failed".to_owned()))
}

/// Checks what the published decoder trusts: the update count of a
/// `DocUpdate` (each update takes at least one byte) and the fragment
/// bounds of a `DocUpdateFragmentHeader`.
fn precheck(bytes: &[u8]) -> Result<(), String> {
    let mut r = BytesReader::new(bytes);
    r.read_bytes(4)?;
    r.read_var_bytes()?;
    let kind = r.read_byte()?;
    if kind == MessageType::DocUpdate as u8 {
        let count = r.read_uleb128()?;
        if count > r.remaining() as u64 {
            return Err(format!(
                "update count {count} exceeds the {} bytes that follow",
                r.remaining()
            ));
        }
    } else if kind == MessageType::DocUpdateFragmentHeader as u8 {
        r.read_bytes(8)?;
        let count = r.read_uleb128()?;
        let total = r.read_uleb128()?;
        if count == 0 || count > MAX_FRAGMENTS || total > MAX_BATCH_BYTES {
            return Err(format!(
                "fragmented batch of {count} fragments, {total} bytes, exceeds the limits \
                 ({MAX_FRAGMENTS} fragments, {MAX_BATCH_BYTES} bytes)"
            ));
        }
    }
    Ok(())
}

/// Checks that `update` is a Loro export blob (header and checksum), so
/// that garbage never reaches a document. Never panics.
pub fn check_loro_blob(update: &[u8]) -> Result<(), String> {
    std::panic::catch_unwind(|| loro::LoroDoc::decode_import_blob_meta(update, true))
        .map_err(|_| "the Loro decoder failed".to_owned())?
        .map(|_| ())
        .map_err(|e| format!("not a Loro update: {e}"))
}

/// Whether `blob` is a whole-document snapshot (not an update). Never panics.
pub fn is_snapshot(blob: &[u8]) -> bool {
    std::panic::catch_unwind(|| loro::LoroDoc::decode_import_blob_meta(blob, false))
        .ok()
        .and_then(Result::ok)
        .is_some_and(|meta| meta.mode.is_snapshot())
}

/// The messages that carry `update` into `room`: one `DocUpdate`, or a
/// fragment header and fragments when it is larger than [`FRAGMENT_BYTES`].
/// A fragmented batch carries the `DocUpdate` payload (update count, then
/// each update as varBytes), which is what the server reassembles and
/// stores. Errors: the update exceeds [`MAX_BATCH_BYTES`].
pub fn encode_update(
    crdt: CrdtType,
    room: &str,
    update: Vec<u8>,
    batch: BatchId,
) -> Result<Vec<Vec<u8>>, String> {
    if update.len() <= FRAGMENT_BYTES {
        let msg = ProtocolMessage::DocUpdate {
            crdt,
            room_id: room.to_owned(),
            updates: vec![update],
        };
        return loro_protocol::encode(&msg).map(|m| vec![m]);
    }
    let mut payload = BytesWriter::new();
    payload.push_uleb128(1);
    payload.push_var_bytes(&update);
    let payload = payload.finalize();
    if payload.len() as u64 > MAX_BATCH_BYTES {
        return Err(format!(
            "an update of {} bytes exceeds the limit of {MAX_BATCH_BYTES}",
            update.len()
        ));
    }
    let chunks: Vec<&[u8]> = payload.chunks(FRAGMENT_BYTES).collect();
    let mut out = Vec::with_capacity(chunks.len() + 1);
    out.push(loro_protocol::encode(
        &ProtocolMessage::DocUpdateFragmentHeader {
            crdt,
            room_id: room.to_owned(),
            batch_id: batch,
            fragment_count: chunks.len() as u64,
            total_size_bytes: payload.len() as u64,
        },
    )?);
    for (index, chunk) in chunks.into_iter().enumerate() {
        out.push(loro_protocol::encode(
            &ProtocolMessage::DocUpdateFragment {
                crdt,
                room_id: room.to_owned(),
                batch_id: batch,
                index: index as u64,
                fragment: chunk.to_vec(),
            },
        )?);
    }
    Ok(out)
}

/// One fragmented batch being received.
#[derive(Debug)]
struct Batch {
    id: BatchId,
    total: usize,
    chunks: Vec<Option<Vec<u8>>>,
}

/// Puts fragmented batches back together (at most 4 at once; a fifth
/// drops the oldest). Bounds come from [`decode`], which refused headers
/// over the limits.
#[derive(Debug, Default)]
pub struct Reassembly {
    batches: Vec<Batch>,
}

impl Reassembly {
    /// Starts a batch announced by a fragment header.
    pub fn start(&mut self, id: BatchId, count: u64, total: u64) {
        self.batches.retain(|b| b.id != id);
        if self.batches.len() >= 4 {
            self.batches.remove(0);
        }
        let count = count.min(MAX_FRAGMENTS) as usize;
        self.batches.push(Batch {
            id,
            total: total.min(MAX_BATCH_BYTES) as usize,
            chunks: vec![None; count],
        });
    }

    /// Adds a fragment; gives the batch's updates once all fragments are
    /// in. Errors: the batch is unknown, the index out of range, or the
    /// reassembled payload malformed or of another size than announced.
    pub fn add(
        &mut self,
        id: BatchId,
        index: u64,
        fragment: Vec<u8>,
    ) -> Result<Option<Vec<Vec<u8>>>, String> {
        let pos = self
            .batches
            .iter()
            .position(|b| b.id == id)
            .ok_or("fragment of an unknown batch")?;
        let batch = &mut self.batches[pos];
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| batch.chunks.get_mut(i))
            .ok_or("fragment index out of range")?;
        *slot = Some(fragment);
        if batch.chunks.iter().any(Option::is_none) {
            return Ok(None);
        }
        let batch = self.batches.remove(pos);
        let payload: Vec<u8> = batch.chunks.into_iter().flatten().flatten().collect();
        if payload.len() != batch.total {
            return Err(format!(
                "batch of {} bytes announced as {}",
                payload.len(),
                batch.total
            ));
        }
        parse_payload(&payload).map(Some)
    }
}

/// Reads a `DocUpdate` payload: a count, then each update as varBytes.
fn parse_payload(buf: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut r = BytesReader::new(buf);
    let count = r.read_uleb128()?;
    if count > r.remaining() as u64 {
        return Err("update count exceeds the payload".to_owned());
    }
    let mut out = Vec::new();
    for _ in 0..count {
        out.push(r.read_var_bytes()?.to_vec());
    }
    if r.remaining() != 0 {
        return Err("trailing bytes after the updates".to_owned());
    }
    Ok(out)
}

/// Eight random bytes (a batch id), or zeros if the system has no random
/// source.
pub fn random_batch_id() -> BatchId {
    let mut id = [0u8; 8];
    let _ = getrandom::fill(&mut id);
    BatchId(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claimed_huge_update_count_is_refused_before_decoding() {
        let mut w = BytesWriter::new();
        w.push_bytes(b"%LOR");
        w.push_var_string(MAP_ROOM);
        w.push_byte(MessageType::DocUpdate as u8);
        w.push_uleb128(1 << 40);
        let err = decode(&w.finalize()).unwrap_err();
        assert!(err.contains("exceeds"), "{err}");
    }

    #[test]
    fn oversized_and_garbage_messages_are_errors() {
        assert!(decode(&vec![0u8; MAX_WIRE_MESSAGE + 1]).is_err());
        assert!(decode(b"\xff\xfe garbage").is_err());
        assert!(decode(&[]).is_err());
        assert!(check_loro_blob(b"not a loro blob at all").is_err());
    }

    #[test]
    fn a_large_update_goes_in_fragments_and_comes_back_whole() {
        let update: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        let batch = BatchId([7; 8]);
        let msgs = encode_update(CrdtType::Loro, MAP_ROOM, update.clone(), batch).unwrap();
        assert_eq!(msgs.len(), 4, "a header and three fragments");
        let mut re = Reassembly::default();
        let mut got = None;
        for m in msgs {
            assert!(m.len() <= MAX_WIRE_MESSAGE);
            match decode(&m).unwrap() {
                ProtocolMessage::DocUpdateFragmentHeader {
                    batch_id,
                    fragment_count,
                    total_size_bytes,
                    ..
                } => re.start(batch_id, fragment_count, total_size_bytes),
                ProtocolMessage::DocUpdateFragment {
                    batch_id,
                    index,
                    fragment,
                    ..
                } => got = re.add(batch_id, index, fragment).unwrap(),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(got, Some(vec![update]));
    }

    #[test]
    fn a_small_update_is_one_message() {
        let msgs = encode_update(CrdtType::Loro, MAP_ROOM, vec![1, 2, 3], BatchId([0; 8])).unwrap();
        assert_eq!(msgs.len(), 1);
        match decode(&msgs[0]).unwrap() {
            ProtocolMessage::DocUpdate { updates, .. } => assert_eq!(updates, vec![vec![1, 2, 3]]),
            other => panic!("unexpected {other:?}"),
        }
    }
}
