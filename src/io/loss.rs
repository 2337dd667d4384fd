//! Shared by the text exporters: the loss report (what a format could not
//! hold, counted by kind, one warning per kind), the place of nodes that
//! were never positioned, and label shortening.

use std::collections::BTreeMap;

use super::Warning;
use crate::model::{Map, Node, NodeData, Pos};

/// Where a node is drawn: its position, or for unplaced nodes a place in a
/// grid below and right of the origin, by their order (`index`).
pub(crate) fn place_of(node: &Node, index: usize) -> Pos {
    node.pos.unwrap_or_else(|| {
        let col = (index % 20) as f32;
        let row = (index / 20) as f32;
        Pos::new(120.0 + col * 240.0, 60.0 + row * 140.0)
    })
}

/// `text` cut to at most `max` characters with an ellipsis; `None` when it
/// is short enough already.
pub(crate) fn shorten(text: &str, max: usize) -> Option<String> {
    if max == 0 || text.chars().count() <= max {
        return None;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    Some(cut)
}

/// A node's role or kind name: `thesis`, `claim`, … for statements,
/// `support`, `conflict`, `rephrase` (or `undercut`) for inferences.
pub(crate) fn role_or_kind(map: &Map, node: &Node) -> &'static str {
    match &node.data {
        NodeData::Statement(s) => s.role.as_str(),
        NodeData::Inference(_) if map.index_of(&node.id).is_some_and(|ix| map.is_undercut(ix)) => {
            "undercut"
        }
        NodeData::Inference(i) => i.kind.as_str(),
    }
}

/// Fill colour of a node by role or kind, shared by the visual formats.
pub(crate) fn fill_colour(map: &Map, node: &Node) -> &'static str {
    match role_or_kind(map, node) {
        "thesis" => "#FFE08A",
        "premise" => "#DDEBFF",
        "evidence" => "#E3F4E3",
        "note" => "#F2F2F2",
        "support" => "#4CAF50",
        "conflict" | "undercut" => "#E53935",
        "rephrase" => "#9E9E9E",
        _ => "#FFFFFF",
    }
}

/// Counts, for a visual format that shows only text, role and kind, what
/// else of a statement it drops.
pub(crate) fn count_visual_losses(map: &Map, losses: &mut Losses) {
    for node in map.nodes() {
        if let NodeData::Statement(s) = &node.data {
            if !s.evidence.is_empty() {
                losses.add_n("evidence items", s.evidence.len());
            }
            if !s.tags.is_empty() {
                losses.add("statements' tags");
            }
            if !s.notes.is_empty() {
                losses.add("statement notes");
            }
        }
    }
    let sources = map.sources().count();
    if sources > 0 {
        losses.add_n("source documents", sources);
    }
}

/// Counts what an exporter could not write, by what it is.
#[derive(Default)]
pub(crate) struct Losses(BTreeMap<&'static str, usize>);

impl Losses {
    /// One more thing of `what` that was lost.
    pub(crate) fn add(&mut self, what: &'static str) {
        self.add_n(what, 1);
    }

    /// `n` more things of `what` that were lost.
    pub(crate) fn add_n(&mut self, what: &'static str, n: usize) {
        *self.0.entry(what).or_default() += n;
    }

    /// One warning per kind of loss, sorted.
    pub(crate) fn into_warnings(self, format: &str) -> Vec<Warning> {
        self.0
            .into_iter()
            .map(|(what, n)| Warning {
                at: None,
                message: format!("{format} cannot hold {what}: {n} not written"),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Losses;

    #[test]
    fn losses_are_counted_by_kind_and_sorted() {
        let mut l = Losses::default();
        l.add("notes");
        l.add("evidence");
        l.add_n("notes", 2);
        let w = l.into_warnings("DOT");
        let messages: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "DOT cannot hold evidence: 1 not written",
                "DOT cannot hold notes: 3 not written"
            ]
        );
    }
}
