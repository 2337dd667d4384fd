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
/// else of a statement (and of an inference's imported data) it drops.
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
        if let NodeData::Inference(i) = &node.data
            && !i.data.is_empty()
        {
            losses.add("imported inference data (such as Argdown's logic)");
        }
    }
    let sources = map.sources().count();
    if sources > 0 {
        losses.add_n("source documents", sources);
    }
}

/// A statement's label in a diagram format: its title and its text on the
/// next line when it has a title (so neither is lost), else its text.
pub(crate) fn diagram_label(s: &crate::model::Statement) -> String {
    if s.title.trim().is_empty() {
        s.text.clone()
    } else if s.text.trim().is_empty() {
        s.title.clone()
    } else {
        format!("{}\n{}", s.title, s.text)
    }
}

/// Ids of the statements and inferences whose title, text or description
/// holds a character `bad` picks (in natural id order).
pub(crate) fn nodes_with(map: &Map, bad: impl Fn(char) -> bool) -> Vec<String> {
    map.nodes_sorted()
        .into_iter()
        .filter(|n| {
            let texts: [&str; 2] = match &n.data {
                NodeData::Statement(s) => [&s.title, &s.text],
                NodeData::Inference(i) => [&i.title, &i.description],
            };
            texts.iter().any(|t| t.chars().any(&bad))
        })
        .map(|n| n.id.clone())
        .collect()
}

/// Control characters other than line breaks and tabs: DOT and Mermaid
/// labels cannot show them (they become spaces).
pub(crate) fn is_label_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Characters XML 1.0 cannot hold at all (section 2.2): C0 controls other
/// than tab, line feed and carriage return, and U+FFFE, U+FFFF.
pub(crate) fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The warning that `format` changed control characters (`fate`: "replaced
/// by spaces", "dropped"…) in the nodes `ids`, naming up to ten of them;
/// `None` when `ids` is empty.
pub(crate) fn control_warning(format: &str, fate: &str, ids: &[String]) -> Option<Warning> {
    if ids.is_empty() {
        return None;
    }
    let shown: Vec<&str> = ids.iter().take(10).map(String::as_str).collect();
    let more = if ids.len() > 10 {
        format!(" and {} more", ids.len() - 10)
    } else {
        String::new()
    };
    Some(Warning {
        at: None,
        message: format!(
            "{format} cannot hold control characters: {fate} in {} node{} ({}{more})",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            shown.join(", ")
        ),
    })
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
