//! Auto-layout with real box sizes: the layout engine ([`crate::layout`])
//! fed with the sizes the scene measures with egui's fonts, turned into one
//! undoable command. Used by the app's Auto-layout action and `argmap layout`.

use crate::layout::{self, LayoutOptions, NodeSizes};
use crate::model::{Map, NodeData, NodeIx};
use crate::ops::{Command, Placement};
use crate::scene::{CONNECTOR_RADIUS, TextMeasurer};

/// Box sizes measured the way the scene draws them.
pub struct MeasuredSizes<'a> {
    map: &'a Map,
    measurer: &'a TextMeasurer,
}

impl<'a> MeasuredSizes<'a> {
    /// Sizes of `map`'s boxes, measured with `measurer`.
    pub fn new(map: &'a Map, measurer: &'a TextMeasurer) -> Self {
        MeasuredSizes { map, measurer }
    }
}

impl NodeSizes for MeasuredSizes<'_> {
    fn size(&self, ix: NodeIx) -> (f32, f32) {
        match self.map.node_at(ix).map(|n| &n.data) {
            Some(NodeData::Statement(st)) => self.measurer.box_size(st),
            _ => (CONNECTOR_RADIUS * 2.0, CONNECTOR_RADIUS * 2.0),
        }
    }
}

/// The command that lays `map` out. Pinned nodes stay where they are,
/// unless `everything` is set: then every node is placed afresh and unpinned.
pub fn relayout(
    map: &Map,
    measurer: &TextMeasurer,
    options: &LayoutOptions,
    everything: bool,
) -> Command {
    if !everything {
        let result = layout::layout(map, &MeasuredSizes::new(map, measurer), options);
        return layout::apply_command(map, &result);
    }
    let mut free = map.clone();
    let ids: Vec<String> = free.nodes().map(|n| n.id.clone()).collect();
    for id in &ids {
        let pos = free.node(id).and_then(|n| n.pos);
        let _ = free.set_placement(id, pos, false);
    }
    let result = layout::layout(&free, &MeasuredSizes::new(&free, measurer), options);
    let mut placements: Vec<Placement> = result
        .positions
        .iter()
        .filter_map(|&(ix, pos)| {
            let node = map.node_at(ix)?;
            (node.pos != Some(pos) || node.pinned).then(|| Placement {
                id: node.id.clone(),
                pos: Some(pos),
                pinned: false,
            })
        })
        .collect();
    placements.sort_by(|a, b| crate::model::ids::natural_cmp(&a.id, &b.id));
    Command::Place(placements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relayout_of_everything_unpins_and_undoes() {
        let mut map = crate::bundled::EXAMPLE.load().unwrap().map;
        let before = map.clone();
        let measurer = TextMeasurer::new();
        let cmd = relayout(&map, &measurer, &LayoutOptions::default(), true);
        let applied = crate::ops::apply(&mut map, cmd).unwrap();
        assert!(map.nodes().all(|n| !n.pinned && n.pos.is_some()));
        // The thesis is on top.
        let thesis_y = map.node("thesis").unwrap().pos.unwrap().y;
        assert!(
            map.nodes()
                .filter(|n| n.is_statement())
                .all(|n| n.pos.unwrap().y >= thesis_y)
        );
        crate::ops::apply(&mut map, applied.inverse).unwrap();
        assert_eq!(map, before);
        // Pinned nodes stay put without `everything`.
        let cmd = relayout(&map, &measurer, &LayoutOptions::default(), false);
        crate::ops::apply(&mut map, cmd).unwrap();
        assert_eq!(map, before);
    }
}
