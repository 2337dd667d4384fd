//! Graphviz DOT import: argument-shaped graphs become maps.
//!
//! # How DOT maps to the model
//!
//! - **Inference nodes.** A node drawn as a small `circle`, `point` or
//!   `doublecircle` whose label is `+`, `−`/`-` or `=` (as Argmap's own
//!   DOT export writes them) is an inference of kind support, conflict or
//!   rephrase. Its `xlabel` is its title; a `tooltip` of the form
//!   `title — scheme` gives its scheme. Edges into it are its premises, the
//!   edge out of it its target (another inference for an undercut).
//! - **Statements.** Every other node. Its text is its `label` (default
//!   the node id, as in Graphviz), with escString escapes read (`\n`,
//!   `\l`, `\r` line breaks, `\N` the node id, `\G` the graph name) and
//!   HTML labels reduced to their text (`<br/>` a line break). A label of
//!   two or more lines whose first line is short (at most
//!   [`TITLE_MAX_CHARS`]) and ends without sentence punctuation is read
//!   as `title` + text, the shape Argmap's export writes. The fill colours
//!   of Argmap's export give the role back; other colours mean nothing.
//!   Clusters and named subgraphs become tags (their `label`, else their
//!   name). A `comment` becomes the notes.
//! - **Edges between statements** become one-premise inferences, tail to
//!   head: an attack when the edge's label says so (`-`, `−`, `con`,
//!   `attack`, `against`, `object`, `rebut`, `undercut`) or its colour is
//!   red, a rephrase when it says `rephrase`, else a support. See
//!   [`edge_kind`].
//! - **Positions** `pos="x,y"` (points, `!` allowed) become canvas
//!   positions with y flipped (DOT's y grows upwards); the canvas origin is
//!   the topmost node, so a round trip through Argmap's export keeps every
//!   position up to one vertical shift.
//!
//! Every problem is a located warning; a syntax error is an error at its
//! line and column.

mod parse;

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use parse::{Attrs, DotGraph, DotNode};

use super::{LoadError, LoadErrorKind, Loaded, Location, Warning};
use crate::model::{Inference, InferenceKind, Map, Pos, Role, Statement, ids::is_valid_id};

/// Longest first label line read as a title, in characters.
pub const TITLE_MAX_CHARS: usize = 60;
/// DOT files larger than this are refused, in bytes.
pub const MAX_DOT_BYTES: usize = 64 * 1024 * 1024;

/// How to import DOT.
#[derive(Clone, Debug, Default)]
pub struct DotImportOptions {
    /// The map title when the graph has no name or `label`.
    pub title: Option<String>,
    /// Read no titles from labels: every label is all text.
    pub no_titles: bool,
}

/// Imports DOT `text`.
///
/// # Errors
/// [`LoadErrorKind::TooLarge`], or [`LoadErrorKind::Invalid`] naming a
/// syntax error with its line and column.
pub fn import(text: &str, options: &DotImportOptions) -> Result<Loaded, LoadError> {
    if text.len() > MAX_DOT_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge {
            size: text.len() as u64,
            limit: MAX_DOT_BYTES as u64,
        }));
    }
    let graph = parse::parse(text).map_err(|e| {
        let mut err = LoadError::new(LoadErrorKind::Invalid(format!(
            "not valid DOT: {}",
            e.message
        )));
        err.at.line = Some(e.line);
        err.at.column = Some(e.column);
        err
    })?;
    Ok(Builder::new(&graph, options).build(&graph))
}

fn at_line(line: usize) -> Option<Location> {
    Some(Location {
        line: Some(line),
        ..Location::default()
    })
}

struct Builder {
    map: Map,
    warnings: Vec<Warning>,
    /// DOT id → map id.
    ids: HashMap<String, String>,
    used: HashSet<String>,
    next: usize,
    ignored: BTreeSet<String>,
    top_y: f32,
    no_titles: bool,
}

/// Attributes the importer reads or that only style the drawing.
const KNOWN: [&str; 9] = [
    "label",
    "xlabel",
    "tooltip",
    "pos",
    "fillcolor",
    "comment",
    "shape",
    "color",
    "style",
];

impl Builder {
    fn new(graph: &DotGraph, options: &DotImportOptions) -> Self {
        let title = graph
            .attrs
            .get("label")
            .cloned()
            .or_else(|| graph.name.clone())
            .filter(|t| !t.trim().is_empty())
            .or_else(|| options.title.clone())
            .unwrap_or_else(|| "Imported DOT".into());
        let top_y = graph
            .nodes
            .iter()
            .filter_map(|n| pos_of(&n.attrs))
            .map(|(_, y)| y)
            .fold(f32::MIN, f32::max);
        Builder {
            map: Map::new(title.replace('\n', " ")),
            warnings: Vec::new(),
            ids: HashMap::default(),
            used: HashSet::default(),
            next: 1,
            ignored: BTreeSet::new(),
            top_y,
            no_titles: options.no_titles,
        }
    }

    fn fresh_id(&mut self, dot_id: &str, prefix: char) -> String {
        let id = if is_valid_id(dot_id) && !self.used.contains(dot_id) {
            dot_id.to_owned()
        } else {
            loop {
                let id = format!("{prefix}{}", self.next);
                self.next += 1;
                if !self.used.contains(&id) {
                    break id;
                }
            }
        };
        self.used.insert(id.clone());
        id
    }

    fn pos(&self, attrs: &Attrs) -> Option<Pos> {
        pos_of(attrs).map(|(x, y)| Pos::new(x, self.top_y - y))
    }

    fn build(mut self, graph: &DotGraph) -> Loaded {
        let mut inference_nodes: Vec<&DotNode> = Vec::new();
        for node in &graph.nodes {
            for key in node.attrs.keys() {
                if !KNOWN.contains(&key.as_str()) {
                    self.ignored.insert(key.clone());
                }
            }
            if inference_kind(&node.attrs).is_some() {
                inference_nodes.push(node);
                continue;
            }
            self.statement(node, graph);
        }
        let inference_ids: HashSet<&str> = inference_nodes.iter().map(|n| n.id.as_str()).collect();
        // Premises and targets of the inference nodes.
        let mut premises: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut targets: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut direct = Vec::new();
        for e in &graph.edges {
            let (from_inf, to_inf) = (
                inference_ids.contains(e.from.as_str()),
                inference_ids.contains(e.to.as_str()),
            );
            if to_inf && !from_inf {
                premises.entry(&e.to).or_default().push(&e.from);
            } else if from_inf {
                targets.entry(&e.from).or_default().push(&e.to);
            } else {
                direct.push(e);
            }
        }
        // Inference nodes in an order where targets that are inferences
        // come first, so undercuts find their target.
        let mut pending: Vec<&DotNode> = inference_nodes;
        let mut progress = true;
        while progress && !pending.is_empty() {
            progress = false;
            let mut later = Vec::new();
            for node in pending {
                let target = targets.get(node.id.as_str()).and_then(|t| t.first());
                let ready = target.is_none_or(|t| self.ids.contains_key(*t));
                if ready {
                    self.inference_node(node, &premises, &targets);
                    progress = true;
                } else {
                    later.push(node);
                }
            }
            pending = later;
        }
        for node in pending {
            self.warnings.push(Warning {
                at: at_line(node.line),
                message: format!(
                    "inference node '{}' is part of a cycle of inferences; skipped",
                    node.id
                ),
            });
        }
        for e in direct {
            let (Some(from), Some(to)) = (self.ids.get(&e.from), self.ids.get(&e.to)) else {
                continue;
            };
            let (from, to) = (from.clone(), to.clone());
            let id = self.fresh_id("", 'i');
            let inference = Inference::new(edge_kind(&e.attrs));
            if let Err(err) = self
                .map
                .add_inference(&id, inference, &[&from], &to, None, false)
            {
                self.warnings.push(Warning {
                    at: at_line(e.line),
                    message: format!("edge {} -> {} not kept: {err}", e.from, e.to),
                });
            }
        }
        if !self.ignored.is_empty() {
            let names: Vec<&str> = self.ignored.iter().map(String::as_str).collect();
            self.warnings.push(Warning {
                at: None,
                message: format!(
                    "node attributes with no place in the map (drawing only): {}; dropped",
                    names.join(", ")
                ),
            });
        }
        Loaded {
            map: self.map,
            warnings: self.warnings,
        }
    }

    fn statement(&mut self, node: &DotNode, graph: &DotGraph) {
        let label = node
            .attrs
            .get("label")
            .map_or_else(|| node.id.clone(), |l| label_text(l, &node.id, graph));
        let (title, text) = if self.no_titles {
            (String::new(), label)
        } else {
            split_title(&label)
        };
        let role = node
            .attrs
            .get("fillcolor")
            .and_then(|c| role_of_colour(c))
            .unwrap_or_default();
        let mut tags: Vec<String> = Vec::new();
        for g in &node.groups {
            let g = g.trim().replace('\n', " ");
            if !g.is_empty() && !tags.contains(&g) {
                tags.push(g);
            }
        }
        let st = Statement {
            text,
            title,
            role,
            tags,
            notes: node.attrs.get("comment").cloned().unwrap_or_default(),
            evidence: Vec::new(),
        };
        let id = self.fresh_id(&node.id, 's');
        let pos = self.pos(&node.attrs);
        match self.map.add_statement(&id, st, pos, false) {
            Ok(_) => {
                self.ids.insert(node.id.clone(), id);
            }
            Err(e) => self.warnings.push(Warning {
                at: at_line(node.line),
                message: format!("node '{}' not kept: {e}", node.id),
            }),
        }
    }

    fn inference_node(
        &mut self,
        node: &DotNode,
        premises: &HashMap<&str, Vec<&str>>,
        targets: &HashMap<&str, Vec<&str>>,
    ) {
        let kind = inference_kind(&node.attrs).unwrap_or_default();
        let premise_ids: Vec<String> = premises
            .get(node.id.as_str())
            .into_iter()
            .flatten()
            .filter_map(|p| self.ids.get(*p).cloned())
            .collect();
        let target_list = targets.get(node.id.as_str()).cloned().unwrap_or_default();
        let warn = |message: String| Warning {
            at: at_line(node.line),
            message,
        };
        if target_list.len() > 1 {
            self.warnings.push(warn(format!(
                "inference node '{}' points at {} nodes; only the first is its target",
                node.id,
                target_list.len()
            )));
        }
        let Some(target) = target_list.first().and_then(|t| self.ids.get(*t)).cloned() else {
            self.warnings.push(warn(format!(
                "inference node '{}' points at nothing; skipped",
                node.id
            )));
            return;
        };
        if premise_ids.is_empty() {
            self.warnings.push(warn(format!(
                "inference node '{}' has no premise; skipped",
                node.id
            )));
            return;
        }
        let title = node.attrs.get("xlabel").cloned().unwrap_or_default();
        let scheme = node
            .attrs
            .get("tooltip")
            .map(|t| {
                let rest = t.strip_prefix(title.as_str()).unwrap_or(t);
                let rest = rest.strip_prefix(" — ").unwrap_or(rest);
                if rest == title { "" } else { rest }.trim().to_owned()
            })
            .unwrap_or_default();
        let inference = Inference {
            kind,
            title,
            scheme,
            ..Inference::default()
        };
        let id = self.fresh_id(&node.id, 'i');
        let refs: Vec<&str> = premise_ids.iter().map(String::as_str).collect();
        let pos = self.pos(&node.attrs);
        match self
            .map
            .add_inference(&id, inference, &refs, &target, pos, false)
        {
            Ok(_) => {
                self.ids.insert(node.id.clone(), id);
            }
            Err(e) => self
                .warnings
                .push(warn(format!("inference node '{}' not kept: {e}", node.id))),
        }
    }
}

/// `pos="x,y"` or `"x,y!"` in points.
fn pos_of(attrs: &Attrs) -> Option<(f32, f32)> {
    let p = attrs.get("pos")?.trim().trim_end_matches('!');
    let (x, y) = p.split_once(',')?;
    let num = |s: &str| {
        s.trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= 1.0e7)
    };
    Some((num(x)?, num(y)?))
}

/// The kind of an inference node, or `None` for a statement.
fn inference_kind(attrs: &Attrs) -> Option<InferenceKind> {
    let shape = attrs.get("shape").map(|s| s.to_lowercase());
    if !matches!(
        shape.as_deref(),
        Some("circle" | "point" | "doublecircle" | "smallcircle")
    ) {
        return None;
    }
    match attrs.get("label").map(|l| l.trim()).unwrap_or("") {
        "+" => Some(InferenceKind::Support),
        "−" | "-" | "–" => Some(InferenceKind::Conflict),
        "=" => Some(InferenceKind::Rephrase),
        "" => Some(
            attrs
                .get("fillcolor")
                .or_else(|| attrs.get("color"))
                .map_or(InferenceKind::Support, |c| {
                    if is_red(c) {
                        InferenceKind::Conflict
                    } else {
                        InferenceKind::Support
                    }
                }),
        ),
        _ => None,
    }
}

/// The kind of a direct statement-to-statement edge, from its label and
/// colour: words and signs of attack, red colours, or `rephrase`.
pub fn edge_kind(attrs: &Attrs) -> InferenceKind {
    let label = attrs
        .get("label")
        .or_else(|| attrs.get("xlabel"))
        .map(|l| l.to_lowercase())
        .unwrap_or_default();
    let label = label.trim();
    const ATTACK: [&str; 7] = [
        "con", "attack", "against", "object", "rebut", "undercut", "contra",
    ];
    if matches!(label, "-" | "−" | "–") || ATTACK.iter().any(|w| label.contains(w)) {
        return InferenceKind::Conflict;
    }
    if label.contains("rephrase") || label == "=" {
        return InferenceKind::Rephrase;
    }
    if ["support", "pro", "+", "for"]
        .iter()
        .any(|w| label.contains(w))
    {
        return InferenceKind::Support;
    }
    if attrs.get("color").is_some_and(|c| is_red(c)) {
        return InferenceKind::Conflict;
    }
    InferenceKind::Support
}

/// Whether a Graphviz colour is red-ish (a named red or an RGB value with
/// red well above green and blue).
fn is_red(colour: &str) -> bool {
    let c = colour.trim().to_lowercase();
    if [
        "red",
        "crimson",
        "firebrick",
        "darkred",
        "red3",
        "red4",
        "tomato",
        "orangered",
    ]
    .contains(&c.as_str())
    {
        return true;
    }
    let hex = c.trim_start_matches('#');
    if hex.len() >= 6 && c.starts_with('#') {
        let byte =
            |k: usize| u8::from_str_radix(hex.get(k..k + 2).unwrap_or("00"), 16).unwrap_or(0);
        let (r, g, b) = (byte(0) as i32, byte(2) as i32, byte(4) as i32);
        return r > 150 && r - g > 80 && r - b > 80;
    }
    false
}

/// The role Argmap's own export gave a fill colour.
fn role_of_colour(colour: &str) -> Option<Role> {
    match colour.trim().to_uppercase().as_str() {
        "#FFE08A" => Some(Role::Thesis),
        "#DDEBFF" => Some(Role::Premise),
        "#E3F4E3" => Some(Role::Evidence),
        "#F2F2F2" => Some(Role::Note),
        _ => None,
    }
}

/// A label's text: HTML reduced to text, escString escapes read.
fn label_text(label: &str, id: &str, graph: &DotGraph) -> String {
    let looks_html = label.contains('<') && label.contains('>');
    if looks_html {
        return html_text(label);
    }
    let mut out = String::with_capacity(label.len());
    let mut chars = label.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some('N') => out.push_str(id),
            Some('G') => out.push_str(graph.name.as_deref().unwrap_or("")),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The text of an HTML label: tags removed (`<br/>` a line break), the
/// five XML entities and numeric references decoded.
fn html_text(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = &rest[start..];
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_lowercase();
        if tag.starts_with("br") || tag == "/tr" {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes `&amp; &lt; &gt; &quot; &apos;` and `&#N;`/`&#xN;`; anything
/// else stays as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name.strip_prefix('#').and_then(|n| {
                let v = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse().ok(),
                };
                v.and_then(char::from_u32)
            }),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `title\ntext` when the first line looks like a title.
fn split_title(label: &str) -> (String, String) {
    if let Some((first, rest)) = label.split_once('\n') {
        let first_t = first.trim();
        let short = first_t.chars().count() <= TITLE_MAX_CHARS;
        let sentence_end = first_t.ends_with(['.', '!', '?', ':', ';', ',', '…']);
        if short && !first_t.is_empty() && !sentence_end && !rest.trim().is_empty() {
            return (first_t.to_owned(), rest.to_owned());
        }
    }
    (String::new(), label.to_owned())
}

#[cfg(test)]
mod tests;
