//! yEd's graphics inside GraphML `<data>` (the yFiles `y:` namespace,
//! <http://www.yworks.com/xml/graphml>): labels, geometry, fill, shape,
//! line colours and arrowheads; and the heuristic that maps them to roles
//! and relation kinds.

use roxmltree::Node as XmlNode;

use super::{RawEdge, RawNode};
use crate::model::{Pos, Role};

/// Node data keys the importer reads (by `attr.name`, lower case);
/// others are reported as dropped.
pub(super) const KNOWN_NODE_KEYS: [&str; 12] = [
    "text",
    "title",
    "role",
    "kind",
    "scheme",
    "notes",
    "description",
    "tags",
    "label",
    "name",
    "nodegraphics",
    "url",
];

/// How yEd fills and shapes map to roles. The first rule that matches
/// wins: fill colours (`#RRGGBB`, case-insensitive) first, then shapes
/// (yEd's `y:Shape type`). A node no rule matches is a claim.
///
/// The default rules are the colours Argmap's own GraphML export writes
/// (thesis `#FFE08A`, premise `#DDEBFF`, evidence `#E3F4E3`, note
/// `#F2F2F2`); yEd's `note` shape is a note. Callers replace them to read
/// a team's own colour code.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleRules {
    /// Fill colour → role.
    pub colours: Vec<(String, Role)>,
    /// Shape type → role.
    pub shapes: Vec<(String, Role)>,
}

impl Default for RoleRules {
    fn default() -> Self {
        RoleRules {
            colours: vec![
                ("#FFE08A".into(), Role::Thesis),
                ("#DDEBFF".into(), Role::Premise),
                ("#E3F4E3".into(), Role::Evidence),
                ("#F2F2F2".into(), Role::Note),
            ],
            shapes: vec![("note".into(), Role::Note)],
        }
    }
}

impl RoleRules {
    /// The role for a fill colour and shape, if a rule gives one.
    pub fn role_of(&self, fill: Option<&str>, shape: Option<&str>) -> Option<Role> {
        let by_colour = fill.and_then(|f| {
            self.colours
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(f.trim()))
                .map(|(_, r)| *r)
        });
        by_colour.or_else(|| {
            shape.and_then(|s| {
                self.shapes
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(s.trim()))
                    .map(|(_, r)| *r)
            })
        })
    }
}

/// Whether an edge between two statements is an attack: its label says
/// so (`con`, `attack`, `against`, `object…`, `rebut`, `undercut`, `-`),
/// its arrowhead is yEd's `t_shape` or a cross, or its line is red
/// (red well above green and blue, `#RRGGBB`).
pub fn edge_is_attack(label: &str, colour: Option<&str>, arrow: Option<&str>) -> bool {
    let label = label.trim().to_lowercase();
    let words = [
        "con", "attack", "against", "object", "rebut", "undercut", "contra",
    ];
    if matches!(label.as_str(), "-" | "−" | "–") || words.iter().any(|w| label.contains(w)) {
        return true;
    }
    if arrow.is_some_and(|a| matches!(a, "t_shape" | "cross" | "crows_foot_one_mandatory")) {
        return true;
    }
    colour.is_some_and(|c| {
        let hex = c.trim().trim_start_matches('#');
        let byte = |k: usize| {
            hex.get(k..k + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map_or(0, i32::from)
        };
        hex.len() >= 6 && {
            let (r, g, b) = (byte(0), byte(2), byte(4));
            r > 150 && r - g > 80 && r - b > 80
        }
    })
}

fn is_y(n: &XmlNode<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

fn text_of(n: XmlNode<'_, '_>) -> String {
    n.descendants()
        .filter(XmlNode::is_text)
        .filter_map(|t| t.text())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Reads a node's yEd graphics: labels, geometry (centre), fill, shape,
/// and whether it is a note.
pub(super) fn node_graphics(el: XmlNode<'_, '_>, raw: &mut RawNode) {
    // Only this node's own graphics, not those of nodes nested in it.
    let own = el
        .children()
        .filter(|c| c.has_tag_name("data"))
        .flat_map(|d| d.descendants());
    for n in own {
        match n.tag_name().name() {
            "NodeLabel" if n.is_element() => {
                if n.attribute("visible") == Some("false") {
                    continue;
                }
                let t = text_of(n);
                if !t.is_empty() {
                    raw.labels.push(t);
                }
            }
            "Geometry" if n.is_element() && raw.pos.is_none() => {
                let num = |a: &str| {
                    n.attribute(a)
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .filter(|v| v.is_finite() && v.abs() <= 1.0e7)
                };
                if let (Some(x), Some(y)) = (num("x"), num("y")) {
                    let (w, h) = (num("width").unwrap_or(0.0), num("height").unwrap_or(0.0));
                    raw.pos = Some(Pos::new(x + w / 2.0, y + h / 2.0));
                }
            }
            "Fill" if n.is_element() && raw.fill.is_none() => {
                raw.fill = n.attribute("color").map(str::to_owned);
            }
            "Shape" if n.is_element() => {
                raw.shape = n.attribute("type").map(str::to_owned);
            }
            "UMLNoteNode" if n.is_element() => raw.note = true,
            _ => {}
        }
        if is_y(&n, "GenericNode")
            && n.attribute("configuration")
                .is_some_and(|c| c.to_lowercase().contains("note"))
        {
            raw.note = true;
        }
    }
    if raw.shape.as_deref() == Some("note") {
        raw.note = true;
    }
}

/// Reads an edge's yEd graphics: label, line colour, target arrowhead.
pub(super) fn edge_graphics(el: XmlNode<'_, '_>, raw: &mut RawEdge) {
    for n in el.descendants().filter(XmlNode::is_element) {
        match n.tag_name().name() {
            "EdgeLabel" => {
                let t = text_of(n);
                if !t.is_empty() {
                    if !raw.label.is_empty() {
                        raw.label.push(' ');
                    }
                    raw.label.push_str(&t);
                }
            }
            "LineStyle" => raw.colour = n.attribute("color").map(str::to_owned),
            "Arrows" => raw.arrow = n.attribute("target").map(str::to_owned),
            _ => {}
        }
    }
    if raw.label.is_empty()
        && let Some(l) = raw.data.get("label")
    {
        raw.label = l.clone();
    }
}
