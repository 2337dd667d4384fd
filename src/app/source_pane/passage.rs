//! Turning a passage selected in the source pane into map content: a new
//! statement, reason or objection quoting it, or evidence of the selected
//! statement. Each is one undoable command, and new boxes go to a free
//! spot near what the user is looking at, never on top of other boxes.

use crate::app::ArgmapApp;
use crate::model::{Anchor, Basis, Evidence, InferenceKind, Map, Pos, Statement};
use crate::ops::Command;
use crate::scene::{self, TextMeasurer, free_spot_near};

/// `start..end` (chars of `text`) without the white space at either end,
/// which a mouse selection easily picks up; `None` when nothing else is left.
pub fn trim_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    (lead < chars.len()).then(|| (start + lead, start + chars.len() - trail))
}

/// A quote of `start..end` of source `source_id`, as evidence; white space
/// at either end of the passage is left out of the quote.
pub fn quote_evidence(map: &Map, source_id: &str, start: usize, end: usize) -> Option<Evidence> {
    let source = map.source(source_id)?;
    let (start, end) = trim_range(&source.text, start, end)?;
    let anchor = Anchor::from_range(source_id, &source.text, start, end)?;
    Some(Evidence {
        basis: Basis::Quote,
        text: anchor.exact.clone(),
        anchor: Some(anchor),
        ..Evidence::default()
    })
}

/// What the user can do with a selected passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FromPassage {
    /// A new statement whose text is the passage, quoted as its evidence.
    Statement,
    /// The passage as evidence of the selected statement.
    Evidence,
    /// A new reason for the selected node, quoting the passage.
    Reason,
    /// A new objection to the selected node, quoting the passage.
    Objection,
}

/// The boxes and connectors already on the canvas, as the scene draws them
/// (nodes without a stored position at their fallback place).
pub fn occupied_rects(map: &Map, measurer: &TextMeasurer) -> Vec<scene::Rect> {
    scene::fallback_positions(map, measurer, scene::DEFAULT_BOX_WIDTH)
        .into_iter()
        .map(|(ix, p)| {
            let size = measurer.node_size(map, ix, scene::DEFAULT_BOX_WIDTH);
            scene::Rect::from_center_size(p, size)
        })
        .collect()
}

/// Where a new statement goes: a free spot next to the selected node when
/// that is in view, else near the middle of the view; inside the view when
/// there is room there.
pub fn spot_for_new_statement(
    map: &Map,
    measurer: &TextMeasurer,
    statement: &Statement,
    selected: Option<&str>,
    view: scene::Rect,
) -> Pos {
    let occupied = occupied_rects(map, measurer);
    let size = measurer.box_size(statement);
    let inset = (view.width() * 0.05).min(40.0);
    let within = scene::Rect {
        min: Pos::new(view.min.x + inset, view.min.y + inset),
        max: Pos::new(view.max.x - inset, view.max.y - inset),
    };
    let beside_selection = selected
        .and_then(|id| map.node(id)?.pos)
        .filter(|p| view.contains(*p));
    let near = beside_selection.unwrap_or_else(|| view.center());
    free_spot_near(&occupied, size, near, Some(within))
}

impl ArgmapApp {
    /// Turns the passage selected in the source pane into map content, as
    /// one undoable command.
    pub fn from_passage(&mut self, what: FromPassage) {
        let Some(super::SourcePassage { source, start, end }) = self.source_pane.selection.clone()
        else {
            self.status = "Select a passage in the source pane first".into();
            return;
        };
        let Some(evidence) = quote_evidence(&self.doc.map, &source, start, end) else {
            return;
        };
        let text = evidence
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let measurer = self.canvas.measurer();
        let view = {
            let v = self.canvas.view;
            scene::Rect {
                min: Pos::new(v.min.x, v.min.y),
                max: Pos::new(v.max.x, v.max.y),
            }
        };
        match what {
            FromPassage::Evidence => {
                let Some(target) = self
                    .selection
                    .statements(&self.doc.map)
                    .last()
                    .map(str::to_owned)
                else {
                    self.status = "Select the statement to attach the passage to".into();
                    return;
                };
                self.apply(
                    Command::AddEvidence {
                        statement: target,
                        index: None,
                        evidence,
                    },
                    None,
                );
            }
            FromPassage::Statement => {
                let statement = Statement {
                    text,
                    evidence: vec![evidence],
                    ..Statement::default()
                };
                let at = spot_for_new_statement(
                    &self.doc.map,
                    &measurer,
                    &statement,
                    self.selection.primary(),
                    view,
                );
                let mut edit = crate::app::editing::new_statement(&mut self.doc.map, at);
                if let Command::AddStatement { statement: st, .. } = &mut edit.command {
                    *st = statement;
                }
                self.apply_edit(Some(edit), "New statement from selection");
            }
            FromPassage::Reason | FromPassage::Objection => {
                let kind = if what == FromPassage::Reason {
                    InferenceKind::Support
                } else {
                    InferenceKind::Conflict
                };
                let occupied = occupied_rects(&self.doc.map, &measurer);
                let edit =
                    crate::app::editing::add_child(&mut self.doc.map, &self.selection, kind, &text)
                        .map(|mut e| {
                            if let Command::Batch(cmds) = &mut e.command {
                                quote_and_place_child(cmds, evidence.clone(), &measurer, &occupied);
                            }
                            e
                        });
                let what = if kind == InferenceKind::Support {
                    "New reason from selection"
                } else {
                    "New objection from selection"
                };
                self.apply_edit(edit, what);
            }
        }
    }
}

/// Gives the new child statement of an `add_child` batch its quote, and
/// moves it (and its connector, halfway to the parent) off any box its
/// longer text would now cover.
fn quote_and_place_child(
    cmds: &mut Vec<Command>,
    evidence: Evidence,
    measurer: &TextMeasurer,
    occupied: &[scene::Rect],
) {
    if let Some(Command::AddStatement { statement, .. }) = cmds.first_mut() {
        statement.evidence = vec![evidence];
    }
    let mut batch = Command::Batch(std::mem::take(cmds));
    crate::app::editing::place_clear_of(&mut batch, measurer, occupied);
    if let Command::Batch(placed) = batch {
        *cmds = placed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::char_slice;

    #[test]
    fn quote_evidence_copies_the_passage() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let s = super::super::spans(&map, "letter");
        let ev = quote_evidence(&map, "letter", s[0].start, s[0].end).unwrap();
        assert_eq!(
            ev.anchor.unwrap().exact,
            char_slice(&map.source("letter").unwrap().text, s[0].start, s[0].end).unwrap()
        );
        assert_eq!(ev.basis, Basis::Quote);
    }

    #[test]
    fn selections_lose_white_space_at_the_ends() {
        let text = "Caf\u{e9} au lait.  \u{20ac}38,000 a year. ";
        // "  €38,000 a year. " with the spaces around it.
        let (a, b) = trim_range(text, 13, 31).unwrap();
        assert_eq!(char_slice(text, a, b), Some("\u{20ac}38,000 a year."));
        assert_eq!(trim_range(text, 13, 15), None);
        assert_eq!(trim_range(text, 0, 4), Some((0, 4)));
    }

    #[test]
    fn a_new_statement_lands_in_view_on_no_other_box() {
        let map = crate::bundled::EXAMPLE.load().unwrap().map;
        let measurer = TextMeasurer::new();
        let occupied = occupied_rects(&map, &measurer);
        let statement = Statement::new(
            "A long quoted passage that wraps over several lines of the new box, \
             so the box is taller than a one-line statement would be.",
        );
        let size = measurer.box_size(&statement);
        // A view over the map's middle, centred on a box.
        let centre = occupied[0].center();
        let view = scene::Rect::from_center_size(centre, (1200.0, 800.0));
        for selected in [None, map.nodes_sorted().first().map(|n| n.id.as_str())] {
            let p = spot_for_new_statement(&map, &measurer, &statement, selected, view);
            let r = scene::Rect::from_center_size(p, size);
            assert!(occupied.iter().all(|o| !o.intersects(&r)), "{p:?}");
            assert!(view.contains(r.min) && view.contains(r.max), "{p:?}");
        }
    }
}
