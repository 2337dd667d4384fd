//! Stable string identifiers: validation, natural ordering and allocation.
//!
//! Every statement, inference, evidence item and source has an id that is
//! unique within its map (one namespace for all of them), survives save and
//! load, and is never handed out twice by the same map.

use std::cmp::Ordering;

/// Longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

/// Checks that `id` is 1–64 characters of `[A-Za-z0-9_.:-]`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

/// Compares ids in natural order, so that `s2` sorts before `s10`.
///
/// Runs of ASCII digits compare by numeric value; everything else compares
/// byte by byte. Ties (such as `s01` and `s1`) fall back to plain string
/// order, so the order is total and deterministic.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < ab.len() && j < bb.len() {
        if ab[i].is_ascii_digit() && bb[j].is_ascii_digit() {
            let si = i;
            while i < ab.len() && ab[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < bb.len() && bb[j].is_ascii_digit() {
                j += 1;
            }
            let na = trim_zeros(&ab[si..i]);
            let nb = trim_zeros(&bb[sj..j]);
            let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if ord != Ordering::Equal {
                return ord;
            }
        } else {
            let ord = ab[i].cmp(&bb[j]);
            if ord != Ordering::Equal {
                return ord;
            }
            i += 1;
            j += 1;
        }
    }
    (ab.len() - i).cmp(&(bb.len() - j)).then_with(|| a.cmp(b))
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let first = digits
        .iter()
        .position(|&d| d != b'0')
        .unwrap_or(digits.len());
    &digits[first..]
}

/// The kinds of things a map names, each with the prefix of its generated ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// A statement: `s<N>`.
    Statement,
    /// An inference node: `i<N>`.
    Inference,
    /// An evidence item: `e<N>`.
    Evidence,
    /// A source document: `src<N>`.
    Source,
}

impl IdKind {
    /// The prefix of ids generated for this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Statement => "s",
            IdKind::Inference => "i",
            IdKind::Evidence => "e",
            IdKind::Source => "src",
        }
    }
}

/// The number in a generated-looking id (`s12` → 12), used to start the
/// allocator past every id already in a file that carries no counter.
pub fn numeric_suffix(id: &str) -> Option<u64> {
    let digits_at = id.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = id.split_at(digits_at);
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ids() {
        assert!(is_valid_id("s1"));
        assert!(is_valid_id("track-political.2:a_b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("has space"));
        assert!(!is_valid_id("ü"));
        assert!(!is_valid_id(&"x".repeat(65)));
    }

    #[test]
    fn natural_order() {
        let mut ids = vec!["s10", "s2", "i1", "s1", "s01", "thesis", "s2a"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, vec!["i1", "s01", "s1", "s2", "s2a", "s10", "thesis"]);
    }

    #[test]
    fn suffixes() {
        assert_eq!(numeric_suffix("s12"), Some(12));
        assert_eq!(numeric_suffix("src3"), Some(3));
        assert_eq!(numeric_suffix("thesis"), None);
        assert_eq!(numeric_suffix("12"), None);
        assert_eq!(numeric_suffix("s1-2"), None);
    }
}
