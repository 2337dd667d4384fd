//! The evaluation overlay as part of the picture: for each statement box
//! an outline and a badge in its label's colour (IN, OUT, UNDEC) and, for
//! gradual semantics, a strength bar just below the box; for each
//! inference connector a ring when it applies, or a grey disc with a
//! cross-bar when it does not.
//!
//! The geometry lives here so the canvas (painting only what is in view,
//! every frame) and the diagram exports (`argmap export … --eval`, through
//! [`super::Figure::eval`]) draw the same marks. All coordinates are canvas
//! pixels; colours RGBA.

use super::geometry::Rect;
use super::{Scene, SceneBox, SceneConnector};
use crate::eval::{Label, Verdicts};
use crate::model::Pos;

/// Font size of a label badge's text, px.
pub const BADGE_TEXT: f32 = 11.0;
/// Width of the label outline around a box, px.
pub const OUTLINE_WIDTH: f32 = 3.0;
/// Height of the strength bar, px.
pub const BAR_HEIGHT: f32 = 4.0;
/// Inset of the strength bar from the box's sides, px.
pub const BAR_INSET: f32 = 5.0;
/// Gap between the box's bottom edge and the bar, px.
pub const BAR_GAP: f32 = 3.0;
/// Room kept right of the bar for its number, px.
pub const BAR_NUMBER_ROOM: f32 = 28.0;

/// The colour of a label: IN green, OUT red, UNDEC amber (RGBA).
pub fn label_color(label: Label) -> [u8; 4] {
    match label {
        Label::In => [46, 160, 67, 255],
        Label::Out => [207, 34, 46, 255],
        Label::Undec => [191, 135, 0, 255],
    }
}

/// The colour of a strength bar filled to `s` (0–1): from the OUT red at
/// 0 to the IN green at 1, linearly.
pub fn strength_color(s: f32) -> [u8; 4] {
    let s = s.clamp(0.0, 1.0);
    let mix = |a: f32, b: f32| (a * (1.0 - s) + b * s) as u8;
    [mix(207.0, 46.0), mix(34.0, 160.0), mix(46.0, 67.0), 255]
}

/// The marks of one statement box.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxMark {
    /// The statement's id.
    pub id: String,
    /// The box they surround.
    pub rect: Rect,
    /// Its corner rounding, px.
    pub corner_radius: f32,
    /// Its label, for extension-based semantics.
    pub label: Option<Label>,
    /// Its strength in `0.0..=1.0`, for gradual semantics.
    pub strength: Option<f32>,
}

/// The strength bar below a box.
#[derive(Clone, Debug, PartialEq)]
pub struct StrengthBar {
    /// The whole track (grey).
    pub track: Rect,
    /// The filled part, from the left.
    pub fill: Rect,
    /// The fill's colour.
    pub color: [u8; 4],
    /// The number, to two decimals.
    pub text: String,
    /// Left end of the number, at the bar's vertical centre.
    pub text_left_center: Pos,
}

impl BoxMark {
    /// The marks of `b` for `label` and `strength`.
    pub fn new(b: &SceneBox, label: Option<Label>, strength: Option<f64>) -> BoxMark {
        BoxMark {
            id: b.id.clone(),
            rect: b.rect,
            corner_radius: b.corner_radius,
            label,
            strength: strength.map(|s| s as f32),
        }
    }

    /// The badge hanging over the box's top-left edge: its rectangle
    /// (width from the text's length at [`BADGE_TEXT`]), if there is a label.
    pub fn badge_rect(&self) -> Option<Rect> {
        let text = self.label?.as_str();
        let w = 8.0 + BADGE_TEXT * 0.62 * text.len() as f32;
        let min = Pos::new(self.rect.min.x + 8.0, self.rect.min.y - BADGE_TEXT * 0.8);
        Some(Rect {
            min,
            max: Pos::new(min.x + w, min.y + BADGE_TEXT + 5.0),
        })
    }

    /// The strength bar, if there is a strength.
    pub fn bar(&self) -> Option<StrengthBar> {
        let s = self.strength?.clamp(0.0, 1.0);
        let top = self.rect.max.y + BAR_GAP;
        let track = Rect {
            min: Pos::new(self.rect.min.x + BAR_INSET, top),
            max: Pos::new(
                (self.rect.max.x - BAR_INSET - BAR_NUMBER_ROOM).max(self.rect.min.x + BAR_INSET),
                top + BAR_HEIGHT,
            ),
        };
        let fill = Rect {
            min: track.min,
            max: Pos::new(track.min.x + track.width() * s, track.max.y),
        };
        Some(StrengthBar {
            track,
            fill,
            color: strength_color(s),
            text: format!("{s:.2}"),
            text_left_center: Pos::new(track.max.x + 3.0, top + BAR_HEIGHT / 2.0),
        })
    }

    /// Everything the marks cover (outline, badge and bar), for culling.
    pub fn extent(&self) -> Rect {
        let mut r = self.rect.expand(OUTLINE_WIDTH);
        if let Some(b) = self.badge_rect() {
            r = r.union(&b);
        }
        if let Some(bar) = self.bar() {
            r = r.union(&bar.track).union(&Rect {
                min: bar.text_left_center,
                max: Pos::new(
                    bar.text_left_center.x + BAR_NUMBER_ROOM,
                    bar.track.max.y + 6.0,
                ),
            });
        }
        r
    }
}

/// The mark of one inference connector.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectorMark {
    /// The inference's id.
    pub id: String,
    /// Centre of the connector.
    pub center: Pos,
    /// Radius of the connector, px.
    pub radius: f32,
    /// Whether the inference applies (IN): a ring; otherwise a grey disc
    /// with a cross-bar.
    pub applies: bool,
}

impl ConnectorMark {
    /// The mark of `c` with `label`, or `None` without one.
    pub fn new(c: &SceneConnector, label: Option<Label>) -> Option<ConnectorMark> {
        Some(ConnectorMark {
            id: c.id.clone(),
            center: c.center,
            radius: c.radius,
            applies: label? == Label::In,
        })
    }

    /// The cross-bar of an inference that does not apply: from top-left to
    /// bottom-right, inside the disc.
    pub fn cross_bar(&self) -> [Pos; 2] {
        let d = self.radius * 0.6;
        [
            Pos::new(self.center.x - d, self.center.y - d),
            Pos::new(self.center.x + d, self.center.y + d),
        ]
    }
}

/// Whether the overlay marks box `b`. Notes are an analyst's remarks about
/// the map, not claims in it: they take part in no inference, so the
/// evaluation would call every one IN (unattacked), and a badge on each
/// would read as a verdict on the remark. Their labels stay in the
/// [`Verdicts`] (the CLI and the inspector report them); only the picture
/// leaves them unmarked.
pub fn marks_box(b: &SceneBox) -> bool {
    marks_role(b.role)
}

/// Whether statements of `role` carry evaluation marks in any picture of
/// the map (canvas, outline, exports, HTML): all but notes, see
/// [`marks_box`].
pub fn marks_role(role: crate::model::Role) -> bool {
    role != crate::model::Role::Note
}

/// The whole overlay of a scene.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalMarks {
    /// The semantics' name (`grounded`, `df-quad`…), for the legend.
    pub semantics: String,
    /// Marks of the boxes that have a verdict, in scene order (notes
    /// left out, see [`marks_box`]).
    pub boxes: Vec<BoxMark>,
    /// Marks of the connectors that have a label, in scene order.
    pub connectors: Vec<ConnectorMark>,
}

/// The overlay of `scene` for `verdicts`.
pub fn eval_marks(scene: &Scene, verdicts: &Verdicts) -> EvalMarks {
    EvalMarks {
        semantics: verdicts.semantics.as_str().to_owned(),
        boxes: scene
            .boxes
            .iter()
            .filter(|b| marks_box(b))
            .filter_map(|b| {
                let (label, strength) = (verdicts.label(&b.id), verdicts.strength(&b.id));
                (label.is_some() || strength.is_some()).then(|| BoxMark::new(b, label, strength))
            })
            .collect(),
        connectors: scene
            .connectors
            .iter()
            .filter_map(|c| ConnectorMark::new(c, verdicts.label(&c.id)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EvalSemantics, NodeIx};

    fn scene_box(id: &str) -> SceneBox {
        SceneBox {
            node: NodeIx::new(0),
            id: id.into(),
            role: crate::model::Role::Claim,
            rect: Rect {
                min: Pos::new(0.0, 0.0),
                max: Pos::new(200.0, 80.0),
            },
            corner_radius: 6.0,
            fill: [255; 4],
            stroke: [0, 0, 0, 255],
            stroke_width: 1.0,
            lines: Vec::new(),
            evidence_count: 0,
            badge: None,
        }
    }

    #[test]
    fn a_label_gives_a_badge_over_the_top_edge_and_no_bar() {
        let m = BoxMark::new(&scene_box("a"), Some(Label::Undec), None);
        let badge = m.badge_rect().unwrap();
        assert!(badge.min.y < 0.0 && badge.max.y > 0.0, "{badge:?}");
        assert!(badge.width() > BADGE_TEXT * 0.62 * 5.0);
        assert!(m.bar().is_none());
    }

    #[test]
    fn a_strength_fills_its_share_of_the_track_below_the_box() {
        let m = BoxMark::new(&scene_box("a"), None, Some(0.25));
        let bar = m.bar().unwrap();
        assert!(bar.track.min.y >= 80.0);
        assert!((bar.fill.width() - bar.track.width() * 0.25).abs() < 1e-3);
        assert_eq!(bar.text, "0.25");
        assert!(m.badge_rect().is_none());
        assert!(m.extent().max.y > bar.track.max.y);
    }

    #[test]
    fn strength_colour_runs_from_the_out_red_to_the_in_green() {
        assert_eq!(strength_color(0.0), label_color(Label::Out));
        assert_eq!(strength_color(1.0), label_color(Label::In));
    }

    fn scene_of(boxes: Vec<SceneBox>) -> Scene {
        Scene {
            bounds: Rect {
                min: Pos::new(0.0, 0.0),
                max: Pos::new(10.0, 10.0),
            },
            theme: crate::scene::Theme::light(),
            boxes,
            connectors: Vec::new(),
            edges: Vec::new(),
        }
    }

    #[test]
    fn marks_cover_only_nodes_with_a_verdict() {
        let scene = scene_of(vec![scene_box("a"), scene_box("b")]);
        let mut v = Verdicts {
            semantics: EvalSemantics::Grounded,
            ..Verdicts::default()
        };
        v.labels.insert("b".into(), Label::In);
        let marks = eval_marks(&scene, &v);
        assert_eq!(marks.semantics, "grounded");
        assert_eq!(marks.boxes.len(), 1);
        assert_eq!(marks.boxes[0].id, "b");
    }

    #[test]
    fn notes_get_no_marks_though_the_verdicts_label_them() {
        let mut note = scene_box("n");
        note.role = crate::model::Role::Note;
        let scene = scene_of(vec![scene_box("a"), note]);
        let mut v = Verdicts {
            semantics: EvalSemantics::Grounded,
            ..Verdicts::default()
        };
        v.labels.insert("a".into(), Label::In);
        v.labels.insert("n".into(), Label::In);
        let ids: Vec<_> = eval_marks(&scene, &v)
            .boxes
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(ids, ["a"]);
    }
}
