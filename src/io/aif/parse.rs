//! Reading AIF JSON into a flat, normalised form: the nodes, edges and
//! dialogue side tables of an AIFdb nodeset, an OVA3 save file or xAIF,
//! whatever shape they came in (arrays of objects or column lists, numeric
//! or string ids, an `"AIF"` value that is itself a JSON string).

use std::collections::HashMap;

use serde_json::{Map as JsonObject, Value};

use crate::io::{LoadError, LoadErrorKind, Location};
use crate::model::Pos;

/// One node entry of the nodeset.
#[derive(Clone, Debug, Default)]
pub(super) struct RawNode {
    /// The node id, as a string whatever its JSON type.
    pub id: String,
    /// The AIF type (`I`, `RA`, `CA`, `MA`, `L`, `YA`, `TA`, ...).
    pub kind: String,
    /// The node text.
    pub text: String,
    /// Its timestamp, if any.
    pub timestamp: String,
    /// The `scheme` field, when present (even if empty).
    pub scheme: Option<String>,
    /// The `schemeID` field, when present.
    pub scheme_id: Option<String>,
    /// Where the entry sits, as a JSON path.
    pub path: String,
}

/// One edge entry.
#[derive(Clone, Debug)]
pub(super) struct RawEdge {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// Where the entry sits, as a JSON path.
    pub path: String,
}

/// Everything read from the file, before any mapping to the model.
#[derive(Clone, Debug, Default)]
pub(super) struct RawDoc {
    /// Node entries in file order (duplicates included).
    pub nodes: Vec<RawNode>,
    /// Edge entries in file order.
    pub edges: Vec<RawEdge>,
    /// `locutions` entries: node id → person id.
    pub locution_person: HashMap<String, String>,
    /// The node ids of the `locutions` entries, in file order.
    pub locution_nodes: Vec<String>,
    /// xAIF `participants`: participant id → display name.
    pub participants: HashMap<String, String>,
    /// xAIF `schemefulfillments`: node id → scheme id.
    pub scheme_fulfilments: HashMap<String, String>,
    /// OVA positions by node id.
    pub positions: HashMap<String, Pos>,
    /// The analysed text of an OVA3 save (HTML as OVA keeps it).
    pub text: Option<String>,
    /// The text's URL, when the OVA save gives one.
    pub text_url: String,
    /// Top-level sections that were present and not read, with entry counts.
    pub unread_sections: Vec<(String, usize)>,
    /// Entries that were skipped as malformed: (path, reason).
    pub malformed: Vec<(String, String)>,
    /// Whether the file was an OVA3 wrapper.
    pub ova: bool,
}

/// Sections of a nodeset that the importer reads.
const KNOWN: &[&str] = &[
    "nodes",
    "edges",
    "locutions",
    "participants",
    "schemefulfillments",
];

/// Parses AIF JSON text.
pub(super) fn parse(text: &str) -> Result<RawDoc, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let kind = if e.is_data() {
            LoadErrorKind::Schema(e.to_string())
        } else {
            LoadErrorKind::Syntax(e.to_string())
        };
        LoadError {
            kind,
            at: Box::new(Location {
                line: Some(e.line()).filter(|&l| l > 0),
                column: Some(e.column()).filter(|&c| c > 0),
                ..Location::default()
            }),
        }
    })?;
    let Value::Object(top) = value else {
        return Err(schema("the top level is not a JSON object"));
    };
    let mut doc = RawDoc::default();
    let (aif, prefix) = match top.get("AIF") {
        Some(inner) => {
            doc.ova = true;
            read_ova_parts(&top, &mut doc);
            let aif = match inner {
                Value::Object(o) => o.clone(),
                Value::String(s) => match serde_json::from_str::<Value>(s) {
                    Ok(Value::Object(o)) => o,
                    Ok(_) => return Err(schema("the \"AIF\" string does not hold a JSON object")),
                    Err(e) => {
                        return Err(schema(&format!(
                            "the \"AIF\" string is not valid JSON: {e}"
                        )));
                    }
                },
                _ => return Err(schema("\"AIF\" is neither an object nor a JSON string")),
            };
            (aif, "AIF.")
        }
        None => (top, ""),
    };
    // OVA saves an analysis with no nodes yet as `"AIF": "{}"`: an empty
    // map (the caller warns), with the dialogue text as its source.
    let empty_ova = doc.ova && aif.is_empty();
    if !(aif.contains_key("nodes") || empty_ova) {
        return Err(schema("not an AIF document: there is no \"nodes\" list"));
    }
    for (key, value) in &aif {
        if !KNOWN.contains(&key.as_str()) {
            let count = match value {
                Value::Array(a) => a.len(),
                Value::Object(o) => o.len(),
                Value::Null => 0,
                _ => 1,
            };
            if count > 0 {
                doc.unread_sections.push((format!("{prefix}{key}"), count));
            }
        }
    }
    doc.unread_sections.sort();
    let nodes = rows(
        aif.get("nodes"),
        &format!("{prefix}nodes"),
        &mut doc.malformed,
    );
    for (path, row) in nodes {
        let Some(id) = row.get("nodeID").and_then(id_of) else {
            doc.malformed
                .push((path, "a node without a usable nodeID".into()));
            continue;
        };
        doc.nodes.push(RawNode {
            id,
            kind: str_of(row.get("type")).trim().to_owned(),
            text: str_of(row.get("text")),
            timestamp: str_of(row.get("timestamp")),
            scheme: row
                .get("scheme")
                .filter(|v| !v.is_null())
                .map(|v| str_of(Some(v))),
            scheme_id: row.get("schemeID").and_then(id_of),
            path,
        });
    }
    let edges = rows(
        aif.get("edges"),
        &format!("{prefix}edges"),
        &mut doc.malformed,
    );
    for (path, row) in edges {
        match (
            row.get("fromID").and_then(id_of),
            row.get("toID").and_then(id_of),
        ) {
            (Some(from), Some(to)) => doc.edges.push(RawEdge { from, to, path }),
            _ => doc
                .malformed
                .push((path, "an edge without a usable fromID and toID".into())),
        }
    }
    let locutions = rows(
        aif.get("locutions"),
        &format!("{prefix}locutions"),
        &mut doc.malformed,
    );
    for (_, row) in locutions {
        let node = row.get("nodeID").and_then(id_of).unwrap_or_default();
        if let Some(person) = row.get("personID").and_then(id_of) {
            doc.locution_person.entry(node.clone()).or_insert(person);
        }
        doc.locution_nodes.push(node);
    }
    for (_, row) in rows(aif.get("participants"), "participants", &mut Vec::new()) {
        if let Some(id) = row.get("participantID").and_then(id_of) {
            let name = [str_of(row.get("firstname")), str_of(row.get("surname"))]
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            doc.participants.insert(id, name);
        }
    }
    for (_, row) in rows(
        aif.get("schemefulfillments"),
        "schemefulfillments",
        &mut Vec::new(),
    ) {
        if let (Some(node), Some(scheme)) = (
            row.get("nodeID").and_then(id_of),
            row.get("schemeID").and_then(id_of),
        ) {
            doc.scheme_fulfilments.insert(node, scheme);
        }
    }
    Ok(doc)
}

/// Reads the OVA part (positions) and the analysed text of an OVA3 save.
fn read_ova_parts(top: &JsonObject<String, Value>, doc: &mut RawDoc) {
    if let Some(Value::Object(ova)) = top.get("OVA") {
        for (_, row) in rows(ova.get("nodes"), "OVA.nodes", &mut Vec::new()) {
            let id = row.get("nodeID").and_then(id_of);
            let x = row.get("x").and_then(number_of);
            let y = row.get("y").and_then(number_of);
            if let (Some(id), Some(x), Some(y)) = (id, x, y) {
                doc.positions.entry(id).or_insert(Pos::new(x, y));
            }
        }
    }
    match top.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => doc.text = Some(s.clone()),
        Some(Value::Object(t)) => {
            if let Some(Value::String(s)) = t.get("txt")
                && !s.trim().is_empty()
            {
                doc.text = Some(s.clone());
            }
            doc.text_url = str_of(t.get("url"));
        }
        _ => {}
    }
}

/// The entries of a section given either as an array of objects or as
/// column lists (an object of equally long arrays), with their paths.
fn rows(
    section: Option<&Value>,
    name: &str,
    malformed: &mut Vec<(String, String)>,
) -> Vec<(String, JsonObject<String, Value>)> {
    match section {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Value::Object(o) => Some((format!("{name}[{i}]"), o.clone())),
                _ => {
                    malformed.push((
                        format!("{name}[{i}]"),
                        "an entry that is not an object".into(),
                    ));
                    None
                }
            })
            .collect(),
        Some(Value::Object(columns)) => {
            let len = columns
                .values()
                .filter_map(|v| v.as_array().map(Vec::len))
                .max()
                .unwrap_or(0);
            (0..len)
                .map(|i| {
                    let row = columns
                        .iter()
                        .filter_map(|(k, col)| {
                            col.as_array()
                                .and_then(|c| c.get(i))
                                .map(|v| (k.clone(), v.clone()))
                        })
                        .collect();
                    (format!("{name}[{i}]"), row)
                })
                .collect()
        }
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            malformed.push((name.to_owned(), "neither a list nor column lists".into()));
            Vec::new()
        }
    }
}

/// An id given as a string or a number.
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A string field; numbers are written out, anything else is empty.
fn str_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A finite coordinate given as a number or a numeric string.
fn number_of(v: &Value) -> Option<f32> {
    let x = match v {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (x.is_finite() && x.abs() <= 1.0e7).then_some(x as f32)
}

fn schema(message: &str) -> LoadError {
    LoadError::new(LoadErrorKind::Schema(message.to_owned()))
}

/// Plain text from the HTML that OVA keeps the analysed text in: tags
/// dropped, `<br>` and block ends as line breaks, the common entities decoded.
pub(super) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        if matches!(name, "br" | "p" | "div" | "li") && (name == "br" || tag.starts_with('/')) {
            out.push('\n');
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
