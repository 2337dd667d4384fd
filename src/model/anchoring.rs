//! Re-finding quote anchors when a source's text changes.
//!
//! An [`Anchor`] carries a W3C Web Annotation text-position selector
//! (`start`, `end`) and a text-quote selector (`exact`, `prefix`, `suffix`).
//! [`reanchor`] tries, in this order:
//!
//! 1. **Position**: the text at `start..end` is still `exact` →
//!    [`Reanchored::Unchanged`].
//! 2. **Quote**: `exact` occurs in the new text → [`Reanchored::Moved`]. When
//!    it occurs several times, each occurrence is scored by how many
//!    characters of `prefix` (read backwards from the quote) and of `suffix`
//!    (read forwards) match around it; the highest score wins and the
//!    occurrence nearest to the old `start` breaks ties.
//! 3. **Fuzzy**: the substring of the new text with the smallest edit
//!    distance to `exact` (Myers' bit-parallel approximate search, so a
//!    50 KB source costs about a millisecond per anchor) is accepted when its
//!    similarity `1 - distance / exact length` is at least
//!    [`FUZZY_THRESHOLD`] → [`Reanchored::Fuzzy`]. Among equally good spans the
//!    one nearest the old position wins.
//! 4. Otherwise → [`Reanchored::Orphaned`]: the caller keeps the quote text
//!    and marks the anchor orphaned. An anchor is never dropped, and never
//!    moved to a place that fails these tests.
//!
//! All offsets are Unicode scalar (`char`) offsets, never bytes.
//!
//! Steps 2 and 3 only accept a place that its surroundings confirm (a quarter
//! of the stored prefix or suffix matches there), unless the quote is at least
//! [`SELF_IDENTIFYING_CHARS`] long. So when a short quote such as
//! "confidence" is deleted, it becomes orphaned rather than jumping to
//! another use of the word.
//!
//! Known limit: a long quote that appeared twice and lost the copy it was
//! anchored to, together with all the context around it, moves to the
//! remaining copy.

use std::collections::HashMap;

use super::{Anchor, Map, Node};

/// The least similarity (`1 - edit distance / quote length`) a fuzzy match
/// needs: 0.85 allows about one changed character in seven.
pub const FUZZY_THRESHOLD: f64 = 0.85;

/// Where an anchor lies in a changed text.
#[derive(Clone, Debug, PartialEq)]
pub enum Reanchored {
    /// The old offsets still hold the quote.
    Unchanged,
    /// The exact quote was found at new offsets.
    Moved {
        /// New start (char offset).
        start: usize,
        /// New end (char offset, exclusive).
        end: usize,
    },
    /// A close but not identical span was found.
    Fuzzy {
        /// Start of the span (char offset).
        start: usize,
        /// End of the span (char offset, exclusive).
        end: usize,
        /// Its similarity to the old quote, from [`FUZZY_THRESHOLD`] to 1.
        score: f64,
    },
    /// Nothing close enough: the anchor must be marked orphaned.
    Orphaned,
}

/// Re-finds `anchor` in `new_text` (see the module documentation for the
/// order of attempts). An anchor already marked orphaned is never
/// `Unchanged`: when its quote is found it comes back as `Moved`, so the
/// caller clears the flag.
pub fn reanchor(anchor: &Anchor, new_text: &str) -> Reanchored {
    reanchor_in(anchor, &Haystack::new(new_text))
}

/// A text split into chars, with an index of its 4-char grams built the
/// first time a fuzzy search needs it, so that several anchors share it.
struct Haystack {
    chars: Vec<char>,
    grams: std::cell::OnceCell<HashMap<[char; GRAM], Vec<usize>>>,
}

/// The length of the grams that [`Haystack`] indexes.
const GRAM: usize = 4;

impl Haystack {
    fn new(text: &str) -> Haystack {
        Haystack {
            chars: text.chars().collect(),
            grams: std::cell::OnceCell::new(),
        }
    }

    /// Where `piece` (at least [`GRAM`] chars) occurs.
    fn find(&self, piece: &[char]) -> Vec<usize> {
        let grams = self.grams.get_or_init(|| {
            let mut index: HashMap<[char; GRAM], Vec<usize>> = HashMap::new();
            for (i, w) in self.chars.windows(GRAM).enumerate() {
                index
                    .entry(w.try_into().expect("windows of GRAM"))
                    .or_default()
                    .push(i);
            }
            index
        });
        let key: [char; GRAM] = piece[..GRAM].try_into().expect("piece of GRAM or more");
        grams.get(&key).map_or_else(Vec::new, |hits| {
            hits.iter()
                .copied()
                .filter(|&h| self.chars[h..].starts_with(piece))
                .collect()
        })
    }
}

/// [`reanchor`] on a prepared text.
fn reanchor_in(anchor: &Anchor, hay: &Haystack) -> Reanchored {
    let text = &hay.chars[..];
    let exact: Vec<char> = anchor.exact.chars().collect();
    if !anchor.orphaned
        && anchor.start <= anchor.end
        && anchor.end <= text.len()
        && text[anchor.start..anchor.end] == exact[..]
    {
        return Reanchored::Unchanged;
    }
    if exact.is_empty() {
        return Reanchored::Orphaned;
    }
    if let Some(start) = best_exact(anchor, &exact, text) {
        return Reanchored::Moved {
            start,
            end: start + exact.len(),
        };
    }
    match fuzzy(anchor, &exact, hay) {
        Some((start, end, score)) => Reanchored::Fuzzy { start, end, score },
        None => Reanchored::Orphaned,
    }
}

/// Quotes at least this long (in chars) identify themselves: they may be
/// re-found even where none of their old context survives. Shorter ones
/// need context (see [`Context::confirms`]).
pub const SELF_IDENTIFYING_CHARS: usize = 32;

/// An anchor's stored prefix and suffix, for judging candidate spans.
struct Context {
    prefix: Vec<char>,
    suffix: Vec<char>,
}

impl Context {
    fn of(anchor: &Anchor) -> Context {
        Context {
            prefix: anchor.prefix.chars().collect(),
            suffix: anchor.suffix.chars().collect(),
        }
    }

    /// How many chars of prefix (backwards) and suffix (forwards) match
    /// around `start..end` of `text`.
    fn matched(&self, text: &[char], start: usize, end: usize) -> (usize, usize) {
        let before = self
            .prefix
            .iter()
            .rev()
            .zip(text[..start].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let after = self
            .suffix
            .iter()
            .zip(&text[end..])
            .take_while(|(a, b)| a == b)
            .count();
        (before, after)
    }

    /// Whether the surroundings of `start..end` confirm the place: at least
    /// a quarter of the stored prefix or of the stored suffix (8 of 32
    /// chars) matches there. An empty prefix (the quote began the text) is
    /// matched by a place at the start of the text, an empty suffix by one
    /// at its end.
    fn confirms(&self, text: &[char], start: usize, end: usize) -> bool {
        let (before, after) = self.matched(text, start, end);
        let prefix_ok = if self.prefix.is_empty() {
            start == 0
        } else {
            4 * before >= self.prefix.len()
        };
        let suffix_ok = if self.suffix.is_empty() {
            end == text.len()
        } else {
            4 * after >= self.suffix.len()
        };
        prefix_ok || suffix_ok
    }
}

/// The start of the occurrence of `exact` whose surroundings best match the
/// anchor's prefix and suffix; ties go to the one nearest the old start.
/// `None` when there is none, or when the best one is a short quote that
/// its context does not confirm.
fn best_exact(anchor: &Anchor, exact: &[char], text: &[char]) -> Option<usize> {
    if text.len() < exact.len() {
        return None;
    }
    let context = Context::of(anchor);
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    let first = exact[0];
    for start in 0..=text.len() - exact.len() {
        if text[start] != first || text[start..start + exact.len()] != *exact {
            continue;
        }
        let (before, after) = context.matched(text, start, start + exact.len());
        let score = before + after;
        let distance = start.abs_diff(anchor.start);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    let (_, _, start) = best?;
    (exact.len() >= SELF_IDENTIFYING_CHARS || context.confirms(text, start, start + exact.len()))
        .then_some(start)
}

/// The span of `text` closest to the anchor's quote by edit distance, with
/// its similarity, if that reaches [`FUZZY_THRESHOLD`]. Candidates are
/// ranked by whether their context confirms them, then by distance, then
/// by nearness to the old position; a short quote must be confirmed.
fn fuzzy(anchor: &Anchor, pattern: &[char], hay: &Haystack) -> Option<(usize, usize, f64)> {
    let text = &hay.chars[..];
    let m = pattern.len();
    let max_errors = ((1.0 - FUZZY_THRESHOLD) * m as f64).floor() as usize;
    if max_errors == 0 || text.is_empty() {
        return None;
    }
    let context = Context::of(anchor);
    let ends = candidate_ends(pattern, hay, max_errors);
    // (unconfirmed, distance, nearness, start, end)
    let mut best: Option<(bool, usize, usize, usize, usize)> = None;
    for (j, &d) in ends.iter().enumerate() {
        // Only local minima: the ends around a match cost more.
        let left = j.checked_sub(1).map_or(usize::MAX, |i| ends[i]);
        let right = ends.get(j + 1).copied().unwrap_or(usize::MAX);
        if d > max_errors || d > left || d > right {
            continue;
        }
        let Some(len) = match_length(pattern, &text[..=j], d) else {
            continue;
        };
        let (start, end) = (j + 1 - len, j + 1);
        let key = (
            !context.confirms(text, start, end),
            d,
            start.abs_diff(anchor.start),
            start,
            end,
        );
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    let (unconfirmed, d, _, start, end) = best?;
    if unconfirmed && m < SELF_IDENTIFYING_CHARS {
        return None;
    }
    Some((start, end, 1.0 - d as f64 / m as f64))
}

/// For every position `j` of the text, the least edit distance between
/// `pattern` and a substring ending at `j`, where that can be at most
/// `max_errors`; `usize::MAX` where it surely cannot.
///
/// Filter first: split into `max_errors + 1` pieces, a match with at most
/// `max_errors` edits contains one piece unchanged (pigeonhole), so only
/// windows around the pieces' exact occurrences are searched.
fn candidate_ends(pattern: &[char], hay: &Haystack, max_errors: usize) -> Vec<usize> {
    let (m, n) = (pattern.len(), hay.chars.len());
    let piece_len = m / (max_errors + 1);
    if piece_len < GRAM {
        return match_ends(pattern, &hay.chars);
    }
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for p in 0..=max_errors {
        let off = p * piece_len;
        for hit in hay.find(&pattern[off..off + piece_len]) {
            let start = hit.saturating_sub(off + max_errors);
            let end = (hit + (m - off) + max_errors).min(n);
            windows.push((start, end));
        }
    }
    windows.sort_unstable();
    let mut ends = vec![usize::MAX; n];
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in windows {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    for (s, e) in merged {
        for (i, d) in match_ends(pattern, &hay.chars[s..e])
            .into_iter()
            .enumerate()
        {
            ends[s + i] = ends[s + i].min(d);
        }
    }
    ends
}

/// For every position `j` of `text`, the least edit distance between
/// `pattern` and a substring of `text` ending at `j` (Myers 1999, with
/// Hyyrö's blocks for patterns longer than 64 chars).
fn match_ends(pattern: &[char], text: &[char]) -> Vec<usize> {
    let m = pattern.len();
    let blocks = m.div_ceil(64);
    // Match masks: a flat table for ASCII, a hash map for the rest.
    let mut ascii = vec![0u64; 128 * blocks];
    let mut other: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1 << (i % 64);
        if c.is_ascii() {
            ascii[c as usize * blocks + i / 64] |= bit;
        } else {
            other.entry(c).or_insert_with(|| vec![0; blocks])[i / 64] |= bit;
        }
    }
    let zero = vec![0u64; blocks];
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut score = m;
    let mut out = Vec::with_capacity(text.len());
    for c in text {
        let eq_all = if c.is_ascii() {
            &ascii[*c as usize * blocks..(*c as usize + 1) * blocks]
        } else {
            other.get(c).map_or(&zero[..], |v| &v[..])
        };
        // Each column starts afresh (a match may begin anywhere): hin = 0.
        let mut hin: i8 = 0;
        for b in 0..blocks {
            let high = if b + 1 == blocks { last_bit } else { 1 << 63 };
            let mut eq = eq_all[b];
            let (p, n) = (pv[b], mv[b]);
            let xv = eq | n;
            if hin < 0 {
                eq |= 1;
            }
            let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            let hout: i8 = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            hin = hout;
        }
        score = score.saturating_add_signed(hin as isize);
        out.push(score);
    }
    out
}

/// How many chars at the end of `text` align with `pattern` at edit
/// distance `distance`, preferring the length closest to the pattern's.
fn match_length(pattern: &[char], text: &[char], distance: usize) -> Option<usize> {
    let m = pattern.len();
    let window = (m + distance).min(text.len());
    // Align the reversed pattern with the reversed window, anchored at the
    // window's end (index 0 after reversing), free at its other end.
    let rt: Vec<char> = text[text.len() - window..].iter().rev().copied().collect();
    let rp: Vec<char> = pattern.iter().rev().copied().collect();
    let mut prev: Vec<usize> = (0..=window).collect();
    for i in 1..=m {
        let mut cur = vec![i; window + 1];
        for t in 1..=window {
            let sub = prev[t - 1] + usize::from(rp[i - 1] != rt[t - 1]);
            cur[t] = sub.min(prev[t] + 1).min(cur[t - 1] + 1);
        }
        prev = cur;
    }
    (1..=window)
        .filter(|&t| prev[t] == distance)
        .min_by_key(|&t| t.abs_diff(m))
}

/// New anchors for every evidence item quoting source `source_id`, as they
/// should be once its text becomes `new_text`: in the map's id order, one
/// per anchored item, each with prefix and suffix taken from the new text.
/// Fuzzy matches take the new span's text as `exact`; orphans keep their
/// old offsets and quote and get `orphaned: true`.
pub fn reanchor_all(map: &Map, source_id: &str, new_text: &str) -> Vec<(String, Anchor)> {
    let hay = Haystack::new(new_text);
    let mut out = Vec::new();
    for st in map
        .nodes_sorted()
        .into_iter()
        .filter_map(Node::as_statement)
    {
        for ev in &st.evidence {
            let Some(old) = ev.anchor.as_ref().filter(|a| a.source == source_id) else {
                continue;
            };
            let span = match reanchor_in(old, &hay) {
                Reanchored::Unchanged => Some((old.start, old.end)),
                Reanchored::Moved { start, end } | Reanchored::Fuzzy { start, end, .. } => {
                    Some((start, end))
                }
                Reanchored::Orphaned => None,
            };
            let anchor = span
                .and_then(|(s, e)| Anchor::from_range(source_id, new_text, s, e))
                .unwrap_or_else(|| Anchor {
                    orphaned: true,
                    ..old.clone()
                });
            out.push((ev.id.clone(), anchor));
        }
    }
    out
}

#[cfg(test)]
#[path = "anchoring_tests.rs"]
mod tests;
