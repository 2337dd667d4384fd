//! The scene: one laid-out picture of a map, shared by the canvas and every
//! visual export (SVG, PNG, PDF).
//!
//! [`build`] turns a [`Map`](crate::model::Map) with positions into boxes
//! with their already-wrapped lines, inference connectors, edges with
//! arrowheads, evidence badges and theme colours. Text is measured once by
//! a [`TextMeasurer`] with egui's font engine and egui's font bytes, so the
//! screen and every export wrap the same. Consumers only transform and
//! paint; they never wrap or lay out. All coordinates are canvas pixels
//! (y down); colours are `[u8; 4]` RGBA. Nothing here depends on a window.

pub mod bidi;
mod build;
mod emoji_runs;
mod eval_marks;
mod figure;
pub mod fonts;
mod free_spot;
mod geometry;
mod index;
pub mod labels;
mod measure;
mod theme;
mod update;

use std::collections::HashSet;

use petgraph::stable_graph::EdgeIndex;

use crate::model::{InferenceKind, NodeIx, Pos, Role};

pub use build::{build, fallback_positions};
pub use emoji_runs::TextRun;
pub use eval_marks::{
    BADGE_TEXT, BoxMark, ConnectorMark, EvalMarks, OUTLINE_WIDTH, StrengthBar, eval_marks,
    label_color, marks_box, marks_role, strength_color,
};
pub use figure::{
    Appendix, AppendixLine, Figure, FigureOptions, Legend, LegendItem, Swatch, figure,
};
pub use free_spot::{FREE_SPOT_GAP, free_spot_near};
pub use geometry::{Rect, circle_border_toward, distance};
pub use index::{GridIndex, SceneIndex};
pub use measure::{
    ASCENT_RATIO, BODY_SIZE, BoxText, DEFAULT_BOX_WIDTH, LINE_HEIGHT_RATIO, MAX_BODY_LINES,
    MAX_TITLE_LINES, PADDING, TITLE_GAP, TITLE_SIZE, TextMeasurer,
};
pub use theme::{Theme, ThemeName, contrast_ratio};
pub use update::{MAX_UPDATE, update, update_visibility};

/// Radius of an inference connector circle.
pub const CONNECTOR_RADIUS: f32 = 9.0;
/// Font size of an inference's title beside its connector, px.
pub const CONNECTOR_TITLE_SIZE: f32 = 10.0;
/// Longest inference title drawn whole, in chars; longer ones end in `…`.
pub const MAX_CONNECTOR_TITLE_CHARS: usize = 28;
/// Length of an arrowhead, from tip to base.
pub const ARROW_LENGTH: f32 = 10.0;
/// Half the width of an arrowhead's base.
pub const ARROW_HALF_WIDTH: f32 = 5.0;
/// Font size of the number in an evidence badge.
pub const BADGE_TEXT_SIZE: f32 = 10.0;
/// Empty space around the drawing inside [`Scene::bounds`].
pub const MARGIN: f32 = 24.0;

/// One line of already-wrapped text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The characters of the line.
    pub text: String,
    /// Top-left of the line box.
    pub pos: Pos,
    /// Font size in px.
    pub size: f32,
    /// Emboldened (drawn with a thin outline in the text colour, since
    /// egui's default fonts have no bold face; widths do not change).
    pub bold: bool,
}

impl TextLine {
    /// The y of this line's baseline, for renderers that place text by its
    /// baseline (SVG, PDF).
    pub fn baseline_y(&self) -> f32 {
        self.pos.y + self.size * ASCENT_RATIO
    }
}

/// One statement's box.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneBox {
    /// The statement's node.
    pub node: NodeIx,
    /// The statement's id.
    pub id: String,
    /// Its role (chooses the fill).
    pub role: Role,
    /// The box.
    pub rect: Rect,
    /// Rounding of the corners.
    pub corner_radius: f32,
    /// Fill colour.
    pub fill: [u8; 4],
    /// Outline colour.
    pub stroke: [u8; 4],
    /// Outline width.
    pub stroke_width: f32,
    /// The title (bold) then the wrapped text, already positioned.
    pub lines: Vec<TextLine>,
    /// How many evidence items back the statement.
    pub evidence_count: usize,
    /// The evidence badge at the top-right corner: centre and radius; `None`
    /// without evidence.
    pub badge: Option<(Pos, f32)>,
}

/// One inference node, drawn as a small circle.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneConnector {
    /// The inference's node.
    pub node: NodeIx,
    /// The inference's id.
    pub id: String,
    /// Support, conflict or rephrase.
    pub kind: InferenceKind,
    /// A conflict aimed at another inference's connector.
    pub undercut: bool,
    /// Centre of the circle.
    pub center: Pos,
    /// Radius of the circle.
    pub radius: f32,
    /// Fill colour (the kind's colour).
    pub fill: [u8; 4],
    /// The inference's title (an Argdown argument's name), one line right
    /// of the circle at [`CONNECTOR_TITLE_SIZE`], elided after
    /// [`MAX_CONNECTOR_TITLE_CHARS`]; `None` for an untitled inference.
    pub title: Option<TextLine>,
}

/// One edge of the graph, as a polyline.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    /// The graph edge.
    pub edge: EdgeIndex<u32>,
    /// Source node (a premise, or the inference for its target edge).
    pub from: NodeIx,
    /// Target node.
    pub to: NodeIx,
    /// Kind of the inference this edge belongs to.
    pub kind: InferenceKind,
    /// Polyline from border to border (straight or routed).
    pub points: Vec<Pos>,
    /// An arrowhead at the last point (inference → target edges).
    pub arrow: bool,
    /// Colour.
    pub color: [u8; 4],
    /// Line width.
    pub width: f32,
    /// Drawn dashed (rephrase edges).
    pub dashed: bool,
}

impl SceneEdge {
    /// The arrowhead triangle (tip, then the two base corners), if this
    /// edge has one.
    pub fn arrowhead(&self) -> Option<[Pos; 3]> {
        if !self.arrow || self.points.len() < 2 {
            return None;
        }
        let tip = self.points[self.points.len() - 1];
        let prev = self.points[self.points.len() - 2];
        let len = distance(tip, prev);
        if len == 0.0 {
            return None;
        }
        let (ux, uy) = ((tip.x - prev.x) / len, (tip.y - prev.y) / len);
        let base = Pos::new(tip.x - ux * ARROW_LENGTH, tip.y - uy * ARROW_LENGTH);
        Some([
            tip,
            Pos::new(
                base.x - uy * ARROW_HALF_WIDTH,
                base.y + ux * ARROW_HALF_WIDTH,
            ),
            Pos::new(
                base.x + uy * ARROW_HALF_WIDTH,
                base.y - ux * ARROW_HALF_WIDTH,
            ),
        ])
    }

    /// The polyline to stroke: [`SceneEdge::points`], with the last point
    /// pulled back to the arrowhead's base when there is an arrowhead (so a
    /// wide line does not blunt the tip).
    pub fn line_points(&self) -> Vec<Pos> {
        let mut points = self.points.clone();
        if let Some([tip, a, b]) = self.arrowhead() {
            let base = Pos::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
            let n = points.len();
            let prev = points[n - 2];
            if distance(prev, tip) > ARROW_LENGTH {
                points[n - 1] = base;
            }
        }
        points
    }
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Everything drawn, plus [`MARGIN`].
    pub bounds: Rect,
    /// The colours used.
    pub theme: Theme,
    /// Statement boxes, by node id.
    pub boxes: Vec<SceneBox>,
    /// Inference connectors, by node id.
    pub connectors: Vec<SceneConnector>,
    /// Edges, grouped by inference id: premises in order, then the target.
    pub edges: Vec<SceneEdge>,
}

/// What to build.
#[derive(Clone, Debug)]
pub struct SceneOptions {
    /// Light (print) or dark (screen).
    pub theme: ThemeName,
    /// Width of statement boxes.
    pub box_width: f32,
    /// Only these nodes (a selection export). Inferences not listed are
    /// still drawn when their target and at least one premise are drawn.
    pub only: Option<HashSet<NodeIx>>,
    /// Edge routes from the layout (`LayoutResult::routes`), used instead of
    /// straight lines for the edges they name.
    pub routes: Option<Vec<(EdgeIndex<u32>, Vec<Pos>)>>,
}

impl Default for SceneOptions {
    fn default() -> Self {
        SceneOptions {
            theme: ThemeName::Light,
            box_width: DEFAULT_BOX_WIDTH,
            only: None,
            routes: None,
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
