//! GraphML export, yEd-flavoured: each node a yFiles `ShapeNode` with its
//! geometry from the map's positions, a fill colour by role or kind and its
//! label, so yEd opens the map styled; plus plain `<data>` keys for text,
//! title, role, kind and scheme that any GraphML reader sees. Every string
//! is XML-escaped; characters XML 1.0 cannot hold are replaced.

use std::fmt::Write as _;

use super::Exported;
use super::loss::{
    Losses, control_warning, count_visual_losses, fill_colour, is_xml_forbidden, nodes_with,
    place_of, role_or_kind,
};
use crate::model::{Link, Map, NodeData};

/// Options for writing GraphML.
#[derive(Clone, Debug)]
pub struct GraphmlOptions {
    /// Width of a statement box in yEd, in pixels.
    pub statement_width: f32,
    /// Height of a statement box in yEd, in pixels.
    pub statement_height: f32,
}

impl Default for GraphmlOptions {
    fn default() -> Self {
        GraphmlOptions {
            statement_width: 200.0,
            statement_height: 80.0,
        }
    }
}

/// Escapes `s` for XML text and attribute values, replacing characters
/// that XML 1.0 cannot hold with U+FFFD.
pub fn xml_escape(s: &str) -> String {
    super::xml::escape(s, super::xml::Forbidden::Replace)
}

const KEYS: [(&str, &str); 5] = [
    ("d_text", "text"),
    ("d_title", "title"),
    ("d_role", "role"),
    ("d_kind", "kind"),
    ("d_scheme", "scheme"),
];

/// Writes `map` as yEd-flavoured GraphML, with a loss report (evidence,
/// tags, notes, sources).
pub fn export(map: &Map, options: &GraphmlOptions) -> Exported {
    let nodes = map.nodes_sorted();
    let mut out = String::with_capacity(512 + nodes.len() * 900);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:y=\"http://www.yworks.com/xml/graphml\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd\">\n",
    );
    out.push_str("  <key id=\"d_ng\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n");
    out.push_str("  <key id=\"d_eg\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n");
    for (id, name) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"string\"/>"
        );
    }
    out.push_str("  <key id=\"d_link\" for=\"edge\" attr.name=\"link\" attr.type=\"string\"/>\n");
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        xml_escape(&map.meta().title)
    );
    for (k, node) in nodes.iter().enumerate() {
        let pos = place_of(node, k);
        let id = xml_escape(&node.id);
        let role = role_or_kind(map, node);
        let (text, title, kind, scheme, label, w, h, shape) = match &node.data {
            NodeData::Statement(s) => (
                s.text.as_str(),
                s.title.as_str(),
                "statement",
                "",
                s.label().to_owned(),
                options.statement_width,
                options.statement_height,
                "roundrectangle",
            ),
            NodeData::Inference(i) => (
                "",
                i.title.as_str(),
                i.kind.as_str(),
                i.scheme.as_str(),
                if i.title.is_empty() {
                    String::new()
                } else {
                    i.title.clone()
                },
                30.0,
                30.0,
                "ellipse",
            ),
        };
        let _ = writeln!(out, "    <node id=\"{id}\">");
        for (key, value) in [
            ("d_text", text),
            ("d_title", title),
            ("d_role", if node.is_statement() { role } else { "" }),
            ("d_kind", kind),
            ("d_scheme", scheme),
        ] {
            if !value.is_empty() {
                let _ = writeln!(
                    out,
                    "      <data key=\"{key}\">{}</data>",
                    xml_escape(value)
                );
            }
        }
        let _ = writeln!(
            out,
            "      <data key=\"d_ng\">\n        <y:ShapeNode>\n          \
             <y:Geometry height=\"{h:.1}\" width=\"{w:.1}\" x=\"{:.1}\" y=\"{:.1}\"/>\n          \
             <y:Fill color=\"{}\" transparent=\"false\"/>\n          \
             <y:BorderStyle color=\"#333333\" type=\"line\" width=\"1.0\"/>\n          \
             <y:NodeLabel alignment=\"center\" autoSizePolicy=\"content\" fontFamily=\"Dialog\" \
             fontSize=\"12\" modelName=\"internal\" modelPosition=\"c\" textColor=\"#000000\" \
             visible=\"true\">{}</y:NodeLabel>\n          \
             <y:Shape type=\"{shape}\"/>\n        </y:ShapeNode>\n      </data>\n    </node>",
            pos.x - w / 2.0,
            pos.y - h / 2.0,
            fill_colour(map, node),
            xml_escape(&label),
        );
    }
    let mut edge_no = 0usize;
    for node in &nodes {
        let Some(ix) = map.index_of(&node.id) else {
            continue;
        };
        let NodeData::Inference(inf) = &node.data else {
            continue;
        };
        let colour = fill_colour(map, node);
        let mut edges: Vec<(String, String, Link)> = map
            .premises_of(ix)
            .into_iter()
            .enumerate()
            .map(|(k, p)| {
                (
                    map.graph()[p].id.clone(),
                    node.id.clone(),
                    Link::Premise(k as u32),
                )
            })
            .collect();
        if let Some(t) = map.target_of(ix) {
            edges.push((node.id.clone(), map.graph()[t].id.clone(), Link::Target));
        }
        for (from, to, link) in edges {
            let (name, arrow) = match link {
                Link::Premise(_) => ("premise", "none"),
                Link::Target => ("target", "standard"),
            };
            let _ = writeln!(
                out,
                "    <edge id=\"e{edge_no}\" source=\"{}\" target=\"{}\">\n      \
                 <data key=\"d_link\">{name}</data>\n      <data key=\"d_eg\">\n        \
                 <y:PolyLineEdge>\n          <y:LineStyle color=\"{colour}\" type=\"{}\" width=\"{}\"/>\n          \
                 <y:Arrows source=\"none\" target=\"{arrow}\"/>\n        </y:PolyLineEdge>\n      \
                 </data>\n    </edge>",
                xml_escape(&from),
                xml_escape(&to),
                if inf.kind == crate::model::InferenceKind::Rephrase {
                    "dashed"
                } else {
                    "line"
                },
                if link == Link::Target { "2.0" } else { "1.0" },
            );
            edge_no += 1;
        }
    }
    out.push_str("  </graph>\n</graphml>\n");
    let mut losses = Losses::default();
    count_visual_losses(map, &mut losses);
    for node in &nodes {
        if let NodeData::Inference(i) = &node.data
            && !i.description.is_empty()
        {
            losses.add("inference descriptions");
        }
    }
    let mut warnings = losses.into_warnings("GraphML");
    warnings.extend(control_warning(
        "GraphML",
        "replaced by U+FFFD",
        &nodes_with(map, is_xml_forbidden),
    ));
    Exported {
        text: out,
        losses: warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inference, InferenceKind, Statement};

    #[test]
    fn escapes_everything_xml_cares_about() {
        assert_eq!(
            xml_escape("a<b>&\"'\u{1}\r"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}&#13;"
        );
    }

    #[test]
    fn nodes_and_edges_are_written_with_geometry() {
        let mut map = Map::new("T & <t>");
        map.add_statement(
            "a",
            Statement::new("A"),
            Some(crate::model::Pos::new(100.0, 50.0)),
            true,
        )
        .unwrap();
        map.add_statement("b", Statement::new("B"), None, false)
            .unwrap();
        map.add_inference(
            "i",
            Inference::new(InferenceKind::Support),
            &["b"],
            "a",
            None,
            false,
        )
        .unwrap();
        let out = export(&map, &GraphmlOptions::default()).text;
        assert!(out.contains("<graph id=\"T &amp; &lt;t&gt;\""));
        assert!(out.contains("x=\"0.0\" y=\"10.0\""), "{out}");
        assert_eq!(out.matches("<edge ").count(), 2);
        assert_eq!(out.matches("<node ").count(), 3);
    }
}
